//! Extension syntax that is not plain Markdown (kramdown, pymdown
//! admonitions and tabs, Docusaurus containers, Hugo shortcodes, Liquid, a
//! custom element whose opening tag runs over several lines) is carried:
//! never a segment's text, never changed by `check --fix` or by an XLIFF
//! round trip. Fixture: `tests/fixtures/extension-syntax/`.

use crate::util::Scratch;

const FR: &str = "releases/site-syntax/fr.md";
const EN: &str = "releases/site-syntax/en.md";

/// Every segment's text on both sides, from `align --format json`.
fn segment_texts(ws: &Scratch) -> Vec<String> {
    let run = ws.run(&["align", "site-syntax", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    let mut texts = Vec::new();
    for pair in json["pairs"].as_array().unwrap() {
        for side in ["source", "target"] {
            for segment in pair[side].as_array().unwrap() {
                texts.push(segment["text"].as_str().unwrap().to_owned());
            }
        }
    }
    texts
}

#[test]
fn extension_syntax_is_never_segment_text_and_admonition_bodies_are() {
    let ws = Scratch::fixture("extension-syntax");
    let texts = segment_texts(&ws);
    for mark in [
        "{:",
        "!!!",
        "===",
        ":::",
        "{{",
        "{%",
        "gcds-",
        "notice-title",
        "TODO",
        "À FAIRE",
    ] {
        assert!(texts.iter().all(|t| !t.contains(mark)), "{mark} in {texts:#?}");
    }
    for body in [
        "Every email and every text message counts towards the daily limit.",
        "Chaque courriel et chaque message texte comptent dans la limite quotidienne: sans exception.",
        "You can send up to 1,000 text messages a day.",
        "Vous pouvez envoyer jusqu’à 1 000 messages texte par jour.",
        "The API will be unavailable on Saturday from 8 am to noon.",
    ] {
        assert!(texts.iter().any(|t| t == body), "{body} not in {texts:#?}");
    }
    // The tab's code block stays code.
    assert!(texts.iter().all(|t| !t.contains("curl")), "{texts:#?}");
}

#[test]
fn check_fix_changes_french_typography_and_nothing_in_extension_syntax() {
    let ws = Scratch::fixture("extension-syntax");
    let (en, fr) = (ws.read(EN), ws.read(FR));
    let run = ws.run(&["check", "--fix"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    // The three typography fixes meant, in prose; the colons, quotes and
    // question marks in `!!! note "…"`, `=== "…"`, `{: …}`, `{::comment}`,
    // the shortcode, the Liquid tag and `notice-title="…"` are untouched.
    let expected = fr
        .replace("quotidienne: sans", "quotidienne\u{a0}: sans")
        .replace("aussi !", "aussi\u{a0}!")
        .replace("d’aide ?", "d’aide\u{a0}?");
    assert_ne!(expected, fr);
    assert_eq!(ws.read(FR).as_bytes(), expected.as_bytes());
    assert_eq!(ws.read(EN), en);
}

#[test]
fn xliff_round_trip_keeps_extension_syntax_and_writes_into_admonition_bodies() {
    let ws = Scratch::fixture("extension-syntax");
    let before = ws.read(FR);
    let run = ws.run(&["xliff", "export", "site-syntax", "--all", "-o", "job.xlf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xlf = ws.read("job.xlf");
    // An inline attribute list is a code the translator cannot edit.
    assert!(xlf.contains("<data id=\"d2\">{:.highlight}</data>"), "{xlf}");

    let run = ws.run(&["xliff", "import", "job.xlf"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        ws.read(FR).as_bytes(),
        before.as_bytes(),
        "nothing changed, nothing written"
    );

    let old = "Chaque courriel et chaque message texte comptent dans la limite quotidienne: sans exception.";
    let new = "Tous les courriels et tous les messages texte comptent dans la limite quotidienne\u{a0}: sans exception.";
    ws.write(
        "job.xlf",
        &xlf.replace(
            &format!("<target>{old}</target>"),
            &format!("<target>{new}</target>"),
        ),
    );
    let run = ws.run(&["xliff", "import", "job.xlf"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("1 replaced"), "{}", run.stdout);
    // The new text lands inside the admonition, at its indentation.
    assert_eq!(
        ws.read(FR),
        before.replace(&format!("    {old}"), &format!("    {new}"))
    );
}
