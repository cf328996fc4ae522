//! `nudge completions` and `nudge man`: generated from the command line,
//! loadable by the shell and by man, with no notes folder needed.

use std::path::Path;
use std::process::Command;

use crate::test::Test;

/// Whether `program` can be run here (tests that need it are skipped otherwise).
fn installed(program: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {program}")).output().is_ok_and(|out| out.status.success())
}

/// A vault whose config is broken: commands that need the vault fail on it.
fn broken_vault() -> Test {
    Test::new().file("nudge.yaml", "horizon_days: [\n")
}

#[test]
fn bash_completions_load_and_complete_subcommands_and_shells() {
    let test = broken_vault().args(&["completions", "bash"]);
    let script = test.stdout();
    if !installed("bash") {
        eprintln!("bash is not installed: skipped");
        return;
    }
    let file = test.path().join("nudge.bash");
    std::fs::write(&file, script).unwrap();
    let probe = r#"source "$1"
complete -p nudge
COMP_WORDS=(nudge st); COMP_CWORD=1; _nudge nudge st nudge; echo "${COMPREPLY[*]}"
COMP_WORDS=(nudge completions ''); COMP_CWORD=2; _nudge nudge '' completions; echo "${COMPREPLY[*]}""#;
    let output = Command::new("bash").arg("-c").arg(probe).arg("bash").arg(&file).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "complete -o bashdefault -o default -o nosort -F _nudge nudge\n\
         status stats\n\
         -q -h --notes --today --quiet --help bash elvish fish powershell zsh\n"
    );
}

#[test]
fn every_shell_gets_a_script() {
    for (shell, marker) in [
        ("zsh", "#compdef nudge"),
        ("fish", "complete -c nudge"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[nudge]"),
    ] {
        let script = Test::new().args(&["completions", shell]).stdout();
        assert!(script.contains(marker), "{shell}: {marker}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error_naming_the_choices() {
    let output = Test::new().args(&["completions", "tcsh"]).status(2);
    assert!(output.stderr.contains("[possible values: bash, elvish, fish, powershell, zsh]"), "{}", output.stderr);
}

#[test]
fn the_man_page_renders_with_man_and_lists_every_command() {
    let test = broken_vault().args(&["man"]);
    let page = test.stdout();
    assert!(page.contains(".TH nudge 1"), "a roff page");
    if !installed("man") {
        eprintln!("man is not installed: skipped");
        return;
    }
    let file = test.path().join("nudge.1");
    std::fs::write(&file, page).unwrap();
    let text = rendered_man(&file);
    for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXAMPLES", "ENVIRONMENT"] {
        assert!(text.lines().any(|line| line == heading), "section {heading}:\n{text}");
    }
    for command in ["agenda", "status", "check", "show", "log", "new", "init", "stats", "ics", "completions", "man"] {
        assert!(text.contains(&format!("   nudge {command}\n")), "command {command}:\n{text}");
    }
    assert!(text.contains("nudge stats --json"), "the examples are kept");
}

/// The page as `man -l` shows it, plain, 80 columns wide.
fn rendered_man(file: &Path) -> String {
    let output = Command::new("man")
        .arg("-l")
        .arg(file)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MAN_KEEP_FORMATTING", "")
        .env("GROFF_NO_SGR", "1")
        .output()
        .unwrap();
    assert!(output.status.success(), "man -l: {}", String::from_utf8_lossy(&output.stderr));
    // Without a terminal man may still emit overstrikes (x\bx): remove them.
    let text = String::from_utf8_lossy(&output.stdout);
    let mut plain = String::new();
    for c in text.chars() {
        if c == '\u{8}' {
            plain.pop();
        } else {
            plain.push(c);
        }
    }
    plain
}
