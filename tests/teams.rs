//! Teams (docs/src/teams.md): `owner:` in notes, nudge.yaml's `owners:`,
//! each owner's agenda, status and stats, who runs nudge, `(by x)` touches,
//! `reassign`, `team`, and two people's edits merged by git.

use crate::test::Test;

/// The team fixture: three owners, a shared account, unowned contacts and
/// a typo'd owner (`dnaa`).
fn team() -> Test {
    Test::fixture("team")
}

#[test]
fn a_shared_account_is_on_the_agenda_of_each_owner_and_handles_ignore_case() {
    let dana = team().args(&["agenda", "--owner", "DANA", "-o", "-"]).stdout();
    let sam = team().args(&["agenda", "--owner", "sam", "-o", "-"]).stdout();
    assert!(dana.contains("Fay Chen") && sam.contains("Fay Chen"));
    assert!(sam.contains("Jo Kim"), "owner: SAM is sam's");
    assert!(!dana.contains("Carla Diaz"), "sam's contact is not on dana's agenda");
}

#[test]
fn agenda_per_owner_writes_each_owners_agenda_and_the_unowned_one() {
    let test = team().args(&["agenda"]);
    let output = test.stdout();
    insta::assert_snapshot!("agenda_per_owner_summary", output);
    for name in ["dana", "sam", "lee", "unowned"] {
        let written = std::fs::read_to_string(test.path().join(format!("agendas/{name}.md"))).unwrap();
        insta::assert_snapshot!(format!("agendas_{name}"), written);
    }
    for name in ["dana", "sam", "lee"] {
        let one = team().args(&["agenda", "--owner", name, "-o", "-"]).stdout();
        let written = std::fs::read_to_string(test.path().join(format!("agendas/{name}.md"))).unwrap();
        assert_eq!(one, written, "--owner {name} prints the agenda agenda_per_owner writes");
    }
    assert!(!test.path().join("agenda.md").exists(), "no team agenda unless asked with --all-owners");
    assert!(!test.path().join("agendas/dnaa.md").exists(), "an unlisted handle gets no agenda");
    let again = test.stdout();
    assert!(again.lines().all(|line| line.contains("unchanged")), "the agendas are not read as notes:\n{again}");
}

/// One run writes every agenda from one reading of the vault: each note is
/// read once, not once an owner.
#[test]
fn one_run_writes_every_agenda_reading_each_note_once() {
    let test = team();
    let notes = std::fs::read_dir(test.path().join("people")).unwrap().count();
    nudge::testing::count_reads_under(test.path());
    let args = ["nudge", "--quiet", "--today", crate::test::TODAY, "--notes", test.path().to_str().unwrap(), "agenda"];
    assert_eq!(nudge::run(args), std::process::ExitCode::SUCCESS);
    assert_eq!(nudge::testing::reads_counted(test.path()), notes);
    for name in ["dana", "sam", "lee", "unowned"] {
        assert!(test.path().join(format!("agendas/{name}.md")).is_file(), "{name}");
    }
}

#[test]
fn status_owner_lists_only_their_contacts() {
    let output = team().args(&["status", "--owner", "sam"]).stdout();
    insta::assert_snapshot!(output);
}

#[test]
fn an_unknown_owner_is_a_check_warning_with_a_did_you_mean() {
    let output = team().args(&["check", "--format", "short"]).stdout();
    assert!(
        output.contains(
            "people/kai-lund.md:4:8: warning: unknown owner 'dnaa': did you mean 'dana'? (nudge.yaml's `owners:` lists dana, sam, lee); fix the handle, or add them to `owners:`"
        ),
        "{output}"
    );
    let usage = team().args(&["status", "--owner", "dnaa"]).status(2);
    assert!(usage.stderr.contains("did you mean 'dana'?"), "{}", usage.stderr);
}

