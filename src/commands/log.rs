//! `nudge log CONTACT KEYWORDS... [-m TEXT] [--next DATE] [--date DATE]
//! [--time HH:MM]`: one touch line added to the contact's note, next to its
//! other touches, changing no other byte.

use crate::cli::LogArgs;
use crate::commands::agenda_file;
use crate::commands::touch_line::{TouchToLog, log_touch};
use crate::commands::{Exit, Say, Session};
use crate::error::Error;
use crate::load::resolve;
use crate::write::VaultLock;

/// Adds the touch and prints it with the contact's new state.
pub(super) fn run(session: &Session, args: &LogArgs) -> Result<Exit, Error> {
    let (contact, keywords) = contact_and_keywords(session, args);
    let mut touch = TouchToLog::from_args(session, args, keywords)?;
    touch.by = crate::discover::owner::me(&session.vault)?.map(|me| me.handle);
    let file = resolve(&session.vault, &contact, &session.cwd)?;
    let lock = VaultLock::acquire(&session.vault.root)?;
    let report = log_touch(session, &lock, &file, &touch, args.force)?;
    drop(lock);
    session.say(Say::Out, &report)?;
    agenda_file::refresh(session, Say::Out);
    Ok(Exit::Success)
}

/// The contact and the keywords given. A name typed without quotes
/// (`log Carla Diaz email`) splits into several arguments: each word at the
/// start of the keywords that is no keyword, and makes with the name
/// before it the name of exactly one contact, is read as part of the name
/// (docs/src/commands.md, "log"). One keyword at
/// least is left.
fn contact_and_keywords<'a>(session: &Session, args: &'a LogArgs) -> (String, &'a [String]) {
    let mut contact = args.contact.clone();
    let mut keywords = args.keywords.as_slice();
    while let [word, rest @ ..] = keywords {
        let line = keywords.join(" ");
        let read = session.vault.config.keywords.read(&line, word.split(' ').next().unwrap_or_default());
        if rest.is_empty() || read.keyword.is_some() || read.note {
            break;
        }
        let longer = format!("{contact} {word}");
        if resolve(&session.vault, &longer, &session.cwd).is_err() {
            break;
        }
        (contact, keywords) = (longer, rest);
    }
    (contact, keywords)
}
