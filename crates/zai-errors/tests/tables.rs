//! The code and status tables against the contract (DESIGN §2.1, §2.2), one loop each.

use zai_errors::table::{CODES, STATUSES, StatusInfo};
use zai_errors::{Category, Classification, Code, Kind, Retry};

/// The contract's lists, written out independently of the table under test.
fn documented_codes() -> Vec<u16> {
    let mut codes = vec![
        500, 1000, 1001, 1002, 1003, 1004, 1005, 1100, 1110, 1111, 1112, 1113, 1120, 1121,
    ];
    codes.extend([
        1200, 1210, 1211, 1212, 1213, 1214, 1215, 1220, 1221, 1222, 1230, 1231, 1234, 1261,
    ]);
    codes.extend([1300, 1301, 1302, 1303, 1304, 1305]);
    codes.extend(1308..=1321);
    codes
}

fn expected_retry(code: u16) -> Retry {
    match code {
        500 | 1120 | 1200 | 1230 | 1234 | 1302 | 1303 | 1305 | 1312 => Retry::Backoff,
        1304 | 1308 | 1310 | 1316..=1321 => Retry::AtReset,
        _ => Retry::Never,
    }
}

fn expected_category(code: u16) -> Category {
    match code {
        500 => Category::Basic,
        1000..=1099 => Category::Authentication,
        1100..=1199 => Category::Account,
        1200..=1299 => Category::ApiCall,
        1300..=1399 => Category::PolicyBlock,
        _ => Category::Unknown,
    }
}

/// Usual statuses from the reference table (blank there: `None`).
fn expected_status(code: u16) -> Option<u16> {
    match code {
        500 | 1200 | 1230 | 1234 => Some(500),
        1000..=1003 | 1005 => Some(401),
        1113 | 1302 | 1305 | 1308..=1311 | 1313..=1321 => Some(429),
        1210..=1215 | 1221 | 1222 | 1261 | 1301 => Some(400),
        1220 => Some(403),
        _ => None,
    }
}

#[test]
fn the_table_holds_exactly_the_documented_codes_in_order() {
    let numbers: Vec<u16> = CODES.iter().map(|info| info.number).collect();
    assert_eq!(numbers, documented_codes());
}

#[test]
fn every_code_has_its_contract_category_retry_status_and_a_clean_kind() {
    let mut kinds = std::collections::HashSet::new();
    for info in CODES {
        let number = info.number;
        assert_eq!(
            info.category,
            expected_category(number),
            "category of {number}"
        );
        assert_eq!(info.retry, expected_retry(number), "retry of {number}");
        assert_eq!(
            info.usual_status,
            expected_status(number),
            "usual status of {number}"
        );
        assert!(kinds.insert(info.kind), "kind {} used twice", info.kind);
        let name = info.kind.as_str();
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "kind {name:?} is not snake_case"
        );
        #[cfg(feature = "texts")]
        assert!(
            !info.text_en().is_empty() && info.text_en().is_ascii() || number == 1313,
            "English text of {number}"
        );
        #[cfg(feature = "texts")]
        assert!(
            info.text_zh()
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "Chinese text of {number}"
        );
        // The typed code round-trips and finds its own row.
        assert_eq!(Code::from(number), info.code());
        assert!(info.code().is_known());
        assert_eq!(info.code().info(), Some(info));
        // Classification of the code under its usual status, and under every other status: code wins.
        for status in [200, 400, 401, 429, 500, 503] {
            let class = Classification::of_code(status, Some(number));
            assert_eq!(
                (class.category, class.kind, class.retry),
                (info.category, info.kind, Some(info.retry))
            );
            assert!(class.known);
        }
    }
}

