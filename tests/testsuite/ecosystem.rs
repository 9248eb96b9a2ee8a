//! bitext among the tools people use: release arguments as paths (what
//! shells, pre-commit and editors pass), `check --changed-since` in a git
//! repository, `--quiet` and `--min-severity`, shell completions and the
//! man page.

use std::path::Path;
use std::process::Command;

use crate::util::Scratch;

const SLUG: &str = "uk-france-military-chiefs-meeting";
const EN: &str = "releases/uk-france-military-chiefs-meeting/en.md";
const FR: &str = "releases/uk-france-military-chiefs-meeting/fr.md";

fn checked(ws: &Scratch, args: &[&str]) -> u64 {
    let run = ws.run(args);
    assert_ne!(run.code, 2, "{}", run.stderr);
    run.json()["releases"].as_u64().unwrap()
}

#[test]
fn a_release_is_named_by_its_folder_a_file_in_it_or_dot() {
    let ws = Scratch::fixture("core");
    for arg in [
        SLUG,
        "releases/uk-france-military-chiefs-meeting",
        "releases/uk-france-military-chiefs-meeting/",
        FR,
        EN,
    ] {
        assert_eq!(checked(&ws, &["check", "--format", "json", arg]), 1, "{arg}");
    }
    let inside = crate::util::bitext(
        &ws.file("releases/uk-france-military-chiefs-meeting"),
        &["status", "."],
    );
    assert_eq!(inside.code, 0, "{}", inside.stderr);
    assert!(inside.stdout.contains(SLUG), "{}", inside.stdout);
    assert_eq!(inside.stdout.lines().count(), 2, "{}", inside.stdout);
    // Two files of one release are one release.
    assert_eq!(checked(&ws, &["check", "--format", "json", EN, FR]), 2);
    for command in [&["diff", FR][..], &["align", FR], &["render", EN, "--lang", "fr"]] {
        let run = ws.run(command);
        assert_eq!(run.code, 0, "{command:?}: {}", run.stderr);
    }
}

