//! Acronyms and proper names present on one side only: `PJHQ` or
//! `Starmer` in the English with no trace in the French. Acronyms are
//! checked both ways, with the glossary's target-language forms allowed
//! (CDS ↔ SNC); names only from source to target, since French
//! capitalises far fewer words than English. A name counts as present when
//! the target has a word with the same first five letters, accents and case
//! aside (Canadian ↔ canadien, Quebec ↔ Québec).

use std::collections::HashSet;

use super::{fold, fold_chars, words, Check, Context, Hit, Side};
use crate::diagnostic::Code;
use crate::document::segment::SegmentKind;
use crate::text::date::MONTHS_EN;

pub struct Names;

/// English words often capitalised inside a sentence that are not names
/// kept in translation: days of the week, titles, institutions. Month names
/// are in `MONTHS_EN`.
const COMMON: &[&str] = &[
    "I",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "English",
    "French",
    "Government",
    "Minister",
    "Ministers",
    "Prime",
    "President",
    "Department",
    "Secretary",
    "Defence",
    "Defense",
    "Chief",
    "Chiefs",
    "Staff",
    "General",
    "Admiral",
    "Sir",
    "Lady",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Service",
    "Services",
    "Digital",
    "Canadian",
    "Canadians",
    "Federal",
    "Public",
    "Office",
    "Council",
    "Board",
    "Agency",
    "Team",
    "Director",
    "Deputy",
    "Head",
    "Officer",
    "Act",
    "Bill",
    "House",
    "Commons",
    "Senate",
    "Parliament",
    "Ministry",
    "Royal",
    "Air",
    "Force",
    "Army",
    "Navy",
    "Forces",
    "Armed",
    "National",
    "Canada",
    // The Crown and the sovereign are translated (la Couronne, le Roi),
    // like the names of policy instruments.
    "Crown",
    "King",
    "Queen",
    "Majesty",
    "Directive",
    "Policy",
    "Standard",
    "Appendix",
    "Annex",
];

/// Short words that join the capitalised words of a title: « Directive on
/// Management of Information Technology » is one translated title, not
/// the name « Management ».
const TITLE_JOINERS: &[&str] = &["of", "on", "and", "for", "to", "&"];

fn is_acronym(word: &str) -> bool {
    let word = word.strip_suffix('s').unwrap_or(word);
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    (2..=6).contains(&word.chars().count())
        && upper >= 2
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && !is_roman(word)
}

fn is_roman(word: &str) -> bool {
    word.chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

fn acronyms(side: &Side) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for segment in side.segments {
        let letters = segment.text.chars().filter(|c| c.is_alphabetic()).count();
        let upper = segment.text.chars().filter(|c| c.is_uppercase()).count();
        // A line in capitals is shouting, not acronyms; fewer than two
        // capitals make no acronym.
        if upper < 2 || (letters > 0 && upper * 2 > letters) {
            continue;
        }
        let text = strip_code(&segment.text);
        for (_, word) in words(&text) {
            for part in word.split('-') {
                let acronym = part.strip_suffix('s').filter(|p| is_acronym(p)).unwrap_or(part);
                if is_acronym(acronym) && !out.iter().any(|o| o == acronym) {
                    out.push(acronym.to_owned());
                }
            }
        }
    }
    out
}

/// Text without inline code and URLs, whose letters are not words.
fn strip_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for token in text.split_inclusive(char::is_whitespace) {
        if token.contains("://") || token.contains('@') {
            out.push(' ');
            continue;
        }
        for c in token.chars() {
            if c == '`' {
                in_code = !in_code;
                out.push(' ');
            } else if !in_code {
                out.push(c);
            }
        }
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_lowercase() || c == '-')
}

