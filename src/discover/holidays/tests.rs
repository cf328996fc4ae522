//! The presets against the official lists of 2026 to 2028.

use super::*;

/// The preset's days in `year`, as `MM-DD`.
fn days(code: &str, year: i32) -> Vec<String> {
    let dates = preset(code).unwrap();
    dates.iter().filter(|date| date.year() == year).map(|date| date.format("%m-%d").to_string()).collect()
}

#[test]
fn easter_sundays() {
    for (year, month, day) in [(2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2028, 4, 16), (2038, 4, 25)]
    {
        assert_eq!(easter(year), NaiveDate::from_ymd_opt(year, month, day), "{year}");
    }
}

#[test]
fn us_federal_holidays_are_observed_on_the_nearest_weekday() {
    assert_eq!(
        days("US", 2026),
        ["01-01", "01-19", "02-16", "05-25", "06-19", "07-03", "09-07", "10-12", "11-11", "11-26", "12-25"]
    );
    // 2028-01-01 is a Saturday: observed on Friday 2027-12-31.
    assert_eq!(
        days("us", 2027),
        ["01-01", "01-18", "02-15", "05-31", "06-18", "07-05", "09-06", "10-11", "11-11", "11-25", "12-24", "12-31"]
    );
    assert_eq!(days("US", 2020).len(), 10, "no Juneteenth before 2021");
}

#[test]
fn bank_holidays_of_england_move_to_the_next_free_weekday() {
    assert_eq!(days("GB", 2026), ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"]);
    assert_eq!(days("UK", 2027), ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"]);
    // Christmas on a Sunday, Boxing Day on the Monday: Christmas moves to Tuesday.
    assert_eq!(days("GB", 2022)[6..], ["12-26", "12-27"]);
}

#[test]
fn german_states_add_theirs() {
    assert_eq!(days("DE", 2026), ["01-01", "04-03", "04-06", "05-01", "05-14", "05-25", "10-03", "12-25", "12-26"]);
    assert_eq!(
        days("DE-BY", 2026),
        ["01-01", "01-06", "04-03", "04-06", "05-01", "05-14", "05-25", "06-04", "10-03", "11-01", "12-25", "12-26"]
    );
    assert!(days("de_sn", 2026).contains(&"11-18".to_owned()), "Buß- und Bettag");
    assert_eq!(days("DE-BY", 2028)[7], "06-15", "Corpus Christi 2028");
    assert_eq!(preset("DE-XX"), None);
    assert_eq!(preset("FR-BY"), None);
}

#[test]
fn canada_and_the_others() {
    assert_eq!(
        days("CA", 2026),
        ["01-01", "04-03", "05-18", "07-01", "09-07", "09-30", "10-12", "11-11", "12-25", "12-28"]
    );
    assert_eq!(days("NL", 2025)[2], "04-26", "King's Day on a Sunday: the Saturday before");
    assert_eq!(days("FR", 2027).len(), 11);
    assert_eq!(days("IT", 2028).len(), 11);
    assert_eq!(days("ES", 2026).len(), 10);
    assert_eq!(days("AT", 2026).len(), 13);
    assert_eq!(preset("XX"), None);
}

#[test]
fn a_locale_names_its_country() {
    assert_eq!(for_locale("en_US.UTF-8"), Some("US"));
    assert_eq!(for_locale("de_DE@euro"), Some("DE"));
    assert_eq!(for_locale("en_GB"), Some("GB"));
    assert_eq!(for_locale("pt_BR.UTF-8"), None);
    assert_eq!(for_locale("C.UTF-8"), None);
    assert_eq!(for_locale(""), None);
}
