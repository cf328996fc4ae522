//! The read side of every command, stage after stage on all cores: walk
//! the vault ([`discover`](crate::discover)), read each note
//! ([`NoteReader`]), parse it and derive its state, then find duplicates and
//! sort the problems once. Each file becomes a small owned [`Contact`];
//! note bodies are dropped as soon as they are read. [`resolve`](mod@resolve) finds the
//! one note a contact named on the command line is. Notes unchanged since
//! the parse cache was written are taken from it ([`cache`](mod@cache)); for the
//! agenda, a vault whose notes are those of the last agenda kept reads
//! none ([`load_or_kept`]).

pub(crate) mod cache;
pub(crate) mod resolve;

use std::sync::{Mutex, PoisonError};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::derive::contact::{AsRead, Contact, contact, contact_with_extra};
use crate::derive::duplicates::duplicates;
use crate::derive::{self, Calendar, Context, Derived, Playbook};
use crate::discover::open::Stamp;
use crate::discover::read::{Fingerprint, NoteReader, fingerprint};
use crate::discover::{NoteFiles, NoteRef, Vault, walk};
use crate::model::span::Span;
use crate::parse::{self, Note, Parsed};
use crate::problem::{Problem, attach_source, quotable};
use cache::memo;
pub(crate) use resolve::resolve;

/// Everything read from a vault.
#[derive(Debug, Default)]
pub struct Loaded<T> {
    /// One item per contact, in file path order.
    pub contacts: Vec<T>,
    /// Every problem, sorted by file and position.
    pub problems: Vec<Problem>,
    /// How many files had front matter (contacts and broken ones).
    pub notes: usize,
    /// How many files with front matter `contacts:` in nudge.yaml left out
    /// (by its tags or require: its folders leave notes unread).
    pub left_out: usize,
}

/// Frees `value` on a thread of its own. Freeing 100,000 contacts one
/// allocation at a time takes a fifth of a second that a command need not
/// wait for: it goes on, and a process that ends first takes the memory
/// back at once.
pub(crate) fn release<T: Send + 'static>(value: T) {
    // When no thread can be started, the closure and `value` are dropped here.
    let _ = std::thread::Builder::new().name("release".into()).spawn(move || drop(value));
}

/// Whether contacts keep the front matter keys nudge does not read: only a
/// user's agenda template shows them, and on a large vault they are a fifth
/// of the memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownKeys {
    /// Kept, for a template.
    Keep,
    /// Dropped as each note is read.
    Drop,
}

/// Reads and derives every contact of the vault.
pub fn load(vault: &Vault, today: NaiveDate, unknown_keys: UnknownKeys) -> Loaded<Contact> {
    read_contacts(vault, today, unknown_keys, look(vault, None).0)
}

/// What [`load_or_kept`] gives.
pub(crate) enum Outcome {
    /// The agenda kept from a run over the same notes, with the same inputs.
    Kept(memo::Kept),
    /// The contacts read; with the key to keep the agenda made of them by
    /// (`None`: none may be kept).
    Loaded(Loaded<Contact>, Option<memo::Key>),
}

/// [`load`], unless the vault's notes are those an agenda made from the
/// inputs `described` was kept for ([`memo`]): then that agenda, and no
/// note is read. Without the cache (`cache: false`, `--no-cache`), always
/// [`load`].
pub(crate) fn load_or_kept(vault: &Vault, today: NaiveDate, unknown_keys: UnknownKeys, described: &str) -> Outcome {
    match look(vault, Some(described)) {
        (files, Looked::Kept(kept)) => {
            release(files.list);
            Outcome::Kept(kept)
        }
        (files, Looked::Key(key)) => Outcome::Loaded(read_contacts(vault, today, unknown_keys, files), key),
    }
}

