//! The check cache (`.bitext/cache/`): a run through it prints exactly
//! what a run without it prints, unchanged releases are replayed rather
//! than checked again, an edit invalidates its own release only, a changed
//! `bitext.toml` invalidates everything, and a damaged cache is rebuilt,
//! never trusted.

use std::path::Path;

use crate::util::{copy_dir, Run, Scratch};

const CACHE: &str = ".bitext/cache/check-info.cache";

/// The cache is on, as for a user (the test helpers turn it off only for
/// runs inside the source tree).
fn cached(ws: &Scratch, args: &[&str]) -> Run {
    ws.run_env(&[("BITEXT_NO_CACHE", "0")], args)
}

/// The repository's own sample workspace: three signed-off releases and
/// their boilerplate.
fn sample() -> Scratch {
    let ws = Scratch::empty();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["bitext.toml", "glossary.toml"] {
        std::fs::copy(root.join(file), ws.file(file)).unwrap();
    }
    for dir in ["releases", "locales"] {
        copy_dir(&root.join(dir), &ws.file(dir));
    }
    ws
}

/// Real published pairs from `tests/corpus/canada-ca-blog`, each a draft
/// release: they have findings of many kinds.
pub(crate) fn corpus() -> Scratch {
    let ws = Scratch::empty();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    ws.write(
        "bitext.toml",
        "[languages]\nsource = \"en-CA\"\ntarget = \"fr-CA\"\n",
    );
    ws.write(
        "glossary.toml",
        &std::fs::read_to_string(corpus.join("glossary.toml")).unwrap(),
    );
    for pair in std::fs::read_dir(corpus.join("canada-ca-blog"))
        .unwrap()
        .flatten()
    {
        if !pair.path().is_dir() {
            continue;
        }
        let dir = format!("releases/{}", pair.file_name().to_string_lossy().to_lowercase());
        copy_dir(&pair.path(), &ws.file(&dir));
        ws.write(
            &format!("{dir}/release.toml"),
            "date = 2025-01-01\nstatus = \"draft\"\n\n[slug]\nen = \"x\"\nfr = \"x\"\n",
        );
    }
    ws
}

/// Runs `check` in every format worth comparing, with and without the
/// cache, twice with it (the first fills it, or adds the format's
/// renderings to the findings kept, the second replays them), then once
/// more each once every format's renderings are kept side by side: the
/// outputs and exit codes must be the same byte for byte.
fn assert_cache_changes_nothing(ws: &Scratch, extra: &[&str]) {
    let formats = ["human", "json", "sarif", "junit", "github"];
    let mut references = Vec::new();
    for format in formats {
        let args: Vec<&str> = ["check", "--format", format]
            .iter()
            .chain(extra)
            .copied()
            .collect();
        let mut cold = args.clone();
        cold.push("--no-cache");
        let reference = ws.run(&cold);
        assert_ne!(reference.code, 2, "{}", reference.stderr);
        for pass in ["filling", "replaying"] {
            let run = cached(ws, &args);
            assert_eq!(run.code, reference.code, "{format}, {pass}: {}", run.stderr);
            assert_eq!(run.stdout, reference.stdout, "{format}, {pass}");
            assert_eq!(run.stderr, reference.stderr, "{format}, {pass}");
        }
        references.push((format, args, reference));
    }
    for (format, args, reference) in references {
        let run = cached(ws, &args);
        assert_eq!(run.code, reference.code, "{format}, among others: {}", run.stderr);
        assert_eq!(run.stdout, reference.stdout, "{format}, among others");
    }
    assert!(ws.file(CACHE).is_file(), "the cache was written");
}

/// Every file of the releases made an hour older, as files are in real
/// use: the cache then trusts their stat keys and replays without hashing
/// (a file younger than two seconds is always hashed).
fn age(ws: &Scratch) {
    set_modified(
        ws,
        std::time::SystemTime::now() - std::time::Duration::from_secs(3600),
    );
}

/// Every file of the releases given this modification time.
pub fn set_modified(ws: &Scratch, time: std::time::SystemTime) {
    let mut stack = vec![ws.file("releases")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            } else {
                let file = std::fs::File::options().append(true).open(entry.path()).unwrap();
                file.set_modified(time).unwrap();
            }
        }
    }
}

