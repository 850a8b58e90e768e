//! Where the article is on an HTML page, found by content scoring in the spirit of
//! Readability: paragraphs score by their length and commas, give their score to their parent
//! and (less) to the elements above it; class and id names move an element up (`article-body`,
//! `story`) or down (`related`, `comments`, `promo`); link-heavy elements lose what links
//! take; the best element and the siblings that score near it are the article. Not the first
//! `<article>` tag: pages nest teasers in `<article>`s too.

use super::classes;
use crate::html::{self, ElementRef, Html, Node};
use ego_tree::{NodeId, NodeRef};
use std::collections::HashMap;

/// Paragraph-like elements shorter than this (in characters) do not score.
const MIN_PARAGRAPH: usize = 25;

/// How many ancestors a paragraph's score reaches.
const LEVELS: usize = 5;

/// Elements that make a `div` a container rather than a paragraph.
const BLOCK_TAGS: [&str; 17] = [
    "p",
    "div",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "dl",
    "pre",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
];

/// Text and link-text length of every node, and which nodes sit inside page chrome.
struct Measures {
    text: HashMap<NodeId, usize>,
    links: HashMap<NodeId, usize>,
    unlikely: HashMap<NodeId, bool>,
}

impl Measures {
    fn of(root: NodeRef<'_, Node>) -> Measures {
        let order: Vec<NodeRef<'_, Node>> = root.descendants().collect();
        let mut text: HashMap<NodeId, usize> = HashMap::with_capacity(order.len());
        let mut links: HashMap<NodeId, usize> = HashMap::with_capacity(order.len());
        // Children come after their parent in document order: walk it backwards to add up.
        for node in order.iter().rev() {
            let (own, hidden, is_link) = match node.value() {
                Node::Text(t) => (t.chars().filter(|c| !c.is_whitespace()).count(), false, false),
                Node::Element(e) => (0, html::HIDDEN.contains(&e.name()), e.name() == "a"),
                _ => (0, false, false),
            };
            if hidden {
                text.insert(node.id(), 0);
                links.insert(node.id(), 0);
                continue;
            }
            let total = own + node.children().map(|c| text.get(&c.id()).copied().unwrap_or(0)).sum::<usize>();
            let linked = if is_link {
                total
            } else {
                node.children().map(|c| links.get(&c.id()).copied().unwrap_or(0)).sum()
            };
            text.insert(node.id(), total);
            links.insert(node.id(), linked);
        }
        let mut unlikely: HashMap<NodeId, bool> = HashMap::with_capacity(order.len());
        for node in &order {
            let inherited = node.parent().and_then(|p| unlikely.get(&p.id()).copied()).unwrap_or(false);
            let own = node.value().as_element().is_some_and(|e| {
                classes::unlikely(e) || matches!(e.name(), "nav" | "aside" | "footer" | "form")
            });
            unlikely.insert(node.id(), inherited || own);
        }
        Measures { text, links, unlikely }
    }

    fn text(&self, id: NodeId) -> usize {
        self.text.get(&id).copied().unwrap_or(0)
    }

    fn link_density(&self, id: NodeId) -> f64 {
        let total = self.text(id);
        if total == 0 {
            return 0.0;
        }
        self.links.get(&id).copied().unwrap_or(0) as f64 / total as f64
    }
}

/// A paragraph for scoring: `p`, `pre`, `td`, `blockquote`, or a `div`/`section` holding only
/// text and inline elements.
fn paragraph_like(el: ElementRef<'_>) -> bool {
    match el.value().name() {
        "p" | "pre" | "td" | "blockquote" => true,
        "div" | "section" | "article" => {
            !el.children().any(|c| c.value().as_element().is_some_and(|e| BLOCK_TAGS.contains(&e.name())))
        }
        _ => false,
    }
}

