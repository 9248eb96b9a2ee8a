//! Boilerplate references in a release's Markdown: `{{@ message-id }}` on a
//! line of its own (a block) or inside text, with optional named arguments
//! `{{@ media-contact(phone: "+44 20 7218 7907", count: 3, day: 2025-03-04) }}`
//! whose values are quoted strings, numbers or bare ISO dates. This module
//! finds and parses them with their byte spans; the literal text the
//! document's format knows of (code spans, code blocks) is skipped. Resolving them is `expand`'s job.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use crate::document::segment::REFERENCE_OPEN;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::release::Date;

/// A named argument's value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Argument {
    String(String),
    /// A number literal as written (`3`, `-1.50`).
    Number(String),
    Date(Date),
}

impl fmt::Display for Argument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Argument::String(s) => write!(f, "{s:?}"),
            Argument::Number(n) => f.write_str(n),
            Argument::Date(d) => write!(f, "{d}"),
        }
    }
}

/// One reference in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The message id (`closing-priority`).
    pub id: String,
    /// Named arguments, by name (their order in the text does not matter).
    pub args: BTreeMap<String, Argument>,
    /// Byte range of the whole `{{@ … }}` in the file.
    pub span: Range<usize>,
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)?;
        if !self.args.is_empty() {
            let args: Vec<String> = self.args.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            write!(f, "({})", args.join(", "))?;
        }
        Ok(())
    }
}

/// Every reference in a document, in order. A malformed reference is an
/// error naming the file, line and column.
pub fn references(file: &Document) -> Result<Vec<Reference>> {
    let text = file.text();
    if !text.contains(REFERENCE_OPEN) {
        return Ok(Vec::new());
    }
    let code = file.literal_ranges();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find(REFERENCE_OPEN) {
        let start = from + found;
        if let Some(range) = code.iter().find(|r| r.contains(&start)) {
            from = range.end.max(start + 1);
            continue;
        }
        let reference = Cursor {
            text,
            at: start + REFERENCE_OPEN.len(),
        }
        .reference(start)
        .map_err(|(at, message)| Error::syntax(file.path(), file.position(at), message))?;
        from = reference.span.end;
        out.push(reference);
    }
    Ok(out)
}