#[test]
fn cached_runs_print_what_uncached_runs_print_on_the_sample_workspace() {
    let ws = sample();
    assert_cache_changes_nothing(&ws, &[]);
    assert_cache_changes_nothing(&ws, &["--ui-lang", "fr"]);
    // Settled files: replayed from their stat keys, without hashing.
    age(&ws);
    assert_cache_changes_nothing(&ws, &[]);
    assert_cache_changes_nothing(&ws, &["--ui-lang", "fr"]);
    // The folder says what it is, and git ignores it.
    assert_eq!(ws.read(".bitext/cache/.gitignore").lines().last(), Some("*"));
    assert!(ws
        .read(".bitext/cache/CACHEDIR.TAG")
        .starts_with("Signature: 8a477f597d28d172789f06886806bc55"));
}

#[test]
fn cached_runs_print_what_uncached_runs_print_on_real_pairs() {
    let ws = corpus();
    let json = ws.run(&["check", "--format", "json", "--no-cache"]).json();
    assert!(
        json["findings"].as_array().unwrap().len() > 20,
        "the corpus has findings to replay"
    );
    assert_cache_changes_nothing(&ws, &[]);
    assert_cache_changes_nothing(&ws, &["--ui-lang", "fr"]);
    age(&ws);
    assert_cache_changes_nothing(&ws, &[]);
    assert_cache_changes_nothing(&ws, &["--ui-lang", "fr"]);
}

