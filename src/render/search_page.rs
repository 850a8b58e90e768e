//! What rendering hands the search index: each published briefing's fields, and the search
//! page of each language. The index itself is `crate::search`'s.

use super::{Job, Model};
use crate::content::{Body, PageKind};
use crate::search::Doc;
use rayon::prelude::*;
use std::sync::Arc;
use tera::Context;

impl Model<'_> {
    /// Every published briefing (no draft unless drafts are built, no folded duplicate, no
    /// section or standalone page), in page order, each with its page key in a preview (whose
    /// documents of unchanged briefings are the last build's).
    pub(super) fn search_docs(&self) -> Vec<(Option<u128>, Arc<Doc>)> {
        let indices: Vec<usize> =
            self.article_indices().into_iter().filter(|&i| self.page(i).kind == PageKind::Article).collect();
        indices
            .into_par_iter()
            .map(|i| match &self.reuse {
                Some((previous, keys)) => {
                    let key = keys.page_keys()[i];
                    let doc = previous.search_docs.get(&key).cloned();
                    (Some(key), doc.unwrap_or_else(|| Arc::new(self.search_doc(i))))
                }
                None => (None, Arc::new(self.search_doc(i))),
            })
            .collect()
    }

    /// What the search index reads of briefing `i`.
    fn search_doc(&self, i: usize) -> Doc {
        let cfg = self.cfg();
        let registry = &self.input.capex.registry;
        let p = self.page(i);
        let companies: Vec<String> = self.companies[i].to_vec();
        let mut tickers: Vec<String> = p.meta.tickers.clone().unwrap_or_default();
        let mut aliases = Vec::new();
        for name in &companies {
            if let Some(c) = registry.resolve(name) {
                tickers.extend(c.tickers.iter().cloned());
                aliases.extend(c.aliases.iter().cloned());
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        tickers.retain(|t| !t.trim().is_empty() && seen.insert(t.trim().to_uppercase()));
        let body = self.input.capex.body_for(p);
        Doc {
            lang: p.lang.clone(),
            url: cfg.url(&p.lang_path(cfg.default_lang())),
            title: p.title.clone(),
            date: p.date.as_ref().map(|d| crate::i18n::format_date(d.date, &p.lang)).unwrap_or_default(),
            date_iso: p.date.as_ref().map(|d| d.date.to_string()).unwrap_or_default(),
            companies,
            tickers,
            aliases,
            tags: p.meta.tags.clone().unwrap_or_default(),
            body: if std::ptr::eq(body, &*p.body) { p.body.clone() } else { Body::from(body.to_string()) },
        }
    }

    /// The search page of `lang`.
    pub(super) fn search_job(&self, lang: &str, jobs: &mut Vec<Job<'_>>) {
        let links = self.language_links("search/");
        let mut ctx: Context = self.base_context(lang, links.clone(), links);
        self.insert_nav(&mut ctx, lang, "search/", true);
        jobs.push(Job {
            path: crate::paths::file_for(&self.lang_path(lang, "search/")),
            template: "search.html".into(),
            context: ctx,
            source: "the search page".into(),
            prekey: None,
            reused: None,
            made: None,
            make_context: None,
        });
    }
}
