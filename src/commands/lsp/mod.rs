//! `nudge lsp`: the Language Server Protocol over stdio (docs/src/lsp.md).
//! The vault is loaded once at `initialize`, on all cores; then each
//! changed buffer is parsed again alone and its diagnostics published once
//! the changes queued behind it are applied (typing sends many: they are
//! coalesced). Requests are answered from the buffers, never the disk;
//! edits are returned to the editor, never written.

mod actions;
mod agenda;
mod completion;
mod diagnostics;
mod hover;
mod positions;
mod state;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, Exit as ExitNotification,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, Completion, GotoDefinition, HoverRequest, InlayHintRequest, RegisterCapability, Request as _,
    Shutdown,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, HoverProviderCapability, MessageType,
    OneOf, PositionEncodingKind, PublishDiagnosticsParams, Registration, RegistrationParams, SaveOptions,
    ServerCapabilities, ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};
use serde_json::Value;

use crate::discover::CONFIG_FILE;
use crate::error::{Error, Exit};
use positions::{Encoding, apply_change, uri_path};
use state::{Published, Server};

/// Serves the vault `notes` (else the nearest folder up from the
/// workspace, or from `cwd`, that holds `nudge.yaml`) until the editor
/// says `exit`: exit code 0 after `shutdown`, 1 without (the protocol's).
pub(crate) fn run(notes: Option<&Path>, today: NaiveDate, cwd: &Path) -> Result<Exit, Error> {
    let (connection, io_threads) = Connection::stdio();
    let exit = serve(&connection, notes, today, cwd);
    drop(connection);
    // The reader has stopped at `exit` or at the end of the input; the
    // writer stops once the connection is dropped, every reply sent.
    let _ = io_threads.join();
    exit
}

/// For the fuzz target `lsp` and the tests: a server on the default
/// config, with no file read, `text` open as the note `people/x.md`; each
/// of `changes` applied as the editor sends it (a range of lines and
/// columns `[line, column, line, column]` and the text put there, or the
/// whole text), the note read again after each; then hover, inlay hints,
/// completion, code actions and go-to-definition asked at every place of
/// `asked`. Returns the final text and its diagnostics' ranges, as byte
/// offsets of it. Columns are UTF-8 bytes when `utf8`, else UTF-16 units.
pub fn replay(
    text: &str,
    changes: &[(Option<[u32; 4]>, &str)],
    asked: &[(u32, u32)],
    utf8: bool,
) -> (String, Vec<(usize, usize)>) {
    use lsp_types::{Position, Range};
    let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
    let root = PathBuf::from("/nudge-replay");
    let vault = crate::discover::Vault { root: root.clone(), config: crate::discover::Config::default() };
    let mut server = Server::new(vault, NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default(), encoding);
    let Some(uri) = positions::path_uri(&root.join("people/x.md")) else { return (String::new(), Vec::new()) };
    server.set_text(uri.clone(), text.to_owned(), 0);
    server.refresh();
    for (version, (range, new)) in (1..).zip(changes) {
        let mut changed = server.docs.get(&uri).map(|doc| doc.text.clone()).unwrap_or_default();
        let range = range.map(|[a, b, c, d]| Range::new(Position::new(a, b), Position::new(c, d)));
        apply_change(&mut changed, range, new, encoding);
        server.set_text(uri.clone(), changed, version);
        server.refresh();
    }
    for &(line, character) in asked {
        let at = Position::new(line, character);
        hover::hover(&server, &uri, at);
        completion::completion(&server, &uri, at);
        actions::actions(&server, &uri, Range::new(at, at));
        if let Some(doc) = server.docs.get(&uri) {
            agenda::definition(&server, &doc.text, at);
        }
    }
    hover::inlay_hints(&server, &uri);
    let text = server.docs.get(&uri).map(|doc| doc.text.clone()).unwrap_or_default();
    let diagnostics = server.published(&uri).map(|published| published.diagnostics).unwrap_or_default();
    let ranges = diagnostics
        .iter()
        .map(|found| {
            (positions::offset(&text, found.range.start, encoding), positions::offset(&text, found.range.end, encoding))
        })
        .collect();
    (text, ranges)
}

/// The error of a broken connection.
fn protocol(error: impl std::fmt::Display) -> Error {
    Error::Io {
        action: "read",
        path: PathBuf::from("the editor's messages"),
        source: std::io::Error::other(error.to_string()),
    }
}

