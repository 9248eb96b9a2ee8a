//! Fuzzing on stable Rust: property tests (proptest) that feed every parser
//! and every check realistic, hostile text and require that none panics.
//! An `Err` is a fine answer; a panic, a stack overflow or a hang is not.
//!
//! The generators mix what byte flips never find: currency, ranges, dates
//! and numbers in both languages' formats (`€12-15 million`, `12,5 M$`,
//! `1 500,5`, `25 %`, `le 3 mars 2025`), multi-byte characters glued to
//! digits and punctuation, Markdown, HTML and Fluent structure, deep
//! nesting and very long lines, spliced into real lines of `tests/corpus/`.
//!
//! `cargo test` runs 64 cases per target (`PROPTEST_CASES` overrides it);
//! `.ci/run` runs a longer pass as its own step. A crash found here becomes
//! a named input under `tests/regressions/` that `regressions_stay_fixed`
//! replays on every run.

use std::path::Path;
use std::sync::OnceLock;

use bitext::exchange::xliff;
use bitext::release::Release;
use bitext::workspace::Workspace;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::util::{copy_dir, fixtures, Scratch};

const SLUG: &str = "exercise-channel-shield";

/// Cases per target: 64 by default so that `cargo test` stays short.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

fn config() -> Config {
    Config {
        cases: cases(),
        // Shrinking re-runs a failing case many times; the first failure
        // with its seed is what a regression input needs.
        max_shrink_iters: 64,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Real lines of the corpus (both languages), read once.
fn corpus() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        let mut lines = Vec::new();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    lines.extend(text.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned));
                }
            }
        }
        assert!(lines.len() > 1000, "the corpus has real lines");
        lines
    })
}

/// Figures as English and French releases write them.
fn figure() -> impl Strategy<Value = String> {
    let int = 0u32..100_000;
    prop_oneof![
        (int.clone(), 0u32..100).prop_map(|(a, b)| format!("€{a}-{b} million")),
        (0u32..100, 0u32..10).prop_map(|(a, b)| format!("{a},{b} M$")),
        (0u32..1000, 0u32..1000, 0u32..10).prop_map(|(a, b, c)| format!("{a}\u{202f}{b:03},{c}")),
        (0u32..1000, 0u32..1000).prop_map(|(a, b)| format!("{a} {b:03},5")),
        (0u32..1000, 0u32..1000).prop_map(|(a, b)| format!("{a},{b:03}")),
        (0u32..100).prop_map(|a| format!("{a} %")),
        (0u32..100).prop_map(|a| format!("{a}\u{a0}%")),
        (1u32..32, 0usize..12, 1990u32..2040).prop_map(|(d, m, y)| {
            const MOIS: [&str; 12] = [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ];
            format!("le {d} {} {y}", MOIS[m])
        }),
        (1u32..32, 1990u32..2040).prop_map(|(d, y)| format!("{d} March {y}")),
        (2000u32..2100, 0u32..100).prop_map(|(y, z)| format!("{y}-{z:02}")),
        (0u32..24, 0u32..60).prop_map(|(h, m)| format!("{h}:{m:02}")),
        (0u32..24, 0u32..60).prop_map(|(h, m)| format!("{h} h {m:02}")),
        int.clone().prop_map(|a| format!("£{a}.5 billion")),
        int.clone().prop_map(|a| format!("{a}e")),
        int.prop_map(|a| format!("{a}$")),
        Just("1er".to_owned()),
        Just("COVID-19".to_owned()),
        Just("1.".to_owned()),
    ]
}

/// Characters that are more than one byte, or that the checks look at.
fn glyph() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "€", "£", "$", "«", "»", "\u{a0}", "\u{202f}", "’", "‘", "“", "”", "é", "É", "à", "ç", "œ", "…", "–",
        "—", "-", ":", ";", "!", "?", ".", ",", "'", "\"", "%", "°", "№", "中", "😀", "\u{200b}", "\u{feff}",
        "\t", "\\", "#", "&", "&amp;", "&#0;",
    ])
    .prop_map(str::to_owned)
}

