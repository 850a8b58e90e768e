//! One Markdown body to HTML. Each feature is a pass over pulldown-cmark's events: heading
//! ids, syntect-highlighted code, hardened links; raw HTML is sanitised unless trusted.

use super::escape_html;
use super::highlight::Highlighter;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::HashMap;

/// A heading of the body, for a table of contents.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The `id` attribute (stable: derived from the text, numbered when repeated).
    pub id: String,
    /// Plain text.
    pub text: String,
}

/// The result of rendering one body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML fragment.
    pub html: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Words of prose (for reading time).
    pub words: usize,
    /// Plain text of the first paragraph (fallback summary).
    pub first_paragraph: String,
    /// The HTML was cut at [`html_cap`] bytes (the source amplifies, e.g. one long link
    /// reference used thousands of times); the build warns.
    pub truncated: bool,
    /// Links and images the URL policy refused, left out of the HTML; the build warns.
    pub dropped_urls: Vec<DroppedUrl>,
}

/// A link or image destination the URL policy refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedUrl {
    /// The destination as the Markdown gave it.
    pub url: String,
    /// An image (else a link).
    pub image: bool,
    /// Why it was refused.
    pub reason: String,
    /// The first line of the link's Markdown (`[text](…)`), to find it in the file.
    pub source: String,
}

/// Most HTML one body may render to: room for any real article (a 50 MB one renders
/// whole), but bounded when a small input is built to expand, such as a long link
/// reference definition used 100,000 times.
pub fn html_cap(markdown_len: usize) -> usize {
    (8usize << 20).saturating_add(markdown_len.saturating_mul(4))
}

/// Per-page rendering switches.
#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
    /// Keep raw HTML as written (site or article opted in with `unsafe_html: true`).
    pub trust_html: bool,
    /// The site's own host, so links to it are not marked external.
    pub site_host: String,
}

/// What a build shares across every page's Markdown: syntaxes and the sanitiser.
pub struct MarkdownEngine {
    highlighter: Highlighter,
    sanitizer: ammonia::Builder<'static>,
}

impl std::fmt::Debug for MarkdownEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MarkdownEngine").finish_non_exhaustive()
    }
}

