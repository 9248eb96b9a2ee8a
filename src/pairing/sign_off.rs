//! `bitext sign-off`: record a release's current pairs in its `bitext.lock`.
//! A release with unpaired segments is refused unless forced, in which case
//! those segments are recorded as one-sided on purpose. The release folder
//! is locked while the record is written, so a second writer waits.

use crate::diagnostic::Finding;
use crate::error::{Error, Result};
use crate::pairing::findings::{release_findings, Origins};
use crate::pairing::lock::LOCK_FILE;
use crate::pairing::{PairStatus, PairedRelease};
use crate::release::Release;
use crate::workspace::Workspace;

#[derive(Debug)]
pub enum Outcome {
    /// The lock was written.
    SignedOff { pairs: usize, one_sided: usize },
    /// Unpaired segments prevent the sign-off; these are their findings.
    Refused(Vec<Finding>),
}

pub fn sign_off(ws: &Workspace, slug: &str, force: bool) -> Result<Outcome> {
    let dir = ws.release_dir(slug)?;
    let guard = std::fs::File::open(&dir).map_err(|e| Error::io(&dir, e))?;
    // Held until `guard` is dropped at the end of this function.
    guard.lock().map_err(|e| Error::io(&dir, e))?;
    let release = Release::load(ws, slug)?;
    let paired = PairedRelease::new(ws, &release);
    let lock = match paired.sign_off(force) {
        Ok(lock) => lock,
        Err(_) => {
            let unpaired = release_findings(ws, &paired, &Origins::new(ws, &release))
                .into_iter()
                .filter(|f| f.code.is_unpaired())
                .collect();
            return Ok(Outcome::Refused(unpaired));
        }
    };
    lock.write(&dir.join(LOCK_FILE))?;
    Ok(Outcome::SignedOff {
        pairs: paired.pairs.len(),
        one_sided: paired
            .pairs
            .iter()
            .filter(|p| p.status.is_unpaired() || p.status == PairStatus::OneSided)
            .count(),
    })
}
