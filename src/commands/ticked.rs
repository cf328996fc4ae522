//! Ticked agenda entries logged, for `nudge sync` and `nudge agenda --sync`:
//! the editor-first round trip.
//! Every actionable agenda entry is one task line that ends with a comment
//! nudge reads back:
//!
//! `- [ ] ... <!-- nudge ACTION FINGERPRINT PATH --> OUTCOME`
//!
//! ACTION is the keyword to log, FINGERPRINT the [`fingerprint`](crate::discover::read::fingerprint) of the
//! contact's file when the agenda was written, PATH the file relative to
//! the vault (running to ` -->`). OUTCOME is what the user typed after the
//! comment, if anything: keywords, then a message (`vm: left a message`).
//! For each entry ticked since (`- [x]`), sync logs ACTION and the outcome
//! on that contact, dated today (docs/src/agenda.md, "Ticking an entry"); an entry whose
//! file changed or vanished since is skipped with a warning, never guessed.
//! Then the agenda is written again.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::commands::Session;
use crate::commands::agenda_file::own_agenda;
use crate::commands::touch_line::{TouchToLog, checked_keywords, log_touch};
use crate::discover::open::read_text;
use crate::discover::read::read_note;
use crate::error::Error;
use crate::load::resolve;
use crate::parse::Keywords;
use crate::render;
use crate::render::agenda::marker::{Entry, entries};
use crate::write::VaultLock;

/// The free text of a touch logged from the agenda.
pub(super) const FROM_THE_AGENDA: &str = "from the agenda";

/// What [`log_ticked`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Synced {
    /// What was logged, contact after contact, and a summary line.
    pub report: String,
    /// Entries skipped, each with its `agenda.md:line` and why.
    pub warnings: Vec<String>,
    /// Ticked entries that could not be logged because of an error (a full
    /// disk, a note that no longer reads): their ticks must stay.
    pub failed: usize,
}

impl Synced {
    /// An error when an entry could not be logged: the agenda must not be
    /// written again then, or the user's ticks would be lost with it.
    pub(super) fn keep_ticks(&self) -> Result<(), Error> {
        if self.failed == 0 {
            return Ok(());
        }
        Err(Error::Unlogged { failed: self.failed })
    }
}

/// Logs the action of every entry ticked in the current agenda (in a team
/// vault with `agenda_per_owner`, the agenda of the one running nudge)
/// whose contact file is as it was when the agenda was written; `(by x)`
/// as `log` writes it.
pub(super) fn log_ticked(session: &Session) -> Result<Synced, Error> {
    let vault = &session.vault;
    let (agenda, me) = own_agenda(session)?;
    let agenda = agenda.as_str();
    let path = vault.path(agenda);
    let Some(text) = read_text(&path, agenda, vault.config.max_file_size).map_err(Error::File)? else {
        return Ok(Synced { report: format!("no agenda yet at {agenda}: nothing to log\n"), ..Synced::default() });
    };
    let (entries, mut warnings) = entries(agenda, &text);
    let lock = VaultLock::acquire(&vault.root)?;
    let mut seen = HashSet::new();
    let mut ready = Vec::new();
    for entry in entries.iter().filter(|entry| !entry.ticked && !entry.outcome.is_empty()) {
        warnings.push(format!(
            "{agenda}:{}: '{}' was typed after an entry that is not ticked: not logged, and the agenda is written again without it; if it happened, `{}` logs it",
            entry.line,
            entry.outcome,
            log_command(entry, &entry.path, &vault.config.keywords, session.today)
        ));
    }
    for entry in entries.iter().filter(|entry| entry.ticked) {
        let place = format!("{agenda}:{}", entry.line);
        let skipped = |why: String| format!("{place}: {why}: not logged");
        let file = match resolve(vault, &entry.path, &vault.root) {
            Ok(file) => file,
            Err(error) => {
                warnings.push(skipped(format!("{} is gone or cannot be read ({error})", entry.path)));
                continue;
            }
        };
        let read = read_note(&file, vault.config.max_file_size);
        let unchanged =
            read.is_ok_and(|read| read.is_some_and(|read| read.fingerprint.to_string() == entry.fingerprint));
        if !unchanged {
            warnings.push(skipped(format!(
                "{} changed since the agenda was written; look at it, then `{}` if it still applies",
                file.relative,
                log_command(entry, &file.relative, &vault.config.keywords, session.today)
            )));
            continue;
        }
        if let Err(error) = checked_keywords(std::slice::from_ref(&entry.action), &vault.config.keywords, false) {
            warnings.push(skipped(error.to_string()));
            continue;
        }
        if !seen.insert(file.relative.clone()) {
            warnings.push(skipped(format!("{} is ticked twice; logged once", file.relative)));
            continue;
        }
        ready.push((entry, file));
    }
    let mut report = String::new();
    let (mut logged, mut failed) = (0usize, 0usize);
    for (entry, file) in &ready {
        let touch = TouchToLog {
            by: me.as_ref().map(|me| me.handle.clone()),
            ..ticked_touch(entry, &vault.config.keywords, session.today)
        };
        match log_touch(session, &lock, file, &touch, false) {
            Ok(done) => {
                report.push_str(&done);
                logged += 1;
            }
            Err(error) => {
                warnings.push(format!("{agenda}:{}: {error}", entry.line));
                failed += 1;
            }
        }
    }
    drop(lock);
    let ticked = entries.iter().filter(|entry| entry.ticked).count();
    let ticked = render::count(ticked, "ticked entry", "ticked entries");
    report.push_str(&format!("{logged} of {ticked} in {agenda} logged\n"));
    Ok(Synced { report, warnings, failed })
}

