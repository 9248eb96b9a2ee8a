//! A release's own files on the site: only what its documents reference
//! (links and images into its folder), of the types bitext publishes, goes
//! out beside its pages. A stray file in the folder (`index.html`,
//! `notes.txt`, `fr.md.orig`) is never published: it was not checked. An
//! image must be what its extension says (its first bytes are looked at),
//! and an SVG must carry no script, event handler, embedded document or
//! outside reference; anything else referenced is refused, and the gate
//! blocks the release with the file's name.

use std::path::{Component, Path, PathBuf};

use quick_xml::events::Event;

use crate::error::{Error, Result};

/// File types published beside a page, by extension.
pub const ALLOWED: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif", "svg"];

/// Why a referenced file is not published.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// Its extension is not one of `ALLOWED`.
    Type,
    /// Its content is not the image its extension says.
    Content,
    /// It is a symbolic link.
    Link,
    /// An SVG with active or outside content (what was found).
    Svg(String),
}

/// A referenced file that is not published, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The reference as written in the document.
    pub file: String,
    pub problem: Problem,
}

impl Refused {
    pub fn describe(&self) -> String {
        let file = self.file.as_str();
        match &self.problem {
            Problem::Type => crate::tr!("gate-asset-type", file = file, allowed = ALLOWED.join(", ")),
            Problem::Content => crate::tr!("gate-asset-content", file = file),
            Problem::Link => crate::tr!("gate-asset-link", file = file),
            Problem::Svg(what) => crate::tr!("gate-asset-svg", file = file, what = what.as_str()),
        }
    }
}

/// The referenced files of a release (addresses from `markdown::render`)
/// that can be published, as paths relative to its folder, each once.
pub fn publishable(dir: &Path, references: &[String]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = references
        .iter()
        .filter_map(|reference| match inspect(dir, reference) {
            Some((path, None)) => Some(path),
            _ => None,
        })
        .collect();
    files.sort();
    files.dedup();
    files
}

/// Every referenced file of the documents `texts` in `dir` that cannot be
/// published.
pub fn review(dir: &Path, texts: &[&str]) -> Vec<Refused> {
    let mut refused: Vec<Refused> = Vec::new();
    let refusable = |reference: &String| matches!(inspect(dir, reference), Some((_, Some(_))));
    // Listed once, for the first document that may reference a local file.
    let mut entries: Option<Entries> = None;
    for text in texts.iter().filter(|text| may_reference(text)) {
        // No address can name a file of a folder whose names the document
        // does not spell (nor could spell with an escape): nothing to
        // render, which costs a tenth of a check.
        if !entries
            .get_or_insert_with(|| Entries::of(dir))
            .may_be_named_in(text)
        {
            continue;
        }
        // Rendered, and its raw HTML sanitised, only when an address it
        // may hold names a file that cannot be published: the exact list
        // of what the page references is then the render's.
        if !super::markdown::possible_references(text).iter().any(refusable) {
            continue;
        }
        for reference in super::markdown::render(text, false).references {
            if let Some((_, Some(problem))) = inspect(dir, &reference) {
                let item = Refused {
                    file: reference,
                    problem,
                };
                if !refused.contains(&item) {
                    refused.push(item);
                }
            }
        }
    }
    refused
}

/// Whether a document can reference a local file at all: an inline link
/// or image (`](`), a reference definition (`]:`) or a raw HTML `src` or
/// `href` attribute whose address, as far as a plain scan can tell, has
/// no scheme and does not start with `/`, `#` or `?` (what
/// `markdown::render` collects). Most releases link only to other sites,
/// and skip a second rendering. The scan errs on the side of rendering:
/// an address it cannot read is taken as local.
fn may_reference(text: &str) -> bool {
    let local_after = |rest: &str| -> bool {
        let url = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '<' | '"' | '\'' | '='));
        let end = url
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '\''))
            .unwrap_or(url.len());
        url[..end].is_empty() || super::markdown::is_local(&url[..end])
    };
    for marker in ["](", "]:"] {
        if text
            .match_indices(marker)
            .any(|(at, _)| local_after(&text[at + marker.len()..]))
        {
            return true;
        }
    }
    text.match_indices('=').any(|(at, _)| {
        let name = text[..at].trim_end().as_bytes();
        let named = |attribute: &[u8]| {
            name.len() >= attribute.len()
                && name[name.len() - attribute.len()..].eq_ignore_ascii_case(attribute)
        };
        (named(b"src") || named(b"href")) && local_after(&text[at + 1..])
    })
}

