//! The agenda file in the editor: go-to-definition from an entry to the
//! contact's note, and a diagnostic on each entry whose note changed since
//! the agenda was written (docs/src/lsp.md, "The agenda").

use lsp_types::{Diagnostic, DiagnosticSeverity, Location, NumberOrString, Position, Range};

use super::positions::{offset, range};
use super::state::Server;
use crate::render::agenda::marker::{Entry, entries};

/// Where the nudge comment of the entry on `line` (0-based) is in `text`.
fn comment(text: &str, line: usize) -> Option<(usize, usize)> {
    let start = text.split_inclusive('\n').take(line).map(str::len).sum::<usize>();
    let content = text.get(start..)?.split(['\n', '\r']).next()?;
    let at = content.rfind("<!-- nudge ")?;
    let end = content.get(at..)?.find("-->").map_or(content.len(), |end| at + end + 3);
    Some((start + at, start + end))
}

/// A warning (a ticked entry: `sync` would skip it) or a hint on each entry
/// whose note changed since the agenda was written or is no contact now,
/// and on each nudge comment that cannot be read.
pub(super) fn diagnostics(server: &Server, text: &str) -> Vec<Diagnostic> {
    let agenda = &server.vault.config.agenda;
    let (found, unreadable) = entries(agenda, text);
    let mut out = Vec::new();
    let mut push = |line: usize, severity, code: &str, message: String| {
        let Some((start, end)) = comment(text, line.saturating_sub(1)) else { return };
        out.push(Diagnostic {
            range: range(text, start, end, server.encoding),
            severity: Some(severity),
            code: Some(NumberOrString::String(code.to_owned())),
            source: Some("nudge".to_owned()),
            message,
            ..Diagnostic::default()
        });
    };
    for entry in &found {
        let severity = if entry.ticked { DiagnosticSeverity::WARNING } else { DiagnosticSeverity::HINT };
        match server.contact(&entry.path) {
            None => push(
                entry.line,
                severity,
                "agenda-gone",
                format!(
                    "{} is no contact of the notes folder now: run `nudge agenda` to write the agenda again",
                    entry.path
                ),
            ),
            Some(contact) if contact.fingerprint.to_string() != entry.fingerprint => push(
                entry.line,
                severity,
                "agenda-stale",
                format!(
                    "{} changed since the agenda was written{}: run `nudge agenda` to write it again",
                    entry.path,
                    if entry.ticked { " (`nudge sync` will not log this entry)" } else { "" }
                ),
            ),
            Some(_) => {}
        }
    }
    for warning in unreadable {
        let line = warning.split(':').nth(1).and_then(|line| line.parse().ok()).unwrap_or(1);
        let message = warning.splitn(3, ':').nth(2).unwrap_or_default().trim().to_owned();
        push(line, DiagnosticSeverity::WARNING, "agenda-comment", message);
    }
    out
}

/// The file of the entry at `position` of the agenda `text`.
pub(super) fn entry_file(server: &Server, text: &str, position: Position) -> Option<String> {
    let at = offset(text, position, server.encoding);
    let line = text.get(..at).map_or(0, |before| before.matches('\n').count()) + 1;
    let (found, _) = entries(&server.vault.config.agenda, text);
    let entry: &Entry = found.iter().find(|entry| entry.line == line)?;
    Some(entry.path.clone())
}

/// The contact's note for the entry at `position` of the agenda `text`.
pub(super) fn definition(server: &Server, text: &str, position: Position) -> Option<Location> {
    let file = entry_file(server, text, position)?;
    Some(Location { uri: server.uri(&file)?, range: Range::default() })
}
