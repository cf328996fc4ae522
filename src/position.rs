//! Turning byte offsets (spans, see [`crate::model::span`]) into the
//! `line:col` positions users see, where they are printed.

use std::fmt;

/// A 1-based line and column (counted in characters) in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Position {
    /// The first character of a file.
    pub const START: Self = Self { line: 1, column: 1 };

    /// A position from a 1-based line and column.
    pub fn new(line: u32, column: u32) -> Self {
        Self { line, column }
    }

    /// The position of byte `offset` of `text` (clamped to the text and to
    /// a character boundary): what a span's start is printed as.
    pub fn of(text: &str, offset: usize) -> Self {
        LineCounter::new(text).position(offset)
    }

    /// This position moved down by `lines` lines (for text embedded in a file).
    pub fn shifted(self, lines: u32) -> Self {
        Self { line: self.line.saturating_add(lines), column: self.column }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Converts byte offsets of one text into positions. Cheap when offsets are
/// asked in increasing order (it only counts the newlines in between); a
/// smaller offset restarts from the top.
#[derive(Debug)]
pub(crate) struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: u32,
    line_start: usize,
}

impl<'a> LineCounter<'a> {
    /// A counter over `text`, starting at its first byte.
    pub(crate) fn new(text: &'a str) -> Self {
        Self { text, offset: 0, line: 1, line_start: 0 }
    }

    /// The position of byte `offset` (clamped to the text and to a character boundary).
    pub(crate) fn position(&mut self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = Self::new(self.text);
        }
        let skipped = self.text.get(self.offset..offset).unwrap_or_default().as_bytes();
        // The last line break is a few bytes back (a touch's date is near
        // the start of its line): a plain loop finds it before memrchr
        // would have set up.
        if let Some(last) = skipped.iter().rposition(|&byte| byte == b'\n') {
            let newlines = memchr::memchr_iter(b'\n', skipped).count();
            self.line = self.line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
            self.line_start = self.offset + last + 1;
        }
        self.offset = offset;
        let column = self.text.get(self.line_start..offset).map_or(0, |s| s.chars().count());
        Position { line: self.line, column: u32::try_from(column).unwrap_or(u32::MAX).saturating_add(1) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "ab\nçd\r\nef";
        let mut counter = LineCounter::new(text);
        assert_eq!(counter.position(0), Position::new(1, 1));
        assert_eq!(counter.position(1), Position::new(1, 2));
        assert_eq!(counter.position(3), Position::new(2, 1));
        assert_eq!(counter.position(5), Position::new(2, 2), "ç is one column");
        assert_eq!(counter.position(8), Position::new(3, 1));
        assert_eq!(counter.position(2), Position::new(1, 3), "going back restarts");
        assert_eq!(counter.position(99), Position::new(3, 3), "clamped to the end");
        assert_eq!(counter.position(4), Position::new(2, 1), "inside ç snaps back to its start");
    }
}
