//! Which notes are contacts: nudge.yaml's `contacts:` (`folders`, `tags`,
//! `require`, `where`) in a vault that is also a general Obsidian vault.

use crate::test::Test;

const DANA: &str = "---\nname: Dana Reyes\ntags: [person]\nplaybook: sales\n---\n- 2026-11-20 call\n";
const DAILY: &str = "---\ntags: [daily]\ndate: 2026-11-20\n---\n- 2026-11-20 call with the bank\n";
/// A project note whose `stage` is no contact's stage: an error if it were read as a contact.
const PROJECT: &str = "---\ntags: [project]\nstage: planning\nadded: 2026-02-30\n---\n";

fn vault(config: &str) -> Test {
    Test::new()
        .file("nudge.yaml", config)
        .file("People/dana.md", DANA)
        .file("People/team/sam.md", "---\nname: Sam Lee\ntags: '#Person/Recruiter'\n---\n")
        .file("Daily/2026-11-20.md", DAILY)
        .file("Projects/move.md", PROJECT)
}

fn files(test: &Test) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(&test.stdout()).unwrap();
    json.as_array().unwrap().iter().map(|contact| contact["file"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn without_contacts_every_note_with_front_matter_is_a_contact() {
    let test = vault("").args(&["status", "--json"]);
    assert_eq!(files(&test), ["Daily/2026-11-20.md", "People/dana.md", "People/team/sam.md"]);
    let output = test.args(&["check"]).status(1);
    assert!(output.stdout.contains("Projects/move.md:3:8: error: `stage` must be one of"), "{}", output.stdout);
}

#[test]
fn contacts_folders_read_only_the_notes_below_them() {
    let test = vault("contacts:\n  folders: [\"People/**\"]\n").args(&["check"]);
    assert_eq!(test.stdout(), "no problems in 2 contacts\n");
    let test = test.args(&["status", "--json"]);
    assert_eq!(files(&test), ["People/dana.md", "People/team/sam.md"]);
    // A folder's name alone takes what is below it.
    let test = vault("contacts: {folders: People}\n").args(&["status", "--json"]);
    assert_eq!(files(&test), ["People/dana.md", "People/team/sam.md"]);
}

#[test]
fn contacts_tags_match_ignoring_case_a_hash_and_nesting() {
    let test = vault("contacts:\n  tags: ['#PERSON']\n").args(&["check"]);
    assert_eq!(
        test.stdout(),
        "no problems in 2 contacts (2 other notes with front matter left out by `contacts:` in nudge.yaml)\n",
        "the project's bad stage and date are not reported"
    );
    let test = test.args(&["status", "--json"]);
    assert_eq!(files(&test), ["People/dana.md", "People/team/sam.md"]);
}

#[test]
fn check_says_how_many_notes_in_the_folders_contacts_tags_left_out() {
    // Ana has no #person tag: she is no contact, and check says one note was left out.
    let config = "contacts:\n  folders: [People]\n  tags: [person]\n";
    let test = vault(config).file("People/ana.md", "---\nname: Ana\n---\n- 2026-11-20 call\n").args(&["check"]);
    assert_eq!(
        test.stdout(),
        "no problems in 2 contacts (1 other note with front matter left out by `contacts:` in nudge.yaml)\n",
        "notes outside the folders are never opened, so not counted"
    );
}

#[test]
fn contacts_require_a_value_for_one_of_the_keys() {
    let test = vault("contacts:\n  require: [playbook]\n")
        .file("People/empty.md", "---\nname: Empty\nplaybook:\n---\n")
        .args(&["status", "--json"]);
    assert_eq!(files(&test), ["People/dana.md"]);
}

#[test]
fn contacts_folders_tags_and_require_must_all_hold() {
    let config = "contacts:\n  folders: [People]\n  tags: [person]\n  require: [playbook]\n";
    let test = vault(config).file("Daily/2026-11-21.md", DANA).args(&["status", "--json"]);
    assert_eq!(files(&test), ["People/dana.md"]);
}

#[test]
fn a_front_matter_that_cannot_be_read_is_reported_when_its_folder_is_one_of_contacts() {
    // Its tags cannot be known: it may be a contact whose YAML broke, so it is reported.
    let broken = "---\nname: Ana\ntags: [person\n---\n";
    let test = vault("contacts:\n  folders: [People]\n  tags: [person]\n")
        .file("People/ana.md", broken)
        .file("Daily/broken.md", broken)
        .args(&["check"]);
    let output = test.status(1);
    assert!(output.stdout.starts_with("People/ana.md:4:1: error: front matter is not valid YAML"), "{}", output.stdout);
    assert!(output.stdout.ends_with("1 error, 0 warnings in 3 contacts\n"), "{}", output.stdout);
}

#[test]
fn show_and_log_refuse_a_note_that_is_not_a_contact() {
    let test = vault("contacts:\n  folders: [People]\n  tags: [person]\n").args(&["show", "Daily/2026-11-20.md"]);
    let output = test.status(2);
    assert_eq!(
        output.stderr,
        "nudge: error: Daily/2026-11-20.md is not a contact: nudge.yaml's `contacts.folders` (People) leaves it out\n"
    );
    let test = test.file("People/bank.md", DAILY).args(&["log", "People/bank.md", "call"]);
    let output = test.status(2);
    assert_eq!(
        output.stderr,
        "nudge: error: cannot add a touch in People/bank.md: it lacks what nudge.yaml's `contacts:` asks of a contact: a tag #person\n"
    );
    let test = test.args(&["show", "bank"]);
    assert_eq!(
        test.status(2).stderr,
        "nudge: error: People/bank.md is not a contact: it lacks what nudge.yaml's `contacts:` asks of a contact: a tag #person\n"
    );
}

#[test]
fn new_refuses_to_write_a_note_that_would_not_be_a_contact() {
    let test = vault("contacts:\n  folders: [People]\n").args(&["new", "Ana Lima"]);
    assert_eq!(
        test.status(2).stderr,
        "nudge: error: people/ana-lima.md would not be a contact: nudge.yaml's `contacts.folders` (People) leaves it out; set `contacts_dir` there to a folder of contacts\n"
    );
    let test =
        vault("contacts_dir: People\ncontacts:\n  folders: [People]\n  tags: [person]\n").args(&["new", "Ana Lima"]);
    let output = test.status(2);
    assert_eq!(
        output.stderr,
        "nudge: error: built-in contact.md.j2 makes a note that would not be a contact: it lacks what nudge.yaml's `contacts:` asks of a contact: a tag #person; give it on the command line (--tag person) or add it to the template\n"
    );
    let output = test.args(&["new", "Ana Lima", "--tag", "person"]).stdout();
    assert!(output.ends_with("People/ana-lima.md\n"), "{output}");
}

#[test]
fn an_unknown_contacts_setting_is_an_error_with_a_suggestion() {
    let output = vault("contacts:\n  tag: [person]\n").args(&["check"]).status(2);
    assert_eq!(
        output.stderr,
        "nudge: nudge.yaml:2:3: error: unknown setting `contacts.tag`: did you mean `tags`? (the settings of `contacts` are folders, tags, require, where)\n"
    );
}

#[test]
fn contacts_where_takes_the_notes_whose_key_holds_the_value_as_kepano_marks_people() {
    // kepano's vault: one folder of people, books and places, each marked by a category link.
    let category = |category: &str, name: &str| {
        format!("---\nname: {name}\ncategories:\n  - \"[[{category}]]\"\n---\n- 2026-11-20 email\n")
    };
    let test = Test::new()
        .file("nudge.yaml", "contacts:\n  where: {categories: People}\n")
        .file("Notes/ana.md", category("People", "Ana Lima"))
        .file("Notes/bo.md", "---\nname: Bo Chen\ncategories: [\"[[people]]\", \"[[Clients]]\"]\n---\n")
        .file("Notes/dune.md", category("Books", "Dune"))
        .file("Notes/lisbon.md", category("Places", "Lisbon"))
        .file("Notes/plain.md", "---\nname: Plain\n---\n")
        .args(&["check"]);
    assert_eq!(
        test.stdout(),
        "no problems in 2 contacts (3 other notes with front matter left out by `contacts:` in nudge.yaml)\n"
    );
    let test = test.args(&["status", "--json"]);
    assert_eq!(files(&test), ["Notes/ana.md", "Notes/bo.md"]);
    let test = test.args(&["show", "Notes/dune.md"]);
    let output = test.status(2);
    assert!(output.stderr.contains("asks of a contact: categories: People\n"), "{}", output.stderr);
    let test = test.file("nudge.yaml", "contacts:\n  where: {categories: \"[[People]]\"}\ncontacts_dir: Notes\n");
    let test = test.args(&["new", "Cy Diaz"]);
    let output = test.status(2);
    assert_eq!(
        output.stderr,
        "nudge: error: built-in contact.md.j2 makes a note that would not be a contact: it lacks what nudge.yaml's `contacts:` asks of a contact: categories: [[People]]; give it on the command line (--field 'categories=[[People]]') or add it to the template\n",
        "the value as nudge.yaml writes it, and the option that gives it"
    );
    let output = test.args(&["new", "Cy Diaz", "--field", "categories=[[People]]"]).stdout();
    assert_eq!(output, "Notes/cy-diaz.md\n");
}

/// A vault in a git repository (the `.git` folder is what git looks for):
/// its `.gitignore` leaves out `Private/`, a nested one in `People/` the
/// drafts there.
fn git_vault(config: &str) -> Test {
    Test::new()
        .file("nudge.yaml", config)
        .file(".git/HEAD", "ref: refs/heads/main\n")
        .file(".gitignore", "Private/\n")
        .file("People/.gitignore", "draft-*.md\n")
        .file("People/dana.md", DANA)
        .file("People/draft-ana.md", "---\nname: Ana Lima\n---\n")
        .file("Private/sam.md", "---\nname: Sam Lee\n---\n")
        .file("draft-kim.md", "---\nname: Kim Park\n---\n")
}

#[test]
fn a_note_git_ignores_is_not_a_contact_and_a_nested_gitignore_rules_its_folder() {
    let test = git_vault("").args(&["status", "--json"]);
    assert_eq!(files(&test), ["People/dana.md", "draft-kim.md"]);
    assert_eq!(test.args(&["check"]).stdout(), "no problems in 2 contacts\n");
}

#[test]
fn with_respect_gitignore_off_the_notes_git_ignores_are_contacts() {
    let test = git_vault("respect_gitignore: false\n").args(&["status", "--json"]);
    let mut files = files(&test);
    files.sort();
    assert_eq!(files, ["People/dana.md", "People/draft-ana.md", "Private/sam.md", "draft-kim.md"]);
}

#[test]
fn a_note_listed_in_an_ignore_file_is_not_a_contact_with_or_without_git() {
    let vault = |config: &str| {
        Test::new()
            .file("nudge.yaml", config)
            .file(".ignore", "Archive/\n")
            .file(".gitignore", "People/old.md\n")
            .file("People/dana.md", DANA)
            .file("People/old.md", "---\nname: Old Friend\n---\n")
            .file("Archive/sam.md", "---\nname: Sam Lee\n---\n")
    };
    let test = vault("").args(&["status", "--json"]);
    assert_eq!(files(&test), ["People/dana.md", "People/old.md"], "a .gitignore outside git is not read");
    let test = vault("respect_gitignore: false\n").args(&["status", "--json"]);
    assert_eq!(files(&test), ["People/dana.md", "People/old.md"], ".ignore holds with respect_gitignore off");
}
