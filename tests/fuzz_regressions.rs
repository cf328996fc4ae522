//! Every input a fuzzer found a fault with (`fuzz/regressions/<target>/`),
//! replayed through the very checks the fuzz targets run
//! (`fuzz/fuzz_targets/checks.rs`), in a plain test build.

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../fuzz/fuzz_targets/checks.rs"]
mod checks;

/// Runs `check` on every file of `fuzz/regressions/<target>/`; each must
/// pass and take well under the fuzzers' time limit.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    // A target without findings has no folder (git keeps no empty ones).
    let mut inputs: Vec<_> = std::fs::read_dir(&dir).into_iter().flatten().map(|entry| entry.unwrap().path()).collect();
    inputs.sort();
    for input in inputs {
        let bytes = std::fs::read(&input).unwrap();
        let started = Instant::now();
        let outcome = std::panic::catch_unwind(|| check(&bytes));
        assert!(outcome.is_ok(), "{} fails again", input.display());
        assert!(started.elapsed() < Duration::from_secs(5), "{} took {:?}", input.display(), started.elapsed());
    }
}

#[test]
fn note_inputs() {
    replay("note", checks::note);
}

#[test]
fn config_inputs() {
    replay("config", checks::config);
}

#[test]
fn touch_inputs() {
    replay("touch", checks::touch);
}

#[test]
fn edit_inputs() {
    replay("edit", checks::edit);
}

#[test]
fn lsp_inputs() {
    replay("lsp", checks::lsp);
}
