//! A fast path for [`super::body`]: the list items of a body written in the
//! plain markdown notes are made of (ATX headings, paragraphs, tables, which
//! are paragraphs to the parser, bullet lists in `-`, `*` or `+` and ordered
//! lists in `1.` or `1)`, nested or not, and outside lists block quotes,
//! fenced code blocks and HTML comments, whose lines hold no touch), found
//! line by line without a markdown parser.
//!
//! Each line is read by the CommonMark rules for those blocks: which open
//! list items it continues (by its indentation), whether it continues the
//! open paragraph (lazily too) or starts a heading, a list item, a quote, a
//! fence or a paragraph. Anything else, or anything whose reading would
//! depend on more than that, declines the whole body, and the markdown
//! parser reads it: quotes and fences inside list items, indented code
//! blocks, other HTML, thematic breaks, setext headings, empty items, tabs in indentation, carriage returns but those of CRLF line
//! breaks, link reference definitions, and a line starting with any
//! character that might begin one of those. A differential test over the
//! generated corpus and random bodies proves both give the same items.

use std::ops::Range;

use super::body::ListItem;

/// The byte ranges (into `body`) of the first paragraph of every list item,
/// in document order, like [`super::body::markdown_list_item_texts`]; `None` when
/// the body holds something only the markdown parser should read.
pub fn list_item_texts(body: &str) -> Option<Vec<Range<usize>>> {
    Some(list_items(body)?.into_iter().map(|item| item.text).collect())
}

/// [`list_item_texts`], as [`ListItem`]s.
pub(crate) fn list_items(body: &str) -> Option<Vec<ListItem>> {
    let bytes = body.as_bytes();
    // A note's log holds a dozen items or so: grown once or twice at most.
    let mut outline = Outline { items: Vec::with_capacity(16), ..Outline::default() };
    let line_break = LineBreak::new(bytes);
    let mut offset = 0;
    while offset <= body.len() {
        // Where the line ends (before a CR of a CRLF) and the next one
        // starts. A blank line is told by its first byte: no search set up
        // for it. A CR but that of a CRLF declines the body.
        let (end, next) = match bytes.get(offset..).unwrap_or_default() {
            [b'\n', ..] => (offset, offset + 1),
            rest => match line_break.find(rest) {
                None => (body.len(), body.len() + 1),
                Some(at) => match rest.get(at..) {
                    Some([b'\r', b'\n', ..]) => (offset + at, offset + at + 2),
                    Some([b'\r', ..]) => return None,
                    _ => (offset + at, offset + at + 1),
                },
            },
        };
        // Bytes, not `str` slices: a line starts after an LF and ends
        // before one (or a CR), so every cut is at a character's boundary
        // and checking it again on every line is wasted.
        outline.read_line(offset, bytes.get(offset..end)?)?;
        offset = next;
    }
    Some(outline.items)
}

/// The search for a line's end, set up once for a body (`memchr` chooses
/// its vector instructions and spreads the needle over a vector on every
/// call, a quarter of its cost on a line of a few dozen bytes): its LF, or
/// a CR too when the body holds one (CRLF line breaks). Looking for both
/// costs more a line, and a body without a CR is told by one search.
struct LineBreak {
    cr: bool,
    #[cfg(target_arch = "x86_64")]
    lf_only: Option<memchr::arch::x86_64::avx2::memchr::One>,
    #[cfg(target_arch = "x86_64")]
    lf_or_cr: Option<memchr::arch::x86_64::avx2::memchr::Two>,
}

impl LineBreak {
    fn new(body: &[u8]) -> Self {
        let cr = memchr::memchr(b'\r', body).is_some();
        Self {
            cr,
            #[cfg(target_arch = "x86_64")]
            lf_only: if cr { None } else { memchr::arch::x86_64::avx2::memchr::One::new(b'\n') },
            #[cfg(target_arch = "x86_64")]
            lf_or_cr: if cr { memchr::arch::x86_64::avx2::memchr::Two::new(b'\n', b'\r') } else { None },
        }
    }

