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
