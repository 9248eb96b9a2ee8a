//! HTML pages through the document seam, on the real GCWeb pairs in
//! `tests/corpus-html/` (copied from the shared corpus with their licence).
//! Until collections can name `.html` documents, the pages are read as a
//! release built in memory and run through the same check driver the
//! binary uses: pairing and every check, nothing HTML-specific.

use std::path::{Path, PathBuf};

use bitext::diagnostic::{Code, Severity};
use bitext::document::source::SourceFile;
use bitext::document::Document;
use bitext::release::{Release, ReleaseMeta};
use bitext::workspace::Workspace;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus-html/gcweb")
}

fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bitext.toml"),
        "[languages]\nsource = \"en-CA\"\ntarget = \"fr-CA\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("releases/page")).unwrap();
    std::fs::write(
        dir.path().join("releases/page/release.toml"),
        "date = 2026-08-06\nstatus = \"draft\"\n[slug]\nen = \"page\"\nfr = \"page\"\n",
    )
    .unwrap();
    let ws = Workspace::load(dir.path()).unwrap();
    (dir, ws)
}

fn release(ws: &Workspace, en: &Path, fr: &Path) -> Release {
    let read = |p: &Path, name: &str| {
        Document::new(SourceFile::from_bytes(Path::new(name), std::fs::read(p).unwrap()).unwrap())
    };
    Release {
        slug: "page".into(),
        dir: ws.root.join("releases/page"),
        meta: ReleaseMeta::read(&ws.root.join("releases/page/release.toml"), ws).unwrap(),
        source: read(en, "en.html"),
        target: read(fr, "fr.html"),
        lock: None,
    }
}

#[test]
fn real_gcweb_pages_pair_with_few_unpaired_segments_and_no_false_errors() {
    let (_dir, ws) = workspace();
    let (mut segments, mut unpaired, mut errors, mut pages) = (0, 0, 0, 0);
    let mut error_codes = Vec::new();
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.join("en.html").is_file() {
            continue;
        }
        pages += 1;
        let release = release(&ws, &dir.join("en.html"), &dir.join("fr.html"));
        segments += release.source.segments().len() + release.target.segments().len();
        let report = bitext::checks::driver::check_releases(&ws, &[&release], Severity::Info).unwrap();
        unpaired += report.count(Code::MissingTranslation) + report.count(Code::MissingSource);
        for finding in &report.findings {
            if finding.severity == Severity::Error
                && ![Code::MissingTranslation, Code::MissingSource, Code::NotSignedOff]
                    .contains(&finding.code)
            {
                errors += 1;
                error_codes.push(format!("{}: {:?}", dir.display(), finding.code));
            }
        }
    }
    eprintln!("pages {pages}, segments {segments}, unpaired {unpaired}, error-level findings {errors}: {error_codes:#?}");
    assert!(pages >= 40);
    assert!(
        unpaired * 100 <= segments * 10,
        "{unpaired} of {segments} unpaired"
    );
}
