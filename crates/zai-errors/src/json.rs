//! Reading error bodies: a purpose-built, iterative, panic-free scanner.

pub(crate) mod cursor;
pub(crate) mod fields;
pub(crate) mod unescape;
