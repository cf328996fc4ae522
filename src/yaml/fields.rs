//! Reading typed fields out of a parsed YAML value, collecting a problem
//! with the field's position for every value of the wrong shape.

use std::borrow::Cow;
use std::cell::OnceCell;

use chrono::NaiveDate;
use serde_yaml::Value;

use crate::model::date_forms::{self, DateForm};
use crate::model::span::Span;
use crate::model::wikilink;
use crate::model::{Duration, parse_date};
use crate::problem::{Problem, quotable};
use crate::yaml::{YamlLines, YamlText};

/// The problems one YAML text lists. Locating a problem reads the text, so
/// thousands of bad keys would take quadratic time (20,000 took minutes):
/// the problems past this many are counted, not located, and one more
/// problem says how many there were.
pub(super) const LISTED: usize = 100;

/// A reader of fields from one YAML text, collecting problems as it goes.
#[derive(Debug)]
pub(crate) struct Fields<'a> {
    /// The text the values came from.
    text: YamlText<'a>,
    /// The text split into lines, once something is located in it.
    lines: OnceCell<YamlLines<'a>>,
    file: &'a str,
    problems: Vec<Problem>,
    /// Top-level keys written more than once (see [`Fields::repeated`]).
    repeated: Vec<String>,
    unlisted: usize,
    unlisted_errors: bool,
}

impl<'a> Fields<'a> {
    /// A reader for values parsed from `yaml`, which belongs to `file`.
    pub(crate) fn new(yaml: YamlText<'a>, file: &'a str) -> Self {
        Self {
            text: yaml,
            lines: OnceCell::new(),
            file,
            problems: Vec::new(),
            repeated: Vec::new(),
            unlisted: 0,
            unlisted_errors: false,
        }
    }

