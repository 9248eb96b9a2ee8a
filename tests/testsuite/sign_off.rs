//! `bitext sign-off`: the lock it writes, its refusal of unpaired segments,
//! and one-sided segments recorded with `--force`.

use crate::util::Scratch;

const SLUG: &str = "exercise-channel-shield";
const EN: &str = "releases/exercise-channel-shield/en.md";
const LOCK: &str = "releases/exercise-channel-shield/bitext.lock";
const CONTACT: &str =
    "Media enquiries: contact the MOD Press Office on 020 7218 7907 (out of hours: 07699 751 153).\n\n";

#[test]
fn sign_off_round_trips_and_is_stable() {
    let ws = Scratch::fixture("core");
    let before = ws.read(LOCK);
    let run = ws.run(&["sign-off", SLUG]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "signed off exercise-channel-shield: 14 pairs\n");
    assert_eq!(
        ws.read(LOCK),
        before,
        "signing off an unchanged release rewrites the same lock"
    );
    assert_eq!(ws.run(&["check", SLUG]).code, 0);
}

#[test]
fn sign_off_records_drift_as_resolved() {
    let ws = Scratch::fixture("core");
    ws.edit(EN, "More than 1,500 British", "More than 1,600 British");
    assert_eq!(ws.run(&["check", SLUG]).code, 1);
    assert_eq!(ws.run(&["sign-off", "--all"]).code, 0);
    assert_eq!(ws.run(&["check"]).code, 0);
    assert!(ws.read(LOCK).contains("More than 1,600 British"));
}

#[test]
fn unpaired_segments_are_refused_without_force_and_nothing_is_written() {
    let ws = Scratch::fixture("core");
    let before = ws.read(LOCK);
    let en = ws.read(EN);
    ws.write(EN, &format!("{}\n\n\n{CONTACT}", en.trim_end()));
    let run = ws.run(&["sign-off", SLUG]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("error[missing-translation]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("refused exercise-channel-shield"),
        "{}",
        run.stdout
    );
    assert_eq!(ws.read(LOCK), before);
}

#[test]
fn forced_one_sided_segments_are_quiet_until_their_text_changes() {
    let ws = Scratch::fixture("core");
    let en = ws.read(EN);
    ws.write(EN, &format!("{}\n\n{CONTACT}", en.trim_end()));
    let run = ws.run(&["sign-off", "--force", SLUG]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "signed off exercise-channel-shield: 15 pairs, 1 one-sided\n"
    );
    assert!(ws.read(LOCK).contains("one-sided = true"));
    assert_eq!(ws.run(&["check"]).code, 0);
    let status = ws.run(&["status", SLUG]);
    assert!(
        status.stdout.lines().nth(1).unwrap().trim_end().ends_with(" 1"),
        "{}",
        status.stdout
    );

    ws.edit(EN, "020 7218 7907", "020 7218 7000");
    let run = ws.run(&["check", "--format", "json"]);
    assert_eq!(run.json()["findings"][0]["code"], "missing-translation");
}

#[test]
fn unknown_release_is_a_usage_error() {
    let ws = Scratch::fixture("core");
    let run = ws.run(&["sign-off", "no-such-release"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no release named \"no-such-release\""),
        "{}",
        run.stderr
    );
}
