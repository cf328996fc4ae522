//! Finding the contact a command line names: a file path, a file stem, or
//! the start of a name or an alias (Obsidian's `aliases:`) or of any word
//! of one, compared [`fold`]ed (no case, accents or punctuation). Never a
//! file outside the vault.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use rayon::prelude::*;

use crate::discover::open::open_regular;
use crate::discover::read::{is_closing_line, starts_with_front_matter};
use crate::discover::walk::ContactFolders;
use crate::discover::{NoteFile, NoteRef, Vault, walk};
use crate::error::Error;
use crate::parse::{file_stem, front_matter};
use crate::yaml::{YamlText, last_wins};

/// Finds the contact file `query` names, relative to `cwd` or the vault:
/// a path; else a file stem; else the start of a name or an alias; else
/// the start of any word of a name, an alias or a file stem; each
/// [`fold`]ed. Name look-ups read only the front matter of each note.
pub(crate) fn resolve(vault: &Vault, query: &str, cwd: &Path) -> Result<NoteFile, Error> {
    if looks_like_path(query) {
        return resolve_path(vault, query, cwd);
    }
    let wanted = fold(query);
    let no_match = || {
        Error::NoMatch(format!(
            "no contact matches '{query}': give a file path, a file name without .md, or the start of a name or alias (aliases:) or of any word of one (see `nudge status`)"
        ))
    };
    if wanted.is_empty() {
        return Err(no_match());
    }
    let files = walk(&vault.root, &vault.config).files;
    let stems: Vec<NoteRef<'_>> = files.iter().filter(|file| fold(file_stem(file.relative)) == wanted).collect();
    if let Some(found) = single(query, &stems, |file| file.relative.to_owned())? {
        return Ok(found.owned());
    }
    let named: Vec<(NoteRef<'_>, Names)> =
        files.par_iter().filter_map(|file| Some((file, contact_names(vault, file, &[wanted.as_str()])?))).collect();
    let mut found: Vec<(NoteRef<'_>, &Names, Matched<'_>)> = named
        .iter()
        .filter_map(|(file, names)| Some((*file, names, names.matching(|form| form.starts_with(&wanted))?)))
        .collect();
    if found.is_empty() {
        let stem_word = |file: &NoteRef<'_>| has_word_starting(&fold(file_stem(file.relative)), &wanted);
        found = named
            .iter()
            .filter_map(|(file, names)| match names.matching(|form| has_word_starting(form, &wanted)) {
                Some(matched) => Some((*file, names, matched)),
                None => stem_word(file).then_some((*file, names, Matched::Name)),
            })
            .collect();
    }
    let describe = |(file, names, matched): &(NoteRef<'_>, &Names, Matched<'_>)| match matched {
        Matched::Alias(alias) => format!("{} ({}, alias {alias})", file.relative, names.name),
        Matched::Name => format!("{} ({})", file.relative, names.name),
    };
    match single(query, &found, describe)? {
        Some((file, _, _)) => Ok(file.owned()),
        None => Err(no_match()),
    }
}

/// What a contact is looked up by: its display name and its aliases.
struct Names {
    /// The display name: `name`, else the file stem.
    name: String,
    /// Obsidian's `aliases:`, a list or one text (docs/src/commands.md,
    /// "Naming a contact").
    aliases: Vec<String>,
}

/// What of a contact a look-up matched, as an ambiguous look-up lists it.
#[derive(Clone, Copy)]
enum Matched<'n> {
    /// The name, or the file stem.
    Name,
    /// This alias (the name did not match).
    Alias(&'n str),
}

impl Names {
    /// Which of the name and the aliases has a [`name_forms`] that passes
    /// `test`: the name first, then the first alias; `None` when none does.
    fn matching(&self, test: impl Fn(&str) -> bool) -> Option<Matched<'_>> {
        let passes = |text: &str| name_forms(text).any(|form| test(&form));
        if passes(&self.name) {
            return Some(Matched::Name);
        }
        self.aliases.iter().find(|alias| passes(alias)).map(|alias| Matched::Alias(alias))
    }
}

/// `text` compared the way look-ups compare it: folded to ASCII (`á` is
/// `a`), lower case, apostrophes dropped (`O'Brien` is `obrien`), any other
/// run of punctuation, symbols (emoji, `™`) or spaces one space (`Tomás
/// Álvarez-Ruiz 🚀` is `tomas alvarez ruiz`). `new` names files from it.
pub(crate) fn fold(text: &str) -> String {
    fold_with(text, Apostrophe::Dropped)
}

