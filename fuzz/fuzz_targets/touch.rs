//! Fuzz target `touch`: see [`checks::touch`].

#![no_main]

mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::touch(data));
