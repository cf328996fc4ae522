//! `nudge ics`: the due follow-ups as an iCalendar file, written into the
//! notes folder (atomically, only when it changed), to another file, or to
//! standard output.

use std::path::Path;

use crate::cli::IcsArgs;
use crate::commands::{Exit, Say, Session, print};
use crate::error::Error;
use crate::load::{self, UnknownKeys};
use crate::render;
use crate::write::{Written, write_if_changed, write_in_vault};

/// Where the calendar goes without `-o`, in the notes folder.
pub(super) const DEFAULT_FILE: &str = "nudge.ics";

/// Writes or prints the calendar; after writing a file, says so as
/// `nudge agenda` does (`wrote nudge.ics: 12 follow-ups`, unless `--quiet`).
pub(super) fn run(session: &Session, args: &IcsArgs) -> Result<Exit, Error> {
    let loaded = load::load(&session.vault, session.today, UnknownKeys::Drop);
    let contacts = render::sorted_by_due_then_name(&loaded.contacts);
    let calendar = render::ics::calendar(&contacts, session.today);
    let (shown, written) = match args.output.as_deref() {
        Some(path) if path == Path::new("-") => return print(&calendar).map(|()| Exit::Success),
        Some(path) => (path.display().to_string(), write_if_changed(&session.cwd.join(path), &[calendar])?),
        None => (
            DEFAULT_FILE.to_owned(),
            write_in_vault(&session.vault.root, &session.vault.path(DEFAULT_FILE), &[calendar])?,
        ),
    };
    let done = if written == Written::Changed { format!("wrote {shown}") } else { format!("{shown} unchanged") };
    let events = contacts.iter().filter(|contact| contact.derived.due.is_some()).count();
    let mut said = format!("{done}: {}", render::count(events, "follow-up", "follow-ups"));
    let errors = loaded.problems.iter().filter(|problem| problem.is_error()).count();
    if errors > 0 {
        said.push_str(&format!(", {} in the notes (nudge check)", render::count(errors, "error", "errors")));
    }
    session.say(Say::Out, &format!("{said}\n"))?;
    Ok(Exit::Success)
}
