//! vCard 3.0 and 4.0 files (Apple, Google, Outlook, Nextcloud and other
//! CardDAV exports), parsed by `calcard`: folded lines, quoted-printable
//! values with their charset, escapes, several `EMAIL`s and `TEL`s with
//! their types. The cards are first found by their `BEGIN:VCARD` and
//! `END:VCARD` lines, so each contact knows its line and a card left open
//! is an error at its start; then the cards are parsed on all cores.

use calcard::vcard::{VCard, VCardEntry, VCardParameterName, VCardParameterValue, VCardProperty, VCardValue};
use calcard::{Entry, Parser};
use rayon::prelude::*;

use crate::parse::import::{Failure, Record, add_unique, some, url_key};
use crate::problem::quotable;

/// The contacts of a vCard file's text, in file order.
pub(crate) fn read(text: &str) -> Result<Vec<Record>, Failure> {
    cards(text)?.par_iter().map(|&(line, card)| record(line, card)).collect()
}

/// Each card's first line and text, `BEGIN:VCARD` to `END:VCARD`.
fn cards(text: &str) -> Result<Vec<(u32, &str)>, Failure> {
    let mut cards = Vec::new();
    let mut open: Option<(u32, usize)> = None;
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        // A folded line starts with a space or a tab: it is never a card's end.
        let content = line.trim_end();
        if content.eq_ignore_ascii_case("BEGIN:VCARD") {
            if let Some((begun, _)) = open {
                return Err(Failure::new(
                    begun,
                    format!("this card has no END:VCARD before the next BEGIN:VCARD on line {number}"),
                ));
            }
            open = Some((number, offset));
        } else if content.eq_ignore_ascii_case("END:VCARD") {
            let Some((begun, start)) = open.take() else {
                return Err(Failure::new(number, "END:VCARD without a BEGIN:VCARD before it"));
            };
            cards.push((begun, text.get(start..offset + line.len()).unwrap_or_default()));
        } else if open.is_none() && !content.trim().is_empty() {
            return Err(Failure::new(
                number,
                format!(
                    "'{}' is outside a card: a vCard file holds only BEGIN:VCARD ... END:VCARD cards",
                    quotable(content.trim())
                ),
            ));
        }
        offset += line.len();
    }
    match open {
        Some((begun, _)) => {
            Err(Failure::new(begun, "this card is never closed: no END:VCARD after it (is the file cut short?)"))
        }
        None => Ok(cards),
    }
}

/// The contact of one card, which starts on `line`.
fn record(line: u32, card: &str) -> Result<Record, Failure> {
    let Entry::VCard(card) = Parser::new(card).entry() else {
        return Err(Failure::new(line, "this card cannot be read as a vCard"));
    };
    let mut record = Record { line, ..Record::default() };
    let mut emails = Vec::new();
    let mut phones = Vec::new();
    for entry in &card.entries {
        let text = first_text(entry);
        match &entry.name {
            VCardProperty::Fn => record.name = text.unwrap_or_default(),
            VCardProperty::Org => record.company = text,
            VCardProperty::Title => record.role = text,
            VCardProperty::Role if record.role.is_none() => record.role = text,
            VCardProperty::Email => emails.extend(text.map(|email| (preferred(entry), email))),
            VCardProperty::Tel => {
                let number = text.map(|number| number.strip_prefix("tel:").unwrap_or(&number).to_owned());
                phones.extend(number.map(|number| (preferred(entry), number)));
            }
            VCardProperty::Note => {
                record.notes = text.map(|notes| notes.replace("\r\n", "\n"));
            }
            VCardProperty::Categories => {
                for value in &entry.values {
                    add_unique(&mut record.tags, value.as_text().unwrap_or_default());
                }
            }
            VCardProperty::Bday => {
                if let Some(birthday) = entry.values.first().and_then(|value| birthday(value, omitted_year(entry))) {
                    record.set_field("birthday", &birthday);
                }
            }
            VCardProperty::Url => {
                if let Some(url) = text {
                    record.set_field(url_key(&url), &url);
                }
            }
            VCardProperty::Socialprofile | VCardProperty::Other(_) if is_linkedin_profile(entry) => {
                record.set_field("linkedin", &text.unwrap_or_default());
            }
            _ => {}
        }
    }
    if record.name.trim().is_empty() {
        record.name = name_parts(&card);
    }
    record.name = String::from(record.name.trim());
    // Stable: the preferred ones first, the others in file order.
    emails.sort_by_key(|(preferred, _)| !preferred);
    phones.sort_by_key(|(preferred, _)| !preferred);
    for (_, email) in &emails {
        add_unique(&mut record.emails, email);
    }
    for (_, phone) in &phones {
        add_unique(&mut record.phones, phone);
    }
    Ok(record)
}

