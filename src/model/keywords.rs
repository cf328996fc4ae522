//! The keyword table (docs/src/touches.md): the words that say how a touch went
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
pub(crate) const NOTE: &str = "note";

/// A keyword, or the word where one was expected, as [`Keywords::read`]
/// reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadWord<'t, 'k> {
    /// The keyword, when it is one.
    pub keyword: Option<&'k Keyword>,
    /// The word or phrase as written, with the punctuation after it.
    pub written: &'t str,
    /// Without that punctuation (an unknown word is quoted so).
    pub bare: &'t str,
    /// A `:` after it: the keywords end there.
    pub ends_keywords: bool,
    /// It is `note` (`#note` too): a dated note, when it comes first.
    pub note: bool,
}

/// The default keyword table: words, and what each of them sets.
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

/// Keywords of several words (docs/src/touches.md), each read as the word
/// of the table it names, so a config that changes that word changes it too.
const PHRASES: &[(&[&str], &str)] =
    &[(&["not", "interested"], "not-interested"), (&["do", "not", "contact"], "do-not-contact")];

/// The length of `words` at the start of `text`: separated by spaces or
/// tabs, in any ASCII case, the last perhaps followed by `:` `,` `;` `.`
/// `!`, then by the end or a space.
fn phrase_len(text: &str, words: &[&str]) -> Option<usize> {
    let mut at = 0;
    for (index, word) in words.iter().enumerate() {
        if index > 0 {
            let blanks = text.get(at..)?.bytes().take_while(|&byte| byte == b' ' || byte == b'\t').count();
            if blanks == 0 {
                return None;
            }
            at += blanks;
        }
        let written = text.get(at..at + word.len())?;
        if !written.eq_ignore_ascii_case(word) {
            return None;
        }
        at += word.len();
    }
    let rest = text.get(at..)?;
    let punctuation = rest.bytes().take_while(|byte| matches!(byte, b':' | b',' | b';' | b'.' | b'!')).count();
    let ends = rest.get(punctuation..)?.chars().next().is_none_or(char::is_whitespace);
    ends.then_some(at + punctuation)
}

/// The keyword table in force: the defaults plus the config's `keywords`.
#[derive(Debug, Clone)]
pub struct Keywords {
    /// Every word, lower-case; FNV hashes a short word several times faster
    /// than the default SipHash.
    words: FnvHashMap<String, Keyword>,
    /// The words of at most [`PACKED_LEN`] bytes (nearly all, and nearly
    /// every word a touch starts with), each [`packed`] into a number, in
    /// an open-addressing table: every word of every touch is looked up.
    short: Packed<u64>,
    /// The words of more bytes, up to [`LONG_PACKED_LEN`] (`voicemail`,
    /// `connected`, `interview`, and the free text's first long word),
    /// [`long_packed`] into two: hashing them for the map took five times
    /// as long.
    long: Packed<u128>,
}

impl PartialEq for Keywords {
    /// The same words, whatever the order they were added in.
    fn eq(&self, other: &Self) -> bool {
        self.words == other.words
    }
}

impl Eq for Keywords {}

/// The longest word [`packed`] holds.
const PACKED_LEN: usize = 7;

/// `word` as one number, ignoring ASCII case: its bytes, lowered, and its
/// length in the last byte; `None` for a word longer than [`PACKED_LEN`].
fn packed(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    if bytes.len() > PACKED_LEN {
        return None;
    }
    // From the last byte down, each shifted in: no shift by a variable.
    let key = bytes.iter().rev().fold(0, |key, byte| (key << 8) | u64::from(byte.to_ascii_lowercase()));
    Some(key | (bytes.len() as u64) << 56)
}

/// The first `len` bytes of `chunk` (at most [`PACKED_LEN`]), eight bytes
/// of text the first one lowest, as [`packed`] puts them: lowered all at
/// once, not byte by byte.
#[inline]
fn packed_chunk(chunk: u64, len: usize) -> u64 {
    (crate::caseless::ascii_lowered(chunk) & ((1 << (8 * len)) - 1)) | (len as u64) << 56
}

