//! `bitext sign-off`: the lock it writes (who, when, both texts), its
//! refusal of drifted pairs, error-level findings and unpaired segments,
//! what `--accept` and `--force` approve, and that a run refused for bad
//! input writes nothing.

use crate::util::Scratch;

const SLUG: &str = "exercise-channel-shield";
const EN: &str = "releases/exercise-channel-shield/en.md";
const LOCK: &str = "releases/exercise-channel-shield/bitext.lock";
const CONTACT: &str =
    "Media enquiries: contact the MOD Press Office on 020 7218 7907 (out of hours: 07699 751 153).\n\n";

/// The fixture's lock is version 1: the first sign-off upgrades it (the
/// French text is recorded), and signing off again leaves it byte for byte.
#[test]
fn sign_off_round_trips_and_is_stable() {
    let ws = Scratch::fixture("core");
    let run = ws.run(&["sign-off", SLUG]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "signed off exercise-channel-shield: 14 pairs\n");
    let upgraded = ws.read(LOCK);
    assert!(
        upgraded.contains("bitext-lock 3\n") && upgraded.contains("\n> "),
        "{upgraded}"
    );
    let again = ws.run(&["sign-off", SLUG]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        ws.read(LOCK),
        upgraded,
        "signing off an unchanged release rewrites the same lock"
    );
    assert_eq!(ws.run(&["check", SLUG]).code, 0);
}

