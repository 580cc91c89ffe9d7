//! The details some messages carry (1311 model, 1312 suggested model, 1234 error id), in English and
//! Chinese, through the nested and the Anthropic shapes.

use zai_errors::{ApiError, Detail};

fn detail_of(code: u16, message: &str) -> Option<(String, String)> {
    let body =
        serde_json::json!({"error": {"code": code.to_string(), "message": message}}).to_string();
    let error = ApiError::from_response(429, body.as_bytes());
    error
        .detail()
        .map(|d| (d.name().to_owned(), d.value().to_owned()))
}

#[test]
fn details_are_read_from_english_and_chinese_messages() {
    // (code, message, expected (detail name, value))
    type Case = (u16, &'static str, Option<(&'static str, &'static str)>);
    let cases: &[Case] = &[
        (
            1311,
            "Your current subscription plan does not yet include access to GLM-5.3-Highspeed",
            Some(("model", "GLM-5.3-Highspeed")),
        ),
        (
            1311,
            "Your current subscription plan does not yet include access to glm-4.6.",
            Some(("model", "glm-4.6")),
        ),
        (
            1311,
            "当前订阅套餐暂未开放GLM-5.3-Highspeed权限",
            Some(("model", "GLM-5.3-Highspeed")),
        ),
        (
            1312,
            "This model is currently experiencing high traffic. Please try again later, or switch to another model such as GLM-4.5-Air",
            Some(("suggested_model", "GLM-4.5-Air")),
        ),
        (
            1312,
            "This model is currently experiencing high traffic. Please try again later, or switch to another model such as glm-4.5-air, glm-4.6.",
            Some(("suggested_model", "glm-4.5-air")),
        ),
        (
            1312,
            "该模型当前访问量过大，请您稍后再试，或切换其他模型如 GLM-4.5-Air 等",
            Some(("suggested_model", "GLM-4.5-Air")),
        ),
        (
            1312,
            "该模型当前访问量过大，请您稍后再试，或切换其他模型如GLM-4.5-Air等",
            Some(("suggested_model", "GLM-4.5-Air")),
        ),
        (
            1234,
            "Network error, error id: 2026112608a1b2, please contact customer service",
            Some(("error_id", "2026112608a1b2")),
        ),
        (
            1234,
            "网络错误，错误id：2026112608a1b2，请联系客服",
            Some(("error_id", "2026112608a1b2")),
        ),
        // Drifted wording, or another code: nothing is made up.
        (1234, "Network error", None),
        (1312, "The model is busy.", None),
        (1113, "such as GLM-4.5-Air", None),
    ];
    for (code, message, expected) in cases {
        let expected = expected.map(|(k, v)| (k.to_owned(), v.to_owned()));
        assert_eq!(detail_of(*code, message), expected, "{code}: {message}");
    }
}

#[test]
fn the_anthropic_form_gives_its_detail_from_the_inner_text() {
    let body = r#"{"type":"error","error":{"type":"api_error","code":"1234","message":"[1234][Network error, error id: 20261126ff, please contact customer service][20261126081412abc]"}}"#;
    let error = ApiError::from_response(200, body.as_bytes());
    assert_eq!(error.detail(), Some(Detail::ErrorId("20261126ff")));
    assert_eq!(error.request_id(), Some("20261126081412abc"));
}
