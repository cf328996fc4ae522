//! The configuration, `nudge.yaml` at the vault's root (docs/src/configuration.md): every
//! key optional, every value validated, every problem reported with its
//! `nudge.yaml:line:col`.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde_yaml::Value;

use crate::discover::holidays;
use crate::model::keywords::{Keyword, Keywords, NOTE};
use crate::model::owner::{Owner, PLACEHOLDER, Team};
use crate::model::playbook::{DEFAULT_PLAYBOOK, PlaybookPatch, Playbooks};
use crate::model::select::Selection;
use crate::model::{Channel, Direction, Limit, Outcome, Then};
use crate::problem::{Problem, quotable};
use crate::suggest::{Reach, closest};
use crate::yaml::{Fields, YamlText, describe, scalar_text};

pub(crate) use crate::model::CONFIG_FILE;

/// The keys of `nudge.yaml`.
pub(crate) const KEYS: &[&str] = &[
    "agenda",
    "refresh_agenda",
    "horizon_days",
    "default_playbook",
    "business_days",
    "holidays",
    "link_style",
    "include",
    "exclude",
    "respect_gitignore",
    "contacts",
    "templates",
    "contacts_dir",
    "import",
    "keywords",
    "playbooks",
    "max_file_size",
    "owners",
    "default_owner",
    "agenda_per_owner",
    "cache",
];

/// The largest note read unless `max_file_size` says otherwise: notes are a
/// few kilobytes, a file this big is an export or a mistake.
pub(crate) const DEFAULT_MAX_FILE_SIZE: u64 = 10_000_000;

/// The keys of `import:`.
const IMPORT_FIELDS: &[&str] = &["folder"];

/// The keys of `contacts:`.
const CONTACTS_FIELDS: &[&str] = &["folders", "tags", "require", "where"];

/// The fields of an owner under `owners:`.
const OWNER_FIELDS: &[&str] = &["name", "email"];

const PLAYBOOK_FIELDS: &[&str] =
    &["after_reply", "cadence", "give_up_after", "give_up_after_engaged", "then", "nurture_every", "voicemail_limit"];

/// How the agenda links to contact files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkStyle {
    /// `[Dana Reyes](people/dana-reyes.md)`.
    #[default]
    Markdown,
    /// `[[people/dana-reyes]]`, as Obsidian writes them.
    Wiki,
}

/// Which notes are contacts (docs/src/configuration.md), besides `include` and
/// `exclude`: each condition set must hold; none set takes every note with
/// front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contacts {
    /// Globs of the folders (or files) of contacts, relative to the vault:
    /// a note elsewhere is not read. A glob naming a folder takes what is
    /// below it (`People` is `People/**`).
    pub folders: Vec<String>,
    /// The tags and keys a contact's front matter must hold.
    pub selection: Selection,
}

impl Contacts {
    /// Why a note with front matter is no contact, in words: `it lacks what
    /// nudge.yaml's `contacts:` asks of a contact: a tag #person`.
    pub fn left_out(&self) -> String {
        format!("it lacks what nudge.yaml's `contacts:` asks of a contact: {}", self.selection.describe())
    }
}

/// The settings of one vault, with every default filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools, reason = "settings, each a switch of its own in nudge.yaml")]
pub struct Config {
    /// Where `nudge agenda` writes, relative to the vault.
    pub agenda: String,
    /// Whether `log`, `snooze`, `new` and `undo` write an existing agenda again.
    pub refresh_agenda: bool,
    /// Days ahead that count as upcoming.
    pub horizon_days: u32,
    /// The playbook of contacts that name none.
    pub default_playbook: String,
    /// Whether computed due dates skip weekends and holidays.
    pub business_days: bool,
    /// Days skipped like weekends.
    pub holidays: BTreeSet<NaiveDate>,
    /// How the agenda links to contacts.
    pub link_style: LinkStyle,
    /// Globs of the files to read, relative to the vault.
    pub include: Vec<String>,
    /// Globs of the files not to read.
    pub exclude: Vec<String>,
    /// Whether a note git ignores (`.gitignore`, `.git/info/exclude`, the
    /// global excludes file) is left unread.
    pub respect_gitignore: bool,
    /// Which of the files read are contacts.
    pub contacts: Contacts,
    /// The folder of the user's templates, relative to the vault.
    pub templates: String,
    /// Where `nudge new` creates contacts, relative to the vault.
    pub contacts_dir: String,
    /// Where `nudge import` creates contacts (`import.folder`), relative
    /// to the vault; `None`: [`Config::contacts_dir`].
    pub import_folder: Option<String>,
    /// The keyword table with the config's additions.
    pub keywords: Keywords,
    /// The playbooks with the config's changes.
    pub playbooks: Playbooks,
    /// The largest note file read, in bytes.
    pub max_file_size: u64,
    /// The team: `owners:` and `default_owner` (docs/src/teams.md).
    pub team: Team,
    /// `agenda_per_owner`: where each owner's agenda goes, `{owner}` in it.
    pub agenda_per_owner: Option<String>,
    /// Whether notes unchanged since the last run are taken from the parse
    /// cache in `.nudge/cache/` (docs/src/performance.md, "Warm runs").
    pub cache: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            agenda: "agenda.md".to_owned(),
            refresh_agenda: true,
            horizon_days: 7,
            default_playbook: DEFAULT_PLAYBOOK.to_owned(),
            business_days: true,
            holidays: BTreeSet::new(),
            link_style: LinkStyle::Markdown,
            include: vec!["**/*.md".to_owned()],
            exclude: Vec::new(),
            respect_gitignore: true,
            contacts: Contacts::default(),
            templates: ".nudge/templates".to_owned(),
            contacts_dir: "people".to_owned(),
            import_folder: None,
            keywords: Keywords::default(),
            playbooks: Playbooks::builtin(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            team: Team::default(),
            agenda_per_owner: None,
            cache: true,
        }
    }
}

