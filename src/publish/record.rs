//! Recording a publication in `release.toml`: `status = "published"` and
//! `published-at`, written atomically once the site is in place. Only those
//! two keys change; `toml_edit` keeps every other byte of the file (comments,
//! order, spacing) as the author wrote it.

use std::path::Path;

use time::OffsetDateTime;
use toml_edit::{value, DocumentMut};

use crate::document::source::{position_in, SourceFile};
use crate::error::{Error, Result};

use super::date;

/// Marks the release whose metadata is at `path` as published at `at`.
pub fn mark_published(path: &Path, at: OffsetDateTime) -> Result<()> {
    let file = SourceFile::read(path)?;
    let text = file.text();
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let offset = e.span().map_or(0, |span| span.start);
        Error::syntax(path, position_in(text, offset), e.message().trim())
    })?;
    let stamp: toml_edit::Datetime = date::rfc3339(at)
        .parse()
        .map_err(|_| Error::RecordPublishedTime {
            time: at,
            path: path.to_path_buf(),
        })?;
    set_preserving_decor(&mut doc, "status", value("published"));
    set_preserving_decor(&mut doc, "published-at", value(stamp));
    let mut out = doc.to_string();
    // `SourceFile` dropped a byte-order mark; put it back so the file only
    // changes where it must.
    if std::fs::read(path)
        .map_err(|e| Error::io(path, e))?
        .starts_with("\u{feff}".as_bytes())
    {
        out.insert(0, '\u{feff}');
    }
    crate::atomic::write(path, out.as_bytes())
}

/// Replaces a top-level value, keeping the spacing and comment around it.
fn set_preserving_decor(doc: &mut DocumentMut, key: &str, mut item: toml_edit::Item) {
    match doc.get_mut(key) {
        Some(existing) => {
            if let (Some(old), Some(new)) = (existing.as_value(), item.as_value_mut()) {
                *new.decor_mut() = old.decor().clone();
            }
            *existing = item;
        }
        None => {
            doc.insert(key, item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_status_and_published_at_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("release.toml");
        let before = "# Approved by the press office.\ndate = 2025-03-11\nstatus   = \"approved\"  # ready\norganisation = { en = \"MOD\", fr = \"ministère\" }\n\n[slug]\nen = \"a\"\nfr = \"b\"\n";
        std::fs::write(&path, before).unwrap();
        let at = date::parse_rfc3339("2025-03-11T09:30:00Z").unwrap();
        mark_published(&path, at).unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            after,
            "# Approved by the press office.\ndate = 2025-03-11\nstatus   = \"published\"  # ready\norganisation = { en = \"MOD\", fr = \"ministère\" }\npublished-at = 2025-03-11T09:30:00Z\n\n[slug]\nen = \"a\"\nfr = \"b\"\n"
        );
    }
}
