//! The resources' own checks: both parse cleanly and define the same
//! messages with the same attributes and variables (the locale-tree
//! comparison bitext applies to a workspace's boilerplate, here applied to
//! bitext's own voice), every id the code uses exists, French typography
//! holds, and lookups never panic.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};

use super::*;

/// For each message: its attributes and the variables it uses anywhere.
type Shape = BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>;

fn shape(name: &str, ftl: &str) -> Shape {
    let resource = match fluent_syntax::parser::parse(ftl) {
        Ok(resource) => resource,
        Err((_, errors)) => panic!("{name}: syntax errors: {errors:?}"),
    };
    let mut out = Shape::new();
    for entry in resource.body {
        match entry {
            Entry::Message(message) => {
                let id = message.id.name.to_owned();
                let mut vars = BTreeSet::new();
                if let Some(value) = &message.value {
                    pattern_vars(value, &mut vars);
                }
                let mut attributes = BTreeSet::new();
                for attribute in &message.attributes {
                    attributes.insert(attribute.id.name.to_owned());
                    pattern_vars(&attribute.value, &mut vars);
                }
                assert!(
                    out.insert(id.clone(), (attributes, vars)).is_none(),
                    "{name}: {id} is defined twice"
                );
            }
            Entry::Junk { content } => panic!("{name}: junk {content:?}"),
            Entry::Term(term) => panic!("{name}: unexpected term -{}", term.id.name),
            Entry::Comment(_) | Entry::GroupComment(_) | Entry::ResourceComment(_) => {}
        }
    }
    out
}

fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_vars(inline, vars),
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for variant in variants {
                pattern_vars(&variant.value, vars);
            }
        }
    }
}

fn inline_vars(inline: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                inline_vars(arg, vars);
            }
            for arg in &arguments.named {
                inline_vars(&arg.value, vars);
            }
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

/// Messages whose French is rightly the same text as the English, which
/// the locale-tree check reports as `locale-untranslated`. Review any id
/// that joins this list.
const SAME_IN_BOTH: &[&str] = &["status-segments"];

/// bitext's own locale-tree check (the one `bitext check` runs on a
/// workspace's `locales/`) on bitext's own resources: `en.ftl` as the
/// `en-GB` tree and `fr.ftl` as the `fr-FR` tree of a scratch workspace.
/// Any syntax error, duplicate, missing or obsolete message or attribute,
/// variable or reference used on one side only, or French plural select
/// without `[many]` fails it.
#[test]
fn bitexts_own_locale_tree_check_finds_nothing_in_the_resources() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path();
    std::fs::write(
        root.join("bitext.toml"),
        "[languages]\nsource = \"en-GB\"\ntarget = \"fr-FR\"\n",
    )
    .expect("write bitext.toml");
    std::fs::create_dir(root.join("releases")).expect("releases/");
    for (tag, ftl) in [("en-GB", EN_FTL), ("fr-FR", FR_FTL)] {
        let locale = root.join("locales").join(tag);
        std::fs::create_dir_all(&locale).expect("locales/");
        std::fs::write(locale.join("ui.ftl"), ftl).expect("write ui.ftl");
    }
    let ws = crate::workspace::Workspace::load(root).expect("scratch workspace loads");
    let boilerplate = crate::boilerplate::Boilerplate::load(&ws).expect("resources load");
    assert_eq!(boilerplate.source.order.len(), boilerplate.target.order.len());
    assert!(boilerplate.source.order.len() > 100, "the trees were not read");
    let findings = crate::boilerplate::locale_tree::findings(&ws, &boilerplate);
    let shown: Vec<String> = findings
        .iter()
        .filter(|f| {
            let same = f.code == crate::diagnostic::Code::LocaleUntranslated
                && SAME_IN_BOTH
                    .iter()
                    .any(|id| f.message.starts_with(&format!("`{id}`")));
            !same
        })
        .map(|f| {
            let at = f
                .primary()
                .map(|l| format!("{}:{}", l.path().display(), l.position().line));
            format!("{} {}: {}", at.unwrap_or_default(), f.code.as_str(), f.message)
        })
        .collect();
    assert!(shown.is_empty(), "locale-tree findings:\n{}", shown.join("\n"));
}

