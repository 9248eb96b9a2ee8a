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
    // Release arguments may be paths since issue 10, but only to a release
    // of the workspace: a folder leading out of releases/ names what it
    // holds (issue 11), and this one holds no release.
    let ws = Scratch::fixture("core");
    std::fs::create_dir_all(ws.file("other/releases")).unwrap();
    let run = crate::util::bitext(
        &ws.file("other"),
        &["--workspace", "..", "check", "../releases/../other/releases"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("no release and no collection page is under other/releases/"),
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

/// Appends to the boilerplate fixture's English locale a message whose
/// value nests `depth` placeables, and one that nests `depth` selectors.
fn deeply_nested_locale(depth: usize) -> Scratch {
    let ws = Scratch::fixture("boilerplate");
    let path = "locales/en-GB/mod.ftl";
    let mut ftl = ws.read(path);
    ftl.push_str(&format!(
        "\ndeep-placeable = {}\"x\"{}\n",
        "{ ".repeat(depth),
        " }".repeat(depth)
    ));
    ftl.push_str(&format!(
        "deep-select = {}y{}\n",
        "{ $a ->\n *[x] ".repeat(depth),
        "\n}".repeat(depth)
    ));
    ws.write(path, &ftl);
    ws
}

/// Regression: Fluent placeables or selectors nested 5,000 deep overflowed
/// the stack (exit 134) in `check`, `render`, `tmx export` and `publish`.
/// They are refused before parsing, with the position of the first brace
/// too deep.
#[test]
fn fluent_nested_5000_deep_is_refused_with_its_position() {
    let ws = deeply_nested_locale(5000);
    let ftl = ws.read("locales/en-GB/mod.ftl");
    let line = ftl[..ftl.find("deep-placeable").unwrap()].lines().count() + 1;
    for args in [
        &["check"][..],
        &["render", "exercise-channel-shield", "--lang", "en"],
        &["tmx", "export", "--output", "out.tmx"],
        &["publish", "--out", "site"],
    ] {
        let run = ws.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        // `deep-placeable = ` is 17 characters, each `{ ` two more.
        let at = format!(
            "locales/en-GB/mod.ftl:{line}:{}: placeables or selectors nested more than 64 deep",
            17 + 64 * 2 + 1
        );
        assert!(
            run.stderr.contains(&at),
            "{args:?}: expected {at:?} in {}",
            run.stderr
        );
        assert!(!ws.file("out.tmx").exists() && !ws.file("site").exists());
    }
}

/// Nesting up to the limit is fine: real boilerplate is never refused.
#[test]
fn fluent_nested_to_the_limit_still_works() {
    let ws = deeply_nested_locale(64);
    assert_ne!(ws.run(&["check"]).code, 2);
    let run = ws.run(&["render", "exercise-channel-shield", "--lang", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Regression: a paragraph of 100,000 `*`, `x`, 100,000 `*` overflowed the
/// stack (exit 134) in `xliff export` and `tmx export`: the inline codes
/// nested 50,000 deep. Past 32 levels the rest is one code that keeps its
/// bytes, so the export works and the paragraph comes back unchanged.
#[test]
fn emphasis_nested_100000_deep_exports() {
    let ws = Scratch::fixture("core");
    let stars = "*".repeat(100_000);
    let en = ws.read(&format!("{REL}/en.md"));
    ws.write(&format!("{REL}/en.md"), &format!("{en}\n{stars}x{stars}\n"));
    let run = ws.run(&["xliff", "export", "exercise-channel-shield", "-o", "job.xlf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(ws.read("job.xlf").contains("<unit "));
    let run = ws.run(&["tmx", "export", "--output", "out.tmx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = ws.read(&format!("{REL}/fr.md"));
    let run = ws.run(&["xliff", "import", "job.xlf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(ws.read(&format!("{REL}/fr.md")), before);
}

/// Regression: a 50 MB `.ftl` took 3.2–4.0 GB of memory, and a 50 MB lock
/// 1.4 GB. Input files over their limit (16 MiB for documents, 1 MiB for a
/// `.ftl` file, 48 MiB for a lock) are refused, naming the file, before
/// they are parsed.
#[test]
fn input_files_over_16_mib_are_refused() {
    let ws = Scratch::fixture("boilerplate");
    let entry = "notice = Le texte ci-dessous est un avis « officiel ».\n";
    let big = entry.repeat(17 * 1024 * 1024 / entry.len() + 1);
    ws.write("locales/fr-FR/big.ftl", &big);
    let run = ws.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("locales/fr-FR/big.ftl: file is")
            && run.stderr.contains("over the limit of 1048576 bytes"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(ws.file("locales/fr-FR/big.ftl")).unwrap();

    let lock = "releases/exercise-channel-shield/bitext.lock";
    let text = ws.read(lock);
    let padding = "# padding\n".repeat(49 * 1024 * 1024 / 10 + 1);
    ws.write(lock, &format!("{text}{padding}"));
    let before = ws.read(lock);
    let run = ws.run(&["sign-off", "--all"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("{lock}: file is")), "{}", run.stderr);
    assert_eq!(ws.read(lock), before);

    let en = "releases/exercise-channel-shield/en.md";
    ws.write(lock, &text);
    ws.write(en, &"Une phrase.\n\n".repeat(17 * 1024 * 1024 / 13 + 1));
    let run = ws.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("{en}: file is")), "{}", run.stderr);
}

/// Moves a release folder to `archive/` inside the workspace and links it
/// back into `releases/`.
#[cfg(unix)]
fn linked_release(ws: &Scratch, slug: &str) {
    std::fs::create_dir_all(ws.file("archive")).unwrap();
    std::fs::rename(
        ws.file(&format!("releases/{slug}")),
        ws.file(&format!("archive/{slug}")),
    )
    .unwrap();
    std::os::unix::fs::symlink(format!("../archive/{slug}"), ws.file(&format!("releases/{slug}"))).unwrap();
}

/// Regression: a symlinked release folder was skipped silently by `check`,
/// `status` and `publish`. A link inside the workspace is followed.
#[cfg(unix)]
#[test]
fn a_release_folder_linked_inside_the_workspace_is_followed() {
    let ws = Scratch::fixture("core");
    linked_release(&ws, "exercise-channel-shield");
    let run = ws.run(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("3 releases checked"), "{}", run.stdout);
    let run = ws.run(&["status"]);
    assert!(run.stdout.contains("exercise-channel-shield"), "{}", run.stdout);
}

/// Regression: an `en.md` linked to `/etc/passwd` was followed into
/// `render`, XLIFF and the site. A link that leaves the workspace is
/// refused by every command, naming the link and where it leads.
#[cfg(unix)]
#[test]
fn a_document_linked_outside_the_workspace_is_refused() {
    let ws = Scratch::fixture("core");
    let outside = Scratch::empty();
    outside.write("secret.md", "# Secret\n\nroot:x:0:0:root:/root:/bin/bash\n");
    let en = format!("{REL}/en.md");
    std::fs::remove_file(ws.file(&en)).unwrap();
    std::os::unix::fs::symlink(outside.file("secret.md"), ws.file(&en)).unwrap();
    for args in [
        &["check"][..],
        &["render", "exercise-channel-shield", "--lang", "en"],
        &["xliff", "export", "exercise-channel-shield", "-o", "job.xlf"],
        &["publish", "--out", "site"],
    ] {
        let run = ws.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains(&format!("{en}: a symbolic link to"))
                && run.stderr.contains("outside the workspace"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stdout.contains("root:x:0"), "{args:?}");
        assert!(!ws.file("job.xlf").exists() && !ws.file("site").exists());
    }
}

/// A release's files are opened without following links: a document and
/// a sign-off record linked inside the workspace are read through their
/// links, and a document linked outside is refused before any other error
/// of the release (here its missing `release.toml`), as when the folder
/// was searched for links before anything was read.
#[cfg(unix)]
#[test]
fn links_among_a_release_files_are_followed_inside_and_refused_first_outside() {
    let ws = Scratch::fixture("core");
    let unlinked = ws.run(&["status", "exercise-channel-shield"]);
    std::fs::create_dir_all(ws.file("drafts")).unwrap();
    for name in ["fr.md", "bitext.lock"] {
        let file = format!("{REL}/{name}");
        std::fs::rename(ws.file(&file), ws.file(&format!("drafts/{name}"))).unwrap();
        std::os::unix::fs::symlink(format!("../../drafts/{name}"), ws.file(&file)).unwrap();
    }
    let clean = ws.run(&["check", "--no-cache"]);
    assert_eq!(clean.code, 0, "{}{}", clean.stdout, clean.stderr);
    assert!(clean.stdout.contains("3 releases checked"), "{}", clean.stdout);
    let status = ws.run(&["status", "exercise-channel-shield"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert_eq!(status.stdout, unlinked.stdout);

    let outside = Scratch::empty();
    outside.write("secret.md", "# Secret\n\nroot:x:0:0:root:/root:/bin/bash\n");
    let en = format!("{REL}/en.md");
    std::fs::remove_file(ws.file(&en)).unwrap();
    std::os::unix::fs::symlink(outside.file("secret.md"), ws.file(&en)).unwrap();
    std::fs::remove_file(ws.file(&format!("{REL}/release.toml"))).unwrap();
    let run = ws.run(&["check", "--no-cache"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(&format!("{en}: a symbolic link to")),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("root:x:0"));
}

/// A release folder linked to a folder outside the workspace is refused too.
#[cfg(unix)]
#[test]
fn a_release_folder_linked_outside_the_workspace_is_refused() {
    let ws = Scratch::fixture("core");
    let outside = Scratch::empty();
    crate::util::copy_dir(&ws.file(REL), &outside.file("copy"));
    std::os::unix::fs::symlink(outside.file("copy"), ws.file("releases/elsewhere")).unwrap();
    let run = ws.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("releases/elsewhere: a symbolic link to"),
        "{}",
        run.stderr
    );
}

/// The releases folder itself linked: inside the workspace its releases
/// are read as any others; out of it, every release is refused, though no
/// release folder is a link (a release folder is taken to be inside when
/// the releases folder is, which is resolved once per run).
#[cfg(unix)]
#[test]
fn a_linked_releases_folder_is_followed_inside_and_refused_outside() {
    let ws = Scratch::fixture("core");
    std::fs::create_dir_all(ws.file("content")).unwrap();
    std::fs::rename(ws.file("releases"), ws.file("content/releases")).unwrap();
    std::os::unix::fs::symlink("content/releases", ws.file("releases")).unwrap();
    let run = ws.run(&["check", "--no-cache"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("3 releases checked"), "{}", run.stdout);

    let outside = Scratch::empty();
    crate::util::copy_dir(&ws.file("content/releases"), &outside.file("releases"));
    std::fs::remove_file(ws.file("releases")).unwrap();
    std::os::unix::fs::symlink(outside.file("releases"), ws.file("releases")).unwrap();
    let run = ws.run(&["check", "--no-cache"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("releases/") && run.stderr.contains("outside the workspace"),
        "{}",
        run.stderr
    );
}

/// Regression: `check --fix` replaced a symlinked `fr.md` with a regular
/// file. The fix is written to the file the link leads to.
#[cfg(unix)]
#[test]
fn check_fix_keeps_a_symlinked_document_a_link() {
    let ws = Scratch::fixture("checks");
    let fr = "releases/open-day/fr.md";
    std::fs::create_dir_all(ws.file("drafts")).unwrap();
    std::fs::rename(ws.file(fr), ws.file("drafts/open-day.fr.md")).unwrap();
    std::os::unix::fs::symlink("../../drafts/open-day.fr.md", ws.file(fr)).unwrap();
    let run = ws.run(&["check", "--fix"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert!(std::fs::symlink_metadata(ws.file(fr))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(
        !ws.read("drafts/open-day.fr.md")
            .contains("14 mai 2025: inscrivez-vous"),
        "{}",
        ws.read("drafts/open-day.fr.md")
    );
}
