use std::path::Path;

use std::ops::Range;

use super::*;
use crate::document::markdown::segment;
use crate::document::segment::Segment;
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

/// Every real page of tests/corpus, one after the other, as one long
/// release of about 3,000 segments a side.
fn long_release() -> (String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut pages: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|site| std::fs::read_dir(site.ok()?.path()).ok())
        .flatten()
        .map(|page| page.unwrap().path())
        .filter(|page| page.join("en.md").is_file())
        .collect();
    pages.sort();
    let read = |file: &str| -> String {
        pages
            .iter()
            .map(|page| std::fs::read_to_string(page.join(file)).unwrap())
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    (read("en.md"), read("fr.md"))
}

/// The lock of an alignment, as sign-off records it.
fn lock_of(source: &SideFeatures, target: &SideFeatures, alignments: &[Alignment]) -> Lock {
    let text = |side: &SideFeatures, run: &Range<usize>| {
        side.segments[run.clone()]
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    Lock::new(
        alignments
            .iter()
            .map(|a| crate::pairing::lock::LockedPair {
                source: crate::pairing::lock::Hashes::from_slice(&source.hashes[a.source.clone()]),
                target: crate::pairing::lock::Hashes::from_slice(&target.hashes[a.target.clone()]),
                source_text: text(source, &a.source).into(),
                target_text: (!a.target.is_empty()).then(|| text(target, &a.target).into()),
                one_sided: a.source.is_empty() || a.target.is_empty(),
            })
            .collect(),
    )
}

/// The gaps between the pairs a lock fixes are aligned on several threads
/// in a large release, and the result is the one a single thread gives:
/// a long release of real pages, signed off, then edited in many places
/// (runs of 20 English paragraphs reworded and one French paragraph
/// removed in each, every 200 segments).
#[test]
fn gaps_aligned_in_parallel_give_the_sequential_result() {
    let (en, fr) = long_release();
    let (source, target) = (features(&en), features(&fr));
    let signed = align(&source, &target, None, 1.15);
    let lock = lock_of(&source, &target, &signed);
    let mut en_segments = source.segments.to_vec();
    for (k, segment) in en_segments.iter_mut().enumerate() {
        if k % 200 < 20 {
            segment.text.push_str(" Updated after sign-off.");
        }
    }
    let fr_segments: Vec<Segment> = target
        .segments
        .iter()
        .enumerate()
        .filter(|(k, _)| k % 200 != 10)
        .map(|(_, s)| s.clone())
        .collect();
    let (source, target) = (SideFeatures::new(&en_segments), SideFeatures::new(&fr_segments));
    assert!(
        source.len() > 1_000 && target.len() > 1_000,
        "{} {}",
        source.len(),
        target.len()
    );
    let aligner = Aligner {
        source: &source,
        target: &target,
        lock: Some((
            &lock,
            LockedRuns::new(&source, &lock, true),
            LockedRuns::new(&target, &lock, false),
        )),
        length_ratio: 1.15,
        signed_source_words: signed_words_cache(Some(&lock)),
        signed_target_words: signed_words_cache(Some(&lock)),
    };
    let chain = aligner.locked_chain(&lock);
    let mut gaps = Vec::new();
    let (mut i, mut j) = (0, 0);
    for anchor in &chain {
        gaps.push((i..anchor.source.start, j..anchor.target.start));
        (i, j) = (anchor.source.end, anchor.target.end);
    }
    assert!(
        worth_parallel(&gaps),
        "the release is large enough to go parallel"
    );
    let parallel = align_with(&source, &target, Some(&lock), 1.15, Parallel::Auto);
    let sequential = align_with(&source, &target, Some(&lock), 1.15, Parallel::Never);
    assert_eq!(parallel, sequential);
    // Each covers both documents once, in order.
    let covered: usize = parallel.iter().map(|(a, _)| a.source.len()).sum();
    assert_eq!(covered, en_segments.len());
    // A pair marked as fixed by the lock is one that the lock's lookups
    // find in sync, and the edited ones are not marked.
    let locked: Vec<&Alignment> = parallel.iter().filter(|(_, l)| *l).map(|(a, _)| a).collect();
    assert!(
        locked.len() > 1_000 && locked.len() < parallel.len(),
        "{}",
        locked.len()
    );
    for alignment in locked {
        let status = crate::pairing::classify(alignment, &source, &target, Some(&lock));
        assert_eq!(status, crate::pairing::PairStatus::InSync, "{alignment:?}");
    }
}
