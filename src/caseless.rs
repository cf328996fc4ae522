//! Text compared, ordered and hashed ignoring case: each character lowered
//! (`char::to_lowercase`), as the UTF-8 bytes of the lowered text. ASCII
//! text is taken byte by byte, without decoding.

use std::cmp::Ordering;
use std::hash::Hasher;

/// The UTF-8 bytes of `text` with each character lowered: they compare as
/// the lowered strings do.
pub fn lowered_bytes(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.chars().flat_map(char::to_lowercase).flat_map(|lower| {
        let mut utf8 = [0u8; 4];
        let length = lower.encode_utf8(&mut utf8).len();
        utf8.into_iter().take(length)
    })
}

/// `a` and `b` ordered as their lowered strings are.
pub fn cmp(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.bytes().map(|byte| byte.to_ascii_lowercase()).cmp(b.bytes().map(|byte| byte.to_ascii_lowercase()))
    } else {
        lowered_bytes(a).cmp(lowered_bytes(b))
    }
}

/// Whether `a` and `b` are the same text once lowered.
pub fn eq(a: &str, b: &str) -> bool {
    cmp(a, b).is_eq()
}

/// Feeds `hasher` the lowered bytes of `text`: texts [`eq`] to each other
/// hash alike.
pub fn hash(hasher: &mut impl Hasher, text: &str) {
    if text.is_ascii() {
        for byte in text.bytes() {
            hasher.write_u8(byte.to_ascii_lowercase());
        }
    } else {
        for byte in lowered_bytes(text) {
            hasher.write_u8(byte);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashed(text: &str) -> u64 {
        let mut hasher = fnv::FnvHasher::default();
        hash(&mut hasher, text);
        hasher.finish()
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
}
