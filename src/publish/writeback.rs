//! Writing the new site's pages back to disk while it is still being
//! built. Before the site is swapped in, `record::sync` syncs the
//! filesystem of the releases' records, which, when the site is on the
//! same one, also puts every page on disk: on a first publication of
//! 10,000 releases that is a quarter of a gigabyte, all of it written
//! after the last page, while the cores wait. Asking the kernel to write
//! back what is already built, every so often during the build, does that
//! disk work while the cores render, and leaves the final sync little to
//! do. It changes nothing bitext promises: the pages were never synced
//! one by one, and the final sync still comes before the swap.

use std::path::Path;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// How often the build's pages are handed to the disk: often enough that
/// little is left at the end, seldom enough that the journal commits each
/// sync makes stay few.
const EVERY: Duration = Duration::from_millis(250);

/// Runs `build`, syncing the filesystem that holds `dir` every `EVERY`
/// on a thread of its own until `build` returns (or panics). Where the
/// system cannot sync one filesystem, or `dir` cannot be opened, `build`
/// just runs.
pub fn while_building<T>(dir: &Path, build: impl FnOnce() -> T) -> T {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if let Ok(folder) = std::fs::File::open(dir) {
        let finished = Finished::default();
        return std::thread::scope(|scope| {
            scope.spawn(|| {
                while !finished.wait(EVERY) {
                    // A failed write-back costs only the head start: the
                    // final sync reports what cannot be written.
                    let _ = rustix::fs::syncfs(&folder);
                }
            });
            let _done = Done(&finished);
            build()
        });
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let _ = dir;
    build()
}

/// Whether the build has returned, and a way to wake the writer when it
/// does, so that it stops at once rather than after its next pause.
#[derive(Default)]
struct Finished {
    done: Mutex<bool>,
    wake: Condvar,
}

impl Finished {
    /// Waits up to `pause`; whether the build has returned.
    fn wait(&self, pause: Duration) -> bool {
        let done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        if *done {
            return true;
        }
        *self
            .wake
            .wait_timeout(done, pause)
            .unwrap_or_else(|e| e.into_inner())
            .0
    }
}

/// Marks the build returned when dropped, on success, error or panic
/// alike, so that the writer's thread always ends and the scope with it.
struct Done<'a>(&'a Finished);

impl Drop for Done<'_> {
    fn drop(&mut self) {
        *self.0.done.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.0.wake.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_runs_once_and_its_result_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut runs = 0;
        let out = while_building(dir.path(), || {
            runs += 1;
            std::fs::write(dir.path().join("page.html"), "page").unwrap();
            42
        });
        assert_eq!((out, runs), (42, 1));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("page.html")).unwrap(),
            "page"
        );
    }

    #[test]
    fn a_build_that_panics_does_not_leave_the_writer_running() {
        let dir = tempfile::tempdir().unwrap();
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            while_building(dir.path(), || panic!("a failed build"))
        }));
        assert!(caught.is_err());
    }

    #[test]
    fn a_missing_folder_only_skips_the_write_back() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("gone");
        assert_eq!(while_building(&missing, || "built"), "built");
    }
}
