//! The built-in template (`templates/agenda.md.j2`) as code. A template
//! engine looks up, converts and escapes every value of every entry; the
//! agenda of a large vault has tens of thousands of entries, so the agenda
//! of every vault that keeps the built-in template is printed here instead,
//! straight into strings. It prints the same bytes as the engine does
//! from the template (tests prove it, over a generated corpus too): a
//! change to the template needs the same change here.

use rayon::prelude::*;

use crate::derive::Contact;
use crate::model::text::Put;
use crate::problem::Problem;
use crate::render::agenda::{Agenda, AgendaSection, marker, problem_link, todo};
use crate::render::markdown::{escape_into, is_plain};
use crate::render::{count, hints};

use super::weekday_name;

/// How many entries one task prints.
const ENTRIES_PER_TASK: usize = 256;

/// How many problems one task prints: a vault of 100,000 notes can have
/// thousands (1.4 MB of the agenda), printed last; in one piece they kept
/// one core busy while the other had nothing left to print.
const PROBLEMS_PER_TASK: usize = 256;

/// A piece of the agenda one task prints.
enum Piece<'a> {
    /// The title and the summary.
    Head,
    /// A section's heading.
    Heading(AgendaSection),
    /// Entries, by their contacts' positions.
    Entries(&'a [usize]),
    /// The problems' heading.
    ProblemsHeading,
    /// Problems, a few hundred of them.
    Problems(&'a [Problem]),
}

/// How many pieces each thread prints at a time when the agenda is
/// written as it is printed ([`each_piece`]).
const PIECES_PER_THREAD: usize = 4;

/// The agenda as the built-in template prints it, in pieces to be written
/// one after the other: the entries are printed on all cores, a few hundred
/// at a time, and never joined into one string.
pub(super) fn render(agenda: &Agenda<'_>) -> Vec<String> {
    pieces(agenda)
        .into_par_iter()
        .map(|piece| {
            let mut out = String::with_capacity(capacity(&piece));
            print_piece(&piece, agenda, &mut out);
            out
        })
        .collect()
}

/// The pieces of [`render`], handed to `take` one at a time, in order,
/// while it returns `true`; whether every piece was taken. They are
/// printed a few at a time on all cores, into the same strings each time,
/// and each few taken before the next are printed: the agenda of a large
/// vault (27 MB at 100,000 contacts) is never all in memory, for an
/// agenda written once, as it is printed (docs/src/performance.md,
/// "memory touched").
pub(super) fn each_piece(
    agenda: &Agenda<'_>,
    take: &mut dyn FnMut(&str) -> std::io::Result<bool>,
) -> std::io::Result<bool> {
    each_piece_by(agenda, PIECES_PER_THREAD * rayon::current_num_threads(), take)
}

/// [`each_piece`], printing `at_once` pieces at a time.
pub(super) fn each_piece_by(
    agenda: &Agenda<'_>,
    at_once: usize,
    take: &mut dyn FnMut(&str) -> std::io::Result<bool>,
) -> std::io::Result<bool> {
    let mut strings: Vec<String> = Vec::new();
    for window in pieces(agenda).chunks(at_once.max(1)) {
        strings.resize_with(strings.len().max(window.len()), String::new);
        window.par_iter().zip(strings.par_iter_mut()).for_each(|(piece, out)| {
            out.clear();
            out.reserve(capacity(piece));
            print_piece(piece, agenda, out);
        });
        for out in strings.iter().take(window.len()) {
            if !take(out)? {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// The pieces of `agenda`, in order.
fn pieces<'a>(agenda: &'a Agenda<'_>) -> Vec<Piece<'a>> {
    let mut pieces = vec![Piece::Head];
    for (section, indices) in &agenda.sections {
        pieces.push(Piece::Heading(*section));
        pieces.extend(indices.chunks(ENTRIES_PER_TASK).map(Piece::Entries));
    }
    if !agenda.problems.is_empty() {
        pieces.push(Piece::ProblemsHeading);
        pieces.extend(agenda.problems.chunks(PROBLEMS_PER_TASK).map(Piece::Problems));
    }
    pieces
}

/// The room a piece takes, about: the string it is printed into is made
/// that large at once.
fn capacity(piece: &Piece<'_>) -> usize {
    match *piece {
        Piece::Head => 256,
        Piece::Heading(_) | Piece::ProblemsHeading => 32,
        // About 460 bytes an entry: room for 512 grows the string rarely.
        Piece::Entries(indices) => 512 * indices.len(),
        Piece::Problems(problems) => 160 * problems.len(),
    }
}

/// Prints one piece of the agenda into `out` (a frame of its own in profiles).
#[inline(never)]
fn print_piece(piece: &Piece<'_>, agenda: &Agenda<'_>, out: &mut String) {
    match *piece {
        Piece::Head => {
            out.push_str("# Follow-ups for ");
            if let Some(owner) = agenda.owner {
                escaped(out, owner.display_name());
                out.push_str(", ");
            }
            escaped(out, weekday_name(agenda.today));
            out.push(' ');
            escaped(out, &agenda.today.to_string());
            out.push_str("\n\n");
            summary(out, agenda);
        }
        Piece::Heading(section) => {
            out.push_str("\n## ");
            escaped(out, section.title());
            out.push_str("\n\n");
        }
        Piece::Entries(indices) => {
            let mut scratch = String::with_capacity(256);
            let contacts: Vec<&Contact> = indices.iter().filter_map(|&index| agenda.contacts.get(index)).collect();
            for (at, contact) in contacts.iter().enumerate() {
                if let Some(ahead) = contacts.get(at + LOOK_AHEAD) {
                    touch(ahead);
                }
                entry(out, &mut scratch, contact, agenda);
            }
        }
        Piece::ProblemsHeading => out.push_str("\n## Problems\n\n"),
        Piece::Problems(problems) => {
            for problem in problems {
                out.push_str("- ");
                out.push_str(&problem_link(problem, agenda.style));
                out.push_str(": ");
                escaped(out, problem.severity.as_str());
                out.push_str(": ");
                escaped(out, &problem.message);
                out.push('\n');
            }
        }
    }
}

/// `2 overdue · 1 today · 3 problems in the notes`, or `Nothing due through DAY.`
fn summary(out: &mut String, agenda: &Agenda<'_>) {
    let problems = agenda.problems.len();
    if agenda.sections.is_empty() && problems == 0 {
        out.push_str("Nothing due through ");
        escaped(out, &agenda.horizon_end.to_string());
        out.push_str(".\n");
        return;
    }
    for (position, (section, entries)) in agenda.sections.iter().enumerate() {
        escaped(out, &section.counted(entries.len()));
        if position + 1 < agenda.sections.len() || problems > 0 {
            out.push_str(" · ");
        }
    }
    if problems > 0 {
        escaped(out, &format!("{} in the notes", count(problems, "problem", "problems")));
    }
    out.push('\n');
}

/// How many entries ahead [`touch`] reads.
const LOOK_AHEAD: usize = 2;

/// Reads the first byte of each string an entry prints: the contacts are
/// printed in due order, not in the order they were read, so each string
/// is a cache miss; read a few entries ahead, the misses overlap the
/// printing of the entries before instead of stalling it.
fn touch(contact: &Contact) {
    let strings = [Some(contact.file()), contact.front_name(), contact.company(), contact.email(), contact.phone()];
    for text in strings.into_iter().flatten() {
        std::hint::black_box(text.as_bytes().first().copied());
    }
    if let Some(last) = contact.last_touch() {
        std::hint::black_box(last.keywords().as_bytes().first().copied());
    }
}

/// One entry: `- [ ] TODO — WHEN · attempt · last touch · hints · why: REASON MARKER`.
/// Each value is formatted into `scratch`, then escaped into `out` in one
/// pass (escaping each formatted piece on its own costs more than the text).
fn entry(out: &mut String, scratch: &mut String, contact: &Contact, agenda: &Agenda<'_>) {
    out.push_str("- [ ] ");
    let text_start = out.len();
    let action = todo::action(contact);
    todo::write_sentence(out, contact, action, agenda.style);
    out.push_str(" — ");
    // When and which attempt are made of words, numbers and dates that
    // escaping leaves as they are: written straight in.
    let _ = todo::write_due(out, contact, agenda.today);
    if let Some(attempt) = todo::attempt(contact) {
        out.push_str(" · ");
        let _ = attempt.put(out);
    }
    if let Some(last_touch) = todo::last_touch(contact) {
        out.push_str(" · last touch ");
        value(out, scratch, |text| last_touch.put(text));
    }
    for hint in &contact.derived.hints {
        out.push_str(" · ");
        value(out, scratch, |text| hints::Words(hint).put(text));
    }
    out.push_str(" · why: ");
    let reason = contact.derived.reason.words(&contact.playbook);
    if reason.prints_as_written(is_plain) {
        let _ = reason.put(out);
    } else {
        value(out, scratch, |text| reason.put(text));
    }
    let words = marker::words(out.get(text_start..).unwrap_or_default());
    let marker_start = out.len() + 1;
    out.push(' ');
    marker::write_marker(out, contact, action.channel, Some(words));
    if out.len() == marker_start {
        out.pop();
    }
    out.push('\n');
}

/// A value as `write` formats it into `scratch`, escaped into `out`.
fn value(out: &mut String, scratch: &mut String, write: impl FnOnce(&mut String) -> std::fmt::Result) {
    scratch.clear();
    // Writing into a string cannot fail.
    let _ = write(scratch);
    escaped(out, scratch);
}

/// `text` escaped for markdown, as the template engine prints a value.
fn escaped(out: &mut String, text: &str) {
    // Writing into a string cannot fail.
    let _ = escape_into(out, text);
}
