//! The command line, parsed once by clap into [`Cli`].

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use clap_complete::engine::ArgValueCandidates;

use crate::commands::completions;
use crate::derive::State;

/// Follow up on time: a daily agenda for contacts kept as markdown notes.
#[derive(Debug, Parser)]
#[command(
    name = "nudge",
    version,
    about = "Follow up on time: a daily agenda for contacts kept as markdown notes",
    long_about = "Follow up on time: nudge reads a folder of markdown notes, one per contact, with dated touch \
                  lines (`- 2026-11-14 call voicemail: left a message`), works out who to contact next and when \
                  from cadence rules (playbooks), and writes a daily agenda.",
    after_help = "Examples:\n  nudge agenda                   write today's agenda into the notes folder\n  nudge status --state active    list active contacts\n  nudge log dana call voicemail -m \"left a message\"\n  nudge check                    find problems in the notes"
)]
pub(crate) struct Cli {
    /// The notes folder [default: the nearest folder up holding nudge.yaml; `nudge init` makes one]
    #[arg(long, global = true, env = "NUDGE_NOTES", value_name = "DIR")]
    pub notes: Option<PathBuf>,
    /// Act as if today were this date
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub today: Option<NaiveDate>,
    /// Say nothing about what was written (errors and warnings still show)
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Read every note, not the parse cache of the notes unchanged since the last run nor the agenda kept for an unchanged vault (as `cache: false` in nudge.yaml)
    #[arg(long, global = true, env = "NUDGE_NO_CACHE", value_parser = clap::builder::BoolishValueParser::new())]
    pub no_cache: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Write the daily agenda (overdue, today, last shots, upcoming, new, nurture, problems)
    #[command(
        after_help = "Examples:\n  nudge agenda            write agenda.md (or the config's `agenda`) in the notes folder\n  nudge agenda -o -       print it instead\n  nudge agenda --watch    write it again whenever a note changes, until Ctrl-C"
    )]
    Agenda(AgendaArgs),
    /// Show every contact's state and due date, as a table or JSON
    #[command(
        after_help = "Examples:\n  nudge status --due-within 3\n  nudge status --state last-shot --tag recruiter\n  nudge status --json | jq '.[0]'"
    )]
    Status(StatusArgs),
    /// Find problems in the notes: bad front matter, unknown keywords, duplicates
    #[command(
        after_help = "Examples:\n  nudge check --strict          fail on warnings too (for a git pre-commit hook)\n  nudge check --format short    one line a problem (the form when piped, for scripts)\n  nudge check --format json     one JSON array of {path, line, column, severity, message}"
    )]
    Check(CheckArgs),
    /// Show one contact: timeline, state, due date and why
    #[command(
        after_help = "Examples:\n  nudge show dana          (a unique start of a name or of a word of it)\n  nudge show people/dana-reyes.md"
    )]
    Show(ShowArgs),
    /// Record a touch in a contact's note
    #[command(
        after_help = "Examples:\n  nudge log dana call voicemail -m \"left a message\"\n  nudge log dana call talked --next 2026-12-01"
    )]
    Log(LogArgs),
    /// Create a contact note
    #[command(
        after_help = "Examples:\n  $EDITOR \"$(nudge new \"Ana Lima\" --company Acme --playbook sales)\"\n  nudge new \"Tom Okafor\" --phone \"+1 312 555 0100\" --next 2026-12-07 --field linkedin=https://example.com/in/tom"
    )]
    New(NewArgs),
    /// Create contact notes from vCard or CSV exports (LinkedIn, Google, Apple, Outlook)
    #[command(
        after_help = "Examples:\n  nudge import contacts.vcf --dry-run      what would be created, updated and skipped\n  nudge import Connections.csv --playbook networking --spread 20/day\n  nudge import crm.csv --map \"name=Full Name,email=E-mail 1 - Value\"\n  nudge import contacts.vcf --update       fill in what the notes already there lack"
    )]
    Import(ImportArgs),
    /// Set up a notes folder: nudge.yaml, templates and an example contact
    #[command(
        after_help = "Examples:\n  mkdir crm && cd crm && nudge init\n  nudge init --git-hook    commits stop when `nudge check` finds an error"
    )]
    Init(InitArgs),
    /// Not now: ask again on a date or after a while (sets the contact's `next` and `snoozed`)
    #[command(after_help = "Examples:\n  nudge snooze dana 2w\n  nudge snooze dana 2027-01-05")]
    Snooze(SnoozeArgs),
    /// Log the agenda entries ticked since it was written, then write it again
    #[command(after_help = "Example:\n  nudge sync      after ticking - [x] entries in agenda.md")]
    Sync(SyncArgs),
    /// Take back the last edit nudge made to the notes (log, snooze, new, sync)
    #[command(
        after_help = "Examples:\n  nudge undo            put back the notes the last command changed\n  nudge undo --list     the last edits, newest first"
    )]
    Undo(UndoArgs),
    /// Hand contacts over: rewrite `owner` from one owner to another (only that key)
    #[command(
        after_help = "Examples:\n  nudge reassign --from dana --to sam --dry-run    what would change\n  nudge reassign --from dana --to sam --tag acme   only dana's contacts tagged acme"
    )]
    Reassign(ReassignArgs),
    /// How each owner of a team stands: overdue, due today, last shots, contacts gone quiet
    #[command(after_help = "Examples:\n  nudge team\n  nudge team --json | jq '.[] | select(.overdue > 5)'")]
    Team(TeamArgs),
    /// On which attempt people replied, reply rates by channel and weekday
    #[command(
        after_help = "Examples:\n  nudge stats                                    charts: first responses by attempt, reply rates\n  nudge stats --json | jq .responses_by_attempt"
    )]
    Stats(StatsArgs),
    /// Write the due follow-ups as an iCalendar file for a calendar app
    #[command(
        after_help = "Examples:\n  nudge ics                             write nudge.ics in the notes folder\n  nudge ics -o ~/Calendars/nudge.ics    subscribe to it in your calendar app\n  nudge ics -o -                        print it"
    )]
    Ics(IcsArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    #[command(
        after_help = "Examples:\n  nudge completions bash > ~/.local/share/bash-completion/completions/nudge\n  source <(nudge completions zsh)       (in ~/.zshrc, after compinit)\n  nudge completions fish > ~/.config/fish/completions/nudge.fish\nThe script runs nudge at each Tab: it completes contacts, playbooks and states of the notes folder."
    )]
    Completions(CompletionsArgs),
    /// Serve the notes to an editor: the Language Server Protocol over stdio (diagnostics, hover, completion, code actions)
    #[command(
        after_help = "Examples:\n  nudge lsp                      started by the editor in the notes folder (see the docs: Neovim, Helix, VS Code, Zed)\n  nudge --notes ~/crm lsp        serve this notes folder whatever the editor opened"
    )]
    Lsp,
    /// Print the man page (roff), every command in one page
    #[command(after_help = "Examples:\n  nudge man | man -l -\n  nudge man > ~/.local/share/man/man1/nudge.1")]
    Man,
}

