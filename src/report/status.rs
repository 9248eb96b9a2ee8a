//! `bitext status`: one line per release with its counts of segments and
//! pairs by status, aligned in columns.

use crate::pairing::{PairStatus, PairedRelease};
use crate::tr;

/// The counts shown for one release.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub segments: usize,
    pub pairs: usize,
    pub in_sync: usize,
    pub drifted: usize,
    pub edited: usize,
    pub missing: usize,
    pub not_signed_off: usize,
    pub one_sided: usize,
}

impl Counts {
    pub fn of(paired: &PairedRelease) -> Self {
        let mut counts = Counts {
            segments: paired.source.len() + paired.target.len(),
            pairs: paired.pairs.len(),
            ..Counts::default()
        };
        for pair in &paired.pairs {
            match pair.status {
                PairStatus::InSync => counts.in_sync += 1,
                PairStatus::OneSided => counts.one_sided += 1,
                PairStatus::SourceDrifted { .. } => counts.drifted += 1,
                PairStatus::TargetEdited => counts.edited += 1,
                PairStatus::NotSignedOff => counts.not_signed_off += 1,
                PairStatus::MissingTranslation | PairStatus::MissingSource { .. } => counts.missing += 1,
            }
        }
        counts
    }
}

pub fn render(rows: &[(String, Counts)]) -> String {
    let headers = [
        tr!("status-release"),
        tr!("status-segments"),
        tr!("status-in-sync"),
        tr!("status-drifted"),
        tr!("status-edited"),
        tr!("status-missing"),
        tr!("status-not-signed-off"),
        tr!("status-one-sided"),
    ];
    let cells: Vec<[String; 8]> = rows
        .iter()
        .map(|(slug, c)| {
            [
                slug.clone(),
                c.segments.to_string(),
                c.in_sync.to_string(),
                c.drifted.to_string(),
                c.edited.to_string(),
                c.missing.to_string(),
                c.not_signed_off.to_string(),
                c.one_sided.to_string(),
            ]
        })
        .collect();
    table(&headers, &cells)
}

/// How much of one document's source is translated and in sync, by
/// source segments: the shares `status` gives for collection pages.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Shares {
    pub source_segments: usize,
    /// Source segments that have a target partner (or are one-sided on
    /// purpose).
    pub translated: usize,
    /// Source segments whose pair is as signed off.
    pub in_sync: usize,
}

impl Shares {
    pub fn of(paired: &PairedRelease) -> Self {
        let mut shares = Shares {
            source_segments: paired.source.len(),
            ..Shares::default()
        };
        for pair in &paired.pairs {
            let n = pair.alignment.source.len();
            if !matches!(pair.status, PairStatus::MissingTranslation) {
                shares.translated += n;
            }
            if matches!(pair.status, PairStatus::InSync | PairStatus::OneSided) {
                shares.in_sync += n;
            }
        }
        shares
    }

    pub fn add(&mut self, other: Shares) {
        self.source_segments += other.source_segments;
        self.translated += other.translated;
        self.in_sync += other.in_sync;
    }

    /// A share as a whole percentage, rounded down so that 100% means all.
    pub fn percent(part: usize, whole: usize) -> String {
        if whole == 0 {
            return "100%".to_owned();
        }
        format!("{}%", part * 100 / whole)
    }
}

/// One page of a collection in `status`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PageStatus {
    pub source: String,
    pub target: String,
    pub counts: Counts,
    pub shares: Shares,
}

/// One collection in `status`: its pages and the pages with no partner.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CollectionStatus {
    pub name: String,
    pub rule: String,
    pub pages: Vec<PageStatus>,
    pub missing: Vec<String>,
    pub english_only: Vec<String>,
    pub orphans: Vec<String>,
    pub shares: Shares,
}

/// The human view of the collections: a summary line, then a table of
/// pages with their shares.
pub fn render_collections(collections: &[CollectionStatus]) -> String {
    let mut out = String::new();
    for c in collections {
        out.push('\n');
        out.push_str(&tr!(
            "status-collection",
            name = &c.name,
            documents = c.pages.len(),
            missing = c.missing.len(),
            orphans = c.orphans.len(),
            translated = Shares::percent(c.shares.translated, c.shares.source_segments),
            in_sync = Shares::percent(c.shares.in_sync, c.shares.source_segments)
        ));
        out.push('\n');
        let headers = [
            tr!("status-document"),
            tr!("status-segments"),
            tr!("status-translated"),
            tr!("status-in-sync-share"),
            tr!("status-drifted"),
            tr!("status-missing"),
            tr!("status-not-signed-off"),
        ];
        let cells: Vec<[String; 7]> = c
            .pages
            .iter()
            .map(|p| {
                [
                    p.source.clone(),
                    p.counts.segments.to_string(),
                    Shares::percent(p.shares.translated, p.shares.source_segments),
                    Shares::percent(p.shares.in_sync, p.shares.source_segments),
                    p.counts.drifted.to_string(),
                    p.counts.missing.to_string(),
                    p.counts.not_signed_off.to_string(),
                ]
            })
            .collect();
        out.push_str(&table(&headers, &cells));
    }
    out
}

/// The one column layout of `status`, for releases and for collection
/// pages alike: the first column left-aligned, the others right-aligned two
/// spaces apart, each as wide as its widest cell or header.
fn table<const N: usize>(headers: &[String; N], cells: &[[String; N]]) -> String {
    let mut widths = headers.clone().map(|h| h.chars().count());
    for row in cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |row: &[String]| -> String {
        let mut text = String::new();
        for (i, cell) in row.iter().enumerate() {
            // `format!` pads by characters, which is what widths count.
            if i == 0 {
                text.push_str(&format!("{cell:<w$}", w = widths[0]));
            } else {
                text.push_str(&format!("  {cell:>w$}", w = widths[i]));
            }
        }
        text.trim_end().to_owned() + "\n"
    };
    let mut out = line(headers);
    for row in cells {
        out.push_str(&line(row));
    }
    out
}
