//! Integration tests: run the real `nudge` binary on vaults written to
//! temporary folders (or copied from `fixtures/`) and compare whole outputs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

mod test;

mod agenda;
mod cache;
mod check;
mod completions;
mod contacts;
mod corpus;
mod daily;
mod discover;
mod docs;
mod front_matter;
mod fuzz_regressions;
mod git_hook;
mod hostile;
mod ics;
mod import;
mod layout;
mod log;
mod lsp;
mod neovim;
mod new;
mod obsidian_notes;
mod obsidian_vault;
mod show;
mod stats;
mod status;
mod table;
mod teams;
mod touches;
mod watch;
mod writes;
