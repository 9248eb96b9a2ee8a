//! `bitext check` on the signed-off `core` fixture and edits of it: each
//! pairing finding code at the right lines, and the no-cascade cases.

use crate::util::Scratch;

const REF: &str = "releases/uk-france-military-chiefs-meeting";

#[test]
fn signed_off_workspace_is_clean() {
    let ws = Scratch::fixture("core");
    let run = ws.run(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("3 releases checked, all in sync"),
        "{}",
        run.stdout
    );
}
