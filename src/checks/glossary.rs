//! The workspace glossary, `glossary.toml` at the root: required
//! translations of terms, translations that must not be used, names that
//! are never translated, and acronyms that have their own form in the
//! target language (CDS → SNC). Loaded once per run; the [`Terms`] check
//! reports a source term whose required translation is absent, a forbidden
//! translation, and a do-not-translate name missing from the target.
//! Matching ignores case, treats ’ and ' alike and accepts a plural `s`/`x`
//! on each word.

use std::collections::BTreeMap;
use std::path::Path;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, Hit, Side};
use crate::diagnostic::Code;
use crate::error::Result;
use crate::workspace::{parse_toml, Workspace};

pub const GLOSSARY_FILE: &str = "glossary.toml";

/// One string or several.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawGlossary {
    #[serde(default)]
    do_not_translate: Vec<String>,
    #[serde(default)]
    acronyms: BTreeMap<String, OneOrMany>,
    #[serde(default)]
    term: Vec<RawTerm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawTerm {
    source: String,
    #[serde(default)]
    target: Option<OneOrMany>,
    #[serde(default)]
    forbidden: Vec<String>,
}

/// A phrase and the pattern that finds it in text.
#[derive(Debug, Clone)]
struct Phrase {
    text: String,
    pattern: Regex,
}

impl Phrase {
    fn new(text: &str) -> Self {
        let words: Vec<String> = text
            .split_whitespace()
            .map(|w| {
                let escaped = regex::escape(&w.replace('’', "'")).replace('\'', "['’]");
                format!("{escaped}(?:s|x)?")
            })
            .collect();
        let pattern = format!(
            r"(?i)(?:^|[^\w])({})(?:[^\w]|$)",
            words.join(r"[\s\u{a0}\u{202f}]+")
        );
        Phrase {
            text: text.to_owned(),
            pattern: Regex::new(&pattern).expect("escaped phrase is a valid regex"),
        }
    }

    fn find(&self, text: &str) -> Option<usize> {
        self.pattern
            .captures(text)
            .and_then(|c| c.get(1))
            .map(|m| m.start())
    }
}

#[derive(Debug, Clone)]
struct Term {
    source: Phrase,
    targets: Vec<Phrase>,
    forbidden: Vec<Phrase>,
}

/// The loaded glossary (empty when the workspace has none).
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    terms: Vec<Term>,
    keep: Vec<String>,
    acronyms: BTreeMap<String, Vec<String>>,
}

impl Glossary {
    /// Reads `glossary.toml` at the workspace root, if there is one.
    pub fn load(ws: &Workspace) -> Result<Self> {
        let path = ws.root.join(GLOSSARY_FILE);
        if !path.is_file() {
            return Ok(Glossary::default());
        }
        let file = crate::document::source::SourceFile::read(&path)?;
        Self::parse(Path::new(GLOSSARY_FILE), file.text())
    }

    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        let raw: RawGlossary = parse_toml(path, text)?;
        let terms = raw
            .term
            .into_iter()
            .map(|t| Term {
                source: Phrase::new(&t.source),
                targets: t
                    .target
                    .map(OneOrMany::into_vec)
                    .unwrap_or_default()
                    .iter()
                    .map(|s| Phrase::new(s))
                    .collect(),
                forbidden: t.forbidden.iter().map(|s| Phrase::new(s)).collect(),
            })
            .collect();
        Ok(Glossary {
            terms,
            keep: raw.do_not_translate,
            acronyms: raw.acronyms.into_iter().map(|(k, v)| (k, v.into_vec())).collect(),
        })
    }

    /// The target-language forms of a source acronym.
    pub fn acronym_forms(&self, acronym: &str) -> &[String] {
        self.acronyms.get(acronym).map_or(&[], Vec::as_slice)
    }

    /// Whether an acronym is the target form of some source acronym.
    pub fn is_target_acronym(&self, acronym: &str) -> bool {
        self.acronyms.values().flatten().any(|a| a == acronym)
    }

    /// Whether a word is part of a do-not-translate name or of a term.
    pub fn knows(&self, word: &str) -> bool {
        let same = |w: &str| w.eq_ignore_ascii_case(word);
        self.keep.iter().any(|k| k.split_whitespace().any(same))
            || self.terms.iter().any(|t| {
                t.targets
                    .iter()
                    .chain([&t.source])
                    .any(|p| p.text.split_whitespace().any(same))
            })
    }
}

pub struct Terms;

