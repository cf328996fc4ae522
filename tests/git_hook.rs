//! `nudge init --git-hook`: a pre-commit hook that stops a commit with a
//! broken note, installed once, never over another hook.

use std::path::Path;
use std::process::{Command, Output};

use crate::test::Test;

/// Runs git in `dir` with a fixed identity and nudge on the PATH; `None`
/// when git is not installed.
fn git(dir: &Path, args: &[&str]) -> Option<Output> {
    let nudge = Path::new(env!("CARGO_BIN_EXE_nudge")).parent().unwrap();
    let path = format!("{}:{}", nudge.display(), std::env::var("PATH").unwrap_or_default());
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env_remove("NUDGE_NOTES")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .output()
        .ok()
}

/// A vault that is a git repository, or `None` without git.
fn repository() -> Option<Test> {
    let test = Test::new().file("dana.md", "---\nname: Dana\n---\n- 2026-11-20 email\n");
    let init = git(test.path(), &["init", "-q"])?;
    assert!(init.status.success());
    Some(test)
}

#[test]
fn the_hook_stops_a_commit_with_a_broken_note() {
    let Some(test) = repository() else {
        eprintln!("git is not installed: skipped");
        return;
    };
    let test = test.args(&["init", "--git-hook"]);
    let output = test.stdout();
    assert!(output.starts_with("created "), "{output}");
    assert!(output.contains(".git/hooks/pre-commit\n"), "{output}");
    let hook = test.path().join(".git/hooks/pre-commit");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&hook).unwrap().permissions().mode() & 0o111, 0o111, "executable");
    }
    assert!(!test.path().join("nudge.yaml").exists(), "only the hook: the notes folder is left as it is");

    let test = test.file("bad.md", "---\nname: [\n---\n");
    git(test.path(), &["add", "."]).unwrap();
    let refused = git(test.path(), &["commit", "-q", "-m", "notes"]).unwrap();
    assert!(!refused.status.success(), "the commit stops");
    // git shows a hook's output on its standard error.
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.starts_with("bad.md:3:1: error: front matter is not valid YAML"), "and says why: {said}");

    std::fs::remove_file(test.path().join("bad.md")).unwrap();
    git(test.path(), &["add", "-A"]).unwrap();
    let committed = git(test.path(), &["commit", "-q", "-m", "notes"]).unwrap();
    assert!(committed.status.success(), "{}", String::from_utf8_lossy(&committed.stderr));
}

#[test]
fn an_existing_hook_is_never_replaced() {
    let Some(test) = repository() else { return };
    let hook = test.path().join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(&hook, "#!/bin/sh\nmake lint\n").unwrap();
    let test = test.args(&["init", "--git-hook"]);
    let output = test.status(1);
    assert_eq!(
        output.stdout,
        "kept    .git/hooks/pre-commit (another pre-commit hook is there: left as it is)\n\
         To check the notes from it too, add this line to it:\n  nudge --notes '.' check\n"
    );
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), "#!/bin/sh\nmake lint\n");
}

#[test]
fn installing_twice_keeps_the_hook() {
    let Some(test) = repository() else { return };
    let test = test.args(&["init", "--git-hook"]);
    test.stdout();
    let before = std::fs::read(test.path().join(".git/hooks/pre-commit")).unwrap();
    assert_eq!(test.stdout(), "kept    .git/hooks/pre-commit (nudge's hook is already there)\n");
    assert_eq!(std::fs::read(test.path().join(".git/hooks/pre-commit")).unwrap(), before);
}

#[test]
fn outside_a_git_repository_it_says_to_run_git_init() {
    if git(Path::new("/"), &["--version"]).is_none() {
        return;
    }
    let output = Test::new().args(&["init", "--git-hook"]).status(2);
    assert!(output.stderr.contains("is not in a git repository: run `git init` there first"), "{}", output.stderr);
}

#[test]
fn a_notes_folder_below_the_top_of_the_repository_is_named_in_the_hook() {
    let Some(test) = repository() else { return };
    let test = test.file("crm/notes/ana.md", "---\nname: Ana\n---\n").in_dir("crm/notes").args(&["init", "--git-hook"]);
    let output = test.stdout();
    assert!(output.starts_with("created "), "{output}");
    let hook = std::fs::read_to_string(test.path().join(".git/hooks/pre-commit")).unwrap();
    assert!(hook.ends_with("\nexec nudge --notes 'crm/notes' check\n"), "{hook}");
}
