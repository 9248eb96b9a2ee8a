//! What a Fluent message says, read from its syntax tree: its text written
//! back as Fluent source (for the locale lock, diffs and export), and the
//! variables, message and term references it uses in each select variant
//! (for the locale-tree comparison). Nothing here resolves a message.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{
    Attribute, CallArguments, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};

/// The byte offset of a slice of `source` (an identifier of its syntax
/// tree: fluent-syntax parses into slices of the text it was given).
pub fn offset_in(source: &str, slice: &str) -> usize {
    (slice.as_ptr() as usize)
        .saturating_sub(source.as_ptr() as usize)
        .min(source.len())
}

/// A pattern written back as Fluent source on one line where it can be:
/// text as is, placeables as `{ … }`, select expressions with their
/// variants on indented lines.
pub fn source(pattern: &Pattern<&str>) -> String {
    let mut out = String::new();
    write_pattern(&mut out, pattern, 0);
    out
}

/// A message or term: its value, then `.attribute = …` lines.
pub fn entry_source(value: Option<&Pattern<&str>>, attributes: &[Attribute<&str>]) -> String {
    let mut out = value.map(source).unwrap_or_default();
    for attribute in attributes {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!(".{} = {}", attribute.id.name, source(&attribute.value)));
    }
    out
}

fn write_pattern(out: &mut String, pattern: &Pattern<&str>, depth: usize) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable { expression } => write_expression(out, expression, depth),
        }
    }
}

fn write_expression(out: &mut String, expression: &Expression<&str>, depth: usize) {
    match expression {
        Expression::Inline(inline) => {
            out.push_str("{ ");
            write_inline(out, inline, depth);
            out.push_str(" }");
        }
        Expression::Select { selector, variants } => {
            out.push_str("{ ");
            write_inline(out, selector, depth);
            out.push_str(" ->");
            let indent = "    ".repeat(depth + 1);
            for variant in variants {
                out.push('\n');
                out.push_str(&indent);
                out.push_str(if variant.default { "*[" } else { "[" });
                out.push_str(key_name(&variant.key));
                out.push_str("] ");
                write_pattern(out, &variant.value, depth + 1);
            }
            out.push('\n');
            out.push_str(&"    ".repeat(depth));
            out.push('}');
        }
    }
}

fn write_inline(out: &mut String, inline: &InlineExpression<&str>, depth: usize) {
    match inline {
        InlineExpression::StringLiteral { value } => {
            out.push('"');
            out.push_str(value);
            out.push('"');
        }
        InlineExpression::NumberLiteral { value } => out.push_str(value),
        InlineExpression::FunctionReference { id, arguments } => {
            out.push_str(id.name);
            write_arguments(out, arguments, depth);
        }
        InlineExpression::MessageReference { id, attribute } => {
            out.push_str(id.name);
            if let Some(attribute) = attribute {
                out.push('.');
                out.push_str(attribute.name);
            }
        }
        InlineExpression::TermReference {
            id,
            attribute,
            arguments,
        } => {
            out.push('-');
            out.push_str(id.name);
            if let Some(attribute) = attribute {
                out.push('.');
                out.push_str(attribute.name);
            }
            if let Some(arguments) = arguments {
                write_arguments(out, arguments, depth);
            }
        }
        InlineExpression::VariableReference { id } => {
            out.push('$');
            out.push_str(id.name);
        }
        InlineExpression::Placeable { expression } => write_expression(out, expression, depth),
    }
}

fn write_arguments(out: &mut String, arguments: &CallArguments<&str>, depth: usize) {
    out.push('(');
    let mut first = true;
    for positional in &arguments.positional {
        if !first {
            out.push_str(", ");
        }
        first = false;
        write_inline(out, positional, depth);
    }
    for named in &arguments.named {
        if !first {
            out.push_str(", ");
        }
        first = false;
        out.push_str(named.name.name);
        out.push_str(": ");
        write_inline(out, &named.value, depth);
    }
    out.push(')');
}

