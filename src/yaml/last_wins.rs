//! A mapping read by the YAML library with each key's later value winning
//! (docs/src/note-format.md): the library refuses a key written twice,
//! where Obsidian, Jekyll and PyYAML keep the file and read the later value.

use std::collections::HashMap;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_yaml::Value;

use crate::yaml::{SyntaxError, YamlText};

/// A YAML text as the library reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    /// A mapping: its entries in file order, each key once with its later
    /// value (at the later place), and the keys written more than once.
    Mapping(Vec<(Value, Value)>, Vec<Value>),
    /// Anything else (an empty text is null).
    Other(Value),
}

/// Reads `yaml`; a mapping that repeats a key is read again keeping the
/// later values. Any other error, and a key repeated deeper down, is the
/// library's error.
pub fn read(yaml: YamlText<'_>) -> Result<Read, SyntaxError> {
    match yaml.parse() {
        Ok(Value::Mapping(mapping)) => Ok(Read::Mapping(mapping.into_iter().collect(), Vec::new())),
        Ok(other) => Ok(Read::Other(other)),
        Err(error) if error.message.starts_with("duplicate entry") => match yaml.parse_as::<AllEntries>() {
            Ok(AllEntries(entries)) => {
                let (entries, repeated) = later_wins(entries);
                Ok(Read::Mapping(entries, repeated))
            }
            Err(_) => Err(error),
        },
        Err(error) => Err(error),
    }
}

/// `entries` with each key once, with its later value at the later place,
/// and the keys that were there more than once, in order.
fn later_wins(entries: Vec<(Value, Value)>) -> (Vec<(Value, Value)>, Vec<Value>) {
    let mut last: HashMap<&Value, usize> = HashMap::with_capacity(entries.len());
    for (index, (key, _)) in entries.iter().enumerate() {
        last.insert(key, index);
    }
    let mut repeated: Vec<Value> = Vec::new();
    let keep: Vec<bool> = entries
        .iter()
        .enumerate()
        .map(|(index, (key, _))| {
            let later = last.get(key).is_some_and(|&last| last != index);
            if later && !repeated.contains(key) {
                repeated.push(key.clone());
            }
            !later
        })
        .collect();
    let kept = entries.into_iter().zip(keep).filter_map(|(entry, keep)| keep.then_some(entry)).collect();
    (kept, repeated)
}

/// Every entry of a mapping, repeated keys included.
struct AllEntries(Vec<(Value, Value)>);

impl<'de> Deserialize<'de> for AllEntries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// Collects a mapping's entries into a list.
struct EntriesVisitor;

impl<'de> Visitor<'de> for EntriesVisitor {
    type Value = AllEntries;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a mapping")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AllEntries, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(entry) = map.next_entry::<Value, Value>()? {
            entries.push(entry);
        }
        Ok(AllEntries(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(text: &str) -> Value {
        Value::String(text.to_owned())
    }

    #[test]
    fn a_repeated_key_keeps_its_later_value_at_its_later_place() {
        let read = read(YamlText::new("a: 1\nb: x\na: [y]\nc:\n  d: 1\nb: z\na: w\n", 2, 0));
        let nested: Value = serde_yaml::from_str("{d: 1}").unwrap_or(Value::Null);
        let entries = vec![(text("c"), nested), (text("b"), text("z")), (text("a"), text("w"))];
        assert_eq!(read, Ok(Read::Mapping(entries, vec![text("a"), text("b")])));
    }

    #[test]
    fn other_texts_read_as_the_library_reads_them() {
        assert_eq!(read(YamlText::new("", 2, 0)), Ok(Read::Other(Value::Null)));
        assert_eq!(read(YamlText::new("- a\n", 2, 0)), Ok(Read::Other(Value::Sequence(vec![text("a")]))));
        let nested = read(YamlText::new("a:\n  b: 1\n  b: 2\n", 2, 0)).map_err(|error| error.message);
        assert_eq!(nested, Err("a: duplicate entry with key \"b\"".to_owned()), "deeper down: the library's error");
        assert!(read(YamlText::new("a: [\n", 2, 0)).is_err());
    }
}