    /// The offset of the first LF (or CR) in `haystack`.
    #[inline]
    fn find(&self, haystack: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(lf) = &self.lf_only {
            return lf.find(haystack);
        } else if let Some(lf_or_cr) = &self.lf_or_cr {
            return lf_or_cr.find(haystack);
        }
        if self.cr { memchr::memchr2(b'\n', b'\r', haystack) } else { memchr::memchr(b'\n', haystack) }
    }
}

/// The state of the line-by-line reading.
#[derive(Debug, Default)]
struct Outline {
    /// The content column of each open list item, outermost first.
    open: Vec<usize>,
    /// The paragraph the next line may continue.
    paragraph: Option<Paragraph>,
    /// The item texts found so far.
    items: Vec<ListItem>,
    /// The fenced code block the lines are in.
    fence: Option<Fence>,
    /// Whether the lines are in an HTML comment (`<!--` up to a line
    /// holding `-->`).
    comment: bool,
}

/// An open fenced code block: its character and how many opened it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fence {
    marker: u8,
    length: usize,
}

/// An open paragraph: an item's first one (whose text grows with each
/// continuation line), or any other.
#[derive(Debug, Clone, Copy)]
enum Paragraph {
    ItemText(usize),
    /// After a block quote's line: a paragraph in the quote (which a
    /// line outside it continues lazily, and any list item ends), one after
    /// it, or none; which is not told here.
    AfterQuote,
    Other,
}

/// What a line starts, from its first non-space character on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// A bullet list item; its text starts this many bytes further.
    Bullet(usize),
    /// An ordered list item (`1.`, `2)`): where its text starts, and
    /// whether its number is 1 (only such an item starts a list inside an
    /// open paragraph).
    Ordered(usize, bool),
    /// An ATX heading (`## Log`).
    Heading,
    /// A block quote's line (`> text`).
    Quote,
    /// An HTML comment's first line (`<!--`): an HTML block up to the
    /// first line holding `-->`, this one included.
    Comment,
    /// A code fence (three or more backticks or tildes).
    Fence(Fence),
    /// Plain text: a paragraph, or a paragraph's next line.
    Text,
    /// Anything else: not read here.
    Other,
}

impl Outline {
    /// Reads one line (without its line break) starting at byte `offset`;
    /// `None` declines the body.
    fn read_line(&mut self, offset: usize, line: &[u8]) -> Option<()> {
        if self.comment {
            self.comment = !holds_comment_end(line);
            return Some(());
        }
        if let Some(fence) = self.fence {
            if closes(line, fence)? {
                self.fence = None;
            }
            return Some(());
        }
        let rest = trim_start(line);
        if rest.is_empty() {
            self.paragraph = None;
            return Some(());
        }
        let indent = line.len() - rest.len();
        // The open items this line continues, and the column it is read from.
        let depth = self.open.iter().take_while(|&&content| indent >= content).count();
        let base = depth.checked_sub(1).and_then(|last| self.open.get(last)).copied().unwrap_or(0);
        let relative = indent - base;
        let end = offset + trim_end_blanks(line).len();
        let start = match if relative < 4 { classify(rest) } else { Start::Text } {
            // An ordered item numbered other than 1 continues a paragraph of
            // the container the line is in (pulldown-cmark's rule: one of
            // an item the line no longer continues, or of a quote, ends).
            Start::Ordered(_, false) if matches!(self.paragraph, Some(Paragraph::AfterQuote)) => return None,
            Start::Ordered(_, false) if self.paragraph.is_some() && depth == self.open.len() => Start::Text,
            Start::Ordered(text_offset, _) => Start::Bullet(text_offset),
            other => other,
        };
        if let Some(paragraph) = self.paragraph
            && start == Start::Text
        {
            if let Paragraph::ItemText(item) = paragraph
                && let Some(found) = self.items.get_mut(item)
            {
                found.text.end = end;
            }
            return Some(());
        }
        self.open.truncate(depth);
        self.paragraph = None;
        if relative >= 4 {
            return None;
        }
        match start {
            Start::Bullet(text_offset) => {
                let content = indent + text_offset;
                self.open.push(content);
                self.items.push(ListItem { text: offset + content..end });
                self.paragraph = Some(Paragraph::ItemText(self.items.len() - 1));
            }
            Start::Heading if indent == 0 => {}
            Start::Text => self.paragraph = Some(Paragraph::Other),
            // Outside any list only: what a quote holds is never a touch,
            // and a line after it continues a paragraph (lazily, or a new
            // one at the top: the same for the items).
            Start::Quote if depth == 0 => self.paragraph = Some(Paragraph::AfterQuote),
            Start::Fence(fence) if depth == 0 => self.fence = Some(fence),
            Start::Comment if depth == 0 => self.comment = !holds_comment_end(line),
            Start::Heading | Start::Quote | Start::Fence(_) | Start::Comment | Start::Ordered(..) | Start::Other => {
                return None;
            }
        }
        Some(())
    }
}

