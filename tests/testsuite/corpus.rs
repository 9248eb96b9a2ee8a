//! Every pair of the real-corpus sample in `tests/corpus/` (43 published
//! EN/FR pairs from five sources) through `bitext check --format json`,
//! with the number of findings per quality-check code pinned. Real
//! published translations have few true errors: a change in these counts
//! is a change in false alarms or in recall, to be read and justified.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{copy_dir, Scratch};

/// Builds one workspace per source: Canadian sources as en-CA → fr-CA,
/// Let's Encrypt as en-US → fr-FR, each pair a draft release.
fn workspaces() -> Vec<(String, Scratch)> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut sources: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    sources.sort();
    sources
        .into_iter()
        .map(|source| {
            let ws = Scratch::empty();
            let (en, fr) = if source.starts_with("letsencrypt") {
                ("en-US", "fr-FR")
            } else {
                ("en-CA", "fr-CA")
            };
            ws.write(
                "bitext.toml",
                &format!("[languages]\nsource = \"{en}\"\ntarget = \"{fr}\"\n"),
            );
            ws.write(
                "glossary.toml",
                &std::fs::read_to_string(corpus.join("glossary.toml")).unwrap(),
            );
            for pair in std::fs::read_dir(corpus.join(&source)).unwrap().flatten() {
                if !pair.path().is_dir() {
                    continue;
                }
                let slug = pair.file_name().to_string_lossy().to_lowercase();
                let dir = format!("releases/{slug}");
                copy_dir(&pair.path(), &ws.file(&dir));
                ws.write(
                    &format!("{dir}/release.toml"),
                    "date = 2025-01-01\nstatus = \"draft\"\n\n[slug]\nen = \"x\"\nfr = \"x\"\n",
                );
            }
            (source, ws)
        })
        .collect()
}

#[test]
fn real_pairs_give_the_pinned_findings_per_code() {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut releases = 0;
    for (source, ws) in workspaces() {
        let run = ws.run(&["check", "--format", "json"]);
        assert!(run.code == 0 || run.code == 1, "{source}: {}", run.stderr);
        let report = run.json();
        releases += report["releases"].as_u64().unwrap();
        for (code, n) in report["summary"].as_object().unwrap() {
            *counts.entry(code.clone()).or_default() += n.as_u64().unwrap();
        }
    }
    assert_eq!(releases, 43);
    counts.retain(|_, n| *n > 0);
    let pinned: BTreeMap<String, u64> = PINNED.iter().map(|&(c, n)| (c.to_owned(), n)).collect();
    assert_eq!(
        counts, pinned,
        "findings per code on tests/corpus changed: read them and update PINNED"
    );
}

/// Findings per code on the 43 sample pairs (pairing codes included: no
/// pair is signed off, so every pair is `not-signed-off`).
const PINNED: &[(&str, u64)] = &[
    ("code-mismatch", 2),
    ("doubled-space", 10),
    ("doubled-word", 2),
    ("edge-whitespace", 2),
    ("email-mismatch", 1),
    ("end-punctuation", 8),
    ("french-quotes", 8),
    ("french-space-kind", 316),
    ("french-spacing", 27),
    ("heading-level", 5),
    ("length-ratio", 2),
    ("missing-translation", 1),
    ("name-mismatch", 9),
    ("not-signed-off", 1611),
    ("number-mismatch", 4),
    ("number-missing", 7),
    ("sentence-missing", 5),
    ("unpaired-bracket", 2),
    ("untranslated", 3),
    ("url-localised", 2),
    ("url-mismatch", 3),
    ("url-missing", 12),
];
