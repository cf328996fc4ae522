//! Derive: a contact's state, due date, urgency, hints and reason from its
//! touches and playbook (docs/src/playbooks.md, "How a contact's state and due date are worked out"). Pure functions of the parsed note, the
//! playbook, the calendar and today: no I/O, no clock.

pub(crate) mod calendar;
pub(crate) mod contact;
pub(crate) mod duplicates;
pub(crate) mod hints;
pub(crate) mod reason;
pub(crate) mod stats;
pub(crate) mod team;

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

pub(crate) use crate::model::playbook::{Playbook, Playbooks};
pub(crate) use calendar::Calendar;
pub(crate) use contact::Contact;
pub(crate) use hints::{Hint, Hints};

use crate::model::{Channel, Duration, Limit, Outcome, Stage, Then, parse_date};
use crate::parse::front_matter::extra_value;
use crate::parse::{Note, Touch};
use crate::problem::Problem;
use crate::yaml::scalar_text;
use reason::{Attempts, Basis, Planned, Response};
pub(crate) use reason::{Reason, Why};

/// Where a contact stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Never contact again (R11).
    Stopped,
    /// Finished: won, hired, signed, lost.
    Closed,
    /// A slow, useful cadence (R10).
    Nurture,
    /// No touches yet.
    New,
    /// The last touch was a response: follow up after `after_reply`.
    Engaged,
    /// Unanswered attempts below the limit.
    Active,
    /// The next attempt is the final one (R9).
    LastShot,
    /// The last shot went unanswered and the playbook says `then: dormant`.
    Dormant,
}

impl State {
    /// Every state, in the order of the state table.
    pub const ALL: [Self; 8] = [
        Self::Stopped,
        Self::Closed,
        Self::Nurture,
        Self::New,
        Self::Engaged,
        Self::Active,
        Self::LastShot,
        Self::Dormant,
    ];

    /// The word users read and write (`last-shot`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stopped => "stopped",
            Self::Closed => "closed",
            Self::Nurture => "nurture",
            Self::New => "new",
            Self::Engaged => "engaged",
            Self::Active => "active",
            Self::LastShot => "last-shot",
            Self::Dormant => "dormant",
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How soon the due date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    /// Due before today.
    Overdue,
    /// Due today.
    Today,
    /// Due within `horizon_days`.
    Upcoming,
    /// Due later.
    Later,
    /// No due date.
    None,
}

impl Urgency {
    /// Every urgency, most urgent first.
    pub const ALL: [Self; 5] = [Self::Overdue, Self::Today, Self::Upcoming, Self::Later, Self::None];

    /// The word users read and write (`overdue`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Overdue => "overdue",
            Self::Today => "today",
            Self::Upcoming => "upcoming",
            Self::Later => "later",
            Self::None => "none",
        }
    }
}

impl fmt::Display for Urgency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The day and the settings a derivation runs with.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Today (`--today`, or the local date).
    pub today: NaiveDate,
    /// Days ahead that count as `upcoming`.
    pub horizon_days: u32,
    /// Weekends and holidays.
    pub calendar: Calendar<'a>,
}

/// What follows from a contact's touches: the state, when to act and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived {
    /// The state.
    pub state: State,
    /// When to act next, if at all.
    pub due: Option<NaiveDate>,
    /// How soon that is.
    pub urgency: Urgency,
    /// Days past the due date (0 when not overdue), `None` with no due date.
    pub days_overdue: Option<i32>,
    /// Unanswered attempts since the last response (`n`).
    pub attempts: u32,
    /// The limit in force.
    pub limit: Limit,
    /// The day of the last counted touch.
    pub last_touch: Option<NaiveDate>,
    /// The day of the last response.
    pub last_response: Option<NaiveDate>,
    /// The agreed date (R5), when it is later than the last touch: a `next`
    /// date, a planned touch's, or a planned touch's passed unticked.
    pub promise: Option<NaiveDate>,
    /// The promise is a snooze: `nudge snooze` set it, nobody agreed to it
    /// (see [`snoozed_until`]).
    pub snoozed: bool,
    /// Advice for the next touch.
    pub hints: Hints,
    /// Why: the facts of one sentence ([`Why::words`]).
    pub reason: Why,
}

