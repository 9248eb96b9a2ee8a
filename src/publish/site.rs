//! The bilingual site: its URL layout (per-language prefixes and slugs), and
//! everything written into the output folder: one page per release per
//! language, a per-language index and Atom feed, the language-choice root
//! page, `sitemap.xml` with hreflang alternates, `manifest.json`, the
//! stylesheet and the releases' own files (images). Deciding which releases
//! go out is the gate's job; swapping the folder in is `output`'s.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::release::{Release, META_FILE};
use crate::workspace::{Language, Workspace};

use super::date;
use super::markdown;
use super::output::MANIFEST;
use super::templates::Templates;

/// Entries per Atom feed: the newest releases only, as feed readers expect.
pub const FEED_ENTRIES: usize = 50;

const STYLESHEET_PATH: &str = "assets/site.css";

/// One language of the site: its tag, URL prefix, title and UI words.
#[derive(Debug, Clone)]
pub struct SiteLanguage {
    pub lang: Language,
    /// URL path under the site root, without slashes at either end.
    pub prefix: String,
    pub title: String,
}

impl SiteLanguage {
    fn tag(&self) -> String {
        self.lang.tag.to_string()
    }

    /// Open Graph wants `en_GB`, not `en-GB`.
    fn og_locale(&self) -> String {
        self.tag().replace('-', "_")
    }

    fn index_path(&self) -> String {
        format!("{}/", self.prefix)
    }

    fn feed_path(&self) -> String {
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
        let invalid = |problem: String| Error::Refused(crate::tr!("publish-config", problem = problem));
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
            let title = config
                .title
                .get(lang.code())
                .cloned()
                .unwrap_or_else(|| labels(lang).site_title.to_owned());
            Ok(SiteLanguage {
                lang: lang.clone(),
                prefix,
                title,
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
    fn url(&self, path: &str) -> String {
        match &self.base_url {
            Some(base) => format!("{base}/{path}"),
            None => format!("/{path}"),
        }
    }

    /// An absolute URL, only when a base URL is known.
    fn absolute(&self, path: &str) -> Option<String> {
        self.base_url.as_ref().map(|base| format!("{base}/{path}"))
    }

    /// The folder path of a release page in one language (`en/news/<slug>/`).
    pub fn page_path(&self, release: &Release, side: usize) -> String {
        let language = &self.languages[side];
        let slug = release
            .meta
            .slug
            .get(language.lang.code())
            .map_or("", String::as_str);
        format!("{}/{slug}/", language.prefix)
    }
}

fn default_prefix(lang: &Language) -> String {
    match lang.code() {
        "fr" => "fr/nouvelles".into(),
        "en" => "en/news".into(),
        code => code.to_owned(),
    }
}

/// The words of the default templates, in each language. Templates get
/// them as `labels`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Labels {
    pub site_title: &'static str,
    /// The language's own name, on the link that leads to it.
    pub language_name: &'static str,
    pub skip: &'static str,
    pub languages: &'static str,
    pub breadcrumbs: &'static str,
    pub press_release: &'static str,
    pub from: &'static str,
    pub published: &'static str,
    pub topics: &'static str,
    pub feed: &'static str,
    pub index_intro: &'static str,
    pub empty: &'static str,
    pub footer: &'static str,
    pub choose: &'static str,
}

pub fn labels(lang: &Language) -> Labels {
    match lang.code() {
        "fr" => Labels {
            site_title: "Actualités",
            language_name: "Français",
            skip: "Aller au contenu principal",
            languages: "Langue",
            breadcrumbs: "Fil d’Ariane",
            press_release: "Communiqué de presse",
            from: "Source",
            published: "Publié le",
            topics: "Sujets",
            feed: "S’abonner au fil Atom",
            index_intro: "Les communiqués de presse, du plus récent au plus ancien.",
            empty: "Aucun communiqué publié pour le moment.",
            footer: "Ce site est publié simultanément en français et en anglais.",
            choose: "Consulter les actualités en français",
        },
        // Languages other than French get English words; a workspace can
        // override every template that shows them.
        _ => Labels {
            site_title: "News",
            language_name: "English",
            skip: "Skip to main content",
            languages: "Language",
            breadcrumbs: "Breadcrumbs",
            press_release: "Press release",
            from: "From",
            published: "Published",
            topics: "Topics",
            feed: "Subscribe to the Atom feed",
            index_intro: "Press releases, newest first.",
            empty: "No press releases have been published yet.",
            footer: "This site is published in English and French at the same time.",
            choose: "Read the news in English",
        },
    }
}

/// What the build keeps of a published page for indexes, feeds and the
/// manifest.
#[derive(Debug, Clone)]
struct PageInfo {
    slug: String,
    path: String,
    title: String,
    summary: String,
    organisation: Option<String>,
    sha256: String,
}

/// A published release as the indexes, feeds and manifest see it.
#[derive(Debug, Clone)]
struct Entry {
    release: String,
    date: crate::release::Date,
    published_at: OffsetDateTime,
    tags: Vec<String>,
    pages: [PageInfo; 2],
}

/// A release ready to be built: the release and the Markdown of each side
/// as it will be published (boilerplate expanded).
pub struct Input<'a> {
    pub release: &'a Release,
    pub markdown: [String; 2],
    /// When it was (or is now being) published.
    pub published_at: OffsetDateTime,
}

/// Builds the whole site into `dir`, which must be empty. `now` dates the
/// feeds of a site with no release yet.
pub fn build(
    ws: &Workspace,
    site: &Site,
    templates: &Templates,
    inputs: &[Input<'_>],
    now: OffsetDateTime,
    dir: &Path,
) -> Result<()> {
    check_unique_paths(site, inputs)?;
    let mut entries: Vec<Entry> = inputs
        .par_iter()
        .map(|input| build_release(ws, site, templates, input, dir))
        .collect::<Result<_>>()?;
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.release.cmp(&b.release)));
    for side in 0..2 {
        write_index(site, templates, &entries, side, dir)?;
        write_feed(site, &entries, side, now, dir)?;
    }
    write_root(site, templates, dir)?;
    write_file(dir, STYLESHEET_PATH, templates.stylesheet().as_bytes())?;
    write_file(dir, "sitemap.xml", &sitemap(site, &entries)?)?;
    entries.sort_by(|a, b| a.release.cmp(&b.release));
    write_file(dir, MANIFEST, &manifest(site, &entries)?)?;
    Ok(())
}

