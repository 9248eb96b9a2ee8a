//! Runs `bitext check` over a real EN/FR corpus laid out as
//! `<root>/<source>/<pair>/{en,fr}.md` and prints the number of findings
//! per code, then, for the codes named with `--show`, every finding with
//! the two segments' lines, for reading them one by one.
//!
//! ```text
//! cargo run --release --example corpus_findings -- /work/shared/corpus/real
//! cargo run --release --example corpus_findings -- /work/shared/corpus/real --show number-mismatch
//! ```
//!
//! Each source becomes a scratch workspace: Government of Canada sources
//! are checked as en-CA → fr-CA (Canadian typography), `letsencrypt-website`
//! as en-US → fr-FR. The glossary `tests/corpus/glossary.toml` is used when
//! present.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bitext::diagnostic::Code;
use bitext::workspace::Workspace;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("usage: corpus_findings ROOT [--show CODE]..."))?,
    );
    let mut show: Vec<Code> = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--show" {
            let name = args.next().unwrap_or_default();
            show.push(
                name.parse()
                    .map_err(|()| anyhow::anyhow!("unknown code {name:?}"))?,
            );
        }
    }
    let glossary = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/glossary.toml");
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut pairs = 0;
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&root)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    sources.sort();
    for source in sources {
        let scratch = tempfile::tempdir()?;
        pairs += build_workspace(&source, scratch.path(), &glossary)?;
        let ws = Workspace::load(scratch.path())?;
        let report = bitext::checks::driver::check(&ws, &[])?;
        for finding in &report.findings {
            *counts.entry(finding.code.as_str()).or_default() += 1;
            if show.contains(&finding.code) {
                println!(
                    "== {} [{}] {}",
                    finding.release.as_deref().unwrap_or(""),
                    finding.code,
                    finding.message
                );
                for at in [&finding.source, &finding.target].into_iter().flatten() {
                    let position = at.position();
                    let shown: String = at
                        .line_text()
                        .chars()
                        .skip(position.column.saturating_sub(60))
                        .take(200)
                        .collect();
                    println!("   {}:{}:{} {}", at.lang, position.line, position.column, shown);
                }
            }
        }
    }
    println!("{pairs} pairs");
    for (code, count) in counts {
        println!("{count:6} {code}");
    }
    Ok(())
}

/// Copies every pair of one source into a workspace as one release each.
fn build_workspace(source: &Path, ws: &Path, glossary: &Path) -> anyhow::Result<usize> {
    let name = source.file_name().and_then(|n| n.to_str()).unwrap_or("source");
    let (en, fr) = if name.starts_with("letsencrypt") {
        ("en-US", "fr-FR")
    } else {
        ("en-CA", "fr-CA")
    };
    std::fs::write(
        ws.join("bitext.toml"),
        format!("[languages]\nsource = \"{en}\"\ntarget = \"{fr}\"\n"),
    )?;
    if glossary.is_file() {
        std::fs::copy(glossary, ws.join("glossary.toml"))?;
    }
    let mut count = 0;
    for pair in std::fs::read_dir(source)?.flatten() {
        let dir = pair.path();
        if !dir.join("en.md").is_file() || !dir.join("fr.md").is_file() {
            continue;
        }
        let slug: String = format!("{name}-{}", pair.file_name().to_string_lossy())
            .to_lowercase()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let release = ws.join("releases").join(&slug);
        std::fs::create_dir_all(&release)?;
        std::fs::copy(dir.join("en.md"), release.join("en.md"))?;
        std::fs::copy(dir.join("fr.md"), release.join("fr.md"))?;
        std::fs::write(
            release.join("release.toml"),
            "date = 2025-01-01\nstatus = \"draft\"\n\n[slug]\nen = \"x\"\nfr = \"x\"\n",
        )?;
        count += 1;
    }
    Ok(count)
}
