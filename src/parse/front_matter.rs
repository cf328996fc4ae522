//! Splitting a note into its front matter and body, and reading the front
//! matter's keys (docs/src/note-format.md). Unknown keys are kept for templates.

use std::borrow::Cow;
use std::ops::ControlFlow;
use std::sync::LazyLock;

use memchr::memmem;

use chrono::NaiveDate;
use serde_yaml::Value;

use crate::discover::read::is_delimiter;
use crate::model::Stage;
use crate::model::date_forms::{self, DateForm};
use crate::model::select::{Selection, is_empty_value};
use crate::model::span::Span;
use crate::model::wikilink::WikiLink;
use crate::problem::Problem;
use crate::spaces;
use crate::spare::reused;
use crate::yaml::simple::{self, Simple};
use crate::yaml::{Fields, YamlText, last_wins, scalar_text};

/// The keys nudge reads from a contact's front matter.
#[rustfmt::skip]
pub(crate) const KNOWN_KEYS: &[&str] = &[
    "name", "company", "role", "email", "phone", "tags", "playbook", "stage", "do_not_contact", "next", "added",
    "owner",
];

/// A note cut in two: the YAML between the `---` lines, and the body after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML text (without the delimiter lines).
    pub yaml: &'a str,
    /// The file line on which the YAML starts.
    pub yaml_line: u32,
    /// The byte offset of the YAML in the file's text.
    pub yaml_offset: usize,
    /// The markdown after the closing delimiter.
    pub body: &'a str,
    /// Byte offset of the body in the file's text.
    pub body_offset: usize,
}

/// How a file starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening<'a> {
    /// No front matter: not a contact.
    None,
    /// A `---` line with no closing `---` or `...` line.
    Unclosed,
    /// Front matter and body.
    Split(Split<'a>),
}

/// Cuts `text` (BOM already removed or not) into front matter and body.
pub fn split(text: &str) -> Opening<'_> {
    let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let Some(after_bom) = text.get(start..) else {
        return Opening::None;
    };
    let bytes = after_bom.as_bytes();
    let line_end = |from: usize| memchr::memchr(b'\n', bytes.get(from..)?).map(|at| from + at + 1);
    let first_end = line_end(0).unwrap_or(bytes.len());
    if !is_delimiter(bytes.get(..first_end).unwrap_or_default(), b"---") {
        return Opening::None;
    }
    // The closing line is found from the `\n---` (and `\n...` before it) in
    // the text, one search each, not by looking at every line.
    let dashes = delimiter_line(bytes, first_end, bytes.len(), &DASHES);
    let before_dashes = dashes.map_or(bytes.len(), |(offset, _)| offset);
    let Some((offset, end)) = delimiter_line(bytes, first_end, before_dashes, &DOTS).or(dashes) else {
        return Opening::Unclosed;
    };
    let yaml = after_bom.get(first_end..offset).unwrap_or_default();
    let body_offset = start + end;
    let body = text.get(body_offset..).unwrap_or_default();
    Opening::Split(Split { yaml, yaml_line: 2, yaml_offset: start + first_end, body, body_offset })
}

/// The searches for a closing line: `---` or `...` after a line break.
static DASHES: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"\n---"));
static DOTS: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"\n..."));

/// The first line starting at byte `from` (a line's start) or later, and
/// before byte `limit`, that is the marker `finder` looks for after a line
/// break (`\n---`), then only spaces: its start and end (after its line
/// break).
fn delimiter_line(bytes: &[u8], from: usize, limit: usize, finder: &memmem::Finder<'_>) -> Option<(usize, usize)> {
    let marker = finder.needle().get(1..)?;
    // The line break before the line.
    let mut search = from.checked_sub(1)?;
    loop {
        let haystack = bytes.get(search..(limit + marker.len()).min(bytes.len()))?;
        let start = search + finder.find(haystack)? + 1;
        if start >= limit {
            return None;
        }
        let end = memchr::memchr(b'\n', bytes.get(start..)?).map_or(bytes.len(), |at| start + at + 1);
        if is_delimiter(bytes.get(start..end)?, marker) {
            return Some((start, end));
        }
        search = end - 1;
    }
}

/// The front matter keys of a contact, validated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// `name`: the text Obsidian shows when it is a wiki link (see `links`).
    pub name: Option<String>,
    /// `company`, likewise.
    pub company: Option<String>,
    /// `role`, likewise.
    pub role: Option<String>,
    /// The notes `name`, `company` and `role` link to, when written as wiki links.
    pub links: Links,
    /// `email`.
    pub email: Option<String>,
    /// `phone`.
    pub phone: Option<String>,
    /// `tags`: a list, or one word.
    pub tags: Vec<String>,
    /// `playbook`.
    pub playbook: Option<String>,
    /// `stage`.
    pub stage: Option<Stage>,
    /// `do_not_contact`.
    pub do_not_contact: bool,
    /// `next`: an agreed date (R5).
    pub next: Option<NaiveDate>,
    /// `added`.
    pub added: Option<NaiveDate>,
    /// `owner`: a handle, or a list of them for a shared account
    /// (docs/src/teams.md); empty when the note names none.
    pub owner: Vec<String>,
    /// Every other key, for templates.
    pub extra: Extra,
    /// Where `name`, `email` and `playbook` are, for problems about them.
    pub spans: KeySpans,
}

/// The link targets of the text keys written as wiki links
/// (`company: "[[Globex|Globex Corp]]"` links to `Globex`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// The note `name` links to.
    pub name: Option<Box<str>>,
    /// The note `company` links to.
    pub company: Option<Box<str>>,
    /// The note `role` links to.
    pub role: Option<Box<str>>,
}

/// The front matter keys nudge does not read, kept for templates. What is
/// kept is the front matter's text, read again when a template asks: a
/// value per key, kept for every contact of a large vault, would take
/// several times the memory of the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra {
    /// The YAML text, when it has such keys.
    yaml: Option<Box<str>>,
}

impl Extra {
    /// Keeps the front matter text `yaml`, when it has unknown keys (see
    /// [`Read::extra`]).
    pub fn of(yaml: Option<&str>) -> Self {
        Self { yaml: yaml.map(Into::into) }
    }

