//! `bitext diff`: every action a translator owes on a release, in document
//! order — new English, drifted pairs, French edits and English removed
//! since sign-off — for people and as JSON.

use crate::util::Scratch;

const SLUG: &str = "exercise-channel-shield";
const EN: &str = "releases/exercise-channel-shield/en.md";
const FR: &str = "releases/exercise-channel-shield/fr.md";

/// The core fixture signed off once (so that its lock records the French),
/// then edited: a French edit on line 3, an English drift on line 9 and a
/// new English paragraph with no French yet after line 11.
fn edited() -> Scratch {
    let ws = Scratch::fixture("core");
    let run = ws.run_env(
        &[("SOURCE_DATE_EPOCH", "1741685400")],
        &["sign-off", SLUG, "--by", "Claire Martin"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    ws.edit(FR, "ont entamé aujourd’hui", "ont commencé aujourd’hui");
    ws.edit(EN, "which began on 1 April", "which began on Tuesday 1 April");
    ws.edit(
        EN,
        "Major General Claire Whitmore",
        "A public open day will be held at Camp de Canjuers on 12 April 2025.\n\nMajor General Claire Whitmore",
    );
    ws
}

#[test]
fn diff_shows_the_french_edit_the_drift_and_the_new_english_in_document_order() {
    let ws = edited();
    let run = ws.run(&["diff", SLUG]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = "\
target-edited releases/exercise-channel-shield/fr.md:3
  French since sign-off: Plus de 1\u{a0}500 militaires britanniques et français ont [-entamé-]{+commencé+} aujourd’hui un exercice de deux…
  English now (releases/exercise-channel-shield/en.md:3): More than 1,500 British and French personnel have today begun a two-week exercise to test how quickly the two nations can deploy a combined force in support of European security.

source-drifted releases/exercise-channel-shield/en.md:9
  English since sign-off: Exercise Channel Shield, which began on {+Tuesday +}1 April 2025, will see soldiers,…
  French now (releases/exercise-channel-shield/fr.md:9): Lancé le 1er avril 2025, l’exercice Channel Shield verra des militaires des armées de terre, de la marine et de l’air britanniques et français planifier et conduire une opération conjointe sous un commandement unique, sur la plaine de Salisbury, dans le Wiltshire, et au camp de Canjuers, dans le Var.

new-source releases/exercise-channel-shield/en.md:13
  English, never signed off: A public open day will be held at Camp de Canjuers on 12 April 2025.
  French: not translated yet

";
    assert_eq!(run.stdout, expected);
}

#[test]
fn diff_json_gives_the_same_actions_as_data() {
    let ws = edited();
    let run = ws.run(&["diff", SLUG, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["version"], 1);
    assert_eq!(json["release"], SLUG);
    let actions = json["actions"].as_array().unwrap();
    let kinds: Vec<&str> = actions.iter().map(|a| a["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["target-edited", "source-drifted", "new-source"]);

    let edit = &actions[0];
    assert_eq!(edit["target"]["path"], FR);
    assert_eq!(edit["target"]["line"], 3);
    assert!(edit["target"]["before"].as_str().unwrap().contains("ont entamé"));
    assert!(edit["target"]["after"].as_str().unwrap().contains("ont commencé"));
    let changed: Vec<(&str, &str)> = edit["target"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["change"] != "same")
        .map(|c| (c["change"].as_str().unwrap(), c["text"].as_str().unwrap()))
        .collect();
    assert_eq!(changed, [("removed", "entamé"), ("added", "commencé")]);
    assert_eq!(edit["source"]["line"], 3);

    let drift = &actions[1];
    assert_eq!(drift["source"]["line"], 9);
    assert!(drift["target"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Lancé le 1er avril"));
    assert!(drift["source"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["change"] == "added" && c["text"] == "Tuesday "));

    let new = &actions[2];
    assert_eq!(new["source"]["line"], 13);
    assert_eq!(
        new["source"]["text"],
        "A public open day will be held at Camp de Canjuers on 12 April 2025."
    );
    assert!(new["target"].is_null());
}

#[test]
fn diff_shows_english_removed_since_sign_off_beside_the_french_left() {
    let ws = Scratch::fixture("core");
    ws.edit(
        EN,
        "Major General Claire Whitmore, Commander of the UK contingent, said:\n\n",
        "",
    );
    let run = ws.run(&["diff", SLUG, "--format", "json"]);
    let actions = run.json()["actions"].clone();
    assert_eq!(actions[0]["kind"], "source-removed", "{actions}");
    assert_eq!(
        actions[0]["source"],
        "Major General Claire Whitmore, Commander of the UK contingent, said:"
    );
    assert!(actions[0]["target"]["text"]
        .as_str()
        .unwrap()
        .starts_with("La générale de division Claire Whitmore"));
    let human = ws.run(&["diff", SLUG]);
    assert!(
        human.stdout.contains(
            "English removed since sign-off: [-Major General Claire Whitmore, Commander of the UK contingent, said:-]"
        ),
        "{}",
        human.stdout
    );
}

#[test]
fn a_french_edit_against_a_version_1_lock_shows_the_french_now() {
    let ws = Scratch::fixture("core");
    ws.edit(FR, "ont entamé aujourd’hui", "ont commencé aujourd’hui");
    let run = ws.run(&["diff", SLUG]);
    assert!(
        run.stdout.starts_with(
            "target-edited releases/exercise-channel-shield/fr.md:3\n  French now (the lock predates recording it: no diff until the next sign-off): Plus de 1\u{a0}500"
        ),
        "{}",
        run.stdout
    );
    let json = ws.run(&["diff", SLUG, "--format", "json"]).json();
    assert!(json["actions"][0]["target"]["before"].is_null());
}

#[test]
fn a_release_as_signed_off_has_nothing_to_do() {
    let ws = Scratch::fixture("core");
    let run = ws.run(&["diff", SLUG]);
    assert_eq!(
        run.stdout,
        "exercise-channel-shield: nothing to do, every pair is as signed off\n"
    );
    let json = ws.run(&["diff", SLUG, "--format", "json"]).json();
    assert_eq!(json["actions"].as_array().unwrap().len(), 0);
}
