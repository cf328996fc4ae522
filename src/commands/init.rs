//! `nudge init`: sets up a notes folder: `nudge.yaml` with every setting,
//! its default and a comment; the templates folder with copies of the
//! built-in templates; one example contact while the folder has none.
//! Never overwrites a file.

use chrono::{Days, NaiveDate};
use minijinja::context;
use rayon::prelude::*;

use crate::cli::InitArgs;
use crate::commands::{Exit, Say, Session};
use crate::discover::{CONFIG_FILE, Vault, holidays, walk};
use crate::error::Error;
use crate::load::resolve::has_front_matter;
use crate::render::contact;
use crate::write::{VaultLock, create_folder, write_new};

mod git_hook;

/// `nudge.yaml` as `init` writes it: every key with its default.
pub(super) const CONFIG_TEMPLATE: &str = include_str!("../../templates/nudge.yaml");

/// The example contact, with dates relative to the day of `init`.
const EXAMPLE_TEMPLATE: &str = include_str!("../../templates/example.md.j2");

/// The example contact's file name, in the contacts folder.
const EXAMPLE_FILE: &str = "ada-example.md";

/// Creates what is missing and says what was created and what was kept.
pub(super) fn run(session: &Session, args: &InitArgs) -> Result<Exit, Error> {
    if args.git_hook {
        return git_hook::run(session);
    }
    let vault = &session.vault;
    let config = &vault.config;
    let templates = config.templates.trim_end_matches('/');
    let folder = existing_contacts_folder(vault);
    let contacts = folder.as_deref().unwrap_or_else(|| config.contacts_dir.trim_end_matches('/'));
    let files = [
        (CONFIG_FILE.to_owned(), config_text(locale().as_deref(), folder.as_deref())),
        (format!("{templates}/{}", contact::TEMPLATE_FILE), contact::BUILTIN_TEMPLATE.to_owned()),
    ];
    let example_file = format!("{contacts}/{EXAMPLE_FILE}");
    let lock = VaultLock::acquire(&vault.root)?;
    let mut report = String::new();
    let notes = notes_with_front_matter(vault);
    let example_missing = std::fs::symlink_metadata(vault.root.join(&example_file)).is_err();
    let example =
        if example_missing && !notes.is_empty() { None } else { Some((example_file.clone(), example(session.today)?)) };
    let mut config_created = false;
    for (relative, content) in files.iter().chain(&example) {
        if create(vault, relative, content)? {
            report.push_str(&format!("created {relative}\n"));
            config_created |= relative == CONFIG_FILE;
        } else {
            report.push_str(&format!("kept    {relative} (it exists: left as it is)\n"));
        }
    }
    if example.is_none() {
        report.push_str(&format!("skipped {example_file} (the notes folder has contacts: no example needed)\n"));
    }
    drop(lock);
    if config_created {
        report.push_str(&other_notes_hint(&notes, contacts));
    }
    report.push_str(
        "\nNext: `nudge new \"Full Name\"` adds a contact, `nudge log NAME call voicemail` records a touch, `nudge agenda` writes today's list.\n",
    );
    session.say(Say::Out, &report)?;
    Ok(Exit::Success)
}

/// The user's locale: `LC_ALL`, else `LANG` (the first one set and not empty).
fn locale() -> Option<String> {
    ["LC_ALL", "LANG"].iter().filter_map(|name| std::env::var(name).ok()).find(|value| !value.is_empty())
}

/// The vault's own folder of people spelled otherwise than the default
/// `contacts_dir` (`People/`, as Obsidian vaults have it), while no
/// `nudge.yaml` says where contacts go: `init` names it, so that `nudge new`
/// writes beside the user's contacts, not into a second folder `people/`.
fn existing_contacts_folder(vault: &Vault) -> Option<String> {
    let default = crate::discover::Config::default().contacts_dir;
    if vault.config.contacts_dir != default || std::fs::symlink_metadata(vault.path(CONFIG_FILE)).is_ok() {
        return None;
    }
    std::fs::read_dir(&vault.root)
        .ok()?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.eq_ignore_ascii_case(&default) && *name != default)
        .min()
}

