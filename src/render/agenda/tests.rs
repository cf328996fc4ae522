//! Tests of the agenda's rendering: sections, the entry line, escaping,
//! the sync marker, template errors and the context. Contacts are written
//! as notes and parsed, no files.

use minijinja::UndefinedBehavior;

use super::*;
use crate::derive::{Calendar, Context, derive};
use crate::model::parse_date;
use crate::parse::{Parsed, parse_note};
use crate::render::agenda::context::FIELDS;

const TODAY: &str = "2026-11-25";

fn date(text: &str) -> NaiveDate {
    parse_date(text).unwrap()
}

/// A contact from a note's text, derived at [`TODAY`] with the defaults.
fn contact(file: &str, text: &str) -> Contact {
    let config = Config::default();
    let Parsed::Contact(note, _) = parse_note(file, text, &config.keywords) else { panic!("not a contact: {text}") };
    let playbook = config.playbooks.get(note.front.playbook.as_deref().unwrap_or("job-search")).unwrap();
    let context = Context {
        today: date(TODAY),
        horizon_days: 7,
        calendar: Calendar { business_days: true, holidays: &config.holidays },
    };
    let (derived, _) = derive(&note, playbook, &context);
    let read = crate::derive::contact::AsRead { fingerprint: 0x0123_4567_89ab_cdef.into(), text: Some(text) };
    crate::derive::contact::contact_with_extra(note, playbook, derived, read)
}

fn render_with(
    template: &str,
    contacts: Vec<Contact>,
    problems: &[Problem],
    config: &Config,
) -> Result<String, Problem> {
    let input = Input { today: date(TODAY), config, contacts, problems, owner: None };
    render(Template { name: "t/agenda.md.j2", source: template }, input).map(|(pieces, _)| pieces.concat())
}

/// The built-in agenda, as printed by its compiled twin, which must print
/// what the template engine prints from the template.
fn builtin(contacts: Vec<Contact>) -> String {
    builtin_with(contacts, &[], &Config::default())
}

fn builtin_with(contacts: Vec<Contact>, problems: &[Problem], config: &Config) -> String {
    let input = |contacts| Input { today: date(TODAY), config, contacts, problems, owner: None };
    let compiled = render(Template::BUILTIN, input(contacts.clone())).unwrap().0.concat();
    assert_eq!(
        compiled,
        render_with_engine(Template::BUILTIN, input(contacts)).unwrap(),
        "the engine prints otherwise"
    );
    compiled
}

#[test]
fn the_agenda_written_as_it_is_printed_is_the_one_printed_whole() {
    let contacts: Vec<Contact> = (0..700).map(|at| contact(&format!("people/p{at:03}.md"), DANA)).collect();
    // Problems are printed a few hundred at a time too, each piece on a
    // core of its own, as the template engine prints them all.
    let problems: Vec<Problem> =
        (0..600).map(|at| Problem::warning(&format!("p{at:03}.md"), Span::START, "a problem")).collect();
    let config = Config::default();
    assert_eq!(builtin_with(contacts.clone(), &problems, &config).matches(": warning: a problem\n").count(), 600);
    let input = Input { today: date(TODAY), config: &config, contacts, problems: &problems, owner: None };
    let agenda = Agenda::of(input);
    let whole = builtin::render(&agenda);
    assert_eq!(
        whole.len(),
        9,
        "the head, a heading, three pieces of entries, the problems' heading, three of problems"
    );
    for at_once in [1, 2, 4, 6, 100] {
        let mut taken = Vec::new();
        let all = builtin::each_piece_by(&agenda, at_once, &mut |piece| {
            taken.push(piece.to_owned());
            Ok(true)
        });
        assert!(all.unwrap());
        assert_eq!(taken, whole, "{at_once} pieces at a time");
    }
    let mut taken = 0;
    let all = builtin::each_piece_by(&agenda, 4, &mut |_| {
        taken += 1;
        Ok(taken < 2)
    });
    assert!(!all.unwrap());
    assert_eq!(taken, 2, "no piece after the one refused");
}

