//! The file walk: every note file of the vault, in path order, filtered by
//! the config's globs. Hidden files and folders, the agenda, anything that
//! is not a regular file, and symlinks are never read as contacts.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use walkdir::{DirEntry, WalkDir};

use crate::discover::Config;
use crate::position::Position;
use crate::problem::Problem;

/// A file to read as a possible contact.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct NoteFile {
    /// Relative to the vault, with `/` separators.
    pub relative: String,
    /// The path to open.
    pub path: PathBuf,
}

/// The files found, and what could not be walked.
#[derive(Debug, Default)]
pub struct Walk {
    /// The note files, sorted by relative path.
    pub files: Vec<NoteFile>,
    /// Folders that could not be read, symlinks leading outside the vault.
    pub problems: Vec<Problem>,
}

/// Lists the note files of the vault at `root`.
pub fn walk(root: &Path, config: &Config) -> Walk {
    let include = glob_set(&config.include);
    let exclude = glob_set(&config.exclude);
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut found = Walk::default();
    // Unsorted: walkdir would sort each folder by file name, parsing both
    // paths again at every comparison; the files are sorted once at the end.
    let entries = WalkDir::new(root).follow_links(false).into_iter();
    for entry in entries.filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry)) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let place = error.path().map_or_else(String::new, |path| relative(root, path));
                let message = format!("cannot read this folder: {}; check its permissions", io_words(&error));
                found.problems.push(Problem::error(&place, Position::START, message));
                continue;
            }
        };
        let relative = walked_relative(root, entry.path());
        let note_like = relative != config.agenda && include.is_match(&relative) && !exclude.is_match(&relative);
        if entry.path_is_symlink() {
            if let Some(problem) = symlink_problem(&entry, &canonical_root, &relative, note_like) {
                found.problems.push(problem);
            }
            continue;
        }
        if note_like && entry.file_type().is_file() {
            found.files.push(NoteFile { relative, path: entry.into_path() });
        }
    }
    found.files.sort_unstable_by(|a, b| a.relative.cmp(&b.relative));
    found.problems.sort();
    found
}

/// Whether a file or folder name starts with a dot.
fn is_hidden(entry: &DirEntry) -> bool {
    entry.file_name().to_str().is_some_and(|name| name.starts_with('.'))
}

/// Symlinks are not followed: a contact is read at its real path. A warning
/// for a folder link that leads outside the vault (its notes are missed),
/// and for a `note_like` one (named like a note) that leads outside, in a
/// loop, or nowhere. Other links (an image, a tool's folder) are no concern.
fn symlink_problem(entry: &DirEntry, canonical_root: &Path, relative: &str, note_like: bool) -> Option<Problem> {
    let message = match entry.path().canonicalize() {
        Ok(target) if target.starts_with(canonical_root) => return None,
        Ok(target) if target.is_dir() => {
            "symlinked folder leads outside the notes folder: its notes are not read (move them into the folder instead)"
        }
        Ok(_) if note_like => {
            "symlink leads outside the notes folder: not read (move the note into the folder instead)"
        }
        Err(error) if note_like && is_loop(&error) => "symlink loop: not read; remove the link",
        Err(_) if note_like => "broken symlink: not read; remove it or fix its target",
        _ => return None,
    };
    Some(Problem::warning(relative, Position::START, message))
}

/// Whether resolving a path failed because symlinks lead in a circle.
fn is_loop(error: &std::io::Error) -> bool {
    #[cfg(unix)]
    return error.raw_os_error() == Some(libc::ELOOP);
    #[cfg(not(unix))]
    return false;
}

/// `path` relative to `root`, with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> =
        relative.components().map(|part| part.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
}

/// [`relative`] for a path the walk made by joining names to `root`: on
/// Unix such a path, once UTF-8, is already the text (no `.` parts, no
/// doubled separators), and taking it as it is saves a string per part.
fn walked_relative(root: &Path, path: &Path) -> String {
    #[cfg(unix)]
    if let Some(text) = path.strip_prefix(root).ok().and_then(Path::to_str) {
        return text.to_owned();
    }
    relative(root, path)
}

/// A set of globs matched against relative paths; `*` stops at `/`. The
/// globs were validated with the config.
fn glob_set(globs: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        if let Ok(glob) = GlobBuilder::new(glob).literal_separator(true).build() {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

fn io_words(error: &walkdir::Error) -> String {
    error.io_error().map_or_else(|| error.to_string(), |io| io.kind().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relatives(root: &Path, config: &Config) -> Vec<String> {
        walk(root, config).files.into_iter().map(|file| file.relative).collect()
    }

    #[test]
    fn hidden_agenda_non_markdown_and_globs() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        for path in ["b.md", "a/c.md", "a/notes.txt", ".hidden.md", ".obsidian/x.md", "agenda.md", "archive/old.md"] {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap_or(root))?;
            std::fs::write(path, "---\n---\n")?;
        }
        std::fs::create_dir_all(root.join("dir.md"))?;
        let config = Config { exclude: vec!["archive/**".to_owned()], ..Config::default() };
        assert_eq!(relatives(root, &config), ["a/c.md", "b.md"]);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_not_followed_and_outside_ones_are_reported() -> std::io::Result<()> {
        let outside = tempfile::tempdir()?;
        std::fs::write(outside.path().join("secret.md"), "---\n---\n")?;
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::write(root.join("real.md"), "---\n---\n")?;
        std::os::unix::fs::symlink(root.join("real.md"), root.join("alias.md"))?;
        std::os::unix::fs::symlink(outside.path().join("secret.md"), root.join("leak.md"))?;
        std::os::unix::fs::symlink(root, root.join("loop"))?;
        std::os::unix::fs::symlink(outside.path(), root.join("elsewhere"))?;
        std::os::unix::fs::symlink(outside.path().join("secret.md"), root.join("picture.png"))?;
        std::os::unix::fs::symlink(root.join("circle-b.md"), root.join("circle-a.md"))?;
        std::os::unix::fs::symlink(root.join("circle-a.md"), root.join("circle-b.md"))?;
        std::os::unix::fs::symlink(root.join("gone.md"), root.join("dangling.md"))?;
        std::os::unix::fs::symlink(root.join("gone"), root.join("dangling"))?;
        let found = walk(root, &Config::default());
        let files: Vec<&str> = found.files.iter().map(|file| file.relative.as_str()).collect();
        assert_eq!(files, ["real.md"]);
        let problems: Vec<String> = found.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "circle-a.md:1:1: warning: symlink loop: not read; remove the link",
                "circle-b.md:1:1: warning: symlink loop: not read; remove the link",
                "dangling.md:1:1: warning: broken symlink: not read; remove it or fix its target",
                "elsewhere:1:1: warning: symlinked folder leads outside the notes folder: its notes are not read (move them into the folder instead)",
                "leak.md:1:1: warning: symlink leads outside the notes folder: not read (move the note into the folder instead)",
            ]
        );
        Ok(())
    }
}
