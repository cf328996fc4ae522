//! The agenda file: rendered and written by `nudge agenda` and `nudge sync`,
//! and refreshed by every command that changes notes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cli::OwnerArgs;
use crate::commands::{Exit, Say, Session, print_pieces};
use crate::derive::Contact;
use crate::discover::Vault;
use crate::discover::open::read_text;
use crate::error::Error;
use crate::load::cache::memo;
use crate::load::{self, Loaded, Outcome, Printed, UnknownKeys};
use crate::model::owner::{Owner, PLACEHOLDER, Team, UNOWNED, file_name};
use crate::problem::Problem;
use crate::render::agenda::{self, AgendaSection, Input, TEMPLATE_FILE, Template};
use crate::write::{
    Content, Written, create_folder, is_stream, replace_with, write_if_changed, write_in_vault, write_pieces,
};
/// After a command wrote notes: writes the agenda again when it exists in
/// the vault (and `refresh_agenda` is on), saying so on `say`; with
/// `agenda_per_owner`, every owner's agenda when the unowned one exists. A
/// failure is a warning: the notes were written, and `nudge agenda` says
/// what is wrong.
pub(super) fn refresh(session: &Session, say: Say) {
    let vault = &session.vault;
    let written = |relative: &str| std::fs::symlink_metadata(vault.path(relative)).is_ok();
    let per_owner = vault.config.agenda_per_owner.as_deref().is_some_and(|pattern| written(&path_of(pattern, UNOWNED)));
    if !vault.config.refresh_agenda || !(per_owner || written(&vault.config.agenda)) {
        return;
    }
    // Every owner's agenda is written again: only those that changed are said.
    let say = if per_owner { Said::Changed(say) } else { Said::All(say) };
    if let Err(error) = write_saying(session, None, &OwnerArgs::default(), say) {
        eprintln!("nudge: warning: {} was not written again: {}", vault.config.agenda, error.report());
    }
}

/// The agenda whose ticks `sync` logs, relative to the vault, and who runs
/// nudge: with `agenda_per_owner`, the agenda of the one running it (their
/// file, docs/src/teams.md); else the configured one.
pub(super) fn own_agenda(session: &Session) -> Result<(String, Option<Owner>), Error> {
    let me = session.owner(&OwnerArgs::default())?;
    let config = &session.vault.config;
    let path = match (&me, config.agenda_per_owner.as_deref()) {
        (Some(me), Some(pattern)) => path_of(pattern, &me.handle),
        // Everyone's agenda is per owner, and nobody said which is theirs.
        (None, Some(_))
            if config.team.is_listed() && std::fs::symlink_metadata(session.vault.path(&config.agenda)).is_err() =>
        {
            let handles: Vec<&str> = config.team.handles().collect();
            return Err(Error::Usage(format!(
                "nudge cannot tell which of the agendas of agenda_per_owner is yours: set NUDGE_OWNER to your handle ({}), or add your `git config user.email` to your entry of `owners:` in nudge.yaml",
                handles.join(", ")
            )));
        }
        _ => config.agenda.clone(),
    };
    Ok((path, me))
}

/// Renders the agenda and writes it to `output` (`-`: stdout; relative to
/// the current folder), by default to the configured path in the vault;
/// says on `say` what was written (`wrote agenda.md: 4 overdue, 1 today`).
/// The agenda is one owner's (docs/src/teams.md) with `--owner`, or for
/// the one running nudge in a team vault; with `agenda_per_owner` and
/// neither `-o` nor `--owner`, each owner's agenda is written, from one
/// reading of the vault.
pub(super) fn write(session: &Session, output: Option<&Path>, owners: &OwnerArgs, say: Say) -> Result<Exit, Error> {
    write_saying(session, output, owners, Said::All(say))
}

/// What is said of the agendas written.
#[derive(Clone, Copy)]
enum Said {
    /// Each agenda, written or unchanged, on this stream.
    All(Say),
    /// Only the agendas written, on this stream.
    Changed(Say),
}

