//! The YAML front matter at the top of a page (`---` … `---`), read with
//! `serde_yaml_ng` for the one key a pairing rule needs. Only top-level
//! scalar values count: a key whose value is a list or a map pairs nothing.

use std::ops::Range;
use std::path::Path;

use serde_yaml_ng::Value;

use crate::document::source::position_in;
use crate::error::{Error, Result};

/// A front-matter value and where its key is in the file (for findings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub value: String,
    pub span: Range<usize>,
}

/// The byte range of the YAML between the two `---` lines, if the text
/// opens with front matter.
fn block(text: &str) -> Option<Range<usize>> {
    let text_start = usize::from(text.starts_with('\u{feff}')) * '\u{feff}'.len_utf8();
    let rest = &text[text_start..];
    let first = rest.lines().next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let start = text_start
        + first.len()
        + if rest[first.len()..].starts_with("\r\n") {
            2
        } else {
            1
        };
    let mut offset = start;
    for line in text.get(start..)?.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Some(start..offset);
        }
        offset += line.len();
    }
    None
}

/// The value of `key` in the front matter of `text`, read from `path`.
/// A page without front matter, or without the key, gives `None`;
/// front matter that is not YAML is an error at its line and column.
pub fn field(path: &Path, text: &str, key: &str) -> Result<Option<Field>> {
    let Some(range) = block(text) else {
        return Ok(None);
    };
    let yaml = &text[range.clone()];
    if !yaml.contains(key) {
        return Ok(None);
    }
    let value: Value = serde_yaml_ng::from_str(yaml).map_err(|e| {
        let offset = range.start + e.location().map_or(0, |l| l.index());
        Error::syntax(path, position_in(text, offset.min(text.len())), e.to_string())
    })?;
    let value = match value.get(key) {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => return Ok(None),
    };
    if value.is_empty() {
        return Ok(None);
    }
    let mut offset = range.start;
    let mut span = range.start..range.start;
    for line in yaml.split_inclusive('\n') {
        if line
            .strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with(':'))
        {
            span = offset..offset + line.trim_end().len();
            break;
        }
        offset += line.len();
    }
    Ok(Some(Field { value, span }))
}

/// Every top-level key with a scalar value in the front matter of `text`;
/// front matter that is not YAML gives nothing (`init` only guesses).
pub fn scalars(text: &str) -> Vec<(String, String)> {
    let Some(range) = block(text) else {
        return Vec::new();
    };
    let Ok(Value::Mapping(map)) = serde_yaml_ng::from_str::<Value>(&text[range]) else {
        return Vec::new();
    };
    map.into_iter()
        .filter_map(|(k, v)| {
            let value = match v {
                Value::String(s) => s.trim().to_owned(),
                Value::Number(n) => n.to_string(),
                _ => return None,
            };
            Some((k.as_str()?.to_owned(), value)).filter(|(_, v)| !v.is_empty())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_key_and_points_at_its_line() {
        let text = "\u{feff}---\r\ntitle: \"Étapes\"\r\ntranslationKey: accelerator-launch\r\n---\r\nBody\n";
        let field = field(Path::new("a.md"), text, "translationKey").unwrap().unwrap();
        assert_eq!(field.value, "accelerator-launch");
        assert_eq!(&text[field.span], "translationKey: accelerator-launch");
    }

    #[test]
    fn no_front_matter_or_no_key_is_none() {
        assert_eq!(field(Path::new("a.md"), "# Title\n", "k").unwrap(), None);
        assert_eq!(field(Path::new("a.md"), "---\nx: 1\n---\n", "k").unwrap(), None);
    }

    #[test]
    fn broken_yaml_is_an_error_with_a_position() {
        let err = field(Path::new("a.md"), "---\nk: [1\n---\n", "k").unwrap_err();
        assert!(err.to_string().starts_with("a.md:"), "{err}");
    }
}