impl Default for MarkdownEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl MarkdownEngine {
    /// Loads syntaxes and configures the sanitiser (once per build).
    pub fn new() -> Self {
        let mut sanitizer = ammonia::Builder::default();
        sanitizer
            .add_tags(["input", "figure", "figcaption", "section"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("span", ["class"])
            .add_tag_attributes("code", ["class"])
            .add_tag_attributes("pre", ["class", "data-lang"])
            .add_tag_attributes("div", ["class", "id"])
            .add_tag_attributes("sup", ["class", "id"])
            .add_tag_attributes("li", ["id"])
            .add_tag_attributes("section", ["class"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("th", ["style"])
            // Table cells carry pulldown-cmark's alignment style; any other CSS (a `url()`
            // that tracks readers) is dropped.
            .attribute_filter(|_element, attribute, value| match attribute {
                "style" if !is_alignment_style(value) => None,
                // The same URL policy as Markdown links and front matter.
                "href" | "src" | "cite" => {
                    crate::url_policy::check_url(value).ok().map(|c| c.into_string().into())
                }
                _ => Some(value.into()),
            })
            .url_schemes(crate::url_policy::ALLOWED_SCHEMES.into_iter().collect())
            .add_tag_attributes("a", ["id"])
            .link_rel(Some("noopener noreferrer"));
        for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            sanitizer.add_tag_attributes(h, ["id"]);
        }
        MarkdownEngine { highlighter: Highlighter::new(), sanitizer }
    }

    /// The highlighter, for callers that need the stylesheet or code outside Markdown.
    pub fn highlighter(&self) -> &Highlighter {
        &self.highlighter
    }
}

/// `text-align: left|center|right`, the only style a table cell keeps.
fn is_alignment_style(value: &str) -> bool {
    matches!(
        value.trim().trim_end_matches(';').replace(' ', "").as_str(),
        "text-align:left" | "text-align:center" | "text-align:right"
    )
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `markdown` to HTML.
pub fn render(markdown: &str, options: &MarkdownOptions, engine: &MarkdownEngine) -> Rendered {
    let mut out = Rendered::default();
    let events = drop_refused_urls(markdown, options, &mut out.dropped_urls);
    let mut has_raw_html = false;
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut events_out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut iter = events.into_iter().peekable();
    let mut in_first_paragraph = 0u8; // 0 before, 1 inside, 2 done
    while let Some(event) = iter.next() {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs: _ }) => {
                let mut inner = Vec::new();
                for e in iter.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push(e);
                }
                let text = plain_text(&inner);
                out.words += text.split_whitespace().count();
                let base = match &id {
                    Some(i) => slug::slugify(i.as_ref()),
                    None => slug::slugify(&text),
                };
                let base = if base.is_empty() { "section".to_string() } else { base };
                let n = ids.entry(base.clone()).or_insert(0);
                let unique = if *n == 0 { base.clone() } else { format!("{base}-{n}") };
                *n += 1;
                let lvl = heading_number(level);
                let mut inner_html = String::new();
                pulldown_cmark::html::push_html(&mut inner_html, harden_links(inner, options).into_iter());
                let class_attr = if classes.is_empty() {
                    String::new()
                } else {
                    let names: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
                    format!(" class=\"{}\"", escape_html(&names.join(" ")))
                };
                events_out.push(Event::Html(CowStr::from(format!(
                    "<h{lvl} id=\"{}\"{class_attr}>{inner_html}<a class=\"anchor\" href=\"#{}\" aria-hidden=\"true\">#</a></h{lvl}>\n",
                    escape_html(&unique),
                    escape_html(&unique)
                ))));
                out.headings.push(Heading { level: lvl, id: unique, text });
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                for e in iter.by_ref() {
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                let body = engine.highlighter.highlight(&code, &lang);
                let html = if lang.is_empty() {
                    format!("<pre class=\"code\"><code>{body}</code></pre>\n")
                } else {
                    let l = escape_html(&lang);
                    format!("<pre class=\"code\" data-lang=\"{l}\"><code class=\"language-{l}\">{body}</code></pre>\n")
                };
                events_out.push(Event::Html(CowStr::from(html)));
            }
            Event::Start(Tag::Paragraph) if in_first_paragraph == 0 => {
                in_first_paragraph = 1;
                events_out.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) if in_first_paragraph == 1 => {
                in_first_paragraph = 2;
                events_out.push(Event::End(TagEnd::Paragraph));
            }
            Event::Text(t) => {
                out.words += t.split_whitespace().count();
                if in_first_paragraph == 1 {
                    out.first_paragraph.push_str(&t);
                }
                events_out.push(Event::Text(t));
            }
            Event::Code(t) => {
                if in_first_paragraph == 1 {
                    out.first_paragraph.push_str(&t);
                }
                events_out.push(Event::Code(t));
            }
            Event::SoftBreak | Event::HardBreak if in_first_paragraph == 1 => {
                out.first_paragraph.push(' ');
                events_out.push(event);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                has_raw_html = true;
                events_out.push(event);
            }
            other => events_out.push(other),
        }
    }
    let events_out = harden_links(events_out, options);
    let (html, truncated) = write_capped(events_out, html_cap(markdown.len()));
    out.truncated = truncated;
    out.html =
        if has_raw_html && !options.trust_html { engine.sanitizer.clean(&html).to_string() } else { html };
    out.first_paragraph = out.first_paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    out
}

/// Writes HTML until `cap` bytes; past it, cuts back to the end of the last complete
/// top-level block (so no tag is left open) and appends a notice.
fn write_capped(events: Vec<Event<'_>>, cap: usize) -> (String, bool) {
    use std::cell::Cell;
    use std::rc::Rc;

    struct CappedWriter {
        html: String,
        cap: usize,
        len: Rc<Cell<usize>>,
    }
    impl std::fmt::Write for CappedWriter {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            if self.html.len() + s.len() > self.cap {
                return Err(std::fmt::Error);
            }
            self.html.push_str(s);
            self.len.set(self.html.len());
            Ok(())
        }
    }

    let len = Rc::new(Cell::new(0usize));
    let boundary = Rc::new(Cell::new(0usize));
    let mut writer = CappedWriter { html: String::new(), cap, len: len.clone() };
    let mut depth = 0usize;
    let tracked = events.into_iter().inspect(|e| {
        // The writer has flushed everything before this event: a block boundary when
        // nothing is open.
        if depth == 0 {
            boundary.set(len.get());
        }
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    });
    if pulldown_cmark::html::write_html_fmt(&mut writer, tracked).is_ok() {
        return (writer.html, false);
    }
    let mut html = writer.html;
    html.truncate(boundary.get());
    html.push_str("<p class=\"truncated\">[The rest of this text was left out: it renders to more than the size limit.]</p>\n");
    (html, true)
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            s.push_str(t);
        }
    }
    s
}

