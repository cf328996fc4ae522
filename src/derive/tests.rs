//! Tests of the derivation: the worked examples of docs/src/playbooks.md, one test per
//! rule of `followup-rules.md` that the derivation implements, edge cases
//! and properties. Notes are written as markdown and parsed, no files.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::model::parse_date;
use crate::parse::{Keywords, Parsed, parse_note};

fn date(text: &str) -> NaiveDate {
    parse_date(text).unwrap()
}

/// A row of the worked examples: what `status --json` says about a contact.
#[derive(Debug, PartialEq, Eq)]
struct Row {
    state: State,
    due: Option<NaiveDate>,
    urgency: Urgency,
    attempts: u32,
    limit: Limit,
}

fn derive_text(text: &str, today: &str, holidays: &[&str]) -> (Derived, Vec<Problem>) {
    let holidays: BTreeSet<NaiveDate> = holidays.iter().map(|d| date(d)).collect();
    let Parsed::Contact(note, _) = parse_note("people/x.md", text, &Keywords::default()) else {
        panic!("not a contact")
    };
    let playbooks = Playbooks::builtin();
    let playbook = playbooks.get(note.front.playbook.as_deref().unwrap_or("job-search")).unwrap();
    let context = Context {
        today: date(today),
        horizon_days: 7,
        calendar: Calendar { business_days: true, holidays: &holidays },
    };
    let (derived, mut problems) = derive(&note, playbook, &context);
    crate::problem::attach_source(&mut problems, text);
    (derived, problems)
}

/// A note with the given front matter lines and touch lines.
fn note(front: &str, touches: &[&str]) -> String {
    let items: String = touches.iter().map(|touch| format!("- {touch}\n")).collect();
    format!("---\nname: X\n{front}---\n{items}")
}

fn on(today: &str, front: &str, touches: &[&str]) -> Derived {
    derive_text(&note(front, touches), today, &[]).0
}

fn row(derived: &Derived) -> Row {
    Row {
        state: derived.state,
        due: derived.due,
        urgency: derived.urgency,
        attempts: derived.attempts,
        limit: derived.limit,
    }
}

fn expect(state: State, due: Option<&str>, urgency: Urgency, attempts: u32, limit: u32) -> Row {
    Row { state, due: due.map(date), urgency, attempts, limit: Limit::After(limit) }
}

const SPEC_TODAY: &str = "2026-12-09";

#[test]
fn worked_example_01_friday_plus_three_days_is_monday() {
    let derived = on(SPEC_TODAY, "", &["2026-12-04 email"]);
    assert_eq!(row(&derived), expect(State::Active, Some("2026-12-07"), Urgency::Overdue, 1, 4));
    assert_eq!(derived.days_overdue, Some(2));
}

#[test]
fn worked_example_02_second_cadence_step() {
    let derived = on(SPEC_TODAY, "", &["2026-12-01 email", "2026-12-03 call voicemail"]);
    assert_eq!(row(&derived), expect(State::Active, Some("2026-12-07"), Urgency::Overdue, 2, 4));
}

#[test]
fn worked_example_03_reply_on_wednesday_rolls_to_monday() {
    let derived = on(SPEC_TODAY, "", &["2026-12-01 email", "2026-12-02 reply: thanks"]);
    assert_eq!(row(&derived), expect(State::Engaged, Some("2026-12-07"), Urgency::Overdue, 0, 16));
}

#[test]
fn worked_example_04_promise_replaces_the_computed_date() {
    let derived = on(SPEC_TODAY, "", &["2026-12-03 call talked: next: 2026-12-15"]);
    assert_eq!(row(&derived), expect(State::Engaged, Some("2026-12-15"), Urgency::Upcoming, 0, 16));
    assert_eq!(derived.promise, Some(date("2026-12-15")));
}

