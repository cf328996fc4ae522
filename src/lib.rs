//! nudge: a follow-up agenda for contacts kept as plain markdown notes.
//!
//! Data flows one way, one module per stage: [`discover`] (vault, config,
//! file walk) -> [`parse`] (front matter, touches, with positions) ->
//! [`derive`](mod@derive) (state, due date, hints: pure) -> [`render`] (agenda, table,
//! JSON) -> [`write`](mod@write) (atomic, only when changed). [`load`] runs the
//! read side in parallel; [`commands`] holds one module per subcommand.

pub mod caseless;
pub mod cli;
pub mod commands;
pub mod derive;
pub mod discover;
pub mod error;
pub mod load;
pub mod model;
pub mod parse;
pub mod position;
pub mod problem;
pub mod render;
pub mod spaces;
pub mod suggest;
pub mod write;
pub mod yaml;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// Runs nudge with these arguments (the first is the program name) and
/// returns the exit code: 0 success, 1 problems found or nothing matched,
/// 2 usage or I/O error. Errors are printed here, and only here.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    if commands::completions::answer(&args) {
        return ExitCode::SUCCESS;
    }
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    guard(|| commands::dispatch(cli))
}

/// Runs a command and prints its error. A panic is a bug (the panic hook
/// has printed where): it ends with exit code 2 and a word for the user,
/// never with Rust's 101.
fn guard(command: impl FnOnce() -> Result<commands::Exit, error::Error>) -> ExitCode {
    let failure = ExitCode::from(commands::Exit::Failure as u8);
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(command)) {
        Ok(Ok(exit)) => ExitCode::from(exit as u8),
        Ok(Err(error)) => {
            let _ = writeln!(std::io::stderr(), "nudge: {}", error.report());
            ExitCode::from(error.exit() as u8)
        }
        Err(_) => {
            let _ = writeln!(
                std::io::stderr(),
                "nudge: error: this is a bug in nudge, not a problem in your notes; please report it with the command you ran and the message above"
            );
            failure
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_exits_with_2_not_101() {
        assert_eq!(guard(|| panic!("a bug")), ExitCode::from(2));
        assert_eq!(guard(|| Ok(commands::Exit::Problems)), ExitCode::from(1));
    }
}
