//! `nudge init --git-hook`: a git pre-commit hook that runs `nudge check` on
//! the notes folder, so that a commit with a broken note stops and lists
//! the problems. It never replaces a hook that is already there.

use std::path::Path;
use std::process::Command;

use crate::commands::{Exit, Session, path_from_cwd, print};
use crate::error::Error;
use crate::write::write_new;

/// The first comment line of the hook: how nudge recognises its own.
pub(super) const MARKER: &str = "# Installed by `nudge init --git-hook`";

/// Installs the hook in the repository holding the notes folder; exit 1
/// when another pre-commit hook is there (it is kept, and the line to add
/// to it is shown).
pub(super) fn run(session: &Session) -> Result<Exit, Error> {
    let root = &session.vault.root;
    let hooks = root.join(git(root, &["rev-parse", "--git-path", "hooks"])?);
    let prefix = git(root, &["rev-parse", "--show-prefix"])?;
    let path = hooks.join("pre-commit");
    let shown = path_from_cwd(&path, &session.cwd);
    let command = check_command(&prefix);
    match std::fs::read(&path) {
        Ok(existing) if String::from_utf8_lossy(&existing).contains(MARKER) => {
            print(&format!("kept    {} (nudge's hook is already there)\n", shown.display()))?;
            return Ok(Exit::Success);
        }
        Ok(_) => {
            print(&format!(
                "kept    {} (another pre-commit hook is there: left as it is)\nTo check the notes from it too, add this line to it:\n  {command}\n",
                shown.display()
            ))?;
            return Ok(Exit::Problems);
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => return Err(Error::Io { action: "read", path, source }),
    }
    std::fs::create_dir_all(&hooks).map_err(|source| Error::Io { action: "create", path: hooks.clone(), source })?;
    write_new(&path, script(&command).as_bytes())?;
    make_executable(&path)?;
    print(&format!(
        "created {}\nEach commit now runs `{command}` first and stops when it finds an error; `git commit --no-verify` skips it once.\n",
        shown.display()
    ))?;
    Ok(Exit::Success)
}

/// The hook's command: `nudge check` on the notes folder, which is
/// `prefix` below the top of the work tree (where git runs hooks), named
/// with `--notes` even at the top: a folder without `nudge.yaml` is a
/// notes folder only when named.
fn check_command(prefix: &str) -> String {
    let folder = prefix.trim_end_matches('/');
    let folder = if folder.is_empty() { "." } else { folder };
    format!("nudge --notes {} check", shell_quoted(folder))
}

/// The hook: `command`, unless nudge is not on the PATH (then a warning,
/// and the commit goes ahead).
fn script(command: &str) -> String {
    format!(
        "#!/bin/sh
{MARKER}: checks the notes before each
# commit and stops the commit when `nudge check` finds an error (add
# --strict to stop on warnings too). Skip it once: git commit --no-verify
if ! command -v nudge >/dev/null 2>&1; then
    echo \"pre-commit: nudge is not on the PATH: the notes were not checked\" >&2
    exit 0
fi
exec {command}
"
    )
}

/// `text` in single quotes for sh.
fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Runs git in `folder` and returns its output's first line.
fn git(folder: &Path, args: &[&str]) -> Result<String, Error> {
    let output = Command::new("git").args(args).current_dir(folder).output().map_err(Error::NoGit)?;
    if !output.status.success() {
        return Err(Error::NotARepository(folder.to_path_buf()));
    }
    Ok(String::from_utf8_lossy(&output.stdout).lines().next().unwrap_or_default().to_owned())
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<(), Error> {
    use std::os::unix::fs::PermissionsExt;
    let io = |source| Error::Io { action: "make executable", path: path.to_path_buf(), source };
    let mut permissions = std::fs::metadata(path).map_err(io)?.permissions();
    permissions.set_mode(permissions.mode() | 0o111);
    std::fs::set_permissions(path, permissions).map_err(io)
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) -> Result<(), Error> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hook_checks_the_notes_folder_from_the_top_of_the_work_tree() {
        assert_eq!(check_command(""), "nudge --notes '.' check");
        assert_eq!(check_command("notes/crm/"), "nudge --notes 'notes/crm' check");
        assert_eq!(check_command("Bob's notes/"), r"nudge --notes 'Bob'\''s notes' check");
    }

    #[test]
    fn the_hook_is_a_shell_script_marked_as_nudge_s() {
        let script = script("nudge check");
        assert!(script.starts_with("#!/bin/sh\n# Installed by `nudge init --git-hook`"));
        assert!(script.ends_with("\nexec nudge check\n"));
    }
}
