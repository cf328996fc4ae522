//! One note's entry in the parse cache, written and read by hand: the
//! note's path and [`Stamp`], the fingerprint of its bytes, then what the
//! parse stage made of it ([`Parsed`]), with lengths in front so that an
//! entry not needed is stepped over unread. Numbers are little-endian or
//! LEB128 varints; every text of an entry is in one UTF-8 block (its
//! "heap"), checked once, and a note's touches borrow their texts from it
//! (no allocation per touch). Reading never panics: anything out of place
//! is `None`, and the note is read from its file instead.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use crate::derive::contact::reused;
use crate::discover::open::Stamp;
use crate::model::span::Span;
use crate::model::{Channel, Direction, Outcome, Stage};
use crate::parse::front_matter::{Extra, FrontMatter, KeySpans, Links};
use crate::parse::{Note, Parsed, Touch};
use crate::problem::{Problem, Severity};

/// A note's record in the cache's index: what tells whether its entry
/// may be used, and where the entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Record<'a> {
    /// The note's path relative to the vault (bytes of a `String`).
    pub path: &'a [u8],
    /// The file's state when it was read.
    pub stamp: Stamp,
    /// The fingerprint of its bytes.
    pub fingerprint: u64,
    /// The length of its entry (the parse result, encoded).
    pub length: usize,
    /// The XXH3 hash of its entry.
    pub checksum: u64,
}

impl<'a> Record<'a> {
    /// Reads the record at the start of `bytes`; the rest after it.
    pub(crate) fn read(bytes: &'a [u8]) -> Option<(Self, &'a [u8])> {
        let mut cursor = Cursor(bytes);
        let path_length = cursor.length()?;
        let path = cursor.take(path_length)?;
        let stamp =
            Stamp { size: cursor.varint()?, modified: cursor.i64()?, changed: cursor.i64()?, inode: cursor.u64()? };
        let fingerprint = cursor.u64()?;
        let length = usize::try_from(cursor.varint()?).ok()?;
        let checksum = cursor.u64()?;
        Some((Self { path, stamp, fingerprint, length, checksum }, cursor.0))
    }

    /// Appends the record to `out`.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.path.len() as u64);
        out.extend_from_slice(self.path);
        put_varint(out, self.stamp.size);
        out.extend_from_slice(&self.stamp.modified.to_le_bytes());
        out.extend_from_slice(&self.stamp.changed.to_le_bytes());
        out.extend_from_slice(&self.stamp.inode.to_le_bytes());
        out.extend_from_slice(&self.fingerprint.to_le_bytes());
        put_varint(out, self.length as u64);
        out.extend_from_slice(&self.checksum.to_le_bytes());
    }
}

/// The parse result an entry holds, the note's path borrowed from `file`
/// (its walk path, equal to [`Record::path`]); `None` when it does not
/// read whole.
pub(crate) fn parsed<'a>(entry: &'a [u8], file: &'a str) -> Option<Parsed<'a>> {
    let mut cursor = Cursor(entry);
    let kind = cursor.u8()?;
    let heap_length = cursor.length()?;
    let heap = simdutf8::basic::from_utf8(cursor.take(heap_length)?).ok()?;
    let mut decoder = Decoder { cursor, heap, file };
    let parsed = match kind {
        NOT_A_CONTACT => Parsed::NotAContact,
        LEFT_OUT => Parsed::LeftOut,
        BROKEN => Parsed::Broken(decoder.problems()?),
        CONTACT => {
            let note = decoder.note()?;
            Parsed::Contact(note, decoder.problems()?)
        }
        _ => return None,
    };
    (decoder.cursor.0.is_empty() && decoder.heap.is_empty()).then_some(parsed)
}

/// Appends the entry of the note at `path` (what `parsed` holds) to `out`.
/// `scratch` is kept between calls (no allocation per note once grown).
pub(crate) fn write(out: &mut Vec<u8>, scratch: &mut Scratch, path: &str, parsed: &Parsed<'_>) {
    scratch.heap.clear();
    scratch.fields.clear();
    let mut encoder = Encoder { heap: &mut scratch.heap, out: &mut scratch.fields, file: path };
    let kind = match parsed {
        Parsed::NotAContact => NOT_A_CONTACT,
        Parsed::LeftOut => LEFT_OUT,
        Parsed::Broken(problems) => {
            encoder.problems(problems);
            BROKEN
        }
        Parsed::Contact(note, problems) => {
            encoder.note(note);
            encoder.problems(problems);
            CONTACT
        }
    };
    out.reserve_exact(11 + scratch.heap.len() + scratch.fields.len());
    out.push(kind);
    put_varint(out, scratch.heap.len() as u64);
    out.extend_from_slice(scratch.heap.as_bytes());
    out.extend_from_slice(&scratch.fields);
}

