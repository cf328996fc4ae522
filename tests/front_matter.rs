//! Front matter as Obsidian and other tools write it (docs/src/note-format.md,
//! "Front matter as Obsidian writes it"): empty properties, date-times and daily-note links, wiki links
//! in text fields, keys written twice.

use crate::test::Test;

/// `name (company)` for each contact in `status --json` (`-` for none).
fn names_and_companies(test: Test) -> Vec<String> {
    let output = test.args(&["status", "--json"]).stdout();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&output).unwrap();
    let company = |entry: &serde_json::Value| entry["company"].as_str().unwrap_or("-").to_owned();
    entries.iter().map(|e| format!("{} ({})", e["name"].as_str().unwrap(), company(e))).collect()
}

/// Checks that `nudge show QUERY` starts with `title`.
fn assert_show_title(test: Test, query: &str, title: &str) {
    let shown = test.args(&["show", query]).stdout();
    assert!(shown.starts_with(title), "{shown}");
}

/// Checks that a contact with the front matter `front` (its keys all empty)
/// has no problem and reads as a contact with no keys.
fn assert_all_unset(front: &str) {
    let sam = format!("---\n{front}---\n- 2026-11-20 email\n");
    let test = Test::new().file("sam.md", sam).args(&["check"]);
    assert_eq!(test.stdout(), "no problems in 1 contact\n");
    assert_eq!(names_and_companies(test), ["sam (-)"]);
}

#[test]
fn empty_properties_as_obsidian_writes_them_are_unset_and_the_contact_stays() {
    assert_all_unset(
        "name:\ncompany: ~\nrole: null\nemail: \"\"\nphone:\ntags: []\nplaybook:\nstage:\ndo_not_contact:\nnext:\nadded:\n",
    );
}

#[test]
fn an_empty_mapping_is_an_unset_key_like_an_empty_list() {
    assert_all_unset(
        "name: {}\ncompany: {}\nrole: {}\nemail: {}\nphone: {}\ntags: {}\nplaybook: {}\nstage: {}\ndo_not_contact: {}\nnext: {}\nadded: {}\n",
    );
}

#[test]
fn text_fields_are_read_without_the_white_space_around_them() {
    let folded = "---\nname: >\n  Folded Name\ncompany: |\n  Acme\n---\n- 2026-11-20 email\n";
    let quoted = "---\nname: \"  Quoted Name \"\ncompany: ' Globex '\n---\n- 2026-11-20 email\n";
    let test = Test::new().file("a.md", folded).file("b.md", quoted);
    assert_eq!(names_and_companies(test), ["Folded Name (Acme)", "Quoted Name (Globex)"]);
    let test = Test::new().file("a.md", folded).args(&["ics"]);
    test.stdout();
    let ics = std::fs::read_to_string(test.path().join("nudge.ics")).unwrap();
    assert!(ics.contains("SUMMARY:Follow up: Folded Name (Acme) —"), "{ics}");
}

#[test]
fn added_and_next_in_every_date_form_are_the_day_written() {
    let mut test = Test::new();
    let forms = [
        "2026-11-02",
        "2026-11-02T09:30",
        "2026-11-02T09:30:00",
        "2026-11-02 09:30",
        "2026-11-02T09:30:00.5Z",
        "2026-11-02T23:30:00+02:00",
        "\"[[2026-11-02]]\"",
        "[[2026-11-02]]",
        "\"[[2026-11-02|Mon]]\"",
        "[[2026-11-02|Mon]]",
    ];
    for (index, form) in forms.iter().enumerate() {
        test = test.file(&format!("new{index}.md"), format!("---\nadded: {form}\n---\n"));
        let promise = format!("---\nnext: {form}\n---\n- 2026-10-20 call talked\n");
        test = test.file(&format!("promised{index}.md"), promise);
    }
    let output = test.args(&["status", "--json"]).stdout();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&output).unwrap();
    assert_eq!(entries.len(), 2 * forms.len());
    for entry in &entries {
        assert_eq!(entry["due"], "2026-11-02", "{entry}");
        let new = entry["file"].as_str().unwrap().starts_with("new");
        assert_eq!(entry["promise"], if new { serde_json::Value::Null } else { "2026-11-02".into() }, "{entry}");
    }
}

#[test]
fn an_impossible_date_in_any_form_is_an_error_at_its_value() {
    let test = Test::new()
        .file("a.md", "---\nname: A\nadded: 2026-02-30T09:30\n---\n")
        .file("b.md", "---\nnext: [[2026-02-30]]\n---\n")
        .file("c.md", "---\nnext:   \"[[2026-02-30|Mon]]\"\n---\n")
        .args(&["check"]);
    let output = test.status(1);
    assert_eq!(
        output.stdout,
        "a.md:3:8: error: `added` is an impossible date '2026-02-30': write a real calendar date as YYYY-MM-DD\n\
         b.md:2:7: error: `next` is an impossible date '2026-02-30': write a real calendar date as YYYY-MM-DD\n\
         c.md:2:9: error: `next` is an impossible date '2026-02-30': write a real calendar date as YYYY-MM-DD\n\
         3 errors, 0 warnings in 3 contacts\n"
    );
}