/// Derives a contact's state (the state table), with the problems only the
/// derivation can see: future touches, attempts after a stop (R11),
/// planned touches whose day has passed unticked.
pub fn derive(note: &Note<'_>, playbook: &Playbook, context: &Context<'_>) -> (Derived, Vec<Problem>) {
    let today = context.today;
    let mut problems = Vec::new();
    let (mut short, mut long) = (arrayvec::ArrayVec::new(), Vec::new());
    let timeline = timeline_in(&note.touches, today, &mut short, &mut long);
    // The touches the timeline leaves out are those after today: looked
    // for only when there are some.
    let future = note.touches.iter().filter(|touch| touch.date > today);
    for touch in future.take(note.touches.len().saturating_sub(timeline.len())) {
        let message = format!(
            "touch dated {date}, after today ({today}): it does not count until then; to plan it, put an unticked checkbox before its date or write next: {date} on the last touch",
            date = touch.date
        );
        problems.push(Problem::warning(note.file, touch.span, message));
    }
    let facts = Facts::of(timeline, playbook);
    if let Some(stop) = facts.stop {
        let stop_date = timeline.get(stop).map_or(today, |touch| touch.date);
        for touch in timeline.iter().skip(stop + 1).filter(|touch| touch.is_attempt()) {
            let message = format!(
                "attempt after they asked to stop on {stop_date} (R11): never contact them again; remove this touch if it is a mistake"
            );
            problems.push(Problem::error(note.file, touch.span, message));
        }
    }

    for touch in note.planned.iter().filter(|touch| touch.date < today) {
        let message = format!(
            "planned {} on {} not ticked: tick it if it happened, or delete it",
            reason::planned_noun(touch.channel),
            touch.date
        );
        problems.push(Problem::warning(note.file, touch.span, message));
    }
    let snooze = snooze(note, timeline);
    let (promise, planned) = promise(note, timeline, facts.last.map(|touch| touch.date), snooze, today).unzip();
    let planned = planned.flatten();
    let snoozed = snooze.is_some() && promise == snooze && planned.is_none();
    let (state, basis, schedule) = decide(note, playbook, timeline, &facts, today);
    let computed = match schedule {
        Schedule::None => None,
        Schedule::On(date) => Some(calendar::Computed { date, moved_from: None }),
        Schedule::After(start, wait) => context.calendar.after(start, wait),
    };
    let promise_applies = promise.is_some()
        && matches!(state, State::New | State::Engaged | State::Active | State::LastShot | State::Nurture);
    let due = if promise_applies { promise } else { computed.map(|c| c.date) };
    let reason = Why {
        basis,
        wait: match schedule {
            Schedule::After(_, wait) => Some(wait),
            _ => None,
        },
        moved_from: computed.and_then(|c| c.moved_from).map(|from| (from, context.calendar.is_holiday(from))),
        promise: if promise_applies { promise } else { None },
        snoozed,
        planned: if promise_applies { planned } else { None },
    };
    let urgency = urgency(due, today, context.horizon_days);
    let derived = Derived {
        state,
        due,
        urgency,
        days_overdue: due.map(|due| i32::try_from((today - due).num_days().max(0)).unwrap_or(i32::MAX)),
        attempts: facts.attempts,
        limit: facts.limit,
        last_touch: facts.last.map(|touch| touch.date),
        last_response: facts.last_response.map(|touch| touch.date),
        promise,
        snoozed,
        hints: hints(state, playbook, &facts, promise),
        reason,
    };
    (derived, problems)
}

/// The front matter key `nudge snooze` writes beside `next`, with the same
/// date: the mark that tells a snooze from a date agreed with the contact
/// (docs/src/commands.md, "snooze").
pub(crate) const SNOOZED_KEY: &str = "snoozed";

