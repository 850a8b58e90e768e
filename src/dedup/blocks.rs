//! Repeated passages inside one article: finds blocks (and runs of blocks) that say again
//! what the article already said, and cuts them out of the Markdown source by byte range so
//! everything else stays exactly as written.

use super::normal::{normalize, word_count};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

/// A paragraph, list item or quote needs this many words to be removed on its own when it
/// repeats. Shorter ones ("Read more", "Photo: Reuters") go only as part of a repeated run or
/// when they repeat back to back: a short line said twice in different places is often meant.
const MIN_WORDS_ALONE: usize = 5;

/// A repeated run of blocks is removed when it holds at least this many words (or one block
/// long enough to go alone): a restarted body, headings and short lines included.
const MIN_WORDS_RUN: usize = 8;

/// What kind of Markdown block was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BlockKind {
    /// A paragraph.
    Paragraph,
    /// A heading.
    Heading,
    /// A whole list.
    List,
    /// One item of a list.
    ListItem,
    /// A whole table.
    Table,
    /// One row of a table.
    TableRow,
    /// A fenced or indented code block.
    Code,
    /// A block quote.
    Quote,
    /// Raw HTML.
    Html,
    /// A thematic break.
    Rule,
    /// A line of a paragraph that repeats the line just before it.
    Line,
    /// A footnote definition or anything else.
    Other,
}

impl BlockKind {
    fn noun(self, plural: bool) -> &'static str {
        let (one, many) = match self {
            BlockKind::Paragraph => ("paragraph", "paragraphs"),
            BlockKind::Heading => ("heading", "headings"),
            BlockKind::List => ("list", "lists"),
            BlockKind::ListItem => ("list item", "list items"),
            BlockKind::Table => ("table", "tables"),
            BlockKind::TableRow => ("table row", "table rows"),
            BlockKind::Code => ("code block", "code blocks"),
            BlockKind::Quote => ("quote", "quotes"),
            BlockKind::Html => ("HTML block", "HTML blocks"),
            BlockKind::Rule => ("rule", "rules"),
            BlockKind::Line => ("line", "lines"),
            BlockKind::Other => ("block", "blocks"),
        };
        if plural {
            many
        } else {
            one
        }
    }
}

/// One removed block: its kind and its byte range in the original Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// What it was.
    pub kind: BlockKind,
    /// Where it was, in the Markdown given to [`dedupe`].
    pub range: Range<usize>,
}

/// A body with its repeats removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// The remaining Markdown.
    pub text: String,
    /// What was removed, in source order.
    pub removed: Vec<Removal>,
}

impl Cleaned {
    /// A one-line summary such as `7 repeated paragraphs removed` or
    /// `5 repeated blocks removed (3 paragraphs, 2 headings)`.
    pub fn summary(&self) -> String {
        let n = self.removed.len();
        let mut by_kind: Vec<(BlockKind, usize)> = Vec::new();
        for r in &self.removed {
            match by_kind.iter_mut().find(|(k, _)| *k == r.kind) {
                Some((_, c)) => *c += 1,
                None => by_kind.push((r.kind, 1)),
            }
        }
        by_kind.sort();
        match by_kind.as_slice() {
            [(kind, _)] => format!("{n} repeated {} removed", kind.noun(n != 1)),
            parts => {
                let list: Vec<String> =
                    parts.iter().map(|(k, c)| format!("{c} {}", k.noun(*c != 1))).collect();
                format!("{n} repeated blocks removed ({})", list.join(", "))
            }
        }
    }
}

impl fmt::Display for BlockKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.noun(false))
    }
}

/// How two blocks are compared: prose by its normalised text, code and tables exactly.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Prose(BlockKind, String),
    Exact(BlockKind, String),
    /// Never equal to anything (footnote definitions, empty blocks).
    Unique(usize),
}

impl Key {
    fn words(&self) -> usize {
        match self {
            Key::Prose(_, k) => word_count(k),
            Key::Exact(_, k) => k.split_whitespace().count(),
            Key::Unique(_) => 0,
        }
    }
}

/// A sub-block that can repeat inside its parent: a list item or a table row.
struct Child {
    range: Range<usize>,
    key: Key,
}

