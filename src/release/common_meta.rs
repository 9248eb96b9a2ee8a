//! `release.toml` in the shape that `bitext new` writes and most releases
//! keep: a date, a status and a `[slug]` table of plain strings, one
//! `key = value` a line. That shape is read here without the toml crate,
//! which cost 4–5 % of a sync-only check. Anything else (comments, other
//! keys or tables, escapes, other spacing, a value in error) is left to
//! `toml`, so that every file in error reports exactly the toml crate's
//! message, line and column.

use std::collections::BTreeMap;
use std::str::FromStr;

use toml::value::Datetime;
use toml::Spanned;

use super::{ReleaseMeta, Status};

/// The metadata of `text` when it has the common shape, as `toml` would
/// read it (spans included); `None` for any other text.
pub(super) fn parse(text: &str) -> Option<ReleaseMeta> {
    let (mut date, mut status, mut slug) = (None, None, None::<BTreeMap<String, String>>);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let line = line.strip_suffix('\n').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        if line == "[slug]" {
            if slug.is_some() {
                return None;
            }
            slug = Some(BTreeMap::new());
            continue;
        }
        let (key, value) = line.split_once(" = ")?;
        let value_start = line_start + key.len() + " = ".len();
        match (&mut slug, key) {
            (Some(slug), key) if is_bare_key(key) => {
                if slug
                    .insert(key.to_owned(), plain_string(value)?.to_owned())
                    .is_some()
                {
                    return None;
                }
            }
            (None, "date") if date.is_none() => {
                date = Some(Spanned::new(
                    value_start..value_start + value.len(),
                    local_date(value)?,
                ));
            }
            (None, "status") if status.is_none() => {
                status = Some(match plain_string(value)? {
                    "draft" => Status::Draft,
                    "approved" => Status::Approved,
                    "published" => Status::Published,
                    _ => return None,
                });
            }
            _ => return None,
        }
    }
    Some(ReleaseMeta {
        date: Some(date?),
        status: status?,
        embargo: None,
        published_at: None,
        organisation: BTreeMap::new(),
        slug: slug?,
        tags: Vec::new(),
    })
}

/// A TOML bare key: ASCII letters, digits, `-` and `_`.
fn is_bare_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The text of a basic string with nothing to decode: no escape, no quote,
/// no control character (TOML forbids most of them unescaped).
fn plain_string(value: &str) -> Option<&str> {
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    let plain = inner
        .bytes()
        .all(|b| b != b'"' && b != b'\\' && b >= b' ' && b != 0x7f);
    plain.then_some(inner)
}

