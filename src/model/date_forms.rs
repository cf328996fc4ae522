//! The ways notes write a date (docs/src/touches.md, and "Front matter as
//! Obsidian writes it" in docs/src/note-format.md), read the same wherever a date is written: a touch's
//! date and its `next:` (a date at a place in a list item's text, and how
//! far it goes) and the front matter's `added`/`next` (a whole value).
//!
//! A date is `2026-11-02`, with a time after a `T` or a space as Obsidian
//! and other tools write date-times (`2026-11-02T09:30`,
//! `2026-11-02 09:30:00.5+02:00`, `2026-11-02 9:30 pm`), or an Obsidian
//! daily-note link (`[[2026-11-02]]`, `[[2026-11-02|Mon]]`, a time after
//! it or inside it). The day is the one written: a time zone moves nothing.
//! Works on borrowed text: nothing is allocated (the touch grammar reads
//! every list item of every note).

use chrono::{NaiveDate, NaiveTime, Timelike};

use crate::model::wikilink::WikiLink;
use crate::model::{digits, read_time, year_month_day};
use crate::spaces;

/// What a whole text (a front matter value) says as a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateForm<'a> {
    /// A date in one of the forms.
    Date(NaiveDate),
    /// One of the forms, but its `YYYY-MM-DD` is not on the calendar
    /// (`2026-02-30`): the day as written.
    Impossible(&'a str),
    /// Not a date.
    NotADate,
}

/// Reads `text` (whitespace around it allowed) as a date in any of the
/// forms: the whole text must be one.
pub(crate) fn read(text: &str) -> DateForm<'_> {
    let text = text.trim();
    match WrittenDate::at_start(text) {
        Some(written) if written.len == text.len() => {
            written.date().map_or(DateForm::Impossible(written.day), DateForm::Date)
        }
        _ => DateForm::NotADate,
    }
}

/// A date form at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WrittenDate<'a> {
    /// The `YYYY-MM-DD` part as written, perhaps not on the calendar.
    pub day: &'a str,
    /// The offset of [`Self::day`] in the text (after `[[`).
    pub day_offset: usize,
    /// The time written with the date, when there is one.
    pub time: Option<NaiveTime>,
    /// The day as a date, read once with its shape; `None` when it is not
    /// on the calendar.
    date: Option<NaiveDate>,
    /// How many bytes of the text the whole form takes.
    pub len: usize,
}

impl<'a> WrittenDate<'a> {
    /// The date form `text` starts with, the longest one. What follows it is
    /// the caller's to judge (see [`ends_token`]); only a time after a space
    /// is taken when a word ends after it, else it is left to be read as a
    /// word (`2026-11-18 9:30x`).
    pub(crate) fn at_start(text: &'a str) -> Option<Self> {
        let Some(inside) = text.strip_prefix("[[") else {
            return Self::dated(text);
        };
        // Byte by byte: `str::find` sets up a two-way search for the two bytes.
        let bytes = inside.as_bytes();
        let close = bytes.iter().zip(bytes.iter().skip(1)).position(|pair| pair == (&b']', &b']'))?;
        let inner = inside.get(..close)?;
        let target = WikiLink::inside(inner)?.target;
        let written = Self::dated(target).filter(|written| written.len == target.len())?;
        let linked = Self { day_offset: 2 + inner.len() - spaces::trim_start(inner).len(), len: close + 4, ..written };
        Some(if linked.time.is_some() { linked } else { linked.with_time_after(text) })
    }

    /// The day as a date; `None` when it is not on the calendar.
    pub(crate) fn date(&self) -> Option<NaiveDate> {
        self.date
    }

    /// `YYYY-MM-DD`, then a time after a `T` (which must be one) or after
    /// spaces.
    fn dated(text: &'a str) -> Option<Self> {
        let (year, month, day) = year_month_day(text.as_bytes().get(..10)?)?;
        let date = NaiveDate::from_ymd_opt(year, month, day);
        let written = Self { day: text.get(..10)?, day_offset: 0, time: None, date, len: 10 };
        // A byte, not a `char` pattern: every touch's date comes here.
        match text.as_bytes().get(10).filter(|byte| matches!(byte, b'T' | b't')).and_then(|_| text.get(11..)) {
            Some(after) => {
                let (time, len) = clock(after)?;
                Some(Self { time: Some(time), len: 11 + len, ..written })
            }
            None => Some(written.with_time_after(text)),
        }
    }

    /// The form with the time written after it and spaces (`14:30`), when
    /// there is one that ends a word.
    fn with_time_after(self, text: &str) -> Self {
        match time_after(text, self.len) {
            Some((time, len)) => Self { time: Some(time), len, ..self },
            None => self,
        }
    }
}

