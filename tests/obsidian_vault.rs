//! `fixtures/obsidian/`: a vault written the way Obsidian writes notes
//! (fixtures/README.md, section 4 says what each note tests and what nudge
//! should read from it), with `contacts: {folders: ["People/**"]}`.

use crate::test::Test;

/// The day the fixture's expectations are worked out for: a Thursday.
const TODAY: &str = "2026-12-03";

fn vault() -> Test {
    Test::fixture("obsidian").today(TODAY)
}

#[test]
fn only_the_people_folder_holds_contacts() {
    let test = vault().args(&["status", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&test.stdout()).unwrap();
    let files: Vec<&str> = json.as_array().unwrap().iter().filter_map(|contact| contact["file"].as_str()).collect();
    assert!(!files.is_empty() && files.iter().all(|file| file.starts_with("People/")), "{files:?}");
    let check = vault().args(&["check"]).run().stdout;
    for elsewhere in ["Daily/", "Projects/", "Templates/", "Home.md", ".obsidian"] {
        assert!(!check.contains(elsewhere), "{elsewhere} in:\n{check}");
    }
    assert!(check.ends_with(" in 11 contacts\n"), "{check}");
}

#[test]
fn status_json_of_the_obsidian_vault() {
    let output = vault().args(&["status", "--json"]).stdout();
    insta::assert_snapshot!(output);
}

#[test]
fn check_of_the_obsidian_vault() {
    let output = vault().args(&["check"]).run();
    insta::assert_snapshot!(format!("exit {}\n{}{}", output.status, output.stdout, output.stderr));
}

#[test]
fn agenda_of_the_obsidian_vault() {
    let output = vault().args(&["agenda", "-o", "-"]).stdout();
    insta::assert_snapshot!(output);
}