/// The buffers [`write()`] fills before it knows an entry's length.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    heap: String,
    fields: Vec<u8>,
}

const NOT_A_CONTACT: u8 = 0;
const LEFT_OUT: u8 = 1;
const BROKEN: u8 = 2;
const CONTACT: u8 = 3;

/// Writes a parse result's fields, its texts into the heap.
struct Encoder<'s> {
    heap: &'s mut String,
    out: &'s mut Vec<u8>,
    /// The note's path: a problem in it names it without a copy.
    file: &'s str,
}

impl Encoder<'_> {
    fn note(&mut self, note: &Note<'_>) {
        let front = &note.front;
        self.optional_text(front.name.as_deref());
        self.optional_text(front.company.as_deref());
        self.optional_text(front.role.as_deref());
        self.optional_text(front.links.name.as_deref());
        self.optional_text(front.links.company.as_deref());
        self.optional_text(front.links.role.as_deref());
        self.optional_text(front.email.as_deref());
        self.optional_text(front.phone.as_deref());
        self.count(front.tags.len());
        for tag in &front.tags {
            self.text(tag);
        }
        self.optional_text(front.playbook.as_deref());
        self.out.push(front.stage.map_or(0, |stage| stage_code(stage) + 1));
        self.out.push(u8::from(front.do_not_contact));
        self.optional_date(front.next);
        self.optional_date(front.added);
        self.count(front.owner.len());
        for owner in &front.owner {
            self.text(owner);
        }
        self.span(front.spans.name);
        self.span(front.spans.email);
        self.span(front.spans.playbook);
        self.span(front.spans.owner);
        self.optional_text(note.extra);
        for touches in [&note.touches, &note.planned] {
            self.count(touches.len());
            for touch in touches {
                self.touch(touch);
            }
        }
    }

    /// A touch: first its fields of fixed width (day number, time of day
    /// in seconds plus one or 0 for none, kinds, span), each read without
    /// a varint's loop; the nanoseconds of a time only when not 0 (the top
    /// bit of the kinds says); then its texts and its `next:`.
    fn touch(&mut self, touch: &Touch<'_>) {
        self.out.extend_from_slice(&touch.date.num_days_from_ce().to_le_bytes());
        let seconds = touch.time.map_or(0, |time| time.num_seconds_from_midnight() + 1);
        self.out.extend_from_slice(&seconds.to_le_bytes());
        let nanos = touch.time.map_or(0, |time| time.nanosecond());
        let kinds =
            channel_code(touch.channel) << 4 | direction_code(touch.direction) << 3 | outcome_code(touch.outcome);
        self.out.push(kinds | u8::from(nanos != 0) << 7);
        self.out.extend_from_slice(&touch.span.start.to_le_bytes());
        self.out.extend_from_slice(&touch.span.end.to_le_bytes());
        if nanos != 0 {
            self.out.extend_from_slice(&nanos.to_le_bytes());
        }
        self.text(touch.keywords);
        self.text(touch.text);
        self.optional_text(touch.by);
        self.optional_date(touch.next);
    }

    fn problems(&mut self, problems: &[Problem]) {
        self.count(problems.len());
        for problem in problems {
            self.span(problem.span);
            self.out.push(severity_code(problem.severity));
            self.text(&problem.message);
            if problem.file == self.file {
                self.out.push(0);
            } else {
                self.out.push(1);
                self.text(&problem.file);
            }
        }
    }

    fn count(&mut self, count: usize) {
        put_varint(self.out, count as u64);
    }

    /// A text: its length here, its bytes next in the heap.
    fn text(&mut self, text: &str) {
        put_varint(self.out, text.len() as u64);
        self.heap.push_str(text);
    }

    /// A flag byte, then the value when there is one.
    fn optional<T>(&mut self, value: Option<T>, write: impl FnOnce(&mut Self, T)) {
        self.out.push(u8::from(value.is_some()));
        if let Some(value) = value {
            write(self, value);
        }
    }

    fn optional_text(&mut self, text: Option<&str>) {
        self.optional(text, Self::text);
    }

    fn date(&mut self, date: NaiveDate) {
        put_varint(self.out, zigzag(i64::from(date.num_days_from_ce())));
    }

    fn optional_date(&mut self, date: Option<NaiveDate>) {
        self.optional(date, Self::date);
    }

    fn span(&mut self, span: Span) {
        put_varint(self.out, u64::from(span.start));
        put_varint(self.out, u64::from(span.end));
    }
}

