//! Country presets for `holidays:` in `nudge.yaml` (docs/src/configuration.md):
//! `holidays: [US]` or `[DE-BY]` skips that country's public holidays like
//! weekends, every year from [`FIRST_YEAR`] to [`LAST_YEAR`]. The holidays
//! are computed from their rules (fixed dates, Easter, "the third Monday of
//! January"), as the laws that set them say, with the days they move to
//! when they fall on a weekend where the law moves them:
//!
//! - US: federal holidays, 5 U.S.C. 6103 (a Saturday one is observed on the
//!   Friday before, a Sunday one on the Monday after; Juneteenth from 2021).
//! - CA: the general holidays of the Canada Labour Code, section 166 (a
//!   weekend one on the next working day; Truth and Reconciliation from 2021).
//! - GB: the bank holidays of England and Wales (gov.uk/bank-holidays; a
//!   weekend one on the next weekday; one-off ones like a coronation are not
//!   in: add their dates).
//! - DE and its states DE-BW ... DE-TH: the Feiertagsgesetze of the Länder
//!   (Mariä Himmelfahrt, a holiday only in parts of Bavaria, is not in DE-BY).
//! - AT (Feiertagsruhegesetz), FR (Code du travail L3133-1), IT (legge
//!   260/1949), ES (national holidays; the regions add their own), NL
//!   (the holidays of most collective agreements; Liberation Day is not in).

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The first year a preset covers.
pub(crate) const FIRST_YEAR: i32 = 2000;

/// The last year a preset covers.
pub(crate) const LAST_YEAR: i32 = 2100;

/// When a holiday falls.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Every year on this month and day.
    Fixed(u32, u32),
    /// This many days after Easter Sunday (Good Friday: -2).
    Easter(i64),
    /// The `n`th `Weekday` of the month (`n` = -1: the last).
    Nth(u32, Weekday, i8),
    /// The last `Weekday` on or before this month and day (Victoria Day:
    /// the Monday before May 25).
    OnOrBefore(u32, u32, Weekday),
}

/// Where a holiday that falls on a weekend is observed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weekend {
    /// It stays (the weekend is skipped anyway).
    Stays,
    /// Saturday: the Friday before; Sunday: the Monday after (US).
    Nearest,
    /// The next weekday that is not a holiday already (GB, CA).
    Next,
    /// Sunday: the Saturday before (NL's King's Day; another holiday on
    /// a Sunday falls on a weekend either way).
    SaturdayBefore,
}

/// A holiday: its rule, and the first year it was one.
type Holiday = (Rule, i32);

use Rule::{Easter, Fixed, Nth, OnOrBefore};
use Weekday::{Mon, Thu, Wed};

const ALWAYS: i32 = FIRST_YEAR;

const US: &[Holiday] = &[
    (Fixed(1, 1), ALWAYS),
    (Nth(1, Mon, 3), ALWAYS),
    (Nth(2, Mon, 3), ALWAYS),
    (Nth(5, Mon, -1), ALWAYS),
    (Fixed(6, 19), 2021),
    (Fixed(7, 4), ALWAYS),
    (Nth(9, Mon, 1), ALWAYS),
    (Nth(10, Mon, 2), ALWAYS),
    (Fixed(11, 11), ALWAYS),
    (Nth(11, Thu, 4), ALWAYS),
    (Fixed(12, 25), ALWAYS),
];

const CA: &[Holiday] = &[
    (Fixed(1, 1), ALWAYS),
    (Easter(-2), ALWAYS),
    (OnOrBefore(5, 24, Mon), ALWAYS),
    (Fixed(7, 1), ALWAYS),
    (Nth(9, Mon, 1), ALWAYS),
    (Fixed(9, 30), 2021),
    (Nth(10, Mon, 2), ALWAYS),
    (Fixed(11, 11), ALWAYS),
    (Fixed(12, 25), ALWAYS),
    (Fixed(12, 26), ALWAYS),
];

const GB: &[Holiday] = &[
    (Fixed(1, 1), ALWAYS),
    (Easter(-2), ALWAYS),
    (Easter(1), ALWAYS),
    (Nth(5, Mon, 1), ALWAYS),
    (Nth(5, Mon, -1), ALWAYS),
    (Nth(8, Mon, -1), ALWAYS),
    (Fixed(12, 25), ALWAYS),
    (Fixed(12, 26), ALWAYS),
];

const DE: &[Holiday] = &[
    (Fixed(1, 1), ALWAYS),
    (Easter(-2), ALWAYS),
    (Easter(1), ALWAYS),
    (Fixed(5, 1), ALWAYS),
    (Easter(39), ALWAYS),
    (Easter(50), ALWAYS),
    (Fixed(10, 3), ALWAYS),
    (Fixed(12, 25), ALWAYS),
    (Fixed(12, 26), ALWAYS),
];

