//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice`
//! annotation per finding, on the source line (or the target line when the
//! source has none), so the pull request shows it beside the text.

use crate::diagnostic::{Finding, Severity};

/// The annotation of one finding, a line.
pub(super) fn annotation(out: &mut String, finding: &Finding) {
    {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = finding.message.clone();
        if let (Some(_), Some(target)) = (&finding.source, &finding.target) {
            message.push(' ');
            message.push_str(&crate::tr!(
                "report-see",
                path = target.path().display(),
                line = target.position().line
            ));
        }
        match finding.primary().map(|at| (at, at.position())) {
            Some((at, position)) => out.push_str(&format!(
                "::{command} file={},line={},col={},title={}::{}\n",
                escape_property(&at.path().display().to_string()),
                position.line,
                position.column,
                finding.code,
                escape_data(&message)
            )),
            None => out.push_str(&format!(
                "::{command} title={}::{}\n",
                finding.code,
                escape_data(&message)
            )),
        }
    }
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn properties_escape_their_separators() {
        assert_eq!(super::escape_property("a,b:c%"), "a%2Cb%3Ac%25");
    }
}
