//! The two locale trees compared, as Mozilla's compare-locales does and
//! beyond: syntax errors and duplicate ids in either language; messages and
//! terms missing from the target or obsolete in it; attributes missing or
//! extra; `$variables`, message and term references used in one language
//! and not the other, on the whole and per select variant; plural selects
//! without every CLDR category the language needs; values left identical
//! to the source. Each finding points at the `.ftl` line of both sides.
//! How releases use the messages is `usage`'s concern.

use std::collections::HashSet;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use fluent_syntax::ast::Pattern;
use fluent_syntax::parser::ErrorKind;

use crate::diagnostic::{Code, Finding, Location};
use crate::workspace::{Language, Workspace};

use super::pattern::{self, Item, Usage};
use super::{describe_error, Boilerplate, EntryAt, EntryRef, Locale, Trees};

/// Every locale-tree finding of the workspace, sorted by file and line.
pub fn findings(ws: &Workspace, bp: &Boilerplate) -> Vec<Finding> {
    if bp.is_empty() {
        return Vec::new();
    }
    let checker = Checker {
        ws,
        source: &bp.source,
        target: &bp.target,
        source_junk: junk_ids(&bp.source),
        target_junk: junk_ids(&bp.target),
        source_name: bp.source.lang.name(),
        target_name: bp.target.lang.name(),
    };
    let mut out = Vec::new();
    for locale in [&bp.source, &bp.target] {
        checker.syntax(locale, &mut out);
        checker.duplicates(locale, &mut out);
    }
    // File by file, each file's tree parsed for its walk and dropped after
    // it. A target file is walked with the source file of the same name,
    // whose messages it mostly translates, so that it is parsed once.
    let (source_ids, target_ids) = (bp.source.order_by_file(), bp.target.order_by_file());
    let partners = partners(&bp.source, &bp.target);
    // Per source file: its findings, and those of its partner's ids.
    let walked: Vec<(Vec<Finding>, Vec<Finding>)> = (0..bp.source.files.len())
        .into_par_iter()
        .map(|f| {
            let ids = &bp.source.order[source_ids[f].clone()];
            let partner = partners[f];
            let sources = Trees::parse(&bp.source, (!ids.is_empty()).then_some(f));
            let counterparts: Vec<Option<EntryAt>> = ids.iter().map(|(id, _)| bp.target.get(id)).collect();
            let needed = counterparts.iter().flatten().map(|at| at.file);
            let targets = Trees::parse(&bp.target, partner.into_iter().chain(needed));
            let found = ids
                .par_iter()
                .zip(&counterparts)
                .flat_map_iter(|((id, at), target_at)| {
                    checker.source_entry(id, *at, *target_at, &sources, &targets)
                })
                .collect();
            let partner_found =
                partner.map_or_else(Vec::new, |g| checker.target_file(&target_ids[g], &targets));
            (found, partner_found)
        })
        .collect();
    let mut by_target: Vec<Option<Vec<Finding>>> = (0..bp.target.files.len()).map(|_| None).collect();
    for (f, (found, partner_found)) in walked.into_iter().enumerate() {
        out.extend(found);
        if let Some(g) = partners[f] {
            by_target[g] = Some(partner_found);
        }
    }
    // Target files without a source file of the same name, on their own.
    let alone: Vec<usize> = (0..by_target.len()).filter(|&g| by_target[g].is_none()).collect();
    let alone_found: Vec<Vec<Finding>> = alone
        .par_iter()
        .map(|&g| checker.target_file(&target_ids[g], &Trees::parse(&bp.target, [g])))
        .collect();
    for (g, found) in alone.into_iter().zip(alone_found) {
        by_target[g] = Some(found);
    }
    out.extend(by_target.into_iter().flatten().flatten());
    out.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    out
}

