//! Small text utilities that several layers share: the one pattern for a
//! bare URL and the one calendar date with its parser and month names.
//! This folder is a leaf: it imports nothing from the rest of the crate, so
//! checks, pairing, boilerplate, releases and publishing may all use it
//! without reaching up into one another. What a URL or a date means to a
//! check or a page is decided by their users, not here.

pub mod date;
pub mod url;
