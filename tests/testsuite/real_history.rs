//! Real upstream English edits (tests/corpus-history): the French signed
//! off against the English it was translated from, then the English edited
//! as it really was. Every edit must be reported, as drift where a paragraph
//! was reworded and as a missing translation where one was added (gettext's
//! msgfmt misses edits that only remove text; compare the counts with
//! `[en_change]` in each case's meta.toml).

use std::path::Path;

use crate::util::Scratch;

/// (case, expected findings as (code, count)).
const CASES: [(&str, &[(&str, u64)]); 4] = [
    (
        "cds-digital-canada-blog/picking-our-projects-eb78a0cc",
        &[("source-drifted", 1)],
    ),
    (
        "cds-digital-canada-blog/digital-training-needs-9cad9b17",
        &[("missing-translation", 1)],
    ),
    (
        "canada-ca-blog/2020-01-28-voice-search-optimization-648c7594",
        &[("source-drifted", 2)],
    ),
    // Two paragraphs modified upstream, one of them only in a code sample,
    // which is carried and not translated.
    (
        "gc-notify-docs/send-12ef5c76",
        &[("missing-translation", 1), ("source-drifted", 1)],
    ),
];

#[test]
fn every_real_english_edit_is_reported() {
    for (case, expected) in CASES {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus-history")
            .join(case);
        let ws = Scratch::empty();
        ws.write(
            "bitext.toml",
            "[languages]\nsource = \"en-CA\"\ntarget = \"fr-CA\"\n",
        );
        ws.write(
            "releases/case/release.toml",
            "date = 2020-03-23\nstatus = \"draft\"\n\n[slug]\nen = \"case\"\nfr = \"cas\"\n",
        );
        let copy = |from_name: &str, to_name: &str| {
            std::fs::copy(from.join(from_name), ws.file(&format!("releases/case/{to_name}"))).unwrap();
        };
        copy("en.old.md", "en.md");
        copy("fr.md", "fr.md");
        // Real pages carry a section on one side now and then: record those
        // as one-sided so that only the edit is reported.
        assert_eq!(ws.run(&["sign-off", "--force", "case"]).code, 0, "{case}");
        copy("en.new.md", "en.md");
        let run = ws.run(&["check", "--format", "json"]);
        assert_eq!(run.code, 1, "{case}: {}", run.stdout);
        let summary = &run.json()["summary"];
        // Pairing findings only: the quality checks have remarks of their
        // own on these real pages.
        let found: Vec<(String, u64)> = summary
            .as_object()
            .unwrap()
            .iter()
            .filter(|(code, n)| crate::util::PAIRING_CODES.contains(&code.as_str()) && n.as_u64() != Some(0))
            .map(|(code, n)| (code.clone(), n.as_u64().unwrap()))
            .collect();
        let expected: Vec<(String, u64)> = expected.iter().map(|(c, n)| (c.to_string(), *n)).collect();
        assert_eq!(found, expected, "{case}");
    }
}
