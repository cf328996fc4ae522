//! Writes that fail: a full disk, a read-only folder, a folder or a symlink
//! where the file should be. Every writing command exits 2 with a message
//! that names the file and says what to do, leaves every file as it was
//! (nothing written outside the vault), and no temporary file behind.

use std::path::Path;

use crate::test::{Output, Test, tree};

/// A contact bigger than the 512 bytes a "full disk" lets through.
fn dana() -> String {
    format!(
        "---\nname: Dana Reyes\ncompany: Acme\n---\n## Touches\n\n- 2026-11-10 email: sent\n\n## Notes\n\n{}\n",
        "She prefers mornings. ".repeat(40)
    )
}

/// The temporary files left anywhere in `dir`, hidden folders too.
fn leftovers(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".nudge-"))
        .collect()
}

/// Runs `test`, which must fail with exit 2, change no file and leave no
/// temporary file; returns stderr without the vault's path.
fn fails_cleanly(test: &Test) -> String {
    let before = tree(test.path());
    let output: Output = test.status(2);
    assert_eq!(tree(test.path()), before, "a file changed");
    assert_eq!(leftovers(test.path()), Vec::<String>::new(), "temporary files left");
    let vault = test.path().canonicalize().unwrap();
    output.stderr.replace(&format!("{}/", vault.display()), "").replace(&format!("{}/", test.path().display()), "")
}

const FULL: &str = "File too large (os error 27); free some disk space, then run nudge again";

#[cfg(unix)]
#[test]
fn log_and_snooze_on_a_full_disk_keep_the_note() {
    let test = Test::new().file("people/dana.md", dana()).disk_full();
    let log = fails_cleanly(&test.args(&["log", "dana", "call", "-m", "left a message"]));
    assert_eq!(log, format!("nudge: error: cannot write people/dana.md: {FULL} (the file was left as it was)\n"));
    let test = Test::new().file("people/dana.md", dana()).disk_full();
    let snooze = fails_cleanly(&test.args(&["snooze", "dana", "2w"]));
    assert_eq!(snooze, log);
}

#[cfg(unix)]
#[test]
fn new_on_a_full_disk_creates_no_contact() {
    let template = format!("---\nname: {{{{ name }}}}\n---\n{}\n## Touches\n", "<!-- a long comment -->\n".repeat(30));
    let test = Test::new().file(".nudge/templates/contact.md.j2", template).file("people/dana.md", dana()).disk_full();
    let stderr = fails_cleanly(&test.args(&["new", "Ana Lima"]));
    assert_eq!(stderr, format!("nudge: error: cannot create people/ana-lima.md: {FULL}\n"));
}

#[cfg(unix)]
#[test]
fn init_on_a_full_disk_creates_no_config() {
    let stderr = fails_cleanly(&Test::new().disk_full().args(&["init"]));
    assert_eq!(stderr, format!("nudge: error: cannot create nudge.yaml: {FULL}\n"));
}

/// An agenda whose one entry, for `relative`, is ticked.
fn ticked_agenda(test: &Test, relative: &str) -> String {
    let fingerprint = nudge::testing::fingerprint(&std::fs::read(test.path().join(relative)).unwrap());
    format!("# Agenda\n\n- [x] Call {relative} <!-- nudge call {fingerprint} {relative} -->\n")
}

