//! Fault tests (issue 12): the real binary killed with `kill -9` at random
//! points while it writes (`sign-off`, `check --fix`, `xliff import`), and
//! the stale temporary files a killed writer leaves. The harness here is
//! shared with `fault_limits.rs` (full disk, read-only targets) and
//! `fault_concurrent.rs` (two writers at once).
//!
//! Each kill test runs a bounded loop with a seeded generator: before each
//! kill the same command runs to completion on a copy of the workspace (the
//! "new" state, with the signer and the time pinned), then the command is
//! started on the workspace and killed after a random delay between 0 and
//! that run's duration. Afterwards every file is its old bytes or its new
//! bytes, `bitext check` still reads everything (exit 0 or 1, never 2), and
//! after one normal run no temporary file survives. `BITEXT_FAULT_ITERATIONS`
//! sets the kills per command (`.ci/run` runs more than `cargo test`).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{copy_dir, Scratch};

/// Kills per command in `cargo test`, unless `BITEXT_FAULT_ITERATIONS` says.
const DEFAULT_ITERATIONS: usize = 5;

/// The signer and time every run of the fault tests records.
pub const BY: &str = "Fault Test <fault@example.org>";
pub const EPOCH: &str = "1750000000";

pub fn iterations() -> usize {
    std::env::var("BITEXT_FAULT_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_ITERATIONS)
}

/// A small seeded generator (splitmix64): the same kill points on every run
/// for one seed, so a failure can be replayed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..=max`.
    pub fn upto(&mut self, max: u64) -> u64 {
        self.next() % (max + 1)
    }
}

/// The three signed-off releases of `tests/fixtures/core`, each copied
/// under `copies` names in all (12 releases for 4): enough work that a
/// kill can land in the middle of a run.
pub fn workspace(copies: usize) -> Scratch {
    let ws = Scratch::fixture("core");
    let releases = ws.file("releases");
    let slugs: Vec<String> = std::fs::read_dir(&releases)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for slug in &slugs {
        for n in 2..=copies {
            copy_dir(&releases.join(slug), &releases.join(format!("{slug}-{n}")));
        }
    }
    ws
}

/// The release folders of a workspace made by [`workspace`].
pub fn slugs(ws: &Scratch) -> Vec<String> {
    let mut slugs: Vec<String> = std::fs::read_dir(ws.file("releases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    slugs.sort();
    slugs
}

/// Every file under `dir`, by path relative to it, with its bytes (the
/// check cache included: see [`without_cache`] for how it is judged).
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(root, &path, out);
            } else {
                let name = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// bitext's own leftovers: temporary files and staging folders, anywhere
/// in the workspace.
pub fn litter(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".bitext-") || name.contains(".bitext-new-") || name.contains(".bitext-old-")
            {
                out.push(entry.path().display().to_string());
            }
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out
}

/// The real binary with the environment of `util::bitext` and the signer
/// and time pinned.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bitext"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null());
    cmd
}

/// Runs the command to completion; its exit code and how long it took.
pub fn run_timed(dir: &Path, args: &[&str]) -> (i32, Duration) {
    let started = Instant::now();
    let output = command(dir, args).output().unwrap();
    assert_ne!(
        output.status.code(),
        Some(2),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), started.elapsed())
}

