//! The parse cache (docs/src/performance.md, "Warm runs"): what the parse
//! stage made of each note, kept in `.nudge/cache/parsed` by the note's
//! path and [`Stamp`], so that a run over an unchanged vault looks at each
//! note's `lstat` instead of reading and parsing it. Derivation is not
//! cached: it depends on the day.
//!
//! A note's entry is used only when its stamp (size, modification and
//! change times in nanoseconds, inode) is the one recorded, and both times
//! are older than the moment the run that wrote the cache started, by
//! [`MARGIN`] (a note written while that run read it, or within the
//! timestamps' granularity of it, is read again; so is one dated in the
//! future). A cache of another nudge (version or build), of other settings
//! that reading depends on (keywords, `contacts:`, `max_file_size`), or
//! that does not read whole (checksum, truncation, another format) is not
//! used, and written again. Writing it is an optimisation: a folder that
//! cannot be written, or a write that fails, is silent.

mod format;
pub(crate) mod memo;
mod spill;

use std::fs::File;
use std::io::{IoSlice, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::{Instant, SystemTime};

pub(crate) use format::{Record, parsed};
use spill::Bytes;
pub(crate) use spill::{Spill, Spiller};

use crate::discover::Config;
use crate::discover::open::{Stamp, open_regular};
use crate::model::span::Span;
use crate::parse::Parsed;
use crate::problem::{Problem, attach_source};
use crate::write::{check_inside, replace_with, write_new};

/// The cache's folder, relative to the vault.
pub(crate) const FOLDER: &str = ".nudge/cache";

/// The cache file, relative to the vault.
pub(crate) const FILE: &str = ".nudge/cache/parsed";

/// The `.gitignore` of the cache's folder, relative to the vault.
const GITIGNORE: &str = ".nudge/cache/.gitignore";

/// What it says: everything. The cache holds what the notes hold (names,
/// emails, phones, touches) and is made again when missing.
const IGNORE_ALL: &str =
    "# nudge's parse cache: what your notes hold, made again when missing; keep it out of git\n*\n";

const MAGIC: [u8; 8] = *b"nudge-pc";

/// The layout of the file; changed with it.
const FORMAT: u32 = 4;

/// Magic, format, record count, build, settings, stamp, index length,
/// checksum (of the header before it and the index).
const HEADER: usize = 56;

/// How much older than the cache's stamp a note's times must be for its
/// entry to be used: more than the coarsest timestamps of a file system
/// nudge may find notes on (FAT's 2 seconds; ext4, btrfs, XFS and APFS
/// keep nanoseconds, with a clock of a few milliseconds).
pub(crate) const MARGIN: i64 = 2_000_000_000;

/// Entries a task reads at once: a run of notes in path order is a run of
/// entries in the file, read in one system call.
const WINDOW_ENTRIES: usize = 256;

/// Bytes a task reads at once, at most (unless one entry is longer).
const WINDOW_BYTES: u64 = 1 << 20;

/// What a cache must have been made by to be used: this nudge (its version
/// and build: a rebuilt binary may read notes otherwise) and the settings
/// reading depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Maker {
    build: u64,
    settings: u64,
}

impl Maker {
    /// This nudge, reading notes with `config`.
    pub(crate) fn new(config: &Config) -> Self {
        let executable = std::env::current_exe().and_then(std::fs::metadata).ok();
        let built = executable.as_ref().map(|file| (file.len(), file.modified().ok().map(nanoseconds)));
        let build = format!("{} {FORMAT} {built:?}", env!("CARGO_PKG_VERSION"));
        let settings = format!("{:?} {:?} {}", config.keywords, config.contacts.selection, config.max_file_size);
        Self { build: xxh3(build.as_bytes()), settings: xxh3(settings.as_bytes()) }
    }
}

/// The cache file of a vault, open, its header and index read and checked
/// (the entries are read when needed, by [`Index::entry`]).
#[derive(Debug)]
pub(crate) struct Cache {
    file: File,
    /// When the run that wrote it started, by the file system's clock.
    stamp: i64,
    count: usize,
    index: Vec<u8>,
    /// Where the entries start, and their length.
    data: (u64, u64),
}

