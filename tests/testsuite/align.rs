//! `bitext align`: the side-by-side terminal view (widths, line numbers,
//! statuses, the word diff of a drifted pair) and the HTML review page.

use unicode_width::UnicodeWidthStr;

use crate::util::{pairing_findings, PairingFinding, Scratch};

const REF: &str = "uk-france-military-chiefs-meeting";
const EN: &str = "releases/uk-france-military-chiefs-meeting/en.md";

fn drifted() -> Scratch {
    let ws = Scratch::fixture("core");
    ws.edit(EN, "The third annual", "The fourth annual");
    ws
}

#[test]
fn side_by_side_fits_the_width_and_shows_the_drift() {
    let ws = drifted();
    for width in [60, 100, 160] {
        let run = ws.run(&["align", REF, "--width", &width.to_string()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        for line in run.stdout.lines() {
            assert!(line.width() <= width, "wider than {width}: {line:?}");
        }
        // The separator sits in the same display column on every row,
        // accents and typographic apostrophes notwithstanding.
        let columns: std::collections::BTreeSet<usize> = run
            .stdout
            .lines()
            .filter(|l| !l.starts_with("──"))
            .filter_map(|l| l.find(" │ ").map(|at| l[..at].width()))
            .collect();
        assert_eq!(columns.len(), 1, "separator columns {columns:?}\n{}", run.stdout);
    }
    let run = ws.run(&["align", REF, "--width", "100"]);
    let out = &run.stdout;
    assert!(out.contains("── source-drifted ─"), "{out}");
    assert!(out.contains("[-third-]{+fourth+}"), "{out}");
    // Line numbers on both sides: the drifted paragraph is line 15 in both.
    let row = out.lines().find(|l| l.contains("[-third-]")).unwrap();
    assert!(row.trim_start().starts_with("15 "), "{row}");
    assert!(row.contains("│  15 Cette troisième"), "{row}");
}

#[test]
fn width_comes_from_columns_when_not_a_terminal() {
    let ws = Scratch::fixture("core");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_bitext"))
        .args(["align", REF])
        .current_dir(ws.path())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "72")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let widest = text.lines().map(|l| l.width()).max().unwrap();
    assert_eq!(widest, 72, "{text}");
}

#[test]
fn missing_translation_shows_an_empty_side() {
    let ws = Scratch::fixture("core");
    ws.edit(
        EN,
        "Admiral Sir Tony Radakin",
        "A new paragraph about PJHQ planning in 2025.\n\nAdmiral Sir Tony Radakin",
    );
    let run = ws.run(&["align", REF, "--width", "100"]);
    let block: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("── missing-translation"))
        .take(2)
        .collect();
    assert!(
        block[1].contains("A new paragraph") && block[1].contains("(none)"),
        "{block:?}"
    );
}

#[test]
fn json_format_is_unchanged() {
    let ws = Scratch::fixture("core");
    let run = ws.run(&["align", REF, "--format", "json"]);
    let json = run.json();
    assert_eq!(json["pairs"][0]["status"], "in-sync");
    assert_eq!(json["pairs"][0]["source"][0]["line"], 1);
    assert_eq!(json["pairs"][0]["target"][0]["kind"], "heading");
}