/// The time written after byte `at` of `text` and spaces (`14:30`), when
/// there is one that ends a word, and where it ends. Apart from the form it
/// follows: every touch's date comes here, and most are let go at the
/// keyword's first letter without copying the form.
fn time_after(text: &str, at: usize) -> Option<(NaiveTime, usize)> {
    let after = text.as_bytes().get(at..)?;
    let blanks = match after {
        [b' ' | b'\t', b'0'..=b'9', ..] => 1,
        [b' ' | b'\t', b' ' | b'\t', ..] => after.iter().take_while(|byte| matches!(byte, b' ' | b'\t')).count(),
        _ => return None,
    };
    if !after.get(blanks).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let word = text.get(at + blanks..)?;
    let (time, len) = clock(word).filter(|(_, len)| ends_token(word.get(*len..).unwrap_or_default()))?;
    Some((time, at + blanks + len))
}

/// Whether a date, time or zone ends where `after` starts: at the end, a
/// space, a tab, a line end or a `:`.
pub(crate) fn ends_token(after: &str) -> bool {
    after.is_empty() || after.starts_with([' ', '\t', ':', '\n', '\r'])
}

/// `text`, all of it, as a time of day in a form a touch line takes
/// after its date (`14:30`, `9:30`, `9:30pm`, `9:30 PM`, `14:30:00`): for
/// `nudge log --time`, which takes what a touch line takes.
pub(crate) fn time_of_day(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    clock(text).filter(|(_, len)| *len == text.len()).map(|(time, _)| time)
}

/// The time of day `text` starts with and its length: `H:MM` or `HH:MM`,
/// `:SS` when written, a fraction of a second (`.250`, `,5`), then, after
/// spaces or not, `am`/`pm` (`AM`, `a.m.`: the hour 1 to 12) or a zone
/// (`Z`, `+HH:MM`, `+HHMM`, `+HH`, `-...`) when a word ends after it.
fn clock(text: &str) -> Option<(NaiveTime, usize)> {
    let (mut time, mut len) = read_time(text)?;
    let bytes = text.as_bytes();
    if matches!(bytes.get(len), Some(b'.' | b',')) {
        len += 1 + bytes.iter().skip(len + 1).take_while(|byte| byte.is_ascii_digit()).count();
    }
    let after = text.get(len..).unwrap_or_default();
    let word = trim_blanks(after);
    let blanks = after.len() - word.len();
    if let Some((pm, meridiem_len)) = meridiem(word) {
        time = twelve_hour(time, pm)?;
        len += blanks + meridiem_len;
    } else if let Some(zone_len) = zone(word) {
        len += blanks + zone_len;
    }
    Some((time, len))
}

/// The `am`/`pm` (`AM`, `a.m.`) ending a word that `word` starts with:
/// whether it is `pm`, and its length.
fn meridiem(word: &str) -> Option<(bool, usize)> {
    let bytes = word.as_bytes();
    let pm = match bytes.first()? {
        b'a' | b'A' => false,
        b'p' | b'P' => true,
        _ => return None,
    };
    let len = match bytes.get(1..) {
        Some([b'm' | b'M', ..]) => 2,
        Some([b'.', b'm' | b'M', b'.', ..]) => 4,
        _ => return None,
    };
    ends_token(word.get(len..).unwrap_or_default()).then_some((pm, len))
}

/// A time read on a 12-hour clock: the hour must be 1 to 12.
fn twelve_hour(time: NaiveTime, pm: bool) -> Option<NaiveTime> {
    let hour = time.hour();
    if !(1..=12).contains(&hour) {
        return None;
    }
    time.with_hour(hour % 12 + if pm { 12 } else { 0 })
}

/// The length of the time zone ending a word that `word` starts with: `Z`,
/// or an offset `+HH:MM`, `+HHMM`, `+HH` (or `-`) of at most 23:59.
fn zone(word: &str) -> Option<usize> {
    let bytes = word.as_bytes();
    let lengths: &[usize] = match bytes.first()? {
        b'Z' | b'z' => &[1],
        b'+' | b'-' => &[6, 5, 3],
        _ => return None,
    };
    let offset = |len: usize| {
        let minutes = match len {
            6 => bytes.get(3..6).and_then(|colon| colon.strip_prefix(b":")).and_then(digits),
            5 => bytes.get(3..5).and_then(digits),
            _ => Some(0),
        };
        bytes.get(1..3).and_then(digits).is_some_and(|hours| hours <= 23)
            && minutes.is_some_and(|minutes| minutes <= 59)
    };
    lengths.iter().copied().find(|&len| (len == 1 || offset(len)) && ends_token(word.get(len..).unwrap_or_default()))
}

