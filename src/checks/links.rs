//! URLs, link targets, e-mail addresses and inline code that differ
//! between the sides. Real bilingual sites localise their links, so two
//! URLs agree when they are equal once the language markers in them are
//! switched (`/en/` ↔ `/fr/`, `eng` ↔ `fra`, `lang=en` ↔ `lang=fr`), and a
//! link left over on each side still agrees when both go to the same site
//! (`digital.canada.ca` ↔ `numerique.canada.ca`, two relative links): the
//! French page of a site has its own slug. What is reported is a link to
//! another site, or a link on one side only.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::LazyLock;

use memchr::memmem::Finder;
use regex::Regex;

use super::{Check, Context, Hit, Side, Tokens};
use crate::diagnostic::Code;
use crate::text::url;

pub struct Links;

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}").expect("regex"));

/// The site path a Jekyll link target names through a Liquid filter
/// (`{{ "/2017/12/11/100-taches-du-gc.html" | prepend: site.urlalt[…] }}`):
/// a link within the site, like a relative one. CommonMark does not read
/// such a target (it has spaces) and the segment carries the template
/// apart from its text, so it is found in the segment's source.
static TEMPLATE_PATH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\{\{\s*"(/[^"\s]*)"\s*\|[^}]*\}\}"#).expect("regex"));

/// Path and query tokens that name a language.
const LANGUAGE_MARKERS: &[&str] = &[
    "en", "fr", "eng", "fra", "fre", "english", "french", "francais", "anglais", "en-ca", "fr-ca", "en-us",
    "fr-fr", "en-gb",
];

/// The lengths of the language markers, one bit each: a word of another
/// length is no marker, whatever its letters.
const MARKER_LENGTHS: u64 = {
    let mut bits = 0;
    let mut i = 0;
    while i < LANGUAGE_MARKERS.len() {
        bits |= 1 << LANGUAGE_MARKERS[i].len();
        i += 1;
    }
    bits
};

impl Check for Links {
    fn codes(&self) -> &'static [Code] {
        &[
            Code::UrlMismatch,
            Code::UrlMissing,
            Code::UrlLocalised,
            Code::EmailMismatch,
            Code::CodeMismatch,
        ]
    }

    fn check(&self, cx: &Context, source: &Side, target: &Side, out: &mut Vec<Hit>) {
        let (source_urls, target_urls) = (urls(source), urls(target));
        let (missing, extra) = unmatched(&source_urls, &target_urls);
        // A link missing here but next door on the other side is a pairing
        // boundary, not a translation error. The neighbours' links are
        // read once per side, and only when a link is missing.
        let (near_source, near_target) = (OnceCell::new(), OnceCell::new());
        let near = |link: &Link, other: &Side, links: &OnceCell<Vec<Link>>| {
            let host = site(&link.url);
            links
                .get_or_init(|| neighbour_urls(other))
                .iter()
                .any(|l| l.key == link.key || site(&l.url) == host)
        };
        // A link of the French that points to another page of the English
        // link's site is reported whatever the neighbours hold.
        let wrong = |s: &Link| extra.iter().any(|t| wrong_page(s, t));
        let wrong_target = |t: &Link| missing.iter().any(|s| wrong_page(s, t));
        let missing: Vec<&Link> = missing
            .iter()
            .copied()
            .filter(|u| wrong(u) || !near(u, target, &near_target))
            .collect();
        let extra: Vec<&Link> = extra
            .iter()
            .copied()
            .filter(|u| wrong_target(u) || !near(u, source, &near_source))
            .collect();
        let wrong = missing.iter().any(|s| extra.iter().any(|t| wrong_page(s, t)));
        let (missing, extra): (Vec<&String>, Vec<&String>) = (
            missing.iter().map(|l| &l.url).collect(),
            extra.iter().map(|l| &l.url).collect(),
        );
        if let Some(hit) = report(
            cx,
            source,
            target,
            (Code::UrlMismatch, wrong),
            "link",
            &missing,
            &extra,
        ) {
            out.push(hit);
        }
        let (source_mail, target_mail) = (emails(source), emails(target));
        let missing: Vec<&String> = source_mail.iter().filter(|m| !target_mail.contains(m)).collect();
        let extra: Vec<&String> = target_mail.iter().filter(|m| !source_mail.contains(m)).collect();
        if let Some(hit) = report(
            cx,
            source,
            target,
            (Code::EmailMismatch, false),
            "email",
            &missing,
            &extra,
        ) {
            out.push(hit);
        }
        let code = |side: &Side| {
            let mut code: Vec<String> = side
                .segments
                .iter()
                .flat_map(|s| s.code.iter().cloned())
                .collect();
            code.sort();
            code.dedup();
            code
        };
        let (source_code, target_code) = (code(source), code(target));
        // Code that the other side writes as plain text (`LICENCE` ↔ « le
        // fichier LICENCE », `Authorization` ↔ "the authorization
        // header"), here or in a neighbouring segment (a heading that
        // names the argument), is there: only its markup differs.
        let written = |item: &String, other: &Side| {
            contains_word(&other.text(), item) || contains_word(&other.nearby_text(), item)
        };
        let missing: Vec<&String> = source_code
            .iter()
            .filter(|c| !target_code.contains(c) && !written(c, target))
            .collect();
        let extra: Vec<&String> = target_code
            .iter()
            .filter(|c| !source_code.contains(c) && !written(c, source))
            .collect();
        // Interface labels in code are translated with the interface
        // (`In transit`, `Delivered` ↔ `Envoi en cours`, `Livraison
        // réussie`; `API Integration > Callbacks` ↔ « Intégration API »
        // puis « Fonctions de rappel »): labels on both sides, or a label
        // of several words on one side, are not a code mismatch.
        let (missing, extra) =
            if !missing.is_empty() && !extra.is_empty() && missing.iter().chain(&extra).all(|c| label(c)) {
                (Vec::new(), Vec::new())
            } else {
                let prose = |c: &&String| !(label(c) && c.contains(' '));
                (
                    missing.into_iter().filter(prose).collect(),
                    extra.into_iter().filter(prose).collect(),
                )
            };
        if let Some(hit) = report(
            cx,
            source,
            target,
            (Code::CodeMismatch, false),
            "code",
            &missing,
            &extra,
        ) {
            out.push(hit);
        }
    }
}

