//! Opening a file of the vault for reading, so that nothing in the folder
//! can make nudge block or read elsewhere: a FIFO is never waited on, and a
//! symlink put where the walk saw a file is not followed.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::discover::config::human_size;
use crate::position::Position;
use crate::problem::Problem;

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

/// Reads a text file nudge needs besides the notes (`nudge.yaml`, a
/// template, the agenda), named `shown` in problems; `Ok(None)` when there
/// is none. It may be a symlink, but not a FIFO (never waited on) or a
/// device, nor larger than `max_size`, and it must be UTF-8.
pub fn read_text(path: &Path, shown: &str, max_size: u64) -> Result<Option<String>, Problem> {
    let problem = |message: String| Problem::error(shown, Position::START, message);
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
        Err(error) => {
            Err(crate::parse::utf8(shown, error.as_bytes()).err().unwrap_or_else(|| problem(error.to_string())))
        }
    }
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
    }
}