/// [`read`] with the view of the contact and the duplicates finder
/// `unknown_keys` asks for.
fn read_contacts(vault: &Vault, today: NaiveDate, unknown_keys: UnknownKeys, files: Files) -> Loaded<Contact> {
    match unknown_keys {
        UnknownKeys::Keep => read(vault, today, contact_with_extra, duplicates, files),
        UnknownKeys::Drop => read(vault, today, contact, duplicates, files),
    }
}

/// The most notes one reading task takes. Rayon splits the list of files
/// in a few large parts and splits a part again only when a core runs out
/// of work and steals it; a part being read is not split, so a core could
/// finish early and wait for the other for up to a tenth of a second at
/// 100,000 notes (seen in perf timelines). Parts of this size (2-3 ms of
/// work) keep the cores even to that; each costs a task and a [`NoteReader`].
const FILES_PER_TASK: usize = 256;

/// Reads every note of the vault and maps each contact with `view`, in
/// parallel; `view` sees the whole note, borrowed, before it is dropped.
pub(crate) fn load_with<T, F>(vault: &Vault, today: NaiveDate, view: F) -> Loaded<T>
where
    T: Send,
    F: Fn(&Note<'_>, &Playbook, &Derived) -> T + Sync,
{
    let files = look(vault, None).0;
    read(vault, today, |note, playbook, derived, _read| view(&note, playbook, &derived), |_| Vec::new(), files)
}

/// The vault's note files, found by the walk, before any is read.
struct Files {
    /// When the run began to look for them.
    started: std::time::Instant,
    /// Who makes the parse cache, when it is on.
    maker: Option<cache::Maker>,
    /// The files, with their stamps when they were taken already.
    list: FileList,
    /// What the walk could not walk.
    problems: Vec<Problem>,
}

/// The note files, as the walk gave them or with their stamps.
enum FileList {
    /// As the walk gave them.
    Found(NoteFiles),
    /// With the stamp of each (`None`: it has none, or it could not be taken).
    Stamped(NoteFiles, Vec<Option<Stamp>>),
}

/// What looking at the vault found besides its files.
enum Looked {
    /// The agenda kept for these notes and inputs.
    Kept(memo::Kept),
    /// The key to keep an agenda made of them by, when one may be kept.
    Key(Option<memo::Key>),
}

/// Walks the vault; with the inputs `described` of an agenda and the
/// cache on, takes every note's stamp too and looks for the agenda kept
/// for them ([`memo`]).
fn look(vault: &Vault, described: Option<&str>) -> (Files, Looked) {
    let started = std::time::Instant::now();
    let maker = vault.config.cache.then(|| cache::Maker::new(&vault.config));
    let walk = walk(&vault.root, &vault.config);
    let mut files = Files { started, maker, list: FileList::Found(NoteFiles::default()), problems: walk.problems };
    let Some(inputs) = maker.zip(described).map(|(maker, described)| memo::Inputs::new(maker, described)) else {
        files.list = FileList::Found(walk.files);
        return (files, Looked::Key(None));
    };
    let stamps = stamp_all(&walk.files);
    let key = memo::Seen::of(&walk.files, &stamps, &files.problems, started).map(|seen| memo::Key::new(inputs, seen));
    let kept = key.as_ref().and_then(|key| key.find(&vault.root));
    files.list = FileList::Stamped(walk.files, stamps);
    match kept {
        Some(kept) => (files, Looked::Kept(kept)),
        None => (files, Looked::Key(key)),
    }
}

/// Each of `files` with its stamp, taken on all cores.
fn stamp_all(files: &NoteFiles) -> Vec<Option<Stamp>> {
    files
        .par_iter()
        .with_max_len(FILES_PER_TASK)
        .map_init(NoteReader::default, |reader, file| reader.stamp(file).ok().flatten())
        .collect()
}

/// Reads every note of `files`, in parallel, giving each to `view` (the
/// note and its derivation to keep, no copy, with the file's
/// [`Fingerprint`] and its text when it was read: [`AsRead`]); `across` finds the problems between contacts
/// (duplicates). Notes unchanged since the parse cache was written are
/// taken from it, unless `cache: false` or `--no-cache` ([`cache`](mod@cache));
/// the cache is written again when enough notes were read
/// ([`cache::worth_writing`]).
fn read<T, F>(vault: &Vault, today: NaiveDate, view: F, across: fn(&[T]) -> Vec<Problem>, files: Files) -> Loaded<T>
where
    T: Send,
    F: Fn(Note<'_>, &Playbook, Derived, AsRead<'_>) -> T + Sync,
{
    let Files { started, maker, list, problems } = files;
    let stored = maker.and_then(|maker| cache::Cache::open(&vault.root, maker));
    let index = stored.as_ref().and_then(cache::Index::new);
    let cached = match (maker, &index) {
        (None, _) => Cached::Off,
        (Some(_), index) => Cached::On(index.as_ref(), cache::now()),
    };
    // Written in place, one slot per file, contacts apart: at 100,000 files
    // a second array of contacts built from the first would be 45 MB more.
    // New entries go to a file as they are made, not all kept in memory.
    let spill = cache::Spill::new(&vault.root);
    let reading = Reading { vault, cached, spill: &spill, today };
    let ((contacts, outcomes), found) = match &list {
        FileList::Found(list) => read_all(&reading, &view, list.par_iter().map(|file| (file, None))),
        FileList::Stamped(list, stamps) => read_all(&reading, &view, list.par_iter().zip(stamps.par_iter().copied())),
    };
    // The files' names, a few buffers: freed at once.
    drop(list);
    let mut loaded = Loaded { contacts: in_place_some(contacts), problems, notes: 0, left_out: 0 };
    loaded.problems.extend(found);
    // Boxed, a piece is two words: the list of 100,000 unchanged ones is
    // 1.6 MB, made once (not 10 MB grown by doubling, then freed).
    let mut pieces = Vec::with_capacity(if maker.is_some() { outcomes.len() } else { 0 });
    // Notes the cache could not give, and would give if written now.
    let mut read_again = 0;
    for (read_as, kept) in outcomes {
        loaded.notes += usize::from(read_as == ReadAs::Note);
        loaded.left_out += usize::from(read_as == ReadAs::LeftOut);
        match kept {
            Kept::Nothing => {}
            Kept::Old(at) => pieces.push(cache::Piece::Old(at)),
            Kept::Settled(at) => {
                read_again += 1;
                pieces.push(cache::Piece::Old(at));
            }
            Kept::New(fresh) => {
                read_again += 1;
                pieces.push(cache::Piece::New(fresh));
            }
        }
    }
    loaded.problems.extend(across(&loaded.contacts));
    // On all cores (stable, as `sort`): thousands of problems at 100,000
    // notes, most of them duplicates, took ~3 ms on the main thread alone.
    loaded.problems.par_sort();
    // Problems between contacts get the lines their notes' entries keep.
    cache::attach_kept(&mut loaded.problems, &pieces, index.as_ref(), &spill);
    if let Some(maker) = maker.filter(|_| cache::worth_writing(index.as_ref(), &pieces, read_again)) {
        // Silent: the cache is an optimisation (docs/src/performance.md).
        let _ = cache::write(&vault.root, maker, started, index.as_ref(), &mut pieces, &spill);
    }
    release(pieces);
    loaded
}

/// The contact (when any) and what else each of `files` gave, in order,
/// and the problems of all, in no order (they are sorted after): a list
/// of each file's problems, most of them none, took 24 bytes a file (2.4 MB
/// of memory touched at 100,000 notes, docs/src/performance.md, "memory
/// touched").
type ReadAll<T> = ((Vec<Option<T>>, Vec<(ReadAs, Kept)>), Vec<Problem>);

/// What every note of a load is read with.
#[derive(Clone, Copy)]
struct Reading<'r> {
    vault: &'r Vault,
    cached: Cached<'r>,
    /// Where new entries of the cache go.
    spill: &'r cache::Spill,
    today: NaiveDate,
}

