//! How each owner of a team stands (`nudge team`, docs/src/teams.md): their
//! contacts overdue, due today, on their last shot, and left without a
//! touch for [`QUIET_DAYS`]. Pure: from the derived contacts.

use chrono::NaiveDate;
use serde::Serialize;

use crate::derive::{Contact, State, Urgency};
use crate::model::owner::Team;

/// A contact still followed up on, whose last touch (else the day it was
/// added) is more than this many days before today, has gone quiet.
pub(crate) const QUIET_DAYS: i64 = 30;

/// One owner's line of `nudge team`; `nudge team --json`, field for field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Standing {
    /// The handle (`unowned` for the contacts nobody owns).
    pub owner: String,
    /// The display name, else the handle.
    pub name: String,
    /// Their contacts.
    pub contacts: usize,
    /// Due before today (any state).
    pub overdue: usize,
    /// Due today.
    pub today: usize,
    /// In state `last-shot` (R9), due when it may be.
    pub last_shots: usize,
    /// Not stopped, closed or dormant, and without a touch in
    /// [`QUIET_DAYS`] days (never touched and no `added`: counted).
    pub no_touch_in_30_days: usize,
}

/// Each owner's standing ([`Team::groups`]: the listed owners, then the
/// unowned contacts).
pub(crate) fn standings(team: &Team, contacts: &[Contact], today: NaiveDate) -> Vec<Standing> {
    team.groups(contacts.iter().map(|contact| contact.owner.as_slice()))
        .into_iter()
        .map(|(owner, members)| {
            let theirs: Vec<&Contact> = members.iter().filter_map(|&index| contacts.get(index)).collect();
            let count = |test: &dyn Fn(&Contact) -> bool| theirs.iter().filter(|contact| test(contact)).count();
            Standing {
                name: owner.display_name().to_owned(),
                owner: owner.handle,
                contacts: theirs.len(),
                overdue: count(&|contact| contact.derived.urgency == Urgency::Overdue),
                today: count(&|contact| contact.derived.urgency == Urgency::Today),
                last_shots: count(&|contact| contact.derived.state == State::LastShot),
                no_touch_in_30_days: count(&|contact| is_quiet(contact, today)),
            }
        })
        .collect()
}

/// Whether a contact still followed up on has had no touch in [`QUIET_DAYS`].
fn is_quiet(contact: &Contact, today: NaiveDate) -> bool {
    if matches!(contact.derived.state, State::Stopped | State::Closed | State::Dormant) {
        return false;
    }
    contact.derived.last_touch.or(contact.added).is_none_or(|day| (today - day).num_days() > QUIET_DAYS)
}
