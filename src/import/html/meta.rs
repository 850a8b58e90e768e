//! What a news page tells search engines about itself: JSON-LD `NewsArticle`/`Article`
//! (`headline`, `datePublished`, `dateModified`, `author`, `publisher`, `url`), Open Graph and
//! `article:` properties, `<meta name="author">` and its kin, `<time datetime>`,
//! `<link rel="canonical">` and `<title>`. Read before anything else: it is the most reliable
//! headline, date and author a saved page has.

use crate::html::{self, Html};
use serde_json::Value;

/// The metadata found, each field as the page wrote it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    /// JSON-LD `headline` (or `name`) of the article object.
    pub(crate) headline: Option<String>,
    /// Publication date: JSON-LD, `article:published_time` and kin, `<time datetime>`.
    pub(crate) published: Option<String>,
    /// Every publication date the page gives, in that order (one may be more precise).
    pub(crate) published_all: Vec<String>,
    /// Last modification.
    pub(crate) modified: Option<String>,
    /// Authors' names (people before organisations).
    pub(crate) authors: Vec<String>,
    /// The publisher's name.
    pub(crate) publisher: Option<String>,
    /// The page's canonical address.
    pub(crate) canonical: Option<String>,
    /// `og:title`.
    pub(crate) og_title: Option<String>,
    /// `<title>`.
    pub(crate) title_tag: Option<String>,
    /// `og:site_name`.
    pub(crate) site_name: Option<String>,
}

/// JSON-LD types that are an article.
const ARTICLE_TYPES: [&str; 9] = [
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
    "TechArticle",
    "LiveBlogPosting",
];

/// `<meta>` names and properties that carry the publication date, most specific first.
const DATE_METAS: [&str; 14] = [
    "article:published_time",
    "og:published_time",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publishdate",
    "pubdate",
    "publication_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "date",
    "datepublished",
];

/// `<meta>` names that carry the author's name.
const AUTHOR_METAS: [&str; 6] =
    ["author", "parsely-author", "sailthru.author", "dc.creator", "byl", "article:author"];

/// Reads the metadata of a parsed page.
pub(crate) fn read(doc: &Html) -> Meta {
    let mut meta = Meta::default();
    if let Some(article) = json_ld_article(doc) {
        meta.headline = string(&article, "headline").or_else(|| string(&article, "name"));
        meta.published = string(&article, "datePublished").or_else(|| string(&article, "dateCreated"));
        meta.modified = string(&article, "dateModified");
        meta.authors = names(article.get("author"));
        meta.publisher = article.get("publisher").and_then(|p| names(Some(p)).into_iter().next());
        meta.canonical = string(&article, "url").or_else(|| match article.get("mainEntityOfPage") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Object(o)) => o.get("@id").and_then(Value::as_str).map(str::to_string),
            _ => None,
        });
    }
    let metas = meta_values(doc);
    let find =
        |keys: &[&str]| keys.iter().find_map(|k| metas.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()));
    meta.published_all = meta
        .published
        .iter()
        .cloned()
        .chain(DATE_METAS.iter().filter_map(|k| find(&[k])))
        .chain(time_element(doc))
        .collect();
    meta.published = meta.published_all.first().cloned();
    meta.modified =
        meta.modified.or_else(|| find(&["article:modified_time", "og:updated_time", "dateModified"]));
    if meta.authors.is_empty() {
        meta.authors = AUTHOR_METAS
            .iter()
            .filter_map(|k| find(&[k]))
            .map(|a| a.trim().trim_start_matches("By ").trim_start_matches("by ").trim().to_string())
            .filter(|a| !a.is_empty() && !a.contains("://") && !a.starts_with('/') && !slug_shaped(a))
            .take(1)
            .collect();
    }
    meta.og_title = find(&["og:title", "twitter:title"]);
    meta.site_name = find(&["og:site_name", "application-name"]);
    meta.publisher = meta.publisher.or_else(|| meta.site_name.clone());
    // Sites whose templates fill `author` with the outlet itself (`"author": {"@type":
    // "Organization", "name": "Gulf Ledger"}`) name no writer: the printed byline, if any,
    // does.
    let outlet = |a: &str| {
        [&meta.publisher, &meta.site_name]
            .into_iter()
            .flatten()
            .any(|o| o.trim().eq_ignore_ascii_case(a.trim()))
    };
    meta.authors.retain(|a| !outlet(a));
    let canonical = html::select(doc, "link[rel~=canonical]")
        .first()
        .and_then(|l| l.value().attr("href").map(str::to_string));
    meta.canonical = canonical.or(meta.canonical).or_else(|| find(&["og:url"]));
    meta.title_tag = html::select(doc, "title").first().map(|t| html::text(*t)).filter(|t| !t.is_empty());
    for field in [
        &mut meta.headline,
        &mut meta.og_title,
        &mut meta.title_tag,
        &mut meta.publisher,
        &mut meta.site_name,
    ] {
        *field =
            field.take().map(|v| html::collapse_space(&html::decode_entities(&v))).filter(|v| !v.is_empty());
    }
    meta
}

