//! Discover: where the vault is, its config, and which files to read.

pub mod config;
pub mod resolve;
pub mod walk;

use std::path::{Path, PathBuf};

pub use config::{CONFIG_FILE, Config, LinkStyle};
pub use resolve::resolve;
pub use walk::{NoteFile, walk};

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
    /// Finds the vault (section 1): `notes` (from `--notes` or
    /// `NUDGE_NOTES`), else the first folder up from `cwd` holding
    /// `nudge.yaml`, else `cwd`; then reads its config.
    pub fn discover(notes: Option<&Path>, cwd: &Path) -> Result<Self, Error> {
        let root = match notes {
            Some(notes) => {
                let root = cwd.join(notes);
                if !root.is_dir() {
                    return Err(Error::NotesFolder(root));
                }
                root
            }
            None => cwd.ancestors().find(|dir| dir.join(CONFIG_FILE).is_file()).unwrap_or(cwd).to_path_buf(),
        };
        let config = read_config(&root)?;
        Ok(Self { root, config })
    }

    /// The path of a file given relative to the vault.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }
}

/// Reads `nudge.yaml` from `root`; the defaults when there is none.
fn read_config(root: &Path) -> Result<Config, Error> {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(source) => return Err(Error::Io { action: "read", path, source }),
    };
    Config::parse(&text).map_err(Error::Config)
}
