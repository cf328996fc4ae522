//! The read side of every command: discover the files, parse each one and
//! derive its state, on all cores, then one sort. Each file becomes a small
//! owned [`Contact`]; note bodies are dropped as soon as they are read.

use std::io::Read;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::derive::{self, Calendar, Context, Derived, Playbook};
use crate::discover::{NoteFile, Vault, walk};
use crate::model::{Channel, Outcome};
use crate::parse::{self, FrontMatter, Note, Parsed};
use crate::position::Position;
use crate::problem::Problem;

/// Notes larger than this are not read (a note is a few kilobytes; a file
/// this big is an export or a mistake).
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// One contact, derived, with what the outputs show of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    /// The file, relative to the vault, with `/` separators.
    pub file: String,
    /// The display name.
    pub name: String,
    /// The front matter.
    pub front: FrontMatter,
    /// The playbook in force (the default when the note names an unknown one).
    pub playbook: String,
    /// State, due date, hints, reason.
    pub derived: Derived,
    /// The last counted touch.
    pub last_touch: Option<LastTouch>,
    /// The file's state when it was read: see [`fingerprint`].
    pub fingerprint: String,
}

/// The last counted touch, as the outputs show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastTouch {
    /// The day.
    pub date: NaiveDate,
    /// The keywords as written.
    pub keywords: String,
    /// The free text.
    pub text: String,
    /// Its channel.
    pub channel: Channel,
    /// Its outcome.
    pub outcome: Outcome,
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
}

/// Reads and derives every contact of the vault.
pub fn load(vault: &Vault, today: NaiveDate) -> Loaded<Contact> {
    let mut loaded = load_each(vault, today, contact);
    loaded.problems.extend(duplicates(&loaded.contacts));
    loaded.problems.sort();
    loaded
}

