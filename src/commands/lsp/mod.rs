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
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Exit as ExitNotification, Notification as _,
    PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, Completion, GotoDefinition, HoverRequest, InlayHintRequest, Request as _, Shutdown,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions, HoverProviderCapability,
    MessageType, OneOf, PositionEncodingKind, PublishDiagnosticsParams, SaveOptions, ServerCapabilities,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
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
pub fn run(notes: Option<&Path>, today: NaiveDate, cwd: &Path) -> Result<Exit, Error> {
    let (connection, io_threads) = Connection::stdio();
    let exit = serve(&connection, notes, today, cwd);
    drop(connection);
    // The reader has stopped at `exit` or at the end of the input; the
    // writer stops once the connection is dropped, every reply sent.
    let _ = io_threads.join();
    exit
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
        DidCloseTextDocument::METHOD => {
            if let Ok(params) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(params) {
                server.close(&params.text_document.uri);
            }
        }
        _ => {}
    }
}
