//! Reading a hand-written agenda, and logging its ticked entries.

use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::discover::Vault;
use crate::discover::read::fingerprint;
use crate::render::agenda::marker::words;

#[test]
fn entries_are_task_lines_ending_with_a_nudge_comment() {
    let agenda = "# Agenda\r\n\r\n## Overdue\r\n\r\n- [ ] Call [Dana](people/dana.md): attempt 2 of 4 <!-- nudge call 00000000000000aa people/dana.md -->\r\n  - [x] Email [Ana Lima](people/ana lima.md) <!-- nudge email 0123456789abcdef people/ana lima.md -->  \r\n- [X] x <!-- nudge call 0123456789abcdef a.md -->\n- [x] my own task\n- [x] broken <!-- nudge call XYZ a.md -->\n* [x] not ours <!-- nudge call 0123456789abcdef a.md -->\n";
    let (entries, warnings) = entries("agenda.md", agenda);
    let short: Vec<(usize, bool, &str, &str, &str)> = entries
        .iter()
        .map(|e| (e.line, e.ticked, e.action.as_str(), e.fingerprint.as_str(), e.path.as_str()))
        .collect();
    assert!(entries.iter().all(|e| e.outcome.is_empty()), "nothing typed after the comments");
    assert_eq!(
        short,
        [
            (5, false, "call", "00000000000000aa", "people/dana.md"),
            (6, true, "email", "0123456789abcdef", "people/ana lima.md"),
            (7, true, "call", "0123456789abcdef", "a.md"),
        ]
    );
    assert_eq!(
        warnings,
        [
            "agenda.md:9: this entry's nudge comment cannot be read (it should be <!-- nudge ACTION FINGERPRINT/WORDS PATH -->): skipped; run `nudge agenda` to write it again"
        ]
    );
}

fn session(root: &Path) -> Session {
    Session {
        vault: Vault::discover(Some(root), root).unwrap(),
        today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        cwd: root.to_path_buf(),
        quiet: false,
        edits: crate::write::journal::Pending::default(),
    }
}

fn entry(root: &Path, relative: &str, action: &str, ticked: bool) -> String {
    let fingerprint = fingerprint(&std::fs::read(root.join(relative)).unwrap());
    let tick = if ticked { "x" } else { " " };
    format!("- [{tick}] {relative} <!-- nudge {action} {fingerprint} {relative} -->\n")
}

const CONTACT: &str = "---\nname: NAME\n---\n## Touches\n\n- 2026-11-10 email\n";

#[test]
fn ticked_entries_are_logged_once_and_changed_or_gone_ones_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for name in ["ana", "ben", "cleo", "dan", "eve"] {
        std::fs::create_dir_all(root.join("people")).unwrap();
        std::fs::write(root.join(format!("people/{name}.md")), CONTACT.replace("NAME", name)).unwrap();
    }
    let agenda = [
        "# Agenda\n\n".to_owned(),
        entry(root, "people/ana.md", "call", true),
        entry(root, "people/ben.md", "email", true),
        entry(root, "people/cleo.md", "call", true),
        entry(root, "people/dan.md", "call", true),
        entry(root, "people/eve.md", "call", false),
    ]
    .concat();
    std::fs::write(root.join("agenda.md"), agenda).unwrap();
    std::fs::write(root.join("people/cleo.md"), CONTACT.replace("NAME", "cleo") + "edited by hand\n").unwrap();
    std::fs::remove_file(root.join("people/dan.md")).unwrap();

    let synced = log_ticked(&session(root)).unwrap();

    let read = |name: &str| std::fs::read_to_string(root.join(format!("people/{name}.md"))).unwrap();
    assert!(read("ana").ends_with("- 2026-11-10 email\n- 2026-11-25 call: from the agenda\n"), "{}", read("ana"));
    assert!(read("ben").ends_with("- 2026-11-10 email\n- 2026-11-25 email: from the agenda\n"));
    assert!(read("cleo").ends_with("- 2026-11-10 email\nedited by hand\n"), "changed since: not logged");
    assert_eq!(read("eve"), CONTACT.replace("NAME", "eve"), "not ticked");
    assert!(
        synced.report.starts_with("people/ana.md:7: - 2026-11-25 call: from the agenda\nana: active"),
        "{}",
        synced.report
    );
    assert!(synced.report.ends_with("2 of 4 ticked entries in agenda.md logged\n"), "{}", synced.report);
    assert_eq!(synced.warnings.len(), 2, "{:?}", synced.warnings);
    assert!(synced.warnings[0].starts_with(
        "agenda.md:5: people/cleo.md changed since the agenda was written; look at it, then `nudge log people/cleo.md call` if it still applies: not logged"
    ));
    assert!(
        synced.warnings[1].starts_with("agenda.md:6: people/dan.md is gone or cannot be read"),
        "{:?}",
        synced.warnings
    );

    let again = log_ticked(&session(root)).unwrap();
    assert!(
        again.report.ends_with("0 of 4 ticked entries in agenda.md logged\n"),
        "the same agenda logs nothing twice"
    );
}

#[test]
fn entries_outside_the_vault_or_with_unknown_actions_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("ana.md"), CONTACT).unwrap();
    let ana = entry(root, "ana.md", "calld", true);
    let outside = "- [x] x <!-- nudge call 0123456789abcdef ../secret.md -->\n";
    std::fs::write(root.join("agenda.md"), format!("{ana}{ana}{outside}")).unwrap();
    let synced = log_ticked(&session(root)).unwrap();
    assert_eq!(std::fs::read_to_string(root.join("ana.md")).unwrap(), CONTACT);
    assert_eq!(synced.warnings.len(), 3, "{:?}", synced.warnings);
    assert!(synced.warnings[0].starts_with("agenda.md:1: unknown keyword 'calld': did you mean 'called'?"));
    assert!(synced.warnings[2].contains("../secret.md is outside the notes folder"), "{:?}", synced.warnings);
}