/// Reads `files` (each with its stamp when it was taken) on all cores.
fn read_all<'f, T, F, I>(reading: &Reading<'_>, view: &F, files: I) -> ReadAll<T>
where
    T: Send,
    F: Fn(Note<'_>, &Playbook, Derived, AsRead<'_>) -> T + Sync,
    I: IndexedParallelIterator<Item = (NoteRef<'f>, Option<Stamp>)>,
{
    let Reading { vault, cached, spill, today } = *reading;
    let mut contacts: Vec<Option<T>> = Vec::new();
    let mut outcomes = Vec::new();
    let found = Mutex::new(Vec::new());
    files
        .with_max_len(FILES_PER_TASK)
        .map_init(
            || Task::new(spill),
            |task, (file, stamp)| {
                let (result, kept) = read_one(vault, task, cached, file, stamp, today, view);
                if !result.problems.is_empty() {
                    found.lock().unwrap_or_else(PoisonError::into_inner).extend(result.problems);
                }
                (result.contact, (result.read_as, kept))
            },
        )
        .unzip_into_vecs(&mut contacts, &mut outcomes);
    ((contacts, outcomes), found.into_inner().unwrap_or_else(PoisonError::into_inner))
}

/// Whether a load uses the parse cache, and the one it found.
#[derive(Clone, Copy)]
enum Cached<'c> {
    /// `cache: false` or `--no-cache`.
    Off,
    /// On; `None` when there is no cache to use (none yet, or not one this
    /// nudge can use); with the time the run started.
    On(Option<&'c cache::Index<'c>>, i64),
}

