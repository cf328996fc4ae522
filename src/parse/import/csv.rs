//! CSV files (with the `csv` crate): LinkedIn's `Connections.csv` (its
//! preamble lines before the header, `Connected On` dates like
//! `14 Nov 2024`), Google Contacts and Outlook exports, and any CSV whose
//! columns a mapping names (`--map name=Full Name,email=E-mail 1 - Value`).
//!
//! The header is the first row (of the first [`HEADER_ROWS`]) that names a
//! name column; the rows above it are a preamble and skipped. Columns are
//! found by their header, ignoring case: see [`COLUMNS`]. The delimiter is
//! a comma, else a semicolon or a tab (Excel in many locales).

use chrono::NaiveDate;

use crate::parse::import::{Failure, Record, add_unique, some, url_key};
use crate::problem::quotable;
use crate::suggest::{Reach, closest};

/// How many rows may come before the header.
const HEADER_ROWS: usize = 20;

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    /// The full name.
    Name,
    /// A part of the name, joined in this order when there is no full name.
    First,
    /// The middle name.
    Middle,
    /// The last name.
    Last,
    /// The company.
    Company,
    /// The job title.
    Role,
    /// An email address (several columns add up).
    Email,
    /// A phone number (several columns add up).
    Phone,
    /// Tags: Google's labels (`* myContacts ::: Friends`), Outlook's
    /// categories (`Business;VIP`).
    Tags,
    /// Notes, for the body.
    Notes,
    /// When the contact was added.
    Added,
    /// When you connected (LinkedIn's `Connected On`).
    Connected,
    /// Any other front matter key (`birthday`, `linkedin`, `website`, and
    /// the keys a mapping names).
    Key(String),
}

/// The headers each field is found by (lower case), in order of
/// preference: the first header a file has is the field's column (email,
/// phone and tags take every column found).
const COLUMNS: &[(&str, &[&str])] = &[
    ("name", &["name", "full name", "display name"]),
    ("first_name", &["first name", "given name"]),
    ("middle_name", &["middle name", "additional name"]),
    ("last_name", &["last name", "family name", "surname"]),
    ("company", &["company", "organization name", "organization 1 - name", "organization", "company name"]),
    ("role", &["position", "job title", "organization title", "organization 1 - title", "role"]),
    ("tags", &["labels", "group membership", "categories", "tags"]),
    ("notes", &["notes", "note"]),
    ("added", &["added"]),
    ("connected", &["connected on"]),
    ("birthday", &["birthday"]),
    ("linkedin", &["url", "linkedin", "linkedin url", "profile url"]),
    ("website", &["web page", "website 1 - value", "website", "personal web page"]),
];

/// The contacts of a CSV file's text and where the file comes from
/// (`linkedin`, `google`, `outlook`, else `csv`). `map` pairs a key
/// (`name`, `first_name`, `middle_name`, `last_name`, `company`, `role`,
/// `email`, `phone`, `tags`, `notes`, `added`, `connected` or any other
/// front matter key) with a column's header:
/// it comes before the headers nudge knows.
pub(crate) fn read(text: &str, map: &[(String, String)]) -> Result<(Vec<Record>, &'static str), Failure> {
    if let Some(line) = unclosed_quote(text) {
        return Err(Failure::new(
            line,
            "a quote opened on this line is never closed: the rest of the file would be one value (a \" missing, or one too many?)",
        ));
    }
    // When no delimiter finds a header, the failure is the one of the
    // delimiter that cut the rows in the most columns.
    let mut failed: Option<(Failure, usize)> = None;
    for delimiter in [b',', b';', b'\t'] {
        match read_with(text, delimiter, map) {
            Ok(found) => return Ok(found),
            Err((failure, width)) if failed.as_ref().is_none_or(|(_, widest)| width > *widest) => {
                failed = Some((failure, width));
            }
            Err(_) => {}
        }
    }
    Err(failed.map_or_else(|| Failure::new(1, "no contacts"), |(failure, _)| failure))
}

