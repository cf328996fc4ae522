//! `nudge import FILE... [--playbook P] [--map KEY=COLUMN,...] [--update]
//! [--dry-run] [--spread N/day]` (docs/src/import.md): contact notes from
//! vCard and CSV exports. Every file is read whole first; then, under the
//! vault's lock, each contact is matched against the vault ([`dedup`]):
//! a new one gets a note from the contact template, one already there is
//! skipped, or with `--update` gets the fields it lacks. Each note is
//! written atomically, and only after every note was rendered and checked.

mod dedup;
mod spread;

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use minijinja::Value;
use rayon::prelude::*;

use crate::cli::ImportArgs;
use crate::commands::contact_note::{self, ContactTemplate};
use crate::commands::{Exit, Say, Session, agenda_file, print};
use crate::derive::{Calendar, State};
use crate::discover::Vault;
use crate::discover::walk::ContactFolders;
use crate::error::Error;
use crate::load;
use crate::load::resolve::slug;
use crate::parse::front_matter::{self, Opening};
use crate::parse::import::{self, Encoding, Record};
use crate::parse::{self as note_parse, Parsed};
use crate::render::contact::{NewContact, yaml};
use crate::write::edit::set_front_matter_key;
use crate::write::journal::FileEdit;
use crate::write::{VaultLock, create_folder, write_in_vault, write_new_all};
use dedup::{Index, Same};

/// Above this many notes to write, a terminal shows how far the writing is.
const PROGRESS_FROM: usize = 300;

/// From this many new contacts due on the day of the import (without
/// `--spread`), the summary says how to stagger them.
const SPREAD_HINT_FROM: usize = 25;

/// One contact read, and where from.
#[derive(Debug)]
struct Incoming {
    record: Record,
    /// `vcard`, `linkedin`, ...: the note's `source`.
    source: &'static str,
    /// `file:line`, for the listing.
    place: String,
}

/// A contact of the vault, as import compares it.
#[derive(Debug)]
struct Existing {
    file: String,
    name: String,
    company: String,
    email: Option<String>,
    /// The day it is due on as a new contact (no touch yet), from today on.
    new_due: Option<chrono::NaiveDate>,
}

/// What is done with one contact.
#[derive(Debug)]
enum Action {
    /// A new note at `file`, due from `added`.
    Create { file: String, text: String, place: String, added: chrono::NaiveDate },
    /// The note `file` gets `keys`.
    Update { file: String, before: String, text: String, keys: Vec<String>, place: String },
    /// Already in the vault as `file`.
    Skip { name: String, file: String, same: Same, place: String },
}

