//! French typography on the target's raw Markdown, with safe fixes: the
//! no-break space before `; : ! ?` and `»`, after `«`, before `%`, currency
//! signs and units (profile France), or before `:` and inside guillemets
//! only, with no space before `; ! ?` (profile Canada); straight double
//! quotes where guillemets belong. URLs, code, link targets, HTML and times
//! are masked first (see `mask`), so `https://`, `a:b` and `10:00` are safe.

use super::mask;
use super::{Check, Context, Edit, Hit, Profile, Side};
use crate::diagnostic::Code;

pub struct Typography;

/// Unit and currency symbols that take a no-break space after a number.
const UNITS: &[&str] = &[
    "$", "€", "£", "km", "km²", "m²", "cm", "mm", "kg", "mg", "ml", "Mo", "Go", "Ko", "To", "°C",
];

const NO_BREAK: [char; 2] = ['\u{a0}', '\u{202f}'];

impl Check for Typography {
    fn codes(&self) -> &'static [Code] {
        &[Code::FrenchSpacing, Code::FrenchSpaceKind, Code::FrenchQuotes]
    }

    fn check(&self, cx: &Context, source: &Side, target: &Side, out: &mut Vec<Hit>) {
        let Some(profile) = cx.profile else { return };
        let source_text = source.joined();
        for (base, raw) in target.raw() {
            let mask = mask::Lazy::new(raw);
            let first = out.len();
            spacing(raw, base, &mask, profile, cx.no_break_space, source_text, out);
            quotes(raw, base, &mask, cx.no_break_space, out, first);
        }
    }
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || NO_BREAK.contains(&c)
}

/// The run of spaces that ends at byte `at` (exclusive).
fn space_before(raw: &str, at: usize) -> usize {
    let mut start = at;
    for (i, c) in raw[..at].char_indices().rev() {
        if is_space(c) {
            start = i;
        } else {
            break;
        }
    }
    start
}

/// The run of spaces that starts at byte `at`.
fn space_after(raw: &str, at: usize) -> usize {
    raw[at..]
        .char_indices()
        .find(|&(_, c)| !is_space(c))
        .map_or(raw.len(), |(i, _)| at + i)
}

/// Whether an HTML no-break space entity ends (or starts) at this place.
fn entity_before(raw: &str, at: usize) -> bool {
    let head = &raw.as_bytes()[..at];
    NO_BREAK_ENTITIES.iter().any(|e| {
        head.len()
            .checked_sub(e.len())
            .is_some_and(|from| head[from..].eq_ignore_ascii_case(e.as_bytes()))
    })
}

fn entity_after(raw: &str, at: usize) -> bool {
    NO_BREAK_ENTITIES.iter().any(|e| {
        raw.get(at..at + e.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(e))
    })
}

const NO_BREAK_ENTITIES: [&str; 5] = ["&nbsp;", "&#160;", "&#xa0;", "&#8239;", "&#x202f;"];

/// The code for a space run that is there but is not one no-break space.
/// A single ordinary space puts the sign where French wants it and only
/// lets a line break before it: `french-space-kind` (info by default,
/// fixed by `--fix` all the same). Real Canadian and French sites type
/// ordinary spaces there on nearly every page, so as a warning it buried
/// the spacing that is actually wrong. Several spaces stay `french-spacing`.
fn kind_of(run: &str) -> Code {
    if run == " " {
        Code::FrenchSpaceKind
    } else {
        Code::FrenchSpacing
    }
}

fn is_single_no_break(run: &str) -> bool {
    let mut chars = run.chars();
    chars.next().is_some_and(|c| NO_BREAK.contains(&c)) && chars.next().is_none()
}

