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
pub mod show;
pub mod stats;
pub mod table;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::pipeline::Contact;

/// The positions of `contacts` in the order of every listing: by due date
/// (none last), then name (ignoring case), then file. Each contact's key is
/// worked out once, on all cores, and positions are sorted rather than the
/// contacts themselves (a large vault has a million comparisons, and a
/// contact is hundreds of bytes to move).
pub fn order_by_due_then_name(contacts: &[Contact]) -> Vec<usize> {
    let keys: Vec<(bool, Option<NaiveDate>, String)> = contacts
        .par_iter()
        .map(|contact| {
            let due = contact.derived.due;
            let name = if contact.name.is_ascii() {
                contact.name.to_ascii_lowercase()
            } else {
                contact.name.chars().flat_map(char::to_lowercase).collect()
            };
            (due.is_none(), due, name)
        })
        .collect();
    let mut order: Vec<usize> = (0..contacts.len()).collect();
    let file = |index: usize| contacts.get(index).map(|contact| contact.file.as_str());
    order.par_sort_unstable_by(|&a, &b| keys.get(a).cmp(&keys.get(b)).then_with(|| file(a).cmp(&file(b))));
    order
}

/// `contacts` in the order of [`order_by_due_then_name`].
pub fn sorted_by_due_then_name(contacts: &[Contact]) -> Vec<&Contact> {
    order_by_due_then_name(contacts).into_iter().filter_map(|index| contacts.get(index)).collect()
}

/// `attempts/limit` as tables show it: `2/4`, `3/never`.
pub fn attempts(contact: &Contact) -> String {
    format!("{}/{}", contact.derived.attempts, contact.derived.limit)
}