#[test]
fn worked_example_05_last_shot_with_voicemail_limit() {
    let derived = on(
        SPEC_TODAY,
        "",
        &["2026-11-20 email", "2026-11-23 call vm", "2026-11-27 call vm", "2026-12-04 call no-answer"],
    );
    assert_eq!(row(&derived), expect(State::LastShot, Some("2026-12-11"), Urgency::Upcoming, 4, 4));
    let codes: Vec<&str> = derived.hints.iter().map(Hint::code).collect();
    assert_eq!(codes, ["voicemail-limit", "last-shot"]);
}

#[test]
fn worked_example_06_past_the_last_shot_moves_to_nurture() {
    let derived = on(
        SPEC_TODAY,
        "",
        &["2026-10-10 email", "2026-10-13 call", "2026-10-17 call", "2026-10-24 call", "2026-11-06 call"],
    );
    assert_eq!(row(&derived), expect(State::Nurture, Some("2026-12-07"), Urgency::Overdue, 5, 4));
}

#[test]
fn worked_example_07_not_interested_goes_to_nurture() {
    let derived = on(SPEC_TODAY, "playbook: sales\n", &["2026-10-02 call not-interested: no budget"]);
    assert_eq!(row(&derived), expect(State::Nurture, Some("2027-01-04"), Urgency::Later, 0, 20));
}

#[test]
fn worked_example_08_stop_wins() {
    let derived = on(SPEC_TODAY, "", &["2026-12-01 email", "2026-12-02 reply stop: please remove me"]);
    assert_eq!(row(&derived), expect(State::Stopped, None, Urgency::None, 0, 16));
    assert_eq!(derived.days_overdue, None);
}

#[test]
fn worked_example_09_code_blocks_are_not_touches() {
    let text = "---\nname: X\n---\n- 2026-12-04 email\n\n```\n- 2026-12-08 call talked\n```\n";
    let derived = derive_text(text, SPEC_TODAY, &[]).0;
    assert_eq!(row(&derived), expect(State::Active, Some("2026-12-07"), Urgency::Overdue, 1, 4));
}

#[test]
fn worked_example_10_a_kept_promise_is_ignored() {
    let derived = on(SPEC_TODAY, "next: 2026-12-01\n", &["2026-12-03 call in talked"]);
    assert_eq!(row(&derived), expect(State::Engaged, Some("2026-12-07"), Urgency::Overdue, 0, 16));
    assert_eq!(derived.promise, None);
}

#[test]
fn worked_example_11_engaged_limit_after_one_reply() {
    let touches = [
        "2026-09-01 email",
        "2026-09-03 reply",
        "2026-11-04 call",
        "2026-11-11 call",
        "2026-11-18 call",
        "2026-11-25 call",
        "2026-12-02 call",
    ];
    let derived = on(SPEC_TODAY, "", &touches);
    assert_eq!(row(&derived), expect(State::Active, Some("2026-12-09"), Urgency::Today, 5, 16));
}

#[test]
fn worked_example_12_new_contact_due_when_added() {
    let derived = on(SPEC_TODAY, "added: 2026-12-10\n", &[]);
    assert_eq!(row(&derived), expect(State::New, Some("2026-12-10"), Urgency::Upcoming, 0, 4));
    assert_eq!(derived.hints.as_slice(), [Hint::FirstContact]);
}

#[test]
fn r1_sales_keeps_going_through_the_fifth_attempt() {
    let touches = ["2026-10-01 call", "2026-10-05 call", "2026-10-12 call", "2026-10-26 call"];
    assert_eq!(on("2026-11-01", "playbook: sales\n", &touches).state, State::Active, "4 attempts: still active");
    let fifth = [&touches[..], &["2026-11-02 call"]].concat();
    assert_eq!(
        on("2026-11-03", "playbook: sales\n", &fifth).state,
        State::LastShot,
        "the 5th is the limit: one last shot"
    );
}

/// The reason in words, for a contact on the default playbook.
fn reason(derived: &Derived) -> String {
    derived.reason.words("job-search").to_string()
}

