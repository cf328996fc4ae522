//! `nudge agenda`: the sections and entries for the example vault on
//! several days, link styles, a user's template, broken notes, where and
//! when the file is written, and what a markdown parser finds in it.

use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::test::{Test, tree};

fn agenda(test: &Test) -> String {
    test.stdout()
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn agenda_for_the_example_vault_on_a_wednesday() {
    let output = agenda(&Test::fixture("vault").args(&["agenda", "-o", "-"]));
    insta::assert_snapshot!(output);
}

#[test]
fn agenda_for_the_example_vault_on_a_monday() {
    let output = agenda(&Test::fixture("vault").today("2026-11-23").args(&["agenda", "-o", "-"]));
    insta::assert_snapshot!(output);
}

#[test]
fn agenda_for_the_example_vault_on_a_friday_after_a_holiday() {
    let output = agenda(&Test::fixture("vault").today("2026-11-27").args(&["agenda", "-o", "-"]));
    insta::assert_snapshot!(output);
}

#[test]
fn agenda_on_a_day_with_nothing_due() {
    let test = Test::new()
        .file("people/later.md", "---\nname: Later\n---\n- 2026-11-24 call talked: next: 2026-12-15\n")
        .file("people/done.md", "---\nname: Done\nstage: closed\n---\n- 2026-11-01 email\n")
        .args(&["agenda", "-o", "-"]);
    assert_eq!(agenda(&test), "# Follow-ups for Wednesday 2026-11-25\n\nNothing due through 2026-12-02.\n");
}

#[test]
fn agenda_with_wiki_links() {
    let test = Test::fixture("vault");
    let config = read(test.path().join("nudge.yaml")).replace("link_style: markdown", "link_style: wiki");
    let output = agenda(&test.file("nudge.yaml", config).args(&["agenda", "-o", "-"]));
    insta::assert_snapshot!(output);
}

#[test]
fn agenda_with_broken_notes_lists_every_problem_and_exits_0() {
    let output = agenda(&Test::fixture("broken").args(&["agenda", "-o", "-"]));
    insta::assert_snapshot!(output);
}

const USER_TEMPLATE: &str = "---\ntags: [agenda]\n---\n# {{ today }}: {{ counts.overdue }} overdue\n\
{% for section in sections %}{% for c in section.entries %}\
- [ ] {{ c.link }} {{ c.name }} ({{ c.front.location or \"?\" }}, {{ c.state }}, {{ c.attempts }}/{{ c.limit or \"never\" }}){% for h in c.hints %} #{{ h.code }}{% endfor %} {{ c.marker }}\n\
{% endfor %}{% endfor %}";

#[test]
fn agenda_with_a_user_template() {
    let test = Test::fixture("vault").file(".nudge/templates/agenda.md.j2", USER_TEMPLATE);
    let output = agenda(&test.args(&["agenda", "-o", "-"]));
    insta::assert_snapshot!(output);
}

#[test]
fn the_templates_setting_names_the_folder_of_the_users_template() {
    let test = Test::new()
        .file("nudge.yaml", "templates: my templates\n")
        .file("my templates/agenda.md.j2", "{{ contacts | length }} contact on {{ weekday }}\n")
        .file("dana.md", "---\nname: Dana\n---\n");
    assert_eq!(agenda(&test.args(&["agenda", "-o", "-"])), "1 contact on Wednesday\n");
}

#[test]
fn a_template_error_names_its_line_exits_2_and_keeps_the_old_agenda() {
    let test = Test::fixture("vault")
        .file("agenda.md", "the old agenda\n")
        .file(".nudge/templates/agenda.md.j2", "# Agenda\n{% for s in sections %}\n{{ s.title }\n{% endfor %}\n");
    let before = tree(test.path());
    let test = test.args(&["agenda"]);
    let output = test.status(2);
    assert_eq!(
        output.stderr,
        "nudge: .nudge/templates/agenda.md.j2:3:12: error: syntax error: unexpected `}`, expected end of variable block; fix the template, or move it away to use the built-in one\n"
    );
    assert_eq!(output.stdout, "");
    assert_eq!(tree(test.path()), before);
}

#[test]
fn the_agenda_is_written_to_the_configured_path_and_never_read_as_a_contact() {
    let test = Test::fixture("vault").file(".nudge/templates/agenda.md.j2", USER_TEMPLATE);
    let printed = agenda(
        &Test::fixture("vault").file(".nudge/templates/agenda.md.j2", USER_TEMPLATE).args(&["agenda", "-o", "-"]),
    );
    let test = test.args(&["agenda"]);
    assert_eq!(
        agenda(&test),
        "wrote agenda.md: 4 overdue, 1 today, 2 last shots, 3 upcoming, 3 new contacts, 2 nurture due\n"
    );
    let written = read(test.path().join("agenda.md"));
    assert_eq!(written, printed);
    assert!(written.starts_with("---\n"), "front matter, so it would be a contact if it were read");
    let check = Test::fixture("vault").file("agenda.md", &written).args(&["check"]);
    assert_eq!(agenda(&check), "no problems in 23 contacts\n");
}

#[test]
fn the_configured_folder_is_created() {
    let test = Test::new()
        .file("nudge.yaml", "agenda: daily/todo/agenda.md\n")
        .file("dana.md", "---\nname: Dana\n---\n")
        .args(&["agenda"]);
    agenda(&test);
    assert!(read(test.path().join("daily/todo/agenda.md")).contains("First contact: email [Dana](dana.md)"));
}

#[cfg(unix)]
#[test]
fn a_configured_folder_leading_out_of_the_vault_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    for agenda in ["out/agenda.md", "out/daily/agenda.md"] {
        let test =
            Test::new().file("nudge.yaml", format!("agenda: {agenda}\n")).file("dana.md", "---\nname: Dana\n---\n");
        std::os::unix::fs::symlink(outside.path(), test.path().join("out")).unwrap();
        let output = test.args(&["agenda"]).status(2);
        assert!(output.stderr.contains(&format!("{agenda} leads outside the notes folder")), "{}", output.stderr);
        assert!(output.stderr.ends_with("fix the path (in nudge.yaml) or the symlink\n"), "{}", output.stderr);
        // Not even the folder `daily` is created out there.
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }
}

