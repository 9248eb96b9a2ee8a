//! Helpers shared by the integration tests: a scratch copy of a fixture
//! workspace, and a way to run the real `bitext` binary in it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The finding codes of pairing and sign-off, as opposed to the quality
/// checks: tests of pairing look at these alone.
pub const PAIRING_CODES: [&str; 5] = [
    "missing-translation",
    "missing-source",
    "source-drifted",
    "target-edited",
    "not-signed-off",
];

/// A pairing finding as (code, source line, target line).
pub type PairingFinding = (String, Option<u64>, Option<u64>);

/// The pairing findings of `bitext check --format json` in a workspace;
/// the quality checks have their own tests.
pub fn pairing_findings(ws: &Scratch) -> Vec<PairingFinding> {
    let run = ws.run(&["check", "--format", "json"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| PAIRING_CODES.contains(&f["code"].as_str().unwrap()))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["source"]["line"].as_u64(),
                f["target"]["line"].as_u64(),
            )
        })
        .collect()
}

/// The outcome of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

/// A temporary workspace, removed when dropped.
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    /// A copy of `tests/fixtures/<name>` (a folder holding bitext.toml).
    pub fn fixture(name: &str) -> Self {
        let scratch = Scratch::empty();
        copy_dir(&fixtures().join(name), scratch.path());
        scratch
    }

    pub fn empty() -> Self {
        Scratch {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, relative: &str) -> PathBuf {
        self.path().join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.file(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.file(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Replaces `from` by `to` in a file, which must contain it.
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert!(text.contains(from), "{relative} does not contain {from:?}");
        self.write(relative, &text.replacen(from, to, 1));
    }

    /// Runs `bitext ARGS` with this workspace as the current folder.
    pub fn run(&self, args: &[&str]) -> Run {
        bitext(self.path(), args)
    }

    /// Runs `bitext ARGS` with these environment variables set on top of
    /// the clean environment of `run` (a locale, say).
    pub fn run_env(&self, env: &[(&str, &str)], args: &[&str]) -> Run {
        bitext_env(self.path(), env, args)
    }
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs the real binary in `dir`, with colour and the user's locale out of
/// the way.
pub fn bitext(dir: &Path, args: &[&str]) -> Run {
    bitext_env(dir, &[], args)
}

/// `bitext` with some environment variables set after the locale ones are
/// removed.
pub fn bitext_env(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_bitext"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        // A run in the source tree (a fixture used in place) must not leave
        // a cache there; runs in a scratch copy keep it, as users do.
        .env(
            "BITEXT_NO_CACHE",
            if dir.starts_with(env!("CARGO_MANIFEST_DIR")) {
                "1"
            } else {
                "0"
            },
        )
        .envs(env.iter().copied())
        .output()
        .expect("bitext runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Compares `actual` with the stored snapshot `tests/snapshots/<name>`, or
/// writes it there when `BITEXT_BLESS=1` (then review the diff and commit).
pub fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("BITEXT_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with BITEXT_BLESS=1 to create it)", path.display()));
    assert!(
        expected == actual,
        "output differs from {} (run with BITEXT_BLESS=1 to update it, then review the diff)\n\
         --- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}
