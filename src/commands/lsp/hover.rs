//! Hover and the line at the top of a note: on a touch, how it was read;
//! on a keyword, its meaning; elsewhere in a note, the contact's state, due
//! date, attempts, reason and hints (docs/src/lsp.md, "Hover").

use lsp_types::{Hover, HoverContents, InlayHint, InlayHintLabel, MarkupContent, MarkupKind, Position};

use super::agenda;
use super::positions::{offset, position};
use super::state::{Kind, Server};
use crate::load::{self, Derivation};
use crate::parse::Touch;
use crate::render::editor;

/// The byte range of `part` in `text`, when `part` is a slice of it.
pub(super) fn slice_range(text: &str, part: &str) -> Option<(usize, usize)> {
    let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (start + part.len() <= text.len()).then_some((start, start + part.len()))
}

/// Markdown as a hover.
fn markdown(value: String) -> Hover {
    Hover { contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }), range: None }
}

/// The hover at `at` in the note `uri`; on an agenda entry, its contact's.
pub(super) fn hover(server: &Server, uri: &lsp_types::Uri, at: Position) -> Option<Hover> {
    let doc = server.docs.get(uri)?;
    let file = match &doc.kind {
        Kind::Note(file) => file,
        Kind::Agenda => {
            let file = agenda::entry_file(server, &doc.text, at)?;
            return Some(markdown(editor::contact(server.contact(&file)?, server.today)));
        }
        Kind::Config | Kind::Other => return None,
    };
    let text = doc.text.as_str();
    let cursor = offset(text, at, server.encoding);
    let line_start = text.get(..cursor)?.rfind('\n').map_or(0, |at| at + 1);
    let line_end = text.get(cursor..)?.find('\n').map_or(text.len(), |at| cursor + at);
    let table = &server.vault.config.keywords;
    let on_touch = load::derive_text(&server.vault, file, text, server.today, |note, _, _, _| {
        let on_line = |touch: &&Touch<'_>| (line_start..=line_end).contains(&touch.span.start());
        let (touch, planned) = match note.touches.iter().find(on_line) {
            Some(touch) => (touch, false),
            None => (note.planned.iter().find(on_line)?, true),
        };
        // On a keyword: its meaning alone.
        if let Some((start, end)) = slice_range(text, touch.keywords).filter(|(s, e)| (*s..=*e).contains(&cursor)) {
            let keywords = text.get(start..end)?;
            let mut at = start;
            for word in keywords.split(' ') {
                let rest = text.get(at..end)?;
                if (at..=at + word.len()).contains(&cursor) && !word.is_empty() {
                    let read = table.read(rest, word);
                    if let Some(keyword) = read.keyword {
                        return Some(editor::keyword_meaning(read.bare, keyword));
                    }
                }
                at += word.len() + 1;
            }
        }
        Some(editor::touch(touch, table, planned))
    });
    let value = match on_touch {
        Derivation::Contact(Some(value)) => value,
        Derivation::Contact(None) => editor::contact(server.contact(file)?, server.today),
        Derivation::NotAContact | Derivation::LeftOut | Derivation::Broken(_) => return None,
    };
    Some(markdown(value))
}

/// The line at the top of a note: after its first line, `due Mon
/// 2026-12-07 (in 4 days) · attempt 3 of 5 · call`.
pub(super) fn inlay_hints(server: &Server, uri: &lsp_types::Uri) -> Vec<InlayHint> {
    let Some(doc) = server.docs.get(uri) else { return Vec::new() };
    let Kind::Note(file) = &doc.kind else { return Vec::new() };
    let Some(contact) = server.contact(file) else { return Vec::new() };
    let first_line_end = doc.text.find(['\r', '\n']).unwrap_or(doc.text.len());
    vec![InlayHint {
        position: position(&doc.text, first_line_end, server.encoding),
        label: InlayHintLabel::String(editor::headline(contact, server.today)),
        kind: None,
        text_edits: None,
        tooltip: None,
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }]
}
