//! How one release uses boilerplate: its references in both languages
//! compared (a message used in one language only, or with other arguments),
//! ids defined in neither or only one language, and references that Fluent
//! cannot resolve (a missing variable, a bad date). A block reference is
//! also a segment that pairing sees; when it has no partner, `check` leaves
//! the report to `boilerplate-unpaired` here rather than reporting the same
//! thing twice. Reading the references is `reference`'s job: they come in
//! already read, once per release.

use std::collections::BTreeMap;

use crate::diagnostic::{Code, Finding, Location, Origin};
use crate::release::Release;
use crate::workspace::{Language, Workspace};

use super::expand::{arguments, format};
use super::reference::Reference;
use super::{Boilerplate, Locale};

/// One document of a release: where its findings point, and its references.
pub struct Document<'a> {
    pub origin: &'a Origin,
    pub references: &'a [Reference],
}

struct Side<'a> {
    lang: &'a Language,
    origin: &'a Origin,
    locale: &'a Locale,
    refs: &'a [Reference],
}

impl Side<'_> {
    fn location(&self, reference: &Reference) -> Location {
        self.origin.at(reference.span.clone())
    }
}

/// The boilerplate findings of one release.
pub fn findings(
    ws: &Workspace,
    bp: &Boilerplate,
    release: &Release,
    source: Document,
    target: Document,
) -> Vec<Finding> {
    let source = Side {
        lang: &ws.source,
        origin: source.origin,
        locale: &bp.source,
        refs: source.references,
    };
    let target = Side {
        lang: &ws.target,
        origin: target.origin,
        locale: &bp.target,
        refs: target.references,
    };
    let mut out = Vec::new();
    let mut push = |code: Code, message: String, s: Option<Location>, t: Option<Location>| {
        if let Some(severity) = ws.severity(code) {
            let mut finding = Finding::new(code, severity, message);
            finding.release = Some(release.slug.clone());
            finding.source = s;
            finding.target = t;
            out.push(finding);
        }
    };
    for (side, other) in [(&source, &target), (&target, &source)] {
        let on_side = |r: &Reference| {
            let at = Some(side.location(r));
            if std::ptr::eq(side, &source) {
                (at, None)
            } else {
                (None, at)
            }
        };
        for reference in side.refs {
            let (s, t) = on_side(reference);
            let id = &reference.id;
            match (side.locale.has(id), other.locale.has(id)) {
                (false, false) => push(
                    Code::BoilerplateUnknown,
                    crate::tr!(
                        "boilerplate-unknown",
                        id = id,
                        source_dir = bp.source.dir.display(),
                        target_dir = bp.target.dir.display()
                    ),
                    s,
                    t,
                ),
                (true, false) | (false, true) => {
                    let (has, lacks) = if side.locale.has(id) {
                        (side.locale, other.locale)
                    } else {
                        (other.locale, side.locale)
                    };
                    let place = has
                        .get(id)
                        .map(|at| {
                            let (path, position) = has.position(at);
                            format!(" ({}:{})", path.display(), position.line)
                        })
                        .unwrap_or_default();
                    push(
                        Code::BoilerplateIncomplete,
                        crate::tr!(
                            "boilerplate-incomplete",
                            id = id,
                            has = has.lang.name(),
                            place = place,
                            lacks = lacks.lang.name(),
                            dir = lacks.dir.display()
                        ),
                        s,
                        t,
                    )
                }
                (true, true) => {
                    let args = arguments(&release.meta, side.lang, reference);
                    if let Err(fluent) = format(side.locale, reference, &args) {
                        push(
                            Code::BoilerplateUnresolved,
                            crate::tr!(
                                "boilerplate-unresolved",
                                reference = reference.to_string(),
                                lang = side.lang.name(),
                                error = fluent
                            ),
                            s,
                            t,
                        );
                    }
                }
            }
        }
    }
    pair_references(&source, &target, &mut push);
    out
}

/// Matches the references of both languages by id: same arguments first,
/// then a pair with different arguments, then what is left on one side.
fn pair_references(
    source: &Side,
    target: &Side,
    push: &mut impl FnMut(Code, String, Option<Location>, Option<Location>),
) {
    let mut by_id: BTreeMap<&str, (Vec<&Reference>, Vec<&Reference>)> = BTreeMap::new();
    for r in source.refs {
        by_id.entry(&r.id).or_default().0.push(r);
    }
    for r in target.refs {
        by_id.entry(&r.id).or_default().1.push(r);
    }
    let (s_name, t_name) = (source.lang.name(), target.lang.name());
    for (id, (mut s_refs, mut t_refs)) in by_id {
        s_refs.retain(|s| match t_refs.iter().position(|t| t.args == s.args) {
            Some(i) => {
                t_refs.remove(i);
                false
            }
            None => true,
        });
        let paired = s_refs.len().min(t_refs.len());
        for (s, t) in s_refs.iter().zip(&t_refs) {
            push(
                Code::BoilerplateArguments,
                crate::tr!(
                    "boilerplate-arguments",
                    id = id,
                    source = &s_name,
                    source_reference = s.to_string(),
                    target = &t_name,
                    target_reference = t.to_string()
                ),
                Some(source.location(s)),
                Some(target.location(t)),
            );
        }
        for s in &s_refs[paired..] {
            push(
                Code::BoilerplateUnpaired,
                crate::tr!(
                    "boilerplate-unpaired",
                    has = &s_name,
                    reference = s.to_string(),
                    lacks = &t_name
                ),
                Some(source.location(s)),
                None,
            );
        }
        for t in &t_refs[paired..] {
            push(
                Code::BoilerplateUnpaired,
                crate::tr!(
                    "boilerplate-unpaired",
                    has = &t_name,
                    reference = t.to_string(),
                    lacks = &s_name
                ),
                None,
                Some(target.location(t)),
            );
        }
    }
}