/// [`write()`], saying what `say` says.
fn write_saying(session: &Session, output: Option<&Path>, owners: &OwnerArgs, say: Said) -> Result<Exit, Error> {
    let vault = &session.vault;
    let asked = output.is_some() || owners.owner.is_some() || owners.all_owners;
    let per_owner = vault.config.agenda_per_owner.as_deref().filter(|_| !asked);
    let owner = if per_owner.is_some() { None } else { session.owner(owners)? };
    let user_template = user_template(vault)?;
    let template = user_template.as_ref().map_or(Template::BUILTIN, |(name, source)| Template { name, source });
    let unknown_keys = if user_template.is_some() { UnknownKeys::Keep } else { UnknownKeys::Drop };
    if let Some(pattern) = per_owner {
        let mut loaded = load::load(vault, session.today, unknown_keys);
        load::attach_sources(vault, &mut loaded.problems, Printed::Positions);
        for (owner, contacts, problems) in by_owner(&vault.config.team, loaded) {
            let target = Target::Vault(path_of(pattern, &owner.handle));
            let input = Input { owner: Some(&owner), ..input(session, contacts, &problems) };
            render_and_write(session, template, input, None, target, say)?;
        }
        return Ok(Exit::Success);
    }
    let target = match (output, &owner, vault.config.agenda_per_owner.as_deref()) {
        (Some(path), _, _) if path == Path::new("-") => Target::Print,
        (Some(path), _, _) => Target::Path(path),
        (None, Some(owner), Some(pattern)) => Target::Vault(path_of(pattern, &owner.handle)),
        (None, _, _) => Target::Vault(vault.config.agenda.clone()),
    };
    // Everything the agenda is made from besides the notes.
    let described =
        format!("agenda {} {} {owner:?} {template:?} {:?}", session.today, vault.root.display(), vault.config);
    let (mut loaded, key) = match load::load_or_kept(vault, session.today, unknown_keys, &described) {
        Outcome::Kept(kept) => return write_out(session, &kept, &kept.said, target, say),
        Outcome::Loaded(loaded, key) => (loaded, key),
    };
    load::attach_sources(vault, &mut loaded.problems, Printed::Positions);
    match &owner {
        Some(owner) => {
            let (contacts, problems) = owned_by(&vault.config.team, loaded, owner);
            let input = Input { owner: Some(owner), ..input(session, contacts, &problems) };
            render_and_write(session, template, input, key, target, say)
        }
        None => {
            render_and_write(session, template, input(session, loaded.contacts, &loaded.problems), key, target, say)
        }
    }
}

/// Where an agenda goes.
enum Target<'a> {
    /// Standard output (`-o -`).
    Print,
    /// A path given on the command line, relative to the current folder.
    Path(&'a Path),
    /// A path in the vault.
    Vault(String),
}

/// The agenda of everyone's contacts, for `session`'s day and settings.
fn input<'a>(session: &'a Session, contacts: Vec<Contact>, problems: &'a [Problem]) -> Input<'a> {
    Input { today: session.today, config: &session.vault.config, contacts, problems, owner: None }
}

/// Renders `input` with `template` and writes it to `target`, saying so;
/// keeps it by `key` when given ([`memo`]).
fn render_and_write(
    session: &Session,
    template: Template<'_>,
    input: Input<'_>,
    key: Option<memo::Key>,
    target: Target<'_>,
    say: Said,
) -> Result<Exit, Error> {
    let counts = counts(&input.contacts);
    let rendered = agenda::prepare(template, input).map_err(Error::Template)?;
    if key.is_none() && written_once(session, &target) {
        let written = write_out(session, &Streamed(&rendered), &counts, target, say);
        load::release(rendered.into_contacts());
        return written;
    }
    let (pieces, contacts) = rendered.pieces();
    load::release(contacts);
    if let Some(key) = key {
        key.keep(&session.vault.root, &counts, &pieces);
    }
    write_out(session, &pieces, &counts, target, say)
}

/// Whether `target` takes the agenda in one pass: standard output, or a
/// device or a pipe (`-o /dev/null`), which is written to as it is, never
/// compared nor replaced. Then the agenda is written as it is printed,
/// unless it is also kept ([`memo`]): a second pass.
fn written_once(session: &Session, target: &Target<'_>) -> bool {
    match target {
        Target::Print => true,
        Target::Path(path) => is_stream(&session.cwd.join(path)),
        Target::Vault(_) => false,
    }
}

/// An agenda written as it is printed ([`agenda::Rendered::each_piece`]).
struct Streamed<'r, 'a>(&'r agenda::Rendered<'a>);

impl Content for Streamed<'_, '_> {
    /// Printed again to be measured: not asked of an agenda written once.
    fn length(&self) -> u64 {
        let mut length = 0;
        let _ = self.0.each_piece(&mut |piece| {
            length += piece.len() as u64;
            Ok(true)
        });
        length
    }

    fn each_part(&self, take: &mut dyn FnMut(&[u8]) -> std::io::Result<bool>) -> std::io::Result<bool> {
        self.0.each_piece(&mut |piece| take(piece.as_bytes()))
    }
}

/// Writes the agenda `pieces` to `target`, saying so with its `counts`.
fn write_out(
    session: &Session,
    pieces: &(impl Content + ?Sized),
    counts: &str,
    target: Target<'_>,
    say: Said,
) -> Result<Exit, Error> {
    let vault = &session.vault;
    let (shown, written) = match target {
        Target::Print => return print_pieces(pieces).map(|()| Exit::Success),
        Target::Path(path) => (path.display().to_string(), write_if_changed(&session.cwd.join(path), pieces)?),
        Target::Vault(relative) => {
            let path = vault_path(vault, &relative)?;
            let written = write_in_vault(&vault.root, &path, pieces)?;
            keep_copy(vault, &relative, pieces, written);
            (relative, written)
        }
    };
    let done = if written == Written::Changed { format!("wrote {shown}") } else { format!("{shown} unchanged") };
    match say {
        Said::Changed(_) if written != Written::Changed => {}
        Said::All(say) | Said::Changed(say) => session.say(say, &format!("{done}: {counts}\n"))?,
    }
    Ok(Exit::Success)
}

