//! The team's outputs (docs/src/teams.md): `nudge team` and `nudge stats
//! --by owner`, each a table (an owner a line) or a JSON array.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::derive::stats::OwnerStats;
use crate::derive::team::Standing;
use crate::render::table::{one_line, pad_end, pad_start};

/// `nudge team`: overdue, due today, last shots and quiet contacts per owner.
pub(crate) fn standings(lines: &[Standing]) -> String {
    let header = ["OWNER", "NAME", "CONTACTS", "OVERDUE", "TODAY", "LAST SHOTS", "NO TOUCH 30D"];
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|line| {
            let counts = [line.contacts, line.overdue, line.today, line.last_shots, line.no_touch_in_30_days];
            row(&line.owner, &line.name, counts.iter().map(ToString::to_string))
        })
        .collect();
    columns(&header, &rows)
}

/// `nudge stats --by owner`: reply rates, overdue counts and the median
/// days overdue per owner.
pub(crate) fn owner_stats(lines: &[OwnerStats]) -> String {
    let header = ["OWNER", "NAME", "CONTACTS", "RESPONDED", "ATTEMPTS", "REPLY RATE", "OVERDUE", "MEDIAN DAYS OVERDUE"];
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|line| {
            let rate = if line.attempts.attempts == 0 {
                "-".to_owned()
            } else {
                format!("{}%", (line.attempts.reply_rate * 100.0).round())
            };
            let median = line.median_days_overdue.map_or_else(|| "-".to_owned(), |days| days.to_string());
            let counts = [line.contacts, line.responded, line.attempts.attempts].map(|count| count.to_string());
            let cells = counts.into_iter().chain([rate, line.overdue.to_string(), median]);
            row(&line.owner, &line.name, cells)
        })
        .collect();
    columns(&header, &rows)
}

/// An owner's row: the handle and the name on one line, then `cells`.
fn row(owner: &str, name: &str, cells: impl Iterator<Item = String>) -> Vec<String> {
    [one_line(owner), one_line(name)].into_iter().chain(cells).collect()
}

/// Either list as one pretty JSON array, with a final newline.
pub(crate) fn json<T: Serialize>(lines: &[T]) -> String {
    let mut json = serde_json::to_string_pretty(lines).unwrap_or_else(|_| "[]".to_owned());
    json.push('\n');
    json
}

/// A table: the header, then the rows, columns two spaces apart; the two
/// first (names) padded at the end, the others (numbers) at the start.
fn columns(header: &[&str], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = header
        .iter()
        .enumerate()
        .map(|(at, title)| {
            rows.iter().filter_map(|row| row.get(at)).map(|cell| cell.width()).fold(title.width(), usize::max)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(at, (cell, width))| if at < 2 { pad_end(cell, *width) } else { pad_start(cell, *width) })
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(header.to_vec());
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}
