//! Two writers at once (issue 12): the commands that write the workspace
//! take one write lock (a `flock` on `bitext.toml`, docs/security.md), so
//! that two runs at once give the output of one whole run after the other,
//! never a mix; the second waits, and says so.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::fault::{command, files, litter, slugs, without_cache, workspace, BY};
use crate::util::{copy_dir, Scratch};

/// A change for every command below to write: a French edit in each
/// release (for sign-off) and a no-break space taken out (for the fix).
fn prepare(ws: &Scratch, round: usize) {
    for slug in slugs(ws) {
        let path = format!("releases/{slug}/fr.md");
        let text = ws.read(&path);
        let mut blocks: Vec<String> = text.split("\n\n").map(str::to_owned).collect();
        blocks[1].push_str(&format!(" Tour {round}."));
        let joined = blocks.join("\n\n").replacen("\u{a0}:", " :", 1);
        ws.write(&path, &joined);
    }
}

/// The workspace after running each command line in turn, on a copy
/// (without its check cache).
fn in_turn(ws: &Scratch, runs: &[&[&str]]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let copy = Scratch::empty();
    copy_dir(ws.path(), copy.path());
    for args in runs {
        let status = command(copy.path(), args).output().unwrap().status;
        assert_ne!(status.code(), Some(2), "{args:?}");
    }
    without_cache(files(copy.path()), "a run in turn")
}

/// Two sign-offs by different people, and a sign-off beside a `check
/// --fix`, started at the same moment several times over: the workspace
/// is always what one of the two orders of whole runs gives. Without the
/// lock, the locks of one release came from one signer and those of
/// another from the other.
#[test]
fn two_writers_at_once_give_the_result_of_one_whole_run_after_the_other() {
    let ws = workspace(4);
    let alice: &[&str] = &["sign-off", "--all", "--by", "Alice <alice@example.org>"];
    let bruno: &[&str] = &["sign-off", "--all", "--by", "Bruno <bruno@example.org>"];
    let fix: &[&str] = &["check", "--fix"];
    let pairs = [(alice, bruno), (alice, fix)];
    let rounds = crate::fault::iterations().div_ceil(2).max(2);
    let mut orders = [0usize; 2];
    for round in 0..rounds {
        for (n, (one, two)) in pairs.iter().enumerate() {
            prepare(&ws, round * 2 + n);
            let first = in_turn(&ws, &[one, two]);
            let second = in_turn(&ws, &[two, one]);
            assert_ne!(
                first, second,
                "the two orders must differ for the test to mean anything"
            );
            let mut a = command(ws.path(), one)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let mut b = command(ws.path(), two)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let (ra, rb) = (a.wait().unwrap(), b.wait().unwrap());
            assert_ne!(ra.code(), Some(2), "{one:?}");
            assert_ne!(rb.code(), Some(2), "{two:?}");
            // The check cache is judged whole, not compared: see
            // `fault::without_cache` (it made this test flaky under load).
            let now = without_cache(files(ws.path()), "two writers at once");
            if now == first {
                orders[0] += 1;
            } else if now == second {
                orders[1] += 1;
            } else {
                let mixed: Vec<&String> = now
                    .iter()
                    .filter(|(name, bytes)| {
                        first.get(*name) != Some(bytes) && second.get(*name) != Some(bytes)
                    })
                    .map(|(name, _)| name)
                    .collect();
                panic!("round {round}: {one:?} and {two:?} at once gave a mix: {mixed:?}");
            }
            assert!(litter(ws.path()).is_empty());
        }
    }
    eprintln!(
        "{} concurrent pairs of writers: {orders:?} in each order",
        rounds * 2
    );
}

/// The second writer waits for the first, and says so on standard error;
/// it writes nothing until the lock is released, then runs on what the
/// first left.
#[cfg(unix)]
#[test]
fn a_writer_waits_while_another_holds_the_workspace_lock_and_says_so() {
    let ws = Scratch::fixture("core");
    let commands: [&[&str]; 3] = [
        &["sign-off", "--all", "--by", BY],
        &["check", "--fix"],
        &["xliff", "import", "x.xlf"],
    ];
    for args in commands {
        prepare(&ws, 0);
        let mut export = vec!["xliff", "export", "--all", "-o", "x.xlf"];
        let names = slugs(&ws);
        export.extend(names.iter().map(String::as_str));
        assert_eq!(
            command(ws.path(), &export).output().unwrap().status.code(),
            Some(0)
        );
        let xlf = ws.read("x.xlf");
        ws.write("x.xlf", &xlf.replacen("</target>", " (revu)</target>", 1));
        let before = files(ws.path());

        let holder = std::fs::File::open(ws.file("bitext.toml")).unwrap();
        holder.lock().unwrap();
        let mut child = command(ws.path(), args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        assert!(
            line.contains("waiting for another bitext run to finish writing this workspace"),
            "{args:?}: {line}"
        );
        assert!(line.contains("bitext.toml"), "{line}");
        // Held a while: the waiting run has written nothing.
        let started = Instant::now();
        while started.elapsed() < Duration::from_millis(300) {
            assert!(child.try_wait().unwrap().is_none(), "{args:?} did not wait");
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(files(ws.path()) == before, "{args:?} wrote while waiting");
        drop(holder);
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}");
        assert_ne!(
            files(ws.path()),
            before,
            "{args:?} wrote nothing once the lock was free"
        );
    }
}

/// Reading commands take no lock: `check` and `status` run while a writer
/// holds it.
#[cfg(unix)]
#[test]
fn reading_commands_do_not_wait_for_the_write_lock() {
    let ws = Scratch::fixture("core");
    let holder = std::fs::File::open(ws.file("bitext.toml")).unwrap();
    holder.lock().unwrap();
    for args in [
        &["check"][..],
        &["status"],
        &["check", "--diff"],
        &["publish", "--dry-run"],
    ] {
        let run = ws.run(args);
        assert_ne!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("waiting"), "{args:?}: {}", run.stderr);
    }
}