#[test]
fn a_second_run_leaves_the_file_alone() {
    let test = Test::fixture("vault").args(&["agenda"]);
    agenda(&test);
    let path = test.path().join("agenda.md");
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let content = read(&path);
    std::thread::sleep(std::time::Duration::from_millis(20));
    agenda(&test);
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), modified);
    assert_eq!(read(&path), content);
    let names: Vec<String> = std::fs::read_dir(test.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(!names.iter().any(|name| name.ends_with(".tmp")), "{names:?}");
}

#[test]
fn the_agenda_printed_as_it_is_written_holds_the_bytes_of_the_file_written() {
    // Written once (standard output, a device) and without the cache, the
    // agenda is printed a few pieces at a time as it is written, not whole
    // first (docs/src/performance.md): 700 entries are more pieces than
    // one thread prints at a time.
    let mut test = Test::new().env("RAYON_NUM_THREADS", "1");
    for at in 0..700 {
        test = test.file(&format!("people/p{at:03}.md"), format!("---\nname: P{at}\n---\n- 2026-11-10 email\n"));
    }
    let test = test.args(&["agenda", "--no-cache"]);
    agenda(&test);
    let written = read(test.path().join("agenda.md"));
    assert_eq!(written.matches("\n- [ ] ").count(), 700);
    let test = test.args(&["agenda", "--no-cache", "-o", "-"]);
    assert_eq!(agenda(&test), written);
    let test = test.args(&["agenda", "--no-cache", "-o", "/dev/null"]);
    test.status(0);
}

#[test]
fn the_agenda_is_byte_identical_whatever_the_order_files_were_created_in() {
    let notes = [
        ("b/zed.md", "---\nname: zed\n---\n- 2026-11-20 email\n"),
        ("a/ann.md", "---\nname: Ann\n---\n- 2026-11-20 email\n"),
        ("ann.md", "---\nname: ann\n---\n- 2026-11-20 email\n"),
        ("c/bob.md", "---\nname: Bob\n---\n- 2026-11-20 call\n- 2026-11-22 call voicemail\n"),
    ];
    let forward = notes.iter().fold(Test::new(), |test, (path, text)| test.file(path, text));
    let backward = notes.iter().rev().fold(Test::new(), |test, (path, text)| test.file(path, text));
    let (forward, backward) = (forward.args(&["agenda", "-o", "-"]), backward.args(&["agenda", "-o", "-"]));
    let first = agenda(&forward);
    assert_eq!(first, agenda(&backward));
    assert_eq!(first, agenda(&forward));
    let order: Vec<&str> = first.lines().filter_map(|line| line.split("](").nth(1)?.split(')').next()).collect();
    assert_eq!(order, ["a/ann.md", "ann.md", "b/zed.md", "c/bob.md", "ann.md"], "the last is the duplicate's problem");
}