/// Markdown, HTML and Fluent structure, and the codes exchange protects.
fn markup() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "*",
            "**",
            "_",
            "__",
            "~~",
            "`",
            "[",
            "]",
            "](https://www.gov.uk/x)",
            "![",
            "<br>",
            "<b>",
            "</b>",
            "<script>",
            "<title>",
            "<textarea>",
            "<!--",
            "-->",
            "<img src=x onerror=alert(1)>",
            "{{@ ",
            " }}",
            "{{@ media-contact(name: \"X\") }}",
            "{ $count }",
            "{ -mod }",
            "{",
            "}",
            "|",
            " | ",
            "\n",
            "\n\n",
            "\n# ",
            "\n## ",
            "\n- ",
            "\n1. ",
            "\n> ",
            "\n```\n",
            "\n---\n",
            "\\*",
            "<",
            ">",
            "https://www.gov.uk/fr/cadets?day=14",
            "mailto:presse@example.org",
            "`CJEF-25`",
        ])
        .prop_map(str::to_owned),
        // Deep nesting and very long lines.
        (
            1usize..3000,
            prop::sample::select(vec!["*", "**", "[", "> ", "- ", "<b>", "{ ", "_"])
        )
            .prop_map(|(n, s)| format!("{}x{}", s.repeat(n), s.repeat(n / 2))),
        (100usize..20_000).prop_map(|n| "mot ".repeat(n)),
    ]
}

/// A line of real text with figures, glyphs and markup spliced in at
/// character boundaries, glued or spaced.
fn line() -> impl Strategy<Value = String> {
    let piece = prop_oneof![3 => figure(), 3 => glyph(), 2 => markup()];
    (
        any::<prop::sample::Index>(),
        prop::collection::vec((piece, any::<prop::sample::Index>(), any::<bool>()), 0..6),
    )
        .prop_map(|(pick, pieces)| {
            let lines = corpus();
            let mut text = pick.get(lines).clone();
            for (piece, at, glued) in pieces {
                let bounds: Vec<usize> = text
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain(std::iter::once(text.len()))
                    .collect();
                let at = *at.get(&bounds);
                let piece = if glued { piece } else { format!(" {piece} ") };
                text.insert_str(at, &piece);
            }
            text
        })
}

/// A document: a title, then paragraphs of spliced lines.
fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 1..8).prop_map(|lines| {
        let mut text = String::from("# Titre\n\n");
        for l in lines {
            text.push_str(&l);
            text.push_str("\n\n");
        }
        text
    })
}

/// A Fluent message value: text with placeables, selectors, terms and
/// nesting, some of it broken.
fn fluent() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            line().prop_map(|l| l.replace(['\n', '{', '}'], " ")),
            Just("{ $name }".to_owned()),
            Just("{ -mod }".to_owned()),
            Just("{ $count ->\n    [one] un\n   *[other] { $count } unités\n}".to_owned()),
            Just("{ DATE($d) }".to_owned()),
            Just("{ \"{\" }".to_owned()),
            (1usize..200).prop_map(|n| format!("{}\"x\"{}", "{ ".repeat(n), " }".repeat(n))),
            (1usize..200).prop_map(|n| format!("{}y{}", "{ $a ->\n *[x] ".repeat(n), "\n}".repeat(n))),
            Just("{".to_owned()),
            Just("}".to_owned()),
        ],
        1..5,
    )
    .prop_map(|parts| parts.concat())
}

/// A scratch copy of the core fixture with one release's documents replaced.
fn workspace_with(en: &str, fr: &str) -> Scratch {
    let ws = Scratch::empty();
    copy_dir(&fixtures().join("core"), ws.path());
    ws.write(&format!("releases/{SLUG}/en.md"), en);
    ws.write(&format!("releases/{SLUG}/fr.md"), fr);
    ws
}

fn run(name: &str, strategy: impl Strategy<Value = (String, String)>, target: impl Fn(&str, &str)) {
    let mut runner = TestRunner::new(config());
    let executions = std::cell::Cell::new(0u32);
    let result = runner.run(&strategy, |(a, b)| {
        executions.set(executions.get() + 1);
        target(&a, &b);
        Ok(())
    });
    if let Err(e) = result {
        panic!(
            "fuzz target {name} failed after {} executions: {e}",
            executions.get()
        );
    }
    eprintln!("fuzz target {name}: {} executions", executions.get());
}

