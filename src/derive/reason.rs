//! The reason: one sentence in plain words that explains a contact's state
//! and due date from the rule that produced them, so a user who disagrees
//! with the date can see why.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::model::text::{Put, put};
use crate::model::{Channel, Duration, Iso, Limit, Outcome, Then};

/// The rule that decided the state, with the facts it used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// `stage: stopped`.
    StageStopped,
    /// `do_not_contact: true`.
    DoNotContact,
    /// A touch with outcome `stop` on this day.
    AskedToStop(NaiveDate),
    /// `stage: closed`.
    StageClosed,
    /// The last touch closed the matter on this day.
    ClosedOn(NaiveDate),
    /// `stage: nurture`; the last touch, if any.
    StageNurture(Option<NaiveDate>),
    /// The last response was `not-interested`, on this day.
    NotInterested(NaiveDate),
    /// No touches; the `added` date, if any.
    New(Option<NaiveDate>),
    /// The last counted touch is a response.
    Engaged(Option<Response>),
    /// Unanswered attempts below the limit.
    Active(Attempts),
    /// Unanswered attempts at the limit.
    LastShot(Attempts),
    /// Unanswered attempts past the limit.
    PastLastShot(Attempts, Then),
}

/// A response, as the reason words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Response {
    /// Its day.
    pub date: NaiveDate,
    /// Its outcome.
    pub outcome: Outcome,
    /// Its channel.
    pub channel: Channel,
}

/// Unanswered attempts and what they are counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempts {
    /// How many.
    pub count: u32,
    /// The limit in force.
    pub limit: Limit,
    /// The response they are counted from, if any.
    pub since: Option<Response>,
}

/// Why a contact stands where it does: everything the reason sentence is
/// made from but the playbook's name. Kept as facts and put into words
/// ([`Why::words`]) only where a reason is shown: most commands show few.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    /// The rule that decided.
    pub basis: Basis,
    /// The wait that applied (after a reply, after the n-th attempt, nurture).
    pub wait: Option<Duration>,
    /// A weekend day or holiday the date moved from, and whether it was a holiday.
    pub moved_from: Option<(NaiveDate, bool)>,
    /// The agreed date that replaced the computed one (R5).
    pub promise: Option<NaiveDate>,
    /// That date is a snooze, not an agreement.
    pub snoozed: bool,
    /// The planned touch (`- [ ] DATE ...`) that date comes from, when it
    /// comes from one.
    pub planned: Option<Planned>,
}

/// The planned touch (`- [ ] DATE ...`, docs/src/touches.md) a promise comes
/// from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    /// Its channel (`Other` when no keyword said).
    pub channel: Channel,
    /// Its day has passed and it is still unticked: overdue from that day.
    pub passed: bool,
}

impl Planned {
    /// What it is called: `call`, `email`, ..., `touch` when no keyword said.
    pub fn noun(self) -> &'static str {
        planned_noun(self.channel)
    }
}

impl Why {
    /// The reason in one sentence, for a contact on the playbook named `playbook`.
    pub fn words<'a>(&'a self, playbook: &'a str) -> Reason<'a> {
        Reason { why: self, playbook }
    }
}

/// The reason sentence: see [`Why::words`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reason<'a> {
    why: &'a Why,
    playbook: &'a str,
}

impl Reason<'_> {
    /// Whether markdown prints the sentence as it is, when `plain` says it
    /// prints the playbook's name so (and the name is neither empty nor
    /// starts or ends with a space): every other piece is nudge's own
    /// words, numbers and dates, none with a character markdown reads but
    /// the underscores of `do_not_contact`, and only a missing wait leaves
    /// two spaces in a row. The agenda then writes it without the look at
    /// each of its bytes escaping takes.
    pub(crate) fn prints_as_written(&self, plain: impl Fn(&str) -> bool) -> bool {
        let playbook = self.playbook;
        self.why.wait.is_some()
            && self.why.basis != Basis::DoNotContact
            && !playbook.is_empty()
            && !playbook.starts_with(' ')
            && !playbook.ends_with(' ')
            && plain(playbook)
    }
}

impl serde::Serialize for Reason<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for Reason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.put(f)
    }
}

