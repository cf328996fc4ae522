//! Translating positions in YAML embedded in a file back into the file. The
//! YAML library knows where syntax errors are but not where a key or value
//! that fails validation sits, so [`YamlText`] finds keys by reading the text.

use crate::position::Position;

/// YAML text that starts at a given line of a file.
#[derive(Debug, Clone, Copy)]
pub struct YamlText<'a> {
    text: &'a str,
    first_line: u32,
}

/// A YAML syntax error, with its position in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the parser gave up, in file coordinates.
    pub position: Position,
    /// The parser's message without its own `at line N column M`.
    pub message: String,
}

impl<'a> YamlText<'a> {
    /// YAML `text` whose first line is line `first_line` of its file.
    pub fn new(text: &'a str, first_line: u32) -> Self {
        Self { text, first_line }
    }

    /// The position of the text's first character in the file.
    pub fn start(&self) -> Position {
        Position::new(self.first_line, 1)
    }

    /// The YAML text itself.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Parses the text into a YAML value; an empty text is `Null`.
    pub fn parse(&self) -> Result<serde_yaml::Value, SyntaxError> {
        serde_yaml::from_str(self.text).map_err(|error| {
            let position = error.location().map_or(self.start(), |at| {
                let line = u32::try_from(at.line()).unwrap_or(1).max(1);
                let column = u32::try_from(at.column()).unwrap_or(1).max(1);
                Position::new(line, column).shifted(self.first_line - 1)
            });
            SyntaxError { position, message: strip_location(&error.to_string()) }
        })
    }

    /// The position of the key at `path` (`["playbooks", "sales", "cadence"]`),
    /// or the start of the text when it cannot be found.
    pub fn key(&self, path: &[&str]) -> Position {
        self.lines().key(path)
    }

    /// The position of the value of the key at `path`.
    pub fn value(&self, path: &[&str]) -> Position {
        self.lines().value(path)
    }

    /// The position of `needle` inside the value of the key at `path` (a list
    /// element, say), or of the value when `needle` is not found there.
    pub fn within_value(&self, path: &[&str], needle: &str) -> Position {
        self.lines().within_value(path, needle)
    }

    /// The text split into lines once, for any number of lookups.
    pub fn lines(&self) -> YamlLines<'a> {
        let breaks = memchr::memchr_iter(b'\n', self.text.as_bytes());
        let mut lines = Vec::with_capacity(breaks.count() + 1);
        lines.extend(self.text.split('\n'));
        YamlLines { yaml: *self, lines }
    }
}

/// A [`YamlText`] split into lines, to find several keys without splitting
/// it again for each.
#[derive(Debug, Clone)]
pub struct YamlLines<'a> {
    yaml: YamlText<'a>,
    lines: Vec<&'a str>,
}

impl YamlLines<'_> {
    /// The position of the text's first character in the file.
    pub fn start(&self) -> Position {
        self.yaml.start()
    }

    /// The position of the key at `path` (`["playbooks", "sales", "cadence"]`),
    /// or the start of the text when it cannot be found.
    pub fn key(&self, path: &[&str]) -> Position {
        self.find(path).map_or(self.start(), |found| self.position(found.line, found.key_column))
    }

    /// The position of the value of the key at `path`.
    pub fn value(&self, path: &[&str]) -> Position {
        self.find(path).map_or(self.start(), |found| self.position(found.value_line, found.value_column))
    }

    /// The position of `needle` inside the value of the key at `path` (a list
    /// element, say), or of the value when `needle` is not found there.
    pub fn within_value(&self, path: &[&str], needle: &str) -> Position {
        let Some(found) = self.find(path) else {
            return self.start();
        };
        let lines = &self.lines;
        for index in found.value_line..found.scope_end {
            let Some(line) = lines.get(index) else { break };
            let from = if index == found.value_line { found.value_column } else { 0 };
            if let Some(at) = line.get(from..).and_then(|rest| rest.find(needle)) {
                return self.position(index, from + at);
            }
        }
        self.position(found.value_line, found.value_column)
    }

    fn position(&self, line_index: usize, byte_column: usize) -> Position {
        let line_text = self.lines.get(line_index).copied().unwrap_or_default();
        let column = line_text.get(..byte_column).map_or(0, |s| s.chars().count());
        let line = u32::try_from(line_index).unwrap_or(0).saturating_add(self.yaml.first_line);
        Position::new(line, u32::try_from(column).unwrap_or(0).saturating_add(1))
    }

    fn find(&self, path: &[&str]) -> Option<Found> {
        let lines = &self.lines;
        let mut scope = 0..lines.len();
        let mut parent_indent: Option<usize> = None;
        let mut found = None;
        for key in path {
            let hit = scope.clone().find_map(|index| {
                let line = lines.get(index)?;
                let indent = indentation(line);
                let deeper = parent_indent.is_none_or(|parent| indent > parent);
                if deeper && starts_with_key(line.get(indent..)?, key) {
                    return Some((index, indent, indent + key_len(line.get(indent..)?)));
                }
                flow_key(line, key).map(|(at, end)| (index, at, end))
            })?;
            let (index, key_column, after_key) = hit;
            let indent = indentation(lines.get(index)?);
            let scope_end = (index + 1..scope.end)
                .find(|&next| lines.get(next).is_some_and(|l| is_content(l) && indentation(l) <= indent))
                .unwrap_or(scope.end);
            let (value_line, value_column) = value_start(lines, index, after_key, scope_end);
            found = Some(Found { line: index, key_column, value_line, value_column, scope_end });
            scope = index..scope_end;
            parent_indent = Some(indent);
        }
        found
    }
}

