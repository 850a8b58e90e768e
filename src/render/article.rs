//! Article pages: each briefing's own page, with its versions, the copies folded into it,
//! its related coverage and its JSON-LD; and the warnings about what its body left out.

use super::context::{AlsoReported, LanguageLink, PageSummary, PageView};
use super::{Job, Model};
use crate::config::Config;
use crate::content::Page;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::i18n;
use crate::markdown;
use crate::markdown::Rendered;
use std::collections::HashMap;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

impl<'a> Model<'a> {
    /// The job that renders article `i`, whose body rendered to `body`.
    pub(super) fn article_job(&self, i: usize, body: &Rendered) -> Job<'_> {
        let p = self.page(i);
        let cfg = self.cfg();
        let summary = self.summary(i, false);
        let versions: Vec<usize> = self.groups.get(p.translation_key.as_str()).cloned().unwrap_or_default();
        let translations: Vec<LanguageLink> = cfg
            .languages
            .iter()
            .filter_map(|l| {
                versions.iter().copied().find(|&v| self.page(v).lang == l.code).map(|v| {
                    let path = self.page(v).lang_path(cfg.default_lang());
                    LanguageLink {
                        code: l.code.clone(),
                        name: self.input.strings.get(&l.code, "language_name").unwrap_or(&l.code).to_string(),
                        url: cfg.url(&path),
                        permalink: cfg.permalink(&path),
                    }
                })
            })
            .collect();
        let switcher: Vec<LanguageLink> = self
            .language_links("")
            .into_iter()
            .map(|home| translations.iter().find(|t| t.code == home.code).cloned().unwrap_or(home))
            .collect();
        let also_reported = self.also_reported(p);
        let description = summary.summary.clone();
        let view = PageView {
            json_ld: json_ld(cfg, p, &summary, &description),
            canonical_url: summary.permalink.clone(),
            source_path: p.rel.clone(),
            section: p.section.clone(),
            headings: body.headings.clone(),
            words: body.words,
            source: p.meta.source.clone(),
            capex: self.page_capex(i),
            ai_generated: p.meta.ai_generated,
            translations: translations.clone(),
            also_reported,
            summary,
        };
        let mut ctx = self.base_context(&p.lang, translations, switcher);
        if let Some(top) = p.section.split('/').next().filter(|t| !t.is_empty()) {
            self.insert_nav(&mut ctx, &p.lang, &format!("{top}/"), false);
        }
        ctx.insert_value("disclosures", self.disclosures_value(&p.lang, p.meta.ai_generated));
        ctx.insert("page", &view);
        ctx.insert("content", &self.body_html(i, &body.html));
        let template = p.meta.template.clone().unwrap_or_else(|| "page.html".into());
        Job {
            path: crate::paths::file_for(&p.lang_path(cfg.default_lang())),
            template,
            context: ctx,
            source: p.shown.display().to_string(),
            prekey: self.reuse.as_ref().map(|(_, keys)| keys.article(self, i)),
            reused: None,
            made: None,
            make_context: None,
        }
    }

    /// Article `i`'s job, with an empty context when the previous build made its page from
    /// the same inputs.
    pub(super) fn article_job_or_reuse(&self, i: usize) -> Job<'_> {
        if let Some((previous, keys)) = &self.reuse {
            let p = self.page(i);
            let path = crate::paths::file_for(&p.lang_path(self.cfg().default_lang()));
            let key = keys.article(self, i);
            if let Some(bytes) = previous.made(&path, key) {
                return Job::reused(path, key, bytes);
            }
        }
        self.article_job(i, self.rendered(i))
    }

    /// The page indexes of the duplicates folded into the article `translation_key`.
    pub(super) fn folded_into(&self, translation_key: &str) -> &[usize] {
        let by_canonical = self.duplicates_by_canonical.get_or_init(|| {
            let mut map: HashMap<&str, Vec<usize>, Xxh3DefaultBuilder> = HashMap::default();
            for (dup, canonical) in &self.input.dedup.duplicate_of {
                if let Some(&i) = self.by_rel.get(dup.as_str()) {
                    map.entry(canonical.as_str()).or_default().push(i);
                }
            }
            map
        });
        by_canonical.get(translation_key).map_or(&[], Vec::as_slice)
    }

    /// The copies folded into an article (each outlet, linked to its source), then its
    /// related coverage: the other articles reporting the same news, each linked to its page
    /// here in the article's language when there is a version in it, the story's lead first.
    pub(super) fn also_reported(&self, p: &Page) -> Vec<AlsoReported> {
        let entry = |d: &Page, url: Option<String>| AlsoReported {
            title: d.title.clone(),
            url,
            source_name: d.meta.source.as_ref().and_then(|s| s.name.clone()),
            source_url: d.meta.source.as_ref().and_then(|s| s.url.clone()),
            date: d.date.as_ref().map(|x| i18n::format_date(x.date, &p.lang)),
        };
        let copies = self.folded_into(&p.translation_key).iter().map(|&i| entry(self.page(i), None));
        let related = self.related_to(&p.translation_key).into_iter().map(|i| {
            let versions = self.groups.get(self.page(i).translation_key.as_str());
            let shown =
                versions.into_iter().flatten().copied().find(|&v| self.page(v).lang == p.lang).unwrap_or(i);
            let d = self.page(shown);
            entry(d, Some(self.cfg().url(&d.lang_path(self.cfg().default_lang()))))
        });
        copies.chain(related).collect()
    }

    /// The page indexes of the related coverage of the article `translation_key`.
    pub(super) fn related_to(&self, translation_key: &str) -> Vec<usize> {
        let related = self.input.dedup.related.get(translation_key).into_iter().flatten();
        related.filter_map(|rel| self.by_rel.get(rel.as_str()).copied()).collect()
    }

    /// Warnings about the bodies: one cut at the size limit, a link or an image left out
    /// (at the line it is on).
    pub(super) fn body_warnings(&self, diags: &mut Diagnostics) {
        let pages = self.input.pages;
        for p in pages.iter().enumerate().filter(|&(i, _)| self.rendered(i).truncated).map(|(_, p)| p) {
            diags.push(
                Diagnostic::warning(
                    Some(Location::at(&p.shown, p.body_line, 1)),
                    format!(
                        "the text renders to more than {} bytes of HTML; the rest was left out",
                        markdown::html_cap(p.body.len())
                    ),
                )
                .with_help("the text repeats a construct that expands (a long link reference used many times); clean the source"),
            );
        }

        // Finding each dropped link in its file reads the body: the pages are read side by
        // side, and their warnings kept in page order.
        use rayon::prelude::*;
        let found: Vec<Vec<Diagnostic>> = pages
            .par_iter()
            .enumerate()
            .filter(|&(i, _)| !self.rendered(i).dropped_urls.is_empty())
            .map(|(i, p)| {
                let dropped_urls = &self.rendered(i).dropped_urls;
                let places = locate_in_body(p, dropped_urls.iter().map(|d| d.source.as_str()));
                dropped_urls
                    .iter()
                    .zip(places)
                    .map(|(dropped, (at, snippet))| {
                        let what = if dropped.image { "image" } else { "link" };
                        let d = Diagnostic::warning(Some(at), format!("{what} left out: {}", dropped.reason))
                            .with_help(crate::url_policy::HELP);
                        match snippet {
                            Some(line) => d.with_snippet(line),
                            None => d,
                        }
                    })
                    .collect()
            })
            .collect();
        for d in found.into_iter().flatten() {
            diags.push(d);
        }
    }
}

