//! The sign-off record of the locale tree, `locales/bitext.lock`: for each
//! message or term defined in both languages, a hash of each side and the
//! source text as it was when the translation was signed off. `check` uses
//! it to find boilerplate whose source changed while the translation did
//! not (`boilerplate-drifted`, with every release that uses it), and
//! `bitext sign-off --locales` rewrites it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Drift, Finding};
use crate::document::source::{Position, SourceFile};
use crate::error::{Error, Result};
use crate::pairing::lock::{hash_text, TextHash};
use crate::workspace::{parse_toml, Workspace};

use super::{Boilerplate, EntryAt, Trees};

pub const LOCK_FILE: &str = "bitext.lock";
const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SignedMessage {
    /// The message id (`-id` for a term).
    pub id: String,
    #[serde(with = "crate::pairing::lock::hex_hash")]
    pub source_hash: TextHash,
    #[serde(with = "crate::pairing::lock::hex_hash")]
    pub target_hash: TextHash,
    /// The source message at sign-off, as Fluent source (value, then
    /// `.attribute = …` lines).
    pub source_text: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LockFile {
    version: u32,
    #[serde(default, rename = "message")]
    messages: Vec<SignedMessage>,
}

/// A loaded locale lock, indexed by id.
#[derive(Debug, Default)]
pub struct LocaleLock {
    messages: HashMap<String, SignedMessage>,
}

impl LocaleLock {
    pub fn path(ws: &Workspace) -> PathBuf {
        ws.locales_dir.join(LOCK_FILE)
    }

    pub fn read_if_present(path: &Path) -> Result<Option<Self>> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(path, e)),
        };
        let file = SourceFile::from_bytes(path, bytes)?;
        let parsed: LockFile = parse_toml(path, file.text())?;
        if parsed.version != VERSION {
            return Err(Error::syntax(
                path,
                Position { line: 1, column: 1 },
                crate::tr!(
                    "locale-lock-bad-version",
                    found = parsed.version,
                    version = VERSION
                ),
            ));
        }
        Ok(Some(LocaleLock {
            messages: parsed.messages.into_iter().map(|m| (m.id.clone(), m)).collect(),
        }))
    }

    pub fn get(&self, id: &str) -> Option<&SignedMessage> {
        self.messages.get(id)
    }
}

/// The current text and hash of an entry.
fn current(trees: &Trees, at: EntryAt) -> Option<(String, TextHash)> {
    let text = trees.entry(at)?.source();
    let hash = hash_text(&text);
    Some((text, hash))
}

/// `f` of every source id defined in both languages, in the source's
/// order: its place in each language and both files' trees, parsed a
/// source file at a time (with the target files it needs) and dropped
/// after it, so that a large tree is never held whole.
fn both_defined<T: Send>(
    bp: &Boilerplate,
    f: impl Fn(&str, EntryAt, EntryAt, &Trees, &Trees) -> Option<T> + Sync,
) -> Vec<T> {
    let by_file: Vec<Vec<T>> = bp
        .source
        .order_by_file()
        .into_par_iter()
        .map(|range| {
            let ids = &bp.source.order[range];
            let sources = Trees::parse(&bp.source, ids.first().map(|(_, at)| at.file));
            let counterparts: Vec<Option<EntryAt>> = ids.iter().map(|(id, _)| bp.target.get(id)).collect();
            let targets = Trees::parse(&bp.target, counterparts.iter().flatten().map(|at| at.file));
            ids.par_iter()
                .zip(&counterparts)
                .filter_map(|((id, source_at), target_at)| {
                    f(id, *source_at, (*target_at)?, &sources, &targets)
                })
                .collect()
        })
        .collect();
    by_file.into_iter().flatten().collect()
}

/// What `sign-off --locales` recorded.
#[derive(Debug, PartialEq, Eq)]
pub struct SignedOff {
    /// Messages and terms defined in both languages, now signed off.
    pub messages: usize,
    /// Source ids with no translation, left out of the record.
    pub untranslated: usize,
}

