//! Opening a file of the vault for reading, so that nothing in the folder
//! can make nudge block or read elsewhere: a FIFO is never waited on, and a
//! symlink put where the walk saw a file is not followed.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::discover::NoteRef;
use crate::discover::config::human_size;
use crate::model::span::Span;
use crate::problem::Problem;

/// Opens `path` for reading, with its size, when it is a regular file;
/// `Ok(None)` for anything else (a FIFO, a socket, a device, a folder). On
/// Unix the open never blocks (`O_NONBLOCK`) and, unless `follow`, fails
/// on a symlink (`O_NOFOLLOW`).
pub(crate) fn open_regular(path: &Path, follow: bool) -> io::Result<Option<(File, u64)>> {
    regular(open_any(path, follow)?)
}

/// Opens `path` for reading as [`open_regular`] does, whatever it is.
fn open_any(path: &Path, follow: bool) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let no_follow = if follow { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(libc::O_NONBLOCK | no_follow);
    }
    #[cfg(not(unix))]
    let _ = follow;
    options.open(path)
}

/// `file` with its size, when it is a regular file.
fn regular(file: File) -> io::Result<Option<(File, u64)>> {
    Ok(regular_size(&file)?.map(|size| (file, size)))
}

/// The size of `file` when it is a regular file, `None` for anything else.
pub(crate) fn regular_size(file: &File) -> io::Result<Option<u64>> {
    let metadata = file.metadata()?;
    Ok(metadata.is_file().then_some(metadata.len()))
}

/// Opens notes with the flags of [`open_regular`] (never following a
/// symlink), each relative to its folder, which stays open for the notes
/// after it: the system then looks up one name per note, not every folder
/// of its path. Notes read in path order come folder by folder.
#[derive(Debug, Default)]
pub(crate) struct NoteOpener {
    /// The folder last opened (its path's bytes), and its handle.
    #[cfg(unix)]
    open: Option<(Vec<u8>, std::os::fd::OwnedFd)>,
}

impl NoteOpener {
    /// Opens the note `file` for reading, without following a symlink
    /// and without asking what was opened: a system call less for each note
    /// of the walk, which saw a regular file there. [`regular_size`] tells
    /// what it is, when that matters.
    pub(crate) fn open(&mut self, file: NoteRef<'_>) -> io::Result<File> {
        #[cfg(unix)]
        if let Some((handle, name)) = self.folder_of(file) {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
            let note = rustix::fs::openat(handle, name, flags, Mode::empty()).map_err(io::Error::from)?;
            return Ok(File::from(note));
        }
        open_any(&file.path(), false)
    }

    /// What identifies the state of the note `file` without reading it
    /// ([`Stamp`]): its size, times and inode, as `lstat` gives them
    /// (relative to its folder, as [`NoteOpener::open`] opens it); `None` for
    /// anything but a regular file.
    #[cfg(unix)]
    pub(crate) fn stamp(&mut self, file: NoteRef<'_>) -> io::Result<Option<Stamp>> {
        use rustix::fs::AtFlags;
        let stat = match self.folder_of(file) {
            Some((handle, name)) => rustix::fs::statat(handle, name, AtFlags::SYMLINK_NOFOLLOW),
            None => rustix::fs::lstat(file.path()),
        }
        .map_err(io::Error::from)?;
        Ok(Stamp::of(&stat))
    }

    /// Without `lstat`'s times and inodes, no file is known by its stamp.
    #[cfg(not(unix))]
    pub fn stamp(&mut self, _file: NoteRef<'_>) -> io::Result<Option<Stamp>> {
        Err(io::ErrorKind::Unsupported.into())
    }

    /// The handle on the folder of `file`, opened unless it is the one open
    /// already, and the file's name in it; `None` when the folder cannot be
    /// opened (the note is then opened by its path, and any error is the
    /// note's), or `file` has no name. A note below the vault's folder is
    /// cut at the last `/` of its relative path: no path is made for it.
    #[cfg(unix)]
    fn folder_of<'f>(&mut self, file: NoteRef<'f>) -> Option<(&std::os::fd::OwnedFd, &'f std::ffi::OsStr)> {
        use std::os::unix::ffi::OsStrExt;

        use crate::discover::Place;
        let (folder, name): ([&[u8]; 3], &[u8]) = match file.place {
            Place::Below { root, name_at } if !root.as_os_str().is_empty() => {
                let root = root.as_os_str().as_bytes();
                let relative = file.relative.as_bytes();
                match name_at.checked_sub(1) {
                    Some(slash) => ([root, b"/", relative.get(..slash)?], relative.get(name_at..)?),
                    None => ([root, b"", b""], relative),
                }
            }
            Place::Below { .. } => return None,
            Place::At(path) => {
                let (folder, name) = folder_and_name(path)?;
                ([folder, b"", b""], name.as_bytes())
            }
        };
        if matches!(name, b"" | b"." | b"..") {
            return None;
        }
        Some((self.folder(folder)?, std::ffi::OsStr::from_bytes(name)))
    }

    /// A handle on the folder whose path is the bytes of `parts` one after
    /// the other, opened unless it is the one open already.
    #[cfg(unix)]
    fn folder(&mut self, parts: [&[u8]; 3]) -> Option<&std::os::fd::OwnedFd> {
        use std::os::unix::ffi::OsStrExt;

        use rustix::fs::{Mode, OFlags};
        if self.open.as_ref().is_none_or(|(open, _)| !is_joined(open, parts)) {
            let folder = parts.concat();
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let path = if folder.is_empty() { Path::new("/") } else { Path::new(std::ffi::OsStr::from_bytes(&folder)) };
            let handle = rustix::fs::open(path, flags, Mode::empty()).ok()?;
            self.open = Some((folder, handle));
        }
        self.open.as_ref().map(|(_, handle)| handle)
    }
}

