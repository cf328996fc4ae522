//! The vocabulary shared by every stage: channels, outcomes, stages,
//! durations and limits; the keyword table ([`keywords`]), the playbooks
//! ([`playbook`]), the `contacts:` selection ([`select`]), the team's
//! owners ([`owner`]), written dates ([`date_forms`]), wikilinks
//! ([`wikilink`]), spans of text ([`span`]) and sentences written without
//! `core::fmt` ([`text`]). Plain data with parsing from the words users
//! write: the config (discover) and the notes (parse) are read with it, and
//! no module here imports a stage.

pub(crate) mod date_forms;
pub(crate) mod keywords;
pub(crate) mod owner;
pub(crate) mod playbook;
pub(crate) mod select;
pub(crate) mod span;
pub(crate) mod text;
pub(crate) mod wikilink;

use std::fmt;

use chrono::{Months, NaiveDate, NaiveTime};

/// The config file's name, at the root of the vault.
pub const CONFIG_FILE: &str = "nudge.yaml";

/// How a touch reached the other person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    /// A phone call.
    Call,
    /// An email.
    Email,
    /// A text, DM or LinkedIn message.
    Message,
    /// A letter or card.
    Letter,
    /// A meeting in person or by video.
    Meeting,
    /// Anything else (unknown keywords, replies with no channel).
    Other,
}

/// Who engaged: `Out` is the user reaching out, `In` the other person engaging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// The user reached out.
    Out,
    /// The other person engaged: a reply, a call back, a conversation.
    In,
}

/// What came of a touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// An outbound attempt with no particular result.
    Attempt,
    /// A voicemail was left.
    Voicemail,
    /// Nobody answered.
    NoAnswer,
    /// They replied.
    Reply,
    /// A live conversation or meeting.
    Conversation,
    /// They said no, not now (R10).
    NotInterested,
    /// They asked not to be contacted again (R11).
    Stop,
    /// The matter is over: won, hired, signed, lost.
    Closed,
}

/// The manual override of a contact's state (`stage:` in the front matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// The default: the state is derived from the touches.
    Active,
    /// Slow, useful cadence (R10).
    Nurture,
    /// Finished.
    Closed,
    /// Never contact again (R11).
    Stopped,
}

/// A wait between two touches: days, weeks or calendar months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Duration {
    /// A number of days.
    Days(u32),
    /// A number of weeks.
    Weeks(u32),
    /// A number of calendar months (clamped to the month's last day).
    Months(u32),
}

/// How many unanswered attempts a playbook allows before the last shot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// This many attempts.
    After(u32),
    /// The cadence never ends.
    Never,
}

/// What happens after the last shot goes unanswered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Then {
    /// Move to the slow nurture cadence (R10).
    Nurture,
    /// Stop following up (R9).
    Dormant,
}

macro_rules! word_enum {
    ($ty:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl $ty {
            /// Every accepted word, in table order.
            pub const WORDS: &'static [&'static str] = &[$($word),+];

            /// The word users write for this value.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $word),+ }
            }

            /// Parses the word users write (case-insensitive).
            pub fn from_word(word: &str) -> Option<Self> {
                $(if word.eq_ignore_ascii_case($word) { return Some(Self::$variant); })+
                None
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum!(Channel { Call => "call", Email => "email", Message => "message", Letter => "letter", Meeting => "meeting", Other => "other" });
word_enum!(Direction { Out => "out", In => "in" });
word_enum!(Outcome {
    Attempt => "attempt", Voicemail => "voicemail", NoAnswer => "no-answer", Reply => "reply",
    Conversation => "conversation", NotInterested => "not-interested", Stop => "stop", Closed => "closed",
});
word_enum!(Stage { Active => "active", Nurture => "nurture", Closed => "closed", Stopped => "stopped" });
word_enum!(Then { Nurture => "nurture", Dormant => "dormant" });

impl Outcome {
    /// Whether an outbound touch with this outcome counts as an attempt.
    pub fn is_attempt(self) -> bool {
        matches!(self, Self::Attempt | Self::Voicemail | Self::NoAnswer)
    }
}

impl Duration {
    /// Parses `3`, `3d`, `2w` or `3m`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let (digits, unit) = match text.char_indices().last()? {
            (i, c) if c.is_ascii_alphabetic() => (&text[..i], c.to_ascii_lowercase()),
            _ => (text, 'd'),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let count: u32 = digits.parse().ok()?;
        match unit {
            'd' => Some(Self::Days(count)),
            'w' => Some(Self::Weeks(count)),
            'm' => Some(Self::Months(count)),
            _ => None,
        }
    }

    /// `date` plus this duration; `None` past the end of the calendar.
    pub fn after(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Self::Days(n) => date.checked_add_days(chrono::Days::new(n.into())),
            Self::Weeks(n) => date.checked_add_days(chrono::Days::new(u64::from(n) * 7)),
            Self::Months(n) => date.checked_add_months(Months::new(n)),
        }
    }

    /// The duration in words: `3 days`, `1 week`, `2 months`.
    pub fn words(self) -> DurationWords {
        DurationWords(self)
    }
}

