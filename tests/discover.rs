//! Finding the vault: `--notes`, `NUDGE_NOTES`, `nudge.yaml` up the tree.

use crate::test::{Test, tree};

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
fn without_a_config_up_the_tree_or_notes_every_command_refuses() {
    let test = Test::new().file("people/dana.md", "---\nname: Dana\n---\n- 2026-11-20 email\n");
    let before = tree(test.path());
    for args in [
        &["agenda"][..],
        &["agenda", "-o", "-"],
        &["status"],
        &["check"],
        &["show", "dana"],
        &["log", "dana", "call"],
        &["snooze", "dana", "2w"],
        &["new", "Ana Lima"],
        &["sync"],
        &["stats"],
        &["ics"],
    ] {
        let output = Test::new().in_dir(test.path().join("people")).args(args).status(2);
        assert_eq!(output.stdout, "", "{args:?}");
        assert_eq!(
            output.stderr,
            "nudge: error: no notes folder here (no nudge.yaml found up to /): run `nudge init` or pass --notes DIR\n",
            "{args:?}"
        );
    }
    assert_eq!(tree(test.path()), before, "nothing written");
}

#[test]
fn without_a_vault_init_completions_man_and_help_still_work() {
    let empty = tempfile::tempdir().unwrap();
    for args in [&["completions", "bash"][..], &["man"], &["--help"], &["status", "--help"]] {
        Test::new().in_dir(empty.path()).args(args).stdout();
    }
    let output = Test::new().in_dir(empty.path()).args(&["init"]).stdout();
    assert!(output.starts_with("created nudge.yaml\n"), "{output}");
    assert!(empty.path().join("nudge.yaml").is_file());
}

#[test]
fn an_explicit_notes_folder_without_a_config_uses_the_defaults() {
    let test = Test::new().file("people/dana.md", CONTACT);
    let notes = test.path().to_str().unwrap().to_owned();
    let elsewhere = tempfile::tempdir().unwrap();
    let output = Test::new().in_dir(elsewhere.path()).args(&["check", "--notes", &notes]).stdout();
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