/// For each source file, the target file at the same path under its
/// locale folder, if there is one.
fn partners(source: &Locale, target: &Locale) -> Vec<Option<usize>> {
    let relative = |locale: &Locale, f: usize| {
        let path = locale.files[f].path();
        path.strip_prefix(&locale.dir).unwrap_or(path).to_path_buf()
    };
    let by_path: FxHashMap<_, usize> = (0..target.files.len())
        .map(|g| (relative(target, g), g))
        .collect();
    (0..source.files.len())
        .map(|f| by_path.get(&relative(source, f)).copied())
        .collect()
}

/// By file and offset, which orders as file, line and column do.
fn sort_key(finding: &Finding) -> Option<(&std::path::Path, usize)> {
    finding.primary().map(|l| (l.path(), l.span.start))
}

/// The plural categories a language needs in a plural select (CLDR 46
/// cardinal rules), or `None` when bitext does not know the language.
pub fn plural_categories(lang: &Language) -> Option<&'static [&'static str]> {
    match lang.code() {
        "en" | "de" | "nl" | "sv" | "da" | "nb" | "nn" | "no" | "fi" | "et" | "el" | "hu" | "bg" => {
            Some(&["one", "other"])
        }
        "fr" | "es" | "it" | "pt" | "ca" => Some(&["one", "many", "other"]),
        _ => None,
    }
}

/// Ids of entries that fluent-syntax turned into junk: they are reported as
/// syntax errors, not also as missing or obsolete.
fn junk_ids(locale: &Locale) -> HashSet<String> {
    let mut ids = HashSet::new();
    for file in &locale.files {
        let text = file.text();
        for error in &file.errors {
            let junk = error.slice.clone().and_then(|slice| text.get(slice));
            if let Some(id) = junk.and_then(junk_id) {
                ids.insert(id.to_owned());
            }
        }
    }
    ids
}

/// The id a junk entry was meant to define (`broken = …` → `broken`).
fn junk_id(junk: &str) -> Option<&str> {
    let junk = junk.trim_start();
    let len = junk
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        .count();
    (len > 0 && junk[len..].trim_start().starts_with('=')).then(|| &junk[..len])
}

struct Checker<'a> {
    ws: &'a Workspace,
    source: &'a Locale,
    target: &'a Locale,
    source_junk: HashSet<String>,
    target_junk: HashSet<String>,
    /// The languages' names, looked up once (each is a UI message).
    source_name: String,
    target_name: String,
}

/// One side of a finding: which locale, and where in it.
type Side<'a> = (&'a Locale, Location);

