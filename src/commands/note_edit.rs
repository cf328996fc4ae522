//! The write side shared by `log`, `snooze` and `sync`: under the vault's
//! lock, read one contact afresh, change its text, make sure the changed
//! text reads back as meant, write it atomically, and say what it is now.

use crate::commands::Session;
use crate::derive::State;
use crate::discover::NoteFile;
use crate::discover::read::read_note_bytes;
use crate::error::Error;
use crate::load::{self, Derivation};
use crate::parse::{self, Note};
use crate::problem::Problem;
use crate::write::journal::FileEdit;
use crate::write::{VaultLock, write_in_vault};

/// One change to a contact's text.
pub(super) trait Change {
    /// What is being done, for messages (`add a touch`).
    fn what(&self) -> String;
    /// The new text of the note `text` (read as `note`).
    fn apply(&mut self, text: &str, note: &Note<'_>) -> Result<String, Error>;
    /// Whether the new note reads as this change meant; else why not.
    fn check(&self, before: &Note<'_>, after: &Note<'_>) -> Result<(), String>;
    /// What was written, and where (`people/dana.md:14`), for the report.
    fn written(&self, file: &str) -> (String, String);
    /// Whether a problem of the changed note is about what this change
    /// wrote (an attempt forced after a stop): the report shows those.
    fn concerns(&self, _problem: &Problem) -> bool {
        false
    }
    /// Why the change must not be made to a contact that was in `state`
    /// (for `reason`, in words) before it, `after` being the changed note;
    /// `None` when it may.
    fn refusal(&self, _state: State, _reason: &str, _after: &Note<'_>) -> Option<String> {
        None
    }
}

/// Applies `change` to the contact `file` and returns the report: what was
/// written and the contact's state now. `_lock` proves the vault is locked:
/// the file is read under it, so no other nudge writes it in between.
pub(super) fn edit(
    session: &Session,
    _lock: &VaultLock,
    file: &NoteFile,
    change: &mut dyn Change,
) -> Result<String, Error> {
    let refused = |why: String| Error::CannotEdit { what: change.what(), file: file.relative.clone(), why };
    let bytes = match read_note_bytes(file.borrowed(), session.vault.config.max_file_size) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(refused(not_a_contact())),
        Err(problem) => return Err(refused(problems(&[problem]))),
    };
    let text = match parse::decode(&file.relative, &bytes) {
        Ok(Some(text)) => text,
        Ok(None) => return Err(refused(not_a_contact())),
        Err(problem) => return Err(refused(problems(&[problem]))),
    };
    let today = session.today;
    let standing = load::derive_text(&session.vault, &file.relative, text, today, |note, playbook, derived, _| {
        (note.clone(), derived.state, derived.reason.words(&playbook.name).to_string())
    });
    let (before, state, reason) = match standing {
        Derivation::Contact(found) => found,
        Derivation::NotAContact => return Err(refused(not_a_contact())),
        Derivation::LeftOut => return Err(refused(session.vault.config.contacts.left_out())),
        Derivation::Broken(found) => return Err(refused(problems(&found))),
    };
    let new_text = change.apply(text, &before)?;
    let derivation =
        load::derive_text(&session.vault, &file.relative, &new_text, today, |after, playbook, derived, problems| {
            if let Some(why) = change.refusal(state, &reason, after) {
                return Err(Error::Refused(why));
            }
            let concerning: Vec<Problem> = problems.into_iter().filter(|problem| change.concerns(problem)).collect();
            let found = (after.name().to_owned(), playbook.name.clone(), derived.clone(), concerning);
            change.check(&before, after).map(|()| found).map_err(|why| unsafe_change(change, file, &why))
        });
    let (name, playbook, derived, concerning) = match derivation {
        Derivation::Contact(Ok(found)) => found,
        Derivation::Contact(Err(error)) => return Err(error),
        Derivation::NotAContact | Derivation::LeftOut | Derivation::Broken(_) => {
            return Err(unsafe_change(change, file, "the note would no longer read as a contact"));
        }
    };
    write_in_vault(&session.vault.root, &file.path, &[&new_text])?;
    session.edits.push(FileEdit::new(&file.relative, Some(text), new_text.as_bytes()));
    let (place, written) = change.written(&file.relative);
    let mut report = crate::render::edited::edited(&place, &written, &name, &playbook, &derived, today);
    for problem in concerning {
        report.push_str(&format!("  {problem}\n"));
    }
    Ok(report)
}

fn not_a_contact() -> String {
    "it is not a contact: it has no front matter (a first line ---)".to_owned()
}

fn problems(found: &[Problem]) -> String {
    let lines: Vec<String> = found.iter().map(|problem| format!("  {problem}")).collect();
    format!("the note has problems:\n{}\nfix them (see `nudge check`), then try again", lines.join("\n"))
}

fn unsafe_change(change: &dyn Change, file: &NoteFile, why: &str) -> Error {
    Error::UnsafeEdit { what: change.what(), file: file.relative.clone(), why: why.to_owned() }
}
