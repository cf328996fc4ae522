//! Did-you-mean: the known word a typed one is most likely a typo of, for
//! every suggestion nudge makes (touch keywords, front matter keys,
//! `nudge.yaml` settings, `status --state` and `--playbook`, `log`'s
//! keywords). Callers differ only in how far a suggestion may reach.

use std::borrow::Cow;

/// How far from a known word a typed one may be to be taken for a typo of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// One edit at most (front matter keys: a key further away is taken
    /// for a field of the user's own, kept without a warning).
    OneEdit,
    /// By the typed word's length: none for 1 or 2 characters (`on` is no
    /// typo of `in`), one edit for 3 to 6, two for a longer word.
    ByLength,
    /// Two edits, or any number of letters added at the end of a word of 4
    /// letters or more, each counted as an edit (`nudge.yaml`'s settings:
    /// `give_up` -> `give_up_after`, 6 edits, rather than
    /// `give_up_after_end`, 10).
    TwoOrStart,
}

impl Reach {
    /// The most edits from a typed word of `chars` characters.
    fn max(self, chars: usize) -> Option<usize> {
        match (self, chars) {
            (Self::OneEdit, _) | (Self::ByLength, 3..=6) => Some(1),
            (Self::ByLength, ..=2) => None,
            (Self::ByLength | Self::TwoOrStart, _) => Some(2),
        }
    }
}

/// The word of `known` closest to `word` ignoring case, within `reach`.
/// Ties go to the longer word (a typo more often drops a letter than adds
/// one), then to the first in alphabetical order.
pub(crate) fn closest<'k>(word: &str, known: impl IntoIterator<Item = &'k str>, reach: Reach) -> Option<&'k str> {
    closest_capped(word, known.into_iter().map(|known| (known, usize::MAX)), reach)
}

/// [`closest`], each known word with the most edits it may be away on top
/// of `reach` (`note` is suggested one edit away at most: it would take a
/// touch out of the count).
pub(crate) fn closest_capped<'k>(
    word: &str,
    known: impl IntoIterator<Item = (&'k str, usize)>,
    reach: Reach,
) -> Option<&'k str> {
    let word = lowercase(word);
    let max = reach.max(word.chars().count())?;
    let completed = |known: &str| {
        let starts = reach == Reach::TwoOrStart && word.len() >= 4 && known.starts_with(&*word);
        starts.then(|| known.chars().count() - word.chars().count())
    };
    // ASCII words (nearly all) of lengths too far apart are passed by
    // their lengths alone: this runs on every unknown front matter key.
    let ascii = word.is_ascii() && reach != Reach::TwoOrStart;
    known
        .into_iter()
        .filter_map(|(known, cap)| {
            if ascii && known.is_ascii() && !may_be_near(word.as_bytes(), known.as_bytes(), max.min(cap)) {
                return None;
            }
            let lower = lowercase(known);
            let distance = completed(&lower).or_else(|| typo_distance(&word, &lower, max.min(cap)));
            Some((distance?, known))
        })
        .min_by(|(d1, w1), (d2, w2)| d1.cmp(d2).then(w2.len().cmp(&w1.len())).then(w1.cmp(w2)))
        .map(|(_, known)| known)
}

/// Whether the ASCII words `word` and `known` may be within
/// `max` edits, judged by their lengths and, for one edit, their ends: one
/// edit touches at most two neighbouring letters, so it keeps the first two
/// letters or, in words of 5 letters or more, the last two (the first or
/// the last letter in words of 3 or 4), ignoring case. Nearly every
/// unknown front matter key is let go here, without lowering or counting.
pub(crate) fn may_be_near(word: &[u8], known: &[u8], max: usize) -> bool {
    if word.len().abs_diff(known.len()) > max {
        return false;
    }
    let kept = match word.len().min(known.len()) {
        _ if max != 1 => return true,
        ..=2 => return true,
        3 | 4 => 1,
        _ => 2,
    };
    let same = |a: Option<&[u8]>, b: Option<&[u8]>| a.zip(b).is_some_and(|(a, b)| a.eq_ignore_ascii_case(b));
    let (word_end, known_end) = (word.len() - kept, known.len() - kept);
    same(word.get(..kept), known.get(..kept)) || same(word.get(word_end..), known.get(known_end..))
}

/// `text` in lower case, without allocating when it is already (as every
/// known word and nearly every typed one is: this runs on every unknown
/// front matter key of every note).
fn lowercase(text: &str) -> Cow<'_, str> {
    if text.bytes().all(|byte| byte.is_ascii() && !byte.is_ascii_uppercase()) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// The number of edits (Damerau-Levenshtein: an insertion, deletion,
/// substitution or swap of neighbours each) from `word` to `known`, when
/// it is at most `max`. Words whose lengths differ by more are not
/// compared at all, so a 5 MB "word" costs nothing; one edit is found
/// without allocating.
pub(crate) fn typo_distance(word: &str, known: &str, max: usize) -> Option<usize> {
    let known_len = known.chars().count();
    let word_len = word.chars().take(known_len + max + 1).count();
    if word_len.abs_diff(known_len) > max {
        return None;
    }
    if word == known {
        return Some(0);
    }
    if max >= 1 && within_one_edit(word, known) {
        return Some(1);
    }
    // The full distance (allocating) only when two edits may be taken:
    // every unknown front matter key of every note is compared with one
    // edit at most.
    if max < 2 {
        return None;
    }
    Some(strsim::damerau_levenshtein(word, known)).filter(|distance| (2..=max).contains(distance))
}

