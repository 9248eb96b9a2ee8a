//! The integration tests: the real `bitext` binary on fixture workspaces
//! under `tests/fixtures/`. One module per feature; see `tests/README.md`.

mod util;

mod check;
mod checks;
mod corpus;