/// Parses `markdown` and applies the URL policy ([`crate::url_policy`]) to its links and
/// images: a refused link loses its `<a>` and keeps its text, a refused image is left out and
/// its alt text kept; each is recorded in `dropped` for a build warning. Allowed destinations
/// are replaced by their cleaned form. Trusted content keeps its links as written.
fn drop_refused_urls<'a>(
    markdown: &'a str,
    options: &MarkdownOptions,
    dropped: &mut Vec<DroppedUrl>,
) -> Vec<Event<'a>> {
    let parser = Parser::new_ext(markdown, parser_options());
    if options.trust_html {
        return parser.collect();
    }
    // Whether each open link or image was dropped, so its end tag goes too.
    let mut open: Vec<bool> = Vec::new();
    let mut events = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        let (dest_url, image) = match &event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if !open.pop().unwrap_or(false) {
                    events.push(event);
                }
                continue;
            }
            _ => {
                events.push(event);
                continue;
            }
        };
        match crate::url_policy::check_url(dest_url) {
            Ok(clean) => {
                open.push(false);
                events.push(match event {
                    Event::Start(Tag::Link { link_type, dest_url, title, id })
                        if clean.as_str() != &*dest_url =>
                    {
                        Event::Start(Tag::Link { link_type, dest_url: clean.into_string().into(), title, id })
                    }
                    Event::Start(Tag::Image { link_type, dest_url, title, id })
                        if clean.as_str() != &*dest_url =>
                    {
                        Event::Start(Tag::Image {
                            link_type,
                            dest_url: clean.into_string().into(),
                            title,
                            id,
                        })
                    }
                    other => other,
                });
            }
            Err(refusal) => {
                open.push(true);
                let source = markdown.get(range).unwrap_or_default();
                dropped.push(DroppedUrl {
                    url: dest_url.to_string(),
                    image,
                    reason: refusal.to_string(),
                    source: source.lines().next().unwrap_or_default().to_string(),
                });
            }
        }
    }
    events
}

/// Links to other hosts get `rel="noopener"`.
fn harden_links<'a>(events: Vec<Event<'a>>, options: &MarkdownOptions) -> Vec<Event<'a>> {
    events
        .into_iter()
        .map(|e| match e {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                if !is_external(&dest_url, &options.site_host) {
                    return Event::Start(Tag::Link { link_type, dest_url, title, id });
                }
                let mut href = String::new();
                let _ = pulldown_cmark_escape::escape_href(&mut href, &dest_url);
                let title_attr = if title.is_empty() {
                    String::new()
                } else {
                    format!(" title=\"{}\"", escape_html(&title))
                };
                Event::Html(CowStr::from(format!("<a href=\"{href}\"{title_attr} rel=\"noopener\">")))
            }
            other => other,
        })
        .collect()
}

