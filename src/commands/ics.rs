//! `nudge ics`: the due follow-ups as an iCalendar file, written into the
//! notes folder (atomically, only when it changed), to another file, or to
//! standard output.

use std::path::Path;

use crate::cli::IcsArgs;
use crate::commands::{Exit, Session, print};
use crate::error::Error;
use crate::pipeline::{self, UnknownKeys};
use crate::render;
use crate::write::{write_if_changed, write_in_vault};

/// Where the calendar goes without `-o`, in the notes folder.
pub const DEFAULT_FILE: &str = "nudge.ics";

/// Writes or prints the calendar.
pub fn run(session: &Session, args: &IcsArgs) -> Result<Exit, Error> {
    let loaded = pipeline::load(&session.vault, session.today, UnknownKeys::Drop);
    let contacts = render::sorted_by_due_then_name(&loaded.contacts);
    let calendar = render::ics::calendar(&contacts, session.today);
    match args.output.as_deref() {
        Some(path) if path == Path::new("-") => print(&calendar)?,
        Some(path) => {
            write_if_changed(&session.cwd.join(path), &[calendar])?;
        }
        None => {
            write_in_vault(&session.vault.root, &session.vault.path(DEFAULT_FILE), &[calendar])?;
        }
    }
    Ok(Exit::Success)
}
