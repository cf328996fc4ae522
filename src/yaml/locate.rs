//! Translating places in YAML embedded in a file back into the file. The
//! YAML library knows where syntax errors are but not where a key or value
//! that fails validation sits, so [`YamlText`] finds keys by reading the
//! text. Places are spans of the file's text (see [`Span`]).

use crate::model::span::Span;
use crate::position::Position;

/// YAML text that starts at a given line and byte of a file.
#[derive(Debug, Clone, Copy)]
pub struct YamlText<'a> {
    text: &'a str,
    first_line: u32,
    offset: usize,
}

/// A YAML syntax error, with its span in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the parser gave up, in the file: the character there (none at
    /// the end of a line or of the text).
    pub span: Span,
    /// The parser's message without its own `at line N column M`.
    pub message: String,
}

impl<'a> YamlText<'a> {
    /// YAML `text` that starts at byte `offset` of its file, on line
    /// `first_line` of it.
    pub fn new(text: &'a str, first_line: u32, offset: usize) -> Self {
        Self { text, first_line, offset }
    }

    /// The (empty) span at the text's first character, in the file.
    pub fn start(&self) -> Span {
        Span::at(self.offset)
    }

    /// The span of bytes `start..end` of the text, in the file.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(start, end).shifted(self.offset)
    }

    /// The span of the value that starts at byte `start` of the text: up to
    /// the end of its line, without a comment (` #...`) or the spaces
    /// before it. In the file.
    pub fn value_at(&self, start: usize) -> Span {
        let rest = self.text.get(start..).unwrap_or_default();
        let line = rest.get(..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())).unwrap_or_default();
        let line = line.get(..comment_start(line)).unwrap_or(line);
        self.span(start, start + line.trim_end().len())
    }

    /// The span of the character at byte `offset` of the text (empty at the
    /// end of a line or of the text), in the file.
    fn point(&self, offset: usize) -> Span {
        let offset = offset.min(self.text.len());
        let next = self.text.get(offset..).and_then(|rest| rest.chars().next());
        let len = next.filter(|c| !matches!(c, '\n' | '\r')).map_or(0, char::len_utf8);
        self.span(offset, offset + len)
    }

    /// The YAML text itself.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Parses the text into a YAML value; an empty text is `Null`. Nesting
    /// deeper than `MAX_DEPTH` (128) levels is refused before the YAML library sees it.
    pub fn parse(&self) -> Result<serde_yaml::Value, SyntaxError> {
        self.parse_as()
    }

    /// [`YamlText::parse`] into any type the YAML library can make.
    pub fn parse_as<T: serde::de::DeserializeOwned>(&self) -> Result<T, SyntaxError> {
        if let Some(offset) = too_deep(self.text) {
            return Err(SyntaxError { span: self.point(offset), message: too_deep_message() });
        }
        serde_yaml::from_str(self.text).map_err(|error| self.syntax_error(&error))
    }

    /// The library's error in the file's coordinates and in plain words.
    fn syntax_error(&self, error: &serde_yaml::Error) -> SyntaxError {
        let message = error.to_string();
        let (message, offset) = split_offset(&message);
        let span = match (offset, error.location()) {
            // Errors of the character reader carry a byte offset, not a line.
            (Some(offset), _) => self.point(offset),
            // The library puts the end of a text without a final line break
            // on the line after it: that line is not in the file.
            (None, Some(at)) => self.point(self.offset_of(at.line(), at.column())),
            (None, None) => self.start(),
        };
        if error.location().is_some_and(|at| self.char_at(at.line(), at.column()) == Some('\t')) {
            let message = "a tab where YAML wants spaces (YAML indents with spaces only): replace it with spaces";
            return SyntaxError { span, message: message.to_owned() };
        }
        let mut message = self.translate_locations(message);
        if let Some(found) = offset.and_then(|offset| self.text.get(offset..)).and_then(|rest| rest.chars().next()) {
            message.push_str(&format!(" (found U+{:04X})", u32::from(found)));
        }
        SyntaxError { span, message: plain_words(message) }
    }

    /// The byte offset of a 1-based line and column (in characters) of the
    /// text: past the end of its line is the line's end, past the last line
    /// the text's end.
    fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(line_start) = line_start(self.text, line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = self.text.get(line_start..).unwrap_or_default();
        let line = rest.get(..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())).unwrap_or_default();
        let within = line.char_indices().map(|(at, _)| at).nth(column.saturating_sub(1)).unwrap_or(line.len());
        line_start + within
    }

    /// The file line `span` (a span of this text, in the file) starts on:
    /// for messages that name another place than their own.
    pub fn line_of(&self, span: Span) -> u32 {
        let before = self.text.as_bytes().get(..span.start().saturating_sub(self.offset)).unwrap_or_default();
        let lines = u32::try_from(memchr::memchr_iter(b'\n', before).count()).unwrap_or(u32::MAX);
        self.first_line.saturating_add(lines)
    }

    /// The character at a 1-based line and column of the text.
    fn char_at(&self, line: usize, column: usize) -> Option<char> {
        self.text.split('\n').nth(line.checked_sub(1)?)?.chars().nth(column.checked_sub(1)?)
    }

    /// A 1-based line and column of the text, in the file.
    fn file_position(&self, line: usize, column: usize) -> Position {
        let line = u32::try_from(line).unwrap_or(u32::MAX).max(1);
        let column = u32::try_from(column).unwrap_or(u32::MAX).max(1);
        Position::new(line, column).shifted(self.first_line - 1)
    }

    /// The text split into lines once, for any number of lookups.
    pub fn lines(&self) -> YamlLines<'a> {
        let breaks = memchr::memchr_iter(b'\n', self.text.as_bytes());
        let mut lines = Vec::with_capacity(breaks.count() + 1);
        lines.extend(self.text.split('\n'));
        YamlLines { yaml: *self, lines, later: Vec::new() }
    }
}

