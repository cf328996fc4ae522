//! The read side of every command: discover the files, parse each one and
//! derive its state, on all cores, then one sort. Each file becomes a small
//! owned [`Contact`]; note bodies are dropped as soon as they are read.

use std::cell::Cell;
use std::hash::Hasher;
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::caseless;
use crate::derive::{self, Calendar, Context, Derived, Playbook};
use crate::discover::config::human_size;
use crate::discover::open::{Folders, regular_size};
use crate::discover::{NoteFile, Vault, walk};
use crate::model::{Channel, Outcome};
use crate::parse::front_matter::Extra;
use crate::parse::{self, FrontMatter, Note, Parsed, Touch};
use crate::position::Position;
use crate::problem::{Problem, shown};

/// One contact, derived, with what the outputs show of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    /// The file, relative to the vault, with `/` separators.
    pub file: String,
    /// The front matter.
    pub front: FrontMatter,
    /// The playbook in force (the default when the note names an unknown
    /// one): shared with the vault's playbook, not copied.
    pub playbook: Arc<str>,
    /// State, due date, hints, reason.
    pub derived: Derived,
    /// The last counted touch.
    pub last_touch: Option<LastTouch>,
    /// The file's state when it was read: see [`fingerprint`].
    pub fingerprint: Fingerprint,
    /// What makes two contacts the same person.
    pub identity: Identity,
}

impl Contact {
    /// The display name: see [`parse::display_name`].
    pub fn name(&self) -> &str {
        parse::display_name(&self.front, &self.file)
    }
}

/// Hashes, ignoring case, of what makes two contacts the same person: the
/// email (when there is one), and the `name` written in the front matter
/// with the company (never a name taken from the file's name: `index.md`
/// in two folders is not one person twice). Made while the note is read,
/// so that finding duplicates reads no contact again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    /// The email's hash.
    pub email: Option<u64>,
    /// The hash of the written name and the company.
    pub name: Option<u64>,
}

impl Identity {
    fn of(front: &FrontMatter) -> Self {
        let email = email_of(front).map(|email| caseless_hash(&[email]));
        let name = written_name(front).map(|name| caseless_hash(&[name, company_of(front)]));
        Self { email, name }
    }
}

/// The last counted touch, as the outputs show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastTouch {
    /// The day.
    pub date: NaiveDate,
    /// Its channel.
    pub channel: Channel,
    /// Its outcome.
    pub outcome: Outcome,
    /// The keywords, then the free text, in one string (one allocation).
    words: String,
    /// Where the keywords end in `words`.
    keywords_end: usize,
}

impl LastTouch {
    fn of(touch: &Touch<'_>) -> Self {
        let keywords = touch.keywords;
        let mut words = String::with_capacity(keywords.len() + touch.text.len());
        words.push_str(keywords);
        for (index, word) in touch.text.split_whitespace().enumerate() {
            if index > 0 {
                words.push(' ');
            }
            words.push_str(word);
        }
        Self { date: touch.date, channel: touch.channel, outcome: touch.outcome, words, keywords_end: keywords.len() }
    }

    /// The keywords as written.
    pub fn keywords(&self) -> &str {
        self.words.get(..self.keywords_end).unwrap_or_default()
    }

    /// The free text, on one line: its words joined by single spaces.
    pub fn text(&self) -> &str {
        self.words.get(self.keywords_end..).unwrap_or_default()
    }
}

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
pub fn release<T: Send + 'static>(value: T) {
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
    let mut loaded = match unknown_keys {
        UnknownKeys::Keep => load_each(vault, today, contact_with_extra),
        UnknownKeys::Drop => load_each(vault, today, contact),
    };
    loaded.problems.extend(duplicates(&loaded.contacts));
    loaded.problems.sort();
    loaded
}

/// The most notes one reading task takes. Rayon splits the list of files
/// in a few large parts and splits a part again only when a core runs out
/// of work and steals it; a part being read is not split, so a core could
/// finish early and wait for the other for up to a tenth of a second at
/// 100,000 notes (seen in perf timelines). Parts of this size (2-3 ms of
/// work) keep the cores even to that; each costs a task and a [`Reader`].
const FILES_PER_TASK: usize = 256;

