//! Reading a note file: its bytes, whole, in one system call for nearly
//! every note (see [`NoteReader`]), and its [`Fingerprint`].

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use crate::discover::NoteRef;
use crate::discover::config::human_size;
use crate::discover::open::{NoteOpener, Stamp, regular_size};
use crate::model::span::Span;
use crate::problem::Problem;

/// What a task that reads notes one after the other keeps between them:
/// the folder open ([`NoteOpener`]), and one buffer for the notes' bytes
/// (a note is parsed from it and the buffer read into again: no
/// allocation per note, and memory the cache already holds). The buffer
/// is the thread's (`READ_BUFFER`): taken when a task starts, given back
/// when it ends.
#[derive(Debug)]
pub(crate) struct NoteReader {
    opener: NoteOpener,
    bytes: Vec<u8>,
}

thread_local! {
    /// The read buffer of the [`NoteReader`]s of this thread, between tasks: a
    /// task's own would be freed at its end, and freeing a buffer of tens
    /// of kilobytes makes the allocator tidy all its small free blocks
    /// (`malloc_consolidate`), hundreds of times a run.
    static READ_BUFFER: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

impl Default for NoteReader {
    fn default() -> Self {
        Self { opener: NoteOpener::default(), bytes: READ_BUFFER.take() }
    }
}

impl NoteReader {
    /// Reads a note as [`read_note`] does, into the buffer: its bytes, or
    /// `Ok(None)` when it is no contact after all.
    pub(crate) fn read(&mut self, file: NoteRef<'_>, max_size: u64) -> Result<Option<&[u8]>, Problem> {
        Ok(read_note_into(&mut self.opener, &mut self.bytes, file, max_size, None)?.then_some(self.bytes.as_slice()))
    }

    /// [`NoteReader::read`], with the note's [`Stamp`] as it was before it was
    /// read (`None` when it has none): one `fstat` of the file opened.
    pub(crate) fn read_stamped(&mut self, file: NoteRef<'_>, max_size: u64) -> Result<Option<Stamped<'_>>, Problem> {
        let mut stamp = None;
        let read = read_note_into(&mut self.opener, &mut self.bytes, file, max_size, Some(&mut stamp))?;
        Ok(read.then_some((self.bytes.as_slice(), stamp)))
    }

    /// The [`Stamp`] of a note, without reading it: see [`NoteOpener::stamp`].
    pub(crate) fn stamp(&mut self, file: NoteRef<'_>) -> std::io::Result<Option<Stamp>> {
        self.opener.stamp(file)
    }
}

/// A note's bytes, and its [`Stamp`] before they were read (`None`: it has
/// none).
pub(crate) type Stamped<'a> = (&'a [u8], Option<Stamp>);

impl Drop for NoteReader {
    fn drop(&mut self) {
        READ_BUFFER.set(std::mem::take(&mut self.bytes));
    }
}

/// A note file as read: its bytes and its [`fingerprint`].
#[derive(Debug)]
pub(crate) struct ReadNote {
    /// The whole file.
    pub bytes: Vec<u8>,
    /// A hash of its bytes: see [`fingerprint`].
    pub fingerprint: Fingerprint,
}

/// Reads a note file: its bytes; see [`read_note`].
pub(crate) fn read_note_bytes(file: NoteRef<'_>, max_size: u64) -> Result<Option<Vec<u8>>, Problem> {
    Ok(read_note(file, max_size)?.map(|read| read.bytes))
}

/// Reads a note file and fingerprints it. `Ok(None)` when it is no contact
/// after all: not a regular file any more (a FIFO is never waited on, a
/// symlink never followed), or bigger than `max_size` without front matter.
/// A note bigger than `max_size` is an error, read no further than that.
/// (A FIFO put in a note's place after the walk, with a writer on the
/// other end, is read for what it holds at once: it is only known for what
/// it is when nothing comes.)
pub(crate) fn read_note(file: NoteRef<'_>, max_size: u64) -> Result<Option<ReadNote>, Problem> {
    let mut bytes = Vec::new();
    Ok(read_note_into(&mut NoteOpener::default(), &mut bytes, file, max_size, None)?
        .then(|| ReadNote { fingerprint: fingerprint(&bytes), bytes }))
}

/// [`read_note`] into `bytes` (emptied first), opening the note relative
/// to its folder (see [`NoteOpener`]); `Ok(false)` when it is no contact
/// after all. When asked, `stamp` is set to the file's [`Stamp`] once it
/// is open, before it is read.
fn read_note_into(
    opener: &mut NoteOpener,
    bytes: &mut Vec<u8>,
    file: NoteRef<'_>,
    max_size: u64,
    stamp: Option<&mut Option<Stamp>>,
) -> Result<bool, Problem> {
    if COUNTING.load(Ordering::Relaxed) {
        count_read(&file.path());
    }
    let cannot = |error: std::io::Error| {
        Problem::error(file.relative, Span::START, format!("cannot read this file: {error}; check its permissions"))
    };
    let too_big = |size: u64| {
        let (mut size_words, mut limit_words) = (human_size(size), human_size(max_size));
        if size_words == limit_words {
            (size_words, limit_words) = (format!("{size} bytes"), format!("{max_size} bytes"));
        }
        let message = format!(
            "the note is {size_words}, more than the {limit_words} a note may have: not read; split it, exclude it in nudge.yaml, or raise `max_file_size` there"
        );
        Problem::error(file.relative, Span::START, message)
    };
    bytes.clear();
    let handle = opener.open(file).map_err(cannot)?;
    if let Some(stamp) = stamp {
        *stamp = Stamp::of_open(&handle);
    }
    let limit = usize::try_from(max_size).unwrap_or(usize::MAX).saturating_add(1);
    let read = read_up_to(&handle, bytes, limit);
    // Nearly every note: read whole in one system call, and no other.
    if matches!(read, Ok(length) if length > 0 && length < limit) {
        return Ok(true);
    }
    // Nothing read, the limit reached, or an error: what was opened says
    // what that means (a FIFO or a device is no note; an empty file is one).
    let Some(size) = regular_size(&handle).map_err(cannot)? else {
        return Ok(false);
    };
    let length = read.map_err(cannot)?;
    if length >= limit || size > max_size {
        if !starts_with_front_matter(bytes) {
            return Ok(false);
        }
        return Err(too_big(size.max(u64::try_from(length).unwrap_or(u64::MAX))));
    }
    Ok(true)
}

/// The first read of a note asks for this much at least (the buffer is
/// kept, so only the first notes of a thread grow it).
const FIRST_READ: usize = 64 * 1024;

/// The most one `read` returns on Linux: a shorter read than asked is the
/// end of the file only below it.
const LONGEST_READ: usize = 0x7fff_f000;

/// Reads `file` into `bytes` up to its end or to `limit` bytes (a little
/// more when the buffer kept from earlier notes has room for more); the
/// length read. A regular
/// file read for more than it has left returns what it has left (POSIX), so
/// a shorter read than asked is its end: a note takes one `read`, not a
/// second one to find that nothing follows.
fn read_up_to(file: &std::fs::File, bytes: &mut Vec<u8>, limit: usize) -> std::io::Result<usize> {
    loop {
        if bytes.len() >= limit {
            return Ok(bytes.len());
        }
        if bytes.len() == bytes.capacity() {
            bytes.reserve_exact(bytes.capacity().max(FIRST_READ).min(limit - bytes.len()));
        }
        let asked = bytes.capacity() - bytes.len();
        match rustix::io::read(file, rustix::buffer::spare_capacity(bytes)) {
            Ok(0) => return Ok(bytes.len()),
            Ok(read) if read < asked.min(LONGEST_READ) => return Ok(bytes.len()),
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(error) => return Err(error.into()),
        }
    }
}

/// What identifies a note's content: the XXH3-64 hash of its bytes,
/// shown as 16 lowercase hex digits. The same bytes give the same
/// fingerprint on every machine and checkout (modification times play no
/// part), so the agenda depends on the notes alone; a file edited since
/// almost surely has another fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(u64);

impl Fingerprint {
    /// The 16 lowercase hex digits, as ASCII bytes.
    pub fn hex(self) -> [u8; 16] {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut hex = [b'0'; 16];
        for (place, digit) in hex.iter_mut().rev().enumerate() {
            let nibble = (self.0 >> (4 * place)) & 0xF;
            *digit = DIGITS.get(usize::try_from(nibble).unwrap_or(0)).copied().unwrap_or(b'0');
        }
        hex
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(std::str::from_utf8(&self.hex()).unwrap_or_default())
    }
}

impl From<Fingerprint> for u64 {
    fn from(fingerprint: Fingerprint) -> Self {
        fingerprint.0
    }
}

impl From<u64> for Fingerprint {
    fn from(hash: u64) -> Self {
        Self(hash)
    }
}

/// The [`Fingerprint`] of a note's bytes.
pub fn fingerprint(bytes: &[u8]) -> Fingerprint {
    Fingerprint(xxhash_rust::xxh3::xxh3_64(bytes))
}

/// Whether the raw bytes of a file start with a front matter line `---`
/// (after an optional UTF-8 byte order mark): the cheap test for "is this a
/// contact", made before anything else is read or decoded.
pub(crate) fn starts_with_front_matter(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    is_delimiter(first_line, b"---")
}

/// Whether `line` closes a front matter: `---` or `...`, then only spaces.
pub(crate) fn is_closing_line(line: &str) -> bool {
    is_delimiter(line.as_bytes(), b"---") || is_delimiter(line.as_bytes(), b"...")
}

/// Whether `line` is `delimiter` then only spaces.
pub(crate) fn is_delimiter(line: &[u8], delimiter: &[u8]) -> bool {
    line.strip_prefix(delimiter).is_some_and(|rest| rest.iter().all(u8::is_ascii_whitespace))
}

/// The bytes as text, or an error at the first bytes that are not UTF-8
/// (its source the bytes with each bad run shown as `�`: the text before
/// them, where the line and column are counted, is the file's).
pub(crate) fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Problem> {
    // Every note is checked: the vector check when the bytes are valid (all
    // but a broken file), the standard one to find where they are not.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let bad = Span::of_len(error.valid_up_to(), error.error_len().unwrap_or(1));
            let message = "the file is not valid UTF-8 (the first bad byte is here): save it as UTF-8";
            let mut problem = Problem::error(file, bad, message);
            problem.source = Some(String::from_utf8_lossy(bytes).into());
            Err(problem)
        }
    }
}