/// A [`Duration`] in words: see [`Duration::words`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DurationWords(Duration);

impl DurationWords {
    /// How many of which unit: `(3, "day")`.
    fn number_and_unit(self) -> (u32, &'static str) {
        match self.0 {
            Duration::Days(n) => (n, "day"),
            Duration::Weeks(n) => (n, "week"),
            Duration::Months(n) => (n, "month"),
        }
    }
}

impl fmt::Display for DurationWords {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        text::Put::put(self, f)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Days(n) => write!(f, "{n}d"),
            Self::Weeks(n) => write!(f, "{n}w"),
            Self::Months(n) => write!(f, "{n}m"),
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::After(n) => write!(f, "{n}"),
            Self::Never => f.write_str("never"),
        }
    }
}

/// Parses a strict ISO date `YYYY-MM-DD`; `None` when it is not one. Every
/// touch goes through here, so the digits are read directly rather than
/// through chrono's format parser (which agrees: see the tests).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let (year, month, day) = year_month_day(text.as_bytes())?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The year, month and day numbers of `bytes` when they are exactly
/// `YYYY-MM-DD` (ASCII digits and dashes), on the calendar or not. Every
/// touch's date comes here: the ten bytes are checked in two words, not
/// one by one (a byte of a digit's place XORed with `0`, of a dash's with
/// `-`, must leave at most 9, or 0).
#[inline]
pub(crate) fn year_month_day(bytes: &[u8]) -> Option<(i32, u32, u32)> {
    let (head, tail) = bytes.split_first_chunk::<8>()?;
    let tail: &[u8; 2] = tail.try_into().ok()?;
    // Bytes 0 to 7 (`YYYY-MM-`), the first one lowest.
    let head = u64::from_le_bytes(*head) ^ 0x2D30_302D_3030_3030;
    let tail = u16::from_le_bytes(*tail) ^ 0x3030;
    // Adding 0x76 to a digit's value (0x7F to a dash's) leaves the high bit
    // clear exactly when it is at most 9 (0); a byte with the high bit set
    // already fails through the `|` (and its carry only reaches later bytes).
    let high = (head.wrapping_add(0x7F76_767F_7676_7676) | head) & 0x8080_8080_8080_8080;
    if high != 0 || (tail.wrapping_add(0x7676) | tail) & 0x8080 != 0 {
        return None;
    }
    let [y1, y2, y3, y4, _, m1, m2, _] = head.to_le_bytes().map(u32::from);
    let [d1, d2] = tail.to_le_bytes().map(u32::from);
    // At most 9999: the cast keeps it.
    Some(((y1 * 1000 + y2 * 100 + y3 * 10 + y4) as i32, m1 * 10 + m2, d1 * 10 + d2))
}

/// A date shown as `YYYY-MM-DD`, written in one piece: chrono's own
/// `Display` pads each field through the formatter, and the agenda prints
/// several dates for each of tens of thousands of contacts. Years outside
/// 0..=9999 are left to chrono.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Iso(pub NaiveDate);

impl std::fmt::Display for Iso {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        text::Put::put(self, f)
    }
}

/// Reads the time of day `text` starts with: `H:MM` or `HH:MM`, then `:SS`
/// when written (00:00 to 23:59:59); the time and how many bytes it took.
/// What follows it is the caller's to judge.
pub(crate) fn read_time(text: &str) -> Option<(NaiveTime, usize)> {
    let bytes = text.as_bytes();
    let hour_len = bytes.iter().take(3).take_while(|byte| byte.is_ascii_digit()).count();
    if !(1..=2).contains(&hour_len) || bytes.get(hour_len) != Some(&b':') {
        return None;
    }
    let hour = digits(bytes.get(..hour_len)?)?;
    let minute = digits(bytes.get(hour_len + 1..hour_len + 3)?)?;
    let seconds = bytes.get(hour_len + 3..hour_len + 6).and_then(|tail| match tail {
        [b':', s1, s2] => digits(&[*s1, *s2]),
        _ => None,
    });
    let time = NaiveTime::from_hms_opt(hour, minute, seconds.unwrap_or(0))?;
    Some((time, hour_len + if seconds.is_some() { 6 } else { 3 }))
}

