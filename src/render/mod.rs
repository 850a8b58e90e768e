//! Rendering: pages, listings, taxonomies, feeds, sitemap and redirects, as in-memory
//! output files. Never touches the disk; `output` writes what this returns.

pub mod cache;
mod capex_views;
pub mod context;
mod plan;
mod prekey;
mod search_page;
pub mod templates;

use crate::capex::CapexData;
use crate::config::Config;
use crate::content::{Page, PageKind, StaticAsset};
use crate::dedup::DedupReport;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::i18n::{self, Strings};
use crate::markdown::{self, MarkdownEngine, MarkdownOptions, Rendered};
use crate::output::{OutputBody, OutputFile, Sink};
use crate::paths::term_slug;
use context::{
    AlsoReported, FeedEntry, LanguageLink, PageSummary, PageView, SiteView, SitemapEntry, TermLink,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, OnceLock};
use tera::{Context, Tera, Value};
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

/// Everything rendering reads.
pub struct RenderInput<'a> {
    /// Resolved config.
    pub config: &'a Config,
    /// Every page, sorted by path.
    pub pages: &'a [Page],
    /// Static files to copy.
    pub assets: &'a [StaticAsset],
    /// Dedup decisions.
    pub dedup: &'a DedupReport,
    /// Capex data.
    pub capex: &'a CapexData,
    /// UI strings.
    pub strings: &'a Strings,
    /// Templates.
    pub tera: &'a Tera,
    /// Markdown engine (syntaxes, sanitiser).
    pub engine: &'a MarkdownEngine,
    /// A preview build (the dev server, `build --drafts`): drafted figures are marked.
    pub preview: bool,
}

/// A file to render with a template.
struct Job<'m> {
    path: String,
    template: String,
    context: Context,
    source: String,
    /// The preview cache's key of this output when it is known without the context
    /// (articles and listing pages); the context is then left empty when the previous
    /// build made this output from the same key.
    prekey: Option<u128>,
    /// The previous build's bytes of this output, made from inputs with the same key: the
    /// job is done by handing them on.
    reused: Option<Arc<Vec<u8>>>,
    /// The output's bytes, made already (a data file): nothing to render, but new.
    made: Option<Arc<Vec<u8>>>,
    /// When set, makes `context` at render time. Listing pages, most of a site's outputs,
    /// are made this way: a build holds the context of the pages being rendered, not of
    /// every listing page at once, and makes them on every thread.
    make_context: Option<Box<dyn FnOnce() -> Context + Send + 'm>>,
}

impl Job<'_> {
    /// A job that hands on the previous build's `bytes` of `path`, made from inputs with
    /// the same `key` (nothing of it is rendered, so nothing else is needed).
    fn reused(path: String, key: u128, bytes: Arc<Vec<u8>>) -> Job<'static> {
        Job {
            path,
            template: String::new(),
            context: Context::new(),
            source: String::new(),
            prekey: Some(key),
            reused: Some(bytes),
            made: None,
            make_context: None,
        }
    }

    /// Makes the job's context now if it was deferred.
    fn make_context_now(&mut self) {
        if let Some(make) = self.make_context.take() {
            self.context = make();
        }
    }
}

/// One listing (the home page, a section, a taxonomy term) in one language: its pages become
/// jobs only when the listing renders, so a build never holds a job for every listing page.
struct Listing<'m> {
    lang: String,
    /// Site path of its first page, without the language prefix.
    path: String,
    template: &'static str,
    /// What diagnostics call it.
    source: String,
    items: Vec<(usize, bool)>,
    frame: ListingFrame<'m>,
    /// The preview key of `frame.shared`.
    extra_key: Option<u128>,
}

impl<'m> Listing<'m> {
    /// How many pages the listing takes at `per` articles a page (one when it is empty).
    fn page_count(&self, per: usize) -> usize {
        self.items.len().div_ceil(per).max(1)
    }

    /// The listing at `path` over `items`, cut into pages of `paginate` articles.
    fn new(
        lang: &str,
        path: &str,
        template: &'static str,
        items: &[(usize, bool)],
        (frame, extra_key): (ListingFrame<'m>, Option<u128>),
        source: String,
    ) -> Self {
        Listing {
            lang: lang.to_string(),
            path: path.to_string(),
            template,
            source,
            items: items.to_vec(),
            frame,
            extra_key,
        }
    }
}

/// What every page of one listing shares (`section`, or `taxonomy` and `term`), and what only
/// its first page shows.
struct ListingFrame<'m> {
    shared: Context,
    first_page: Option<FirstPageValue<'m>>,
}

/// A value only a listing's first page carries (null on the others): a company's figure
/// table, which is large, is made only when that page renders, and leaves the other pages of
/// the listing alone when it changes.
struct FirstPageValue<'m> {
    name: &'static str,
    /// Its part of the first page's preview key.
    key: Option<u128>,
    make: Box<dyn Fn() -> Value + Send + Sync + 'm>,
}

impl ListingFrame<'_> {
    fn shared(shared: Context) -> Self {
        ListingFrame { shared, first_page: None }
    }
}

/// What rendering produced.
#[derive(Debug, Clone, Default)]
pub struct RenderStats {
    /// Output files emitted.
    pub files: usize,
    /// HTML pages among them.
    pub html_pages: usize,
    /// Warnings found while rendering (a body cut at the size limit).
    pub warnings: Vec<Diagnostic>,
    /// A preview's published briefings, for its search index (made after the reload); a
    /// clean build writes the index with the other files and leaves this empty.
    pub search_docs: Option<Vec<crate::search::Doc>>,
    /// How long a clean build took to make the search index (part of rendering).
    pub search_time: Option<std::time::Duration>,
}

/// Renders the whole site, handing each output file to `sink` as soon as it is made.
pub fn site(input: &RenderInput<'_>, sink: &dyn Sink) -> Result<RenderStats, Diagnostics> {
    site_reusing(input, sink, None)
}

/// What one templated output came to: its path and, when a cache is kept and it was made
/// anew, its key and bytes (a reused one is already in the cache).
struct Emitted {
    path: String,
    kept: Option<(u128, std::sync::Arc<Vec<u8>>)>,
    reused: bool,
}

