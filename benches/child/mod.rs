//! Measuring a command as a child process, for the benchmarks: its wall
//! time and its own peak resident memory, and `cat` of the same files in
//! the same run, to give a ratio that holds from one machine, or one load,
//! to the next.
//!
//! The peak is the `ru_maxrss` that `wait4` returns for the one child. On
//! Linux that figure starts from the high-water mark of the memory the
//! child had when it called `exec`: a child spawned straight from the
//! benchmark (a `vfork`, sharing the benchmark's memory until `exec`)
//! would report the benchmark's own peak, hundreds of MB once a big report
//! was parsed. So the benchmark binary starts a small copy of itself as a
//! wrapper (`wrapper`, the first call of `main`), which spawns the command
//! and reaps it with `wait4`: the figure then includes at most the
//! wrapper's few MB, which `cat`'s row shows.

use std::ffi::{OsStr, OsString};
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
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    spawn(program.as_os_str(), &args, dir, out)
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
        let m = spawn(OsStr::new("cat"), &args, dir, Stdio::null());
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

/// The wrapper's first argument: `BENCH --measure-child PEAK_FILE PROGRAM
/// ARGS...`.
const WRAP: &str = "--measure-child";

/// When this process is the wrapper, runs the command (which inherits its
/// folder and standard streams), writes the command's peak RSS in MB to
/// the file and exits with the command's code; otherwise does nothing.
pub fn wrapper() {
    let args: Vec<OsString> = std::env::args_os().collect();
    if args.get(1).is_none_or(|a| a != WRAP) {
        return;
    }
    let child = Command::new(&args[3])
        .args(&args[4..])
        .spawn()
        .expect("the command runs");
    let (code, peak_mb) = wait(child);
    std::fs::write(&args[2], peak_mb.to_string()).unwrap();
    std::process::exit(code);
}

fn spawn(program: &OsStr, args: &[&OsStr], dir: &Path, stdout: Stdio) -> Measured {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let peak_file = std::env::temp_dir().join(format!(
        "bitext-bench-peak-{}-{}",
        std::process::id(),
        RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let start = Instant::now();
    let child = Command::new(std::env::current_exe().unwrap())
        .arg(WRAP)
        .arg(&peak_file)
        .arg(program)
        .args(args)
        .current_dir(dir)
        .stdout(stdout)
        .stderr(Stdio::null())
        .env("NO_COLOR", "1")
        .spawn()
        .expect("the wrapper runs");
    let (code, _) = wait(child);
    let seconds = start.elapsed().as_secs_f64();
    let peak_mb = std::fs::read_to_string(&peak_file)
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(f64::NAN);
    let _ = std::fs::remove_file(&peak_file);
    Measured {
        seconds,
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
