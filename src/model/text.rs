//! Sentences written piece by piece without `core::fmt`'s machinery: the
//! agenda writes a reason, a due date and a last touch for each of tens of
//! thousands of contacts, and `write!` costs a dynamic call and a padding
//! check for every piece. [`put!`] writes the same pieces as
//! `write!` with `{}` would (text, numbers, dates), each straight into the
//! writer: into a `String` that is a copy. The `Display` of each sentence
//! writes through it too, so both print the same bytes.

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::model::{DurationWords, Iso};

/// A piece of a sentence, written as `{}` prints it.
pub(crate) trait Put {
    /// Writes the piece to `out`.
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result;
}

/// Writes each piece (a [`Put`]) to `out` in turn: `put!(out, "due ",
/// Iso(day), " (", days, " days)")` prints what `write!(out, "due {} ({}
/// days)", Iso(day), days)` prints. Stops at the first error.
macro_rules! put {
    ($out:expr, $($piece:expr),+ $(,)?) => {{
        let out = &mut *$out;
        let mut result = ::std::fmt::Result::Ok(());
        $(
            if result.is_ok() {
                result = $crate::model::text::Put::put(&$piece, &mut *out);
            }
        )+
        result
    }};
}
pub(crate) use put;

impl<T: Put + ?Sized> Put for &T {
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        (**self).put(out)
    }
}

impl Put for str {
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        out.write_str(self)
    }
}

impl Put for String {
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        out.write_str(self)
    }
}

impl Put for u64 {
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        let mut rest = *self;
        loop {
            start -= 1;
            if let Some(slot) = digits.get_mut(start) {
                // The last digit: below 10.
                *slot = b'0' + (rest % 10) as u8;
            }
            rest /= 10;
            if rest == 0 || start == 0 {
                break;
            }
        }
        out.write_str(std::str::from_utf8(digits.get(start..).unwrap_or_default()).unwrap_or_default())
    }
}

impl Put for u32 {
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        u64::from(*self).put(out)
    }
}

impl Put for usize {
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        // usize is at most 64 bits on every target Rust supports.
        (*self as u64).put(out)
    }
}

impl Put for i64 {
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        if *self < 0 {
            out.write_char('-')?;
        }
        self.unsigned_abs().put(out)
    }
}

impl Put for Iso {
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        match iso_digits(self.0) {
            Some(text) => out.write_str(std::str::from_utf8(&text).unwrap_or_default()),
            None => write!(out, "{}", self.0),
        }
    }
}

/// `YYYY-MM-DD` for a year in 0..=9999 (chrono prints the others): two
/// digits at a time from a table.
pub(super) fn iso_digits(date: NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(date.year()).ok().filter(|&year| year <= 9999)?;
    let pair = |value: u32| {
        let at = 2 * value as usize;
        let digits = TWO_DIGITS.get(at..at + 2).unwrap_or(b"00");
        [digits.first().copied().unwrap_or(b'0'), digits.get(1).copied().unwrap_or(b'0')]
    };
    let ([y1, y2], [y3, y4]) = (pair(year / 100), pair(year % 100));
    let ([m1, m2], [d1, d2]) = (pair(date.month()), pair(date.day()));
    Some([y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2])
}

/// `00` to `99`, one after the other.
const TWO_DIGITS: &[u8; 200] = b"\
    0001020304050607080910111213141516171819\
    2021222324252627282930313233343536373839\
    4041424344454647484950515253545556575859\
    6061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899";

impl Put for DurationWords {
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        let (n, unit) = self.number_and_unit();
        if n == 1 { put!(out, "1 ", unit) } else { put!(out, n, " ", unit, "s") }
    }
}

impl Put for Weekday {
    /// `Mon`, as chrono prints it.
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        out.write_str(match self {
            Weekday::Mon => "Mon",
            Weekday::Tue => "Tue",
            Weekday::Wed => "Wed",
            Weekday::Thu => "Thu",
            Weekday::Fri => "Fri",
            Weekday::Sat => "Sat",
            Weekday::Sun => "Sun",
        })
    }
}

impl<T: Put> Put for Option<T> {
    /// The value when there is one, else nothing.
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        self.as_ref().map_or(Ok(()), |value| value.put(out))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::Duration;

    fn put_text(piece: impl Put) -> String {
        let mut out = String::new();
        piece.put(&mut out).unwrap();
        out
    }

    proptest! {
        #[test]
        fn numbers_print_as_display_does(n in any::<u64>(), m in any::<i64>(), k in any::<u32>()) {
            prop_assert_eq!(put_text(n), n.to_string());
            prop_assert_eq!(put_text(m), m.to_string());
            prop_assert_eq!(put_text(k), k.to_string());
            prop_assert_eq!(put_text(n as usize), (n as usize).to_string());
        }

        #[test]
        fn dates_print_as_chrono_prints_them(days in -4_000_000i32..4_000_000) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            prop_assert_eq!(put_text(Iso(date)), date.to_string());
            prop_assert_eq!(put_text(date.weekday()), date.weekday().to_string());
        }
    }

    #[test]
    fn the_pieces_of_a_sentence_print_as_write_does() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let (weeks, one) = (Duration::Weeks(3).words(), Duration::Days(1).words());
        let mut out = String::new();
        put!(&mut out, "due ", Iso(day), " in ", weeks, ", ", one, "; ", Some(7u32), None::<u32>, 0u64).unwrap();
        assert_eq!(out, format!("due {} in {weeks}, {one}; 70", Iso(day)));
        assert_eq!(out, "due 2026-11-25 in 3 weeks, 1 day; 70");
        assert_eq!(put_text(i64::MIN), i64::MIN.to_string());
    }
}