/// What `rest` (a line from its first non-space character) starts, read as
/// if nothing were open.
fn classify(rest: &[u8]) -> Start {
    match rest {
        // Prose, most lines of a long body: a letter begins no block.
        [b'a'..=b'z' | b'A'..=b'Z', ..] => return Start::Text,
        // A touch's bullet, its date or checkbox next, or an item's
        // letter (what `is_plain_start` says of them, without a call).
        [b'-' | b'*' | b'+', b' ', b'0'..=b'9', b'0'..=b'9', b'0'..=b'9', b'0'..=b'9', b'-', ..]
        | [b'-' | b'*' | b'+', b' ', b'[', b' ' | b'x' | b'X', b']', b' ', ..]
        | [b'-' | b'*' | b'+', b' ', b'a'..=b'z' | b'A'..=b'Z', ..] => return Start::Bullet(2),
        _ => {}
    }
    if let [b'-' | b'*' | b'+', after @ ..] = rest {
        let text = trim_start(after);
        let spaces = after.len() - text.len();
        return if (1..=4).contains(&spaces) && is_plain_start(text) {
            Start::Bullet(1 + spaces)
        } else if spaces == 0 && is_plain_start(rest) {
            Start::Text
        } else {
            Start::Other
        };
    }
    if let Some(digits) = ordered_marker(rest) {
        let after = rest.get(digits + 1..).unwrap_or_default();
        let text = trim_start(after);
        let spaces = after.len() - text.len();
        return if (1..=4).contains(&spaces) && is_plain_start(text) {
            let one = rest.get(..digits).is_some_and(|number| {
                number.get(number.iter().take_while(|&&byte| byte == b'0').count()..) == Some(b"1")
            });
            Start::Ordered(digits + 1 + spaces, one)
        } else if spaces == 0 && !text.is_empty() {
            Start::Text
        } else {
            Start::Other
        };
    }
    // The other blocks, each told by its first byte.
    match rest.first() {
        Some(b'<') if rest.starts_with(b"<!--") => return Start::Comment,
        Some(b'>') => return Start::Quote,
        Some(b'`' | b'~') => {
            if let Some(fence) = opening_fence(rest) {
                return Start::Fence(fence);
            }
        }
        Some(b'#') => {
            let level = rest.iter().take_while(|&&byte| byte == b'#').count();
            let title = rest.get(level..).unwrap_or_default();
            return if level <= 6 && (title.is_empty() || title.starts_with(b" ")) {
                Start::Heading
            } else {
                Start::Other
            };
        }
        _ => {}
    }
    if is_plain_start(rest) { Start::Text } else { Start::Other }
}

/// The fence `rest` opens: three or more backticks (with no backtick in
/// the info string after them) or tildes.
fn opening_fence(rest: &[u8]) -> Option<Fence> {
    let marker = *rest.first().filter(|b| matches!(b, b'`' | b'~'))?;
    let length = rest.iter().take_while(|&&b| b == marker).count();
    let info = rest.get(length..)?;
    (length >= 3 && !(marker == b'`' && info.contains(&b'`'))).then_some(Fence { marker, length })
}

