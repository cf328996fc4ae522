//! Notes written in Obsidian: `[[wikilinks]]`, `#tags` and daily-note
//! dates stay text, and tag-form keywords count.

use crate::test::Test;

const SAM: &str = "---
name: Sam Whitaker
tags: [recruiter, network]
aliases: [Sam W]
---

Met at the [[2026-11-02|meetup]]; works with [[people/dana-reyes|Dana]]. #network #followup

- [[2026-11-10]] #email: sent my resume, see [[Resume v3]] #jobsearch
- 2026-11-14 #call #vm: left a message about the [[Acme]] role
- 2026-11-18 call talked: she liked it, loop in [[Priya Natarajan]] #todo next: 2026-11-30
";

#[test]
fn wikilinks_and_tags_stay_text_and_tag_keywords_count() {
    let test = Test::new().file("people/sam.md", SAM).args(&["check"]);
    assert_eq!(test.stdout(), "no problems in 1 contact\n");
    let test = test.args(&["show", "sam"]);
    assert_eq!(
        test.stdout(),
        "Sam Whitaker
people/sam.md  ·  playbook job-search

Timeline
  2026-11-10 -> #email: sent my resume, see [[Resume v3]] #jobsearch
  2026-11-14 -> #call #vm: left a message about the [[Acme]] role
  2026-11-18 <- call talked: she liked it, loop in [[Priya Natarajan]] #todo next: 2026-11-30

State     engaged
Due       2026-11-30 (in 5 days)
Attempts  0 of 16
Agreed    2026-11-30
Why       you talked on 2026-11-18; job-search waits 3 days after a response (R3); but the next contact was agreed for 2026-11-30, and an agreed date replaces the cadence (R5)
"
    );
    let json = test.args(&["status", "--tag", "recruiter", "--json"]).stdout();
    assert!(json.contains("\"file\": \"people/sam.md\""), "front matter tags filter: {json}");
}
