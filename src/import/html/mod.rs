//! An HTML page read: what it tells search engines first (`meta`: JSON-LD, Open Graph,
//! `<time>`, canonical link), the article found by content scoring (`content`, with `classes`
//! naming chrome by class and id) and turned into Markdown (`markdown`), and the plain-text
//! rules for what the metadata does not say (a byline or date printed on the page, a dek, a
//! ticker line, a wire dateline).

mod classes;
mod content;
mod markdown;
mod meta;

use super::byline::Byline;
use super::dates;
use super::headline;
use super::text::{
    self, DateFrom, DateLine, Flavour, HeadlineFrom, Line, ReadOptions, Removed, Scraped, ShapeError,
};
use crate::furniture;
use crate::html;

/// An article body shorter than this (in words) is not trusted over the page's own reading.
const MIN_ARTICLE_WORDS: usize = 25;

/// Reads an HTML page.
pub(crate) fn read(source: &str, opts: &ReadOptions<'_>) -> Result<Scraped, ShapeError> {
    let doc = html::parse(source);
    let meta = meta::read(&doc);
    let base = meta
        .canonical
        .as_deref()
        .and_then(|c| ammonia::Url::parse(c.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    let site_name = opts.site_name.or(meta.site_name.as_deref()).or(meta.publisher.as_deref());

    // The whole page (menus, footers and chrome left out), read by the plain-text rules.
    let body = html::select(&doc, "body").into_iter().next().unwrap_or(doc.root_element());
    let whole = markdown::convert(&[body], base.as_ref());
    let whole_lines = whole.lines();
    let from_metadata = metadata_headline(&meta, &whole_lines, site_name);
    let title = opts.title.map(str::to_string).or_else(|| from_metadata.clone());
    let page_opts = ReadOptions { flavour: Flavour::Markdown, site_name, title: title.as_deref(), ..*opts };
    let page = text::parse(&numbered(&whole_lines), &page_opts);

    // The article, found by content scoring.
    let roots = content::best(&doc);
    let article = (!roots.is_empty()).then(|| markdown::convert(&roots, base.as_ref()));
    let headline_now = title.clone().or_else(|| page.as_ref().ok().map(|p| p.headline.clone()));
    let article_read = article.as_ref().and_then(|a| {
        let lines = a.lines();
        let article_opts =
            ReadOptions { flavour: Flavour::Markdown, site_name, title: headline_now.as_deref(), ..*opts };
        text::parse(&numbered(&lines), &article_opts).ok()
    });
    let trusted = article_read.filter(|a| words(a) >= MIN_ARTICLE_WORDS);

    let mut scraped = match (page, trusted) {
        (Ok(mut p), Some(mut a)) => {
            // The whole page shows the dek above the byline and date; an article cut that
            // left those out starts with it.
            let dek_first = match (&p.summary, a.body.first()) {
                (Some(dek), Some(first)) => {
                    furniture::fold(&furniture::visible(&first.text).0) == furniture::fold(dek)
                }
                _ => false,
            };
            if dek_first && a.body.len() > 1 {
                let first = a.body.remove(0);
                a.removed.push(Removed { line: first.line, what: "dek", text: first.text });
            }
            p.body = a.body;
            p.removed = a.removed;
            p.dateline = a.dateline.or(p.dateline);
            p.publisher_disclosure |= a.publisher_disclosure;
            if p.date == DateLine::Missing {
                p.date = a.date;
            }
            p
        }
        (Ok(p), None) => p,
        (Err(_), Some(a)) => a,
        (Err(e), None) => return Err(e),
    };
    if scraped.summary.is_none() {
        scraped.summary = whole.deks.first().cloned();
    }
    let chrome = article.map_or(whole.left_out, |a| a.left_out);
    scraped.removed.extend(chrome.into_iter().map(|(what, text)| Removed { line: 0, what, text }));

    if opts.title.is_some() {
        scraped.headline_from = HeadlineFrom::Given;
    } else if from_metadata.is_some() {
        scraped.headline_from = HeadlineFrom::Metadata;
    }
    if let Some(date) = meta.published.as_deref().and_then(metadata_date) {
        // A day alone, when another of the page's dates says the time of that day.
        let precise = (date.value.len() == 10)
            .then(|| {
                meta.published_all
                    .iter()
                    .filter_map(|v| metadata_date(v))
                    .find(|d| d.value.len() > 10 && d.value.starts_with(&date.value))
            })
            .flatten();
        let date = precise.unwrap_or(date);
        scraped.date = DateLine::Parsed {
            date,
            line: 1,
            text: meta.published.clone().unwrap_or_default(),
            from: DateFrom::Metadata,
        };
    }
    if let Some(author) = meta::join_names(&meta.authors) {
        let ai_generated = scraped.byline.as_ref().is_some_and(|b| b.ai_generated);
        scraped.byline = Some(Byline { author: Some(author), ai_generated });
    }
    scraped.canonical_url = base.map(|u| u.to_string());
    scraped.publisher = meta.publisher.clone();
    Ok(scraped)
}

fn numbered(lines: &[String]) -> Vec<Line<'_>> {
    lines.iter().enumerate().map(|(i, l)| (i + 1, l.as_str())).collect()
}

fn words(s: &Scraped) -> usize {
    s.body.iter().map(|b| b.text.split_whitespace().count()).sum()
}

/// The headline the metadata gives: JSON-LD's `headline` (a shortened one completed from the
/// page's heading), else `og:title` without the site's name.
fn metadata_headline(meta: &meta::Meta, lines: &[String], site: Option<&str>) -> Option<String> {
    let usable = |t: &str| {
        let t = t.trim();
        t.split_whitespace().count() >= 2 && !site.is_some_and(|s| t.eq_ignore_ascii_case(s.trim()))
    };
    // The page's own heading when it says the same (the metadata may straighten its quotes).
    let as_printed = |h: String| {
        let key = furniture::fold(&h);
        lines
            .iter()
            .map(|l| l.trim_start_matches('#').trim())
            .find(|l| furniture::fold(l) == key)
            .map_or(h, str::to_string)
    };
    metadata_headline_raw(meta, lines, site, usable)
        .map(as_printed)
        .map(|h| headline::without_wire_tag(&h).to_string())
}

fn metadata_headline_raw(
    meta: &meta::Meta,
    lines: &[String],
    site: Option<&str>,
    usable: impl Fn(&str) -> bool,
) -> Option<String> {
    if let Some(h) = meta.headline.as_deref().filter(|h| usable(h)) {
        let cut = h.trim_end_matches(['…', '.']).trim();
        if cut.len() < h.len() {
            // Search engines cut long headlines; the page's heading has it whole.
            let whole = lines
                .iter()
                .map(|l| l.trim_start_matches('#').trim())
                .find(|l| l.len() > cut.len() && furniture::fold(l).starts_with(&furniture::fold(cut)));
            if let Some(w) = whole {
                return Some(w.to_string());
            }
        }
        return Some(h.trim().to_string());
    }
    let og = meta.og_title.as_deref().map(|t| headline::without_site_suffix(t, site).to_string());
    og.filter(|t| usable(t) && headline::shaped(t))
}

/// A metadata date: RFC 3339 as written, else a date line.
fn metadata_date(value: &str) -> Option<dates::ParsedDate> {
    if let Some(v) = dates::rfc3339(value) {
        return Some(dates::ParsedDate { value: v, ..dates::ParsedDate::default() });
    }
    dates::parse_date_line(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> ReadOptions<'static> {
        ReadOptions { flavour: Flavour::Markdown, site_name: None, title: None, file_day: None }
    }

    const PARA: &str = "Oracle will spend about $40 billion on Nvidia's chips to power OpenAI's new data centre in Abilene, Texas, people familiar with the matter said.";

    #[test]
    fn a_subhead_over_the_author_block_stays_out_of_the_body() {
        let para = "The company will build two campuses in the county and train 1,500 electricians by 2028, its president said on Friday.";
        let page = format!(
            r#"<!doctype html><html><head><title>A $12 billion plan for Ohio</title></head><body>
<main><article>
<h1>A $12 billion plan for Ohio</h1>
<p class="sub">Two campuses, new power lines and training for electricians.</p>
<div class="author-block"><div><span>Ruth Okafor</span><span>Vice President, Public Policy</span></div>
<time datetime="2025-11-14">Nov 14, 2025</time></div>
<div class="rich-text"><p>{para}</p><p>{para} Construction starts next spring.</p><p>{para} The first hall opens in 2027.</p></div>
</article></main></body></html>"#
        );
        let s = read(&page, &opts()).unwrap();
        let body: Vec<&str> = s.body.iter().map(|b| b.text.as_str()).collect();
        assert!(body[0].starts_with("The company will build"), "{body:#?}");
        assert!(body.iter().all(|b| !b.contains("Two campuses")), "{body:#?}");
    }

    #[test]
    fn metadata_first_then_the_scored_article() {
        let page = format!(
            r#"<!doctype html><html><head><title>Oracle to buy $40 billion of Nvidia chips - Example News</title>
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://news.example.com/tech/oracle-nvidia">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Oracle to buy $40 billion of Nvidia chips for OpenAI's Texas site","datePublished":"2025-05-23T22:10:00Z","author":{{"@type":"Person","name":"Jane Roe"}}}}</script>
</head><body>
<header class="site-header"><a href="/">Example News</a><nav><a href="/tech">Tech</a></nav></header>
<div class="trending"><h2>Trending</h2><article><a href="/x">Nvidia tops $4 trillion in value</a></article></div>
<main><article class="story">
<h1>Oracle to buy $40 billion of Nvidia chips for OpenAI's Texas site</h1>
<p class="byline">By Jane Roe</p>
<figure><img src="/img/oracle.jpg" alt="FILE PHOTO: Oracle logo. REUTERS/Jane Roe"><figcaption>Oracle's offices in Austin. REUTERS/Jane Roe</figcaption></figure>
<div class="article-body"><p>{PARA}</p><div class="ad-slot">Advertisement</div><p>{PARA} The site holds 400,000 chips.</p>
<p>Read more: <a href="/meta">Meta lifts its capex range</a></p>
<div class="newsletter-signup"><p>Sign up for our Tech newsletter</p></div>
<p>{PARA} It opens in 2026.</p></div>
</article></main>
<footer><p>© 2025 Example News</p></footer></body></html>"#
        );
        let s = read(&page, &opts()).unwrap();
        assert_eq!(s.headline, "Oracle to buy $40 billion of Nvidia chips for OpenAI's Texas site");
        assert_eq!(s.headline_from, HeadlineFrom::Metadata);
        assert!(
            matches!(&s.date, DateLine::Parsed { date, from: DateFrom::Metadata, .. } if date.value == "2025-05-23T22:10:00+00:00"),
            "{:?}",
            s.date
        );
        assert_eq!(s.byline.and_then(|b| b.author).as_deref(), Some("Jane Roe"));
        assert_eq!(s.canonical_url.as_deref(), Some("https://news.example.com/tech/oracle-nvidia"));
        let body: Vec<&str> = s.body.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(body.len(), 3, "{body:#?}");
        assert!(
            body.iter()
                .all(|b| !b.contains("Advertisement") && !b.contains("Read more") && !b.contains("Sign up")),
            "{body:#?}"
        );
        assert!(s.removed.iter().any(|r| r.what == "ad label"), "{:?}", s.removed);
    }

    #[test]
    fn a_page_without_metadata_uses_its_heading_and_printed_date() {
        let page = format!(
            "<html><body><div id=nav><a href='/'>Home</a></div><h1>Baidu lifts AI spending as cloud revenue grows</h1><p>By John Doe</p><p>June 4, 2025, 6:12 PM ET</p><div class=content><p>BEIJING, June 4 (Reuters) - {PARA}</p><p>{PARA}</p></div></body></html>"
        );
        let s = read(&page, &opts()).unwrap();
        assert_eq!(s.headline, "Baidu lifts AI spending as cloud revenue grows");
        assert!(
            matches!(&s.date, DateLine::Parsed { date, from: DateFrom::Line, .. } if date.value == "2025-06-04T18:12:00-04:00"),
            "{:?}",
            s.date
        );
        assert_eq!(s.byline.and_then(|b| b.author).as_deref(), Some("John Doe"));
        assert_eq!(s.body.len(), 2);
    }
}
