//! Completion in a note (docs/src/lsp.md, "Completion"): front matter keys,
//! `playbook:` and `stage:` values, today's date at the start of a touch,
//! the keywords after its date (with their meaning), and `next:` dates.

use chrono::NaiveDate;
use lsp_types::{CompletionItem, CompletionItemKind, Position};

use super::positions::offset;
use super::state::{Kind, Server};
use crate::model::{Duration, Stage, parse_date};
use crate::parse::front_matter::{KNOWN_KEYS, Opening, split};
use crate::render::editor::keyword_meaning;
use crate::render::show::relative_day;

/// One item: `label` inserted as is, with `detail` beside it.
fn item(label: &str, kind: CompletionItemKind, detail: String) -> CompletionItem {
    CompletionItem { label: label.to_owned(), kind: Some(kind), detail: Some(detail), ..CompletionItem::default() }
}

/// What may be written at `at` in the note `uri`.
pub(super) fn completion(server: &Server, uri: &lsp_types::Uri, at: Position) -> Vec<CompletionItem> {
    let Some(doc) = server.docs.get(uri) else { return Vec::new() };
    let Kind::Note(file) = &doc.kind else { return Vec::new() };
    let text = doc.text.as_str();
    let cursor = offset(text, at, server.encoding);
    let before = text.get(..cursor).unwrap_or_default();
    let line = before.rsplit('\n').next().unwrap_or_default();
    let in_front_matter = match split(text) {
        Opening::Split(found) => cursor < found.body_offset && before.contains('\n'),
        Opening::Unclosed => before.contains('\n'),
        Opening::None => false,
    };
    if in_front_matter {
        return front_matter(server, file, line);
    }
    let Some(rest) = after_list_marker(line) else { return Vec::new() };
    if rest.is_empty() {
        let today = server.today.to_string();
        return vec![item(&today, CompletionItemKind::VALUE, "today: a touch logged today".to_owned())];
    }
    let Some(after_date) = rest.get(..10).and_then(parse_date).and_then(|_| rest.get(10..)) else { return Vec::new() };
    let words = after_date.trim_start();
    if words.ends_with("next:") || words.ends_with("next: ") {
        return next_dates(server, file);
    }
    if words.contains(':') || !after_date.starts_with([' ', '\t']) {
        return Vec::new();
    }
    let mut items: Vec<CompletionItem> = server
        .vault
        .config
        .keywords
        .iter()
        .map(|(word, keyword)| item(word, CompletionItemKind::KEYWORD, keyword_meaning(word, keyword)))
        .collect();
    items.sort_by(|a, b| a.label.cmp(&b.label));
    items
}

/// A line's text after its list marker (`-`, `*`, `+`, `1.`), one space
/// and a checkbox; `None` when it is no list item.
fn after_list_marker(line: &str) -> Option<&str> {
    let item = line.trim_start();
    let digits = item.len() - item.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = match item.get(digits..)?.chars().next()? {
        '.' | ')' if digits > 0 => digits + 1,
        '-' | '*' | '+' if digits == 0 => 1,
        _ => return None,
    };
    let rest = item.get(marker..)?.strip_prefix(' ')?;
    Some(["[ ] ", "[x] ", "[X] "].iter().find_map(|checkbox| rest.strip_prefix(checkbox)).unwrap_or(rest))
}

/// Keys on a line with none yet; the values of `playbook:`, `stage:`,
/// `next:` and `added:`.
fn front_matter(server: &Server, file: &str, line: &str) -> Vec<CompletionItem> {
    let Some((key, _)) = line.split_once(':') else {
        if line.starts_with([' ', '\t', '-']) {
            return Vec::new();
        }
        return KNOWN_KEYS
            .iter()
            .map(|key| CompletionItem {
                insert_text: Some(format!("{key}: ")),
                ..item(key, CompletionItemKind::FIELD, "a front matter key nudge reads".to_owned())
            })
            .collect();
    };
    let config = &server.vault.config;
    match key.trim() {
        "playbook" => config
            .playbooks
            .iter()
            .map(|playbook| {
                let default = if *playbook.name == *config.default_playbook { " (the default)" } else { "" };
                item(&playbook.name, CompletionItemKind::ENUM_MEMBER, format!("playbook{default}"))
            })
            .collect(),
        "stage" => Stage::WORDS
            .iter()
            .map(|word| item(word, CompletionItemKind::ENUM_MEMBER, "stage: overrides the derived state".to_owned()))
            .collect(),
        "next" => next_dates(server, file),
        "added" => vec![item(&server.today.to_string(), CompletionItemKind::VALUE, "today".to_owned())],
        _ => Vec::new(),
    }
}

/// Dates for `next:`: today plus the playbook's wait after the next
/// attempt, and after a reply.
fn next_dates(server: &Server, file: &str) -> Vec<CompletionItem> {
    let today = server.today;
    let playbooks = &server.vault.config.playbooks;
    let contact = server.contact(file);
    let playbook = contact
        .and_then(|contact| playbooks.get(&contact.playbook))
        .or_else(|| playbooks.get(&server.vault.config.default_playbook))
        .unwrap_or_else(|| playbooks.first());
    let attempt = contact.map_or(1, |contact| contact.derived.attempts.saturating_add(1));
    let waits = [
        (playbook.wait_after(attempt), format!("the {} playbook's wait after attempt {attempt}", playbook.name)),
        (playbook.after_reply, format!("the {} playbook's wait after a reply", playbook.name)),
    ];
    let mut items: Vec<CompletionItem> = Vec::new();
    for (wait, why) in waits {
        let Some(date) = wait.after(today) else { continue };
        if items.iter().any(|found| found.label == date.to_string()) {
            continue;
        }
        items.push(item(&date.to_string(), CompletionItemKind::VALUE, dated(date, today, &why, wait)));
    }
    items
}

/// `in 5 days (Tue): the sales playbook's wait after attempt 2 (5 days)`.
fn dated(date: NaiveDate, today: NaiveDate, why: &str, wait: Duration) -> String {
    format!("{} ({}): {why} ({})", relative_day(date, today), date.format("%a"), wait.words())
}
