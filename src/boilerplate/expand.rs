//! Expansion: a reference resolved with the bundle of one language, the
//! release's metadata and the reference's arguments as Fluent variables
//! (`$date`, `$organisation`, then the named arguments, which win), and a
//! release's Markdown with every reference replaced by its text. Anything
//! Fluent reports (unknown message, missing variable, a failing `DATE`) is
//! an error: never `{???}`, never the other language's text.

use fluent_bundle::{FluentArgs, FluentValue};

use crate::document::Document;
use crate::error::{Error, Result};
use crate::release::{Release, ReleaseMeta};
use crate::workspace::{Language, Workspace};

use super::date::{self, DateValue};
use super::reference::{references, Argument, Reference};
use super::{Boilerplate, Locale};

/// The variables a message sees for a reference in a release.
pub fn arguments<'a>(meta: &ReleaseMeta, lang: &Language, reference: &'a Reference) -> FluentArgs<'a> {
    let mut args = FluentArgs::new();
    if let Some(day) = meta.date() {
        args.set("date", DateValue::value(day));
    }
    if let Some(organisation) = meta.organisation.get(lang.code()) {
        args.set("organisation", FluentValue::from(organisation.clone()));
    }
    for (name, value) in &reference.args {
        let value = match value {
            Argument::String(s) => FluentValue::from(s.as_str()),
            Argument::Number(n) => FluentValue::try_number(n.as_str()),
            Argument::Date(d) => DateValue::value(*d),
        };
        args.set(name.as_str(), value);
    }
    args
}

/// The text of one reference in `locale`'s language, or Fluent's errors.
pub fn format(
    locale: &Locale,
    reference: &Reference,
    args: &FluentArgs,
) -> std::result::Result<String, String> {
    let bundle = locale.bundle();
    let Some(message) = bundle.get_message(&reference.id) else {
        return Err(crate::tr!(
            "expand-no-message",
            id = &reference.id,
            dir = locale.dir.display(),
            lang = locale.lang.name()
        ));
    };
    let Some(value) = message.value() else {
        return Err(crate::tr!("expand-no-value", id = &reference.id));
    };
    let mut errors = Vec::new();
    date::reset_errors();
    let text = bundle.format_pattern(value, Some(args), &mut errors).into_owned();
    let mut problems: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    problems.extend(date::take_errors());
    if problems.is_empty() {
        Ok(text)
    } else {
        Err(problems.join("; "))
    }
}

/// A release document in `lang` with every reference expanded.
pub fn expand_release(
    ws: &Workspace,
    boilerplate: &Boilerplate,
    release: &Release,
    lang: &Language,
) -> Result<String> {
    let file = if *lang == ws.target {
        &release.target
    } else {
        &release.source
    };
    expand_file(boilerplate.locale(lang), &release.meta, file)
}

fn expand_file(locale: &Locale, meta: &ReleaseMeta, file: &Document) -> Result<String> {
    let refs = references(file)?;
    if refs.is_empty() {
        return Ok(file.text().to_owned());
    }
    if let Some(err) = locale.syntax_error() {
        return Err(err);
    }
    let text = file.text();
    let mut out = String::with_capacity(text.len() * 2);
    let mut from = 0;
    for reference in &refs {
        let args = arguments(meta, &locale.lang, reference);
        let expanded = format(locale, reference, &args).map_err(|fluent| {
            Error::syntax(
                file.path(),
                file.position(reference.span.start),
                crate::tr!(
                    "expand-failed",
                    reference = reference.to_string(),
                    lang = locale.lang.name(),
                    error = fluent
                ),
            )
        })?;
        out.push_str(&text[from..reference.span.start]);
        out.push_str(&expanded);
        from = reference.span.end;
    }
    out.push_str(&text[from..]);
    Ok(out)
}