/// One top-level block of the body.
struct Block {
    kind: BlockKind,
    range: Range<usize>,
    key: Key,
    /// Whether this block may go on its own when it repeats.
    alone: bool,
    children: Vec<Child>,
    /// A table's rows, cells exactly as written.
    rows: Vec<String>,
    /// Lines of a paragraph that repeat the line before them.
    repeated_lines: Vec<Range<usize>>,
}

/// The Markdown extensions the renderer uses, so blocks are split the same way.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Removes repeated blocks and repeated runs of blocks from a Markdown body, keeping the first
/// occurrence of each.
pub fn dedupe(markdown: &str) -> Cleaned {
    let mut cleaned = dedupe_once(markdown);
    let mut to_original: Vec<Segment> = Vec::new();
    // A cut can join what was apart: removing a paragraph between two lists makes them one
    // list, whose items may then repeat each other. Clean again until a pass removes nothing,
    // so that cleaning the result once more never finds anything. Every pass removes at
    // least one block, so this ends.
    while !cleaned.segments.is_empty() {
        to_original = compose(&to_original, &cleaned.segments);
        let again = dedupe_once(&cleaned.text);
        if again.removed.is_empty() {
            break;
        }
        let text = again.text;
        for r in again.removed {
            let start = original_offset(&to_original, r.range.start);
            let end = original_offset(&to_original, r.range.end).max(start);
            cleaned.removed.push(Removal { kind: r.kind, range: start..end });
        }
        cleaned.text = text;
        cleaned.segments = again.segments;
    }
    cleaned.removed.sort_by_key(|r| r.range.start);
    Cleaned { text: cleaned.text, removed: cleaned.removed }
}

/// A stretch of cleaned text copied from the text before cleaning: (offset in the cleaned
/// text, offset in the text before).
type Segment = (usize, usize);

/// Offset in the original text of `pos` in a cleaned text; a position in inserted blank
/// lines maps to the start of the next copied stretch.
fn original_offset(segments: &[Segment], pos: usize) -> usize {
    match segments.iter().rposition(|&(out, _)| out <= pos) {
        Some(i) => segments[i].1 + (pos - segments[i].0),
        None => segments.first().map_or(pos, |s| s.1),
    }
}

/// Segments from a twice-cleaned text straight to the original, given the segments of the
/// first cleaning (`first`, empty when there was none) and of the second.
fn compose(first: &[Segment], second: &[Segment]) -> Vec<Segment> {
    if first.is_empty() {
        return second.to_vec();
    }
    let mut composed = Vec::new();
    for (k, &(out, mid)) in second.iter().enumerate() {
        let len = second.get(k + 1).map_or(usize::MAX, |next| next.0 - out);
        composed.push((out, original_offset(first, mid)));
        // A stretch copied in the second cleaning may cross a cut of the first one.
        for &(f_out, f_orig) in first {
            if f_out > mid && f_out - mid < len {
                composed.push((out + (f_out - mid), f_orig));
            }
        }
    }
    composed
}

/// One cleaning pass: the text and removals, and the segments mapping the text back.
struct Pass {
    text: String,
    removed: Vec<Removal>,
    segments: Vec<Segment>,
}

fn dedupe_once(markdown: &str) -> Pass {
    let blocks = parse_blocks(markdown);
    let mut removed: Vec<Removal> = Vec::new();
    let mut cuts: Vec<(Range<usize>, bool)> = Vec::new();

    let top = repeated_top_level(&blocks);
    for (i, block) in blocks.iter().enumerate() {
        if top[i] {
            removed.push(Removal { kind: block.kind, range: block.range.clone() });
            cuts.push((whole_lines(markdown, &block.range, true), true));
            continue;
        }
        // Inside a kept list or table: an item or row said twice in the same list or table.
        let child_kind =
            if block.kind == BlockKind::Table { BlockKind::TableRow } else { BlockKind::ListItem };
        for line in &block.repeated_lines {
            removed.push(Removal { kind: BlockKind::Line, range: line.clone() });
            cuts.push((whole_lines(markdown, line, false), false));
        }
        for child in repeated_children(block) {
            removed.push(Removal { kind: child_kind, range: child.range.clone() });
            cuts.push((whole_lines(markdown, &child.range, false), false));
        }
    }
    if removed.is_empty() {
        return Pass { text: markdown.to_string(), removed, segments: Vec::new() };
    }
    removed.sort_by_key(|r| r.range.start);
    let (text, segments) = cut(markdown, cuts);
    Pass { text, removed, segments }
}

