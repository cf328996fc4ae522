//! Hints: advice for the next touch, each a code with parameters that the
//! outputs put into words (docs/src/playbooks.md, "Hints"; the words are in `render::hints`).

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::Duration;

/// The advice for one contact: at most one hint of each kind, kept in the
/// contact itself (no allocation, and no second place in memory to read
/// when the agenda prints it).
pub(crate) type Hints = arrayvec::ArrayVec<Hint, { Hint::KINDS }>;

/// One piece of advice for the next touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum Hint {
    /// R6: `count` voicemails since the last response reached the limit:
    /// don't leave another, reach them live.
    VoicemailLimit {
        /// Voicemails left since the last response.
        count: u32,
        /// The playbook's `voicemail_limit`.
        limit: u32,
    },
    /// R4: the last two attempts since the last response were emails:
    /// call instead.
    PreferCall {
        /// Emails in a row at the end of the attempts since the last response.
        emails: u32,
    },
    /// R5: the last touch was a conversation with no agreed next date.
    AskNextStep {
        /// The day of that conversation.
        date: NaiveDate,
    },
    /// R9: the next attempt is the final one.
    LastShot {
        /// Its number.
        attempt: u32,
    },
    /// R13: a new contact: say up front when you'll follow up.
    FirstContact,
    /// R10: send something useful, no ask.
    Nurture {
        /// How often.
        #[serde(serialize_with = "crate::derive::hints::serialize_duration")]
        every: Duration,
    },
}

impl Hint {
    /// How many kinds of hint there are (the variants): a contact gets each
    /// kind at most once, so its [`Hints`] never overflow.
    pub const KINDS: usize = 6;

    /// The hint's code (`voicemail-limit`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::VoicemailLimit { .. } => "voicemail-limit",
            Self::PreferCall { .. } => "prefer-call",
            Self::AskNextStep { .. } => "ask-next-step",
            Self::LastShot { .. } => "last-shot",
            Self::FirstContact => "first-contact",
            Self::Nurture { .. } => "nurture",
        }
    }
}

/// Serializes a duration as written in playbooks (`1m`).
pub(crate) fn serialize_duration<S: serde::Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_serialize_as_a_code_with_parameters() {
        let json = serde_json::to_string(&[
            Hint::VoicemailLimit { count: 2, limit: 2 },
            Hint::FirstContact,
            Hint::Nurture { every: Duration::Months(1) },
        ])
        .unwrap();
        assert_eq!(
            json,
            r#"[{"code":"voicemail-limit","count":2,"limit":2},{"code":"first-contact"},{"code":"nurture","every":"1m"}]"#
        );
    }
}
