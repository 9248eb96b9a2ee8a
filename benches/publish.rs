//! `cargo bench --bench publish`: `bitext publish` on generated, approved,
//! signed-off workspaces (10,000 releases of about 15 segments a side by
//! default), timed three ways: the first publication (every release.toml
//! is then rewritten to record it), a republication of the same site, and
//! a dry run (the gate alone: loading, checking, deciding).
//!
//! Each is the real binary run as a child process: its wall time and its
//! own peak resident memory (from `wait4`), beside `cat` of the release
//! files in the same run and the ratio of the two. A republication links
//! the pages whose bytes did not change from the live site instead of
//! writing them; the table says how many pages of the new site are such
//! links (same inode as before).
//!
//! Options: `cargo bench --bench publish -- [--releases N,N] [--bin PATH]
//! [--keep DIR]`. `--bin` times another build of bitext on the same
//! workspaces (a binary of the starting commit, for a before/after
//! comparison in the same conditions); `--keep DIR` only writes the
//! workspace of the first size into DIR (not yet published) and stops, to
//! time runs by hand.

mod child;
// Each benchmark uses part of the generator.
#[allow(dead_code)]
mod corpus;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use bitext::workspace::Workspace;
use rayon::prelude::*;

fn main() {
    child::wrapper();
    // `cargo bench` passes --bench; `cargo test --all-targets` does not,
    // and then a small run checks that the benchmark itself still works.
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let mut releases = if benchmarking {
        vec![1_000, 10_000]
    } else {
        vec![30]
    };
    let mut bin = PathBuf::from(env!("CARGO_BIN_EXE_bitext"));
    let mut keep: Option<PathBuf> = None;
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
            "--bin" => bin = args.next().expect("a path to a bitext binary").into(),
            "--keep" => keep = Some(args.next().expect("a folder").into()),
            "--bench" => {}
            other => panic!("unknown option {other}"),
        }
    }
    println!(
        "Machine: {} cores.\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("| workspace | run | bitext s | peak RSS MB | `cat` s | ratio to `cat` | pages | pages linked | site MB |");
    println!("|---|---|---|---|---|---|---|---|---|");
    let bin = bin.as_path();
    for n in releases {
        if let Some(dir) = &keep {
            std::fs::create_dir_all(dir).unwrap();
            write_workspace(dir, n);
            return;
        }
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().to_path_buf();
        write_workspace(&dir, n);
        let inputs = child::files_under(&dir, "releases");
        let site = dir.join("public");
        let mut before = HashMap::new();
        for (label, dry) in [
            ("dry run (gate)", true),
            ("first publication", false),
            ("again, nothing changed", false),
        ] {
            let mut args = vec![
                "publish",
                "--out",
                "public",
                "--now",
                "2025-06-01T09:00:00Z",
                "--base-url",
                "https://www.example.gov.uk",
            ];
            if dry {
                args.push("--dry-run");
            }
            let run = child::run(&dir, bin, &args, None);
            assert_eq!(run.code, 0, "{label}: every release passes the gate");
            let cat = child::cat(&dir, &inputs);
            let after = inodes(&site);
            let linked = after
                .iter()
                .filter(|(path, inode)| {
                    path.extension().is_some_and(|e| e == "html") && before.get(*path) == Some(*inode)
                })
                .count();
            let (files, bytes) = if site.exists() { size(&site) } else { (0, 0) };
            println!(
                "| {n} releases | {label} | {:.2} | {:.0} | {:.3} | {} | {files} | {linked} | {:.1} |",
                run.seconds,
                run.peak_mb,
                cat.seconds,
                child::ratio(run.seconds, cat.seconds),
                bytes as f64 / 1e6
            );
            before = after;
        }
    }
}

/// The inode of every file of the site, by path.
#[cfg(unix)]
fn inodes(site: &Path) -> HashMap<PathBuf, u64> {
    use std::os::unix::fs::MetadataExt;
    if !site.exists() {
        return HashMap::new();
    }
    child::files_under(site, ".")
        .into_iter()
        .map(|f| {
            let ino = std::fs::metadata(site.join(&f)).unwrap().ino();
            (f, ino)
        })
        .collect()
}

#[cfg(not(unix))]
fn inodes(_: &Path) -> HashMap<PathBuf, u64> {
    HashMap::new()
}

/// `n` approved releases made of the real pairs of `tests/corpus/`, signed
/// off. Real translations have a few error-level quality findings (a
/// number written differently); they are warnings here, so that every
/// release passes the gate and the whole site is built.
fn write_workspace(root: &Path, n: usize) {
    corpus::write_workspace_config(root);
    let config = root.join("bitext.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[checks]\nnumber-mismatch = \"warning\"\nurl-mismatch = \"warning\"\nglossary-missing = \"warning\"\n");
    std::fs::write(config, text).unwrap();
    let pairs = corpus::real_pairs();
    (0..n).into_par_iter().for_each(|i| {
        let (en, fr) = corpus::real_release_documents(&pairs, i);
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
