//! `nudge status`.

use crate::test::Test;

#[test]
fn json_for_the_example_vault() {
    let output = Test::fixture("vault").args(&["status", "--json"]).stdout();
    insta::assert_snapshot!(output);
}

#[test]
fn table_for_the_example_vault() {
    let output = Test::fixture("vault").args(&["status"]).stdout();
    insta::assert_snapshot!(output);
}

/// The worked examples of docs/src/playbooks.md, row by row: state, due, urgency, attempts/limit.
#[test]
fn the_worked_examples_of_the_playbooks_page() {
    let output = Test::fixture("spec-examples").today("2026-12-09").args(&["status", "--json"]).stdout();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&output).unwrap();
    let mut rows: Vec<String> = entries
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {} {}/{}",
                e["file"].as_str().unwrap(),
                e["state"],
                e["due"],
                e["urgency"],
                e["attempts"],
                e["limit"]
            )
        })
        .collect();
    rows.sort();
    assert_eq!(
        rows,
        [
            r#"ex01.md "active" "2026-12-07" "overdue" 1/4"#,
            r#"ex02.md "active" "2026-12-07" "overdue" 2/4"#,
            r#"ex03.md "engaged" "2026-12-07" "overdue" 0/16"#,
            r#"ex04.md "engaged" "2026-12-15" "upcoming" 0/16"#,
            r#"ex05.md "last-shot" "2026-12-11" "upcoming" 4/4"#,
            r#"ex06.md "nurture" "2026-12-07" "overdue" 5/4"#,
            r#"ex07.md "nurture" "2027-01-04" "later" 0/20"#,
            r#"ex08.md "stopped" null "none" 0/16"#,
            r#"ex09.md "active" "2026-12-07" "overdue" 1/4"#,
            r#"ex10.md "engaged" "2026-12-07" "overdue" 0/16"#,
            r#"ex11.md "active" "2026-12-09" "today" 5/16"#,
            r#"ex12.md "new" "2026-12-10" "upcoming" 0/4"#,
        ]
    );
}