impl Config {
    /// Reads the text of `nudge.yaml`; every problem is reported, each at
    /// its place (with the text, to be printed with).
    pub fn parse(text: &str) -> Result<Self, Vec<Problem>> {
        Self::parse_text(text).map_err(|mut problems| {
            crate::problem::attach_source(&mut problems, text);
            problems
        })
    }

    fn parse_text(text: &str) -> Result<Self, Vec<Problem>> {
        let yaml = YamlText::new(text, 1, 0);
        let value = yaml.parse().map_err(|error| {
            vec![Problem::error(CONFIG_FILE, error.span, format!("not valid YAML: {}", error.message))]
        })?;
        let mapping = match value {
            Value::Mapping(mapping) => mapping,
            Value::Null => serde_yaml::Mapping::new(),
            other => {
                let message = format!("must be a mapping of settings (`horizon_days: 7`), found {}", describe(&other));
                return Err(vec![Problem::error(CONFIG_FILE, yaml.start(), message)]);
            }
        };
        let mut reader = ConfigReader { fields: Fields::new(yaml, CONFIG_FILE), config: Self::default() };
        for (key, value) in &mapping {
            match key.as_str() {
                Some(key) => reader.key(key, value),
                None => {
                    reader.fields.error(yaml.start(), format!("settings are named by words, found {}", describe(key)));
                }
            }
        }
        reader.check_default_playbook();
        reader.check_default_owner();
        let problems = reader.fields.into_problems();
        if problems.is_empty() { Ok(reader.config) } else { Err(problems) }
    }

    /// The folder `nudge import` creates contacts in: `import.folder`,
    /// else `contacts_dir`, without a trailing `/`.
    pub fn import_folder(&self) -> &str {
        self.import_folder.as_deref().unwrap_or(&self.contacts_dir).trim_end_matches('/')
    }
}

/// Reads the settings of `nudge.yaml` one after another into a [`Config`],
/// each problem at its place.
struct ConfigReader<'a> {
    fields: Fields<'a>,
    config: Config,
}

