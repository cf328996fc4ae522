//! A fast reader for the front matter nearly every note has: one `key: value`
//! a line, the value a plain or quoted scalar on that line (a comment after
//! it), a flow list of plain or quoted words (`[a, "b c"]`), an unquoted wiki
//! link (`[[Globex]]`, a list in a list to YAML), a block list of scalars
//! (`- a` lines), or a block mapping of such `key: value` lines one level
//! down (`address:` and its indented keys). Plain scalars are typed as the
//! YAML library types them: null, booleans, numbers (`4`, `-1.5`, `0x1F`),
//! and text for everything else (`+1 415 555 0142`, `2026-11-02T09:30`). It
//! reads in one pass what the YAML library would build an event stream and
//! a tree for, and declines anything else: other syntax, anything the YAML
//! library might read differently (escapes, tags, integers beyond 64 bits,
//! tabs, line breaks inside scalars) and every error. A key written
//! twice keeps its later value, as [`crate::yaml::last_wins`] reads it.
//! Lines may end in `\n` or `\r\n`.
//! A declined text goes to the YAML library, which is the reference: a
//! differential test over the generated corpus, the fixtures and random
//! front matter proves both give the same entries.

use std::borrow::Cow;
use std::iter::Peekable;
use std::ops::ControlFlow;

use serde_yaml::Value;

use crate::spaces;
use crate::words::{HIGHS, ONES, first_equal};
use crate::yaml::looks_like_date;

/// The longest key read here; libyaml refuses implicit keys over 1024 characters.
const MAX_KEY_LEN: usize = 1000;

/// A value read here, borrowed from the text until it is asked for as a
/// YAML value (most are not: nudge reads a few keys and keeps the others'
/// text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Simple<'a> {
    /// Nothing, `~` or `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (a plain scalar the YAML library reads as one).
    Number(&'a str),
    /// Text, plain or quoted.
    Text(Cow<'a, str>),
    /// A flow or block list.
    List(Vec<Simple<'a>>),
    /// A block mapping one level down, each key once.
    Map(Vec<(&'a str, Simple<'a>)>),
}

impl Simple<'_> {
    /// The value the YAML library reads.
    pub fn into_value(self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Bool(flag) => Value::Bool(flag),
            // Checked by `number_type`: the parse does not fail.
            Self::Number(text) => text.parse().map_or_else(|_| Value::String(text.to_owned()), Value::Number),
            Self::Text(text) => Value::String(text.into_owned()),
            Self::List(items) => Value::Sequence(items.into_iter().map(Simple::into_value).collect()),
            Self::Map(entries) => Value::Mapping(
                entries.into_iter().map(|(key, value)| (Value::String(key.to_owned()), value.into_value())).collect(),
            ),
        }
    }
}

/// The entries of a front matter read here, each key once: a key written
/// twice has its later value, at its later place, as
/// [`crate::yaml::last_wins`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entries<'a> {
    /// The keys, always text here, and their values, borrowed from the text.
    pub entries: Vec<(&'a str, Simple<'a>)>,
    /// The keys written more than once, in order.
    pub repeated: Vec<&'a str>,
}

/// The entries of a front matter mapping, in file order, when `text` is
/// simple enough to be read here; `None` sends it to the YAML library.
pub fn entries(text: &str) -> Option<Entries<'_>> {
    // A contact's front matter has a dozen keys, a Jekyll or Obsidian one
    // up to twenty: not grown for either.
    let mut entries: Vec<(&str, Simple<'_>)> = Vec::with_capacity(24);
    let mut repeated: Vec<&str> = Vec::new();
    // The keys read so far, one bit each ([`key_bit`]): only a
    // key whose bit is set is looked for among them.
    let mut seen: u128 = 0;
    // Never stopped: every key is read.
    let _read = each_entry(text, |key, value| {
        let bit = key_bit(key);
        let earlier = if seen & bit == 0 { None } else { entries.iter().position(|(known, _)| same_key(known, key)) };
        seen |= bit;
        if let Some(earlier) = earlier {
            entries.remove(earlier);
            if !repeated.iter().any(|known| same_key(known, key)) {
                repeated.push(key);
            }
        }
        entries.push((key, value));
        ControlFlow::Continue(())
    })?;
    Some(Entries { entries, repeated })
}

/// Hands each key of a front matter mapping and its value to `each`, in
/// file order, as its lines are framed: no entries are collected, and a key
/// written twice is handed over twice (see [`Keys`]). `each` may stop the
/// reading. `None` when `text` is not simple enough to be read here (then
/// `each` may have had some of its keys: what it made of them is to be
/// thrown away, and the YAML library reads the text); else whether `each`
/// stopped.
pub fn each_entry<'a>(
    text: &'a str,
    mut each: impl FnMut(&'a str, Simple<'a>) -> ControlFlow<()>,
) -> Option<ControlFlow<()>> {
    // A fold, not `all`: no early exit, so it runs on wide registers.
    let printable_ascii = text.bytes().fold(true, |ok, b| ok & matches!(b, b'\n' | b'\r' | b' '..=b'~'));
    if !printable_ascii && !is_simple_text(text) {
        return None;
    }
    if !only_crlf(text.as_bytes()) {
        return None;
    }
    // The byte offset of the line being read.
    let mut at = 0;
    while at < text.len() {
        let (key, value, next) = match usual_line(text, at) {
            Some((key, value, marked, next)) => (key, usual_value(value, marked)?, next),
            None => match usual_block(text, at) {
                Some(framed) => framed,
                None => {
                    let mut lines = Lines { rest: text.get(at..) }.peekable();
                    let line = lines.next()?;
                    if is_blank_or_comment(line) {
                        at = after_line(text, line);
                        continue;
                    }
                    match key_line(line)? {
                        (key, "") => (key, block_value(&mut lines)?, offset_of_next(text, &mut lines)),
                        (key, inline) => (key, inline_value(inline)?, after_line(text, line)),
                    }
                }
            },
        };
        if text.as_bytes().get(next) == Some(&b' ') {
            // An indented line after a value: a continued scalar or a nested block.
            return None;
        }
        if each(key, value).is_break() {
            return Some(ControlFlow::Break(()));
        }
        at = next;
    }
    Some(ControlFlow::Continue(()))
}

