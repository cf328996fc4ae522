//! `nudge check`: every problem with its `path:line:col` (on a terminal
//! with its source line underlined), then a summary; or JSON for tools.

use std::path::Path;

use crate::cli::{CheckArgs, CheckFormat};
use crate::commands::terminal::Terminal;
use crate::commands::{Exit, Session, print};
use crate::error::Error;
use crate::load::{self, UnknownKeys};
use crate::problem::Problem;
use crate::render;

/// Lists the problems; exit 1 on an error (or, with `--strict`, a warning).
/// The form is `--format`'s, else `full` on a terminal and `short` when
/// standard output is piped (scripts and the git hook read one line a problem).
pub fn run(session: &Session, args: &CheckArgs) -> Result<Exit, Error> {
    let loaded = load::load(&session.vault, session.today, UnknownKeys::Drop);
    let terminal = Terminal::stdout();
    let format = args.format.unwrap_or(if terminal.is_terminal { CheckFormat::Full } else { CheckFormat::Short });
    let problems = &loaded.problems;
    print(&match format {
        CheckFormat::Short => render::check::listing(problems, loaded.notes, loaded.left_out),
        CheckFormat::Json => render::check::json(problems),
        CheckFormat::Full => {
            let mut lines = SourceLines::new(&session.vault.root);
            let get = |problem: &Problem| lines.get(problem);
            render::check::full(problems, loaded.notes, loaded.left_out, get, terminal.width, terminal.color)
        }
    })?;
    let failing = problems.iter().any(|problem| problem.is_error() || args.strict);
    load::release(loaded);
    Ok(if failing { Exit::Problems } else { Exit::Success })
}

/// The lines problems name, read again from their files for printing only:
/// problems come sorted by file, so each file with problems is read once.
struct SourceLines<'a> {
    root: &'a Path,
    /// The last file read (relative to the vault), and its text if it could be read.
    file: Option<(String, Option<String>)>,
}

impl<'a> SourceLines<'a> {
    fn new(root: &'a Path) -> Self {
        Self { root, file: None }
    }

    /// The line `problem` is on, without its line break; `None` when the
    /// file cannot be read or has no such line. Bytes that are not UTF-8
    /// show as `�`.
    fn get(&mut self, problem: &Problem) -> Option<String> {
        if self.file.as_ref().is_none_or(|(file, _)| *file != problem.file) {
            let text = std::fs::read(self.root.join(&problem.file))
                .ok()
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
            self.file = Some((problem.file.clone(), text));
        }
        let text = self.file.as_ref()?.1.as_deref()?;
        let index = usize::try_from(problem.position.line.checked_sub(1)?).ok()?;
        let line = text.split('\n').nth(index)?;
        Some(line.strip_suffix('\r').unwrap_or(line).to_owned())
    }
}