/// What a file leaves in the next cache.
enum Kept {
    /// Nothing: not cached (unreadable, not a regular file, or the cache is off).
    Nothing,
    /// The entry of the cache's record at this place, unchanged.
    Old(usize),
    /// The same, though too recent to be used when that cache was written,
    /// and old enough now: worth writing the cache again for.
    Settled(usize),
    /// A new entry.
    New(Box<cache::Fresh>),
}

/// What a task that reads notes one after the other keeps between them.
struct Task<'s> {
    reader: NoteReader,
    scratch: cache::Scratch,
    /// The entries it read from the cache last.
    window: cache::Window,
    /// Where in the cache's index the next note is likely to be.
    next: usize,
    /// Its block of the file new entries go to.
    spiller: cache::Spiller<'s>,
}

impl<'s> Task<'s> {
    /// A task whose new entries go to `spill`.
    fn new(spill: &'s cache::Spill) -> Self {
        Self {
            reader: NoteReader::default(),
            scratch: cache::Scratch::default(),
            window: cache::Window::default(),
            next: 0,
            spiller: cache::Spiller::new(spill),
        }
    }
}

/// What problems are printed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Printed {
    /// Their lines and columns only (the agenda).
    Positions,
    /// Their lines too, with a caret under each (`check`).
    Lines,
}

/// Gives the problems found after their notes were read (duplicates: each
/// note's problems get its text as they are found) their note's text, read
/// again up to the line of their last span, to print their lines and
/// columns with: called where they are printed. Printed with their
/// positions only, those placed as their notes were read
/// ([`Problem::extent`]) need no text, and their notes are not read again.
/// `problems` are sorted by file.
pub(crate) fn attach_sources(vault: &Vault, problems: &mut [Problem], printed: Printed) {
    let needs_text = |problem: &Problem| {
        problem.source.is_none()
            && problem.span != Span::START
            && (printed == Printed::Lines || problem.extent.is_none())
    };
    problems.par_chunk_by_mut(|a, b| a.file == b.file).for_each(|group| {
        let Some(first) = group.first() else { return };
        let Some(end) = group.iter().filter(|problem| needs_text(problem)).map(|problem| problem.span.end()).max()
        else {
            return;
        };
        if let Some(bytes) = read_lines_to(&vault.root.join(&first.file), end) {
            attach_source(group, &String::from_utf8_lossy(&bytes));
        }
    });
}

