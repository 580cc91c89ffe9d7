//! The business codes Z.AI puts in error bodies, with everything known about each.

use crate::{Category, Fault, Kind, Retry};

/// Everything the tables know about one documented business code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct CodeInfo {
    /// The code's number.
    pub number: u16,
    /// The kind (its name, e.g. `"insufficient_balance"`, is [`Kind::as_str`]).
    pub kind: Kind,
    /// The documented category.
    pub category: Category,
    /// The HTTP status the code usually comes with, when the documentation gives one.
    pub usual_status: Option<u16>,
    /// What to do about it.
    pub retry: Retry,
    /// Whose move it is.
    pub fault: Fault,
}

macro_rules! code_table {
    ($( $variant:ident = $num:literal, $cat:ident, $status:expr, $retry:ident, $fault:ident,
        $en:literal, $zh:literal; )*) => {
        /// A Z.AI business code: every documented one by name, anything else kept as a number.
        ///
        /// `Code::from(n)` is canonical: it never yields `Unknown` for a documented number.
        ///
        /// ```
        /// use zai_errors::Code;
        /// assert_eq!(Code::from(1113), Code::InsufficientBalance);
        /// assert_eq!(Code::from(1399), Code::Unknown(1399));
        /// assert_eq!(u16::from(Code::UsageLimitReached), 1308);
        /// ```
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "defmt", derive(defmt::Format))]
        pub enum Code {
            $( #[doc = $en] $variant, )*
            /// A code missing from the documentation, kept as it came.
            Unknown(u16),
        }

        impl From<u16> for Code {
            fn from(number: u16) -> Self {
                match number {
                    $( $num => Self::$variant, )*
                    other => Self::Unknown(other),
                }
            }
        }

        impl From<Code> for u16 {
            fn from(code: Code) -> u16 {
                match code {
                    $( Code::$variant => $num, )*
                    Code::Unknown(other) => other,
                }
            }
        }

        /// Every documented business code, sorted by number.
        pub static CODES: &[CodeInfo] = &[
            $( CodeInfo {
                number: $num,
                kind: Kind::$variant,
                category: Category::$cat,
                usual_status: $status,
                retry: Retry::$retry,
                fault: Fault::$fault,
            }, )*
        ];

        /// The position in [`CODES`] plus one of each code from 1000 to 1399 (0: none): one look
        /// instead of a binary search (64-bit targets; firmware keeps the search, which is smaller).
        #[cfg(target_pointer_width = "64")]
        static BY_NUMBER: [u8; 400] = by_number(&[$( $num, )*]);

        /// The documented English and Chinese texts, in the order of [`CODES`]: a table of its own, so
        /// that code which only classifies does not link them.
        #[cfg(feature = "texts")]
        static TEXTS: &[(&str, &str)] = &[ $( ($en, $zh), )* ];
    };
}

