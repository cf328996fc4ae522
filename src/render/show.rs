//! `nudge show`: one contact's timeline, state, due date, reason and hints.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::derive::{self, Derived};
use crate::model::text::{Put, put};
use crate::parse::{Note, Touch};
use crate::problem::Problem;
use crate::render::table::one_line;
use crate::render::{Attempts, hints};

/// The page for one contact.
pub(crate) fn contact(
    note: &Note<'_>,
    playbook: &str,
    derived: &Derived,
    problems: &[Problem],
    today: NaiveDate,
) -> String {
    let mut out = String::new();
    let front = &note.front;
    let mut title = one_line(note.name());
    if let Some(company) = &front.company {
        let _ = write!(title, " ({})", one_line(company));
    }
    if let Some(role) = &front.role {
        let _ = write!(title, ", {}", one_line(role));
    }
    let owners = if front.owner.is_empty() {
        String::new()
    } else {
        format!("  ·  owner {}", one_line(&front.owner.join(", ")))
    };
    let _ = writeln!(out, "{title}\n{}  ·  playbook {playbook}{owners}\n", note.file);

    let timeline = derive::timeline(&note.touches, today);
    let future: Vec<_> = note.touches.iter().filter(|touch| touch.date > today).collect();
    if timeline.is_empty() && future.is_empty() && note.planned.is_empty() {
        out.push_str("No touches yet.\n");
    } else {
        out.push_str("Timeline\n");
        for touch in &timeline {
            let marker = if touch.is_response() {
                "<-"
            } else if touch.is_attempt() {
                "->"
            } else {
                "  "
            };
            let time = touch.time.map(|t| format!(" {}", t.format("%H:%M"))).unwrap_or_default();
            let line = format!("  {}{time} {marker} {}", touch.date, what(touch));
            out.push_str(line.trim_end());
            out.push('\n');
        }
        for touch in future {
            let _ = writeln!(out, "  {} (after today, not counted) {}", touch.date, one_line(touch.text));
        }
        for touch in &note.planned {
            let line = format!("  {} (planned, not ticked) {}", touch.date, what(touch));
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    let due = derived.due.map_or_else(|| "none".to_owned(), |due| format!("{due} ({})", relative_day(due, today)));
    let _ = writeln!(out, "\nState     {}", derived.state);
    let _ = writeln!(out, "Due       {due}");
    let _ = writeln!(out, "Attempts  {}", Attempts { derived, in_words: true });
    match derived.promise {
        Some(until) if derived.snoozed => {
            let _ = writeln!(out, "Snoozed   until {until}");
        }
        Some(promise) => match derived.reason.planned {
            Some(planned) => {
                let passed = if planned.passed { " not ticked" } else { "" };
                let _ = writeln!(out, "Planned   {} on {promise}{passed}", planned.noun());
            }
            None => {
                let _ = writeln!(out, "Agreed    {promise}");
            }
        },
        None => {}
    }
    let _ = writeln!(out, "Why       {}", derived.reason.words(playbook));
    if !derived.hints.is_empty() {
        out.push_str("Hints\n");
        for hint in &derived.hints {
            let _ = writeln!(out, "  - {}", hints::words(hint));
        }
    }
    if !problems.is_empty() {
        out.push_str("Problems\n");
        for problem in problems {
            let _ = writeln!(out, "  {problem}");
        }
    }
    out
}

/// A touch's keywords (and who made it, `(by sam)`, when written) and
/// text, `: ` between them only when there are both: a touch without a
/// known keyword shows its text alone.
fn what(touch: &Touch<'_>) -> String {
    let by = touch.by.map(|by| format!("(by {})", one_line(by)));
    let keywords = [touch.keywords, by.as_deref().unwrap_or_default()].join(" ");
    let keywords = keywords.trim();
    let text = one_line(touch.text);
    let separator = if keywords.is_empty() || text.is_empty() { "" } else { ": " };
    format!("{keywords}{separator}{text}")
}

/// `today`, `tomorrow`, `in 3 days`, `2 days overdue`.
pub(crate) fn relative_day(date: NaiveDate, today: NaiveDate) -> String {
    RelativeDay { date, today }.to_string()
}

/// [`relative_day`], printed where it is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RelativeDay {
    /// The day.
    pub date: NaiveDate,
    /// Today.
    pub today: NaiveDate,
}

impl std::fmt::Display for RelativeDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.put(f)
    }
}

impl Put for RelativeDay {
    fn put<W: std::fmt::Write + ?Sized>(&self, out: &mut W) -> std::fmt::Result {
        match (self.date - self.today).num_days() {
            0 => out.write_str("today"),
            1 => out.write_str("tomorrow"),
            -1 => out.write_str("1 day overdue"),
            days if days > 1 => put!(out, "in ", days, " days"),
            days => put!(out, -days, " days overdue"),
        }
    }
}
