//! bitext speaks the user's language: French under a French locale or
//! `--ui-lang fr`, English otherwise, with the same findings, codes and
//! exit statuses. Snapshots under `tests/snapshots/` pin the human report
//! of `check` in both languages on one drifted copy of `core`.

use crate::util::{snapshot, Scratch};

const FR_LOCALE: &[(&str, &str)] = &[("LANG", "fr_FR.UTF-8")];

/// `core` with one finding of each common kind: a drifted English
/// paragraph, an English paragraph with no French, and a French sentence
/// edited after sign-off.
fn drifted() -> Scratch {
    let ws = Scratch::fixture("core");
    ws.edit(
        "releases/uk-france-military-chiefs-meeting/en.md",
        "The third annual UK-France",
        "The fourth annual UK-France",
    );
    ws.edit(
        "releases/exercise-channel-shield/en.md",
        "\n\n- 1,500 personnel",
        "\n\nOfficials confirmed that a further 1,200 personnel from the Royal Navy will join the planning cell at Northwood in April.\n\n- 1,500 personnel",
    );
    ws.edit(
        "releases/cadet-units-state-schools/fr.md",
        "une enveloppe de 14,5 millions",
        "un budget de 14,5 millions",
    );
    ws
}

#[test]
fn check_speaks_french_under_a_french_locale() {
    let ws = drifted();
    let run = ws.run_env(FR_LOCALE, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        out.contains(
            "erreur[source-drifted]\u{a0}: le texte anglais a changé depuis la validation du texte français"
        ),
        "{out}"
    );
    assert!(out.contains("erreur[missing-translation]"), "{out}");
    assert!(out.contains("avertissement[target-edited]"), "{out}");
    assert!(
        out.contains("= depuis la validation\u{a0}: The [-third-]{+fourth+} annual"),
        "{out}"
    );
    assert!(
        out.ends_with("erreur\u{a0}: 2 erreurs, 1 avertissement dans 3 communiqués vérifiés\n"),
        "{out}"
    );
    assert!(!out.contains("since sign-off"), "{out}");
    snapshot("check-drifted.fr.txt", out);
}

#[test]
fn check_speaks_english_by_default() {
    let ws = drifted();
    let run = ws.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("error[source-drifted]: English changed since the French was signed off"),
        "{}",
        run.stdout
    );
    snapshot("check-drifted.en.txt", &run.stdout);
}

#[test]
fn ui_lang_flag_overrides_the_locale() {
    let ws = drifted();
    let en = ws.run_env(FR_LOCALE, &["--ui-lang", "en", "check"]);
    assert_eq!(en.stdout, ws.run(&["check"]).stdout);
    let fr = ws.run(&["check", "--ui-lang", "fr"]);
    assert_eq!(fr.stdout, ws.run_env(FR_LOCALE, &["check"]).stdout);
}

#[test]
fn lc_all_and_lc_messages_outrank_lang() {
    let ws = drifted();
    let french = ws.run_env(&[("LANG", "en_GB.UTF-8"), ("LC_ALL", "fr_CA.UTF-8")], &["check"]);
    assert!(french.stdout.contains("erreur\u{a0}:"), "{}", french.stdout);
    let english = ws.run_env(&[("LANG", "fr_FR.UTF-8"), ("LC_MESSAGES", "C")], &["check"]);
    assert!(english.stdout.contains("error: 2 errors"), "{}", english.stdout);
}

#[test]
fn json_and_github_keep_codes_and_fields_but_translate_messages() {
    let ws = drifted();
    let fr = ws.run_env(FR_LOCALE, &["check", "--format", "json"]).json();
    let en = ws.run(&["check", "--format", "json"]).json();
    let codes = |report: &serde_json::Value| -> Vec<String> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(codes(&fr), codes(&en));
    assert_eq!(fr["summary"], en["summary"]);
    let messages: Vec<&str> = fr["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.contains(&"le paragraphe du texte anglais n’a pas de traduction dans le texte français"),
        "{messages:?}"
    );
    let github = ws.run_env(FR_LOCALE, &["check", "--format", "github"]);
    assert!(
        github.stdout.contains(
            "::error file=releases/uk-france-military-chiefs-meeting/en.md,line=15,col=1,title=source-drifted::le texte anglais a changé"
        ),
        "{}",
        github.stdout
    );
    assert!(github.stdout.contains("(voir releases/"), "{}", github.stdout);
}

#[test]
fn other_commands_speak_french_too() {
    let ws = drifted();
    let status = ws.run_env(FR_LOCALE, &["status"]);
    assert!(status.stdout.starts_with("communiqué "), "{}", status.stdout);
    let diff = ws.run_env(FR_LOCALE, &["diff", "uk-france-military-chiefs-meeting"]);
    assert!(
        diff.stdout
            .contains("Texte anglais depuis la validation\u{a0}: The [-third-]{+fourth+}"),
        "{}",
        diff.stdout
    );
    let align = ws.run_env(
        FR_LOCALE,
        &["align", "uk-france-military-chiefs-meeting", "--width", "100"],
    );
    assert!(align.stdout.contains("── source en dérive ─"), "{}", align.stdout);
    let page = ws.file("review.html");
    let html = ws.run_env(
        FR_LOCALE,
        &[
            "align",
            "exercise-channel-shield",
            "--html",
            page.to_str().unwrap(),
        ],
    );
    assert_eq!(html.code, 0, "{}", html.stderr);
    let page = ws.read("review.html");
    assert!(page.contains("<html lang=\"fr\">"), "{page}");
    assert!(page.contains("Texte anglais (en-GB)"), "{page}");
    assert!(page.contains("traduction manquante"), "{page}");
    let refused = ws.run_env(FR_LOCALE, &["sign-off", "exercise-channel-shield"]);
    assert_eq!(refused.code, 1);
    assert!(
        refused
            .stdout
            .contains("exercise-channel-shield refusé\u{a0}: des segments n’ont pas d’équivalent"),
        "{}",
        refused.stdout
    );
}

