//! Values that some messages carry (DESIGN §2.4): the model of 1311, the suggested model of 1312,
//! the error id of 1234.

/// A value read from the message of certain codes. Messages drift, so this is best effort: `None`
/// when the expected wording is not there. At most
/// [`ApiError::DETAIL_CAPACITY`](crate::ApiError::DETAIL_CAPACITY) bytes (cut on a char boundary).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Detail<'a> {
    /// 1311: the model the plan does not include (`...does not yet include access to GLM-5.3-Highspeed`).
    Model(&'a str),
    /// 1312: the model suggested instead (`...or switch to another model such as GLM-4.5-Air`).
    SuggestedModel(&'a str),
    /// 1234: the error id to give customer service (`Network error, error id: 20261126ff, ...`).
    ErrorId(&'a str),
}

/// The capacity of a [`Detail`] value (a model name, an error id), in bytes.
pub(crate) const CAPACITY: usize = 48;

impl<'a> Detail<'a> {
    /// The stable snake_case name of the detail (`model`, `suggested_model`, `error_id`).
    pub const fn name(&self) -> &'static str {
        match self {
            Self::Model(_) => "model",
            Self::SuggestedModel(_) => "suggested_model",
            Self::ErrorId(_) => "error_id",
        }
    }

    /// The value.
    pub const fn value(&self) -> &'a str {
        match self {
            Self::Model(v) | Self::SuggestedModel(v) | Self::ErrorId(v) => v,
        }
    }
}

/// The detail that the (decoded) message of `code` carries, if it is there: found when asked for
/// (an error is read without it), cut to [`CAPACITY`] bytes.
pub(crate) fn extract<'m>(code: u16, message: &'m str) -> Option<Detail<'m>> {
    let (detail, value): (fn(&'m str) -> Detail<'m>, _) = match code {
        1311 => (
            Detail::Model,
            after(message, "access to ").or_else(|| between(message, "开放", "权限"))?,
        ),
        1312 => (
            Detail::SuggestedModel,
            after(message, "such as ").or_else(|| after(message, "如"))?,
        ),
        1234 => (
            Detail::ErrorId,
            after(message, "error id: ")
                .or_else(|| after(message, "error id:"))
                .or_else(|| after(message, "错误id："))
                .or_else(|| after(message, "错误ID："))?,
        ),
        _ => return None,
    };
    let value = crate::text::prefix_within(token(value), CAPACITY);
    (!value.is_empty()).then(|| detail(value))
}

/// The text after the first `marker`.
fn after<'m>(text: &'m str, marker: &str) -> Option<&'m str> {
    let at = crate::bytes::find(text.as_bytes(), marker.as_bytes())?;
    text.get(at.checked_add(marker.len())?..)
}

/// The text between the first `open` and the next `close` after it.
fn between<'m>(text: &'m str, open: &str, close: &str) -> Option<&'m str> {
    let rest = after(text, open)?;
    rest.get(..crate::bytes::find(rest.as_bytes(), close.as_bytes())?)
}

/// The first token: up to whitespace, a comma or `等`, without trailing sentence punctuation.
fn token(text: &str) -> &str {
    // ASCII whitespace only: `str::trim_start` would pull in Unicode tables (flash).
    let text = text.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let end = text
        .char_indices()
        .find(|&(_, c)| {
            c.is_ascii_whitespace()
                || matches!(c, ',' | '，' | '等' | '、' | ';' | '；' | ')' | '）')
        })
        .map_or(text.len(), |(at, _)| at);
    text.get(..end)
        .unwrap_or_default()
        .trim_end_matches(['.', '。', '!', '！'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_is_cut_on_a_char_boundary() {
        let long = std::format!("access to {}", "M".repeat(60));
        assert_eq!(
            extract(1311, &long).map(|d| d.value().len()),
            Some(CAPACITY)
        );
        // 16 chars of 3 bytes fill 48 bytes exactly; a 17th does not fit.
        let wide = std::format!("开放{}权限", "模".repeat(17));
        let value = extract(1311, &wide).map(|d| d.value());
        assert_eq!(value, Some("模".repeat(16).as_str()));
        let shifted = std::format!("开放x{}权限", "模".repeat(17));
        assert_eq!(extract(1311, &shifted).map(|d| d.value().len()), Some(46));
    }
}
