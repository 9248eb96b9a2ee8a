//! Structure that differs between the sides of a pair: a heading paired
//! with a paragraph, headings of different levels, a list item paired with
//! running text, and lists with a different number of items (items merged
//! or split in translation).

use super::{Check, Context, Hit, Side};
use crate::diagnostic::Code;
use crate::document::segment::SegmentKind;

pub struct Structure;

fn role(kind: SegmentKind) -> &'static str {
    match kind {
        SegmentKind::Heading(_) => "heading",
        SegmentKind::ListItem => "list-item",
        SegmentKind::Paragraph | SegmentKind::Quote => "paragraph",
        SegmentKind::TableRow => "table-row",
        SegmentKind::Image => "image",
        SegmentKind::Boilerplate => "boilerplate",
    }
}

/// Whether both headings step from the nearest heading before them on
/// their side by the same amount. A site's template often puts a page's
/// headings one level lower in one language (`<h3>`/`<h4>` against `##`/
/// `###` all through a real GC guide): the outline is the same, only its
/// first level differs, and every heading of the page was a warning.
fn same_step(source: &Side, target: &Side, a: u8, b: u8) -> bool {
    let previous = |side: &Side| {
        side.before.iter().rev().find_map(|s| match s.kind {
            SegmentKind::Heading(level) => Some(i32::from(level)),
            _ => None,
        })
    };
    match (previous(source), previous(target)) {
        (Some(pa), Some(pb)) => i32::from(a) - pa == i32::from(b) - pb,
        _ => false,
    }
}

impl Check for Structure {
    fn codes(&self) -> &'static [Code] {
        &[Code::KindMismatch, Code::HeadingLevel, Code::ListLength]
    }

    fn check(&self, cx: &Context, source: &Side, target: &Side, out: &mut Vec<Hit>) {
        let items = |side: &Side| {
            side.segments
                .iter()
                .filter(|s| s.kind == SegmentKind::ListItem)
                .count()
        };
        let (source_items, target_items) = (items(source), items(target));
        if source_items > 0 && target_items > 0 && source_items != target_items {
            out.push(Hit::new(
                Code::ListLength,
                crate::tr!(
                    "list-length",
                    source_count = source_items,
                    source = cx.source.name(),
                    target_count = target_items,
                    target = cx.target.name()
                ),
            ));
            return;
        }
        let ([s], [t]) = (source.segments, target.segments) else {
            return;
        };
        match (s.kind, t.kind) {
            (SegmentKind::Heading(a), SegmentKind::Heading(b))
                if a != b && !same_step(source, target, a, b) =>
            {
                out.push(Hit::new(
                    Code::HeadingLevel,
                    crate::tr!(
                        "heading-level",
                        source_level = u32::from(a),
                        source = cx.source.name(),
                        target_level = u32::from(b),
                        target = cx.target.name()
                    ),
                ))
            }
            (a, b) if role(a) != role(b) && ![a, b].contains(&SegmentKind::Image) => out.push(Hit::new(
                Code::KindMismatch,
                crate::tr!(
                    "kind-mismatch",
                    source_kind = crate::tr!("segment-role", kind = role(a)),
                    source = cx.source.name(),
                    target_kind = crate::tr!("segment-role", kind = role(b)),
                    target = cx.target.name()
                ),
            )),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_util::Fixture;

    fn codes(en: &str, fr: &str) -> Vec<Code> {
        Fixture::new("fr-FR").codes(&Structure, en, fr)
    }

    #[test]
    fn headings_and_paragraphs_must_agree() {
        assert!(codes("## Background", "## Contexte").is_empty());
        assert_eq!(codes("## Background", "### Contexte"), [Code::HeadingLevel]);
        assert_eq!(codes("## Background", "Contexte"), [Code::KindMismatch]);
        assert_eq!(
            codes("- UK and France", "Le Royaume-Uni et la France"),
            [Code::KindMismatch]
        );
    }

    #[test]
    fn merged_list_items_are_reported() {
        assert_eq!(
            codes("- Ukraine\n- Security\n", "- L’Ukraine et la sécurité\n"),
            [Code::ListLength]
        );
        assert!(codes("- Ukraine\n- Security\n", "- L’Ukraine\n- La sécurité\n").is_empty());
    }
}
