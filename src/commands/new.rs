//! `nudge new NAME [--company C] [--role R] [--email E] [--playbook P]
//! [--tag T]...`: a contact note in the contacts folder, from the contact
//! template. Never overwrites; prints the new file's path for an editor.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cli::NewArgs;
use crate::commands::{Exit, Session, print};
use crate::discover::open::read_text;
use crate::discover::resolve::contact_name;
use crate::discover::{Vault, walk};
use crate::error::Error;
use crate::parse::{self, Parsed};
use crate::render::contact::{self, NewContact, TEMPLATE_FILE};
use crate::write::{VaultLock, check_inside, write_new};

/// Creates the note and prints its path.
pub fn run(session: &Session, args: &NewArgs) -> Result<Exit, Error> {
    let vault = &session.vault;
    let contact = new_contact(session, args)?;
    let slug = slug(&contact.name).ok_or_else(|| {
        Error::Usage(format!("cannot make a file name from '{}': give a name with letters or digits", contact.name))
    })?;
    let relative = format!("{}/{slug}.md", vault.config.contacts_dir.trim_end_matches('/'));
    let text = render(vault, &relative, &contact)?;
    let path = vault.root.join(&relative);
    let lock = VaultLock::acquire(&vault.root)?;
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(Error::Usage(format!("{relative} already exists: edit it, or give the new contact another name")));
    }
    if let Some(existing) = named(vault, &contact.name) {
        return Err(Error::Usage(format!(
            "a contact named '{}' already exists: {existing}; edit it, or give the new one another name",
            contact.name
        )));
    }
    create_folder(vault, &relative)?;
    write_new(&path, text.as_bytes())?;
    drop(lock);
    print(&format!("{}\n", shown(&path, &session.cwd).display()))?;
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
    let playbooks = &session.vault.config.playbooks;
    if let Some(playbook) = args.playbook.as_deref().filter(|playbook| playbooks.get(playbook).is_none()) {
        let known: Vec<&str> = playbooks.names().collect();
        return Err(Error::Usage(format!(
            "unknown playbook '{playbook}' (known: {}): use one of them, or define it under `playbooks:` in nudge.yaml",
            known.join(", ")
        )));
    }
    let mut tags = Vec::new();
    for tag in &args.tag {
        tags.extend(one_line("tag", &Some(tag.clone()))?);
    }
    Ok(NewContact {
        name,
        company: one_line("company", &args.company)?,
        role: one_line("role", &args.role)?,
        email: one_line("email", &args.email)?,
        playbook: args.playbook.clone(),
        tags,
        added: session.today,
    })
}

/// The note's text, from the user's template or the built-in one; it must
/// read back as a contact without errors.
fn render(vault: &Vault, relative: &str, contact: &NewContact) -> Result<String, Error> {
    let template_path = vault.root.join(&vault.config.templates).join(TEMPLATE_FILE);
    let users = format!("{}/{TEMPLATE_FILE}", vault.config.templates);
    let (shown_name, template) = match read_text(&template_path, &users, vault.config.max_file_size) {
        Ok(Some(template)) => (users, template),
        Ok(None) => (format!("built-in {TEMPLATE_FILE}"), contact::BUILTIN_TEMPLATE.to_owned()),
        Err(problem) => return Err(Error::File(problem)),
    };
    let text = contact::render(&shown_name, &template, contact.context()).map_err(|error| {
        let line = error.line().map(|line| format!(":{line}")).unwrap_or_default();
        let detail = error.detail().map_or_else(|| error.to_string(), str::to_owned);
        Error::Usage(format!(
            "{shown_name}{line}: error in the contact template: {detail}; fix it, or delete it to use the built-in one"
        ))
    })?;
    match parse::parse_note(relative, &text, &vault.config.keywords) {
        Parsed::Contact(..) => Ok(text),
        Parsed::NotAContact => {
            Err(Error::Usage(format!("{shown_name} makes a note without front matter: it must start with a line ---")))
        }
        Parsed::Broken(problems) => {
            let lines: Vec<String> = problems.iter().map(|problem| format!("  {problem}")).collect();
            Err(Error::Usage(format!(
                "{shown_name} makes a note that does not read as a contact:\n{}\nfix the template",
                lines.join("\n")
            )))
        }
    }
}

/// The file name for `name`: ASCII, lower case, words joined by hyphens
/// (`Siobhán O'Neill` -> `siobhan-oneill`); `None` when nothing is left.
pub fn slug(name: &str) -> Option<String> {
    let ascii = deunicode::deunicode(name).to_lowercase().replace(['\'', '`'], "");
    let words: Vec<&str> = ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|word| !word.is_empty()).collect();
    (!words.is_empty()).then(|| words.join("-"))
}

/// The file of a contact whose name is `name` (ignoring case), if any; only
/// front matter is read.
fn named(vault: &Vault, name: &str) -> Option<String> {
    let wanted = name.to_lowercase();
    let files = walk(&vault.root, &vault.config).files;
    files
        .par_iter()
        .find_first(|file| {
            contact_name(file, &[wanted.as_str()], vault.config.max_file_size)
                .is_some_and(|found| found.trim().to_lowercase() == wanted)
        })
        .map(|file| file.relative.clone())
}

/// Creates the folders of `relative`, refusing when an existing one leads
/// out of the vault (a symlink).
pub fn create_folder(vault: &Vault, relative: &str) -> Result<(), Error> {
    let path = vault.root.join(relative);
    check_inside(&vault.root, &path)?;
    let Some(folder) = path.parent() else { return Ok(()) };
    std::fs::create_dir_all(folder).map_err(|source| Error::Io { action: "create", path: folder.to_path_buf(), source })
}

/// `path` relative to `cwd` when it is below it, else as it is.
pub fn shown(path: &Path, cwd: &Path) -> PathBuf {
    path.strip_prefix(cwd).map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_words_joined_by_hyphens() {
        assert_eq!(slug("Siobhán O'Neill").as_deref(), Some("siobhan-oneill"));
        assert_eq!(slug("  Ana   Lima ").as_deref(), Some("ana-lima"));
        assert_eq!(slug("Jean-Luc Picard, Jr.").as_deref(), Some("jean-luc-picard-jr"));
        assert_eq!(slug("Łukasz Żółć").as_deref(), Some("lukasz-zolc"));
        assert_eq!(slug("O’Brien").as_deref(), Some("obrien"));
        assert_eq!(slug("!!!"), None);
    }
}
