//! The file walk: every note file of the vault, in path order, filtered by
//! the config's globs (`include`, `exclude`, `contacts.folders`) and by the
//! vault's ignore files (`.ignore`, and git's `.gitignore`,
//! `.git/info/exclude` and global excludes unless `respect_gitignore` is
//! off: docs/src/configuration.md). Hidden files and folders, the agenda,
//! anything that is not a regular file, and symlinks are never read as
//! contacts.
//!
//! The walk is nudge's own ([`quick`]: each folder listed with `getdents`,
//! on rayon's threads, git's ignore files asked through the `ignore`
//! crate's own matchers) where no `.ignore` can apply and no ignore file
//! holds a negated pattern; else it is the `ignore` crate's parallel walker
//! (the one ripgrep uses). Either reads each
//! folder on one of the threads as soon as its parent has been read; the
//! files are sorted once at the end, and kept as their relative paths in
//! one text ([`NoteFiles`]).

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use globset::{Candidate, GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};
use rayon::iter::{IndexedParallelIterator, IntoParallelRefIterator, ParallelIterator};
use rayon::slice::ParallelSliceMut;

use crate::discover::Config;
use crate::model::owner::is_agenda_of_pattern;
use crate::model::span::Span;
use crate::problem::Problem;

#[cfg(target_os = "linux")]
mod quick;

/// A file to read as a possible contact, owned: one named on the command
/// line. The walk's files are [`NoteFiles`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct NoteFile {
    /// Relative to the vault, with `/` separators.
    pub relative: String,
    /// The path to open.
    pub path: PathBuf,
}

impl NoteFile {
    /// The file, borrowed.
    pub(crate) fn borrowed(&self) -> NoteRef<'_> {
        NoteRef { relative: &self.relative, place: Place::At(&self.path) }
    }
}

/// A file to read as a possible contact, borrowed from the walk's list
/// ([`NoteFiles`]) or from a [`NoteFile`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NoteRef<'a> {
    /// Relative to the vault, with `/` separators.
    pub relative: &'a str,
    /// Where it is.
    pub place: Place<'a>,
}

/// Where a [`NoteRef`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place<'a> {
    /// Below the vault's folder `root`, by its relative path, whose file
    /// name starts at `name_at` (0: in the vault's folder itself).
    Below {
        /// The vault's folder.
        root: &'a Path,
        /// Where the file's name starts in its relative path.
        name_at: usize,
    },
    /// At this path (its relative path is no path: a name that is not
    /// UTF-8, shown with `�`).
    At(&'a Path),
}

impl NoteRef<'_> {
    /// The path to open.
    pub(crate) fn path(&self) -> PathBuf {
        match self.place {
            Place::Below { root, .. } => root.join(self.relative),
            Place::At(path) => path.to_path_buf(),
        }
    }

    /// The file, owned.
    pub(crate) fn owned(&self) -> NoteFile {
        NoteFile { relative: self.relative.to_owned(), path: self.path() }
    }
}

/// The note files the walk found, sorted by relative path. Their relative
/// paths are kept in one text, not a string and a path for each: the walk
/// allocates nothing of its own for a file, and reading a note frees
/// nothing (docs/src/performance.md, "The walk and the reading").
#[derive(Debug, Default)]
pub(crate) struct NoteFiles {
    /// The vault's folder.
    root: PathBuf,
    /// The relative paths, one after the other.
    names: String,
    /// Each file's relative path in `names`, in order.
    files: Vec<Name>,
    /// The paths of the files whose relative path is no path (see
    /// [`Place::At`]).
    exact: Vec<PathBuf>,
}

/// Where a file's relative path is in [`NoteFiles::names`], and where its
/// file name starts in it; `exact`, when not 0, is one past its place in
/// [`NoteFiles::exact`].
#[derive(Debug, Clone, Copy)]
struct Name {
    start: usize,
    length: u32,
    name_at: u32,
    exact: u32,
}

impl NoteFiles {
    /// How many files there are.
    fn len(&self) -> usize {
        self.files.len()
    }

