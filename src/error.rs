//! The errors that stop a command: exit code 2 for I/O, usage, a broken
//! config; 1 when nothing matched or the notes forbid the change. Problems in notes are not errors: see
//! [`crate::problem`].

use std::io;
use std::path::PathBuf;

use crate::problem::Problem;

/// Why a command could not do its job.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("cannot {action} {}: {source}; {}", path.display(), advice(action, source.kind()))]
    Io {
        /// What was being done: `read`, `write`, ...
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// `--notes` or `NUDGE_NOTES` is not a folder.
    #[error("the notes folder {} does not exist or is not a folder: check --notes or NUDGE_NOTES", .0.display())]
    NotesFolder(PathBuf),
    /// `nudge.yaml` has problems; each has its position.
    #[error("{}", render_problems(.0))]
    Config(Vec<Problem>),
    /// A file nudge needs besides the notes (the agenda, a contact
    /// template) cannot be used; the problem says where and why.
    #[error("{0}")]
    File(Problem),
    /// The user's agenda template has an error; the problem points into it.
    #[error("{0}")]
    Template(Problem),
    /// A command was used wrongly (an argument or option nudge cannot
    /// take); the message says how to use it.
    #[error("{0}")]
    Usage(String),
    /// No `nudge.yaml` in the folder nudge was started in or any above it.
    #[error(
        "no notes folder here (no {} found up to {}): run `nudge init` or pass --notes DIR",
        crate::model::CONFIG_FILE,
        .top.display()
    )]
    NoNotesFolder {
        /// The last folder looked in (the top of the file system).
        top: PathBuf,
    },
    /// A contact named on the command line matches more than one note.
    #[error("'{query}' matches {} contacts:\n{}\ngive more of the name, or the file path", .matches.len(), indented(.matches))]
    Ambiguous {
        /// What was typed.
        query: String,
        /// Each note it matches, described (name, company, path).
        matches: Vec<String>,
    },
    /// A path given on the command line leads out of the notes folder.
    #[error("{query} is outside the notes folder {}: nudge only reads and writes notes inside it", .root.display())]
    OutsideNotes {
        /// The path as typed.
        query: String,
        /// The notes folder.
        root: PathBuf,
    },
    /// A file nudge was about to write (or a folder to create) leads out
    /// of the notes folder.
    #[error(
        "{} leads outside the notes folder {} (through `..` or a symlinked folder): nudge only writes inside it; fix the path (in nudge.yaml) or the symlink",
        .path.display(),
        .root.display()
    )]
    WritesOutside {
        /// The file or folder.
        path: PathBuf,
        /// The notes folder.
        root: PathBuf,
    },
    /// A path given on the command line is not a file (a folder, ...).
    #[error("{0} is not a note file")]
    NotAFile(String),
    /// A note is not a contact; `why` says what makes it one.
    #[error("{file} is not a contact: {why}")]
    NotAContact {
        /// The note, relative to the notes folder.
        file: String,
        /// Why not: no front matter, or `contacts.folders` leaves it out.
        why: String,
    },
    /// `nudge new` would write a note outside the folders of contacts.
    #[error(
        "{file} would not be a contact: nudge.yaml's `contacts.folders` ({}) leaves it out; set `contacts_dir` there to a folder of contacts",
        .folders.join(", ")
    )]
    OutsideContacts {
        /// The note `new` would write.
        file: String,
        /// `contacts.folders`.
        folders: Vec<String>,
    },
    /// `nudge import`: a file to import cannot be read whole; nothing was
    /// written.
    #[error("{file}:{line}: error: {message} (nothing was imported)")]
    Import {
        /// The file, as given on the command line.
        file: String,
        /// The 1-based line.
        line: u32,
        /// What is wrong and what to do.
        message: String,
    },
    /// `nudge new`: the note's file is there already.
    #[error("{0} already exists: edit it, or give the new contact another name")]
    FileExists(String),
    /// `nudge new`: a contact of that name is there already.
    #[error("a contact named '{name}' already exists: {file}; edit it, or give the new one another name")]
    ContactExists {
        /// The name given.
        name: String,
        /// The note that has it.
        file: String,
    },
    /// The contact template (the user's or the built-in one) cannot make
    /// the note asked for; `fault` says why and what to do.
    #[error("{template}{fault}")]
    ContactTemplate {
        /// `templates/contact.md`, or `built-in contact.md`.
        template: String,
        /// What is wrong.
        fault: TemplateFault,
    },
    /// A path nudge writes is not a regular file.
    #[error(
        "cannot write {}: it is {kind}, and nudge writes only regular files: move it away or point nudge elsewhere (nothing was changed)",
        .path.display()
    )]
    NotRegularFile {
        /// The path.
        path: PathBuf,
        /// What is there: `a symlink`, `a folder`, ...
        kind: &'static str,
    },
    /// A note cannot be changed as asked: it is not a contact or has problems.
    #[error("cannot {what} in {file}: {why}")]
    CannotEdit {
        /// The change: `add a touch`, `set \`next\``.
        what: String,
        /// The note.
        file: String,
        /// Why.
        why: String,
    },
    /// The change made would not read back as meant: nothing was written.
    #[error("cannot {what} in {file} safely: {why}; the file was not changed: make the change by hand")]
    UnsafeEdit {
        /// The change.
        what: String,
        /// The note.
        file: String,
        /// What would go wrong.
        why: String,
    },
    /// `nudge undo`: the files of the last command changed since it wrote them.
    #[error(
        "cannot undo `nudge {command}` ({time}): {} changed since nudge wrote {}; nothing was changed: undo it by hand (`nudge undo --list` shows the journal)",
        .files.join(", "),
        if .files.len() == 1 { "it" } else { "them" }
    )]
    ChangedSinceWritten {
        /// The command undone, as typed.
        command: String,
        /// When it ran.
        time: String,
        /// The files changed since.
        files: Vec<String>,
    },
    /// The built-in example contact of `nudge init` did not render.
    #[error("the example contact cannot be written: {0}")]
    ExampleContact(String),
    /// A note to change has no front matter to change.
    #[error("the note has no front matter")]
    NoFrontMatter,
    /// An edit could not be recorded in the undo journal.
    #[error("cannot record the edit: {0}")]
    Journal(serde_json::Error),
    /// `nudge sync`: ticked entries could not be logged, so the agenda was kept.
    #[error(
        "{failed} ticked {} could not be logged (see the warnings): the agenda was not written again, so its ticks stay; fix the cause, then run `nudge sync` again",
        if *.failed == 1 { "entry" } else { "entries" }
    )]
    Unlogged {
        /// How many.
        failed: usize,
    },
    /// `git` could not be started.
    #[error("cannot run git ({0}): install git to use --git-hook")]
    NoGit(io::Error),
    /// The notes folder is not in a git repository.
    #[error("{} is not in a git repository: run `git init` there first, then `nudge init --git-hook`", .0.display())]
    NotARepository(PathBuf),
    /// `--watch` could not listen for Ctrl-C.
    #[error("cannot watch for Ctrl-C: {0}")]
    CtrlC(String),
    /// `--watch` could not watch the notes folder.
    #[error("cannot watch {} for changes: {error}", .root.display())]
    Watch {
        /// The notes folder.
        root: PathBuf,
        /// What the watcher said.
        error: String,
    },
    /// Nothing matched what the command line asked for (exit 1, like a
    /// `status` filter that matches nothing); the message says what to try.
    #[error("{0}")]
    NoMatch(String),
    /// The contact's state forbids the change asked for (an attempt logged
    /// to a stopped contact, R11): exit 1, nothing written; the message
    /// says why and that `--force` overrides.
    #[error("{0}")]
    Refused(String),
}

