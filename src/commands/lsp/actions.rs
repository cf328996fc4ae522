//! Code actions (docs/src/lsp.md, "Code actions"): the did-you-mean of a
//! problem as a quick fix, and on a contact note "log a touch today",
//! "snooze 1 week" and "mark as stopped", each an edit made by the code
//! `nudge log` and `nudge snooze` use, returned to the editor (nothing is
//! written to disk here).

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Uri, WorkspaceEdit};

use super::diagnostics::{diagnostic, suggestion, touches, word_at};
use super::positions::range;
use super::state::{Kind, Server};
use crate::commands::touch_line::{TouchToLog, logged};
use crate::derive::State;
use crate::load::{self, Derivation};
use crate::model::Duration;
use crate::render::agenda::todo::action;
use crate::write::edit::{set_front_matter_key, snoozed};

/// The one edit that turns `old` into `new`: the part between their common
/// start and their common end.
pub(super) fn edit_between(old: &str, new: &str, server: &Server) -> TextEdit {
    let mut start = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let longest = old.len().min(new.len()) - start;
    let mut common_end = old.bytes().rev().zip(new.bytes().rev()).take(longest).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(old.len() - common_end) || !new.is_char_boundary(new.len() - common_end) {
        common_end -= 1;
    }
    TextEdit {
        range: range(old, start, old.len() - common_end, server.encoding),
        new_text: new.get(start..new.len() - common_end).unwrap_or_default().to_owned(),
    }
}

/// An action that makes `edit` in `uri`.
fn action_with(title: String, kind: CodeActionKind, uri: &Uri, edit: TextEdit, preferred: bool) -> CodeActionOrCommand {
    let changes = HashMap::from([(uri.clone(), vec![edit])]);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        edit: Some(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// The actions at `at` in `uri`.
pub(super) fn actions(server: &Server, uri: &Uri, at: Range) -> Vec<CodeActionOrCommand> {
    let Some(doc) = server.docs.get(uri) else { return Vec::new() };
    let text = doc.text.as_str();
    let mut found = Vec::new();
    let problems = match &doc.kind {
        Kind::Note(file) => server.problems_of(file),
        Kind::Config => server.config_problems().iter().collect(),
        Kind::Agenda | Kind::Other => return Vec::new(),
    };
    for problem in problems {
        let Some(known) = suggestion(&problem.message) else { continue };
        let shown = diagnostic(text, problem, server.encoding);
        if !touches(shown.range, at) {
            continue;
        }
        let (start, end) = word_at(text, problem);
        let edit = TextEdit { range: range(text, start, end, server.encoding), new_text: known.to_owned() };
        let mut fix = action_with(format!("Change to '{known}'"), CodeActionKind::QUICKFIX, uri, edit, true);
        if let CodeActionOrCommand::CodeAction(fix) = &mut fix {
            fix.diagnostics = Some(vec![shown]);
        }
        found.push(fix);
    }
    let Kind::Note(file) = &doc.kind else { return found };
    let Some(contact) = server.contact(file) else { return found };
    let today = server.today;
    let state = contact.derived.state;
    let refactor = CodeActionKind::REFACTOR_REWRITE;
    if !matches!(state, State::Stopped | State::Closed) {
        let channel = action(contact).channel;
        let keywords = vec![channel.to_string()];
        let by = server.me.clone();
        let touch = TouchToLog { date: today, time: None, keywords, text: None, next: None, by };
        let team = &server.vault.config.team;
        let logged =
            load::derive_text(&server.vault, file, text, today, |note, _, _, _| logged(text, note, &touch, team));
        if let Derivation::Contact(logged) = logged {
            let line = logged.text.get(logged.span.range()).unwrap_or_default().trim_start();
            let title = format!("Log a touch today: {}", line.get(2..).unwrap_or(line));
            found.push(action_with(title, refactor.clone(), uri, edit_between(text, &logged.text, server), false));
        }
        let week = Duration::Weeks(1).after(today);
        if let Some(edited) = week.and_then(|until| snoozed(text, until).map(|edited| (until, edited))) {
            let (until, edited) = edited;
            let title = format!("Snooze 1 week (until {until})");
            found.push(action_with(title, refactor.clone(), uri, edit_between(text, &edited, server), false));
        }
    }
    if state != State::Stopped
        && let Some(stopped) = set_front_matter_key(text, "stage", "stopped")
    {
        let edit = edit_between(text, &stopped, server);
        found.push(action_with("Mark as stopped (stage: stopped)".to_owned(), refactor, uri, edit, false));
    }
    found
}