    /// The files, in order.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = NoteRef<'_>> {
        self.files.iter().map(|name| self.file(*name))
    }

    /// The files, in order, for rayon.
    pub(crate) fn par_iter(&self) -> impl IndexedParallelIterator<Item = NoteRef<'_>> {
        self.files.par_iter().map(|name| self.file(*name))
    }

    /// The file of `name`.
    fn file(&self, name: Name) -> NoteRef<'_> {
        let relative = self.names.get(name.start..name.start + name.length as usize).unwrap_or_default();
        let place = match name.exact.checked_sub(1).and_then(|at| self.exact.get(at as usize)) {
            Some(path) => Place::At(path),
            None => Place::Below { root: &self.root, name_at: name.name_at as usize },
        };
        NoteRef { relative, place }
    }

    /// Adds a file: its relative path, and its path when the relative one
    /// is no path.
    fn push(&mut self, relative: &str, exact: Option<PathBuf>) {
        let name_at = relative.as_bytes().iter().rposition(|&byte| byte == b'/').map_or(0, |slash| slash + 1);
        self.push_named(relative, name_at, exact);
    }

    /// [`NoteFiles::push`], the file's name starting at `name_at` in `relative`.
    fn push_named(&mut self, relative: &str, name_at: usize, exact: Option<PathBuf>) {
        let exact = match exact {
            Some(path) => {
                self.exact.push(path);
                u32::try_from(self.exact.len()).unwrap_or(0)
            }
            None => 0,
        };
        let length = u32::try_from(relative.len()).unwrap_or(0);
        let name_at = u32::try_from(name_at).unwrap_or(0);
        self.files.push(Name { start: self.names.len(), length, name_at, exact });
        self.names.push_str(relative);
    }

    /// The files `relatives` below `root`, in that order.
    #[cfg(test)]
    pub(crate) fn below(root: &Path, relatives: &[&str]) -> Self {
        let mut files = Self { root: root.to_path_buf(), ..Self::default() };
        for relative in relatives {
            files.push(relative, None);
        }
        files
    }

    /// Moves the files of `other` to the end of these.
    fn append(&mut self, other: &mut Self) {
        let (start, exact) = (self.names.len(), self.exact.len() as u32);
        self.names.push_str(&other.names);
        self.exact.append(&mut other.exact);
        let moved = other.files.drain(..).map(|name| Name {
            start: name.start + start,
            exact: if name.exact == 0 { 0 } else { name.exact + exact },
            ..name
        });
        self.files.extend(moved);
        other.names.clear();
    }

    /// Sorts the files by relative path (then path, for names shown alike).
    fn sort(&mut self) {
        let mut files = std::mem::take(&mut self.files);
        let names = self.names.as_bytes();
        let text = |name: &Name| names.get(name.start..name.start + name.length as usize).unwrap_or_default();
        files.par_sort_unstable_by(|a, b| {
            text(a).cmp(text(b)).then_with(|| self.file(*a).path().cmp(&self.file(*b).path()))
        });
        self.files = files;
    }
}

/// The files found, and what could not be walked.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    /// The note files, sorted by relative path.
    pub files: NoteFiles,
    /// Folders that could not be read, symlinks leading outside the vault.
    pub problems: Vec<Problem>,
}

/// Lists the note files of the vault at `root`, on as many threads as
/// rayon's pool has (`RAYON_NUM_THREADS`).
pub(crate) fn walk(root: &Path, config: &Config) -> Walk {
    let rules = Rules {
        root,
        paths: NotePaths::new(config),
        canonical_root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
    };
    #[cfg(target_os = "linux")]
    let quick = quick::walk(&rules, config.respect_gitignore);
    #[cfg(not(target_os = "linux"))]
    let quick = None;
    let mut found = quick.unwrap_or_else(|| ignore_walk(&rules, config.respect_gitignore));
    found.files.root = root.to_path_buf();
    found.files.sort();
    found.problems.sort();
    found
}

/// The files and problems of the `ignore` crate's walk (not sorted), with
/// git's rules unless not `git`.
fn ignore_walk(rules: &Rules<'_>, git: bool) -> Walk {
    let mut builder = WalkBuilder::new(rules.root);
    builder
        .standard_filters(false)
        .hidden(true)
        .ignore(true)
        .parents(true)
        .git_ignore(git)
        .git_exclude(git)
        .git_global(git)
        // A `.gitignore` counts inside a git repository only, as for git.
        .require_git(true)
        .follow_links(false)
        .threads(pool_size());
    let found = Mutex::new(Walk::default());
    builder.build_parallel().visit(&mut Collectors { rules, found: &found });
    found.into_inner().unwrap_or_else(PoisonError::into_inner)
}

/// How many threads rayon's pool has or will have: `RAYON_NUM_THREADS`
/// when it is a number above 0, else one a core, as rayon decides. Not
/// `rayon::current_num_threads()`: that starts the pool, and its threads
/// would take glibc's first arenas (each thread allocates from the arena
/// it first allocated in). Started after the walk, they take over the
/// walk's arenas instead, whose threads are gone, and the 100,000 names
/// the walk allocated there and the reading frees are memory they use
/// again: at 100,000 notes, about 3,000 fewer pages touched
/// (docs/src/performance.md, "memory touched").
fn pool_size() -> usize {
    let asked = std::env::var("RAYON_NUM_THREADS").ok().and_then(|text| text.parse::<usize>().ok());
    asked.filter(|&threads| threads > 0).unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// Which files of the vault are notes by the config: the `include`,
/// `exclude` and `contacts.folders` globs, the agenda and the owners'
/// agendas left out. (`.gitignore` and hidden files are the walk's.)
#[derive(Debug)]
pub(crate) struct NotePaths {
    include: Globs,
    exclude: Globs,
    folders: ContactFolders,
    agenda: String,
    /// `agenda_per_owner`: the owners' agendas are not read either.
    agenda_per_owner: Option<String>,
}

impl NotePaths {
    /// The rules of `config`.
    pub(crate) fn new(config: &Config) -> Self {
        Self {
            include: Globs::new(&config.include),
            exclude: Globs::new(&config.exclude),
            folders: ContactFolders::new(&config.contacts.folders),
            agenda: config.agenda.clone(),
            agenda_per_owner: config.agenda_per_owner.clone(),
        }
    }

    /// Whether the file at `relative` (to the vault) is read as a note.
    pub(crate) fn holds(&self, relative: &str) -> bool {
        if relative == self.agenda
            || self.agenda_per_owner.as_deref().is_some_and(|pattern| is_agenda_of_pattern(pattern, relative))
        {
            return false;
        }
        // Made once, for the first set that needs it (none, for the usual globs).
        let mut candidate = None;
        self.include.hold(relative, &mut candidate)
            && (self.exclude.is_empty() || !self.exclude.hold(relative, &mut candidate))
            && self.folders.0.as_ref().is_none_or(|folders| folders.hold(relative, &mut candidate))
    }
}

/// What the walk keeps and what it reports.
struct Rules<'a> {
    root: &'a Path,
    paths: NotePaths,
    canonical_root: PathBuf,
}

