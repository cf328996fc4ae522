//! Parse: one note's bytes into a contact (front matter and touches, each
//! with its span of the text) and the problems found on the way. No I/O here.

pub(crate) mod body;
pub(crate) mod front_matter;
pub(crate) mod import;
pub(crate) mod outline;
pub(crate) mod touch;

use chrono::{NaiveDate, NaiveTime};

pub(crate) use crate::model::keywords::Keywords;
pub(crate) use crate::model::select::Selection;
pub(crate) use front_matter::FrontMatter;

use crate::discover::read::{starts_with_front_matter, utf8};
use crate::model::span::Span;
use crate::model::{Channel, Direction, Outcome};
use crate::problem::{Problem, quotable};
use crate::yaml::YamlText;
use front_matter::Opening;
use touch::Item;

/// One contact as written in its file. Touch texts borrow the file's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Note<'a> {
    /// The file, relative to the vault, with `/` separators.
    pub file: &'a str,
    /// The front matter keys (`extra` left empty).
    pub front: FrontMatter,
    /// The front matter's text, when it has keys nudge does not read: see
    /// [`front_matter::Read::extra`].
    pub extra: Option<&'a str>,
    /// The touches in file order.
    pub touches: Vec<Touch<'a>>,
    /// The planned touches (`- [ ] DATE ...`, unticked) in file order: they
    /// never count as touches; a date of theirs after the last touch is a
    /// promise (R5).
    pub planned: Vec<Touch<'a>>,
}

impl Note<'_> {
    /// The display name: see [`display_name`].
    pub fn name(&self) -> &str {
        display_name(&self.front, self.file)
    }
}

/// The name a contact is shown by: `name`, else the file stem.
pub(crate) fn display_name<'a>(front: &'a FrontMatter, file: &'a str) -> &'a str {
    front.name.as_deref().unwrap_or_else(|| file_stem(file))
}

/// The file name of `file` without folders and without `.md`.
pub(crate) fn file_stem(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.strip_suffix(".md").unwrap_or(name)
}

/// One recorded contact with the person, as read from a note (borrowing its
/// text), with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touch<'a> {
    /// The day.
    pub date: NaiveDate,
    /// The time of day, when written.
    pub time: Option<NaiveTime>,
    /// How it reached them.
    pub channel: Channel,
    /// Who engaged.
    pub direction: Direction,
    /// What came of it.
    pub outcome: Outcome,
    /// The keywords as written.
    pub keywords: &'a str,
    /// The free text after the keywords.
    pub text: &'a str,
    /// Who made the touch, when not the contact's owner (`(by sam)`).
    pub by: Option<&'a str>,
    /// A date agreed during this touch (`next: 2026-11-27`).
    pub next: Option<NaiveDate>,
    /// Where the touch's date is in the file's text (with its time or
    /// link, as written).
    pub span: Span,
}

impl Touch<'_> {
    /// The other person engaged: a reply, a conversation, a meeting.
    pub fn is_response(&self) -> bool {
        self.direction == Direction::In
    }

    /// An outbound attempt: an attempt, a voicemail or no answer.
    pub fn is_attempt(&self) -> bool {
        self.direction == Direction::Out && self.outcome.is_attempt()
    }
}

/// What a file turned out to be.
#[derive(Debug, Clone, PartialEq)]
#[expect(
    clippy::large_enum_variant,
    reason = "made once per file and matched at once; boxing would only add an allocation"
)]
pub enum Parsed<'a> {
    /// No front matter: not a contact, skipped silently.
    NotAContact,
    /// Front matter that nudge.yaml's `contacts:` does not take (no tag of
    /// its `tags`, no value for its `require`): not a contact either.
    LeftOut,
    /// A contact, with warnings and errors that did not prevent reading it.
    Contact(Note<'a>, Vec<Problem>),
    /// A file that could not be read as a contact, and why.
    Broken(Vec<Problem>),
}

/// Decodes a file's bytes: `Ok(None)` when it has no front matter (so it is
/// not a contact, whatever its bytes), an error at the first bad byte when
/// it has front matter but is not UTF-8.
pub(crate) fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<Option<&'a str>, Problem> {
    if !starts_with_front_matter(bytes) {
        return Ok(None);
    }
    utf8(file, bytes).map(Some)
}

