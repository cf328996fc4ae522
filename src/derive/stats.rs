//! Stats across contacts (`nudge stats`): on which attempt people first
//! responded, how long that took, and how often an attempt got an answer,
//! by channel and weekday. Pure: [`summarize`] turns one contact's timeline
//! into a small owned [`Summary`], [`fold`] adds the summaries up.
//!
//! Definitions (docs/src/stats-and-calendar.md repeats them):
//! - An *attempt* and a *response* are [`Touch::is_attempt`] and
//!   [`Touch::is_response`]; only counted touches (on or before today).
//! - A contact's *attempts before the first response* are the attempts
//!   dated before it in the timeline: 0 when they responded before any
//!   attempt (they wrote first).
//! - *Days to response*: from the first attempt to the first response, in
//!   calendar days; only for contacts with at least one attempt before it.
//!   The median of an even count is the mean of the two middle values.
//! - An attempt is *answered* when the next touch after it that is an
//!   attempt or a response is a response. Reply rate = answered / attempts.
//!   Attempts with nothing after them yet count as unanswered.
//! - `never_responded`: contacts with at least one attempt and no response;
//!   contacts never tried are in neither `responded` nor `never_responded`.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::derive::State;
use crate::derive::reason::weekday_name;
use crate::model::Channel;
use crate::model::owner::Team;
use crate::parse::Touch;

/// What one contact contributes to the stats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Summary {
    /// The playbook in force.
    pub playbook: String,
    /// The derived state.
    pub state: State,
    /// The first response, if any.
    pub first_response: Option<FirstResponse>,
    /// Every attempt, in timeline order.
    pub attempts: Vec<Attempt>,
}

/// A contact's first response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FirstResponse {
    /// Attempts before it (0: they responded before any attempt).
    pub after_attempts: u32,
    /// Days from the first attempt to it; `None` without an attempt before it.
    pub days: Option<i64>,
}

/// One attempt and whether the next response answered it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attempt {
    /// How it was made.
    pub channel: Channel,
    /// Its day (for the weekday).
    pub date: NaiveDate,
    /// The next touch that was an attempt or a response was a response.
    pub answered: bool,
}

/// One contact's summary, from its counted touches in order
/// ([`crate::derive::timeline`]).
pub(crate) fn summarize(timeline: &[&Touch<'_>], state: State, playbook: &str) -> Summary {
    let relevant: Vec<&Touch<'_>> =
        timeline.iter().copied().filter(|touch| touch.is_attempt() || touch.is_response()).collect();
    let first_attempt = relevant.iter().find(|touch| touch.is_attempt());
    let first_response = relevant.iter().position(|touch| touch.is_response()).map(|index| {
        let before = relevant.get(..index).unwrap_or_default();
        let response_date = relevant.get(index).map(|touch| touch.date);
        FirstResponse {
            after_attempts: u32::try_from(before.len()).unwrap_or(u32::MAX),
            days: first_attempt
                .filter(|_| !before.is_empty())
                .zip(response_date)
                .map(|(attempt, response)| (response - attempt.date).num_days()),
        }
    });
    let attempts = relevant
        .iter()
        .enumerate()
        .filter(|(_, touch)| touch.is_attempt())
        .map(|(index, touch)| Attempt {
            channel: touch.channel,
            date: touch.date,
            answered: relevant.get(index + 1).is_some_and(|next| next.is_response()),
        })
        .collect();
    Summary { playbook: playbook.to_owned(), state, first_response, attempts }
}

/// The stats of a set of contacts: `nudge stats --json`, field for field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Stats {
    /// How many contacts.
    pub contacts: usize,
    /// Contacts by state, every state in the order of the state table (docs/src/playbooks.md).
    pub by_state: Ordered<&'static str, usize>,
    /// First responses by the number of attempts before them.
    pub responses_by_attempt: Vec<Bucket>,
    /// Contacts that responded at least once.
    pub responded: usize,
    /// Contacts tried at least once that never responded.
    pub never_responded: usize,
    /// The median days from the first attempt to the first response.
    pub median_days_to_response: Option<f64>,
    /// Every attempt, and how many were answered.
    pub attempts: Rate,
    /// Attempts by channel (channels with attempts, in table order).
    pub by_channel: Ordered<&'static str, Rate>,
    /// Attempts by weekday (days with attempts, Monday first).
    pub by_weekday: Ordered<String, Rate>,
    /// The same, per playbook (by name); absent inside a playbook's stats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_playbook: Option<BTreeMap<String, Stats>>,
}

/// How many first responses came after `attempt` attempts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct Bucket {
    /// Attempts before the first response.
    pub attempt: u32,
    /// Contacts whose first response came then.
    pub responses: usize,
    /// `responses` / all contacts that responded, rounded to 4 places.
    pub share: f64,
}

/// Attempts and how many of them the next response answered.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct Rate {
    /// Attempts.
    pub attempts: usize,
    /// Attempts answered by the next response.
    pub answered: usize,
    /// `answered` / `attempts`, rounded to 4 places.
    pub reply_rate: f64,
}