/// The date of the note's `snoozed` key. A `next` with the same date, and
/// no touch that agreed on it, is a snooze; once `next` is changed by hand
/// the two differ and `next` reads as agreed again.
pub(crate) fn snoozed_until(note: &Note<'_>) -> Option<NaiveDate> {
    // Most notes with a `next` have no `snoozed`: a front matter without
    // the word, nor a `\` a quoted key could spell it with, is not read
    // again (reading it costs a dozen thousand instructions).
    let yaml = note.extra.filter(|yaml| yaml.contains(SNOOZED_KEY) || yaml.contains('\\'))?;
    let value = extra_value(Some(yaml), SNOOZED_KEY)?;
    parse_date(scalar_text(&value)?.trim())
}

/// The date of the note's snooze: its front matter `next` when `snoozed`
/// holds the same date and no touch agreed on it (see [`snoozed_until`]).
fn snooze(note: &Note<'_>, timeline: &[&Touch<'_>]) -> Option<NaiveDate> {
    let next = note.front.next?;
    let agreed = timeline.iter().any(|touch| touch.next == Some(next));
    (!agreed && snoozed_until(note) == Some(next)).then_some(next)
}

/// The date that replaces the computed one (R5), and the
/// planned touch (`- [ ] DATE ...`) it comes from, if it does: the earliest
/// planned touch whose day has passed unticked (due on it until it is
/// ticked or deleted), else the latest of the agreed dates (front matter
/// `next`, inline `next:`) and planned touches. Only a date after the last
/// touch counts: one on or before it has been kept. A `snooze` puts off the
/// passed planned touches dated on or before it: the user said "not before
/// then" (docs/src/commands.md, "snooze").
fn promise(
    note: &Note<'_>,
    timeline: &[&Touch<'_>],
    last: Option<NaiveDate>,
    snooze: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<(NaiveDate, Option<Planned>)> {
    let after_last = |date: &NaiveDate| last.is_none_or(|last| *date > last);
    let put_off = |date: NaiveDate| date < today && snooze.is_some_and(|snooze| date <= snooze);
    let planned = note.planned.iter().filter(|touch| after_last(&touch.date) && !put_off(touch.date));
    let passed = planned.clone().filter(|touch| touch.date < today).min_by_key(|touch| (touch.date, touch.time));
    if let Some(passed) = passed {
        return Some((passed.date, Some(Planned { channel: passed.channel, passed: true })));
    }
    let agreed = timeline.iter().filter_map(|touch| touch.next).chain(note.front.next).map(|date| (date, None));
    agreed
        .filter(|(date, _)| after_last(date))
        .chain(planned.map(|touch| (touch.date, Some(Planned { channel: touch.channel, passed: false }))))
        .max_by_key(|(date, planned)| (*date, planned.is_some()))
}

/// The touches that count (dated on or before today), in the order of
/// docs/src/touches.md: by date, then time (untimed first), then file order.
pub(crate) fn timeline<'n, 'a>(touches: &'n [Touch<'a>], today: NaiveDate) -> Vec<&'n Touch<'a>> {
    let mut counted: Vec<&Touch<'a>> = Vec::with_capacity(touches.len());
    counted.extend(touches.iter().filter(|touch| touch.date <= today));
    in_order(&mut counted);
    counted
}

/// How many touches [`derive`] keeps its timeline of on the stack.
const SHORT_TIMELINE: usize = 32;

/// [`timeline`], on the stack for a note of at most [`SHORT_TIMELINE`]
/// touches (most notes: one allocation and free a contact fewer), else in
/// `long`.
fn timeline_in<'t, 'n, 'a>(
    touches: &'n [Touch<'a>],
    today: NaiveDate,
    short: &'t mut arrayvec::ArrayVec<&'n Touch<'a>, SHORT_TIMELINE>,
    long: &'t mut Vec<&'n Touch<'a>>,
) -> &'t [&'n Touch<'a>] {
    if touches.len() > SHORT_TIMELINE {
        *long = timeline(touches, today);
        return long;
    }
    for touch in touches.iter().filter(|touch| touch.date <= today) {
        // Never full: there are no more touches than it holds.
        let _ = short.try_push(touch);
    }
    in_order(short);
    short
}