/// What an element starts with before its paragraphs are counted.
fn base_score(el: ElementRef<'_>) -> f64 {
    let by_tag = match el.value().name() {
        "article" => 8.0,
        "div" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    by_tag + classes::weight(el.value())
}

/// The article's elements, in document order: the best-scoring element and the siblings
/// that score near it. Empty when the page has no paragraph at all.
pub(crate) fn best(doc: &Html) -> Vec<ElementRef<'_>> {
    let root = doc.root_element();
    let body = html::select(doc, "body").into_iter().next().unwrap_or(root);
    let m = Measures::of(*body);
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for node in body.descendants() {
        let Some(el) = ElementRef::wrap(node) else { continue };
        let length = m.text(node.id());
        if !paragraph_like(el)
            || length < MIN_PARAGRAPH
            || m.unlikely.get(&node.id()).copied().unwrap_or(false)
        {
            continue;
        }
        let text = html::text(el);
        let commas = text.chars().filter(|c| matches!(c, ',' | '，' | '、')).count();
        let score = 1.0 + commas as f64 + (length as f64 / 100.0).min(3.0);
        for (level, ancestor) in node.ancestors().take(LEVELS).enumerate() {
            let Some(a) = ElementRef::wrap(ancestor) else { break };
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            *scores.entry(ancestor.id()).or_insert_with(|| base_score(a)) += score / divider;
        }
    }
    let final_score = |id: NodeId| scores.get(&id).map_or(f64::MIN, |s| s * (1.0 - m.link_density(id)));
    let order: HashMap<NodeId, usize> = body.descendants().enumerate().map(|(i, n)| (n.id(), i)).collect();
    let position = |id: NodeId| order.get(&id).copied().unwrap_or(usize::MAX);
    // Ties go to the element that comes first.
    let Some(top) = scores.keys().copied().max_by(|a, b| {
        final_score(*a).total_cmp(&final_score(*b)).then_with(|| position(*b).cmp(&position(*a)))
    }) else {
        return Vec::new();
    };
    let top_score = final_score(top);
    let threshold = (top_score * 0.2).max(10.0);
    let Some(top_node) = doc.tree.get(top) else { return Vec::new() };
    let Some(parent) = top_node.parent() else { return ElementRef::wrap(top_node).into_iter().collect() };
    parent
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|s| {
            let id = s.id();
            if id == top {
                return true;
            }
            if m.unlikely.get(&id).copied().unwrap_or(false) {
                return false;
            }
            if final_score(id) >= threshold {
                return true;
            }
            let length = m.text(id);
            let density = m.link_density(id);
            s.value().name() == "p"
                && ((length > 80 && density < 0.25)
                    || (length > 0
                        && length <= 80
                        && density == 0.0
                        && crate::furniture::ends_sentence(&html::text(*s))))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen_text(page: &str) -> String {
        let doc = html::parse(page);
        best(&doc).into_iter().map(html::text).collect::<Vec<_>>().join(" | ")
    }

    #[test]
    fn the_story_not_the_teasers() {
        let para = "Oracle will spend about $40 billion on Nvidia chips, people familiar with the matter said, for a campus in Abilene, Texas.";
        let page = format!(
            r#"<body><div class="nav"><a href="/">Home</a> <a href="/m">Markets</a></div>
<article class="teaser"><h3><a href="/x">Nvidia tops $4 trillion</a></h3><p><a href="/x">Shares rose again on Thursday, a record.</a></p></article>
<div class="story-body"><h1>Oracle to spend $40 billion</h1><p>{para}</p><p>{para}</p><div class="related"><p>Related: Meta raises its capex range, again, as it said, on Wednesday.</p></div><p>{para}</p></div>
<div class="comments"><p>I think this is a bubble, frankly, and so do many, many others here.</p></div></body>"#
        );
        let text = chosen_text(&page);
        assert!(text.contains("Oracle will spend"), "{text}");
        assert!(!text.contains("Nvidia tops"), "{text}");
        assert!(!text.contains("bubble"), "{text}");
    }

    #[test]
    fn paragraphs_in_divs_without_p_tags() {
        let line = "Alibaba Group will invest at least 380 billion yuan in cloud computing and AI infrastructure over three years, it said.";
        let page = format!("<body><div id=main><div>{line}</div><div>{line}</div><div>{line}</div></div><div id=footer><div>About us, contact, careers, and more links here.</div></div></body>");
        let text = chosen_text(&page);
        assert!(text.contains("Alibaba Group will invest"), "{text}");
        assert!(!text.contains("About us"), "{text}");
    }

    #[test]
    fn a_page_with_no_paragraphs() {
        assert_eq!(chosen_text("<body><a href='/'>Home</a></body>"), "");
    }
}