/// Reads a parse result's fields back, its texts borrowed from the heap
/// (taken from its front, in the order written).
struct Decoder<'a> {
    cursor: Cursor<'a>,
    heap: &'a str,
    file: &'a str,
}

#[allow(clippy::option_option, reason = "None: the record is damaged; Some(None): the value was not there")]
impl<'a> Decoder<'a> {
    fn note(&mut self) -> Option<Note<'a>> {
        let name = self.owned_text()?;
        let company = self.owned_text()?;
        let role = self.owned_text()?;
        let links = Links { name: self.boxed_text()?, company: self.boxed_text()?, role: self.boxed_text()? };
        let email = self.owned_text()?;
        let phone = self.owned_text()?;
        let tags = self.texts()?;
        let playbook = self.owned_text()?;
        let stage = match self.cursor.u8()? {
            0 => None,
            code => Some(stage_from(code - 1)?),
        };
        let do_not_contact = match self.cursor.u8()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let next = self.optional_date()?;
        let added = self.optional_date()?;
        let owner = self.texts()?;
        let spans = KeySpans { name: self.span()?, email: self.span()?, playbook: self.span()?, owner: self.span()? };
        let front = FrontMatter {
            name,
            company,
            role,
            links,
            email,
            phone,
            tags,
            playbook,
            stage,
            do_not_contact,
            next,
            added,
            owner,
            extra: Extra::default(),
            spans,
        };
        let extra = self.optional_text()?;
        let touches = self.touches()?;
        let planned = self.touches()?;
        Some(Note { file: self.file, front, extra, touches, planned })
    }

    fn touches(&mut self) -> Option<Vec<Touch<'a>>> {
        let count = self.count()?;
        let mut touches = Vec::with_capacity(count);
        for _ in 0..count {
            touches.push(self.touch()?);
        }
        Some(touches)
    }

    /// A touch: see [`Encoder::touch`].
    fn touch(&mut self) -> Option<Touch<'a>> {
        let date = NaiveDate::from_num_days_from_ce_opt(i32::from_le_bytes(self.cursor.array()?))?;
        let seconds = u32::from_le_bytes(self.cursor.array()?);
        let kinds = self.cursor.u8()?;
        let span =
            Span { start: u32::from_le_bytes(self.cursor.array()?), end: u32::from_le_bytes(self.cursor.array()?) };
        let nanos = if kinds >> 7 == 1 { u32::from_le_bytes(self.cursor.array()?) } else { 0 };
        let time = match seconds.checked_sub(1) {
            None => None,
            Some(seconds) => Some(NaiveTime::from_num_seconds_from_midnight_opt(seconds, nanos)?),
        };
        Some(Touch {
            date,
            time,
            channel: channel_from(kinds >> 4 & 0b111)?,
            direction: direction_from(kinds >> 3 & 1)?,
            outcome: outcome_from(kinds & 0b111)?,
            keywords: self.text()?,
            text: self.text()?,
            by: self.optional_text()?,
            next: self.optional_date()?,
            span,
        })
    }

    fn problems(&mut self) -> Option<Vec<Problem>> {
        let count = self.count()?;
        let mut problems = Vec::with_capacity(count);
        for _ in 0..count {
            let span = self.span()?;
            let severity = severity_from(self.cursor.u8()?)?;
            let message = self.text()?.to_owned();
            let file = match self.cursor.u8()? {
                0 => self.file,
                1 => self.text()?,
                _ => return None,
            };
            problems.push(Problem { file: file.to_owned(), span, severity, message, source: None, extent: None });
        }
        Some(problems)
    }

    /// A count of items that follow, each at least a byte: never more than
    /// the bytes left (a corrupt count allocates nothing).
    fn count(&mut self) -> Option<usize> {
        self.cursor.length()
    }

    /// The next text of the heap.
    fn text(&mut self) -> Option<&'a str> {
        let length = self.cursor.length_within(self.heap.len())?;
        let (text, rest) = self.heap.split_at_checked(length)?;
        self.heap = rest;
        Some(text)
    }

    /// A count, then as many texts, owned (strings reused: see [`reused`]).
    fn texts(&mut self) -> Option<Vec<String>> {
        (0..self.count()?).map(|_| self.text().map(reused)).collect()
    }

    /// A flag byte, then the value when there is one.
    fn optional<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.cursor.u8()? {
            0 => Some(None),
            1 => read(self).map(Some),
            _ => None,
        }
    }

    fn optional_text(&mut self) -> Option<Option<&'a str>> {
        self.optional(Self::text)
    }

    fn owned_text(&mut self) -> Option<Option<String>> {
        self.optional_text().map(|text| text.map(reused))
    }

    fn boxed_text(&mut self) -> Option<Option<Box<str>>> {
        self.optional_text().map(|text| text.map(Box::from))
    }

    fn date(&mut self) -> Option<NaiveDate> {
        let days = i32::try_from(unzigzag(self.cursor.varint()?)).ok()?;
        NaiveDate::from_num_days_from_ce_opt(days)
    }

    fn optional_date(&mut self) -> Option<Option<NaiveDate>> {
        self.optional(Self::date)
    }

    fn span(&mut self) -> Option<Span> {
        let start = u32::try_from(self.cursor.varint()?).ok()?;
        let end = u32::try_from(self.cursor.varint()?).ok()?;
        Some(Span { start, end })
    }
}

