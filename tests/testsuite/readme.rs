//! The example output of the README and of `docs/*.md` cannot go stale:
//! every ```` ```console ```` block preceded by
//! `<!-- readme-example: KIND -->` is run here, command by command, and its
//! output compared with the real binary's. `KIND` is the folder the block
//! runs in, a fresh scratch copy each time: `sample` (this repository's
//! sample workspace), `empty` (an empty folder), `fixture:NAME` (the
//! fixture `tests/fixtures/NAME`, e.g. `fixture:publish`) or `cmd:NAME` (the
//! workspace `tests/cmd/workspaces/NAME` of the command-line snapshots).
//!
//! `$ bitext ARGS` lines run the binary; other `$ …` lines (edits with
//! `sed`, `LANG=… bitext`, pipes) run in `sh`, with this build's `bitext`
//! first on the `PATH`. Output is standard output then standard error for
//! a plain `bitext` line, both interleaved for an `sh` line; the scratch
//! folder's path reads `.`. `BITEXT_BLESS=1` rewrites the blocks (then
//! review the diff and commit).

use std::path::Path;
use std::process::Command;

use crate::util::{bitext, copy_dir, Scratch};

const MARKER: &str = "<!-- readme-example: ";

/// Splits a command line on spaces, keeping "double-quoted" words whole.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            _ => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

fn workspace(kind: &str) -> Scratch {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = Scratch::empty();
    match kind {
        "sample" => {
            for file in ["bitext.toml", "glossary.toml"] {
                std::fs::copy(root.join(file), scratch.file(file)).unwrap();
            }
            for dir in ["releases", "locales"] {
                copy_dir(&root.join(dir), &scratch.file(dir));
            }
        }
        "empty" => {}
        other if other.starts_with("fixture:") => {
            let name = &other["fixture:".len()..];
            copy_dir(&root.join("tests/fixtures").join(name), scratch.path());
        }
        other if other.starts_with("cmd:") => {
            let name = &other["cmd:".len()..];
            copy_dir(&root.join("tests/cmd/workspaces").join(name), scratch.path());
        }
        other => panic!("README: unknown example workspace {other:?}"),
    }
    scratch
}

/// Runs the commands of one block and returns the block as it should read.
fn run_block(kind: &str, block: &[&str]) -> Vec<String> {
    let ws = workspace(kind);
    let mut out = Vec::new();
    for line in block.iter().filter(|l| l.starts_with("$ ")) {
        out.push((*line).to_owned());
        let command = &line[2..];
        let plain = !command.contains(['|', '>', '<', ';', '&', '$', '\'']);
        let text = if let Some(args) = command.strip_prefix("bitext ").filter(|_| plain) {
            let args = words(args);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = bitext(ws.path(), &args);
            format!("{}{}", run.stdout, run.stderr)
        } else {
            let bin = Path::new(env!("CARGO_BIN_EXE_bitext")).parent().unwrap();
            let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(std::env::split_paths(
                &std::env::var_os("PATH").unwrap_or_default(),
            )))
            .unwrap();
            let output = Command::new("sh")
                .arg("-c")
                .arg(format!("exec 2>&1\n{command}"))
                .current_dir(ws.path())
                .env("PATH", path)
                .env("NO_COLOR", "1")
                .env_remove("LANG")
                .env_remove("LC_ALL")
                .env_remove("LC_MESSAGES")
                .output()
                .expect("sh runs");
            String::from_utf8_lossy(&output.stdout).into_owned()
        };
        let text = text.replace(&ws.path().display().to_string(), ".");
        out.extend(text.lines().map(|l| l.trim_end().to_owned()));
    }
    out
}

/// Checks (or, blessing, rewrites) the marked blocks of one page; returns
/// how many there were and a description of each stale one.
fn check_page(path: &Path, bless: bool) -> (usize, Vec<String>) {
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    let page = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = page.lines().collect();
    let mut rewritten: Vec<String> = Vec::new();
    let mut stale = Vec::new();
    let mut examples = 0;
    let mut i = 0;
    while i < lines.len() {
        rewritten.push(lines[i].to_owned());
        let Some(kind) = lines[i].strip_prefix(MARKER).and_then(|k| k.strip_suffix(" -->")) else {
            if lines[i].starts_with("```") {
                // An unmarked block that shows a command shows nothing else:
                // output nobody reruns goes stale.
                let end = (i + 1..lines.len()).find(|&j| lines[j].starts_with("```"));
                let body = &lines[i + 1..end.unwrap_or(lines.len())];
                if body.first().is_some_and(|l| l.starts_with("$ ")) {
                    for (k, line) in body.iter().enumerate() {
                        assert!(
                            line.starts_with("$ "),
                            "{name} line {}: output in an unchecked block; mark the block \
                             `{MARKER}KIND -->` or keep only the commands",
                            i + k + 2
                        );
                    }
                }
                if let Some(end) = end {
                    rewritten.extend(lines[i + 1..=end].iter().map(|l| (*l).to_owned()));
                    i = end + 1;
                    continue;
                }
            }
            i += 1;
            continue;
        };
        assert_eq!(
            lines.get(i + 1),
            Some(&"```console"),
            "{name} line {}: a console block must follow",
            i + 1
        );
        let end = (i + 2..lines.len())
            .find(|&j| lines[j] == "```")
            .unwrap_or_else(|| panic!("{name} line {}: unclosed block", i + 2));
        let block = &lines[i + 2..end];
        let actual = run_block(kind, block);
        if actual.iter().map(String::as_str).ne(block.iter().copied()) {
            stale.push(format!(
                "{name} line {}:\n--- {name}\n{}\n--- bitext\n{}",
                i + 1,
                block.join("\n"),
                actual.join("\n")
            ));
        }
        rewritten.push("```console".to_owned());
        rewritten.extend(actual);
        rewritten.push("```".to_owned());
        examples += 1;
        i = end + 1;
    }
    if bless && !stale.is_empty() {
        std::fs::write(path, rewritten.join("\n") + "\n").unwrap();
    }
    (examples, stale)
}

#[test]
fn readme_and_docs_examples_are_real_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("BITEXT_BLESS").is_some_and(|v| v == "1");
    let mut pages = vec![root.join("README.md")];
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    let mut stale = Vec::new();
    for page in &pages {
        let (examples, page_stale) = check_page(page, bless);
        if page.ends_with("README.md") {
            assert!(examples >= 2, "README: only {examples} marked examples");
        }
        stale.extend(page_stale);
    }
    assert!(
        bless || stale.is_empty(),
        "examples differ from bitext's output (run with BITEXT_BLESS=1 to update them, then review the diff)\n{}",
        stale.join("\n\n")
    );
}

#[test]
fn command_lines_split_like_a_shell() {
    assert_eq!(
        words(r#"new drone --title "Drone export" --date 2026-02-03"#),
        ["new", "drone", "--title", "Drone export", "--date", "2026-02-03"]
    );
}
