//! `nudge undo [--list]`: take back the last command that edited notes
//! (docs/src/commands.md, "undo"), from the journal `log`, `snooze`, `new` and `sync`
//! keep. A file is put back only when it still holds what nudge wrote: a
//! change made since (by hand, by another tool) is never overwritten.

use crate::cli::UndoArgs;
use crate::commands::{Exit, Say, Session, agenda_file, print};
use crate::error::Error;
use crate::write::journal::{self, Entry, FileEdit};
use crate::write::{VaultLock, check_inside, write_in_vault};

/// Undoes the last journaled command, or lists the journal.
pub(super) fn run(session: &Session, args: &UndoArgs) -> Result<Exit, Error> {
    let root = &session.vault.root;
    if args.list {
        return list(session);
    }
    let lock = VaultLock::acquire(root)?;
    let mut entries = journal::read(root)?;
    let Some(last) = entries.pop() else {
        drop(lock);
        print("nothing to undo: no edit of nudge is recorded in this notes folder\n")?;
        return Ok(Exit::Problems);
    };
    let changed: Vec<&str> = last
        .files
        .iter()
        .filter(|file| !file.unchanged(current(session, file).as_deref()))
        .map(|file| file.path.as_str())
        .collect();
    if !changed.is_empty() {
        return Err(Error::ChangedSinceWritten {
            command: last.command.clone(),
            time: last.time.clone(),
            files: changed.into_iter().map(str::to_owned).collect(),
        });
    }
    let mut report = format!("undid `nudge {}` ({})\n", last.command, last.time);
    for file in last.files.iter().rev() {
        let path = root.join(&file.path);
        match &file.before {
            Some(before) => {
                write_in_vault(root, &path, &[before])?;
                report.push_str(&format!("restored {}\n", file.path));
            }
            None => {
                check_inside(root, &path)?;
                std::fs::remove_file(&path).map_err(|source| Error::Io { action: "delete", path, source })?;
                report.push_str(&format!("deleted  {} (it created it)\n", file.path));
            }
        }
    }
    journal::rewrite(root, &lock, &entries)?;
    drop(lock);
    session.say(Say::Out, &report)?;
    agenda_file::refresh(session, Say::Out);
    Ok(Exit::Success)
}

/// The bytes of `file` now; `None` when it cannot be read (gone).
fn current(session: &Session, file: &FileEdit) -> Option<Vec<u8>> {
    std::fs::read(session.vault.root.join(&file.path)).ok()
}

/// The journal, newest first: each command with its time and files, and
/// whether `undo` can take it back now.
fn list(session: &Session) -> Result<Exit, Error> {
    let entries = journal::read(&session.vault.root)?;
    if entries.is_empty() {
        print("nothing to undo: no edit of nudge is recorded in this notes folder\n")?;
        return Ok(Exit::Success);
    }
    let mut out = String::new();
    for (number, entry) in entries.iter().rev().enumerate() {
        out.push_str(&describe(session, number + 1, entry));
    }
    print(&out)?;
    Ok(Exit::Success)
}

/// One journal entry in words: `1  2026-12-03 07:12:05  nudge log dana vm`,
/// then its files, each said to be changed since when it is.
fn describe(session: &Session, number: usize, entry: &Entry) -> String {
    let mut out = format!("{number:>2}  {}  nudge {}\n", entry.time, entry.command);
    for file in &entry.files {
        let what = if file.before.is_none() { " (created)" } else { "" };
        let changed = if file.unchanged(current(session, file).as_deref()) { "" } else { ": changed since" };
        out.push_str(&format!("      {}{what}{changed}\n", file.path));
    }
    out
}
