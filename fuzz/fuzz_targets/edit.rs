//! Fuzz target `edit`: see [`checks::edit`].

#![no_main]

mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::edit(data));