/// `text` without the spaces and tabs it starts with.
fn trim_blanks(text: &str) -> &str {
    let blanks = text.bytes().take_while(|byte| matches!(byte, b' ' | b'\t')).count();
    text.get(blanks..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> DateForm<'static> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map_or(DateForm::NotADate, DateForm::Date)
    }

    #[test]
    fn every_form_obsidian_and_other_tools_write_is_the_day_written() {
        for text in [
            "2026-11-02",
            "2026-11-02T09:30",
            "2026-11-02T09:30:00",
            "2026-11-02t9:30:00.123456",
            "2026-11-02 09:30",
            "2026-11-02  09:30:00Z",
            "2026-11-02T23:30:00+02:00",
            "2026-11-02T01:30-0500",
            "2026-11-02T01:30:59.5 -05",
            "2026-11-02 09:30:00 Z",
            " 2026-11-02 ",
            "[[2026-11-02]]",
            "[[2026-11-02|Mon]]",
            "[[2026-11-02T09:30|Mon morning]]",
        ] {
            assert_eq!(read(text), day("2026-11-02"), "{text:?}");
        }
    }

    #[test]
    fn an_impossible_day_is_told_from_other_text() {
        assert_eq!(read("2026-02-30"), DateForm::Impossible("2026-02-30"));
        assert_eq!(read("[[2026-02-30]]"), DateForm::Impossible("2026-02-30"));
        assert_eq!(read("2026-02-30T09:30"), DateForm::Impossible("2026-02-30"));
        for text in [
            "soon",
            "",
            "2026-11-2",
            "2026-11-02x",
            "2026-11-02T",
            "2026-11-02T9",
            "2026-11-02T24:00",
            "2026-11-02T09:60",
            "2026-11-02T09:30:61",
            "2026-11-02T09:30+5",
            "2026-11-02T09:30 EST",
            "2026-11-02 and more",
            "[[2026-11-02]] x",
            "[[Globex]]",
        ] {
            assert_eq!(read(text), DateForm::NotADate, "{text:?}");
        }
    }

    fn at_start(text: &str) -> Option<(&str, usize, Option<NaiveTime>, usize)> {
        WrittenDate::at_start(text).map(|written| (written.day, written.day_offset, written.time, written.len))
    }

    fn time(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn a_date_at_a_place_says_how_far_it_goes() {
        let day = "2026-11-02";
        assert_eq!(at_start("2026-11-02 call"), Some((day, 0, None, 10)));
        assert_eq!(at_start("2026-11-02: call"), Some((day, 0, None, 10)));
        assert_eq!(at_start("2026-11-02T09:30+01:00 call"), Some((day, 0, time(9, 30), 22)));
        assert_eq!(at_start("2026-11-02 9:30 pm call"), Some((day, 0, time(21, 30), 18)));
        assert_eq!(at_start("2026-11-02\t09:30Z: call"), Some((day, 0, time(9, 30), 17)));
        assert_eq!(at_start("[[2026-11-02|Mon]] 14:30 call"), Some((day, 2, time(14, 30), 24)));
        assert_eq!(at_start("[[ 2026-11-02T14:30 ]] call"), Some((day, 3, time(14, 30), 22)));
        assert_eq!(at_start("2026-02-30T09:30 call"), Some(("2026-02-30", 0, time(9, 30), 16)));
        assert_eq!(at_start("[[2026-02-30|Mon]]"), Some(("2026-02-30", 2, None, 18)));
        for text in [
            "2026-11-2 call",
            "2026-11-02T call",
            "[[2026-11-02",
            "[[2026-11-02|a]b]]",
            "[[Globex]] 2026-11-02",
            "call",
        ] {
            assert_eq!(at_start(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_time_after_a_space_is_taken_only_when_a_word_ends_after_it() {
        for (text, expected) in [
            ("2026-11-02 9:30x", None),
            ("2026-11-02 13:30pm", None),
            ("2026-11-02 9:30 pmeeting", time(9, 30)),
            ("2026-11-02 9:30 Zoom", time(9, 30)),
            ("2026-11-02 9:30 +0100abc", time(9, 30)),
            ("2026-11-02 25:99", None),
            ("2026-11-02 12:05a.m.", time(0, 5)),
        ] {
            assert_eq!(WrittenDate::at_start(text).and_then(|written| written.time), expected, "{text:?}");
        }
    }

    #[test]
    fn touch_times_are_front_matter_times_too() {
        for text in ["2026-11-02 9:30 pm", "2026-11-02T09:30.5", "[[2026-11-02]] 14:30", "[[2026-11-02 09:30|Mon]]"] {
            assert_eq!(read(text), day("2026-11-02"), "{text:?}");
        }
    }
}
