//! `nudge check`'s problems as LSP diagnostics: the severity, a code, the
//! range of the bad word or value, and the did-you-mean the message carries
//! (docs/src/lsp.md, "Diagnostics").

use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Range};

use super::positions::{Encoding, range};
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
pub(super) fn code(message: &str) -> &'static str {
    CODES.iter().find(|(words, _)| message.contains(words)).map_or("nudge", |(_, code)| code)
}

/// The word a suggestion would replace: what the message's did-you-mean
/// offers (`did you mean 'called'?`, or with backquotes).
pub(super) fn suggestion(message: &str) -> Option<&str> {
    let (_, after) = message.split_once("did you mean ")?;
    let quote = after.chars().next().filter(|c| matches!(c, '\'' | '`'))?;
    let inner = after.get(1..)?;
    let end = inner.find(quote)?;
    inner.get(..end).filter(|word| !word.is_empty())
}

/// The byte range of what a problem points at in `text`: its span (the
/// bad word, value or date); for an empty span, the word there, up to the
/// next space, less a `:` `,` `;` `.` `!` `?` after it, else the rest of the
/// line (an empty range at a line's end).
pub(super) fn word_at(text: &str, problem: &Problem) -> (usize, usize) {
    let span = problem.span;
    if span.start < span.end && text.get(span.range()).is_some() {
        return (span.start(), span.end());
    }
    let start = span.start().min(text.len());
    let rest = text.get(start..).unwrap_or_default();
    let line = rest.split(['\n', '\r']).next().unwrap_or_default();
    let word = line.split(char::is_whitespace).next().unwrap_or_default();
    let word = word.trim_end_matches([':', ',', ';', '.', '!', '?']);
    let length = if word.is_empty() { line.trim_end().len() } else { word.len() };
    (start, start + length)
}

/// One problem as a diagnostic on `text`.
pub(super) fn diagnostic(text: &str, problem: &Problem, encoding: Encoding) -> Diagnostic {
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
pub(super) fn diagnostics<'p>(
    text: &str,
    problems: impl IntoIterator<Item = &'p Problem>,
    encoding: Encoding,
) -> Vec<Diagnostic> {
    problems.into_iter().map(|problem| diagnostic(text, problem, encoding)).collect()
}

/// Whether two ranges overlap or touch (a cursor at a word's end is on it).
pub(super) fn touches(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::span::Span;

    #[test]
    fn an_empty_span_gives_the_word_there_without_its_colon() {
        let text = "---\nname: Dana\n---\n- 2026-11-14 call calld: left a message\n";
        let at = Span::at(text.find("calld").unwrap());
        let problem = Problem::warning("dana.md", at, "unknown touch keyword 'calld', did you mean 'called'? ...");
        let (start, end) = word_at(text, &problem);
        assert_eq!(&text[start..end], "calld");
        let diagnostic = diagnostic(text, &problem, Encoding::Utf16);
        assert_eq!(diagnostic.range, Range::new(lsp_types::Position::new(3, 18), lsp_types::Position::new(3, 23)));
        assert_eq!(diagnostic.code, Some(NumberOrString::String("unknown-keyword".to_owned())));
    }

    #[test]
    fn a_span_is_the_range_whole_words_and_all() {
        let text = "---\nname: Dana Reyes\n---\n";
        let name = text.find("Dana").unwrap();
        let problem = Problem::warning("dana.md", Span::new(name, name + 10), "duplicate contact: same name ...");
        let diagnostic = diagnostic(text, &problem, Encoding::Utf16);
        assert_eq!(diagnostic.range, Range::new(lsp_types::Position::new(1, 6), lsp_types::Position::new(1, 16)));
    }

    #[test]
    fn the_suggestion_is_read_from_either_quote() {
        assert_eq!(suggestion("unknown touch keyword 'calld', did you mean 'called'? it counts"), Some("called"));
        assert_eq!(suggestion("unknown key `playbok`: did you mean `playbook`? (unknown"), Some("playbook"));
        assert_eq!(suggestion("unknown playbook 'x' (known: a, b)"), None);
    }
}
