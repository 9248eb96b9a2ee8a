//! Applying the safe fixes of a run (French spacing, guillemets, doubled
//! spaces) to target files: edits sorted and applied on the raw file bytes,
//! everything else kept byte for byte (byte-order mark and line endings
//! included), written atomically; or shown as a unified diff.

use std::path::{Path, PathBuf};

use super::Edit;
use crate::error::{Error, Result};

/// The fixed text of one file, next to what it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFix {
    /// The file, relative to the workspace root.
    pub path: PathBuf,
    pub before: String,
    pub after: String,
    /// How many edits were applied.
    pub edits: usize,
}

impl FileFix {
    /// Builds the fix of a file from its edits, which are offsets into the
    /// file's text without its byte-order mark. `None` when nothing changes.
    pub fn new(root: &Path, path: &Path, edits: Vec<Edit>) -> Result<Option<Self>> {
        if edits.is_empty() {
            return Ok(None);
        }
        let full = root.join(path);
        let bytes = std::fs::read(&full).map_err(|e| Error::io(path, e))?;
        let before = String::from_utf8(bytes).map_err(|_| Error::FixNotUtf8 {
            path: path.to_path_buf(),
        })?;
        let (bom, text) = match before.strip_prefix('\u{feff}') {
            Some(rest) => ("\u{feff}", rest),
            None => ("", before.as_str()),
        };
        let count = edits.len();
        let after = format!("{bom}{}", apply_edits(text, edits));
        Ok((after != before).then(|| FileFix {
            path: path.to_path_buf(),
            before,
            after,
            edits: count,
        }))
    }

    /// Writes the fixed text in place, atomically.
    pub fn write(&self, root: &Path) -> Result<()> {
        crate::atomic::write(&root.join(&self.path), self.after.as_bytes())
    }

    /// A unified diff of the change, with `a/` and `b/` paths as git shows them.
    pub fn diff(&self) -> String {
        let path = self.path.display().to_string();
        similar::TextDiff::from_lines(&self.before, &self.after)
            .unified_diff()
            .context_radius(1)
            .header(&format!("a/{path}"), &format!("b/{path}"))
            .to_string()
    }
}

/// Applies non-overlapping edits to a text; an edit that overlaps one
/// before it is left for the next run (and is then usually moot).
pub fn apply_edits(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    edits.dedup();
    let mut out = String::with_capacity(text.len() + edits.len() * 2);
    let mut at = 0;
    for edit in edits {
        let valid = edit.range.start >= at
            && edit.range.end <= text.len()
            && text.is_char_boundary(edit.range.start)
            && text.is_char_boundary(edit.range.end);
        if !valid {
            continue;
        }
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.replacement);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_edits_apply_once() {
        let edits = vec![
            Edit {
                range: 3..4,
                replacement: "\u{a0}".into(),
            },
            Edit {
                range: 3..5,
                replacement: "x".into(),
            },
            Edit {
                range: 0..0,
                replacement: ">".into(),
            },
        ];
        assert_eq!(apply_edits("abc :d", edits), ">abc\u{a0}:d");
    }

    #[test]
    fn byte_order_mark_and_crlf_survive() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("fr.md"), "\u{feff}Oui :\r\nNon\r\n").unwrap();
        let edit = Edit {
            range: 3..4,
            replacement: "\u{a0}".into(),
        };
        let fix = FileFix::new(dir.path(), Path::new("fr.md"), vec![edit])
            .unwrap()
            .unwrap();
        assert_eq!(fix.after, "\u{feff}Oui\u{a0}:\r\nNon\r\n");
        assert!(fix.diff().contains("-\u{feff}Oui :"), "{}", fix.diff());
    }
}
