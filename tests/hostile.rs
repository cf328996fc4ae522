//! The hostile vault: what a notes folder synced by Obsidian, git and
//! Dropbox holds besides good notes. Each case sits beside a good contact:
//! `check` names the case exactly (or is silent), `status --json` still
//! lists the good contact, nothing hangs, and no file of the vault changes.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::test::{Test, tree};

const GOOD: &str = "---\nname: Good Contact\ncompany: Acme\n---\n\n- 2026-11-20 call talked: all fine\n";

/// What the read commands made of a vault.
struct Read {
    /// `nudge check`'s stdout.
    check: String,
    /// `nudge check`'s exit code.
    exit: i32,
    /// `nudge status --json`'s array.
    contacts: Vec<Value>,
}

impl Read {
    /// The entry of `file`.
    fn contact(&self, file: &str) -> &Value {
        let found = self.contacts.iter().find(|contact| contact["file"] == file);
        found.unwrap_or_else(|| panic!("{file} is not listed: {:#?}", self.contacts))
    }

    /// The files listed, in the order `status` lists them.
    fn files(&self) -> Vec<&str> {
        self.contacts.iter().map(|contact| contact["file"].as_str().unwrap()).collect()
    }
}

/// Adds the good contact, runs `check` and `status --json`, and checks that
/// the good contact is listed, nothing went to stderr, and no file changed.
fn read(test: Test) -> Read {
    let test = test.file("people/good.md", GOOD);
    let before = tree(test.path());
    let test = test.args(&["check"]);
    let check = test.run();
    assert_eq!(check.stderr, "", "check's stderr");
    let test = test.args(&["status", "--json"]);
    let status = test.run();
    assert_eq!((status.status, status.stderr.as_str()), (0, ""), "status --json");
    let contacts: Vec<Value> = serde_json::from_str(&status.stdout).unwrap();
    let good = contacts.iter().find(|contact| contact["file"] == "people/good.md");
    assert_eq!(good.map(|good| (&good["name"], &good["state"])), Some((&"Good Contact".into(), &"engaged".into())));
    assert_eq!(tree(test.path()), before, "a read command changed the vault");
    Read { check: check.stdout, exit: check.status, contacts }
}

/// [`read`] on a vault holding one more file.
fn read_one(relative: &str, content: impl AsRef<[u8]>) -> Read {
    read(Test::new().file(relative, content))
}

#[test]
fn a_tab_in_the_front_matter_is_an_error_at_the_tab_saying_to_use_spaces() {
    let tab = "a tab where YAML wants spaces (YAML indents with spaces only): replace it with spaces";
    let read = read(
        Test::new()
            .file("P/key.md", "---\nname: Tab\n\tcompany: Acme\n---\n")
            .file("P/item.md", "---\nname: Tab\nrole:\n\t- x\n---\n"),
    );
    assert_eq!(
        read.check,
        format!(
            "P/item.md:4:1: error: front matter is not valid YAML: {tab}; fix the YAML between the --- lines\n\
             P/key.md:3:1: error: front matter is not valid YAML: {tab}; fix the YAML between the --- lines\n\
             2 errors, 0 warnings in 3 contacts\n"
        )
    );
}

#[test]
fn invalid_yaml_is_an_error_where_the_parser_gave_up() {
    let read = read_one("people/bad.md", "---\nname: Dana\ncompany: [Acme\n---\n- 2026-11-20 call\n");
    assert_eq!(
        read.check,
        "people/bad.md:4:1: error: front matter is not valid YAML: did not find expected ',' or ']', while parsing a flow sequence started at 3:10; fix the YAML between the --- lines\n1 error, 0 warnings in 2 contacts\n"
    );
    assert_eq!(read.exit, 1);
    assert_eq!(read.files(), ["people/good.md"]);
}

