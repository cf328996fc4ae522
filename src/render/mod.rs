//! Render: turn derived contacts into what users read: the status table
//! and JSON, `show`, and `check`'s listing. Returns strings; writing them
//! is the caller's job.

pub mod check;
pub mod contact;
pub mod edited;
pub mod ics;
pub mod json;
pub mod show;
pub mod stats;
pub mod table;

use std::cmp::Ordering;

use crate::pipeline::Contact;

/// The order of every listing: by due date (none last), then name, then file.
pub fn by_due_then_name(a: &Contact, b: &Contact) -> Ordering {
    let due = |contact: &Contact| (contact.derived.due.is_none(), contact.derived.due);
    due(a)
        .cmp(&due(b))
        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        .then_with(|| a.file.cmp(&b.file))
}

/// `attempts/limit` as tables show it: `2/4`, `3/never`.
pub fn attempts(contact: &Contact) -> String {
    format!("{}/{}", contact.derived.attempts, contact.derived.limit)
}
