//! Obsidian wiki links in front matter values (docs/src/note-format.md):
//! `"[[Globex]]"`, `"[[Globex|Globex Corp]]"`, and the same written without
//! quotes, which YAML reads as a list holding a list (`[[Globex]]`).

use serde_yaml::Value;

use crate::spaces;
use crate::words::{first_below, first_equal};

/// A wiki link: the note it points to and the text Obsidian shows for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WikiLink<'a> {
    /// The linked note as written (`Globex`, `people/Dana#Work`).
    pub target: &'a str,
    /// The alias after `|`, when there is one.
    pub alias: Option<&'a str>,
}

impl<'a> WikiLink<'a> {
    /// The link written as `[[...]]` (spaces around it allowed); `None` for
    /// any other text, and for a link with brackets inside or no target.
    pub(crate) fn parse(text: &'a str) -> Option<Self> {
        let inner = spaces::trim(text).strip_prefix("[[")?.strip_suffix("]]")?;
        Self::inside(inner)
    }

    /// The link whose inside (`target|alias`, without the brackets) is `inner`.
    pub(crate) fn inside(inner: &'a str) -> Option<Self> {
        if has_bracket_or_control(inner) {
            return None;
        }
        // A byte, not a `char` pattern: every linked touch date comes here.
        let bar = inner.bytes().position(|byte| byte == b'|');
        let (target, alias) = match bar.and_then(|at| Some((inner.get(..at)?, inner.get(at + 1..)?))) {
            Some((target, alias)) => (target, Some(spaces::trim(alias)).filter(|alias| !alias.is_empty())),
            None => (inner, None),
        };
        let target = spaces::trim(target);
        (!target.is_empty()).then_some(Self { target, alias })
    }

    /// The link in a YAML value: a string `[[...]]`, or the list holding a
    /// list of one string that YAML reads an unquoted `[[...]]` as.
    pub(crate) fn in_value(value: &'a Value) -> Option<Self> {
        match value {
            Value::String(text) => Self::parse(text),
            other => Self::inside(unquoted(other)?),
        }
    }

    /// What Obsidian shows for the link: the alias, else the target.
    pub(crate) fn text(&self) -> &'a str {
        self.alias.unwrap_or(self.target)
    }
}

/// Whether `text` holds `[`, `]` or a control character (`char::is_control`:
/// U+0000 to U+001F and U+007F to U+009F, the last written `C2 80` to
/// `C2 9F`): eight bytes at a time while none of them can be one
/// ([`may_hold_bracket_or_control`]), then byte by byte (the `char` patterns
/// decoded every character; a byte loop cost about 13 instructions a byte).
fn has_bracket_or_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    let words = bytes.chunks_exact(8);
    // The last bytes, after the `a`s that fill their word.
    let mut last = [b'a'; 8];
    let rest = words.remainder();
    last.get_mut(..rest.len()).unwrap_or_default().copy_from_slice(rest);
    for word in words {
        let word: [u8; 8] = word.try_into().unwrap_or([0; 8]);
        if may_hold_bracket_or_control(u64::from_le_bytes(word)) {
            return has_bracket_or_control_bytewise(bytes);
        }
    }
    may_hold_bracket_or_control(u64::from_le_bytes(last)) && has_bracket_or_control_bytewise(bytes)
}

/// Whether one of the eight bytes of `word` is `[`, `]`, below U+0020,
/// U+007F or `C2` (which begins U+0080 to U+00BF): never `false` when one
/// is, the exact answer is [`has_bracket_or_control_bytewise`]'s.
fn may_hold_bracket_or_control(word: u64) -> bool {
    let equal = |byte: u8| first_equal(word, byte);
    (first_below(word, 0x20) | equal(b'[') | equal(b']') | equal(0x7F) | equal(0xC2)) != 0
}

/// [`has_bracket_or_control`] byte by byte.
fn has_bracket_or_control_bytewise(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(at, &byte)| {
        matches!(byte, b'[' | b']' | 0..=0x1F | 0x7F)
            || (byte == 0xC2 && bytes.get(at + 1).is_some_and(|next| (0x80..=0x9F).contains(next)))
    })
}

/// The inside of an unquoted `[[...]]`: the one string of the one list in
/// `value`.
pub(crate) fn unquoted(value: &Value) -> Option<&str> {
    match value {
        Value::Sequence(outer) => match outer.as_slice() {
            [Value::Sequence(inner)] => match inner.as_slice() {
                [Value::String(text)] => Some(text),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The scan refuses what the `char` patterns refuse: on short text
        /// of brackets, control characters and characters of every width,
        /// and on longer text mostly of bytes no word stops at, with a
        /// bracket or control character or none at any place (the words
        /// read eight bytes at a time).
        #[test]
        fn brackets_and_control_characters_are_found_as_the_char_patterns_find_them(
            text in proptest::prop_oneof![
                "[a|\\[\\]\u{0}-\u{1f} \u{7e}-\u{a1}é€\u{2028}😀]{0,8}",
                "[a-z |é€😀\u{a0}]{0,20}[\\[\\]\u{0}-\u{1f}\u{7e}-\u{a1}]?[a-z |é\u{2028}]{0,20}",
            ],
        ) {
            let reference = text.contains(['[', ']']) || text.contains(char::is_control);
            proptest::prop_assert_eq!(has_bracket_or_control(&text), reference, "{:?}", text);
        }
    }

    #[test]
    fn a_word_that_may_hold_a_bracket_or_control_character_is_never_passed_over() {
        for byte in 0..=u8::MAX {
            for at in 0..8 {
                let mut word = [b'a'; 8];
                word[at] = byte;
                let stops = matches!(byte, b'[' | b']' | 0..=0x1F | 0x7F | 0xC2);
                assert_eq!(may_hold_bracket_or_control(u64::from_le_bytes(word)), stops, "{byte:#x} at {at}");
            }
        }
    }

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap_or(Value::Null)
    }

    #[test]
    fn quoted_links_with_and_without_an_alias() {
        assert_eq!(WikiLink::parse("[[Globex]]"), Some(WikiLink { target: "Globex", alias: None }));
        let aliased = WikiLink::parse(" [[Globex|Globex Corp]] ");
        assert_eq!(aliased, Some(WikiLink { target: "Globex", alias: Some("Globex Corp") }));
        assert_eq!(aliased.map(|link| link.text()), Some("Globex Corp"));
        assert_eq!(WikiLink::parse("[[Globex|]]").map(|link| link.text()), Some("Globex"));
        for not_a_link in ["Globex", "[[]]", "[[|x]]", "[[a]] b", "[[a]b]]", "[Globex]", "[[a\nb]]"] {
            assert_eq!(WikiLink::parse(not_a_link), None, "{not_a_link:?}");
        }
    }

    #[test]
    fn an_unquoted_link_is_a_list_holding_a_list_to_yaml() {
        let value = yaml("[[Globex|Globex Corp]]");
        assert_eq!(WikiLink::in_value(&value), Some(WikiLink { target: "Globex", alias: Some("Globex Corp") }));
        assert_eq!(WikiLink::in_value(&yaml("'[[Globex]]'")).map(|link| link.target), Some("Globex"));
        for not_a_link in ["[Globex]", "[[a, b]]", "[[a], [b]]", "[[[a]]]", "[[1]]"] {
            assert_eq!(WikiLink::in_value(&yaml(not_a_link)), None, "{not_a_link}");
        }
    }
}
