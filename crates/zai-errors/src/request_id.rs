//! Request ids: where they travel and which values are kept.
//!
//! Z.AI puts the id in the body (`request_id`, or inside the message: DESIGN §2.4); proxies and
//! api.z.ai's edge add headers. Ids from headers are checked like ids from bodies.

/// The headers that carry a request id, in the order adapters look at them (after the body):
/// `x-request-id`, `request-id`, `x-log-id` (api.z.ai sends `x-log-id`).
pub const HEADERS: [&str; 3] = ["x-request-id", "request-id", "x-log-id"];

/// The longest id kept, in bytes (Z.AI's are about 30); a longer one is dropped, not cut (a cut id
/// is worse than none).
pub const CAPACITY: usize = 64;

/// Whether `id` is kept as a request id: 1 to [`CAPACITY`] bytes of printable ASCII, no spaces.
///
/// ```
/// use zai_errors::request_id::is_valid;
/// assert!(is_valid("202603142338501da90b7ebe1d473d"));
/// assert!(!is_valid("") && !is_valid("two words") && !is_valid("\u{1b}[2J") && !is_valid(&"x".repeat(65)));
/// ```
pub fn is_valid(id: &str) -> bool {
    // Every byte in `!`..=`~`: the lowest and highest bytes checked (no early exit, which lets the
    // compiler check many bytes at once).
    let printable = || {
        let (low, high) = id
            .bytes()
            .fold((u8::MAX, 0), |(low, high), b| (low.min(b), high.max(b)));
        low >= b'!' && high <= b'~'
    };
    !id.is_empty() && id.len() <= CAPACITY && printable()
}
