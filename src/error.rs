//! The errors that stop a command (exit code 2): I/O, usage, a broken
//! config. Problems in notes are not errors: see [`crate::problem`].

use std::io;
use std::path::PathBuf;

use crate::problem::Problem;

/// Why a command could not do its job.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("cannot {action} {}: {source}", path.display())]
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
    /// The user's agenda template has an error; the problem points into it.
    #[error("{0}")]
    Template(Problem),
    /// A command was used wrongly; the message says how to use it.
    #[error("{0}")]
    Usage(String),
}

fn render_problems(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

impl Error {
    /// The message as printed on stderr: config and template problems as
    /// they are (`nudge.yaml:3:7: error: ...`), anything else after `error: `.
    pub fn report(&self) -> String {
        match self {
            Self::Config(_) | Self::Template(_) => self.to_string(),
            _ => format!("error: {self}"),
        }
    }
}