#[test]
fn wiki_links_in_text_fields_show_their_text_and_link_in_the_agenda() {
    let dana = "---\nname: \"[[Dana Reyes]]\"\ncompany: [[Globex]]\nrole: \"[[CTO|Chief Technology Officer]]\"\ntags: [\"[[Recruiters]]\"]\n---\n- 2026-11-20 email\n";
    let sam = "---\nname: Sam\ncompany: \"[[Globex|Globex Corp]]\"\ntags: [[Recruiters]]\n---\n- 2026-11-20 email\n";
    let vault = || Test::new().file("people/dana.md", dana).file("people/sam.md", sam);
    assert_eq!(names_and_companies(vault()), ["Dana Reyes (Globex)", "Sam (Globex Corp)"]);
    let table = vault().args(&["status", "--tag", "Recruiters"]).stdout();
    assert!(table.contains("Globex Corp") && !table.contains("[["), "{table}");
    assert_eq!(vault().args(&["check"]).stdout(), "no problems in 2 contacts\n");
    for style in ["markdown", "wiki"] {
        let config = format!("link_style: {style}\n");
        let agenda = vault().file("nudge.yaml", config).args(&["agenda", "-o", "-"]).stdout();
        assert!(agenda.contains(" ([[Globex]]) "), "{agenda}");
        assert!(agenda.contains(" ([[Globex|Globex Corp]]) "), "{agenda}");
        assert!(!agenda.contains(r"\[\["), "{agenda}");
    }
    assert_show_title(vault(), "dana reyes", "Dana Reyes (Globex)");
}

#[test]
fn a_key_written_twice_is_a_warning_at_the_second_key_and_the_contact_keeps_the_later_value() {
    // The second note goes to the YAML library (an anchor), the first is read by the fast reader.
    let dana = "---\nname: Dana\ncompany: Acme\nname: Dana Reyes\n---\n- 2026-11-20 email\n";
    let sam = "---\ncompany: &c Initech\nname: Sam\n  \ncompany: Globex\n---\n- 2026-11-20 email\n";
    let vault = || Test::new().file("dana.md", dana).file("sam.md", sam);
    assert_eq!(
        vault().args(&["check"]).stdout(),
        "dana.md:4:1: warning: `name` is written twice (first at line 2): the later value is read; delete the one you do not mean\n\
         sam.md:5:1: warning: `company` is written twice (first at line 2): the later value is read; delete the one you do not mean\n\
         0 errors, 2 warnings in 2 contacts\n"
    );
    assert_eq!(names_and_companies(vault()), ["Dana Reyes (Acme)", "Sam (Globex)"]);
    assert_show_title(vault(), "dana reyes", "Dana Reyes (Acme)");
}

#[test]
fn snooze_sets_the_later_of_a_next_written_twice() {
    let dana = "---\nname: Dana\nnext: 2026-11-01\nnext: 2026-11-20\n---\n- 2026-11-10 call talked\n";
    let test = Test::new().file("dana.md", dana).args(&["snooze", "dana", "2026-12-09"]);
    test.status(0);
    let text = std::fs::read_to_string(test.path().join("dana.md")).unwrap();
    assert!(text.starts_with("---\nname: Dana\nnext: 2026-11-01\nnext: 2026-12-09\n"), "{text}");
    let json = test.args(&["status", "--json"]).stdout();
    assert!(json.contains("\"due\": \"2026-12-09\""), "{json}");
}

#[test]
fn a_list_where_one_text_goes_says_to_keep_one_and_where_the_others_go() {
    let note = "---\nname: [Dana Reyes, Dani]\ncompany:\n  - Acme\n  - Globex\nemail: [dana@acme.example, dana@home.example]\nphone:\n  - \"+1 555 0100\"\n  - \"+1 555 0199\"\n---\n";
    let output = Test::new().file("dana.md", note).args(&["check"]).status(1);
    for expected in [
        "dana.md:2:7: error: `name` must be text, found a list: keep one name here (the others can go under `aliases`, which find the contact too)",
        "dana.md:4:3: error: `company` must be text, found a list: keep one",
        "dana.md:6:8: error: `email` must be text, found a list: keep one address here and put the others under `other_emails`",
        "dana.md:8:3: error: `phone` must be text, found a list: keep one number here and put the others under `other_phones`",
    ] {
        assert!(output.stdout.contains(expected), "{expected}\n{}", output.stdout);
    }
}
