//! Ticked agenda entries logged, for `nudge sync` and `nudge agenda --sync`:
//! the editor-first round trip.
//! Every actionable agenda entry is one task line that ends with a comment
//! nudge reads back:
//!
//! `- [ ] TEXT <!-- nudge ACTION FINGERPRINT/WORDS PATH --> OUTCOME`
//!
//! ACTION is the keyword to log, FINGERPRINT the [`fingerprint`](crate::discover::read::fingerprint) of the
//! contact's file when the agenda was written, WORDS the
//! [`words`](crate::render::agenda::marker::words) of TEXT as nudge wrote it,
//! PATH the file relative to the vault (running to ` -->`). The outcome is
//! what the user typed on the line: into TEXT (told from nudge's words by
//! the agenda as last written, kept in `.nudge/cache/agendas/`, or by
//! WORDS alone when it was typed at the end or the start of TEXT), then
//! after the comment: keywords, then a message (`vm: left a message`).
//! For each entry ticked since (`- [x]`), sync logs ACTION and the outcome
//! on that contact, dated today (docs/src/agenda.md, "Ticking an entry"); an entry whose
//! file changed or vanished since is skipped with a warning, never guessed.
//! Then the agenda is written again.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::commands::Session;
use crate::commands::agenda_file::{last_written, own_agenda};
use crate::commands::touch_line::{TouchToLog, checked_keywords, log_touch};
use crate::discover::open::read_text;
use crate::discover::read::read_note;
use crate::error::Error;
use crate::load::resolve;
use crate::parse::Keywords;
use crate::render;
use crate::render::agenda::marker::{Entry, entries, words};
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
    let written = AsWritten::of(last_written(vault, agenda).as_deref());
    let entries: Vec<(Entry, Typed)> = entries
        .into_iter()
        .map(|entry| {
            let typed = typed(&entry, &written);
            (entry, typed)
        })
        .collect();
    let lock = VaultLock::acquire(&vault.root)?;
    let mut seen = HashSet::new();
    let mut ready = Vec::new();
    for (entry, typed) in entries.iter().filter(|(entry, typed)| !entry.ticked && !typed.text.is_empty()) {
        warnings.push(format!(
            "{agenda}:{}: '{}' was typed on an entry that is not ticked: not logged, and the agenda is written again without it; if it happened, `{}` logs it",
            entry.line,
            typed.text,
            log_command(entry, typed, &entry.path, &vault.config.keywords, session.today)
        ));
    }
    for (entry, typed) in entries.iter().filter(|(entry, _)| entry.ticked) {
        let place = format!("{agenda}:{}", entry.line);
        let skipped = |why: String| format!("{place}: {why}: not logged");
        let file = match resolve(vault, &entry.path, &vault.root) {
            Ok(file) => file,
            Err(error) => {
                warnings.push(skipped(format!("{} is gone or cannot be read ({error})", entry.path)));
                continue;
            }
        };
        let read = read_note(file.borrowed(), vault.config.max_file_size);
        let unchanged =
            read.is_ok_and(|read| read.is_some_and(|read| read.fingerprint.to_string() == entry.fingerprint));
        if !unchanged {
            warnings.push(skipped(format!(
                "{} changed since the agenda was written; look at it, then `{}` if it still applies",
                file.relative,
                log_command(entry, typed, &file.relative, &vault.config.keywords, session.today)
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
        ready.push((entry, typed, file));
    }
    let mut report = String::new();
    let (mut logged, mut failed) = (0usize, 0usize);
    for (entry, typed, file) in &ready {
        let touch = TouchToLog {
            by: me.as_ref().map(|me| me.handle.clone()),
            ..ticked_touch(entry, typed, &vault.config.keywords, session.today)
        };
        match log_touch(session, &lock, file, &touch, false) {
            Ok(done) => {
                report.push_str(&done);
                logged += 1;
                if typed.unsure {
                    warnings.push(format!(
                        "{agenda}:{}: nudge cannot tell what you typed on this entry from its own words (they were edited too, or nudge has no copy of them): all of what changed was logged as the message ('{}'); edit the touch in {} if some of it is not yours",
                        entry.line, typed.text, file.relative
                    ));
                }
            }
            Err(error) => {
                warnings.push(format!("{agenda}:{}: {error}", entry.line));
                failed += 1;
            }
        }
    }
    drop(lock);
    let ticked = entries.iter().filter(|(entry, _)| entry.ticked).count();
    let ticked = render::count(ticked, "ticked entry", "ticked entries");
    report.push_str(&format!("{logged} of {ticked} in {agenda} logged\n"));
    Ok(Synced { report, warnings, failed })
}

/// What the user typed on an entry's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Typed {
    /// What was typed into the entry's text, then after its comment,
    /// trimmed, joined by a space (empty when nothing).
    pub text: String,
    /// Whether nudge could not tell what was typed from its own words (they
    /// were edited too, or nudge has no copy of them): `text` is then all
    /// of what changed, logged whole as the message.
    pub unsure: bool,
}

/// The texts of the entries of the agenda as nudge last wrote it: by their
/// WORDS (those that still match their text), and by contact file.
#[derive(Debug, Default)]
struct AsWritten {
    by_words: HashMap<u32, String>,
    by_path: HashMap<String, String>,
}

impl AsWritten {
    /// The entries of `copy`, the agenda as last written (none without one).
    fn of(copy: Option<&str>) -> Self {
        let mut written = Self::default();
        for entry in copy.map(|copy| entries("", copy).0).unwrap_or_default() {
            if entry.words == Some(words(&entry.text)) {
                written.by_words.insert(words(&entry.text), entry.text.clone());
            }
            written.by_path.insert(entry.path, entry.text);
        }
        written
    }
}

/// What the user typed on `entry`'s line: into its text, found against the
/// text nudge wrote (the copy in `written` with the entry's WORDS; else
/// the text with something added at its end or its start that has those
/// WORDS), then after its comment. A marker without WORDS (written by an
/// older nudge) reads only what follows it. When nothing tells nudge's
/// words from the user's, all of what changed is kept: never lost.
fn typed(entry: &Entry, written: &AsWritten) -> Typed {
    let (into, unsure) = typed_into(entry, written);
    // Nothing added (words only deleted) is nothing typed, unsure or not.
    let unsure = unsure && !into.trim().is_empty();
    // The agenda's own separator at either end belongs to nudge's words.
    let into = if unsure { into.as_str() } else { into.trim_matches(|c: char| c == '·' || c.is_whitespace()) };
    let parts: Vec<&str> = [into, entry.outcome.as_str()].into_iter().filter(|part| !part.is_empty()).collect();
    Typed { text: parts.join(" "), unsure }
}

/// What was typed into `entry`'s text (trimmed), and whether nudge is
/// unsure of it ([`typed`]).
fn typed_into(entry: &Entry, written: &AsWritten) -> (String, bool) {
    let now = entry.text.as_str();
    let Some(expected) = entry.words.filter(|expected| words(now) != *expected) else {
        return (String::new(), false);
    };
    if let Some(was) = written.by_words.get(&expected) {
        return added(was, now);
    }
    for (at, _) in now.char_indices().skip(1) {
        let (start, end) = now.split_at(at);
        if start.len() <= MAX_SEARCHED && words(start) == expected {
            return (end.trim().to_owned(), false);
        }
        if end.len() <= MAX_SEARCHED && words(end) == expected {
            return (start.trim().to_owned(), false);
        }
    }
    match written.by_path.get(&entry.path) {
        Some(was) => (added(was, now).0, true),
        None => (now.to_owned(), true),
    }
}

/// The longest text of nudge's [`typed_into`] looks for by its WORDS alone
/// (an entry is a few hundred bytes): each place is hashed, so a line
/// pasted into the agenda costs at most this much per byte of it.
const MAX_SEARCHED: usize = 4096;

/// What `now` adds to `was`, word by word (a longest common subsequence of
/// their words): the words inserted between nudge's, and the letters typed
/// onto one of its words (`(R3)vm:`). Unsure when some of nudge's words
/// were replaced: the words that replaced them are kept too, in order.
/// Words that were only deleted add nothing.
fn added(was: &str, now: &str) -> (String, bool) {
    let old: Vec<&str> = was.split_whitespace().collect();
    let new: Vec<&str> = now.split_whitespace().collect();
    let width = new.len() + 1;
    if old.len().saturating_mul(width) > MAX_DIFF_CELLS {
        return inserted(was, now);
    }
    // common[i * width + j]: the longest common subsequence of old[i..] and new[j..].
    let mut common = vec![0u32; (old.len() + 1) * width];
    let cell = |common: &[u32], i: usize, j: usize| common.get(i * width + j).copied().unwrap_or(0);
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            let length = if old.get(i) == new.get(j) {
                cell(&common, i + 1, j + 1) + 1
            } else {
                cell(&common, i + 1, j).max(cell(&common, i, j + 1))
            };
            if let Some(slot) = common.get_mut(i * width + j) {
                *slot = length;
            }
        }
    }
    let (mut typed, mut unsure) = (Vec::new(), false);
    let (mut gone, mut came) = (Vec::new(), Vec::new());
    let mut flush = |gone: &mut Vec<&str>, came: &mut Vec<&str>| {
        let (text, replaced) = inserted(&gone.join(" "), &came.join(" "));
        typed.extend((!text.is_empty()).then_some(text));
        unsure |= replaced;
        gone.clear();
        came.clear();
    };
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) if a == b => {
                flush(&mut gone, &mut came);
                i += 1;
                j += 1;
            }
            (Some(_), Some(b)) if cell(&common, i, j + 1) >= cell(&common, i + 1, j) => {
                came.push(b);
                j += 1;
            }
            (None, Some(b)) => {
                came.push(b);
                j += 1;
            }
            (Some(a), _) => {
                gone.push(a);
                i += 1;
            }
            (None, None) => break,
        }
    }
    flush(&mut gone, &mut came);
    (typed.join(" "), unsure)
}