/// The bit of `key` among the keys read so far, by its length, first and
/// last bytes (different keys nearly always differ there): in a front
/// matter of twenty keys, about one key in twenty finds its bit set.
fn key_bit(key: &str) -> u128 {
    let bytes = key.as_bytes();
    let (first, last) = (bytes.first().copied().unwrap_or(0), bytes.last().copied().unwrap_or(0));
    1 << ((key.len() * 7 + usize::from(last) + usize::from(first) * 3) % 128)
}

/// The keys [`each_entry`] handed over so far, to tell a key written twice
/// without collecting the entries: one bit a key ([`key_bit`]), and the
/// first [`Keys::KEPT`] keys, compared only when a key's bit is set.
#[derive(Debug)]
pub struct Keys<'a> {
    seen: u128,
    kept: [&'a str; Keys::KEPT],
    count: usize,
}

impl Default for Keys<'_> {
    fn default() -> Self {
        Self { seen: 0, kept: [""; Keys::KEPT], count: 0 }
    }
}

impl<'a> Keys<'a> {
    /// How many keys are kept: more than a front matter has.
    const KEPT: usize = 32;

    /// Whether `key` is surely new (then it is kept): `false` for a key
    /// handed over before, or any key whose bit is set after more keys than
    /// are kept.
    #[inline]
    pub fn is_new(&mut self, key: &'a str) -> bool {
        let bit = key_bit(key);
        if self.seen & bit != 0 && !self.not_kept(key) {
            return false;
        }
        self.seen |= bit;
        if let Some(slot) = self.kept.get_mut(self.count) {
            *slot = key;
        }
        self.count += 1;
        true
    }

    /// Whether `key`, whose bit is set, is none of the keys kept (and all
    /// were kept).
    #[inline(never)]
    fn not_kept(&self, key: &str) -> bool {
        self.count <= Self::KEPT && !self.kept.iter().take(self.count).any(|known| same_key(known, key))
    }
}

/// The offset in `text` of the line `lines` (reading `text`) is at: its
/// end when none is left.
fn offset_of_next(text: &str, lines: &mut Peekable<Lines<'_>>) -> usize {
    lines.peek().map_or(text.len(), |line| offset_in(text, line))
}

/// The offset in `text` of the line after `line`, one of its lines as
/// [`Lines`] gives them (without the line break): found without searching.
fn after_line(text: &str, line: &str) -> usize {
    let end = offset_in(text, line) + line.len();
    let end = end + usize::from(text.as_bytes().get(end) == Some(&b'\r'));
    end + usize::from(text.as_bytes().get(end) == Some(&b'\n'))
}

/// The offset of `part`, a slice of `text`, in it.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// The usual line, framed in one pass over its bytes: a key (words one
/// space apart), `:`, and a value filling the rest of the line (not a
/// comment), or nothing when the next line starts another key. The key,
/// the value (without the spaces and line break after it; empty for
/// nothing), whether it holds a `:` or `#` (which [`plain`] looks at), and
/// the offset of the next line, as [`key_line`] and [`block_value`] read
/// them; `None` for any other line (a comment, a list item, a key with a
/// block under it...), which the readers of [`Lines`] read.
fn usual_line(text: &str, at: usize) -> Option<(&str, &str, bool, usize)> {
    let (key, start) = usual_key(text, at)?;
    let line = text.as_bytes().get(at..)?;
    if start == key.len() + 1 && !matches!(line.get(start), None | Some(b'\n' | b'\r')) {
        return None;
    }
    let (end, marked) = line_end(line, start);
    let next = (at + end + 1).min(text.len());
    // The spaces and the line break's `\r` after the value (a `\r` is
    // only ever before a `\n`: see `only_crlf`).
    let mut value_end = end;
    while value_end > start && matches!(line.get(value_end - 1), Some(b' ' | b'\r')) {
        value_end -= 1;
    }
    if value_end == start && !text.as_bytes().get(next).is_none_or(|b| b.is_ascii_alphabetic() || *b == b'_') {
        return None;
    }
    let value = text.get(at + start..at + value_end)?;
    Some((key, value, marked, next))
}

/// The key of the line at byte `at` of `text` as [`usual_line`] frames it,
/// and the offset in the line after the `:` and the spaces after it (not a
/// comment's `#`).
fn usual_key(text: &str, at: usize) -> Option<(&str, usize)> {
    let line = text.as_bytes().get(at..)?;
    if !line.first().is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_') {
        return None;
    }
    let mut key_len = 0;
    loop {
        key_len += key_run(line.get(key_len..)?)?;
        let another_word = line.get(key_len) == Some(&b' ')
            && line.get(key_len + 1).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        if !another_word {
            break;
        }
        key_len += 1;
    }
    if line.get(key_len) != Some(&b':') || key_len > MAX_KEY_LEN {
        return None;
    }
    let mut start = key_len + 1;
    while line.get(start) == Some(&b' ') {
        start += 1;
    }
    if line.get(start) == Some(&b'#') {
        return None;
    }
    let key = text.get(at..at + key_len)?;
    // Only `null`, `true`, `false` and their capitalised forms are keys of
    // another type that start with a letter.
    if key_len <= 5
        && matches!(line.first(), Some(b'n' | b'N' | b't' | b'T' | b'f' | b'F'))
        && plain_type(key) != Some(PlainType::Text)
    {
        return None;
    }
    Some((key, start))
}