#[test]
fn errors_that_stop_bitext_speak_french() {
    let ws = Scratch::fixture("core");
    let run = ws.run_env(FR_LOCALE, &["check", "no-such-release"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("aucun communiqué nommé «\u{a0}no-such-release\u{a0}»"),
        "{}",
        run.stderr
    );
    let empty = Scratch::empty();
    let run = empty.run_env(FR_LOCALE, &["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("aucun bitext.toml dans"), "{}", run.stderr);
}

/// The quality checks speak French too: the `checks` fixture's figure
/// mismatch, French spacing, straight quotes and unused suppression.
#[test]
fn quality_findings_speak_french() {
    let ws = Scratch::fixture("checks");
    let run = ws.run_env(FR_LOCALE, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let out = &run.stdout;
    for expected in [
        "erreur[number-mismatch]\u{a0}: les nombres diffèrent\u{a0}: `1,500` dans le texte anglais, `1 600` dans le texte français\n",
        "avertissement[french-spacing]\u{a0}: espace insécable manquante avant `:`\n",
        "[french-space-kind]\u{a0}: espace ordinaire avant `!`\u{a0}: mettez une espace insécable\n",
        "avertissement[french-quotes]\u{a0}: guillemets droits dans un texte français (1 citation)\u{a0}: employez les guillemets «\u{a0}»\n",
        "avertissement[doubled-space]\u{a0}: espace double\n",
        "avertissement[unused-suppression]\u{a0}: bitext-ignore untranslated ne fait taire aucun constat ici\n",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    for english in ["numbers differ", "no-break space", "silences nothing"] {
        assert!(!out.contains(english), "{english:?} left in English:\n{out}");
    }
    // The same findings, in English, without the locale.
    let en = ws.run(&["check"]).stdout;
    assert!(
        en.contains("error[number-mismatch]: numbers differ: English `1,500` against French `1 600`\n"),
        "{en}"
    );
}

/// Boilerplate findings: a message missing from the French locale (a
/// locale-tree finding and an incomplete reference) and a reference to an
/// id defined nowhere.
#[test]
fn boilerplate_findings_speak_french() {
    let ws = Scratch::fixture("boilerplate");
    let fr_ftl = ws.read("locales/fr-FR/mod.ftl");
    let start = fr_ftl.find("closing-priority = ").expect("message in fixture");
    let end = start + fr_ftl[start..].find('\n').expect("end of line");
    ws.write(
        "locales/fr-FR/mod.ftl",
        &format!("{}{}", &fr_ftl[..start], &fr_ftl[end + 1..]),
    );
    ws.edit(
        "releases/exercise-channel-shield/en.md",
        "{{@ closing-priority }}",
        "{{@ closing-priority }}\n\n{{@ no-such-message }}",
    );
    let run = ws.run_env(FR_LOCALE, &["check"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let out = &run.stdout;
    for expected in [
        "[locale-missing]\u{a0}: le message `closing-priority` manque dans le texte français (locales/fr-FR)\n",
        "[boilerplate-incomplete]\u{a0}: `closing-priority` est défini dans le texte anglais (locales/en-GB/mod.ftl:",
        "[boilerplate-unknown]\u{a0}: `no-such-message` n’est défini ni dans locales/en-GB ni dans locales/fr-FR\n",
        "[boilerplate-unpaired]\u{a0}: le texte anglais emploie le texte standard `no-such-message`, mais pas le texte français\n",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    for english in ["is missing in", "is not defined", "uses boilerplate"] {
        assert!(!out.contains(english), "{english:?} left in English:\n{out}");
    }
}

/// `publish --dry-run` lists what would be published, and a blocked
/// release its reasons, in French.
#[test]
fn publish_speaks_french() {
    let ws = Scratch::fixture("publish");
    let run = ws.run_env(
        FR_LOCALE,
        &["publish", "--now", "2025-06-01T09:00:00+01:00", "--dry-run"],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out = &run.stdout;
    assert!(
        out.contains("uk-france-military-chiefs-meeting serait publié (nouveau)\n  en-GB  public/en/news/"),
        "{out}"
    );
    assert!(
        out.ends_with("ok\u{a0}: 3 communiqués seraient publiés dans les deux langues, dans public (essai\u{a0}: rien n’a été écrit)\n"),
        "{out}"
    );
    assert!(
        !out.contains("would publish") && !out.contains("dry run"),
        "{out}"
    );
    assert!(!ws.file("public").exists());
    // Before the embargo one release waits: the gate speaks French.
    let early = ws.run_env(
        FR_LOCALE,
        &["publish", "--now", "2025-01-01T09:00:00+00:00", "--dry-run"],
    );
    assert_eq!(early.code, 0, "{}{}", early.stdout, early.stderr);
    assert!(
        early
            .stdout
            .contains("en attente cadet-units-state-schools\u{a0}: sous embargo jusqu’au "),
        "{}",
        early.stdout
    );
    assert!(
        early
            .stdout
            .contains(", 1 en attente (essai\u{a0}: rien n’a été écrit)"),
        "{}",
        early.stdout
    );
}
