//! Write: the only stage that changes files. Every write is atomic (a
//! temporary file in the same folder, flushed to disk, renamed over the
//! target) and skipped when the content would not change.

mod atomic;
mod inside;

pub use atomic::{Written, write_if_changed};
pub use inside::{check_inside, write_in_vault};
