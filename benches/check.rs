//! `cargo bench --bench check`: `bitext check` on generated, signed-off
//! workspaces of 1,000 to 10,000 releases (about 15 segments a side) and on
//! one release of 10,000 to 100,000 paragraphs a side, to show the time and
//! peak memory and that both grow linearly. 3% of releases (and 3 places of
//! the long release) carry an English edit since sign-off, so findings are
//! produced as in real use.
//!
//! Each workspace is checked twice: with every check, then "sync only",
//! with the quality checks turned off in `[checks]` (pairing, sign-off and
//! boilerplate findings only).
//!
//! Options: `cargo bench --bench check -- [--releases N,N] [--paragraphs N,N]`.
//! Peak memory is the process's resident high-water mark, reset before each
//! check (Linux `/proc/self/clear_refs`).

mod corpus;

use std::path::Path;
use std::time::Instant;

use bitext::workspace::Workspace;
use corpus::Rng;
use rayon::prelude::*;

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not,
    // and then a small run checks that the benchmark itself still works.
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let (mut releases, mut paragraphs) = if benchmarking {
        (vec![1_000, 5_000, 10_000], vec![10_000, 50_000, 100_000])
    } else {
        (vec![50], vec![500])
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let list = |value: Option<String>| -> Vec<usize> {
            value
                .unwrap_or_default()
                .split(',')
                .map(|n| n.parse().expect("a list of numbers"))
                .collect()
        };
        match arg.as_str() {
            "--releases" => releases = list(args.next()),
            "--paragraphs" => paragraphs = list(args.next()),
            "--bench" => {}
            other => panic!("unknown option {other}"),
        }
    }
    println!("| workspace | segments | check wall s | per 1,000 segments ms | peak RSS MB | findings |");
    println!("|---|---|---|---|---|---|");
    for n in releases {
        let dir = tempfile::tempdir().unwrap();
        let segments = many_releases(dir.path(), n);
        measure(dir.path(), &format!("{n} releases"), segments, n.div_ceil(33));
        sync_only(dir.path());
        measure(
            dir.path(),
            &format!("{n} releases, sync only"),
            segments,
            n.div_ceil(33),
        );
    }
    for n in paragraphs {
        let dir = tempfile::tempdir().unwrap();
        one_long_release(dir.path(), n);
        measure(dir.path(), &format!("1 release of {n} paragraphs"), 2 * n, 3);
        sync_only(dir.path());
        measure(
            dir.path(),
            &format!("1 release of {n} paragraphs, sync only"),
            2 * n,
            3,
        );
    }
}

/// Writes `n` signed-off releases and returns their segment count.
fn many_releases(root: &Path, n: usize) -> usize {
    corpus::write_workspace_config(root);
    (0..n).into_par_iter().for_each(|i| {
        let (en, fr) = corpus::release_documents(&mut Rng::new(i as u64), i);
        corpus::write_release(root, &format!("release-{i:05}"), &en, &fr);
    });
    sign_off_all(root);
    // Every 33rd release: the English changes after sign-off.
    (0..n).into_par_iter().filter(|i| i % 33 == 0).for_each(|i| {
        let path = root.join(format!("releases/release-{i:05}/en.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(path, text.replacen("have today agreed", "today agreed", 1)).unwrap();
    });
    n * 2 * corpus::SEGMENTS_PER_SIDE
}

fn one_long_release(root: &Path, n: usize) {
    corpus::write_workspace_config(root);
    let mut rng = Rng::new(7);
    let (mut en, mut fr) = (String::new(), String::new());
    for k in 0..n {
        let (e, f) = corpus::paragraph(&mut rng, k);
        en.push_str(&e);
        en.push_str("\n\n");
        fr.push_str(&f);
        fr.push_str("\n\n");
    }
    corpus::write_release(root, "long", &en, &fr);
    sign_off_all(root);
    // Three edits spread through the English: a rewrite, an insertion and
    // a deletion.
    let paragraphs: Vec<&str> = en.split("\n\n").collect();
    let mut edited: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
    edited[n / 4] = "A paragraph rewritten from scratch after sign-off.".to_owned();
    edited.insert(n / 2, "A paragraph inserted after sign-off.".to_owned());
    edited.remove(3 * n / 4);
    std::fs::write(root.join("releases/long/en.md"), edited.join("\n\n")).unwrap();
}

fn sign_off_all(root: &Path) {
    let ws = Workspace::load(root).unwrap();
    corpus::sign_off_all(&ws);
}

/// Turns every quality check off in `[checks]`, as a CI job that gates only
/// on pairing and sign-off would: those checks then do not run at all.
fn sync_only(root: &Path) {
    use bitext::diagnostic::Code;
    let config = root.join("bitext.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[checks]\n");
    for code in Code::ALL {
        let name = code.as_str();
        let quality = !is_pairing(name) && !name.starts_with("boilerplate-") && !name.starts_with("locale-");
        if quality && !name.ends_with("-suppression") {
            text.push_str(&format!("{name} = \"off\"\n"));
        }
    }
    std::fs::write(config, text).unwrap();
}

fn measure(root: &Path, label: &str, segments: usize, expected_findings: usize) {
    let ws = Workspace::load(root).unwrap();
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let start = Instant::now();
    let report = bitext::checks::driver::check(&ws, &[]).unwrap();
    let seconds = start.elapsed().as_secs_f64();
    // The planted edits give exactly these pairing findings; the quality
    // checks may add remarks of their own on the rewritten paragraphs.
    let mut codes = std::collections::BTreeMap::new();
    for f in &report.findings {
        *codes.entry(f.code.as_str()).or_insert(0) += 1;
    }
    let pairing = codes
        .iter()
        .filter(|(c, _)| is_pairing(c))
        .map(|(_, n)| n)
        .sum::<usize>();
    assert_eq!(pairing, expected_findings, "{label}: {codes:?}");
    println!(
        "| {label} | {segments} | {seconds:.3} | {:.3} | {:.0} | {} |",
        seconds * 1e6 / segments as f64,
        peak_rss_mb(),
        report.findings.len()
    );
}

fn is_pairing(code: &str) -> bool {
    use bitext::diagnostic::Code;
    code.parse::<Code>().is_ok_and(|c| {
        matches!(
            c,
            Code::MissingTranslation
                | Code::MissingSource
                | Code::SourceDrifted
                | Code::TargetEdited
                | Code::NotSignedOff
        )
    })
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}
