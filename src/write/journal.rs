//! The undo journal (docs/src/commands.md, "undo"): for each command that edited notes
//! (`log`, `snooze`, `new`, `sync`), one line of JSON in
//! `.nudge/undo.jsonl`: when, the command line, and for each file its
//! content before (or none: the command created it) and the fingerprint of
//! the content it wrote. `nudge undo` puts the files back when they still
//! hold what nudge wrote. The last [`KEPT`] commands are kept. The journal
//! holds copies of notes: `.nudge/.gitignore` keeps it out of git.

use std::cell::RefCell;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::discover::read::fingerprint;
use crate::error::Error;
use crate::write::{VaultLock, write_in_vault, write_new};

/// The journal, relative to the vault.
pub(crate) const JOURNAL: &str = ".nudge/undo.jsonl";

/// The `.gitignore` beside it, relative to the vault.
const GITIGNORE: &str = ".nudge/.gitignore";

/// What `.gitignore` says: the journal only, so templates in `.nudge/`
/// can still be committed.
const IGNORED: &str = "# nudge's undo journal holds copies of your notes: keep it out of git\nundo.jsonl\n";

/// How many commands the journal keeps.
pub(crate) const KEPT: usize = 50;

/// One command's edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// When it ran: `2026-12-03 07:12:05`, local time.
    pub time: String,
    /// Its command line, after `nudge`.
    pub command: String,
    /// The files it wrote, in the order written.
    pub files: Vec<FileEdit>,
}

/// One file a command wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileEdit {
    /// The file, relative to the vault.
    pub path: String,
    /// Its content before; `None` when the command created it.
    pub before: Option<String>,
    /// The fingerprint of the content written (16 hex digits).
    pub after: String,
}

impl FileEdit {
    /// `path` went from `before` (`None`: it did not exist) to `after`.
    pub(crate) fn new(path: &str, before: Option<&str>, after: &[u8]) -> Self {
        Self { path: path.to_owned(), before: before.map(str::to_owned), after: hash(after) }
    }

    /// Whether the file holds `now` (`None`: it is gone) as nudge wrote it.
    pub(crate) fn unchanged(&self, now: Option<&[u8]>) -> bool {
        now.is_some_and(|now| hash(now) == self.after)
    }
}

/// The fingerprint of `bytes` as 16 hex digits.
fn hash(bytes: &[u8]) -> String {
    fingerprint(bytes).to_string()
}

/// The edits of the command running, journaled when it ends.
#[derive(Debug, Default)]
pub(crate) struct Pending(RefCell<Vec<FileEdit>>);

impl Pending {
    /// Notes that `edit` was written. A file written twice keeps its first
    /// `before` and its last `after`.
    pub(crate) fn push(&self, edit: FileEdit) {
        let mut edits = self.0.borrow_mut();
        match edits.iter_mut().find(|earlier| earlier.path == edit.path) {
            Some(earlier) => earlier.after = edit.after,
            None => edits.push(edit),
        }
    }

    /// The edits noted so far, leaving none.
    pub(crate) fn take(&self) -> Vec<FileEdit> {
        self.0.take()
    }
}

/// The journal's entries, oldest first; none when there is no journal.
/// Lines that do not read (a journal edited by hand) are left out.
pub(crate) fn read(root: &Path) -> Result<Vec<Entry>, Error> {
    let path = root.join(JOURNAL);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::Io { action: "read", path, source }),
    };
    Ok(text.lines().filter_map(|line| serde_json::from_str(line).ok()).collect())
}

/// Adds `entry` to the journal, keeping the last [`KEPT`].
pub(crate) fn append(root: &Path, lock: &VaultLock, entry: Entry) -> Result<(), Error> {
    let mut entries = read(root)?;
    entries.push(entry);
    let extra = entries.len().saturating_sub(KEPT);
    entries.drain(..extra);
    rewrite(root, lock, &entries)
}

/// Writes the journal with `entries` (the vault being locked), creating
/// `.nudge/` and its `.gitignore` when needed.
pub(crate) fn rewrite(root: &Path, _lock: &VaultLock, entries: &[Entry]) -> Result<(), Error> {
    let folder = root.join(".nudge");
    std::fs::create_dir_all(&folder).map_err(|source| Error::Io { action: "create", path: folder, source })?;
    let gitignore = root.join(GITIGNORE);
    if std::fs::symlink_metadata(&gitignore).is_err() {
        match write_new(&gitignore, IGNORED.as_bytes()) {
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {}
            other => other?,
        }
    }
    let mut lines = Vec::with_capacity(entries.len());
    for entry in entries {
        let line = serde_json::to_string(entry).map_err(Error::Journal)?;
        lines.push(line + "\n");
    }
    write_in_vault(root, &root.join(JOURNAL), &lines)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(number: usize) -> Entry {
        Entry {
            time: "2026-12-03 07:12:05".to_owned(),
            command: format!("log dana call {number}"),
            files: vec![FileEdit::new("people/dana.md", Some("before\n"), b"after\n")],
        }
    }

    #[test]
    fn the_journal_keeps_the_last_commands_and_stays_out_of_git() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert_eq!(read(root).unwrap(), []);
        let lock = VaultLock::acquire(root).unwrap();
        for number in 0..KEPT + 3 {
            append(root, &lock, entry(number)).unwrap();
        }
        let entries = read(root).unwrap();
        assert_eq!(entries.len(), KEPT);
        assert_eq!(entries[0], entry(3));
        assert_eq!(entries[KEPT - 1], entry(KEPT + 2));
        assert_eq!(std::fs::read_to_string(root.join(GITIGNORE)).unwrap(), IGNORED);
        assert!(entries[0].files[0].unchanged(Some(b"after\n")));
        assert!(!entries[0].files[0].unchanged(Some(b"after, edited\n")));
        assert!(!entries[0].files[0].unchanged(None));
    }

    #[test]
    fn a_file_written_twice_by_one_command_is_one_edit() {
        let pending = Pending::default();
        pending.push(FileEdit::new("a.md", Some("one"), b"two"));
        pending.push(FileEdit::new("b.md", None, b"new"));
        pending.push(FileEdit::new("a.md", Some("two"), b"three"));
        let edits = pending.take();
        assert_eq!(edits, [FileEdit::new("a.md", Some("one"), b"three"), FileEdit::new("b.md", None, b"new")]);
        assert_eq!(pending.take(), []);
    }
}
