//! Checks that look at more than one pair. A [`DocumentCheck`] reads a
//! whole release (how it uses boilerplate); a [`WorkspaceCheck`] reads what
//! every release shares (the two locale trees and their sign-off record).
//! Like the per-pair [`Check`](super::Check), each is a small trait with a
//! context, listed once in a registry that the driver runs in order: a new
//! check is added to a list, not wired into the driver by hand. What the
//! checks find is decided in `boilerplate`; this module only says when they
//! run and what they may read.

use std::collections::{BTreeMap, BTreeSet};

use crate::boilerplate::reference::Reference;
use crate::boilerplate::{locale_lock, locale_tree, usage, Boilerplate};
use crate::diagnostic::Finding;
use crate::error::Result;
use crate::pairing::findings::Origins;
use crate::release::Release;
use crate::workspace::Workspace;

/// What a check of one release may read.
pub struct DocumentContext<'a> {
    pub ws: &'a Workspace,
    pub boilerplate: &'a Boilerplate,
    pub release: &'a Release,
    /// The release's files as findings point into them.
    pub origins: &'a Origins,
    /// The boilerplate references of each side, read once per release.
    pub source_references: &'a [Reference],
    pub target_references: &'a [Reference],
}

/// A check of one whole release, run once per release.
pub trait DocumentCheck: Sync {
    fn check(&self, cx: &DocumentContext, out: &mut Vec<Finding>);
}

/// What a check of the workspace's shared resources may read.
pub struct WorkspaceContext<'a> {
    pub ws: &'a Workspace,
    pub boilerplate: &'a Boilerplate,
    /// For each boilerplate id, the releases of this run that refer to it.
    pub used_by: &'a BTreeMap<String, BTreeSet<String>>,
}

/// A check of what every release shares, run once per check. Its findings
/// belong to no release. `Err` means a shared file could not be read.
pub trait WorkspaceCheck: Sync {
    fn check(&self, cx: &WorkspaceContext, out: &mut Vec<Finding>) -> Result<()>;
}

/// Every check of a whole release, in the order their findings are listed.
pub const DOCUMENT_CHECKS: &[&dyn DocumentCheck] = &[&BoilerplateUsage, &super::title::Titles];

/// Every check of the shared resources, in the order their findings are
/// listed (before those of the releases).
pub const WORKSPACE_CHECKS: &[&dyn WorkspaceCheck] = &[&LocaleTree, &LocaleLock];

/// How the release uses boilerplate (`boilerplate-*` codes of a release).
struct BoilerplateUsage;

impl DocumentCheck for BoilerplateUsage {
    fn check(&self, cx: &DocumentContext, out: &mut Vec<Finding>) {
        out.extend(usage::findings(
            cx.ws,
            cx.boilerplate,
            cx.release,
            usage::Document {
                origin: &cx.origins.source,
                references: cx.source_references,
            },
            usage::Document {
                origin: &cx.origins.target,
                references: cx.target_references,
            },
        ));
    }
}

/// The two locale trees compared (`locale-*` codes).
struct LocaleTree;

impl WorkspaceCheck for LocaleTree {
    fn check(&self, cx: &WorkspaceContext, out: &mut Vec<Finding>) -> Result<()> {
        out.extend(locale_tree::findings(cx.ws, cx.boilerplate));
        Ok(())
    }
}

/// Boilerplate drifted or not signed off (`locales/bitext.lock`).
struct LocaleLock;

impl WorkspaceCheck for LocaleLock {
    fn check(&self, cx: &WorkspaceContext, out: &mut Vec<Finding>) -> Result<()> {
        out.extend(locale_lock::findings(cx.ws, cx.boilerplate, cx.used_by)?);
        Ok(())
    }
}