const EPIPHANY: Holiday = (Fixed(1, 6), ALWAYS);
const CORPUS_CHRISTI: Holiday = (Easter(60), ALWAYS);
const ALL_SAINTS: Holiday = (Fixed(11, 1), ALWAYS);
const REFORMATION: Holiday = (Fixed(10, 31), ALWAYS);
/// Reformation Day in the northern states, a holiday there from 2018.
const REFORMATION_2018: Holiday = (Fixed(10, 31), 2018);
const ASSUMPTION: Holiday = (Fixed(8, 15), ALWAYS);

/// The German states: what each adds to DE.
const DE_STATES: &[(&str, &[Holiday])] = &[
    ("DE-BW", &[EPIPHANY, CORPUS_CHRISTI, ALL_SAINTS]),
    ("DE-BY", &[EPIPHANY, CORPUS_CHRISTI, ALL_SAINTS]),
    ("DE-BE", &[(Fixed(3, 8), 2019)]),
    ("DE-BB", &[REFORMATION]),
    ("DE-HB", &[REFORMATION_2018]),
    ("DE-HH", &[REFORMATION_2018]),
    ("DE-HE", &[CORPUS_CHRISTI]),
    ("DE-MV", &[REFORMATION, (Fixed(3, 8), 2023)]),
    ("DE-NI", &[REFORMATION_2018]),
    ("DE-NW", &[CORPUS_CHRISTI, ALL_SAINTS]),
    ("DE-RP", &[CORPUS_CHRISTI, ALL_SAINTS]),
    ("DE-SL", &[CORPUS_CHRISTI, ASSUMPTION, ALL_SAINTS]),
    ("DE-SN", &[REFORMATION, (OnOrBefore(11, 22, Wed), ALWAYS)]),
    ("DE-ST", &[EPIPHANY, REFORMATION]),
    ("DE-SH", &[REFORMATION_2018]),
    ("DE-TH", &[REFORMATION, (Fixed(9, 20), 2019)]),
];

const AT: &[Holiday] = &[
    (Fixed(1, 1), ALWAYS),
    EPIPHANY,
    (Easter(1), ALWAYS),
    (Fixed(5, 1), ALWAYS),
    (Easter(39), ALWAYS),
    (Easter(50), ALWAYS),
    CORPUS_CHRISTI,
    ASSUMPTION,
    (Fixed(10, 26), ALWAYS),
    ALL_SAINTS,
    (Fixed(12, 8), ALWAYS),
    (Fixed(12, 25), ALWAYS),
    (Fixed(12, 26), ALWAYS),
];

const FR: &[Holiday] = &[
    (Fixed(1, 1), ALWAYS),
    (Easter(1), ALWAYS),
    (Fixed(5, 1), ALWAYS),
    (Fixed(5, 8), ALWAYS),
    (Easter(39), ALWAYS),
    (Easter(50), ALWAYS),
    (Fixed(7, 14), ALWAYS),
    ASSUMPTION,
    ALL_SAINTS,
    (Fixed(11, 11), ALWAYS),
    (Fixed(12, 25), ALWAYS),
];

const IT: &[Holiday] = &[
    (Fixed(1, 1), ALWAYS),
    EPIPHANY,
    (Easter(1), ALWAYS),
    (Fixed(4, 25), ALWAYS),
    (Fixed(5, 1), ALWAYS),
    (Fixed(6, 2), ALWAYS),
    ASSUMPTION,
    ALL_SAINTS,
    (Fixed(12, 8), ALWAYS),
    (Fixed(12, 25), ALWAYS),
    (Fixed(12, 26), ALWAYS),
];

const ES: &[Holiday] = &[
    (Fixed(1, 1), ALWAYS),
    EPIPHANY,
    (Easter(-2), ALWAYS),
    (Fixed(5, 1), ALWAYS),
    ASSUMPTION,
    (Fixed(10, 12), ALWAYS),
    ALL_SAINTS,
    (Fixed(12, 6), ALWAYS),
    (Fixed(12, 8), ALWAYS),
    (Fixed(12, 25), ALWAYS),
];

const NL: &[Holiday] = &[
    (Fixed(1, 1), ALWAYS),
    (Easter(1), ALWAYS),
    (Fixed(4, 27), ALWAYS),
    (Easter(39), ALWAYS),
    (Easter(50), ALWAYS),
    (Fixed(12, 25), ALWAYS),
    (Fixed(12, 26), ALWAYS),
];

/// The countries, each with its holidays and its weekend rule.
const COUNTRIES: &[(&str, &[Holiday], Weekend)] = &[
    ("US", US, Weekend::Nearest),
    ("CA", CA, Weekend::Next),
    ("GB", GB, Weekend::Next),
    ("DE", DE, Weekend::Stays),
    ("AT", AT, Weekend::Stays),
    ("FR", FR, Weekend::Stays),
    ("IT", IT, Weekend::Stays),
    ("ES", ES, Weekend::Stays),
    ("NL", NL, Weekend::SaturdayBefore),
];

