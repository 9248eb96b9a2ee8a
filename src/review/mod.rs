//! The review page of `bitext align --html`: one self-contained HTML file
//! (inline CSS and script, nothing fetched) with a release's pairs side by
//! side, the source's insertions and deletions since sign-off highlighted,
//! each finding beside its pair, and filters by status. The page is a
//! minijinja template with HTML auto-escaping, so release text can never
//! inject markup. Which pairs exist and what their status is comes from
//! `pairing`; which findings exist comes from `check`.

use minijinja::Environment;
use serde::Serialize;

use crate::diagnostic::{Finding, Location, Report};
use crate::document::segment::Segment;
use crate::document::source::SourceFile;
use crate::error::{Error, Result};
use crate::pairing::{join_text, Pair, PairedRelease};
use crate::report::align::{status_label, status_severity};
use crate::report::word_diff::{word_diff, Change};
use crate::tr;
use crate::workspace::Workspace;

const TEMPLATE_NAME: &str = "review.html";
const TEMPLATE: &str = include_str!("review.html");

#[derive(Serialize)]
struct Span {
    /// `same`, `del` or `ins`.
    change: &'static str,
    text: String,
}

#[derive(Serialize)]
struct Cell {
    line: usize,
    kind: String,
    spans: Vec<Span>,
}

#[derive(Serialize)]
struct Note {
    severity: &'static str,
    severity_label: String,
    code: &'static str,
    message: String,
}

#[derive(Serialize)]
struct Row {
    status: &'static str,
    status_label: String,
    /// `error`, `warning` or `ok`: how the status is coloured.
    level: &'static str,
    source: Vec<Cell>,
    target: Vec<Cell>,
    signed_off: Option<String>,
    findings: Vec<Note>,
}

#[derive(Serialize)]
struct Page<'a> {
    /// The UI language, for `<html lang>`: the page's own words are in it.
    ui_lang: &'static str,
    labels: Labels,
    slug: &'a str,
    title: &'a str,
    source_lang: String,
    target_lang: String,
    source_path: String,
    target_path: String,
    statuses: Vec<StatusCount>,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct StatusCount {
    name: &'static str,
    label: String,
    count: usize,
}

/// The page's own words, in the UI language.
#[derive(Serialize)]
struct Labels {
    title: String,
    summary: String,
    show: String,
    status: String,
    source_column: String,
    target_column: String,
    findings: String,
    none: String,
    signed_off: String,
    colon: String,
}

/// Renders the review page of one paired release; `report` holds the
/// findings of that release (from `checks::driver::check`).
pub fn render(ws: &Workspace, paired: &PairedRelease, report: &Report) -> Result<String> {
    let mut rows: Vec<Row> = paired.pairs.iter().map(|pair| row(paired, pair)).collect();
    let ranges: Vec<_> = paired
        .pairs
        .iter()
        .map(|pair| line_ranges(paired, pair))
        .collect();
    for finding in &report.findings {
        if finding.release.as_deref() != Some(paired.release.slug.as_str()) {
            continue;
        }
        if let Some(index) = owner(finding, &ranges) {
            rows[index].findings.push(Note {
                severity: finding.severity.as_str(),
                severity_label: crate::report::severity_name(finding.severity),
                code: finding.code.as_str(),
                message: finding.message.clone(),
            });
        }
    }
    let mut statuses: Vec<StatusCount> = Vec::new();
    for row in &rows {
        match statuses.iter_mut().find(|s| s.name == row.status) {
            Some(s) => s.count += 1,
            None => statuses.push(StatusCount {
                name: row.status,
                label: row.status_label.clone(),
                count: 1,
            }),
        }
    }
    let mut env = Environment::new();
    env.add_template(TEMPLATE_NAME, TEMPLATE)
        .map_err(|e| Error::ReviewTemplate { error: e.to_string() })?;
    let template = env
        .get_template(TEMPLATE_NAME)
        .map_err(|e| Error::ReviewTemplate { error: e.to_string() })?;
    let title = paired
        .source
        .first()
        .map_or(paired.release.slug.as_str(), |s| s.text.as_str());
    let findings = report
        .findings
        .iter()
        .filter(|f| f.release.as_deref() == Some(paired.release.slug.as_str()))
        .count();
    let labels = Labels {
        title: tr!("review-title", release = &paired.release.slug),
        summary: tr!("review-summary", pairs = rows.len(), findings = findings),
        show: tr!("review-show"),
        status: tr!("review-status"),
        source_column: tr!(
            "review-column",
            lang = ws.source.name(),
            tag = ws.source.to_string()
        ),
        target_column: tr!(
            "review-column",
            lang = ws.target.name(),
            tag = ws.target.to_string()
        ),
        findings: tr!("review-findings"),
        none: tr!("review-none"),
        signed_off: tr!("review-signed-off"),
        colon: tr!("colon"),
    };
    template
        .render(minijinja::Value::from(minijinja::value::Serde(Page {
            ui_lang: crate::ui::lang().code(),
            labels,
            slug: &paired.release.slug,
            title,
            source_lang: ws.source.to_string(),
            target_lang: ws.target.to_string(),
            source_path: paired.release.source.path().display().to_string(),
            target_path: paired.release.target.path().display().to_string(),
            statuses,
            rows,
        })))
        .map_err(|e| Error::ReviewTemplate { error: e.to_string() })
}

