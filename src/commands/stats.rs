//! `nudge stats`: on which attempt people responded, and reply rates, from
//! every contact's timeline.

use crate::cli::{StatsArgs, StatsBy};
use crate::commands::terminal::Terminal;
use crate::commands::{Exit, Session, print};
use crate::derive::{self, Urgency, stats};
use crate::error::Error;
use crate::load;
use crate::render;

/// Width of the text output when it is not on a terminal.
const PIPED_WIDTH: usize = 80;

/// Prints the charts or the JSON object.
pub(super) fn run(session: &Session, args: &StatsArgs) -> Result<Exit, Error> {
    let today = session.today;
    if args.by == Some(StatsBy::Owner) {
        let loaded = load::load_with(&session.vault, today, |note, playbook, derived| {
            let summary = stats::summarize(&derive::timeline(&note.touches, today), derived.state, &playbook.name);
            let overdue = derived.days_overdue.filter(|_| derived.urgency == Urgency::Overdue).map(i64::from);
            (summary, note.front.owner.clone(), overdue)
        });
        let lines = stats::by_owner(&session.vault.config.team, &loaded.contacts);
        print(&if args.json { render::team::json(&lines) } else { render::team::owner_stats(&lines) })?;
        return Ok(Exit::Success);
    }
    let loaded = load::load_with(&session.vault, today, |note, playbook, derived| {
        stats::summarize(&derive::timeline(&note.touches, today), derived.state, &playbook.name)
    });
    let stats = stats::fold(&loaded.contacts);
    if args.json {
        print(&render::stats::json(&stats))?;
    } else if loaded.notes == 0 {
        print(render::NO_CONTACTS)?;
    } else {
        let terminal = Terminal::stdout();
        let left_out = loaded.notes.saturating_sub(loaded.contacts.len());
        print(&render::stats::text(&stats, left_out, terminal.width.unwrap_or(PIPED_WIDTH), terminal.color))?;
    }
    Ok(Exit::Success)
}
