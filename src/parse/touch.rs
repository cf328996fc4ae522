//! The grammar of one list item's text (docs/src/touches.md):
//! `[checkbox] DATE [TIME] KEYWORD* [SEPARATOR] FREE TEXT`, with an inline
//! `next: DATE` anywhere. Works on borrowed text: nothing is allocated.

use chrono::{NaiveDate, NaiveTime};

use crate::model::date_forms::{WrittenDate, ends_token};
use crate::model::keywords::Keywords;
use crate::model::year_month_day;
use crate::model::{Channel, Direction, Outcome};
use crate::words::{first_equal, splat};

/// What a list item's text turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item<'a> {
    /// It does not start with a date: an ordinary list item.
    Plain,
    /// A dated note (`- 2026-11-14 note: ...`): never counts.
    Note,
    /// It starts with something shaped like a date that is not one
    /// (`2026-02-30`): the offset and text of the bad date.
    BadDate {
        /// Byte offset of the date in the item's text.
        offset: usize,
        /// The date as written.
        text: &'a str,
    },
    /// It starts with a date in a form nudge does not read (`11/18`,
    /// `2026/11/20`, `Nov 21`) followed by a touch keyword: meant as a
    /// touch, but none. The offset and text of that date.
    OtherDateForm {
        /// Byte offset of the date in the item's text.
        offset: usize,
        /// The date as written.
        text: &'a str,
    },
    /// A touch.
    Touch(ItemTouch<'a>),
}

/// A touch as read from one list item's text, before it is placed in the
/// note: offsets are bytes into that item's text ([`crate::parse::Touch`] is
/// the same touch with its place in the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemTouch<'a> {
    /// The day of the touch.
    pub date: NaiveDate,
    /// Byte offset of the date.
    pub date_offset: usize,
    /// Its length as written, with its time (`2026-12-04 9:30`) or its
    /// link (`[[2026-12-04|Fri]]`), without emphasis.
    pub date_len: usize,
    /// The time of day, when written.
    pub time: Option<NaiveTime>,
    /// An unticked checkbox before the date (`- [ ] DATE ...`): a touch
    /// planned, not done (docs/src/touches.md).
    pub planned: bool,
    /// The channel after all keywords (`Other` when none set one).
    pub channel: Channel,
    /// The direction after all keywords.
    pub direction: Direction,
    /// The outcome after all keywords.
    pub outcome: Outcome,
    /// The keywords as written (`call voicemail`).
    pub keywords: &'a str,
    /// The free text after the keywords and separator, without `(by x)`.
    pub text: &'a str,
    /// Who made the touch, when someone other than the contact's owner did
    /// (`(by sam)` after the keywords or at the end of the text,
    /// docs/src/teams.md).
    pub by: Option<&'a str>,
    /// The latest date agreed in the text (`next: 2026-11-27`).
    pub next: Option<NaiveDate>,
    /// The first word, when it is not a keyword: (offset, word without the
    /// punctuation after it); an empty word when there is none before the
    /// text (`2026-12-04`, `2026-12-04: sent resume`).
    pub unknown_keyword: Option<(usize, &'a str)>,
    /// `next:` dates that are impossible: (offset, text).
    pub bad_next: Vec<(usize, &'a str)>,
}

/// Reads one list item's text (from its first character after the marker).
pub fn parse_item<'a>(text: &'a str, keywords: &Keywords) -> Item<'a> {
    usual_touch(text, keywords).unwrap_or_else(|| read_item(text, keywords))
}

/// A touch of the shape nearly every touch has, read at fixed places:
/// perhaps a checkbox, a date (`HH:MM` after it or not) or its daily
/// note's link (`[[2026-11-14]]`), then words of printable ASCII (or a
/// dash) one space apart, none of them the start of a phrase (`not`, `do`)
/// nor `(by ...)`. `None` for any other item,
/// which [`read_item`] reads; where this one reads an item, it reads it as
/// [`read_item`] does (a differential test proves it).
fn usual_touch<'a>(text: &'a str, keywords: &Keywords) -> Option<Item<'a>> {
    let bytes = text.as_bytes();
    let (planned, date_offset) = match bytes {
        [b'[', b' ', b']', b' ', ..] => (true, 4),
        [b'[', b'x' | b'X', b']', b' ', ..] => (false, 4),
        _ => (false, 0),
    };
    // The date, or its daily note's link without an alias.
    let (ten, after) = match bytes.get(date_offset..)? {
        [b'[', b'[', rest @ ..] => match rest.split_first_chunk::<10>()? {
            (ten, [b']', b']', after @ ..]) => (ten, after),
            _ => return None,
        },
        rest => rest.split_first_chunk::<10>()?,
    };
    let (year, month, day) = year_month_day(ten)?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let mut date_len = bytes.len() - date_offset - after.len();
    // `HH:MM` after it, before a word that is no `am`, `pm` or zone.
    let time = match after {
        [
            b' ',
            h1 @ b'0'..=b'2',
            h2 @ b'0'..=b'9',
            b':',
            m1 @ b'0'..=b'5',
            m2 @ b'0'..=b'9',
            b' ',
            first,
            second,
            ..,
        ] if !matches!(
            (first, second),
            (b'a' | b'A' | b'p' | b'P', b'm' | b'M' | b'.') | (b'z' | b'Z' | b'+' | b'-', _)
        ) =>
        {
            date_len += 6;
            let hour = u32::from(h1 - b'0') * 10 + u32::from(h2 - b'0');
            Some(NaiveTime::from_hms_opt(hour, u32::from(m1 - b'0') * 10 + u32::from(m2 - b'0'), 0)?)
        }
        _ => None,
    };
    // A word after one space: no other time, no separator, no end.
    if !matches!(bytes.get(date_offset + date_len..)?, [b' ', next, ..] if next.is_ascii_graphic() && !next.is_ascii_digit())
    {
        return None;
    }
    let keywords_start = date_offset + date_len + 1;
    // Where the next word starts; where the keywords end without the
    // punctuation after them, and with it.
    let mut at = keywords_start;
    let (mut keywords_end, mut after_keywords) = (keywords_start, keywords_start);
    let mut state = KeywordState::default();
    let mut unknown_keyword = None;
    let mut first = true;
    // The word after the keywords, if any.
    let next = loop {
        let end = at + usual_word(bytes.get(at..)?)?;
        let word = bytes.get(at..end)?;
        if first && is_separator(word) {
            return None;
        }
        if word.eq_ignore_ascii_case(b"not") || word.eq_ignore_ascii_case(b"do") {
            return None;
        }
        let ends_keywords = word.last() == Some(&b':');
        let mut bare_end = end - usize::from(ends_keywords);
        while bare_end > at && bytes.get(bare_end - 1).is_some_and(|b| matches!(b, b',' | b';' | b'.' | b'!')) {
            bare_end -= 1;
        }
        let tag = usize::from(bare_end > at && word.first() == Some(&b'#'));
        let (keyword, note) = keywords.keyword_at(text, at + tag, bare_end);
        if first && note {
            return Some(Item::Note);
        }
        let Some(keyword) = keyword else {
            if first {
                unknown_keyword = Some((at, text.get(at..bare_end)?));
            }
            break Some((at, end));
        };
        state.apply(keyword);
        (keywords_end, after_keywords) = (bare_end, end);
        first = false;
        if end == bytes.len() {
            break None;
        }
        let start = skip_whitespace(text, end);
        if ends_keywords {
            break Some((start, start + usual_word(bytes.get(start..)?)?));
        }
        at = start;
    };
    // The free text starts past a separator after the keywords.
    let mut free_start = after_keywords;
    if let Some((start, end)) = next {
        // `(by ...)` is left to the general reading.
        let word = bytes.get(start..end)?;
        if word.first() == Some(&b'(') {
            return None;
        }
        if is_separator(word) {
            free_start = end;
        }
    }
    let free = trim_end(text.get(skip_whitespace(text, free_start)..)?);
    let (free, by) = match by_at_end(free) {
        Some((before, handle)) => (before, Some(handle)),
        None => (free, None),
    };
    // No `next` before the keywords: the date is there.
    let (next, bad_next) = find_next(text, keywords_start);
    Some(Item::Touch(ItemTouch {
        date,
        date_offset,
        date_len,
        time,
        planned,
        channel: state.channel.unwrap_or(Channel::Other),
        direction: state.direction,
        outcome: state.outcome,
        keywords: text.get(keywords_start..keywords_end)?,
        text: free,
        by,
        next,
        unknown_keyword,
        bad_next,
    }))
}

