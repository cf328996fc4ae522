//! nudge: a follow-up agenda for contacts kept as plain markdown notes.
//!
//! Data flows one way, one module per stage: [`discover`] (vault, config,
//! file walk) -> [`parse`] (front matter, touches, with positions) ->
//! [`derive`] (state, due date, hints: pure) -> [`render`] (agenda, table,
//! JSON) -> [`write`] (atomic, only when changed).

pub mod derive;
pub mod model;
pub mod parse;
pub mod position;
pub mod problem;
pub mod yaml;
