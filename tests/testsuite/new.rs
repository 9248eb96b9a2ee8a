//! `bitext new`: a release scaffolded in both languages, accents folded in
//! the French URL slug, and refusals that write nothing.

use crate::util::Scratch;

#[test]
fn scaffolds_both_languages_with_slugs_and_boilerplate() {
    let ws = Scratch::fixture("core");
    let run = ws.run(&[
        "new",
        "chiefs-meeting-2026",
        "--title",
        "UK and French Defence Chiefs meet in Paris",
        "--titre",
        "Réunion des chefs d’état-major à Paris",
        "--date",
        "2026-02-03",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "created releases/chiefs-meeting-2026\n");
    let meta = ws.read("releases/chiefs-meeting-2026/release.toml");
    assert!(meta.contains("date = 2026-02-03\n"), "{meta}");
    assert!(meta.contains("status = \"draft\"\n"), "{meta}");
    assert!(
        meta.contains("en = \"uk-and-french-defence-chiefs-meet-in-paris\"\n"),
        "{meta}"
    );
    assert!(
        meta.contains("fr = \"reunion-des-chefs-d-etat-major-a-paris\"\n"),
        "{meta}"
    );
    assert_eq!(
        ws.read("releases/chiefs-meeting-2026/fr.md"),
        "# Réunion des chefs d’état-major à Paris\n\n{{@ closing-priority }}\n"
    );
    assert_eq!(
        ws.read("releases/chiefs-meeting-2026/en.md"),
        "# UK and French Defence Chiefs meet in Paris\n\n{{@ closing-priority }}\n"
    );
    // The new release loads and pairs: title with title, reference with reference.
    let run = ws.run(&["align", "chiefs-meeting-2026", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pairs = run.json()["pairs"].as_array().unwrap().clone();
    assert_eq!(pairs.len(), 2);
    assert_eq!(pairs[1]["source"][0]["kind"], "boilerplate");
    assert_eq!(pairs[1]["target"][0]["kind"], "boilerplate");
    // Nothing but the three files, no staging folder left behind.
    let names: Vec<_> = std::fs::read_dir(ws.file("releases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn defaults_to_today() {
    let ws = Scratch::fixture("core");
    let run = ws.run(&["new", "today", "--title", "Today", "--titre", "Aujourd’hui"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let meta = ws.read("releases/today/release.toml");
    let date = meta.lines().next().unwrap().strip_prefix("date = ").unwrap();
    assert_eq!(date.len(), 10, "{meta}");
    assert!(date.starts_with("20"), "{meta}");
}

#[test]
fn refuses_an_existing_release_and_leaves_it_alone() {
    let ws = Scratch::fixture("core");
    let before = ws.read("releases/exercise-channel-shield/en.md");
    let run = ws.run(&[
        "new",
        "exercise-channel-shield",
        "--title",
        "Other",
        "--titre",
        "Autre",
    ]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("releases/exercise-channel-shield already exists"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.read("releases/exercise-channel-shield/en.md"), before);
}

#[test]
fn refuses_unsafe_slugs_and_writes_nothing() {
    let ws = Scratch::fixture("core");
    for slug in ["../escape", "Capitals", "a/b", "-dash", "é"] {
        let run = ws.run(&["new", "--title", "T", "--titre", "T", "--", slug]);
        assert_eq!(run.code, 2, "{slug}: {}", run.stdout);
        assert!(
            run.stderr.contains("unsafe release folder name"),
            "{slug}: {}",
            run.stderr
        );
    }
    assert!(!ws.file("escape").exists());
    assert_eq!(std::fs::read_dir(ws.file("releases")).unwrap().count(), 3);
}

#[test]
fn refuses_a_title_without_letters() {
    let ws = Scratch::fixture("core");
    let run = ws.run(&["new", "x", "--title", "Title", "--titre", "« ! »"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("French title"), "{}", run.stderr);
    assert!(!ws.file("releases/x").exists());
}

/// The English is often written first: `new` without `--titre` leaves the
/// French title and slug empty, `check` says so, and once the French title
/// is written the slug follows it; a slug that no longer matches a reworded
/// title is flagged. The organisation comes from `[new]` in bitext.toml.
#[test]
fn english_first_then_the_french_title_gives_the_slug() {
    let ws = Scratch::fixture("core");
    let config = ws.read("bitext.toml");
    ws.write(
        "bitext.toml",
        &format!("{config}\n[new]\norganisation = {{ en = \"Ministry of Defence\", fr = \"ministère des Armées\" }}\n"),
    );
    let run = ws.run(&[
        "new",
        "drone-export",
        "--title",
        "Drone export licences granted to UK firms",
        "--date",
        "2026-02-03",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let meta = ws.read("releases/drone-export/release.toml");
    assert!(
        meta.contains("organisation = { en = \"Ministry of Defence\", fr = \"ministère des Armées\" }\n"),
        "{meta}"
    );
    assert!(meta.contains("fr = \"\"\n"), "{meta}");
    assert_eq!(
        ws.read("releases/drone-export/fr.md"),
        "{{@ closing-priority }}\n"
    );

    let codes = |ws: &Scratch| -> Vec<String> {
        let run = ws.run(&["check", "releases/drone-export", "--format", "json"]);
        assert_ne!(run.code, 2, "{}", run.stderr);
        run.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(codes(&ws).contains(&"french-title-missing".to_owned()));
    assert!(!codes(&ws).contains(&"slug-mismatch".to_owned()));

    ws.write(
        "releases/drone-export/fr.md",
        "# Licences d’exportation de drones accordées à des entreprises britanniques\n\n{{@ closing-priority }}\n",
    );
    assert!(!codes(&ws).contains(&"french-title-missing".to_owned()));
    assert!(!codes(&ws).contains(&"slug-mismatch".to_owned()));
    // The empty slug follows the title wherever the slug is used.
    let render = ws.run(&["--ui-lang", "en", "publish", "--dry-run"]);
    assert_ne!(render.code, 2, "{}", render.stderr);

    // A slug is compared with its title only once it matched a signed-off
    // title: rewording the English title after sign-off is flagged.
    let signed = ws.run(&["sign-off", "drone-export", "--force"]);
    assert_eq!(signed.code, 0, "{}{}", signed.stdout, signed.stderr);
    ws.edit("releases/drone-export/en.md", "granted to UK firms", "granted");
    let run = ws.run(&["check", "drone-export", "--format", "json"]);
    let mismatches: Vec<String> = run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "slug-mismatch")
        .map(|f| f["message"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        mismatches,
        ["the English URL slug \"drone-export-licences-granted-to-uk-firms\" in release.toml no longer matches the title, which gives \"drone-export-licences-granted\""]
    );
}