impl Cache {
    /// Opens the cache file of the vault at `root` (a regular file: a
    /// symlink is not followed) when `maker` made it; `None` for anything
    /// else (none yet, another nudge's, a header or index that does not
    /// read whole), never a panic.
    pub(crate) fn open(root: &Path, maker: Maker) -> Option<Self> {
        let (mut file, size) = open_regular(&root.join(FILE), false).ok()??;
        let mut header = [0u8; HEADER];
        file.read_exact(&mut header).ok()?;
        let field = |at: usize| Some(u64::from_le_bytes(header.get(at..at + 8)?.try_into().ok()?));
        let made_here = header.get(..8)? == MAGIC
            && header.get(8..12)? == FORMAT.to_le_bytes()
            && field(16)? == maker.build
            && field(24)? == maker.settings;
        let index_length = field(40)?;
        let data_start = (HEADER as u64).checked_add(index_length)?;
        if !made_here || data_start > size {
            return None;
        }
        let mut index = vec![0; usize::try_from(index_length).ok()?];
        file.read_exact(&mut index).ok()?;
        if field(48)? != checksum(header.get(..48)?, &index) {
            return None;
        }
        let count = usize::try_from(u32::from_le_bytes(header.get(12..16)?.try_into().ok()?)).ok()?;
        let stamp = i64::from_le_bytes(header.get(32..40)?.try_into().ok()?);
        Some(Self { file, stamp, count, index, data: (data_start, size - data_start) })
    }
}

/// The records of a cache, found by path. Each is read from the index's
/// bytes when asked for (a few varints): a list of them read beforehand
/// would be 7 MB more to fill at 100,000 notes.
#[derive(Debug)]
pub(crate) struct Index<'a> {
    cache: &'a Cache,
    /// Where each record starts in the index, in path order.
    starts: Vec<u32>,
    /// Where each record's entry starts among the entries.
    offsets: Vec<u64>,
}

impl<'a> Index<'a> {
    /// The records of `cache`, when they read whole and in order.
    pub(crate) fn new(cache: &'a Cache) -> Option<Self> {
        let mut starts = Vec::with_capacity(cache.count.min(cache.index.len() / 8));
        let mut offsets = Vec::with_capacity(starts.capacity());
        let mut rest = cache.index.as_slice();
        let mut offset = 0u64;
        let mut last: Option<&[u8]> = None;
        while !rest.is_empty() {
            starts.push(u32::try_from(cache.index.len() - rest.len()).ok()?);
            let (record, after) = Record::read(rest)?;
            if last.is_some_and(|last| last >= record.path) {
                return None;
            }
            offsets.push(offset);
            offset = offset.checked_add(u64::try_from(record.length).ok()?)?;
            last = Some(record.path);
            rest = after;
        }
        (starts.len() == cache.count && offset == cache.data.1).then_some(Self { cache, starts, offsets })
    }

    /// Where the record of the note at `path` is; `hint` first (the one
    /// after the last found: notes come in path order).
    pub(crate) fn find(&self, path: &str, hint: usize) -> Option<usize> {
        let path = path.as_bytes();
        if self.record(hint).is_some_and(|record| record.path == path) {
            return Some(hint);
        }
        // Every record read when the index was made: `Less` is never taken.
        let order =
            |&start: &u32| self.record_at(start).map_or(std::cmp::Ordering::Less, |record| record.path.cmp(path));
        self.starts.binary_search_by(order).ok()
    }

    /// The record at `at`.
    pub(crate) fn record(&self, at: usize) -> Option<Record<'a>> {
        self.record_at(*self.starts.get(at)?)
    }

    /// The record that starts at `start` in the index.
    fn record_at(&self, start: u32) -> Option<Record<'a>> {
        let index: &'a [u8] = &self.cache.index;
        Record::read(index.get(usize::try_from(start).ok()?..)?).map(|(record, _)| record)
    }

    /// The entry of the record at `at`, read into `window` (with the
    /// entries after it) unless it holds it already; `None` when it cannot
    /// be read or its checksum differs.
    pub(crate) fn entry<'w>(&self, at: usize, window: &'w mut Window) -> Option<&'w [u8]> {
        let record = self.record(at)?;
        let start = *self.offsets.get(at)?;
        if !(window.first..window.end).contains(&at) {
            self.fill(at, window)?;
        }
        let from = usize::try_from(start - window.offset).ok()?;
        let entry = window.bytes.get(from..from.checked_add(record.length)?)?;
        (xxhash_rust::xxh3::xxh3_64(entry) == record.checksum).then_some(entry)
    }

    /// The entry of the record at `at` alone, read into `bytes`; `None` as
    /// for [`Index::entry`].
    fn entry_alone<'b>(&self, at: usize, bytes: &'b mut Vec<u8>) -> Option<&'b [u8]> {
        let record = self.record(at)?;
        bytes.resize(record.length, 0);
        read_at(&self.cache.file, bytes, self.cache.data.0 + *self.offsets.get(at)?)?;
        (xxhash_rust::xxh3::xxh3_64(bytes) == record.checksum).then_some(bytes.as_slice())
    }

    /// Reads the entries from the one at `first` into `window`.
    fn fill(&self, first: usize, window: &mut Window) -> Option<()> {
        let start = *self.offsets.get(first)?;
        let mut end = first + 1;
        let last = self.len().min(first + WINDOW_ENTRIES);
        while end < last && self.offsets.get(end + 1).map_or(self.cache.data.1, |&next| next) - start <= WINDOW_BYTES {
            end += 1;
        }
        let stop = self.offsets.get(end).map_or(self.cache.data.1, |&next| next);
        window.first = usize::MAX;
        let length = usize::try_from(stop - start).ok()?;
        if window.bytes.len() < length {
            window.bytes.resize(length, 0);
        }
        read_at(&self.cache.file, window.bytes.get_mut(..length)?, self.cache.data.0 + start)?;
        (window.first, window.end, window.offset) = (first, end, start);
        Some(())
    }

    /// Whether an entry with `stamp` (the one its note has now) may be
    /// used: its times older than the cache's stamp by [`MARGIN`].
    pub(crate) fn trusts(&self, stamp: &Stamp) -> bool {
        older(stamp, self.cache.stamp)
    }

    /// How many records it has.
    pub(crate) fn len(&self) -> usize {
        self.starts.len()
    }
}

