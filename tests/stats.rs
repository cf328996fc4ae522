//! `nudge stats`: a small vault worked out by hand (the counts are in the
//! comments of each note), then the example vault's chart.

use crate::test::Test;

/// Today is Wednesday 2026-11-25. Attempts are marked answered (yes) when
/// the next attempt-or-response after them is a response.
fn hand_worked() -> Test {
    Test::new()
        // First response after 2 attempts, 7 days after the first; then one
        // more attempt: active. email Mon no, call Thu yes, email Mon no.
        .file(
            "a.md",
            "---\nname: Ann\n---\n- 2026-11-02 email\n- 2026-11-05 call voicemail\n- 2026-11-09 call talked\n- 2026-11-16 email\n",
        )
        // After 1 attempt, 1 day: engaged. email Tue yes.
        .file("b.md", "---\nname: Bo\n---\n- 2026-11-04 reply: thanks\n- 2026-11-03 email\n")
        // Never responded, 4 attempts, all unanswered: active (sales allows 5).
        // call Mon, call Fri, message Fri, email Fri.
        .file(
            "c.md",
            "---\nname: Cy\nplaybook: sales\n---\n- 2026-11-02 call no-answer\n- 2026-11-06 call\n- 2026-11-13 text\n- 2026-11-20 email\n",
        )
        // They wrote first (attempt 0, no days); email Wed yes: engaged.
        .file(
            "d.md",
            "---\nname: Di\nplaybook: sales\n---\n- 2026-11-10 email in: asked for a demo\n- 2026-11-11 email: sent the deck\n- 2026-11-18 call talked\n",
        )
        // Never tried: new, in neither responded nor never_responded.
        .file("e.md", "---\nname: Ed\nadded: 2026-11-20\n---\n")
        // After 4 attempts, 15 days: a stop is a response. email Wed no,
        // call Mon no, call Thu no, message Mon yes. A dated note is no touch.
        .file(
            "f.md",
            "---\nname: Flo\n---\n- 2026-11-04 email\n- 2026-11-09 call\n- 2026-11-10 note: saw them at a meetup\n- 2026-11-12 call\n- 2026-11-16 text\n- 2026-11-19 reply stop: please remove me\n",
        )
}

#[test]
fn stats_json_for_a_hand_worked_vault() {
    let output = hand_worked().args(&["stats", "--json"]).stdout();
    assert_eq!(output, HAND_WORKED_JSON);
}

#[test]
fn stats_text_for_a_hand_worked_vault() {
    let output = hand_worked().args(&["stats"]).stdout();
    assert_eq!(
        output,
        "\
6 contacts: 5 tried, 4 of them responded, 1 never did

First responses by attempt (attempts made before they first responded)
  attempt 0  ████████████████████████████████████████  1  25%
  attempt 1  ████████████████████████████████████████  1  25%
  attempt 2  ████████████████████████████████████████  1  25%
  attempt 3                                            0   0%
  attempt 4  ████████████████████████████████████████  1  25%
  attempt 0: they responded before any attempt (they wrote first)
  2 of 4 first responses (50%) came after at least one follow-up; 1 (25%) on the 3rd attempt or later.
  Median 7 days from the first attempt to the first response.

Reply rate by channel (share of attempts the next response answered)
  call     ████████                                  1 of 5  20%
  email    █████████████▍                            2 of 6  33%
  message  ████████████████████                      1 of 2  50%

Reply rate by weekday of the attempt
  Monday     ████████                                  1 of 5   20%
  Tuesday    ████████████████████████████████████████  1 of 1  100%
  Wednesday  ████████████████████                      1 of 2   50%
  Thursday   ████████████████████                      1 of 2   50%
  Friday                                               0 of 3    0%

Contacts by state
  stopped  ████████████████████                      1
  new      ████████████████████                      1
  engaged  ████████████████████████████████████████  2
  active   ████████████████████████████████████████  2

By playbook
  PLAYBOOK    CONTACTS  RESPONDED  NEVER  MEDIAN DAYS  ATTEMPTS  ANSWERED  REPLY RATE
  job-search         4          3      0            7         8         3         38%
  sales              2          1      1            -         5         1         20%
"
    );
}

#[test]
fn stats_of_a_vault_without_contacts() {
    let output = Test::new().args(&["stats", "--json"]).stdout();
    assert!(output.starts_with("{\n  \"contacts\": 0,"), "{output}");
    assert!(output.contains("\"median_days_to_response\": null"), "{output}");
    assert!(output.contains("\"by_playbook\": {}"), "{output}");
    let text = Test::new().args(&["stats"]).stdout();
    assert!(text.starts_with("No contacts yet: add one with `nudge new"), "{text}");
}

#[test]
fn stats_text_names_the_notes_it_left_out() {
    let output = hand_worked().file("broken.md", "---\nname: [\n---\n").args(&["stats"]).stdout();
    assert!(
        output.starts_with(
            "6 contacts: 5 tried, 4 of them responded, 1 never did (1 note with errors left out: see `nudge check`)\n"
        ),
        "{output}"
    );
}

