//! What the server knows: the vault loaded once at `initialize` (on all
//! cores), the open documents' texts, and per note its contact and its
//! problems; a changed buffer is parsed again alone, and the duplicates are
//! found again over the contacts kept (docs/src/lsp.md).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lsp_types::{Diagnostic, Uri};

use super::diagnostics::diagnostics;
use super::positions::{Encoding, path_uri, uri_path};
use crate::derive::Contact;
use crate::derive::duplicates::duplicates;
use crate::discover::config::DEFAULT_MAX_FILE_SIZE;
use crate::discover::open::read_text;
use crate::discover::owner::me;
use crate::discover::walk::{NotePaths, relative};
use crate::discover::{CONFIG_FILE, Config, Vault};
use crate::load::{self, UnknownKeys};
use crate::model::owner::is_agenda_of_pattern;
use crate::problem::Problem;

/// What an open document is to nudge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// A note of the vault, by its path relative to the vault.
    Note(String),
    /// The vault's `nudge.yaml`.
    Config,
    /// The vault's agenda.
    Agenda,
    /// Anything else: left alone.
    Other,
}

/// One document the editor has open.
#[derive(Debug, Clone)]
pub(super) struct Doc {
    /// The buffer's text.
    pub text: String,
    /// The editor's version of it.
    pub version: i32,
    /// What it is.
    pub kind: Kind,
}

/// The diagnostics of one document, to publish.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Published {
    /// The document.
    pub uri: Uri,
    /// Its version, when it is open.
    pub version: Option<i32>,
    /// Every diagnostic it has now (none clears them).
    pub diagnostics: Vec<Diagnostic>,
}

/// The server's state.
#[derive(Debug)]
pub(super) struct Server {
    /// The vault, with the last `nudge.yaml` that could be read.
    pub vault: Vault,
    /// Today (`--today`, else the local date).
    pub today: NaiveDate,
    /// How the client counts columns.
    pub encoding: Encoding,
    /// Who runs the server in a team vault (`NUDGE_OWNER`, else git's
    /// email): the handle a touch logged for someone else's contact names.
    pub me: Option<String>,
    /// Which files are notes, by the config.
    note_paths: NotePaths,
    /// Every contact, in the order the vault was read; open notes as
    /// their buffers read.
    contacts: Vec<Contact>,
    /// Where each file's contact is in `contacts`.
    index: HashMap<String, usize>,
    /// The problems of each file besides duplicates.
    problems: HashMap<String, Vec<Problem>>,
    /// The duplicate warnings of each file.
    duplicates: HashMap<String, Vec<Problem>>,
    /// The problems of `nudge.yaml` (its buffer when open, else the file).
    config_problems: Vec<Problem>,
    /// The text those problems are in.
    config_text: String,
    /// The open documents.
    pub docs: HashMap<Uri, Doc>,
    /// Documents changed since their diagnostics were last published.
    dirty: HashSet<Uri>,
    /// Documents closed since: their diagnostics are cleared.
    closed: Vec<Published>,
    /// A note not open changed on disk since the last refresh.
    disk_changed: bool,
}

impl Server {
    /// The server of the vault at `root`: its `nudge.yaml` read (a broken
    /// one leaves the defaults in force, its problems shown as
    /// diagnostics) and, when `load_notes`, every note read and derived.
    pub(super) fn start(root: PathBuf, today: NaiveDate, encoding: Encoding, load_notes: bool) -> Self {
        let (config, config_problems, config_text) =
            match read_text(&root.join(CONFIG_FILE), CONFIG_FILE, DEFAULT_MAX_FILE_SIZE) {
                Ok(None) => (Config::default(), Vec::new(), String::new()),
                Err(problem) => (Config::default(), vec![problem], String::new()),
                Ok(Some(text)) => match Config::parse(&text) {
                    Ok(config) => (config, Vec::new(), text),
                    Err(problems) => (Config::default(), problems, text),
                },
            };
        let mut server = Self::new(Vault { root, config }, today, encoding);
        server.me = me(&server.vault).ok().flatten().map(|owner| owner.handle);
        server.config_problems = config_problems;
        server.config_text = config_text;
        if load_notes {
            server.load();
        }
        server
    }

    /// The server of `vault` with no note read and no document open.
    pub(super) fn new(vault: Vault, today: NaiveDate, encoding: Encoding) -> Self {
        Self {
            note_paths: NotePaths::new(&vault.config),
            vault,
            today,
            encoding,
            me: None,
            contacts: Vec::new(),
            index: HashMap::new(),
            problems: HashMap::new(),
            duplicates: HashMap::new(),
            config_problems: Vec::new(),
            config_text: String::new(),
            docs: HashMap::new(),
            dirty: HashSet::new(),
            closed: Vec::new(),
            disk_changed: false,
        }
    }

    /// Reads every note of the vault again, on all cores.
    fn load(&mut self) {
        let loaded = load::load(&self.vault, self.today, UnknownKeys::Keep);
        self.contacts = loaded.contacts;
        self.reindex();
        self.problems.clear();
        self.duplicates.clear();
        self.refresh_duplicates();
        let twice: BTreeSet<&Problem> = self.duplicates.values().flatten().collect();
        for problem in loaded.problems.into_iter().filter(|problem| !twice.contains(problem)) {
            self.problems.entry(problem.file.clone()).or_default().push(problem);
        }
    }