/// Whether reads are counted ([`count_reads_under`]): one load of a flag
/// per note when they are not.
static COUNTING: AtomicBool = AtomicBool::new(false);

/// The folders whose note reads are counted, and how many there were
/// (tests running at once count their own).
static COUNTED: Mutex<Vec<(PathBuf, usize)>> = Mutex::new(Vec::new());

/// Counts the note files read below `root` from now on (from zero), for
/// tests ([`crate::testing`]): a command that reads a note twice shows it.
pub fn count_reads_under(root: &Path) {
    let mut counted = COUNTED.lock().unwrap_or_else(PoisonError::into_inner);
    counted.retain(|(counted, _)| counted != root);
    counted.push((root.to_path_buf(), 0));
    COUNTING.store(true, Ordering::Relaxed);
}

/// How many note files were read below `root` since
/// [`count_reads_under`] was called for it.
pub fn reads_counted(root: &Path) -> usize {
    let counted = COUNTED.lock().unwrap_or_else(PoisonError::into_inner);
    counted.iter().find(|(counted, _)| counted == root).map_or(0, |(_, count)| *count)
}

/// Counts one read of the note at `path` (whole, or its first lines) when
/// reads below its folder are counted.
pub(crate) fn count_read(path: &Path) {
    if !COUNTING.load(Ordering::Relaxed) {
        return;
    }
    let mut counted = COUNTED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, count)) = counted.iter_mut().find(|(root, _)| path.starts_with(root)) {
        *count += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::NoteFile;

    #[test]
    fn notes_are_read_whole_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let note = |name: &str, length: usize| {
            let path = dir.path().join(name);
            let text: Vec<u8> = b"---\nname: A\n---\n".iter().copied().cycle().take(length).collect();
            std::fs::write(&path, &text).unwrap();
            (NoteFile { relative: name.to_owned(), path }, text)
        };
        let mut bytes = Vec::new();
        let mut opener = NoteOpener::default();
        let mut read = |file: &NoteFile, max_size: u64| {
            read_note_into(&mut opener, &mut bytes, file.borrowed(), max_size, None).map(|ok| ok.then(|| bytes.clone()))
        };
        // Several reads for a note longer than the first read asks for.
        let (long, text) = note("long.md", 3 * FIRST_READ + 7);
        assert_eq!(read(&long, 10_000_000), Ok(Some(text)));
        // The limit itself is allowed; a byte more is not.
        let (at_limit, text) = note("at.md", 1000);
        assert_eq!(read(&at_limit, 1000), Ok(Some(text)));
        let error = read(&at_limit, 999).unwrap_err();
        assert!(error.message.starts_with("the note is 1 KB, more than the 999 bytes"), "{}", error.message);
        // An empty note is a file without front matter; a folder is none.
        let (empty, _) = note("empty.md", 0);
        assert_eq!(read(&empty, 1000), Ok(Some(Vec::new())));
        let folder = NoteFile { relative: "sub.md".to_owned(), path: dir.path().join("sub.md") };
        std::fs::create_dir(&folder.path).unwrap();
        assert!(matches!(read(&folder, 1000), Ok(None) | Err(_)));
    }

    #[test]
    fn fingerprints_are_sixteen_lowercase_hex_digits() {
        for hash in [0, 0xFF, 0x0123_4567_89AB_CDEF, u64::MAX] {
            assert_eq!(Fingerprint(hash).to_string(), format!("{hash:016x}"));
        }
    }
}