#[test]
fn an_unknown_release_suggests_the_nearest() {
    let ws = Scratch::fixture("core");
    let run = ws.run(&["check", "uk-france-military-chief-meeting"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("no release named \"uk-france-military-chief-meeting\" in releases; did you mean uk-france-military-chiefs-meeting?"),
        "{}",
        run.stderr
    );
    let far = ws.run(&["check", "budget"]);
    assert_eq!(far.code, 2);
    assert!(!far.stderr.contains("did you mean"), "{}", far.stderr);
}

#[test]
fn a_path_outside_every_release_is_refused_by_name() {
    let ws = Scratch::fixture("core");
    let run = ws.run(&["check", "bitext.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("bitext.toml is not inside a release folder of releases"),
        "{}",
        run.stderr
    );
    let missing = ws.run(&["check", "releases/nope/fr.md"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("releases/nope/fr.md"),
        "{}",
        missing.stderr
    );
}

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn repo(fixture: &str) -> Scratch {
    let ws = Scratch::fixture(fixture);
    git(ws.path(), &["init", "-q"]);
    git(ws.path(), &["add", "."]);
    git(ws.path(), &["commit", "-q", "-m", "first"]);
    ws
}

#[test]
fn changed_since_checks_only_the_releases_changed_in_git() {
    let ws = repo("core");
    ws.edit(FR, "troisième", "quatrième");
    git(ws.path(), &["commit", "-q", "-am", "edit the French"]);
    let run = ws.run(&["check", "--format", "json", "--changed-since", "HEAD~1"]);
    assert_eq!(run.json()["releases"], 1, "{}", run.stdout);
    assert!(run.stdout.contains("target-edited"), "{}", run.stdout);
    // Uncommitted edits and new files count too.
    ws.edit("releases/cadet-units-state-schools/en.md", "cadet", "Cadet");
    assert_eq!(
        checked(&ws, &["check", "--format", "json", "--changed-since", "HEAD~1"]),
        2
    );
    // Nothing changed since HEAD in a clean tree: nothing to check.
    git(ws.path(), &["commit", "-q", "-am", "edit the English"]);
    let none = ws.run(&["check", "--changed-since", "HEAD"]);
    assert_eq!(none.code, 0, "{}", none.stderr);
    assert!(
        none.stderr.contains("no release changed since HEAD"),
        "{}",
        none.stderr
    );
}

#[test]
fn changed_since_includes_the_releases_using_changed_boilerplate() {
    let ws = repo("boilerplate");
    ws.edit(
        "locales/en-GB/mod.ftl",
        "notes-to-editors = Notes to editors",
        "notes-to-editors = Notes for editors",
    );
    assert_eq!(
        checked(&ws, &["check", "--format", "json", "--changed-since", "HEAD"]),
        3
    );
}

#[test]
fn changed_since_outside_git_is_a_clear_error() {
    let ws = Scratch::fixture("core");
    let run = ws.run(&["check", "--changed-since", "HEAD~1"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("could not list the files changed since HEAD~1 with git"),
        "{}",
        run.stderr
    );
}

/// A release with an error (an English paragraph not translated) and a
/// warning (a missing no-break space in the French).
fn error_and_warning() -> Scratch {
    let ws = Scratch::fixture("core");
    ws.edit(
        EN,
        "The UK Is also set",
        "Officials confirmed that a further 1,200 personnel will join the planning cell at Northwood in April.\n\nThe UK Is also set",
    );
    // No space at all before `:` is a warning (one ordinary space is
    // only `french-space-kind`, info, since issue 13).
    ws.edit(FR, "\u{a0}:", ":");
    ws
}

#[test]
fn min_severity_filters_every_format() {
    let ws = error_and_warning();
    let all = ws.run(&["check", "--format", "json"]);
    let severities = |run: &crate::util::Run| -> Vec<String> {
        run.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["severity"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(severities(&all).contains(&"warning".to_owned()), "{}", all.stdout);
    let errors = ws.run(&["check", "--format", "json", "--min-severity", "error"]);
    assert_eq!(errors.code, 1);
    assert!(!severities(&errors).is_empty());
    assert!(
        severities(&errors).iter().all(|s| s == "error"),
        "{}",
        errors.stdout
    );
    let github = ws.run(&["check", "--format", "github", "--min-severity", "error"]);
    assert!(github.stdout.contains("::error"), "{}", github.stdout);
    assert!(!github.stdout.contains("::warning"), "{}", github.stdout);
    let sarif = ws.run(&["check", "--format", "sarif", "--min-severity", "error"]);
    let results = sarif.json()["runs"][0]["results"].as_array().unwrap().clone();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["level"] == "error"), "{}", sarif.stdout);
    let junit = ws.run(&["check", "--format", "junit", "--min-severity", "warning"]);
    assert!(junit.stdout.contains("french-spacing"), "{}", junit.stdout);
}

#[test]
fn quiet_prints_errors_only() {
    let ws = error_and_warning();
    let loud = ws.run(&["check"]);
    assert!(loud.stdout.contains("french-spacing"), "{}", loud.stdout);
    let quiet = ws.run(&["check", "--quiet"]);
    assert_eq!(quiet.code, 1);
    assert!(quiet.stdout.contains("missing-translation"), "{}", quiet.stdout);
    assert!(!quiet.stdout.contains("french-spacing"), "{}", quiet.stdout);
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
}

#[test]
fn no_progress_bar_when_piped() {
    let ws = Scratch::fixture("core");
    let run = ws.run_env(&[("CI", "")], &["check"]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn completions_are_generated_for_each_shell_outside_a_workspace() {
    let nowhere = Scratch::empty();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = nowhere.run(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for word in [
            "check",
            "sign-off",
            "changed-since",
            "min-severity",
            "completions",
        ] {
            assert!(run.stdout.contains(word), "{shell} completion lacks {word}");
        }
    }
    let bash = nowhere.run(&["completions", "bash"]);
    nowhere.write("bitext.bash", &bash.stdout);
    let syntax = Command::new("bash")
        .arg("-n")
        .arg(nowhere.file("bitext.bash"))
        .output()
        .expect("bash runs");
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );
    // Sourced, it registers a completion function for bitext.
    let sourced = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {} && complete -p bitext",
            nowhere.file("bitext.bash").display()
        ))
        .output()
        .expect("bash runs");
    assert!(
        String::from_utf8_lossy(&sourced.stdout).contains("_bitext"),
        "{}",
        String::from_utf8_lossy(&sourced.stderr)
    );
    let bad = nowhere.run(&["completions", "tcsh"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn the_man_page_is_generated_outside_a_workspace() {
    let nowhere = Scratch::empty();
    let run = nowhere.run(&["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(".TH bitext 1"), "{}", run.stdout);
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(run.stdout.contains(section), "man page lacks {section}");
    }
    for command in ["check", "sign\\-off", "publish", "completions"] {
        assert!(
            run.stdout.contains(&format!("bitext\\-{command}")),
            "man page lacks {command}"
        );
    }
    // groff, where installed, reads it without a warning.
    nowhere.write("bitext.1", &run.stdout);
    if let Ok(groff) = Command::new("groff")
        .args(["-man", "-z", "-ww"])
        .arg(nowhere.file("bitext.1"))
        .output()
    {
        assert!(
            groff.status.success() && groff.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&groff.stderr)
        );
    }
}

/// The pages `man --out DIR` wrote, by file name, with their text.
fn man_pages(ws: &Scratch, dir: &str) -> std::collections::BTreeMap<String, String> {
    std::fs::read_dir(ws.file(dir))
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(entry.path()).unwrap())
        })
        .collect()
}

#[test]
fn man_out_writes_one_page_per_command_as_git_and_cargo_ship_them() {
    let ws = Scratch::empty();
    let run = ws.run(&["man", "--out", "share/man/man1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "wrote 17 man pages to share/man/man1\n");
    let pages = man_pages(&ws, "share/man/man1");
    // The top page is the one `bitext man` prints.
    assert_eq!(pages["bitext.1"], ws.run(&["man"]).stdout);
    // Every command the top page lists has its page, and so has every
    // nested command; each page is titled with its own name.
    let listed: Vec<&str> = pages["bitext.1"]
        .lines()
        .filter_map(|l| l.strip_prefix("bitext\\-")?.strip_suffix("(1)"))
        .collect();
    assert!(listed.len() >= 12 && listed.contains(&"sign\\-off"), "{listed:?}");
    for name in listed
        .iter()
        .map(|c| c.replace("\\-", "-"))
        .chain(["xliff-export", "xliff-import", "tmx-export"].map(String::from))
    {
        let file = format!("bitext-{name}.1");
        let page = pages.get(&file).unwrap_or_else(|| panic!("no {file}"));
        assert!(
            page.contains(&format!(".TH bitext-{name} 1  \"bitext ")),
            "{file}"
        );
        assert!(page.contains(".SH SYNOPSIS"), "{file}");
    }
    assert!(pages["bitext-check.1"].contains("\\-\\-changed\\-since"));
    assert!(!pages.contains_key("bitext-help.1"));
    assert_eq!(pages.len(), 17);
    // groff, where installed, reads every page without a warning.
    for file in pages.keys() {
        if let Ok(groff) = Command::new("groff")
            .args(["-man", "-z", "-ww"])
            .arg(ws.file(&format!("share/man/man1/{file}")))
            .output()
        {
            assert!(groff.status.success() && groff.stderr.is_empty(), "{file}");
        }
    }
    // Running it again replaces its own pages.
    let again = ws.run(&["man", "--out", "share/man/man1"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(man_pages(&ws, "share/man/man1"), pages);
}

/// bitext replaces only what it wrote: a page of the same name that is not
/// bitext's stops the run before any page is written.
#[test]
fn man_out_refuses_a_page_it_did_not_write_and_writes_none() {
    let ws = Scratch::empty();
    ws.write("man/bitext-diff.1", ".TH bitext-diff 8 \"someone else's\"\n");
    ws.write("man/bitext.1", "a note\n");
    let run = ws.run(&["man", "--out", "man"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "bitext: man/bitext.1: not a man page bitext wrote; bitext replaces only its own pages (move this file away or choose another folder)\n"
    );
    let pages = man_pages(&ws, "man");
    assert_eq!(pages.len(), 2, "{:?}", pages.keys());
    assert_eq!(pages["bitext.1"], "a note\n");

    ws.write("not-a-folder", "");
    let run = ws.run(&["--ui-lang", "fr", "man", "--out", "not-a-folder"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "bitext: not-a-folder n’est pas un dossier\n");
}

#[test]
fn a_folder_names_every_release_and_page_under_it() {
    let ws = Scratch::fixture("core");
    for arg in [".", "releases", "releases/", "./releases"] {
        assert_eq!(checked(&ws, &["check", "--format", "json", arg]), 3, "{arg}");
    }
    let from_inside = crate::util::bitext(&ws.file("releases"), &["status", "."]);
    assert_eq!(from_inside.code, 0, "{}", from_inside.stderr);
    assert_eq!(from_inside.stdout.lines().count(), 4, "{}", from_inside.stdout);
    // A command that takes one release needs a folder holding one.
    let diff = ws.run(&["diff", "releases"]);
    assert_eq!(diff.code, 2);
    assert!(
        diff.stderr
            .contains("releases/ holds 3 releases and pages; name one of them"),
        "{}",
        diff.stderr
    );
    std::fs::create_dir(ws.file("notes")).unwrap();
    let empty = ws.run(&["check", "notes"]);
    assert_eq!(empty.code, 2);
    assert!(
        empty
            .stderr
            .contains("no release and no collection page is under notes/"),
        "{}",
        empty.stderr
    );

    // In an adopted site, a language folder names its pages.
    let site = Scratch::fixture("collections/same-path");
    let init = site.run(&["init"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let everything = checked(&site, &["check", "--format", "json", "."]);
    assert_eq!(everything, checked(&site, &["check", "--format", "json"]));
    assert_eq!(
        everything,
        checked(&site, &["check", "--format", "json", "content/fr"])
    );
    let docs = std::fs::read_dir(site.file("content/en/docs")).unwrap().count() as u64;
    assert_eq!(
        checked(&site, &["check", "--format", "json", "content/en/docs"]),
        docs
    );
    assert!(docs > 0 && docs < everything);
}