/// Why the contact template cannot make a note (see [`Error::ContactTemplate`]).
#[derive(Debug)]
pub enum TemplateFault {
    /// The template does not render: its line and the engine's words.
    Render {
        /// The template's line, when known.
        line: Option<usize>,
        /// What the template engine said.
        detail: String,
    },
    /// It leaves out keys given on the command line.
    LeavesOut(Vec<String>),
    /// The note it makes has no front matter.
    NoFrontMatter,
    /// The note it makes is left out of the contacts.
    LeftOut {
        /// Why, in words.
        why: String,
        /// The options of `nudge new` that would give it what it lacks.
        options: String,
    },
    /// The note it makes has front matter errors.
    Broken(Vec<Problem>),
}

impl std::fmt::Display for TemplateFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Render { line, detail } => {
                let line = line.map(|line| format!(":{line}")).unwrap_or_default();
                write!(
                    f,
                    "{line}: error in the contact template: {detail}; fix it, or delete it to use the built-in one"
                )
            }
            Self::LeavesOut(keys) => {
                let keys: Vec<String> = keys.iter().map(|key| format!("`{key}`")).collect();
                write!(
                    f,
                    " does not write {}, given on the command line: add it to the template (see \"new\" in docs/src/commands.md), or delete the template to use the built-in one",
                    keys.join(", ")
                )
            }
            Self::NoFrontMatter => f.write_str(" makes a note without front matter: it must start with a line ---"),
            Self::LeftOut { why, options } => write!(
                f,
                " makes a note that would not be a contact: {why}; give it on the command line ({options}) or add it to the template"
            ),
            Self::Broken(problems) => {
                let lines: Vec<String> = problems.iter().map(|problem| format!("  {problem}")).collect();
                write!(f, " makes a note that does not read as a contact:\n{}\nfix the template", lines.join("\n"))
            }
        }
    }
}

