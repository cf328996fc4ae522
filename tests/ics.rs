//! `nudge ics`: the calendar read back by an independent parser (calcard,
//! not the icalendar crate that writes it), UIDs stable across runs.

use calcard::icalendar::{ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarProperty};
use calcard::{Entry, Parser};

use crate::test::Test;

/// One event as a calendar app reads it.
#[derive(Debug, PartialEq, Eq)]
struct Event {
    uid: String,
    start: String,
    end: String,
    summary: String,
    description: String,
}

fn parse(text: &str) -> ICalendar {
    // Not `.strict()`: calcard 0.3 rejects every nested BEGIN in strict mode.
    // Lenient parsing still drops what it cannot read, which the exact
    // comparisons below would notice.
    match Parser::new(text).entry() {
        Entry::ICalendar(calendar) => calendar,
        other => panic!("not a calendar: {other:?}\n{text}"),
    }
}

fn events(text: &str) -> Vec<Event> {
    let calendar = parse(text);
    calendar
        .components
        .iter()
        .filter(|component| component.component_type == ICalendarComponentType::VEvent)
        .map(|event| Event {
            uid: text_of(event, &ICalendarProperty::Uid),
            start: date_of(event, &ICalendarProperty::Dtstart),
            end: date_of(event, &ICalendarProperty::Dtend),
            summary: text_of(event, &ICalendarProperty::Summary),
            description: text_of(event, &ICalendarProperty::Description),
        })
        .collect()
}

fn text_of(event: &ICalendarComponent, property: &ICalendarProperty) -> String {
    let entry = event.property(property).unwrap_or_else(|| panic!("no {property:?}"));
    entry.values.iter().map(|value| value.as_text().unwrap().to_owned()).collect::<Vec<_>>().join(",")
}

/// A DATE value (`VALUE=DATE`, no time) as `YYYY-MM-DD`.
fn date_of(event: &ICalendarComponent, property: &ICalendarProperty) -> String {
    let entry = event.property(property).unwrap_or_else(|| panic!("no {property:?}"));
    assert!(format!("{:?}", entry.params).contains("Date"), "{property:?} is VALUE=DATE: {entry:?}");
    let date = entry.values.first().and_then(|value| value.as_partial_date_time()).unwrap();
    assert_eq!(date.hour, None, "all-day: no time");
    format!("{:04}-{:02}-{:02}", date.year.unwrap(), date.month.unwrap(), date.day.unwrap())
}

fn vault() -> Test {
    Test::new()
        .file(
            "people/ana-lima.md",
            "---\nname: Ana Lima\ncompany: \"Acme, Inc; Ltd\"\n---\n- 2026-11-16 email\n- 2026-11-19 email: sent the portfolio, said I'd call\n",
        )
        .file(
            "people/siobhán.md",
            "---\nname: Siobhán Ó Súilleabháin-Nakamura 中村さん\ncompany: Fjörd Ånalytics 北欧研究所\n---\n- 2026-11-20 call talked: loved the demo\n",
        )
        .file("people/new one.md", "---\nname: Newt\nadded: 2026-11-27\n---\n")
        .file("people/gone.md", "---\nname: Gone\n---\n- 2026-11-02 reply stop: please remove me\n")
}

#[test]
fn the_calendar_reads_back_with_an_independent_parser() {
    let text = vault().args(&["ics", "-o", "-"]).stdout();
    assert_eq!(
        events(&text),
        [
            Event {
                uid: "people%2Fana-lima.md@nudge.invalid".to_owned(),
                start: "2026-11-25".to_owned(),
                end: "2026-11-26".to_owned(),
                summary: "Follow up: Ana Lima (Acme, Inc; Ltd) — 2 days overdue".to_owned(),
                description: "Attempt 3 of 4\n\
                    2 days overdue (due Mon 2026-11-23)\n\
                    - the last 2 attempts were emails: call instead (R4)\n\
                    Why: 2 unanswered attempts and no response yet; job-search waits 4 days after the 2nd\n\
                    Note: people/ana-lima.md"
                    .to_owned(),
            },
            Event {
                uid: "people%2Fsiobh%C3%A1n.md@nudge.invalid".to_owned(),
                start: "2026-11-25".to_owned(),
                end: "2026-11-26".to_owned(),
                summary:
                    "Follow up: Siobhán Ó Súilleabháin-Nakamura 中村さん (Fjörd Ånalytics 北欧研究所) — 2 days overdue"
                        .to_owned(),
                description: "Follow up: they responded on 2026-11-20\n\
                    2 days overdue (due Mon 2026-11-23)\n\
                    - no next step agreed in the conversation on 2026-11-20: ask when to talk again (R5)\n\
                    Why: you talked on 2026-11-20; job-search waits 3 days after a response (R3)\n\
                    Note: people/siobhán.md"
                    .to_owned(),
            },
            Event {
                uid: "people%2Fnew%20one.md@nudge.invalid".to_owned(),
                start: "2026-11-27".to_owned(),
                end: "2026-11-28".to_owned(),
                summary: "Follow up: Newt".to_owned(),
                description: "First contact\n\
                    - first contact: say when you will follow up (R13)\n\
                    Why: new contact added 2026-11-27 with no touches yet: make the first contact (R13)\n\
                    Note: people/new one.md"
                    .to_owned(),
            },
        ],
        "one all-day event per contact with a due date (not the stopped one)"
    );
    assert!(
        text.contains("SUMMARY:Follow up: Siobhán Ó Súilleabháin-Nakamura 中村さん (Fjörd\r\n  Ånalytics"),
        "the long summary is folded, and read back whole above"
    );
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "lines are folded at 75 octets: {line:?}");
        assert!(!line.contains('\n'), "every line ends with CRLF: {line:?}");
    }
    assert!(text.contains("\r\nDTSTAMP:20261125T000000Z\r\n"), "DTSTAMP comes from --today");
}