#[test]
fn front_matter_that_is_a_scalar_or_a_list_is_an_error() {
    let read = read(
        Test::new()
            .file("scalar.md", "---\nJamie Ortiz, met at the expo\n---\n")
            .file("list.md", "---\n- name: Dana\n- company: Acme\n---\n"),
    );
    assert_eq!(
        read.check,
        "list.md:2:1: error: front matter must be a mapping of keys (`name: Dana Reyes`), found a list\n\
         scalar.md:2:1: error: front matter must be a mapping of keys (`name: Dana Reyes`), found 'Jamie Ortiz, met at the expo'\n\
         2 errors, 0 warnings in 3 contacts\n"
    );
    assert_eq!(read.files(), ["people/good.md"]);
}

#[test]
fn front_matter_never_closed_is_an_error_on_line_1() {
    let read = read_one("open.md", "---\nname: Dana\n\n- 2026-11-20 call\n");
    assert_eq!(
        read.check,
        "open.md:1:1: error: the front matter opened on line 1 is never closed: add a line --- after its last key\n1 error, 0 warnings in 2 contacts\n"
    );
}

/// "Billion laughs": nine aliases of nine aliases, nine levels deep.
fn alias_bomb() -> String {
    let mut yaml =
        "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n".to_owned();
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let alias = format!("*{}", pair[0]);
        yaml.push_str(&format!("{}: &{} [{}]\n", pair[1], pair[1], vec![alias; 9].join(", ")));
    }
    format!("---\nname: Bomb\n{yaml}---\n")
}

#[test]
fn an_alias_bomb_is_an_error_and_fast() {
    let started = Instant::now();
    let read = read_one("bomb.md", alias_bomb());
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    assert_eq!(
        read.check,
        "bomb.md:2:1: error: front matter is not valid YAML: its aliases (*name) repeat more data than a note can hold (an alias bomb); fix the YAML between the --- lines\n1 error, 0 warnings in 2 contacts\n"
    );
}