/// Two releases with the same URL slug in a language would overwrite each
/// other's page.
fn check_unique_paths(site: &Site, inputs: &[Input<'_>]) -> Result<()> {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for input in inputs {
        for side in 0..2 {
            let path = site.page_path(input.release, side);
            if let Some(other) = seen.insert(path.clone(), &input.release.slug) {
                return Err(Error::Refused(crate::tr!(
                    "publish-same-path",
                    first = other.to_string(),
                    second = &input.release.slug,
                    path = &path,
                    meta = META_FILE
                )));
            }
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Alternate {
    hreflang: String,
    href: String,
}

#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    /// Relative links from the page being rendered.
    home: String,
    root: String,
    css: String,
    feed: Option<String>,
    feed_title: String,
}

#[derive(Serialize)]
struct Switch {
    lang: String,
    href: String,
    label: &'static str,
}

#[derive(Serialize)]
struct Og {
    r#type: &'static str,
    title: String,
    url: Option<String>,
    locale: String,
    locale_alternate: Vec<String>,
}

#[derive(Serialize)]
struct ReleaseContext<'a> {
    slug: &'a str,
    title: &'a str,
    date: String,
    date_iso: String,
    organisation: Option<&'a str>,
    tags: &'a [String],
    body: String,
    summary: &'a str,
}

/// The context every page template receives (see docs/publish.md).
#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    lang: String,
    page_title: String,
    description: Option<&'a str>,
    canonical: Option<String>,
    alternates: Vec<Alternate>,
    og: Og,
    site: SiteContext<'a>,
    labels: Labels,
    switch: Option<Switch>,
    #[serde(flatten)]
    page: T,
}

#[derive(Serialize)]
struct ReleasePage<'a> {
    release: ReleaseContext<'a>,
}

/// `../` as many times as `path` (a folder path ending in `/`) is deep.
fn up(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

fn site_context<'a>(site: &'a Site, side: usize, from: &str) -> SiteContext<'a> {
    let language = &site.languages[side];
    SiteContext {
        title: &language.title,
        home: format!("{}{}", up(from), language.index_path()),
        root: if up(from).is_empty() {
            "./".into()
        } else {
            up(from)
        },
        css: format!("{}{STYLESHEET_PATH}", up(from)),
        feed: Some(format!("{}{}", up(from), language.feed_path())),
        feed_title: format!("{} (Atom)", language.title),
    }
}