/// An output file's result. The error is boxed: the build holds one per output file (26,000
/// at 10,000 articles) until all are made, and a diagnostic is twice the size of an [`Emitted`].
type Made = Result<Emitted, Box<Diagnostic>>;

/// Like [`site`], but takes every body and file whose inputs are unchanged from `cache`
/// (the previous build of the same site) instead of rendering it again, and on success
/// leaves this build's results in `cache` for the next one. The output is the same bytes
/// a clean build makes.
pub fn site_reusing(
    input: &RenderInput<'_>,
    sink: &dyn Sink,
    cache: Option<&mut cache::RenderCache>,
) -> Result<RenderStats, Diagnostics> {
    let cfg = input.config;
    let pages = input.pages;
    let host = site_host(&cfg.base_url);
    let prev = cache.as_deref();
    let mut model = Model::new(input, prev.map(|c| &c.companies));
    let articles = model.article_indices();
    let markdown_options = |p: &Page| MarkdownOptions {
        trust_html: p.meta.unsafe_html.unwrap_or(cfg.unsafe_html),
        site_host: host.clone(),
    };
    let emit = |f: OutputFile| -> Made {
        let path = f.path.clone();
        sink.emit(f)?;
        Ok(Emitted { path, kept: None, reused: false })
    };
    let locate = |i: usize| {
        move |mut d: Box<Diagnostic>| {
            d.location = Some(Location::file(&pages[i].shown));
            d
        }
    };
    let mut results: Vec<Made>;
    let mut text_keys = Vec::new();
    // With, in a preview, whether each body was taken from the last build.
    let (md_keys, markdown_reused): (Vec<u128>, Vec<bool>) = match prev {
        // A clean build renders each article's page as soon as its body, and keeps a body's
        // HTML only when a feed or a section page shows it again: the build never holds
        // every rendered body at once.
        None => {
            let shown_later = model.bodies_shown_later();
            let has_page = {
                let mut v = vec![false; pages.len()];
                articles.iter().for_each(|&i| v[i] = true);
                v
            };
            results = (0..pages.len())
                .into_par_iter()
                .filter_map(|i| {
                    let p = &pages[i];
                    // A folded duplicate's body is never shown.
                    if !has_page[i] && !shown_later[i] {
                        return None;
                    }
                    let rendered =
                        markdown::render(input.capex.body_for(p), &markdown_options(p), input.engine);
                    // What listings and feeds read later: the summary's words, not the headings.
                    let facts = Rendered {
                        html: if shown_later[i] { rendered.html.clone() } else { String::new() },
                        headings: Vec::new(),
                        words: rendered.words,
                        first_paragraph: match p.meta.summary {
                            Some(_) => String::new(),
                            None => truncate_words(&rendered.first_paragraph, SUMMARY_WORDS),
                        },
                        truncated: rendered.truncated,
                        dropped_urls: rendered.dropped_urls.clone(),
                    };
                    let _ = model.rendered[i].set(Arc::new(facts));
                    has_page[i].then(|| {
                        render_job(input.tera, model.article_job(i, &rendered))
                            .map_err(Box::new)
                            .and_then(emit)
                            .map_err(locate(i))
                    })
                })
                .collect();
            (Vec::new(), Vec::new())
        }
        // A preview rebuild first takes every body it can from the previous build: the keys
        // that tell which pages are unchanged are made from the keys of the bodies.
        Some(previous) => {
            let keyed: Vec<(u128, bool)> = pages
                .par_iter()
                .zip(&model.rendered)
                .map(|(p, cell)| {
                    let body = input.capex.body_for(p);
                    let has_shortcodes = input.capex.shortcodes.contains_key(&p.rel);
                    let known =
                        previous.texts.get(&p.text).and_then(|k| k.markdown).filter(|_| !has_shortcodes);
                    let key = known.unwrap_or_else(|| cache::markdown_key(body, &markdown_options(p)));
                    let (rendered, reused) = match previous.markdown.get(&key) {
                        Some(r) => (r.clone(), true),
                        None => (Arc::new(markdown::render(body, &markdown_options(p), input.engine)), false),
                    };
                    let _ = cell.set(rendered);
                    (key, reused)
                })
                .collect();
            let (md_keys, reused): (Vec<u128>, Vec<bool>) = keyed.into_iter().unzip();
            let (keys, texts) = prekey::Prekeys::new(&model, &md_keys, &previous.texts);
            text_keys = texts;
            model.reuse = Some((previous, keys));
            results = Vec::new();
            (md_keys, reused)
        }
    };
    // A preview rebuild makes only the summaries of listings it renders again.
    if prev.is_none() {
        model.make_summaries();
    }
    let mut jobs: Vec<Job<'_>> = Vec::new();
    let mut extra: Vec<OutputFile> = Vec::new();
    let mut diags = Diagnostics::new();
    for p in pages.iter().enumerate().filter(|&(i, _)| model.rendered(i).truncated).map(|(_, p)| p) {
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

    for (i, p) in pages.iter().enumerate() {
        let dropped_urls = &model.rendered(i).dropped_urls;
        let places = locate_in_body(p, dropped_urls.iter().map(|d| d.source.as_str()));
        for (dropped, (at, snippet)) in dropped_urls.iter().zip(places) {
            let what = if dropped.image { "image" } else { "link" };
            let mut d = Diagnostic::warning(Some(at), format!("{what} left out: {}", dropped.reason))
                .with_help(crate::url_policy::HELP);
            if let Some(line) = snippet {
                d = d.with_snippet(line);
            }
            diags.push(d);
        }
    }

    // Each language's listings, compare page and feed, the languages side by side (the jobs
    // render in parallel later anyway; planning them is the sequential part).
    let mut listings: Vec<Listing<'_>> = Vec::new();
    let (per_language, site_wide) = rayon::join(
        || {
            cfg.languages
                .par_iter()
                .map(|lang| {
                    let (mut jobs, mut listings) = (Vec::new(), Vec::new());
                    model.listing_jobs(&lang.code, &mut jobs, &mut listings);
                    model.compare_job(&lang.code, &mut jobs);
                    if cfg.search {
                        model.search_job(&lang.code, &mut jobs);
                    }
                    if cfg.feed.enabled {
                        model.feed_job(&lang.code, &mut jobs);
                    }
                    (jobs, listings)
                })
                .collect::<Vec<_>>()
        },
        || {
            let mut jobs = Vec::new();
            model.not_found_job(&mut jobs);
            model.alias_jobs(&mut jobs);
            model.sitemap_job(&mut jobs);
            model.robots_job(&mut jobs);
            model.data_jobs(&mut jobs);
            jobs
        },
    );
    for (language_jobs, language_listings) in per_language {
        jobs.extend(language_jobs);
        listings.extend(language_listings);
    }
    jobs.extend(site_wide);

    // Theme assets, unless the site's static/ provides a file of the same name.
    let site_assets: BTreeSet<&str> = input.assets.iter().map(|a| a.out.as_str()).collect();
    // Made from the themes' definitions, which take a while to load: a preview keeps it.
    let themes = (cfg.highlight.theme.clone(), cfg.highlight.dark_theme.clone());
    let stylesheet = prev.and_then(|c| c.stylesheet.as_ref()).filter(|(kept, _)| *kept == themes);
    let stylesheet = match stylesheet {
        Some((_, css)) => css.clone(),
        None => markdown::Highlighter::stylesheet(&themes.0, &themes.1),
    };
    let next_stylesheet = prev.is_some().then(|| (themes, stylesheet.clone()));
    match stylesheet {
        Ok(css) if !site_assets.contains("highlight.css") => {
            extra.push(OutputFile::text("highlight.css", css))
        }
        Ok(_) => {}
        Err(msg) => diags.push(Diagnostic::error(
            Some(Location::file(crate::content::shown_path(
                &cfg.root,
                &cfg.root.join(crate::config::CONFIG_FILE),
            ))),
            format!("`highlight`: {msg}"),
        )),
    }
    for (name, text) in templates::EMBEDDED_STATIC {
        if !site_assets.contains(name) {
            extra.push(OutputFile::text(*name, text.to_string()));
        }
    }
    for a in input.assets {
        extra.push(OutputFile { path: a.out.clone(), body: OutputBody::Copy(a.src.clone()) });
    }
    extra.extend(model.compare_data_file());
    // The search index: made here in a clean build; a preview hands the briefings back for
    // the dev server to index after the reload.
    let mut search_docs = None;
    let mut search_time = None;
    if cfg.search {
        for (name, text) in crate::search::ASSETS {
            if !site_assets.contains(name) {
                extra.push(OutputFile::text(*name, text.to_string()));
            }
        }
        let docs = model.search_docs();
        if prev.is_some() {
            search_docs = Some(docs);
        } else {
            let languages: Vec<String> = cfg.languages.iter().map(|l| l.code.clone()).collect();
            let clock = std::time::Instant::now();
            extra.extend(crate::search::index(&docs, &languages).0);
            search_time = Some(clock.elapsed());
        }
    }

    // Render and emit in parallel; keep only the paths (for the collision check), not the
    // bytes, unless a cache is kept for the next build.
    let keep = prev.is_some();
    let memo = if keep { model.shared_value_memo(&jobs) } else { cache::ValueMemo::default() };
    let render_or_reuse = |mut job: Job<'_>| -> Made {
        let key = match (prev, job.prekey) {
            (None, _) => None,
            (Some(_), Some(key)) => Some(key),
            (Some(_), None) => {
                job.make_context_now();
                Some(cache::job_key(&job.template, &job.context, &memo))
            }
        };
        let reusable =
            job.reused.take().or_else(|| prev.zip(key).and_then(|(c, key)| c.made(&job.path, key)));
        let (file, reused) = match (reusable, job.made.take()) {
            (Some(bytes), _) => (OutputFile { path: job.path, body: OutputBody::Bytes(bytes) }, true),
            (None, Some(bytes)) => (OutputFile { path: job.path, body: OutputBody::Bytes(bytes) }, false),
            (None, None) => (render_job(input.tera, job)?, false),
        };
        let kept = match (&file.body, key) {
            (OutputBody::Bytes(b), Some(key)) => Some((key, b.clone())),
            _ => None,
        };
        let path = file.path.clone();
        sink.emit(file)?;
        Ok(Emitted { path, kept, reused })
    };
    // Sized once: every output file's result is held until all are made.
    let per = cfg.paginate.max(1);
    let listing_pages: usize = listings.iter().map(|l| l.page_count(per)).sum();
    let article_pages = if keep { articles.len() } else { 0 }; // a clean build's are in already
    results.reserve(article_pages + jobs.len() + listing_pages + extra.len());
    if keep {
        results.par_extend(
            articles.par_iter().map(|&i| render_or_reuse(model.article_job_or_reuse(i)).map_err(locate(i))),
        );
    }
    results.par_extend(jobs.into_par_iter().map(render_or_reuse));
    // Listing pages: the last build's where their listing and what they show are the same.
    let kept_listings = model.kept_listings(prev, &listings);
    let listing_results: Vec<Vec<(Made, u128)>> = listings
        .par_iter()
        .enumerate()
        .map(|(n, listing)| {
            let kept = kept_listings
                .as_ref()
                .and_then(|(kept, unchanged)| Some((kept.get(n).copied()??, &unchanged[..])));
            let jobs = model.listing_page_jobs(listing, kept);
            jobs.into_par_iter().map(|(job, frame)| (render_or_reuse(job), frame)).collect()
        })
        .collect();
    let mut next_listings = model.reuse.as_ref().map(|_| Vec::with_capacity(listings.len()));
    for (listing, pages) in listings.iter().zip(listing_results) {
        let mut kept = Vec::with_capacity(pages.len());
        for (result, frame) in pages {
            match &result {
                Ok(Emitted { path, kept: Some((key, bytes)), .. }) => {
                    kept.push(cache::KeptPage { frame, key: *key, path: path.clone(), bytes: bytes.clone() })
                }
                // A page with no key: the next build makes the keys again.
                _ => next_listings = None,
            }
            results.push(result);
        }
        if let Some(next) = &mut next_listings {
            next.push(cache::KeptListing {
                lang: listing.lang.clone(),
                path: listing.path.clone(),
                pages: kept,
            });
        }
    }
    let next_listings =
        next_listings.zip(model.reuse.as_ref()).map(|(listings, (_, keys))| cache::ListingPages {
            shape: keys.shape(),
            global: keys.global(),
            page_keys: keys.page_keys().to_vec(),
            listings,
        });
    drop(kept_listings);
    drop(listings);

    results.par_extend(extra.into_par_iter().map(emit));
    let mut paths = Vec::with_capacity(results.len());
    let mut made = Vec::new();
    let mut files_reused = 0;
    for r in results {
        match r {
            Ok(e) => {
                files_reused += usize::from(e.reused);
                // The cache holds a reused file already.
                if let (Some(kept), false) = (e.kept, e.reused) {
                    made.push((cache::path_key(&e.path), kept));
                }
                paths.push(e.path);
            }
            Err(d) => diags.push(*d),
        }
    }
    // The previous build of the same paths had no collision.
    let paths_key = cache::paths_key(&paths);
    if prev.is_none_or(|c| c.paths_key != paths_key) {
        check_collisions(&paths, input, &mut diags);
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let rendered = std::mem::take(&mut model.rendered);
    let history_rows = std::mem::take(model.history_rows.get_mut().unwrap_or_else(|e| e.into_inner()));
    let new_companies = std::mem::take(&mut model.new_companies);
    let plans = std::mem::take(&mut model.plans).into_iter().filter_map(|(l, p)| Some((l, p.into_inner()?)));
    let plans = (model.reuse.as_ref().map_or(0, |(_, keys)| keys.shape()), plans.collect());
    drop(model);
    if let (Some(cache), true) = (cache, keep) {
        let stats = cache::ReuseStats {
            markdown_rendered: markdown_reused.iter().filter(|&&r| !r).count(),
            markdown_reused: markdown_reused.iter().filter(|&&r| r).count(),
            files_rendered: made.len(),
            files_reused,
        };
        // The bodies taken from the cache are in it already.
        let bodies =
            rendered.into_iter().zip(&markdown_reused).map(|(r, &reused)| r.into_inner().filter(|_| !reused));
        cache.keep_markdown(&md_keys, bodies);
        cache.keep_outputs(&paths, paths_key, made);
        let live = || pages.iter().map(|p| &p.text);
        cache.texts.insert_all(text_keys, live(), pages.len());
        cache.companies.insert_all(new_companies, live(), pages.len());
        // Tables made again replace their rows; the others keep theirs.
        cache.history_rows.extend(history_rows);
        cache.paths_key = paths_key;
        cache::drop_aside(std::mem::replace(&mut cache.listing_pages, next_listings));
        cache.stylesheet = next_stylesheet;
        cache.plans = plans;
        cache.stats = stats;
    }
    let html_pages = paths.iter().filter(|p| p.ends_with(".html")).count();
    let files = paths.len();
    cache::drop_aside(paths);
    Ok(RenderStats { files, html_pages, warnings: diags.into_warnings(), search_docs, search_time })
}

fn render_job(tera: &Tera, mut job: Job<'_>) -> Result<OutputFile, Diagnostic> {
    // XML outputs (feeds, sitemap) must parse whatever scraped text brought along: strip the
    // characters XML 1.0 forbids from every value at once rather than field by field (#10).
    let is_xml = job.path.ends_with(".xml");
    let finish = |text: String| if is_xml { strip_xml_invalid(&text) } else { text };
    job.make_context_now();
    tera.render(&job.template, &job.context)
        .map(|text| OutputFile::text(job.path.clone(), finish(text)))
        .map_err(|e| {
            templates::template_error(
                &format!("cannot render {} with template `{}`", job.source, job.template),
                &e,
                "template",
            )
        })
}

fn site_host(base_url: &str) -> String {
    base_url.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap_or("").to_string()
}

/// The last build's pages of each listing of this build (by position; `None` for a listing
/// that is not the same), and whether each page's key is the last build's (by page index).
type KeptListings<'c> = (Vec<Option<&'c [cache::KeptPage]>>, Vec<bool>);

