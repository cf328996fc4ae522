//! Who follows up on a contact in a team vault (docs/src/teams.md): the
//! team as nudge.yaml lists it (`owners:`, `default_owner`), the owners of
//! a contact (its `owner:`, else the default owner), and which contacts an
//! owner's agenda, status or stats take. Handles compare ignoring case.

use crate::caseless;
use crate::problem::quotable;
use crate::suggest::{Reach, closest};

/// The handle of the agenda of contacts nobody owns (`agendas/unowned.md`).
pub(crate) const UNOWNED: &str = "unowned";

/// The placeholder of `agenda_per_owner` that each owner's handle replaces.
pub(crate) const PLACEHOLDER: &str = "{owner}";

/// One person of the team, as `owners:` lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Owner {
    /// The handle notes write in `owner:` (`dana`).
    pub handle: String,
    /// The display name (`Dana Reyes`), when given.
    pub name: Option<String>,
    /// The email, matched against `git config user.email`, when given.
    pub email: Option<String>,
}

impl Owner {
    /// An owner known only by a handle.
    pub fn handle(handle: &str) -> Self {
        Self { handle: handle.to_owned(), ..Self::default() }
    }

    /// The name to show: the display name, else the handle.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.handle)
    }
}

/// The team of a vault: nudge.yaml's `owners:` and `default_owner`. Both
/// empty (the default) is a vault of one person: no contact has an owner
/// unless its note names one, and every command shows every contact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Team {
    /// The owners, in the order nudge.yaml lists them.
    pub owners: Vec<Owner>,
    /// The owner of a contact whose note names none.
    pub default_owner: Option<String>,
}

impl Team {
    /// Whether nudge.yaml lists the team.
    pub fn is_listed(&self) -> bool {
        !self.owners.is_empty()
    }

    /// The listed owner whose handle (ignoring case and accents, as
    /// [`same_handle`] compares) or email (ignoring case) is `word`.
    pub fn find(&self, word: &str) -> Option<&Owner> {
        let word = word.trim();
        self.owners.iter().find(|owner| {
            same_handle(&owner.handle, word) || owner.email.as_deref().is_some_and(|email| caseless::eq(email, word))
        })
    }

    /// The handles of the listed owners.
    pub fn handles(&self) -> impl Iterator<Item = &str> {
        self.owners.iter().map(|owner| owner.handle.as_str())
    }

    /// The owners of a contact whose note writes `written` in `owner:`:
    /// those, else the default owner; none for an unowned contact.
    pub fn owners_of<'a>(&'a self, written: &'a [String]) -> impl Iterator<Item = &'a str> {
        let default = if written.is_empty() { self.default_owner.as_deref() } else { None };
        written.iter().map(String::as_str).chain(default)
    }

    /// Whether a contact whose note writes `written` in `owner:` is on
    /// `owner`'s agenda and status: one `owner` owns, or, for [`Team::nobody`],
    /// one no listed owner owns (docs/src/teams.md).
    pub fn shows(&self, written: &[String], owner: &Owner) -> bool {
        if *owner == Self::nobody() {
            return !self.owners_of(written).any(|handle| !self.is_listed() || self.find(handle).is_some());
        }
        self.owns(written, &owner.handle)
    }

    /// The owner of the contacts nobody owns, [`UNOWNED`] (`--owner
    /// unowned`, the last line of `nudge team`).
    pub fn nobody() -> Owner {
        Owner { handle: UNOWNED.to_owned(), name: Some("unowned contacts".to_owned()), email: None }
    }

    /// Whether `handle` owns a contact whose note writes `written` in
    /// `owner:` (one of a list, for a shared account).
    pub fn owns(&self, written: &[String], handle: &str) -> bool {
        self.owners_of(written).any(|owner| same_handle(owner, handle))
    }

    /// `unknown owner 'dnaa': did you mean 'dana'? (nudge.yaml's `owners:`
    /// lists dana, sam)`: what messages say of a handle the team does not list.
    pub fn unknown(&self, word: &str) -> String {
        let word = word.trim();
        let hint = closest(word, self.handles(), Reach::ByLength)
            .map(|known| format!(": did you mean '{known}'?"))
            .unwrap_or_default();
        let handles: Vec<&str> = self.handles().collect();
        format!("unknown owner '{}'{hint} (nudge.yaml's `owners:` lists {})", quotable(word), handles.join(", "))
    }

    /// The positions of the contacts of each owner, whose notes write
    /// `written` in `owner:` (one slice a contact, in order): the owners
    /// nudge.yaml lists, in its order (when it lists none: the handles the
    /// notes name, in the order first met), then the contacts no listed
    /// owner owns, as [`UNOWNED`]'s. A contact of several owners (a shared
    /// account) is in the group of each; with the team listed, a handle it
    /// does not list (a typo `check` warns about) owns nothing.
    pub fn groups<'a>(&self, written: impl IntoIterator<Item = &'a [String]>) -> Vec<(Owner, Vec<usize>)> {
        let mut groups: Vec<(Owner, Vec<usize>)> =
            self.owners.iter().map(|owner| (owner.clone(), Vec::new())).collect();
        let mut unowned = Vec::new();
        for (index, written) in written.into_iter().enumerate() {
            let mut owned = false;
            for handle in self.owners_of(written) {
                let at = match groups.iter().position(|(owner, _)| same_handle(&owner.handle, handle)) {
                    Some(at) => at,
                    None if self.is_listed() => continue,
                    None => {
                        groups.push((Owner::handle(handle), Vec::new()));
                        groups.len() - 1
                    }
                };
                if let Some((_, members)) = groups.get_mut(at) {
                    members.push(index);
                    owned = true;
                }
            }
            if !owned {
                unowned.push(index);
            }
        }
        groups.push((Self::nobody(), unowned));
        groups
    }

    /// The owner `handle` stands for: the listed one, else one known by the
    /// handle only.
    pub fn owner(&self, handle: &str) -> Owner {
        self.find(handle).cloned().unwrap_or_else(|| Owner::handle(handle))
    }
}

