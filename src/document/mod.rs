//! Documents: a file's text held in memory with its line index, and the
//! segments a document format cuts it into. Nothing here knows about the
//! other language, pairing or the sign-off record.

pub mod segment;
pub mod source;