#[test]
fn filters_select_and_an_empty_match_exits_1() {
    let test = Test::fixture("vault");
    let names = |args: &[&str]| -> Vec<String> {
        let output = Test::fixture("vault").args(args).stdout();
        let entries: Vec<serde_json::Value> = serde_json::from_str(&output).unwrap();
        entries.iter().map(|e| e["name"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(names(&["status", "--json", "--state", "last-shot"]), ["Sam Whitaker", "Jordan Lee"]);
    assert_eq!(
        names(&["status", "--json", "--state", "dormant,closed"]),
        ["Kwame Mensah", "Marcus Bell", "Yuki Tanaka"]
    );
    assert_eq!(names(&["status", "--json", "--playbook", "prospecting"]), ["Oliver Grant", "Ingrid Solberg"]);
    assert_eq!(names(&["status", "--json", "--due-within", "0"]).len(), 8, "overdue and today");
    let output = test.args(&["status", "--tag", "no-such-tag"]).status(1);
    assert_eq!(output.stdout.lines().count(), 1, "only the header");
    assert_eq!(
        output.stderr,
        "nudge: no contact matches these filters (of 23 contacts in the vault): `nudge status` lists them all\n",
        "and why on stderr"
    );
    let json = Test::fixture("vault").args(&["status", "--json", "--tag", "no-such-tag"]).status(1);
    assert_eq!((json.stdout.as_str(), json.stderr.as_str()), ("[]\n", ""), "--json stays silent");
}

#[test]
fn a_bad_state_is_a_usage_error() {
    let output = Test::new().args(&["status", "--state", "sleeping"]).status(2);
    assert!(
        output.stderr.contains(
            "unknown state 'sleeping': use one of stopped, closed, nurture, new, engaged, active, last-shot, dormant"
        ),
        "{}",
        output.stderr
    );
}

#[test]
fn attempts_past_the_limit_read_as_what_they_are() {
    let kwame =
        "---\nname: Kwame\nplaybook: partnership\n---\n- 2026-10-01 email\n- 2026-10-08 email\n- 2026-10-15 call\n";
    let test = Test::new().file("kwame.md", kwame).file("ana.md", "---\nname: Ana\n---\n- 2026-11-20 email\n");
    let test = test.args(&["status"]);
    let table = test.stdout();
    assert!(table.contains("  3 (limit 2)  "), "{table}");
    assert!(table.contains("  1/4  "), "{table}");
    let test = test.args(&["show", "kwame"]);
    let show = test.stdout();
    assert!(show.contains("\nAttempts  3 attempts, limit 2: dormant\n"), "{show}");
    let show = test.args(&["show", "ana"]).stdout();
    assert!(show.contains("\nAttempts  1 of 4\n"), "{show}");
}

#[test]
fn an_unknown_playbook_or_state_in_a_filter_is_refused_with_a_did_you_mean() {
    let output = Test::fixture("vault").args(&["status", "--playbook", "job-serach"]).status(2);
    assert_eq!(output.stdout, "");
    assert!(
        output.stderr.starts_with(
            "nudge: error: unknown playbook 'job-serach': did you mean 'job-search'? The playbooks are job-search, "
        ),
        "{}",
        output.stderr
    );
    let output = Test::fixture("vault").args(&["status", "--state", "active,lastshot"]).status(2);
    assert!(
        output.stderr.contains("unknown state 'lastshot' (did you mean 'last-shot'?): use one of "),
        "{}",
        output.stderr
    );
}

#[test]
fn playbook_names_compare_ignoring_case_in_filters_and_front_matter() {
    let sales = Test::fixture("vault").args(&["status", "--json", "--playbook", "sales"]).stdout();
    assert!(sales.contains("\"playbook\": \"sales\""));
    assert_eq!(Test::fixture("vault").args(&["status", "--json", "--playbook", "Sales"]).stdout(), sales);
    let test = Test::new()
        .file("nudge.yaml", "default_playbook: Prospecting\nplaybooks:\n  SALES: {give_up_after: 2}\n")
        .file("a.md", "---\nname: Ana\nplaybook: Sales\n---\n- 2026-11-20 email\n")
        .file("b.md", "---\nname: Bo\n---\n");
    let test = test.args(&["check"]);
    assert_eq!(test.stdout(), "no problems in 2 contacts\n");
    let output = test.args(&["status", "--json", "--state", "Active,NEW"]).stdout();
    assert!(output.contains("\"playbook\": \"sales\"") && output.contains("\"limit\": 2"), "{output}");
    assert!(output.contains("\"playbook\": \"prospecting\""), "{output}");
}

#[test]
fn notes_with_errors_left_out_of_the_list_are_counted_in_a_warning() {
    let test = Test::new()
        .file("nudge.yaml", "")
        .file("people/dana.md", "---\nname: Dana Reyes\nadded: 2026-11-20\n---\n")
        .file("people/zoe.md", "---\nname: Zoë Wright\ncompany:\n  - \"[[Globex]]\"\n  - \"[[Initech]]\"\n---\n")
        .file("people/ana.md", "---\nname: Ana Lima\n");
    let test = test.args(&["status"]);
    let output = test.status(0);
    assert!(output.stdout.contains("Dana Reyes"), "{output:?}");
    assert_eq!(
        output.stderr,
        "nudge: warning: 2 notes with errors left out of this list: `nudge check` says what to fix\n"
    );
    let json = test.args(&["status", "--json"]).status(0);
    assert_eq!(json.stderr, "", "--json leaves the problems to check --format json");
    let clean = Test::new().file("nudge.yaml", "").file("people/dana.md", "---\nname: Dana Reyes\n---\n");
    assert!(clean.args(&["status"]).stdout().contains("Dana Reyes"), "no warning without a broken note");
}

#[test]
fn tag_filters_ignore_case_and_hash_and_take_nested_tags_as_obsidian_does() {
    let contact = |name: &str, tags: &str| format!("---\nname: {name}\ntags: {tags}\n---\n");
    let mut test = Test::new()
        .file("nudge.yaml", "")
        .file("people/rec.md", contact("Rec Ruiter", "[person/recruiter, Ärzte]"))
        .file("people/ana.md", contact("Ana Lima", "\"#Person\""))
        .file("people/bo.md", contact("Bo Chen", "[personal]"));
    let cases = [
        ("person", &["Ana Lima", "Rec Ruiter"][..], "a nested tag has its parent, #Person is person"),
        ("#PERSON", &["Ana Lima", "Rec Ruiter"], "a leading # and the case ignored"),
        ("person/recruiter", &["Rec Ruiter"], "the nested tag itself"),
        ("ärzte", &["Rec Ruiter"], "case ignored beyond ASCII"),
    ];
    for (tag, expected, why) in cases {
        test = test.args(&["status", "--json", "--tag", tag]);
        let json: Vec<serde_json::Value> = serde_json::from_str(&test.stdout()).unwrap();
        let names: Vec<&str> = json.iter().map(|contact| contact["name"].as_str().unwrap()).collect();
        assert_eq!(names, expected, "--tag {tag}: {why}");
    }
}

#[test]
fn an_empty_vault_says_how_to_add_a_contact_in_status_and_stats() {
    let hint = "No contacts yet: add one with `nudge new \"Full Name\"`, or bring a CSV or vCard export in with `nudge import FILE`.\n";
    let test = Test::new().file("nudge.yaml", "").file("people/.keep", "").args(&["status"]);
    assert_eq!(test.stdout(), hint);
    let test = test.args(&["stats"]);
    assert_eq!(test.stdout(), hint);
    // JSON keeps its shape: an empty array, an object of zeros.
    let test = test.args(&["status", "--json"]);
    assert_eq!(test.stdout(), "[]\n");
    let test = test.args(&["stats", "--json"]);
    assert!(test.stdout().starts_with("{\n  \"contacts\": 0,"));
    // A vault whose only note is broken is not empty: its warning stays.
    let test = test.file("people/ana.md", "---\nname: [Ana\n---\n").args(&["status"]);
    let output = test.status(0);
    assert!(!output.stdout.contains("No contacts yet"), "{}", output.stdout);
    assert!(output.stderr.contains("1 note with errors"), "{}", output.stderr);
}
