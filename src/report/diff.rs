//! `bitext diff`: every action a translator owes on a release, in document
//! order, worked out from its pairs and its sign-off record:
//!
//! - `new-source`: English never signed off (with the French, if written);
//! - `source-drifted`: the English word diff since sign-off, beside the
//!   French that must follow;
//! - `target-edited`: the French word diff since sign-off (from the French
//!   the lock recorded), beside the English;
//! - `source-removed`: English deleted since sign-off, beside the French
//!   that is still there.
//!
//! `actions` builds them as data; `render` prints them for people and
//! `render_json` as the JSON documented in the README.

use serde::Serialize;

use crate::document::segment::Segment;
use crate::document::source::SourceFile;
use crate::pairing::{join_text, PairStatus, PairedRelease};
use crate::report::word_diff::{word_diff, Change};
use crate::report::Style;
use crate::tr;
use crate::workspace::Workspace;

/// Bumped only when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

/// Where a run of segments is now, and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub path: String,
    pub line: usize,
    pub text: String,
}

/// One side's text at sign-off and now, with the word diff between them.
/// `before` is `None` when the lock (version 1) did not record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    pub path: String,
    pub line: usize,
    pub before: Option<String>,
    pub after: String,
    pub changes: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// `same`, `removed` or `added`.
    pub change: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Action {
    /// English never signed off; `target` is its French if there is one.
    NewSource { source: Text, target: Option<Text> },
    /// The English changed since sign-off; the French did not.
    SourceDrifted { source: Changed, target: Text },
    /// The French changed since sign-off; the English did not.
    TargetEdited { source: Text, target: Changed },
    /// English deleted since sign-off (`source` is its text then); its
    /// French is still there.
    SourceRemoved { source: String, target: Text },
}

impl Action {
    pub fn kind(&self) -> &'static str {
        match self {
            Action::NewSource { .. } => "new-source",
            Action::SourceDrifted { .. } => "source-drifted",
            Action::TargetEdited { .. } => "target-edited",
            Action::SourceRemoved { .. } => "source-removed",
        }
    }
}

fn text(file: &SourceFile, segments: &[Segment]) -> Option<Text> {
    let first = segments.first()?;
    Some(Text {
        path: file.path().display().to_string(),
        line: file.position(first.span.start).line,
        text: join_text(segments),
    })
}

fn changed(now: Text, before: Option<&str>) -> Changed {
    let changes = before.map_or_else(Vec::new, |before| {
        word_diff(before, &now.text)
            .into_iter()
            .map(|(change, text)| Span {
                change: match change {
                    Change::Same => "same",
                    Change::Removed => "removed",
                    Change::Added => "added",
                },
                text,
            })
            .collect()
    });
    Changed {
        path: now.path,
        line: now.line,
        before: before.map(str::to_owned),
        after: now.text,
        changes,
    }
}

/// The actions a translator owes on a release, in document order.
pub fn actions(paired: &PairedRelease) -> Vec<Action> {
    let (source_file, target_file) = (&paired.release.source, &paired.release.target);
    paired
        .pairs
        .iter()
        .filter_map(|pair| {
            let source = text(source_file, paired.source_segments(pair));
            let target = text(target_file, paired.target_segments(pair));
            let entry = paired.signed_off_entry(pair);
            match pair.status {
                PairStatus::NotSignedOff | PairStatus::MissingTranslation => Some(Action::NewSource {
                    source: source?,
                    target,
                }),
                PairStatus::SourceDrifted { .. } => Some(Action::SourceDrifted {
                    source: changed(source?, entry.map(|e| e.source_text.as_str())),
                    target: target?,
                }),
                PairStatus::TargetEdited => Some(Action::TargetEdited {
                    source: source?,
                    target: changed(target?, entry.and_then(|e| e.target_text.as_deref())),
                }),
                PairStatus::MissingSource { removed: true } => Some(Action::SourceRemoved {
                    source: entry
                        .map(|e| e.source_text.as_str().to_owned())
                        .unwrap_or_default(),
                    target: target?,
                }),
                PairStatus::InSync | PairStatus::OneSided | PairStatus::MissingSource { removed: false } => {
                    None
                }
            }
        })
        .collect()
}

