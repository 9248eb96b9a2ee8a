//! The names check (`name-mismatch`) through the real binary on real
//! text (`tests/fixtures/real-names`, paragraphs of Canadian Digital
//! Service blog posts): country and region names written in French are
//! the same names, and a standard's version is part of its name.

use crate::util::Scratch;

const EN: &str = "releases/names-in-translation/en.md";
const FR: &str = "releases/names-in-translation/fr.md";

fn name_mismatches(ws: &Scratch) -> Vec<serde_json::Value> {
    let run = ws.run(&["check", "--format", "json"]);
    assert!(run.code <= 1, "{}", run.stderr);
    run.json()["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "name-mismatch")
        .cloned()
        .collect()
}

fn messages(findings: &[serde_json::Value]) -> Vec<&str> {
    findings.iter().map(|f| f["message"].as_str().unwrap()).collect()
}

/// `Germany` ↔ `Allemagne` was a `name-mismatch` (issue 13): the names
/// check knew only names that keep their first letters in French. CLDR's
/// names in English and French (`src/checks/cldr_names.tsv`) now say they
/// are the same country; the United Kingdom ↔ Royaume-Uni and the European
/// Union ↔ Union européenne of the same fixture pass too.
#[test]
fn countries_named_in_french_are_not_name_mismatches() {
    let ws = Scratch::fixture("real-names");
    assert_eq!(messages(&name_mismatches(&ws)), Vec::<&str>::new());
    // The list of countries of the real page, cut to one so that Germany
    // stands alone as a name.
    ws.edit(
        EN,
        "including [Ireland](https://github.com/HSEIreland/covid-tracker-app), [Germany](https://github.com/corona-warn-app), [Italy](https://github.com/immuni-app), and others.",
        "including [Germany](https://github.com/corona-warn-app).",
    );
    ws.edit(
        FR,
        "dont l’[Irlande](https://github.com/HSEIreland/covid-tracker-app), l’[Allemagne](https://github.com/corona-warn-app), l’[Italie](https://github.com/immuni-app) et d’autres.",
        "dont l’[Allemagne](https://github.com/corona-warn-app).",
    );
    assert_eq!(messages(&name_mismatches(&ws)), Vec::<&str>::new());
    // Without the French name, the country is missing.
    ws.edit(
        FR,
        "dont l’[Allemagne](https://github.com/corona-warn-app).",
        "dont [un pays](https://github.com/corona-warn-app).",
    );
    let found = name_mismatches(&ws);
    assert_eq!(
        messages(&found),
        ["name “Germany” in the English is not in the French"]
    );
    assert_eq!(found[0]["source"]["line"], 3);
}

/// `WCAG 2` against `WCAG 2.1`, and an `ATAG 2.0` the French left out,
/// passed unflagged (issue 13): a standard's version is part of its name.
#[test]
fn a_standard_at_another_version_or_missing_is_a_name_mismatch() {
    let ws = Scratch::fixture("real-names");
    ws.edit(
        FR,
        "la norme WCAG&nbsp;2.1, niveau AA",
        "la norme WCAG&nbsp;2, niveau AA",
    );
    let found = name_mismatches(&ws);
    assert_eq!(
        messages(&found),
        ["WCAG is version 2.1 in the English but 2 in the French"]
    );
    assert_eq!(found[0]["source"]["line"], 5);
    assert_eq!(found[0]["target"]["line"], 5);

    let ws = Scratch::fixture("real-names");
    ws.edit(
        EN,
        "achieving the WCAG 2.1 AA standard.",
        "achieving the WCAG 2.1 AA standard and ATAG 2.0.",
    );
    assert_eq!(
        messages(&name_mismatches(&ws)),
        ["acronym “ATAG 2.0” in the English is not in the French"]
    );
    ws.edit(
        FR,
        "la norme WCAG&nbsp;2.1, niveau AA",
        "la norme WCAG&nbsp;2.1, niveau AA, et aux ATAG&nbsp;2.0",
    );
    assert_eq!(messages(&name_mismatches(&ws)), Vec::<&str>::new());
}