/// The bytes not read yet.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, length: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.0.split_at_checked(length)?;
        self.0 = rest;
        Some(taken)
    }

    /// The next `N` bytes.
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (taken, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*taken)
    }

    fn u8(&mut self) -> Option<u8> {
        let (&byte, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(byte)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn i64(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A LEB128 varint of at most 10 bytes (bits past the 64th dropped).
    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        let mut shift = 0;
        loop {
            let (&byte, rest) = self.0.split_first()?;
            self.0 = rest;
            value |= u64::from(byte & 0x7F) << shift;
            if byte < 0x80 {
                return Some(value);
            }
            shift += 7;
            if shift > 63 {
                return None;
            }
        }
    }

    /// A varint that counts or measures what follows: at most the bytes left.
    fn length(&mut self) -> Option<usize> {
        self.length_within(self.0.len())
    }

    /// A varint of at most `limit`.
    fn length_within(&mut self, limit: usize) -> Option<usize> {
        usize::try_from(self.varint()?).ok().filter(|&length| length <= limit)
    }
}

/// The LEB128 varint at the start of `bytes`, and the bytes after it.
pub(super) fn varint(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let mut cursor = Cursor(bytes);
    Some((cursor.varint()?, cursor.0))
}

/// Appends `value` as a LEB128 varint.
pub(super) fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value & 0x7F) as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

/// The byte each value of an enum is written as (`$code`) and read back
/// from (`$from`): its place in the list, which must name every variant
/// (the match makes a new one a compile error).
macro_rules! codes {
    ($kind:ident, $code:ident, $from:ident, [$($variant:ident),+ $(,)?]) => {
        fn $code(value: $kind) -> u8 {
            match value {
                $($kind::$variant)|+ => {}
            }
            [$($kind::$variant),+].iter().position(|&each| each == value).map_or(u8::MAX, |at| at as u8)
        }

        fn $from(code: u8) -> Option<$kind> {
            [$($kind::$variant),+].get(usize::from(code)).copied()
        }
    };
}

