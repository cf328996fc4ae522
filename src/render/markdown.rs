//! Markdown that note data cannot break: text escaped onto one line, and
//! links to vault files that survive any file name (markdown links with a
//! percent-encoded target, or Obsidian wikilinks).

use std::fmt;

use crate::discover::LinkStyle;

/// Whether `c` could start markdown (or Obsidian) syntax in the middle of a
/// line: emphasis, code, links, HTML, tables, tags, math, entities.
const fn is_special(c: char) -> bool {
    matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '$' | '&')
}

/// Whether `text` prints as it is: only plain bytes, and no two spaces in a
/// row. One pass without an early exit over a table of byte classes.
pub(crate) fn is_plain(text: &str) -> bool {
    let mut classes = 0;
    let mut previous = 0;
    for &byte in text.as_bytes() {
        let class = PLAIN_CLASS.get(usize::from(byte)).copied().unwrap_or(LOOKED_AT);
        // A space after a space counts as a byte to look at.
        classes |= class | ((class & previous) << 1);
        previous = class;
    }
    classes & LOOKED_AT == 0
}

/// The class of a byte in [`PLAIN_CLASS`]: a space.
const SPACE: u8 = 1;
/// The class of a byte in [`PLAIN_CLASS`]: one [`Escaping`] must look at.
const LOOKED_AT: u8 = 2;

/// Each byte's class for [`is_plain`], from [`LOOK_AT`]: [`SPACE`] (only
/// a second one in a row changes), [`LOOKED_AT`], or 0 for a byte that
/// always prints as it is.
#[expect(clippy::indexing_slicing, reason = "a constant: `byte` stays below 256, and a mistake fails the build")]
const PLAIN_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = if byte == b' ' as usize {
            SPACE
        } else if LOOK_AT[byte] {
            LOOKED_AT
        } else {
            0
        };
        byte += 1;
    }
    table
};

/// Whether [`Escaping`] must look at `byte`: see [`LOOK_AT`].
fn look_at(byte: u8) -> bool {
    LOOK_AT.get(usize::from(byte)).copied().unwrap_or(true)
}

/// The bytes [`Escaping`] must look at: spaces, controls, the characters
/// that could start markdown, and the lead bytes of Unicode spaces and
/// controls. Every other byte is printed as it is.
const LOOK_AT: [bool; 256] = byte_table!(|b| {
    b.is_ascii_whitespace()
        || b.is_ascii_control()
        || is_special(b as char)
        || matches!(b, b' ' | 0x0B | 0xC2 | 0xE1 | 0xE2 | 0xE3)
});

/// `text` as literal markdown on one line: every run of whitespace or
/// control characters (newlines included) becomes one space, and every
/// character that could start markdown syntax is backslash-escaped, so a
/// name like `Ana [CTO] *` prints as written and never breaks the line.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let _ = escape_into(&mut out, text);
    out
}

/// [`escape`], written to `out` in runs of plain text.
pub(crate) fn escape_into<W: fmt::Write>(out: &mut W, text: &str) -> fmt::Result {
    fmt::Write::write_str(&mut Escaping::new(out), text)
}

/// A writer that escapes everything written to it as one value (see
/// [`escape`]) into `out`: what a `write!` prints goes straight in, with no
/// string of its own, and a run of spaces split between two pieces is still
/// one space.
struct Escaping<'a, W> {
    out: &'a mut W,
    in_space: bool,
}

impl<'a, W: fmt::Write> Escaping<'a, W> {
    /// A writer for one value into `out`.
    fn new(out: &'a mut W) -> Self {
        Self { out, in_space: false }
    }
}

