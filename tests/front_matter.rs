//! Front matter as Obsidian and other tools write it (README: "The note
//! format"): empty properties, date-times and daily-note links, wiki links
//! in text fields, keys written twice.

use crate::test::Test;

/// The `name` and `company` of each contact in `status --json`.
fn names_and_companies(test: Test) -> Vec<(String, String)> {
    let output = test.args(&["status", "--json"]).stdout();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&output).unwrap();
    entries.iter().map(|e| (e["name"].as_str().unwrap().to_owned(), e["company"].to_string())).collect()
}

#[test]
fn empty_properties_as_obsidian_writes_them_are_unset_and_the_contact_stays() {
    let sam = "---\nname:\ncompany: ~\nrole: null\nemail: \"\"\nphone:\ntags: []\nplaybook:\nstage:\ndo_not_contact:\nnext:\nadded:\n---\n- 2026-11-20 email\n";
    let test = Test::new().file("sam.md", sam).args(&["check"]);
    assert_eq!(test.stdout(), "no problems in 1 contact\n");
    assert_eq!(names_and_companies(test), [("sam".to_owned(), "null".to_owned())]);
}