/// Which top-level blocks repeat earlier ones, alone or as part of a repeated run.
fn repeated_top_level(blocks: &[Block]) -> Vec<bool> {
    let n = blocks.len();
    let mut remove = vec![false; n];
    let mut first: HashMap<&Key, usize, Xxh3DefaultBuilder> = HashMap::default();
    let mut last_kept: Option<usize> = None;
    let mut j = 0;
    while j < n {
        let key = &blocks[j].key;
        let Some(&i) = first.get(key) else {
            first.insert(key, j);
            last_kept = Some(j);
            j += 1;
            continue;
        };
        // The longest run starting here that repeats the run starting at the first copy,
        // without overlapping it. Runs only grow past blocks not yet seen, so the total work
        // stays linear: a removed run is skipped as a whole.
        let mut len = 1;
        while j + len < n && i + len < j && blocks[i + len].key == blocks[j + len].key {
            len += 1;
        }
        let run = &blocks[j..j + len];
        let words: usize = run.iter().map(|b| b.key.words()).sum();
        if len >= 2 && (words >= MIN_WORDS_RUN || run.iter().any(|b| b.alone)) {
            for r in remove.iter_mut().skip(j).take(len) {
                *r = true;
            }
            j += len;
            continue;
        }
        let back_to_back =
            last_kept.is_some_and(|k| blocks[k].key == *key) && blocks[j].kind != BlockKind::Rule;
        if blocks[j].alone || back_to_back {
            remove[j] = true;
        } else {
            last_kept = Some(j);
        }
        j += 1;
    }
    remove
}

/// Items of a list, or rows of a table, that repeat an earlier one of the same parent.
fn repeated_children(block: &Block) -> Vec<&Child> {
    let flags = repeated_child_flags(&block.children);
    block.children.iter().zip(flags).filter(|(_, r)| *r).map(|(c, _)| c).collect()
}

/// For each child, whether it repeats an earlier one of the same parent.
fn repeated_child_flags(children: &[Child]) -> Vec<bool> {
    let mut first: HashMap<&Key, usize, Xxh3DefaultBuilder> = HashMap::default();
    let mut out = vec![false; children.len()];
    for (c, child) in children.iter().enumerate() {
        if matches!(child.key, Key::Unique(_)) {
            continue;
        }
        match first.get(&child.key) {
            Some(&prev) => {
                let exact = matches!(child.key, Key::Exact(..));
                out[c] = exact || child.key.words() >= MIN_WORDS_ALONE || prev + 1 == c;
            }
            None => {
                first.insert(&child.key, c);
            }
        }
    }
    out
}

