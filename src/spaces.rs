//! Spaces and tabs trimmed byte by byte. The `str` methods with a `char`
//! pattern decode each character through the pattern machinery; the note
//! readers trim several times on every line of every note.

/// `text` without the spaces (U+0020) it starts with.
pub(crate) fn trim_start(text: &str) -> &str {
    if text.as_bytes().first() != Some(&b' ') {
        return text;
    }
    let spaces = text.bytes().take_while(|&byte| byte == b' ').count();
    text.get(spaces..).unwrap_or_default()
}

/// `text` without the spaces and tabs it ends with.
pub(crate) fn trim_end_blanks(text: &str) -> &str {
    if !text.as_bytes().last().is_some_and(|&byte| byte == b' ' || byte == b'\t') {
        return text;
    }
    let blanks = text.bytes().rev().take_while(|&byte| byte == b' ' || byte == b'\t').count();
    text.get(..text.len() - blanks).unwrap_or_default()
}

/// `text` without the spaces (U+0020) at either end.
pub(crate) fn trim(text: &str) -> &str {
    let start = trim_start(text);
    if start.as_bytes().last() != Some(&b' ') {
        return start;
    }
    let spaces = start.bytes().rev().take_while(|&byte| byte == b' ').count();
    start.get(..start.len() - spaces).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The same as the `str` methods, on text of spaces, tabs and
        /// characters of every width.
        #[test]
        fn agree_with_the_str_methods(text in "[ \t a-zé€😀]{0,12}") {
            proptest::prop_assert_eq!(trim_start(&text), text.trim_start_matches(' '));
            proptest::prop_assert_eq!(trim_end_blanks(&text), text.trim_end_matches([' ', '\t']));
            proptest::prop_assert_eq!(trim(&text), text.trim_matches(' '));
        }
    }
}
