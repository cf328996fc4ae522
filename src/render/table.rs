//! `nudge status` as a table: aligned columns, fitted to the terminal's
//! width by shortening the widest text columns with an ellipsis, rows in
//! the colour of their urgency when asked. Widths are display columns
//! (`unicode-width`): a CJK character or an emoji takes two.

use std::borrow::Cow;

use anstyle::{AnsiColor, Style};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::derive::Contact;
use crate::derive::Urgency;
use crate::render::attempts;

const HEADERS: [&str; 8] = ["NAME", "COMPANY", "STATE", "DUE", "URGENCY", "ATTEMPTS", "LAST TOUCH", "HINTS"];
/// Columns that may be shortened, each down to its minimum width: name,
/// company, hints (ties shrink the later one first).
const SHRINKABLE: [(usize, usize); 3] = [(0, 14), (1, 10), (7, 11)];
/// Columns hidden, one more at a time, when shrinking is not enough: last
/// touch, hints, attempts, company.
const HIDE_ORDER: [usize; 4] = [6, 7, 5, 1];
const GAP: &str = "  ";

/// The table for `contacts` (filtered and sorted), `width` columns wide at
/// most when given, with coloured urgency when `color` is set.
pub fn status(contacts: &[&Contact], width: Option<usize>, color: bool) -> String {
    let rows: Vec<[String; 8]> = contacts.iter().map(|contact| row(contact)).collect();
    let mut widths = HEADERS.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    if let Some(limit) = width {
        fit(&mut widths, limit);
    }
    let mut out = String::new();
    push_line(&mut out, &HEADERS.map(str::to_owned), &widths, None);
    for (row, contact) in rows.iter().zip(contacts) {
        let styles = color.then(|| urgency_styles(contact.derived.urgency));
        push_line(&mut out, row, &widths, styles);
    }
    out
}

fn row(contact: &Contact) -> [String; 8] {
    let derived = &contact.derived;
    let date = |date: Option<chrono::NaiveDate>| date.map_or_else(|| "-".to_owned(), |d| d.to_string());
    let urgency = match (derived.urgency, derived.days_overdue) {
        (Urgency::Overdue, Some(days)) => format!("overdue {days}d"),
        (urgency, _) => urgency.to_string(),
    };
    let hints: Vec<&str> = derived.hints.iter().map(crate::derive::Hint::code).collect();
    [
        one_line(contact.name()),
        one_line(contact.company().unwrap_or("-")),
        derived.state.to_string(),
        date(derived.due),
        urgency,
        attempts(contact),
        date(derived.last_touch),
        if hints.is_empty() { "-".to_owned() } else { hints.join(", ") },
    ]
}

/// Fits the table in `limit` columns: shrinks the text columns, and when
/// that is not enough, hides columns (width 0) in [`HIDE_ORDER`] and tries again.
fn fit(widths: &mut [usize; 8], limit: usize) {
    let natural = *widths;
    for hidden in 0..=HIDE_ORDER.len() {
        *widths = natural;
        for column in HIDE_ORDER.iter().take(hidden) {
            if let Some(width) = widths.get_mut(*column) {
                *width = 0;
            }
        }
        shrink(widths, limit);
        if total_width(widths) <= limit {
            return;
        }
    }
}

/// Shrinks the widest text column by one until the table fits or none can shrink.
fn shrink(widths: &mut [usize; 8], limit: usize) {
    while total_width(widths) > limit {
        let widest = SHRINKABLE
            .iter()
            .filter(|(column, minimum)| widths.get(*column).is_some_and(|width| width > minimum))
            .max_by_key(|(column, _)| widths.get(*column).copied())
            .map(|(column, _)| *column);
        let Some(column) = widest else { break };
        if let Some(width) = widths.get_mut(column) {
            *width -= 1;
        }
    }
}

/// The table's width: the shown columns and the gaps between them.
fn total_width(widths: &[usize; 8]) -> usize {
    let shown = widths.iter().filter(|width| **width > 0).count();
    widths.iter().sum::<usize>() + GAP.len() * shown.saturating_sub(1)
}