fn build_release(
    ws: &Workspace,
    site: &Site,
    templates: &Templates,
    input: &Input<'_>,
    dir: &Path,
) -> Result<Entry> {
    let release = input.release;
    let paths = [site.page_path(release, 0), site.page_path(release, 1)];
    let date = release
        .meta
        .date()
        .ok_or_else(|| Error::Refused(crate::tr!("publish-no-date", release = &release.slug)))?;
    let mut pages = Vec::with_capacity(2);
    for side in 0..2 {
        let language = &site.languages[side];
        let other = &site.languages[1 - side];
        let rendered = markdown::render(&input.markdown[side], language.lang.code() == "fr");
        if rendered.title.is_empty() {
            return Err(Error::Refused(crate::tr!(
                "publish-no-title",
                release = &release.slug,
                lang = language.lang.name()
            )));
        }
        let path = &paths[side];
        let organisation = release
            .meta
            .organisation
            .get(language.lang.code())
            .map(String::as_str);
        let alternates = vec![
            Alternate {
                hreflang: site.languages[0].tag(),
                href: site
                    .absolute(&paths[0])
                    .unwrap_or_else(|| format!("{}{}", up(path), paths[0])),
            },
            Alternate {
                hreflang: site.languages[1].tag(),
                href: site
                    .absolute(&paths[1])
                    .unwrap_or_else(|| format!("{}{}", up(path), paths[1])),
            },
            Alternate {
                hreflang: "x-default".into(),
                href: site
                    .absolute(&paths[0])
                    .unwrap_or_else(|| format!("{}{}", up(path), paths[0])),
            },
        ];
        let context = PageContext {
            lang: language.tag(),
            page_title: format!("{} - {}", rendered.title, language.title),
            description: Some(rendered.summary.as_str()).filter(|s| !s.is_empty()),
            canonical: site.absolute(path),
            alternates,
            og: Og {
                r#type: "article",
                title: rendered.title.clone(),
                url: site.absolute(path),
                locale: language.og_locale(),
                locale_alternate: vec![other.og_locale()],
            },
            site: site_context(site, side, path),
            labels: labels(&language.lang),
            switch: Some(Switch {
                lang: other.tag(),
                href: format!("{}{}", up(path), paths[1 - side]),
                label: labels(&other.lang).language_name,
            }),
            page: ReleasePage {
                release: ReleaseContext {
                    slug: &release.slug,
                    title: &rendered.title,
                    date: date::long_date(date, &language.lang),
                    date_iso: date.to_string(),
                    organisation,
                    tags: &release.meta.tags,
                    body: rendered.body.clone(),
                    summary: &rendered.summary,
                },
            },
        };
        let html = templates.render("release.html", &context)?;
        write_file(dir, &format!("{path}index.html"), html.as_bytes())?;
        pages.push(PageInfo {
            slug: release
                .meta
                .slug
                .get(language.lang.code())
                .cloned()
                .unwrap_or_default(),
            path: path.clone(),
            title: rendered.title,
            summary: rendered.summary,
            organisation: organisation.map(str::to_owned),
            sha256: hex_sha256(input.markdown[side].as_bytes()),
        });
    }
    copy_assets(
        ws,
        release,
        &paths.iter().map(|p| dir.join(p)).collect::<Vec<_>>(),
    )?;
    let [first, second]: [PageInfo; 2] = pages
        .try_into()
        .map_err(|_| Error::Refused(crate::tr!("publish-two-languages", release = &release.slug)))?;
    Ok(Entry {
        release: release.slug.clone(),
        date,
        published_at: input.published_at,
        tags: release.meta.tags.clone(),
        pages: [first, second],
    })
}

/// Copies a release's own files (images, attachments) next to each of its
/// pages, so that relative links such as `images/photo.jpg` work. The
/// documents, metadata and sign-off record are not published.
fn copy_assets(ws: &Workspace, release: &Release, to: &[PathBuf]) -> Result<()> {
    let skip = [
        META_FILE.to_owned(),
        crate::pairing::lock::LOCK_FILE.to_owned(),
        ws.source.document_name(),
        ws.target.document_name(),
    ];
    copy_tree(&release.dir, to, &skip)
}