/// Proper names: capitalised words that do not start a sentence, outside
/// headings, standing alone (a run of capitalised words is usually an
/// institution's title, which is translated), and never written in lower
/// case anywhere in the document (so not an ordinary word in a title).
fn names(side: &Side) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for segment in side.segments {
        if matches!(
            segment.kind,
            SegmentKind::Heading(_) | SegmentKind::Image | SegmentKind::TableRow
        ) || !segment.text.chars().any(char::is_uppercase)
        {
            continue;
        }
        let text = strip_code(&segment.text);
        let list: Vec<(usize, &str)> = words(&text).collect();
        for (k, &(at, word)) in list.iter().enumerate() {
            let capitalised = is_capitalised(word) && word.chars().count() >= 3;
            if !capitalised
                || COMMON.contains(&word)
                || MONTHS_EN.contains(&word)
                || out.iter().any(|o| o == word)
            {
                continue;
            }
            let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            let word_at = |j: Option<usize>| j.and_then(|j| list.get(j)).map(|&(_, w)| w);
            // A run of capitalised words, or two capitalised words joined
            // by `of`, `and`…, is a title.
            let titled = |step: fn(usize) -> Option<usize>| match word_at(step(k)) {
                Some(w) if capital(w) => true,
                Some(w) if TITLE_JOINERS.contains(&w) => {
                    word_at(step(k).and_then(step)).is_some_and(is_capitalised)
                }
                _ => false,
            };
            if titled(|j| j.checked_sub(1)) || titled(|j| j.checked_add(1)) {
                continue;
            }
            // A label with its number (« Scope 2 », « Phase 3 ») is a
            // common noun, translated with the number kept.
            if list
                .get(k + 1)
                .is_some_and(|&(_, w)| w.chars().all(|c| c.is_ascii_digit()))
            {
                continue;
            }
            let before = text[..at].trim_end();
            // A sentence also starts after a closing parenthesis that
            // ends one (« …notification.) Anytime »), and a link text or
            // a bracketed label after `[`.
            let starts_sentence = before.is_empty()
                || before.ends_with([
                    '.', '!', '?', ':', ';', '«', '“', '"', '(', '—', '–', '-', '•', '|', '*', '>', '[',
                ])
                || [".)", "!)", "?)"].iter().any(|p| before.ends_with(p))
                || before.ends_with(char::is_numeric);
            if starts_sentence {
                continue;
            }
            // A word also written in lower case somewhere in the document
            // is an ordinary word capitalised for emphasis.
            let lower = word.to_lowercase();
            if !side.document.contains(&lower) {
                out.push(word.to_owned());
            }
        }
    }
    out
}

/// Whether a target word is the name's translation or inflection: the same
/// first four letters (London ↔ Londres, British ↔ britanniques) or at most
/// two edits apart (Putin ↔ Poutine).
fn same_name(name: &str, word: &str) -> bool {
    let stem: String = name.chars().take(4).collect();
    if stem.chars().count() == 4 && word.starts_with(&stem) {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (name.chars().collect(), word.chars().collect());
    if a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut diagonal = row[0];
        row[0] = i;
        for j in 1..=b.len() {
            let above = row[j];
            row[j] = (row[j] + 1)
                .min(row[j - 1] + 1)
                .min(diagonal + usize::from(a[i - 1] != b[j - 1]));
            diagonal = above;
        }
    }
    row[b.len()] <= 2
}

/// The target's words, folded, each once: the whole word, the part after
/// an elided article (« l’Ukraine » holds « ukraine ») and each part of a
/// compound (« franco-britannique » holds « britannique »). Built once per
/// pair, and only when a name needs looking up.
struct TargetWords {
    words: HashSet<String>,
    /// The first four characters of every word of four or more.
    stems: HashSet<String>,
}

impl TargetWords {
    fn new(text: &str) -> Self {
        let mut words = HashSet::new();
        let mut folded = String::new();
        for (_, word) in super::words(text) {
            folded.clear();
            folded.extend(fold_chars(word));
            let w = folded.rsplit('\'').next().unwrap_or(&folded);
            if !words.contains(w) {
                words.insert(w.to_owned());
            }
            for part in w.split('-') {
                if !words.contains(part) {
                    words.insert(part.to_owned());
                }
            }
        }
        let stems = words
            .iter()
            .filter(|w| w.chars().nth(3).is_some())
            .map(|w| w.chars().take(4).collect())
            .collect();
        TargetWords { words, stems }
    }

    /// Whether some target word is `name` (folded) by `same_name`.
    fn has_name(&self, name: &str) -> bool {
        let stem: String = name.chars().take(4).collect();
        if stem.chars().count() == 4 && self.stems.contains(&stem) {
            return true;
        }
        self.words.contains(name) || self.words.iter().any(|w| same_name(name, w))
    }
}