#[test]
fn r3_waits_after_a_conversation() {
    let derived = on("2026-11-23", "", &["2026-11-16 call talked: good chat"]);
    assert_eq!(derived.due, Some(date("2026-11-19")), "Mon + 3 days = Thu");
    assert_eq!(reason(&derived), "you talked on 2026-11-16; job-search waits 3 days after a response (R3)");
}

#[test]
fn r4_job_search_calls_every_three_to_four_days_and_prefers_calls() {
    let derived = on("2026-11-30", "", &["2026-11-23 email", "2026-11-26 email"]);
    assert_eq!(derived.due, Some(date("2026-11-30")), "Thu + cadence[1] 4 days = Mon");
    assert_eq!(derived.hints.as_slice(), [Hint::PreferCall { emails: 2 }]);
    let derived = on("2026-11-30", "", &["2026-11-23 email", "2026-11-26 call"]);
    assert!(derived.hints.is_empty(), "a call breaks the run of emails");
}

#[test]
fn r4_prefer_call_counts_only_the_emails_since_the_last_response() {
    // The issue's example: a reply and a conversation in between.
    let touches = ["2026-12-01 email", "2026-12-02 email reply", "2026-12-03 call talked", "2026-12-07 email"];
    let derived = on("2026-12-09", "", &touches);
    assert!(derived.hints.iter().all(|hint| hint.code() != "prefer-call"), "{:?}", derived.hints);
    let derived = on("2026-12-09", "", &["2026-12-01 email", "2026-12-02 reply", "2026-12-03 email"]);
    assert!(derived.hints.is_empty(), "one email since the reply: {:?}", derived.hints);
    let derived =
        on("2026-12-12", "", &["2026-12-01 email", "2026-12-02 reply", "2026-12-03 email", "2026-12-07 email"]);
    assert_eq!(derived.hints.as_slice(), [Hint::PreferCall { emails: 2 }], "two since the reply");
}

#[test]
fn r5_an_agreed_date_overrides_the_cadence() {
    let derived = on("2026-11-23", "next: 2026-12-14\n", &["2026-11-16 email"]);
    assert_eq!((derived.state, derived.due), (State::Active, Some(date("2026-12-14"))));
    assert!(
        reason(&derived).ends_with(
            "; but the next contact was agreed for 2026-12-14, and an agreed date replaces the cadence (R5)"
        ),
        "{}",
        reason(&derived)
    );
    let derived = on("2026-11-23", "", &["2026-11-16 call talked"]);
    assert_eq!(
        derived.hints.as_slice(),
        [Hint::AskNextStep { date: date("2026-11-16") }],
        "no date agreed: ask for one"
    );
    let derived = on("2026-11-23", "", &["2026-11-16 call talked: next: 2026-11-20"]);
    assert!(derived.hints.is_empty(), "a date was agreed, even if it has passed");
}

#[test]
fn a_snooze_is_not_an_agreement() {
    let touches = ["2026-11-16 email"];
    let snoozed = on("2026-11-23", "next: 2026-12-21\nsnoozed: 2026-12-21\n", &touches);
    assert_eq!((snoozed.due, snoozed.snoozed), (Some(date("2026-12-21")), true));
    assert_eq!(
        reason(&snoozed),
        "1 unanswered attempt and no response yet; job-search waits 3 days after the 1st; snoozed until 2026-12-21"
    );
    let edited = on("2026-11-23", "next: 2026-12-22\nsnoozed: 2026-12-21\n", &touches);
    assert!(!edited.snoozed, "next changed by hand after the snooze: agreed");
    assert!(reason(&edited).contains("the next contact was agreed for 2026-12-22"), "{}", reason(&edited));
    let agreed =
        on("2026-11-23", "next: 2026-12-21\nsnoozed: 2026-12-21\n", &["2026-11-16 call talked: next: 2026-12-21"]);
    assert!(!agreed.snoozed, "a touch agreed on that date");
}

