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

/// The bash completion script (made where no vault can be read), when
/// bash is installed here to run it; tests that need it are skipped otherwise.
fn bash_script() -> Option<String> {
    let script = broken_vault().args(&["completions", "bash"]).stdout();
    if !installed("bash") {
        eprintln!("bash is not installed: skipped");
        return None;
    }
    Some(script)
}

/// Runs `probe` in bash after loading the completion `script`, in the
/// vault of `test` (also `$2`), with `complete_line WORDS...` at hand: it
/// prints the candidates for the last word, options left out. Its stdout.
fn in_bash(script: &str, test: &Test, probe: &str) -> String {
    let file = test.path().join("nudge.bash");
    std::fs::write(&file, script).unwrap();
    let helper = r#"source "$1"
complete_line() {
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _clap_complete_nudge nudge "${COMP_WORDS[COMP_CWORD]}" nudge
    local values=(); for reply in "${COMPREPLY[@]}"; do [[ $reply == -* ]] || values+=("$reply"); done; echo "${values[*]}"
}
"#;
    let nudge = Path::new(env!("CARGO_BIN_EXE_nudge")).parent().unwrap();
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!("{helper}{probe}"))
        .arg("bash")
        .arg(&file)
        .arg(test.path())
        .current_dir(test.path())
        .env("PATH", format!("{}:{}", nudge.display(), std::env::var("PATH").unwrap_or_default()))
        .env_remove("NUDGE_NOTES")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn bash_completes_a_file_name_with_spaces_as_one_word() {
    let Some(script) = bash_script() else { return };
    let test = Test::new().file("nudge.yaml", "").file("People/Carla Diaz.md", "---\nname: Carla Diaz\n---\n");
    // The completed line, as the shell reads it: `show` gets one argument.
    let probe = r#"complete_line nudge show Ca
line=$(complete_line nudge show 'Carla\ D'); eval "set -- $line"; echo "$# $1""#;
    assert_eq!(in_bash(&script, &test, probe), "Carla\\ Diaz\n1 Carla Diaz\n");
}

#[test]
fn bash_completions_complete_subcommands_states_playbooks_and_contacts_not_file_names() {
    let Some(script) = bash_script() else { return };
    let test = Test::new()
        .file("nudge.yaml", "playbooks:\n  Recruiters: {cadence: [5d]}\n")
        .file("people/tomas-alvarez.md", "---\nname: Tomás Álvarez\n---\n")
        .file("people/tom-okafor.md", "---\nname: Tom Okafor\n---\n")
        .file("archive/tom-okafor.md", "---\nname: Tom Okafor\n---\n")
        .file("people/notes.md", "no front matter: not a contact\n")
        .file("people/deep/todo.txt", "");
    let probe = r#"complete -p nudge
complete_line nudge st
COMP_WORDS=(nudge log --fo); COMP_CWORD=2; _clap_complete_nudge nudge --fo log; echo "${COMPREPLY[*]}"
complete_line nudge completions ''
complete_line nudge status --state la
complete_line nudge status --playbook ''
complete_line nudge new Ana --playbook Rec
complete_line nudge show tom
complete_line nudge show arch
complete_line nudge log ''
complete_line nudge snooze tomas
cd people/deep && complete_line nudge show ''
cd / && complete_line nudge show ''
complete_line nudge --notes "$2" show to"#;
    let output = in_bash(&script, &test, probe);
    let contacts = "archive/tom-okafor.md people/tom-okafor.md tomas-alvarez";
    assert_eq!(
        output,
        format!(
            "complete -o bashdefault -o nosort -o nospace -F _clap_complete_nudge nudge\n\
             status stats\n\
             --force\n\
             bash elvish fish powershell zsh\n\
             last-shot\n\
             job-search sales prospecting partnership nurture Recruiters\n\
             Recruiters\n\
             tomas-alvarez\n\
             archive/tom-okafor.md\n\
             {contacts}\n\
             tomas-alvarez\n\
             {contacts}\n\
             \n\
             tomas-alvarez\n"
        )
    );
}

#[test]
fn every_shell_gets_a_script() {
    for (shell, marker) in [
        ("zsh", "#compdef nudge"),
        ("fish", "complete --keep-order --exclusive --command nudge"),
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