fn names(output: &str) -> Vec<String> {
    let entries: Vec<serde_json::Value> = serde_json::from_str(output).unwrap();
    let mut names: Vec<String> = entries.iter().map(|entry| entry["name"].as_str().unwrap().to_owned()).collect();
    names.sort();
    names
}

#[test]
fn nudge_owner_picks_the_default_owner_and_all_owners_shows_everyone() {
    let sam = team().env("NUDGE_OWNER", "sam").args(&["status", "--json"]).stdout();
    assert_eq!(names(&sam), ["Carla Diaz", "Dev Patel", "Fay Chen", "Jo Kim"]);
    let by_email = team().env("NUDGE_OWNER", "Sam@Acme.example").args(&["status", "--json"]).stdout();
    assert_eq!(names(&by_email), names(&sam));
    let everyone = team().env("NUDGE_OWNER", "sam").args(&["status", "--json", "--all-owners"]).stdout();
    assert_eq!(names(&everyone).len(), 12);
    let unknown = team().env("NUDGE_OWNER", "sma").args(&["status"]).status(2);
    assert!(unknown.stderr.contains("NUDGE_OWNER: unknown owner 'sma': did you mean 'sam'?"), "{}", unknown.stderr);
}

#[test]
fn git_user_email_picks_the_default_owner() {
    let test = team().env("GIT_CONFIG_GLOBAL", "/dev/null").env("GIT_CONFIG_NOSYSTEM", "1").args(&["status", "--json"]);
    if !git(test.path(), &["init", "-q"]) {
        eprintln!("skipped: git is not in PATH");
        return;
    }
    assert!(git(test.path(), &["config", "user.email", "LEE@acme.example"]));
    let lee = test.stdout();
    assert_eq!(names(&lee), ["Eli Wong", "Ivan Petrov"]);
    assert!(git(test.path(), &["config", "user.email", "someone@else.example"]));
    let nobody = test.stdout();
    assert_eq!(names(&nobody).len(), 12, "an email of no owner: everyone's contacts");
}

#[test]
fn a_vault_without_a_team_ignores_who_runs_it() {
    let before = Test::fixture("vault").args(&["status", "--json"]).stdout();
    let named = Test::fixture("vault").env("NUDGE_OWNER", "").args(&["status", "--json"]).stdout();
    assert_eq!(named, before, "an empty NUDGE_OWNER is none");
}

/// Runs git in `dir` with a pinned identity; whether it succeeded (false
/// when git is missing).
fn git(dir: &std::path::Path, args: &[&str]) -> bool {
    std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .is_ok_and(|output| output.status.success())
}

#[test]
fn a_touch_logged_by_someone_else_than_the_owner_says_by_whom_and_counts_the_same() {
    let test = team().env("NUDGE_OWNER", "sam").args(&["log", "ana-lima", "call", "vm", "-m", "left a message"]);
    let before = Test::fixture("team").args(&["status", "--json", "--owner", "dana"]).stdout();
    let output = test.stdout();
    assert!(output.contains("2026-11-25 call vm (by sam): left a message"), "{output}");
    let text = std::fs::read_to_string(test.path().join("people/ana-lima.md")).unwrap();
    assert!(
        text.ends_with("- 2026-11-18 email: intro and pricing\n- 2026-11-25 call vm (by sam): left a message\n"),
        "{text}"
    );
    let ana = |status: &str| -> serde_json::Value {
        let entries: Vec<serde_json::Value> = serde_json::from_str(status).unwrap();
        entries.into_iter().find(|entry| entry["name"] == "Ana Lima").unwrap()
    };
    let after = Test::new();
    crate::test::copy_dir(test.path(), after.path());
    let after = after.args(&["status", "--json", "--owner", "dana"]).stdout();
    assert_eq!(ana(&before)["attempts"], 1);
    assert_eq!(ana(&after)["attempts"], 2, "the touch by sam counts as any touch");
    assert_eq!(ana(&after)["last_touch"], "2026-11-25");
}