/// Parses one note's text (see [`decode`]), every note with front matter
/// being a contact.
pub fn parse_note<'a>(file: &'a str, text: &'a str, keywords: &Keywords) -> Parsed<'a> {
    parse_contact(file, text, keywords, &Selection::EVERY)
}

/// Parses one note's text (see [`decode`]) when `selection` takes its front
/// matter ([`Parsed::LeftOut`] when not: its body is not read).
pub(crate) fn parse_contact<'a>(
    file: &'a str,
    text: &'a str,
    keywords: &Keywords,
    selection: &Selection,
) -> Parsed<'a> {
    let split = match front_matter::split(text) {
        Opening::None => return Parsed::NotAContact,
        Opening::Unclosed => {
            let message = "the front matter opened on line 1 is never closed: add a line --- after its last key";
            // The opening `---` (after a byte order mark, which is in the span: the place is still 1:1).
            let opening = Span::new(0, text.find("---").map_or(0, |at| at + 3));
            return Parsed::Broken(vec![Problem::error(file, opening, message)]);
        }
        Opening::Split(split) => split,
    };
    let front_matter::Read { front, extra, mut problems } =
        match front_matter::read(file, YamlText::new(split.yaml, split.yaml_line, split.yaml_offset), selection) {
            Ok(Some(read)) => read,
            Ok(None) => return Parsed::LeftOut,
            Err(problems) => return Parsed::Broken(problems),
        };
    let items = body::list_items(split.body);
    let mut touches = Vec::with_capacity(items.len());
    let mut planned = Vec::new();
    for item in items {
        let start = split.body_offset + item.text.start;
        let Some(item_text) = text.get(start..split.body_offset + item.text.end) else {
            continue;
        };
        let at = |offset: usize, text: &str| Span::of_len(start + offset, text.len());
        match touch::parse_item(item_text, keywords) {
            Item::Plain | Item::Note => {}
            Item::BadDate { offset, text: bad } => {
                let message = format!(
                    "impossible date '{bad}': this item is not counted as a touch; write a real date as YYYY-MM-DD"
                );
                problems.push(Problem::error(file, at(offset, bad), message));
            }
            Item::OtherDateForm { offset, text: other } => {
                let message = format!(
                    "'{other}' is no date nudge reads: this item is not counted as a touch; write its date as YYYY-MM-DD"
                );
                problems.push(Problem::warning(file, at(offset, other), message));
            }
            Item::Touch(found) => {
                if let Some((offset, word)) = found.unknown_keyword {
                    problems.push(Problem::warning(file, at(offset, word), unknown_keyword_message(word, keywords)));
                }
                for (offset, bad) in &found.bad_next {
                    let message = format!("impossible date '{bad}' after next: write a real date as YYYY-MM-DD");
                    problems.push(Problem::error(file, at(*offset, bad), message));
                }
                let list = if found.planned { &mut planned } else { &mut touches };
                list.push(Touch {
                    date: found.date,
                    time: found.time,
                    channel: found.channel,
                    direction: found.direction,
                    outcome: found.outcome,
                    keywords: found.keywords,
                    text: found.text,
                    by: found.by,
                    next: found.next,
                    span: Span::of_len(start + found.date_offset, found.date_len),
                });
            }
        }
    }
    problems.sort();
    Parsed::Contact(Note { file, front, extra, touches, planned }, problems)
}