#[test]
fn an_overdue_event_is_placed_today_and_says_how_late() {
    let ana = "---\nname: Ana\n---\n- 2026-11-19 email\n";
    let test = Test::new().file("ana.md", ana).today("2026-11-25").args(&["ics", "-o", "-"]);
    let event = events(&test.stdout()).pop().unwrap();
    assert_eq!((event.start.as_str(), event.end.as_str()), ("2026-11-25", "2026-11-26"), "today, not 2026-11-23");
    assert_eq!(event.summary, "Follow up: Ana — 2 days overdue");
    assert!(
        event.description.starts_with("Attempt 2 of 4\n2 days overdue (due Mon 2026-11-23)\n"),
        "{}",
        event.description
    );
    let on_time = events(&test.today("2026-11-23").stdout()).pop().unwrap();
    assert_eq!(
        (on_time.start.as_str(), on_time.summary.as_str()),
        ("2026-11-23", "Follow up: Ana"),
        "due today: as it was"
    );
}

#[test]
fn uids_stay_when_a_due_date_moves_and_the_same_input_gives_the_same_bytes() {
    let test = vault().args(&["ics", "-o", "-"]);
    let first = test.stdout();
    assert_eq!(test.stdout(), first, "deterministic");
    let test = test.file(
        "people/ana-lima.md",
        "---\nname: Ana Lima\ncompany: \"Acme, Inc; Ltd\"\n---\n- 2026-11-16 email\n- 2026-11-19 email\n- 2026-11-24 call\n",
    );
    let moved = test.stdout();
    let uids = |text: &str| events(text).into_iter().map(|event| event.uid).collect::<Vec<_>>();
    let mut before = uids(&first);
    let mut after = uids(&moved);
    before.sort();
    after.sort();
    assert_eq!(before, after, "the same UIDs: a subscribed calendar updates its events");
    let ana = events(&moved).into_iter().find(|event| event.summary.starts_with("Follow up: Ana")).unwrap();
    assert_eq!((ana.uid.as_str(), ana.start.as_str()), ("people%2Fana-lima.md@nudge.invalid", "2026-12-01"));
}

#[test]
fn ics_writes_nudge_ics_in_the_notes_folder_or_the_file_named() {
    let test = vault().args(&["ics"]);
    assert_eq!(test.stdout(), "wrote nudge.ics: 3 follow-ups\n", "says what it wrote, as agenda does");
    assert_eq!(test.stdout(), "nudge.ics unchanged: 3 follow-ups\n");
    let test = test.args(&["ics", "-q"]);
    assert_eq!(test.stdout(), "", "--quiet");
    let written = std::fs::read_to_string(test.path().join("nudge.ics")).unwrap();
    assert_eq!(written, vault().args(&["ics", "-o", "-"]).stdout());
    let test = test.args(&["ics", "-o", "out/cal.ics"]).file("out/.keep", "");
    assert_eq!(test.stdout(), "wrote out/cal.ics: 3 follow-ups\n");
    assert_eq!(
        std::fs::read_to_string(test.path().join("out/cal.ics")).unwrap(),
        written,
        "-o is relative to the current folder"
    );
}

#[test]
fn ics_says_how_many_errors_left_notes_out_of_the_calendar() {
    let test = vault().file("people/broken.md", "---\nname: Broken\nnext: soon\n---\n").args(&["ics"]);
    assert_eq!(test.stdout(), "wrote nudge.ics: 3 follow-ups, 1 error in the notes (nudge check)\n");
}

#[test]
fn a_vault_with_nothing_due_gives_an_empty_calendar() {
    let text = Test::new().args(&["ics", "-o", "-"]).stdout();
    assert!(events(&text).is_empty());
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//nudge//nudge "), "{text}");
}
