//! The agenda (docs/src/agenda.md): every contact due within the horizon sorted into
//! one section, and the problems, handed to a minijinja template (the
//! built-in one, or the user's). Values print escaped for markdown, so note
//! data never breaks the agenda and is never read as a template.

mod builtin;
mod context;
pub(crate) mod marker;
pub(crate) mod todo;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Output, State};
use rayon::prelude::*;

use context::{ContactList, Contacts};

use crate::derive::Contact;
use crate::derive::reason::weekday_name;
use crate::derive::{Derived, State as ContactState, Urgency};
use crate::discover::{Config, LinkStyle};
use crate::model::owner::Owner;
use crate::model::span::Span;
use crate::problem::Problem;
use crate::render::markdown::{escape, escape_into, link};
use crate::render::{count, order_by_due_then_name, sort_by_due_then_name};

/// The built-in template, compiled into the binary.
pub(crate) const BUILTIN_TEMPLATE: &str = include_str!("../../templates/agenda.md.j2");

/// The file name of the template, built in or in the vault's `templates` folder.
pub(crate) const TEMPLATE_FILE: &str = "agenda.md.j2";

/// The auto-escape mode of agenda templates: markdown.
const MARKDOWN: &str = "markdown";

/// The agenda's sections, in their order. Each contact on the agenda is in
/// exactly one: last shots, new contacts and nurture check-ins have their
/// own sections whatever their date; the others go by urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum AgendaSection {
    /// Due before today, oldest first.
    Overdue,
    /// Due today.
    Today,
    /// The final attempt is due (R9), overdue, today or within the horizon.
    LastShots,
    /// Due within `horizon_days`.
    Upcoming,
    /// No touches yet (R13), due within the horizon or before.
    New,
    /// A nurture check-in (R10) due within the horizon or before.
    Nurture,
}

impl AgendaSection {
    /// Every section, in agenda order.
    pub(crate) const ALL: [Self; 6] =
        [Self::Overdue, Self::Today, Self::LastShots, Self::Upcoming, Self::New, Self::Nurture];

    /// The section of a contact, `None` when it is not on the agenda (due
    /// later, or never).
    pub(crate) fn of(derived: &Derived) -> Option<Self> {
        if !matches!(derived.urgency, Urgency::Overdue | Urgency::Today | Urgency::Upcoming) {
            return None;
        }
        Some(match (derived.state, derived.urgency) {
            (ContactState::LastShot, _) => Self::LastShots,
            (ContactState::New, _) => Self::New,
            (ContactState::Nurture, _) => Self::Nurture,
            (_, Urgency::Overdue) => Self::Overdue,
            (_, Urgency::Today) => Self::Today,
            _ => Self::Upcoming,
        })
    }

    /// The key templates use: `overdue`, `today`, `last_shots`, `upcoming`, `new`, `nurture`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Self::Overdue => "overdue",
            Self::Today => "today",
            Self::LastShots => "last_shots",
            Self::Upcoming => "upcoming",
            Self::New => "new",
            Self::Nurture => "nurture",
        }
    }

    /// The section's count in the agenda's summary: `1 last shot`,
    /// `2 new contacts`, `1 overdue`.
    pub(crate) fn counted(self, n: usize) -> String {
        match self {
            Self::LastShots => count(n, "last shot", "last shots"),
            Self::New => count(n, "new contact", "new contacts"),
            Self::Overdue | Self::Today | Self::Upcoming | Self::Nurture => {
                format!("{n} {}", self.title().to_lowercase())
            }
        }
    }

    /// The heading: `Last shots`.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Self::Overdue => "Overdue",
            Self::Today => "Today",
            Self::LastShots => "Last shots",
            Self::Upcoming => "Upcoming",
            Self::New => "New contacts",
            Self::Nurture => "Nurture due",
        }
    }
}

