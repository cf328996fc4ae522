//! The marker that ends every actionable agenda entry, written by the
//! agenda and read back by `nudge sync` (docs/src/agenda.md, "Ticking an
//! entry"): `<!-- nudge ACTION FINGERPRINT/WORDS PATH -->`, then what the user
//! typed after it. WORDS identifies the entry's own text as written, so
//! `sync` can tell what the user typed into the line from what nudge wrote.

use crate::derive::Contact;
use crate::model::Channel;
use crate::render::agenda::todo::action;

/// The HTML comment `nudge sync` reads back from a ticked entry, without
/// its WORDS: `<!-- nudge ACTION FINGERPRINT PATH -->`, for the template
/// engine ([`sealed`] adds them to the rendered agenda). Empty for a path
/// that would end the comment or the line (`-->`, control characters).
pub(crate) fn marker(contact: &Contact) -> String {
    let mut out = String::new();
    write_marker(&mut out, contact, action(contact).channel, None);
    out
}

/// [`marker`], written to `out` for the channel of the contact's
/// [`action`], with the [`words`] of the entry's text when known (nothing
/// for such a path).
pub(crate) fn write_marker(out: &mut String, contact: &Contact, channel: Channel, words: Option<u32>) {
    let file = contact.file();
    // One pass over the path: only `>` can end the comment and only ASCII
    // controls, DEL or the lead byte 0xC2 (U+0080..U+009F) can be a
    // control; a path with none of them (nearly all) needs no more looks.
    // A test over every byte without a branch or a table a byte: the
    // compiler runs it many bytes at a time.
    let may_hold_end = |b: u8| matches!(b, 0..=0x1F | 0x7F | 0xC2 | b'>');
    if file.bytes().fold(false, |any, b| any | may_hold_end(b))
        && (file.contains("-->") || file.contains(char::is_control))
    {
        return;
    }
    out.push_str(COMMENT_START);
    out.push_str(channel.as_str());
    out.push(' ');
    out.push_str(std::str::from_utf8(&contact.fingerprint.hex()).unwrap_or_default());
    if let Some(words) = words {
        push_words(out, words);
    }
    out.push(' ');
    out.push_str(file);
    out.push_str(COMMENT_END);
}

/// `/WORDS`: 8 lowercase hex digits.
fn push_words(out: &mut String, words: u32) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.push('/');
    for place in (0..8).rev() {
        let nibble = (words >> (4 * place)) & 0xF;
        // One byte pushed as it is (`extend` with an `Option<char>` is a call a digit).
        out.push(char::from(DIGITS.get(nibble as usize).copied().unwrap_or(b'0')));
    }
}

/// The WORDS of an entry whose text (between its checkbox and its marker)
/// is `text`: 32 bits of its XXH3 hash, blanks around it left out.
pub(crate) fn words(text: &str) -> u32 {
    // The low half of the hash: the truncation is the point.
    #[allow(clippy::cast_possible_truncation)]
    let words = xxhash_rust::xxh3::xxh3_64(text.trim().as_bytes()) as u32;
    words
}

/// The agenda the template engine rendered, each entry's marker given the
/// [`words`] of the text before it, as the built-in template writes them.
pub(crate) fn sealed(text: String) -> String {
    if !text.contains(COMMENT_START) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16 * text.matches(COMMENT_START).count());
    for line in text.split_inclusive('\n') {
        let item = line.trim_start();
        let unsealed = item.strip_prefix(UNTICKED).and_then(|entry| {
            let at = entry.rfind(COMMENT_START)?;
            let fingerprint_at = at + COMMENT_START.len() + entry.get(at + COMMENT_START.len()..)?.find(' ')? + 1;
            let after = entry.get(fingerprint_at..)?;
            let bare = after.len() > 16 && is_hex(after.get(..16)?) && after.as_bytes().get(16) == Some(&b' ');
            let text = entry.get(..at)?;
            bare.then(|| (line.len() - entry.len() + fingerprint_at + 16, words(text)))
        });
        match unsealed {
            Some((end, words)) => {
                out.push_str(line.get(..end).unwrap_or_default());
                push_words(&mut out, words);
                out.push_str(line.get(end..).unwrap_or_default());
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Whether `text` is lowercase hex digits.
fn is_hex(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The checkbox an entry is written with.
const UNTICKED: &str = "- [ ] ";

/// One actionable line of the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Its 1-based line.
    pub line: usize,
    /// Whether its box is ticked.
    pub ticked: bool,
    /// The keyword to log.
    pub action: String,
    /// The contact file's fingerprint when the agenda was written.
    pub fingerprint: String,
    /// The contact file, relative to the vault.
    pub path: String,
    /// The [`words`] of the entry's text as written; `None` in a marker
    /// written before nudge wrote them.
    pub words: Option<u32>,
    /// The entry's text now: between its checkbox and its marker, trimmed.
    pub text: String,
    /// What the user typed after the comment, trimmed (empty when nothing).
    pub outcome: String,
}

/// The comment that ends an actionable entry.
const COMMENT_START: &str = "<!-- nudge ";
const COMMENT_END: &str = " -->";

/// The actionable entries of an agenda's `text` (a file named `agenda` in
/// messages), and a warning for each nudge comment that cannot be read.
pub(crate) fn entries(agenda: &str, text: &str) -> (Vec<Entry>, Vec<String>) {
    let mut found = Vec::new();
    let mut warnings = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let item = line.trim();
        let ticked = match item.get(..6) {
            Some("- [x] " | "- [X] ") => true,
            Some(UNTICKED) => false,
            _ => continue,
        };
        let Some(start) = item.rfind(COMMENT_START) else { continue };
        let parsed = item
            .get(start + COMMENT_START.len()..)
            .and_then(|comment| comment.split_once(COMMENT_END))
            .and_then(|(inside, outcome)| {
                let (action, rest) = inside.split_once(' ')?;
                let (fingerprint, path) = rest.split_once(' ')?;
                let (fingerprint, words) = match fingerprint.split_once('/') {
                    Some((fingerprint, words)) if words.len() == 8 && is_hex(words) => {
                        (fingerprint, Some(u32::from_str_radix(words, 16).ok()?))
                    }
                    Some(_) => return None,
                    None => (fingerprint, None),
                };
                let hex = fingerprint.len() == 16 && is_hex(fingerprint);
                (hex && !action.is_empty() && !path.trim().is_empty()).then(|| Entry {
                    line: line_number,
                    ticked,
                    action: action.to_owned(),
                    fingerprint: fingerprint.to_owned(),
                    path: path.to_owned(),
                    words,
                    text: item.get(UNTICKED.len()..start).unwrap_or_default().trim().to_owned(),
                    outcome: outcome.trim().to_owned(),
                })
            });
        match parsed {
            Some(entry) => found.push(entry),
            None => warnings.push(format!(
                "{agenda}:{line_number}: this entry's nudge comment cannot be read (it should be <!-- nudge ACTION FINGERPRINT/WORDS PATH -->): skipped; run `nudge agenda` to write it again"
            )),
        }
    }
    (found, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn words_are_written_as_eight_lowercase_hex_digits(words in proptest::prelude::any::<u32>()) {
            let mut out = String::new();
            push_words(&mut out, words);
            proptest::prop_assert_eq!(out, format!("/{words:08x}"));
        }
    }
}