codes!(Stage, stage_code, stage_from, [Active, Nurture, Closed, Stopped]);
codes!(Channel, channel_code, channel_from, [Call, Email, Message, Letter, Meeting, Other]);
codes!(Direction, direction_code, direction_from, [Out, In]);
codes!(
    Outcome,
    outcome_code,
    outcome_from,
    [Attempt, Voicemail, NoAnswer, Reply, Conversation, NotInterested, Stop, Closed]
);
codes!(Severity, severity_code, severity_from, [Error, Warning]);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{Keywords, parse_note};

    /// Every note of the fixture vaults, as the parse stage reads it.
    fn fixture_notes() -> Vec<(String, String)> {
        let mut notes = Vec::new();
        for entry in walkdir::WalkDir::new("fixtures").into_iter().filter_map(Result::ok) {
            if entry.path().extension().is_some_and(|extension| extension == "md") {
                let bytes = std::fs::read(entry.path()).unwrap();
                notes.push((entry.path().display().to_string(), String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
        assert!(notes.len() > 40, "{}", notes.len());
        notes
    }

    fn round_trip<'a>(path: &'a str, parsed: &Parsed<'_>, out: &'a mut Vec<u8>) -> Option<Parsed<'a>> {
        write(out, &mut Scratch::default(), path, parsed);
        super::parsed(out, path)
    }

    #[test]
    fn every_fixture_note_reads_back_as_the_parse_stage_made_it() {
        for (path, text) in fixture_notes() {
            let parsed = parse_note(&path, &text, &Keywords::default());
            let mut out = Vec::new();
            assert_eq!(round_trip(&path, &parsed, &mut out).as_ref(), Some(&parsed), "{path}");
        }
    }

    #[test]
    fn touches_read_back_with_and_without_a_time_and_its_nanoseconds() {
        let text = "---\nname: Dana\n---\n- 2026-11-10 call vm\n- 2026-11-11 23:59 email\n- [ ] 2026-12-01 call\n";
        let Parsed::Contact(mut note, problems) = parse_note("a.md", text, &Keywords::default()) else { panic!() };
        let times = [None, NaiveTime::from_hms_opt(0, 0, 0), NaiveTime::from_hms_nano_opt(23, 59, 59, 1_999_999_999)];
        for time in times {
            for touch in note.touches.iter_mut().chain(&mut note.planned) {
                touch.time = time;
            }
            let parsed = Parsed::Contact(note.clone(), problems.clone());
            let mut out = Vec::new();
            assert_eq!(round_trip("a.md", &parsed, &mut out), Some(parsed), "{time:?}");
        }
    }

    #[test]
    fn left_out_broken_and_foreign_problems_read_back() {
        let problems =
            vec![Problem::error("a.md", Span::new(3, 4), "bad"), Problem::warning("other.md", Span::START, "élan")];
        for parsed in [Parsed::NotAContact, Parsed::LeftOut, Parsed::Broken(problems)] {
            let mut out = Vec::new();
            assert_eq!(round_trip("a.md", &parsed, &mut out), Some(parsed));
        }
    }

    #[test]
    fn records_read_back() {
        let stamp = Stamp { size: 1234, modified: 1_764_000_000_123_456_789, changed: -5, inode: u64::MAX };
        let record = Record { path: "people/dana é.md".as_bytes(), stamp, fingerprint: 77, length: 300, checksum: 9 };
        let mut out = Vec::new();
        record.write(&mut out);
        out.push(42);
        assert_eq!(Record::read(&out), Some((record, &[42][..])));
    }

    #[test]
    fn varints_read_back_and_an_endless_one_does_not_read() {
        for value in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX - 1, u64::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, value);
            out.push(9);
            let mut cursor = Cursor(&out);
            assert_eq!((cursor.varint(), cursor.0), (Some(value), &[9][..]), "{value}");
        }
        assert_eq!(Cursor(&[0x80; 11]).varint(), None);
        assert_eq!(Cursor(&[0x80, 0x80]).varint(), None, "cut");
    }

    proptest::proptest! {
        /// Whatever the bytes, reading them is `None` or an entry, never a
        /// panic; a cut entry never reads.
        #[test]
        fn any_bytes_read_as_an_entry_or_nothing(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            let _ = Record::read(&bytes);
            let _ = parsed(&bytes, "a.md");
        }

        #[test]
        fn a_cut_or_flipped_entry_never_panics(cut in 0usize..2000, flip in 0usize..2000, bit in 0u8..8) {
            let text = "---\nname: Dana\ntags: [a, b]\nnext: 2026-12-01\n---\n- 2026-11-10 9:30 call vm: left a message\n- [ ] 2026-12-02 email\n- 2026-13-01 call\n";
            let parsed = parse_note("people/dana.md", text, &Keywords::default());
            let mut out = Vec::new();
            write(&mut out, &mut Scratch::default(), "people/dana.md", &parsed);
            let mut changed = out.clone();
            if let Some(byte) = changed.get_mut(flip % out.len()) {
                *byte ^= 1 << bit;
            }
            proptest::prop_assert_eq!(super::parsed(&out[..cut.min(out.len() - 1)], "people/dana.md"), None);
            let _ = super::parsed(&changed, "people/dana.md");
        }
    }
}
