//! Exchange with CAT tools: XLIFF 2.0 and 1.2 export and import, and TMX 1.4
//! export. TMX borrows XLIFF's inline codes and XML writer.

pub mod tmx;
pub mod xliff;
