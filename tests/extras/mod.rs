//! Issue 9's commands: completions, man, stats, ics, and the table polish.

mod completions;
mod ics;
mod stats;
mod table;