/// Each line indented by two spaces, one a line.
fn indented(lines: &[String]) -> String {
    let lines: Vec<String> = lines.iter().map(|line| format!("  {line}")).collect();
    lines.join("\n")
}

/// What to do about an I/O error, in words.
fn advice(action: &str, kind: io::ErrorKind) -> String {
    use io::ErrorKind::{
        FileTooLarge, IsADirectory, NotADirectory, NotFound, PermissionDenied, QuotaExceeded, ReadOnlyFilesystem,
        StorageFull,
    };
    let what = match kind {
        PermissionDenied | ReadOnlyFilesystem => "check the permissions of the file and its folder",
        StorageFull | QuotaExceeded | FileTooLarge => "free some disk space",
        IsADirectory => "a folder is in the way: move or rename it",
        NotADirectory => "a file is in the way of a folder: move or rename it",
        NotFound => "check that the path exists",
        _ => "fix the cause",
    };
    let kept = if action == "write" { " (the file was left as it was)" } else { "" };
    format!("{what}, then run nudge again{kept}")
}

fn render_problems(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

impl Error {
    /// The exit code this error ends the command with.
    pub fn exit(&self) -> Exit {
        match self {
            Self::NoMatch(_) | Self::Refused(_) => Exit::Problems,
            _ => Exit::Failure,
        }
    }

    /// The message as printed on stderr: config and template problems as
    /// they are (`nudge.yaml:3:7: error: ...`), anything else after `error: `.
    pub fn report(&self) -> String {
        match self {
            Self::Config(_) | Self::File(_) | Self::Template(_) | Self::Import { .. } => self.to_string(),
            _ => format!("error: {self}"),
        }
    }
}

/// How a command ended (docs/src/commands.md, "Exit codes"): 0 success, 1 problems found or nothing
/// matched, 2 usage or I/O error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done.
    Success = 0,
    /// Problems found (`check`), or nothing matched (a `status` filter, a
    /// contact named on the command line).
    Problems = 1,
    /// Usage or I/O error.
    Failure = 2,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_errors_say_their_data_in_words_and_exit_2() {
        let one = Error::Unlogged { failed: 1 };
        assert!(one.report().starts_with("error: 1 ticked entry could not be logged"), "{}", one.report());
        assert!(Error::Unlogged { failed: 2 }.to_string().starts_with("2 ticked entries could not"));
        let undo = Error::ChangedSinceWritten {
            command: "log dana call".to_owned(),
            time: "2026-12-03 09:00".to_owned(),
            files: vec!["a.md".to_owned(), "b.md".to_owned()],
        };
        assert!(undo.to_string().contains("a.md, b.md changed since nudge wrote them;"), "{undo}");
        let template = Error::ContactTemplate {
            template: "templates/contact.md".to_owned(),
            fault: TemplateFault::Render { line: Some(3), detail: "unknown filter".to_owned() },
        };
        assert!(
            template.to_string().starts_with("templates/contact.md:3: error in the contact template: unknown filter;")
        );
        let ambiguous = Error::Ambiguous { query: "dana".to_owned(), matches: vec!["a".to_owned(), "b".to_owned()] };
        assert_eq!(
            ambiguous.to_string(),
            "'dana' matches 2 contacts:\n  a\n  b\ngive more of the name, or the file path"
        );
        for error in [one, undo, template, ambiguous, Error::NoFrontMatter] {
            assert_eq!(error.exit(), Exit::Failure);
        }
    }

    #[test]
    fn io_errors_say_what_to_do() {
        let error = Error::Io {
            action: "write",
            path: PathBuf::from("notes/agenda.md"),
            source: io::Error::from(io::ErrorKind::StorageFull),
        };
        assert_eq!(
            error.report(),
            "error: cannot write notes/agenda.md: no storage space; free some disk space, then run nudge again (the file was left as it was)"
        );
    }
}
