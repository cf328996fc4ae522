//! What `nudge lsp` shows in the editor, in the words the agenda and
//! `show` use: the line at the top of a note, the hover on a note, on a
//! touch and on a keyword (docs/src/lsp.md).

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::derive::Contact;
use crate::model::keywords::{Keyword, Keywords};
use crate::model::{Channel, Direction, Outcome};
use crate::parse::Touch;
use crate::render::agenda::todo::{action, attempt, due};
use crate::render::table::one_line;
use crate::render::{Attempts, hints};

/// The line at the top of a note: `due Mon 2026-12-07 (in 4 days) ·
/// attempt 3 of 5 · call`; for a contact with no due date, its state.
pub(crate) fn headline(contact: &Contact, today: NaiveDate) -> String {
    if contact.derived.due.is_none() {
        return format!("{} · no due date", contact.derived.state);
    }
    let mut out = due(contact, today);
    if let Some(attempt) = attempt(contact) {
        let _ = write!(out, " · {attempt}");
    }
    let _ = write!(out, " · {}", action(contact).channel);
    out
}

/// The hover on a note (markdown): name, state, due date and urgency,
/// attempts and limit, the reason sentence, the hints.
pub(crate) fn contact(contact: &Contact, today: NaiveDate) -> String {
    let derived = &contact.derived;
    let mut out = format!("**{}** · {} · playbook {}\n\n", one_line(contact.name()), derived.state, contact.playbook);
    let _ = writeln!(out, "- {}: {}", derived.urgency, due(contact, today));
    let _ = writeln!(out, "- attempts: {}", Attempts { derived, in_words: true });
    let _ = writeln!(out, "- why: {}", derived.reason.words(&contact.playbook));
    for hint in &derived.hints {
        let _ = writeln!(out, "- hint: {}", hints::Words(hint));
    }
    out
}

/// How a touch was read (markdown): its day, channel, direction and
/// outcome, and each keyword with its meaning; `planned` for an unticked
/// checkbox, which is not counted.
pub(crate) fn touch(touch: &Touch<'_>, table: &Keywords, planned: bool) -> String {
    let what = if planned { "planned touch (not counted until ticked)" } else { "touch" };
    let mut out = format!(
        "**{what}** {} · {} · {} · {}\n",
        touch.date,
        touch.channel,
        direction(touch.direction),
        outcome(touch.outcome, touch.direction)
    );
    if let Some(next) = touch.next {
        let _ = writeln!(out, "\nnext step agreed for {next} (R5)");
    }
    let mut words = touch.keywords;
    while let Some(word) = words.split_whitespace().next() {
        let start = words.find(word).unwrap_or(0);
        let rest = words.get(start..).unwrap_or_default();
        let read = table.read(rest, word);
        if let Some(keyword) = read.keyword {
            let _ = write!(out, "\n- {}", keyword_meaning(read.bare, keyword));
        }
        words = rest.get(read.written.len()..).unwrap_or_default();
    }
    if touch.keywords.trim().is_empty() {
        out.push_str("\nno keyword: counted as an outbound attempt of channel other");
    }
    out
}

/// `in (they engaged)` or `out (you reached out)`.
fn direction(direction: Direction) -> &'static str {
    match direction {
        Direction::Out => "outbound",
        Direction::In => "inbound",
    }
}

/// The outcome, and whether it counts as an attempt or a response.
fn outcome(outcome: Outcome, direction: Direction) -> String {
    let counts = match direction {
        Direction::In => "a response",
        Direction::Out if outcome.is_attempt() => "an attempt",
        Direction::Out => "not an attempt",
    };
    format!("{outcome} ({counts})")
}

/// What a keyword means: `` `vm`: channel call, outbound, voicemail (an attempt) ``.
pub(crate) fn keyword_meaning(word: &str, keyword: &Keyword) -> String {
    let channel = match (keyword.channel, keyword.call_if_none) {
        (Some(channel), _) => format!("channel {channel}"),
        (None, true) => format!("channel {} unless another keyword gives one", Channel::Call),
        (None, false) => "keeps the channel of the other keywords".to_owned(),
    };
    format!("`{word}`: {channel}, {}, {}", direction(keyword.direction), outcome(keyword.outcome, keyword.direction))
}
