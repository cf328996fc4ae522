//! `nudge completions SHELL`: the shell's completion script, from the
//! command line's own definition (clap_complete).

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::commands::{Exit, print};
use crate::error::Error;

/// Prints the completion script for `args.shell`.
pub fn run(args: &CompletionsArgs) -> Result<Exit, Error> {
    print(&script(args.shell))?;
    Ok(Exit::Success)
}

/// The completion script of `shell` for the `nudge` binary.
pub fn script(shell: clap_complete::Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "nudge", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_shell_gets_a_script_naming_the_subcommands() {
        for shell in clap_complete::Shell::value_variants() {
            let script = script(*shell);
            assert!(script.contains("nudge"), "{shell}");
            assert!(script.contains("stats") && script.contains("completions"), "{shell}: the subcommands");
        }
    }
}
