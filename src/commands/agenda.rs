//! `nudge agenda`: render the agenda and write it into the notes folder
//! (atomically, and only when it changed), to another file, or to stdout.

use std::path::{Path, PathBuf};

use crate::cli::AgendaArgs;
use crate::commands::new::create_folder;
use crate::commands::{Exit, Session, print, print_pieces, sync, watch};
use crate::discover::Vault;
use crate::discover::open::read_text;
use crate::error::Error;
use crate::pipeline::{self, UnknownKeys};
use crate::render::agenda::{self, Input, TEMPLATE_FILE, Template};
use crate::write::{write_if_changed, write_in_vault};

/// Writes or prints the agenda, first logging the entries ticked in the
/// current one with `--sync`; exit 0 even when notes have problems (the
/// agenda lists them), 2 on a template or I/O error (the old agenda stays).
pub fn run(session: &Session, args: &AgendaArgs) -> Result<Exit, Error> {
    let printing = args.output.as_deref() == Some(Path::new("-"));
    if args.sync {
        let synced = sync::log_ticked(session)?;
        for warning in &synced.warnings {
            eprintln!("nudge: warning: {warning}");
        }
        if printing {
            eprint!("{}", synced.report);
        } else {
            print(&synced.report)?;
        }
        synced.keep_ticks()?;
    }
    if args.watch {
        return watch::run(session, printing, |session| write(session, args.output.as_deref()));
    }
    write(session, args.output.as_deref())
}

/// Renders the agenda and writes it to `output` (`-`: stdout; relative to
/// the current folder), by default to the configured path in the vault.
pub fn write(session: &Session, output: Option<&Path>) -> Result<Exit, Error> {
    let vault = &session.vault;
    let user_template = user_template(vault)?;
    let template = user_template.as_ref().map_or(Template::BUILTIN, |(name, source)| Template { name, source });
    let unknown_keys = if user_template.is_some() { UnknownKeys::Keep } else { UnknownKeys::Drop };
    let loaded = pipeline::load(vault, session.today, unknown_keys);
    let input =
        Input { today: session.today, config: &vault.config, contacts: loaded.contacts, problems: &loaded.problems };
    let pieces = agenda::render(template, input).map_err(Error::Template)?;
    match output {
        Some(path) if path == Path::new("-") => print_pieces(&pieces)?,
        Some(path) => {
            write_if_changed(&session.cwd.join(path), &pieces)?;
        }
        None => {
            write_in_vault(&vault.root, &configured_path(vault)?, &pieces)?;
        }
    }
    Ok(Exit::Success)
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
