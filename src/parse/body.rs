//! Finding the list items of a note's body with a real markdown parser, so
//! that items in code blocks, HTML blocks and block quotes are left alone.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::parse::outline;

/// A list item's text, found by [`list_items`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// The byte range (into the body) of its first paragraph.
    pub text: Range<usize>,
}

/// The first paragraph of every list item outside block quotes, in
/// document order. Nested lists are included. Bodies in plain markdown are read by the fast
/// [`outline`], the others by the markdown parser
/// ([`markdown_list_item_texts`]).
pub fn list_items(body: &str) -> Vec<ListItem> {
    outline::list_items(body)
        .unwrap_or_else(|| markdown_list_item_texts(body).into_iter().map(|text| ListItem { text }).collect())
}

/// The byte ranges of [`list_items`] as the markdown parser reads them: the
/// reference for any body.
pub fn markdown_list_item_texts(body: &str) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    let mut quote_depth = 0usize;
    // An item whose first content has not been seen yet.
    let mut awaiting_content = false;
    // The text of the current item's first paragraph, while it is being read.
    let mut current: Option<Range<usize>> = None;
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_)) => {
                close(&mut current, &mut items);
                awaiting_content = false;
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::Item) => {
                close(&mut current, &mut items);
                awaiting_content = quote_depth == 0;
            }
            // A loose item's first paragraph: keep waiting for its text.
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                close(&mut current, &mut items);
                awaiting_content = false;
            }
            Event::Start(_) | Event::End(_) if is_block(&event) => {
                close(&mut current, &mut items);
                awaiting_content = false;
            }
            _ => {
                if awaiting_content {
                    current = Some(range);
                    awaiting_content = false;
                } else if let Some(text) = current.as_mut() {
                    text.end = text.end.max(range.end);
                }
            }
        }
    }
    close(&mut current, &mut items);
    items
}

/// The byte range (into `body`) of the innermost list item holding byte
/// `offset`, from its marker to its end: continuation lines, nested items
/// and the blank lines after it included.
pub(crate) fn item_around(body: &str, offset: usize) -> Option<Range<usize>> {
    Parser::new_ext(body, Options::empty())
        .into_offset_iter()
        .filter(|(event, range)| matches!(event, Event::Start(Tag::Item)) && range.contains(&offset))
        .map(|(_, range)| range)
        .last()
}

/// A heading of a note's body and the part of the body it heads (not one
/// of the agenda's sections).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BodySection {
    /// The heading's byte range (its line ending included).
    pub heading: Range<usize>,
    /// Where the section ends: the next heading of the same or a higher
    /// level, else the end of the body.
    pub end: usize,
}

/// The first section whose heading reads `title` (ignoring case and the
/// spaces around it), outside code blocks and quotes.
pub(crate) fn section(body: &str, title: &str) -> Option<BodySection> {
    let mut found: Option<(HeadingLevel, Range<usize>)> = None;
    let mut current: Option<(HeadingLevel, Range<usize>, String)> = None;
    let mut quote_depth = 0usize;
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) if quote_depth == 0 => {
                if let Some((found_level, heading)) = &found
                    && level <= *found_level
                {
                    return Some(BodySection { heading: heading.clone(), end: range.start });
                }
                current = Some((level, range, String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, words)) = current.as_mut() {
                    words.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, heading, words)) = current.take()
                    && found.is_none()
                    && words.trim().eq_ignore_ascii_case(title)
                {
                    found = Some((level, heading));
                }
            }
            _ => {}
        }
    }
    found.map(|(_, heading)| BodySection { heading, end: body.len() })
}

fn close(current: &mut Option<Range<usize>>, items: &mut Vec<Range<usize>>) {
    if let Some(range) = current.take() {
        items.push(range);
    }
}

/// Whether an event starts or ends a block (anything that is not inline).
fn is_block(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => !matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        ),
        Event::End(tag) => !matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<&str> {
        list_items(body).into_iter().map(|item| &body[item.text]).collect()
    }

    #[test]
    fn tight_and_loose_items_and_nested_lists() {
        let body = "# Touches\n\n- 2026-11-10 email: sent\n- 2026-11-14 call\n  - 2026-11-15 call vm\n\n* one\n\n* two\n  more\n";
        assert_eq!(
            texts(body),
            ["2026-11-10 email: sent", "2026-11-14 call", "2026-11-15 call vm", "one", "two\n  more"]
        );
    }

    #[test]
    fn code_blocks_quotes_and_html_are_left_alone() {
        let body = "```\n- 2026-12-08 call talked\n```\n\n> - 2026-12-08 call\n\n<div>\n- 2026-12-08 call\n</div>\n\n    - 2026-12-08 call\n\n- real\n";
        assert_eq!(texts(body), ["real"]);
    }

    #[test]
    fn an_item_starting_with_a_code_block_is_not_text() {
        let body = "-     2026-12-08 indented code\n- ```\n  2026-12-08\n  ```\n- ok *emph* `code`\n";
        assert_eq!(texts(body), ["ok *emph* `code`"]);
    }

    #[test]
    fn ordered_lists_and_checkboxes_count() {
        assert_eq!(texts("1. [x] 2026-11-10 call\n2) x\n"), ["[x] 2026-11-10 call", "x"]);
    }

    #[test]
    fn the_innermost_item_around_an_offset() {
        let body = "- a\n- b\n  more\n  - sub\n\n## X\n";
        let around = |offset| item_around(body, offset).map(|range| &body[range]);
        assert_eq!(around(2), Some("- a\n"));
        assert_eq!(around(6), Some("- b\n  more\n  - sub\n\n"));
        assert_eq!(around(20), Some("- sub\n\n"));
        assert_eq!(around(26), None, "the heading is in no item");
    }

    #[test]
    fn a_section_runs_to_the_next_heading_of_its_level() {
        let body = "# Dana\n\n## Touches\n\n- a\n### Detail\n- b\n## Notes\n";
        let found = section(body, "touches").unwrap();
        assert_eq!(&body[found.heading.clone()], "## Touches\n");
        assert_eq!(&body[found.heading.start..found.end], "## Touches\n\n- a\n### Detail\n- b\n");
        assert_eq!(section("## Touches\n- a", "Touches").map(|s| s.end), Some(14));
        assert_eq!(section("```\n## Touches\n```\n> ## Touches\n", "Touches"), None);
    }
}
