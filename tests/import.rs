//! `nudge import`: contact notes from vCard and CSV exports, each fixture
//! of fixtures/import imported into a copy of the example vault.

use std::path::Path;

use crate::test::{Test, tree};

/// The example vault with these exports of fixtures/import beside its notes.
fn vault_with(exports: &[&str]) -> Test {
    let mut test = Test::fixture("vault");
    for name in exports {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/import").join(name);
        test = test.file(name, std::fs::read(from).unwrap());
    }
    test
}

fn read(test: &Test, relative: &str) -> String {
    std::fs::read_to_string(test.path().join(relative)).unwrap()
}

/// Every note the listing says was created, each after its path.
fn created(test: &Test, listing: &str) -> String {
    listing
        .lines()
        .filter(|line| line.contains(" (from "))
        .filter_map(|line| line.strip_prefix("created ")?.split(' ').next())
        .map(|file| format!("==> {file}\n{}", read(test, file)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn check_is_clean(test: Test) {
    let output = test.args(&["check", "--strict"]).status(0);
    assert!(output.stdout.starts_with("no problems in"), "{}", output.stdout);
}

#[test]
fn import_vcard_3_from_apple_and_4_from_nextcloud_gives_the_snapshotted_notes() {
    let test =
        vault_with(&["apple-3.0.vcf", "nextcloud-4.0.vcf"]).args(&["import", "apple-3.0.vcf", "nextcloud-4.0.vcf"]);
    let listing = test.stdout();
    insta::assert_snapshot!("vcard_listing", listing);
    insta::assert_snapshot!("vcard_notes", created(&test, &listing));
    check_is_clean(test);
}

#[test]
fn import_linkedin_google_and_outlook_csv_gives_the_snapshotted_notes() {
    let test = vault_with(&["Connections.csv", "google.csv", "outlook.csv"]).args(&[
        "import",
        "Connections.csv",
        "google.csv",
        "outlook.csv",
    ]);
    let output = test.status(0);
    assert_eq!(output.stderr, "nudge: warning: outlook.csv is not UTF-8: read as Latin-1 (Windows-1252)\n");
    insta::assert_snapshot!("csv_listing", output.stdout);
    insta::assert_snapshot!("csv_notes", created(&test, &output.stdout));
    check_is_clean(test);
}

#[test]
fn a_contact_already_in_the_vault_by_email_or_by_name_and_company_ignoring_case_and_accents_is_skipped() {
    let card = "BEGIN:VCARD\nVERSION:3.0\nFN:DIEGO ÁLVAREZ\nORG:globex\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:J. Lee\nEMAIL:Jordan.Lee@Hooli.example\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Diego Alvarez\nORG:Initech\nEND:VCARD\n";
    let test = Test::fixture("vault").file("cards.vcf", card);
    let before = read(&test, "people/diego-alvarez.md");
    let test = test.args(&["import", "cards.vcf"]);
    assert_eq!(
        test.stdout(),
        "created people/diego-alvarez-2.md (from cards.vcf:11)\n\
         skipped cards.vcf:1 DIEGO ÁLVAREZ: already in the vault as people/diego-alvarez.md (same name and company)\n\
         skipped cards.vcf:6 J. Lee: already in the vault as people/jordan-lee.md (same email)\n\
         created 1, updated 0, skipped 2 (already in the vault) (3 contacts read)\n"
    );
    assert_eq!(read(&test, "people/diego-alvarez.md"), before, "never clobbered");
    assert!(read(&test, "people/diego-alvarez-2.md").contains("company: Initech"), "another Diego: a file of his own");
}

#[test]
fn importing_the_same_file_twice_creates_nothing_the_second_time() {
    let test = vault_with(&["nextcloud-4.0.vcf"]).args(&["import", "nextcloud-4.0.vcf"]);
    test.stdout();
    let before = tree(test.path());
    let second = test.stdout();
    assert!(second.ends_with("created 0, updated 0, skipped 2 (already in the vault) (2 contacts read)\n"), "{second}");
    assert_eq!(tree(test.path()), before);
}

#[test]
fn two_rows_of_one_import_that_are_the_same_person_are_merged() {
    let csv = "Name,Email,Phone,Company\nAna Lima,ana@acme.example,,Acme\nana lima,,+1 555 0100,ACME\nBo Chen,bo@x.example,,\nBo C.,BO@x.example,+1 555 0101,Initech\n";
    let test = Test::new().file("nudge.yaml", "").file("people.csv", csv).args(&["import", "people.csv"]);
    let listing = test.stdout();
    assert!(listing.contains("merged people.csv:3 into people.csv:2 (the same person)\n"), "{listing}");
    assert!(listing.contains("merged people.csv:5 into people.csv:4 (the same person)\n"), "{listing}");
    assert_eq!(
        read(&test, "people/ana-lima.md"),
        "---\nname: Ana Lima\ncompany: Acme\nemail: ana@acme.example\nphone: +1 555 0100\nsource: csv\nadded: 2026-11-25\n---\n\n## Touches\n"
    );
    assert_eq!(
        read(&test, "people/bo-chen.md"),
        "---\nname: Bo Chen\ncompany: Initech\nemail: bo@x.example\nphone: +1 555 0101\nsource: csv\nadded: 2026-11-25\n---\n\n## Touches\n"
    );
}

#[test]
fn update_fills_only_the_fields_a_note_lacks_and_keeps_every_other_byte() {
    let note = "---\r\nname: Diego Alvarez   # the hiring manager\r\ncompany: Globex\r\nrole: Hiring manager\r\nphone:\r\ntags: [job-search]\r\nadded: 2026-11-18\r\n---\r\n\r\nHis notes, as he wrote them.\r\n";
    let card = "BEGIN:VCARD\nVERSION:3.0\nFN:Diego Álvarez\nORG:GLOBEX\nTITLE:Director\nEMAIL:d.alvarez@globex.example\nTEL:+1 415 555 0142\nCATEGORIES:vip\nURL:https://www.linkedin.com/in/diego\nNOTE:not copied into an existing note\nEND:VCARD\n";
    let test = Test::new().file("nudge.yaml", "").file("people/diego.md", note).file("card.vcf", card).args(&[
        "import",
        "card.vcf",
        "--update",
        "--dry-run",
    ]);
    assert_eq!(
        test.stdout(),
        "would update people/diego.md: email, phone, linkedin (from card.vcf:1)\ndry run, nothing written: would have created 0, updated 1, skipped 0 (already in the vault) (1 contact read)\n"
    );
    assert_eq!(read(&test, "people/diego.md"), note, "a dry run writes nothing");
    let test = test.args(&["import", "card.vcf", "--update"]);
    test.stdout();
    assert_eq!(
        read(&test, "people/diego.md"),
        "---\r\nname: Diego Alvarez   # the hiring manager\r\ncompany: Globex\r\nrole: Hiring manager\r\nphone: +1 415 555 0142\r\ntags: [job-search]\r\nadded: 2026-11-18\r\nemail: d.alvarez@globex.example\r\nlinkedin: https://www.linkedin.com/in/diego\r\n---\r\n\r\nHis notes, as he wrote them.\r\n"
    );
    let again = test.stdout();
    assert!(again.contains("skipped card.vcf:1 Diego Álvarez: already in the vault as people/diego.md"), "{again}");
}

#[test]
fn update_fills_a_note_that_two_rows_match_once() {
    let note = "---\nname: Ana Lima\ncompany: Acme\nemail: ana@acme.example\n---\n";
    // One row matches by name and company, the other by email: two rows of
    // the import that share nothing, both the note's person.
    let csv = "Name,Company,Email,Phone\nAna Lima,Acme,,+1 555 0100\nA. Lima,,ana@acme.example,+1 555 0199\n";
    let test = Test::new().file("nudge.yaml", "").file("people/ana.md", note).file("people.csv", csv).args(&[
        "import",
        "people.csv",
        "--update",
    ]);
    assert_eq!(
        test.stdout(),
        "updated people/ana.md: phone (from people.csv:2)\n\
         skipped people.csv:3 A. Lima: already in the vault as people/ana.md (same email)\n\
         created 0, updated 1, skipped 1 (already in the vault) (2 contacts read)\n"
    );
    assert_eq!(
        read(&test, "people/ana.md"),
        "---\nname: Ana Lima\ncompany: Acme\nemail: ana@acme.example\nphone: +1 555 0100\n---\n"
    );
}

#[test]
fn dry_run_lists_what_would_be_done_and_writes_nothing() {
    let test = vault_with(&["apple-3.0.vcf"]);
    let before = tree(test.path());
    let test = test.args(&["import", "apple-3.0.vcf", "--dry-run"]);
    assert_eq!(
        test.stdout(),
        "would skip apple-3.0.vcf:47: no name (info@acme.example)\n\
         would create people/maria-jose-nunez.md (from apple-3.0.vcf:1)\n\
         would create people/siobhan-oneill.md (from apple-3.0.vcf:34)\n\
         would skip apple-3.0.vcf:53 Diego Álvarez: already in the vault as people/diego-alvarez.md (same name and company)\n\
         dry run, nothing written: would have created 2, updated 0, skipped 1 (already in the vault), 1 row without a name (4 contacts read)\n"
    );
    assert_eq!(tree(test.path()), before);
}

#[test]
fn spread_sets_added_so_that_at_most_n_are_due_each_business_day() {
    let cards: String = (1..=5).map(|n| format!("BEGIN:VCARD\nVERSION:4.0\nFN:Person {n}\nEND:VCARD\n")).collect();
    let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,,,,,14 Nov 2024\n";
    // Wednesday 2026-11-25; the vault's holidays include Thursday the 26th;
    // Siobhán O'Neill, a new contact of the vault, is due today: one place left.
    let test = Test::fixture("vault").file("cards.vcf", cards).file("Connections.csv", csv).args(&[
        "import",
        "cards.vcf",
        "Connections.csv",
        "--spread",
        "2/day",
    ]);
    test.stdout();
    let added = |file: &str| {
        read(&test, file).lines().find_map(|line| line.strip_prefix("added: ").map(str::to_owned)).unwrap()
    };
    let dates: Vec<String> = (1..=5).map(|n| added(&format!("people/person-{n}.md"))).collect();
    assert_eq!(dates, ["2026-11-25", "2026-11-27", "2026-11-27", "2026-11-30", "2026-11-30"]);
    assert_eq!(added("people/ana-lima.md"), "2026-12-01");
    assert!(read(&test, "people/ana-lima.md").contains("\nconnected: 2024-11-14\n"), "the source's date is kept");
    let status = test.args(&["status", "--json"]).stdout();
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    let new_contacts = |contact: &&serde_json::Value| contact["state"] == "new";
    let due_today =
        status.as_array().unwrap().iter().filter(new_contacts).filter(|contact| contact["due"] == "2026-11-25").count();
    assert_eq!(due_today, 2);
}

#[test]
fn map_names_the_columns_of_any_csv() {
    let csv = "Full Name;Work Email;Org;City\nAna Lima;ana@acme.example;Acme;Lisbon\n";
    let test = Test::new().file("nudge.yaml", "").file("crm.csv", csv).args(&[
        "import",
        "crm.csv",
        "--map",
        "name=Full Name,email=Work Email,company=Org,city=City",
    ]);
    test.stdout();
    assert_eq!(
        read(&test, "people/ana-lima.md"),
        "---\nname: Ana Lima\ncompany: Acme\nemail: ana@acme.example\ncity: Lisbon\nsource: csv\nadded: 2026-11-25\n---\n\n## Touches\n"
    );
    let test = test.args(&["import", "crm.csv", "--map", "name=Full Nam"]);
    let output = test.status(2);
    assert_eq!(
        output.stderr,
        "nudge: crm.csv:1: error: --map name=Full Nam: the header has no column 'Full Nam' (did you mean 'Full Name'?) (nothing was imported)\n"
    );
}

#[test]
fn import_folder_and_playbook_are_the_notes_folder_and_playbook_of_the_new_contacts() {
    let test = Test::new()
        .file("nudge.yaml", "import:\n  folder: people/imported/\n")
        .file("card.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nEND:VCARD\n")
        .args(&["import", "card.vcf", "--playbook", "sales"]);
    assert_eq!(
        test.stdout(),
        "created people/imported/ana-lima.md (from card.vcf:1)\ncreated 1, updated 0, skipped 0 (already in the vault) (1 contact read)\n"
    );
    assert!(read(&test, "people/imported/ana-lima.md").contains("\nplaybook: sales\n"));
    let output = test.args(&["import", "card.vcf", "--playbook", "sails"]).status(2);
    assert!(output.stderr.contains("unknown playbook 'sails'"), "{}", output.stderr);
}

#[test]
fn utf16_with_a_byte_order_mark_as_excel_writes_it_is_read() {
    let text = "Name\tCompany\r\nSiobhán O'Neill\tUmbrella Health\r\n";
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let test = Test::new().file("nudge.yaml", "").file("contacts.txt", bytes).args(&["import", "contacts.txt"]);
    test.stdout();
    assert!(
        read(&test, "people/siobhan-oneill.md").starts_with("---\nname: Siobhán O'Neill\ncompany: Umbrella Health\n")
    );
}

/// Each bad input: exit 2, its message naming the file and line, and
/// nothing written, not even from the good file before it.
#[test]
fn bad_input_fails_at_its_file_and_line_and_writes_nothing() {
    let utf16_cut: Vec<u8> = [0xFF, 0xFE, b'N', 0, b'\n', 0, b'A'].to_vec();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "photo.vcf",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "photo.vcf:3: error: this is not a vCard or CSV file: it holds NUL bytes (a binary file, or UTF-16 without its byte order mark: save it as UTF-8) (nothing was imported)",
        ),
        (
            "notes.json",
            b"{\"contacts\": []}\n".to_vec(),
            "notes.json:1: error: neither a vCard (no BEGIN:VCARD) nor a CSV file with a header row naming the name's column (Name, Full Name, or First Name and Last Name): name it with --map name=COLUMN (or first_name=COLUMN,last_name=COLUMN) (nothing was imported)",
        ),
        (
            "no-name.csv",
            b"Email,Company\nana@acme.example,Acme\n".to_vec(),
            "no-name.csv:1: error: neither a vCard (no BEGIN:VCARD) nor a CSV file with a header row naming the name's column (Name, Full Name, or First Name and Last Name): name it with --map name=COLUMN (or first_name=COLUMN,last_name=COLUMN); line 1 has the columns Email, Company (nothing was imported)",
        ),
        (
            "quote.csv",
            b"Name,Notes\nAna Lima,\"fine\"\nBo Chen,\"never closed\nCy Diaz,ok\n".to_vec(),
            "quote.csv:3: error: a quote opened on this line is never closed: the rest of the file would be one value (a \" missing, or one too many?) (nothing was imported)",
        ),
        (
            "bad-bom.csv",
            b"\xEF\xBB\xBFName\nAna\nJos\xE9\n".to_vec(),
            "bad-bom.csv:3: error: not valid UTF-8 although the file starts with a UTF-8 byte order mark: save it again as UTF-8 (nothing was imported)",
        ),
        (
            "cut.csv",
            utf16_cut,
            "cut.csv:2: error: not valid UTF-16: the file ends in the middle of a character (cut short?) (nothing was imported)",
        ),
        (
            "open.vcf",
            b"BEGIN:VCARD\nFN:Ana\nEND:VCARD\nBEGIN:VCARD\nFN:Bo\n".to_vec(),
            "open.vcf:4: error: this card is never closed: no END:VCARD after it (is the file cut short?) (nothing was imported)",
        ),
        (
            "date.csv",
            b"First Name,Last Name,Connected On\nAna,Lima,14 Nov 2024\nBo,Chen,31 Foo 2024\n".to_vec(),
            "date.csv:3: error: '31 Foo 2024' in column Connected On is not a date: write it like 14 Nov 2024 or 2024-11-14 (nothing was imported)",
        ),
    ];
    for (name, bytes, message) in cases {
        let test = Test::fixture("vault").file("good.vcf", "BEGIN:VCARD\nFN:Ana Lima\nEND:VCARD\n").file(name, bytes);
        let before = tree(test.path());
        let test = test.args(&["import", "good.vcf", name]);
        let output = test.status(2);
        assert_eq!(output.stderr, format!("nudge: {message}\n"), "{name}");
        assert_eq!(output.stdout, "", "{name}");
        assert_eq!(tree(test.path()), before, "{name}: nothing written");
    }
}

/// LinkedIn's `Connected On` is when you connected, years ago for most:
/// as `added` it made every imported contact a new contact thousands of
/// days overdue. It is kept as `connected:`; the contact is due from the
/// day of the import.
#[test]
fn linkedin_connected_on_is_kept_as_connected_and_the_contact_is_due_from_the_import_day() {
    let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,,,Acme,,03 Jan 2019\n";
    let test = Test::new().file("nudge.yaml", "").file("Connections.csv", csv).args(&["import", "Connections.csv"]);
    test.stdout();
    let note = read(&test, "people/ana-lima.md");
    assert!(note.contains("\nconnected: 2019-01-03\n"), "{note}");
    assert!(note.contains("\nadded: 2026-11-25\n"), "{note}");
    let status = test.args(&["status", "--json"]).stdout();
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status[0]["due"], "2026-11-25", "due on the day of the import, not 7 years overdue");
}

