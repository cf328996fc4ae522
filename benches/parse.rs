//! Micro-benchmarks of the read path, stage by stage, on a note shaped like
//! the generated corpus's (`cargo bench`; not run in CI). The numbers are
//! per note; the whole-process figures are `scripts/bench.sh`'s.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use divan::{Bencher, black_box};
use nudge::testing::front_matter::{self, Opening};
use nudge::testing::{
    Calendar, Context, Keywords, Parsed, Playbooks, Selection, YamlText, body, derive, parse_date, parse_note, touch,
};

fn main() {
    divan::main();
}

/// A contact note like the corpus's: 11 front matter keys, prose, 16 touches.
const NOTE: &str = "---
name: Rachel Murphy
company: \"Weyland Media\"
playbook: sales
email: rachel.murphy@weylandmedia.com
phone: \"+1 555-5362\"
tags: [investor, apac, trial]
referred_by: \"[[Marta Petrov]]\"
last_met: 2026-07-17
aliases:
  - Rachel
  - Rachel M.
notes: \"Reports to the CFO. Budget cycle starts in January.\"
linkedin: https://www.linkedin.com/in/rachel-murphy
---

# Rachel Murphy

The role is hybrid, three days in the office, salary band not shared yet. Strong opinions about remote work, keep that in mind.

## Log

- 2026-06-02 call no-answer: about the role
- 2026-06-03 emailed
- 2026-06-09 linkedin replied: sent over their requirements
- 2026-06-24 called left-message
- 2026-07-17 coffee: on-site visit, met the whole team
- 2026-07-20 email: thank-you note after the interview
- 2026-08-03 call vm: left my number again
- 2026-08-31 emailed – shared the case study
- 2026-09-08 call no-answer
- 2026-09-18 called noanswer
- 2026-09-21 reply – short answer, busy this month
- 2026-10-20 called
- 2026-10-26 phone live – twenty minutes, good energy, wants a proposal next: 2026-11-16
  - Assistant: Robin, handles the calendar
- 2026-11-11 call no-answer – tried twice, no pickup
- [x] 2026-11-16 #email #in: thanks, will review with the team
- 2026-11-20 Call voicemail

## Notes

She mentioned a reorg in the spring; budgets are frozen until it settles. Very friendly on the phone, but the decision sits with the finance team.

They want a case study before committing to anything. Onboarding is handled by a separate team in Lisbon.
";

fn split() -> front_matter::Split<'static> {
    match front_matter::split(NOTE) {
        Opening::Split(split) => split,
        _ => panic!("the note has front matter"),
    }
}

#[divan::bench]
fn whole_note(bencher: Bencher) {
    let keywords = Keywords::default();
    bencher.bench(|| parse_note(black_box("people/rachel.md"), black_box(NOTE), &keywords));
}

#[divan::bench]
fn front_matter(bencher: Bencher) {
    let split = split();
    bencher.bench(|| {
        front_matter::read(
            "people/rachel.md",
            YamlText::new(black_box(split.yaml), 2, split.yaml_offset),
            &Selection::EVERY,
        )
    });
}

#[divan::bench]
fn front_matter_with_the_yaml_library(bencher: Bencher) {
    let split = split();
    bencher.bench(|| YamlText::new(black_box(split.yaml), 2, split.yaml_offset).parse());
}

#[divan::bench]
fn list_items(bencher: Bencher) {
    let split = split();
    bencher.bench(|| body::list_items(black_box(split.body)));
}

#[divan::bench]
fn list_items_with_the_markdown_parser(bencher: Bencher) {
    let split = split();
    bencher.bench(|| body::markdown_list_item_texts(black_box(split.body)));
}

#[divan::bench]
fn touch_items(bencher: Bencher) {
    let split = split();
    let keywords = Keywords::default();
    let items: Vec<&str> = body::list_items(split.body).into_iter().map(|item| &split.body[item.text]).collect();
    bencher.bench(|| items.iter().map(|item| touch::parse_item(black_box(item), &keywords)).collect::<Vec<_>>());
}

#[divan::bench]
fn derivation(bencher: Bencher) {
    let Parsed::Contact(note, _) = parse_note("people/rachel.md", NOTE, &Keywords::default()) else {
        panic!("the note is a contact")
    };
    let playbooks = Playbooks::builtin();
    let playbook = playbooks.get("sales").unwrap();
    let holidays = BTreeSet::new();
    let today = parse_date("2026-11-25").unwrap();
    let context = Context { today, horizon_days: 7, calendar: Calendar { business_days: true, holidays: &holidays } };
    bencher.bench(|| derive(black_box(&note), playbook, &context));
}
