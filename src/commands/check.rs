//! `nudge check`: every problem with its `path:line:col` (on a terminal
//! with its source line underlined), then a summary; or JSON for tools.

use crate::cli::{CheckArgs, CheckFormat};
use crate::commands::terminal::Terminal;
use crate::commands::{Exit, Session, print};
use crate::error::Error;
use crate::load::{self, UnknownKeys};
use crate::render;

/// Lists the problems; exit 1 on an error (or, with `--strict`, a warning).
/// The form is `--format`'s, else `full` on a terminal and `short` when
/// standard output is piped (scripts and the git hook read one line a problem).
pub(super) fn run(session: &Session, args: &CheckArgs) -> Result<Exit, Error> {
    let mut loaded = load::load(&session.vault, session.today, UnknownKeys::Drop);
    load::attach_sources(&session.vault, &mut loaded.problems);
    let terminal = Terminal::stdout();
    let format = args.format.unwrap_or(if terminal.is_terminal { CheckFormat::Full } else { CheckFormat::Short });
    let problems = &loaded.problems;
    print(&match format {
        CheckFormat::Short => render::check::listing(problems, loaded.notes, loaded.left_out),
        CheckFormat::Json => render::check::json(problems),
        CheckFormat::Full => {
            render::check::full(problems, loaded.notes, loaded.left_out, terminal.width, terminal.color)
        }
    })?;
    let failing = problems.iter().any(|problem| problem.is_error() || args.strict);
    load::release(loaded);
    Ok(if failing { Exit::Problems } else { Exit::Success })
}
