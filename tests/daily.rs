//! The daily loop: after `log`, `snooze`, `new` and `sync` the agenda is
//! current, every write says what it wrote (`-q` silences it), ticks carry
//! outcomes, and `undo` takes the last edit back.

use crate::test::Test;

const DANA: &str = "---\nname: Dana Reyes\nphone: '555'\n---\n## Touches\n\n- 2026-11-18 call voicemail\n";

fn read(test: &Test, relative: &str) -> String {
    std::fs::read_to_string(test.path().join(relative)).unwrap()
}

/// A vault with Dana and an agenda written for it.
fn with_agenda() -> Test {
    let test = Test::new().file("people/dana.md", DANA).args(&["agenda"]);
    assert_eq!(test.stdout(), "wrote agenda.md: 1 overdue\n");
    test
}

#[test]
fn log_snooze_and_new_write_an_existing_agenda_again() {
    let test = with_agenda().args(&["log", "dana", "email", "-m", "sent the deck"]);
    let output = test.stdout();
    assert!(output.starts_with("people/dana.md:8: - 2026-11-25 email: sent the deck\n"), "{output}");
    assert!(output.ends_with("\nwrote agenda.md: 1 upcoming\n"), "{output}");
    assert!(read(&test, "agenda.md").contains("last touch 2026-11-25 email: sent the deck"));

    let test = test.args(&["snooze", "dana", "2026-12-01"]);
    let output = test.stdout();
    assert!(output.ends_with("\nwrote agenda.md: 1 upcoming\n"), "{output}");
    assert!(read(&test, "agenda.md").contains("snoozed until Tue 2026-12-01"), "{}", read(&test, "agenda.md"));

    // `new` prints the new file's path alone on stdout (for `$EDITOR "$(nudge new ...)"`):
    // what else it wrote goes to stderr.
    let test = test.args(&["new", "Ana Lima"]);
    let output = test.status(0);
    assert_eq!(output.stdout, "people/ana-lima.md\n");
    assert_eq!(output.stderr, "wrote agenda.md: 1 upcoming, 1 new contact\n");
    assert!(read(&test, "agenda.md").contains("[Ana Lima](people/ana-lima.md)"));
}

#[test]
fn without_an_agenda_file_or_with_refresh_agenda_off_no_agenda_is_written() {
    let test = Test::new().file("people/dana.md", DANA).args(&["log", "dana", "email"]);
    assert!(!test.stdout().contains("agenda"));
    assert!(!test.path().join("agenda.md").exists(), "no agenda created");

    let test = with_agenda().file("nudge.yaml", "refresh_agenda: false\n");
    let before = read(&test, "agenda.md");
    let test = test.args(&["log", "dana", "email"]);
    assert!(!test.stdout().contains("agenda"));
    assert_eq!(read(&test, "agenda.md"), before, "left as it was");
}

#[test]
fn quiet_says_nothing_about_what_was_written() {
    let test = with_agenda().args(&["-q", "log", "dana", "email"]);
    assert_eq!(test.stdout(), "");
    assert!(read(&test, "agenda.md").contains("last touch 2026-11-25 email"), "still written");
    let test = test.args(&["--quiet", "agenda"]);
    assert_eq!(test.stdout(), "");
    assert_eq!(test.args(&["new", "Ana Lima", "--quiet"]).stdout(), "people/ana-lima.md\n", "the path is the output");
}

#[test]
fn agenda_says_whether_it_wrote() {
    let test = with_agenda();
    assert_eq!(test.stdout(), "agenda.md unchanged: 1 overdue\n");
    assert_eq!(test.args(&["agenda", "-o", "other.md"]).stdout(), "wrote other.md: 1 overdue\n");
}

#[test]
fn a_broken_agenda_template_warns_after_the_note_is_written() {
    let test = with_agenda().file(".nudge/templates/agenda.md.j2", "{{ }\n").args(&["log", "dana", "email"]);
    let output = test.status(0);
    assert!(output.stdout.starts_with("people/dana.md:8: - 2026-11-25 email\n"), "{}", output.stdout);
    assert!(output.stderr.starts_with("nudge: warning: agenda.md was not written again: "), "{}", output.stderr);
    assert!(read(&test, "people/dana.md").ends_with("- 2026-11-25 email\n"));
}

