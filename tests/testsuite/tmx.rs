//! `bitext tmx export`: pairs in sync and boilerplate messages, nothing
//! drifted, with the workspace's language tags and protected inline codes.

use crate::util::Scratch;

#[test]
fn memory_holds_signed_off_pairs_and_boilerplate_only() {
    let ws = Scratch::fixture("core");
    ws.write(
        "locales/en-GB/mod.ftl",
        "-mod = Ministry of Defence\nmedia-enquiries = For media enquiries, contact the { -mod } press office on { $phone }.\nrelease-count = { $count ->\n    [one] { $count } news release\n   *[other] { $count } news releases\n}\n",
    );
    ws.write(
        "locales/fr-FR/mod.ftl",
        "-mod = ministère de la Défense du Royaume-Uni\nmedia-enquiries = Pour toute demande des médias, contactez le service de presse du { -mod } au { $phone }.\nrelease-count = { $count ->\n    [one] { $count } communiqué de presse\n    [many] { $count } de communiqués de presse\n   *[other] { $count } communiqués de presse\n}\n",
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
        "exported 47 signed-off pairs and 2 boilerplate messages to memory.tmx\n"
    );
    let tmx = ws.read("memory.tmx");
    assert!(tmx.contains("<tmx version=\"1.4\">"));
    assert!(tmx.contains("srclang=\"en-GB\""));
    assert_eq!(tmx.matches("<tuv xml:lang=\"fr-FR\">").count(), 49);
    // The drifted pair is not a memory until it is signed off again.
    assert!(!tmx.contains("£2.6 billion") && !tmx.contains("£2.5 billion programme"));
    assert!(tmx.contains(
        "<bpt i=\"1\" type=\"link\">[</bpt>gov.uk<ept i=\"1\">](https://www.gov.uk/government/organisations/ministry-of-defence)</ept>"
    ));
    assert!(tmx.contains("au <ph x=\"2\">{ $phone }</ph>."), "{tmx}");
    assert!(tmx.contains("du <ph x=\"1\">{ -mod }</ph>"), "{tmx}");
    assert!(!tmx.contains("release-count"), "plural messages are not segments");
}
