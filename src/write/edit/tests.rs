//! Byte-exact tests of the edits: each case is the whole file before and after.

use super::*;
use crate::parse::{Keywords, Parsed, parse_note};

const ITEM: &str = "2026-11-25 call voicemail: left a message";

/// `text` after `nudge log` added [`ITEM`], found the way the command finds it.
fn logged(text: &str) -> String {
    let Parsed::Contact(note, _) = parse_note("people/dana.md", text, &Keywords::default()) else {
        panic!("not a contact: {text:?}");
    };
    let inserted = insert_touch(text, note.touches.last().map(|touch| touch.span), ITEM);
    let line = inserted.text.split('\n').nth(inserted.line - 1).unwrap();
    assert!(line.trim_end().ends_with(ITEM), "line {} is the item: {line:?}", inserted.line);
    assert_eq!(
        inserted.text.get(inserted.span.range()),
        Some(line.strip_suffix('\r').unwrap_or(line)),
        "its span is its line"
    );
    inserted.text
}

#[test]
fn crlf_and_the_byte_order_mark_are_kept() {
    let before = "\u{feff}---\r\nname: Dana\r\n---\r\n\r\n## Touches\r\n\r\n- 2026-11-10 email: sent\r\n- 2026-11-14 call\r\n\r\n## Notes\r\nfree text\r\n";
    let after = "\u{feff}---\r\nname: Dana\r\n---\r\n\r\n## Touches\r\n\r\n- 2026-11-10 email: sent\r\n- 2026-11-14 call\r\n- 2026-11-25 call voicemail: left a message\r\n\r\n## Notes\r\nfree text\r\n";
    assert_eq!(logged(before), after);
}

#[test]
fn a_missing_final_newline_stays_missing() {
    assert_eq!(
        logged("---\n---\n- 2026-11-10 email"),
        "---\n---\n- 2026-11-10 email\n- 2026-11-25 call voicemail: left a message"
    );
    assert_eq!(
        logged("---\n---\n- 2026-11-10 email\n\nlast words"),
        "---\n---\n- 2026-11-10 email\n- 2026-11-25 call voicemail: left a message\n\nlast words"
    );
}

#[test]
fn touches_followed_by_another_section() {
    let before = "---\n---\n# Dana\n\n## Touches\n\n- 2026-11-10 email\n- 2026-11-14 call\n\n## Interview prep\n\n- read the blog\n";
    let after = "---\n---\n# Dana\n\n## Touches\n\n- 2026-11-10 email\n- 2026-11-14 call\n- 2026-11-25 call voicemail: left a message\n\n## Interview prep\n\n- read the blog\n";
    assert_eq!(logged(before), after);
}

#[test]
fn touches_in_a_nested_list_get_their_indentation() {
    let before = "---\n---\n- Acme\n  - 2026-11-10 email\n  - 2026-11-14 call\n- Globex\n  - an idea\n";
    let after = "---\n---\n- Acme\n  - 2026-11-10 email\n  - 2026-11-14 call\n  - 2026-11-25 call voicemail: left a message\n- Globex\n  - an idea\n";
    assert_eq!(logged(before), after);
}

#[test]
fn an_item_keeps_its_continuation_lines_and_sub_items() {
    let before = "---\n---\n- 2026-11-14 call: a long story\n  that goes on\n  - a detail\n- not a touch\n";
    let after = "---\n---\n- 2026-11-14 call: a long story\n  that goes on\n  - a detail\n- 2026-11-25 call voicemail: left a message\n- not a touch\n";
    assert_eq!(logged(before), after);
}

#[test]
fn tabs_trailing_spaces_and_markers_are_kept() {
    let before = "---\nname: Dana   \n---\n- Acme\t\n\t* 2026-11-10 email:\tsent  \n\t* 2026-11-14 call \t\n\t  more \t\n\nafter\t\n";
    let after = "---\nname: Dana   \n---\n- Acme\t\n\t* 2026-11-10 email:\tsent  \n\t* 2026-11-14 call \t\n\t  more \t\n\t* 2026-11-25 call voicemail: left a message\n\nafter\t\n";
    assert_eq!(logged(before), after);
}

#[test]
fn an_ordered_list_counts_on() {
    assert_eq!(
        logged("---\n---\n1. 2026-11-10 email\n2) x\n9) 2026-11-14 call\n"),
        "---\n---\n1. 2026-11-10 email\n2) x\n9) 2026-11-14 call\n10) 2026-11-25 call voicemail: left a message\n"
    );
}

#[test]
fn the_last_touch_in_the_file_wins_over_dates_code_and_quotes() {
    let before =
        "---\n---\n- [x] 2026-11-14 call\n- 2026-11-10 email\n\n```\n- 2026-11-20 call\n```\n> - 2026-11-21 call\n";
    let after = "---\n---\n- [x] 2026-11-14 call\n- 2026-11-10 email\n- 2026-11-25 call voicemail: left a message\n\n```\n- 2026-11-20 call\n```\n> - 2026-11-21 call\n";
    assert_eq!(logged(before), after);
}

