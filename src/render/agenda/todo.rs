//! What to do about one contact, in words for someone acting on it at 8am:
//! the channel to use, the sentence (`Call Dana Reyes (Acme) at ...`), when,
//! which attempt, the last touch, and the marker `nudge sync` reads.

use chrono::{Datelike, NaiveDate};

use crate::derive::{Hint, State, Urgency};
use crate::discover::LinkStyle;
use crate::model::{Channel, Iso, Limit};
use crate::pipeline::Contact;
use crate::render::markdown::{escape_into, link};
use crate::render::show::relative_day;
use crate::render::table::truncate;

/// How much of a last touch's free text an entry shows.
const LAST_TOUCH_TEXT: usize = 60;

/// The channel for the next touch: a call when the hints say so (R4, R6),
/// else the channel of the last touch (an email after a meeting), else
/// email when the address is known, a call when only a phone number is.
/// Always one of call, email, message, letter: each is a touch keyword.
pub fn channel(contact: &Contact) -> Channel {
    let hints_say_call =
        contact.derived.hints.iter().any(|hint| matches!(hint, Hint::VoicemailLimit { .. } | Hint::PreferCall { .. }));
    if hints_say_call {
        return Channel::Call;
    }
    match contact.last_touch.as_ref().map(|touch| touch.channel) {
        Some(channel @ (Channel::Call | Channel::Email | Channel::Message | Channel::Letter)) => channel,
        Some(Channel::Meeting) => Channel::Email,
        Some(Channel::Other) | None => {
            if contact.front.email.is_none() && contact.front.phone.is_some() {
                Channel::Call
            } else {
                Channel::Email
            }
        }
    }
}

/// The action as a markdown sentence with the contact's link:
/// `Last shot: call [Jordan Lee](people/jordan-lee.md) (Hooli) at +1 650 555 0110`.
pub fn sentence(contact: &Contact, style: LinkStyle) -> String {
    let channel = channel(contact);
    let (verb, address) = match channel {
        Channel::Call => ("call", contact.front.phone.as_deref()),
        Channel::Message => ("message", None),
        Channel::Letter => ("write to", None),
        Channel::Email | Channel::Meeting | Channel::Other => ("email", contact.front.email.as_deref()),
    };
    let mut out = String::with_capacity(160);
    match contact.derived.state {
        State::LastShot => out.push_str("Last shot: "),
        State::New => out.push_str("First contact: "),
        State::Nurture => out.push_str("Check in: "),
        _ => {}
    }
    let mut letters = verb.chars();
    if out.is_empty() {
        out.extend(letters.next().map(|first| first.to_ascii_uppercase()));
    }
    out.push_str(letters.as_str());
    out.push(' ');
    out.push_str(&link(style, &contact.file, &contact.name));
    if let Some(company) = contact.front.company.as_deref().map(str::trim).filter(|company| !company.is_empty()) {
        out.push_str(" (");
        let _ = escape_into(&mut out, company);
        out.push(')');
    }
    if let Some(address) = address.map(str::trim).filter(|address| !address.is_empty()) {
        out.push_str(" at ");
        let _ = escape_into(&mut out, address);
    }
    out
}

/// When: `2 days overdue (due Mon 2026-11-23)`, `due today`,
/// `agreed for Fri 2026-11-27 (in 2 days)` when a date was agreed (R5).
pub fn due(contact: &Contact, today: NaiveDate) -> String {
    let derived = &contact.derived;
    let Some(due) = derived.due else { return "no due date".to_owned() };
    let what = if derived.promise.is_some() { "agreed for" } else { "due" };
    let day = format!("{} {}", due.weekday(), Iso(due));
    match derived.urgency {
        Urgency::Overdue => format!("{} ({what} {day})", relative_day(due, today)),
        Urgency::Today => format!("{what} today"),
        _ => format!("{what} {day} ({})", relative_day(due, today)),
    }
}

/// `attempt 3 of 4`: the number of the follow-up about to be made, of the
/// attempts the playbook makes before the last shot; only for contacts in a
/// run of unanswered attempts (the last shot's hint says its own number).
pub fn attempt(contact: &Contact) -> Option<String> {
    let derived = &contact.derived;
    if derived.state != State::Active {
        return None;
    }
    let next = derived.attempts.saturating_add(1);
    Some(match derived.limit {
        Limit::After(limit) => format!("attempt {next} of {limit}"),
        Limit::Never => format!("attempt {next}"),
    })
}

/// The last touch as written, its text cut short:
/// `2026-11-17 call no-answer`, `2026-11-10 email: sent resume and cover letter`.
pub fn last_touch(contact: &Contact) -> Option<String> {
    let touch = contact.last_touch.as_ref()?;
    let text = truncate(&touch.text, LAST_TOUCH_TEXT);
    Some(match (touch.keywords.is_empty(), text.is_empty()) {
        (_, true) => format!("{} {}", Iso(touch.date), touch.keywords).trim_end().to_owned(),
        (true, false) => format!("{} {text}", Iso(touch.date)),
        (false, false) => format!("{} {}: {text}", Iso(touch.date), touch.keywords),
    })
}

/// The HTML comment `nudge sync` reads back from a ticked entry:
/// `<!-- nudge ACTION FINGERPRINT PATH -->`. Empty for a path that would
/// end the comment or the line (`-->`, control characters).
pub fn marker(contact: &Contact) -> String {
    let file = &contact.file;
    if file.contains("-->") || file.contains(char::is_control) {
        return String::new();
    }
    format!("<!-- nudge {} {} {file} -->", channel(contact).as_str(), contact.fingerprint)
}