code_table! {
    InternalError = 500, Basic, Some(500), Backoff, Server,
        "Internal Error", "内部错误";
    AuthenticationFailed = 1000, Authentication, Some(401), Never, Credentials,
        "Authentication Failed", "身份验证失败";
    MissingAuthentication = 1001, Authentication, Some(401), Never, Credentials,
        "Authentication parameter not received in Header, unable to authenticate",
        "Header 中未收到 Authentication 参数，无法进行身份验证";
    InvalidToken = 1002, Authentication, Some(401), Never, Credentials,
        "Invalid Authentication Token, please confirm the correct transmission of the Authentication Token",
        "Authentication Token 非法，请确认 Authentication Token 正确传递";
    TokenExpired = 1003, Authentication, Some(401), Never, Credentials,
        "Authentication Token expired, please regenerate/obtain",
        "Authentication Token 已过期，请重新生成/获取";
    TokenRejected = 1004, Authentication, None, Never, Credentials,
        "Authentication failed with the provided Authentication Token",
        "通过 Authentication Token 的验证失败";
    SecondFactorRequired = 1005, Authentication, Some(401), Never, Account,
        "Two-factor protection is on; a second-factor login is required",
        "已开启二次认证保护，需要二次认证登录。";
    AccountReadWriteError = 1100, Account, None, Never, Account,
        "Account Read/Write", "账户读写";
    AccountInactive = 1110, Account, None, Never, Account,
        "Your account is currently inactive. Please check your account information",
        "您的账户当前处于非活动状态。请检查账户信息";
    AccountNotFound = 1111, Account, None, Never, Account,
        "Your account does not exist", "您的账户不存在";
    AccountLocked = 1112, Account, None, Never, Account,
        "Your account has been locked, please contact customer service to unlock",
        "您的账户已被锁定，请联系客服解锁";
    InsufficientBalance = 1113, Account, Some(429), Never, Account,
        "Your account is in arrears, please recharge and try again", "您的账户已欠费，请充值后重试";
    AccountUnavailable = 1120, Account, None, Backoff, Server,
        "Unable to successfully access your account, please try again later",
        "无法成功访问您的账户，请稍后重试";
    AccountViolation = 1121, Account, None, Never, Account,
        "Account has irregular activities and has been locked", "账户存违规行为，账号已被锁定";
    ApiCallError = 1200, ApiCall, Some(500), Backoff, Server,
        "API Call Error", "API 调用错误";
    IncorrectCallParameters = 1210, ApiCall, Some(400), Never, Request,
        "Incorrect API call parameters, please check the documentation", "API 调用参数有误，请检查文档";
    ModelNotFound = 1211, ApiCall, Some(400), Never, Request,
        "Model does not exist, please check the model code", "模型不存在，请检查模型代码";
    UnsupportedCallMethod = 1212, ApiCall, Some(400), Never, Request,
        "Current model does not support ${method} call method", "当前模型不支持 ${method} 调用方式";
    MissingParameter = 1213, ApiCall, Some(400), Never, Request,
        "${field} parameter not received properly", "未正常接收到 ${field} 参数";
    InvalidParameter = 1214, ApiCall, Some(400), Never, Request,
        "Invalid ${field} parameter. Please check the documentation", "${field} 参数非法。请检查文档";
    ConflictingParameters = 1215, ApiCall, Some(400), Never, Request,
        "${field1} and ${field2} cannot be set simultaneously, please check the documentation",
        "${field1} 与 ${field2} 不能同时设置，请检查文档";
    PermissionDenied = 1220, ApiCall, Some(403), Never, Account,
        "You do not have permission to access ${API_name}", "您无权访问 ${API_name}";
    ApiOffline = 1221, ApiCall, Some(400), Never, Request,
        "API ${API_name} has been taken offline", "API ${API_name} 已下线";
    ApiNotFound = 1222, ApiCall, Some(400), Never, Request,
        "API ${API_name} does not exist", "API ${API_name} 不存在";
    ApiProcessError = 1230, ApiCall, Some(500), Backoff, Server,
        "API call process error", "API 调用流程出错";
    DuplicateRequest = 1231, ApiCall, None, Never, Request,
        "You already have a request: ${request_id}", "您已有请求：${request_id}";
    NetworkError = 1234, ApiCall, Some(500), Backoff, Server,
        "Network error, error id: ${error_id}, please contact customer service",
        "网络错误，错误id：${error_id}，请联系客服";
    PromptTooLong = 1261, ApiCall, Some(400), Never, Request,
        "Prompt exceeds max length", "Prompt 超长";
    BlockedByPolicy = 1300, PolicyBlock, None, Never, Account,
        "API call blocked by policy", "API 调用被策略阻止";
    SensitiveContent = 1301, PolicyBlock, Some(400), Never, Request,
        "System detected potentially unsafe or sensitive content in input or generation. Please avoid using prompts that may generate sensitive content. Thank you for your cooperation.",
        "系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语，感谢您的配合";
    ConcurrencyLimit = 1302, PolicyBlock, Some(429), Backoff, Usage,
        "High concurrency usage of this API, please reduce concurrency or contact customer service to increase limits",
        "您当前使用该 API 的并发数过高，请降低并发，或联系客服增加限额";
    FrequencyLimit = 1303, PolicyBlock, None, Backoff, Usage,
        "High frequency usage of this API, please reduce frequency or contact customer service to increase limits",
        "您当前使用该 API 的频率过高，请降低频率，或联系客服增加限额";
    DailyLimitReached = 1304, PolicyBlock, None, AtReset, Usage,
        "Daily call limit for this API reached. For more requests, please contact customer service to purchase",
        "该 API 已达今日调用次数限额，如有更多需求，请联系客服购买";
    RateLimited = 1305, PolicyBlock, Some(429), Backoff, Usage,
        "The API has triggered a rate limit.", "该 API 已触发流量限制";
    UsageLimitReached = 1308, PolicyBlock, Some(429), AtReset, Usage,
        "Usage limit reached for ${number} ${unit}. Your limit will reset at ${next_flush_time}",
        "已达到 ${number} ${unit} 的使用上限。您的限额将在 ${next_flush_time} 重置";
    PlanExpired = 1309, PolicyBlock, Some(429), Never, Account,
        "Your GLM Coding Plan package has expired and is temporarily unavailable. You can resume using it after renewing the subscription on the official website. https://z.ai/subscribe",
        "您的 GLM Coding Plan 套餐已到期，暂无法使用，前往官方续订后即可恢复";
    PeriodLimitExhausted = 1310, PolicyBlock, Some(429), AtReset, Usage,
        "Weekly/Monthly Limit Exhausted. Your limit will reset at ${next_flush_time}",
        "您已达到每周/每月使用上限，您的限额将在 ${next_flush_time} 重置";
    ModelNotInPlan = 1311, PolicyBlock, Some(429), Never, Account,
        "Your current subscription plan does not yet include access to ${model_name}",
        "当前订阅套餐暂未开放${model_name}权限";
    ModelOverloaded = 1312, PolicyBlock, None, Backoff, Server,
        "This model is currently experiencing high traffic. Please try again later, or switch to another model such as ${model_name}",
        "该模型当前访问量过大，请您稍后再试，或切换其他模型如 ${model_name} 等";
    FairUseRestricted = 1313, PolicyBlock, Some(429), Never, Account,
        "Your usage violates the Fair Use Policy. Your request rate has been restricted. … request to lift the restriction",
        "您的账户当前使用模式不符合公平使用策略，请求频率已受到限制。…";
    EnterprisePlanInvalid = 1314, PolicyBlock, Some(429), Never, Account,
        "The enterprise plan is no longer valid; contact the enterprise administrator",
        "您的企业套餐已失效，请联系企业管理员。";
    EnterpriseKeyOnly = 1315, PolicyBlock, Some(429), Never, Credentials,
        "This API key is only for the enterprise coding plan",
        "该 API Key 仅限企业编程套餐场景使用，请到官网更换对应产品类型的 API Key";
    FiveHourLimitNoBalance = 1316, PolicyBlock, Some(429), AtReset, Usage,
        "5-hour limit reached; the main account balance is too low for pay-as-you-go overage; resets at ${next_flush_time}",
        "已达到 5 小时使用上限。主账号余额不足，无法使用超额按量付费。…";
    SevenDayLimitNoBalance = 1317, PolicyBlock, Some(429), AtReset, Usage,
        "7-day limit reached; the main account balance is too low for pay-as-you-go overage; resets at ${next_flush_time}",
        "已达到 7 天使用上限。…";
    FiveHourLimitSubAccountCap = 1318, PolicyBlock, Some(429), AtReset, Usage,
        "5-hour limit reached and the sub-account monthly spending cap reached; resets at ${next_flush_time}",
        "已达到 5 小时使用上限，且子账号本月消费已达上限。…";
    SevenDayLimitSubAccountCap = 1319, PolicyBlock, Some(429), AtReset, Usage,
        "7-day limit reached and the sub-account monthly spending cap reached; resets at ${next_flush_time}",
        "已达到 7 天使用上限，且子账号本月消费已达上限。…";
    FiveHourLimitEnterpriseCap = 1320, PolicyBlock, Some(429), AtReset, Usage,
        "5-hour limit reached and the enterprise monthly spending cap reached; resets at ${next_flush_time}",
        "已达到 5 小时使用上限，且企业本月消费已达上限。…";
    SevenDayLimitEnterpriseCap = 1321, PolicyBlock, Some(429), AtReset, Usage,
        "7-day limit reached and the enterprise monthly spending cap reached; resets at ${next_flush_time}",
        "已达到 7 天使用上限，且企业本月消费已达上限。…";
}

