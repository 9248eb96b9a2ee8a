//! A report written as it is made: each batch of findings (a release's,
//! as soon as it is checked, from any thread) is rendered at once in the
//! chosen format and spooled, so that neither the findings nor the files
//! they point into are kept. Only counts stay in memory: per code, per
//! severity and per spooled chunk. `finish` then writes the report in
//! order, the counts that some formats put first (the JSON summary, the
//! JUnit totals) included: the chunks are read back from the spool in the
//! order of their keys, whatever order the releases finished in.
//!
//! Every format goes through here, so a streamed report is the same, byte
//! for byte, as one rendered from a whole `Report` (`report::render`).
//! A batch can also be rendered apart (`Rendered`) and added later: the
//! check cache keeps each release's rendering and replays it as bytes.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Finding, Severity};
use crate::error::{Error, Result};

use super::{github, human, json, junit, sarif, Format, Style};

/// Findings rendered together on one thread.
const RUN: usize = 256;

/// Where rendered chunks wait: a temporary file for a workspace, memory for
/// a report rendered whole.
trait Store: Read + Write + Seek + Send {}

impl<T: Read + Write + Seek + Send> Store for T {}

/// A report being written; see the module documentation.
pub struct Stream {
    format: Format,
    style: Style,
    min: Severity,
    spool: Mutex<Spool>,
}

struct Spool {
    store: Box<dyn Store>,
    len: u64,
    chunks: Vec<Chunk>,
    /// Findings printed, per code (in `Code::ALL` order).
    codes: Vec<usize>,
    /// Findings printed, per severity (in `Severity` order).
    severities: [usize; 3],
    /// Whether a finding (printed or not) says an input could not be read.
    broken: bool,
}

/// One rendered batch of findings in the spool.
struct Chunk {
    /// The JUnit suite (empty in other formats).
    suite: String,
    order: usize,
    /// The file the text is in, when not the spool (`Text::In`).
    file: Option<SharedFile>,
    offset: u64,
    len: usize,
    tests: usize,
    failures: usize,
}

/// What a finished report held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// An input could not be read as a whole: the run exits 2.
    pub broken: bool,
}

/// A batch of findings as one stream prints them (`Stream::render`): the
/// text of its chunks, one after the other, and what the stream counts.
/// It goes to bytes and back (`to_bytes`, `in_file`) for the check cache,
/// the text as it is, so that a replay is a copy.
#[derive(Debug)]
pub struct Rendered {
    counts: Counts,
    text: Text,
}

/// Where a rendering's text is.
#[derive(Debug)]
enum Text {
    Here(Vec<u8>),
    /// In a file made by `to_bytes` (the check cache's), at this offset:
    /// copied from there when the report is written, never spooled.
    In(SharedFile, u64),
}

/// A file read from several threads (each seek and read under the lock).
pub type SharedFile = Arc<Mutex<File>>;

/// What a rendered batch adds to a stream's counts, and its chunks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Counts {
    /// Each chunk's JUnit suite, length, tests and failures.
    chunks: Vec<(String, usize, usize, usize)>,
    /// Findings printed per code (an index in `Code::ALL`), where not zero.
    codes: Vec<(usize, usize)>,
    severities: [usize; 3],
    broken: bool,
}

impl Rendered {
    /// The counts as a line of JSON, then the text (a rendering made by
    /// `Stream::render`, the only one a caller can turn to bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec(&self.counts).expect("counts serialise");
        bytes.push(b'\n');
        if let Text::Here(text) = &self.text {
            bytes.extend_from_slice(text);
        }
        bytes
    }

    /// What `to_bytes` made, read from `file` at `at` (and checked by the
    /// caller): its text stays there, to be copied into the report. `None`
    /// for bytes that do not fit.
    pub fn in_file(bytes: &[u8], file: &SharedFile, at: u64) -> Option<Rendered> {
        let newline = bytes.iter().position(|&b| b == b'\n')?;
        let counts: Counts = serde_json::from_slice(&bytes[..newline]).ok()?;
        let fits = counts.chunks.iter().map(|c| c.1).sum::<usize>() == bytes.len() - newline - 1
            && counts.codes.iter().all(|&(code, _)| code < Code::ALL.len());
        fits.then(|| Rendered {
            counts,
            text: Text::In(Arc::clone(file), at + newline as u64 + 1),
        })
    }
}

impl Stream {
    /// A report spooled to an anonymous temporary file, printing findings
    /// of `min` severity or above.
    pub fn new(format: Format, style: Style, min: Severity) -> Result<Self> {
        let file = tempfile::tempfile().map_err(spool_error)?;
        Ok(Self::with_store(format, style, min, Box::new(file)))
    }

    /// A report spooled in memory (for a report already held whole).
    pub fn in_memory(format: Format, style: Style, min: Severity) -> Self {
        Self::with_store(format, style, min, Box::new(io::Cursor::new(Vec::new())))
    }

