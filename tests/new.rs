//! `nudge new` and `nudge init`: files created from templates, never overwritten.

use crate::test::{Test, tree};

fn read(test: &Test, relative: &str) -> String {
    std::fs::read_to_string(test.path().join(relative)).unwrap()
}

#[test]
fn new_creates_a_contact_that_status_shows_as_new() {
    let test = Test::new().args(&[
        "new",
        "Siobhán O'Neill",
        "--company",
        "Fjord: Analytics",
        "--role",
        "CTO",
        "--email",
        "siobhan@fjord.example",
        "--playbook",
        "sales",
        "--tag",
        "vip",
        "--tag",
        "#1 fan",
    ]);
    assert_eq!(test.stdout(), "people/siobhan-oneill.md\n");
    assert_eq!(
        read(&test, "people/siobhan-oneill.md"),
        "---\nname: Siobhán O'Neill\ncompany: 'Fjord: Analytics'\nrole: CTO\nemail: siobhan@fjord.example\ntags: [vip, '#1 fan']\nplaybook: sales\nadded: 2026-11-25\n---\n\n## Touches\n"
    );
    let status: serde_json::Value = serde_json::from_str(&test.args(&["status", "--json"]).stdout()).unwrap();
    let contact = &status[0];
    assert_eq!(contact["file"], "people/siobhan-oneill.md");
    assert_eq!(contact["name"], "Siobhán O'Neill");
    assert_eq!(contact["state"], "new");
    assert_eq!(contact["due"], "2026-11-25");
    assert_eq!(contact["playbook"], "sales");
}

#[test]
fn new_then_log_fills_the_touches_section() {
    let test = Test::new().args(&["new", "Ana Lima"]);
    test.stdout();
    let test = test.args(&["log", "ana", "email", "-m", "first contact"]);
    test.stdout();
    assert_eq!(
        read(&test, "people/ana-lima.md"),
        "---\nname: Ana Lima\nadded: 2026-11-25\n---\n\n## Touches\n\n- 2026-11-25 email: first contact\n"
    );
}

#[test]
fn new_never_overwrites_and_refuses_a_name_taken() {
    let refused = |test: Test, args: &[&str], message: &str| {
        let before = tree(test.path());
        let test = test.args(args);
        let output = test.status(2);
        assert!(output.stderr.contains(message), "{}", output.stderr);
        assert_eq!(tree(test.path()), before);
    };
    refused(
        Test::new().file("people/ana-lima.md", "my own notes\n"),
        &["new", "Ana Lima"],
        "people/ana-lima.md already exists: edit it, or give the new contact another name",
    );
    refused(
        Test::new().file("clients/al.md", "---\nname: ana LIMA\n---\n"),
        &["new", "Ana Lima"],
        "a contact named 'Ana Lima' already exists: clients/al.md",
    );
    refused(
        Test::new(),
        &["new", "Ana", "--playbook", "salse"],
        "unknown playbook 'salse', did you mean 'sales'? (known: job-search, sales",
    );
    refused(Test::new(), &["new", "!!!"], "cannot make a file name from '!!!'");
    refused(
        Test::new().file(".nudge/templates/contact.md.j2", "---\nname: {{ nme }}\n---\n"),
        &["new", "Ana"],
        ".nudge/templates/contact.md.j2:2: error in the contact template",
    );
    refused(
        Test::new().file(".nudge/templates/contact.md.j2", "---\nname: [{{ name }}\n---\n"),
        &["new", "Ana"],
        ".nudge/templates/contact.md.j2 makes a note that does not read as a contact",
    );
}