/// The most cells [`added`] compares word by word (a line of 1,000 words
/// against 1,000); longer lines are compared by their common start and end.
const MAX_DIFF_CELLS: usize = 1_000_000;

/// What `now` adds to `was`: the text between their common start and their
/// common end; unsure when some of `was` is gone too and something came in
/// its place (it was edited): then all of `now`, trimmed.
fn inserted(was: &str, now: &str) -> (String, bool) {
    let start = was
        .char_indices()
        .zip(now.chars())
        .find(|((_, a), b)| a != b)
        .map_or(was.len().min(now.len()), |((at, _), _)| at);
    let common_end: usize = was
        .get(start..)
        .unwrap_or_default()
        .chars()
        .rev()
        .zip(now.get(start..).unwrap_or_default().chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let gone = was.get(start..was.len() - common_end).unwrap_or_default().trim();
    let came = now.get(start..now.len() - common_end).unwrap_or_default().trim();
    match (gone.is_empty(), came.is_empty()) {
        (_, true) => (String::new(), false),
        (true, false) => (came.to_owned(), false),
        (false, false) => (now.trim().to_owned(), true),
    }
}

/// The touch a ticked entry logs, dated `today`: its action, then the
/// keywords `typed` on its line (the leading words of the keyword
/// table, as in a touch line), then the rest as the message; the action is
/// left out when a typed keyword names another channel (`email` typed on a
/// call). Nothing typed: `ACTION: from the agenda`. Words that are not
/// keywords are the message, never dropped; when nudge is unsure what was
/// typed, all of it is the message.
pub(super) fn ticked_touch(entry: &Entry, typed: &Typed, table: &Keywords, today: NaiveDate) -> TouchToLog {
    let mut keywords: Vec<String> = Vec::new();
    let mut channels = Vec::new();
    let mut rest = if typed.unsure { "" } else { typed.text.trim_start() };
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
    let text = if typed.unsure {
        typed.text.as_str()
    } else if typed.text.is_empty() {
        FROM_THE_AGENDA
    } else {
        text
    };
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
fn log_command(entry: &Entry, typed: &Typed, path: &str, table: &Keywords, today: NaiveDate) -> String {
    let touch = ticked_touch(entry, typed, table, today);
    let typed = touch.text.as_deref().filter(|_| !typed.text.is_empty());
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