/// A key alone on its line with the usual block under it, framed without
/// [`Lines`]: `- item` lines (each item what [`scalar`] reads) or `key:
/// value` lines (as [`usual_line`] frames them, each key once), all at one
/// indentation, up to the next key's line or the end. The key, its value
/// and the offset of the next line, as [`key_line`] and [`block_value`]
/// read them; `None` for any other block (comments or blank lines in it,
/// items at the key's indentation...), which they read.
fn usual_block(text: &str, at: usize) -> Option<(&str, Simple<'_>, usize)> {
    let bytes = text.as_bytes();
    let (key, start) = usual_key(text, at)?;
    let mut next = at + start + usize::from(bytes.get(at + start) == Some(&b'\r'));
    if bytes.get(next) != Some(&b'\n') {
        return None;
    }
    next += 1;
    let indent = bytes.get(next..)?.iter().take_while(|&&b| b == b' ').count();
    let is_list = bytes.get(next + indent..)?.starts_with(b"- ");
    let mut items = Vec::new();
    let mut entries: Vec<(&str, Simple<'_>)> = Vec::new();
    while next < text.len() {
        let line = bytes.get(next..)?;
        if line.first().is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_') {
            break;
        }
        if indent == 0 || line.get(..indent)?.iter().any(|&b| b != b' ') || line.get(indent) == Some(&b' ') {
            return None;
        }
        let from = next + indent;
        if is_list {
            let item = from + 2 + bytes.get(from + 2..)?.iter().take_while(|&&b| b == b' ').count();
            if !bytes.get(from..)?.starts_with(b"- ") || matches!(bytes.get(item), Some(b'[' | b'{')) {
                return None;
            }
            let (end, marked) = line_end(bytes, item);
            let mut value_end = end;
            while value_end > item && matches!(bytes.get(value_end - 1), Some(b' ' | b'\r')) {
                value_end -= 1;
            }
            let value = text.get(item..value_end)?;
            if value.is_empty() {
                return None;
            }
            items.push(usual_value(value, marked)?);
            next = (end + 1).min(text.len());
        } else {
            let (key, value, marked, after) = usual_line(text, from)?;
            if value.is_empty() || entries.iter().any(|(known, _)| same_key(known, key)) {
                return None;
            }
            entries.push((key, usual_value(value, marked)?));
            next = after;
        }
    }
    match (is_list, items.is_empty() && entries.is_empty()) {
        (_, true) => None,
        (true, false) => Some((key, Simple::List(items), next)),
        (false, false) => Some((key, Simple::Map(entries), next)),
    }
}

/// The length of the run of a key's bytes ([`is_key_byte`]) that `bytes`
/// starts with, `None` when they run to the end: eight at a time while
/// they are lower-case letters or `_` (nearly every key), then one by one.
fn key_run(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let word = u64::from_le_bytes(*chunk);
        // High bits of the bytes from `a` up (`0x61 + 0x1F = 0x80`), of those
        // from `{` up, of `_` (a byte that is zero after the `xor`, found
        // without carries between bytes), and of the bytes beyond ASCII.
        let from_a = word.wrapping_add(ONES * 0x1F);
        let beyond_z = word.wrapping_add(ONES * 0x05);
        let other = word ^ (ONES * u64::from(b'_'));
        let not_underscore = ((other & !HIGHS).wrapping_add(!HIGHS)) | other;
        let taken = ((from_a & !beyond_z) | !not_underscore) & !word & HIGHS;
        if taken != HIGHS {
            at += ((!taken & HIGHS).trailing_zeros() / 8) as usize;
            break;
        }
        at += 8;
    }
    Some(at + bytes.get(at..)?.iter().position(|&b| !is_key_byte(b))?)
}

/// The value [`usual_line`] framed, `marked` when it holds a `:` or `#`:
/// null for nothing, else what [`inline_value`] reads, a plain scalar
/// without either read without looking for them.
fn usual_value(value: &str, marked: bool) -> Option<Simple<'_>> {
    match value.as_bytes().first() {
        None => Some(Simple::Null),
        Some(b'"' | b'\'' | b'[' | b'{') => inline_value(value),
        _ if marked => plain(value),
        Some(&first) if TEXT_START.get(usize::from(first)).copied().unwrap_or(false) => {
            Some(Simple::Text(Cow::Borrowed(value)))
        }
        _ => plain_to_end(value),
    }
}

/// The first bytes of a plain scalar that is text whatever follows: not an
/// indicator ([`INDICATORS`]), and not one that may begin null, a boolean
/// or a number ([`may_begin_typed`]); most values (`Dana Reyes`, `Globex`,
/// an email, `王伟`) start with one.
const TEXT_START: [bool; 256] =
    byte_table!(|b| b >= 0x80 || (b.is_ascii_graphic() && !INDICATORS[b as usize] && !may_begin_typed(b)));

/// The bytes a plain scalar may not start with (a `-` only may, before a
/// word): YAML's indicators.
const INDICATORS: [bool; 256] = byte_table!(|b| matches!(
    b,
    b'?' | b':'
        | b','
        | b'['
        | b']'
        | b'{'
        | b'}'
        | b'#'
        | b'&'
        | b'*'
        | b'!'
        | b'|'
        | b'>'
        | b'\''
        | b'"'
        | b'%'
        | b'@'
        | b'`'
));

/// Whether a plain scalar starting with `first` may be null, a boolean or
/// a number rather than text.
const fn may_begin_typed(first: u8) -> bool {
    matches!(first, b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'0'..=b'9' | b'+' | b'-' | b'.')
}

/// The offset of the end of the line (its `\n`, or the end of `bytes`) read
/// from byte `from`, and whether a `:` or `#` is on it from there: eight
/// bytes at a time, each word tested for the three bytes at once.
fn line_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut at = from;
    let mut marked = false;
    loop {
        let rest = bytes.get(at..).unwrap_or_default();
        let word = match rest.first_chunk::<8>() {
            Some(chunk) => u64::from_le_bytes(*chunk),
            None => {
                // The last bytes, padded with zeros (none of the three).
                let mut chunk = [0; 8];
                chunk.iter_mut().zip(rest).for_each(|(to, from)| *to = *from);
                u64::from_le_bytes(chunk)
            }
        };
        // The lowest bit set in each mask is always its byte's.
        let newlines = first_equal(word, b'\n');
        let marks = first_equal(word, b':') | first_equal(word, b'#');
        if newlines != 0 {
            let first = newlines.trailing_zeros();
            // The bytes before the line break: a mark there is a real one.
            let before = (1u64 << first) - 1;
            return (at + (first / 8) as usize, marked || marks & before != 0);
        }
        marked |= marks != 0;
        if rest.len() <= 8 {
            return (bytes.len(), marked);
        }
        at += 8;
    }
}