#[test]
fn a_snooze_puts_off_the_passed_planned_touches_dated_before_it_only() {
    let touches = ["2026-11-16 email", "[ ] 2026-11-20 call", "[ ] 2026-11-30 call"];
    let snooze = "next: 2026-11-25\nsnoozed: 2026-11-25\n";
    let put_off = on("2026-11-23", snooze, &touches[..2]);
    assert_eq!((put_off.due, put_off.snoozed), (Some(date("2026-11-25")), true));
    assert_eq!(on("2026-11-27", snooze, &touches[..2]).due, Some(date("2026-11-25")), "overdue on the snooze date");
    let later = on("2026-12-01", snooze, &touches);
    assert_eq!((later.due, later.snoozed), (Some(date("2026-11-30")), false), "planned after the snooze: not put off");
    let agreed = on("2026-11-23", "next: 2026-11-25\n", &touches[..2]);
    assert_eq!(agreed.due, Some(date("2026-11-20")), "an agreed date does not put a loose end off");
}

#[test]
fn r5_a_promise_keeps_its_weekend_date() {
    let derived = on("2026-11-23", "", &["2026-11-16 call talked: next: 2026-11-28"]);
    assert_eq!(derived.due, Some(date("2026-11-28")), "a Saturday agreed is a Saturday");
}

#[test]
fn r6_voicemails_since_the_last_response_reach_the_limit() {
    let derived = on("2026-11-23", "", &["2026-11-10 call vm", "2026-11-13 call vm"]);
    assert_eq!(derived.hints.as_slice(), [Hint::VoicemailLimit { count: 2, limit: 2 }]);
    let derived = on("2026-11-23", "", &["2026-11-10 call vm", "2026-11-11 reply", "2026-11-13 call vm"]);
    assert!(derived.hints.is_empty(), "a response resets the voicemail count");
}

#[test]
fn r7_contacts_who_responded_get_more_leeway() {
    let silent = ["2026-10-01 call", "2026-10-05 call", "2026-10-09 call", "2026-10-16 call"];
    assert_eq!(row(&on("2026-10-17", "", &silent)).limit, Limit::After(4));
    assert_eq!(on("2026-10-17", "", &silent).state, State::LastShot);
    let engaged = [&["2026-09-01 reply"][..], &silent[..]].concat();
    let derived = on("2026-10-17", "", &engaged);
    assert_eq!((derived.state, derived.limit), (State::Active, Limit::After(16)));
}

#[test]
fn r8_each_contact_follows_its_own_playbook() {
    let touches = ["2026-11-02 email"];
    assert_eq!(on("2026-11-03", "playbook: partnership\n", &touches).due, Some(date("2026-11-09")));
    assert_eq!(on("2026-11-03", "playbook: prospecting\n", &touches).due, Some(date("2026-12-02")));
    assert_eq!(on("2026-11-03", "", &touches).due, Some(date("2026-11-05")));
}

#[test]
fn r9_the_last_shot_then_the_partnership_goes_dormant() {
    let touches = ["2026-11-02 email", "2026-11-09 email"];
    let derived = on("2026-11-10", "playbook: partnership\n", &touches);
    assert_eq!((derived.state, derived.due), (State::LastShot, Some(date("2026-11-16"))));
    assert!(derived.hints.contains(&Hint::LastShot { attempt: 3 }));
    let derived = on("2026-11-20", "playbook: partnership\n", &[&touches[..], &["2026-11-16 call"]].concat());
    assert_eq!(
        row(&derived),
        Row { state: State::Dormant, due: None, urgency: Urgency::None, attempts: 3, limit: Limit::After(2) }
    );
    assert!(derived.hints.is_empty());
}

