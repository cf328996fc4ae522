//! The contact as the outputs see it: an owned summary of a note and its
//! derivation ([`Contact`]), with what makes two contacts the same person
//! ([`Identity`]) and the last counted touch ([`LastTouch`]). Its texts
//! (file, name, company, role, links, email, phone, tags, the last touch's
//! words...) are kept one after the other in one allocation ([`Texts`]):
//! one allocation a contact instead of about eight, a contact small to
//! move and sort, and one place in memory for the printer to read.

use std::num::NonZeroU64;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::caseless;
use crate::derive::{self, Derived, Playbook};
use crate::discover::read::Fingerprint;
use crate::model::span::Span;
use crate::model::text::Put;
use crate::model::{Channel, Outcome, Stage};
use crate::parse::front_matter::{Extra, FrontMatter, KeySpans};
use crate::parse::{self, Note};
use crate::position::{Extent, LineCounter, Packed};
use crate::spare::keep_spare;
pub(crate) use crate::spare::reused;

/// One contact, derived, with what the outputs show of it ([`Fields`], read
/// through it): one pointer. Every contact of a vault is in one array, in
/// file order, made of a slot a file (the files that are no contacts taken
/// out after): a contact moved is a pointer moved, not 350 bytes (at
/// 100,000 notes, 35 MB copied on one core while the other waited;
/// docs/src/performance.md).
#[derive(Debug, Clone, PartialEq)]
pub struct Contact(Box<Fields>);

impl std::ops::Deref for Contact {
    type Target = Fields;

    fn deref(&self) -> &Fields {
        &self.0
    }
}

/// What a [`Contact`] holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Fields {
    /// The file, the front matter's texts and the last touch's words.
    texts: Texts,
    /// `owner`: the handles written (docs/src/teams.md), empty when the
    /// note names none (most do: no allocation then).
    pub owner: Vec<String>,
    /// `stage`.
    pub stage: Option<Stage>,
    /// `do_not_contact`.
    pub do_not_contact: bool,
    /// `next`: an agreed date (R5).
    pub next: Option<NaiveDate>,
    /// `added`.
    pub added: Option<NaiveDate>,
    /// Where `name` and `email` are written, for problems about them.
    pub places: KeyPlaces,
    /// The playbook in force (the default when the note names an unknown
    /// one): shared with the vault's playbook, not copied.
    pub playbook: Arc<str>,
    /// State, due date, hints, reason.
    pub derived: Derived,
    /// The last counted touch, its words in `texts`.
    last_touch: Option<Touched>,
    /// The file's state when it was read: see [`Fingerprint`].
    pub fingerprint: Fingerprint,
    /// What makes two contacts the same person.
    pub identity: Identity,
}

/// Where a contact's `name` and `email` are written: the duplicates
/// finder's warnings are about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyPlaces {
    /// `name` (or the start of the front matter).
    pub name: Placed,
    /// `email`.
    pub email: Placed,
}

impl KeyPlaces {
    /// The places of `spans`, with their lines and columns in `text` (the
    /// note's, when it is at hand: the front matter is at the top, a few
    /// lines to count, and a warning about them is printed without the
    /// note being read again).
    fn of(spans: &KeySpans, text: Option<&str>) -> Self {
        let mut counter = text.map(LineCounter::new);
        let mut placed = |span: Span| Placed {
            span,
            at: counter.as_mut().map(|counter| Packed::new(Extent::of(counter, span))).unwrap_or_default(),
        };
        Self { name: placed(spans.name), email: placed(spans.email) }
    }
}

/// A span of a note, and its lines and columns when they are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Placed {
    /// The bytes.
    pub span: Span,
    /// Where they start and end (none known: the default).
    pub at: Packed,
}

impl Fields {
    /// The file, relative to the vault, with `/` separators.
    pub fn file(&self) -> &str {
        self.texts.get(Text::File).unwrap_or_default()
    }

