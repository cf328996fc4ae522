//! `nudge check`.

use crate::test::{Test, tree};

#[test]
fn the_example_vault_checks_clean() {
    let output = Test::fixture("vault").args(&["check"]).stdout();
    assert_eq!(output, "no problems in 23 contacts\n");
}

#[test]
fn every_planted_problem_is_named_at_its_line_and_column() {
    let test = Test::fixture("broken").args(&["check"]);
    let before = tree(test.path());
    let output = test.status(1);
    insta::assert_snapshot!(output.stdout);
    assert_eq!(output.stderr, "");
    assert_eq!(tree(test.path()), before, "check changes no file");
}

#[test]
fn full_format_shows_each_problem_with_its_source_line_underlined() {
    let output = Test::fixture("broken").args(&["check", "--format", "full"]).status(1);
    insta::assert_snapshot!(output.stdout);
}

#[test]
fn full_format_cuts_a_long_line_and_shows_control_characters_as_symbols() {
    let long = format!("- 2026-11-10 calld {}\n", "x".repeat(100_000));
    let output = Test::new()
        .file("a.md", format!("---\nname: Ana\n---\n{long}- 2026-11-11 \u{1b}[31mcall\n"))
        .args(&["check", "--format", "full"])
        .stdout();
    insta::assert_snapshot!(output);
}

#[test]
fn json_format_is_one_array_of_problems_with_where_each_ends() {
    let output = Test::new().file("a.md", "---\nplaybok: sales\n---\n").args(&["check", "--format", "json"]).stdout();
    let problems: serde_json::Value = serde_json::from_str(&output).unwrap();
    assert_eq!(
        problems,
        serde_json::json!([{
            "path": "a.md",
            "line": 2,
            "column": 1,
            "severity": "warning",
            "message": "unknown key `playbok`: did you mean `playbook`? (unknown keys are kept for templates)",
            "end_line": 2,
            "end_column": 8,
            "start_byte": 4,
            "end_byte": 11
        }])
    );
    let clean = Test::fixture("vault").args(&["check", "--format", "json"]).stdout();
    assert_eq!(clean, "[]\n");
}

#[test]
fn piped_output_is_one_line_a_problem_as_short_prints_it() {
    let piped = Test::fixture("broken").args(&["check"]).status(1).stdout;
    assert_eq!(piped, Test::fixture("broken").args(&["check", "--format", "short"]).status(1).stdout);
    assert!(piped.lines().all(|line| !line.starts_with(' ')), "no snippet lines");
}

#[test]
fn strict_fails_on_warnings() {
    let test = Test::new().file("a.md", "---\nplaybok: sales\n---\n").args(&["check"]);
    assert_eq!(
        test.stdout(),
        "a.md:2:1: warning: unknown key `playbok`: did you mean `playbook`? (unknown keys are kept for templates)\n0 errors, 1 warning in 1 contact\n"
    );
    let output = Test::new().file("a.md", "---\nplaybok: sales\n---\n").args(&["check", "--strict"]).status(1);
    assert!(output.stdout.ends_with("0 errors, 1 warning in 1 contact\n"));
}

#[test]
fn a_broken_config_is_a_usage_error_with_its_position() {
    let output = Test::new()
        .file("nudge.yaml", "horizon_days: 7\nplaybooks:\n  sales: {cadence: [3d, 3x]}\n")
        .args(&["check"])
        .status(2);
    assert_eq!(output.stdout, "");
    assert_eq!(
        output.stderr,
        "nudge: nudge.yaml:3:25: error: `playbooks.sales.cadence` must be a duration like 3d, 2w or 1m (days, weeks, calendar months), found '3x'\n"
    );
}

#[test]
fn duplicates_ignore_case_and_an_email_duplicate_is_not_counted_again_by_name() {
    let output = Test::new()
        .file("a.md", "---\nname: Dana Reyes\ncompany: Acme\nemail: Dana@Acme.example\n---\n")
        .file("b.md", "---\nname: Dana R.\nemail: ' dana@acme.EXAMPLE '\n---\n")
        .file("c.md", "---\nname: DANA REYES\ncompany: acme\nemail: other@acme.example\n---\n")
        .file("d.md", "---\nname: Dana Reyes\ncompany: Acme Corp\n---\n")
        .file("e.md", "---\nname: Dana R.\n---\n")
        .args(&["check"])
        .stdout();
    assert_eq!(
        output,
        "b.md:3:8: warning: duplicate contact: same email as a.md; merge the two files or remove one\n\
         c.md:2:7: warning: duplicate contact: same name and company as a.md; merge the two files or remove one\n\
         0 errors, 2 warnings in 5 contacts\n"
    );
}

