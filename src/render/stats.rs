//! `nudge stats` as text (unicode bar charts, a bar per attempt number,
//! colour when asked) or as one JSON object.

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

use crate::derive::reason::ordinal;
use crate::derive::stats::{Rate, Stats};
use crate::render::count;
use crate::render::table::{pad_end, pad_start};

/// Bars never get longer than this, however wide the terminal.
const MAX_BAR: usize = 40;
/// Nor shorter than this, however narrow.
const MIN_BAR: usize = 10;
/// Eighths of a cell, for bar ends: `▏` is one eighth, `▉` seven.
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// The JSON object, pretty printed, with a final newline.
pub(crate) fn json(stats: &Stats) -> String {
    let mut json = serde_json::to_string_pretty(stats).unwrap_or_else(|_| "{}".to_owned());
    json.push('\n');
    json
}

/// The charts, `width` columns wide at most; `left_out` notes could not be
/// read as contacts (`nudge check` says why).
pub(crate) fn text(stats: &Stats, left_out: usize, width: usize, color: bool) -> String {
    let paint = Paint { color };
    let mut out = String::new();
    let tried = stats.responded + stats.never_responded;
    out.push_str(&format!(
        "{}: {} tried, {} of them responded, {} never did{}\n",
        count(stats.contacts, "contact", "contacts"),
        tried,
        stats.responded,
        stats.never_responded,
        if left_out > 0 {
            format!(" ({} with errors left out: see `nudge check`)", count(left_out, "note", "notes"))
        } else {
            String::new()
        }
    ));

    out.push_str(&paint.heading("\nFirst responses by attempt (attempts made before they first responded)\n"));
    if stats.responses_by_attempt.is_empty() {
        out.push_str("  nobody has responded yet\n");
    } else {
        let most = stats.responses_by_attempt.iter().map(|bucket| bucket.responses).max().unwrap_or(0);
        let rows: Vec<Row> = stats
            .responses_by_attempt
            .iter()
            .map(|bucket| Row {
                label: format!("attempt {}", bucket.attempt),
                value: count_fraction(bucket.responses, most),
                tail: vec![bucket.responses.to_string(), format!(" {}", percent(bucket.share))],
            })
            .collect();
        chart(&mut out, &rows, width, paint);
        if stats.responses_by_attempt.first().is_some_and(|bucket| bucket.attempt == 0) {
            out.push_str("  attempt 0: they responded before any attempt (they wrote first)\n");
        }
        out.push_str(&follow_up_sentence(stats));
    }
    if let Some(days) = stats.median_days_to_response {
        #[allow(clippy::float_cmp, reason = "a median of whole days is 1.0 exactly or not 1")]
        let unit = if days == 1.0 { "day" } else { "days" };
        out.push_str(&format!("  Median {days} {unit} from the first attempt to the first response.\n"));
    }

    let rates = |rates: &[(String, Rate)]| -> Vec<Row> {
        rates
            .iter()
            .map(|(label, rate)| Row {
                label: label.clone(),
                value: rate.reply_rate,
                tail: vec![
                    rate.answered.to_string(),
                    "of".to_owned(),
                    rate.attempts.to_string(),
                    format!(" {}", percent(rate.reply_rate)),
                ],
            })
            .collect()
    };
    if stats.attempts.attempts > 0 {
        let by_channel: Vec<(String, Rate)> =
            stats.by_channel.0.iter().map(|(channel, rate)| ((*channel).to_owned(), *rate)).collect();
        out.push_str(&paint.heading("\nReply rate by channel (share of attempts the next response answered)\n"));
        chart(&mut out, &rates(&by_channel), width, paint);
        out.push_str(&paint.heading("\nReply rate by weekday of the attempt\n"));
        let by_weekday: Vec<(String, Rate)> =
            stats.by_weekday.0.iter().map(|(day, rate)| (capitalized(day), *rate)).collect();
        chart(&mut out, &rates(&by_weekday), width, paint);
    }

    out.push_str(&paint.heading("\nContacts by state\n"));
    let most = stats.by_state.0.iter().map(|(_, count)| *count).max().unwrap_or(0);
    let states: Vec<Row> = stats
        .by_state
        .0
        .iter()
        .filter(|(_, count)| *count > 0)
        .map(|(state, count)| Row {
            label: (*state).to_owned(),
            value: count_fraction(*count, most),
            tail: vec![count.to_string()],
        })
        .collect();
    chart(&mut out, &states, width, paint);

    if let Some(playbooks) = stats.by_playbook.as_ref().filter(|playbooks| !playbooks.is_empty()) {
        out.push_str(&paint.heading("\nBy playbook\n"));
        let mut lines = vec![[
            "PLAYBOOK".to_owned(),
            "CONTACTS".to_owned(),
            "RESPONDED".to_owned(),
            "NEVER".to_owned(),
            "MEDIAN DAYS".to_owned(),
            "ATTEMPTS".to_owned(),
            "ANSWERED".to_owned(),
            "REPLY RATE".to_owned(),
        ]];
        for (name, playbook) in playbooks {
            lines.push([
                name.clone(),
                playbook.contacts.to_string(),
                playbook.responded.to_string(),
                playbook.never_responded.to_string(),
                playbook.median_days_to_response.map_or_else(|| "-".to_owned(), |days| days.to_string()),
                playbook.attempts.attempts.to_string(),
                playbook.attempts.answered.to_string(),
                percent(playbook.attempts.reply_rate),
            ]);
        }
        columns(&mut out, &lines);
    }
    out
}