/// The touch a ticked entry logs, dated `today`: its action, then the
/// keywords typed after its comment (the leading words of the keyword
/// table, as in a touch line), then the rest as the message; the action is
/// left out when a typed keyword names another channel (`email` typed on a
/// call). Nothing typed: `ACTION: from the agenda`. Words that are not
/// keywords are the message, never dropped.
pub(super) fn ticked_touch(entry: &Entry, table: &Keywords, today: NaiveDate) -> TouchToLog {
    let mut keywords: Vec<String> = Vec::new();
    let mut channels = Vec::new();
    let mut rest = entry.outcome.trim_start();
    // A separator before the keywords (`— not interested`), as a touch line
    // may have one after its date.
    if let Some(separator) = rest.split_whitespace().next().filter(|word| matches!(*word, ":" | "—" | "–" | "-")) {
        rest = rest.get(separator.len()..).unwrap_or_default().trim_start();
    }
    // Read as a touch line reads them: `not interested` is one keyword.
    while let Some(word) = rest.split_whitespace().next() {
        let read = table.read(rest, word);
        let Some(keyword) = read.keyword.filter(|_| !read.note) else { break };
        keywords.push(read.bare.to_owned());
        channels.push(keyword.channel);
        rest = rest.get(read.written.len()..).unwrap_or_default().trim_start();
        if read.ends_keywords {
            break;
        }
    }
    let text = rest.trim_start_matches([':', '—', '–', '-']).trim();
    let action_channel = table.get(&entry.action).and_then(|keyword| keyword.channel);
    let other_channel = channels.iter().flatten().any(|channel| Some(*channel) != action_channel);
    if !other_channel {
        keywords.insert(0, entry.action.clone());
    }
    let text = if entry.outcome.is_empty() { FROM_THE_AGENDA } else { text };
    TouchToLog {
        date: today,
        time: None,
        keywords,
        text: (!text.is_empty()).then(|| text.to_owned()),
        next: None,
        by: None,
    }
}

/// The `nudge log` command that logs what `entry` would have logged on the
/// contact at `path`: `nudge log people/dana.md call vm -m "left a message"`.
fn log_command(entry: &Entry, path: &str, table: &Keywords, today: NaiveDate) -> String {
    let touch = ticked_touch(entry, table, today);
    let typed = touch.text.as_deref().filter(|_| !entry.outcome.is_empty());
    let message = typed.map(|text| format!(" -m {}", quoted(text))).unwrap_or_default();
    let plain = path.chars().all(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '_' | '-'));
    let path = if plain { path.to_owned() } else { quoted(path) };
    format!("nudge log {path} {}{message}", touch.keywords.join(" "))
}

/// `text` in double quotes for a shell command line.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests;
