//! The Atom feed of each language, the sitemap and robots.txt.

use super::context::{FeedEntry, LanguageLink, SitemapEntry};
use super::{Job, Model};
use tera::Context;

impl<'a> Model<'a> {
    pub(super) fn feed_job(&self, lang: &str, jobs: &mut Vec<Job<'_>>) {
        let cfg = self.cfg();
        let listing = self.listing(lang);
        let entries: Vec<FeedEntry> = listing
            .iter()
            .take(cfg.feed.limit)
            .map(|l| FeedEntry {
                summary: self.summary(l.index, l.fallback),
                content: strip_xml_invalid(&self.body_html(l.index, &self.rendered(l.index).html)),
            })
            .collect();
        // The feed's `updated` is the newest entry's date, never the build clock.
        let updated = listing
            .iter()
            .filter_map(|l| {
                let p = self.page(l.index);
                p.meta.updated.as_ref().or(p.date.as_ref())
            })
            .max()
            .map(|d| d.rfc3339())
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
        let feed_path = self.lang_path(lang, &cfg.feed.filename);
        let mut ctx = self.base_context(lang, Vec::new(), Vec::new());
        ctx.insert("entries", &entries);
        ctx.insert("updated", &updated);
        ctx.insert("feed_permalink", &cfg.permalink(&feed_path));
        jobs.push(Job {
            path: feed_path,
            template: "atom.xml".into(),
            context: ctx,
            source: "the Atom feed".into(),
            prekey: None,
            reused: None,
            made: None,
            make_context: None,
        });
    }

    /// The sitemap; its context, one entry per article, is made when it renders.
    pub(super) fn sitemap_job<'s>(&'s self, jobs: &mut Vec<Job<'s>>) {
        jobs.push(Job {
            path: "sitemap.xml".into(),
            template: "sitemap.xml".into(),
            context: Context::new(),
            source: "the sitemap".into(),
            // Made from where every page is, its versions and its dates.
            prekey: self.reuse.as_ref().map(|(_, keys)| keys.sitemap()),
            reused: None,
            made: None,
            make_context: Some(Box::new(|| self.sitemap_context())),
        });
    }

    fn sitemap_context(&self) -> Context {
        let cfg = self.cfg();
        let mut entries: Vec<SitemapEntry> = Vec::new();
        for lang in &cfg.languages {
            let links = self.language_links("");
            let alternates = if links.len() > 1 { links } else { Vec::new() };
            entries.push(SitemapEntry {
                permalink: cfg.permalink(&self.lang_path(&lang.code, "")),
                lastmod: None,
                alternates,
            });
        }
        for i in self.article_indices() {
            let p = self.page(i);
            let versions: Vec<LanguageLink> = self
                .groups
                .get(p.translation_key.as_str())
                .into_iter()
                .flatten()
                .filter(|&&v| !self.is_hidden(v))
                .map(|&v| self.page(v))
                .map(|v| {
                    let path = v.lang_path(cfg.default_lang());
                    LanguageLink {
                        code: v.lang.clone(),
                        name: v.lang.clone(),
                        url: cfg.url(&path),
                        permalink: cfg.permalink(&path),
                    }
                })
                .collect();
            entries.push(SitemapEntry {
                permalink: cfg.permalink(&p.lang_path(cfg.default_lang())),
                lastmod: p.meta.updated.as_ref().or(p.date.as_ref()).map(|d| d.date.to_string()),
                alternates: if versions.len() > 1 { versions } else { Vec::new() },
            });
        }
        entries.sort_by(|a, b| a.permalink.cmp(&b.permalink));
        let mut ctx = self.base_context(cfg.default_lang(), Vec::new(), Vec::new());
        ctx.insert("entries", &entries);
        ctx
    }

    pub(super) fn robots_job(&self, jobs: &mut Vec<Job<'_>>) {
        let ctx = self.base_context(self.cfg().default_lang(), Vec::new(), Vec::new());
        jobs.push(Job {
            path: "robots.txt".into(),
            template: "robots.txt".into(),
            context: ctx,
            source: "robots.txt".into(),
            prekey: None,
            reused: None,
            made: None,
            make_context: None,
        });
    }
}

/// Removes characters XML 1.0 does not allow (C0 controls but tab and newlines, U+FFFE,
/// U+FFFF): scraped text carries them, and one breaks every feed reader.
pub(super) fn strip_xml_invalid(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !(c.is_control() && !matches!(c, '\t' | '\n' | '\r') && (c as u32) < 0x20
                || c == '\u{FFFE}'
                || c == '\u{FFFF}')
        })
        .collect()
}
