//! The README's example output cannot go stale: every ```` ```console ````
//! block preceded by `<!-- readme-example: sample -->` (a scratch copy of
//! this repository's sample workspace) or `<!-- readme-example: empty -->`
//! (an empty folder) is run here, command by command, and its output
//! compared with the real binary's. `$ bitext …` lines run the binary;
//! other `$ …` lines run in `sh`. `BITEXT_BLESS=1` rewrites the blocks
//! (then review the diff and commit).

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
        let text = if let Some(args) = command.strip_prefix("bitext ") {
            let args = words(args);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = bitext(ws.path(), &args);
            format!("{}{}", run.stdout, run.stderr)
        } else {
            let output = Command::new("sh")
                .arg("-c")
                .arg(command)
                .current_dir(ws.path())
                .output()
                .expect("sh runs");
            String::from_utf8_lossy(&output.stdout).into_owned()
        };
        let text = text.replace(&ws.path().display().to_string(), ".");
        out.extend(text.lines().map(|l| l.trim_end().to_owned()));
    }
    out
}

#[test]
fn readme_examples_are_real_output() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let mut rewritten: Vec<String> = Vec::new();
    let mut stale = Vec::new();
    let mut examples = 0;
    let mut i = 0;
    while i < lines.len() {
        rewritten.push(lines[i].to_owned());
        let Some(kind) = lines[i].strip_prefix(MARKER).and_then(|k| k.strip_suffix(" -->")) else {
            i += 1;
            continue;
        };
        assert_eq!(
            lines.get(i + 1),
            Some(&"```console"),
            "README line {}: a console block must follow",
            i + 1
        );
        let end = (i + 2..lines.len())
            .find(|&j| lines[j] == "```")
            .unwrap_or_else(|| panic!("README line {}: unclosed block", i + 2));
        let block = &lines[i + 2..end];
        let actual = run_block(kind, block);
        if actual.iter().map(String::as_str).ne(block.iter().copied()) {
            stale.push(format!(
                "README line {}:\n--- README\n{}\n--- bitext\n{}",
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
    assert!(examples >= 2, "README: only {examples} marked examples");
    if std::env::var_os("BITEXT_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, rewritten.join("\n") + "\n").unwrap();
        return;
    }
    assert!(
        stale.is_empty(),
        "README examples differ from bitext's output (run with BITEXT_BLESS=1 to update them, then review the diff)\n{}",
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
