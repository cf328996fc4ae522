//! Problems found in the notes: what `nudge check` prints and the agenda's
//! problems section lists. A problem is a value with a file and a span of
//! its text, never a panic and never a reason to stop reading the other
//! files. Its `line:col` is computed from that text when it is printed.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use crate::model::span::Span;
use crate::position::{Extent, Position};

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

/// One problem at a place in a file of the vault. Problems are equal and
/// ordered by file, place, severity and message (the text they were found
/// in is not compared): sorted, a file's problems come in the order of
/// their places.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The file, relative to the vault, with `/` separators.
    pub file: String,
    /// Where in the file's text: the bad word, value or date.
    pub span: Span,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and what to do about it.
    pub message: String,
    /// The file's text, to turn `span` into a line and column when printed
    /// (see [`attach_source`]); `None` for a problem at the start of a file
    /// it could not read.
    pub source: Option<Arc<str>>,
    /// Where `span` starts and ends when that is known without the text
    /// (a duplicate's: its note was placed as it was read): a problem
    /// printed without its line needs no text then.
    pub extent: Option<Extent>,
}

impl Problem {
    /// An error at `span` of `file`.
    pub fn error(file: &str, span: Span, message: impl Into<String>) -> Self {
        Self::new(file, span, Severity::Error, message.into())
    }

    /// A warning at `span` of `file`.
    pub fn warning(file: &str, span: Span, message: impl Into<String>) -> Self {
        Self::new(file, span, Severity::Warning, message.into())
    }

    fn new(file: &str, span: Span, severity: Severity, message: String) -> Self {
        Self { file: file.to_owned(), span, severity, message, source: None, extent: None }
    }

    /// This problem, placed at `extent` (see [`Problem::extent`]).
    pub(crate) fn placed(self, extent: Option<Extent>) -> Self {
        Self { extent, ..self }
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The 1-based line and column (in characters) where the span starts,
    /// computed from the source text, else its known [`Problem::extent`]:
    /// line 1, column 1 without either.
    pub fn position(&self) -> Position {
        self.place(self.span.start(), |extent| extent.start)
    }

    /// The position of the span's end (see [`Problem::position`]).
    pub fn end_position(&self) -> Position {
        self.place(self.span.end(), |extent| extent.end)
    }

    /// The position of byte `offset` of the source text, else the one
    /// `known` takes of the extent.
    fn place(&self, offset: usize, known: fn(Extent) -> Position) -> Position {
        match (self.source.as_deref(), self.extent) {
            (Some(text), _) => Position::of(text, offset),
            (None, Some(extent)) => known(extent),
            (None, None) => Position::START,
        }
    }

    /// What problems are compared and sorted by.
    fn key(&self) -> (&str, u32, Severity, &str, u32) {
        (&self.file, self.span.start, self.severity, &self.message, self.span.end)
    }
}

impl PartialEq for Problem {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Problem {}

impl PartialOrd for Problem {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Problem {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

/// Gives the problems found in `text` without a source one copy of it, to
/// be printed with: called where a file's problems are gathered, so that
/// only the files with problems are kept (and only while they are). The
/// copy ends with the line of the last span: nothing after it is printed.
pub(crate) fn attach_source(problems: &mut [Problem], text: &str) {
    let without = || problems.iter().filter(|problem| problem.source.is_none());
    let Some(last) = without().map(|problem| problem.span.end()).max() else {
        return;
    };
    let rest = text.get(last..).unwrap_or_default();
    let kept = text.get(..last + memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())).unwrap_or(text);
    let shared: Arc<str> = Arc::from(kept);
    for problem in problems.iter_mut().filter(|problem| problem.source.is_none()) {
        problem.source = Some(Arc::clone(&shared));
    }
}

/// The most characters of a user's text a message quotes.
const QUOTED_CHARS: usize = 60;

/// User text as a message quotes it: at most 60 characters (then `…`), and
/// control characters escaped (`\u{0}`), so that a 5 MB line or a NUL byte
/// in a note can neither flood nor garble the terminal.
pub(crate) fn quotable(text: &str) -> Cow<'_, str> {
    let long = text.chars().nth(QUOTED_CHARS).is_some();
    if !long && !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out: String = text
        .chars()
        .take(QUOTED_CHARS)
        .flat_map(|c| if c.is_control() { c.escape_default().collect() } else { vec![c] })
        .collect();
    if long {
        out.push('…');
    }
    Cow::Owned(out)
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: {}", self.file, self.position(), self.severity, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_and_control_characters_escaped() {
        assert_eq!(quotable("calld"), "calld");
        assert_eq!(quotable("a\u{0}b\tc"), "a\\u{0}b\\tc");
        let long = "x".repeat(5_000_000);
        assert_eq!(quotable(&long), format!("{}…", "x".repeat(60)));
        assert_eq!(quotable(&"é".repeat(60)), "é".repeat(60), "60 characters are shown whole");
    }
}