/// A [`YamlText`] split into lines, to find several keys without splitting
/// it again for each.
#[derive(Debug, Clone)]
pub struct YamlLines<'a> {
    yaml: YamlText<'a>,
    lines: Vec<&'a str>,
    /// Top-level keys written more than once: found at their later place.
    later: Vec<String>,
}

impl<'a> YamlLines<'a> {
    /// The (empty) span at the text's first character, in the file.
    pub fn start(&self) -> Span {
        self.yaml.start()
    }

    /// The span of the key at `path` (`["playbooks", "sales", "cadence"]`,
    /// with its quotes, without its colon), or the start of the text when it
    /// cannot be found.
    pub fn key(&self, path: &[&str]) -> Span {
        self.find(path).map_or(self.start(), |found| self.span(found.line, found.key_column, found.key_end))
    }

    /// These lines, finding each of the top-level `keys` (written more than
    /// once) at its later place, the one whose value is read.
    pub fn prefer_later(mut self, keys: Vec<String>) -> Self {
        self.later = keys;
        self
    }

    /// The span of every `key` of the top-level mapping (the lines at
    /// the indentation of its first line), in order: all the places of a
    /// key written more than once.
    pub fn top_level_keys(&self, key: &str) -> Vec<Span> {
        let key_end = |index: usize, top: usize| {
            let line = self.lines.get(index).copied().unwrap_or_default();
            top + line.get(top..).map_or(0, key_len).saturating_sub(1)
        };
        self.top_level_lines(key).map(|(index, top)| self.span(index, top, key_end(index, top))).collect()
    }