    /// The keys other than [`KNOWN_KEYS`] with their values, in file order.
    pub fn entries(&self) -> Vec<(String, Value)> {
        let Some(yaml) = self.yaml.as_deref() else {
            return Vec::new();
        };
        let entries: Vec<(String, Value)> = match simple::entries(yaml) {
            Some(read) => read.entries.into_iter().map(|(key, value)| (key.to_owned(), value.into_value())).collect(),
            None => match last_wins::read(YamlText::new(yaml, 1, 0)) {
                Ok(last_wins::Read::Mapping(entries, _)) => {
                    entries.into_iter().filter_map(|(key, value)| Some((text_key(key).ok()?, value))).collect()
                }
                _ => Vec::new(),
            },
        };
        entries.into_iter().filter(|(key, _)| !KNOWN_KEYS.contains(&key.as_str())).collect()
    }
}

/// The value of `key`, one of the keys nudge does not read, in the front
/// matter text `yaml` (see [`Read::extra`]): what [`Extra::entries`] gives
/// for it, without copying the text or reading the other values.
pub(crate) fn extra_value(yaml: Option<&str>, key: &str) -> Option<Value> {
    let yaml = yaml?;
    match simple::entries(yaml) {
        Some(read) => read.entries.into_iter().find(|(found, _)| *found == key).map(|(_, value)| value.into_value()),
        None => Extra::of(Some(yaml)).entries().into_iter().find(|(found, _)| found == key).map(|(_, value)| value),
    }
}

/// Where the values later checks report on are in the note's text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeySpans {
    /// The `name` value (or the start of the front matter).
    pub name: Span,
    /// The `email` value.
    pub email: Span,
    /// The `playbook` value.
    pub playbook: Span,
    /// The `owner` value.
    pub owner: Span,
}

/// A front matter as read.
#[derive(Debug)]
pub struct Read<'a> {
    /// The keys nudge reads (`extra` left empty).
    pub front: FrontMatter,
    /// The front matter's text when it has keys nudge does not read: what
    /// [`Extra::of`] keeps for a contact that shows them (most do not, and
    /// copy nothing).
    pub extra: Option<&'a str>,
    /// Warnings (a key one edit from a known one).
    pub problems: Vec<Problem>,
}

/// Reads the front matter of `file`: `Ok(None)` when `selection` says it
/// is no contact's (then none of its values is checked: a project note's
/// `stage: planning` is no error). Any error leaves the contact out (the
/// problems say why); warnings (a key one edit from a known one) do not. A
/// front matter that is no YAML mapping is an error whatever `selection`
/// says: what it holds cannot be known.
pub fn read<'a>(file: &str, yaml: YamlText<'a>, selection: &Selection) -> Result<Option<Read<'a>>, Vec<Problem>> {
    let mut fields = Fields::new(yaml, file);
    let mut front = unread(yaml);
    // Every note read (the usual case): each key read as it is framed.
    let framed = if selection.is_every() { read_as_framed(&mut fields, &mut front) } else { Framed::Collect };
    let simple = match framed {
        Framed::Read { has_extra } => return finish(yaml.text(), fields, front, has_extra).map(Some),
        Framed::Declined => None,
        Framed::Collect => simple::entries(yaml.text()),
    };
    if selection.is_every() {
        // What was read as framed is read again, from the entries.
        (fields, front) = (Fields::new(yaml, file), unread(yaml));
    }
    // The fast reader's entries, or else the YAML library's: one is empty.
    let (parsed, repeated_parsed) = match simple {
        Some(_) => (Vec::new(), Vec::new()),
        None => parse_mapping(file, yaml)?,
    };
    let simple_entries = simple.as_ref().map(|read| read.entries.as_slice());
    if !selection.is_every() && !selection.admits(|key| value_of(simple_entries, &parsed, key)) {
        return Ok(None);
    }
    let (simple, repeated_simple) = simple.map(|read| (read.entries, read.repeated)).unwrap_or_default();
    let repeated_simple = repeated_simple.into_iter().map(str::to_owned);
    let repeated: Vec<String> =
        repeated_simple.chain(repeated_parsed.into_iter().filter_map(|key| text_key(key).ok())).collect();
    if !repeated.is_empty() {
        fields.repeated(repeated.clone());
        for key in &repeated {
            warn_repeated(&mut fields, key);
        }
    }
    let mut has_extra = false;
    for (key, value) in simple {
        has_extra |= !read_key(&mut fields, &mut front, key, Entry::Simple(value));
    }
    for (key, value) in parsed {
        match text_key(key) {
            Ok(key) => has_extra |= !read_key(&mut fields, &mut front, &key, Entry::Parsed(value)),
            Err(other) => {
                let found = crate::yaml::describe(&other);
                fields.error(yaml.start(), format!("front matter keys must be words, found {found}"));
            }
        }
    }
    finish(yaml.text(), fields, front, has_extra).map(Some)
}

/// What [`read_as_framed`] made of a front matter.
enum Framed {
    /// Every key read; whether some are keys nudge does not read.
    Read { has_extra: bool },
    /// A key written twice (or a selection to check before reading): the
    /// fast reader's entries are collected, with the later value of each key.
    Collect,
    /// Not one the fast reader reads: the YAML library reads it.
    Declined,
}

/// Reads each key of the front matter of `fields` as [`simple::each_entry`]
/// frames it, into `front`: no entries collected, no YAML values made for
/// the usual values. Unless every key was read, what `fields` and `front`
/// hold is to be thrown away.
fn read_as_framed(fields: &mut Fields<'_>, front: &mut FrontMatter) -> Framed {
    let mut has_extra = false;
    let mut keys = simple::Keys::default();
    let framed = simple::each_entry(fields.source().text(), |key, value| {
        if !keys.is_new(key) {
            return ControlFlow::Break(());
        }
        has_extra |= !read_key(fields, front, key, Entry::Simple(value));
        ControlFlow::Continue(())
    });
    match framed {
        None => Framed::Declined,
        Some(ControlFlow::Break(())) => Framed::Collect,
        Some(ControlFlow::Continue(())) => Framed::Read { has_extra },
    }
}

/// A contact's keys before any is read: the spans at the front matter's start.
fn unread(yaml: YamlText<'_>) -> FrontMatter {
    FrontMatter {
        spans: KeySpans { name: yaml.start(), email: yaml.start(), playbook: yaml.start(), owner: yaml.start() },
        ..FrontMatter::default()
    }
}

/// The front matter `yaml` read into `front`, or its errors.
fn finish<'a>(
    yaml: &'a str,
    fields: Fields<'_>,
    front: FrontMatter,
    has_extra: bool,
) -> Result<Read<'a>, Vec<Problem>> {
    let errors = fields.has_errors();
    let problems = fields.into_problems();
    if errors { Err(problems) } else { Ok(Read { front, extra: has_extra.then_some(yaml), problems }) }
}

