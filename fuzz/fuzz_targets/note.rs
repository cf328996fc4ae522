//! Fuzz target `note`: see [`checks::note`].

#![no_main]

mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::note(data));
