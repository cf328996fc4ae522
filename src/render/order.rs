//! The order of every listing (the agenda's sections, `status`, the
//! calendar): by due date (none last), then name ignoring case, then file.

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::caseless;
use crate::derive::Contact;

/// The positions of `contacts` in listing order.
pub(crate) fn order_by_due_then_name(contacts: &[Contact]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..contacts.len()).collect();
    sort_by_due_then_name(contacts, &mut order);
    order
}

/// `contacts` in listing order.
pub(crate) fn sorted_by_due_then_name(contacts: &[Contact]) -> Vec<&Contact> {
    order_by_due_then_name(contacts).into_iter().filter_map(|index| contacts.get(index)).collect()
}

/// Sorts `positions` (of `contacts`) into listing order; positions are
/// sorted rather than the contacts themselves (a contact is hundreds of
/// bytes to move).
pub(crate) fn sort_by_due_then_name(contacts: &[Contact], positions: &mut [usize]) {
    sort_positions(positions, |index| {
        contacts.get(index).map(|contact| Listed {
            due: contact.derived.due,
            name: contact.name(),
            file: contact.file(),
        })
    });
}

/// What a listing orders a contact by.
#[derive(Debug, Clone, Copy)]
struct Listed<'a> {
    due: Option<NaiveDate>,
    name: &'a str,
    file: &'a str,
}

/// Sorts `positions` by what `listed` says of each. Each key is worked out
/// once, on all cores: the due day as a number and the first 16 bytes of
/// the lowered name as one integer. A large vault has a million
/// comparisons, and nearly all of them are decided by those two numbers
/// without reading a name; equal keys compare the whole lowered names, then
/// the files.
fn sort_positions<'a>(positions: &mut [usize], listed: impl Fn(usize) -> Option<Listed<'a>> + Sync) {
    let mut keyed: Vec<(ListingKey, usize)> =
        positions.par_iter().filter_map(|&index| Some((ListingKey::of(listed(index)?), index))).collect();
    keyed.par_sort_unstable_by(|(a_key, a), (b_key, b)| {
        a_key.cmp(b_key).then_with(|| match (listed(*a), listed(*b)) {
            (Some(a), Some(b)) => caseless::cmp(a.name, b.name).then_with(|| a.file.cmp(b.file)),
            (a, b) => a.is_some().cmp(&b.is_some()),
        })
    });
    for (position, (_, index)) in positions.iter_mut().zip(keyed) {
        *position = index;
    }
}

/// The first comparisons of a listing: the due day (none last) and the
/// lowered name's first 16 bytes, zero-padded, read as a big-endian number
/// (so numbers compare as the bytes do, and a shorter name first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct ListingKey {
    due: i32,
    name: u128,
}

impl ListingKey {
    fn of(listed: Listed<'_>) -> Self {
        // No date is `i32::MAX` days from the common era: none sorts last.
        let due = listed.due.map_or(i32::MAX, |day| day.num_days_from_ce());
        let mut prefix = [0u8; 16];
        if listed.name.is_ascii() {
            for (slot, byte) in prefix.iter_mut().zip(listed.name.bytes()) {
                *slot = byte.to_ascii_lowercase();
            }
        } else {
            for (slot, byte) in prefix.iter_mut().zip(caseless::lowered_bytes(listed.name)) {
                *slot = byte;
            }
        }
        Self { due, name: u128::from_be_bytes(prefix) }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The reference: each key built in full, lowered names allocated.
    fn reference(items: &[(Option<NaiveDate>, String, String)]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|&index| {
            let (due, name, file) = &items[index];
            let lowered: String = name.chars().flat_map(char::to_lowercase).collect();
            (due.is_none(), *due, lowered, file.clone())
        });
        order
    }

    fn sorted(items: &[(Option<NaiveDate>, String, String)]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..items.len()).collect();
        sort_positions(&mut order, |index| items.get(index).map(|(due, name, file)| Listed { due: *due, name, file }));
        order
    }

    fn day(days: i32) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(739_000 + days).unwrap()
    }

    #[test]
    fn due_first_none_last_then_name_ignoring_case_then_file() {
        let items = vec![
            (None, "Ann".to_owned(), "a.md".to_owned()),
            (Some(day(2)), "bob".to_owned(), "b.md".to_owned()),
            (Some(day(1)), "Zed".to_owned(), "z.md".to_owned()),
            (Some(day(2)), "Ann".to_owned(), "c.md".to_owned()),
            (Some(day(2)), "ann".to_owned(), "a.md".to_owned()),
            (Some(day(2)), "Éva".to_owned(), "e.md".to_owned()),
        ];
        assert_eq!(sorted(&items), [2, 4, 3, 1, 5, 0]);
    }

    #[test]
    fn names_equal_in_their_first_16_bytes_compare_in_full() {
        let long = |tail: &str| format!("Alexandria-Josephine {tail}");
        let items = vec![
            (None, long("Zimmer"), "1.md".to_owned()),
            (None, long("abbott"), "2.md".to_owned()),
            (None, "Alexandria-Josep".to_owned(), "3.md".to_owned()),
        ];
        assert_eq!(sorted(&items), [2, 1, 0]);
    }

    proptest! {
        #[test]
        fn the_keys_sort_as_the_full_comparison_does(
            items in proptest::collection::vec(
                (proptest::option::of(-3i32..3), "[aAbBéÉ\u{130}\u{212a}k \0]{0,20}"),
                0..40,
            ),
        ) {
            // Files are unique in a vault: nothing is left to chance.
            let items: Vec<_> =
                items.into_iter().enumerate().map(|(file, (due, name))| (due.map(day), name, file.to_string())).collect();
            prop_assert_eq!(sorted(&items), reference(&items));
        }
    }
}
