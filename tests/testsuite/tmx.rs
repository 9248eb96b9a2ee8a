//! `bitext tmx export`: pairs in sync and boilerplate messages, nothing
//! drifted, with the workspace's language tags and protected inline codes.

use crate::util::Scratch;

#[test]
fn memory_holds_signed_off_pairs_and_boilerplate_only() {
    let ws = Scratch::fixture("core");
    crate::util::copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales"),
        &ws.file("locales"),
    );
    ws.edit(
        "releases/exercise-channel-shield/en.md",
        "a £2.5 billion programme to expand",
        "a £2.6 billion programme to expand",
    );
    let run = ws.run(&["tmx", "export", "-o", "memory.tmx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "exported 47 signed-off pairs and 5 boilerplate messages to memory.tmx\n"
    );
    let tmx = ws.read("memory.tmx");
    assert!(tmx.contains("<tmx version=\"1.4\">"));
    assert!(tmx.contains("srclang=\"en-GB\""));
    assert_eq!(tmx.matches("<tuv xml:lang=\"fr-FR\">").count(), 52);
    // The drifted pair is not a memory until it is signed off again.
    assert!(!tmx.contains("£2.6 billion") && !tmx.contains("£2.5 billion programme"));
    assert!(tmx.contains(
        "<bpt i=\"1\" type=\"link\">[</bpt>gov.uk<ept i=\"1\">](https://www.gov.uk/government/organisations/ministry-of-defence)</ept>"
    ));
    assert!(tmx.contains("au <ph x=\"2\">{ $phone }</ph>."), "{tmx}");
    assert!(!tmx.contains("release-count"), "plural messages are not segments");
}
