//! Reading error bodies: a purpose-built, iterative, panic-free scanner, and what is made of the
//! fields it finds (decoded text, the message split from its carriers, snippets of other bodies).

#[cfg(target_pointer_width = "64")]
pub(crate) mod compact;
pub(crate) mod cursor;
pub(crate) mod decode;
pub(crate) mod fields;
pub(crate) mod message;
pub(crate) mod raw_str;
pub(crate) mod snippet;
#[cfg(target_pointer_width = "64")]
pub(crate) mod window;
