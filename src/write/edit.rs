//! Byte-preserving edits of a note's text: add a touch line, set a front
//! matter key. Pure functions: every byte they are not asked to change is
//! kept, the byte order mark, the line endings (CRLF stays CRLF), trailing
//! spaces and tabs, and a missing final newline.

use std::ops::Range;

use chrono::NaiveDate;

use crate::derive::SNOOZED_KEY;
use crate::model::span::Span;
use crate::parse::body;
use crate::parse::front_matter::{self, Opening};

/// The heading of the section that holds a note's touches.
pub(crate) const TOUCHES_HEADING: &str = "Touches";

/// Adds a list item holding `item` (its text, without a list marker) to a
/// note's `text`:
/// - after the whole list item of `last_touch` (the span of the file's
///   last touch in file order: continuation lines and nested items stay
///   with it), with that item's indentation and list marker (an ordered
///   list counts on);
/// - else, when there are no touches, at the end of the `## Touches`
///   section, after a blank line;
/// - else in a new `## Touches` section at the end of the file.
pub fn insert_touch(text: &str, last_touch: Option<Span>, item: &str) -> Inserted {
    let (body, body_offset) = match front_matter::split(text) {
        Opening::Split(split) => (split.body, split.body_offset),
        Opening::None | Opening::Unclosed => (text, 0),
    };
    let around = last_touch
        .map(Span::start)
        .filter(|&offset| text.is_char_boundary(offset))
        .and_then(|offset| offset.checked_sub(body_offset))
        .and_then(|offset| body::item_around(body, offset).map(|range| (offset, range)));
    if let Some((date_at, range)) = around {
        let date_at = body_offset + date_at;
        let line_start = text.get(..date_at).and_then(|before| before.rfind('\n')).map_or(0, |at| at + 1);
        let (indent, marker) = list_marker(text.get(line_start..date_at).unwrap_or_default());
        let end = content_end(text, body_offset + range.start..body_offset + range.end);
        return inserted(text, end, &[format!("{indent}{marker} {item}")], 0);
    }
    let line = format!("- {item}");
    if let Some(section) = body::section(body, TOUCHES_HEADING) {
        let section = body_offset + section.heading.start..body_offset + section.end;
        let end = content_end(text, section.clone());
        let blank_lines = text.get(end..section.end).unwrap_or_default().split_inclusive('\n').count();
        let followed = section.end < text.len();
        return match blank_lines {
            0 => inserted(text, end, &blank_around(&line, true, followed), 1),
            blank => {
                let after_first_blank = text.get(end..).and_then(|rest| rest.find('\n')).map_or(end, |at| end + at + 1);
                inserted(text, after_first_blank, &blank_around(&line, false, followed && blank == 1), 0)
            }
        };
    }
    let ends_with_blank_line = text.ends_with("\n\n") || text.ends_with("\n\r\n");
    let mut lines = blank_around(&format!("## {TOUCHES_HEADING}"), !ends_with_blank_line, false);
    lines.extend([String::new(), line]);
    let item_index = lines.len() - 1;
    inserted(text, text.len(), &lines, item_index)
}

/// A note's text with a touch added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inserted {
    /// The whole new text.
    pub text: String,
    /// The 1-based line of the new list item.
    pub line: usize,
    /// The new list item's line in the new text (without its line break).
    pub span: Span,
}

/// [`insert_lines`], knowing that the item is `lines[item_index]`.
fn inserted(text: &str, at: usize, lines: &[String], item_index: usize) -> Inserted {
    let before = text.get(..at).unwrap_or(text);
    let mut line = before.matches('\n').count() + 1 + item_index;
    if !before.is_empty() && !before.ends_with('\n') {
        line += 1;
    }
    let text = insert_lines(text, at, lines);
    let start = if line <= 1 { Some(0) } else { text.match_indices('\n').nth(line - 2).map(|(at, _)| at + 1) };
    let start = start.unwrap_or(text.len());
    let rest = text.get(start..).unwrap_or_default();
    let item = rest.get(..rest.find('\n').unwrap_or(rest.len())).unwrap_or_default();
    let end = start + item.strip_suffix('\r').unwrap_or(item).len();
    Inserted { span: Span::new(start, end), text, line }
}

