//! Atomic writes that happen only when the content changes, so a git diff
//! shows real changes only and editors are not told a file changed.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// What [`write_if_changed`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The file already held exactly this content: nothing was touched.
    Unchanged,
    /// The file was created or replaced.
    Changed,
}

/// Writes `content` to `path` atomically, unless the file already holds
/// exactly that. The new file keeps the old one's permissions. On any
/// failure the old file is left as it was and no temporary file remains.
/// A symlink at `path` is replaced, never followed, unless it leads to a
/// device or a pipe: those (`/dev/null`, `/dev/stdout`, a FIFO) are
/// written to, never replaced.
pub fn write_if_changed(path: &Path, content: &[u8]) -> Result<Written, Error> {
    let io = |source| Error::Io { action: "write", path: path.to_path_buf(), source };
    if std::fs::metadata(path).is_ok_and(|target| !target.is_file() && !target.is_dir()) {
        let mut stream = std::fs::OpenOptions::new().write(true).open(path).map_err(io)?;
        stream.write_all(content).and_then(|()| stream.flush()).map_err(io)?;
        return Ok(Written::Changed);
    }
    let existing = std::fs::symlink_metadata(path).ok();
    if existing.as_ref().is_some_and(std::fs::Metadata::is_file) && std::fs::read(path).is_ok_and(|old| old == content)
    {
        return Ok(Written::Unchanged);
    }
    let kept = existing.filter(std::fs::Metadata::is_file).map(|metadata| metadata.permissions());
    let temporary = temporary(path, content, kept).map_err(io)?;
    temporary.persist(path).map_err(|error| io(error.error))?;
    Ok(Written::Changed)
}

/// Creates `path` with `content` atomically, never replacing anything: an
/// existing file (or symlink) at `path` is an error of kind `AlreadyExists`,
/// and leaves no temporary file. The file gets the permissions of any new
/// file (the umask decides).
pub fn write_new(path: &Path, content: &[u8]) -> Result<(), Error> {
    let io = |source| Error::Io { action: "create", path: path.to_path_buf(), source };
    let temporary = temporary(path, content, None).map_err(io)?;
    temporary.persist_noclobber(path).map_err(|error| io(error.error))?;
    Ok(())
}

/// A temporary file beside `path` holding `content`, flushed to disk, with
/// `permissions` (else those of a new file).
fn temporary(
    path: &Path,
    content: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nudge-").suffix(".tmp");
    #[cfg(unix)]
    if permissions.is_none() {
        use std::os::unix::fs::PermissionsExt;
        // Like any new file: the umask takes its bits off.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(folder)?;
    temporary.write_all(content)?;
    if let Some(permissions) = permissions {
        temporary.as_file().set_permissions(permissions)?;
    }
    temporary.as_file().sync_all()?;
    Ok(temporary)
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
    fn writes_then_leaves_an_unchanged_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.md");
        assert_eq!(write_if_changed(&path, b"one").unwrap(), Written::Changed);
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(write_if_changed(&path, b"one").unwrap(), Written::Unchanged);
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), modified);
        assert_eq!(write_if_changed(&path, b"two").unwrap(), Written::Changed);
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(leftovers(dir.path()), ["agenda.md"]);
    }

    #[test]
    fn a_directory_in_the_way_fails_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.md");
        std::fs::create_dir(&path).unwrap();
        assert!(write_if_changed(&path, b"x").is_err());
        assert_eq!(leftovers(dir.path()), ["agenda.md"]);
        assert!(path.is_dir());
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
        assert_eq!(write_if_changed(&path, b"through the pipe").unwrap(), Written::Changed);
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
        write_if_changed(&path, b"new").unwrap();
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
        write_if_changed(&dir.path().join("a.md"), b"a").unwrap();
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