fn is_external(url: &str, site_host: &str) -> bool {
    let rest = match url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) {
        Some(r) => r,
        None => return false,
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    site_host.is_empty() || !host.eq_ignore_ascii_case(site_host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> Rendered {
        render(
            s,
            &MarkdownOptions { trust_html: false, site_host: "example.com".into() },
            &MarkdownEngine::new(),
        )
    }

    #[test]
    fn headings_get_stable_unique_ids() {
        let r = md("## Capex plans\n\n## Capex plans\n\n### Q&A {#qa}\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["capex-plans", "capex-plans-1", "qa"]);
        assert!(r.html.contains("<h2 id=\"capex-plans\">Capex plans"), "{}", r.html);
    }

    #[test]
    fn gfm_features() {
        let r = md("| a | b |\n|---|--:|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ \"quote\"[^1]\n\n[^1]: note\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("checkbox"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("\u{201c}quote\u{201d}"));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn external_links_and_unsafe_schemes() {
        let r =
            md("[a](https://other.org/x) [b](https://example.com/y) [c](javascript:alert(1)) [d](/local/)");
        assert!(r.html.contains("<a href=\"https://other.org/x\" rel=\"noopener\">a</a>"), "{}", r.html);
        assert!(r.html.contains("<a href=\"https://example.com/y\">b</a>"), "{}", r.html);
        assert!(!r.html.contains("javascript"), "{}", r.html);
        assert!(r.html.contains(" c "), "a refused link keeps its text: {}", r.html);
        assert!(r.html.contains("<a href=\"/local/\">d</a>"));
        assert_eq!(r.dropped_urls.len(), 1);
        assert_eq!(r.dropped_urls[0].url, "javascript:alert(1)");
    }

    #[test]
    fn refused_images_and_links_inside_headings_are_dropped_and_reported() {
        let r = md("## See [x](vbscript:y)\n\n![chart](data:image/svg+xml,<svg>) ![ok](/c.png)\n");
        assert!(!r.html.contains("vbscript") && !r.html.contains("data:"), "{}", r.html);
        assert!(r.html.contains("chart"), "the alt text stays: {}", r.html);
        assert!(r.html.contains("<img src=\"/c.png\" alt=\"ok\""), "{}", r.html);
        let urls: Vec<(&str, bool)> = r.dropped_urls.iter().map(|d| (d.url.as_str(), d.image)).collect();
        assert_eq!(urls, [("vbscript:y", false), ("data:image/svg+xml,<svg>", true)]);
        // Raw HTML links go through the same policy inside the sanitiser.
        let r =
            md("<a href=\"JaVa&#x09;script:x\">a</a> <a href=\"tel:1\">t</a> <img src=\"view-source:x\">\n");
        assert!(!r.html.contains("href") && !r.html.contains("src"), "{}", r.html);
    }

    #[test]
    fn raw_html_is_sanitised_unless_trusted() {
        let r = md("<script>alert(1)</script>\n\n<p onclick=\"x()\">hi</p>\n\n```rust\nfn a() {}\n```\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert!(r.html.contains("class=\"hl-"), "classes must survive sanitising: {}", r.html);
        let trusted = render(
            "<script>ok()</script>\n",
            &MarkdownOptions { trust_html: true, site_host: String::new() },
            &MarkdownEngine::new(),
        );
        assert!(trusted.html.contains("<script>"));
    }

    #[test]
    fn output_past_the_cap_is_cut_at_a_block_boundary() {
        let events: Vec<Event<'_>> =
            Parser::new_ext("intro\n\n> deep *quote*\n\n- a\n- b\n\nlast paragraph\n", parser_options())
                .collect();
        let (whole, cut) = write_capped(events.clone(), usize::MAX);
        assert!(!cut);
        let quote_end = whole.find("</blockquote>").unwrap() + "</blockquote>\n".len();
        let (html, cut) = write_capped(events, quote_end + 5);
        assert!(cut);
        assert!(html.starts_with(&whole[..quote_end]), "{html}");
        assert!(!html.contains("<ul>"), "a half-written list must not remain: {html}");
        assert!(html.ends_with("size limit.]</p>\n"), "{html}");
        assert!(html_cap(50 << 20) > 200 << 20, "a 50 MB article must fit");
    }

    #[test]
    fn sanitiser_keeps_cell_alignment_and_drops_other_css() {
        let r = md(
            "| a | b |\n|---|--:|\n| 1 | 2 |\n\n<td style=\"background:url(https://t.example/)\">x</td>\n",
        );
        assert!(r.html.contains("style=\"text-align: right\""), "{}", r.html);
        assert!(!r.html.contains("url("), "{}", r.html);
    }

    #[test]
    fn first_paragraph_and_words() {
        let r = md("# T\n\nOne two `three`.\n\nFour five.\n");
        assert_eq!(r.first_paragraph, "One two three.");
        assert_eq!(r.words, 6);
    }
}

#[cfg(test)]
mod fuzz_replay {
    use super::*;

    /// The tags of an HTML fragment (`<` starts a tag: text has it escaped).
    fn tags(html: &str) -> Vec<&str> {
        html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or(t)).collect()
    }

    #[test]
    fn link_like_text_in_a_code_block_stays_text() {
        // Found by the `markdown` fuzz target, whose check then looked for the bytes
        // `href="javascript:` anywhere, text included.
        let data = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fuzz/regressions/markdown/javascript-text-in-code-block.md"
        ))
        .unwrap();
        let text = std::str::from_utf8(&data).unwrap();
        let options = MarkdownOptions { trust_html: false, site_host: "example.com".into() };
        let out = render(text, &options, &MarkdownEngine::new());
        assert!(out.html.contains("chiphref=\"javascript:i"), "the code keeps its text");
        for tag in tags(&out.html) {
            let tag = tag.to_ascii_lowercase();
            assert!(!tag.contains("javascript:") && !tag.starts_with("script"), "tag <{tag}>");
        }
    }
}
