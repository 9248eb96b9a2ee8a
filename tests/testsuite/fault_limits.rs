//! A full disk and read-only targets (issue 12). Without root no small
//! filesystem can be mounted, so a full disk is made with RLIMIT_FSIZE:
//! the binary is started with a file size limit and SIGXFSZ ignored (an
//! ignored signal stays ignored across exec), so that a write past the
//! limit fails with EFBIG, as a write to a full disk fails with ENOSPC.
//! Either way: exit 2 with the file named, every file as it was, no
//! temporary file left.

#![cfg(unix)]

use std::os::unix::process::CommandExt;

use crate::fault::{command, files, litter, slugs, BY};
use crate::util::Scratch;

const AFTER_EMBARGO: &str = "2025-06-01T09:00:00+01:00";

/// Runs `bitext ARGS` where no file can grow past `limit` bytes.
pub fn run_with_file_limit(ws: &Scratch, args: &[&str], limit: u64) -> (i32, String) {
    let mut cmd = command(ws.path(), args);
    // SAFETY: between fork and exec only async-signal-safe calls are made
    // (setrlimit and signal), and nothing is allocated.
    unsafe {
        cmd.pre_exec(move || {
            let rlimit = libc::rlimit {
                rlim_cur: limit as libc::rlim_t,
                rlim_max: limit as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rlimit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let output = cmd.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Something for each writing command to write: a French edit in every
/// release, a no-break space taken out, and a revised XLIFF file.
fn writable(fixture: &str) -> Scratch {
    let ws = Scratch::fixture(fixture);
    let names = slugs(&ws);
    for slug in &names {
        let path = format!("releases/{slug}/fr.md");
        let text = ws.read(&path);
        ws.write(&path, &text.replacen("\u{a0}:", " :", 1));
    }
    let mut export = vec!["xliff", "export", "--all", "-o", "x.xlf"];
    export.extend(names.iter().map(String::as_str));
    assert_eq!(
        command(ws.path(), &export).output().unwrap().status.code(),
        Some(0)
    );
    let xlf = ws.read("x.xlf");
    ws.write("x.xlf", &xlf.replace("</target>", " (revu)</target>"));
    ws
}

fn commands() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("core", vec!["sign-off", "--all", "--force", "--by", BY]),
        ("core", vec!["check", "--fix"]),
        ("core", vec!["xliff", "import", "x.xlf"]),
        ("publish", vec!["publish", "--now", AFTER_EMBARGO]),
    ]
}

/// Issue 12: on a full disk (here a file size limit smaller than every
/// file the command writes), `sign-off`, `check --fix`, `xliff import` and
/// `publish` exit 2 naming the file they could not write, and leave every
/// file as it was and no temporary file behind.
#[test]
fn a_full_disk_fails_with_the_file_named_and_changes_nothing() {
    for (fixture, args) in commands() {
        let ws = writable(fixture);
        let before = files(ws.path());
        // The command does write without the limit (on a copy).
        let copy = Scratch::empty();
        crate::util::copy_dir(ws.path(), copy.path());
        let whole = command(copy.path(), &args).output().unwrap();
        assert_ne!(
            whole.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&whole.stderr)
        );
        assert!(files(copy.path()) != before, "{args:?} writes nothing here");

        let (code, stderr) = run_with_file_limit(&ws, &args, 64);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("File too large"), "{args:?}: {stderr}");
        let named = stderr.contains(&ws.path().display().to_string()) || stderr.contains("releases/");
        assert!(named, "{args:?}: no file named: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(files(ws.path()) == before, "{args:?} changed a file");
        assert!(litter(ws.path()).is_empty(), "{args:?}: {:?}", litter(ws.path()));
    }
}

/// A disk that fills up part way through a run: the first files fit, a
/// later one does not (the limit falls between the sizes of the files the
/// whole run writes). Every file of the run is staged before any is
/// replaced, so `check --fix`, `sign-off` and `xliff import` change
/// nothing.
#[test]
fn a_disk_full_part_way_through_a_run_changes_no_file() {
    for (_, args) in commands().into_iter().filter(|(fixture, _)| *fixture == "core") {
        let ws = writable("core");
        let before = files(ws.path());
        let copy = Scratch::empty();
        crate::util::copy_dir(ws.path(), copy.path());
        assert_ne!(
            command(copy.path(), &args).output().unwrap().status.code(),
            Some(2)
        );
        let mut sizes: Vec<u64> = files(copy.path())
            .into_iter()
            .filter(|(name, bytes)| before.get(name) != Some(bytes))
            .map(|(_, bytes)| bytes.len() as u64)
            .collect();
        sizes.sort();
        assert!(sizes.len() >= 2, "{args:?} writes fewer than two files");
        let limit = (sizes[0] + sizes[sizes.len() - 1]) / 2;
        assert!(sizes[0] < limit, "{args:?}: {sizes:?}");
        let (code, stderr) = run_with_file_limit(&ws, &args, limit);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("File too large"), "{args:?}: {stderr}");
        assert!(files(ws.path()) == before, "{args:?}: a file changed");
        assert!(litter(ws.path()).is_empty(), "{args:?}");
    }
}

/// A read-only `fr.md`, `bitext.lock` or release folder is the owner's
/// "do not change": refused with its name and exit 2, even for root, and
/// nothing else is written either.
#[test]
fn read_only_targets_are_refused_with_their_name() {
    use std::os::unix::fs::PermissionsExt;
    let cases: [(&str, Vec<&str>, &str); 5] = [
        (
            "core",
            vec!["check", "--fix"],
            "releases/exercise-channel-shield/fr.md",
        ),
        (
            "core",
            vec!["xliff", "import", "x.xlf"],
            "releases/exercise-channel-shield/fr.md",
        ),
        (
            "core",
            vec!["sign-off", "--all", "--force", "--by", BY],
            "releases/exercise-channel-shield/bitext.lock",
        ),
        ("core", vec!["check", "--fix"], "releases/exercise-channel-shield"),
        (
            "core",
            vec!["sign-off", "--all", "--force", "--by", BY],
            "releases/exercise-channel-shield",
        ),
    ];
    for (fixture, args, target) in cases {
        let ws = writable(fixture);
        let path = ws.file(target);
        let mode = if path.is_dir() { 0o555 } else { 0o444 };
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        let before = files(ws.path());
        let output = command(ws.path(), &args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode | 0o200)).unwrap();
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?} on read-only {target}: {stderr}"
        );
        assert!(stderr.contains(target), "{args:?}: {stderr}");
        assert!(stderr.contains("read-only"), "{args:?}: {stderr}");
        assert!(
            files(ws.path()) == before,
            "{args:?} on read-only {target}: a file changed"
        );
        assert!(litter(ws.path()).is_empty());
    }
}

