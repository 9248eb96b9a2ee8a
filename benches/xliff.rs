//! `cargo bench --bench xliff`: `bitext xliff export` and `xliff import`
//! through the real binary on one generated release of 8,000, 32,000 and
//! 100,000 paragraphs a side, with the wall time and peak memory of each
//! run (`/usr/bin/time`), to show that both grow linearly and that import
//! memory stays a small multiple of the XLIFF file.
//!
//! The release is signed off; every fourth paragraph carries a link and
//! emphasis (inline codes), every twentieth has no French yet. The job is
//! the export of every unit (`--all`), translated as a CAT tool would: each
//! missing target filled in with its French, and « force conjointe »
//! changed to « force interarmées » in every target. The import must then
//! replace every translated paragraph and insert every missing one.
//!
//! Options: `cargo bench --bench xliff -- [--units N,N] [--bin PATH]
//! [--keep DIR]`: `--bin` runs another build of bitext (a "before" binary,
//! say) on the same files; `--keep` leaves the workspaces and jobs there.

// Shared with the other benches, which use the parts this one does not.
#[allow(dead_code)]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use bitext::workspace::Workspace;
use corpus::Rng;

const SLUG: &str = "long";

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not,
    // and then a small run checks that the benchmark itself still works.
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let mut units = if benchmarking {
        vec![8_000, 32_000, 100_000]
    } else {
        vec![400]
    };
    let mut bin = PathBuf::from(env!("CARGO_BIN_EXE_bitext"));
    let mut keep: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--units" => {
                units = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(|n| n.parse().expect("a list of numbers"))
                    .collect()
            }
            "--bin" => bin = args.next().expect("a path").into(),
            "--keep" => keep = Some(args.next().expect("a folder").into()),
            "--bench" => {}
            other => panic!("unknown option {other}"),
        }
    }
    println!(
        "| units | XLIFF MB | export s wall | export s CPU | export peak RSS MB | import s wall | import s CPU | import peak RSS MB | import RSS / XLIFF |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for n in units {
        let temp = tempfile::tempdir().unwrap();
        let root = match &keep {
            Some(dir) => dir.join(format!("xliff-{n}")),
            None => temp.path().to_path_buf(),
        };
        let _ = std::fs::remove_dir_all(&root);
        let french = one_long_release(&root, n);
        let export = run(&bin, &root, &["xliff", "export", SLUG, "--all", "-o", "job.xlf"]);
        let job = translate(&std::fs::read_to_string(root.join("job.xlf")).unwrap(), &french);
        std::fs::write(root.join("job.xlf"), &job).unwrap();
        let import = run(&bin, &root, &["xliff", "import", "job.xlf"]);
        let missing = n.div_ceil(20);
        let expected = format!("{} replaced, {missing} inserted", n - missing);
        assert!(
            import.stdout.contains(&expected),
            "expected {expected}: {}",
            import.stdout
        );
        let fr = std::fs::read_to_string(root.join("releases/long/fr.md")).unwrap();
        assert_eq!(fr.matches("force interarmées").count(), n);
        let mb = job.len() as f64 / 1e6;
        println!(
            "| {n} | {mb:.1} | {:.2} | {:.2} | {:.0} | {:.2} | {:.2} | {:.0} | {:.1} |",
            export.seconds,
            export.cpu,
            export.peak_mb,
            import.seconds,
            import.cpu,
            import.peak_mb,
            import.peak_mb / mb
        );
    }
}

/// Paragraph `k` in English and French, shortened to fit 100,000 of them
/// in a document; every fourth with inline codes.
fn paragraph(rng: &mut Rng, k: usize) -> (String, String) {
    let (mut en, mut fr) = corpus::short_paragraph(rng, k);
    if k.is_multiple_of(4) {
        en.push_str(&format!(
            " See [the plan](https://www.gov.uk/plan-{k}) and *the annex*."
        ));
        fr.push_str(&format!(
            " Voir [le plan](https://www.gov.uk/plan-{k}) et *l’annexe*."
        ));
    }
    (en, fr)
}

/// Whether paragraph `k` has no French yet (never one with inline codes).
fn missing(k: usize) -> bool {
    k % 20 == 1
}

/// Writes a signed-off workspace with one release of `n` paragraphs a
/// side, then removes the French of some (as if they were new); returns
/// the French of every paragraph.
fn one_long_release(root: &Path, n: usize) -> Vec<String> {
    corpus::write_workspace_config(root);
    let mut rng = Rng::new(12);
    let (mut en, mut french) = (String::new(), Vec::new());
    for k in 0..n {
        let (e, f) = paragraph(&mut rng, k);
        en.push_str(&e);
        en.push_str("\n\n");
        french.push(f);
    }
    let fr = |keep: &dyn Fn(usize) -> bool| -> String {
        (0..n)
            .filter(|&k| keep(k))
            .map(|k| format!("{}\n\n", french[k]))
            .collect()
    };
    corpus::write_release(root, SLUG, &en, &fr(&|_| true));
    corpus::sign_off_all(&Workspace::load(root).unwrap());
    std::fs::write(root.join("releases/long/fr.md"), fr(&|k| !missing(k))).unwrap();
    french
}

/// The job as a translator sends it back: each missing target filled in
/// with its paragraph's French, « force conjointe » changed everywhere.
fn translate(xlf: &str, french: &[String]) -> String {
    let mut out = String::with_capacity(xlf.len() + xlf.len() / 8);
    let mut rest = xlf;
    while let Some(at) = rest.find("<unit id=\"s") {
        let (head, unit) = rest.split_at(at);
        out.push_str(head);
        let end = unit.find("</unit>").unwrap() + "</unit>".len();
        let (unit, tail) = unit.split_at(end);
        let id: usize = unit["<unit id=\"s".len()..]
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let k = id - 1;
        if missing(k) {
            let target = format!("</source>\n        <target>{}</target>", escape(&french[k]));
            out.push_str(&unit.replacen("</source>", &target, 1));
        } else {
            out.push_str(unit);
        }
        rest = tail;
    }
    out.push_str(rest);
    out.replace("force conjointe", "force interarmées")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

struct Run {
    seconds: f64,
    /// User and system CPU seconds (the machine may be shared).
    cpu: f64,
    peak_mb: f64,
    stdout: String,
}

/// Runs bitext in `root` under `/usr/bin/time` (wall time, CPU time and
/// peak RSS of the process itself); without it, the wall time alone.
fn run(bin: &Path, root: &Path, args: &[&str]) -> Run {
    let timed = Path::new("/usr/bin/time").exists();
    let mut command = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "bitext-time %e %M %U %S"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    let start = Instant::now();
    let output = command.args(args).current_dir(root).output().unwrap();
    let mut seconds = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?}: {stderr}");
    let (mut peak_mb, mut cpu) = (f64::NAN, f64::NAN);
    if let Some(line) = stderr.lines().find_map(|l| l.strip_prefix("bitext-time ")) {
        let mut fields = line.split(' ').map(|f| f.parse::<f64>().unwrap());
        seconds = fields.next().unwrap();
        peak_mb = fields.next().unwrap() / 1024.0;
        cpu = fields.next().unwrap() + fields.next().unwrap();
    }
    Run {
        seconds,
        cpu,
        peak_mb,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
    }
}