/// `nudge.yaml` as `init` writes it: [`CONFIG_TEMPLATE`], with the holiday
/// preset of the user's `locale` commented out above `holidays:`, to be
/// turned on by hand (`en_US.UTF-8` -> `# holidays: [US]`), and the
/// vault's own contacts `folder` as `contacts_dir` when it has one.
fn config_text(locale: Option<&str>, folder: Option<&str>) -> String {
    let mut text = CONFIG_TEMPLATE.to_owned();
    if let Some(folder) = folder {
        text = text.replacen("\ncontacts_dir: people\n", &format!("\ncontacts_dir: {folder}\n"), 1);
    }
    let Some((locale, preset)) = locale.and_then(|locale| Some((locale, holidays::for_locale(locale)?))) else {
        return text;
    };
    let line = format!("# holidays: [{preset}]   # the public holidays of your locale ({locale})\nholidays: []\n");
    text.replacen("holidays: []\n", &line, 1)
}

/// Creates `relative` with `content` unless something is there already;
/// whether it did.
fn create(vault: &Vault, relative: &str, content: &str) -> Result<bool, Error> {
    let path = vault.root.join(relative);
    if std::fs::symlink_metadata(&path).is_ok() {
        return Ok(false);
    }
    create_folder(vault, relative)?;
    match write_new(&path, content.as_bytes()) {
        Ok(()) => Ok(true),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error),
    }
}

/// The notes of the vault with front matter (readable or not), relative to
/// it: each is a contact while `nudge.yaml` says nothing of `contacts:`.
/// With any, the example is not written, nor written again once deleted.
fn notes_with_front_matter(vault: &Vault) -> Vec<String> {
    let max_size = vault.config.max_file_size;
    let files = walk(&vault.root, &vault.config).files;
    files.par_iter().filter(|file| has_front_matter(*file, max_size)).map(|file| file.relative.to_owned()).collect()
}

/// What `init` says when it wrote `nudge.yaml` in a folder whose `notes`
/// with front matter lie outside the `contacts` folder too (an Obsidian
/// vault's daily notes, projects, templates): each of them is a contact
/// until `contacts:` says which are, so it says how many, where, and what to
/// set. Empty when every note is in the contacts folder.
fn other_notes_hint(notes: &[String], contacts: &str) -> String {
    let inside = format!("{contacts}/");
    let others: Vec<&String> = notes.iter().filter(|note| !note.starts_with(&inside)).collect();
    if others.is_empty() {
        return String::new();
    }
    let mut folders: Vec<&str> =
        others.iter().filter_map(|note| note.split_once('/').map(|(folder, _)| folder)).collect();
    folders.dedup();
    let shown: Vec<String> = folders.iter().take(3).map(|folder| format!("{folder}/")).collect();
    let more = if folders.len() > shown.len() { ", ..." } else { "" };
    let place = if shown.is_empty() { String::new() } else { format!(" ({}{more})", shown.join(", ")) };
    format!(
        "\nEvery note with front matter is a contact until nudge.yaml says which are: that makes contacts of {} \
         outside {inside}{place}. If they are daily notes, projects or templates, set `contacts:` in nudge.yaml \
         (folders, tags or where): see \"Which notes are contacts\" in docs/src/configuration.md.\n",
        crate::render::count(others.len(), "note", "notes")
    )
}

/// The example contact: added a week ago, emailed the day after, a
/// voicemail two days ago.
fn example(today: NaiveDate) -> Result<String, Error> {
    let ago = |days| today.checked_sub_days(Days::new(days)).unwrap_or(today);
    let dates = context! { added => ago(7).to_string(), emailed => ago(6).to_string(), called => ago(2).to_string() };
    contact::render("example contact", EXAMPLE_TEMPLATE, dates)
        .map_err(|error| Error::ExampleContact(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_has_the_locales_holiday_preset_commented_out() {
        let text = config_text(Some("en_US.UTF-8"), None);
        assert!(
            text.contains("\n# holidays: [US]   # the public holidays of your locale (en_US.UTF-8)\nholidays: []\n"),
            "{text}"
        );
        assert_eq!(Config::parse(&text), Ok(Config::default()), "commented out");
        assert_eq!(config_text(Some("C.UTF-8"), None), CONFIG_TEMPLATE);
        assert_eq!(config_text(None, None), CONFIG_TEMPLATE);
    }
    use crate::discover::Config;

    #[test]
    fn the_config_written_by_init_is_the_defaults() {
        assert_eq!(Config::parse(CONFIG_TEMPLATE), Ok(Config::default()));
    }

    #[test]
    fn the_config_written_by_init_names_every_setting() {
        for key in crate::discover::config::KEYS {
            assert!(CONFIG_TEMPLATE.contains(&format!("\n{key}: ")), "{key} is missing");
        }
    }
}
