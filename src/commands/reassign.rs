//! `nudge reassign --from DANA --to SAM [CONTACT...] [--tag TAG] [--state
//! STATE] [--dry-run]`: hand contacts over. Rewrites the `owner` of each
//! contact of one owner, changing no other byte of the note, under the
//! vault's lock (docs/src/teams.md, "Handing contacts over").

use crate::cli::ReassignArgs;
use crate::commands::note_edit::{self, Change};
use crate::commands::{Exit, Say, Session, agenda_file};
use crate::derive::Contact;
use crate::discover::NoteFile;
use crate::error::Error;
use crate::load::{self, UnknownKeys, resolve};
use crate::model::owner::{Team, same_handle};
use crate::model::select::lists_tag;
use crate::parse::Note;
use crate::render::count;
use crate::write::VaultLock;
use crate::write::edit::set_front_matter_key;

/// Rewrites `owner` in each matching contact of `--from`, or says what it
/// would (`--dry-run`); exit 1 when no contact matches.
pub(super) fn run(session: &Session, args: &ReassignArgs) -> Result<Exit, Error> {
    let team = &session.vault.config.team;
    // As nudge.yaml spells it, when it lists them (`--from DANA` is dana).
    let from = team.find(&args.from).map_or(args.from.trim(), |owner| owner.handle.as_str());
    let to = match team.find(&args.to) {
        Some(owner) => owner.handle.clone(),
        None if !team.is_listed() => args.to.trim().to_owned(),
        None => return Err(Error::Usage(format!("--to: {}", team.unknown(&args.to)))),
    };
    if from.is_empty() || to.is_empty() || same_handle(from, &to) {
        return Err(Error::Usage("give two different owners: --from HANDLE --to HANDLE".to_owned()));
    }
    let named: Vec<String> = args
        .contacts
        .iter()
        .map(|query| resolve(&session.vault, query, &session.cwd).map(|file| file.relative))
        .collect::<Result<_, _>>()?;
    let loaded = load::load(&session.vault, session.today, UnknownKeys::Drop);
    let handed: Vec<(String, Vec<String>, Vec<String>)> = loaded
        .contacts
        .iter()
        .filter(|contact| team.owns(&contact.owner, from) && chosen(contact, args, &named))
        .map(|contact| {
            let before: Vec<String> = team.owners_of(&contact.owner).map(str::to_owned).collect();
            (contact.file().to_owned(), before.clone(), handed_over(&before, from, &to))
        })
        .collect();
    load::release(loaded);
    let lines: String = handed
        .iter()
        .map(|(file, before, after)| format!("{file}: owner {} -> {}\n", before.join(", "), after.join(", ")))
        .collect();
    let counted = count(handed.len(), "contact", "contacts");
    if handed.is_empty() {
        eprintln!("nudge: no contact of {from} matches: nothing to reassign");
        return Ok(Exit::Problems);
    }
    if args.dry_run {
        session.say(
            Say::Out,
            &format!("{lines}would reassign {counted} from {from} to {to} (--dry-run: nothing written)\n"),
        )?;
        return Ok(Exit::Success);
    }
    let lock = VaultLock::acquire(&session.vault.root)?;
    for (file, _, owners) in &handed {
        let note = NoteFile { relative: file.clone(), path: session.vault.path(file) };
        note_edit::edit(session, &lock, &note, &mut SetOwner { owners, team })?;
    }
    drop(lock);
    session.say(Say::Out, &format!("{lines}reassigned {counted} from {from} to {to}\n"))?;
    agenda_file::refresh(session, Say::Out);
    Ok(Exit::Success)
}

/// Whether `contact` is one the filters choose: one of the contacts named
/// (when any is), with one of the tags and in one of the states (when given).
fn chosen(contact: &Contact, args: &ReassignArgs, named: &[String]) -> bool {
    let tag_ok = args.tag.is_empty() || args.tag.iter().any(|tag| lists_tag(contact.tags(), tag));
    let state_ok = args.state.is_empty() || args.state.contains(&contact.derived.state);
    let named_ok = named.is_empty() || named.iter().any(|file| file == contact.file());
    tag_ok && state_ok && named_ok
}

/// The owners after `from` hands over to `to`: `to` in `from`'s place
/// (once: a shared account `[dana, sam]` given by dana to sam is `[sam]`).
fn handed_over(owners: &[String], from: &str, to: &str) -> Vec<String> {
    let mut after: Vec<String> = Vec::with_capacity(owners.len());
    for owner in owners {
        let owner = if same_handle(owner, from) { to } else { owner.as_str() };
        if !after.iter().any(|known| same_handle(known, owner)) {
            after.push(owner.to_owned());
        }
    }
    after
}

/// The value written for `owner`: one handle, or a flow list; a handle
/// that is not a plain word is quoted.
fn owner_value(owners: &[String]) -> String {
    let plain = |handle: &str| {
        handle.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'))
            && !handle.starts_with(['-', '@'])
    };
    let written: Vec<String> = owners
        .iter()
        .map(|handle| if plain(handle) { handle.clone() } else { serde_json::Value::from(handle.as_str()).to_string() })
        .collect();
    match written.as_slice() {
        [one] => one.clone(),
        many => format!("[{}]", many.join(", ")),
    }
}

/// The change `reassign` makes: the front matter's `owner`.
struct SetOwner<'a> {
    owners: &'a [String],
    team: &'a Team,
}

impl Change for SetOwner<'_> {
    fn what(&self) -> String {
        "set `owner`".to_owned()
    }

    fn apply(&mut self, text: &str, _note: &Note<'_>) -> Result<String, Error> {
        set_front_matter_key(text, "owner", &owner_value(self.owners)).ok_or(Error::NoFrontMatter)
    }

    fn check(&self, _before: &Note<'_>, after: &Note<'_>) -> Result<(), String> {
        let now: Vec<&str> = self.team.owners_of(&after.front.owner).collect();
        let same = now.len() == self.owners.len() && now.iter().zip(self.owners).all(|(a, b)| same_handle(a, b));
        if same { Ok(()) } else { Err("the front matter would not read `owner` as the new owners".to_owned()) }
    }

    fn written(&self, file: &str) -> (String, String) {
        (file.to_owned(), format!("owner: {}", owner_value(self.owners)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owners(list: &[&str]) -> Vec<String> {
        list.iter().map(|owner| (*owner).to_owned()).collect()
    }

    #[test]
    fn the_new_owner_takes_the_old_ones_place_once() {
        assert_eq!(handed_over(&owners(&["Dana"]), "dana", "sam"), ["sam"]);
        assert_eq!(handed_over(&owners(&["lee", "dana"]), "dana", "sam"), ["lee", "sam"]);
        assert_eq!(handed_over(&owners(&["dana", "sam"]), "dana", "sam"), ["sam"]);
    }

    #[test]
    fn the_value_is_a_word_or_a_flow_list_quoted_when_yaml_needs_it() {
        assert_eq!(owner_value(&owners(&["sam"])), "sam");
        assert_eq!(owner_value(&owners(&["lee", "sam"])), "[lee, sam]");
        assert_eq!(owner_value(&owners(&["Sam Okafor"])), "\"Sam Okafor\"");
        assert_eq!(owner_value(&owners(&["a: b", "-x"])), "[\"a: b\", \"-x\"]");
    }
}