#[test]
fn r10_not_interested_means_not_now() {
    let derived = on("2026-11-23", "", &["2026-11-02 email", "2026-11-03 reply not-interested: hiring freeze"]);
    assert_eq!((derived.state, derived.due), (State::Nurture, Some(date("2026-12-03"))));
    assert_eq!(derived.hints.as_slice(), [Hint::Nurture { every: Duration::Months(1) }]);
    let never = on(
        "2027-06-01",
        "playbook: nurture\n",
        &["2026-01-05 email", "2026-04-06 email", "2026-07-06 email", "2026-10-05 email"],
    );
    assert_eq!((never.state, never.limit), (State::Active, Limit::Never), "the nurture playbook never gives up");
}

#[test]
fn r11_stop_means_stop_and_later_attempts_are_errors() {
    let (derived, problems) =
        derive_text(&note("", &["2026-11-02 email", "2026-11-03 reply stop", "2026-11-10 call"]), "2026-11-23", &[]);
    assert_eq!((derived.state, derived.due), (State::Stopped, None));
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "people/x.md:6:3: error: attempt after they asked to stop on 2026-11-03 (R11): never contact them again; remove this touch if it is a mistake"
        ]
    );
    assert_eq!(on("2026-11-23", "do_not_contact: true\n", &["2026-11-02 email"]).state, State::Stopped);
    assert_eq!(on("2026-11-23", "stage: stopped\n", &[]).state, State::Stopped);
}

#[test]
fn r12_the_sixteenth_call_is_still_a_normal_attempt() {
    let mut touches = vec!["2026-01-02 reply".to_owned()];
    let mut day = date("2026-01-05");
    for _ in 0..15 {
        touches.push(format!("{day} call"));
        day = day + chrono::Days::new(7);
    }
    let touches: Vec<&str> = touches.iter().map(String::as_str).collect();
    let derived = on("2026-05-01", "", &touches);
    assert_eq!((derived.state, derived.attempts), (State::Active, 15));
}

#[test]
fn r13_a_new_contact_gets_the_first_contact_hint() {
    let derived = on("2026-11-23", "", &[]);
    assert_eq!((derived.state, derived.due), (State::New, Some(date("2026-11-23"))));
    assert_eq!(derived.hints.as_slice(), [Hint::FirstContact]);
}

#[test]
fn reason_names_the_attempts_the_response_and_the_wait() {
    let derived =
        on("2026-11-25", "", &["2026-11-09 email", "2026-11-10 reply", "2026-11-14 call vm", "2026-11-17 call vm"]);
    assert_eq!(
        reason(&derived),
        "2 unanswered attempts since the reply on 2026-11-10; job-search waits 4 days after the 2nd; 2026-11-21 is a Saturday, so it moves to the next business day"
    );
}

#[test]
fn holidays_move_computed_dates() {
    let text = note("", &["2026-11-23 email"]);
    let (derived, _) = derive_text(&text, "2026-11-24", &["2026-11-26"]);
    assert_eq!(derived.due, Some(date("2026-11-27")));
    assert!(
        reason(&derived).ends_with("2026-11-26 is a holiday, so it moves to the next business day"),
        "{}",
        reason(&derived)
    );
}

#[test]
fn a_response_after_many_attempts_resets_the_count() {
    let derived = on("2026-11-23", "", &["2026-11-01 call", "2026-11-04 call", "2026-11-08 call", "2026-11-12 reply"]);
    assert_eq!((derived.state, derived.attempts, derived.due), (State::Engaged, 0, Some(date("2026-11-16"))));
}

#[test]
fn touches_out_of_order_are_sorted_by_date_then_time_then_file_order() {
    let derived = on("2026-11-23", "", &["2026-11-12 reply", "2026-11-01 call", "2026-11-12 09:00 call"]);
    assert_eq!((derived.state, derived.attempts), (State::Active, 1), "the timed call follows the untimed reply");
    let derived = on("2026-11-23", "", &["2026-11-12 10:00 reply", "2026-11-12 09:00 call"]);
    assert_eq!(derived.state, State::Engaged, "09:00 call, then 10:00 reply");
    let derived = on("2026-11-23", "", &["2026-11-12 call", "2026-11-12 reply"]);
    assert_eq!(derived.state, State::Engaged, "same day, no times: file order");
}

