//! Problems found in the notes: what `nudge check` prints and the agenda's
//! problems section lists. A problem is a value with a file and a position,
//! never a panic and never a reason to stop reading the other files.

use std::borrow::Cow;
use std::fmt;

use crate::position::Position;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The file (or the part named) could not be used.
    Error,
    /// Probably a mistake; the file was used anyway.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem at a place in a file of the vault.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Problem {
    /// The file, relative to the vault, with `/` separators.
    pub file: String,
    /// Where in the file.
    pub position: Position,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl Problem {
    /// An error at `position` in `file`.
    pub fn error(file: &str, position: Position, message: impl Into<String>) -> Self {
        Self { file: file.to_owned(), position, severity: Severity::Error, message: message.into() }
    }

    /// A warning at `position` in `file`.
    pub fn warning(file: &str, position: Position, message: impl Into<String>) -> Self {
        Self { file: file.to_owned(), position, severity: Severity::Warning, message: message.into() }
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The most characters of a user's text a message quotes.
const SHOWN_CHARS: usize = 60;

/// User text as a message quotes it: at most 60 characters (then `…`), and
/// control characters escaped (`\u{0}`), so that a 5 MB line or a NUL byte
/// in a note can neither flood nor garble the terminal.
pub fn shown(text: &str) -> Cow<'_, str> {
    let long = text.chars().nth(SHOWN_CHARS).is_some();
    if !long && !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out: String = text
        .chars()
        .take(SHOWN_CHARS)
        .flat_map(|c| if c.is_control() { c.escape_default().collect() } else { vec![c] })
        .collect();
    if long {
        out.push('…');
    }
    Cow::Owned(out)
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: {}", self.file, self.position, self.severity, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_and_control_characters_escaped() {
        assert_eq!(shown("calld"), "calld");
        assert_eq!(shown("a\u{0}b\tc"), "a\\u{0}b\\tc");
        let long = "x".repeat(5_000_000);
        assert_eq!(shown(&long), format!("{}…", "x".repeat(60)));
        assert_eq!(shown(&"é".repeat(60)), "é".repeat(60), "60 characters are shown whole");
    }
}
