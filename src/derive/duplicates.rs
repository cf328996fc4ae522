//! Contacts kept twice: the same email, or the same written name and
//! company (nudge check warns).

use rayon::prelude::*;

use crate::caseless;
use crate::derive::contact::{Contact, Placed, company_of, email_of, written_name};
use crate::problem::Problem;

/// Warnings for contacts kept twice: the same email, or the same written
/// `name` and company (both without a company count as the same), ignoring
/// case. The later file (in path order) gets the warning, naming the first
/// and what matched; a contact found twice by email is not looked for again
/// by name.
pub(crate) fn duplicates(contacts: &[Contact]) -> Vec<Problem> {
    // Every step but one short loop runs on all cores: at 100,000 notes
    // this ran on one core while the other waited (perf timelines), each
    // contact compared or named a cache miss.
    let by_email: Vec<(u64, usize)> = contacts
        .par_iter()
        .enumerate()
        .filter_map(|(index, contact)| Some((contact.identity.email?.get(), index)))
        .collect();
    let same_email = |a: usize, b: usize| {
        let email = |index: usize| contacts.get(index).and_then(|contact| email_of(contact)).unwrap_or_default();
        caseless::eq(email(a), email(b))
    };
    let email_twice = later_and_first(by_email, same_email);
    let mut counted = vec![false; contacts.len()];
    for &(later, _) in &email_twice {
        if let Some(seen) = counted.get_mut(later) {
            *seen = true;
        }
    }
    let by_name: Vec<(u64, usize)> = contacts
        .par_iter()
        .zip(&counted)
        .enumerate()
        .filter(|(_, (_, counted))| !**counted)
        .filter_map(|(index, (contact, _))| Some((contact.identity.name?.get(), index)))
        .collect();
    let same_name = |a: usize, b: usize| match (contacts.get(a), contacts.get(b)) {
        (Some(a), Some(b)) => {
            caseless::eq(written_name(a).unwrap_or_default(), written_name(b).unwrap_or_default())
                && caseless::eq(company_of(a), company_of(b))
        }
        _ => false,
    };
    let name_twice = later_and_first(by_name, same_name);
    // Placed where the note's text placed `at` as it was read: printed
    // without its line, the warning needs no read of the note.
    let warning = |(later, first): (usize, usize), what: &str, at: Placed| {
        let (later, first) = (contacts.get(later)?, contacts.get(first)?);
        let message = format!("duplicate contact: same {what} as {}; merge the two files or remove one", first.file());
        Some(Problem::warning(later.file(), at.span, message).placed(at.at.extent()))
    };
    let mut found: Vec<Problem> = email_twice
        .into_par_iter()
        .filter_map(|pair| warning(pair, "email", contacts.get(pair.0)?.places.email))
        .collect();
    found.par_extend(name_twice.into_par_iter().filter_map(|pair| {
        let later = contacts.get(pair.0)?;
        let what = if company_of(later).is_empty() { "name, both without a company," } else { "name and company" };
        warning(pair, what, later.places.name)
    }));
    found
}

/// The items found twice among `keyed` (hash and index), as pairs of the
/// later index and the first index with the same key (`same` tells keys
/// apart when hashes collide). The sort and the scan that follows (each
/// run of equal hashes read once) run on all cores.
fn later_and_first(mut keyed: Vec<(u64, usize)>, same: impl Fn(usize, usize) -> bool + Sync) -> Vec<(usize, usize)> {
    keyed.par_sort_unstable();
    keyed
        .par_chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
        .flat_map_iter(|run| {
            // In index order: the first of each key is met first.
            let mut firsts: Vec<usize> = Vec::new();
            let mut pairs = Vec::new();
            for &(_, index) in run {
                match firsts.iter().find(|&&first| same(first, index)) {
                    Some(&first) => pairs.push((index, first)),
                    None => firsts.push(index),
                }
            }
            pairs
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_whose_hashes_collide_are_told_apart() {
        let keys = ["a", "b", "A", "c", "B", "a"];
        // Every hash the same: only the comparison tells the keys apart.
        let keyed = (0..keys.len()).map(|index| (7, index)).collect();
        let pairs = later_and_first(keyed, |a, b| caseless::eq(keys[a], keys[b]));
        assert_eq!(pairs, [(2, 0), (4, 1), (5, 0)]);
    }
}