/// The entries a task read last (see [`Index::entry`]). Its buffer is the
/// thread's, kept from task to task (`WINDOW`), as the read buffer of
/// notes is: a buffer this size freed and made again costs page faults.
#[derive(Debug)]
pub(crate) struct Window {
    bytes: Vec<u8>,
    /// The records of the entries it holds.
    first: usize,
    end: usize,
    /// Where the first starts among the entries.
    offset: u64,
}

thread_local! {
    /// The buffer of the [`Window`]s of this thread, between tasks.
    static WINDOW: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

impl Default for Window {
    fn default() -> Self {
        Self { bytes: WINDOW.take(), first: 0, end: 0, offset: 0 }
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        WINDOW.set(std::mem::take(&mut self.bytes));
    }
}

/// Reads `bytes.len()` bytes of `file` at `offset`.
#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], offset: u64) -> Option<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset).ok()
}

/// Elsewhere no note has a [`Stamp`]: no entry is read.
#[cfg(not(unix))]
fn read_at(_file: &File, _bytes: &mut [u8], _offset: u64) -> Option<()> {
    None
}

/// A note's new entry.
#[derive(Debug)]
pub(crate) struct Fresh {
    /// The note's path.
    path: String,
    /// Its state when it was read.
    stamp: Stamp,
    /// The fingerprint of its bytes.
    fingerprint: u64,
    /// Its [`Lines`], then what [`format::write`] wrote of its parse result.
    entry: Bytes,
    /// The entry's XXH3 hash.
    checksum: u64,
}

impl Fresh {
    /// The entry of the note at `path`, read when it had `stamp`, its bytes'
    /// `fingerprint`, parsed as `scratch` holds it ([`Scratch::encode`]), with
    /// its `lines`.
    pub(crate) fn new(path: &str, stamp: Stamp, fingerprint: u64, scratch: &Scratch, lines: Lines<'_>) -> Self {
        let mut entry = Vec::with_capacity(lines.text.map_or(0, str::len) + 12 + scratch.parsed.len());
        lines.write(&mut entry);
        entry.extend_from_slice(&scratch.parsed);
        let checksum = xxh3(&entry);
        Self { path: path.to_owned(), stamp, fingerprint, entry: Bytes::Here(entry), checksum }
    }

    /// Moves its bytes to the spill file of `spiller` (when it has one).
    pub(crate) fn spill(&mut self, spiller: &mut Spiller<'_>) {
        spiller.spill(&mut self.entry);
    }
}

/// What making entries keeps between notes (no allocation per note once
/// grown): the parse result of the last note encoded.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    format: format::Scratch,
    parsed: Vec<u8>,
}

impl Scratch {
    /// Encodes what the parse stage made of the note at `path`, for the
    /// next [`Fresh::new`].
    pub(crate) fn encode(&mut self, path: &str, parsed: &Parsed<'_>) {
        self.parsed.clear();
        format::write(&mut self.parsed, &mut self.format, path, parsed);
    }
}

/// Some lines of a note, kept in its entry so that its problems are printed
/// (`path:line:col`, the line underlined) without the note being read
/// again: the lines of its problems when it was read, and of its `name` and
/// `email` (where a duplicate contact is warned about).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Lines<'a> {
    /// Where the first line starts in the note's text.
    start: usize,
    /// How many lines come before it.
    before: usize,
    /// The lines, from that start to the end of the last one (before its
    /// line break, or the end of the text); `None`: no lines kept.
    text: Option<&'a str>,
}

