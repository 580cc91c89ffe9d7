//! Reset times: the first valid Beijing date-time in a message, and its Unix time.

use zai_errors::BeijingTime;

#[test]
fn reset_times_are_found_validated_and_converted() {
    // (text, expected RFC 3339, expected Unix seconds)
    let cases: &[(&str, Option<(&str, i64)>)] = &[
        (
            "Your limit will reset at 2026-05-25 19:22:49",
            Some(("2026-05-25T19:22:49+08:00", 1_779_708_169)),
        ),
        (
            "您的限额将在 2025-12-21 15:00:05 重置",
            Some(("2025-12-21T15:00:05+08:00", 1_766_300_405)),
        ),
        (
            "reset at 2028-02-29 00:00:00",
            Some(("2028-02-29T00:00:00+08:00", 1_835_366_400)),
        ),
        (
            "reset at 1970-01-01 08:00:00",
            Some(("1970-01-01T08:00:00+08:00", 0)),
        ),
        (
            "reset at 2026-10-05T12:12:52",
            Some(("2026-10-05T12:12:52+08:00", 1_791_173_572)),
        ),
        // The contract's rule: the first valid one.
        (
            "opened 2026-10-05 07:12:52, resets at 2026-10-05 12:12:52",
            Some(("2026-10-05T07:12:52+08:00", 1_791_155_572)),
        ),
        // Invalid dates are skipped, not guessed.
        ("2027-02-29 10:00:00 then 2026-06-31 10:00:00", None),
        (
            "2026-13-01 10:00:00 / 2026-01-01 24:00:00 / 2026-01-01 10:60:00",
            None,
        ),
        // Part of a longer run of digits: not a date.
        ("12026-05-25 19:22:490", None),
        ("no time here", None),
    ];
    for (text, expected) in cases {
        let found =
            BeijingTime::find_in(text.as_bytes()).map(|t| (t.to_string(), t.to_unix_seconds()));
        let expected = expected.map(|(s, u)| (s.to_owned(), u));
        assert_eq!(found, expected, "{text}");
    }
}

#[test]
fn unix_time_round_trips_through_beijing_time() {
    for unix in [
        0i64,
        951_782_400 - 8 * 3600,
        1_779_708_169,
        1_791_173_572,
        4_102_444_799,
        -28_800,
        253_402_300_799,
    ] {
        let t = BeijingTime::from_unix_seconds(unix).expect("in range");
        assert_eq!(t.to_unix_seconds(), unix, "{t}");
    }
    // Every hour of four years, leap day included.
    for hour in 0..(4 * 366 * 24) {
        let unix = 1_704_067_200 + hour * 3600 + 1234;
        assert_eq!(
            BeijingTime::from_unix_seconds(unix).map(|t| t.to_unix_seconds()),
            Some(unix)
        );
    }
    assert_eq!(
        BeijingTime::from_unix_seconds(-62_167_219_200 - 86_400 * 366),
        None,
        "before year 0"
    );
}

/// The reset time is the first date in the message's raw text (decoded where it has escapes),
/// within its first 6 168 raw bytes, whatever the message's capacity or script.
#[test]
fn the_reset_time_is_read_from_the_raw_message_within_a_bound() {
    use zai_errors::ApiError;
    let body = |text: &str| format!(r#"{{"code":1308,"msg":"{text}"}}"#);
    let date = "2026-10-05 12:12:52";
    // A date that ends where a 256-byte message is cut, with more digits after it: no date.
    let at_cut = body(&format!("{}{date}0", "a".repeat(237)));
    let error = ApiError::<256>::parse(429, at_cut.as_bytes());
    assert!(error.is_truncated());
    assert_eq!(error.reset_at(), None);
    // The same date, ended: found past what the buffer keeps.
    let past_cut = body(&format!("{}{date} then", "a".repeat(300)));
    let error = ApiError::<256>::parse(429, past_cut.as_bytes());
    assert_eq!(
        error.reset_at().map(|t| t.to_string()),
        Some("2026-10-05T12:12:52+08:00".into())
    );
    // An escape inside it does not hide it.
    let escaped = body(r"reset at 2026\u002d10-05 12:12:52");
    let error = ApiError::<64>::parse(429, escaped.as_bytes());
    assert_eq!(error.reset_at().map(|t| t.second()), Some(52));
    // Past the first 6 168 raw bytes: not searched, with or without non-ASCII text.
    for lead in ["a", "é"] {
        let far = body(&format!("{lead}{}{date}", "a".repeat(6_970)));
        assert_eq!(
            ApiError::<256>::parse(429, far.as_bytes()).reset_at(),
            None,
            "{lead}"
        );
        let near = body(&format!("{lead}{}{date}", "a".repeat(6_000)));
        assert!(
            ApiError::<256>::parse(429, near.as_bytes())
                .reset_at()
                .is_some(),
            "{lead}"
        );
    }
}
