//! `nudge man`: one roff man page for the whole tool, generated from the
//! command line's definition (clap_mangen): the global options, then every
//! command with its synopsis, options and examples, then the environment.

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use crate::cli::Cli;
use crate::commands::{Exit, print};
use crate::error::Error;

/// Prints the man page.
pub(super) fn run() -> Result<Exit, Error> {
    print(&page())?;
    Ok(Exit::Success)
}

/// The man page, in roff. The parent command is left unbuilt so that each
/// command lists its own options, not the global ones again.
pub(super) fn page() -> String {
    let cli = Cli::command();
    let top = Man::new(cli.clone());
    let mut page = String::new();
    page.push_str(&rendered(|out| top.render_title(out)));
    page.push_str(&rendered(|out| top.render_name_section(out)));
    page.push_str(&rendered(|out| top.render_synopsis_section(out)));
    page.push_str(&rendered(|out| top.render_description_section(out)));
    page.push_str(&rendered(|out| top.render_options_section(out)));
    page.push_str(".SH COMMANDS\n");
    for command in cli.get_subcommands().filter(|command| !command.is_hide_set()) {
        page.push_str(&command_section(command));
    }
    page.push_str(&closing(&cli));
    page
}

/// One command as a subsection: what it does, its synopsis, options and examples.
fn command_section(command: &clap::Command) -> String {
    let name = format!("nudge {}", command.get_name());
    let man = Man::new(command.clone().bin_name(&name).disable_help_flag(true));
    let mut roff = Roff::new();
    roff.control("SS", [name.as_str()]);
    let about = command.get_long_about().or_else(|| command.get_about()).map(ToString::to_string);
    roff.text([roman(about.unwrap_or_default())]);
    roff.control("PP", []);
    let mut section = roff.to_roff();
    section.push_str(&body(&rendered(|out| man.render_synopsis_section(out))));
    section.push_str(&body(&rendered(|out| man.render_options_section(out))));
    if let Some(examples) = command.get_after_help() {
        section.push_str(&preformatted(&examples.to_string()));
    }
    section
}

/// The examples of the tool, its environment and its version.
fn closing(cli: &clap::Command) -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["EXAMPLES"]);
    let mut text = roff.to_roff();
    let examples = cli.get_after_help().map(ToString::to_string).unwrap_or_default();
    let examples = examples.strip_prefix("Examples:\n").unwrap_or(&examples);
    text.push_str(&preformatted(examples));
    let mut roff = Roff::new();
    roff.control("SH", ["ENVIRONMENT"]);
    for (variable, meaning) in [
        ("NUDGE_NOTES", "The notes folder, when --notes is not given."),
        ("NO_COLOR", "When set and not empty, no colour even on a terminal."),
    ] {
        roff.control("TP", []).text([bold(variable)]).text([roman(meaning)]);
    }
    roff.control("SH", ["FILES"]);
    roff.control("TP", []).text([bold("nudge.yaml")]).text([roman(
        "The notes folder's configuration: agenda path, horizon, playbooks, keywords (every key has a default). Without --notes or NUDGE_NOTES, the nearest folder up holding it is the notes folder; none found is an error (nudge init makes one).",
    )]);
    roff.control("SH", ["VERSION"]);
    roff.text([roman(env!("CARGO_PKG_VERSION"))]);
    text.push_str(&roff.to_roff());
    text
}

/// Text kept as written, line by line (examples).
fn preformatted(text: &str) -> String {
    let mut roff = Roff::new();
    roff.control("PP", []).control("nf", []);
    for line in text.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
    roff.to_roff()
}

/// What a section renderer wrote.
fn rendered(render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = render(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// A rendered section without its heading and without the string
/// definitions every rendering repeats (the page's title defines them once).
fn body(section: &str) -> String {
    section
        .lines()
        .filter(|line| !line.starts_with(".SH ") && !line.starts_with(".ie ") && !line.starts_with(".el "))
        .flat_map(|line| [line, "\n"])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_has_the_usual_sections_and_every_command() {
        let page = page();
        assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{page}");
        for heading in [".TH nudge 1", ".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH COMMANDS", ".SH EXAMPLES"] {
            assert!(page.contains(heading), "{heading}");
        }
        for command in ["agenda", "status", "check", "show", "log", "stats", "ics", "completions", "man"] {
            assert!(page.contains(&format!(".SS \"nudge {command}\"")), "{command}");
        }
        assert_eq!(page.matches(".SH OPTIONS").count(), 1, "subsections carry no section headings");
    }

    #[test]
    fn every_command_shows_an_example_in_its_help() {
        for command in Cli::command().get_subcommands() {
            let help = command.get_after_help().map(ToString::to_string).unwrap_or_default();
            assert!(help.starts_with("Example"), "`nudge {} --help` has no example", command.get_name());
        }
    }
}
