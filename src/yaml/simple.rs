//! A fast reader for the front matter nearly every note has: one `key: value`
//! a line, the value a plain or quoted scalar on that line, a flow list of
//! plain words (`[a, b]`), or a block list of scalars (`- a` lines). It
//! reads in one pass what the YAML library would build an event stream and
//! a tree for, and declines anything else: other syntax, anything the YAML
//! library might read differently (numbers, escapes, tags, comments inside
//! values, tabs, line breaks inside scalars) and every error. A key written
//! twice keeps its later value, as [`crate::yaml::last_wins`] reads it.
//! Lines may end in `\n` or `\r\n`.
//! A declined text goes to the YAML library, which is the reference: a
//! differential test over the generated corpus, the fixtures and random
//! front matter proves both give the same entries.

use std::borrow::Cow;
use std::iter::Peekable;

use serde_yaml::Value;

use crate::spaces;
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
    /// Text, plain or quoted.
    Text(Cow<'a, str>),
    /// A flow or block list.
    List(Vec<Simple<'a>>),
}

impl Simple<'_> {
    /// The value the YAML library reads.
    pub fn into_value(self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Bool(flag) => Value::Bool(flag),
            Self::Text(text) => Value::String(text.into_owned()),
            Self::List(items) => Value::Sequence(items.into_iter().map(Simple::into_value).collect()),
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
    // A fold, not `all`: no early exit, so it runs on wide registers.
    let printable_ascii = text.bytes().fold(true, |ok, b| ok & matches!(b, b'\n' | b'\r' | b' '..=b'~'));
    if !printable_ascii && !is_simple_text(text) {
        return None;
    }
    if !only_crlf(text.as_bytes()) {
        return None;
    }
    // A contact's front matter has a dozen keys or fewer.
    let mut entries: Vec<(&str, Simple<'_>)> = Vec::with_capacity(12);
    let mut repeated: Vec<&str> = Vec::new();
    let mut lines = Lines { rest: Some(text) }.peekable();
    while let Some(line) = lines.next() {
        if is_blank_or_comment(line) {
            continue;
        }
        let (key, rest) = key_line(line)?;
        let value = match rest {
            "" => block_list(&mut lines)?,
            inline => inline_value(inline)?,
        };
        if let Some(earlier) = entries.iter().position(|(known, _)| same_key(known, key)) {
            entries.remove(earlier);
            if !repeated.iter().any(|known| same_key(known, key)) {
                repeated.push(key);
            }
        }
        entries.push((key, value));
        if lines.peek().is_some_and(|next| next.starts_with(' ')) {
            // An indented line after a value: a continued scalar or a nested block.
            return None;
        }
    }
    Some(Entries { entries, repeated })
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

/// Whether every character of `text` is [`is_simple_char`]: the ASCII
/// ones taken a byte at a time, the others decoded.
fn is_simple_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let (simple, width) = if byte.is_ascii() {
            (is_simple_char(char::from(byte)), 1)
        } else {
            match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => (is_simple_char(c), c.len_utf8()),
                None => (false, 1),
            }
        };
        if !simple {
            return false;
        }
        at += width;
    }
    true
}

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

fn is_blank_or_comment(line: &str) -> bool {
    let trimmed = spaces::trim_start(line);
    trimmed.is_empty() || trimmed.starts_with('#')
}

/// `key: rest` at the start of a line: the key (a word that YAML reads as
/// text) and what follows the colon, without spaces or a comment.
fn key_line(line: &str) -> Option<(&str, &str)> {
    let length = line.bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')).count();
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

/// A plain scalar in block context: not starting with an indicator, with no
/// `: ` (a nested mapping) and no ` #` (a comment) inside.
fn plain(text: &str) -> Option<Simple<'_>> {
    let bytes = text.as_bytes();
    let starts_with_indicator = bytes.first().is_some_and(|first| {
        matches!(
            first,
            b'-' | b'?'
                | b':'
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
        )
    });
    // `: ` or ` #` inside: found from the (rare) colons and hashes.
    let inner_indicator = memchr::memchr2_iter(b':', b'#', bytes).any(|at| match bytes.get(at) {
        Some(b':') => bytes.get(at + 1) == Some(&b' '),
        _ => at.checked_sub(1).and_then(|before| bytes.get(before)) == Some(&b' '),
    });
    if starts_with_indicator || inner_indicator || text.ends_with(':') {
        return None;
    }
    resolve_plain(text)
}

/// `[a, b, c]` (given without its `[`) on one line, each item a plain word.
fn flow_list(inner: &str) -> Option<Simple<'_>> {
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

/// One item of a flow list: a plain word without flow indicators.
fn flow_item(item: &str) -> Option<Simple<'_>> {
    let special = |c: char| "[]{}:#,\"'".contains(c);
    if item.is_empty() || item.contains(special) {
        return None;
    }
    plain(item)
}

/// The value of a key with nothing after its colon: the block list on the
/// following lines (`- a`, all at one indentation), or null when none follows.
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

/// What the YAML library reads a plain scalar as, among the forms read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlainType {
    Null,
    Bool(bool),
    Text,
}

/// How the YAML library types a plain scalar, for the forms read here:
/// null, booleans, and text. Anything that might be a number (it starts
/// with a digit, a sign or a dot) is declined, except a date `YYYY-MM-DD`
/// and anything after one (`2026-11-02T09:30`), which the library keeps as
/// text (it reads no timestamps).
fn plain_type(text: &str) -> Option<PlainType> {
    // Only these first characters can begin null, a boolean or a number.
    let may_be_typed = text.bytes().next().is_none_or(|first| {
        matches!(first, b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'0'..=b'9' | b'+' | b'-' | b'.')
    });
    if !may_be_typed {
        return Some(PlainType::Text);
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Some(PlainType::Null),
        "true" | "True" | "TRUE" => Some(PlainType::Bool(true)),
        "false" | "False" | "FALSE" => Some(PlainType::Bool(false)),
        _ if text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => {
            text.get(..10).is_some_and(looks_like_date).then_some(PlainType::Text)
        }
        _ => Some(PlainType::Text),
    }
}

/// The value of a plain scalar (see [`plain_type`]).
fn resolve_plain(text: &str) -> Option<Simple<'_>> {
    Some(match plain_type(text)? {
        PlainType::Null => Simple::Null,
        PlainType::Bool(flag) => Simple::Bool(flag),
        PlainType::Text => Simple::Text(Cow::Borrowed(text)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{YamlText, last_wins};

    /// Entries, each key once, and the keys written twice.
    type Read = (Vec<(Value, Value)>, Vec<Value>);

    /// The reference: what the YAML library reads, a key written twice
    /// keeping its later value, as entries and the keys written twice.
    fn library(text: &str) -> Option<Read> {
        match last_wins::read(YamlText::new(text, 1)).ok()? {
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
            "n: 42\n",
            "n: -1\n",
            "n: .inf\n",
            "n: 0x1F\n",
            "a: b: c\n",
            "a: \"x\\ty\"\n",
            "a: 'open\n",
            "a: x\n  continued\n",
            "a:\n  b: 1\n",
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