/// Splits the body into top-level blocks with their keys and children.
fn parse_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut depth = 0usize;
    let mut unique = 0usize;
    let mut next_unique = || {
        unique += 1;
        Key::Unique(unique)
    };
    // The table row being collected: its range and its cells, exactly as written.
    let mut row: Option<(Range<usize>, Vec<String>, bool)> = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    let kind = match tag {
                        Tag::Paragraph => BlockKind::Paragraph,
                        Tag::Heading { .. } => BlockKind::Heading,
                        Tag::List(_) => BlockKind::List,
                        Tag::Table(_) => BlockKind::Table,
                        Tag::CodeBlock(_) => BlockKind::Code,
                        Tag::BlockQuote(_) => BlockKind::Quote,
                        Tag::HtmlBlock => BlockKind::Html,
                        _ => BlockKind::Other,
                    };
                    blocks.push(Block {
                        kind,
                        range: range.clone(),
                        key: Key::Unique(0),
                        alone: false,
                        children: Vec::new(),
                        rows: Vec::new(),
                        repeated_lines: Vec::new(),
                    });
                } else if depth == 1 {
                    if let Some(b) = blocks.last_mut() {
                        match tag {
                            Tag::Item if b.kind == BlockKind::List => {
                                let key =
                                    prose_key(BlockKind::ListItem, strip_marker(&markdown[range.clone()]));
                                b.children.push(Child { range: range.clone(), key });
                            }
                            Tag::TableHead => row = Some((range.clone(), Vec::new(), true)),
                            Tag::TableRow => row = Some((range.clone(), Vec::new(), false)),
                            _ => {}
                        }
                    }
                } else if depth == 2 && matches!(tag, Tag::TableCell) {
                    if let Some((_, cells, _)) = row.as_mut() {
                        cells.push(markdown[range.clone()].trim().to_string());
                    }
                }
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if depth == 1 && matches!(end, TagEnd::TableHead | TagEnd::TableRow) {
                    if let (Some((r, cells, head)), Some(b)) = (row.take(), blocks.last_mut()) {
                        let text = cells.join("\u{1f}");
                        // The header row is never removed on its own; every row counts in the
                        // table's key. Empty rows are never repeats.
                        let key = if head || cells.iter().all(String::is_empty) {
                            Key::Unique(0)
                        } else {
                            Key::Exact(BlockKind::TableRow, text.clone())
                        };
                        b.rows.push(text);
                        b.children.push(Child { range: r, key });
                    }
                }
            }
            Event::Rule if depth == 0 => blocks.push(Block {
                kind: BlockKind::Rule,
                range,
                key: Key::Exact(BlockKind::Rule, String::new()),
                alone: false,
                children: Vec::new(),
                rows: Vec::new(),
                repeated_lines: Vec::new(),
            }),
            Event::Html(_) if depth == 0 => blocks.push(Block {
                kind: BlockKind::Html,
                range: range.clone(),
                key: Key::Exact(BlockKind::Html, markdown[range].trim_end().to_string()),
                alone: false,
                children: Vec::new(),
                rows: Vec::new(),
                repeated_lines: Vec::new(),
            }),
            _ => {}
        }
    }
    for b in &mut blocks {
        let source = &markdown[b.range.clone()];
        b.key = match b.kind {
            BlockKind::Paragraph => {
                // A line said again right after itself inside one paragraph (a body that is
                // one line pasted many times) goes; the paragraph compares without it.
                // The paragraph's key is its kept lines' keys joined: normalising never
                // joins across a line break, so this is the key of the kept text.
                let mut kept = String::new();
                let mut previous = String::new();
                let mut at = b.range.start;
                for line in source.split_inclusive('\n') {
                    let key = normalize(line);
                    if !key.is_empty() && key == previous {
                        b.repeated_lines.push(at..at + line.len());
                    } else {
                        if !key.is_empty() {
                            if !kept.is_empty() {
                                kept.push(' ');
                            }
                            kept.push_str(&key);
                        }
                        previous = key;
                    }
                    at += line.len();
                }
                if kept.is_empty() {
                    Key::Unique(0)
                } else {
                    Key::Prose(b.kind, kept)
                }
            }
            BlockKind::Heading | BlockKind::Quote => prose_key(b.kind, source),
            BlockKind::Code => Key::Exact(BlockKind::Code, source.trim_end().to_string()),
            // Raw HTML is compared exactly: `<img …>` and `<object …>` have no text to fold,
            // and two different ones must never look alike.
            BlockKind::Html => Key::Exact(BlockKind::Html, source.trim_end().to_string()),
            BlockKind::Rule => b.key.clone(),
            // A list or table is compared as it will be once its own repeated items or rows
            // are gone, so cleaning twice finds nothing more.
            BlockKind::List => {
                let repeated = repeated_child_flags(&b.children);
                let items: Vec<String> = b
                    .children
                    .iter()
                    .zip(repeated)
                    .filter(|(_, r)| !r)
                    .map(|(c, _)| match &c.key {
                        Key::Prose(_, k) => k.clone(),
                        _ => String::new(),
                    })
                    .collect();
                Key::Prose(BlockKind::List, items.join("\u{1f}"))
            }
            BlockKind::Table => {
                let repeated = repeated_child_flags(&b.children);
                let rows: Vec<&str> =
                    b.rows.iter().zip(repeated).filter(|(_, r)| !r).map(|(row, _)| row.as_str()).collect();
                Key::Exact(BlockKind::Table, rows.join("\u{1e}"))
            }
            _ => next_unique(),
        };
        if let Key::Prose(_, k) | Key::Exact(_, k) = &b.key {
            if k.is_empty() && b.kind != BlockKind::Rule {
                b.key = next_unique();
            }
        }
        b.alone = match b.kind {
            BlockKind::Paragraph | BlockKind::Quote => b.key.words() >= MIN_WORDS_ALONE,
            BlockKind::List | BlockKind::Table | BlockKind::Code => !matches!(b.key, Key::Unique(_)),
            _ => false,
        };
    }
    blocks
}

