//! Discover: where the vault is, its config, and which files to read.

pub mod config;
pub mod open;
pub mod resolve;
pub mod walk;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use config::{CONFIG_FILE, Config, LinkStyle};
pub use resolve::resolve;
pub use walk::{NoteFile, walk};

use crate::error::Error;
use crate::position::Position;
use crate::problem::Problem;

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

/// Reads `nudge.yaml` from `root`; the defaults when there is none. It may
/// be a symlink (to a dotfiles folder, say); a FIFO is not waited on.
fn read_config(root: &Path) -> Result<Config, Error> {
    let path = root.join(CONFIG_FILE);
    let io = |source| Error::Io { action: "read", path: path.clone(), source };
    let refuse = |message: String| Error::Config(vec![Problem::error(CONFIG_FILE, Position::START, message)]);
    let (handle, size) = match open::open_regular(&path, true) {
        Ok(Some(opened)) => opened,
        Ok(None) => return Err(refuse("not a regular file: make nudge.yaml a text file".to_owned())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(source) => return Err(io(source)),
    };
    let limit = config::DEFAULT_MAX_FILE_SIZE;
    if size > limit {
        let message = format!(
            "the file is {}, more than the {} it may have",
            config::human_size(size),
            config::human_size(limit)
        );
        return Err(refuse(message));
    }
    let mut bytes = Vec::new();
    handle.take(limit).read_to_end(&mut bytes).map_err(io)?;
    let text = crate::parse::utf8(CONFIG_FILE, &bytes).map_err(|problem| Error::Config(vec![problem]))?;
    Config::parse(text).map_err(Error::Config)
}