/// The length of the word `bytes` start with, when [`usual_touch`] reads
/// it: printable ASCII or a dash (`—`, `–`), then a space or the end.
#[expect(
    clippy::inline_always,
    reason = "called for every word of every touch; fat LTO left it a call once usual_touch grew (callgrind)"
)]
#[inline(always)]
fn usual_word(bytes: &[u8]) -> Option<usize> {
    let len = match graphic_run(bytes) {
        0 => 3 * usize::from(is_separator(bytes.get(..3)?)),
        run => run,
    };
    (len > 0 && matches!(bytes.get(len), None | Some(b' '))).then_some(len)
}

/// [`parse_item`] of any item.
fn read_item<'a>(text: &'a str, keywords: &Keywords) -> Item<'a> {
    let mut cursor = Cursor { text, at: 0 };
    cursor.skip_spaces();
    let checkbox = cursor.checkbox();
    if checkbox.is_some() {
        cursor.skip_spaces();
    }
    let date_offset = cursor.at + emphasis(cursor.rest()).len();
    let (date, time, date_len) = match cursor.date() {
        DateToken::Date(date, time, date_len) => (date, time, date_len),
        DateToken::Impossible { offset, text: bad } => {
            return Item::BadDate { offset, text: bad };
        }
        DateToken::None => {
            return match other_date_form(cursor.rest(), keywords) {
                Some(len) => {
                    Item::OtherDateForm { offset: date_offset, text: cursor.rest().get(..len).unwrap_or_default() }
                }
                None => Item::Plain,
            };
        }
    };
    cursor.skip_spaces();
    // Where the keywords should be: a warning about them points here.
    let keyword_place = cursor.at;
    // Each word is peeked once: the one after the keywords is also the one
    // a separator would be.
    let mut next = cursor.peek_word();
    // A separator before any keyword: what follows it is free text.
    let separated = cursor.pass_separator(next);
    if separated {
        next = cursor.peek_word();
    }

    let mut state = KeywordState::default();
    let keywords_start = cursor.at;
    let mut keywords_end = cursor.at;
    let mut unknown_keyword = None;
    let mut first = true;
    while let Some((start, end)) = next {
        // A keyword of several words (`not interested`) is read as one.
        let word = text.get(start..end).unwrap_or_default();
        let read = keywords.read(text.get(start..).unwrap_or_default(), word);
        if first && read.note {
            return Item::Note;
        }
        let Some(keyword) = read.keyword else {
            if first && !separated && !is_separator(read.written.as_bytes()) {
                unknown_keyword = Some((start, read.bare));
            }
            break;
        };
        state.apply(keyword);
        cursor.at = start + read.written.len();
        // Without the punctuation after it (`called,`): shown as `called`.
        keywords_end = start + read.bare.len();
        first = false;
        next = cursor.peek_word();
        if read.ends_keywords {
            break;
        }
    }
    // `(by sam)` after the keywords: who made the touch, not its text.
    let mut by = None;
    if let Some((length, handle)) = next
        .filter(|&(start, _)| text.as_bytes().get(start) == Some(&b'('))
        .and_then(|(start, _)| by_clause(text.get(start..)?).map(|found| (start, found)))
        .map(|(start, (length, handle))| (start + length, handle))
    {
        by = Some(handle);
        cursor.at = length;
        next = cursor.peek_word();
        if first {
            unknown_keyword = None;
        }
    }
    if first && unknown_keyword.is_none() && (separated || trim_start(cursor.rest()).is_empty()) {
        unknown_keyword = Some((keyword_place, ""));
    }
    cursor.pass_separator(next);
    cursor.skip_spaces();
    let mut free = trim_end(cursor.rest());
    if by.is_none()
        && let Some((before, handle)) = by_at_end(free)
    {
        (free, by) = (before, Some(handle));
    }
    let (next, bad_next) = find_next(text, 0);
    Item::Touch(ItemTouch {
        date,
        date_offset,
        date_len,
        time,
        planned: checkbox == Some(false),
        channel: state.channel.unwrap_or(Channel::Other),
        direction: state.direction,
        outcome: state.outcome,
        // After a separator (`2026-11-24: call`) the keywords start past its space.
        keywords: trim_start(text.get(keywords_start..keywords_end).unwrap_or_default()),
        text: free,
        by,
        next,
        unknown_keyword,
        bad_next,
    })
}

/// `(by HANDLE)` at the start of `text` (`(By sam)` too): its length and
/// the handle, one word.
fn by_clause(text: &str) -> Option<(usize, &str)> {
    let prefix = text.get(..4)?;
    if !prefix.eq_ignore_ascii_case("(by ") {
        return None;
    }
    let close = text.find(')')?;
    let handle = text.get(4..close)?.trim();
    let one_word = !handle.is_empty() && !handle.contains(char::is_whitespace) && !handle.contains('(');
    one_word.then_some((close + 1, handle))
}