/// The first bytes of the file at `path`, up to the end of the line that
/// holds byte `end` (or the whole file when it is shorter): a duplicate's
/// key is near the top of a note, and a read of a few KB takes no `stat`
/// and no read of the file's end.
fn read_lines_to(path: &std::path::Path, end: usize) -> Option<Vec<u8>> {
    use std::io::Read;
    const MORE: usize = 4096;
    crate::discover::read::count_read(path);
    let mut file = std::fs::File::open(path).ok()?;
    let mut bytes = vec![0; end + MORE];
    let mut filled = 0;
    loop {
        let read = file.read(bytes.get_mut(filled..)?).ok()?;
        filled += read;
        let after_end = bytes.get(end.min(filled)..filled).unwrap_or_default();
        if let Some(line_end) = memchr::memchr(b'\n', after_end) {
            bytes.truncate(end.min(filled) + line_end);
            return Some(bytes);
        }
        if read == 0 {
            bytes.truncate(filled);
            return Some(bytes);
        }
        if filled == bytes.len() {
            bytes.resize(bytes.len() + MORE, 0);
        }
    }
}

/// The items of `slots` that are there, in order, in the same allocation
/// (`flatten` would build a new vector).
#[expect(clippy::filter_map_identity, reason = "filter_map collects in place, flatten does not")]
fn in_place_some<T>(slots: Vec<Option<T>>) -> Vec<T> {
    slots.into_iter().filter_map(|slot| slot).collect()
}

/// What a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReadAs {
    /// No front matter, or not read.
    Skipped,
    /// A note with front matter: a contact, or a broken one.
    Note,
    /// A note `contacts:` leaves out.
    LeftOut,
}

/// What one file gave.
struct FileResult<T> {
    read_as: ReadAs,
    contact: Option<T>,
    problems: Vec<Problem>,
}

impl<T> FileResult<T> {
    fn skipped() -> Self {
        Self { read_as: ReadAs::Skipped, contact: None, problems: Vec::new() }
    }

    fn left_out() -> Self {
        Self { read_as: ReadAs::LeftOut, ..Self::skipped() }
    }

    fn broken(problems: Vec<Problem>) -> Self {
        Self { read_as: ReadAs::Note, contact: None, problems }
    }
}

/// One file: its entry in the cache when it is there and may be used
/// ([`cache::Index::trusts`]), else its bytes read and parsed (and a new
/// entry made when the cache is on). Its stamp is `taken` when it was
/// taken already.
fn read_one<T, F>(
    vault: &Vault,
    task: &mut Task<'_>,
    cached: Cached<'_>,
    file: NoteRef<'_>,
    taken: Option<Stamp>,
    today: NaiveDate,
    view: &F,
) -> (FileResult<T>, Kept)
where
    F: Fn(Note<'_>, &Playbook, Derived, AsRead<'_>) -> T,
{
    let Cached::On(index, now) = cached else {
        return (read_and_parse(vault, &mut task.reader, file, today, view, None), Kept::Nothing);
    };
    // A note the cache has a record of: its stamp first, without opening it.
    let mut recorded = None;
    if let Some(index) = index
        && let Some(at) = index.find(file.relative, task.next)
    {
        task.next = at + 1;
        let stamp = taken.or_else(|| task.reader.stamp(file).ok().flatten());
        if let Some(record) = index.record(at).filter(|record| Some(record.stamp) == stamp) {
            let trusted = index.trusts(&record.stamp);
            if trusted && let Some(result) = from_cache(vault, task, index, at, file, today, view) {
                return (result, Kept::Old(at));
            }
            recorded = Some((at, record, trusted));
        }
    }
    // Else read, its stamp taken once it is open.
    let mut keeper =
        Keeper { recorded, now, scratch: &mut task.scratch, path: file.relative, kept: Kept::Nothing, new: None };
    let result = read_and_parse(vault, &mut task.reader, file, today, view, Some(&mut keeper));
    let mut kept = keeper.kept;
    if let Kept::New(fresh) = &mut kept {
        fresh.spill(&mut task.spiller);
    }
    (result, kept)
}