/// Reads a release, pairs it and runs every check on it; what a `check`
/// run does, through the library.
fn check_release(ws: &Path) {
    let Ok(workspace) = Workspace::load(ws) else {
        return;
    };
    if let Ok(release) = Release::load(&workspace, SLUG) {
        let _ = bitext::pairing::PairedRelease::new(&workspace, &release);
    }
    let _ = bitext::checks::driver::check(&workspace, &[SLUG.to_owned()]);
}

#[test]
fn fuzz_document_alignment_and_checks() {
    run(
        "document, alignment, checks",
        (document(), document()),
        |en, fr| {
            let ws = workspace_with(en, fr);
            check_release(ws.path());
        },
    );
}

/// The renderer `publish` uses: the document format's HTML writer, with
/// the rewrites publishing applies (text and URLs), called the way
/// `publish::markdown::render` calls it.
#[test]
fn fuzz_publish_markdown_renderer() {
    use bitext::document::{default_format, Rewrite};
    run("publish markdown renderer", (document(), document()), |en, fr| {
        let keep = |_: &str| None;
        let nbsp = |t: &str| Some(t.replace(" :", "\u{202f}:"));
        let drop_js = |u: &str| u.starts_with("javascript:").then(String::new);
        let _ = default_format().to_html(
            en,
            &Rewrite {
                text: &keep,
                url: &keep,
            },
        );
        let _ = default_format().to_html(
            fr,
            &Rewrite {
                text: &nbsp,
                url: &drop_js,
            },
        );
    });
}

#[test]
fn fuzz_xliff_export_and_import() {
    run(
        "xliff export and import",
        (document(), line()),
        |en, translated| {
            let ws = workspace_with(en, "# Titre\n\nUn paragraphe.\n");
            let Ok(workspace) = Workspace::load(ws.path()) else {
                return;
            };
            let Ok(exported) = xliff::export::export(
                &workspace,
                &[SLUG.to_owned()],
                &xliff::Selection::all(),
                xliff::Version::V2_0,
            ) else {
                return;
            };
            // Fill every unit's target with generated text (escaped and not),
            // and with each unit's own source, codes and all.
            let escaped = bitext::exchange::xliff::xml::escape(translated);
            let filled = exported.xml.replace(
                "</source>\n",
                &format!("</source>\n        <target>{escaped}</target>\n"),
            );
            let raw = exported.xml.replace("<source>", &format!("<source>{translated}"));
            for (name, xml) in [("a.xlf", &filled), ("b.xlf", &raw), ("c.xlf", &exported.xml)] {
                ws.write(name, xml);
                let _ = xliff::import::import(&workspace, &ws.file(name), true);
            }
        },
    );
}

/// The core fixture's release exported whole, in XLIFF 2.0 and 1.2, once.
fn exported_jobs() -> &'static [String; 2] {
    static JOBS: OnceLock<[String; 2]> = OnceLock::new();
    JOBS.get_or_init(|| {
        let ws = Scratch::fixture("core");
        let workspace = Workspace::load(ws.path()).unwrap();
        [xliff::Version::V2_0, xliff::Version::V1_2].map(|version| {
            xliff::export::export(&workspace, &[SLUG.to_owned()], &xliff::Selection::all(), version)
                .unwrap()
                .xml
        })
    })
}