fn spacing(
    raw: &str,
    base: usize,
    mask: &mask::Lazy,
    profile: Profile,
    nbsp: char,
    source: &str,
    out: &mut Vec<Hit>,
) {
    // Only these characters want a space; whether one is protected (the
    // costly question) is asked once the cheap tests pass.
    for (i, c) in signs(raw) {
        let next = raw[i + c.len_utf8()..].chars().next();
        match c {
            ';' | ':' | '!' | '?' => {
                let ends_clause = next.is_none_or(|n| n.is_whitespace() || "*_)]»\"'’<.!?…;:,\\".contains(n));
                if !ends_clause || mask.covers(i) {
                    continue;
                }
                let start = space_before(raw, i);
                let Some(prev) = raw[..start].chars().next_back() else {
                    continue;
                };
                if prev == '\n' || prev == '\r' || "!?;:.…([«".contains(prev) && start == i {
                    continue;
                }
                if kept_in_english(raw, i, source) {
                    continue;
                }
                if profile == Profile::Canada && c != ':' {
                    if start < i {
                        let space = if raw[start..i].chars().any(|s| NO_BREAK.contains(&s)) {
                            "no-break"
                        } else {
                            "ordinary"
                        };
                        out.push(
                            Hit::new(
                                Code::FrenchSpacing,
                                crate::tr!("canada-space", space = space, mark = c.to_string()),
                            )
                            .target_at(Some(base + start))
                            .fix(Edit {
                                range: base + start..base + i,
                                replacement: String::new(),
                            }),
                        );
                    }
                    continue;
                }
                need_space_before(raw, base, start, i, c, nbsp, out);
            }
            _ if !c.is_ascii_digit() && mask.covers(i) => {}
            '»' => {
                let start = space_before(raw, i);
                match raw[..start].chars().next_back() {
                    None | Some('\n' | '\r') => {}
                    Some(_) => need_space_before(raw, base, start, i, c, nbsp, out),
                }
            }
            '«' => {
                let after = i + c.len_utf8();
                let end = space_after(raw, after);
                if matches!(raw[end..].chars().next(), None | Some('\n' | '\r')) {
                    continue;
                }
                let run = &raw[after..end];
                if is_single_no_break(run) || (run.is_empty() && entity_after(raw, after)) {
                    continue;
                }
                let (code, message) = if run.is_empty() {
                    (Code::FrenchSpacing, crate::tr!("space-missing-after", mark = "«"))
                } else {
                    (kind_of(run), crate::tr!("space-ordinary-after", mark = "«"))
                };
                out.push(Hit::new(code, message).target_at(Some(base + i)).fix(Edit {
                    range: base + after..base + end,
                    replacement: nbsp.to_string(),
                }));
            }
            '%' => {
                let start = space_before(raw, i);
                if raw[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_ascii_digit())
                {
                    need_space_before(raw, base, start, i, c, nbsp, out);
                }
            }
            d if d.is_ascii_digit() => {
                // A number followed by a unit or currency sign.
                if next.is_some_and(|n| n.is_ascii_digit()) {
                    continue;
                }
                let after = i + 1;
                let end = space_after(raw, after);
                if raw[after..end].contains(['\n', '\r']) {
                    continue;
                }
                let rest = &raw[end..];
                let Some(unit) = UNITS.iter().find(|u| {
                    rest.starts_with(**u) && !rest[u.len()..].starts_with(|n: char| n.is_alphanumeric())
                }) else {
                    continue;
                };
                if mask.covers(i) || mask.covers(end) {
                    continue;
                }
                let run = &raw[after..end];
                if is_single_no_break(run) || (run.is_empty() && entity_after(raw, after)) {
                    continue;
                }
                let (code, message) = if run.is_empty() {
                    (
                        Code::FrenchSpacing,
                        crate::tr!("space-missing-before", mark = *unit),
                    )
                } else {
                    (kind_of(run), crate::tr!("space-ordinary-before", mark = *unit))
                };
                out.push(Hit::new(code, message).target_at(Some(base + end)).fix(Edit {
                    range: base + after..base + end,
                    replacement: nbsp.to_string(),
                }));
            }
            _ => {}
        }
    }
}

/// The characters that may want a space, `; : ! ? » « %` and digits, with
/// their offsets: a byte scan, as all but `«` and `»` are ASCII and those
/// two start with a byte (0xC2) that is never inside another character.
fn signs(raw: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = raw.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let i = at + next_sign_byte(&bytes[at..])?;
        at = i + 1;
        match bytes[i] {
            0xC2 => match bytes.get(i + 1) {
                Some(0xAB) => return Some((i, '«')),
                Some(0xBB) => return Some((i, '»')),
                _ => {}
            },
            b => return Some((i, b as char)),
        }
    })
}

