//! Measuring a command as a child process, for the benchmarks: its wall
//! time and its own peak resident memory (the `ru_maxrss` that `wait4`
//! returns for that one child, so one run does not inherit another's
//! peak), and `cat` of the same files in the same run, to give a ratio
//! that holds from one machine, or one load, to the next.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// One run of a child process.
#[derive(Debug, Clone, Copy)]
pub struct Measured {
    pub seconds: f64,
    /// Peak resident memory in MB (NaN where `wait4` gives none).
    pub peak_mb: f64,
    pub code: i32,
}

/// Runs `program ARGS` in `dir`, standard output to `stdout` (or nowhere),
/// and measures it.
pub fn run(dir: &Path, program: &Path, args: &[&str], stdout: Option<&Path>) -> Measured {
    let out = match stdout {
        Some(path) => Stdio::from(std::fs::File::create(path).unwrap()),
        None => Stdio::null(),
    };
    spawn(Command::new(program).args(args).current_dir(dir).stdout(out))
}

/// `cat` of `files` (relative to `dir`) into nothing, in batches that fit
/// on a command line: the cost of reading the same bytes.
pub fn cat(dir: &Path, files: &[PathBuf]) -> Measured {
    let mut total = Measured {
        seconds: 0.0,
        peak_mb: 0.0,
        code: 0,
    };
    for batch in files.chunks(5_000) {
        let args: Vec<&OsStr> = batch.iter().map(|p| p.as_os_str()).collect();
        let m = spawn(
            Command::new("cat")
                .args(args)
                .current_dir(dir)
                .stdout(Stdio::null()),
        );
        total.seconds += m.seconds;
        total.peak_mb = total.peak_mb.max(m.peak_mb);
        total.code = total.code.max(m.code);
    }
    total
}

/// Every file under `dir/sub`, relative to `dir`, sorted.
pub fn files_under(dir: &Path, sub: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.join(sub)];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                stack.push(path);
            } else {
                files.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    files.sort();
    files
}

fn spawn(command: &mut Command) -> Measured {
    let start = Instant::now();
    let child = command
        .stderr(Stdio::null())
        .env("NO_COLOR", "1")
        .spawn()
        .expect("the command runs");
    let (code, peak_mb) = wait(child);
    Measured {
        seconds: start.elapsed().as_secs_f64(),
        peak_mb,
        code,
    }
}

/// The exit code and peak RSS (MB) of one child, reaped with `wait4`.
#[cfg(unix)]
fn wait(child: std::process::Child) -> (i32, f64) {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data, zeroed is a valid value; `wait4`
    // writes both out-parameters and reaps the child that `Child` owns
    // (which is then only dropped, never waited for again).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    // Linux gives kilobytes.
    (code, usage.ru_maxrss as f64 / 1024.0)
}

#[cfg(not(unix))]
fn wait(mut child: std::process::Child) -> (i32, f64) {
    let status = child.wait().unwrap();
    (status.code().unwrap_or(-1), f64::NAN)
}

/// `a / b`, printed as `12.3×`.
pub fn ratio(a: f64, b: f64) -> String {
    format!("{:.1}×", a / b)
}
