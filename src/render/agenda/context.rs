//! What a template sees of a contact: an object whose fields are computed
//! when the template asks for them, so a vault of 100,000 contacts costs
//! only what the template prints. Strings are plain text (escaped when
//! printed); `link`, `url`, the `*_link` texts, `todo` and `marker` are
//! markdown, printed as is.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use minijinja::value::{Enumerator, Object, ObjectRepr, Value};

use crate::derive::Contact;
use crate::derive::Hint;
use crate::discover::LinkStyle;
use crate::model::Limit;
use crate::render::agenda::{AgendaSection, marker, todo};
use crate::render::hints;
use crate::render::markdown::{link, linked, url};
use crate::yaml::scalar_text;

/// Every field of a contact in the template context (docs/src/agenda.md).
pub(super) const FIELDS: &[&str] = &[
    "file",
    "name",
    "company",
    "role",
    "email",
    "phone",
    "tags",
    "playbook",
    "front",
    "state",
    "due",
    "urgency",
    "days_overdue",
    "attempts",
    "limit",
    "last_touch",
    "last_response",
    "promise",
    "hints",
    "reason",
    "section",
    "link",
    "url",
    "name_link",
    "company_link",
    "role_link",
    "action",
    "todo",
    "due_words",
    "attempt_words",
    "last_touch_words",
    "marker",
    "fingerprint",
];

/// Every contact of the agenda, shared by the values that show them: a
/// template sees them one by one ([`ContactObject`]) in lists
/// ([`ContactList`]), and none is copied or wrapped until it is looked at.
#[derive(Debug)]
pub(super) struct Contacts {
    /// The contacts, in any order: lists give the order.
    pub contacts: Vec<Contact>,
    /// The agenda section of each, if it is on the agenda.
    pub sections: Vec<Option<AgendaSection>>,
    /// How links are written.
    pub style: LinkStyle,
    /// Today, for the due date in words.
    pub today: NaiveDate,
}

/// A list of contacts: all of them, or the ones of a section, in agenda order.
#[derive(Debug)]
pub(super) struct ContactList {
    /// The contacts.
    pub all: Arc<Contacts>,
    /// The positions in `all` of the ones in the list, in order.
    pub indices: Vec<usize>,
}

impl Object for ContactList {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let position = key.as_usize()?;
        let index = *self.indices.get(position)?;
        (index < self.all.contacts.len()).then(|| Value::from_object(ContactObject { all: self.all.clone(), index }))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.indices.len())
    }
}

/// One contact as the template sees it.
#[derive(Debug)]
pub(super) struct ContactObject {
    /// The contacts it is one of.
    all: Arc<Contacts>,
    /// Its position in them.
    index: usize,
}

impl Object for ContactObject {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.field(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.field(key)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(FIELDS)
    }
}

impl ContactObject {
    fn field(&self, key: &str) -> Option<Value> {
        let all = &self.all;
        let contact = all.contacts.get(self.index)?;
        let (style, today) = (all.style, all.today);
        let section = all.sections.get(self.index).copied().flatten();
        let derived = &contact.derived;
        let date = |date: Option<NaiveDate>| Value::from(date.map(|date| date.to_string()));
        Some(match key {
            "file" => Value::from(contact.file()),
            "name" => Value::from(contact.name()),
            "company" => Value::from(contact.company()),
            "role" => Value::from(contact.role()),
            "email" => Value::from(contact.email()),
            "phone" => Value::from(contact.phone()),
            "tags" => contact.tags().collect(),
            "playbook" => Value::from(&*contact.playbook),
            "front" => front_matter(contact),
            "state" => Value::from(derived.state.as_str()),
            "due" => date(derived.due),
            "urgency" => Value::from(derived.urgency.as_str()),
            "days_overdue" => Value::from(derived.days_overdue.map(i64::from)),
            "attempts" => Value::from(derived.attempts),
            "limit" => Value::from(match derived.limit {
                Limit::After(limit) => Some(limit),
                Limit::Never => None,
            }),
            "last_touch" => Value::from(contact.last_touch().map(|touch| {
                BTreeMap::from([
                    ("date", Value::from(touch.date.to_string())),
                    ("keywords", Value::from(touch.keywords())),
                    ("text", Value::from(touch.text())),
                    ("channel", Value::from(touch.channel.as_str())),
                    ("outcome", Value::from(touch.outcome.as_str())),
                ])
            })),
            "last_response" => date(derived.last_response),
            "promise" => date(derived.promise),
            "hints" => derived.hints.iter().map(hint).collect(),
            "reason" => Value::from(derived.reason.words(&contact.playbook).to_string()),
            "section" => Value::from(section.map(AgendaSection::key)),
            "link" => Value::from_safe_string(link(style, contact.file(), contact.name())),
            "url" => Value::from_safe_string(url(contact.file())),
            "name_link" => Value::from_safe_string(linked(contact.name(), contact.name_link())),
            "company_link" => linked_value(contact.company(), contact.company_link()),
            "role_link" => linked_value(contact.role(), contact.role_link()),
            "action" => Value::from(todo::action(contact).channel.as_str()),
            "todo" => Value::from_safe_string(todo::sentence(contact, style)),
            "due_words" => Value::from(todo::due(contact, today)),
            "attempt_words" => Value::from(todo::attempt(contact).map(|attempt| attempt.to_string())),
            "last_touch_words" => Value::from(todo::last_touch(contact).map(|words| words.to_string())),
            "marker" => Value::from_safe_string(marker::marker(contact)),
            "fingerprint" => Value::from(contact.fingerprint.to_string()),
            _ => return None,
        })
    }
}

