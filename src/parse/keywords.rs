//! The keyword table of section 2: the words that say how a touch went
//! (`call`, `voicemail`, `reply`, ...), with the config's additions.

use fnv::FnvHashMap;

use crate::model::{Channel, Direction, Outcome};

/// What one keyword sets on a touch. Later keywords refine earlier ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keyword {
    /// The channel it sets, or `None` to leave the channel unchanged.
    pub channel: Option<Channel>,
    /// Set the channel to `call` when none was set before (`talked`, `spoke`).
    pub call_if_none: bool,
    /// The direction it sets.
    pub direction: Direction,
    /// The outcome it sets.
    pub outcome: Outcome,
}

/// The word that makes a list item a dated note rather than a touch.
pub const NOTE: &str = "note";

/// The default table of section 2: words, and what each of them sets.
const DEFAULT_TABLE: &[(&[&str], Keyword)] = {
    use Channel::{Call, Email, Letter, Meeting, Message};
    use Direction::{In, Out};
    use Outcome::{Attempt, Closed, Conversation, NoAnswer, NotInterested, Reply, Stop, Voicemail};
    const fn sets(channel: Option<Channel>, direction: Direction, outcome: Outcome) -> Keyword {
        Keyword { channel, call_if_none: false, direction, outcome }
    }
    &[
        (&["call", "called", "phone", "phoned"], sets(Some(Call), Out, Attempt)),
        (&["voicemail", "vm", "left-message"], sets(Some(Call), Out, Voicemail)),
        (&["no-answer", "noanswer"], sets(Some(Call), Out, NoAnswer)),
        (&["email", "emailed", "mail"], sets(Some(Email), Out, Attempt)),
        (&["text", "texted", "sms", "message", "dm", "linkedin"], sets(Some(Message), Out, Attempt)),
        (&["letter", "card"], sets(Some(Letter), Out, Attempt)),
        (&["in", "inbound", "reply", "replied", "responded", "callback"], sets(None, In, Reply)),
        (
            &["talked", "spoke", "connected", "live"],
            Keyword { channel: None, call_if_none: true, direction: In, outcome: Conversation },
        ),
        (&["meeting", "met", "interview", "coffee", "lunch", "visit"], sets(Some(Meeting), In, Conversation)),
        (&["not-interested", "declined", "pass"], sets(None, In, NotInterested)),
        (&["stop", "do-not-contact", "unsubscribe"], sets(None, In, Stop)),
        (&["won", "hired", "signed", "closed", "lost"], sets(None, In, Closed)),
    ]
};

/// The keyword table in force: the defaults plus the config's `keywords`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keywords {
    /// Lower-case words; FNV hashes a short word several times faster than
    /// the default SipHash, and every word of every touch is looked up.
    words: FnvHashMap<String, Keyword>,
}

impl Default for Keywords {
    fn default() -> Self {
        let mut words = FnvHashMap::default();
        for (names, keyword) in DEFAULT_TABLE {
            for name in *names {
                words.insert((*name).to_owned(), *keyword);
            }
        }
        Self { words }
    }
}

impl Keywords {
    /// Adds (or replaces) a word; words are matched case-insensitively.
    pub fn insert(&mut self, word: &str, keyword: Keyword) {
        self.words.insert(word.to_ascii_lowercase(), keyword);
    }

    /// The keyword for `word`, ignoring ASCII case (a capitalized word is
    /// lowered on the stack when it is short, as keywords are).
    pub fn get(&self, word: &str) -> Option<&Keyword> {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.words.get(word);
        }
        let mut buffer = [0u8; 32];
        match buffer.get_mut(..word.len()) {
            Some(lower) => {
                lower.copy_from_slice(word.as_bytes());
                lower.make_ascii_lowercase();
                self.words.get(std::str::from_utf8(lower).ok()?)
            }
            None => self.words.get(&word.to_ascii_lowercase()),
        }
    }

    /// The known word closest to `word`, when one is close enough to be a
    /// typo (`calld` -> `called`). Ties go to the longer word: a typo more
    /// often drops a letter than adds one.
    pub fn suggest(&self, word: &str) -> Option<&str> {
        let lower = word.to_lowercase();
        let max_distance = if lower.chars().count() <= 4 { 1 } else { 2 };
        self.words
            .keys()
            .map(String::as_str)
            .chain([NOTE])
            .filter_map(|known| Some((crate::problem::typo_distance(&lower, known, max_distance)?, known)))
            .min_by(|(d1, w1), (d2, w2)| d1.cmp(d2).then(w2.len().cmp(&w1.len())).then(w1.cmp(w2)))
            .map(|(_, known)| known)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Channel::*;
    use Direction::*;
    use Outcome::*;

    #[test]
    fn every_row_of_the_default_table() {
        let table = Keywords::default();
        let rows: &[(&[&str], Option<Channel>, Direction, Outcome)] = &[
            (&["call", "called", "phone", "phoned"], Some(Call), Out, Attempt),
            (&["voicemail", "vm", "left-message"], Some(Call), Out, Voicemail),
            (&["no-answer", "noanswer"], Some(Call), Out, NoAnswer),
            (&["email", "emailed", "mail"], Some(Email), Out, Attempt),
            (&["text", "texted", "sms", "message", "dm", "linkedin"], Some(Message), Out, Attempt),
            (&["letter", "card"], Some(Letter), Out, Attempt),
            (&["in", "inbound", "reply", "replied", "responded", "callback"], None, In, Reply),
            (&["talked", "spoke", "connected", "live"], None, In, Conversation),
            (&["meeting", "met", "interview", "coffee", "lunch", "visit"], Some(Meeting), In, Conversation),
            (&["not-interested", "declined", "pass"], None, In, NotInterested),
            (&["stop", "do-not-contact", "unsubscribe"], None, In, Stop),
            (&["won", "hired", "signed", "closed", "lost"], None, In, Closed),
        ];
        for (words, channel, direction, outcome) in rows {
            for word in *words {
                let keyword = table.get(word).copied();
                assert_eq!(
                    keyword.map(|k| (k.channel, k.direction, k.outcome)),
                    Some((*channel, *direction, *outcome)),
                    "{word}"
                );
                assert_eq!(table.get(&word.to_uppercase()).copied(), keyword, "{word} in capitals");
            }
        }
        assert!(table.get("talked").is_some_and(|k| k.call_if_none));
        assert!(table.get("note").is_none(), "note is grammar, not a keyword");
    }

    #[test]
    fn typos_get_the_closest_word() {
        let table = Keywords::default();
        assert_eq!(table.suggest("calld"), Some("called"));
        assert_eq!(table.suggest("voicemial"), Some("voicemail"));
        assert_eq!(table.suggest("emial"), Some("email"));
        assert_eq!(table.suggest("nite"), Some("note"));
        assert_eq!(table.suggest("sent"), None);
        assert_eq!(table.suggest("Dana"), None);
    }

    #[test]
    fn config_words_are_added() {
        let mut table = Keywords::default();
        let rang = Keyword { channel: Some(Call), call_if_none: false, direction: Out, outcome: Attempt };
        table.insert("Rang", rang);
        assert_eq!(table.get("rang"), Some(&rang));
        let long = "a-very-long-keyword-that-someone-configured";
        table.insert(long, rang);
        assert_eq!(table.get(&long.to_uppercase()), Some(&rang), "longer than the stack buffer");
    }
}
