//! The command line's contract as data: each `tests/cmd/*.toml` is one
//! command line with its exit status, and the `.stdout` and `.stderr` files
//! beside it are what the user sees. Cases that write run in a sandbox copy
//! of their workspace; a `.out/` folder holds the files they must leave.
//! See `tests/README.md` for how to add a case and regenerate expectations.

use std::path::Path;

#[test]
fn cli_contracts() {
    trycmd::TestCases::new()
        .register_bin("bitext", Path::new(env!("CARGO_BIN_EXE_bitext")))
        .default_bin_name("bitext")
        // Defaults set here win over a case's own `env.add`, so they hold
        // only what every case needs: the developer's locale must not leak
        // into the output (an empty variable counts as unset, as in POSIX;
        // French is asked for with `--ui-lang fr`), and help text and the
        // side-by-side view wrap at a fixed width.
        .env("LC_ALL", "")
        .env("LC_MESSAGES", "")
        .env("LANG", "")
        .env("COLUMNS", "100")
        // Cases run in place on fixtures: no cache is left in the tree.
        .env("BITEXT_NO_CACHE", "1")
        // Sign-off records who and when: the operating-system user (no git
        // author outside the sandbox's own settings) and a fixed time.
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("USER", "translator")
        .env("SOURCE_DATE_EPOCH", "1741683600")
        .case("tests/cmd/*.toml");
}
