//! The agenda kept (docs/src/performance.md, "Warm runs: the agenda
//! kept"): the last agenda made, in `.nudge/cache/kept-agenda`, with a key of
//! everything it was made from (the path and [`Stamp`] of every note, the
//! day, the settings, the template, the owner, this build of nudge). A
//! run whose key is the one kept prints it again without reading a note.
//!
//! It is used only when every note's times are older than the moment the
//! run that kept it started, by [`MARGIN`](super::MARGIN) (the parse cache's rule: a note
//! written within the timestamps' granularity of that run may have changed
//! without a new stamp), and when it reads whole (its checksum).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::Instant;

use xxhash_rust::xxh3::Xxh3;

use super::{Maker, older, prepare, started_by_file_clock, write_all};
use crate::discover::NoteFiles;
use crate::discover::open::{Stamp, open_regular};
use crate::problem::Problem;
use crate::write::{Content, replace_with};

/// The kept agenda, relative to the vault.
const FILE: &str = ".nudge/cache/kept-agenda";

const MAGIC: [u8; 8] = *b"nudge-ag";

/// The layout of the file; changed with it.
const FORMAT: u32 = 1;

/// Magic, format, key (16 bytes), stamp, length of what was said,
/// checksum (of the header before it and the rest of the file).
const HEADER: usize = 56;

/// The notes of a vault as a run found them, before reading any.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seen {
    /// A hash of every note's path and stamp, in path order, and of the
    /// problems of the walk.
    notes: u128,
    /// The latest modification or change time of a note.
    newest: i64,
    /// When the run began to look at them.
    started: Instant,
}

impl Seen {
    /// The notes `files`, with the stamp of each, and the walk's
    /// `problems`; `None` when a note has no stamp (not a regular file, or
    /// it could not be looked at): nothing is kept by such a vault.
    pub(crate) fn of(
        files: &NoteFiles,
        stamps: &[Option<Stamp>],
        problems: &[Problem],
        started: Instant,
    ) -> Option<Self> {
        let mut hash = Xxh3::new();
        let mut newest = i64::MIN;
        for (file, stamp) in files.iter().zip(stamps) {
            let stamp = stamp.as_ref()?;
            hash.update(file.relative.as_bytes());
            hash.update(&[0]);
            for field in [stamp.size, stamp.inode] {
                hash.update(&field.to_le_bytes());
            }
            for time in [stamp.modified, stamp.changed] {
                hash.update(&time.to_le_bytes());
                newest = newest.max(time);
            }
        }
        hash.update(format!("{problems:?}").as_bytes());
        Some(Self { notes: hash.digest128(), newest, started })
    }
}

/// What an agenda is made from besides the notes: the command's name and
/// every setting, day, template or owner it depends on, written out
/// (`Debug`) by the command; with this build of nudge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Inputs(u128);

impl Inputs {
    /// The inputs `described`, for this nudge (`maker`).
    pub(crate) fn new(maker: Maker, described: &str) -> Self {
        let mut hash = Xxh3::new();
        hash.update(&maker.build.to_le_bytes());
        hash.update(described.as_bytes());
        Self(hash.digest128())
    }
}

/// What an agenda is kept by: what it is made from besides the notes, and
/// the notes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key {
    inputs: Inputs,
    seen: Seen,
}

impl Key {
    /// The key of an agenda made from `inputs` and the notes `seen`.
    pub(crate) fn new(inputs: Inputs, seen: Seen) -> Self {
        Self { inputs, seen }
    }

    /// The key as written in the file.
    fn bytes(&self) -> [u8; 16] {
        let mut hash = Xxh3::new();
        hash.update(&self.inputs.0.to_le_bytes());
        hash.update(&self.seen.notes.to_le_bytes());
        hash.digest128().to_le_bytes()
    }

    /// The agenda kept by this key in the vault at `root`, when there is
    /// one that may be used; `None` for anything else (none, another key,
    /// notes too recent, a file that does not read whole).
    pub(crate) fn find(&self, root: &Path) -> Option<Kept> {
        find(root, self)
    }