pub fn key_name<'a>(key: &VariantKey<&'a str>) -> &'a str {
    match key {
        VariantKey::Identifier { name } => name,
        VariantKey::NumberLiteral { value } => value,
    }
}

/// The CLDR plural categories.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A select expression that chooses by plural category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluralSelect<'s> {
    /// The selector's variable, whose slice locates the select in the file.
    pub selector: &'s str,
    pub categories: BTreeSet<&'s str>,
}

/// Something a pattern refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item<'s> {
    Variable(&'s str),
    Message(&'s str, Option<&'s str>),
    Term(&'s str),
}

impl Item<'_> {
    pub fn is_variable(&self) -> bool {
        matches!(self, Item::Variable(_))
    }
}

impl std::fmt::Display for Item<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Item::Variable(name) => write!(f, "${name}"),
            Item::Message(id, None) => f.write_str(id),
            Item::Message(id, Some(attribute)) => write!(f, "{id}.{attribute}"),
            Item::Term(id) => write!(f, "-{id}"),
        }
    }
}

/// Whether a pattern has any placeable (most boilerplate is plain text,
/// and needs no closer look).
pub fn has_placeables(pattern: &Pattern<&str>) -> bool {
    pattern
        .elements
        .iter()
        .any(|e| matches!(e, PatternElement::Placeable { .. }))
}

/// Whether a pattern has a select expression anywhere.
pub fn has_select(pattern: &Pattern<&str>) -> bool {
    fn expression(e: &Expression<&str>) -> bool {
        match e {
            Expression::Select { .. } => true,
            Expression::Inline(InlineExpression::Placeable { expression: inner }) => expression(inner),
            Expression::Inline(_) => false,
        }
    }
    pattern.elements.iter().any(|e| match e {
        PatternElement::Placeable { expression: e } => expression(e),
        PatternElement::TextElement { .. } => false,
    })
}

/// The plural selects of a pattern, in the order [`Usage::of`] lists them
/// (without the per-variant items, which the plural check does not need).
pub fn plurals<'s>(pattern: &Pattern<&'s str>) -> Vec<PluralSelect<'s>> {
    let mut usage = Usage::default();
    usage.pattern(pattern, String::new());
    usage.plurals
}

/// Whether two patterns without any select expression use the same items
/// (variables, message and term references): then comparing them per
/// variant finds nothing, and most boilerplate is this case. `false` when
/// either has a select or their items differ.
pub fn same_items_without_select(a: &Pattern<&str>, b: &Pattern<&str>) -> bool {
    fn items<'s>(pattern: &Pattern<&'s str>, out: &mut Vec<Item<'s>>) -> bool {
        pattern.elements.iter().all(|e| match e {
            PatternElement::Placeable { expression } => expression_items(expression, out),
            PatternElement::TextElement { .. } => true,
        })
    }
    fn expression_items<'s>(expression: &Expression<&'s str>, out: &mut Vec<Item<'s>>) -> bool {
        match expression {
            Expression::Select { .. } => false,
            Expression::Inline(inline) => inline_items(inline, out),
        }
    }
    fn arguments_items<'s>(arguments: &CallArguments<&'s str>, out: &mut Vec<Item<'s>>) -> bool {
        arguments.positional.iter().all(|p| inline_items(p, out))
            && arguments.named.iter().all(|n| inline_items(&n.value, out))
    }
    fn inline_items<'s>(inline: &InlineExpression<&'s str>, out: &mut Vec<Item<'s>>) -> bool {
        match inline {
            InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => true,
            InlineExpression::FunctionReference { arguments, .. } => arguments_items(arguments, out),
            InlineExpression::MessageReference { id, attribute } => {
                out.push(Item::Message(id.name, attribute.as_ref().map(|a| a.name)));
                true
            }
            InlineExpression::TermReference { id, arguments, .. } => {
                let inner = arguments.as_ref().is_none_or(|a| arguments_items(a, out));
                out.push(Item::Term(id.name));
                inner
            }
            InlineExpression::VariableReference { id } => {
                out.push(Item::Variable(id.name));
                true
            }
            InlineExpression::Placeable { expression } => expression_items(expression, out),
        }
    }
    let (mut left, mut right) = (Vec::new(), Vec::new());
    if !items(a, &mut left) || !items(b, &mut right) {
        return false;
    }
    for list in [&mut left, &mut right] {
        list.sort_unstable();
        list.dedup();
    }
    left == right
}

