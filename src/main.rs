//! The `nudge` binary: everything is in the library.

fn main() -> std::process::ExitCode {
    nudge::run(std::env::args_os())
}