/// Issue 10: sign-off used to record a drifted pair as resolved without a
/// word, approving French that still said what the old English said.
#[test]
fn sign_off_refuses_drift_until_accepted_by_force() {
    let ws = Scratch::fixture("core");
    ws.edit(EN, "More than 1,500 British", "More than 1,600 British");
    assert_eq!(ws.run(&["check", SLUG]).code, 1);
    let before = ws.read(LOCK);
    let refused = ws.run(&["sign-off", "--all"]);
    assert_eq!(refused.code, 1, "{}", refused.stdout);
    assert_eq!(ws.read(LOCK), before, "a refused sign-off writes nothing");
    let run = ws.run(&["sign-off", "--all", "--force"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(ws.run(&["check"]).code, 0);
    assert!(ws.read(LOCK).contains("More than 1,600 British"));
}

/// The reference case of issue 10: "third" becomes "fourth" in the English
/// and the French keeps « troisième ». Sign-off refuses, shows the English
/// word diff beside the French, and leaves the lock byte for byte; `--accept`
/// on that line then approves it, and the lock says who and when.
#[test]
fn sign_off_of_stale_french_is_refused_then_accepted_by_line() {
    let ws = Scratch::fixture("core");
    let (en, lock) = (
        "releases/uk-france-military-chiefs-meeting/en.md",
        "releases/uk-france-military-chiefs-meeting/bitext.lock",
    );
    ws.edit(en, "The third annual", "The fourth annual");
    let before = ws.read(lock);
    let env = [
        ("GIT_CONFIG_GLOBAL", "/dev/null"),
        ("GIT_CONFIG_NOSYSTEM", "1"),
        ("USER", "camille"),
    ];
    let refused = ws.run_env(&env, &["sign-off", "uk-france-military-chiefs-meeting"]);
    assert_eq!(refused.code, 1, "{}", refused.stdout);
    assert!(
        refused.stdout.contains("error[source-drifted]"),
        "{}",
        refused.stdout
    );
    assert!(
        refused.stdout.contains("The [-third-]{+fourth+} annual"),
        "{}",
        refused.stdout
    );
    assert!(
        refused.stdout.contains("Cette troisième réunion"),
        "{}",
        refused.stdout
    );
    assert!(
        refused
            .stdout
            .contains("refused uk-france-military-chiefs-meeting: the English changed"),
        "{}",
        refused.stdout
    );
    assert_eq!(ws.read(lock), before);

    let accepted = ws.run_env(
        &env,
        &["sign-off", "uk-france-military-chiefs-meeting", "--accept", "15"],
    );
    assert_eq!(accepted.code, 0, "{}", accepted.stdout);
    assert_eq!(
        accepted.stdout,
        "signed off uk-france-military-chiefs-meeting: 19 pairs (1 drift accepted as is)\n"
    );
    let written = ws.read(lock);
    assert!(
        written.contains("bitext-lock 3\nsigned-by camille\nsigned-at 20"),
        "{written}"
    );
    assert!(written.contains("\n> Cette troisième réunion"), "{written}");
    assert_eq!(ws.run(&["check", "uk-france-military-chiefs-meeting"]).code, 0);
}

#[test]
fn sign_off_records_the_git_author_and_by_overrides_it() {
    let ws = Scratch::fixture("core");
    ws.edit(EN, "More than 1,500 British", "More than 1,600 British");
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .current_dir(ws.path())
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .status()
            .unwrap();
        assert!(status.success());
    };
    git(&["init", "-q"]);
    git(&["config", "user.name", "Camille Roy"]);
    git(&["config", "user.email", "camille.roy@example.gov.uk"]);
    let env = [
        ("GIT_CONFIG_GLOBAL", "/dev/null"),
        ("SOURCE_DATE_EPOCH", "1741685400"),
    ];
    let run = ws.run_env(&env, &["sign-off", SLUG, "--force"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let written = ws.read(LOCK);
    assert!(
        written
            .contains("signed-by Camille Roy <camille.roy@example.gov.uk>\nsigned-at 2025-03-11T09:30:00Z\n"),
        "{written}"
    );
    ws.edit(EN, "More than 1,600 British", "More than 1,700 British");
    let run = ws.run_env(&env, &["sign-off", SLUG, "--force", "--by", "Alex Martin"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(ws.read(LOCK).contains("signed-by Alex Martin\n"));
}

/// Issue 12: `sign-off A B` with B unknown rewrote A's lock, then exited 2.
#[test]
fn sign_off_with_an_unknown_release_writes_no_lock() {
    let ws = Scratch::fixture("core");
    ws.edit(EN, "More than 1,500 British", "More than 1,600 British");
    let before = ws.read(LOCK);
    let run = ws.run(&["sign-off", SLUG, "no-such-release", "--force"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no-such-release"), "{}", run.stderr);
    assert_eq!(ws.read(LOCK), before);
}

#[test]
fn an_accept_that_matches_nothing_writes_nothing() {
    let ws = Scratch::fixture("core");
    ws.edit(EN, "More than 1,500 British", "More than 1,600 British");
    let before = ws.read(LOCK);
    let run = ws.run(&["sign-off", SLUG, "--accept", "1"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("--accept 1 matches nothing"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.read(LOCK), before);
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
        "signed off exercise-channel-shield: 15 pairs (1 one-sided)\n"
    );
    assert!(ws.read(LOCK).contains("\none-sided "));
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

/// Issue 14: `sign-off --all` now decides each release in one pass, in
/// parallel, and stages a new record as soon as its release is decided.
/// The outcome must not depend on that: a refused release keeps its
/// record, an edited one gets a new record, an unchanged one keeps its
/// record byte for byte (who and when included), the lines come in release
/// order after the refused findings, and nothing staged is left behind.
#[test]
fn sign_off_all_in_one_pass_writes_only_what_it_decided_and_reports_in_order() {
    const CADET: &str = "releases/cadet-units-state-schools";
    const CHIEFS: &str = "releases/uk-france-military-chiefs-meeting";
    let ws = Scratch::fixture("core");
    let env = [("SOURCE_DATE_EPOCH", "1741683600")];
    let first = ws.run_env(&env, &["sign-off", "--all"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let locks = |ws: &Scratch| {
        [CADET, "releases/exercise-channel-shield", CHIEFS].map(|r| ws.read(&format!("{r}/bitext.lock")))
    };
    let [cadet, shield, chiefs] = locks(&ws);
    ws.edit(
        &format!("{CADET}/fr.md"),
        "une enveloppe de 14,5 millions de livres",
        "un financement de 14,5 millions de livres",
    );
    ws.edit(EN, "More than 1,500 British", "More than 1,600 British");
    let run = ws.run_env(&[("SOURCE_DATE_EPOCH", "1741770000")], &["sign-off", "--all"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("error[source-drifted]") && run.stdout.contains("More than 1,600 British"),
        "{}",
        run.stdout
    );
    let tail: Vec<&str> = run.stdout.lines().rev().take(3).collect();
    assert_eq!(
        tail,
        [
            "signed off uk-france-military-chiefs-meeting: 19 pairs",
            "refused exercise-channel-shield: the English changed since the French was signed off (update the French, or keep it as it is with --accept LINE or --force)",
            "signed off cadet-units-state-schools: 15 pairs (1 French edit approved)",
        ],
        "{}",
        run.stdout
    );
    let [new_cadet, new_shield, new_chiefs] = locks(&ws);
    assert_ne!(new_cadet, cadet);
    assert!(
        new_cadet.contains("un financement de 14,5 millions") && new_cadet.contains("signed-at 2025-03-12T")
    );
    assert_eq!(new_shield, shield, "a refused release keeps its record");
    assert_eq!(new_chiefs, chiefs, "an unchanged release keeps its record");
    assert_eq!(crate::fault::litter(ws.path()), Vec::<String>::new());
}