/// A local date, `YYYY-MM-DD`, read by the toml crate's own date parser.
fn local_date(value: &str) -> Option<Datetime> {
    let bytes = value.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, &b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return None;
    }
    let date = Datetime::from_str(value).ok()?;
    (date.date.is_some() && date.time.is_none() && date.offset.is_none()).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRITTEN: &str =
        "date = 2025-03-11\nstatus = \"approved\"\n\n[slug]\nen = \"release-00000\"\nfr = \"release-00000-fr\"\n";

    /// Both readers' fields, spans included, in one comparable value.
    fn fields(meta: &ReleaseMeta) -> String {
        let date = meta.date.as_ref().map(|d| (d.span(), d.get_ref().to_string()));
        let embargo = meta.embargo.as_ref().map(|d| (d.span(), d.get_ref().to_string()));
        format!(
            "{date:?} {:?} {embargo:?} {:?} {:?} {:?} {:?}",
            meta.status, meta.published_at, meta.organisation, meta.slug, meta.tags
        )
    }

    #[test]
    fn the_shape_bitext_writes_is_read_as_toml_reads_it() {
        let meta = parse(WRITTEN).expect("the common shape");
        let by_toml: ReleaseMeta = toml::from_str(WRITTEN).unwrap();
        assert_eq!(fields(&meta), fields(&by_toml));
        assert_eq!(meta.date.as_ref().unwrap().span(), 7..17);
    }

    #[test]
    fn other_shapes_are_left_to_toml() {
        for text in [
            "date = 2025-03-11\nstatus = \"approved\"\n",
            "date = 2025-03-11 # day\nstatus = \"approved\"\n[slug]\nen = \"a\"\n",
            "date = 2025-03-11\r\nstatus = \"approved\"\r\n[slug]\r\nen = \"a\"\r\n",
            "date = 2025-02-30\nstatus = \"approved\"\n[slug]\nen = \"a\"\n",
            "date = 2025-03-11\nstatus = \"approved\"\n[slug]\nen = \"a\"\nen = \"b\"\n",
            "date = 2025-03-11\nstatus = \"approved\"\ntags = [\"x\"]\n[slug]\nen = \"a\"\n",
            "date = 2025-03-11\nstatus = \"sent\"\n[slug]\nen = \"a\"\n",
            "date = 2025-03-11\nstatus = \"approved\"\n[slug]\nen = \"a\\u00e9\"\n",
        ] {
            assert!(parse(text).is_none(), "{text:?}");
        }
    }

    /// On any file made of the lines release.toml files hold, well formed
    /// or not, whatever this reader accepts `toml` reads alike.
    #[test]
    fn whatever_is_read_here_toml_reads_alike() {
        use proptest::prelude::*;
        use proptest::test_runner::TestRunner;
        let date = prop_oneof![
            6 => Just("date = 2025-03-11"),
            1 => prop::sample::select(vec![
                "date = 2024-02-29", "date = 2025-02-29", "date = 2025-13-01", "date = 2025-3-11",
                "date = 2025-03-11T09:00:00Z", "date = 2025-03-11 09:00:00", "date = \"2025-03-11\"",
                "date  = 2025-03-11", "date=2025-03-11", "\"date\" = 2025-03-11", "",
            ]),
        ];
        let status = prop_oneof![
            6 => Just("status = \"approved\""),
            1 => prop::sample::select(vec![
                "status = \"draft\"", "status = \"published\"", "status = \"Approved\"",
                "status = 'approved'", "status = \"approved\" # ok", "",
            ]),
        ];
        let other = prop_oneof![
            3 => Just(""),
            1 => prop::sample::select(vec![
                "  ", "tags = [\"a\"]", "embargo = 2025-03-12T09:00:00+01:00", "# comment",
                "[organisation]", "en = \"Ministère\"", "date = 2025-03-11", "status = \"draft\"",
            ]),
        ];
        let header = prop_oneof![
            4 => Just("[slug]"),
            1 => prop::sample::select(vec!["[ slug ]", "[slug.en]", "", "[slug] # table"]),
        ];
        let entry = prop_oneof![
            4 => Just("en = \"release-1\""),
            4 => Just("fr = \"communique-1\""),
            1 => prop::sample::select(vec![
                "", "en = \"\"", "fr = \"communiqué été\"", "en = \"a\\\"b\"", "en = \"a\\u00e9\"",
                "\"en\" = \"x\"", "en.x = \"y\"", "en = 'x'", "en = \"tab\there\"", "en = \"x\" ",
                "fr_CA = \"x\"", "date = 2025-03-11", "[slug]", "en-GB = \"x\"", "es = 3",
            ]),
        ];
        let file = (
            (date, status, any::<bool>()),
            prop::collection::vec(other, 0..3),
            header,
            prop::collection::vec(entry, 0..4),
            (prop_oneof![4 => Just("\n"), 1 => Just("\r\n")], any::<bool>()),
        );
        let read_here = std::cell::Cell::new(0);
        TestRunner::default()
            .run(
                &file,
                |((date, status, swapped), others, header, entries, (end, ended))| {
                    let first = if swapped { [status, date] } else { [date, status] };
                    let lines: Vec<&str> = first
                        .iter()
                        .chain(&others)
                        .chain([&header])
                        .chain(&entries)
                        .copied()
                        .collect();
                    let text = lines.join(end) + if ended { end } else { "" };
                    if let Some(meta) = parse(&text) {
                        read_here.set(read_here.get() + 1);
                        let by_toml: ReleaseMeta = toml::from_str(&text)
                            .map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
                        prop_assert_eq!(fields(&meta), fields(&by_toml), "{:?}", text);
                    }
                    Ok(())
                },
            )
            .unwrap();
        // The generator must reach the common shape, or the test says nothing.
        assert!(
            read_here.get() >= 10,
            "{} files of the common shape",
            read_here.get()
        );
    }
}
