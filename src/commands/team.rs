//! `nudge team`: how each owner stands (docs/src/teams.md): overdue, due
//! today, last shots, contacts without a touch in 30 days; a table or JSON.

use crate::cli::TeamArgs;
use crate::commands::{Exit, Session, print};
use crate::derive::team::standings;
use crate::error::Error;
use crate::load::{self, UnknownKeys};
use crate::render;

/// Prints the team's table or JSON array.
pub(super) fn run(session: &Session, args: &TeamArgs) -> Result<Exit, Error> {
    let loaded = load::load(&session.vault, session.today, UnknownKeys::Drop);
    let lines = standings(&session.vault.config.team, &loaded.contacts, session.today);
    load::release(loaded);
    if args.json {
        print(&render::team::json(&lines))?;
    } else {
        print(&render::team::standings(&lines))?;
    }
    Ok(Exit::Success)
}