/// Records every message defined in both languages as signed off. A syntax
/// error in either language stops it (exit 2): a half-read tree cannot be
/// approved. The locales folder is locked while the record is written.
pub fn sign_off(ws: &Workspace) -> Result<SignedOff> {
    let dir = &ws.locales_dir;
    if !dir.is_dir() {
        return Err(Error::NoLocales {
            dir: ws.relative(dir).to_path_buf(),
        });
    }
    let guard = std::fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
    // Held until `guard` is dropped at the end of this function.
    guard.lock().map_err(|e| Error::io(dir, e))?;
    let bp = Boilerplate::load(ws)?;
    for locale in [&bp.source, &bp.target] {
        if let Some(err) = locale.syntax_error() {
            return Err(err);
        }
    }
    let messages: Vec<SignedMessage> = both_defined(&bp, |id, at, target_at, sources, targets| {
        let (source_text, source_hash) = current(sources, at)?;
        let (_, target_hash) = current(targets, target_at)?;
        Some(SignedMessage {
            id: id.to_owned(),
            source_hash,
            target_hash,
            source_text,
        })
    });
    let signed = SignedOff {
        messages: messages.len(),
        untranslated: bp.source.order.len() - messages.len(),
    };
    let body = toml::to_string(&LockFile {
        version: VERSION,
        messages,
    })
    .map_err(|e| Error::EncodeLocaleLock { error: e.to_string() })?;
    let text = format!(
        "# Sign-off record of the locale tree written by `bitext sign-off --locales`: commit it, do not edit it.\n{body}"
    );
    crate::atomic::write(&LocaleLock::path(ws), text.as_bytes())?;
    Ok(signed)
}

/// Drifted and unsigned boilerplate. `used_by` maps each message id to the
/// releases (of this check) that refer to it.
pub fn findings(
    ws: &Workspace,
    bp: &Boilerplate,
    used_by: &BTreeMap<String, BTreeSet<String>>,
) -> Result<Vec<Finding>> {
    if bp.source.is_empty() || bp.target.is_empty() {
        return Ok(Vec::new());
    }
    let path = LocaleLock::path(ws);
    let Some(lock) = LocaleLock::read_if_present(&path)? else {
        let Some(severity) = ws.severity(Code::BoilerplateNotSignedOff) else {
            return Ok(Vec::new());
        };
        let mut finding = Finding::new(
            Code::BoilerplateNotSignedOff,
            severity,
            crate::tr!(
                "boilerplate-never-signed-off",
                lang = bp.target.lang.name(),
                dir = bp.target.dir.display()
            ),
        );
        finding.target = Some(bp.target.location_in(0, 0..0));
        return Ok(vec![finding]);
    };
    let (s_name, t_name) = (bp.source.lang.name(), bp.target.lang.name());
    let findings = both_defined(bp, |id, source_at, target_at, sources, targets| {
        let (source_text, source_hash) = current(sources, source_at)?;
        let (target_text, target_hash) = current(targets, target_at)?;
        let signed = lock.get(id);
        let (code, message, drift) = match signed {
            Some(s) if s.source_hash == source_hash && s.target_hash == target_hash => return None,
            Some(s) if s.target_hash == target_hash => {
                let releases = used_by.get(id).map(|r| r.iter().cloned().collect::<Vec<_>>());
                let users = match releases {
                    Some(r) if !r.is_empty() => {
                        crate::tr!("boilerplate-used-by", count = r.len(), releases = r.join(", "))
                    }
                    _ => crate::tr!("boilerplate-used-by-none"),
                };
                (
                    Code::BoilerplateDrifted,
                    crate::tr!(
                        "boilerplate-drifted",
                        source = &s_name,
                        id = id,
                        target = &t_name,
                        users = users
                    ),
                    Some(Drift {
                        source_before: s.source_text.clone(),
                        source_after: source_text,
                    }),
                )
            }
            Some(s) if s.source_hash == source_hash => (
                Code::BoilerplateNotSignedOff,
                crate::tr!("boilerplate-target-edited", target = &t_name, id = id),
                None,
            ),
            Some(_) => (
                Code::BoilerplateNotSignedOff,
                crate::tr!("boilerplate-both-changed", id = id),
                None,
            ),
            None => (
                Code::BoilerplateNotSignedOff,
                crate::tr!("boilerplate-not-signed-off", id = id),
                None,
            ),
        };
        let severity = ws.severity(code)?;
        let mut finding = Finding::new(code, severity, message);
        finding.source = Some(bp.source.location(source_at));
        finding.target = Some(bp.target.location(target_at));
        if drift.is_some() {
            finding.target_text = Some(target_text);
        }
        finding.drift = drift;
        Some(finding)
    });
    Ok(findings)
}
