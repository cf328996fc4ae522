//! The parse cache (docs/src/performance.md, "Warm runs"): every command
//! prints the same bytes with it and without it (`--no-cache`), whatever
//! happened to the notes since it was written; a broken cache is ignored
//! and made again; it stays in `.nudge/cache/`, out of git.

use std::path::Path;
use std::time::Duration;

use crate::corpus::generate_in_style;
use crate::test::{Output, Test, copy_dir};

/// The cache file, relative to the vault.
const CACHE: &str = ".nudge/cache/parsed";

/// The commands that read the whole vault (and one that looks a contact up).
const COMMANDS: &[&[&str]] = &[
    &["agenda", "-o", "-"],
    &["status"],
    &["status", "--json"],
    &["check"],
    &["stats"],
    &["stats", "--json"],
    &["ics", "-o", "-"],
    &["show", "dana"],
    &["team"],
];

/// Runs `args` on the vault at `dir`, with the cache or without it.
fn run(dir: &Path, args: &[&str], cache: bool) -> Output {
    let mut args = args.to_vec();
    if !cache {
        args.insert(0, "--no-cache");
    }
    Test::new().args(&args).in_dir(dir).run()
}

/// Every command prints the same with the cache as without it; each with
/// the cache first (it may write the cache), then without. The agenda
/// twice with it: the first run may keep the agenda, the second print it.
fn assert_same_outputs(dir: &Path, when: &str) {
    for args in COMMANDS {
        let runs = if args.first() == Some(&"agenda") { 2 } else { 1 };
        let cached: Vec<Output> = (0..runs).map(|_| run(dir, args, true)).collect();
        let read = run(dir, args, false);
        for cached in &cached {
            assert_eq!(
                (&cached.stdout, &cached.stderr, cached.status),
                (&read.stdout, &read.stderr, read.status),
                "`{}` {when}",
                args.join(" ")
            );
        }
    }
}

/// A vault of each generated style and the fixture vaults, in `root`.
fn vaults(root: &Path) -> Vec<std::path::PathBuf> {
    let mut dirs = Vec::new();
    for style in ["default", "obsidian", "jekyll"] {
        let dir = root.join(style);
        generate_in_style(150, 11, style, &dir);
        dirs.push(dir);
    }
    for fixture in ["vault", "obsidian", "broken", "team"] {
        let dir = root.join(fixture);
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(fixture), &dir);
        if !dir.join("nudge.yaml").exists() {
            std::fs::write(dir.join("nudge.yaml"), "").unwrap();
        }
        dirs.push(dir);
    }
    dirs
}

/// The notes of `dir` with front matter, in path order.
fn notes(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut notes: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| !entry.path().to_string_lossy().contains("/.nudge/"))
        .filter(|entry| entry.path().extension().is_some_and(|extension| extension == "md"))
        .filter(|entry| std::fs::read(entry.path()).is_ok_and(|bytes| bytes.starts_with(b"---")))
        .map(|entry| entry.path().to_path_buf())
        .collect();
    notes.sort();
    notes
}

/// Changes a note without changing its size or its modification time: a
/// digit of its last touch's day, or a letter of its text.
fn edit_in_place(note: &Path) {
    let before = std::fs::metadata(note).unwrap();
    let mut bytes = std::fs::read(note).unwrap();
    let at = bytes.windows(4).rposition(|window| window == b"- 20").map(|at| at + 11);
    match at.filter(|&at| bytes.get(at).is_some_and(u8::is_ascii_digit)) {
        Some(at) => bytes[at] = if bytes[at] == b'1' { b'2' } else { b'1' },
        None => {
            let last = bytes.iter().rposition(u8::is_ascii_lowercase).unwrap();
            bytes[last] = if bytes[last] == b'a' { b'b' } else { b'a' };
        }
    }
    std::fs::write(note, &bytes).unwrap();
    let file = std::fs::File::options().write(true).open(note).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
    assert_eq!(std::fs::metadata(note).unwrap().len(), before.len());
}