/// `nudge agenda`.
#[derive(Debug, Args)]
pub(crate) struct AgendaArgs {
    /// Write here instead of the configured path; `-` prints it
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// First log the entries ticked in the current agenda (like `nudge sync`)
    #[arg(long)]
    pub sync: bool,
    /// Keep running: write the agenda again whenever a note, nudge.yaml or a template changes (Ctrl-C stops)
    #[arg(long)]
    pub watch: bool,
    /// Whose contacts.
    #[command(flatten)]
    pub owner: OwnerArgs,
}

/// `--owner` and `--all-owners` of `agenda` and `status` (docs/src/teams.md).
#[derive(Debug, Default, Args)]
pub(crate) struct OwnerArgs {
    /// Only the contacts of this owner (a handle) [default: you, from NUDGE_OWNER or git's user.email, in a team vault]
    #[arg(long, value_name = "HANDLE", conflicts_with = "all_owners", add = ArgValueCandidates::new(completions::owners))]
    pub owner: Option<String>,
    /// Every owner's contacts, whoever you are
    #[arg(long)]
    pub all_owners: bool,
}

/// `nudge status`.
#[derive(Debug, Args)]
pub(crate) struct StatusArgs {
    /// Print one JSON array, an object per contact, instead of a table
    #[arg(long)]
    pub json: bool,
    /// Only contacts in these states (repeat or separate with commas)
    #[arg(long, value_name = "STATE", value_delimiter = ',', value_parser = parse_state, add = ArgValueCandidates::new(completions::states))]
    pub state: Vec<State>,
    /// Only contacts with this tag (repeat for any of several)
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// Only contacts following this playbook
    #[arg(long, value_name = "NAME", add = ArgValueCandidates::new(completions::playbooks))]
    pub playbook: Option<String>,
    /// Only contacts due within this many days (overdue ones included)
    #[arg(long, value_name = "DAYS")]
    pub due_within: Option<u32>,
    /// Whose contacts.
    #[command(flatten)]
    pub owner: OwnerArgs,
}

/// `nudge check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Exit 1 on warnings too
    #[arg(long)]
    pub strict: bool,
    /// How to print the problems [default: full on a terminal, else short]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<CheckFormat>,
}