/// Whether the Damerau-Levenshtein distance of `a` and `b` is at most one:
/// once their common start and end are set aside, what is left is nothing,
/// one character against at most one, or two swapped neighbours. ASCII
/// texts (every known word, nearly every typed one) are compared as bytes.
fn within_one_edit(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return within_one_edit_of(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    within_one_edit_of(&a, &b)
}

/// [`within_one_edit`] for sequences of characters.
fn within_one_edit_of<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (a.get(start..).unwrap_or_default(), b.get(start..).unwrap_or_default());
    let end = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (a.get(..a.len() - end).unwrap_or_default(), b.get(..b.len() - end).unwrap_or_default());
    match (a, b) {
        ([] | [_], [] | [_]) => true,
        ([a0, a1], [b0, b1]) => a0 == b1 && a1 == b0,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_measured_only_between_words_of_close_lengths() {
        assert_eq!(typo_distance("calld", "called", 2), Some(1));
        assert_eq!(typo_distance("playbok", "playbook", 1), Some(1));
        assert_eq!(typo_distance("voicemial", "voicemail", 2), Some(1), "a swap is one edit");
        assert_eq!(typo_distance("clld", "called", 2), Some(2));
        assert_eq!(typo_distance("clld", "called", 1), None);
        assert_eq!(typo_distance("xyz", "called", 2), None);
        let started = std::time::Instant::now();
        assert_eq!(typo_distance(&"x".repeat(5_000_000), "called", 2), None);
        assert!(started.elapsed() < std::time::Duration::from_millis(100));
    }

    #[test]
    fn each_reach_keeps_its_callers_rule() {
        let keys = ["playbook", "give_up_after", "give_up_after_end", "horizon_days"];
        assert_eq!(
            closest("give_up", keys, Reach::TwoOrStart),
            Some("give_up_after"),
            "a start, the fewest letters added"
        );
        assert_eq!(closest("give_up", keys, Reach::ByLength), None, "no start for other callers");
        assert_eq!(closest("Horizon_Dys", keys, Reach::TwoOrStart), Some("horizon_days"), "ignoring case");
        assert_eq!(closest("plybok", keys, Reach::OneEdit), None, "two edits");
        assert_eq!(closest("plybok", keys, Reach::ByLength), None, "6 letters: one edit");
        assert_eq!(closest("plyboook", keys, Reach::ByLength), Some("playbook"), "8 letters: two edits");
        assert_eq!(closest("on", ["in"], Reach::ByLength), None, "two letters: no suggestion");
        assert_eq!(closest("on", ["in"], Reach::OneEdit), Some("in"));
    }

    proptest::proptest! {
        /// The filter by lengths and ends never lets go a word one edit
        /// from a known one (a small alphabet makes such pairs common).
        #[test]
        fn the_filter_by_ends_keeps_every_word_one_edit_away(word in "[a-c]{0,6}", known in "[a-cA-C]{0,6}") {
            let near = strsim::damerau_levenshtein(&word, &known.to_ascii_lowercase()) <= 1;
            proptest::prop_assert!(!near || may_be_near(word.as_bytes(), known.as_bytes(), 1));
        }

        /// The same for a known word made from the typed one by one edit
        /// (0 insertion, 1 deletion, 2 substitution, 3 swap) anywhere.
        #[test]
        fn the_filter_by_ends_keeps_every_one_edit(word in "[a-c]{0,9}", edit in 0..4usize, at in 0..10usize, letter in "[a-cA-C]") {
            let mut known: Vec<u8> = word.bytes().collect();
            let at = at.min(known.len());
            match edit {
                0 => known.insert(at, letter.as_bytes()[0]),
                1 if at < known.len() => { known.remove(at); }
                2 if at < known.len() => known[at] = letter.as_bytes()[0],
                3 if at + 1 < known.len() => known.swap(at, at + 1),
                _ => {}
            }
            proptest::prop_assert!(may_be_near(word.as_bytes(), &known, 1), "{} {:?}", word, String::from_utf8_lossy(&known));
        }
    }

    #[test]
    fn ties_go_to_the_longer_word_then_alphabetical_order() {
        assert_eq!(closest("calld", ["call", "called"], Reach::ByLength), Some("called"));
        assert_eq!(closest("tbc", ["tbd", "tba"], Reach::ByLength), Some("tba"));
    }

    #[test]
    fn a_cap_keeps_one_word_closer() {
        let known = [("note", 1), ("vote", usize::MAX)];
        assert_eq!(closest_capped("nite", known, Reach::ByLength), Some("note"));
        assert_eq!(closest_capped("notedd", [("note", 1)], Reach::ByLength), None, "note only one edit away");
    }

    proptest::proptest! {
        #[test]
        fn within_one_edit_is_a_damerau_levenshtein_distance_of_one(a in "[abcé]{0,6}", b in "[abcé]{0,6}") {
            proptest::prop_assert_eq!(within_one_edit(&a, &b), strsim::damerau_levenshtein(&a, &b) <= 1);
        }

        #[test]
        fn typo_distance_agrees_with_damerau_levenshtein(a in "[abcé]{0,7}", b in "[abcé]{0,7}", max in 0usize..4) {
            let reference = Some(strsim::damerau_levenshtein(&a, &b)).filter(|distance| *distance <= max);
            proptest::prop_assert_eq!(typo_distance(&a, &b, max), reference);
        }
    }
}
