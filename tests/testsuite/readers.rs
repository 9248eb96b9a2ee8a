//! Independent readers open what bitext writes: Translate Toolkit loads the
//! XLIFF 2.0, XLIFF 1.2 and TMX exports (`tests/readers/check_exports.py`
//! checks units, sources, targets, states and notes), and `xmllint`
//! validates the TMX against the official TMX 1.4 DTD (shipped in Debian's
//! `omegat` package). `.ci/run` installs both; on a machine without them
//! these tests say so and pass, except under `CI=true`, where a missing
//! reader is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::util::Scratch;

const SLUG: &str = "exercise-channel-shield";
const EN: &str = "releases/exercise-channel-shield/en.md";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A tool the CI installs, or `None` (after saying so) on a developer's
/// machine without it. Under CI a missing tool fails the test.
fn ci_tool(path: PathBuf, what: &str) -> Option<PathBuf> {
    if path.exists() {
        return Some(path);
    }
    let message = format!("{what} not found at {} (installed by .ci/run)", path.display());
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{message}");
    eprintln!("SKIPPED: {message}");
    None
}

/// The core fixture with a small boilerplate tree of its own, one new
/// English paragraph (emphasis, a link, inline code) and one drifted
/// paragraph.
fn workspace() -> Scratch {
    let ws = Scratch::fixture("core");
    ws.write(
        "locales/en-GB/mod.ftl",
        "-mod = Ministry of Defence\nchief-of-defence-staff = Chief of the Defence Staff\nmedia-enquiries = For media enquiries, contact the { -mod } press office on { $phone }.\nrelease-count = { $count ->\n    [one] { $count } news release\n   *[other] { $count } news releases\n}\n",
    );
    ws.write(
        "locales/fr-FR/mod.ftl",
        "-mod = ministère de la Défense du Royaume-Uni\nchief-of-defence-staff = chef d’état-major des armées\nmedia-enquiries = Pour toute demande des médias, contactez le service de presse du { -mod } au { $phone }.\nrelease-count = { $count ->\n    [one] { $count } communiqué de presse\n    [many] { $count } de communiqués de presse\n   *[other] { $count } communiqués de presse\n}\n",
    );
    ws.edit(
        EN,
        "## Investing in joint training",
        "A *new* phase begins in May: see [the plan](https://www.gov.uk/cjef) and `CJEF-25`.\n\n## Investing in joint training",
    );
    ws.edit(
        EN,
        "a £2.5 billion programme to expand",
        "a £2.6 billion programme to expand",
    );
    for args in [
        &["xliff", "export", SLUG, "--all", "-o", "job2.xlf"][..],
        &[
            "xliff",
            "export",
            SLUG,
            "--all",
            "--xliff-version",
            "1.2",
            "-o",
            "job1.xlf",
        ],
        &["tmx", "export", "-o", "memory.tmx"],
    ] {
        let run = ws.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    ws
}

#[test]
fn translate_toolkit_reads_xliff_2_0_xliff_1_2_and_tmx() {
    let venv = std::env::var_os("BITEXT_CI_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target/ci-venv"));
    let Some(python) = ci_tool(venv.join("bin/python"), "Translate Toolkit's virtual environment") else {
        return;
    };
    let ws = workspace();
    let spec = serde_json::json!({
        "source_lang": "en-GB",
        "target_lang": "fr-FR",
        "xliff2": {
            "file": ws.file("job2.xlf"),
            "count": 13,
            "units": {
                "s1": {"source": "UK and French forces begin Exercise Channel Shield",
                       "target": "Les forces britanniques et françaises lancent", "state": "final"},
                "s11": {"source": "A new phase begins in May: see the plan and", "target": null, "state": "initial"},
                "s13": {"source": "£2.6 billion programme", "target": "programme de 2,5 milliards de livres",
                        "state": "initial", "note": "a £2.5 billion programme to expand"},
            },
        },
        "xliff12": {
            "file": ws.file("job1.xlf"),
            "count": 13,
            "units": {
                "s1": {"source": "UK and French forces begin Exercise Channel Shield",
                       "target": "Les forces britanniques et françaises lancent", "state": "final"},
                "s11": {"source": "see [the plan](https://www.gov.uk/cjef) and `CJEF-25`.", "target": null, "state": null},
                "s13": {"source": "£2.6 billion programme", "target": "programme de 2,5 milliards de livres",
                        "state": "needs-translation", "note": "a £2.5 billion programme to expand"},
            },
        },
        "tmx": {
            "file": ws.file("memory.tmx"),
            // 47 signed-off pairs still in sync, and 3 boilerplate messages
            // (release-count selects a plural and is left out).
            "count": 50,
            "pairs": [
                {"source": "Chief of the Defence Staff", "target": "chef d’état-major des armées"},
                {"source": "For media enquiries, contact the", "target": "Pour toute demande des médias"},
                {"source": "Up to 3,000 more young people", "target": "Jusqu’à 3\u{a0}000 jeunes supplémentaires"},
            ],
        },
    });
    ws.write("expect.json", &spec.to_string());
    let output = Command::new(python)
        .arg(repo().join("tests/readers/check_exports.py"))
        .arg(ws.file("expect.json"))
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn tmx_is_valid_against_the_tmx_1_4_dtd() {
    let dtd = std::env::var_os("BITEXT_TMX_DTD")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target/ci-schemas/tmx14.dtd"));
    let Some(dtd) = ci_tool(dtd, "the TMX 1.4 DTD") else {
        return;
    };
    let Some(xmllint) = ci_tool(PathBuf::from("/usr/bin/xmllint"), "xmllint (libxml2-utils)") else {
        return;
    };
    let ws = workspace();
    let output = Command::new(xmllint)
        .args(["--noout", "--dtdvalid"])
        .arg(&dtd)
        .arg(ws.file("memory.tmx"))
        .output()
        .expect("xmllint runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// OmegaT, a real CAT tool (Debian's `omegat`), opens the XLIFF 1.2 export
/// and the TMX memory in a scripted console run, writes its translated
/// document, and bitext imports that document back.
#[test]
fn omegat_opens_the_xliff_and_the_tmx() {
    let Some(omegat) = ci_tool(PathBuf::from("/usr/bin/omegat"), "OmegaT (Debian's omegat)") else {
        return;
    };
    let ws = workspace();
    for dir in ["source", "tm", "target", "glossary", "dictionary", "omegat"].map(|d| format!("project/{d}"))
    {
        std::fs::create_dir_all(ws.file(&dir)).unwrap();
    }
    std::fs::copy(ws.file("job1.xlf"), ws.file("project/source/job1.xlf")).unwrap();
    std::fs::copy(ws.file("memory.tmx"), ws.file("project/tm/memory.tmx")).unwrap();
    ws.write("project/omegat.project", OMEGAT_PROJECT);
    let mut child = Command::new(omegat)
        .arg(ws.file("project"))
        .arg("--mode=console-translate")
        .env("HOME", ws.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("omegat starts");
    // A bounded wait: a CAT tool that hangs must not hang the test suite.
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(180) {
            child.kill().unwrap();
            panic!("OmegaT did not finish in 180 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let output = child.wait_with_output().unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{log}");
    assert!(log.contains("Created by: bitext"), "OmegaT read the TMX: {log}");
    assert!(log.contains("Source language: en-GB"), "{log}");
    assert!(log.contains("Translated document created"), "{log}");
    let stats = ws.read("project/omegat/project_stats.txt");
    assert!(stats.contains("job1.xlf"), "{stats}");
    let import = ws.run(&["xliff", "import", "project/target/job1.xlf"]);
    assert_eq!(import.code, 0, "{}{}", import.stdout, import.stderr);
}

/// A minimal OmegaT project: default folders, the workspace's languages,
/// whole paragraphs as segments (as bitext exports them).
const OMEGAT_PROJECT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>en-GB</source_lang>
    <target_lang>fr-FR</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"#;