/// Without `--spread`, many new contacts are all due on the day of the
/// import: the summary says how to stagger them.
#[test]
fn importing_many_contacts_without_spread_hints_at_spread() {
    let cards: String = (1..=30).map(|n| format!("BEGIN:VCARD\nVERSION:4.0\nFN:Person {n}\nEND:VCARD\n")).collect();
    let test = Test::new().file("nudge.yaml", "").file("cards.vcf", cards).args(&["import", "cards.vcf", "--dry-run"]);
    let dry = test.stdout();
    assert!(
        dry.ends_with("hint: the 30 new contacts are all due today; to have 20 a business day instead, import again with --spread 20/day\n"),
        "{dry}"
    );
    let test = test.args(&["import", "cards.vcf", "--dry-run", "--spread", "20/day"]);
    let spread = test.stdout();
    assert!(!spread.contains("hint:"), "{spread}");
    let done = test.args(&["import", "cards.vcf"]).stdout();
    assert!(done.ends_with("instead, run `nudge undo` and import again with --spread 20/day\n"), "{done}");
}

/// Google Contacts writes several values of one column joined by ` ::: `
/// (two numbers labelled Mobile): each is an address or number of its own.
#[test]
fn google_values_joined_by_three_colons_are_each_an_email_or_phone() {
    let csv = "First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n\
               Ana,Lima,* Work,ana@acme.example ::: ana@home.example,Mobile,+1 555 0100 ::: +1 555 0101\n";
    let test = Test::new().file("nudge.yaml", "").file("google.csv", csv).args(&["import", "google.csv"]);
    test.stdout();
    let note = read(&test, "people/ana-lima.md");
    assert!(note.contains("\nemail: ana@acme.example\nphone: +1 555 0100\n"), "{note}");
    assert!(note.contains("\nother_emails: [ana@home.example]\nother_phones: [+1 555 0101]\n"), "{note}");
}