/// A job as a CAT tool or an attacker could send it back: a real export
/// (2.0 or 1.2) with its units inside groups nested up to past the limit
/// of 100, one target wrapped in inline codes nested up to past it too,
/// another filled with a very long line of real text (escaped, or raw with
/// its markup), and XML fragments spliced in anywhere (entities, DOCTYPE,
/// CDATA, stray or extra tags, `<cp>`, NUL).
fn hostile_job() -> impl Strategy<Value = String> {
    let wrap = prop::sample::select(vec![
        ("<pc id=\"9\" dataRefStart=\"d1s\" dataRefEnd=\"d1e\">", "</pc>"),
        ("<mrk id=\"m\" translate=\"no\">", "</mrk>"),
        ("<g id=\"1\">", "</g>"),
        (
            "<sc id=\"1\" dataRef=\"d1\"/><bpt id=\"1\">[</bpt>",
            "<ept id=\"1\">]</ept>",
        ),
    ]);
    let fragment = prop_oneof![
        prop::sample::select(vec![
            "</unit>",
            "<unit id=\"s1\">",
            "<group id=\"g\">",
            "</group>",
            "</file>",
            "<file id=\"exercise-channel-shield\">",
            "<!DOCTYPE xliff [<!ENTITY e \"ee\">]>",
            "&e;",
            "&amp;",
            "&#233;",
            "&#0;",
            "&#x1F600;",
            "<![CDATA[<b>x</b> & y]]>",
            "<ph id=\"1\" dataRef=\"d1\"/>",
            "<cp hex=\"0\"/>",
            "<cp hex=\"D800\"/>",
            "<cp hex=\"A0\"/>",
            "\u{0}",
            "<originalData><data id=\"d1\">{{@ x }}</data></originalData>",
            "<target>cible</target>",
            " trgLang=\"de-DE\"",
            "<",
            ">",
            "\"",
            "\n",
        ])
        .prop_map(str::to_owned),
        line().prop_map(|l| xliff::xml::escape(&l)),
    ];
    (
        any::<bool>(),
        0usize..130,
        (wrap, 0usize..150),
        (line(), 1usize..400, any::<bool>()),
        prop::collection::vec((fragment, any::<prop::sample::Index>()), 0..4),
    )
        .prop_map(
            |(v1, groups, ((open, close), codes), (long, times, escaped), splices)| {
                let mut job = exported_jobs()[usize::from(v1)].clone();
                let first = job.find(if v1 { "<trans-unit" } else { "<unit" }).unwrap();
                let end = job.rfind(if v1 { "</trans-unit>" } else { "</unit>" }).unwrap();
                let end = end + job[end..].find('>').unwrap() + 1;
                job.insert_str(end, &"</group>".repeat(groups));
                job.insert_str(first, &"<group id=\"g\">".repeat(groups));
                let targets: Vec<usize> = job.match_indices("<target").map(|(i, _)| i).collect();
                let long = long.replace('\n', " ").repeat(times);
                let long = if escaped { xliff::xml::escape(&long) } else { long };
                // The second target first, so that the first's offsets hold.
                for (n, &at) in targets.iter().enumerate().take(2).rev() {
                    let content = at + job[at..].find('>').unwrap() + 1;
                    let close_at = content + job[content..].find("</target>").unwrap();
                    if n == 0 {
                        job.insert_str(close_at, &close.repeat(codes));
                        job.insert_str(content, &open.repeat(codes));
                    } else {
                        job.insert_str(content, &long);
                    }
                }
                for (fragment, at) in splices {
                    let bounds: Vec<usize> = job
                        .char_indices()
                        .map(|(i, _)| i)
                        .chain(std::iter::once(job.len()))
                        .collect();
                    job.insert_str(*at.get(&bounds), &fragment);
                }
                job
            },
        )
}

/// The streaming XLIFF reader on hostile jobs (issue 12, item 3): no
/// panic, no stack overflow, and an import that fails writes nothing.
#[test]
fn fuzz_xliff_streaming_reader() {
    let strategy = (
        hostile_job(),
        any::<bool>().prop_map(|p| if p { "partial" } else { "" }.to_owned()),
    );
    run("xliff streaming reader", strategy, |job, partial| {
        let ws = Scratch::fixture("core");
        let fr = format!("releases/{SLUG}/fr.md");
        let before = ws.read(&fr);
        ws.write("job.xlf", job);
        let Ok(workspace) = Workspace::load(ws.path()) else {
            return;
        };
        if xliff::import::import(&workspace, &ws.file("job.xlf"), !partial.is_empty()).is_err() {
            assert_eq!(ws.read(&fr), before, "an import that failed wrote fr.md");
        }
    });
}

#[test]
fn fuzz_fluent_reader() {
    run("fluent reader", (fluent(), fluent()), |en, fr| {
        let ws = Scratch::empty();
        copy_dir(&fixtures().join("boilerplate"), ws.path());
        let add = |path: &str, value: &str| {
            let mut text = ws.read(path);
            text.push_str(&format!("\nfuzzed = {value}\n"));
            ws.write(path, &text);
        };
        add("locales/en-GB/mod.ftl", en);
        add("locales/fr-FR/mod.ftl", fr);
        let Ok(workspace) = Workspace::load(ws.path()) else {
            return;
        };
        let _ = bitext::boilerplate::Boilerplate::load(&workspace);
        if let Ok(release) = Release::load(&workspace, SLUG) {
            let _ = bitext::boilerplate::expand(&workspace, &release, &workspace.source);
        }
        let _ = bitext::checks::driver::check(&workspace, &[SLUG.to_owned()]);
    });
}

