//! The integration tests: the real `bitext` binary on fixture workspaces
//! under `tests/fixtures/`. One module per feature; see `tests/README.md`.

mod util;

mod align;
mod architecture;
mod bad_input;
mod boilerplate;
mod browser;
mod check;
mod checks;
mod cmd;
mod corpus;
mod fuzz;
mod new;
mod publish;
mod readers;
mod real_corpus;
mod real_history;
mod sign_off;
mod tmx;
mod ui;
mod xliff;
