use std::path::Path;

use super::*;
use crate::document::markdown::segment;
use crate::document::source::SourceFile;

fn features(text: &str) -> SideFeatures<'static> {
    // The features borrow their segments; a test's may live as long as it.
    let segments = segment(&SourceFile::new(Path::new("t.md"), text.to_owned()));
    SideFeatures::new(Box::leak(segments.into_boxed_slice()))
}

fn shape(alignments: &[Alignment]) -> Vec<(usize, usize)> {
    alignments
        .iter()
        .map(|a| (a.source.len(), a.target.len()))
        .collect()
}

const EN: &str = "# Chiefs meet in London\n\nThe UK and France met in London on 11 March 2025.\n\nThe meeting at PJHQ in Northwood lasted three days and involved 1,500 staff.\n\nAdmiral Sir Tony Radakin said the partnership was vital.\n";
const FR: &str = "# Les chefs se réunissent à Londres\n\nLe Royaume-Uni et la France se sont réunis à Londres le 11 mars 2025.\n\nLa réunion au PJHQ de Northwood a duré trois jours et a mobilisé 1 500 personnes.\n\nL’amiral Sir Tony Radakin a déclaré que le partenariat était essentiel.\n";

#[test]
fn parallel_documents_align_one_to_one() {
    assert_eq!(
        shape(&align(&features(EN), &features(FR), None, 1.15)),
        vec![(1, 1); 4]
    );
}

#[test]
fn a_paragraph_split_in_two_aligns_one_to_two() {
    let fr = FR.replace(
        "a duré trois jours et a mobilisé 1 500 personnes.",
        "a duré trois jours.\n\nElle a mobilisé 1 500 personnes.",
    );
    assert_eq!(
        shape(&align(&features(EN), &features(&fr), None, 1.15)),
        vec![(1, 1), (1, 1), (1, 2), (1, 1)]
    );
}

#[test]
fn an_inserted_paragraph_is_one_sided_without_a_lock() {
    let en = EN.replace(
        "Admiral Sir",
        "Talks on the Combined Joint Expeditionary Force (CJEF) will continue in 2026 at the request of both governments.\n\nAdmiral Sir",
    );
    assert_eq!(
        shape(&align(&features(&en), &features(FR), None, 1.15)),
        vec![(1, 1), (1, 1), (1, 1), (1, 0), (1, 1)]
    );
}

#[test]
fn locked_chain_keeps_document_order_and_drops_overlaps() {
    let a = |s: usize, t: usize| Alignment {
        source: s..s + 1,
        target: t..t + 1,
    };
    let chain = longest_increasing_chain(vec![a(0, 0), a(1, 5), a(2, 1), a(3, 2), a(4, 3)]);
    assert_eq!(chain, vec![a(0, 0), a(2, 1), a(3, 2), a(4, 3)]);
}

#[test]
fn normal_cdf_is_accurate_enough() {
    assert!((normal_cdf(0.0) - 0.5).abs() < 1e-6);
    assert!((normal_cdf(1.96) - 0.975).abs() < 1e-3);
}
