//! The imports that must never exist (docs/architecture.md): the document
//! layer knows nothing of pairing, pairing knows nothing of publishing,
//! checks never render, documents are parsed only behind the format seam,
//! and the library never sees clap and never prints.
//! This reads the `crate::` paths of every library source file, so a new
//! upward import fails here before it reaches review.

use std::path::{Path, PathBuf};

/// A layer of the library: the folder (or file) under `src/` and the
/// top-level modules it must never name.
struct Rule {
    layer: &'static str,
    forbidden: &'static [&'static str],
    why: &'static str,
}

const RULES: &[Rule] = &[
    Rule {
        layer: "document",
        forbidden: &[
            "pairing",
            "checks",
            "report",
            "publish",
            "exchange",
            "review",
            "boilerplate",
            "release",
        ],
        why: "the document layer knows nothing of pairing, checks, exchange or publishing",
    },
    Rule {
        layer: "text",
        forbidden: &[
            "document",
            "pairing",
            "checks",
            "report",
            "publish",
            "exchange",
            "review",
            "boilerplate",
            "release",
            "workspace",
        ],
        why: "shared text utilities are a leaf",
    },
    Rule {
        layer: "pairing",
        forbidden: &["checks", "report", "publish", "exchange", "review"],
        why: "pairing knows nothing of checks, reports, exchange or publishing",
    },
    Rule {
        layer: "checks",
        forbidden: &["report", "publish", "exchange", "review"],
        why: "checks find; they never render",
    },
    Rule {
        layer: "diagnostic",
        forbidden: &[
            "pairing",
            "checks",
            "report",
            "publish",
            "exchange",
            "review",
            "boilerplate",
        ],
        why: "findings are plain data",
    },
];

/// Words the library never uses: clap stays in the binary, and output goes
/// through reporters that return strings.
const LIBRARY_FORBIDDEN: &[(&str, &str)] = &[
    ("clap::", "the library never sees clap"),
    ("println!", "the library never prints"),
    ("eprintln!", "the library never prints"),
    ("print!(", "the library never prints"),
    ("eprint!(", "the library never prints"),
    ("dbg!", "the library never prints"),
];

/// Document parsers, used only behind the format seam in `document/`:
/// nothing downstream parses a document itself or matches on its format.
const FORMAT_PARSERS: &[&str] = &["pulldown_cmark", "html5gum"];

/// The binary's own files: they may use clap and print.
fn is_binary(relative: &Path) -> bool {
    relative == Path::new("main.rs") || relative.starts_with("cli")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a line, without a `//` comment (doc comments name modules
/// freely).
fn code_of(line: &str) -> &str {
    match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    }
}

/// Whether `word` stands in `code` with no identifier character before it
/// (`eprintln!` is not a `println!`).
fn contains_word(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(at, _)| {
        !code[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The top-level modules a source text names through `crate::`, with the
/// 1-based line of each mention.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let code = code_of(line);
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((number + 1, name));
            }
        }
    }
    found
}

/// The violations of one library file, as `path:line: why (what)`.
fn violations(relative: &Path, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let shown = relative.display();
    for rule in RULES {
        let in_layer =
            relative.starts_with(rule.layer) || relative == Path::new(&format!("{}.rs", rule.layer));
        if !in_layer {
            continue;
        }
        for (line, module) in crate_paths(text) {
            if rule.forbidden.contains(&module.as_str()) {
                out.push(format!("src/{shown}:{line}: {} (crate::{module})", rule.why));
            }
        }
    }
    if !relative.starts_with("document") {
        for (number, line) in text.lines().enumerate() {
            for parser in FORMAT_PARSERS {
                if contains_word(code_of(line), parser) {
                    out.push(format!(
                        "src/{shown}:{}: documents are parsed only in document/ ({parser})",
                        number + 1
                    ));
                }
            }
        }
    }
    if !is_binary(relative) {
        for (number, line) in text.lines().enumerate() {
            let code = code_of(line);
            for (word, why) in LIBRARY_FORBIDDEN {
                if contains_word(code, word) {
                    out.push(format!("src/{shown}:{}: {why} ({word})", number + 1));
                }
            }
        }
    }
    out
}

#[test]
fn no_library_file_imports_across_the_forbidden_edges() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(
        files.len() > 50,
        "expected the library's sources under {}",
        src.display()
    );
    let mut all = Vec::new();
    for path in files {
        let relative = path.strip_prefix(&src).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        all.extend(violations(relative, &text));
    }
    assert!(all.is_empty(), "forbidden imports:\n{}", all.join("\n"));
}

#[test]
fn the_scanner_catches_an_upward_import_and_a_print() {
    // Without this, a scanner that found nothing would pass the test above.
    let planted =
        "use crate::document::segment::Segment;\nuse crate::publish::site;\n// crate::report in a comment\n";
    let found = violations(Path::new("pairing/align.rs"), planted);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("src/pairing/align.rs:2:"), "{found:?}");
    let printing = violations(Path::new("checks/numbers.rs"), "    eprintln!(\"{x}\");\n");
    assert_eq!(printing.len(), 1, "{printing:?}");
    let parsing = violations(
        Path::new("exchange/xliff/inline.rs"),
        "use pulldown_cmark::Parser;\n",
    );
    assert_eq!(parsing.len(), 1, "{parsing:?}");
    assert!(violations(Path::new("document/markdown.rs"), "use pulldown_cmark::Parser;\n").is_empty());
    assert!(violations(Path::new("cli/check.rs"), "    println!(\"{x}\");\n").is_empty());
}