/// The names in a release folder, as far as telling whether a document
/// may reference a file there: `inspect` finds one only through an address
/// whose first part, decoded, is the name of an entry of the folder (in
/// any case, for a filesystem that ignores it).
enum Entries {
    /// Every name, lowercased, when each is made of ASCII letters, digits,
    /// `.`, `-` and `_` only, and which of those characters they have.
    Plain { names: Vec<String>, used: [bool; 128] },
    /// The folder could not be listed, or a name has another character:
    /// any address may name an entry.
    Unknown,
}

/// Characters that a filesystem ignoring case takes for an ASCII letter:
/// K KELVIN SIGN (`k`) and ſ LONG S (`s`).
const FOLDED_TO_ASCII: [char; 2] = ['\u{212A}', '\u{17F}'];

impl Entries {
    fn of(dir: &Path) -> Self {
        let Ok(listing) = std::fs::read_dir(dir) else {
            return Entries::Unknown;
        };
        let (mut names, mut used) = (Vec::new(), [false; 128]);
        for entry in listing {
            let Some(name) = entry.ok().and_then(|e| e.file_name().into_string().ok()) else {
                return Entries::Unknown;
            };
            if !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
            {
                return Entries::Unknown;
            }
            let name = name.to_ascii_lowercase();
            for b in name.bytes() {
                used[usize::from(b)] = true;
            }
            names.push(name);
        }
        Entries::Plain { names, used }
    }

    /// Whether an address in `text` may name one of the entries: the
    /// text spells a name (in any case), or has an escape that may stand
    /// for a character of a name (`escapes_a_name_character`), or a
    /// character in `FOLDED_TO_ASCII`.
    fn may_be_named_in(&self, text: &str) -> bool {
        let Entries::Plain { names, used } = self else {
            return true;
        };
        if names.is_empty() {
            return false;
        }
        if escapes_a_name_character(text, used) || text.contains(FOLDED_TO_ASCII) {
            return true;
        }
        let lower = text.to_ascii_lowercase();
        names.iter().any(|name| lower.contains(name.as_str()))
    }
}

/// Whether `text` has an escape that may decode to a character of `used`
/// (lowercase ASCII) or of `FOLDED_TO_ASCII`: a percent escape (`%2E`; a
/// byte that starts a character of `FOLDED_TO_ASCII` counts), a numeric
/// character reference (`&#46;`, `&#x2e`), a named one but those that
/// stand for other characters (`&period;` is `.`; `&amp;` is not), or a
/// Markdown backslash escape. The named references that HTML reads without
/// a semicolon all stand for characters beyond ASCII.
fn escapes_a_name_character(text: &str, used: &[bool; 128]) -> bool {
    /// Named character references that stand for a character beyond
    /// ASCII or for `&`, `<`, `>`, `"` or `'`, common in press releases.
    const OTHERS: &[&str] = &[
        "agrave", "amp", "apos", "ccedil", "copy", "deg", "eacute", "ecirc", "egrave", "euro", "gt",
        "hellip", "laquo", "ldquo", "lsquo", "lt", "mdash", "nbsp", "ndash", "quot", "raquo", "rdquo", "reg",
        "rsquo", "shy", "thinsp", "trade",
    ];
    let in_a_name = |c: char| {
        FOLDED_TO_ASCII.contains(&c) || (c.is_ascii() && used[usize::from(c.to_ascii_lowercase() as u8)])
    };
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'%', b'&', b'\\', bytes).any(|at| {
        let rest = &bytes[at + 1..];
        match bytes[at] {
            b'%' => {
                let Some(byte) = rest
                    .get(..2)
                    .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok())
                else {
                    return false;
                };
                // The first byte of each of `FOLDED_TO_ASCII`.
                matches!(byte, 0xE2 | 0xC5) || in_a_name(char::from(byte))
            }
            b'\\' => rest.first().is_some_and(|&b| in_a_name(char::from(b))),
            _ if rest.first() == Some(&b'#') => {
                let (digits, radix) = match rest.get(1) {
                    Some(b'x' | b'X') => (&rest[2..], 16),
                    _ => (&rest[1..], 10),
                };
                let len = digits.iter().take_while(|b| b.is_ascii_hexdigit()).count();
                std::str::from_utf8(&digits[..len])
                    .ok()
                    .and_then(|number| u32::from_str_radix(number, radix).ok())
                    .and_then(char::from_u32)
                    .is_none_or(in_a_name)
            }
            _ => {
                let name_len = rest.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                name_len > 0
                    && rest.get(name_len) == Some(&b';')
                    && !OTHERS.iter().any(|other| other.as_bytes() == &rest[..name_len])
            }
        }
    })
}

