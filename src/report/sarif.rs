//! SARIF 2.1.0, the static-analysis format GitHub code scanning and many
//! IDEs read: one run of the `bitext` tool, a rule per finding code (with
//! its default severity), a result per finding located on the source side
//! (or the target side when there is no source) with the other side as a
//! related location. Columns count Unicode code points, as bitext's do.

use serde_json::{json, Value};

use crate::diagnostic::{Code, Finding, Location, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location(at: &Location, id: Option<usize>) -> Value {
    let position = at.position();
    let mut value = json!({
        "physicalLocation": {
            "artifactLocation": {
                "uri": at.path().to_string_lossy().replace('\\', "/"),
                "uriBaseId": "SRCROOT"
            },
            "region": { "startLine": position.line, "startColumn": position.column }
        },
        "message": { "text": crate::tr!("sarif-location", tag = &at.lang) }
    });
    if let Some(id) = id {
        value["id"] = json!(id);
    }
    value
}

/// One finding's result, as the log prints it at the outermost indentation.
pub(super) fn item(finding: &Finding) -> String {
    serde_json::to_string_pretty(&result(finding)).expect("SARIF serialises")
}

fn result(finding: &Finding) -> Value {
    let index = Code::ALL.iter().position(|&c| c == finding.code).unwrap_or(0);
    let mut value = json!({
        "ruleId": finding.code.as_str(),
        "ruleIndex": index,
        "level": level(finding.severity),
        "message": { "text": finding.message },
    });
    let (primary, other) = match (&finding.source, &finding.target) {
        (Some(s), t) => (Some(s), t.as_ref()),
        (None, t) => (t.as_ref(), None),
    };
    if let Some(at) = primary {
        let mut first = location(at, None);
        first.as_object_mut().map(|o| o.remove("message"));
        value["locations"] = json!([first]);
    }
    if let Some(at) = other {
        value["relatedLocations"] = json!([location(at, Some(0))]);
    }
    if let Some(release) = &finding.release {
        value["properties"] = json!({ "release": release });
    }
    value
}

/// A rule's readable name, which SARIF wants distinct from its id:
/// `number-mismatch` → `NumberMismatch`.
fn pascal_case(kebab: &str) -> String {
    kebab
        .split('-')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// The log around its results: `results` is `[]` or holds the one `item`
/// given, which the stream replaces with the results.
pub(super) fn skeleton(item: Option<&str>) -> String {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "name": pascal_case(code.as_str()),
                "shortDescription": { "text": code.as_str().replace('-', " ") },
                "defaultConfiguration": { "level": level(code.default_severity()) }
            })
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "bitext",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules
                }
            },
            "originalUriBaseIds": {
                "SRCROOT": { "description": { "text": crate::tr!("sarif-root") } }
            },
            "columnKind": "unicodeCodePoints",
            "results": item.into_iter().collect::<Vec<_>>()
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).expect("SARIF serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::Report;
    use crate::document::source::SourceFile;

    #[test]
    fn results_point_at_the_source_with_the_target_related() {
        let mut finding = Finding::new(Code::NumberMismatch, Severity::Error, "numbers differ");
        let en = SourceFile::new(Path::new("releases/a/en.md"), "# A\nThe 1,500 troops\n".into());
        let fr = SourceFile::new(Path::new("releases/a/fr.md"), "# A\n\nLes 1 600 soldats\n".into());
        finding.source = Some(Location::new("en-GB", Arc::new(en), 8..13));
        finding.target = Some(Location::new("fr-FR", Arc::new(fr), 13..18));
        let report = Report {
            releases: vec!["uk-france".into()],
            findings: vec![finding],
        };
        let log: Value = serde_json::from_str(&super::super::render(
            &report,
            super::super::Format::Sarif,
            super::super::Style { color: false },
        ))
        .unwrap();
        let result = &log["runs"][0]["results"][0];
        assert_eq!(result["ruleId"], "number-mismatch");
        assert_eq!(result["level"], "error");
        assert_eq!(
            result["locations"][0]["physicalLocation"]["region"]["startColumn"],
            5
        );
        assert_eq!(
            result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "releases/a/fr.md"
        );
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            log["runs"][0]["tool"]["driver"]["rules"][index]["id"],
            "number-mismatch"
        );
    }
}