#[test]
fn output_to_a_file_is_relative_to_the_current_folder() {
    let test = Test::fixture("vault").in_dir("people").args(&["agenda", "-o", "today.md"]);
    agenda(&test);
    assert!(read(test.path().join("people/today.md")).starts_with("# Follow-ups for Wednesday 2026-11-25\n"));
    assert!(!test.path().join("agenda.md").exists());
}

#[cfg(unix)]
#[test]
fn output_to_a_pipe_writes_into_it() {
    use std::os::unix::fs::FileTypeExt;

    let test = Test::fixture("vault");
    let pipe = test.path().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || read(pipe))
    };
    let test = test.args(&["agenda", "-o", pipe.to_str().unwrap()]);
    agenda(&test);
    assert!(reader.join().unwrap().starts_with("# Follow-ups for Wednesday 2026-11-25\n"));
    assert!(std::fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo(), "still a pipe");
}

/// A write that fails half-way (the file size limit, `ulimit -f`) exits 2
/// and leaves the old agenda and no temporary file.
#[cfg(target_os = "linux")]
#[test]
fn a_failing_write_leaves_the_old_agenda() {
    let test = Test::fixture("vault").file("agenda.md", "the old agenda\n");
    let before = tree(test.path());
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_nudge"))
        .args(["agenda", "--today", "2026-11-25", "--notes"])
        .arg(test.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("nudge: error: cannot write ") && stderr.contains("agenda.md: File too large"),
        "{stderr}"
    );
    assert_eq!(tree(test.path()), before);
}

/// Ticking an entry and running `nudge sync` (or `nudge agenda --sync`)
/// logs the entry's action on its contact and writes the agenda again.
#[test]
fn a_ticked_entry_is_logged_by_sync_and_the_agenda_written_again() {
    const DANA: &str = "---\nname: Dana\nphone: '555'\n---\n## Touches\n\n- 2026-11-18 call voicemail\n";
    const BEN: &str = "---\nname: Ben\n---\n## Touches\n\n- 2026-11-19 email\n";
    for command in [&["sync"][..], &["agenda", "--sync"]] {
        let test = Test::new().file("people/dana.md", DANA).file("people/ben.md", BEN).args(&["agenda"]);
        agenda(&test);
        let path = test.path().join("agenda.md");
        let ticked = read(&path).replace("- [ ] Call [Dana]", "- [x] Call [Dana]");
        std::fs::write(&path, &ticked).unwrap();
        let test = test.args(command);
        let output = agenda(&test);
        assert!(
            output.ends_with("1 of 1 ticked entry in agenda.md logged\nwrote agenda.md: 1 overdue, 1 upcoming\n"),
            "{output}"
        );
        assert!(read(test.path().join("people/dana.md")).ends_with("- 2026-11-25 call: from the agenda\n"));
        assert_eq!(read(test.path().join("people/ben.md")), BEN);
        let rewritten = read(&path);
        assert!(!rewritten.contains("- [x]"), "{rewritten}");
        assert!(rewritten.contains("last touch 2026-11-25 call: from the agenda"), "{rewritten}");
    }
}

#[test]
fn agenda_sync_printing_the_agenda_reports_on_stderr() {
    let test = Test::new().file("people/ben.md", "---\nname: Ben\n---\n- 2026-11-19 email\n").args(&["agenda"]);
    agenda(&test);
    let path = test.path().join("agenda.md");
    std::fs::write(&path, read(&path).replace("- [ ] ", "- [x] ")).unwrap();
    let output = test.args(&["agenda", "--sync", "-o", "-"]).status(0);
    assert!(output.stdout.starts_with("# Follow-ups for Wednesday 2026-11-25\n"), "{}", output.stdout);
    assert!(output.stdout.contains("last touch 2026-11-25 email: from the agenda"), "{}", output.stdout);
    assert!(output.stderr.ends_with("1 of 1 ticked entry in agenda.md logged\n"), "{}", output.stderr);
}

