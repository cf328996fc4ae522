//! Finding the contact a command line names: a file path, a file stem, or
//! a unique case-insensitive prefix of a name. Never a file outside the vault.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use rayon::prelude::*;

use crate::discover::open::open_regular;
use crate::discover::walk::ContactFolders;
use crate::discover::{NoteFile, Vault, walk};
use crate::error::Error;
use crate::parse::{file_stem, front_matter};
use crate::yaml::YamlText;

/// Finds the contact file `query` names, relative to `cwd` or the vault.
/// Name prefixes read only the front matter of each note.
pub fn resolve(vault: &Vault, query: &str, cwd: &Path) -> Result<NoteFile, Error> {
    if looks_like_path(query) {
        return resolve_path(vault, query, cwd);
    }
    let files = walk(&vault.root, &vault.config).files;
    let stems: Vec<&NoteFile> =
        files.iter().filter(|file| file_stem(&file.relative).eq_ignore_ascii_case(query)).collect();
    if let Some(found) = single(query, &stems, |file| file.relative.clone())? {
        return Ok((*found).clone());
    }
    let query_lower = query.to_lowercase();
    let named: Vec<(&NoteFile, String)> =
        files.par_iter().filter_map(|file| Some((file, contact_name(vault, file, &[query_lower.as_str()])?))).collect();
    let by_prefix: Vec<&(&NoteFile, String)> =
        named.iter().filter(|(_, name)| name.to_lowercase().starts_with(&query_lower)).collect();
    let by_word: Vec<&(&NoteFile, String)> = if by_prefix.is_empty() {
        named
            .iter()
            .filter(|(_, name)| name.to_lowercase().split_whitespace().any(|w| w.starts_with(&query_lower)))
            .collect()
    } else {
        by_prefix
    };
    match single(query, &by_word, |(file, name)| format!("{} ({name})", file.relative))? {
        Some((file, _)) => Ok((*file).clone()),
        None => Err(Error::NoMatch(format!(
            "no contact matches '{query}': give a file path, a file name without .md, or the start of a name (see `nudge status`)"
        ))),
    }
}

/// The one candidate, none, or an error listing them all.
fn single<'c, T>(query: &str, candidates: &'c [T], describe: impl Fn(&T) -> String) -> Result<Option<&'c T>, Error> {
    match candidates {
        [] => Ok(None),
        [one] => Ok(Some(one)),
        many => {
            let list: Vec<String> = many.iter().map(|candidate| format!("  {}", describe(candidate))).collect();
            Err(Error::Usage(format!(
                "'{query}' matches {} contacts:\n{}\ngive more of the name, or the file path",
                many.len(),
                list.join("\n")
            )))
        }
    }
}

fn looks_like_path(query: &str) -> bool {
    query.contains('/') || query.contains(std::path::MAIN_SEPARATOR) || query.ends_with(".md")
}

/// A path given on the command line: relative to `cwd` when it exists
/// there, else to the vault; it must stay inside the vault, symlinks too.
fn resolve_path(vault: &Vault, query: &str, cwd: &Path) -> Result<NoteFile, Error> {
    let from_cwd = cwd.join(query);
    let path = if from_cwd.exists() { from_cwd } else { vault.root.join(query) };
    let outside = || {
        Error::Usage(format!(
            "{query} is outside the notes folder {}: nudge only reads and writes notes inside it",
            vault.root.display()
        ))
    };
    let root =
        vault.root.canonicalize().map_err(|source| Error::Io { action: "read", path: vault.root.clone(), source })?;
    let target = match path.canonicalize() {
        Ok(target) => target,
        Err(_) if escapes(query) => return Err(outside()),
        Err(_) => return Err(Error::NoMatch(format!("no such contact file: {query}"))),
    };
    let relative = target.strip_prefix(&root).map_err(|_| outside())?;
    if !target.is_file() {
        return Err(Error::Usage(format!("{query} is not a note file")));
    }
    let relative = crate::discover::walk::relative(Path::new(""), relative);
    let folders = &vault.config.contacts.folders;
    if !ContactFolders::new(folders).holds(&relative) {
        return Err(Error::Usage(format!(
            "{relative} is not a contact: nudge.yaml's `contacts.folders` ({}) leaves it out",
            folders.join(", ")
        )));
    }
    Ok(NoteFile { path: root.join(&relative), relative })
}

fn escapes(query: &str) -> bool {
    Path::new(query).is_absolute() || query.split(['/', '\\']).any(|part| part == "..")
}

/// The contact's display name from its front matter alone (the file is not
/// read past the closing `---`); `None` for files that are not contacts of
/// `vault`, and for those whose front matter and path do not hold every
/// word of `words` (lower case): a cheap test that spares reading their YAML.
pub fn contact_name(vault: &Vault, file: &NoteFile, words: &[&str]) -> Option<String> {
    let text = front_matter_text(&file.path, vault.config.max_file_size)?;
    let haystack = format!("{}\n{}", file.relative, text).to_lowercase();
    if !words.iter().flat_map(|words| words.split_whitespace()).all(|word| haystack.contains(word)) {
        return None;
    }
    let front_matter::Opening::Split(split) = front_matter::split(&text) else { return None };
    let value = YamlText::new(split.yaml, split.yaml_line).parse().ok()?;
    if !vault.config.contacts.selection.admits(|key| value.get(key).cloned()) {
        return None;
    }
    let name = value.get("name").and_then(crate::yaml::scalar_text);
    Some(name.unwrap_or_else(|| file_stem(&file.relative).to_owned()))
}

/// Whether `file` starts with a front matter closed within `max_size`
/// bytes (a contact, readable or not), reading no further.
pub fn has_front_matter(file: &NoteFile, max_size: u64) -> bool {
    front_matter_text(&file.path, max_size).is_some()
}

/// The start of a note up to its closing front matter line, read line by
/// line; `None` when it has no front matter, or one never closed within
/// `max_size` bytes (a single huge line is not read past them either).
fn front_matter_text(path: &Path, max_size: u64) -> Option<String> {
    let (file, _) = open_regular(path, false).ok()??;
    let mut reader = BufReader::new(file.take(max_size.saturating_add(1)));
    let mut text = String::new();
    let mut line = String::new();
    while u64::try_from(text.len()).is_ok_and(|read| read <= max_size) {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        text.push_str(&line);
        if text.len() == line.len() {
            if !front_matter::starts_with_front_matter(line.as_bytes()) {
                return None;
            }
        } else if front_matter::is_closing_line(&line) {
            return Some(text);
        }
    }
    None
}
