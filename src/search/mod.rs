//! Site search: a static, chunked index of every published briefing per language, and the
//! script and stylesheet that query it in the browser. Render hands over the briefings
//! ([`Doc`]); this module turns them into output files and never touches the disk.
//!
//! Layout of the output, per language `L` (all below `search-index/L/`):
//! - `meta.json`: the number of briefings, the first term of every term chunk, the facet
//!   values (companies, tickers, tags, years) and the shard size;
//! - `t/N.txt`: term chunks, one `term<TAB>postings` line per term, terms sorted, so a
//!   one-word query fetches one chunk;
//! - `d/N.json`: the briefings themselves (URL, title, date, companies, plain text for the
//!   excerpt), a few per shard, fetched only for the results shown;
//! - `facets.txt`: one line per briefing with its facet values, for the search page's
//!   filters.

mod background;
mod index;
mod stem;
mod text;

use crate::output::OutputFile;

pub use background::Background;
pub use index::Stats;

/// Where the index files go below the output root.
pub const INDEX_DIR: &str = "search-index";

/// The query script every page loads (deferred), and its stylesheet.
pub const ASSETS: &[(&str, &str)] =
    &[("search.js", include_str!("assets/search.js")), ("search.css", include_str!("assets/search.css"))];

/// One published briefing, as the index sees it. Owned, so that the dev server can index a
/// build's briefings after it has served the build.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Language code of the page.
    pub lang: String,
    /// Root-relative URL under the base path.
    pub url: String,
    /// Title.
    pub title: String,
    /// The date as the page's language writes it.
    pub date: String,
    /// `YYYY-MM-DD`, for ordering.
    pub date_iso: String,
    /// Canonical company names.
    pub companies: Vec<String>,
    /// Tickers of the page and of its companies.
    pub tickers: Vec<String>,
    /// Other names of its companies (found by a search, never shown).
    pub aliases: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// The Markdown body.
    pub body: crate::content::Body,
}

/// Whether an output path is one of the index files.
pub fn is_index_file(path: &str) -> bool {
    path.strip_prefix(INDEX_DIR).is_some_and(|rest| rest.starts_with('/'))
}

/// The index files of `docs` for each of `languages` (a language without briefings gets an
/// empty index, so the search page of every edition answers).
pub fn index<D: std::borrow::Borrow<Doc> + Sync>(
    docs: &[D],
    languages: &[String],
) -> (Vec<OutputFile>, Stats) {
    index::build(docs, languages)
}

/// The text of a Markdown body as a reader sees it, for the excerpt and the terms: headings,
/// paragraphs, lists and table cells; not code blocks or raw HTML.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::with_capacity(markdown.len());
    let mut in_code_block = false;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            // A capex shortcode's placeholder stands where a table will be.
            Event::Text(t) | Event::Code(t) if !in_code_block && !t.starts_with("capbriefcapexshortcode") => {
                out.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::TableRow,
            ) if !out.ends_with(' ') => out.push(' '),
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_what_a_reader_sees() {
        let md = "# Alibaba's plan\n\nIt will spend **RMB 380 billion**.\n\n| a | b |\n|---|---|\n| x | y |\n\n```\ncode();\n```\n\n<div>raw</div>\n\ncapbriefcapexshortcode0x\n";
        assert_eq!(plain_text(md), "Alibaba's plan It will spend RMB 380 billion. a b x y");
    }
}
