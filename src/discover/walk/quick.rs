//! The walk of a vault without the `ignore` crate's walker: each folder
//! read with `getdents` into a buffer (nothing allocated for a file), the
//! relative paths made by appending each name to its folder's, the folders
//! read on rayon's threads. Inside a git repository it asks git's ignore
//! rules as that walker does ([`GitRules`]). It gives up, and the `ignore`
//! crate walks, at a `.ignore` or `.jj` in the vault or in a folder above
//! it, at a repository inside the vault, at an ignore file holding a
//! negated (`!`) pattern, and at anything unusual (a folder that cannot be
//! read, an entry of unknown type): where it answers, it answers as that
//! walker does (`the_quick_walk_finds_what_the_ignore_walker_finds`,
//! `git_rules_leave_out_what_the_ignore_walker_leaves_out`).

use std::cell::Cell;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, RawDir};

use super::{Rules, Walk};

/// The names that give the walk to the `ignore` crate wherever they are:
/// its own ignore files, and jj's repositories.
const RULED: [&[u8]; 2] = [b".ignore", b".jj"];

/// How much of a folder one `getdents` reads at most.
const LISTING: usize = 32 * 1024;

thread_local! {
    /// What a thread keeps between the folders it reads: the buffer a
    /// folder is listed into, and the lists its files are gathered in
    /// before they join the walk's (emptied, not freed, so they grow only
    /// for the first folders).
    static SPARE: Cell<Option<(Vec<u8>, Walk)>> = const { Cell::new(None) };
}

/// A folder to read.
struct Folder {
    /// Its path: the vault's, then each name.
    path: PathBuf,
    /// Relative to the vault, with `/` separators; empty for the vault.
    relative: String,
    /// Whether `relative` is no path (a name on the way is not UTF-8):
    /// its files keep their paths.
    exact: bool,
    /// Its canonical path and the rules of the folders above it, inside a
    /// git repository whose rules count.
    git: Option<GitFolder>,
}

/// What git's rules need of a folder.
struct GitFolder {
    /// The vault's canonical path, then each name: what the `ignore`
    /// crate matches the rules of the folders above the vault against.
    canonical: PathBuf,
    /// The rules that apply in the folder's parent.
    above: Option<Arc<Layer>>,
}

/// One ignore file's rules, and those that apply with them.
struct Layer {
    /// A `.gitignore`, or `.git/info/exclude`. Its root is `.`: it is
    /// given each entry's path relative to its folder, the path the
    /// `ignore` crate matches after cutting the folder's path off the
    /// entry's (a matcher rooted at a folder compares its root with `.`
    /// component by component first, about 400 instructions a match).
    rules: Gitignore,
    /// The length of its folder's canonical path and a `/`: an entry's
    /// canonical path from there is its path relative to the folder.
    skip: usize,
    /// The next one up.
    above: Option<Arc<Layer>>,
}

/// Git's ignore rules in a repository, as the `ignore` crate's walker
/// applies them (`require_git`, `parents`, `git_ignore`, `git_exclude`,
/// `git_global`): each `.gitignore` of the entry's folder and of the
/// folders above it up to the repository's root, the repository's
/// `.git/info/exclude`, and git's global excludes file; none outside a
/// repository. With no negated pattern in any of them, an entry is left
/// out when any of them matches it (which one takes precedence does not
/// matter), each matched with the entry's path relative to its folder as
/// that walker matches it (`Gitignore::matched`, the entry itself: an
/// ignored folder is not descended).
struct GitRules {
    /// The `.gitignore` files above the vault up to the repository's
    /// root, and its `info/exclude` (in no order that matters).
    above: Option<Arc<Layer>>,
    /// Git's global excludes file, when it has rules: matched, as the
    /// walker does, with the path the walker makes (the vault's path as
    /// given, then each name) against the current folder.
    global: Option<Gitignore>,
}