/// Whether two handles are the same owner: ignoring case, accents and the
/// spaces around them (`jose` is `José`, as a teammate types it on a
/// keyboard without accents).
pub(crate) fn same_handle(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    caseless::eq(a, b) || deunicode::deunicode(a).eq_ignore_ascii_case(&deunicode::deunicode(b))
}

/// A handle as a file name: lower case, each character other than a
/// letter, a digit, `-` or `_` a `-` (`Dana Reyes` -> `dana-reyes`,
/// `../x` -> `---x`); `_` when nothing is left.
pub(crate) fn file_name(handle: &str) -> String {
    let name: String = handle
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect();
    if name.is_empty() { "_".to_owned() } else { name }
}

/// Whether `relative` (a path in the vault) is an agenda `pattern`
/// (`agendas/{owner}.md`) writes: the text around the placeholder with one
/// file name between.
pub(crate) fn is_agenda_of_pattern(pattern: &str, relative: &str) -> bool {
    let Some((before, after)) = pattern.split_once(PLACEHOLDER) else {
        return false;
    };
    relative.len() > before.len() + after.len()
        && relative.starts_with(before)
        && relative.ends_with(after)
        && relative.get(before.len()..relative.len() - after.len()).is_some_and(|name| !name.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team() -> Team {
        Team {
            owners: vec![
                Owner {
                    handle: "dana".into(),
                    name: Some("Dana Reyes".into()),
                    email: Some("Dana@Acme.example".into()),
                },
                Owner::handle("sam"),
            ],
            default_owner: Some("sam".into()),
        }
    }

    #[test]
    fn an_owner_is_found_by_handle_or_email_ignoring_case() {
        let team = team();
        assert_eq!(team.find("DANA").map(Owner::display_name), Some("Dana Reyes"));
        assert_eq!(team.find("dana@acme.example").map(|owner| owner.handle.as_str()), Some("dana"));
        assert_eq!(team.find("lee"), None);
        assert_eq!(team.owner("lee").display_name(), "lee");
    }

    #[test]
    fn a_handle_matches_without_its_accents_but_not_another_handle() {
        assert!(same_handle("jose", "José"));
        assert!(same_handle(" JOSÉ ", "josé"));
        assert!(same_handle("bjorn", "Bjørn"));
        assert!(!same_handle("jose", "josef"));
        assert!(!same_handle("dana", "dána-2"));
    }

    #[test]
    fn a_contact_without_owner_has_the_default_owner_and_a_list_has_each() {
        let team = team();
        assert!(team.owns(&[], "Sam"));
        assert!(!team.owns(&["dana".into()], "sam"));
        let shared = ["dana".to_owned(), "Lee".to_owned()];
        assert!(team.owns(&shared, "dana") && team.owns(&shared, "lee"));
        assert_eq!(Team::default().owners_of(&[]).count(), 0, "no default: unowned");
    }

    #[test]
    fn groups_are_the_listed_owners_then_the_unowned_and_a_shared_account_is_in_each() {
        let team = Team { default_owner: None, ..team() };
        let written: Vec<Vec<String>> =
            vec![vec!["SAM".into()], vec![], vec!["dana".into(), "sam".into()], vec!["dnaa".into()]];
        let groups = team.groups(written.iter().map(Vec::as_slice));
        let shown: Vec<(&str, &[usize])> =
            groups.iter().map(|(owner, members)| (owner.handle.as_str(), members.as_slice())).collect();
        assert_eq!(shown, [("dana", &[2][..]), ("sam", &[0, 2][..]), (UNOWNED, &[1, 3][..])]);
        let unlisted = Team::default().groups(written.iter().map(Vec::as_slice));
        let handles: Vec<&str> = unlisted.iter().map(|(owner, _)| owner.handle.as_str()).collect();
        assert_eq!(handles, ["SAM", "dana", "dnaa", UNOWNED], "without a list: the handles met");
    }

    #[test]
    fn a_handle_is_folded_to_a_safe_file_name() {
        assert_eq!(file_name("Dana"), "dana");
        assert_eq!(file_name("Dana Reyes"), "dana-reyes");
        assert_eq!(file_name("../etc/passwd"), "---etc-passwd");
        assert_eq!(file_name("  "), "_");
        assert_eq!(file_name("Zoë_2"), "zoë_2");
    }

    #[test]
    fn the_agendas_of_a_pattern_are_known() {
        assert!(is_agenda_of_pattern("agendas/{owner}.md", "agendas/dana.md"));
        assert!(!is_agenda_of_pattern("agendas/{owner}.md", "agendas/x/dana.md"));
        assert!(!is_agenda_of_pattern("agendas/{owner}.md", "agendas/.md"));
        assert!(!is_agenda_of_pattern("agendas/{owner}.md", "people/dana.md"));
        assert!(!is_agenda_of_pattern("agendas.md", "agendas.md"));
    }
}