/// Sets the top-level front matter key `key` to `value` (written as is: a
/// date or another plain scalar): the value of an existing `key:` line is
/// replaced (a comment after it is kept), else a line `key: value` is added
/// before the closing `---`. `None` when the text has no front matter.
pub fn set_front_matter_key(text: &str, key: &str, value: &str) -> Option<String> {
    let Opening::Split(split) = front_matter::split(text) else {
        return None;
    };
    let yaml_start = text.find('\n')? + 1;
    let yaml_end = yaml_start + split.yaml.len();
    // A key written twice: the later one is read, so it is the one set.
    let mut last = None;
    let mut offset = yaml_start;
    for line in split.yaml.split_inclusive('\n') {
        if top_level_key(line.trim_end_matches(['\n', '\r']), key).is_some() {
            last = Some(offset);
        }
        offset += line.len();
    }
    if let Some(offset) = last {
        let mut lines = text.get(offset..yaml_end)?.split_inclusive('\n').peekable();
        let line = lines.next()?;
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(colon) = top_level_key(content, key) {
            let after = content.get(colon + 1..).unwrap_or_default();
            let old_value = after.trim_start_matches([' ', '\t']);
            let value_start = offset + content.len() - old_value.len();
            let old_value = old_value.get(..comment_start(old_value)).unwrap_or_default().trim_end();
            if !old_value.is_empty() {
                return Some(replace(text, value_start..value_start + old_value.len(), value));
            }
            // The old value, if any, is on the indented lines below: they go.
            let next_line = offset + line.len();
            let mut continued = next_line;
            while let Some(next) = lines.next_if(|next| next.starts_with([' ', '\t']) && !next.trim().is_empty()) {
                continued += next.len();
            }
            let without_old = replace(text, next_line..continued, "");
            return Some(replace(&without_old, offset + colon + 1..offset + colon + 1, &format!(" {value}")));
        }
    }
    Some(insert_lines(text, yaml_end, &[format!("{key}: {value}")]))
}

/// The note's `text` snoozed until `until`, as `nudge snooze` writes it:
/// `next` and `snoozed` set to that date (docs/src/commands.md, "snooze").
/// `None` when the text has no front matter.
pub(crate) fn snoozed(text: &str, until: NaiveDate) -> Option<String> {
    let until = until.to_string();
    set_front_matter_key(text, "next", &until).and_then(|text| set_front_matter_key(&text, SNOOZED_KEY, &until))
}

/// The byte offset of the colon when `line` is the top-level key `key`
/// (written plain or quoted, at the start of the line).
fn top_level_key(line: &str, key: &str) -> Option<usize> {
    let (quote, rest) = match line.chars().next() {
        Some(quote @ ('"' | '\'')) => (Some(quote), line.get(1..)?),
        _ => (None, line),
    };
    let mut rest = rest.strip_prefix(key)?;
    if let Some(quote) = quote {
        rest = rest.strip_prefix(quote)?;
    }
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let after = rest.get(spaces..)?.strip_prefix(':')?;
    if after.is_empty() || after.starts_with([' ', '\t']) { Some(line.len() - rest.len() + spaces) } else { None }
}

/// Where a YAML comment starts in `value` (a `#` first or after a space
/// or tab), else its length.
fn comment_start(value: &str) -> usize {
    let bytes = value.as_bytes();
    (0..bytes.len())
        .find(|&at| bytes.get(at) == Some(&b'#') && (at == 0 || matches!(bytes.get(at - 1), Some(b' ' | b'\t'))))
        .unwrap_or(value.len())
}