/// What a note read with the cache on leaves in the next cache.
struct Keeper<'k> {
    /// The note's record in the cache (where, and whether it was trusted).
    recorded: Option<(usize, cache::Record<'k>, bool)>,
    /// When the run started.
    now: i64,
    scratch: &'k mut cache::Scratch,
    path: &'k str,
    kept: Kept,
    /// A new entry to make once the note's problems are known: its stamp,
    /// fingerprint, and the spans of its `name` and `email`.
    new: Option<(Stamp, u64, [Span; 2])>,
}

impl Keeper<'_> {
    /// What the note was parsed as, the fingerprint of its bytes and its
    /// stamp (`None`: not cached): its old entry, or a new one to make.
    fn parsed(&mut self, parsed: &Parsed<'_>, hash: u64, stamp: Option<Stamp>) {
        let Some(stamp) = stamp else { return };
        match self.recorded {
            Some((at, record, trusted)) if record.fingerprint == hash && record.stamp == stamp => {
                let settled = !trusted && cache::settled(&stamp, self.now);
                self.kept = if settled { Kept::Settled(at) } else { Kept::Old(at) };
            }
            _ => {
                self.scratch.encode(self.path, parsed);
                let spans = match parsed {
                    Parsed::Contact(note, _) => [note.front.spans.name, note.front.spans.email],
                    _ => [Span::START; 2],
                };
                self.new = Some((stamp, hash, spans));
            }
        }
    }

    /// The note's problems, found, and its text (`None`: not UTF-8, when
    /// its one problem has the text it is printed with): the new entry, with
    /// the lines they are on and those of its `name` and `email` (a
    /// duplicate's).
    fn finished(&mut self, problems: &[Problem], text: Option<&str>) {
        let Some((stamp, hash, spans)) = self.new.take() else { return };
        let named = spans.into_iter().filter(|&span| span != Span::START);
        let spans = named.chain(problems.iter().map(|problem| problem.span));
        let text = text.or(match problems {
            [problem] => problem.source.as_deref(),
            _ => None,
        });
        let lines = text.map(|text| cache::Lines::of(text, spans)).unwrap_or_default();
        self.kept = Kept::New(Box::new(cache::Fresh::new(self.path, stamp, hash, self.scratch, lines)));
    }
}

/// The note of the cache's record at `at`, derived; `None` when its entry
/// does not read. Its problems are printed with the lines its entry keeps;
/// when one is not on them (the derivation of another day found it), the
/// note's text is read for them (and must be what the cache holds: else
/// `None`, and the note is read again).
fn from_cache<T, F>(
    vault: &Vault,
    task: &mut Task<'_>,
    index: &cache::Index<'_>,
    at: usize,
    file: NoteRef<'_>,
    today: NaiveDate,
    view: &F,
) -> Option<FileResult<T>>
where
    F: Fn(Note<'_>, &Playbook, Derived, AsRead<'_>) -> T,
{
    let record = index.record(at)?;
    let entry = index.entry(at, &mut task.window)?;
    let (lines, entry) = cache::split(entry)?;
    let parsed = cache::parsed(entry, file.relative)?;
    let mut result = finish(vault, parsed, Fingerprint::from(record.fingerprint), None, today, view);
    if !lines.attach(&mut result.problems) {
        let bytes = task.reader.read(file, vault.config.max_file_size).ok()??;
        let text = (u64::from(fingerprint(bytes)) == record.fingerprint).then(|| std::str::from_utf8(bytes).ok())??;
        attach_source(&mut result.problems, text);
    }
    Some(result)
}

