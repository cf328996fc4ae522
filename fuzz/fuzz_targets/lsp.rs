//! Fuzz target `lsp`: see [`checks::lsp`].

#![no_main]

mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::lsp(data));