#[test]
fn a_touch_logged_by_an_owner_or_on_an_unowned_contact_says_nothing_more() {
    for (me, contact) in [("dana", "ana-lima"), ("sam", "fay-chen"), ("sam", "gus-moreno")] {
        let test = team().env("NUDGE_OWNER", me).args(&["log", contact, "email"]);
        let output = test.stdout();
        assert!(output.contains("2026-11-25 email\n") && !output.contains("(by"), "{me} on {contact}: {output}");
    }
}

#[test]
fn reassign_dry_run_says_what_would_change_and_writes_nothing() {
    let test = team().args(&["reassign", "--from", "dana", "--to", "sam", "--dry-run"]);
    let before = crate::test::tree(test.path());
    let output = test.stdout();
    insta::assert_snapshot!(output);
    assert_eq!(crate::test::tree(test.path()), before);
}

#[test]
fn reassign_rewrites_only_the_owner_byte_for_byte() {
    let test = team()
        .file("people/crlf.md", "---\r\nname: Crlf\r\nowner: Dana   # since May\r\n---\r\n\r\n- 2026-11-20 email\r\n")
        .file("people/block.md", "---\nname: Block\nowner:\n  - lee\n  - dana\ntags: [x]\n---\n- 2026-11-20 email")
        .args(&["reassign", "--from", "dana", "--to", "sam"]);
    let before = crate::test::tree(test.path());
    let output = test.stdout();
    assert!(output.contains("reassigned 6 contacts from dana to sam\n"), "{output}");
    let read = |file: &str| std::fs::read_to_string(test.path().join(file)).unwrap();
    assert_eq!(
        read("people/crlf.md"),
        "---\r\nname: Crlf\r\nowner: sam   # since May\r\n---\r\n\r\n- 2026-11-20 email\r\n"
    );
    assert_eq!(read("people/block.md"), "---\nname: Block\nowner: [lee, sam]\ntags: [x]\n---\n- 2026-11-20 email");
    assert_eq!(read("people/fay-chen.md").lines().nth(3), Some("owner: sam"), "[dana, sam] becomes sam's alone");
    let ana = read("people/ana-lima.md");
    assert_eq!(
        ana,
        std::fs::read_to_string("fixtures/team/people/ana-lima.md").unwrap().replace("owner: dana", "owner: sam")
    );
    let after: std::collections::BTreeMap<_, _> = crate::test::tree(test.path()).into_iter().collect();
    let mut changed: Vec<String> = before
        .iter()
        .filter(|(path, bytes)| after.get(path) != Some(bytes))
        .map(|(path, _)| path.strip_prefix(test.path()).unwrap().display().to_string())
        .collect();
    changed.sort();
    let dana =
        ["ana-lima", "ben-ortiz", "block", "crlf", "fay-chen", "lia-park"].map(|name| format!("people/{name}.md"));
    assert_eq!(changed, dana, "only dana's notes change");
    let sam = Test::new();
    crate::test::copy_dir(test.path(), sam.path());
    let status = sam.args(&["status", "--json", "--owner", "dana"]).status(1);
    assert_eq!(status.stdout, "[]\n", "dana has none left");
}

#[test]
fn reassign_takes_filters_and_refuses_an_unknown_owner() {
    let test = team().args(&["reassign", "--from", "dana", "--to", "lee", "--state", "closed"]);
    let output = test.stdout();
    assert_eq!(output, "people/lia-park.md: owner dana -> lee\nreassigned 1 contact from dana to lee\n");
    let named = team().args(&["reassign", "--from", "sam", "--to", "lee", "jo", "--dry-run"]).stdout();
    assert!(named.starts_with("people/jo-kim.md: owner SAM -> lee\nwould reassign 1 contact"), "{named}");
    let unknown = team().args(&["reassign", "--from", "dana", "--to", "sma"]).status(2);
    assert!(unknown.stderr.contains("--to: unknown owner 'sma': did you mean 'sam'?"), "{}", unknown.stderr);
    let none = team().args(&["reassign", "--from", "lee", "--to", "sam", "--tag", "nothing"]).status(1);
    assert!(none.stderr.contains("no contact of lee matches"), "{}", none.stderr);
}