/// Reads every note of the vault and maps each contact with `view`, in
/// parallel; `view` sees the whole note, borrowed, before it is dropped.
pub fn load_with<T, F>(vault: &Vault, today: NaiveDate, view: F) -> Loaded<T>
where
    T: Send,
    F: Fn(&Note<'_>, &Playbook, &Derived) -> T + Sync,
{
    load_each(vault, today, |note, playbook, derived, _fingerprint| view(note, playbook, derived))
}

/// [`load_with`], with each file's [`fingerprint`] given to `view` too.
fn load_each<T, F>(vault: &Vault, today: NaiveDate, view: F) -> Loaded<T>
where
    T: Send,
    F: Fn(&Note<'_>, &Playbook, &Derived, &str) -> T + Sync,
{
    let walk = walk(&vault.root, &vault.config);
    let results: Vec<FileResult<T>> = walk.files.par_iter().map(|file| read_one(vault, file, today, &view)).collect();
    let mut loaded = Loaded { contacts: Vec::with_capacity(results.len()), problems: walk.problems, notes: 0 };
    for result in results {
        loaded.notes += usize::from(result.is_note);
        loaded.contacts.extend(result.contact);
        loaded.problems.extend(result.problems);
    }
    loaded.problems.sort();
    loaded
}

/// What one file gave.
struct FileResult<T> {
    is_note: bool,
    contact: Option<T>,
    problems: Vec<Problem>,
}

impl<T> FileResult<T> {
    fn skipped() -> Self {
        Self { is_note: false, contact: None, problems: Vec::new() }
    }

    fn broken(problems: Vec<Problem>) -> Self {
        Self { is_note: true, contact: None, problems }
    }
}

fn read_one<T, F>(vault: &Vault, file: &NoteFile, today: NaiveDate, view: &F) -> FileResult<T>
where
    F: Fn(&Note<'_>, &Playbook, &Derived, &str) -> T,
{
    let read = match read_note(file) {
        Ok(Some(read)) => read,
        Ok(None) => return FileResult::skipped(),
        Err(problem) => return FileResult::broken(vec![problem]),
    };
    let text = match parse::decode(&file.relative, &read.bytes) {
        Ok(Some(text)) => text,
        Ok(None) => return FileResult::skipped(),
        Err(problem) => return FileResult::broken(vec![problem]),
    };
    let (note, mut problems) = match parse::parse_note(&file.relative, text, &vault.config.keywords) {
        Parsed::NotAContact => return FileResult::skipped(),
        Parsed::Broken(problems) => return FileResult::broken(problems),
        Parsed::Contact(note, problems) => (note, problems),
    };
    let (playbook, unknown) = playbook_for(vault, &note);
    problems.extend(unknown);
    let context = context(vault, today);
    let (derived, derive_problems) = derive::derive(&note, playbook, &context);
    problems.extend(derive_problems);
    FileResult { is_note: true, contact: Some(view(&note, playbook, &derived, &read.fingerprint)), problems }
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

/// What one note's text turned out to be, derived.
#[derive(Debug)]
pub enum Derivation<T> {
    /// No front matter: not a contact.
    NotAContact,
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
    match parse::parse_note(file, text, &vault.config.keywords) {
        Parsed::NotAContact => Derivation::NotAContact,
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
            let known: Vec<&str> = playbooks.names().collect();
            let message = format!(
                "unknown playbook '{named}' (known: {}): using {} meanwhile; fix the name or define it under `playbooks:` in nudge.yaml",
                known.join(", "),
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
    pub fingerprint: String,
}

/// Reads a note file: its bytes; see [`read_note`].
pub fn read_note_bytes(file: &NoteFile) -> Result<Option<Vec<u8>>, Problem> {
    Ok(read_note(file)?.map(|read| read.bytes))
}

/// Reads a note file and fingerprints it; `Ok(None)` for a file too big to
/// be a note that has no front matter either (so it is no contact), an
/// error problem otherwise.
pub fn read_note(file: &NoteFile) -> Result<Option<ReadNote>, Problem> {
    let cannot = |error: std::io::Error| {
        Problem::error(
            &file.relative,
            Position::START,
            format!("cannot read this file: {error}; check its permissions"),
        )
    };
    let mut handle = std::fs::File::open(&file.path).map_err(cannot)?;
    let metadata = handle.metadata().map_err(cannot)?;
    let size = metadata.len();
    if size > MAX_FILE_SIZE {
        let mut start = [0u8; 8];
        let read = handle.read(&mut start).map_err(cannot)?;
        if !parse::front_matter::starts_with_front_matter(start.get(..read).unwrap_or_default()) {
            return Ok(None);
        }
        let message = format!(
            "the note is {} MB, more than the {} MB a note may have: not read; split it or exclude it in nudge.yaml",
            size / 1_000_000,
            MAX_FILE_SIZE / 1_000_000
        );
        return Err(Problem::error(&file.relative, Position::START, message));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    handle.read_to_end(&mut bytes).map_err(cannot)?;
    let fingerprint = fingerprint(&bytes);
    Ok(Some(ReadNote { bytes, fingerprint }))
}

/// 16 lowercase hex digits that identify a note's content: its XXH3-64
/// hash. The same bytes give the same fingerprint on every machine and
/// checkout (modification times play no part), so the agenda depends on the
/// notes alone; a file edited since almost surely has another fingerprint.
pub fn fingerprint(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// The owned summary of a contact that the outputs use; `fingerprint`
/// identifies the file's state as it was read.
pub fn contact(note: &Note<'_>, playbook: &Playbook, derived: &Derived, fingerprint: &str) -> Contact {
    let last_date = derived.last_touch.unwrap_or(NaiveDate::MIN);
    let last =
        derive::timeline(&note.touches, last_date).last().filter(|_| derived.last_touch.is_some()).map(|touch| {
            LastTouch {
                date: touch.date,
                keywords: touch.keywords.trim_end_matches(':').to_owned(),
                text: touch.text.split_whitespace().collect::<Vec<_>>().join(" "),
                channel: touch.channel,
                outcome: touch.outcome,
            }
        });
    Contact {
        file: note.file.to_owned(),
        name: note.name().to_owned(),
        front: note.front.clone(),
        playbook: playbook.name.clone(),
        derived: derived.clone(),
        last_touch: last,
        fingerprint: fingerprint.to_owned(),
    }
}

/// Warnings for contacts kept twice: the same email, or the same name and
/// company. The later file (in path order) gets the warning, naming the first.
fn duplicates(contacts: &[Contact]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut emails: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    let mut names: std::collections::HashMap<(String, String), &str> = std::collections::HashMap::new();
    for contact in contacts {
        let front = &contact.front;
        if let Some(email) = front.email.as_deref().map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()) {
            if let Some(first) = emails.get(&email) {
                let message = format!("duplicate contact: same email as {first}; merge the two files or remove one");
                problems.push(Problem::warning(&contact.file, front.positions.email, message));
                continue;
            }
            emails.insert(email, &contact.file);
        }
        let key = (contact.name.to_lowercase(), front.company.as_deref().unwrap_or_default().to_lowercase());
        if let Some(first) = names.get(&key) {
            let message =
                format!("duplicate contact: same name and company as {first}; merge the two files or remove one");
            problems.push(Problem::warning(&contact.file, front.positions.name, message));
            continue;
        }
        names.insert(key, &contact.file);
    }
    problems
}