/// Whether two keys are the same, told apart first by their lengths and
/// last bytes (different keys nearly always differ there) before the
/// bytes are compared.
fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().last() == b.as_bytes().last() && a == b
}

/// Whether every carriage return in `bytes` begins a CRLF line break (a
/// lone one is a line break of its own to YAML).
fn only_crlf(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'\r', bytes).all(|at| bytes.get(at + 1) == Some(&b'\n'))
}

/// The lines of a text, without their `\n` or `\r\n` line breaks.
struct Lines<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        let (line, after) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(end) => (rest.get(..end)?, rest.get(end + 1..)),
            None => (rest, None),
        };
        self.rest = after;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// Whether every character of `text` means the same in every YAML
/// context (see `tests::is_simple_char`): the ASCII
/// bytes checked at once, then only the characters refused beyond ASCII,
/// found by their lead bytes (U+0080 to U+009F start with `C2`, U+2028
/// and U+2029 with `E2`, U+FEFF, U+FFFE and U+FFFF with `EF`; no lead byte
/// is ever inside another character).
fn is_simple_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    let ascii_ok = bytes.iter().fold(true, |ok, &b| ok & (b >= 0x80 || matches!(b, b'\n' | b'\r' | b' '..=b'~')));
    ascii_ok
        && memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes).all(|at| {
            let next = |n: usize| bytes.get(at + n).copied().unwrap_or(0);
            match bytes.get(at) {
                Some(0xC2) => !(0x80..=0x9F).contains(&next(1)),
                Some(0xE2) => !(next(1) == 0x80 && matches!(next(2), 0xA8 | 0xA9)),
                _ => !matches!((next(1), next(2)), (0xBB, 0xBF) | (0xBF, 0xBE | 0xBF)),
            }
        })
}

fn is_blank_or_comment(line: &str) -> bool {
    let trimmed = spaces::trim_start(line);
    trimmed.is_empty() || trimmed.starts_with('#')
}

/// The bytes of a key's words: ASCII letters and digits, `_` and `-`.
const KEY_BYTES: [bool; 256] = byte_table!(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');

/// Whether `byte` is one of a key's words ([`KEY_BYTES`]: a table lookup a
/// byte, where the ranges took several comparisons; every key of every
/// note is read so).
fn is_key_byte(byte: u8) -> bool {
    KEY_BYTES.get(usize::from(byte)).copied().unwrap_or(false)
}

/// `key: rest` at the start of a line: the key (words that YAML reads as
/// text, one space apart: `date created`) and what follows the colon,
/// without spaces or a comment.
fn key_line(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let word_length =
        |from: usize| bytes.get(from..).unwrap_or_default().iter().take_while(|&&b| is_key_byte(b)).count();
    let mut length = word_length(0);
    while bytes.get(length) == Some(&b' ')
        && bytes.get(length + 1).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        length += 1 + word_length(length + 1);
    }
    let key = line.get(..length)?;
    let first_ok = key.bytes().next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
    if !first_ok || length > MAX_KEY_LEN || plain_type(key) != Some(PlainType::Text) {
        return None;
    }
    let after = line.get(length..)?.strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let rest = spaces::trim(after);
    Some((key, if rest.starts_with('#') { "" } else { rest }))
}

/// The value written after `key:` on the same line.
fn inline_value(text: &str) -> Option<Simple<'_>> {
    if let Some(inner) = text.strip_prefix('{') {
        // Only `{}`, the empty mapping (an unset key, as `[]`).
        let rest = spaces::trim(inner).strip_prefix('}')?;
        return is_end_of_line(rest).then_some(Simple::Map(Vec::new()));
    }
    match text.strip_prefix('[') {
        Some(inner) => flow_list(inner),
        None => scalar(text),
    }
}

/// A quoted or plain scalar filling the rest of its line.
fn scalar(text: &str) -> Option<Simple<'_>> {
    let (value, rest) = match text.as_bytes().first()? {
        b'"' => double_quoted(text)?,
        b'\'' => single_quoted(text)?,
        _ => return plain(text),
    };
    is_end_of_line(rest).then_some(Simple::Text(value))
}

/// Whether what follows a quoted scalar or flow list ends the line: nothing,
/// or spaces and a comment.
fn is_end_of_line(rest: &str) -> bool {
    let trimmed = spaces::trim_start(rest);
    trimmed.is_empty() || (trimmed.len() < rest.len() && trimmed.starts_with('#'))
}

/// `"text"` without escapes, closed on its line: the text and what follows.
fn double_quoted(text: &str) -> Option<(Cow<'_, str>, &str)> {
    let inner = text.strip_prefix('"')?;
    let end = memchr::memchr2(b'"', b'\\', inner.as_bytes())?;
    let rest = inner.get(end..)?.strip_prefix('"')?;
    Some((Cow::Borrowed(inner.get(..end)?), rest))
}

/// `'text'` closed on its line (`''` stands for `'`): the text and what follows.
fn single_quoted(text: &str) -> Option<(Cow<'_, str>, &str)> {
    let inner = text.strip_prefix('\'')?;
    let end = memchr::memchr(b'\'', inner.as_bytes())?;
    let after = inner.get(end + 1..)?;
    if !after.starts_with('\'') {
        return Some((Cow::Borrowed(inner.get(..end)?), after));
    }
    let mut value = String::new();
    let mut inner = inner;
    loop {
        let end = memchr::memchr(b'\'', inner.as_bytes())?;
        value.push_str(inner.get(..end)?);
        let after = inner.get(end + 1..)?;
        match after.strip_prefix('\'') {
            Some(more) => {
                value.push('\'');
                inner = more;
            }
            None => return Some((Cow::Owned(value), after)),
        }
    }
}

