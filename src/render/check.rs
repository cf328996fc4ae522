//! `nudge check`'s listing: one problem a line (or, on a terminal, each
//! with its source line underlined, as rustc shows errors), then a
//! summary; or one JSON array for tools.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::problem::{Problem, Severity};
use crate::render::count;

/// Every problem on its own line (`path:line:col: error: message`), then
/// the [`summary`].
pub(crate) fn listing(problems: &[Problem], notes: usize, left_out: usize) -> String {
    let mut out = String::new();
    for problem in problems {
        out.push_str(&problem.to_string());
        out.push('\n');
    }
    out.push_str(&summary(problems, notes, left_out));
    out.push('\n');
    out
}

/// Every problem as rustc shows one: its `path:line:col: severity: message`
/// line, then the line of the note it names with its span underlined (the
/// bad keyword, value or date; a caret for an empty span), and a blank
/// line; then the summary. A problem without its file's text (one at the
/// start of a file that could not be read) shows its first line only.
/// `width` is the terminal's (long lines are cut around the place);
/// `color` styles the severity and the underline.
pub(crate) fn full(problems: &[Problem], notes: usize, left_out: usize, width: Option<usize>, color: bool) -> String {
    let mut renderer = if color { Renderer::styled() } else { Renderer::plain() };
    if let Some(width) = width {
        renderer = renderer.term_width(width);
    }
    let mut out = String::new();
    for problem in problems {
        out.push_str(&header(problem, color));
        out.push('\n');
        if let Some(text) = problem.source.as_deref() {
            let level = match problem.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
            };
            let position = problem.position();
            let (line, underline) = window(source_line(text, problem.span.range()));
            let line_number = usize::try_from(position.line).unwrap_or(usize::MAX);
            let snippet = Snippet::source(line.as_str())
                .line_start(line_number)
                .annotation(AnnotationKind::Primary.span(underline));
            out.push_str(&renderer.render(&[Group::with_level(level).element(snippet)]));
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&summary(problems, notes, left_out));
    out.push('\n');
    out
}

/// The line of `text` that `span` starts on (without its line break) and
/// the part of the span on it, as a range of the line. The span is clamped
/// to the text and to character boundaries.
fn source_line(text: &str, span: Range<usize>) -> (&str, Range<usize>) {
    let boundary = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let (start, end) = (boundary(span.start), boundary(span.end));
    let line_start = text.get(..start).and_then(|before| before.rfind('\n')).map_or(0, |at| at + 1);
    let rest = text.get(line_start..).unwrap_or_default();
    let line = rest.get(..rest.find('\n').unwrap_or(rest.len())).unwrap_or_default();
    let line = line.strip_suffix('\r').unwrap_or(line);
    let on_line = start - line_start;
    (line, on_line..(end.max(start) - line_start).min(line.len()).max(on_line))
}

/// The most characters shown each side of a problem's span: a 5 MB line
/// shows as a few hundred characters around the place, with `…` for the
/// rest (a longer span is cut at its end).
const WINDOW: usize = 200;

/// The part of `line` around `span` (byte offsets of the line), and the
/// span in it.
fn window((line, span): (&str, Range<usize>)) -> (String, Range<usize>) {
    let before = line.get(..span.start).unwrap_or_default();
    let skipped = before.chars().count().saturating_sub(WINDOW);
    let skipped_bytes = before.char_indices().nth(skipped).map_or(0, |(at, _)| at);
    let rest = line.get(skipped_bytes..).unwrap_or_default();
    let start_in_rest = span.start - skipped_bytes;
    // What is shown: the text before the span (at most WINDOW characters),
    // then at most WINDOW characters from its start.
    let shown_chars = before.chars().count() - skipped + WINDOW;
    let shown_end = rest.char_indices().nth(shown_chars).map_or(rest.len(), |(at, _)| at);
    let mut shown = if skipped > 0 { "…".to_owned() } else { String::new() };
    let offset = shown.len();
    shown.push_str(rest.get(..shown_end).unwrap_or_default());
    if shown_end < rest.len() {
        shown.push('…');
    }
    let end_in_rest = (span.end - skipped_bytes).min(shown_end);
    (shown, offset + start_in_rest..offset + end_in_rest.max(start_in_rest))
}

