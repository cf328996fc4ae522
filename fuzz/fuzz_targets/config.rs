//! Fuzz target `config`: see [`checks::config`].

#![no_main]

mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::config(data));