/// [`read`] with this delimiter; a failure comes with the number of
/// columns of the widest row before it.
fn read_with(
    text: &str,
    delimiter: u8,
    map: &[(String, String)],
) -> Result<(Vec<Record>, &'static str), (Failure, usize)> {
    let mut reader =
        ::csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = reader.records();
    let mut lines = Lines { text, offset: 0, line: 1 };
    let mut header = None;
    // The widest row before the header (a preamble is one value a line).
    let mut widest: Option<(u32, Vec<String>)> = None;
    let width = |widest: &Option<(u32, Vec<String>)>| widest.as_ref().map_or(0, |(_, cells)| cells.len());
    for row in rows.by_ref().take(HEADER_ROWS) {
        let row = row.map_err(|error| (broken(&error), width(&widest)))?;
        let line = lines.of(&row);
        let cells: Vec<String> = row.iter().map(|cell| cell.trim().to_owned()).collect();
        if let Some(columns) = Columns::of(&cells, map, line).map_err(|failure| (failure, cells.len()))? {
            header = Some((columns, cells));
            break;
        }
        if widest.as_ref().is_none_or(|(_, widest)| cells.len() > widest.len()) {
            widest = Some((line, cells));
        }
    }
    let Some((columns, cells)) = header else {
        let columns = width(&widest);
        if let Some((line, cells)) = widest.as_ref().filter(|_| !map.is_empty()) {
            unmapped(cells, map, *line).map_err(|failure| (failure, columns))?;
        }
        let message = format!(
            "neither a vCard (no BEGIN:VCARD) nor a CSV file with a header row naming the name's column (Name, Full Name, or First Name and Last Name): name it with --map name=COLUMN (or first_name=COLUMN,last_name=COLUMN){}",
            widest.as_ref().map(|(line, cells)| columns_of(*line, cells)).unwrap_or_default()
        );
        return Err((Failure::new(1, message), columns));
    };
    let source = source(&cells);
    let mut records = Vec::new();
    for row in rows {
        let row = row.map_err(|error| (broken(&error), usize::MAX))?;
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        records.push(columns.record(&row, lines.of(&row), &cells).map_err(|failure| (failure, usize::MAX))?);
    }
    Ok((records, source))
}

/// What the columns of `line` are called, for `--map` (`; line 1 has the
/// columns Vorname, Nachname, Firma`): the first 8, when the row has
/// several cells (a one-value line is no header). Empty otherwise.
fn columns_of(line: u32, cells: &[String]) -> String {
    const SHOWN: usize = 8;
    if cells.len() < 2 {
        return String::new();
    }
    let names: Vec<&str> = cells.iter().take(SHOWN).map(String::as_str).collect();
    let more = if cells.len() > SHOWN { ", ..." } else { "" };
    format!("; line {line} has the columns {}{more}", names.join(", "))
}

/// The tool a header comes from.
fn source(header: &[String]) -> &'static str {
    let has = |name: &str| header.iter().any(|cell| cell.eq_ignore_ascii_case(name));
    if has("connected on") {
        "linkedin"
    } else if has("e-mail 1 - value") || has("group membership") || has("labels") {
        "google"
    } else if has("e-mail address") && (has("job title") || has("business phone")) {
        "outlook"
    } else {
        "csv"
    }
}

/// The line each row starts on, counted from the rows' byte offsets (the
/// crate's own line count lags one line behind CRLF line endings), rows in
/// file order.
struct Lines<'t> {
    text: &'t str,
    offset: usize,
    line: u32,
}

impl Lines<'_> {
    /// The line `row` starts on: its first byte that is not a line ending.
    fn of(&mut self, row: &::csv::StringRecord) -> u32 {
        let start = row.position().map_or(0, |position| usize::try_from(position.byte()).unwrap_or(usize::MAX));
        let rest = self.text.get(start..).unwrap_or_default();
        let start = start + (rest.len() - rest.trim_start_matches(['\r', '\n']).len());
        if let Some(between) = self.text.as_bytes().get(self.offset..start) {
            let newlines = memchr::memchr_iter(b'\n', between).count();
            self.line = self.line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
            self.offset = start;
        }
        self.line
    }
}

/// A row the `csv` crate could not read (its text is a `String`, so this
/// is rare: the crate's own limits).
fn broken(error: &::csv::Error) -> Failure {
    let line = error.position().map_or(1, |position| u32::try_from(position.line()).unwrap_or(u32::MAX));
    Failure::new(line, format!("this row cannot be read as CSV: {error}"))
}