#[test]
fn duplicates_compare_written_names_never_file_names() {
    // Obsidian folder notes: `index.md` in two folders, no `name`, are two people.
    let unnamed = "---\ncompany: Acme\n---\n";
    let output = Test::new()
        .file("people/dana/index.md", unnamed)
        .file("people/sam/index.md", unnamed)
        .file("people/ana.md", "---\ncompany: Initech\n---\n")
        .file("old/ana.md", "---\ncompany: Initech\n---\n")
        .args(&["check"])
        .stdout();
    assert_eq!(output, "no problems in 4 contacts\n");
}

#[test]
fn a_duplicate_says_which_keys_matched() {
    let output = Test::new()
        .file("a.md", "---\nname: Ana Lima\n---\n")
        .file("b.md", "---\nname: ana lima\n---\n")
        .file("c.md", "---\nname: Ana Lima\ncompany: Acme\n---\n")
        .args(&["check"])
        .stdout();
    assert_eq!(
        output,
        "b.md:2:7: warning: duplicate contact: same name, both without a company, as a.md; merge the two files or remove one\n\
         0 errors, 1 warning in 3 contacts\n"
    );
}

#[test]
fn duplicates_by_name_and_company_name_both_files() {
    let contact = "---\nname: Dana Reyes\ncompany: Acme\n---\n";
    let output = Test::new().file("a/dana.md", contact).file("b/dana.md", contact).args(&["check"]).stdout();
    assert_eq!(
        output,
        "b/dana.md:2:7: warning: duplicate contact: same name and company as a/dana.md; merge the two files or remove one\n0 errors, 1 warning in 2 contacts\n"
    );
}

#[test]
fn positions_in_a_crlf_note_with_a_byte_order_mark_count_characters_from_each_line() {
    let note = "\u{feff}---\r\nname: Dana\r\nplaybok: x\r\n---\r\n- 2026-11-10 calld\r\n- [[2026-13-45|Mon]] call\r\n- 2026-11-12 call: next: 2026-02-30\r\n";
    let test = || Test::new().file("a.md", note);
    let short = test().args(&["check"]).status(1).stdout;
    let places: Vec<&str> = short.lines().filter_map(|line| line.split(": ").next()).collect();
    assert_eq!(places, ["a.md:3:1", "a.md:5:14", "a.md:6:5", "a.md:7:26", "2 errors, 2 warnings in 1 contact"]);
    let json: serde_json::Value =
        serde_json::from_str(&test().args(&["check", "--format", "json"]).status(1).stdout).unwrap();
    let ends: Vec<(u64, u64, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let (start, end) = (p["start_byte"].as_u64().unwrap(), p["end_byte"].as_u64().unwrap());
            (p["end_line"].as_u64().unwrap(), p["end_column"].as_u64().unwrap(), &note[start as usize..end as usize])
        })
        .collect();
    assert_eq!(ends, [(3, 8, "playbok"), (5, 19, "calld"), (6, 15, "2026-13-45"), (7, 36, "2026-02-30")]);
}

#[test]
fn a_contacts_folder_that_is_not_in_the_notes_folder_is_a_warning_with_the_closest_one() {
    let config = "# contacts:\n#   folders: [\"people/**\"]   # only notes below people/\ncontacts:\n  folders: [people, \"Clients/**\", \"**/Team\"]\n";
    let test = Test::new()
        .file("nudge.yaml", config)
        .file("People/ana.md", "---\nname: Ana Lima\n---\n")
        .file("Clients/bo.md", "---\nname: Bo Chen\n---\n")
        .args(&["check"]);
    assert_eq!(
        test.stdout(),
        "nudge.yaml:4:13: warning: `contacts.folders` names 'people', which is not in the notes folder: no note is read from it (folder names compare as written, case included); did you mean 'People'?\n\
         0 errors, 1 warning in 1 contact\n",
        "at the name in the key, not in the comment above; Clients/ is there, **/Team starts with a pattern"
    );
    let test = test.file("nudge.yaml", "contacts:\n  folders: [People, Clients]\n");
    assert_eq!(test.stdout(), "no problems in 2 contacts\n");
}
