//! Which notes are contacts by their front matter: the `tags`, `require`
//! and `where` of nudge.yaml's `contacts:` (docs/src/configuration.md). The folders are
//! the walk's business: a note outside them is never read.

use serde_yaml::Value;

use crate::model::wikilink::WikiLink;
use crate::spaces;
use crate::yaml::scalar_text;

/// What the front matter of a contact must hold. Each condition set must
/// hold; none set (the default) takes every note with front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// A contact has one of these in its `tags` (lower case, without `#`).
    tags: Vec<String>,
    /// A contact has one of these keys with a value (not empty).
    require: Vec<String>,
    /// `where`: a contact's front matter key holds one of the values (as
    /// compared: see [`normal_value`]), for each key here.
    properties: Vec<(String, Vec<String>)>,
    /// The `where` values as nudge.yaml writes them, for messages.
    written: Vec<(String, Vec<String>)>,
}

impl Selection {
    /// Every note with front matter.
    pub const EVERY: Self = Self { tags: Vec::new(), require: Vec::new(), properties: Vec::new(), written: Vec::new() };

    /// A contact has one of `tags` (ignoring case and a leading `#`; a
    /// nested tag `person/client` has the tag `person`) when `tags` is not
    /// empty, and one of the keys `require` with a value when that is not
    /// empty.
    pub fn new(tags: &[String], require: &[String]) -> Self {
        Self {
            tags: tags.iter().filter_map(|tag| normal_tag(tag)).collect(),
            require: require.to_vec(),
            properties: Vec::new(),
            written: Vec::new(),
        }
    }

    /// This selection, a contact also having, for each key of `properties`,
    /// one of its values in that front matter key: the value itself or an
    /// item of a list, compared ignoring case, a wiki link as the text it
    /// shows (`categories: ["[[People]]"]` holds `People`).
    #[must_use]
    pub fn with_properties(mut self, properties: Vec<(String, Vec<String>)>) -> Self {
        self.properties = properties
            .iter()
            .map(|(key, values)| (key.clone(), values.iter().filter_map(|value| normal_value(value)).collect()))
            .collect();
        self.written = properties
            .into_iter()
            .map(|(key, values)| {
                (key, values.iter().map(|value| value.trim().to_owned()).filter(|value| !value.is_empty()).collect())
            })
            .collect();
        self
    }

    /// Whether every note with front matter is a contact.
    pub fn is_every(&self) -> bool {
        self.tags.is_empty() && self.require.is_empty() && self.properties.is_empty()
    }

    /// Whether a front matter is a contact's; `value_of` gives a key's
    /// value (the last one, when a key is written twice), asked only for
    /// `tags` and the required keys.
    pub fn admits(&self, value_of: impl Fn(&str) -> Option<Value>) -> bool {
        let tagged = self.tags.is_empty() || value_of("tags").is_some_and(|tags| self.has_tag(&tags));
        tagged
            && (self.require.is_empty()
                || self.require.iter().any(|key| value_of(key).is_some_and(|v| !is_empty_value(&v))))
            && self.properties.iter().all(|(key, wanted)| value_of(key).is_some_and(|value| holds(&value, wanted)))
    }

    /// Whether the `tags` value holds one of the selection's tags: a list,
    /// or one text of tags apart by commas or spaces (`person, client`); a
    /// wiki link is the text Obsidian shows for it, as nudge reads `tags`.
    fn has_tag(&self, tags: &Value) -> bool {
        texts(tags)
            .iter()
            .flat_map(|text| text.split(|c: char| c == ',' || c.is_whitespace()))
            .filter_map(normal_tag)
            .any(|tag| self.tags.iter().any(|wanted| is_within(&tag, wanted)))
    }

    /// The tags and keys, for messages: `tag person or client; one of the
    /// keys playbook`.
    pub fn describe(&self) -> String {
        let tags: Vec<String> = self.tags.iter().map(|tag| format!("#{tag}")).collect();
        let mut parts = Vec::new();
        if !tags.is_empty() {
            parts.push(format!("a tag {}", tags.join(" or ")));
        }
        if !self.require.is_empty() {
            parts.push(format!("a value for {}", self.require.join(" or ")));
        }
        for (key, values) in &self.written {
            parts.push(format!("{key}: {}", values.join(" or ")));
        }
        parts.join(" and ")
    }

    /// The options of `nudge new` that give a note what this selection
    /// asks, for messages: `--tag person --field 'categories=People'` (a
    /// required key as `--field 'KEY=...'`, or `--playbook NAME`).
    pub fn options(&self) -> String {
        let field = |key: &str, value: &str| format!("--field '{}'", format!("{key}={value}").replace('\'', r"'\''"));
        let tag = self.tags.first().map(|tag| format!("--tag {tag}"));
        let required = self.require.first().map(|key| match key.as_str() {
            "playbook" => "--playbook NAME".to_owned(),
            key => field(key, "..."),
        });
        let properties = self.written.iter().filter_map(|(key, values)| values.first().map(|value| field(key, value)));
        tag.into_iter().chain(required).chain(properties).collect::<Vec<_>>().join(" ")
    }
}

/// The texts of a front matter value: the text of a scalar or a wiki link,
/// or of each item of a list; as nudge reads `tags`.
fn texts(value: &Value) -> Vec<String> {
    let text =
        |value: &Value| WikiLink::in_value(value).map(|link| link.text().to_owned()).or_else(|| scalar_text(value));
    match value {
        Value::Tagged(tagged) => texts(&tagged.value),
        Value::Sequence(items) if WikiLink::in_value(value).is_none() => items.iter().filter_map(text).collect(),
        other => text(other).into_iter().collect(),
    }
}