/// Outlook's `Assistant's Phone` is someone else's number, and a
/// LinkedIn profile in its `Web Page` is the contact's `linkedin`.
#[test]
fn outlook_assistants_phone_is_not_the_contacts_and_a_linkedin_web_page_is_linkedin() {
    let csv = "First Name,Last Name,E-mail Address,Business Phone,Assistant's Phone,Job Title,Web Page\n\
               Dana,Reyes,dana@acme.example,+1 415 555 0142,+1 415 555 0999,Head of Talent,https://www.linkedin.com/in/danareyes\n";
    let test = Test::new().file("nudge.yaml", "").file("outlook.csv", csv).args(&["import", "outlook.csv"]);
    test.stdout();
    let note = read(&test, "people/dana-reyes.md");
    assert!(!note.contains("0999"), "{note}");
    assert!(note.contains("\nlinkedin: https://www.linkedin.com/in/danareyes\n"), "{note}");
}

/// Apple Contacts writes a birthday without a year as the year 1604 with
/// `X-APPLE-OMIT-YEAR=1604`: it is `--MM-DD`, not a birthday in 1604.
#[test]
fn an_apple_birthday_without_a_year_is_month_and_day() {
    let cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-07-04\r\nEND:VCARD\r\n\
                 BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Chen\r\nBDAY;X-APPLE-OMIT-YEAR=1604;VALUE=date:1604-03-14\r\nEND:VCARD\r\n";
    let test = Test::new().file("nudge.yaml", "").file("apple.vcf", cards).args(&["import", "apple.vcf"]);
    test.stdout();
    assert!(
        read(&test, "people/ana-lima.md").contains("\nbirthday: --07-04\n"),
        "{}",
        read(&test, "people/ana-lima.md")
    );
    assert!(read(&test, "people/bo-chen.md").contains("\nbirthday: --03-14\n"), "{}", read(&test, "people/bo-chen.md"));
}

