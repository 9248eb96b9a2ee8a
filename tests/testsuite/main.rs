//! The integration tests: the real `bitext` binary on fixture workspaces
//! under `tests/fixtures/`. One module per feature; see `tests/README.md`.

mod util;

mod accuracy;
mod align;
mod architecture;
mod bad_input;
mod boilerplate;
mod browser;
mod cache;
mod check;
mod checks;
mod cmd;
mod collections;
mod corpus;
mod diff;
mod ecosystem;
mod extension_syntax;
mod fault;
mod fault_collection;
mod fault_concurrent;
mod fault_limits;
mod fuzz;
mod hardening;
mod html;
mod lock;
mod names;
mod new;
mod publish;
mod readers;
mod readme;
mod real_corpus;
mod real_history;
mod sign_off;
mod title;
mod tmx;
mod ui;
mod xliff;