/// The value of `key` in the entries either reader gave (each key once).
fn value_of(simple: Option<&[(&str, Simple<'_>)]>, parsed: &[(Value, Value)], key: &str) -> Option<Value> {
    match simple {
        Some(entries) => entries.iter().find(|(found, _)| *found == key).map(|(_, value)| value.clone().into_value()),
        None => parsed.iter().find(|(found, _)| found.as_str() == Some(key)).map(|(_, value)| value.clone()),
    }
}

/// A warning at each place `key` is written again after its first: the
/// later value is the one read (docs/src/note-format.md).
fn warn_repeated(fields: &mut Fields<'_>, key: &str) {
    let shown = crate::problem::quotable(key);
    let places = fields.yaml().top_level_keys(key);
    match places.split_first() {
        Some((first, again)) if !again.is_empty() => {
            for at in again {
                let message = format!(
                    "`{shown}` is written twice (first at line {}): the later value is read; delete the one you do not mean",
                    fields.source().line_of(*first)
                );
                fields.warning(*at, message);
            }
        }
        _ => {
            let at = fields.key(&[key]);
            fields.warning(
                at,
                format!("`{shown}` is written twice: the later value is read; delete the one you do not mean"),
            );
        }
    }
}

/// A front matter value, as either reader gave it.
enum Entry<'a> {
    Simple(Simple<'a>),
    Parsed(Value),
}

impl Entry<'_> {
    /// Whether the value is empty: nothing, `~`, `null`, `""` (or only
    /// spaces), `[]` or `{}`, as Obsidian writes an empty property.
    fn is_empty(&self) -> bool {
        match self {
            Self::Simple(Simple::Null) => true,
            Self::Simple(Simple::Text(text)) => spaces::trim(text).is_empty(),
            Self::Simple(Simple::List(items)) => items.is_empty(),
            Self::Simple(Simple::Map(entries)) => entries.is_empty(),
            Self::Simple(Simple::Bool(_) | Simple::Number(_)) => false,
            Self::Parsed(value) => is_empty_value(value),
        }
    }

    /// The YAML value (made only for the keys nudge reads).
    fn into_value(self) -> Value {
        match self {
            Self::Simple(simple) => simple.into_value(),
            Self::Parsed(value) => value,
        }
    }
}

/// A key as text (a string, tagged or not), or the key that is not one.
fn text_key(key: Value) -> Result<String, Value> {
    match key {
        Value::String(key) => Ok(key),
        other => other.as_str().map(str::to_owned).ok_or(other),
    }
}

/// The entries of the front matter as the YAML library reads them, each key
/// once with its later value, and the keys written twice: the way for any
/// front matter that [`simple::entries`] declines.
type Parsed = (Vec<(Value, Value)>, Vec<Value>);

/// Reads the front matter with the YAML library: see [`Parsed`].
fn parse_mapping(file: &str, yaml: YamlText<'_>) -> Result<Parsed, Vec<Problem>> {
    let read = last_wins::read(yaml).map_err(|error| {
        vec![Problem::error(
            file,
            error.span,
            format!("front matter is not valid YAML: {}; fix the YAML between the --- lines", error.message),
        )]
    })?;
    match read {
        last_wins::Read::Mapping(entries, repeated) => Ok((entries, repeated)),
        last_wins::Read::Other(Value::Null) => Ok((Vec::new(), Vec::new())),
        last_wins::Read::Other(other) => {
            let found = crate::yaml::describe(&other);
            let message = format!("front matter must be a mapping of keys (`name: Dana Reyes`), found {found}");
            Err(vec![Problem::error(file, yaml.value_at(0), message)])
        }
    }
}

/// One of [`KNOWN_KEYS`], told apart once a key: each key of each note
/// would otherwise be compared with the known ones by text three times
/// (the empty value, the text keys, the others).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    Name,
    Company,
    Role,
    Email,
    Phone,
    Tags,
    Playbook,
    Stage,
    DoNotContact,
    Next,
    Added,
    Owner,
}

impl Known {
    /// The known key `key` is, by its length and then its bytes.
    fn of(key: &str) -> Option<Self> {
        Some(match (key.len(), key) {
            (4, "name") => Self::Name,
            (4, "role") => Self::Role,
            (4, "tags") => Self::Tags,
            (4, "next") => Self::Next,
            (5, "email") => Self::Email,
            (5, "phone") => Self::Phone,
            (5, "stage") => Self::Stage,
            (5, "added") => Self::Added,
            (5, "owner") => Self::Owner,
            (7, "company") => Self::Company,
            (8, "playbook") => Self::Playbook,
            (14, "do_not_contact") => Self::DoNotContact,
            _ => return None,
        })
    }
}

/// Reads one key into `front`; `false` for a key nudge does not read.
fn read_key(fields: &mut Fields<'_>, front: &mut FrontMatter, key: &str, entry: Entry<'_>) -> bool {
    let Some(known) = Known::of(key) else {
        if let Some(known) = one_edit_from_known(key) {
            let at = fields.key(&[key]);
            fields.warning(
                at,
                format!(
                    "unknown key `{}`: did you mean `{known}`? (unknown keys are kept for templates)",
                    crate::problem::quotable(key)
                ),
            );
        }
        return false;
    };
    let path = &[key];
    if entry.is_empty() {
        // An empty value is no value: the key is unset (docs/src/note-format.md).
        return true;
    }
    // Text and lists of texts, the usual values, read without a YAML value.
    let entry = match entry {
        Entry::Simple(Simple::Text(text)) => match read_text_key(fields, front, key, known, text) {
            Ok(()) => return true,
            Err(text) => Entry::Simple(Simple::Text(text)),
        },
        Entry::Simple(Simple::List(items)) if known == Known::Tags => match text_tags(&items) {
            Some(tags) => {
                front.tags = tags;
                return true;
            }
            None => Entry::Simple(Simple::List(items)),
        },
        other => other,
    };
    let value = || entry.into_value();
    match known {
        Known::Name => {
            front.spans.name = value_span(fields, key);
            (front.name, front.links.name) = linked_text(fields, path, value());
        }
        Known::Company => (front.company, front.links.company) = linked_text(fields, path, value()),
        Known::Role => (front.role, front.links.role) = linked_text(fields, path, value()),
        Known::Email => {
            front.spans.email = value_span(fields, key);
            front.email = trimmed(fields.into_text(path, value()));
        }
        Known::Phone => front.phone = trimmed(fields.into_text(path, value())),
        Known::Tags => front.tags = tags(fields, path, value()),
        Known::Playbook => {
            front.spans.playbook = value_span(fields, key);
            front.playbook = fields.into_text(path, value());
        }
        Known::Stage => front.stage = fields.word(path, &value(), crate::model::Stage::WORDS, Stage::from_word),
        Known::DoNotContact => front.do_not_contact = fields.boolean(path, &value()).unwrap_or(false),
        Known::Next => front.next = fields.date(path, &value()),
        Known::Added => front.added = fields.date(path, &value()),
        Known::Owner => {
            front.spans.owner = value_span(fields, key);
            front.owner = tags(fields, path, value()).into_iter().map(|owner| owner.trim().to_owned()).collect();
        }
    }
    true
}