    /// The display name: `name`, else the file's name (see [`parse::display_name`]).
    pub fn name(&self) -> &str {
        self.front_name().unwrap_or_else(|| parse::file_stem(self.file()))
    }

    /// `name` as read (the text Obsidian shows when it is a wiki link).
    pub fn front_name(&self) -> Option<&str> {
        self.texts.get(Text::Name)
    }

    /// `company`, likewise.
    pub fn company(&self) -> Option<&str> {
        self.texts.get(Text::Company)
    }

    /// `role`, likewise.
    pub fn role(&self) -> Option<&str> {
        self.texts.get(Text::Role)
    }

    /// The note `name` links to, when written as a wiki link.
    pub fn name_link(&self) -> Option<&str> {
        self.texts.get(Text::NameLink)
    }

    /// The note `company` links to, likewise.
    pub fn company_link(&self) -> Option<&str> {
        self.texts.get(Text::CompanyLink)
    }

    /// The note `role` links to, likewise.
    pub fn role_link(&self) -> Option<&str> {
        self.texts.get(Text::RoleLink)
    }

    /// `email`.
    pub fn email(&self) -> Option<&str> {
        self.texts.get(Text::Email)
    }

    /// `phone`.
    pub fn phone(&self) -> Option<&str> {
        self.texts.get(Text::Phone)
    }

    /// `playbook` as written (the playbook in force is [`Contact::playbook`]).
    pub fn written_playbook(&self) -> Option<&str> {
        self.texts.get(Text::Playbook)
    }

    /// `tags`, in the order written.
    pub fn tags(&self) -> Tags<'_> {
        Tags(self.texts.get(Text::Tags).unwrap_or_default())
    }

    /// The front matter keys nudge does not read, kept for templates
    /// ([`UnknownKeys::Keep`](crate::load::UnknownKeys::Keep)): see [`Extra`].
    pub fn extra(&self) -> Extra {
        Extra::of(self.texts.get(Text::Extra))
    }

    /// The channel of the last counted touch (no look at its words).
    pub fn last_channel(&self) -> Option<Channel> {
        self.last_touch.map(|touched| touched.channel)
    }

    /// The last counted touch.
    pub fn last_touch(&self) -> Option<LastTouch<'_>> {
        let touched = self.last_touch?;
        Some(LastTouch {
            date: touched.date,
            channel: touched.channel,
            outcome: touched.outcome,
            keywords: self.texts.get(Text::Keywords).unwrap_or_default(),
            text: self.texts.get(Text::Words).unwrap_or_default(),
        })
    }
}

/// Hashes, ignoring case, of what makes two contacts the same person: the
/// email (when there is one), and the `name` written in the front matter
/// with the company (never a name taken from the file's name: `index.md`
/// in two folders is not one person twice). Made while the note is read,
/// so that finding duplicates reads no contact again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    /// The email's hash (never 0: `None` takes no more room).
    pub email: Option<NonZeroU64>,
    /// The hash of the written name and the company, likewise.
    pub name: Option<NonZeroU64>,
}

impl Identity {
    /// The identity of a contact whose front matter writes `name`,
    /// `company` and `email` (read from the note's own strings, before they
    /// are copied into the contact's).
    fn of(name: Option<&str>, company: Option<&str>, email: Option<&str>) -> Self {
        let email = written(email).map(|email| caseless_hash(&[email]));
        let name = written(name).map(|name| caseless_hash(&[name, company.unwrap_or_default()]));
        Self { email, name }
    }
}

/// A contact's last counted [`Touch`], as the outputs show it, borrowed
/// from its [`Contact`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastTouch<'c> {
    /// The day.
    pub date: NaiveDate,
    /// Its channel.
    pub channel: Channel,
    /// Its outcome.
    pub outcome: Outcome,
    keywords: &'c str,
    text: &'c str,
}