#[test]
fn new_uses_the_users_template_and_contacts_folder() {
    let test = Test::new()
        .file("nudge.yaml", "contacts_dir: crm/people\ntemplates: tpl\n")
        .file("tpl/contact.md.j2", "---\nname: {{ name | yaml }}\nadded: {{ added }}\nsource: cli\n---\n# {{ name }}\n")
        .args(&["new", "Ana Lima"]);
    assert_eq!(test.stdout(), "crm/people/ana-lima.md\n");
    assert_eq!(
        read(&test, "crm/people/ana-lima.md"),
        "---\nname: Ana Lima\nadded: 2026-11-25\nsource: cli\n---\n# Ana Lima\n"
    );
}

#[cfg(unix)]
#[test]
fn new_refuses_a_contacts_folder_that_leads_out_of_the_vault() {
    let outside = tempfile::tempdir().unwrap();
    let test = Test::new();
    std::os::unix::fs::symlink(outside.path(), test.path().join("people")).unwrap();
    let output = test.args(&["new", "Ana Lima"]).status(2);
    assert!(output.stderr.contains("leads outside the notes folder"), "{}", output.stderr);
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0, "nothing created outside");
}

#[test]
fn init_sets_up_a_folder_that_passes_check() {
    // A locale without a holiday preset: nudge.yaml is the template as it is.
    let test = Test::new().env("LC_ALL", "").env("LANG", "C.UTF-8").args(&["init"]);
    assert_eq!(
        test.stdout(),
        "created nudge.yaml\ncreated .nudge/templates/contact.md.j2\ncreated people/ada-example.md\n\nNext: `nudge new \"Full Name\"` adds a contact, `nudge log NAME call voicemail` records a touch, `nudge agenda` writes today's list.\n"
    );
    assert_eq!(read(&test, ".nudge/templates/contact.md.j2"), read_repo("templates/contact.md.j2"));
    assert_eq!(read(&test, "nudge.yaml"), read_repo("templates/nudge.yaml"));
    assert_eq!(test.args(&["check", "--strict"]).stdout(), "no problems in 1 contact\n");
}

#[test]
fn init_twice_keeps_the_users_edits() {
    let test = Test::new().args(&["init"]);
    test.stdout();
    std::fs::write(test.path().join("nudge.yaml"), "horizon_days: 3\n").unwrap();
    std::fs::remove_file(test.path().join("people/ada-example.md")).unwrap();
    let output = test.stdout();
    assert!(
        output.starts_with(
            "kept    nudge.yaml (it exists: left as it is)\nkept    .nudge/templates/contact.md.j2 (it exists: left as it is)\ncreated people/ada-example.md\n"
        ),
        "{output}"
    );
    assert_eq!(read(&test, "nudge.yaml"), "horizon_days: 3\n");
}

#[test]
fn init_again_never_recreates_the_example_once_there_are_contacts() {
    let test = Test::new().args(&["init"]);
    test.stdout();
    assert!(test.stdout().contains("\nkept    people/ada-example.md (it exists: left as it is)\n"));
    std::fs::remove_file(test.path().join("people/ada-example.md")).unwrap();
    let test = test.file("people/ana-lima.md", "---\nname: Ana Lima\n---\n");
    let output = test.stdout();
    assert!(
        output.contains("\nskipped people/ada-example.md (the notes folder has contacts: no example needed)\n"),
        "{output}"
    );
    assert!(!test.path().join("people/ada-example.md").exists());
    let first = Test::new().file("clients/bo.md", "---\nname: [broken\n---\n").args(&["init"]);
    assert!(first.stdout().contains("skipped people/ada-example.md"), "a folder of notes gets no example");
    assert!(!first.path().join("people").exists());
}

#[test]
fn init_in_a_vault_with_a_people_folder_makes_new_write_there() {
    let test = Test::new().file("People/Ana Lima.md", "---\nname: Ana Lima\n---\n").file("Daily/2026-11-20.md", "hi\n");
    let test = test.args(&["init"]);
    let output = test.stdout();
    assert!(output.contains("\nskipped People/ada-example.md (the notes folder has contacts"), "{output}");
    assert!(read(&test, "nudge.yaml").contains("\ncontacts_dir: People\n"));
    let test = test.args(&["new", "Bo Chen"]);
    assert_eq!(test.stdout(), "People/bo-chen.md\n", "beside the user's contacts, not in a second folder people/");
    assert!(!test.path().join("people").exists());
}

