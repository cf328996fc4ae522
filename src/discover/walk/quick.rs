//! The walk of a vault that no ignore file can reach, without the `ignore`
//! crate's walker: each folder read with `getdents` into a buffer (nothing
//! allocated for a file), the relative paths made by appending each name
//! to its folder's, the folders read on rayon's threads. It gives up, and
//! the `ignore` crate walks, at the first sign that rules could apply (a
//! `.ignore`, `.gitignore`, `.git` or `.jj` in the vault or in a folder
//! above it), and at anything unusual (a folder that cannot be read, an
//! entry of unknown type): where it answers, it answers as that walker
//! does (`the_quick_walk_finds_what_the_ignore_walker_finds`).

use std::cell::Cell;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use rustix::fs::{FileType, Mode, OFlags, RawDir};

use super::{Rules, Walk};

/// The names that give the walk to the `ignore` crate: its ignore files,
/// and the folders of a repository (a `.gitignore` counts inside one).
const RULED: [&[u8]; 4] = [b".ignore", b".gitignore", b".git", b".jj"];

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
}

/// The files and problems of the walk (not sorted), or `None` when the
/// `ignore` crate's walker must walk.
pub(super) fn walk(rules: &Rules<'_>) -> Option<Walk> {
    if rules
        .canonical_root
        .ancestors()
        .skip(1)
        .any(|folder| RULED.iter().any(|name| rustix::fs::lstat(folder.join(OsStr::from_bytes(name))).is_ok()))
    {
        return None;
    }
    let found = Mutex::new(Walk::default());
    let given_up = AtomicBool::new(false);
    let vault = Folder { path: rules.root.to_path_buf(), relative: String::new(), exact: false };
    // The vault's folder here, before any thread starts: in a repository
    // the walk gives up at once, at its `.git`.
    let folders = read(rules, &vault, true, &found)?;
    rayon::scope(|scope| {
        for folder in folders {
            spawn(scope, rules, folder, &found, &given_up);
        }
    });
    if given_up.load(Ordering::Relaxed) {
        return None;
    }
    Some(found.into_inner().unwrap_or_else(PoisonError::into_inner))
}

/// Reads `folder` on one of rayon's threads, and each folder in it.
fn spawn<'s, 'r: 's>(
    scope: &rayon::Scope<'s>,
    rules: &'s Rules<'r>,
    folder: Folder,
    found: &'s Mutex<Walk>,
    given_up: &'s AtomicBool,
) {
    scope.spawn(move |scope| {
        if given_up.load(Ordering::Relaxed) {
            return;
        }
        match read(rules, &folder, false, found) {
            Some(folders) => {
                for folder in folders {
                    spawn(scope, rules, folder, found, given_up);
                }
            }
            None => given_up.store(true, Ordering::Relaxed),
        }
    });
}

/// Reads one folder (following it when it is a symlink only when
/// `follow`): its note files and symlink problems added to `found`, the
/// folders in it given back; `None` when the walk must give up.
fn read(rules: &Rules<'_>, folder: &Folder, follow: bool, found: &Mutex<Walk>) -> Option<Vec<Folder>> {
    let mut flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
    if !follow {
        flags |= OFlags::NOFOLLOW;
    }
    let handle = rustix::fs::open(&folder.path, flags, Mode::empty()).ok()?;
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
            if RULED.contains(&name) {
                return None;
            }
            // Hidden (and `.`, `..`).
            continue;
        }
        let kind = entry.file_type();
        if kind == FileType::Unknown {
            return None;
        }
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
            FileType::Directory => folders.push(Folder { path: path(), relative: relative.clone(), exact }),
            FileType::RegularFile if rules.paths.holds(&relative) => {
                batch.files.push_named(&relative, prefix, exact.then(path));
            }
            FileType::Symlink => {
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