/// Whether `value` (a front matter value) is, or lists, one of `wanted`
/// (each a [`normal_value`]).
fn holds(value: &Value, wanted: &[String]) -> bool {
    texts(value).iter().filter_map(|text| normal_value(text)).any(|text| wanted.contains(&text))
}

/// A `where` value as compared: the text a wiki link shows, trimmed, lower
/// case; `None` when nothing is left.
fn normal_value(text: &str) -> Option<String> {
    let text = WikiLink::parse(text).map_or(text, |link| link.text()).trim();
    (!text.is_empty()).then(|| text.to_lowercase())
}

/// A tag as compared: trimmed, without its `#`, lower case; `None` when
/// nothing is left.
fn normal_tag(tag: &str) -> Option<String> {
    let tag = tag.trim();
    let tag = tag.strip_prefix('#').unwrap_or(tag);
    (!tag.is_empty()).then(|| tag.to_lowercase())
}

/// Whether one of a contact's `tags` is `wanted` or nested in it, compared
/// as `contacts.tags` compares them: ignoring case and a leading `#`
/// (`--tag '#Person'` finds `person/recruiter`, as Obsidian's tag search).
pub(crate) fn lists_tag<'t>(tags: impl IntoIterator<Item = &'t str>, wanted: &str) -> bool {
    let Some(wanted) = normal_tag(wanted) else { return false };
    tags.into_iter().filter_map(normal_tag).any(|tag| is_within(&tag, &wanted))
}

/// Whether `tag` is `wanted` or nested in it (`person/client` in `person`).
fn is_within(tag: &str, wanted: &str) -> bool {
    tag.strip_prefix(wanted).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Whether a value the YAML library read is empty (nothing, `~`, `""` or
/// spaces, `[]`, `{}`): its key is unset (docs/src/note-format.md); as
/// `Entry::is_empty` (in the front matter reader) for either reader's values.
pub(crate) fn is_empty_value(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => spaces::trim(text).is_empty(),
        Value::Sequence(items) => items.is_empty(),
        Value::Mapping(entries) => entries.is_empty(),
        Value::Tagged(tagged) => is_empty_value(&tagged.value),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admits(selection: &Selection, yaml: &str) -> bool {
        let value: Value = serde_yaml::from_str(yaml).unwrap();
        selection.admits(|key| value.get(key).cloned())
    }

    #[test]
    fn every_note_by_default() {
        assert!(Selection::EVERY.is_every());
        assert!(admits(&Selection::EVERY, "{}"));
    }

    #[test]
    fn tags_match_ignoring_case_and_hash_as_a_list_or_one_text() {
        let person = Selection::new(&["#Person".to_owned()], &[]);
        for yes in ["tags: [person]", "tags: ['#PERSON', x]", "tags: person", "tags: 'x, #person'", "tags: x person"] {
            assert!(admits(&person, yes), "{yes}");
        }
        assert!(admits(&person, "tags: [person/client]"), "a nested tag");
        assert!(admits(&person, "tags: [[Person]]"), "a wiki link, as nudge reads tags");
        assert!(admits(&person, "tags: [x, '[[Person]]']"), "a wiki link in a list");
        for no in ["tags: [personal]", "tags: []", "tags:", "name: Person", "tags: [x/person]", "tag: person"] {
            assert!(!admits(&person, no), "{no}");
        }
    }

    #[test]
    fn required_keys_need_a_value() {
        let playbook = Selection::new(&[], &["playbook".to_owned(), "email".to_owned()]);
        for yes in ["playbook: sales", "email: a@b.example", "{playbook: '', email: x}", "playbook: [a]"] {
            assert!(admits(&playbook, yes), "{yes}");
        }
        for no in ["playbook:", "playbook: ~", "playbook: '  '", "playbook: []", "name: Dana"] {
            assert!(!admits(&playbook, no), "{no}");
        }
    }

    #[test]
    fn properties_match_a_value_or_a_list_item_ignoring_case_and_link_brackets() {
        let people = Selection::EVERY
            .with_properties(vec![("categories".to_owned(), vec!["[[People]]".to_owned(), "Clients".to_owned()])]);
        let yes = [
            "categories: [\"[[People]]\"]",
            "categories: [[people]]",
            "categories: People",
            "categories: [Books, clients]",
            "categories: '[[Clients]]'",
        ];
        for yes in yes {
            assert!(admits(&people, yes), "{yes}");
        }
        for no in
            ["categories: [\"[[Books]]\"]", "categories: []", "categories:", "tags: [people]", "categories: Peoples"]
        {
            assert!(!admits(&people, no), "{no}");
        }
        assert!(!people.is_every());
        assert_eq!(people.describe(), "categories: [[People]] or Clients", "as nudge.yaml writes them");
        assert_eq!(people.options(), "--field 'categories=[[People]]'");
    }

    #[test]
    fn tags_and_required_keys_must_both_hold() {
        let both = Selection::new(&["person".to_owned()], &["playbook".to_owned()]);
        assert!(admits(&both, "{tags: [person], playbook: sales}"));
        assert!(!admits(&both, "{tags: [person]}"));
        assert!(!admits(&both, "{playbook: sales}"));
        assert_eq!(both.describe(), "a tag #person and a value for playbook");
        assert_eq!(both.options(), "--tag person --playbook NAME");
        let owner = Selection::new(&[], &["owner".to_owned()])
            .with_properties(vec![("type".to_owned(), vec!["Ana's people".to_owned()])]);
        assert_eq!(owner.options(), r"--field 'owner=...' --field 'type=Ana'\''s people'");
    }
}