/// `code` comes with whether a link of the target is another page of a
/// source link's site (`wrong_page`), which only a link finding asks.
fn report(
    cx: &Context,
    source: &Side,
    target: &Side,
    (code, wrong): (Code, bool),
    what: &str,
    missing: &[&String],
    extra: &[&String],
) -> Option<Hit> {
    let list = |items: &[&String]| {
        items
            .iter()
            .map(|i| format!("`{i}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let message = match (missing.is_empty(), extra.is_empty()) {
        (true, true) => return None,
        (false, true) => crate::checks::only_in(what, list(missing), cx.source, cx.target),
        (true, false) => crate::checks::only_in(what, list(extra), cx.target, cx.source),
        (false, false) => crate::checks::differ(what, (cx.source, list(missing)), (cx.target, list(extra))),
    };
    // A link on one side only is often a resource that exists in one
    // language; two different links are the mismatch proper.
    let code = match code {
        Code::UrlMismatch if wrong => Code::UrlMismatch,
        Code::UrlMismatch if missing.is_empty() || extra.is_empty() => Code::UrlMissing,
        Code::UrlMismatch
            if extra.iter().all(|u| looks_french(u)) && !missing.iter().any(|u| looks_french(u)) =>
        {
            Code::UrlLocalised
        }
        code => code,
    };
    Some(
        Hit::new(code, message)
            .source_at(missing.first().and_then(|m| source.locate(m)))
            .target_at(extra.first().and_then(|e| target.locate(e))),
    )
}

/// Whether `text` has `word` in it, whole and in any case.
fn contains_word(text: &str, word: &str) -> bool {
    let (text, word) = (text.to_lowercase(), word.to_lowercase());
    let boundary = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    text.match_indices(&word).any(|(at, _)| {
        boundary(text[..at].chars().next_back()) && boundary(text[at + word.len()..].chars().next())
    })
}

/// Whether inline code reads as an interface label: capitalised words
/// (`Delivered`, `In transit`, `API Integration > Callbacks`), not an
/// identifier, a value (`email`, `true`) or a file name (`LICENCE`).
fn label(code: &str) -> bool {
    code.chars().next().is_some_and(char::is_uppercase)
        && code
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '>' | '\'' | '’' | '-'))
        && code.chars().any(char::is_lowercase)
}

/// A URL with its canonical form, computed once: pairing the links of a
/// pair compares every link with every other one.
struct Link {
    url: String,
    key: String,
}

/// Link targets and bare URLs of a side, without `mailto:` links and
/// duplicates, in order of appearance.
fn urls(side: &Side) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    for segment in side.segments {
        let bare = url::bare_urls(&segment.text);
        let raw = side.file.text().get(segment.span.clone()).unwrap_or("");
        // The template opens with `{{`: most segments have none, and are
        // not searched (a search takes a cache from the regex's pool).
        let templated = memchr::memchr(b'{', raw.as_bytes())
            .map(|_| TEMPLATE_PATH.captures_iter(raw))
            .into_iter()
            .flatten()
            .filter_map(|c| c.get(1).map(|m| m.as_str()));
        for url in segment
            .links
            .iter()
            .map(String::as_str)
            .chain(bare)
            .chain(templated)
        {
            let url = url.trim();
            // Template expressions and bare words are not addresses.
            // Read on bytes: a search set up per URL cost more than the URL.
            let bytes = url.as_bytes();
            let template =
                memchr::memchr_iter(b'{', bytes).any(|i| matches!(bytes.get(i + 1), Some(b'{' | b'%')));
            let address = bytes.iter().any(|b| matches!(b, b'/' | b'.' | b'#' | b':')) && !template;
            let mailto = url.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("mailto:"));
            if !address || mailto || out.iter().any(|o| o.url == url) {
                continue;
            }
            // A bare URL that is also a link's target is the same link;
            // two anchors of one page (`…?id=15249#appC`, `#appD`) are two.
            let key = canonical(url);
            if out
                .iter()
                .any(|o| o.key == key && fragment(&o.url) == fragment(url))
            {
                continue;
            }
            out.push(Link {
                url: url.to_owned(),
                key,
            });
        }
    }
    out
}