#[test]
fn init_in_a_vault_with_other_notes_says_that_they_are_contacts_until_contacts_is_set() {
    let category = "---\ncategories:\n  - \"[[People]]\"\n---\n";
    let test = Test::new()
        .file("References/Steph Ango.md", category)
        .file("Daily/2023-09-12.md", "---\ntags: daily\n---\n")
        .file("Notes/Trip.md", "---\ncategories: [\"[[Trips]]\"]\n---\n")
        .file("Templates/People Template.md", category)
        .file("Readme.md", "no front matter: not counted\n")
        .args(&["init"]);
    let output = test.stdout();
    assert!(
        output.contains(
            "\nEvery note with front matter is a contact until nudge.yaml says which are: that makes contacts of 4 notes \
             outside people/ (Daily/, Notes/, References/, ...). If they are daily notes, projects or templates, set \
             `contacts:` in nudge.yaml (folders, tags or where): see \"Which notes are contacts\" in docs/src/configuration.md.\n\nNext:"
        ),
        "{output}"
    );
    assert!(!test.stdout().contains("Every note"), "said once, when nudge.yaml is written");
    let people = Test::new().file("People/Ana Lima.md", "---\nname: Ana Lima\n---\n").args(&["init"]);
    assert!(!people.stdout().contains("Every note"), "every note is in the contacts folder: nothing to say");
    let people = people.file("Daily/2026-11-20.md", "---\ntags: daily\n---\n");
    std::fs::remove_file(people.path().join("nudge.yaml")).unwrap();
    assert!(people.stdout().contains("that makes contacts of 1 note outside People/ (Daily/)."));
}

#[test]
fn init_in_a_subfolder_sets_up_that_folder() {
    let test = Test::new().file("nudge.yaml", "horizon_days: 3\n").file("sub/.keep", "");
    let test = test.in_dir("sub").args(&["init"]);
    assert!(test.stdout().starts_with("created nudge.yaml\n"));
    assert!(test.path().join("sub/nudge.yaml").is_file());
    assert_eq!(read(&test, "nudge.yaml"), "horizon_days: 3\n");
}

fn read_repo(relative: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
}

#[test]
fn new_writes_phone_next_added_and_any_field_as_yaml() {
    let test = Test::new().args(&[
        "new",
        "Tom Okafor",
        "--phone",
        "+1 312 555 0100",
        "--next",
        "2026-12-07",
        "--added",
        "2026-11-20",
        "--field",
        "linkedin=https://example.com/in/tom",
        "--field",
        "met_at=Expo: booth #4",
        "--field",
        "zip=02139",
        "--field",
        "stage=nurture",
        "--field",
        "do_not_contact=no",
    ]);
    assert_eq!(test.stdout(), "people/tom-okafor.md\n");
    assert_eq!(
        read(&test, "people/tom-okafor.md"),
        "---\nname: Tom Okafor\nphone: +1 312 555 0100\nlinkedin: https://example.com/in/tom\nmet_at: 'Expo: booth #4'\nzip: '02139'\nstage: nurture\ndo_not_contact: false\nnext: 2026-12-07\nadded: 2026-11-20\n---\n\n## Touches\n"
    );
    let test = test.args(&["status", "--json"]);
    let status: serde_json::Value = serde_json::from_str(&test.stdout()).unwrap();
    assert_eq!(status[0]["state"], "nurture");
    assert_eq!(status[0]["due"], "2026-12-07", "the agreed date");
    assert_eq!(test.args(&["check", "--strict"]).stdout(), "no problems in 1 contact\n");
}

