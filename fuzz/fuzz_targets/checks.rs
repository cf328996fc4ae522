//! What each fuzz target does with one input, and the properties it
//! checks. Shared with the regression tests (`tests/fuzz_regressions.rs`),
//! which replay every input kept in `fuzz/regressions/<target>/`.

// Each target uses one of the functions; the regression tests use them all.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::{Days, NaiveDate};
use nudge::testing::body::list_items;
use nudge::testing::touch::{Item, parse_item};
use nudge::testing::{CONFIG_FILE, Config, Keywords, Parsed, Problem, Vault, parse_note};

/// The file name notes are read under.
const FILE: &str = "people/x.md";

/// The whole note reader: any bytes as a note file, read as `nudge status`
/// reads it (decode, front matter, touches, playbook, derivation), then
/// rendered as JSON and as the table. The first byte picks today: a day of
/// November 2026 and after, or with 0xFF and three more bytes, any day from
/// year 1 to 9999.
pub(super) fn note(data: &[u8]) {
    let (today, bytes) = match data {
        [0xFF, a, b, c, rest @ ..] => {
            let day = u32::from_le_bytes([*a, *b, *c, 0]) % 3_652_059;
            let day = i32::try_from(day).unwrap_or(0) + 1;
            (NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN), rest)
        }
        [day, rest @ ..] => (NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() + Days::new(u64::from(*day)), rest),
        [] => return,
    };
    let vault = Vault { root: PathBuf::new(), config: Config::default() };
    let (contact, problems) = nudge::testing::contact_from_bytes(&vault, FILE, bytes, today);
    check_problems(&problems, FILE, bytes);
    if let Some(contact) = contact {
        let json = nudge::testing::status::json(&[&contact]);
        let parsed: serde_json::Value = serde_json::from_str(&json).expect("status --json prints JSON");
        assert_eq!(parsed[0]["file"], FILE);
        let table = nudge::testing::status::table(&[&contact], Some(80), true);
        assert!(table.lines().count() >= 2, "{table}");
    }
}

/// A contact every parsed config derives, under each of its playbooks.
const CONTACT: &str = "---\nname: Dana\nadded: 2026-10-01\n---\n- 2026-10-02 email\n- 2026-10-06 rang\n- 2026-10-09 call vm\n- 2026-10-10 reply: later\n- 2026-10-20 call\n";

/// `nudge.yaml`: any text parses to a config or to positioned problems; a
/// config that parses derives a fixed contact under each of its playbooks
/// (durations, limits and holidays from the fuzzer), on an ordinary day and
/// on the first and last days chrono knows.
pub(super) fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let config = match Config::parse(text) {
        Ok(config) => config,
        Err(problems) => {
            assert!(!problems.is_empty());
            check_problems(&problems, CONFIG_FILE, data);
            return;
        }
    };
    let vault = Vault { root: PathBuf::new(), config };
    let Parsed::Contact(note, _) = parse_note("x.md", CONTACT, &vault.config.keywords) else {
        panic!("the fixed contact is a contact");
    };
    for today in [NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), NaiveDate::MAX, NaiveDate::MIN] {
        let context = nudge::testing::context(&vault, today);
        for playbook in vault.config.playbooks.iter() {
            let (_, problems) = nudge::testing::derive(&note, playbook, &context);
            check_problems(&problems, "x.md", CONTACT.as_bytes());
        }
    }
}

static KEYWORDS: LazyLock<Keywords> = LazyLock::new(Keywords::default);

/// The touch-line grammar and the list-item scanner: any text as one list
/// item's text, and as a note body; every offset and slice they return lies
/// inside the text and says what it claims.
pub(super) fn touch(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse_item(text, &KEYWORDS) {
        Item::Touch(touch) => {
            assert!(text.is_char_boundary(touch.date_offset));
            assert!(inside(touch.keywords, text) && inside(touch.text, text));
            if let Some((offset, word)) = touch.unknown_keyword {
                assert_eq!(text.get(offset..offset + word.len()), Some(word));
            }
            for (offset, bad) in touch.bad_next {
                assert_eq!(text.get(offset..offset + bad.len()), Some(bad));
            }
        }
        Item::BadDate { offset, text: bad } | Item::OtherDateForm { offset, text: bad } => {
            assert_eq!(text.get(offset..offset + bad.len()), Some(bad));
        }
        Item::Plain | Item::Note => {}
    }
    for item in list_items(text) {
        assert!(text.get(item.text).is_some());
    }
}

