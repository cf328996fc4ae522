//! Atomic writes that happen only when the content changes, so a git diff
//! shows real changes only and editors are not told a file changed.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// What [`write_if_changed`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    /// The file already held exactly this content: nothing was touched.
    Unchanged,
    /// The file was created or replaced.
    Changed,
}

/// Writes `content` to `path` atomically, unless the file already holds
/// exactly that. The content comes in pieces, written one after the other
/// (a large agenda is printed in parts on all cores and never joined). The new file keeps the old one's permissions. On any
/// failure the old file is left as it was and no temporary file remains.
/// A device or a pipe at `path`, or a symlink to one (`/dev/null`,
/// `/dev/stdout`, a FIFO), is written to, never replaced. Anything else that
/// is not a regular file (a folder, a symlink to a file or a folder) is
/// refused, neither followed nor replaced: it is the user's, and a link may
/// lead out of the vault.
pub(crate) fn write_if_changed(path: &Path, content: &(impl Content + ?Sized)) -> Result<Written, Error> {
    let io = |source| Error::Io { action: "write", path: path.to_path_buf(), source };
    if is_stream(path) {
        let mut stream = std::fs::OpenOptions::new().write(true).open(path).map_err(io)?;
        write_pieces(&mut stream, content).and_then(|()| stream.flush()).map_err(io)?;
        return Ok(Written::Changed);
    }
    let existing = std::fs::symlink_metadata(path).ok();
    refuse_unless_file(path, existing.as_ref())?;
    if existing.is_some() && std::fs::read(path).is_ok_and(|old| holds(&old, content)) {
        return Ok(Written::Unchanged);
    }
    let kept = existing.filter(std::fs::Metadata::is_file).map(|metadata| metadata.permissions());
    let temporary = temporary(path, content, kept).map_err(io)?;
    temporary.persist(path).map_err(|error| io(plain(error.error)))?;
    Ok(Written::Changed)
}

/// Whether `path` is a device or a pipe, or a symlink to one (`/dev/null`,
/// `/dev/stdout`, a FIFO): [`write_if_changed`] writes to it in one pass,
/// as the content comes, never reading it nor replacing it.
pub(crate) fn is_stream(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|target| !target.is_file() && !target.is_dir())
}

/// Replaces `path` with a new file that `fill` writes: a temporary file in
/// the same folder, renamed over `path` once `fill` is done (readers see the
/// old file or the new one, never a part). Unlike [`write_if_changed`] it is
/// not flushed to disk first, nor compared with the old content: for a
/// file nudge can always make again (the parse cache), where a crash may
/// lose the new file but never leave a part of one. On any failure `path`
/// is left as it was and no temporary file remains.
pub(crate) fn replace_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let folder = path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new().prefix(".nudge-").suffix(".tmp").tempfile_in(folder)?;
    fill(temporary.as_file_mut())?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// What a file is written with: bytes in memory, in pieces written one
/// after the other (a large agenda is printed in parts on all cores and
/// never joined), or read from another file a part at a time (the agenda
/// kept in the parse cache's folder).
pub(crate) trait Content {
    /// Its length in bytes.
    fn length(&self) -> u64;

    /// Gives its bytes to `take`, in order, a part at a time, while `take`
    /// returns `true`; whether every part was given.
    fn each_part(&self, take: &mut dyn FnMut(&[u8]) -> std::io::Result<bool>) -> std::io::Result<bool>;
}

impl<P: AsRef<[u8]>> Content for [P] {
    fn length(&self) -> u64 {
        self.iter().map(|piece| piece.as_ref().len() as u64).sum()
    }