impl Check for Names {
    fn codes(&self) -> &'static [Code] {
        &[Code::NameMismatch]
    }

    fn check(&self, cx: &Context, source: &Side, target: &Side, out: &mut Vec<Hit>) {
        let glossary = cx.glossary;
        let (source_acronyms, target_acronyms) = (acronyms(source), acronyms(target));
        let target_text = target.text();
        let source_text = source.text();
        let missing: Vec<&String> = source_acronyms
            .iter()
            .filter(|a| {
                !target_acronyms.contains(a)
                    && !target_text.contains(a.as_str())
                    && !glossary
                        .acronym_forms(a)
                        .iter()
                        .any(|f| target_text.contains(f.as_str()))
            })
            .collect();
        let extra: Vec<&String> = target_acronyms
            .iter()
            .filter(|a| {
                !source_acronyms.contains(a)
                    && !source_text.contains(a.as_str())
                    && !glossary.is_target_acronym(a)
            })
            .collect();
        // An English acronym missing where the French has one of its own
        // of about the same length is a translated acronym (CEO ↔ PDG,
        // IP ↔ PI, CAF ↔ FAC, OPC ↔ CPVP), not a dropped one.
        let mut translated = vec![false; extra.len()];
        let missing: Vec<&String> = missing
            .into_iter()
            .filter(|m| {
                let partner = extra
                    .iter()
                    .zip(&translated)
                    .position(|(e, used)| !used && e.chars().count().abs_diff(m.chars().count()) <= 1);
                partner.inspect(|&p| translated[p] = true).is_none()
            })
            .collect();
        let extra: Vec<&String> = extra
            .into_iter()
            .zip(&translated)
            .filter(|(_, used)| !**used)
            .map(|(e, _)| e)
            .collect();
        // An English acronym that the French document never writes is
        // spelled out or translated there (OSS, GC, CEO): only one that the
        // French keeps elsewhere and lacks here was dropped.
        let missing: Vec<&String> = missing
            .into_iter()
            .filter(|a| target.document.contains(a))
            .collect();
        let mut target_words: Option<TargetWords> = None;
        let names: Vec<String> = names(source)
            .into_iter()
            .filter(|name| {
                !glossary.knows(name)
                    && !source_acronyms.contains(name)
                    && !target_words
                        .get_or_insert_with(|| TargetWords::new(&target_text))
                        .has_name(&fold(name))
            })
            .collect();
        let quoted = |items: &[&String]| {
            items
                .iter()
                .map(|i| super::quoted(i))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !missing.is_empty() || !names.is_empty() {
            let all: Vec<&String> = missing.iter().copied().chain(names.iter()).collect();
            let what = if names.is_empty() { "acronym" } else { "name" };
            out.push(
                Hit::new(
                    Code::NameMismatch,
                    super::only_in(what, quoted(&all), cx.source, cx.target),
                )
                .source_at(source.locate(all[0])),
            );
        }
        if !extra.is_empty() {
            out.push(
                Hit::new(
                    Code::NameMismatch,
                    crate::tr!(
                        "acronym-extra",
                        items = quoted(&extra),
                        target = cx.target.name(),
                        source = cx.source.name()
                    ),
                )
                .target_at(target.locate(extra[0])),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::checks::glossary::Glossary;
    use crate::checks::test_util::Fixture;

    #[test]
    fn names_and_acronyms_kept_in_translation_pass() {
        let fixture = Fixture::new("fr-FR");
        let en =
            "The UK and France met at PJHQ with Prime Minister Keir Starmer and President Emmanuel Macron.";
        let fr = "Le Royaume-Uni et la France se sont réunis au PJHQ avec le Premier ministre Keir Starmer et le président Emmanuel Macron.";
        // "UK" is "Royaume-Uni", which the glossary may also say.
        assert!(fixture.codes(&Names, en, fr).is_empty());
        let mut fixture = fixture;
        fixture.glossary =
            Glossary::parse(Path::new("glossary.toml"), "[acronyms]\nUK = \"Royaume-Uni\"\n").unwrap();
        assert!(fixture.codes(&Names, en, fr).is_empty());
    }

    #[test]
    fn a_dropped_name_or_acronym_is_reported() {
        let fixture = Fixture::new("fr-FR");
        let hits = fixture.run(
            &Names,
            "Talks continue at PJHQ in Northwood this week.",
            "Les discussions se poursuivent cette semaine.",
        );
        assert_eq!(hits.len(), 1);
        assert_eq!(
            hits[0].message,
            "name “Northwood” in the English is not in the French"
        );
    }

    /// OSS and CEO were reported on every real page whose French spells
    /// them out; an acronym the French document never writes is translated.
    #[test]
    fn an_acronym_the_french_never_writes_is_translated_not_dropped() {
        let fixture = Fixture::new("fr-CA");
        let en = "Publishing OSS is the default. Our CEO agrees.";
        let fr = "La publication de logiciels libres est la règle. Notre PDG est d’accord.";
        assert!(fixture.codes(&Names, en, fr).is_empty());
    }

    #[test]
    fn french_forms_of_names_count_as_present() {
        let fixture = Fixture::new("fr-FR");
        let en = "Chiefs met in London to deter Putin and support Ukraine with British forces.";
        let fr = "Les chefs se sont réunis à Londres pour dissuader Poutine et soutenir l’Ukraine avec les forces britanniques.";
        assert!(fixture.codes(&Names, en, fr).is_empty());
    }

    #[test]
    fn french_acronyms_need_the_glossary() {
        let mut fixture = Fixture::new("fr-CA");
        // An English acronym facing a French one is a translated acronym.
        let en = "The Canadian Digital Service (CDS) builds tools.";
        let fr = "Le Service numérique canadien (SNC) conçoit des outils.";
        assert!(fixture.codes(&Names, en, fr).is_empty());
        // A French acronym alone is the French form only if the glossary says so.
        let en = "The Canadian Digital Service builds tools.";
        assert_eq!(fixture.codes(&Names, en, fr).len(), 1);
        fixture.glossary =
            Glossary::parse(Path::new("glossary.toml"), "[acronyms]\nCDS = \"SNC\"\n").unwrap();
        assert!(fixture.codes(&Names, en, fr).is_empty());
    }
}