/// [`NOTE`], [`packed`].
const NOTE_KEY: u64 = u64::from_le_bytes(*b"note\0\0\0\x04");

/// The longest word [`long_packed`] holds.
const LONG_PACKED_LEN: usize = 15;

/// `word` as [`packed`] puts it, in a number twice as wide, for a word of
/// more than [`PACKED_LEN`] bytes and at most [`LONG_PACKED_LEN`].
fn long_packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if !(PACKED_LEN + 1..=LONG_PACKED_LEN).contains(&bytes.len()) {
        return None;
    }
    let key = bytes.iter().rev().fold(0, |key, byte| (key << 8) | u128::from(byte.to_ascii_lowercase()));
    Some(key | (bytes.len() as u128) << 120)
}

/// A packed word, as a [`Packed`] table keeps it.
trait PackedKey: Copy + Eq {
    /// The 64 bits its slot is found from.
    fn spread(self) -> u64;
}

impl PackedKey for u64 {
    fn spread(self) -> u64 {
        self
    }
}

impl PackedKey for u128 {
    #[expect(clippy::cast_possible_truncation, reason = "the two halves, each kept whole")]
    fn spread(self) -> u64 {
        (self as u64) ^ ((self >> 64) as u64).rotate_left(29)
    }
}

/// Packed words and their keywords in an open-addressing table (linear
/// probing), never more than half full.
#[derive(Debug, Clone)]
struct Packed<K> {
    slots: Vec<Option<(K, Keyword)>>,
    len: usize,
}

impl<K: PackedKey> Default for Packed<K> {
    fn default() -> Self {
        Self { slots: vec![None; 128], len: 0 }
    }
}

impl<K: PackedKey> Packed<K> {
    /// The slot of `key`, or of the empty slot where it would go.
    #[inline]
    fn slot(&self, key: K) -> usize {
        let mask = self.slots.len() - 1;
        // Fibonacci hashing: high bits of the product (the low ones barely
        // change from one word to the next).
        let mut at = usize::try_from(key.spread().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40).unwrap_or(0) & mask;
        while let Some(Some((found, _))) = self.slots.get(at) {
            if *found == key {
                break;
            }
            at = (at + 1) & mask;
        }
        at
    }

    /// The keyword of the word packed as `key`.
    #[inline]
    fn get(&self, key: K) -> Option<&Keyword> {
        self.slots.get(self.slot(key))?.as_ref().map(|(_, keyword)| keyword)
    }

    /// Adds or replaces the word packed as `key`, doubling the table first
    /// when it would be more than half full.
    fn insert(&mut self, key: K, keyword: Keyword) {
        if 2 * (self.len + 1) > self.slots.len() {
            let grown = vec![None; 2 * self.slots.len()];
            let old = std::mem::replace(&mut self.slots, grown);
            self.len = 0;
            for (key, keyword) in old.into_iter().flatten() {
                self.insert(key, keyword);
            }
        }
        let at = self.slot(key);
        if let Some(slot) = self.slots.get_mut(at) {
            self.len += usize::from(slot.is_none());
            *slot = Some((key, keyword));
        }
    }
}

impl Default for Keywords {
    fn default() -> Self {
        let mut keywords = Self { words: FnvHashMap::default(), short: Packed::default(), long: Packed::default() };
        for (names, keyword) in DEFAULT_TABLE {
            for name in *names {
                keywords.insert(name, *keyword);
            }
        }
        keywords
    }
}

impl Keywords {
    /// Adds (or replaces) a word; words are matched case-insensitively.
    pub fn insert(&mut self, word: &str, keyword: Keyword) {
        if let Some(key) = packed(word) {
            self.short.insert(key, keyword);
        } else if let Some(key) = long_packed(word) {
            self.long.insert(key, keyword);
        }
        self.words.insert(word.to_ascii_lowercase(), keyword);
    }