/// A front matter text as markdown (see [`linked`]), `none` when unset.
fn linked_value(text: Option<&str>, target: Option<&str>) -> Value {
    text.map_or_else(|| Value::from(()), |text| Value::from_safe_string(linked(text, target)))
}

/// A hint: its code, its words, and its parameters by name.
fn hint(hint: &Hint) -> Value {
    let mut map = BTreeMap::from([("code", Value::from(hint.code())), ("words", Value::from(hints::words(hint)))]);
    match *hint {
        Hint::VoicemailLimit { count, limit } => {
            map.insert("count", Value::from(count));
            map.insert("limit", Value::from(limit));
        }
        Hint::PreferCall { emails } => {
            map.insert("emails", Value::from(emails));
        }
        Hint::AskNextStep { date } => {
            map.insert("date", Value::from(date.to_string()));
        }
        Hint::LastShot { attempt } => {
            map.insert("attempt", Value::from(attempt));
        }
        Hint::FirstContact => {}
        Hint::Nurture { every } => {
            map.insert("every", Value::from(every.to_string()));
        }
    }
    Value::from(map)
}

/// Every front matter key the note has, the known ones as read and the
/// others as written (lists and mappings included).
fn front_matter(contact: &Contact) -> Value {
    let mut map: BTreeMap<String, Value> = BTreeMap::new();
    let texts = [
        ("name", contact.front_name()),
        ("company", contact.company()),
        ("role", contact.role()),
        ("email", contact.email()),
        ("phone", contact.phone()),
        ("playbook", contact.written_playbook()),
    ];
    for (key, text) in texts {
        if let Some(text) = text {
            map.insert(key.to_owned(), Value::from(text));
        }
    }
    if !contact.tags().is_empty() {
        map.insert("tags".to_owned(), contact.tags().collect());
    }
    match contact.owner.as_slice() {
        [] => {}
        [owner] => drop(map.insert("owner".to_owned(), Value::from(owner.as_str()))),
        owners => drop(map.insert("owner".to_owned(), owners.iter().map(String::as_str).collect())),
    }
    if let Some(stage) = contact.stage {
        map.insert("stage".to_owned(), Value::from(stage.as_str()));
    }
    if contact.do_not_contact {
        map.insert("do_not_contact".to_owned(), Value::from(true));
    }
    for (key, date) in [("next", contact.next), ("added", contact.added)] {
        if let Some(date) = date {
            map.insert(key.to_owned(), Value::from(date.to_string()));
        }
    }
    for (key, value) in contact.extra().entries() {
        let value = yaml(&value);
        map.insert(key, value);
    }
    Value::from(map)
}

/// A YAML value as a template value: dates stay text, tags are dropped.
fn yaml(value: &serde_yaml::Value) -> Value {
    use serde_yaml::Value as Yaml;
    match value {
        Yaml::Null => Value::from(()),
        Yaml::Bool(flag) => Value::from(*flag),
        Yaml::Number(number) => {
            number.as_i64().map(Value::from).or_else(|| number.as_f64().map(Value::from)).unwrap_or_default()
        }
        Yaml::String(text) => Value::from(text.as_str()),
        Yaml::Sequence(items) => items.iter().map(yaml).collect(),
        Yaml::Mapping(mapping) => {
            let map: BTreeMap<String, Value> =
                mapping.iter().filter_map(|(key, value)| Some((scalar_text(key)?, yaml(value)))).collect();
            Value::from(map)
        }
        Yaml::Tagged(tagged) => yaml(&tagged.value),
    }
}
