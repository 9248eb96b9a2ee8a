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

/// A real pair of `tests/corpus/<page>` (MIT or MPL 2.0, see its README)
/// as release `real`, not signed off.
fn real_pair(page: &str, languages: (&str, &str)) -> Scratch {
    let ws = Scratch::empty();
    ws.write(
        "bitext.toml",
        &format!(
            "[languages]\nsource = \"{}\"\ntarget = \"{}\"\n",
            languages.0, languages.1
        ),
    );
    ws.write(
        "releases/real/release.toml",
        "date = 2021-07-20\nstatus = \"draft\"\n\n[slug]\nen = \"real\"\nfr = \"reel\"\n",
    );
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(page);
    for file in ["en.md", "fr.md"] {
        std::fs::copy(from.join(file), ws.file(&format!("releases/real/{file}"))).unwrap();
    }
    ws
}

const CANADA: (&str, &str) = ("en-CA", "fr-CA");

/// The segments `bitext align` leaves without a partner, as (status,
/// line, text).
fn unpaired(ws: &Scratch) -> Vec<(String, u64, String)> {
    let run = ws.run(&["align", "real", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut out = Vec::new();
    for pair in run.json()["pairs"].as_array().unwrap() {
        let status = pair["status"].as_str().unwrap();
        if !status.starts_with("missing") {
            continue;
        }
        for side in ["source", "target"] {
            for segment in pair[side].as_array().unwrap() {
                out.push((
                    status.to_owned(),
                    segment["line"].as_u64().unwrap(),
                    segment["text"].as_str().unwrap().to_owned(),
                ));
            }
        }
    }
    out
}

/// The last item of a list in a wordy French translation, whose links go
/// to the French subdomain of the same site (`systeme-design.alpha.canada.ca`
/// for `design-system.alpha.canada.ca`): once grouped 2–1 with the item
/// before it in English and left without a partner in French.
#[test]
fn a_wordy_french_item_with_translated_link_hosts_pairs_one_to_one() {
    let ws = real_pair("cds-digital-canada-blog/2025-product-highlights-linkedin", CANADA);
    assert_eq!(unpaired(&ws), vec![]);
}

/// A shifted run: in a French translation a third longer than the
/// English, the closing paragraphs and the list after them were paired
/// each with the next one, the first French paragraph left alone and two
/// list items grouped to catch up.
#[test]
fn closing_paragraphs_and_list_of_a_wordy_translation_do_not_shift() {
    let ws = real_pair("canada-ca-blog/2021-04-08-using-interactive-questions", CANADA);
    assert_eq!(unpaired(&ws), vec![]);
    // The list after them pairs item for item, the long French item too.
    let run = ws.run(&["align", "real", "--format", "json"]);
    let lines = |pair: &serde_json::Value, side: &str| -> Vec<u64> {
        pair[side]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["line"].as_u64().unwrap())
            .collect()
    };
    let list: Vec<(Vec<u64>, Vec<u64>)> = run.json()["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (lines(p, "source"), lines(p, "target")))
        .filter(|(s, _)| s.first().is_some_and(|&l| (99..=103).contains(&l)))
        .collect();
    assert_eq!(
        list,
        (0..5).map(|k| (vec![99 + k], vec![100 + k])).collect::<Vec<_>>()
    );
}

/// An image whose `alt` runs over several lines in French only: its
/// opening tag wraps, which CommonMark reads as a paragraph of inline HTML
/// rather than an HTML block. It is read as the image it is, on both
/// sides, and pairs with the English image.
#[test]
fn an_image_whose_opening_tag_wraps_on_one_side_pairs_with_its_alt() {
    let ws = real_pair("cds-digital-canada-blog/linkedin-article-fin-gcforms", CANADA);
    assert_eq!(unpaired(&ws), vec![]);
    let run = ws.run(&["align", "real", "--format", "json"]);
    let json = run.json();
    let image = json["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| {
            p["target"][0]["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("Formulaires GC a accéléré notre capacité"))
        })
        .expect("the French image alt is a segment");
    assert_eq!(image["target"][0]["kind"], "image");
    assert_eq!(image["source"][0]["kind"], "image");
    assert!(
        image["source"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("GC Forms sped up our ability"),
        "{image}"
    );
}

/// A French paragraph that leaves out one of its sentences is still the
/// translation of its English paragraph: the aligner once grouped it with
/// the next French paragraph against the English one, and reported the
/// next English paragraph missing although its French was there.
#[test]
fn a_sentence_left_out_of_a_french_paragraph_does_not_regroup_its_neighbours() {
    let ws = real_pair("letsencrypt-website/getting-started", ("en-US", "fr-FR"));
    let before = unpaired(&ws);
    let fr = ws.read(FR);
    let line = fr.split('\n').nth(14).unwrap();
    let cut = line.find(". ").expect("a paragraph of two sentences or more") + 2;
    let next = line[cut..].find(". ").map_or(line.len(), |at| cut + at + 2);
    let shortened = format!("{}{}", &line[..cut], &line[next..]);
    assert_ne!(shortened, line);
    ws.write(FR, &fr.replacen(line, shortened.trim_end(), 1));
    assert_eq!(unpaired(&ws), before);
}

/// A real upstream edit of the Let's Encrypt "Upcoming features" page
/// (tests/corpus-history, MPL 2.0): a new section put above the old one,
/// under a new top heading. The new heading was grouped 2–1 with the
/// drifted paragraph before it, as a paragraph; it is a heading of its
/// own, missing in French.
#[test]
fn a_new_heading_is_not_grouped_with_the_paragraph_before_it() {
    let ws = Scratch::empty();
    ws.write(
        "bitext.toml",
        "[languages]\nsource = \"en-US\"\ntarget = \"fr-FR\"\n",
    );
    ws.write(
        "releases/real/release.toml",
        "date = 2021-07-20\nstatus = \"draft\"\n\n[slug]\nen = \"real\"\nfr = \"reel\"\n",
    );
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus-history/letsencrypt-website/upcoming-features-2946638c");
    std::fs::copy(from.join("en.old.md"), ws.file(EN)).unwrap();
    std::fs::copy(from.join("fr.md"), ws.file(FR)).unwrap();
    assert_eq!(ws.run(&["sign-off", "--force", "real"]).code, 0);
    std::fs::copy(from.join("en.new.md"), ws.file(EN)).unwrap();
    assert_eq!(ws.read(EN).split('\n').nth(9), Some("# Upcoming Features"));
    let found = findings(&ws);
    assert!(
        found.contains(&("missing-translation".to_owned(), Some(10), None)),
        "{found:?}"
    );
    assert!(
        found.contains(&("source-drifted".to_owned(), Some(8), Some(8))),
        "{found:?}"
    );
}