/// Key-value pairs in a chosen order, serialized as a JSON object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ordered<K, V>(pub Vec<(K, V)>);

impl<K: Serialize, V: Serialize> Serialize for Ordered<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// Adds up the summaries, overall and per playbook.
pub(crate) fn fold(summaries: &[Summary]) -> Stats {
    let mut by_playbook: BTreeMap<String, Vec<&Summary>> = BTreeMap::new();
    for summary in summaries {
        by_playbook.entry(summary.playbook.clone()).or_default().push(summary);
    }
    let all: Vec<&Summary> = summaries.iter().collect();
    Stats {
        by_playbook: Some(by_playbook.into_iter().map(|(name, group)| (name, fold_group(&group))).collect()),
        ..fold_group(&all)
    }
}

fn fold_group(summaries: &[&Summary]) -> Stats {
    let by_state = State::ALL
        .iter()
        .map(|state| (state.as_str(), summaries.iter().filter(|summary| summary.state == *state).count()))
        .collect();
    let firsts: Vec<FirstResponse> = summaries.iter().filter_map(|summary| summary.first_response).collect();
    let never_responded =
        summaries.iter().filter(|summary| summary.first_response.is_none() && !summary.attempts.is_empty()).count();
    let mut days: Vec<i64> = firsts.iter().filter_map(|first| first.days).collect();
    let attempts: Vec<&Attempt> = summaries.iter().flat_map(|summary| &summary.attempts).collect();
    let mut channels: BTreeMap<Channel, Vec<&Attempt>> = BTreeMap::new();
    let mut weekdays: BTreeMap<u32, (String, Vec<&Attempt>)> = BTreeMap::new();
    for attempt in &attempts {
        channels.entry(attempt.channel).or_default().push(attempt);
        let day = attempt.date.weekday().num_days_from_monday();
        let name = || weekday_name(attempt.date).to_ascii_lowercase();
        weekdays.entry(day).or_insert_with(|| (name(), Vec::new())).1.push(attempt);
    }
    Stats {
        contacts: summaries.len(),
        by_state: Ordered(by_state),
        responses_by_attempt: buckets(&firsts),
        responded: firsts.len(),
        never_responded,
        median_days_to_response: median(&mut days),
        attempts: rate(&attempts),
        by_channel: Ordered(channels.into_iter().map(|(channel, group)| (channel.as_str(), rate(&group))).collect()),
        by_weekday: Ordered(weekdays.into_values().map(|(name, group)| (name, rate(&group))).collect()),
        by_playbook: None,
    }
}

/// One bucket per attempt number from 1 (0 when someone responded before
/// any attempt) to the largest, gaps included, so a chart shows them.
fn buckets(firsts: &[FirstResponse]) -> Vec<Bucket> {
    let Some(last) = firsts.iter().map(|first| first.after_attempts).max() else { return Vec::new() };
    let start = firsts.iter().map(|first| first.after_attempts).min().unwrap_or(1).min(1);
    (start..=last)
        .map(|attempt| {
            let responses = firsts.iter().filter(|first| first.after_attempts == attempt).count();
            Bucket { attempt, responses, share: ratio(responses, firsts.len()) }
        })
        .collect()
}

fn rate(attempts: &[&Attempt]) -> Rate {
    let answered = attempts.iter().filter(|attempt| attempt.answered).count();
    Rate { attempts: attempts.len(), answered, reply_rate: ratio(answered, attempts.len()) }
}

/// `part / whole` rounded to 4 places; 0 when `whole` is 0.
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    #[expect(clippy::cast_precision_loss, reason = "counts of notes are far below 2^52")]
    let value = part as f64 / whole as f64;
    (value * 10_000.0).round() / 10_000.0
}

/// The median; the mean of the two middle values for an even count.
/// One owner's line of `nudge stats --by owner`; its JSON, field for field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct OwnerStats {
    /// The handle (`unowned` for the contacts nobody owns).
    pub owner: String,
    /// The display name, else the handle.
    pub name: String,
    /// Their contacts.
    pub contacts: usize,
    /// Of them, those that responded at least once.
    pub responded: usize,
    /// Their attempts, and how many the next response answered.
    pub attempts: Rate,
    /// Their contacts due before today.
    pub overdue: usize,
    /// The median days past due of those, `None` when none is.
    pub median_days_overdue: Option<f64>,
}

/// One contact as `stats --by owner` counts it: its summary, the owners
/// its note names, and its days past due when it is overdue.
pub(crate) type Owned = (Summary, Vec<String>, Option<i64>);

/// The stats of each owner ([`Team::groups`]: the listed owners, then the
/// unowned contacts).
pub(crate) fn by_owner(team: &Team, contacts: &[Owned]) -> Vec<OwnerStats> {
    team.groups(contacts.iter().map(|(_, owners, _)| owners.as_slice()))
        .into_iter()
        .map(|(owner, members)| {
            let theirs: Vec<&Owned> = members.iter().filter_map(|&index| contacts.get(index)).collect();
            let attempts: Vec<&Attempt> = theirs.iter().flat_map(|(summary, _, _)| &summary.attempts).collect();
            let mut overdue: Vec<i64> = theirs.iter().filter_map(|(_, _, days)| *days).collect();
            OwnerStats {
                name: owner.display_name().to_owned(),
                owner: owner.handle,
                contacts: theirs.len(),
                responded: theirs.iter().filter(|(summary, _, _)| summary.first_response.is_some()).count(),
                attempts: rate(&attempts),
                overdue: overdue.len(),
                median_days_overdue: median(&mut overdue),
            }
        })
        .collect()
}