/// A plain scalar in block context, up to a comment (` #`): not starting
/// with an indicator (but a `-` before a word), with no `: ` (a nested
/// mapping) before the comment.
fn plain(text: &str) -> Option<Simple<'_>> {
    // `: ` inside, and where a comment starts (a `#` after a space): found
    // from the (rare) colons and hashes.
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    for at in memchr::memchr2_iter(b':', b'#', bytes) {
        match bytes.get(at) {
            Some(b':') if bytes.get(at + 1) == Some(&b' ') => return None,
            Some(b'#') if at > 0 && bytes.get(at - 1) == Some(&b' ') => {
                end = at;
                break;
            }
            _ => {}
        }
    }
    plain_to_end(text.get(..end)?)
}

/// A plain scalar without a comment or `: `, up to its spaces at the end
/// (see [`plain`]).
fn plain_to_end(text: &str) -> Option<Simple<'_>> {
    let text = spaces::trim_end_blanks(text);
    let bytes = text.as_bytes();
    let starts_with_indicator =
        bytes.first().is_some_and(|&first| INDICATORS.get(usize::from(first)).copied().unwrap_or(false))
            || (bytes.first() == Some(&b'-') && bytes.get(1).is_none_or(|&next| next == b' '));
    if text.is_empty() || starts_with_indicator || text.ends_with(':') {
        return None;
    }
    resolve_plain(text)
}

/// `[a, b, c]` (given without its `[`) on one line, each item a plain or
/// quoted word, or an unquoted wiki link `[[Globex]]`.
fn flow_list(inner: &str) -> Option<Simple<'_>> {
    if let Some(link) = inner.strip_prefix('[') {
        return wiki_link(link);
    }
    let end = memchr::memchr(b']', inner.as_bytes())?;
    if !is_end_of_line(inner.get(end + 1..)?) {
        return None;
    }
    let items = inner.get(..end)?;
    if spaces::trim(items).is_empty() {
        return Some(Simple::List(Vec::new()));
    }
    items.split(',').map(|item| flow_item(spaces::trim(item))).collect::<Option<Vec<_>>>().map(Simple::List)
}

/// An unquoted wiki link `[[Globex]]` (given without its `[[`) filling the
/// rest of the line: a list holding a list of one word to YAML.
fn wiki_link(link: &str) -> Option<Simple<'_>> {
    let end = memchr::memchr(b']', link.as_bytes())?;
    let after = link.get(end + 1..)?.strip_prefix(']')?;
    if !is_end_of_line(after) {
        return None;
    }
    let item = flow_item(spaces::trim(link.get(..end)?))?;
    Some(Simple::List(vec![Simple::List(vec![item])]))
}

/// One item of a flow list: a quoted word, or a plain one without flow
/// indicators (a quote inside it is text: `[[Mia O'Brien]]`).
fn flow_item(item: &str) -> Option<Simple<'_>> {
    let quoted = match item.as_bytes().first() {
        Some(b'"') => double_quoted(item),
        Some(b'\'') => single_quoted(item),
        _ => {
            let special = |b: &u8| matches!(b, b'[' | b']' | b'{' | b'}' | b':' | b'#' | b',');
            return if item.is_empty() || item.as_bytes().iter().any(special) { None } else { plain_to_end(item) };
        }
    };
    let (value, rest) = quoted?;
    rest.is_empty().then_some(Simple::Text(value))
}

/// The value of a key with nothing after its colon, on the lines after it:
/// a block list, a block mapping, or null when neither follows.
fn block_value<'a>(lines: &mut Peekable<Lines<'a>>) -> Option<Simple<'a>> {
    while lines.peek().is_some_and(|line| is_blank_or_comment(line)) {
        lines.next();
    }
    let Some(line) = lines.peek() else {
        return Some(Simple::Null);
    };
    let indent = line.len() - spaces::trim_start(line).len();
    if indent == 0 || line.get(indent..).is_some_and(|rest| rest.starts_with("- ")) {
        block_list(lines)
    } else {
        block_map(lines, indent)
    }
}

/// The indented `key: value` lines of a mapping one level down, all at
/// `indent`, each key once; the values on their lines.
fn block_map<'a>(lines: &mut Peekable<Lines<'a>>, indent: usize) -> Option<Simple<'a>> {
    let mut entries: Vec<(&str, Simple<'_>)> = Vec::new();
    while let Some(line) = lines.peek() {
        if is_blank_or_comment(line) {
            lines.next();
            continue;
        }
        let rest = spaces::trim_start(line);
        match line.len() - rest.len() {
            0 => break,
            other if other != indent => return None,
            _ => {}
        }
        let (key, value) = key_line(rest)?;
        if value.is_empty() || entries.iter().any(|(known, _)| same_key(known, key)) {
            return None;
        }
        entries.push((key, inline_value(value)?));
        lines.next();
    }
    Some(Simple::Map(entries))
}

/// A block list on the lines after its key (`- a`, all at one
/// indentation), or null when none follows.
fn block_list<'a>(lines: &mut Peekable<Lines<'a>>) -> Option<Simple<'a>> {
    let mut items = Vec::new();
    let mut indent = None;
    while let Some(line) = lines.peek() {
        if is_blank_or_comment(line) {
            lines.next();
            continue;
        }
        let line_indent = line.len() - spaces::trim_start(line).len();
        let Some(item) = line.get(line_indent..).and_then(|rest| rest.strip_prefix("- ")) else {
            break;
        };
        if *indent.get_or_insert(line_indent) != line_indent {
            return None;
        }
        items.push(scalar(spaces::trim(item))?);
        lines.next();
    }
    Some(if indent.is_none() { Simple::Null } else { Simple::List(items) })
}