/// Imports the files.
pub(super) fn run(session: &Session, args: &ImportArgs) -> Result<Exit, Error> {
    let vault = &session.vault;
    let playbook = contact_note::playbook(session, args.playbook.as_deref())?;
    let mut incoming = Vec::new();
    for path in &args.files {
        read_file(path, &args.map, &mut incoming)?;
    }
    let read = incoming.len();
    let (people, nameless, merged) = merge(incoming);
    let folder = vault.config.import_folder().to_owned();
    let folders = &vault.config.contacts.folders;
    if !ContactFolders::new(folders).holds(&format!("{folder}/x.md")) {
        return Err(Error::OutsideContacts { file: format!("{folder}/"), folders: folders.clone() });
    }
    let template = ContactTemplate::of(vault)?;
    let lock = if args.dry_run { None } else { Some(VaultLock::acquire(&vault.root)?) };
    let today = session.today;
    let existing = load::load_with(vault, today, |note, _, derived| Existing {
        file: note.file.to_owned(),
        name: note.name().to_owned(),
        company: note.front.company.clone().unwrap_or_default(),
        email: note.front.email.clone(),
        new_due: derived.due.filter(|due| derived.state == State::New && *due >= today),
    })
    .contacts;
    let mut index = Index::new();
    for (at, contact) in existing.iter().enumerate() {
        index.add(contact.email.as_deref(), &contact.name, &contact.company, at);
    }
    let mut new_people = Vec::new();
    let mut actions = Vec::new();
    let mut matched = std::collections::HashSet::new();
    for person in people {
        let (emails, name, company) = dedup::keys(&person.record);
        let Some((at, same)) = index.find(emails, name, company) else {
            new_people.push(person);
            continue;
        };
        let Some(contact) = existing.get(at) else { continue };
        // A note two rows matched (one by email, one by name) is updated once.
        let first_match = matched.insert(at);
        let update = if args.update && first_match { update(vault, &contact.file, &person)? } else { None };
        actions.push(match update {
            Some((before, text, keys)) => {
                Action::Update { file: contact.file.clone(), before, text, keys, place: person.place }
            }
            None => Action::Skip { name: person.record.name, file: contact.file.clone(), same, place: person.place },
        });
    }
    let mut due: HashMap<chrono::NaiveDate, usize> = HashMap::new();
    for day in existing.iter().filter_map(|contact| contact.new_due) {
        *due.entry(day).or_default() += 1;
    }
    let spread = args.spread.map(|per_day| (per_day, &due));
    // In a team vault, the contacts you import are yours, as those you add
    // with `new` (docs/src/teams.md).
    let me = if new_people.is_empty() { None } else { contact_note::my_handle(session)? };
    let values = Values { playbook: playbook.as_deref(), owner: me.as_deref() };
    let creates = creates(session, &template, &folder, values, spread, new_people)?;
    let mut listing = String::new();
    for place in &nameless {
        listing.push_str(&format!("{} {place}\n", verb(args.dry_run, "skip")));
    }
    for (place, into) in &merged {
        listing.push_str(&format!("merged {place} into {into} (the same person)\n"));
    }
    let (mut created, mut updated, mut skipped) = (0, 0, 0);
    for action in creates.iter().chain(&actions) {
        listing.push_str(&describe(action, args.dry_run));
        match action {
            Action::Create { .. } => created += 1,
            Action::Update { .. } => updated += 1,
            Action::Skip { .. } => skipped += 1,
        }
    }
    let mut summary = format!(
        "{}created {created}, updated {updated}, skipped {skipped} (already in the vault)",
        if args.dry_run { "dry run, nothing written: would have " } else { "" }
    );
    if !nameless.is_empty() {
        summary.push_str(&format!(
            ", {}",
            crate::render::count(nameless.len(), "row without a name", "rows without a name")
        ));
    }
    if !merged.is_empty() {
        summary.push_str(&format!(", {} merged into another", merged.len()));
    }
    summary.push_str(&format!(" ({} read)\n", crate::render::count(read, "contact", "contacts")));
    let due_today = creates
        .iter()
        .filter(|action| matches!(action, Action::Create { added, .. } if *added == session.today))
        .count();
    if args.spread.is_none() && due_today >= SPREAD_HINT_FROM {
        summary.push_str(&format!(
            "hint: the {due_today} new contacts are all due today; to have 20 a business day instead, {}import again with --spread 20/day\n",
            if args.dry_run { "" } else { "run `nudge undo` and " }
        ));
    }
    if args.dry_run {
        print(&listing)?;
        print(&summary)?;
        return Ok(Exit::Success);
    }
    write(session, &creates, &actions, &folder)?;
    drop(lock);
    session.say(Say::Out, &listing)?;
    session.say(Say::Out, &summary)?;
    if created + updated > 0 {
        agenda_file::refresh(session, Say::Err);
    }
    Ok(Exit::Success)
}

/// Reads one file into `incoming`; a file that cannot be read whole stops
/// the import.
fn read_file(path: &PathBuf, map: &[(String, String)], incoming: &mut Vec<Incoming>) -> Result<(), Error> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| Error::Io { action: "read", path: path.clone(), source })?;
    let read = import::read(&bytes, map).map_err(|failure| Error::Import {
        file: shown.clone(),
        line: failure.line,
        message: failure.message,
    })?;
    if read.encoding == Encoding::Latin1 {
        eprintln!("nudge: warning: {shown} is not UTF-8: read as Latin-1 (Windows-1252)");
    }
    incoming.extend(read.records.into_iter().map(|record| Incoming {
        place: format!("{shown}:{}", record.line),
        record,
        source: read.source,
    }));
    Ok(())
}