    /// The contact of a file of the vault, as last read.
    pub(super) fn contact(&self, file: &str) -> Option<&Contact> {
        self.contacts.get(*self.index.get(file)?)
    }

    /// The problems of a file of the vault, duplicates too.
    pub(super) fn problems_of(&self, file: &str) -> Vec<&Problem> {
        let mut problems: Vec<&Problem> =
            self.problems.get(file).into_iter().chain(self.duplicates.get(file)).flatten().collect();
        problems.sort();
        problems
    }

    /// The problems of `nudge.yaml`.
    pub(super) fn config_problems(&self) -> &[Problem] {
        &self.config_problems
    }

    /// What the document at `uri` is.
    pub(super) fn kind(&self, uri: &Uri) -> Kind {
        let Some(path) = uri_path(uri) else { return Kind::Other };
        let Ok(inside) = path.strip_prefix(&self.vault.root) else { return Kind::Other };
        let file = relative(Path::new(""), inside);
        let config = &self.vault.config;
        if file == CONFIG_FILE {
            return Kind::Config;
        }
        let per_owner = config.agenda_per_owner.as_deref().is_some_and(|pattern| is_agenda_of_pattern(pattern, &file));
        if file == config.agenda || per_owner {
            return Kind::Agenda;
        }
        // As the walk reads the vault (a hidden file or folder is not read;
        // neither is one the config's globs leave out).
        let hidden = file.split('/').any(|part| part.starts_with('.'));
        if !hidden && self.note_paths.holds(&file) { Kind::Note(file) } else { Kind::Other }
    }

    /// The URI of a file of the vault.
    pub(super) fn uri(&self, file: &str) -> Option<Uri> {
        path_uri(&self.vault.path(file))
    }

    /// A document opened or changed: its text is read again at the next
    /// [`Server::refresh`].
    pub(super) fn set_text(&mut self, uri: Uri, text: String, version: i32) {
        let kind = self.kind(&uri);
        self.docs.insert(uri.clone(), Doc { text, version, kind });
        self.dirty.insert(uri);
    }

    /// A document closed: the file on disk is what the vault holds again,
    /// and the document's diagnostics are cleared at the next refresh.
    pub(super) fn close(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.remove(uri) else { return };
        self.dirty.remove(uri);
        match doc.kind {
            Kind::Note(file) => {
                let bytes = std::fs::read(self.vault.path(&file)).unwrap_or_default();
                self.read_note(&file, &bytes);
                self.refresh_duplicates();
            }
            Kind::Config => {
                let text = std::fs::read_to_string(self.vault.root.join(CONFIG_FILE)).unwrap_or_default();
                self.read_config(text);
            }
            Kind::Agenda | Kind::Other => {}
        }
        self.closed.push(Published { uri: uri.clone(), version: None, diagnostics: Vec::new() });
    }

    /// Whether some document changed since the last [`Server::refresh`].
    pub(super) fn is_dirty(&self) -> bool {
        !self.dirty.is_empty() || !self.closed.is_empty() || self.disk_changed
    }

    /// A file changed on disk (`nudge log` in a terminal, `git pull`): a
    /// note or `nudge.yaml` that is not open is read again; an open one
    /// is the editor's buffer, which stays the truth.
    pub(super) fn file_changed(&mut self, uri: &Uri) {
        if self.docs.contains_key(uri) {
            return;
        }
        match self.kind(uri) {
            Kind::Note(file) => {
                let bytes = std::fs::read(self.vault.path(&file)).unwrap_or_default();
                self.read_note(&file, &bytes);
                self.disk_changed = true;
            }
            Kind::Config => {
                let text = std::fs::read_to_string(self.vault.root.join(CONFIG_FILE)).unwrap_or_default();
                if self.read_config(text) {
                    self.dirty.extend(self.docs.keys().cloned());
                }
                if let Some(uri) = self.uri(CONFIG_FILE) {
                    self.dirty.insert(uri);
                }
            }
            Kind::Agenda | Kind::Other => {}
        }
    }