fn prose_key(kind: BlockKind, source: &str) -> Key {
    let k = normalize(source);
    if k.is_empty() {
        Key::Unique(0)
    } else {
        Key::Prose(kind, k)
    }
}

/// A list item's source without its bullet or number, so `1. Foo` and `2. Foo` compare equal.
fn strip_marker(item: &str) -> &str {
    let t = item.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '*', '+']) {
        return rest;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        if let Some(rest) = t[digits..].strip_prefix(['.', ')']) {
            return rest;
        }
    }
    t
}

/// `range` grown to whole lines; with `blank_after`, also the blank lines that follow.
fn whole_lines(text: &str, range: &Range<usize>, blank_after: bool) -> Range<usize> {
    let bytes = text.as_bytes();
    let mut start = range.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    if text[line_start..start].bytes().all(|b| b == b' ' || b == b'\t') {
        start = line_start;
    }
    let mut end = range.end.min(text.len()).max(start);
    if blank_after {
        // Through the end of the block's last line, then every blank line after it.
        if end > start && bytes[end - 1] != b'\n' {
            match text[end..].find('\n') {
                Some(i) if text[end..end + i].trim().is_empty() => end += i + 1,
                None if text[end..].trim().is_empty() => end = text.len(),
                _ => {}
            }
        }
        loop {
            let rest = &text[end..];
            match rest.find('\n') {
                Some(i) if rest[..i].trim().is_empty() => end += i + 1,
                None if !rest.is_empty() && rest.trim().is_empty() => end = text.len(),
                _ => break,
            }
        }
    } else {
        // Only the block's own lines: a blank line after it may be what separates the list
        // or table from the next block.
        let inner = &text[start..end];
        let trimmed = inner.trim_end_matches([' ', '\t', '\n']);
        end = start + trimmed.len();
        if end < text.len() && bytes[end] == b'\n' {
            end += 1;
        }
    }
    start..end
}