impl<'c> LastTouch<'c> {
    /// The keywords as written.
    pub fn keywords(&self) -> &'c str {
        self.keywords
    }

    /// The free text, on one line: its words joined by single spaces.
    pub fn text(&self) -> &'c str {
        self.text
    }
}

/// What a [`Contact`] keeps of its last touch besides its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Touched {
    date: NaiveDate,
    channel: Channel,
    outcome: Outcome,
}

/// The texts of a contact, in the order of [`Text`], one after the other
/// in one string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Texts {
    all: Box<str>,
    /// Where each text but the last ends in `all` (the last, where `all`
    /// ends: 4 bytes less for each of 100,000 contacts).
    ends: [u32; Text::COUNT - 1],
    /// A bit per [`Text`] the note has: `company:` empty is not `company`
    /// missing.
    present: u16,
}

/// The texts of a [`Contact`], in the order they are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Text {
    File,
    Name,
    Company,
    Role,
    NameLink,
    CompanyLink,
    RoleLink,
    Email,
    Phone,
    Playbook,
    /// The front matter's text when it has keys nudge does not read, and
    /// they are kept.
    Extra,
    /// The last touch's keywords.
    Keywords,
    /// The last touch's free text, its words joined by single spaces.
    Words,
    /// The tags, each written as a netstring: its length in bytes, `:`,
    /// then the tag (`4:warm6:travel`).
    Tags,
}

impl Text {
    const COUNT: usize = Self::Tags as usize + 1;
}

impl Texts {
    /// The text `text`, when the note has it.
    fn get(&self, text: Text) -> Option<&str> {
        if self.present & (1 << text as u16) == 0 {
            return None;
        }
        let at = text as usize;
        let start = at.checked_sub(1).and_then(|before| self.ends.get(before)).copied().unwrap_or(0);
        let end = self.ends.get(at).map_or(self.all.len(), |&end| end as usize);
        self.all.get(start as usize..end)
    }
}

/// Writes [`Texts`], each in its turn, into a string of the right size.
struct TextsWriter {
    all: String,
    ends: [u32; Text::COUNT - 1],
    present: u16,
}

impl TextsWriter {
    /// A writer for texts of `length` bytes in all.
    fn new(length: usize) -> Self {
        Self { all: String::with_capacity(length), ends: [0; Text::COUNT - 1], present: 0 }
    }

    /// Writes `text` as `field`, the one after those written (a `None`
    /// is a text the note does not have).
    fn push(&mut self, field: Text, text: Option<&str>) {
        if let Some(text) = text {
            self.all.push_str(text);
            self.present |= 1 << field as u16;
        }
        self.end(field);
    }

    /// Ends `field` where the texts written end.
    fn end(&mut self, field: Text) {
        if let Some(end) = self.ends.get_mut(field as usize) {
            *end = u32::try_from(self.all.len()).unwrap_or(u32::MAX);
        }
    }

    /// Writes `tags`, the last texts.
    fn tags<'t>(mut self, tags: impl Iterator<Item = &'t str>) -> Texts {
        for tag in tags {
            netstring(&mut self.all, tag);
        }
        // The last text: it ends where `all` does.
        self.present |= 1 << Text::Tags as u16;
        Texts { all: self.all.into_boxed_str(), ends: self.ends, present: self.present }
    }
}

/// Appends `text` to `out` as a netstring: see [`Text::Tags`].
fn netstring(out: &mut String, text: &str) {
    // Most tags are shorter than ten bytes: one digit, pushed at once.
    match u32::try_from(text.len()).ok().and_then(|length| char::from_digit(length, 10)) {
        Some(digit) => out.push(digit),
        None => {
            // Writing into a string cannot fail.
            let _ = text.len().put(out);
        }
    }
    out.push(':');
    out.push_str(text);
}

/// The bytes `text` takes as a netstring.
fn netstring_length(text: &str) -> usize {
    digits(text.len()) as usize + 1 + text.len()
}

/// The decimal digits of `number`.
fn digits(number: usize) -> u32 {
    if number < 10 {
        return 1;
    }
    number.checked_ilog10().map_or(1, |log| log + 1)
}