/// Reads the text the fast reader lent for one of the text keys (`key`,
/// lent out of the text too: see [`value_span`]) straight into `front`, as
/// [`read_key`] reads it as a YAML string, without making one first, or
/// gives the text back for the other keys (a date with a
/// problem, `stage`, `owner`...).
fn read_text_key<'a>(
    fields: &Fields<'_>,
    front: &mut FrontMatter,
    key: &str,
    known: Known,
    text: Cow<'a, str>,
) -> Result<(), Cow<'a, str>> {
    let linked = |text: Cow<'_, str>| match WikiLink::parse(&text) {
        Some(link) => (Some(reused(link.text())), Some(link.target.into())),
        None => (trimmed_text(&text), None),
    };
    match known {
        Known::Name => {
            front.spans.name = lent_span(fields, key, &text);
            (front.name, front.links.name) = linked(text);
        }
        Known::Company => (front.company, front.links.company) = linked(text),
        Known::Role => (front.role, front.links.role) = linked(text),
        Known::Email => {
            front.spans.email = lent_span(fields, key, &text);
            front.email = trimmed_text(&text);
        }
        Known::Phone => front.phone = trimmed_text(&text),
        Known::Playbook => {
            front.spans.playbook = lent_span(fields, key, &text);
            front.playbook = Some(reused(&text));
        }
        Known::Tags => {
            front.tags = match WikiLink::parse(&text) {
                Some(link) => vec![reused(link.text())],
                None => vec![reused(&text)],
            }
        }
        Known::Next | Known::Added => match date_forms::read(&text) {
            DateForm::Date(date) => {
                *(if known == Known::Next { &mut front.next } else { &mut front.added }) = Some(date);
            }
            _ => return Err(text),
        },
        Known::Stage | Known::DoNotContact | Known::Owner => return Err(text),
    }
    Ok(())
}

/// The tags of a list the fast reader read, when every item is text or
/// empty, as [`tags`] reads them (`None` for any other list).
fn text_tags(items: &[Simple<'_>]) -> Option<Vec<String>> {
    let mut tags = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Simple::Text(text) if !spaces::trim(text).is_empty() => tags.push(match WikiLink::parse(text) {
                Some(link) => reused(link.text()),
                None => reused(text),
            }),
            Simple::Text(_) | Simple::Null => {}
            _ => return None,
        }
    }
    Some(tags)
}

/// A text key that may be a wiki link (`[[Globex|Globex Corp]]`, quoted or
/// not): the text Obsidian shows for it, and the note it links to.
fn linked_text(fields: &mut Fields<'_>, path: &[&str], value: Value) -> (Option<String>, Option<Box<str>>) {
    match WikiLink::in_value(&value) {
        Some(link) => (Some(link.text().to_owned()), Some(link.target.into())),
        None if is_split_link(&value) => {
            let (at, key) = (fields.value(path), path.join("."));
            let message = format!(
                "`{key}` is a wiki link with a comma, which YAML reads as a list: put it in quotes, as in {key}: \"[[Acme, Inc]]\""
            );
            fields.error(at, message);
            (None, None)
        }
        None => (trimmed(fields.into_text(path, value)), None),
    }
}

/// A text field without the white space around it (the line ending a
/// folded `name: >` keeps, spaces inside quotes), read the same whichever
/// reader read it; nothing left is no value.
fn trimmed(text: Option<String>) -> Option<String> {
    let text = text?;
    let inner = text.trim();
    if inner.len() == text.len() {
        return Some(text);
    }
    (!inner.is_empty()).then(|| inner.to_owned())
}

/// [`trimmed`] for a text the fast reader lent: copied once, trimmed, into
/// a spare string (see [`reused`]). `str::trim` (about 50 instructions)
/// only when an end may be white space: a byte of ASCII beyond the space
/// is none, any other byte may be one or begin or end one (U+00A0, U+3000).
fn trimmed_text(text: &str) -> Option<String> {
    let printable = |byte: Option<&u8>| byte.is_some_and(|&byte| (b'!'..0x80).contains(&byte));
    let bytes = text.as_bytes();
    let inner = if printable(bytes.first()) && printable(bytes.last()) { text } else { text.trim() };
    (!inner.is_empty()).then(|| reused(inner))
}

/// Whether `value` is an unquoted `[[a, b]]`: a list holding one list of
/// several texts, the link split at its commas.
fn is_split_link(value: &Value) -> bool {
    match value {
        Value::Sequence(outer) => match outer.as_slice() {
            [Value::Sequence(inner)] => inner.len() > 1 && inner.iter().all(|item| scalar_text(item).is_some()),
            _ => false,
        },
        _ => false,
    }
}

/// The text a front matter text value shows, read without reporting
/// problems: `None` when it is empty or not text, the text Obsidian shows
/// for a wiki link.
pub(crate) fn shown_text(value: &Value) -> Option<String> {
    if is_empty_value(value) {
        return None;
    }
    WikiLink::in_value(value).map_or_else(|| scalar_text(value), |link| Some(link.text().to_owned()))
}

/// `tags` (and `owner`): a list of texts or of wiki links (their text),
/// or one of either; empty items are left out.
fn tags(fields: &mut Fields<'_>, path: &[&str], value: Value) -> Vec<String> {
    if let Some(link) = WikiLink::in_value(&value) {
        return vec![link.text().to_owned()];
    }
    let Value::Sequence(items) = value else {
        return fields.texts(path, value).unwrap_or_default();
    };
    let mut tags = Vec::with_capacity(items.len());
    for item in items {
        if is_empty_value(&item) {
            continue;
        }
        let text = match WikiLink::in_value(&item) {
            Some(link) => link.text().to_owned(),
            None => match item {
                Value::String(text) => text,
                other => match scalar_text(&other) {
                    Some(text) => text,
                    None => {
                        fields.wrong_type(path, &other, "a list of words");
                        return Vec::new();
                    }
                },
            },
        };
        tags.push(text);
    }
    tags
}

