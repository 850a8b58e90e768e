//! HTML elements turned into Markdown blocks: headings, paragraphs, lists, tables, quotes,
//! code, links (made absolute against the page's address and checked against the URL
//! policy) and images with alt text. Scripts, menus, forms, captions and elements whose class
//! says they are chrome (`share-bar`, `related`, `newsletter`) are left out and listed.

use super::super::wrap::Wrapping;
use super::classes;
use crate::html::{self, ElementRef, Node};
use ego_tree::NodeRef;
use scraper::node::Element;

/// Elements whose content is never article text.
const SKIPPED: [&str; 18] = [
    "head", "script", "style", "noscript", "template", "svg", "math", "nav", "footer", "aside", "form",
    "button", "select", "iframe", "object", "dialog", "input", "title",
];

/// Elements that end the paragraph being written.
const BLOCKS: [&str; 18] = [
    "p", "div", "section", "article", "main", "header", "figure", "dd", "dt", "dl", "address", "details",
    "summary", "hgroup", "center", "hr", "li", "caption",
];

/// Nesting deeper than this is read as plain text, so a pathological page cannot exhaust the
/// stack.
const MAX_DEPTH: usize = 120;

/// What converting gave.
#[derive(Debug, Default)]
pub(crate) struct Converted {
    /// Markdown blocks in order; `true` marks a list item (items of one list stay together).
    pub(crate) blocks: Vec<(String, bool)>,
    /// Chrome left out: what it was and its text.
    pub(crate) left_out: Vec<(&'static str, String)>,
    /// Deks (standfirsts), by their class: the summary, not the body.
    pub(crate) deks: Vec<String>,
}

impl Converted {
    /// The blocks as Markdown lines, list items one per line and other blocks apart.
    pub(crate) fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut previous_item = false;
        for (block, item) in &self.blocks {
            let same_list = previous_item && *item;
            if !out.is_empty() && !same_list {
                out.push(String::new());
            }
            out.extend(block.split('\n').map(str::to_string));
            previous_item = *item;
        }
        out
    }
}

/// Converts `roots` (in order). `base` makes relative links absolute.
pub(crate) fn convert(roots: &[ElementRef<'_>], base: Option<&ammonia::Url>) -> Converted {
    let mut c = Converter {
        base,
        out: Converted::default(),
        inline: String::new(),
        prefix: String::new(),
        lists: Vec::new(),
        quote: 0,
        breaks: 0,
    };
    for root in roots {
        c.node(**root, 0);
        c.flush();
    }
    c.out
}

struct Converter<'b> {
    base: Option<&'b ammonia::Url>,
    out: Converted,
    inline: String,
    /// A list marker or heading hashes waiting for the text of their block.
    prefix: String,
    /// Open lists: ordered, and the number of the last item.
    lists: Vec<(bool, usize)>,
    quote: usize,
    /// `<br>`s in a row.
    breaks: usize,
}