#[test]
fn a_stop_in_the_middle_of_the_timeline_still_stops() {
    let derived =
        on("2026-11-23", "", &["2026-11-01 call", "2026-11-02 reply stop", "2026-11-05 reply: changed my mind"]);
    assert_eq!(derived.state, State::Stopped);
}

#[test]
fn not_interested_then_more_attempts_stays_in_nurture() {
    let derived = on("2026-11-23", "", &["2026-10-01 reply not-interested", "2026-10-20 email", "2026-11-02 email"]);
    assert_eq!((derived.state, derived.due), (State::Nurture, Some(date("2026-12-02"))));
}

#[test]
fn future_touches_do_not_count_and_warn() {
    let (derived, problems) = derive_text(&note("", &["2026-11-20 email", "2026-11-30 call"]), "2026-11-23", &[]);
    assert_eq!((derived.attempts, derived.last_touch), (1, Some(date("2026-11-20"))));
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .to_string()
            .starts_with("people/x.md:5:3: warning: touch dated 2026-11-30, after today (2026-11-23)")
    );
}

#[test]
fn closed_by_the_last_touch_or_the_stage() {
    assert_eq!(on("2026-11-23", "", &["2026-11-01 call", "2026-11-02 meeting hired"]).state, State::Closed);
    assert_eq!(on("2026-11-23", "stage: closed\n", &["2026-11-01 call"]).state, State::Closed);
    assert_eq!(
        on("2026-11-23", "", &["2026-11-01 won", "2026-11-05 call"]).state,
        State::Active,
        "closed only when last"
    );
}

#[test]
fn a_month_from_the_end_of_january_clamps() {
    let derived = on("2026-03-01", "stage: nurture\n", &["2026-01-30 email"]);
    assert_eq!(derived.due, Some(date("2026-03-02")), "Jan 30 + 1m = Feb 28 (Sat) -> Mon Mar 2");
}

#[test]
fn dates_at_the_end_of_the_calendar_do_not_panic() {
    let derived = on("9999-12-31", "", &["9999-12-30 email"]);
    assert_eq!(derived.state, State::Active);
    assert!(derived.due > derived.last_touch, "the calendar goes on past 9999");
    let derived = on("0001-01-05", "", &["0001-01-01 email"]);
    assert_eq!(derived.state, State::Active);
}

fn touch_line() -> impl Strategy<Value = String> {
    let keywords = prop::sample::select(vec![
        "email",
        "call",
        "call vm",
        "call no-answer",
        "reply",
        "call talked",
        "meeting",
        "reply not-interested",
        "text",
        "reply stop",
        "won",
    ]);
    (0u32..120, keywords, prop::option::of(0u32..40)).prop_map(|(day, keyword, next)| {
        let day = date("2026-08-01") + chrono::Days::new(day.into());
        match next {
            Some(offset) => format!("{day} {keyword}: next: {}", day + chrono::Days::new(offset.into())),
            None => format!("{day} {keyword}"),
        }
    })
}

fn playbook_name() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["job-search", "sales", "prospecting", "partnership", "nurture"])
}

