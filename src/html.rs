//! HTML read the way browsers read it: html5ever (the parser ammonia already uses) through
//! `scraper`'s tree, so implied end tags, every named entity and broken markup come out as a
//! browser would show them. Helpers for the text a reader sees and for decoding character
//! references. The one HTML parser of the crate: import reads saved pages with it, and it is
//! meant for `check` and the tests' scanners.

pub use scraper::{ElementRef, Html, Node, Selector};

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
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(20_000) + "deep" + &"</div>".repeat(20_000);
        let doc = parse(&html);
        assert!(select(&doc, "div").len() > 100);
        assert_eq!(text(doc.root_element()), "deep");
    }
}
