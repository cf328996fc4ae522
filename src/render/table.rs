//! `nudge status` as a table: aligned columns, fitted to the terminal's
//! width by shortening the widest text columns with an ellipsis, the
//! urgency in colour when asked.

use anstyle::{AnsiColor, Style};

use crate::derive::Urgency;
use crate::pipeline::Contact;
use crate::render::attempts;

const HEADERS: [&str; 8] = ["NAME", "COMPANY", "STATE", "DUE", "URGENCY", "ATTEMPTS", "LAST TOUCH", "HINTS"];
/// Columns that may be shortened, widest need first: hints, company, name.
const SHRINKABLE: [usize; 3] = [7, 1, 0];
const MIN_WIDTH: usize = 8;
const GAP: &str = "  ";

/// The table for `contacts` (filtered and sorted), `width` columns wide at
/// most when given, with coloured urgency when `color` is set.
pub fn status(contacts: &[&Contact], width: Option<usize>, color: bool) -> String {
    let rows: Vec<[String; 8]> = contacts.iter().map(|contact| row(contact)).collect();
    let mut widths = HEADERS.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    if let Some(limit) = width {
        fit(&mut widths, limit);
    }
    let mut out = String::new();
    push_line(&mut out, &HEADERS.map(str::to_owned), &widths, None);
    for (row, contact) in rows.iter().zip(contacts) {
        let style = color.then(|| urgency_style(contact.derived.urgency));
        push_line(&mut out, row, &widths, style);
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
    let hints: Vec<&str> = derived.hints.iter().map(|hint| hint.code()).collect();
    [
        one_line(&contact.name),
        one_line(contact.front.company.as_deref().unwrap_or("-")),
        derived.state.to_string(),
        date(derived.due),
        urgency,
        attempts(contact),
        date(derived.last_touch),
        if hints.is_empty() { "-".to_owned() } else { hints.join(", ") },
    ]
}

/// Shrinks the text columns until the table fits in `limit` columns.
fn fit(widths: &mut [usize; 8], limit: usize) {
    let total = |widths: &[usize; 8]| widths.iter().sum::<usize>() + GAP.len() * (widths.len() - 1);
    while total(widths) > limit {
        let widest = SHRINKABLE
            .iter()
            .copied()
            .filter(|&i| widths.get(i).is_some_and(|w| *w > MIN_WIDTH))
            .max_by_key(|&i| widths.get(i).copied());
        let Some(column) = widest else { break };
        if let Some(width) = widths.get_mut(column) {
            *width -= 1;
        }
    }
}

fn push_line(out: &mut String, cells: &[String; 8], widths: &[usize; 8], urgency_style: Option<Style>) {
    let mut line = String::new();
    for (index, (cell, width)) in cells.iter().zip(widths).enumerate() {
        let text = truncate(cell, *width);
        let padding = width.saturating_sub(text.chars().count());
        let last = index == cells.len() - 1;
        match urgency_style.filter(|_| index == 4) {
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

/// `text` cut to `width` characters, with an ellipsis when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let kept: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{kept}…")
}

/// Text on one line: newlines and tabs become spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn urgency_style(urgency: Urgency) -> Style {
    let color = match urgency {
        Urgency::Overdue => AnsiColor::Red,
        Urgency::Today => AnsiColor::Yellow,
        Urgency::Upcoming => AnsiColor::Cyan,
        Urgency::Later | Urgency::None => return Style::new().dimmed(),
    };
    Style::new().fg_color(Some(color.into())).bold()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(truncate("Siobhán O'Neill", 8), "Siobhán…");
        assert_eq!(truncate("Dana", 8), "Dana");
    }

    #[test]
    fn fitting_shrinks_the_widest_text_column_first() {
        let mut widths = [20, 30, 9, 10, 10, 8, 10, 40];
        fit(&mut widths, 120);
        let total: usize = widths.iter().sum::<usize>() + 14;
        assert_eq!(total, 120);
        assert_eq!(widths, [19, 20, 9, 10, 10, 8, 10, 20], "the widest are evened out");
    }
}