impl<W: fmt::Write> fmt::Write for Escaping<'_, W> {
    /// It runs over every value an agenda prints, so it looks at bytes:
    /// only ASCII and the lead bytes of Unicode spaces and controls (`0xC2`,
    /// `0xE1`, `0xE2`, `0xE3`) can need a change.
    fn write_str(&mut self, text: &str) -> fmt::Result {
        // Most values (names, dates, reasons) need nothing: checked in one
        // pass over the value, then copied whole.
        if is_plain(text) && !(self.in_space && text.starts_with(' ')) {
            self.in_space = text.ends_with(' ') || (text.is_empty() && self.in_space);
            return self.out.write_str(text);
        }
        self.write_escaped(text)
    }
}

impl<W: fmt::Write> Escaping<'_, W> {
    /// [`fmt::Write::write_str`] for a value that needs a look at its bytes.
    fn write_escaped(&mut self, text: &str) -> fmt::Result {
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut index = 0;
        loop {
            // Runs of bytes printed as they are, passed by a table, and
            // single spaces between them.
            while let Some(&byte) = bytes.get(index) {
                if !look_at(byte) {
                    self.in_space = false;
                } else if byte == b' ' && !self.in_space {
                    self.in_space = true;
                } else {
                    break;
                }
                index += 1;
            }
            let Some(&byte) = bytes.get(index) else { break };
            let (width, space, special) = if byte.is_ascii() {
                (1, byte.is_ascii_whitespace() || byte.is_ascii_control(), is_special(char::from(byte)))
            } else if matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
                let c = text.get(index..).and_then(|rest| rest.chars().next()).unwrap_or(' ');
                (c.len_utf8(), c.is_whitespace() || c.is_control(), false)
            } else {
                (1, false, false)
            };
            let plain_space = byte == b' ' && !self.in_space;
            if plain_space || (!space && !special) {
                self.in_space = plain_space;
                index += width;
                continue;
            }
            self.out.write_str(text.get(start..index).unwrap_or_default())?;
            if special {
                self.out.write_char('\\')?;
                self.out.write_char(char::from(byte))?;
            } else if !self.in_space {
                self.out.write_char(' ')?;
            }
            self.in_space = space;
            index += width;
            start = index;
        }
        self.out.write_str(text.get(start..).unwrap_or_default())
    }
}

/// A link to the vault file `path` (relative, `/` separators) showing
/// `text`: `[text](path%20encoded.md)` or, with [`LinkStyle::Wiki`],
/// `[[path|text]]` (no `.md`). A path a wikilink cannot hold (`[`, `]`,
/// `|`, `#`, `^`), or a text that needs escaping (Obsidian shows a
/// wikilink's text as written), gets a markdown link instead, which
/// Obsidian follows too.
pub(crate) fn link(style: LinkStyle, path: &str, text: &str) -> String {
    let mut out = String::with_capacity(path.len() + text.len() + 8);
    write_link(&mut out, style, path, text);
    out
}

/// [`link`], written to `out`.
pub(crate) fn write_link(out: &mut String, style: LinkStyle, path: &str, text: &str) {
    let start = out.len();
    out.push('[');
    let text_start = out.len();
    let _ = escape_into(out, text.trim());
    let escaped_text = out.get(text_start..).unwrap_or_default();
    if style == LinkStyle::Wiki
        && let Some(target) = wiki_target(path)
        && !escaped_text.contains('\\')
    {
        let text = escaped_text.to_owned();
        out.truncate(start);
        out.push_str("[[");
        out.push_str(target);
        if !text.is_empty() {
            out.push('|');
            out.push_str(&text);
        }
        out.push_str("]]");
        return;
    }
    out.push_str("](");
    write_url(out, path);
    out.push(')');
}

/// A front matter text that may link to a note (`company: "[[Globex]]"`):
/// the Obsidian link `[[target]]` or `[[target|text]]` when the note links
/// it, whatever the link style (the target is a note name, which only
/// Obsidian-style resolution finds, and other viewers show the brackets as
/// text); else, and when the link holds characters markdown would read
/// (`` \ ` * < > ~ $ & ``, controls, runs of spaces), `text` escaped.
pub(crate) fn write_linked(out: &mut String, text: &str, target: Option<&str>) {
    let text = text.trim();
    match target.map(str::trim).filter(|target| is_wiki_safe(target) && is_wiki_safe(text)) {
        Some(target) => {
            out.push_str("[[");
            out.push_str(target);
            if text != target {
                out.push('|');
                out.push_str(text);
            }
            out.push_str("]]");
        }
        None => {
            let _ = escape_into(out, text);
        }
    }
}

