//! The page templates (minijinja): built-in defaults compiled into the
//! binary from `src/publish/templates/`, each replaceable by a file of the
//! same name in the workspace's `templates/` folder, which may also hold
//! extra templates for the others to include. An error in a template, found
//! when it is loaded or when a page is rendered, names its file and line.
//! What each template receives is documented in `docs/publish.md`. A
//! render is given a budget of steps (minijinja's fuel), so an override
//! that loops forever stops with an error naming it instead of hanging.

use std::collections::BTreeMap;
use std::path::PathBuf;

use minijinja::{AutoEscape, Environment, Output, State, UndefinedBehavior, Value};
use serde::Serialize;

use crate::document::source::position_in;
use crate::error::{Error, Result};
use crate::workspace::Workspace;

/// The steps one page may take, before those an index needs for each
/// release it lists: far more than any page of the built-in templates uses,
/// and about half a second of a loop that never ends.
const FUEL: u64 = 10_000_000;

/// Steps allowed for each release on the site (an index row of the
/// built-in template takes well under a hundred).
const FUEL_PER_RELEASE: u64 = 1_000;

/// The folder of a workspace that overrides built-in templates.
pub const TEMPLATES_DIR: &str = "templates";

/// The stylesheet's file name, both as a built-in and as an override.
pub const STYLESHEET: &str = "site.css";

const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("release.html", include_str!("templates/release.html")),
    ("index.html", include_str!("templates/index.html")),
    ("root.html", include_str!("templates/root.html")),
];

const BUILT_IN_STYLESHEET: &str = include_str!("templates/site.css");

/// Where a template came from, to name it in errors.
#[derive(Debug, Clone)]
struct Origin {
    /// The override's path relative to the workspace, or `None` if built in.
    path: Option<PathBuf>,
    text: String,
}

/// The loaded templates and stylesheet.
#[derive(Debug)]
pub struct Templates {
    env: Environment<'static>,
    origins: BTreeMap<String, Origin>,
    stylesheet: String,
    /// The step budget of each render.
    fuel: u64,
}

impl Templates {
    /// Loads the built-in templates and the workspace's overrides, and
    /// compiles them all, so that a syntax error stops the run before any
    /// page is built. `releases` (how many the site may list) sizes the step
    /// budget of each render.
    pub fn load(ws: &Workspace, releases: usize) -> Result<Self> {
        let mut origins: BTreeMap<String, Origin> = BUILT_IN
            .iter()
            .map(|&(name, text)| {
                let origin = Origin {
                    path: None,
                    text: text.to_owned(),
                };
                (name.to_owned(), origin)
            })
            .collect();
        let mut stylesheet = BUILT_IN_STYLESHEET.to_owned();
        let dir = ws.root.join(TEMPLATES_DIR);
        if dir.is_dir() {
            let entries = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
            for entry in entries {
                let entry = entry.map_err(|e| Error::io(&dir, e))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                let path = entry.path();
                if !path.is_file() || name.starts_with('.') {
                    continue;
                }
                if name == STYLESHEET {
                    stylesheet = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                } else if name.ends_with(".html") {
                    let text = crate::document::source::SourceFile::read(&path)?
                        .text()
                        .to_owned();
                    let path = Some(ws.relative(&path).to_path_buf());
                    origins.insert(name, Origin { path, text });
                }
            }
        }
        let mut env = Environment::new();
        // A misspelt variable in an override is an error with its line, not
        // an empty string on a published page.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_formatter(html_formatter);
        let fuel = FUEL.saturating_add(FUEL_PER_RELEASE.saturating_mul(releases as u64));
        env.set_fuel(Some(fuel));
        for (name, origin) in &origins {
            env.add_template_owned(name.clone(), origin.text.clone())
                .map_err(|e| template_error(&origins, &e, fuel))?;
        }
        Ok(Templates {
            env,
            origins,
            stylesheet,
            fuel,
        })
    }

    /// Renders the named template with a context.
    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_error(&self.origins, &e, self.fuel))?;
        template
            .render(minijinja::Value::from(minijinja::value::Serde(context)))
            .map_err(|e| template_error(&self.origins, &e, self.fuel))
    }

    /// Every template by name, with its text (built in or overridden), in
    /// name order: what a page's render key takes of the templates.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.origins
            .iter()
            .map(|(name, origin)| (name.as_str(), origin.text.as_str()))
    }

    pub fn stylesheet(&self) -> &str {
        &self.stylesheet
    }
}

/// Escapes strings as HTML with the five entities that matter (`& < > " '`),
/// leaving `/` alone so that URLs read as URLs in the page source.
fn html_formatter(
    out: &mut Output<'_>,
    state: &mut State<'_, '_>,
    value: &Value,
) -> Result<(), minijinja::Error> {
    match (state.auto_escape(), value.as_str()) {
        (AutoEscape::Html, Some(text)) if !value.is_safe() => {
            let mut rest = text;
            while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
                let (head, tail) = rest.split_at(at);
                let entity = match tail.as_bytes()[0] {
                    b'&' => "&amp;",
                    b'<' => "&lt;",
                    b'>' => "&gt;",
                    b'"' => "&quot;",
                    _ => "&#39;",
                };
                out.write_str(head)
                    .and_then(|()| out.write_str(entity))
                    .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))?;
                rest = &tail[1..];
            }
            out.write_str(rest)
                .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// A minijinja error as ours: the template's file (or "built-in template
/// NAME"), line and column, and what went wrong.
fn template_error(origins: &BTreeMap<String, Origin>, err: &minijinja::Error, fuel: u64) -> Error {
    let name = err.name().unwrap_or("template");
    let origin = origins.get(name);
    let path = match origin.and_then(|o| o.path.as_ref()) {
        Some(path) => path.clone(),
        None => PathBuf::from(crate::tr!("template-built-in", name = name)),
    };
    let position = match (origin, err.range(), err.line()) {
        (Some(origin), Some(range), _) => position_in(&origin.text, range.start),
        (_, _, Some(line)) => crate::document::source::Position { line, column: 1 },
        _ => crate::document::source::Position { line: 1, column: 1 },
    };
    let message = match (err.kind(), err.detail()) {
        (minijinja::ErrorKind::OutOfFuel, _) => crate::tr!("template-out-of-fuel", steps = fuel as usize),
        (kind, Some(detail)) => format!("{kind}: {detail}"),
        (kind, None) => kind.to_string(),
    };
    Error::syntax(&path, position, message)
}