/// The contacts with a name, each person once (a later row that is the
/// same person as an earlier one merged into it), the rows without a name
/// (`file:line: no name`, with their email or company when they have one),
/// and the places of the rows merged with where into.
fn merge(incoming: Vec<Incoming>) -> (Vec<Incoming>, Vec<String>, Vec<(String, String)>) {
    let mut people: Vec<Incoming> = Vec::with_capacity(incoming.len());
    let mut nameless = Vec::new();
    let mut merged = Vec::new();
    let mut index: Index<usize> = Index::new();
    for person in incoming {
        if slug(&person.record.name).is_none() {
            // Whose row it is, when it says.
            let record = &person.record;
            let who = record.emails.first().or(record.company.as_ref());
            let who = who.map(|who| format!(" ({who})")).unwrap_or_default();
            nameless.push(format!("{}: no name{who}", person.place));
            continue;
        }
        let (emails, name, company) = dedup::keys(&person.record);
        if let Some(into) = index.find(emails, name, company).and_then(|(at, _)| people.get_mut(at)) {
            merged.push((person.place, into.place.clone()));
            dedup::merge(&mut into.record, person.record);
            continue;
        }
        let (emails, name, company) = dedup::keys(&person.record);
        index.add(emails, name, company, people.len());
        people.push(person);
    }
    (people, nameless, merged)
}

/// The new notes, rendered and checked: each in `folder` under its name's
/// file name (`-2`, `-3` when taken), `added` from the source, or spread
/// (`spread`: N a day, with the new contacts already due each day), or
/// today.
fn creates(
    session: &Session,
    template: &ContactTemplate,
    folder: &str,
    values: Values<'_>,
    spread: Option<(u32, &HashMap<chrono::NaiveDate, usize>)>,
    people: Vec<Incoming>,
) -> Result<Vec<Action>, Error> {
    let vault = &session.vault;
    let calendar = Calendar { business_days: vault.config.business_days, holidays: &vault.config.holidays };
    // Spread over the contacts whose source gives no `added`.
    let undated = people.iter().filter(|person| person.record.added.is_none()).count();
    let mut spread_dates = spread
        .map(|(per_day, due)| spread::dates(&calendar, session.today, per_day, undated, due))
        .unwrap_or_default()
        .into_iter();
    let mut taken = std::collections::HashSet::new();
    let mut planned = Vec::with_capacity(people.len());
    for person in people {
        let stem = slug(&person.record.name).unwrap_or_default();
        let mut file = format!("{folder}/{stem}.md");
        let mut number = 1;
        while taken.contains(&file) || std::fs::symlink_metadata(vault.path(&file)).is_ok() {
            number += 1;
            file = format!("{folder}/{stem}-{number}.md");
        }
        taken.insert(file.clone());
        let added = person.record.added.or_else(|| spread_dates.next()).unwrap_or(session.today);
        planned.push((file, new_contact(&person, values, added), person));
    }
    planned
        .into_par_iter()
        .map(|(file, contact, person)| {
            let preface = person.record.notes.as_deref().map(quoted);
            let text = template.render(vault, &file, &contact, preface.as_deref())?;
            Ok(Action::Create { file, text, place: person.place, added: contact.added })
        })
        .collect()
}

/// What every new note gets: the playbook (else the vault's default) and
/// the owner (the one importing, in a team vault).
#[derive(Clone, Copy)]
struct Values<'a> {
    playbook: Option<&'a str>,
    owner: Option<&'a str>,
}

