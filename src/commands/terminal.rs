//! What standard output is: a terminal's width, and whether to colour
//! (only on a terminal, and only when `NO_COLOR` is unset or empty).

use std::io::IsTerminal;

/// How to draw on standard output.
#[derive(Debug, Clone, Copy)]
pub(super) struct Terminal {
    /// Whether standard output is a terminal.
    pub is_terminal: bool,
    /// The terminal's width in columns; `None` when piped or unknown.
    pub width: Option<usize>,
    /// Whether to use colour.
    pub color: bool,
}

impl Terminal {
    /// Looks at standard output and the environment.
    pub(super) fn stdout() -> Self {
        let terminal = std::io::stdout().is_terminal();
        let width = terminal.then(|| terminal_size::terminal_size().map(|(width, _)| usize::from(width.0))).flatten();
        let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
        Self { is_terminal: terminal, width, color }
    }
}
