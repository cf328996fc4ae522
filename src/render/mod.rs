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

use std::cmp::Ordering;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::pipeline::Contact;

/// The order of every listing: by due date (none last), then name
/// (ignoring case), then file.
pub fn by_due_then_name(a: &Contact, b: &Contact) -> Ordering {
    let (a_none, a_due, a_name, a_file) = due_then_name(a);
    let (b_none, b_due, b_name, b_file) = due_then_name(b);
    (a_none, a_due).cmp(&(b_none, b_due)).then_with(|| a_name.cmp(b_name)).then_with(|| a_file.cmp(b_file))
}

/// The positions of `contacts` in the order of [`by_due_then_name`]. Each
/// contact's key is worked out once, on all cores, and positions are sorted
/// rather than the contacts themselves (a large vault has a million
/// comparisons, and a contact is hundreds of bytes to move).
pub fn order_by_due_then_name(contacts: &[Contact]) -> Vec<usize> {
    let keys: Vec<(bool, Option<NaiveDate>, String)> = contacts
        .par_iter()
        .map(|contact| {
            let (none, due, name, _) = due_then_name(contact);
            (none, due, name.collect())
        })
        .collect();
    let mut order: Vec<usize> = (0..contacts.len()).collect();
    let file = |index: usize| contacts.get(index).map(|contact| contact.file.as_str());
    order.par_sort_unstable_by(|&a, &b| keys.get(a).cmp(&keys.get(b)).then_with(|| file(a).cmp(&file(b))));
    order
}

/// The sort key: due date (none last), the name in lower case, the file.
fn due_then_name(contact: &Contact) -> (bool, Option<NaiveDate>, impl Iterator<Item = char> + '_, &str) {
    let due = contact.derived.due;
    (due.is_none(), due, contact.name.chars().flat_map(char::to_lowercase), contact.file.as_str())
}

/// `attempts/limit` as tables show it: `2/4`, `3/never`.
pub fn attempts(contact: &Contact) -> String {
    format!("{}/{}", contact.derived.attempts, contact.derived.limit)
}
