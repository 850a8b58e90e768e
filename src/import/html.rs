//! A saved HTML page turned into Markdown lines: scripts, navigation, asides, forms and the
//! site's footer dropped; headings, paragraphs, lists, tables, quotes, code and links kept.
//! Each line remembers the line of the HTML it came from, so messages point into the file.

/// Elements whose whole content is page furniture, not article text.
const SKIPPED: [&str; 14] = [
    "head", "script", "style", "noscript", "template", "svg", "nav", "aside", "footer", "form", "button",
    "iframe", "select", "object",
];

/// Elements that end the current block.
const BLOCKS: [&str; 20] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "figure",
    "figcaption",
    "hr",
    "dd",
];

/// Markdown lines with the 1-based HTML line each came from; blocks are separated by blank lines.
pub(crate) fn to_markdown_lines(html: &str) -> Vec<(usize, String)> {
    let mut c = Converter::new(html);
    let (start, end) = article_range(html).unwrap_or((0, html.len()));
    c.run(start, end);
    c.finish()
}

/// The `<article>` (else `<main>`) element that holds the first `<h1>`, as a byte range:
/// related stories, newsletter boxes and the like outside it are page furniture.
fn article_range(html: &str) -> Option<(usize, usize)> {
    let lower = html.to_ascii_lowercase();
    let h1 = lower.find("<h1")?;
    for name in ["article", "main"] {
        let open = format!("<{name}");
        let close = format!("</{name}");
        let is_tag =
            |at: usize| lower[at + open.len()..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace());
        let Some(start) = lower[..h1].match_indices(&open).map(|(i, _)| i).filter(|&i| is_tag(i)).last()
        else {
            continue;
        };
        // Find the matching end tag, counting nested elements of the same name.
        let mut depth = 0usize;
        let mut at = start;
        while at < lower.len() {
            let next_open = lower[at..].find(&open).map(|p| p + at);
            let next_close = lower[at..].find(&close).map(|p| p + at)?;
            match next_open {
                Some(o) if o < next_close => {
                    if is_tag(o) {
                        depth += 1;
                    }
                    at = o + open.len();
                }
                _ => {
                    depth = depth.saturating_sub(1);
                    at = next_close + close.len();
                    if depth == 0 {
                        if next_close > h1 {
                            let end = lower[at..].find('>').map_or(lower.len(), |p| p + at + 1);
                            return Some((start, end));
                        }
                        break;
                    }
                }
            }
        }
    }
    None
}

struct Table {
    rows: Vec<Vec<String>>,
    cell: Option<String>,
    line: usize,
}

struct Converter<'a> {
    html: &'a str,
    newlines: Vec<usize>,
    /// Blocks with their first HTML line and whether they are list items.
    out: Vec<(usize, String, bool)>,
    inline: String,
    inline_line: usize,
    prefix: String,
    skip: Vec<String>,
    lists: Vec<(bool, usize)>,
    quote_depth: usize,
    table: Option<Table>,
    pre: Option<(String, usize)>,
    link: Option<(String, usize)>,
    saw_h1: bool,
    before_h1: usize,
}

impl<'a> Converter<'a> {
    fn new(html: &'a str) -> Self {
        Converter {
            html,
            newlines: html.match_indices('\n').map(|(i, _)| i).collect(),
            out: Vec::new(),
            inline: String::new(),
            inline_line: 1,
            prefix: String::new(),
            skip: Vec::new(),
            lists: Vec::new(),
            quote_depth: 0,
            table: None,
            pre: None,
            link: None,
            saw_h1: false,
            before_h1: 0,
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&n| n < offset) + 1
    }