/// Mutates TOML text: splices generated pieces in at character boundaries.
fn toml_mutation() -> impl Strategy<Value = Vec<(String, prop::sample::Index)>> {
    let piece = prop_oneof![
        glyph(),
        figure(),
        prop::sample::select(vec![
            "\"",
            "'",
            "[",
            "]",
            "[[pair]]\n",
            "=",
            "\n",
            "#",
            "\\u0000",
            "\"\"\"",
            "1979-05-27T07:32:00Z",
            "inf",
            "nan",
            "-0",
            "[paths]\nreleases = \"../..\"\n",
            "{ a = 1 }",
            "source = [\"zz\"]\n",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec((piece, any::<prop::sample::Index>()), 0..6)
}

fn mutate(text: &str, edits: &[(String, prop::sample::Index)]) -> String {
    let mut text = text.to_owned();
    for (piece, at) in edits {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        text.insert_str(*at.get(&bounds), piece);
    }
    text
}

#[test]
fn fuzz_lock_and_toml_configs() {
    let strategy = (toml_mutation(), toml_mutation(), toml_mutation()).prop_map(|(a, b, c)| {
        let core = fixtures().join("core");
        let read = |p: &str| std::fs::read_to_string(core.join(p)).unwrap();
        (
            mutate(&read(&format!("releases/{SLUG}/bitext.lock")), &a),
            format!(
                "{}\u{0}{}",
                mutate(&read("bitext.toml"), &b),
                mutate(&read(&format!("releases/{SLUG}/release.toml")), &c)
            ),
        )
    });
    run("lock and TOML configs", strategy, |lock, configs| {
        let (config, meta) = configs.split_once('\u{0}').unwrap();
        let ws = Scratch::empty();
        copy_dir(&fixtures().join("core"), ws.path());
        ws.write(&format!("releases/{SLUG}/bitext.lock"), lock);
        let _ =
            bitext::pairing::lock::Lock::read_if_present(&ws.file(&format!("releases/{SLUG}/bitext.lock")));
        check_release(ws.path());
        ws.write("bitext.toml", config);
        ws.write(&format!("releases/{SLUG}/release.toml"), meta);
        check_release(ws.path());
    });
}

/// The line-format records (`bitext-lock 3`) that the real `sign-off`
/// writes for the core fixture's releases, made once.
fn signed_off_locks() -> &'static [String] {
    static LOCKS: OnceLock<Vec<String>> = OnceLock::new();
    LOCKS.get_or_init(|| {
        let ws = Scratch::fixture("core");
        let run = ws.run(&[
            "sign-off",
            "--all",
            "--by",
            "Camille Roy <camille.roy@example.gov.uk>",
        ]);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let mut locks: Vec<String> = std::fs::read_dir(ws.file("releases"))
            .unwrap()
            .flatten()
            .map(|e| std::fs::read_to_string(e.path().join("bitext.lock")).unwrap())
            .collect();
        locks.sort();
        assert!(
            locks.iter().all(|l| l.contains("\nbitext-lock 3\n")),
            "sign-off writes version 3"
        );
        locks
    })
}

/// A sign-off record made by the library's own writer (the one `sign-off`
/// calls) from generated pairs: real lines with figures, glyphs and markup,
/// several segments a side, one-sided pairs, texts with blank lines and
/// lines that start with the format's own marks.
fn generated_lock() -> impl Strategy<Value = String> {
    use bitext::pairing::lock::{hash_text, Lock, LockedPair, Signature};
    let text = prop_oneof![
        4 => line(),
        1 => Just(String::new()),
        1 => prop::sample::select(vec![
            "< a | b", "> c", "pair 0123456789abcdef | -", "# not a comment", "bitext-lock 3",
            "signed-by x", "a\n\nb", "\n", " ", "\r", "é|«»", "|", "-",
        ])
        .prop_map(str::to_owned),
    ];
    let pair = (
        prop::collection::vec(text.clone(), 0..3),
        prop::collection::vec(text, 0..3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(source, target, one_sided, has_target)| {
            let (source, target) = if source.is_empty() && target.is_empty() {
                (vec!["Hello".to_owned()], target)
            } else {
                (source, target)
            };
            LockedPair {
                source: source.iter().map(|s| hash_text(s)).collect(),
                target: target.iter().map(|s| hash_text(s)).collect(),
                source_text: source.join("\n\n").into(),
                target_text: has_target.then(|| target.join("\n\n").into()),
                one_sided: one_sided || source.is_empty() || target.is_empty(),
            }
        });
    (prop::collection::vec(pair, 1..6), prop::option::of(line())).prop_map(|(pairs, by)| {
        let lock = Lock::new(pairs).signed(by.map(|by| Signature {
            by,
            at: "2025-03-11T09:30:00Z".to_owned(),
        }));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bitext.lock");
        lock.write(&path).unwrap();
        std::fs::read_to_string(&path).unwrap()
    })
}

/// A version 1 or 2 record (TOML), as those versions wrote them, from
/// generated texts: the reader still takes them.
fn toml_lock() -> impl Strategy<Value = String> {
    let pair = (line(), prop::option::of(line()), any::<bool>()).prop_map(|(source, target, one_sided)| {
        let quote = |s: &str| toml::Value::String(s.to_owned()).to_string();
        let hash = |s: &str| bitext::pairing::lock::hash_hex(bitext::pairing::lock::hash_text(s));
        let mut out = format!(
            "\n[[pair]]\nsource = [\"{}\"]\ntarget = [\"{}\"]\nsource-text = {}\n",
            hash(&source),
            hash(target.as_deref().unwrap_or("")),
            quote(&source)
        );
        if let Some(target) = &target {
            out.push_str(&format!("target-text = {}\n", quote(target)));
        }
        if one_sided {
            out.push_str("one-sided = true\n");
        }
        out
    });
    (1u32..3, prop::collection::vec(pair, 1..5)).prop_map(|(version, pairs)| {
        let mut out = format!("# Sign-off record written by `bitext sign-off`: commit it, do not edit it.\nversion = {version}\n");
        if version == 2 {
            out.push_str("signed-by = \"Camille Roy <camille.roy@example.gov.uk>\"\nsigned-at = \"2025-03-11T09:30:00Z\"\n");
        }
        out.extend(pairs);
        out
    })
}

/// One structural damage to a record: what a bad merge, a truncated copy
/// or a hand edit does to it.
#[derive(Debug, Clone)]
enum Damage {
    /// Cut the file at a character boundary.
    Truncate(prop::sample::Index),
    /// Cut one line short at a character boundary.
    TruncateLine(prop::sample::Index, prop::sample::Index),
    DropLine(prop::sample::Index),
    DuplicateLine(prop::sample::Index),
    SwapLines(prop::sample::Index, prop::sample::Index),
    /// A hash taken out of, or added to, a `pair` line (a wrong count).
    DropHash(prop::sample::Index),
    AddHash(prop::sample::Index, bool),
    /// A piece inserted next to a separator (` `, `|`, `-`, `<`, `>`,
    /// `=`, `"`, `\`): multi-byte text, bad escapes, marks.
    NextToSeparator(prop::sample::Index, String),
    /// A huge line: text of hundreds of kilobytes, or thousands of hashes.
    HugeLine(prop::sample::Index, usize, bool),
    /// A byte that is not UTF-8, or a NUL.
    Byte(prop::sample::Index, u8),
}

fn damage() -> impl Strategy<Value = Damage> {
    use prop::sample::Index;
    let piece = prop_oneof![
        glyph(),
        figure(),
        prop::sample::select(vec![
            "|",
            " | ",
            "-",
            " - ",
            "<",
            "> ",
            "\n< ",
            "\n> ",
            "\npair ",
            "\none-sided ",
            "\nbitext-lock 3\n",
            "\nbitext-lock 4\n",
            "\nsigned-by ",
            "\u{a0}",
            "\u{202f}",
            "é",
            "中",
            "😀",
            "\r",
            "\r\n",
            "\\",
            "\\u",
            "\\u12",
            "\\UFFFFFFFF",
            "\\ud800",
            "\\x00",
            "\\q",
            "\"",
            "\"\"\"",
            "'",
            "=",
            "[",
            "[[pair]]\n",
            "0123456789abcdef",
            "0123456789ABCDEF",
            "0123456789abcdeg",
            "01234567",
            "ffffffffffffffffff",
            "version = 3\n",
            "version = 0\n",
            "version = 99999999999999999999\n",
            "\u{feff}",
            "\t",
        ])
        .prop_map(str::to_owned),
    ];
    prop_oneof![
        1 => any::<Index>().prop_map(Damage::Truncate),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(l, c)| Damage::TruncateLine(l, c)),
        1 => any::<Index>().prop_map(Damage::DropLine),
        1 => any::<Index>().prop_map(Damage::DuplicateLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Damage::SwapLines(a, b)),
        1 => any::<Index>().prop_map(Damage::DropHash),
        1 => (any::<Index>(), any::<bool>()).prop_map(|(l, bar)| Damage::AddHash(l, bar)),
        3 => (any::<Index>(), piece).prop_map(|(at, p)| Damage::NextToSeparator(at, p)),
        1 => (any::<Index>(), 1usize..200_000, any::<bool>()).prop_map(|(at, n, hashes)| Damage::HugeLine(at, n, hashes)),
        1 => (any::<Index>(), prop::sample::select(vec![0u8, 0x80, 0xc3, 0xff, 0xe2])).prop_map(|(at, b)| Damage::Byte(at, b)),
    ]
}

/// Applies the damages in turn; the result may no longer be UTF-8.
fn damaged(text: &str, damages: &[Damage]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for damage in damages {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let boundaries = |s: &str| -> Vec<usize> {
            s.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(s.len()))
                .collect()
        };
        let pair_lines: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].starts_with("pair ") || lines[i].starts_with("one-sided "))
            .collect();
        match damage {
            Damage::Truncate(at) => {
                bytes = text.as_bytes()[..*at.get(&boundaries(&text))].to_vec();
                continue;
            }
            Damage::TruncateLine(l, c) => {
                let l = l.index(lines.len());
                let cut = *c.get(&boundaries(&lines[l]));
                lines[l].truncate(cut);
            }
            Damage::DropLine(l) => {
                lines.remove(l.index(lines.len()));
            }
            Damage::DuplicateLine(l) => {
                let l = l.index(lines.len());
                lines.insert(l, lines[l].clone());
            }
            Damage::SwapLines(a, b) => {
                let (a, b) = (a.index(lines.len()), b.index(lines.len()));
                lines.swap(a, b);
            }
            Damage::DropHash(l) if !pair_lines.is_empty() => {
                let l = *l.get(&pair_lines);
                let mut words: Vec<&str> = lines[l].split(' ').collect();
                if let Some(at) = words.iter().position(|w| w.len() == 16) {
                    words.remove(at);
                }
                lines[l] = words.join(" ");
            }
            Damage::AddHash(l, bar) if !pair_lines.is_empty() => {
                let l = *l.get(&pair_lines);
                let extra = if *bar {
                    " | 0123456789abcdef"
                } else {
                    " 0123456789abcdef"
                };
                lines[l].push_str(extra);
            }
            Damage::DropHash(_) | Damage::AddHash(..) => {}
            Damage::NextToSeparator(at, piece) => {
                let separators: Vec<usize> = text
                    .char_indices()
                    .filter(|(_, c)| matches!(c, ' ' | '|' | '-' | '<' | '>' | '=' | '"' | '\\' | '\n'))
                    .flat_map(|(i, c)| [i, i + c.len_utf8()])
                    .collect();
                let at = if separators.is_empty() {
                    0
                } else {
                    *at.get(&separators)
                };
                let mut text = text;
                text.insert_str(at, piece);
                bytes = text.into_bytes();
                continue;
            }
            Damage::HugeLine(at, n, hashes) => {
                let huge = if *hashes {
                    format!("pair {}| -", "0123456789abcdef ".repeat(n / 16 + 1))
                } else {
                    format!("< {}", "é|«x»".repeat(*n))
                };
                let at = at.index(lines.len() + 1);
                lines.insert(at, huge);
            }
            Damage::Byte(at, byte) => {
                let at = at.index(bytes.len() + 1);
                bytes.insert(at, *byte);
                continue;
            }
        }
        bytes = lines.join("\n").into_bytes();
    }
    bytes
}