#[test]
fn no_cache_neither_reads_nor_writes_it() {
    let ws = corpus();
    let run = ws.run(&["check", "--no-cache"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert!(!ws.file(".bitext").exists());
}

/// One release's entry in a cache file: its index line (parsed), its
/// findings part and its renderings (report key and bytes).
pub(crate) struct Entry {
    pub head: serde_json::Value,
    pub findings: Vec<u8>,
    pub renderings: Vec<(String, Vec<u8>)>,
}

/// The checksum of a part or an index line: XXH3, 128 bits, in hex.
fn checksum(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// A check cache file as `src/cache.rs` writes it, taken apart: its first
/// two lines (the magic and the settings), then its entries, or `None`
/// when it is not whole: the index's offset on the last line, one index
/// line per release starting with the checksum of the rest of it, and each
/// part holding its checksum.
pub(crate) fn cache_entries(bytes: &[u8]) -> Option<(String, Vec<Entry>)> {
    let text_line =
        |from: usize| -> Option<usize> { Some(from + bytes[from..].iter().position(|&b| b == b'\n')? + 1) };
    let settings_end = text_line(text_line(0)?)?;
    let header = String::from_utf8(bytes[..settings_end].to_vec()).ok()?;
    let (rest, last) = bytes.split_at(bytes.len().checked_sub(21)?);
    let index_at: usize = std::str::from_utf8(last.strip_suffix(b"\n")?)
        .ok()?
        .parse()
        .ok()?;
    let mut entries = Vec::new();
    for line in rest.get(index_at..)?.split_inclusive(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\n")?;
        let tab = line.iter().position(|&b| b == b'\t')?;
        if line[..tab] != *checksum(&line[tab + 1..]).as_bytes() {
            return None;
        }
        let head: serde_json::Value = serde_json::from_slice(&line[tab + 1..]).ok()?;
        let part = |part: &serde_json::Value| -> Option<Vec<u8>> {
            let at = part["at"].as_u64()? as usize;
            let bytes = rest.get(at..at + part["len"].as_u64()? as usize)?.to_vec();
            (checksum(&bytes) == part["sum"].as_str()?).then_some(bytes)
        };
        let findings = part(&head["findings"])?;
        let renderings = match head["renderings"].as_array() {
            Some(list) => list
                .iter()
                .map(|r| Some((r[0].as_str()?.to_owned(), part(&r[1])?)))
                .collect::<Option<_>>()?,
            None => Vec::new(),
        };
        entries.push(Entry {
            head,
            findings,
            renderings,
        });
    }
    Some((header, entries))
}

/// The cache file made of these entries, checksums and offsets made right.
pub(crate) fn cache_file(header: &str, entries: &[Entry]) -> Vec<u8> {
    let mut bytes = header.as_bytes().to_vec();
    let mut heads = Vec::new();
    for entry in entries {
        let mut head = entry.head.clone();
        let mut put = |part: &[u8]| {
            let json = serde_json::json!({"at": bytes.len(), "len": part.len(), "sum": checksum(part)});
            bytes.extend_from_slice(part);
            json
        };
        head["findings"] = put(&entry.findings);
        let renderings: Vec<serde_json::Value> = entry
            .renderings
            .iter()
            .map(|(key, part)| serde_json::json!([key, put(part)]))
            .collect();
        head["renderings"] = renderings.into();
        heads.push(head);
    }
    let index_at = bytes.len();
    for head in heads {
        let json = serde_json::to_string(&head).unwrap();
        bytes.extend(format!("{}\t{json}\n", checksum(json.as_bytes())).into_bytes());
    }
    bytes.extend(format!("{index_at:020}\n").into_bytes());
    bytes
}

/// The cache file with one stored message replaced, and its checksums made
/// right again, as if that release had been checked with it: a replayed
/// release shows the forged message, a checked one does not. The release's
/// renderings are dropped, so that the next report renders the forgery.
fn forge(ws: &Scratch, slug: &str, message: &str) {
    let (header, mut entries) =
        cache_entries(&std::fs::read(ws.file(CACHE)).unwrap()).expect("a whole cache");
    for entry in entries.iter_mut().filter(|e| e.head["slug"] == slug) {
        let mut findings: serde_json::Value = serde_json::from_slice(&entry.findings).unwrap();
        findings[0]["message"] = message.into();
        entry.findings = serde_json::to_vec(&findings).unwrap();
        entry.renderings.clear();
    }
    std::fs::write(ws.file(CACHE), cache_file(&header, &entries)).unwrap();
}

/// The findings of one release in a JSON report.
fn findings_of(json: &serde_json::Value, slug: &str) -> Vec<serde_json::Value> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["release"] == slug)
        .cloned()
        .collect()
}

#[test]
fn an_edited_document_invalidates_its_release_only() {
    let ws = corpus();
    let first = cached(&ws, &["check", "--format", "json"]).json();
    let mut slugs: Vec<&str> = first["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["release"].as_str())
        .collect();
    slugs.dedup();
    let (edited, kept) = (slugs[0], slugs[slugs.len() - 1]);
    assert_ne!(edited, kept);
    forge(&ws, kept, "replayed from the cache");
    forge(&ws, edited, "stale entry of an edited release");
    let fr = format!("releases/{edited}/fr.md");
    ws.write(
        &fr,
        &format!("{}\nUn paragraphe ajouté, avec 42 % de plus.\n", ws.read(&fr)),
    );

    let run = cached(&ws, &["check", "--format", "json"]);
    assert!(
        run.stdout.contains("replayed from the cache"),
        "an unchanged release is replayed"
    );
    assert!(
        !run.stdout.contains("stale entry"),
        "an edited release is checked again"
    );
    // What the edit changed is reported as a cold run reports it.
    let cold = ws.run(&["check", "--format", "json", "--no-cache"]).json();
    assert_eq!(findings_of(&run.json(), edited), findings_of(&cold, edited));
    assert_ne!(
        findings_of(&first, edited),
        findings_of(&cold, edited),
        "the edit changed the findings"
    );
}

/// An edit that keeps the size, with the modification time put back as it
/// was (`touch -d`), on a file the cache trusts by its stat key: the change
/// time still differs, so the release is hashed and checked again.
#[test]
fn a_same_size_edit_with_the_old_modification_time_is_seen() {
    let ws = corpus();
    age(&ws);
    let first = cached(&ws, &["check", "--format", "json"]).json();
    let slug = first["findings"][0]["release"].as_str().unwrap().to_owned();
    forge(&ws, &slug, "stale entry of an edited release");
    assert!(
        cached(&ws, &["check"]).stdout.contains("stale entry"),
        "an unchanged release is replayed"
    );
    let path = ws.file(&format!("releases/{slug}/fr.md"));
    let before = std::fs::metadata(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    // One letter for another: the same number of bytes.
    let at = text.find(|c: char| c.is_ascii_lowercase()).unwrap();
    let swapped = if &text[at..=at] == "x" { "y" } else { "x" };
    let edited = format!("{}{swapped}{}", &text[..at], &text[at + 1..]);
    assert_eq!(edited.len(), text.len());
    std::fs::write(&path, edited).unwrap();
    let file = std::fs::File::options().append(true).open(&path).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
    drop(file);
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(
        (after.len(), after.modified().unwrap()),
        (before.len(), before.modified().unwrap())
    );

    let run = cached(&ws, &["check"]);
    assert!(!run.stdout.contains("stale entry"), "the edit is seen");
    assert_eq!(run.stdout, ws.run(&["check", "--no-cache"]).stdout);
}

/// A document that is a symbolic link (to a file inside the workspace, as
/// release loading allows) is keyed by its contents, not by the link's
/// stat key: an edit of the file it leads to changes nothing of the link,
/// and a replay would print the findings of the text as it was. A release
/// folder that is itself a link is replayed like any other.
#[cfg(unix)]
#[test]
fn a_linked_document_edited_through_its_link_is_seen() {
    let ws = corpus();
    let first = ws.run(&["check", "--format", "json", "--no-cache"]).json();
    let slug = "2017-08-09-taking-steps";
    let other = first["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["release"].as_str())
        .find(|s| *s != slug)
        .unwrap()
        .to_owned();
    age(&ws);
    let dir = format!("releases/{slug}");
    std::fs::rename(
        ws.file(&format!("{dir}/fr.md")),
        ws.file(&format!("{dir}/fr-text.md")),
    )
    .unwrap();
    std::os::unix::fs::symlink("fr-text.md", ws.file(&format!("{dir}/fr.md"))).unwrap();
    // The link itself made an hour old too, so that its key is trusted.
    let an_hour_ago = rustix::fs::Timespec {
        tv_sec: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
            - 3600,
        tv_nsec: 0,
    };
    let hour_ago = rustix::fs::Timestamps {
        last_access: an_hour_ago,
        last_modification: an_hour_ago,
    };
    rustix::fs::utimensat(
        rustix::fs::CWD,
        ws.file(&format!("{dir}/fr.md")),
        &hour_ago,
        rustix::fs::AtFlags::SYMLINK_NOFOLLOW,
    )
    .unwrap();
    std::fs::create_dir_all(ws.file("archive")).unwrap();
    std::fs::rename(
        ws.file(&format!("releases/{other}")),
        ws.file(&format!("archive/{other}")),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        format!("../archive/{other}"),
        ws.file(&format!("releases/{other}")),
    )
    .unwrap();
    assert_cache_changes_nothing(&ws, &[]);
    forge(&ws, &other, "replayed through a linked folder");
    assert!(
        cached(&ws, &["check"])
            .stdout
            .contains("replayed through a linked folder"),
        "a linked release folder is replayed"
    );

    // Edited through the link, with its size and modification time kept:
    // only its contents tell.
    let path = ws.file(&format!("{dir}/fr-text.md"));
    let before = std::fs::metadata(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    // "Seuls 67 % des 20 participants" becomes 76 %, which the English
    // does not say.
    let at = text.find("67&nbsp;%").unwrap();
    std::fs::write(&path, format!("{}76{}", &text[..at], &text[at + 2..])).unwrap();
    let file = std::fs::File::options().append(true).open(&path).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
    drop(file);
    let cold = ws.run(&["check", "--format", "json", "--no-cache"]).json();
    let run = cached(&ws, &["check", "--format", "json"]).json();
    assert_ne!(
        findings_of(&first, slug),
        findings_of(&cold, slug),
        "the edit changed the findings"
    );
    assert_eq!(findings_of(&run, slug), findings_of(&cold, slug));
}

/// A file written within two seconds of a run (within one tick of the
/// coarsest file-system clock), or dated in the future, is never trusted by
/// its stat key: an edit in the same tick that keeps the size and the time
/// cannot hide.
#[test]
fn a_file_younger_than_a_clock_tick_is_always_hashed() {
    let ws = corpus();
    // Dated a little ahead, so that the test does not hang on how fast
    // the run starts.
    set_modified(
        &ws,
        std::time::SystemTime::now() + std::time::Duration::from_secs(60),
    );
    cached(&ws, &["check"]);
    let text = ws.read(CACHE);
    assert!(
        !text.contains("\"stats\""),
        "fresh files get no stat keys: {}",
        &text[..200]
    );
    age(&ws);
    cached(&ws, &["check"]);
    assert!(ws.read(CACHE).contains("\"stats\""), "settled files get them");
}

#[test]
fn a_changed_configuration_invalidates_every_release() {
    let ws = corpus();
    cached(&ws, &["check"]);
    let slug = {
        let json = ws.run(&["check", "--format", "json", "--no-cache"]).json();
        json["findings"][0]["release"].as_str().unwrap().to_owned()
    };
    forge(&ws, &slug, "replayed from the cache");
    assert!(cached(&ws, &["check"]).stdout.contains("replayed from the cache"));
    ws.write("bitext.toml", &format!("{}# a comment\n", ws.read("bitext.toml")));
    let run = cached(&ws, &["check"]);
    assert!(!run.stdout.contains("replayed from the cache"));
    assert_eq!(run.stdout, ws.run(&["check", "--no-cache"]).stdout);
}

#[test]
fn a_damaged_cache_is_ignored_and_rebuilt() {
    let ws = corpus();
    // Settled files, so that the entries rebuilt are the same, stat keys
    // and all.
    age(&ws);
    let reference = ws.run(&["check", "--no-cache"]);
    cached(&ws, &["check"]);
    let good = std::fs::read(ws.file(CACHE)).unwrap();
    let flip = |bytes: &mut Vec<u8>, after: &[u8]| {
        let at = bytes.windows(after.len()).position(|w| w == after).unwrap() + after.len() + 2;
        bytes[at] ^= 0x01;
    };
    // The human report's rendering, where the findings' JSON has none.
    let rendered = reference
        .stdout
        .lines()
        .next()
        .unwrap()
        .split(':')
        .next()
        .unwrap()
        .as_bytes()
        .to_vec();
    for damage in [
        // A flipped byte in a rendering, then in a stored message too:
        // the checksums no longer hold.
        {
            let mut bytes = good.clone();
            flip(&mut bytes, &rendered);
            bytes
        },
        {
            let mut bytes = good.clone();
            flip(&mut bytes, &rendered);
            flip(&mut bytes, b"\"message\"");
            bytes
        },
        // Cut short, as by a full disk.
        good[..good.len() / 2].to_vec(),
        b"not a cache at all".to_vec(),
    ] {
        std::fs::write(ws.file(CACHE), &damage).unwrap();
        let run = cached(&ws, &["check"]);
        assert_eq!(run.code, reference.code);
        assert_eq!(run.stdout, reference.stdout);
        assert_eq!(std::fs::read(ws.file(CACHE)).unwrap(), good, "rebuilt as it was");
    }
}

#[test]
fn a_read_only_workspace_runs_uncached() {
    let ws = corpus();
    let reference = ws.run(&["check", "--no-cache"]);
    // A file where the cache folder would be: it cannot be made.
    ws.write(".bitext/cache", "in the way");
    let run = cached(&ws, &["check"]);
    assert_eq!(run.code, reference.code, "{}", run.stderr);
    assert_eq!(run.stdout, reference.stdout);
    assert_eq!(ws.read(".bitext/cache"), "in the way");
}

#[test]
fn a_run_that_exits_2_leaves_no_cache() {
    let ws = sample();
    let ftl = std::fs::read_dir(ws.file("locales/fr-FR"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "ftl"))
        .unwrap();
    let text = std::fs::read_to_string(&ftl).unwrap();
    std::fs::write(&ftl, format!("{text}\nbroken = {{ \n")).unwrap();
    let run = cached(&ws, &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!ws.file(".bitext").exists());
}

/// A temporary file that a killed run left in the cache folder is removed
/// by the next run even when that run has nothing new to write (the cache
/// is then not rewritten, which used to leave the litter for ever).
#[test]
fn a_run_with_nothing_to_write_still_removes_a_killed_runs_temporary_file() {
    let ws = sample();
    age(&ws);
    cached(&ws, &["check"]);
    let litter = ws.file(".bitext/cache/.bitext-tmp-Ab12Cd34");
    std::fs::write(&litter, "half a cache").unwrap();
    let before = std::fs::read(ws.file(CACHE)).unwrap();
    cached(&ws, &["check"]);
    assert_eq!(
        std::fs::read(ws.file(CACHE)).unwrap(),
        before,
        "nothing changed, so nothing rewritten"
    );
    assert!(!litter.exists(), "the killed run's temporary file is still there");
}

/// On a miss, the check parses the bytes the cache read to hash them
/// rather than reading the files again: a bad document, lock or
/// `release.toml` must still be refused exactly as without the cache
/// (same message, file, line and column; exit 2, no cache written).
#[test]
fn files_read_once_on_a_miss_are_refused_as_an_uncached_run_refuses_them() {
    let slug = std::fs::read_dir(sample().file("releases"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().into_string().unwrap())
        .min()
        .unwrap();
    let breakages: [(&str, &[u8]); 3] = [
        ("fr.md", b"# Titre\n\nUn octet invalide : \xff ici.\n"),
        ("bitext.lock", b"bitext-lock 3\npair 0123 | 4567\n"),
        ("release.toml", b"date = 2025-13-40\nstatus = \"approved\"\n"),
    ];
    for (file, bytes) in breakages {
        let ws = sample();
        std::fs::write(ws.file(&format!("releases/{slug}/{file}")), bytes).unwrap();
        let uncached = ws.run(&["check", "--no-cache"]);
        let run = cached(&ws, &["check"]);
        assert_eq!(run.code, 2, "{file}: {}", run.stderr);
        assert_eq!(run.stderr, uncached.stderr, "{file}");
        assert_eq!(run.stdout, uncached.stdout, "{file}");
        assert!(!ws.file(".bitext").exists(), "{file}");
    }
}
