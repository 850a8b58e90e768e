//! Markdown to HTML: pulldown-cmark with GFM extensions, composed with small event adapters
//! (heading ids, code highlighting, link hardening) and a sanitiser for raw HTML.

mod highlight;
mod render;

pub use highlight::Highlighter;
pub use render::{html_cap, render, Heading, MarkdownEngine, MarkdownOptions, Rendered};

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped_html(&mut out, s);
    out
}

/// [`escape_html`] onto the end of `out`: the text between the characters it replaces is
/// copied a run at a time.
pub fn push_escaped_html(out: &mut String, s: &str) {
    let mut copied = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // These are ASCII bytes, so `i` is a character boundary.
        out.push_str(&s[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&s[copied..]);
}
