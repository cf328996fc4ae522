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
pub fn listing(problems: &[Problem], notes: usize, left_out: usize) -> String {
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
/// line, then the line of the note it names (from `source_line`) with the
/// word at the position underlined, and a blank line; then the summary.
/// A problem whose line cannot be read again shows its first line only.
/// `width` is the terminal's (long lines are cut around the place);
/// `color` styles the severity and the underline.
pub fn full(
    problems: &[Problem],
    notes: usize,
    left_out: usize,
    mut source_line: impl FnMut(&Problem) -> Option<String>,
    width: Option<usize>,
    color: bool,
) -> String {
    let mut renderer = if color { Renderer::styled() } else { Renderer::plain() };
    if let Some(width) = width {
        renderer = renderer.term_width(width);
    }
    let mut out = String::new();
    for problem in problems {
        out.push_str(&header(problem, color));
        out.push('\n');
        if let Some(line) = source_line(problem) {
            let level = match problem.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
            };
            let (line, column) = window(&line, problem.position.column);
            let span = word_at(&line, column);
            let line_number = usize::try_from(problem.position.line).unwrap_or(usize::MAX);
            let snippet =
                Snippet::source(line.as_str()).line_start(line_number).annotation(AnnotationKind::Primary.span(span));
            out.push_str(&renderer.render(&[Group::with_level(level).element(snippet)]));
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&summary(problems, notes, left_out));
    out.push('\n');
    out
}

/// The most characters shown each side of a problem's column: a 5 MB line
/// shows as a few hundred characters around the place, with `…` for the rest.
const WINDOW: usize = 200;

/// The part of `line` around 1-based character `column`, and the column
/// in it.
fn window(line: &str, column: u32) -> (String, u32) {
    let at = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
    let skipped = at.saturating_sub(WINDOW);
    let mut chars = line.chars().skip(skipped);
    let mut shown: String = if skipped > 0 { "…".to_owned() } else { String::new() };
    shown.extend(chars.by_ref().take(at - skipped + WINDOW));
    if chars.next().is_some() {
        shown.push('…');
    }
    let cut = u32::try_from(skipped).unwrap_or(0).saturating_sub(u32::from(skipped > 0));
    (shown, column - cut)
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
        problem.file, problem.position, problem.severity, problem.message
    )
}

/// The byte range of the word at 1-based character `column` of `line`,
/// which a problem's underline covers (problems know where they start, not
/// where they end): a run of letters, digits and `-_.@+/` (a date, a
/// keyword, a name, an email) without a last `.`; one character when the
/// column is on anything else; empty (a caret after the text) past the end.
fn word_at(line: &str, column: u32) -> Range<usize> {
    let skip = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
    let Some((start, first)) = line.char_indices().nth(skip) else {
        return line.len()..line.len();
    };
    let in_word = |c: char| c.is_alphanumeric() || "-_.@+/".contains(c);
    if !in_word(first) {
        return start..start + first.len_utf8();
    }
    let rest = line.get(start..).unwrap_or_default();
    let word = rest.find(|c: char| !in_word(c)).map_or(rest, |end| rest.get(..end).unwrap_or_default());
    let word = word.trim_end_matches('.');
    let end = if word.is_empty() { first.len_utf8() } else { word.len() };
    start..start + end
}

/// One problem as `--format json` prints it.
#[derive(Serialize)]
struct Json<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    severity: &'static str,
    message: &'a str,
}

/// Every problem as one JSON array of `{path, line, column, severity,
/// message}` (`severity` is `error` or `warning`), and a newline.
pub fn json(problems: &[Problem]) -> String {
    let problems: Vec<Json<'_>> = problems
        .iter()
        .map(|problem| Json {
            path: &problem.file,
            line: problem.position.line,
            column: problem.position.column,
            severity: problem.severity.as_str(),
            message: &problem.message,
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&problems).unwrap_or_else(|_| "[]".to_owned());
    out.push('\n');
    out
}

/// `2 errors, 1 warning in 17 contacts`, or `no problems in 17 contacts`;
/// then how many notes with front matter `contacts:` left out, when it did
/// (so none vanishes unsaid).
pub fn summary(problems: &[Problem], notes: usize, left_out: usize) -> String {
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
    fn the_underline_covers_the_word_at_the_column() {
        let line = "- 2026-11-18 calld, left vm.";
        let word = |column| line.get(word_at(line, column)).unwrap_or("?");
        assert_eq!(word(3), "2026-11-18", "a date");
        assert_eq!(word(14), "calld", "a keyword without its comma");
        assert_eq!(word(26), "vm", "without the full stop");
        assert_eq!(word(1), "-", "one character on punctuation");
        assert_eq!(word(13), " ", "one character on a space");
        assert_eq!(word_at(line, 99), line.len()..line.len(), "past the end: a caret after it");
        assert_eq!(word_at("é: dana@acme.example", 4), 4..21, "columns count characters");
    }

    #[test]
    fn a_long_line_is_shown_around_the_column() {
        let line = format!("{} calld {}", "x".repeat(5_000_000), "y".repeat(5_000_000));
        let (shown, column) = window(&line, 5_000_002);
        assert_eq!(shown.chars().count(), 1 + WINDOW + 5 + (WINDOW - 5) + 1);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.get(word_at(&shown, column)), Some("calld"));
        assert_eq!(window("short", 2), ("short".to_owned(), 2), "a short line is whole");
    }
}
