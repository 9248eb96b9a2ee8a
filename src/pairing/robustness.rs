//! Segmenting and aligning arbitrary damage to real documents never panics
//! and every segment's span stays inside its file, on character boundaries.
//! A deterministic stand-in for a fuzz target: it runs with the unit tests.

use std::path::Path;

use crate::document::markdown::segment;
use crate::document::source::SourceFile;
use crate::pairing::align::{align, SideFeatures};

const EN: &str = include_str!("../../tests/corpus/cds-digital-canada-blog/blog-cds-dto/en.md");
const FR: &str = include_str!("../../tests/corpus/gc-notify-docs/limits/fr.md");

/// Pieces that stress the parsers: unclosed HTML, template tags, fences,
/// references, tables, entities and multi-byte characters.
const PIECES: [&str; 16] = [
    "<p>", "</p>", "<li>", "{%", "%}", "{{<", ">}}", "{{@ x }}", "```", "\n\n", "| a |", "&nbsp;", "«\u{a0}",
    "\r\n", ":::", "<!--",
];

#[test]
fn damaged_documents_segment_and_align_without_panicking() {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for round in 0..300 {
        let base = if round % 2 == 0 { EN } else { FR };
        let mut text = base.to_owned();
        for _ in 0..1 + next(6) {
            let mut at = next(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if next(3) == 0 {
                let mut end = (at + next(200)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, "");
            } else {
                text.insert_str(at, PIECES[next(PIECES.len())]);
            }
        }
        let file = SourceFile::new(Path::new("fuzz.md"), text);
        let segments = segment(&file);
        for s in &segments {
            assert!(s.span.end <= file.text().len(), "round {round}");
            assert!(file.text().is_char_boundary(s.span.start), "round {round}");
            file.position(s.span.start);
        }
        let other = segment(&SourceFile::new(Path::new("b.md"), base.to_owned()));
        let pairs = align(
            &SideFeatures::new(&segments),
            &SideFeatures::new(&other),
            None,
            1.15,
        );
        let covered: usize = pairs.iter().map(|p| p.source.len()).sum();
        assert_eq!(
            covered,
            segments.len(),
            "round {round}: every source segment is aligned once"
        );
    }
}
