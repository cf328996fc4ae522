//! `nudge agenda`: render the agenda and write it into the notes folder
//! (atomically, and only when it changed), to another file, or to stdout.

use std::path::Path;

use crate::cli::AgendaArgs;
use crate::commands::agenda_file::write;
use crate::commands::ticked::log_ticked;
use crate::commands::{Exit, Say, Session, print};
use crate::error::Error;

mod watch;

/// Writes or prints the agenda, first logging the entries ticked in the
/// current one with `--sync`; exit 0 even when notes have problems (the
/// agenda lists them), 2 on a template or I/O error (the old agenda stays).
pub(super) fn run(session: &Session, args: &AgendaArgs) -> Result<Exit, Error> {
    let printing = args.output.as_deref() == Some(Path::new("-"));
    if args.sync {
        let synced = log_ticked(session)?;
        for warning in &synced.warnings {
            eprintln!("nudge: warning: {warning}");
        }
        if printing {
            eprint!("{}", synced.report);
        } else {
            print(&synced.report)?;
        }
        synced.keep_ticks()?;
    }
    if args.watch {
        return watch::run(session, printing, |session| write(session, args.output.as_deref(), &args.owner, Say::Out));
    }
    write(session, args.output.as_deref(), &args.owner, Say::Out)
}