const DANA: &str = "---\nname: Dana Reyes\ncompany: Acme\nphone: '+1 415 555 0142'\n---\n- 2026-11-10 email\n- 2026-11-13 call voicemail\n- 2026-11-17 call voicemail\n";

#[test]
fn each_contact_is_in_one_section_by_kind_then_urgency() {
    let section = |text: &str| AgendaSection::of(&contact("x.md", text).derived);
    let front = "---\nname: X\n---\n";
    assert_eq!(section(&format!("{front}- 2026-11-20 email\n")), Some(AgendaSection::Overdue), "due 11-23");
    assert_eq!(section(&format!("{front}- 2026-11-22 email\n")), Some(AgendaSection::Today), "Sun + 3d");
    assert_eq!(section(&format!("{front}- 2026-11-24 email\n")), Some(AgendaSection::Upcoming));
    assert_eq!(section(&format!("{front}- 2026-11-25 email: next: 2026-12-20\n")), None, "beyond the horizon");
    let last_shot = format!("{front}- 2026-11-01 email\n- 2026-11-04 call\n- 2026-11-08 call\n- 2026-11-15 call\n");
    assert_eq!(section(&last_shot), Some(AgendaSection::LastShots), "an overdue last shot is a last shot");
    assert_eq!(
        section("---\nname: X\nadded: 2026-11-01\n---\n"),
        Some(AgendaSection::New),
        "an overdue new contact is new"
    );
    assert_eq!(section("---\nname: X\nadded: 2026-12-20\n---\n"), None, "a new contact due later waits");
    let nurture = "---\nname: X\nstage: nurture\n---\n- 2026-10-20 email\n";
    assert_eq!(section(nurture), Some(AgendaSection::Nurture), "due 11-20, overdue");
    assert_eq!(section("---\nname: X\nstage: closed\n---\n"), None);
    assert_eq!(section("---\nname: X\n---\n- 2026-11-20 reply stop\n"), None);
}

#[test]
fn an_entry_says_what_to_do_to_whom_when_and_why_on_one_line() {
    let agenda = builtin(vec![contact("people/dana reyes.md", DANA)]);
    let entry = agenda.lines().find(|line| line.starts_with("- [ ] ")).unwrap();
    assert_eq!(
        entry,
        "- [ ] Call [Dana Reyes](people/dana%20reyes.md) (Acme) at +1 415 555 0142 — 1 day overdue (due Tue 2026-11-24) \
         · attempt 4 of 4 · last touch 2026-11-17 call voicemail \
         · 2 voicemails already: don't leave another, try to reach them live (R6) \
         · why: 3 unanswered attempts and no response yet; job-search waits 7 days after the 3rd \
         <!-- nudge call 0123456789abcdef/9ac77a4d people/dana reyes.md -->"
    );
}

#[test]
fn the_channel_follows_the_hints_then_the_last_touch_then_the_details() {
    let channel = |text: &str| todo::action(&contact("x.md", text)).channel.as_str();
    let front = "---\nname: X\nemail: x@example.com\nphone: '1'\n---\n";
    assert_eq!(channel(&format!("{front}- 2026-11-20 text\n")), "message");
    assert_eq!(channel(&format!("{front}- 2026-11-18 email\n- 2026-11-20 email\n")), "call", "prefer-call");
    assert_eq!(channel(&format!("{front}- 2026-11-20 meeting\n")), "email", "after a meeting, write");
    assert_eq!(channel(&format!("{front}- 2026-11-20 letter\n")), "letter");
    assert_eq!(channel(front), "email", "a new contact with an address");
    assert_eq!(channel("---\nname: X\nphone: '1'\n---\n"), "call", "only a phone number");
    assert_eq!(channel("---\nname: X\n---\n- 2026-11-20 reply\n"), "email", "a reply has no channel");
}

