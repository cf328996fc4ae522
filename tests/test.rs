//! The test builder: a vault in a temporary folder, the real binary run on
//! it with a pinned environment (`--today`, `NO_COLOR`, no `NUDGE_NOTES`,
//! `NUDGE_OWNER` or `NUDGE_NO_CACHE`),
//! and its stdout, stderr and exit code.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// The day most tests run on: a Wednesday.
pub(crate) const TODAY: &str = "2026-11-25";

/// How long one run may take before it is killed (exit status -1).
const DEADLINE: std::time::Duration = std::time::Duration::from_secs(60);

/// A vault in a temporary folder and a command to run on it.
pub(crate) struct Test {
    dir: TempDir,
    args: Vec<String>,
    today: Option<String>,
    env: Vec<(String, String)>,
    current_dir: Option<PathBuf>,
    disk_full: bool,
}

/// What the binary did.
#[derive(Debug)]
pub(crate) struct Output {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
}

impl Test {
    /// An empty vault.
    pub(crate) fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
            args: Vec::new(),
            today: Some(TODAY.to_owned()),
            env: Vec::new(),
            current_dir: None,
            disk_full: false,
        }
    }

    /// A copy of `fixtures/<name>`.
    pub(crate) fn fixture(name: &str) -> Self {
        let test = Self::new();
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name), test.path());
        test
    }

    /// The vault's folder.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file into the vault (folders are created).
    pub(crate) fn file(self, relative: &str, content: impl AsRef<[u8]>) -> Self {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
        self
    }

    /// The command-line arguments after `nudge` (`--notes` is added).
    pub(crate) fn args(mut self, args: &[&str]) -> Self {
        self.args = args.iter().map(|arg| (*arg).to_owned()).collect();
        self
    }

    /// Runs on another day than [`TODAY`].
    pub(crate) fn today(mut self, today: &str) -> Self {
        self.today = Some(today.to_owned());
        self
    }

    /// Runs without `--today` (the local date).
    pub(crate) fn no_today(mut self) -> Self {
        self.today = None;
        self
    }

    /// Sets an environment variable.
    pub(crate) fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Runs in this folder (relative to the vault, or absolute), without
    /// `--notes`, to test how the vault is found.
    pub(crate) fn in_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.current_dir = Some(self.path().join(dir));
        self
    }

    /// Runs with every write failing past 512 bytes of a file, as on a full
    /// disk, for any user, root too (`ulimit -f 1`, SIGXFSZ ignored).
    pub(crate) fn disk_full(mut self) -> Self {
        self.disk_full = true;
        self
    }

    /// Runs the binary.
    pub(crate) fn run(&self) -> Output {
        let nudge = env!("CARGO_BIN_EXE_nudge");
        let mut command = if self.disk_full {
            let mut shell = Command::new("sh");
            shell.arg("-c").arg("trap '' XFSZ; ulimit -f 1 && exec \"$0\" \"$@\"").arg(nudge);
            shell
        } else {
            Command::new(nudge)
        };
        command
            .env_remove("NUDGE_NOTES")
            .env_remove("NUDGE_OWNER")
            .env_remove("NUDGE_NO_CACHE")
            .env("NO_COLOR", "1")
            .env("TZ", "UTC");
        command.args(&self.args);
        match &self.current_dir {
            Some(dir) => {
                command.current_dir(dir);
            }
            None => {
                command.arg("--notes").arg(self.path()).current_dir(self.path());
            }
        }
        if let Some(today) = &self.today {
            command.arg("--today").arg(today);
        }
        for (key, value) in &self.env {
            command.env(key, value);
        }
        // A command that hangs (a FIFO opened, a quadratic blow-up) fails the
        // test instead of hanging the suite.
        let output = assert_cmd::Command::from_std(command).timeout(DEADLINE).output().unwrap();
        Output {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            status: output.status.code().unwrap_or(-1),
        }
    }

    /// Runs and checks the exit code; returns the output.
    pub(crate) fn status(&self, expected: i32) -> Output {
        let output = self.run();
        assert_eq!(output.status, expected, "exit code\nstdout:\n{}\nstderr:\n{}", output.stdout, output.stderr);
        output
    }

    /// Runs, checks exit 0 and empty stderr, and returns stdout.
    pub(crate) fn stdout(&self) -> String {
        let output = self.status(0);
        assert_eq!(output.stderr, "", "stderr");
        output.stdout
    }
}

/// Copies a folder tree. A parse cache in the source (`.nudge/cache/`, written when someone ran
/// nudge on a fixture, as the README's first command does) is not copied:
/// a fixture is its notes, and a test starts without a cache.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    let walk = walkdir::WalkDir::new(from).into_iter().filter_entry(|entry| !entry.path().ends_with(".nudge/cache"));
    for entry in walk {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        // Folders are made for the files in them (git keeps no empty one):
        // a `.nudge/` that held only a cache is not made.
        if !entry.file_type().is_dir() {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A snapshot of every file's bytes in a folder, to prove a command changed
/// nothing: no note, config, agenda or template. The parse cache
/// (`.nudge/cache/`, which any command reading the vault may write) is left
/// out: `tests/cache.rs` tests it.
pub(crate) fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let cache = dir.join(".nudge/cache");
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file() && !entry.path().starts_with(&cache))
        .map(|entry| (entry.path().to_path_buf(), std::fs::read(entry.path()).unwrap()))
        .collect();
    files.sort();
    files
}
