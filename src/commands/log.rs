//! `nudge log CONTACT KEYWORDS... [-m TEXT] [--next DATE] [--date DATE]
//! [--time HH:MM]`: one touch line added to the contact's note, next to its
//! other touches, changing no other byte.

use crate::cli::LogArgs;
use crate::commands::agenda_file;
use crate::commands::touch_line::{TouchLine, log_touch};
use crate::commands::{Exit, Say, Session};
use crate::discover::resolve;
use crate::error::Error;
use crate::write::VaultLock;

/// Adds the touch and prints it with the contact's new state.
pub fn run(session: &Session, args: &LogArgs) -> Result<Exit, Error> {
    let touch = TouchLine::from_args(session, args)?;
    let file = resolve(&session.vault, &args.contact, &session.cwd)?;
    let lock = VaultLock::acquire(&session.vault.root)?;
    let report = log_touch(session, &lock, &file, &touch, args.force)?;
    drop(lock);
    session.say(Say::Out, &report)?;
    agenda_file::refresh(session, Say::Out);
    Ok(Exit::Success)
}
