//! XLIFF round trips through the real binary: export the missing and
//! drifted segments of a fixture release, fill the targets by editing the
//! XML as a CAT tool would, import, and the release checks clean with
//! every other byte of the French unchanged; stale units are refused.

use crate::util::Scratch;

const SLUG: &str = "exercise-channel-shield";
const EN: &str = "releases/exercise-channel-shield/en.md";
const FR: &str = "releases/exercise-channel-shield/fr.md";

/// The fixture with one English paragraph added (with a link, emphasis and
/// inline code), one list item added, and one paragraph drifted.
fn edited() -> Scratch {
    let ws = Scratch::fixture("core");
    ws.edit(
        EN,
        "## Investing in joint training",
        "A *new* phase begins in May: see [the plan](https://www.gov.uk/cjef) and `CJEF-25`.\n\n## Investing in joint training",
    );
    ws.edit(
        EN,
        "- Part of a £2.5 billion",
        "- Live-fire drills on 9 April 2025.\n- Part of a £2.5 billion",
    );
    ws.edit(
        EN,
        "a £2.5 billion programme to expand",
        "a £2.6 billion programme to expand",
    );
    ws
}

/// Fills a unit's target the way a CAT tool does: a `<target>` after the
/// `<source>` (replacing any old one), codes copied from the source.
fn fill(xlf: &str, unit: &str, target: &str) -> String {
    let start = xlf
        .find(&format!("id=\"{unit}\""))
        .unwrap_or_else(|| panic!("no unit {unit}"));
    let end = start + xlf[start..].find("</source>").unwrap() + "</source>".len();
    let mut rest = &xlf[end..];
    if let Some(old) = rest.strip_prefix("\n        <target") {
        let close = old.find("</target>").unwrap() + "</target>".len();
        rest = &old[close..];
    }
    format!("{}\n        <target>{target}</target>{rest}", &xlf[..end])
}

