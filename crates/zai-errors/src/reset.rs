//! Reset times of exhausted quotas: a Beijing-time (UTC+8) date-time found in the message.

use crate::body::raw_str::{RawStr, raw_len_for};

/// A date and time of day in Beijing time (UTC+8), as Z.AI writes reset times
/// (`2026-05-25 19:22:49`).
///
/// ```
/// use zai_errors::BeijingTime;
///
/// let t = BeijingTime::find_in(b"Your limit will reset at 2026-05-25 19:22:49").unwrap();
/// assert_eq!(t.to_unix_seconds(), 1_779_708_169); // 11:22:49 UTC
/// assert_eq!(format!("{t}"), "2026-05-25T19:22:49+08:00");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct BeijingTime {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
}

/// Beijing time is UTC+8 all year (no daylight saving).
const UTC_OFFSET_SECONDS: i64 = 8 * 3600;

impl BeijingTime {
    /// Beijing time's offset from UTC, in seconds: UTC+8 all year (no daylight saving).
    pub const UTC_OFFSET_SECONDS: i64 = UTC_OFFSET_SECONDS;

    /// A valid date-time (leap years respected, no leap seconds), or `None`.
    pub const fn new(
        year: u16,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
    ) -> Option<Self> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        if day == 0 || day > days_in_month || hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        Some(Self {
            year,
            month,
            day,
            hour,
            minute,
            second,
        })
    }

    /// The first valid `YYYY-MM-DD HH:MM:SS` (or `YYYY-MM-DDTHH:MM:SS`) in `text`, in any language,
    /// that is not part of a longer run of digits (`12026-05-25 19:22:490` is no date).
    pub fn find_in(text: &[u8]) -> Option<Self> {
        let digit_at = |at: Option<usize>| {
            at.and_then(|at| text.get(at))
                .is_some_and(u8::is_ascii_digit)
        };
        // Each dash that may be a date's first (its fifth byte), found by a fast byte search.
        let mut from = 4;
        while let Some(found) = text
            .get(from..)
            .and_then(|rest| crate::bytes::find_byte(b'-', rest))
        {
            let at = from + found - 4;
            from += found + 1;
            // No room for a date here: none later either.
            let window = text.get(at..at.checked_add(19)?)?;
            if window.get(7) == Some(&b'-')
                && !digit_at(at.checked_sub(1))
                && !digit_at(at.checked_add(19))
                && let Some(date) = Self::parse_exact(window)
            {
                return Some(date);
            }
        }
        None
    }

    /// The first date-time in the raw text of a JSON string, within as much of it as decodes to
    /// `limit` bytes at most (an escape takes up to six raw bytes a byte), searched in its decoded
    /// form (an escape such as `\u002d` inside the date does not hide it), with no buffer: the
    /// decoded bytes pass through a 21-byte window (the byte before a date, the date, the byte
    /// after). Without escapes, the raw bytes are the text.
    pub(crate) fn find_in_json(raw: RawStr<'_>, limit: usize) -> Option<Self> {
        let bytes = raw.bytes().get(..raw_len_for(limit)).unwrap_or(raw.bytes());
        if raw.is_plain() || crate::bytes::find_byte(b'\\', bytes).is_none() {
            return Self::find_in(bytes);
        }
        let mut window = DateWindow::new();
        let text = raw.text_for(limit);
        crate::body::decode::decode_with(text, |piece| piece.bytes().all(|b| window.push(b)));
        // A date that ends the text has no byte after it: a space closes the window.
        window.push(b' ');
        window.found
    }

    /// Parses exactly `YYYY-MM-DD HH:MM:SS`.
    fn parse_exact(s: &[u8]) -> Option<Self> {
        let [
            y0,
            y1,
            y2,
            y3,
            b'-',
            m0,
            m1,
            b'-',
            d0,
            d1,
            b' ' | b'T',
            h0,
            h1,
            b':',
            n0,
            n1,
            b':',
            s0,
            s1,
        ] = *s
        else {
            return None;
        };
        // All fourteen digits checked at once, then plain arithmetic.
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1, h0, h1, n0, n1, s0, s1];
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let two = |tens: u8, ones: u8| (tens - b'0') * 10 + (ones - b'0');
        Self::new(
            u16::from(two(y0, y1)) * 100 + u16::from(two(y2, y3)),
            two(m0, m1),
            two(d0, d1),
            two(h0, h1),
            two(n0, n1),
            two(s0, s1),
        )
    }

    /// The year.
    pub const fn year(&self) -> u16 {
        self.year
    }
    /// The month, 1–12.
    pub const fn month(&self) -> u8 {
        self.month
    }
    /// The day of the month, 1–31.
    pub const fn day(&self) -> u8 {
        self.day
    }
    /// The hour, 0–23.
    pub const fn hour(&self) -> u8 {
        self.hour
    }
    /// The minute, 0–59.
    pub const fn minute(&self) -> u8 {
        self.minute
    }
    /// The second, 0–59.
    pub const fn second(&self) -> u8 {
        self.second
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub const fn to_unix_seconds(&self) -> i64 {
        // Days from the civil date (H. Hinnant's algorithm), with March as the first month.
        let (month, year) = (self.month as i64, self.year as i64);
        let year = if month <= 2 { year - 1 } else { year };
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month_from_march = (month + 9) % 12;
        let day_of_year = (153 * month_from_march + 2) / 5 + self.day as i64 - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        let days = era * 146_097 + day_of_era - 719_468;
        days * 86_400 + self.hour as i64 * 3600 + self.minute as i64 * 60 + self.second as i64
            - UTC_OFFSET_SECONDS
    }
}

