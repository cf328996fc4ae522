//! `nudge status --json`: exactly the array docs/src/commands.md describes.

use chrono::NaiveDate;
use serde::Serialize;

use crate::derive::Contact;
use crate::derive::{Hint, Reason, State, Urgency};
use crate::model::Limit;

/// One element of the array, field for field as docs/src/commands.md names them.
#[derive(Debug, Serialize)]
struct StatusEntry<'a> {
    file: &'a str,
    name: &'a str,
    company: Option<&'a str>,
    playbook: &'a str,
    state: State,
    due: Option<NaiveDate>,
    urgency: Urgency,
    days_overdue: Option<i64>,
    attempts: u32,
    limit: Option<u32>,
    last_touch: Option<NaiveDate>,
    last_response: Option<NaiveDate>,
    promise: Option<NaiveDate>,
    hints: &'a [Hint],
    reason: Reason<'a>,
}

/// The JSON array for `contacts` (already filtered and sorted), pretty
/// printed, with a final newline.
pub fn status(contacts: &[&Contact]) -> String {
    let entries: Vec<StatusEntry<'_>> = contacts
        .iter()
        .map(|contact| {
            let derived = &contact.derived;
            StatusEntry {
                file: contact.file(),
                name: contact.name(),
                company: contact.company(),
                playbook: &contact.playbook,
                state: derived.state,
                due: derived.due,
                urgency: derived.urgency,
                days_overdue: derived.days_overdue.map(i64::from),
                attempts: derived.attempts,
                limit: match derived.limit {
                    Limit::After(limit) => Some(limit),
                    Limit::Never => None,
                },
                last_touch: derived.last_touch,
                last_response: derived.last_response,
                promise: derived.promise,
                hints: &derived.hints,
                reason: derived.reason.words(&contact.playbook),
            }
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&entries).unwrap_or_else(|_| "[]".to_owned());
    json.push('\n');
    json
}