/// The links of the segments around a side's own: those before, then
/// those after, each run without the other's duplicates removed.
fn neighbour_urls(side: &Side) -> Vec<Link> {
    let before = Side {
        lang: side.lang,
        file: side.file,
        document: side.document,
        segments: side.before,
        before: &[],
        after: &[],
        tokens: &Tokens::new(),
    };
    let after = Side {
        segments: side.after,
        tokens: &Tokens::new(),
        ..before
    };
    let mut links = urls(&before);
    links.extend(urls(&after));
    links
}

/// The fragment of a URL, if any.
fn fragment(url: &str) -> Option<&str> {
    memchr::memchr(b'#', url.as_bytes()).map(|i| &url[i + 1..])
}

fn emails(side: &Side) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for segment in side.segments {
        let from_links = segment
            .links
            .iter()
            .filter_map(|l| {
                l.get(..7)
                    .filter(|p| p.eq_ignore_ascii_case("mailto:"))
                    .map(|_| &l[7..])
            })
            .map(|l| l.split('?').next().unwrap_or(l).to_owned());
        // An address has an `@`: most text has none and is not searched
        // (a search takes a cache from the regex's pool).
        let from_text = memchr::memchr(b'@', segment.text.as_bytes())
            .map(|_| EMAIL.find_iter(&segment.text))
            .into_iter()
            .flatten()
            .map(|m| m.as_str().to_owned());
        for mail in from_links.chain(from_text) {
            let mail = mail.to_lowercase();
            if !out.contains(&mail) {
                out.push(mail);
            }
        }
    }
    out
}

/// A URL with its language markers switched to one placeholder, scheme
/// and `www.` dropped, host lowercased, fragment and final slash removed.
/// The text between markers is copied a run at a time, and a label of the
/// host or a word of the path is compared with the markers only when its
/// length is one of theirs.
fn canonical(url: &str) -> String {
    // Searches of the bytes: the standard library's searches for a
    // character or a string set up more than a URL takes to read.
    let url = memchr::memchr(b'#', url.as_bytes()).map_or(url, |i| &url[..i]);
    static SCHEME_END: LazyLock<Finder> = LazyLock::new(|| Finder::new("://"));
    let (rest, absolute) = match SCHEME_END.find(url.as_bytes()) {
        Some(i) => (&url[i + 3..], true),
        None => (url, false),
    };
    let (host, path) = match memchr::memchr2(b'/', b'?', rest.as_bytes()) {
        Some(i) if absolute => (&rest[..i], &rest[i..]),
        _ if absolute => (rest, ""),
        _ => ("", rest),
    };
    let host = match host.as_bytes().get(..4) {
        Some(www) if www.eq_ignore_ascii_case(b"www.") => &host[4..],
        _ => host,
    };
    let mut out = String::with_capacity(url.len());
    // The markers are lowercase ASCII: a case-blind comparison is the
    // comparison of the lowercased label. Only a word of a marker's length
    // is compared with them.
    let is_marker = |token: &str| {
        token.len() < 64
            && MARKER_LENGTHS & (1 << token.len()) != 0
            && LANGUAGE_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(token))
    };
    for label in host.split('.') {
        if !out.is_empty() {
            out.push('.');
        }
        if is_marker(label) {
            out.push_str("{lang}");
        } else {
            let at = out.len();
            out.push_str(label);
            out[at..].make_ascii_lowercase();
        }
    }
    let mut copied = 0;
    let mut token_start = None;
    // The path's words (runs of letters and digits), ASCII read on bytes.
    let bytes = path.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (alphanumeric, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = super::char_at(path, i);
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alphanumeric {
            token_start.get_or_insert(i);
        } else if let Some(start) = token_start.take() {
            if is_marker(&path[start..i]) {
                out.push_str(&path[copied..start]);
                out.push_str("{lang}");
                copied = i;
            }
        }
        i += len;
    }
    if let Some(start) = token_start {
        if is_marker(&path[start..]) {
            out.push_str(&path[copied..start]);
            out.push_str("{lang}");
            copied = path.len();
        }
    }
    out.push_str(&path[copied..]);
    // Most URLs have no marker, and need no second pass.
    let mut out = if memchr::memchr(b'{', out.as_bytes()).is_some() {
        out.replace("{lang}-{lang}", "{lang}")
    } else {
        out
    };
    out.truncate(out.trim_end_matches('/').len());
    out
}