/// [`write_linked`], as a string.
pub(crate) fn linked(text: &str, target: Option<&str>) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    write_linked(&mut out, text, target);
    out
}

/// Whether `text` prints as it is inside a wikilink: not empty, and none
/// of the characters that end or split one or that markdown reads. Bytes
/// first: a text without any byte [`WIKI_LOOK_AT`] holds needs only the
/// look for two spaces in a row.
fn is_wiki_safe(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.iter().any(|&byte| WIKI_LOOK_AT.get(usize::from(byte)).copied().unwrap_or(true)) {
        let unsafe_char =
            |c: char| matches!(c, '[' | ']' | '|' | '\\' | '`' | '*' | '<' | '>' | '~' | '$' | '&') || c.is_control();
        return !text.contains(unsafe_char) && !text.contains("  ");
    }
    !bytes.is_empty() && !has_two_spaces(bytes)
}

/// Whether `bytes` holds two spaces in a row: a test over every pair,
/// without a branch a pair (the compiler runs it many bytes at a time).
fn has_two_spaces(bytes: &[u8]) -> bool {
    let pairs = bytes.iter().zip(bytes.iter().skip(1));
    pairs.fold(0, |doubled, (&a, &b)| doubled | (u8::from(a == b' ') & u8::from(b == b' '))) != 0
}

/// The bytes [`is_wiki_safe`] looks at as characters: the ASCII ones a
/// wikilink cannot hold, controls, and `0xC2` (which starts the controls
/// U+0080 to U+009F).
const WIKI_LOOK_AT: [bool; 256] = byte_table!(|b| {
    b.is_ascii_control()
        || matches!(b, b'[' | b']' | b'|' | b'\\' | b'`' | b'*' | b'<' | b'>' | b'~' | b'$' | b'&' | 0xC2)
});

/// The wikilink target for `path`: the path without `.md`, or `None` when
/// it holds a character that ends or splits a wikilink.
fn wiki_target(path: &str) -> Option<&str> {
    let forbidden = |c: char| matches!(c, '[' | ']' | '|' | '#' | '^') || c.is_control();
    if path.is_empty() || path.contains(forbidden) {
        return None;
    }
    Some(path.strip_suffix(".md").unwrap_or(path))
}

/// `path` as a markdown link target: every byte but ASCII letters, digits
/// and `-._~/` percent-encoded (spaces, parentheses, `#`, `%`, non-ASCII).
pub(crate) fn url(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    write_url(&mut out, path);
    out
}

/// [`url`], written to `out`.
fn write_url(out: &mut String, path: &str) {
    percent_encode_into(out, path, &URL_KEPT);
}

/// The bytes a link target keeps as they are: see [`url`].
const URL_KEPT: [bool; 256] = kept_bytes(b"-._~/");

/// A table of the bytes [`percent_encode_into`] keeps: ASCII letters and
/// digits, and `extra` (ASCII).
#[expect(clippy::indexing_slicing, reason = "a constant: `byte` stays below 256, and a mistake fails the build")]
pub(crate) const fn kept_bytes(extra: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    let mut at = 0;
    while at < extra.len() {
        table[extra[at] as usize] = true;
        at += 1;
    }
    table
}