/// The span of the value of `key`: found from the key itself when it is
/// the one the fast reader lent out of the text and the value follows it on
/// its line (as in `name: Dana Reyes`), else located by reading the text.
fn value_span(fields: &Fields<'_>, key: &str) -> Span {
    let text = fields.source();
    let on_its_line = offset_within(text.text(), key).and_then(|start| {
        let line = text.text().get(start..)?;
        let line = line.get(..memchr::memchr(b'\n', line.as_bytes()).unwrap_or(line.len()))?;
        let after = line.get(key.len()..)?.strip_prefix(':')?;
        let value = spaces::trim_start(after);
        let starts_value = !(value.is_empty() || value.starts_with(['#', '\r', '\t']));
        starts_value.then(|| start + line.len() - value.len())
    });
    match on_its_line {
        Some(offset) => text.value_at(offset),
        None => fields.yaml().value(&[key]),
    }
}

/// The span of `text`, the value of `key` the fast reader lent: the text
/// itself when it is a plain scalar (lent out of the front matter after the
/// space before it, and ending in ASCII, which [`YamlText::value_at`]
/// would not trim), without reading its line again; else [`value_span`].
fn lent_span(fields: &Fields<'_>, key: &str, text: &str) -> Span {
    let source = fields.source();
    let plain = offset_within(source.text(), text).filter(|&offset| {
        let before = offset.checked_sub(1).and_then(|before| source.text().as_bytes().get(before));
        before == Some(&b' ') && text.as_bytes().last().is_some_and(u8::is_ascii)
    });
    match plain {
        Some(offset) => source.span(offset, offset + text.len()),
        None => value_span(fields, key),
    }
}

/// The byte offset of `part` in `whole`, when `part` is a slice of it (a
/// string of its own never is: its memory is elsewhere).
fn offset_within(whole: &str, part: &str) -> Option<usize> {
    let offset = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    (offset + part.len() <= whole.len()).then_some(offset)
}

/// The known key `key` is one edit (an insertion, deletion, substitution or
/// swap of neighbours) away from, ignoring case. This runs on every unknown
/// key of every note: it allocates nothing for a lower-case ASCII key.
fn one_edit_from_known(key: &str) -> Option<&'static str> {
    // Nearly every unknown key is let go by its length and ends alone,
    // compared only with the known keys of a length one edit reaches.
    let mut candidates = NEAR_BY_LENGTH.get(key.len()).copied().unwrap_or(0);
    if key.is_ascii() {
        // One edit keeps the first or the last letter (see
        // `suggest::may_be_near`): only known keys sharing one are compared.
        let bytes = key.as_bytes();
        let (first, last) = (bytes.first().copied().unwrap_or(0), bytes.last().copied().unwrap_or(0));
        let by_end = |table: &[u16; 128], byte: u8| table.get(usize::from(byte.to_ascii_lowercase())).copied();
        candidates &= by_end(&BY_FIRST, first).unwrap_or(0) | by_end(&BY_LAST, last).unwrap_or(0);
        let mut near = false;
        while candidates != 0 && !near {
            let known = KNOWN_KEYS.get(candidates.trailing_zeros() as usize).copied().unwrap_or_default();
            near = crate::suggest::may_be_near(key.as_bytes(), known.as_bytes(), 1);
            candidates &= candidates - 1;
        }
        if !near {
            return None;
        }
    }
    // The others (`date` and `title` near `name` and `role`) are the same
    // few keys in note after note: each is compared once a thread.
    SUGGESTED.with_borrow_mut(|suggested| {
        if let Some(known) = suggested.get(key) {
            return *known;
        }
        let known = crate::suggest::closest(key, KNOWN_KEYS.iter().copied(), crate::suggest::Reach::OneEdit);
        if suggested.len() < MAX_SUGGESTED {
            suggested.insert(key.into(), known);
        }
        known
    })
}

/// For each key length, the known keys (bits of their indexes in
/// [`KNOWN_KEYS`]) whose length differs by at most one, the only ones one
/// edit may reach; a key of 16 bytes or more is near none.
#[expect(clippy::indexing_slicing, reason = "evaluated while compiling: an index out of bounds fails the build")]
const NEAR_BY_LENGTH: [u16; 16] = {
    assert!(KNOWN_KEYS.len() <= 16, "a bit each");
    let mut table = [0u16; 16];
    let mut index = 0;
    while index < KNOWN_KEYS.len() {
        let length = KNOWN_KEYS[index].len();
        let mut near = length.saturating_sub(1);
        while near <= length + 1 && near < table.len() {
            table[near] |= 1 << index;
            near += 1;
        }
        index += 1;
    }
    table
};

/// The known keys (bits of their indexes in [`KNOWN_KEYS`]) by their first
/// letter, and by their last.
const BY_FIRST: [u16; 128] = by_letter(true);
const BY_LAST: [u16; 128] = by_letter(false);

/// See [`BY_FIRST`].
#[expect(clippy::indexing_slicing, reason = "evaluated while compiling: an index out of bounds fails the build")]
const fn by_letter(first: bool) -> [u16; 128] {
    let mut table = [0u16; 128];
    let mut index = 0;
    while index < KNOWN_KEYS.len() {
        let key = KNOWN_KEYS[index].as_bytes();
        let letter = if first { key[0] } else { key[key.len() - 1] };
        table[letter as usize] |= 1 << index;
        index += 1;
    }
    table
}

/// The most keys [`SUGGESTED`] remembers (a vault of keys all its own
/// costs no memory beyond it).
const MAX_SUGGESTED: usize = 256;