#[cfg(unix)]
#[test]
fn sync_on_a_full_disk_logs_nothing_and_keeps_the_ticks() {
    for command in [&["sync"][..], &["agenda", "--sync"]] {
        let test = Test::new().file("people/dana.md", dana());
        let agenda = ticked_agenda(&test, "people/dana.md");
        let test = test.file("agenda.md", agenda).disk_full().args(command);
        let stderr = fails_cleanly(&test);
        assert_eq!(
            stderr,
            format!(
                "nudge: warning: agenda.md:3: cannot write people/dana.md: {FULL} (the file was left as it was)\n\
                 nudge: error: 1 ticked entry could not be logged (see the warnings): the agenda was not written again, so its ticks stay; fix the cause, then run `nudge sync` again\n"
            ),
            "{command:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_refuses_log_and_new() {
    use std::os::unix::fs::PermissionsExt;
    let test = Test::new().file("people/dana.md", dana());
    let people = test.path().join("people");
    std::fs::set_permissions(&people, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes into read-only folders: this cannot be simulated for it
    // (the full-disk tests above fail writes for root too).
    let privileged = std::fs::write(people.join("probe"), "").is_ok();
    if privileged {
        std::fs::remove_file(people.join("probe")).unwrap();
        std::fs::set_permissions(&people, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("running as a user who writes into read-only folders: skipped");
        return;
    }
    let test = test.args(&["log", "dana", "call"]);
    let log = fails_cleanly(&test);
    assert_eq!(
        log,
        "nudge: error: cannot write people/dana.md: Permission denied (os error 13); check the permissions of the file and its folder, then run nudge again (the file was left as it was)\n"
    );
    let new = fails_cleanly(&test.args(&["new", "Ana Lima"]));
    assert!(new.starts_with("nudge: error: cannot create people/ana-lima.md: Permission denied"), "{new}");
    std::fs::set_permissions(&people, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_folder_where_the_file_should_be() {
    let test = Test::new().file("people/ana-lima.md/keep.txt", "mine").args(&["new", "Ana Lima"]);
    let new = fails_cleanly(&test);
    assert_eq!(new, "nudge: error: people/ana-lima.md already exists: edit it, or give the new contact another name\n");
    let sync = fails_cleanly(&Test::new().file("agenda.md/keep.txt", "mine").args(&["sync"]));
    assert_eq!(sync, "nudge: agenda.md:1:1: error: not a regular file: make agenda.md a text file\n");
}

#[cfg(unix)]
#[test]
fn a_symlink_where_the_file_should_be_is_never_written_through() {
    let outside = tempfile::tempdir().unwrap();
    let (config, note) = (outside.path().join("dotfiles.yaml"), outside.path().join("theirs.md"));
    std::fs::write(&config, "horizon_days: 3\n").unwrap();
    std::fs::write(&note, "not nudge's").unwrap();
    let test = Test::new().file("people/dana.md", dana());
    std::os::unix::fs::symlink(&config, test.path().join("nudge.yaml")).unwrap();
    std::os::unix::fs::symlink(&note, test.path().join("people/ana-lima.md")).unwrap();
    let test = test.args(&["init"]);
    let init = test.stdout();
    assert_eq!(init.lines().next(), Some("kept    nudge.yaml (it exists: left as it is)"));
    let test = test.args(&["new", "Ana Lima"]);
    let new = test.status(2);
    assert!(new.stderr.contains("people/ana-lima.md"), "{}", new.stderr);
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "horizon_days: 3\n");
    assert_eq!(std::fs::read_to_string(&note).unwrap(), "not nudge's");
    assert_eq!(leftovers(test.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn agenda_on_a_full_disk_keeps_the_old_agenda() {
    let test = Test::fixture("vault").file("agenda.md", "# my old agenda\n").disk_full().args(&["agenda"]);
    let stderr = fails_cleanly(&test);
    assert_eq!(stderr, format!("nudge: error: cannot write agenda.md: {FULL} (the file was left as it was)\n"));
}

#[test]
fn agenda_refuses_a_folder_a_symlink_or_a_fifo_in_its_place() {
    let folder = fails_cleanly(&Test::new().file("agenda.md/keep.txt", "mine").args(&["agenda"]));
    assert_eq!(
        folder,
        "nudge: error: cannot write agenda.md: it is a folder, and nudge writes only regular files: move it away or point nudge elsewhere (nothing was changed)\n"
    );
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        let theirs = outside.path().join("theirs.md");
        std::fs::write(&theirs, "not nudge's").unwrap();
        let test = Test::new();
        std::os::unix::fs::symlink(&theirs, test.path().join("agenda.md")).unwrap();
        let link = fails_cleanly(&test.args(&["agenda"]));
        assert_eq!(
            link,
            "nudge: error: cannot write agenda.md: it is a symlink, and nudge writes only regular files: move it away or point nudge elsewhere (nothing was changed)\n"
        );
        assert_eq!(std::fs::read_to_string(&theirs).unwrap(), "not nudge's");
        let test = Test::new();
        assert!(std::process::Command::new("mkfifo").arg(test.path().join("agenda.md")).status().unwrap().success());
        let agenda = test.path().join("agenda.md");
        let fifo = test.args(&["agenda"]).status(2);
        assert_eq!(
            fifo.stderr,
            format!(
                "nudge: error: cannot write {}: it is not a regular file (a FIFO, a socket or a device), and nudge writes only regular files: move it away or point nudge elsewhere (nothing was changed)\n",
                agenda.display()
            ),
            "a FIFO in the vault is neither waited on nor written to"
        );
    }
}