/// The edits `log` and `snooze` write into a note: any note text gets a
/// touch after its last one, and a `next:` key. Not a byte of the old text
/// is lost: the new text is the old one with lines inserted at one place
/// (the touch), or with only the front matter changed (`next:`).
pub(super) fn edit(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Parsed::Contact(note, _) = parse_note(FILE, text, &KEYWORDS) else { return };
    let last = note.touches.iter().map(|touch| touch.span).max();
    let item = "2026-11-25 call voicemail: from the fuzzer";
    let inserted = nudge::testing::insert_touch(text, last, item);
    assert!(kept_around_one_insertion(text, &inserted.text), "bytes lost:\n{text:?}\n{:?}", inserted.text);
    let line = inserted.text.lines().nth(inserted.line.saturating_sub(1)).unwrap_or_default();
    assert!(line.contains(item), "line {} is {line:?}", inserted.line);
    if let Some(snoozed) = nudge::testing::set_front_matter_key(text, "next", "2026-12-09") {
        let body = |text: &str| match nudge::testing::front_matter::split(text) {
            nudge::testing::front_matter::Opening::Split(split) => Some(split.body.to_owned()),
            _ => None,
        };
        assert_eq!(body(&snoozed), body(text), "the body changed:\n{text:?}\n{snoozed:?}");
    }
}

/// Whether `new` is `old` with bytes inserted at one place: its common
/// prefix and suffix with `old` cover all of `old`.
fn kept_around_one_insertion(old: &str, new: &str) -> bool {
    let prefix = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    let suffix = old.bytes().rev().zip(new.bytes().rev()).take_while(|(a, b)| a == b).count();
    new.len() > old.len() && prefix + suffix >= old.len()
}

/// Whether `part` is a slice of `text`.
fn inside(part: &str, text: &str) -> bool {
    let start = text.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    start <= at && at + part.len() <= start + text.len()
}

/// Every problem names `file` and a span of `text` (on character
/// boundaries when it is UTF-8), printed at a real place (1-based, not past
/// its last line), and says something.
fn check_problems(problems: &[Problem], file: &str, text: &[u8]) {
    #[allow(clippy::naive_bytecount, reason = "a fuzz check: plain over fast, and no bytecount crate for it")]
    let lines = text.iter().filter(|byte| **byte == b'\n').count() + 1;
    for problem in problems {
        assert_eq!(problem.file, file, "{problem}");
        let span = problem.span;
        assert!(span.end() <= text.len(), "{problem}: {span:?} past the {} bytes", text.len());
        if let Ok(text) = std::str::from_utf8(text) {
            let on_boundaries = text.is_char_boundary(span.start()) && text.is_char_boundary(span.end());
            assert!(on_boundaries, "{problem}: {span:?} cuts a character");
        }
        let position = problem.position();
        assert!(position.line >= 1 && position.column >= 1, "{problem}");
        assert!(usize::try_from(position.line).unwrap_or(usize::MAX) <= lines, "{problem}: {lines} lines");
        assert!(!problem.message.is_empty(), "{problem}");
    }
}

/// The language server (`nudge lsp`): a note open, changes typed into it
/// (incremental or whole, in either column encoding), hover, completion,
/// code actions and the rest asked; never a panic, and every diagnostic
/// inside the final text, on character boundaries. The first byte picks
/// the encoding (bit 0: UTF-8); the rest is pieces apart by 0xFF (no UTF-8
/// text holds it): the note's text, then each change: 4 bytes of range
/// (line, column, line, column: asked at too) and its text, or 0xFE and
/// the whole new text.
pub(super) fn lsp(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else { return };
    let lossy = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let mut pieces = rest.split(|&byte| byte == 0xFF);
    let text = lossy(pieces.next().unwrap_or_default());
    let mut asked = Vec::new();
    let owned: Vec<(Option<[u32; 4]>, String)> = pieces
        .map(|piece| match piece {
            [0xFE, rest @ ..] => (None, lossy(rest)),
            [a, b, c, d, rest @ ..] => {
                asked.push((u32::from(*a), u32::from(*b)));
                (Some([*a, *b, *c, *d].map(u32::from)), lossy(rest))
            }
            other => (None, lossy(other)),
        })
        .collect();
    let changes: Vec<(Option<[u32; 4]>, &str)> = owned.iter().map(|(range, new)| (*range, new.as_str())).collect();
    let (text, ranges) = nudge::testing::replay(&text, &changes, &asked, flags & 1 == 1);
    for (start, end) in ranges {
        assert!(start <= end && end <= text.len(), "diagnostic {start}..{end} outside the text");
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "diagnostic {start}..{end} inside a character"
        );
    }
}
