//! `bitext.lock`: the sign-off record of a release. For each pair signed
//! off together it keeps a hash of every segment on each side and the source
//! text as it was, so that `check` can tell a drifted source from an edited
//! target and show what the source said at sign-off. Pairs signed off with
//! one side only (`sign-off --force`) are marked one-sided. Since version 2
//! the record also says who signed off and when, and keeps the target text
//! as it was, so that a later edit of the target can be shown as a diff.
//! Version 1 records are still read, and become version 2 at the next
//! sign-off.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::workspace::parse_toml;

pub const LOCK_FILE: &str = "bitext.lock";
const VERSION: u32 = 2;
/// The versions this build reads.
const READS: std::ops::RangeInclusive<u32> = 1..=VERSION;

/// A short, stable hash of a segment's normalised text: the first 64 bits
/// of its SHA-256, written in the lock as 16 hexadecimal digits.
pub type TextHash = u64;

pub fn hash_text(text: &str) -> TextHash {
    let digest = Sha256::digest(text.as_bytes());
    u64::from_be_bytes(digest[..8].try_into().expect("a SHA-256 digest has 32 bytes"))
}

/// A hash as written in files: 16 hexadecimal digits.
pub fn hash_hex(hash: TextHash) -> String {
    format!("{hash:016x}")
}

/// The hash of one side of a pair: its segments' hashes together.
pub fn hash_side(hashes: &[TextHash]) -> TextHash {
    match hashes {
        [one] => *one,
        many => {
            let bytes: Vec<u8> = many.iter().flat_map(|h| h.to_be_bytes()).collect();
            let digest = Sha256::digest(&bytes);
            u64::from_be_bytes(digest[..8].try_into().expect("a SHA-256 digest has 32 bytes"))
        }
    }
}

fn parse_hex<E: serde::de::Error>(text: &str) -> Result<TextHash, E> {
    let valid = text.len() == 16 && text.bytes().all(|b| b.is_ascii_hexdigit());
    valid
        .then(|| u64::from_str_radix(text, 16).ok())
        .flatten()
        .ok_or_else(|| E::custom(crate::tr!("lock-bad-hash", hash = text)))
}

/// A hash in a lock file: a 16-digit hexadecimal string.
pub mod hex_hash {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::TextHash;

    pub fn serialize<S: Serializer>(hash: &TextHash, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::hash_hex(*hash))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<TextHash, D::Error> {
        super::parse_hex(&String::deserialize(deserializer)?)
    }
}

/// A list of hashes in a lock file.
pub mod hex_hashes {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::TextHash;