    fn with_store(format: Format, style: Style, min: Severity, store: Box<dyn Store>) -> Self {
        Stream {
            format,
            style,
            min,
            spool: Mutex::new(Spool {
                store,
                len: 0,
                chunks: Vec::new(),
                codes: vec![0; Code::ALL.len()],
                severities: [0; 3],
                broken: false,
            }),
        }
    }

    /// Adds a batch of findings, printed in `order` among the others (ties
    /// keep the order they were added in). Rendering is done by the caller's
    /// thread; only the write to the spool is serialised.
    pub fn add(&self, order: usize, findings: &[Finding]) -> Result<()> {
        self.add_rendered(order, &self.render(findings))
    }

    /// The batch of findings as this stream prints it, with what it counts:
    /// what `add` spools, made apart so that the check cache can keep it
    /// and replay it as bytes (`add_rendered`).
    pub fn render(&self, findings: &[Finding]) -> Rendered {
        let broken = findings.iter().any(|f| f.code.is_unreadable_input());
        let kept: Vec<&Finding> = findings.iter().filter(|f| f.severity >= self.min).collect();
        let mut rendered: Vec<(String, String, usize, usize)> = Vec::new();
        if self.format == Format::Junit {
            // One chunk per suite, findings in the order they came.
            for finding in &kept {
                let name = junit::suite(finding);
                let index = match rendered.iter().position(|(suite, ..)| suite == name) {
                    Some(index) => index,
                    None => {
                        rendered.push((name.to_owned(), String::new(), 0, 0));
                        rendered.len() - 1
                    }
                };
                let (_, text, tests, failures) = &mut rendered[index];
                junit::testcase(text, name, finding);
                *tests += 1;
                *failures += usize::from(finding.severity == Severity::Error);
            }
        } else if !kept.is_empty() {
            // A long release's findings are rendered on every core, in
            // runs put back in order.
            let runs: Vec<String> = kept
                .par_chunks(RUN)
                .map(|run| {
                    let mut text = String::new();
                    for finding in run {
                        self.render_finding(&mut text, finding);
                    }
                    text
                })
                .collect();
            let text = runs.join(self.separator());
            rendered.push((String::new(), text, kept.len(), 0));
        }
        let mut codes: Vec<(usize, usize)> = Vec::new();
        let mut severities = [0; 3];
        for finding in &kept {
            if let Some(i) = Code::ALL.iter().position(|&c| c == finding.code) {
                match codes.iter_mut().find(|(code, _)| *code == i) {
                    Some((_, count)) => *count += 1,
                    None => codes.push((i, 1)),
                }
            }
            severities[finding.severity as usize] += 1;
        }
        let mut text = Vec::new();
        let chunks = rendered
            .into_iter()
            .map(|(suite, chunk, tests, failures)| {
                text.extend_from_slice(chunk.as_bytes());
                (suite, chunk.len(), tests, failures)
            })
            .collect();
        Rendered {
            counts: Counts {
                chunks,
                codes,
                severities,
                broken,
            },
            text: Text::Here(text),
        }
    }

    /// What tells this stream's renderings from another's: a rendering is
    /// replayed only into a stream of the same key.
    pub fn key(&self) -> String {
        let colour = if self.style.color { "colour" } else { "plain" };
        format!("{:?} {colour} {}", self.format, self.min.as_str())
    }

    /// Adds a batch rendered by `render` on a stream of the same `key`.
    pub fn add_rendered(&self, order: usize, rendered: &Rendered) -> Result<()> {
        let counts = &rendered.counts;
        let mut spool = self.spool.lock().unwrap_or_else(|e| e.into_inner());
        spool.broken |= counts.broken;
        for &(code, count) in &counts.codes {
            spool.codes[code] += count;
        }
        for (total, count) in spool.severities.iter_mut().zip(counts.severities) {
            *total += count;
        }
        let mut start = 0;
        for (suite, len, tests, failures) in &counts.chunks {
            let (file, offset) = match &rendered.text {
                Text::Here(text) => {
                    let offset = spool.len;
                    spool.store.seek(SeekFrom::Start(offset)).map_err(spool_error)?;
                    spool
                        .store
                        .write_all(&text[start..start + len])
                        .map_err(spool_error)?;
                    spool.len += *len as u64;
                    (None, offset)
                }
                Text::In(file, at) => (Some(Arc::clone(file)), at + start as u64),
            };
            start += len;
            spool.chunks.push(Chunk {
                suite: suite.clone(),
                order,
                file,
                offset,
                len: *len,
                tests: *tests,
                failures: *failures,
            });
        }
        Ok(())
    }