/// Whether a URL looks like a French-language page: a language marker, a
/// French host, accented letters or French words in its path.
fn looks_french(url: &str) -> bool {
    let lower = url.to_lowercase();
    if lower.contains("%c3%") || lower.contains(".fr/") || lower.ends_with(".fr") {
        return true;
    }
    const FRENCH: &[&str] = &[
        "fr",
        "fra",
        "fre",
        "francais",
        "french",
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "et",
        "pour",
        "sur",
        "aux",
        "traduction",
        "dictionnaire",
        "accueil",
    ];
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|t| FRENCH.contains(&t))
}

/// The site a URL belongs to: its registrable domain (the last two labels
/// of the host), or the empty string for a relative link. Lowercase, and
/// a slice of the URL unless it has capitals: pairing links asks it of
/// every pair of links.
fn site(url: &str) -> Cow<'_, str> {
    let Some((_, rest)) = url.split_once("://") else {
        return Cow::Borrowed("");
    };
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
    let last_two = host.rmatch_indices('.').nth(1).map_or(0, |(dot, _)| dot + 1);
    let site = &host[last_two..];
    if site.eq_ignore_ascii_case("youtu.be") {
        Cow::Borrowed("youtube.com")
    } else if site.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(site.to_ascii_lowercase())
    } else {
        Cow::Borrowed(site)
    }
}

/// Whether a French link on the English link's site is another page, not
/// the same page in French: the English address with more path segments
/// after it, a path that goes on after a file name (`….html/more`), or
/// the same query parameter with another page id (`?id=18309` → `18310`).
/// On the same host, the `/en/`↔`/fr/` switch, translated slugs (a path of
/// other words), a French home page name (`/accueil`), added or dropped
/// query parameters (tracking, language, section) and file names that
/// differ (`…-EN-1.png` / `…-FR-2.png`) are not reported.
fn wrong_page(source: &Link, target: &Link) -> bool {
    let (s, t) = (source.key.as_str(), target.key.as_str());
    let (source, target) = (source.url.as_str(), target.url.as_str());
    fn host(u: &str) -> &str {
        u.split(['/', '?']).next().unwrap_or("")
    }
    if !source.contains("://") || !target.contains("://") {
        return false;
    }
    if s == t {
        return other_fragment(source, target);
    }
    // Another host of the same site (`digital.canada.ca` ↔
    // `numerique.canada.ca`, `blog.canada.ca` ↔ `blogue.canada.ca`) has
    // its own slugs: only a longer French path tells another page.
    let same_host = host(s) == host(t);
    if !same_host {
        let source_site = site(source);
        if source_site.is_empty() || source_site != site(target) {
            return false;
        }
    }
    let (s_path, s_query) = s.split_once('?').unwrap_or((s, ""));
    let (t_path, t_query) = t.split_once('?').unwrap_or((t, ""));
    fn parts(p: &str) -> Vec<&str> {
        p.split('/')
            .skip(1)
            .filter(|part| {
                !part.is_empty()
                    && *part != "{lang}"
                    && !part.starts_with("index.")
                    && !part.starts_with("{lang}.")
            })
            .collect()
    }
    let (s_parts, t_parts) = (parts(s_path), parts(t_path));
    // The English address with more segments after it, unless they only
    // name the French home page.
    let home = |part: &&str| ["accueil", "home", "bienvenue"].contains(part);
    let extended = t_parts.len() > s_parts.len()
        && (t_parts.starts_with(&s_parts) || !same_host)
        && !t_parts[s_parts.len()..].iter().all(home);
    if !same_host {
        // The twin page shares something with the English path: its
        // date, its id, an untranslated slug (`/2021/04/08/…`). Without
        // it, a link from the home page of one host to a page of another
        // (`notification.canada.ca/` ↔ `numerique.canada.ca/2019/11/26/…`)
        // is a choice of the translator, not a slip.
        return extended && s_parts.iter().any(|p| t_parts.contains(p));
    }
    // A translated slug keeps its place: nothing comes after a file name.
    let after_file = t_parts.len() > s_parts.len()
        && t_parts[..t_parts.len() - 1].iter().any(|p| {
            p.rsplit_once('.').is_some_and(|(_, ext)| {
                (2..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphabetic())
            })
        });
    fn params(q: &str) -> impl Iterator<Item = (&str, &str)> {
        q.split('&').filter_map(|p| p.split_once('='))
    }
    let other_id = params(t_query).any(|(k, v)| {
        params(s_query).any(|(sk, sv)| sk == k && sv != v && short_number(sv) && !v.is_empty())
    });
    extended || after_file || other_id
}
/// Whether two links to the same page name other anchors in it that only
/// differ in a number (`#JDK-8317374` ↔ `#JDK-8317375`, `#section-2` ↔
/// `#section-3`). A translated anchor (`#add-recommended-files` ↔
/// `#ajouter-des-fichiers-recommandés`) is the same place in the other
/// language.
fn other_fragment(source: &str, target: &str) -> bool {
    let fragment = |u: &str| u.split_once('#').map(|(_, f)| f.to_ascii_lowercase());
    let (Some(a), Some(b)) = (fragment(source), fragment(target)) else {
        return false;
    };
    let letters = |f: &str| f.chars().filter(|c| c.is_alphabetic()).collect::<String>();
    let digits = |f: &str| f.chars().filter(char::is_ascii_digit).collect::<String>();
    a != b && letters(&a) == letters(&b) && !digits(&a).is_empty() && digits(&a) != digits(&b)
}

