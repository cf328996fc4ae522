//! `nudge status`: every contact's state and due date, filtered.

use crate::cli::StatusArgs;
use crate::commands::terminal::Terminal;
use crate::commands::{Exit, Session, print};
use crate::derive::Contact;
use crate::error::Error;
use crate::load::{self, UnknownKeys};
use crate::model::select::lists_tag;
use crate::render;
use crate::suggest::{Reach, closest};

/// Prints the table or the JSON array; exit 1 when a filter matched nothing.
/// An unknown `--playbook` is a usage error (exit 2) with a did-you-mean.
/// Under the table, notes with errors (not contacts until fixed) are
/// counted in a warning so none vanishes from the list unsaid; `--json`
/// leaves stderr to real failures (tools read `check --format json`).
pub(super) fn run(session: &Session, args: &StatusArgs) -> Result<Exit, Error> {
    let playbook = args.playbook.as_deref().map(|name| known_playbook(session, name)).transpose()?;
    let owner = session.owner(&args.owner)?;
    let team = &session.vault.config.team;
    let loaded = load::load(&session.vault, session.today, UnknownKeys::Drop);
    let contacts: Vec<&Contact> = render::sorted_by_due_then_name(&loaded.contacts)
        .into_iter()
        .filter(|contact| matches(contact, args, playbook, session))
        .filter(|contact| owner.as_ref().is_none_or(|owner| team.shows(&contact.owner, owner)))
        .collect();
    if args.json {
        print(&render::json::status(&contacts))?;
    } else if loaded.notes == 0 {
        print(render::NO_CONTACTS)?;
    } else {
        let terminal = Terminal::stdout();
        print(&render::table::status(&contacts, terminal.width, terminal.color))?;
    }
    let filtered = !args.state.is_empty()
        || !args.tag.is_empty()
        || args.playbook.is_some()
        || args.due_within.is_some()
        || args.owner.owner.is_some();
    let matched = !contacts.is_empty();
    let broken = loaded.notes.saturating_sub(loaded.contacts.len());
    if filtered && !matched && !args.json && loaded.notes > 0 {
        eprintln!(
            "nudge: no contact matches these filters (of {} in the vault): `nudge status` lists them all",
            render::count(loaded.contacts.len(), "contact", "contacts")
        );
    }
    if broken > 0 && !args.json {
        eprintln!(
            "nudge: warning: {} with errors left out of this list: `nudge check` says what to fix",
            render::count(broken, "note", "notes")
        );
    }
    load::release(loaded);
    Ok(if filtered && !matched { Exit::Problems } else { Exit::Success })
}

/// The name of the playbook `name` stands for, ignoring case.
fn known_playbook<'s>(session: &'s Session, name: &str) -> Result<&'s str, Error> {
    let playbooks = &session.vault.config.playbooks;
    if let Some(playbook) = playbooks.get(name) {
        return Ok(&playbook.name);
    }
    let hint = closest(name, playbooks.names(), Reach::ByLength)
        .map(|known| format!(": did you mean '{known}'?"))
        .unwrap_or_default();
    let names: Vec<&str> = playbooks.names().collect();
    Err(Error::Usage(format!(
        "unknown playbook '{name}'{hint} The playbooks are {} (add one under `playbooks:` in nudge.yaml)",
        names.join(", ")
    )))
}

fn matches(contact: &Contact, args: &StatusArgs, playbook: Option<&str>, session: &Session) -> bool {
    let derived = &contact.derived;
    let state_ok = args.state.is_empty() || args.state.contains(&derived.state);
    let tag_ok = args.tag.is_empty() || args.tag.iter().any(|tag| lists_tag(contact.tags(), tag));
    let playbook_ok = playbook.is_none_or(|playbook| playbook == &*contact.playbook);
    let due_ok = args
        .due_within
        .is_none_or(|days| derived.due.is_some_and(|due| (due - session.today).num_days() <= i64::from(days)));
    state_ok && tag_ok && playbook_ok && due_ok
}