/// Whether `line` closes `fence`: up to three spaces, at least as many of
/// its characters, then only spaces. `None` (decline) for a line whose
/// reading would hang on tabs.
fn closes(line: &[u8], fence: Fence) -> Option<bool> {
    let rest = trim_start(line);
    if line.len() - rest.len() > 3 {
        return Some(false);
    }
    let length = rest.iter().take_while(|&&b| b == fence.marker).count();
    let after = rest.get(length..)?;
    if length < fence.length || !after.iter().all(|&b| b == b' ' || b == b'\t') {
        return Some(false);
    }
    (!after.contains(&b'\t')).then_some(true)
}

/// Whether `text` starts with a character that begins no block: a letter,
/// a digit that is no ordered list marker (`1.`, `2)`), an opening bracket
/// that begins no link reference definition, emphasis before a word
/// (`**Note:**`, `_aside_`), inline code (`` `crm` ``), a table's `|`, or
/// an opening parenthesis or quote.
#[inline]
fn is_plain_start(text: &[u8]) -> bool {
    match text {
        // A letter, most items' text, or a touch's date (no ordered list
        // marker): no call.
        [b'a'..=b'z' | b'A'..=b'Z', ..] | [b'0'..=b'9', b'0'..=b'9', b'0'..=b'9', b'0'..=b'9', b'-', ..] => true,
        _ => is_other_plain_start(text),
    }
}

/// [`is_plain_start`] of a text starting with no ASCII letter.
fn is_other_plain_start(text: &[u8]) -> bool {
    match text.first() {
        Some(b'0'..=b'9') => ordered_marker(text).is_none(),
        Some(b'[') => !may_be_definition(text),
        Some(b'*' | b'_') => {
            let marks = text.iter().take_while(|&&byte| matches!(byte, b'*' | b'_')).count();
            marks <= 3 && text.get(marks).is_some_and(u8::is_ascii_alphanumeric)
        }
        Some(b'`') => text.iter().take_while(|&&byte| byte == b'`').count() < 3,
        Some(b'|') => true,
        Some(&byte) if byte.is_ascii() => byte.is_ascii_alphanumeric() || matches!(byte, b'(' | b'"' | b'\''),
        // A character's first bytes (`text` starts at one): its valid
        // prefix is the whole character.
        Some(_) => text
            .get(..text.len().min(4))
            .and_then(|head| head.utf8_chunks().next())
            .and_then(|chunk| chunk.valid().chars().next())
            .is_some_and(char::is_alphanumeric),
        None => false,
    }
}

/// `1.` or `2)` at the start of `text`, up to nine digits then a dot or
/// parenthesis: how many digits.
fn ordered_marker(bytes: &[u8]) -> Option<usize> {
    // A touch's date (`2026-11-10`), the digits most list items start
    // with, is let go at once.
    if let [b'0'..=b'9', b'0'..=b'9', b'0'..=b'9', b'0'..=b'9', b'-', ..] = bytes {
        return None;
    }
    let digits = bytes.iter().position(|byte| !byte.is_ascii_digit()).unwrap_or(bytes.len());
    ((1..=9).contains(&digits) && matches!(bytes.get(digits), Some(b'.' | b')'))).then_some(digits)
}

/// Whether `text` (starting with `[`) might be a link reference definition
/// `[label]: url`: its label is not closed on this line, holds a backslash,
/// or is followed by a colon.
fn may_be_definition(text: &[u8]) -> bool {
    // A label of a few bytes: looked for byte by byte (setting up
    // `memchr` costs more).
    match text.iter().position(|&byte| byte == b']') {
        Some(close) => {
            text.get(..close).is_none_or(|label| label.contains(&b'\\'))
                || text.get(close + 1..).is_none_or(|after| after.starts_with(b":"))
        }
        None => true,
    }
}

