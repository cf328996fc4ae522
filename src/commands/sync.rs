//! `nudge sync`: logs the entries ticked in the agenda (see
//! [`ticked`](crate::commands::ticked)), then writes the agenda again.

use crate::cli::SyncArgs;
use crate::commands::agenda_file;
use crate::commands::ticked::log_ticked;
use crate::commands::{Exit, Say, Session};
use crate::error::Error;

/// Logs the ticked entries, then writes the agenda again.
pub(super) fn run(session: &Session, _args: &SyncArgs) -> Result<Exit, Error> {
    let synced = log_ticked(session)?;
    for warning in &synced.warnings {
        eprintln!("nudge: warning: {warning}");
    }
    session.say(Say::Out, &synced.report)?;
    synced.keep_ticks()?;
    rerender(session)
}

/// Writes the agenda again, now that the ticked entries are logged.
fn rerender(session: &Session) -> Result<Exit, Error> {
    agenda_file::write(session, None, &crate::cli::OwnerArgs::default(), Say::Out)
}