/// Where the first byte that `signs` stops at is: a sign, a digit or 0xC2
/// (which starts `«`, `»` and the no-break space). Prose has few: a test
/// without a branch per byte, which the compiler vectorises, passes over
/// 32 bytes at a time, and only a chunk that has one is searched.
fn next_sign_byte(bytes: &[u8]) -> Option<usize> {
    // `0` to `9`, `:` and `;` are 0x30 to 0x3B.
    let stops = |b: u8| (b.wrapping_sub(b'0') < 12) | (b == b'!') | (b == b'?') | (b == b'%') | (b == 0xC2);
    let mut at = 0;
    for chunk in bytes.chunks(32) {
        if chunk.iter().fold(false, |any, &b| any | stops(b)) {
            return chunk.iter().position(|&b| stops(b)).map(|k| at + k);
        }
        at += chunk.len();
    }
    None
}

/// Where the inline HTML tags that end at `at` (`</strong><strong>`)
/// start: `at` itself when there are none.
fn tags_before(raw: &str, mut at: usize) -> usize {
    while raw[..at].ends_with('>') {
        let Some(open) = raw[..at].rfind('<') else { break };
        let tag = &raw[open + 1..at - 1];
        let name = tag.strip_prefix('/').unwrap_or(tag);
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) || tag.contains(['\n', '<']) {
            break;
        }
        at = open;
    }
    at
}

/// Whether the sign at `at` sits in English kept in the French: the words
/// on each side of it are written so in the source (« What Really Matters:
/// Focusing on Top Tasks », an English article's title cited as it is).
fn kept_in_english(raw: &str, at: usize, source: &str) -> bool {
    let sign = &raw[at..=at];
    let before = raw[..at].split_whitespace().next_back();
    let after = raw[at + 1..].split_whitespace().next();
    match (before, after) {
        (Some(b), Some(a)) if b.chars().count() >= 3 && !a.starts_with(['«', '"']) => {
            source.contains(&format!("{b}{sign} {a}"))
        }
        _ => false,
    }
}

/// Reports and fixes the space run `start..at` before the sign at `at`,
/// which must be a single no-break space.
fn need_space_before(
    raw: &str,
    base: usize,
    start: usize,
    at: usize,
    sign: char,
    nbsp: char,
    out: &mut Vec<Hit>,
) {
    let run = &raw[start..at];
    if is_single_no_break(run) || (run.is_empty() && entity_before(raw, at)) {
        return;
    }
    // `<strong> </strong><strong>:</strong>` has its space, before the
    // inline tags: what is read is ` :`, so the space is checked there.
    if run.is_empty() {
        let tags = tags_before(raw, at);
        let space = space_before(raw, tags);
        if tags < at && (space < tags || entity_before(raw, tags)) {
            return need_space_before(raw, base, space, tags, sign, nbsp, out);
        }
    }
    let (code, message) = if run.is_empty() {
        (
            Code::FrenchSpacing,
            crate::tr!("space-missing-before", mark = sign.to_string()),
        )
    } else if run.chars().all(|c| NO_BREAK.contains(&c)) {
        (
            Code::FrenchSpacing,
            crate::tr!("space-several-before", mark = sign.to_string()),
        )
    } else {
        (
            kind_of(run),
            crate::tr!("space-ordinary-before", mark = sign.to_string()),
        )
    };
    out.push(Hit::new(code, message).target_at(Some(base + at)).fix(Edit {
        range: base + start..base + at,
        replacement: nbsp.to_string(),
    }));
}

