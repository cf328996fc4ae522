//! The file walk: every note file of the vault, in path order, filtered by
//! the config's globs (`include`, `exclude`, `contacts.folders`). Hidden
//! files and folders, the agenda, anything that is not a regular file, and
//! symlinks are never read as contacts.

use std::ffi::OsStr;
use std::fs::DirEntry;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use globset::{Candidate, GlobBuilder, GlobSet, GlobSetBuilder};

use crate::discover::Config;
use crate::model::owner::is_agenda_of_pattern;
use crate::model::span::Span;
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

/// Lists the note files of the vault at `root`. Each folder is read as a
/// task of its own on all cores, as soon as its parent has been read (no
/// waiting for a whole level, no recursion however deep the folders), and
/// sorts its own entries; the sorted folders are then joined in order.
pub fn walk(root: &Path, config: &Config) -> Walk {
    let rules = Rules {
        include: glob_set(&config.include),
        exclude: glob_set(&config.exclude),
        folders: ContactFolders::new(&config.contacts.folders),
        agenda: &config.agenda,
        agenda_per_owner: config.agenda_per_owner.as_deref(),
        canonical_root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
    };
    let tree = Tree::default();
    let root_id = tree.new_id();
    rayon::scope(|scope| rules.visit(scope, &tree, root_id, root.to_path_buf(), String::new()));
    tree.into_walk(root_id)
}

/// What the walk keeps and what it reports.
struct Rules<'a> {
    include: GlobSet,
    exclude: GlobSet,
    folders: ContactFolders,
    agenda: &'a str,
    /// `agenda_per_owner`: the owners' agendas are not read either.
    agenda_per_owner: Option<&'a str>,
    canonical_root: PathBuf,
}

impl Rules<'_> {
    /// Reads the folder at `path` into `tree` as folder `id`, and its
    /// subfolders as tasks of their own. `prefix` is the folder's path
    /// relative to the vault with a `/` after it (empty for the vault).
    fn visit<'s>(&'s self, scope: &rayon::Scope<'s>, tree: &'s Tree, id: usize, path: PathBuf, prefix: String) {
        let (folder, subfolders) = self.folder(tree, &path, &prefix);
        tree.insert(id, folder);
        for (id, path, prefix) in subfolders {
            scope.spawn(move |scope| self.visit(scope, tree, id, path, prefix));
        }
    }

    /// What the folder at `folder` holds, its entries in path order, and
    /// the subfolders to read next (each with its id in `tree` and its
    /// prefix).
    fn folder(&self, tree: &Tree, folder: &Path, prefix: &str) -> (Folder, Vec<(usize, PathBuf, String)>) {
        let mut found = Folder::default();
        let mut subfolders = Vec::new();
        let shown = prefix.strip_suffix('/').unwrap_or(prefix);
        let entries = match std::fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(error) => {
                found.problems.push(cannot_read(shown, &error));
                return (found, subfolders);
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    found.problems.push(cannot_read(shown, &error));
                    continue;
                }
            };
            let name = entry.file_name();
            if is_hidden(&name) {
                continue;
            }
            // Sized once: `entry.path()` (a join) copies the folder, then
            // grows the copy.
            let mut path = PathBuf::with_capacity(folder.as_os_str().len() + 1 + name.len());
            path.push(folder);
            path.push(&name);
            let name = name.to_string_lossy();
            let mut relative = String::with_capacity(prefix.len() + name.len() + 1);
            relative.push_str(prefix);
            relative.push_str(&name);
            drop(name);
            match self.entry(&entry, &path, &relative, &mut found.problems) {
                Kind::Note => found.entries.push(Child::File(NoteFile { relative, path })),
                Kind::Folder => {
                    let id = tree.new_id();
                    relative.push('/');
                    subfolders.push((id, path, relative.clone()));
                    found.entries.push(Child::Folder { id, prefix: relative });
                }
                Kind::Other => {}
            }
        }
        found.entries.sort_unstable_by(|a, b| a.key().cmp(b.key()));
        (found, subfolders)
    }

    /// Sorts out one entry of a folder: a note file is kept, a folder is
    /// read next, a symlink may be reported in `problems`.
    fn entry(&self, entry: &DirEntry, path: &Path, relative: &str, problems: &mut Vec<Problem>) -> Kind {
        let Ok(kind) = entry.file_type() else {
            return Kind::Other;
        };
        let candidate = Candidate::new(relative);
        let note_like = relative != self.agenda
            && !self.agenda_per_owner.is_some_and(|pattern| is_agenda_of_pattern(pattern, relative))
            && self.include.is_match_candidate(&candidate)
            && (self.exclude.is_empty() || !self.exclude.is_match_candidate(&candidate))
            && self.folders.holds_candidate(&candidate);
        if kind.is_symlink() {
            problems.extend(self.symlink_problem(path, relative, note_like));
            Kind::Other
        } else if kind.is_dir() {
            Kind::Folder
        } else if note_like && kind.is_file() {
            Kind::Note
        } else {
            Kind::Other
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
        Some(Problem::warning(relative, Span::START, message))
    }
}

/// One folder as read: its note files and subfolders in path order, and
/// its problems.
#[derive(Debug, Default)]
struct Folder {
    entries: Vec<Child>,
    problems: Vec<Problem>,
}

/// A note file or a subfolder of a folder.
#[derive(Debug)]
enum Child {
    /// A note file.
    File(NoteFile),
    /// A subfolder: its id in the [`Tree`], and its path relative to the
    /// vault with a `/` after it.
    Folder { id: usize, prefix: String },
}

