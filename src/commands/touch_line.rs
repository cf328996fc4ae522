//! One touch logged in a contact's note, as `nudge log` and `nudge sync`
//! add it: the touch line, its checks, and the edit.

use std::fmt;

use chrono::{NaiveDate, NaiveTime};

use crate::cli::LogArgs;
use crate::commands::Session;
use crate::commands::note_edit::{self, Change};
use crate::derive::State;
use crate::discover::NoteFile;
use crate::error::Error;
use crate::model::keywords::NOTE;
use crate::model::owner::{Team, same_handle};
use crate::model::span::Span;
use crate::parse::{Keywords, Note};
use crate::problem::Problem;
use crate::render::table::one_line;
use crate::write::VaultLock;
use crate::write::edit::{Inserted, insert_touch};

/// Adds `touch` to the contact `file` (the vault being locked) and returns
/// the report; an attempt to a stopped or closed contact is refused
/// unless `force`.
pub(super) fn log_touch(
    session: &Session,
    lock: &VaultLock,
    file: &NoteFile,
    touch: &TouchToLog,
    force: bool,
) -> Result<String, Error> {
    let team = &session.vault.config.team;
    note_edit::edit(session, lock, file, &mut AddTouch { touch, force, team, written: None })
}

/// A touch `log` (or `sync`, for a ticked agenda entry) is to write into a
/// note, as one item: `DATE [TIME] KEYWORDS[: TEXT] [next: DATE]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TouchToLog {
    /// The day.
    pub date: NaiveDate,
    /// The time of day.
    pub time: Option<NaiveTime>,
    /// The keywords, checked.
    pub keywords: Vec<String>,
    /// The free text (one line).
    pub text: Option<String>,
    /// A date agreed for the next contact.
    pub next: Option<NaiveDate>,
    /// Who logs it, in a team vault (docs/src/teams.md): written `(by
    /// HANDLE)` after the keywords when the contact has owners and this is
    /// none of them.
    pub by: Option<String>,
}

impl TouchToLog {
    /// The touch the command line describes, every part checked, with
    /// `keywords` (the command line's, less words read as the name).
    pub(super) fn from_args(session: &Session, args: &LogArgs, keywords: &[String]) -> Result<Self, Error> {
        let time = args.time.as_deref().map(parse_time).transpose()?;
        let text = args.message.as_deref().map(str::trim).filter(|text| !text.is_empty());
        if text.is_some_and(|text| text.contains(['\n', '\r'])) {
            return Err(Error::Usage(
                "the message (-m) must be one line: a touch is one list item; put longer notes in the file".to_owned(),
            ));
        }
        let date = args.date.unwrap_or(session.today);
        checked_date(date, session.today, &keywords.join(" "))?;
        if let Some(next) = args.next {
            checked_next(next, date, session.today)?;
        }
        Ok(Self {
            date,
            time,
            keywords: checked_keywords(keywords, &session.vault.config.keywords, args.force)?,
            text: text.map(str::to_owned),
            next: args.next,
            by: None,
        })
    }
}

/// `--date`: a touch records what happened, so one dated after today would
/// be written and flagged by `check` at once: refused, pointing at the two
/// ways to plan a contact.
fn checked_date(date: NaiveDate, today: NaiveDate, keywords: &str) -> Result<(), Error> {
    if date > today {
        return Err(Error::Usage(format!(
            "a touch can't be dated after today; to plan it, use --next {date} on today's touch or write `- [ ] {date} {keywords}` in the note"
        )));
    }
    Ok(())
}

/// `--next`: a promise (R5) counts only when it is later than the last
/// touch, so one in the past, or not after the touch it is agreed in, would
/// be written and ignored: refused like `snooze` refuses the past.
fn checked_next(next: NaiveDate, date: NaiveDate, today: NaiveDate) -> Result<(), Error> {
    if next < today {
        return Err(Error::Usage(format!(
            "--next {next} is in the past: give the day agreed for the next contact, today or later"
        )));
    }
    if next <= date {
        return Err(Error::Usage(format!(
            "--next {next} is not after the touch ({date}): an agreed date counts only after the touch it was agreed in (R5)"
        )));
    }
    Ok(())
}

impl fmt::Display for TouchToLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date)?;
        if let Some(time) = self.time {
            write!(f, " {}", time.format("%H:%M"))?;
        }
        write!(f, " {}", self.keywords.join(" "))?;
        if let Some(by) = &self.by {
            write!(f, " (by {by})")?;
        }
        if let Some(text) = &self.text {
            write!(f, ": {text}")?;
        }
        if let Some(next) = self.next {
            write!(f, " next: {next}")?;
        }
        Ok(())
    }
}

