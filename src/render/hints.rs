//! Hints in words, for `show` and the agenda: what to do differently on
//! the next touch, and the rule it comes from.

use crate::derive::Hint;
use crate::model::Iso;
use crate::model::text::{Put, put};
use crate::render::count;

/// The hint in words: `2 voicemails already: don't leave another, try to
/// reach them live (R6)`.
pub(crate) fn words(hint: &Hint) -> String {
    Words(hint).to_string()
}

/// [`words`], printed where it is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Words<'a>(pub &'a Hint);

impl std::fmt::Display for Words<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.put(f)
    }
}

impl Put for Words<'_> {
    fn put<W: std::fmt::Write + ?Sized>(&self, out: &mut W) -> std::fmt::Result {
        match self.0 {
            Hint::VoicemailLimit { count: n, .. } => {
                let voicemails = count(usize::try_from(*n).unwrap_or(usize::MAX), "voicemail", "voicemails");
                put!(out, voicemails, " already: don't leave another, try to reach them live (R6)")
            }
            Hint::PreferCall { emails } => put!(out, "the last ", *emails, " attempts were emails: call instead (R4)"),
            Hint::AskNextStep { date } => {
                put!(out, "no next step agreed in the conversation on ", Iso(*date), ": ask when to talk again (R5)")
            }
            Hint::LastShot { attempt } => {
                put!(out, "attempt ", *attempt, " is the last shot: make it count, then let go (R9)")
            }
            Hint::FirstContact => out.write_str("first contact: say when you will follow up (R13)"),
            Hint::Nurture { every } => {
                put!(out, "nurture: send something useful, no ask; again in ", every.words(), " (R10)")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Duration;

    #[test]
    fn every_hint_names_its_rule() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
        let hints = [
            Hint::VoicemailLimit { count: 2, limit: 2 },
            Hint::PreferCall { emails: 2 },
            Hint::AskNextStep { date },
            Hint::LastShot { attempt: 5 },
            Hint::FirstContact,
            Hint::Nurture { every: Duration::Months(1) },
        ];
        let rules: Vec<String> =
            hints.iter().map(|hint| words(hint).rsplit('(').next().unwrap_or("").to_owned()).collect();
        assert_eq!(rules, ["R6)", "R4)", "R5)", "R9)", "R13)", "R10)"]);
        assert_eq!(
            words(&Hint::VoicemailLimit { count: 1, limit: 1 }),
            "1 voicemail already: don't leave another, try to reach them live (R6)",
            "one is singular"
        );
        assert_eq!(
            words(&Hint::Nurture { every: Duration::Months(1) }),
            "nurture: send something useful, no ask; again in 1 month (R10)"
        );
    }
}