/// A read of a damaged record is a record or an error that names the file
/// and a line and column inside it (or, for bytes past the size limit, the
/// file and its size); never a panic.
fn assert_read_or_located(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
    let Err(error) = bitext::pairing::lock::Lock::read_if_present(path) else {
        return;
    };
    let message = error.to_string();
    let shown = path.display().to_string();
    let rest = message
        .strip_prefix(&format!("{shown}:"))
        .unwrap_or_else(|| panic!("the error does not start with the file: {message}"));
    if matches!(error, bitext::error::Error::TooLarge { .. }) {
        return;
    }
    let mut fields = rest.splitn(3, ':');
    let (line, column) = (fields.next().unwrap_or(""), fields.next().unwrap_or(""));
    let (Ok(line), Ok(column)) = (line.parse::<usize>(), column.parse::<usize>()) else {
        panic!("the error gives no line and column: {message}");
    };
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(
        (1..=lines.len()).contains(&line),
        "line {line} of {} lines: {message}",
        lines.len()
    );
    let width = lines[line - 1].trim_start_matches('\u{feff}').chars().count();
    assert!(
        (1..=width + 1).contains(&column),
        "column {column} of a line of {width} characters: {message}"
    );
}

/// The lock reader on records of every version, damaged structurally:
/// line-format records (version 3) as the real `sign-off` writes them and
/// as the library's writer writes generated pairs, and TOML records of
/// versions 1 and 2. Each damaged record is read by the library (a
/// record, or an error at a line and column inside the file), and one in
/// four also goes through the real binary's `check` as the release's lock
/// (exit 0, 1 or 2, never a panic).
#[test]
fn fuzz_lock_records_of_every_version() {
    let record = prop_oneof![
        2 => any::<prop::sample::Index>().prop_map(|i| i.get(signed_off_locks()).clone()),
        2 => generated_lock(),
        1 => toml_lock(),
    ];
    let strategy = (record, prop::collection::vec(damage(), 0..4)).prop_map(|(record, damages)| {
        // Carried as text: the bytes, one char per byte, decoded in the target.
        (
            damaged(&record, &damages).into_iter().map(char::from).collect(),
            String::new(),
        )
    });
    let count = std::cell::Cell::new(0usize);
    run("lock records (versions 1, 2 and 3)", strategy, |record, _| {
        let bytes: Vec<u8> = record.chars().map(|c| c as u8).collect();
        let dir = tempfile::tempdir().unwrap();
        assert_read_or_located(&dir.path().join("bitext.lock"), &bytes);
        count.set(count.get() + 1);
        if count.get().is_multiple_of(4) {
            let ws = Scratch::empty();
            copy_dir(&fixtures().join("core"), ws.path());
            std::fs::write(ws.file(&format!("releases/{SLUG}/bitext.lock")), &bytes).unwrap();
            let run = ws.run(&["check", SLUG]);
            assert!(
                matches!(run.code, 0..=2) && !run.stderr.contains("panicked"),
                "check exited {}: {}",
                run.code,
                run.stderr
            );
            if run.code == 2 {
                assert!(
                    run.stderr.contains(&format!("releases/{SLUG}/bitext.lock:")),
                    "the error does not name the lock: {}",
                    run.stderr
                );
            }
        }
    });
}

