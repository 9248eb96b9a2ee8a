//! Pairing regressions found by the accuracy benchmark
//! (`cargo bench --bench accuracy`), each on real text: the Let's Encrypt
//! "About" page of tests/corpus (MPL 2.0, see tests/corpus/README.md),
//! signed off as published, then edited the way the benchmark found wrong.

use std::path::Path;

use crate::util::{pairing_findings as findings, Scratch};

const EN: &str = "releases/real/en.md";
const FR: &str = "releases/real/fr.md";

fn signed_off() -> Scratch {
    let ws = Scratch::empty();
    ws.write(
        "bitext.toml",
        "[languages]\nsource = \"en-US\"\ntarget = \"fr-FR\"\n",
    );
    ws.write(
        "releases/real/release.toml",
        "date = 2021-07-20\nstatus = \"draft\"\n\n[slug]\nen = \"real\"\nfr = \"reel\"\n",
    );
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/letsencrypt-website/about");
    for file in ["en.md", "fr.md"] {
        std::fs::copy(from.join(file), ws.file(&format!("releases/real/{file}"))).unwrap();
    }
    assert_eq!(ws.run(&["sign-off", "--force", "real"]).code, 0);
    assert_eq!(findings(&ws), vec![]);
    ws
}

/// Replaces the 1-based lines `from..=to` of a file with `with`.
fn replace_lines(ws: &Scratch, file: &str, from: usize, to: usize, with: &[&str]) {
    let text = ws.read(file);
    let mut lines: Vec<&str> = text.split('\n').collect();
    lines.splice(from - 1..to, with.iter().copied());
    ws.write(file, &lines.join("\n"));
}

#[test]
fn french_paragraphs_merged_after_sign_off_pair_two_to_one_as_target_edited() {
    let ws = signed_off();
    let fr = ws.read(FR);
    let lines: Vec<&str> = fr.split('\n').collect();
    let merged = format!("{} {}", lines[13], lines[15]);
    replace_lines(&ws, FR, 14, 16, &[&merged]);
    assert_eq!(
        findings(&ws),
        vec![("target-edited".to_owned(), Some(14), Some(14))]
    );
}

#[test]
fn a_new_english_heading_is_not_grouped_with_an_edited_signed_off_pair() {
    let ws = signed_off();
    // A new heading over a paragraph whose French was also touched up.
    replace_lines(
        &ws,
        EN,
        14,
        14,
        &["## Our mission", "", ws.read(EN).split('\n').nth(13).unwrap()],
    );
    let fr = ws
        .read(FR)
        .replacen("Nous donnons aux gens", "Nous fournissons aux gens", 1);
    ws.write(FR, &fr);
    assert_eq!(
        findings(&ws),
        vec![
            ("missing-translation".to_owned(), Some(14), None),
            ("target-edited".to_owned(), Some(16), Some(14)),
        ]
    );
}

/// The same text as a title and as an image's alt (a logo under the page
/// title, as on many sites): when the English title is renamed, the lock
/// once paired the French title with the English alt, in sync, and
/// reported the title missing and the French alt missing its source. A
/// signed-off pair is matched with segments of its own kind.
#[test]
fn a_renamed_title_is_drift_not_a_match_for_an_image_alt_of_the_same_text() {
    let ws = Scratch::empty();
    ws.write(
        "bitext.toml",
        "[languages]\nsource = \"en-US\"\ntarget = \"fr-FR\"\n",
    );
    ws.write(
        "releases/real/release.toml",
        "date = 2021-07-20\nstatus = \"draft\"\n\n[slug]\nen = \"real\"\nfr = \"reel\"\n",
    );
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/letsencrypt-website/about");
    // The page's own short title (`linkTitle`) as a heading over its logo.
    let head = "\n# Let's Encrypt\n\n![Let's Encrypt](https://letsencrypt.org/images/le-logo-wide.png)\n";
    for file in ["en.md", "fr.md"] {
        let text = std::fs::read_to_string(from.join(file)).unwrap();
        let body = text.find("---\n\n").unwrap() + 4;
        ws.write(
            &format!("releases/real/{file}"),
            &format!("{}{head}{}", &text[..body], &text[body..]),
        );
    }
    assert_eq!(ws.run(&["sign-off", "--force", "real"]).code, 0);
    assert_eq!(findings(&ws), vec![]);
    ws.edit(EN, "# Let's Encrypt\n", "# About us\n");
    assert_eq!(
        findings(&ws),
        vec![("source-drifted".to_owned(), Some(12), Some(12))]
    );
}

/// `HTTPS` set as inline code after sign-off changes how the English
/// looks, not what the French must say: no drift. A link given a new
/// target is not drift either (the text is unchanged; `url-mismatch`
/// compares the links of a pair).
#[test]
fn markup_only_edits_and_link_targets_are_not_drift() {
    let ws = signed_off();
    ws.edit(EN, "enable HTTPS (SSL/TLS)", "enable `HTTPS` (SSL/TLS)");
    assert_eq!(findings(&ws), vec![]);
    ws.edit(EN, "annual-reports/)", "annual-reports/2024/)");
    assert_eq!(findings(&ws), vec![]);
    // A word changed beside the markup is drift, shown as such.
    ws.edit(EN, "enable `HTTPS`", "turn on `HTTPS`");
    assert_eq!(
        findings(&ws),
        vec![("source-drifted".to_owned(), Some(14), Some(14))]
    );
}