#[test]
fn the_action_uses_the_contact_details_that_exist() {
    let sentence = |front: &str, touches: &str| {
        todo::sentence(&contact("x.md", &format!("---\nname: Bo Kim\n{front}---\n{touches}")), LinkStyle::Markdown)
    };
    let meeting = "- 2026-11-20 meeting\n";
    assert_eq!(sentence("phone: '+1 555'\n", meeting), "Call [Bo Kim](x.md) at +1 555", "no address: call");
    assert_eq!(sentence("email: bo@x\n", "- 2026-11-20 call\n"), "Email [Bo Kim](x.md) at bo@x", "no phone: email");
    let emails = "- 2026-11-18 email\n- 2026-11-20 email\n";
    assert_eq!(
        sentence("email: bo@x\n", emails),
        "Email [Bo Kim](x.md) at bo@x — no phone number on file to call",
        "R4 asks for a call the details cannot make"
    );
    assert_eq!(sentence("", emails), "Call [Bo Kim](x.md) — no phone number on file: add one or email");
    assert_eq!(sentence("", meeting), "Email [Bo Kim](x.md) — no email address on file: add one or call");
    assert_eq!(
        sentence("phone: ' '\nemail: ''\n", "- 2026-11-20 call\n"),
        "Call [Bo Kim](x.md) — no phone number on file: add one or email",
        "an empty value is no detail"
    );
    assert_eq!(
        sentence("", "- 2026-11-20 text\n"),
        "Message [Bo Kim](x.md)",
        "nudge does not know where a message goes"
    );
    let bo = contact("x.md", &format!("---\nname: Bo Kim\nemail: bo@x\n---\n{emails}"));
    assert!(marker::marker(&bo).starts_with("<!-- nudge email "), "a tick logs what the entry says");
}

#[test]
fn the_summary_counts_one_in_the_singular() {
    let last_shot = "---\nname: X\n---\n- 2026-11-01 email\n- 2026-11-04 call\n- 2026-11-08 call\n- 2026-11-15 call\n";
    let contacts = vec![contact("a.md", last_shot), contact("b.md", "---\nname: B\n---\n")];
    let problem = Problem::warning("b.md", Span::START, "w".to_owned());
    let agenda = builtin_with(contacts.clone(), std::slice::from_ref(&problem), &Config::default());
    assert_eq!(agenda.lines().nth(2), Some("1 last shot · 1 new contact · 1 problem in the notes"), "{agenda}");
    let twice = vec![contacts[0].clone(), contacts[0].clone(), contacts[1].clone(), contacts[1].clone()];
    let agenda = builtin(twice);
    assert_eq!(agenda.lines().nth(2), Some("2 last shots · 2 new contacts"), "{agenda}");
}

#[test]
fn kinds_of_entries_are_worded_for_what_they_are() {
    let sentence = |text: &str| todo::sentence(&contact("x.md", text), LinkStyle::Markdown);
    let last_shot = "---\nname: X\n---\n- 2026-11-01 email\n- 2026-11-04 call\n- 2026-11-08 call\n- 2026-11-15 call\n";
    assert_eq!(sentence(last_shot), "Last shot: call [X](x.md) — no phone number on file: add one or email");
    assert_eq!(sentence("---\nname: X\nemail: x@e\n---\n"), "First contact: email [X](x.md) at x@e");
    assert_eq!(sentence("---\nname: X\nstage: nurture\n---\n- 2026-10-20 letter\n"), "Check in: write to [X](x.md)");
    let contact = contact("x.md", last_shot);
    assert_eq!(todo::attempt(&contact), None, "the last shot's hint says its number");
    assert_eq!(todo::due(&contact, date(TODAY)), "2 days overdue (due Mon 2026-11-23)");
}

#[test]
fn a_promise_is_shown_as_the_agreed_date() {
    let dana = contact("x.md", "---\nname: X\n---\n- 2026-11-20 call talked: next: 2026-11-26\n");
    assert_eq!(todo::due(&dana, date(TODAY)), "agreed for Thu 2026-11-26 (tomorrow)");
    let today = contact("x.md", "---\nname: X\n---\n- 2026-11-20 call talked: next: 2026-11-25\n");
    assert_eq!(todo::due(&today, date(TODAY)), "agreed for today");
    let snoozed = contact("x.md", "---\nname: X\nnext: 2026-11-26\nsnoozed: 2026-11-26\n---\n- 2026-11-20 email\n");
    assert_eq!(todo::due(&snoozed, date(TODAY)), "snoozed until Thu 2026-11-26 (tomorrow)", "a snooze is no agreement");
}

