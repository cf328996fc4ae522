//! `nudge log` and `nudge snooze`: byte-exact edits, the lock, every refusal.

use crate::test::{Test, tree};

const DANA: &str =
    "---\nname: Dana Reyes\n---\n## Touches\n\n- 2026-11-10 email: sent\n- 2026-11-20 call\n\n## Notes\n";

fn read(test: &Test, relative: &str) -> String {
    std::fs::read_to_string(test.path().join(relative)).unwrap()
}

#[test]
fn log_adds_one_line_and_says_what_is_due() {
    let test = Test::fixture("vault").args(&["log", "jordan", "call", "voicemail", "-m", "left a message"]);
    let before = read(&test, "people/jordan-lee.md");
    let output = test.stdout();
    insta::assert_snapshot!(output, @r"
    people/jordan-lee.md:17: - 2026-11-25 call voicemail: left a message
    Jordan Lee: nurture, due 2026-12-28 (in 33 days)
      5 unanswered attempts and no response yet, past the last shot: job-search moves on to nurture, every 1 month (R10); 2026-12-25 is a holiday, so it moves to the next business day
    ");
    let expected = before.replace(
        "- 2026-11-23 call #vm: said I'd try once more next week\n",
        "- 2026-11-23 call #vm: said I'd try once more next week\n- 2026-11-25 call voicemail: left a message\n",
    );
    assert_ne!(expected, before);
    assert_eq!(read(&test, "people/jordan-lee.md"), expected);
}

#[test]
fn log_writes_date_time_keywords_text_and_next() {
    let test = Test::new().file("dana.md", DANA).args(&[
        "log",
        "dana.md",
        "call",
        "talked",
        "-m",
        "she called back",
        "--next",
        "2026-12-01",
        "--date",
        "2026-11-24",
        "--time",
        "16:05",
    ]);
    let output = test.stdout();
    assert!(
        output.starts_with(
            "dana.md:8: - 2026-11-24 16:05 call talked: she called back next: 2026-12-01\nDana Reyes: engaged, due 2026-12-01 (in 6 days)\n"
        ),
        "{output}"
    );
    assert_eq!(
        read(&test, "dana.md"),
        "---\nname: Dana Reyes\n---\n## Touches\n\n- 2026-11-10 email: sent\n- 2026-11-20 call\n- 2026-11-24 16:05 call talked: she called back next: 2026-12-01\n\n## Notes\n"
    );
}

#[test]
fn an_absolute_path_inside_the_vault_is_fine() {
    let test = Test::new().file("people/dana.md", DANA);
    let absolute = test.path().join("people/dana.md").to_str().unwrap().to_owned();
    let test = test.args(&["log", &absolute, "email"]);
    assert!(test.stdout().starts_with("people/dana.md:8: - 2026-11-25 email\n"));
}

#[test]
fn crlf_bom_and_no_final_newline_survive_byte_for_byte() {
    let before = "\u{feff}---\r\nname: Ana  \r\n---\r\n- 2026-11-20 email:\tsent \r\n\r\nlast line, no newline";
    let test = Test::new().file("ana.md", before).args(&["log", "ana", "reply"]);
    test.stdout();
    assert_eq!(
        std::fs::read(test.path().join("ana.md")).unwrap(),
        "\u{feff}---\r\nname: Ana  \r\n---\r\n- 2026-11-20 email:\tsent \r\n- 2026-11-25 reply\r\n\r\nlast line, no newline"
            .as_bytes()
    );
}

#[test]
fn a_contact_without_touches_gets_a_touches_section() {
    let test = Test::new().file("ana.md", "---\nname: Ana\n---\nMet at a meetup.\n").args(&["log", "ana", "email"]);
    test.stdout();
    assert_eq!(read(&test, "ana.md"), "---\nname: Ana\n---\nMet at a meetup.\n\n## Touches\n\n- 2026-11-25 email\n");
}

#[cfg(unix)]
#[test]
fn twenty_logs_at_once_keep_twenty_lines() {
    use std::os::unix::fs::PermissionsExt;
    let test = Test::new().file("people/dana.md", DANA);
    let file = test.path().join("people/dana.md");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let children: Vec<_> = (0..20)
        .map(|n| {
            std::process::Command::new(env!("CARGO_BIN_EXE_nudge"))
                .args(["--notes", test.path().to_str().unwrap(), "--today", "2026-11-25", "log", "dana", "call"])
                .args(["-m", &format!("attempt number {n}")])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let text = std::fs::read_to_string(&file).unwrap();
    for n in 0..20 {
        assert_eq!(text.matches(&format!("- 2026-11-25 call: attempt number {n}\n")).count(), 1, "{n}:\n{text}");
    }
    assert!(text.starts_with(&DANA[..DANA.find("\n\n## Notes").unwrap()]), "{text}");
    assert!(text.ends_with("\n\n## Notes\n"), "{text}");
    let journal = test.path().join(".nudge");
    let files: Vec<_> =
        tree(test.path()).into_iter().map(|(path, _)| path).filter(|path| !path.starts_with(&journal)).collect();
    assert_eq!(files, std::slice::from_ref(&file), "no temporary or lock file is left");
    let undo = std::fs::read_to_string(journal.join("undo.jsonl")).unwrap();
    assert_eq!(undo.lines().count(), 20, "every log is in the undo journal");
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o640);
}

/// Runs `args` on `test` and checks that it is refused (exit 2) with a
/// message holding `message`, and that no file changed.
fn refused(test: Test, args: &[&str], message: &str) {
    refused_with(2, test, args, message);
}

/// [`refused`] with the exit code `code`.
fn refused_with(code: i32, test: Test, args: &[&str], message: &str) {
    let before = tree(test.path());
    let test = test.args(args);
    let output = test.status(code);
    assert!(output.stderr.contains(message), "{}", output.stderr);
    assert_eq!(output.stdout, "");
    assert_eq!(tree(test.path()), before, "no file changed");
}

#[test]
fn no_match_exits_1_for_show_log_and_snooze() {
    let dana = || Test::new().file("a.md", DANA);
    refused_with(1, dana(), &["show", "zoe"], "no contact matches 'zoe'");
    refused_with(1, dana(), &["log", "zoe", "call"], "no contact matches 'zoe'");
    refused_with(1, dana(), &["snooze", "zoe", "2w"], "no contact matches 'zoe'");
    refused_with(1, dana(), &["log", "people/zoe.md", "call"], "no such contact file: people/zoe.md");
}

#[test]
fn an_ambiguous_name_is_refused() {
    let test = Test::new().file("a.md", DANA).file("b.md", "---\nname: Dan Brown\n---\n");
    refused(test, &["log", "dan", "call"], "'dan' matches 2 contacts:\n  a.md (Dana Reyes)\n  b.md (Dan Brown)\n");
}

#[test]
fn obsidian_aliases_find_a_contact_as_names_do() {
    let daniela = "---\nname: Daniela Ruiz\naliases: [Nela, \"La Peña\"]\n---\n- 2026-11-20 email\n";
    let robert = "---\nname: Robert Smith\naliases: Bob\n---\n- 2026-11-20 email\n";
    let test = || Test::new().file("daniela.md", daniela).file("robert.md", robert);
    // A list or one text; the start of an alias or of any word of it,
    // ignoring case and accents; show, log and snooze alike.
    let output = test().args(&["log", "nela", "call"]).stdout();
    assert!(output.starts_with("daniela.md:6: - 2026-11-25 call\nDaniela Ruiz: "), "{output}");
    let output = test().args(&["log", "PENA", "call"]).stdout();
    assert!(output.starts_with("daniela.md:6: - 2026-11-25 call\n"), "{output}");
    assert!(test().args(&["show", "bob"]).stdout().contains("Robert Smith"));
    let test = test().args(&["snooze", "bob", "2w"]);
    test.stdout();
    assert!(read(&test, "robert.md").contains("next: 2026-12-09"), "{}", read(&test, "robert.md"));
    // Several matches list each with the alias that matched.
    let test = Test::new().file("daniela.md", daniela).file("nelson.md", "---\nname: Nelson Park\n---\n");
    refused(
        test,
        &["log", "nel", "call"],
        "'nel' matches 2 contacts:\n  daniela.md (Daniela Ruiz, alias Nela)\n  nelson.md (Nelson Park)\n",
    );
    // No match says aliases are looked at.
    let test = Test::new().file("daniela.md", daniela);
    refused_with(1, test, &["show", "zoe"], "or the start of a name or alias (aliases:) or of any word of one");
}

#[test]
fn an_unknown_keyword_is_refused_with_a_suggestion() {
    refused(Test::new().file("a.md", DANA), &["log", "dana", "call", "voicemial"], "did you mean 'voicemail'?");
}

const STOPPED: &str = "---\nname: Ana\n---\n- 2026-11-10 reply stop: remove me\n";

#[test]
fn an_attempt_to_a_contact_who_asked_to_stop_is_refused_unless_forced() {
    let message = "not logged: Ana is stopped (they asked to stop on 2026-11-10: never contact again (R11)), and `call` is an attempt; nothing was written. A reply or a conversation is logged as usual; pass --force to log this attempt anyway";
    refused_with(1, Test::new().file("a.md", STOPPED), &["log", "ana", "call"], message);
    for front in ["stage: stopped", "do_not_contact: true"] {
        let test = Test::new().file("a.md", format!("---\nname: Ana\n{front}\n---\n- 2026-11-10 email\n"));
        refused_with(1, test, &["log", "ana", "email", "voicemail"], "and `email voicemail` is an attempt");
    }
}

#[test]
fn a_forced_attempt_after_a_stop_is_written_and_shows_the_problem_it_makes() {
    let test = Test::new().file("a.md", STOPPED).args(&["log", "ana", "call", "--force"]);
    let output = test.stdout();
    assert!(
        output.starts_with("a.md:5: - 2026-11-25 call\nAna: stopped, nothing due\n")
            && output.contains("\n  a.md:5:3: error: attempt after they asked to stop on 2026-11-10 (R11)"),
        "{output}"
    );
}

#[test]
fn a_response_from_a_stopped_contact_is_logged() {
    let test = Test::new().file("a.md", STOPPED).args(&["log", "ana", "reply", "-m", "sorry, wrong person"]);
    assert!(test.stdout().starts_with("a.md:5: - 2026-11-25 reply: sorry, wrong person\nAna: stopped, nothing due\n"));
}

#[test]
fn an_attempt_to_a_closed_contact_is_refused_a_response_reopens_it() {
    let closed = "---\nname: Ana\n---\n- 2026-11-10 call talked closed: signed\n";
    refused_with(
        1,
        Test::new().file("a.md", closed),
        &["log", "ana", "email"],
        "not logged: Ana is closed (closed on 2026-11-10: nothing left to follow up), and `email` is an attempt",
    );
    let staged = "---\nname: Ana\nstage: closed\n---\n- 2026-11-10 email\n";
    refused_with(
        1,
        Test::new().file("a.md", staged),
        &["log", "ana", "call", "no-answer"],
        "Ana is closed (stage: closed",
    );
    let test = Test::new().file("a.md", closed).args(&["log", "ana", "reply", "-m", "they want more"]);
    assert!(test.stdout().starts_with("a.md:5: - 2026-11-25 reply: they want more\nAna: engaged, due "));
    let forced = Test::new().file("a.md", staged).args(&["log", "ana", "email", "--force"]);
    assert!(forced.stdout().starts_with("a.md:6: - 2026-11-25 email\nAna: closed, nothing due\n"));
}

#[test]
fn forced_unknown_keywords_are_written() {
    let test = Test::new().file("a.md", DANA).args(&["log", "dana", "pinged", "--force"]);
    test.stdout();
    assert!(read(&test, "a.md").contains("- 2026-11-20 call\n- 2026-11-25 pinged\n"));
}

#[test]
fn a_multi_line_message_and_a_bad_time_are_refused() {
    refused(Test::new().file("a.md", DANA), &["log", "dana", "call", "-m", "one\ntwo"], "must be one line");
    refused(Test::new().file("a.md", DANA), &["log", "dana", "call", "--time", "4pm"], "write HH:MM");
}

#[test]
fn a_touch_dated_after_today_is_refused_pointing_at_next_and_a_planned_item() {
    refused(
        Test::new().file("a.md", DANA),
        &["log", "dana", "call", "--date", "2026-12-10"],
        "a touch can't be dated after today; to plan it, use --next 2026-12-10 on today's touch or write `- [ ] 2026-12-10 call` in the note",
    );
}

#[test]
fn a_name_typed_without_quotes_takes_the_words_before_the_keywords() {
    let test = || {
        Test::new()
            .file("a.md", "---\nname: Carla Diaz\n---\n- 2026-11-20 email\n")
            .file("b.md", "---\nname: Carla Moss\n---\n- 2026-11-20 email\n")
    };
    let output = test().args(&["log", "Carla", "Diaz", "call", "voicemail"]).stdout();
    assert!(output.starts_with("a.md:5: - 2026-11-25 call voicemail\nCarla Diaz: "), "{output}");
    // A keyword is never read as a name, and one is always left.
    refused(test(), &["log", "Carla", "call"], "'Carla' matches 2 contacts");
    refused(test(), &["log", "Carla", "Diaz"], "unknown keyword 'Diaz'");
    // A word that makes no contact's name stays a keyword.
    refused(test(), &["log", "Carla", "Diz", "call"], "unknown keyword 'Diz'");
}

#[test]
fn a_broken_note_is_refused() {
    let test = Test::new().file("a.md", "---\nname: [Dana\n---\n- 2026-11-10 email\n");
    refused(
        test,
        &["log", "a.md", "call"],
        "cannot add a touch in a.md: the note has problems:\n  a.md:3:1: error: front matter is not valid YAML",
    );
}

#[test]
fn a_file_that_is_not_a_contact_is_refused() {
    refused(Test::new().file("README.md", "# Notes\n"), &["log", "README.md", "call"], "it is not a contact");
}

#[test]
fn paths_outside_the_vault_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, DANA).unwrap();
    let absolute = secret.to_str().unwrap().to_owned();
    let test = || Test::new().file("a.md", DANA);
    refused(test(), &["log", "../secret.md", "call"], "../secret.md is outside the notes folder");
    refused(test(), &["log", "../../../../../../../../../etc/x.md", "call"], "is outside the notes folder");
    refused(test(), &["log", &absolute, "call"], "is outside the notes folder");
    refused(test(), &["snooze", &absolute, "2w"], "is outside the notes folder");
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), DANA);
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_vault_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, DANA).unwrap();
    let test = Test::new().file("a.md", "---\nname: Ana\n---\n");
    std::os::unix::fs::symlink(&secret, test.path().join("leak.md")).unwrap();
    std::os::unix::fs::symlink(outside.path(), test.path().join("out")).unwrap();
    refused(test, &["log", "leak.md", "call"], "leak.md is outside the notes folder");
    let test = Test::new().file("a.md", "---\nname: Ana\n---\n");
    std::os::unix::fs::symlink(outside.path(), test.path().join("out")).unwrap();
    refused(test, &["log", "out/secret.md", "call"], "out/secret.md is outside the notes folder");
    let test = Test::new().file("a.md", "---\nname: Ana\n---\n");
    std::os::unix::fs::symlink(&secret, test.path().join("leak.md")).unwrap();
    refused_with(1, test, &["log", "leak", "call"], "no contact matches 'leak'");
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), DANA);
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1, "nothing created outside");
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_the_vault_writes_its_target() {
    let test = Test::new().file("people/dana.md", DANA);
    std::os::unix::fs::symlink(test.path().join("people/dana.md"), test.path().join("alias.md")).unwrap();
    let test = test.args(&["log", "alias.md", "email"]);
    assert!(test.stdout().starts_with("people/dana.md:8: - 2026-11-25 email\n"));
    assert!(std::fs::symlink_metadata(test.path().join("alias.md")).unwrap().file_type().is_symlink());
    assert!(read(&test, "people/dana.md").contains("- 2026-11-25 email\n"));
}

