//! Markdown as HTML for publishing: the first heading taken out as the
//! title, the first paragraph's text as the summary, front matter dropped,
//! text and link targets passed through the publisher's rewrite. pulldown-cmark
//! escapes text itself; raw HTML is passed on and flagged for sanitising.

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use super::OPTIONS;
use crate::document::{Html, Rewrite};

/// Whether a document's first block, after any front matter, is a Markdown
/// heading. Pages exported with their title in front matter and HTML
/// section headings have none.
///
/// The parser reads the blocks of the whole document before it gives its
/// first event, and the title is on the first lines: the lines of the
/// first `HEADING_PREFIX` bytes are read first. A heading first there is
/// first in the whole document too: what may stand before it (front
/// matter, a comment) closes within those lines or turns them into
/// something else than a heading (a comment left open runs to their end;
/// `---` left open is a rule), and a heading ends on its own line. Only
/// `+++` opening TOML front matter that closes further on is text when
/// cut (over `===`, a heading): first lines holding it, or showing no
/// heading, are read again whole.
pub(super) fn opens_with_heading(markdown: &str) -> bool {
    let head = &markdown.as_bytes()[..markdown.len().min(HEADING_PREFIX)];
    // A line break is ASCII: the prefix ends on a character boundary.
    let prefix = memchr::memrchr(b'\n', head).map_or("", |end| &markdown[..=end]);
    let partial = !prefix.is_empty() && prefix.len() < markdown.len() && !prefix.contains("+++");
    (partial && first_block_is_heading(prefix)) || first_block_is_heading(markdown)
}

/// How much of a document `opens_with_heading` reads first, in bytes.
const HEADING_PREFIX: usize = 2048;

/// `opens_with_heading` of a whole text, read whole.
pub(super) fn first_block_is_heading(markdown: &str) -> bool {
    let mut in_metadata = false;
    for event in Parser::new_ext(markdown, OPTIONS) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            _ if in_metadata => {}
            Event::Start(Tag::Heading { .. }) => return true,
            // An HTML comment (a suppression, say) may stand before the title.
            Event::Html(html) | Event::InlineHtml(html) if html.trim_start().starts_with("<!--") => {}
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            _ => return false,
        }
    }
    false
}

pub(super) fn to_html(markdown: &str, rewrite: &Rewrite) -> Html {
    let mut title = None::<String>;
    let mut in_title = false;
    let mut in_metadata = false;
    let mut summary = None::<String>;
    let mut in_summary = None::<String>;
    let mut raw_html = false;
    let mut events = Vec::new();
    for event in Parser::new_ext(markdown, OPTIONS) {
        let event = match event {
            Event::Text(text) => Event::Text(rewritten(text, rewrite.text)),
            other => other,
        };
        match &event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => {
                in_metadata = false;
                continue;
            }
            Event::Start(Tag::Heading { .. }) if title.is_none() => {
                in_title = true;
                title = Some(String::new());
                continue;
            }
            Event::End(TagEnd::Heading(_)) if in_title => {
                in_title = false;
                continue;
            }
            Event::Start(Tag::Paragraph) if summary.is_none() && in_summary.is_none() => {
                in_summary = Some(String::new());
            }
            Event::End(TagEnd::Paragraph) if in_summary.is_some() => summary = in_summary.take(),
            _ => {}
        }
        if in_metadata {
            continue;
        }
        if let Event::Text(text) | Event::Code(text) = &event {
            if in_title {
                title.get_or_insert_default().push_str(text);
            } else if let Some(summary) = &mut in_summary {
                summary.push_str(text);
            }
        }
        if in_title {
            if matches!(event, Event::SoftBreak | Event::HardBreak) {
                title.get_or_insert_default().push(' ');
            }
            continue;
        }
        if matches!(event, Event::SoftBreak | Event::HardBreak) {
            if let Some(summary) = &mut in_summary {
                summary.push(' ');
            }
        }
        if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            raw_html = true;
        }
        events.push(rewrite_urls(event, rewrite.url));
    }
    let mut body = String::with_capacity(markdown.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut body, events.into_iter());
    Html {
        title: title.unwrap_or_default(),
        body,
        summary: summary.unwrap_or_default(),
        raw_html,
    }
}

fn rewritten<'a>(text: CowStr<'a>, rewrite: &dyn Fn(&str) -> Option<String>) -> CowStr<'a> {
    rewrite(&text).map_or(text, CowStr::from)
}

fn rewrite_urls<'a>(event: Event<'a>, rewrite: &dyn Fn(&str) -> Option<String>) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rewritten(dest_url, rewrite),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: rewritten(dest_url, rewrite),
            title,
            id,
        }),
        other => other,
    }
}