    /// Keeps the agenda `pieces`, and what was said of it, by this key in
    /// the vault at `root`, unless the one kept is it already or a note is
    /// too recent for it to be used (by the system's clock: the file
    /// system's decides when it is read). Silent when it cannot be
    /// written, as the parse cache.
    pub(crate) fn keep(&self, root: &Path, said: &str, pieces: &[impl AsRef<[u8]>]) {
        let _ = keep(root, self, said, pieces);
    }
}

/// An agenda kept, as it was written and said: its text is read from the
/// file a part at a time as it is written out (it is as large as the
/// agenda: 28 MB at 100,000 contacts).
#[derive(Debug)]
pub(crate) struct Kept {
    /// What was said of it (`4 overdue, 1 today`).
    pub said: String,
    file: File,
    /// Where its text starts in the file, and its length.
    text: (u64, u64),
}

impl Content for Kept {
    fn length(&self) -> u64 {
        self.text.1
    }

    fn each_part(&self, take: &mut dyn FnMut(&[u8]) -> std::io::Result<bool>) -> std::io::Result<bool> {
        let mut file = &self.file;
        file.seek(SeekFrom::Start(self.text.0))?;
        each_part(file, self.text.1, take)
    }
}

/// Bytes read at once from a kept agenda.
const PART: usize = 256 * 1024;

