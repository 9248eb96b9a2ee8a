//! bitext keeps English and French press releases paired: it segments both
//! versions, aligns them, records sign-offs, reports what is missing or has
//! drifted, and fails CI when a release is out of sync.
//!
//! The binary only parses arguments and calls into this library; all output
//! goes through `report`.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod align;
pub mod anchor;
pub mod atomic;
pub mod boilerplate;
pub mod check;
pub mod checks;
pub mod diagnostic;
pub mod error;
pub mod lock;
pub mod pairing;
pub mod publish;
pub mod release;
pub mod report;
pub mod review;
pub mod scaffold;
pub mod segment;
pub mod sign_off;
pub mod source;
pub mod tmx;
pub mod ui;
pub mod word_diff;
pub mod workspace;
pub mod xliff;

pub use error::{Error, Result};