#[test]
fn snooze_sets_next_in_the_front_matter() {
    let test = Test::new().file("a.md", DANA).args(&["snooze", "dana", "2w"]);
    let output = test.stdout();
    assert!(
        output.starts_with(
            "a.md: next: 2026-12-09, snoozed: 2026-12-09\nDana Reyes: active, due 2026-12-09 (in 14 days)\n"
        ),
        "{output}"
    );
    assert_eq!(
        read(&test, "a.md"),
        DANA.replace("name: Dana Reyes\n", "name: Dana Reyes\nnext: 2026-12-09\nsnoozed: 2026-12-09\n")
    );
    let again = test.args(&["snooze", "a.md", "2027-01-05"]);
    again.stdout();
    assert_eq!(
        read(&again, "a.md"),
        DANA.replace("name: Dana Reyes\n", "name: Dana Reyes\nnext: 2027-01-05\nsnoozed: 2027-01-05\n")
    );
}

#[test]
fn a_snooze_reads_as_a_snooze_not_an_agreement() {
    let test = Test::new().file("a.md", DANA).args(&["snooze", "dana", "2026-12-21"]);
    let output = test.stdout();
    assert!(output.ends_with("job-search waits 4 days after the 2nd; snoozed until 2026-12-21\n"), "{output}");
    let show = test.args(&["show", "dana"]).stdout();
    assert!(show.contains("\nSnoozed   until 2026-12-21\n"), "{show}");
    assert!(!show.contains("agreed"), "{show}");
}