impl Rules<'_> {
    /// Sorts out one entry below the root: a note file is kept in `found`, a
    /// symlink may be reported there. (Folders are descended by the walker.)
    /// The place to take a file's metadata (`entry.metadata()`, `entry.ino()`).
    fn entry(&self, entry: DirEntry, found: &mut Walk) {
        let Some(kind) = entry.file_type() else {
            return;
        };
        if kind.is_dir() {
            return;
        }
        let relative = relative_to(self.root, entry.path());
        let note_like = self.paths.holds(&relative);
        if kind.is_symlink() {
            found.problems.extend(self.symlink_problem(entry.path(), &relative, note_like));
        } else if note_like && kind.is_file() {
            match relative {
                // The walker's path is freed here, on the thread that made it.
                Cow::Borrowed(relative) => found.files.push(relative, None),
                Cow::Owned(relative) => found.files.push(&relative, Some(entry.into_path())),
            }
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

/// Makes one [`Collector`] for each thread of the walk.
struct Collectors<'a> {
    rules: &'a Rules<'a>,
    found: &'a Mutex<Walk>,
}

impl<'a> ParallelVisitorBuilder<'a> for Collectors<'a> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 'a> {
        Box::new(Collector { rules: self.rules, found: self.found, batch: Walk::default() })
    }
}

/// How many files a thread of the walk gathers before it adds them to the
/// list of all.
const BATCH: usize = 256;

/// What one thread of the walk found, added to `found` a [`BATCH`] at a
/// time: the threads fill one list, grown in place, not lists of their
/// own copied into one at the end (at 100,000 notes that copy was 4.8 MB
/// of memory touched, docs/src/performance.md, "memory touched").
struct Collector<'a> {
    rules: &'a Rules<'a>,
    found: &'a Mutex<Walk>,
    batch: Walk,
}

impl Collector<'_> {
    /// Adds the batch to the list of all.
    fn hand_over(&mut self) {
        let mut found = self.found.lock().unwrap_or_else(PoisonError::into_inner);
        found.files.append(&mut self.batch.files);
        found.problems.append(&mut self.batch.problems);
    }
}

impl ParallelVisitor for Collector<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        match entry {
            Ok(entry) if entry.depth() > 0 => self.rules.entry(entry, &mut self.batch),
            Ok(_) => {}
            Err(error) => self.batch.problems.extend(self.rules.cannot_read(&error)),
        }
        if self.batch.files.len() >= BATCH {
            self.hand_over();
        }
        WalkState::Continue
    }
}

impl Drop for Collector<'_> {
    fn drop(&mut self) {
        self.hand_over();
    }
}

impl Rules<'_> {
    /// The problem of a folder (or the vault) that could not be read. An
    /// ignore file that cannot be read or holds an invalid line is passed
    /// over, as git passes over it (docs/src/decisions.md).
    fn cannot_read(&self, error: &ignore::Error) -> Option<Problem> {
        let (mut error, mut path, mut walked) = (error, None, false);
        let io = loop {
            match error {
                // The walker gives a depth to the errors of folders only.
                ignore::Error::WithDepth { err, .. } => (error, walked) = (err, true),
                ignore::Error::WithPath { path: at, err } => (error, path) = (err, path.or(Some(at))),
                ignore::Error::Io(io) => break io,
                _ => return None,
            }
        };
        let path = path.filter(|_| walked)?;
        let message = format!("cannot read this folder: {}; check its permissions", io.kind());
        Some(Problem::error(&relative_to(self.root, path), Span::START, message))
    }
}

/// Whether resolving a path failed because symlinks lead in a circle.
fn is_loop(error: &std::io::Error) -> bool {
    #[cfg(unix)]
    return error.raw_os_error() == Some(libc::ELOOP);
    #[cfg(not(unix))]
    return false;
}