impl ConfigReader<'_> {
    fn key(&mut self, key: &str, value: &Value) {
        let path = &[key];
        let config = &mut self.config;
        let fields = &mut self.fields;
        match key {
            "agenda" => {
                if let Some(path) = self.relative_path(&[key], value) {
                    self.config.agenda = path;
                }
            }
            "horizon_days" => config.horizon_days = fields.count(path, value).unwrap_or(config.horizon_days),
            "default_playbook" => config.default_playbook = fields.text(path, value).unwrap_or_default(),
            "business_days" => config.business_days = fields.boolean(path, value).unwrap_or(config.business_days),
            "refresh_agenda" => config.refresh_agenda = fields.boolean(path, value).unwrap_or(config.refresh_agenda),
            "cache" => config.cache = fields.boolean(path, value).unwrap_or(config.cache),
            "holidays" => config.holidays = holidays(fields, path, value),
            "link_style" => {
                let style = fields.word(path, value, &["markdown", "wiki"], |word| match word {
                    "markdown" => Some(LinkStyle::Markdown),
                    "wiki" => Some(LinkStyle::Wiki),
                    _ => None,
                });
                config.link_style = style.unwrap_or_default();
            }
            "include" => self.config.include = self.globs(&[key], value),
            "exclude" => self.config.exclude = self.globs(&[key], value),
            "respect_gitignore" => {
                config.respect_gitignore = fields.boolean(path, value).unwrap_or(config.respect_gitignore);
            }
            "contacts" => self.contacts(value),
            "templates" => {
                if let Some(path) = self.relative_path(&[key], value) {
                    self.config.templates = path;
                }
            }
            "contacts_dir" => {
                if let Some(path) = self.relative_path(&[key], value) {
                    self.config.contacts_dir = path;
                }
            }
            "import" => self.import(value),
            "keywords" => self.keywords(value),
            "playbooks" => self.playbooks(value),
            "owners" => self.owners(value),
            "default_owner" | "agenda_per_owner" if value.is_null() => {}
            "default_owner" => config.team.default_owner = fields.text(path, value).map(|text| text.trim().to_owned()),
            "agenda_per_owner" => {
                if let Some(pattern) = self.relative_path(&[key], value) {
                    if pattern.contains(PLACEHOLDER) {
                        self.config.agenda_per_owner = Some(pattern);
                    } else {
                        let at = self.fields.value(path);
                        let message = format!(
                            "`agenda_per_owner` must hold {PLACEHOLDER}, where each owner's handle goes (agendas/{PLACEHOLDER}.md), found '{}'",
                            quotable(&pattern)
                        );
                        self.fields.error(at, message);
                    }
                }
            }
            "max_file_size" => match file_size(value) {
                Some(size) => config.max_file_size = size,
                None => fields.wrong_type(path, value, "a size like 10MB, 500KB or a number of bytes"),
            },
            _ => {
                let known = closest(key, KEYS.iter().copied(), Reach::TwoOrStart);
                let hint = known.map(|known| format!(": did you mean `{known}`?")).unwrap_or_default();
                let at = fields.key(path);
                fields.error(
                    at,
                    format!("unknown setting `{}`{hint} (the settings are {})", quotable(key), KEYS.join(", ")),
                );
            }
        }
    }

    /// A path inside the vault: relative, without `..`.
    fn relative_path(&mut self, path: &[&str], value: &Value) -> Option<String> {
        let key = path.join(".");
        let text = self.fields.text(path, value)?;
        let normalized = text.replace('\\', "/");
        let escapes = normalized.starts_with('/') || normalized.split('/').any(|part| part == "..");
        if escapes || normalized.trim().is_empty() {
            let at = self.fields.value(path);
            self.fields.error(
                at,
                format!("`{key}` must be a path inside the notes folder, relative to it, found '{}'", quotable(&text)),
            );
            return None;
        }
        Some(normalized.trim_start_matches("./").to_owned())
    }

    fn globs(&mut self, path: &[&str], value: &Value) -> Vec<String> {
        let globs = self.fields.texts(path, value.clone()).unwrap_or_default();
        for glob in &globs {
            if let Err(error) = globset::Glob::new(glob) {
                let at = self.fields.within_value(path, glob);
                let key = path.join(".");
                self.fields.error(at, format!("`{key}` holds an invalid glob '{}': {}", quotable(glob), error.kind()));
            }
        }
        globs
    }

    /// `contacts:`: `folders`, `tags`, `require` and `where`, each optional.
    /// `import:`, the settings of `nudge import`: `folder`.
    fn import(&mut self, value: &Value) {
        let Some(mapping) = value.as_mapping() else {
            if !value.is_null() {
                self.fields.wrong_type(&["import"], value, "a mapping of settings (`folder: people/imported`)");
            }
            return;
        };
        for (field, value) in mapping {
            match field.as_str() {
                Some("folder") => self.config.import_folder = self.relative_path(&["import", "folder"], value),
                Some(field) => {
                    let at = self.fields.key(&["import", field]);
                    let message = format!(
                        "unknown setting `import.{}` (the settings of `import` are {})",
                        quotable(field),
                        IMPORT_FIELDS.join(", ")
                    );
                    self.fields.error(at, message);
                }
                None => self.not_a_word(&["import"], field, &IMPORT_FIELDS.join(", ")),
            }
        }
    }

    fn contacts(&mut self, value: &Value) {
        let Some(mapping) = value.as_mapping() else {
            if !value.is_null() {
                let expected = "a mapping of folders, tags, require, where (`folders: [\"People/**\"]`)";
                self.fields.wrong_type(&["contacts"], value, expected);
            }
            return;
        };
        let (mut tags, mut require, mut properties) = (Vec::new(), Vec::new(), Vec::new());
        for (field, value) in mapping {
            let Some(field) = field.as_str() else {
                self.not_a_word(&["contacts"], field, &CONTACTS_FIELDS.join(", "));
                continue;
            };
            let path = ["contacts", field];
            match field {
                "folders" => self.config.contacts.folders = self.globs(&path, value),
                "tags" => tags = self.words(&path, value),
                "require" => require = self.words(&path, value),
                "where" => properties = self.properties(value),
                _ => {
                    let at = self.fields.key(&path);
                    let hint = closest(field, CONTACTS_FIELDS.iter().copied(), Reach::TwoOrStart)
                        .map(|k| format!(": did you mean `{k}`?"))
                        .unwrap_or_default();
                    let message = format!(
                        "unknown setting `contacts.{}`{hint} (the settings of `contacts` are {})",
                        quotable(field),
                        CONTACTS_FIELDS.join(", ")
                    );
                    self.fields.error(at, message);
                }
            }
        }
        self.config.contacts.selection = Selection::new(&tags, &require).with_properties(properties);
    }

    /// `contacts.where`: front matter keys, each with the value (or the
    /// list of values, one of which) a contact's key holds.
    fn properties(&mut self, value: &Value) -> Vec<(String, Vec<String>)> {
        let Some(mapping) = value.as_mapping() else {
            if !value.is_null() {
                let expected = "a mapping of front matter keys to values (`where: {categories: People}`)";
                self.fields.wrong_type(&["contacts", "where"], value, expected);
            }
            return Vec::new();
        };
        let mut properties = Vec::with_capacity(mapping.len());
        for (key, values) in mapping {
            let Some(key) = scalar_text(key) else {
                self.not_a_word(&["contacts", "where"], key, "front matter keys");
                continue;
            };
            let values = self.words(&["contacts", "where", key.as_str()], values);
            properties.push((key, values));
        }
        properties
    }

    /// A list of words (or one word), none of them empty.
    fn words(&mut self, path: &[&str], value: &Value) -> Vec<String> {
        let words = self.fields.texts(path, value.clone()).unwrap_or_default();
        let empty = words.iter().any(|word| word.trim().trim_start_matches('#').is_empty());
        if empty {
            let at = self.fields.value(path);
            self.fields.error(at, format!("`{}` holds an empty word", path.join(".")));
        }
        words
    }

    fn keywords(&mut self, value: &Value) {
        let Some(mapping) = value.as_mapping() else {
            if !value.is_null() {
                self.fields.wrong_type(
                    &["keywords"],
                    value,
                    "a mapping of words (`rang: {channel: call, direction: out, outcome: attempt}`)",
                );
            }
            return;
        };
        for (word, entry) in mapping {
            let Some(word) = scalar_text(word) else {
                self.not_a_word(&["keywords"], word, "the new keywords");
                continue;
            };
            let path = ["keywords", word.as_str()];
            if word.eq_ignore_ascii_case(NOTE) || word.is_empty() || word.contains(char::is_whitespace) {
                let at = self.fields.key(&path);
                self.fields.error(at, format!("keyword '{}' must be one word and not `note`", quotable(&word)));
                continue;
            }
            if let Some(keyword) = self.keyword(&path, entry) {
                self.config.keywords.insert(&word, keyword);
            }
        }
    }

    fn keyword(&mut self, path: &[&str], entry: &Value) -> Option<Keyword> {
        let Some(mapping) = entry.as_mapping() else {
            self.fields.wrong_type(path, entry, "a mapping with `outcome` (and `channel`, `direction`)");
            return None;
        };
        let (mut channel, mut direction, mut outcome) = (None, None, None);
        for (field, value) in mapping {
            let Some(field) = field.as_str() else {
                self.not_a_word(path, field, "channel, direction, outcome");
                continue;
            };
            let field_path = [path, &[field]].concat();
            match field {
                "channel" => channel = self.fields.word(&field_path, value, Channel::WORDS, Channel::from_word),
                "direction" => direction = self.fields.word(&field_path, value, Direction::WORDS, Direction::from_word),
                "outcome" => outcome = self.fields.word(&field_path, value, Outcome::WORDS, Outcome::from_word),
                _ => {
                    let at = self.fields.key(&field_path);
                    self.fields
                        .error(at, format!("unknown keyword field `{field}`: use channel, direction and outcome"));
                }
            }
        }
        let Some(outcome) = outcome else {
            let at = self.fields.key(path);
            self.fields.error(
                at,
                format!(
                    "keyword '{}' needs an `outcome` ({})",
                    quotable(path.last().unwrap_or(&"")),
                    Outcome::WORDS.join(", ")
                ),
            );
            return None;
        };
        let direction = direction.unwrap_or(if outcome.is_attempt() { Direction::Out } else { Direction::In });
        Some(Keyword { channel, call_if_none: false, direction, outcome })
    }

    fn playbooks(&mut self, value: &Value) {
        let Some(mapping) = value.as_mapping() else {
            if !value.is_null() {
                self.fields.wrong_type(&["playbooks"], value, "a mapping of playbook names to their settings");
            }
            return;
        };
        for (name, entry) in mapping {
            let Some(name) = scalar_text(name) else {
                self.not_a_word(&["playbooks"], name, "the playbook names");
                continue;
            };
            let path = ["playbooks", name.as_str()];
            let Some(fields) = entry.as_mapping() else {
                self.fields.wrong_type(&path, entry, "a mapping of playbook fields (`cadence: [3d, 7d]`)");
                continue;
            };
            let mut patch = PlaybookPatch::default();
            for (field, value) in fields {
                let Some(field) = field.as_str() else {
                    self.not_a_word(&path, field, &PLAYBOOK_FIELDS.join(", "));
                    continue;
                };
                self.playbook_field(&[&path[..], &[field]].concat(), field, value, &mut patch);
            }
            self.config.playbooks.apply(&name, &patch);
        }
    }

    fn playbook_field(&mut self, path: &[&str], field: &str, value: &Value, patch: &mut PlaybookPatch) {
        let fields = &mut self.fields;
        match field {
            "after_reply" => patch.after_reply = fields.duration(path, value),
            "nurture_every" => patch.nurture_every = fields.duration(path, value),
            "cadence" => {
                let items = match value {
                    Value::Sequence(items) => items.clone(),
                    single => vec![single.clone()],
                };
                if items.is_empty() {
                    let at = fields.value(path);
                    fields.error(at, "`cadence` needs at least one wait, like [3d, 7d]");
                }
                let cadence: Vec<_> = items.iter().filter_map(|item| fields.duration(path, item)).collect();
                if cadence.len() == items.len() && !cadence.is_empty() {
                    patch.cadence = Some(cadence);
                }
            }
            "give_up_after" => patch.give_up_after = limit(fields, path, value),
            "give_up_after_engaged" => patch.give_up_after_engaged = limit(fields, path, value),
            "then" => patch.then = fields.word(path, value, Then::WORDS, Then::from_word),
            "voicemail_limit" => patch.voicemail_limit = fields.count(path, value),
            _ => {
                let at = fields.key(path);
                let hint = closest(field, PLAYBOOK_FIELDS.iter().copied(), Reach::TwoOrStart)
                    .map(|k| format!(": did you mean `{k}`?"))
                    .unwrap_or_default();
                fields.error(
                    at,
                    format!("unknown playbook field `{field}`{hint} (the fields are {})", PLAYBOOK_FIELDS.join(", ")),
                );
            }
        }
    }

    /// `owners:`: handles, each with its `name` and `email` (both optional).
    fn owners(&mut self, value: &Value) {
        let Some(mapping) = value.as_mapping() else {
            if !value.is_null() {
                let expected = "a mapping of handles to a name and an email (`dana: {name: Dana Reyes, email: dana@acme.example}`)";
                self.fields.wrong_type(&["owners"], value, expected);
            }
            return;
        };
        for (handle, fields) in mapping {
            let Some(handle) = scalar_text(handle).filter(|handle| !handle.trim().is_empty()) else {
                self.not_a_word(&["owners"], handle, "the owners' handles");
                continue;
            };
            let mut owner = Owner::handle(handle.trim());
            let path = ["owners", handle.as_str()];
            match fields {
                Value::Mapping(fields) => {
                    for (field, value) in fields {
                        let field_path = [&path[..], &[field.as_str().unwrap_or_default()]].concat();
                        match field.as_str() {
                            Some("name") => owner.name = self.fields.text(&field_path, value),
                            Some("email") => owner.email = self.fields.text(&field_path, value),
                            Some(other) => {
                                let at = self.fields.key(&field_path);
                                let hint = closest(other, OWNER_FIELDS.iter().copied(), Reach::TwoOrStart)
                                    .map(|k| format!(": did you mean `{k}`?"))
                                    .unwrap_or_default();
                                let message = format!(
                                    "unknown owner field `{}`{hint} (the fields are name, email)",
                                    quotable(other)
                                );
                                self.fields.error(at, message);
                            }
                            None => self.not_a_word(&path, field, &OWNER_FIELDS.join(", ")),
                        }
                    }
                }
                Value::Null => {}
                other => self.fields.wrong_type(&path, other, "a mapping with `name` and `email`"),
            }
            self.config.team.owners.push(owner);
        }
    }

    /// `default_owner` must be one of `owners:` when the team is listed.
    fn check_default_owner(&mut self) {
        let team = &self.config.team;
        let Some(default) = team.default_owner.as_deref() else {
            return;
        };
        if team.is_listed() && team.find(default).is_none() {
            let message = format!("`default_owner`: {}", team.unknown(default));
            let at = self.fields.value(&["default_owner"]);
            self.fields.error(at, message);
        }
    }

    /// A key of the mapping at `path` that is no word (nothing, a list).
    fn not_a_word(&mut self, path: &[&str], key: &Value, keys: &str) {
        let at = self.fields.key(path);
        let message = format!("`{}` has a key {}: its keys are words ({keys})", path.join("."), describe(key));
        self.fields.error(at, message);
    }

    fn check_default_playbook(&mut self) {
        let name = &self.config.default_playbook;
        if self.config.playbooks.get(name).is_none() {
            let known: Vec<&str> = self.config.playbooks.names().collect();
            let message =
                format!("`default_playbook` names no playbook: '{}' (known: {})", quotable(name), known.join(", "));
            let at = self.fields.value(&["default_playbook"]);
            self.fields.error(at, message);
        }
    }
}