/// Touches in the order of docs/src/touches.md (a stable sort).
fn in_order(touches: &mut [&Touch<'_>]) {
    touches.sort_by_key(|touch| (touch.date, touch.time));
}

/// The last touch of a [`timeline`] whose last day is `last_day`, without
/// building it: of the touches of that day, the latest by time, the last in
/// file order among equals (only the times are compared: a third of the
/// cost of comparing dates and times over every touch).
pub(crate) fn last_counted<'n, 'a>(touches: &'n [Touch<'a>], last_day: NaiveDate) -> Option<&'n Touch<'a>> {
    touches.iter().filter(|touch| touch.date == last_day).max_by_key(|touch| touch.time)
}

/// The counts the state table is written in: `L`, `R`, `n`, `limit`.
struct Facts<'n, 'a> {
    last: Option<&'n Touch<'a>>,
    last_response: Option<&'n Touch<'a>>,
    /// Where the first touch asking to stop is in the timeline (R11).
    stop: Option<usize>,
    attempts: u32,
    limit: Limit,
    /// Voicemails among the attempts after the last response (R6).
    voicemails: u32,
    /// Emails among the last of those attempts, one after the other (R4).
    trailing_emails: u32,
}

impl<'n, 'a> Facts<'n, 'a> {
    fn of(timeline: &[&'n Touch<'a>], playbook: &Playbook) -> Self {
        let response_index = timeline.iter().rposition(|touch| touch.is_response());
        let after_response = response_index.map_or(0, |index| index + 1);
        // The attempts after the last response, counted in one pass
        // (no list of them is kept).
        let (mut attempts, mut voicemails, mut trailing_emails) = (0u32, 0u32, 0u32);
        for touch in timeline.iter().skip(after_response).filter(|touch| touch.is_attempt()) {
            attempts = attempts.saturating_add(1);
            voicemails = voicemails.saturating_add(u32::from(touch.outcome == Outcome::Voicemail));
            trailing_emails = if touch.channel == Channel::Email { trailing_emails.saturating_add(1) } else { 0 };
        }
        Self {
            last: timeline.last().copied(),
            last_response: response_index.and_then(|index| timeline.get(index).copied()),
            stop: timeline.iter().position(|touch| touch.outcome == Outcome::Stop),
            attempts,
            limit: playbook.limit(response_index.is_some()),
            voicemails,
            trailing_emails,
        }
    }

    fn response(&self) -> Option<Response> {
        self.last_response.map(|touch| Response { date: touch.date, outcome: touch.outcome, channel: touch.channel })
    }
}

/// How the due date is computed.
#[derive(Debug, Clone, Copy)]
enum Schedule {
    /// No due date.
    None,
    /// A date kept as written (`added`, today).
    On(NaiveDate),
    /// A date computed from a duration: moved off weekends and holidays.
    After(NaiveDate, Duration),
}

