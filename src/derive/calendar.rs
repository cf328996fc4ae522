//! Business days: a due date computed from a duration that falls on a
//! weekend or a holiday moves to the next business day.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::model::Duration;

/// Which days a follow-up may fall on.
#[derive(Debug, Clone, Copy)]
pub struct Calendar<'a> {
    /// Whether weekends and holidays are skipped.
    pub business_days: bool,
    /// Extra days to skip (`holidays` in the config).
    pub holidays: &'a BTreeSet<NaiveDate>,
}

/// A date computed from a duration, and the date it was moved from, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Computed {
    /// The business day.
    pub date: NaiveDate,
    /// The weekend day or holiday it moved from.
    pub moved_from: Option<NaiveDate>,
}

impl Calendar<'_> {
    /// Whether nothing is due on `date`.
    pub fn is_day_off(&self, date: NaiveDate) -> bool {
        self.business_days && (matches!(date.weekday(), Weekday::Sat | Weekday::Sun) || self.holidays.contains(&date))
    }

    /// `start + wait`, moved to the next business day; `None` past the end
    /// of the calendar.
    pub fn after(&self, start: NaiveDate, wait: Duration) -> Option<Computed> {
        let raw = wait.after(start)?;
        let mut date = raw;
        while self.is_day_off(date) {
            date = date.succ_opt()?;
        }
        Some(Computed { date, moved_from: (date != raw).then_some(raw) })
    }

    /// Whether `date` is in the config's holidays (for the reason's words).
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.contains(&date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_date;

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn friday_plus_three_days_is_monday() {
        let holidays = BTreeSet::new();
        let calendar = Calendar { business_days: true, holidays: &holidays };
        let computed = calendar.after(date("2026-12-04"), Duration::Days(3)).unwrap();
        assert_eq!(computed, Computed { date: date("2026-12-07"), moved_from: None });
        let computed = calendar.after(date("2026-12-02"), Duration::Days(3)).unwrap();
        assert_eq!(computed, Computed { date: date("2026-12-07"), moved_from: Some(date("2026-12-05")) });
    }

    #[test]
    fn holidays_are_skipped_like_weekends() {
        let holidays: BTreeSet<NaiveDate> = [date("2026-12-25"), date("2026-12-28")].into();
        let calendar = Calendar { business_days: true, holidays: &holidays };
        let computed = calendar.after(date("2026-12-22"), Duration::Days(3)).unwrap();
        assert_eq!(computed.date, date("2026-12-29"), "Fri 25 holiday, weekend, Mon 28 holiday");
    }

    #[test]
    fn without_business_days_nothing_moves() {
        let holidays: BTreeSet<NaiveDate> = [date("2026-12-25")].into();
        let calendar = Calendar { business_days: false, holidays: &holidays };
        assert_eq!(calendar.after(date("2026-12-22"), Duration::Days(3)).map(|c| c.date), Some(date("2026-12-25")));
    }

    #[test]
    fn the_end_of_the_calendar_is_none_not_a_panic() {
        let holidays = BTreeSet::new();
        let calendar = Calendar { business_days: true, holidays: &holidays };
        assert_eq!(calendar.after(NaiveDate::MAX, Duration::Days(1)), None);
    }
}