#[derive(Debug, Clone, Copy)]
struct Found {
    line: usize,
    key_column: usize,
    value_line: usize,
    value_column: usize,
    scope_end: usize,
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t', '-']).len()
}

fn is_content(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.is_empty() && !trimmed.starts_with('#')
}

/// Whether `text` starts with `key:` (the key possibly quoted).
fn starts_with_key(text: &str, key: &str) -> bool {
    let unquoted = text.trim_start_matches(['"', '\'']);
    let Some(rest) = unquoted.strip_prefix(key) else {
        return false;
    };
    let rest = rest.trim_start_matches(['"', '\'']).trim_start_matches([' ', '\t']);
    rest.strip_prefix(':').is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t', '\r']))
}

/// The length of `key:` (with quotes) at the start of `text`.
fn key_len(text: &str) -> usize {
    text.find(':').map_or(text.len(), |colon| colon + 1)
}

/// `key:` inside a flow mapping on this line: (start of key, end of `key:`).
fn flow_key(line: &str, key: &str) -> Option<(usize, usize)> {
    // Most lines hold no flow mapping at all: nothing to look for.
    memchr::memchr2(b'{', b',', line.as_bytes())?;
    let mut from = 0;
    while let Some(at) = line.get(from..)?.find(key) {
        let start = from + at;
        let before_ok = line.get(..start)?.trim_end().ends_with(['{', ',']);
        if before_ok && starts_with_key(line.get(start..)?, key) {
            return Some((start, start + key_len(line.get(start..)?)));
        }
        from = start + key.len();
    }
    None
}

fn value_start(lines: &[&str], index: usize, after_key: usize, scope_end: usize) -> (usize, usize) {
    let line = lines.get(index).copied().unwrap_or_default();
    let rest = line.get(after_key..).unwrap_or_default();
    let trimmed = rest.trim_start();
    if !trimmed.is_empty() && !trimmed.starts_with('#') && trimmed.trim() != "|" && trimmed.trim() != ">" {
        return (index, after_key + rest.len() - trimmed.len());
    }
    (index + 1..scope_end).find(|&next| lines.get(next).is_some_and(|l| is_content(l))).map_or(
        (index, after_key),
        |next| {
            let l = lines.get(next).copied().unwrap_or_default();
            (next, l.len() - l.trim_start().len())
        },
    )
}

/// Removes the ` at line N column M` the YAML library appends to messages.
fn strip_location(message: &str) -> String {
    let mut message = message.to_owned();
    while let Some(at) = message.find(" at line ") {
        let tail = message.get(at + 9..).unwrap_or_default();
        let digits: usize = tail.bytes().take_while(u8::is_ascii_digit).count();
        let after_line = tail.get(digits..).unwrap_or_default();
        let Some(column_tail) = after_line.strip_prefix(" column ") else {
            break;
        };
        let column_digits = column_tail.bytes().take_while(u8::is_ascii_digit).count();
        let removed = 9 + digits + 8 + column_digits;
        message.replace_range(at..at + removed, "");
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "horizon_days: 7\nplaybooks:\n  job-search: {cadence: [2d, 3x]}\n  sales:\n    cadence:\n      - 3d\n      - 7q\n";

    #[test]
    fn keys_and_values_are_found_in_block_and_flow_style() {
        let yaml = YamlText::new(CONFIG, 5);
        assert_eq!(yaml.key(&["horizon_days"]), Position::new(5, 1));
        assert_eq!(yaml.value(&["horizon_days"]), Position::new(5, 15));
        assert_eq!(yaml.key(&["playbooks", "job-search"]), Position::new(7, 3));
        assert_eq!(yaml.key(&["playbooks", "job-search", "cadence"]), Position::new(7, 16));
        assert_eq!(yaml.within_value(&["playbooks", "job-search", "cadence"], "3x"), Position::new(7, 30));
        assert_eq!(yaml.key(&["playbooks", "sales", "cadence"]), Position::new(9, 5));
        assert_eq!(yaml.within_value(&["playbooks", "sales", "cadence"], "7q"), Position::new(11, 9));
    }

    #[test]
    fn a_missing_key_points_at_the_start() {
        let yaml = YamlText::new(CONFIG, 2);
        assert_eq!(yaml.key(&["nope"]), Position::new(2, 1));
        assert_eq!(yaml.key(&["playbooks", "nope"]), Position::new(2, 1));
    }

    #[test]
    fn syntax_errors_are_translated_into_the_file() {
        let yaml = YamlText::new("name: Dana\ncompany: \"Acme\n", 2);
        let error =
            yaml.parse().err().unwrap_or_else(|| SyntaxError { position: Position::START, message: String::new() });
        assert_eq!(error.position, Position::new(4, 1));
        assert!(!error.message.contains(" at line "), "{}", error.message);
        assert!(error.message.contains("quoted scalar"), "{}", error.message);
    }

    #[test]
    fn locations_are_stripped_from_messages() {
        assert_eq!(strip_location("bad at line 3 column 14, while x at line 2 column 4"), "bad, while x");
        assert_eq!(strip_location("no location"), "no location");
    }
}
