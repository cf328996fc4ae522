//! Render: turn derived contacts into what users read: the agenda, the
//! status table and JSON, `show`, and `check`'s listing. Returns strings; writing them
//! is the caller's job.

pub mod agenda;
pub mod check;
pub mod contact;
pub mod edited;
pub mod hints;
pub mod ics;
pub mod json;
pub mod markdown;
mod order;
pub mod show;
pub mod stats;
pub mod table;

use crate::pipeline::Contact;

pub use order::{order_by_due_then_name, sort_by_due_then_name, sorted_by_due_then_name};

/// A count with its noun: `1 error`, `2 errors`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `attempts/limit` as tables show it: `2/4`, `3/never`.
pub fn attempts(contact: &Contact) -> String {
    format!("{}/{}", contact.derived.attempts, contact.derived.limit)
}
