//! Findings: what bitext reports about the content of a workspace. A finding
//! has a stable kebab-case code, a severity, a message and a location on one
//! or both sides. Findings are data, not errors: checks push them into a list
//! and carry on. This module owns the codes and severities; `finding` the
//! finding itself, `location` where it points (a byte span into a file held
//! in memory, turned into a line and column only when printed) and `report`
//! the outcome of a check. Printing them is `crate::report`'s job; what is
//! a finding is decided by `pairing`, `checks` and `boilerplate`.

mod finding;
mod location;
mod report;

use serde::Serialize;

pub use finding::{Drift, Finding};
pub use location::{Location, Origin, Text};
pub use report::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

macro_rules! codes {
    ($($variant:ident => $name:literal, $severity:ident;)*) => {
        /// Every finding code bitext can report, with its default severity.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            pub fn default_severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }
        }
    };
}

codes! {
    // Pairing and sign-off.
    MissingTranslation => "missing-translation", Error;
    MissingSource => "missing-source", Error;
    SourceDrifted => "source-drifted", Error;
    TargetEdited => "target-edited", Warning;
    NotSignedOff => "not-signed-off", Warning;
    // Whole documents of a collection (see `collection`).
    MissingDocument => "missing-document", Error;
    OrphanDocument => "orphan-document", Warning;
    PairingKeyConflict => "pairing-key-conflict", Error;
    PairingKeyUnresolved => "pairing-key-unresolved", Error;
    // Boilerplate: the two locale trees, reported once per run.
    LocaleSyntax => "locale-syntax", Error;
    LocaleDefaultVariantMissing => "locale-default-variant-missing", Error;
    LocaleDuplicate => "locale-duplicate", Error;
    LocaleMissing => "locale-missing", Error;
    LocaleObsolete => "locale-obsolete", Warning;
    LocaleAttributeMissing => "locale-attribute-missing", Error;
    LocaleAttributeObsolete => "locale-attribute-obsolete", Warning;
    LocaleVariableMismatch => "locale-variable-mismatch", Error;
    LocaleReferenceMismatch => "locale-reference-mismatch", Warning;
    LocalePluralMissing => "locale-plural-missing", Warning;
    LocaleUntranslated => "locale-untranslated", Warning;
    BoilerplateDrifted => "boilerplate-drifted", Error;
    BoilerplateNotSignedOff => "boilerplate-not-signed-off", Warning;
    // Boilerplate: how each release uses it.
    BoilerplateUnknown => "boilerplate-unknown", Error;
    BoilerplateIncomplete => "boilerplate-incomplete", Error;
    BoilerplateUnpaired => "boilerplate-unpaired", Error;
    BoilerplateArguments => "boilerplate-arguments", Error;
    BoilerplateUnresolved => "boilerplate-unresolved", Error;
    // Quality checks on aligned pairs (see `checks`).
    NumberMismatch => "number-mismatch", Error;
    NumberMissing => "number-missing", Warning;
    UrlMismatch => "url-mismatch", Error;
    UrlMissing => "url-missing", Warning;
    UrlLocalised => "url-localised", Warning;
    EmailMismatch => "email-mismatch", Warning;
    CodeMismatch => "code-mismatch", Warning;
    NameMismatch => "name-mismatch", Warning;
    GlossaryMissing => "glossary-missing", Error;
    GlossaryForbidden => "glossary-forbidden", Warning;
    Untranslated => "untranslated", Warning;
    LengthRatio => "length-ratio", Warning;
    SentenceMissing => "sentence-missing", Warning;
    FrenchSpacing => "french-spacing", Warning;
    FrenchSpaceKind => "french-space-kind", Info;
    FrenchQuotes => "french-quotes", Warning;
    DoubledWord => "doubled-word", Warning;
    DoubledSpace => "doubled-space", Warning;
    EdgeWhitespace => "edge-whitespace", Warning;
    UnpairedBracket => "unpaired-bracket", Warning;
    EndPunctuation => "end-punctuation", Warning;
    KindMismatch => "kind-mismatch", Warning;
    HeadingLevel => "heading-level", Warning;
    ListLength => "list-length", Warning;
    // Titles and URL slugs of a release (see `checks::title`).
    FrenchTitleMissing => "french-title-missing", Warning;
    SlugMismatch => "slug-mismatch", Warning;
    // Inline suppressions (`<!-- bitext-ignore code: reason -->`).
    UnusedSuppression => "unused-suppression", Warning;
    InvalidSuppression => "invalid-suppression", Warning;
}

impl Code {
    /// Codes that mean a segment has no partner on the other side.
    pub fn is_unpaired(self) -> bool {
        matches!(self, Code::MissingTranslation | Code::MissingSource)
    }

    /// Codes that mean an input file could not be read as a whole (a
    /// `.ftl` syntax error): `check` lists them with everything else but
    /// exits 2, as for any other unreadable input.
    pub fn is_unreadable_input(self) -> bool {
        matches!(self, Code::LocaleSyntax | Code::LocaleDefaultVariantMissing)
    }
}

impl std::str::FromStr for Code {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        Code::ALL.iter().copied().find(|c| c.as_str() == s).ok_or(())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_their_names() {
        for &code in Code::ALL {
            assert_eq!(code.as_str().parse::<Code>(), Ok(code));
        }
        assert!("no-such-code".parse::<Code>().is_err());
    }
}
