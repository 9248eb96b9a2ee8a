//! The site's layout: its two languages (tag, URL prefix, title and
//! built-in words), its base URL, and every path and link between its
//! pages. It decides where things go, not what they hold: release pages are
//! `page`'s, the indexes and the root `index`'s, then `feed`, `sitemap` and
//! `manifest`; `build` writes them all.

use crate::error::{Error, Result};
use crate::release::ReleaseMeta;
use crate::workspace::{Language, Workspace};

use super::labels::{default_prefix, Labels};

/// Where the stylesheet is published, relative to the site root.
pub(super) const STYLESHEET_PATH: &str = "assets/site.css";

/// One language of the site: its tag, URL prefix, title and built-in words.
#[derive(Debug, Clone)]
pub struct SiteLanguage {
    pub lang: Language,
    /// URL path under the site root, without slashes at either end.
    pub prefix: String,
    pub title: String,
    pub labels: Labels,
}

impl SiteLanguage {
    pub(super) fn tag(&self) -> String {
        self.lang.tag.to_string()
    }

    /// Open Graph wants `en_GB`, not `en-GB`.
    pub(super) fn og_locale(&self) -> String {
        self.tag().replace('-', "_")
    }

    pub(super) fn index_path(&self) -> String {
        format!("{}/", self.prefix)
    }

    pub(super) fn feed_path(&self) -> String {
        format!("{}/feed.xml", self.prefix)
    }
}

/// The site's layout, from `[publish]` in `bitext.toml` and the flags.
#[derive(Debug, Clone)]
pub struct Site {
    /// Source language first.
    pub languages: [SiteLanguage; 2],
    /// Without a trailing slash.
    pub base_url: Option<String>,
}

impl Site {
    pub fn new(ws: &Workspace, base_url: Option<&str>) -> Result<Self> {
        let config = &ws.publish;
        let invalid = |problem: String| Error::PublishConfig { problem };
        for code in config.prefix.keys().chain(config.title.keys()) {
            if code != ws.source.code() && code != ws.target.code() {
                return Err(invalid(crate::tr!(
                    "publish-config-language",
                    code = format!("{code:?}"),
                    source = ws.source.code(),
                    target = ws.target.code()
                )));
            }
        }
        let language = |lang: &Language| -> Result<SiteLanguage> {
            let prefix = match config.prefix.get(lang.code()) {
                Some(prefix) => prefix.trim_matches('/').to_owned(),
                None => default_prefix(lang),
            };
            let segment_ok = |s: &str| {
                !s.is_empty()
                    && s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
            };
            if !prefix.split('/').all(segment_ok) || prefix.split('/').next() == Some("assets") {
                return Err(invalid(crate::tr!(
                    "publish-config-prefix",
                    code = lang.code(),
                    prefix = format!("{prefix:?}"),
                    example = default_prefix(lang)
                )));
            }
            let labels = Labels::of(lang);
            let title = config
                .title
                .get(lang.code())
                .cloned()
                .unwrap_or_else(|| labels.site_title.clone());
            Ok(SiteLanguage {
                lang: lang.clone(),
                prefix,
                title,
                labels,
            })
        };
        let languages = [language(&ws.source)?, language(&ws.target)?];
        let [a, b] = &languages;
        if a.prefix.starts_with(&format!("{}/", b.prefix))
            || b.prefix.starts_with(&format!("{}/", a.prefix))
            || a.prefix == b.prefix
        {
            return Err(invalid(crate::tr!(
                "publish-config-nested",
                first = a.lang.to_string(),
                first_prefix = format!("{:?}", a.prefix),
                second = b.lang.to_string(),
                second_prefix = format!("{:?}", b.prefix)
            )));
        }
        let base_url = match base_url.or(config.base_url.as_deref()) {
            None => None,
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                Some(url.trim_end_matches('/').to_owned())
            }
            Some(url) => {
                return Err(invalid(crate::tr!(
                    "publish-config-base-url",
                    url = format!("{url:?}")
                )))
            }
        };
        Ok(Site { languages, base_url })
    }

    /// A site path as a public URL: absolute with a base URL, root-relative
    /// without one.
    pub(super) fn url(&self, path: &str) -> String {
        match &self.base_url {
            Some(base) => format!("{base}/{path}"),
            None => format!("/{path}"),
        }
    }

    /// An absolute URL, only when a base URL is known.
    pub(super) fn absolute(&self, path: &str) -> Option<String> {
        self.base_url.as_ref().map(|base| format!("{base}/{path}"))
    }

    /// The link from the page at `from` to the site path `to`: absolute
    /// with a base URL, relative without.
    pub(super) fn link(&self, from: &str, to: &str) -> String {
        self.absolute(to).unwrap_or_else(|| relative(from, to))
    }

    /// The folder path of a release page in one language (`en/news/<slug>/`).
    pub fn page_path(&self, meta: &ReleaseMeta, side: usize) -> String {
        let language = &self.languages[side];
        let slug = meta.slug.get(language.lang.code()).map_or("", String::as_str);
        format!("{}/{slug}/", language.prefix)
    }
}

/// `../` as many times as `path` (a folder path ending in `/`) is deep.
fn up(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The relative link from the page at `from` to the site path `to`; `./`
/// rather than an empty link for the root from itself.
pub(super) fn relative(from: &str, to: &str) -> String {
    let link = format!("{}{to}", up(from));
    if link.is_empty() {
        "./".into()
    } else {
        link
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_climbs_one_level_per_folder() {
        assert_eq!(up("en/news/slug/"), "../../../");
        assert_eq!(up("en/news/"), "../../");
        assert_eq!(up(""), "");
    }

    #[test]
    fn relative_links_climb_to_the_root_then_down() {
        assert_eq!(
            relative("en/news/slug/", "fr/nouvelles/"),
            "../../../fr/nouvelles/"
        );
        assert_eq!(relative("en/news/", ""), "../../");
        assert_eq!(relative("", "en/news/"), "en/news/");
        assert_eq!(relative("", ""), "./");
    }
}
