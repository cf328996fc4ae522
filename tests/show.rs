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

#[test]
fn look_ups_ignore_case_accents_and_punctuation_on_any_word_of_the_name_or_the_file_name() {
    let vault = || {
        Test::new()
            .file("people/tomas-alvarez.md", "---\nname: Tomás Álvarez\n---\n")
            .file("people/obrien.md", "---\nname: \"James O'Brien\"\n---\n")
            .file("people/dana-reyes.md", "---\nname: Dana\n---\n")
    };
    for (query, file) in [
        ("tomas", "people/tomas-alvarez.md:7: - 2026-11-25 email\n"),
        ("alvarez", "people/tomas-alvarez.md:7: - 2026-11-25 email\n"),
        ("ÁLVAREZ", "people/tomas-alvarez.md:7: - 2026-11-25 email\n"),
        ("tomas-alvarez", "people/tomas-alvarez.md:7: - 2026-11-25 email\n"),
        ("obrien", "people/obrien.md:7: - 2026-11-25 email\n"),
        ("O’Brien", "people/obrien.md:7: - 2026-11-25 email\n"),
        ("james o", "people/obrien.md:7: - 2026-11-25 email\n"),
        ("reyes", "people/dana-reyes.md:7: - 2026-11-25 email\n"),
    ] {
        let output = vault().args(&["log", query, "email"]).stdout();
        assert!(output.starts_with(file), "{query}: {output}");
    }
    assert!(vault().args(&["show", "obrien"]).stdout().starts_with("James O'Brien"));
    assert!(vault().args(&["snooze", "alvarez", "2w"]).stdout().starts_with("people/tomas-alvarez.md: next: "));
}

#[test]
fn a_name_start_wins_over_a_later_word_and_ties_list_the_candidates() {
    let test = || {
        Test::new()
            .file("a.md", "---\nname: Ana Lima\n---\n")
            .file("b.md", "---\nname: Bo Ana\n---\n")
            .file("c.md", "---\nname: Célia Ána\n---\n")
    };
    assert!(test().args(&["log", "ana", "email"]).stdout().starts_with("a.md:"), "the start of a name first");
    let output = test().args(&["show", "ana"]).status(0);
    assert!(output.stdout.starts_with("Ana Lima"));
    let output = Test::new()
        .file("b.md", "---\nname: Bo Ana\n---\n")
        .file("c.md", "---\nname: Célia Ána\n---\n")
        .args(&["show", "ana"])
        .status(2);
    assert_eq!(
        output.stderr,
        "nudge: error: 'ana' matches 2 contacts:\n  b.md (Bo Ana)\n  c.md (Célia Ána)\ngive more of the name, or the file path\n"
    );
}

#[test]
fn an_apostrophe_in_a_name_may_be_typed_as_a_space() {
    let test = || {
        Test::new()
            .file("a.md", "---\nname: \"Jo O'Neil\"\n---\n")
            .file("b.md", "---\nname: Jo Olsen\n---\n")
            .file("c.md", "---\nname: D’Arcy Moss\n---\n")
    };
    for (query, title) in
        [("jo o neil", "Jo O'Neil"), ("jo oneil", "Jo O'Neil"), ("o neil", "Jo O'Neil"), ("d arcy", "D’Arcy Moss")]
    {
        let shown = test().args(&["show", query]).stdout();
        assert!(shown.starts_with(title), "{query}: {shown}");
    }
    let output = test().args(&["show", "jo o"]).status(2);
    assert!(output.stderr.starts_with("nudge: error: 'jo o' matches 2 contacts:\n"), "{}", output.stderr);
}

#[test]
fn a_name_of_several_words_may_be_typed_without_quotes() {
    let test = || {
        Test::new()
            .file("a.md", "---\nname: Carla Diaz\n---\n- 2026-11-20 email\n")
            .file("b.md", "---\nname: Carla Moss\n---\n")
    };
    let quoted = test().args(&["show", "Carla Diaz"]).stdout();
    assert!(quoted.starts_with("Carla Diaz\n"), "{quoted}");
    assert_eq!(test().args(&["show", "Carla", "Diaz"]).stdout(), quoted);
    assert_eq!(test().args(&["show", "carla", "d"]).stdout(), quoted);
}