/// The first matching row of the state table.
fn decide(
    note: &Note<'_>,
    playbook: &Playbook,
    timeline: &[&Touch<'_>],
    facts: &Facts<'_, '_>,
    today: NaiveDate,
) -> (State, Basis, Schedule) {
    let front = &note.front;
    let last_date = facts.last.map(|touch| touch.date);
    let stop = facts.stop.and_then(|index| timeline.get(index));
    if front.stage == Some(Stage::Stopped) {
        return (State::Stopped, Basis::StageStopped, Schedule::None);
    }
    if front.do_not_contact {
        return (State::Stopped, Basis::DoNotContact, Schedule::None);
    }
    if let Some(stop) = stop {
        return (State::Stopped, Basis::AskedToStop(stop.date), Schedule::None);
    }
    if front.stage == Some(Stage::Closed) {
        return (State::Closed, Basis::StageClosed, Schedule::None);
    }
    if let Some(last) = facts.last.filter(|touch| touch.outcome == Outcome::Closed) {
        return (State::Closed, Basis::ClosedOn(last.date), Schedule::None);
    }
    let nurture_after = |last: Option<NaiveDate>| match last {
        Some(last) => Schedule::After(last, playbook.nurture_every),
        None => Schedule::On(front.added.unwrap_or(today)),
    };
    if front.stage == Some(Stage::Nurture) {
        return (State::Nurture, Basis::StageNurture(last_date), nurture_after(last_date));
    }
    if let Some(response) = facts.last_response.filter(|touch| touch.outcome == Outcome::NotInterested) {
        return (State::Nurture, Basis::NotInterested(response.date), nurture_after(last_date));
    }
    let Some(last) = facts.last else {
        return (State::New, Basis::New(front.added), Schedule::On(front.added.unwrap_or(today)));
    };
    let n = facts.attempts;
    if n == 0 {
        let start = facts.last_response.map_or(last.date, |touch| touch.date);
        return (State::Engaged, Basis::Engaged(facts.response()), Schedule::After(start, playbook.after_reply));
    }
    let attempts = Attempts { count: n, limit: facts.limit, since: facts.response() };
    let cadence = Schedule::After(last.date, playbook.wait_after(n));
    match facts.limit {
        Limit::After(limit) if n > limit => match playbook.then {
            Then::Nurture => {
                (State::Nurture, Basis::PastLastShot(attempts, Then::Nurture), nurture_after(Some(last.date)))
            }
            Then::Dormant => (State::Dormant, Basis::PastLastShot(attempts, Then::Dormant), Schedule::None),
        },
        Limit::After(limit) if n == limit => (State::LastShot, Basis::LastShot(attempts), cadence),
        Limit::After(_) | Limit::Never => (State::Active, Basis::Active(attempts), cadence),
    }
}

/// Urgency from the due date.
pub(crate) fn urgency(due: Option<NaiveDate>, today: NaiveDate, horizon_days: u32) -> Urgency {
    let Some(due) = due else { return Urgency::None };
    let days = (due - today).num_days();
    match days {
        ..0 => Urgency::Overdue,
        0 => Urgency::Today,
        days if days <= i64::from(horizon_days) => Urgency::Upcoming,
        _ => Urgency::Later,
    }
}

/// The hints (R4, R5, R6, R9, R10, R13), for contacts there is something to do about.
fn hints(state: State, playbook: &Playbook, facts: &Facts<'_, '_>, promise: Option<NaiveDate>) -> Hints {
    let mut hints = Hints::new();
    if matches!(state, State::Stopped | State::Closed | State::Dormant) {
        return hints;
    }
    let voicemails = facts.voicemails;
    if playbook.voicemail_limit > 0 && voicemails >= playbook.voicemail_limit && state != State::Nurture {
        hints.push(Hint::VoicemailLimit { count: voicemails, limit: playbook.voicemail_limit });
    }
    // R4 is about unanswered emails: only the attempts since the last
    // response count, so a reply or a conversation starts a new run.
    let trailing_emails = facts.trailing_emails;
    if trailing_emails >= 2 && matches!(state, State::Active | State::LastShot) {
        hints.push(Hint::PreferCall { emails: trailing_emails });
    }
    if let Some(last) = facts.last
        && last.outcome == Outcome::Conversation
        && last.next.is_none()
        && promise.is_none()
    {
        hints.push(Hint::AskNextStep { date: last.date });
    }
    match state {
        State::LastShot => hints.push(Hint::LastShot { attempt: facts.attempts.saturating_add(1) }),
        State::New => hints.push(Hint::FirstContact),
        State::Nurture => hints.push(Hint::Nurture { every: playbook.nurture_every }),
        _ => {}
    }
    hints
}

#[cfg(test)]
mod tests;
