//! The model rendering reads: a site's pages indexed for every output (versions, sections,
//! companies, folded duplicates) and the template values many pages share.

use super::cache;
use super::capex_views;
use super::context::{LanguageLink, SiteView, TermLink};
use super::plan;
use super::prekey;
use super::{Job, RenderInput};
use crate::config::Config;
use crate::content::{Page, PageKind};
use crate::markdown::{self, Rendered};
use crate::paths::term_slug;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};
use tera::{Context, Value};
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

/// The pages of a site, indexed for listings.
pub(super) struct Model<'a> {
    pub(super) input: &'a RenderInput<'a>,
    /// Each page's rendered body, once rendered (a clean build keeps the HTML only of bodies
    /// shown after their own page: see [`Model::bodies_shown_later`]).
    pub(super) rendered: Vec<OnceLock<Arc<Rendered>>>,
    /// translation key → indices of every version, in page order.
    pub(super) groups: HashMap<&'a str, Vec<usize>, Xxh3DefaultBuilder>,
    /// content-relative path → index.
    pub(super) by_rel: HashMap<&'a str, usize, Xxh3DefaultBuilder>,
    /// By page index: whether it is a folded duplicate (or a version of one), never shown.
    pub(super) hidden: Vec<bool>,
    /// Top-level folders of `content/` that hold articles, and how many each holds.
    pub(super) top_counts: BTreeMap<&'a str, usize>,
    /// Company pages (`companies` terms) by slug → canonical name.
    pub(super) company_pages: BTreeMap<String, String>,
    /// Each page's companies, canonicalised through the registry (by page index).
    pub(super) companies: Vec<Arc<[String]>>,
    /// Companies worked out now for texts `Model::new` was given none for, for the cache.
    pub(super) new_companies: Vec<(Arc<str>, cache::PageCompanies)>,
    /// Each page's listing summary as a template value, built once and shared by every
    /// listing, feed and term page that shows it (cloning a value is cheap).
    pub(super) summaries: Vec<OnceLock<Value>>,
    /// The same for another language's edition (by language): marked as a fallback, with
    /// the date in that language.
    pub(super) fallback_summaries: BTreeMap<String, Vec<OnceLock<Value>>>,
    /// `site` per language.
    pub(super) site_values: BTreeMap<String, Value>,
    /// Each language's listings (see [`plan`]), made or taken over on first use.
    pub(super) plans: BTreeMap<String, OnceLock<Arc<plan::ListingPlan>>>,
    /// Term links in summaries by (taxonomy, URL), filled on first use.
    pub(super) term_values: std::sync::Mutex<std::collections::HashMap<(&'static str, String), Value>>,
    /// `disclosures` per (language, AI wording), filled on first use.
    pub(super) disclosure_values: std::sync::Mutex<BTreeMap<(String, bool), Value>>,
    /// Each company's ledger by slug (one entry per real commitment), made on first use.
    pub(super) ledgers: OnceLock<HashMap<&'a str, crate::capex::ledger::CompanyLedger>>,
    /// Each company's figure history by slug, gathered on first use.
    pub(super) histories: OnceLock<HashMap<&'a str, Vec<&'a crate::capex::Commitment>>>,
    /// Who spends what by calendar year, for `/compare/` and (index 1) the home page.
    pub(super) year_tables: [OnceLock<crate::capex::years::YearTable>; 2],
    /// Canonical article → its folded duplicates' page indexes (in path order), gathered on
    /// first use: an article page lists the outlets that also reported its story.
    pub(super) duplicates_by_canonical: OnceLock<HashMap<&'a str, Vec<usize>, Xxh3DefaultBuilder>>,
    /// The company history rows made or taken over by this build, for the next one.
    pub(super) history_rows: std::sync::Mutex<cache::HistoryRows>,
    /// For a preview rebuild: the previous build's outputs, and the keys that tell which of
    /// them can be taken over without building their context.
    pub(super) reuse: Option<(&'a cache::RenderCache, prekey::Prekeys)>,
}

impl<'a> Model<'a> {
    /// The model of `input`'s pages; each original's companies are taken from `known` when
    /// its text is the same and it is still (or still not) a folded duplicate.
    pub(super) fn new(input: &'a RenderInput<'a>, known: Option<&cache::CompaniesMemo>) -> Self {
        let mut groups: HashMap<&str, Vec<usize>, Xxh3DefaultBuilder> = HashMap::default();
        let mut by_rel: HashMap<&str, usize, Xxh3DefaultBuilder> = HashMap::default();
        for (i, p) in input.pages.iter().enumerate() {
            groups.entry(p.translation_key.as_str()).or_default().push(i);
            by_rel.insert(p.rel.as_str(), i);
        }
        let duplicates: std::collections::HashSet<&str, Xxh3DefaultBuilder> =
            input.dedup.duplicate_of.keys().map(String::as_str).collect();
        let is_duplicate = |rel: &str| duplicates.contains(rel);
        let hidden: Vec<bool> = input
            .pages
            .par_iter()
            .map(|p| is_duplicate(&p.rel) || is_duplicate(&p.translation_key))
            .collect();
        let mut top_counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (p, _) in input.pages.iter().zip(&hidden).filter(|&(p, &h)| p.kind == PageKind::Article && !h) {
            let top = p.section.split('/').next().unwrap_or("");
            if !top.is_empty() {
                *top_counts.entry(top).or_default() += 1;
            }
        }
        // (`Some`: worked out now, for the cache.)
        let found: Vec<(Arc<[String]>, Option<cache::PageCompanies>)> = input
            .pages
            .par_iter()
            .map(|p| {
                // A translation shows its original's commitments: never kept by its own text.
                if p.is_translation() {
                    return (capex_views::page_companies(input, p).into(), None);
                }
                let duplicate = is_duplicate(&p.rel);
                let kept = known.and_then(|k| k.get(&p.text)).filter(|k| k.duplicate == duplicate);
                match kept {
                    Some(k) => (k.names.clone(), None),
                    None => {
                        let names: Arc<[String]> = capex_views::page_companies(input, p).into();
                        (names.clone(), Some(cache::PageCompanies { duplicate, names }))
                    }
                }
            })
            .collect();
        let mut companies = Vec::with_capacity(found.len());
        let mut new_companies = Vec::new();
        for (p, (names, made)) in input.pages.iter().zip(found) {
            companies.push(names);
            new_companies.extend(made.map(|m| (p.text.clone(), m)));
        }
        let company_pages = capex_views::company_pages(input, &companies);
        let mut model = Model {
            input,
            rendered: Vec::new(),
            groups,
            by_rel,
            hidden,
            top_counts,
            company_pages,
            companies,
            new_companies,
            summaries: Vec::new(),
            fallback_summaries: BTreeMap::new(),
            site_values: BTreeMap::new(),
            plans: input.config.languages.iter().map(|l| (l.code.clone(), OnceLock::new())).collect(),
            term_values: std::sync::Mutex::new(std::collections::HashMap::new()),
            disclosure_values: std::sync::Mutex::new(BTreeMap::new()),
            ledgers: OnceLock::new(),
            histories: OnceLock::new(),
            year_tables: [OnceLock::new(), OnceLock::new()],
            duplicates_by_canonical: OnceLock::new(),
            history_rows: std::sync::Mutex::new(cache::HistoryRows::new()),
            reuse: None,
        };
        model.rendered = (0..input.pages.len()).map(|_| OnceLock::new()).collect();
        let cells = || (0..input.pages.len()).map(|_| OnceLock::new()).collect::<Vec<_>>();
        model.summaries = cells();
        if input.config.languages.len() > 1 {
            for lang in &input.config.languages {
                model.fallback_summaries.insert(lang.code.clone(), cells());
            }
        }
        model.site_values = input
            .config
            .languages
            .iter()
            .map(|l| (l.code.clone(), Value::from_serializable(&model.site_view(&l.code))))
            .collect();
        model
    }

    /// Page `i`'s rendered body (empty if it was never rendered: a folded duplicate).
    pub(super) fn rendered(&self, i: usize) -> &Rendered {
        static NOT_RENDERED: Rendered = Rendered {
            html: String::new(),
            headings: Vec::new(),
            words: 0,
            first_paragraph: String::new(),
            truncated: false,
            dropped_urls: Vec::new(),
        };
        self.rendered.get(i).and_then(OnceLock::get).map_or(&NOT_RENDERED, |r| r)
    }

    /// Which pages' bodies appear again after their own page: section pages (their text
    /// heads the section's listing) and the entries of each language's feed.
    pub(super) fn bodies_shown_later(&self) -> Vec<bool> {
        let mut shown = vec![false; self.input.pages.len()];
        for (i, p) in self.input.pages.iter().enumerate() {
            shown[i] = p.kind == PageKind::Section;
        }
        if self.cfg().feed.enabled {
            for lang in &self.cfg().languages {
                for l in self.listing(&lang.code).iter().take(self.cfg().feed.limit) {
                    shown[l.index] = true;
                }
            }
        }
        shown
    }

    /// Remembers the hashes of the values many jobs share, for the preview cache's keys.
    pub(super) fn shared_value_memo(&self, jobs: &[Job<'_>]) -> cache::ValueMemo {
        let mut memo = cache::ValueMemo::default();
        for lang in &self.cfg().languages {
            for ai in [false, true] {
                memo.remember(&self.disclosures_value(&lang.code, ai));
            }
        }
        for v in self.site_values.values() {
            memo.remember(v);
        }
        // Jobs with a prekey are never hashed by context (listing pages: their `section`
        // and `company` values), so only the others' shared values are worth remembering.
        for job in jobs.iter().filter(|j| j.prekey.is_none()) {
            for name in ["taxonomy", "terms"] {
                if let Some(v) = job.context.get(name) {
                    memo.remember(v);
                }
            }
        }
        memo
    }

    pub(super) fn cfg(&self) -> &'a Config {
        self.input.config
    }

    pub(super) fn page(&self, i: usize) -> &'a Page {
        &self.input.pages[i]
    }

    pub(super) fn is_hidden(&self, i: usize) -> bool {
        self.hidden[i]
    }

    /// Site path with the language prefix.
    pub(super) fn lang_path(&self, lang: &str, path: &str) -> String {
        if lang == self.cfg().default_lang() {
            path.to_string()
        } else {
            format!("{lang}/{path}")
        }
    }

    fn site_view(&self, lang: &str) -> SiteView {
        let cfg = self.cfg();
        let l = cfg.languages.iter().find(|l| l.code == lang);
        SiteView {
            title: l.map_or_else(|| cfg.title.clone(), |l| l.title.clone()),
            description: l.map_or_else(|| cfg.description.clone(), |l| l.description.clone()),
            base_url: cfg.base_url.clone(),
            base_path: cfg.base_path.clone(),
            author: cfg.author.clone(),
            default_lang: cfg.default_lang().to_string(),
            languages: self.language_links(""),
            home_url: cfg.url(&self.lang_path(lang, "")),
            feed_url: cfg.feed.enabled.then(|| cfg.url(&self.lang_path(lang, &cfg.feed.filename))),
            taxonomies: cfg
                .taxonomies
                .iter()
                .map(|t| TermLink {
                    name: self.input.strings.get(lang, t).unwrap_or(t).to_string(),
                    slug: t.clone(),
                    url: cfg.url(&self.lang_path(lang, &format!("{t}/"))),
                    count: 0,
                })
                .collect(),
            sections: self.top_sections(lang),
            search_url: cfg.search.then(|| cfg.url(&self.lang_path(lang, "search/"))),
            search_index: cfg.url(&format!("{}/", crate::search::INDEX_DIR)),
            search_langs: cfg.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(" "),
        }
    }

    /// Top-level folders of `content/` that hold articles, with their titles in `lang`.
    fn top_sections(&self, lang: &str) -> Vec<TermLink> {
        self.top_counts
            .iter()
            .map(|(&top, &count)| (top, count))
            .map(|(top, count)| {
                let title =
                    self.section_page(top, lang).map(|i| self.page(i).title.clone()).unwrap_or_else(|| {
                        let mut c = top.chars();
                        c.next()
                            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                            .unwrap_or_default()
                    });
                TermLink {
                    name: title,
                    slug: top.to_string(),
                    url: self.cfg().url(&self.lang_path(lang, &format!("{top}/"))),
                    count,
                }
            })
            .collect()
    }

    /// The same site path in every language.
    pub(super) fn language_links(&self, path: &str) -> Vec<LanguageLink> {
        self.cfg()
            .languages
            .iter()
            .map(|l| {
                let p = self.lang_path(&l.code, path);
                LanguageLink {
                    code: l.code.clone(),
                    name: self.input.strings.get(&l.code, "language_name").unwrap_or(&l.code).to_string(),
                    url: self.cfg().url(&p),
                    permalink: self.cfg().permalink(&p),
                }
            })
            .collect()
    }

    pub(super) fn term_links(&self, lang: &str, taxonomy: &str, values: Option<&[String]>) -> Vec<TermLink> {
        if !self.cfg().taxonomies.iter().any(|t| t == taxonomy) {
            return Vec::new();
        }
        values
            .map(|v| {
                v.iter()
                    .filter(|name| !name.trim().is_empty())
                    .map(|name| {
                        let slug = term_slug(name);
                        TermLink {
                            name: name.trim().to_string(),
                            url: self.cfg().url(&self.lang_path(lang, &format!("{taxonomy}/{slug}/"))),
                            slug,
                            count: 0,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Pages rendered to a page of their own: articles and standalone pages, but not section
    /// indexes (their text heads a listing) or folded duplicates.
    pub(super) fn article_indices(&self) -> Vec<usize> {
        (0..self.input.pages.len())
            .filter(|&i| {
                let p = self.page(i);
                p.kind != PageKind::Section && !self.is_hidden(i)
            })
            .collect()
    }

    pub(super) fn base_context(
        &self,
        lang: &str,
        alternates: Vec<LanguageLink>,
        switcher: Vec<LanguageLink>,
    ) -> Context {
        let mut ctx = Context::new();
        match self.site_values.get(lang) {
            Some(v) => ctx.insert_value("site", v.clone()),
            None => ctx.insert("site", &self.site_view(lang)),
        }
        ctx.insert("lang", lang);
        // hreflang="x-default": the default language's version, else the first one.
        let x_default = alternates
            .iter()
            .find(|a| a.code == self.cfg().default_lang())
            .or_else(|| alternates.first())
            .map(|a| a.permalink.clone());
        ctx.insert("x_default", &x_default);
        ctx.insert("alternates", &alternates);
        ctx.insert("switcher", &switcher);
        // Every page carries its disclosures in every language; articles replace these with
        // their own (AI wording for `ai_generated: true`).
        ctx.insert_value("disclosures", self.disclosures_value(lang, false));
        ctx.insert("nav_current", "");
        ctx.insert("nav_exact", &false);
        ctx
    }

    /// Marks which header link the page is under: the site path `target` (`compare/`,
    /// `briefings/`, `tags/`, `` for home) in `lang`, and whether the page is that very one
    /// (`aria-current="page"`) or inside it (`aria-current="true"`).
    pub(super) fn insert_nav(&self, ctx: &mut Context, lang: &str, target: &str, exact: bool) {
        ctx.insert("nav_current", &self.cfg().url(&self.lang_path(lang, target)));
        ctx.insert("nav_exact", &exact);
    }

    /// The disclosures of a page as a template value, built once per language and wording.
    /// The texts are escaped here, once, and marked safe: every page of the site carries
    /// them, and escaping them again for each page was a measurable part of rendering.
    pub(super) fn disclosures_value(&self, lang: &str, ai_generated: bool) -> Value {
        let key = (lang.to_string(), ai_generated);
        if let Some(v) = self.disclosure_values.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return v.clone();
        }
        let blocks: Vec<Value> = self
            .input
            .strings
            .disclosures(lang, ai_generated)
            .into_iter()
            .map(|d| {
                let safe = |t: &str| Value::safe_string(&markdown::escape_html(t));
                let mut m: BTreeMap<&'static str, Value> = BTreeMap::new();
                m.insert("lang", safe(&d.lang));
                m.insert("heading", safe(&d.heading));
                m.insert("production_label", safe(&d.production_label));
                m.insert("production", safe(&d.production));
                m.insert("investment_label", safe(&d.investment_label));
                m.insert("investment", safe(&d.investment));
                m.insert("ai_generated", Value::from(d.ai_generated));
                m.insert("note", safe(&d.note));
                m.insert("ai_notice", safe(&d.ai_notice));
                Value::from(m)
            })
            .collect();
        // Jobs are built on several threads: whichever value is stored first is the one every
        // page gets, so all of them share it (the preview's keys find shared values by address).
        let mut stored = self.disclosure_values.lock().unwrap_or_else(|e| e.into_inner());
        stored.entry(key).or_insert_with(|| Value::from(blocks)).clone()
    }

    /// A job that takes over the previous build's file at `path`, made from inputs with the
    /// key `prekey` gives, when there is one; `None` when the file has to be made.
    pub(super) fn reused_job(
        &self,
        path: &str,
        prekey: impl FnOnce(&prekey::Prekeys) -> u128,
    ) -> Result<Job<'static>, Option<u128>> {
        let Some((previous, keys)) = &self.reuse else { return Err(None) };
        let key = prekey(keys);
        match previous.made(path, key) {
            Some(bytes) => Ok(Job::reused(path.to_string(), key, bytes)),
            None => Err(Some(key)),
        }
    }

    /// The preview cache's key of a listing's frame (`section`, `taxonomy`, `term`).
    pub(super) fn extra_key(&self, extra: &Context) -> Option<u128> {
        self.reuse.as_ref().map(|_| cache::job_key("", extra, &cache::ValueMemo::default()))
    }
}