fn serve(connection: &Connection, notes: Option<&Path>, today: NaiveDate, cwd: &Path) -> Result<Exit, Error> {
    let (id, params) = connection.initialize_start().map_err(protocol)?;
    let encoding = encoding(&params);
    let workspace = workspace(&params).unwrap_or_else(|| cwd.to_path_buf());
    let found = match notes {
        Some(notes) => Some(cwd.join(notes)),
        None => workspace.ancestors().find(|dir| dir.join(CONFIG_FILE).is_file()).map(Path::to_path_buf),
    };
    let load_notes = found.is_some();
    let mut server = Server::start(found.unwrap_or(workspace), today, encoding, load_notes);
    let result = serde_json::json!({
        "capabilities": capabilities(encoding),
        "serverInfo": { "name": "nudge", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(protocol)?;
    if !load_notes {
        let message = format!(
            "nudge: no {CONFIG_FILE} here or in a folder above: only the open notes are read (`nudge init` makes a notes folder)"
        );
        let params = ShowMessageParams { typ: MessageType::WARNING, message };
        send(connection, Message::Notification(Notification::new(ShowMessage::METHOD.to_owned(), params)));
    }
    if let Some(published) = server.config_diagnostics() {
        publish(connection, published);
    }
    if params.pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration") == Some(&Value::Bool(true)) {
        send(connection, Message::Request(watch_files()));
    }
    let mut shut_down = false;
    while let Ok(message) = connection.receiver.recv() {
        let mut next = Some(message);
        // Everything already queued is applied before diagnostics go out.
        while let Some(message) = next.take() {
            if let Message::Notification(notification) = &message
                && notification.method == ExitNotification::METHOD
            {
                return Ok(if shut_down { Exit::Success } else { Exit::Problems });
            }
            if let Message::Request(request) = &message {
                flush(connection, &mut server);
                shut_down |= request.method == Shutdown::METHOD;
            }
            handle(connection, &mut server, message, shut_down);
            next = connection.receiver.try_recv().ok();
        }
        flush(connection, &mut server);
    }
    // The input ended without `exit`.
    Ok(Exit::Problems)
}

/// The request that asks the editor to say when a note or `nudge.yaml`
/// changes on disk (`nudge log` in a terminal, a `git pull`).
fn watch_files() -> Request {
    let watchers = ["**/*.md", "**/nudge.yaml"]
        .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob.to_owned()), kind: None });
    let options = DidChangeWatchedFilesRegistrationOptions { watchers: watchers.to_vec() };
    let registration = Registration {
        id: "nudge-files".to_owned(),
        method: DidChangeWatchedFiles::METHOD.to_owned(),
        register_options: serde_json::to_value(options).ok(),
    };
    let params = RegistrationParams { registrations: vec![registration] };
    Request::new(RequestId::from("nudge-watch".to_owned()), RegisterCapability::METHOD.to_owned(), params)
}

/// Publishes the diagnostics of what changed.
fn flush(connection: &Connection, server: &mut Server) {
    if server.is_dirty() {
        for published in guarded(|| server.refresh()).unwrap_or_default() {
            publish(connection, published);
        }
    }
}

fn publish(connection: &Connection, published: Published) {
    let params =
        PublishDiagnosticsParams { uri: published.uri, diagnostics: published.diagnostics, version: published.version };
    send(connection, Message::Notification(Notification::new(PublishDiagnostics::METHOD.to_owned(), params)));
}

fn send(connection: &Connection, message: Message) {
    // A closed connection ends the loop at the next read.
    let _ = connection.sender.send(message);
}

/// `work`, or `None` when it panicked: a bug in one answer must not take
/// the server down with the user's unsaved work in view.
fn guarded<T>(work: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).ok()
}

/// The columns the client counts in: UTF-8 bytes when it offers them.
fn encoding(params: &Value) -> Encoding {
    let offered = params.pointer("/capabilities/general/positionEncodings").and_then(Value::as_array);
    if offered.is_some_and(|offered| offered.iter().any(|kind| kind.as_str() == Some("utf-8"))) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

/// The folder the editor opened: its first workspace folder, else its root.
fn workspace(params: &Value) -> Option<PathBuf> {
    let uri = params.pointer("/workspaceFolders/0/uri").or_else(|| params.get("rootUri"))?.as_str()?;
    uri_path(&uri.parse().ok()?)
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    let position_encoding = match encoding {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
    };
    ServerCapabilities {
        position_encoding: Some(position_encoding),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![" ".to_owned(), ":".to_owned()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::REFACTOR_REWRITE]),
            ..CodeActionOptions::default()
        })),
        definition_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Handles one message; `shut_down` once `shutdown` was asked.
fn handle(connection: &Connection, server: &mut Server, message: Message, shut_down: bool) {
    match message {
        Message::Request(request) => {
            let response = if shut_down && request.method != Shutdown::METHOD {
                Response::new_err(
                    request.id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is shutting down".to_owned(),
                )
            } else {
                let id = request.id.clone();
                guarded(|| answer(server, request)).unwrap_or_else(|| {
                    Response::new_err(id, ErrorCode::InternalError as i32, "nudge failed to answer: a bug".to_owned())
                })
            };
            send(connection, Message::Response(response));
        }
        Message::Notification(notification) => {
            let _ = guarded(|| notice(server, notification));
        }
        Message::Response(_) => {}
    }
}

