//! A word-level diff of two texts (the source at sign-off and now), made
//! with `similar`, as a list of spans that reports colour or mark up.

use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    Removed,
    Added,
}

/// The words of `before` and `after` interleaved, each marked as kept,
/// removed or added. Runs of the same kind are merged.
pub fn word_diff(before: &str, after: &str) -> Vec<(Change, String)> {
    let diff = TextDiff::from_words(before, after);
    let mut out: Vec<(Change, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => Change::Same,
            ChangeTag::Delete => Change::Removed,
            ChangeTag::Insert => Change::Added,
        };
        match out.last_mut() {
            Some((last, text)) if *last == kind => text.push_str(change.value()),
            _ => out.push((kind, change.value().to_owned())),
        }
    }
    out
}

/// The diff in plain text, as `git diff --word-diff` writes it:
/// `[-removed-]{+added+}`.
pub fn plain(before: &str, after: &str) -> String {
    word_diff(before, after)
        .into_iter()
        .map(|(change, text)| match change {
            Change::Same => text,
            Change::Removed => format!("[-{text}-]"),
            Change::Added => format!("{{+{text}+}}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn marks_changed_words_only() {
        assert_eq!(
            super::plain("The third annual meeting", "The fourth annual meeting"),
            "The [-third-]{+fourth+} annual meeting"
        );
    }
}
