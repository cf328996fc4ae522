//! Discover: where the vault is, its config, which files to read, and who
//! runs nudge in a team vault ([`owner`]).

pub(crate) mod config;
pub(crate) mod holidays;
pub(crate) mod open;
pub(crate) mod owner;
pub(crate) mod read;
pub(crate) mod walk;

use std::path::{Path, PathBuf};

pub(crate) use config::{CONFIG_FILE, Config, LinkStyle};
pub(crate) use walk::{NoteFile, NoteFiles, NoteRef, Place, walk};

use crate::error::Error;

/// A notes folder and its settings.
#[derive(Debug, Clone)]
pub struct Vault {
    /// The folder.
    pub root: PathBuf,
    /// Its `nudge.yaml`, or the defaults.
    pub config: Config,
}

impl Vault {
    /// Finds the vault (docs/src/configuration.md, "Where the notes folder is"): `notes` (from `--notes` or
    /// `NUDGE_NOTES`), else the first folder up from `cwd` holding
    /// `nudge.yaml`, else none: a usage error saying how to start
    /// (docs/src/configuration.md, "Where the notes folder is"); then reads its config.
    pub fn discover(notes: Option<&Path>, cwd: &Path) -> Result<Self, Error> {
        let root = match notes {
            Some(notes) => {
                let root = cwd.join(notes);
                if !root.is_dir() {
                    return Err(Error::NotesFolder(root));
                }
                root
            }
            None => match cwd.ancestors().find(|dir| dir.join(CONFIG_FILE).is_file()) {
                Some(root) => root.to_path_buf(),
                None => return Err(no_vault(cwd)),
            },
        };
        let config = read_config(&root)?;
        Ok(Self { root, config })
    }

    /// The path of a file given relative to the vault.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }
}

/// No notes folder up from `cwd`: never read or write notes in a folder
/// that was not made one (a home folder's every markdown file).
fn no_vault(cwd: &Path) -> Error {
    let top = cwd.ancestors().last().unwrap_or(cwd);
    Error::NoNotesFolder { top: top.to_path_buf() }
}

/// Reads `nudge.yaml` from `root`; the defaults when there is none. It may
/// be a symlink (to a dotfiles folder, say); a FIFO is not waited on.
fn read_config(root: &Path) -> Result<Config, Error> {
    let text = open::read_text(&root.join(CONFIG_FILE), CONFIG_FILE, config::DEFAULT_MAX_FILE_SIZE)
        .map_err(|problem| Error::Config(vec![problem]))?;
    text.map_or_else(|| Ok(Config::default()), |text| Config::parse(&text).map_err(Error::Config))
}