/// Reads and parses one file, shows `keeper` what it parsed (with the
/// fingerprint of its bytes and its stamp: taken only for a `keeper`), then
/// derives it and shows `keeper` its problems.
fn read_and_parse<T, F>(
    vault: &Vault,
    reader: &mut NoteReader,
    file: NoteRef<'_>,
    today: NaiveDate,
    view: &F,
    mut keeper: Option<&mut Keeper<'_>>,
) -> FileResult<T>
where
    F: Fn(Note<'_>, &Playbook, Derived, AsRead<'_>) -> T,
{
    let read = match keeper {
        Some(_) => reader.read_stamped(file, vault.config.max_file_size),
        None => reader.read(file, vault.config.max_file_size).map(|read| read.map(|bytes| (bytes, None))),
    };
    match read {
        Ok(Some((bytes, stamp))) => {
            let hash = fingerprint(bytes);
            let (parsed, text) = parse_bytes(vault, file.relative, bytes);
            if let Some(keeper) = keeper.as_deref_mut() {
                keeper.parsed(&parsed, hash.into(), stamp);
            }
            let result = finish(vault, parsed, hash, text, today, view);
            if let Some(keeper) = keeper {
                keeper.finished(&result.problems, text);
            }
            result
        }
        Ok(None) => FileResult::skipped(),
        Err(problem) => FileResult::broken(vec![problem]),
    }
}

/// One note's bytes as [`load`] sees them, without any I/O: the contact,
/// when the file is one, and the file's problems. For fuzzing and tests.
pub fn contact_from_bytes(
    vault: &Vault,
    file: &str,
    bytes: &[u8],
    today: NaiveDate,
) -> (Option<Contact>, Vec<Problem>) {
    let (parsed, text) = parse_bytes(vault, file, bytes);
    let result = finish(vault, parsed, fingerprint(bytes), text, today, &contact_with_extra);
    (result.contact, result.problems)
}

/// What the parse stage makes of a file's bytes, and its text when it is
/// UTF-8 with front matter.
fn parse_bytes<'a>(vault: &Vault, file: &'a str, bytes: &'a [u8]) -> (Parsed<'a>, Option<&'a str>) {
    match parse::decode(file, bytes) {
        Ok(Some(text)) => (parse_in(vault, file, text), Some(text)),
        Ok(None) => (Parsed::NotAContact, None),
        Err(problem) => (Parsed::Broken(vec![problem]), None),
    }
}

/// A parsed file, derived and seen by `view`; its problems get `text` (the
/// note's), to be printed with.
fn finish<T, F>(
    vault: &Vault,
    parsed: Parsed<'_>,
    fingerprint: Fingerprint,
    text: Option<&str>,
    today: NaiveDate,
    view: &F,
) -> FileResult<T>
where
    F: Fn(Note<'_>, &Playbook, Derived, AsRead<'_>) -> T,
{
    let attach = |problems: &mut Vec<Problem>| {
        if let Some(text) = text {
            attach_source(problems, text);
        }
    };
    let (note, mut problems) = match parsed {
        Parsed::NotAContact => return FileResult::skipped(),
        Parsed::LeftOut => return FileResult::left_out(),
        Parsed::Broken(mut problems) => {
            attach(&mut problems);
            return FileResult::broken(problems);
        }
        Parsed::Contact(note, problems) => (note, problems),
    };
    let (playbook, unknown) = playbook_for(vault, &note);
    problems.extend(unknown);
    problems.extend(unknown_owners(vault, &note));
    let context = context(vault, today);
    let (derived, derive_problems) = derive::derive(&note, playbook, &context);
    problems.extend(derive_problems);
    attach(&mut problems);
    FileResult {
        read_as: ReadAs::Note,
        contact: Some(view(note, playbook, derived, AsRead { fingerprint, text })),
        problems,
    }
}