/// The files and problems of the walk (not sorted), or `None` when the
/// `ignore` crate's walker must walk. `git`: git's ignore rules count
/// (`respect_gitignore`).
pub(super) fn walk(rules: &Rules<'_>, git: bool) -> Option<Walk> {
    if rules
        .canonical_root
        .ancestors()
        .skip(1)
        .any(|folder| RULED.iter().any(|name| rustix::fs::lstat(folder.join(OsStr::from_bytes(name))).is_ok()))
    {
        return None;
    }
    let repository = if git { GitRules::new(rules).ok()? } else { None };
    let found = Mutex::new(Walk::default());
    let given_up = AtomicBool::new(false);
    let vault = Folder {
        path: rules.root.to_path_buf(),
        relative: String::new(),
        exact: false,
        git: repository
            .as_ref()
            .map(|repository| GitFolder { canonical: rules.canonical_root.clone(), above: repository.above.clone() }),
    };
    let walker = Walker { rules, git, repository: repository.as_ref() };
    // The vault's folder here, before any thread starts: a `.ignore` there
    // gives the walk up at once.
    let folders = walker.read(&vault, true, &found)?;
    rayon::scope(|scope| {
        for folder in folders {
            walker.spawn(scope, folder, &found, &given_up);
        }
    });
    if given_up.load(Ordering::Relaxed) {
        return None;
    }
    Some(found.into_inner().unwrap_or_else(PoisonError::into_inner))
}

impl GitRules {
    /// The rules of the repository the vault is in (its `.git` a folder
    /// at or above the vault), `None` outside any; the walk gives up at a
    /// `.git` that is not a folder and at a negated pattern.
    fn new(rules: &Rules<'_>) -> Result<Option<Self>, GiveUp> {
        let mut ignore_files = Vec::new();
        let mut repository = None;
        for folder in rules.canonical_root.ancestors() {
            // The vault's own `.gitignore` is read with its folder.
            if folder != rules.canonical_root {
                ignore_files.push((folder, folder.join(".gitignore")));
            }
            match std::fs::symlink_metadata(folder.join(".git")) {
                Ok(git) if git.is_dir() => {
                    repository = Some(folder);
                    break;
                }
                // A worktree's or a submodule's `.git` file.
                Ok(_) => return Err(GiveUp),
                Err(_) => {}
            }
        }
        let Some(repository) = repository else {
            return Ok(None);
        };
        ignore_files.push((repository, repository.join(".git/info/exclude")));
        let mut above = None;
        for (folder, file) in ignore_files.into_iter().rev() {
            above = layer(folder, &file, above)?;
        }
        let (global, _) = Gitignore::global();
        if global.num_whitelists() > 0 {
            return Err(GiveUp);
        }
        Ok(Some(Self { above, global: (!global.is_empty()).then_some(global) }))
    }

    /// Whether the rules leave out the entry `name` (a folder when
    /// `is_dir`) of the folder `folder`, whose canonical path and a `/`
    /// are `canonical` (a buffer: `name` is added and taken off again,
    /// without `PathBuf::pop`'s look at the components).
    fn ignores(
        &self,
        folder: &Folder,
        above: Option<&Layer>,
        canonical: &mut Vec<u8>,
        name: &[u8],
        is_dir: bool,
    ) -> bool {
        let mut layer = above;
        let mut ignored = false;
        if layer.is_some() {
            let length = canonical.len();
            canonical.extend_from_slice(name);
            while let Some(rules) = layer {
                let relative = canonical.get(rules.skip..).unwrap_or(canonical);
                if rules.rules.matched(Path::new(OsStr::from_bytes(relative)), is_dir).is_ignore() {
                    ignored = true;
                    break;
                }
                layer = rules.above.as_deref();
            }
            canonical.truncate(length);
        }
        ignored
            || self
                .global
                .as_ref()
                .is_some_and(|global| global.matched(folder.path.join(OsStr::from_bytes(name)), is_dir).is_ignore())
    }
}

/// The rules of the ignore file `file` (which may not be there) of the
/// folder `folder` on top of `above`; the walk gives up at a negated
/// pattern. A file that cannot be read, or a line that is no pattern, is
/// passed over, as the `ignore` crate passes it over.
fn layer(folder: &Path, file: &Path, above: Option<Arc<Layer>>) -> Result<Option<Arc<Layer>>, GiveUp> {
    let mut builder = GitignoreBuilder::new(".");
    if file.exists() {
        let _ = builder.add(file);
    }
    let rules = builder.build().unwrap_or_else(|_| Gitignore::empty());
    if rules.num_whitelists() > 0 {
        return Err(GiveUp);
    }
    let folder = folder.as_os_str().as_bytes();
    let skip = folder.len() + usize::from(folder.last() != Some(&b'/'));
    Ok(if rules.is_empty() { above } else { Some(Arc::new(Layer { rules, skip, above })) })
}

/// The walk must give up: the `ignore` crate's walker walks.
struct GiveUp;

/// What every folder's reading needs.
#[derive(Clone, Copy)]
struct Walker<'a> {
    rules: &'a Rules<'a>,
    /// Git's ignore rules count (`respect_gitignore`).
    git: bool,
    /// The rules of the repository the vault is in, when they count.
    repository: Option<&'a GitRules>,
}

