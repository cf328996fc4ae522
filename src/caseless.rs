//! Text compared, ordered and hashed ignoring case: each character lowered
//! (`char::to_lowercase`), as the UTF-8 bytes of the lowered text. ASCII
//! text is taken byte by byte, without decoding.

use std::cmp::Ordering;
use std::hash::Hasher;

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

/// Feeds `hasher` the lowered bytes of `text`: texts [`eq`] to each other
/// hash alike.
pub(crate) fn hash(hasher: &mut impl Hasher, text: &str) {
    if text.is_ascii() {
        // Lowered a few dozen bytes at a time, each part written at once:
        // a streaming hash (FNV) gives what the bytes one by one give.
        let mut lowered = [0u8; 64];
        for part in text.as_bytes().chunks(lowered.len()) {
            let lowered = lowered.get_mut(..part.len()).unwrap_or_default();
            for (lower, byte) in lowered.iter_mut().zip(part) {
                *lower = byte.to_ascii_lowercase();
            }
            hasher.write(lowered);
        }
        return;
    }
    // The bytes [`lowered_bytes`] gives, without its iterators: an ASCII
    // character (most of a name with an accent) written at once, another
    // lowered into a buffer.
    let mut utf8 = [0u8; 4];
    for c in text.chars() {
        if c.is_ascii() {
            hasher.write_u8(c.to_ascii_lowercase() as u8);
            continue;
        }
        for lower in c.to_lowercase() {
            hasher.write(lower.encode_utf8(&mut utf8).as_bytes());
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

    proptest::proptest! {
        #[test]
        fn a_text_hashes_as_its_lowered_bytes_one_by_one(text in "[a-zA-Z \u{c0}-\u{17f}\u{391}-\u{3a9}\u{212a}\u{130}ß]{0,16}") {
            let mut bytes = fnv::FnvHasher::default();
            for byte in lowered_bytes(&text) {
                bytes.write_u8(byte);
            }
            proptest::prop_assert_eq!(hashed(&text), bytes.finish());
        }
    }

    #[test]
    fn long_ascii_texts_hash_as_their_bytes_one_by_one() {
        let text = "Dana-Reyes@Example.COM ".repeat(9);
        let mut bytes = fnv::FnvHasher::default();
        for byte in text.bytes() {
            bytes.write_u8(byte.to_ascii_lowercase());
        }
        assert_eq!(hashed(&text), bytes.finish());
        assert_eq!(hashed(&text), hashed(&text.to_lowercase()));
    }
}
