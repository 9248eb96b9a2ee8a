//! JUnit XML, which CI systems (GitLab, Jenkins, Azure) show as test
//! results: one `<testsuite>` per release (and one for workspace-wide
//! findings), one `<testcase>` per finding. Error-level findings are
//! `<failure>`s; warnings and notes pass, with the message kept in
//! `<system-out>`. A release without findings is one passing test case.

use crate::diagnostic::{Finding, Severity};

/// The suite a finding belongs to: its release, or the workspace.
pub(super) fn suite(finding: &Finding) -> &str {
    finding.release.as_deref().unwrap_or("workspace")
}

/// The document's first lines, with the totals.
pub(super) fn head(tests: usize, failures: usize) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"bitext check\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n"
    )
}

/// A suite's opening tag; `suite_end` closes it.
pub(super) fn suite_start(name: &str, tests: usize, failures: usize) -> String {
    format!(
        "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n",
        escape(name)
    )
}

pub(super) const SUITE_END: &str = "  </testsuite>\n";

/// One finding's test case, in suite `name`.
pub(super) fn testcase(out: &mut String, name: &str, finding: &Finding) {
    let at = finding
        .primary()
        .map(|l| {
            let p = l.position();
            format!("{}:{}:{}", l.path().display(), p.line, p.column)
        })
        .unwrap_or_default();
    let mut detail = format!("{} {}: {}", at, finding.code, finding.message);
    if let (Some(_), Some(target)) = (&finding.source, &finding.target) {
        let p = target.position();
        detail.push_str(&format!(
            "\n{}:{}:{} ({})",
            target.path().display(),
            p.line,
            p.column,
            target.lang
        ));
    }
    out.push_str(&format!(
        "    <testcase classname=\"{}\" name=\"{} {}\" file=\"{}\">\n",
        escape(name),
        finding.code,
        escape(&at),
        escape(
            &finding
                .primary()
                .map(|l| l.path().display().to_string())
                .unwrap_or_default()
        )
    ));
    if finding.severity == Severity::Error {
        out.push_str(&format!(
            "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
            finding.code,
            escape(&finding.message),
            escape(&detail)
        ));
    } else {
        out.push_str(&format!(
            "      <system-out>{}: {}</system-out>\n",
            finding.severity.as_str(),
            escape(&detail)
        ));
    }
    out.push_str("    </testcase>\n");
}

/// The releases with nothing to report, each one passing test case named
/// after the release so that CI tracks it from run to run; then the end.
pub(super) fn tail(clean: &[&str]) -> String {
    let mut out = String::new();
    if !clean.is_empty() {
        out.push_str(&format!(
            "  <testsuite name=\"in sync\" tests=\"{}\" failures=\"0\" errors=\"0\" skipped=\"0\">\n",
            clean.len()
        ));
        for slug in clean {
            out.push_str(&format!(
                "    <testcase classname=\"in sync\" name=\"{}\"/>\n",
                escape(slug)
            ));
        }
        out.push_str(SUITE_END);
    }
    out.push_str("</testsuites>\n");
    out
}

/// Escapes text for an XML attribute or element, dropping the control
/// characters XML 1.0 cannot hold.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::Arc;

    use crate::diagnostic::{Code, Location, Report};
    use crate::document::source::SourceFile;

    #[test]
    fn errors_fail_and_warnings_pass() {
        let mut error = Finding::new(
            Code::NumberMismatch,
            Severity::Error,
            "numbers differ: `1 500` <> `1 600`",
        );
        error.release = Some("uk-france".into());
        let file = SourceFile::new(
            Path::new("releases/uk-france/fr.md"),
            "\n\nPrix 1 600 €.\n".into(),
        );
        error.target = Some(Location::new("fr-FR", Arc::new(file), 8..8));
        let mut warning = Finding::new(
            Code::FrenchSpacing,
            Severity::Warning,
            "missing no-break space before `:`",
        );
        warning.release = Some("uk-france".into());
        let report = Report {
            releases: vec!["uk-france".into(), "exercise".into()],
            findings: vec![error, warning],
        };
        let xml = crate::report::render(
            &report,
            crate::report::Format::Junit,
            crate::report::Style { color: false },
        );
        assert!(
            xml.contains("<testsuites name=\"bitext check\" tests=\"3\" failures=\"1\""),
            "{xml}"
        );
        assert!(xml.contains(
            "<failure type=\"number-mismatch\" message=\"numbers differ: `1 500` &lt;&gt; `1 600`\">"
        ));
        assert!(xml.contains("<system-out>warning: "));
        assert!(xml.contains("name=\"in sync\" tests=\"1\""));
        assert!(
            xml.contains("<testcase classname=\"in sync\" name=\"exercise\"/>"),
            "{xml}"
        );
    }
}