/// `path:line:col: severity: message`, with the place bold and the
/// severity in its colour (as rustc and cargo colour them) when `color`.
fn header(problem: &Problem, color: bool) -> String {
    if !color {
        return problem.to_string();
    }
    let bold = Style::new().bold();
    let severity = match problem.severity {
        Severity::Error => AnsiColor::BrightRed,
        Severity::Warning => AnsiColor::Yellow,
    };
    let severity = bold.fg_color(Some(severity.into()));
    format!(
        "{bold}{}:{}:{bold:#} {severity}{}{severity:#}{bold}:{bold:#} {}",
        problem.file,
        problem.position(),
        problem.severity,
        problem.message
    )
}

/// One problem as `--format json` prints it.
#[derive(Serialize)]
struct Json<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    severity: &'static str,
    message: &'a str,
    end_line: u32,
    end_column: u32,
    start_byte: u32,
    end_byte: u32,
}

/// Every problem as one JSON array of `{path, line, column, severity,
/// message, end_line, end_column, start_byte, end_byte}` (`severity` is
/// `error` or `warning`; the end is the place after the problem's text, the
/// bytes count from the start of the file), and a newline.
pub(crate) fn json(problems: &[Problem]) -> String {
    let problems: Vec<Json<'_>> = problems
        .iter()
        .map(|problem| {
            let (start, end) = (problem.position(), problem.end_position());
            Json {
                path: &problem.file,
                line: start.line,
                column: start.column,
                severity: problem.severity.as_str(),
                message: &problem.message,
                end_line: end.line,
                end_column: end.column,
                start_byte: problem.span.start,
                end_byte: problem.span.end,
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&problems).unwrap_or_else(|_| "[]".to_owned());
    out.push('\n');
    out
}

/// `2 errors, 1 warning in 17 contacts`, or `no problems in 17 contacts`;
/// then how many notes with front matter `contacts:` left out, when it did
/// (so none vanishes unsaid).
pub(crate) fn summary(problems: &[Problem], notes: usize, left_out: usize) -> String {
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    let warnings = problems.len() - errors;
    let mut in_notes = format!("in {}", count(notes, "contact", "contacts"));
    if left_out > 0 {
        in_notes.push_str(&format!(
            " ({} left out by `contacts:` in nudge.yaml)",
            count(left_out, "other note with front matter", "other notes with front matter")
        ));
    }
    if problems.is_empty() {
        return format!("no problems {in_notes}");
    }
    format!("{}, {} {in_notes}", count(errors, "error", "errors"), count(warnings, "warning", "warnings"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_underline_covers_the_span_on_its_line() {
        let text = "---\r\nname: Dana\r\n---\r\n- 2026-11-18 calld, left vm.\r\n";
        let calld = text.find("calld").unwrap();
        let (line, span) = source_line(text, calld..calld + 5);
        assert_eq!((line, line.get(span.clone())), ("- 2026-11-18 calld, left vm.", Some("calld")));
        let (line, span) = source_line(text, text.len()..text.len());
        assert_eq!((line, span), ("", 0..0), "the end of the text: an empty last line");
        let end = text.find("vm.").unwrap() + 3;
        assert_eq!(source_line(text, end..end + 40).1, end - text.find("- 2026").unwrap()..28, "cut at the line's end");
        assert_eq!(source_line("é\n", 1..2).1, 0..2, "clamped to character boundaries");
    }

    #[test]
    fn a_long_line_is_shown_around_the_span() {
        let line = format!("{} calld {}", "x".repeat(5_000_000), "y".repeat(5_000_000));
        let (shown, span) = window((&line, 5_000_001..5_000_006));
        assert_eq!(shown.chars().count(), 1 + WINDOW + WINDOW + 1);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.get(span), Some("calld"));
        assert_eq!(window(("short", 1..3)), ("short".to_owned(), 1..3), "a short line is whole");
        let (shown, span) = window((&line, 5_000_001..line.len()));
        assert_eq!(shown.get(span.clone()).map(|s| s.chars().count()), Some(WINDOW), "a long span is cut: {span:?}");
    }
}