#[test]
fn team_shows_each_owners_overdue_today_last_shots_and_quiet_contacts() {
    insta::assert_snapshot!("team_table", team().args(&["team"]).stdout());
    let json = team().args(&["team", "--json"]).stdout();
    insta::assert_snapshot!("team_json", json);
    let lines: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let lee = &lines[2];
    assert_eq!((lee["owner"].as_str(), lee["no_touch_in_30_days"].as_u64()), (Some("lee"), Some(1)), "Ivan, 36 days");
}

#[test]
fn stats_by_owner_gives_reply_rates_overdue_counts_and_median_days_overdue() {
    insta::assert_snapshot!("stats_by_owner_table", team().args(&["stats", "--by", "owner"]).stdout());
    insta::assert_snapshot!("stats_by_owner_json", team().args(&["stats", "--by", "owner", "--json"]).stdout());
}

/// Runs nudge in `dir` (a clone) as `me` on `today`; its stdout.
fn nudge_in(dir: &std::path::Path, me: &str, today: &str, args: &[&str]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_nudge"))
        .args(["--notes", dir.to_str().unwrap(), "--today", today])
        .args(args)
        .env("NUDGE_OWNER", me)
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// Commits everything in `dir` as `who`.
fn commit(dir: &std::path::Path, who: &str, message: &str) {
    let email = format!("user.email={who}@acme.example");
    assert!(git(dir, &["add", "-A"]));
    assert!(git(dir, &["-c", &format!("user.name={who}"), "-c", &email, "commit", "-qm", message]));
}

/// Two people log touches in two clones of one repository, on different
/// contacts, then on the same contact on different days, and git merges
/// their commits without a conflict (the contact notes merged by git's
/// `union` driver, as docs/src/teams.md sets it up, for the second).
#[test]
fn two_people_logging_in_two_clones_merge_without_conflicts() {
    let origin = team();
    if !git(origin.path(), &["init", "-q", "-b", "main"]) {
        eprintln!("skipped: git is not in PATH");
        return;
    }
    commit(origin.path(), "lead", "the team's notes");
    let clones = tempfile::tempdir().unwrap();
    let (dana, sam) = (clones.path().join("dana"), clones.path().join("sam"));
    for clone in [&dana, &sam] {
        assert!(git(clones.path(), &["clone", "-q", origin.path().to_str().unwrap(), clone.to_str().unwrap()]));
    }
    let merge = |into: &std::path::Path, from: &std::path::Path| {
        let pull = ["-c", "user.name=merger", "-c", "user.email=merger@acme.example", "pull", "-q", "--no-rebase"];
        assert!(git(into, &[&pull[..], &["--no-edit", from.to_str().unwrap(), "main"]].concat()), "merge");
        let status = std::process::Command::new("git").args(["status", "--porcelain"]).current_dir(into).output();
        assert_eq!(String::from_utf8(status.unwrap().stdout).unwrap(), "", "a clean merge, no conflict");
    };

    // Different contacts, with no setup at all.
    nudge_in(&dana, "dana", "2026-11-25", &["log", "ana-lima", "call", "vm"]);
    commit(&dana, "dana", "ana");
    nudge_in(&sam, "sam", "2026-11-25", &["log", "carla-diaz", "call", "talked"]);
    commit(&sam, "sam", "carla");
    merge(&sam, &dana);
    let ana = std::fs::read_to_string(sam.join("people/ana-lima.md")).unwrap();
    assert!(ana.ends_with("- 2026-11-18 email: intro and pricing\n- 2026-11-25 call vm\n"), "{ana}");

    // The same contact on different days: the union driver keeps both lines.
    std::fs::write(sam.join(".gitattributes"), "people/*.md merge=union\n").unwrap();
    commit(&sam, "sam", "contact notes merge by union");
    merge(&dana, &sam);
    nudge_in(&dana, "dana", "2026-11-25", &["log", "dev-patel", "email", "-m", "covered for Sam"]);
    commit(&dana, "dana", "dev, 25th");
    nudge_in(&sam, "sam", "2026-11-26", &["log", "dev-patel", "call", "talked"]);
    commit(&sam, "sam", "dev, 26th");
    merge(&sam, &dana);
    let dev = std::fs::read_to_string(sam.join("people/dev-patel.md")).unwrap();
    assert!(dev.contains("\n- 2026-11-25 email (by dana): covered for Sam\n"), "{dev}");
    assert!(dev.contains("\n- 2026-11-26 call talked\n"), "{dev}");
    let check = nudge_in(&sam, "sam", "2026-11-26", &["check"]);
    assert!(!check.contains("dev-patel"), "{check}");
    let status = nudge_in(&sam, "sam", "2026-11-26", &["status", "--json", "--owner", "sam"]);
    let entries: Vec<serde_json::Value> = serde_json::from_str(&status).unwrap();
    let dev = entries.iter().find(|entry| entry["name"] == "Dev Patel").unwrap();
    assert_eq!(
        (dev["state"].as_str(), dev["last_touch"].as_str()),
        (Some("engaged"), Some("2026-11-26")),
        "both count"
    );
}

#[test]
fn sync_logs_the_ticks_of_your_own_agenda() {
    let test = team().env("NUDGE_OWNER", "dana").args(&["agenda"]);
    test.stdout();
    let path = test.path().join("agendas/dana.md");
    let agenda = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, agenda.replace("- [ ] Call [Ben Ortiz]", "- [x] Call [Ben Ortiz]")).unwrap();
    let synced = Test::new().env("NUDGE_OWNER", "dana").args(&["sync"]);
    crate::test::copy_dir(test.path(), synced.path());
    let output = synced.stdout();
    assert!(output.contains("1 of 1 ticked entry in agendas/dana.md logged"), "{output}");
    let ben = std::fs::read_to_string(synced.path().join("people/ben-ortiz.md")).unwrap();
    assert!(ben.ends_with("- 2026-11-25 call: from the agenda\n"), "{ben}");
    let after = std::fs::read_to_string(synced.path().join("agendas/dana.md")).unwrap();
    assert!(!after.contains("[x]") && after.contains("last touch 2026-11-25 call: from the agenda"), "{after}");
}

