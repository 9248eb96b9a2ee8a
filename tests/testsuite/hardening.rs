//! Issue 12: the defects that had no regression test of their own through
//! the real binary when the issue was closed out (the others are in
//! `bad_input.rs`, `publish.rs`, `sign_off.rs`, `xliff.rs` and
//! `fault*.rs`). Each test is named after what broke.

use crate::util::Scratch;

const FIRST: &str = "releases/cadet-units-state-schools";
const LAST: &str = "releases/uk-france-military-chiefs-meeting";

/// Makes the last release (in name order) unreadable: a lock that is not
/// TOML, as a bad merge leaves it.
fn break_last_release(ws: &Scratch) {
    let lock = format!("{LAST}/bitext.lock");
    let text = ws.read(&lock);
    ws.write(&lock, &format!("<<<<<<< HEAD\n{text}"));
}

/// Issue 12: `sign-off --all` rewrote the locks of the releases before a
/// bad one, then exited 2. Every release is read and decided first, so a
/// bad later release stops the run before any lock is written.
#[test]
fn sign_off_all_with_a_bad_later_release_rewrites_no_earlier_lock() {
    let ws = Scratch::fixture("core");
    ws.edit(
        &format!("{FIRST}/en.md"),
        "state schools",
        "state secondary schools",
    );
    // Without the bad release the run does rewrite the first lock.
    let copy = Scratch::empty();
    crate::util::copy_dir(ws.path(), copy.path());
    let whole = copy.run(&["sign-off", "--all", "--force"]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    let lock = format!("{FIRST}/bitext.lock");
    assert_ne!(copy.read(&lock), ws.read(&lock), "the sign-off changes nothing");

    refuses_a_bad_last_release_and_writes_nothing(&ws, &["sign-off", "--all", "--force"]);
}

/// Issue 12: `sign-off --locales --all` wrote the locale lock, then exited 2
/// on a bad release. The locale lock is written with the release locks or
/// not at all.
#[test]
fn sign_off_locales_all_with_a_bad_release_writes_no_locale_lock() {
    let ws = Scratch::fixture("boilerplate");
    ws.edit(
        "locales/fr-FR/mod.ftl",
        "notes-to-editors = Notes aux rédactions",
        "notes-to-editors = Notes à l’intention des rédactions",
    );
    let copy = Scratch::empty();
    crate::util::copy_dir(ws.path(), copy.path());
    let whole = copy.run(&["sign-off", "--locales", "--all", "--force"]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    assert_ne!(
        copy.read("locales/bitext.lock"),
        ws.read("locales/bitext.lock"),
        "the locale sign-off changes nothing"
    );

    refuses_a_bad_last_release_and_writes_nothing(&ws, &["sign-off", "--locales", "--all", "--force"]);
}

/// Breaks the last release's lock, then runs `args`: exit 2 naming that
/// lock at line 1, and not one file of the workspace changed.
fn refuses_a_bad_last_release_and_writes_nothing(ws: &Scratch, args: &[&str]) {
    break_last_release(ws);
    let before = crate::fault::files(ws.path());
    let run = ws.run(args);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(&format!("{LAST}/bitext.lock:1:")),
        "{}",
        run.stderr
    );
    assert!(crate::fault::files(ws.path()) == before, "a file changed");
}

/// Issue 12: a tag's name written in prose without backticks swallowed the
/// rest of the published page: `<title>`, `<textarea>`, `<iframe>`,
/// `<script>` and `<style>` were all named. Each one, alone in a signed-off
/// release, is shown as written and the page goes on to its footer, in
/// both languages; none becomes an element.
#[test]
fn each_tag_named_in_prose_leaves_the_rest_of_the_published_page() {
    const REF: &str = "releases/uk-france-military-chiefs-meeting";
    const EN_PAGE: &str =
        "public/en/news/uk-french-relationship-strengthened-as-defence-chiefs-meet/index.html";
    const FR_PAGE: &str =
        "public/fr/nouvelles/la-relation-franco-britannique-renforcee-reunion-des-chefs-d-etat-major/index.html";
    for tag in ["title", "textarea", "iframe", "script", "style"] {
        let ws = Scratch::fixture("publish");
        let en = format!(
            "{}\nThe web team puts a <{tag}> in the page template.\n\nThe rest of the release stays visible.\n",
            ws.read(&format!("{REF}/en.md"))
        );
        let fr = format!(
            "{}\nL’équipe web place un élément <{tag}> dans le gabarit des pages.\n\nLa suite du communiqué reste visible.\n",
            ws.read(&format!("{REF}/fr.md"))
        );
        ws.write(&format!("{REF}/en.md"), &en);
        ws.write(&format!("{REF}/fr.md"), &fr);
        let run = ws.run(&["sign-off", "uk-france-military-chiefs-meeting"]);
        assert_eq!(run.code, 0, "<{tag}>: {}{}", run.stdout, run.stderr);
        let run = ws.run(&["publish", "--now", "2025-06-01T09:00:00+01:00"]);
        assert_eq!(run.code, 0, "<{tag}>: {}{}", run.stdout, run.stderr);
        for (page, rest) in [
            (EN_PAGE, "The rest of the release stays visible."),
            (FR_PAGE, "La suite du communiqué reste visible."),
        ] {
            let html = ws.read(page);
            assert!(html.contains(&format!("&lt;{tag}&gt;")), "<{tag}> in {page}");
            assert!(html.contains(rest), "<{tag}> swallowed the rest of {page}");
            assert!(html.contains("</footer>"), "<{tag}>: {page} has no footer");
            let body = &html[html.find("<main").unwrap_or(0)..];
            assert!(
                !body.contains(&format!("<{tag}>")) && !body.contains(&format!("<{tag} ")),
                "<{tag}> became an element in {page}"
            );
        }
    }
}

/// Issue 12: a symlinked release folder was skipped silently by `publish`
/// too (`check` and `status`: `bad_input.rs`). A folder linked from inside
/// the workspace is published like any other.
#[cfg(unix)]
#[test]
fn a_release_folder_linked_inside_the_workspace_is_published() {
    let ws = Scratch::fixture("publish");
    let slug = "uk-france-military-chiefs-meeting";
    std::fs::create_dir_all(ws.file("archive")).unwrap();
    std::fs::rename(
        ws.file(&format!("releases/{slug}")),
        ws.file(&format!("archive/{slug}")),
    )
    .unwrap();
    std::os::unix::fs::symlink(format!("../archive/{slug}"), ws.file(&format!("releases/{slug}"))).unwrap();
    let run = ws.run(&["publish", "--now", "2025-06-01T09:00:00+01:00"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(ws
        .file("public/en/news/uk-french-relationship-strengthened-as-defence-chiefs-meet/index.html")
        .is_file());
}

/// One release of `n` paragraphs a side, each with a link and emphasis
/// (two inline codes per unit), in a copy of the core workspace.
#[cfg(unix)]
fn long_release(n: usize) -> Scratch {
    let ws = Scratch::fixture("core");
    let dir = "releases/long";
    std::fs::create_dir_all(ws.file(dir)).unwrap();
    std::fs::copy(
        ws.file("releases/exercise-channel-shield/release.toml"),
        ws.file(&format!("{dir}/release.toml")),
    )
    .unwrap();
    let (mut en, mut fr) = (
        String::from("# Exercise report\n"),
        String::from("# Rapport d’exercice\n"),
    );
    for i in 0..n {
        let days = i % 7 + 2;
        en.push_str(&format!(
            "\nParagraph {i}: the [joint force](https://example.org/{i}) trained for *{days} days* near Brest.\n"
        ));
        fr.push_str(&format!(
            "\nParagraphe {i}\u{a0}: la [force conjointe](https://example.org/{i}) s’est entraînée *{days}\u{a0}jours* près de Brest.\n"
        ));
    }
    ws.write(&format!("{dir}/en.md"), &en);
    ws.write(&format!("{dir}/fr.md"), &fr);
    ws
}

/// The processor time (user and system) the real binary takes for one
/// command, from its own resource usage (`wait4`): unlike wall time, it
/// does not grow when other processes load the machine.
#[cfg(unix)]
#[allow(clippy::zombie_processes)] // reaped by `wait4` below
fn cpu_seconds(ws: &Scratch, args: &[&str]) -> f64 {
    let child = crate::fault::command(ws.path(), args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: `rusage` is plain data, and `wait4` reaps exactly this
    // child, which `Child` never waits for afterwards.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        let pid = libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage);
        assert_eq!(pid, child.id() as libc::pid_t, "{args:?}");
        usage
    };
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{args:?}: status {status}"
    );
    let time = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// Issue 12: `xliff export` and `xliff import` were quadratic (8k, 16k and
/// 32k units took 9 s, 32 s and 107 s). Eight times the units now take
/// about eight times the processor time, well under the 64 times a
/// quadratic run takes (the limit, 24, leaves room for noise; the figures
/// at 8k, 32k and 100k units come from `cargo bench --bench xliff`).
#[cfg(unix)]
#[test]
fn xliff_export_and_import_grow_linearly_not_quadratically() {
    let mut times = Vec::new();
    for n in [500, 4000] {
        let ws = long_release(n);
        let export = cpu_seconds(&ws, &["xliff", "export", "long", "--all", "-o", "job.xlf"]);
        let job = ws.read("job.xlf");
        assert_eq!(job.matches("<unit ").count(), n + 1);
        ws.write("job.xlf", &job.replace("force conjointe", "force interarmées"));
        let import = cpu_seconds(&ws, &["xliff", "import", "job.xlf"]);
        assert_eq!(
            ws.read("releases/long/fr.md")
                .matches("force interarmées")
                .count(),
            n
        );
        times.push((export, import));
    }
    let (small, large) = (times[0], times[1]);
    let ratios = (large.0 / small.0.max(0.01), large.1 / small.1.max(0.01));
    eprintln!(
        "xliff 500 → 4000 units: export ×{:.1}, import ×{:.1} processor time",
        ratios.0, ratios.1
    );
    assert!(ratios.0 < 24.0, "export: {times:?}");
    assert!(ratios.1 < 24.0, "import: {times:?}");
}
