//! Markdown to HTML: pulldown-cmark with GFM extensions, composed with small event adapters
//! (heading ids, code highlighting, link hardening) and a sanitiser for raw HTML.

mod highlight;
mod render;

pub use highlight::Highlighter;
pub use render::{html_cap, render, Heading, MarkdownEngine, MarkdownOptions, Rendered};

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