fn copy_tree(from: &Path, to: &[PathBuf], skip: &[String]) -> Result<()> {
    let entries = std::fs::read_dir(from).map_err(|e| Error::io(from, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(from, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || skip.contains(&name) {
            continue;
        }
        let kind = entry.file_type().map_err(|e| Error::io(&entry.path(), e))?;
        let targets: Vec<PathBuf> = to.iter().map(|dir| dir.join(&name)).collect();
        if kind.is_dir() {
            for target in &targets {
                std::fs::create_dir_all(target).map_err(|e| Error::io(target, e))?;
            }
            copy_tree(&entry.path(), &targets, &[])?;
        } else if kind.is_file() {
            for target in &targets {
                std::fs::copy(entry.path(), target).map_err(|e| Error::io(target, e))?;
            }
        }
    }
    Ok(())
}

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

fn write_index(site: &Site, templates: &Templates, entries: &[Entry], side: usize, dir: &Path) -> Result<()> {
    let language = &site.languages[side];
    let other = &site.languages[1 - side];
    let path = language.index_path();
    let releases = entries
        .iter()
        .map(|entry| {
            let page = &entry.pages[side];
            IndexItem {
                title: page.title.clone(),
                href: format!("{}{}", up(&path), page.path),
                date: date::long_date(entry.date, &language.lang),
                date_iso: entry.date.to_string(),
                summary: page.summary.clone(),
                organisation: page.organisation.clone(),
            }
        })
        .collect();
    let href = |p: &str| site.absolute(p).unwrap_or_else(|| format!("{}{p}", up(&path)));
    let context = PageContext {
        lang: language.tag(),
        page_title: language.title.clone(),
        description: Some(labels(&language.lang).index_intro),
        canonical: site.absolute(&path),
        alternates: vec![
            Alternate {
                hreflang: site.languages[0].tag(),
                href: href(&site.languages[0].index_path()),
            },
            Alternate {
                hreflang: site.languages[1].tag(),
                href: href(&site.languages[1].index_path()),
            },
            Alternate {
                hreflang: "x-default".into(),
                href: site.absolute("").unwrap_or_else(|| up(&path)),
            },
        ],
        og: Og {
            r#type: "website",
            title: language.title.clone(),
            url: site.absolute(&path),
            locale: language.og_locale(),
            locale_alternate: vec![other.og_locale()],
        },
        site: site_context(site, side, &path),
        labels: labels(&language.lang),
        switch: Some(Switch {
            lang: other.tag(),
            href: format!("{}{}", up(&path), other.index_path()),
            label: labels(&other.lang).language_name,
        }),
        page: IndexPage { releases },
    };
    let html = templates.render("index.html", &context)?;
    write_file(dir, &format!("{path}index.html"), html.as_bytes())
}

#[derive(Serialize)]
struct RootLanguage {
    lang: String,
    name: &'static str,
    title: String,
    intro: &'static str,
    href: String,
}

#[derive(Serialize)]
struct RootPage {
    lang: String,
    page_title: String,
    canonical: Option<String>,
    alternates: Vec<Alternate>,
    site: SiteContext<'static>,
    languages: Vec<RootLanguage>,
}

fn write_root(site: &Site, templates: &Templates, dir: &Path) -> Result<()> {
    let languages: Vec<RootLanguage> = site
        .languages
        .iter()
        .map(|language| RootLanguage {
            lang: language.tag(),
            name: labels(&language.lang).language_name,
            title: language.title.clone(),
            intro: labels(&language.lang).choose,
            href: language.index_path(),
        })
        .collect();
    let mut alternates: Vec<Alternate> = site
        .languages
        .iter()
        .map(|language| Alternate {
            hreflang: language.tag(),
            href: site
                .absolute(&language.index_path())
                .unwrap_or_else(|| language.index_path()),
        })
        .collect();
    alternates.push(Alternate {
        hreflang: "x-default".into(),
        href: site.absolute("").unwrap_or_else(|| "./".into()),
    });
    let context = RootPage {
        lang: site.languages[0].tag(),
        page_title: format!("{} | {}", site.languages[0].title, site.languages[1].title),
        canonical: site.absolute(""),
        alternates,
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
    write_file(dir, "index.html", html.as_bytes())
}

type Xml = Writer<Vec<u8>>;

fn xml_writer() -> Result<Xml> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .map_err(xml_error)?;
    Ok(writer)
}

fn xml_error(e: std::io::Error) -> Error {
    Error::io(Path::new("<xml>"), e)
}

fn text_element(w: &mut Xml, name: &str, text: &str) -> std::io::Result<()> {
    w.create_element(name).write_text_content(BytesText::new(text))?;
    Ok(())
}

/// An Atom 1.0 feed of a language's newest releases.
fn write_feed(site: &Site, entries: &[Entry], side: usize, now: OffsetDateTime, dir: &Path) -> Result<()> {
    let language = &site.languages[side];
    let tag = language.tag();
    let updated = entries
        .iter()
        .take(FEED_ENTRIES)
        .map(|e| e.published_at)
        .max()
        .unwrap_or(now);
    let mut w = xml_writer()?;
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
                write_feed_entry(w, site, entry, side)?;
            }
            Ok(())
        })
        .map_err(xml_error)?;
    write_file(dir, &language.feed_path(), &w.into_inner())
}