fn median(values: &mut [i64]) -> Option<f64> {
    values.sort_unstable();
    let middle = values.len() / 2;
    #[expect(clippy::cast_precision_loss, reason = "day counts are small")]
    let at = |index: usize| values.get(index).map(|value| *value as f64);
    if values.len() % 2 == 1 { at(middle) } else { Some(f64::midpoint(at(middle.checked_sub(1)?)?, at(middle)?)) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::timeline;
    use crate::model::parse_date;
    use crate::parse::{Keywords, Parsed, parse_note};

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    /// The summary of a note with these touch lines, on 2026-11-25.
    fn summary_of(touches: &[&str]) -> Summary {
        let text = format!("---\nname: X\n---\n{}\n", touches.iter().map(|t| format!("- {t}\n")).collect::<String>());
        let Parsed::Contact(note, _) = parse_note("x.md", &text, &Keywords::default()) else { panic!("not a contact") };
        summarize(&timeline(&note.touches, date("2026-11-25")), State::Active, "job-search")
    }

    fn answered(summary: &Summary) -> Vec<bool> {
        summary.attempts.iter().map(|attempt| attempt.answered).collect()
    }

    #[test]
    fn attempts_before_the_first_response_are_counted_in_date_order() {
        let summary = summary_of(&[
            "2026-11-10 reply: thanks",
            "2026-11-02 email",
            "2026-11-05 call voicemail",
            "2026-11-12 call",
        ]);
        assert_eq!(summary.first_response, Some(FirstResponse { after_attempts: 2, days: Some(8) }));
        assert_eq!(answered(&summary), [false, true, false], "the voicemail got the reply; the last call nothing yet");
    }

    #[test]
    fn a_response_before_any_attempt_is_attempt_zero_without_days() {
        let summary = summary_of(&["2026-11-02 email in: they wrote first", "2026-11-03 email"]);
        assert_eq!(summary.first_response, Some(FirstResponse { after_attempts: 0, days: None }));
    }

    #[test]
    fn touches_that_are_neither_attempts_nor_responses_do_not_break_the_answer() {
        let summary = summary_of(&["2026-11-02 call", "2026-11-03 note: checked their site", "2026-11-04 reply"]);
        assert_eq!(answered(&summary), [true]);
    }

    #[test]
    fn never_answered_attempts_leave_no_first_response() {
        let summary = summary_of(&["2026-11-02 call no-answer", "2026-11-05 call"]);
        assert_eq!(summary.first_response, None);
        assert_eq!(answered(&summary), [false, false]);
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&mut [9, 1, 4, 6]), Some(5.0));
        assert_eq!(median(&mut [3, 1, 2]), Some(2.0));
        assert_eq!(median(&mut []), None);
    }

    #[test]
    #[allow(clippy::float_cmp, reason = "rounded to 4 places: the exact value is the one printed")]
    fn shares_are_rounded_and_never_divide_by_zero() {
        assert_eq!(ratio(1, 3), 0.3333);
        assert_eq!(ratio(0, 0), 0.0);
    }

    #[test]
    fn buckets_leave_no_gaps_and_start_at_zero_only_when_someone_wrote_first() {
        let first = |after_attempts| FirstResponse { after_attempts, days: None };
        let attempts = |buckets: Vec<Bucket>| buckets.iter().map(|b| (b.attempt, b.responses)).collect::<Vec<_>>();
        assert_eq!(attempts(buckets(&[first(3), first(1)])), [(1, 1), (2, 0), (3, 1)]);
        assert_eq!(attempts(buckets(&[first(2), first(0)])), [(0, 1), (1, 0), (2, 1)]);
        assert!(buckets(&[]).is_empty());
    }

    #[test]
    fn the_fold_groups_by_playbook_and_counts_states() {
        let mut other = summary_of(&["2026-11-02 call"]);
        other.playbook = "sales".to_owned();
        other.state = State::LastShot;
        let stats = fold(&[summary_of(&["2026-11-02 email", "2026-11-04 reply"]), other]);
        assert_eq!(stats.contacts, 2);
        assert_eq!((stats.responded, stats.never_responded), (1, 1));
        assert_eq!(
            stats.by_state.0.iter().filter(|(_, n)| *n > 0).collect::<Vec<_>>(),
            [&("active", 1), &("last-shot", 1)]
        );
        let playbooks = stats.by_playbook.unwrap();
        assert_eq!(playbooks.keys().collect::<Vec<_>>(), ["job-search", "sales"]);
        assert_eq!(playbooks["sales"].never_responded, 1);
        assert_eq!(playbooks["sales"].by_playbook, None);
    }
}