/// Whether `line` holds `-->`, an HTML comment's end.
fn holds_comment_end(line: &[u8]) -> bool {
    memchr::memmem::find(line, b"-->").is_some()
}

/// `line` without the spaces (U+0020) it starts with.
fn trim_start(line: &[u8]) -> &[u8] {
    let spaces = line.iter().take_while(|&&byte| byte == b' ').count();
    line.get(spaces..).unwrap_or_default()
}

/// `line` without the spaces and tabs it ends with.
fn trim_end_blanks(line: &[u8]) -> &[u8] {
    let blanks = line.iter().rev().take_while(|&&byte| byte == b' ' || byte == b'\t').count();
    line.get(..line.len() - blanks).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::body::markdown_list_item_texts;

    /// Both readings of `body`: the fast one (when it reads it) and the parser's.
    fn both(body: &str) -> (Option<Vec<Range<usize>>>, Vec<Range<usize>>) {
        (list_item_texts(body), markdown_list_item_texts(body))
    }

    /// Asserts that `body`, with LF and with CRLF line breaks, is read here
    /// as the parser reads it.
    fn assert_read_here(body: &str) {
        for body in [body.to_owned(), body.replace('\n', "\r\n")] {
            let (fast, parser) = both(&body);
            assert_eq!(fast.as_ref(), Some(&parser), "{body:?}");
        }
    }

    #[test]
    fn plain_notes_are_read_here_as_the_parser_reads_them() {
        for body in [
            "# Dana\n\nShe is great.\n\n## Log\n\n- 2026-11-10 email: sent\n- 2026-11-14 call\n  - 2026-11-15 call vm\n    more text\n\n* one\n\n* two\n  more\n",
            "- [x] 2026-11-10 call\n- [[2026-11-12]] call\nlazy continuation\n- x\n\n  second paragraph\n  - nested\n- y  \n",
            "Prose\n- 2026-11-10 call\n -  sibling\n    - deeper\n          continued\n# Heading\ntext\n",
            "- a\n      - not an item\n- (b) \"c\" 'd' 2026\n- 2026-11-10 call [link](x) [ref] *em*\n",
            "",
            "\n\n",
            "```\n- 2026-12-08 call\n```\n- 2026-12-09 call\n",
            "Old export:\n~~~~ text\n- 2026-12-08 call\n~~~\n  ~~~~~  \n- 2026-12-09 call\n",
            "- 2026-12-01 call\n```\n- 2026-12-08 call\n",
            "> - 2026-12-08 call\n- 2026-12-09 call\n",
            "- 2026-12-01 call\n> quoted\nlazy\n    - 2026-12-08 call\n\n- 2026-12-09 call\n",
            ">\n> # heading\n>     code\ntext\n - 2026-12-09 call\n",
            "> ```\n- 2026-12-09 call\n> > nested\n- 2026-12-10 call\n",
            "<!--\n- 2026-12-08 call\n-->\n- 2026-12-09 call\n<!-- one line -->\n- x\n\ntext\n  <!-->\n- y\n",
            "- a\ntext\n<!-- interrupts\n- 2026-12-08 call\n --> after\n- b\n<!--\n- never closed\n",
        ] {
            assert_read_here(body);
        }
    }

    #[test]
    fn every_list_style_tables_and_emphasis_are_read_here_as_the_parser_reads_them() {
        for body in [
            "* 2026-11-10 call\n* 2026-11-12 email\n  + nested\n    - deeper\n+ 2026-11-14 call\n",
            "1. 2026-11-10 call\n2. 2026-11-12 email\n   * nested\n10) 2026-11-14 call\n   continued\n",
            "Prose\n2. continues the paragraph\n1. starts a list\n3. an item\n  4. continues the item\n",
            "- a\n  2. continues a\n2. an item\n> quoted\n\n2. an item\n> 1. quoted\n1. an item\n",
            "**Note:** prose\n_Aside:_ more\n`crm` says\n*Important* x\n- **2026-11-10** call\n- `x` y\n- _a_\n",
            "| Date | Outcome |\n|------|---------|\n| 2026-11-10 | call |\n\n1.5 million\n- | a |\n",
            "1. a\n\n   second paragraph\n",
            "1234567890. ten digits are no marker\n\n123456789. nine are\n0000000001) and so is this one\n",
        ] {
            assert_read_here(body);
        }
    }

    #[test]
    fn items_and_lines_starting_beyond_ascii_are_read_here_as_the_parser_reads_them() {
        for body in [
            "- été\n- 2026-11-10 call\nÉmile says\n* 名前\n\nÖl\n1. ünter\n",
            "- [X] 2026-11-10 call\n+ [ ] 2026-11-12 email\n* 2026-11-14 call\n",
        ] {
            assert_read_here(body);
        }
        // A symbol begins no paragraph the fast reading knows.
        for body in ["- €5\n", "€5\n", "- 😀 x\n"] {
            assert_eq!(list_item_texts(body), None, "{body:?}");
        }
    }

    #[test]
    fn other_markdown_is_left_to_the_parser() {
        for body in [
            "- a\n  ```\n  - 2026-12-08 call\n",
            "- a\n  > - 2026-12-08 call\n",
            "``` a`b\n- 2026-12-08 call\n",
            "```\n- 2026-12-08 call\n```\t\n",
            "<div>\n- 2026-12-08 call\n</div>\n",
            "- a\n  <!--\n  - 2026-12-08 call\n  -->\n",
            "    - 2026-12-08 call\n",
            "- a\n\n      code\n",
            "1.\n",
            "> quoted\n2. in the quote or not\n",
            "1. - a\n",
            "1.      code\n",
            "****a\n",
            "- * a\n",
            "- ``` a\n",
            "___\n",
            "- \n",
            "-\tx\n",
            "- a\rb\n",
            "text\n---\n",
            "- - -\n",
            "***\n",
            "#tag\n",
            "- a\n  # heading in an item\n",
            "[a]: /url\n",
            "[a\nb]: /url\n",
        ] {
            assert_eq!(list_item_texts(body), None, "{body:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Random bodies from the lines notes are made of: whatever is read
        /// here is what the markdown parser reads.
        #[test]
        fn agrees_with_the_markdown_parser(lines in proptest::collection::vec(
            proptest::prop_oneof![
                8 => " {0,7}[-*+] {1,5}(\\[[ x]\\] )?[0-9a-z\\[\\]:()*_`|]{0,12}",
                6 => " {0,7}([0-9]{1,3}|0{0,2}1)[.)] {0,5}(\\[[ x]\\] )?[0-9a-z\\[\\]:()*_`|.]{0,12}",
                3 => " {0,6}(\\*{1,4}|_{1,4}|`{1,3}|\\|)[ a-z0-9*_`|]{0,10}",
                5 => " {0,6}[A-Za-z0-9(\\[][ a-z0-9.)\\[\\]:*_`<>-]{0,10} {0,2}",
                4 => "",
                1 => "#{1,7}( [a-z]{0,5})?",
                1 => " {0,4}([>`~<|=_]|[0-9][.)]|-{3}|\\* \\*)[ a-z]{0,4}",
                2 => " {0,5}(`{2,4}|~{2,4})[ `~a-z\t]{0,3}",
                2 => " {0,4}>{1,2} {0,5}([-*] )?[ a-z0-9>`-]{0,8}",
                1 => " {0,4}<!-{0,3}[ a-z>-]{0,5}",
                1 => "[ a-z]{0,3}-->?[ a-z-]{0,3}",
            ],
            0..12,
        ), crlf: bool) {
            let body = lines.join(if crlf { "\r\n" } else { "\n" });
            let (fast, parser) = both(&body);
            if let Some(fast) = fast {
                proptest::prop_assert_eq!(fast, parser, "{:?}", body);
            }
        }
    }
}