/// A time as a touch line takes it (`14:30`, `9:30`, `9:30pm`), written
/// back as `HH:MM`.
fn parse_time(text: &str) -> Result<NaiveTime, Error> {
    crate::model::date_forms::time_of_day(text)
        .ok_or_else(|| Error::Usage(format!("--time '{text}' is not a time: write HH:MM, like 14:30 (or 2:30pm)")))
}

/// The keywords as given, read as a touch line reads them
/// ([`Keywords::read`]): each word, or words, a keyword of the table (`not
/// interested` given as two words or one quoted argument is one keyword,
/// written as typed); `note` alone makes a dated note; `force` lets unknown
/// words through.
pub(super) fn checked_keywords(words: &[String], table: &Keywords, force: bool) -> Result<Vec<String>, Error> {
    let words: Vec<&str> = words.iter().flat_map(|word| word.split_whitespace()).collect();
    for word in &words {
        let bare = word.strip_prefix('#').unwrap_or(word);
        let shaped = !bare.is_empty() && bare.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if !shaped || crate::model::parse_date(bare).is_some() {
            return Err(Error::Usage(format!(
                "'{word}' is not a keyword: keywords are words like call, voicemail, reply, not interested; put other text after -m"
            )));
        }
    }
    let line = words.join(" ");
    let mut at = 0;
    while let Some(rest) = line.get(at..).filter(|rest| !rest.is_empty()) {
        let read = table.read(rest, rest.split(' ').next().unwrap_or_default());
        if read.note {
            if words.len() == 1 {
                break;
            }
            return Err(Error::Usage(
                "`note` makes a dated note, not a touch: give it alone, with the text after -m".to_owned(),
            ));
        }
        if read.keyword.is_none() && !force {
            // After a keyword, words that are none read as the text the
            // user meant to write: say where it goes.
            let hint = match table.suggest(read.bare) {
                Some(known) => format!(": did you mean '{known}'?"),
                None if at > 0 => format!(": free text goes after -m (-m \"{rest}\")."),
                None => ".".to_owned(),
            };
            return Err(Error::Usage(format!(
                "unknown keyword '{}'{hint} Use a keyword of the table (call, voicemail, email, reply, talked, meeting, ...), add it under `keywords:` in nudge.yaml, or pass --force",
                read.bare
            )));
        }
        at += read.written.len() + 1;
    }
    Ok(words.into_iter().map(str::to_owned).collect())
}

/// The note's `text` (read as `note`) with `touch` logged, as `log` writes
/// it: after the last touch, `(by HANDLE)` only when the contact has owners
/// and `touch.by` is none of them (docs/src/teams.md).
pub(super) fn logged(text: &str, note: &Note<'_>, touch: &TouchToLog, team: &Team) -> Inserted {
    let last = note.touches.iter().map(|touch| touch.span).max();
    let mut owners = team.owners_of(&note.front.owner).peekable();
    let owned = owners.peek().is_some();
    let by = touch.by.as_deref().filter(|by| owned && !owners.any(|owner| same_handle(owner, by)));
    let line = TouchToLog { by: by.map(str::to_owned), ..touch.clone() };
    insert_touch(text, last, &line.to_string())
}

/// The change `log` makes: one list item after the last touch.
struct AddTouch<'t> {
    touch: &'t TouchToLog,
    /// `--force`: an attempt to a stopped or closed contact is written too.
    force: bool,
    /// The team: who owns the contact.
    team: &'t Team,
    /// The line written, its number and its span in the new text, once applied.
    written: Option<(String, usize, Span)>,
}

