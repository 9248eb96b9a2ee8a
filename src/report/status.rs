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
    let mut widths = headers.clone().map(|h| h.chars().count());
    for row in &cells {
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
    let mut out = line(&headers);
    for row in &cells {
        out.push_str(&line(row));
    }
    out
}
