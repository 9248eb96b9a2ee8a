//! A release document as safe HTML: its title (the first heading), its body
//! without that heading, and a one-paragraph summary for feeds and previews.
//! The document's format turns the text into HTML (see `document::Format`);
//! this module says what publishing changes on the way and makes it safe.
//!
//! The format escapes text itself, so a document without raw HTML needs
//! only its link and image addresses checked (`javascript:` and friends are
//! replaced by `#`). A document with raw HTML (WordPress exports carry
//! `<p>`, `<figure>`, `<h2>`) goes through `ammonia`, which keeps that
//! markup but drops scripts, event handlers, styles and unsafe URLs. Only
//! those documents pay for the sanitiser's full HTML parse.
//!
//! Before the sanitiser, a tag that would swallow the rest of the page
//! (`<title>`, `<textarea>`, `<script>`… opened and never closed, as when a
//! tag's name is written in prose without backticks) is escaped, so it
//! reads as the text its writer meant. Every link and image address that
//! points into the release's folder is collected (`references`), so that
//! only those files, checked by `asset`, are published beside the page.

use std::cell::RefCell;
use std::sync::LazyLock;

use crate::document::{self, Rewrite};

/// The parts of a document a page needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The first heading's text, or empty when the document has none.
    pub title: String,
    /// The document as HTML, without its title heading. Safe to insert as is.
    pub body: String,
    /// The first paragraph's text, at most about 300 characters.
    pub summary: String,
    /// Link and image addresses without a scheme or a leading `/`, in
    /// document order: what may point to the release's own files.
    pub references: Vec<String>,
}

/// Elements whose content the HTML parser reads as raw text up to their
/// closing tag: opened and never closed, they swallow the rest of the page.
const SWALLOWING: &[&str] = &[
    "title",
    "textarea",
    "iframe",
    "script",
    "style",
    "xmp",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

const SUMMARY_CHARS: usize = 300;

/// The sanitiser, built once: building one makes a dozen sets of tags,
/// attributes and schemes, which cost as much as cleaning a short page.
/// Its filter keeps every attribute and notes each local `src` and `href`
/// in `RAW_REFERENCES`, of the thread that cleans.
static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder.attribute_filter(|_element, attribute, value| {
        if matches!(attribute, "src" | "href") && is_local(value) {
            RAW_REFERENCES.with_borrow_mut(|seen| seen.push(value.to_owned()));
        }
        Some(value.into())
    });
    builder
});

