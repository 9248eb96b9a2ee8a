//! `cargo bench --bench check`: `bitext check` on generated, signed-off
//! workspaces of 1,000 to 10,000 releases, each one of the real published
//! pairs of `tests/corpus/` (43 pairs, about 75 segments a side) under a
//! numbered title, and on one release of 10,000 to 100,000 generated
//! paragraphs a side (shortened, so that 100,000 fit in a document), to show the time and peak memory and that both grow
//! linearly. 3% of releases (their title) and 3 places of the long release
//! carry an English edit since sign-off, so findings are produced as in
//! real use.
//!
//! Each workspace is checked twice: with every check, then "sync only",
//! with the quality checks turned off in `[checks]` (pairing, sign-off and
//! boilerplate findings only).
//!
//! A workspace of many releases is also checked again, unchanged, through
//! the cache (`.bitext/cache/`, filled by a first cached run).
//!
//! On the same workspace, two `sign-off --all` rows (every check, at error
//! level as sign-off runs them): with nothing to write, then after a French
//! edit in one release in ten, whose records are rewritten.
//!
//! The "many findings" rows delete every other French paragraph of each
//! release after sign-off, so that findings (mostly `missing-translation`)
//! are many times those of the other rows: peak memory must stay flat as
//! findings grow (reports are streamed), cold and replayed from the cache.
//!
//! Options: `cargo bench --bench check -- [--releases N,N] [--paragraphs N,N]
//! [--findings N,N] [--keep DIR]` (an empty list skips those rows; `--keep`
//! writes the workspaces under DIR and leaves them there, to profile or
//! time by hand; `--findings` gives the releases of the many-findings rows).
//! Each check is the real binary (`bitext check --format json`, output to a
//! file) run as a child process: its wall time, its own peak resident
//! memory (from `wait4`), and `cat` of the same workspace files in the same
//! run, with the ratio of the two.

mod child;
// Each benchmark uses part of the generator.
#[allow(dead_code)]
mod corpus;

use std::path::Path;

use bitext::workspace::Workspace;
use corpus::Rng;
use rayon::prelude::*;

fn main() {
    child::wrapper();
    // `cargo bench` passes --bench; `cargo test --all-targets` does not,
    // and then a small run checks that the benchmark itself still works.
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let (mut releases, mut paragraphs, mut many) = if benchmarking {
        (
            vec![1_000, 5_000, 10_000],
            vec![10_000, 50_000, 100_000],
            vec![1_000, 10_000],
        )
    } else {
        (vec![50], vec![500], vec![20])
    };
    let mut keep: Option<std::path::PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let list = |value: Option<String>| -> Vec<usize> {
            value
                .unwrap_or_default()
                .split(',')
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().expect("a list of numbers"))
                .collect()
        };
        match arg.as_str() {
            "--releases" => releases = list(args.next()),
            "--paragraphs" => paragraphs = list(args.next()),
            "--findings" => many = list(args.next()),
            "--keep" => keep = args.next().map(Into::into),
            "--bench" => {}
            other => panic!("unknown option {other}"),
        }
    }
    println!(
        "Machine: {} cores.\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("| workspace | input MB | check s | peak RSS MB | `cat` s | ratio to `cat` | findings |");
    println!("|---|---|---|---|---|---|---|");
    let workspace = |name: String| BenchDir::new(keep.as_deref(), name);
    for n in releases {
        let dir = workspace(format!("releases-{n}"));
        many_releases(dir.path(), n);
        measure(dir.path(), &format!("{n} releases"), n.div_ceil(33));
        // Fill the cache, then check the unchanged workspace through it.
        // The files are left to settle first: the cache trusts the stat of
        // a file only once it is older than the file system's clock tick
        // (see `settled` in src/cache.rs), as in real use, where releases
        // are not checked within two seconds of being written. The fill
        // uses the format measured: the cache keeps each format's
        // rendering, and the first run in a new format renders it.
        std::thread::sleep(std::time::Duration::from_secs(3));
        let fill = child::run(dir.path(), bin(), &["check", "--format", "json"], None);
        assert_ne!(fill.code, 2);
        measure_with(
            dir.path(),
            &format!("{n} releases, unchanged, cached"),
            Some(n.div_ceil(33)),
            true,
        );
        sign_off_rows(dir.path(), n);
        sync_only(dir.path());
        measure(dir.path(), &format!("{n} releases, sync only"), n.div_ceil(33));
    }
    for n in many {
        let dir = workspace(format!("findings-{n}"));
        many_releases(dir.path(), n);
        every_other_french_paragraph_deleted(dir.path(), n);
        let label = format!("{n} releases, every other French paragraph deleted");
        let findings = measure_with(dir.path(), &label, None, false);
        assert!(findings > 10 * n, "{label}: only {findings} findings");
        std::thread::sleep(std::time::Duration::from_secs(3));
        let fill = child::run(dir.path(), bin(), &["check", "--format", "json"], None);
        assert_ne!(fill.code, 2);
        measure_with(dir.path(), &format!("{label}, cached"), None, true);
    }
    for n in paragraphs {
        let dir = workspace(format!("paragraphs-{n}"));
        one_long_release(dir.path(), n);
        measure(dir.path(), &format!("1 release of {n} paragraphs"), 3);
        sync_only(dir.path());
        measure(dir.path(), &format!("1 release of {n} paragraphs, sync only"), 3);
    }
}