#[test]
fn note_data_is_printed_as_written_never_run_as_a_template() {
    let text = "---\nname: \"{{ 7*7 }} [x](y) <b>\"\ncompany: \"A|B *C* {% if true %}\"\nnotes: \"{{ name }}\"\n---\n- 2026-11-20 email: {{ 6*6 }}\n";
    let agenda = builtin(vec![contact("x.md", text)]);
    assert!(agenda.contains(r"Email [{{ 7\*7 }} \[x\](y) \<b\>](x.md) (A\|B \*C\* {% if true %})"), "{agenda}");
    assert!(agenda.contains("email: {{ 6\\*6 }}"), "{agenda}");
    assert!(!agenda.contains("[49]") && !agenda.contains(": 36"), "{agenda}");
    let custom = render_with("{{ contacts[0].front.notes }}", vec![contact("x.md", text)], &[], &Config::default());
    assert_eq!(custom.unwrap(), "{{ name }}");
}

#[test]
fn newlines_in_names_cannot_break_the_line_or_the_link() {
    let text = "---\nname: \"Ana\\n- [ ] fake entry\\n# heading\"\ncompany: \"Acme\\r\\n---\"\n---\n";
    let agenda = builtin(vec![contact("x.md", text)]);
    let entries: Vec<&str> = agenda.lines().filter(|line| line.starts_with("- [ ]")).collect();
    assert_eq!(entries.len(), 1, "{agenda}");
    assert!(entries[0].starts_with(r"- [ ] First contact: email [Ana - \[ \] fake entry \# heading](x.md) (Acme ---)"));
    assert!(!agenda.lines().any(|line| line.starts_with("# heading")));
}

#[test]
fn the_marker_is_left_out_when_the_path_would_end_the_comment() {
    assert_eq!(marker::marker(&contact("a-->b.md", "---\n---\n")), "");
    assert_eq!(marker::marker(&contact("a b.md", "---\n---\n")), "<!-- nudge email 0123456789abcdef a b.md -->");
    let agenda = builtin(vec![contact("a-->b.md", "---\nname: X\n---\n")]);
    assert!(agenda.contains("make the first contact (R13)\n"), "no trailing space: {agenda}");
}

#[test]
fn wiki_links_with_link_style_wiki() {
    let config = Config { link_style: LinkStyle::Wiki, ..Config::default() };
    let output = render_with("{{ contacts[0].link }}", vec![contact("people/dana-reyes.md", DANA)], &[], &config);
    assert_eq!(output.unwrap(), "[[people/dana-reyes|Dana Reyes]]");
}

#[test]
fn the_output_is_the_same_whatever_the_order_of_the_contacts() {
    let front = |name: &str| format!("---\nname: {name}\n---\n- 2026-11-20 email\n");
    let contacts =
        vec![contact("b.md", &front("beth")), contact("a.md", &front("Beth")), contact("c.md", &front("Al"))];
    let mut reversed = contacts.clone();
    reversed.reverse();
    let agenda = builtin(contacts);
    assert_eq!(agenda, builtin(reversed));
    let order: Vec<&str> = agenda.lines().filter_map(|line| line.split("](").nth(1)?.split(')').next()).collect();
    assert_eq!(order, ["c.md", "a.md", "b.md"], "same day: by name ignoring case, then file");
}