/// `nudge check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CheckFormat {
    /// One line a problem: `path:line:col: severity: message`
    Short,
    /// That line, then the source line with the place underlined (as rustc does)
    Full,
    /// One JSON array of problems, for tools
    Json,
}

/// `nudge show`.
#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// A file path, a file name without .md, or the start of a name or alias (aliases:) or of any word of one (several words, quoted or not, are one name)
    #[arg(required = true, num_args = 1.., value_name = "CONTACT", add = ArgValueCandidates::new(completions::contacts))]
    pub contact: Vec<String>,
}

/// `nudge log`.
#[derive(Debug, Args)]
pub(crate) struct LogArgs {
    /// A file path, a file name without .md, or the start of a name or alias (aliases:) or of any word of one
    #[arg(add = ArgValueCandidates::new(completions::contacts))]
    pub contact: String,
    /// What happened: keywords from the table (call, voicemail, email, reply, talked, ...)
    #[arg(required = true)]
    pub keywords: Vec<String>,
    /// The free text after the keywords
    #[arg(short, long, value_name = "TEXT")]
    pub message: Option<String>,
    /// A date agreed for the next contact
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub next: Option<NaiveDate>,
    /// The day of the touch [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub date: Option<NaiveDate>,
    /// The time of the touch
    #[arg(long, value_name = "HH:MM")]
    pub time: Option<String>,
    /// Accept keywords that are not in the table, and an attempt to a stopped or closed contact
    #[arg(long)]
    pub force: bool,
}

/// `nudge new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// The contact's name
    pub name: String,
    /// Their company
    #[arg(long)]
    pub company: Option<String>,
    /// Their role
    #[arg(long)]
    pub role: Option<String>,
    /// Their email
    #[arg(long)]
    pub email: Option<String>,
    /// Their phone number
    #[arg(long)]
    pub phone: Option<String>,
    /// The playbook to follow
    #[arg(long, add = ArgValueCandidates::new(completions::playbooks))]
    pub playbook: Option<String>,
    /// Tags (repeat for several)
    #[arg(long)]
    pub tag: Vec<String>,
    /// A date agreed for the first contact (`next`)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub next: Option<NaiveDate>,
    /// The day the contact was added [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub added: Option<NaiveDate>,
    /// Any other front matter key (repeat for several): `--field linkedin=https://...`
    #[arg(long, value_name = "KEY=VALUE", value_parser = parse_field)]
    pub field: Vec<(String, String)>,
}

/// `nudge import`.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// vCard (.vcf) or CSV files
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The playbook of the new contacts [default: the vault's default_playbook]
    #[arg(long, add = ArgValueCandidates::new(completions::playbooks))]
    pub playbook: Option<String>,
    /// Which CSV column holds what: KEY=COLUMN, separated by commas (keys: name, first_name, last_name, company, role, email, phone, tags, notes, added, or any front matter key)
    #[arg(long, value_name = "KEY=COLUMN,...", value_delimiter = ',', value_parser = parse_map)]
    pub map: Vec<(String, String)>,
    /// Fill in the fields a contact already in the notes lacks (what it has is never changed)
    #[arg(long)]
    pub update: bool,
    /// Print what would be created, updated and skipped, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Stagger the new contacts' first contact: at most N become due each business day
    #[arg(long, value_name = "N/day", value_parser = parse_spread)]
    pub spread: Option<u32>,
}

/// `nudge init`.
#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Only install a git pre-commit hook that runs `nudge check` (never replaces one); the notes folder is left as it is
    #[arg(long)]
    pub git_hook: bool,
}

/// `nudge snooze`.
#[derive(Debug, Args)]
pub(crate) struct SnoozeArgs {
    /// A file path, a file name without .md, or the start of a name or alias (aliases:) or of any word of one
    #[arg(add = ArgValueCandidates::new(completions::contacts))]
    pub contact: String,
    /// A date (YYYY-MM-DD) or a duration from today (3d, 2w, 1m)
    pub until: String,
}

/// `nudge sync`.
#[derive(Debug, Args)]
pub(crate) struct SyncArgs {}

/// `nudge undo`.
#[derive(Debug, Args)]
pub(crate) struct UndoArgs {
    /// List the edits that can be taken back, newest first, instead
    #[arg(long)]
    pub list: bool,
}

