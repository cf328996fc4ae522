//! The touch-line forms people write (docs/src/touches.md), as `status`,
//! `check` and `show` read them.

use crate::test::Test;

/// The one contact `a.md` with `touches` as its body, as `status --json` sees it.
fn status_of(touches: &str) -> serde_json::Value {
    let output = Test::new().file("a.md", format!("---\nname: A\n---\n{touches}")).args(&["status", "--json"]).stdout();
    let mut entries: Vec<serde_json::Value> = serde_json::from_str(&output).unwrap();
    assert_eq!(entries.len(), 1, "{output}");
    entries.remove(0)
}

/// `check` on the one contact `a.md` with `touches` as its body.
fn check_of(touches: &str) -> String {
    Test::new().file("a.md", format!("---\nname: A\n---\n{touches}")).args(&["check"]).run().stdout
}

/// The fields of a status entry a touch changes.
fn summary(entry: &serde_json::Value) -> String {
    format!(
        "{} last {} response {} attempts {} due {} promise {}",
        entry["state"], entry["last_touch"], entry["last_response"], entry["attempts"], entry["due"], entry["promise"]
    )
}

#[test]
fn iso_date_times_and_aliased_daily_note_links_are_touches() {
    let entry = status_of("- 2026-11-18T09:30:00+01:00 call talked\n- [[2026-11-20|Fri]] email\n");
    assert_eq!(
        summary(&entry),
        r#""active" last "2026-11-20" response "2026-11-18" attempts 1 due "2026-11-23" promise null"#
    );
    for date in ["2026-11-18T09:30", "2026-11-18T09:30:00", "2026-11-18T09:30Z"] {
        let entry = status_of(&format!("- {date} call talked\n"));
        assert_eq!(entry["last_response"], "2026-11-18", "{date}");
    }
    assert_eq!(
        check_of("- 2026-11-18T09:30+01:00 call talked\n- [[2026-11-20|Fri]] email\n"),
        "no problems in 1 contact\n"
    );
}

#[test]
fn inline_next_in_every_date_form_is_the_promise() {
    for next in [
        "next: [[2026-12-01]]",
        "next: [[2026-12-01|Tue]]",
        "Next: 2026-12-01",
        "next:2026-12-01",
        "next 2026-12-01",
        "next: 2026-12-01T10:00",
    ] {
        let entry = status_of(&format!("- 2026-11-20 call talked: {next}\n"));
        assert_eq!(
            summary(&entry),
            r#""engaged" last "2026-11-20" response "2026-11-20" attempts 0 due "2026-12-01" promise "2026-12-01""#,
            "{next}"
        );
        assert_eq!(entry["hints"], serde_json::json!([]), "{next}: no ask-next-step");
    }
}

#[test]
fn a_time_after_the_date_is_never_a_keyword() {
    for time in ["14:30:00", "9:30", "9:30am", "9:30 pm", "9:30 PM"] {
        let touches = format!("- 2026-11-18 {time} call talked\n");
        let entry = status_of(&touches);
        assert_eq!(
            summary(&entry),
            r#""engaged" last "2026-11-18" response "2026-11-18" attempts 0 due "2026-11-23" promise null"#,
            "{time}: a conversation, not an attempt"
        );
        assert_eq!(check_of(&touches), "no problems in 1 contact\n", "{time}");
    }
}

#[test]
fn an_item_without_a_keyword_is_an_attempt_and_check_says_no_touch_keyword() {
    for (touches, column) in [("- 2026-11-20: sent resume\n", 13), ("- 2026-11-20\n", 13)] {
        let entry = status_of(touches);
        assert_eq!(
            summary(&entry),
            r#""active" last "2026-11-20" response null attempts 1 due "2026-11-23" promise null"#,
            "{touches}"
        );
        assert_eq!(
            check_of(touches),
            format!(
                "a.md:4:{column}: warning: no touch keyword: say what happened after the date (call, email, reply, ...) before any text; it counts as an outbound attempt of channel other\n0 errors, 1 warning in 1 contact\n"
            ),
            "{touches}"
        );
    }
}