/// The file name for `name`: ASCII, lower case, words joined by hyphens
/// (`Siobhán O'Neill` -> `siobhan-oneill`); `None` when nothing is left.
/// `new` and `import` name notes with it.
pub(crate) fn slug(name: &str) -> Option<String> {
    let folded = fold(name);
    (!folded.is_empty()).then(|| folded.replace(' ', "-"))
}

/// What [`fold`] makes of an apostrophe.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Apostrophe {
    /// Nothing: `O'Neil` is `oneil`.
    Dropped,
    /// A space, as other punctuation: `O'Neil` is `o neil`.
    Space,
}

/// The forms a name is looked up by: [`fold`]ed, and, when it has an
/// apostrophe, with the apostrophe a space (`jo o neil` finds `Jo O'Neil`
/// as `jo oneil` does).
fn name_forms(name: &str) -> impl Iterator<Item = String> {
    let spaced = name.contains(['\'', '`', '\u{2019}']).then(|| fold_with(name, Apostrophe::Space));
    std::iter::once(fold(name)).chain(spaced)
}

/// [`fold`], an apostrophe read as `apostrophe` says.
fn fold_with(text: &str, apostrophe: Apostrophe) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut add = |c: char| fold_ascii(&mut folded, c, apostrophe);
    for c in text.chars() {
        match c.is_ascii().then_some(c) {
            Some(ascii) => add(ascii),
            // A symbol (an emoji, a flag, `™`) is not spelt out (`rocket`,
            // `ie`, `tm`): it separates words as punctuation does.
            None => match deunicode::deunicode_char(c) {
                Some(ascii) if c.is_alphanumeric() || !ascii.chars().any(|c| c.is_ascii_alphanumeric()) => {
                    ascii.chars().for_each(&mut add);
                }
                _ => add(' '),
            },
        }
    }
    if folded.ends_with(' ') {
        folded.pop();
    }
    folded
}

/// Adds the ASCII character `c` to `folded` as [`fold_with`] does.
fn fold_ascii(folded: &mut String, c: char, apostrophe: Apostrophe) {
    if c.is_ascii_alphanumeric() {
        folded.push(c.to_ascii_lowercase());
    } else if (apostrophe == Apostrophe::Space || !matches!(c, '\'' | '`'))
        && !folded.is_empty()
        && !folded.ends_with(' ')
    {
        folded.push(' ');
    }
}

/// Whether a word of `folded` starts a run of its words that begins with
/// `wanted` (both [`fold`]ed): `reyes` and `dana r` in `dana reyes`.
fn has_word_starting(folded: &str, wanted: &str) -> bool {
    std::iter::once(0)
        .chain(folded.match_indices(' ').map(|(at, _)| at + 1))
        .any(|start| folded.get(start..).is_some_and(|rest| rest.starts_with(wanted)))
}

/// The one candidate, none, or an error listing them all.
fn single<'c, T>(query: &str, candidates: &'c [T], describe: impl Fn(&T) -> String) -> Result<Option<&'c T>, Error> {
    match candidates {
        [] => Ok(None),
        [one] => Ok(Some(one)),
        many => Err(Error::Ambiguous { query: query.to_owned(), matches: many.iter().map(describe).collect() }),
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
    let outside = || Error::OutsideNotes { query: query.to_owned(), root: vault.root.clone() };
    let root =
        vault.root.canonicalize().map_err(|source| Error::Io { action: "read", path: vault.root.clone(), source })?;
    let target = match path.canonicalize() {
        Ok(target) => target,
        Err(_) if escapes(query) => return Err(outside()),
        Err(_) => return Err(Error::NoMatch(format!("no such contact file: {query}"))),
    };
    let relative = target.strip_prefix(&root).map_err(|_| outside())?;
    if !target.is_file() {
        return Err(Error::NotAFile(query.to_owned()));
    }
    let relative = crate::discover::walk::relative(Path::new(""), relative);
    let folders = &vault.config.contacts.folders;
    if !ContactFolders::new(folders).holds(&relative) {
        let why = format!("nudge.yaml's `contacts.folders` ({}) leaves it out", folders.join(", "));
        return Err(Error::NotAContact { file: relative, why });
    }
    Ok(NoteFile { path: root.join(&relative), relative })
}

