//! What templates see: serialisable views of the site, pages, listings and pagination.
//! README.md documents every field; keep the two in step.

use crate::markdown::Heading;
use serde::Serialize;

/// `site`: the same on every page of one language.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title in the page's language.
    pub title: String,
    /// Site description in the page's language.
    pub description: String,
    /// Absolute base URL, ending in `/`.
    pub base_url: String,
    /// Path part of the base URL, starting and ending in `/`.
    pub base_path: String,
    /// Default author.
    pub author: Option<String>,
    /// The default language code.
    pub default_lang: String,
    /// Every language: code, name and home URL.
    pub languages: Vec<LanguageLink>,
    /// This language's home page URL.
    pub home_url: String,
    /// This language's feed URL, when feeds are on.
    pub feed_url: Option<String>,
    /// Enabled taxonomies with their index URLs.
    pub taxonomies: Vec<TermLink>,
    /// Top-level sections that hold articles (title from their `_index.md`), for navigation.
    pub sections: Vec<TermLink>,
    /// This language's search page, when search is on.
    pub search_url: Option<String>,
    /// Root-relative URL of the search index folder (one folder per language below it).
    pub search_index: String,
    /// Codes of the languages with an index, space-separated.
    pub search_langs: String,
}

/// A language version of a page (or site).
#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink {
    /// Language code.
    pub code: String,
    /// Language name in that language.
    pub name: String,
    /// URL of the page (or home) in that language.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
}

/// A link to a taxonomy or a term.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct TermLink {
    /// Display name.
    pub name: String,
    /// URL slug.
    pub slug: String,
    /// Root-relative URL.
    pub url: String,
    /// How many listed articles carry it.
    pub count: usize,
}

/// An article as listings show it.
#[derive(Debug, Clone, Serialize)]
pub struct PageSummary {
    /// Headline.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Date as written (`YYYY-MM-DD` or RFC 3339), for `<time datetime>`.
    pub date: Option<String>,
    /// Date in words in the page's language.
    pub date_display: Option<String>,
    /// RFC 3339 for feeds.
    pub date_rfc3339: Option<String>,
    /// Last update, RFC 3339.
    pub updated_rfc3339: Option<String>,
    /// Summary (front matter, else the first paragraph).
    pub summary: String,
    /// Language of this version.
    pub lang: String,
    /// Listed in another language's edition because no translation exists.
    pub fallback: bool,
    /// Minutes to read.
    pub reading_minutes: usize,
    /// Tags with URLs.
    pub tags: Vec<TermLink>,
    /// Companies with URLs.
    pub companies: Vec<TermLink>,
    /// Tickers with URLs.
    pub tickers: Vec<TermLink>,
    /// Author.
    pub author: Option<String>,
    /// A draft, shown only in builds with drafts.
    pub draft: bool,
}

/// A feed entry: the listing fields plus the rendered body.
#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    /// Listing fields.
    #[serde(flatten)]
    pub summary: PageSummary,
    /// Rendered body HTML (templates escape it for XML).
    pub content: String,
}

/// A page in the sitemap, with its language versions.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapEntry {
    /// Absolute URL.
    pub permalink: String,
    /// Last modification date (`YYYY-MM-DD`).
    pub lastmod: Option<String>,
    /// Language versions (for `xhtml:link` alternates); empty when there is only one.
    pub alternates: Vec<LanguageLink>,
}

/// A version of this story published elsewhere, folded into this page by dedup.
#[derive(Debug, Clone, Serialize)]
pub struct AlsoReported {
    /// Its title.
    pub title: String,
    /// Its page on this site, for related coverage (the same news in other words, published
    /// on its own); `None` for a copy folded into this page.
    pub url: Option<String>,
    /// Its source name.
    pub source_name: Option<String>,
    /// Its source URL.
    pub source_url: Option<String>,
    /// Its date.
    pub date: Option<String>,
}

/// `page`: everything about one article or standalone page.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// Listing fields.
    #[serde(flatten)]
    pub summary: PageSummary,
    /// Content-relative source path.
    pub source_path: String,
    /// Section folder.
    pub section: String,
    /// Headings for a table of contents.
    pub headings: Vec<Heading>,
    /// Words of prose.
    pub words: usize,
    /// Original report.
    pub source: Option<crate::content::SourceInfo>,
    /// Capex commitments of this briefing: rows, table and chart (see docs/capex.md).
    pub capex: crate::capex::table::CapexView,
    /// Produced with AI assistance.
    pub ai_generated: bool,
    /// Every language version of this page, this one included.
    pub translations: Vec<LanguageLink>,
    /// The canonical URL (this page, or the page it duplicates).
    pub canonical_url: String,
    /// Other outlets' versions of the story.
    pub also_reported: Vec<AlsoReported>,
    /// JSON-LD `NewsArticle`, already escaped for a `<script>` element.
    pub json_ld: String,
}