/// A row without a name is skipped, and the listing says whose it is when
/// the row has an email or a company, so the user can find it.
#[test]
fn a_row_without_a_name_is_listed_with_its_email_or_company() {
    let csv = "Name,E-mail 1 - Value,Organization 1 - Name,Notes\n,ana@acme.example,,\n,,Initech,\n,,,met once\n";
    let test = Test::new().file("nudge.yaml", "").file("google.csv", csv).args(&["import", "google.csv"]);
    assert_eq!(
        test.stdout(),
        "skipped google.csv:2: no name (ana@acme.example)\n\
         skipped google.csv:3: no name (Initech)\n\
         skipped google.csv:4: no name\n\
         created 0, updated 0, skipped 0 (already in the vault), 3 rows without a name (3 contacts read)\n"
    );
}

/// `--spread` counts the new contacts already due on each day (an earlier
/// import): two imports with `--spread 2/day` make no day of four.
#[test]
fn spread_counts_the_new_contacts_already_due_each_day() {
    let cards = |from: u32| -> String {
        (from..from + 3).map(|n| format!("BEGIN:VCARD\nVERSION:4.0\nFN:Person {n}\nEND:VCARD\n")).collect()
    };
    // Wednesday 2026-11-25, no holidays.
    let test = Test::new().file("nudge.yaml", "").file("a.vcf", cards(1)).file("b.vcf", cards(4));
    let test = test.args(&["import", "a.vcf", "--spread", "2/day"]);
    test.stdout();
    let test = test.args(&["import", "b.vcf", "--spread", "2/day"]);
    test.stdout();
    let added = |n: u32| {
        read(&test, &format!("people/person-{n}.md"))
            .lines()
            .find_map(|line| line.strip_prefix("added: ").map(str::to_owned))
            .unwrap()
    };
    let dates: Vec<String> = (1..=6).map(added).collect();
    assert_eq!(dates, ["2026-11-25", "2026-11-25", "2026-11-26", "2026-11-26", "2026-11-27", "2026-11-27"]);
}

#[test]
fn a_csv_whose_name_column_nudge_does_not_know_lists_its_columns_for_map() {
    let german = "Vorname;Nachname;Firma;E-Mail-Adresse\r\nJürgen;Müller;Bäckerei GmbH;jm@example.de\r\n";
    let test = Test::new().file("nudge.yaml", "").file("outlook-de.csv", german).args(&["import", "outlook-de.csv"]);
    let output = test.status(2);
    assert_eq!(
        output.stderr,
        "nudge: outlook-de.csv:1: error: neither a vCard (no BEGIN:VCARD) nor a CSV file with a header row naming the name's column (Name, Full Name, or First Name and Last Name): name it with --map name=COLUMN (or first_name=COLUMN,last_name=COLUMN); line 1 has the columns Vorname, Nachname, Firma, E-Mail-Adresse (nothing was imported)\n"
    );
    let mapped = "first_name=Vorname,last_name=Nachname,company=Firma,email=E-Mail-Adresse";
    let test = test.args(&["import", "outlook-de.csv", "--map", mapped]);
    assert!(test.stdout().contains("created people/jurgen-muller.md"));
}