fn push_line(out: &mut String, cells: &[String; 8], widths: &[usize; 8], styles: Option<RowStyles>) {
    let mut line = String::new();
    for (index, (cell, width)) in cells.iter().zip(widths).enumerate() {
        if *width == 0 {
            continue;
        }
        let text = truncate(cell, *width);
        let padding = width.saturating_sub(text.width());
        let last = index == cells.len() - 1;
        let style = styles.map(|styles| if index == URGENCY { styles.urgency } else { styles.row });
        match style.filter(|style| *style != Style::new()) {
            Some(style) => line.push_str(&format!("{style}{text}{style:#}")),
            None => line.push_str(&text),
        }
        if !last {
            line.push_str(&" ".repeat(padding));
            line.push_str(GAP);
        }
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

/// `text` cut to `width` display columns, with an ellipsis when cut
/// (borrowed when it fits). It is cut between [`clusters`], never inside
/// one: a flag, an emoji sequence or an accent stays whole or goes whole.
pub(crate) fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    // No text is wider than its bytes (a character two columns wide takes
    // three bytes or more): a short text fits without measuring it.
    if text.len() <= width || text.width() <= width {
        return Cow::Borrowed(text);
    }
    let room = width.saturating_sub(1);
    let mut kept = String::new();
    let mut used = 0;
    for cluster in clusters(text) {
        let cluster_width = cluster.width();
        if used + cluster_width > room {
            break;
        }
        used += cluster_width;
        kept.push_str(cluster);
    }
    kept.push('…');
    Cow::Owned(kept)
}

/// The zero-width joiner, which makes one emoji of the two around it.
const ZERO_WIDTH_JOINER: char = '\u{200d}';

/// `text` in the pieces a terminal draws as one (near enough to Unicode's
/// grapheme clusters for cutting a name): a character with the zero-width
/// ones after it (accents, variation selectors), a skin tone, each character
/// joined by a zero-width joiner, and two regional indicators (a flag: 🇩🇪).
fn clusters(text: &str) -> impl Iterator<Item = &str> {
    let is_flag_half = |c: char| ('\u{1f1e6}'..='\u{1f1ff}').contains(&c);
    let is_skin_tone = |c: char| ('\u{1f3fb}'..='\u{1f3ff}').contains(&c);
    let mut rest = text;
    std::iter::from_fn(move || {
        let mut chars = rest.char_indices();
        let (_, first) = chars.next()?;
        let mut end = rest.len();
        let mut previous = first;
        let mut open_flag = is_flag_half(first);
        for (index, c) in chars {
            let joined = previous == ZERO_WIDTH_JOINER
                || c == ZERO_WIDTH_JOINER
                || c.width() == Some(0)
                || is_skin_tone(c)
                || (open_flag && is_flag_half(c));
            if !joined {
                end = index;
                break;
            }
            open_flag = false;
            previous = c;
        }
        let (cluster, tail) = rest.split_at(end);
        rest = tail;
        Some(cluster)
    })
}

/// `text` followed by spaces up to `width` display columns.
pub(crate) fn pad_end(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// Spaces up to `width` display columns, then `text`.
pub(crate) fn pad_start(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

/// Text on one line: newlines and tabs become spaces, and other control
/// characters (a YAML escape such as `"\e[31m"`) their visible picture
/// (`␛`, `␇`; `�` beyond ASCII), so no note can move the cursor, recolour
/// the terminal or shift a table's columns.
pub(crate) fn one_line(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if !words.contains(char::is_control) {
        return words;
    }
    words.chars().map(|c| if c.is_control() { control_picture(c) } else { c }).collect()
}

/// The printable picture of control character `c`: U+2400 to U+241F for
/// the C0 controls, `␡` for DEL, `�` for the C1 controls.
fn control_picture(c: char) -> char {
    match u32::from(c) {
        code @ 0..0x20 => char::from_u32(0x2400 + code).unwrap_or(char::REPLACEMENT_CHARACTER),
        0x7f => '\u{2421}',
        _ => char::REPLACEMENT_CHARACTER,
    }
}

/// The urgency column.
const URGENCY: usize = 4;

/// How a row is coloured: the whole row, and its urgency cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RowStyles {
    row: Style,
    urgency: Style,
}

/// Overdue rows red and today's yellow, with the urgency in bold; upcoming
/// rows plain with a cyan urgency; rows due later or never, dimmed.
fn urgency_styles(urgency: Urgency) -> RowStyles {
    let colored = |color: AnsiColor| Style::new().fg_color(Some(color.into()));
    match urgency {
        Urgency::Overdue => RowStyles { row: colored(AnsiColor::Red), urgency: colored(AnsiColor::Red).bold() },
        Urgency::Today => RowStyles { row: colored(AnsiColor::Yellow), urgency: colored(AnsiColor::Yellow).bold() },
        Urgency::Upcoming => RowStyles { row: Style::new(), urgency: colored(AnsiColor::Cyan).bold() },
        Urgency::Later | Urgency::None => RowStyles { row: Style::new().dimmed(), urgency: Style::new().dimmed() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn no_text_is_wider_than_its_bytes(text in "\\PC{0,12}", emoji in "[\u{1f300}-\u{1faff}\u{fe0f}\u{200d}\u{1100}-\u{11ff}\u{3000}-\u{9fff}#1]{0,8}") {
            proptest::prop_assert!(text.width() <= text.len());
            proptest::prop_assert!(emoji.width() <= emoji.len());
        }
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(truncate("Siobhán O'Neill", 8), "Siobhán…");
        assert_eq!(truncate("Dana", 8), "Dana");
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(
            truncate("中村さくら", 6),
            "中村…",
            "2 + 2 + the ellipsis; a third 2-column character would not fit"
        );
        assert_eq!(truncate("中村さくら", 10), "中村さくら");
        assert_eq!(truncate("🎉 Launch party", 6), "🎉 La…");
    }

    #[test]
    fn columns_line_up_by_display_width() {
        let rows = [("中村さくら", "Acme"), ("Dana Reyes", "Globex")];
        let lines: Vec<String> = rows
            .iter()
            .map(|(name, company)| {
                let cells = [name, company, &"active", &"-", &"later", &"0/4", &"-", &"-"].map(|c| (*c).to_owned());
                let mut out = String::new();
                push_line(&mut out, &cells, &[10, 6, 6, 1, 5, 3, 1, 1], None);
                out
            })
            .collect();
        assert_eq!(
            lines,
            ["中村さくら  Acme    active  -  later  0/4  -  -\n", "Dana Reyes  Globex  active  -  later  0/4  -  -\n"]
        );
    }

    #[test]
    fn overdue_rows_are_red_and_the_urgency_bold() {
        let cells = ["Dana", "Acme", "active", "2026-11-20", "overdue 5d", "2/4", "-", "-"].map(str::to_owned);
        let mut out = String::new();
        push_line(&mut out, &cells, &[4, 4, 6, 10, 10, 3, 1, 1], Some(urgency_styles(Urgency::Overdue)));
        assert!(out.starts_with("\u{1b}[31mDana\u{1b}[0m  \u{1b}[31mAcme\u{1b}[0m"), "{out:?}");
        assert!(out.contains("\u{1b}[1m\u{1b}[31moverdue 5d\u{1b}[0m"), "{out:?}");
        let mut plain = String::new();
        push_line(&mut plain, &cells, &[4, 4, 6, 10, 10, 3, 1, 1], Some(urgency_styles(Urgency::Upcoming)));
        assert!(plain.starts_with("Dana  Acme  active"), "upcoming rows stay plain: {plain:?}");
    }

    #[test]
    fn fitting_shrinks_the_widest_text_column_first() {
        let mut widths = [20, 30, 9, 10, 10, 8, 10, 40];
        fit(&mut widths, 120);
        let total: usize = widths.iter().sum::<usize>() + 14;
        assert_eq!(total, 120);
        assert_eq!(widths, [20, 20, 9, 10, 10, 8, 10, 19], "the widest are evened out, hints first on a tie");
    }

    #[test]
    fn narrow_terminals_hide_columns_before_names_get_too_short() {
        let natural = [16, 19, 9, 10, 11, 8, 10, 15];
        let mut widths = natural;
        fit(&mut widths, 80);
        assert_eq!(widths, [16, 16, 9, 10, 11, 8, 0, 0], "last touch and hints hidden: whole names");
        assert_eq!(total_width(&widths), 80);
        let mut widths = natural;
        fit(&mut widths, 60);
        assert_eq!(widths, [16, 0, 9, 10, 11, 0, 0, 0], "then attempts and company");
        assert_eq!(total_width(&widths), 52);
        let mut widths = natural;
        fit(&mut widths, 100);
        assert_eq!(widths[6], 10, "last touch kept when shrinking is enough");
    }
}