/// Edits the agenda as a user does: on the entry whose line holds each
/// `(holding, tick, typed)`'s text, ticks it when asked and types `typed`
/// at the end of the line.
fn type_in_agenda(test: &Test, edits: &[(&str, bool, &str)]) {
    let agenda = read(test, "agenda.md");
    let edited = agenda
        .lines()
        .map(|line| match edits.iter().find(|(holding, _, _)| line.contains(holding)) {
            Some((_, tick, typed)) => {
                let line = if *tick { line.replacen("- [ ]", "- [x]", 1) } else { line.to_owned() };
                format!("{line}{typed}")
            }
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(test.path().join("agenda.md"), edited).unwrap();
}

#[test]
fn a_tick_with_words_after_the_entry_logs_them_as_the_outcome() {
    let test = with_agenda().file("people/ben.md", "---\nname: Ben\n---\n## Touches\n\n- 2026-11-19 email\n");
    let test = test.args(&["agenda"]);
    test.stdout();
    type_in_agenda(
        &test,
        &[("[Dana Reyes]", true, " vm: left a message, will try Friday"), ("[Ben]", false, "  she said call back")],
    );
    let test = test.args(&["sync"]);
    let output = test.status(0);
    assert!(
        output.stdout.starts_with("people/dana.md:8: - 2026-11-25 call vm: left a message, will try Friday\n"),
        "{}",
        output.stdout
    );
    assert!(read(&test, "people/dana.md").ends_with("- 2026-11-25 call vm: left a message, will try Friday\n"));
    assert!(
        output.stderr.contains(
            "agenda.md:7: 'she said call back' was typed on an entry that is not ticked: not logged, and the agenda is written again without it; if it happened, `nudge log people/ben.md email -m \"she said call back\"` logs it"
        ),
        "{}",
        output.stderr
    );
}

/// How a user edits one line of the agenda.
type LineEdit = dyn Fn(&str) -> String;

/// Edits the agenda's line holding each `(holding, edit)`'s text with
/// `edit`, as a user does in an editor, and saves it with CRLF endings.
fn edit_agenda(test: &Test, edits: &[(&str, &LineEdit)]) {
    let agenda = read(test, "agenda.md");
    let edited: Vec<String> = agenda
        .lines()
        .map(|line| match edits.iter().find(|(holding, _)| line.contains(holding)) {
            Some((_, edit)) => edit(&line.replacen("- [ ]", "- [x]", 1)),
            None => line.to_owned(),
        })
        .collect();
    std::fs::write(test.path().join("agenda.md"), edited.join("\r\n") + "\r\n").unwrap();
}

/// `line` with `typed` where an editor's cursor lands after the entry's
/// text: before its marker.
fn before_the_marker(line: &str, typed: &str) -> String {
    line.replacen(" <!-- nudge", &format!("{typed} <!-- nudge"), 1)
}

const BEN: &str = "---\nname: Ben\nemail: ben@example.com\n---\n## Touches\n\n- 2026-11-19 email\n";

#[test]
fn a_tick_logs_what_was_typed_anywhere_on_the_line_not_the_agendas_own_words() {
    let test = with_agenda().file("people/ben.md", BEN);
    test.stdout();
    edit_agenda(
        &test,
        &[
            ("[Dana Reyes]", &|line| before_the_marker(line, " vm: left a message")),
            ("[Ben]", &|line| line.replacen(" · why:", " · reply: busy until Monday · why:", 1)),
        ],
    );
    let test = test.args(&["sync"]);
    assert_eq!(
        test.stdout(),
        "people/ben.md:8: - 2026-11-25 email reply: busy until Monday\n\
         Ben: engaged, due 2026-11-30 (in 5 days)\n\
         \x20 they replied on 2026-11-25; job-search waits 3 days after a response (R3); 2026-11-28 is a Saturday, so it moves to the next business day\n\
         people/dana.md:8: - 2026-11-25 call vm: left a message\n\
         Dana Reyes: active, due 2026-11-30 (in 5 days)\n\
         \x20 2 unanswered attempts and no response yet; job-search waits 4 days after the 2nd; 2026-11-29 is a Sunday, so it moves to the next business day\n\
         2 of 2 ticked entries in agenda.md logged\n\
         wrote agenda.md: 2 upcoming\n"
    );
    let written = read(&test, "agenda.md");
    assert_eq!(written, test.args(&["agenda", "-o", "-"]).stdout(), "written again, the typed words gone");
}

#[test]
fn without_the_agenda_as_written_a_tick_still_logs_what_was_typed_and_never_loses_it() {
    let test = with_agenda().file("people/ben.md", BEN);
    test.stdout();
    // The agenda came from another machine (git): no copy of it here.
    std::fs::remove_dir_all(test.path().join(".nudge/cache/agendas")).unwrap();
    edit_agenda(
        &test,
        &[
            ("[Dana Reyes]", &|line| before_the_marker(line, "vm: left a message")),
            ("[Ben]", &|line| line.replacen("overdue", "late", 1).replacen(" · why:", " · reply: busy · why:", 1)),
        ],
    );
    let test = test.args(&["sync"]);
    let output = test.status(0);
    assert_eq!(
        output.stdout,
        "people/ben.md:8: - 2026-11-25 email: Email [Ben](people/ben.md) at ben@example.com — 2 days late (due Mon 2026-11-23) · attempt 2 of 4 · last touch 2026-11-19 email · reply: busy · why: 1 unanswered attempt and no response yet; job-search waits 3 days after the 1st; 2026-11-22 is a Sunday, so it moves to the next business day\n\
         Ben: active, due 2026-11-30 (in 5 days)\n\
         \x20 2 unanswered attempts and no response yet; job-search waits 4 days after the 2nd; 2026-11-29 is a Sunday, so it moves to the next business day\n\
         people/dana.md:8: - 2026-11-25 call vm: left a message\n\
         Dana Reyes: active, due 2026-11-30 (in 5 days)\n\
         \x20 2 unanswered attempts and no response yet; job-search waits 4 days after the 2nd; 2026-11-29 is a Sunday, so it moves to the next business day\n\
         2 of 2 ticked entries in agenda.md logged\n\
         wrote agenda.md: 2 upcoming\n"
    );
    assert_eq!(
        output.stderr,
        "nudge: warning: agenda.md:7: nudge cannot tell what you typed on this entry from its own words (they were edited too, or nudge has no copy of them): all of what changed was logged as the message ('Email [Ben](people/ben.md) at ben@example.com — 2 days late (due Mon 2026-11-23) · attempt 2 of 4 · last touch 2026-11-19 email · reply: busy · why: 1 unanswered attempt and no response yet; job-search waits 3 days after the 1st; 2026-11-22 is a Sunday, so it moves to the next business day'); edit the touch in people/ben.md if some of it is not yours\n"
    );
}

#[test]
fn a_tick_on_an_agenda_written_again_since_is_read_against_its_own_words() {
    let test = with_agenda();
    test.stdout();
    edit_agenda(&test, &[("[Dana Reyes]", &|line| before_the_marker(line, " talked: call back in January"))]);
    // The editor still holds yesterday's agenda while nudge writes today's
    // (and its copy); then the editor saves yesterday's, with the tick.
    let edited = read(&test, "agenda.md");
    let test = test.args(&["agenda"]).today("2026-11-26");
    assert_eq!(test.stdout(), "wrote agenda.md: 1 overdue\n");
    std::fs::write(test.path().join("agenda.md"), edited).unwrap();
    let output = test.args(&["sync"]).stdout();
    assert!(output.starts_with("people/dana.md:8: - 2026-11-26 call talked: call back in January\n"), "{output}");
}

#[test]
fn a_tick_with_not_interested_typed_logs_the_keyword_not_an_attempt() {
    let test = with_agenda();
    test.stdout();
    type_in_agenda(&test, &[("[Dana Reyes]", true, " — not interested, maybe in spring")]);
    let output = test.args(&["sync"]).stdout();
    assert!(
        output.starts_with(
            "people/dana.md:8: - 2026-11-25 call not interested: maybe in spring\nDana Reyes: nurture, due 2026-12-25"
        ),
        "{output}"
    );
}

#[test]
fn a_snooze_puts_off_a_planned_touch_whose_day_passed() {
    // Today is 2026-11-25: the call planned for 2026-11-20 was never ticked,
    // so Dana is overdue on it, until the user snoozes her.
    let planned = format!("{DANA}- [ ] 2026-11-20 call: ask about the panel\n");
    let test = Test::new().file("people/dana.md", &planned).args(&["agenda"]);
    assert_eq!(test.stdout(), "wrote agenda.md: 1 overdue\n");
    let test = test.args(&["snooze", "dana", "2026-12-01"]);
    assert_eq!(
        test.stdout(),
        "people/dana.md: next: 2026-12-01, snoozed: 2026-12-01\n\
         Dana Reyes: active, due 2026-12-01 (in 6 days)\n\
         \x20 1 unanswered attempt and no response yet; job-search waits 3 days after the 1st; snoozed until 2026-12-01\n\
         wrote agenda.md: 1 upcoming\n"
    );
    assert_eq!(
        read(&test, "agenda.md"),
        "# Follow-ups for Wednesday 2026-11-25\n\n1 upcoming · 1 problem in the notes\n\n## Upcoming\n\n\
         - [ ] Call [Dana Reyes](people/dana.md) at 555 — snoozed until Tue 2026-12-01 (in 6 days) · attempt 2 of 4 · \
         last touch 2026-11-18 call voicemail · why: 1 unanswered attempt and no response yet; job-search waits 3 days \
         after the 1st; snoozed until 2026-12-01 <!-- nudge call 37812e2230ae01d9/f88f9b25 people/dana.md -->\n\n\
         ## Problems\n\n\
         - [people/dana.md:10:7](people/dana.md): warning: planned call on 2026-11-20 not ticked: tick it if it happened, or delete it\n"
    );
    // The loose end is still there for `check`; after the snooze date the
    // contact is overdue from it.
    let test = test.args(&["check"]);
    assert_eq!(
        test.status(0).stdout,
        "people/dana.md:10:7: warning: planned call on 2026-11-20 not ticked: tick it if it happened, or delete it\n\
         0 errors, 1 warning in 1 contact\n"
    );
    let after = test.args(&["status"]).today("2026-12-02");
    assert_eq!(
        after.stdout(),
        "NAME        COMPANY  STATE   DUE         URGENCY     ATTEMPTS  LAST TOUCH  HINTS\n\
         Dana Reyes  -        active  2026-12-01  overdue 1d  1/4       2026-11-18  -\n"
    );
}

#[test]
fn undo_takes_back_the_last_log_then_the_one_before() {
    let test = Test::new().file("people/dana.md", DANA).args(&["log", "dana", "email", "-m", "first"]);
    test.stdout();
    let test = test.args(&["log", "dana", "call", "talked", "-m", "second"]);
    test.stdout();
    let test = test.args(&["undo"]);
    assert_eq!(
        test.stdout().lines().skip(1).collect::<Vec<_>>(),
        ["restored people/dana.md"],
        "the first line names the command"
    );
    assert!(read(&test, "people/dana.md").ends_with("- 2026-11-18 call voicemail\n- 2026-11-25 email: first\n"));
    test.stdout();
    assert_eq!(read(&test, "people/dana.md"), DANA);
    let output = test.status(1);
    assert_eq!(output.stdout, "nothing to undo: no edit of nudge is recorded in this notes folder\n");
}

#[test]
fn undo_says_which_command_it_took_back() {
    let test = Test::new().file("people/dana.md", DANA).args(&["snooze", "dana", "2026-12-09"]);
    test.stdout();
    let test = test.args(&["undo"]);
    let output = test.stdout();
    assert!(output.starts_with("undid `nudge snooze dana 2026-12-09` (20"), "{output}");
    assert!(output.ends_with(")\nrestored people/dana.md\n"), "{output}");
    assert_eq!(read(&test, "people/dana.md"), DANA);
}

#[test]
fn undo_of_new_deletes_the_file_it_created_unless_it_changed() {
    let test = Test::new().args(&["new", "Ana Lima"]);
    test.stdout();
    let test = test.args(&["undo"]);
    assert!(test.stdout().ends_with("deleted  people/ana-lima.md (it created it)\n"));
    assert!(!test.path().join("people/ana-lima.md").exists());

    let test = test.args(&["new", "Ana Lima"]);
    test.stdout();
    std::fs::write(test.path().join("people/ana-lima.md"), "---\nname: Ana Lima\nphone: '1'\n---\n").unwrap();
    let test = test.args(&["undo"]);
    let output = test.status(2);
    assert!(
        output.stderr.contains("people/ana-lima.md changed since nudge wrote it; nothing was changed: undo it by hand"),
        "{}",
        output.stderr
    );
    assert!(test.path().join("people/ana-lima.md").exists(), "your edit is kept");
}

#[test]
fn undo_refuses_when_the_note_changed_since_and_keeps_the_journal() {
    let test = Test::new().file("people/dana.md", DANA).args(&["log", "dana", "email"]);
    test.stdout();
    let edited = read(&test, "people/dana.md") + "a line of my own\n";
    std::fs::write(test.path().join("people/dana.md"), &edited).unwrap();
    let test = test.args(&["undo"]);
    let output = test.status(2);
    assert!(output.stderr.starts_with("nudge: error: cannot undo `nudge log dana email` ("), "{}", output.stderr);
    assert_eq!(read(&test, "people/dana.md"), edited);
    let test = test.args(&["undo", "--list"]);
    assert!(test.stdout().ends_with("  nudge log dana email\n      people/dana.md: changed since\n"));
}

#[test]
fn undo_of_a_sync_reverts_every_note_it_logged() {
    const BEN: &str = "---\nname: Ben\n---\n## Touches\n\n- 2026-11-19 email\n";
    let test = with_agenda().file("people/ben.md", BEN).args(&["agenda"]);
    test.stdout();
    let path = test.path().join("agenda.md");
    std::fs::write(&path, read(&test, "agenda.md").replace("- [ ] ", "- [x] ")).unwrap();
    let test = test.args(&["sync"]);
    assert!(test.stdout().contains("2 of 2 ticked entries in agenda.md logged\n"));
    assert_ne!(read(&test, "people/ben.md"), BEN);
    let test = test.args(&["undo"]);
    let output = test.stdout();
    assert!(output.contains("restored people/ben.md\n") && output.contains("restored people/dana.md\n"), "{output}");
    assert!(output.ends_with("wrote agenda.md: 2 overdue\n"), "the agenda is written again: {output}");
    assert_eq!(read(&test, "people/ben.md"), BEN);
    assert_eq!(read(&test, "people/dana.md"), DANA);
}

#[test]
fn undo_list_shows_the_last_edits_newest_first_and_the_journal_stays_out_of_git() {
    let test = Test::new().file("people/dana.md", DANA).args(&["log", "dana", "email", "-m", "sent the deck"]);
    test.stdout();
    let test = test.args(&["new", "Ana Lima", "--company", "Acme"]);
    test.stdout();
    let test = test.args(&["undo", "--list"]);
    let listed = test.stdout();
    // The time of each edit is the clock's: masked.
    let shape: Vec<String> = listed
        .lines()
        .map(|line| match line.get(1..2) {
            Some(digit) if digit != " " => format!("{}TIME{}", &line[..4], &line[23..]),
            _ => line.to_owned(),
        })
        .collect();
    assert_eq!(
        shape,
        [
            " 1  TIME  nudge new \"Ana Lima\" --company Acme",
            "      people/ana-lima.md (created)",
            " 2  TIME  nudge log dana email -m \"sent the deck\"",
            "      people/dana.md",
        ],
        "{listed}"
    );
    assert_eq!(
        read(&test, ".nudge/.gitignore"),
        "# nudge's undo journal holds copies of your notes: keep it out of git\nundo.jsonl\n"
    );
}

#[test]
fn a_journal_that_cannot_be_written_warns_and_the_edit_stands() {
    let test =
        Test::new().file("people/dana.md", DANA).file(".nudge", "a file in the way").args(&["log", "dana", "email"]);
    let output = test.status(0);
    assert!(output.stdout.starts_with("people/dana.md:8: - 2026-11-25 email\n"), "{}", output.stdout);
    assert!(
        output.stderr.starts_with("nudge: warning: the edit was made, but `nudge undo` will not know it: "),
        "{}",
        output.stderr
    );
    assert!(read(&test, "people/dana.md").ends_with("- 2026-11-25 email\n"));
}

#[test]
fn a_country_preset_in_holidays_moves_due_dates_off_its_holidays() {
    let due = |config: &str| {
        let test = Test::new()
            .file("nudge.yaml", config)
            .file("people/ann.md", "---\nname: Ann Lee\n---\n- 2026-12-22 email\n")
            .today("2026-12-22")
            .args(&["status", "--json"]);
        let status: serde_json::Value = serde_json::from_str(&test.stdout()).unwrap();
        status[0]["due"].as_str().unwrap().to_owned()
    };
    assert_eq!(due("holidays: []\n"), "2026-12-25");
    assert_eq!(due("holidays: [US]\n"), "2026-12-28", "Christmas skipped like a weekend");
    assert_eq!(due("holidays: [de-by, 2026-12-28]\n"), "2026-12-29", "Boxing Day, then a date of one's own");
}

#[test]
fn init_writes_the_locales_holiday_preset_commented_out() {
    let test = Test::new().env("LC_ALL", "").env("LANG", "de_DE.UTF-8").args(&["init"]);
    test.stdout();
    let config = read(&test, "nudge.yaml");
    assert!(
        config.contains("\n# holidays: [DE]   # the public holidays of your locale (de_DE.UTF-8)\nholidays: []\n"),
        "{config}"
    );
}

#[test]
fn undo_puts_back_every_byte() {
    let note = "\u{feff}---\r\nname: Dana Reyes\r\n---\r\n## Touches\r\n\r\n- 2026-11-18 call voicemail   \r\n\r\n## Notes\r\nno final newline";
    let test = Test::new().file("people/dana.md", note).args(&["log", "dana", "email"]);
    test.stdout();
    let test = test.args(&["snooze", "dana", "1w"]);
    test.stdout();
    let test = test.args(&["undo"]);
    test.stdout();
    test.stdout();
    assert_eq!(read(&test, "people/dana.md"), note);
}

#[test]
fn undo_never_deletes_outside_the_notes_folder() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.md"), "mine").unwrap();
    let test = Test::new().args(&["new", "Ana Lima"]);
    test.stdout();
    // A journal edited by hand to name a file outside, with that file's hash.
    let journal = read(&test, ".nudge/undo.jsonl");
    let theirs = format!("{}/x.md", outside.path().display());
    let hash = nudge::testing::fingerprint(b"mine").to_string();
    let forged = journal.replace("people/ana-lima.md", &format!("../../../../../../../..{theirs}"));
    let forged =
        forged.replace(&nudge::testing::fingerprint(read(&test, "people/ana-lima.md").as_bytes()).to_string(), &hash);
    std::fs::write(test.path().join(".nudge/undo.jsonl"), forged).unwrap();
    let test = test.args(&["undo"]);
    let output = test.status(2);
    assert!(output.stderr.contains("leads outside the notes folder"), "{}", output.stderr);
    assert_eq!(std::fs::read_to_string(outside.path().join("x.md")).unwrap(), "mine");
}