/// Copies the files `relative` to `dir` into each folder of `to`.
pub fn copy(dir: &Path, files: &[PathBuf], to: &[PathBuf]) -> Result<()> {
    for file in files {
        let from = dir.join(file);
        for folder in to {
            let target = folder.join(file);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            std::fs::copy(&from, &target).map_err(|e| Error::io(&target, e))?;
        }
    }
    Ok(())
}

/// A reference that names a file inside `dir`: its path relative to `dir`
/// and what is wrong with it, if anything. `None` when it names no file
/// there (a folder, a page elsewhere on the site, a missing file): that is
/// a link, not an asset.
fn inspect(dir: &Path, reference: &str) -> Option<(PathBuf, Option<Problem>)> {
    let path = reference.split(['?', '#']).next()?;
    let path = percent_decode(path)?;
    let mut relative = PathBuf::new();
    for component in Path::new(&path).components() {
        match component {
            Component::Normal(part) => relative.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if relative.as_os_str().is_empty() {
        return None;
    }
    // Every folder on the way must be a real folder inside the release.
    let mut on_the_way = dir.to_path_buf();
    let parts: Vec<_> = relative.components().collect();
    for part in &parts[..parts.len() - 1] {
        on_the_way.push(part);
        let meta = std::fs::symlink_metadata(&on_the_way).ok()?;
        if meta.file_type().is_symlink() {
            return Some((relative, Some(Problem::Link)));
        }
        if !meta.is_dir() {
            return None;
        }
    }
    let full = dir.join(&relative);
    let meta = std::fs::symlink_metadata(&full).ok()?;
    if meta.file_type().is_symlink() {
        return Some((relative, Some(Problem::Link)));
    }
    if !meta.is_file() {
        return None;
    }
    let extension = relative
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !ALLOWED.contains(&extension.as_str()) {
        return Some((relative, Some(Problem::Type)));
    }
    let Ok(bytes) = std::fs::read(&full) else {
        return Some((relative, Some(Problem::Content)));
    };
    let problem = if extension == "svg" {
        unsafe_svg(&bytes).map(Problem::Svg)
    } else {
        (!looks_like(&extension, &bytes)).then_some(Problem::Content)
    };
    Some((relative, problem))
}

/// Whether `bytes` start as an image of this extension does.
fn looks_like(extension: &str, bytes: &[u8]) -> bool {
    match extension {
        "png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "jpg" | "jpeg" => bytes.starts_with(&[0xff, 0xd8, 0xff]),
        "gif" => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
        "webp" => bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        "avif" => bytes.len() >= 12 && &bytes[4..8] == b"ftyp" && matches!(&bytes[8..12], b"avif" | b"avis"),
        _ => false,
    }
}

/// What makes an SVG unsafe to serve, if anything: a script or event
/// handler, an embedded document, an outside or `javascript:` reference,
/// a DOCTYPE (entities), or XML that does not parse.
fn unsafe_svg(bytes: &[u8]) -> Option<String> {
    const ACTIVE: &[&str] = &[
        "script",
        "foreignobject",
        "iframe",
        "embed",
        "object",
        "handler",
        "listener",
    ];
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut root = true;
    let mut depth = 0usize;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) => return Some(format!("XML error at byte {}: {e}", reader.buffer_position())),
        };
        match event {
            Event::Eof if root => return Some("no root element".to_owned()),
            Event::Eof if depth != 0 => return Some("an element never closed".to_owned()),
            Event::Eof => return None,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::DocType(_) => return Some("<!DOCTYPE>".to_owned()),
            Event::PI(_) => return Some("<?…?>".to_owned()),
            Event::Start(ref e) | Event::Empty(ref e) => {
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
                let name = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                if root && name != "svg" {
                    return Some(format!("<{name}> as the root element"));
                }
                root = false;
                if ACTIVE.contains(&name.as_str()) {
                    return Some(format!("<{name}>"));
                }
                for attribute in e.attributes() {
                    let Ok(attribute) = attribute else {
                        return Some(format!("a malformed attribute in <{name}>"));
                    };
                    let key =
                        String::from_utf8_lossy(attribute.key.local_name().as_ref()).to_ascii_lowercase();
                    let value = String::from_utf8_lossy(&attribute.value).trim().to_owned();
                    if key.starts_with("on") {
                        return Some(format!("{key}= in <{name}>"));
                    }
                    if matches!(key.as_str(), "href" | "src") && !value.starts_with('#') {
                        return Some(format!("{key}=\"{value}\" in <{name}>"));
                    }
                    if value.to_ascii_lowercase().contains("url(") && !value.contains("url(#") {
                        return Some(format!("url() in <{name}>"));
                    }
                }
            }
            _ => {}
        }
        buf.clear();
    }
}

