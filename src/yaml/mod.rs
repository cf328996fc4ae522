//! YAML embedded in a file (a note's front matter, `nudge.yaml`): parsing
//! with positions translated into the file, and reading typed fields out of
//! the parsed value while collecting every problem with its position.

mod fields;
pub mod last_wins;
pub(crate) mod locate;
pub mod simple;

pub(crate) use fields::{Fields, describe, looks_like_date, scalar_text};
pub(crate) use locate::{SyntaxError, YamlLines, YamlText};
