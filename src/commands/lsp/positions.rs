//! Where things are, as the editor counts: LSP positions are a 0-based line
//! and a column in UTF-16 code units unless the client takes UTF-8 bytes
//! (`positionEncoding`, negotiated at `initialize`); nudge's problems are a
//! 1-based line and a column in characters. And file paths as `file://` URIs.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};

/// How the client counts columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Encoding {
    /// UTF-8 bytes (when the client offers `utf-8`).
    Utf8,
    /// UTF-16 code units: the protocol's default.
    Utf16,
}

impl Encoding {
    /// The width of `c` in this encoding.
    fn width(self, c: char) -> usize {
        match self {
            Self::Utf8 => c.len_utf8(),
            Self::Utf16 => c.len_utf16(),
        }
    }
}

/// A column count as the protocol's `u32`.
fn units(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// The LSP position of byte `offset` of `text` (clamped to the text and to
/// a character boundary).
pub(super) fn position(text: &str, offset: usize, encoding: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let line = units(memchr::memchr_iter(b'\n', before.as_bytes()).count());
    let column = before.get(line_start..).unwrap_or_default().chars().map(|c| encoding.width(c)).sum();
    Position::new(line, units(column))
}

/// The byte offset of an LSP `position` in `text`: a column past the end
/// of its line is the line's end (before its line break), a line past the
/// end of the text is the text's end, a column inside a character is that
/// character's start.
pub(super) fn offset(text: &str, position: Position, encoding: Encoding) -> usize {
    let Ok(line) = usize::try_from(position.line) else { return text.len() };
    let line_start = if line == 0 {
        0
    } else {
        match memchr::memchr_iter(b'\n', text.as_bytes()).nth(line - 1) {
            Some(at) => at + 1,
            None => return text.len(),
        }
    };
    let rest = text.get(line_start..).unwrap_or_default();
    let line_text = rest.split('\n').next().unwrap_or_default();
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    let wanted = usize::try_from(position.character).unwrap_or(usize::MAX);
    let mut column = 0;
    for (at, c) in line_text.char_indices() {
        column += encoding.width(c);
        if column > wanted {
            return line_start + at;
        }
    }
    line_start + line_text.len()
}

/// The LSP range of bytes `start..end` of `text`.
pub(super) fn range(text: &str, start: usize, end: usize, encoding: Encoding) -> Range {
    Range::new(position(text, start, encoding), position(text, end, encoding))
}

/// Applies one change the editor sent to `text`: `range` replaced by
/// `new`, or the whole text when there is no range. Ranges are clamped to
/// the text (see [`offset`]); an end before the start is the start.
pub(super) fn apply_change(text: &mut String, range: Option<Range>, new: &str, encoding: Encoding) {
    let Some(range) = range else {
        new.clone_into(text);
        return;
    };
    let start = offset(text, range.start, encoding);
    let end = offset(text, range.end, encoding).max(start);
    text.replace_range(start..end, new);
}

/// The file a `file://` URI names, when it is one.
pub(super) fn uri_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path`: only the local host (empty or `localhost`).
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decoded(path)?;
    // Windows paths come as `/C:/...`.
    let windows = decoded.len() > 2 && decoded.as_bytes().get(2) == Some(&b':') && cfg!(windows);
    Some(PathBuf::from(if windows { decoded.get(1..).unwrap_or_default() } else { &decoded }))
}

/// `%XX` escapes decoded; `None` when they do not make UTF-8.
fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let hex = (byte == b'%').then(|| bytes.get(at + 1..at + 3)).flatten();
        match hex.and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()) {
            Some(decoded) => {
                out.push(decoded);
                at += 3;
            }
            None => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The `file://` URI of `path` (absolute), bytes other than letters,
/// digits and `-._~/` escaped.
pub(super) fn path_uri(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => uri.push(char::from(byte)),
            b'\\' if cfg!(windows) => uri.push('/'),
            b':' if cfg!(windows) => uri.push(':'),
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    Uri::from_str(&uri).ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The incremental path: any change at any place of any text, in
        /// either encoding, is applied without a panic, and replacing
        /// what a range covers keeps the text before and after it.
        #[test]
        fn any_change_anywhere_applies(
            text in "(\\PC|\r|\n|日|😀){0,40}",
            new in "(\\PC|\n|😀){0,8}",
            lines in (0u32..6, 0u32..6),
            columns in (0u32..30, 0u32..30),
            utf8 in any::<bool>(),
        ) {
            let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            let range = Range::new(Position::new(lines.0, columns.0), Position::new(lines.1, columns.1));
            let (start, end) = (offset(&text, range.start, encoding), offset(&text, range.end, encoding));
            let mut changed = text.clone();
            apply_change(&mut changed, Some(range), &new, encoding);
            let end = end.max(start);
            prop_assert_eq!(changed, format!("{}{new}{}", &text[..start], &text[end..]));
            // Every offset but one after a carriage return that ends a line
            // (the line's end is before it) is found again from its position.
            if !text[..start].ends_with('\r') {
                prop_assert_eq!(offset(&text, position(&text, start, encoding), encoding), start);
            }
        }
    }

    #[test]
    fn columns_count_utf16_units_or_utf8_bytes() {
        // 日 is 3 bytes and 1 UTF-16 unit; 😀 is 4 bytes and 2 units.
        let text = "---\n- 2026-12-01 日😀 calld\n";
        let at = text.find("calld").unwrap();
        assert_eq!(position(text, at, Encoding::Utf16), Position::new(1, 17));
        assert_eq!(position(text, at, Encoding::Utf8), Position::new(1, 21));
        assert_eq!(offset(text, Position::new(1, 17), Encoding::Utf16), at);
        assert_eq!(offset(text, Position::new(1, 21), Encoding::Utf8), at);
        let emoji = text.find('😀').unwrap();
        assert_eq!(offset(text, Position::new(1, 15), Encoding::Utf16), emoji, "inside the emoji: its start");
        assert_eq!(offset(text, Position::new(1, 99), Encoding::Utf16), text.len() - 1, "past the end of the line");
        assert_eq!(offset(text, Position::new(9, 0), Encoding::Utf16), text.len(), "past the last line");
        assert_eq!(position(text, 999, Encoding::Utf16), Position::new(2, 0));
    }

    #[test]
    fn a_crlf_line_ends_before_its_carriage_return() {
        let text = "ab\r\ncd";
        assert_eq!(offset(text, Position::new(0, 9), Encoding::Utf16), 2);
    }

    #[test]
    fn file_uris_and_paths_round_trip() {
        let path = Path::new("/home/dana/notes/People/Zoë Wu #2.md");
        let uri = path_uri(path).unwrap();
        assert_eq!(uri.as_str(), "file:///home/dana/notes/People/Zo%C3%AB%20Wu%20%232.md");
        assert_eq!(uri_path(&uri).as_deref(), Some(path));
        assert_eq!(uri_path(&Uri::from_str("untitled:Untitled-1").unwrap()), None);
    }
}