#[test]
fn snooze_keeps_crlf_and_comments() {
    let before = "\u{feff}---\r\nname: Ana\r\nnext: 2026-11-30  # she asked\r\n---\r\nbody";
    let test = Test::new().file("ana.md", before).args(&["snooze", "ana", "1m"]);
    test.stdout();
    let after = before.replace("2026-11-30", "2026-12-25").replace("---\r\nbody", "snoozed: 2026-12-25\r\n---\r\nbody");
    assert_eq!(read(&test, "ana.md"), after);
}

#[test]
fn snooze_refuses_the_past_and_a_front_matter_it_cannot_edit() {
    refused(Test::new().file("a.md", DANA), &["snooze", "dana", "2026-11-01"], "is in the past");
    refused(
        Test::new().file("a.md", "---\n{name: Ana}\n---\n"),
        &["snooze", "ana", "2w"],
        "cannot set `next` in a.md safely",
    );
}

#[test]
fn a_name_prefix_reads_only_the_front_matter() {
    // b.md's body is not UTF-8: only its front matter is read, so its name counts.
    let test = Test::new().file("a.md", DANA).file("b.md", b"---\nname: Dana Brown\n---\n\xff\xfe not utf-8\n");
    refused(test, &["log", "dana", "call"], "'dana' matches 2 contacts:\n  a.md (Dana Reyes)\n  b.md (Dana Brown)\n");
}