/// The preset codes, for messages: `US, CA, GB, DE, DE-BW, ...`.
pub(crate) fn codes() -> Vec<&'static str> {
    let countries = COUNTRIES.iter().map(|(code, ..)| *code);
    countries.chain(DE_STATES.iter().map(|(code, _)| *code)).collect()
}

/// The holidays of the preset `code` (`US`, `de-by`; `UK` is `GB`) from
/// [`FIRST_YEAR`] to [`LAST_YEAR`]; `None` for no preset.
pub(crate) fn preset(code: &str) -> Option<Vec<NaiveDate>> {
    let code = code.trim().to_ascii_uppercase().replace('_', "-");
    let code = if code == "UK" { "GB".to_owned() } else { code };
    let (country, state) = match code.split_once('-') {
        Some((country, _)) => (country, DE_STATES.iter().find(|(known, _)| *known == code)?.1),
        None => (code.as_str(), &[][..]),
    };
    let &(_, holidays, weekend) = COUNTRIES.iter().find(|(known, ..)| *known == country)?;
    let mut dates = Vec::new();
    for year in FIRST_YEAR..=LAST_YEAR {
        let mut days: Vec<NaiveDate> = holidays
            .iter()
            .chain(state)
            .filter(|(_, from)| year >= *from)
            .filter_map(|(rule, _)| day(*rule, year))
            .collect();
        days.sort_unstable();
        let mut observed: Vec<NaiveDate> = Vec::with_capacity(days.len());
        for &day in &days {
            let moved = observe(day, weekend, |day| days.contains(&day) || observed.contains(&day));
            observed.push(moved);
        }
        observed.sort_unstable();
        dates.extend(observed);
    }
    Some(dates)
}

/// The preset for a locale (`en_US.UTF-8` -> `US`, `de_DE` -> `DE`), from
/// its country; `None` for `C`, `POSIX` or a country without one.
pub(crate) fn for_locale(locale: &str) -> Option<&'static str> {
    let country = locale.split(['.', '@']).next()?.split_once('_')?.1;
    let country = country.to_ascii_uppercase();
    let country = if country == "UK" { "GB".to_owned() } else { country };
    COUNTRIES.iter().map(|(code, ..)| *code).find(|code| *code == country)
}

/// The day `rule` gives in `year`.
fn day(rule: Rule, year: i32) -> Option<NaiveDate> {
    match rule {
        Fixed(month, day) => NaiveDate::from_ymd_opt(year, month, day),
        Easter(offset) => {
            let sunday = easter(year)?;
            if offset >= 0 {
                sunday.checked_add_days(Days::new(offset.unsigned_abs()))
            } else {
                sunday.checked_sub_days(Days::new(offset.unsigned_abs()))
            }
        }
        Nth(month, weekday, n) if n > 0 => NaiveDate::from_weekday_of_month_opt(year, month, weekday, n.unsigned_abs()),
        Nth(month, weekday, _) => {
            let last = NaiveDate::from_ymd_opt(year, month + 1, 1)
                .or_else(|| NaiveDate::from_ymd_opt(year + 1, 1, 1))?
                .pred_opt()?;
            on_or_before(last, weekday)
        }
        OnOrBefore(month, day, weekday) => on_or_before(NaiveDate::from_ymd_opt(year, month, day)?, weekday),
    }
}

/// The last `weekday` on or before `date`.
fn on_or_before(date: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let back = (date.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
    date.checked_sub_days(Days::new(back.into()))
}

/// Where `day` is observed, `taken` saying which days are holidays already.
fn observe(day: NaiveDate, weekend: Weekend, taken: impl Fn(NaiveDate) -> bool) -> NaiveDate {
    let shift = |day: NaiveDate, days: u64, forward: bool| {
        let moved = if forward { day.checked_add_days(Days::new(days)) } else { day.checked_sub_days(Days::new(days)) };
        moved.unwrap_or(day)
    };
    match (weekend, day.weekday()) {
        (Weekend::Nearest, Weekday::Sat) => shift(day, 1, false),
        (Weekend::Nearest, Weekday::Sun) => shift(day, 1, true),
        (Weekend::SaturdayBefore, Weekday::Sun) => shift(day, 1, false),
        (Weekend::Next, Weekday::Sat | Weekday::Sun) => {
            let mut moved = day;
            while matches!(moved.weekday(), Weekday::Sat | Weekday::Sun) || taken(moved) {
                moved = shift(moved, 1, true);
            }
            moved
        }
        _ => day,
    }
}

/// Easter Sunday of `year` (the Gregorian computus, "anonymous" algorithm).
#[allow(clippy::many_single_char_names, reason = "the algorithm's own names, a to m, as published")]
fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests;