    fn run(&mut self, start: usize, end: usize) {
        let html = &self.html[..end];
        let mut i = start;
        while i < html.len() {
            let Some(lt) = html[i..].find('<').map(|p| p + i) else {
                self.text(&html[i..], i);
                break;
            };
            if lt > i {
                self.text(&html[i..lt], i);
            }
            let rest = &html[lt..];
            if rest.starts_with("<!--") {
                i = rest.find("-->").map_or(html.len(), |p| lt + p + 3);
                continue;
            }
            let Some(gt) = tag_end(rest) else {
                self.text(&html[lt..], lt);
                break;
            };
            let tag = &rest[1..gt];
            i = lt + gt + 1;
            if tag.starts_with('!') || tag.starts_with('?') {
                continue;
            }
            let closing = tag.starts_with('/');
            let body = tag.trim_start_matches('/');
            let name_end =
                body.find(|c: char| c.is_whitespace() || c == '/' || c == '>').unwrap_or(body.len());
            let name = body[..name_end].to_ascii_lowercase();
            if name.is_empty() || !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                self.text(&html[lt..i], lt);
                continue;
            }
            let self_closing = body.ends_with('/');
            if closing {
                self.end_tag(&name, lt);
            } else {
                self.start_tag(&name, &body[name_end..], self_closing, lt);
                // Raw-text elements: skip to their end tag without reading `<` inside as tags.
                if matches!(name.as_str(), "script" | "style") && !self_closing {
                    let close = format!("</{name}");
                    let lower_rest = html[i..].to_ascii_lowercase();
                    i = lower_rest.find(&close).map_or(html.len(), |p| i + p);
                }
            }
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &str, self_closing: bool, at: usize) {
        if !self.skip.is_empty() {
            if !self_closing && SKIPPED.contains(&name) {
                self.skip.push(name.to_string());
            }
            return;
        }
        if SKIPPED.contains(&name) {
            if !self_closing {
                self.skip.push(name.to_string());
            }
            return;
        }
        if let Some((buf, _)) = &mut self.pre {
            if name == "br" {
                buf.push('\n');
            }
            return;
        }
        match name {
            "br" => self.flush(at),
            "pre" => {
                self.flush(at);
                self.pre = Some((String::new(), self.line_of(at)));
            }
            "table" if self.table.is_none() => {
                self.flush(at);
                self.table = Some(Table { rows: Vec::new(), cell: None, line: self.line_of(at) });
            }
            "tr" if self.table.is_some() => {
                if let Some(t) = &mut self.table {
                    t.rows.push(Vec::new());
                }
            }
            "td" | "th" if self.table.is_some() => {
                self.close_cell();
                if let Some(t) = &mut self.table {
                    t.cell = Some(String::new());
                }
            }
            "ul" | "ol" => {
                self.flush(at);
                self.lists.push((name == "ol", 0));
            }
            "li" => {
                self.flush(at);
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some((true, n)) => {
                        *n += 1;
                        format!("{n}. ")
                    }
                    _ => "- ".to_string(),
                };
                self.prefix = format!("{}{marker}", "   ".repeat(depth));
            }
            "blockquote" => {
                self.flush(at);
                self.quote_depth += 1;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush(at);
                if name == "h1" && !self.saw_h1 {
                    // Whatever came before the first top heading is the site's masthead.
                    self.saw_h1 = true;
                    self.before_h1 = self.out.len();
                }
                let level = if name == "h1" { 1 } else { 2.max(name[1..].parse().unwrap_or(2)) };
                self.prefix = format!("{} ", "#".repeat(level));
            }
            "a" => {
                let href =
                    attr(attrs, "href").filter(|h| h.starts_with("http://") || h.starts_with("https://"));
                if let Some(h) = href {
                    self.link = Some((h, self.current_len()));
                }
            }
            "strong" | "b" => self.push_inline("**", at),
            "em" | "i" => self.push_inline("*", at),
            "code" => self.push_inline("`", at),
            _ if BLOCKS.contains(&name) => self.flush(at),
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &str, at: usize) {
        if let Some(top) = self.skip.last() {
            if top == name {
                self.skip.pop();
            }
            return;
        }
        if name == "pre" {
            if let Some((buf, line)) = self.pre.take() {
                let mut block = String::from("```\n");
                block.push_str(buf.trim_matches('\n'));
                block.push_str("\n```");
                self.emit(line, block);
            }
            return;
        }
        if self.pre.is_some() {
            return;
        }
        match name {
            "td" | "th" => self.close_cell(),
            "table" => {
                self.close_cell();
                if let Some(t) = self.table.take() {
                    if let Some(md) = table_markdown(&t.rows) {
                        self.emit(t.line, md);
                    }
                }
            }
            "ul" | "ol" => {
                self.flush(at);
                self.lists.pop();
            }
            "blockquote" => {
                self.flush(at);
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            "a" => {
                if let Some((href, start)) = self.link.take() {
                    let target = self.current_mut();
                    // The link may have opened in another buffer (a table cell); then `start`
                    // means nothing here and the text stays plain.
                    let linked = target.get(start..).map(|t| t.trim().to_string()).unwrap_or_default();
                    if !linked.is_empty() {
                        let text = linked;
                        target.truncate(start);
                        target.push_str(&format!("[{text}]({href})"));
                    }
                }
            }
            "strong" | "b" => self.push_inline("**", at),
            "em" | "i" => self.push_inline("*", at),
            "code" => self.push_inline("`", at),
            _ if BLOCKS.contains(&name) || name == "h1" => self.flush(at),
            _ => {}
        }
    }

    fn current_mut(&mut self) -> &mut String {
        match &mut self.table {
            Some(Table { cell: Some(cell), .. }) => cell,
            _ => &mut self.inline,
        }
    }

    fn current_len(&mut self) -> usize {
        self.current_mut().len()
    }

    fn push_inline(&mut self, marker: &str, at: usize) {
        if self.inline.is_empty() && self.table.is_none() {
            self.inline_line = self.line_of(at);
        }
        self.current_mut().push_str(marker);
    }

    fn text(&mut self, raw: &str, at: usize) {
        if !self.skip.is_empty() {
            return;
        }
        let decoded = decode_entities(raw);
        if let Some((buf, _)) = &mut self.pre {
            buf.push_str(&decoded);
            return;
        }
        let collapsed = collapse_space(&escape_markdown(&decoded));
        if collapsed.trim().is_empty() && self.current_len() == 0 {
            return;
        }
        if self.table.as_ref().is_some_and(|t| t.cell.is_some()) {
            self.current_mut().push_str(&collapsed.replace('|', "\\|"));
            return;
        }
        if self.table.is_some() {
            return;
        }
        if self.inline.trim().is_empty() {
            let lead = raw.len() - raw.trim_start().len();
            self.inline_line = self.line_of(at + lead);
        }
        self.inline.push_str(&collapsed);
    }

    fn close_cell(&mut self) {
        if let Some(t) = &mut self.table {
            if let Some(cell) = t.cell.take() {
                let cell = cell.trim().to_string();
                match t.rows.last_mut() {
                    Some(row) => row.push(cell),
                    None => t.rows.push(vec![cell]),
                }
            }
        }
    }

    fn flush(&mut self, _at: usize) {
        if self.inline.trim().is_empty() || self.table.is_some() {
            // Keep a pending `- ` or `## ` for the text still to come (`<li><p>…`).
            self.inline.clear();
            return;
        }
        let text = std::mem::take(&mut self.inline);
        let prefix = std::mem::take(&mut self.prefix);
        let text = text.trim();
        let quote = "> ".repeat(self.quote_depth);
        let item = !self.lists.is_empty() && !prefix.is_empty();
        self.out.push((self.inline_line, format!("{quote}{prefix}{text}"), item));
    }

    fn emit(&mut self, line: usize, block: String) {
        self.out.push((line, block, false));
    }

    fn finish(mut self) -> Vec<(usize, String)> {
        self.flush(self.html.len());
        let start = if self.saw_h1 { self.before_h1 } else { 0 };
        let mut lines: Vec<(usize, String)> = Vec::new();
        let mut previous_item = false;
        for (line, block, item) in self.out.into_iter().skip(start) {
            // Items of one list stay together, so the list stays tight.
            if previous_item && item && lines.last().is_some_and(|(_, l)| l.is_empty()) {
                lines.pop();
            }
            previous_item = item;
            for l in block.split('\n') {
                lines.push((line, l.to_string()));
            }
            lines.push((line, String::new()));
        }
        lines
    }
}

/// Index of the `>` that ends the tag at the start of `s`, honouring quoted attributes.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in a tag's attribute text.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name).map(|p| p + from) {
        let before_ok = p == 0 || lower[..p].ends_with(|c: char| c.is_whitespace());
        let after = lower[p + name.len()..].trim_start();
        if before_ok && after.starts_with('=') {
            let value_start = attrs.len() - after.len() + 1;
            let v = attrs[value_start..].trim_start();
            let value = match v.chars().next() {
                Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
                _ => v.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
            };
            return Some(decode_entities(value));
        }
        from = p + name.len();
    }
    None
}

