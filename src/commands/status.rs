//! `nudge status`: every contact's state and due date, filtered.

use crate::cli::StatusArgs;
use crate::commands::terminal::Terminal;
use crate::commands::{Exit, Session, print};
use crate::error::Error;
use crate::pipeline::{self, Contact, UnknownKeys};
use crate::render;

/// Prints the table or the JSON array; exit 1 when a filter matched nothing.
pub fn run(session: &Session, args: &StatusArgs) -> Result<Exit, Error> {
    let loaded = pipeline::load(&session.vault, session.today, UnknownKeys::Drop);
    let contacts: Vec<&Contact> = render::sorted_by_due_then_name(&loaded.contacts)
        .into_iter()
        .filter(|contact| matches(contact, args, session))
        .collect();
    if args.json {
        print(&render::json::status(&contacts))?;
    } else {
        let terminal = Terminal::stdout();
        print(&render::table::status(&contacts, terminal.width, terminal.color))?;
    }
    let filtered =
        !args.state.is_empty() || !args.tag.is_empty() || args.playbook.is_some() || args.due_within.is_some();
    let matched = !contacts.is_empty();
    pipeline::release(loaded);
    Ok(if filtered && !matched { Exit::Problems } else { Exit::Success })
}

fn matches(contact: &Contact, args: &StatusArgs, session: &Session) -> bool {
    let derived = &contact.derived;
    let state_ok = args.state.is_empty() || args.state.contains(&derived.state);
    let tag_ok = args.tag.is_empty()
        || args.tag.iter().any(|tag| contact.front.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)));
    let playbook_ok = args.playbook.as_ref().is_none_or(|playbook| **playbook == *contact.playbook);
    let due_ok = args
        .due_within
        .is_none_or(|days| derived.due.is_some_and(|due| (due - session.today).num_days() <= i64::from(days)));
    state_ok && tag_ok && playbook_ok && due_ok
}
