//! Strings kept per thread for the next note: a note's front matter texts
//! (name, email, tags...) live only until its contact copies them into its
//! one string, and the next note on the same thread needs as many again.

use std::cell::RefCell;

thread_local! {
    /// Strings of notes made into contacts, to be filled again by the next
    /// note read (its front matter's texts, or the same read from the parse
    /// cache: [`reused`]): a string reused costs no allocation and no free.
    static SPARE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// How many strings [`SPARE`] keeps.
const SPARE_STRINGS: usize = 64;

/// The largest string [`SPARE`] keeps: a name, an email, a tag.
const SPARE_CAPACITY: usize = 256;

/// `text` in a string of its own: a spare one ([`SPARE`]) when there is one.
pub(crate) fn reused(text: &str) -> String {
    match SPARE.with_borrow_mut(Vec::pop) {
        Some(mut spare) => {
            spare.clear();
            spare.push_str(text);
            spare
        }
        None => text.to_owned(),
    }
}

/// Keeps `strings` in [`SPARE`], as many as it takes; frees the others.
/// A plain loop over the texts, each moved once (an iterator chain of
/// options and a vector's iterator cost about 500 instructions a contact).
pub(crate) fn keep_spare<const N: usize>(strings: [Option<String>; N], more: Vec<String>) {
    SPARE.with_borrow_mut(|spare| {
        let mut keep = |text: String| {
            if spare.len() < SPARE_STRINGS && (1..=SPARE_CAPACITY).contains(&text.capacity()) {
                spare.push(text);
            }
        };
        for text in strings.into_iter().flatten() {
            keep(text);
        }
        for text in more {
            keep(text);
        }
    });
}
