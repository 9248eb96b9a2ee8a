//! `bitext new`: a release folder scaffolded in both languages, with
//! `release.toml` (status draft, the date, a URL slug per language made from
//! each title) and the two documents holding their title and the
//! workspace's standard boilerplate references. The folder is assembled
//! aside and renamed into place, so a failure leaves nothing behind, and an
//! existing release is never overwritten. What a slug may contain is
//! `workspace::check_slug`'s business; reading a release is `release`'s.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::release::META_FILE;
use crate::text::date::Date;
use crate::workspace::{check_slug, Workspace};

/// Boilerplate references every new release starts with, each on its own
/// line after the body (see `segment::REFERENCE_OPEN`).
pub const STANDARD_REFERENCES: &[&str] = &["closing-priority"];

/// What `bitext new` is asked for, validated by the caller.
#[derive(Debug, Clone)]
pub struct NewRelease {
    pub slug: String,
    /// The title in the source language.
    pub source_title: String,
    /// The title in the target language, when it is known yet: without
    /// it the target document has no title and its URL slug stays empty.
    pub target_title: Option<String>,
    pub date: Date,
}

/// Creates `releases/<slug>/` and returns its path.
pub fn create(ws: &Workspace, new: &NewRelease) -> Result<PathBuf> {
    let dir = ws.releases_dir.join(&new.slug);
    check_slug(ws.relative(&dir), &new.slug)?;
    let titles = [
        (Some(&new.source_title), &ws.source),
        (new.target_title.as_ref(), &ws.target),
    ];
    for (title, lang) in titles.into_iter().filter_map(|(t, l)| Some((t?, l))) {
        if title.trim().is_empty() {
            return Err(Error::TitleEmpty { lang: lang.name() });
        }
        if title.contains(['\n', '\r']) {
            return Err(Error::TitleMultiline { lang: lang.name() });
        }
        if slugify(title).is_empty() {
            return Err(Error::TitleWithoutSlug {
                lang: lang.name(),
                title: title.clone(),
            });
        }
    }
    if dir.exists() {
        return Err(Error::ReleaseExists {
            path: ws.relative(&dir).to_path_buf(),
        });
    }
    std::fs::create_dir_all(&ws.releases_dir).map_err(|e| Error::io(&ws.releases_dir, e))?;
    let staging = tempfile::Builder::new()
        .prefix(".bitext-new-")
        .tempdir_in(&ws.releases_dir)
        .map_err(|e| Error::io(&ws.releases_dir, e))?;
    let files = [
        (META_FILE.to_owned(), release_toml(ws, new)),
        (ws.source.document_name(), document(Some(&new.source_title))),
        (ws.target.document_name(), document(new.target_title.as_deref())),
    ];
    for (name, text) in &files {
        crate::atomic::write(&staging.path().join(name), text.as_bytes())?;
    }
    // `rename` would replace an empty folder made meanwhile, never a
    // release with files in it; check again as close to it as we can.
    if dir.exists() {
        return Err(Error::ReleaseExists {
            path: ws.relative(&dir).to_path_buf(),
        });
    }
    let staged = staging.keep();
    std::fs::rename(&staged, &dir).map_err(|e| {
        let _ = std::fs::remove_dir_all(&staged);
        Error::io(&dir, e)
    })?;
    sync_dir(&ws.releases_dir);
    Ok(dir)
}

fn sync_dir(dir: &Path) {
    if let Ok(dir) = std::fs::File::open(dir) {
        // Not every filesystem can sync a folder; the rename is done either way.
        let _ = dir.sync_all();
    }
}

fn release_toml(ws: &Workspace, new: &NewRelease) -> String {
    let mut text = format!("date = {date}\nstatus = \"draft\"\ntags = []\n", date = new.date);
    // The organisation from `[new]` in bitext.toml, for the two languages.
    let organisation: Vec<String> = [&ws.source, &ws.target]
        .iter()
        .filter_map(|lang| {
            let name = ws.new.organisation.get(lang.code())?;
            Some(format!("{} = {}", lang.code(), toml_string(name)))
        })
        .collect();
    if !organisation.is_empty() {
        text.push_str(&format!("organisation = {{ {} }}\n", organisation.join(", ")));
    }
    text.push_str(&format!(
        "\n[slug]\n{src} = {src_slug}\n{tgt} = {tgt_slug}\n",
        src = ws.source.code(),
        src_slug = toml_string(&slugify(&new.source_title)),
        tgt = ws.target.code(),
        tgt_slug = toml_string(&new.target_title.as_deref().map(slugify).unwrap_or_default()),
    ));
    text
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

fn document(title: Option<&str>) -> String {
    let mut text = title.map(|t| format!("# {}\n", t.trim())).unwrap_or_default();
    for id in STANDARD_REFERENCES {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&format!("{{{{@ {id} }}}}\n"));
    }
    text
}

/// A URL slug: accents folded (`é` → `e`, `œ` → `oe`), lowercase ASCII
/// letters and digits, every other run of characters one hyphen.
/// « Réunion des chefs d’état-major » → `reunion-des-chefs-d-etat-major`.
pub fn slugify(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut hyphen = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        let folded = fold(c);
        if folded.is_empty() {
            hyphen = !out.is_empty();
            continue;
        }
        if hyphen {
            out.push('-');
            hyphen = false;
        }
        out.push_str(folded);
    }
    out
}

/// The ASCII letters a lowercase Latin letter is written with in a URL, or
/// nothing for anything that separates words.
fn fold(c: char) -> &'static str {
    const ASCII: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if c.is_ascii_alphanumeric() {
        // Its place in `ASCII` computed, where a search for it cost a
        // memchr a character (a capital, never asked for, is at 0 as a
        // search that failed put it).
        let at = match c {
            'a'..='z' => c as usize - 'a' as usize,
            '0'..='9' => 26 + (c as usize - '0' as usize),
            _ => 0,
        };
        return &ASCII[at..at + 1];
    }
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_accents_and_apostrophes_fold_into_the_slug() {
        assert_eq!(
            slugify("Réunion des chefs d’état-major"),
            "reunion-des-chefs-d-etat-major"
        );
        assert_eq!(
            slugify("  Œuvres à Noël : ça coûte 2,5 M£ !  "),
            "oeuvres-a-noel-ca-coute-2-5-m"
        );
        assert_eq!(slugify("UK–France Summit 2025"), "uk-france-summit-2025");
        assert_eq!(slugify("« »"), "");
    }
}