fn unit_ids(xlf: &str, element: &str) -> Vec<String> {
    xlf.match_indices(&format!("<{element} id=\""))
        .map(|(at, m)| {
            let rest = &xlf[at + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

#[test]
fn round_trip_fills_missing_and_drifted_and_checks_clean() {
    let ws = edited();
    let before = ws.read(FR);
    let run = ws.run(&[
        "xliff",
        "export",
        SLUG,
        "--only",
        "missing,drifted",
        "-o",
        "job.xlf",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xlf = ws.read("job.xlf");
    assert_eq!(unit_ids(&xlf, "unit"), ["s5", "s12", "s14"], "{xlf}");
    assert!(xlf.contains("<segment state=\"initial\">"));
    assert!(
        xlf.contains("£2.5 billion programme"),
        "the note holds the source at sign-off"
    );
    // The link target is protected data, not text a translator edits.
    assert!(
        xlf.contains("<data id=\"d2e\">](https://www.gov.uk/cjef)</data>"),
        "{xlf}"
    );

    let xlf = fill(&xlf, "s5", "Des tirs réels le 9 avril 2025.");
    let xlf = fill(
        &xlf,
        "s12",
        "Une <pc id=\"1\" dataRefStart=\"d1s\" dataRefEnd=\"d1e\">nouvelle</pc> phase débute en mai\u{a0}: voir <pc id=\"2\" dataRefStart=\"d2s\" dataRefEnd=\"d2e\">le plan</pc> et <ph id=\"3\" dataRef=\"d3\"/>.",
    );
    let xlf = fill(
        &xlf,
        "s14",
        "L’exercice s’inscrit dans un programme de 2,6\u{a0}milliards de livres visant à développer l’entraînement conjoint avec les alliés européens au cours des cinq prochaines années. Le nombre de jours d’entraînement conjoint avec les forces françaises augmentera de 25\u{a0}% en 2025 par rapport à 2024.",
    );
    ws.write("job.xlf", &xlf);
    let run = ws.run(&["xliff", "import", "job.xlf"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("1 replaced, 2 inserted"), "{}", run.stdout);

    let after = ws.read(FR);
    assert!(after.contains(
        "- Un exercice qui se déroule du 1er au 14 avril 2025 sur la plaine de Salisbury et au camp de Canjuers, dans le sud de la France.\n- Des tirs réels le 9 avril 2025.\n- Une initiative"
    ), "{after}");
    assert!(after.contains(
        "Une *nouvelle* phase débute en mai\u{a0}: voir [le plan](https://www.gov.uk/cjef) et `CJEF-25`.\n\n## Investir"
    ), "{after}");
    // Every other byte is as it was: take the three edits out again.
    let restored = after
        .replace("\n- Des tirs réels le 9 avril 2025.", "")
        .replace(
            "Une *nouvelle* phase débute en mai\u{a0}: voir [le plan](https://www.gov.uk/cjef) et `CJEF-25`.\n\n",
            "",
        )
        .replace("2,6\u{a0}milliards", "2,5 milliards");
    assert_eq!(restored, before);

    let run = ws.run(&["check", SLUG, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let json = run.json();
    for code in ["missing-translation", "missing-source", "source-drifted"] {
        assert_eq!(json["summary"][code], 0, "{code}: {}", run.stdout);
    }
    assert_eq!(ws.run(&["sign-off", SLUG]).code, 0);
    let run = ws.run(&["check", SLUG]);
    assert!(run.stdout.contains("all in sync"), "{}", run.stdout);

    // Importing the same file again changes nothing.
    let run = ws.run(&["xliff", "import", "job.xlf"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("0 replaced, 0 inserted, 3 unchanged"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_unit_whose_source_changed_since_export_is_refused() {
    let ws = edited();
    ws.run(&["xliff", "export", SLUG, "-o", "job.xlf"]);
    let xlf = fill(&ws.read("job.xlf"), "s5", "Des tirs réels le 9 avril 2025.");
    let xlf = fill(
        &xlf,
        "s12",
        "Une nouvelle phase débute en mai\u{a0}: voir <pc id=\"2\" dataRefStart=\"d2s\" dataRefEnd=\"d2e\">le plan</pc>.",
    );
    ws.write("job.xlf", &xlf);
    // The writer changes the English after the export.
    ws.edit(EN, "Live-fire drills on 9 April", "Live-fire drills on 10 April");
    let before = ws.read(FR);
    let run = ws.run(&["xliff", "import", "job.xlf"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("refused unit s5 of exercise-channel-shield: the English of this segment changed since the export"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("nothing written"), "{}", run.stdout);
    assert_eq!(ws.read(FR), before, "nothing may be written without --partial");

    let run = ws.run(&["xliff", "import", "job.xlf", "--partial"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("0 replaced, 1 inserted"), "{}", run.stdout);
    assert!(ws.read(FR).contains("voir [le plan](https://www.gov.uk/cjef)."));
    assert!(!ws.read(FR).contains("tirs réels"));
}

#[test]
fn a_unit_whose_target_changed_since_export_is_refused() {
    let ws = edited();
    ws.run(&["xliff", "export", SLUG, "--only", "drifted", "-o", "job.xlf"]);
    ws.write("job.xlf", &fill(&ws.read("job.xlf"), "s14", "Nouveau texte."));
    ws.edit(
        FR,
        "un programme de 2,5 milliards",
        "un programme de 2,5 milliards d’euros",
    );
    let run = ws.run(&["xliff", "import", "job.xlf"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("the French of this segment changed since the export"),
        "{}",
        run.stdout
    );
}

#[test]
fn xliff_1_2_round_trips_too() {
    let ws = edited();
    let run = ws.run(&[
        "xliff",
        "export",
        SLUG,
        "--all",
        "--xliff-version",
        "1.2",
        "-o",
        "job.xlf",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xlf = ws.read("job.xlf");
    assert!(xlf.contains("version=\"1.2\""));
    assert!(
        xlf.contains("<target xml:space=\"preserve\" state=\"final\">"),
        "in-sync pairs with --all"
    );
    assert!(
        xlf.contains(
            "<bpt id=\"2\" ctype=\"link\">[</bpt>the plan<ept id=\"2\">](https://www.gov.uk/cjef)</ept>"
        ),
        "{xlf}"
    );
    let xlf = fill(
        &xlf,
        "s12",
        "Voir <bpt id=\"2\" ctype=\"link\">[</bpt>le plan<ept id=\"2\">](https://www.gov.uk/cjef)</ept> et <ph id=\"3\" ctype=\"x-code\">`CJEF-25`</ph>.",
    );
    ws.write("job.xlf", &xlf);
    let run = ws.run(&["xliff", "import", "job.xlf"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("0 replaced, 1 inserted"), "{}", run.stdout);
    assert!(ws
        .read(FR)
        .contains("Voir [le plan](https://www.gov.uk/cjef) et `CJEF-25`.\n\n## Investir"));
}

#[test]
fn boilerplate_references_are_not_exported() {
    let ws = Scratch::fixture("core");
    let run = ws.run(&[
        "new",
        "n",
        "--title",
        "Title",
        "--titre",
        "Titre",
        "--date",
        "2026-01-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    ws.run(&["xliff", "export", "n", "--all", "-o", "n.xlf"]);
    let xlf = ws.read("n.xlf");
    assert_eq!(unit_ids(&xlf, "unit"), ["s1"], "{xlf}");
    assert!(!xlf.contains("closing-priority"));
}

#[test]
fn malformed_xliff_is_an_error_with_a_position() {
    let ws = Scratch::fixture("core");
    ws.write(
        "bad.xlf",
        "<xliff version=\"2.0\">\n  <file id=\"x\">\n</xliff>\n",
    );
    let run = ws.run(&["xliff", "import", "bad.xlf"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad.xlf:3:"), "{}", run.stderr);
}

/// An exported job with `open` and `close` wrapped `depth` times around
/// its first unit's target text.
fn nested_job(ws: &Scratch, open: &str, close: &str, depth: usize) -> String {
    let run = ws.run(&["xliff", "export", SLUG, "-o", "job.xlf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xlf = ws.read("job.xlf");
    let id = &unit_ids(&xlf, "unit")[0];
    fill(
        &xlf,
        id,
        &format!("{}texte{}", open.repeat(depth), close.repeat(depth)),
    )
}

/// Regression: XLIFF with 30,000 nested `<group>`, or 100,000 nested
/// `<pc>` or `<mrk>`, overflowed the stack (exit 134) on import. Elements
/// deeper than 100 are refused with the position of the first one.
#[test]
fn deeply_nested_xliff_is_refused_with_a_position() {
    let ws = edited();
    let before = ws.read(FR);
    let xlf = nested_job(&ws, "<pc id=\"1\">", "</pc>", 100_000);
    ws.write("pc.xlf", &xlf);
    let xlf = nested_job(&ws, "<mrk id=\"m\">", "</mrk>", 100_000);
    ws.write("mrk.xlf", &xlf);
    let at = xlf.find("<file").unwrap();
    let groups = format!(
        "{}{}{}{}",
        &xlf[..at],
        "<group id=\"g\">".repeat(30_000),
        "</group>".repeat(30_000),
        &xlf[at..]
    );
    ws.write("group.xlf", &groups);
    for name in ["pc.xlf", "mrk.xlf", "group.xlf"] {
        let run = ws.run(&["xliff", "import", name]);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("{name}:"))
                && run.stderr.contains("elements nested more than 100 deep"),
            "{name}: {}",
            run.stderr
        );
        assert_eq!(ws.read(FR), before);
    }
}

/// The line of a unit in an XLIFF file.
fn unit_line(xlf: &str, unit: &str) -> usize {
    xlf[..xlf.find(&format!("<unit id=\"{unit}\"")).unwrap()]
        .matches('\n')
        .count()
        + 1
}

/// Exports the edited fixture, fills unit s12 (the new paragraph with
/// emphasis, a link and inline code) with `target`, lets `tamper` change
/// the file, imports it, and asserts that s12 is refused on its line with
/// `reason` and that nothing is written.
fn s12_refused(target: &str, tamper: impl Fn(String) -> String, reason: &str) {
    let ws = edited();
    let before = ws.read(FR);
    let run = ws.run(&["xliff", "export", SLUG, "-o", "job.xlf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xlf = tamper(fill(&ws.read("job.xlf"), "s12", target));
    ws.write("job.xlf", &xlf);
    let run = ws.run(&["xliff", "import", "job.xlf"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let line = unit_line(&xlf, "s12");
    let expected = format!("job.xlf:{line}: refused unit s12 of exercise-channel-shield: {reason}");
    assert!(
        run.stdout.contains(&expected),
        "expected {expected:?} in {}",
        run.stdout
    );
    assert_eq!(ws.read(FR), before);
}

const LINK: &str = "<pc id=\"2\" dataRefStart=\"d2s\" dataRefEnd=\"d2e\">le plan</pc>";

/// Regression: an extra `<ph>` pointing at one end of the link wrote an
/// unbalanced `[` into fr.md.
#[test]
fn an_extra_placeholder_is_refused() {
    s12_refused(
        &format!("Voir {LINK} et <ph id=\"9\" dataRef=\"d2s\"/>."),
        |x| x,
        "the target has a code (\"d2s\") that the export did not write for this unit",
    );
    s12_refused(
        &format!("Voir {LINK} et <ph id=\"9\" dataRef=\"d3\"/> <ph id=\"9\" dataRef=\"d3\"/>."),
        |x| x,
        "the target uses the code \"d3\" twice",
    );
}

/// Regression: a target without the link's `<pc>` silently dropped the link.
#[test]
fn a_missing_link_is_refused() {
    s12_refused(
        "Voir le plan et <ph id=\"3\" dataRef=\"d3\"/>.",
        |x| x,
        "the target lacks code 2 of the source",
    );
}

/// Regression: `<originalData>` from the file was written into fr.md as it
/// was: blank lines, a boilerplate reference, a heading, `<img onerror>`.
/// Codes take their bytes from the export; data that differs is refused.
#[test]
fn original_data_not_from_the_export_is_refused() {
    for hostile in [
        "&#10;&#10;# Titre&#10;&#10;",
        "{{@ media-contact(name: \"X\") }}",
        "&lt;img src=x onerror=alert(1)&gt;",
    ] {
        s12_refused(
            &format!("Voir {LINK} et <ph id=\"3\" dataRef=\"d3\"/>."),
            |x| {
                x.replace(
                    "<data id=\"d3\">`CJEF-25`</data>",
                    &format!("<data id=\"d3\">{hostile}</data>"),
                )
            },
            "the original data \"d3\" is not what the export wrote",
        );
    }
    s12_refused(
        &format!("Voir {LINK}."),
        |x| {
            x.replace(
                "](https://www.gov.uk/cjef)</data>",
                "](javascript:alert(1))</data>",
            )
        },
        "the original data \"d2e\" is not what the export wrote",
    );
}

/// Regression: `trgLang="de-DE"` was imported into fr.md.
#[test]
fn a_target_language_other_than_the_workspace_is_refused() {
    let ws = edited();
    ws.run(&["xliff", "export", SLUG, "-o", "job.xlf"]);
    let xlf = fill(&ws.read("job.xlf"), "s5", "Live-Schießübungen am 9. April 2025.");
    ws.write("job.xlf", &xlf.replace("trgLang=\"fr-FR\"", "trgLang=\"de-DE\""));
    let before = ws.read(FR);
    let run = ws.run(&["xliff", "import", "job.xlf"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("job.xlf:2:1: trgLang=\"de-DE\" is not this workspace's language fr-FR"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.read(FR), before);
}

/// Regression: `<cp hex="0"/>` or a literal NUL wrote NUL bytes into fr.md.
#[test]
fn nul_characters_are_refused() {
    let ws = edited();
    ws.run(&["xliff", "export", SLUG, "-o", "job.xlf"]);
    let before = ws.read(FR);
    for (name, target) in [
        ("cp.xlf", "Des tirs<cp hex=\"0\"/> réels."),
        ("nul.xlf", "Des tirs\0 réels."),
    ] {
        let xlf = fill(&ws.read("job.xlf"), "s5", target);
        ws.write(name, &xlf);
        let run = ws.run(&["xliff", "import", name]);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        let line = xlf[..xlf.find("Des tirs").unwrap()].lines().count();
        assert!(
            run.stderr.contains(&format!("{name}:{line}:")),
            "{name}: {}",
            run.stderr
        );
        assert_eq!(ws.read(FR), before);
    }
}

/// Regression: two `<file>` elements for one release each printed
/// "1 replaced", but only the second edit reached fr.md.
#[test]
fn two_file_elements_for_one_release_both_apply() {
    let ws = edited();
    ws.run(&["xliff", "export", SLUG, "-o", "job.xlf"]);
    let xlf = fill(&ws.read("job.xlf"), "s5", "Des tirs réels le 9 avril 2025.");
    let xlf = fill(
        &xlf,
        "s12",
        &format!("Une phase débute en mai\u{a0}: voir {LINK} et <ph id=\"3\" dataRef=\"d3\"/>."),
    );
    // Close the <file> before unit s12 and open a second one for the same release.
    let at = xlf.find("    <unit id=\"s12\"").unwrap();
    let open = &xlf[xlf.find("  <file ").unwrap()..];
    let open = &open[..=open.find('>').unwrap()];
    let split = format!("{}  </file>\n{open}\n{}", &xlf[..at], &xlf[at..]);
    ws.write("job.xlf", &split);
    let run = ws.run(&["xliff", "import", "job.xlf"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("0 replaced, 2 inserted"), "{}", run.stdout);
    let fr = ws.read(FR);
    assert!(fr.contains("- Des tirs réels le 9 avril 2025."), "{fr}");
    assert!(
        fr.contains("voir [le plan](https://www.gov.uk/cjef) et `CJEF-25`."),
        "{fr}"
    );
}

/// Regression: `--partial` with every unit refused exited 2 without a
/// location; the docs say 1, with each refusal on its line.
#[test]
fn partial_with_every_unit_refused_exits_1() {
    let ws = edited();
    ws.run(&["xliff", "export", SLUG, "-o", "job.xlf"]);
    let xlf = fill(&ws.read("job.xlf"), "s12", "Voir le plan.");
    ws.write("job.xlf", &xlf);
    let before = ws.read(FR);
    let run = ws.run(&["xliff", "import", "job.xlf", "--partial"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains(&format!("job.xlf:{}: refused unit s12", unit_line(&xlf, "s12"))),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("no unit could be applied"), "{}", run.stdout);
    assert_eq!(ws.read(FR), before);
}

/// The file is read as a stream (issue 12: a tree of a 100,000-unit file
/// took 2 GB): units inside `<group>`s nested as deep as the limit allows
/// are still found, and a unit inside an element that is not a group (a
/// CAT tool's own extension, say) is not applied.
#[test]
fn units_in_nested_groups_are_found_and_units_elsewhere_ignored() {
    let ws = edited();
    ws.run(&["xliff", "export", SLUG, "-o", "job.xlf"]);
    let xlf = fill(&ws.read("job.xlf"), "s5", "Des tirs réels le 9 avril 2025.");
    let xlf = fill(&xlf, "s14", "un programme de 2,6\u{a0}milliards de livres");
    // s5 inside 90 groups; s14 inside a foreign element.
    let at = xlf.find("    <unit id=\"s5\"").unwrap();
    let end = at + xlf[at..].find("</unit>").unwrap() + "</unit>".len();
    let xlf = format!(
        "{}{}{}{}{}",
        &xlf[..at],
        "<group id=\"g\">".repeat(90),
        &xlf[at..end],
        "</group>".repeat(90),
        &xlf[end..]
    );
    let at = xlf.find("    <unit id=\"s14\"").unwrap();
    let end = at + xlf[at..].find("</unit>").unwrap() + "</unit>".len();
    let xlf = format!(
        "{}<x:extension xmlns:x=\"urn:x-tool\">{}</x:extension>{}",
        &xlf[..at],
        &xlf[at..end],
        &xlf[end..]
    );
    ws.write("job.xlf", &xlf);
    let before = ws.read(FR);
    let run = ws.run(&["xliff", "import", "job.xlf"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("0 replaced, 1 inserted"), "{}", run.stdout);
    let fr = ws.read(FR);
    assert!(fr.contains("- Des tirs réels le 9 avril 2025."), "{fr}");
    assert!(!fr.contains("2,6\u{a0}milliards") && !before.contains("2,6\u{a0}milliards"));
}

/// A DOCTYPE's entities (XXE: an external file; billion laughs: entities
/// of entities) are never expanded: the first use is refused with its
/// position, exit 2, nothing written, even when the rest of the file is
/// a good job.
#[test]
fn doctype_entities_are_refused_with_their_position() {
    let ws = edited();
    ws.run(&["xliff", "export", SLUG, "-o", "job.xlf"]);
    let before = ws.read(FR);
    let job = fill(&ws.read("job.xlf"), "s5", "Des tirs réels le 9 avril 2025.");
    let body = &job[job.find("<xliff").unwrap()..];
    for (name, doctype, target) in [
        (
            "xxe.xlf",
            "<!DOCTYPE xliff [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
            "Des tirs &x; réels.",
        ),
        (
            "laughs.xlf",
            "<!DOCTYPE xliff [<!ENTITY a \"ha\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>",
            "Des tirs &b; réels.",
        ),
    ] {
        let xlf = fill(
            &format!("<?xml version=\"1.0\"?>\n{doctype}\n{body}"),
            "s5",
            target,
        );
        ws.write(name, &xlf);
        let run = ws.run(&["xliff", "import", name]);
        assert_eq!(run.code, 2, "{name}: {}{}", run.stdout, run.stderr);
        let line = xlf[..xlf.find("Des tirs &").unwrap()].lines().count();
        assert!(
            run.stderr.contains(&format!("{name}:{line}:")) && run.stderr.contains("unknown entity"),
            "{name}: {}",
            run.stderr
        );
        assert_eq!(ws.read(FR), before);
    }
}

/// Read as a stream, the file is still refused whole when it is not
/// well-formed, even after a good unit: an element left open at the end,
/// or a second root element, exits 2 with the position and writes nothing.
#[test]
fn a_job_cut_short_or_with_two_roots_is_refused_whole() {
    let ws = edited();
    ws.run(&["xliff", "export", SLUG, "-o", "job.xlf"]);
    let before = ws.read(FR);
    let job = fill(&ws.read("job.xlf"), "s5", "Des tirs réels le 9 avril 2025.");
    let cut = &job[..job.find("</file>").unwrap()];
    let twice = format!("{job}{}", &job[job.find("<xliff").unwrap()..]);
    for (name, xlf, message) in [
        ("cut.xlf", cut.to_owned(), "an element is not closed"),
        ("twice.xlf", twice, "a second root element"),
    ] {
        ws.write(name, &xlf);
        let run = ws.run(&["xliff", "import", name]);
        assert_eq!(run.code, 2, "{name}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains(&format!("{name}:")) && run.stderr.contains(message),
            "{name}: {}",
            run.stderr
        );
        assert_eq!(ws.read(FR), before);
    }
}

/// A new heading with an image in it: the image's alt text is a segment
/// inside the heading's. Filled and imported, the heading goes in with its
/// image, and the alt text on its own is refused as part of it, where the
/// import used to slice the English backwards and panic.
#[test]
fn alt_text_inside_a_new_heading_goes_in_with_the_heading() {
    let ws = Scratch::fixture("core");
    ws.edit(
        EN,
        "## Investing in joint training",
        "## Training at sea ![Two frigates off Brest](frigates.jpg)\n\n## Investing in joint training",
    );
    ws.run(&["xliff", "export", SLUG, "-o", "job.xlf"]);
    let xlf = ws.read("job.xlf");
    let ids = unit_ids(&xlf, "unit");
    let heading = ids
        .iter()
        .find(|id| xlf[xlf.find(&format!("id=\"{id}\"")).unwrap()..].contains("Training at sea"))
        .expect("the heading is exported")
        .clone();
    let alt = ids
        .iter()
        .find(|id| {
            let at = xlf.find(&format!("id=\"{id}\"")).unwrap();
            xlf[at..at + xlf[at..].find("</unit>").unwrap()]
                .contains("<source>Two frigates off Brest</source>")
        })
        .expect("the alt text is exported")
        .clone();
    // The heading's source, its image code and all, in French.
    let at = xlf.find(&format!("id=\"{heading}\"")).unwrap();
    let source = &xlf[at..];
    let source =
        &source[source.find("<source>").unwrap() + "<source>".len()..source.find("</source>").unwrap()];
    let french = source.replace("Training at sea", "L’entraînement en mer");
    let xlf = fill(&xlf, &heading, &french);
    let xlf = fill(&xlf, &alt, "Deux frégates au large de Brest");
    ws.write("job.xlf", &xlf);
    let run = ws.run(&["xliff", "import", "job.xlf", "--partial"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(&format!(
            "refused unit {alt} of exercise-channel-shield: this segment is translated together with the one before it"
        )),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("1 inserted"), "{}", run.stdout);
    assert!(
        ws.read(FR)
            .contains("## L’entraînement en mer ![Two frigates off Brest](frigates.jpg)"),
        "{}",
        ws.read(FR)
    );
}