#[test]
fn an_unknown_keyword_is_quoted_without_its_colon_and_shown_without_a_stray_colon() {
    let touches = "- 2026-11-20 calld: the office\n";
    assert_eq!(
        check_of(touches),
        "a.md:4:14: warning: unknown touch keyword 'calld', did you mean 'called'? it counts as an outbound attempt of channel other\n0 errors, 1 warning in 1 contact\n"
    );
    let show = Test::new().file("a.md", format!("---\nname: A\n---\n{touches}")).args(&["show", "a"]).stdout();
    assert!(show.contains("\n  2026-11-20 -> calld: the office\n"), "{show}");
    let show = Test::new().file("a.md", "---\nname: A\n---\n- 2026-11-20: sent resume\n").args(&["show", "a"]).stdout();
    assert!(show.contains("\n  2026-11-20 -> sent resume\n"), "{show}");
}

#[test]
fn a_date_in_another_form_is_no_touch_and_check_says_so() {
    let touches = "- 2026-11-10 email\n* 11/18 call\n- [x] 2026/11/20 call\n- Nov 21 email\n- 11/18 was a good day\n";
    assert_eq!(
        check_of(touches),
        "a.md:5:3: warning: '11/18' is no date nudge reads: this item is not counted as a touch; write its date as YYYY-MM-DD\n\
         a.md:6:7: warning: '2026/11/20' is no date nudge reads: this item is not counted as a touch; write its date as YYYY-MM-DD\n\
         a.md:7:3: warning: 'Nov 21' is no date nudge reads: this item is not counted as a touch; write its date as YYYY-MM-DD\n\
         0 errors, 3 warnings in 1 contact\n"
    );
    assert_eq!(status_of(touches)["attempts"], 1, "only the ISO date counts");
}

#[test]
fn a_comma_after_the_date_still_makes_a_touch() {
    let touches = "- 2026-11-18, call\n- 2026-11-20, 14:30 email\n";
    assert_eq!(status_of(touches)["attempts"], 2, "both count (before: neither, silently)");
    assert_eq!(
        check_of(touches),
        "a.md:5:15: warning: unknown touch keyword '14:30': start with a keyword (call, email, reply, ...) or add it under `keywords:` in nudge.yaml; it counts as an outbound attempt of channel other\n0 errors, 1 warning in 1 contact\n"
    );
}

#[test]
fn a_date_in_emphasis_is_read_inside_it_by_either_body_reader() {
    let touches = "- **2026-11-20** email\n- _2026-11-23 9:30_ call talked\n- [x] *2026-11-24*, reply: thanks\n";
    // An HTML block sends the body to the markdown parser.
    for body in [touches.to_owned(), format!("<div>\nx\n</div>\n\n{touches}")] {
        let entry = status_of(&body);
        assert_eq!(
            summary(&entry),
            r#""engaged" last "2026-11-24" response "2026-11-24" attempts 0 due "2026-11-27" promise null"#,
            "{body}"
        );
        assert_eq!(check_of(&body), "no problems in 1 contact\n");
    }
    // Emphasis not closed right after the date makes no touch.
    assert_eq!(status_of("- **2026-11-20 email**\n")["last_touch"], serde_json::Value::Null);
}

#[test]
fn a_keyword_after_a_colon_is_shown_without_a_stray_space() {
    let show = Test::new().file("a.md", "---\nname: A\n---\n- 2026-11-24: call\n").args(&["show", "a"]).stdout();
    assert!(show.contains("\n  2026-11-24 -> call\n"), "{show}");
}

#[test]
fn a_comma_after_a_keyword_is_not_shown_as_part_of_it() {
    let test = Test::new().file("a.md", "---\nname: A\n---\n- 2026-11-18 14:30 called, left vm\n");
    let test = test.args(&["show", "a"]);
    let show = test.stdout();
    assert!(show.contains("\n  2026-11-18 14:30 -> called: left vm\n"), "{show}");
    let agenda = test.args(&["agenda", "-o", "-"]).stdout();
    assert!(agenda.contains(" · last touch 2026-11-18 called: left vm · "), "{agenda}");
}

