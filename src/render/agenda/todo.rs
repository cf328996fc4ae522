//! What to do about one contact, in words for someone acting on it at 8am:
//! the channel to use, the sentence (`Call Dana Reyes (Acme) at ...`), when,
//! which attempt, the last touch (the marker `nudge sync` reads is
//! [`marker`](super::marker)'s).

use std::borrow::Cow;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::derive::contact::{Contact, LastTouch};
use crate::derive::{Hint, State, Urgency};
use crate::discover::LinkStyle;
use crate::model::text::{Put, put};
use crate::model::{Channel, Iso, Limit};
use crate::render::markdown::{escape_into, write_link, write_linked};
use crate::render::show::RelativeDay;
use crate::render::table::truncate;

/// How much of a last touch's free text an entry shows.
const LAST_TOUCH_TEXT: usize = 60;

/// The next touch: its channel, the detail to reach them by, and what is
/// missing for it (docs/src/agenda.md, "Entries").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Action<'a> {
    /// Call, email, message or letter: each is a touch keyword.
    pub channel: Channel,
    /// The phone number for a call, the address for an email.
    pub detail: Option<&'a str>,
    /// The detail the wanted channel lacks, when the sentence says so.
    pub missing: Option<Missing>,
}

/// A contact detail the action lacks, said after the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Missing {
    /// A hint asks for a call but there is no phone number: the action
    /// emails instead.
    PhoneToCall,
    /// A call with neither a phone number nor an address.
    Phone,
    /// An email with neither an address nor a phone number.
    Email,
}

impl Missing {
    /// `no phone number on file: add one or email`.
    pub(crate) fn words(self) -> &'static str {
        match self {
            Self::PhoneToCall => "no phone number on file to call",
            Self::Phone => "no phone number on file: add one or email",
            Self::Email => "no email address on file: add one or call",
        }
    }
}

/// The action: the channel the hints ask for (a call, R4 and R6), else the
/// channel of the last touch (an email after a meeting or with none), when
/// the contact has the detail for it (a phone number for a call, an address
/// for an email); else the channel they have the detail for; else the
/// wanted channel, saying what is missing. A message or a letter is kept as
/// it is: nudge does not know where they go. An empty value is no detail.
pub(crate) fn action(contact: &Contact) -> Action<'_> {
    let (phone, email) = (detail(contact.phone()), detail(contact.email()));
    let hints_say_call =
        contact.derived.hints.iter().any(|hint| matches!(hint, Hint::VoicemailLimit { .. } | Hint::PreferCall { .. }));
    let wanted = match contact.last_channel() {
        _ if hints_say_call => Channel::Call,
        Some(channel @ (Channel::Call | Channel::Email | Channel::Message | Channel::Letter)) => channel,
        Some(Channel::Meeting | Channel::Other) | None => Channel::Email,
    };
    let action = |channel, detail, missing| Action { channel, detail, missing };
    match (wanted, phone, email) {
        (Channel::Call, Some(phone), _) => action(Channel::Call, Some(phone), None),
        (Channel::Call, None, Some(email)) => {
            action(Channel::Email, Some(email), hints_say_call.then_some(Missing::PhoneToCall))
        }
        (Channel::Call, None, None) => action(Channel::Call, None, Some(Missing::Phone)),
        (Channel::Message | Channel::Letter, _, _) => action(wanted, None, None),
        (_, _, Some(email)) => action(Channel::Email, Some(email), None),
        (_, Some(phone), None) => action(Channel::Call, Some(phone), None),
        (_, None, None) => action(Channel::Email, None, Some(Missing::Email)),
    }
}

/// A contact detail as written, `None` when empty or blank.
fn detail(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|value| !value.is_empty())
}

/// The action as a markdown sentence with the contact's link:
/// `Last shot: call [Jordan Lee](people/jordan-lee.md) (Hooli) at +1 650 555 0110`,
/// `Call [Bo Kim](people/bo-kim.md) — no phone number on file: add one or email`.
pub(crate) fn sentence(contact: &Contact, style: LinkStyle) -> String {
    let mut out = String::with_capacity(160);
    write_sentence(&mut out, contact, action(contact), style);
    out
}