impl<'a> Walker<'a> {
    /// Reads `folder` on one of rayon's threads, and each folder in it.
    fn spawn<'s>(self, scope: &rayon::Scope<'s>, folder: Folder, found: &'s Mutex<Walk>, given_up: &'s AtomicBool)
    where
        'a: 's,
    {
        scope.spawn(move |scope| {
            if given_up.load(Ordering::Relaxed) {
                return;
            }
            match self.read(&folder, false, found) {
                Some(folders) => {
                    for folder in folders {
                        self.spawn(scope, folder, found, given_up);
                    }
                }
                None => given_up.store(true, Ordering::Relaxed),
            }
        });
    }

    /// Reads one folder (the vault when `vault`, followed when it is a
    /// symlink): its note files and symlink problems added to `found`, the
    /// folders in it given back; `None` when the walk must give up.
    fn read(self, folder: &Folder, vault: bool, found: &Mutex<Walk>) -> Option<Vec<Folder>> {
        let rules = self.rules;
        let mut flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        if !vault {
            flags |= OFlags::NOFOLLOW;
        }
        let handle = rustix::fs::open(&folder.path, flags, Mode::empty()).ok()?;
        // The rules that apply here: the folder's own `.gitignore` (if it
        // resolves to something, as the `ignore` crate asks) on those above.
        let mut in_git = match (self.repository, &folder.git) {
            (Some(git), Some(at)) => {
                let above = match rustix::fs::statat(&handle, ".gitignore", AtFlags::empty()) {
                    Ok(_) => layer(&at.canonical, &folder.path.join(".gitignore"), at.above.clone()).ok()?,
                    Err(_) => at.above.clone(),
                };
                let mut canonical = at.canonical.as_os_str().as_bytes().to_vec();
                if canonical.last() != Some(&b'/') {
                    canonical.push(b'/');
                }
                Some((git, above, canonical))
            }
            _ => None,
        };
        let (mut listing, mut batch) = SPARE.take().unwrap_or_else(|| (Vec::with_capacity(LISTING), Walk::default()));
        let mut entries = RawDir::new(&handle, listing.spare_capacity_mut());
        let mut folders = Vec::new();
        let mut relative = folder.relative.clone();
        if !relative.is_empty() {
            relative.push('/');
        }
        let prefix = relative.len();
        while let Some(entry) = entries.next() {
            let entry = entry.ok()?;
            let name = entry.file_name().to_bytes();
            if name.first() == Some(&b'.') {
                // A repository inside the vault: its rules would apply below.
                if RULED.contains(&name) || (name == b".git" && self.git && !vault) {
                    return None;
                }
                // Hidden (and `.`, `..`, the ignore files read above).
                continue;
            }
            let kind = entry.file_type();
            if kind == FileType::Unknown {
                return None;
            }
            let mut ignored = |is_dir| {
                in_git.as_mut().is_some_and(|(git, above, canonical)| {
                    git.ignores(folder, above.as_deref(), canonical, name, is_dir)
                })
            };
            relative.truncate(prefix);
            let exact = match std::str::from_utf8(name) {
                Ok(text) => {
                    relative.push_str(text);
                    folder.exact
                }
                Err(_) => {
                    relative.push_str(&String::from_utf8_lossy(name));
                    true
                }
            };
            let path = || folder.path.join(OsStr::from_bytes(name));
            match kind {
                FileType::Directory if !ignored(true) => {
                    let git = in_git.as_ref().map(|(_, above, canonical)| GitFolder {
                        canonical: PathBuf::from(OsStr::from_bytes(&[canonical, name].concat())),
                        above: above.clone(),
                    });
                    folders.push(Folder { path: path(), relative: relative.clone(), exact, git });
                }
                FileType::RegularFile if rules.paths.holds(&relative) && !ignored(false) => {
                    batch.files.push_named(&relative, prefix, exact.then(path));
                }
                FileType::Symlink if !ignored(false) => {
                    batch.problems.extend(rules.symlink_problem(&path(), &relative, rules.paths.holds(&relative)));
                }
                _ => {}
            }
        }
        let mut found = found.lock().unwrap_or_else(PoisonError::into_inner);
        found.files.append(&mut batch.files);
        found.problems.append(&mut batch.problems);
        drop(found);
        SPARE.set(Some((listing, batch)));
        Some(folders)
    }
}