/// Where the copy of the agenda at `relative` is kept: what nudge last
/// wrote there, for `sync` to tell what the user typed into an entry from
/// what nudge wrote (docs/src/agenda.md, "Ticking an entry").
fn copy_of(relative: &str) -> String {
    format!("{}/agendas/{relative}", load::cache::FOLDER)
}

/// Keeps a copy of the agenda just written at `relative` ([`copy_of`]),
/// when it changed or its copy is missing or another size; none with the
/// cache off (`cache: false`, `--no-cache`). A copy that cannot be written
/// is no error: `sync` does without it.
fn keep_copy(vault: &Vault, relative: &str, pieces: &(impl Content + ?Sized), written: Written) {
    if !vault.config.cache {
        return;
    }
    let copy = vault.path(&copy_of(relative));
    let length = pieces.length();
    let kept = std::fs::symlink_metadata(&copy).is_ok_and(|copy| copy.is_file() && copy.len() == length);
    if written == Written::Unchanged && kept {
        return;
    }
    let _ =
        load::cache::prepare(&vault.root, &copy).and_then(|()| replace_with(&copy, |file| write_pieces(file, pieces)));
}

/// The agenda at `relative` as nudge last wrote it ([`keep_copy`]), when
/// its copy is there.
pub(super) fn last_written(vault: &Vault, relative: &str) -> Option<String> {
    let copy = copy_of(relative);
    read_text(&vault.path(&copy), &copy, vault.config.max_file_size).ok().flatten()
}

/// `agenda_per_owner` for `handle`: the handle folded to a file name in
/// place of `{owner}`.
fn path_of(pattern: &str, handle: &str) -> String {
    pattern.replace(PLACEHOLDER, &file_name(handle))
}

/// The contacts `owner` owns and the problems their agenda shows.
fn owned_by(team: &Team, loaded: Loaded<Contact>, owner: &Owner) -> (Vec<Contact>, Vec<Problem>) {
    let Loaded { contacts, problems, .. } = loaded;
    let (mine, others): (Vec<Contact>, Vec<Contact>) =
        contacts.into_iter().partition(|contact| team.shows(&contact.owner, owner));
    let all_files: Vec<&str> = mine.iter().chain(&others).map(|contact| contact.file()).collect();
    let problems = problems_of(&mine, problems, &all_files);
    drop(all_files);
    load::release(others);
    (mine, problems)
}

/// Every owner's contacts ([`Team::groups`]), each with the problems
/// their agenda shows.
fn by_owner(team: &Team, loaded: Loaded<Contact>) -> Vec<(Owner, Vec<Contact>, Vec<Problem>)> {
    let Loaded { contacts, problems, .. } = loaded;
    let all_files: Vec<&str> = contacts.iter().map(|contact| contact.file()).collect();
    team.groups(contacts.iter().map(|contact| contact.owner.as_slice()))
        .into_iter()
        .map(|(owner, indices)| {
            let mine: Vec<Contact> = indices.iter().filter_map(|&index| contacts.get(index).cloned()).collect();
            let problems = problems_of(&mine, problems.clone(), &all_files);
            (owner, mine, problems)
        })
        .collect()
}

/// The problems an owner's agenda shows: those of their contacts' notes,
/// and those of no contact's note (`all_files` are the contacts' notes: a
/// note that could not be read, nudge.yaml), which could be anyone's.
fn problems_of(mine: &[Contact], problems: Vec<Problem>, all_files: &[&str]) -> Vec<Problem> {
    let mine: HashSet<&str> = mine.iter().map(|contact| contact.file()).collect();
    let all: HashSet<&str> = all_files.iter().copied().collect();
    problems
        .into_iter()
        .filter(|problem| mine.contains(problem.file.as_str()) || !all.contains(problem.file.as_str()))
        .collect()
}

/// How many entries each section has, in words: `4 overdue, 1 today, 2 new
/// contacts`; `nothing due` for an empty agenda.
fn counts(contacts: &[Contact]) -> String {
    // On all cores: on a large vault each contact read is a cache miss.
    let per_section = contacts
        .par_iter()
        .fold(
            || [0usize; AgendaSection::ALL.len()],
            |mut per_section, contact| {
                if let Some(count) =
                    AgendaSection::of(&contact.derived).and_then(|section| per_section.get_mut(section as usize))
                {
                    *count += 1;
                }
                per_section
            },
        )
        .reduce(
            || [0; AgendaSection::ALL.len()],
            |mut sum, part| {
                sum.iter_mut().zip(part).for_each(|(count, more)| *count += more);
                sum
            },
        );
    let words: Vec<String> = AgendaSection::ALL
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

/// `<vault>/<relative>`, its folder created when needed; a folder that
/// leads out of the vault (a symlink) is refused before anything is created.
fn vault_path(vault: &Vault, relative: &str) -> Result<PathBuf, Error> {
    create_folder(vault, relative)?;
    Ok(vault.path(relative))
}