thread_local! {
    /// The local addresses `SANITISER` saw in the page this thread cleans.
    static RAW_REFERENCES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// URL schemes a link or image may use; anything else with a scheme is
/// replaced, and relative addresses are kept.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

// Publishing is handed a release's text (expanded, for `render`), not its
// `Document`; a release's documents are in the default format, the one the
// workspace names them by (see `Language::document_name`).

/// Whether a document's first block, after any front matter, is a heading:
/// the page title `render` takes. Pages exported with their title in front
/// matter and HTML section headings have none.
pub fn opens_with_heading(text: &str) -> bool {
    document::default_format().opens_with_title(text)
}

/// Renders a document; `french` keeps French punctuation with its word
/// (see `french_spacing`).
pub fn render(text: &str, french: bool) -> Rendered {
    let (html, mut references) = unsanitised(text, french);
    let body = if html.raw_html {
        RAW_REFERENCES.with_borrow_mut(Vec::clear);
        let body = SANITISER.clean(&escape_swallowing(&html.body)).to_string();
        // Markdown's own images and links pass through the sanitiser too.
        let mut seen: std::collections::HashSet<String> = references.iter().cloned().collect();
        for reference in RAW_REFERENCES.take() {
            if seen.insert(reference.clone()) {
                references.push(reference);
            }
        }
        body
    } else {
        html.body
    };
    Rendered {
        title: fold_space(&html.title),
        body,
        summary: shorten(&fold_space(&html.summary)),
        references,
    }
}

/// Every address `render` would collect from `text` (its `references`),
/// and perhaps a few more, found without the sanitiser: the Markdown's
/// own links and images, then the local value of every attribute whose
/// name ends in `src` or `href` on an opening tag of its raw HTML, as the
/// tokenizer reads it. The sanitiser reads those tags with the same
/// WHATWG tokenizer rules and keeps fewer attributes, so nothing it would
/// collect is missed here; `asset::review` renders only a document where
/// one of these names a file that cannot be published.
pub fn possible_references(text: &str) -> Vec<String> {
    let (html, mut references) = unsanitised(text, false);
    if html.raw_html {
        for (name, value) in document::html::opening_tag_attributes(&escape_swallowing(&html.body)) {
            if (name.ends_with("src") || name.ends_with("href")) && is_local(&value) {
                references.push(value);
            }
        }
    }
    references
}

/// The document as HTML before any sanitising, its unsafe link schemes
/// replaced, and the local addresses of its Markdown links and images.
fn unsanitised(text: &str, french: bool) -> (document::Html, Vec<String>) {
    let spacing = |text: &str| if french { french_spacing(text) } else { None };
    let found = RefCell::new(Vec::new());
    let url = |url: &str| {
        if is_local(url) {
            found.borrow_mut().push(url.to_owned());
        }
        safe_url(url)
    };
    let html = document::default_format().to_html(
        text,
        &Rewrite {
            text: &spacing,
            url: &url,
        },
    );
    (html, found.into_inner())
}

/// An address that may name a file beside the page: no scheme, not
/// absolute, not protocol-relative, not only a fragment.
pub(super) fn is_local(url: &str) -> bool {
    let url = url.trim();
    !url.is_empty()
        && !url.starts_with(['/', '#', '?'])
        && !url
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|first| first.contains(':'))
}

