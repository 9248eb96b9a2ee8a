//! Real published pairs (tests/corpus): signed off as they are, each is in
//! sync; then deleting one French paragraph, editing one English sentence,
//! or inserting one English paragraph each yields exactly one finding, at
//! the right lines, however messy the Markdown (HTML bodies, front matter,
//! VuePress containers, Hugo shortcodes).

use std::path::Path;

use serde_json::Value;

use crate::util::{pairing_findings as findings, Scratch};

const PAIRS: [&str; 4] = [
    "canada-ca-blog/2021-07-20-effective-links",
    "cds-digital-canada-blog/blog-cds-dto",
    "gc-notify-docs/limits",
    "letsencrypt-website/how-it-works",
];
const SLUG: &str = "real";
const EN: &str = "releases/real/en.md";
const FR: &str = "releases/real/fr.md";

/// A workspace holding one real pair of tests/corpus (`site/page`) as
/// its only release, `real`, not signed off.
pub(crate) fn with_real_pair(pair: &str) -> Scratch {
    let ws = Scratch::empty();
    ws.write(
        "bitext.toml",
        "[languages]\nsource = \"en-CA\"\ntarget = \"fr-CA\"\n",
    );
    ws.write(
        "releases/real/release.toml",
        "date = 2021-07-20\nstatus = \"draft\"\n\n[slug]\nen = \"real\"\nfr = \"reel\"\n",
    );
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(pair);
    for file in ["en.md", "fr.md"] {
        std::fs::copy(from.join(file), ws.file(&format!("releases/real/{file}"))).unwrap();
    }
    ws
}

/// A workspace holding one real pair as its only release, signed off.
fn signed_off(pair: &str) -> Scratch {
    let ws = with_real_pair(pair);
    let run = ws.run(&["sign-off", SLUG]);
    assert_eq!(run.code, 0, "{pair}: {}", run.stdout);
    // Signed off as published, nothing is missing or drifted (the quality
    // checks may still have remarks on the published French).
    assert_eq!(findings(&ws), vec![], "{pair}");
    ws
}

/// The source and target lines of the 1–1 paragraph pair nearest the
/// middle of the document.
fn middle_paragraph(ws: &Scratch) -> (usize, usize, String) {
    let pairs: Vec<Value> = ws.run(&["align", SLUG, "--format", "json"]).json()["pairs"]
        .as_array()
        .unwrap()
        .clone();
    let paragraphs: Vec<&Value> = pairs
        .iter()
        .filter(|p| {
            let one =
                |side: &str| p[side].as_array().unwrap().len() == 1 && p[side][0]["kind"] == "paragraph";
            one("source") && one("target")
        })
        .collect();
    let p = paragraphs[paragraphs.len() / 2];
    let line = |side: &str| p[side][0]["line"].as_u64().unwrap() as usize;
    (
        line("source"),
        line("target"),
        p["source"][0]["text"].as_str().unwrap().to_owned(),
    )
}

/// Edits the lines of a file (1-based `line`), keeping its line endings.
fn edit_lines(ws: &Scratch, file: &str, edit: impl FnOnce(&mut Vec<String>)) {
    let text = ws.read(file);
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    edit(&mut lines);
    ws.write(file, &lines.concat());
}

#[test]
fn deleting_one_french_paragraph_is_one_missing_translation() {
    for pair in PAIRS {
        let ws = signed_off(pair);
        let (source, target, _) = middle_paragraph(&ws);
        edit_lines(&ws, FR, |lines| {
            let end = (target - 1..lines.len())
                .find(|&i| lines[i].trim().is_empty())
                .unwrap_or(lines.len());
            lines.drain(target - 1..end);
        });
        assert_eq!(
            findings(&ws),
            vec![("missing-translation".to_owned(), Some(source as u64), None)],
            "{pair}"
        );
    }
}

#[test]
fn editing_one_english_sentence_is_one_drift() {
    for pair in PAIRS {
        let ws = signed_off(pair);
        let (source, target, text) = middle_paragraph(&ws);
        // Change the first long word of the paragraph that its first line holds.
        edit_lines(&ws, EN, |lines| {
            let line = &mut lines[source - 1];
            let word = text
                .split(|c: char| !c.is_ascii_alphabetic())
                .find(|w| w.len() >= 5 && line.contains(*w))
                .unwrap_or_else(|| panic!("{pair}: no word to edit in {line}"));
            *line = line.replacen(word, &format!("{word}ing"), 1);
        });
        let run = ws.run(&["check", "--format", "json"]);
        let report = run.json();
        let list: Vec<&serde_json::Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| crate::util::PAIRING_CODES.contains(&f["code"].as_str().unwrap()))
            .collect();
        assert_eq!(list.len(), 1, "{pair}: {}", run.stdout);
        assert_eq!(list[0]["code"], "source-drifted", "{pair}");
        assert_eq!(list[0]["source"]["line"], source, "{pair}");
        assert_eq!(list[0]["target"]["line"], target, "{pair}");
        assert_eq!(list[0]["source_before"], text.as_str(), "{pair}");
    }
}

#[test]
fn inserting_one_english_paragraph_is_one_missing_translation() {
    for pair in PAIRS {
        let ws = signed_off(pair);
        let (source, _, _) = middle_paragraph(&ws);
        edit_lines(&ws, EN, |lines| {
            let ending = if lines[0].ends_with("\r\n") { "\r\n" } else { "\n" };
            lines.insert(
                source - 1,
                format!(
                    "This paragraph was added to the English after the French was signed off in 2026.{ending}{ending}"
                ),
            );
        });
        assert_eq!(
            findings(&ws),
            vec![("missing-translation".to_owned(), Some(source as u64), None)],
            "{pair}"
        );
    }
}
