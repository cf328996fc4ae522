//! nudge: a follow-up agenda for contacts kept as plain markdown notes.
//!
//! Data flows one way, discover -> parse -> derive -> render -> write, one
//! module per stage; a module imports only its own stage and earlier ones
//! (tests/layout.rs checks it):
//!
//! - Shared vocabulary, imported by every stage and importing none:
//!   [`model`] (channels, outcomes, durations, the keyword table
//!   `model::keywords`, the playbooks `model::playbook`, the `contacts:`
//!   selection `model::select`, written dates `model::date_forms`,
//!   wikilinks `model::wikilink`), [`yaml`] (YAML with positions, the fast
//!   reader), [`problem`], [`position`], [`error`] (with the exit codes),
//!   [`caseless`], [`spaces`], [`spare`] (strings reused per thread), [`suggest`].
//! - [`discover`]: the vault and its `nudge.yaml` (`discover::config`,
//!   `discover::holidays`), the file walk (`discover::walk`), opening files
//!   safely (`discover::open`) and reading a note's bytes with its
//!   fingerprint (`discover::read`).
//! - [`parse`]: a note's text into front matter and touches, with positions
//!   (`parse::front_matter`, `parse::touch`, the body readers `parse::body`
//!   and `parse::outline`).
//! - [`derive`](mod@derive): pure, no I/O: state, due date, hints and
//!   reason of a contact (`derive::calendar`, `derive::hints`,
//!   `derive::reason`), the owned [`Contact`](derive::Contact) the outputs
//!   use (`derive::contact`), duplicates (`derive::duplicates`) and the
//!   vault's statistics (`derive::stats`).
//! - [`render`]: strings, no I/O: the agenda (`render::agenda`, with the
//!   sync marker in `render::agenda::marker`), the status table and JSON,
//!   `show`, `check`'s listing, ics, stats, what an edit did, a new contact's note.
//! - [`write`](mod@write): the only stage that changes files: atomic,
//!   only when changed, inside the vault, under the vault lock, with the
//!   undo journal; edits of a note's text (`write::edit`).
//! - [`load`]: the read side every command runs, on all cores: walk ->
//!   read -> parse -> derive, then duplicates; `load::resolve` finds the
//!   note a contact named on the command line is.
//! - [`commands`]: one module per subcommand, dispatched from [`cli`]; a
//!   command imports no other command: what several share is in
//!   `commands::agenda_file` (write or refresh the agenda), `commands::ticked`
//!   (log the ticked entries: `sync`, `agenda --sync`),
//!   `commands::touch_line` (one touch logged: `log`, `sync`),
//!   `commands::note_edit` and `commands::terminal`.

/// The 256 byte values as a table made while compiling: `true` where
/// `$test` holds of `$byte` (a `u8`). A lookup a byte where ranges took
/// several comparisons (the key reader, the agenda's escaping).
macro_rules! byte_table {
    (|$byte:ident| $test:expr) => {{
        let mut table = [false; 256];
        let mut index = 0;
        while index < table.len() {
            #[expect(clippy::cast_possible_truncation, reason = "below 256")]
            let $byte = index as u8;
            #[expect(clippy::indexing_slicing, reason = "evaluated while compiling: a mistake fails the build")]
            {
                table[index] = $test;
            }
            index += 1;
        }
        table
    }};
}

pub(crate) mod caseless;
pub(crate) mod cli;
pub(crate) mod commands;
pub(crate) mod derive;
pub(crate) mod discover;
pub(crate) mod error;
pub(crate) mod load;
pub(crate) mod model;
pub(crate) mod parse;
pub(crate) mod position;
pub(crate) mod problem;
pub(crate) mod render;
pub(crate) mod spaces;
pub(crate) mod spare;
pub(crate) mod suggest;
pub(crate) mod words;
pub(crate) mod write;
pub(crate) mod yaml;

/// What the benches, the fuzz targets and the integration tests use of the
/// library besides [`run`]: not an API, and it changes with them.
#[doc(hidden)]
pub mod testing {
    pub use crate::commands::lsp::replay;
    pub use crate::derive::calendar::Calendar;
    pub use crate::derive::{Context, derive};
    pub use crate::discover::Vault;
    pub use crate::discover::config::Config;
    pub use crate::discover::read::{count_reads_under, fingerprint, reads_counted};
    pub use crate::load::{UnknownKeys, contact_from_bytes, context, load};
    pub use crate::model::keywords::Keywords;
    pub use crate::model::playbook::Playbooks;
    pub use crate::model::select::Selection;
    pub use crate::model::{CONFIG_FILE, parse_date};
    pub use crate::parse::{Parsed, parse_note};
    pub use crate::problem::Problem;
    pub use crate::write::edit::{insert_touch, set_front_matter_key};
    pub use crate::yaml::locate::YamlText;
    pub use crate::yaml::{last_wins, simple};

    /// A note's front matter: split off, then read.
    pub mod front_matter {
        pub use crate::parse::front_matter::{Opening, Split, read, split};
    }

    /// A note's body: its list items.
    pub mod body {
        pub use crate::parse::body::{list_items, markdown_list_item_texts};
    }

    /// The fast reader of list items.
    pub mod outline {
        pub use crate::parse::outline::list_item_texts;
    }

    /// One list item read as a touch.
    pub mod touch {
        pub use crate::parse::touch::{Item, parse_item};
    }

    /// The agenda's template and its input.
    pub mod agenda {
        pub use crate::render::agenda::{Input, Template, render, render_with_engine};
    }

    /// `status` as JSON and as a table.
    pub mod status {
        pub use crate::render::json::status as json;
        pub use crate::render::table::status as table;
    }
}

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