/// A generated workspace: a temporary folder, or one kept under `--keep`.
enum BenchDir {
    Temporary(tempfile::TempDir),
    Kept(std::path::PathBuf),
}

impl BenchDir {
    fn new(keep: Option<&Path>, name: String) -> Self {
        match keep {
            Some(root) => {
                let dir = root.join(name);
                assert!(!dir.exists(), "{} exists already", dir.display());
                BenchDir::Kept(dir)
            }
            None => BenchDir::Temporary(tempfile::tempdir().unwrap()),
        }
    }

    fn path(&self) -> &Path {
        match self {
            BenchDir::Temporary(dir) => dir.path(),
            BenchDir::Kept(dir) => dir,
        }
    }
}

/// Writes `n` signed-off releases made of the real pairs of
/// `tests/corpus/`.
fn many_releases(root: &Path, n: usize) {
    corpus::write_workspace_config(root);
    let pairs = corpus::real_pairs();
    (0..n).into_par_iter().for_each(|i| {
        let (en, fr) = corpus::real_release_documents(&pairs, i);
        corpus::write_release(root, &format!("release-{i:05}"), &en, &fr);
    });
    sign_off_all(root);
    // Every 33rd release: the English changes after sign-off.
    (0..n).into_par_iter().filter(|i| i % 33 == 0).for_each(|i| {
        let path = root.join(format!("releases/release-{i:05}/en.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = text.replacen(
            &format!("# Release {i}\n"),
            &format!("# Release {i}, updated\n"),
            1,
        );
        assert_ne!(edited, text);
        std::fs::write(path, edited).unwrap();
    });
}

/// The `sign-off --all` rows, with every check: first with nothing to
/// write (the releases whose English changed are refused, and so are those
/// whose real pairs have error-level findings, numbers or links; every
/// other record stays as it is), then after a French edit in one release
/// in ten, whose records are rewritten unless the release is refused.
fn sign_off_rows(root: &Path, n: usize) {
    let out = root.join("sign-off.txt");
    let files = child::files_under(root, "releases");
    let input: u64 = files
        .iter()
        .map(|f| std::fs::metadata(root.join(f)).unwrap().len())
        .sum();
    let args = ["sign-off", "--all", "--by", "bench"];
    let sign_off = || {
        let run = child::run(root, bin(), &args, Some(&out));
        let stdout = std::fs::read_to_string(&out).unwrap();
        assert_eq!(run.code, 1, "sign-off --all: {stdout}");
        let drifted = stdout
            .lines()
            .filter(|l| l.starts_with("refused ") && l.contains("English changed since"))
            .count();
        assert_eq!(drifted, n.div_ceil(33), "{stdout}");
        let cat = child::cat(root, &files);
        (run, cat, stdout)
    };
    let row = |label: String, run: child::Measured, cat: child::Measured| {
        println!(
            "| {label} | {:.1} | {:.3} | {:.0} | {:.3} | {} | — |",
            input as f64 / 1e6,
            run.seconds,
            run.peak_mb,
            cat.seconds,
            child::ratio(run.seconds, cat.seconds),
        );
    };
    let refused = |stdout: &str| stdout.lines().filter(|l| l.starts_with("refused ")).count();
    let locks = || {
        let locks: Vec<Vec<u8>> = (0..n)
            .into_par_iter()
            .map(|i| std::fs::read(root.join(format!("releases/release-{i:05}/bitext.lock"))).unwrap())
            .collect();
        locks
    };
    let before = locks();
    let (run, cat, stdout) = sign_off();
    assert!(locks() == before, "a lock changed");
    row(
        format!(
            "{n} releases, `sign-off --all`, {} refused, nothing written",
            refused(&stdout)
        ),
        run,
        cat,
    );
    let edited: Vec<usize> = (0..n).filter(|i| i % 10 == 1 && i % 33 != 0).collect();
    let french = |i: usize| root.join(format!("releases/release-{i:05}/fr.md"));
    let originals: Vec<String> = edited
        .par_iter()
        .map(|&i| {
            let text = std::fs::read_to_string(french(i)).unwrap();
            let title = format!("# Communiqué {i}\n");
            assert!(text.starts_with(&title), "{}", french(i).display());
            let edit = format!("# Communiqué n°\u{a0}{i}\n");
            std::fs::write(french(i), text.replacen(&title, &edit, 1)).unwrap();
            text
        })
        .collect();
    let (run, cat, stdout) = sign_off();
    // Each edited release is signed off with its edit, or refused for its
    // errors as before; no other record changes.
    let after = locks();
    let mut written = 0;
    for i in 0..n {
        let slug = format!("release-{i:05}");
        let signed = stdout
            .lines()
            .find(|l| l.starts_with(&format!("signed off {slug}:")));
        let changed = after[i] != before[i];
        if let (true, Some(signed)) = (edited.contains(&i), signed) {
            assert!(signed.ends_with("(1 French edit approved)"), "{slug}");
            assert!(changed, "{slug}");
            written += 1;
        } else {
            assert!(!changed, "{slug}");
        }
    }
    assert!(written > 0);
    row(
        format!(
            "{n} releases, `sign-off --all`, {} refused, {written} records written",
            refused(&stdout)
        ),
        run,
        cat,
    );
    // The rows that follow check the workspace as it was.
    edited.par_iter().zip(originals).for_each(|(&i, text)| {
        std::fs::write(french(i), text).unwrap();
        let lock = root.join(format!("releases/release-{i:05}/bitext.lock"));
        std::fs::write(lock, &before[i]).unwrap();
    });
}

/// Every other paragraph of each release's French deleted after sign-off.
fn every_other_french_paragraph_deleted(root: &Path, n: usize) {
    (0..n).into_par_iter().for_each(|i| {
        let path = root.join(format!("releases/release-{i:05}/fr.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        let kept: Vec<&str> = text
            .split("\n\n")
            .enumerate()
            .filter(|(k, _)| k % 2 == 0)
            .map(|(_, p)| p)
            .collect();
        std::fs::write(path, kept.join("\n\n")).unwrap();
    });
}

fn one_long_release(root: &Path, n: usize) {
    corpus::write_workspace_config(root);
    let mut rng = Rng::new(7);
    let (mut en, mut fr) = (String::new(), String::new());
    for k in 0..n {
        let (e, f) = corpus::short_paragraph(&mut rng, k);
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

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_bitext"))
}

fn measure(root: &Path, label: &str, expected_findings: usize) {
    measure_with(root, label, Some(expected_findings), false);
}

/// Checks the workspace, prints its row and gives the number of findings.
/// `expected_findings` is the number of pairing findings, when known.
fn measure_with(root: &Path, label: &str, expected_findings: Option<usize>, cached: bool) -> usize {
    let report = root.join("report.json");
    let mut args = vec!["check", "--format", "json"];
    if !cached {
        args.push("--no-cache");
    }
    let run = child::run(root, bin(), &args, Some(&report));
    assert_ne!(run.code, 2, "{label}: bitext could not run");
    let files = child::files_under(root, "releases");
    let cat = child::cat(root, &files);
    let input: u64 = files
        .iter()
        .map(|f| std::fs::metadata(root.join(f)).unwrap().len())
        .sum();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let findings = json["findings"].as_array().unwrap();
    // The planted edits give exactly these pairing findings; the quality
    // checks may add remarks of their own on the rewritten paragraphs.
    let mut codes = std::collections::BTreeMap::new();
    for f in findings {
        *codes.entry(f["code"].as_str().unwrap().to_owned()).or_insert(0) += 1;
    }
    let pairing = codes
        .iter()
        .filter(|(c, _)| is_pairing(c))
        .map(|(_, n)| n)
        .sum::<usize>();
    if let Some(expected) = expected_findings {
        assert_eq!(pairing, expected, "{label}: {codes:?}");
    }
    println!(
        "| {label} | {:.1} | {:.3} | {:.0} | {:.3} | {} | {} |",
        input as f64 / 1e6,
        run.seconds,
        run.peak_mb,
        cat.seconds,
        child::ratio(run.seconds, cat.seconds),
        findings.len()
    );
    findings.len()
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