/// What an agenda is made from.
#[derive(Debug)]
pub struct Input<'a> {
    /// Today.
    pub today: NaiveDate,
    /// The vault's settings (`horizon_days`, `link_style`).
    pub config: &'a Config,
    /// Every contact, in any order.
    pub contacts: Vec<Contact>,
    /// Every problem of `nudge check`, sorted.
    pub problems: &'a [Problem],
    /// Whose agenda it is, when it is one owner's (docs/src/teams.md).
    pub owner: Option<&'a Owner>,
}

/// A template: its name (as errors show it) and its text.
#[derive(Debug, Clone, Copy)]
pub struct Template<'a> {
    /// `agenda.md.j2`, or the path of the user's template in the vault.
    pub name: &'a str,
    /// The template's text.
    pub source: &'a str,
}

impl Template<'static> {
    /// The built-in template.
    pub const BUILTIN: Self = Self { name: TEMPLATE_FILE, source: BUILTIN_TEMPLATE };
}

/// Renders the agenda, in pieces to be written one after the other (see
/// [`crate::write::write_if_changed`]), with the contacts given back for
/// the caller to free (none when the template engine took them); a
/// template error is a problem at its line in the template. The built-in
/// template is printed by its compiled twin (module `builtin`), which
/// prints the same bytes as the template engine, in many pieces; the
/// engine prints one.
pub fn render(template: Template<'_>, input: Input<'_>) -> Result<(Vec<String>, Vec<Contact>), Problem> {
    prepare(template, input).map(Rendered::pieces)
}

/// The agenda of `input` ready to be printed: the built-in template's is
/// printed when asked for, whole ([`Rendered::pieces`]) or as it is
/// written ([`Rendered::each_piece`]); a user's template is rendered here.
pub(crate) fn prepare<'a>(template: Template<'_>, input: Input<'a>) -> Result<Rendered<'a>, Problem> {
    let agenda = Agenda::of(input);
    if template.source == BUILTIN_TEMPLATE {
        return Ok(Rendered(Printed::Builtin(agenda)));
    }
    render_agenda(template, agenda).map(|text| Rendered(Printed::Text(text)))
}

/// An agenda made by [`prepare`].
pub(crate) struct Rendered<'a>(Printed<'a>);

/// What a [`Rendered`] agenda is printed from.
enum Printed<'a> {
    /// The built-in template's agenda, printed when asked for.
    Builtin(Agenda<'a>),
    /// A user's template's text.
    Text(String),
}

impl Rendered<'_> {
    /// The agenda in pieces to be written one after the other (see
    /// [`render`]), with its contacts to be freed (none after a user's
    /// template: the engine took them).
    pub(crate) fn pieces(self) -> (Vec<String>, Vec<Contact>) {
        match self.0 {
            Printed::Builtin(agenda) => (builtin::render(&agenda), agenda.contacts),
            Printed::Text(text) => (vec![text], Vec::new()),
        }
    }

    /// The same pieces, handed to `take` one at a time, in order, while it
    /// returns `true`; whether every piece was taken. The built-in
    /// template's are printed a few at a time and each few taken before the
    /// next are printed: for an agenda written once, never all in memory.
    pub(crate) fn each_piece(&self, take: &mut dyn FnMut(&str) -> std::io::Result<bool>) -> std::io::Result<bool> {
        match &self.0 {
            Printed::Builtin(agenda) => builtin::each_piece(agenda, take),
            Printed::Text(text) => take(text),
        }
    }

    /// Its contacts, to be freed.
    pub(crate) fn into_contacts(self) -> Vec<Contact> {
        match self.0 {
            Printed::Builtin(agenda) => agenda.contacts,
            Printed::Text(_) => Vec::new(),
        }
    }
}

/// [`render`] with the template engine whatever the template: the
/// reference the built-in template's compiled twin is tested against.
pub fn render_with_engine(template: Template<'_>, input: Input<'_>) -> Result<String, Problem> {
    render_agenda(template, Agenda::of(input))
}

