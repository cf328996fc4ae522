//! One module per subcommand; each returns the exit code it wants.

mod agenda;
mod agenda_file;
mod check;
pub(crate) mod completions;
mod contact_note;
mod ics;
mod import;
mod init;
mod log;
pub(crate) mod lsp;
mod man;
mod new;
mod note_edit;
mod reassign;
mod show;
mod snooze;
mod stats;
mod status;
mod sync;
mod team;
mod terminal;
mod ticked;
mod touch_line;
mod undo;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::{Cli, Command, OwnerArgs};
use crate::discover::Vault;
use crate::error::Error;
pub(crate) use crate::error::Exit;
use crate::model::owner::{Owner, Team, UNOWNED, same_handle};
use crate::write::journal::{self, Pending};
use crate::write::{Content, VaultLock};

/// What every command starts from: the vault, today, the working folder.
#[derive(Debug)]
pub(crate) struct Session {
    /// The notes folder and its config.
    pub vault: Vault,
    /// Today's date (`--today`, else the local date).
    pub today: NaiveDate,
    /// The folder nudge was started in.
    pub cwd: PathBuf,
    /// `--quiet`: say nothing about what was written.
    pub quiet: bool,
    /// The notes this command wrote, for the undo journal.
    pub edits: Pending,
}

/// Where a command says what it wrote: stdout, or stderr when stdout holds
/// the command's output (`new` prints the new file's path, `-o -` the agenda).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Say {
    /// Standard output.
    Out,
    /// Standard error.
    Err,
}

impl Session {
    /// Says what was written (`text`, whole lines) on `to`, unless `--quiet`.
    pub(crate) fn say(&self, to: Say, text: &str) -> Result<(), Error> {
        match (self.quiet, to) {
            (true, _) => Ok(()),
            (false, Say::Out) => print(text),
            (false, Say::Err) => {
                eprint!("{text}");
                Ok(())
            }
        }
    }
}

impl Session {
    /// Whose contacts a command shows (docs/src/teams.md): `--owner`, else
    /// nobody's in particular with `--all-owners`, else, in a team vault
    /// (`owners:` or `agenda_per_owner`), the one running nudge
    /// ([`discover::owner::me`](crate::discover::owner::me)); `None`:
    /// every contact. An owner nudge.yaml's `owners:` does not list is a
    /// usage error with a did-you-mean.
    pub(crate) fn owner(&self, args: &OwnerArgs) -> Result<Option<Owner>, Error> {
        let team = &self.vault.config.team;
        match (&args.owner, args.all_owners) {
            (Some(handle), _) if same_handle(handle, UNOWNED) && team.find(handle).is_none() => {
                Ok(Some(Team::nobody()))
            }
            (Some(handle), _) if !team.is_listed() => Ok(Some(Owner::handle(handle.trim()))),
            (Some(handle), _) => team
                .find(handle)
                .cloned()
                .map(Some)
                .ok_or_else(|| Error::Usage(format!("--owner: {}", team.unknown(handle)))),
            (None, true) => Ok(None),
            // A vault of one person (no team in nudge.yaml) shows every
            // contact, whatever NUDGE_OWNER says for a team's repository.
            (None, false) if !team.is_listed() && self.vault.config.agenda_per_owner.is_none() => Ok(None),
            (None, false) => crate::discover::owner::me(&self.vault),
        }
    }
}