#[test]
fn cache_never_changes_an_output_after_edits_in_the_same_second() {
    let root = tempfile::tempdir().unwrap();
    for dir in vaults(root.path()) {
        assert_same_outputs(&dir, "on the first runs");
        assert!(dir.join(CACHE).is_file(), "{}: the cache is written", dir.display());
        let notes = notes(&dir);
        // Right after the cache was written: edits of the same size, with
        // the modification time put back.
        for note in notes.iter().step_by(7) {
            edit_in_place(note);
        }
        assert_same_outputs(&dir, "after edits of the same size in the same second");
        // Once the notes are older than the cache's margin, and edited again.
        std::thread::sleep(Duration::from_millis(2100));
        assert_same_outputs(&dir, "once the notes are older than the cache");
        for note in notes.iter().skip(3).step_by(5) {
            edit_in_place(note);
        }
        assert_same_outputs(&dir, "after edits of old notes");
    }
}

#[test]
fn cache_never_changes_an_output_after_notes_are_deleted_added_or_renamed() {
    let root = tempfile::tempdir().unwrap();
    for dir in vaults(root.path()) {
        assert_same_outputs(&dir, "on the first runs");
        let notes = notes(&dir);
        std::fs::remove_file(&notes[0]).unwrap();
        let renamed = notes[1].with_file_name("renamed-contact.md");
        std::fs::rename(&notes[1], &renamed).unwrap();
        // A note put in another's place keeps nothing of the other's entry.
        std::fs::copy(&notes[3], &notes[2]).unwrap();
        std::fs::write(
            dir.join("new-contact.md"),
            "---\nname: Newly Added\nemail: dana@example.com\n---\n- 2026-11-20 call voicemail\n",
        )
        .unwrap();
        assert_same_outputs(&dir, "after notes were deleted, renamed, replaced and added");
    }
}

#[test]
fn cache_never_changes_an_output_after_a_config_change() {
    let test = Test::fixture("vault");
    let dir = test.path();
    assert_same_outputs(dir, "on the first runs");
    // `rang` is a keyword of this vault's config: without it, touches read otherwise.
    let config = std::fs::read_to_string(dir.join("nudge.yaml")).unwrap();
    std::fs::write(
        dir.join("nudge.yaml"),
        config.replace("  rang: {channel: call, direction: out, outcome: attempt}\n", ""),
    )
    .unwrap();
    assert_same_outputs(dir, "after a keyword was removed");
    std::fs::write(dir.join("nudge.yaml"), format!("{config}contacts:\n  require: [email]\n")).unwrap();
    assert_same_outputs(dir, "after contacts: changed");
}

#[test]
fn a_corrupt_truncated_or_foreign_cache_is_ignored_and_made_again() {
    let test = Test::fixture("vault").args(&["agenda", "-o", "-"]);
    let expected = test.stdout();
    let cache = test.path().join(CACHE);
    let good = std::fs::read(&cache).unwrap();
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    let broken: Vec<Vec<u8>> = vec![
        Vec::new(),
        good[..good.len() / 3].to_vec(),
        good[..40].to_vec(),
        flipped,
        b"not a cache at all\n".repeat(100),
        (0..=255u8).cycle().take(5000).collect(),
    ];
    for bytes in broken {
        std::fs::write(&cache, &bytes).unwrap();
        assert_eq!(test.stdout(), expected, "with a cache of {} bytes", bytes.len());
        assert_eq!(std::fs::read(&cache).unwrap().len(), good.len(), "made again");
    }
}

#[test]
fn the_cache_is_git_ignored_and_written_only_when_a_note_changed() {
    // "broken" has notes with problems: read again for their lines, and
    // unchanged all the same.
    for fixture in ["vault", "broken"] {
        let test = Test::fixture(fixture).args(&["status"]);
        test.run();
        let ignore = std::fs::read_to_string(test.path().join(".nudge/cache/.gitignore")).unwrap();
        assert_eq!(ignore.lines().last(), Some("*"));
        // Templates in .nudge/ stay committable: the ignore is the cache's own.
        assert!(!test.path().join(".nudge/.gitignore").exists());
        std::thread::sleep(Duration::from_millis(2100));
        test.run();
        let written = || std::fs::metadata(test.path().join(CACHE)).unwrap().modified().unwrap();
        let settled = written();
        test.run();
        test.run();
        assert_eq!(written(), settled, "{fixture}: no note changed: not written again");
        let new = if fixture == "vault" { "people/new.md" } else { "new.md" };
        std::fs::write(test.path().join(new), "---\nname: New\n---\n").unwrap();
        test.run();
        assert_ne!(written(), settled, "{fixture}: a note was added");
    }
}