fn render_agenda(template: Template<'_>, agenda: Agenda<'_>) -> Result<String, Problem> {
    let environment = environment();
    let compiled = environment
        .template_from_named_str(template.name, template.source)
        .map_err(|error| template_problem(&error, template))?;
    compiled.render(context(agenda)).map(marker::sealed).map_err(|error| template_problem(&error, template))
}

/// An agenda ready to print: the contacts in order, each section's.
#[derive(Debug)]
struct Agenda<'a> {
    today: NaiveDate,
    horizon_days: u32,
    /// The last day of the horizon.
    horizon_end: NaiveDate,
    style: LinkStyle,
    /// Every contact, in the order given.
    contacts: Vec<Contact>,
    /// The section of each contact, if it is on the agenda.
    of_contact: Vec<Option<AgendaSection>>,
    /// The sections that have contacts, in order, with the positions of theirs.
    sections: Vec<(AgendaSection, Vec<usize>)>,
    problems: &'a [Problem],
    owner: Option<&'a Owner>,
}

impl<'a> Agenda<'a> {
    fn of(input: Input<'a>) -> Self {
        let Input { today, config, contacts, problems, owner } = input;
        let of_contact: Vec<Option<AgendaSection>> =
            contacts.par_iter().map(|contact| AgendaSection::of(&contact.derived)).collect();
        // Only the contacts on the agenda are sorted here; the template
        // engine's list of every contact is sorted when a template asks.
        let mut on_agenda: Vec<usize> =
            (0..contacts.len()).filter(|&index| matches!(of_contact.get(index), Some(Some(_)))).collect();
        sort_by_due_then_name(&contacts, &mut on_agenda);
        let mut sections: BTreeMap<AgendaSection, Vec<usize>> = BTreeMap::new();
        for index in on_agenda {
            if let Some(section) = of_contact.get(index).copied().flatten() {
                sections.entry(section).or_default().push(index);
            }
        }
        let horizon_end = today.checked_add_days(chrono::Days::new(config.horizon_days.into())).unwrap_or(today);
        Self {
            today,
            horizon_days: config.horizon_days,
            horizon_end,
            style: config.link_style,
            contacts,
            of_contact,
            sections: sections.into_iter().collect(),
            problems,
            owner,
        }
    }
}

/// The engine: markdown auto-escaping, `{% ... %}` lines leave no blank
/// line behind (`trim_blocks`, `lstrip_blocks`), the final newline is kept;
/// undefined values print nothing.
fn environment() -> Environment<'static> {
    let mut environment = Environment::new();
    let syntax = SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).keep_trailing_newline(true).build();
    if let Ok(syntax) = syntax {
        environment.set_syntax(syntax);
    }
    environment.set_auto_escape_callback(|_| AutoEscape::Custom(MARKDOWN.into()));
    environment.set_formatter(format_value);
    environment
}

/// Prints a value: nothing for `none` and undefined values, markdown as is
/// when it is marked safe (links, markers), anything else escaped onto one line.
fn format_value(out: &mut Output<'_>, state: &mut State<'_, '_>, value: &Value) -> Result<(), minijinja::Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    let markdown = matches!(state.auto_escape(), AutoEscape::Custom(mode) if mode == MARKDOWN) && !value.is_safe();
    let written = match (value.as_str(), markdown) {
        (Some(text), true) => escape_into(out, text),
        (None, true) => escape_into(out, &value.to_string()),
        (Some(text), false) => out.write_str(text),
        (None, false) => write!(out, "{value}"),
    };
    written.map_err(|error| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, error.to_string()))
}