/// Straight double quotes used as quotation marks, in pairs, become
/// guillemets with their no-break spaces. One finding per segment, not
/// one per mark: a real French paragraph quoting eleven search terms gave
/// 22 warnings for one habit. Its fix rewrites the segment from the first
/// mark to the last, with the spacing fixes found there (`first..` of
/// `out`) carried along, so that one `--fix` still leaves nothing to fix.
fn quotes(raw: &str, base: usize, mask: &mask::Lazy, nbsp: char, out: &mut Vec<Hit>, first: usize) {
    let marks: Vec<usize> = memchr::memchr_iter(b'"', raw.as_bytes())
        .filter(|&i| !mask.covers(i))
        .collect();
    if marks.is_empty() || !marks.len().is_multiple_of(2) {
        return;
    }
    let pairs: Vec<(usize, usize)> = marks.chunks(2).map(|p| (p[0], p[1])).collect();
    let opens_well = |at: usize| {
        raw[..at]
            .chars()
            .next_back()
            .is_none_or(|p| p.is_whitespace() || "([*_'’".contains(p))
    };
    let closes_well = |at: usize| raw[at + 1..].chars().next().is_none_or(|n| !n.is_alphanumeric());
    if !pairs
        .iter()
        .all(|&(open, close)| opens_well(open) && closes_well(close))
    {
        return;
    }
    let quoted: Vec<(usize, usize, usize, usize)> = pairs
        .into_iter()
        .map(|(open, close)| (open, space_after(raw, open + 1), space_before(raw, close), close))
        .filter(|&(_, inner_start, inner_end, _)| inner_start < inner_end)
        .collect();
    let (Some(&(start, ..)), Some(&(.., end))) = (quoted.first(), quoted.last()) else {
        return;
    };
    let span = base + start..base + end + 1;
    let mut edits = Vec::new();
    for hit in &mut out[first..] {
        if let Some(edit) = hit
            .fix
            .take_if(|e| span.start <= e.range.start && e.range.end <= span.end)
        {
            edits.push(edit);
        }
    }
    for &(open, inner_start, inner_end, close) in &quoted {
        edits.push(Edit {
            range: base + open..base + inner_start,
            replacement: format!("«{nbsp}"),
        });
        edits.push(Edit {
            range: base + inner_end..base + close + 1,
            replacement: format!("{nbsp}»"),
        });
    }
    let edits = edits
        .into_iter()
        .map(|e| Edit {
            range: e.range.start - span.start..e.range.end - span.start,
            replacement: e.replacement,
        })
        .collect();
    let replacement = super::fix::apply_edits(&raw[start..end + 1], edits);
    out.push(
        Hit::new(
            Code::FrenchQuotes,
            crate::tr!("straight-quotes", count = quoted.len()),
        )
        .target_at(Some(base + start))
        .fix(Edit {
            range: span,
            replacement,
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_util::{apply, Fixture};

    const EN: &str = "The minister said: we are ready.";

    fn fix(tag: &str, fr: &str) -> String {
        let fixture = Fixture::new(tag);
        apply(fr, &fixture.run(&Typography, EN, fr))
    }

    #[test]
    fn france_wants_no_break_spaces_before_high_punctuation() {
        assert_eq!(
            fix(
                "fr-FR",
                "Le ministre a déclaré: « Nous sommes prêts » ; est-ce vrai ?"
            ),
            "Le ministre a déclaré\u{a0}: «\u{a0}Nous sommes prêts\u{a0}»\u{a0}; est-ce vrai\u{a0}?"
        );
    }

    #[test]
    fn correct_french_is_left_alone() {
        let fixture = Fixture::new("fr-FR");
        let fr = "Le ministre a déclaré\u{202f}: «\u{a0}Nous sommes prêts\u{a0}». Vraiment&nbsp;? «&nbsp;l’une&nbsp;» de 25\u{a0}%.";
        assert!(fixture.run(&Typography, EN, fr).is_empty());
    }

    #[test]
    fn canada_wants_no_space_before_question_marks() {
        assert_eq!(
            fix("fr-CA", "Pourquoi ? Parce que : « c’est ainsi »."),
            "Pourquoi? Parce que\u{a0}: «\u{a0}c’est ainsi\u{a0}»."
        );
        let fixture = Fixture::new("fr-CA");
        assert!(fixture
            .run(&Typography, EN, "Pourquoi? Voici la réponse\u{a0}: oui!")
            .is_empty());
    }

    #[test]
    fn urls_code_and_times_are_never_touched() {
        let fr = "Rendez-vous à 10:00 sur https://exemple.gc.ca/fr?q=1 ou [ici](http://a.ca/b:c) avec `x:y`.";
        let fixture = Fixture::new("fr-FR");
        assert!(
            fixture.run(&Typography, EN, fr).is_empty(),
            "{:?}",
            fixture.run(&Typography, EN, fr)
        );
    }

    #[test]
    fn percent_currency_and_units_take_a_no_break_space() {
        assert_eq!(
            fix("fr-FR", "Une hausse de 25% pour 3 km et 10€."),
            "Une hausse de 25\u{a0}% pour 3\u{a0}km et 10\u{a0}€."
        );
    }

    #[test]
    fn straight_quotes_become_guillemets() {
        assert_eq!(
            fix("fr-CA", "Le projet \"Notification GC\" est lancé."),
            "Le projet «\u{a0}Notification GC\u{a0}» est lancé."
        );
        // An inch mark is not a quotation.
        let fixture = Fixture::new("fr-CA");
        assert!(fixture
            .run(&Typography, EN, "Un écran de 27\" suffit.")
            .is_empty());
    }

    /// `<strong> </strong><strong>:</strong>` on a real CDS page was
    /// « missing no-break space »: the space is there, before the tags.
    #[test]
    fn a_space_before_inline_tags_counts() {
        let fixture = Fixture::new("fr-CA");
        let fr = "<strong>Conception</strong><strong> </strong><strong>: </strong>Utilisez la bibliothèque.";
        assert_eq!(fixture.codes(&Typography, EN, fr), [Code::FrenchSpaceKind]);
        assert_eq!(
            fix("fr-CA", fr),
            "<strong>Conception</strong><strong>\u{a0}</strong><strong>: </strong>Utilisez la bibliothèque."
        );
        let fr = "<strong>Système de design GC atteint un état stable&nbsp;</strong>: un système stable.";
        assert!(fixture.codes(&Typography, EN, fr).is_empty());
        let fr = "<strong>Conception</strong>: Utilisez la bibliothèque.";
        assert_eq!(fixture.codes(&Typography, EN, fr), [Code::FrenchSpacing]);
    }

    /// A quotation was two warnings (one per mark); a paragraph's straight
    /// quotes are one, and its fix carries the spacing fixes among them.
    #[test]
    fn a_quotation_is_one_finding_and_one_fix() {
        let fixture = Fixture::new("fr-FR");
        let fr = "Il a dit \"voici la règle: pas de retard\" et \"merci\" hier.";
        assert_eq!(
            fixture.codes(&Typography, EN, fr),
            [Code::FrenchSpacing, Code::FrenchQuotes]
        );
        let once = fix("fr-FR", fr);
        assert_eq!(
            once,
            "Il a dit «\u{a0}voici la règle\u{a0}: pas de retard\u{a0}» et «\u{a0}merci\u{a0}» hier."
        );
        assert_eq!(fix("fr-FR", &once), once);
    }

    /// The byte scan finds the characters a scan of every character finds.
    #[test]
    fn signs_are_the_characters_that_may_want_a_space() {
        let wanted = |c: char| matches!(c, ';' | ':' | '!' | '?' | '»' | '«' | '%') || c.is_ascii_digit();
        for file in crate::checks::test_util::corpus_files() {
            let text = file.text();
            let every: Vec<(usize, char)> = text.char_indices().filter(|&(_, c)| wanted(c)).collect();
            assert_eq!(signs(text).collect::<Vec<_>>(), every);
        }
        use proptest::prelude::*;
        let piece = prop::sample::select(vec![
            "a",
            "é",
            " ",
            "\u{a0}",
            "\u{202f}",
            "«",
            "»",
            ";",
            ":",
            "!",
            "?",
            "%",
            "0",
            "9",
            "/",
            "<",
            "@",
            "\u{c2}",
            "¢",
            "\n",
            "mot ",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ]);
        proptest::test_runner::TestRunner::default()
            .run(&prop::collection::vec(piece, 0..24), |pieces| {
                let text = pieces.concat();
                let every: Vec<(usize, char)> = text.char_indices().filter(|&(_, c)| wanted(c)).collect();
                prop_assert_eq!(signs(&text).collect::<Vec<_>>(), every, "{:?}", text);
                Ok(())
            })
            .unwrap();
        assert!(entity_before("a&NBSP;", 7) && !entity_before("é;", 3) && !entity_before("", 0));
    }

    #[test]
    fn the_fix_is_idempotent() {
        let once = fix("fr-FR", "Vraiment ? Oui: « bien sûr » à 25 %.");
        assert_eq!(fix("fr-FR", &once), once);
    }
}
