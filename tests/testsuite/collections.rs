//! Collections: existing bilingual sites adopted as they are. Each tree
//! under `tests/fixtures/collections/` is rebuilt from the shared corpus at
//! its upstream paths (`rebuild.py`), one per pairing rule, with the
//! site's licence and the `pairs.tsv` rows it holds.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{copy_dir, fixtures, Scratch};

/// A scratch copy of one collection tree (no bitext.toml yet).
fn tree(name: &str) -> Scratch {
    let scratch = Scratch::empty();
    copy_dir(&fixtures().join("collections").join(name), scratch.path());
    scratch
}

/// The (English, French) paths listed in a tree's `pairs.tsv`.
fn expected_pairs(ws: &Scratch) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = ws
        .read("pairs.tsv")
        .lines()
        .skip(1)
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            (cols[1].to_owned(), cols[2].to_owned())
        })
        .collect();
    pairs.sort();
    pairs
}

/// The (source, target) pairs `status --format json` lists.
fn found_pairs(ws: &Scratch) -> Vec<(String, String)> {
    let run = ws.run(&["status", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    let mut pairs: Vec<(String, String)> = json["collections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["pages"].as_array().unwrap().clone())
        .map(|p| {
            (
                p["source"].as_str().unwrap().to_owned(),
                p["target"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    pairs.sort();
    pairs
}

fn codes(run: &crate::util::Run) -> Vec<String> {
    run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

/// `init` on a tree finds every pair of its `pairs.tsv` by the expected
/// rule, and `check` then runs on every page (exit 1: nothing is signed
/// off yet) with JSON that names the pages.
fn adopt(name: &str, rule: &str) -> Scratch {
    let ws = tree(name);
    let init = ws.run(&["init"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let expected = expected_pairs(&ws);
    assert!(
        init.stdout.contains(&format!(
            "{} pairs, 0 English-only, 0 French-only, by {rule}",
            expected.len()
        )),
        "{}",
        init.stdout
    );
    assert!(ws
        .read("bitext.toml")
        .starts_with("# bitext.toml, written by `bitext init`"));
    assert_eq!(found_pairs(&ws), expected);
    let check = ws.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let json = check.json();
    assert_eq!(json["releases"], expected.len());
    let codes = codes(&check);
    assert!(codes.iter().any(|c| c == "not-signed-off"));
    assert!(
        !codes
            .iter()
            .any(|c| c.ends_with("-document") || c.starts_with("pairing-key")),
        "{codes:?}"
    );
    ws
}

#[test]
fn init_adopts_a_hugo_site_by_same_path() {
    adopt("same-path", "same-path");
}

#[test]
fn init_adopts_a_hugo_blog_by_translation_key() {
    adopt("translation-key", "translationKey");
}

#[test]
fn init_adopts_a_jekyll_blog_by_alt_lang_page() {
    // Two of these posts link to a date that is not their file name's
    // (Jekyll takes the date from the front matter): still paired.
    adopt("alt-lang-page", "altLangPage");
}

#[test]
fn init_adopts_page_md_and_page_fr_md_by_suffix() {
    adopt("suffix", "suffix");
}

#[test]
fn init_pairs_unrelated_names_by_content_for_review() {
    // GC open source guides: `fr/normes-logiciels-libres.md` for
    // `en/open-source-standards.md`, no front-matter key. Only
    // `definitions.md` pairs by path; the rest is matched by content.
    let ws = adopt("content", "same-path");
    let init = ws.read("bitext.toml");
    assert_eq!(init.matches("[[collection.pair]]").count(), 6, "{init}");
    assert!(init.contains(
        "[[collection.pair]]\nsource = \"en/open-source-standards.md\"\ntarget = \"fr/normes-logiciels-libres.md\"\n"
    ));
}

#[test]
fn init_refuses_to_overwrite_and_dry_run_writes_nothing() {
    let ws = tree("same-path");
    let dry = ws.run(&["init", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout
            .contains("[[collection]]\nname = \"content\"\nsource = \"content/en/**/*\""),
        "{}",
        dry.stdout
    );
    assert!(!ws.file("bitext.toml").exists());
    ws.write("bitext.toml", "# mine\n");
    let again = ws.run(&["init"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(ws.read("bitext.toml"), "# mine\n");
}

#[test]
fn a_page_without_translation_is_missing_document_unless_english_only() {
    let ws = adopt("same-path", "same-path");
    std::fs::remove_file(ws.file("content/fr/about.md")).unwrap();
    std::fs::remove_file(ws.file("content/en/privacy.md")).unwrap();
    let check = ws.run(&["check", "--format", "json"]);
    let json = check.json();
    let findings = json["findings"].as_array().unwrap();
    let missing: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] == "missing-document")
        .collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["severity"], "error");
    assert_eq!(missing[0]["source"]["path"], "content/en/about.md");
    let orphan: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] == "orphan-document")
        .collect();
    assert_eq!(orphan.len(), 1);
    assert_eq!(orphan[0]["target"]["path"], "content/fr/privacy.md");

    // Listed as English-only on purpose: no finding; configurable level.
    let config = ws
        .read("bitext.toml")
        .replace("# english-only = []", "english-only = [\"content/en/about.md\"]");
    ws.write(
        "bitext.toml",
        &(config + "\n[checks]\norphan-document = \"error\"\n"),
    );
    let check = ws.run(&["check", "--format", "json"]);
    let json = check.json();
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.iter().any(|f| f["code"] == "missing-document"));
    assert!(findings
        .iter()
        .any(|f| f["code"] == "orphan-document" && f["severity"] == "error"));
}

#[test]
fn a_translation_key_claimed_twice_names_both_files() {
    let ws = adopt("translation-key", "translationKey");
    let other = "content/fr/blog/posts/Le-SNC-accueille-son-premier-dirigeant-principal.md";
    let text = ws.read(other);
    let key_line = text
        .lines()
        .find(|l| l.starts_with("translationKey:"))
        .unwrap()
        .to_owned();
    let copy = "content/fr/blog/posts/copie.md";
    ws.write(copy, &text);
    let check = ws.run(&["check"]);
    assert_eq!(check.code, 1);
    let line = check
        .stdout
        .lines()
        .find(|l| l.contains("pairing-key-conflict"))
        .unwrap_or_else(|| panic!("{}", check.stdout));
    assert!(line.contains(other) && line.contains(copy), "{line}");
    assert!(check.stdout.contains(&key_line));
}

#[test]
fn bad_collection_config_is_an_error_with_its_line() {
    let ws = tree("same-path");
    ws.write(
        "bitext.toml",
        "[languages]\nsource = \"en\"\ntarget = \"fr\"\n\n[[collection]]\nname = \"site\"\nsource = \"content/en/**/*\"\ntarget = \"content/fr/**/*\"\npairng = \"same-path\"\n",
    );
    let run = ws.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bitext.toml:9:1"), "{}", run.stderr);
    assert!(run.stderr.contains("pairng"), "{}", run.stderr);
}

#[test]
fn every_command_takes_a_page_by_its_source_path() {
    let ws = adopt("same-path", "same-path");
    let page = "content/en/about.md";
    let sign = ws.run(&["sign-off", page]);
    assert_eq!(sign.code, 0, "{}{}", sign.stdout, sign.stderr);
    // The record mirrors the source path; the pages are untouched.
    assert!(ws.file(".bitext/lock/content/en/about.md.lock").is_file());
    assert!(ws.file(".bitext/lock/content/en/about.md.pair.toml").is_file());
    let check = ws.run(&["check", "--format", "json", page]);
    assert_eq!(check.json()["releases"], 1);
    assert!(
        !codes(&check).iter().any(|c| c == "not-signed-off"),
        "{}",
        check.stdout
    );

    ws.edit(
        page,
        "Let's Encrypt is a free",
        "Let's Encrypt is a free and open",
    );
    let diff = ws.run(&["diff", page]);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    assert!(diff.stdout.contains("and open"), "{}", diff.stdout);
    let align = ws.run(&["align", page]);
    assert_eq!(align.code, 0, "{}", align.stderr);
    let xliff = ws.run(&["xliff", "export", "--output", "about.xlf", page]);
    assert_eq!(xliff.code, 0, "{}", xliff.stderr);
    assert!(ws.read("about.xlf").contains("content/en/about.md"));
    let french = ws.read("content/fr/about.md");
    let import = ws.run(&["xliff", "import", "about.xlf"]);
    assert_eq!(import.code, 0, "{}{}", import.stdout, import.stderr);
    assert_eq!(ws.read("content/fr/about.md"), french);
    let tmx = ws.run(&["tmx", "export", "--output", "site.tmx"]);
    assert_eq!(tmx.code, 0, "{}", tmx.stderr);
    assert!(ws.read("site.tmx").contains("<tu"));
}

#[test]
fn a_moved_page_keeps_its_sign_off_when_its_key_is_unchanged() {
    let ws = adopt("translation-key", "translationKey");
    let page = "content/en/blog/posts/always-a-challenge.md";
    assert_eq!(ws.run(&["sign-off", "--force", page]).code, 0);
    let moved = "content/en/blog/posts/2019/always-a-challenge.md";
    std::fs::create_dir_all(ws.file("content/en/blog/posts/2019")).unwrap();
    std::fs::rename(ws.file(page), ws.file(moved)).unwrap();
    let check = ws.run(&["check", "--format", "json", moved]);
    assert!(
        !codes(&check).iter().any(|c| c == "not-signed-off"),
        "{}",
        check.stdout
    );
    assert_eq!(ws.run(&["sign-off", "--force", moved]).code, 0);
    assert!(ws.file(&format!(".bitext/lock/{moved}.lock")).is_file());
    assert!(!ws.file(&format!(".bitext/lock/{page}.lock")).exists());
}

pub(crate) fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
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
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn baseline_from_git_reports_exactly_the_edited_paragraphs() {
    let ws = Scratch::empty();
    let cases = fixtures().join("collections/history");
    let mut expected = Vec::new();
    let mut pages = Vec::new();
    // Picking-our-projects had no translationKey yet: the pairs are listed.
    let mut pairs = String::new();
    for case in [
        "canadians-complete-taxes-0ba99009",
        "picking-our-projects-eb78a0cc",
    ] {
        let meta = std::fs::read_to_string(cases.join(case).join("meta.toml")).unwrap();
        let path = |key: &str| {
            let line = meta.lines().find(|l| l.starts_with(key)).unwrap();
            line.split('"').nth(1).unwrap().to_owned()
        };
        let (en, fr) = (path("upstream_en_path"), path("upstream_fr_path"));
        let read = |name: &str| std::fs::read_to_string(cases.join(case).join(name)).unwrap();
        ws.write(&en, &read("en.old.md"));
        ws.write(&fr, &read("fr.md"));
        pages.push((en.clone(), read("en.new.md")));
        pairs.push_str(&format!(
            "\n[[collection.pair]]\nsource = \"{en}\"\ntarget = \"{fr}\"\n"
        ));
        // The one paragraph each upstream edit reworded, as it was.
        let old = read("en.old.md");
        let new = read("en.new.md");
        let changed: Vec<&str> = old
            .split("\n\n")
            .filter(|p| !p.starts_with("---") && !new.contains(*p))
            .collect();
        assert_eq!(changed.len(), 1, "{case}");
        expected.push(changed[0].trim().to_owned());
    }
    ws.write(
        "bitext.toml",
        &format!("[languages]\nsource = \"en-CA\"\ntarget = \"fr-CA\"\n\n[[collection]]\nname = \"blog\"\nsource = \"content/en/**/*\"\ntarget = \"content/fr/**/*\"\n{pairs}"),
    );
    git(ws.path(), &["init", "-q"]);
    git(ws.path(), &["add", "."]);
    git(ws.path(), &["commit", "-q", "-m", "English and French"]);
    for (en, text) in &pages {
        ws.write(en, text);
    }
    git(ws.path(), &["commit", "-q", "-am", "English edited"]);

    let sign = ws.run(&["sign-off", "--all", "--baseline-from-git"]);
    assert_eq!(sign.code, 0, "{}{}", sign.stdout, sign.stderr);
    assert_eq!(
        sign.stdout
            .matches("(the French page's last commit), inferred")
            .count(),
        2,
        "{}",
        sign.stdout
    );
    let record = ws.read(&format!(".bitext/lock/{}.pair.toml", pages[0].0));
    assert!(
        record.contains("inferred = true") && record.contains("commit = "),
        "{record}"
    );

    let check = ws.run(&["check", "--format", "json"]);
    let json = check.json();
    let drifted: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "source-drifted")
        .collect();
    let mut before: Vec<String> = drifted
        .iter()
        .map(|f| f["source_before"].as_str().unwrap().to_owned())
        .collect();
    before.sort();
    expected.sort();
    assert_eq!(before.len(), 2, "{}", check.stdout);
    for (found, want) in before.iter().zip(&expected) {
        // The lock keeps the normalised text (markup stripped): compare words.
        let words = |s: &str| {
            s.split_whitespace()
                .filter(|w| w.chars().all(char::is_alphabetic))
                .count()
        };
        assert!(words(found) * 10 >= words(want) * 9, "{found}\n{want}");
    }
    assert!(before.iter().any(|b| b.contains("low-income Canadians")));
    assert!(before.iter().any(|b| b.contains("handy list of questions")));
}

#[test]
fn baseline_outside_git_is_the_current_state_with_a_message() {
    let ws = adopt("suffix", "suffix");
    let run = ws.run(&["sign-off", "--all", "--baseline-from-git"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("the current state, inferred (not a git repository)"),
        "{}",
        run.stdout
    );
    let check = ws.run(&["check", "--format", "json"]);
    assert!(!codes(&check)
        .iter()
        .any(|c| c == "not-signed-off" || c == "source-drifted"));
}

/// Issue 11: `check content/en/abuot.md` used to say "unsafe release folder
/// name"; a path that names nothing says so and suggests the nearest page.
#[test]
fn a_misspelt_page_path_names_the_nearest_page() {
    let ws = adopt("same-path", "same-path");
    for command in ["check", "diff", "status", "sign-off"] {
        let run = ws.run(&[command, "content/en/privacyy.md"]);
        assert_eq!(run.code, 2, "{command}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains(
                "no collection document or release has the path \"content/en/privacyy.md\"; did you mean content/en/privacy.md?"
            ),
            "{command}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("unsafe"), "{}", run.stderr);
    }
    // A French page is named by its English page.
    let run = ws.run(&["diff", "content/fr/privacy.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean content/en/privacy.md?"),
        "{}",
        run.stderr
    );
    // From elsewhere, with --workspace, the name goes through the lookup.
    let run = crate::util::bitext(
        Path::new("/"),
        &[
            "check",
            "--workspace",
            ws.path().to_str().unwrap(),
            "content/en/privacyy.md",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean content/en/privacy.md?"),
        "{}",
        run.stderr
    );
}

/// The symbolic-link rule of releases (docs/security.md) holds for pages:
/// a page linked to a file inside the workspace is followed, one linked
/// out of it is refused with its path, and nothing is written.
#[cfg(unix)]
#[test]
fn a_page_linked_outside_the_workspace_is_refused_and_one_inside_is_followed() {
    let ws = adopt("same-path", "same-path");
    // Inside: the French page is a link to a copy kept elsewhere in the tree.
    std::fs::create_dir_all(ws.file("shared")).unwrap();
    std::fs::rename(ws.file("content/fr/privacy.md"), ws.file("shared/privacy.fr.md")).unwrap();
    std::os::unix::fs::symlink(ws.file("shared/privacy.fr.md"), ws.file("content/fr/privacy.md")).unwrap();
    let run = ws.run(&["check", "--format", "json", "content/en/privacy.md"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.json()["releases"], 1);
    assert!(found_pairs(&ws).contains(&("content/en/privacy.md".into(), "content/fr/privacy.md".into())));

    // Outside: a page linked to a file out of the workspace.
    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(ws.file("content/en/privacy.md"), outside.path().join("page.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("page.md"), ws.file("content/en/elsewhere.md")).unwrap();
    for args in [
        &["check"][..],
        &["sign-off", "--all", "--force"][..],
        &["status"][..],
    ] {
        let run = ws.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.contains("content/en/elsewhere.md: a symbolic link to")
                && run.stderr.contains("outside the workspace"),
            "{}",
            run.stderr
        );
    }
    assert!(!ws.file(".bitext").exists(), "a run that exits 2 writes nothing");
}

/// The record and the lock of a page are written all or nothing: when the
/// record cannot be written (here a folder stands where it goes, which
/// stops root as well as anyone), the lock is left as it was.
#[test]
fn a_failed_record_write_leaves_the_lock_unchanged() {
    let ws = adopt("same-path", "same-path");
    let page = "content/en/privacy.md";
    assert_eq!(ws.run(&["sign-off", "--force", page]).code, 0);
    let lock = format!(".bitext/lock/{page}.lock");
    let record = format!(".bitext/lock/{page}.pair.toml");
    let before = ws.read(&lock);
    std::fs::remove_file(ws.file(&record)).unwrap();
    std::fs::create_dir_all(ws.file(&format!("{record}/in-the-way"))).unwrap();
    // Something new to sign off: the French page gains a paragraph.
    let mut french = ws.read("content/fr/privacy.md");
    french.push_str("\nUn paragraphe ajouté à la fin de la page.\n");
    ws.write("content/fr/privacy.md", &french);
    let run = ws.run(&["sign-off", "--force", page]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains(".pair.toml"), "{}", run.stderr);
    assert_eq!(ws.read(&lock), before);
    // Once the way is clear, both are written.
    std::fs::remove_dir_all(ws.file(&record)).unwrap();
    assert_eq!(ws.run(&["sign-off", "--force", page]).code, 0);
    assert_ne!(ws.read(&lock), before);
    assert!(ws.read(&record).contains("collection = "));
}

/// One real upstream edit: a folder with `en.old.EXT`, `en.new.EXT` and
/// `fr.EXT`, and the paths its pages take in the test site.
pub(crate) struct HistoryCase {
    pub dir: PathBuf,
    pub ext: &'static str,
    pub en: String,
    pub fr: String,
}

/// How the `source-drifted` findings compare with the blocks that really
/// changed (old English blocks not among the new ones).
pub(crate) struct Score {
    pub cases: usize,
    pub truth: usize,
    pub reported: usize,
    pub right: usize,
    pub found: usize,
    pub missed: Vec<(String, String)>,
    pub wrong: Vec<(String, String)>,
}

impl Score {
    pub fn precision(&self) -> f64 {
        self.right as f64 / self.reported.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.truth.max(1) as f64
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} cases, {} changed blocks, {} reported source-drifted ({} right), {} found: precision {:.3}, recall {:.3}; missed {:?}; wrong {:?}",
            self.cases,
            self.truth,
            self.reported,
            self.right,
            self.found,
            self.precision(),
            self.recall(),
            self.missed,
            self.wrong
        )
    }
}

/// `items` less one occurrence of each of `other`'s (multiset difference).
fn without<T: PartialEq + Clone>(items: Vec<T>, other: &[T]) -> Vec<T> {
    let mut other = other.to_vec();
    items
        .into_iter()
        .filter(|item| match other.iter().position(|o| o == item) {
            Some(at) => {
                other.swap_remove(at);
                false
            }
            None => true,
        })
        .collect()
}

/// The blocks of a page, as its format's reader segments them.
fn blocks(path: &Path, ext: &str) -> Vec<String> {
    use bitext::document::{source::SourceFile, Document};
    let name = PathBuf::from(format!("page.{ext}"));
    let file = SourceFile::from_bytes(&name, std::fs::read(path).unwrap()).unwrap();
    Document::new(file)
        .segments()
        .iter()
        .map(|s| s.text.clone())
        .collect()
}

/// Replays real edits through git and the binary: the old English and
/// the French committed, then the new English; `sign-off --all
/// --baseline-from-git`, then `check`. `config` is the `bitext.toml` to
/// use; without it `bitext init` writes one.
pub(crate) fn replay_from_git(cases: &[HistoryCase], config: Option<&str>) -> Score {
    let ws = Scratch::empty();
    let mut truth = Vec::new();
    for case in cases {
        let file = |name: &str| case.dir.join(format!("{name}.{}", case.ext));
        for (from, to) in [(file("en.old"), &case.en), (file("fr"), &case.fr)] {
            let to = ws.file(to);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(from, to).unwrap();
        }
        let changed = without(
            blocks(&file("en.old"), case.ext),
            &blocks(&file("en.new"), case.ext),
        );
        truth.extend(changed.into_iter().map(|block| (case.en.clone(), block)));
    }
    match config {
        Some(config) => ws.write("bitext.toml", config),
        None => assert_eq!(ws.run(&["init"]).code, 0),
    }
    git(ws.path(), &["init", "-q"]);
    git(ws.path(), &["add", "."]);
    git(ws.path(), &["commit", "-q", "-m", "English and French"]);
    for case in cases {
        std::fs::copy(case.dir.join(format!("en.new.{}", case.ext)), ws.file(&case.en)).unwrap();
    }
    git(ws.path(), &["commit", "-q", "-am", "English edited"]);
    let sign = ws.run(&["sign-off", "--all", "--baseline-from-git"]);
    assert_eq!(sign.code, 0, "{}{}", sign.stdout, sign.stderr);
    let check = ws.run(&["check", "--format", "json"]);
    assert_ne!(check.code, 2, "{}", check.stderr);
    let reported: Vec<(String, String)> = check.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "source-drifted")
        .map(|f| {
            (
                f["release"].as_str().unwrap().to_owned(),
                f["source_before"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    // A finding on paragraphs paired 2-1 holds them joined by a blank
    // line: it is right when one of them really changed, and finds each.
    let mut missed = truth.clone();
    let mut wrong = Vec::new();
    for (page, before) in &reported {
        let parts: Vec<(String, String)> = before
            .split("\n\n")
            .map(|part| (page.clone(), part.to_owned()))
            .collect();
        let left = without(missed.clone(), &parts);
        if left.len() == missed.len() {
            wrong.push((page.clone(), before.clone()));
        }
        missed = left;
    }
    Score {
        cases: cases.len(),
        truth: truth.len(),
        reported: reported.len(),
        right: reported.len() - wrong.len(),
        found: truth.len() - missed.len(),
        missed,
        wrong,
    }
}

/// The same replay on the twenty real Markdown edits of
/// `tests/corpus-history/` whose French matches the old English.
#[test]
fn baseline_from_git_on_real_markdown_edits_reports_the_changed_paragraphs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus-history");
    let mut cases = Vec::new();
    for site in std::fs::read_dir(&root).unwrap() {
        let site = site.unwrap().path();
        if !site.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&site).unwrap() {
            let dir = case.unwrap().path();
            if !dir.join("meta.toml").is_file() {
                continue;
            }
            let name = format!(
                "{}--{}.md",
                site.file_name().unwrap().to_string_lossy(),
                dir.file_name().unwrap().to_string_lossy()
            );
            cases.push(HistoryCase {
                dir,
                ext: "md",
                en: format!("en/{name}"),
                fr: format!("fr/{name}"),
            });
        }
    }
    cases.sort_by(|a, b| a.en.cmp(&b.en));
    let config = "[languages]\nsource = \"en-CA\"\ntarget = \"fr-CA\"\n\n[[collection]]\nname = \"history\"\nsource = \"en/**/*\"\ntarget = \"fr/**/*\"\n";
    let score = replay_from_git(&cases, Some(config));
    eprintln!("Markdown history: {score}");
    // Measured: 74 old paragraphs changed or removed, 46 reported (all
    // right, three of them 2-1 merges), 47 found: precision 1, recall
    // 0.635. The misses are mostly paragraphs removed outright (whole
    // sections of two letsencrypt pages), whose French is reported as
    // `missing-source`, not as drift.
    assert_eq!(cases.len(), 20);
    assert!(score.precision() >= 0.95, "{score}");
    assert!(score.recall() >= 0.6, "{score}");
}