impl<'a> Lines<'a> {
    /// The lines of `text` from the one that holds the first byte of
    /// `spans` to the end of the one that holds the last; none without spans.
    pub(crate) fn of(text: &'a str, spans: impl Iterator<Item = Span>) -> Self {
        let (from, to) = spans
            .fold((usize::MAX, 0), |(from, to), span| (from.min(span.start()), to.max(span.end()).max(span.start())));
        if from == usize::MAX {
            return Self::default();
        }
        let bytes = text.as_bytes();
        let from = from.min(bytes.len());
        let start = bytes.get(..from).and_then(|before| memchr::memrchr(b'\n', before)).map_or(0, |at| at + 1);
        let to = to.min(bytes.len());
        let end = bytes.get(to..).and_then(|after| memchr::memchr(b'\n', after)).map_or(bytes.len(), |at| to + at);
        let before = bytes.get(..start).map_or(0, |before| memchr::memchr_iter(b'\n', before).count());
        Self { start, before, text: text.get(start..end) }
    }

    /// Appends them to `out` (their length plus one first: none is one byte).
    fn write(&self, out: &mut Vec<u8>) {
        let Some(text) = self.text else {
            out.push(0);
            return;
        };
        format::put_varint(out, text.len() as u64 + 1);
        format::put_varint(out, self.start as u64);
        format::put_varint(out, self.before as u64);
        out.extend_from_slice(text.as_bytes());
    }

    /// Gives each of `problems` without a source these lines as the text
    /// they are printed with, when all their spans lie on them: `false`
    /// (and nothing given) when one does not. The text given has the
    /// note's lines and columns (its first lines stand in blank), so that
    /// a problem prints as from the note itself.
    pub(crate) fn attach(&self, problems: &mut [Problem]) -> bool {
        let mut unsourced = problems.iter().filter(|problem| problem.source.is_none()).peekable();
        if unsourced.peek().is_none() {
            return true;
        }
        let Some(text) = self.text else { return false };
        let end = self.start + text.len();
        if !unsourced.all(|problem| (self.start..=end).contains(&problem.span.start()) && problem.span.end() <= end) {
            return false;
        }
        let mut stand_in = String::with_capacity(end);
        stand_in.extend(std::iter::repeat_n(' ', self.start - self.before));
        stand_in.extend(std::iter::repeat_n('\n', self.before));
        stand_in.push_str(text);
        attach_source(problems, &stand_in);
        true
    }
}

/// An entry's [`Lines`] and the rest of it (the parse result); `None` when
/// they do not read.
pub(crate) fn split(entry: &[u8]) -> Option<(Lines<'_>, &[u8])> {
    let (length, rest) = format::varint(entry)?;
    let Some(length) = length.checked_sub(1) else {
        return Some((Lines::default(), rest));
    };
    let (start, rest) = format::varint(rest)?;
    let (before, rest) = format::varint(rest)?;
    let (text, rest) = rest.split_at_checked(usize::try_from(length).ok()?)?;
    let (start, before) = (usize::try_from(start).ok()?, usize::try_from(before).ok()?);
    // A line starts the text or follows a line break.
    if before > start || (start > 0) != (before > 0) {
        return None;
    }
    Some((Lines { start, before, text: Some(simdutf8::basic::from_utf8(text).ok()?) }, rest))
}

/// A note's entry in the cache written next.
#[derive(Debug)]
pub(crate) enum Piece {
    /// The entry of the old cache's record at this place, as it was.
    Old(usize),
    /// A new one.
    New(Box<Fresh>),
}

/// Gives the problems of each file without a source (those found between
/// notes, duplicates: sorted by file) the lines the file's entry in
/// `pieces` keeps, when they are on them; the others are read from their
/// notes where they are printed (`attach_sources`).
pub(crate) fn attach_kept(problems: &mut [Problem], pieces: &[Piece], old: Option<&Index<'_>>, spill: &Spill) {
    let mut bytes = Vec::new();
    for group in problems.chunk_by_mut(|a, b| a.file == b.file) {
        let unsourced = |problem: &Problem| problem.source.is_none() && problem.span != Span::START;
        let Some(first) = group.iter().find(|problem| unsourced(problem)) else { continue };
        let path = first.file.as_bytes();
        let Ok(at) = pieces.binary_search_by(|piece| path_of(piece, old).unwrap_or_default().cmp(path)) else {
            continue;
        };
        let entry = match pieces.get(at) {
            Some(Piece::New(fresh)) => match spill.bytes(&fresh.entry, &mut bytes) {
                Some(entry) => entry,
                None => continue,
            },
            Some(Piece::Old(at)) => match old.and_then(|old| old.entry_alone(*at, &mut bytes)) {
                Some(entry) => entry,
                None => continue,
            },
            None => continue,
        };
        if let Some((lines, _)) = split(entry) {
            lines.attach(group);
        }
    }
}

/// Whether a file's times are older than `moment` by [`MARGIN`].
fn older(stamp: &Stamp, moment: i64) -> bool {
    let before = moment.saturating_sub(MARGIN);
    stamp.modified < before && stamp.changed < before
}