/// A publication records every release it publishes in one all-or-nothing
/// step, and must not hold a file open per release: a first publication
/// of an adopted site records thousands, and many systems let a process
/// hold only 1,024 files open. Here 80 releases are published by a
/// process allowed 64 open files.
#[test]
fn a_publication_of_more_releases_than_open_files_allowed_succeeds() {
    let ws = Scratch::fixture("publish");
    eighty_copies(&ws, true);
    run_with_few_files(&ws, &["publish", "--now", AFTER_EMBARGO]);
    for n in [0, 79] {
        let meta = ws.read(&format!("releases/chiefs-meeting-{n:02}/release.toml"));
        assert!(meta.contains("status = \"published\""), "{meta}");
    }
}

/// `sign-off --all` stages every new record until all are decided, and
/// must not hold a file open per record either: a first sign-off of an
/// adopted workspace writes thousands. Here 80 releases without a record
/// are signed off by a process allowed 64 open files.
#[test]
fn a_sign_off_of_more_releases_than_open_files_allowed_succeeds() {
    let ws = Scratch::fixture("publish");
    eighty_copies(&ws, false);
    run_with_few_files(&ws, &["sign-off", "--all", "--by", BY]);
    for n in [0, 79] {
        let lock = ws.read(&format!("releases/chiefs-meeting-{n:02}/bitext.lock"));
        assert!(lock.contains(BY), "{lock}");
    }
}

/// Eighty copies of one approved release of the `publish` fixture, each
/// with its own slugs; with its sign-off record or without.
fn eighty_copies(ws: &Scratch, with_lock: bool) {
    let reference = "uk-france-military-chiefs-meeting";
    for n in 0..80 {
        let copy = format!("releases/chiefs-meeting-{n:02}");
        std::fs::create_dir_all(ws.file(&copy)).unwrap();
        for entry in std::fs::read_dir(ws.file(&format!("releases/{reference}"))).unwrap() {
            let entry = entry.unwrap();
            if with_lock || entry.file_name() != "bitext.lock" {
                std::fs::copy(entry.path(), ws.file(&copy).join(entry.file_name())).unwrap();
            }
        }
        let meta = format!("{copy}/release.toml");
        let text = ws.read(&meta);
        ws.write(
            &meta,
            &text
                .replace("-meet\"", &format!("-meet-{n:02}\""))
                .replace("-major\"", &format!("-major-{n:02}\"")),
        );
    }
}

/// Runs bitext allowed 64 open files, and asserts it succeeded.
fn run_with_few_files(ws: &Scratch, args: &[&str]) {
    const LIMIT: u64 = 64;
    let mut cmd = command(ws.path(), args);
    // SAFETY: between fork and exec only setrlimit is called, and nothing
    // is allocated.
    unsafe {
        cmd.pre_exec(|| {
            let rlimit = libc::rlimit {
                rlim_cur: LIMIT as libc::rlim_t,
                rlim_max: LIMIT as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &rlimit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let output = cmd.output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
}