/// The first value of `entry` as text, trimmed; `None` when empty.
fn first_text(entry: &VCardEntry) -> Option<String> {
    entry.values.first().and_then(VCardValue::as_text).and_then(some)
}

/// The name from `N`: given, additional and family names.
fn name_parts(card: &VCard) -> String {
    let Some(entry) = card.property(&VCardProperty::N) else { return String::new() };
    let part = |index: usize| entry.values.get(index).and_then(VCardValue::as_text).unwrap_or_default().trim();
    let parts = [part(1), part(2), part(0)];
    parts.iter().filter(|part| !part.is_empty()).copied().collect::<Vec<_>>().join(" ")
}

/// Whether `entry` is marked preferred: `TYPE=pref` (3.0) or `PREF=n` (4.0).
fn preferred(entry: &VCardEntry) -> bool {
    entry.params.iter().any(|parameter| match (&parameter.name, &parameter.value) {
        (VCardParameterName::Pref, _) => true,
        (VCardParameterName::Type, VCardParameterValue::Text(kind)) => kind.eq_ignore_ascii_case("pref"),
        _ => false,
    })
}

/// Whether `entry` is a LinkedIn profile: `X-SOCIALPROFILE;TYPE=linkedin`
/// (Apple, Nextcloud) or `SOCIALPROFILE` (RFC 9554) with a LinkedIn link.
fn is_linkedin_profile(entry: &VCardEntry) -> bool {
    let social = match &entry.name {
        VCardProperty::Socialprofile => true,
        VCardProperty::Other(name) => name.eq_ignore_ascii_case("X-SOCIALPROFILE"),
        _ => false,
    };
    let typed = entry.params.iter().any(|parameter| {
        matches!(&parameter.value, VCardParameterValue::Text(kind) if kind.eq_ignore_ascii_case("linkedin"))
    });
    let linked = first_text(entry).is_some_and(|url| url.to_ascii_lowercase().contains("linkedin.com/"));
    social && (typed || linked)
}

/// Apple's `X-APPLE-OMIT-YEAR=1604` on a `BDAY`: the year written in
/// place of the one the user left out.
fn omitted_year(entry: &VCardEntry) -> Option<u16> {
    entry.params.iter().find_map(|parameter| match (&parameter.name, &parameter.value) {
        (VCardParameterName::Other(name), value) if name.eq_ignore_ascii_case("X-APPLE-OMIT-YEAR") => match value {
            VCardParameterValue::Text(year) => year.trim().parse().ok(),
            VCardParameterValue::Integer(year) => u16::try_from(*year).ok(),
            _ => None,
        },
        _ => None,
    })
}

/// A birthday as `YYYY-MM-DD`, or `--MM-DD` without a year (or with the
/// year `omitted` stands for none).
fn birthday(value: &VCardValue, omitted: Option<u16>) -> Option<String> {
    match value {
        VCardValue::PartialDateTime(date) => {
            match (date.year.filter(|year| Some(*year) != omitted), date.month?, date.day?) {
                (Some(year), month, day) => Some(format!("{year:04}-{month:02}-{day:02}")),
                (None, month, day) => Some(format!("--{month:02}-{day:02}")),
            }
        }
        other => other.as_text().and_then(some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_and_quoted_printable_lines_are_read_whole() {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nTITLE:Head of a very long\r\n  title\r\nNOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 =\r\nwith her\r\nEND:VCARD\r\n";
        let records = read(text).unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].role.as_deref(), Some("Head of a very long title"));
        assert_eq!(records[0].notes.as_deref(), Some("Café with her"));
    }

    #[test]
    fn the_preferred_email_and_phone_come_first() {
        let text = "BEGIN:VCARD\nVERSION:4.0\nFN:Ana\nEMAIL:home@x.example\nEMAIL;PREF=1:work@x.example\nTEL;TYPE=work:1\nTEL;TYPE=cell,pref:2\nEND:VCARD\n";
        let record = &read(text).unwrap()[0];
        assert_eq!(record.emails, ["work@x.example", "home@x.example"]);
        assert_eq!(record.phones, ["2", "1"]);
    }

    #[test]
    fn a_card_left_open_or_text_outside_a_card_fails_at_its_line() {
        let open = read("BEGIN:VCARD\nFN:A\nEND:VCARD\n\nBEGIN:VCARD\nFN:B\n").unwrap_err();
        assert_eq!(open.line, 5);
        assert!(open.message.contains("never closed"), "{}", open.message);
        let nested = read("BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n").unwrap_err();
        assert_eq!((nested.line, nested.message.contains("line 3")), (1, true));
        let outside = read("BEGIN:VCARD\nFN:A\nEND:VCARD\nFN:B\n").unwrap_err();
        assert_eq!(outside.line, 4);
    }
}