/// The time now by the system's clock, in nanoseconds since 1970.
pub(crate) fn now() -> i64 {
    nanoseconds(SystemTime::now())
}

/// Whether a note read again because its entry was too recent to be used
/// (and found unchanged) would be used from a cache written now, by the
/// system's clock at `now`: then the cache is worth writing again (a note
/// saved just before a run would else be read on every run). The cache
/// written takes its stamp from the file system's clock: this guess may
/// only cost a write.
pub(crate) fn settled(stamp: &Stamp, now: i64) -> bool {
    older(stamp, now)
}

/// Makes ready to write `path`, a file below `.nudge/cache/` of the vault
/// at `root`: creates its folders and the cache's `.gitignore` when needed,
/// never outside the vault (a `.nudge` that leads out of it is refused).
pub(crate) fn prepare(root: &Path, path: &Path) -> std::io::Result<()> {
    check_inside(root, path).map_err(|_| std::io::ErrorKind::PermissionDenied)?;
    std::fs::create_dir_all(path.parent().unwrap_or(root))?;
    let gitignore = root.join(GITIGNORE);
    if std::fs::symlink_metadata(&gitignore).is_err() {
        // A second nudge may have written it meanwhile: the same file.
        let _ = write_new(&gitignore, IGNORE_ALL.as_bytes());
    }
    Ok(())
}

/// A vault of fewer notes than this writes its cache after any change: the
/// cache is small, writing it costs little.
const SMALL_VAULT: usize = 2_000;

/// Whether the cache is worth writing with `pieces`, the old one being
/// `old` (none: always), when `read_again` of the notes were read though it
/// had a record of them (changed, or too recent when it was written) or had
/// none (new). Notes gone from the vault count too; a changed note counts
/// once. Writing copies the whole file (about 100 MB at 100,000 notes,
/// 150 ms), where reading a changed note again costs about 10 µs: in a
/// large vault the notes edited since are read again on each run until they
/// are an eighth of the notes (docs/src/performance.md, "Warm runs"). Never
/// a question of correctness: a note is only ever taken from the cache when
/// its record's stamp is the note's.
pub(crate) fn worth_writing(old: Option<&Index<'_>>, pieces: &[Piece], read_again: usize) -> bool {
    let Some(old) = old else { return true };
    enough_stale(read_again + records_gone(old, pieces), pieces.len())
}

/// Whether `stale` of the `notes` of a vault are enough to write its cache
/// again ([`worth_writing`]).
fn enough_stale(stale: usize, notes: usize) -> bool {
    stale > 0 && (notes < SMALL_VAULT || stale >= notes / 8)
}

/// How many records of `old` are of notes no longer in the vault: those no
/// piece is (a changed note's new entry is its record's note).
fn records_gone(old: &Index<'_>, pieces: &[Piece]) -> usize {
    let of_a_note = pieces
        .iter()
        .filter(|piece| match piece {
            Piece::Old(_) => true,
            Piece::New(fresh) => old.find(&fresh.path, 0).is_some(),
        })
        .count();
    old.len().saturating_sub(of_a_note)
}

/// Writes the cache of the vault at `root` with `pieces` (in any order;
/// [`Piece::Old`] taken from `old`), made by `maker` in a run that started
/// at `started`; creates `.nudge/cache/` and its `.gitignore` when needed,
/// never outside the vault (a `.nudge` that leads out of it is refused).
pub(crate) fn write(
    root: &Path,
    maker: Maker,
    started: Instant,
    old: Option<&Index<'_>>,
    pieces: &mut [Piece],
    spill: &Spill,
) -> std::io::Result<()> {
    if !spill.whole() {
        return Err(std::io::ErrorKind::WriteZero.into());
    }
    let path = root.join(FILE);
    prepare(root, &path)?;
    if !pieces.is_sorted_by(|a, b| path_of(a, old) < path_of(b, old)) {
        pieces.sort_by(|a, b| path_of(a, old).cmp(&path_of(b, old)));
    }
    let mut index = Vec::new();
    for piece in pieces.iter() {
        record_of(piece, old).ok_or(std::io::ErrorKind::InvalidData)?.write(&mut index);
    }
    let count = u32::try_from(pieces.len()).map_err(|_| std::io::ErrorKind::FileTooLarge)?;
    let mut header = [0u8; HEADER];
    header[..8].copy_from_slice(&MAGIC);
    header[8..12].copy_from_slice(&FORMAT.to_le_bytes());
    header[12..16].copy_from_slice(&count.to_le_bytes());
    header[16..24].copy_from_slice(&maker.build.to_le_bytes());
    header[24..32].copy_from_slice(&maker.settings.to_le_bytes());
    header[40..48].copy_from_slice(&(index.len() as u64).to_le_bytes());
    replace_with(&path, |file| {
        file.write_all(&header)?;
        file.write_all(&index)?;
        write_entries(file, old, pieces, spill)?;
        header[32..40].copy_from_slice(&started_by_file_clock(file, started)?.to_le_bytes());
        let sum = checksum(&header[..48], &index);
        header[48..56].copy_from_slice(&sum.to_le_bytes());
        file.rewind()?;
        file.write_all(&header)
    })
}

