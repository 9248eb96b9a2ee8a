//! Each language's Atom 1.0 feed (`<prefix>/feed.xml`): its newest
//! releases, with links to both languages of each, and ids that stay the
//! same from one build to the next.

use time::OffsetDateTime;

use crate::error::Result;

use super::date;
use super::page::{hex_sha256, Entry};
use super::site::Site;
use super::xml::{self, text_element, Xml};

/// Entries per Atom feed: the newest releases only, as feed readers expect.
const FEED_ENTRIES: usize = 50;

/// A language's feed of `entries`, which come newest first: its site path
/// and its XML. `now` dates the feed of a site with no release yet.
pub(super) fn feed(
    site: &Site,
    entries: &[Entry],
    side: usize,
    now: OffsetDateTime,
) -> Result<(String, Vec<u8>)> {
    let language = &site.languages[side];
    let tag = language.tag();
    let updated = entries
        .iter()
        .take(FEED_ENTRIES)
        .map(|e| e.published_at)
        .max()
        .unwrap_or(now);
    let mut w = xml::writer()?;
    w.create_element("feed")
        .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
        .with_attribute(("xml:lang", tag.as_str()))
        .write_inner_content(|w| {
            text_element(w, "title", &language.title)?;
            text_element(w, "id", &feed_id(site, &language.feed_path()))?;
            text_element(w, "updated", &date::rfc3339(updated))?;
            w.create_element("link")
                .with_attribute(("rel", "self"))
                .with_attribute(("type", "application/atom+xml"))
                .with_attribute(("href", site.url(&language.feed_path()).as_str()))
                .write_empty()?;
            w.create_element("link")
                .with_attribute(("rel", "alternate"))
                .with_attribute(("type", "text/html"))
                .with_attribute(("hreflang", tag.as_str()))
                .with_attribute(("href", site.url(&language.index_path()).as_str()))
                .write_empty()?;
            w.create_element("author")
                .write_inner_content(|w| text_element(w, "name", &language.title))?;
            text_element(w, "generator", "bitext")?;
            for entry in entries.iter().take(FEED_ENTRIES) {
                write_entry(w, site, entry, side)?;
            }
            Ok(())
        })
        .map_err(xml::error)?;
    Ok((language.feed_path(), w.into_inner()))
}

fn write_entry(w: &mut Xml, site: &Site, entry: &Entry, side: usize) -> std::io::Result<()> {
    let page = &entry.pages[side];
    let other = &entry.pages[1 - side];
    let published = date::rfc3339(entry.published_at);
    w.create_element("entry").write_inner_content(|w| {
        text_element(w, "title", &page.title)?;
        text_element(w, "id", &feed_id(site, &page.path))?;
        w.create_element("link")
            .with_attribute(("rel", "alternate"))
            .with_attribute(("type", "text/html"))
            .with_attribute(("hreflang", site.languages[side].tag().as_str()))
            .with_attribute(("href", site.url(&page.path).as_str()))
            .write_empty()?;
        w.create_element("link")
            .with_attribute(("rel", "alternate"))
            .with_attribute(("type", "text/html"))
            .with_attribute(("hreflang", site.languages[1 - side].tag().as_str()))
            .with_attribute(("href", site.url(&other.path).as_str()))
            .write_empty()?;
        text_element(w, "published", &published)?;
        text_element(w, "updated", &published)?;
        if let Some(organisation) = &page.organisation {
            w.create_element("author")
                .write_inner_content(|w| text_element(w, "name", organisation))?;
        }
        for tag in &entry.tags {
            w.create_element("category")
                .with_attribute(("term", tag.as_str()))
                .write_empty()?;
        }
        if !page.summary.is_empty() {
            text_element(w, "summary", &page.summary)?;
        }
        Ok(())
    })?;
    Ok(())
}

/// A permanent Atom id: the page's URL when the site has a base URL, else
/// a UUID URN derived from the path, stable across builds.
fn feed_id(site: &Site, path: &str) -> String {
    match site.absolute(path) {
        Some(url) => url,
        None => {
            let h = hex_sha256(path.as_bytes());
            format!(
                "urn:uuid:{}-{}-5{}-8{}-{}",
                &h[..8],
                &h[8..12],
                &h[13..16],
                &h[17..20],
                &h[20..32]
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publish::labels::Labels;
    use crate::publish::site::SiteLanguage;
    use crate::workspace::Language;

    fn language(tag: &str, prefix: &str, title: &str) -> SiteLanguage {
        let lang = Language {
            tag: tag.parse().unwrap(),
        };
        SiteLanguage {
            labels: Labels::of(&lang),
            lang,
            prefix: prefix.into(),
            title: title.into(),
        }
    }

    #[test]
    fn uuid_ids_are_well_formed_and_stable() {
        let site = Site {
            languages: [
                language("en-GB", "en/news", "News"),
                language("fr-FR", "fr/nouvelles", "Actualités"),
            ],
            base_url: None,
        };
        let id = feed_id(&site, "en/news/x/");
        assert_eq!(id, feed_id(&site, "en/news/x/"));
        assert_eq!(id.len(), "urn:uuid:".len() + 36, "{id}");
        assert_ne!(id, feed_id(&site, "fr/nouvelles/x/"));
    }
}
