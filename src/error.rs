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
    /// A command was used wrongly; the message says how to use it.
    #[error("{0}")]
    Usage(String),
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
    pub fn exit(&self) -> crate::commands::Exit {
        match self {
            Self::NoMatch(_) | Self::Refused(_) => crate::commands::Exit::Problems,
            _ => crate::commands::Exit::Failure,
        }
    }

    /// The message as printed on stderr: config and template problems as
    /// they are (`nudge.yaml:3:7: error: ...`), anything else after `error: `.
    pub fn report(&self) -> String {
        match self {
            Self::Config(_) | Self::File(_) | Self::Template(_) => self.to_string(),
            _ => format!("error: {self}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
