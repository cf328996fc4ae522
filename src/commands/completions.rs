//! `nudge completions SHELL`: the shell's completion script. The script
//! asks nudge itself at each Tab (clap_complete's dynamic completion: it
//! runs `COMPLETE=SHELL nudge -- WORDS...`), so it offers what a static
//! script cannot know: the playbooks of the notes folder and its contacts,
//! besides subcommands, options and states.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::OnceLock;

use clap::CommandFactory;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::{CompleteEnv, Shells};
use rayon::prelude::*;

use crate::cli::{Cli, CompletionsArgs};
use crate::commands::{Exit, print};
use crate::derive::{Playbooks, State};
use crate::discover::{Vault, walk};
use crate::error::Error;
use crate::load::resolve::contact_name;
use crate::parse::file_stem;

/// The environment variable the script sets to the shell's name when it
/// asks for completions.
const VAR: &str = "COMPLETE";

/// The `--notes` of the command line being completed, when it has one.
static NOTES: OnceLock<PathBuf> = OnceLock::new();

/// The shell asking (`COMPLETE`'s value: clap takes the variable away
/// before the candidates are asked for).
static SHELL: OnceLock<OsString> = OnceLock::new();

/// Prints the completion script for `args.shell`.
pub(crate) fn run(args: &CompletionsArgs) -> Result<Exit, Error> {
    print(&script(args.shell)?)?;
    Ok(Exit::Success)
}

/// The completion script of `shell`: it runs `nudge` (from the PATH) at
/// each Tab.
pub(crate) fn script(shell: clap_complete::Shell) -> Result<String, Error> {
    let name = shell.to_string();
    let shells = Shells::builtins();
    let completer =
        shells.completer(&name).ok_or_else(|| Error::Usage(format!("no completions for the shell {name}")))?;
    let mut out = Vec::new();
    completer.write_registration(VAR, "nudge", "nudge", "nudge", &mut out).map_err(|source| Error::Io {
        action: "write",
        path: PathBuf::from("the completion script"),
        source,
    })?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Answers the completion script's question when `COMPLETE` is set (the
/// candidates on stdout); whether it did. `args` is the whole command line.
pub(crate) fn answer(args: &[OsString]) -> bool {
    let Some(shell) = std::env::var_os(VAR).filter(|shell| !shell.is_empty() && shell != "0") else {
        return false;
    };
    let _ = SHELL.set(shell);
    if let Some(notes) = notes_option(args) {
        let _ = NOTES.set(notes);
    }
    let cwd = std::env::current_dir().ok();
    match CompleteEnv::with_factory(Cli::command).var(VAR).try_complete(args.iter().cloned(), cwd.as_deref()) {
        Ok(answered) => answered,
        Err(error) => {
            let _ = error.print();
            true
        }
    }
}

/// The value of `--notes DIR` or `--notes=DIR` in `args`.
fn notes_option(args: &[OsString]) -> Option<PathBuf> {
    let mut words = args.iter().map(OsString::as_os_str);
    while let Some(word) = words.next() {
        if word == "--notes" {
            return words.next().map(PathBuf::from);
        }
        if let Some(dir) = word.to_str().and_then(|word| word.strip_prefix("--notes=")) {
            return Some(PathBuf::from(dir));
        }
    }
    None
}

/// The notes folder of the command line being completed, as a command
/// would find it; none is no candidates.
fn vault() -> Option<Vault> {
    let cwd = std::env::current_dir().ok()?;
    let notes = NOTES.get().cloned().or_else(|| std::env::var_os("NUDGE_NOTES").map(PathBuf::from));
    Vault::discover(notes.as_deref(), &cwd).ok()
}

/// Candidates for `--state`: every state's word.
pub(crate) fn states() -> Vec<CompletionCandidate> {
    State::ALL.iter().map(|state| CompletionCandidate::new(state.as_str())).collect()
}

/// Candidates for `--playbook`: the notes folder's playbooks (the built-in
/// ones outside a notes folder).
pub(crate) fn playbooks() -> Vec<CompletionCandidate> {
    let playbooks = vault().map_or_else(Playbooks::builtin, |vault| vault.config.playbooks);
    playbooks.names().map(CompletionCandidate::new).collect()
}

/// Candidates for `--owner`, `--from`, `--to`: the handles of nudge.yaml's
/// `owners:`, each with its name as help.
pub(crate) fn owners() -> Vec<CompletionCandidate> {
    let Some(vault) = vault() else { return Vec::new() };
    let owners = vault.config.team.owners;
    owners.into_iter().map(|owner| CompletionCandidate::new(owner.handle).help(owner.name.map(Into::into))).collect()
}

/// Candidates for a contact: each contact's file name without `.md` (its
/// path when another contact has the same file name), with its name as
/// help. Every note's front matter is read.
pub(crate) fn contacts() -> Vec<CompletionCandidate> {
    let Some(vault) = vault() else { return Vec::new() };
    let files = walk(&vault.root, &vault.config).files;
    let named: Vec<(&str, String)> =
        files.par_iter().filter_map(|file| Some((file.relative, contact_name(&vault, file, &[])?))).collect();
    let mut stems: HashMap<&str, usize> = HashMap::new();
    for (relative, _) in &named {
        *stems.entry(file_stem(relative)).or_default() += 1;
    }
    let bash = SHELL.get().is_some_and(|shell| shell == "bash");
    let mut candidates: Vec<CompletionCandidate> = named
        .iter()
        .map(|(relative, name)| {
            let unique = stems.get(file_stem(relative)) == Some(&1);
            let value = if unique { file_stem(relative) } else { relative };
            let value = if bash { bash_escaped(value) } else { value.to_owned() };
            CompletionCandidate::new(value).help(Some(name.clone().into()))
        })
        .collect();
    candidates.sort_by(|a, b| a.get_value().cmp(b.get_value()));
    candidates
}

/// `value` as one bash word: bash puts a candidate on the line as it is,
/// so `Carla Diaz` (Obsidian's file names) would become two arguments;
/// `Carla\ Diaz` is one. zsh and fish quote candidates themselves.
fn bash_escaped(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_ascii()
            && !c.is_ascii_alphanumeric()
            && !matches!(c, '/' | '.' | '_' | '-' | '+' | ',' | '@' | '%' | '=' | ':')
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn bash_gets_file_names_with_spaces_as_one_word() {
        assert_eq!(bash_escaped("Carla Diaz"), "Carla\\ Diaz");
        assert_eq!(bash_escaped("Jo O'Neil (old)"), "Jo\\ O\\'Neil\\ \\(old\\)");
        assert_eq!(bash_escaped("people/tomás-álvarez"), "people/tomás-álvarez");
    }

    #[test]
    fn every_shell_gets_a_script_that_asks_nudge() {
        for shell in clap_complete::Shell::value_variants() {
            let script = script(*shell).unwrap();
            assert!(script.contains("nudge") && script.contains(VAR), "{shell}: {script}");
        }
    }

    #[test]
    fn the_notes_option_is_read_from_the_line_being_completed() {
        let line = |words: &[&str]| words.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(notes_option(&line(&["nudge", "--", "nudge", "--notes", "crm", "show", ""])), Some("crm".into()));
        assert_eq!(notes_option(&line(&["nudge", "--", "nudge", "--notes=crm", "show"])), Some("crm".into()));
        assert_eq!(notes_option(&line(&["nudge", "--", "nudge", "show", "--notes"])), None);
    }
}
