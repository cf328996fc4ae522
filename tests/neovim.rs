//! A real client: headless Neovim starts `nudge lsp` on a notes folder,
//! opens a note with a planted typo, and writes down the diagnostic it
//! received and a hover. Skipped, saying so, when `nvim` is not installed
//! (.ci/run installs it).

use std::process::Command;
use std::time::Duration;

use crate::lsp::DANA;
use crate::test::Test;

/// The Lua the editor runs: `vim.lsp.start_client` (Neovim 0.7 and later,
/// what Debian ships) and attach, wait for the diagnostics, ask a hover,
/// write both to `out`, quit.
const SCRIPT: &str = r"
local out = assert(io.open(OUT, 'w'))
local id = vim.lsp.start_client({ name = 'nudge', cmd = { NUDGE, '--today', '2026-12-03', 'lsp' }, root_dir = ROOT })
vim.cmd('edit ' .. vim.fn.fnameescape(NOTE))
vim.lsp.buf_attach_client(0, id)
vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 20)
for _, d in ipairs(vim.diagnostic.get(0)) do
  out:write(string.format('diagnostic %d:%d-%d:%d severity %d %s: %s\n', d.lnum, d.col, d.end_lnum, d.end_col, d.severity, d.source, d.message))
end
local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = 10, character = 20 } }
for _, reply in pairs(vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 15000) or {}) do
  if reply.result then out:write('hover ' .. reply.result.contents.value .. '\n') end
end
out:close()
vim.lsp.stop_client(id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
vim.cmd('qa!')
";

/// The installed Neovim's first `--version` line, or `None`.
fn neovim() -> Option<String> {
    let output = Command::new("nvim").arg("--version").output().ok()?;
    String::from_utf8_lossy(&output.stdout).lines().next().map(str::to_owned)
}

#[test]
fn neovim_receives_the_diagnostic_of_a_planted_typo_and_a_hover() {
    let Some(version) = neovim() else {
        println!("skipped: nvim is not installed (apt-get install neovim)");
        return;
    };
    let test = Test::new().file("nudge.yaml", "").file("people/dana.md", DANA);
    let root = test.path();
    let out = root.join("received.txt");
    let lua = |path: &std::path::Path| format!("[[{}]]", path.display());
    let script = format!(
        "local OUT, NUDGE, ROOT, NOTE = {}, {}, {}, {}\n{SCRIPT}",
        lua(&out),
        lua(std::path::Path::new(env!("CARGO_BIN_EXE_nudge"))),
        lua(root),
        lua(&root.join("people/dana.md")),
    );
    let script_path = root.join(".test.lua");
    std::fs::write(&script_path, script).unwrap();
    let output = assert_cmd::Command::from_std({
        let mut command = Command::new("nvim");
        command.args(["--headless", "--clean", "-n", "-c"]).arg(format!("luafile {}", script_path.display()));
        command.current_dir(root).env_remove("NUDGE_NOTES");
        command
    })
    .timeout(Duration::from_secs(60))
    .output()
    .unwrap();
    let received = std::fs::read_to_string(&out)
        .unwrap_or_else(|_| panic!("{version} wrote nothing: {}", String::from_utf8_lossy(&output.stderr)));
    assert_eq!(
        received,
        "diagnostic 11:13-11:18 severity 2 nudge: unknown touch keyword 'emial', did you mean 'email'? it counts as an outbound attempt of channel other\n\
         hover `voicemail`: channel call, outbound, voicemail (an attempt)\n",
        "{version}"
    );
}