impl Change for AddTouch<'_> {
    fn what(&self) -> String {
        "add a touch".to_owned()
    }

    fn apply(&mut self, text: &str, note: &Note<'_>) -> Result<String, Error> {
        let inserted = logged(text, note, self.touch, self.team);
        let line = inserted.text.lines().nth(inserted.line.saturating_sub(1)).unwrap_or_default();
        self.written = Some((line.trim_start().to_owned(), inserted.line, inserted.span));
        Ok(inserted.text)
    }

    fn check(&self, before: &Note<'_>, after: &Note<'_>) -> Result<(), String> {
        let is_note = self.touch.keywords.first().is_some_and(|word| word.eq_ignore_ascii_case(NOTE));
        let expected = before.touches.len() + usize::from(!is_note);
        if after.touches.len() == expected {
            Ok(())
        } else {
            Err(format!("the new line would not read as {}", if is_note { "a dated note" } else { "one touch" }))
        }
    }

    fn written(&self, file: &str) -> (String, String) {
        let (line, number, _) = self.written.clone().unwrap_or_default();
        (format!("{file}:{number}"), line)
    }

    fn concerns(&self, problem: &Problem) -> bool {
        self.wrote_at(problem.span)
    }

    /// An attempt to a contact who asked to stop (R11) or whose matter is
    /// closed; a response (they came back: a reply, a conversation) is not.
    fn refusal(&self, state: State, reason: &str, after: &Note<'_>) -> Option<String> {
        if self.force || !matches!(state, State::Stopped | State::Closed) {
            return None;
        }
        let touch = after.touches.iter().find(|touch| self.wrote_at(touch.span))?;
        touch.is_attempt().then(|| {
            format!(
                "not logged: {} is {state} ({reason}), and `{}` is an attempt; nothing was written. A reply or a conversation is logged as usual; pass --force to log this attempt anyway",
                one_line(after.name()),
                self.touch.keywords.join(" ")
            )
        })
    }
}

impl AddTouch<'_> {
    /// Whether `span` starts on the line this change wrote.
    fn wrote_at(&self, span: Span) -> bool {
        self.written.as_ref().is_some_and(|(_, _, line)| Span::new(line.start(), line.end() + 1).holds(span.start()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|word| (*word).to_owned()).collect()
    }

    #[test]
    fn the_line_has_every_part_in_order() {
        let line = TouchToLog {
            date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            time: NaiveTime::from_hms_opt(14, 5, 0),
            keywords: words(&["call", "talked"]),
            text: Some("she called back".to_owned()),
            next: NaiveDate::from_ymd_opt(2026, 12, 1),
            by: None,
        };
        assert_eq!(line.to_string(), "2026-11-25 14:05 call talked: she called back next: 2026-12-01");
        let by = TouchToLog { by: Some("sam".to_owned()), ..line.clone() };
        assert_eq!(by.to_string(), "2026-11-25 14:05 call talked (by sam): she called back next: 2026-12-01");
        let bare = TouchToLog { time: None, text: None, next: None, keywords: words(&["email"]), ..line };
        assert_eq!(bare.to_string(), "2026-11-25 email");
    }

    #[test]
    fn keywords_are_checked_against_the_table() {
        let table = Keywords::default();
        assert!(checked_keywords(&words(&["call", "#vm", "Talked"]), &table, false).is_ok());
        assert!(checked_keywords(&words(&["note"]), &table, false).is_ok());
        let refused = |list: &[&str], force| checked_keywords(&words(list), &table, force).unwrap_err().to_string();
        assert!(refused(&["calld"], false).starts_with("unknown keyword 'calld': did you mean 'called'?"));
        assert!(refused(&["zzz"], false).starts_with("unknown keyword 'zzz'. Use a keyword"));
        assert!(checked_keywords(&words(&["calld"]), &table, true).is_ok());
        assert!(refused(&["call", "note"], false).starts_with("`note` makes a dated note"));
        assert!(refused(&["call:"], true).starts_with("'call:' is not a keyword"));
        assert!(refused(&["2026-11-25"], true).starts_with("'2026-11-25' is not a keyword"));
    }

    #[test]
    fn multi_word_keywords_are_read_as_touch_lines_read_them() {
        let table = Keywords::default();
        let checked = |list: &[&str]| checked_keywords(&words(list), &table, false).map_err(|error| error.to_string());
        assert_eq!(checked(&["not", "interested"]), Ok(words(&["not", "interested"])));
        assert_eq!(checked(&["email", "Do", "not", "contact"]), Ok(words(&["email", "Do", "not", "contact"])));
        assert_eq!(checked(&["not interested"]), Ok(words(&["not", "interested"])), "one quoted argument");
        assert!(checked(&["not", "sure"]).is_err_and(|error| error.starts_with("unknown keyword 'not'")));
        assert!(checked(&["interested", "not"]).is_err_and(|error| error.starts_with("unknown keyword 'interested'")));
    }

    #[test]
    fn times_are_read_as_touch_lines_read_them() {
        assert_eq!(parse_time("09:30").ok(), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_time("9:30").ok(), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_time("9:30 pm").ok(), NaiveTime::from_hms_opt(21, 30, 0));
        assert_eq!(parse_time("12:30:00").ok(), NaiveTime::from_hms_opt(12, 30, 0));
        assert!(parse_time("24:00").is_err());
        assert!(parse_time("4pm").is_err());
    }
}
