//! `bitext publish` on the `publish` fixture (the core releases with a
//! `[publish]` section): both languages published together, drafts and
//! embargoed releases that wait without stopping the run, each kind of
//! blocked release refused with nothing changed, `--skip-blocked`, live
//! releases kept at their previous version, only checked files published,
//! output folders that are not ours refused, failures during the build that
//! leave the previous site intact, litter of a killed run removed, no
//! executable markup from a release, and feeds and sitemap that parse as
//! XML.

use std::collections::BTreeMap;
use std::path::Path;

use quick_xml::events::Event;

use crate::util::Scratch;

const REF: &str = "releases/uk-france-military-chiefs-meeting";
const CADET: &str = "releases/cadet-units-state-schools";
const EN_PAGE: &str = "public/en/news/uk-french-relationship-strengthened-as-defence-chiefs-meet/index.html";
const FR_PAGE: &str =
    "public/fr/nouvelles/la-relation-franco-britannique-renforcee-reunion-des-chefs-d-etat-major/index.html";
const AFTER_EMBARGO: &str = "2025-06-01T09:00:00+01:00";

/// Every file under `dir` with its bytes, to compare a folder before and after.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(root, &path, files);
        } else {
            let key = path.strip_prefix(root).unwrap().display().to_string();
            files.insert(key, std::fs::read(&path).unwrap());
        }
    }
}

/// The fixture, published once so that later runs have a site to keep.
fn published() -> Scratch {
    let ws = Scratch::fixture("publish");
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    ws
}

/// Runs a publish that must be refused, and checks that neither the site
/// nor any release.toml changed.
fn assert_blocked(ws: &Scratch, args: &[&str]) -> String {
    let site = snapshot(&ws.file("public"));
    let releases = snapshot(&ws.file("releases"));
    let run = ws.run(args);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(snapshot(&ws.file("public")), site, "the site changed");
    assert_eq!(snapshot(&ws.file("releases")), releases, "a release changed");
    assert!(run.stdout.contains("nothing was published"), "{}", run.stdout);
    run.stdout
}