/// Every link a markdown parser finds, decoded, and the vault files they name.
fn links(markdown: &str) -> Vec<String> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_WIKILINKS);
    Parser::new_ext(markdown, options)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, link_type, .. }) => {
                let target = decode(&dest_url);
                let wiki = matches!(link_type, pulldown_cmark::LinkType::WikiLink { .. });
                Some(if wiki { format!("{target}.md") } else { target })
            }
            _ => None,
        })
        .collect()
}

fn decode(url: &str) -> String {
    let bytes = url.as_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            out.push(u8::from_str_radix(std::str::from_utf8(&bytes[index + 1..index + 3]).unwrap(), 16).unwrap());
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The files named by the agenda's markers, which are HTML a parser hides.
fn marked_files(markdown: &str) -> Vec<String> {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::InlineHtml(html) => {
                Some(html.strip_prefix("<!-- nudge ")?.strip_suffix(" -->")?.splitn(3, ' ').nth(2)?.to_owned())
            }
            _ => None,
        })
        .collect()
}

fn check_links(test: &Test, markdown: &str) {
    let links = links(markdown);
    let entries = markdown.lines().filter(|line| line.starts_with("- [ ] ")).count();
    let problems = markdown.lines().filter(|line| line.starts_with("- [") && !line.starts_with("- [ ] ")).count();
    assert_eq!(links.len(), entries + problems, "one link an entry or problem:\n{markdown}");
    for link in &links {
        assert!(test.path().join(link).is_file(), "{link} is not a file of the vault");
    }
    let mut entry_links: Vec<String> = links.iter().take(entries).cloned().collect();
    let mut marked = marked_files(markdown);
    assert_eq!(marked.len(), entries, "a marker an entry");
    entry_links.sort();
    marked.sort();
    assert_eq!(entry_links, marked, "each entry links the file its marker names");
}

#[test]
fn a_markdown_parser_finds_every_contact_link_and_each_leads_to_its_file() {
    let test = Test::fixture("vault").args(&["agenda", "-o", "-"]);
    check_links(&test, &agenda(&test));
    let broken = Test::fixture("broken").args(&["agenda", "-o", "-"]);
    check_links(&broken, &agenda(&broken));
    let wiki = Test::fixture("vault");
    let config = read(wiki.path().join("nudge.yaml")).replace("link_style: markdown", "link_style: wiki");
    let wiki = wiki.file("nudge.yaml", config).args(&["agenda", "-o", "-"]);
    check_links(&wiki, &agenda(&wiki));
}

#[test]
fn names_and_paths_that_look_like_markdown_keep_the_structure_and_the_links() {
    let hostile = [
        ("people/a [b] (c).md", "---\nname: \"Ana ] [x](evil.md) | *bold*\"\ncompany: \"<script> & `co`\"\n---\n"),
        (
            "people/line break.md",
            "---\nname: \"Two\\n- [ ] lines\\n## heading\"\n---\n- 2026-11-20 email: text with ] and | and *\n",
        ),
        ("people/hash#tag %20.md", "---\nname: \"{{ 7*7 }}\"\n---\n- 2026-11-20 email\n"),
        ("people/ünï cødé.md", "---\nname: Ünï\n---\n"),
    ];
    for style in ["markdown", "wiki"] {
        let test = hostile
            .iter()
            .fold(Test::new().file("nudge.yaml", format!("link_style: {style}\n")), |test, (path, text)| {
                test.file(path, text)
            });
        let test = test.args(&["agenda", "-o", "-"]);
        let markdown = agenda(&test);
        check_links(&test, &markdown);
        assert_eq!(markdown.lines().filter(|line| line.starts_with("- [ ] ")).count(), 4, "{markdown}");
        assert!(!markdown.lines().any(|line| line.starts_with("## heading")), "{markdown}");
        assert!(markdown.contains(r"{{ 7\*7 }}"), "{markdown}");
        assert!(!markdown.contains("[49]"), "{markdown}");
    }
}

/// The README's first command prints what the README and the agenda's docs
/// page show.
#[test]
fn the_readme_and_the_docs_show_the_real_agenda() {
    let printed = agenda(&Test::fixture("vault").args(&["agenda", "-o", "-"]));
    for page in ["README.md", "docs/src/agenda.md"] {
        let text = read(Path::new(env!("CARGO_MANIFEST_DIR")).join(page));
        let command = "$ nudge agenda --notes fixtures/vault --today 2026-11-25 -o -\n";
        let start = text.find(command).expect("the page shows the agenda command") + command.len();
        let shown = &text[start..start + text[start..].find("```").unwrap()];
        assert_eq!(shown, printed, "{page}");
    }
}