impl BeijingTime {
    /// The Beijing time of a Unix time (seconds since 1970-01-01T00:00:00Z), for years 0–65535;
    /// `None` outside them. The inverse of [`BeijingTime::to_unix_seconds`].
    ///
    /// ```
    /// let t = zai_errors::BeijingTime::from_unix_seconds(1_779_708_169).unwrap();
    /// assert_eq!(t.to_string(), "2026-05-25T19:22:49+08:00");
    /// ```
    pub fn from_unix_seconds(unix: i64) -> Option<Self> {
        let local = unix.checked_add(UTC_OFFSET_SECONDS)?;
        let (days, second_of_day) = (local.div_euclid(86_400), local.rem_euclid(86_400));
        // The civil date of a day count (H. Hinnant's algorithm), with March as the first month.
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_from_march = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
        let month = if month_from_march < 10 {
            month_from_march + 3
        } else {
            month_from_march - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Self::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
            u8::try_from(second_of_day / 3600).ok()?,
            u8::try_from(second_of_day % 3600 / 60).ok()?,
            u8::try_from(second_of_day % 60).ok()?,
        )
    }
}

/// RFC 3339 with the `+08:00` offset, e.g. `2026-05-25T19:22:49+08:00`.
impl core::fmt::Display for BeijingTime {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+08:00",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// The last 21 bytes of a text as it streams by (a ring), for [`BeijingTime::find_in_json`].
struct DateWindow {
    /// Spaces at first: the start of the text counts as a non-digit before a date.
    bytes: [u8; 21],
    /// Where the next byte goes: the oldest byte.
    next: usize,
    found: Option<BeijingTime>,
}

impl DateWindow {
    fn new() -> Self {
        Self {
            bytes: [b' '; 21],
            next: 0,
            found: None,
        }
    }

    /// The `k`-th oldest byte.
    fn at(&self, k: usize) -> u8 {
        self.bytes
            .get((self.next + k) % 21)
            .copied()
            .unwrap_or(b' ')
    }

    /// Takes the next byte; `false` once a date was found (the first one counts).
    fn push(&mut self, byte: u8) -> bool {
        if self.found.is_some() {
            return false;
        }
        if let Some(slot) = self.bytes.get_mut(self.next) {
            *slot = byte;
        }
        self.next = (self.next + 1) % 21;
        // A date in the middle 19 bytes, not part of a longer run of digits (its dash first).
        if self.at(5) == b'-' && !self.at(0).is_ascii_digit() && !self.at(20).is_ascii_digit() {
            let date: [u8; 19] = core::array::from_fn(|k| self.at(k + 1));
            self.found = BeijingTime::parse_exact(&date);
        }
        self.found.is_none()
    }
}