/// Gives the next `length` bytes of `file` to `take`, a part at a time,
/// while it returns `true`; whether all were given. A file cut short is an
/// error.
fn each_part(
    mut file: &File,
    length: u64,
    take: &mut dyn FnMut(&[u8]) -> std::io::Result<bool>,
) -> std::io::Result<bool> {
    let mut buffer = vec![0; PART];
    let mut left = length;
    while left > 0 {
        let size = usize::try_from(left).map_or(PART, |left| left.min(PART));
        let Some(part) = buffer.get_mut(..size) else { return Err(std::io::ErrorKind::InvalidInput.into()) };
        file.read_exact(part)?;
        left -= part.len() as u64;
        if !take(part)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// See [`Key::find`].
fn find(root: &Path, key: &Key) -> Option<Kept> {
    let (mut file, size) = open_regular(&root.join(FILE), false).ok()??;
    let header = usable_header(&mut file, key)?;
    let field = |at: usize| Some(u64::from_le_bytes(header.get(at..at + 8)?.try_into().ok()?));
    let said_length = field(40)?;
    let text_length = size.checked_sub(HEADER as u64)?.checked_sub(said_length)?;
    let mut said = vec![0; usize::try_from(said_length).ok()?];
    file.read_exact(&mut said).ok()?;
    let mut body = Xxh3::new();
    body.update(&said);
    each_part(&file, text_length, &mut |part| {
        body.update(part);
        Ok(true)
    })
    .ok()?;
    if field(48)? != seal(header.get(..48)?, body.digest()) {
        return None;
    }
    let said = String::from_utf8(said).ok()?;
    Some(Kept { said, file, text: (HEADER as u64 + said_length, text_length) })
}

/// The header read from the start of `file` when it is one of an agenda
/// kept by `key` that may be used (its notes older than its stamp by the
/// margin); its checksum is not checked.
fn usable_header(file: &mut File, key: &Key) -> Option<[u8; HEADER]> {
    let mut header = [0u8; HEADER];
    file.read_exact(&mut header).ok()?;
    let ours =
        header.get(..8)? == MAGIC && header.get(8..12)? == FORMAT.to_le_bytes() && header.get(16..32)? == key.bytes();
    let stamp = i64::from_le_bytes(header.get(32..40)?.try_into().ok()?);
    (ours && older_than(&key.seen, stamp)).then_some(header)
}

/// Whether every note `seen` is older than `stamp` by [`MARGIN`](super::MARGIN).
fn older_than(seen: &Seen, stamp: i64) -> bool {
    older(&Stamp { modified: seen.newest, changed: seen.newest, ..Stamp::default() }, stamp)
}

/// See [`Key::keep`].
fn keep(root: &Path, key: &Key, said: &str, pieces: &[impl AsRef<[u8]>]) -> std::io::Result<()> {
    if !older_than(&key.seen, super::now()) {
        return Ok(());
    }
    let path = root.join(FILE);
    if let Ok(Some((mut file, _))) = open_regular(&path, false)
        && usable_header(&mut file, key).is_some()
    {
        return Ok(());
    }
    prepare(root, &path)?;
    let mut header = [0u8; HEADER];
    header[..8].copy_from_slice(&MAGIC);
    header[8..12].copy_from_slice(&FORMAT.to_le_bytes());
    header[16..32].copy_from_slice(&key.bytes());
    header[40..48].copy_from_slice(&(said.len() as u64).to_le_bytes());
    let mut body = Xxh3::new();
    body.update(said.as_bytes());
    for piece in pieces {
        body.update(piece.as_ref());
    }
    let body = body.digest();
    replace_with(&path, |file| {
        file.write_all(&header)?;
        write_all(file, std::iter::once(said.as_bytes()).chain(pieces.iter().map(AsRef::as_ref)))?;
        // When the run began to look at the notes, by the file system's clock.
        let started = started_by_file_clock(file, key.seen.started)?;
        header[32..40].copy_from_slice(&started.to_le_bytes());
        let sealed = seal(&header[..48], body);
        header[48..56].copy_from_slice(&sealed.to_le_bytes());
        file.rewind()?;
        file.write_all(&header)
    })
}

/// The checksum of a kept agenda: of its header before it and the hash of
/// the rest of the file.
fn seal(header: &[u8], body: u64) -> u64 {
    let mut hash = Xxh3::new();
    hash.update(header);
    hash.update(&body.to_le_bytes());
    hash.digest()
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::discover::Config;

    /// The key of an agenda made on `day` from one note, last written
    /// `age` nanoseconds ago.
    fn key(day: &str, age: i64) -> Key {
        let now = super::super::now();
        let stamp = Stamp { size: 10, modified: now - age, changed: now - age, inode: 3 };
        let files = NoteFiles::below(Path::new(""), &["a.md"]);
        let seen = Seen::of(&files, &[Some(stamp)], &[], Instant::now());
        let maker = Maker::new(&Config::default());
        Key::new(Inputs::new(maker, day), seen.unwrap())
    }

    const OLD: i64 = 5_000_000_000;

    #[test]
    fn an_agenda_kept_is_found_by_its_key_only() {
        let root = tempfile::tempdir().unwrap();
        let kept = key("2026-11-25", OLD);
        kept.keep(root.path(), "1 overdue", &["# Agenda\n", "- [ ] Ana\n"]);
        let found = kept.find(root.path()).unwrap();
        let mut text = Vec::new();
        crate::write::write_pieces(&mut text, &found).unwrap();
        assert_eq!((found.said.as_str(), text.as_slice()), ("1 overdue", &b"# Agenda\n- [ ] Ana\n"[..]));
        assert!(key("2026-11-26", OLD).find(root.path()).is_none(), "another day");
        assert!(key("2026-11-25", OLD + 1).find(root.path()).is_none(), "the note written again");
    }

    #[test]
    fn an_agenda_made_from_notes_written_within_the_margin_is_not_kept() {
        let root = tempfile::tempdir().unwrap();
        key("2026-11-25", 1_000_000_000).keep(root.path(), "", &["# Agenda\n"]);
        assert!(!root.path().join(FILE).exists());
    }

    #[test]
    fn an_agenda_kept_that_does_not_read_whole_is_not_used() {
        let root = tempfile::tempdir().unwrap();
        let kept = key("2026-11-25", OLD);
        kept.keep(root.path(), "1 overdue", &["# Agenda\n- [ ] Ana\n"]);
        let path = root.path().join(FILE);
        let whole = std::fs::read(&path).unwrap();
        for at in [0, 20, 36, 44, 50, HEADER + 1, whole.len() - 1] {
            let mut changed = whole.clone();
            changed[at] ^= 1;
            std::fs::write(&path, &changed).unwrap();
            assert!(kept.find(root.path()).is_none(), "byte {at} changed");
        }
        for length in [0, HEADER - 1, HEADER + 3, whole.len() - 1] {
            std::fs::write(&path, &whole[..length]).unwrap();
            assert!(kept.find(root.path()).is_none(), "cut at {length}");
        }
        std::fs::write(&path, &whole).unwrap();
        assert!(kept.find(root.path()).is_some());
    }
}
