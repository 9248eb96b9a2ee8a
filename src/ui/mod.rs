//! bitext's own voice: every human-facing message of the tool (finding
//! messages, report labels, command summaries, errors) comes from the Fluent
//! resources `ui/en.ftl` and `ui/fr.ftl` embedded in the binary. One UI
//! language per process, chosen once by the binary (`--ui-lang`, else
//! `LC_ALL`, `LC_MESSAGES`, `LANG`); the library speaks English until told
//! otherwise. Release text, finding codes and JSON field names are not
//! messages and never pass through here; Fluent boilerplate of a workspace
//! (`locales/`) is another matter, owned by `boilerplate`.

use std::sync::{LazyLock, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The English resource: the reference every other language follows.
pub const EN_FTL: &str = include_str!("en.ftl");
/// The French resource.
pub const FR_FTL: &str = include_str!("fr.ftl");

/// A language bitext can speak to its user in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiLang {
    En,
    Fr,
}

impl UiLang {
    pub const ALL: [UiLang; 2] = [UiLang::En, UiLang::Fr];

    pub fn code(self) -> &'static str {
        match self {
            UiLang::En => "en",
            UiLang::Fr => "fr",
        }
    }

    /// The UI language a POSIX locale name asks for: `fr_FR.UTF-8`, `fr_CA`,
    /// `fr` and `fr-CA` are French; `C`, `POSIX`, `en_GB.UTF-8` and anything
    /// else are English. `None` for an empty value (POSIX: not set).
    pub fn from_locale(value: &str) -> Option<UiLang> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        let language = value
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Some(if language == "fr" { UiLang::Fr } else { UiLang::En })
    }

    /// The language of the environment: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty, as POSIX orders
    /// them; English when none is.
    pub fn from_env() -> UiLang {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// `from_env` over any variable lookup (so that it can be tested
    /// without touching the process environment).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> UiLang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| var(name).and_then(|v| UiLang::from_locale(&v)))
            .unwrap_or(UiLang::En)
    }
}

static CHOSEN: OnceLock<UiLang> = OnceLock::new();

/// Sets the process's UI language. The first call wins: the language
/// cannot change while messages are being produced.
pub fn set_lang(lang: UiLang) {
    let _ = CHOSEN.set(lang);
}

/// The process's UI language; English when none was set.
pub fn lang() -> UiLang {
    CHOSEN.get().copied().unwrap_or(UiLang::En)
}

struct Bundles {
    en: FluentBundle<FluentResource>,
    fr: FluentBundle<FluentResource>,
}

static BUNDLES: LazyLock<Bundles> = LazyLock::new(|| Bundles {
    en: bundle(UiLang::En, EN_FTL),
    fr: bundle(UiLang::Fr, FR_FTL),
});

fn bundle(lang: UiLang, ftl: &'static str) -> FluentBundle<FluentResource> {
    let id = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Terminals do not need bidi isolation marks around arguments, and
    // they would end up in files and snapshots.
    bundle.set_use_isolating(false);
    // A resource with a syntax error still yields its good messages; the
    // unit tests below keep both resources free of errors.
    let resource = FluentResource::try_new(ftl.to_owned()).unwrap_or_else(|(partial, _)| partial);
    // Ids are unique in each file (checked by the tests), so nothing is
    // overridden.
    bundle.add_resource_overriding(resource);
    bundle
}

/// An argument of a message: text or a count (counts select plural forms).
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<std::path::Display<'_>> for Arg {
    fn from(path: std::path::Display<'_>) -> Self {
        Arg::Text(path.to_string())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        // Counts of segments and releases are far below 2^53.
        Arg::Number(n as f64)
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Number(f64::from(n))
    }
}

/// The message `id` in the UI language with its arguments. A message
/// missing from the French resource, or one that fails to format, falls
/// back to English; an id missing from both gives the id itself. Never
/// panics.
pub fn text(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(lang(), id, args)
}

/// The message `id` in a given language (see `text`).
pub fn text_in(lang: UiLang, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Text(text) => FluentValue::from(text.as_str()),
            Arg::Number(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    let bundles = &*BUNDLES;
    let first = match lang {
        UiLang::En => &bundles.en,
        UiLang::Fr => &bundles.fr,
    };
    format(first, id, &fluent_args, true)
        .or_else(|| format(&bundles.en, id, &fluent_args, false))
        .unwrap_or_else(|| id.to_owned())
}

/// Formats a message; `strict` refuses a result that had errors (a missing
/// argument shows as `{$name}`), so that the caller can try English.
fn format(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: &FluentArgs,
    strict: bool,
) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(args), &mut errors);
    (errors.is_empty() || !strict).then(|| text.into_owned())
}

/// `tr!("message-id", name = value, ...)`: the message in the UI language.
/// Argument names are written in snake case, as in the resources.
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        $crate::ui::text($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::ui::text($id, &[$((stringify!($name), $crate::ui::Arg::from($value))),+])
    };
}

#[cfg(test)]
mod tests;