fn escapes(query: &str) -> bool {
    Path::new(query).is_absolute() || query.split(['/', '\\']).any(|part| part == "..")
}

/// The contact's display name from its front matter alone (the file is not
/// read past the closing `---`); `None` for files that are not contacts of
/// `vault`, and for those whose front matter and path do not hold every
/// word of `words` (compared [`fold`]ed): a cheap test that spares reading
/// their YAML.
pub(crate) fn contact_name(vault: &Vault, file: NoteRef<'_>, words: &[&str]) -> Option<String> {
    contact_names(vault, file, words).map(|names| names.name)
}

/// [`contact_name`] with the contact's aliases.
fn contact_names(vault: &Vault, file: NoteRef<'_>, words: &[&str]) -> Option<Names> {
    let text = front_matter_text(&file.path(), vault.config.max_file_size)?;
    if !words.is_empty() && !holds_words(file.relative, &text, words) {
        return None;
    }
    let front_matter::Opening::Split(split) = front_matter::split(&text) else { return None };
    // A key written twice: the later value, as the note is read.
    let value = match last_wins::read(YamlText::new(split.yaml, split.yaml_line, split.yaml_offset)).ok()? {
        last_wins::Read::Mapping(entries, _) => serde_yaml::Value::Mapping(entries.into_iter().collect()),
        last_wins::Read::Other(value) => value,
    };
    if !vault.config.contacts.selection.admits(|key| value.get(key).cloned()) {
        return None;
    }
    let name = value.get("name").and_then(front_matter::shown_text);
    let aliases = match value.get("aliases") {
        Some(serde_yaml::Value::Sequence(items)) => items.iter().filter_map(front_matter::shown_text).collect(),
        Some(one) => front_matter::shown_text(one).into_iter().collect(),
        None => Vec::new(),
    };
    Some(Names { name: name.unwrap_or_else(|| file_stem(file.relative).to_owned()), aliases })
}

/// Whether the path `relative` and the front matter `text` hold every
/// word of `words`, compared [`fold`]ed.
fn holds_words(relative: &str, text: &str, words: &[&str]) -> bool {
    let mut haystack = format!("{relative}\n{text}");
    // Folding keeps ASCII letters and digits as they are, lowered, and only
    // an apostrophe joins two runs of them: without one, lowering is enough.
    if haystack.is_ascii() && !haystack.contains(['\'', '`']) {
        haystack.make_ascii_lowercase();
    } else {
        haystack = fold(&haystack);
    }
    fold(&words.join(" ")).split(' ').all(|word| haystack.contains(word))
}

/// Whether `file` starts with a front matter closed within `max_size`
/// bytes (a contact, readable or not), reading no further.
pub(crate) fn has_front_matter(file: NoteRef<'_>, max_size: u64) -> bool {
    front_matter_text(&file.path(), max_size).is_some()
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
            if !starts_with_front_matter(line.as_bytes()) {
                return None;
            }
        } else if is_closing_line(&line) {
            return Some(text);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_words_joined_by_hyphens() {
        assert_eq!(slug("Siobhán O'Neill").as_deref(), Some("siobhan-oneill"));
        assert_eq!(slug("  Ana   Lima ").as_deref(), Some("ana-lima"));
        assert_eq!(slug("Jean-Luc Picard, Jr.").as_deref(), Some("jean-luc-picard-jr"));
        assert_eq!(slug("Łukasz Żółć").as_deref(), Some("lukasz-zolc"));
        assert_eq!(slug("O’Brien").as_deref(), Some("obrien"));
        assert_eq!(slug("!!!"), None);
    }

    #[test]
    fn folding_drops_case_accents_apostrophes_and_punctuation() {
        assert_eq!(fold("Tomás  Álvarez-Ruiz"), "tomas alvarez ruiz");
        assert_eq!(fold("James O'Brien, Jr."), "james obrien jr");
        assert_eq!(fold("  O’Brien "), "obrien");
        assert_eq!(fold("北京"), "bei jing");
        assert_eq!(fold("!!!"), "");
    }

    #[test]
    fn a_word_start_begins_a_run_of_words() {
        assert!(has_word_starting("dana reyes", "reyes"));
        assert!(has_word_starting("dana reyes", "dana r"));
        assert!(has_word_starting("ana lima", "lim"));
        assert!(!has_word_starting("dana reyes", "eyes"));
        assert!(!has_word_starting("dana reyes", "reyes d"));
    }
}