thread_local! {
    /// What [`one_edit_from_known`] found for the unknown keys that passed
    /// its filter on this thread: every note of a vault repeats them.
    static SUGGESTED: std::cell::RefCell<fnv::FnvHashMap<Box<str>, Option<&'static str>>> =
        std::cell::RefCell::new(fnv::FnvHashMap::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_handles_bom_crlf_and_dots() {
        let Opening::Split(split) = split("\u{feff}---\r\nname: Dana\r\n...\r\nbody\r\n") else { panic!("no split") };
        assert_eq!((split.yaml, split.body, split.yaml_line), ("name: Dana\r\n", "body\r\n", 2));
        assert_eq!(&"\u{feff}---\r\nname: Dana\r\n...\r\nbody\r\n"[split.body_offset..], "body\r\n");
        assert_eq!(split_opening("--- \nx: 1\n---"), "split");
        assert_eq!(split_opening("# Title\n---\n"), "none");
        assert_eq!(split_opening("---\nname: x\n"), "unclosed");
        assert_eq!(split_opening(""), "none");
    }

    /// The closing line as the split looked for it before: every line in turn.
    fn split_line_by_line(text: &str) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        let line_end = |from: usize| memchr::memchr(b'\n', bytes.get(from..)?).map(|at| from + at + 1);
        let first_end = line_end(0).unwrap_or(bytes.len());
        let mut offset = first_end;
        while offset < bytes.len() {
            let end = line_end(offset).unwrap_or(bytes.len());
            let line = bytes.get(offset..end).unwrap_or_default();
            if is_delimiter(line, b"---") || is_delimiter(line, b"...") {
                return Some((offset, end));
            }
            offset = end;
        }
        None
    }

    proptest::proptest! {
        /// The closing line is the first `---` or `...` line, as reading
        /// every line finds it.
        #[test]
        fn the_closing_line_is_the_first_delimiter_line(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::Just("---".to_owned()), proptest::prelude::Just("...".to_owned()), proptest::prelude::Just("--- ".to_owned()), proptest::prelude::Just("....".to_owned()),
                    proptest::prelude::Just("----".to_owned()), proptest::prelude::Just("--".to_owned()), proptest::prelude::Just(" ---".to_owned()), proptest::prelude::Just("...x".to_owned()),
                    proptest::prelude::Just("--- \t".to_owned()), "[a-z.: -]{0,6}",
                ],
                0..8,
            ),
            crlf: bool,
            end_with_break: bool,
        ) {
            let mut text = format!("---{}", if crlf { "\r\n" } else { "\n" });
            text.push_str(&lines.join(if crlf { "\r\n" } else { "\n" }));
            if end_with_break {
                text.push('\n');
            }
            let first_end = if crlf { 5 } else { 4 };
            let found = match split(&text) {
                Opening::Split(split) => Some((first_end + split.yaml.len(), split.body_offset)),
                Opening::Unclosed => None,
                Opening::None => None,
            };
            proptest::prop_assert_eq!(found, split_line_by_line(&text), "{:?}", text);
        }
    }

    proptest::proptest! {
        /// A lent text is trimmed as `str::trim` trims it, white space of
        /// every width at either end or none.
        #[test]
        fn a_lent_text_is_trimmed_as_str_trim_trims_it(
            text in "[ \t\u{b}\u{a0}\u{3000}]?[a-z !~é€😀\u{85}\u{2028}]{0,6}[ \t\r\n\u{b}\u{a0}\u{3000}\u{7f}]?",
        ) {
            let reference = Some(text.trim()).filter(|inner| !inner.is_empty()).map(str::to_owned);
            proptest::prop_assert_eq!(trimmed_text(&text), reference, "{:?}", text);
        }
    }

    fn split_opening(text: &str) -> &'static str {
        match split(text) {
            Opening::None => "none",
            Opening::Unclosed => "unclosed",
            Opening::Split(_) => "split",
        }
    }

    /// The span of a lent text value is where the value's line puts it,
    /// plain or quoted, after spaces, before a comment or a CRLF line break.
    #[test]
    fn a_lent_value_span_is_the_one_read_from_its_line() {
        for text in [
            "name: Dana Reyes\nemail: d@x.test  # work\nplaybook:   client\r\n",
            "name: \"Dana\"\nemail: 'd@x.test'\nplaybook: \"[[Client]]\"  \n",
            "name: Dana\u{3000}\nemail: d@x.test\u{a0}\nname: Ana # later\n",
            "date created: 2026-11-02\nname: 王伟 🌟\nemail: ü@x.test\r\n",
        ] {
            let yaml = YamlText::new(text, 2, 4);
            let fields = Fields::new(yaml, "f.md");
            let read = simple::entries(text).unwrap_or_else(|| panic!("declined {text:?}"));
            for (key, value) in read.entries {
                if let Simple::Text(value) = value {
                    assert_eq!(lent_span(&fields, key, &value), value_span(&fields, key), "{key} in {text:?}");
                }
            }
        }
    }

    #[test]
    fn the_byte_test_agrees_with_split() {
        use crate::discover::read::starts_with_front_matter;
        assert!(starts_with_front_matter(b"\xEF\xBB\xBF---\r\n"));
        assert!(starts_with_front_matter(b"---"));
        assert!(!starts_with_front_matter(b"----\n"));
        assert!(!starts_with_front_matter(b"\xff\xfe"));
    }

    /// The front matter `text` of a note (after its `---` line) as a
    /// contact that shows unknown keys keeps it; the problems know the note.
    fn read_text(text: &str) -> Result<(FrontMatter, Vec<Problem>), Vec<Problem>> {
        let note = format!("---\n{text}");
        let yaml = YamlText::new(note.get(4..).unwrap_or_default(), 2, 4);
        let with_source = |mut problems: Vec<Problem>| {
            crate::problem::attach_source(&mut problems, &note);
            problems
        };
        let read = read("people/dana.md", yaml, &Selection::EVERY).map_err(with_source)?;
        let Read { mut front, extra, problems } = read.ok_or_else(Vec::new)?;
        front.extra = Extra::of(extra);
        Ok((front, with_source(problems)))
    }

    /// The errors of a front matter that has some, as shown.
    fn errors_of(text: &str) -> Vec<String> {
        read_text(text).map_or_else(|errors| errors.iter().map(ToString::to_string).collect(), |_| Vec::new())
    }

    #[test]
    fn known_keys_are_read_and_unknown_ones_kept() {
        let (front, problems) = read_text(
            "name: Dana Reyes\ncompany: Acme\ntags: [recruiter, warm]\nplaybook: sales\nstage: nurture\ndo_not_contact: no\nnext: 2026-11-27\nadded: 2026-11-01\nlinkedin: dana\n",
        )
        .unwrap();
        assert!(problems.is_empty());
        assert_eq!(front.name.as_deref(), Some("Dana Reyes"));
        assert_eq!(front.tags, ["recruiter", "warm"]);
        assert_eq!(front.stage, Some(Stage::Nurture));
        assert_eq!(front.next, crate::model::parse_date("2026-11-27"));
        assert_eq!(front.extra.entries(), [("linkedin".to_owned(), Value::String("dana".to_owned()))]);
        assert_eq!(
            front.spans.playbook,
            Span::of_len("---\nname: Dana Reyes\ncompany: Acme\ntags: [recruiter, warm]\nplaybook: ".len(), 5)
        );
    }

    #[test]
    fn unknown_keys_are_read_again_as_written_whichever_reader_read_them() {
        let (front, _) = read_text("name: Dana\nsizes: {team: 12}\nlinkedin: dana\nscore: 4.5\n").unwrap();
        let sizes: Value = serde_yaml::from_str("{team: 12}").unwrap();
        let expected = [
            ("sizes".to_owned(), sizes),
            ("linkedin".to_owned(), Value::String("dana".to_owned())),
            ("score".to_owned(), Value::Number(4.5.into())),
        ];
        assert_eq!(front.extra.entries(), expected);
        let (front, _) = read_text("name: Dana\n").unwrap();
        assert_eq!((front.extra.entries(), front.extra), (Vec::new(), Extra::default()), "nothing kept");
    }

    #[test]
    fn a_key_one_edit_away_is_a_warning() {
        let (front, problems) = read_text("name: Dana\nplaybok: sales\n").unwrap();
        assert_eq!(front.playbook, None);
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "people/dana.md:3:1: warning: unknown key `playbok`: did you mean `playbook`? (unknown keys are kept for templates)"
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn the_cheap_one_edit_test_agrees_with_damerau_levenshtein(key in "[a-zA-Z_İΣ]{0,16}|(name|email|do_not_contact|added)[a-z]?") {
            let lower = key.to_lowercase();
            let near = KNOWN_KEYS.iter().copied().filter(|known| strsim::damerau_levenshtein(&lower, known) <= 1);
            let reference = near.min_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            proptest::prop_assert_eq!(one_edit_from_known(&key), reference);
        }
    }

    #[test]
    fn every_known_key_is_told_apart_and_no_other() {
        let told: Vec<Option<Known>> = KNOWN_KEYS.iter().map(|key| Known::of(key)).collect();
        assert!(told.iter().all(Option::is_some), "{told:?}");
        assert!(told.iter().enumerate().all(|(at, known)| !told.get(..at).unwrap_or_default().contains(known)));
        for key in ["Name", "names", "nam", "date", "title", "do_not_contact ", ""] {
            assert_eq!(Known::of(key), None, "{key}");
        }
    }

    #[test]
    fn keys_one_edit_away_in_every_way() {
        for (key, known) in [
            ("nmae", Some("name")),
            ("Emial", Some("email")),
            ("tag", Some("tags")),
            ("stages", Some("stage")),
            ("compny", Some("company")),
            ("linkedin", None),
            ("NAME", Some("name")),
        ] {
            assert_eq!(one_edit_from_known(key), known, "{key}");
        }
    }

    #[test]
    fn not_a_mapping_and_bad_yaml_are_errors_in_file_coordinates() {
        let errors = read_text("- a\n- b\n").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "people/dana.md:2:1: error: front matter must be a mapping of keys (`name: Dana Reyes`), found a list"
        );
        let errors = read_text("name: Dana\ncompany: \"Acme\n").unwrap_err();
        assert_eq!(errors[0].position(), crate::position::Position::new(4, 1));
    }

    #[test]
    fn an_empty_value_is_an_unset_key_whichever_reader_reads_it() {
        let empties = ["", " ~", " null", " \"\"", " ''", " []", " {}"];
        for (index, empty) in empties.iter().enumerate() {
            let mut text: String = KNOWN_KEYS.iter().map(|key| format!("{key}:{empty}\n")).collect();
            for slow in [false, true] {
                if slow {
                    // A mapping two levels down sends the front matter to the YAML library.
                    text.push_str("sizes:\n  team:\n    backend: 12\n");
                }
                assert_eq!(simple::entries(&text).is_some(), !slow, "{text:?}");
                let (front, problems) = read_text(&text).unwrap_or_else(|errors| panic!("{empty:?}: {errors:?}"));
                assert!(problems.is_empty(), "{empty:?}: {problems:?}");
                let expected = FrontMatter { spans: front.spans, extra: front.extra.clone(), ..FrontMatter::default() };
                assert_eq!(front, expected, "{index}: {empty:?}");
            }
        }
    }

    #[test]
    fn owner_is_a_handle_or_a_list_whichever_reader_reads_it() {
        for (written, expected) in [
            ("owner: dana\n", vec!["dana"]),
            ("owner: ' Dana '\n", vec!["Dana"]),
            ("owner: [dana, sam]\n", vec!["dana", "sam"]),
            ("owner:\n  - dana\n  - sam\n", vec!["dana", "sam"]),
            ("owner: \"[[Dana Reyes|dana]]\"\n", vec!["dana"]),
        ] {
            for slow in [false, true] {
                let mut text = format!("name: X\n{written}");
                if slow {
                    // A mapping two levels down sends the front matter to the YAML library.
                    text.push_str("sizes:\n  team:\n    backend: 12\n");
                }
                assert_eq!(simple::entries(&text).is_some(), !slow, "{text:?}");
                let (front, problems) = read_text(&text).unwrap();
                assert_eq!(front.owner, expected, "{written:?}, slow: {slow}");
                assert!(problems.is_empty(), "{problems:?}");
            }
        }
        assert_eq!(
            errors_of("owner: {dana: 1}\n"),
            ["people/dana.md:2:8: error: `owner` must be a list of words, found a mapping"]
        );
    }

    #[test]
    fn dates_in_every_form_obsidian_and_other_tools_write() {
        let day = crate::model::parse_date("2026-11-02");
        for written in [
            "2026-11-02",
            "2026-11-02T09:30",
            "2026-11-02T09:30:00",
            "2026-11-02 09:30",
            "2026-11-02T09:30:00.250Z",
            "2026-11-02T23:30:00+02:00",
            "'2026-11-02T09:30:00-05:00'",
            "!!timestamp 2026-11-02",
            "\"[[2026-11-02]]\"",
            "[[2026-11-02]]",
            "\"[[2026-11-02|Mon]]\"",
            "[[2026-11-02|Mon]]",
        ] {
            let (front, problems) = read_text(&format!("added: {written}\nnext: {written}\n"))
                .unwrap_or_else(|errors| panic!("{written}: {errors:?}"));
            assert!(problems.is_empty(), "{written}: {problems:?}");
            assert_eq!((front.added, front.next), (day, day), "{written}");
        }
    }

    #[test]
    fn an_impossible_date_in_any_form_is_an_error_at_its_value() {
        for (written, column) in [("2026-02-30T09:30", 8), ("[[2026-02-30]]", 8), ("\"[[2026-02-30|Mon]]\"", 8)] {
            assert_eq!(
                errors_of(&format!("name: Dana\nadded: {written}\n")),
                [format!(
                    "people/dana.md:3:{column}: error: `added` is an impossible date '2026-02-30': write a real calendar date as YYYY-MM-DD"
                )],
                "{written}"
            );
        }
        let errors = read_text("next: [[soon]]\n").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "people/dana.md:2:7: error: `next` must be a date written YYYY-MM-DD, found a list"
        );
    }

    #[test]
    fn wiki_links_in_text_keys_are_their_text_and_keep_their_target() {
        let text = "name: \"[[Dana Reyes]]\"\ncompany: [[Globex|Globex Corp]]\nrole: '[[CTO|Chief]]'\ntags: [\"[[Recruiters]]\", warm, '', [[Warm leads|warm-lead]]]\n";
        let (front, problems) = read_text(text).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            (front.name.as_deref(), front.company.as_deref(), front.role.as_deref()),
            (Some("Dana Reyes"), Some("Globex Corp"), Some("Chief"))
        );
        let targets = (front.links.name.as_deref(), front.links.company.as_deref(), front.links.role.as_deref());
        assert_eq!(targets, (Some("Dana Reyes"), Some("Globex"), Some("CTO")));
        assert_eq!(front.tags, ["Recruiters", "warm", "warm-lead"]);
        for (tags, expected) in [
            ("tags: [[a]]\n", vec!["a"]),
            ("tags: \"[[a|b]]\"\n", vec!["b"]),
            ("tags:\n  - \"[[a]]\"\n  -\n  - b\n", vec!["a", "b"]),
        ] {
            assert_eq!(read_text(tags).unwrap().0.tags, expected, "{tags:?}");
        }
        let (front, _) = read_text("company: Globex\n").unwrap();
        assert_eq!((front.company.as_deref(), front.links.company), (Some("Globex"), None));
        assert_eq!(
            errors_of("tags: [a, {b: 1}]\ncompany: [[a, b]]\n"),
            [
                "people/dana.md:2:7: error: `tags` must be a list of words, found a mapping",
                "people/dana.md:3:10: error: `company` is a wiki link with a comma, which YAML reads as a list: put it in quotes, as in company: \"[[Acme, Inc]]\"",
            ]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// Texts and lists of texts, which the fast reader's entries give
        /// straight to the known keys, are read as the YAML library's
        /// values of them are: the same keys, links, spans and problems.
        #[test]
        fn text_keys_read_the_same_from_either_reader(
            texts in proptest::collection::vec(proptest::prop_oneof![
                "[ a-zA-Z][ a-zA-Z0-9.@+-]{0,10}",
                "\"[ a-zA-Z0-9|,\\[\\]]{0,10}\"",
                "' {0,2}\\[\\[[a-z]{0,3}(\\|[a-z ]{0,3})?\\]\\] {0,2}'",
                "\\[\\[[a-z]{1,3}(\\|[a-z]{1,3})?\\]\\]",
            ], 6),
            tags in proptest::prop_oneof![
                "[ a-zA-Z][ a-zA-Z0-9.@+-]{0,10}",
                "\"[ a-zA-Z0-9|,\\[\\]]{0,10}\"",
                "\\[\\[[a-z]{1,3}(\\|[a-z]{1,3})?\\]\\]",
                "\\[[a-z]{1,3}(, ('[ a-z]{0,2}'|\"[a-z|]{0,3}\"|[0-9]|~)){0,3}\\]",
                "\n  - [a-z]{1,3}\n  - ''\n  - '\\[\\[[a-z]{1,2}(\\|[a-z]{0,2})?\\]\\]'",
            ],
            dates in proptest::collection::vec(proptest::prop_oneof![
                8 => "20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])(T09:30| 09:30)?",
                1 => "'?\\[\\[2026-0[1-2]-[23][0-9](\\|[a-z]{0,3})?\\]\\]'?",
                1 => "[a-z ]{0,4}",
            ], 2),
        ) {
            let keys = ["name", "company", "role", "email", "phone", "playbook", "tags", "next", "added"];
            let values = texts.iter().chain([&tags]).chain(&dates);
            let text: String = keys.iter().zip(values).map(|(key, value)| format!("{key}: {value}\n")).collect();
            // A mapping two levels down sends the front matter to the YAML library.
            let slow = format!("{text}sizes:\n  team:\n    backend: 12\n");
            proptest::prop_assume!(simple::entries(&text).is_some());
            proptest::prop_assert!(simple::entries(&slow).is_none());
            let shown = |read: Result<(FrontMatter, Vec<Problem>), Vec<Problem>>| match read {
                Ok((front, problems)) => {
                    Ok((FrontMatter { extra: Extra::default(), ..front }, problems.iter().map(ToString::to_string).collect::<Vec<_>>()))
                }
                Err(problems) => Err(problems.iter().map(ToString::to_string).collect::<Vec<_>>()),
            };
            proptest::prop_assert_eq!(shown(read_text(&text)), shown(read_text(&slow)), "{:?}", text);
        }
    }

    #[test]
    fn a_key_written_twice_is_a_warning_at_each_later_place_and_the_later_value_wins() {
        let text =
            "name: Dana\ncompany: Acme\nname: Dana Reyes\n# a comment\nlinkedin: x\nlinkedin: y\nname: D. Reyes\n";
        for slow in [false, true] {
            // An anchor sends the front matter to the YAML library.
            let text = if slow { text.replace("company: Acme", "company: &c Acme") } else { text.to_owned() };
            assert_eq!(simple::entries(&text).is_some(), !slow);
            let (front, problems) = read_text(&text).unwrap_or_else(|errors| panic!("{errors:?}"));
            assert_eq!((front.name.as_deref(), front.company.as_deref()), (Some("D. Reyes"), Some("Acme")));
            assert_eq!(front.extra.entries(), [("linkedin".to_owned(), Value::String("y".to_owned()))]);
            let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
            let warning = |line: u32, key: &str, first: u32| {
                format!(
                    "people/dana.md:{line}:1: warning: `{key}` is written twice (first at line {first}): the later value is read; delete the one you do not mean"
                )
            };
            assert_eq!(
                shown,
                [warning(4, "name", 2), warning(8, "name", 2), warning(7, "linkedin", 6)],
                "slow: {slow}"
            );
        }
    }

    #[test]
    fn every_bad_value_is_reported() {
        assert_eq!(
            errors_of("stage: paused\nadded: 2026-02-30\n"),
            [
                "people/dana.md:2:8: error: `stage` must be one of active, nurture, closed, stopped, found 'paused'",
                "people/dana.md:3:8: error: `added` is an impossible date '2026-02-30': write a real calendar date as YYYY-MM-DD",
            ]
        );
    }
}