#[test]
fn default_owner_owns_the_notes_that_name_none() {
    let config = std::fs::read_to_string("fixtures/team/nudge.yaml").unwrap() + "default_owner: lee\n";
    let lee = team().file("nudge.yaml", &config).args(&["status", "--json", "--owner", "lee"]).stdout();
    assert_eq!(names(&lee), ["Eli Wong", "Gus Moreno", "Hana Sato", "Ivan Petrov"]);
    let test = team().file("nudge.yaml", &config).args(&["agenda"]);
    let output = test.stdout();
    assert!(output.contains("wrote agendas/unowned.md: 1 upcoming\n"), "only Kai's typo is left unowned: {output}");
}

#[test]
fn a_contact_you_add_in_a_team_vault_is_yours() {
    let test = team().env("NUDGE_OWNER", "sam").args(&["new", "Zed Ames", "--company", "Acme"]);
    let path = test.stdout();
    let text = std::fs::read_to_string(test.path().join(path.trim())).unwrap();
    assert!(text.contains("\nowner: sam\n"), "{text}");
    let given = team().env("NUDGE_OWNER", "sam").args(&["new", "Zoe Ames", "--field", "owner=lee"]);
    let text = std::fs::read_to_string(given.path().join(given.stdout().trim())).unwrap();
    assert!(text.contains("\nowner: lee\n") && !text.contains("owner: sam"), "{text}");
    let solo = Test::new().env("NUDGE_OWNER", "sam").args(&["new", "Zed Ames"]);
    let text = std::fs::read_to_string(solo.path().join(solo.stdout().trim())).unwrap();
    assert!(!text.contains("owner"), "a vault without owners: unchanged\n{text}");
}