/// A contact's tags: see [`Contact::tags`].
#[derive(Debug, Clone)]
pub struct Tags<'c>(&'c str);

impl<'c> Iterator for Tags<'c> {
    type Item = &'c str;

    fn next(&mut self) -> Option<&'c str> {
        let (length, rest) = self.0.split_once(':')?;
        let (tag, rest) = rest.split_at_checked(length.parse().ok()?)?;
        self.0 = rest;
        Some(tag)
    }
}

impl Tags<'_> {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The file a contact is made from, as it was read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AsRead<'a> {
    /// Its state when it was read: see [`Fingerprint`].
    pub fingerprint: Fingerprint,
    /// Its text, when it is at hand (not for a note from the parse cache),
    /// to place its `name` and `email` in ([`KeyPlaces`]).
    pub text: Option<&'a str>,
}

/// The owned summary of a contact that the outputs use, made of the note
/// and its derivation (moved, not copied), without the front matter keys
/// nudge does not read ([`UnknownKeys::Drop`](crate::load::UnknownKeys::Drop)), from the file `read`.
pub(crate) fn contact(note: Note<'_>, playbook: &Playbook, derived: Derived, read: AsRead<'_>) -> Contact {
    made(note, None, playbook, derived, read)
}

/// [`contact`], keeping the front matter keys nudge does not read
/// ([`UnknownKeys::Keep`](crate::load::UnknownKeys::Keep)).
pub(crate) fn contact_with_extra(note: Note<'_>, playbook: &Playbook, derived: Derived, read: AsRead<'_>) -> Contact {
    let extra = note.extra;
    made(note, extra, playbook, derived, read)
}

/// The contact of `note`, keeping `extra` (its front matter's text when
/// it has keys nudge does not read).
fn made(note: Note<'_>, extra: Option<&str>, playbook: &Playbook, derived: Derived, read: AsRead<'_>) -> Contact {
    let last = derived.last_touch.and_then(|day| derive::last_counted(&note.touches, day));
    let FrontMatter {
        name,
        company,
        role,
        links,
        email,
        phone,
        tags,
        playbook: written,
        stage,
        do_not_contact,
        next,
        added,
        owner,
        extra: _,
        spans,
    } = note.front;
    let keywords = last.map(|touch| touch.keywords);
    let texts = [
        (Text::File, Some(note.file)),
        (Text::Name, name.as_deref()),
        (Text::Company, company.as_deref()),
        (Text::Role, role.as_deref()),
        (Text::NameLink, links.name.as_deref()),
        (Text::CompanyLink, links.company.as_deref()),
        (Text::RoleLink, links.role.as_deref()),
        (Text::Email, email.as_deref()),
        (Text::Phone, phone.as_deref()),
        (Text::Playbook, written.as_deref()),
        (Text::Extra, extra),
        (Text::Keywords, keywords),
    ];
    let words = last.map_or(0, |touch| touch.text.len());
    let length = texts.iter().filter_map(|(_, text)| *text).map(str::len).sum::<usize>()
        + words
        + tags.iter().map(|tag| netstring_length(tag)).sum::<usize>();
    let mut writer = TextsWriter::new(length);
    for (field, text) in texts {
        writer.push(field, text);
    }
    if let Some(touch) = last {
        one_line(&mut writer.all, touch.text);
    }
    writer.present |= u16::from(last.is_some()) << Text::Words as u16;
    writer.end(Text::Words);
    let texts = writer.tags(tags.iter().map(String::as_str));
    let identity = Identity::of(name.as_deref(), company.as_deref(), email.as_deref());
    keep_spare([name, company, role, email, phone, written], tags);
    let last_touch = last.map(|touch| Touched { date: touch.date, channel: touch.channel, outcome: touch.outcome });
    Contact(Box::new(Fields {
        texts,
        owner,
        stage,
        do_not_contact,
        next,
        added,
        places: KeyPlaces::of(&spans, read.text),
        playbook: playbook.name.clone(),
        derived,
        last_touch,
        fingerprint: read.fingerprint,
        identity,
    }))
}