/// `line`, with a blank line before it when `before` and after it when `after`.
fn blank_around(line: &str, before: bool, after: bool) -> Vec<String> {
    let mut lines = Vec::new();
    if before {
        lines.push(String::new());
    }
    lines.push(line.to_owned());
    if after {
        lines.push(String::new());
    }
    lines
}

/// The indentation and the list marker for an item after the one whose
/// first line starts with `prefix` (everything before the touch's date):
/// the same bullet (`-`, `*`, `+`), or the next number of an ordered list,
/// at the same column. A checkbox is not copied.
fn list_marker(prefix: &str) -> (String, String) {
    let mut marker_at = None;
    let mut at = 0;
    while let Some(rest) = prefix.get(at..) {
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let token = rest.get(spaces..).unwrap_or_default();
        let digits = token.len() - token.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let marker_len = match token.get(digits..).and_then(|after| after.chars().next()) {
            Some('.' | ')') if digits > 0 => digits + 1,
            Some('-' | '*' | '+') if digits == 0 => 1,
            _ => break,
        };
        marker_at = Some(at + spaces);
        at += spaces + marker_len;
    }
    let Some(marker_at) = marker_at else {
        return (prefix.chars().filter(|c| c.is_whitespace()).collect(), "-".to_owned());
    };
    let indent =
        prefix.get(..marker_at).unwrap_or_default().chars().map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
    let marker = prefix.get(marker_at..).unwrap_or_default();
    let digits: String = marker.chars().take_while(char::is_ascii_digit).collect();
    let delimiter = marker.get(digits.len()..).and_then(|rest| rest.chars().next()).unwrap_or('-');
    if digits.is_empty() {
        return (indent, delimiter.to_string());
    }
    let next = digits.parse::<u64>().map_or(1, |number| number.saturating_add(1));
    (indent, format!("{next}{delimiter}"))
}

/// Where the content of `range` ends: after the line ending of its last
/// line that is not blank (or at the end of the text when that line has
/// none).
fn content_end(text: &str, range: Range<usize>) -> usize {
    let mut offset = range.start;
    let mut end = range.start;
    for line in text.get(range).unwrap_or_default().split_inclusive('\n') {
        offset += line.len();
        if !line.trim().is_empty() {
            end = offset;
        }
    }
    end
}

/// Inserts `lines` at `at`, the start of a line (or the end of the text),
/// each ended with the file's line ending. At the end of a text that has no
/// final newline, the lines go after a new line ending and the text still
/// ends without one.
fn insert_lines(text: &str, at: usize, lines: &[String]) -> String {
    let eol = line_ending(text, at);
    let (before, after) = text.split_at(at.min(text.len()));
    let mut out = String::with_capacity(text.len() + lines.iter().map(|line| line.len() + 2).sum::<usize>());
    out.push_str(before);
    if before.is_empty() || before.ends_with('\n') {
        for line in lines {
            out.push_str(line);
            out.push_str(eol);
        }
    } else {
        for line in lines {
            out.push_str(eol);
            out.push_str(line);
        }
    }
    out.push_str(after);
    out
}

/// `text` with `range` replaced by `replacement`.
fn replace(text: &str, range: Range<usize>, replacement: &str) -> String {
    let mut out = String::with_capacity(text.len() + replacement.len());
    out.push_str(text.get(..range.start).unwrap_or_default());
    out.push_str(replacement);
    out.push_str(text.get(range.end..).unwrap_or_default());
    out
}

/// The line ending to write at `at`: the one of the line before it, else
/// the file's first one, else `\n`.
fn line_ending(text: &str, at: usize) -> &'static str {
    let before = text.get(..at).unwrap_or(text);
    if before.ends_with('\n') {
        return line_ending_of(before);
    }
    text.find('\n').map_or("\n", |first| line_ending_of(text.get(..=first).unwrap_or_default()))
}

/// The ending of `line`: `\r\n`, `\n` or nothing.
fn line_ending_of(line: &str) -> &'static str {
    if line.ends_with("\r\n") {
        "\r\n"
    } else if line.ends_with('\n') {
        "\n"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests;
