//! Opening a file of the vault for reading, so that nothing in the folder
//! can make nudge block or read elsewhere: a FIFO is never waited on, and a
//! symlink put where the walk saw a file is not followed.

use std::fs::File;
use std::io;
use std::path::Path;

/// Opens `path` for reading, with its size, when it is a regular file;
/// `Ok(None)` for anything else (a FIFO, a socket, a device, a folder). On
/// Unix the open never blocks (`O_NONBLOCK`) and, unless `follow`, fails
/// on a symlink (`O_NOFOLLOW`).
pub fn open_regular(path: &Path, follow: bool) -> io::Result<Option<(File, u64)>> {
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
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    Ok(metadata.is_file().then_some((file, metadata.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "abc").unwrap();
        assert_eq!(open_regular(&dir.path().join("a.md"), false).unwrap().map(|(_, size)| size), Some(3));
        assert!(open_regular(dir.path(), false).map(|file| file.is_none()).unwrap_or(true));
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
    }
}
