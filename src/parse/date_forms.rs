//! The ways notes write a date (README: "The note format"): `2026-11-02`,
//! with a time after it as Obsidian and other tools write date-times
//! (`2026-11-02T09:30`, `2026-11-02 09:30:00.5+02:00`, YAML timestamps), and
//! as an Obsidian daily-note link (`[[2026-11-02]]`, `[[2026-11-02|Mon]]`).
//! The day is the one written: a time zone moves nothing.

use chrono::NaiveDate;

use crate::model::parse_date;
use crate::parse::wikilink::WikiLink;
use crate::yaml::looks_like_date;

/// What a text says as a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm<'a> {
    /// A date in one of the forms.
    Date(NaiveDate),
    /// One of the forms, but its `YYYY-MM-DD` is not on the calendar
    /// (`2026-02-30`): the day as written.
    Impossible(&'a str),
    /// Not a date.
    NotADate,
}

/// Reads `text` (spaces around it allowed) as a date in any of the forms.
pub fn read(text: &str) -> DateForm<'_> {
    let text = text.trim();
    let text = WikiLink::parse(text).map_or(text, |link| link.target);
    let (Some(day), Some(rest)) = (text.get(..10), text.get(10..)) else { return DateForm::NotADate };
    if !looks_like_date(day) || !(rest.is_empty() || is_time(rest)) {
        return DateForm::NotADate;
    }
    parse_date(day).map_or(DateForm::Impossible(day), DateForm::Date)
}

/// Whether `text` is a time after a date: `T` (or spaces), `H:MM` or
/// `HH:MM`, optional `:SS` and fraction, then an optional zone `Z` or
/// `+HH:MM` (`+HHMM`, `+HH`), spaces allowed before the zone.
fn is_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    let rest = match bytes.split_first() {
        Some((b'T' | b't', rest)) => rest,
        Some((b' ' | b'\t', _)) => trim_blanks(bytes),
        _ => return false,
    };
    let Some((hour, rest)) = number(rest, 1, 2) else { return false };
    let Some((minute, mut rest)) = rest.strip_prefix(b":").and_then(|rest| number(rest, 2, 2)) else {
        return false;
    };
    if let Some((second, after)) = rest.strip_prefix(b":").and_then(|rest| number(rest, 2, 2)) {
        if second > 60 {
            return false;
        }
        rest = after;
        if let Some(fraction) = rest.strip_prefix(b".") {
            let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
            rest = fraction.get(digits..).unwrap_or_default();
        }
    }
    hour <= 23 && minute <= 59 && is_zone(trim_blanks(rest))
}

/// Whether `bytes` is nothing, `Z`, or an offset `+HH`, `+HHMM`, `+HH:MM`
/// (or `-`).
fn is_zone(bytes: &[u8]) -> bool {
    match bytes.split_first() {
        None => true,
        Some((b'Z' | b'z', rest)) => rest.is_empty(),
        Some((b'+' | b'-', rest)) => {
            let Some((hours, rest)) = number(rest, 2, 2) else { return false };
            let minutes = match rest {
                [] => Some(0),
                _ => number(rest.strip_prefix(b":").unwrap_or(rest), 2, 2)
                    .and_then(|(minutes, rest)| rest.is_empty().then_some(minutes)),
            };
            hours <= 23 && minutes.is_some_and(|minutes| minutes <= 59)
        }
        Some(_) => false,
    }
}

/// `bytes` without the spaces and tabs it starts with.
fn trim_blanks(bytes: &[u8]) -> &[u8] {
    let blanks = bytes.iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
    bytes.get(blanks..).unwrap_or_default()
}

/// The number written with `min` to `max` ASCII digits at the start of
/// `bytes`, and what follows them.
fn number(bytes: &[u8], min: usize, max: usize) -> Option<(u32, &[u8])> {
    let count = bytes.iter().take(max).take_while(|b| b.is_ascii_digit()).count();
    if count < min {
        return None;
    }
    let (digits, rest) = bytes.split_at_checked(count)?;
    let value = digits.iter().fold(0, |value, digit| value * 10 + u32::from(digit - b'0'));
    Some((value, rest))
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
}