#[test]
fn bash_completes_owner_handles() {
    let script = Test::new().args(&["completions", "bash"]).stdout();
    let test = team();
    std::fs::write(test.path().join("nudge.bash"), script).unwrap();
    let probe = r#"source "$1"
COMP_WORDS=(nudge status --owner ''); COMP_CWORD=3; _clap_complete_nudge nudge '' nudge; echo "${COMPREPLY[*]}"
COMP_WORDS=(nudge reassign --to s); COMP_CWORD=3; _clap_complete_nudge nudge s nudge; echo "${COMPREPLY[*]}""#;
    let nudge = std::path::Path::new(env!("CARGO_BIN_EXE_nudge")).parent().unwrap();
    let Ok(output) = std::process::Command::new("bash")
        .args(["-c", probe, "bash"])
        .arg(test.path().join("nudge.bash"))
        .current_dir(test.path())
        .env("PATH", format!("{}:{}", nudge.display(), std::env::var("PATH").unwrap_or_default()))
        .env_remove("NUDGE_NOTES")
        .output()
    else {
        eprintln!("skipped: bash is not in PATH");
        return;
    };
    assert_eq!(String::from_utf8_lossy(&output.stdout), "dana sam lee\nsam\n");
}

#[test]
fn show_names_the_owner_and_who_made_each_touch() {
    insta::assert_snapshot!(team().args(&["show", "dev"]).stdout());
}

/// A shared account from `new`: `--field owner=dana,sam` (or `[dana, sam]`)
/// is a list of handles, not one handle `[dana, sam]` that check warns of.
#[test]
fn new_with_several_owners_writes_a_list() {
    for given in ["owner=dana,sam", "owner=[dana, sam]"] {
        let test = team().args(&["new", "Zed Ames", "--field", given]);
        let text = std::fs::read_to_string(test.path().join(test.stdout().trim())).unwrap();
        assert!(text.contains("\nowner: [dana, sam]\n"), "{given}: {text}");
        let agenda = test.args(&["agenda", "--owner", "sam", "-o", "-"]).stdout();
        assert!(agenda.contains("Zed Ames"), "{given}: {agenda}");
    }
}

/// `nudge team` has a line `unowned` and `agenda_per_owner` writes
/// `agendas/unowned.md`: `--owner unowned` shows those contacts (nobody's,
/// or a handle the team does not list) in status and agenda, as for an owner.
#[test]
fn owner_unowned_shows_the_contacts_nobody_owns() {
    let test = team().args(&["status", "--owner", "unowned", "--json"]);
    let status: serde_json::Value = serde_json::from_str(&test.stdout()).unwrap();
    let mut files: Vec<&str> = status.as_array().unwrap().iter().map(|c| c["file"].as_str().unwrap()).collect();
    files.sort_unstable();
    assert_eq!(files, ["people/gus-moreno.md", "people/hana-sato.md", "people/kai-lund.md"]);
    let agenda = team().args(&["agenda", "--owner", "Unowned", "-o", "-"]).stdout();
    assert!(agenda.starts_with("# Follow-ups for unowned contacts,"), "{agenda}");
    assert!(agenda.contains("Kai Lund") && !agenda.contains("Ana Lima"), "{agenda}");
}