/// The path of the note of `piece`.
fn path_of<'p>(piece: &'p Piece, old: Option<&'p Index<'p>>) -> Option<&'p [u8]> {
    match piece {
        Piece::Old(at) => old?.record(*at).map(|record| record.path),
        Piece::New(fresh) => Some(fresh.path.as_bytes()),
    }
}

/// The record of `piece` in the cache written next.
fn record_of<'p>(piece: &'p Piece, old: Option<&'p Index<'p>>) -> Option<Record<'p>> {
    match piece {
        Piece::Old(at) => old?.record(*at),
        Piece::New(fresh) => Some(Record {
            path: fresh.path.as_bytes(),
            stamp: fresh.stamp,
            fingerprint: fresh.fingerprint,
            length: fresh.entry.len(),
            checksum: fresh.checksum,
        }),
    }
}

/// Writes the entries of `pieces` in order: new ones many in one system
/// call, runs of old ones copied from the old cache by the system.
fn write_entries(file: &mut File, old: Option<&Index<'_>>, pieces: &[Piece], spill: &Spill) -> std::io::Result<()> {
    let mut run: Option<Run> = None;
    let mut fresh: Vec<&[u8]> = Vec::new();
    let copy = |file: &mut File, run: Run| -> std::io::Result<()> {
        match run {
            Run::Old(start, end) => {
                let old = old.ok_or(std::io::ErrorKind::InvalidData)?;
                let data = old.cache.data.0;
                copy_range(&old.cache.file, (data + start, data + end), file)
            }
            Run::Spilled(start, end) => spill.copy((start, end), file),
        }
    };
    for piece in pieces {
        let next = match piece {
            Piece::Old(at) => {
                let old = old.ok_or(std::io::ErrorKind::InvalidData)?;
                let start = *old.offsets.get(*at).ok_or(std::io::ErrorKind::InvalidData)?;
                Run::Old(start, start + old.record(*at).map_or(0, |record| record.length as u64))
            }
            Piece::New(new) => match &new.entry {
                Bytes::Spilled(at, length) => Run::Spilled(*at, at + *length as u64),
                Bytes::Here(bytes) => {
                    if let Some(done) = run.take() {
                        copy(file, done)?;
                    }
                    fresh.push(bytes);
                    continue;
                }
            },
        };
        write_all(file, fresh.drain(..))?;
        run = match run.map(|run| run.joined(next)) {
            Some(Ok(joined)) => Some(joined),
            Some(Err(done)) => {
                copy(file, done)?;
                Some(next)
            }
            None => Some(next),
        };
    }
    if let Some(done) = run {
        copy(file, done)?;
    }
    write_all(file, fresh.drain(..))
}

/// Entries one after the other in the old cache or in the spill file,
/// copied in one go: from where, to where.
#[derive(Debug, Clone, Copy)]
enum Run {
    Old(u64, u64),
    Spilled(u64, u64),
}

impl Run {
    /// This run with `next` after it when `next` starts where it ends, in
    /// the same file; else this run, done.
    fn joined(self, next: Self) -> Result<Self, Self> {
        match (self, next) {
            (Self::Old(start, end), Self::Old(from, to)) if end == from => Ok(Self::Old(start, to)),
            (Self::Spilled(start, end), Self::Spilled(from, to)) if end == from => Ok(Self::Spilled(start, to)),
            _ => Err(self),
        }
    }
}

/// The bytes of `source` from `start` to `end` copied to the end of `out`
/// (by the kernel where it can: `copy_file_range`).
fn copy_range(mut source: &File, (start, end): (u64, u64), out: &mut File) -> std::io::Result<()> {
    source.seek(SeekFrom::Start(start))?;
    let copied = std::io::copy(&mut source.take(end - start), out)?;
    if copied == end - start { Ok(()) } else { Err(std::io::ErrorKind::UnexpectedEof.into()) }
}

/// When a run that began at `started` began, by the file system's clock:
/// the time it gave `file`, just written, less the time since then.
fn started_by_file_clock(file: &File, started: Instant) -> std::io::Result<i64> {
    let written = file.metadata()?.modified().map(nanoseconds)?;
    let since = i64::try_from(started.elapsed().as_nanos()).unwrap_or(i64::MAX);
    Ok(written.saturating_sub(since))
}

/// The checksum of a header's first fields and an index.
fn checksum(header: &[u8], index: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(index, xxh3(header))
}

