//! Hints in words, for `show` and the agenda: what to do differently on
//! the next touch, and the rule it comes from.

use crate::derive::Hint;

/// The hint in words: `2 voicemails already: don't leave another, try to
/// reach them live (R6)`.
pub fn words(hint: &Hint) -> String {
    match hint {
        Hint::VoicemailLimit { count, .. } => {
            format!("{count} voicemails already: don't leave another, try to reach them live (R6)")
        }
        Hint::PreferCall { emails } => format!("the last {emails} attempts were emails: call instead (R4)"),
        Hint::AskNextStep { date } => {
            format!("no next step agreed in the conversation on {date}: ask when to talk again (R5)")
        }
        Hint::LastShot { attempt } => format!("attempt {attempt} is the last shot: make it count, then let go (R9)"),
        Hint::FirstContact => "first contact: say when you will follow up (R13)".to_owned(),
        Hint::Nurture { every } => {
            format!("nurture: send something useful, no ask; again in {} (R10)", every.words())
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
            words(&Hint::Nurture { every: Duration::Months(1) }),
            "nurture: send something useful, no ask; again in 1 month (R10)"
        );
    }
}