#[test]
fn multi_word_keywords_are_logged_as_typed_and_read_back_as_one() {
    let test = Test::new().file("a.md", DANA).args(&["log", "dana", "not", "interested", "-m", "maybe in spring"]);
    let output = test.stdout();
    assert!(
        output.starts_with("a.md:8: - 2026-11-25 not interested: maybe in spring\nDana Reyes: nurture, due 2026-12-25")
            && output.contains("\n  not interested on 2026-11-25: "),
        "{output}"
    );
    let test = Test::new().file("a.md", DANA).args(&["log", "dana", "email", "do not contact", "--date", "2026-11-24"]);
    let output = test.stdout();
    assert!(
        output.starts_with("a.md:8: - 2026-11-24 email do not contact\nDana Reyes: stopped, nothing due\n"),
        "{output}"
    );
    refused(Test::new().file("a.md", DANA), &["log", "dana", "not", "sure"], "unknown keyword 'not'");
}

#[test]
fn free_text_typed_after_the_keywords_is_refused_saying_it_goes_after_m() {
    refused(
        Test::new().file("a.md", DANA),
        &["log", "dana", "call", "voicemail", "left", "a", "message"],
        "nudge: error: unknown keyword 'left': free text goes after -m (-m \"left a message\"). Use a keyword of the table",
    );
}

#[test]
fn time_takes_the_forms_a_touch_line_takes() {
    let test = Test::new().file("a.md", DANA).args(&["log", "dana", "call", "--time", "9:30 pm"]);
    assert!(test.stdout().starts_with("a.md:8: - 2026-11-25 21:30 call\n"), "written as HH:MM");
    refused(
        Test::new().file("a.md", DANA),
        &["log", "dana", "call", "--time", "25:00"],
        "--time '25:00' is not a time",
    );
}