proptest! {
    #[test]
    fn computed_due_dates_are_after_the_last_touch_and_on_business_days(
        touches in prop::collection::vec(touch_line(), 1..12), playbook in playbook_name()
    ) {
        let lines: Vec<&str> = touches.iter().filter(|t| !t.contains("next:")).map(String::as_str).collect();
        let derived = on("2026-12-31", &format!("playbook: {playbook}\n"), &lines);
        if let (Some(due), Some(last)) = (derived.due, derived.last_touch) {
            prop_assert!(due > last, "{due} not after {last}");
            prop_assert!(!matches!(chrono::Datelike::weekday(&due), chrono::Weekday::Sat | chrono::Weekday::Sun));
        }
    }

    #[test]
    fn adding_a_response_never_increases_the_attempts(
        touches in prop::collection::vec(touch_line(), 0..12), day in 0u32..130
    ) {
        let lines: Vec<&str> = touches.iter().map(String::as_str).collect();
        let before = on("2026-12-31", "", &lines);
        let reply = format!("{} reply", date("2026-08-01") + chrono::Days::new(day.into()));
        let after = on("2026-12-31", "", &[&lines[..], &[reply.as_str()]].concat());
        prop_assert!(after.attempts <= before.attempts);
    }

    #[test]
    fn a_stop_anywhere_always_stops(
        touches in prop::collection::vec(touch_line(), 0..12), at in 0usize..12, day in 0u32..120
    ) {
        let stop = format!("{} reply stop", date("2026-08-01") + chrono::Days::new(day.into()));
        let mut lines: Vec<&str> = touches.iter().map(String::as_str).collect();
        lines.insert(at.min(lines.len()), &stop);
        let derived = on("2026-12-31", "", &lines);
        prop_assert_eq!((derived.state, derived.due), (State::Stopped, None));
    }

    #[test]
    fn the_order_touches_are_written_in_does_not_matter(
        touches in prop::collection::vec(touch_line(), 0..12), seed in any::<u64>(), playbook in playbook_name()
    ) {
        // Touches on the same day keep their file order by definition, so give each its own day.
        let mut seen = BTreeSet::new();
        let unique: Vec<&str> = touches.iter().filter(|t| seen.insert(t.get(..10).map(str::to_owned))).map(String::as_str).collect();
        let mut shuffled = unique.clone();
        let len = shuffled.len().max(1);
        shuffled.rotate_left(usize::try_from(seed % len as u64).unwrap_or(0));
        shuffled.reverse();
        let front = format!("playbook: {playbook}\n");
        prop_assert_eq!(on("2026-12-31", &front, &unique), on("2026-12-31", &front, &shuffled));
    }
}

proptest! {
    #[test]
    fn the_last_counted_touch_is_the_last_of_the_timeline(
        touches in prop::collection::vec(touch_line(), 0..12), times in prop::collection::vec(prop::option::of(0u32..3), 12), day in 0u32..130
    ) {
        // Some touches at a time of day, on few days, so that the order among equals matters.
        let lines: Vec<String> = touches.iter().zip(&times).map(|(line, time)| match time {
            Some(hour) => format!("{} 0{hour}:00 {}", &line[..10], &line[11..]),
            None => line.clone(),
        }).collect();
        let text = note("", &lines.iter().map(String::as_str).collect::<Vec<_>>());
        let Parsed::Contact(note, _) = parse_note("people/x.md", &text, &Keywords::default()) else { panic!() };
        let today = date("2026-08-01") + chrono::Days::new(day.into());
        let expected = timeline(&note.touches, today).last().copied();
        let last = expected.and_then(|touch| last_counted(&note.touches, touch.date)).map(|touch| touch.span);
        prop_assert_eq!(last, expected.map(|touch| touch.span));
    }
}

/// Planned touches (`- [ ] DATE ...`, docs/src/touches.md): never counted; a
/// date of theirs after the last touch is a promise (R5).
mod planned {
    use super::*;