/// The one rule for which numbers are business codes: 1 to 65535. Zero is the success code of flat
/// envelopes (`{"code":0,"msg":"success"}`), not a business code, wherever it comes from.
pub(crate) fn business_code(number: u64) -> Option<u16> {
    u16::try_from(number).ok().filter(|&code| code != 0)
}

/// The business code an OpenAI-style string code stands for (DESIGN §2.2): the Responses API and
/// relays send these instead of a number.
/// `is` tells whether the code sent is a given name (a table, not a `match`: firmware stays small).
pub(crate) fn string_code(is: impl FnMut(&[u8]) -> bool) -> Option<u16> {
    const NAMES: &[u8] = crate::bytes::packed_names!(
        b"insufficient_quota",
        b"invalid_request",
        b"invalid_request_error",
        b"model_not_found",
        b"context_length_exceeded",
        b"rate_limit_exceeded",
        b"overloaded",
        b"server_overloaded",
    );
    const CODES: [u16; 8] = [1113, 1210, 1210, 1211, 1261, 1302, 1305, 1305];
    CODES.get(crate::bytes::position_in(NAMES, is)?).copied()
}

/// [`BY_NUMBER`] built from the numbers of [`CODES`], in order.
#[cfg(target_pointer_width = "64")]
const fn by_number(numbers: &[u16]) -> [u8; 400] {
    let mut table = [0; 400];
    let mut rest = numbers;
    let mut slot = 1u8;
    while let [number, more @ ..] = rest {
        if let Some(at) = (*number as usize).checked_sub(1000)
            && let Some((_, from)) = table.split_at_mut_checked(at)
            && let Some((entry, _)) = from.split_first_mut()
        {
            *entry = slot;
        }
        // A table of more than 254 codes would not fit a byte: the build fails here.
        slot += 1;
        rest = more;
    }
    table
}

