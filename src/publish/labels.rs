//! The site's built-in words ("Published", the skip link, the footer, the
//! default site title…) and each language's default URL prefix, in the
//! language of the page: a French page says « Publié le » whatever
//! `--ui-lang` is, so these are not bitext's own voice (`ui`). They live in
//! Fluent resources, one per page language (`labels/en.ftl`,
//! `labels/fr.ftl`), embedded in the binary and chosen by the page
//! language's code; a language without a resource, or a word missing from
//! one, gets English. Fluent rather than the templates, so that a workspace
//! overriding a template need not carry every word in every language, and
//! so that the words used outside templates (the default title in the
//! feeds) have the same home. A workspace changes the words by overriding
//! the templates that show them.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::FluentResource;
use serde::Serialize;

use crate::workspace::Language;

/// The built-in resources by language code, English first: the fallback.
const RESOURCES: [(&str, &str); 2] = [
    ("en", include_str!("labels/en.ftl")),
    ("fr", include_str!("labels/fr.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<Vec<(&'static str, Bundle)>> = LazyLock::new(|| {
    RESOURCES
        .iter()
        .map(|&(code, ftl)| (code, bundle(code, ftl)))
        .collect()
});

fn bundle(code: &str, ftl: &str) -> Bundle {
    let mut bundle = FluentBundle::new_concurrent(vec![code.parse().unwrap_or_default()]);
    // Isolation marks around arguments would end up in the pages.
    bundle.set_use_isolating(false);
    if let Some(resource) = resource(ftl) {
        bundle.add_resource_overriding(resource);
    }
    bundle
}

/// A resource parsed, unless it nests placeables deeper than every Fluent
/// reader of bitext allows (`boilerplate::MAX_NESTING`): the parser and the
/// formatter recurse once per level. The resources are built in (a
/// workspace changes the words through its templates, never through a
/// resource of its own), so this is for consistency with the readers of
/// workspace files; a resource refused here leaves its words to English,
/// and the unit tests below keep both within the limit and free of errors.
fn resource(ftl: &str) -> Option<FluentResource> {
    if crate::boilerplate::too_deep(ftl).is_some() {
        return None;
    }
    Some(FluentResource::try_new(ftl.to_owned()).unwrap_or_else(|(partial, _)| partial))
}

/// The resource of the language itself, if bitext has one.
fn own(lang: &Language) -> Option<&'static Bundle> {
    BUNDLES
        .iter()
        .find(|(code, _)| *code == lang.code())
        .map(|(_, bundle)| bundle)
}

fn format(bundle: &Bundle, id: &str) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, None, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// A word in the page's language, else in English.
fn word(lang: &Language, id: &str) -> String {
    own(lang)
        .and_then(|bundle| format(bundle, id))
        .or_else(|| format(&BUNDLES[0].1, id))
        .unwrap_or_else(|| id.to_owned())
}

/// The words of the default templates in one page language. Templates get
/// them as `labels`, so the field names are part of the template contract
/// (docs/publish.md).
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub site_title: String,
    /// The language's own name, on the link that leads to it.
    pub language_name: String,
    pub skip: String,
    pub languages: String,
    pub breadcrumbs: String,
    pub press_release: String,
    pub from: String,
    pub published: String,
    pub topics: String,
    pub feed: String,
    pub index_intro: String,
    pub empty: String,
    pub footer: String,
    pub choose: String,
}

impl Labels {
    pub fn of(lang: &Language) -> Labels {
        let word = |id| word(lang, id);
        Labels {
            site_title: word("site-title"),
            language_name: word("language-name"),
            skip: word("skip"),
            languages: word("languages"),
            breadcrumbs: word("breadcrumbs"),
            press_release: word("press-release"),
            from: word("from"),
            published: word("published"),
            topics: word("topics"),
            feed: word("feed"),
            index_intro: word("index-intro"),
            empty: word("empty"),
            footer: word("footer"),
            choose: word("choose"),
        }
    }
}

/// The URL path of a language's pages when the workspace sets none: from
/// the language's own resource (`en/news`, `fr/nouvelles`), else its code
/// alone, since another language's words would be wrong in its URLs.
pub fn default_prefix(lang: &Language) -> String {
    own(lang)
        .and_then(|bundle| format(bundle, "prefix"))
        .unwrap_or_else(|| lang.code().to_owned())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_syntax::ast::Entry;

    use super::*;

    fn language(tag: &str) -> Language {
        Language {
            tag: tag.parse().unwrap(),
        }
    }

    fn ids(name: &str, ftl: &str) -> BTreeSet<String> {
        let resource = fluent_syntax::parser::parse(ftl)
            .unwrap_or_else(|(_, errors)| panic!("{name}: syntax errors: {errors:?}"));
        let mut ids = BTreeSet::new();
        for entry in resource.body {
            match entry {
                Entry::Message(message) => {
                    assert!(message.attributes.is_empty(), "{name}: {}", message.id.name);
                    assert!(
                        ids.insert(message.id.name.to_owned()),
                        "{name}: {} twice",
                        message.id.name
                    );
                }
                Entry::Comment(_) | Entry::GroupComment(_) | Entry::ResourceComment(_) => {}
                other => panic!("{name}: unexpected {other:?}"),
            }
        }
        ids
    }

    #[test]
    fn every_resource_has_every_label_and_the_prefix() {
        let english = ids("en.ftl", RESOURCES[0].1);
        let fields = serde_json::to_value(Labels::of(&language("en-GB"))).unwrap();
        let mut expected: BTreeSet<String> = fields
            .as_object()
            .unwrap()
            .keys()
            .map(|field| field.replace('_', "-"))
            .collect();
        expected.insert("prefix".into());
        assert_eq!(english, expected);
        for (code, ftl) in RESOURCES {
            assert_eq!(ids(code, ftl), english, "{code}.ftl");
        }
    }

    #[test]
    fn a_page_gets_its_own_language_and_others_get_english() {
        let french = Labels::of(&language("fr-CA"));
        assert_eq!(french.published, "Publié le");
        assert_eq!(french.breadcrumbs, "Fil d’Ariane");
        let german = Labels::of(&language("de-DE"));
        assert_eq!(german.published, "Published");
        assert_eq!(german.language_name, "English");
    }

    /// Labels parsed Fluent without the nesting limit of the other Fluent
    /// readers; a resource nested 5,000 deep is refused, not parsed.
    #[test]
    fn a_resource_nested_5000_deep_is_refused_like_any_fluent_file() {
        for (code, ftl) in RESOURCES {
            assert!(resource(ftl).is_some(), "{code}.ftl");
        }
        let deep = format!("published = {}x{}\n", "{ ".repeat(5_000), " }".repeat(5_000));
        assert!(resource(&deep).is_none());
        let bundle = bundle("fr", &deep);
        assert!(bundle.get_message("published").is_none());
    }

    #[test]
    fn only_a_language_with_a_resource_gets_a_worded_prefix() {
        assert_eq!(default_prefix(&language("en-GB")), "en/news");
        assert_eq!(default_prefix(&language("fr-FR")), "fr/nouvelles");
        assert_eq!(default_prefix(&language("de-DE")), "de");
    }
}