/// Reads every note of the vault and maps each contact with `view`, in
/// parallel; `view` sees the whole note, borrowed, before it is dropped.
pub fn load_with<T, F>(vault: &Vault, today: NaiveDate, view: F) -> Loaded<T>
where
    T: Send,
    F: Fn(&Note<'_>, &Playbook, &Derived) -> T + Sync,
{
    load_each(vault, today, |note, playbook, derived, _fingerprint| view(&note, playbook, &derived))
}

/// [`load_with`], with the note and its derivation given to `view` to keep
/// (no copy), and each file's [`fingerprint`] too.
fn load_each<T, F>(vault: &Vault, today: NaiveDate, view: F) -> Loaded<T>
where
    T: Send,
    F: Fn(Note<'_>, &Playbook, Derived, Fingerprint) -> T + Sync,
{
    let walk = walk(&vault.root, &vault.config);
    // Written in place, one slot per file, contacts apart: at 100,000 files
    // a second array of contacts built from the first would be 45 MB more.
    // Each file's name is freed where it was read, not all at the end.
    let mut contacts: Vec<Option<T>> = Vec::new();
    let mut outcomes: Vec<(ReadAs, Vec<Problem>)> = Vec::new();
    walk.files
        .into_par_iter()
        .with_max_len(FILES_PER_TASK)
        .map_init(Reader::default, |reader, file| {
            let result = read_one(vault, reader, &file, today, &view);
            (result.contact, (result.read_as, result.problems))
        })
        .unzip_into_vecs(&mut contacts, &mut outcomes);
    let mut loaded = Loaded { contacts: in_place_some(contacts), problems: walk.problems, notes: 0, left_out: 0 };
    for (read_as, problems) in outcomes {
        loaded.notes += usize::from(read_as == ReadAs::Note);
        loaded.left_out += usize::from(read_as == ReadAs::LeftOut);
        loaded.problems.extend(problems);
    }
    loaded.problems.sort();
    loaded
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

/// What a task that reads notes one after the other keeps between them:
/// the folder open ([`Folders`]), and one buffer for the notes' bytes
/// (a note is parsed from it and the buffer read into again: no
/// allocation per note, and memory the cache already holds). The buffer
/// is the thread's ([`READ_BUFFER`]): taken when a task starts, given back
/// when it ends.
#[derive(Debug)]
struct Reader {
    folders: Folders,
    bytes: Vec<u8>,
}

thread_local! {
    /// The read buffer of the [`Reader`]s of this thread, between tasks: a
    /// task's own would be freed at its end, and freeing a buffer of tens
    /// of kilobytes makes the allocator tidy all its small free blocks
    /// (`malloc_consolidate`), hundreds of times a run.
    static READ_BUFFER: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

impl Default for Reader {
    fn default() -> Self {
        Self { folders: Folders::default(), bytes: READ_BUFFER.take() }
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        READ_BUFFER.set(std::mem::take(&mut self.bytes));
    }
}

fn read_one<T, F>(vault: &Vault, reader: &mut Reader, file: &NoteFile, today: NaiveDate, view: &F) -> FileResult<T>
where
    F: Fn(Note<'_>, &Playbook, Derived, Fingerprint) -> T,
{
    match read_note_into(&mut reader.folders, &mut reader.bytes, file, vault.config.max_file_size) {
        Ok(true) => from_bytes(vault, &file.relative, &reader.bytes, today, view),
        Ok(false) => FileResult::skipped(),
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
    let result = from_bytes(vault, file, bytes, today, &contact_with_extra);
    (result.contact, result.problems)
}

fn from_bytes<T, F>(vault: &Vault, file: &str, bytes: &[u8], today: NaiveDate, view: &F) -> FileResult<T>
where
    F: Fn(Note<'_>, &Playbook, Derived, Fingerprint) -> T,
{
    let text = match parse::decode(file, bytes) {
        Ok(Some(text)) => text,
        Ok(None) => return FileResult::skipped(),
        Err(problem) => return FileResult::broken(vec![problem]),
    };
    let (note, mut problems) = match parse_in(vault, file, text) {
        Parsed::NotAContact => return FileResult::skipped(),
        Parsed::LeftOut => return FileResult::left_out(),
        Parsed::Broken(problems) => return FileResult::broken(problems),
        Parsed::Contact(note, problems) => (note, problems),
    };
    let (playbook, unknown) = playbook_for(vault, &note);
    problems.extend(unknown);
    let context = context(vault, today);
    let (derived, derive_problems) = derive::derive(&note, playbook, &context);
    problems.extend(derive_problems);
    FileResult { read_as: ReadAs::Note, contact: Some(view(note, playbook, derived, fingerprint(bytes))), problems }
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
pub fn parse_in<'a>(vault: &Vault, file: &'a str, text: &'a str) -> Parsed<'a> {
    parse::parse_contact(file, text, &vault.config.keywords, &vault.config.contacts.selection)
}

/// What one note's text turned out to be, derived.
#[derive(Debug)]
pub enum Derivation<T> {
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
pub fn derive_text<'t, T>(
    vault: &Vault,
    file: &'t str,
    text: &'t str,
    today: NaiveDate,
    view: impl FnOnce(&Note<'t>, &Playbook, &Derived, Vec<Problem>) -> T,
) -> Derivation<T> {
    match parse_in(vault, file, text) {
        Parsed::NotAContact => Derivation::NotAContact,
        Parsed::LeftOut => Derivation::LeftOut,
        Parsed::Broken(problems) => Derivation::Broken(problems),
        Parsed::Contact(note, mut problems) => {
            let (playbook, unknown) = playbook_for(vault, &note);
            problems.extend(unknown);
            let (derived, more) = derive::derive(&note, playbook, &context(vault, today));
            problems.extend(more);
            problems.sort();
            Derivation::Contact(view(&note, playbook, &derived, problems))
        }
    }
}

/// The contact's playbook; an unknown name is an error, and the default
/// playbook stands in so the contact still shows up.
pub fn playbook_for<'v>(vault: &'v Vault, note: &Note<'_>) -> (&'v Playbook, Option<Problem>) {
    let playbooks = &vault.config.playbooks;
    let default = &vault.config.default_playbook;
    let fallback = playbooks.get(default).unwrap_or_else(|| playbooks.first());
    let named = note.front.playbook.as_deref().unwrap_or(default);
    match playbooks.get(named) {
        Some(playbook) => (playbook, None),
        None => {
            let message = format!(
                "{}: using {} meanwhile; fix the name or define it under `playbooks:` in nudge.yaml",
                playbooks.unknown(named, &shown(named)),
                fallback.name
            );
            (fallback, Some(Problem::error(note.file, note.front.positions.playbook, message)))
        }
    }
}

/// A note file as read: its bytes and its [`fingerprint`].
#[derive(Debug)]
pub struct ReadNote {
    /// The whole file.
    pub bytes: Vec<u8>,
    /// A hash of its bytes: see [`fingerprint`].
    pub fingerprint: Fingerprint,
}

/// Reads a note file: its bytes; see [`read_note`].
pub fn read_note_bytes(file: &NoteFile, max_size: u64) -> Result<Option<Vec<u8>>, Problem> {
    Ok(read_note(file, max_size)?.map(|read| read.bytes))
}

/// Reads a note file and fingerprints it. `Ok(None)` when it is no contact
/// after all: not a regular file any more (a FIFO is never waited on, a
/// symlink never followed), or bigger than `max_size` without front matter.
/// A note bigger than `max_size` is an error, read no further than that.
/// (A FIFO put in a note's place after the walk, with a writer on the
/// other end, is read for what it holds at once: it is only known for what
/// it is when nothing comes.)
pub fn read_note(file: &NoteFile, max_size: u64) -> Result<Option<ReadNote>, Problem> {
    let mut bytes = Vec::new();
    Ok(read_note_into(&mut Folders::default(), &mut bytes, file, max_size)?
        .then(|| ReadNote { fingerprint: fingerprint(&bytes), bytes }))
}

/// [`read_note`] into `bytes` (emptied first), opening the note relative
/// to its folder (see [`Folders`]); `Ok(false)` when it is no contact
/// after all.
fn read_note_into(folders: &mut Folders, bytes: &mut Vec<u8>, file: &NoteFile, max_size: u64) -> Result<bool, Problem> {
    let cannot = |error: std::io::Error| {
        Problem::error(
            &file.relative,
            Position::START,
            format!("cannot read this file: {error}; check its permissions"),
        )
    };
    let too_big = |size: u64| {
        let (mut size_words, mut limit_words) = (human_size(size), human_size(max_size));
        if size_words == limit_words {
            (size_words, limit_words) = (format!("{size} bytes"), format!("{max_size} bytes"));
        }
        let message = format!(
            "the note is {size_words}, more than the {limit_words} a note may have: not read; split it, exclude it in nudge.yaml, or raise `max_file_size` there"
        );
        Problem::error(&file.relative, Position::START, message)
    };
    bytes.clear();
    let handle = folders.open(&file.path).map_err(cannot)?;
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
        if !parse::front_matter::starts_with_front_matter(bytes) {
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

impl From<u64> for Fingerprint {
    fn from(hash: u64) -> Self {
        Self(hash)
    }
}

/// The [`Fingerprint`] of a note's bytes.
pub fn fingerprint(bytes: &[u8]) -> Fingerprint {
    Fingerprint(xxhash_rust::xxh3::xxh3_64(bytes))
}

/// The owned summary of a contact that the outputs use, made of the note
/// and its derivation (moved, not copied), without the front matter keys
/// nudge does not read ([`UnknownKeys::Drop`]); `fingerprint` identifies
/// the file's state as it was read.
pub fn contact(note: Note<'_>, playbook: &Playbook, derived: Derived, fingerprint: Fingerprint) -> Contact {
    let last = derived.last_touch.and_then(|day| derive::last_counted(&note.touches, day)).map(LastTouch::of);
    let identity = Identity::of(&note.front);
    Contact {
        identity,
        file: note.file.to_owned(),
        front: note.front,
        playbook: playbook.name.clone(),
        derived,
        last_touch: last,
        fingerprint,
    }
}

/// [`contact`], keeping the front matter keys nudge does not read
/// ([`UnknownKeys::Keep`]).
pub fn contact_with_extra(
    mut note: Note<'_>,
    playbook: &Playbook,
    derived: Derived,
    fingerprint: Fingerprint,
) -> Contact {
    note.front.extra = Extra::of(note.extra);
    contact(note, playbook, derived, fingerprint)
}

/// Warnings for contacts kept twice: the same email, or the same written
/// `name` and company (both without a company count as the same), ignoring
/// case. The later file (in path order) gets the warning, naming the first
/// and what matched; a contact found twice by email is not looked for again
/// by name.
fn duplicates(contacts: &[Contact]) -> Vec<Problem> {
    let by_email: Vec<(u64, usize)> =
        contacts.iter().enumerate().filter_map(|(index, contact)| Some((contact.identity.email?, index))).collect();
    let same_email = |a: usize, b: usize| {
        let email = |index: usize| contacts.get(index).and_then(|contact| email_of(&contact.front)).unwrap_or_default();
        caseless::eq(email(a), email(b))
    };
    let email_twice = later_and_first(by_email, same_email);
    let mut counted = vec![false; contacts.len()];
    for &(later, _) in &email_twice {
        if let Some(seen) = counted.get_mut(later) {
            *seen = true;
        }
    }
    let by_name: Vec<(u64, usize)> = contacts
        .iter()
        .zip(&counted)
        .enumerate()
        .filter(|(_, (_, counted))| !**counted)
        .filter_map(|(index, (contact, _))| Some((contact.identity.name?, index)))
        .collect();
    let same_name = |a: usize, b: usize| match (contacts.get(a), contacts.get(b)) {
        (Some(a), Some(b)) => {
            let (a, b) = (&a.front, &b.front);
            caseless::eq(written_name(a).unwrap_or_default(), written_name(b).unwrap_or_default())
                && caseless::eq(company_of(a), company_of(b))
        }
        _ => false,
    };
    let name_twice = later_and_first(by_name, same_name);
    let warning = |(later, first): (usize, usize), what: &str, at: Position| {
        let (later, first) = (contacts.get(later)?, contacts.get(first)?);
        let message = format!("duplicate contact: same {what} as {}; merge the two files or remove one", first.file);
        Some(Problem::warning(&later.file, at, message))
    };
    let by_email =
        email_twice.into_iter().filter_map(|pair| warning(pair, "email", contacts.get(pair.0)?.front.positions.email));
    let by_name = name_twice.into_iter().filter_map(|pair| {
        let later = &contacts.get(pair.0)?.front;
        let what = if company_of(later).is_empty() { "name, both without a company," } else { "name and company" };
        warning(pair, what, later.positions.name)
    });
    by_email.chain(by_name).collect()
}

/// The `name` written in the front matter, when there is one: a name taken
/// from the file's name says nothing about the person.
fn written_name(front: &FrontMatter) -> Option<&str> {
    front.name.as_deref().map(str::trim).filter(|name| !name.is_empty())
}

/// The email a duplicate is known by, when there is one.
fn email_of(front: &FrontMatter) -> Option<&str> {
    front.email.as_deref().map(str::trim).filter(|email| !email.is_empty())
}

/// The company a duplicate is known by (with the name), empty for none.
fn company_of(front: &FrontMatter) -> &str {
    front.company.as_deref().unwrap_or_default()
}

/// The items found twice among `keyed` (hash and index), as pairs of the
/// later index and the first index with the same key (`same` tells keys
/// apart when hashes collide). The sort runs on all cores; the scan that
/// follows reads each run of equal hashes once.
fn later_and_first(mut keyed: Vec<(u64, usize)>, same: impl Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
    keyed.par_sort_unstable();
    let mut pairs = Vec::new();
    for run in keyed.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        // In index order: the first of each key is met first.
        let mut firsts: Vec<usize> = Vec::new();
        for &(_, index) in run {
            match firsts.iter().find(|&&first| same(first, index)) {
                Some(&first) => pairs.push((index, first)),
                None => firsts.push(index),
            }
        }
    }
    pairs
}

/// A hash of `texts`, ignoring case ([`caseless::hash`]).
fn caseless_hash(texts: &[&str]) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    for text in texts {
        caseless::hash(&mut hasher, text);
        // Not UTF-8: `ab` + `c` and `a` + `bc` hash apart.
        hasher.write_u8(0xFF);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut folders = Folders::default();
        let mut read = |file: &NoteFile, max_size: u64| {
            read_note_into(&mut folders, &mut bytes, file, max_size).map(|ok| ok.then(|| bytes.clone()))
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

    #[test]
    fn keys_whose_hashes_collide_are_told_apart() {
        let keys = ["a", "b", "A", "c", "B", "a"];
        // Every hash the same: only the comparison tells the keys apart.
        let keyed = (0..keys.len()).map(|index| (7, index)).collect();
        let pairs = later_and_first(keyed, |a, b| caseless::eq(keys[a], keys[b]));
        assert_eq!(pairs, [(2, 0), (4, 1), (5, 0)]);
    }

    #[test]
    fn caseless_keys_ignore_case_and_keep_their_parts_apart() {
        assert_eq!(caseless_hash(&["Dana", "ACME"]), caseless_hash(&["dana", "acme"]));
        assert_ne!(caseless_hash(&["ab", "c"]), caseless_hash(&["a", "bc"]));
        assert_eq!(caseless_hash(&["DANA", "Élie"]), caseless_hash(&["dana", "élie"]));
        assert_eq!(caseless_hash(&["\u{212A}im"]), caseless_hash(&["kim"]));
    }
}