/// The line of a quote that opens a value and is never closed, reading
/// the text as RFC 4180 does (and as the `csv` crate does, which would
/// silently take the rest of the file as that value).
fn unclosed_quote(text: &str) -> Option<u32> {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let mut line = 1u32;
    let mut opened = 1u32;
    for c in text.chars() {
        state = match (state, c) {
            (State::FieldStart, '"') => {
                opened = line;
                State::Quoted
            }
            (State::Quoted, '"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, '"') => State::Quoted,
            (_, ',' | ';' | '\t' | '\n' | '\r') => State::FieldStart,
            _ => State::Unquoted,
        };
        if c == '\n' {
            line = line.saturating_add(1);
        }
    }
    (state == State::Quoted).then_some(opened)
}

/// Which column holds what.
#[derive(Debug, Default)]
struct Columns {
    fields: Vec<(Field, usize)>,
}

impl Columns {
    /// The columns of the row `cells` (on `line`) when it is a header: it
    /// has a name column; `None` when it is not. A mapping naming a column
    /// the header lacks fails.
    fn of(cells: &[String], map: &[(String, String)], line: u32) -> Result<Option<Self>, Failure> {
        let find = |name: &str| cells.iter().position(|cell| cell.eq_ignore_ascii_case(name.trim()));
        let mut columns = Self::default();
        for (key, column) in map {
            let Some(index) = find(column) else { continue };
            columns.fields.push((field_of_key(key), index));
        }
        let mapped = |field: &Field| columns.fields.iter().any(|(known, _)| known == field);
        let named = [Field::Name, Field::First, Field::Last].iter().any(mapped)
            || COLUMNS
                .iter()
                .filter(|(key, _)| ["name", "first_name", "last_name"].contains(key))
                .any(|(_, headers)| headers.iter().any(|header| find(header).is_some()));
        if !named {
            return Ok(None);
        }
        unmapped(cells, map, line)?;
        let mut found = Vec::new();
        for (key, headers) in COLUMNS {
            let field = field_of_key(key);
            if mapped(&field) {
                continue;
            }
            if let Some(index) = headers.iter().find_map(|header| find(header)) {
                found.push((field, index));
            }
        }
        if !mapped(&Field::Email) {
            found.extend(matching(cells, &["email", "mail"], Field::Email));
        }
        if !mapped(&Field::Phone) {
            found.extend(matching(cells, &["phone"], Field::Phone));
        }
        columns.fields.extend(found);
        Ok(Some(columns))
    }

    /// The contact of `row` (on `line`); `header` names the columns in
    /// messages.
    fn record(&self, row: &::csv::StringRecord, line: u32, header: &[String]) -> Result<Record, Failure> {
        let mut record = Record { line, ..Record::default() };
        let mut parts: [Option<String>; 3] = [None, None, None];
        for (field, index) in &self.fields {
            let cell = row.get(*index).unwrap_or_default();
            let Some(value) = some(cell) else { continue };
            match field {
                Field::Name if record.name.is_empty() => record.name = value,
                Field::First => parts[0] = parts[0].take().or(Some(value)),
                Field::Middle => parts[1] = parts[1].take().or(Some(value)),
                Field::Last => parts[2] = parts[2].take().or(Some(value)),
                Field::Company if record.company.is_none() => record.company = Some(value),
                Field::Role if record.role.is_none() => record.role = Some(value),
                // Google joins several values of one column with ` ::: `.
                Field::Email => value.split(":::").for_each(|email| add_unique(&mut record.emails, email)),
                Field::Phone => value.split(":::").for_each(|phone| add_unique(&mut record.phones, phone)),
                Field::Tags => tags(&mut record.tags, &value),
                Field::Notes if record.notes.is_none() => record.notes = Some(value.replace("\r\n", "\n")),
                Field::Added | Field::Connected => {
                    let slot = if *field == Field::Added { &mut record.added } else { &mut record.connected };
                    if slot.is_some() {
                        continue;
                    }
                    let column = header.get(*index).map_or("added", String::as_str);
                    *slot = Some(date(&value).ok_or_else(|| {
                        Failure::new(
                            line,
                            format!(
                                "'{}' in column {column} is not a date: write it like 14 Nov 2024 or 2024-11-14",
                                quotable(&value)
                            ),
                        )
                    })?);
                }
                Field::Key(key) if key == "birthday" => {
                    if let Some(birthday) = birthday(&value) {
                        record.set_field(key, &birthday);
                    }
                }
                Field::Key(key) if key == "website" => record.set_field(url_key(&value), &value),
                Field::Key(key) => record.set_field(key, &value),
                _ => {}
            }
        }
        if record.name.is_empty() {
            record.name = parts.iter().flatten().map(String::as_str).collect::<Vec<_>>().join(" ");
        }
        Ok(record)
    }
}

/// Fails on the first column of `map` the header `cells` (on `line`)
/// lacks.
fn unmapped(cells: &[String], map: &[(String, String)], line: u32) -> Result<(), Failure> {
    let lacking = map.iter().find(|(_, column)| !cells.iter().any(|cell| cell.eq_ignore_ascii_case(column.trim())));
    let Some((key, column)) = lacking else { return Ok(()) };
    let hint = closest(column, cells.iter().map(String::as_str), Reach::ByLength)
        .map(|known| format!(" (did you mean '{known}'?)"))
        .unwrap_or_default();
    Err(Failure::new(line, format!("--map {key}={column}: the header has no column '{}'{hint}", quotable(column))))
}

/// The field a `--map` key names.
fn field_of_key(key: &str) -> Field {
    match key {
        "name" => Field::Name,
        "first_name" => Field::First,
        "middle_name" => Field::Middle,
        "last_name" => Field::Last,
        "company" => Field::Company,
        "role" => Field::Role,
        "email" => Field::Email,
        "phone" => Field::Phone,
        "tags" => Field::Tags,
        "notes" => Field::Notes,
        "added" => Field::Added,
        "connected" => Field::Connected,
        other => Field::Key(other.to_owned()),
    }
}

/// The columns whose header has one of `words` and is a value, not its
/// label or type, nor someone else's (`E-mail 1 - Value`, `E-mail 2
/// Address`, `Mobile Phone`; not `E-mail 1 - Label`, `E-mail Type`,
/// `E-mail Display Name`, `Phonetic First Name`, Outlook's `Assistant's
/// Phone`).
fn matching(cells: &[String], words: &[&str], field: Field) -> Vec<(Field, usize)> {
    cells
        .iter()
        .enumerate()
        .filter(|(_, cell)| {
            let lower = cell.to_ascii_lowercase();
            let mut cell_words = lower.split(|c: char| !c.is_ascii_alphanumeric());
            cell_words.any(|word| words.contains(&word))
                && !["label", "type", "display", "assistant"].iter().any(|other| lower.contains(other))
        })
        .map(|(index, _)| (field.clone(), index))
        .collect()
}

/// Adds the tags of `value`: separated by `:::` (Google), `;` (Outlook) or
/// `,`; Google's groups every contact is in (`* myContacts`, `* starred`)
/// are left out, and the `* ` of its system groups dropped.
fn tags(tags: &mut Vec<String>, value: &str) {
    for tag in value.split(":::").flat_map(|part| part.split([';', ','])) {
        let tag = tag.trim().trim_start_matches("* ");
        if !tag.eq_ignore_ascii_case("myContacts") && !tag.eq_ignore_ascii_case("starred") {
            add_unique(tags, tag);
        }
    }
}

/// A date as exports write it: `2024-11-14`, `14 Nov 2024` (LinkedIn),
/// `Nov 14, 2024`, `11/14/2024` (month first, as Outlook writes it).
fn date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    crate::model::parse_date(text).or_else(|| {
        ["%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%m/%d/%Y"]
            .iter()
            .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
    })
}

