//! Where a thing is in a note: a byte range of the note's text. Touches and
//! problems carry spans; the `line:col` users see is computed from the text
//! only where it is printed ([`crate::position`]).

use std::ops::Range;

/// A byte range `start..end` of one text (a note, `nudge.yaml`, a
/// template). Offsets are `u32`: no file nudge reads is 4 GB (larger ones are
/// refused first), and a span is as small as the line and column it replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// The first byte.
    pub start: u32,
    /// The byte after the last one (`start` for an empty span: a place
    /// between two characters).
    pub end: u32,
}

impl Span {
    /// The empty span at the start of a text.
    pub const START: Self = Self { start: 0, end: 0 };

    /// The span of bytes `start..end` (an `end` before `start` is `start`).
    pub fn new(start: usize, end: usize) -> Self {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        Self { start, end: u32::try_from(end).unwrap_or(u32::MAX).max(start) }
    }

    /// The empty span at byte `offset`.
    pub fn at(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    /// The span of `len` bytes from byte `start`.
    pub fn of_len(start: usize, len: usize) -> Self {
        Self::new(start, start.saturating_add(len))
    }

    /// The first byte, as an index.
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// The byte after the last one, as an index.
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// The bytes as a range, to index the text with.
    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }

    /// This span moved `by` bytes later (a span of a part of a text, into
    /// the whole text).
    pub fn shifted(self, by: usize) -> Self {
        Self::new(self.start().saturating_add(by), self.end().saturating_add(by))
    }

    /// Whether byte `offset` is inside the span, or is its start.
    pub fn holds(self, offset: usize) -> bool {
        self.start() == offset || self.range().contains(&offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_is_a_byte_range_that_never_runs_backwards() {
        let span = Span::new(3, 7);
        assert_eq!((span.range(), Span::of_len(3, 4)), (3..7, span));
        assert_eq!(Span::new(7, 3), Span::at(7), "an end before the start is the start");
        assert_eq!(span.shifted(10).range(), 13..17);
        assert!(span.holds(3) && span.holds(6) && !span.holds(7) && Span::at(5).holds(5));
        assert_eq!(Span::new(usize::MAX, usize::MAX).start, u32::MAX, "saturates");
    }
}
