//! What listings, feeds and term pages show of an article: its summary, as a value built
//! once and shared by every page that lists it.

use super::context::{PageSummary, TermLink};
use super::Model;
use crate::content::PageKind;
use crate::i18n;
use rayon::prelude::*;
use tera::Value;

/// Words of the first paragraph a listing shows when the front matter has no `summary`.
pub(super) const SUMMARY_WORDS: usize = 60;

impl<'a> Model<'a> {
    /// The listing summary of page `i` as a template value.
    pub(super) fn summary_value(&self, i: usize, fallback: bool, lang: &str) -> Value {
        let make = || match fallback {
            true => self.fallback_summary_value(i, lang),
            false => self.listed_summary_value(i, false, lang),
        };
        let cells = if fallback { self.fallback_summaries.get(lang) } else { Some(&self.summaries) };
        match cells.and_then(|c| c.get(i)) {
            Some(cell) => cell.get_or_init(make).clone(),
            None => make(),
        }
    }

    /// Makes every listed article's summaries now, in parallel, rather than one by one as
    /// the listings (built in order) first ask for them.
    pub(super) fn make_summaries(&self) {
        let articles: Vec<usize> =
            (0..self.input.pages.len()).filter(|&i| self.page(i).kind == PageKind::Article).collect();
        articles.par_iter().for_each(|&i| {
            self.summary_value(i, false, &self.page(i).lang);
        });
        for lang in self.fallback_summaries.keys() {
            articles
                .par_iter()
                .filter(|&&i| !self.page(i).is_translation() && self.page(i).lang != *lang)
                .for_each(|&i| {
                    self.summary_value(i, true, lang);
                });
        }
    }

    pub(super) fn summary(&self, i: usize, fallback: bool) -> PageSummary {
        let p = self.page(i);
        let r = self.rendered(i);
        let cfg = self.cfg();
        let path = p.lang_path(cfg.default_lang());
        let lang = &p.lang;
        PageSummary {
            title: p.title.clone(),
            url: cfg.url(&path),
            permalink: cfg.permalink(&path),
            date: p.date.as_ref().map(|d| d.text.clone()),
            date_display: p.date.as_ref().map(|d| i18n::format_date(d.date, lang)),
            date_rfc3339: p.date.as_ref().map(|d| d.rfc3339()),
            updated_rfc3339: p.meta.updated.as_ref().or(p.date.as_ref()).map(|d| d.rfc3339()),
            summary: p
                .meta
                .summary
                .clone()
                .unwrap_or_else(|| truncate_words(&r.first_paragraph, SUMMARY_WORDS)),
            lang: lang.clone(),
            fallback,
            reading_minutes: i18n::reading_minutes(r.words),
            tags: self.term_links(lang, "tags", p.meta.tags.as_deref()),
            companies: self.term_links(lang, "companies", Some(&self.companies[i][..])),
            tickers: self.term_links(lang, "tickers", p.meta.tickers.as_deref()),
            author: p.meta.author.clone().or_else(|| cfg.author.clone()),
            draft: p.meta.draft,
        }
    }

    /// [`Model::listed_summary`] as a template value, its term links shared with every other
    /// summary that shows the same term (they are most of a summary's size).
    fn listed_summary_value(&self, i: usize, fallback: bool, lang: &str) -> Value {
        let mut summary = self.listed_summary(i, fallback, lang);
        let terms = [
            ("tags", std::mem::take(&mut summary.tags)),
            ("companies", std::mem::take(&mut summary.companies)),
            ("tickers", std::mem::take(&mut summary.tickers)),
        ];
        // A struct always serialises to a map.
        let Some(mut map) = Value::from_serializable(&summary).into_map() else { return Value::none() };
        for (taxonomy, links) in terms {
            let shared: Vec<Value> = links.iter().map(|link| self.term_link_value(taxonomy, link)).collect();
            // The key is already there (an empty list): the field keeps its place.
            map.insert(tera::value::Key::Str(taxonomy), Value::from(shared));
        }
        Value::from(map)
    }

    /// Page `i`'s summary as listed in another language's edition: its own summary, marked as
    /// a fallback and dated in `lang`; every other field is shared with it.
    fn fallback_summary_value(&self, i: usize, lang: &str) -> Value {
        let own = self.summary_value(i, false, &self.page(i).lang);
        let Some(mut map) = own.as_map().cloned() else { return self.listed_summary_value(i, true, lang) };
        let date_display = self.page(i).date.as_ref().map(|d| i18n::format_date(d.date, lang));
        map.insert(tera::value::Key::Str("fallback"), Value::from(true));
        map.insert(tera::value::Key::Str("date_display"), Value::from(date_display));
        Value::from(map)
    }

    /// One term link as a template value, made once per build.
    fn term_link_value(&self, taxonomy: &'static str, link: &TermLink) -> Value {
        let mut stored = self.term_values.lock().unwrap_or_else(|e| e.into_inner());
        stored.entry((taxonomy, link.url.clone())).or_insert_with(|| Value::from_serializable(link)).clone()
    }

    /// An article as `lang`'s listings show it: an untranslated one keeps its own title and
    /// summary, but its date is written the listing's way, like the rest of the page chrome.
    fn listed_summary(&self, i: usize, fallback: bool, lang: &str) -> PageSummary {
        let mut s = self.summary(i, fallback);
        if fallback {
            s.date_display = self.page(i).date.as_ref().map(|d| i18n::format_date(d.date, lang));
        }
        s
    }
}

/// The first `max` words of `text`, with an ellipsis if there were more (cutting the result
/// again changes nothing).
pub(super) fn truncate_words(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= max {
        words.join(" ")
    } else {
        format!("{}…", words[..max].join(" "))
    }
}