/// A birthday as `YYYY-MM-DD` when it reads as a date, else as written
/// (Google's `--05-14`); none for Outlook's empty `0/0/00`.
fn birthday(text: &str) -> Option<String> {
    if text.trim() == "0/0/00" {
        return None;
    }
    Some(date(text).map_or_else(|| text.trim().to_owned(), |date| date.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_found_at_its_line() {
        assert_eq!(unclosed_quote("a,b\n\"x, \"\"y\"\"\",c\n"), None);
        assert_eq!(unclosed_quote("a,b\nc,\"d\ne,f\n"), Some(2));
        assert_eq!(unclosed_quote("a,5\" screen\n"), None, "a quote inside a value opens nothing");
    }

    #[test]
    fn dates_read_in_the_forms_exports_write() {
        let day = NaiveDate::from_ymd_opt(2024, 11, 14);
        for text in ["14 Nov 2024", "2024-11-14", "Nov 14, 2024", "11/14/2024", "14 November 2024"] {
            assert_eq!(date(text), day, "{text}");
        }
        assert_eq!(date("14/11/2024"), None);
        assert_eq!(birthday("0/0/00"), None);
        assert_eq!(birthday("--05-14").as_deref(), Some("--05-14"));
    }

    #[test]
    fn google_labels_and_outlook_categories_are_tags() {
        let mut found = Vec::new();
        tags(&mut found, "* myContacts ::: Friends ::: * starred");
        tags(&mut found, "Business;VIP;friends");
        assert_eq!(found, ["Friends", "Business", "VIP"]);
    }
}