/// Every crash the fuzzers found, kept as a named input: each file under
/// `tests/regressions/` is one English paragraph (and, after a line
/// `---fr---`, its French) that once crashed bitext. They must run through
/// the real binary's `check`, `xliff export` and `tmx export` cleanly.
#[test]
fn regressions_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/regressions")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let (en, fr) = text
            .split_once("---fr---\n")
            .unwrap_or((&text, "Un paragraphe.\n"));
        let ws = Scratch::fixture("core");
        let rel = format!("releases/{SLUG}");
        let base_en = ws.read(&format!("{rel}/en.md"));
        let base_fr = ws.read(&format!("{rel}/fr.md"));
        ws.write(&format!("{rel}/en.md"), &format!("{base_en}\n{en}"));
        ws.write(&format!("{rel}/fr.md"), &format!("{base_fr}\n{fr}"));
        for args in [
            &["check"][..],
            &["xliff", "export", SLUG, "-o", "job.xlf"],
            &["tmx", "export", "--output", "job.tmx"],
        ] {
            let run = ws.run(args);
            assert!(
                matches!(run.code, 0..=2) && !run.stderr.contains("panicked"),
                "{}: {args:?} exited {}: {}",
                path.display(),
                run.code,
                run.stderr
            );
        }
    }
}
