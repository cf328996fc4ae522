//! Playbooks (docs/src/playbooks.md): the cadence rule for a kind of relationship (R8).
//! The built-ins are data; the config overrides fields or adds playbooks.

use std::sync::Arc;

use crate::model::{Duration, Limit, Then};

/// A cadence rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Playbook {
    /// Its name (`job-search`).
    pub name: Arc<str>,
    /// Wait after a response before following up (R3).
    pub after_reply: Duration,
    /// Waits between unanswered attempts; the last value repeats. Never empty.
    pub cadence: Vec<Duration>,
    /// Unanswered attempts before the last shot, for contacts who never responded (R7).
    pub give_up_after: Limit,
    /// The same for contacts who responded at least once (R7).
    pub give_up_after_engaged: Limit,
    /// What follows an unanswered last shot (R9, R10).
    pub then: Then,
    /// The cadence while in nurture (R10).
    pub nurture_every: Duration,
    /// Voicemails after which the hint says to reach them live (R6).
    pub voicemail_limit: u32,
}

impl Playbook {
    /// The wait after the `attempt`-th unanswered attempt (1-based); the
    /// cadence's last value repeats.
    pub fn wait_after(&self, attempt: u32) -> Duration {
        let index = usize::try_from(attempt.saturating_sub(1)).unwrap_or(usize::MAX);
        self.cadence.get(index).or(self.cadence.last()).copied().unwrap_or(Duration::Days(7))
    }

    /// The limit in force: the engaged one once the contact has responded.
    pub fn limit(&self, ever_responded: bool) -> Limit {
        if ever_responded { self.give_up_after_engaged } else { self.give_up_after }
    }
}

/// Changes to a playbook, as written in the config: every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaybookPatch {
    /// `after_reply`.
    pub after_reply: Option<Duration>,
    /// `cadence` (never empty).
    pub cadence: Option<Vec<Duration>>,
    /// `give_up_after`.
    pub give_up_after: Option<Limit>,
    /// `give_up_after_engaged`.
    pub give_up_after_engaged: Option<Limit>,
    /// `then`.
    pub then: Option<Then>,
    /// `nurture_every`.
    pub nurture_every: Option<Duration>,
    /// `voicemail_limit`.
    pub voicemail_limit: Option<u32>,
}

impl PlaybookPatch {
    /// Applies the fields that are set.
    fn apply_to(&self, playbook: &mut Playbook) {
        if let Some(value) = self.after_reply {
            playbook.after_reply = value;
        }
        if let Some(value) = self.cadence.as_ref().filter(|c| !c.is_empty()) {
            playbook.cadence.clone_from(value);
        }
        if let Some(value) = self.give_up_after {
            playbook.give_up_after = value;
        }
        if let Some(value) = self.give_up_after_engaged {
            playbook.give_up_after_engaged = value;
        }
        if let Some(value) = self.then {
            playbook.then = value;
        }
        if let Some(value) = self.nurture_every {
            playbook.nurture_every = value;
        }
        if let Some(value) = self.voicemail_limit {
            playbook.voicemail_limit = value;
        }
    }
}

/// The name of the playbook used when neither the contact nor the config names one.
pub(crate) const DEFAULT_PLAYBOOK: &str = "job-search";

/// The playbooks in force: the built-ins with the config's changes. Never
/// empty: the first built-in, `job-search`, always stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Playbooks {
    first: Playbook,
    others: Vec<Playbook>,
}

impl Default for Playbooks {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Playbooks {
    /// The five built-in playbooks (docs/src/playbooks.md), each value from a rule of
    /// `followup-rules.md`.
    pub fn builtin() -> Self {
        use Duration::{Days as D, Months as M, Weeks as W};
        use Limit::{After, Never};
        let playbook =
            |name: &str, after_reply, cadence: &[Duration], give_up, engaged, then, nurture_every| Playbook {
                name: name.into(),
                after_reply,
                cadence: cadence.to_vec(),
                give_up_after: give_up,
                give_up_after_engaged: engaged,
                then,
                nurture_every,
                voicemail_limit: 2, // R6: a voicemail the first, perhaps the second time
            };
        Self {
            // R3: wait ~3 days after a conversation; R4: phone every 3 to 4 days,
            // about as many calls; R12: stay even on the 16th call.
            first: playbook(DEFAULT_PLAYBOOK, D(3), &[D(3), D(4), D(7)], After(4), After(16), Then::Nurture, M(1)),
            others: vec![
                // R1: never give up before the 5th attempt; R7: 15-20 while the
                // dialogue is alive; R10: "not now" moves to a slow cadence.
                playbook("sales", D(2), &[D(3), D(7), D(14), M(1)], After(5), After(20), Then::Nurture, M(3)),
                // R10: cold prospecting sequences run over 1 to 6 months.
                playbook("prospecting", W(1), &[M(1), M(2), M(3), M(6)], After(4), After(8), Then::Nurture, M(6)),
                // R7: no response at all, stop after 2 to 3; R8: decide the wait
                // and stick to it; R9: one last shot, then cut your losses.
                playbook("partnership", D(3), &[D(7)], After(2), After(5), Then::Dormant, M(3)),
                // R10: a slow, useful cadence that never ends.
                playbook("nurture", M(1), &[M(3)], Never, Never, Then::Nurture, M(3)),
            ],
        }
    }

