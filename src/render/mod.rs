//! Render: turn derived contacts into what users read: the agenda, the
//! status table and JSON, `show`, and `check`'s listing. Returns strings; writing them
//! is the caller's job.

pub mod agenda;
pub mod check;
pub mod contact;
pub mod edited;
pub mod editor;
pub mod hints;
pub mod ics;
pub mod json;
pub mod markdown;
mod order;
pub mod show;
pub mod stats;
pub mod table;
pub mod team;

use crate::derive::Contact;
use crate::derive::Derived;
use crate::model::Limit;

pub use order::{order_by_due_then_name, sort_by_due_then_name, sorted_by_due_then_name};

/// A count with its noun: `1 error`, `2 errors`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `attempts/limit` as tables show it: `2/4`, `3/never`; past the limit
/// `5 (limit 4)`, never `5/4` (the state is in its own column).
pub fn attempts(contact: &Contact) -> String {
    Attempts { derived: &contact.derived, in_words: false }.to_string()
}

/// The unanswered attempts and the limit in force: `2/4`, `3/never`,
/// `5 (limit 4)`; in words (`show`): `2 of 4`, `3, no limit`,
/// `5 attempts, limit 4: dormant` (the state they led to).
#[derive(Debug, Clone, Copy)]
pub struct Attempts<'a> {
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
