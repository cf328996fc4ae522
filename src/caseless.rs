//! Text compared, ordered and hashed ignoring case: each character lowered
//! (`char::to_lowercase`), as the UTF-8 bytes of the lowered text. ASCII
//! text is taken byte by byte, without decoding.

use std::cmp::Ordering;

use crate::words::HIGHS;

/// The UTF-8 bytes of `text` with each character lowered: they compare as
/// the lowered strings do.
pub(crate) fn lowered_bytes(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.chars().flat_map(char::to_lowercase).flat_map(|lower| {
        let mut utf8 = [0u8; 4];
        let length = lower.encode_utf8(&mut utf8).len();
        utf8.into_iter().take(length)
    })
}

/// `a` and `b` ordered as their lowered strings are.
pub(crate) fn cmp(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.bytes().map(|byte| byte.to_ascii_lowercase()).cmp(b.bytes().map(|byte| byte.to_ascii_lowercase()))
    } else {
        lowered_bytes(a).cmp(lowered_bytes(b))
    }
}

/// Whether `a` and `b` are the same text once lowered.
pub(crate) fn eq(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        // Lengths first: every playbook name of every note is compared so.
        return a.eq_ignore_ascii_case(b);
    }
    cmp(a, b).is_eq()
}

/// A hash of the lowered bytes of each of `texts`, each followed by
/// `0xFF` (not UTF-8: `ab` + `c` and `a` + `bc` hash apart): texts [`eq`]
/// to each other hash alike. The bytes are lowered into a buffer on the
/// stack, then hashed at once with XXH3 (a few dozen instructions for a
/// name or an email, against four a byte for FNV fed byte by byte).
pub(crate) fn hash(texts: &[&str]) -> u64 {
    let mut lowered = [0u8; 256];
    let mut length = 0;
    for text in texts {
        let Some(end) = lower_into(text, &mut lowered, length) else {
            return hash_long(texts);
        };
        let Some(separator) = lowered.get_mut(end) else {
            return hash_long(texts);
        };
        *separator = 0xFF;
        length = end + 1;
    }
    xxhash_rust::xxh3::xxh3_64(lowered.get(..length).unwrap_or_default())
}

/// Writes the lowered bytes of `text` into `buffer` from `at`; where they
/// end, `None` when they do not fit. ASCII text is lowered byte by byte,
/// without decoding.
fn lower_into(text: &str, buffer: &mut [u8], at: usize) -> Option<usize> {
    if text.is_ascii() {
        let into = buffer.get_mut(at..at + text.len())?;
        let mut words = text.as_bytes().chunks_exact(8);
        let mut lowered = into.chunks_exact_mut(8);
        for (lower, word) in (&mut lowered).zip(&mut words) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            lower.copy_from_slice(&ascii_lowered(word).to_le_bytes());
        }
        for (lower, byte) in lowered.into_remainder().iter_mut().zip(words.remainder()) {
            *lower = byte.to_ascii_lowercase();
        }
        return Some(at + text.len());
    }
    let mut end = at;
    for c in text.chars() {
        if c.is_ascii() {
            *buffer.get_mut(end)? = c.to_ascii_lowercase() as u8;
            end += 1;
            continue;
        }
        for lower in c.to_lowercase() {
            let into = buffer.get_mut(end..end + lower.len_utf8())?;
            lower.encode_utf8(into);
            end += lower.len_utf8();
        }
    }
    Some(end)
}

/// Eight bytes lowered at once: `0x20` added to each of `A` to `Z`, every
/// other byte (those beyond ASCII too) left as it is.
#[inline]
pub(crate) fn ascii_lowered(word: u64) -> u64 {
    let low = word & !HIGHS;
    // A high bit for each byte from `A` up, and for each from `[` up, of
    // the seven bits below it (no carry leaves a byte); an ASCII byte in
    // the first and not the second is upper-case.
    let upper = (low + 0x3F3F_3F3F_3F3F_3F3F) & !(low + 0x2525_2525_2525_2525) & !word & HIGHS;
    word | (upper >> 2)
}

/// [`hash`] of texts too long for its buffer.
fn hash_long(texts: &[&str]) -> u64 {
    let mut lowered = Vec::new();
    for text in texts {
        lowered.extend(lowered_bytes(text));
        lowered.push(0xFF);
    }
    xxhash_rust::xxh3::xxh3_64(&lowered)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashed(text: &str) -> u64 {
        hash(&[text])
    }

    /// The hash of `texts` from their lowered bytes, one by one.
    fn hashed_by_bytes(texts: &[&str]) -> u64 {
        let bytes: Vec<u8> = texts.iter().flat_map(|text| lowered_bytes(text).chain([0xFF])).collect();
        xxhash_rust::xxh3::xxh3_64(&bytes)
    }

    #[test]
    fn each_character_is_lowered_ascii_or_not() {
        assert!(eq("Dana ÉLIE", "dana élie"));
        assert_eq!(hashed("DANA Élie"), hashed("dana élie"));
        // The Kelvin sign lowers to an ASCII k: either way, one text.
        assert!(eq("\u{212A}im", "kim"));
        assert_eq!(hashed("\u{212A}im"), hashed("kim"));
        assert_eq!(cmp("ann", "Bob"), Ordering::Less);
        assert_eq!(cmp("Éva", "eva"), Ordering::Greater, "é is not e");
        assert!(!eq("ab", "abc"));
    }

    proptest::proptest! {
        #[test]
        fn a_text_hashes_as_its_lowered_bytes_one_by_one(
            text in "[a-zA-Z \u{c0}-\u{17f}\u{391}-\u{3a9}\u{212a}\u{130}ß]{0,16}",
            other in "[a-zA-Z]{0,8}",
        ) {
            proptest::prop_assert_eq!(hashed(&text), hashed_by_bytes(&[&text]));
            proptest::prop_assert_eq!(hash(&[&text, &other]), hashed_by_bytes(&[&text, &other]));
        }
    }

    #[test]
    fn eight_ascii_bytes_lower_at_once_as_one_by_one() {
        for byte in 0..0x80u8 {
            let bytes = [byte, b'@', b'A', b'Z', b'[', b'`', b'a', 0x7F];
            let lowered = ascii_lowered(u64::from_le_bytes(bytes)).to_le_bytes();
            assert_eq!(lowered, bytes.map(|byte| byte.to_ascii_lowercase()));
        }
    }

    #[test]
    fn long_ascii_texts_hash_as_their_bytes_one_by_one() {
        let text = "Dana-Reyes@Example.COM ".repeat(12);
        assert!(text.len() > 256, "longer than the buffer on the stack");
        assert_eq!(hashed(&text), hashed_by_bytes(&[&text]));
        assert_eq!(hashed(&text), hashed(&text.to_lowercase()));
        let (short, long) = ("Dana", "x".repeat(252));
        assert_eq!(hash(&[short, &long]), hashed_by_bytes(&[short, &long]), "the buffer overflows at the second text");
    }
}
