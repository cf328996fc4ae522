//! Issue 9's commands: completions, man, stats, ics, and the table polish.

mod completions;
mod git_hook;
mod ics;
mod obsidian;
mod stats;
mod table;
mod watch;