    /// The keyword for `word`, ignoring ASCII case: found packed when it is
    /// short, as keywords are; a longer one is lowered on the stack when it
    /// fits there.
    pub fn get(&self, word: &str) -> Option<&Keyword> {
        if let Some(key) = packed(word) {
            return self.short.get(key);
        }
        if let Some(key) = long_packed(word) {
            return self.long.get(key);
        }
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

    /// Every word of the table and its keyword, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Keyword)> {
        self.words.iter().map(|(word, keyword)| (word.as_str(), keyword))
    }

    /// The keyword of several words (`not interested`) `text` starts with,
    /// and the length it takes there, its punctuation included.
    pub fn phrase(&self, text: &str) -> Option<(&Keyword, usize)> {
        // Every word of every touch comes here: most are let go at their
        // first letter.
        let first = text.as_bytes().first()?.to_ascii_lowercase();
        if !matches!(first, b'n' | b'd') {
            return None;
        }
        // The words first: the keyword is looked up only for a phrase written.
        PHRASES.iter().find_map(|(words, same_as)| {
            let len = phrase_len(text, words)?;
            Some((self.get(same_as)?, len))
        })
    }

    /// What the touch grammar reads at the start of `text`
    /// (docs/src/touches.md), whose first whitespace-separated word is `word`: a
    /// keyword of several words (`not interested`) or of one, a tag (`#vm`)
    /// too, with the punctuation after it. The one reader of keywords, for
    /// touch lines and for the keywords given to `nudge log`.
    #[inline]
    pub fn read<'t>(&self, text: &'t str, word: &'t str) -> ReadWord<'t, '_> {
        let phrase = self.phrase(text);
        let written = phrase.and_then(|(_, len)| text.get(..len)).unwrap_or(word);
        let (bare, ends_keywords) = match written.as_bytes().last() {
            Some(b':') => (written.get(..written.len() - 1).unwrap_or_default(), true),
            _ => (written, false),
        };
        // Byte by byte: the `char` pattern went through the pattern machinery
        // for every word; and nearly every word ends with a letter.
        let punctuation = |b: &u8| matches!(b, b',' | b';' | b'.' | b'!');
        let bare = if bare.as_bytes().last().is_some_and(punctuation) {
            bare.get(..bare.len() - bare.bytes().rev().take_while(punctuation).count()).unwrap_or_default()
        } else {
            bare
        };
        let tag = usize::from(bare.starts_with('#'));
        let tagless = bare.get(tag..).unwrap_or_default();
        let keyword = match phrase {
            Some((keyword, _)) => Some(keyword),
            // Nearly every word: packed from the eight bytes it starts.
            None => match text.as_bytes().get(tag..).and_then(<[u8]>::split_first_chunk::<8>) {
                Some((chunk, _)) if tagless.len() <= PACKED_LEN => {
                    self.short.get(packed_chunk(u64::from_le_bytes(*chunk), tagless.len()))
                }
                _ => self.get(tagless),
            },
        };
        ReadWord { keyword, written, bare, ends_keywords, note: tagless.eq_ignore_ascii_case(NOTE) }
    }

    /// The keyword of the word at bytes `start..end` of `text` (as
    /// [`Self::get`] finds it), and whether it is `note`: nearly every word
    /// packed from the eight bytes it ends with (a touch's date is before
    /// it) or starts, without a loop.
    #[expect(
        clippy::inline_always,
        reason = "called for every word of every touch; fat LTO left it a call (callgrind)"
    )]
    #[inline(always)]
    pub(crate) fn keyword_at(&self, text: &str, start: usize, end: usize) -> (Option<&Keyword>, bool) {
        let bytes = text.as_bytes();
        let eight =
            |at: usize| bytes.get(at..).and_then(<[u8]>::first_chunk::<8>).map(|chunk| u64::from_le_bytes(*chunk));
        let len = end - start;
        if len <= PACKED_LEN {
            // The eight bytes ending with the word, shifted down to it, or
            // the eight it starts.
            let chunk = match end.checked_sub(8).and_then(eight) {
                Some(chunk) => chunk.checked_shr(8 * (8 - len) as u32).unwrap_or(0),
                None => match eight(start) {
                    Some(chunk) => chunk,
                    None => bytes
                        .get(start..end)
                        .unwrap_or_default()
                        .iter()
                        .rev()
                        .fold(0, |key, &byte| (key << 8) | u64::from(byte)),
                },
            };
            let key = packed_chunk(chunk, len);
            return (self.short.get(key), key == NOTE_KEY);
        }
        if len <= LONG_PACKED_LEN
            && let (Some(low), Some(high)) = (eight(start), end.checked_sub(8).and_then(eight))
        {
            // The bytes past the first eight, shifted down from the eight
            // the word ends with.
            let high = crate::caseless::ascii_lowered(high.checked_shr(8 * (16 - len) as u32).unwrap_or(0));
            let key = u128::from(crate::caseless::ascii_lowered(low)) | u128::from(high) << 64 | (len as u128) << 120;
            return (self.long.get(key), false);
        }
        (text.get(start..end).and_then(|word| self.get(word)), false)
    }

    /// The known word closest to `word`, when one is close enough to be a
    /// typo (`calld` -> `called`): one edit away for a word of 3 to 6
    /// letters, two for a longer one, none for a shorter one (`on` is no
    /// typo of `in`). `note` is suggested one edit away at most: it would
    /// take the touch out of the count. Ties go to the longer word: a typo
    /// more often drops a letter than adds one.
    pub fn suggest(&self, word: &str) -> Option<&str> {
        let known = self.words.keys().map(|known| (known.as_str(), usize::MAX)).chain([(NOTE, 1)]);
        crate::suggest::closest_capped(word, known, crate::suggest::Reach::ByLength)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Channel::*;
    use Direction::*;
    use Outcome::*;

    proptest::proptest! {
        /// A word looked up in place, whatever is before and after it and
        /// however long it is, is the keyword [`Keywords::get`] finds for
        /// it, and `note` exactly when it is that word.
        #[test]
        fn words_looked_up_in_place_are_the_words_looked_up(
            before in "[a-z0-9 -]{0,12}",
            word in "call|vm|voicemail|no-answer|note|NOTE|Note:|[a-zA-Zé:#-]{0,17}",
            after in "( [a-z:]{0,9})?",
        ) {
            let mut table = Keywords::default();
            let config = Keyword { channel: Some(Channel::Letter), call_if_none: false, direction: In, outcome: Reply };
            for long in ["a-longer-keyword", "rang-up-to-date", "rang-ups", "r", "zvoní"] {
                table.insert(long, config);
            }
            let text = format!("{before}{word}{after}");
            let (keyword, note) = table.keyword_at(&text, before.len(), before.len() + word.len());
            proptest::prop_assert_eq!(keyword, table.get(&word));
            proptest::prop_assert_eq!(note, word.eq_ignore_ascii_case(NOTE));
        }

        /// Two words get the same packed key exactly when they are the same
        /// word ignoring ASCII case, short or long.
        #[test]
        fn packed_keys_tell_words_apart_ignoring_case(a in "[a-cA-C\u{0}é-]{0,15}", b in "[a-cA-C\u{0}é-]{0,15}") {
            let same = a.eq_ignore_ascii_case(&b);
            if let (Some(ka), Some(kb)) = (packed(&a), packed(&b)) {
                proptest::prop_assert_eq!(ka == kb, same);
            }
            if let (Some(ka), Some(kb)) = (long_packed(&a), long_packed(&b)) {
                proptest::prop_assert_eq!(ka == kb, same);
            }
        }

        /// A word's first bytes packed from eight at once, as [`packed`]
        /// packs them, whatever the bytes (each ASCII letter and the bytes
        /// around `A`, `Z`, `a` and `z`).
        #[test]
        fn eight_bytes_are_packed_as_one_by_one(
            bytes in proptest::collection::vec(proptest::sample::select(
                b"@AMZ[`amz{09-_#\x00\x7f\x80\xc1\xc3\xda\xdb\xe1\xfa\xff".to_vec()
            ), 8),
            len in 0..=PACKED_LEN,
        ) {
            let chunk = bytes.as_slice().first_chunk::<8>().map(|chunk| u64::from_le_bytes(*chunk));
            let fold = bytes.iter().take(len).rev().fold(0, |key, byte| (key << 8) | u64::from(byte.to_ascii_lowercase()));
            proptest::prop_assert_eq!(chunk.map(|chunk| packed_chunk(chunk, len)), Some(fold | (len as u64) << 56));
        }
    }

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
    fn short_words_get_no_far_fetched_suggestion() {
        let table = Keywords::default();
        assert_eq!(table.suggest("on"), None, "two letters: no typo of `in`");
        assert_eq!(table.suggest("vn"), None);
        assert_eq!(table.suggest("pinged"), None, "two edits from `signed`: too far for six letters");
        assert_eq!(table.suggest("texed"), Some("texted"));
        assert_eq!(table.suggest("noted"), Some("note"), "one edit");
        assert_eq!(table.suggest("nothing"), None, "three edits from `note`");
        assert_eq!(table.suggest("knotes"), None, "two edits from `note`: never suggested");
        assert_eq!(table.suggest("interestd"), None);
    }

    #[test]
    fn multi_word_keywords_not_interested_and_do_not_contact() {
        let table = Keywords::default();
        let outcome = |text| table.phrase(text).map(|(keyword, len)| (keyword.outcome, len));
        assert_eq!(outcome("not interested"), Some((NotInterested, 14)));
        assert_eq!(outcome("Not  Interested: for now"), Some((NotInterested, 16)));
        assert_eq!(outcome("do not contact."), Some((Stop, 15)));
        assert_eq!(outcome("DO NOT\tCONTACT again"), Some((Stop, 14)));
        for other in ["not interesting", "not", "do not", "not-interested", "nothing", "do not contacted", ""] {
            assert_eq!(outcome(other), None, "{other}");
        }
        let mut table = Keywords::default();
        let later = Keyword { channel: None, call_if_none: false, direction: In, outcome: Reply };
        table.insert("not-interested", later);
        assert_eq!(table.phrase("not interested").map(|(keyword, _)| *keyword), Some(later), "as the config says");
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
        let (seven, eight) = ("rang-up", "rang-ups");
        table.insert(seven, rang);
        assert_eq!((table.get("RANG-UP"), table.get(eight)), (Some(&rang), None), "packed, and one byte more");
        table.insert(eight, rang);
        assert_eq!(table.get("Rang-Ups"), Some(&rang));
        let (fifteen, sixteen) = ("rang-up-to-date", "rang-up-to-dates");
        table.insert(fifteen, rang);
        assert_eq!(
            (table.get("Rang-Up-To-Date"), table.get(sixteen)),
            (Some(&rang), None),
            "packed long, and one more"
        );
        table.insert(sixteen, rang);
        assert_eq!(table.get("RANG-UP-TO-DATES"), Some(&rang));
        assert_eq!(table.get("VoiceMail").map(|k| k.outcome), Some(Voicemail), "a default word, packed long");
        assert_eq!(table.get("voicemails"), None);
        table.insert("zvoní", rang);
        assert_eq!((table.get("ZVONÍ"), table.get("Zvoní")), (None, Some(&rang)), "ASCII case only");
        assert_eq!((table.get(""), table.get("ran"), table.get("rang\0")), (None, None, None));
        let voicemail = table.get("vm").copied();
        table.insert("VM", rang);
        assert_eq!(table.get("vm"), Some(&rang), "a config word replaces a default one");
        assert_ne!(voicemail, Some(rang));
        // Many more words than the table first holds: it grows.
        let words: Vec<String> = (0..300).map(|n| format!("w{n}")).collect();
        for word in &words {
            table.insert(word, rang);
        }
        assert!(words.iter().all(|word| table.get(word) == Some(&rang)));
        assert_eq!(table.get("call").map(|k| k.channel), Some(Some(Call)));
    }
}