/// `max_file_size`: bytes, or a whole number with a unit (`10MB`, `512 KiB`;
/// KB, MB, GB are powers of 1000, KiB, MiB, GiB of 1024). Zero is no size.
fn file_size(value: &Value) -> Option<u64> {
    if let Some(bytes) = value.as_u64() {
        return Some(bytes).filter(|bytes| *bytes > 0);
    }
    let text = value.as_str()?.trim();
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let number: u64 = text.get(..digits)?.parse().ok()?;
    let unit = text.get(digits..)?.trim().to_ascii_lowercase();
    let scale: u64 = match unit.as_str() {
        "" | "b" => 1,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => return None,
    };
    number.checked_mul(scale).filter(|bytes| *bytes > 0)
}

/// A size in words: `12.5 MB`, `800 KB`, `20 bytes`.
pub(crate) fn human_size(bytes: u64) -> String {
    let (unit, scale) = match bytes {
        0..1_000 => return format!("{bytes} bytes"),
        1_000..1_000_000 => ("KB", 1_000),
        1_000_000..1_000_000_000 => ("MB", 1_000_000),
        _ => ("GB", 1_000_000_000),
    };
    let tenths = u128::from(bytes) * 10 / scale;
    if tenths % 10 == 0 { format!("{} {unit}", tenths / 10) } else { format!("{}.{} {unit}", tenths / 10, tenths % 10) }
}

