//! The vault's write lock: every command that edits notes holds it while it
//! reads a note and writes it back, so concurrent `nudge log` calls on one
//! contact keep every line.
//!
//! The lock is an exclusive advisory lock on the vault folder itself, not
//! on the note: a note is replaced by a rename, so a lock on it would be a
//! lock on the old file, which the next writer no longer sees. Locking the
//! folder leaves no lock file behind; the lock ends when the process does,
//! even when it is killed.

use std::fs::File;
use std::path::Path;

use crate::error::Error;

/// Proof that this process holds the vault's lock; dropping it unlocks.
#[derive(Debug)]
pub(crate) struct VaultLock {
    _folder: File,
}

impl VaultLock {
    /// Waits until no other nudge process edits the vault at `root`, then
    /// holds its lock. A process must not take it twice: the second call
    /// would wait forever.
    pub(crate) fn acquire(root: &Path) -> Result<Self, Error> {
        let failed = |source| Error::Io { action: "lock", path: root.to_path_buf(), source };
        let folder = File::open(root).map_err(failed)?;
        folder.lock().map_err(failed)?;
        Ok(Self { _folder: folder })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let held = VaultLock::acquire(dir.path()).unwrap();
        let other = File::open(dir.path()).unwrap();
        assert!(other.try_lock().is_err(), "held by the first");
        drop(held);
        assert!(other.try_lock().is_ok(), "free again");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no lock file");
    }
}
