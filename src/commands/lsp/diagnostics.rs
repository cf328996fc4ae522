//! `nudge check`'s problems as LSP diagnostics: the severity, a code, the
//! range of the bad word or value, and the did-you-mean the message carries
//! (docs/src/lsp.md, "Diagnostics").

use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Range};

use super::positions::{Encoding, note_offset, range};
use crate::problem::{Problem, Severity};

/// The codes of the problems, by words of their messages: a stable name
/// for each kind, for editors that filter or silence by code.
const CODES: &[(&str, &str)] = &[
    ("unknown touch keyword", "unknown-keyword"),
    ("no touch keyword", "no-keyword"),
    ("unknown key `", "unknown-key"),
    ("unknown setting", "unknown-setting"),
    ("unknown playbook", "unknown-playbook"),
    ("duplicate contact", "duplicate-contact"),
    ("asked to stop", "attempt-after-stop"),
    ("after today", "future-touch"),
    ("not ticked", "planned-not-ticked"),
    ("impossible date", "impossible-date"),
    ("is written twice", "written-twice"),
    ("not valid UTF-8", "not-utf8"),
    ("not valid YAML", "yaml"),
    ("never closed", "unclosed-front-matter"),
    ("must be", "wrong-value"),
];

/// The code of a problem, by its message (`nudge` for the rest).
pub fn code(message: &str) -> &'static str {
    CODES.iter().find(|(words, _)| message.contains(words)).map_or("nudge", |(_, code)| code)
}

/// The word a suggestion would replace: what the message's did-you-mean
/// offers (`did you mean 'called'?`, or with backquotes).
pub fn suggestion(message: &str) -> Option<&str> {
    let (_, after) = message.split_once("did you mean ")?;
    let quote = after.chars().next().filter(|c| matches!(c, '\'' | '`'))?;
    let inner = after.get(1..)?;
    let end = inner.find(quote)?;
    inner.get(..end).filter(|word| !word.is_empty())
}

/// The byte range of the word a problem points at in `text`: from its
/// position to the next space, less a `:` `,` `;` `.` `!` after it; the
/// rest of the line when that is empty; an empty range at a line's end.
pub fn word_at(text: &str, problem: &Problem) -> (usize, usize) {
    let start = note_offset(text, problem.position);
    let rest = text.get(start..).unwrap_or_default();
    let line = rest.split(['\n', '\r']).next().unwrap_or_default();
    let word = line.split(char::is_whitespace).next().unwrap_or_default();
    let word = word.trim_end_matches([':', ',', ';', '.', '!', '?']);
    let length = if word.is_empty() { line.trim_end().len() } else { word.len() };
    (start, start + length)
}

/// One problem as a diagnostic on `text`.
pub fn diagnostic(text: &str, problem: &Problem, encoding: Encoding) -> Diagnostic {
    let (start, end) = word_at(text, problem);
    let severity = match problem.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
    };
    Diagnostic {
        range: range(text, start, end, encoding),
        severity: Some(severity),
        code: Some(NumberOrString::String(code(&problem.message).to_owned())),
        source: Some("nudge".to_owned()),
        message: problem.message.clone(),
        ..Diagnostic::default()
    }
}

/// The diagnostics of one document's problems.
pub fn diagnostics<'p>(
    text: &str,
    problems: impl IntoIterator<Item = &'p Problem>,
    encoding: Encoding,
) -> Vec<Diagnostic> {
    problems.into_iter().map(|problem| diagnostic(text, problem, encoding)).collect()
}

/// Whether two ranges overlap or touch (a cursor at a word's end is on it).
pub fn touches(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::position::Position;

    #[test]
    fn the_range_is_the_bad_word_without_its_colon() {
        let text = "---\nname: Dana\n---\n- 2026-11-14 call calld: left a message\n";
        let problem = Problem::warning(
            "dana.md",
            Position::new(4, 19),
            "unknown touch keyword 'calld', did you mean 'called'? ...",
        );
        let (start, end) = word_at(text, &problem);
        assert_eq!(&text[start..end], "calld");
        let diagnostic = diagnostic(text, &problem, Encoding::Utf16);
        assert_eq!(diagnostic.range, Range::new(lsp_types::Position::new(3, 18), lsp_types::Position::new(3, 23)));
        assert_eq!(diagnostic.code, Some(NumberOrString::String("unknown-keyword".to_owned())));
    }

    #[test]
    fn the_suggestion_is_read_from_either_quote() {
        assert_eq!(suggestion("unknown touch keyword 'calld', did you mean 'called'? it counts"), Some("called"));
        assert_eq!(suggestion("unknown key `playbok`: did you mean `playbook`? (unknown"), Some("playbook"));
        assert_eq!(suggestion("unknown playbook 'x' (known: a, b)"), None);
    }
}