/// What the YAML library reads a plain scalar as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlainType {
    Null,
    Bool(bool),
    Number,
    Text,
}

/// How the YAML library types a plain scalar: null, booleans, numbers
/// (see [`number_type`]) and text.
fn plain_type(text: &str) -> Option<PlainType> {
    // Only these first characters can begin null, a boolean or a number;
    // the words are told by their bytes, without comparing texts.
    Some(match text.as_bytes() {
        [b'0'..=b'9' | b'+' | b'-' | b'.', ..] => return number_type(text),
        [first, ..] if !may_begin_typed(*first) => PlainType::Text,
        b"" | b"~" | b"null" | b"Null" | b"NULL" => PlainType::Null,
        b"true" | b"True" | b"TRUE" => PlainType::Bool(true),
        b"false" | b"False" | b"FALSE" => PlainType::Bool(false),
        _ => PlainType::Text,
    })
}

/// How the YAML library types a plain scalar that starts with a digit, a
/// sign or a dot: a number when it reads one (`4`, `-1.5`, `1e3`, `0x1F`,
/// `.inf`), else text (`+1 415 555 0142`, `0049`, `2026-11-02`, `2026-11-02
/// 09:30`: it reads no timestamps). An integer beyond 64 bits is declined.
fn number_type(text: &str) -> Option<PlainType> {
    // Digits without a leading zero (`4`, `2026`), fewer than 19: an
    // integer of 64 bits, read without the library's parse.
    let bytes = text.as_bytes();
    let digits = !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit);
    if digits && bytes.len() < 19 && (bytes.len() == 1 || bytes.first() != Some(&b'0')) {
        return Some(PlainType::Number);
    }
    // A date and anything after it, the usual case, is no number; nor is
    // anything with a character no number is written with (a space).
    if text.get(..10).is_some_and(looks_like_date)
        || !text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return Some(PlainType::Text);
    }
    // The library's own reading of a number (`serde_yaml::Number`'s
    // `FromStr` is the one its loader uses), but for the integers wider
    // than 64 bits it reads otherwise: 19 characters at least.
    match text.parse::<serde_yaml::Number>() {
        Ok(_) => Some(PlainType::Number),
        Err(_) if text.len() >= 19 => None,
        Err(_) => Some(PlainType::Text),
    }
}