/// `give_up_after`: a whole number, or `never`.
fn limit(fields: &mut Fields<'_>, path: &[&str], value: &Value) -> Option<Limit> {
    if value.as_str().is_some_and(|text| text.eq_ignore_ascii_case("never")) {
        return Some(Limit::Never);
    }
    if let Some(count) = value.as_u64().and_then(|n| u32::try_from(n).ok()) {
        return Some(Limit::After(count));
    }
    fields.wrong_type(path, value, "a whole number of attempts or `never`");
    None
}

/// `holidays`: dates, and country presets (`US`, `DE-BY`) standing for
/// their public holidays (docs/src/configuration.md).
fn holidays(fields: &mut Fields<'_>, path: &[&str], value: &Value) -> BTreeSet<NaiveDate> {
    let items = match value {
        Value::Sequence(items) => items.as_slice(),
        Value::Null => &[],
        single => std::slice::from_ref(single),
    };
    let mut days = BTreeSet::new();
    let mut dates = Vec::new();
    for item in items {
        // A word is a preset; anything else (`2026-13-01`) is read as a date.
        let text = item.as_str().filter(|text| text.trim_start().starts_with(|c: char| c.is_ascii_alphabetic()));
        match text.map(|text| (text, holidays::preset(text))) {
            Some((_, Some(preset))) => days.extend(preset),
            Some((text, None)) => {
                let at = fields.within_value(path, text);
                let message = format!(
                    "`holidays` holds '{}', which is neither a date (YYYY-MM-DD) nor a country preset ({})",
                    quotable(text),
                    holidays::codes().join(", ")
                );
                fields.error(at, message);
            }
            None => dates.push(item.clone()),
        }
    }
    days.extend(fields.dates(path, &Value::Sequence(dates)));
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Duration;

    fn problems(text: &str) -> Vec<String> {
        Config::parse(text).err().unwrap_or_default().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn an_empty_config_is_the_defaults() {
        assert_eq!(Config::parse(""), Ok(Config::default()));
        assert_eq!(Config::parse("# only a comment\n"), Ok(Config::default()));
    }

    #[test]
    fn the_commented_example_config_reads() {
        let text = r#"agenda: agenda.md          # where `nudge agenda` writes, relative to the folder
horizon_days: 7
default_playbook: job-search
business_days: true
holidays: [2026-12-25, 2027-01-01]   # skipped like weekends
link_style: markdown       # or wiki: [[people/dana-reyes]]
include: ["**/*.md"]
exclude: []
templates: .nudge/templates  # a user's agenda.md.j2 here replaces the built-in one
keywords:                  # extra words for the keyword table
  rang: {channel: call, direction: out, outcome: attempt}
playbooks:
  job-search: {cadence: [2d, 3d, 7d]}   # overrides some fields of the built-in
  recruiters: {after_reply: 2d, cadence: [5d], give_up_after: 3, give_up_after_engaged: 6, then: dormant}
"#;
        let config = Config::parse(text).unwrap();
        assert_eq!(config.holidays.len(), 2);
        assert_eq!(config.keywords.get("rang").map(|k| k.outcome), Some(Outcome::Attempt));
        let job = config.playbooks.get("job-search").unwrap();
        assert_eq!(job.cadence, [Duration::Days(2), Duration::Days(3), Duration::Days(7)]);
        let recruiters = config.playbooks.get("recruiters").unwrap();
        assert_eq!((recruiters.give_up_after, recruiters.then), (Limit::After(3), Then::Dormant));
    }

    #[test]
    fn each_bad_setting_is_an_error_at_its_place() {
        let text = "horizon_day: 7\nbusiness_days: maybe\nplaybooks:\n  sales: {cadence: [3d, 3x], then: later}\n  partnership:\n    after_reply: -2d\n    give_up: 3\n";
        assert_eq!(
            problems(text),
            [
                "nudge.yaml:1:1: error: unknown setting `horizon_day`: did you mean `horizon_days`? (the settings are agenda, refresh_agenda, horizon_days, default_playbook, business_days, holidays, link_style, include, exclude, respect_gitignore, contacts, templates, contacts_dir, import, keywords, playbooks, max_file_size, owners, default_owner, agenda_per_owner, cache)",
                "nudge.yaml:2:16: error: `business_days` must be true or false, found 'maybe'",
                "nudge.yaml:4:25: error: `playbooks.sales.cadence` must be a duration like 3d, 2w or 1m (days, weeks, calendar months), found '3x'",
                "nudge.yaml:4:36: error: `playbooks.sales.then` must be one of nurture, dormant, found 'later'",
                "nudge.yaml:6:18: error: `playbooks.partnership.after_reply` must be a duration like 3d, 2w or 1m (days, weeks, calendar months), found '-2d'",
                "nudge.yaml:7:5: error: unknown playbook field `give_up`: did you mean `give_up_after`? (the fields are after_reply, cadence, give_up_after, give_up_after_engaged, then, nurture_every, voicemail_limit)",
            ]
        );
    }

    #[test]
    fn holidays_take_country_presets_besides_dates() {
        let config = Config::parse("holidays: [DE-BY, 2026-12-24]\n").unwrap();
        let day = |text: &str| crate::model::parse_date(text).unwrap();
        for holiday in ["2026-01-06", "2026-06-04", "2026-12-24", "2027-03-26", "2028-11-01"] {
            assert!(config.holidays.contains(&day(holiday)), "{holiday}");
        }
        assert!(!config.holidays.contains(&day("2026-10-31")), "Reformation Day is not a holiday in Bavaria");
        assert_eq!(
            Config::parse("holidays: us\n").unwrap().holidays.len(),
            Config::parse("holidays: [US]\n").unwrap().holidays.len()
        );
    }

    #[test]
    fn wrong_types_and_syntax_errors_have_positions() {
        assert_eq!(
            problems("horizon_days: soon\n"),
            ["nudge.yaml:1:15: error: `horizon_days` must be a whole number (0 or more), found 'soon'"]
        );
        assert_eq!(
            problems("holidays: [2026-12-25, 2026-13-01]\n"),
            ["nudge.yaml:1:24: error: `holidays` holds '2026-13-01', which is not a date: write YYYY-MM-DD"]
        );
        assert_eq!(
            problems("holidays: [US, XX]\n"),
            [
                "nudge.yaml:1:16: error: `holidays` holds 'XX', which is neither a date (YYYY-MM-DD) nor a country preset (US, CA, GB, DE, AT, FR, IT, ES, NL, DE-BW, DE-BY, DE-BE, DE-BB, DE-HB, DE-HH, DE-HE, DE-MV, DE-NI, DE-NW, DE-RP, DE-SL, DE-SN, DE-ST, DE-SH, DE-TH)"
            ]
        );
        assert_eq!(
            problems("agenda: ../outside.md\n"),
            [
                "nudge.yaml:1:9: error: `agenda` must be a path inside the notes folder, relative to it, found '../outside.md'"
            ]
        );
        assert_eq!(
            problems("default_playbook: recruiting\n"),
            [
                "nudge.yaml:1:19: error: `default_playbook` names no playbook: 'recruiting' (known: job-search, sales, prospecting, partnership, nurture)"
            ]
        );
        assert_eq!(
            problems("include: ['a/**/[']\n"),
            ["nudge.yaml:1:12: error: `include` holds an invalid glob 'a/**/[': unclosed character class; missing ']'"]
        );
        let syntax = problems("horizon_days: 7\n  bad: indent\n");
        assert!(
            syntax[0].starts_with("nudge.yaml:2:6: error: not valid YAML: mapping values are not allowed"),
            "{syntax:?}"
        );
        assert_eq!(
            problems("- a\n"),
            ["nudge.yaml:1:1: error: must be a mapping of settings (`horizon_days: 7`), found a list"]
        );
    }

    #[test]
    fn keywords_need_an_outcome_and_infer_the_direction() {
        let config = Config::parse(
            "keywords:\n  pinged: {channel: message, outcome: attempt}\n  wrote-back: {outcome: reply}\n",
        )
        .unwrap();
        assert_eq!(config.keywords.get("pinged").map(|k| k.direction), Some(Direction::Out));
        assert_eq!(config.keywords.get("wrote-back").map(|k| k.direction), Some(Direction::In));
        assert_eq!(
            problems("keywords:\n  rang: {channel: call}\n"),
            [
                "nudge.yaml:2:3: error: keyword 'rang' needs an `outcome` (attempt, voicemail, no-answer, reply, conversation, not-interested, stop, closed)"
            ]
        );
    }

    #[test]
    fn fields_named_by_numbers_or_nothing_are_errors() {
        // Found by fuzzing: `.NAN:` made the field's name empty, and locating it looped forever.
        assert_eq!(
            problems("playbooks:\n  sales:\n    .NAN: 1\n    ~: 2\n"),
            [
                "nudge.yaml:2:3: error: `playbooks.sales` has a key '.nan': its keys are words (after_reply, cadence, give_up_after, give_up_after_engaged, then, nurture_every, voicemail_limit)",
                "nudge.yaml:2:3: error: `playbooks.sales` has a key nothing: its keys are words (after_reply, cadence, give_up_after, give_up_after_engaged, then, nurture_every, voicemail_limit)",
            ]
        );
        assert_eq!(
            problems("keywords:\n  [a, b]: {outcome: reply}\n"),
            ["nudge.yaml:1:1: error: `keywords` has a key a list: its keys are words (the new keywords)"]
        );
    }

    #[test]
    fn import_folder_defaults_to_contacts_dir() {
        assert_eq!(Config::default().import_folder(), "people");
        let config = Config::parse("contacts_dir: People/\n").unwrap();
        assert_eq!(config.import_folder(), "People");
        let config = Config::parse("import:\n  folder: People/imported/\n").unwrap();
        assert_eq!(config.import_folder(), "People/imported");
        assert_eq!(
            problems("import:\n  folder: ../out\n  fold: x\n"),
            [
                "nudge.yaml:2:11: error: `import.folder` must be a path inside the notes folder, relative to it, found '../out'",
                "nudge.yaml:3:3: error: unknown setting `import.fold` (the settings of `import` are folder)"
            ]
        );
    }

    #[test]
    fn contacts_takes_folders_tags_and_require() {
        let config = Config::parse("contacts:\n  folders: [\"People/**\"]\n  tags: '#Person'\n  require: [playbook]\n");
        let contacts = config.unwrap().contacts;
        assert_eq!(contacts.folders, ["People/**"]);
        assert_eq!(contacts.selection, Selection::new(&["person".to_owned()], &["playbook".to_owned()]));
        assert_eq!(Config::parse("contacts:\n").map(|config| config.contacts), Ok(Contacts::default()));
        let config = Config::parse("contacts:\n  where: {categories: \"[[People]]\", type: [person, client]}\n");
        let properties = vec![
            ("categories".to_owned(), vec!["[[People]]".to_owned()]),
            ("type".to_owned(), vec!["person".to_owned(), "client".to_owned()]),
        ];
        assert_eq!(config.unwrap().contacts.selection, Selection::EVERY.with_properties(properties));
        assert_eq!(
            problems("contacts:\n  where: [categories]\n"),
            [
                "nudge.yaml:2:10: error: `contacts.where` must be a mapping of front matter keys to values (`where: {categories: People}`), found a list"
            ]
        );
    }

    #[test]
    fn the_team_is_read_with_names_emails_and_a_default_owner() {
        let text = "owners:\n  dana: {name: Dana Reyes, email: dana@acme.example}\n  sam:\ndefault_owner: Dana\nagenda_per_owner: agendas/{owner}.md\n";
        let config = Config::parse(text).unwrap();
        let dana =
            Owner { handle: "dana".into(), name: Some("Dana Reyes".into()), email: Some("dana@acme.example".into()) };
        assert_eq!(config.team.owners, [dana, Owner::handle("sam")]);
        assert_eq!(config.team.default_owner.as_deref(), Some("Dana"));
        assert_eq!(config.agenda_per_owner.as_deref(), Some("agendas/{owner}.md"));
        assert_eq!(Config::parse("default_owner: ~\nagenda_per_owner:\n"), Ok(Config::default()), "empty is unset");
    }

    #[test]
    fn a_bad_team_setting_is_an_error_with_a_did_you_mean() {
        // The default owner is checked once every owner is read: its error comes last.
        assert_eq!(
            problems("owners:\n  dana: {nmae: Dana}\ndefault_owner: dnaa\nagenda_per_owner: agendas/me.md\n"),
            [
                "nudge.yaml:2:10: error: unknown owner field `nmae`: did you mean `name`? (the fields are name, email)",
                "nudge.yaml:4:19: error: `agenda_per_owner` must hold {owner}, where each owner's handle goes (agendas/{owner}.md), found 'agendas/me.md'",
                "nudge.yaml:3:16: error: `default_owner`: unknown owner 'dnaa': did you mean 'dana'? (nudge.yaml's `owners:` lists dana)",
            ]
        );
        assert_eq!(
            problems("owners: [dana, sam]\n"),
            [
                "nudge.yaml:1:9: error: `owners` must be a mapping of handles to a name and an email (`dana: {name: Dana Reyes, email: dana@acme.example}`), found a list"
            ]
        );
    }

    #[test]
    fn unknown_and_bad_contacts_settings_are_errors() {
        assert_eq!(
            problems("contacts:\n  folder: [People]\n  tags: ['#']\n"),
            [
                "nudge.yaml:2:3: error: unknown setting `contacts.folder`: did you mean `folders`? (the settings of `contacts` are folders, tags, require, where)",
                "nudge.yaml:3:9: error: `contacts.tags` holds an empty word",
            ]
        );
        assert_eq!(
            problems("contacts: [People]\n"),
            [
                "nudge.yaml:1:11: error: `contacts` must be a mapping of folders, tags, require, where (`folders: [\"People/**\"]`), found a list"
            ]
        );
        assert_eq!(
            problems("contacts:\n  folders: ['People/[']\n"),
            [
                "nudge.yaml:2:14: error: `contacts.folders` holds an invalid glob 'People/[': unclosed character class; missing ']'"
            ]
        );
        assert_eq!(
            problems("contact:\n  folders: [People]\n"),
            [
                "nudge.yaml:1:1: error: unknown setting `contact`: did you mean `contacts`? (the settings are agenda, refresh_agenda, horizon_days, default_playbook, business_days, holidays, link_style, include, exclude, respect_gitignore, contacts, templates, contacts_dir, import, keywords, playbooks, max_file_size, owners, default_owner, agenda_per_owner, cache)"
            ]
        );
    }

    #[test]
    fn never_is_a_limit() {
        let config = Config::parse("playbooks:\n  sales: {give_up_after: never}\n").unwrap();
        assert_eq!(config.playbooks.get("sales").map(|p| p.give_up_after), Some(Limit::Never));
    }

    #[test]
    fn max_file_size_takes_bytes_or_a_unit() {
        let size = |text: &str| Config::parse(&format!("max_file_size: {text}\n")).map(|config| config.max_file_size);
        assert_eq!(Config::default().max_file_size, 10_000_000);
        assert_eq!(size("2048"), Ok(2048));
        assert_eq!(size("10MB"), Ok(10_000_000));
        assert_eq!(size("512 KiB"), Ok(524_288));
        assert_eq!(size("1gb"), Ok(1_000_000_000));
        for bad in ["0", "ten", "10 MBs", "-5", "1.5MB", "99999999999999999999GB"] {
            assert_eq!(
                problems(&format!("max_file_size: {bad}\n")),
                [format!(
                    "nudge.yaml:1:16: error: `max_file_size` must be a size like 10MB, 500KB or a number of bytes, found '{bad}'"
                )],
                "{bad}"
            );
        }
    }

    #[test]
    fn sizes_in_words() {
        assert_eq!(human_size(20), "20 bytes");
        assert_eq!(human_size(10_000_000), "10 MB");
        assert_eq!(human_size(12_345_678), "12.3 MB");
        assert_eq!(human_size(800_000), "800 KB");
        assert_eq!(human_size(u64::MAX), "18446744073.7 GB");
    }
}
