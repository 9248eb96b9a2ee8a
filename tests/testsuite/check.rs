//! `bitext check` on the signed-off `core` fixture and edits of it: each
//! pairing finding code at the right lines, the no-cascade cases, the
//! output formats and the severity settings.

use serde_json::Value;

use crate::util::{pairing_findings as findings, Scratch};

const REF: &str = "releases/uk-france-military-chiefs-meeting";
const EN: &str = "releases/uk-france-military-chiefs-meeting/en.md";
const FR: &str = "releases/uk-france-military-chiefs-meeting/fr.md";

const NEW_PARAGRAPH: &str = "Officials confirmed that a further 1,200 personnel from the Royal Navy will join the planning cell at Northwood in April.\n\n";

fn finding(code: &str, source: Option<u64>, target: Option<u64>) -> (String, Option<u64>, Option<u64>) {
    (code.to_owned(), source, target)
}

#[test]
fn signed_off_workspace_is_clean() {
    let ws = Scratch::fixture("core");
    let run = ws.run(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("3 releases checked, all in sync"),
        "{}",
        run.stdout
    );
}

#[test]
fn paragraph_inserted_in_the_english_is_one_missing_translation() {
    let ws = Scratch::fixture("core");
    ws.edit(
        EN,
        "The UK Is also set",
        &format!("{NEW_PARAGRAPH}The UK Is also set"),
    );
    assert_eq!(
        findings(&ws),
        vec![finding("missing-translation", Some(27), None)]
    );
    assert_eq!(ws.run(&["check"]).code, 1);
}

#[test]
fn french_paragraph_deleted_is_one_missing_translation() {
    let ws = Scratch::fixture("core");
    let fr = ws.read(FR);
    let start = fr.find("Le Royaume-Uni accueillera").unwrap();
    let end = start + fr[start..].find("\n\n").unwrap() + 2;
    ws.write(FR, &format!("{}{}", &fr[..start], &fr[end..]));
    assert_eq!(
        findings(&ws),
        vec![finding("missing-translation", Some(27), None)]
    );
}

#[test]
fn english_paragraph_deleted_since_sign_off_is_missing_source() {
    let ws = Scratch::fixture("core");
    let en = ws.read(EN);
    let start = en.find("The UK Is also set").unwrap();
    let end = start + en[start..].find("\n\n").unwrap() + 2;
    ws.write(EN, &format!("{}{}", &en[..start], &en[end..]));
    let run = ws.run(&["check", "--format", "json"]);
    let all = run.json();
    let found = &all["findings"][0];
    assert_eq!(all["findings"].as_array().unwrap().len(), 1, "{}", run.stdout);
    assert_eq!(found["code"], "missing-source");
    assert_eq!(found["source"], Value::Null);
    assert_eq!(found["target"]["line"], 27);
    assert!(found["message"]
        .as_str()
        .unwrap()
        .contains("removed from the English since sign-off"));
}

#[test]
fn edited_english_sentence_is_drift_with_before_and_after() {
    let ws = Scratch::fixture("core");
    ws.edit(EN, "The third annual UK-France", "The fourth annual UK-France");
    let run = ws.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let report = run.json();
    let list = report["findings"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{}", run.stdout);
    let f = &list[0];
    assert_eq!(f["code"], "source-drifted");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["release"], "uk-france-military-chiefs-meeting");
    assert_eq!(
        (f["source"]["line"].as_u64(), f["target"]["line"].as_u64()),
        (Some(15), Some(15))
    );
    assert_eq!(f["source"]["path"], EN);
    assert_eq!(f["target"]["lang"], "fr-FR");
    assert!(f["source_before"]
        .as_str()
        .unwrap()
        .starts_with("The third annual"));
    assert!(f["source_after"]
        .as_str()
        .unwrap()
        .starts_with("The fourth annual"));
    assert_eq!(report["summary"]["source-drifted"], 1);
    assert_eq!(report["summary"]["missing-translation"], 0);
    assert_eq!(report["version"], 1);

    let human = ws.run(&["check"]);
    assert!(human.stdout.contains("error[source-drifted]"), "{}", human.stdout);
    assert!(human.stdout.contains(&format!("{EN}:15:1")), "{}", human.stdout);
    assert!(human.stdout.contains(&format!("{FR}:15:1")), "{}", human.stdout);
    assert!(
        human.stdout.contains("The [-third-]{+fourth+} annual"),
        "{}",
        human.stdout
    );
}

