//! [`Page`]: one content file, parsed, with its place in the site (section, slug, language).

use super::front_matter::{self, FrontMatter, PageDate, Split};
use crate::diag::Location;
use std::path::PathBuf;
use std::sync::Arc;

/// What a content file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    /// A briefing inside a section folder: listed, in feeds and taxonomies.
    Article,
    /// A section's `_index.md`: its title and intro text.
    Section,
    /// A standalone page at the top of `content/` (about, methodology): rendered, not listed.
    Standalone,
}

/// A page's Markdown body: the end of the file's text, shared with [`Page::text`] rather
/// than copied, or the text a later stage rewrote it to (dedup removing repeats).
#[derive(Clone)]
pub struct Body {
    text: Arc<str>,
    start: usize,
}

impl Body {
    /// The body that starts at byte `start` of a file's `text`.
    pub fn tail_of(text: Arc<str>, start: usize) -> Self {
        Body { text, start }
    }
}

impl From<Arc<str>> for Body {
    fn from(text: Arc<str>) -> Self {
        Body { text, start: 0 }
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body { text: text.into(), start: 0 }
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::ops::Deref for Body {
    type Target = str;

    fn deref(&self) -> &str {
        self.text.get(self.start..).unwrap_or_default()
    }
}

/// One content file.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path below `content/`, with `/` separators: `briefings/foo.md`.
    pub rel: String,
    /// The file as shown in diagnostics.
    pub shown: PathBuf,
    /// The whole file (BOM removed, `\n` line endings). Shared: the preview server keeps
    /// each page from one rebuild to the next and hands out copies.
    pub text: std::sync::Arc<str>,
    /// Byte range of the front matter YAML in `text`.
    pub yaml_range: (usize, usize),
    /// 1-based file line of the first body line.
    pub body_line: usize,
    /// Parsed front matter (translations: with the original's data fields filled in).
    pub meta: Arc<FrontMatter>,
    /// Markdown body; stages after load may replace it (dedup removes repeats).
    pub body: Body,
    /// Article, section index or standalone page.
    pub kind: PageKind,
    /// Folder below `content/` (`briefings`, `briefings/2025`), empty at the top.
    pub section: String,
    /// Language code of this file.
    pub lang: String,
    /// URL slug.
    pub slug: String,
    /// Site path without the language prefix: `briefings/foo/`, `briefings/`, `about/`.
    pub path: String,
    /// Shared by a page and its translations: the original's `rel`.
    pub translation_key: String,
    /// Title (required).
    pub title: String,
    /// Publication date (required on articles).
    pub date: Option<PageDate>,
}

impl Page {
    /// The front matter YAML text.
    pub fn yaml(&self) -> &str {
        &self.text[self.yaml_range.0..self.yaml_range.1]
    }

    fn split(&self) -> Split<'_> {
        Split { yaml: self.yaml(), yaml_line_offset: 1, body: "", body_line: self.body_line }
    }

    /// Location of a front matter key path (`["capex", "#1", "period"]`) in the file.
    pub fn key_location(&self, key: &[&str]) -> Location {
        front_matter::key_location(&self.split(), &self.shown, key)
    }

    /// Location of a byte offset into the original body (before any rewriting).
    pub fn body_location(&self, offset: usize) -> Location {
        let body = &self.text[self.body_start()..];
        let split = Split { body, ..self.split() };
        front_matter::body_location(&split, &self.shown, offset)
    }

    /// Byte offset in `text` where the body starts.
    pub fn body_start(&self) -> usize {
        let mut line = 1;
        for (i, b) in self.text.bytes().enumerate() {
            if line == self.body_line {
                return i;
            }
            if b == b'\n' {
                line += 1;
            }
        }
        self.text.len()
    }

    /// The site path including the language prefix for non-default languages.
    pub fn lang_path(&self, default_lang: &str) -> String {
        if self.lang == default_lang {
            self.path.clone()
        } else if self.path.is_empty() {
            format!("{}/", self.lang)
        } else {
            format!("{}/{}", self.lang, self.path)
        }
    }

    /// Whether this page is a translation of another file.
    pub fn is_translation(&self) -> bool {
        self.translation_key != self.rel
    }

    /// Whether repeated passages should be removed from this article.
    pub fn dedup_enabled(&self) -> bool {
        self.meta.dedup.unwrap_or(true)
    }
}
