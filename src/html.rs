//! HTML read the way browsers read it: html5ever (the parser ammonia already uses) through
//! `scraper`'s tree, so implied end tags, every named entity and broken markup come out as a
//! browser would show them. Helpers for the text a reader sees and for decoding character
//! references, and html5ever's tokenizer alone for a fast pass over start tags with their
//! lines. The one HTML parser of the crate: import reads saved pages with it, `check` scans
//! the built site with it, and the tests' output scanners read pages with it.

pub use scraper::{ElementRef, Html, Node, Selector};

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use std::cell::{Cell, RefCell};

/// Elements whose content is never text a reader sees.
pub const HIDDEN: [&str; 8] = ["head", "script", "style", "noscript", "template", "svg", "math", "title"];

/// Parses a whole document. Never fails: HTML has an answer for any input.
pub fn parse(html: &str) -> Html {
    Html::parse_document(html)
}

/// A CSS selector written in the source; `None` only if it is not valid CSS.
pub fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

/// Every element matching `css`, in document order.
pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    selector(css).map_or_else(Vec::new, |s| doc.select(&s).collect())
}

/// Every element below `el` matching `css`, in document order.
pub fn select_in<'a>(el: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    selector(css).map_or_else(Vec::new, |s| el.select(&s).collect())
}

/// All the text below `el` as a reader sees it: entities decoded, scripts, styles and
/// templates left out, a space for `<br>`, runs of white space made one space.
pub fn text(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut stack = vec![*el];
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if HIDDEN.contains(&e.name()) && node.id() != el.id() => {}
            Node::Element(e) if e.name() == "br" => out.push(' '),
            _ => {
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev());
            }
        }
    }
    collapse_space(&out)
}

/// The text inside an element as written (a script's JSON-LD).
pub fn raw_text(el: ElementRef<'_>) -> String {
    el.children().filter_map(|n| n.value().as_text().map(|t| t.to_string())).collect()
}

/// One space for each run of white space; none at the ends.
pub fn collapse_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text with HTML character references (`&amp;`, `&rsquo;`, `&#8217;`, `&nbsp;`) decoded, as a
/// browser decodes them in an element's content.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let fragment = Html::parse_fragment(&text.replace('<', "&lt;"));
    fragment.tree.root().descendants().filter_map(|n| n.value().as_text().map(|t| t.to_string())).collect()
}

/// A start tag as the tokenizer read it: the name and attribute names in lower case, each
/// attribute value with its character references decoded (a repeated attribute keeps its
/// first value, as in browsers).
pub struct StartTag<'a> {
    tag: &'a Tag,
    /// The 1-based line the tag starts on.
    pub line: usize,
}

impl StartTag<'_> {
    /// The element's name (`a`, `img`).
    pub fn name(&self) -> &str {
        &self.tag.name
    }

    /// The decoded value of attribute `name`, if the tag has it.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// Every attribute as (name, decoded value), in source order.
    pub fn attrs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.tag.attrs.iter().map(|a| (&*a.name.local, &*a.value))
    }
}

/// One piece of markup as the tokenizer reads it.
pub enum Token<'a> {
    /// A start tag.
    Start(StartTag<'a>),
    /// An end tag's name.
    End(&'a str),
    /// A run of text (character references decoded); one text may come in several runs.
    Text(&'a str),
    /// A comment's text.
    Comment(&'a str),
}

/// Calls `visit` with every piece of `html`, in document order, without building a tree,
/// so every tag is seen wherever it stands (a tree builder drops a `<td>` outside a table).
/// The text of `script`, `style`, `textarea`, `title` and the other raw-text elements is read
/// as text, as browsers read it, so markup written inside a script is not a tag.
pub fn for_each_token(html: &str, visit: impl FnMut(Token<'_>)) {
    let sink = TokenReader { visit: RefCell::new(visit), line: Cell::new(1) };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html5ever::tendril::StrTendril::from_slice(html));
    // The sink never asks to stop for a script, so one call reads the whole input.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
}

/// Calls `visit` with every start tag of `html` (see [`for_each_token`]).
pub fn for_each_start_tag(html: &str, mut visit: impl FnMut(&StartTag<'_>)) {
    for_each_token(html, |token| {
        if let Token::Start(tag) = token {
            visit(&tag);
        }
    });
}

/// Receives the tokenizer's tokens and tells it when an element's content is raw text.
struct TokenReader<F> {
    visit: RefCell<F>,
    /// The line of the last token read: where the next tag starts (the tokenizer reports
    /// the line a token ends on, and the text before a tag holds the newlines before it).
    line: Cell<u64>,
}

impl<F: FnMut(Token<'_>)> TokenSink for TokenReader<F> {
    type Handle = ();

    fn process_token(&self, token: html5ever::tokenizer::Token, line_number: u64) -> TokenSinkResult<()> {
        use html5ever::tokenizer::Token as T;
        let started = self.line.get();
        let mut visit = self.visit.borrow_mut();
        match token {
            T::TagToken(tag) if tag.kind == TagKind::EndTag => {
                self.line.set(line_number);
                visit(Token::End(&tag.name));
            }
            T::TagToken(tag) => {
                self.line.set(line_number);
                let line = usize::try_from(started).unwrap_or(usize::MAX);
                visit(Token::Start(StartTag { tag: &tag, line }));
                // What the tree builder would tell the tokenizer for these elements.
                return match &*tag.name {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                };
            }
            T::CharacterTokens(text) => {
                self.line.set(line_number);
                visit(Token::Text(&text));
            }
            T::CommentToken(text) => {
                self.line.set(line_number);
                visit(Token::Comment(&text));
            }
            T::DoctypeToken(_) => self.line.set(line_number),
            T::NullCharacterToken | T::EOFToken | T::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_browsers_do() {
        let doc = parse("<p>Oracle&rsquo;s <b>cloud<p>Second &amp; last&nbsp;one<script>x</script>");
        let ps = select(&doc, "p");
        assert_eq!(ps.len(), 2, "the first <p> is closed by the second");
        assert_eq!(text(ps[0]), "Oracle’s cloud");
        assert_eq!(text(ps[1]), "Second & last one");
    }

    #[test]
    fn entities_decode_without_markup() {
        assert_eq!(decode_entities("AT&amp;T &#8217;s &eacute;xito <b>"), "AT&T ’s éxito <b>");
        assert_eq!(decode_entities("plain"), "plain");
    }

    #[test]
    fn start_tags_with_lines_decoded_values_and_raw_text() {
        let html = "<!doctype html>\n<p>one\ntwo <a\n href=\"/x?a=1&amp;b=&eacute;\" HREF=dup>x</a>\n\
                    <!-- <a href=\"gone\"> -->\n<script>var s = '<a href=\"nope\">';</script>\n\
                    <title><b>t</b></title><img src=i.png>\r\n<br>";
        let mut seen = Vec::new();
        for_each_start_tag(html, |t| {
            let attrs: Vec<String> = t.attrs().map(|(n, v)| format!("{n}={v}")).collect();
            seen.push(format!("{}:{}:{}", t.line, t.name(), attrs.join(",")));
        });
        assert_eq!(
            seen,
            ["2:p:", "3:a:href=/x?a=1&b=é", "6:script:", "7:title:", "7:img:src=i.png", "8:br:"]
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(20_000) + "deep" + &"</div>".repeat(20_000);
        let doc = parse(&html);
        assert!(select(&doc, "div").len() > 100);
        assert_eq!(text(doc.root_element()), "deep");
    }
}