#[test]
fn english_paragraph_rewritten_from_scratch_still_pairs_as_drift() {
    // A rewrite of similar length, and one far shorter with no shared figures.
    for rewrite in [
        "Northwood will host a second round of talks this week, with staff from both countries working side by side for several days.",
        "Talks continue.",
    ] {
        let ws = Scratch::fixture("core");
        let en = ws.read(EN);
        let start = en.find("The UK Is also set").unwrap();
        let end = start + en[start..].find("\n\n").unwrap();
        ws.write(EN, &format!("{}{rewrite}{}", &en[..start], &en[end..]));
        assert_eq!(findings(&ws), vec![finding("source-drifted", Some(27), Some(27))], "{rewrite}");
    }
}

#[test]
fn french_edit_is_a_warning_and_new_pairs_are_not_signed_off() {
    let ws = Scratch::fixture("core");
    ws.edit(
        FR,
        "Cette troisième réunion annuelle",
        "Cette 3e réunion annuelle",
    );
    assert_eq!(findings(&ws), vec![finding("target-edited", Some(15), Some(15))]);
    assert_eq!(ws.run(&["check"]).code, 0, "warnings alone do not fail");

    std::fs::remove_file(ws.file(&format!("{REF}/bitext.lock"))).unwrap();
    let all = findings(&ws);
    assert_eq!(all.len(), 19);
    assert!(all.iter().all(|f| f.0 == "not-signed-off"));
}

#[test]
fn french_paragraph_split_in_two_pairs_one_to_two() {
    let ws = Scratch::fixture("core");
    ws.edit(
        FR,
        "intervient à un moment charnière pour la sécurité européenne. Elle",
        "intervient à un moment charnière pour la sécurité européenne.\n\nElle",
    );
    // The French changed since sign-off, so the pair asks for review, but
    // nothing is missing on either side.
    assert_eq!(findings(&ws), vec![finding("target-edited", Some(15), Some(15))]);
    let run = ws.run(&["align", "uk-france-military-chiefs-meeting", "--format", "json"]);
    let pairs = run.json()["pairs"].as_array().unwrap().clone();
    assert_eq!(pairs.len(), 19);
    let split = pairs
        .iter()
        .find(|p| p["target"].as_array().unwrap().len() == 2)
        .unwrap();
    assert_eq!(split["source"][0]["line"], 15);
    assert_eq!(split["target"][1]["line"], 17);
    assert_eq!(split["status"], "target-edited");

    assert_eq!(ws.run(&["sign-off", "uk-france-military-chiefs-meeting"]).code, 0);
    assert_eq!(findings(&ws), vec![]);
}

#[test]
fn github_format_annotates_the_source_line() {
    let ws = Scratch::fixture("core");
    ws.edit(EN, "The third annual", "The fourth annual");
    let run = ws.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout.lines().next().unwrap(),
        format!(
            "::error file={EN},line=15,col=1,title=source-drifted::English changed since the French was signed off (see {FR}:15)"
        )
    );
}

#[test]
fn severities_are_configurable_per_code() {
    let ws = Scratch::fixture("core");
    ws.edit(
        FR,
        "Cette troisième réunion annuelle",
        "Cette 3e réunion annuelle",
    );
    ws.write("bitext.toml", "[checks]\ntarget-edited = \"error\"\n");
    assert_eq!(ws.run(&["check"]).code, 1);
    ws.write("bitext.toml", "[checks]\ntarget-edited = \"off\"\n");
    assert_eq!(findings(&ws), vec![]);
}

