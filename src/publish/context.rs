//! What the HTML templates receive, apart from each page's own part: the
//! page's language, title, alternates, Open Graph data, links to the rest
//! of the site and the built-in words (`base.html`'s variables, listed in
//! docs/publish.md). Release pages (`page`) and indexes (`index`) fill in
//! the rest.

use serde::Serialize;

use super::labels::Labels;
use super::site::{relative, Site, STYLESHEET_PATH};

/// A `<link rel="alternate" hreflang>`: the page in one language, or
/// `x-default`.
#[derive(Serialize)]
pub(super) struct Alternate {
    hreflang: String,
    href: String,
}

/// The alternates of the page at `from`: the same page in each language
/// (site paths in `pages`), then `x-default`, the page at `default`.
pub(super) fn alternates(site: &Site, from: &str, pages: [&str; 2], default: &str) -> Vec<Alternate> {
    let mut alternates: Vec<Alternate> = site
        .languages
        .iter()
        .zip(pages)
        .map(|(language, page)| Alternate {
            hreflang: language.tag(),
            href: site.link(from, page),
        })
        .collect();
    alternates.push(Alternate {
        hreflang: "x-default".into(),
        href: site.link(from, default),
    });
    alternates
}

/// The site as one page sees it: its title and links relative to the page.
#[derive(Serialize)]
pub(super) struct SiteContext<'a> {
    pub title: &'a str,
    pub home: String,
    pub root: String,
    pub css: String,
    pub feed: Option<String>,
    pub feed_title: String,
}

impl<'a> SiteContext<'a> {
    /// The site in one language, linked from the page at `from`.
    pub fn new(site: &'a Site, side: usize, from: &str) -> Self {
        let language = &site.languages[side];
        SiteContext {
            title: &language.title,
            home: relative(from, &language.index_path()),
            root: relative(from, ""),
            css: relative(from, STYLESHEET_PATH),
            feed: Some(relative(from, &language.feed_path())),
            feed_title: format!("{} (Atom)", language.title),
        }
    }
}

/// The visible link to the same page in the other language.
#[derive(Serialize)]
pub(super) struct Switch<'a> {
    pub lang: String,
    pub href: String,
    /// The other language's own name.
    pub label: &'a str,
}

#[derive(Serialize)]
pub(super) struct Og {
    pub r#type: &'static str,
    pub title: String,
    pub url: Option<String>,
    pub locale: String,
    pub locale_alternate: Vec<String>,
}

/// The context every page template but the root's receives, with the
/// page's own part (`T`) flattened into it.
#[derive(Serialize)]
pub(super) struct PageContext<'a, T: Serialize> {
    pub lang: String,
    pub page_title: String,
    pub description: Option<&'a str>,
    pub canonical: Option<String>,
    pub alternates: Vec<Alternate>,
    pub og: Og,
    pub site: SiteContext<'a>,
    pub labels: &'a Labels,
    pub switch: Option<Switch<'a>>,
    #[serde(flatten)]
    pub page: T,
}