impl Checker<'_> {
    /// The name of a locale's language.
    fn name(&self, locale: &Locale) -> &str {
        if std::ptr::eq(locale, self.source) {
            &self.source_name
        } else {
            &self.target_name
        }
    }

    fn finding(
        &self,
        code: Code,
        message: String,
        source: Option<Side>,
        target: Option<Side>,
    ) -> Option<Finding> {
        let severity = self.ws.severity(code)?;
        let mut finding = Finding::new(code, severity, message);
        finding.source = source.map(|(_, at)| at);
        finding.target = target.map(|(_, at)| at);
        Some(finding)
    }

    /// The side of a finding at an entry's id.
    fn at<'l>(&self, locale: &'l Locale, at: EntryAt) -> Side<'l> {
        (locale, locale.location(at))
    }

    /// The side of a finding at a slice of an entry's file.
    fn at_slice<'l>(&self, locale: &'l Locale, at: EntryAt, slice: &str) -> Side<'l> {
        (
            locale,
            locale.location_in(at.file, locale.files[at.file].span_of(slice)),
        )
    }

    /// Puts a side on the source or the target half of a finding.
    fn sides<'l>(&self, side: Side<'l>) -> (Option<Side<'l>>, Option<Side<'l>>) {
        if std::ptr::eq(side.0, self.source) {
            (Some(side), None)
        } else {
            (None, Some(side))
        }
    }

    fn syntax(&self, locale: &Locale, out: &mut Vec<Finding>) {
        for (f, file) in locale.files.iter().enumerate() {
            for error in &file.errors {
                let code = if error.kind == ErrorKind::MissingDefaultVariant {
                    Code::LocaleDefaultVariantMissing
                } else {
                    Code::LocaleSyntax
                };
                // Point at the entry that became junk (its id is where the
                // reader looks); say where the parser stopped.
                let text = file.text();
                let (span, id) = match &error.slice {
                    Some(slice) => {
                        let junk = text.get(slice.clone()).unwrap_or_default();
                        let skipped = junk.len() - junk.trim_start().len();
                        ((slice.start + skipped).min(slice.end)..slice.end, junk_id(junk))
                    }
                    None => (error.pos.start..error.pos.start, None),
                };
                let stop = file.position(error.pos.start);
                let side = (locale, locale.location_in(f, span));
                let (lang, error, line, column) = (
                    self.name(locale),
                    describe_error(&error.kind),
                    stop.line,
                    stop.column,
                );
                let message = match id {
                    Some(id) => crate::tr!(
                        "locale-syntax-in",
                        lang = lang,
                        id = id,
                        error = error,
                        line = line,
                        column = column
                    ),
                    None => crate::tr!(
                        "locale-syntax",
                        lang = lang,
                        error = error,
                        line = line,
                        column = column
                    ),
                };
                let (source, target) = self.sides(side);
                out.extend(self.finding(code, message, source, target));
            }
        }
    }

    fn duplicates(&self, locale: &Locale, out: &mut Vec<Finding>) {
        for (id, first, later) in &locale.duplicates {
            let (path, position) = locale.position(*first);
            let message = crate::tr!(
                "locale-duplicate",
                id = id,
                lang = self.name(locale),
                path = path.display(),
                line = position.line
            );
            let (source, target) = self.sides(self.at(locale, *later));
            out.extend(self.finding(Code::LocaleDuplicate, message, source, target));
        }
    }

    /// The findings of a source id, defined in the target at `target_at`.
    fn source_entry(
        &self,
        id: &str,
        at: EntryAt,
        target_at: Option<EntryAt>,
        sources: &Trees,
        targets: &Trees,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        let Some(entry) = sources.entry(at) else {
            return out;
        };
        self.plurals(self.source, at, &entry, &mut out);
        let Some(target_at) = target_at else {
            if !self.target_junk.contains(id) {
                let kind = if id.starts_with('-') { "term" } else { "message" };
                let message = crate::tr!(
                    "locale-missing",
                    kind = kind,
                    id = id,
                    lang = &self.target_name,
                    dir = self.target.dir.display()
                );
                out.extend(self.finding(Code::LocaleMissing, message, Some(self.at(self.source, at)), None));
            }
            return out;
        };
        let Some(target) = targets.entry(target_at) else {
            return out;
        };
        self.compare(id, (at, &entry), (target_at, &target), &mut out);
        out
    }

    /// The findings of the target ids of one file, in order (`targets`
    /// holds that file's tree).
    fn target_file(&self, ids: &std::ops::Range<usize>, targets: &Trees) -> Vec<Finding> {
        self.target.order[ids.clone()]
            .par_iter()
            .flat_map_iter(|(id, at)| self.target_entry(id, *at, targets))
            .collect()
    }

    fn target_entry(&self, id: &str, at: EntryAt, targets: &Trees) -> Vec<Finding> {
        let mut out = Vec::new();
        let Some(entry) = targets.entry(at) else {
            return out;
        };
        self.plurals(self.target, at, &entry, &mut out);
        if !self.source.has(id) && !self.source_junk.contains(id) {
            let kind = if id.starts_with('-') { "term" } else { "message" };
            let message = crate::tr!(
                "locale-obsolete",
                kind = kind,
                id = id,
                target = &self.target_name,
                source = &self.source_name
            );
            out.extend(self.finding(
                Code::LocaleObsolete,
                message,
                None,
                Some(self.at(self.target, at)),
            ));
        }
        out
    }

    fn compare(
        &self,
        id: &str,
        (source_at, source): (EntryAt, &EntryRef),
        (target_at, target): (EntryAt, &EntryRef),
        out: &mut Vec<Finding>,
    ) {
        let (s_name, t_name) = (&self.source_name, &self.target_name);
        match (source.value(), target.value()) {
            (Some(s), Some(t)) => {
                self.patterns(id, "", (source_at, s), (target_at, t), out);
                if matches!(source, EntryRef::Message(_)) && s == t && has_words(s) {
                    let message =
                        crate::tr!("locale-untranslated", id = id, source = s_name, target = t_name);
                    out.extend(self.finding(
                        Code::LocaleUntranslated,
                        message,
                        Some(self.at(self.source, source_at)),
                        Some(self.at(self.target, target_at)),
                    ));
                }
            }
            (Some(_), None) => {
                let message = crate::tr!("locale-value-one-side", id = id, has = s_name, lacks = t_name);
                out.extend(self.finding(
                    Code::LocaleMissing,
                    message,
                    Some(self.at(self.source, source_at)),
                    Some(self.at(self.target, target_at)),
                ));
            }
            (None, Some(_)) => {
                let message = crate::tr!("locale-value-one-side", id = id, has = t_name, lacks = s_name);
                out.extend(self.finding(
                    Code::LocaleObsolete,
                    message,
                    Some(self.at(self.source, source_at)),
                    Some(self.at(self.target, target_at)),
                ));
            }
            (None, None) => {}
        }
        let target_attributes = target.attributes();
        for attribute in source.attributes() {
            let name = attribute.id.name;
            match target_attributes.iter().find(|a| a.id.name == name) {
                Some(t) => self.patterns(
                    id,
                    name,
                    (source_at, &attribute.value),
                    (target_at, &t.value),
                    out,
                ),
                None => {
                    let message =
                        crate::tr!("locale-attribute-missing", id = id, name = name, target = t_name);
                    out.extend(self.finding(
                        Code::LocaleAttributeMissing,
                        message,
                        Some(self.at_slice(self.source, source_at, attribute.id.name)),
                        Some(self.at(self.target, target_at)),
                    ));
                }
            }
        }
        for attribute in target_attributes {
            let name = attribute.id.name;
            if !source.attributes().iter().any(|a| a.id.name == name) {
                let message = crate::tr!(
                    "locale-attribute-obsolete",
                    id = id,
                    name = name,
                    target = t_name,
                    source = s_name
                );
                out.extend(self.finding(
                    Code::LocaleAttributeObsolete,
                    message,
                    Some(self.at(self.source, source_at)),
                    Some(self.at_slice(self.target, target_at, attribute.id.name)),
                ));
            }
        }
    }

    /// Variables and references of one value or attribute in both languages.
    fn patterns(
        &self,
        id: &str,
        attribute: &str,
        (source_at, source): (EntryAt, &Pattern<&str>),
        (target_at, target): (EntryAt, &Pattern<&str>),
        out: &mut Vec<Finding>,
    ) {
        if !pattern::has_placeables(source) && !pattern::has_placeables(target) {
            return;
        }
        if pattern::same_items_without_select(source, target) {
            return;
        }
        let (s_name, t_name) = (&self.source_name, &self.target_name);
        let (s, t) = (Usage::of(source), Usage::of(target));
        let (s_all, t_all) = (s.all(), t.all());
        let mut variables = Vec::new();
        let mut references = Vec::new();
        let mut note = |item: &Item, text: String| {
            if item.is_variable() {
                variables.push(text);
            } else {
                references.push(text);
            }
        };
        // Each direction in turn: what one language has and the other lacks.
        let directions = [
            (&s, &s_all, s_name, &t, &t_all, t_name),
            (&t, &t_all, t_name, &s, &s_all, s_name),
        ];
        for (_, has_all, has, _, lacks_all, lacks) in directions {
            for item in has_all.difference(lacks_all) {
                note(
                    item,
                    crate::tr!(
                        "locale-item-one-side",
                        item = item.to_string(),
                        has = has,
                        lacks = lacks
                    ),
                );
            }
        }
        let exempt = |item: &Item| s.selectors.contains(item) || t.selectors.contains(item);
        for path in s
            .paths
            .keys()
            .filter(|p| !p.is_empty() && t.paths.contains_key(*p))
        {
            for (has_usage, _, has, lacks_usage, lacks_all, lacks) in directions {
                for item in has_usage.paths[path].difference(&lacks_usage.paths[path]) {
                    // Only an item the other language uses elsewhere is
                    // missing from this variant; the rest was noted above.
                    if lacks_all.contains(item) && !exempt(item) {
                        note(
                            item,
                            crate::tr!(
                                "locale-item-variant",
                                item = item.to_string(),
                                variant = path,
                                has = has,
                                lacks = lacks
                            ),
                        );
                    }
                }
            }
        }
        let label = if attribute.is_empty() {
            format!("`{id}`")
        } else {
            format!("`{id}.{attribute}`")
        };
        let sides = || {
            (
                Some(self.at(self.source, source_at)),
                Some(self.at(self.target, target_at)),
            )
        };
        if !variables.is_empty() {
            let (source, target) = sides();
            let message = crate::tr!(
                "locale-mismatch",
                label = &label,
                problems = variables.join(&crate::tr!("list-semicolon"))
            );
            out.extend(self.finding(Code::LocaleVariableMismatch, message, source, target));
        }
        if !references.is_empty() {
            let (source, target) = sides();
            let message = crate::tr!(
                "locale-mismatch",
                label = &label,
                problems = references.join(&crate::tr!("list-semicolon"))
            );
            out.extend(self.finding(Code::LocaleReferenceMismatch, message, source, target));
        }
    }

    /// Plural selects of an entry that lack a category its language needs.
    fn plurals(&self, locale: &Locale, at: EntryAt, entry: &EntryRef, out: &mut Vec<Finding>) {
        let Some(required) = plural_categories(&locale.lang) else {
            return;
        };
        let patterns = entry
            .value()
            .map(|v| ("", v))
            .into_iter()
            .chain(entry.attributes().iter().map(|a| (a.id.name, &a.value)));
        for (attribute, value) in patterns {
            if !pattern::has_select(value) {
                continue;
            }
            for select in pattern::plurals(value) {
                let missing: Vec<&str> = required
                    .iter()
                    .copied()
                    .filter(|c| !select.categories.contains(c))
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                let id = match entry {
                    EntryRef::Message(_) => entry.name().to_owned(),
                    EntryRef::Term(_) => format!("-{}", entry.name()),
                };
                let label = if attribute.is_empty() {
                    id
                } else {
                    format!("{id}.{attribute}")
                };
                let message = crate::tr!(
                    "locale-plural-missing",
                    label = label,
                    selector = select.selector,
                    count = missing.len(),
                    missing = missing
                        .iter()
                        .map(|c| format!("[{c}]"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    lang = self.name(locale),
                    required = required.join(", ")
                );
                let (source, target) = self.sides(self.at_slice(locale, at, select.selector));
                // `many` is for millions in French (« 1 million de … »), and
                // the default variant covers it: worth knowing, not a warning.
                let only_many = missing == ["many"];
                out.extend(
                    self.finding(Code::LocalePluralMissing, message, source, target)
                        .map(|mut f| {
                            if only_many && f.severity > crate::diagnostic::Severity::Info {
                                f.severity = crate::diagnostic::Severity::Info;
                            }
                            f
                        }),
                );
            }
        }
    }
}

/// Whether a pattern's own text has a word to translate (two letters in a
/// row), so that `{ $phone }` or `CJEF` alone is not called untranslated.
fn has_words(pattern: &Pattern<&str>) -> bool {
    pattern.elements.iter().any(|e| match e {
        fluent_syntax::ast::PatternElement::TextElement { value } => value
            .split(|c: char| !c.is_alphabetic())
            .any(|word| word.chars().count() >= 2 && word.chars().any(|c| c.is_lowercase())),
        _ => false,
    })
}