fn row(paired: &PairedRelease, pair: &Pair) -> Row {
    let source = paired.source_segments(pair);
    let signed_off = paired.signed_off_source(pair).map(str::to_owned);
    let source_cells = match &signed_off {
        Some(before) => source
            .first()
            .map(|first| Cell {
                line: paired.release.source.position(first.span.start).line,
                kind: kind_label(first),
                spans: word_diff(before, &join_text(source))
                    .into_iter()
                    .map(|(change, text)| Span {
                        change: match change {
                            Change::Same => "same",
                            Change::Removed => "del",
                            Change::Added => "ins",
                        },
                        text,
                    })
                    .collect(),
            })
            .into_iter()
            .collect(),
        None => cells(&paired.release.source, source),
    };
    Row {
        status: pair.status.name(),
        status_label: status_label(pair.status),
        level: status_severity(pair.status).map_or("ok", |s| s.as_str()),
        source: source_cells,
        target: cells(&paired.release.target, paired.target_segments(pair)),
        signed_off,
        findings: Vec::new(),
    }
}

fn kind_label(segment: &Segment) -> String {
    tr!("segment-kind", kind = segment.kind.name())
}

fn cells(file: &SourceFile, segments: &[Segment]) -> Vec<Cell> {
    segments
        .iter()
        .map(|seg| Cell {
            line: file.position(seg.span.start).line,
            kind: kind_label(seg),
            spans: vec![Span {
                change: "same",
                text: seg.text.clone(),
            }],
        })
        .collect()
}

type Lines = Option<(usize, usize)>;

/// The first and last line of each side of a pair.
fn line_ranges(paired: &PairedRelease, pair: &Pair) -> (Lines, Lines) {
    let range = |file: &SourceFile, segments: &[Segment]| {
        let first = segments.first()?;
        let last = segments.last()?;
        Some((
            file.position(first.span.start).line,
            file.position(last.span.end.saturating_sub(1).max(last.span.start))
                .line,
        ))
    };
    (
        range(&paired.release.source, paired.source_segments(pair)),
        range(&paired.release.target, paired.target_segments(pair)),
    )
}

/// The pair a finding is about: the one whose source lines hold the
/// finding's source line, else whose target lines hold its target line.
fn owner(finding: &Finding, ranges: &[(Lines, Lines)]) -> Option<usize> {
    let within = |line: usize, range: Lines| range.is_some_and(|(a, b)| (a..=b).contains(&line));
    let line = |at: &Option<Location>| at.as_ref().map(|at| at.position().line);
    line(&finding.source)
        .and_then(|line| ranges.iter().position(|(s, _)| within(line, *s)))
        .or_else(|| line(&finding.target).and_then(|line| ranges.iter().position(|(_, t)| within(line, *t))))
}
