//! `nudge check`: every problem with its `path:line:col` (on a terminal
//! with its source line underlined), then a summary; or JSON for tools.

use crate::cli::{CheckArgs, CheckFormat};
use crate::commands::terminal::Terminal;
use crate::commands::{Exit, Session, print};
use crate::discover::{CONFIG_FILE, Vault};
use crate::error::Error;
use crate::load::{self, Printed, UnknownKeys};
use crate::model::span::Span;
use crate::problem::Problem;
use crate::render;
use crate::suggest::{Reach, closest};

/// Lists the problems; exit 1 on an error (or, with `--strict`, a warning).
/// The form is `--format`'s, else `full` on a terminal and `short` when
/// standard output is piped (scripts and the git hook read one line a problem).
pub(super) fn run(session: &Session, args: &CheckArgs) -> Result<Exit, Error> {
    let mut loaded = load::load(&session.vault, session.today, UnknownKeys::Drop);
    let missing = missing_folders(&session.vault);
    if !missing.is_empty() {
        loaded.problems.extend(missing);
        loaded.problems.sort();
    }
    load::attach_sources(&session.vault, &mut loaded.problems, Printed::Lines);
    let terminal = Terminal::stdout();
    let format = args.format.unwrap_or(if terminal.is_terminal { CheckFormat::Full } else { CheckFormat::Short });
    let problems = &loaded.problems;
    print(&match format {
        CheckFormat::Short => render::check::listing(problems, loaded.notes, loaded.left_out),
        CheckFormat::Json => render::check::json(problems),
        CheckFormat::Full => {
            render::check::full(problems, loaded.notes, loaded.left_out, terminal.width, terminal.color)
        }
    })?;
    let failing = problems.iter().any(|problem| problem.is_error() || args.strict);
    load::release(loaded);
    Ok(if failing { Exit::Problems } else { Exit::Success })
}

/// The `contacts.folders` of nudge.yaml whose folder is not in the notes
/// folder (`Poeple`, or `people` for `People/`: names compare as written):
/// no note is read from them, so a typo there would leave no contact and
/// no problem. A warning at the name in nudge.yaml, with the closest folder
/// there is; none for a glob that starts with a pattern (`**/People`).
fn missing_folders(vault: &Vault) -> Vec<Problem> {
    let folders = &vault.config.contacts.folders;
    let missing: Vec<&str> =
        folders.iter().filter_map(|glob| literal_base(glob)).filter(|base| !vault.path(base).exists()).collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let text = std::fs::read_to_string(vault.path(CONFIG_FILE)).unwrap_or_default();
    let listed = listed_at(&text);
    let top: Vec<String> = std::fs::read_dir(&vault.root)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| !name.starts_with('.'))
        .collect();
    missing
        .into_iter()
        .map(|base| {
            let first = base.split('/').next().unwrap_or(base);
            let hint = closest(first, top.iter().map(String::as_str), Reach::ByLength)
                .map(|folder| format!("; did you mean '{folder}'?"))
                .unwrap_or_default();
            let span = text.get(listed..).and_then(|rest| rest.find(base)).map_or(Span::START, |at| {
                Span::of_len(listed + at, base.len())
            });
            let message = format!(
                "`contacts.folders` names '{base}', which is not in the notes folder: no note is read from it (folder names compare as written, case included){hint}"
            );
            Problem::warning(CONFIG_FILE, span, message)
        })
        .collect()
}

/// Where the `folders` key of nudge.yaml's `text` is: the first place the
/// word is written outside a comment (the start of the file when nowhere).
fn listed_at(text: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let code = line.split('#').next().unwrap_or_default();
        if let Some(at) = code.find("folders") {
            return offset + at;
        }
        offset += line.len();
    }
    0
}

/// The folder a glob of `contacts.folders` starts with, before any pattern
/// (`People/**` -> `People`, `./Clients/*/people` -> `Clients`); `None`
/// when it starts with one.
fn literal_base(glob: &str) -> Option<&str> {
    let glob = glob.trim_start_matches("./").trim_start_matches('/');
    let end = glob.find(['*', '?', '[', '{', '\\']).unwrap_or(glob.len());
    let base = glob.get(..end)?;
    let base = if end < glob.len() { base.rsplit_once('/').map_or("", |(folder, _)| folder) } else { base };
    let base = base.trim_end_matches('/');
    (!base.is_empty()).then_some(base)
}

#[cfg(test)]
mod tests {
    use super::literal_base;

    #[test]
    fn the_folder_a_glob_starts_with_is_the_part_before_any_pattern() {
        assert_eq!(literal_base("People"), Some("People"));
        assert_eq!(literal_base("People/**"), Some("People"));
        assert_eq!(literal_base("./Clients/*/people"), Some("Clients"));
        assert_eq!(literal_base("/Work/People/"), Some("Work/People"));
        assert_eq!(literal_base("**/People"), None);
        assert_eq!(literal_base("Peo*"), None);
    }
}