#[test]
fn the_compiled_builtin_template_prints_what_the_engine_prints() {
    let contacts = [
        contact("people/dana reyes.md", DANA),
        contact("b.md", "---\nname: B\n---\n"),
        contact("c.md", "---\nname: C\nstage: nurture\n---\n- 2026-10-20 email\n"),
        contact(
            "d.md",
            "---\nname: D\n---\n- 2026-11-01 email\n- 2026-11-04 call\n- 2026-11-08 call\n- 2026-11-15 call\n",
        ),
        contact("e.md", "---\nname: E\n---\n- 2026-11-24 call talked: next: 2026-11-25\n"),
        contact("f.md", "---\nname: F\n---\n- 2026-11-24 email\n"),
    ];
    let problems = [Problem::error("a.md", Span::new(3, 8), "bad *thing*"), Problem::warning("", Span::START, "x")];
    let wiki = Config { link_style: LinkStyle::Wiki, ..Config::default() };
    for config in [&Config::default(), &wiki] {
        for problems in [&problems[..], &problems[..1], &[]] {
            for count in [0, 1, 3, contacts.len()] {
                builtin_with(contacts[..count].to_vec(), problems, config);
            }
        }
    }
}

#[test]
fn an_empty_agenda_says_so() {
    assert_eq!(builtin(Vec::new()), "# Follow-ups for Wednesday 2026-11-25\n\nNothing due through 2026-12-02.\n");
}

#[test]
fn problems_are_listed_with_their_place() {
    const TEMPLATE: &str = "{% for p in problems %}{{ p.link }} {{ p.severity }} {{ p.message }}\n{% endfor %}{{ counts.problems }} {{ counts.errors }} {{ counts.warnings }}\n";
    let mut problems = [
        Problem::error("people/a b.md", Span::of_len(10, 4), "bad `date`"),
        Problem::warning("", Span::START, "cannot read"),
    ];
    crate::problem::attach_source(&mut problems[..1], "a\nb\n      date\n");
    let output = render_with(TEMPLATE, Vec::new(), &problems, &Config::default()).unwrap();
    assert_eq!(output, "[people/a b.md:3:7](people/a%20b.md) error bad \\`date\\`\n:1:1 warning cannot read\n2 1 1\n");
}

#[test]
fn every_field_of_a_contact_is_in_the_context() {
    let text = "---\nname: Dana\ncompany: Acme\nrole: EM\nemail: d@a.example\nphone: '1'\ntags: [a, b]\nadded: 2026-11-01\nlinkedin: https://x.example\nsizes: {team: 12}\n---\n- 2026-11-20 call talked: hi\n";
    let template = "{% for key in contacts[0] %}{{ key }}={{ contacts[0][key] }}\n{% endfor %}";
    let output = render_with(template, vec![contact("d.md", text)], &[], &Config::default()).unwrap();
    let keys: Vec<String> = output.lines().filter_map(|line| Some(line.split('=').next()?.replace('\\', ""))).collect();
    assert_eq!(keys, FIELDS);
    let field = |key: &str| {
        let prefix = format!("{key}=");
        output.lines().find_map(|line| line.strip_prefix(&prefix)).unwrap().to_owned()
    };
    assert_eq!(field("tags"), r"\['a', 'b'\]");
    assert_eq!(field("limit"), "16");
    assert_eq!(field("due"), "2026-11-23");
    assert_eq!(field("section"), "overdue");
    assert_eq!(field("action"), "call");
    let front = render_with(
        "{{ contacts[0].front.linkedin }} {{ contacts[0].front.sizes.team }} {{ contacts[0].front.added }} {{ contacts[0].last_touch.outcome }} {{ contacts[0].hints[0].code }} {{ contacts[0].hints[0].date }}",
        vec![contact("d.md", text)],
        &[],
        &Config::default(),
    );
    assert_eq!(front.unwrap(), "https://x.example 12 2026-11-01 conversation ask-next-step 2026-11-20");
}