    fn messages(problems: &[Problem]) -> Vec<String> {
        problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_planned_touch_after_today_is_a_promise() {
        let (derived, problems) =
            derive_text(&note("", &["2026-12-01 call talked", "[ ] 2026-12-09 call"]), "2026-12-03", &[]);
        assert_eq!(
            (derived.state, derived.due, derived.promise),
            (State::Engaged, Some(date("2026-12-09")), Some(date("2026-12-09")))
        );
        assert_eq!(derived.last_touch, Some(date("2026-12-01")));
        assert!(derived.hints.is_empty(), "no ask-next-step: the next step is planned");
        assert!(
            derived.reason.words("job-search").to_string().ends_with(
                "; but a call is planned for 2026-12-09 (an unticked item), and a planned date replaces the cadence (R5)"
            ),
            "{}",
            derived.reason.words("job-search")
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_planned_touch_never_counts_and_past_unticked_it_is_overdue() {
        let (derived, problems) =
            derive_text(&note("", &["2026-12-01 email", "[ ] 2026-12-02 call: ask about the role"]), "2026-12-03", &[]);
        assert_eq!(
            (derived.attempts, derived.last_touch),
            (1, Some(date("2026-12-01"))),
            "not an attempt, not the last touch"
        );
        assert_eq!((derived.due, derived.urgency), (Some(date("2026-12-02")), Urgency::Overdue));
        assert_eq!(
            messages(&problems),
            ["people/x.md:5:7: warning: planned call on 2026-12-02 not ticked: tick it if it happened, or delete it"]
        );
        let ticked = on("2026-12-03", "", &["2026-12-01 email", "[x] 2026-12-02 call"]);
        assert_eq!(
            (ticked.attempts, ticked.last_touch, ticked.due),
            (2, Some(date("2026-12-02")), Some(date("2026-12-07")))
        );
    }

    #[test]
    fn a_planned_touch_passed_unticked_wins_over_a_later_agreed_date() {
        let touches = ["2026-12-01 call talked: next: 2026-12-20", "[ ] 2026-12-02 email", "[ ] 2026-12-10 call"];
        let derived = on("2026-12-03", "", &touches);
        assert_eq!((derived.due, derived.urgency), (Some(date("2026-12-02")), Urgency::Overdue));
        assert!(
            derived.reason.words("job-search").to_string().ends_with(
                "; but the planned email on 2026-12-02 is not ticked: due on it until you tick it or delete it (R5)"
            ),
            "{}",
            derived.reason.words("job-search")
        );
        let derived = on("2026-12-03", "", &["2026-12-01 call talked: next: 2026-12-20", "[ ] 2026-12-10 call"]);
        assert_eq!(derived.due, Some(date("2026-12-20")), "the latest of the promises, as with next:");
    }

    #[test]
    fn a_planned_touch_on_or_before_the_last_touch_has_been_kept() {
        let (derived, problems) =
            derive_text(&note("", &["[ ] 2026-11-30 call", "2026-12-01 call talked"]), "2026-12-03", &[]);
        assert_eq!((derived.promise, derived.due), (None, Some(date("2026-12-04"))));
        assert_eq!(messages(&problems).len(), 1, "still unticked: still a warning");
    }

    #[test]
    fn a_planned_touch_today_is_due_today_without_a_warning() {
        let (derived, problems) =
            derive_text(&note("", &["2026-12-01 email", "[ ] 2026-12-03 #linkedin"]), "2026-12-03", &[]);
        assert_eq!((derived.due, derived.urgency), (Some(date("2026-12-03")), Urgency::Today));
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn only_planned_touches_is_a_new_contact_due_on_the_plan() {
        let (derived, problems) =
            derive_text(&note("added: 2026-11-20\n", &["[ ] 2026-11-28 meeting"]), "2026-12-03", &[]);
        assert_eq!(
            (derived.state, derived.due, derived.urgency),
            (State::New, Some(date("2026-11-28")), Urgency::Overdue)
        );
        assert_eq!(
            messages(&problems),
            [
                "people/x.md:5:7: warning: planned meeting on 2026-11-28 not ticked: tick it if it happened, or delete it"
            ]
        );
        let (_, problems) = derive_text(&note("", &["[ ] 2026-11-28: lunch?"]), "2026-12-03", &[]);
        assert!(messages(&problems)[0].contains("planned touch on 2026-11-28 not ticked"), "{problems:?}");
    }
}