#[test]
fn no_cache_nudge_no_cache_and_cache_false_leave_no_cache() {
    let test = Test::fixture("vault").args(&["--no-cache", "agenda", "-o", "-"]);
    test.stdout();
    assert!(!test.path().join(".nudge/cache").exists());
    let test = Test::fixture("vault").env("NUDGE_NO_CACHE", "1").args(&["agenda", "-o", "-"]);
    test.stdout();
    assert!(!test.path().join(".nudge/cache").exists(), "NUDGE_NO_CACHE=1");
    let test = Test::fixture("vault").args(&["check"]);
    let config = std::fs::read_to_string(test.path().join("nudge.yaml")).unwrap();
    std::fs::write(test.path().join("nudge.yaml"), format!("{config}cache: false\n")).unwrap();
    test.run();
    assert!(!test.path().join(".nudge/cache").exists());
    // Nor the agenda's copy, which `sync` reads when it is there.
    let test = test.args(&["agenda"]);
    test.stdout();
    assert!(!test.path().join(".nudge/cache").exists(), "no copy of the agenda");
}

#[test]
fn a_cache_that_cannot_be_written_is_silent() {
    // `.nudge/cache` is a file: no folder can be made there.
    let test = Test::fixture("vault").file(".nudge/cache", "mine").args(&["agenda", "-o", "-"]);
    let expected = Test::fixture("vault").args(&["--no-cache", "agenda", "-o", "-"]).stdout();
    assert_eq!(test.stdout(), expected);
    assert_eq!(std::fs::read_to_string(test.path().join(".nudge/cache")).unwrap(), "mine");
}

#[cfg(unix)]
#[test]
fn the_cache_is_never_written_outside_the_vault() {
    let outside = tempfile::tempdir().unwrap();
    let test = Test::fixture("vault").args(&["status"]);
    std::os::unix::fs::symlink(outside.path(), test.path().join(".nudge")).unwrap();
    test.stdout();
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0, "nothing written through the link");
}

/// Runs nudge in this process (whose cache is this test binary's): `args`
/// on the vault at `dir`, with `--today`.
fn run_here(dir: &Path, args: &[&str]) -> std::process::ExitCode {
    let mut all = vec!["nudge", "--quiet", "--today", crate::test::TODAY, "--notes", dir.to_str().unwrap()];
    all.extend(args);
    nudge::run(all)
}

#[test]
fn a_warm_run_reads_no_note_not_even_those_with_problems_or_duplicates() {
    for fixture in ["broken", "vault"] {
        let test = Test::fixture(fixture);
        let dir = test.path();
        for args in [&["check"][..], &["agenda", "-o", "/dev/null"]] {
            run_here(dir, args);
            std::thread::sleep(Duration::from_millis(2100));
            run_here(dir, args);
            nudge::testing::count_reads_under(dir);
            run_here(dir, args);
            assert_eq!(nudge::testing::reads_counted(dir), 0, "{fixture}: `{}`", args.join(" "));
        }
    }
}