#[test]
fn the_builtin_template_uses_only_defined_values() {
    let mut environment = environment();
    environment.set_undefined_behavior(UndefinedBehavior::Strict);
    let template = environment.template_from_named_str(TEMPLATE_FILE, BUILTIN_TEMPLATE).unwrap();
    let contacts = vec![
        contact("a.md", DANA),
        contact("b.md", "---\nname: B\n---\n"),
        contact("c.md", "---\nname: C\nstage: nurture\n---\n- 2026-10-20 email\n"),
        contact(
            "d.md",
            "---\nname: D\n---\n- 2026-11-01 email\n- 2026-11-04 call\n- 2026-11-08 call\n- 2026-11-15 call\n",
        ),
    ];
    let problems = [Problem::error("a.md", Span::START, "x")];
    let input = Input { today: date(TODAY), config: &Config::default(), contacts, problems: &problems, owner: None };
    let output = template.render(context(Agenda::of(input))).unwrap();
    assert!(output.contains("## Problems"), "{output}");
}

#[test]
fn a_template_error_points_at_its_line_and_column() {
    let error = |source: &str| render_with(source, Vec::new(), &[], &Config::default()).unwrap_err().to_string();
    assert_eq!(
        error("# Agenda\n\n{% for x in sections %}\n{{ x }\n"),
        "t/agenda.md.j2:4:6: error: syntax error: unexpected `}`, expected end of variable block; fix the template, or move it away to use the built-in one"
    );
    assert!(
        error("line 1\n{{ today | no_such_filter }}\n").starts_with("t/agenda.md.j2:2:"),
        "{}",
        error("x\n{{ today | nope }}")
    );
    assert!(error("{% for x in 3 %}{% endfor %}").starts_with("t/agenda.md.j2:1:"));
}

#[test]
fn undefined_values_print_nothing() {
    let output = render_with(
        "[{{ nothing }}][{{ contacts[0].nope }}][{{ none }}]",
        vec![contact("x.md", DANA)],
        &[],
        &Config::default(),
    );
    assert_eq!(output.unwrap(), "[][][]");
}

#[test]
fn safe_values_print_as_is_and_everything_else_escaped() {
    let output = render_with("{{ '*a*' }} {{ '*a*' | safe }} {{ 3 }} {{ true }}", Vec::new(), &[], &Config::default());
    assert_eq!(output.unwrap(), r"\*a\* *a* 3 True");
}

#[test]
fn when_and_which_attempt_need_no_escaping() {
    // The compiled template writes them straight in: they must be text that
    // escaping leaves as it is, for every kind of due date.
    let mut notes = Vec::new();
    for day in ["2020-01-06", "2026-11-10", "2026-11-24", "2026-11-25", "2026-11-26", "2027-02-01", "9999-12-31"] {
        notes.push(format!("---\nname: A\n---\n- {day} email\n"));
        notes.push(format!("---\nname: B\nnext: {day}\n---\n- 2026-11-20 call connected\n"));
    }
    for (index, note) in notes.iter().enumerate() {
        let contact = contact(&format!("p/{index}.md"), note);
        let due = todo::due(&contact, date(TODAY));
        assert!(crate::render::markdown::is_plain(&due), "{due}");
        if let Some(attempt) = todo::attempt(&contact) {
            assert!(crate::render::markdown::is_plain(&attempt.to_string()), "{attempt}");
        }
    }
}

#[test]
fn a_linked_company_is_a_working_obsidian_link_in_both_link_styles() {
    let text =
        "---\nname: \"[[Dana Reyes]]\"\ncompany: [[Globex|Globex Corp]]\nrole: \"[[CTO]]\"\n---\n- 2026-11-20 email\n";
    for config in [Config::default(), Config { link_style: LinkStyle::Wiki, ..Config::default() }] {
        let agenda = builtin_with(vec![contact("people/dana.md", text)], &[], &config);
        assert!(agenda.contains("Dana Reyes") && !agenda.contains("[[Dana Reyes]]"), "{agenda}");
        assert!(agenda.contains(" ([[Globex|Globex Corp]]) "), "{agenda}");
    }
    let template = "{{ c.name }}|{{ c.company }}|{{ c.role }}|{{ c.name_link }}|{{ c.company_link }}|{{ c.role_link }}|{{ c.front.company }}";
    let template = format!("{{% for c in contacts %}}{template}\n{{% endfor %}}");
    let plain = "---\nname: Ana\ncompany: A*B\n---\n";
    let contacts = vec![contact("people/dana.md", text), contact("ana.md", plain)];
    let output = render_with(&template, contacts, &[], &Config::default()).unwrap();
    assert_eq!(
        output,
        "Dana Reyes|Globex Corp|CTO|[[Dana Reyes]]|[[Globex|Globex Corp]]|[[CTO]]|Globex Corp\nAna|A\\*B||Ana|A\\*B||A\\*B\n"
    );
}