    /// The YAML text the values came from.
    pub(crate) fn source(&self) -> YamlText<'a> {
        self.text
    }

    /// The text, split into lines on first use: most texts need no lookup.
    pub(crate) fn yaml(&self) -> &YamlLines<'a> {
        self.lines.get_or_init(|| self.text.lines().prefer_later(self.repeated.clone()))
    }

    /// Says which top-level keys are written more than once, before anything
    /// is located: problems about them point at their later place, whose
    /// value is read.
    pub(crate) fn repeated(&mut self, keys: Vec<String>) {
        self.repeated = keys;
        self.lines = OnceCell::new();
    }

    /// Whether no more problems are listed (see [`LISTED`]).
    fn full(&self) -> bool {
        self.problems.len() >= LISTED
    }

    /// Where a problem about the key at `path` goes (not searched for once
    /// problems are only counted).
    pub(crate) fn key(&self, path: &[&str]) -> Span {
        if self.full() { self.text.start() } else { self.yaml().key(path) }
    }

    /// Where a problem about the value at `path` goes.
    pub(crate) fn value(&self, path: &[&str]) -> Span {
        if self.full() { self.text.start() } else { self.yaml().value(path) }
    }

    /// Where a problem about `needle` in the value at `path` goes.
    pub(crate) fn within_value(&self, path: &[&str], needle: &str) -> Span {
        if self.full() { self.text.start() } else { self.yaml().within_value(path, needle) }
    }

    /// Records an error at `span`.
    pub(crate) fn error(&mut self, span: Span, message: impl Into<String>) {
        if self.full() {
            self.unlisted += 1;
            self.unlisted_errors = true;
        } else {
            self.problems.push(Problem::error(self.file, span, message));
        }
    }

    /// Records a warning at `span`.
    pub(crate) fn warning(&mut self, span: Span, message: impl Into<String>) {
        if self.full() {
            self.unlisted += 1;
        } else {
            self.problems.push(Problem::warning(self.file, span, message));
        }
    }

    /// Whether an error was found (listed or not).
    pub(crate) fn has_errors(&self) -> bool {
        self.unlisted_errors || self.problems.iter().any(Problem::is_error)
    }

    /// Every problem found, and one that counts those not listed.
    pub(crate) fn into_problems(mut self) -> Vec<Problem> {
        if self.unlisted > 0 {
            let message = format!(
                "{} more problems in this file are not listed: fix the ones listed, then run `nudge check` again",
                self.unlisted
            );
            let problem = if self.unlisted_errors { Problem::error } else { Problem::warning };
            self.problems.push(problem(self.file, self.text.start(), message));
        }
        self.problems
    }

    /// Records that the value at `path` should have been `expected`.
    pub(crate) fn wrong_type(&mut self, path: &[&str], value: &Value, expected: &str) {
        let at = self.value(path);
        let key = path.join(".");
        self.error(at, format!("`{key}` must be {expected}, found {}{}", describe(value), keep_one(&key, value)));
    }

    /// Text: a string, or a number or boolean written without quotes, as
    /// written (`0x1F`, `3.10`, where YAML reads 31 and 3.1).
    pub(crate) fn text(&mut self, path: &[&str], value: &Value) -> Option<String> {
        if matches!(value, Value::Number(_) | Value::Bool(_)) {
            let raw = self.yaml().raw_value(path);
            let same = |raw: &&str| serde_yaml::from_str::<Value>(raw).is_ok_and(|parsed| parsed == *value);
            if let Some(raw) = raw.filter(same) {
                return Some(raw.to_owned());
            }
        }
        scalar_text(value).or_else(|| {
            self.wrong_type(path, value, "text");
            None
        })
    }

    /// [`Fields::text`], taking the value to keep its string without a copy.
    #[allow(clippy::wrong_self_convention, reason = "`into` says the value is taken, not the fields")]
    pub(crate) fn into_text(&mut self, path: &[&str], value: Value) -> Option<String> {
        match value {
            Value::String(text) => Some(text),
            other => self.text(path, &other),
        }
    }

    /// A list of texts, or one text standing for a list of one; the value
    /// is taken to keep its strings without a copy.
    pub(crate) fn texts(&mut self, path: &[&str], value: Value) -> Option<Vec<String>> {
        match value {
            Value::Sequence(items) if items.iter().all(|item| matches!(item, Value::String(_))) => {
                Some(items.into_iter().filter_map(into_string).collect())
            }
            Value::Sequence(ref items) => {
                let texts: Option<Vec<String>> = items.iter().map(scalar_text).collect();
                texts.or_else(|| {
                    self.wrong_type(path, &value, "a list of words");
                    None
                })
            }
            Value::Null => Some(Vec::new()),
            Value::Mapping(_) => {
                self.wrong_type(path, &value, "a list of words");
                None
            }
            other => self.into_text(path, other).map(|text| vec![text]),
        }
    }

    /// A boolean: `true`/`false`, also `yes`/`no`/`on`/`off` as users write them.
    pub(crate) fn boolean(&mut self, path: &[&str], value: &Value) -> Option<bool> {
        let parsed = match value {
            Value::Bool(flag) => Some(*flag),
            Value::String(word) => match word.to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" => Some(true),
                "false" | "no" | "off" => Some(false),
                _ => None,
            },
            _ => None,
        };
        parsed.or_else(|| {
            self.wrong_type(path, value, "true or false");
            None
        })
    }

    /// A whole number from 0 up.
    pub(crate) fn count(&mut self, path: &[&str], value: &Value) -> Option<u32> {
        let parsed = value.as_u64().and_then(|n| u32::try_from(n).ok());
        parsed.or_else(|| {
            self.wrong_type(path, value, "a whole number (0 or more)");
            None
        })
    }

    /// A date in any of the forms notes write (docs/src/note-format.md):
    /// `YYYY-MM-DD`, a date-time, a daily-note link (quoted, or unquoted:
    /// a list holding a list to YAML). An impossible date (`2026-02-30`)
    /// is reported as such.
    pub(crate) fn date(&mut self, path: &[&str], value: &Value) -> Option<NaiveDate> {
        // A string is read where it is; only other scalars are written out.
        let text = match (value.as_str(), wikilink::unquoted(value)) {
            (Some(text), _) => Cow::Borrowed(text),
            (None, Some(inner)) => Cow::Owned(format!("[[{inner}]]")),
            (None, None) => Cow::Owned(scalar_text(value).unwrap_or_default()),
        };
        let key = path.join(".");
        let message = match date_forms::read(&text) {
            DateForm::Date(date) => return Some(date),
            DateForm::Impossible(day) => {
                format!("`{key}` is an impossible date '{day}': write a real calendar date as YYYY-MM-DD")
            }
            DateForm::NotADate => format!("`{key}` must be a date written YYYY-MM-DD, found {}", describe(value)),
        };
        let at = self.value(path);
        self.error(at, message);
        None
    }

    /// A list of dates; each bad one is reported at its own place.
    pub(crate) fn dates(&mut self, path: &[&str], value: &Value) -> Vec<NaiveDate> {
        let items = match value {
            Value::Sequence(items) => items.as_slice(),
            Value::Null => &[],
            single => std::slice::from_ref(single),
        };
        let mut dates = Vec::new();
        for item in items {
            match scalar_text(item).as_deref().map(|text| (text, parse_date(text))) {
                Some((_, Some(date))) => dates.push(date),
                Some((text, None)) => {
                    let at = self.within_value(path, text);
                    self.error(
                        at,
                        format!(
                            "`{}` holds '{}', which is not a date: write YYYY-MM-DD",
                            path.join("."),
                            quotable(text)
                        ),
                    );
                }
                None => self.wrong_type(path, value, "a list of dates YYYY-MM-DD"),
            }
        }
        dates
    }

    /// A duration: a number of days, or `3d`, `2w`, `3m`.
    pub(crate) fn duration(&mut self, path: &[&str], value: &Value) -> Option<Duration> {
        let text = scalar_text(value);
        if let Some(duration) = text.as_deref().and_then(Duration::parse) {
            return Some(duration);
        }
        let at = match text.as_deref() {
            Some(text) => self.within_value(path, text),
            None => self.value(path),
        };
        let key = path.join(".");
        self.error(
            at,
            format!(
                "`{key}` must be a duration like 3d, 2w or 1m (days, weeks, calendar months), found {}",
                describe(value)
            ),
        );
        None
    }

    /// One of a fixed set of words, parsed by `parse`.
    pub(crate) fn word<T>(
        &mut self,
        path: &[&str],
        value: &Value,
        words: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let text = scalar_text(value);
        if let Some(parsed) = text.as_deref().and_then(&parse) {
            return Some(parsed);
        }
        let key = path.join(".");
        let choices = words.join(", ");
        let at = self.value(path);
        self.error(at, format!("`{key}` must be one of {choices}, found {}", describe(value)));
        None
    }
}

