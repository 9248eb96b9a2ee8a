//! Bad input: every case exits 2 with the file (and where it can, the line
//! and column) in the message, never panics, and writes nothing.

use crate::util::{Run, Scratch};

const REL: &str = "releases/exercise-channel-shield";

/// Runs `check` and `sign-off --all` and asserts both fail cleanly with
/// `expected` in the message, leaving the lock as it was.
fn fails_with(ws: &Scratch, expected: &str) -> Run {
    let lock = std::fs::read(ws.file(&format!("{REL}/bitext.lock"))).ok();
    let run = ws.run(&["check"]);
    assert_eq!(run.code, 2, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    assert!(run.stderr.starts_with("bitext: "), "{}", run.stderr);
    assert!(
        run.stderr.contains(expected),
        "expected {expected:?} in {}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"));
    let sign = ws.run(&["sign-off", "--all"]);
    assert_eq!(sign.code, 2, "{}", sign.stderr);
    assert_eq!(std::fs::read(ws.file(&format!("{REL}/bitext.lock"))).ok(), lock);
    run
}

#[test]
fn missing_french_document() {
    let ws = Scratch::fixture("core");
    std::fs::remove_file(ws.file(&format!("{REL}/fr.md"))).unwrap();
    fails_with(&ws, &format!("{REL}/fr.md: file is missing"));
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let ws = Scratch::fixture("core");
    let path = ws.file(&format!("{REL}/fr.md"));
    let mut bytes = std::fs::read(&path).unwrap();
    // Line 9 begins « Lancé le 1er avril »: break its third character.
    let at = bytes.windows(6).position(|w| w == b"Lanc\xc3\xa9").unwrap();
    bytes[at + 2] = 0xff;
    std::fs::write(&path, bytes).unwrap();
    fails_with(&ws, &format!("{REL}/fr.md:9:3: invalid UTF-8"));
}

#[test]
fn malformed_release_toml_names_line_and_column() {
    let ws = Scratch::fixture("core");
    ws.edit(
        &format!("{REL}/release.toml"),
        "status = \"published\"",
        "status = published",
    );
    fails_with(&ws, "release.toml:2:10:");
}

#[test]
fn unknown_key_in_release_toml_is_an_error() {
    let ws = Scratch::fixture("core");
    ws.edit(&format!("{REL}/release.toml"), "status =", "stauts =");
    fails_with(&ws, "release.toml:2:1: unknown field `stauts`");
}

#[test]
fn malformed_workspace_config() {
    let ws = Scratch::fixture("core");
    ws.write("bitext.toml", "[languages]\nsource = \"en-GB\"\ntarget = \n");
    fails_with(&ws, "bitext.toml:3:");
}

#[test]
fn unknown_language_tag() {
    let ws = Scratch::fixture("core");
    ws.write(
        "bitext.toml",
        "[languages]\nsource = \"english\"\ntarget = \"fr-FR\"\n",
    );
    fails_with(&ws, "bitext.toml:2:10: unknown language tag \"english\"");
}

#[test]
fn malformed_lock() {
    let ws = Scratch::fixture("core");
    let lock = format!("{REL}/bitext.lock");
    let text = ws.read(&lock);
    ws.write(&lock, &text.replacen("source = [", "source = [[", 1));
    let run = ws.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(&format!("{REL}/bitext.lock:")),
        "{}",
        run.stderr
    );
    assert_eq!(ws.read(&lock), text.replacen("source = [", "source = [[", 1));
}

#[test]
fn unsafe_release_folder_name() {
    let ws = Scratch::fixture("core");
    crate::util::copy_dir(&ws.file(REL), &ws.file("releases/Bad Name"));
    fails_with(&ws, "unsafe release folder name \"Bad Name\"");
}

#[test]
fn release_named_with_a_path_is_refused() {
    let ws = Scratch::fixture("core");
    let run = ws.run(&["check", "../releases"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unsafe release folder name \"../releases\""),
        "{}",
        run.stderr
    );
}

#[test]
fn no_workspace_found() {
    let dir = Scratch::empty();
    let run = dir.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no bitext.toml found"), "{}", run.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let ws = Scratch::fixture("core");
    assert_eq!(ws.run(&["check", "--format", "xml"]).code, 2);
    assert_eq!(ws.run(&["sign-off"]).code, 2);
}

/// Regression: `check` panicked (exit 101) on this ordinary sentence. The
/// year-range reading of `12-15` sliced four bytes back from the hyphen,
/// which landed inside the three bytes of `€`.
#[test]
fn euro_range_beside_a_number_does_not_panic() {
    let ws = Scratch::fixture("core");
    let en = ws.read(&format!("{REL}/en.md"));
    let fr = ws.read(&format!("{REL}/fr.md"));
    ws.write(
        &format!("{REL}/en.md"),
        &format!("{en}\nThe fund is worth €12-15 million.\n"),
    );
    ws.write(
        &format!("{REL}/fr.md"),
        &format!("{fr}\nLe fonds vaut de 12 à 15 millions d’euros.\n"),
    );
    let run = ws.run(&["check"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    // The new pair is read and reported as a new, unsigned pair.
    assert!(run.stdout.contains("not-signed-off"), "{}", run.stdout);
    assert!(run.stdout.contains("€12-15 million"), "{}", run.stdout);
}
