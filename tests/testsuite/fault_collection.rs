//! Collection pages signed off several at a time (issue 12): a page's
//! record is a lock and a `.pair.toml` under `.bitext/lock/`, and a
//! sign-off of many pages must replace every record or none, as a sign-off
//! of many releases does. The real binary is killed at random points
//! (the harness of `fault.rs`) and run on a full disk (the file size limit
//! of `fault_limits.rs`) on a real adopted site: the 16 pages of
//! `tests/fixtures/collections/same-path` (Let's Encrypt, English and
//! French at the same paths).

#![cfg(unix)]

use std::path::Path;

use crate::fault::{command, files, kill_loop, litter, BY};
use crate::fault_limits::run_with_file_limit;
use crate::util::{copy_dir, fixtures, Scratch};

const SIGN_OFF: [&str; 5] = ["sign-off", "--all", "--force", "--by", BY];

/// The same-path site adopted by `bitext init`, not signed off yet.
fn adopted() -> Scratch {
    let ws = Scratch::empty();
    copy_dir(&fixtures().join("collections/same-path"), ws.path());
    let init = command(ws.path(), &["init"]).output().unwrap();
    assert_eq!(
        init.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    ws
}

/// The same site with every page signed off once.
fn signed_off() -> Scratch {
    let ws = adopted();
    let first = command(ws.path(), &SIGN_OFF).output().unwrap();
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(ws.file(".bitext/lock/content/en/privacy.md.lock").is_file());
    ws
}

/// Every French page, by path relative to the workspace.
fn french_pages(ws: &Scratch) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(ws.path(), &ws.file("content/fr"), &mut out);
    out.sort();
    assert_eq!(out.len(), 16, "{out:?}");
    out
}

/// Revises the first paragraph of prose of every French page (a French
/// edit that sign-off approves), differently on each iteration.
fn revise_french(ws: &Scratch, i: usize) {
    for page in french_pages(ws) {
        let text = ws.read(&page);
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let body = lines.iter().skip(1).position(|l| l == "---").unwrap() + 2;
        let prose = (body..lines.len())
            .find(|&n| {
                let line = &lines[n];
                line.chars().count() > 40 && line.starts_with(|c: char| c.is_alphabetic())
            })
            .unwrap_or_else(|| panic!("{page}: no paragraph of prose"));
        let line = &mut lines[prose];
        if let Some(at) = line.find(" Révision ") {
            line.truncate(at);
        }
        line.push_str(&format!(" Révision {i}."));
        let mut revised = lines.join("\n");
        revised.push('\n');
        ws.write(&page, &revised);
    }
}

/// Issue 12: a sign-off of several collection pages replaced each page's
/// record as it went. Killed at random points, it leaves every lock and
/// record whole (old or new bytes), `check` still reads the site, and the
/// next sign-off leaves no temporary file.
#[test]
fn killed_collection_sign_offs_leave_whole_records_and_no_litter_after_the_next_run() {
    let ws = signed_off();
    let (kills, during) = kill_loop(&ws, 0xc011_ec71, &SIGN_OFF, revise_french);
    assert!(during > 0, "no kill of {kills} landed during a sign-off");
}

/// The files a whole sign-off changes on a copy of `ws`, with their sizes.
fn changed_sizes(ws: &Scratch) -> Vec<(String, u64)> {
    let before = files(ws.path());
    let copy = Scratch::empty();
    copy_dir(ws.path(), copy.path());
    let whole = command(copy.path(), &SIGN_OFF).output().unwrap();
    assert_eq!(
        whole.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&whole.stderr)
    );
    let mut sizes: Vec<(String, u64)> = files(copy.path())
        .into_iter()
        .filter(|(name, bytes)| before.get(name) != Some(bytes))
        .map(|(name, bytes)| (name, bytes.len() as u64))
        .collect();
    sizes.sort_by_key(|(_, size)| *size);
    sizes
}

/// Issue 12: a collection sign-off on a disk that fills up part way (the
/// first records fit, a later one does not) replaced the records of the
/// pages before it, then exited 2. Now it exits 2 naming the file it could
/// not write, and every lock and record is as it was, with no temporary
/// file left; once there is room, the same sign-off writes them all.
#[test]
fn a_collection_sign_off_on_a_full_disk_replaces_no_record() {
    let ws = signed_off();
    revise_french(&ws, 1);
    let sizes = changed_sizes(&ws);
    let locks = sizes.iter().filter(|(name, _)| name.ends_with(".lock")).count();
    assert_eq!(locks, 16, "{sizes:?}");
    let (smallest, largest) = (sizes[0].1, sizes[sizes.len() - 1].1);
    let before = files(ws.path());
    for limit in [64, (smallest + largest) / 2] {
        let (code, stderr) = run_with_file_limit(&ws, &SIGN_OFF, limit);
        assert_eq!(code, 2, "limit {limit}: {stderr}");
        assert!(stderr.contains("File too large"), "limit {limit}: {stderr}");
        assert!(
            stderr.contains(".bitext/lock/content/"),
            "limit {limit}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        let now = files(ws.path());
        let changed: Vec<&String> = now
            .keys()
            .filter(|name| before.get(*name) != now.get(*name))
            .collect();
        assert!(changed.is_empty(), "limit {limit}: changed {changed:?}");
        assert!(litter(ws.path()).is_empty(), "{:?}", litter(ws.path()));
    }
    let whole = command(ws.path(), &SIGN_OFF).output().unwrap();
    assert_eq!(whole.status.code(), Some(0));
    let now = files(ws.path());
    for (name, _) in &sizes {
        assert_ne!(before.get(name), now.get(name), "{name} was not written");
    }
}

/// The first sign-off of a site makes `.bitext/lock/` and a folder per
/// page folder; on a full disk it exits 2 and leaves no folder behind
/// either (a run that exits 2 has written nothing).
#[test]
fn a_first_collection_sign_off_on_a_full_disk_leaves_no_folder() {
    let ws = adopted();
    let before = files(ws.path());
    let (code, stderr) = run_with_file_limit(&ws, &SIGN_OFF, 64);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    assert!(files(ws.path()) == before);
    assert!(!ws.file(".bitext/lock/content").exists(), "a folder was left");
}
