//! `nudge check`: every problem with its `path:line:col`, then a summary.

use crate::cli::CheckArgs;
use crate::commands::{Exit, Session, print};
use crate::error::Error;
use crate::pipeline::{self, UnknownKeys};
use crate::render;

/// Lists the problems; exit 1 on an error (or, with `--strict`, a warning).
pub fn run(session: &Session, args: &CheckArgs) -> Result<Exit, Error> {
    let loaded = pipeline::load(&session.vault, session.today, UnknownKeys::Drop);
    print(&render::check::listing(&loaded.problems, loaded.notes))?;
    let failing = loaded.problems.iter().any(|problem| problem.is_error() || args.strict);
    pipeline::release(loaded);
    Ok(if failing { Exit::Problems } else { Exit::Success })
}