fn write_feed_entry(w: &mut Xml, site: &Site, entry: &Entry, side: usize) -> std::io::Result<()> {
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

/// `sitemap.xml`: every page with its hreflang alternates (Google's
/// `xhtml:link` form), the indexes and the root.
fn sitemap(site: &Site, entries: &[Entry]) -> Result<Vec<u8>> {
    let mut w = xml_writer()?;
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
        .map_err(xml_error)?;
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

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ManifestPage<'a> {
    slug: &'a str,
    path: &'a str,
    url: String,
    title: &'a str,
    /// SHA-256 of the Markdown as published (boilerplate expanded).
    sha256: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ManifestRelease<'a> {
    release: &'a str,
    date: String,
    published_at: String,
    tags: &'a [String],
    languages: BTreeMap<String, ManifestPage<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Manifest<'a> {
    version: u32,
    base_url: Option<&'a str>,
    languages: Vec<String>,
    releases: Vec<ManifestRelease<'a>>,
}

fn manifest(site: &Site, entries: &[Entry]) -> Result<Vec<u8>> {
    let releases = entries
        .iter()
        .map(|entry| ManifestRelease {
            release: &entry.release,
            date: entry.date.to_string(),
            published_at: date::rfc3339(entry.published_at),
            tags: &entry.tags,
            languages: (0..2)
                .map(|side| {
                    let page = &entry.pages[side];
                    let value = ManifestPage {
                        slug: &page.slug,
                        path: &page.path,
                        url: site.url(&page.path),
                        title: &page.title,
                        sha256: &page.sha256,
                    };
                    (site.languages[side].tag(), value)
                })
                .collect(),
        })
        .collect();
    let manifest = Manifest {
        version: 1,
        base_url: site.base_url.as_deref(),
        languages: site.languages.iter().map(SiteLanguage::tag).collect(),
        releases,
    };
    let mut json = serde_json::to_vec_pretty(&manifest).map_err(|e| {
        Error::Refused(crate::tr!(
            "publish-manifest",
            manifest = MANIFEST,
            error = e.to_string()
        ))
    })?;
    json.push(b'\n');
    Ok(json)
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes a file of the staged site, creating its folders.
fn write_file(dir: &Path, relative: &str, bytes: &[u8]) -> Result<()> {
    let path: PathBuf = dir.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
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
    fn uuid_ids_are_well_formed_and_stable() {
        let site = Site {
            languages: [
                SiteLanguage {
                    lang: Language {
                        tag: "en-GB".parse().unwrap(),
                    },
                    prefix: "en/news".into(),
                    title: "News".into(),
                },
                SiteLanguage {
                    lang: Language {
                        tag: "fr-FR".parse().unwrap(),
                    },
                    prefix: "fr/nouvelles".into(),
                    title: "Actualités".into(),
                },
            ],
            base_url: None,
        };
        let id = feed_id(&site, "en/news/x/");
        assert_eq!(id, feed_id(&site, "en/news/x/"));
        assert_eq!(id.len(), "urn:uuid:".len() + 36, "{id}");
        assert_ne!(id, feed_id(&site, "fr/nouvelles/x/"));
    }
}
