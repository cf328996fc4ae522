//! Who is running nudge in a team vault (docs/src/teams.md, "Who you
//! are"): `NUDGE_OWNER`, else `git config user.email` matched against
//! nudge.yaml's `owners:`. Nobody, in a vault that lists no team and with
//! `NUDGE_OWNER` unset: every command then shows every contact, as for one
//! person.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::discover::Vault;
use crate::error::Error;
use crate::model::owner::Owner;

/// The environment variable naming who runs nudge: a handle or an email.
pub(crate) const OWNER_VAR: &str = "NUDGE_OWNER";

/// The owner running nudge in `vault`: `NUDGE_OWNER` (a handle or an email
/// of `owners:`; any handle when the vault lists no team), else the listed
/// owner whose email is `git config user.email` in the vault. An unknown
/// `NUDGE_OWNER` is a usage error with a did-you-mean.
pub(crate) fn me(vault: &Vault) -> Result<Option<Owner>, Error> {
    let team = &vault.config.team;
    let named = std::env::var(OWNER_VAR).ok().filter(|word| !word.trim().is_empty());
    if let Some(word) = named {
        if !team.is_listed() {
            return Ok(Some(Owner::handle(word.trim())));
        }
        return team
            .find(&word)
            .cloned()
            .map(Some)
            .ok_or_else(|| Error::Usage(format!("{OWNER_VAR}: {}", team.unknown(&word))));
    }
    if !team.is_listed() {
        return Ok(None);
    }
    Ok(git_email(&vault.root).and_then(|email| team.owners.iter().find(|owner| has_email(owner, &email)).cloned()))
}

/// Whether `owner`'s email is `email`, ignoring case.
fn has_email(owner: &Owner, email: &str) -> bool {
    owner.email.as_deref().is_some_and(|known| crate::caseless::eq(known.trim(), email))
}

/// `git config user.email` run in `root`; `None` when git is missing or
/// has none.
fn git_email(root: &Path) -> Option<String> {
    let output = Command::new("git")
        .args(["config", "user.email"])
        .current_dir(root)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|output| output.status.success())?;
    let email = String::from_utf8(output.stdout).ok()?;
    let email = email.trim();
    (!email.is_empty()).then(|| email.to_owned())
}