    /// What has been added so far: the findings printed, by severity, and
    /// whether an input could not be read.
    pub fn totals(&self) -> Totals {
        let spool = self.spool.lock().unwrap_or_else(|e| e.into_inner());
        let [infos, warnings, errors] = spool.severities;
        Totals {
            errors,
            warnings,
            infos,
            broken: spool.broken,
        }
    }

    /// Renders one finding at the end of `text`: JSON and SARIF items
    /// after a separator when `text` already holds one (JUnit is rendered
    /// per suite, in `render`).
    fn render_finding(&self, text: &mut String, finding: &Finding) {
        match self.format {
            Format::Human => human::render_finding(text, finding, self.style),
            Format::Github => github::annotation(text, finding),
            format => {
                if !text.is_empty() {
                    text.push_str(self.separator());
                }
                let item = if format == Format::Json {
                    json::item(finding)
                } else {
                    sarif::item(finding)
                };
                indent(text, &item, self.item_indent());
            }
        }
    }

    /// What goes between two rendered runs of findings.
    fn separator(&self) -> &'static str {
        match self.format {
            Format::Json | Format::Sarif => ",\n",
            _ => "",
        }
    }

    /// How deep an item of the JSON findings or SARIF results is indented.
    fn item_indent(&self) -> &'static str {
        match self.format {
            Format::Json => "    ",
            _ => "        ",
        }
    }

    /// Writes the report, in order, for the `releases` checked.
    pub fn finish(self, releases: &[String], out: &mut dyn Write) -> io::Result<Totals> {
        let totals = self.totals();
        let format = self.format;
        let style = self.style;
        let item_indent = self.item_indent();
        let mut spool = self.spool.into_inner().unwrap_or_else(|e| e.into_inner());
        // A stable sort: chunks of one order stay in the order they came.
        if format == Format::Junit {
            spool
                .chunks
                .sort_by(|a, b| (&a.suite, a.order).cmp(&(&b.suite, b.order)));
        } else {
            spool.chunks.sort_by_key(|c| c.order);
        }
        let chunks = std::mem::take(&mut spool.chunks);
        let codes = std::mem::take(&mut spool.codes);
        let mut buffer = Vec::new();
        let mut copy = |chunk: &Chunk, out: &mut dyn Write| -> io::Result<()> {
            buffer.resize(chunk.len, 0);
            match &chunk.file {
                Some(file) => {
                    let mut file = file.lock().unwrap_or_else(|e| e.into_inner());
                    file.seek(SeekFrom::Start(chunk.offset))?;
                    file.read_exact(&mut buffer)?;
                }
                None => {
                    spool.store.seek(SeekFrom::Start(chunk.offset))?;
                    spool.store.read_exact(&mut buffer)?;
                }
            }
            out.write_all(&buffer)
        };
        match format {
            Format::Human | Format::Github => {
                for chunk in &chunks {
                    copy(chunk, out)?;
                }
                if format == Format::Human {
                    out.write_all(human::summary(spool.severities, releases.len(), style).as_bytes())?;
                }
            }
            Format::Json | Format::Sarif => {
                let skeleton = |item: Option<&str>| match format {
                    Format::Json => json::skeleton(releases.len(), &codes, item),
                    _ => sarif::skeleton(item),
                };
                if chunks.is_empty() {
                    out.write_all(skeleton(None).as_bytes())?;
                } else {
                    let text = skeleton(Some(MARKER));
                    let (before, after) = around_marker(&text, item_indent);
                    out.write_all(before.as_bytes())?;
                    for (i, chunk) in chunks.iter().enumerate() {
                        if i > 0 {
                            out.write_all(b",\n")?;
                        }
                        copy(chunk, out)?;
                    }
                    out.write_all(after.as_bytes())?;
                }
            }
            Format::Junit => {
                let tests: usize = chunks.iter().map(|c| c.tests).sum();
                let failures: usize = chunks.iter().map(|c| c.failures).sum();
                let named: std::collections::HashSet<&str> =
                    chunks.iter().map(|c| c.suite.as_str()).collect();
                let clean: Vec<&str> = releases
                    .iter()
                    .map(String::as_str)
                    .filter(|slug| !named.contains(slug))
                    .collect();
                out.write_all(junit::head(tests + clean.len(), failures).as_bytes())?;
                let mut start = 0;
                while start < chunks.len() {
                    let suite = &chunks[start].suite;
                    let end = start + chunks[start..].iter().take_while(|c| &c.suite == suite).count();
                    let group = &chunks[start..end];
                    let tests = group.iter().map(|c| c.tests).sum();
                    let failures = group.iter().map(|c| c.failures).sum();
                    out.write_all(junit::suite_start(suite, tests, failures).as_bytes())?;
                    for chunk in group {
                        copy(chunk, out)?;
                    }
                    out.write_all(junit::SUITE_END.as_bytes())?;
                    start = end;
                }
                out.write_all(junit::tail(&clean).as_bytes())?;
            }
        }
        Ok(totals)
    }
}

