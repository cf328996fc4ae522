//! YAML embedded in a file (a note's front matter, `nudge.yaml`): parsing
//! with positions translated into the file, and reading typed fields out of
//! the parsed value while collecting every problem with its position.

mod fields;
pub mod last_wins;
mod locate;
pub mod simple;

pub use fields::{Fields, describe, looks_like_date, scalar_text};
pub use locate::{SyntaxError, YamlLines, YamlText};
