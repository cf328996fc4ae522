//! `nudge agenda --watch`: write the agenda, then again whenever a note,
//! `nudge.yaml` or a template changes (file events from the `notify` crate;
//! a burst of changes makes one render), and when the day changes; stop
//! cleanly on Ctrl-C (or SIGTERM): the write in progress finishes, nothing
//! is left behind.

use std::io::IsTerminal;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use chrono::NaiveDate;
use notify::event::ModifyKind;
use notify::{Event, EventKind, RecursiveMode, Watcher};

use crate::commands::{Exit, Session, print};
use crate::discover::{CONFIG_FILE, Vault};
use crate::error::Error;
use crate::write::journal::Pending;

/// Changes closer together than this make one render...
const DEBOUNCE: Duration = Duration::from_millis(100);

/// ...but a render waits no longer than this for changes to stop.
const MAX_WAIT: Duration = Duration::from_millis(500);

/// How often the day is looked at when nothing changes.
const TICK: Duration = Duration::from_secs(30);

/// Clears a terminal and puts the cursor at the top left.
const CLEAR_SCREEN: &str = "\x1b[2J\x1b[H";

/// What wakes the loop.
enum Wake {
    /// Something in the notes folder changed.
    Changed,
    /// The watcher failed; the message says why.
    Failed(String),
    /// Ctrl-C or SIGTERM.
    Stop,
}

/// Runs `render` now and after every relevant change until Ctrl-C; each
/// render gets a fresh session (the config is read again). Today follows
/// the clock when the session's day is the local date (a `--today` of
/// another day stays). A failing render is reported and the watch goes on:
/// fix the note or template and it renders again.
/// With `clear`, a terminal is cleared before each render (for `-o -`).
pub(super) fn run(
    session: &Session,
    clear: bool,
    mut render: impl FnMut(&Session) -> Result<Exit, Error>,
) -> Result<Exit, Error> {
    let today_pinned = session.today != local_today();
    let clear = clear && std::io::stdout().is_terminal();
    let mut render = move |session: &Session| {
        if clear {
            print(CLEAR_SCREEN)?;
        }
        render(session)
    };
    let root = session.vault.root.clone();
    let (sender, wakes) = mpsc::channel();
    let stop = sender.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Wake::Stop);
    })
    .map_err(|error| Error::CtrlC(error.to_string()))?;
    let filter = Filter::new(&session.vault);
    let changes = sender;
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
        let wake = match result {
            Ok(event) if filter.wakes(&event) => Wake::Changed,
            Ok(_) => return,
            Err(error) => Wake::Failed(error.to_string()),
        };
        let _ = changes.send(wake);
    })
    .map_err(|error| watch_error(&root, &error))?;
    watcher.watch(&root, RecursiveMode::Recursive).map_err(|error| watch_error(&root, &error))?;
    eprintln!("nudge: watching {} for changes; Ctrl-C stops", root.display());

    let mut today = session.today;
    report(render(session));
    loop {
        let wake = match wakes.recv_timeout(TICK) {
            Ok(wake) => wake,
            Err(mpsc::RecvTimeoutError::Timeout) if !today_pinned && local_today() != today => Wake::Changed,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        match wake {
            Wake::Stop => break,
            Wake::Failed(message) => eprintln!("nudge: warning: watching the notes folder: {message}"),
            Wake::Changed => {
                if settle(&wakes) {
                    break;
                }
                if !today_pinned {
                    today = local_today();
                }
                match Vault::discover(Some(&root), &session.cwd) {
                    Ok(vault) => report(render(&Session {
                        vault,
                        today,
                        cwd: session.cwd.clone(),
                        quiet: session.quiet,
                        edits: Pending::default(),
                    })),
                    Err(error) => report(Err(error)),
                }
            }
        }
    }
    eprintln!("nudge: stopped watching");
    Ok(Exit::Success)
}

/// Waits until no change came for [`DEBOUNCE`] (at most [`MAX_WAIT`]),
/// taking in the changes of a burst (an editor's save, a `git pull`);
/// whether a stop came meanwhile.
fn settle(wakes: &mpsc::Receiver<Wake>) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < MAX_WAIT {
        match wakes.recv_timeout(DEBOUNCE) {
            Ok(Wake::Stop) => return true,
            Ok(_) => {}
            Err(mpsc::RecvTimeoutError::Timeout) => return false,
            Err(mpsc::RecvTimeoutError::Disconnected) => return true,
        }
    }
    false
}