/// With `agenda_per_owner`, `sync` logs the ticks of your own agenda: when
/// nudge cannot tell who you are, it says how to tell it, instead of
/// "no agenda yet at agenda.md: nothing to log" (exit 0, ticks left unlogged).
#[test]
fn sync_in_a_team_vault_by_someone_nudge_does_not_know_says_how_to_tell_it() {
    let test = team().args(&["agenda"]);
    test.stdout();
    let test = test.env("NUDGE_OWNER", "").args(&["sync"]);
    let output = test.status(2);
    assert!(
        output.stderr.contains("which of the agendas of agenda_per_owner is yours: set NUDGE_OWNER"),
        "{}",
        output.stderr
    );
    let output = test.env("NUDGE_OWNER", "sam").args(&["sync"]).status(0);
    assert!(output.stdout.contains("agendas/sam.md"), "{}", output.stdout);
}

/// After `log` (or `snooze`, `reassign`...) in a vault with
/// `agenda_per_owner`, the agendas written again are listed, not every
/// owner's agenda that stayed as it was (a line per owner after each log).
#[test]
fn log_in_a_team_vault_lists_only_the_agendas_it_changed() {
    let test = team().args(&["agenda"]);
    test.stdout();
    let output = test.env("NUDGE_OWNER", "sam").args(&["log", "carla", "call", "vm"]).status(0);
    assert!(output.stdout.contains("wrote agendas/sam.md: "), "{}", output.stdout);
    assert!(!output.stdout.contains("unchanged"), "{}", output.stdout);
}

/// `NUDGE_OWNER` exported for the team's repository does not empty a
/// personal vault (no `owners:`, no `agenda_per_owner`): status and agenda
/// still show every contact (before: nothing, and `nudge agenda` wrote an
/// agenda of nothing due).
#[test]
fn nudge_owner_set_for_a_team_leaves_a_personal_vault_whole() {
    let before = Test::fixture("vault").args(&["status", "--json"]).stdout();
    let named = Test::fixture("vault").env("NUDGE_OWNER", "dana").args(&["status", "--json"]).stdout();
    assert_eq!(named, before);
    let agenda = Test::fixture("vault").args(&["agenda", "-o", "-"]).stdout();
    let named = Test::fixture("vault").env("NUDGE_OWNER", "dana").args(&["agenda", "-o", "-"]).stdout();
    assert_eq!(named, agenda);
}

/// `--from` typed in another case is said as nudge.yaml spells the handle.
#[test]
fn reassign_names_the_owners_as_nudge_yaml_spells_them() {
    let test = team().args(&["reassign", "--from", "DANA", "--to", "Sam", "ana-lima", "--dry-run"]);
    assert_eq!(
        test.stdout(),
        "people/ana-lima.md: owner dana -> sam\nwould reassign 1 contact from dana to sam (--dry-run: nothing written)\n"
    );
}

/// `import` in a team vault, as `new`: the contacts you import are yours
/// (before: all unowned, on nobody's agenda but agendas/unowned.md).
#[test]
fn contacts_you_import_in_a_team_vault_are_yours() {
    let card = "BEGIN:VCARD\nVERSION:3.0\nFN:Zed Ames\nEND:VCARD\n";
    let test = team().file("card.vcf", card).env("NUDGE_OWNER", "lee").args(&["import", "card.vcf"]);
    test.stdout();
    let note = std::fs::read_to_string(test.path().join("people/zed-ames.md")).unwrap();
    assert!(note.contains("\nowner: lee\n"), "{note}");
}

/// In a team vault, a contact added by someone nudge cannot place is
/// nobody's: `new` and `import` say so and how to tell it who you are.
#[test]
fn a_contact_added_by_someone_nudge_cannot_place_is_said_to_be_unowned() {
    let test = team().env("NUDGE_OWNER", "").args(&["new", "Zed Ames"]);
    let output = test.status(0);
    assert!(
        output
            .stderr
            .contains("warning: nudge cannot tell who you are, so the contacts you add have no owner: set NUDGE_OWNER"),
        "{}",
        output.stderr
    );
    let solo = Test::new().args(&["new", "Zed Ames"]).status(0);
    assert!(!solo.stderr.contains("who you are"), "{}", solo.stderr);
}