/// Runs the parsed command line.
pub(crate) fn dispatch(cli: Cli) -> Result<Exit, Error> {
    // These two describe the command line itself: they need no notes folder.
    match &cli.command {
        Command::Completions(args) => return completions::run(args),
        Command::Man => return man::run(),
        _ => {}
    }
    let cwd =
        std::env::current_dir().map_err(|source| Error::Io { action: "read", path: PathBuf::from("."), source })?;
    let today = cli.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    // The editor says which folder it opened: a broken nudge.yaml is a
    // diagnostic there, not a reason not to start.
    if matches!(cli.command, Command::Lsp) {
        return lsp::run(cli.notes.as_deref(), today, &cwd);
    }
    // `init` sets up the folder it is given, or the current one: never a parent's.
    let notes = match (&cli.command, cli.notes) {
        (Command::Init(_), None) => Some(cwd.clone()),
        (_, notes) => notes,
    };
    let mut vault = Vault::discover(notes.as_deref(), &cwd)?;
    vault.config.cache &= !cli.no_cache;
    let session = Session { vault, today, cwd, quiet: cli.quiet, edits: Pending::default() };
    let result = match cli.command {
        Command::Check(args) => check::run(&session, &args),
        Command::Status(args) => status::run(&session, &args),
        Command::Show(args) => show::run(&session, &args),
        Command::Agenda(args) => agenda::run(&session, &args),
        Command::Log(args) => log::run(&session, &args),
        Command::New(args) => new::run(&session, &args),
        Command::Import(args) => import::run(&session, &args),
        Command::Init(args) => init::run(&session, &args),
        Command::Snooze(args) => snooze::run(&session, &args),
        Command::Sync(args) => sync::run(&session, &args),
        Command::Reassign(args) => reassign::run(&session, &args),
        Command::Stats(args) => stats::run(&session, &args),
        Command::Team(args) => team::run(&session, &args),
        Command::Ics(args) => ics::run(&session, &args),
        Command::Completions(args) => completions::run(&args),
        Command::Undo(args) => undo::run(&session, &args),
        Command::Lsp => lsp::run(Some(&session.vault.root), session.today, &session.cwd),
        Command::Man => man::run(),
    };
    journal_edits(&session);
    result
}

/// Records the notes the command wrote, if any, as one entry of the undo
/// journal. A journal that cannot be written is a warning: the notes are
/// written, only their undo is lost.
fn journal_edits(session: &Session) {
    let files = session.edits.take();
    if files.is_empty() {
        return;
    }
    let root = &session.vault.root;
    let entry = journal::Entry {
        time: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        command: command_line(std::env::args().skip(1)),
        files,
    };
    let recorded = VaultLock::acquire(root).and_then(|lock| journal::append(root, &lock, entry));
    if let Err(error) = recorded {
        eprintln!("nudge: warning: the edit was made, but `nudge undo` will not know it: {}", error.report());
    }
}

/// The command line as the journal shows it: without the options that
/// only say where and when (`--notes`, `--today`, `--quiet`), words with
/// spaces quoted.
fn command_line(args: impl Iterator<Item = String>) -> String {
    let mut words = Vec::new();
    let mut skip_value = false;
    for arg in args {
        if std::mem::take(&mut skip_value) {
            continue;
        }
        match arg.as_str() {
            "--notes" | "--today" => skip_value = true,
            "-q" | "--quiet" => {}
            _ if arg.starts_with("--notes=") || arg.starts_with("--today=") => {}
            _ if arg.is_empty() || arg.contains(char::is_whitespace) => words.push(format!("{arg:?}")),
            _ => words.push(arg),
        }
    }
    words.join(" ")
}

/// Writes a command's output to stdout in one go. A closed pipe
/// (`nudge status | head`) is not an error.
pub(crate) fn print(text: &str) -> Result<(), Error> {
    print_pieces(&[text])
}

/// [`print()`] for output in pieces, written one after the other.
pub(crate) fn print_pieces(pieces: &(impl Content + ?Sized)) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match crate::write::write_pieces(&mut stdout, pieces).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::Io { action: "write", path: PathBuf::from("standard output"), source: error })
        }
        _ => Ok(()),
    }
}

/// `path` relative to `cwd` when it is below it, else as it is.
pub(crate) fn path_from_cwd(path: &Path, cwd: &Path) -> PathBuf {
    path.strip_prefix(cwd).map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}