/// `path`, found by the walk below `root`, relative to `root` with `/`
/// separators: the end of `path` itself, when it is UTF-8 with `/`
/// separators. The walker makes each path by joining a name to its
/// folder's, so the vault's path is a prefix of the bytes: cut, not compared
/// component by component (`Path::strip_prefix` cost 2% of the agenda's
/// instructions at 100,000 notes).
fn relative_to<'p>(root: &Path, path: &'p Path) -> Cow<'p, str> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let Some(rest) = bytes.strip_prefix(root.as_os_str().as_encoded_bytes()) else {
        return Cow::Owned(relative(root, path));
    };
    let rest = rest.strip_prefix(std::path::MAIN_SEPARATOR_STR.as_bytes()).unwrap_or(rest);
    let relative = match std::str::from_utf8(rest) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(rest),
    };
    if std::path::MAIN_SEPARATOR == '/' {
        relative
    } else {
        Cow::Owned(relative.replace(std::path::MAIN_SEPARATOR, "/"))
    }
}

/// `path` relative to `root`, with `/` separators.
pub(crate) fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> =
        relative.components().map(|part| part.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
}

/// A set of globs matched against relative paths; `*` stops at `/`. The
/// globs were validated with the config. The forms nearly every config
/// uses (`**/*.md`, `templates/**`, a path) are compared as bytes, as
/// globset's own strategies for them compare (a [`Candidate`] and a
/// [`GlobSet`] cost 700 instructions a file, docs/src/performance.md);
/// one glob of any other form makes the whole set a [`GlobSet`].
#[derive(Debug)]
enum Globs {
    /// Every glob of one of the [`Plain`] forms.
    Plain(Vec<Plain>),
    /// Any globs.
    Set(GlobSet),
}

/// A glob of a form matched by comparing bytes.
#[derive(Debug, PartialEq, Eq)]
enum Plain {
    /// `**/*.md`: the file name ends in the extension (kept with its dot),
    /// whatever folder it is in.
    Extension(String),
    /// `templates/**`: the path starts with the folder and a `/`.
    Below(String),
    /// A glob without any glob character: that path.
    Exactly(String),
}

impl Plain {
    /// The form of `glob`, when it has one of them.
    fn of(glob: &str) -> Option<Self> {
        let plain = |text: &str| !text.contains(['*', '?', '[', ']', '{', '}', '\\']);
        if let Some(extension) = glob.strip_prefix("**/*.") {
            let bare = !extension.is_empty() && plain(extension) && !extension.contains(['.', '/']);
            return bare.then(|| Self::Extension(format!(".{extension}")));
        }
        if let Some(folder) = glob.strip_suffix("/**") {
            return plain(folder).then(|| Self::Below(format!("{folder}/")));
        }
        (!glob.is_empty() && plain(glob)).then(|| Self::Exactly(glob.to_owned()))
    }

    /// Whether the glob matches `relative`.
    fn holds(&self, relative: &str) -> bool {
        match self {
            Self::Extension(extension) => relative.ends_with(extension.as_str()),
            Self::Below(folder) => relative.starts_with(folder.as_str()),
            Self::Exactly(path) => relative == path,
        }
    }
}

impl Globs {
    /// The set of `globs`.
    fn new<S: AsRef<str>>(globs: impl IntoIterator<Item = S> + Clone) -> Self {
        let plain: Option<Vec<Plain>> = globs.clone().into_iter().map(|glob| Plain::of(glob.as_ref())).collect();
        match plain {
            Some(plain) => Self::Plain(plain),
            None => Self::Set(glob_set(globs)),
        }
    }

    /// Whether no glob is in the set.
    fn is_empty(&self) -> bool {
        match self {
            Self::Plain(plain) => plain.is_empty(),
            Self::Set(set) => set.is_empty(),
        }
    }

    /// Whether a glob of the set matches `relative`; `candidate` is
    /// `relative` made ready for a [`GlobSet`], made here when it is not yet.
    fn hold<'r>(&self, relative: &'r str, candidate: &mut Option<Candidate<'r>>) -> bool {
        match self {
            Self::Plain(plain) => plain.iter().any(|glob| glob.holds(relative)),
            Self::Set(set) => set.is_match_candidate(candidate.get_or_insert_with(|| Candidate::new(relative))),
        }
    }
}

/// The globs as a [`GlobSet`]; one that does not build is left out.
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
pub(crate) struct ContactFolders(Option<Globs>);

impl ContactFolders {
    /// The folders the globs `folders` name, from the vault's root (a
    /// leading `./` or `/` says the same); a glob naming a folder also
    /// takes everything below it (`People` is `People/**` too).
    pub(crate) fn new(folders: &[String]) -> Self {
        let rooted = |glob: &String| glob.trim_start_matches("./").trim_start_matches('/').to_owned();
        let below = folders.iter().map(move |glob| format!("{}/**", rooted(glob).trim_end_matches('/')));
        Self((!folders.is_empty()).then(|| Globs::new(folders.iter().map(rooted).chain(below))))
    }

