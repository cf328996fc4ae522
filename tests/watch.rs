//! `nudge agenda --watch`: the agenda is written again within a second of a
//! change to a note, and Ctrl-C stops it cleanly.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::test::{TODAY, Test};

/// Waits up to `limit` for `done`; how long it took.
fn wait_for(limit: Duration, mut done: impl FnMut() -> bool) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

/// `nudge agenda --watch` with more arguments, running on `vault`.
fn watch(vault: &Path, more: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_nudge"))
        .args(["--notes"])
        .arg(vault)
        .args(["--today", TODAY, "agenda", "--watch"])
        .args(more)
        .env("NO_COLOR", "1")
        .env_remove("NUDGE_NOTES")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Sends SIGINT, as Ctrl-C does, and waits for the exit.
fn interrupt(child: &mut Child) -> std::process::Output {
    let sent = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let stopped = wait_for(Duration::from_secs(5), || child.try_wait().unwrap().is_some());
    if stopped.is_none() {
        let _ = child.kill();
    }
    assert!(stopped.is_some(), "stops on Ctrl-C");
    let child = std::mem::replace(child, Command::new("true").spawn().unwrap());
    child.wait_with_output().unwrap()
}

#[test]
fn the_agenda_is_written_again_within_a_second_of_a_change() {
    let test = Test::fixture("vault");
    let agenda = test.path().join("agenda.md");
    let mut child = watch(test.path(), &[]);
    assert!(wait_for(Duration::from_secs(10), || agenda.is_file()).is_some(), "the first agenda is written");
    let first = std::fs::read_to_string(&agenda).unwrap();
    assert!(!first.contains("Zoe Quinn"));

    std::fs::write(test.path().join("people/zoe-quinn.md"), "---\nname: Zoe Quinn\nadded: 2026-11-25\n---\n").unwrap();
    let took = wait_for(Duration::from_secs(5), || {
        std::fs::read_to_string(&agenda).is_ok_and(|text| text.contains("Zoe Quinn"))
    });
    let output = interrupt(&mut child);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let took = took.unwrap_or_else(|| panic!("the agenda was not written again\n{stderr}"));
    assert!(took < Duration::from_secs(1), "written again after {took:?}");

    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.ends_with("nudge: stopped watching\n"), "{stderr}");
    let leftovers: Vec<_> = walkdir::WalkDir::new(test.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(".nudge-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left: {leftovers:?}");
}

#[test]
fn only_notes_the_config_and_templates_wake_the_watch() {
    let test = Test::fixture("vault");
    let mut child = watch(test.path(), &["-o", "-"]);
    std::thread::sleep(Duration::from_millis(800));
    std::fs::write(test.path().join("notes.txt"), "not a note").unwrap();
    std::fs::create_dir_all(test.path().join(".obsidian")).unwrap();
    std::fs::write(test.path().join(".obsidian/workspace.md"), "hidden").unwrap();
    std::fs::write(test.path().join("agenda.md"), "the agenda's own file").unwrap();
    std::thread::sleep(Duration::from_millis(800));
    std::fs::write(test.path().join("nudge.yaml"), "horizon_days: 3\nexclude: [\"templates/**\"]\n").unwrap();
    std::thread::sleep(Duration::from_millis(800));
    let output = interrupt(&mut child);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.matches("# Follow-ups for Wednesday 2026-11-25\n").count(),
        2,
        "the first and the config's:\n{stdout}"
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_broken_config_is_reported_and_the_watch_goes_on() {
    let test = Test::fixture("vault");
    let agenda = test.path().join("agenda.md");
    let mut child = watch(test.path(), &[]);
    assert!(wait_for(Duration::from_secs(10), || agenda.is_file()).is_some());
    let config = std::fs::read_to_string(test.path().join("nudge.yaml")).unwrap();
    std::fs::write(test.path().join("nudge.yaml"), "horizon_days: [\n").unwrap();
    std::thread::sleep(Duration::from_millis(600));
    std::fs::write(test.path().join("nudge.yaml"), config.replace("horizon_days: 7", "horizon_days: 30")).unwrap();
    let rewritten = wait_for(Duration::from_secs(5), || {
        std::fs::read_to_string(&agenda).is_ok_and(|text| text.contains("Oliver Grant"))
    });
    let output = interrupt(&mut child);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        rewritten.is_some(),
        "the fixed config is used: a 30-day horizon shows Oliver Grant (due 2026-12-14)\n{stderr}"
    );
    assert!(stderr.contains("nudge: nudge.yaml:2:1: error: "), "{stderr}");
    assert_eq!(output.status.code(), Some(0));
}