impl Child {
    /// What orders a folder's entries as their files' paths are ordered: a
    /// file's relative path, a folder's with its `/` (so `a.md` < `a/` <
    /// `a0.md`, as `a.md` < `a/x.md` < `a0.md`).
    fn key(&self) -> &str {
        match self {
            Self::File(file) => &file.relative,
            Self::Folder { prefix, .. } => prefix,
        }
    }
}

/// What an entry of a folder is to the walk.
enum Kind {
    Note,
    Folder,
    Other,
}

/// The folders read so far, by id, filled in by the tasks that read them.
#[derive(Debug, Default)]
struct Tree {
    next_id: AtomicUsize,
    folders: Mutex<Vec<Option<Folder>>>,
}

impl Tree {
    /// An id for a folder about to be read.
    fn new_id(&self) -> usize {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Keeps folder `id` as read.
    fn insert(&self, id: usize, folder: Folder) {
        let mut folders = self.folders.lock().unwrap_or_else(PoisonError::into_inner);
        if folders.len() <= id {
            folders.resize_with(id + 1, || None);
        }
        if let Some(slot) = folders.get_mut(id) {
            *slot = Some(folder);
        }
    }

    /// The files of every folder from `root_id` down, in path order: each
    /// folder's entries are sorted, so a walk through the folders in the
    /// order of their entries (a stack, not recursion) meets the files in
    /// path order.
    fn into_walk(self, root_id: usize) -> Walk {
        let mut folders = self.folders.into_inner().unwrap_or_else(PoisonError::into_inner);
        let mut take = |id: usize| folders.get_mut(id).and_then(Option::take).unwrap_or_default();
        let mut found = Walk::default();
        let root = take(root_id);
        found.problems.extend(root.problems);
        let mut stack = vec![root.entries.into_iter()];
        while let Some(entries) = stack.last_mut() {
            match entries.next() {
                Some(Child::File(file)) => found.files.push(file),
                Some(Child::Folder { id, .. }) => {
                    let folder = take(id);
                    found.problems.extend(folder.problems);
                    stack.push(folder.entries.into_iter());
                }
                None => {
                    stack.pop();
                }
            }
        }
        found.problems.sort();
        found
    }
}

/// The problem of a folder that could not be read.
fn cannot_read(relative: &str, error: &std::io::Error) -> Problem {
    let message = format!("cannot read this folder: {}; check its permissions", error.kind());
    Problem::error(relative, Span::START, message)
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
fn glob_set<S: AsRef<str>>(globs: impl IntoIterator<Item = S>) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        if let Ok(glob) = GlobBuilder::new(glob.as_ref()).literal_separator(true).build() {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// The folders of contacts (`contacts.folders`): a note outside them is
/// not read. None given: every folder.
#[derive(Debug)]
pub struct ContactFolders(Option<GlobSet>);

impl ContactFolders {
    /// The folders the globs `folders` name, from the vault's root (a
    /// leading `./` or `/` says the same); a glob naming a folder also
    /// takes everything below it (`People` is `People/**` too).
    pub fn new(folders: &[String]) -> Self {
        let rooted = |glob: &String| glob.trim_start_matches("./").trim_start_matches('/').to_owned();
        let below = folders.iter().map(|glob| format!("{}/**", rooted(glob).trim_end_matches('/')));
        Self((!folders.is_empty()).then(|| glob_set(folders.iter().map(rooted).chain(below))))
    }

    /// Whether the note at `relative` (relative to the vault, `/`
    /// separators) is in one of the folders.
    pub fn holds(&self, relative: &str) -> bool {
        self.holds_candidate(&Candidate::new(relative))
    }

    fn holds_candidate(&self, candidate: &Candidate<'_>) -> bool {
        self.0.as_ref().is_none_or(|folders| folders.is_match_candidate(candidate))
    }
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
    fn contact_folders_leave_other_notes_unread() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        for path in ["People/a.md", "People/team/b.md", "Daily/2026-12-01.md", "c.md", "Peoples/d.md"] {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap_or(root))?;
            std::fs::write(path, "---\n---\n")?;
        }
        let config = |folders: &[&str]| Config {
            contacts: crate::discover::config::Contacts {
                folders: folders.iter().map(|folder| (*folder).to_owned()).collect(),
                ..Default::default()
            },
            ..Config::default()
        };
        assert_eq!(relatives(root, &config(&["People/**"])), ["People/a.md", "People/team/b.md"]);
        assert_eq!(relatives(root, &config(&["People"])), ["People/a.md", "People/team/b.md"], "a folder's name");
        assert_eq!(relatives(root, &config(&["People/*.md", "c.md"])), ["People/a.md", "c.md"]);
        assert_eq!(relatives(root, &config(&["./People/"])), ["People/a.md", "People/team/b.md"], "from the root");
        assert_eq!(relatives(root, &config(&["/People"])), ["People/a.md", "People/team/b.md"], "from the root");
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

    #[test]
    fn files_come_in_path_order_across_folders() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let names =
            ["c.md", "c/x.md", "c/y/z.md", "c0.md", "c-d.md", "b/c.md", "b.md", "c/a.md", "cc/a.md", "c.d/e.md"];
        for name in names {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap_or(dir.path()))?;
            std::fs::write(path, "---\n---\n")?;
        }
        let mut expected: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
        expected.sort();
        assert_eq!(relatives(dir.path(), &Config::default()), expected);
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