/// The whole template context (docs/src/agenda.md).
fn context(agenda: Agenda<'_>) -> Value {
    let Agenda { today, horizon_days, horizon_end, style, contacts, of_contact, sections, problems, owner } = agenda;
    let order = order_by_due_then_name(&contacts);
    let all = Arc::new(Contacts { contacts, sections: of_contact, style, today });
    let list = |indices| Value::from_object(ContactList { all: all.clone(), indices });
    let mut counts: BTreeMap<&str, Value> = AgendaSection::ALL
        .iter()
        .map(|section| {
            let count = sections.iter().find(|(of, _)| of == section).map_or(0, |(_, entries)| entries.len());
            (section.key(), Value::from(count))
        })
        .collect();
    let errors = problems.iter().filter(|problem| problem.is_error()).count();
    counts.insert("problems", Value::from(problems.len()));
    counts.insert("errors", Value::from(errors));
    counts.insert("warnings", Value::from(problems.len() - errors));
    let sections: Vec<Value> = sections
        .into_iter()
        .map(|(section, entries)| {
            Value::from(BTreeMap::from([
                ("key", Value::from(section.key())),
                ("title", Value::from(section.title())),
                ("count", Value::from(entries.len())),
                ("counted", Value::from(section.counted(entries.len()))),
                ("entries", list(entries)),
            ]))
        })
        .collect();
    Value::from(BTreeMap::from([
        ("today", Value::from(today.to_string())),
        ("weekday", Value::from(weekday_name(today))),
        ("horizon_days", Value::from(horizon_days)),
        ("horizon_end", Value::from(horizon_end.to_string())),
        ("link_style", Value::from(if style == LinkStyle::Wiki { "wiki" } else { "markdown" })),
        ("sections", Value::from(sections)),
        ("contacts", list(order)),
        ("problems", problems.iter().map(|problem| problem_value(problem, style)).collect()),
        ("counts", Value::from(counts)),
        ("owner", owner.map_or(Value::from(()), owner_value)),
    ]))
}

/// The owner whose agenda it is: `handle`, `name` (the display name, else
/// the handle) and `email` (none when not given).
fn owner_value(owner: &Owner) -> Value {
    Value::from(BTreeMap::from([
        ("handle", Value::from(owner.handle.as_str())),
        ("name", Value::from(owner.display_name())),
        ("email", Value::from(owner.email.as_deref())),
    ]))
}

/// A problem: where, how bad, what; `link` opens the file at `path:line:col`.
fn problem_value(problem: &Problem, style: LinkStyle) -> Value {
    let link = problem_link(problem, style);
    let position = problem.position();
    Value::from(BTreeMap::from([
        ("file", Value::from(problem.file.as_str())),
        ("line", Value::from(position.line)),
        ("column", Value::from(position.column)),
        ("severity", Value::from(problem.severity.as_str())),
        ("message", Value::from(problem.message.as_str())),
        ("text", Value::from(problem.to_string())),
        ("link", Value::from_safe_string(link)),
    ]))
}

/// A link to the place of a problem, `path:line:col` (markdown).
fn problem_link(problem: &Problem, style: LinkStyle) -> String {
    let place = format!("{}:{}", problem.file, problem.position());
    if problem.file.is_empty() { escape(&place) } else { link(style, &problem.file, &place) }
}

/// A template error as a problem at its place in the template.
fn template_problem(error: &minijinja::Error, template: Template<'_>) -> Problem {
    let in_template = error.name().is_none_or(|name| name == template.name);
    let line_start = |line: usize| match line.checked_sub(2) {
        None => 0,
        Some(breaks) => template.source.match_indices('\n').nth(breaks).map_or(template.source.len(), |(at, _)| at + 1),
    };
    let span = match (error.range(), error.line()) {
        (Some(range), _) if in_template => Span::new(range.start, range.end),
        (_, Some(line)) => Span::at(line_start(line)),
        _ => Span::START,
    };
    let what = match error.detail() {
        Some(detail) => format!("{}: {detail}", error.kind()),
        None => error.kind().to_string(),
    };
    let mut problem = Problem::error(
        template.name,
        span,
        format!("{what}; fix the template, or move it away to use the built-in one"),
    );
    crate::problem::attach_source(std::slice::from_mut(&mut problem), template.source);
    problem
}

#[cfg(test)]
mod tests;
