//! The file walk: every note file of the vault, in path order, filtered by
//! the config's globs. Hidden files and folders, the agenda, anything that
//! is not a regular file, and symlinks are never read as contacts.

use std::ffi::OsStr;
use std::fs::DirEntry;
use std::path::{Path, PathBuf};

use globset::{Candidate, GlobBuilder, GlobSet, GlobSetBuilder};
use rayon::prelude::*;

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

/// Lists the note files of the vault at `root`. The folders are read on
/// all cores, and the files sorted once at the end.
pub fn walk(root: &Path, config: &Config) -> Walk {
    let rules = Rules {
        include: glob_set(&config.include),
        exclude: glob_set(&config.exclude),
        agenda: &config.agenda,
        canonical_root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
    };
    let mut found = Walk::default();
    // Level by level (no recursion, however deep the folders), the folders
    // of a level on all cores.
    let mut level = vec![(root.to_path_buf(), String::new())];
    while !level.is_empty() {
        let read: Vec<Folder> = level.par_iter().map(|(path, relative)| rules.folder(path, relative)).collect();
        level = Vec::new();
        for folder in read {
            found.files.extend(folder.files);
            found.problems.extend(folder.problems);
            level.extend(folder.folders);
        }
    }
    found.files.par_sort_unstable_by(|a, b| a.relative.cmp(&b.relative));
    found.problems.sort();
    found
}

/// What the walk keeps and what it reports.
struct Rules<'a> {
    include: GlobSet,
    exclude: GlobSet,
    agenda: &'a str,
    canonical_root: PathBuf,
}

impl Rules<'_> {
    /// What the folder at `path` (`relative` to the vault, empty for the
    /// vault itself) holds.
    fn folder(&self, path: &Path, relative: &str) -> Folder {
        let mut found = Folder::default();
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(error) => {
                found.problems.push(cannot_read(relative, &error));
                return found;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    found.problems.push(cannot_read(relative, &error));
                    continue;
                }
            };
            // The name borrowed from the entry's path, which a folder or a
            // note keeps: no copy of its own.
            let path = entry.path();
            let Some(name) = path.file_name() else {
                continue;
            };
            if is_hidden(name) {
                continue;
            }
            let name = name.to_string_lossy();
            let entry_relative = if relative.is_empty() {
                name.into_owned()
            } else {
                let mut joined = String::with_capacity(relative.len() + 1 + name.len());
                joined.push_str(relative);
                joined.push('/');
                joined.push_str(&name);
                joined
            };
            self.entry(&entry, path, entry_relative, &mut found);
        }
        found
    }

    /// Sorts out one entry of a folder: a note file is kept, a folder is
    /// read next, a symlink may be reported.
    fn entry(&self, entry: &DirEntry, path: PathBuf, relative: String, found: &mut Folder) {
        let Ok(kind) = entry.file_type() else {
            return;
        };
        let candidate = Candidate::new(&relative);
        let note_like = relative != self.agenda
            && self.include.is_match_candidate(&candidate)
            && !self.exclude.is_match_candidate(&candidate);
        if kind.is_symlink() {
            found.problems.extend(self.symlink_problem(&path, &relative, note_like));
        } else if kind.is_dir() {
            found.folders.push((path, relative));
        } else if note_like && kind.is_file() {
            found.files.push(NoteFile { relative, path });
        }
    }

    /// Symlinks are not followed: a contact is read at its real path. A
    /// warning for a folder link that leads outside the vault (its notes
    /// are missed), and for a `note_like` one (named like a note) that
    /// leads outside, in a loop, or nowhere. Other links (an image, a
    /// tool's folder) are no concern.
    fn symlink_problem(&self, path: &Path, relative: &str, note_like: bool) -> Option<Problem> {
        let message = match path.canonicalize() {
            Ok(target) if target.starts_with(&self.canonical_root) => return None,
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
}

/// One folder's note files, subfolders and problems.
#[derive(Debug, Default)]
struct Folder {
    files: Vec<NoteFile>,
    folders: Vec<(PathBuf, String)>,
    problems: Vec<Problem>,
}

/// The problem of a folder that could not be read.
fn cannot_read(relative: &str, error: &std::io::Error) -> Problem {
    let message = format!("cannot read this folder: {}; check its permissions", error.kind());
    Problem::error(relative, Position::START, message)
}

/// Whether a file or folder name starts with a dot.
fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
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

    #[test]
    fn deep_folders_are_walked_without_recursion() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let deep: PathBuf = std::iter::repeat_n("d", 400).collect();
        std::fs::create_dir_all(dir.path().join(&deep))?;
        std::fs::write(dir.path().join(&deep).join("x.md"), "---\n---\n")?;
        std::fs::write(dir.path().join("d/a-b.md"), "---\n---\n")?;
        let expected_deep = format!("{}/x.md", vec!["d"; 400].join("/"));
        // In path order: `-` sorts before `/`.
        assert_eq!(relatives(dir.path(), &Config::default()), ["d/a-b.md".to_owned(), expected_deep]);
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
