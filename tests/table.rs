//! `nudge status` on a real terminal (a pseudo-terminal from `script`):
//! fitted to its width, coloured by urgency, plain with `NO_COLOR`.

use std::path::Path;
use std::process::Command;

use unicode_width::UnicodeWidthStr;

use crate::test::Test;

/// Runs `nudge status` on the example vault in a terminal `columns` wide;
/// `None` when `script` is not installed.
fn on_terminal(vault: &Path, columns: u16, no_color: bool) -> Option<String> {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("script is not installed: skipped");
        return None;
    }
    let nudge = env!("CARGO_BIN_EXE_nudge");
    let line =
        format!("stty cols {columns} rows 40; exec '{nudge}' --notes '{}' --today 2026-11-25 status", vault.display());
    let mut command = Command::new("script");
    command.args(["-q", "-e", "-c", &line, "/dev/null"]).env_remove("NO_COLOR").env_remove("NUDGE_NOTES");
    if no_color {
        command.env("NO_COLOR", "1");
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    Some(String::from_utf8(output.stdout).unwrap().replace("\r\n", "\n"))
}

fn without_colour(text: &str) -> String {
    regex::Regex::new("\x1b\\[[0-9;]*m").unwrap().replace_all(text, "").into_owned()
}

#[test]
fn on_an_80_column_terminal_the_table_fits_and_is_coloured() {
    let test = Test::fixture("vault");
    let Some(output) = on_terminal(test.path(), 80, false) else { return };
    assert!(output.contains("\x1b[31mDiego Alvarez\x1b[0m"), "overdue rows are red:\n{output}");
    assert!(output.contains("\x1b[1m\x1b[33mtoday\x1b[0m"), "today's urgency is bold yellow:\n{output}");
    let plain = without_colour(&output);
    let lines: Vec<&str> = plain.lines().collect();
    assert_eq!(lines.len(), 24, "a header and 23 contacts");
    assert!(lines.iter().all(|line| line.width() <= 80), "every line fits:\n{plain}");
    assert_eq!(
        lines[0], "NAME             COMPANY          STATE      DUE         URGENCY     ATTEMPTS",
        "last touch and hints are hidden before names get short"
    );
}

#[test]
fn on_a_100_column_terminal_long_text_ends_with_an_ellipsis() {
    let test = Test::fixture("vault");
    let Some(output) = on_terminal(test.path(), 100, true) else { return };
    let lines: Vec<&str> = output.lines().collect();
    assert!(lines.iter().all(|line| line.width() <= 100), "every line fits:\n{output}");
    assert_eq!(
        lines[..3],
        [
            "NAME            COMPANY      STATE      DUE         URGENCY     ATTEMPTS     LAST TOUCH  HINTS",
            "Diego Alvarez   Globex       new        2026-11-18  overdue 7d  0/4          -           first-cont…",
            "Tom Okafor      Northwind …  active     2026-11-19  overdue 6d  2/5          2026-11-12  prefer-call",
        ]
    );
}

#[test]
fn no_color_keeps_a_terminal_plain() {
    let test = Test::fixture("vault");
    let Some(output) = on_terminal(test.path(), 200, true) else { return };
    assert!(!output.contains('\x1b'), "{output}");
    let piped = test.args(&["status"]).stdout();
    assert_eq!(output, piped, "a wide plain terminal shows what a pipe gets");
}

#[test]
fn a_name_cut_on_a_narrow_terminal_keeps_flags_and_emoji_whole_and_its_row_aligned() {
    let contact = |name: &str| format!("---\nname: {name}\ncompany: Acme\nadded: 2026-11-20\n---\n");
    let test = Test::new()
        .file("nudge.yaml", "")
        .file("people/a.md", contact("Anneliese Kühnem 🇩🇪🇫🇷"))
        .file("people/b.md", contact("Bartholomew Jone ❤\u{fe0f} NY"))
        .file("people/c.md", contact("Cornelia Smithy 👨\u{200d}👩\u{200d}👧 family"))
        .file("people/d.md", contact("Dana"))
        .file("people/e.md", contact("\"Evil\\e[2JRed\\a\""));
    let Some(output) = on_terminal(test.path(), 50, true) else { return };
    assert_eq!(
        output.lines().collect::<Vec<_>>(),
        [
            "NAME                 STATE  DUE         URGENCY",
            "Anneliese Kühnem …   new    2026-11-20  overdue 5d",
            "Bartholomew Jone …   new    2026-11-20  overdue 5d",
            "Cornelia Smithy 👨\u{200d}👩\u{200d}👧…  new    2026-11-20  overdue 5d",
            "Dana                 new    2026-11-20  overdue 5d",
            "Evil␛[2JRed␇         new    2026-11-20  overdue 5d",
        ],
        "a flag, an emoji with its variation selector and a family go whole or not at all; \
         control characters are shown, not sent to the terminal"
    );
}
