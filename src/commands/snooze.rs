//! `nudge snooze CONTACT DATE|DURATION`: not now, ask again then. Sets the
//! contact's front matter `next` (the date replaces the cadence, as an
//! agreed one does, R5) and `snoozed` to the same date, the mark that it was
//! a snooze, not an agreement; changes no other byte.

use chrono::NaiveDate;

use crate::cli::SnoozeArgs;
use crate::commands::note_edit::{self, Change};
use crate::commands::{Exit, Say, Session, agenda_file};
use crate::derive::{SNOOZED_KEY, snoozed_until};
use crate::error::Error;
use crate::load::resolve;
use crate::model::{Duration, parse_date};
use crate::parse::Note;
use crate::write::VaultLock;
use crate::write::edit::snoozed;

/// Sets `next` and `snoozed` and prints them with the contact's new state.
pub(super) fn run(session: &Session, args: &SnoozeArgs) -> Result<Exit, Error> {
    let until = until(&args.until, session.today)?;
    let file = resolve(&session.vault, &args.contact, &session.cwd)?;
    let lock = VaultLock::acquire(&session.vault.root)?;
    let report = note_edit::edit(session, &lock, &file, &mut SetNext { until })?;
    drop(lock);
    session.say(Say::Out, &report)?;
    agenda_file::refresh(session, Say::Out);
    Ok(Exit::Success)
}

/// A date, or a duration from today (`2w`); today or later.
fn until(text: &str, today: NaiveDate) -> Result<NaiveDate, Error> {
    let date = match parse_date(text) {
        Some(date) => date,
        None => Duration::parse(text).and_then(|duration| duration.after(today)).ok_or_else(|| {
            Error::Usage(format!(
                "'{text}' is neither a date nor a duration: write YYYY-MM-DD, or 3d, 2w, 1m (days, weeks, months from today)"
            ))
        })?,
    };
    if date < today {
        return Err(Error::Usage(format!("{date} is in the past: snooze until today or a later day")));
    }
    Ok(date)
}

/// The change `snooze` makes: the front matter's `next` and `snoozed`.
struct SetNext {
    until: NaiveDate,
}

impl Change for SetNext {
    fn what(&self) -> String {
        "set `next`".to_owned()
    }

    fn apply(&mut self, text: &str, _note: &Note<'_>) -> Result<String, Error> {
        snoozed(text, self.until).ok_or(Error::NoFrontMatter)
    }

    fn check(&self, _before: &Note<'_>, after: &Note<'_>) -> Result<(), String> {
        if after.front.next == Some(self.until) && snoozed_until(after) == Some(self.until) {
            Ok(())
        } else {
            Err(format!("the front matter would not read `next` and `{SNOOZED_KEY}` as this date"))
        }
    }

    fn written(&self, file: &str) -> (String, String) {
        (file.to_owned(), format!("next: {}, {SNOOZED_KEY}: {}", self.until, self.until))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_or_a_duration_from_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(until("2w", today).ok(), NaiveDate::from_ymd_opt(2026, 12, 9));
        assert_eq!(until("1m", today).ok(), NaiveDate::from_ymd_opt(2026, 12, 25));
        assert_eq!(until("2027-01-05", today).ok(), NaiveDate::from_ymd_opt(2027, 1, 5));
        assert_eq!(until("0d", today).ok(), Some(today));
        assert!(until("2026-11-24", today).unwrap_err().to_string().contains("is in the past"));
        assert!(until("soon", today).unwrap_err().to_string().contains("neither a date nor a duration"));
    }
}