    /// The index and indentation of each line of the top-level mapping that
    /// holds `key:`.
    fn top_level_lines<'k>(&'k self, key: &'k str) -> impl Iterator<Item = (usize, usize)> + 'k {
        let top = self.lines.iter().find(|line| is_content(line)).map(|line| indentation(line));
        let at_top = move |line: &str| {
            top.filter(|&top| {
                indentation(line) == top && line.get(top..).is_some_and(|rest| starts_with_key(rest, key))
            })
        };
        self.lines.iter().enumerate().filter_map(move |(index, line)| Some((index, at_top(line)?)))
    }

    /// The span of the value of the key at `path` (on its first line).
    pub fn value(&self, path: &[&str]) -> Span {
        self.find(path).map_or(self.start(), |found| self.value_span(found.value_line, found.value_column))
    }

    /// The first word of the value of the key at `path` as the text writes
    /// it (up to a space, `,`, `]`, `}` or `#`): `0x1F` where the parsed
    /// value says 31.
    pub fn raw_value(&self, path: &[&str]) -> Option<&'a str> {
        let found = self.find(path)?;
        let line = *self.lines.get(found.value_line)?;
        let rest = line.get(found.value_column..)?;
        let end = rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}' | '#')).unwrap_or(rest.len());
        rest.get(..end).filter(|word| !word.is_empty())
    }

    /// The span of `needle` inside the value of the key at `path` (a list
    /// element, say), or of the value when `needle` is not found there.
    pub fn within_value(&self, path: &[&str], needle: &str) -> Span {
        let Some(found) = self.find(path) else {
            return self.start();
        };
        let lines = &self.lines;
        for index in found.value_line..found.scope_end {
            let Some(line) = lines.get(index) else { break };
            let from = if index == found.value_line { found.value_column } else { 0 };
            if let Some(at) = line.get(from..).and_then(|rest| rest.find(needle)) {
                return self.span(index, from + at, from + at + needle.len());
            }
        }
        self.value_span(found.value_line, found.value_column)
    }

    /// The byte offset in the text of line `line_index`'s first byte.
    fn line_offset(&self, line_index: usize) -> usize {
        let text = self.yaml.text;
        // The lines are slices of the text, in order.
        self.lines
            .get(line_index)
            .map_or(text.len(), |line| (line.as_ptr() as usize).saturating_sub(text.as_ptr() as usize))
    }

    /// The span of bytes `start..end` of line `line_index`, in the file.
    fn span(&self, line_index: usize, start: usize, end: usize) -> Span {
        let line_offset = self.line_offset(line_index);
        self.yaml.span(line_offset + start, line_offset + end)
    }

    /// The span of the value that starts at byte `start` of line `line_index`, in the file.
    fn value_span(&self, line_index: usize, start: usize) -> Span {
        self.yaml.value_at(self.line_offset(line_index) + start)
    }

    fn find(&self, path: &[&str]) -> Option<Found> {
        let lines = &self.lines;
        let mut scope = 0..lines.len();
        let mut parent_indent: Option<usize> = None;
        let mut found = None;
        for key in path {
            // A top-level key written twice: the later one is the one read.
            let repeated = parent_indent.is_none() && self.later.iter().any(|later| later == key);
            let last_top = if repeated { self.top_level_lines(key).last() } else { None };
            let last_top =
                last_top.and_then(|(index, top)| Some((index, top, top + key_len(lines.get(index)?.get(top..)?))));
            let hit = last_top.or_else(|| {
                scope.clone().find_map(|index| {
                    let line = lines.get(index)?;
                    let indent = indentation(line);
                    let deeper = parent_indent.is_none_or(|parent| indent > parent);
                    if deeper && starts_with_key(line.get(indent..)?, key) {
                        return Some((index, indent, indent + key_len(line.get(indent..)?)));
                    }
                    flow_key(line, key).map(|(at, end)| (index, at, end))
                })
            })?;
            let (index, key_column, after_key) = hit;
            let key_end = after_key.saturating_sub(1).max(key_column);
            let indent = indentation(lines.get(index)?);
            let scope_end = (index + 1..scope.end)
                .find(|&next| lines.get(next).is_some_and(|l| is_content(l) && indentation(l) <= indent))
                .unwrap_or(scope.end);
            let (value_line, value_column) = value_start(lines, index, after_key, scope_end);
            found = Some(Found { line: index, key_column, key_end, value_line, value_column, scope_end });
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
    key_end: usize,
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
/// Where ` #` (a comment after a value) starts in `line`, or its length:
/// found from the `#` bytes, not by a substring search set up for each line.
fn comment_start(line: &str) -> usize {
    let bytes = line.as_bytes();
    memchr::memchr_iter(b'#', bytes)
        .find(|&at| at > 0 && bytes.get(at - 1) == Some(&b' '))
        .map_or(line.len(), |at| at - 1)
}

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
    // An empty key is found everywhere and nowhere (and looped forever).
    if key.is_empty() {
        return None;
    }
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

/// The byte offset of 0-based line `index` of `text`, when it has that line.
fn line_start(text: &str, index: usize) -> Option<usize> {
    match index.checked_sub(1) {
        None => Some(0),
        Some(breaks) => memchr::memchr_iter(b'\n', text.as_bytes()).nth(breaks).map(|at| at + 1),
    }
}

/// More levels of nested collections than the YAML library accepts.
pub(crate) const MAX_DEPTH: usize = 128;

/// The offset of the first `[` or `{` that opens more than [`MAX_DEPTH`]
/// collections at once. The YAML library reads every event of a document
/// before it checks the depth, in time quadratic in the depth of flow
/// collections (20,000 `[` take seconds): this byte scan refuses them first.
/// Brackets inside quoted strings count too: a real note never holds 128
/// unclosed ones.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (offset, byte) in text.bytes().enumerate() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(offset);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn too_deep_message() -> String {
    format!("nested more than {MAX_DEPTH} levels deep")
}

/// The library's words for its limits, in the user's words.
fn plain_words(message: String) -> String {
    if message.starts_with("recursion limit exceeded") {
        return too_deep_message();
    }
    if message.starts_with("repetition limit exceeded") {
        return "its aliases (*name) repeat more data than a note can hold (an alias bomb)".to_owned();
    }
    message
}

/// Splits the ` at position N` (a byte offset) off a reader error's message.
fn split_offset(message: &str) -> (&str, Option<usize>) {
    const AT: &str = " at position ";
    if let Some(at) = message.find(AT) {
        let tail = message.get(at + AT.len()..).unwrap_or_default();
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        if let Some(offset) = tail.get(..digits).and_then(|digits| digits.parse().ok()) {
            let rest = tail.get(digits..).unwrap_or_default();
            let head = message.get(..at).unwrap_or_default();
            if rest.is_empty() {
                return (head, Some(offset));
            }
        }
    }
    (message, None)
}

impl YamlText<'_> {
    /// The message with the library's first ` at line N column M` (the
    /// problem's own place, shown before the message) removed and the others
    /// (where the construct being read started) moved into the file and
    /// written as the problem's place is, ` started at LINE:COLUMN`, not to
    /// be read as a place in the front matter alone.
    fn translate_locations(&self, message: &str) -> String {
        const AT: &str = " at line ";
        let mut out = String::with_capacity(message.len());
        let mut rest = message;
        let mut first = true;
        while let Some(at) = rest.find(AT) {
            let tail = rest.get(at + AT.len()..).unwrap_or_default();
            let line_digits = tail.bytes().take_while(u8::is_ascii_digit).count();
            let Some(column_tail) = tail.get(line_digits..).and_then(|t| t.strip_prefix(" column ")) else {
                break;
            };
            let column_digits = column_tail.bytes().take_while(u8::is_ascii_digit).count();
            let line = tail.get(..line_digits).and_then(|d| d.parse().ok()).unwrap_or(1);
            let column = column_tail.get(..column_digits).and_then(|d| d.parse().ok()).unwrap_or(1);
            out.push_str(rest.get(..at).unwrap_or_default());
            if !first {
                let position = self.file_position(line, column);
                out.push_str(&format!(" started at {}:{}", position.line, position.column));
            }
            first = false;
            rest = column_tail.get(column_digits..).unwrap_or_default();
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `span` (of `yaml`, at offset 0 of its file) is printed.
    fn at(yaml: &YamlText<'_>, span: Span) -> Position {
        Position::of(yaml.text, span.start()).shifted(yaml.first_line - 1)
    }

    const CONFIG: &str = "horizon_days: 7\nplaybooks:\n  job-search: {cadence: [2d, 3x]}\n  sales:\n    cadence:\n      - 3d\n      - 7q\n";

    proptest::proptest! {
        /// A value's comment starts where a substring search for ` #` finds it.
        #[test]
        fn a_comment_starts_at_the_first_space_and_hash(line in "[ #a#é]{0,12}") {
            proptest::prop_assert_eq!(comment_start(&line), line.find(" #").unwrap_or(line.len()));
        }
    }

    #[test]
    fn keys_and_values_are_found_in_block_and_flow_style() {
        let yaml = YamlText::new(CONFIG, 5, 0).lines();
        assert_eq!(at(&yaml.yaml, yaml.key(&["horizon_days"])), Position::new(5, 1));
        assert_eq!(at(&yaml.yaml, yaml.value(&["horizon_days"])), Position::new(5, 15));
        assert_eq!(at(&yaml.yaml, yaml.key(&["playbooks", "job-search"])), Position::new(7, 3));
        assert_eq!(at(&yaml.yaml, yaml.key(&["playbooks", "job-search", "cadence"])), Position::new(7, 16));
        assert_eq!(
            at(&yaml.yaml, yaml.within_value(&["playbooks", "job-search", "cadence"], "3x")),
            Position::new(7, 30)
        );
        assert_eq!(at(&yaml.yaml, yaml.key(&["playbooks", "sales", "cadence"])), Position::new(9, 5));
        assert_eq!(at(&yaml.yaml, yaml.within_value(&["playbooks", "sales", "cadence"], "7q")), Position::new(11, 9));
    }

    #[test]
    fn every_place_of_a_top_level_key_is_found() {
        let yaml = YamlText::new("name: A\nnested:\n  name: x\n\"name\": B\r\nnames: C\nname:\n", 2, 0).lines();
        let keys = yaml.top_level_keys("name");
        assert_eq!(
            keys.iter().map(|&span| at(&yaml.yaml, span)).collect::<Vec<_>>(),
            [Position::new(2, 1), Position::new(5, 1), Position::new(7, 1)]
        );
        assert_eq!(
            keys.iter().map(|&span| yaml.yaml.text.get(span.range()).unwrap_or("?")).collect::<Vec<_>>(),
            ["name", "\"name\"", "name"]
        );
        let indented = YamlText::new("  a: 1\n  a: 2\n", 2, 0).lines();
        let keys = indented.top_level_keys("a").into_iter().map(|span| at(&indented.yaml, span)).collect::<Vec<_>>();
        assert_eq!(keys, [Position::new(2, 3), Position::new(3, 3)]);
        assert_eq!(YamlText::new("", 2, 0).lines().top_level_keys("a"), []);
        assert_eq!(at(&yaml.yaml, yaml.value(&["name"])), Position::new(2, 7), "the first");
        let yaml = yaml.prefer_later(vec!["name".to_owned()]);
        assert_eq!(at(&yaml.yaml, yaml.value(&["name"])), Position::new(7, 6), "the later one, which is read");
    }

    #[test]
    fn a_missing_key_points_at_the_start() {
        let yaml = YamlText::new(CONFIG, 2, 0).lines();
        assert_eq!(at(&yaml.yaml, yaml.key(&["nope"])), Position::new(2, 1));
        assert_eq!(at(&yaml.yaml, yaml.key(&["playbooks", "nope"])), Position::new(2, 1));
        // Found by fuzzing: an empty key (a `.NAN:` key read as text) looped forever.
        assert_eq!(at(&yaml.yaml, yaml.key(&["playbooks", "sales", ""])), Position::new(2, 1));
    }

    #[test]
    fn syntax_errors_are_translated_into_the_file() {
        let yaml = YamlText::new("name: Dana\ncompany: \"Acme\n", 2, 0);
        let error = yaml.parse().err().unwrap_or_else(|| SyntaxError { span: Span::START, message: String::new() });
        assert_eq!((at(&yaml, error.span), error.span.start == error.span.end), (Position::new(4, 1), true));
        assert_eq!(error.message, "found unexpected end of stream, while scanning a quoted scalar started at 3:10");
    }

    #[test]
    fn the_problem_location_is_dropped_and_the_context_moved_into_the_file() {
        let yaml = YamlText::new("", 5, 0);
        assert_eq!(
            yaml.translate_locations("bad at line 3 column 14, while x at line 2 column 4"),
            "bad, while x started at 6:4"
        );
        assert_eq!(yaml.translate_locations("no location"), "no location");
    }

    #[test]
    fn a_flow_sequence_is_reported_where_it_opened() {
        let yaml = YamlText::new("name: Dana\ncompany: [Acme\n", 2, 0);
        let error = yaml.parse().unwrap_err();
        assert_eq!(at(&yaml, error.span), Position::new(4, 1));
        assert_eq!(error.message, "did not find expected ',' or ']', while parsing a flow sequence started at 3:10");
    }

    #[test]
    fn the_end_of_a_text_without_a_final_line_break_is_on_its_last_line() {
        // Found by fuzzing: the error was reported on line 3 of a 2-line file.
        let yaml = YamlText::new("a: 1\nagenda: [[a", 1, 0);
        let error = yaml.parse().unwrap_err();
        assert_eq!(at(&yaml, error.span), Position::new(2, 12));
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing_and_fast() {
        let deep = format!("name: {}{}", "[".repeat(20_000), "]".repeat(20_000));
        let started = std::time::Instant::now();
        let error = YamlText::new(&deep, 2, 0).parse().unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_millis(100), "{:?}", started.elapsed());
        assert_eq!(
            error,
            SyntaxError { span: Span::of_len(134, 1), message: "nested more than 128 levels deep".to_owned() }
        );
        let block = format!("name:\n  {}x", "- ".repeat(200));
        assert_eq!(YamlText::new(&block, 2, 0).parse().unwrap_err().message, "nested more than 128 levels deep");
        let shallow = format!("name: {}{}", "[".repeat(100), "]".repeat(100));
        assert!(YamlText::new(&shallow, 2, 0).parse().is_ok());
    }

    #[test]
    fn an_alias_bomb_is_refused() {
        let mut bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n".to_owned();
        for (name, previous) in
            ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            let alias = format!("*{previous}");
            bomb.push_str(&format!("{name}: &{name} [{}]\n", vec![alias; 9].join(", ")));
        }
        let started = std::time::Instant::now();
        let error = YamlText::new(&bomb, 2, 0).parse().unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "{:?}", started.elapsed());
        assert_eq!(
            error,
            SyntaxError {
                span: Span::START,
                message: "its aliases (*name) repeat more data than a note can hold (an alias bomb)".to_owned()
            }
        );
    }

    #[test]
    fn a_control_character_is_reported_where_it_is() {
        let error = YamlText::new("name: Dana\ncompany: Ac\u{0}me\n", 2, 0).parse().unwrap_err();
        assert_eq!(
            error,
            SyntaxError {
                span: Span::of_len(22, 1),
                message: "control characters are not allowed (found U+0000)".to_owned()
            }
        );
    }
}
