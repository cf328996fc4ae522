//! Eight bytes at a time: a text's bytes read as a `u64` (the first byte
//! lowest) and the masks that tell which of the eight are of a kind, the
//! high bit of each such byte set. The readers of lines, keys, links and
//! positions use these where a byte-by-byte loop costs about ten
//! instructions a byte (docs/src/performance.md).

/// A byte 1 in each place of a word.
pub(crate) const ONES: u64 = u64::from_le_bytes([1; 8]);

/// The high bit of each byte of a word.
pub(crate) const HIGHS: u64 = ONES * 0x80;

/// A word of `byte` in each place.
#[inline]
pub(crate) const fn splat(byte: u8) -> u64 {
    ONES * byte as u64
}

/// The high bit of each byte of `word` below `n` (at most 0x80): the lowest
/// one set is always such a byte, so the mask is exact about whether there
/// is one and where the first is; a byte after the first may be marked by
/// the borrow ([`zero_bytes`] is exact everywhere).
#[inline]
pub(crate) const fn first_below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(splat(n)) & !word & HIGHS
}

/// The high bit of each byte of `word` equal to `byte`, exact as
/// [`first_below`] is: about the first and whether there is one.
#[inline]
pub(crate) const fn first_equal(word: u64, byte: u8) -> u64 {
    first_below(word ^ splat(byte), 1)
}

/// The high bit of each zero byte of `word`, exactly (no borrow between
/// bytes).
#[inline]
pub(crate) const fn zero_bytes(word: u64) -> u64 {
    !(((word & !HIGHS).wrapping_add(!HIGHS)) | word | !HIGHS)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The masks against the bytes looked at one by one.
        #[test]
        fn a_words_masks_mark_the_bytes_one_by_one_marks(bytes in any::<[u8; 8]>(), n in 1u8..=0x80, byte in any::<u8>()) {
            let word = u64::from_le_bytes(bytes);
            let marked = |mask: u64| (0..8).filter(|at| mask >> (8 * at + 7) & 1 == 1).collect::<Vec<_>>();
            let first = |wanted: &dyn Fn(u8) -> bool| bytes.iter().position(|&b| wanted(b));
            prop_assert_eq!(marked(zero_bytes(word)), (0..8).filter(|&at| bytes[at] == 0).collect::<Vec<_>>());
            prop_assert_eq!(marked(first_below(word, n)).first().copied(), first(&|b| b < n));
            prop_assert_eq!(marked(first_equal(word, byte)).first().copied(), first(&|b| b == byte));
        }
    }
}
