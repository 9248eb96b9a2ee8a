//! `sitemap.xml`: the root, both indexes and every release page, each with
//! its hreflang alternates in Google's `xhtml:link` form, so that search
//! engines pair the two languages of a page.

use crate::error::Result;

use super::page::Entry;
use super::site::Site;
use super::xml::{self, text_element, Xml};

/// The sitemap of a site holding `entries`.
pub(super) fn sitemap(site: &Site, entries: &[Entry]) -> Result<Vec<u8>> {
    let mut w = xml::writer()?;
    let tags = [site.languages[0].tag(), site.languages[1].tag()];
    w.create_element("urlset")
        .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
        .with_attribute(("xmlns:xhtml", "http://www.w3.org/1999/xhtml"))
        .write_inner_content(|w| {
            let root = [site.url(""), site.url(""), site.url("")];
            write_url(w, &site.url(""), None, &tags, &root)?;
            let indexes = [
                site.url(&site.languages[0].index_path()),
                site.url(&site.languages[1].index_path()),
                site.url(""),
            ];
            for url in &indexes[..2] {
                write_url(w, url, None, &tags, &indexes)?;
            }
            for entry in entries {
                let urls = [
                    site.url(&entry.pages[0].path),
                    site.url(&entry.pages[1].path),
                    site.url(&entry.pages[0].path),
                ];
                let lastmod = entry.date.to_string();
                for url in &urls[..2] {
                    write_url(w, url, Some(&lastmod), &tags, &urls)?;
                }
            }
            Ok(())
        })
        .map_err(xml::error)?;
    Ok(w.into_inner())
}

/// One `<url>` with alternates: `urls` holds the page in each language and
/// the `x-default` one.
fn write_url(
    w: &mut Xml,
    loc: &str,
    lastmod: Option<&str>,
    tags: &[String; 2],
    urls: &[String; 3],
) -> std::io::Result<()> {
    w.create_element("url").write_inner_content(|w| {
        text_element(w, "loc", loc)?;
        if let Some(lastmod) = lastmod {
            text_element(w, "lastmod", lastmod)?;
        }
        let hreflangs = [tags[0].as_str(), tags[1].as_str(), "x-default"];
        for (hreflang, href) in hreflangs.iter().zip(urls) {
            w.create_element("xhtml:link")
                .with_attribute(("rel", "alternate"))
                .with_attribute(("hreflang", *hreflang))
                .with_attribute(("href", href.as_str()))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}