    /// The playbook called `name`, ignoring case (`Sales` is `sales`).
    pub fn get(&self, name: &str) -> Option<&Playbook> {
        // Names are told apart ignoring case (see [`Playbooks::apply`]):
        // one written as defined (most notes) is found by comparing bytes.
        let same = self.iter().find(|playbook| *playbook.name == *name);
        same.or_else(|| self.iter().find(|playbook| crate::caseless::eq(&playbook.name, name)))
    }

    /// The first playbook (`job-search`, as changed by the config).
    pub fn first(&self) -> &Playbook {
        &self.first
    }

    /// The start of the message for a playbook name that is none (`shown`
    /// as it is quoted): `unknown playbook 'salse', did you mean 'sales'?
    /// (known: job-search, sales, ...)`, the suggestion only for a typo.
    pub fn unknown(&self, name: &str, shown: &str) -> String {
        let hint = crate::suggest::closest(name, self.names(), crate::suggest::Reach::ByLength)
            .map(|known| format!(", did you mean '{known}'?"))
            .unwrap_or_default();
        let known: Vec<&str> = self.names().collect();
        format!("unknown playbook '{shown}'{hint} (known: {})", known.join(", "))
    }

    /// Every name, built-ins first, then added ones in config order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|playbook| &*playbook.name)
    }

    /// Every playbook, built-ins first.
    pub fn iter(&self) -> impl Iterator<Item = &Playbook> {
        std::iter::once(&self.first).chain(&self.others)
    }

    /// Applies a config entry: changes some fields of the playbook `name`
    /// (ignoring case), or adds it, taking the fields it does not set from the built-in `job-search`.
    pub fn apply(&mut self, name: &str, patch: &PlaybookPatch) {
        let existing = std::iter::once(&mut self.first)
            .chain(&mut self.others)
            .find(|playbook| crate::caseless::eq(&playbook.name, name));
        if let Some(existing) = existing {
            patch.apply_to(existing);
            return;
        }
        let mut playbook = Self::builtin().first;
        playbook.name = name.into();
        patch.apply_to(&mut playbook);
        self.others.push(playbook);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Duration::{Days, Months};

    #[test]
    fn the_builtin_playbooks_match_the_table_of_the_playbooks_page() {
        let playbooks = Playbooks::builtin();
        let rows: Vec<String> = playbooks
            .iter()
            .map(|p| {
                let cadence: Vec<String> = p.cadence.iter().map(ToString::to_string).collect();
                format!(
                    "{} {} [{}] {} {} {:?} {} {}",
                    p.name,
                    p.after_reply,
                    cadence.join(", "),
                    p.give_up_after,
                    p.give_up_after_engaged,
                    p.then,
                    p.nurture_every,
                    p.voicemail_limit
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                "job-search 3d [3d, 4d, 7d] 4 16 Nurture 1m 2",
                "sales 2d [3d, 7d, 14d, 1m] 5 20 Nurture 3m 2",
                "prospecting 1w [1m, 2m, 3m, 6m] 4 8 Nurture 6m 2",
                "partnership 3d [7d] 2 5 Dormant 3m 2",
                "nurture 1m [3m] never never Nurture 3m 2",
            ]
        );
    }

    #[test]
    fn r1_sales_never_gives_up_before_the_fifth_attempt() {
        let sales = Playbooks::builtin().get("sales").cloned().unwrap();
        assert!(matches!(sales.give_up_after, Limit::After(n) if n >= 5));
    }

    #[test]
    fn the_last_cadence_value_repeats() {
        let job = Playbooks::builtin().get("job-search").cloned().unwrap();
        assert_eq!([1, 2, 3, 4, 9].map(|n| job.wait_after(n)), [Days(3), Days(4), Days(7), Days(7), Days(7)]);
    }

    #[test]
    fn config_patches_override_fields_and_add_playbooks() {
        let mut playbooks = Playbooks::builtin();
        playbooks
            .apply("job-search", &PlaybookPatch { cadence: Some(vec![Days(2), Days(3)]), ..PlaybookPatch::default() });
        playbooks.apply(
            "recruiters",
            &PlaybookPatch { after_reply: Some(Days(2)), then: Some(Then::Dormant), ..PlaybookPatch::default() },
        );
        let job = playbooks.get("job-search").unwrap();
        assert_eq!((job.cadence.clone(), job.after_reply), (vec![Days(2), Days(3)], Days(3)));
        let recruiters = playbooks.get("recruiters").unwrap();
        assert_eq!(
            (recruiters.after_reply, recruiters.then, recruiters.nurture_every),
            (Days(2), Then::Dormant, Months(1))
        );
        assert_eq!(playbooks.names().last(), Some("recruiters"));
    }
}