impl Check for Terms {
    fn codes(&self) -> &'static [Code] {
        &[Code::GlossaryMissing, Code::GlossaryForbidden]
    }

    fn check(&self, cx: &Context, source: &Side, target: &Side, out: &mut Vec<Hit>) {
        let glossary = cx.glossary;
        let (source_text, target_text) = (source.joined(), target.joined());
        for term in &glossary.terms {
            for forbidden in &term.forbidden {
                if forbidden.find(target_text).is_some() {
                    let at = target
                        .raw()
                        .find_map(|(base, raw)| forbidden.find(raw).map(|i| base + i));
                    out.push(
                        Hit::new(
                            Code::GlossaryForbidden,
                            crate::tr!(
                                "glossary-forbidden",
                                forbidden = crate::checks::quoted(&forbidden.text),
                                term = crate::checks::quoted(&term.source.text)
                            ),
                        )
                        .target_at(at),
                    );
                }
            }
            if term.targets.is_empty() || term.source.find(source_text).is_none() {
                continue;
            }
            let nearby = target.nearby_text();
            if term
                .targets
                .iter()
                .all(|t| t.find(target_text).is_none() && t.find(&nearby).is_none())
            {
                let wanted: Vec<String> = term
                    .targets
                    .iter()
                    .map(|t| crate::checks::quoted(&t.text))
                    .collect();
                let at = source
                    .raw()
                    .find_map(|(base, raw)| term.source.find(raw).map(|i| base + i));
                out.push(
                    Hit::new(
                        Code::GlossaryMissing,
                        crate::tr!(
                            "glossary-missing",
                            source = cx.source.name(),
                            term = crate::checks::quoted(&term.source.text),
                            wanted = wanted.join(&format!(" {} ", crate::tr!("list-or"))),
                            target = cx.target.name()
                        ),
                    )
                    .source_at(at),
                );
            }
        }
        for name in &glossary.keep {
            let name = &name.replace('’', "'");
            let present = |text: &str| {
                let text = &text.replace('’', "'");
                text.match_indices(name.as_str()).any(|(i, _)| {
                    let before = text[..i].chars().next_back();
                    let after = text[i + name.len()..].chars().next();
                    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
                })
            };
            if present(source_text) && !present(target_text) && !present(&target.nearby_text()) {
                out.push(
                    Hit::new(
                        Code::GlossaryMissing,
                        crate::tr!(
                            "glossary-keep",
                            name = crate::checks::quoted(name),
                            target = cx.target.name()
                        ),
                    )
                    .source_at(source.locate(name)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_util::Fixture;

    const GLOSSARY: &str = r#"
do-not-translate = ["Lancaster House"]

[acronyms]
CDS = "SNC"

[[term]]
source = "Chief of the Defence Staff"
target = ["chef d'état-major des armées", "CEMA"]
forbidden = ["chef de l'état-major de la défense"]
"#;

    fn fixture() -> Fixture {
        let mut fixture = Fixture::new("fr-FR");
        fixture.glossary = Glossary::parse(Path::new(GLOSSARY_FILE), GLOSSARY).unwrap();
        fixture
    }

    #[test]
    fn required_translation_present_in_any_form_passes() {
        let en =
            "Admiral Sir Tony Radakin, Chief of the Defence Staff, said the Lancaster House treaties matter.";
        let fr = "L’amiral Sir Tony Radakin, chef d’état-major des armées, a rappelé l’importance des traités de Lancaster House.";
        assert!(fixture().codes(&Terms, en, fr).is_empty());
        let plural = "Les Chefs d’État-major des armées se réunissent à Lancaster House.";
        assert!(fixture()
            .codes(
                &Terms,
                "The Chiefs of the Defence Staff meet at Lancaster House.",
                plural
            )
            .is_empty());
    }

    #[test]
    fn missing_and_forbidden_translations_are_reported() {
        let en = "Admiral Sir Tony Radakin, Chief of the Defence Staff, spoke at Lancaster House.";
        let fr = "L’amiral Sir Tony Radakin, chef de l’état-major de la défense, s’est exprimé à la maison Lancaster.";
        assert_eq!(
            fixture().codes(&Terms, en, fr),
            [
                Code::GlossaryForbidden,
                Code::GlossaryMissing,
                Code::GlossaryMissing
            ]
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_a_line() {
        let err = Glossary::parse(
            Path::new(GLOSSARY_FILE),
            "[[term]]\nsource = \"a\"\ntargt = \"b\"\n",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("glossary.toml:3:"), "{err}");
    }

    #[test]
    fn acronyms_map_to_their_target_forms() {
        let glossary = fixture().glossary;
        assert_eq!(glossary.acronym_forms("CDS"), ["SNC"]);
        assert!(glossary.is_target_acronym("SNC"));
        assert!(glossary.knows("Lancaster"));
    }
}
