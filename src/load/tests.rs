//! Spans of the problems of whole notes, as the loader gives them.

use std::path::PathBuf;

use proptest::prelude::*;

use super::*;
use crate::discover::Config;
use crate::position::{Extent, Position};

/// Lines a note is made of: good and bad front matter, touches and
/// items, wide and multi-byte characters.
const LINES: &[&str] = &[
    "name: Dana Reyes",
    "name: 김민준 # a comment",
    "email: d@acme.example",
    "playbok: sales",
    "playbook: recruiting-firms",
    "stage: paused",
    "added: 2026-02-30",
    "tags: {priority: high}",
    "do_not_contact: maybe",
    "name: [oops",
    "\tcompany: Ac\u{0}me",
    "- 2026-11-10 calld the office",
    "- 2026-13-45 call",
    "- 2026-11-12 call: next: 2026-02-30",
    "- [ ] 2026-11-01 call",
    "- **2026-11-20 9:30** émail",
    "- [[2026-11-03|Tue]] reply stop",
    "- 2026-11-14 call",
    "- 2027-01-01 call",
    "- 14/11/2026 call",
    "  - [x] 2026-11-15",
    "# Notes ☕",
    "",
];

fn note() -> impl Strategy<Value = String> {
    let lines = || proptest::collection::vec(proptest::sample::select(LINES), 0..6);
    (any::<bool>(), any::<bool>(), lines(), lines(), any::<bool>()).prop_map(|(bom, crlf, front, body, closed)| {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut text = String::from(if bom { "\u{feff}---" } else { "---" });
        for line in front {
            text.push_str(eol);
            text.push_str(line);
        }
        if closed {
            text.push_str(eol);
            text.push_str("---");
        }
        for line in body {
            text.push_str(eol);
            text.push_str(line);
        }
        text
    })
}

/// The text each problem's span covers, and the problem's message.
fn spanned(text: &str) -> Vec<(String, String)> {
    let vault = Vault { root: PathBuf::new(), config: Config::default() };
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    let (_, problems) = contact_from_bytes(&vault, "a.md", text.as_bytes(), today);
    problems.iter().map(|p| (text.get(p.span.range()).unwrap_or("?").to_owned(), p.message.clone())).collect()
}

#[test]
fn each_kind_of_problem_spans_its_bad_text() {
    let text = "\u{feff}---\r\nname: Dana\r\nplaybok: x\r\nplaybook: recruiting-firms # who\r\nemail: d@a.example\r\nemail: e@a.example\r\n---\r\n- 2026-11-10 calld the office\r\n- 2026-13-45 call\r\n- 14/11/2026 call\r\n- 2026-11-12 call: next: 2026-02-30\r\n- 2026-11-13 reply stop\r\n- **2026-11-14** call\r\n- 2026-11-14 9:30 call\r\n- [ ] [[2026-11-15|Sun]] call\r\n- 2027-01-01 call\r\n- 2026-11-16\r\n";
    let found = spanned(text);
    let starts =
        |prefix: &str| found.iter().filter(|(_, m)| m.starts_with(prefix)).map(|(s, _)| s.as_str()).collect::<Vec<_>>();
    assert_eq!(starts("unknown key `playbok`"), ["playbok"], "{found:?}");
    assert_eq!(starts("`email` is written twice"), ["email"]);
    assert_eq!(starts("unknown playbook"), ["recruiting-firms"], "the value, without its comment");
    assert_eq!(starts("unknown touch keyword"), ["calld"]);
    assert_eq!(starts("impossible date '2026-13-45'"), ["2026-13-45"]);
    assert_eq!(starts("'14/11/2026' is no date"), ["14/11/2026"]);
    assert_eq!(starts("impossible date '2026-02-30' after next"), ["2026-02-30"]);
    assert_eq!(
        starts("attempt after they asked to stop"),
        ["2026-11-14", "2026-11-14 9:30", "2026-11-16"],
        "dates as written"
    );
    assert_eq!(starts("planned call"), ["[[2026-11-15|Sun]]"]);
    assert_eq!(starts("touch dated 2027-01-01"), ["2027-01-01"]);
    assert_eq!(starts("no touch keyword"), [""], "an empty span after the date");
    let broken = |text: &str| spanned(text).into_iter().map(|(s, _)| s).collect::<Vec<_>>();
    assert_eq!(broken("---\nadded: 2026-02-30\n---\n"), ["2026-02-30"]);
    assert_eq!(broken("---\ntags: {a: 1}\n---\n"), ["{a: 1}"]);
    assert_eq!(broken("---\nname: [oops\n---\n"), [""], "where YAML stopped: the end of the front matter");
    assert_eq!(broken("---\nname: A\n role: B\n---\n"), [":"], "where YAML stopped: a character");
    assert_eq!(broken("---\n- a\n---\n"), ["- a"]);
    assert_eq!(broken("\u{feff}---\nname: A\n"), ["\u{feff}---"], "never closed: the opening line");
}

proptest! {
    /// Every problem of any note is a span of the note's text, on
    /// character boundaries, printed at the place that span starts.
    #[test]
    fn every_problem_is_a_span_of_its_note_printed_where_it_starts(text in note()) {
        let vault = Vault { root: PathBuf::new(), config: Config::default() };
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let (_, problems) = contact_from_bytes(&vault, "a.md", text.as_bytes(), today);
        for problem in &problems {
            let span = problem.span;
            prop_assert!(span.end() <= text.len(), "{problem}: {span:?}");
            prop_assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()), "{problem}: {span:?}");
            prop_assert_eq!(problem.position(), Position::of(&text, span.start()), "{}", problem);
            prop_assert_eq!(problem.end_position(), Position::of(&text, span.end()), "{}", problem);
        }
    }
}

proptest! {
    /// A contact keeps the lines and columns of its `name` and `email` as
    /// its note's text gives them: a duplicate's warning is printed where
    /// it was printed from the note read again.
    #[test]
    fn a_contacts_name_and_email_are_placed_where_the_note_places_them(text in note(), wide in "[ é김📧]{0,3}") {
        let text = text.replacen("email: ", &format!("email: {wide}"), 1);
        let vault = Vault { root: PathBuf::new(), config: Config::default() };
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let (Some(contact), _) = contact_from_bytes(&vault, "a.md", text.as_bytes(), today) else { return Ok(()) };
        for placed in [contact.places.name, contact.places.email] {
            let span = placed.span;
            let extent = Extent { start: Position::of(&text, span.start()), end: Position::of(&text, span.end()) };
            prop_assert_eq!(placed.at.extent(), Some(extent), "{:?}", span);
        }
    }
}

#[test]
fn a_file_is_read_again_up_to_the_end_of_a_spans_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    let long = "x".repeat(10_000);
    std::fs::write(&path, format!("---\r\nname: {long}\r\n---\r\nbody\n")).unwrap();
    let read = |end| String::from_utf8(read_lines_to(&path, end).unwrap()).unwrap();
    assert_eq!(read(2), "---\r");
    assert_eq!(read(11), format!("---\r\nname: {long}\r"), "a line longer than one read");
    assert_eq!(read(99_999), format!("---\r\nname: {long}\r\n---\r\nbody\n"), "past the end: the whole file");
    assert_eq!(read_lines_to(&dir.path().join("gone.md"), 3), None);
}