#[test]
fn not_interested_and_do_not_contact_are_keywords() {
    let entry = status_of("- 2026-11-10 email\n- 2026-11-20 email not interested: maybe in spring\n");
    assert_eq!(entry["state"], "nurture");
    assert_eq!(entry["last_response"], "2026-11-20");
    let entry = status_of("- 2026-11-10 call\n- 2026-11-20 call Do Not Contact\n");
    assert_eq!(entry["state"], "stopped");
    let clean = "- 2026-11-10 call\n- 2026-11-20 not interested\n- 2026-11-21 do not contact\n";
    assert_eq!(check_of(clean), "no problems in 1 contact\n");
}

#[test]
fn an_unticked_touch_after_today_is_a_promise_and_never_a_touch() {
    // Today is 2026-11-25.
    let touches = "- 2026-11-20 call talked\n- [ ] 2026-11-30 call: ask about the panel\n";
    assert_eq!(
        summary(&status_of(touches)),
        r#""engaged" last "2026-11-20" response "2026-11-20" attempts 0 due "2026-11-30" promise "2026-11-30""#
    );
    assert_eq!(check_of(touches), "no problems in 1 contact\n");
    let show = Test::new().file("a.md", format!("---\nname: A\n---\n{touches}")).args(&["show", "a"]).stdout();
    assert!(show.contains("\n  2026-11-30 (planned, not ticked) call: ask about the panel\n"), "{show}");
    assert!(show.contains("Due       2026-11-30 (in 5 days)\n"), "{show}");
    let ticked = "- 2026-11-20 call talked\n- [x] 2026-11-24 call\n";
    assert_eq!(status_of(ticked)["attempts"], 1, "ticked: a done touch");
}

#[test]
fn an_unticked_touch_whose_day_passed_is_overdue_and_check_says_tick_it() {
    let touches = "- 2026-11-10 email\n- [ ] 2026-11-20 call\n";
    assert_eq!(
        summary(&status_of(touches)),
        r#""active" last "2026-11-10" response null attempts 1 due "2026-11-20" promise "2026-11-20""#
    );
    assert_eq!(
        check_of(touches),
        "a.md:5:7: warning: planned call on 2026-11-20 not ticked: tick it if it happened, or delete it\n0 errors, 1 warning in 1 contact\n"
    );
    let agenda =
        Test::new().file("a.md", format!("---\nname: A\n---\n{touches}")).args(&["agenda", "-o", "-"]).stdout();
    let overdue = agenda.split("## Overdue").nth(1).unwrap_or_default();
    assert!(overdue.contains("[A](a.md)"), "{agenda}");
}

#[test]
fn a_planned_promise_reads_planned_not_agreed() {
    // Today is 2026-11-25.
    let outputs = |touches: &str| {
        let test = || Test::new().file("a.md", format!("---\nname: A\n---\n{touches}"));
        (test().args(&["show", "a"]).stdout(), test().args(&["agenda", "-o", "-"]).stdout())
    };
    let (show, agenda) = outputs("- 2026-11-20 call talked\n- [ ] 2026-11-30 call: ask about the panel\n");
    assert!(show.contains("\nPlanned   call on 2026-11-30\n"), "{show}");
    assert!(show.contains("but a call is planned for 2026-11-30 (an unticked item)"), "{show}");
    assert!(agenda.contains(" — planned for Mon 2026-11-30 (in 5 days) · "), "{agenda}");
    assert!(!show.contains("Agreed") && !agenda.contains("agreed for"), "{show}{agenda}");

    let (show, agenda) = outputs("- 2026-11-10 email\n- [ ] 2026-11-20 call\n");
    assert!(show.contains("\nPlanned   call on 2026-11-20 not ticked\n"), "{show}");
    assert!(
        show.contains(
            "; but the planned call on 2026-11-20 is not ticked: due on it until you tick it or delete it (R5)"
        ),
        "{show}"
    );
    assert!(agenda.contains(" — 5 days overdue (planned call on Fri 2026-11-20 not ticked) · "), "{agenda}");
}
