//! Write: the only stage that changes files. Every write is atomic (a
//! temporary file in the same folder, flushed to disk, renamed over the
//! target) and skipped when the content would not change. Edits of notes
//! are byte-preserving ([`edit`]) and made under the vault's lock ([`lock`]).

mod atomic;
pub(crate) mod edit;
mod inside;
pub(crate) mod journal;
pub(crate) mod lock;

pub(crate) use atomic::{
    Content, Written, is_stream, replace_with, write_if_changed, write_new, write_new_all, write_pieces,
};
pub(crate) use inside::{check_inside, create_folder, write_in_vault};
pub(crate) use lock::VaultLock;