/// The ids the code asks for: the first argument of every `tr!`.
fn used_ids() -> BTreeSet<String> {
    fn walk(dir: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).expect("src/ is readable") {
            let path = entry.expect("src/ is readable").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source is UTF-8");
                for (at, _) in text.match_indices("tr!(") {
                    // `include_str!(…)` is not `tr!`.
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let Some(rest) = text[at + 4..].trim_start().strip_prefix('"') else {
                        continue;
                    };
                    let id = &rest[..rest.find('"').expect("closing quote")];
                    // This scanner's own string literals are not ids.
                    if !id.is_empty()
                        && id
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    {
                        out.insert(id.to_owned());
                    }
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

#[test]
fn every_id_the_code_uses_exists_and_every_message_is_used() {
    let used = used_ids();
    // The macro's documentation example is not a use.
    let used: BTreeSet<_> = used.into_iter().filter(|id| id != "message-id").collect();
    assert!(used.len() > 50, "the scan found too few ids: {used:?}");
    let en = shape("en.ftl", EN_FTL);
    let unknown: Vec<_> = used.iter().filter(|id| !en.contains_key(*id)).collect();
    assert!(
        unknown.is_empty(),
        "ids used but not in the resources: {unknown:?}"
    );
    let unused: Vec<_> = en.keys().filter(|id| !used.contains(*id)).collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
}

#[test]
fn french_typography_uses_no_break_spaces() {
    for (n, line) in FR_FTL.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        for mark in [" :", " ;", " !", " ?", "« ", " »"] {
            assert!(
                !line.contains(mark),
                "fr.ftl:{}: {mark:?} needs a no-break space",
                n + 1
            );
        }
        for mark in ["«", "»"] {
            for (at, _) in line.match_indices(mark) {
                let beside = if mark == "«" {
                    line[at + mark.len()..].chars().next()
                } else {
                    line[..at].chars().next_back()
                };
                assert_eq!(
                    beside,
                    Some('\u{a0}'),
                    "fr.ftl:{}: {mark} without no-break space",
                    n + 1
                );
            }
        }
    }
}

#[test]
fn messages_format_in_both_languages() {
    let args = [
        (
            "source",
            Arg::from(text_in(UiLang::Fr, "language", &[("code", "en".into())])),
        ),
        (
            "target",
            Arg::from(text_in(UiLang::Fr, "language", &[("code", "fr".into())])),
        ),
    ];
    assert_eq!(
        text_in(UiLang::Fr, "finding-source-drifted", &args),
        "le texte anglais a changé depuis la validation du texte français"
    );
    let args = [("source", Arg::from("English")), ("target", Arg::from("French"))];
    assert_eq!(
        text_in(UiLang::En, "finding-source-drifted", &args),
        "English changed since the French was signed off"
    );
    let count = |n: usize| [("count", Arg::from(n))];
    assert_eq!(text_in(UiLang::En, "report-errors", &count(1)), "1 error");
    assert_eq!(text_in(UiLang::En, "report-errors", &count(2)), "2 errors");
    assert_eq!(text_in(UiLang::Fr, "report-errors", &count(0)), "0 erreur");
    assert_eq!(text_in(UiLang::Fr, "report-errors", &count(3)), "3 erreurs");
}

#[test]
fn no_isolation_marks_reach_the_terminal() {
    let text = text_in(UiLang::Fr, "new-created", &[("path", "releases/x".into())]);
    assert_eq!(text, "releases/x créé");
}

#[test]
fn a_missing_id_or_argument_never_panics() {
    assert_eq!(text_in(UiLang::Fr, "no-such-message", &[]), "no-such-message");
    // A missing argument is a formatting error: French falls back to English,
    // which shows the variable's name rather than failing.
    let text = text_in(UiLang::Fr, "finding-source-drifted", &[]);
    assert!(text.contains("changed since"), "{text}");
}

#[test]
fn locale_names_choose_the_language() {
    for fr in ["fr_FR.UTF-8", "fr_CA", "fr", "fr-CA", "FR_be.utf8", "fr_FR@euro"] {
        assert_eq!(UiLang::from_locale(fr), Some(UiLang::Fr), "{fr}");
    }
    for en in ["C", "POSIX", "C.UTF-8", "en_GB.UTF-8", "de_DE", "frisian"] {
        assert_eq!(UiLang::from_locale(en), Some(UiLang::En), "{en}");
    }
    assert_eq!(UiLang::from_locale(""), None);
}

#[test]
fn lc_all_wins_over_lc_messages_over_lang() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
    };
    assert_eq!(UiLang::from_vars(env(&[("LANG", "fr_FR.UTF-8")])), UiLang::Fr);
    assert_eq!(
        UiLang::from_vars(env(&[("LANG", "fr_FR.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")])),
        UiLang::En
    );
    assert_eq!(
        UiLang::from_vars(env(&[("LC_ALL", "fr_CA.UTF-8"), ("LC_MESSAGES", "C")])),
        UiLang::Fr
    );
    // An empty variable is not set, as POSIX says.
    assert_eq!(
        UiLang::from_vars(env(&[("LC_ALL", ""), ("LANG", "fr_FR.UTF-8")])),
        UiLang::Fr
    );
    assert_eq!(UiLang::from_vars(env(&[])), UiLang::En);
}
