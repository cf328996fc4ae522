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
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new().prefix(".nudge-").suffix(".tmp").tempfile_in(folder).map_err(io)?;
    temporary.write_all(content).map_err(io)?;
    if let Some(metadata) = existing.filter(std::fs::Metadata::is_file) {
        temporary.as_file().set_permissions(metadata.permissions()).map_err(io)?;
    }
    temporary.as_file().sync_all().map_err(io)?;
    temporary.persist(path).map_err(|error| io(error.error))?;
    Ok(Written::Changed)
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
}