/// The string a value is, moved out of it.
fn into_string(value: Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text),
        _ => None,
    }
}

/// The text of a scalar: strings as they are, numbers and booleans as written.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Tagged(tagged) => scalar_text(&tagged.value),
        Value::Null | Value::Sequence(_) | Value::Mapping(_) => None,
    }
}

/// A value in words, for messages: `'maybe'`, `a list`, `a mapping`, `nothing`.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing".to_owned(),
        Value::Sequence(_) => "a list".to_owned(),
        Value::Mapping(_) => "a mapping".to_owned(),
        other => scalar_text(other).map_or_else(|| "a value".to_owned(), |text| format!("'{}'", quotable(&text))),
    }
}

/// What to do with a list where one text goes, as Obsidian's List property
/// writes one (docs/src/note-format.md): keep one, the others under the key
/// nudge leaves alone for them.
fn keep_one(key: &str, value: &Value) -> &'static str {
    if !matches!(value, Value::Sequence(_)) {
        return "";
    }
    match key {
        "email" => ": keep one address here and put the others under `other_emails`",
        "phone" => ": keep one number here and put the others under `other_phones`",
        "name" => ": keep one name here (the others can go under `aliases`, which find the contact too)",
        "company" | "role" => ": keep one",
        _ => "",
    }
}