/// A page in a listing: its index, and whether it stands in for a missing translation.
type ListedPage = (usize, bool);

/// The pages of a site, indexed for listings.
struct Model<'a> {
    input: &'a RenderInput<'a>,
    /// Each page's rendered body, once rendered (a clean build keeps the HTML only of bodies
    /// shown after their own page: see [`Model::bodies_shown_later`]).
    rendered: Vec<OnceLock<Arc<Rendered>>>,
    /// translation key → indices of every version, in page order.
    groups: HashMap<&'a str, Vec<usize>, Xxh3DefaultBuilder>,
    /// content-relative path → index.
    by_rel: HashMap<&'a str, usize, Xxh3DefaultBuilder>,
    /// By page index: whether it is a folded duplicate (or a version of one), never shown.
    hidden: Vec<bool>,
    /// Top-level folders of `content/` that hold articles, and how many each holds.
    top_counts: BTreeMap<&'a str, usize>,
    /// Company pages (`companies` terms) by slug → canonical name.
    company_pages: BTreeMap<String, String>,
    /// Each page's companies, canonicalised through the registry (by page index).
    companies: Vec<Arc<[String]>>,
    /// Companies worked out now for texts `Model::new` was given none for, for the cache.
    new_companies: Vec<(Arc<str>, cache::PageCompanies)>,
    /// Each page's listing summary as a template value, built once and shared by every
    /// listing, feed and term page that shows it (cloning a value is cheap).
    summaries: Vec<OnceLock<Value>>,
    /// The same for another language's edition (by language): marked as a fallback, with
    /// the date in that language.
    fallback_summaries: BTreeMap<String, Vec<OnceLock<Value>>>,
    /// `site` per language.
    site_values: BTreeMap<String, Value>,
    /// Each language's listings (see [`plan`]), made or taken over on first use.
    plans: BTreeMap<String, OnceLock<Arc<plan::ListingPlan>>>,
    /// Term links in summaries by (taxonomy, URL), filled on first use.
    term_values: std::sync::Mutex<std::collections::HashMap<(&'static str, String), Value>>,
    /// `disclosures` per (language, AI wording), filled on first use.
    disclosure_values: std::sync::Mutex<BTreeMap<(String, bool), Value>>,
    /// Each company's ledger by slug (one entry per real commitment), made on first use.
    ledgers: OnceLock<HashMap<&'a str, crate::capex::ledger::CompanyLedger>>,
    /// Each company's figure history by slug, gathered on first use.
    histories: OnceLock<HashMap<&'a str, Vec<&'a crate::capex::Commitment>>>,
    /// Who spends what by calendar year, for `/compare/` and (index 1) the home page.
    year_tables: [OnceLock<crate::capex::years::YearTable>; 2],
    /// Canonical article → its folded duplicates' page indexes (in path order), gathered on
    /// first use: an article page lists the outlets that also reported its story.
    duplicates_by_canonical: OnceLock<HashMap<&'a str, Vec<usize>, Xxh3DefaultBuilder>>,
    /// The company history rows made or taken over by this build, for the next one.
    history_rows: std::sync::Mutex<capex_views::HistoryRows>,
    /// For a preview rebuild: the previous build's outputs, and the keys that tell which of
    /// them can be taken over without building their context.
    reuse: Option<(&'a cache::RenderCache, prekey::Prekeys)>,
}

impl<'a> Model<'a> {
    /// The model of `input`'s pages; each original's companies are taken from `known` when
    /// its text is the same and it is still (or still not) a folded duplicate.
    fn new(input: &'a RenderInput<'a>, known: Option<&cache::CompaniesMemo>) -> Self {
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
            history_rows: std::sync::Mutex::new(capex_views::HistoryRows::new()),
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
    fn rendered(&self, i: usize) -> &Rendered {
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
    fn bodies_shown_later(&self) -> Vec<bool> {
        let mut shown = vec![false; self.input.pages.len()];
        for (i, p) in self.input.pages.iter().enumerate() {
            shown[i] = p.kind == PageKind::Section;
        }
        if self.cfg().feed.enabled {
            for lang in &self.cfg().languages {
                for &(i, _) in self.listing(&lang.code).iter().take(self.cfg().feed.limit) {
                    shown[i] = true;
                }
            }
        }
        shown
    }

    /// The listing summary of page `i` as a template value.
    fn summary_value(&self, i: usize, fallback: bool, lang: &str) -> Value {
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
    fn make_summaries(&self) {
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

    /// Remembers the hashes of the values many jobs share, for the preview cache's keys.
    fn shared_value_memo(&self, jobs: &[Job<'_>]) -> cache::ValueMemo {
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

    fn cfg(&self) -> &'a Config {
        self.input.config
    }

    fn page(&self, i: usize) -> &'a Page {
        &self.input.pages[i]
    }

    fn is_hidden(&self, i: usize) -> bool {
        self.hidden[i]
    }

    /// Site path with the language prefix.
    fn lang_path(&self, lang: &str, path: &str) -> String {
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
    fn language_links(&self, path: &str) -> Vec<LanguageLink> {
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

    fn term_links(&self, lang: &str, taxonomy: &str, values: Option<&[String]>) -> Vec<TermLink> {
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

    fn summary(&self, i: usize, fallback: bool) -> PageSummary {
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

    /// Articles listed in `lang`: its own versions, else the original marked as a fallback,
    /// newest first.
    fn listing(&self, lang: &str) -> std::borrow::Cow<'_, [(usize, bool)]> {
        match self.plans.get(lang) {
            Some(cell) => {
                std::borrow::Cow::Borrowed(&cell.get_or_init(|| self.kept_or_new_plan(lang)).articles)
            }
            None => std::borrow::Cow::Owned(self.make_plan(lang).articles),
        }
    }

    /// The listings of `lang`: the previous build's when no page's place, date, terms or
    /// duplicate flag changed since, else worked out now.
    fn plan(&self, lang: &str) -> Arc<plan::ListingPlan> {
        match self.plans.get(lang) {
            Some(cell) => cell.get_or_init(|| self.kept_or_new_plan(lang)).clone(),
            None => self.kept_or_new_plan(lang),
        }
    }

    fn kept_or_new_plan(&self, lang: &str) -> Arc<plan::ListingPlan> {
        let kept = self.reuse.as_ref().and_then(|(previous, keys)| previous.plan(lang, keys.shape()));
        kept.unwrap_or_else(|| Arc::new(self.make_plan(lang)))
    }

    /// Pages rendered to a page of their own: articles and standalone pages, but not section
    /// indexes (their text heads a listing) or folded duplicates.
    fn article_indices(&self) -> Vec<usize> {
        (0..self.input.pages.len())
            .filter(|&i| {
                let p = self.page(i);
                p.kind != PageKind::Section && !self.is_hidden(i)
            })
            .collect()
    }

    fn base_context(
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
    fn insert_nav(&self, ctx: &mut Context, lang: &str, target: &str, exact: bool) {
        ctx.insert("nav_current", &self.cfg().url(&self.lang_path(lang, target)));
        ctx.insert("nav_exact", &exact);
    }

    /// The header link a listing at `path` is under, and whether it is that very page.
    fn listing_nav(&self, path: &str) -> (String, bool) {
        let top = path.split('/').next().unwrap_or("");
        if top.is_empty() {
            return (String::new(), true);
        }
        let target = format!("{top}/");
        let exact = path == target;
        (target, exact)
    }

    /// The disclosures of a page as a template value, built once per language and wording.
    /// The texts are escaped here, once, and marked safe: every page of the site carries
    /// them, and escaping them again for each page was a measurable part of rendering.
    fn disclosures_value(&self, lang: &str, ai_generated: bool) -> Value {
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

    /// The job that renders article `i`, whose body rendered to `body`.
    fn article_job(&self, i: usize, body: &Rendered) -> Job<'_> {
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

    /// A job that takes over the previous build's file at `path`, made from inputs with the
    /// key `prekey` gives, when there is one; `None` when the file has to be made.
    fn reused_job(
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

    /// Article `i`'s job, with an empty context when the previous build made its page from
    /// the same inputs.
    fn article_job_or_reuse(&self, i: usize) -> Job<'_> {
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

    /// The preview cache's key of a listing's frame (`section`, `taxonomy`, `term`).
    fn extra_key(&self, extra: &Context) -> Option<u128> {
        self.reuse.as_ref().map(|_| cache::job_key("", extra, &cache::ValueMemo::default()))
    }

    /// The page indexes of the duplicates folded into the article `translation_key`.
    fn folded_into(&self, translation_key: &str) -> &[usize] {
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
    fn also_reported(&self, p: &Page) -> Vec<AlsoReported> {
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
    fn related_to(&self, translation_key: &str) -> Vec<usize> {
        let related = self.input.dedup.related.get(translation_key).into_iter().flatten();
        related.filter_map(|rel| self.by_rel.get(rel.as_str()).copied()).collect()
    }

    /// The jobs of a listing's pages. A page whose key matches the previous build's gets no
    /// context; the others make theirs when they render.
    /// The last build's listing pages for this build's `listings` (by position), with
    /// whether each page's key is the last build's: when the listings are the same.
    fn kept_listings<'c>(
        &self,
        previous: Option<&'c cache::RenderCache>,
        listings: &[Listing<'_>],
    ) -> Option<KeptListings<'c>> {
        let (_, keys) = self.reuse.as_ref()?;
        let kept = previous?.listing_pages.as_ref()?;
        let same = kept.shape == keys.shape()
            && kept.global == keys.global()
            && kept.page_keys.len() == keys.page_keys().len()
            && kept.listings.len() == listings.len();
        if !same {
            return None;
        }
        let unchanged = kept.page_keys.iter().zip(keys.page_keys()).map(|(a, b)| a == b).collect();
        let by_listing = kept
            .listings
            .iter()
            .zip(listings)
            .map(|(k, l)| (k.lang == l.lang && k.path == l.path).then_some(&k.pages[..]))
            .collect();
        Some((by_listing, unchanged))
    }

    /// The jobs of a listing's pages, each with the key of its frame (0 without keys).
    /// `kept`: the last build's pages of this listing, and whether each page's key is the
    /// same as then (by page index).
    fn listing_page_jobs<'s>(
        &'s self,
        listing: &'s Listing<'s>,
        kept: Option<(&[cache::KeptPage], &[bool])>,
    ) -> Vec<(Job<'s>, u128)> {
        let Listing { lang, path, template, source, items, frame, extra_key } = listing;
        let per = self.cfg().paginate.max(1);
        let total = listing.page_count(per);
        let kept = kept.filter(|(pages, _)| pages.len() == total);
        let mut jobs = Vec::with_capacity(total);
        for n in 1..=total {
            let chunk = &items[((n - 1) * per).min(items.len())..(n * per).min(items.len())];
            let extra_key = extra_key.map(|k| match &frame.first_page {
                Some(first) if n == 1 => cache::combine(k, first.key.unwrap_or_default()),
                _ => k,
            });
            if let (Some((pages, unchanged)), Some(extra_key)) = (kept, extra_key) {
                let page = &pages[n - 1];
                if page.frame == extra_key && chunk.iter().all(|&(i, _)| unchanged.get(i) == Some(&true)) {
                    jobs.push((Job::reused(page.path.clone(), page.key, page.bytes.clone()), extra_key));
                    continue;
                }
            }
            let this_path = listing_page_path(path, n);
            let out = crate::paths::file_for(&self.lang_path(lang, &this_path));
            let prekey = self.reuse.as_ref().zip(extra_key).map(|((previous, keys), extra_key)| {
                let key = keys.listing_page(lang, path, template, (n, total, items.len()), extra_key, chunk);
                (previous.made(&out, key), key)
            });
            if let Some((Some(bytes), key)) = prekey {
                jobs.push((Job::reused(out, key, bytes), extra_key.unwrap_or_default()));
                continue;
            }
            let job = Job {
                path: out,
                template: template.to_string(),
                context: Context::new(),
                source: source.clone(),
                prekey: prekey.map(|(_, key)| key),
                reused: None,
                made: None,
                make_context: Some(Box::new(move || {
                    let page = ListingPage { n, total, items: chunk, path: this_path };
                    self.listing_page_context(lang, path, page, items.len(), frame)
                })),
            };
            jobs.push((job, extra_key.unwrap_or_default()));
        }
        jobs
    }

    /// The context of one page of the listing at `path`, with what `frame` gives the listing's
    /// pages (`section`, or `taxonomy`, `term` and `company`).
    fn listing_page_context(
        &self,
        lang: &str,
        path: &str,
        page: ListingPage<'_>,
        total_items: usize,
        frame: &ListingFrame<'_>,
    ) -> Context {
        let cfg = self.cfg();
        let ListingPage { n, total, items: chunk, path: this_path } = page;
        let page_path = |n: usize| listing_page_path(path, n);
        // `paginator`: pages (article summaries), current, total, total_items, prev_url,
        // next_url, first_url. Built as a value so summaries are shared, not copied.
        let mut paginator: BTreeMap<&'static str, Value> = BTreeMap::new();
        let pages: Vec<Value> = chunk.iter().map(|&(i, fb)| self.summary_value(i, fb, lang)).collect();
        paginator.insert("pages", Value::from(pages));
        paginator.insert("current", Value::from(n));
        paginator.insert("total", Value::from(total));
        paginator.insert("total_items", Value::from(total_items));
        paginator.insert(
            "prev_url",
            Value::from((n > 1).then(|| cfg.url(&self.lang_path(lang, &page_path(n - 1))))),
        );
        paginator.insert(
            "next_url",
            Value::from((n < total).then(|| cfg.url(&self.lang_path(lang, &page_path(n + 1))))),
        );
        paginator.insert("first_url", Value::from(cfg.url(&self.lang_path(lang, path))));
        let links = self.language_links(&this_path);
        let mut ctx = self.base_context(lang, links.clone(), links);
        let (target, exact) = self.listing_nav(path);
        self.insert_nav(&mut ctx, lang, &target, exact);
        ctx.extend(frame.shared.clone());
        if let Some(first) = &frame.first_page {
            ctx.insert_value(first.name, if n == 1 { (first.make)() } else { Value::none() });
        }
        ctx.insert_value("paginator", Value::from(paginator));
        ctx.insert("current_url", &cfg.url(&self.lang_path(lang, &this_path)));
        ctx
    }

    /// The `_index.md` of a section in `lang` (or the default language).
    fn section_page(&self, section: &str, lang: &str) -> Option<usize> {
        let key = if section.is_empty() { "_index.md".to_string() } else { format!("{section}/_index.md") };
        let members = self.groups.get(key.as_str())?;
        members
            .iter()
            .copied()
            .find(|&i| self.page(i).lang == lang)
            .or_else(|| members.iter().copied().find(|&i| !self.page(i).is_translation()))
    }

    fn section_context(&self, section: &str, lang: &str) -> Context {
        let mut ctx = Context::new();
        let idx = self.section_page(section, lang);
        let title = idx.map(|i| self.page(i).title.clone()).unwrap_or_else(|| {
            let last = section.rsplit('/').next().unwrap_or(section);
            let mut c = last.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        });
        let mut section_view = BTreeMap::new();
        section_view.insert("title", title);
        section_view.insert("path", section.to_string());
        section_view.insert("content", idx.map(|i| self.rendered(i).html.clone()).unwrap_or_default());
        section_view
            .insert("summary", idx.and_then(|i| self.page(i).meta.summary.clone()).unwrap_or_default());
        // An untranslated `_index.md` shows its original text: templates mark its language.
        section_view.insert("lang", idx.map_or_else(|| lang.to_string(), |i| self.page(i).lang.clone()));
        ctx.insert("section", &section_view);
        ctx
    }

    fn listing_jobs<'s>(&'s self, lang: &str, jobs: &mut Vec<Job<'s>>, listings: &mut Vec<Listing<'s>>) {
        let plan = self.plan(lang);
        // Home.
        let home = self.section_context("", lang);
        let home_key = self.extra_key(&home);
        // The home page opens with the latest figures: made from every company's history,
        // as `/compare/` is, and keyed as it is.
        let code = lang.to_string();
        let home = ListingFrame {
            shared: home,
            first_page: Some(FirstPageValue {
                name: "figures",
                key: self
                    .reuse
                    .as_ref()
                    .map(|(_, keys)| keys.compare(&format!("home:{lang}"), self.input.capex.current)),
                make: Box::new(move || self.home_figures(&code)),
            }),
        };
        listings.push(Listing::new(
            lang,
            "",
            "index.html",
            &plan.articles,
            (home, home_key),
            "the home page".into(),
        ));
        // Sections: every folder that holds articles, listing everything below it.
        for (s, items) in &plan.sections {
            let ctx = self.section_context(s, lang);
            let key = self.extra_key(&ctx);
            let frame = (ListingFrame::shared(ctx), key);
            listings.push(Listing::new(
                lang,
                &format!("{s}/"),
                "section.html",
                items,
                frame,
                format!("section `{s}`"),
            ));
        }
        // Taxonomies.
        for (taxonomy, terms) in self.cfg().taxonomies.iter().zip(&plan.taxonomies) {
            let links: Vec<TermLink> = terms
                .iter()
                .map(|term| TermLink {
                    name: term.name.clone(),
                    slug: term.slug.clone(),
                    url: self.cfg().url(&self.lang_path(lang, &format!("{taxonomy}/{}/", term.slug))),
                    count: term.items.len(),
                })
                .collect();
            let tax_name = self.input.strings.get(lang, taxonomy).unwrap_or(taxonomy).to_string();
            let mut tax = BTreeMap::new();
            tax.insert("name", taxonomy.clone());
            tax.insert("title", tax_name);
            tax.insert("url", self.cfg().url(&self.lang_path(lang, &format!("{taxonomy}/"))));
            let index_path = format!("{taxonomy}/");
            let alt = self.language_links(&index_path);
            let mut ctx = self.base_context(lang, alt.clone(), alt);
            self.insert_nav(&mut ctx, lang, &index_path, true);
            ctx.insert("taxonomy", &tax);
            ctx.insert("terms", &links);
            jobs.push(Job {
                path: crate::paths::file_for(&self.lang_path(lang, &index_path)),
                template: "taxonomy.html".into(),
                context: ctx,
                source: format!("taxonomy `{taxonomy}`"),
                prekey: None,
                reused: None,
                made: None,
                make_context: None,
            });
            let is_companies = taxonomy == "companies";
            let term_path = |link: &TermLink| format!("{taxonomy}/{}/", link.slug);
            // The ticker pages this language has, for the links of company facts.
            let ticker_pages: std::collections::HashSet<&str> = self
                .cfg()
                .taxonomies
                .iter()
                .zip(&plan.taxonomies)
                .filter(|(t, _)| *t == "tickers")
                .flat_map(|(_, terms)| terms.iter().map(|t| t.slug.as_str()))
                .collect();
            for (link, term) in links.iter().zip(terms) {
                let mut shared = Context::new();
                shared.insert("taxonomy", &tax);
                shared.insert("term", link);
                if is_companies {
                    let facts = self.company_facts(lang, &link.slug, &link.name, &ticker_pages);
                    shared.insert_value("company_facts", facts);
                    let has_data = self.has_history(&link.slug);
                    let downloads = has_data.then(|| self.downloads(&term_path(link), true));
                    shared.insert("downloads", &downloads);
                } else {
                    shared.insert_value("company_facts", Value::none());
                    shared.insert_value("downloads", Value::none());
                }
                let first_page = if is_companies {
                    // A company's figure table covers every briefing about it.
                    let (code, slug, name) = (lang.to_string(), link.slug.clone(), link.name.clone());
                    Some(FirstPageValue {
                        name: "company",
                        key: self.reuse.as_ref().map(|(_, keys)| {
                            keys.company(lang, &link.slug, &link.name, self.input.capex.current)
                        }),
                        make: Box::new(move || self.company_value(&code, &slug, &name)),
                    })
                } else {
                    shared.insert_value("company", Value::none());
                    None
                };
                let key = self.extra_key(&shared);
                let frame = ListingFrame { shared, first_page };
                let source = format!("{taxonomy} term `{}`", link.name);
                listings.push(Listing::new(
                    lang,
                    &term_path(link),
                    "term.html",
                    &term.items,
                    (frame, key),
                    source,
                ));
            }
        }
    }

    fn feed_job(&self, lang: &str, jobs: &mut Vec<Job<'_>>) {
        let cfg = self.cfg();
        let listing = self.listing(lang);
        let entries: Vec<FeedEntry> = listing
            .iter()
            .take(cfg.feed.limit)
            .map(|&(i, fb)| FeedEntry {
                summary: self.summary(i, fb),
                content: strip_xml_invalid(&self.body_html(i, &self.rendered(i).html)),
            })
            .collect();
        // The feed's `updated` is the newest entry's date, never the build clock.
        let updated = listing
            .iter()
            .filter_map(|&(i, _)| {
                let p = self.page(i);
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

    fn not_found_job(&self, jobs: &mut Vec<Job<'_>>) {
        let lang = self.cfg().default_lang();
        let links = self.language_links("");
        let ctx = self.base_context(lang, Vec::new(), links);
        jobs.push(Job {
            path: "404.html".into(),
            template: "404.html".into(),
            context: ctx,
            source: "the 404 page".into(),
            prekey: None,
            reused: None,
            made: None,
            make_context: None,
        });
    }

    fn alias_jobs(&self, jobs: &mut Vec<Job<'_>>) {
        let cfg = self.cfg();
        let redirect = |from: String, to: usize, source: String, jobs: &mut Vec<Job<'_>>| {
            let prekey = match self.reused_job(&from, |keys| keys.redirect(&from, to)) {
                Ok(job) => return jobs.push(job),
                Err(prekey) => prekey,
            };
            let to = self.page(to);
            let target = to.lang_path(cfg.default_lang());
            let mut ctx = self.base_context(&to.lang, Vec::new(), Vec::new());
            ctx.insert("target_url", &cfg.permalink(&target));
            ctx.insert("target_title", &to.title);
            jobs.push(Job {
                path: from,
                template: "alias.html".into(),
                context: ctx,
                source,
                prekey,
                reused: None,
                made: None,
                make_context: None,
            });
        };
        for (i, p) in self.input.pages.iter().enumerate() {
            if self.is_hidden(i) {
                // A folded duplicate: its old URL redirects to the canonical story.
                let canonical_key = self
                    .input
                    .dedup
                    .duplicate_of
                    .get(&p.rel)
                    .or_else(|| self.input.dedup.duplicate_of.get(&p.translation_key));
                let target = canonical_key.and_then(|k| {
                    let members = self.groups.get(k.as_str())?;
                    members
                        .iter()
                        .copied()
                        .find(|&i| self.page(i).lang == p.lang)
                        .or_else(|| members.first().copied())
                });
                if let Some(t) = target {
                    redirect(
                        crate::paths::file_for(&p.lang_path(cfg.default_lang())),
                        t,
                        format!("duplicate {}", p.shown.display()),
                        jobs,
                    );
                }
                continue;
            }
            for alias in &p.meta.aliases {
                let a = alias.trim().trim_start_matches('/');
                let path = if a.ends_with(".html") || a.ends_with(".htm") {
                    a.to_string()
                } else {
                    crate::paths::file_for(&format!("{}/", a.trim_end_matches('/')))
                };
                redirect(path, i, format!("alias `{alias}` of {}", p.shown.display()), jobs);
            }
        }
    }

    /// The sitemap; its context, one entry per article, is made when it renders.
    fn sitemap_job<'s>(&'s self, jobs: &mut Vec<Job<'s>>) {
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

    fn robots_job(&self, jobs: &mut Vec<Job<'_>>) {
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

/// One page of a paginated listing.
struct ListingPage<'i> {
    /// 1-based page number.
    n: usize,
    /// Number of pages.
    total: usize,
    /// The articles on this page.
    items: &'i [(usize, bool)],
    /// Site path of this page (`tags/china/page/2/`).
    path: String,
}

/// Site path of page `n` of the listing at `path`.
fn listing_page_path(path: &str, n: usize) -> String {
    if n == 1 {
        path.to_string()
    } else {
        format!("{path}page/{n}/")
    }
}

/// Words of the first paragraph a listing shows when the front matter has no `summary`.
const SUMMARY_WORDS: usize = 60;

/// The first `max` words of `text`, with an ellipsis if there were more (cutting the result
/// again changes nothing).
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

fn truncate_words(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= max {
        words.join(" ")
    } else {
        format!("{}…", words[..max].join(" "))
    }
}

/// Removes characters XML 1.0 does not allow (C0 controls but tab and newlines, U+FFFE,
/// U+FFFF): scraped text carries them, and one breaks every feed reader.
pub fn strip_xml_invalid(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !(c.is_control() && !matches!(c, '\t' | '\n' | '\r') && (c as u32) < 0x20
                || c == '\u{FFFE}'
                || c == '\u{FFFF}')
        })
        .collect()
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

/// Two outputs at the same path, or at paths that are the same file on case-insensitive or
/// normalisation-insensitive systems, are an error naming every source.
fn check_collisions(files: &[String], input: &RenderInput<'_>, diags: &mut Diagnostics) {
    let mut by_key: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for f in files {
        by_key.entry(crate::paths::collision_key(f)).or_default().push(f.as_str());
    }
    for paths in by_key.values().filter(|v| v.len() > 1) {
        let mut sources: Vec<String> = Vec::new();
        for path in paths {
            for p in input.pages {
                if crate::paths::file_for(&p.lang_path(input.config.default_lang())) == *path {
                    sources.push(p.shown.display().to_string());
                }
                for alias in &p.meta.aliases {
                    let a = alias.trim().trim_start_matches('/');
                    let ap = if a.ends_with(".html") {
                        a.to_string()
                    } else {
                        crate::paths::file_for(&format!("{}/", a.trim_end_matches('/')))
                    };
                    if ap == *path {
                        sources.push(format!("alias `{alias}` in {}", p.shown.display()));
                    }
                }
            }
            for a in input.assets {
                if a.out == *path {
                    sources
                        .push(crate::content::shown_path(&input.config.root, &a.src).display().to_string());
                }
            }
        }
        sources.sort();
        sources.dedup();
        if sources.is_empty() {
            sources.push("generated pages".into());
        }
        let mut unique: Vec<&str> = paths.clone();
        unique.sort_unstable();
        unique.dedup();
        diags.push(
            Diagnostic::error(None, format!("output path collision at `{}`: written by {}", unique.join("` and `"), sources.join(", ")))
                .with_help("give one of them another `slug:`, or remove the alias; paths that differ only in letter case or Unicode form are the same file on macOS and Windows"),
        );
    }
}