/// Decodes `%XX` escapes; `None` when the result is not UTF-8 or holds a
/// NUL.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            if let Ok(byte) = u8::from_str_radix(hex, 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    let text = String::from_utf8(out).ok()?;
    (!text.contains('\0')).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_with_script_or_outside_references_is_refused() {
        assert_eq!(unsafe_svg(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\" fill=\"url(#g)\"/><use href=\"#a\"/></svg>"), None);
        for bad in [
            &b"<svg><script>alert(1)</script></svg>"[..],
            b"<svg onload=\"alert(1)\"></svg>",
            b"<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
            b"<svg><image href=\"https://evil.example/x.png\"/></svg>",
            b"<svg><foreignObject><div/></foreignObject></svg>",
            b"<!DOCTYPE svg [<!ENTITY x \"y\">]><svg>&x;</svg>",
            b"<html><script/></html>",
            b"<svg><g>",
        ] {
            assert!(unsafe_svg(bad).is_some(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn only_documents_that_may_reference_a_local_file_are_rendered_for_review() {
        for local in [
            "![Chiefs](images/chiefs.jpg)",
            "[notes](notes.txt)",
            "[a]: <images/a b.png>",
            "<img SRC = \"images/a.png\">",
            "<a href='fr.md.orig'>",
            "[odd](  <x.png> )",
        ] {
            assert!(may_reference(local), "{local}");
        }
        for remote in [
            "[GOV.UK](https://www.gov.uk/)",
            "[top](#top) and [home](/en/news/)",
            "<a href=\"mailto:press@mod.gov.uk\">",
            "x = 1, src and href without an address",
            "[a]: https://example.org/",
        ] {
            assert!(!may_reference(remote), "{remote}");
        }
    }

    /// `review` as it was before it looked at the folder's names first:
    /// every document that may reference a local file rendered.
    fn review_rendering_all(dir: &Path, texts: &[&str]) -> Vec<Refused> {
        let mut refused: Vec<Refused> = Vec::new();
        for text in texts.iter().filter(|text| may_reference(text)) {
            for reference in crate::publish::markdown::render(text, false).references {
                if let Some((_, Some(problem))) = inspect(dir, &reference) {
                    let item = Refused {
                        file: reference,
                        problem,
                    };
                    if !refused.contains(&item) {
                        refused.push(item);
                    }
                }
            }
        }
        refused
    }

    /// Skipping the documents that spell none of the folder's names finds
    /// what rendering every document found: on addresses written plainly,
    /// in capitals, through percent escapes, character references,
    /// backslash escapes and ignorable-case letters, in Markdown and raw
    /// HTML, among the corpus's own text.
    #[test]
    fn documents_that_spell_no_name_of_the_folder_are_not_rendered_for_review() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let dir = tempfile::tempdir().unwrap();
        for name in ["en.md", "fr.md", "bitext.lock", "release.toml", "notes.txt"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("images")).unwrap();
        std::fs::write(dir.path().join("images/chart.txt"), "x").unwrap();
        std::fs::write(dir.path().join("images/ok.png"), b"\x89PNG\r\n\x1a\nrest").unwrap();
        let pieces = prop::sample::select(vec![
            "Le budget 2025 (25 %) et la R&D.\n\n",
            "[source](en.md)",
            "[source](EN.md)",
            "[source](e%6E.md)",
            "[source](en&#46;md)",
            "[source](en&period;md)",
            "[source](en\\.md)",
            "[notes](./notes.txt)",
            "[chart](images/chart.txt)",
            "![ok](images/ok.png)",
            "[x](other.txt)",
            "[x](bitext.loc\u{212A})",
            "<img src=\"fr&#x2e;md\">",
            "<a href=\"release.toml\">",
            "<a href=\"notes&period;txt\">",
            "<a href=\"missing.png\">",
            "&nbsp;&amp;",
            "[é](caf%C3%A9.md) &#8217; &#x2019; snake\\_case ",
            "[x](releas&#101;.toml)",
            "[x](&#x65;n.md)",
            " ",
            "\n\n",
        ]);
        let check = |text: &str| {
            let (fast, all) = (
                review(dir.path(), &[text]),
                review_rendering_all(dir.path(), &[text]),
            );
            assert_eq!(fast, all, "{text:?}");
            !all.is_empty()
        };
        for (_, text) in crate::test_corpus::pages() {
            check(&text);
        }
        let refusing = std::cell::Cell::new(0);
        TestRunner::new(Config::with_cases(1000))
            .run(&prop::collection::vec(pieces, 0..8), |pieces| {
                refusing.set(refusing.get() + usize::from(check(&pieces.concat())));
                Ok(())
            })
            .unwrap();
        assert!(
            refusing.get() > 300,
            "the generated documents refuse files ({})",
            refusing.get()
        );
        // A filesystem that ignores case finds `en.md` through these too.
        let entries = Entries::of(dir.path());
        for spelt in ["[x](EN.MD)", "[x](bitext.loc\u{212A})", "[x](relea\u{17F}e.toml)"] {
            assert!(entries.may_be_named_in(spelt), "{spelt}");
        }
        // Escapes of characters no name has, as French pages hold them.
        assert!(
            !entries.may_be_named_in("[a](photos/x.png) 25 % R&D &amp; &nbsp; [é](caf%C3%A9) &#8217; a\\_b")
        );
        for escaped in [
            "en%2Emd",
            "&#46;",
            "&#x2E;",
            "\\.",
            "&period;",
            "%E2%84%AA",
            "&#8490;",
        ] {
            assert!(entries.may_be_named_in(escaped), "{escaped}");
        }
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("a%20b.png").as_deref(), Some("a b.png"));
        assert_eq!(percent_decode("100%").as_deref(), Some("100%"));
        assert_eq!(percent_decode("a%00b"), None);
    }
}
