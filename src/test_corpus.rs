//! The real pages kept under `tests/corpus/`, for the library's own tests.
//! It sits outside every layer, so that each layer's tests can read them
//! without using another layer's test helpers (which the architecture
//! test forbids).

use std::path::{Path, PathBuf};

/// Every Markdown page under `tests/corpus/` (its READMEs apart): its
/// path and text.
pub(crate) fn pages() -> Vec<(PathBuf, String)> {
    let mut pages = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md")
                && path.file_name() != Some("README.md".as_ref())
            {
                let text = std::fs::read_to_string(&path).unwrap();
                pages.push((path, text));
            }
        }
    }
    assert!(pages.len() > 50, "the corpus is there");
    pages
}