/// Whether `whole` is the bytes of `parts` one after the other.
#[cfg(unix)]
fn is_joined(whole: &[u8], [first, second, third]: [&[u8]; 3]) -> bool {
    whole.len() == first.len() + second.len() + third.len()
        && whole.starts_with(first)
        && whole.ends_with(third)
        && whole.get(first.len()..first.len() + second.len()) == Some(second)
}

/// A regular file's state as the system keeps it: what the parse cache
/// (docs/src/performance.md, "Warm runs") keys a note by. Any write to
/// the file changes its change time (`ctime`, which no program can set
/// back), a rename in its place its inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Stamp {
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, in nanoseconds since 1970.
    pub modified: i64,
    /// Its change time (contents or metadata), in nanoseconds since 1970.
    pub changed: i64,
    /// Its inode number.
    pub inode: u64,
}

impl Stamp {
    /// The stamp of an open file (`fstat`): `None` for anything but a
    /// regular file, or where files have no stamp.
    pub(crate) fn of_open(file: &File) -> Option<Self> {
        #[cfg(unix)]
        return Self::of(&rustix::fs::fstat(file).ok()?);
        #[cfg(not(unix))]
        {
            let _ = file;
            None
        }
    }

    /// The stamp `stat` gives, for a regular file.
    #[cfg(unix)]
    fn of(stat: &rustix::fs::Stat) -> Option<Self> {
        if rustix::fs::FileType::from_raw_mode(stat.st_mode) != rustix::fs::FileType::RegularFile {
            return None;
        }
        let nanoseconds = |seconds: i64, nanos: i64| seconds.saturating_mul(1_000_000_000).saturating_add(nanos);
        Some(Self {
            size: u64::try_from(stat.st_size).unwrap_or(0),
            modified: nanoseconds(stat.st_mtime, i64::try_from(stat.st_mtime_nsec).unwrap_or(0)),
            changed: nanoseconds(stat.st_ctime, i64::try_from(stat.st_ctime_nsec).unwrap_or(0)),
            inode: stat.st_ino,
        })
    }
}

/// `path` cut at its last `/`: its folder's bytes and its name. A cheap
/// `parent` and `file_name` for the paths the walk makes; `None` for a
/// path without a folder, or one that ends in `/`, `.` or `..`.
#[cfg(unix)]
fn folder_and_name(path: &Path) -> Option<(&[u8], &std::ffi::OsStr)> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    let cut = bytes.iter().rposition(|&byte| byte == b'/')?;
    let (folder, name) = (bytes.get(..cut)?, bytes.get(cut + 1..)?);
    if matches!(name, b"" | b"." | b"..") {
        return None;
    }
    Some((folder, std::ffi::OsStr::from_bytes(name)))
}