#[test]
fn stats_text_counts_one_in_the_singular() {
    let test = Test::new().file("a.md", "---\nname: Ann\n---\n- 2026-11-02 email\n- 2026-11-03 reply\n");
    let output = test.args(&["stats"]).stdout();
    assert!(output.starts_with("1 contact: 1 tried, 1 of them responded, 0 never did\n"), "{output}");
    assert!(output.contains("  0 of 1 first response (0%) came after at least one follow-up;"), "{output}");
    assert!(output.contains("  Median 1 day from the first attempt to the first response.\n"), "{output}");
}

#[test]
fn stats_chart_for_the_example_vault() {
    let output = Test::fixture("vault").args(&["stats"]).stdout();
    insta::assert_snapshot!(output);
}

const HAND_WORKED_JSON: &str = r#"{
  "contacts": 6,
  "by_state": {
    "stopped": 1,
    "closed": 0,
    "nurture": 0,
    "new": 1,
    "engaged": 2,
    "active": 2,
    "last-shot": 0,
    "dormant": 0
  },
  "responses_by_attempt": [
    {
      "attempt": 0,
      "responses": 1,
      "share": 0.25
    },
    {
      "attempt": 1,
      "responses": 1,
      "share": 0.25
    },
    {
      "attempt": 2,
      "responses": 1,
      "share": 0.25
    },
    {
      "attempt": 3,
      "responses": 0,
      "share": 0.0
    },
    {
      "attempt": 4,
      "responses": 1,
      "share": 0.25
    }
  ],
  "responded": 4,
  "never_responded": 1,
  "median_days_to_response": 7.0,
  "attempts": {
    "attempts": 13,
    "answered": 4,
    "reply_rate": 0.3077
  },
  "by_channel": {
    "call": {
      "attempts": 5,
      "answered": 1,
      "reply_rate": 0.2
    },
    "email": {
      "attempts": 6,
      "answered": 2,
      "reply_rate": 0.3333
    },
    "message": {
      "attempts": 2,
      "answered": 1,
      "reply_rate": 0.5
    }
  },
  "by_weekday": {
    "monday": {
      "attempts": 5,
      "answered": 1,
      "reply_rate": 0.2
    },
    "tuesday": {
      "attempts": 1,
      "answered": 1,
      "reply_rate": 1.0
    },
    "wednesday": {
      "attempts": 2,
      "answered": 1,
      "reply_rate": 0.5
    },
    "thursday": {
      "attempts": 2,
      "answered": 1,
      "reply_rate": 0.5
    },
    "friday": {
      "attempts": 3,
      "answered": 0,
      "reply_rate": 0.0
    }
  },
  "by_playbook": {
    "job-search": {
      "contacts": 4,
      "by_state": {
        "stopped": 1,
        "closed": 0,
        "nurture": 0,
        "new": 1,
        "engaged": 1,
        "active": 1,
        "last-shot": 0,
        "dormant": 0
      },
      "responses_by_attempt": [
        {
          "attempt": 1,
          "responses": 1,
          "share": 0.3333
        },
        {
          "attempt": 2,
          "responses": 1,
          "share": 0.3333
        },
        {
          "attempt": 3,
          "responses": 0,
          "share": 0.0
        },
        {
          "attempt": 4,
          "responses": 1,
          "share": 0.3333
        }
      ],
      "responded": 3,
      "never_responded": 0,
      "median_days_to_response": 7.0,
      "attempts": {
        "attempts": 8,
        "answered": 3,
        "reply_rate": 0.375
      },
      "by_channel": {
        "call": {
          "attempts": 3,
          "answered": 1,
          "reply_rate": 0.3333
        },
        "email": {
          "attempts": 4,
          "answered": 1,
          "reply_rate": 0.25
        },
        "message": {
          "attempts": 1,
          "answered": 1,
          "reply_rate": 1.0
        }
      },
      "by_weekday": {
        "monday": {
          "attempts": 4,
          "answered": 1,
          "reply_rate": 0.25
        },
        "tuesday": {
          "attempts": 1,
          "answered": 1,
          "reply_rate": 1.0
        },
        "wednesday": {
          "attempts": 1,
          "answered": 0,
          "reply_rate": 0.0
        },
        "thursday": {
          "attempts": 2,
          "answered": 1,
          "reply_rate": 0.5
        }
      }
    },
    "sales": {
      "contacts": 2,
      "by_state": {
        "stopped": 0,
        "closed": 0,
        "nurture": 0,
        "new": 0,
        "engaged": 1,
        "active": 1,
        "last-shot": 0,
        "dormant": 0
      },
      "responses_by_attempt": [
        {
          "attempt": 0,
          "responses": 1,
          "share": 1.0
        }
      ],
      "responded": 1,
      "never_responded": 1,
      "median_days_to_response": null,
      "attempts": {
        "attempts": 5,
        "answered": 1,
        "reply_rate": 0.2
      },
      "by_channel": {
        "call": {
          "attempts": 2,
          "answered": 0,
          "reply_rate": 0.0
        },
        "email": {
          "attempts": 2,
          "answered": 1,
          "reply_rate": 0.5
        },
        "message": {
          "attempts": 1,
          "answered": 0,
          "reply_rate": 0.0
        }
      },
      "by_weekday": {
        "monday": {
          "attempts": 1,
          "answered": 0,
          "reply_rate": 0.0
        },
        "wednesday": {
          "attempts": 1,
          "answered": 1,
          "reply_rate": 1.0
        },
        "friday": {
          "attempts": 3,
          "answered": 0,
          "reply_rate": 0.0
        }
      }
    }
  }
}
"#;