#[test]
fn without_touches_a_touches_section_is_added_at_the_end() {
    assert_eq!(
        logged("---\nname: Dana\n---\n# Dana\n\nMet at a meetup.\n"),
        "---\nname: Dana\n---\n# Dana\n\nMet at a meetup.\n\n## Touches\n\n- 2026-11-25 call voicemail: left a message\n"
    );
    assert_eq!(
        logged("---\r\nname: Dana\r\n---\r\n\r\n"),
        "---\r\nname: Dana\r\n---\r\n\r\n## Touches\r\n\r\n- 2026-11-25 call voicemail: left a message\r\n"
    );
    assert_eq!(
        logged("---\n---\nno final newline"),
        "---\n---\nno final newline\n\n## Touches\n\n- 2026-11-25 call voicemail: left a message"
    );
}

#[test]
fn an_empty_touches_section_gets_the_first_touch() {
    assert_eq!(
        logged("---\n---\n\n## Touches\n"),
        "---\n---\n\n## Touches\n\n- 2026-11-25 call voicemail: left a message\n"
    );
    assert_eq!(
        logged("---\n---\n\n## Touches\n\n"),
        "---\n---\n\n## Touches\n\n- 2026-11-25 call voicemail: left a message\n"
    );
    assert_eq!(
        logged("---\n---\n## Touches\n\n## Notes\nx\n"),
        "---\n---\n## Touches\n\n- 2026-11-25 call voicemail: left a message\n\n## Notes\nx\n"
    );
    assert_eq!(
        logged("---\n---\n## touches\nNone yet.\n## Notes\n"),
        "---\n---\n## touches\nNone yet.\n\n- 2026-11-25 call voicemail: left a message\n\n## Notes\n"
    );
    assert_eq!(
        logged("---\n---\n## Touches\n\n\n### 2026\n"),
        "---\n---\n## Touches\n\n\n### 2026\n\n- 2026-11-25 call voicemail: left a message\n",
        "a sub-heading belongs to the section: the touch goes at its end"
    );
}

#[test]
fn the_marker_is_the_innermost_one_and_a_checkbox_is_not_copied() {
    assert_eq!(list_marker("  - [x] "), ("  ".to_owned(), "-".to_owned()));
    assert_eq!(list_marker("- 3. "), ("  ".to_owned(), "4.".to_owned()));
    assert_eq!(list_marker("\t+ "), ("\t".to_owned(), "+".to_owned()));
    assert_eq!(list_marker("  "), ("  ".to_owned(), "-".to_owned()), "a date on a continuation line");
}

#[test]
fn next_replaces_the_value_and_keeps_the_rest_of_the_line() {
    let set = |text: &str| set_front_matter_key(text, "next", "2026-12-09");
    assert_eq!(
        set("---\nname: Dana\nnext: 2026-11-30   # agreed on the phone\nadded: 2026-11-01\n---\nbody"),
        Some("---\nname: Dana\nnext: 2026-12-09   # agreed on the phone\nadded: 2026-11-01\n---\nbody".to_owned())
    );
    assert_eq!(
        set("---\r\nnext:  \"2026-11-30\"  \r\n---\r\n"),
        Some("---\r\nnext:  2026-12-09  \r\n---\r\n".to_owned())
    );
    assert_eq!(
        set("---\nnext:   # soon\n  2026-11-30\nname: Dana\n---\n"),
        Some("---\nnext: 2026-12-09   # soon\nname: Dana\n---\n".to_owned())
    );
    assert_eq!(set("---\n'next' : 2026-11-30\n---\n"), Some("---\n'next' : 2026-12-09\n---\n".to_owned()));
    assert_eq!(
        set("---\nnext: 2026-11-01\nnext: 2026-11-30\n---\n"),
        Some("---\nnext: 2026-11-01\nnext: 2026-12-09\n---\n".to_owned()),
        "written twice: the later one, which is read"
    );
}

#[test]
fn next_is_added_before_the_closing_line() {
    let set = |text: &str| set_front_matter_key(text, "next", "2026-12-09");
    assert_eq!(
        set("\u{feff}---\r\nname: Dana\r\n---\r\nbody"),
        Some("\u{feff}---\r\nname: Dana\r\nnext: 2026-12-09\r\n---\r\nbody".to_owned())
    );
    assert_eq!(set("---\n---\n"), Some("---\nnext: 2026-12-09\n---\n".to_owned()));
    assert_eq!(
        set("---\nmeta:\n  next: 2026-01-01\nnextday: x\n...\n"),
        Some("---\nmeta:\n  next: 2026-01-01\nnextday: x\nnext: 2026-12-09\n...\n".to_owned()),
        "only a top-level `next:` is the key"
    );
    assert_eq!(set("# no front matter\n"), None);
}