/// Appends the words of `text` to `out`, joined by single spaces.
fn one_line(out: &mut String, text: &str) {
    if is_one_line(text) {
        out.push_str(text);
        return;
    }
    for (index, word) in text.split_whitespace().enumerate() {
        if index > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Whether `text` is its words joined by single spaces already: no space
/// first, last or after another, no ASCII control, and none of the lead
/// bytes of a Unicode space (`0xC2`, `0xE1`, `0xE2`, `0xE3`; a character
/// they start is taken the slow way). Most touches' texts are.
fn is_one_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Each test over every byte, without a branch a byte: the compiler
    // runs them many bytes at a time.
    let odd = bytes.iter().fold(false, |odd, &byte| odd | matches!(byte, 0..=0x1F | 0x7F | 0xC2 | 0xE1..=0xE3));
    let doubled = bytes
        .iter()
        .zip(bytes.iter().skip(1))
        .fold(0, |doubled, (&a, &b)| doubled | (u8::from(a == b' ') & u8::from(b == b' ')));
    !odd && doubled == 0 && bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ')
}

/// The `name` written in the front matter, when there is one: a name taken
/// from the file's name says nothing about the person.
pub(crate) fn written_name(contact: &Fields) -> Option<&str> {
    written(contact.front_name())
}

/// The email a duplicate is known by, when there is one.
pub(crate) fn email_of(contact: &Fields) -> Option<&str> {
    written(contact.email())
}

/// `text` trimmed, when it is more than white space.
fn written(text: Option<&str>) -> Option<&str> {
    text.map(trimmed).filter(|text| !text.is_empty())
}

/// `text` without white space around it ([`str::trim`]), looked for only
/// when it starts or ends with a space or a byte beyond ASCII (most names
/// and emails neither).
fn trimmed(text: &str) -> &str {
    let plain = |byte: Option<&u8>| byte.is_some_and(u8::is_ascii_graphic);
    if plain(text.as_bytes().first()) && plain(text.as_bytes().last()) { text } else { text.trim() }
}

/// The company a duplicate is known by (with the name), empty for none.
pub(crate) fn company_of(contact: &Fields) -> &str {
    contact.company().unwrap_or_default()
}

/// A hash of `texts`, ignoring case ([`caseless::hash`]).
fn caseless_hash(texts: &[&str]) -> NonZeroU64 {
    // A hash of 0 counts as 1: hashes only group the contacts that are
    // then compared, so one more collision changes nothing found.
    NonZeroU64::new(caseless::hash(texts)).unwrap_or(NonZeroU64::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A note's front matter as the parse stage read it, and its contact
    /// (keeping the keys nudge does not read when `keep`).
    fn contact_of(text: &str, keep: bool) -> (FrontMatter, Contact) {
        let config = crate::discover::Config::default();
        let parse::Parsed::Contact(note, _) = parse::parse_note("people/dana.md", text, &config.keywords) else {
            panic!("not a contact: {text}")
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let calendar = derive::Calendar { business_days: true, holidays: &config.holidays };
        let context = derive::Context { today, horizon_days: 7, calendar };
        let playbook = config.playbooks.first();
        let (derived, _) = derive::derive(&note, playbook, &context);
        let made = if keep { contact_with_extra } else { contact };
        (note.front.clone(), made(note, playbook, derived, AsRead { fingerprint: 7.into(), text: Some(text) }))
    }

    #[test]
    fn a_contact_keeps_each_text_of_its_note_apart_in_one_string() {
        let notes = [
            "---\nname: \"[[Dana Reyes|Dana]]\"\ncompany: \"[[Acme]]\"\nrole: ''\nemail: dana@x.org\nphone: +1 555 0142\ntags: [\"3:ab\", \"\", 12, \"é:\", a b]\nplaybook: sales\nlinkedin: dana\n---\n- 2026-11-10 call vm:   left   a\tmessage\n",
            "---\nemail: x@y.z\ntags: solo\n---\n",
            "---\nname:\n---\n- 2026-11-12 email\n",
        ];
        for (text, keep) in notes.iter().flat_map(|text| [(text, false), (text, true)]) {
            let (front, contact) = contact_of(text, keep);
            assert_eq!(contact.file(), "people/dana.md");
            assert_eq!(contact.front_name(), front.name.as_deref(), "{text}");
            assert_eq!(contact.name(), parse::display_name(&front, "people/dana.md"));
            assert_eq!(contact.company(), front.company.as_deref());
            assert_eq!(contact.role(), front.role.as_deref());
            assert_eq!(contact.name_link(), front.links.name.as_deref());
            assert_eq!(contact.company_link(), front.links.company.as_deref());
            assert_eq!(contact.role_link(), front.links.role.as_deref());
            assert_eq!(contact.email(), front.email.as_deref());
            assert_eq!(contact.phone(), front.phone.as_deref());
            assert_eq!(contact.written_playbook(), front.playbook.as_deref());
            assert_eq!(contact.tags().collect::<Vec<_>>(), front.tags);
            assert_eq!(contact.extra().entries().len(), usize::from(keep && text.contains("linkedin")));
        }
        let (front, contact) = contact_of(notes[0], false);
        assert_eq!(front.tags, ["3:ab", "12", "é:", "a b"]);
        assert_eq!(front.links.company.as_deref(), Some("Acme"));
        let last = contact.last_touch().unwrap();
        assert_eq!((last.keywords(), last.text()), ("call vm", "left a message"));
        assert_eq!(contact_of(notes[1], false).1.last_touch(), None);
    }

    proptest::proptest! {
        #[test]
        fn a_touch_text_is_kept_as_its_words_joined_by_single_spaces(
            text in "[a-z \t\n\u{a0}\u{2003}\u{3000}é\u{85}\u{1f}·]{0,24}"
        ) {
            let mut out = String::new();
            one_line(&mut out, &text);
            proptest::prop_assert_eq!(out, text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }

    /// Every contact of a vault is in memory (39 MB at 100,000 notes when
    /// a contact took 392 bytes; docs/src/performance.md, "memory
    /// touched"): a field that makes it larger is memory every run touches.
    /// The array of them holds a pointer each: a contact is moved as one.
    #[cfg(target_pointer_width = "64")]
    #[test]
    fn a_contact_is_one_pointer_to_at_most_352_bytes() {
        assert_eq!(std::mem::size_of::<Contact>(), 8);
        assert_eq!(std::mem::size_of::<Option<Contact>>(), 8, "a slot without a contact takes no more room");
        assert!(std::mem::size_of::<Fields>() <= 352, "{} bytes", std::mem::size_of::<Fields>());
        assert_eq!(std::mem::size_of::<Identity>(), 16, "hashes that are never 0: None takes no room");
    }

    proptest::proptest! {
        #[test]
        fn a_name_or_email_is_trimmed_as_str_trim_trims(text in "[a-z@. \t\u{a0}\u{2003}\u{85}é]{0,12}") {
            proptest::prop_assert_eq!(trimmed(&text), text.trim());
        }
    }

    #[test]
    fn caseless_keys_ignore_case_and_keep_their_parts_apart() {
        assert_eq!(caseless_hash(&["Dana", "ACME"]), caseless_hash(&["dana", "acme"]));
        assert_ne!(caseless_hash(&["ab", "c"]), caseless_hash(&["a", "bc"]));
        assert_eq!(caseless_hash(&["DANA", "Élie"]), caseless_hash(&["dana", "élie"]));
        assert_eq!(caseless_hash(&["\u{212A}im"]), caseless_hash(&["kim"]));
    }
}
