//! `nudge new NAME [--company C] [--role R] [--email E] [--phone P]
//! [--playbook P] [--tag T]... [--next DATE] [--added DATE]
//! [--field KEY=VALUE]...`: a contact note in the contacts folder, from the
//! contact template. Never overwrites; prints the new file's path for an
//! editor.

use minijinja::Value;
use rayon::prelude::*;

use crate::cli::NewArgs;
use crate::commands::contact_note::{self, ContactTemplate};
use crate::commands::{Exit, Say, Session, agenda_file, path_from_cwd, print};
use crate::discover::walk::ContactFolders;
use crate::discover::{Vault, walk};
use crate::error::Error;
use crate::load::resolve::{contact_name, slug};
use crate::model::Stage;
use crate::render::contact::NewContact;
use crate::write::journal::FileEdit;
use crate::write::{VaultLock, create_folder, write_new};

/// Creates the note and prints its path.
pub(super) fn run(session: &Session, args: &NewArgs) -> Result<Exit, Error> {
    let vault = &session.vault;
    let contact = new_contact(session, args)?;
    let slug = slug(&contact.name).ok_or_else(|| {
        Error::Usage(format!("cannot make a file name from '{}': give a name with letters or digits", contact.name))
    })?;
    let relative = format!("{}/{slug}.md", vault.config.contacts_dir.trim_end_matches('/'));
    let folders = &vault.config.contacts.folders;
    if !ContactFolders::new(folders).holds(&relative) {
        return Err(Error::OutsideContacts { file: relative, folders: folders.clone() });
    }
    let text = ContactTemplate::of(vault)?.render(vault, &relative, &contact, None)?;
    let path = vault.root.join(&relative);
    let lock = VaultLock::acquire(&vault.root)?;
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(Error::FileExists(relative));
    }
    if let Some(existing) = named(vault, &contact.name) {
        return Err(Error::ContactExists { name: contact.name, file: existing.clone() });
    }
    create_folder(vault, &relative)?;
    write_new(&path, text.as_bytes())?;
    session.edits.push(FileEdit::new(&relative, None, text.as_bytes()));
    drop(lock);
    print(&format!("{}\n", path_from_cwd(&path, &session.cwd).display()))?;
    agenda_file::refresh(session, Say::Err);
    Ok(Exit::Success)
}

/// The template's values, each checked.
fn new_contact(session: &Session, args: &NewArgs) -> Result<NewContact, Error> {
    let one_line = |what: &str, value: &Option<String>| -> Result<Option<String>, Error> {
        let value = value.as_deref().map(str::trim).filter(|value| !value.is_empty());
        if value.is_some_and(|value| value.chars().any(char::is_control)) {
            return Err(Error::Usage(format!("the {what} must be one line of text")));
        }
        Ok(value.map(str::to_owned))
    };
    let name = one_line("name", &Some(args.name.clone()))?
        .ok_or_else(|| Error::Usage("the name is empty: give the contact's name, like \"Ana Lima\"".to_owned()))?;
    let playbook = contact_note::playbook(session, args.playbook.as_deref())?;
    let mut tags = Vec::new();
    for tag in &args.tag {
        tags.extend(one_line("tag", &Some(tag.clone()))?);
    }
    let mut fields = fields(&args.field)?;
    // In a team vault, a contact you add is yours (docs/src/teams.md).
    if !fields.iter().any(|(key, _)| key == "owner")
        && let Some(me) = contact_note::my_handle(session)?
    {
        fields.push(("owner".to_owned(), Value::from(me)));
    }
    Ok(NewContact {
        name,
        company: one_line("company", &args.company)?,
        role: one_line("role", &args.role)?,
        email: checked(one_line("email", &args.email)?, "--email", is_email, "an address like ana@example.com")?,
        phone: checked(one_line("phone", &args.phone)?, "--phone", has_digit, "a number like +1 312 555 0100")?,
        playbook,
        tags,
        next: args.next,
        added: args.added.unwrap_or(session.today),
        fields,
    })
}

/// `value` when it is absent or passes `looks_right`; else a usage error
/// saying what `option` takes (docs/src/commands.md, "new"): a bad value
/// is refused, as a bad `--field stage=` is, before any file is written.
fn checked(
    value: Option<String>,
    option: &str,
    looks_right: fn(&str) -> bool,
    looks_like: &str,
) -> Result<Option<String>, Error> {
    match value {
        Some(value) if !looks_right(&value) => {
            Err(Error::Usage(format!("{option} '{value}' does not look right: give {looks_like}")))
        }
        value => Ok(value),
    }
}

/// An email address: no spaces, text before one `@`, a domain with a dot
/// after it (`ana@example.com`).
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    !local.is_empty()
        && !text.contains(char::is_whitespace)
        && !domain.contains('@')
        && domain.split('.').count() > 1
        && domain.split('.').all(|part| !part.is_empty())
}

/// A phone number has a digit, however it is written.
fn has_digit(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
}

/// The front matter keys that have an option of their own.
const OPTIONS: &[(&str, &str)] = &[
    ("name", "the NAME argument"),
    ("company", "--company"),
    ("role", "--role"),
    ("email", "--email"),
    ("phone", "--phone"),
    ("playbook", "--playbook"),
    ("tags", "--tag"),
    ("next", "--next"),
    ("added", "--added"),
];

/// The `--field`s as template values: each key once and not one that has
/// an option of its own; `stage` one of its words, `do_not_contact` a
/// boolean, `owner` a handle or a list of them; any other value a string.
fn fields(given: &[(String, String)]) -> Result<Vec<(String, Value)>, Error> {
    let mut fields: Vec<(String, Value)> = Vec::with_capacity(given.len());
    for (key, value) in given {
        if let Some((_, option)) = OPTIONS.iter().find(|(known, _)| known == key) {
            return Err(Error::Usage(format!("--field {key}=...: give the {key} with {option}")));
        }
        if fields.iter().any(|(seen, _)| seen == key) {
            return Err(Error::Usage(format!("--field {key} is given twice: give each key once")));
        }
        let value = match key.as_str() {
            "stage" if Stage::from_word(value).is_none() => {
                return Err(Error::Usage(format!(
                    "--field stage={value}: the stage is one of {}",
                    Stage::WORDS.join(", ")
                )));
            }
            "do_not_contact" => match value.to_ascii_lowercase().as_str() {
                "true" | "yes" => Value::from(true),
                "false" | "no" => Value::from(false),
                _ => return Err(Error::Usage(format!("--field do_not_contact={value}: write true or false"))),
            },
            // A shared account: `dana,sam` or `[dana, sam]` (docs/src/teams.md).
            "owner" => {
                let handles: Vec<&str> = value
                    .trim()
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .split(',')
                    .map(str::trim)
                    .filter(|handle| !handle.is_empty())
                    .collect();
                match handles.as_slice() {
                    [one] => Value::from(*one),
                    [] => Value::from(value.as_str()),
                    _ => Value::from(handles.iter().map(|handle| (*handle).to_owned()).collect::<Vec<_>>()),
                }
            }
            _ => Value::from(value.as_str()),
        };
        fields.push((key.clone(), value));
    }
    Ok(fields)
}

/// The file of a contact whose name is `name` (ignoring case), if any; only
/// front matter is read.
fn named(vault: &Vault, name: &str) -> Option<String> {
    let wanted = name.to_lowercase();
    let files = walk(&vault.root, &vault.config).files;
    files
        .par_iter()
        .find_first(|file| {
            contact_name(vault, *file, &[wanted.as_str()]).is_some_and(|found| found.trim().to_lowercase() == wanted)
        })
        .map(|file| file.relative.to_owned())
}