/// The number written with the ASCII digits `bytes`; `None` if one is not a digit.
pub(crate) fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |number, byte| byte.is_ascii_digit().then(|| number * 10 + u32::from(byte - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The two-word check reads what a check byte by byte reads: digits
        /// and dashes in their places (one byte perhaps changed to any
        /// other), and their numbers.
        #[test]
        fn a_dates_ten_bytes_are_read_as_byte_by_byte(
            date in "[0-9]{4}-[0-9]{2}-[0-9]{2}", at in 0usize..11, byte in proptest::num::u8::ANY, changed: bool,
        ) {
            let mut bytes = date.into_bytes();
            if changed {
                match bytes.get_mut(at) {
                    Some(place) => *place = byte,
                    None => bytes.push(byte),
                }
            }
            let expected = match bytes.as_slice() {
                [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] => digits(&[*y1, *y2, *y3, *y4])
                    .zip(digits(&[*m1, *m2]))
                    .zip(digits(&[*d1, *d2]))
                    .map(|((year, month), day)| (year as i32, month, day)),
                _ => None,
            };
            proptest::prop_assert_eq!(year_month_day(&bytes), expected);
        }

        /// `Iso` prints what chrono prints.
        #[test]
        fn iso_dates_print_as_chrono_prints_them(days in -800_000i32..4_000_000) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap_or_default();
            proptest::prop_assert_eq!(Iso(date).to_string(), date.to_string());
        }
    }

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap_or_default()
    }

    #[test]
    fn durations_parse_days_weeks_months_and_plain_numbers() {
        assert_eq!(Duration::parse("3"), Some(Duration::Days(3)));
        assert_eq!(Duration::parse("3d"), Some(Duration::Days(3)));
        assert_eq!(Duration::parse("2w"), Some(Duration::Weeks(2)));
        assert_eq!(Duration::parse("3M"), Some(Duration::Months(3)));
        for bad in ["3x", "-2d", "", "d", "1.5d", "2 w", "99999999999d"] {
            assert_eq!(Duration::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_month_from_the_31st_clamps_to_the_last_day() {
        assert_eq!(Duration::Months(1).after(date("2026-01-31")), Some(date("2026-02-28")));
        assert_eq!(Duration::Months(1).after(date("2028-01-31")), Some(date("2028-02-29")));
        assert_eq!(Duration::Weeks(2).after(date("2026-12-25")), Some(date("2027-01-08")));
    }

    #[test]
    fn adding_past_the_end_of_the_calendar_is_none() {
        assert_eq!(Duration::Days(3).after(NaiveDate::MAX), None);
    }

    /// Whether `text` has the ASCII digits and separators of `pattern` (`9` a digit).
    fn shaped(text: &str, pattern: &str) -> bool {
        text.len() == pattern.len()
            && text.bytes().zip(pattern.bytes()).all(|(b, p)| if p == b'9' { b.is_ascii_digit() } else { b == p })
    }

    proptest::proptest! {
        #[test]
        fn dates_and_times_agree_with_chrono_formats(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9-]{8,11}|[0-9]{2}:[0-9]{2}|[0-9:]{4,6}|[0-9+ -]{10}") {
            let date = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok().filter(|_| shaped(&text, "9999-99-99"));
            let time = NaiveTime::parse_from_str(&text, "%H:%M").ok().filter(|_| shaped(&text, "99:99"));
            proptest::prop_assert_eq!(parse_date(&text), date);
            proptest::prop_assert_eq!(read_time(&text).filter(|(_, len)| *len == 5 && text.len() == 5).map(|(time, _)| time), time);
        }
    }

    #[test]
    fn times_are_hours_minutes_and_seconds_when_written() {
        let time = |h, m, s| NaiveTime::from_hms_opt(h, m, s);
        assert_eq!(read_time("09:05"), Some((time(9, 5, 0).unwrap(), 5)));
        assert_eq!(read_time("9:05 call"), Some((time(9, 5, 0).unwrap(), 4)), "H:MM");
        assert_eq!(read_time("14:30:15Z"), Some((time(14, 30, 15).unwrap(), 8)), "HH:MM:SS");
        assert_eq!(read_time("14:30:1"), Some((time(14, 30, 0).unwrap(), 5)), "no seconds: the rest is not read");
        for bad in ["24:00", "12:60", "09:5", "09.05", "+9:05", "123:05", "", "12:61:00", "23:59:60"] {
            assert_eq!(read_time(bad).filter(|(_, len)| *len == bad.len()), None, "{bad}");
        }
    }

    #[test]
    fn dates_are_strict_iso() {
        assert_eq!(parse_date("2026-11-14"), Some(date("2026-11-14")));
        for bad in ["2026-02-30", "2026-13-45", "2026-1-14", "26-11-14", "2026-11-14x", "２０２６-11-14"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