#[test]
fn without_an_agenda_there_is_nothing_to_log() {
    let dir = tempfile::tempdir().unwrap();
    let synced = log_ticked(&session(dir.path())).unwrap();
    assert_eq!(synced.report, "no agenda yet at agenda.md: nothing to log\n");
}

#[test]
fn text_after_the_comment_is_the_outcome_and_stays_whole() {
    let (entries, warnings) = entries(
        "agenda.md",
        "- [x] Call [Tom](t.md) <!-- nudge call 0123456789abcdef people/tom okafor.md -->  vm: left a message --> again \n",
    );
    assert_eq!(warnings, Vec::<String>::new());
    assert_eq!(entries[0].path, "people/tom okafor.md");
    assert_eq!(entries[0].outcome, "vm: left a message --> again");
}

/// What a ticked entry with `outcome` typed after it logs, as a touch line.
fn logged(action: &str, outcome: &str) -> String {
    let entry = Entry {
        line: 1,
        ticked: true,
        action: action.to_owned(),
        fingerprint: "0123456789abcdef".to_owned(),
        path: "a.md".to_owned(),
        words: None,
        text: String::new(),
        outcome: outcome.to_owned(),
    };
    let typed = Typed { text: outcome.to_owned(), unsure: false };
    ticked_touch(&entry, &typed, &crate::parse::Keywords::default(), NaiveDate::from_ymd_opt(2026, 12, 3).unwrap())
        .to_string()
}

#[test]
fn a_tick_logs_the_keywords_and_words_typed_after_the_entry() {
    for (action, typed, line) in [
        ("call", "", "call: from the agenda"),
        ("call", "voicemail: left a message", "call voicemail: left a message"),
        ("call", "vm", "call vm"),
        ("call", "#talked, wants a demo next: 2026-12-07", "call #talked: wants a demo next: 2026-12-07"),
        ("call", "no-answer — busy line", "call no-answer: busy line"),
        // Another channel replaces the action: they emailed instead.
        ("call", "email sent the deck instead", "email: sent the deck instead"),
        ("email", "reply", "email reply"),
        // Words that are not keywords are the message, never lost; `note`
        // is not taken as a keyword here.
        ("call", "calld twice, nobody", "call: calld twice, nobody"),
        ("call", "note to self", "call: note to self"),
        ("call", ": just text", "call: just text"),
        // Keywords of several words, and a separator before the keywords.
        ("email", "not interested", "email not interested"),
        ("email", "— not interested, maybe in spring", "email not interested: maybe in spring"),
        ("call", "talked: do not contact again", "call talked: do not contact again"),
        ("call", "- do not contact", "call do not contact"),
    ] {
        assert_eq!(logged(action, typed), format!("2026-12-03 {line}"), "{typed}");
    }
}

/// What `typed` reads on the line `now` of an entry nudge wrote as `was`
/// (with `outcome` after its marker), with and without the copy of `was`.
fn typed_on(was: &str, now: &str, copy: bool) -> (String, bool) {
    let marker = format!("<!-- nudge call 0123456789abcdef/{:08x} a.md -->", words(was));
    let agenda = format!("- [ ] {was} {marker}\n");
    let (entries, _) = entries("agenda.md", &format!("- [x] {now} {marker}\r\n"));
    let written = AsWritten::of(copy.then_some(agenda.as_str()));
    let typed = typed(&entries[0], &written);
    (typed.text, typed.unsure)
}

#[test]
fn text_typed_into_an_entry_is_told_from_the_words_nudge_wrote() {
    let was = "Call [Dana](a.md) — 2 days overdue · why: you talked (R3)";
    let sure = |text: &str| (text.to_owned(), false);
    for copy in [true, false] {
        assert_eq!(typed_on(was, was, copy), sure(""), "nothing typed");
        assert_eq!(typed_on(was, &format!("{was} vm: left a message"), copy), sure("vm: left a message"));
        assert_eq!(typed_on(was, &format!("{was}vm: left a message"), copy), sure("vm: left a message"));
        assert_eq!(typed_on(was, &format!("talked {was}"), copy), sure("talked"), "at the start");
    }
    // With the copy: anywhere, and with nudge's words edited too.
    let middle = "Call [Dana](a.md) — 2 days overdue talked: wants a demo · why: you talked (R3)";
    assert_eq!(typed_on(was, middle, true), sure("talked: wants a demo"));
    let deleted = "Call [Dana](a.md) — overdue · why: you talked (R3) vm";
    assert_eq!(typed_on(was, deleted, true), sure("vm"), "nudge's words deleted: only what was added");
    let edited = "Call [Dana](a.md) — 3 days overdue · why: you talked (R3) vm";
    assert_eq!(typed_on(was, edited, true), ("3 vm".to_owned(), true), "a word replaced: kept, unsure");
    // Without it, when nothing tells: the whole text, unsure, never lost.
    assert_eq!(typed_on(was, middle, false), (middle.to_owned(), true));
}

#[test]
fn a_marker_without_words_reads_only_what_follows_it() {
    let (entries, _) =
        entries("agenda.md", "- [x] Call [Dana](a.md) typed <!-- nudge call 0123456789abcdef a.md --> vm\n");
    assert_eq!(entries[0].words, None);
    assert_eq!(typed(&entries[0], &AsWritten::default()), Typed { text: "vm".to_owned(), unsure: false });
}