#[test]
fn an_unchanged_vault_prints_the_agenda_kept_without_reading_a_note() {
    let test = Test::fixture("vault");
    let dir = test.path();
    let agenda = || std::fs::read_to_string(dir.join("agenda.md")).unwrap();
    let read = || Test::new().args(&["--no-cache", "agenda", "-o", "-"]).in_dir(dir).run().stdout;
    // Notes older than the cache's margin: the agenda made is kept.
    std::thread::sleep(Duration::from_millis(2100));
    run_here(dir, &["agenda"]);
    assert!(dir.join(".nudge/cache/kept-agenda").is_file());
    // Without the parse cache, only the agenda kept spares reading notes.
    std::fs::remove_file(dir.join(CACHE)).unwrap();
    std::fs::remove_file(dir.join("agenda.md")).unwrap();
    nudge::testing::count_reads_under(dir);
    run_here(dir, &["agenda"]);
    assert_eq!(nudge::testing::reads_counted(dir), 0);
    assert_eq!(agenda(), read());
    // A note edited in place (same size, its modification time put back),
    // a template added, another day: the agenda is made again.
    let note = notes(dir).into_iter().find(|note| note.ends_with("dana-reyes.md")).unwrap();
    edit_in_place(&note);
    run_here(dir, &["agenda"]);
    assert!(nudge::testing::reads_counted(dir) > 0);
    assert_eq!(agenda(), read());
    std::fs::create_dir_all(dir.join(".nudge/templates")).unwrap();
    std::fs::write(dir.join(".nudge/templates/agenda.md.j2"), "{{ today }}: {{ sections | length }}\n").unwrap();
    run_here(dir, &["agenda"]);
    assert_eq!(agenda(), read());
    let other_day = Test::new().today("2026-12-01").args(&["agenda", "-o", "-"]).in_dir(dir).run().stdout;
    assert!(other_day.starts_with("2026-12-01"), "{other_day}");
}

#[test]
fn cache_never_changes_an_output_on_another_day() {
    // What the derivation finds depends on the day (a touch after today
    // is warned about until that day): a problem not on the lines a note's
    // entry keeps is printed from the note, read again.
    let root = tempfile::tempdir().unwrap();
    let dirs = vaults(root.path());
    for dir in &dirs {
        assert_same_outputs(dir, "on the first runs");
    }
    std::thread::sleep(Duration::from_millis(2100));
    for dir in &dirs {
        for day in ["2026-11-25", "2027-11-13", "2031-01-01"] {
            for args in [&["check"][..], &["agenda", "-o", "-"], &["status"]] {
                let run = |cache: bool| {
                    let args = if cache { args.to_vec() } else { [&["--no-cache"][..], args].concat() };
                    Test::new().today(day).args(&args).in_dir(dir).run()
                };
                let (cached, read) = (run(true), run(false));
                assert_eq!(
                    (&cached.stdout, &cached.stderr, cached.status),
                    (&read.stdout, &read.stderr, read.status),
                    "{}: `{}` on {day}",
                    dir.display(),
                    args.join(" ")
                );
            }
        }
    }
}

/// In a large vault a few edited notes are read again on each run rather
/// than the whole cache written again; once they are an eighth of the
/// notes, it is written. Outputs are the same all along.
#[test]
fn a_large_vault_writes_its_cache_again_once_an_eighth_of_its_notes_changed() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("large");
    generate_in_style(2_400, 5, "default", &dir);
    let agenda = |cache: bool| run(&dir, &["agenda", "-o", "-"], cache).stdout;
    // Written, then again once the notes (just generated) are old enough.
    agenda(true);
    std::thread::sleep(Duration::from_millis(2100));
    agenda(true);
    let written = || std::fs::metadata(dir.join(CACHE)).unwrap().modified().unwrap();
    let first = written();
    let notes = notes(&dir);
    let (few, many) = notes.split_at(20);
    for note in few {
        edit_in_place(note);
    }
    assert_eq!(agenda(true), agenda(false), "after a few edits");
    assert_eq!(written(), first, "{} notes of {} changed: not written again", few.len(), notes.len());
    // An edited note counts once (not also as its old record gone).
    let short = notes.len() / 8 - few.len() - 10;
    for note in &many[..short] {
        edit_in_place(note);
    }
    assert_eq!(agenda(true), agenda(false), "after more edits");
    assert_eq!(written(), first, "{} notes of {} changed: not written again", few.len() + short, notes.len());
    for note in &many[short..notes.len() / 8] {
        edit_in_place(note);
    }
    assert_eq!(agenda(true), agenda(false), "after many edits");
    assert_ne!(written(), first, "an eighth of the notes changed: written again");
}