/// One bar of a chart.
struct Row {
    label: String,
    /// The bar's length, from 0 (none) to 1 (the longest bar).
    value: f64,
    /// The numbers after the bar, each right-aligned in its column.
    tail: Vec<String>,
}

/// Labels, bars and numbers, aligned; bars as long as `width` allows.
fn chart(out: &mut String, rows: &[Row], width: usize, paint: Paint) {
    let label_width = rows.iter().map(|row| row.label.width()).max().unwrap_or(0);
    let mut tail_widths: Vec<usize> = Vec::new();
    for row in rows {
        tail_widths.resize(tail_widths.len().max(row.tail.len()), 0);
        for (width, cell) in tail_widths.iter_mut().zip(&row.tail) {
            *width = (*width).max(cell.width());
        }
    }
    let tail_width = tail_widths.iter().sum::<usize>() + tail_widths.len().saturating_sub(1);
    let bar_width = width.saturating_sub(label_width + tail_width + 6).clamp(MIN_BAR, MAX_BAR);
    for row in rows {
        let bar = bar(row.value, bar_width);
        let padding = bar_width.saturating_sub(bar.width());
        let tail: Vec<String> =
            row.tail.iter().zip(&tail_widths).map(|(cell, width)| pad_start(cell, *width)).collect();
        out.push_str(&format!(
            "  {}  {}{}  {}\n",
            pad_end(&row.label, label_width),
            paint.bar(&bar),
            " ".repeat(padding),
            tail.join(" ")
        ));
    }
}

/// A bar `value` (0 to 1) of `width` cells, to the eighth of a cell; a
/// value above 0 always shows at least a sliver.
pub(crate) fn bar(value: f64, width: usize) -> String {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "clamped to 0..=width*8, a small number"
    )]
    let eighths = (value.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let eighths = if value > 0.0 { eighths.max(1) } else { eighths };
    let mut bar = "█".repeat(eighths / 8);
    if let Some(end) = (eighths % 8).checked_sub(1).and_then(|index| EIGHTHS.get(index)) {
        bar.push(*end);
    }
    bar
}

/// `count / most` (0 when `most` is 0).
fn count_fraction(count: usize, most: usize) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "counts of notes are small")]
    if most == 0 { 0.0 } else { count as f64 / most as f64 }
}

/// `0.2857` -> `29%`.
fn percent(share: f64) -> String {
    format!("{}%", (share * 100.0).round())
}

/// The seeds' claim measured: how many first responses needed a follow-up.
fn follow_up_sentence(stats: &Stats) -> String {
    let later = |from: u32| -> usize {
        stats.responses_by_attempt.iter().filter(|bucket| bucket.attempt >= from).map(|bucket| bucket.responses).sum()
    };
    let share = |count: usize| percent(count_fraction(count, stats.responded));
    let (followed, third) = (later(2), later(3));
    format!(
        "  {followed} of {} ({}) came after at least one follow-up; {third} ({}) on the {} attempt or later.\n",
        count(stats.responded, "first response", "first responses"),
        share(followed),
        share(third),
        ordinal(3)
    )
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Left-aligned text columns, the others right-aligned, two spaces apart.
fn columns<const N: usize>(out: &mut String, lines: &[[String; N]]) {
    let mut widths = [0; N];
    for line in lines {
        for (width, cell) in widths.iter_mut().zip(line) {
            *width = (*width).max(cell.width());
        }
    }
    for line in lines {
        let cells: Vec<String> = line
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(index, (cell, width))| if index == 0 { pad_end(cell, width) } else { pad_start(cell, width) })
            .collect();
        out.push_str(&format!("  {}\n", cells.join("  ").trim_end()));
    }
}

/// Colour, when asked.
#[derive(Debug, Clone, Copy)]
struct Paint {
    color: bool,
}

impl Paint {
    fn heading(self, text: &str) -> String {
        self.styled(text, Style::new().bold())
    }

    fn bar(self, text: &str) -> String {
        self.styled(text, Style::new().fg_color(Some(AnsiColor::Cyan.into())))
    }

    fn styled(self, text: &str, style: Style) -> String {
        if !self.color {
            return text.to_owned();
        }
        let (body, newline) = text.strip_suffix('\n').map_or((text, ""), |body| (body, "\n"));
        let (lead, body) = body.strip_prefix('\n').map_or(("", body), |body| ("\n", body));
        format!("{lead}{style}{body}{style:#}{newline}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_drawn_to_the_eighth_of_a_cell() {
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(0.5, 3), "█▌");
        assert_eq!(bar(0.0, 10), "");
        assert_eq!(bar(0.001, 10), "▏", "anything above zero shows");
    }

    #[test]
    fn columns_align_by_display_width() {
        let mut out = String::new();
        columns(&mut out, &[["営業".to_owned(), "12".to_owned()], ["sales".to_owned(), "3".to_owned()]]);
        assert_eq!(out, "  営業   12\n  sales   3\n");
    }

    #[test]
    fn colour_wraps_the_text_but_not_its_newlines() {
        assert_eq!(Paint { color: false }.heading("\nA\n"), "\nA\n");
        assert_eq!(Paint { color: true }.heading("\nA\n"), "\n\u{1b}[1mA\u{1b}[0m\n");
    }
}