    fn each_part(&self, take: &mut dyn FnMut(&[u8]) -> std::io::Result<bool>) -> std::io::Result<bool> {
        for piece in self {
            if !take(piece.as_ref())? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

impl<P: AsRef<[u8]>, const N: usize> Content for [P; N] {
    fn length(&self) -> u64 {
        self.as_slice().length()
    }

    fn each_part(&self, take: &mut dyn FnMut(&[u8]) -> std::io::Result<bool>) -> std::io::Result<bool> {
        self.as_slice().each_part(take)
    }
}

impl<P: AsRef<[u8]>> Content for Vec<P> {
    fn length(&self) -> u64 {
        self.as_slice().length()
    }

    fn each_part(&self, take: &mut dyn FnMut(&[u8]) -> std::io::Result<bool>) -> std::io::Result<bool> {
        self.as_slice().each_part(take)
    }
}

/// Writes `content` to `out`.
pub(crate) fn write_pieces(out: &mut impl Write, content: &(impl Content + ?Sized)) -> std::io::Result<()> {
    content.each_part(&mut |part| out.write_all(part).map(|()| true)).map(drop)
}

/// Whether `old` holds exactly `content`; `false` when it cannot be read.
fn holds(old: &[u8], content: &(impl Content + ?Sized)) -> bool {
    let mut rest = old;
    let whole = content.each_part(&mut |part| Ok(rest.strip_prefix(part).map(|after| rest = after).is_some()));
    whole.is_ok_and(|whole| whole && rest.is_empty())
}

/// Creates `path` with `content` atomically, never replacing anything: an
/// existing file (or symlink) at `path` is an error of kind `AlreadyExists`,
/// and leaves no temporary file. The file gets the permissions of any new
/// file (the umask decides).
pub(crate) fn write_new(path: &Path, content: &[u8]) -> Result<(), Error> {
    let io = |source| Error::Io { action: "create", path: path.to_path_buf(), source };
    let temporary = temporary(path, &[content], None).map_err(io)?;
    temporary.persist_noclobber(path).map_err(|error| io(plain(error.error)))?;
    Ok(())
}

/// Creates each file of `files` (its path and content) as [`write_new`]
/// does, atomically and never over anything, with one flush to disk for
/// all of them instead of one each (10,000 flushes take a minute on a busy
/// disk): every content goes to a temporary file beside its path, then
/// Linux's `syncfs` writes them all to disk at once (elsewhere each is
/// flushed as it is written), then each is renamed into place and its
/// folder flushed. A file's content is on disk before its name is, so a
/// crash leaves each file whole or not there. `created(i)` is called once
/// the `i`th file is in place. Stops at the first failure: the files
/// created before it stay, and no temporary file remains.
pub(crate) fn write_new_all(files: &[(&Path, &[u8])], mut created: impl FnMut(usize)) -> Result<(), Error> {
    let io = |path: &Path, source| Error::Io { action: "create", path: path.to_path_buf(), source };
    let mut temporaries = Vec::with_capacity(files.len());
    for &(path, content) in files {
        let temporary = unsynced(path, content).map_err(|source| io(path, source))?;
        // Closed: a file descriptor each would run out at a few thousand.
        temporaries.push(temporary.into_temp_path());
    }
    let folders: std::collections::BTreeSet<&Path> = files.iter().filter_map(|(path, _)| path.parent()).collect();
    #[cfg(target_os = "linux")]
    for folder in &folders {
        // Once per folder: folders may be on different file systems.
        let handle = std::fs::File::open(folder).map_err(|source| io(folder, source))?;
        rustix::fs::syncfs(&handle).map_err(|errno| io(folder, std::io::Error::from(errno)))?;
    }
    for (index, (temporary, &(path, _))) in temporaries.into_iter().zip(files).enumerate() {
        temporary.persist_noclobber(path).map_err(|error| io(path, plain(error.error)))?;
        created(index);
    }
    for folder in folders {
        // The renames on disk; a system that cannot flush a folder has none to flush.
        let _ = std::fs::File::open(folder).and_then(|handle| handle.sync_all());
    }
    Ok(())
}

/// A temporary file beside `path` holding `content`, with the permissions
/// of a new file; flushed to disk only where [`write_new_all`] has no
/// `syncfs` to do it for all.
fn unsynced(path: &Path, content: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let mut temporary = builder(path)?;
    temporary.write_all(content).map_err(plain)?;
    #[cfg(not(target_os = "linux"))]
    temporary.as_file().sync_all()?;
    Ok(temporary)
}

/// A temporary file beside `path` holding `content`, flushed to disk, with
/// `permissions` (else those of a new file).
fn temporary(
    path: &Path,
    content: &(impl Content + ?Sized),
    permissions: Option<std::fs::Permissions>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let mut temporary = if permissions.is_some() { builder_with(path, false)? } else { builder(path)? };
    write_pieces(&mut temporary, content).map_err(plain)?;
    if let Some(permissions) = permissions {
        temporary.as_file().set_permissions(permissions)?;
    }
    temporary.as_file().sync_all()?;
    Ok(temporary)
}

/// An empty temporary file beside `path` (`.nudge-….tmp`), with the
/// permissions of any new file (the umask decides).
fn builder(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    builder_with(path, true)
}

/// [`builder`]; `as_new`: with a new file's permissions, else tempfile's
/// own (private), to be set after.
fn builder_with(path: &Path, as_new: bool) -> std::io::Result<tempfile::NamedTempFile> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nudge-").suffix(".tmp");
    #[cfg(unix)]
    if as_new {
        use std::os::unix::fs::PermissionsExt;
        // Like any new file: the umask takes its bits off.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = as_new;
    builder.tempfile_in(folder).map_err(plain)
}

/// The system's error without the ` at path ".nudge-….tmp"` tempfile adds
/// (the user never sees that file, and it is gone). tempfile keeps the
/// system's error only in its message: `... (os error 27) at path ...`.
fn plain(error: std::io::Error) -> std::io::Error {
    if error.raw_os_error().is_some() {
        return error;
    }
    let text = error.to_string();
    let code =
        text.split_once("(os error ").and_then(|(_, rest)| rest.split_once(')')).and_then(|(n, _)| n.parse().ok());
    code.map_or(error, std::io::Error::from_raw_os_error)
}

/// An error when something other than a regular file is at `path`
/// (`existing` is its [`std::fs::symlink_metadata`]): it is refused,
/// neither followed nor replaced.
pub(crate) fn refuse_unless_file(path: &Path, existing: Option<&std::fs::Metadata>) -> Result<(), Error> {
    let Some(kind) = existing.map(std::fs::Metadata::file_type).filter(|kind| !kind.is_file()) else {
        return Ok(());
    };
    let what = if kind.is_symlink() {
        "a symlink"
    } else if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file (a FIFO, a socket or a device)"
    };
    Err(Error::NotRegularFile { path: path.to_path_buf(), kind: what })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn many_new_files_are_created_whole_and_never_over_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (dir.path().join("a.md"), dir.path().join("b.md"), dir.path().join("c.md"));
        let mut created = Vec::new();
        write_new_all(&[(&a, b"one"), (&b, b"two")], |index| created.push(index)).unwrap();
        assert_eq!(created, [0, 1]);
        assert_eq!((std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap()), (b"one".to_vec(), b"two".to_vec()));
        // b.md is there: c.md is created before it, b.md is not replaced.
        let mut created = Vec::new();
        let error = write_new_all(&[(&c, b"three"), (&b, b"new")], |index| created.push(index)).unwrap_err();
        assert!(error.to_string().contains("b.md"), "{error}");
        assert_eq!(created, [0]);
        assert_eq!(std::fs::read(&b).unwrap(), b"two");
        assert_eq!(leftovers(dir.path()), ["a.md", "b.md", "c.md"]);
    }

    #[test]
    fn writes_then_leaves_an_unchanged_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.md");
        assert_eq!(write_if_changed(&path, &[b"one"]).unwrap(), Written::Changed);
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(write_if_changed(&path, &[b"one"]).unwrap(), Written::Unchanged);
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), modified);
        assert_eq!(write_if_changed(&path, &[b"two"]).unwrap(), Written::Changed);
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(leftovers(dir.path()), ["agenda.md"]);
    }

    #[test]
    fn content_in_pieces_is_compared_and_written_as_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.md");
        assert_eq!(write_if_changed(&path, &["# Agenda\n", "", "- [ ] call\n"]).unwrap(), Written::Changed);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# Agenda\n- [ ] call\n");
        assert_eq!(write_if_changed(&path, &["# Agenda\n- [ ] call\n"]).unwrap(), Written::Unchanged);
        assert_eq!(write_if_changed(&path, &["# Age", "nda\n- [ ] ca", "ll\n"]).unwrap(), Written::Unchanged);
        // The same start, then more or less.
        assert_eq!(write_if_changed(&path, &["# Agenda\n", "- [ ] call\n", "x"]).unwrap(), Written::Changed);
        assert_eq!(write_if_changed(&path, &["# Agenda\n", "- [ ] call\n"]).unwrap(), Written::Changed);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# Agenda\n- [ ] call\n");
        assert_eq!(leftovers(dir.path()), ["agenda.md"]);
    }

    #[test]
    fn a_directory_in_the_way_fails_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.md");
        std::fs::create_dir(&path).unwrap();
        let error = write_if_changed(&path, &[b"x"]).unwrap_err().to_string();
        assert!(error.ends_with("agenda.md: it is a folder, and nudge writes only regular files: move it away or point nudge elsewhere (nothing was changed)"), "{error}");
        assert_eq!(leftovers(dir.path()), ["agenda.md"]);
        assert!(path.is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_neither_followed_nor_replaced() {
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("elsewhere.md");
        std::fs::write(&target, "theirs").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.md");
        std::os::unix::fs::symlink(&target, &path).unwrap();
        let error = write_if_changed(&path, &[b"ours"]).unwrap_err().to_string();
        assert!(error.contains("agenda.md: it is a symlink, and nudge writes only regular files"), "{error}");
        assert_eq!(std::fs::read(&target).unwrap(), b"theirs");
        assert!(std::fs::symlink_metadata(&path).unwrap().file_type().is_symlink());
        assert_eq!(leftovers(dir.path()), ["agenda.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_fails_without_leftovers() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root writes into read-only folders: then this cannot be simulated
        // (the full-disk test below fails writes for root too).
        let privileged = std::fs::write(dir.path().join("probe"), "").is_ok();
        let result = write_if_changed(&path, &[b"new"]);
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        if privileged {
            eprintln!("running as a user who writes into read-only folders: skipped");
            return;
        }
        let error = result.unwrap_err().to_string();
        assert!(error.contains("check the permissions of the file and its folder"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(leftovers(dir.path()), ["agenda.md"]);
    }

    /// Set by [`a_full_disk_fails_the_write_and_keeps_the_old_file`] when it
    /// runs itself again under a file size limit.
    const LIMITED: &str = "NUDGE_TEST_UNDER_FILE_SIZE_LIMIT";

    #[cfg(unix)]
    #[test]
    #[allow(clippy::large_stack_arrays, reason = "100 KB written to a full disk: the size is the test")]
    fn a_full_disk_fails_the_write_and_keeps_the_old_file() {
        if std::env::var_os(LIMITED).is_none() {
            // The test binary runs this test again with writes failing past
            // 512 bytes (`ulimit -f 1`, SIGXFSZ ignored), as on a full disk,
            // for any user.
            // Its output goes through pipes: a log file as stdout would be
            // over the limit too.
            let output = std::process::Command::new("sh")
                .arg("-c")
                .arg("trap '' XFSZ; ulimit -f 1 && exec \"$0\" \"$@\"")
                .arg(std::env::current_exe().unwrap())
                .args(["--exact", "write::atomic::tests::a_full_disk_fails_the_write_and_keeps_the_old_file"])
                .args(["--test-threads", "1", "--nocapture"])
                .env(LIMITED, "1")
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(
                output.status.success() && stdout.contains("1 passed"),
                "under the limit: {}\n{stdout}{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.md");
        std::fs::write(&path, "old").unwrap();
        let error = write_if_changed(&path, &[&[b'x'; 100_000]]).unwrap_err().to_string();
        assert_eq!(
            error,
            format!(
                "cannot write {}: File too large (os error 27); free some disk space, then run nudge again (the file was left as it was)",
                path.display()
            ),
            "the system's words, without tempfile's `at path` of a file that is gone"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(leftovers(dir.path()), ["agenda.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe");
        assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
        let reader = {
            let path = path.clone();
            std::thread::spawn(move || std::fs::read(path).unwrap())
        };
        assert_eq!(write_if_changed(&path, &[b"through the pipe"]).unwrap(), Written::Changed);
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(std::fs::symlink_metadata(&path).unwrap().file_type().is_fifo(), "still a pipe");
        assert_eq!(leftovers(dir.path()), ["pipe"]);
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_if_changed(&path, &[b"new"]).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_get_the_permissions_of_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let probe = dir.path().join("probe");
        std::fs::write(&probe, "").unwrap();
        let usual = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
        write_if_changed(&dir.path().join("a.md"), &[b"a"]).unwrap();
        write_new(&dir.path().join("b.md"), b"b").unwrap();
        for name in ["a.md", "b.md"] {
            assert_eq!(std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777, usual);
        }
    }

    #[test]
    fn write_new_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        write_new(&path, b"first").unwrap();
        let Err(Error::Io { source, .. }) = write_new(&path, b"second") else { panic!("replaced") };
        assert_eq!(source.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(leftovers(dir.path()), ["note.md"]);
    }
}