/// JSON-LD `NewsArticle`, escaped so no value can close the `<script>` element.
fn json_ld(cfg: &Config, p: &Page, s: &PageSummary, description: &str) -> String {
    let mut v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": p.title,
        "description": description,
        "url": s.permalink,
        "mainEntityOfPage": s.permalink,
        "inLanguage": p.lang,
        "publisher": { "@type": "Organization", "name": cfg.title },
    });
    if let Some(d) = &s.date_rfc3339 {
        v["datePublished"] = serde_json::Value::from(d.clone());
    }
    if let Some(d) = &s.updated_rfc3339 {
        v["dateModified"] = serde_json::Value::from(d.clone());
    }
    if let Some(a) = &s.author {
        v["author"] = serde_json::json!({ "@type": "Person", "name": a });
    }
    let text = serde_json::to_string(&v).unwrap_or_default();
    text.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// Where each of `needles` (the Markdown of dropped links, in order) appears in a page's
/// body, with that line, for a warning: searched from the previous one's place, then from
/// the body's start; the body's first line when the file spells it differently (a body
/// that dedup or a shortcode rewrote).
fn locate_in_body<'n>(p: &Page, needles: impl Iterator<Item = &'n str>) -> Vec<(Location, Option<String>)> {
    let text: &str = &p.text;
    let body_start = text.match_indices('\n').nth(p.body_line.saturating_sub(2)).map_or(0, |(i, _)| i + 1);
    let mut cursor = body_start;
    needles
        .map(|needle| {
            let found = (!needle.is_empty())
                .then(|| {
                    let after = text.get(cursor..).and_then(|t| t.find(needle)).map(|i| cursor + i);
                    after.or_else(|| {
                        text.get(body_start..).and_then(|t| t.find(needle)).map(|i| body_start + i)
                    })
                })
                .flatten();
            match found {
                Some(at) => {
                    cursor = at + needle.len();
                    let (line, column, snippet) = crate::diag::line_col(text, at);
                    (Location::at(&p.shown, line, column), Some(snippet.to_string()))
                }
                None => (Location::at(&p.shown, p.body_line, 1), None),
            }
        })
        .collect()
}
