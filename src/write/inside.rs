//! Writes stay inside the vault: no `..`, no absolute path elsewhere, and
//! no symlinked folder on the way that leads out of it.

use std::path::{Component, Path};

use crate::discover::Vault;
use crate::error::Error;
use crate::write::atomic::refuse_unless_file;
use crate::write::{Content, Written, write_if_changed};

/// Checks that writing `path` (and creating its missing folders) stays in
/// the vault at `root`: the nearest existing folder of `path` is inside the
/// vault once symlinks are resolved, and the folders still to create are
/// plain names (no `..`).
pub(crate) fn check_inside(root: &Path, path: &Path) -> Result<(), Error> {
    let outside = || Error::WritesOutside { path: path.to_path_buf(), root: root.to_path_buf() };
    let real_root =
        root.canonicalize().map_err(|source| Error::Io { action: "read", path: root.to_path_buf(), source })?;
    let folder = path.parent().unwrap_or(path);
    let existing = folder.ancestors().find(|dir| dir.exists()).ok_or_else(outside)?;
    let missing = folder.strip_prefix(existing).map_err(|_| outside())?;
    let plain = missing.components().all(|part| matches!(part, Component::Normal(_)));
    let real = existing.canonicalize().map_err(|_| outside())?;
    if plain && real.starts_with(&real_root) { Ok(()) } else { Err(outside()) }
}

/// [`write_if_changed`] for a file of the vault at `root`, after
/// [`check_inside`]. Unlike a path given on the command line
/// (`-o /dev/null`), a FIFO or a device here is refused: it is not waited
/// on and not written to.
pub(crate) fn write_in_vault(root: &Path, path: &Path, content: &(impl Content + ?Sized)) -> Result<Written, Error> {
    check_inside(root, path)?;
    refuse_unless_file(path, std::fs::symlink_metadata(path).ok().as_ref())?;
    write_if_changed(path, content)
}

/// Creates the folders of `relative`, refusing when an existing one leads
/// out of the vault (a symlink).
pub(crate) fn create_folder(vault: &Vault, relative: &str) -> Result<(), Error> {
    let path = vault.root.join(relative);
    check_inside(&vault.root, &path)?;
    let Some(folder) = path.parent() else { return Ok(()) };
    std::fs::create_dir_all(folder).map_err(|source| Error::Io { action: "create", path: folder.to_path_buf(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_under_the_root_pass_and_dot_dot_does_not() {
        let vault = tempfile::tempdir().unwrap();
        let root = vault.path();
        assert!(check_inside(root, &root.join("agenda.md")).is_ok());
        assert!(check_inside(root, &root.join("people/new/dana.md")).is_ok(), "missing folders are created inside");
        std::fs::create_dir(root.join("people")).unwrap();
        assert!(check_inside(root, &root.join("people/../agenda.md")).is_ok(), "`..` that stays inside");
        let roundabout = root.join("..").join(root.file_name().unwrap()).join("agenda.md");
        assert!(check_inside(root, &roundabout).is_ok(), "the same folder by another path");
        let escapes = [root.join("../x.md"), root.join("new/../../x.md"), std::env::temp_dir().join("x.md")];
        for path in escapes {
            let error = check_inside(root, &path).unwrap_err().to_string();
            assert!(error.contains("leads outside the notes folder"), "{error}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_folder_out_of_the_vault_is_refused_and_nothing_written() {
        let outside = tempfile::tempdir().unwrap();
        let vault = tempfile::tempdir().unwrap();
        let root = vault.path();
        std::os::unix::fs::symlink(outside.path(), root.join("out")).unwrap();
        std::fs::create_dir(root.join("people")).unwrap();
        std::os::unix::fs::symlink(root.join("people"), root.join("friends")).unwrap();
        let error = write_in_vault(root, &root.join("out/agenda.md"), &[b"x"]).unwrap_err().to_string();
        assert!(error.contains("out/agenda.md leads outside the notes folder"), "{error}");
        assert!(write_in_vault(root, &root.join("out/deeper/agenda.md"), &[b"x"]).is_err());
        std::os::unix::fs::symlink(root.join("nowhere"), root.join("dangling")).unwrap();
        assert!(write_in_vault(root, &root.join("dangling/agenda.md"), &[b"x"]).is_err());
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
        assert!(
            write_in_vault(root, &root.join("friends/dana.md"), &[b"x"]).is_ok(),
            "a link inside the vault is fine"
        );
        assert!(std::process::Command::new("mkfifo").arg(root.join("agenda.md")).status().unwrap().success());
        let error = write_in_vault(root, &root.join("agenda.md"), &[b"x"]).unwrap_err().to_string();
        assert!(error.ends_with("agenda.md: it is not a regular file (a FIFO, a socket or a device), and nudge writes only regular files: move it away or point nudge elsewhere (nothing was changed)"), "{error}");
        assert_eq!(std::fs::read(root.join("people/dana.md")).unwrap(), b"x");
    }
}
