//! `nudge show CONTACT`: one contact's timeline, state, due date and why.

use crate::cli::ShowArgs;
use crate::commands::{Exit, Session, print};
use crate::discover::read::read_note_bytes;
use crate::error::Error;
use crate::load::resolve;
use crate::load::{self, Derivation};
use crate::parse;
use crate::problem::Problem;

/// Prints the contact's page; a contact that cannot be read prints its problems (exit 1).
pub(super) fn run(session: &Session, args: &ShowArgs) -> Result<Exit, Error> {
    let vault = &session.vault;
    let file = resolve(vault, &args.contact.join(" "), &session.cwd)?;
    let bytes = match read_note_bytes(file.borrowed(), vault.config.max_file_size) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return not_a_contact(&file.relative),
        Err(problem) => return broken(&[problem]),
    };
    let text = match parse::decode(&file.relative, &bytes) {
        Ok(Some(text)) => text,
        Ok(None) => return not_a_contact(&file.relative),
        Err(problem) => return broken(&[problem]),
    };
    let today = session.today;
    let page = load::derive_text(vault, &file.relative, text, today, |note, playbook, derived, problems| {
        crate::render::show::contact(note, &playbook.name, derived, &problems, today)
    });
    match page {
        Derivation::NotAContact => not_a_contact(&file.relative),
        Derivation::LeftOut => {
            Err(Error::NotAContact { file: file.relative.clone(), why: vault.config.contacts.left_out() })
        }
        Derivation::Broken(problems) => broken(&problems),
        Derivation::Contact(page) => {
            print(&page)?;
            Ok(Exit::Success)
        }
    }
}

fn not_a_contact(file: &str) -> Result<Exit, Error> {
    Err(Error::NotAContact { file: file.to_owned(), why: "it has no front matter (a first line ---)".to_owned() })
}

fn broken(problems: &[Problem]) -> Result<Exit, Error> {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    print(&format!("{}\n", lines.join("\n")))?;
    Ok(Exit::Problems)
}
