//! Finding the vault: `--notes`, `NUDGE_NOTES`, `nudge.yaml` up the tree.

use crate::test::Test;

const CONTACT: &str = "---\nname: Dana\n---\n";

#[test]
fn nudge_notes_is_used_without_notes() {
    let test = Test::new().file("people/dana.md", CONTACT);
    let elsewhere = tempfile::tempdir().unwrap();
    let notes = test.path().to_str().unwrap().to_owned();
    let output = test.env("NUDGE_NOTES", &notes).in_dir(elsewhere.path()).args(&["check"]).stdout();
    assert_eq!(output, "no problems in 1 contact\n");
}

#[test]
fn the_nearest_folder_up_with_nudge_yaml_is_the_vault() {
    let test = Test::new()
        .file("nudge.yaml", "horizon_days: 3\n")
        .file("people/dana.md", CONTACT)
        .file("people/deep/x.txt", "");
    let output = test.in_dir("people/deep").args(&["check"]).stdout();
    assert_eq!(output, "no problems in 1 contact\n");
}

#[test]
fn without_a_config_the_current_folder_is_the_vault() {
    let test = Test::new().file("people/dana.md", CONTACT);
    let output = test.in_dir("people").args(&["check"]).stdout();
    assert_eq!(output, "no problems in 1 contact\n");
}

#[test]
fn a_missing_notes_folder_is_a_usage_error() {
    let output = Test::new().in_dir("").args(&["check", "--notes", "does-not-exist"]).status(2);
    assert!(output.stderr.starts_with("nudge: error: the notes folder "), "{}", output.stderr);
    assert!(
        output.stderr.ends_with("does-not-exist does not exist or is not a folder: check --notes or NUDGE_NOTES\n")
    );
}

#[test]
fn today_defaults_to_the_local_date() {
    let output = Test::new().file("a.md", CONTACT).no_today().args(&["status", "--json"]).stdout();
    let today = chrono::Local::now().date_naive().to_string();
    assert!(output.contains(&format!("\"due\": \"{today}\"")), "a new contact without `added` is due today: {output}");
}

#[test]
fn a_bad_today_is_a_usage_error() {
    let output = Test::new().args(&["check", "--today", "2026-02-30"]).status(2);
    assert!(output.stderr.contains("'2026-02-30' is not a date: write YYYY-MM-DD"), "{}", output.stderr);
}
