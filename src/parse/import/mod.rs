//! Contacts from other tools' exports (docs/src/import.md): vCard 3.0 and
//! 4.0 ([`vcard`]), and CSV ([`csv`]: LinkedIn's Connections.csv, Google
//! and Outlook contacts, any CSV with a column mapping), each in any of the
//! encodings [`text`] reads. Each contact becomes a [`Record`] that knows
//! the line it starts on; a file that cannot be read whole is one
//! [`Failure`] at its line. No I/O here.

pub(crate) mod csv;
pub(crate) mod text;
pub(crate) mod vcard;

use chrono::NaiveDate;

pub(crate) use text::Encoding;

/// One contact read from an export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Record {
    /// The line it starts on (a vCard's `BEGIN`, a CSV row).
    pub line: u32,
    /// The full name; empty when the source gives none.
    pub name: String,
    /// The company.
    pub company: Option<String>,
    /// The job title.
    pub role: Option<String>,
    /// Email addresses, the preferred one first.
    pub emails: Vec<String>,
    /// Phone numbers, the preferred one first.
    pub phones: Vec<String>,
    /// Tags (vCard `CATEGORIES`, Google labels, Outlook categories).
    pub tags: Vec<String>,
    /// When the contact was added, from a column that says so (`Added`,
    /// `--map added=...`).
    pub added: Option<NaiveDate>,
    /// When you connected (LinkedIn's `Connected On`): kept as
    /// `connected`, never the day the contact is due from.
    pub connected: Option<NaiveDate>,
    /// Front matter keys nudge does not read, in order: `linkedin`,
    /// `website`, `birthday`, and the keys of a column mapping.
    pub fields: Vec<(String, String)>,
    /// Free text notes, for the note's body.
    pub notes: Option<String>,
}

impl Record {
    /// The value of the field `key`, if set.
    pub(crate) fn field(&self, key: &str) -> Option<&str> {
        self.fields.iter().find(|(known, _)| known == key).map(|(_, value)| value.as_str())
    }

    /// Sets the field `key` unless it is set or `value` is empty.
    fn set_field(&mut self, key: &str, value: &str) {
        let value = value.trim();
        if !value.is_empty() && self.field(key).is_none() {
            self.fields.push((key.to_owned(), value.to_owned()));
        }
    }
}

/// Why a file cannot be imported, at a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    /// The 1-based line.
    pub line: u32,
    /// What is wrong and what to do.
    pub message: String,
}

impl Failure {
    /// A failure at `line`.
    pub(crate) fn new(line: u32, message: impl Into<String>) -> Self {
        Self { line, message: message.into() }
    }

    /// A failure at the line of the byte `offset` of `text`.
    fn at(text: &str, offset: usize, message: impl Into<String>) -> Self {
        let before = text.get(..offset).unwrap_or(text);
        Self::new(u32::try_from(before.matches('\n').count() + 1).unwrap_or(u32::MAX), message)
    }
}

/// A file read: its contacts, where they come from (`vcard`, `linkedin`,
/// `google`, `outlook`, `csv`: the front matter's `source`) and how its
/// bytes were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Read {
    /// The contacts, in file order.
    pub records: Vec<Record>,
    /// The tool it comes from.
    pub source: &'static str,
    /// Its encoding.
    pub encoding: Encoding,
}

/// The contacts of a file's `bytes`: a vCard file when its first line that
/// is not blank is `BEGIN:VCARD`, else a CSV file (`map` names its columns:
/// see [`csv::read`]).
pub(crate) fn read(bytes: &[u8], map: &[(String, String)]) -> Result<Read, Failure> {
    let (text, encoding) = text::decode(bytes)?;
    let first = text.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or_default();
    if first.len() >= 11 && first.get(..11).is_some_and(|start| start.eq_ignore_ascii_case("BEGIN:VCARD")) {
        return Ok(Read { records: vcard::read(&text)?, source: "vcard", encoding });
    }
    let (records, source) = csv::read(&text, map)?;
    Ok(Read { records, source, encoding })
}

/// The key a web address is kept as: `linkedin` for a LinkedIn profile,
/// else `website`.
fn url_key(url: &str) -> &'static str {
    if url.to_ascii_lowercase().contains("linkedin.com/") { "linkedin" } else { "website" }
}

/// `text` trimmed, `None` when nothing is left.
fn some(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Adds `value` to `list` unless it is empty or there already (ignoring case).
fn add_unique(list: &mut Vec<String>, value: &str) {
    let value = value.trim();
    if !value.is_empty() && !list.iter().any(|known| crate::caseless::eq(known, value)) {
        list.push(value.to_owned());
    }
}