fn unknown_keyword_message(word: &str, keywords: &Keywords) -> String {
    let counted = "it counts as an outbound attempt of channel other";
    if word.is_empty() {
        return format!(
            "no touch keyword: say what happened after the date (call, email, reply, ...) before any text; {counted}"
        );
    }
    match keywords.suggest(word.strip_prefix('#').unwrap_or(word)) {
        Some(known) => format!("unknown touch keyword '{}', did you mean '{known}'? {counted}", quotable(word)),
        None => format!(
            "unknown touch keyword '{}': start with a keyword (call, email, reply, ...) or add it under `keywords:` in nudge.yaml; {counted}",
            quotable(word)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The vector check and the standard one accept the same bytes.
        #[test]
        fn utf8_is_checked_as_the_standard_library_checks_it(
            bytes in proptest::collection::vec(proptest::prop_oneof![0x00..0x80u8, 0x80..=0xFFu8], 0..80),
        ) {
            proptest::prop_assert_eq!(utf8("a.md", &bytes).ok(), std::str::from_utf8(&bytes).ok());
        }
    }

    /// The touches (read, and their spans' text), and the problems as printed.
    fn parse(text: &str) -> (Vec<(String, &str)>, Vec<String>) {
        match parse_note("people/dana.md", text, &Keywords::default()) {
            Parsed::Contact(note, mut problems) => {
                crate::problem::attach_source(&mut problems, text);
                let spanned = |t: &Touch<'_>| text.get(t.span.range()).unwrap_or("?");
                (
                    note.touches
                        .iter()
                        .map(|t| (format!("{} {} {}", t.date, t.keywords, t.text), spanned(t)))
                        .collect(),
                    problems.iter().map(ToString::to_string).collect(),
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_touchs_span_is_its_date_as_written() {
        let text = "---\nname: Dana\n---\n# Dana\n\n- 2026-11-10 email: sent\n  - [x] 2026-11-14 9:30 call vm\n- [[2026-11-15|Sun]] call\n- **2026-11-16** call\n> - 2026-11-17 call\n";
        let (touches, problems) = parse(text);
        assert_eq!(
            touches,
            [
                ("2026-11-10 email sent".to_owned(), "2026-11-10"),
                ("2026-11-14 call vm ".to_owned(), "2026-11-14 9:30"),
                ("2026-11-15 call ".to_owned(), "[[2026-11-15|Sun]]"),
                ("2026-11-16 call ".to_owned(), "2026-11-16")
            ]
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn positions_on_an_items_later_lines_and_after_crlf_are_counted() {
        let text = "---\r\nname: Dana\r\n---\r\n- 2026-11-10 call: talked\r\n  next: 2026-02-30\r\n  - [x] 2026-11-12 call\r\n";
        let (touches, problems) = parse(text);
        assert_eq!(touches.len(), 2);
        assert_eq!(
            problems,
            ["people/dana.md:5:9: error: impossible date '2026-02-30' after next: write a real date as YYYY-MM-DD"]
        );
    }

    #[test]
    fn item_problems_point_at_their_words() {
        let text = "---\n---\n- 2026-11-10 calld the office\n- 2026-13-45 call\n- 2026-11-12 call: next: 2026-02-30\n";
        let (touches, problems) = parse(text);
        assert_eq!(touches.len(), 2);
        assert_eq!(
            problems,
            [
                "people/dana.md:3:14: warning: unknown touch keyword 'calld', did you mean 'called'? it counts as an outbound attempt of channel other",
                "people/dana.md:4:3: error: impossible date '2026-13-45': this item is not counted as a touch; write a real date as YYYY-MM-DD",
                "people/dana.md:5:26: error: impossible date '2026-02-30' after next: write a real date as YYYY-MM-DD",
            ]
        );
    }

    #[test]
    fn a_huge_unknown_keyword_is_quoted_short_and_costs_no_comparison() {
        let text = format!("---\n---\n- 2026-11-10 {}\n", "x".repeat(2_000_000));
        let started = std::time::Instant::now();
        let (touches, problems) = parse(&text);
        // Linear, and a debug build on a busy machine: loose on purpose.
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
        assert_eq!(touches.len(), 1);
        assert_eq!(
            problems,
            [format!(
                "people/dana.md:3:14: warning: unknown touch keyword '{}…': start with a keyword (call, email, reply, ...) or add it under `keywords:` in nudge.yaml; it counts as an outbound attempt of channel other",
                "x".repeat(60)
            )]
        );
    }

    #[test]
    fn files_without_front_matter_are_not_contacts() {
        assert_eq!(parse_note("README.md", "# Notes\n- 2026-11-10 call\n", &Keywords::default()), Parsed::NotAContact);
        assert_eq!(decode("x.md", b"\xff\xfe binary"), Ok(None));
    }

    #[test]
    fn non_utf8_is_reported_at_the_first_bad_byte() {
        let problem = decode("x.md", b"---\nname: D\xe9na\n---\n").unwrap_err();
        assert_eq!(
            problem.to_string(),
            "x.md:2:8: error: the file is not valid UTF-8 (the first bad byte is here): save it as UTF-8"
        );
    }

    #[test]
    fn the_name_defaults_to_the_file_stem() {
        let Parsed::Contact(note, _) = parse_note("people/ana lima.md", "---\n---\n", &Keywords::default()) else {
            panic!()
        };
        assert_eq!(note.name(), "ana lima");
    }
}
