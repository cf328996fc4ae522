//! A new contact's note, shared by `new` and `import`: the vault's contact
//! template (the user's `contact.md.j2`, else the built-in one), read and
//! compiled once, each note rendered from it and read back as a contact
//! before anything is written.

use crate::commands::Session;
use crate::discover::Vault;
use crate::discover::open::read_text;
use crate::error::{Error, TemplateFault};
use crate::load;
use crate::parse::Parsed;
use crate::parse::front_matter::{self, Opening};
use crate::render::contact::{self, NewContact, TEMPLATE_FILE};

/// The vault's contact template, compiled.
#[derive(Debug)]
pub(super) struct ContactTemplate {
    /// Its name in errors: the user's file, or `built-in contact.md.j2`.
    shown: String,
    template: contact::Template,
}

impl ContactTemplate {
    /// Reads and compiles the vault's template.
    pub(super) fn of(vault: &Vault) -> Result<Self, Error> {
        let template_path = vault.root.join(&vault.config.templates).join(TEMPLATE_FILE);
        let users = format!("{}/{TEMPLATE_FILE}", vault.config.templates);
        let (shown, source) = match read_text(&template_path, &users, vault.config.max_file_size) {
            Ok(Some(template)) => (users, template),
            Ok(None) => (format!("built-in {TEMPLATE_FILE}"), contact::BUILTIN_TEMPLATE.to_owned()),
            Err(problem) => return Err(Error::File(problem)),
        };
        let template = contact::Template::new(&shown, &source).map_err(|error| render_fault(&shown, &error))?;
        Ok(Self { shown, template })
    }

    /// The note of `contact` at `relative`, with `preface` (whole lines)
    /// at the start of its body; it must read back as a contact without
    /// errors and hold every key given a value.
    pub(super) fn render(
        &self,
        vault: &Vault,
        relative: &str,
        contact: &NewContact,
        preface: Option<&str>,
    ) -> Result<String, Error> {
        let fault = |fault| Error::ContactTemplate { template: self.shown.clone(), fault };
        let mut text = self.template.render(contact.context()).map_err(|error| render_fault(&self.shown, &error))?;
        if let (Some(preface), Opening::Split(split)) = (preface, front_matter::split(&text)) {
            let at = split.body_offset;
            text.insert_str(at.min(text.len()), &format!("\n{preface}"));
        }
        match load::parse_in(vault, relative, &text) {
            Parsed::Contact(..) => {
                let missing = left_out(&text, contact);
                if missing.is_empty() {
                    return Ok(text);
                }
                Err(fault(TemplateFault::LeavesOut(missing)))
            }
            Parsed::NotAContact => Err(fault(TemplateFault::NoFrontMatter)),
            Parsed::LeftOut => {
                let contacts = &vault.config.contacts;
                Err(fault(TemplateFault::LeftOut { why: contacts.left_out(), options: contacts.selection.options() }))
            }
            Parsed::Broken(problems) => Err(fault(TemplateFault::Broken(problems))),
        }
    }
}

/// The error of a template that does not compile or render.
fn render_fault(shown: &str, error: &minijinja::Error) -> Error {
    let detail = error.detail().map_or_else(|| error.to_string(), str::to_owned);
    Error::ContactTemplate { template: shown.to_owned(), fault: TemplateFault::Render { line: error.line(), detail } }
}

/// The keys given a value that the note `text` does not hold: a template of
/// the user's that does not write them (one made before `phone`, `next` or
/// `fields` existed) would lose them.
fn left_out(text: &str, contact: &NewContact) -> Vec<String> {
    let Opening::Split(split) = front_matter::split(text) else { return Vec::new() };
    let written: serde_yaml::Mapping = serde_yaml::from_str(split.yaml).unwrap_or_default();
    let given = [
        ("company", contact.company.is_some()),
        ("role", contact.role.is_some()),
        ("email", contact.email.is_some()),
        ("phone", contact.phone.is_some()),
        ("playbook", contact.playbook.is_some()),
        ("tags", !contact.tags.is_empty()),
        ("next", contact.next.is_some()),
    ];
    let keys = given.iter().filter(|(_, given)| *given).map(|(key, _)| *key);
    keys.chain(contact.fields.iter().map(|(key, _)| key.as_str()))
        .filter(|key| written.get(*key).is_none_or(serde_yaml::Value::is_null))
        .map(str::to_owned)
        .collect()
}

/// `--playbook`, checked: a playbook of the vault, or none.
pub(super) fn playbook(session: &Session, given: Option<&str>) -> Result<Option<String>, Error> {
    let playbooks = &session.vault.config.playbooks;
    if let Some(playbook) = given.filter(|playbook| playbooks.get(playbook).is_none()) {
        return Err(Error::Usage(format!(
            "{}: use one of them, or define it under `playbooks:` in nudge.yaml",
            playbooks.unknown(playbook, playbook)
        )));
    }
    Ok(given.map(str::to_owned))
}

/// The owner of a contact you add (docs/src/teams.md): in a vault with
/// `owners:`, your handle; when nudge cannot tell who you are, none, with a
/// warning saying how to tell it.
pub(super) fn my_handle(session: &Session) -> Result<Option<String>, Error> {
    let team = &session.vault.config.team;
    if !team.is_listed() {
        return Ok(None);
    }
    let me = crate::discover::owner::me(&session.vault)?;
    if me.is_none() {
        let handles: Vec<&str> = team.handles().collect();
        eprintln!(
            "nudge: warning: nudge cannot tell who you are, so the contacts you add have no owner: set NUDGE_OWNER to your handle ({}), or add your `git config user.email` to `owners:`",
            handles.join(", ")
        );
    }
    Ok(me.map(|me| me.handle))
}