/// Every `<meta>`'s name (or property, or itemprop) in lower case and its content.
fn meta_values(doc: &Html) -> Vec<(String, String)> {
    html::select(doc, "meta")
        .into_iter()
        .filter_map(|m| {
            let e = m.value();
            let name = e.attr("property").or_else(|| e.attr("name")).or_else(|| e.attr("itemprop"))?;
            let content = e.attr("content")?.trim();
            (!content.is_empty()).then(|| (name.to_ascii_lowercase(), content.to_string()))
        })
        .collect()
}

/// The first `<time>` that says it is the publication time (`itemprop`, `pubdate`, a class),
/// else the first `<time datetime>` inside the `<article>`.
fn time_element(doc: &Html) -> Option<String> {
    let times = html::select(doc, "time[datetime]");
    let labelled = times.iter().find(|t| {
        let e = t.value();
        e.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
            || e.attr("pubdate").is_some()
            || e.attr("class").is_some_and(|c| c.to_lowercase().contains("publish"))
    });
    let in_article = || {
        times
            .iter()
            .find(|t| t.ancestors().any(|a| a.value().as_element().is_some_and(|e| e.name() == "article")))
    };
    labelled
        .or_else(in_article)
        .or(times.first())
        .and_then(|t| t.value().attr("datetime").map(str::to_string))
}

/// The first JSON-LD object whose `@type` is an article, looking through arrays, `@graph`
/// and `mainEntity`.
fn json_ld_article(doc: &Html) -> Option<Value> {
    for script in html::select(doc, "script[type]") {
        let kind = script.value().attr("type").unwrap_or("").to_ascii_lowercase();
        if !kind.contains("ld+json") {
            continue;
        }
        let raw = html::raw_text(script);
        // Some sites wrap the JSON in a comment or CDATA, or end it with a semicolon.
        let trimmed = raw
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim()
            .trim_start_matches("//<![CDATA[")
            .trim_end_matches("//]]>")
            .trim()
            .trim_end_matches(';');
        let Ok(value) = serde_json::from_str::<Value>(trimmed) else { continue };
        if let Some(found) = find_article(&value, 0) {
            let mut article = found.clone();
            // `"author": {"@id": "…#/schema/person/4f2a"}`: the person is another node of the
            // `@graph`, named there.
            for key in ["author", "publisher"] {
                if let Some(field) = article.get_mut(key) {
                    resolve_references(field, &value);
                }
            }
            return Some(article);
        }
    }
    None
}

/// Replaces `{"@id": …}` references (alone or in a list) by the node of `root` with that
/// `@id` when it has a name.
fn resolve_references(field: &mut Value, root: &Value) {
    match field {
        Value::Array(items) => items.iter_mut().for_each(|item| resolve_references(item, root)),
        Value::Object(map) if !map.contains_key("name") => {
            let Some(id) = map.get("@id").and_then(Value::as_str) else { return };
            if let Some(node) = node_with_id(root, id, 0) {
                *field = node.clone();
            }
        }
        _ => {}
    }
}

fn node_with_id<'v>(value: &'v Value, id: &str, depth: usize) -> Option<&'v Value> {
    if depth > 6 {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|v| node_with_id(v, id, depth + 1)),
        Value::Object(map) => {
            if map.get("@id").and_then(Value::as_str) == Some(id) && map.contains_key("name") {
                return Some(value);
            }
            map.values().find_map(|v| node_with_id(v, id, depth + 1))
        }
        _ => None,
    }
}

fn find_article(value: &Value, depth: usize) -> Option<&Value> {
    if depth > 6 {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|v| find_article(v, depth + 1)),
        Value::Object(map) => {
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => {
                    ts.iter().any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t)))
                }
                _ => false,
            };
            if is_article {
                return Some(value);
            }
            ["@graph", "mainEntity", "itemListElement"]
                .iter()
                .find_map(|k| map.get(*k).and_then(|v| find_article(v, depth + 1)))
        }
        _ => None,
    }
}

fn string(obj: &Value, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(items) => items.first().and_then(Value::as_str).map(|s| s.trim().to_string()),
        _ => None,
    }
}