/// The answer to one request.
fn answer(server: &Server, request: Request) -> Response {
    let Request { id, method, params } = request;
    match method.as_str() {
        Shutdown::METHOD => Response::new_ok(id, ()),
        HoverRequest::METHOD => reply::<HoverRequest>(id, params, |params| {
            let at = params.text_document_position_params;
            hover::hover(server, &at.text_document.uri, at.position)
        }),
        InlayHintRequest::METHOD => {
            reply::<InlayHintRequest>(id, params, |params| Some(hover::inlay_hints(server, &params.text_document.uri)))
        }
        Completion::METHOD => reply::<Completion>(id, params, |params| {
            let at = params.text_document_position;
            let items = completion::completion(server, &at.text_document.uri, at.position);
            Some(lsp_types::CompletionResponse::Array(items))
        }),
        CodeActionRequest::METHOD => reply::<CodeActionRequest>(id, params, |params| {
            Some(actions::actions(server, &params.text_document.uri, params.range))
        }),
        GotoDefinition::METHOD => reply::<GotoDefinition>(id, params, |params| {
            let at = params.text_document_position_params;
            let doc = server.docs.get(&at.text_document.uri)?;
            let location = agenda::definition(server, &doc.text, at.position)?;
            Some(lsp_types::GotoDefinitionResponse::Scalar(location))
        }),
        _ => Response::new_err(id, ErrorCode::MethodNotFound as i32, format!("nudge does not answer {method}")),
    }
}

/// The answer `work` gives to the params of request `R`.
fn reply<R: lsp_types::request::Request>(
    id: RequestId,
    params: Value,
    work: impl FnOnce(R::Params) -> R::Result,
) -> Response {
    match serde_json::from_value::<R::Params>(params) {
        Ok(params) => Response::new_ok(id, work(params)),
        Err(error) => Response::new_err(id, ErrorCode::InvalidParams as i32, error.to_string()),
    }
}

/// Applies one notification to the state.
fn notice(server: &mut Server, notification: Notification) {
    let Notification { method, params } = notification;
    match method.as_str() {
        DidOpenTextDocument::METHOD => {
            if let Ok(params) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(params) {
                let doc = params.text_document;
                server.set_text(doc.uri, doc.text, doc.version);
            }
        }
        DidChangeTextDocument::METHOD => {
            if let Ok(params) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(params) {
                let uri = params.text_document.uri;
                let Some(mut text) = server.docs.get(&uri).map(|doc| doc.text.clone()) else { return };
                for change in params.content_changes {
                    apply_change(&mut text, change.range, &change.text, server.encoding);
                }
                server.set_text(uri, text, params.text_document.version);
            }
        }
        DidChangeWatchedFiles::METHOD => {
            if let Ok(params) = serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(params) {
                for change in params.changes {
                    server.file_changed(&change.uri);
                }
            }
        }
        DidCloseTextDocument::METHOD => {
            if let Ok(params) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(params) {
                server.close(&params.text_document.uri);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Pieces notes are made of, and of what is typed into them.
    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "---\n",
            "name: Dana Reyes\n",
            "playbook: sales\n",
            "stage: \n",
            "next: ",
            "email: a@b.c\n",
            "- 2026-11-20 call voicemail: left a message\n",
            "- [ ] 2026-12-09 call\n",
            "- ",
            "- 2026-12-01 ",
            "calld",
            "emial: ",
            "not interested",
            "日本",
            "😀",
            "\r\n",
            "\n",
            " ",
            ":",
            "#vm",
            "<!-- nudge ",
        ]);
        prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        /// Never a panic on any buffer, whatever is typed where (the
        /// incremental path), whatever is asked where; every diagnostic
        /// lies inside the text, on character boundaries.
        #[test]
        fn any_buffer_any_change_any_request(
            text in pieces(),
            changes in prop::collection::vec((prop::option::of([0u32..12, 0..40, 0..12, 0..40]), pieces()), 0..6),
            asked in prop::collection::vec((0u32..14, 0u32..45), 0..6),
            utf8 in any::<bool>(),
        ) {
            let changes: Vec<(Option<[u32; 4]>, &str)> =
                changes.iter().map(|(range, new)| (*range, new.as_str())).collect();
            let (text, ranges) = replay(&text, &changes, &asked, utf8);
            for (start, end) in ranges {
                prop_assert!(start <= end && end <= text.len(), "{start}..{end} in {text:?}");
                prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            }
        }
    }

    #[test]
    fn a_typo_typed_in_the_buffer_is_found_and_fixed_again() {
        let text = "---\nname: Dana\n---\n- 2026-11-20 call\n";
        // `call` becomes `calld` (an insertion at 3:17), then the `d` goes.
        let typed = [(Some([3, 17, 3, 17]), "d")];
        let (changed, ranges) = replay(text, &typed, &[(3, 14)], false);
        assert_eq!(changed, "---\nname: Dana\n---\n- 2026-11-20 calld\n");
        assert_eq!(ranges.iter().map(|&(start, end)| &changed[start..end]).collect::<Vec<_>>(), ["calld"]);
        let undone = [(Some([3, 17, 3, 17]), "d"), (Some([3, 17, 3, 18]), "")];
        assert_eq!(replay(text, &undone, &[], true), (text.to_owned(), Vec::new()));
    }
}
