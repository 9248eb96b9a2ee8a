//! The titles and URL slugs of a release: a French title still to write
//! (`french-title-missing`: the English is often written first, and `new`
//! leaves the French slug empty until then) and a slug in `release.toml`
//! that no longer matches its document's title (`slug-mismatch`: the title
//! was reworded after the slug was made), in either language. A slug left
//! empty follows its title (`Release::load` derives it), so it never
//! mismatches. Only a slug that matched its title at sign-off is compared:
//! a slug shortened by hand is a choice, not a slip. The title at sign-off
//! is the lock's English text for the English slug and its French text
//! (recorded since lock version 2) for the French slug.

use crate::diagnostic::{Code, Finding};
use crate::release::{scaffold::slugify, title};
use crate::tr;

use super::document::{DocumentCheck, DocumentContext};

pub struct Titles;

impl DocumentCheck for Titles {
    fn check(&self, cx: &DocumentContext, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        // Both codes turned off (as for a sync-only run): finding the
        // titles and slugifying them would be thrown away.
        if [Code::FrenchTitleMissing, Code::SlugMismatch]
            .iter()
            .all(|&code| ws.severity(code).is_none())
        {
            return;
        }
        let release = cx.release;
        let mut push = |code: Code, message: String, source, target| {
            if let Some(severity) = ws.severity(code) {
                let mut finding = Finding::new(code, severity, message);
                finding.release = Some(release.slug.clone());
                finding.source = source;
                finding.target = target;
                out.push(finding);
            }
        };
        let target_slug_empty = release
            .meta
            .slug
            .get(ws.target.code())
            .is_none_or(|slug| slug.is_empty());
        if ws.target.code() == "fr" && target_slug_empty && title(&release.target).is_none() {
            push(
                Code::FrenchTitleMissing,
                tr!("title-french-missing"),
                None,
                Some(cx.origins.target.at(0..0)),
            );
        }
        let sides = [
            (&ws.source, &release.source, &cx.origins.source, true),
            (&ws.target, &release.target, &cx.origins.target, false),
        ];
        for (lang, document, origin, is_source) in sides {
            let (Some(heading), Some(slug)) = (title(document), release.meta.slug.get(lang.code())) else {
                continue;
            };
            let expected = slugify(&heading.text);
            if slug.is_empty() || expected.is_empty() || *slug == expected {
                continue;
            }
            // "No longer": the slug matched the title as it was signed off.
            // The lock keeps the English of each pair and, since version 2,
            // the French; a version 1 lock says nothing of the French title,
            // so the French slug waits for the next sign-off.
            let was = release.lock.as_ref().and_then(|lock| {
                let pair = lock
                    .pairs()
                    .iter()
                    .find(|pair| !if is_source { &pair.source } else { &pair.target }.is_empty())?;
                let text = if is_source {
                    Some(pair.source_text.as_str())
                } else {
                    pair.target_text.as_deref()
                }?;
                // A pair of several segments joins them by a blank line: the
                // title is the first.
                text.split("\n\n").next().map(slugify)
            });
            if was.as_deref() != Some(slug.as_str()) {
                continue;
            }
            let message = tr!(
                "title-slug-mismatch",
                lang = lang.name(),
                slug = slug.as_str(),
                expected = expected
            );
            let at = Some(origin.at(heading.span.clone()));
            if is_source {
                push(Code::SlugMismatch, message, at, None);
            } else {
                push(Code::SlugMismatch, message, None, at);
            }
        }
    }
}
