//! `nudge check`'s listing: one problem a line, then a summary.

use crate::problem::{Problem, Severity};
use crate::render::count;

/// Every problem on its own line (`path:line:col: error: message`), then
/// `2 errors, 1 warning in 17 contacts`.
pub fn listing(problems: &[Problem], notes: usize) -> String {
    let mut out = String::new();
    for problem in problems {
        out.push_str(&problem.to_string());
        out.push('\n');
    }
    out.push_str(&summary(problems, notes));
    out.push('\n');
    out
}

/// `2 errors, 1 warning in 17 contacts`, or `no problems in 17 contacts`.
pub fn summary(problems: &[Problem], notes: usize) -> String {
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    let warnings = problems.len() - errors;
    let in_notes = format!("in {}", count(notes, "contact", "contacts"));
    if problems.is_empty() {
        return format!("no problems {in_notes}");
    }
    format!("{}, {} {in_notes}", count(errors, "error", "errors"), count(warnings, "warning", "warnings"))
}
