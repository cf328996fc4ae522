//! `nudge show`.

use crate::test::Test;

#[test]
fn show_by_name_prefix() {
    let output = Test::fixture("vault").args(&["show", "jordan"]).stdout();
    insta::assert_snapshot!(output);
}

#[test]
fn show_by_path_and_by_stem_agree() {
    let by_path = Test::fixture("vault").args(&["show", "people/jordan-lee.md"]).stdout();
    let by_stem = Test::fixture("vault").args(&["show", "jordan-lee"]).stdout();
    assert_eq!(by_path, by_stem);
}

#[test]
fn an_ambiguous_prefix_lists_the_candidates() {
    let output = Test::new()
        .file("a.md", "---\nname: Dana Reyes\n---\n")
        .file("b.md", "---\nname: Dan Brown\n---\n")
        .args(&["show", "dan"])
        .status(2);
    assert_eq!(
        output.stderr,
        "nudge: error: 'dan' matches 2 contacts:\n  a.md (Dana Reyes)\n  b.md (Dan Brown)\ngive more of the name, or the file path\n"
    );
}

#[test]
fn a_path_outside_the_vault_is_refused() {
    let output = Test::new().file("a.md", "---\n---\n").args(&["show", "../x.md"]).status(2);
    assert!(output.stderr.contains("../x.md is outside the notes folder"), "{}", output.stderr);
}
