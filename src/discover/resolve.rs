//! Finding the contact a command line names: a file path, a file stem, or
//! a unique case-insensitive prefix of a name. Never a file outside the vault.

use std::path::Path;

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
    let max_size = vault.config.max_file_size;
    let named: Vec<(&NoteFile, String)> =
        files.iter().filter_map(|file| Some((file, contact_name(file, max_size)?))).collect();
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
        None => Err(Error::Usage(format!(
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
        Err(_) => return Err(Error::Usage(format!("no such contact file: {query}"))),
    };
    let relative = target.strip_prefix(&root).map_err(|_| outside())?;
    if !target.is_file() {
        return Err(Error::Usage(format!("{query} is not a note file")));
    }
    let relative = crate::discover::walk::relative(Path::new(""), relative);
    Ok(NoteFile { path: root.join(&relative), relative })
}

fn escapes(query: &str) -> bool {
    Path::new(query).is_absolute() || query.split(['/', '\\']).any(|part| part == "..")
}

/// The contact's display name from its front matter alone (the body is not
/// parsed); `None` for files that are not contacts or cannot be read.
pub fn contact_name(file: &NoteFile, max_size: u64) -> Option<String> {
    let bytes = crate::pipeline::read_note_bytes(file, max_size).ok()??;
    let text = crate::parse::decode(&file.relative, &bytes).ok()??;
    let front_matter::Opening::Split(split) = front_matter::split(text) else { return None };
    let value = YamlText::new(split.yaml, split.yaml_line).parse().ok()?;
    let name = value.get("name").and_then(crate::yaml::scalar_text);
    Some(name.unwrap_or_else(|| file_stem(&file.relative).to_owned()))
}