impl CodeInfo {
    /// The table row of a documented code, found by number (a binary search: no big `match`, so
    /// firmware that only classifies stays small; on 64-bit targets one look in a table for the
    /// usual range).
    pub fn get(number: u16) -> Option<&'static CodeInfo> {
        #[cfg(target_pointer_width = "64")]
        if let Some(&slot) = number
            .checked_sub(1000)
            .and_then(|at| BY_NUMBER.get(usize::from(at)))
        {
            return CODES.get(usize::from(slot.checked_sub(1)?));
        }
        CODES
            .binary_search_by_key(&number, |info| info.number)
            .ok()
            .and_then(|index| CODES.get(index))
    }

    /// The documented English text (`${x}` marks a value filled in at run time).
    #[cfg(feature = "texts")]
    pub fn text_en(&self) -> &'static str {
        self.texts().0
    }

    /// The documented Chinese text.
    #[cfg(feature = "texts")]
    pub fn text_zh(&self) -> &'static str {
        self.texts().1
    }

    #[cfg(feature = "texts")]
    fn texts(&self) -> (&'static str, &'static str) {
        CODES
            .binary_search_by_key(&self.number, |info| info.number)
            .ok()
            .and_then(|index| TEXTS.get(index))
            .copied()
            .unwrap_or(("", ""))
    }

    /// The code as a typed value.
    pub fn code(&self) -> Code {
        Code::from(self.number)
    }
}

impl Code {
    /// The code as a number.
    pub fn number(self) -> u16 {
        u16::from(self)
    }

    /// What the tables know about this code, or `None` for an undocumented one.
    ///
    /// ```
    /// let info = zai_errors::Code::from(1308).info().unwrap();
    /// assert_eq!(info.kind, zai_errors::Kind::UsageLimitReached);
    /// assert_eq!(info.retry, zai_errors::Retry::AtReset);
    /// ```
    pub fn info(self) -> Option<&'static CodeInfo> {
        CodeInfo::get(self.number())
    }

    /// Whether the code is in the documented table.
    pub fn is_known(self) -> bool {
        self.info().is_some()
    }
}

impl core::fmt::Display for Code {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Display::fmt(&self.number(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg_attr(miri, ignore = "65 536 numbers")]
    fn every_number_finds_its_row_and_only_its_row() {
        for number in 0..=u16::MAX {
            let row = CODES.iter().find(|info| info.number == number);
            assert_eq!(CodeInfo::get(number), row, "{number}");
        }
        // Sorted and unique, which the binary search needs.
        assert!(
            CODES
                .windows(2)
                .all(|pair| matches!(pair, [a, b] if a.number < b.number))
        );
    }
}