/// Shows a failed render the way `nudge` shows errors, and goes on.
fn report(result: Result<Exit, Error>) {
    if let Err(error) = result {
        eprintln!("nudge: {}", error.report());
    }
}

fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn watch_error(root: &Path, error: &notify::Error) -> Error {
    Error::Watch { root: root.to_path_buf(), error: error.to_string() }
}

/// Which changes can change the agenda.
#[derive(Debug, Clone)]
struct Filter {
    /// The notes folder as given, and as the system resolves it (events may
    /// name either).
    roots: [PathBuf; 2],
    /// The templates folder, relative (hidden by default, yet relevant).
    templates: PathBuf,
    /// The agenda, relative: writing it is no reason to write it again.
    agenda: PathBuf,
}

impl Filter {
    fn new(vault: &Vault) -> Self {
        let root = vault.root.clone();
        let canonical = root.canonicalize().unwrap_or_else(|_| root.clone());
        Self {
            roots: [root, canonical],
            templates: PathBuf::from(&vault.config.templates),
            agenda: PathBuf::from(&vault.config.agenda),
        }
    }

    /// Whether `event` changed a relevant file: created, written, renamed or
    /// removed it (reading a file, as every render does, is no change).
    fn wakes(&self, event: &Event) -> bool {
        let changed = match event.kind {
            EventKind::Create(_) | EventKind::Remove(_) => true,
            EventKind::Modify(kind) => !matches!(kind, ModifyKind::Metadata(_)),
            EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
        };
        changed && event.paths.iter().any(|path| self.relevant(path))
    }

    /// A markdown file (not the agenda) or `nudge.yaml` outside hidden
    /// folders, or a file in the templates folder; never nudge's temporary
    /// files (`.nudge-*`), git's or editors' hidden files.
    fn relevant(&self, path: &Path) -> bool {
        let Some(relative) = self.roots.iter().find_map(|root| path.strip_prefix(root).ok()) else { return false };
        let name = relative.file_name().map(|name| name.to_string_lossy()).unwrap_or_default();
        if name.starts_with(".nudge-") {
            return false;
        }
        if relative.starts_with(&self.templates) {
            return true;
        }
        let hidden = relative.components().any(|component| match component {
            Component::Normal(part) => part.to_string_lossy().starts_with('.'),
            _ => false,
        });
        let markdown = relative.extension().is_some_and(|extension| extension.eq_ignore_ascii_case("md"));
        !hidden && ((markdown && relative != self.agenda) || relative == Path::new(CONFIG_FILE))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::Config;

    #[test]
    fn notes_config_and_templates_count_but_not_the_agenda_or_hidden_files() {
        let vault = Vault { root: PathBuf::from("/v"), config: Config::default() };
        let filter = Filter::new(&vault);
        let relevant = |path: &str| filter.relevant(Path::new(path));
        assert!(relevant("/v/people/dana.md"));
        assert!(relevant("/v/nudge.yaml"));
        assert!(relevant("/v/.nudge/templates/agenda.md.j2"));
        assert!(!relevant("/v/agenda.md"), "its own output");
        assert!(!relevant("/v/people/.nudge-x1y2.tmp"), "a write in progress");
        assert!(!relevant("/v/.git/index"));
        assert!(!relevant("/v/.obsidian/workspace.md"));
        assert!(!relevant("/v/people/photo.jpg"));
        assert!(!relevant("/elsewhere/x.md"));
    }

    #[test]
    fn reading_a_note_is_no_change() {
        use notify::event::{AccessKind, CreateKind, DataChange, MetadataKind};
        let vault = Vault { root: PathBuf::from("/v"), config: Config::default() };
        let filter = Filter::new(&vault);
        let event = |kind| Event::new(kind).add_path(PathBuf::from("/v/people/dana.md"));
        assert!(filter.wakes(&event(EventKind::Modify(ModifyKind::Data(DataChange::Any)))));
        assert!(filter.wakes(&event(EventKind::Create(CreateKind::File))));
        assert!(!filter.wakes(&event(EventKind::Access(AccessKind::Any))), "every render reads the notes");
        assert!(!filter.wakes(&event(EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)))));
    }
}