/// The template's values for `person`, added on `added`.
fn new_contact(person: &Incoming, values: Values<'_>, added: chrono::NaiveDate) -> NewContact {
    let record = &person.record;
    let mut fields = extra_fields(record, None, None);
    if let Some(connected) = record.connected {
        fields.push(("connected".to_owned(), Value::from(connected.to_string())));
    }
    if let Some(owner) = values.owner.filter(|_| record.field("owner").is_none()) {
        fields.push(("owner".to_owned(), Value::from(owner)));
    }
    fields.push(("source".to_owned(), Value::from(person.source)));
    NewContact {
        name: record.name.clone(),
        company: record.company.clone(),
        role: record.role.clone(),
        email: record.emails.first().cloned(),
        phone: record.phones.first().cloned(),
        playbook: values.playbook.map(str::to_owned),
        tags: record.tags.clone(),
        next: None,
        added,
        fields,
    }
}

/// The front matter keys of `record` nudge does not read: `other_emails`
/// and `other_phones` (the addresses and numbers besides `email` and
/// `phone`, which are `email` and `phone` when given, else the record's
/// first), then its fields.
fn extra_fields(record: &Record, email: Option<&str>, phone: Option<&str>) -> Vec<(String, Value)> {
    let others = |list: &[String], kept: Option<&str>| -> Vec<String> {
        let kept = kept.or(list.first().map(String::as_str)).unwrap_or_default();
        list.iter().filter(|item| !crate::caseless::eq(item, kept)).cloned().collect()
    };
    let mut fields = Vec::new();
    for (key, list) in
        [("other_emails", others(&record.emails, email)), ("other_phones", others(&record.phones, phone))]
    {
        if !list.is_empty() {
            fields.push((key.to_owned(), Value::from(list)));
        }
    }
    fields.extend(record.fields.iter().map(|(key, value)| (key.clone(), Value::from(value.as_str()))));
    fields
}

/// Notes as a block quote, so that no line of them reads as a touch or a
/// heading of the note.
fn quoted(notes: &str) -> String {
    notes
        .trim()
        .lines()
        .map(|line| if line.trim().is_empty() { ">\n".to_owned() } else { format!("> {}\n", line.trim_end()) })
        .collect()
}

/// `--update`: the note `file` with the keys it lacks (absent or empty)
/// set from `person`, every other byte as it was; `None` when it lacks
/// none. Read under the vault's lock.
fn update(vault: &Vault, file: &str, person: &Incoming) -> Result<Option<(String, String, Vec<String>)>, Error> {
    let path = vault.path(file);
    let bytes = std::fs::read(&path).map_err(|source| Error::Io { action: "read", path: path.clone(), source })?;
    let refused =
        |why: &str| Error::CannotEdit { what: "fill in fields".to_owned(), file: file.to_owned(), why: why.to_owned() };
    let text = match note_parse::decode(file, &bytes) {
        Ok(Some(text)) => text.to_owned(),
        _ => return Err(refused("it is not a UTF-8 note with front matter")),
    };
    let Opening::Split(split) = front_matter::split(&text) else { return Ok(None) };
    let written: serde_yaml::Mapping = serde_yaml::from_str(split.yaml).unwrap_or_default();
    let lacks = |key: &str| match written.get(key) {
        None | Some(serde_yaml::Value::Null) => true,
        Some(serde_yaml::Value::String(text)) => text.trim().is_empty(),
        Some(serde_yaml::Value::Sequence(items)) => items.is_empty(),
        Some(_) => false,
    };
    let record = &person.record;
    let has = |key: &str| written.get(key).and_then(serde_yaml::Value::as_str).filter(|value| !value.trim().is_empty());
    let email = if lacks("email") { record.emails.first().map(String::as_str) } else { has("email") };
    let phone = if lacks("phone") { record.phones.first().map(String::as_str) } else { has("phone") };
    let mut values: Vec<(String, Value)> = Vec::new();
    let scalars =
        [("company", record.company.as_deref()), ("role", record.role.as_deref()), ("email", email), ("phone", phone)];
    for (key, value) in scalars {
        if let Some(value) = value.filter(|_| lacks(key)) {
            values.push((key.to_owned(), Value::from(value)));
        }
    }
    if !record.tags.is_empty() && lacks("tags") {
        values.push(("tags".to_owned(), Value::from(record.tags.clone())));
    }
    values.extend(extra_fields(record, email, phone).into_iter().filter(|(key, _)| lacks(key)));
    if values.is_empty() {
        return Ok(None);
    }
    let mut updated = text.clone();
    for (key, value) in &values {
        updated = set_front_matter_key(&updated, key, &yaml(value.clone()))
            .ok_or_else(|| refused("its front matter cannot be found"))?;
    }
    if !matches!(load::parse_in(vault, file, &updated), Parsed::Contact(..)) {
        return Err(Error::UnsafeEdit {
            what: "fill in fields".to_owned(),
            file: file.to_owned(),
            why: "the note would no longer read as a contact".to_owned(),
        });
    }
    Ok(Some((text, updated, values.into_iter().map(|(key, _)| key).collect())))
}

