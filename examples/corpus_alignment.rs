//! Aligns every real EN/FR pair of a corpus folder (`<source>/<pair>/en.md`
//! and `fr.md`, as in `../shared/corpus/real`) without any sign-off record
//! and counts the segments left unpaired. The pairs are complete published
//! translations, so nearly every unpaired segment is a false alarm.
//!
//! cargo run --release --example corpus_alignment -- ../shared/corpus/real [-v]

use std::path::{Path, PathBuf};

use bitext::document::markdown::segment;
use bitext::document::source::SourceFile;
use bitext::pairing::align::{align, SideFeatures};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().ok_or("usage: corpus_alignment CORPUS_DIR [-v]")?);
    let verbose = args.next().as_deref() == Some("-v");
    let mut pairs = Vec::new();
    collect_pairs(&root, &mut pairs)?;
    pairs.sort();
    let (mut segments, mut unpaired, mut with_unpaired) = (0, 0, 0);
    for dir in &pairs {
        let en = SourceFile::read(&dir.join("en.md"))?;
        let fr = SourceFile::read(&dir.join("fr.md"))?;
        let (en_segments, fr_segments) = (segment(&en), segment(&fr));
        let alignment = align(
            &SideFeatures::new(&en_segments),
            &SideFeatures::new(&fr_segments),
            None,
            1.15,
        );
        segments += en_segments.len() + fr_segments.len();
        let lone: Vec<_> = alignment
            .iter()
            .filter(|a| a.source.is_empty() || a.target.is_empty())
            .collect();
        if !lone.is_empty() {
            with_unpaired += 1;
        }
        unpaired += lone.len();
        if verbose {
            for a in lone {
                let (side, seg) = match a.source.clone().next() {
                    Some(i) => ("en", &en_segments[i]),
                    None => ("fr", &fr_segments[a.target.start]),
                };
                let line = if side == "en" { &en } else { &fr }.position(seg.span.start).line;
                let text: String = seg.text.chars().take(90).collect();
                println!("{}/{side}.md:{line}: {}: {text}", dir.display(), seg.kind.name());
            }
        }
    }
    println!(
        "{} pairs, {segments} segments, {unpaired} unpaired segments in {with_unpaired} pairs",
        pairs.len()
    );
    Ok(())
}

fn collect_pairs(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if dir.join("en.md").is_file() && dir.join("fr.md").is_file() {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            collect_pairs(&entry.path(), out)?;
        }
    }
    Ok(())
}
