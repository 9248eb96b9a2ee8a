//! A target identical to its source: probably left untranslated. Names,
//! product names, acronyms, numbers and short strings are the same in both
//! languages, so a pair is reported only when the text has at least four
//! words, three of them ordinary lowercase words.

use super::{words, Check, Context, Hit, Side};
use crate::diagnostic::Code;

pub struct Untranslated;

impl Check for Untranslated {
    fn codes(&self) -> &'static [Code] {
        &[Code::Untranslated]
    }

    fn check(&self, cx: &Context, source: &Side, target: &Side, out: &mut Vec<Hit>) {
        let (source_text, target_text) = (source.joined(), target.joined());
        let same = (source_text.trim().chars().flat_map(char::to_lowercase))
            .eq(target_text.trim().chars().flat_map(char::to_lowercase));
        if !same {
            return;
        }
        // Addresses and code are the same in every language.
        let prose: String = target_text
            .split_whitespace()
            .filter(|t| !t.contains('@') && !t.contains("://") && !t.contains('`'))
            .collect::<Vec<_>>()
            .join(" ");
        let all: Vec<&str> = words(&prose).map(|(_, w)| w).collect();
        let ordinary = all
            .iter()
            .filter(|w| {
                w.chars().count() >= 2
                    && w.chars()
                        .all(|c| c.is_lowercase() || c == '\'' || c == '’' || c == '-')
            })
            .count();
        if all.len() < 4 || ordinary < 3 {
            return;
        }
        out.push(
            Hit::new(
                Code::Untranslated,
                crate::tr!(
                    "untranslated",
                    target = cx.target.name(),
                    source = cx.source.name()
                ),
            )
            .target_at(target.segments.first().map(|s| s.span.start)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_util::Fixture;

    #[test]
    fn a_copied_sentence_is_reported() {
        let fixture = Fixture::new("fr-FR");
        let en = "The Chiefs will discuss support for Ukraine.";
        assert_eq!(fixture.codes(&Untranslated, en, en), [Code::Untranslated]);
        assert!(fixture
            .codes(&Untranslated, en, "Les chefs évoqueront le soutien à l’Ukraine.")
            .is_empty());
    }

    #[test]
    fn names_and_short_strings_may_be_identical() {
        let fixture = Fixture::new("fr-FR");
        for same in [
            "GC Notify",
            "Lancaster House Treaty 2010",
            "Emmanuel Macron",
            "Canada.ca",
            "OK, let's go",
        ] {
            assert!(fixture.codes(&Untranslated, same, same).is_empty(), "{same}");
        }
    }
}
