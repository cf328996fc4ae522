//! Turning byte offsets (spans, see [`crate::model::span`]) into the
//! `line:col` positions users see, where they are printed.

use std::fmt;

use crate::model::span::Span;
use crate::words::{HIGHS, splat, zero_bytes};

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

/// Where a span of a text starts and ends, as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extent {
    /// The position of the span's first byte.
    pub start: Position,
    /// The position of the byte after its last one.
    pub end: Position,
}

impl Extent {
    /// The extent of `span` of `text`, counted on with `counter` (a
    /// counter over `text`).
    pub(crate) fn of(counter: &mut LineCounter<'_>, span: Span) -> Self {
        Self { start: counter.position(span.start()), end: counter.position(span.end()) }
    }
}

/// An [`Extent`] in 8 bytes, for one kept with each contact: lines and
/// columns past 65,535 (never those of a front matter key a person wrote)
/// are not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Packed([u16; 4]);

impl Packed {
    /// `extent`, packed; none (the default) when a line or column is too large.
    pub(crate) fn new(extent: Extent) -> Self {
        let parts = [extent.start.line, extent.start.column, extent.end.line, extent.end.column];
        let mut packed = [0; 4];
        for (part, into) in parts.into_iter().zip(&mut packed) {
            match u16::try_from(part) {
                Ok(part) => *into = part,
                Err(_) => return Self::default(),
            }
        }
        Self(packed)
    }

    /// The extent kept, when one is (lines count from 1: line 0 is none).
    pub fn extent(self) -> Option<Extent> {
        let [line, column, end_line, end_column] = self.0.map(u32::from);
        (line > 0).then_some(Extent {
            start: Position { line, column },
            end: Position { line: end_line, column: end_column },
        })
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Converts byte offsets of one text into positions. Cheap when offsets are
/// asked in increasing order (it only looks at the bytes in between); a
/// smaller offset restarts from the top.
#[derive(Debug)]
pub(crate) struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: u32,
    line_start: usize,
    /// The characters from `line_start` to `offset`.
    column: usize,
}

impl<'a> LineCounter<'a> {
    /// A counter over `text`, starting at its first byte.
    pub(crate) fn new(text: &'a str) -> Self {
        Self { text, offset: 0, line: 1, line_start: 0, column: 0 }
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
        let bytes = self.text.as_bytes();
        // Eight bytes at a time: what lies between two places asked for is
        // a few lines at most (a front matter's first keys, a span), too
        // short for memchr to set up for; a byte at a time was 12
        // instructions a byte.
        let (words, tail) = bytes.get(self.offset..offset).unwrap_or_default().as_chunks::<8>();
        let tail = tail_word(bytes, offset - tail.len(), tail.len());
        let start = self.offset;
        // Where the characters of the column are counted from, and the
        // high bits of the bytes beyond ASCII from there on.
        let (mut from, mut wide) = (start, 0);
        for (index, word) in words.iter().enumerate() {
            self.take(u64::from_le_bytes(*word), start + 8 * index, &mut from, &mut wide);
        }
        if let Some(word) = tail {
            self.take(word, start + 8 * words.len(), &mut from, &mut wide);
        }
        let on_line = self.text.get(from..offset).unwrap_or_default();
        // Characters, counted as bytes when all are ASCII (nearly always).
        self.column += if wide == 0 { on_line.len() } else { on_line.chars().count() };
        self.offset = offset;
        let column = u32::try_from(self.column).unwrap_or(u32::MAX).saturating_add(1);
        Position { line: self.line, column }
    }

    /// Counts the line breaks of `word`, the text's eight bytes from `at`:
    /// after one, the column is counted `from` the line's start, and
    /// `wide` holds the high bits of the bytes beyond ASCII from there.
    #[inline]
    fn take(&mut self, word: u64, at: usize, from: &mut usize, wide: &mut u64) {
        let breaks = zero_bytes(word ^ splat(b'\n'));
        if breaks == 0 {
            *wide |= word & HIGHS;
            return;
        }
        self.line = self.line.saturating_add(breaks.count_ones());
        // The byte after the word's last line break.
        let after = (64 - breaks.leading_zeros()) / 8;
        self.line_start = at + after as usize;
        self.column = 0;
        *from = self.line_start;
        *wide = word.checked_shr(8 * after).unwrap_or(0) & HIGHS;
    }
}

/// The `len` bytes (fewer than eight) of `bytes` from `at` as a word, the
/// others zero (neither a line break nor beyond ASCII); none for none.
fn tail_word(bytes: &[u8], at: usize, len: usize) -> Option<u64> {
    if len == 0 {
        return None;
    }
    let kept = (1 << (8 * len)) - 1;
    // The note goes on after the place asked for (nearly always): one load.
    if let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        return Some(u64::from_le_bytes(*chunk) & kept);
    }
    let mut chunk = [0; 8];
    chunk.iter_mut().zip(bytes.get(at..at + len).unwrap_or_default()).for_each(|(to, from)| *to = *from);
    Some(u64::from_le_bytes(chunk))
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

    proptest::proptest! {
        /// Asked in any order, the counter gives each offset the line and
        /// column counted from the top.
        #[test]
        fn a_counter_places_offsets_as_counted_from_the_top(
            text in "[a\n\ré📧]{0,24}",
            offsets in proptest::collection::vec(0..100_usize, 0..8),
        ) {
            let mut counter = LineCounter::new(&text);
            for offset in offsets {
                let mut at = offset.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let before = &text[..at];
                let line_start = before.rfind('\n').map_or(0, |break_at| break_at + 1);
                let line = 1 + before.matches('\n').count();
                let column = 1 + text[line_start..at].chars().count();
                proptest::prop_assert_eq!(counter.position(offset), Position::new(line as u32, column as u32), "{:?} at {}", text, offset);
            }
        }
    }
}