fn collapse_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    out
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

/// Decodes the character references news pages use; unknown ones are kept as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&tail[1..e]));
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "aacute" => 'á',
        "eacute" => 'é',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "Aacute" => 'Á',
        "Eacute" => 'É',
        "Iacute" => 'Í',
        "Oacute" => 'Ó',
        "Uacute" => 'Ú',
        "Ntilde" => 'Ñ',
        "uuml" => 'ü',
        "iquest" => '¿',
        "iexcl" => '¡',
        _ => return None,
    })
}

/// A GitHub-style Markdown table; the first row is the header.
fn table_markdown(rows: &[Vec<String>]) -> Option<String> {
    let rows: Vec<&Vec<String>> = rows.iter().filter(|r| !r.is_empty()).collect();
    let width = rows.iter().map(|r| r.len()).max()?;
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

/// Reads an HTML page.
pub(crate) fn read(
    html: &str,
    opts: &super::text::ReadOptions<'_>,
) -> Result<super::text::Scraped, super::text::ShapeError> {
    let owned = to_markdown_lines(html);
    let lines: Vec<super::text::Line<'_>> = owned.iter().map(|(n, l)| (*n, l.as_str())).collect();
    super::text::parse(&lines, opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        to_markdown_lines(html).into_iter().map(|(_, l)| l).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn keeps_article_structure_and_drops_furniture() {
        let html = "<html><head><title>x</title><script>var a = '<p>';</script></head><body>\n<nav><a href=\"/\">Home</a></nav>\n<p>Masthead</p>\n<h1>Big &amp; bold</h1>\n<p>One <a href=\"https://example.org/\">link</a> and <b>bold</b>.</p>\n<ul><li>first</li><li>second</li></ul>\n<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2|3</td></tr></table>\n<footer>© site</footer></body></html>";
        let md = text(html);
        assert_eq!(
            md,
            "# Big & bold\n\nOne [link](https://example.org/) and **bold**.\n\n- first\n- second\n\n| a | b |\n|---|---|\n| 1 | 2\\|3 |\n"
        );
    }

    #[test]
    fn list_items_keep_their_marker_around_paragraphs() {
        assert_eq!(text("<h1>T</h1><ol><li><p>one</p></li><li>two</li></ol>"), "# T\n\n1. one\n2. two\n");
    }

    #[test]
    fn only_the_article_with_the_headline_is_read() {
        let html = "<body><div>Top</div><main><article><h1>T</h1><p>Body.</p><article><p>Nested.</p></article></article><div>Related story</div></main><p>Footer text</p></body>";
        assert_eq!(text(html), "# T\n\nBody.\n\nNested.\n");
        assert_eq!(text("<main><h1>T</h1><p>Body.</p></main><p>After</p>"), "# T\n\nBody.\n");
        assert_eq!(text("<h1>T</h1><p>Body.</p><article><p>Other</p></article>"), "# T\n\nBody.\n\nOther\n");
    }

    #[test]
    fn lines_point_into_the_html() {
        let lines = to_markdown_lines("<h1>T</h1>\n\n<p>\n  Body\n</p>");
        assert_eq!(lines[0], (1, "# T".to_string()));
        assert_eq!(lines[2], (4, "Body".to_string()));
    }

    #[test]
    fn entities_and_escapes() {
        assert_eq!(decode_entities("a&nbsp;b &#8364; &#x20AC; &bogus; &"), "a b € € &bogus; &");
        assert_eq!(escape_markdown("5*3 <b>"), "5\\*3 &lt;b>");
    }
}
