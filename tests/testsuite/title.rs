//! `slug-mismatch` on both sides: a URL slug in `release.toml` that matched
//! its title at sign-off and no longer does. The English title is compared
//! with the lock's English text, the French title with the lock's French
//! text (lock version 2); a slug shortened by hand is left alone.

use crate::util::Scratch;

const SLUG: &str = "drone-export";
const EN_SLUG: &str = "drone-export-licences-granted-to-uk-firms";
const FR_SLUG: &str = "licences-d-exportation-de-drones-accordees-a-des-entreprises-britanniques";

/// A release made by `new` with both titles, so that both slugs come from
/// their titles, then signed off.
fn signed_off() -> Scratch {
    let ws = Scratch::fixture("core");
    let new = ws.run(&[
        "new",
        SLUG,
        "--title",
        "Drone export licences granted to UK firms",
        "--titre",
        "Licences d’exportation de drones accordées à des entreprises britanniques",
        "--date",
        "2026-02-03",
    ]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    let meta = ws.read("releases/drone-export/release.toml");
    assert!(meta.contains(&format!("fr = \"{FR_SLUG}\"")), "{meta}");
    assert!(meta.contains(&format!("en = \"{EN_SLUG}\"")), "{meta}");
    let signed = ws.run(&["sign-off", SLUG, "--force", "--by", "Claire Martin"]);
    assert_eq!(signed.code, 0, "{}{}", signed.stdout, signed.stderr);
    ws
}

/// The `slug-mismatch` findings of a JSON check: message and the file:line
/// of each side it points at.
fn mismatches(ws: &Scratch) -> Vec<(String, Option<String>, Option<String>)> {
    let run = ws.run(&["check", SLUG, "--format", "json"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    let at = |side: &serde_json::Value| {
        side.as_object()
            .map(|s| format!("{}:{}", s["path"].as_str().unwrap(), s["line"]))
    };
    run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "slug-mismatch")
        .map(|f| {
            (
                f["message"].as_str().unwrap().to_owned(),
                at(&f["source"]),
                at(&f["target"]),
            )
        })
        .collect()
}

#[test]
fn a_french_title_reworded_after_sign_off_flags_the_french_slug() {
    let ws = signed_off();
    assert_eq!(mismatches(&ws), []);
    ws.edit(
        "releases/drone-export/fr.md",
        "accordées à des entreprises britanniques",
        "accordées à des industriels britanniques",
    );
    assert_eq!(
        mismatches(&ws),
        [(
            format!("the French URL slug \"{FR_SLUG}\" in release.toml no longer matches the title, which gives \"licences-d-exportation-de-drones-accordees-a-des-industriels-britanniques\""),
            None,
            Some("releases/drone-export/fr.md:1".to_owned()),
        )]
    );
    // The French message speaks French.
    let fr = ws.run(&["--ui-lang", "fr", "check", SLUG]);
    assert!(
        fr.stdout.contains(&format!(
            "l’adresse en français «\u{a0}{FR_SLUG}\u{a0}» de release.toml ne correspond plus au titre"
        )),
        "{}",
        fr.stdout
    );
}

#[test]
fn both_titles_reworded_flag_both_slugs_each_on_its_own_file() {
    let ws = signed_off();
    ws.edit("releases/drone-export/en.md", "granted to UK firms", "granted");
    ws.edit(
        "releases/drone-export/fr.md",
        " à des entreprises britanniques",
        "",
    );
    let found = mismatches(&ws);
    let sides: Vec<_> = found
        .iter()
        .map(|(_, s, t)| (s.as_deref(), t.as_deref()))
        .collect();
    assert_eq!(
        sides,
        [
            (Some("releases/drone-export/en.md:1"), None),
            (None, Some("releases/drone-export/fr.md:1")),
        ]
    );
}

#[test]
fn a_french_slug_shortened_by_hand_is_a_choice_not_a_slip() {
    let ws = signed_off();
    ws.edit("releases/drone-export/release.toml", FR_SLUG, "licences-drones");
    let signed = ws.run(&["sign-off", SLUG, "--force"]);
    assert_eq!(signed.code, 0, "{}{}", signed.stdout, signed.stderr);
    ws.edit(
        "releases/drone-export/fr.md",
        "accordées à des entreprises britanniques",
        "accordées à des industriels britanniques",
    );
    assert_eq!(mismatches(&ws), []);
}

/// A version 1 lock did not record the French: it cannot say what the
/// French title was at sign-off, so the French slug is not judged (the
/// English one still is).
#[test]
fn a_version_1_lock_leaves_the_french_slug_alone() {
    let ws = signed_off();
    let lock = ws.read("releases/drone-export/bitext.lock");
    let v1 = crate::lock::as_toml(&lock, 1);
    assert!(lock.contains("\n> "), "the lock had French text");
    ws.write("releases/drone-export/bitext.lock", &v1);
    ws.edit(
        "releases/drone-export/fr.md",
        "accordées à des entreprises britanniques",
        "accordées à des industriels britanniques",
    );
    assert_eq!(mismatches(&ws), []);
    ws.edit("releases/drone-export/en.md", "granted to UK firms", "granted");
    assert_eq!(mismatches(&ws).len(), 1);
}
