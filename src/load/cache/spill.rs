//! New entries of the parse cache written to a temporary file as they are
//! made: a run that reads every note (the first one, or after the cache was
//! thrown away) would else hold them all until the cache is written, about
//! 100 MB at 100,000 notes. Each task fills a block of the file of its
//! own, written in one system call when it is full or the task ends; the
//! cache is then written with the blocks' bytes copied by the kernel.
//! Where there is no positioned write (not Unix), entries stay in memory.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::{FILE, FOLDER, copy_range, prepare, read_at};

/// The bytes of a new entry: in memory, or written to the [`Spill`].
#[derive(Debug)]
pub(crate) enum Bytes {
    /// In memory.
    Here(Vec<u8>),
    /// In the spill file: where, and how many.
    Spilled(u64, usize),
}

impl Bytes {
    /// How many bytes the entry has.
    pub(crate) fn len(&self) -> usize {
        match self {
            Self::Here(bytes) => bytes.len(),
            Self::Spilled(_, length) => *length,
        }
    }
}

/// The temporary file new entries are written to, made when the first is
/// (in the cache's folder: nothing is written outside the vault), removed
/// by the system when the run ends.
#[derive(Debug)]
pub(crate) struct Spill {
    root: PathBuf,
    file: OnceLock<Option<File>>,
    /// Where the next block starts.
    end: AtomicU64,
    /// Whether a block could not be written: then the cache is not.
    failed: AtomicBool,
}

/// Bytes a task's block holds (more for an entry larger than that).
const BLOCK: usize = 256 * 1024;

impl Spill {
    /// The spill of a run over the vault at `root`.
    pub(crate) fn new(root: &Path) -> Self {
        Self { root: root.to_path_buf(), file: OnceLock::new(), end: AtomicU64::new(0), failed: AtomicBool::new(false) }
    }

    /// The file, made on first use; `None` when it cannot be.
    fn file(&self) -> Option<&File> {
        self.file
            .get_or_init(|| {
                if !cfg!(unix) {
                    return None;
                }
                prepare(&self.root, &self.root.join(FILE)).ok()?;
                tempfile::tempfile_in(self.root.join(FOLDER)).ok()
            })
            .as_ref()
    }

    /// Whether every block was written.
    pub(crate) fn whole(&self) -> bool {
        !self.failed.load(Ordering::Relaxed)
    }

    /// The bytes `bytes` stands for, read into `buffer` when spilled.
    pub(crate) fn bytes<'b>(&self, bytes: &'b Bytes, buffer: &'b mut Vec<u8>) -> Option<&'b [u8]> {
        match bytes {
            Bytes::Here(bytes) => Some(bytes),
            Bytes::Spilled(at, length) => {
                buffer.resize(*length, 0);
                read_at(self.file()?, buffer, *at)?;
                Some(buffer)
            }
        }
    }

    /// The spilled bytes from `start` to `end` copied to the end of `out`.
    pub(crate) fn copy(&self, range: (u64, u64), out: &mut File) -> std::io::Result<()> {
        copy_range(self.file().ok_or(std::io::ErrorKind::NotFound)?, range, out)
    }
}

/// A task's block of the [`Spill`]: the entries it made last, written
/// when it is full and when the task ends.
#[derive(Debug)]
pub(crate) struct Spiller<'s> {
    spill: &'s Spill,
    block: Vec<u8>,
    /// Where the block starts in the file, and how many bytes it may hold.
    start: u64,
    room: usize,
}

impl<'s> Spiller<'s> {
    /// A task's writer to `spill`.
    pub(crate) fn new(spill: &'s Spill) -> Self {
        Self { spill, block: Vec::new(), start: 0, room: 0 }
    }

    /// Moves `bytes` into the spill file (when there is one), leaving where
    /// they are in their place.
    pub(crate) fn spill(&mut self, bytes: &mut Bytes) {
        let Bytes::Here(here) = bytes else { return };
        if self.spill.file().is_none() {
            return;
        }
        if self.block.len() + here.len() > self.room {
            self.write();
            self.room = BLOCK.max(here.len());
            self.start = self.spill.end.fetch_add(self.room as u64, Ordering::Relaxed);
        }
        let at = self.start + self.block.len() as u64;
        self.block.extend_from_slice(here);
        *bytes = Bytes::Spilled(at, here.len());
    }

    /// Writes the block, when it holds anything.
    fn write(&mut self) {
        if self.block.is_empty() {
            return;
        }
        let written = self.spill.file().and_then(|file| write_at(file, &self.block, self.start));
        if written.is_none() {
            self.spill.failed.store(true, Ordering::Relaxed);
        }
        self.block.clear();
    }
}

impl Drop for Spiller<'_> {
    fn drop(&mut self) {
        self.write();
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> Option<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset).ok()
}

#[cfg(not(unix))]
fn write_at(_file: &File, _bytes: &[u8], _offset: u64) -> Option<()> {
    None
}
