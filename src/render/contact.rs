//! The note `nudge new` creates, from a minijinja template: the built-in
//! one, or the user's `contact.md.j2` in the templates folder. Values reach
//! the front matter through the `yaml` filter, which quotes them when YAML
//! needs it (a name with `:` or `#`, a tag that reads as a number).

use chrono::NaiveDate;
use minijinja::{Environment, Value, context};

/// The built-in contact template.
pub(crate) const BUILTIN_TEMPLATE: &str = include_str!("../../templates/contact.md.j2");

/// The file name of a user's contact template, in the templates folder.
pub(crate) const TEMPLATE_FILE: &str = "contact.md.j2";

/// What a new contact's template is given.
#[derive(Debug, Clone, Default)]
pub(crate) struct NewContact {
    /// The name.
    pub name: String,
    /// `--company`.
    pub company: Option<String>,
    /// `--role`.
    pub role: Option<String>,
    /// `--email`.
    pub email: Option<String>,
    /// `--phone`.
    pub phone: Option<String>,
    /// `--playbook`.
    pub playbook: Option<String>,
    /// `--tag`s.
    pub tags: Vec<String>,
    /// `--next`.
    pub next: Option<NaiveDate>,
    /// `--added`, else today.
    pub added: NaiveDate,
    /// `--field`s, in the order given: a string, or a boolean for
    /// `do_not_contact`.
    pub fields: Vec<(String, Value)>,
}

impl NewContact {
    /// The template's variables: `name`, `company`, `role`, `email`,
    /// `phone`, `playbook`, `next` (none when not given), `tags` (a list),
    /// `added` (a date), `fields` (a list of `[key, value]` pairs).
    pub(crate) fn context(&self) -> Value {
        context! {
            name => self.name.clone(),
            company => self.company.clone(),
            role => self.role.clone(),
            email => self.email.clone(),
            phone => self.phone.clone(),
            playbook => self.playbook.clone(),
            tags => self.tags.clone(),
            next => self.next.map(|next| next.to_string()),
            added => self.added.to_string(),
            fields => self.fields.iter().map(|(key, value)| vec![Value::from(key.as_str()), value.clone()]).collect::<Vec<_>>(),
        }
    }
}

/// Renders `template` (named `name` in errors) with `context`; the output
/// keeps the template's final newline.
pub(crate) fn render(name: &str, template: &str, context: Value) -> Result<String, minijinja::Error> {
    Template::new(name, template)?.render(context)
}

/// A contact template read once and rendered for many contacts
/// (`nudge import`).
#[derive(Debug)]
pub(crate) struct Template {
    environment: Environment<'static>,
    name: String,
}

impl Template {
    /// Compiles `template`, named `name` in errors.
    pub(crate) fn new(name: &str, template: &str) -> Result<Self, minijinja::Error> {
        let mut environment = Environment::new();
        environment.set_syntax(
            minijinja::syntax::SyntaxConfig::builder().trim_blocks(true).keep_trailing_newline(true).build()?,
        );
        environment.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        environment.add_filter("yaml", yaml);
        environment.add_template_owned(name.to_owned(), template.to_owned())?;
        Ok(Self { environment, name: name.to_owned() })
    }

    /// The note for `context`; it keeps the template's final newline.
    pub(crate) fn render(&self, context: Value) -> Result<String, minijinja::Error> {
        self.environment.get_template(&self.name)?.render(context)
    }
}

/// A value as YAML: a string as a scalar, quoted when it must be; a boolean
/// as `true` or `false`; a list as a flow list `[a, "b, c"]`. The
/// templates' `yaml` filter; `nudge import --update` writes values with it.
pub(crate) fn yaml(value: Value) -> String {
    if value.kind() == minijinja::value::ValueKind::Bool {
        return value.is_true().to_string();
    }
    match value.try_iter() {
        Ok(items) if value.as_str().is_none() => {
            let items: Vec<String> = items.map(|item| flow_scalar(&item.to_string())).collect();
            format!("[{}]", items.join(", "))
        }
        _ => block_scalar(&value.to_string()),
    }
}

/// A string as YAML writes it in a block mapping: plain when that reads
/// back as the same string, else quoted.
fn block_scalar(text: &str) -> String {
    match serde_yaml::to_string(text) {
        Ok(written) if !written.starts_with(['|', '>']) => written.trim_end_matches('\n').to_owned(),
        _ => double_quoted(text),
    }
}

/// A string inside a flow list: like [`block_scalar`], and quoted when it
/// holds a flow indicator.
fn flow_scalar(text: &str) -> String {
    let plain = block_scalar(text);
    if plain == text && text.contains([',', '[', ']', '{', '}']) { double_quoted(text) } else { plain }
}

/// A YAML double-quoted string (JSON's escapes are YAML's).
fn double_quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{}\"", text.replace(['"', '\\'], "")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(name: &str) -> NewContact {
        NewContact {
            name: name.to_owned(),
            added: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            ..NewContact::default()
        }
    }

    #[test]
    fn the_builtin_template_writes_only_what_is_given() {
        let output = render("contact.md.j2", BUILTIN_TEMPLATE, contact("Ana Lima").context()).unwrap();
        assert_eq!(output, "---\nname: Ana Lima\nadded: 2026-11-25\n---\n\n## Touches\n");
        let full = NewContact {
            company: Some("Acme: Robots #1".to_owned()),
            role: Some("CTO".to_owned()),
            email: Some("ana@acme.example".to_owned()),
            playbook: Some("sales".to_owned()),
            tags: vec!["vip".to_owned(), "a, b".to_owned(), "2026".to_owned(), "yes".to_owned()],
            ..contact("Siobhán O'Neill")
        };
        assert_eq!(
            render("contact.md.j2", BUILTIN_TEMPLATE, full.context()).unwrap(),
            "---\nname: Siobhán O'Neill\ncompany: 'Acme: Robots #1'\nrole: CTO\nemail: ana@acme.example\ntags: [vip, \"a, b\", '2026', yes]\nplaybook: sales\nadded: 2026-11-25\n---\n\n## Touches\n"
        );
    }

    #[test]
    fn values_that_yaml_would_misread_are_quoted() {
        for text in
            ["#1 fan", "a: b", "null", "true", "2026-11-25", "- dash", "'quoted'", "\"x\"", "12", "@home", "  spaced "]
        {
            let written = block_scalar(text);
            let read: String = serde_yaml::from_str(&format!("key: {written}"))
                .ok()
                .and_then(|value: serde_yaml::Value| value.get("key").and_then(|v| v.as_str()).map(str::to_owned))
                .unwrap_or_default();
            assert_eq!(read, text, "{written}");
        }
    }
}