/// Reads a text file nudge needs besides the notes (`nudge.yaml`, a
/// template, the agenda), named `shown` in problems; `Ok(None)` when there
/// is none. It may be a symlink, but not a FIFO (never waited on) or a
/// device, nor larger than `max_size`, and it must be UTF-8.
pub(crate) fn read_text(path: &Path, shown: &str, max_size: u64) -> Result<Option<String>, Problem> {
    let problem = |message: String| Problem::error(shown, Span::START, message);
    let cannot = |error: io::Error| problem(format!("cannot read this file: {error}; check its permissions"));
    let (handle, size) = match open_regular(path, true) {
        Ok(Some(opened)) => opened,
        Ok(None) => return Err(problem(format!("not a regular file: make {shown} a text file"))),
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(cannot(error)),
    };
    if size > max_size {
        let message = format!("the file is {}, more than the {} it may have", human_size(size), human_size(max_size));
        return Err(problem(message));
    }
    let mut bytes = Vec::new();
    handle.take(max_size).read_to_end(&mut bytes).map_err(cannot)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(error) => Err(crate::discover::read::utf8(shown, error.as_bytes())
            .err()
            .unwrap_or_else(|| problem(error.to_string()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::Place;

    /// The note at `path`.
    fn at(path: &Path) -> NoteRef<'_> {
        NoteRef { relative: "", place: Place::At(path) }
    }

    #[test]
    fn a_folder_is_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "abc").unwrap();
        assert_eq!(open_regular(&dir.path().join("a.md"), false).unwrap().map(|(_, size)| size), Some(3));
        assert!(open_regular(dir.path(), false).map_or(true, |file| file.is_none()));
    }

    #[test]
    fn text_files_are_limited_and_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.md");
        assert_eq!(read_text(&path, "agenda.md", 10), Ok(None));
        std::fs::write(&path, "0123456789").unwrap();
        assert_eq!(read_text(&path, "agenda.md", 10), Ok(Some("0123456789".to_owned())));
        assert_eq!(
            read_text(&path, "agenda.md", 9).unwrap_err().to_string(),
            "agenda.md:1:1: error: the file is 10 bytes, more than the 9 bytes it may have"
        );
        std::fs::write(&path, b"ok\nRen\xe9e").unwrap();
        assert_eq!(
            read_text(&path, "agenda.md", 10).unwrap_err().to_string(),
            "agenda.md:2:4: error: the file is not valid UTF-8 (the first bad byte is here): save it as UTF-8"
        );
        assert_eq!(
            read_text(dir.path(), "templates", 10).unwrap_err().to_string(),
            "templates:1:1: error: not a regular file: make templates a text file"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_not_waited_on_and_a_symlink_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        assert!(open_regular(&fifo, false).unwrap().is_none(), "no writer, yet no wait");
        std::fs::write(dir.path().join("real.md"), "abc").unwrap();
        std::os::unix::fs::symlink(dir.path().join("real.md"), dir.path().join("link.md")).unwrap();
        assert!(open_regular(&dir.path().join("link.md"), false).is_err());
        assert!(open_regular(&dir.path().join("link.md"), true).unwrap().is_some());
        let mut opener = NoteOpener::default();
        let mut size = |path: &Path| opener.open(at(path)).and_then(|file| regular_size(&file));
        assert!(size(&fifo).unwrap().is_none(), "no writer, yet no wait");
        assert!(size(&dir.path().join("link.md")).is_err(), "a symlink is not followed");
        assert!(size(dir.path()).unwrap().is_none(), "a folder is not a note");
    }

    #[test]
    fn notes_are_opened_folder_by_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let notes = ["a.md", "sub/b.md", "sub/c.md", "d.md"].map(|name| dir.path().join(name));
        for (index, note) in notes.iter().enumerate() {
            std::fs::write(note, "x".repeat(index + 1)).unwrap();
        }
        let mut opener = NoteOpener::default();
        let sizes: Vec<Option<u64>> =
            notes.iter().map(|note| regular_size(&opener.open(at(note)).unwrap()).unwrap()).collect();
        assert_eq!(sizes, [Some(1), Some(2), Some(3), Some(4)]);
        let missing = opener.open(at(&dir.path().join("gone/e.md"))).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound, "a folder that cannot be opened: the note's error");
        assert_eq!(opener.open(at(&dir.path().join("e.md"))).unwrap_err().kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn notes_below_the_vault_are_opened_by_their_relative_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("sub/deeper")).unwrap();
        let names = ["a.md", "sub/b.md", "sub/c.md", "sub/deeper/d.md", "e.md"];
        for (index, name) in names.iter().enumerate() {
            std::fs::write(dir.path().join(name), "x".repeat(index + 1)).unwrap();
        }
        let mut opener = NoteOpener::default();
        let below = |relative: &'static str| {
            let name_at = relative.rfind('/').map_or(0, |slash| slash + 1);
            NoteRef { relative, place: Place::Below { root: dir.path(), name_at } }
        };
        let sizes: Vec<Option<u64>> =
            names.iter().map(|name| regular_size(&opener.open(below(name)).unwrap()).unwrap()).collect();
        assert_eq!(sizes, [Some(1), Some(2), Some(3), Some(4), Some(5)]);
        #[cfg(unix)]
        {
            let stamps: Vec<Option<u64>> =
                names.iter().map(|name| opener.stamp(below(name)).unwrap().map(|stamp| stamp.size)).collect();
            assert_eq!(stamps, sizes);
        }
        let missing = opener.open(below("gone/e.md")).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound, "a folder that cannot be opened: the note's error");
        assert_eq!(opener.open(below("f.md")).unwrap_err().kind(), io::ErrorKind::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn paths_are_cut_into_folder_and_name() {
        fn cut(path: &str) -> Option<(&[u8], &[u8])> {
            folder_and_name(Path::new(path)).map(|(folder, name)| (folder, name.as_encoded_bytes()))
        }
        assert_eq!(cut("/v/people/a b.md"), Some((&b"/v/people"[..], &b"a b.md"[..])));
        assert_eq!(cut("/a.md"), Some((&b""[..], &b"a.md"[..])), "the root folder: an empty folder path");
        assert_eq!((cut("a.md"), cut("v/"), cut("v/.."), cut("v/.")), (None, None, None, None));
    }
}
