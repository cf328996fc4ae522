//! What `log`, `snooze` and `sync` say after changing a contact: where,
//! what, and the contact's state and due date now.

use chrono::NaiveDate;

use crate::derive::Derived;
use crate::render::show::relative_day;
use crate::render::table::one_line;

/// `people/dana.md:14: - 2026-11-25 call` then the contact's new state on
/// the playbook named `playbook`.
pub(crate) fn edited(
    place: &str,
    written: &str,
    name: &str,
    playbook: &str,
    derived: &Derived,
    today: NaiveDate,
) -> String {
    let due = match derived.due {
        Some(due) => format!("due {due} ({})", relative_day(due, today)),
        None => "nothing due".to_owned(),
    };
    let reason = derived.reason.words(playbook);
    format!("{place}: {written}\n{}: {}, {due}\n  {reason}\n", one_line(name), derived.state)
}