/// Writes `pieces` one after the other, many in one system call.
fn write_all<'p>(file: &mut std::fs::File, pieces: impl Iterator<Item = &'p [u8]>) -> std::io::Result<()> {
    /// Slices per call (Linux takes 1024 at most).
    const BATCH: usize = 1024;
    let mut pieces = pieces.peekable();
    while pieces.peek().is_some() {
        let mut batch: Vec<IoSlice<'_>> = pieces.by_ref().take(BATCH).map(IoSlice::new).collect();
        let mut slices = &mut batch[..];
        while !slices.is_empty() {
            match file.write_vectored(slices) {
                Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
                Ok(written) => IoSlice::advance_slices(&mut slices, written),
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
    }
    Ok(())
}

fn xxh3(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// `time` in nanoseconds since 1970 (negative before).
fn nanoseconds(time: SystemTime) -> i64 {
    match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_nanos()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_nanos()).map_or(i64::MIN, |nanos| -nanos),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{Keywords, parse_note};

    /// A cache of three notes written in `root`; its bytes.
    fn written(root: &Path, maker: Maker) -> Vec<u8> {
        written_spilled(root, maker, false)
    }

    /// [`written`], its new entries put in the spill file first when
    /// `spilled` (the last by a task of its own).
    fn written_spilled(root: &Path, maker: Maker, spilled: bool) -> Vec<u8> {
        let texts = [
            ("a.md", "---\nname: Ana\n---\n- 2026-11-10 call vm\n"),
            (
                "b/dana.md",
                "---\nname: Dana\ntags: [x]\nfoo: 1\n---\n- 2026-11-12 9:30 email: sent\n- [ ] 2026-12-01 call\n",
            ),
            ("c.md", "# no front matter\n"),
        ];
        let mut scratch = Scratch::default();
        let stamp = Stamp { size: 10, modified: 1, changed: 2, inode: 3 };
        let mut pieces: Vec<Piece> = texts
            .iter()
            .rev()
            .map(|(path, text)| {
                let parsed = parse_note(path, text, &Keywords::default());
                scratch.encode(path, &parsed);
                let lines = Lines::of(text, [Span::new(4, 8)].into_iter());
                if *path == "a.md" {
                    assert_eq!(lines.text, Some("name: Ana"));
                }
                Piece::New(Box::new(Fresh::new(path, stamp, 7, &scratch, lines)))
            })
            .collect();
        let spill = Spill::new(root);
        if spilled {
            let (mut first, mut second) = (Spiller::new(&spill), Spiller::new(&spill));
            for (at, piece) in pieces.iter_mut().enumerate() {
                if let Piece::New(fresh) = piece {
                    fresh.spill(if at == 2 { &mut second } else { &mut first });
                    assert!(matches!(fresh.entry, Bytes::Spilled(..)));
                }
            }
        }
        write(root, maker, Instant::now(), None, &mut pieces, &spill).unwrap();
        std::fs::read(root.join(FILE)).unwrap()
    }

    #[test]
    fn entries_put_in_the_spill_file_first_are_written_as_those_kept_in_memory() {
        let (here, spilled) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let maker = Maker::new(&Config::default());
        let kept = written(here.path(), maker);
        let from_spill = written_spilled(spilled.path(), maker, true);
        // The header differs by the time the cache was written (and its checksum).
        assert_eq!(kept.get(HEADER..), from_spill.get(HEADER..));
        assert_eq!(read_all(spilled.path(), maker), Some(3));
    }

    /// Every entry of the cache in `root`, read (none when it is not used).
    fn read_all(root: &Path, maker: Maker) -> Option<usize> {
        let cache = Cache::open(root, maker)?;
        let index = Index::new(&cache)?;
        let mut window = Window::default();
        let paths = ["a.md", "b/dana.md", "c.md"];
        let read = (0..index.len())
            .filter(|&at| {
                let path = paths.get(at).copied().unwrap_or("x.md");
                let entry = index.entry(at, &mut window).and_then(split);
                entry.and_then(|(_, entry)| parsed(entry, path)).is_some()
            })
            .count();
        Some(read)
    }

    #[test]
    fn a_cache_reads_back_whole_only_for_its_maker() {
        let dir = tempfile::tempdir().unwrap();
        let maker = Maker::new(&Config::default());
        written(dir.path(), maker);
        assert_eq!(read_all(dir.path(), maker), Some(3));
        let cache = Cache::open(dir.path(), maker).unwrap();
        let index = Index::new(&cache).unwrap();
        assert_eq!(index.find("b/dana.md", 0), Some(1), "found though not at the hint");
        let other = Maker { settings: maker.settings ^ 1, ..maker };
        assert_eq!(read_all(dir.path(), other), None, "other settings");
        let ignore = std::fs::read_to_string(dir.path().join(GITIGNORE)).unwrap();
        assert!(ignore.ends_with("\n*\n"), "{ignore}");
    }

    #[test]
    fn a_note_is_taken_from_the_cache_only_when_older_than_the_run_that_wrote_it_by_the_margin() {
        let at = |modified: i64, changed: i64| Stamp { size: 1, modified, changed, inode: 1 };
        let moment = 100 * MARGIN;
        assert!(older(&at(moment - MARGIN - 1, moment - MARGIN - 1), moment));
        // Written in the same second as the cache (or within a FAT
        // timestamp's two seconds), or dated in the future: read again.
        assert!(!older(&at(moment - MARGIN, moment - MARGIN - 1), moment));
        assert!(!older(&at(moment - MARGIN - 1, moment - 1), moment), "changed (ctime) since");
        assert!(!older(&at(moment + MARGIN, moment - MARGIN - 1), moment), "modified in the future");
    }

    /// What a problem prints as with `source`: its place, its end's, and
    /// `check`'s listing of it with its line underlined.
    fn printed(problem: &Problem) -> (String, String, String) {
        let full = crate::render::check::full(std::slice::from_ref(problem), 1, 0, None, false);
        (problem.to_string(), problem.end_position().to_string(), full)
    }

    #[test]
    fn a_large_vault_writes_its_cache_once_an_eighth_of_its_notes_changed() {
        assert!(!enough_stale(0, 10), "nothing changed");
        assert!(enough_stale(1, SMALL_VAULT - 1), "a small vault, one note");
        assert!(!enough_stale(12_499, 100_000));
        assert!(enough_stale(12_500, 100_000));
    }

    proptest::proptest! {
        /// Problems given the lines an entry keeps print as with the note's
        /// text, and are given them only when all their spans are on them.
        #[test]
        fn problems_print_the_same_from_the_lines_an_entry_keeps(
            text in "([a-zé\n]|\r\n){0,60}",
            kept in proptest::collection::vec((0u32..70, 0u32..8), 0..3),
            spans in proptest::collection::vec((0u32..70, 0u32..8), 1..4),
        ) {
            let span = |&(start, length): &(u32, u32)| Span::of_len(start as usize, length as usize);
            let problems: Vec<Problem> = spans.iter().map(|each| Problem::error("a.md", span(each), "bad")).collect();
            let mut read = problems.clone();
            attach_source(&mut read, &text);
            let lines = Lines::of(&text, kept.iter().chain(&spans).map(span));
            let mut entry = Vec::new();
            lines.write(&mut entry);
            let (lines, rest) = split(&entry).unwrap();
            proptest::prop_assert!(rest.is_empty());
            let mut cached = problems.clone();
            let beyond = spans.iter().any(|&(start, length)| (start + length) as usize > text.len());
            proptest::prop_assert!(lines.attach(&mut cached) || beyond);
            for (cached, read) in cached.iter().zip(&read).filter(|(cached, _)| cached.source.is_some()) {
                proptest::prop_assert_eq!(printed(cached), printed(read));
            }
            // Lines that hold the others' spans only.
            let mut cached = problems.clone();
            let (first, others) = spans.split_first().unwrap();
            let lines = Lines::of(&text, others.iter().map(span));
            let end = lines.start + lines.text.map_or(0, str::len);
            if lines.text.is_none() || span(first).start() < lines.start || span(first).end() > end {
                proptest::prop_assert!(!lines.attach(&mut cached));
                proptest::prop_assert!(cached.iter().all(|problem| problem.source.is_none()));
            }
        }

        /// A cut cache is not used; a changed byte never panics, and is
        /// found by a checksum (the header's and index's, or the entry's).
        #[test]
        fn a_cut_or_changed_cache_is_not_used(cut in 0usize..4000, flip in 0usize..4000, bit in 0u8..8) {
            let dir = tempfile::tempdir().unwrap();
            let maker = Maker::new(&Config::default());
            let bytes = written(dir.path(), maker);
            std::fs::write(dir.path().join(FILE), &bytes[..cut % bytes.len()]).unwrap();
            proptest::prop_assert_eq!(read_all(dir.path(), maker), None);
            let mut changed = bytes.clone();
            changed[flip % bytes.len()] ^= 1 << bit;
            std::fs::write(dir.path().join(FILE), &changed).unwrap();
            proptest::prop_assert!(read_all(dir.path(), maker).is_none_or(|read| read < 3));
        }

        #[test]
        fn any_bytes_are_no_cache(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let dir = tempfile::tempdir().unwrap();
            let maker = Maker::new(&Config::default());
            std::fs::create_dir_all(dir.path().join(FOLDER)).unwrap();
            std::fs::write(dir.path().join(FILE), &bytes).unwrap();
            proptest::prop_assert_eq!(read_all(dir.path(), maker), None);
        }
    }
}