    /// Whether the note at `relative` (relative to the vault, `/`
    /// separators) is in one of the folders.
    pub(crate) fn holds(&self, relative: &str) -> bool {
        self.0.as_ref().is_none_or(|folders| folders.hold(relative, &mut None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relatives(root: &Path, config: &Config) -> Vec<String> {
        walk(root, config).files.iter().map(|file| file.relative.to_owned()).collect()
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
    fn plain_globs_match_as_globset_does() {
        let globs = [
            "**/*.md",
            "**/*.MD",
            "**/*.txt",
            "**/*.m",
            "**/*.",
            "**/*.md.bak",
            "**/*.m?",
            "**/*.{md,txt}",
            "templates/**",
            "a/b/**",
            "/**",
            "a//**",
            "a/**",
            "People",
            "People/",
            "a/b.md",
            ".md",
            "a.md/**",
            "*.md",
            "**",
            "a/*/**",
            "a\\b",
            "café/**",
            "**/*.é",
        ];
        let paths = [
            "",
            "/",
            "a",
            "a.md",
            "a.MD",
            ".md",
            "a/.md",
            "a/b.md",
            "a/b/c.md",
            "a/b",
            "a/b/",
            "a//b.md",
            "a.md/",
            "a.md/b",
            "x.m",
            "x.",
            "b.md.bak",
            "templates",
            "templates/",
            "templates/x.md",
            "templatesx/y.md",
            "a\nb/c.md",
            "templates/a\nb.md",
            "People",
            "People/a.md",
            "Peoples/a.md",
            "/a.md",
            "/x/y.md",
            "café/a.md",
            "a.é",
            "a/b.md\n",
            "\n.md",
        ];
        let mut plain_forms = 0;
        for glob in globs {
            let set = glob_set([glob]);
            let Some(plain) = Plain::of(glob) else { continue };
            plain_forms += 1;
            for path in paths {
                assert_eq!(plain.holds(path), set.is_match(path), "{glob:?} on {path:?}");
            }
        }
        assert_eq!(plain_forms, 16, "the globs of a plain form");
    }

    #[test]
    fn the_usual_globs_are_matched_without_globset() {
        let plain = |globs: &[&str]| matches!(Globs::new(globs), Globs::Plain(_));
        assert!(matches!(Globs::new(&Config::default().include), Globs::Plain(_)), "the default `**/*.md`");
        assert!(plain(&[]) && plain(&["templates/**", "archive/**", "README.md"]));
        assert!(matches!(&ContactFolders::new(&["People".to_owned()]).0, Some(Globs::Plain(_))));
        assert!(!plain(&["templates/**", "*.md"]), "one glob of another form: a glob set");
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_is_shown_with_a_replacement_and_read_at_its_path() -> std::io::Result<()> {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir(root.join("sub"))?;
        std::fs::write(root.join("sub").join(std::ffi::OsStr::from_bytes(b"caf\xe9.md")), "---\nname: A\n---\n")?;
        std::fs::write(root.join("sub/b.md"), "---\nname: B\n---\n")?;
        let found = walk(root, &Config::default());
        let files: Vec<(&str, Vec<u8>)> = found
            .files
            .iter()
            .map(|file| (file.relative, crate::discover::read::read_note_bytes(file, 1000).ok().flatten().unwrap()))
            .collect();
        assert_eq!(
            files,
            [("sub/b.md", b"---\nname: B\n---\n".to_vec()), ("sub/caf\u{FFFD}.md", b"---\nname: A\n---\n".to_vec())]
        );
        Ok(())
    }

    /// An empty vault, and a folder outside it that holds `secret.md`.
    #[cfg(unix)]
    fn vault_and_outside() -> std::io::Result<(tempfile::TempDir, tempfile::TempDir)> {
        let outside = tempfile::tempdir()?;
        std::fs::write(outside.path().join("secret.md"), "---\n---\n")?;
        Ok((tempfile::tempdir()?, outside))
    }

    /// The files (relative path and path) and problems of `walk`, sorted.
    #[cfg(target_os = "linux")]
    fn listed(mut walk: Walk, root: &Path) -> (Vec<(String, PathBuf)>, Vec<String>) {
        walk.files.root = root.to_path_buf();
        walk.files.sort();
        walk.problems.sort();
        let files = walk.files.iter().map(|file| (file.relative.to_owned(), file.path())).collect();
        (files, walk.problems.iter().map(ToString::to_string).collect())
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_quick_walk_finds_what_the_ignore_walker_finds() -> std::io::Result<()> {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let (dir, outside) = vault_and_outside()?;
        let root = dir.path();
        let files = [
            "a.md",
            "b.txt",
            "agenda.md",
            "People/c.md",
            "People/team/d.md",
            "People/.hidden.md",
            ".obsidian/e.md",
            "templates/t.md",
            "deep/1/2/3/4/f.md",
            "x.md/g.md",
            "People/notes.MD",
        ];
        for path in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap_or(root))?;
            std::fs::write(path, "---\n---\n")?;
        }
        std::fs::write(root.join("People").join(OsStr::from_bytes(b"caf\xe9.md")), "---\n---\n")?;
        std::fs::create_dir(root.join(OsStr::from_bytes(b"Caf\xe9")))?;
        std::fs::write(root.join(OsStr::from_bytes(b"Caf\xe9/h.md")), "---\n---\n")?;
        std::os::unix::fs::symlink(root.join("a.md"), root.join("People/alias.md"))?;
        std::os::unix::fs::symlink(outside.path().join("secret.md"), root.join("leak.md"))?;
        std::os::unix::fs::symlink(outside.path(), root.join("People/elsewhere"))?;
        std::os::unix::fs::symlink(root, root.join("loop"))?;
        std::os::unix::fs::symlink(root.join("gone.md"), root.join("dangling.md"))?;
        let made = std::process::Command::new("mkfifo").arg(root.join("pipe.md")).status()?;
        assert!(made.success());
        let folders = |folders: &[&str]| crate::discover::config::Contacts {
            folders: folders.iter().map(|folder| (*folder).to_owned()).collect(),
            ..Default::default()
        };
        let configs = [
            Config::default(),
            Config { exclude: vec!["templates/**".to_owned()], ..Config::default() },
            Config { include: vec!["**/*.md".to_owned(), "*.txt".to_owned()], ..Config::default() },
            Config { contacts: folders(&["People"]), ..Config::default() },
        ];
        for config in configs {
            let rules = Rules { root, paths: NotePaths::new(&config), canonical_root: root.canonicalize()? };
            let Some(quick) = quick::walk(&rules, true) else { panic!("no ignore file: the quick walk answers") };
            let (quick, ignore) = (listed(quick, root), listed(ignore_walk(&rules, true), root));
            assert!(quick.0.len() >= 2 && !quick.1.is_empty(), "{quick:?}");
            assert_eq!(quick, ignore, "{:?} {:?} {:?}", config.include, config.exclude, config.contacts.folders);
        }
        Ok(())
    }

    /// The quick walk of the vault at `root` (relative to the current
    /// folder when not absolute) with git's rules when `git`, and the
    /// `ignore` crate's: the quick one `None` when it gives up.
    #[cfg(target_os = "linux")]
    #[allow(clippy::type_complexity)]
    fn both_walks(
        root: &Path,
        git: bool,
    ) -> std::io::Result<(Option<(Vec<(String, PathBuf)>, Vec<String>)>, (Vec<(String, PathBuf)>, Vec<String>))> {
        let rules = Rules { root, paths: NotePaths::new(&Config::default()), canonical_root: root.canonicalize()? };
        let quick = quick::walk(&rules, git).map(|walk| listed(walk, root));
        Ok((quick, listed(ignore_walk(&rules, git), root)))
    }

    /// Writes each `(path, text)` below `root`.
    fn write_files(root: &Path, files: &[(&str, &str)]) -> std::io::Result<()> {
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap_or(root))?;
            std::fs::write(path, text)?;
        }
        Ok(())
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_quick_walk_gives_up_where_ignore_rules_could_apply() -> std::io::Result<()> {
        let gives_up = |files: &[(&str, &str)], git: bool| -> std::io::Result<bool> {
            let dir = tempfile::tempdir()?;
            write_files(dir.path(), &[("vault/sub/a.md", "---\n---\n"), ("vault/b.md", "---\n---\n")])?;
            write_files(dir.path(), files)?;
            let (quick, ignore) = both_walks(&dir.path().join("vault"), git)?;
            assert!(quick.as_ref().is_none_or(|quick| *quick == ignore), "{files:?}");
            Ok(quick.is_none())
        };
        for name in [".ignore", ".jj/x"] {
            for place in ["vault/sub", "vault", "."] {
                let file = format!("{place}/{name}");
                assert!(gives_up(&[(&file, "")], true)? && gives_up(&[(&file, "")], false)?, "{file}");
            }
        }
        // A repository inside the vault: its rules apply below it.
        assert!(gives_up(&[("vault/sub/.git/HEAD", "")], true)?);
        assert!(!gives_up(&[("vault/sub/.git/HEAD", "")], false)?, "git's rules off");
        // A worktree's `.git` file, which names the repository elsewhere.
        assert!(gives_up(&[("vault/.git", "gitdir: /elsewhere\n")], true)?);
        for place in ["vault/sub/.gitignore", "vault/.gitignore", ".gitignore", ".git/info/exclude"] {
            let negated = [(".git/HEAD", ""), (place, "*.md\n!a.md\n")];
            assert!(gives_up(&negated, true)?, "a negated pattern in {place}");
            assert!(!gives_up(&negated, false)?, "git's rules off: {place}");
            assert!(!gives_up(&[(".git/HEAD", ""), (place, "*.md\n\\!a.md\n")], true)?, "an escaped `!` in {place}");
        }
        assert!(!gives_up(&[("vault/.gitignore", "!a.md\n")], true)?, "a `.gitignore` outside a repository");
        Ok(())
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_quick_walk_applies_git_rules() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let files = [
            ("repo/.git/info/exclude", "# comment\nexcluded.md\n"),
            ("repo/.gitignore", "/vault/top.md\nshared/\n"),
            ("repo/vault/.gitignore", ".obsidian/workspace.json\n.trash/\n/agenda.md\nAlex*.md\n"),
            ("repo/vault/People/.gitignore", "private/\n"),
            ("repo/vault/a.md", ""),
            ("repo/vault/top.md", ""),
            ("repo/vault/excluded.md", ""),
            ("repo/vault/Alex Bennett.md", ""),
            ("repo/vault/People/Alex Rivera.md", ""),
            ("repo/vault/People/b.md", ""),
            ("repo/vault/People/private/c.md", ""),
            ("repo/vault/private/d.md", ""),
            ("repo/vault/shared/e.md", ""),
        ];
        write_files(dir.path(), &files)?;
        let root = dir.path().join("repo/vault");
        let (quick, ignore) = both_walks(&root, true)?;
        let found: Vec<&str> =
            quick.iter().flat_map(|(files, _)| files).map(|(relative, _)| relative.as_str()).collect();
        assert_eq!(found, ["People/b.md", "a.md", "private/d.md"]);
        assert_eq!(quick, Some(ignore));
        let (quick, ignore) = both_walks(&root, false)?;
        assert_eq!(quick.as_ref().map(|(files, _)| files.len()), Some(9), "respect_gitignore: false");
        assert_eq!(quick, Some(ignore));
        Ok(())
    }

    /// A pattern for a `.gitignore`, of every form git reads.
    #[cfg(target_os = "linux")]
    fn gitignore_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = prop::sample::select(vec![
            "a.md",
            "*.md",
            "b.txt",
            "People",
            "team",
            "deep",
            "Archive",
            "2024",
            "old.md",
            "notes",
            "sub",
            "x.md",
            "g.md",
            "c.md",
            "d.md",
            "[cd].md",
            "[!c].md",
            "?.md",
            "sp ace.md",
            "\\#hash.md",
            "tmp.tmp",
            "*.tmp",
            "alias.md",
            "vault",
            "*",
            "P*",
            "**",
            "e.md",
            "f.md",
            "link",
            "\\[br].md",
            "[br].md",
        ]);
        let pair = (word.clone(), word.clone());
        prop_oneof![
            word.clone().prop_map(str::to_owned),
            word.clone().prop_map(|w| format!("/{w}")),
            word.clone().prop_map(|w| format!("{w}/")),
            word.clone().prop_map(|w| format!("/{w}/")),
            word.clone().prop_map(|w| format!("**/{w}")),
            word.clone().prop_map(|w| format!("{w}/**")),
            word.clone().prop_map(|w| format!("{w}   ")),
            word.clone().prop_map(|w| format!("{w}\\ ")),
            word.clone().prop_map(|w| format!("# {w}")),
            pair.clone().prop_map(|(a, b)| format!("{a}/{b}")),
            pair.clone().prop_map(|(a, b)| format!("/{a}/{b}")),
            pair.clone().prop_map(|(a, b)| format!("{a}/**/{b}")),
            pair.prop_map(|(a, b)| format!("vault/{a}/{b}")),
            Just(String::new()),
            Just("#hash.md".to_owned()),
        ]
    }

    /// Where the differential proptest pins git's global excludes file, in
    /// the process it runs in.
    #[cfg(target_os = "linux")]
    const GLOBAL_EXCLUDES: &str = "NUDGE_TEST_GLOBAL_EXCLUDES";

    #[cfg(target_os = "linux")]
    #[test]
    fn git_rules_leave_out_what_the_ignore_walker_leaves_out() -> std::io::Result<()> {
        use proptest::prelude::*;
        // Git's global excludes file is found from the environment: this
        // test runs again in a process of its own, whose environment pins
        // it (a file written for each case) and whose current folder (the
        // global file's root) holds the vaults.
        let Some(global) = std::env::var_os(GLOBAL_EXCLUDES).map(PathBuf::from) else {
            let dir = tempfile::tempdir()?;
            let (config, global) = (dir.path().join("gitconfig"), dir.path().join("global-ignore"));
            std::fs::write(&config, format!("[core]\n\texcludesFile = {}\n", global.display()))?;
            let output = std::process::Command::new(std::env::current_exe()?)
                .args(["--exact", "discover::walk::tests::git_rules_leave_out_what_the_ignore_walker_leaves_out"])
                .args(["--nocapture", "--test-threads=1"])
                .env("GIT_CONFIG_GLOBAL", &config)
                .env(GLOBAL_EXCLUDES, &global)
                .current_dir(dir.path())
                .output()?;
            let said = String::from_utf8_lossy(&output.stdout);
            assert!(output.status.success(), "{said}{}", String::from_utf8_lossy(&output.stderr));
            assert!(said.contains("1 passed"), "{said}");
            return Ok(());
        };
        let places = ["repo", "repo/vault", "repo/vault/People", "repo/vault/People/team", "repo/vault/Archive"];
        let ignore_files = proptest::collection::vec(proptest::collection::vec(gitignore_line(), 0..4), places.len());
        let exclude = proptest::collection::vec(gitignore_line(), 0..3);
        let global_lines = proptest::collection::vec(gitignore_line(), 0..3);
        // Where the repository is: above the vault, the vault, nowhere.
        let repository = prop::sample::select(vec!["repo", "repo/vault", ""]);
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(160));
        let (case, left_out) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
        let strategy = (ignore_files, exclude, global_lines, repository, any::<bool>(), any::<bool>());
        let outcome = runner.run(&strategy, |(ignore_files, exclude, global_lines, repository, git, relative)| {
            case.set(case.get() + 1);
            let base = PathBuf::from(format!("case-{}", case.get()));
            let vault = base.join("repo/vault");
            let notes = [
                "a.md",
                "b.txt",
                "x.md/g.md",
                "People/c.md",
                "People/team/d.md",
                "People/team/deep/e.md",
                "Archive/2024/f.md",
                "Archive/old.md",
                "notes/a.md",
                "notes/sub/b.md",
                "sp ace.md",
                "#hash.md",
                "[br].md",
                "tmp.tmp",
                "People/tmp.tmp",
                "vault/a.md",
            ];
            for note in notes {
                write_files(&vault, &[(note, "---\n---\n")])?;
            }
            std::os::unix::fs::symlink(vault.join("a.md").canonicalize()?, vault.join("People/alias.md"))?;
            std::os::unix::fs::symlink("/nowhere/link", vault.join("link"))?;
            for (place, lines) in places.iter().zip(&ignore_files) {
                write_files(&base, &[(&format!("{place}/.gitignore"), &lines.join("\n"))])?;
            }
            if !repository.is_empty() {
                write_files(&base, &[(&format!("{repository}/.git/info/exclude"), &exclude.join("\n"))])?;
            }
            std::fs::write(&global, global_lines.join("\n"))?;
            let root = if relative { vault.clone() } else { std::env::current_dir()?.join(&vault) };
            let (quick, ignore) = both_walks(&root, git)?;
            let quick = quick.ok_or_else(|| TestCaseError::fail("the quick walk gave up"))?;
            prop_assert_eq!(
                &quick,
                &ignore,
                "{:?} {:?} {:?} {} {}",
                ignore_files,
                exclude,
                global_lines,
                repository,
                git
            );
            left_out.set(left_out.get() + usize::from(ignore.0.len() < 13));
            Ok(())
        });
        if let Err(error) = outcome {
            panic!("{error}");
        }
        assert!(left_out.get() > 25, "the rules left files out in {} cases only", left_out.get());
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
        let expected = ["d/a-b.md".to_owned(), expected_deep];
        assert_eq!(relatives(dir.path(), &Config::default()), expected);
        assert_eq!(
            relatives(&dir.path().join(""), &Config::default()),
            expected,
            "the vault given with a `/` after it"
        );
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

    #[test]
    fn git_ignored_files_are_left_out_inside_a_repository_only() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        let files = [
            (".gitignore", "/ignored.md\nprivate/\n"),
            ("sub/.gitignore", "draft.md\n"),
            (".ignore", "scratch/\n"),
            ("a.md", ""),
            ("ignored.md", ""),
            ("excluded.md", ""),
            ("draft.md", ""),
            ("sub/draft.md", ""),
            ("sub/ignored.md", ""),
            ("private/b.md", ""),
            ("scratch/c.md", ""),
        ];
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap_or(root))?;
            std::fs::write(path, text)?;
        }
        let outside_git =
            ["a.md", "draft.md", "excluded.md", "ignored.md", "private/b.md", "sub/draft.md", "sub/ignored.md"];
        assert_eq!(relatives(root, &Config::default()), outside_git, "only .ignore outside a repository");
        std::fs::create_dir_all(root.join(".git/info"))?;
        std::fs::write(root.join(".git/info/exclude"), "excluded.md\n")?;
        assert_eq!(relatives(root, &Config::default()), ["a.md", "draft.md", "sub/ignored.md"]);
        let config = Config { respect_gitignore: false, ..Config::default() };
        assert_eq!(relatives(root, &config), outside_git, "respect_gitignore: false");
        Ok(())
    }

    #[test]
    fn a_folder_that_cannot_be_read_is_an_error_and_a_bad_ignore_file_is_passed_over() {
        let root = Path::new("/vault");
        let rules = Rules { root, paths: NotePaths::new(&Config::default()), canonical_root: root.to_path_buf() };
        let denied = || Box::new(ignore::Error::Io(std::io::ErrorKind::PermissionDenied.into()));
        let at = |path: &str, err| Box::new(ignore::Error::WithPath { path: PathBuf::from(path), err });
        let folder = ignore::Error::WithDepth { depth: 1, err: at("/vault/People/private", denied()) };
        let problem = rules.cannot_read(&folder).map(|problem| problem.to_string());
        let expected = "People/private:1:1: error: cannot read this folder: permission denied; check its permissions";
        assert_eq!(problem.as_deref(), Some(expected));
        assert_eq!(rules.cannot_read(&at("/.gitignore", denied())).map(|problem| problem.to_string()), None);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_not_followed_and_outside_ones_are_reported() -> std::io::Result<()> {
        let (dir, outside) = vault_and_outside()?;
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
        let files: Vec<&str> = found.files.iter().map(|file| file.relative).collect();
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
