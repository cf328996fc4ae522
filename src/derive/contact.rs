//! The contact as the outputs see it: an owned summary of a note and its
//! derivation ([`Contact`]), with what makes two contacts the same person
//! ([`Identity`]) and the last counted touch ([`LastTouch`]).

use std::hash::Hasher;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::caseless;
use crate::derive::{self, Derived, Playbook};
use crate::discover::read::Fingerprint;
use crate::model::{Channel, Outcome};
use crate::parse::front_matter::Extra;
use crate::parse::{self, FrontMatter, Note, Touch};

/// One contact, derived, with what the outputs show of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    /// The file, relative to the vault, with `/` separators.
    pub file: String,
    /// The front matter.
    pub front: FrontMatter,
    /// The playbook in force (the default when the note names an unknown
    /// one): shared with the vault's playbook, not copied.
    pub playbook: Arc<str>,
    /// State, due date, hints, reason.
    pub derived: Derived,
    /// The last counted touch.
    pub last_touch: Option<LastTouch>,
    /// The file's state when it was read: see [`Fingerprint`].
    pub fingerprint: Fingerprint,
    /// What makes two contacts the same person.
    pub identity: Identity,
}

impl Contact {
    /// The display name: see [`parse::display_name`].
    pub fn name(&self) -> &str {
        parse::display_name(&self.front, &self.file)
    }
}

/// Hashes, ignoring case, of what makes two contacts the same person: the
/// email (when there is one), and the `name` written in the front matter
/// with the company (never a name taken from the file's name: `index.md`
/// in two folders is not one person twice). Made while the note is read,
/// so that finding duplicates reads no contact again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    /// The email's hash.
    pub email: Option<u64>,
    /// The hash of the written name and the company.
    pub name: Option<u64>,
}

impl Identity {
    fn of(front: &FrontMatter) -> Self {
        let email = email_of(front).map(|email| caseless_hash(&[email]));
        let name = written_name(front).map(|name| caseless_hash(&[name, company_of(front)]));
        Self { email, name }
    }
}

/// A contact's last counted [`Touch`], owned, as the
/// outputs show it: kept after the note's text is freed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastTouch {
    /// The day.
    pub date: NaiveDate,
    /// Its channel.
    pub channel: Channel,
    /// Its outcome.
    pub outcome: Outcome,
    /// The keywords, then the free text, in one string (one allocation).
    words: String,
    /// Where the keywords end in `words`.
    keywords_end: usize,
}

impl LastTouch {
    fn of(touch: &Touch<'_>) -> Self {
        let keywords = touch.keywords;
        let mut words = String::with_capacity(keywords.len() + touch.text.len());
        words.push_str(keywords);
        for (index, word) in touch.text.split_whitespace().enumerate() {
            if index > 0 {
                words.push(' ');
            }
            words.push_str(word);
        }
        Self { date: touch.date, channel: touch.channel, outcome: touch.outcome, words, keywords_end: keywords.len() }
    }

    /// The keywords as written.
    pub fn keywords(&self) -> &str {
        self.words.get(..self.keywords_end).unwrap_or_default()
    }

    /// The free text, on one line: its words joined by single spaces.
    pub fn text(&self) -> &str {
        self.words.get(self.keywords_end..).unwrap_or_default()
    }
}

/// The owned summary of a contact that the outputs use, made of the note
/// and its derivation (moved, not copied), without the front matter keys
/// nudge does not read ([`UnknownKeys::Drop`](crate::load::UnknownKeys::Drop)); `fingerprint` identifies
/// the file's state as it was read.
pub(crate) fn contact(note: Note<'_>, playbook: &Playbook, derived: Derived, fingerprint: Fingerprint) -> Contact {
    let last = derived.last_touch.and_then(|day| derive::last_counted(&note.touches, day)).map(LastTouch::of);
    let identity = Identity::of(&note.front);
    Contact {
        identity,
        file: note.file.to_owned(),
        front: note.front,
        playbook: playbook.name.clone(),
        derived,
        last_touch: last,
        fingerprint,
    }
}

/// [`contact`], keeping the front matter keys nudge does not read
/// ([`UnknownKeys::Keep`](crate::load::UnknownKeys::Keep)).
pub(crate) fn contact_with_extra(
    mut note: Note<'_>,
    playbook: &Playbook,
    derived: Derived,
    fingerprint: Fingerprint,
) -> Contact {
    note.front.extra = Extra::of(note.extra);
    contact(note, playbook, derived, fingerprint)
}

/// The `name` written in the front matter, when there is one: a name taken
/// from the file's name says nothing about the person.
pub(crate) fn written_name(front: &FrontMatter) -> Option<&str> {
    front.name.as_deref().map(str::trim).filter(|name| !name.is_empty())
}

/// The email a duplicate is known by, when there is one.
pub(crate) fn email_of(front: &FrontMatter) -> Option<&str> {
    front.email.as_deref().map(str::trim).filter(|email| !email.is_empty())
}

/// The company a duplicate is known by (with the name), empty for none.
pub(crate) fn company_of(front: &FrontMatter) -> &str {
    front.company.as_deref().unwrap_or_default()
}

/// A hash of `texts`, ignoring case ([`caseless::hash`]).
fn caseless_hash(texts: &[&str]) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    for text in texts {
        caseless::hash(&mut hasher, text);
        // Not UTF-8: `ab` + `c` and `a` + `bc` hash apart.
        hasher.write_u8(0xFF);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caseless_keys_ignore_case_and_keep_their_parts_apart() {
        assert_eq!(caseless_hash(&["Dana", "ACME"]), caseless_hash(&["dana", "acme"]));
        assert_ne!(caseless_hash(&["ab", "c"]), caseless_hash(&["a", "bc"]));
        assert_eq!(caseless_hash(&["DANA", "Élie"]), caseless_hash(&["dana", "élie"]));
        assert_eq!(caseless_hash(&["\u{212A}im"]), caseless_hash(&["kim"]));
    }
}
