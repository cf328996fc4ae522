//! The text of a file to import, from its bytes: UTF-8 with or without a
//! byte order mark, UTF-16 (little or big endian) after its byte order
//! mark as Excel writes "Unicode text", else, when the bytes are not
//! UTF-8, Windows-1252 (Latin-1 with the printable characters Windows puts
//! at 0x80-0x9F), the encoding older exports on Windows use. Every byte is
//! a character in Windows-1252, so the fallback reads anything: the check
//! against binary files is the NUL byte, which no contacts file holds.

use crate::parse::import::Failure;

/// How a file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// UTF-16 after its byte order mark.
    Utf16,
    /// Not UTF-8: read as Windows-1252.
    Latin1,
}

/// The text of `bytes` and how it was read; a failure names the line.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, Encoding), Failure> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest)?, Encoding::Utf8)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (utf16(rest, u16::from_le_bytes)?, Encoding::Utf16)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (utf16(rest, u16::from_be_bytes)?, Encoding::Utf16)
    } else {
        match String::from_utf8(bytes.to_vec()) {
            Ok(text) => (text, Encoding::Utf8),
            Err(_) => (bytes.iter().map(|&byte| windows_1252(byte)).collect(), Encoding::Latin1),
        }
    };
    if let Some(at) = text.find('\0') {
        return Err(Failure::at(
            &text,
            at,
            "this is not a vCard or CSV file: it holds NUL bytes (a binary file, or UTF-16 without its byte order mark: save it as UTF-8)",
        ));
    }
    Ok((text, encoding))
}

/// UTF-8 after a byte order mark: it must be valid.
fn utf8(bytes: &[u8]) -> Result<String, Failure> {
    String::from_utf8(bytes.to_vec()).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let line = line_of(bytes.get(..valid).unwrap_or_default());
        Failure::new(
            line,
            "not valid UTF-8 although the file starts with a UTF-8 byte order mark: save it again as UTF-8",
        )
    })
}

/// UTF-16 code units read with `unit`: an even number of bytes, each
/// surrogate paired.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, Failure> {
    let units =
        bytes.chunks_exact(2).map(|pair| unit([pair.first().copied().unwrap_or(0), pair.get(1).copied().unwrap_or(0)]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => text.push(c),
            Err(_) => {
                let line = u32::try_from(text.matches('\n').count() + 1).unwrap_or(u32::MAX);
                return Err(Failure::new(
                    line,
                    "not valid UTF-16: a lone surrogate; save the file again as UTF-8 or UTF-16",
                ));
            }
        }
    }
    if bytes.len() % 2 == 1 {
        let line = u32::try_from(text.matches('\n').count() + 1).unwrap_or(u32::MAX);
        return Err(Failure::new(line, "not valid UTF-16: the file ends in the middle of a character (cut short?)"));
    }
    Ok(text)
}

/// The 1-based line at the end of `bytes`.
fn line_of(bytes: &[u8]) -> u32 {
    u32::try_from(memchr::memchr_iter(b'\n', bytes).count() + 1).unwrap_or(u32::MAX)
}

/// The Windows-1252 character of `byte` (the five bytes it leaves
/// undefined are read as Latin-1's control characters).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH.get(usize::from(byte - 0x80)).copied().unwrap_or(char::from(byte)),
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_encoding_reads_as_the_same_text() {
        let text = "Name,Company\nSiobhán Ó Néill,Café “Zürich”\n";
        let utf16le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let utf16be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        let bom: Vec<u8> = b"\xEF\xBB\xBF".iter().chain(text.as_bytes()).copied().collect();
        let latin1: Vec<u8> = text
            .chars()
            .map(|c| match c {
                '“' => 0x93,
                '”' => 0x94,
                other => u8::try_from(u32::from(other)).unwrap(),
            })
            .collect();
        assert_eq!(decode(text.as_bytes()).unwrap(), (text.to_owned(), Encoding::Utf8));
        assert_eq!(decode(&bom).unwrap(), (text.to_owned(), Encoding::Utf8));
        assert_eq!(decode(&utf16le).unwrap(), (text.to_owned(), Encoding::Utf16));
        assert_eq!(decode(&utf16be).unwrap(), (text.to_owned(), Encoding::Utf16));
        assert_eq!(decode(&latin1).unwrap(), (text.to_owned(), Encoding::Latin1));
    }

    #[test]
    fn broken_encodings_fail_at_their_line() {
        let failure = decode(b"\xEF\xBB\xBFName\nAna\n\xFF\xFE\n").unwrap_err();
        assert_eq!((failure.line, failure.message.starts_with("not valid UTF-8")), (3, true));
        let failure = decode(b"\xFF\xFEN\0\n\0\x00\xD8a\0").unwrap_err();
        assert_eq!((failure.line, failure.message.contains("lone surrogate")), (2, true));
        assert!(decode(b"\xFF\xFEN\0\n").unwrap_err().message.contains("middle of a character"));
        let failure = decode(b"N\0a\0m\0e\0").unwrap_err();
        assert!(failure.message.contains("NUL bytes"), "{}", failure.message);
    }
}