/// The marker names the action to log, the file, and the file's content as
/// it was read: an edit changes its fingerprint, a new modification time
/// alone (a `git checkout`, a clone) does not.
#[test]
fn the_marker_fingerprints_the_file_as_it_was_read() {
    let test = Test::new()
        .file("people/dana reyes.md", "---\nname: Dana\n---\n- 2026-11-20 call\n")
        .args(&["agenda", "-o", "-"]);
    let path = test.path().join("people/dana reyes.md");
    // The WORDS after the fingerprint (`/1a2b3c4d`) are those of the entry's text.
    let marker = |agenda: &str| {
        let marker = agenda.lines().find_map(|line| Some(line.split_once("<!-- ")?.1.to_owned())).unwrap();
        let (fingerprint, words) = marker.split_once('/').unwrap();
        format!("{fingerprint}{}", &words[8..])
    };
    let fingerprint = nudge::testing::fingerprint(&std::fs::read(&path).unwrap()).to_string();
    assert_eq!(marker(&agenda(&test)), format!("nudge call {fingerprint} people/dana reyes.md -->"));
    assert!(fingerprint.len() == 16 && fingerprint.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    std::fs::write(&path, "---\nname: Dana\n---\n- 2026-11-20 call\n- 2026-11-21 call\n").unwrap();
    let changed = nudge::testing::fingerprint(&std::fs::read(&path).unwrap()).to_string();
    assert_ne!(changed, fingerprint);
    assert_eq!(marker(&agenda(&test)), format!("nudge call {changed} people/dana reyes.md -->"));
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    std::fs::File::options().append(true).open(&path).unwrap().set_modified(later).unwrap();
    assert_eq!(marker(&agenda(&test)), format!("nudge call {changed} people/dana reyes.md -->"));
}

/// A cold agenda reads each note once: a duplicate's warning is placed
/// where its note's text placed its `name` or `email` as it was read
/// (characters counted from the line's start, after a byte order mark, in
/// CRLF lines), not read from the note again. `check`, which prints each
/// warning's line, reads it again, and places it the same.
#[test]
fn a_cold_agenda_places_duplicates_without_reading_their_notes_again() {
    let far = " ".repeat(70_000);
    let test = Test::new()
        .file("a.md", "---\nname: Dana Reyes\ncompany: Acme\nemail: dana@acme.example\n---\n")
        .file("b.md", "\u{feff}---\r\n# 김민준 📧\r\nname: 김민준\r\nemail:  \"Dana@Acme.example\"\r\n---\r\n")
        .file("c.md", "---\ntags: [a]\nname: 'DANA REYES' # the same\ncompany: acme\n---\n- 2026-11-20 call\n")
        // A column past 65,535 is not kept: this note is read again.
        .file("d.md", format!("---\nemail:{far}dana@acme.example\n---\n"));
    let dir = test.path();
    let run = |args: &[&str]| {
        nudge::testing::count_reads_under(dir);
        let mut all = vec!["nudge", "--quiet", "--today", crate::test::TODAY, "--notes", dir.to_str().unwrap()];
        all.extend(args);
        nudge::run(all);
        nudge::testing::reads_counted(dir)
    };
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("agenda.md");
    assert_eq!(run(&["agenda", "--no-cache", "-o", output.to_str().unwrap()]), 4 + 1, "each note once, d.md twice");
    let agenda = read(&output);
    let warned = agenda.lines().filter(|line| line.contains("warning: duplicate"));
    let places: Vec<&str> = warned.filter_map(|line| line.strip_prefix("- [")?.split(']').next()).collect();
    assert_eq!(places, ["b.md:4:9", "c.md:3:7", "d.md:2:70007"], "{agenda}");
    assert_eq!(run(&["check", "--no-cache"]), 4 + 3, "check reads each duplicate again for its line");
    let check = test.args(&["check", "--no-cache", "--format", "short"]).stdout();
    let checked: Vec<&str> = check.lines().filter_map(|line| line.split(": warning").next()).collect();
    assert_eq!(checked[..3], places, "{check}");
}