/// The text without the cut ranges. A cut of whole top-level blocks keeps the blocks on
/// either side apart with one blank line (removing a heading must not join the paragraphs
/// around it); cuts inside a list or table change nothing else.
fn cut(text: &str, mut cuts: Vec<(Range<usize>, bool)>) -> (String, Vec<Segment>) {
    cuts.sort_by_key(|(r, _)| (r.start, r.end));
    let mut merged: Vec<(Range<usize>, bool)> = Vec::new();
    for (c, top) in cuts {
        match merged.last_mut() {
            Some((last, last_top)) if c.start <= last.end => {
                last.end = last.end.max(c.end);
                *last_top |= top;
            }
            _ => merged.push((c, top)),
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut segments = Vec::new();
    let mut pos = 0;
    for (c, top) in merged {
        segments.push((out.len(), pos));
        out.push_str(&text[pos..c.start]);
        pos = c.end;
        let rest = &text[c.end..];
        if rest.trim().is_empty() {
            // Nothing follows: end the text as the original ended.
            let kept = out.trim_end_matches(['\n', ' ', '\t']).len();
            out.truncate(kept);
            if !out.is_empty() && text.ends_with('\n') {
                out.push('\n');
            }
            pos = text.len();
            break;
        }
        if top && !out.is_empty() && !out.ends_with("\n\n") && !rest.starts_with('\n') {
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push('\n');
        }
    }
    segments.push((out.len(), pos));
    out.push_str(&text[pos..]);
    (out, segments)
}

#[cfg(test)]
mod tests {
    #[test]
    fn different_html_blocks_are_not_repeats() {
        let md = "<img src=\"a.png\" alt=\"\">\n\nText one here that is long enough to count.\n\n<object data=\"b.svg\"></object>\n";
        let (out, removed) = super::super::remove_repeated(md);
        assert_eq!(removed, 0, "{out}");
        assert!(out.contains("<object"));
        let twice = "<img src=\"a.png\">\n\n<img src=\"a.png\">\n";
        assert_eq!(super::super::remove_repeated(twice).1, 1);
    }

    use super::*;

    fn clean(md: &str) -> (String, usize) {
        let c = dedupe(md);
        (c.text, c.removed.len())
    }

    #[test]
    fn keeps_first_of_a_repeated_paragraph() {
        let md = "Alibaba will spend 380 billion yuan on AI.\n\nSecond point here.\n\nAlibaba will spend 380 billion yuan on AI!\n\nLast words.\n";
        let (text, n) = clean(md);
        assert_eq!(n, 1);
        assert_eq!(text, "Alibaba will spend 380 billion yuan on AI.\n\nSecond point here.\n\nLast words.\n");
    }

    #[test]
    fn different_figures_are_not_repeats() {
        let md = "Microsoft will spend $80 billion this year.\n\nMicrosoft will spend $60 billion this year.\n\nMicrosoft will spend $8.0 billion this year.\n";
        assert_eq!(clean(md).1, 0);
        let md =
            "Meta raised spending to 1.5 billion dollars.\n\nMeta raised spending to 15 billion dollars.\n";
        assert_eq!(clean(md).1, 0);
    }

    #[test]
    fn different_names_are_not_repeats() {
        let md = "Amazon plans to build three new data centres in Ohio.\n\nGoogle plans to build three new data centres in Ohio.\n";
        assert_eq!(clean(md).1, 0);
    }

    #[test]
    fn a_restarted_body_goes_as_a_whole_run() {
        let body = "## Why now\n\nShort line.\n\nMicrosoft said it will spend $80 billion in fiscal 2025.\n\n- one\n- two\n\n| A | B |\n|---|---|\n| 1 | 2 |\n";
        // The second copy differs only in spacing and punctuation.
        let again = "##  Why now!\n\nShort line\n\nMicrosoft said it  will spend $80 billion in fiscal 2025\n\n* one\n* two\n\n| A | B |\n|---|---|\n| 1 | 2 |\n";
        let md = format!("{body}\n{again}");
        let c = dedupe(&md);
        assert_eq!(c.text.trim_end(), body.trim_end(), "{}", c.text);
        assert_eq!(c.removed.len(), 5, "{:?}", c.removed);
        assert_eq!(c.summary(), "5 repeated blocks removed (2 paragraphs, 1 heading, 1 list, 1 table)");
    }

    #[test]
    fn short_lines_repeated_far_apart_stay() {
        let md = "## Outlook\n\nFirst company text here is long.\n\n## Risks\n\nSomething else entirely different.\n\n## Outlook\n\nA third paragraph about another firm.\n";
        assert_eq!(clean(md).1, 0);
    }

    #[test]
    fn back_to_back_short_repeats_go() {
        let md = "Buy now!\n\nBuy now!\n\nBuy now!\n";
        let (text, n) = clean(md);
        assert_eq!(n, 2);
        assert_eq!(text, "Buy now!\n");
    }

    #[test]
    fn a_line_pasted_again_inside_one_paragraph() {
        let md = "Intro.\n\nSame line here.\nSame line here.\nSame line  here!\nOther line.\n";
        let c = dedupe(md);
        assert_eq!(c.text, "Intro.\n\nSame line here.\nOther line.\n");
        assert_eq!(c.summary(), "2 repeated lines removed");
        let md = "One line again.\n".repeat(100_000);
        assert_eq!(dedupe(&md).text, "One line again.\n");
    }

    #[test]
    fn code_blocks_compare_exactly() {
        let md = "```\nlet x = 1;\n```\n\n```\nlet  x = 1;\n```\n\n```\nlet x = 1;\n```\n";
        let (text, n) = clean(md);
        assert_eq!(n, 1);
        assert_eq!(text, "```\nlet x = 1;\n```\n\n```\nlet  x = 1;\n```\n");
    }

    #[test]
    fn repeated_rows_and_items_inside_one_table_or_list() {
        let md = "| Company | Amount |\n|---|---|\n| Meta | $65 billion |\n| Meta | $65 billion |\n| Meta | $65  billion |\n\nText after the table here.\n";
        let (text, n) = clean(md);
        assert_eq!(n, 1, "{text}");
        assert!(text.contains("| Meta | $65  billion |"), "cells compare exactly: {text}");
        let md = "- Quarterly capex disclosures for every company\n- Power contracts\n- Quarterly capex disclosures for every company.\n\nAfter.\n";
        let (text, n) = clean(md);
        assert_eq!(n, 1);
        assert_eq!(text, "- Quarterly capex disclosures for every company\n- Power contracts\n\nAfter.\n");
    }

    #[test]
    fn removing_a_heading_keeps_blocks_apart() {
        let md = "Intro paragraph with enough words in it.\n\nSame heading\n\nBody text.\n## Same heading\nMore body text.\n";
        let (text, _) = clean(md);
        assert!(!text.contains("Body text.\nMore"), "{text}");
    }

    #[test]
    fn link_definitions_and_other_text_survive() {
        let md = "See [the filing][f] for the spending plan details.\n\nSee [the filing][f] for the spending plan details.\n\n[f]: https://example.com/f\n";
        let (text, n) = clean(md);
        assert_eq!(n, 1);
        assert_eq!(
            text,
            "See [the filing][f] for the spending plan details.\n\n[f]: https://example.com/f\n"
        );
    }

    #[test]
    fn a_cut_that_joins_two_lists_is_cleaned_in_the_same_run() {
        // Replays fuzz/regressions/dedup/second-pass-removes-more.md: removing the repeated
        // paragraph between two lists made them one list whose first items repeat, so
        // cleaning the result again removed more.
        let md = include_str!("../../fuzz/regressions/dedup/second-pass-removes-more.md");
        let once = dedupe(md);
        assert_eq!(once.removed.len(), 2, "{:?}", once.removed);
        assert_eq!(once.removed[0].kind, BlockKind::Paragraph);
        assert_eq!(once.removed[1].kind, BlockKind::ListItem);
        assert!(md[once.removed[1].range.clone()].starts_with("- Inversión de capital"));
        assert!(once.removed[1].range.start > once.removed[0].range.end);
        assert!(dedupe(&once.text).removed.is_empty(), "{}", once.text);
        let small = "Intro words here.\n\n- one two three four five six\n\nHeader line that repeats now.\n\n- other\n\nHeader line that repeats now.\n\n- one two three four five six\n";
        let cleaned = dedupe(small);
        assert!(dedupe(&cleaned.text).removed.is_empty(), "{}", cleaned.text);
        assert_eq!(cleaned.text.matches("one two three").count(), 1, "{}", cleaned.text);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for md in [
            "",
            "\n\n",
            "x",
            "# ",
            "|a|\n|-|\n",
            "> \n>\n",
            "🚀🚀🚀\n\n🚀🚀🚀\n",
            "- \n- \n",
            "```",
            "[^1]: a\n\n[^1]: a\n",
        ] {
            let c = dedupe(md);
            assert!(c.text.len() <= md.len());
        }
    }

    #[test]
    fn one_line_repeated_many_times_is_fast_and_collapses() {
        let md = "The same long line that a broken scraper captured again.\n\n".repeat(20_000);
        let start = std::time::Instant::now();
        let (text, n) = clean(&md);
        assert_eq!(n, 19_999);
        assert_eq!(text, "The same long line that a broken scraper captured again.\n");
        assert!(start.elapsed().as_secs() < 20);
        let md = "Hi.\n\n".repeat(20_000);
        assert_eq!(clean(&md).0, "Hi.\n");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Cleaning twice removes nothing more, never grows the text, and keeps every
        /// distinct passage at least once.
        #[test]
        fn cleaning_is_idempotent_and_loses_no_passage(
            picks in proptest::collection::vec((0usize..10, proptest::bool::ANY), 0..24)
        ) {
            let blocks = [
                "Microsoft will spend $80 billion on data centres this year.",
                "Microsoft will spend $60 billion on data centres this year.",
                "## Outlook",
                "- GPUs and memory supply\n- Power contracts",
                "| A | B |\n|---|---|\n| 1 | 2 |",
                "```\ncode = 1\n```",
                "Short line.",
                "> Quoted words from the chief executive today.",
                "---",
                "🚀 阿里巴巴 invests ١٢٣ billion — «рост».\n🚀 阿里巴巴 invests ١٢٣ billion — «рост».",
            ];
            let mut md = String::new();
            for (i, tight) in &picks {
                md.push_str(blocks[*i]);
                md.push_str(if *tight { "\n" } else { "\n\n" });
            }
            let once = dedupe(&md);
            proptest::prop_assert!(once.text.len() <= md.len());
            let twice = dedupe(&once.text);
            proptest::prop_assert!(twice.removed.is_empty(), "{:?}\n{}\n{:?}", md, once.text, twice.removed);
            for (i, _) in &picks {
                let first_word = blocks[*i].split_whitespace().nth(1).unwrap_or("");
                proptest::prop_assert!(once.text.contains(first_word), "lost {:?} from {:?}", blocks[*i], md);
            }
        }
    }
}
