//! The layout tells the truth about the flow (src/lib.rs): a stage imports
//! only earlier stages, and a command imports no other command. Read from
//! the sources at test time: every `crate::` path in code (in `use` lines
//! and inline, `crate::{a, b}` groups too; comments are skipped).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The stages in order, by top-level module of src/: a module may import
/// its own stage and earlier ones only. The shared vocabulary comes first;
/// `load` runs discover -> parse -> derive for the commands, which nothing
/// before the commands may reach.
const STAGES: &[&[&str]] = &[
    &["model", "caseless", "position", "problem", "spaces", "spare", "suggest", "words", "yaml", "error"],
    &["discover"],
    &["parse"],
    &["derive"],
    &["render"],
    &["write"],
    &["load"],
    &["commands", "cli", "lib", "main"],
];

/// Modules of src/commands that are not commands but what several commands
/// share: a command may import them; they import no command.
const SHARED_BY_COMMANDS: &[&str] =
    &["mod", "agenda_file", "contact_note", "note_edit", "terminal", "ticked", "touch_line"];

fn stage_of(module: &str) -> Option<usize> {
    STAGES.iter().position(|stage| stage.contains(&module))
}

/// Every .rs file under `folder`.
fn sources(folder: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, files);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
}

/// The text without `//` comments (a `//` inside a string ends the line
/// early: no path the test needs is written after one).
fn code(text: &str) -> String {
    text.lines().map(|line| line.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

fn identifier(text: &str) -> &str {
    let end = text.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(text.len());
    &text[..end]
}

/// The paths below `crate::` (or `super::` for a file right under
/// src/commands) that `code` names, as their first two segments:
/// `crate::commands::log::x` gives `commands::log`; `crate::{a, b::c}`
/// gives `a` and `b::c`.
fn imported(code: &str, prefix: &str, paths: &mut BTreeSet<String>) {
    for (at, _) in code.match_indices(prefix) {
        if at > 0 && code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + prefix.len()..];
        let mut groups = vec![(String::new(), rest)];
        while let Some((base, rest)) = groups.pop() {
            if let Some(inner) = rest.strip_prefix('{') {
                let mut depth = 0;
                let mut start = 0;
                for (index, c) in inner.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => {
                            groups.push((base.clone(), inner[start..index].trim_start()));
                            break;
                        }
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            groups.push((base.clone(), inner[start..index].trim_start()));
                            start = index + 1;
                        }
                        _ => {}
                    }
                }
                continue;
            }
            let first = identifier(rest);
            if first.is_empty() {
                continue;
            }
            let path = if base.is_empty() { first.to_owned() } else { format!("{base}::{first}") };
            let after = &rest[first.len()..];
            match after.strip_prefix("::") {
                Some(next) if !path.contains("::") => groups.push((path, next)),
                _ => {
                    paths.insert(path);
                }
            }
        }
    }
}

/// Every import against the order, as (file, what it imports).
fn against_the_order(root: &Path) -> BTreeSet<(String, String)> {
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let commands: BTreeSet<String> = std::fs::read_dir(root.join("src/commands"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_owned()))
        .filter(|name| !SHARED_BY_COMMANDS.contains(&name.as_str()))
        .collect();
    let mut found = BTreeSet::new();
    for file in files {
        let relative = file.strip_prefix(root).unwrap().to_str().unwrap().replace('\\', "/");
        let inside = relative.strip_prefix("src/").unwrap();
        let module = identifier(inside);
        let stage = stage_of(module).unwrap_or_else(|| panic!("{relative}: add its module to STAGES"));
        let code = code(&std::fs::read_to_string(&file).unwrap());
        let mut paths = BTreeSet::new();
        imported(&code, "crate::", &mut paths);
        let command = inside.strip_prefix("commands/").map(identifier);
        // In a file right under src/commands, `super::` is `crate::commands::`.
        let in_commands = inside.strip_prefix("commands/").filter(|rest| !rest.contains('/') && *rest != "mod.rs");
        if in_commands.is_some() {
            let mut supers = BTreeSet::new();
            imported(&code, "super::", &mut supers);
            paths.extend(supers.into_iter().map(|path| format!("commands::{path}")));
        }
        for path in paths {
            let top = identifier(&path);
            match stage_of(top) {
                Some(theirs) if theirs > stage => {
                    found.insert((relative.clone(), top.to_owned()));
                }
                _ => {}
            }
            let target = path.strip_prefix("commands::").map(identifier);
            if let (Some(own), Some(target)) = (command, target)
                && target != own
                && commands.contains(target)
            {
                found.insert((relative.clone(), format!("commands::{target}")));
            }
        }
    }
    found
}

#[test]
fn stages_import_only_earlier_stages_and_commands_no_other_command() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = against_the_order(root);
    assert!(
        found.is_empty(),
        "imports against the order model < discover < parse < derive < render < write < load < commands, or of a command by another: {found:#?}"
    );
}

#[test]
fn the_reader_of_imports_sees_groups_inline_paths_and_skips_comments() {
    let mut paths = BTreeSet::new();
    let text = "use crate::{derive::playbook, parse::{Keywords, front_matter}};\n// crate::write::x\nlet x = crate::render::y();";
    imported(&code(text), "crate::", &mut paths);
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    assert_eq!(paths, ["derive::playbook", "parse::Keywords", "parse::front_matter", "render::y"]);
}