/// What one pattern uses: for each variant path (`""` outside any select,
/// `[other]`, `[other]/[one]` …) the variables, message references and term
/// references written there.
#[derive(Debug, Default)]
pub struct Usage<'s> {
    pub paths: BTreeMap<String, BTreeSet<Item<'s>>>,
    /// Variables used as selectors: a plural variant may leave its number
    /// out (`[one] One customer`), so they are compared on the whole only.
    pub selectors: BTreeSet<Item<'s>>,
    pub plurals: Vec<PluralSelect<'s>>,
    /// Whether `paths` is filled in (not when only the plural selects are
    /// wanted: the paths are most of the cost).
    track_paths: bool,
}

impl<'s> Usage<'s> {
    pub fn of(pattern: &Pattern<&'s str>) -> Self {
        let mut usage = Usage {
            track_paths: true,
            ..Usage::default()
        };
        usage.paths.insert(String::new(), BTreeSet::new());
        usage.pattern(pattern, String::new());
        usage
    }

    /// Every item used anywhere in the pattern.
    pub fn all(&self) -> BTreeSet<Item<'s>> {
        self.paths.values().flatten().copied().collect()
    }

    fn pattern(&mut self, pattern: &Pattern<&'s str>, path: String) {
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                self.expression(expression, &path);
            }
        }
    }

    fn expression(&mut self, expression: &Expression<&'s str>, path: &str) {
        match expression {
            Expression::Inline(inline) => self.inline(inline, path),
            Expression::Select { selector, variants } => {
                self.inline(selector, path);
                let variable = match selector {
                    InlineExpression::VariableReference { id } => Some(id.name),
                    InlineExpression::FunctionReference { id, arguments } if id.name == "NUMBER" => {
                        match arguments.positional.first() {
                            Some(InlineExpression::VariableReference { id }) => Some(id.name),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                if let Some(variable) = variable {
                    self.selectors.insert(Item::Variable(variable));
                    let all_plural = variants.iter().all(|v| match &v.key {
                        VariantKey::Identifier { name } => CATEGORIES.contains(name),
                        VariantKey::NumberLiteral { .. } => true,
                    });
                    let categories: BTreeSet<&'s str> = variants
                        .iter()
                        .filter_map(|v| match &v.key {
                            VariantKey::Identifier { name } => Some(*name),
                            VariantKey::NumberLiteral { .. } => None,
                        })
                        .collect();
                    if all_plural && categories.iter().any(|c| *c != "other") {
                        self.plurals.push(PluralSelect {
                            selector: variable,
                            categories,
                        });
                    }
                }
                for variant in variants {
                    if !self.track_paths {
                        self.pattern(&variant.value, String::new());
                        continue;
                    }
                    let separator = if path.is_empty() { "" } else { "/" };
                    let inner = format!("{path}{separator}[{}]", key_name(&variant.key));
                    self.paths.entry(inner.clone()).or_default();
                    self.pattern(&variant.value, inner);
                }
            }
        }
    }

    fn inline(&mut self, inline: &InlineExpression<&'s str>, path: &str) {
        let item = match inline {
            InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => return,
            InlineExpression::FunctionReference { arguments, .. } => {
                self.arguments(arguments, path);
                return;
            }
            InlineExpression::MessageReference { id, attribute } => {
                Item::Message(id.name, attribute.as_ref().map(|a| a.name))
            }
            InlineExpression::TermReference { id, arguments, .. } => {
                if let Some(arguments) = arguments {
                    self.arguments(arguments, path);
                }
                Item::Term(id.name)
            }
            InlineExpression::VariableReference { id } => Item::Variable(id.name),
            InlineExpression::Placeable { expression } => {
                self.expression(expression, path);
                return;
            }
        };
        if !self.track_paths {
            return;
        }
        match self.paths.get_mut(path) {
            Some(items) => {
                items.insert(item);
            }
            None => {
                self.paths.entry(path.to_owned()).or_default().insert(item);
            }
        }
    }

    fn arguments(&mut self, arguments: &CallArguments<&'s str>, path: &str) {
        for positional in &arguments.positional {
            self.inline(positional, path);
        }
        for named in &arguments.named {
            self.inline(&named.value, path);
        }
    }
}

#[cfg(test)]
mod tests {
    use fluent_syntax::ast::Entry;

    use super::*;

    fn message(ftl: &str) -> fluent_syntax::ast::Resource<&str> {
        fluent_syntax::parser::parse_runtime(ftl).unwrap()
    }

    fn value<'s>(resource: &'s fluent_syntax::ast::Resource<&'s str>, i: usize) -> &'s Pattern<&'s str> {
        match &resource.body[i] {
            Entry::Message(m) => m.value.as_ref().unwrap(),
            _ => panic!("entry {i} is not a message"),
        }
    }

    #[test]
    fn plurals_alone_are_those_of_the_full_usage() {
        let ftl = "a = { $n ->\n    [one] { $n } { NUMBER($m) ->\n        [one] x\n       *[other] y\n    }\n   *[other] { FOO({ $p ->\n        [few] z\n       *[other] w\n    }) }\n}\nb = plain { $x }\n";
        let resource = message(ftl);
        for i in 0..2 {
            assert_eq!(
                plurals(value(&resource, i)),
                Usage::of(value(&resource, i)).plurals
            );
        }
        assert_eq!(plurals(value(&resource, 0)).len(), 3);
    }

    #[test]
    fn same_items_only_without_select_and_with_equal_items() {
        let ftl = "a = { $x } and { -t } { m.attr }\nb = { m.attr } { -t } { $x } { $x }\nc = { $y } { -t } { m.attr }\nd = { $x ->\n   *[other] { -t } { m.attr }\n}\ne = { NUMBER($x) } { -t(k: \"z\") } { FOO($z) } { m.attr }\n";
        let resource = message(ftl);
        let v = |i| value(&resource, i);
        assert!(same_items_without_select(v(0), v(1)));
        assert!(!same_items_without_select(v(0), v(2)));
        assert!(!same_items_without_select(v(0), v(3)));
        assert!(!same_items_without_select(v(3), v(3)));
        assert!(!same_items_without_select(v(0), v(4)));
        assert!(same_items_without_select(v(4), v(4)));
    }

    #[test]
    fn usage_per_variant_and_source_round_trip() {
        let ftl = "m = { $count ->\n    [one] One from { -brand }\n   *[other] { NUMBER($count) } from { other.title } in { $city }\n}\n";
        let resource = message(ftl);
        let Entry::Message(m) = &resource.body[0] else {
            panic!()
        };
        let pattern = m.value.as_ref().unwrap();
        let usage = Usage::of(pattern);
        assert_eq!(usage.paths["[one]"], BTreeSet::from([Item::Term("brand")]));
        let other: Vec<String> = usage.paths["[other]"].iter().map(|i| i.to_string()).collect();
        assert_eq!(other, ["$city", "$count", "other.title"]);
        assert!(has_select(pattern));
        assert_eq!(usage.plurals.len(), 1);
        assert_eq!(
            offset_in(ftl, usage.plurals[0].selector),
            ftl.find("count").unwrap()
        );
        assert_eq!(
            source(pattern),
            "{ $count ->\n    [one] One from { -brand }\n    *[other] { NUMBER($count) } from { other.title } in { $city }\n}"
        );
    }
}