#[test]
fn statuses_cover_the_documented_and_the_seen_ones() {
    let listed: Vec<u16> = STATUSES.iter().map(|s| s.status).collect();
    assert_eq!(
        listed,
        [
            200, 400, 401, 403, 404, 408, 413, 422, 429, 434, 435, 500, 502, 503, 504, 529
        ]
    );
    for info in STATUSES {
        assert_eq!(StatusInfo::get(info.status), Some(info));
        #[cfg(feature = "texts")]
        assert!(!info.meanings().is_empty(), "meanings of {}", info.status);
        assert_eq!(
            info.documented,
            [200, 400, 401, 404, 429, 434, 435, 500].contains(&info.status)
        );
    }
    // 429 carries all five documented meanings.
    #[cfg(feature = "texts")]
    assert_eq!(StatusInfo::get(429).map(|i| i.meanings().len()), Some(5));
}

#[test]
fn every_status_without_a_code_follows_the_status_rule() {
    for status in 100..=599u16 {
        let class = Classification::of_code(status, None);
        let expected = match status {
            200..=299 => None,
            // 1xx as a final status is a server anomaly.
            100..=199 | 408 | 429 | 500..=599 => Some(Retry::Backoff),
            _ => Some(Retry::Never),
        };
        assert_eq!(class.retry, expected, "retry for HTTP {status}");
        assert_eq!(class.category, Category::Http, "category for HTTP {status}");
        assert!(!class.known, "no business code: not known");
        assert!(!Classification::of_status(status).known);
        assert_eq!(
            StatusInfo::get(status).map(|info| info.kind),
            StatusInfo::get(status).is_some().then_some(class.kind)
        );
    }
}

#[test]
fn undocumented_codes_keep_their_range_and_take_retry_from_the_status() {
    let documented = documented_codes();
    for code in (1000..=1399u16).filter(|c| !documented.contains(c)) {
        for (status, retry) in [
            (429, Retry::Backoff),
            (503, Retry::Backoff),
            (400, Retry::Never),
            // Under a success status, an error code is a failure the status does not explain.
            (200, Retry::Backoff),
        ] {
            let class = Classification::of_code(status, Some(code));
            assert_eq!(
                class.category,
                expected_category(code),
                "category of {code}"
            );
            assert_eq!(
                class.retry,
                Some(retry),
                "retry of {code} under HTTP {status}"
            );
            assert_eq!((class.kind, class.known), (Kind::UndocumentedCode, false));
        }
    }
}

#[test]
fn status_like_codes_are_read_as_that_status() {
    for code in (100..=599u16).filter(|&c| c != 500) {
        let class = Classification::of_code(200, Some(code));
        let as_status = Classification::of_status(code);
        assert_eq!(
            (class.category, class.kind, class.retry),
            (Category::Http, as_status.kind, as_status.retry)
        );
        assert!(
            !class.known,
            "code {code} is not a documented business code"
        );
    }
    // Code 500 is documented as a business code of its own.
    assert_eq!(
        Classification::of_code(200, Some(500)).category,
        Category::Basic
    );
    // A success-like status code leaves the decision to the real status.
    let class = Classification::of_code(500, Some(200));
    assert_eq!(
        (class.kind, class.retry),
        (Kind::InternalServerError, Some(Retry::Backoff))
    );
    assert_eq!(Classification::of_code(200, Some(200)).retry, None);
    // Outside every range: unknown.
    let class = Classification::of_code(429, Some(42));
    assert_eq!(
        (class.category, class.retry),
        (Category::Unknown, Some(Retry::Backoff))
    );
}

/// Code 0 is no code on every path: the status decides (it used to say "undocumented code, back
/// off" through `of_code` while the body path said success).
#[test]
fn code_zero_is_no_code_everywhere() {
    assert_eq!(
        Classification::of_code(200, Some(0)),
        Classification::of_status(200)
    );
    assert_eq!(
        Classification::of_code(429, Some(0)),
        Classification::of_status(429)
    );
    assert_eq!(
        Classification::of_body(200, br#"{"code":0,"msg":"success"}"#),
        Classification::of_status(200)
    );
    let error = zai_errors::ApiError::from_response(200, br#"{"error":{"code":"0"}}"#);
    assert_eq!(error.code(), None);
}