/// Stands for the items in a skeleton; a string no finding can make, as
/// JSON escapes control characters.
const MARKER: &str = "\u{1}bitext-items\u{1}";

/// The text before and after the skeleton's marker item, whose line is
/// `indent` and the quoted marker.
fn around_marker<'a>(text: &'a str, indent: &str) -> (&'a str, &'a str) {
    let quoted = serde_json::to_string(MARKER).expect("a string serialises");
    let at = text.find(&quoted).expect("the skeleton holds its marker");
    let start = at - indent.len();
    debug_assert_eq!(&text[start..at], indent);
    (&text[..start], &text[at + quoted.len()..])
}

/// Appends `item` with every line indented.
fn indent(out: &mut String, item: &str, indent: &str) {
    for (i, line) in item.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(indent);
        out.push_str(line);
    }
}

/// A failed write to the spool, named by the folder it is in.
fn spool_error(error: io::Error) -> Error {
    Error::io(&std::env::temp_dir(), error)
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::{Location, Report};
    use crate::document::source::SourceFile;

    fn finding(release: &str, code: Code, severity: Severity, line: usize) -> Finding {
        let text = "# Titre\n\nLes 1 600 soldats : prêts.\n".repeat(line);
        let file = SourceFile::new(Path::new(&format!("releases/{release}/fr.md")), text);
        let at = file.text().len() - 10;
        let mut finding = Finding::new(code, severity, format!("{code} in {release}"));
        finding.release = Some(release.to_owned());
        finding.target = Some(Location::new("fr-FR", Arc::new(file), at..at));
        finding
    }

    /// Releases finish in any order on many threads: the report is the
    /// one rendered from the whole `Report`, in every format.
    #[test]
    fn batches_added_out_of_order_print_in_order() {
        let releases: Vec<String> = ["b-second", "a-first", "c-clean"].map(String::from).into();
        let first = vec![
            finding("b-second", Code::NumberMismatch, Severity::Error, 2),
            finding("b-second", Code::FrenchSpacing, Severity::Warning, 1),
        ];
        let second = vec![finding("a-first", Code::FrenchSpaceKind, Severity::Info, 3)];
        let mut workspace = Finding::new(Code::LocaleMissing, Severity::Error, "missing");
        workspace.release = None;
        let whole = Report {
            releases: releases.clone(),
            findings: [vec![workspace.clone()], first.clone(), second.clone()].concat(),
        };
        for format in [
            Format::Human,
            Format::Json,
            Format::Github,
            Format::Junit,
            Format::Sarif,
        ] {
            let style = Style { color: false };
            let stream = Stream::in_memory(format, style, Severity::Info);
            stream.add(2, &second).unwrap();
            stream.add(1, &first).unwrap();
            stream.add(0, std::slice::from_ref(&workspace)).unwrap();
            let mut out = Vec::new();
            let totals = stream.finish(&releases, &mut out).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                crate::report::render(&whole, format, style),
                "{format:?}"
            );
            assert_eq!((totals.errors, totals.warnings, totals.infos), (2, 1, 1));
        }
    }

    /// A long release is rendered in runs on several threads: the same
    /// bytes as one finding at a time.
    #[test]
    fn runs_rendered_in_parallel_join_in_order() {
        let many: Vec<Finding> = (0..3 * RUN + 7)
            .map(|i| {
                finding(
                    "long",
                    Code::ALL[i % Code::ALL.len()],
                    Severity::Warning,
                    1 + i % 3,
                )
            })
            .collect();
        let releases = vec!["long".to_owned()];
        for format in [Format::Human, Format::Json, Format::Github, Format::Sarif] {
            let style = Style { color: false };
            let whole = Stream::in_memory(format, style, Severity::Info);
            whole.add(1, &many).unwrap();
            let one_by_one = Stream::in_memory(format, style, Severity::Info);
            for f in &many {
                one_by_one.add(1, std::slice::from_ref(f)).unwrap();
            }
            let (mut a, mut b) = (Vec::new(), Vec::new());
            whole.finish(&releases, &mut a).unwrap();
            one_by_one.finish(&releases, &mut b).unwrap();
            assert!(a == b, "{format:?}");
        }
    }

    #[test]
    fn findings_below_the_minimum_are_counted_nowhere() {
        let stream = Stream::in_memory(Format::Json, Style { color: false }, Severity::Warning);
        stream
            .add(1, &[finding("a", Code::FrenchSpaceKind, Severity::Info, 1)])
            .unwrap();
        let mut out = Vec::new();
        let totals = stream.finish(&["a".into()], &mut out).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(json["findings"], serde_json::json!([]));
        assert_eq!(json["summary"]["french-space-kind"], 0);
        assert_eq!(totals, Totals::default());
    }
}
