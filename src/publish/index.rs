//! The site's indexes: each language's list of releases, newest first
//! (`index.html` under its prefix), and the root page where a reader
//! chooses a language (`root.html`).

use serde::Serialize;

use super::context::{alternates, Alternate, Og, PageContext, SiteContext, Switch};
use super::date;
use super::page::Entry;
use super::site::{relative, Site, STYLESHEET_PATH};
use super::templates::Templates;
use crate::error::Result;

#[derive(Serialize)]
struct IndexItem {
    title: String,
    href: String,
    date: String,
    date_iso: String,
    summary: String,
    organisation: Option<String>,
}

#[derive(Serialize)]
struct IndexPage {
    releases: Vec<IndexItem>,
}

/// One language's index of `entries`, which come newest first: its site
/// path and its HTML.
pub(super) fn index(
    site: &Site,
    templates: &Templates,
    entries: &[Entry],
    side: usize,
) -> Result<(String, Vec<u8>)> {
    let language = &site.languages[side];
    let other = &site.languages[1 - side];
    let path = language.index_path();
    let releases = entries
        .iter()
        .map(|entry| {
            let page = &entry.pages[side];
            IndexItem {
                title: page.title.clone(),
                href: relative(&path, &page.path),
                date: date::long_date(entry.date, &language.lang),
                date_iso: entry.date.to_string(),
                summary: page.summary.clone(),
                organisation: page.organisation.clone(),
            }
        })
        .collect();
    let indexes = [site.languages[0].index_path(), site.languages[1].index_path()];
    let context = PageContext {
        lang: language.tag(),
        page_title: language.title.clone(),
        description: Some(&language.labels.index_intro),
        canonical: site.absolute(&path),
        alternates: alternates(site, &path, [&indexes[0], &indexes[1]], ""),
        og: Og {
            r#type: "website",
            title: language.title.clone(),
            url: site.absolute(&path),
            locale: language.og_locale(),
            locale_alternate: vec![other.og_locale()],
        },
        site: SiteContext::new(site, side, &path),
        labels: &language.labels,
        switch: Some(Switch {
            lang: other.tag(),
            href: relative(&path, &other.index_path()),
            label: &other.labels.language_name,
        }),
        page: IndexPage { releases },
    };
    let html = templates.render("index.html", &context)?;
    Ok((format!("{path}index.html"), html.into_bytes()))
}

#[derive(Serialize)]
struct RootLanguage<'a> {
    lang: String,
    name: &'a str,
    title: &'a str,
    intro: &'a str,
    href: String,
}

/// What `root.html` receives: no labels, since it speaks both languages.
#[derive(Serialize)]
struct RootPage<'a> {
    lang: String,
    page_title: String,
    canonical: Option<String>,
    alternates: Vec<Alternate>,
    site: SiteContext<'a>,
    languages: Vec<RootLanguage<'a>>,
}

/// The language-choice page at the site root: its site path and its HTML.
pub(super) fn root(site: &Site, templates: &Templates) -> Result<(String, Vec<u8>)> {
    let languages: Vec<RootLanguage> = site
        .languages
        .iter()
        .map(|language| RootLanguage {
            lang: language.tag(),
            name: &language.labels.language_name,
            title: &language.title,
            intro: &language.labels.choose,
            href: language.index_path(),
        })
        .collect();
    let indexes = [site.languages[0].index_path(), site.languages[1].index_path()];
    let context = RootPage {
        lang: site.languages[0].tag(),
        page_title: format!("{} | {}", site.languages[0].title, site.languages[1].title),
        canonical: site.absolute(""),
        alternates: alternates(site, "", [&indexes[0], &indexes[1]], ""),
        site: SiteContext {
            title: "",
            home: "./".into(),
            root: "./".into(),
            css: STYLESHEET_PATH.into(),
            feed: None,
            feed_title: String::new(),
        },
        languages,
    };
    let html = templates.render("root.html", &context)?;
    Ok(("index.html".to_owned(), html.into_bytes()))
}
