//! The invariants every result keeps, whatever the input: one list, shared by the property tests
//! and the fuzz targets (which include this file by path). It depends on `zai_errors` and std only.
#![allow(dead_code)]

use zai_errors::{ApiError, Category, Classification, Kind, Retry, sse};

/// What must hold for the answer to any status and body.
pub fn check_body<const N: usize>(status: u16, body: &[u8], error: &ApiError<N>) {
    assert_eq!(error.status(), status);
    assert!(
        error.message().map_or(0, str::len) <= N,
        "message over capacity"
    );
    assert!(
        error
            .request_id()
            .is_none_or(zai_errors::request_id::is_valid),
        "request id not valid"
    );
    assert!(error.detail().map_or(0, |d| d.value().len()) <= ApiError::DETAIL_CAPACITY);
    assert!(error.code_text().map_or(0, str::len) <= ApiError::CODE_TEXT_CAPACITY);
    let class = error.classification();
    assert!(
        !matches!(class.category, Category::Stream | Category::Transport),
        "a response is never {:?}",
        class.category
    );
    if let Some(info) = error.code().and_then(|c| c.info()) {
        assert_eq!(
            class.retry,
            Some(info.retry),
            "a documented code decides retry"
        );
        assert_eq!(class.category, info.category);
    }
    assert!(
        error.code().is_none() || error.code_text().is_none(),
        "a number or a text, not both"
    );
    // An http class with a code means a status-like, undocumented code (e.g. "401").
    if class.category == Category::Http && error.code().is_some() {
        let code = error.code().map(u16::from).unwrap_or(0);
        assert!(
            (100..=599).contains(&code) && code != 500 && !class.known,
            "http with code {code}"
        );
    }
    if error.reset_at().is_some() {
        assert_eq!(class.retry, Some(Retry::AtReset));
    }
    assert_eq!(class.retry.is_some(), class.is_error());
    // The lean path classifies alike.
    assert_eq!(
        Classification::of_body(status, body),
        class,
        "the lean path differs"
    );
    // Display never panics and escapes every control character.
    let shown = error.to_string();
    assert!(
        !shown.chars().any(char::is_control),
        "Display leaks a control character: {shown:?}"
    );
}

/// What must hold for a body cut at `at` (DESIGN §2.3): it classifies as the whole body does when
/// its code was complete before the cut, else as its status alone (or, under a success status, as
/// an unexplained error or the status its `error.type` names) — never as a code the body does not
/// hold.
pub fn check_cut<const N: usize>(status: u16, body: &[u8], at: usize) {
    let cut_body = body.get(..at).unwrap_or(body);
    let cut = ApiError::<N>::parse(status, cut_body);
    check_body(status, cut_body, &cut);
    let whole = ApiError::<N>::parse(status, body);
    let class = cut.classification();
    // A request id is complete or absent, never the part of one read before the cut: in the whole
    // body it ends where an id ends (a quote, a bracket, a parenthesis).
    if let Some(id) = cut.request_id() {
        let complete = [b'"', b']', b')'].iter().any(|end| {
            let mut needle = id.as_bytes().to_vec();
            needle.push(*end);
            body.windows(needle.len()).any(|w| w == needle.as_slice())
        });
        assert!(
            complete || whole.request_id() == Some(id),
            "cut at {at}: request id {id:?} is cut"
        );
    }
    let same_code = (cut.code(), cut.code_text()) == (whole.code(), whole.code_text());
    if (cut.code().is_some() || cut.code_text().is_some()) && same_code {
        assert_eq!(class, whole.classification());
    } else if let Some(code) = cut.code() {
        // A top-level code beside an error object: until the error object is read (with a code
        // of its own, or none), the top-level code is all a prefix has. It must be in the body.
        let number = u16::from(code);
        assert!(
            holds_code(body, number),
            "cut at {at}: code {number}, which the body does not hold"
        );
    } else if let Some(text) = cut.code_text() {
        let needle = format!(r#""code":"{text}""#);
        let held = body.windows(needle.len()).any(|w| w == needle.as_bytes());
        assert!(
            held,
            "cut at {at}: code {text:?}, which the body does not hold"
        );
    } else {
        // Under a success status, an error envelope without a code is an unexplained error, or the
        // status its Anthropic `error.type` names once that was read.
        let success = (200..300).contains(&status);
        let from_envelope =
            success && (class.kind == Kind::UnrecognizedError || class.category == Category::Http);
        assert!(
            class == Classification::of_status(status)
                || class == whole.classification()
                || from_envelope,
            "cut at {at} of {:?}: {class:?}, neither the whole body's nor the status's",
            String::from_utf8_lossy(body)
        );
    }
}

/// Whether `body` has a `"code":` whose value reads as `number` (a JSON number or a string of
/// digits, leading zeros allowed; a value with escapes or spaces counts as held).
fn holds_code(body: &[u8], number: u16) -> bool {
    const KEY: &[u8] = br#""code":"#;
    (0..body.len())
        .filter(|&at| body[at..].starts_with(KEY))
        .any(|at| {
            let value = &body[at + KEY.len()..];
            let value = value.strip_prefix(b"\"").unwrap_or(value);
            if value.starts_with(b"\\") || value.starts_with(b" ") {
                return true;
            }
            let digits: String = value
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .map(|&b| char::from(b))
                .collect();
            digits.parse::<u32>().ok() == Some(u32::from(number))
        })
}

/// One event, described in full (for comparing event sequences).
pub fn describe_event<const M: usize>(event: &sse::Event<'_, M>) -> String {
    match event {
        sse::Event::Chunk(chunk) => format!(
            "chunk {:?} {:?} {:?} {:?} {:?}",
            chunk.data,
            chunk.event,
            chunk.finish_reason,
            chunk.text.map(|d| d.to_string()),
            chunk.reasoning.map(|d| d.to_string())
        ),
        sse::Event::Finish(reason) => format!("finish {reason} {:?}", reason.classify()),
        sse::Event::Error(error) => format!("error {error:?}"),
        sse::Event::Done => "done".into(),
        sse::Event::Overlong(len) => format!("overlong {len}"),
        sse::Event::Cut => "cut".into(),
        _ => "unknown".into(),
    }
}

/// What must hold for the events of one whole stream: at most one `done`, `cut` only last.
pub fn check_events(events: &[String]) {
    assert!(
        events.iter().filter(|e| *e == "done").count() <= 1,
        "done twice"
    );
    if let Some(at) = events.iter().position(|e| e == "cut") {
        assert_eq!(at + 1, events.len(), "cut is not last");
    }
}
