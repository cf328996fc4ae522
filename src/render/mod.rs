//! Render: turn derived contacts into what users read: the agenda, the
//! status table and JSON, `show`, and `check`'s listing. Returns strings; writing them
//! is the caller's job.

pub(crate) mod agenda;
pub(crate) mod check;
pub(crate) mod contact;
pub(crate) mod edited;
pub(crate) mod editor;
pub(crate) mod hints;
pub(crate) mod ics;
pub(crate) mod json;
pub(crate) mod markdown;
mod order;
pub(crate) mod show;
pub(crate) mod stats;
pub(crate) mod table;
pub(crate) mod team;

use crate::derive::Contact;
use crate::derive::Derived;
use crate::model::Limit;

pub(crate) use order::{order_by_due_then_name, sort_by_due_then_name, sorted_by_due_then_name};

/// What `status` and `stats` print for a vault without a single contact
/// note (docs/src/commands.md, "status"), instead of an empty table.
pub(crate) const NO_CONTACTS: &str = "No contacts yet: add one with `nudge new \"Full Name\"`, or bring a CSV or vCard export in with `nudge import FILE`.\n";

/// A count with its noun: `1 error`, `2 errors`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `attempts/limit` as tables show it: `2/4`, `3/never`; past the limit
/// `5 (limit 4)`, never `5/4` (the state is in its own column).
pub(crate) fn attempts(contact: &Contact) -> String {
    Attempts { derived: &contact.derived, in_words: false }.to_string()
}

/// The unanswered attempts and the limit in force: `2/4`, `3/never`,
/// `5 (limit 4)`; in words (`show`): `2 of 4`, `3, no limit`,
/// `5 attempts, limit 4: dormant` (the state they led to).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attempts<'a> {
    /// The contact's derivation.
    pub derived: &'a Derived,
    /// In words, not a table's short form.
    pub in_words: bool,
}

impl std::fmt::Display for Attempts<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Derived { attempts, limit, state, .. } = self.derived;
        match (limit, self.in_words) {
            (Limit::After(limit), true) if attempts > limit => {
                write!(f, "{attempts} attempts, limit {limit}: {state}")
            }
            (Limit::After(limit), false) if attempts > limit => write!(f, "{attempts} (limit {limit})"),
            (Limit::After(limit), true) => write!(f, "{attempts} of {limit}"),
            (Limit::After(limit), false) => write!(f, "{attempts}/{limit}"),
            (Limit::Never, true) => write!(f, "{attempts}, no limit"),
            (Limit::Never, false) => write!(f, "{attempts}/never"),
        }
    }
}