    pub fn serialize<S: Serializer>(hashes: &[TextHash], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(hashes.iter().map(|&h| super::hash_hex(h)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<TextHash>, D::Error> {
        Vec::<String>::deserialize(deserializer)?
            .iter()
            .map(|h| super::parse_hex(h))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LockedPair {
    /// Hashes of the source segments, in order (empty for a target-only pair).
    #[serde(with = "hex_hashes")]
    pub source: Vec<TextHash>,
    /// Hashes of the target segments, in order (empty for a source-only pair).
    #[serde(with = "hex_hashes")]
    pub target: Vec<TextHash>,
    /// The source text at sign-off, segments joined by a blank line.
    pub source_text: String,
    /// The target text at sign-off, likewise (absent in version 1 records).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_text: Option<String>,
    /// Signed off with one side only, on purpose.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub one_sided: bool,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LockFile {
    version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signed_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signed_at: Option<String>,
    #[serde(default, rename = "pair")]
    pairs: Vec<LockedPair>,
}

/// A loaded sign-off record, indexed for lookups by side hash.
/// Who signed off and when (RFC 3339), as recorded since version 2.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signature {
    pub by: String,
    pub at: String,
}

#[derive(Debug, Clone, Default)]
pub struct Lock {
    pairs: Vec<LockedPair>,
    signature: Option<Signature>,
    by_source: HashMap<TextHash, Vec<usize>>,
    by_target: HashMap<TextHash, Vec<usize>>,
    by_first_source: HashMap<TextHash, Vec<usize>>,
    by_first_target: HashMap<TextHash, Vec<usize>>,
}

impl Lock {
    pub fn new(pairs: Vec<LockedPair>) -> Self {
        let mut by_source: HashMap<TextHash, Vec<usize>> = HashMap::new();
        let mut by_target: HashMap<TextHash, Vec<usize>> = HashMap::new();
        let mut by_first_source: HashMap<TextHash, Vec<usize>> = HashMap::new();
        let mut by_first_target: HashMap<TextHash, Vec<usize>> = HashMap::new();
        for (index, pair) in pairs.iter().enumerate() {
            if let Some(&first) = pair.source.first() {
                by_first_source.entry(first).or_default().push(index);
            }
            if let Some(&first) = pair.target.first() {
                by_first_target.entry(first).or_default().push(index);
            }
            if !pair.source.is_empty() {
                by_source.entry(hash_side(&pair.source)).or_default().push(index);
            }
            if !pair.target.is_empty() {
                by_target.entry(hash_side(&pair.target)).or_default().push(index);
            }
        }
        Lock {
            pairs,
            signature: None,
            by_source,
            by_target,
            by_first_source,
            by_first_target,
        }
    }

    pub fn read_if_present(path: &Path) -> Result<Option<Self>> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(path, e)),
        };
        let file = crate::document::source::SourceFile::from_bytes(path, bytes)?;
        let parsed: LockFile = parse_toml(path, file.text())?;
        if !READS.contains(&parsed.version) {
            return Err(Error::syntax(
                path,
                crate::document::source::Position { line: 1, column: 1 },
                crate::tr!("lock-bad-version", found = parsed.version, version = VERSION),
            ));
        }
        let signature = match (parsed.signed_by, parsed.signed_at) {
            (Some(by), Some(at)) => Some(Signature { by, at }),
            _ => None,
        };
        Ok(Some(Lock::new(parsed.pairs).signed(signature)))
    }

    /// The same record with who signed it off and when.
    pub fn signed(mut self, signature: Option<Signature>) -> Self {
        self.signature = signature;
        self
    }

    /// Who signed off and when, for records of version 2 and later.
    pub fn signature(&self) -> Option<&Signature> {
        self.signature.as_ref()
    }

    pub fn write(&self, path: &Path) -> Result<()> {
        let file = LockFile {
            version: VERSION,
            signed_by: self.signature.as_ref().map(|s| s.by.clone()),
            signed_at: self.signature.as_ref().map(|s| s.at.clone()),
            pairs: self.pairs.clone(),
        };
        let body = toml::to_string(&file).map_err(|e| Error::EncodeLock { error: e.to_string() })?;
        let text =
            format!("# Sign-off record written by `bitext sign-off`: commit it, do not edit it.\n{body}");
        crate::atomic::write(path, text.as_bytes())
    }

    pub fn pairs(&self) -> &[LockedPair] {
        &self.pairs
    }

    pub fn get(&self, index: usize) -> &LockedPair {
        &self.pairs[index]
    }

    /// Pairs whose first source segment (or first target segment, when
    /// `of_source` is false) hashes to `hash`.
    pub fn starting_with(&self, hash: TextHash, of_source: bool) -> &[usize] {
        let index = if of_source {
            &self.by_first_source
        } else {
            &self.by_first_target
        };
        index.get(&hash).map_or(&[], Vec::as_slice)
    }

    /// Pairs whose source side hashes to `hash`.
    pub fn with_source(&self, hash: TextHash) -> &[usize] {
        self.by_source.get(&hash).map_or(&[], Vec::as_slice)
    }

    /// Pairs whose target side hashes to `hash`.
    pub fn with_target(&self, hash: TextHash) -> &[usize] {
        self.by_target.get(&hash).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_round_trips_through_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        let lock = Lock::new(vec![
            LockedPair {
                source: vec![hash_text("Hello")],
                target: vec![hash_text("Bonjour"), hash_text("à tous")],
                source_text: "Hello \"world\"\nline".into(),
                target_text: Some("Bonjour\n\nà tous".into()),
                one_sided: false,
            },
            LockedPair {
                source: vec![hash_text("Contact")],
                target: vec![],
                source_text: "Contact".into(),
                target_text: None,
                one_sided: true,
            },
        ])
        .signed(Some(Signature {
            by: "Camille Roy <camille.roy@example.gov.uk>".into(),
            at: "2025-03-11T09:30:00Z".into(),
        }));
        lock.write(&path).unwrap();
        let read = Lock::read_if_present(&path).unwrap().unwrap();
        assert_eq!(read.pairs(), lock.pairs());
        assert_eq!(read.signature(), lock.signature());
        let side = hash_side(&[hash_text("Bonjour"), hash_text("à tous")]);
        assert_eq!(read.with_target(side), &[0]);
    }

    #[test]
    fn version_1_records_are_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        let hash = hash_hex(hash_text("Hello"));
        let v1 = format!("version = 1\n\n[[pair]]\nsource = [\"{hash}\"]\ntarget = [\"{hash}\"]\nsource-text = \"Hello\"\n");
        std::fs::write(&path, v1).unwrap();
        let read = Lock::read_if_present(&path).unwrap().unwrap();
        assert_eq!(read.pairs()[0].target_text, None);
        assert_eq!(read.signature(), None);
    }
}
