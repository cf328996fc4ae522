//! The marker that ends every actionable agenda entry, written by the
//! agenda and read back by `nudge sync` (docs/src/agenda.md, "Ticking an
//! entry"): `<!-- nudge ACTION FINGERPRINT PATH -->`, then what the user
//! typed after it.

use crate::derive::Contact;
use crate::render::agenda::todo::action;

/// The HTML comment `nudge sync` reads back from a ticked entry:
/// `<!-- nudge ACTION FINGERPRINT PATH -->`. Empty for a path that would
/// end the comment or the line (`-->`, control characters).
pub(crate) fn marker(contact: &Contact) -> String {
    let mut out = String::new();
    write_marker(&mut out, contact);
    out
}

/// [`marker`], written to `out` (nothing for such a path).
pub(crate) fn write_marker(out: &mut String, contact: &Contact) {
    let file = &contact.file;
    // Controls are ASCII, or U+0080..U+009F after the lead byte 0xC2.
    let may_hold_control = file.bytes().any(|b| b < b' ' || b == 0x7F || b == 0xC2);
    if file.contains("-->") || (may_hold_control && file.contains(char::is_control)) {
        return;
    }
    out.push_str(COMMENT_START);
    out.push_str(action(contact).channel.as_str());
    out.push(' ');
    out.push_str(std::str::from_utf8(&contact.fingerprint.hex()).unwrap_or_default());
    out.push(' ');
    out.push_str(file);
    out.push_str(COMMENT_END);
}

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
            Some("- [ ] ") => false,
            _ => continue,
        };
        let Some(start) = item.rfind(COMMENT_START) else { continue };
        let parsed = item
            .get(start + COMMENT_START.len()..)
            .and_then(|comment| comment.split_once(COMMENT_END))
            .and_then(|(inside, outcome)| {
                let (action, rest) = inside.split_once(' ')?;
                let (fingerprint, path) = rest.split_once(' ')?;
                let hex = fingerprint.len() == 16
                    && fingerprint.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                (hex && !action.is_empty() && !path.trim().is_empty()).then(|| Entry {
                    line: line_number,
                    ticked,
                    action: action.to_owned(),
                    fingerprint: fingerprint.to_owned(),
                    path: path.to_owned(),
                    outcome: outcome.trim().to_owned(),
                })
            });
        match parsed {
            Some(entry) => found.push(entry),
            None => warnings.push(format!(
                "{agenda}:{line_number}: this entry's nudge comment cannot be read (it should be <!-- nudge ACTION FINGERPRINT PATH -->): skipped; run `nudge agenda` to write it again"
            )),
        }
    }
    (found, warnings)
}