/// A page id: one to six digits.
fn short_number(text: &str) -> bool {
    (1..=6).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// Whether two links are the same once localised: equal canonical forms,
/// and no anchor that names another numbered place in the page.
fn same_link(source: &Link, target: &Link) -> bool {
    source.key == target.key && !other_fragment(&source.url, &target.url)
}

/// The URLs of each side left without a partner: first equal ones are
/// paired, then ones to the same site.
fn unmatched<'a>(source: &'a [Link], target: &'a [Link]) -> (Vec<&'a Link>, Vec<&'a Link>) {
    let mut target_used = vec![false; target.len()];
    let mut missing = Vec::new();
    for url in source {
        if !target.iter().any(|t| same_link(url, t)) {
            missing.push(url);
        }
        for (j, t) in target.iter().enumerate() {
            if same_link(url, t) {
                target_used[j] = true;
            }
        }
    }
    let mut still_missing = Vec::new();
    for url in missing {
        // A French link made from this one (`…/cds-snc/` →
        // `…/cds-snc/retired-page`) is its partner, and a wrong one: it
        // must not be matched to another link of the same site first.
        if (0..target.len()).any(|i| !target_used[i] && wrong_page(url, &target[i])) {
            still_missing.push(url);
            continue;
        }
        // A relative link is on the site itself: it may stand for an
        // absolute link on the other side whose path starts the same way.
        let first_segment = |u: &str| {
            let path = u
                .split_once("://")
                .map_or(u, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
            canonical(path)
                .trim_start_matches('/')
                .split('/')
                .next()
                .unwrap_or("")
                .to_owned()
        };
        let same_site = (0..target.len()).find(|&i| {
            let (a, b) = (site(&target[i].url), site(&url.url));
            !target_used[i]
                && !wrong_page(url, &target[i])
                && (a == b
                    || ((a.is_empty() || b.is_empty())
                        && first_segment(&target[i].url) == first_segment(&url.url))
                    || sibling_file(&url.url, &target[i].url))
        });
        match same_site {
            Some(i) => target_used[i] = true,
            None => still_missing.push(url),
        }
    }
    let extra = target
        .iter()
        .zip(&target_used)
        .filter(|(t, used)| !**used && !source.iter().any(|s| same_link(s, t)))
        .map(|(t, _)| t)
        .collect();
    (still_missing, extra)
}

/// Whether one link is page-relative (`publication-code-source-ouvert.md`,
/// a file beside the page) and the other an absolute link to a file of
/// the same kind (`https://github.com/…/en/guides/publishing-open-source-code.md`):
/// the twin document of a repository, under its translated name.
fn sibling_file(a: &str, b: &str) -> bool {
    let relative = |u: &str| !u.contains("://") && !u.starts_with(['/', '#', '.']);
    let extension = |u: &str| {
        let path = u.split(['?', '#']).next().unwrap_or(u);
        let name = path.rsplit('/').next().unwrap_or(path);
        name.rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .filter(|ext| (2..=4).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphabetic()))
    };
    (relative(a) != relative(b))
        && (a.contains("://") || b.contains("://"))
        && extension(a).is_some()
        && extension(a) == extension(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `canonical` as it was written before it copied runs: each
    /// character pushed, each word of the path compared with every marker.
    fn canonical_by_char(url: &str) -> String {
        let url = url.split('#').next().unwrap_or(url);
        let rest = match url.split_once("://") {
            Some((_, rest)) => rest,
            None => url,
        };
        let (host, path) = match rest.find(['/', '?']) {
            Some(i) if url.contains("://") => (&rest[..i], &rest[i..]),
            _ if url.contains("://") => (rest, ""),
            _ => ("", rest),
        };
        let host = host.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        let mut out = String::with_capacity(url.len());
        for label in host.split('.') {
            if !out.is_empty() {
                out.push('.');
            }
            if LANGUAGE_MARKERS.contains(&label) {
                out.push_str("{lang}");
            } else {
                out.push_str(label);
            }
        }
        // The markers are lowercase: a case-blind comparison needs no copy.
        let is_marker = |token: &str| LANGUAGE_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(token));
        let mut token_start = None;
        for (i, c) in path.char_indices() {
            if c.is_alphanumeric() {
                token_start.get_or_insert(i);
                continue;
            }
            if let Some(start) = token_start.take() {
                if is_marker(&path[start..i]) {
                    out.push_str("{lang}");
                } else {
                    out.push_str(&path[start..i]);
                }
            }
            out.push(c);
        }
        if let Some(start) = token_start {
            if is_marker(&path[start..]) {
                out.push_str("{lang}");
            } else {
                out.push_str(&path[start..]);
            }
        }
        // Most URLs have no marker, and need no second pass.
        let mut out = if memchr::memchr(b'{', out.as_bytes()).is_some() {
            out.replace("{lang}-{lang}", "{lang}")
        } else {
            out
        };
        out.truncate(out.trim_end_matches('/').len());
        out
    }

    /// `site` as it was written before it borrowed: the host lowercased
    /// into a copy, its labels split into a list.
    fn site_by_labels(url: &str) -> String {
        let Some((_, rest)) = url.split_once("://") else {
            return String::new();
        };
        let host = rest
            .split(['/', '?', '#', ':'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let labels: Vec<&str> = host.split('.').collect();
        match labels[labels.len().saturating_sub(2)..].join(".").as_str() {
            "youtu.be" => "youtube.com".to_owned(),
            site => site.to_owned(),
        }
    }

    /// Pieces of URLs: schemes and hosts in any case, language markers in
    /// hosts, paths and queries, words of other lengths, letters beyond
    /// ASCII, empty labels, fragments.
    const URL_PIECES: &[&str] = &[
        "https://",
        "HTTP://",
        "ftp://",
        "www.",
        "WWW.",
        "Canada.CA",
        "numerique",
        "youtu.be",
        "YouTu.Be",
        "/en/",
        "/FR/",
        "/fr-ca/",
        "en-CA",
        "?lang=en",
        "&id=15249",
        "?id=18309",
        "#appC",
        "#",
        "eng",
        "fra",
        "Fre",
        "-",
        "{lang}",
        "{{",
        "é",
        "Français",
        "francais",
        "ANGLAIS",
        "english",
        "French",
        "/",
        "//",
        ".",
        "..",
        ":",
        "?",
        "=",
        "_",
        "2024",
        "index.html",
        "accueil",
        "en",
        "e",
        "enn",
        "x",
        "ü",
        "日本",
        "/",
        "/",
    ];

    /// The run-copying `canonical` and the borrowing `site` give what
    /// their character-by-character versions gave, on every link and bare
    /// URL of the corpus and on URLs made of the pieces above.
    #[test]
    fn canonical_and_site_read_urls_as_before() {
        let mut links = 0;
        for segments in crate::checks::test_util::corpus() {
            for segment in &segments {
                for url in segment
                    .links
                    .iter()
                    .map(String::as_str)
                    .chain(url::bare_urls(&segment.text))
                {
                    assert_eq!(canonical(url), canonical_by_char(url), "{url}");
                    assert_eq!(site(url), site_by_labels(url), "{url}");
                    links += 1;
                }
            }
        }
        assert!(links > 100, "{links} links");
        proptest::proptest!(|(pieces in proptest::collection::vec(proptest::sample::select(URL_PIECES), 0..12))| {
            let url: String = pieces.concat();
            proptest::prop_assert_eq!(canonical(&url), canonical_by_char(&url));
            proptest::prop_assert_eq!(site(&url), site_by_labels(&url));
        });
    }

    /// `url::bare_urls` reads the bytes before it searches: on every
    /// segment of the corpus it finds what the full search finds.
    #[test]
    fn bare_urls_skip_no_url_of_the_corpus() {
        let pattern = Regex::new(url::PATTERN).unwrap();
        let mut with_urls = 0;
        for segments in crate::checks::test_util::corpus() {
            for text in segments.iter().map(|s| &s.text) {
                let searched: Vec<&str> = pattern
                    .find_iter(text)
                    .map(|m| url::trim_end(m.as_str()))
                    .collect();
                assert_eq!(url::bare_urls(text).collect::<Vec<_>>(), searched, "{text}");
                with_urls += usize::from(!searched.is_empty());
            }
        }
        assert!(with_urls > 20, "{with_urls} texts with URLs");
    }
    use crate::checks::test_util::Fixture;

    fn codes(en: &str, fr: &str) -> Vec<Code> {
        Fixture::new("fr-CA").codes(&Links, en, fr)
    }

    #[test]
    fn language_switch_in_urls_is_tolerated() {
        assert!(codes(
            "Read the [guide](https://www.canada.ca/en/services/jobs.html?lang=eng).",
            "Lisez le [guide](https://www.canada.ca/fr/services/jobs.html?lang=fra)."
        )
        .is_empty());
        assert!(codes(
            "See [our blog](https://digital.canada.ca/blog/) and [GC Notify](/en/notify).",
            "Consultez [notre blogue](https://numerique.canada.ca/blogue/) et [Notification GC](/fr/notification)."
        )
        .is_empty());
    }

    #[test]
    fn a_link_to_another_site_or_on_one_side_only_is_reported() {
        assert_eq!(
            codes(
                "Read the [report](https://www.canada.ca/en/report.html).",
                "Lisez le [rapport](https://www.example.com/rapport.html)."
            ),
            [Code::UrlMismatch]
        );
        let hits = Fixture::new("fr-CA").run(
            &Links,
            "Visit https://notification.canada.ca now.",
            "Visitez le site maintenant.",
        );
        assert_eq!(hits.len(), 1);
        assert_eq!(
            hits[0].message,
            "link `https://notification.canada.ca` in the English is not in the French"
        );
        assert_eq!(hits[0].source_at, Some(6));
    }

    #[test]
    fn another_page_on_the_same_site_is_a_mismatch() {
        // From a CDS blog post (tests/corpus, MIT).
        let en = "They meet [Privacy Act](https://laws-lois.justice.gc.ca/eng/acts/p-21/FullText.html) and [Treasury Board policy requirements](https://www.tbs-sct.canada.ca/pol/doc-eng.aspx?id=18309).";
        let fr = |policy: &str| {
            format!("Ces avis répondent aux exigences de la [Loi sur la protection des renseignements personnels](https://laws-lois.justice.gc.ca/fra/lois/p-21/TexteComplet.html) et de la [politique du Conseil du Trésor]({policy}).")
        };
        assert!(codes(en, &fr("https://www.tbs-sct.canada.ca/pol/doc-fra.aspx?id=18309")).is_empty());
        for wrong in [
            "https://www.tbs-sct.canada.ca/pol/doc-fra.aspx?id=18310",
            "https://www.tbs-sct.canada.ca/pol/doc-fra.aspx?id=18309/retired-page",
        ] {
            assert_eq!(codes(en, &fr(wrong)), [Code::UrlMismatch], "{wrong}");
        }
        assert_eq!(
            codes(
                "Read [the guide](https://www.canada.ca/en/services/jobs.html).",
                "Lisez [le guide](https://www.canada.ca/fr/services/jobs.html/retired-page)."
            ),
            [Code::UrlMismatch]
        );
        // The same page in French, under a translated slug, is tolerated.
        assert!(codes(
            "Read [the guide](https://www.canada.ca/en/services/jobs.html).",
            "Lisez [le guide](https://www.canada.ca/fr/services/emplois.html)."
        )
        .is_empty());
    }

    /// Real links of the Canada.ca and CDS blogs (tests/corpus, MIT):
    /// the French site is another host of the same domain,
    /// with translated slugs. The same page passes; a French target given
    /// an extra path segment was accepted as "the same site".
    #[test]
    fn a_longer_path_on_the_french_host_of_the_site_is_a_mismatch() {
        let en = "Read about [interactive questions](https://blog.canada.ca/2021/04/08/using-interactive-questions).";
        let fr = |url: &str| format!("Lisez l’article sur les [questions interactives]({url}).");
        let good = "https://blogue.canada.ca/2021/04/08/utilisation-de-questions-interactives";
        assert!(codes(en, &fr(good)).is_empty());
        assert_eq!(
            codes(en, &fr(&format!("{good}/retired-page"))),
            [Code::UrlMismatch]
        );
        assert!(codes(
            "Built by [CDS](https://digital.canada.ca).",
            "Conçu par le [SNC](https://numerique.canada.ca/)."
        )
        .is_empty());
        // From the home page of one host to a page of another: the
        // translator's choice (CDS blog, "growing a service").
        assert!(codes(
            "[GC Notify](https://notification.canada.ca/) is our longest running platform product.",
            "[Notification GC](https://numerique.canada.ca/2019/11/26/on-vous-presente-notification/) est notre produit le plus ancien."
        )
        .is_empty());
    }

    /// From the Let’s Encrypt compatibility page (tests/corpus, MPL
    /// 2.0): release notes are found by their anchor. A translated anchor
    /// is the same place; another number is another note.
    #[test]
    fn an_anchor_that_differs_only_in_its_number_is_a_mismatch() {
        let en = "Java >= [8u401](https://www.oracle.com/java/technologies/javase/8u401-relnotes.html#JDK-8317374)";
        let fr = |url: &str| format!("Java >= [8u401]({url})");
        let url = "https://www.oracle.com/java/technologies/javase/8u401-relnotes.html";
        assert!(codes(en, &fr(&format!("{url}#JDK-8317374"))).is_empty());
        assert_eq!(codes(en, &fr(&format!("{url}#JDK-8317375"))), [Code::UrlMismatch]);
        assert!(codes(
            "See [Add recommended files](https://example.gc.ca/guide#add-recommended-files).",
            "Voir [Ajouter des fichiers recommandés](https://example.gc.ca/guide#ajouter-des-fichiers-recommandés)."
        )
        .is_empty());
    }

    /// From a CDS blog post (tests/corpus, MIT): two LinkedIn links, the
    /// second to the French post of its own. The first given an extra
    /// segment was paired with the second, as "the same site".
    #[test]
    fn a_link_made_from_the_english_one_is_its_partner() {
        let en = r#"<p>This article was previously published on <a href="https://www.linkedin.com/company/cds-snc/" target="_blank">CDS’s LinkedIn</a> in January 2026. <a href="https://www.linkedin.com/feed/update/urn:li:activity:7414762533791932417" target="_blank">Check out the original post</a>.</p>"#;
        let fr = |page: &str| {
            format!(
                r#"<p>Cet article a été publié sur la page <a href="https://www.linkedin.com/company/cds-snc/{page}" target="_blank">LinkedIn du SNC</a> en janvier 2026. <a href="https://www.linkedin.com/feed/update/urn:li:activity:7414763448267333632" target="_blank">Consultez le billet original</a>.</p>"#
            )
        };
        assert!(codes(en, &fr("")).is_empty());
        assert_eq!(codes(en, &fr("retired-page")), [Code::UrlMismatch]);
    }

    #[test]
    fn a_french_resource_in_place_of_an_english_one_is_localised() {
        assert_eq!(
            codes(
                "See the [waterfall model](https://en.wikipedia.org/wiki/Waterfall_model).",
                "Voir le [modèle en cascade](https://cyclededeveloppementdunlogiciel.wordpress.com/le-modele-en-cascade/)."
            ),
            [Code::UrlLocalised]
        );
    }

    /// From the GC open source guides and the GC Notify documentation
    /// (tests/corpus, OGL-Canada and MIT): code that the other side writes
    /// as plain text is there, and interface labels are translated with
    /// the interface. A value or a command that differs is still reported.
    #[test]
    fn code_written_as_text_or_translated_labels_are_not_a_mismatch() {
        assert!(codes(
            "This notice should be added to the `LICENCE` file in your project.",
            "Cet avis devrait être ajouté au fichier LICENCE dans votre projet."
        )
        .is_empty());
        assert!(codes(
            "You'll need to provide a `Bearer` token, for security. We'll add this to the authorization header of the callback request.",
            "Vous devrez fournir un jeton `Bearer`, pour des raisons de sécurité. Nous ajouterons ceci à l’en-tête `Authorization` de la demande de rappel."
        )
        .is_empty());
        assert!(codes(
            "From your service dashboard, visit `API Integration > Callbacks`.",
            "À partir du tableau de bord de votre service, rendez-vous dans la section « Intégration API » puis dans « Fonctions de rappel »."
        )
        .is_empty());
        assert!(codes(
            "Label for notification's delivery status: `In transit`, `Delivered`.",
            "Libellé de l'état de livraison de la notification : `Envoi en cours`, `Livraison réussie`."
        )
        .is_empty());
        assert_eq!(
            codes(
                "The notification type: `email` or `sms`.",
                "Le type de notification : `courriel` ou `sms`."
            ),
            [Code::CodeMismatch]
        );
        assert_eq!(
            codes(
                "Set it to `true`.",
                "Réglez-le sur `vrai`, le mot true s’écrit ainsi."
            ),
            [Code::CodeMismatch],
            "a word of the other side's text is not a whole code item"
        );
    }

    /// Real links whose French twin was not recognised (tests/corpus:
    /// Canada.ca blog, MIT; GC open source guides, OGL-Canada): a Jekyll
    /// link through a Liquid filter, a page-relative link to the French
    /// guide, and two anchors of one policy page.
    #[test]
    fn template_relative_and_anchored_twins_are_the_same_links() {
        assert!(codes(
            "- [See how we identify top tasks for Canada.ca](https://blog.canada.ca/2017/12/11/top-100-for-gc.html)",
            r#"- [Lire comment nous identifions les principales tâches pour Canada.ca]( {{ "/2017/12/11/100-taches-du-gc.html" | prepend: site.urlalt[ page.language ] }} )"#
        )
        .is_empty());
        assert!(codes(
            "the changes should still be published in accordance with the [Guide for Publishing Open Source Code](https://github.com/canada-ca/open-source-logiciel-libre/blob/master/en/guides/publishing-open-source-code.md).",
            "les changements doivent quand même être publiés conformément au [Guide pour la publication de code source libre](publication-code-source-ouvert.md)."
        )
        .is_empty());
        assert!(codes(
            "states under [C.2.3.8.1](https://www.tbs-sct.gc.ca/pol/doc-eng.aspx?id=15249&section=procedure&p=C) and [D2.2.1.4.2](https://www.tbs-sct.gc.ca/pol/doc-eng.aspx?id=15249&section=procedure&p=D) that",
            "stipule, en vertu des points [C.2.3.8.1](https://www.tbs-sct.gc.ca/pol/doc-fra.aspx?id=15249#appC) et [D2.2.1.4.2](https://www.tbs-sct.gc.ca/pol/doc-fra.aspx?id=15249#appD), que"
        )
        .is_empty());
        // A link dropped from the French is still reported.
        assert_eq!(
            codes(
                "To exceed this limit, you must [request an override](https://isrg.formstack.com/forms/rate_limit_adjustment_request) for a specific account.",
                "Pour dépasser cette limite, vous devez demander une dérogation pour un compte spécifique."
            ),
            [Code::UrlMissing]
        );
    }

    #[test]
    fn emails_and_code_are_compared_exactly() {
        assert_eq!(
            codes(
                "Write to media@example.gc.ca and run `bitext check`.",
                "Écrivez à medias@example.gc.ca et lancez `bitext verifier`."
            ),
            [Code::EmailMismatch, Code::CodeMismatch]
        );
        assert!(codes(
            "Write to [us](mailto:Info@cds-snc.ca) and run `make`.",
            "Écrivez à info@cds-snc.ca et lancez `make`."
        )
        .is_empty());
    }
}