/// The value of a plain scalar (see [`plain_type`]).
fn resolve_plain(text: &str) -> Option<Simple<'_>> {
    Some(match plain_type(text)? {
        PlainType::Null => Simple::Null,
        PlainType::Bool(flag) => Simple::Bool(flag),
        PlainType::Number => Simple::Number(text),
        PlainType::Text => Simple::Text(Cow::Borrowed(text)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{YamlText, last_wins};

    /// Characters that mean the same in every YAML context: printable ones
    /// other than tabs, carriage returns (but those of CRLF line breaks), the
    /// byte order mark, and the Unicode line and paragraph separators and
    /// next-line character libyaml breaks on.
    fn is_simple_char(c: char) -> bool {
        match c {
            '\n' | '\r' | ' '..='~' => true,
            '\u{feff}' | '\u{2028}' | '\u{2029}' => false,
            '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'.. => true,
            _ => false,
        }
    }

    /// Entries, each key once, and the keys written twice.
    type Read = (Vec<(Value, Value)>, Vec<Value>);

    /// The reference: what the YAML library reads, a key written twice
    /// keeping its later value, as entries and the keys written twice.
    fn library(text: &str) -> Option<Read> {
        match last_wins::read(YamlText::new(text, 1, 0)).ok()? {
            last_wins::Read::Mapping(entries, repeated) => Some((entries, repeated)),
            last_wins::Read::Other(Value::Null) => Some((Vec::new(), Vec::new())),
            last_wins::Read::Other(_) => None,
        }
    }

    /// What is read here, in the library's terms.
    fn fast(text: &str) -> Option<Read> {
        let Entries { entries, repeated } = entries(text)?;
        let entries = entries.into_iter().map(|(key, value)| (string(key), value.into_value())).collect();
        Some((entries, repeated.into_iter().map(string).collect()))
    }

    fn string(text: &str) -> Value {
        Value::String(text.to_owned())
    }

    #[test]
    fn the_usual_front_matter_is_read_here() {
        let text = "name: Rachel Murphy\ncompany: \"Weyland Media\"\n# a comment\nlast_met: 2026-07-17\naliases:\n  - Rachel\n  - 'Rachel M.'\ntags: [a, b]\nlinkedin: https://x.test/in/r\nphone: \"+1 555\"  # work\ndo_not_contact: true\nnext:\n\n";
        let entries = fast(text);
        assert_eq!(entries, library(text));
        let (entries, _) = entries.unwrap_or_default();
        assert_eq!(entries.len(), 9);
        assert_eq!(entries[3].1, Value::Sequence(vec![string("Rachel"), string("Rachel M.")]));
        assert_eq!(entries[8].1, Value::Null);
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(fast(&crlf), library(&crlf));
        assert_eq!(fast(&crlf).map(|(entries, _)| entries.len()), Some(9));
    }

    #[test]
    fn a_key_written_twice_keeps_its_later_value_as_the_library_reads_it() {
        let text = "name: A\ntags: [a]\nname: B\nrole: x\nname: C\ntags:\n";
        assert_eq!(fast(text), library(text));
        let read = entries(text).unwrap_or_else(|| panic!("declined"));
        let values: Vec<(&str, Simple<'_>)> =
            vec![("role", Simple::Text("x".into())), ("name", Simple::Text("C".into())), ("tags", Simple::Null)];
        assert_eq!(read, Entries { entries: values, repeated: vec!["name", "tags"] });
    }

    #[test]
    fn date_times_are_text_here_as_in_the_library() {
        for text in ["added: 2026-11-02T09:30\n", "added: 2026-11-02 09:30:00.5 +02:00\n", "a: 2026-11-02x\n"] {
            assert!(entries(text).is_some(), "{text:?}");
            assert_eq!(fast(text), library(text), "{text:?}");
        }
    }

    #[test]
    fn what_might_read_differently_is_declined() {
        for text in [
            "n: 123456789012345678901\n",
            "n: -0x8000000000000001\n",
            "a: b: c\n",
            "a: \"x\\ty\"\n",
            "a: 'open\n",
            "a: x\n  continued\n",
            "a:\n  b:\n    c: 1\n",
            "a:\n  b: 1\n  b: 2\n",
            "a:\n  b: 1\n   c: 2\n",
            "a:\n  b: x\n    y\n",
            "a: [[x, y]]\n",
            "a: [[x]], [[y]]\n",
            "a: [\"x, y\"]\n",
            "a: ?x\n",
            "a: &anchor x\n",
            "a: !tag x\n",
            "a: |\n  text\n",
            "true: x\n",
            "a:\tb\n",
            "a: b\rc: d\n",
            "a: b\r",
            "- a\n",
            "a: [x, [y]]\n",
            "a: [x, y: z]\n",
            "a: [x,]\n",
            "a:\n  - x\n    - y\n",
            "a:\n  - x\n - y\n",
            "a: \"x\"y\n",
        ] {
            assert_eq!(entries(text), None, "{text:?}");
        }
    }

    #[test]
    fn numbers_phones_links_comments_and_nested_keys_are_read_here_as_in_the_library() {
        for text in [
            "rating: 4\nscore: -1.5\nbig: 18446744073709551615\nlow: -9223372036854775808\nhex: 0x1F\noct: 0o17\n",
            "e: 1e3\nf: .5\ng: +12\nh: .inf\ni: -.Inf\nj: .nan\nk: 1.\nl: 0b101\n",
            "zip: 0049\nz: 007\nv: 1.2.3\nx: 12abc\ny: +-1\nw: 1_000\nu: -x\nt: --\n",
            "phone: +1 415 555 0142\nfax: (415) 555-0142\nde: 0049 30 1234\nuk: +44-20-7946-0142\nus: 555-0142\n",
            "role: CTO  # since 2024\nname: Dana # her\n# a comment\ntags:\n  - a # first\n  - b\n",
            "company: [[Globex]]\nmet: [[Mia O'Brien|Mia]]  # at a fair\nq: [a\"b, c'd]\naka: [Dana, \"Dana R.\", 'D']\n",
            "address:\n  street: 12 Main St\n  # where\n  zip: 10115\n  tags: [a, b]\nnext: 2026-12-01T09:30\n",
            "created: 2026-11-02 09:30\nbirthday:\ntwitter:\nname: 王伟 🌟\ndate created: 2026-11-02\n",
        ] {
            for text in [text.to_owned(), text.replace('\n', "\r\n")] {
                assert!(entries(&text).is_some(), "{text:?}");
                assert_eq!(fast(&text), library(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn keys_sharing_a_length_and_last_byte_are_told_apart() {
        // `name` and `game`, `tags` and `bags`: the same bit of the keys seen.
        let text = "name: A\ngame: B\ntags: [a]\nbags: x\nname: C\n";
        assert_eq!(fast(text), library(text));
        let read = entries(text).unwrap_or_else(|| panic!("declined"));
        let keys: Vec<&str> = read.entries.iter().map(|(key, _)| *key).collect();
        assert_eq!((keys, read.repeated), (vec!["game", "tags", "bags", "name"], vec!["name"]));
    }

    proptest::proptest! {
        /// The check by lead bytes refuses exactly the characters
        /// [`is_simple_char`] refuses, near the edges of every range.
        #[test]
        fn text_is_simple_as_each_character_says(text in "[a \t\r\n\u{7e}-\u{a1}\u{2027}-\u{202a}\u{d7ff}\u{e000}\u{feff}\u{fefe}\u{fffc}-\u{ffff}\u{10000}é王🌟]{0,8}") {
            proptest::prop_assert_eq!(is_simple_text(&text), text.chars().all(is_simple_char), "{:?}", text);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The usual line framed in one pass is what the line, key and
        /// scalar readers read, each on its own (or decline), and the next
        /// line starts after its line break; any other line is left to them.
        #[test]
        fn the_usual_line_is_read_in_one_pass_as_piece_by_piece(
            line in "(true|Null|[a-z_][a-z_ -]{0,6})[: ]{1,3}[a-zA-Z0-9é王~ :/#.,'\"\\[\\]{}()+-]{0,24}",
            crlf: bool,
            more in "|next: x\n|  - a\n|  b: c\n|# c\n|- d\n|\n",
        ) {
            let text = format!("{line}{}{more}", if crlf { "\r\n" } else { "\n" });
            if let Some((key, value, marked, next)) = usual_line(&text, 0) {
                let mut lines = Lines { rest: Some(&text) }.peekable();
                let framed = lines.next().and_then(key_line);
                proptest::prop_assert_eq!(Some((key, value)), framed, "{:?}", text);
                let slow = if value.is_empty() { block_value(&mut lines) } else { inline_value(value) };
                proptest::prop_assert_eq!(usual_value(value, marked), slow, "{:?}", text);
                let slow_next = if value.is_empty() { offset_of_next(&text, &mut lines) } else { text.find('\n').map_or(text.len(), |at| at + 1) };
                proptest::prop_assert_eq!(next, slow_next, "{:?}", text);
            }
        }

        /// The usual block under a key, framed without the line readers,
        /// is what they read (or is left to them), and the next line
        /// starts where they leave off.
        #[test]
        fn the_usual_block_is_framed_as_the_line_readers_read_it(
            key in "[a-z_]{1,6}:( {0,2})",
            indent in proptest::prop_oneof![1 => proptest::prelude::Just(0usize), 6 => 1..4usize],
            list: bool,
            lines in proptest::collection::vec(proptest::prop_oneof![
                6 => "[a-zA-Z][a-zA-Z0-9é .]{0,10}",
                3 => "[a-zA-Z0-9é~\"' :#,.\\[\\]{}-]{0,12}",
                1 => "(  |- |# |)[a-z]{0,3}",
            ], 1..4),
            crlf: bool,
            more in "|next: x\n|  - a\n|# c\n|- d\n|\n",
        ) {
            let line_break = if crlf { "\r\n" } else { "\n" };
            // Items, or entries under keys (`b` twice when there are four).
            let marker = |at: usize| if list { "- ".to_owned() } else { format!("{}: ", ["a", "b", "c", "b"][at % 4]) };
            let block: String = lines
                .iter()
                .enumerate()
                .map(|(at, line)| format!("{}{}{line}{line_break}", " ".repeat(indent), marker(at)))
                .collect();
            let text = format!("{key}{line_break}{block}{more}");
            if let Some((key, value, next)) = usual_block(&text, 0) {
                let mut lines = Lines { rest: Some(&text) }.peekable();
                let framed = lines.next().and_then(key_line);
                proptest::prop_assert_eq!(Some((key, "")), framed, "{:?}", text);
                proptest::prop_assert_eq!(Some(value), block_value(&mut lines), "{:?}", text);
                proptest::prop_assert_eq!(next, offset_of_next(&text, &mut lines), "{:?}", text);
            }
        }

        /// The run of a key's bytes, found eight at a time, is where a
        /// search byte by byte finds it.
        #[test]
        fn a_key_run_is_found_a_word_at_a_time(text in "[a-z_`{^A-Z09 :\\-\u{e1}\u{15f}\u{7f}王🌟]{0,20}") {
            let bytes = text.as_bytes();
            proptest::prop_assert_eq!(key_run(bytes), bytes.iter().position(|&b| !is_key_byte(b)), "{:?}", text);
        }

        /// The end of a line and the marks on it, found eight bytes at a
        /// time, are where a search byte by byte finds them.
        #[test]
        fn a_line_end_and_its_marks_are_found_a_word_at_a_time(text in "[a:#\n\u{0}\u{8a}\u{ba}é]{0,40}", from in 0..44usize) {
            let bytes = text.as_bytes();
            let rest = bytes.get(from..).unwrap_or_default();
            let end = rest.iter().position(|&b| b == b'\n').map_or(bytes.len(), |at| from + at);
            let marked = rest.iter().take_while(|&&b| b != b'\n').any(|&b| matches!(b, b':' | b'#'));
            proptest::prop_assert_eq!(line_end(bytes, from), (end, marked), "{:?} from {}", text, from);
        }

        /// Random plain scalars, numbers and what merely looks like one:
        /// the same value here as in the YAML library, or declined.
        #[test]
        fn plain_scalars_are_typed_as_the_yaml_library_types_them(scalar in proptest::prop_oneof![
            "[0-9a-fA-FxXoObBeEnNiI+._ :-]{1,12}",
            "[+-]?(0[xob])?[0-9a-f]{1,24}",
            "[+-]?[0-9]{0,4}\\.?[0-9]{0,4}([eE][+-]?[0-9]{1,3})?",
            "[+-]?\\.?(inf|Inf|INF|nan|NaN|NAN|infinity)",
            "(\\+|00)[0-9]{1,3}[ -]?[0-9]{2,4}[ -]?[0-9]{2,4}",
        ]) {
            let text = format!("value: {scalar}\n");
            if let Some(fast) = fast(&text) {
                proptest::prop_assert_eq!(Some(fast), library(&text), "{:?}", text);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// Random front matter from the pieces notes are made of: whatever
        /// is read here is what the YAML library reads.
        #[test]
        fn agrees_with_the_yaml_library(lines in proptest::collection::vec(
            proptest::prop_oneof![
                8 => "[a-z_]{1,8}: [a-zA-Z~é][ a-zA-Z0-9:/.#,'\"\\-]{0,12}",
                3 => "[a-z_]{1,8}: \"[ a-zA-Z0-9:#,'\\\\]{0,10}\"[ #a-z]{0,3}",
                3 => "[a-z_]{1,8}: '[ a-zA-Z0-9:#,'\"]{0,10}'[ #a-z]{0,3}",
                3 => "[a-z_]{1,8}: \\[[ a-z0-9,:'~\\[\\]-]{0,12}\\][ #]{0,2}",
                3 => "[a-z_]{1,8}:[ #a-z]{0,3}",
                4 => " {0,3}- [ a-zA-Z0-9:#'\"~-]{0,10}",
                1 => " {0,3}#[ a-z]{0,5}",
                2 => "[a-z_]{1,8}: (true|null|False|yes|No|~|[0-9]{1,4}-[0-9]{2}-[0-9]{2}|[0-9.+-]{1,5}|\\.inf|nan)",
                2 => "[a-z_]{1,8}: [0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?( ?Z|[+-][0-9]{2}(:?[0-9]{2})?)?|[ a-z0-9:.e+-]{0,6})",
                1 => "(true|null|yes|[0-9]{1,3}|_[a-z]): x",
                1 => "[a-z]{1,3}:[a-z]{0,3}",
                1 => " {1,3}[a-z]{1,5}",
                2 => "[a-z]{1,4}( {1,2}[a-z_#-]{1,4}){0,2}:( [a-z0-9]{0,4})?",
                3 => " {1,3}[a-z_]{1,8}: [a-zA-Z0-9+.(\\[][ a-zA-Z0-9:#,\\[\\]-]{0,10}",
                2 => "[a-z_]{1,8}: \\[\\[[ a-zA-Z|,\\[\\]]{0,8}\\]\\][ #a-z]{0,3}",
                2 => "[a-z_]{1,8}: [+-]?[0-9]{1,3}([. ][0-9]{1,4})?([ #][ a-z#]{0,3})?",
            ],
            0..7,
        ), crlf: bool) {
            let line_break = if crlf { "\r\n" } else { "\n" };
            let text = lines.join(line_break) + line_break;
            if let Some(fast) = fast(&text) {
                proptest::prop_assert_eq!(Some(fast), library(&text), "{:?}", text);
            }
        }
    }
}
