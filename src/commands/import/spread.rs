//! `--spread N/day` (docs/src/import.md, "Staggered start"): the new
//! contacts' `added` dates, at most N on each business day from today on,
//! in import order, so that they become due a few at a time instead of all
//! on the first day.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::derive::Calendar;

/// The `added` date of each of `count` contacts, `per_day` a business day
/// (`calendar` skips weekends and holidays when the vault does), starting
/// today when today is one; `due` counts the new contacts already due on
/// a day (an earlier import), which take their places.
pub(super) fn dates(
    calendar: &Calendar<'_>,
    today: NaiveDate,
    per_day: u32,
    count: usize,
    due: &HashMap<NaiveDate, usize>,
) -> Vec<NaiveDate> {
    let per_day = usize::try_from(per_day.max(1)).unwrap_or(usize::MAX);
    let mut dates = Vec::with_capacity(count);
    let mut day = today;
    while dates.len() < count {
        while calendar.is_day_off(day) {
            let Some(next) = day.succ_opt() else { return dates };
            day = next;
        }
        let left = count - dates.len();
        let free = per_day.saturating_sub(due.get(&day).copied().unwrap_or(0));
        dates.extend(std::iter::repeat_n(day, free.min(left)));
        let Some(next) = day.succ_opt() else { return dates };
        day = next;
    }
    dates
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::model::parse_date;

    #[test]
    fn at_most_n_a_business_day_skipping_weekends_and_holidays() {
        let holidays: BTreeSet<NaiveDate> = [parse_date("2026-11-26").unwrap()].into();
        let calendar = Calendar { business_days: true, holidays: &holidays };
        // Wednesday 2026-11-25; Thursday the 26th a holiday; then a weekend.
        let dates = dates(&calendar, parse_date("2026-11-25").unwrap(), 2, 7, &HashMap::new());
        let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            ["2026-11-25", "2026-11-25", "2026-11-27", "2026-11-27", "2026-11-30", "2026-11-30", "2026-12-01"]
        );
    }

    #[test]
    fn without_business_days_every_day_counts() {
        let holidays = BTreeSet::new();
        let calendar = Calendar { business_days: false, holidays: &holidays };
        let dates = dates(&calendar, parse_date("2026-11-28").unwrap(), 1, 2, &HashMap::new());
        assert_eq!(dates, [parse_date("2026-11-28").unwrap(), parse_date("2026-11-29").unwrap()]);
    }
}
