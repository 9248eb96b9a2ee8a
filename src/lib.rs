//! bitext keeps English and French press releases paired: it segments both
//! versions, aligns them, records sign-offs, reports what is missing or has
//! drifted, and fails CI when a release is out of sync.
//!
//! The binary only parses arguments and calls into this library; all output
//! goes through `report`.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod atomic;
pub mod boilerplate;
pub mod cache;
pub mod checks;
pub mod collection;
pub mod diagnostic;
pub mod document;
pub mod error;
pub mod exchange;
pub mod pairing;
pub mod publish;
pub mod release;
pub mod report;
pub mod review;
#[cfg(test)]
mod test_corpus;
pub mod text;
pub mod ui;
pub mod workspace;

pub use error::{Error, Result};