/// Escapes the `<` of every opening tag in `SWALLOWING` that has no
/// closing tag after it. The format escapes text itself, so such a tag in
/// the HTML came from the document's raw HTML.
fn escape_swallowing(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for (at, _) in lower.match_indices('<') {
        let rest = &lower[at + 1..];
        let name_len = rest.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
        let name = &rest[..name_len];
        let ends = rest[name_len..]
            .bytes()
            .next()
            .is_none_or(|b| b.is_ascii_whitespace() || b == b'>' || b == b'/');
        if name_len == 0 || !ends || !SWALLOWING.contains(&name) {
            continue;
        }
        let closed = name != "plaintext" && rest.contains(&format!("</{name}"));
        if !closed {
            out.push_str(&html[copied..at]);
            out.push_str("&lt;");
            copied = at + 1;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// Keeps a relative address or one with a safe scheme (`None`); anything
/// else (`javascript:`, `data:`, `vbscript:`) becomes `#`. Browsers ignore tabs
/// and newlines inside a scheme, so they are ignored here too.
fn safe_url(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take_while(|&c| !matches!(c, '/' | '?' | '#'))
        .collect();
    match cleaned.split_once(':') {
        None => None,
        Some((scheme, _)) if SAFE_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) => None,
        Some(_) => Some("#".to_owned()),
    }
}

/// A space before `: ; ! ? »` or after `«` in French must not break the
/// line (« renforcée : les » must not wrap before the colon): it becomes a
/// no-break space. Spaces are never added, so Canadian usage (none before
/// `; ! ?`) is kept as written.
fn french_spacing(text: &str) -> Option<String> {
    if !text.contains([':', ';', '!', '?', '»', '«']) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let before_mark = chars
            .get(i + 1)
            .is_some_and(|n| matches!(n, ':' | ';' | '!' | '?' | '»'));
        let after_open = i > 0 && chars[i - 1] == '«';
        out.push(if c == ' ' && (before_mark || after_open) {
            '\u{a0}'
        } else {
            c
        });
    }
    Some(out)
}

/// Folds runs of ASCII whitespace; no-break spaces are kept.
fn fold_space(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= SUMMARY_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(SUMMARY_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_opens_with_its_title_or_has_none() {
        assert!(opens_with_heading("---\ntitle: x\n---\n\n# Title\n\nBody.\n"));
        assert!(opens_with_heading("<!-- bitext-ignore x: y -->\n# Title\n"));
        assert!(!opens_with_heading(
            "---\ntitle: x\n---\n\n<h2>Section</h2>\n\n# Late\n"
        ));
        assert!(!opens_with_heading("Body first.\n\n## Notes to editors\n"));
    }

    #[test]
    fn title_is_the_first_heading_and_leaves_the_body() {
        let doc = "# UK and France *meet*\n\nThe chiefs met in London.\n\n## Background\n\nMore.\n";
        let r = render(doc, false);
        assert_eq!(r.title, "UK and France meet");
        assert_eq!(r.summary, "The chiefs met in London.");
        assert!(!r.body.contains("<h1>"), "{}", r.body);
        assert!(r.body.contains("<h2>Background</h2>"), "{}", r.body);
    }

    #[test]
    fn scripts_and_event_handlers_are_removed() {
        let doc = "# T\n\n<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and <b onclick=\"x()\">bold</b>.\n\n<p>Kept <em>paragraph</em></p>\n";
        let body = render(doc, false).body;
        for bad in ["<script", "onerror", "onclick", "alert("] {
            assert!(!body.contains(bad), "{bad} in {body}");
        }
        assert!(body.contains("<em>paragraph</em>"), "{body}");
        assert!(body.contains("<b>bold</b>"), "{body}");
    }

    #[test]
    fn unsafe_link_schemes_are_replaced_without_raw_html() {
        let doc = "# T\n\n[a](javascript:alert(1)) [b](<JAVA\tSCRIPT:x>) [c](https://gov.uk/x) [d](images/a.jpg) <mailto:press@mod.gov.uk>\n";
        let body = render(doc, false).body;
        assert!(!body.to_ascii_lowercase().contains("script:"), "{body}");
        assert!(body.contains("href=\"https://gov.uk/x\""), "{body}");
        assert!(body.contains("href=\"images/a.jpg\""), "{body}");
        assert!(body.contains("href=\"mailto:press@mod.gov.uk\""), "{body}");
    }

    #[test]
    fn a_tag_named_in_prose_does_not_swallow_the_page() {
        for tag in ["title", "textarea", "iframe", "script", "style", "TITLE"] {
            let doc = format!("# T\n\nSet the page's <{tag}> in the template.\n\nThe rest.\n");
            let body = render(&doc, false).body;
            assert!(body.contains("The rest."), "{tag}: {body}");
            assert!(body.contains(&format!("&lt;{tag}&gt;")), "{tag}: {body}");
        }
        // A closed script is still removed with its content.
        let body = render("# T\n\n<script>alert(1)</script>\n\nAfter.\n", false).body;
        assert!(!body.contains("alert"), "{body}");
        assert!(body.contains("After."), "{body}");
    }

    #[test]
    fn local_references_are_collected_from_markdown_and_raw_html() {
        let doc = "# T\n\n![a](images/a.png) [b](https://x.org/b.png) [c](/abs.png) [d](#top) [e](mailto:a@b.c)\n\n<img src=\"photo.jpg\">\n";
        assert_eq!(render(doc, false).references, ["images/a.png", "photo.jpg"]);
    }

    /// `possible_references` must hold every address `render` collects,
    /// or `asset::review` would pass a file it should refuse: pinned on
    /// the real documents kept for the tests and on raw HTML written to
    /// trip it (entities, capitals, unclosed swallowing tags, SVG links,
    /// attributes the sanitiser drops, scripts it removes).
    #[test]
    fn possible_references_hold_every_reference_render_collects() {
        let mut docs: Vec<String> = crate::test_corpus::pages()
            .into_iter()
            .map(|(_, text)| text)
            .collect();
        let pieces = [
            "![a](images/a.png)",
            "[b](docs/b%20c.pdf#p2)",
            "<img src=\"photo.jpg\">",
            "<IMG SRC='Photo.JPG'>",
            "<a href=\"a&amp;b.png\">x</a>",
            "<a href=\"&#x61;.png\">x</a>",
            "<textarea><img src=\"inside.png\">",
            "<title><a href=\"t.png\">",
            "<script>var s = '<img src=\"s.png\">';</script>",
            "<svg><image xlink:href=\"v.svg\" href=\"w.svg\"/></svg>",
            "<video src=\"clip.mp4\" poster=\"p.jpg\"><source src=\"c.webm\"></video>",
            "<iframe src=\"frame.html\"></iframe>",
            "<a href=\"x.png\" href=\"y.png\">dup</a>",
            "<p data-src=\"lazy.png\" onclick=\"x()\">p</p>",
            "<!-- <img src=\"comment.png\"> -->",
            "<img src=\" spaced.png \">",
            "<object data=\"o.swf\"><embed src=\"e.swf\"></object>",
            "Text with a <b>bold</b> word.",
        ];
        for i in 0..pieces.len() {
            for j in 0..pieces.len() {
                docs.push(format!("# T\n\n{}\n\n{} after\n", pieces[i], pieces[j]));
                docs.push(format!("# T\n\nInline {} and {}.\n", pieces[i], pieces[j]));
            }
        }
        let holds = |doc: &str| {
            let possible = possible_references(doc);
            render(doc, false)
                .references
                .into_iter()
                .find(|reference| !possible.contains(reference))
        };
        for doc in &docs {
            assert_eq!(holds(doc), None, "missed in {doc:?}");
        }
        // Fuzzed: real pages with up to six pieces spliced in at random
        // character boundaries, glued to the text or spaced.
        use proptest::prelude::*;
        let pages: Vec<String> = crate::test_corpus::pages()
            .into_iter()
            .map(|(_, text)| text)
            .collect();
        let splices = prop::collection::vec(
            (
                prop::sample::select(pieces.to_vec()),
                any::<prop::sample::Index>(),
                any::<bool>(),
            ),
            1..7,
        );
        proptest::test_runner::TestRunner::new(proptest::test_runner::Config::with_cases(300))
            .run(&(any::<prop::sample::Index>(), splices), |(page, splices)| {
                let mut doc = page.get(&pages).clone();
                for (piece, at, glued) in splices {
                    let bounds: Vec<usize> = doc.char_indices().map(|(i, _)| i).chain([doc.len()]).collect();
                    let piece = if glued {
                        piece.to_owned()
                    } else {
                        format!("\n\n{piece}\n\n")
                    };
                    doc.insert_str(*at.get(&bounds), &piece);
                }
                prop_assert_eq!(holds(&doc), None, "missed in {:?}", doc);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn front_matter_is_not_published() {
        let r = render("---\nlayout: post\n---\n# Title\n\nBody.\n", false);
        assert_eq!(r.title, "Title");
        assert!(!r.body.contains("layout"), "{}", r.body);
    }

    #[test]
    fn french_punctuation_stays_with_its_word() {
        let r = render(
            "# La relation renforcée : les chefs\n\nUne « coalition » ? Oui.\n",
            true,
        );
        assert_eq!(r.title, "La relation renforcée\u{a0}: les chefs");
        assert_eq!(
            r.summary,
            "Une «\u{a0}coalition\u{a0}» ? Oui.".replace(" ?", "\u{a0}?")
        );
        assert_eq!(render("# A : b\n", false).title, "A : b");
    }

    #[test]
    fn long_summaries_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let r = render(&format!("# T\n\n{long}\n"), false);
        assert!(r.summary.ends_with("word…"), "{}", r.summary);
        assert!(r.summary.chars().count() <= SUMMARY_CHARS + 1);
    }
}