/// Starts the command and sends it SIGKILL after `delay`; whether it had
/// already finished.
pub fn kill_after(dir: &Path, args: &[&str], delay: Duration) -> bool {
    let mut child = command(dir, args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let finished = child.try_wait().unwrap().is_some();
    // `Child::kill` is SIGKILL on Unix: no handler, no clean-up.
    let _ = child.kill();
    child.wait().unwrap();
    finished
}

/// The check cache's folder (`src/cache.rs`), relative to the workspace.
const CACHE_DIR: &str = ".bitext/cache/";

/// Whether `name` is a check cache file: the one file whose whole, valid
/// contents differ between two workspaces in the same state, since it
/// keeps each file's stat key (inode, times) once the file is more than
/// two seconds old.
fn is_cache_file(name: &str) -> bool {
    name.strip_prefix(CACHE_DIR)
        .is_some_and(|file| file.starts_with("check-") && file.ends_with(".cache"))
}

/// A check cache file as `src/cache.rs` writes it, whole: its first line,
/// the settings line, the parts each holding its checksum, the index of
/// one line per release starting with its checksum, the index's offset.
fn assert_cache_whole(name: &str, bytes: &[u8], context: &str) {
    let whole = bytes.starts_with(b"bitext-check-cache 5\n") && crate::cache::cache_entries(bytes).is_some();
    assert!(whole, "{context}: {name} is not a whole check cache");
}

/// The files of a workspace without its check cache, which is judged
/// whole instead: the cache keeps the stat keys (inode, times) of the
/// files of its own workspace once they are two seconds old, so two
/// workspaces in the same state, one of them a fresh copy, have different
/// valid caches.
pub fn without_cache(mut files: BTreeMap<String, Vec<u8>>, context: &str) -> BTreeMap<String, Vec<u8>> {
    files.retain(|name, bytes| {
        let cache = is_cache_file(name);
        if cache {
            assert_cache_whole(name, bytes, context);
        }
        !cache
    });
    files
}

/// Each file is its bytes before the run or its bytes after a whole run;
/// bitext's temporary files are left for [`litter`] to judge. The check
/// cache is judged whole rather than old or new: a run that finishes
/// before its kill writes stat keys of this workspace's files where the
/// reference run, on a fresh copy whose files are all too young to be
/// trusted by their stat, wrote none (the cause of a flaky failure under
/// load, when the workspace's files had aged past two seconds).
pub fn assert_old_or_new(
    old: &BTreeMap<String, Vec<u8>>,
    new: &BTreeMap<String, Vec<u8>>,
    now: &BTreeMap<String, Vec<u8>>,
    context: &str,
) {
    for (name, bytes) in now {
        let base = name.rsplit('/').next().unwrap();
        if base.starts_with(".bitext-") {
            continue;
        }
        if is_cache_file(name) {
            assert_cache_whole(name, bytes, context);
            continue;
        }
        let (was, will) = (old.get(name), new.get(name));
        assert!(
            was == Some(bytes) || will == Some(bytes),
            "{context}: {name} is neither its old nor its new content:\n{}",
            String::from_utf8_lossy(bytes)
        );
    }
    for name in old.keys().chain(new.keys()) {
        let base = name.rsplit('/').next().unwrap();
        if base.starts_with(".bitext-") {
            continue;
        }
        let kept_or_made = now.contains_key(name) || !old.contains_key(name) || !new.contains_key(name);
        assert!(kept_or_made, "{context}: {name} disappeared");
    }
}

/// `bitext check` still reads every release, lock and locale file: exit 0
/// or 1 (findings), never 2 (could not read).
pub fn assert_readable(dir: &Path, context: &str) {
    let output = command(dir, &["check", "--format", "json"]).output().unwrap();
    let code = output.status.code();
    assert!(
        code == Some(0) || code == Some(1),
        "{context}: check exited {code:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The kill loop shared by the commands: `prepare` changes the workspace
/// before each kill (so that the command has something to write), `args`
/// is the command. Returns (kills, kills that landed before the command
/// finished).
pub fn kill_loop(
    ws: &Scratch,
    seed: u64,
    args: &[&str],
    mut prepare: impl FnMut(&Scratch, usize),
) -> (usize, usize) {
    let mut rng = Rng::new(seed);
    let (mut during, mut littered) = (0, 0);
    let n = iterations();
    let reference = tempfile::tempdir().unwrap();
    for i in 0..n {
        prepare(ws, i);
        let old = files(ws.path());
        // The whole run, on a copy of the same state: what "new" is.
        let copy = reference.path().join(format!("run-{i}"));
        copy_dir(ws.path(), &copy);
        let (_, took) = run_timed(&copy, args);
        let new = files(&copy);
        std::fs::remove_dir_all(&copy).unwrap();
        let delay = Duration::from_millis(rng.upto(took.as_millis() as u64));
        let context = format!("{args:?} killed after {delay:?} (iteration {i}, seed {seed})");
        if !kill_after(ws.path(), args, delay) {
            during += 1;
        }
        if !litter(ws.path()).is_empty() {
            littered += 1;
        }
        let now = files(ws.path());
        assert_old_or_new(&old, &new, &now, &context);
        assert_readable(ws.path(), &context);
    }
    // The next normal run cleans what the killed ones left.
    prepare(ws, n);
    let (code, _) = run_timed(ws.path(), args);
    assert!(code == 0 || code == 1, "{args:?} after the kills exited {code}");
    let left = litter(ws.path());
    assert!(left.is_empty(), "{args:?}: litter after the next run: {left:?}");
    assert_readable(ws.path(), "after the next run");
    eprintln!(
        "{args:?}: {n} kills, {during} before the command finished, \
         {littered} leaving temporary files (all gone after the next run)"
    );
    (n, during)
}

/// Changes the first paragraph of every French document (a French edit
/// that sign-off approves), differently on each iteration.
fn edit_french(ws: &Scratch, i: usize) {
    for slug in slugs(ws) {
        let path = format!("releases/{slug}/fr.md");
        let text = ws.read(&path);
        let mut blocks: Vec<String> = text.split("\n\n").map(str::to_owned).collect();
        let first = &mut blocks[1];
        if let Some(at) = first.find(" Révision ") {
            first.truncate(at);
        }
        first.push_str(&format!(" Révision {i}."));
        ws.write(&path, &blocks.join("\n\n"));
    }
}

/// Issue 12: a killed sign-off left `.bitext-*` temporary files. Sign-offs
/// of 12 releases killed at random points leave every lock whole (old or
/// new), and the next sign-off leaves no temporary file.
#[test]
fn killed_sign_offs_leave_whole_locks_and_no_litter_after_the_next_run() {
    let ws = workspace(4);
    let (kills, during) = kill_loop(&ws, 0x0516_10ff, &["sign-off", "--all", "--by", BY], edit_french);
    assert!(during > 0, "no kill of {kills} landed during a sign-off");
}

/// Takes the no-break spaces out of the French (`Royaume-Uni :` → a plain
/// space), on a different release set each time, for `check --fix` to
/// put back.
fn break_spacing(ws: &Scratch, i: usize) {
    for (n, slug) in slugs(ws).into_iter().enumerate() {
        if (n + i).is_multiple_of(3) {
            continue;
        }
        let path = format!("releases/{slug}/fr.md");
        let text = ws.read(&path);
        ws.write(&path, &text.replace("\u{a0}:", " :").replace("\u{a0}»", " »"));
    }
}

/// `check --fix` killed at random points: each French file is as it was
/// or wholly fixed, and the next run leaves no temporary file.
#[test]
fn killed_fixes_leave_whole_files_and_no_litter_after_the_next_run() {
    let ws = workspace(4);
    let spaced = slugs(&ws)
        .iter()
        .filter(|s| ws.read(&format!("releases/{s}/fr.md")).contains("\u{a0}:"))
        .count();
    assert!(spaced > 0, "the fixture has no French colon to break");
    let (kills, during) = kill_loop(&ws, 0xf1c5, &["check", "--fix"], break_spacing);
    assert!(during > 0, "no kill of {kills} landed during a fix");
}

/// Exports every pair of every release to XLIFF and revises each target,
/// as a translator's CAT tool would, for `xliff import` to write.
fn revise_xliff(ws: &Scratch, i: usize) {
    let slugs = slugs(ws);
    let mut args = vec!["xliff", "export", "--all", "-o", "revised.xlf"];
    args.extend(slugs.iter().map(String::as_str));
    let (code, _) = run_timed(ws.path(), &args);
    assert_eq!(code, 0);
    // Sign-off makes the imported French the signed-off French, so that
    // the next export is in sync again.
    let text = ws.read("revised.xlf");
    ws.write(
        "revised.xlf",
        &text.replace("</target>", &format!(" (révision {i})</target>")),
    );
}

/// `xliff import` of 12 releases killed at random points: each French file
/// is as it was or as the whole import writes it, and the next import
/// leaves no temporary file.
#[test]
fn killed_imports_leave_whole_files_and_no_litter_after_the_next_run() {
    let ws = workspace(4);
    let (kills, during) = kill_loop(&ws, 0x1a1f, &["xliff", "import", "revised.xlf"], revise_xliff);
    assert!(during > 0, "no kill of {kills} landed during an import");
}

/// A temporary file of a writer killed before it finished, made as
/// `src/atomic.rs` makes them: bitext's name, no process holding its lock.
pub fn stale_temp(ws: &Scratch, dir: &str, name: &str) {
    ws.write(&format!("{dir}/{name}"), "half a lock\n");
}

/// Issue 12: a killed sign-off left `.bitext-*` temporary files that no
/// later run removed. The next sign-off writing into that folder removes
/// those with bitext's temporary name that no live writer holds, and
/// nothing else: a file of the user's named like one is kept, and so is
/// the temporary file of a writer still at work (its lock is held).
#[cfg(unix)]
#[test]
fn a_sign_off_removes_stale_temporary_files_and_keeps_the_rest() {
    let ws = Scratch::fixture("core");
    let dir = "releases/exercise-channel-shield";
    stale_temp(&ws, dir, ".bitext-tmp-Ab12Cd34");
    stale_temp(&ws, dir, ".bitext-tmp-Zz99Yy88");
    ws.write(&format!("{dir}/.bitext-notes"), "the user's notes\n");
    ws.write(&format!("{dir}/.bitext-tmp-notes"), "the user's, too\n");
    ws.write(&format!("{dir}/.bitext-tmp-Ab12Cd345"), "one letter too many\n");
    // A writer at work: its temporary file is locked.
    stale_temp(&ws, dir, ".bitext-tmp-Live0001");
    let live = std::fs::File::open(ws.file(&format!("{dir}/.bitext-tmp-Live0001"))).unwrap();
    live.lock().unwrap();
    // A stale one in a folder this sign-off does not write: left for the
    // run that writes there.
    stale_temp(&ws, "releases/cadet-units-state-schools", ".bitext-tmp-Other001");
    ws.edit(
        &format!("{dir}/fr.md"),
        "ont entamé aujourd’hui",
        "ont commencé aujourd’hui",
    );
    let run = ws.run(&["sign-off", "exercise-channel-shield", "--by", BY]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let names: Vec<String> = files(&ws.file(dir)).into_keys().collect();
    assert_eq!(
        names,
        [
            ".bitext-notes",
            ".bitext-tmp-Ab12Cd345",
            ".bitext-tmp-Live0001",
            ".bitext-tmp-notes",
            "bitext.lock",
            "en.md",
            "fr.md",
            "release.toml"
        ]
    );
    assert_eq!(ws.read(&format!("{dir}/.bitext-notes")), "the user's notes\n");
    assert!(ws
        .file("releases/cadet-units-state-schools/.bitext-tmp-Other001")
        .exists());
    // Once its writer is gone, the next write there removes it.
    drop(live);
    ws.edit(&format!("{dir}/fr.md"), "ont commencé", "ont entamé");
    let run = ws.run(&["sign-off", "exercise-channel-shield", "--by", BY]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!ws.file(&format!("{dir}/.bitext-tmp-Live0001")).exists());
    assert!(ws.file(&format!("{dir}/.bitext-notes")).exists());
}

/// The same rule for `check --fix` and `xliff import`, which write the
/// French document: a stale temporary file beside it goes, the rest stays.
#[cfg(unix)]
#[test]
fn fix_and_import_remove_stale_temporary_files_beside_what_they_write() {
    let ws = Scratch::fixture("core");
    let dir = "releases/exercise-channel-shield";
    stale_temp(&ws, dir, ".bitext-tmp-Fix00001");
    ws.write(&format!("{dir}/.bitext-notes"), "kept\n");
    let text = ws.read(&format!("{dir}/fr.md"));
    assert!(text.contains("\u{a0}:"), "no colon to break");
    ws.write(&format!("{dir}/fr.md"), &text.replacen("\u{a0}:", " :", 1));
    let run = ws.run(&["check", "--fix"]);
    assert_ne!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_eq!(ws.read(&format!("{dir}/fr.md")), text);
    assert!(!ws.file(&format!("{dir}/.bitext-tmp-Fix00001")).exists());

    stale_temp(&ws, dir, ".bitext-tmp-Imp00001");
    let run = ws.run(&[
        "xliff",
        "export",
        "--all",
        "-o",
        "x.xlf",
        "exercise-channel-shield",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let xlf = ws.read("x.xlf");
    ws.write("x.xlf", &xlf.replacen("</target>", " (revu)</target>", 1));
    let run = ws.run(&["xliff", "import", "x.xlf"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(ws.read(&format!("{dir}/fr.md")).contains("(revu)"));
    assert!(!ws.file(&format!("{dir}/.bitext-tmp-Imp00001")).exists());
    assert_eq!(ws.read(&format!("{dir}/.bitext-notes")), "kept\n");
}