/// [`sentence`], written to `out`, for the contact's [`action`].
pub(crate) fn write_sentence(out: &mut String, contact: &Contact, action: Action<'_>, style: LinkStyle) {
    let verb = match action.channel {
        Channel::Call => "call",
        Channel::Message => "message",
        Channel::Letter => "write to",
        Channel::Email | Channel::Meeting | Channel::Other => "email",
    };
    let prefix = match contact.derived.state {
        State::LastShot => "Last shot: ",
        State::New => "First contact: ",
        State::Nurture => "Check in: ",
        _ => "",
    };
    out.push_str(prefix);
    let mut letters = verb.chars();
    if prefix.is_empty() {
        out.extend(letters.next().map(|first| first.to_ascii_uppercase()));
    }
    out.push_str(letters.as_str());
    out.push(' ');
    write_link(out, style, contact.file(), contact.name());
    if let Some(company) = contact.company().map(str::trim).filter(|company| !company.is_empty()) {
        out.push_str(" (");
        write_linked(out, company, contact.company_link());
        out.push(')');
    }
    if let Some(detail) = action.detail {
        out.push_str(" at ");
        let _ = escape_into(out, detail);
    }
    if let Some(missing) = action.missing {
        out.push_str(" — ");
        out.push_str(missing.words());
    }
}

/// When: `2 days overdue (due Mon 2026-11-23)`, `due today`,
/// `agreed for Fri 2026-11-27 (in 2 days)` when a date was agreed (R5),
/// `snoozed until Fri 2026-11-27 (in 2 days)` after `nudge snooze`,
/// `planned for ...` for an unticked planned touch, `1 day overdue (planned
/// call on Wed 2026-12-02 not ticked)` once its day has passed.
pub(crate) fn due(contact: &Contact, today: NaiveDate) -> String {
    let mut out = String::with_capacity(48);
    let _ = write_due(&mut out, contact, today);
    out
}

/// [`due`], written to `out`.
pub(crate) fn write_due<W: fmt::Write + ?Sized>(out: &mut W, contact: &Contact, today: NaiveDate) -> fmt::Result {
    let derived = &contact.derived;
    let Some(due) = derived.due else { return out.write_str("no due date") };
    let planned = derived.promise.and(derived.reason.planned);
    let what = match derived.promise {
        Some(_) if derived.snoozed => "snoozed until",
        Some(_) if planned.is_some() => "planned for",
        Some(_) => "agreed for",
        None => "due",
    };
    let (weekday, date, relative) = (due.weekday(), Iso(due), RelativeDay { date: due, today });
    match (derived.urgency, planned) {
        (Urgency::Overdue, Some(planned)) => {
            put!(out, relative, " (planned ", planned.noun(), " on ", weekday, " ", date, " not ticked)")
        }
        (Urgency::Overdue, None) => put!(out, relative, " (", what, " ", weekday, " ", date, ")"),
        (Urgency::Today, _) => put!(out, what, " today"),
        _ => put!(out, what, " ", weekday, " ", date, " (", relative, ")"),
    }
}

/// `attempt 3 of 4`: the number of the follow-up about to be made, of the
/// attempts the playbook makes before the last shot; only for contacts in a
/// run of unanswered attempts (the last shot's hint says its own number).
pub(crate) fn attempt(contact: &Contact) -> Option<Attempt> {
    let derived = &contact.derived;
    (derived.state == State::Active).then(|| Attempt { next: derived.attempts.saturating_add(1), limit: derived.limit })
}

/// The follow-up about to be made, in words: see [`attempt`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attempt {
    next: u32,
    limit: Limit,
}

impl fmt::Display for Attempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.put(f)
    }
}

impl Put for Attempt {
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        match self.limit {
            Limit::After(limit) => put!(out, "attempt ", self.next, " of ", limit),
            Limit::Never => put!(out, "attempt ", self.next),
        }
    }
}

/// The last touch as written, its text cut short:
/// `2026-11-17 call no-answer`, `2026-11-10 email: sent resume and cover letter`.
pub(crate) fn last_touch(contact: &Contact) -> Option<LastTouchWords<'_>> {
    let touch = contact.last_touch()?;
    Some(LastTouchWords { touch, text: truncate(touch.text(), LAST_TOUCH_TEXT) })
}

/// A last touch in words: see [`last_touch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LastTouchWords<'a> {
    touch: LastTouch<'a>,
    text: Cow<'a, str>,
}

impl fmt::Display for LastTouchWords<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.put(f)
    }
}

impl Put for LastTouchWords<'_> {
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        let (date, keywords, text) = (Iso(self.touch.date), self.touch.keywords().trim_end(), &*self.text);
        match (keywords.is_empty(), text.is_empty()) {
            (true, true) => date.put(out),
            (false, true) => put!(out, date, " ", keywords),
            (true, false) => put!(out, date, " ", text),
            (false, false) => put!(out, date, " ", self.touch.keywords(), ": ", text),
        }
    }
}