impl Converter<'_> {
    fn node(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        let value: &Node = node.value();
        match value {
            Node::Text(t) => self.text(&t.text),
            Node::Element(e) => {
                if let Some(el) = ElementRef::wrap(node) {
                    if depth > MAX_DEPTH {
                        self.text(&html::text(el));
                    } else {
                        self.element(el, e, depth);
                    }
                }
            }
            _ => {}
        }
    }

    fn children(&mut self, el: ElementRef<'_>, depth: usize) {
        for child in el.children() {
            self.node(child, depth + 1);
        }
    }

    fn element(&mut self, el: ElementRef<'_>, e: &Element, depth: usize) {
        let name = e.name();
        if name != "br" {
            self.breaks = 0;
        }
        if SKIPPED.contains(&name) {
            if matches!(name, "nav" | "footer" | "aside" | "form") {
                self.leave_out(if name == "form" { "newsletter sign-up" } else { "navigation" }, el);
            }
            return;
        }
        if name == "figcaption" {
            self.leave_out("photo caption or credit", el);
            return;
        }
        if let Some(what) = classes::chrome(e).filter(|_| depth > 0) {
            self.leave_out(what, el);
            return;
        }
        // A dek chosen as one of the article's parts (a paragraph beside the story's body) is
        // still a dek; a container with a dek's class is only one below the top.
        if (depth > 0 || name == "p")
            && classes::dek(e)
            && !matches!(name, "h1" | "article" | "main" | "body")
        {
            let text = html::text(el);
            if !text.is_empty() {
                self.out.deks.push(text);
            }
            return;
        }
        match name {
            "br" => {
                self.breaks += 1;
                if self.breaks >= 2 {
                    self.flush();
                } else {
                    self.inline.push('\n');
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level: usize = name[1..].parse().unwrap_or(2);
                self.prefix = format!("{} ", "#".repeat(level));
                self.children(el, depth);
                self.flush();
            }
            "ul" | "ol" => {
                self.flush();
                self.lists.push((name == "ol", 0));
                self.children(el, depth);
                self.flush();
                self.lists.pop();
            }
            "li" => {
                self.flush();
                let indent = "  ".repeat(self.lists.len().saturating_sub(1));
                let marker = match self.lists.last_mut() {
                    Some((true, n)) => {
                        *n += 1;
                        format!("{n}. ")
                    }
                    _ => "- ".to_string(),
                };
                self.prefix = format!("{indent}{marker}");
                self.children(el, depth);
                self.flush();
            }
            "blockquote" => {
                self.flush();
                self.quote += 1;
                self.children(el, depth);
                self.flush();
                self.quote -= 1;
            }
            "pre" => {
                self.flush();
                let code: String = el.text().collect();
                let fence = if code.contains("```") { "~~~" } else { "```" };
                self.push_block(format!("{fence}\n{}\n{fence}", code.trim_matches('\n')), false);
            }
            "table" => {
                self.flush();
                if let Some(md) = table(el) {
                    self.push_block(md, false);
                }
            }
            "a" => self.link(el, depth),
            "img" => self.image(e),
            "strong" | "b" => self.wrapped(el, depth, "**"),
            "em" | "i" => self.wrapped(el, depth, "*"),
            "code" => self.wrapped(el, depth, "`"),
            _ if BLOCKS.contains(&name) => {
                self.flush();
                self.children(el, depth);
                self.flush();
            }
            _ => self.children(el, depth),
        }
    }

    /// Lists an element left out: as the furniture its text is, else as what its tag or class
    /// says (`what`).
    fn leave_out(&mut self, what: &'static str, el: ElementRef<'_>) {
        let text = html::text(el);
        if !text.is_empty() {
            let what = crate::furniture::line(&text).map_or(what, crate::furniture::Kind::label);
            self.out.left_out.push((what, text));
        }
    }

    fn wrapped(&mut self, el: ElementRef<'_>, depth: usize, marker: &str) {
        let inner = html::text(el);
        if inner.is_empty() {
            return;
        }
        // A space at either end stays outside the markers, or they would not close.
        let space_before = el.text().next().is_some_and(|t| t.starts_with(char::is_whitespace));
        if space_before && !self.inline.is_empty() && !self.inline.ends_with([' ', '\n']) {
            self.inline.push(' ');
        }
        self.inline.push_str(marker);
        let start = self.inline.len();
        self.children(el, depth);
        // A block inside (`<b><p>…</p></b>`) has already written the text out.
        let Some(inner) = self.inline.get(start..) else { return };
        let trimmed = inner.trim().to_string();
        self.inline.truncate(start);
        self.inline.push_str(&trimmed);
        self.inline.push_str(marker);
        if el.text().last().is_some_and(|t| t.ends_with(char::is_whitespace)) {
            self.inline.push(' ');
        }
    }

    fn link(&mut self, el: ElementRef<'_>, depth: usize) {
        let href = el.value().attr("href").and_then(|h| self.absolute(h));
        let start = self.inline.len();
        self.children(el, depth);
        let Some(href) = href else { return };
        let Some(text) = self.inline.get(start..).map(|t| t.trim().to_string()) else { return };
        if text.is_empty() || text.contains('\n') {
            return;
        }
        self.inline.truncate(start);
        self.inline.push_str(&format!("[{text}]({href})"));
    }

    /// An image with alt text a reader would want; icons, pixels and credits are left out.
    fn image(&mut self, e: &Element) {
        let alt = html::collapse_space(e.attr("alt").unwrap_or(""));
        let src = e.attr("src").filter(|s| !s.starts_with("data:")).or_else(|| e.attr("data-src"));
        let tiny = ["width", "height"].iter().any(|a| {
            e.attr(a).and_then(|v| v.trim_end_matches("px").parse::<u32>().ok()).is_some_and(|n| n <= 32)
        });
        let furniture = alt.is_empty()
            || alt.split_whitespace().count() < 2
            || crate::furniture::line(&alt).is_some()
            || alt.to_lowercase().contains("logo")
            || alt.to_lowercase().contains("icon");
        let Some(src) = src.and_then(|s| self.absolute(s)) else { return };
        if tiny || furniture {
            if !alt.is_empty() {
                self.out.left_out.push(("image", alt));
            }
            return;
        }
        let alt = alt.replace(['[', ']'], "");
        self.inline.push_str(&format!("![{alt}]({src})"));
    }

    /// A link target made absolute, if the URL policy allows it and it goes somewhere.
    fn absolute(&self, href: &str) -> Option<String> {
        let href = href.trim();
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        let joined = match (ammonia::Url::parse(href), self.base) {
            (Ok(u), _) => u,
            (Err(_), Some(base)) => base.join(href).ok()?,
            (Err(_), None) => return None,
        };
        if !matches!(joined.scheme(), "http" | "https" | "mailto") {
            return None;
        }
        let cleaned = crate::url_policy::check_url(joined.as_str()).ok()?;
        Some(cleaned.as_str().replace(')', "%29").replace('(', "%28"))
    }

    fn text(&mut self, t: &str) {
        if t.trim().is_empty() {
            if !self.inline.is_empty() && !self.inline.ends_with([' ', '\n']) {
                self.inline.push(' ');
            }
            return;
        }
        self.breaks = 0;
        let escaped = escape_markdown(t);
        let mut collapsed = String::with_capacity(escaped.len());
        let mut space = t.starts_with(char::is_whitespace)
            && !self.inline.is_empty()
            && !self.inline.ends_with([' ', '\n']);
        for word in escaped.split_whitespace() {
            if space {
                collapsed.push(' ');
            }
            collapsed.push_str(word);
            space = true;
        }
        if t.ends_with(char::is_whitespace) {
            collapsed.push(' ');
        }
        self.inline.push_str(&collapsed);
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.inline);
        // Emphasis markers left open by a block inside them carry no text.
        let lines: Vec<&str> =
            text.split('\n').map(str::trim).filter(|l| !l.trim_matches(['*', '`', ' ']).is_empty()).collect();
        if lines.is_empty() {
            // Keep a pending `- ` or `## ` for the text still to come (`<li><p>…`).
            return;
        }
        // Lines that `<br>` separates are one paragraph when the next carries the sentence
        // on (`wrapped at 250` / `billion yuan`), else blocks of their own: old pages set a
        // headline, a date line and paragraphs apart with `<br>` alone.
        let mut groups: Vec<Vec<&str>> = Vec::new();
        for line in lines {
            match groups.last_mut() {
                Some(g) if g.last().is_some_and(|prev| Wrapping::default().continues(prev, line, false)) => {
                    g.push(line)
                }
                _ => groups.push(vec![line]),
            }
        }
        let prefix = std::mem::take(&mut self.prefix);
        let quote = "> ".repeat(self.quote);
        let item = !prefix.is_empty() && !prefix.starts_with('#');
        for (i, group) in groups.iter().enumerate() {
            let body = group.join(&format!("\n{quote}"));
            let lead = if i == 0 { prefix.as_str() } else { "" };
            self.push_block(format!("{quote}{lead}{body}"), item && i == 0);
        }
    }

    fn push_block(&mut self, block: String, item: bool) {
        self.out.blocks.push((block, item));
    }
}