type ParseResult<T> = std::result::Result<T, (usize, String)>;

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, token: &str) -> bool {
        if self.rest().starts_with(token) {
            self.at += token.len();
            true
        } else {
            false
        }
    }

    fn error<T>(&self, message: impl Into<String>) -> ParseResult<T> {
        Err((self.at, message.into()))
    }

    fn reference(mut self, start: usize) -> ParseResult<Reference> {
        self.skip_space();
        let id = self.identifier(|| crate::tr!("reference-expected-id"))?;
        self.skip_space();
        let mut args = BTreeMap::new();
        if self.eat("(") {
            loop {
                self.skip_space();
                if self.eat(")") {
                    break;
                }
                let name_at = self.at;
                let name = self.identifier(|| crate::tr!("reference-expected-name"))?;
                self.skip_space();
                if !self.eat(":") {
                    return self.error(crate::tr!("reference-expected-colon", name = &name));
                }
                self.skip_space();
                let value = self.argument()?;
                if args.insert(name.clone(), value).is_some() {
                    return Err((name_at, crate::tr!("reference-argument-twice", name = &name)));
                }
                self.skip_space();
                if self.eat(",") {
                    continue;
                }
                if self.eat(")") {
                    break;
                }
                return self.error(crate::tr!("reference-expected-comma"));
            }
            self.skip_space();
        }
        if !self.eat("}}") {
            return self.error(crate::tr!("reference-expected-close", id = &id));
        }
        Ok(Reference {
            id,
            args,
            span: start..self.at,
        })
    }

    /// A Fluent identifier: `[a-zA-Z][a-zA-Z0-9_-]*`.
    fn identifier(&mut self, expected: fn() -> String) -> ParseResult<String> {
        let rest = self.rest();
        let len = rest
            .bytes()
            .enumerate()
            .take_while(|&(i, b)| {
                b.is_ascii_alphabetic() || (i > 0 && (b.is_ascii_digit() || b == b'-' || b == b'_'))
            })
            .count();
        if len == 0 {
            return self.error(expected());
        }
        let id = rest[..len].to_owned();
        self.at += len;
        Ok(id)
    }

    fn argument(&mut self) -> ParseResult<Argument> {
        match self.peek() {
            Some('"') => {
                self.at += 1;
                let mut value = String::new();
                let mut chars = self.rest().char_indices();
                while let Some((i, c)) = chars.next() {
                    match c {
                        '"' => {
                            self.at += i + 1;
                            return Ok(Argument::String(value));
                        }
                        '\\' => match chars.next() {
                            Some((_, e @ ('"' | '\\'))) => value.push(e),
                            _ => return Err((self.at + i, crate::tr!("reference-bad-escape"))),
                        },
                        '\n' => break,
                        c => value.push(c),
                    }
                }
                self.error(crate::tr!("reference-unterminated"))
            }
            Some(c) if c.is_ascii_digit() || c == '-' => {
                let text = self.text;
                let rest = &text[self.at..];
                let len = rest
                    .char_indices()
                    .take_while(|&(i, c)| {
                        c.is_ascii_digit() || c == '.' || (c == '-' && (i == 0 || i == 4 || i == 7))
                    })
                    .count();
                let literal = &rest[..len];
                if let Some(date) = Date::parse(literal) {
                    self.at += len;
                    return Ok(Argument::Date(date));
                }
                let valid = literal.strip_prefix('-').unwrap_or(literal);
                let number = match valid.split_once('.') {
                    Some((int, frac)) => is_digits(int) && is_digits(frac),
                    None => is_digits(valid),
                };
                if !number {
                    return self.error(crate::tr!("reference-bad-number", literal = literal));
                }
                self.at += len;
                Ok(Argument::Number(literal.to_owned()))
            }
            _ => self.error(crate::tr!("reference-expected-value")),
        }
    }
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::document::source::SourceFile;

    fn parse(text: &str) -> Result<Vec<Reference>> {
        references(&Document::new(SourceFile::new(
            Path::new("en.md"),
            text.to_owned(),
        )))
    }

    #[test]
    fn block_and_inline_references_with_arguments() {
        let text = "Intro {{@ chief-of-defence-staff }} said.\n\n{{@ media-contact(phone: \"+44 20\", count: 3, day: 2025-03-04) }}\n";
        let refs = parse(text).unwrap();
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].id, "chief-of-defence-staff");
        assert_eq!(&text[refs[0].span.clone()], "{{@ chief-of-defence-staff }}");
        assert_eq!(refs[1].args["phone"], Argument::String("+44 20".into()));
        assert_eq!(refs[1].args["count"], Argument::Number("3".into()));
        assert_eq!(
            refs[1].args["day"],
            Argument::Date(Date {
                year: 2025,
                month: 3,
                day: 4
            })
        );
        assert_eq!(
            refs[1].to_string(),
            "media-contact(count: 3, day: 2025-03-04, phone: \"+44 20\")"
        );
    }

    #[test]
    fn references_in_code_are_text() {
        let text = "Write `{{@ id }}` to refer.\n\n```\n{{@ nope(\n```\n";
        assert!(parse(text).unwrap().is_empty());
    }

    #[test]
    fn malformed_reference_names_line_and_column() {
        let err = parse("Title\n\n{{@ media-contact(phone: +44) }}\n").unwrap_err();
        assert!(
            err.to_string().starts_with("en.md:3:26: expected a value"),
            "{err}"
        );
        let err = parse("{{@ m(n: 12x) }}").unwrap_err();
        assert!(
            err.to_string().starts_with("en.md:1:12: expected `,` or `)`"),
            "{err}"
        );
        let err = parse("{{@ closing-priority\n").unwrap_err();
        assert!(err.to_string().contains("expected `}}` to close"), "{err}");
    }
}