/// One indented line of an action: its label in bold, then the text.
fn labelled(out: &mut String, style: Style, label: &str, text: &str) {
    out.push_str(&format!("  {} {text}\n", style.bold(label)));
}

pub fn render(ws: &Workspace, paired: &PairedRelease, style: Style) -> String {
    let (source_lang, target_lang) = (ws.source.name(), ws.target.name());
    let actions = actions(paired);
    let mut out = String::new();
    let header = |kind: &str, path: &str, line: usize| {
        format!(
            "{} {path}:{line}\n",
            style.severity(crate::diagnostic::Severity::Error, kind)
        )
    };
    for action in &actions {
        match action {
            Action::NewSource { source, target } => {
                out.push_str(&header(action.kind(), &source.path, source.line));
                let label = tr!("diff-new-source", lang = source_lang.as_str());
                labelled(&mut out, style, &label, &source.text);
                match target {
                    Some(t) => {
                        let label = tr!(
                            "diff-target-now",
                            lang = target_lang.as_str(),
                            path = t.path.as_str(),
                            line = t.line
                        );
                        labelled(&mut out, style, &label, &t.text);
                    }
                    None => {
                        let label = tr!("diff-target-missing", lang = target_lang.as_str());
                        out.push_str(&format!("  {}\n", style.bold(&label)));
                    }
                }
            }
            Action::SourceDrifted { source, target } => {
                out.push_str(&header(action.kind(), &source.path, source.line));
                let label = tr!("diff-source-since", lang = source_lang.as_str());
                labelled(&mut out, style, &label, &shown_diff(style, source));
                let label = tr!(
                    "diff-target-now",
                    lang = target_lang.as_str(),
                    path = target.path.as_str(),
                    line = target.line
                );
                labelled(&mut out, style, &label, &target.text);
            }
            Action::TargetEdited { source, target } => {
                out.push_str(&header(action.kind(), &target.path, target.line));
                let label = if target.before.is_some() {
                    tr!("diff-target-since", lang = target_lang.as_str())
                } else {
                    tr!("diff-target-unrecorded", lang = target_lang.as_str())
                };
                labelled(&mut out, style, &label, &shown_diff(style, target));
                let label = tr!(
                    "diff-source-now",
                    lang = source_lang.as_str(),
                    path = source.path.as_str(),
                    line = source.line
                );
                labelled(&mut out, style, &label, &source.text);
            }
            Action::SourceRemoved { source, target } => {
                out.push_str(&header(action.kind(), &target.path, target.line));
                let label = tr!("diff-source-removed", lang = source_lang.as_str());
                labelled(&mut out, style, &label, &style.removed(source));
                let label = tr!(
                    "diff-target-left",
                    lang = target_lang.as_str(),
                    path = target.path.as_str(),
                    line = target.line
                );
                labelled(&mut out, style, &label, &target.text);
            }
        }
        out.push('\n');
    }
    if actions.is_empty() {
        out.push_str(&tr!("diff-nothing", release = paired.release.slug.as_str()));
        out.push('\n');
    }
    out
}

/// A changed side as people read it: the word diff, or the text now when
/// the lock did not record it.
fn shown_diff(style: Style, side: &Changed) -> String {
    match &side.before {
        Some(before) => style.word_diff(before, &side.after),
        None => side.after.clone(),
    }
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    version: u32,
    release: &'a str,
    actions: Vec<Action>,
}

/// The same actions as JSON: `{"version", "release", "actions": [...]}`.
pub fn render_json(paired: &PairedRelease) -> String {
    let json = JsonDiff {
        version: JSON_VERSION,
        release: &paired.release.slug,
        actions: actions(paired),
    };
    let mut text = serde_json::to_string_pretty(&json).expect("diff serialises");
    text.push('\n');
    text
}
