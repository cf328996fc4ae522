//! `nudge lsp`: the real binary driven over stdio with framed JSON-RPC, as
//! an editor drives it: initialize, didOpen, didChange, hover, inlay hints,
//! completion, code actions, go-to-definition, shutdown and exit.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::test::{Test, tree};

/// The day of these tests: a Thursday.
const TODAY: &str = "2026-12-03";

/// How long a reply may take before the test fails.
const WAIT: Duration = Duration::from_secs(20);

/// A note with a typo planted on its last touch.
pub(crate) const DANA: &str = "---\nname: Dana Reyes\ncompany: Acme\nemail: dana@acme.example\nphone: +1 555 0100\nplaybook: sales\n---\n\n## Touches\n\n- 2026-11-20 call voicemail: left a message\n- 2026-11-25 emial: sent the deck\n";

/// A `nudge lsp` process and what it sent that was not read yet.
pub(crate) struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    queued: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    /// `nudge --today 2026-12-03 [--notes DIR] lsp` started in `cwd`, not
    /// yet initialized, `NUDGE_OWNER` set to `owner` (else unset).
    pub(crate) fn spawn(notes: Option<&Path>, owner: Option<&str>, cwd: &Path) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_nudge"));
        command.env_remove("NUDGE_OWNER").current_dir(cwd).args(["--today", TODAY]);
        if let Some(owner) = owner {
            command.env("NUDGE_OWNER", owner);
        }
        if let Some(notes) = notes {
            command.arg("--notes").arg(notes);
        }
        let mut child = command
            .arg("lsp")
            .env_remove("NUDGE_NOTES")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("Content-Length: ") {
                        length = value.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.unwrap()];
                stdout.read_exact(&mut body).unwrap();
                if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Self { child, stdin, messages, queued: VecDeque::new(), next_id: 0 }
    }

    /// A started server: `initialize` (with these client capabilities) and `initialized`.
    pub(crate) fn start(notes: &Path, capabilities: Value) -> (Self, Value) {
        Self::start_as(notes, Some(notes), None, capabilities)
    }

    /// [`Client::start`] on the editor's folder `workspace`, with `--notes`
    /// when `notes`, run by `owner` in a team vault.
    pub(crate) fn start_as(
        workspace: &Path,
        notes: Option<&Path>,
        owner: Option<&str>,
        capabilities: Value,
    ) -> (Self, Value) {
        let mut client = Self::spawn(notes, owner, workspace);
        let root = format!("file://{}", workspace.display());
        let result = client.request("initialize", json!({ "capabilities": capabilities, "rootUri": root }));
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn write(&mut self, message: Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    /// Sends a notification.
    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.write(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The next message the server sends.
    fn receive(&mut self, deadline: Instant) -> Value {
        match self.messages.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!("no message from nudge lsp within {WAIT:?}"),
            Err(RecvTimeoutError::Disconnected) => panic!("nudge lsp closed its output"),
        }
    }

    /// Sends a request and returns its result (an error fails the test).
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        let reply = self.request_reply(method, params);
        assert!(reply.get("error").is_none(), "{method}: {reply}");
        reply["result"].clone()
    }

    /// Sends a request and returns the whole reply.
    pub(crate) fn request_reply(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.write(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let deadline = Instant::now() + WAIT;
        loop {
            let message = self.receive(deadline);
            if message["id"] == json!(id) {
                return message;
            }
            self.queued.push_back(message);
        }
    }

    /// The next message from the server that `is_for` takes.
    pub(crate) fn wait_for(&mut self, is_for: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.queued.iter().position(&is_for) {
            return self.queued.remove(at).unwrap();
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let message = self.receive(deadline);
            if is_for(&message) {
                return message;
            }
            self.queued.push_back(message);
        }
    }

    /// The next diagnostics published for `uri`.
    pub(crate) fn diagnostics(&mut self, uri: &str) -> Value {
        let published = self.wait_for(|message| {
            message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
        });
        published["params"]["diagnostics"].clone()
    }

    /// Opens a document with this text.
    pub(crate) fn open(&mut self, uri: &str, text: &str) {
        let document = json!({ "uri": uri, "languageId": "markdown", "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": document }));
    }

    /// Sends a change of a document: its whole text.
    pub(crate) fn change(&mut self, uri: &str, version: i32, text: &str) {
        let changes = json!([{ "text": text }]);
        let document = json!({ "uri": uri, "version": version });
        self.notify("textDocument/didChange", json!({ "textDocument": document, "contentChanges": changes }));
    }

    /// `shutdown` then `exit`; returns the exit code.
    pub(crate) fn stop(mut self) -> i32 {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// The exit code, once the process ends (stdin closed).
    pub(crate) fn wait(mut self) -> i32 {
        drop(self.stdin.take());
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "nudge lsp did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The URI of a file of the vault.
pub(crate) fn uri(test: &Test, relative: &str) -> String {
    format!("file://{}", test.path().join(relative).display())
}

/// A position.
fn at(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

/// A document and a position in it.
fn place(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": at(line, character) })
}

fn vault() -> Test {
    Test::new()
        .file("nudge.yaml", "horizon_days: 7\n")
        .file("people/dana.md", DANA)
        .file("people/bo.md", "---\nname: Bo Kim\nemail: bo@kim.example\n---\n\n- 2026-11-30 email: hello\n")
}

/// The vault with the client started and the note with the typo open.
fn dana_open() -> (Test, Client, String) {
    let test = vault();
    let (mut client, _) = Client::start(test.path(), json!({}));
    let dana = uri(&test, "people/dana.md");
    client.open(&dana, DANA);
    (test, client, dana)
}

#[test]
fn a_planted_typo_is_a_diagnostic_on_the_word_with_its_code() {
    let test = vault();
    let (mut client, init) = Client::start(test.path(), json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16", "the default without an offer");
    assert_eq!(init["serverInfo"]["name"], "nudge");
    let dana = uri(&test, "people/dana.md");
    client.open(&dana, DANA);
    let diagnostics = client.diagnostics(&dana);
    assert_eq!(
        diagnostics,
        json!([{
            "range": { "start": at(11, 13), "end": at(11, 18) },
            "severity": 2,
            "code": "unknown-keyword",
            "source": "nudge",
            "message": "unknown touch keyword 'emial', did you mean 'email'? it counts as an outbound attempt of channel other",
        }])
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_change_is_read_from_the_buffer_and_the_file_is_never_written() {
    let test = vault();
    let before = tree(test.path());
    let (mut client, _) = Client::start(test.path(), json!({}));
    let dana = uri(&test, "people/dana.md");
    client.open(&dana, DANA);
    assert_eq!(client.diagnostics(&dana).as_array().unwrap().len(), 1);
    client.change(&dana, 2, &DANA.replace("emial", "email"));
    assert_eq!(client.diagnostics(&dana), json!([]), "fixed in the buffer");
    // An incremental change: `calld` typed over `call` on line 10.
    let edit = json!([{ "range": { "start": at(10, 13), "end": at(10, 17) }, "text": "calld" }]);
    let document = json!({ "uri": dana, "version": 3 });
    client.notify("textDocument/didChange", json!({ "textDocument": document, "contentChanges": edit }));
    let diagnostics = client.diagnostics(&dana);
    assert_eq!(diagnostics[0]["range"], json!({ "start": at(10, 13), "end": at(10, 18) }));
    assert!(diagnostics[0]["message"].as_str().unwrap().starts_with("unknown touch keyword 'calld'"));
    assert_eq!(client.stop(), 0);
    assert_eq!(tree(test.path()), before, "nothing written");
}

#[test]
fn a_note_made_a_duplicate_in_the_buffer_gets_the_warning_and_loses_it() {
    let test = vault();
    let (mut client, _) = Client::start(test.path(), json!({}));
    let dana = uri(&test, "people/dana.md");
    let fixed = DANA.replace("emial", "email");
    client.open(&dana, &fixed);
    assert_eq!(client.diagnostics(&dana), json!([]));
    client.change(&dana, 2, &fixed.replace("dana@acme.example", "BO@kim.example"));
    let diagnostics = client.diagnostics(&dana);
    assert_eq!(diagnostics[0]["code"], "duplicate-contact");
    assert_eq!(
        diagnostics[0]["message"],
        "duplicate contact: same email as people/bo.md; merge the two files or remove one"
    );
    assert_eq!(diagnostics[0]["range"], json!({ "start": at(3, 7), "end": at(3, 21) }));
    client.change(&dana, 3, &fixed);
    assert_eq!(client.diagnostics(&dana), json!([]));
    assert_eq!(client.stop(), 0);
}

#[test]
fn hover_shows_the_contact_the_touch_and_the_keyword() {
    let (_test, mut client, dana) = dana_open();
    let mut shown = String::new();
    for (what, line, character) in [("name", 1, 3), ("touch text", 10, 40), ("keyword voicemail", 10, 20)] {
        let hover = client.request("textDocument/hover", place(&dana, line, character));
        assert_eq!(hover["contents"]["kind"], "markdown");
        shown.push_str(&format!(
            "## on the {what} ({line}:{character})\n{}\n",
            hover["contents"]["value"].as_str().unwrap()
        ));
    }
    insta::assert_snapshot!(shown);
    assert_eq!(client.stop(), 0);
}

#[test]
fn the_top_of_a_note_says_when_what_and_which_attempt() {
    let (_test, mut client, dana) = dana_open();
    let range = json!({ "start": at(0, 0), "end": at(12, 0) });
    let hints = client.request("textDocument/inlayHint", json!({ "textDocument": { "uri": dana }, "range": range }));
    assert_eq!(
        hints,
        json!([{ "position": at(0, 3), "label": "1 day overdue (due Wed 2026-12-02) · attempt 3 of 5 · email", "paddingLeft": true }])
    );
    assert_eq!(client.stop(), 0);
}

/// The labels of a completion list, in order.
fn labels(items: &Value) -> Vec<String> {
    items.as_array().unwrap().iter().map(|item| item["label"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn completion_offers_keywords_dates_playbooks_stages_and_keys() {
    let test = vault();
    let (mut client, _) = Client::start(test.path(), json!({}));
    let dana = uri(&test, "people/dana.md");
    let text = DANA.replace("playbook: sales\n", "playbook: \nstage: \n\n")
        + "- \n- 2026-12-03 \n- 2026-12-03 call: asked next: \n";
    client.open(&dana, &text);
    let complete =
        |client: &mut Client, line, character| client.request("textDocument/completion", place(&dana, line, character));
    let playbooks = complete(&mut client, 5, 10);
    assert_eq!(labels(&playbooks), ["job-search", "sales", "prospecting", "partnership", "nurture"]);
    assert_eq!(playbooks[0]["detail"], "playbook (the default)");
    assert_eq!(labels(&complete(&mut client, 6, 7)), ["active", "nurture", "closed", "stopped"]);
    let keys = complete(&mut client, 7, 0);
    assert_eq!(labels(&keys)[..3], ["name", "company", "role"]);
    assert_eq!(keys[0]["insertText"], "name: ");
    let date = complete(&mut client, 14, 2);
    assert_eq!(date, json!([{ "label": "2026-12-03", "kind": 12, "detail": "today: a touch logged today" }]));
    let keywords = complete(&mut client, 15, 13);
    let voicemail = keywords.as_array().unwrap().iter().find(|item| item["label"] == "vm").unwrap();
    assert_eq!(voicemail["detail"], "`vm`: channel call, outbound, voicemail (an attempt)");
    assert!(labels(&keywords).contains(&"not-interested".to_owned()));
    let next = complete(&mut client, 16, 30);
    assert_eq!(
        next,
        json!([
            { "label": "2026-12-10", "kind": 12, "detail": "in 7 days (Thu): the job-search playbook's wait after attempt 5 (7 days)" },
            { "label": "2026-12-06", "kind": 12, "detail": "in 3 days (Sun): the job-search playbook's wait after a reply (3 days)" },
        ])
    );
    assert_eq!(client.stop(), 0);
}

/// The text `edits` (one TextEdit a file) make of `text`, positions in UTF-16.
fn applied(text: &str, edit: &Value) -> String {
    let offset = |at: &Value| {
        let (line, character) = (at["line"].as_u64().unwrap() as usize, at["character"].as_u64().unwrap() as usize);
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let line_text = text[start..].split('\n').next().unwrap();
        let mut units = 0;
        start
            + line_text
                .char_indices()
                .find(|(_, c)| {
                    units += c.len_utf16();
                    units > character
                })
                .map_or(line_text.len(), |(at, _)| at)
    };
    let (start, end) = (offset(&edit["range"]["start"]), offset(&edit["range"]["end"]));
    format!("{}{}{}", &text[..start], edit["newText"].as_str().unwrap(), &text[end..])
}

#[test]
fn code_actions_fix_the_typo_log_snooze_and_stop_as_the_commands_would() {
    let (_test, mut client, dana) = dana_open();
    let on_typo = json!({ "start": at(11, 15), "end": at(11, 15) });
    let params = json!({ "textDocument": { "uri": dana }, "range": on_typo, "context": { "diagnostics": [] } });
    let actions = client.request("textDocument/codeAction", params);
    let titles: Vec<&str> =
        actions.as_array().unwrap().iter().map(|action| action["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Change to 'email'",
            "Log a touch today: 2026-12-03 email",
            "Snooze 1 week (until 2026-12-10)",
            "Mark as stopped (stage: stopped)"
        ]
    );
    let edit = |index: usize| actions[index]["edit"]["changes"][&dana][0].clone();
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(applied(DANA, &edit(0)), DANA.replace("emial", "email"));
    assert_eq!(client.stop(), 0);

    // What `nudge log` and `nudge snooze` write, on copies of the note.
    for (index, args) in [(1, &["log", "people/dana.md", "email"][..]), (2, &["snooze", "people/dana.md", "1w"][..])] {
        let cli = Test::new().file("people/dana.md", DANA).today(TODAY).args(args);
        cli.stdout();
        let written = std::fs::read_to_string(cli.path().join("people/dana.md")).unwrap();
        assert_eq!(applied(DANA, &edit(index)), written, "{args:?}");
    }
    assert_eq!(applied(DANA, &edit(3)), DANA.replace("playbook: sales\n", "playbook: sales\nstage: stopped\n"));
}

#[test]
fn columns_are_utf16_units_unless_the_client_offers_utf8() {
    let note = "---\nname: 王芳 😀\n---\n\n- 2026-11-30 call: 日本 😀 next: 2026-13-45\n";
    for (offered, encoding, start) in [(json!([]), "utf-16", 31), (json!(["utf-8", "utf-16"]), "utf-8", 37)] {
        let test = Test::new().file("nudge.yaml", "").file("wang.md", note);
        let (mut client, init) = Client::start(test.path(), json!({ "general": { "positionEncodings": offered } }));
        assert_eq!(init["capabilities"]["positionEncoding"], encoding);
        let wang = uri(&test, "wang.md");
        client.open(&wang, note);
        let diagnostics = client.diagnostics(&wang);
        assert_eq!(diagnostics[0]["range"], json!({ "start": at(4, start), "end": at(4, start + 10) }), "{encoding}");
        // A hover on the emoji's second half is on the touch, not a panic.
        let hover = client.request("textDocument/hover", place(&wang, 4, 23));
        assert!(hover["contents"]["value"].as_str().unwrap().starts_with("**touch** 2026-11-30"), "{hover}");
        assert_eq!(client.stop(), 0);
    }
}

#[test]
fn a_broken_config_is_a_diagnostic_and_the_last_good_one_stays_in_force() {
    let config = "keywords:\n  ring: { channel: call, direction: out, outcome: attempt }\n";
    let note = "---\nname: Ann\n---\n\n- 2026-11-30 ring\n";
    let test = Test::new().file("nudge.yaml", "horizon_dayz: 7\n").file("ann.md", note);
    let (mut client, _) = Client::start(test.path(), json!({}));
    let yaml = uri(&test, "nudge.yaml");
    let diagnostics = client.diagnostics(&yaml);
    assert_eq!(diagnostics[0]["range"], json!({ "start": at(0, 0), "end": at(0, 12) }));
    assert_eq!(diagnostics[0]["code"], "unknown-setting");
    client.open(&yaml, config);
    assert_eq!(client.diagnostics(&yaml), json!([]), "the buffer reads well");
    let ann = uri(&test, "ann.md");
    client.open(&ann, note);
    assert_eq!(client.diagnostics(&ann), json!([]), "`ring` is a keyword of the buffer's config");
    client.change(&yaml, 2, "keywords: [\n");
    assert_eq!(client.diagnostics(&yaml)[0]["severity"], 1);
    let hover = client.request("textDocument/hover", place(&ann, 4, 14));
    assert_eq!(
        hover["contents"]["value"], "`ring`: channel call, outbound, attempt (an attempt)",
        "the last good config"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn an_agenda_entry_goes_to_its_note_and_a_stale_one_is_flagged() {
    let test = vault().today(TODAY).args(&["agenda"]);
    test.stdout();
    let agenda_text = std::fs::read_to_string(test.path().join("agenda.md")).unwrap();
    let line = agenda_text.lines().position(|line| line.contains("people/dana.md -->")).unwrap() as u32;
    let (mut client, _) = Client::start(test.path(), json!({}));
    let agenda = uri(&test, "agenda.md");
    client.open(&agenda, &agenda_text);
    assert_eq!(client.diagnostics(&agenda), json!([]), "fresh");
    let found = client.request("textDocument/definition", place(&agenda, line, 8));
    let dana = uri(&test, "people/dana.md");
    assert_eq!(found, json!({ "uri": dana, "range": { "start": at(0, 0), "end": at(0, 0) } }));
    assert_eq!(client.request("textDocument/definition", place(&agenda, 0, 0)), Value::Null, "no entry");
    let hover = client.request("textDocument/hover", place(&agenda, line, 8));
    assert!(hover["contents"]["value"].as_str().unwrap().starts_with("**Dana Reyes** · active"), "{hover}");
    client.open(&dana, &DANA.replace("emial", "email"));
    assert_eq!(client.diagnostics(&dana), json!([]));
    let stale = client.diagnostics(&agenda);
    assert_eq!(stale[0]["code"], "agenda-stale");
    assert_eq!(stale[0]["severity"], 4);
    assert_eq!(
        stale[0]["message"],
        "people/dana.md changed since the agenda was written: run `nudge agenda` to write it again"
    );
    assert_eq!(stale[0]["range"]["start"]["line"], line);
    assert_eq!(client.stop(), 0);
}

#[test]
fn exit_without_shutdown_exits_1_and_requests_after_shutdown_are_refused() {
    let test = vault();
    let (client, _) = Client::start(test.path(), json!({}));
    let mut client = client;
    client.notify("exit", Value::Null);
    assert_eq!(client.wait(), 1);
    let (mut client, _) = Client::start(test.path(), json!({}));
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    let refused = client.request_reply("textDocument/hover", place(&uri(&test, "people/dana.md"), 0, 0));
    assert_eq!(refused["error"]["code"], -32600);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait(), 0);
}

#[test]
fn in_a_team_vault_the_touch_logged_says_by_whom_and_each_owners_agenda_leads_to_its_notes() {
    let test = Test::fixture("team").today(TODAY).env("NUDGE_OWNER", "sam").args(&["agenda"]);
    test.stdout();
    let (mut client, _) = Client::start_as(test.path(), Some(test.path()), Some("sam"), json!({}));
    let agenda = uri(&test, "agendas/sam.md");
    let agenda_text = std::fs::read_to_string(test.path().join("agendas/sam.md")).unwrap();
    let (line, entry) = agenda_text.lines().enumerate().find(|(_, line)| line.contains("<!-- nudge ")).unwrap();
    let path = entry.rsplit_once(' ').unwrap().0.rsplit_once(' ').unwrap().1;
    client.open(&agenda, &agenda_text);
    assert_eq!(client.diagnostics(&agenda), json!([]));
    let found = client.request("textDocument/definition", place(&agenda, line as u32, 3));
    assert_eq!(found["uri"], uri(&test, path));

    let note = std::fs::read_to_string(test.path().join("people/ana-lima.md")).unwrap();
    let ana = uri(&test, "people/ana-lima.md");
    client.open(&ana, &note);
    let params = json!({ "textDocument": { "uri": ana }, "range": { "start": at(1, 0), "end": at(1, 0) }, "context": { "diagnostics": [] } });
    let actions = client.request("textDocument/codeAction", params);
    let log =
        actions.as_array().unwrap().iter().find(|action| action["title"].as_str().unwrap().starts_with("Log")).unwrap();
    assert_eq!(log["title"], "Log a touch today: 2026-12-03 email (by sam)");
    assert_eq!(client.stop(), 0);
    let cli = Test::fixture("team").today(TODAY).env("NUDGE_OWNER", "sam").args(&["log", "ana-lima", "email"]);
    cli.stdout();
    let written = std::fs::read_to_string(cli.path().join("people/ana-lima.md")).unwrap();
    assert_eq!(applied(&note, &log["edit"]["changes"][&ana][0]), written, "the line `nudge log` writes, where");
}

#[test]
fn a_note_changed_on_disk_while_not_open_is_read_again_when_the_editor_says_so() {
    let test = vault();
    let capabilities = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let (mut client, _) = Client::start(test.path(), capabilities);
    let register = client.wait_for(|message| message["method"] == "client/registerCapability");
    let registration = &register["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registration["registerOptions"]["watchers"],
        json!([{ "globPattern": "**/*.md" }, { "globPattern": "**/nudge.yaml" }])
    );
    let dana = uri(&test, "people/dana.md");
    client.open(&dana, &DANA.replace("emial", "email"));
    assert_eq!(client.diagnostics(&dana), json!([]));
    // Bo's note now carries Dana's email, written by another program.
    let bo = test.path().join("people/bo.md");
    std::fs::write(&bo, std::fs::read_to_string(&bo).unwrap().replace("bo@kim.example", "dana@acme.example")).unwrap();
    let changes = json!([{ "uri": uri(&test, "people/bo.md"), "type": 2 }]);
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": changes }));
    let diagnostics = client.diagnostics(&dana);
    assert_eq!(
        diagnostics[0]["message"],
        "duplicate contact: same email as people/bo.md; merge the two files or remove one"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn the_notes_folder_is_found_up_from_the_editors_folder_or_only_open_notes_are_read() {
    let test = vault();
    // The editor opened people/: nudge.yaml is one folder up.
    let (mut client, _) = Client::start_as(&test.path().join("people"), None, None, json!({}));
    let dana = uri(&test, "people/dana.md");
    client.open(&dana, &DANA.replace("dana@acme.example", "bo@kim.example").replace("emial", "email"));
    let diagnostics = client.diagnostics(&dana);
    assert_eq!(diagnostics[0]["code"], "duplicate-contact", "bo.md was read: {diagnostics}");
    assert_eq!(client.stop(), 0);

    let lone = Test::new().file("dana.md", DANA);
    let (mut client, _) = Client::start_as(lone.path(), None, None, json!({}));
    let warning = client.wait_for(|message| message["method"] == "window/showMessage");
    assert_eq!(warning["params"]["type"], 2);
    assert!(warning["params"]["message"].as_str().unwrap().starts_with("nudge: no nudge.yaml here"), "{warning}");
    let dana = uri(&lone, "dana.md");
    client.open(&dana, DANA);
    assert_eq!(client.diagnostics(&dana)[0]["code"], "unknown-keyword", "an open note is still checked");
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_file_the_config_leaves_out_is_no_note_in_the_editor_either() {
    let test = Test::new().file("nudge.yaml", "exclude: [\"archive/**\"]\n").file("archive/old.md", DANA);
    let (mut client, _) = Client::start(test.path(), json!({}));
    let old = uri(&test, "archive/old.md");
    client.open(&old, DANA);
    assert_eq!(client.request("textDocument/hover", place(&old, 1, 3)), Value::Null);
    let range = json!({ "start": at(0, 0), "end": at(12, 0) });
    let hints = client.request("textDocument/inlayHint", json!({ "textDocument": { "uri": old }, "range": range }));
    assert_eq!(hints, json!([]));
    assert_eq!(client.stop(), 0);
}