/// Escapes the characters that would make article text into Markdown syntax.
fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            _ => out.push(c),
        }
    }
    out
}

/// A GitHub-style Markdown table from an HTML table; the first row is the header.
fn table(el: ElementRef<'_>) -> Option<String> {
    let rows: Vec<Vec<String>> = html::select_in(el, "tr")
        .into_iter()
        .map(|tr| {
            tr.children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(|c| escape_markdown(&html::text(c)).replace('|', "\\|"))
                .collect::<Vec<_>>()
        })
        .filter(|r| !r.is_empty())
        .collect();
    let width = rows.iter().map(Vec::len).max()?;
    let mut md = String::new();
    for (i, row) in rows.iter().enumerate() {
        md.push('|');
        for c in 0..width {
            md.push(' ');
            md.push_str(row.get(c).map_or("", String::as_str));
            md.push_str(" |");
        }
        md.push('\n');
        if i == 0 {
            md.push('|');
            md.push_str(&"---|".repeat(width));
            md.push('\n');
        }
    }
    Some(md.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(page: &str) -> String {
        let doc = html::parse(page);
        let body = html::select(&doc, "body").into_iter().next().unwrap_or(doc.root_element());
        let base = ammonia::Url::parse("https://news.example.com/a/b").ok();
        convert(&[body], base.as_ref()).lines().join("\n")
    }

    #[test]
    fn a_standfirst_chosen_among_the_article_parts_is_a_dek() {
        let page = "<html><body><h1>Solar farm to power new campus</h1><p class=\"standfirst\">The operator says the deal is its largest yet.</p><p>The company signed a contract for 300 megawatts on Tuesday.</p></body></html>";
        let doc = html::parse(page);
        let parts: Vec<_> = html::select(&doc, "p").into_iter().collect();
        let out = convert(&parts, None);
        assert_eq!(out.lines().join("\n"), "The company signed a contract for 300 megawatts on Tuesday.");
        assert_eq!(out.deks, ["The operator says the deal is its largest yet."]);
    }

    #[test]
    fn keeps_article_structure_and_drops_furniture() {
        let page = "<html><head><title>x</title><script>var a = '<p>';</script></head><body>\n<nav><a href=\"/\">Home</a></nav>\n<h1>Big &amp; bold</h1>\n<p>One <a href=\"/x\">link</a> and <b>bold</b>.</p>\n<ul><li>first</li><li>second</li></ul>\n<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2|3</td></tr></table>\n<div class=\"share-bar\">Share Facebook</div><footer>© site</footer></body></html>";
        assert_eq!(
            md(page),
            "# Big & bold\n\nOne [link](https://news.example.com/x) and **bold**.\n\n- first\n- second\n\n| a | b |\n|---|---|\n| 1 | 2\\|3 |"
        );
    }

    #[test]
    fn list_items_keep_their_marker_around_paragraphs() {
        assert_eq!(md("<h1>T</h1><ol><li><p>one</p></li><li>two</li></ol>"), "# T\n\n1. one\n2. two");
    }

    #[test]
    fn unsafe_links_become_text_and_images_need_alt() {
        let page = r#"<p><a href="javascript:alert(1)">click</a> <img src="/p.jpg" alt="Oracle's campus in Abilene, Texas"> <img src="/icon.png" alt="Facebook icon"> <img src="/pixel.gif" width="1" height="1" alt=""></p>"#;
        assert_eq!(md(page), "click ![Oracle's campus in Abilene, Texas](https://news.example.com/p.jpg)");
    }

    #[test]
    fn line_breaks_and_plain_text_in_divs() {
        assert_eq!(
            md("<div>First line<br>same paragraph<br><br>Second paragraph</div>"),
            "First line\nsame paragraph\n\nSecond paragraph"
        );
    }

    #[test]
    fn markdown_characters_in_text_are_escaped() {
        assert_eq!(md("<p>5*3 [x] <b> a_b</b></p>"), "5\\*3 \\[x\\] **a\\_b**");
    }
}