/// `text` written to `out` with every byte percent-encoded (`%2F`) but
/// those `kept` (a [`kept_bytes`] table) holds.
pub(crate) fn percent_encode_into(out: &mut String, text: &str, kept: &[bool; 256]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut start = 0;
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        if kept.get(usize::from(byte)).copied().unwrap_or(false) {
            continue;
        }
        // The kept bytes are ASCII: a run of them starts and ends on
        // character boundaries (an empty run between the bytes of one
        // character is nothing to copy).
        out.push_str(text.get(start..at).unwrap_or_default());
        out.push('%');
        for nibble in [byte >> 4, byte & 0xF] {
            out.push(char::from(HEX.get(usize::from(nibble)).copied().unwrap_or(b'0')));
        }
        start = at + 1;
    }
    out.push_str(text.get(start..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn two_spaces_in_a_row_are_found_as_str_contains_finds_them(text in "[a \u{a0}]{0,40}") {
            proptest::prop_assert_eq!(has_two_spaces(text.as_bytes()), text.contains("  "));
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_and_wiki_safe_texts_are_told_by_bytes_as_by_characters(
            text in "[a-z  *\\[\n\u{a0}\u{3000}é·]{0,40}"
        ) {
            let by_byte = text.bytes().all(|byte| byte == b' ' || !look_at(byte)) && !text.contains("  ");
            proptest::prop_assert_eq!(is_plain(&text), by_byte);
            let by_char = !text.is_empty()
                && !text.contains(|c: char| matches!(c, '[' | ']' | '|' | '\\' | '`' | '*' | '<' | '>' | '~' | '$' | '&') || c.is_control())
                && !text.contains("  ");
            proptest::prop_assert_eq!(is_wiki_safe(&text), by_char);
        }
    }

    #[test]
    fn escaping_keeps_text_literal_and_on_one_line() {
        assert_eq!(escape("Dana Reyes"), "Dana Reyes");
        assert_eq!(escape("Ana [CTO] | *x* <b> _y_"), r"Ana \[CTO\] \| \*x\* \<b\> \_y\_");
        assert_eq!(escape("two\nlines\r\n\tand\u{0}more"), "two lines and more");
        assert_eq!(escape(" · "), " · ", "spaces around a word are kept");
        assert_eq!(escape("#tag `code` $x$ &amp; ~~s~~ a\\b"), r"\#tag \`code\` \$x\$ \&amp; \~\~s\~\~ a\\b");
        assert_eq!(escape("{{ 7*7 }}"), r"{{ 7\*7 }}");
        assert_eq!(escape("Siobhán O'Neill"), "Siobhán O'Neill");
        assert_eq!(escape("a\u{a0}\u{2028}b\u{85}c\u{3000}d€é"), "a b c d€é", "Unicode spaces and controls");
    }

    /// What escaping means, a character at a time.
    fn reference(text: &str) -> String {
        let mut out = String::new();
        let mut in_space = false;
        for c in text.chars() {
            if c.is_whitespace() || c.is_control() {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
                continue;
            }
            in_space = false;
            if is_special(c) {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    proptest::proptest! {
        /// The byte table and the runs it skips escape what the plain
        /// definition escapes.
        #[test]
        fn escaping_by_bytes_is_escaping_by_characters(text in "[ a\\[\\]*_\t\n\u{b}\u{85}\u{a0}\u{2028}\u{3000}€é#&]{0,24}") {
            proptest::prop_assert_eq!(escape(&text), reference(&text));
        }
    }

    /// Escaping without the plain fast path: every byte looked at.
    fn escaped_byte_by_byte(pieces: &[&str]) -> String {
        let mut out = String::new();
        let mut escaping = Escaping::new(&mut out);
        for piece in pieces {
            let _ = escaping.write_escaped(piece);
        }
        out
    }

    proptest::proptest! {
        /// A plain value copied whole prints what escaping it byte by byte
        /// prints, whatever pieces it comes in.
        #[test]
        fn plain_values_are_copied_as_escaping_would_print_them(
            pieces in proptest::collection::vec("[ a-z.,()\\[\\]_\u{a0}é\t]{0,8}", 0..4),
        ) {
            let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
            let mut fast = String::new();
            let mut escaping = Escaping::new(&mut fast);
            for piece in &pieces {
                let _ = fmt::Write::write_str(&mut escaping, piece);
            }
            proptest::prop_assert_eq!(fast, escaped_byte_by_byte(&pieces));
        }
    }

    proptest::proptest! {
        /// The table and the runs it copies whole encode what encoding
        /// each byte on its own encodes.
        #[test]
        fn percent_encoding_by_runs_is_encoding_each_byte(text in "[a-zA-Z09/._~ %#()\\-é€\u{0}\u{7f}]{0,24}") {
            let reference: String = text
                .bytes()
                .map(|byte| {
                    if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
                        char::from(byte).to_string()
                    } else {
                        format!("%{byte:02X}")
                    }
                })
                .collect();
            proptest::prop_assert_eq!(url(&text), reference);
        }
    }

    #[test]
    fn plain_values_are_told_from_those_escaping_changes() {
        assert!(is_plain("Dana Reyes (Acme) 2026-11-23, Siobhán"));
        assert!(!is_plain("a · b"), "the lead byte of U+0080..U+00BF: looked at");
        assert!(!is_plain("two  spaces"));
        assert!(!is_plain("a_b"));
        assert!(!is_plain("tab\there"));
    }

    #[test]
    fn a_value_written_in_pieces_is_escaped_as_one() {
        let mut out = String::new();
        let _ = fmt::Write::write_fmt(&mut Escaping::new(&mut out), format_args!("{}{}{}", "a ", " [b]", "\n\nc"));
        assert_eq!(out, escape("a  [b]\n\nc"));
        assert_eq!(out, r"a \[b\] c");
    }

    #[test]
    fn markdown_links_encode_the_target() {
        assert_eq!(
            link(LinkStyle::Markdown, "people/dana-reyes.md", "Dana Reyes"),
            "[Dana Reyes](people/dana-reyes.md)"
        );
        assert_eq!(
            link(LinkStyle::Markdown, "my people/a (b)#1%.md", "A ]x["),
            r"[A \]x\[](my%20people/a%20%28b%29%231%25.md)"
        );
        assert_eq!(url("people/siobhán.md"), "people/siobh%C3%A1n.md");
        assert_eq!(url("€ a/é"), "%E2%82%AC%20a/%C3%A9");
        assert_eq!(url(""), "");
    }

    #[test]
    fn a_linked_text_is_written_as_the_obsidian_link_else_escaped() {
        assert_eq!(linked("Globex", Some("Globex")), "[[Globex]]");
        assert_eq!(linked("Globex Corp", Some("Globex")), "[[Globex|Globex Corp]]");
        assert_eq!(linked("Acme_Labs #1", Some("orgs/Acme_Labs#Team")), "[[orgs/Acme_Labs#Team|Acme_Labs #1]]");
        assert_eq!(linked("Globex", None), "Globex");
        assert_eq!(linked("A*B", Some("A*B")), r"A\*B", "markdown inside: the text, escaped");
        assert_eq!(linked("<b>", Some("x")), r"\<b\>");
        assert_eq!(linked("x", Some("a\nb")), "x");
    }

    #[test]
    fn wikilinks_fall_back_to_markdown_links_when_they_cannot_hold_the_text() {
        assert_eq!(link(LinkStyle::Wiki, "people/dana-reyes.md", "Dana Reyes"), "[[people/dana-reyes|Dana Reyes]]");
        assert_eq!(link(LinkStyle::Wiki, "people/x y.md", ""), "[[people/x y]]");
        assert_eq!(link(LinkStyle::Wiki, "people/a|b.md", "A"), "[A](people/a%7Cb.md)");
        assert_eq!(link(LinkStyle::Wiki, "people/a.md", "A [x]"), r"[A \[x\]](people/a.md)");
        assert_eq!(link(LinkStyle::Wiki, "people/a.md", "A *"), r"[A \*](people/a.md)");
    }
}