#[test]
fn only_named_releases_are_checked_and_discovery_walks_up() {
    let ws = Scratch::fixture("core");
    ws.edit(EN, "The third annual", "The fourth annual");
    let run = crate::util::bitext(&ws.file(REF), &["check", "exercise-channel-shield"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("1 release checked"), "{}", run.stdout);
    let elsewhere = Scratch::empty();
    let path = ws.path().to_str().unwrap();
    assert_eq!(elsewhere.run(&["--workspace", path, "check"]).code, 1);
}

#[test]
fn windows_line_endings_and_byte_order_mark_change_nothing() {
    let ws = Scratch::fixture("core");
    for file in [EN, FR] {
        let text = ws.read(file).replace('\n', "\r\n");
        ws.write(file, &format!("\u{feff}{text}"));
    }
    assert_eq!(findings(&ws), vec![]);
    ws.edit(EN, "The third annual", "The fourth annual");
    assert_eq!(findings(&ws), vec![finding("source-drifted", Some(15), Some(15))]);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let ws = Scratch::fixture("core");
    ws.edit(EN, "The third annual", "The fourth annual");
    assert!(!ws.run(&["check"]).stdout.contains('\x1b'));
    assert!(ws
        .run(&["--color", "always", "check"])
        .stdout
        .contains("\x1b[1;31m"));
}

#[test]
fn status_and_diff_show_the_drift() {
    let ws = Scratch::fixture("core");
    ws.edit(EN, "The third annual", "The fourth annual");
    ws.edit(
        EN,
        "The UK Is also set",
        &format!("{NEW_PARAGRAPH}The UK Is also set"),
    );
    let status = ws.run(&["status"]);
    assert_eq!(status.code, 0);
    let row = status
        .stdout
        .lines()
        .find(|l| l.starts_with("uk-france"))
        .unwrap();
    let numbers: Vec<&str> = row.split_whitespace().skip(1).collect();
    // segments, in sync, drifted, edited, missing, not signed off, one-sided
    assert_eq!(numbers, ["39", "18", "1", "0", "1", "0", "0"]);

    let diff = ws.run(&["diff", "uk-france-military-chiefs-meeting"]);
    assert!(
        diff.stdout.contains(&format!("source-drifted {EN}:15")),
        "{}",
        diff.stdout
    );
    assert!(
        diff.stdout.contains("The [-third-]{+fourth+} annual"),
        "{}",
        diff.stdout
    );
    assert!(
        diff.stdout.contains(&format!("French now ({FR}:15):")),
        "{}",
        diff.stdout
    );
}

/// The SHA-256 of what the binary before streaming (commit 2c08e28, which
/// rendered a report held whole) printed for `check --no-cache` on the
/// real pairs of `tests/corpus/canada-ca-blog` (`cache::corpus`). The
/// report is now written as releases finish; every format must keep the
/// same bytes. When a change to the checks means to change the findings,
/// rerun with `BITEXT_BLESS=1` to print the new hashes, and review the
/// outputs left in the scratch folder.
const STREAMED: &[(&[&str], &str)] = &[
    (
        &["--format", "human"],
        "417832bbdb7fef819eb1dc08db0510d53b647381ff9c83ec746d4d710903a86d",
    ),
    (
        &["--format", "json"],
        "70d9d13757bf0e814982d12f3c6445ba6b10dc9510381831c15c1ec9480940dc",
    ),
    (
        &["--format", "github"],
        "180a0be612788618159bce8e3f02451625adb6ab6bfd181f1ed66979314a286a",
    ),
    (
        &["--format", "junit"],
        "a617ae970e0a2fed1ce62403f67305c204cd5537c566c15b87ee618dc48282fd",
    ),
    (
        &["--format", "sarif"],
        "a59e6df393cd4dc72797cf2f07575f39639ac9ab0dbaccd0ce863fa296a8887f",
    ),
    (
        &["--ui-lang", "fr"],
        "606f130345d4b22ad5cd12bea80fe2dee04e1afb03a2b647980c4a278f822530",
    ),
    (
        &["--format", "junit", "--min-severity", "warning"],
        "d74ab605cf584824c619bf39fb8e227df093924d09bce99a6b6e4761dada9e48",
    ),
];

#[test]
fn streamed_reports_are_byte_identical_to_whole_ones_on_real_pairs() {
    use sha2::{Digest, Sha256};
    let ws = crate::cache::corpus();
    let bless = std::env::var_os("BITEXT_BLESS").is_some_and(|v| v == "1");
    let mut differ = Vec::new();
    for (i, (args, expected)) in STREAMED.iter().enumerate() {
        let mut all = vec!["check", "--no-cache"];
        all.extend_from_slice(args);
        let run = ws.run(&all);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        let hash: String = Sha256::digest(run.stdout.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if hash != *expected {
            let kept = ws.file(&format!("streamed-{i}.out"));
            std::fs::write(&kept, &run.stdout).unwrap();
            differ.push(format!("{args:?}: {hash} (output in {})", kept.display()));
        }
    }
    if bless {
        // Leave the scratch folder for review.
        std::mem::forget(ws);
    }
    assert!(differ.is_empty(), "outputs changed:\n{}", differ.join("\n"));
}
