//! `nudge ics`: the due follow-ups as an iCalendar file (RFC 5545), one
//! all-day event per contact with a due date; an overdue one is placed
//! today, where it is still to do, and says how late it is (a follow-up
//! left on a past day would never be seen again). The `icalendar` crate does the
//! escaping and line folding. The output depends only on the notes, the
//! config and today: each event's UID comes from the contact's file (so a
//! subscribed calendar updates the event when the date moves), and DTSTAMP
//! is today at midnight UTC, not the clock.

use chrono::{NaiveDate, NaiveTime};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::derive::Contact;
use crate::derive::State;
use crate::model::Limit;
use crate::render::agenda::todo;
use crate::render::hints;
use crate::render::markdown::{kept_bytes, percent_encode_into};
use crate::render::show::relative_day;

/// The calendar's name in calendar apps.
pub(crate) const CALENDAR_NAME: &str = "nudge follow-ups";

/// The calendar's last line.
const CALENDAR_END: &str = "END:VCALENDAR";

/// The domain part of every UID.
const UID_DOMAIN: &str = "nudge.invalid";

/// The calendar for `contacts` (in the order given); contacts without a
/// due date get no event.
pub(crate) fn calendar(contacts: &[&Contact], today: NaiveDate) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", concat!("-//nudge//nudge ", env!("CARGO_PKG_VERSION"), "//EN")))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .name(CALENDAR_NAME);
    // The events are written one by one into the calendar's text, not kept
    // as objects: a vault of 100,000 contacts would hold them all at once.
    let wrapper = calendar.to_string();
    let (head, tail) = wrapper.split_at(wrapper.rfind(CALENDAR_END).unwrap_or(wrapper.len()));
    let mut out = String::with_capacity(head.len() + tail.len() + contacts.len() * 512);
    out.push_str(head);
    let stamp = today.and_time(NaiveTime::MIN).and_utc();
    for contact in contacts {
        let Some(due) = contact.derived.due else { continue };
        let day = due.max(today);
        let mut event = Event::new();
        event
            .uid(&uid(contact.file()))
            .timestamp(stamp)
            .starts(day)
            .ends(day.succ_opt().unwrap_or(day))
            .summary(&summary(contact, today))
            .description(&description(contact, today))
            .add_property("TRANSP", "TRANSPARENT");
        // Writing into a String cannot fail.
        let _ = event.fmt_write(&mut out);
    }
    out.push_str(tail);
    out
}

/// `Follow up: Dana Reyes (Acme)`; `Follow up: Dana Reyes (Acme) — 3 days
/// overdue` when it is.
pub(crate) fn summary(contact: &Contact, today: NaiveDate) -> String {
    let mut summary = match contact.company().map(str::trim).filter(|company| !company.is_empty()) {
        Some(company) => format!("Follow up: {} ({company})", contact.name()),
        None => format!("Follow up: {}", contact.name()),
    };
    if let Some(due) = contact.derived.due.filter(|due| *due < today) {
        summary.push_str(" — ");
        summary.push_str(&relative_day(due, today));
    }
    summary
}

/// What to do, how late when overdue (`3 days overdue (due Mon
/// 2026-11-23)`), the hints, why, and the note's file, one per line.
fn description(contact: &Contact, today: NaiveDate) -> String {
    let derived = &contact.derived;
    let mut lines = vec![action(contact)];
    if derived.due.is_some_and(|due| due < today) {
        lines.push(todo::due(contact, today));
    }
    lines.extend(derived.hints.iter().map(|hint| format!("- {}", hints::words(hint))));
    lines.push(format!("Why: {}", derived.reason.words(&contact.playbook)));
    lines.push(format!("Note: {}", contact.file()));
    lines.join("\n")
}

/// What the next touch is, in a few words.
fn action(contact: &Contact) -> String {
    let derived = &contact.derived;
    let next = derived.attempts.saturating_add(1);
    match derived.state {
        State::New => "First contact".to_owned(),
        State::Engaged => match derived.last_response {
            Some(date) => format!("Follow up: they responded on {date}"),
            None => "Follow up".to_owned(),
        },
        State::Active => match derived.limit {
            Limit::After(limit) => format!("Attempt {next} of {limit}"),
            Limit::Never => format!("Attempt {next}"),
        },
        State::LastShot => format!("Last shot: attempt {next}, the final one"),
        State::Nurture => "Nurture check-in: something useful, no ask".to_owned(),
        State::Stopped | State::Closed | State::Dormant => "Nothing to do".to_owned(),
    }
}

/// The bytes a UID keeps as they are: see [`uid`].
const UID_KEPT: [bool; 256] = kept_bytes(b"-._");

/// A UID that stays the same for a contact as long as its file keeps its
/// path: the path, percent-encoded outside `A-Z a-z 0-9 - . _`, at a fixed
/// domain.
pub(crate) fn uid(file: &str) -> String {
    let mut uid = String::with_capacity(file.len() + UID_DOMAIN.len() + 1);
    percent_encode_into(&mut uid, file, &UID_KEPT);
    uid.push('@');
    uid.push_str(UID_DOMAIN);
    uid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_are_the_encoded_path_at_a_fixed_domain() {
        assert_eq!(uid("people/dana-reyes.md"), "people%2Fdana-reyes.md@nudge.invalid");
        assert_eq!(uid("a b/é.md"), "a%20b%2F%C3%A9.md@nudge.invalid");
        assert_ne!(uid("a/b.md"), uid("a.b.md"), "different files, different UIDs");
    }
}