impl Put for Reason<'_> {
    /// The sentence, piece by piece: the agenda writes one for each entry.
    fn put<W: fmt::Write + ?Sized>(&self, f: &mut W) -> fmt::Result {
        let (why, playbook) = (self.why, self.playbook);
        let wait = why.wait.map(Duration::words);
        match &why.basis {
            Basis::StageStopped => f.write_str("stage: stopped in the front matter: never contact again (R11)")?,
            Basis::DoNotContact => f.write_str("do_not_contact is set: never contact again (R11)")?,
            Basis::AskedToStop(date) => put!(f, "they asked to stop on ", Iso(*date), ": never contact again (R11)")?,
            Basis::StageClosed => f.write_str("stage: closed in the front matter: nothing left to follow up")?,
            Basis::ClosedOn(date) => put!(f, "closed on ", Iso(*date), ": nothing left to follow up")?,
            Basis::StageNurture(Some(last)) => put!(
                f,
                "stage: nurture; ",
                playbook,
                " checks in every ",
                wait,
                " after the last touch on ",
                Iso(*last),
                " (R10)"
            )?,
            Basis::StageNurture(None) => {
                f.write_str("stage: nurture with no touches yet: make a first, useful contact (R10)")?;
            }
            Basis::NotInterested(date) => put!(
                f,
                "not interested on ",
                Iso(*date),
                ": ",
                playbook,
                " checks in every ",
                wait,
                " with something useful, no ask (R10)"
            )?,
            Basis::New(Some(added)) => {
                put!(f, "new contact added ", Iso(*added), " with no touches yet: make the first contact (R13)")?;
            }
            Basis::New(None) => f.write_str("new contact with no touches yet: make the first contact (R13)")?,
            Basis::Engaged(Some(response)) => put!(
                f,
                responded(response),
                " on ",
                Iso(response.date),
                "; ",
                playbook,
                " waits ",
                wait,
                " after a response (R3)"
            )?,
            Basis::Engaged(None) => {
                put!(f, "no unanswered attempts; ", playbook, " waits ", wait, " after the last touch")?;
            }
            Basis::Active(attempts) => {
                write_attempts(f, attempts)?;
                put!(f, "; ", playbook, " waits ", wait, " after the ", Ordinal(attempts.count))?;
            }
            Basis::LastShot(attempts) => {
                write_attempts(f, attempts)?;
                put!(
                    f,
                    ", the limit of ",
                    playbook,
                    ": the next one is the last shot (R9); it waits ",
                    wait,
                    " after the ",
                    Ordinal(attempts.count)
                )?;
            }
            Basis::PastLastShot(attempts, Then::Nurture) => {
                write_attempts(f, attempts)?;
                put!(f, ", past the last shot: ", playbook, " moves on to nurture, every ", wait, " (R10)")?;
            }
            Basis::PastLastShot(attempts, Then::Dormant) => {
                write_attempts(f, attempts)?;
                put!(f, ", past the last shot: ", playbook, " lets it rest, no more follow-ups (R9)")?;
            }
        }
        if let Some(promise) = why.promise.filter(|_| why.snoozed) {
            put!(f, "; snoozed until ", Iso(promise))?;
        } else if let (Some(promise), Some(planned)) = (why.promise, why.planned) {
            let noun = planned.noun();
            if planned.passed {
                put!(
                    f,
                    "; but the planned ",
                    noun,
                    " on ",
                    Iso(promise),
                    " is not ticked: due on it until you tick it or delete it (R5)"
                )?;
            } else {
                let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
                put!(
                    f,
                    "; but ",
                    article,
                    " ",
                    noun,
                    " is planned for ",
                    Iso(promise),
                    " (an unticked item), and a planned date replaces the cadence (R5)"
                )?;
            }
        } else if let Some(promise) = why.promise {
            put!(
                f,
                "; but the next contact was agreed for ",
                Iso(promise),
                ", and an agreed date replaces the cadence (R5)"
            )?;
        } else if let Some((from, holiday)) = why.moved_from {
            let what = if holiday { "holiday" } else { weekday_name(from) };
            put!(f, "; ", Iso(from), " is a ", what, ", so it moves to the next business day")?;
        }
        Ok(())
    }
}

/// What a planned touch on `channel` is called: `call`, `email`, ...,
/// `touch` when no keyword said.
pub(crate) fn planned_noun(channel: Channel) -> &'static str {
    match channel {
        Channel::Other => "touch",
        channel => channel.as_str(),
    }
}

fn write_attempts<W: fmt::Write + ?Sized>(f: &mut W, attempts: &Attempts) -> fmt::Result {
    let plural = if attempts.count == 1 { "" } else { "s" };
    put!(f, attempts.count, " unanswered attempt", plural)?;
    match attempts.since {
        Some(response) => put!(f, " since ", response_noun(&response), " on ", Iso(response.date)),
        None => f.write_str(" and no response yet"),
    }
}

/// `they replied`, `you talked`, `you met`.
fn responded(response: &Response) -> &'static str {
    match (response.outcome, response.channel) {
        (Outcome::Reply, _) => "they replied",
        (Outcome::Conversation, Channel::Meeting) => "you met",
        (Outcome::Conversation, _) => "you talked",
        _ => "they responded",
    }
}

/// `the reply`, `the conversation`, `the meeting`.
fn response_noun(response: &Response) -> &'static str {
    match (response.outcome, response.channel) {
        (Outcome::Reply, _) => "the reply",
        (Outcome::Conversation, Channel::Meeting) => "the meeting",
        (Outcome::Conversation, _) => "the conversation",
        _ => "the response",
    }
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`.
pub(crate) fn ordinal(n: u32) -> String {
    let mut out = String::with_capacity(6);
    let _ = Ordinal(n).put(&mut out);
    out
}

/// [`ordinal`], written where it is printed.
struct Ordinal(u32);

impl Put for Ordinal {
    fn put<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        let n = self.0;
        let suffix = match (n % 10, n % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        put!(out, n, suffix)
    }
}

/// `Monday`, ...
pub(crate) fn weekday_name(date: NaiveDate) -> &'static str {
    match date.weekday() {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let words: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal).into();
        assert_eq!(words, ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]);
    }
}