#[test]
fn html_review_page_is_self_contained_and_escaped() {
    let ws = drifted();
    ws.edit(
        "releases/uk-france-military-chiefs-meeting/fr.md",
        "L’amiral Sir Tony Radakin",
        // Escaped in Markdown, so it is text the segment keeps.
        r"\<script>alert(1)\</script> L’amiral Sir Tony Radakin",
    );
    let run = ws.run(&["align", REF, "--html", "review.html", "--width", "80"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = ws.read("review.html");
    assert!(page.starts_with("<!DOCTYPE html>"));
    // Nothing fetched: no external script, style sheet, image or font.
    for needle in ["src=\"http", "href=\"http", "@import", "url("] {
        assert!(!page.contains(needle), "page loads {needle}");
    }
    // Release text is escaped, never markup.
    assert!(!page.contains("<script>alert"), "unescaped release text");
    assert!(page.contains("&lt;script&gt;alert(1)"));
    // The drift is highlighted, the finding sits in the drifted row.
    assert!(
        page.contains("<del>third</del><ins>fourth</ins>"),
        "no highlighted diff"
    );
    let row = page
        .split("<tr class=\"pair")
        .find(|r| r.contains("data-status=\"source-drifted\""))
        .expect("a drifted row");
    assert!(row.contains("<code>source-drifted</code>"), "{row}");
    assert!(row.contains("level-error"), "{row}");
    // One filter per status present, with counts.
    assert!(page.contains("value=\"in-sync\""));
    assert!(page.contains("value=\"source-drifted\" checked> source-drifted <span class=\"count\">(1)"));
    assert!(page.contains("value=\"target-edited\""), "the edited French row");
}

/// The (source lines, target lines) of each pair `bitext align` makes,
/// with its status.
fn pairs(ws: &Scratch, release: &str) -> Vec<(String, Vec<u64>, Vec<u64>)> {
    let run = ws.run(&["align", release, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = |side: &serde_json::Value| -> Vec<u64> {
        side.as_array()
            .unwrap()
            .iter()
            .map(|s| s["line"].as_u64().unwrap())
            .collect()
    };
    run.json()["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["status"].as_str().unwrap().to_owned(),
                lines(&p["source"]),
                lines(&p["target"]),
            )
        })
        .collect()
}

/// A real French page that folds a table of headings and short
/// paragraphs into one paragraph per part (tests/fixtures/real-table-folded,
/// Open Government Licence – Canada): with moves no larger than 2–1, ten
/// English blocks were left without a partner and reported as missing
/// translations although their French was there. They pair as groups,
/// four blocks and nine blocks against one French paragraph each.
#[test]
fn a_table_folded_into_french_paragraphs_pairs_as_groups() {
    let ws = Scratch::fixture("real-table-folded");
    let pairs = pairs(&ws, "licences");
    let unpaired: Vec<_> = pairs.iter().filter(|p| p.0.starts_with("missing")).collect();
    assert_eq!(unpaired, Vec::<&(String, Vec<u64>, Vec<u64>)>::new());
    let groups: Vec<(Vec<u64>, Vec<u64>)> = pairs
        .into_iter()
        .filter(|p| p.1.len() != 1 || p.2.len() != 1)
        .map(|p| (p.1, p.2))
        .collect();
    assert_eq!(
        groups,
        vec![
            (vec![33, 35, 37, 39], vec![33]),
            (vec![43, 45, 47, 49, 51, 53, 55, 57, 59], vec![40]),
        ]
    );
}

/// Issue 13, "added English items take the wrong partners". A real list
/// (the 30 disciplines of the Canadian Digital Service's survey of
/// digital training needs, tests/corpus, MIT) signed off as published;
/// then six real items of another list (the Canada.ca chatbots post, MIT)
/// are put before "Continuous deployment", which is reworded. The
/// French of the reworded item, still as signed off, was paired with the
/// first new item, and the reworded item was reported missing. It pairs
/// with the reworded item, drifted, and the six new items are missing
/// translations.
#[test]
fn new_english_items_before_a_reworded_one_do_not_take_its_french() {
    let ws = crate::real_corpus::with_real_pair("cds-digital-canada-blog/digital-training-needs");
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    assert_eq!(ws.run(&["sign-off", "--force", "real"]).code, 0);
    let chatbots = std::fs::read_to_string(corpus.join("canada-ca-blog/2022-02-07-chatbots/en.md")).unwrap();
    let lines: Vec<&str> = chatbots.lines().collect();
    let new: Vec<String> = [95, 96, 97, 109, 110, 111]
        .iter()
        .map(|&at| lines[at].replacen("- ", "* ", 1))
        .collect();
    assert!(new[0].starts_with("* eligibility criteria"), "{new:?}");
    let en = ws.read("releases/real/en.md");
    assert_eq!(en.lines().nth(35), Some("* Continuous deployment"));
    let edited = format!("{}\n* Continuous integration and deployment\n", new.join("\n"));
    ws.write(
        "releases/real/en.md",
        &en.replacen("* Continuous deployment\n", &edited, 1),
    );
    let mut expected: Vec<PairingFinding> = (36..42)
        .map(|line| ("missing-translation".to_owned(), Some(line), None))
        .collect();
    expected.push(("source-drifted".to_owned(), Some(42), Some(37)));
    let mut found = pairing_findings(&ws);
    found.sort();
    expected.sort();
    assert_eq!(found, expected);
}