#[test]
fn new_refuses_a_malformed_or_clashing_field_with_exit_2() {
    for (field, message) in [
        ("linkedin", "'linkedin' has no =: write KEY=VALUE"),
        ("=x", "does not start with a key"),
        ("a:b=c", "does not start with a key"),
        ("linkedin=", "needs a value of one line after the ="),
        ("company=Acme", "--field company=...: give the company with --company"),
        ("stage=later", "--field stage=later: the stage is one of"),
        ("do_not_contact=maybe", "--field do_not_contact=maybe: write true or false"),
    ] {
        let test = Test::new().args(&["new", "Ana Lima", "--field", field]);
        let output = test.status(2);
        assert!(output.stderr.contains(message), "{field}: {}", output.stderr);
        assert!(!test.path().join("people").exists(), "{field}: nothing created");
    }
    let twice = Test::new().args(&["new", "Ana", "--field", "x=1", "--field", "x=2"]).status(2);
    assert!(twice.stderr.contains("--field x is given twice"), "{}", twice.stderr);
}

#[test]
fn new_refuses_an_email_that_is_no_address_and_a_phone_without_a_digit_with_exit_2() {
    for (option, value, message) in [
        ("--email", "not an email", "--email 'not an email' does not look right: give an address like ana@example.com"),
        ("--email", "ana@example", "give an address like ana@example.com"),
        ("--email", "ana at example.com", "give an address like ana@example.com"),
        ("--email", "@example.com", "give an address like ana@example.com"),
        ("--phone", "call her", "--phone 'call her' does not look right: give a number like +1 312 555 0100"),
    ] {
        let test = Test::new().args(&["new", "Ana", option, value]);
        let output = test.status(2);
        assert!(output.stderr.contains(message), "{value}: {}", output.stderr);
        assert!(!test.path().join("people").exists(), "{value}: nothing created");
    }
    // Any address with a dot in its domain, any number with a digit.
    let test =
        Test::new().args(&["new", "Ana", "--email", "ana.lima+crm@mail.example.co.uk", "--phone", "(0) 800-FLOWERS 1"]);
    test.stdout();
    let note = read(&test, "people/ana.md");
    assert!(note.contains("email: ana.lima+crm@mail.example.co.uk"), "{note}");
}

#[test]
fn new_refuses_a_users_template_that_would_drop_a_given_value() {
    let test = Test::new()
        .file(".nudge/templates/contact.md.j2", "---\nname: {{ name | yaml }}\nadded: {{ added }}\n---\n")
        .args(&["new", "Ana Lima", "--phone", "555", "--field", "linkedin=ana"]);
    let output = test.status(2);
    assert!(
        output
            .stderr
            .contains(".nudge/templates/contact.md.j2 does not write `phone`, `linkedin`, given on the command line"),
        "{}",
        output.stderr
    );
    assert!(!test.path().join("people").exists());
}

/// Emoji and other symbols in a name (LinkedIn names carry them) are not
/// spelt out in its file name (`rocket`, `ie` for a flag): only letters
/// and digits make it, and the contact is found by the name without them.
#[test]
fn emoji_and_symbols_in_a_name_are_left_out_of_its_file_name() {
    let test = Test::new().file("nudge.yaml", "").args(&["new", "Jörg 🚀 Müller™"]);
    assert_eq!(test.stdout(), "people/jorg-muller.md\n");
    let test = test.args(&["new", "Siobhán O'Neill 🇮🇪"]);
    assert_eq!(test.stdout(), "people/siobhan-oneill.md\n");
    let test = test.args(&["show", "jorg muller"]);
    let shown = test.stdout();
    assert!(shown.starts_with("Jörg 🚀 Müller™\n"), "{shown}");
    let test = test.args(&["new", "Mu\u{308}ller 李小龙 ½"]);
    assert_eq!(test.stdout(), "people/muller-li-xiao-long-1-2.md\n", "combining marks, CJK and numbers stay");
}