/// Names from a JSON-LD `author`/`publisher`: a string, an object with `name`, or a list of
/// them; people first, organisations only when no person is named.
fn names(value: Option<&Value>) -> Vec<String> {
    let mut people = Vec::new();
    let mut organisations = Vec::new();
    let items: Vec<&Value> = match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    for item in items {
        let (name, organisation) = match item {
            Value::String(s) => (Some(s.clone()), false),
            Value::Object(o) => (
                o.get("name").and_then(Value::as_str).map(str::to_string),
                o.get("@type").and_then(Value::as_str).is_some_and(|t| t.contains("Organization")),
            ),
            _ => (None, false),
        };
        let Some(name) = name.map(|n| html::collapse_space(&html::decode_entities(&n))) else { continue };
        if name.is_empty() || name.contains("://") {
            continue;
        }
        if organisation {
            organisations.push(name);
        } else {
            people.push(name);
        }
    }
    if people.is_empty() {
        organisations
    } else {
        people
    }
}

/// A login or address slug rather than a name: `gtr-staff`, `jane_roe`, `jroe`.
fn slug_shaped(author: &str) -> bool {
    !author.contains(' ') && !author.chars().any(char::is_uppercase)
}

/// Several names as a byline writes them: `A`, `A and B`, `A, B and C`.
pub(crate) fn join_names(names: &[String]) -> Option<String> {
    match names {
        [] => None,
        [one] => Some(one.clone()),
        [init @ .., last] => Some(format!("{} and {last}", init.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_in_a_graph_and_open_graph() {
        let page = r#"<html><head>
<title>Oracle to spend $40 billion on Nvidia chips | Example News</title>
<meta property="og:title" content="Oracle to spend $40 billion on Nvidia chips">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-05-23T10:00:00Z">
<link rel="canonical" href="https://news.example.com/oracle-nvidia">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Example News"},
 {"@type":["NewsArticle"],"headline":"Oracle to spend $40 billion on Nvidia chips for OpenAI&#39;s Texas site",
  "datePublished":"2025-05-24T06:12:00+01:00","author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Doe"}],
  "publisher":{"@type":"Organization","name":"Example News"}}]}</script>
</head><body></body></html>"#;
        let m = read(&html::parse(page));
        assert_eq!(
            m.headline.as_deref(),
            Some("Oracle to spend $40 billion on Nvidia chips for OpenAI's Texas site")
        );
        assert_eq!(m.published.as_deref(), Some("2025-05-24T06:12:00+01:00"));
        assert_eq!(join_names(&m.authors).as_deref(), Some("Jane Roe and John Doe"));
        assert_eq!(m.publisher.as_deref(), Some("Example News"));
        assert_eq!(m.canonical.as_deref(), Some("https://news.example.com/oracle-nvidia"));
        assert_eq!(m.og_title.as_deref(), Some("Oracle to spend $40 billion on Nvidia chips"));
    }

    #[test]
    fn graph_nodes_referenced_by_id_and_slugs_that_are_no_name() {
        let page = r#"<html><head><meta name="author" content="gtr-staff">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":["Article","NewsArticle"],"@id":"https://x.example/a/#article","headline":"Meta picks Louisiana for a data center",
  "author":{"@id":"https://x.example/#/schema/person/4f2a"},"publisher":{"@id":"https://x.example/#org"}},
 {"@type":"Organization","@id":"https://x.example/#org","name":"Gulf Report"},
 {"@type":"Person","@id":"https://x.example/#/schema/person/4f2a","name":"Jolene Broussard"}]}</script>
</head><body></body></html>"#;
        let m = read(&html::parse(page));
        assert_eq!(join_names(&m.authors).as_deref(), Some("Jolene Broussard"));
        assert_eq!(m.publisher.as_deref(), Some("Gulf Report"));
        let outlet = r#"<html><head><meta property="og:site_name" content="Gulf Ledger">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","author":{"@type":"Organization","name":"Gulf Ledger"},
"publisher":{"@type":"Organization","name":"Gulf Ledger"}}</script></head><body></body></html>"#;
        assert!(read(&html::parse(outlet)).authors.is_empty(), "the outlet is not the writer");
        let slug_only = r#"<html><head><meta name="author" content="gtr-staff"></head><body></body></html>"#;
        assert!(read(&html::parse(slug_only)).authors.is_empty());
    }

    #[test]
    fn meta_tags_and_time_when_there_is_no_json_ld() {
        let page = r#"<head><meta name="author" content="https://example.com/staff/jr"><meta name="parsely-author" content="Jane Roe">
<script type="application/ld+json">not json</script></head>
<body><article><time datetime="2025-06-04T18:12:00-04:00">June 4</time></article></body>"#;
        let m = read(&html::parse(page));
        assert_eq!(m.authors, ["Jane Roe"]);
        assert_eq!(m.published.as_deref(), Some("2025-06-04T18:12:00-04:00"));
        assert_eq!(m.headline, None);
    }
}