#[test]
fn approved_clean_release_is_published_in_both_languages() {
    let ws = Scratch::fixture("publish");
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("ok: published 3 releases in both languages to public"),
        "{}",
        run.stdout
    );

    let en = ws.read(EN_PAGE);
    assert!(en.contains("<html lang=\"en-GB\">"), "{en}");
    assert!(
        en.contains("<time datetime=\"2025-03-11\">11 March 2025</time>"),
        "{en}"
    );
    assert!(en.contains("<link rel=\"alternate\" hreflang=\"fr-FR\" href=\"https://www.example.gov.uk/fr/nouvelles/la-relation-franco-britannique-renforcee-reunion-des-chefs-d-etat-major/\">"), "{en}");
    assert!(en.contains("hreflang=\"x-default\""), "{en}");
    assert!(en.contains("<link rel=\"canonical\" href=\"https://www.example.gov.uk/en/news/uk-french-relationship-strengthened-as-defence-chiefs-meet/\">"), "{en}");
    assert!(
        en.contains("<meta property=\"og:locale\" content=\"en_GB\">"),
        "{en}"
    );
    assert!(
        en.contains("<meta property=\"og:locale:alternate\" content=\"fr_FR\">"),
        "{en}"
    );
    assert!(
        en.contains("lang=\"fr-FR\" hreflang=\"fr-FR\" rel=\"alternate\">Français</a>"),
        "{en}"
    );
    assert!(en.contains("Admiral Sir Tony Radakin"), "{en}");

    let fr = ws.read(FR_PAGE);
    assert!(fr.contains("<html lang=\"fr-FR\">"), "{fr}");
    assert!(fr.contains("11 mars 2025"), "{fr}");
    assert!(
        fr.contains("lang=\"en-GB\" hreflang=\"en-GB\" rel=\"alternate\">English</a>"),
        "{fr}"
    );
    assert!(fr.contains("L’amiral Sir Tony Radakin"), "{fr}");
    // The first of the month is « 1er » in French.
    let shield = ws.read("public/fr/nouvelles/les-forces-britanniques-et-francaises-lancent-l-exercice-channel-shield/index.html");
    assert!(shield.contains("1er avril 2025"), "{shield}");

    let index = ws.read("public/fr/nouvelles/index.html");
    let newest = index.find("60 nouvelles unités").expect("cadet release listed");
    let oldest = index
        .find("La relation franco-britannique")
        .expect("reference release listed");
    assert!(newest < oldest, "index is newest first");
    assert!(ws
        .read("public/index.html")
        .contains("href=\"fr/nouvelles/\" hreflang=\"fr-FR\""));

    let manifest: serde_json::Value = serde_json::from_str(&ws.read("public/manifest.json")).unwrap();
    let releases = manifest["releases"].as_array().unwrap();
    assert_eq!(releases.len(), 3);
    let reference = releases
        .iter()
        .find(|r| r["release"] == "uk-france-military-chiefs-meeting")
        .unwrap();
    assert_eq!(reference["date"], "2025-03-11");
    assert_eq!(
        reference["languages"]["fr-FR"]["url"],
        "https://www.example.gov.uk/fr/nouvelles/la-relation-franco-britannique-renforcee-reunion-des-chefs-d-etat-major/"
    );
    assert_eq!(
        reference["languages"]["en-GB"]["sha256"].as_str().unwrap().len(),
        64
    );

    // The publication is recorded, and only those keys changed.
    let meta = ws.read(&format!("{REF}/release.toml"));
    assert!(meta.contains("status = \"published\"\n"), "{meta}");
    assert!(
        meta.contains("published-at = 2025-06-01T09:00:00+01:00\n"),
        "{meta}"
    );
    assert!(
        meta.starts_with("date = 2025-03-11\nstatus = \"published\"\norganisation = "),
        "{meta}"
    );
    // Publishing again changes nothing in release.toml.
    let run = ws.run(&["publish", "--now", "2025-07-01T00:00:00Z"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(ws.read(&format!("{REF}/release.toml")), meta);
}

/// A live release set back to draft waits, and stays on the site at the
/// version last published: nothing live is dropped silently.
#[test]
fn live_release_set_back_to_draft_waits_and_stays_live() {
    let ws = published();
    let page = "public/en/news/new-funding-to-open-60-cadet-units-in-state-schools";
    let before = snapshot(&ws.file(page));
    assert!(!before.is_empty());
    ws.edit(
        &format!("{CADET}/release.toml"),
        "status = \"published\"",
        "status = \"draft\"",
    );
    let run = ws.run(&["publish", "--now", "2025-07-01T09:00:00+01:00"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("waiting cadet-units-state-schools: status is \"draft\" (set status = \"approved\" in release.toml to publish); kept live at the version of 2025-06-01\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("ok: published 2 releases in both languages to public, 1 waiting\n"),
        "{}",
        run.stdout
    );
    assert_eq!(snapshot(&ws.file(page)), before);
    assert!(ws
        .read("public/en/news/index.html")
        .contains("60 new cadet units"));
}

/// Issue 10: one draft stopped every publication. A draft (whose French is
/// not even written yet) and an embargoed release wait; the two approved
/// releases go out, and the run succeeds.
#[test]
fn draft_and_embargoed_releases_wait_and_the_approved_ones_go_out() {
    let ws = Scratch::fixture("publish");
    ws.write(
        "releases/drone-trial/release.toml",
        "date = 2025-05-05\nstatus = \"draft\"\n\n[slug]\nen = \"drone-trial\"\nfr = \"essai-de-drones\"\n",
    );
    ws.write(
        "releases/drone-trial/en.md",
        "# Army trials new drones on Salisbury Plain\n\nThe Army has begun trials of a new drone.\n",
    );
    ws.edit(
        "releases/exercise-channel-shield/release.toml",
        "status = \"published\"",
        "status = \"approved\"",
    );
    let drafts = snapshot(&ws.file("releases/drone-trial"));
    let cadet = ws.read(&format!("{CADET}/release.toml"));
    let run = ws.run(&["publish", "--now", "2025-05-05T23:00:00Z"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out = &run.stdout;
    assert!(out.contains("published exercise-channel-shield (new)\n"), "{out}");
    assert!(
        out.contains("published uk-france-military-chiefs-meeting (new)\n"),
        "{out}"
    );
    assert!(
        out.contains("waiting cadet-units-state-schools: embargoed until 2025-05-05 23:01 UTC (2025-05-06 00:01 +01:00)\n"),
        "{out}"
    );
    assert!(out.contains("waiting drone-trial: status is \"draft\""), "{out}");
    assert!(!out.contains("blocked"), "{out}");
    assert!(
        out.ends_with("ok: published 2 releases in both languages to public, 2 waiting\n"),
        "{out}"
    );
    assert!(ws.file(EN_PAGE).is_file() && ws.file(FR_PAGE).is_file());
    assert!(!ws.file("public/en/news/drone-trial").exists());
    assert!(!ws
        .file("public/en/news/new-funding-to-open-60-cadet-units-in-state-schools")
        .exists());
    let manifest: serde_json::Value = serde_json::from_str(&ws.read("public/manifest.json")).unwrap();
    assert_eq!(manifest["releases"].as_array().unwrap().len(), 2);
    assert_eq!(snapshot(&ws.file("releases/drone-trial")), drafts);
    assert_eq!(ws.read(&format!("{CADET}/release.toml")), cadet);
}

#[test]
fn embargoed_release_waits_with_its_time_in_utc_and_its_offset() {
    let ws = Scratch::fixture("publish");
    let run = ws.run(&["publish", "--now", "2025-05-05T23:00:00Z"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("waiting cadet-units-state-schools: embargoed until 2025-05-05 23:01 UTC (2025-05-06 00:01 +01:00)"),
        "{}",
        run.stdout
    );
    assert!(!ws
        .file("public/fr/nouvelles/60-nouvelles-unites-de-cadets-dans-les-etablissements-scolaires-publics")
        .exists());
    // One minute later the embargo has lifted.
    let run = ws.run(&["publish", "--now", "2025-05-05T23:01:00Z"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("published cadet-units-state-schools (new)"),
        "{}",
        run.stdout
    );
    assert!(ws.file("public/fr/nouvelles/60-nouvelles-unites-de-cadets-dans-les-etablissements-scolaires-publics/index.html").is_file());
}

/// Issue 10: `--skip-blocked` took a live release off the site when a
/// one-word English edit was waiting for its French. It stays online at the
/// version last published, byte for byte, and the run says so; without
/// `--skip-blocked` the run is refused and nothing changes.
#[test]
fn live_release_edited_into_an_error_keeps_its_previous_pages_byte_for_byte() {
    let ws = published();
    let en_dir = "public/en/news/uk-french-relationship-strengthened-as-defence-chiefs-meet";
    let fr_dir =
        "public/fr/nouvelles/la-relation-franco-britannique-renforcee-reunion-des-chefs-d-etat-major";
    let (en_before, fr_before) = (snapshot(&ws.file(en_dir)), snapshot(&ws.file(fr_dir)));
    ws.edit(
        &format!("{REF}/en.md"),
        "The third annual UK-France All Military Chiefs meeting",
        "The fourth annual UK-France All Military Chiefs meeting",
    );
    let out = assert_blocked(&ws, &["publish", "--now", "2025-07-01T09:00:00+01:00"]);
    assert!(
        out.contains("blocked uk-france-military-chiefs-meeting: 1 finding at error level; kept live at the version of 2025-06-01\n"),
        "{out}"
    );
    let run = ws.run(&["publish", "--now", "2025-07-01T09:00:00+01:00", "--skip-blocked"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("blocked uk-france-military-chiefs-meeting: 1 finding at error level; kept live at the version of 2025-06-01\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("ok: published 2 releases in both languages to public, 1 release left out\n"),
        "{}",
        run.stdout
    );
    assert_eq!(snapshot(&ws.file(en_dir)), en_before, "English page changed");
    assert_eq!(snapshot(&ws.file(fr_dir)), fr_before, "French page changed");
    assert!(!ws.read(&format!("{en_dir}/index.html")).contains("fourth"));
    // Still listed everywhere a live release is.
    let manifest: serde_json::Value = serde_json::from_str(&ws.read("public/manifest.json")).unwrap();
    let kept = manifest["releases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["release"] == "uk-france-military-chiefs-meeting")
        .expect("kept in the manifest");
    assert_eq!(kept["version-at"], "2025-06-01T09:00:00+01:00");
    assert!(ws
        .read("public/en/news/index.html")
        .contains("UK-French relationship"));
    assert!(ws
        .read("public/fr/nouvelles/feed.xml")
        .contains("La relation franco-britannique"));
    assert!(ws
        .read("public/sitemap.xml")
        .contains("uk-french-relationship-strengthened"));
    // A third run keeps the same version.
    let run = ws.run(&["publish", "--now", "2025-08-01T09:00:00+01:00", "--skip-blocked"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("kept live at the version of 2025-06-01"),
        "{}",
        run.stdout
    );
    assert_eq!(snapshot(&ws.file(en_dir)), en_before);
}

/// Real exported pages often keep their title in front matter: such a
/// release is held back with a reason, not a failure of the whole run.
#[test]
fn release_without_a_title_is_blocked_and_the_others_can_go_out() {
    let ws = published();
    ws.edit(
        &format!("{CADET}/fr.md"),
        "# 60 nouvelles unités",
        "60 nouvelles unités",
    );
    let out = assert_blocked(&ws, &["publish", "--now", AFTER_EMBARGO]);
    assert!(
        out.contains("blocked cadet-units-state-schools: the French document does not open with a heading to be the page title"),
        "{out}"
    );
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO, "--skip-blocked"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn drifted_release_is_blocked_with_its_findings() {
    let ws = published();
    ws.edit(
        &format!("{REF}/en.md"),
        "The third annual UK-France All Military Chiefs meeting",
        "The fourth annual UK-France All Military Chiefs meeting",
    );
    let out = assert_blocked(&ws, &["publish", "--now", AFTER_EMBARGO]);
    assert!(
        out.contains("blocked uk-france-military-chiefs-meeting: 1 finding at error level"),
        "{out}"
    );
    assert!(out.contains("error[source-drifted]"), "{out}");
    assert!(
        out.contains("releases/uk-france-military-chiefs-meeting/en.md:15:1"),
        "{out}"
    );
}

#[test]
fn skip_blocked_publishes_the_others_and_lists_the_blocked() {
    let ws = Scratch::fixture("publish");
    ws.edit(
        &format!("{REF}/en.md"),
        "The third annual UK-France All Military Chiefs meeting",
        "The fourth annual UK-France All Military Chiefs meeting",
    );
    let before = ws.read(&format!("{REF}/release.toml"));
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO, "--skip-blocked"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("blocked uk-france-military-chiefs-meeting: 1 finding at error level\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("published 2 releases in both languages to public, 1 release left out"),
        "{}",
        run.stdout
    );
    // Never live, so not kept: it is simply not on the site.
    assert!(!run.stdout.contains("kept live"), "{}", run.stdout);
    assert!(!ws.file(EN_PAGE).exists() && !ws.file(FR_PAGE).exists());
    assert!(ws
        .file("public/en/news/new-funding-to-open-60-cadet-units-in-state-schools/index.html")
        .is_file());
    assert_eq!(ws.read(&format!("{REF}/release.toml")), before);
}

#[test]
fn dry_run_shows_where_and_writes_nothing() {
    let ws = Scratch::fixture("publish");
    let releases = snapshot(&ws.file("releases"));
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO, "--dry-run"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("would publish uk-france-military-chiefs-meeting (new)\n  en-GB  public/en/news/uk-french-relationship-strengthened-as-defence-chiefs-meet/\n  fr-FR  public/fr/nouvelles/la-relation-franco-britannique-renforcee-reunion-des-chefs-d-etat-major/\n"), "{}", run.stdout);
    assert!(
        run.stdout.contains("(dry run: nothing written)"),
        "{}",
        run.stdout
    );
    assert!(!ws.file("public").exists());
    assert_eq!(snapshot(&ws.file("releases")), releases);
}

/// `--dry-run` prints the three lists, in this order: what would be
/// published, what waits, what is blocked.
#[test]
fn dry_run_prints_publishing_waiting_and_blocked() {
    let ws = Scratch::fixture("publish");
    ws.edit(
        &format!("{REF}/en.md"),
        "The third annual UK-France All Military Chiefs meeting",
        "The fourth annual UK-France All Military Chiefs meeting",
    );
    let releases = snapshot(&ws.file("releases"));
    let run = ws.run(&["publish", "--now", "2025-05-05T23:00:00Z", "--dry-run"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let out = &run.stdout;
    let publishing = out.find("would publish exercise-channel-shield\n").expect(out);
    let waiting = out
        .find("waiting cadet-units-state-schools: embargoed until")
        .expect(out);
    let blocked = out
        .find("blocked uk-france-military-chiefs-meeting: 1 finding at error level")
        .expect(out);
    assert!(publishing < waiting && waiting < blocked, "{out}");
    assert!(out.contains("nothing was published"), "{out}");
    assert!(!ws.file("public").exists());
    assert_eq!(snapshot(&ws.file("releases")), releases);
}

/// A template override that fails while pages are being rendered must
/// leave the previous site exactly as it was, and name its file and line.
#[test]
fn failure_during_the_build_leaves_the_previous_site_intact() {
    let ws = published();
    let site = snapshot(&ws.file("public"));
    let releases = snapshot(&ws.file("releases"));
    ws.write(
        "templates/release.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ release.title }}</h1>\n<p>{{ release.subtitle.text }}</p>\n{% endblock %}\n",
    );
    let run = ws.run(&["publish", "--now", "2025-07-01T00:00:00Z"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("templates/release.html:4:"), "{}", run.stderr);
    assert_eq!(snapshot(&ws.file("public")), site, "the site changed");
    assert_eq!(snapshot(&ws.file("releases")), releases, "a release changed");
    let leftovers: Vec<_> = std::fs::read_dir(ws.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("bitext-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn template_syntax_error_names_file_and_line() {
    let ws = Scratch::fixture("publish");
    ws.write(
        "templates/index.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% for x in %}\n{% endblock %}\n",
    );
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("templates/index.html:3:"), "{}", run.stderr);
    assert!(!ws.file("public").exists());
}

#[test]
fn template_override_is_used() {
    let ws = Scratch::fixture("publish");
    ws.write(
        "templates/release.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1 class=\"custom\">{{ release.title }}</h1>{{ release.body | safe }}{% endblock %}\n",
    );
    ws.write("templates/site.css", "body { color: navy; }\n");
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(ws
        .read(EN_PAGE)
        .contains("<h1 class=\"custom\">UK-French relationship"));
    assert_eq!(ws.read("public/assets/site.css"), "body { color: navy; }\n");
}

#[test]
fn unsafe_output_folders_are_refused() {
    let ws = Scratch::fixture("publish");
    let cases: &[(&str, &str)] = &[
        (".", "it is the workspace root"),
        ("releases", "it overlaps the releases folder"),
        (
            "releases/uk-france-military-chiefs-meeting/site",
            "it overlaps the releases folder",
        ),
        ("/proc/bitext-site", "cannot write in /proc"),
    ];
    for (out, message) in cases {
        let run = ws.run(&["publish", "--now", AFTER_EMBARGO, "--out", out]);
        assert_eq!(run.code, 2, "{out}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains(message), "{out}: {}", run.stderr);
    }
    ws.write("notes/todo.txt", "not a site\n");
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO, "--out", "notes"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("holds files that bitext publish did not write"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.read("notes/todo.txt"), "not a site\n");
}

#[test]
fn bad_now_and_unknown_publish_keys_are_usage_errors() {
    let ws = Scratch::fixture("publish");
    let run = ws.run(&["publish", "--now", "2025-06-01"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("--now"), "{}", run.stderr);
    ws.edit("bitext.toml", "out = \"public\"", "output = \"public\"");
    let run = ws.run(&["publish"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("bitext.toml:12:1"), "{}", run.stderr);
}

/// A release whose Markdown carries a script, an event handler and a
/// `javascript:` link, in both languages and signed off, publishes none
/// of them as markup.
#[test]
fn raw_html_in_a_release_publishes_no_executable_markup() {
    let ws = Scratch::fixture("publish");
    let en = "\nMedia enquiries: <script>alert('en')</script> call the press office <img src=\"x.png\" onerror=\"alert(1)\"> or [write](javascript:alert(2)).\n";
    let fr = "\nDemandes des médias : <script>alert('fr')</script> appelez le service de presse <img src=\"x.png\" onerror=\"alert(1)\"> ou [écrivez](javascript:alert(2)).\n";
    let en_md = ws.read(&format!("{REF}/en.md")) + en;
    let fr_md = ws.read(&format!("{REF}/fr.md")) + fr;
    ws.write(&format!("{REF}/en.md"), &en_md);
    ws.write(&format!("{REF}/fr.md"), &fr_md);
    let run = ws.run(&["sign-off", "uk-france-military-chiefs-meeting"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    for page in [EN_PAGE, FR_PAGE] {
        let html = ws.read(page).to_ascii_lowercase();
        for bad in ["<script", "onerror", "javascript:", "alert("] {
            assert!(!html.contains(bad), "{page} contains {bad}");
        }
    }
    assert!(ws.read(EN_PAGE).contains("call the press office"));
    assert!(ws.read(FR_PAGE).contains("appelez le service de presse"));
}

/// The root element's attributes and every `link`/`xhtml:link` of an XML
/// file, parsed with quick-xml (a malformed file fails the test).
struct Xml {
    root: String,
    root_attrs: BTreeMap<String, String>,
    links: Vec<BTreeMap<String, String>>,
    texts: BTreeMap<String, Vec<String>>,
}

fn parse_xml(text: &str) -> Xml {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut xml = Xml {
        root: String::new(),
        root_attrs: BTreeMap::new(),
        links: Vec::new(),
        texts: BTreeMap::new(),
    };
    // Open elements with the text gathered inside each so far.
    let mut open: Vec<(String, String)> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("malformed XML: {e}\n{text}"));
        match event {
            Event::Eof => break,
            Event::Start(e) => open.push((element(&mut xml, &e), String::new())),
            Event::Empty(e) => {
                element(&mut xml, &e);
            }
            Event::End(_) => {
                let (name, content) = open.pop().expect("balanced");
                if !content.trim().is_empty() {
                    xml.texts.entry(name).or_default().push(content);
                }
            }
            Event::Text(t) => {
                if let Some((_, content)) = open.last_mut() {
                    content.push_str(&t.decode().unwrap());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => match &*r.decode().unwrap() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("undeclared entity &{other};"),
                    },
                };
                if let Some((_, content)) = open.last_mut() {
                    content.push_str(&resolved);
                }
            }
            _ => {}
        }
    }
    assert!(open.is_empty(), "unclosed elements");
    xml
}

/// Records an element's name and attributes; returns its name.
fn element(xml: &mut Xml, e: &quick_xml::events::BytesStart<'_>) -> String {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let attrs: BTreeMap<String, String> = e
        .attributes()
        .map(|a| {
            let a = a.unwrap();
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            (key, a.unescape_value().unwrap().into_owned())
        })
        .collect();
    if xml.root.is_empty() {
        xml.root = name.clone();
        xml.root_attrs = attrs.clone();
    }
    if name == "link" || name == "xhtml:link" {
        xml.links.push(attrs);
    }
    name
}

#[test]
fn feeds_and_sitemap_are_xml_with_the_right_languages_and_links() {
    let ws = published();
    let en_url =
        "https://www.example.gov.uk/en/news/uk-french-relationship-strengthened-as-defence-chiefs-meet/";
    let fr_url = "https://www.example.gov.uk/fr/nouvelles/la-relation-franco-britannique-renforcee-reunion-des-chefs-d-etat-major/";
    for (feed, lang, own, other) in [
        ("public/en/news/feed.xml", "en-GB", en_url, fr_url),
        ("public/fr/nouvelles/feed.xml", "fr-FR", fr_url, en_url),
    ] {
        let xml = parse_xml(&ws.read(feed));
        assert_eq!(xml.root, "feed");
        assert_eq!(xml.root_attrs["xmlns"], "http://www.w3.org/2005/Atom");
        assert_eq!(xml.root_attrs["xml:lang"], lang);
        assert_eq!(xml.texts["id"].len(), 4, "a feed id and three entry ids");
        assert!(xml
            .links
            .iter()
            .any(|l| l["rel"] == "self" && l["href"].ends_with("/feed.xml")));
        let link = |href: &str, hreflang: &str| {
            xml.links
                .iter()
                .any(|l| l["rel"] == "alternate" && l["href"] == href && l["hreflang"] == hreflang)
        };
        let other_lang = if lang == "en-GB" { "fr-FR" } else { "en-GB" };
        assert!(link(own, lang), "{feed}: no link to {own}");
        assert!(link(other, other_lang), "{feed}: no link to {other}");
        for updated in &xml.texts["updated"] {
            assert!(bitext::publish::date::parse_rfc3339(updated).is_ok(), "{updated}");
        }
    }
    let fr_titles = parse_xml(&ws.read("public/fr/nouvelles/feed.xml")).texts["title"].join("\n");
    assert!(fr_titles.contains("Actualités de la défense"), "{fr_titles}");
    assert!(
        fr_titles.contains("La relation franco-britannique renforcée"),
        "{fr_titles}"
    );

    let sitemap = parse_xml(&ws.read("public/sitemap.xml"));
    assert_eq!(sitemap.root, "urlset");
    assert_eq!(sitemap.root_attrs["xmlns:xhtml"], "http://www.w3.org/1999/xhtml");
    let locs = &sitemap.texts["loc"];
    assert_eq!(
        locs.len(),
        3 + 3 * 2,
        "root, two indexes, three releases in two languages"
    );
    assert!(locs.contains(&en_url.to_owned()) && locs.contains(&fr_url.to_owned()));
    for (hreflang, href) in [("en-GB", en_url), ("fr-FR", fr_url), ("x-default", en_url)] {
        let count = sitemap
            .links
            .iter()
            .filter(|l| l["hreflang"] == hreflang && l["href"] == href)
            .count();
        assert_eq!(count, 2, "{hreflang} {href}: once under each language's <url>");
    }
}

/// The smallest JPEG header: what `publish` looks for in a `.jpg`.
const JPEG: &[u8] = &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F', 0];

/// Appends a paragraph to both documents of the reference release and
/// signs the release off, as a translator would.
fn add_and_sign(ws: &Scratch, en: &str, fr: &str) {
    let en_md = ws.read(&format!("{REF}/en.md")) + "\n" + en + "\n";
    let fr_md = ws.read(&format!("{REF}/fr.md")) + "\n" + fr + "\n";
    ws.write(&format!("{REF}/en.md"), &en_md);
    ws.write(&format!("{REF}/fr.md"), &fr_md);
    let run = ws.run(&["sign-off", "uk-france-military-chiefs-meeting"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

/// Issue 12: an `index.html` in a release folder replaced the generated,
/// sanitised page in both languages, `<script>` included, and `notes.txt`
/// and `fr.md.orig` went out too. Only the image the release references is
/// published beside its pages.
#[test]
fn stray_files_in_a_release_folder_are_never_published() {
    let ws = Scratch::fixture("publish");
    ws.write(&format!("{REF}/index.html"), "<script>alert('stray')</script>\n");
    ws.write(&format!("{REF}/notes.txt"), "call the admiral's office\n");
    ws.write(&format!("{REF}/fr.md.orig"), "# Ancienne version\n");
    add_chiefs_image(&ws);
    std::fs::write(ws.file(&format!("{REF}/images/unused.jpg")), JPEG).unwrap();
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    for page in [EN_PAGE, FR_PAGE] {
        let dir = ws.file(page).parent().unwrap().to_path_buf();
        let html = ws.read(page);
        assert!(html.contains("<html lang="), "{page} is not the generated page");
        assert!(!html.contains("stray"), "{page}");
        assert!(html.contains("src=\"images/chiefs.jpg\""), "{html}");
        assert_eq!(std::fs::read(dir.join("images/chiefs.jpg")).unwrap(), JPEG);
        let mut names: Vec<String> = snapshot(&dir).into_keys().collect();
        names.sort();
        assert_eq!(names, ["images/chiefs.jpg", "index.html"], "{page}");
    }
}

/// A referenced file that bitext does not publish blocks its release with
/// the file's name: a text file, a "PNG" that is not one, an SVG carrying a
/// script, a link out of the release folder.
#[test]
fn referenced_files_bitext_does_not_publish_block_the_release() {
    let ws = Scratch::fixture("publish");
    ws.write(&format!("{REF}/notes.txt"), "internal\n");
    ws.write(
        &format!("{REF}/map.png"),
        "<html><script>alert(1)</script></html>\n",
    );
    ws.write(
        &format!("{REF}/route.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>\n",
    );
    ws.write("secret.jpg", "not in the release\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(ws.file("secret.jpg"), ws.file(&format!("{REF}/photo.jpg"))).unwrap();
    let en_md = ws.read(&format!("{REF}/en.md"))
        + "\nSee [the notes](notes.txt), ![the map](map.png), ![the route](route.svg) and ![a photo](photo.jpg).\n";
    ws.write(&format!("{REF}/en.md"), &en_md);
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO, "--dry-run"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let out = &run.stdout;
    assert!(
        out.contains("blocked uk-france-military-chiefs-meeting: "),
        "{out}"
    );
    assert!(
        out.contains("notes.txt is referenced but is not a file type bitext publishes (png, jpg, jpeg, gif, webp, avif, svg)"),
        "{out}"
    );
    assert!(
        out.contains("map.png is not the image its extension says"),
        "{out}"
    );
    assert!(
        out.contains("route.svg is an SVG with active or outside content (<script>)"),
        "{out}"
    );
    #[cfg(unix)]
    assert!(out.contains("photo.jpg is a symbolic link"), "{out}");
}

/// A tag's name written in prose without backticks (`<title>`) swallowed
/// the rest of the published page while `check` was clean and `publish`
/// exited 0. It is shown as written, and the rest of the page follows.
#[test]
fn a_tag_named_in_prose_does_not_swallow_the_rest_of_the_page() {
    let ws = Scratch::fixture("publish");
    add_and_sign(
        &ws,
        "Web editors set each page's <title> and <textarea> in the template.\n\nThe rest of the release stays visible.",
        "Les rédacteurs web définissent la balise <title> et la zone <textarea> dans le gabarit.\n\nLa suite du communiqué reste visible.",
    );
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let en = ws.read(EN_PAGE);
    assert!(
        en.contains("set each page's &lt;title&gt; and &lt;textarea&gt; in"),
        "{en}"
    );
    assert!(en.contains("The rest of the release stays visible."), "{en}");
    assert!(en.contains("</footer>"), "{en}");
    let fr = ws.read(FR_PAGE);
    assert!(fr.contains("la balise &lt;title&gt;"), "{fr}");
    assert!(fr.contains("La suite du communiqué reste visible."), "{fr}");
}

/// Issue 12: `publish --out DIR` wiped a web app's folder because it had
/// its own `manifest.json`. Only a folder carrying bitext's marker is
/// replaced.
#[test]
fn publish_out_refuses_a_folder_with_its_own_manifest_json() {
    let ws = Scratch::fixture("publish");
    ws.write("webapp/manifest.json", "{\"name\": \"Press office app\"}\n");
    ws.write("webapp/src/app.js", "console.log('app');\n");
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO, "--out", "webapp"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("holds files that bitext publish did not write (no .bitext-site.tag)"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.read("webapp/src/app.js"), "console.log('app');\n");
    // A site bitext wrote carries the marker and is replaced.
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO, "--out", "site"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(ws
        .read("site/.bitext-site.tag")
        .starts_with("Signature: bitext-site\n"));
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO, "--out", "site"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

/// Issue 12: a misspelt `[paths] releases` made `check` say `ok: 0
/// releases checked` and `publish` replace the live site with an empty one.
#[test]
fn missing_configured_releases_folder_is_an_error_on_its_bitext_toml_line() {
    let ws = published();
    let site = snapshot(&ws.file("public"));
    ws.edit("bitext.toml", "releases = \"releases\"", "releases = \"relases\"");
    for args in [&["check"][..], &["publish", "--now", AFTER_EMBARGO]] {
        let run = ws.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr
                .contains("bitext.toml:7:12: [paths] releases names relases, which does not exist"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(snapshot(&ws.file("public")), site);
}

/// A publish that would take every page off the live site (the releases
/// folder moved away) is refused unless `--allow-empty`, and the withdrawn
/// releases are named.
#[test]
fn publish_that_would_empty_the_live_site_is_refused_unless_allow_empty() {
    let ws = published();
    let site = snapshot(&ws.file("public"));
    std::fs::rename(ws.file("releases"), ws.file("archive")).unwrap();
    std::fs::create_dir(ws.file("releases")).unwrap();
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("refusing to publish into public: the live site has 3 releases and this run would remove every one"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&ws.file("public")), site);
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO, "--allow-empty"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("withdrawn uk-france-military-chiefs-meeting: its folder is gone, so its pages have left the site\n"),
        "{}",
        run.stdout
    );
    assert!(!ws.file(EN_PAGE).exists());
}

/// Issue 12: `publish` swapped the new site in, then failed to record
/// `published-at` in a read-only `release.toml` and exited 2 with the site
/// already live. The records are written before the swap: the run stops
/// with nothing changed.
#[test]
fn read_only_release_toml_stops_the_publish_before_anything_changes() {
    let ws = published();
    let site = snapshot(&ws.file("public"));
    ws.write(
        "releases/drone-trial/release.toml",
        "date = 2025-05-05\nstatus = \"approved\"\n\n[slug]\nen = \"drone-trial\"\nfr = \"essai-de-drones\"\n",
    );
    ws.write(
        "releases/drone-trial/en.md",
        "# Army trials new drones\n\nThe Army has begun trials.\n",
    );
    ws.write(
        "releases/drone-trial/fr.md",
        "# L’armée teste de nouveaux drones\n\nL’armée a commencé ses essais.\n",
    );
    let run = ws.run(&["sign-off", "drone-trial"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let meta = ws.file("releases/drone-trial/release.toml");
    let before = std::fs::read(&meta).unwrap();
    let mut permissions = std::fs::metadata(&meta).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&meta, permissions).unwrap();
    let run = ws.run(&["publish", "--now", "2025-07-01T09:00:00+01:00"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("releases/drone-trial/release.toml"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&ws.file("public")), site, "the site changed");
    assert_eq!(std::fs::read(&meta).unwrap(), before);
    let litter: Vec<String> = snapshot(&ws.file("releases/drone-trial"))
        .into_keys()
        .filter(|n| n.starts_with(".bitext"))
        .collect();
    assert!(litter.is_empty(), "{litter:?}");
}

/// Issue 12: a killed publish left a `.public.bitext-new-*` staging copy
/// (up to 52 MB) and temporary records. The next run removes those that
/// carry bitext's marker; a folder that merely looks like one is left.
#[test]
fn litter_of_a_killed_publish_is_removed_by_the_next_run() {
    let ws = published();
    let marker = ws.read("public/.bitext-site.tag");
    ws.write(".public.bitext-new-Ab12Cd/.bitext-site.tag", &marker);
    ws.write(".public.bitext-new-Ab12Cd/en/news/index.html", "half a site");
    ws.write(".public.bitext-old-Ef34Gh/.bitext-site.tag", &marker);
    ws.write(".public.bitext-new-Zz99Zz/notes.txt", "not ours");
    ws.write(
        &format!("{REF}/.bitext-publish-Qr56St"),
        "status = \"published\"\n",
    );
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!ws.file(".public.bitext-new-Ab12Cd").exists());
    assert!(!ws.file(".public.bitext-old-Ef34Gh").exists());
    assert!(!ws.file(&format!("{REF}/.bitext-publish-Qr56St")).exists());
    assert_eq!(ws.read(".public.bitext-new-Zz99Zz/notes.txt"), "not ours");
}

/// Where the atomic exchange is not available, a crash between the two
/// renames leaves the old site set aside and no `public/`: the next run
/// puts it back before anything else.
#[test]
fn a_site_left_aside_by_a_crash_is_put_back_by_the_next_run() {
    let ws = published();
    let site = snapshot(&ws.file("public"));
    std::fs::rename(ws.file("public"), ws.file(".public.bitext-old-Xy12Zw")).unwrap();
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO, "--dry-run"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!ws.file(".public.bitext-old-Xy12Zw").exists());
    assert_eq!(snapshot(&ws.file("public")), site);
}

/// Issue 12: a template override that loops forever hung `publish`. It is
/// stopped by a step budget, with an error naming the template.
#[test]
fn a_template_that_loops_forever_is_stopped_with_its_name() {
    let ws = published();
    let site = snapshot(&ws.file("public"));
    ws.write(
        "templates/index.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}\n{% endblock %}\n",
    );
    let started = std::time::Instant::now();
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("templates/index.html:3:"), "{}", run.stderr);
    assert!(run.stderr.contains("does it loop forever?"), "{}", run.stderr);
    assert!(started.elapsed().as_secs() < 120);
    assert_eq!(snapshot(&ws.file("public")), site);
}

/// Whether the site in `public/` is whole: the marker, the manifest, and
/// both pages of every release the manifest lists.
fn assert_whole_site(ws: &Scratch, context: &str) {
    assert!(
        ws.read("public/.bitext-site.tag")
            .starts_with("Signature: bitext-site"),
        "{context}: no marker"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&ws.read("public/manifest.json")).unwrap_or_else(|e| panic!("{context}: {e}"));
    for release in manifest["releases"].as_array().unwrap() {
        for page in release["languages"].as_object().unwrap().values() {
            let path = format!("public/{}index.html", page["path"].as_str().unwrap());
            assert!(ws.file(&path).is_file(), "{context}: {path} missing");
        }
    }
    assert!(ws.file("public/en/news/index.html").is_file(), "{context}");
    assert!(ws.file("public/fr/nouvelles/feed.xml").is_file(), "{context}");
}

/// Issue 12: a crash between the two renames of the swap left no
/// `public/`, and killed runs left staging copies. Publishes killed at
/// points spread over a run always leave a whole site (the old or the
/// new), every `release.toml` still reads, and the next run leaves no
/// litter.
#[test]
fn killed_publishes_leave_a_whole_site_and_no_litter_after_the_next_run() {
    let ws = published();
    let mut swapped = 0;
    for (i, delay) in (0..12u64).map(|i| (i, i * 25)).collect::<Vec<_>>() {
        // Each run changes a live page, so old and new sites differ.
        ws.write(
            "templates/release.html",
            &format!("{{% extends \"base.html\" %}}\n{{% block content %}}<h1>{{{{ release.title }}}}</h1><p>run {i}</p>{{{{ release.body | safe }}}}{{% endblock %}}\n"),
        );
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bitext"))
            .args(["publish", "--now", AFTER_EMBARGO])
            .current_dir(ws.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        assert_whole_site(&ws, &format!("killed after {delay} ms"));
        if ws.read(EN_PAGE).contains(&format!("<p>run {i}</p>")) {
            swapped += 1;
        }
        for slug in [
            "uk-france-military-chiefs-meeting",
            "cadet-units-state-schools",
            "exercise-channel-shield",
        ] {
            let meta = ws.read(&format!("releases/{slug}/release.toml"));
            assert!(meta.parse::<toml::Table>().is_ok(), "{slug}: {meta}");
        }
    }
    eprintln!("12 publishes killed, {swapped} after their swap");
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_whole_site(&ws, "after the next run");
    let litter: Vec<String> = std::fs::read_dir(ws.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".bitext-"))
        .collect();
    assert!(litter.is_empty(), "{litter:?}");
    for slug in [
        "uk-france-military-chiefs-meeting",
        "cadet-units-state-schools",
        "exercise-channel-shield",
    ] {
        let names: Vec<String> = snapshot(&ws.file(&format!("releases/{slug}")))
            .into_keys()
            .collect();
        assert!(
            names.iter().all(|n| !n.starts_with(".bitext")),
            "{slug}: {names:?}"
        );
    }
}

/// Two publishes into the same output: the second fails clearly instead of
/// racing the first (or removing its staging folder as litter).
#[cfg(unix)]
#[test]
fn a_second_publish_into_the_same_output_fails_while_the_first_runs() {
    let ws = Scratch::fixture("publish");
    let root = std::fs::File::open(ws.path()).unwrap();
    rustix::fs::flock(&root, rustix::fs::FlockOperation::LockExclusive).unwrap();
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("another bitext publish is writing"),
        "{}",
        run.stderr
    );
    assert!(!ws.file("public").exists());
    rustix::fs::flock(&root, rustix::fs::FlockOperation::Unlock).unwrap();
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

/// A republication with nothing changed writes no page again: each file of
/// the live site is hard-linked into the new tree (same inode after the
/// swap) and the site's bytes are the same.
#[cfg(unix)]
#[test]
fn republishing_an_unchanged_site_links_every_page_instead_of_writing_it() {
    use std::os::unix::fs::MetadataExt;
    let ws = published();
    let before = snapshot(&ws.file("public"));
    let inodes = |files: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, u64> {
        files
            .keys()
            .map(|f| {
                (
                    f.clone(),
                    std::fs::metadata(ws.file("public").join(f)).unwrap().ino(),
                )
            })
            .collect()
    };
    let first = inodes(&before);
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(snapshot(&ws.file("public")), before);
    assert_eq!(inodes(&before), first);
}

/// The inode of every file under `dir`, by path.
#[cfg(unix)]
fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    snapshot(dir)
        .into_keys()
        .map(|f| {
            let ino = std::fs::metadata(dir.join(&f)).unwrap().ino();
            (f, ino)
        })
        .collect()
}

/// An image beside the reference release, shown in both languages and
/// signed off.
fn add_chiefs_image(ws: &Scratch) {
    std::fs::create_dir_all(ws.file(&format!("{REF}/images"))).unwrap();
    std::fs::write(ws.file(&format!("{REF}/images/chiefs.jpg")), JPEG).unwrap();
    add_and_sign(
        ws,
        "![The Chiefs of Defence Staff in London](images/chiefs.jpg)",
        "![Les chefs d’état-major à Londres](images/chiefs.jpg)",
    );
}

/// The fixture with an image in the reference release, published once.
/// A rendered release has its images copied beside its pages (a new file
/// each time), a release linked unrendered from the live site keeps the
/// very files it had: the image's inode tells which way its pages went.
fn published_with_an_image() -> Scratch {
    let ws = Scratch::fixture("publish");
    add_chiefs_image(&ws);
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    ws
}

fn en_image() -> String {
    EN_PAGE.replace("index.html", "images/chiefs.jpg")
}

/// Issue 14: a republication rendered every page to compare it with the
/// live one. With nothing changed no release is rendered: every file of
/// the site, the pages and the images beside them, is the live site's own
/// (same inode), and the manifest records each release's render key.
#[cfg(unix)]
#[test]
fn republishing_with_nothing_changed_renders_no_release() {
    let ws = published_with_an_image();
    let site = ws.file("public");
    let (before, first) = (snapshot(&site), inodes(&site));
    let manifest: serde_json::Value = serde_json::from_str(&ws.read("public/manifest.json")).unwrap();
    for release in manifest["releases"].as_array().unwrap() {
        assert_eq!(
            release["render-key"].as_str().map(str::len),
            Some(64),
            "{release}"
        );
    }
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(snapshot(&site), before);
    assert_eq!(inodes(&site), first);
    // `--no-cache` renders it again: the same bytes, a new copy of the image.
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO, "--no-cache"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(snapshot(&site), before);
    let image = en_image();
    assert_ne!(
        inodes(&site)[&image["public/".len()..]],
        first[&image["public/".len()..]]
    );
}

/// What goes into every page but is not the release's own text re-renders
/// every page when it changes: a template, the site's title in one
/// language (one of the words every page carries), a file beside the
/// pages.
#[cfg(unix)]
#[test]
fn a_template_a_site_title_or_an_image_change_renders_the_pages_again() {
    let ws = published_with_an_image();
    let site = ws.file("public");
    let pages = |site: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        site.keys()
            .filter(|f| f.ends_with("/index.html") && f.matches('/').count() == 3)
            .cloned()
            .collect()
    };
    let before = snapshot(&site);
    assert_eq!(pages(&before).len(), 6, "{:?}", before.keys());
    // A template that prints one more line in every release page.
    let release = include_str!("../../src/publish/templates/release.html");
    ws.write(
        "templates/release.html",
        &release.replace("{% block content %}", "{% block content %}\n<!-- issue 14 -->"),
    );
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let after = snapshot(&site);
    for page in pages(&before) {
        let html = String::from_utf8(after[&page].clone()).unwrap();
        assert!(
            html.contains("<!-- issue 14 -->"),
            "{page} was not rendered again"
        );
    }
    // The site's English title is in every English page.
    let config = ws.read("bitext.toml");
    ws.write(
        "bitext.toml",
        &config.replace("title.en = \"Defence news\"", "title.en = \"Defence newsroom\""),
    );
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let titled = snapshot(&site);
    for page in pages(&before).iter().filter(|p| p.starts_with("en/")) {
        let html = String::from_utf8(titled[page].clone()).unwrap();
        assert!(html.contains("Defence newsroom"), "{page} was not rendered again");
    }
    // A new picture under the same name, the text unchanged.
    let mut picture = JPEG.to_vec();
    picture.extend_from_slice(b"a second photograph");
    std::fs::write(ws.file(&format!("{REF}/images/chiefs.jpg")), &picture).unwrap();
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(std::fs::read(ws.file(&en_image())).unwrap(), picture);
}

/// A file beside the documents, at the top of a release's folder, is part
/// of its pages' render key whether the folder is listed for the key or
/// the scan's own listing is used (settled files, a republication): the
/// pages are linked while it is unchanged, and rendered again, with the
/// new file copied, when it changes.
#[cfg(unix)]
#[test]
fn a_file_beside_the_documents_keys_the_pages_when_the_scan_listed_it() {
    let ws = Scratch::fixture("publish");
    std::fs::write(ws.file(&format!("{REF}/chiefs.jpg")), JPEG).unwrap();
    add_and_sign(
        &ws,
        "![The Chiefs of Defence Staff in London](chiefs.jpg)",
        "![Les chefs d’état-major à Londres](chiefs.jpg)",
    );
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    crate::cache::set_modified(&ws, hour_ago);
    let image = EN_PAGE.replace("index.html", "chiefs.jpg");
    let site = ws.file("public");
    for _ in 0..2 {
        let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    }
    let linked = inodes(&site);
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(inodes(&site), linked, "nothing changed: every page linked");

    let mut picture = JPEG.to_vec();
    picture.extend_from_slice(b"a second photograph");
    std::fs::write(ws.file(&format!("{REF}/chiefs.jpg")), &picture).unwrap();
    crate::cache::set_modified(&ws, hour_ago);
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // Linked unrendered, the page would have kept the old picture beside it.
    assert_eq!(std::fs::read(ws.file(&image)).unwrap(), picture);
}

/// A site republished with its unchanged releases linked is the site a
/// full render makes, byte for byte: the same workspace published with
/// `--no-cache` into a new folder.
#[test]
fn a_republication_that_renders_nothing_is_the_site_a_full_render_makes() {
    let ws = published_with_an_image();
    // One release changes (and is signed off), the others do not.
    add_and_sign(&ws, "A closing paragraph.", "Un paragraphe de clôture.");
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO, "--no-cache", "--out", "fresh"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let (linked, fresh) = (snapshot(&ws.file("public")), snapshot(&ws.file("fresh")));
    assert_eq!(
        linked.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    for (file, bytes) in &linked {
        assert!(fresh[file] == *bytes, "{file} differs");
    }
}

/// The gate's check goes through the check cache (`.bitext/cache/`, the
/// error-level entries `check --quiet` shares) and `--no-cache` leaves it
/// alone; both block the same release with the same findings.
#[test]
fn the_gate_with_and_without_the_check_cache_blocks_the_same_release() {
    let cached = Scratch::fixture("publish");
    let uncached = Scratch::fixture("publish");
    for ws in [&cached, &uncached] {
        ws.edit(&format!("{REF}/en.md"), "The third annual", "The fourth annual");
    }
    let args = ["publish", "--now", AFTER_EMBARGO, "--dry-run"];
    let cold = cached.run(&args);
    let warm = cached.run(&args);
    let mut no_cache = args.to_vec();
    no_cache.push("--no-cache");
    let none = uncached.run(&no_cache);
    for run in [&cold, &warm, &none] {
        assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains("error[source-drifted]"), "{}", run.stdout);
    }
    assert_eq!(warm.stdout, cold.stdout);
    assert_eq!(none.stdout, cold.stdout);
    assert!(cached.file(".bitext/cache/check-error.cache").is_file());
    assert!(!uncached.file(".bitext/cache").exists());
}

/// The check cache's line of `slug` given one forged error-level finding,
/// its checksum made right again: a release replayed from the cache is
/// blocked by it, a release checked again is not.
fn forge_error(ws: &Scratch, slug: &str, message: &str) {
    use crate::cache::{cache_entries, cache_file};
    const CACHE: &str = ".bitext/cache/check-error.cache";
    let (header, mut entries) =
        cache_entries(&std::fs::read(ws.file(CACHE)).unwrap()).expect("a whole cache");
    let mut found = false;
    for entry in entries.iter_mut().filter(|e| e.head["slug"] == slug) {
        entry.findings = serde_json::to_vec(&serde_json::json!([{
            "code": "source-drifted",
            "severity": "error",
            "release": slug,
            "message": message,
        }]))
        .unwrap();
        // The report's rendering is made again from the forged findings.
        entry.renderings.clear();
        found = true;
    }
    assert!(found, "{slug} is in the check cache");
    std::fs::write(ws.file(CACHE), cache_file(&header, &entries)).unwrap();
}

/// A publication rewrites the release.toml of each release it records
/// (its publishing state, which no check reads), and keeps the check
/// cache's entries of those releases valid for the new file: the next
/// publish replays them instead of checking every release again. An edit
/// of release.toml made afterwards still invalidates its entry.
#[test]
fn a_publication_keeps_the_check_cache_of_the_releases_it_records() {
    let ws = Scratch::fixture("publish");
    let before = ws.read(&format!("{REF}/release.toml"));
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let recorded = ws.read(&format!("{REF}/release.toml"));
    assert_ne!(recorded, before, "the publication was recorded");
    assert!(recorded.contains("status = \"published\""), "{recorded}");

    forge_error(
        &ws,
        "uk-france-military-chiefs-meeting",
        "replayed after the record",
    );
    let args = ["publish", "--now", AFTER_EMBARGO, "--dry-run"];
    let run = ws.run(&args);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("replayed after the record"),
        "the entry stands for the recorded release.toml: {}",
        run.stdout
    );

    ws.edit(&format!("{REF}/release.toml"), "tags = [", "tags = [\"navy\", ");
    let run = ws.run(&args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        !run.stdout.contains("replayed after the record"),
        "{}",
        run.stdout
    );
}

/// Every file named `name` under `dir`, with its inode.
#[cfg(unix)]
fn inodes_named(dir: &Path, name: &str) -> BTreeMap<String, u64> {
    inodes(dir)
        .into_iter()
        .filter(|(f, _)| f.ends_with(name))
        .collect()
}

/// A release that uses boilerplate is read whole (its Markdown as
/// published is expanded, not taken from the file) and still linked
/// unrendered when nothing changed, or when a locale file changes without
/// changing its expanded text: the render key holds the Markdown as
/// published, not the files it came from.
#[cfg(unix)]
#[test]
fn a_release_with_boilerplate_is_linked_unrendered_while_its_expanded_text_is_unchanged() {
    let ws = Scratch::fixture("boilerplate");
    let rel = "releases/exercise-channel-shield";
    std::fs::create_dir_all(ws.file(&format!("{rel}/images"))).unwrap();
    std::fs::write(ws.file(&format!("{rel}/images/shield.jpg")), JPEG).unwrap();
    for (doc, alt) in [("en.md", "The exercise"), ("fr.md", "L’exercice")] {
        let text = ws.read(&format!("{rel}/{doc}")) + &format!("\n![{alt}](images/shield.jpg)\n");
        ws.write(&format!("{rel}/{doc}"), &text);
    }
    let run = ws.run(&["sign-off", "exercise-channel-shield"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let args = ["publish", "--now", AFTER_EMBARGO, "--skip-blocked"];
    let run = ws.run(&args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("published exercise-channel-shield"),
        "{}",
        run.stdout
    );
    let site = ws.file("public");
    let first = inodes_named(&site, "shield.jpg");
    assert_eq!(first.len(), 2, "{first:?}");
    let run = ws.run(&args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(inodes_named(&site, "shield.jpg"), first, "rendered again");
    let ftl = ws.read("locales/en-GB/mod.ftl");
    ws.write(
        "locales/en-GB/mod.ftl",
        &format!("{ftl}\n# A comment changes the file, not a message.\n"),
    );
    let run = ws.run(&args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        inodes_named(&site, "shield.jpg"),
        first,
        "a comment is no change to the Markdown"
    );
}

/// Issue 14: a republication that would make the site the live one
/// already is (every release linked unrendered, every index, feed, the
/// sitemap and the manifest the same bytes, nothing to record) leaves the
/// live site in place: not even a folder of it is made again.
#[cfg(unix)]
#[test]
fn republishing_an_unchanged_site_leaves_it_in_place() {
    use std::os::unix::fs::MetadataExt;
    let ws = published();
    let folders = |ws: &Scratch| -> Vec<(&str, u64)> {
        ["public", "public/en/news", "public/fr/nouvelles"]
            .into_iter()
            .map(|f| (f, std::fs::metadata(ws.file(f)).unwrap().ino()))
            .collect()
    };
    let (before, first) = (snapshot(&ws.file("public")), folders(&ws));
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("ok: published"), "{}", run.stdout);
    assert_eq!(snapshot(&ws.file("public")), before);
    assert_eq!(folders(&ws), first, "the live site was not replaced");
    // A change (here, of every page) builds the site again.
    let run = ws.run(&[
        "publish",
        "--now",
        AFTER_EMBARGO,
        "--base-url",
        "https://example.org",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_ne!(folders(&ws), first);
}

/// What a publication learnt of a release's documents stands only while
/// its files keep their stat keys: an edit that keeps the size and the
/// modification time (the change time moves) is read, and gated.
#[cfg(unix)]
#[test]
fn a_document_edited_after_a_publication_is_read_again() {
    let ws = published();
    // Settled files: the next run remembers them by their stat keys.
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    crate::cache::set_modified(&ws, hour_ago);
    let run = ws.run(&["publish", "--now", AFTER_EMBARGO]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(ws
        .read(".bitext/cache/publish-scan")
        .contains("cadet-units-state-schools"));

    let path = ws.file(&format!("{CADET}/fr.md"));
    let text = ws.read(&format!("{CADET}/fr.md"));
    let edited = text.replacen("# 60 nouvelles unités", "#x60 nouvelles unités", 1);
    assert_eq!(edited.len(), text.len());
    std::fs::write(&path, edited).unwrap();
    let file = std::fs::File::options().append(true).open(&path).unwrap();
    file.set_modified(hour_ago).unwrap();
    drop(file);
    let out = assert_blocked(&ws, &["publish", "--now", AFTER_EMBARGO]);
    assert!(
        out.contains("blocked cadet-units-state-schools: the French document does not open with a heading to be the page title"),
        "{out}"
    );
}