    /// Reads the changed documents again (each note alone; a changed
    /// `nudge.yaml` that reads well reloads the vault with it) and returns
    /// the diagnostics to publish: those of the changed documents and of
    /// the open notes whose duplicates changed.
    pub(super) fn refresh(&mut self) -> Vec<Published> {
        let dirty: Vec<Uri> = self.dirty.drain().collect();
        let mut notes_changed = std::mem::take(&mut self.disk_changed);
        for uri in &dirty {
            let Some(doc) = self.docs.get(uri) else { continue };
            match doc.kind.clone() {
                Kind::Note(file) => {
                    let text = doc.text.clone();
                    self.read_note(&file, text.as_bytes());
                    notes_changed = true;
                }
                Kind::Config => {
                    let text = doc.text.clone();
                    if self.read_config(text) {
                        // Every note reads differently: all are published again.
                        self.dirty.extend(self.docs.keys().filter(|other| *other != uri).cloned());
                        return self.refresh_with(dirty);
                    }
                }
                Kind::Agenda | Kind::Other => {}
            }
        }
        let before = notes_changed.then(|| self.refresh_duplicates());
        let mut publish: Vec<Uri> = dirty;
        if let Some(changed) = before {
            for file in changed {
                if let Some(uri) = self.uri(&file).filter(|uri| self.docs.contains_key(uri) && !publish.contains(uri)) {
                    publish.push(uri);
                }
            }
        }
        if notes_changed {
            // The open agenda's entries are checked against the notes again.
            let agendas = self.docs.iter().filter(|(_, doc)| doc.kind == Kind::Agenda).map(|(uri, _)| uri.clone());
            let agendas: Vec<Uri> = agendas.filter(|uri| !publish.contains(uri)).collect();
            publish.extend(agendas);
        }
        let mut published = std::mem::take(&mut self.closed);
        published.extend(publish.iter().filter_map(|uri| self.published(uri)));
        published
    }

    /// [`Server::refresh`] after a new config: the documents of the first
    /// pass are published with the rest.
    fn refresh_with(&mut self, mut done: Vec<Uri>) -> Vec<Published> {
        let mut published = self.refresh();
        done.retain(|uri| !published.iter().any(|found| found.uri == *uri));
        published.extend(done.iter().filter_map(|uri| self.published(uri)));
        published
    }

    /// The diagnostics of an open document, or of `nudge.yaml`.
    pub(super) fn published(&self, uri: &Uri) -> Option<Published> {
        let doc = self.docs.get(uri);
        let kind = doc.map_or_else(|| self.kind(uri), |doc| doc.kind.clone());
        let text = doc.map_or(self.config_text.as_str(), |doc| doc.text.as_str());
        let diagnostics = match &kind {
            Kind::Note(file) => diagnostics(text, self.problems_of(file), self.encoding),
            Kind::Config => diagnostics(text, &self.config_problems, self.encoding),
            Kind::Agenda => super::agenda::diagnostics(self, text),
            Kind::Other => return None,
        };
        Some(Published { uri: uri.clone(), version: doc.map(|doc| doc.version), diagnostics })
    }

    /// The diagnostics of `nudge.yaml` when it is not open and has problems.
    pub(super) fn config_diagnostics(&self) -> Option<Published> {
        let uri = self.uri(CONFIG_FILE)?;
        (!self.config_problems.is_empty() && !self.docs.contains_key(&uri)).then(|| self.published(&uri)).flatten()
    }

    /// Reads one note's bytes in place of what was known of it.
    fn read_note(&mut self, file: &str, bytes: &[u8]) {
        let (contact, mut problems) = load::contact_from_bytes(&self.vault, file, bytes, self.today);
        problems.sort();
        if problems.is_empty() {
            self.problems.remove(file);
        } else {
            self.problems.insert(file.to_owned(), problems);
        }
        match (contact, self.index.get(file).copied()) {
            (Some(contact), Some(at)) => {
                if let Some(slot) = self.contacts.get_mut(at) {
                    *slot = contact;
                }
            }
            (Some(contact), None) => {
                // In path order, as the vault was read: the earlier file of
                // two duplicates is the one the warning names.
                let at = self.contacts.partition_point(|other| other.file() < file);
                self.contacts.insert(at, contact);
                self.reindex();
            }
            (None, Some(at)) => {
                self.contacts.remove(at);
                self.reindex();
            }
            (None, None) => {}
        }
    }

    /// Where each contact is, after one was added or removed.
    fn reindex(&mut self) {
        self.index = self.contacts.iter().enumerate().map(|(at, contact)| (contact.file().to_owned(), at)).collect();
    }

    /// Finds the duplicates again; returns the files whose warnings changed.
    fn refresh_duplicates(&mut self) -> Vec<String> {
        let found = duplicates(&self.contacts);
        let mut by_file: HashMap<String, Vec<Problem>> = HashMap::new();
        for problem in found {
            by_file.entry(problem.file.clone()).or_default().push(problem);
        }
        let changed: Vec<String> = by_file
            .iter()
            .filter(|(file, problems)| self.duplicates.get(*file) != Some(problems))
            .map(|(file, _)| file.clone())
            .chain(self.duplicates.keys().filter(|file| !by_file.contains_key(*file)).cloned())
            .collect();
        self.duplicates = by_file;
        changed
    }

    /// Reads `nudge.yaml`'s text; a config that reads well and differs
    /// from the one in force replaces it and the vault is read again
    /// (true). A broken one keeps the last good config in force.
    fn read_config(&mut self, text: String) -> bool {
        let parsed = Config::parse(&text);
        self.config_text = text;
        match parsed {
            Ok(config) => {
                self.config_problems.clear();
                if config == self.vault.config {
                    return false;
                }
                self.note_paths = NotePaths::new(&config);
                self.vault.config = config;
                self.load();
                true
            }
            Err(problems) => {
                self.config_problems = problems;
                false
            }
        }
    }
}
