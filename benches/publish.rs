//! `cargo bench --bench publish`: `bitext publish` on generated, approved,
//! signed-off workspaces (10,000 releases of about 15 segments a side by
//! default), timed three ways: the first publication (every release.toml
//! is then rewritten to record it), a republication of the same site, and
//! a dry run (the gate alone: loading, checking, deciding).
//!
//! Options: `cargo bench --bench publish -- [--releases N,N]`.

mod corpus;

use std::path::Path;
use std::time::Instant;

use bitext::publish::{publish, Options};
use bitext::workspace::Workspace;
use corpus::Rng;
use rayon::prelude::*;

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not,
    // and then a small run checks that the benchmark itself still works.
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let mut releases = if benchmarking {
        vec![1_000, 10_000]
    } else {
        vec![30]
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--releases" => {
                releases = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(|n| n.parse().expect("a list of numbers"))
                    .collect()
            }
            "--bench" => {}
            other => panic!("unknown option {other}"),
        }
    }
    println!("Times: wall seconds, then CPU seconds of all threads in parentheses.\n");
    println!("| workspace | segments | dry run (gate) s | first publish s | republish s | pages | site MB |");
    println!("|---|---|---|---|---|---|---|");
    for n in releases {
        let dir = tempfile::tempdir().unwrap();
        write_workspace(dir.path(), n);
        let ws = Workspace::load(dir.path()).unwrap();
        let options = |dry_run| Options {
            out: dir.path().join("public"),
            now: bitext::publish::date::parse_rfc3339("2025-06-01T09:00:00Z").unwrap(),
            base_url: Some("https://www.example.gov.uk".into()),
            skip_blocked: false,
            dry_run,
            allow_empty: false,
        };
        let dry = timed(|| publish(&ws, &options(true)).unwrap());
        let first = timed(|| publish(&ws, &options(false)).unwrap());
        let again = timed(|| publish(&ws, &options(false)).unwrap());
        for (outcome, _, _) in [&dry, &first, &again] {
            assert_eq!(outcome.planned.len(), n, "every release passes the gate");
            assert!(outcome.blocked.is_empty());
        }
        let (files, bytes) = size(&dir.path().join("public"));
        println!(
            "| {n} releases | {} | {:.2} ({:.2}) | {:.2} ({:.2}) | {:.2} ({:.2}) | {} | {:.1} |",
            n * 2 * corpus::SEGMENTS_PER_SIDE,
            dry.1,
            dry.2,
            first.1,
            first.2,
            again.1,
            again.2,
            files,
            bytes as f64 / 1e6
        );
    }
}

/// The value, the wall time and the process's CPU time (user + system,
/// all threads) in seconds: on a shared machine the CPU time shows the
/// work done when the wall time is stretched by other processes.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (start, cpu) = (Instant::now(), cpu_seconds());
    let value = f();
    (value, start.elapsed().as_secs_f64(), cpu_seconds() - cpu)
}

/// utime + stime of this process from `/proc/self/stat` (Linux; clock
/// ticks at the usual 100 per second), or NaN elsewhere.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    match (fields.get(11), fields.get(12)) {
        (Some(user), Some(system)) => {
            (user.parse::<f64>().unwrap_or(f64::NAN) + system.parse::<f64>().unwrap_or(f64::NAN)) / 100.0
        }
        _ => f64::NAN,
    }
}

/// `n` approved releases, signed off, with a `[publish]` section.
fn write_workspace(root: &Path, n: usize) {
    corpus::write_workspace_config(root);
    (0..n).into_par_iter().for_each(|i| {
        let (en, fr) = corpus::release_documents(&mut Rng::new(i as u64), i);
        corpus::write_release(root, &format!("release-{i:05}"), &en, &fr);
    });
    let ws = Workspace::load(root).unwrap();
    corpus::sign_off_all(&ws);
}

fn size(dir: &Path) -> (usize, u64) {
    let mut total = (0, 0);
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            let (files, bytes) = size(&entry.path());
            total = (total.0 + files, total.1 + bytes);
        } else if entry.path().extension().is_some_and(|e| e == "html") {
            total = (total.0 + 1, total.1 + entry.metadata().unwrap().len());
        } else {
            total.1 += entry.metadata().unwrap().len();
        }
    }
    total
}