/// `verb` as done, or as it would be done (`would create`).
fn verb(dry_run: bool, verb: &str) -> String {
    let done = match verb {
        "create" => "created",
        "update" => "updated",
        _ => "skipped",
    };
    if dry_run { format!("would {verb}") } else { done.to_owned() }
}

/// The listing's line for `action`.
fn describe(action: &Action, dry_run: bool) -> String {
    match action {
        Action::Create { file, place, .. } => format!("{} {file} (from {place})\n", verb(dry_run, "create")),
        Action::Update { file, keys, place, .. } => {
            format!("{} {file}: {} (from {place})\n", verb(dry_run, "update"), keys.join(", "))
        }
        Action::Skip { name, file, same, place } => {
            format!("{} {place} {name}: already in the vault as {file} ({})\n", verb(dry_run, "skip"), same.words())
        }
    }
}

/// Writes the new notes (all flushed to disk at once) and the updated
/// ones, each atomically, a new one never over a file; a terminal sees the
/// count when there are many.
fn write(session: &Session, creates: &[Action], updates: &[Action], folder: &str) -> Result<(), Error> {
    let vault = &session.vault;
    let new_notes: Vec<(&str, &str)> = creates
        .iter()
        .filter_map(|action| match action {
            Action::Create { file, text, .. } => Some((file.as_str(), text.as_str())),
            _ => None,
        })
        .collect();
    let updated: Vec<(&str, &str, &str)> = updates
        .iter()
        .filter_map(|action| match action {
            Action::Update { file, before, text, .. } => Some((file.as_str(), before.as_str(), text.as_str())),
            _ => None,
        })
        .collect();
    let total = new_notes.len() + updated.len();
    let progress = Progress { total, shown: total > PROGRESS_FROM && std::io::stderr().is_terminal() };
    if !new_notes.is_empty() {
        create_folder(vault, &format!("{folder}/x.md"))?;
        let paths: Vec<PathBuf> = new_notes.iter().map(|(file, _)| vault.path(file)).collect();
        let files: Vec<(&Path, &[u8])> =
            paths.iter().zip(&new_notes).map(|(path, (_, text))| (path.as_path(), text.as_bytes())).collect();
        write_new_all(&files, |index| {
            if let Some((file, text)) = new_notes.get(index) {
                session.edits.push(FileEdit::new(file, None, text.as_bytes()));
            }
            progress.show(index + 1);
        })?;
    }
    for (done, (file, before, text)) in updated.into_iter().enumerate() {
        write_in_vault(&vault.root, &vault.path(file), &[text])?;
        session.edits.push(FileEdit::new(file, Some(before), text.as_bytes()));
        progress.show(new_notes.len() + done + 1);
    }
    if progress.shown {
        eprintln!();
    }
    Ok(())
}

/// How far the writing is, on a terminal: `nudge: writing notes 1200/5000`.
struct Progress {
    total: usize,
    shown: bool,
}

impl Progress {
    /// Shows that `done` notes are written (every hundredth, and the last).
    fn show(&self, done: usize) {
        if self.shown && (done.is_multiple_of(100) || done == self.total) {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\rnudge: writing notes {done}/{}", self.total);
            let _ = stderr.flush();
        }
    }
}