/// `text` ending with `(by HANDLE)` after a space: the text before it and
/// the handle.
fn by_at_end(text: &str) -> Option<(&str, &str)> {
    // Nearly every touch is let go by its last byte, unsearched.
    if !text.ends_with(')') {
        return None;
    }
    let open = text.rfind('(')?;
    let (length, handle) = by_clause(text.get(open..)?)?;
    let before = text.get(..open)?;
    let ends_here = open + length == text.len() && (before.is_empty() || before.ends_with(char::is_whitespace));
    ends_here.then(|| (before.trim_end(), handle))
}

/// Channel, direction and outcome as keywords refine them.
#[derive(Debug)]
struct KeywordState {
    channel: Option<Channel>,
    direction: Direction,
    outcome: Outcome,
}

impl Default for KeywordState {
    fn default() -> Self {
        Self { channel: None, direction: Direction::Out, outcome: Outcome::Attempt }
    }
}

impl KeywordState {
    fn apply(&mut self, keyword: &crate::model::keywords::Keyword) {
        if keyword.channel.is_some() {
            self.channel = keyword.channel;
        } else if keyword.call_if_none && self.channel.is_none() {
            self.channel = Some(Channel::Call);
        }
        self.direction = keyword.direction;
        self.outcome = keyword.outcome;
    }
}

/// The length of a date in another form than nudge reads at the start of
/// `text` (`11/18`, `18.11.2026`, `2026/11/20`, `Nov 21`, `November 21st`),
/// when a touch keyword follows it (after a separator or not): an item
/// meant as a touch. Items of other words are plain items, as before.
fn other_date_form(text: &str, keywords: &Keywords) -> Option<usize> {
    // Most plain items are let go at their first byte.
    if !text.as_bytes().first().is_some_and(|b| b.is_ascii_digit() || b"JFMASONDjfmasond".contains(b)) {
        return None;
    }
    let first = text.get(..word_length(text))?;
    let bare = first.trim_end_matches([':', ',']);
    let len = if numeric_date(bare) {
        bare.len()
    } else {
        let month = bare.trim_end_matches('.');
        if !is_month(month) {
            return None;
        }
        let after = trim_start(text.get(first.len()..)?);
        let day = after.get(..word_length(after))?.trim_end_matches([':', ',']);
        let digits = day.bytes().take_while(u8::is_ascii_digit).count();
        let suffix = day.get(digits..)?;
        if !(1..=2).contains(&digits) || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
            return None;
        }
        text.len() - after.len() + day.len()
    };
    let mut rest = trim_start(text.get(len..)?.trim_start_matches([':', ',']));
    let word = rest.get(..word_length(rest))?;
    if is_separator(word.as_bytes()) {
        rest = trim_start(rest.get(word.len()..)?);
    }
    let word = rest.get(..word_length(rest))?;
    (!word.is_empty() && keywords.read(rest, word).keyword.is_some()).then_some(len)
}

/// `11/18`, `18.11`, `2026/11/20`, `18.11.2026`, `2026-11-2`: two or three
/// groups of digits with one separator, shaped like days, months and years.
fn numeric_date(word: &str) -> bool {
    let Some(separator) = word.chars().find(|c| matches!(c, '/' | '.' | '-')) else {
        return false;
    };
    let (mut parts, mut short) = (0, 0);
    for part in word.split(separator) {
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        parts += 1;
        short += usize::from(part.len() <= 2);
    }
    match parts {
        2 => short == 2,
        3 => short >= 2,
        _ => false,
    }
}

/// A month's name or its abbreviation, in English (`Nov`, `November`, `sept`).
fn is_month(word: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    word.len() >= 3
        && MONTHS.iter().any(|month| month.get(..word.len()).is_some_and(|start| start.eq_ignore_ascii_case(word)))
}

/// `:`, `—` (U+2014), `–` (U+2013) or `-`, as bytes.
#[inline]
fn is_separator(word: &[u8]) -> bool {
    matches!(word, b":" | [0xE2, 0x80, 0x94 | 0x93] | b"-")
}

enum DateToken<'a> {
    /// A date, the time written with it (`2026-12-04T09:30`,
    /// `2026-12-04 9:30 pm`), and the length of both as written.
    Date(NaiveDate, Option<NaiveTime>, usize),
    /// Shaped like a date, but none: its offset (inside `[[ ]]`) and text.
    Impossible {
        offset: usize,
        text: &'a str,
    },
    None,
}

/// A position in an item's text, a byte offset: the text is cut only
/// where a piece of it is wanted (each cut checks a character boundary).
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.at..).unwrap_or_default()
    }

    fn skip_spaces(&mut self) {
        self.at = skip_whitespace(self.text, self.at);
    }

    /// `[ ]`, `[x]` or `[X]` followed by a space: whether it is ticked.
    fn checkbox(&mut self) -> Option<bool> {
        let ticked = match self.text.as_bytes().get(self.at..).unwrap_or_default() {
            [b'[', b' ', b']', b' ' | b'\t', ..] => false,
            [b'[', b'x' | b'X', b']', b' ' | b'\t', ..] => true,
            _ => return None,
        };
        self.at += 3;
        Some(ticked)
    }

    /// A [`WrittenDate`] (the time with it) followed by the end, a space
    /// or `:`.
    fn date(&mut self) -> DateToken<'a> {
        // Every form starts with a digit, a link or emphasis: most items
        // that are no touch are let go at their first byte.
        if !self.text.as_bytes().get(self.at).is_some_and(|b| matches!(b, b'0'..=b'9' | b'[' | b'*' | b'_')) {
            return DateToken::None;
        }
        if let Some(token) = self.plain_date() {
            return token;
        }
        // A date in emphasis (`**2026-11-23** call`, `_2026-11-25_`) is
        // read inside it: the same marker must close it.
        let marker = emphasis(self.rest());
        let rest = self.rest().get(marker.len()..).unwrap_or_default();
        // A comma after the date (`2026-11-20, call`) is passed over, as a
        // `:` is read as a separator.
        // (No marker, nearly always: no comparison, a `memcmp` call that
        // was 8% of the agenda's time on 100,000 notes.)
        let after = |written: &WrittenDate<'_>| {
            let after = rest.get(written.len..)?;
            if marker.is_empty() { Some(after) } else { after.strip_prefix(marker) }
        };
        let Some(written) = WrittenDate::at_start(rest).filter(|written| {
            after(written).is_some_and(|after| ends_token(after) || after.strip_prefix(',').is_some_and(ends_token))
        }) else {
            return DateToken::None;
        };
        match written.date() {
            Some(date) => {
                let comma = after(&written).is_some_and(|after| after.starts_with(','));
                self.at += 2 * marker.len() + written.len + usize::from(comma);
                DateToken::Date(date, written.time, written.len)
            }
            None => DateToken::Impossible { offset: self.at + marker.len() + written.day_offset, text: written.day },
        }
    }

    /// Nearly every touch's date: `YYYY-MM-DD` alone, then the end, `:`,
    /// a line break, or a space or tab before anything but a time or
    /// more blanks. Read here at fixed places, as [`Self::date`] would read
    /// it; `None` for any other form.
    #[inline]
    fn plain_date(&mut self) -> Option<DateToken<'a>> {
        let bytes = self.text.as_bytes().get(self.at..)?;
        let (ten, after) = bytes.split_first_chunk::<10>()?;
        let plain_end = match after {
            [] | [b':' | b'\n' | b'\r', ..] | [b' ' | b'\t'] => true,
            [b' ' | b'\t', next, ..] => !matches!(next, b'0'..=b'9' | b' ' | b'\t'),
            _ => false,
        };
        if !plain_end {
            return None;
        }
        let (year, month, day) = year_month_day(ten)?;
        Some(match NaiveDate::from_ymd_opt(year, month, day) {
            Some(date) => {
                self.at += 10;
                DateToken::Date(date, None, 10)
            }
            None => DateToken::Impossible { offset: self.at, text: self.text.get(self.at..self.at + 10)? },
        })
    }

    /// Moves past the word at `start..end` (peeked here) when it is a
    /// separator (`:`, `—`, `–`, ` - `); whether it was one.
    fn pass_separator(&mut self, word: Option<(usize, usize)>) -> bool {
        let Some((_, end)) =
            word.filter(|&(start, end)| self.text.as_bytes().get(start..end).is_some_and(is_separator))
        else {
            return false;
        };
        self.at = end;
        true
    }

    /// Where the next whitespace-separated word starts and ends.
    #[inline]
    fn peek_word(&self) -> Option<(usize, usize)> {
        let start = skip_whitespace(self.text, self.at);
        let bytes = self.text.as_bytes().get(start..)?;
        let run = graphic_run(bytes);
        // A word of printable ASCII ends at a space, a tab, a line break or
        // the end; any other byte is read as a character.
        let len = match bytes.get(run) {
            None | Some(b' ' | b'\t' | b'\n' | b'\r') => run,
            Some(_) => word_length(self.text.get(start..)?),
        };
        (len > 0).then_some((start, start + len))
    }
}