/// Whether `text` has the shape `NNNN-NN-NN`, so a failure to parse it means
/// an impossible date rather than some other text.
pub(crate) fn looks_like_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Value {
        YamlText::new(text, 1, 0).parse().unwrap_or(Value::Null)
    }

    /// `text` as a note's front matter, after its `---` line.
    fn note(text: &str) -> String {
        format!("---\n{text}")
    }

    /// The front matter of `note` (see [`note`]).
    fn front(note: &str) -> YamlText<'_> {
        YamlText::new(note.get(4..).unwrap(), 2, 4)
    }

    /// The problems as printed, from the note they are about.
    fn printed(mut problems: Vec<Problem>, note: &str) -> Vec<String> {
        crate::problem::attach_source(&mut problems, note);
        problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn each_wrong_value_is_reported_at_its_place() {
        let text = "tags: {a: 1}\nadded: 2026-02-30\nnext: soon\ndo_not_contact: maybe\nname: 42\n";
        let value = parse(text);
        let note = note(text);
        let mut fields = Fields::new(front(&note), "people/x.md");
        assert_eq!(fields.texts(&["tags"], value["tags"].clone()), None);
        assert_eq!(fields.date(&["added"], &value["added"]), None);
        assert_eq!(fields.date(&["next"], &value["next"]), None);
        assert_eq!(fields.boolean(&["do_not_contact"], &value["do_not_contact"]), None);
        assert_eq!(fields.text(&["name"], &value["name"]), Some("42".to_owned()));
        assert_eq!(fields.text(&["name"], &Value::from(7)), Some("7".to_owned()), "not what the text says: the value");
        let problems = fields.into_problems();
        let bad: Vec<&str> = problems.iter().filter_map(|problem| note.get(problem.span.range())).collect();
        assert_eq!(bad, ["{a: 1}", "2026-02-30", "soon", "maybe"], "each span is the bad value");
        assert_eq!(
            printed(problems, &note),
            [
                "people/x.md:2:7: error: `tags` must be a list of words, found a mapping",
                "people/x.md:3:8: error: `added` is an impossible date '2026-02-30': write a real calendar date as YYYY-MM-DD",
                "people/x.md:4:7: error: `next` must be a date written YYYY-MM-DD, found 'soon'",
                "people/x.md:5:17: error: `do_not_contact` must be true or false, found 'maybe'",
            ]
        );
    }

    #[test]
    fn numbers_and_booleans_as_text_are_kept_as_written() {
        let text = "name: 0x1F\ncompany: 3.10 # the version\nrole: {a: +1, b: 1e3}\nphone: True\n";
        let value = parse(text);
        let mut fields = Fields::new(YamlText::new(text, 2, 4), "people/x.md");
        assert_eq!(fields.text(&["name"], &value["name"]).as_deref(), Some("0x1F"));
        assert_eq!(fields.text(&["company"], &value["company"]).as_deref(), Some("3.10"));
        assert_eq!(fields.text(&["role", "a"], &value["role"]["a"]).as_deref(), Some("+1"));
        assert_eq!(fields.text(&["role", "b"], &value["role"]["b"]).as_deref(), Some("1e3"));
        assert_eq!(fields.text(&["phone"], &value["phone"]).as_deref(), Some("True"));
    }

    #[test]
    fn booleans_accept_the_words_people_write() {
        let value = parse("a: yes\nb: Off\nc: true\n");
        let mut fields = Fields::new(YamlText::new("", 1, 0), "x");
        assert_eq!(fields.boolean(&["a"], &value["a"]), Some(true));
        assert_eq!(fields.boolean(&["b"], &value["b"]), Some(false));
        assert_eq!(fields.boolean(&["c"], &value["c"]), Some(true));
    }

    #[test]
    fn past_the_listed_problems_they_are_counted_fast() {
        let text: String = (0..20_000).map(|i| format!("k{i}: x\n")).collect();
        let value = parse(&text);
        let note = note(&text);
        let mut fields = Fields::new(front(&note), "people/x.md");
        let started = std::time::Instant::now();
        for (key, value) in value.as_mapping().into_iter().flatten() {
            let key = key.as_str().unwrap_or_default();
            fields.wrong_type(&[key], value, "a date");
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
        assert!(fields.has_errors());
        let problems = printed(fields.into_problems(), &note);
        assert_eq!(problems.len(), LISTED + 1);
        assert_eq!(problems[LISTED - 1], "people/x.md:101:6: error: `k99` must be a date, found 'x'");
        assert_eq!(
            problems[LISTED],
            "people/x.md:2:1: error: 19900 more problems in this file are not listed: fix the ones listed, then run `nudge check` again"
        );
    }
}