/// The day and settings of a derivation in this vault.
pub fn context(vault: &Vault, today: NaiveDate) -> Context<'_> {
    let config = &vault.config;
    Context {
        today,
        horizon_days: config.horizon_days,
        calendar: Calendar { business_days: config.business_days, holidays: &config.holidays },
    }
}

/// Parses one note's text as a contact of this vault: see
/// [`parse::parse_contact`].
pub(crate) fn parse_in<'a>(vault: &Vault, file: &'a str, text: &'a str) -> Parsed<'a> {
    parse::parse_contact(file, text, &vault.config.keywords, &vault.config.contacts.selection)
}

/// What one note's text turned out to be, derived.
#[derive(Debug)]
pub(crate) enum Derivation<T> {
    /// No front matter: not a contact.
    NotAContact,
    /// Front matter that nudge.yaml's `contacts:` does not take.
    LeftOut,
    /// A note that could not be read as a contact, and why.
    Broken(Vec<Problem>),
    /// A contact, as `view` saw it.
    Contact(T),
}

/// Parses and derives one note's `text` in this vault and hands the result
/// to `view`, with the note's problems (sorted).
pub(crate) fn derive_text<'t, T>(
    vault: &Vault,
    file: &'t str,
    text: &'t str,
    today: NaiveDate,
    view: impl FnOnce(&Note<'t>, &Playbook, &Derived, Vec<Problem>) -> T,
) -> Derivation<T> {
    match parse_in(vault, file, text) {
        Parsed::NotAContact => Derivation::NotAContact,
        Parsed::LeftOut => Derivation::LeftOut,
        Parsed::Broken(mut problems) => {
            attach_source(&mut problems, text);
            Derivation::Broken(problems)
        }
        Parsed::Contact(note, mut problems) => {
            let (playbook, unknown) = playbook_for(vault, &note);
            problems.extend(unknown);
            problems.extend(unknown_owners(vault, &note));
            let (derived, more) = derive::derive(&note, playbook, &context(vault, today));
            problems.extend(more);
            problems.sort();
            attach_source(&mut problems, text);
            Derivation::Contact(view(&note, playbook, &derived, problems))
        }
    }
}

/// The contact's playbook; an unknown name is an error, and the default
/// playbook stands in so the contact still shows up.
pub(crate) fn playbook_for<'v>(vault: &'v Vault, note: &Note<'_>) -> (&'v Playbook, Option<Problem>) {
    let playbooks = &vault.config.playbooks;
    let default = &vault.config.default_playbook;
    let named = note.front.playbook.as_deref().unwrap_or(default);
    match playbooks.get(named) {
        Some(playbook) => (playbook, None),
        None => {
            let fallback = playbooks.get(default).unwrap_or_else(|| playbooks.first());
            let message = format!(
                "{}: using {} meanwhile; fix the name or define it under `playbooks:` in nudge.yaml",
                playbooks.unknown(named, &quotable(named)),
                fallback.name
            );
            (fallback, Some(Problem::error(note.file, note.front.spans.playbook, message)))
        }
    }
}

/// A warning for each `owner` of the note that nudge.yaml's `owners:` does
/// not list (when it lists the team), with a did-you-mean: the contact is
/// kept, under the owner written (docs/src/teams.md).
pub(crate) fn unknown_owners(vault: &Vault, note: &Note<'_>) -> Vec<Problem> {
    let team = &vault.config.team;
    if !team.is_listed() {
        return Vec::new();
    }
    let unknown = note.front.owner.iter().filter(|owner| team.find(owner).is_none());
    unknown
        .map(|owner| {
            let message = format!("{}; fix the handle, or add them to `owners:`", team.unknown(owner));
            Problem::warning(note.file, note.front.spans.owner, message)
        })
        .collect()
}

#[cfg(test)]
mod tests;