/// The offset of the first byte after `at` that is no whitespace
/// (`char::is_whitespace`): [`trim_start`], without cutting the text when
/// it starts with a word or one space before one.
#[expect(
    clippy::inline_always,
    reason = "called for every word of every touch; fat LTO left it a call once usual_touch grew (callgrind)"
)]
#[inline(always)]
fn skip_whitespace(text: &str, at: usize) -> usize {
    match text.as_bytes().get(at..).unwrap_or_default() {
        [] => at,
        [first, ..] if first.is_ascii_graphic() => at,
        [b' ', second, ..] if second.is_ascii_graphic() => at + 1,
        _ => {
            let rest = text.get(at..).unwrap_or_default();
            text.len() - trim_start(rest).len()
        }
    }
}

/// The emphasis marker `text` starts with (`**`, `__`, `*`, `_`), or
/// nothing: a touch's date may be written in emphasis (docs/src/touches.md).
fn emphasis(text: &str) -> &'static str {
    match text.as_bytes() {
        [b'*', b'*', ..] => "**",
        [b'_', b'_', ..] => "__",
        [b'*', ..] => "*",
        [b'_', ..] => "_",
        _ => "",
    }
}

/// `text` without the whitespace (`char::is_whitespace`) it starts with,
/// looked for byte by byte while it is ASCII.
fn trim_start(text: &str) -> &str {
    // Most texts start with a word, or with one space before one.
    match text.as_bytes() {
        [first, ..] if first.is_ascii_graphic() => return text,
        [b' ', second, ..] if second.is_ascii_graphic() => return text.get(1..).unwrap_or_default(),
        _ => {}
    }
    let ascii = text.bytes().take_while(|b| matches!(b, b' ' | b'\t'..=b'\r')).count();
    let rest = text.get(ascii..).unwrap_or_default();
    if rest.as_bytes().first().is_some_and(|b| !b.is_ascii()) { rest.trim_start() } else { rest }
}

/// `text` without the whitespace (`char::is_whitespace`) it ends with,
/// looked for byte by byte while it is ASCII, as [`trim_start`].
fn trim_end(text: &str) -> &str {
    // Most texts end with a word.
    if text.as_bytes().last().is_some_and(u8::is_ascii_graphic) {
        return text;
    }
    let ascii = text.bytes().rev().take_while(|b| matches!(b, b' ' | b'\t'..=b'\r')).count();
    let rest = text.get(..text.len() - ascii).unwrap_or_default();
    if rest.as_bytes().last().is_some_and(|b| !b.is_ascii()) { rest.trim_end() } else { rest }
}

/// The length of the word `text` starts with: up to its first whitespace
/// (`char::is_whitespace`), looked for byte by byte while the text is ASCII.
#[inline]
fn word_length(text: &str) -> usize {
    let mut at = graphic_run(text.as_bytes());
    while let Some(&byte) = text.as_bytes().get(at) {
        let width = if byte.is_ascii() {
            if matches!(byte, b' ' | b'\t'..=b'\r') {
                return at;
            }
            1
        } else {
            match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) if c.is_whitespace() => return at,
                Some(c) => c.len_utf8(),
                None => 1,
            }
        };
        at += width;
    }
    text.len()
}

