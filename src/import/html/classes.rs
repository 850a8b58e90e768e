//! What an element's `class` and `id` say about it: page chrome (`related`, `share`,
//! `newsletter`, `comments`, `ad-slot`), the article (`article-body`, `story`), or nothing.
//! Names are split into words (`share-bar` is `share` and `bar`), so `lead-paragraph` is
//! not an ad.

use scraper::node::Element;

/// Words that mark page chrome whatever else the element is called, and what it is.
#[rustfmt::skip]
const STRONG: &[(&str, &str)] = &[
    ("ad", "ad label"), ("ads", "ad label"), ("adv", "ad label"), ("advert", "ad label"),
    ("advertisement", "ad label"), ("adslot", "ad label"), ("dfp", "ad label"), ("sponsor", "ad label"),
    ("sponsored", "ad label"), ("promo", "ad label"), ("promoted", "ad label"), ("outbrain", "ad label"),
    ("taboola", "ad label"), ("share", "share bar"), ("sharing", "share bar"), ("sharebar", "share bar"),
    ("related", "see-also link"), ("recirc", "see-also link"), ("recommended", "see-also link"),
    ("readmore", "see-also link"), ("newsletter", "newsletter sign-up"), ("subscribe", "newsletter sign-up"),
    ("signup", "newsletter sign-up"), ("trending", "trending list"), ("popular", "trending list"),
    ("mostread", "trending list"), ("most", "trending list"), ("comment", "comments prompt"),
    ("comments", "comments prompt"), ("disqus", "comments prompt"), ("cookie", "cookie notice"),
    ("consent", "cookie notice"), ("gdpr", "cookie notice"), ("paywall", "paywall notice"), ("upsell", "paywall notice"),
    ("disclaimer", "disclaimer"),
];

/// Words that mark page chrome unless the element is also called an article.
#[rustfmt::skip]
const WEAK: &[(&str, &str)] = &[
    ("social", "share bar"), ("tags", "topic tags"), ("tag", "topic tags"), ("topics", "topic tags"),
    ("breadcrumb", "navigation"), ("breadcrumbs", "navigation"), ("nav", "navigation"),
    ("navbar", "navigation"), ("menu", "navigation"), ("sidebar", "navigation"), ("rail", "navigation"),
    ("footer", "navigation"), ("masthead", "navigation"), ("modal", "page chrome"), ("popup", "page chrome"),
    ("caption", "photo caption or credit"), ("credit", "photo caption or credit"),
    ("figcaption", "photo caption or credit"), ("hidden", "page chrome"),
];

/// Words that mark the article.
#[rustfmt::skip]
const ARTICLE: [&str; 13] = [
    "article", "articlebody", "body", "content", "entry", "hentry", "main", "post", "text", "story", "blog",
    "prose", "richtext",
];

/// Words that mark chrome for scoring but are not worth dropping inside an article.
const DOWN: [&str; 6] = ["meta", "media", "widget", "tool", "tools", "banner"];

fn words(el: &Element) -> Vec<String> {
    let mut out = Vec::new();
    for name in el.attr("class").into_iter().chain(el.attr("id")) {
        for w in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
            out.push(w.to_ascii_lowercase());
        }
    }
    out
}

/// Page chrome by its class or id, and what it is; `None` for anything else. Hidden elements
/// (`hidden`, `aria-hidden`, `display: none`) count as chrome.
pub(crate) fn chrome(el: &Element) -> Option<&'static str> {
    let hidden = el.attr("hidden").is_some()
        || el.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || el.attr("style").is_some_and(|s| s.replace(' ', "").to_ascii_lowercase().contains("display:none"));
    if hidden {
        return Some("page chrome");
    }
    let ws = words(el);
    // `sr-only` and `visually-hidden` are for screen readers: icon labels, "opens in new window".
    if ws.windows(2).any(|w| (w[0] == "sr" && w[1] == "only") || (w[0] == "visually" && w[1] == "hidden")) {
        return Some("icon text");
    }
    let find = |list: &[(&str, &'static str)]| {
        ws.iter().find_map(|w| list.iter().find(|(c, _)| *c == w.as_str()).map(|(_, what)| *what))
    };
    if let Some(what) = find(STRONG) {
        return Some(what);
    }
    if ws.iter().any(|w| ARTICLE.contains(&w.as_str())) {
        return None;
    }
    find(WEAK)
}

/// Words that mark a dek (standfirst): the sentence under the headline that sums the story up.
#[rustfmt::skip]
const DEK: [&str; 14] = [
    "dek", "deck", "standfirst", "subtitle", "subheadline", "strapline", "synopsis", "excerpt",
    "subtitulo", "entradilla", "sumario", "bajada", "summary", "lede-summary",
];

/// A dek by its class or id (`dek`, `standfirst`, `article-summary`, `subtitulo`).
pub(crate) fn dek(el: &Element) -> bool {
    let ws = words(el);
    let sub_headline = ws.windows(2).any(|w| w[0] == "sub" && (w[1] == "headline" || w[1] == "title"));
    sub_headline || ws.iter().any(|w| DEK.contains(&w.as_str()))
}

/// Page chrome that should not even be scored for the article.
pub(crate) fn unlikely(el: &Element) -> bool {
    chrome(el).is_some() && !matches!(el.name(), "body" | "html" | "main" | "article")
}

/// How much the class and id move an element's score: up for article words, down for chrome.
pub(crate) fn weight(el: &Element) -> f64 {
    let ws = words(el);
    let mut w = 0.0;
    if ws.iter().any(|w| ARTICLE.contains(&w.as_str())) {
        w += 25.0;
    }
    let chrome_word =
        |w: &String| STRONG.iter().chain(WEAK).any(|(c, _)| c == w) || DOWN.contains(&w.as_str());
    if ws.iter().any(chrome_word) {
        w -= 25.0;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(html: &str) -> Element {
        let frag = scraper::Html::parse_fragment(html);
        let found =
            frag.root_element().children().find_map(scraper::ElementRef::wrap).map(|e| e.value().clone());
        found.unwrap_or_else(|| panic!("no element in {html}"))
    }

    #[test]
    fn chrome_by_words_not_substrings() {
        assert_eq!(chrome(&el(r#"<div class="share-bar"></div>"#)), Some("share bar"));
        assert_eq!(chrome(&el(r#"<div class="ad-slot top"></div>"#)), Some("ad label"));
        assert_eq!(chrome(&el(r#"<aside id="related-stories"></aside>"#)), Some("see-also link"));
        assert_eq!(chrome(&el(r#"<p class="lead-paragraph"></p>"#)), None);
        assert_eq!(chrome(&el(r#"<div class="article-body"></div>"#)), None);
        assert_eq!(chrome(&el(r#"<div class="article-related"></div>"#)), Some("see-also link"));
        assert_eq!(chrome(&el(r#"<span class="sr-only"></span>"#)), Some("icon text"));
        assert_eq!(chrome(&el(r#"<div style="display: none"></div>"#)), Some("page chrome"));
        assert!(weight(&el(r#"<div class="story-body"></div>"#)) > 0.0);
        assert!(weight(&el(r#"<div class="comments"></div>"#)) < 0.0);
    }
}