#[test]
fn nesting_20000_deep_is_an_error_and_fast() {
    let flow = format!("---\nname: {}{}\n---\n", "[".repeat(20_000), "]".repeat(20_000));
    let block = format!("---\nname:\n  {}x\n---\n", "- ".repeat(20_000));
    let started = Instant::now();
    let read = read(Test::new().file("flow.md", flow).file("block.md", block));
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    assert_eq!(
        read.check,
        "block.md:3:257: error: front matter is not valid YAML: nested more than 128 levels deep; fix the YAML between the --- lines\n\
         flow.md:2:135: error: front matter is not valid YAML: nested more than 128 levels deep; fix the YAML between the --- lines\n\
         2 errors, 0 warnings in 3 contacts\n"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_an_error_at_the_first_one() {
    let read = read_one("latin1.md", b"---\nname: Ren\xe9e\n---\n- 2026-11-20 call\n");
    assert_eq!(
        read.check,
        "latin1.md:2:10: error: the file is not valid UTF-8 (the first bad byte is here): save it as UTF-8\n1 error, 0 warnings in 2 contacts\n"
    );
}

#[test]
fn binary_junk_without_front_matter_is_skipped_silently() {
    let read = read_one("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe");
    assert_eq!(read.check, "no problems in 1 contact\n");
}

#[test]
fn a_nul_byte_is_an_error_in_front_matter_and_shown_escaped_in_a_touch() {
    let read = read(
        Test::new()
            .file("nul-front.md", b"---\nname: Da\x00na\n---\n")
            .file("nul-touch.md", b"---\nname: Nul Touch\n---\n- 2026-11-20 ca\x00ll: hello\n"),
    );
    assert_eq!(
        read.check,
        "nul-front.md:2:9: error: front matter is not valid YAML: control characters are not allowed (found U+0000); fix the YAML between the --- lines\n\
         nul-touch.md:4:14: warning: unknown touch keyword 'ca\\u{0}ll', did you mean 'call'? it counts as an outbound attempt of channel other\n\
         1 error, 1 warning in 3 contacts\n"
    );
    assert_eq!(read.contact("nul-touch.md")["attempts"], 1);
}

#[test]
fn a_5_mb_single_line_is_read_as_text_and_fast() {
    let line = "word ".repeat(1_000_000);
    let note =
        format!("---\nname: Long Line\n---\n{line}\n\n- 2026-11-20 call\n- 2026-11-21 email {}\n", &line[..1_000_000]);
    let started = Instant::now();
    let read = read_one("long.md", note);
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    assert_eq!(read.check, "no problems in 2 contacts\n");
    let long = read.contact("long.md");
    assert_eq!((&long["attempts"], &long["last_touch"]), (&2.into(), &"2026-11-21".into()));
}

#[test]
fn a_file_with_10000_touches_is_read_in_linear_time() {
    let start = chrono::NaiveDate::from_ymd_opt(1999, 1, 1).unwrap();
    let touches: String =
        (0..10_000u64).map(|day| format!("- {} call vm: try {day}\n", start + chrono::Days::new(day))).collect();
    let started = Instant::now();
    let read = read_one("busy.md", format!("---\nname: Busy\nplaybook: sales\n---\n{touches}"));
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    assert_eq!(read.check, "no problems in 2 contacts\n");
    let busy = read.contact("busy.md");
    assert_eq!(
        (&busy["attempts"], &busy["state"], &busy["last_touch"]),
        (&10_000.into(), &"nurture".into(), &"2026-05-18".into())
    );
}

#[test]
fn extreme_and_impossible_dates() {
    let note = "---\nname: Dates\nadded: 0001-01-01\nnext: 9999-12-31\n---\n- 0001-01-01 call\n- 9999-12-31 call\n- 2026-02-30 call\n- 2026-13-45 call\n";
    let bad_front = "---\nname: Bad Dates\nadded: 2026-02-30\nnext: 2026-13-45\n---\n";
    let read = read(Test::new().file("dates.md", note).file("bad-front.md", bad_front));
    assert_eq!(
        read.check,
        "bad-front.md:3:8: error: `added` is an impossible date '2026-02-30': write a real calendar date as YYYY-MM-DD\n\
         bad-front.md:4:7: error: `next` is an impossible date '2026-13-45': write a real calendar date as YYYY-MM-DD\n\
         dates.md:7:3: warning: touch dated 9999-12-31, after today (2026-11-25): it does not count until then; to plan it, put an unticked checkbox before its date or write next: 9999-12-31 on the last touch\n\
         dates.md:8:3: error: impossible date '2026-02-30': this item is not counted as a touch; write a real date as YYYY-MM-DD\n\
         dates.md:9:3: error: impossible date '2026-13-45': this item is not counted as a touch; write a real date as YYYY-MM-DD\n\
         4 errors, 1 warning in 3 contacts\n"
    );
    let dates = read.contact("dates.md");
    assert_eq!(
        (&dates["attempts"], &dates["last_touch"], &dates["promise"], &dates["due"]),
        (&1.into(), &"0001-01-01".into(), &"9999-12-31".into(), &"9999-12-31".into())
    );
}

#[test]
fn today_at_the_ends_of_the_calendar() {
    for today in ["0001-01-01", "9999-12-31"] {
        let test = Test::fixture("vault")
            .file("edge.md", "---\nnext: 9999-12-31\n---\n- 9999-12-30 call\n- 0001-01-01 reply\n");
        let output = test.today(today).args(&["status", "--json"]).run();
        assert_eq!((output.status, output.stderr.as_str()), (0, ""), "--today {today}");
        let contacts: Vec<Value> = serde_json::from_str(&output.stdout).unwrap();
        assert_eq!(contacts.len(), 24, "--today {today}");
    }
}

#[test]
fn a_name_that_is_a_number_is_the_number_as_written() {
    let read =
        read(Test::new().file("a.md", "---\nname: 2001\n---\n").file("b.md", "---\nname: 0x1F\ncompany: 3.10\n---\n"));
    assert_eq!(read.check, "no problems in 3 contacts\n");
    assert_eq!((&read.contact("a.md")["name"], &read.contact("b.md")["name"]), (&"2001".into(), &"0x1F".into()));
    assert_eq!(read.contact("b.md")["company"], "3.10");
}

#[test]
fn a_playbook_name_with_a_typo_gets_a_did_you_mean() {
    let read = read_one("p.md", "---\nname: Pat\nplaybook: salse\n---\n");
    assert!(
        read.check.starts_with(
            "p.md:3:11: error: unknown playbook 'salse', did you mean 'sales'? (known: job-search, sales, prospecting, partnership, nurture): using job-search meanwhile"
        ),
        "{}",
        read.check
    );
}

#[test]
fn an_unknown_playbook_is_an_error_and_the_default_stands_in() {
    let read = read_one("p.md", "---\nname: Pat\nplaybook: recruiters\n---\n- 2026-11-20 email\n");
    assert_eq!(
        read.check,
        "p.md:3:11: error: unknown playbook 'recruiters' (known: job-search, sales, prospecting, partnership, nurture): using job-search meanwhile; fix the name or define it under `playbooks:` in nudge.yaml\n1 error, 0 warnings in 2 contacts\n"
    );
    assert_eq!(read.contact("p.md")["playbook"], "job-search");
}

#[test]
fn an_empty_file_is_not_a_contact() {
    let read = read(Test::new().file("empty.md", "").file("only-dashes.md", "---"));
    assert_eq!(
        read.check,
        "only-dashes.md:1:1: error: the front matter opened on line 1 is never closed: add a line --- after its last key\n1 error, 0 warnings in 2 contacts\n"
    );
}

#[test]
fn a_folder_named_like_a_note_is_walked_into() {
    let read = read_one("x.md/inside.md", "---\nname: Inside\n---\n");
    assert_eq!(read.check, "no problems in 2 contacts\n");
    assert_eq!(read.contact("x.md/inside.md")["name"], "Inside");
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_note_never_blocks() {
    let test = Test::new();
    let made = std::process::Command::new("mkfifo").arg(test.path().join("x.md")).status().unwrap();
    assert!(made.success());
    let config = std::process::Command::new("mkfifo").arg(test.path().join("nudge.yaml")).status().unwrap();
    assert!(config.success());
    // A FIFO as the config is an error; as a note it is skipped.
    let test = test.args(&["check"]);
    let started = Instant::now();
    let output = test.run();
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    assert_eq!(
        (output.status, output.stderr.as_str()),
        (2, "nudge: nudge.yaml:1:1: error: not a regular file: make nudge.yaml a text file\n")
    );
    std::fs::remove_file(test.path().join("nudge.yaml")).unwrap();
    let read = read(test);
    assert_eq!(read.check, "no problems in 1 contact\n");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_out_of_the_vault_are_warnings_and_never_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "---\nname: Secret\n---\n").unwrap();
    let test = Test::new().file("people/real.md", "---\nname: Real\n---\n");
    let root = test.path().to_path_buf();
    let link = |target: &std::path::Path, name: &str| std::os::unix::fs::symlink(target, root.join(name)).unwrap();
    link(&root.join("b.md"), "a.md");
    link(&root.join("a.md"), "b.md");
    link(&root, "people/up");
    link(&outside.path().join("secret.md"), "leak.md");
    link(&outside.path().join("secret.md"), "picture.png");
    link(&root.join("people/real.md"), "alias.md");
    let read = read(test);
    assert_eq!(
        read.check,
        "a.md:1:1: warning: symlink loop: not read; remove the link\n\
         b.md:1:1: warning: symlink loop: not read; remove the link\n\
         leak.md:1:1: warning: symlink leads outside the notes folder: not read (move the note into the folder instead)\n\
         0 errors, 3 warnings in 2 contacts\n"
    );
    assert_eq!(read.files(), ["people/good.md", "people/real.md"]);
}

#[test]
fn file_names_with_spaces_quotes_other_scripts_and_emoji() {
    let names =
        ["people/ana lima.md", "people/o'brien \"the boss\".md", "people/Ñandú 名前 Ωμέγα.md", "people/🚀 launch.md"];
    let mut test = Test::new();
    for name in names {
        test = test.file(name, "---\ncompany: Acme\n---\n- 2026-11-20 email\n");
    }
    let read = read(test);
    assert_eq!(read.check, "no problems in 5 contacts\n");
    for name in names {
        let stem = name.trim_start_matches("people/").trim_end_matches(".md");
        assert_eq!(read.contact(name)["name"], stem);
    }
    let output = Test::new().file(names[2], "---\n---\n").args(&["show", "Ñandú"]).stdout();
    assert!(output.starts_with("Ñandú 名前 Ωμέγα\npeople/Ñandú 名前 Ωμέγα.md  ·  playbook job-search\n"), "{output}");
}

#[test]
fn values_that_look_like_templates_are_printed_as_written() {
    let note = "---\nname: \"{{ 7*7 }}\"\ncompany: \"{% for x in range(10) %}{{ x }}{% endfor %}\"\n---\n- 2026-11-20 call: {{ 7*7 }} ${HOME} $(rm -rf /)\n";
    let read = read_one("t.md", note);
    assert_eq!(read.check, "no problems in 2 contacts\n");
    let entry = read.contact("t.md");
    assert_eq!(
        (&entry["name"], &entry["company"]),
        (&"{{ 7*7 }}".into(), &"{% for x in range(10) %}{{ x }}{% endfor %}".into())
    );
    let show = Test::new().file("t.md", note).args(&["show", "t.md"]).stdout();
    assert!(show.starts_with("{{ 7*7 }} ({% for x in range(10) %}{{ x }}{% endfor %})\n"), "{show}");
    assert!(show.contains("{{ 7*7 }} ${HOME} $(rm -rf /)"), "{show}");
    let agenda = Test::new().file("t.md", note).args(&["agenda", "-o", "-"]).stdout();
    // Printed as written, with markdown's `*` and `$` escaped: never run.
    let entry = "- [ ] Call [{{ 7\\*7 }}](t.md) ({% for x in range(10) %}{{ x }}{% endfor %}) — ";
    assert!(agenda.contains(entry), "{agenda}");
    assert!(agenda.contains("last touch 2026-11-20 call: {{ 7\\*7 }} \\${HOME} \\$(rm -rf /) · "), "{agenda}");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_template_or_the_agenda_never_blocks() {
    let test = Test::fixture("vault");
    let mkfifo = |relative: &str| {
        let path = test.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        assert!(std::process::Command::new("mkfifo").arg(path).status().unwrap().success());
    };
    mkfifo(".nudge/templates/agenda.md.j2");
    mkfifo(".nudge/templates/contact.md.j2");
    let test = test.args(&["agenda", "-o", "-"]);
    let started = Instant::now();
    let agenda = test.status(2);
    assert_eq!(
        agenda.stderr,
        "nudge: .nudge/templates/agenda.md.j2:1:1: error: not a regular file: make .nudge/templates/agenda.md.j2 a text file\n"
    );
    let new = test.args(&["new", "Ana Lima"]).status(2);
    assert_eq!(
        new.stderr,
        "nudge: .nudge/templates/contact.md.j2:1:1: error: not a regular file: make .nudge/templates/contact.md.j2 a text file\n"
    );
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
}

#[test]
fn a_note_over_the_size_limit_is_an_error_and_a_big_non_note_is_skipped() {
    let big_note = format!("---\nname: Big\n---\n{}", "x".repeat(2_000));
    let big_export = format!("# Export\n{}", "x".repeat(2_000));
    let limited = read(
        Test::new().file("nudge.yaml", "max_file_size: 1KB\n").file("big.md", big_note).file("export.md", big_export),
    );
    assert_eq!(
        limited.check,
        "big.md:1:1: error: the note is 2 KB, more than the 1 KB a note may have: not read; split it, exclude it in nudge.yaml, or raise `max_file_size` there\n1 error, 0 warnings in 2 contacts\n"
    );
    let just_over = format!("---\nname: Big\n---\n{}", "x".repeat(1_000));
    let over = read(Test::new().file("nudge.yaml", "max_file_size: 1KB\n").file("big.md", just_over));
    assert_eq!(
        over.check,
        "big.md:1:1: error: the note is 1018 bytes, more than the 1000 bytes a note may have: not read; split it, exclude it in nudge.yaml, or raise `max_file_size` there\n1 error, 0 warnings in 2 contacts\n"
    );
}

#[test]
fn thousands_of_bad_keys_list_100_and_count_the_rest() {
    let keys: String = (0..5_000).map(|i| format!("nam{}: x\n", char::from_u32(0x4e00 + i).unwrap())).collect();
    let started = Instant::now();
    let read = read_one("keys.md", format!("---\n{keys}---\n"));
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    let lines: Vec<&str> = read.check.lines().collect();
    assert_eq!(lines.len(), 102);
    assert_eq!(
        lines[0],
        "keys.md:2:1: warning: 4900 more problems in this file are not listed: fix the ones listed, then run `nudge check` again"
    );
    assert_eq!(
        lines[1],
        "keys.md:2:1: warning: unknown key `nam一`: did you mean `name`? (unknown keys are kept for templates)"
    );
    assert_eq!(lines[101], "0 errors, 101 warnings in 2 contacts");
}

#[test]
fn markdown_built_to_be_slow_is_read_in_linear_time() {
    let bodies = [
        ("quotes", "> ".repeat(10_000) + "- 2026-11-20 call\n"),
        ("dashes", "- ".repeat(50_000) + "2026-11-20 call\n"),
        ("brackets", "[".repeat(100_000)),
        ("emphasis", "*a _b ".repeat(50_000)),
        ("links", "[a](".repeat(50_000)),
        ("entities", "&amp;".repeat(100_000)),
        ("nested-items", (0..1_000).map(|depth| format!("{}- 2026-11-20 call\n", "  ".repeat(depth))).collect()),
        ("references", (0..20_000).map(|i| format!("[l{i}]: /u{i}\n[l{i}]\n")).collect()),
    ];
    let mut test = Test::new();
    for (name, body) in &bodies {
        test = test.file(&format!("{name}.md"), format!("---\nname: {name}\n---\n{body}\n"));
    }
    let started = Instant::now();
    let read = read(test);
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    assert_eq!(read.check, "no problems in 9 contacts\n");
    assert_eq!(read.contact("nested-items.md")["attempts"], 1_000);
    assert_eq!(read.contact("quotes.md")["attempts"], 0, "a touch in a block quote does not count");
    assert_eq!(read.contact("dashes.md")["attempts"], 1);
}

#[test]
fn sync_leftovers_conflict_markers_conflicted_copies_and_half_saved_files() {
    let merged =
        "---\nname: Dana Reyes\n<<<<<<< HEAD\ncompany: Acme\n=======\ncompany: Acme Corp\n>>>>>>> theirs\n---\n";
    let copy = "---\nname: Sam Lee\ncompany: Initech\n---\n- 2026-11-20 call\n";
    let read = read(
        Test::new()
            .file("people/dana.md", merged)
            .file("people/sam.md", copy)
            .file("people/sam (conflicted copy 2026-11-21).md", copy)
            .file("people/half.md", b"---\nname: Ren\xc3"),
    );
    assert_eq!(
        read.check,
        "people/dana.md:4:1: error: front matter is not valid YAML: could not find expected ':', while scanning a simple key started at 3:1; fix the YAML between the --- lines\n\
         people/half.md:2:10: error: the file is not valid UTF-8 (the first bad byte is here): save it as UTF-8\n\
         people/sam.md:2:7: warning: duplicate contact: same name and company as people/sam (conflicted copy 2026-11-21).md; merge the two files or remove one\n\
         2 errors, 1 warning in 5 contacts\n"
    );
}
