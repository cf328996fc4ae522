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
/// (none last), then name (ignoring case), then file.
pub fn order_by_due_then_name(contacts: &[Contact]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..contacts.len()).collect();
    sort_by_due_then_name(contacts, &mut order);
    order
}

/// What a listing sorts a contact by: no due date last, the due date, the
/// name lowered.
type ListingKey = (bool, Option<NaiveDate>, String);

/// Sorts `positions` (of `contacts`) in the order of
/// [`order_by_due_then_name`]. Each contact's key is worked out once, on all
/// cores, and positions are sorted rather than the contacts themselves (a
/// large vault has a million comparisons, and a contact is hundreds of
/// bytes to move).
pub fn sort_by_due_then_name(contacts: &[Contact], positions: &mut [usize]) {
    let mut keyed: Vec<(ListingKey, usize)> = positions
        .par_iter()
        .filter_map(|&index| {
            let contact = contacts.get(index)?;
            let due = contact.derived.due;
            let name = if contact.name.is_ascii() {
                contact.name.to_ascii_lowercase()
            } else {
                contact.name.chars().flat_map(char::to_lowercase).collect()
            };
            Some(((due.is_none(), due, name), index))
        })
        .collect();
    let file = |index: usize| contacts.get(index).map(|contact| contact.file.as_str());
    keyed.par_sort_unstable_by(|(a_key, a), (b_key, b)| a_key.cmp(b_key).then_with(|| file(*a).cmp(&file(*b))));
    for (position, (_, index)) in positions.iter_mut().zip(keyed) {
        *position = index;
    }
}

/// `contacts` in the order of [`order_by_due_then_name`].
pub fn sorted_by_due_then_name(contacts: &[Contact]) -> Vec<&Contact> {
    order_by_due_then_name(contacts).into_iter().filter_map(|index| contacts.get(index)).collect()
}

/// `attempts/limit` as tables show it: `2/4`, `3/never`.
pub fn attempts(contact: &Contact) -> String {
    format!("{}/{}", contact.derived.attempts, contact.derived.limit)
}