/// `nudge reassign`.
#[derive(Debug, Args)]
pub(crate) struct ReassignArgs {
    /// The owner handing the contacts over (a handle)
    #[arg(long, value_name = "HANDLE", add = ArgValueCandidates::new(completions::owners))]
    pub from: String,
    /// The owner taking them over (one of nudge.yaml's `owners:`)
    #[arg(long, value_name = "HANDLE", add = ArgValueCandidates::new(completions::owners))]
    pub to: String,
    /// Only these contacts: a file path, a file name without .md, or the start of a name or alias (aliases:)
    #[arg(value_name = "CONTACT", add = ArgValueCandidates::new(completions::contacts))]
    pub contacts: Vec<String>,
    /// Only contacts with this tag (repeat for any of several)
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// Only contacts in these states (repeat or separate with commas)
    #[arg(long, value_name = "STATE", value_delimiter = ',', value_parser = parse_state, add = ArgValueCandidates::new(completions::states))]
    pub state: Vec<State>,
    /// Say what would change, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `nudge team`.
#[derive(Debug, Args)]
pub(crate) struct TeamArgs {
    /// Print one JSON array, an object per owner, instead of a table
    #[arg(long)]
    pub json: bool,
}

/// `nudge stats`.
#[derive(Debug, Args)]
pub(crate) struct StatsArgs {
    /// Print one JSON object instead of charts
    #[arg(long)]
    pub json: bool,
    /// A line per owner instead: contacts, reply rate, overdue, median days overdue (JSON: an array)
    #[arg(long, value_enum, value_name = "WHAT")]
    pub by: Option<StatsBy>,
}

/// `nudge stats --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum StatsBy {
    /// Each owner of the team (docs/src/teams.md)
    Owner,
}

/// `nudge ics`.
#[derive(Debug, Args)]
pub(crate) struct IcsArgs {
    /// Write here; `-` prints it [default: nudge.ics in the notes folder]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `nudge completions`.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell
    pub shell: clap_complete::Shell,
}

/// Parses a `YYYY-MM-DD` argument.
pub(crate) fn parse_date_arg(text: &str) -> Result<NaiveDate, String> {
    crate::model::parse_date(text).ok_or_else(|| format!("'{text}' is not a date: write YYYY-MM-DD, like 2026-11-23"))
}

/// Parses a `KEY=VALUE` front matter field: the key one word (letters,
/// digits, `_`, `-`, `.`), the value one line, neither empty.
fn parse_field(text: &str) -> Result<(String, String), String> {
    let malformed = |why: &str| format!("'{text}' {why}: write KEY=VALUE, like linkedin=https://example.com/in/ana");
    let (key, value) = text.split_once('=').ok_or_else(|| malformed("has no ="))?;
    let (key, value) = (key.trim(), value.trim());
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.')) {
        return Err(malformed("does not start with a key (one word of letters, digits, _, - or .)"));
    }
    if value.is_empty() || value.chars().any(char::is_control) {
        return Err(malformed("needs a value of one line after the ="));
    }
    Ok((key.to_owned(), value.to_owned()))
}

/// Parses a `--map` pair `KEY=COLUMN`: the key one of the fields or any
/// front matter key nudge does not set itself, the column a header.
fn parse_map(text: &str) -> Result<(String, String), String> {
    const SET_BY_IMPORT: &[&str] =
        &["playbook", "stage", "do_not_contact", "next", "source", "other_emails", "other_phones"];
    let malformed = |why: &str| format!("'{text}' {why}: write KEY=COLUMN, like email=E-mail 1 - Value");
    let (key, column) = text.split_once('=').ok_or_else(|| malformed("has no ="))?;
    let (key, column) = (key.trim(), column.trim());
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.')) {
        return Err(malformed("does not start with a key (one word of letters, digits, _, - or .)"));
    }
    if SET_BY_IMPORT.contains(&key) {
        return Err(format!("--map {key}=...: `{key}` is not read from a column (use --playbook for the playbook)"));
    }
    if column.is_empty() {
        return Err(malformed("needs a column's header after the ="));
    }
    Ok((key.to_owned(), column.to_owned()))
}

/// Parses `--spread N/day` (or `N`): at least 1.
fn parse_spread(text: &str) -> Result<u32, String> {
    let number = text.trim().strip_suffix("/day").unwrap_or(text).trim();
    match number.parse::<u32>() {
        Ok(per_day) if per_day > 0 => Ok(per_day),
        _ => Err(format!("'{text}' is not a number of contacts a day: write it like 20/day")),
    }
}

/// A state's word, ignoring case; an unknown one gets a did-you-mean.
fn parse_state(text: &str) -> Result<State, String> {
    State::ALL.into_iter().find(|state| state.as_str().eq_ignore_ascii_case(text)).ok_or_else(|| {
        let words: Vec<&str> = State::ALL.iter().map(|state| state.as_str()).collect();
        let hint = crate::suggest::closest(text, words.iter().copied(), crate::suggest::Reach::ByLength)
            .map(|known| format!(" (did you mean '{known}'?)"))
            .unwrap_or_default();
        format!("unknown state '{text}'{hint}: use one of {}", words.join(", "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