/// The length of the printable ASCII (`!` to `~`) `bytes` start with:
/// nearly every byte of a touch, looked at eight at a time.
#[inline]
fn graphic_run(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some((chunk, _)) = bytes.get(at..).and_then(<[u8]>::split_first_chunk::<8>) {
        let word = u64::from_le_bytes(*chunk);
        // The high bit of each byte below `!` (what borrows from a byte
        // below it only reaches later ones), or from DEL up.
        let below = word.wrapping_sub(0x2121_2121_2121_2121) & !word;
        let above = word.wrapping_add(0x0101_0101_0101_0101) | word;
        let outside = (below | above) & 0x8080_8080_8080_8080;
        if outside != 0 {
            return at + (outside.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let tail = bytes.get(at..).unwrap_or_default();
    at + tail.iter().position(|byte| !(b'!'..=b'~').contains(byte)).unwrap_or(tail.len())
}

/// The latest `next: DATE` (also `Next:`, `next:DATE`, `next DATE`, with
/// any [`WrittenDate`] form) in `text` from byte `from` on, and the
/// impossible ones.
#[expect(clippy::inline_always, reason = "called for every touch; fat LTO left it and find_x calls (callgrind)")]
#[inline(always)]
fn find_next(text: &str, from: usize) -> (Option<NaiveDate>, Vec<(usize, &str)>) {
    // Most touches hold no `x`: told where the touch is read, without a
    // call (which cost more than the search on a touch of a few words).
    if text.as_bytes().get(from..).and_then(find_x).is_none() {
        return (None, Vec::new());
    }
    find_next_from(text, from)
}

/// [`find_next`] once an `x` is known to follow `from`.
#[inline(never)]
fn find_next_from(text: &str, from: usize) -> (Option<NaiveDate>, Vec<(usize, &str)>) {
    let mut latest = None;
    let mut bad = Vec::new();
    // The shortest, `next:2026-12-01`, takes fifteen bytes.
    if text.len() < 15 {
        return (latest, bad);
    }
    let bytes = text.as_bytes();
    let mut from = from;
    while let Some(found) = find_next_word(bytes, from) {
        from = found + 4;
        let word_start = found == 0 || bytes.get(found - 1).is_some_and(|b| !b.is_ascii_alphanumeric() && *b != b'-');
        if !word_start {
            continue;
        }
        let mut at = found + 4;
        let colon = bytes.get(at) == Some(&b':');
        if colon {
            at += 1;
        }
        let spaces = bytes.get(at..).map_or(0, |rest| rest.iter().take_while(|b| **b == b' ' || **b == b'\t').count());
        if spaces == 0 && !colon {
            continue;
        }
        at += spaces;
        let Some(written) = text.get(at..).and_then(WrittenDate::at_start) else {
            continue;
        };
        if bytes.get(at + written.len).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        match written.date() {
            Some(date) => latest = latest.max(Some(date)),
            None => bad.push((at + written.day_offset, written.day)),
        }
    }
    (latest, bad)
}

/// The offset of the next `next` (in any case) at or after `from`. It
/// looks for the rare `x` and checks the letters around it: text has far
/// fewer of those than of `n`.
fn find_next_word(haystack: &[u8], from: usize) -> Option<usize> {
    let tail = haystack.get(from..)?;
    let mut after = 0;
    loop {
        let x = after + find_x(tail.get(after..)?)?;
        if let Some(at) = x.checked_sub(2)
            && tail.get(at..x + 2).is_some_and(|window| window.eq_ignore_ascii_case(b"next"))
        {
            return Some(from + at);
        }
        after = x + 1;
    }
}

/// The offset of the first `x` or `X` in `bytes`, sixteen bytes at a time
/// (on a touch's few dozen bytes, setting up `memchr` costs more).
#[expect(clippy::inline_always, reason = "see find_next")]
#[inline(always)]
fn find_x(bytes: &[u8]) -> Option<usize> {
    // The first `x` or `X` of eight bytes: both become `x` with 0x20 set,
    // and only they; XORed with `x` they are the zero bytes, the first of
    // them found exactly.
    let x_in = |chunk: &[u8; 8]| first_equal(u64::from_le_bytes(*chunk) | splat(0x20), b'x');
    let first = |zero: u64| (zero.trailing_zeros() / 8) as usize;
    // Sixteen bytes compared lane by lane: the compiler makes it one
    // vector compare (fewer instructions than two words of the above).
    let in_sixteen = |chunk: &[u8; 16]| {
        let hits = u128::from_le_bytes(chunk.map(|byte| if byte | 0x20 == b'x' { 0xFF } else { 0 }));
        (hits != 0).then(|| (hits.trailing_zeros() / 8) as usize)
    };
    let (chunks, tail) = bytes.as_chunks::<16>();
    if let Some(found) = chunks.iter().enumerate().find_map(|(index, chunk)| Some(16 * index + in_sixteen(chunk)?)) {
        return Some(found);
    }
    if tail.is_empty() {
        return None;
    }
    // The last sixteen or eight bytes, overlapping those looked at (none
    // of them an `x`): no loop over the tail's bytes.
    if let Some(last) = bytes.last_chunk::<16>() {
        return in_sixteen(last).map(|found| bytes.len() - 16 + found);
    }
    match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        (Some(head), Some(last)) => match (x_in(head), x_in(last)) {
            (0, 0) => None,
            (0, last) => Some(bytes.len() - 8 + first(last)),
            (head, _) => Some(first(head)),
        },
        _ => tail.iter().position(|&byte| byte | 0x20 == b'x'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_date;

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap_or_default()
    }

    fn touch(text: &str) -> ItemTouch<'_> {
        match parse_item(text, &KEYWORDS) {
            Item::Touch(touch) => touch,
            other => panic!("not a touch: {other:?}"),
        }
    }

    static KEYWORDS: std::sync::LazyLock<Keywords> = std::sync::LazyLock::new(Keywords::default);

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// Whatever item the fixed-place reading takes, it reads as the
        /// general reading does: items made of dates, times, checkboxes,
        /// keywords, phrases, tags, punctuation, separators, `(by ...)`,
        /// `next:` and other words, one space apart or not.
        #[test]
        fn usual_touches_are_read_as_any_item(
            checkbox in proptest::prop_oneof![4 => "", 2 => "\\[[ xX]\\] ", 1 => " |\\[ \\]\t"],
            date in proptest::prop_oneof![
                6 => "2026-11-14",
                2 => "\\[\\[2026-11-14\\]\\]|2026-11-14 [012][0-9]:[0-6][0-9]",
                1 => "2026-02-30|2026-11-14T09:30|2026-11-1|11/14|\\[\\[2026-02-30\\]\\]|\\[\\[2026-11-14\\|Mon\\]\\]",
                1 => "2026-11-14 9:30|2026-11-14 09:30:15|2026-11-14 09:30\\.5|\\[\\[2026-11-14\\]\\] 09:30|2026-11-14 25:00",
            ],
            after in proptest::prop_oneof![6 => " ", 1 => "  |: |\t||, | 9:30 | 9:30pm "],
            words in proptest::collection::vec(proptest::prop_oneof![
                6 => "call|vm|Voicemail|no-answer|#call|#Note|note|NOTE|talked|reply|In|declined|left-message|interview|Not|not|interested|do|contact",
                3 => "call:|called,|vm.|email!|Talked:|vm;:|#:|#|:|-|—|–|\\(by|sam\\)|\\(By sam\\)|next:|2026-12-01|2026-02-31|\\[\\[2026-12-02\\]\\]",
                3 => "[a-zé]{1,6}|Zoë|x|a\tb|foo\nbar|9:30",
                2 => "am|PM|a\\.m\\.|pmeeting|phoned|Z|Zoom|z:|\\+01:00|-0500|-",
            ], 0..6),
            gaps in proptest::collection::vec(proptest::prop_oneof![12 => " ", 1 => "  |\t| \u{a0}"], 6),
            end in "| \\(by sam\\)| next: 2026-12-01| |:",
        ) {
            let mut text = format!("{checkbox}{date}{after}");
            for (word, gap) in words.iter().zip(gaps.iter()) {
                text.push_str(word);
                text.push_str(gap);
            }
            text.push_str(&end);
            if let Some(usual) = usual_touch(&text, &KEYWORDS) {
                proptest::prop_assert_eq!(usual, read_item(&text, &KEYWORDS), "{:?}", text);
            }
        }
    }

    #[test]
    fn usual_touches_are_read_at_fixed_places() {
        for text in [
            "2026-11-14 call voicemail: left a message",
            "[x] 2026-11-14 phoned vm",
            "[ ] 2026-11-14 #call",
            "2026-11-14 met — on-site visit (by sam)",
            "2026-11-14 called - about the role next: 2026-11-20",
            "2026-11-14 calld the office",
            "2026-11-14 note: she moved teams",
            "2026-11-14 09:05 emailed: sent resume",
            "[x] [[2026-11-14]] call",
        ] {
            assert!(usual_touch(text, &KEYWORDS).is_some(), "{text}");
        }
    }

    proptest::proptest! {
        /// `next` is found where a plain search finds it, in any case.
        #[test]
        fn next_is_found_by_its_x(text in "[nNeExXtT éY8]{0,80}", from in 0usize..6) {
            let bytes = text.as_bytes();
            let plain = (from..bytes.len()).find(|&at| bytes.get(at..at + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"next")));
            proptest::prop_assert_eq!(find_next_word(bytes, from), plain);
        }

        /// The ASCII fast paths trim what `str::trim_start` and
        /// `str::trim_end` trim.
        #[test]
        fn trim_start_and_trim_end_are_the_standard_ones(text in "[ \t\u{b}\u{c}\r\n\u{a0}\u{3000}\u{1c}a-c]{0,8}") {
            proptest::prop_assert_eq!(trim_start(&text), text.trim_start());
            proptest::prop_assert_eq!(trim_end(&text), text.trim_end());
        }
    }

    #[test]
    fn by_handle_after_the_keywords_or_at_the_end_is_who_not_what() {
        for (text, keywords, free) in [
            ("2026-12-03 call vm (by sam)", "call vm", ""),
            ("2026-12-03 call vm (by sam): left a message", "call vm", "left a message"),
            ("2026-12-03 call vm: left a message (by sam)", "call vm", "left a message"),
            ("2026-12-03 reply (By sam) next: 2026-12-09", "reply", "next: 2026-12-09"),
        ] {
            let t = touch(text);
            assert_eq!((t.keywords, t.text, t.by), (keywords, free, Some("sam")), "{text}");
            assert_eq!(t.unknown_keyword, None, "{text}");
        }
        let plain = touch("2026-12-03 call vm");
        let by = touch("2026-12-03 call vm (by sam)");
        assert_eq!((by.channel, by.direction, by.outcome), (plain.channel, plain.direction, plain.outcome));
        for text in ["2026-12-03 call (by two words)", "2026-12-03 call: stood by (sam)"] {
            assert_eq!(touch(text).by, None, "{text}");
        }
        assert_eq!(touch("2026-12-03 (by sam)").unknown_keyword, Some((11, "")), "no keyword: says so");
    }

    proptest::proptest! {
        /// `(by HANDLE)` after any touch's keywords, or at the end of a
        /// touch without keywords, changes what it counts as in nothing,
        /// and leaves the keywords and the text as they were.
        #[test]
        fn by_changes_nothing_but_who(
            keywords in proptest::sample::subsequence(vec!["call", "vm", "email", "reply", "talked", "meeting", "no-answer"], 0..3),
            free in "[a-z ]{0,12}",
            handle in "[a-zA-Z][a-z0-9_.@-]{0,8}",
        ) {
            let free = free.trim();
            let (plain, by) = if keywords.is_empty() {
                // No keywords: `(by x)` closes the line. (`DATE: call` reads
                // `call` as a keyword after a leading separator, while
                // `DATE (by sam): call` has its separator after the clause and
                // free text after it: docs/src/touches.md.)
                (format!("2026-12-03 {free}"), format!("2026-12-03 {free} (by {handle})"))
            } else {
                let separator = if free.is_empty() { "" } else { ": " };
                let keywords = keywords.join(" ");
                (format!("2026-12-03 {keywords}{separator}{free}"), format!("2026-12-03 {keywords} (by {handle}){separator}{free}"))
            };
            let (plain, by) = (touch(&plain), touch(&by));
            proptest::prop_assert_eq!(by.by, Some(handle.as_str()));
            proptest::prop_assert_eq!((plain.channel, plain.direction, plain.outcome), (by.channel, by.direction, by.outcome));
            proptest::prop_assert_eq!((plain.keywords, plain.text), (by.keywords, by.text));
        }
    }

    fn summary(text: &str) -> (Channel, Direction, Outcome, &str, &str) {
        let t = touch(text);
        (t.channel, t.direction, t.outcome, t.keywords, t.text)
    }

    #[test]
    fn keywords_then_separator_then_text() {
        use Channel::*;
        use Direction::*;
        use Outcome::*;
        assert_eq!(summary("2026-11-10 email: sent resume"), (Email, Out, Attempt, "email", "sent resume"));
        assert_eq!(
            summary("2026-11-14 call voicemail: left a message"),
            (Call, Out, Voicemail, "call voicemail", "left a message")
        );
        assert_eq!(summary("2026-11-18 call no-answer"), (Call, Out, NoAnswer, "call no-answer", ""));
        assert_eq!(
            summary("2026-11-20 call in talked: she called back!"),
            (Call, In, Conversation, "call in talked", "she called back!")
        );
        assert_eq!(summary("2026-11-20 talked — about the role"), (Call, In, Conversation, "talked", "about the role"));
        assert_eq!(summary("2026-11-20 email – see below"), (Email, Out, Attempt, "email", "see below"));
        assert_eq!(summary("2026-11-20 reply - thanks"), (Other, In, Reply, "reply", "thanks"));
        assert_eq!(summary("2026-11-20 meeting: interview"), (Meeting, In, Conversation, "meeting", "interview"));
        assert_eq!(
            summary("2026-11-20 email reply stop: remove me"),
            (Email, In, Stop, "email reply stop", "remove me")
        );
        assert_eq!(summary("2026-11-20 Call VoiceMail"), (Call, Out, Voicemail, "Call VoiceMail", ""));
    }

    #[test]
    fn a_date_in_another_form_before_a_keyword_is_said_to_be_none() {
        let other = |text| match parse_item(text, &KEYWORDS) {
            Item::OtherDateForm { offset, text } => Some((offset, text)),
            Item::Plain => None,
            item => panic!("{text}: {item:?}"),
        };
        assert_eq!(other("11/18 call"), Some((0, "11/18")));
        assert_eq!(other("[x] 2026/11/20 call"), Some((4, "2026/11/20")));
        assert_eq!(other("18.11.2026: email"), Some((0, "18.11.2026")));
        assert_eq!(other("2026-11-2 call"), Some((0, "2026-11-2")));
        assert_eq!(other("Nov 21 email"), Some((0, "Nov 21")));
        assert_eq!(other("November 21st, — talked"), Some((0, "November 21st")));
        assert_eq!(other("nov. 3 vm"), Some((0, "nov. 3")));
        for plain in [
            "11/18 was a good day",
            "1.5 hours of prep",
            "May the call go well",
            "14:30 call",
            "call 11/18",
            "v1.2 email",
        ] {
            assert_eq!(other(plain), None, "{plain}");
        }
    }

    #[test]
    fn keywords_end_at_the_first_other_word() {
        let t = touch("2026-11-14 call about the call");
        assert_eq!((t.keywords, t.text), ("call", "about the call"));
    }

    #[test]
    fn a_comma_after_the_date_is_passed_over() {
        let t = touch("2026-11-20, call");
        assert_eq!((t.date, t.keywords, t.text, t.unknown_keyword), (date("2026-11-20"), "call", "", None));
        let t = touch("[[2026-11-20]], had lunch");
        assert_eq!((t.date, t.unknown_keyword), (date("2026-11-20"), Some((16, "had"))));
        assert_eq!(parse_item("2026-11-20,call", &KEYWORDS), Item::Plain, "one word: no date");
    }

    /// After a separator the keywords start at the keyword; the punctuation
    /// after them is not theirs.
    #[test]
    fn keywords_are_kept_from_their_first_letter_without_the_punctuation_after_them() {
        for (text, keywords, free) in [
            ("2026-11-24: call", "call", ""),
            ("2026-11-24 — coffee with Dana", "coffee", "with Dana"),
            ("2026-11-18 14:30 called, left vm", "called", "left vm"),
            ("2026-11-18 call; vm. then more", "call; vm", "then more"),
        ] {
            let t = touch(text);
            assert_eq!((t.keywords, t.text), (keywords, free), "{text}");
        }
    }

    #[test]
    fn tags_count_as_keywords() {
        let t = touch("2026-11-14 #call #voicemail left one");
        assert_eq!((t.channel, t.outcome, t.text), (Channel::Call, Outcome::Voicemail, "left one"));
    }

    #[test]
    fn checkbox_wikilink_date_and_time() {
        let t = touch("[x] [[2026-11-27]] 14:30 meeting: interview");
        assert_eq!((t.date, t.time, t.date_offset), (date("2026-11-27"), NaiveTime::from_hms_opt(14, 30, 0), 4));
        assert_eq!(t.outcome, Outcome::Conversation);
        let t = touch("[ ] 2026-11-27 call");
        assert_eq!((t.date, t.time, t.planned), (date("2026-11-27"), None, true));
        assert_eq!(touch("2026-11-27 25:99 call").unknown_keyword, Some((11, "25:99")));
    }

    #[test]
    fn inline_next_anywhere_the_latest_wins() {
        assert_eq!(touch("2026-11-20 call talked: next: 2026-11-27").next, Some(date("2026-11-27")));
        assert_eq!(
            touch("2026-11-20 call talked: next 2026-11-27, or next: 2026-12-01").next,
            Some(date("2026-12-01"))
        );
        assert_eq!(touch("2026-11-20 call talked: Next:2026-11-27").next, Some(date("2026-11-27")));
        assert_eq!(touch("2026-11-20 call: the next 20 days").next, None);
        assert_eq!(touch("2026-11-20 call: annex 2026-11-27").next, None);
        let t = touch("2026-11-20 call: next: 2026-02-30");
        assert_eq!((t.next, t.bad_next), (None, vec![(23, "2026-02-30")]));
    }

    proptest::proptest! {
        /// After printable ASCII (read a byte at a time) or any other
        /// character: control characters, DEL and U+0085 included.
        #[test]
        fn word_length_stops_at_whitespace_like_find(text in "([a-z]{0,9}[a-zé \t\u{a0}\u{2003}\n:!~\u{b}\u{c}\r\u{1c}\u{7f}\u{85}]){0,4}") {
            proptest::prop_assert_eq!(word_length(&text), text.find(char::is_whitespace).unwrap_or(text.len()));
        }
    }

    #[test]
    fn note_items_are_not_touches() {
        assert_eq!(parse_item("2026-11-14 note: she moved teams", &KEYWORDS), Item::Note);
        assert_eq!(parse_item("2026-11-14 #Note she moved teams", &KEYWORDS), Item::Note);
    }

    #[test]
    fn unknown_first_keyword_is_an_other_attempt() {
        let t = touch("2026-11-14 calld the office");
        assert_eq!((t.channel, t.direction, t.outcome), (Channel::Other, Direction::Out, Outcome::Attempt));
        assert_eq!((t.unknown_keyword, t.text), (Some((11, "calld")), "calld the office"));
        assert_eq!(touch("2026-11-14").unknown_keyword, Some((10, "")));
        assert_eq!(touch("2026-11-14 call back").unknown_keyword, None, "only the first word");
    }

    fn time(h: u32, m: u32, s: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, s)
    }

    #[test]
    fn an_unticked_checkbox_is_a_planned_touch() {
        let planned = |text| touch(text).planned;
        assert!(planned("[ ] 2026-12-09 call"));
        assert!(planned(" [ ]\t[[2026-12-09]] call"));
        assert!(!planned("[x] 2026-12-09 call"));
        assert!(!planned("[X] 2026-12-09 call"));
        assert!(!planned("2026-12-09 call"));
    }

    #[test]
    fn iso_date_times_keep_the_date_as_written_and_the_time() {
        for (text, expected) in [
            ("2026-11-02T09:30 call", time(9, 30, 0)),
            ("2026-11-02T09:30:15 call", time(9, 30, 15)),
            ("2026-11-02T09:30Z call", time(9, 30, 0)),
            ("2026-11-02T23:30+01:00 call", time(23, 30, 0)),
            ("2026-11-02T23:30-0500: call", time(23, 30, 0)),
            ("2026-11-02T09:30:15.250Z call", time(9, 30, 15)),
        ] {
            let t = touch(text);
            assert_eq!(
                (t.date, t.time, t.channel, t.unknown_keyword),
                (date("2026-11-02"), expected, Channel::Call, None),
                "{text}"
            );
        }
        assert_eq!(parse_item("2026-11-02Tx call", &KEYWORDS), Item::Plain);
        assert_eq!(parse_item("2026-02-30T09:30 call", &KEYWORDS), Item::BadDate { offset: 0, text: "2026-02-30" });
    }

    #[test]
    fn aliased_daily_note_links_are_dates() {
        let t = touch("[[2026-12-04|Fri]] call voicemail");
        assert_eq!((t.date, t.date_offset, t.outcome, t.text), (date("2026-12-04"), 0, Outcome::Voicemail, ""));
        let t = touch("[x] [[2026-12-04|Friday 4th]]: call");
        assert_eq!((t.date, t.channel), (date("2026-12-04"), Channel::Call));
        assert_eq!(parse_item("[[2026-12-04|a]b]] call", &KEYWORDS), Item::Plain);
        assert_eq!(parse_item("[[2026-12-04|Fri] call", &KEYWORDS), Item::Plain);
        assert_eq!(parse_item("[[2026-02-30|Mon]] call", &KEYWORDS), Item::BadDate { offset: 2, text: "2026-02-30" });
    }

    #[test]
    fn front_matter_date_time_forms_are_touch_dates_too() {
        for text in [
            "2026-11-02 09:30:00.250 +02:00 call",
            "[[2026-11-02T09:30|Mon morning]] call",
            "[[2026-11-02 09:30]]: call",
            "2026-11-02t9:30Z call",
        ] {
            let t = touch(text);
            assert_eq!(
                (t.date, t.time, t.channel, t.unknown_keyword),
                (date("2026-11-02"), time(9, 30, 0), Channel::Call, None),
                "{text}"
            );
        }
    }

    #[test]
    fn times_after_the_date_are_never_keywords() {
        for (text, expected) in [
            ("2026-11-18 14:30 call talked", time(14, 30, 0)),
            ("2026-11-18 14:30:00 call talked", time(14, 30, 0)),
            ("2026-11-18 9:30 call talked", time(9, 30, 0)),
            ("2026-11-18 9:30am call talked", time(9, 30, 0)),
            ("2026-11-18 9:30 pm call talked", time(21, 30, 0)),
            ("2026-11-18 9:30 PM: call talked", time(21, 30, 0)),
            ("2026-11-18 12:05a.m. call talked", time(0, 5, 0)),
            ("2026-11-18 12:05 pm call talked", time(12, 5, 0)),
        ] {
            let t = touch(text);
            assert_eq!((t.time, t.outcome, t.unknown_keyword), (expected, Outcome::Conversation, None), "{text}");
        }
        let t = touch("2026-11-18 9:30 pmeeting");
        assert_eq!((t.time, t.unknown_keyword), (time(9, 30, 0), Some((16, "pmeeting"))));
        assert_eq!(touch("2026-11-18 13:30pm call").unknown_keyword, Some((11, "13:30pm")), "no 13 on a 12-hour clock");
    }

    #[test]
    fn an_item_without_a_keyword_is_an_other_attempt_without_keyword() {
        for (text, place, free) in [
            ("2026-12-04", 10, ""),
            ("2026-12-04: sent resume", 10, "sent resume"),
            ("2026-12-04 - sent resume", 11, "sent resume"),
            ("[[2026-12-04]] — sent resume", 15, "sent resume"),
        ] {
            let t = touch(text);
            assert_eq!(
                (t.channel, t.direction, t.outcome),
                (Channel::Other, Direction::Out, Outcome::Attempt),
                "{text}"
            );
            assert_eq!((t.unknown_keyword, t.keywords, t.text), (Some((place, "")), "", free), "{text}");
        }
        let t = touch("2026-12-04: call back");
        assert_eq!((t.channel, t.unknown_keyword, t.text), (Channel::Call, None, "back"), "a keyword after it is read");
    }

    #[test]
    fn an_unknown_keyword_is_quoted_without_its_punctuation() {
        assert_eq!(touch("2026-11-14 calld: the office").unknown_keyword, Some((11, "calld")));
        assert_eq!(touch("2026-11-14 calld, then").unknown_keyword, Some((11, "calld")));
        assert_eq!(touch("2026-11-14 #calld the office").unknown_keyword, Some((11, "#calld")));
        assert_eq!(touch("2026-11-14 sent resume").unknown_keyword, Some((11, "sent")));
    }

    #[test]
    fn multi_word_keywords_are_read_as_one() {
        use Outcome::*;
        let outcome = |text| {
            let t = touch(text);
            (t.outcome, t.keywords, t.text, t.unknown_keyword)
        };
        assert_eq!(outcome("2026-11-14 not interested"), (NotInterested, "not interested", "", None));
        assert_eq!(
            outcome("2026-11-14 email Not Interested: maybe in spring"),
            (NotInterested, "email Not Interested", "maybe in spring", None)
        );
        assert_eq!(outcome("2026-11-14 call do not contact again"), (Stop, "call do not contact", "again", None));
        assert_eq!(
            outcome("2026-11-14 call: not interested"),
            (Attempt, "call", "not interested", None),
            "text after the separator"
        );
        assert_eq!(outcome("2026-11-14 not sure"), (Attempt, "", "not sure", Some((11, "not"))));
    }

    #[test]
    fn inline_next_takes_every_date_form() {
        for text in [
            "2026-11-20 call talked: next: [[2026-12-01]]",
            "2026-11-20 call talked: next: [[2026-12-01|Tue]]",
            "2026-11-20 call talked: Next: 2026-12-01",
            "2026-11-20 call talked: next:2026-12-01",
            "2026-11-20 call talked: next 2026-12-01.",
            "2026-11-20 call talked: next: 2026-12-01T10:00",
            "2026-11-20 call talked: NEXT: 2026-12-01T10:00:00+01:00, she said",
        ] {
            assert_eq!(touch(text).next, Some(date("2026-12-01")), "{text}");
        }
        for text in [
            "2026-11-20 call: next: 2026-12-01x",
            "2026-11-20 call: next: 2026-12-01T",
            "2026-11-20 call: next: [[2026-12-01",
        ] {
            assert_eq!(touch(text).next, None, "{text}");
        }
        let t = touch("2026-11-20 call: next: [[2026-02-30|Mon]]");
        assert_eq!((t.next, t.bad_next), (None, vec![(25, "2026-02-30")]));
    }

    #[test]
    fn items_without_a_leading_date_are_plain() {
        for text in ["buy milk", "on 2026-11-14 call", "2026-11-145 call", "2026-11-14x", "20261114 call", ""] {
            assert_eq!(parse_item(text, &KEYWORDS), Item::Plain, "{text}");
        }
    }

    #[test]
    fn impossible_dates_are_reported() {
        assert_eq!(parse_item("2026-13-45 call", &KEYWORDS), Item::BadDate { offset: 0, text: "2026-13-45" });
        assert_eq!(parse_item("[x] 2026-02-30", &KEYWORDS), Item::BadDate { offset: 4, text: "2026-02-30" });
        // Found by fuzzing: the offset pointed at the `[[` of a linked date.
        assert_eq!(parse_item("[[2026-11-52]] text", &KEYWORDS), Item::BadDate { offset: 2, text: "2026-11-52" });
    }
}