#[test]
fn an_owners_agenda_names_them_in_the_title_the_same_with_the_engine() {
    let config = Config::default();
    let dana = Owner { handle: "dana".into(), name: Some("Dana *Reyes*".into()), email: None };
    let input = |owner| Input {
        today: date(TODAY),
        config: &config,
        contacts: vec![contact("d.md", DANA)],
        problems: &[],
        owner,
    };
    let compiled = render(Template::BUILTIN, input(Some(&dana))).unwrap().0.concat();
    assert_eq!(compiled, render_with_engine(Template::BUILTIN, input(Some(&dana))).unwrap());
    assert!(compiled.starts_with("# Follow-ups for Dana \\*Reyes\\*, Wednesday 2026-11-25\n"), "{compiled}");
    let lee = Owner::handle("lee");
    let engine = render_with_engine(Template::BUILTIN, input(Some(&lee))).unwrap();
    assert!(engine.starts_with("# Follow-ups for lee, Wednesday"), "the handle without a name: {engine}");
    let template = "{{ owner.handle }} {{ owner.email }}|{% if not owner %}nobody{% endif %}";
    let everyone = Input { owner: None, ..input(None) };
    assert_eq!(render_with_engine(Template { name: "t", source: template }, everyone).unwrap(), " |nobody");
}

#[test]
fn a_reason_written_as_it_is_is_one_escaping_leaves_as_it_is() {
    use crate::derive::Why;
    use crate::derive::reason::{Attempts, Basis, Planned, Response};
    use crate::model::{Channel, Duration, Limit, Outcome, Then};
    use crate::render::markdown::is_plain;
    let day = date("2026-11-21");
    let response = Response { date: day, outcome: Outcome::Conversation, channel: Channel::Meeting };
    let attempts = Attempts { count: 2, limit: Limit::After(3), since: Some(response) };
    let bases = [
        Basis::StageStopped,
        Basis::DoNotContact,
        Basis::AskedToStop(day),
        Basis::StageClosed,
        Basis::ClosedOn(day),
        Basis::StageNurture(Some(day)),
        Basis::StageNurture(None),
        Basis::NotInterested(day),
        Basis::New(Some(day)),
        Basis::New(None),
        Basis::Engaged(Some(response)),
        Basis::Engaged(None),
        Basis::Active(attempts),
        Basis::LastShot(Attempts { since: None, ..attempts }),
        Basis::PastLastShot(attempts, Then::Nurture),
        Basis::PastLastShot(attempts, Then::Dormant),
    ];
    let endings = [
        (None, None, false, None),
        (None, Some(day), true, None),
        (None, Some(day), false, Some(Planned { channel: Channel::Email, passed: true })),
        (None, Some(day), false, Some(Planned { channel: Channel::Other, passed: false })),
        (None, Some(day), false, None),
        (Some((day, true)), None, false, None),
        (Some((day, false)), None, false, None),
    ];
    let mut written = 0;
    for basis in bases {
        for wait in [None, Some(Duration::Days(1)), Some(Duration::Weeks(3))] {
            for (moved_from, promise, snoozed, planned) in endings {
                let why = Why { basis: basis.clone(), wait, moved_from, promise, snoozed, planned };
                for playbook in ["sales", "job-search", "", " x", "a_b", "x "] {
                    let reason = why.words(playbook);
                    if reason.prints_as_written(is_plain) {
                        let text = reason.to_string();
                        assert_eq!(crate::render::markdown::escape(&text), text, "{why:?} {playbook:?}");
                        written += 1;
                    }
                }
            }
        }
    }
    assert!(written > 100, "the shortcut is taken: {written}");
}
