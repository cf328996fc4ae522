//! The agenda file: rendered and written by `nudge agenda` and `nudge sync`,
//! and refreshed by every command that changes notes.

use std::path::{Path, PathBuf};

use crate::commands::{Exit, Say, Session, print_pieces};
use crate::discover::Vault;
use crate::discover::open::read_text;
use crate::error::Error;
use crate::load::{self, UnknownKeys};
use crate::render::agenda::{self, Input, Section, TEMPLATE_FILE, Template};
use crate::write::{Written, create_folder, write_if_changed, write_in_vault};
/// After a command wrote notes: writes the agenda again when it exists in
/// the vault (and `refresh_agenda` is on), saying so on `say`. A failure is
/// a warning: the notes were written, and `nudge agenda` says what is wrong.
pub fn refresh(session: &Session, say: Say) {
    let vault = &session.vault;
    if !vault.config.refresh_agenda || std::fs::symlink_metadata(vault.path(&vault.config.agenda)).is_err() {
        return;
    }
    if let Err(error) = write(session, None, say) {
        eprintln!("nudge: warning: {} was not written again: {}", vault.config.agenda, error.report());
    }
}

/// Renders the agenda and writes it to `output` (`-`: stdout; relative to
/// the current folder), by default to the configured path in the vault;
/// says on `say` what was written (`wrote agenda.md: 4 overdue, 1 today`).
pub fn write(session: &Session, output: Option<&Path>, say: Say) -> Result<Exit, Error> {
    let vault = &session.vault;
    let user_template = user_template(vault)?;
    let template = user_template.as_ref().map_or(Template::BUILTIN, |(name, source)| Template { name, source });
    let unknown_keys = if user_template.is_some() { UnknownKeys::Keep } else { UnknownKeys::Drop };
    let loaded = load::load(vault, session.today, unknown_keys);
    let counts = counts(&loaded.contacts);
    let input =
        Input { today: session.today, config: &vault.config, contacts: loaded.contacts, problems: &loaded.problems };
    let (pieces, contacts) = agenda::render(template, input).map_err(Error::Template)?;
    load::release(contacts);
    let (shown, written) = match output {
        Some(path) if path == Path::new("-") => return print_pieces(&pieces).map(|()| Exit::Success),
        Some(path) => (path.display().to_string(), write_if_changed(&session.cwd.join(path), &pieces)?),
        None => (vault.config.agenda.clone(), write_in_vault(&vault.root, &configured_path(vault)?, &pieces)?),
    };
    let done = if written == Written::Changed { format!("wrote {shown}") } else { format!("{shown} unchanged") };
    session.say(say, &format!("{done}: {counts}\n"))?;
    Ok(Exit::Success)
}

/// How many entries each section has, in words: `4 overdue, 1 today, 2 new
/// contacts`; `nothing due` for an empty agenda.
fn counts(contacts: &[crate::derive::Contact]) -> String {
    let mut per_section = [0usize; Section::ALL.len()];
    for section in contacts.iter().filter_map(|contact| Section::of(&contact.derived)) {
        if let Some(count) = per_section.get_mut(section as usize) {
            *count += 1;
        }
    }
    let words: Vec<String> = Section::ALL
        .iter()
        .zip(per_section)
        .filter(|(_, count)| *count > 0)
        .map(|(section, count)| section.counted(count))
        .collect();
    if words.is_empty() { "nothing due".to_owned() } else { words.join(", ") }
}

/// The user's template, `<templates>/agenda.md.j2` in the vault, with the
/// name errors give it; `None` when there is none.
fn user_template(vault: &Vault) -> Result<Option<(String, String)>, Error> {
    let name = format!("{}/{TEMPLATE_FILE}", vault.config.templates.trim_end_matches('/'));
    let source = read_text(&vault.path(&name), &name, vault.config.max_file_size).map_err(Error::File)?;
    Ok(source.map(|source| (name, source)))
}

/// `<vault>/<agenda>`, its folder created when needed; a folder that leads
/// out of the vault (a symlink) is refused before anything is created.
fn configured_path(vault: &Vault) -> Result<PathBuf, Error> {
    create_folder(vault, &vault.config.agenda)?;
    Ok(vault.path(&vault.config.agenda))
}
