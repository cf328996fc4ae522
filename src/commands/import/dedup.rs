//! Never duplicate (docs/src/import.md, "Duplicates"): two contacts are
//! the same person when they share an email address (ignoring case), or
//! when their names and companies are the same once folded (no case,
//! accents or punctuation: `Diego Álvarez` at `GLOBEX` is `Diego Alvarez`
//! at `Globex`; two without a company count as the same company).

use std::collections::HashMap;

use crate::load::resolve::fold;
use crate::parse::import::Record;

/// What made two contacts the same person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Same {
    /// An email address.
    Email,
    /// The name and the company.
    NameAndCompany,
}

impl Same {
    /// In words, for the listing.
    pub(super) fn words(self) -> &'static str {
        match self {
            Self::Email => "same email",
            Self::NameAndCompany => "same name and company",
        }
    }
}

/// Contacts found by email and by name and company.
#[derive(Debug)]
pub(super) struct Index<T> {
    by_email: HashMap<String, T>,
    by_name: HashMap<(String, String), T>,
}

impl<T: Copy> Index<T> {
    /// An empty index.
    pub(super) fn new() -> Self {
        Self { by_email: HashMap::new(), by_name: HashMap::new() }
    }

    /// Adds a contact with these emails, name and company as `value`; a key
    /// taken keeps the first contact that had it.
    pub(super) fn add<'e>(&mut self, emails: impl IntoIterator<Item = &'e str>, name: &str, company: &str, value: T) {
        for email in emails {
            self.by_email.entry(email_key(email)).or_insert(value);
        }
        let name = fold(name);
        if !name.is_empty() {
            self.by_name.entry((name, fold(company))).or_insert(value);
        }
    }

    /// The contact this one is, if any: by email first, then by name and
    /// company.
    pub(super) fn find<'e>(
        &self,
        emails: impl IntoIterator<Item = &'e str>,
        name: &str,
        company: &str,
    ) -> Option<(T, Same)> {
        let by_email = emails.into_iter().find_map(|email| self.by_email.get(&email_key(email)));
        if let Some(&found) = by_email {
            return Some((found, Same::Email));
        }
        let name = fold(name);
        (!name.is_empty())
            .then(|| self.by_name.get(&(name, fold(company))))
            .flatten()
            .map(|&found| (found, Same::NameAndCompany))
    }
}

/// An email as compared: trimmed, lower case.
fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The keys `record` is found by.
pub(super) fn keys(record: &Record) -> (impl Iterator<Item = &str>, &str, &str) {
    (record.emails.iter().map(String::as_str), record.name.as_str(), record.company.as_deref().unwrap_or_default())
}

/// Adds to `into` what it lacks of `from`, the same person read again:
/// empty fields filled, emails, phones and tags added, notes appended.
pub(super) fn merge(into: &mut Record, from: Record) {
    fill(&mut into.company, from.company);
    fill(&mut into.role, from.role);
    into.added = into.added.or(from.added);
    into.connected = into.connected.or(from.connected);
    for (list, more) in [(&mut into.emails, from.emails), (&mut into.phones, from.phones), (&mut into.tags, from.tags)]
    {
        for item in more {
            if !list.iter().any(|known| crate::caseless::eq(known, &item)) {
                list.push(item);
            }
        }
    }
    for (key, value) in from.fields {
        if into.field(&key).is_none() {
            into.fields.push((key, value));
        }
    }
    match (&mut into.notes, from.notes) {
        (Some(notes), Some(more)) if !notes.contains(more.as_str()) => {
            notes.push_str("\n\n");
            notes.push_str(&more);
        }
        (notes @ None, more) => *notes = more,
        _ => {}
    }
}

fn fill(value: &mut Option<String>, from: Option<String>) {
    if value.is_none() {
        *value = from;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, company: Option<&str>, emails: &[&str]) -> Record {
        Record {
            name: name.to_owned(),
            company: company.map(str::to_owned),
            emails: emails.iter().map(|email| (*email).to_owned()).collect(),
            ..Record::default()
        }
    }

    #[test]
    fn same_email_or_same_name_and_company_ignoring_case_and_accents() {
        let mut index = Index::new();
        let known = person("Diego Alvarez", Some("Globex"), &["d.alvarez@globex.example"]);
        let (emails, name, company) = keys(&known);
        index.add(emails, name, company, 1);
        let by_email = person("D. A.", None, &["other@x.example", "D.Alvarez@Globex.example"]);
        let (emails, name, company) = keys(&by_email);
        assert_eq!(index.find(emails, name, company), Some((1, Same::Email)));
        let by_name = person("diego ÁLVAREZ", Some("GLOBEX"), &[]);
        let (emails, name, company) = keys(&by_name);
        assert_eq!(index.find(emails, name, company), Some((1, Same::NameAndCompany)));
        let elsewhere = person("Diego Alvarez", Some("Initech"), &[]);
        let (emails, name, company) = keys(&elsewhere);
        assert_eq!(index.find(emails, name, company), None, "the same name at another company is someone else");
    }

    #[test]
    fn merging_fills_what_is_missing_and_keeps_what_is_there() {
        let mut first = person("Ana Lima", Some("Acme"), &["ana@acme.example"]);
        first.notes = Some("met at a fair".to_owned());
        let mut second = person("Ana Lima", Some("Other"), &["ANA@acme.example", "ana@home.example"]);
        second.role = Some("CTO".to_owned());
        second.notes = Some("likes tea".to_owned());
        merge(&mut first, second);
        assert_eq!(first.company.as_deref(), Some("Acme"));
        assert_eq!(first.role.as_deref(), Some("CTO"));
        assert_eq!(first.emails, ["ana@acme.example", "ana@home.example"]);
        assert_eq!(first.notes.as_deref(), Some("met at a fair\n\nlikes tea"));
    }
}
