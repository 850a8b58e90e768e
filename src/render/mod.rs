//! Rendering: the site's pages and files as in-memory output files, each kind made in a
//! file of its own (`article`, `listing`, `taxonomy`, `feeds`, `redirects`, `not_found`,
//! `capex_views`, `search_page`) from one `model`. Never touches the disk; `output` writes
//! what this returns.

mod article;
pub mod cache;
mod capex_views;
pub mod context;
mod feeds;
mod listing;
mod model;
mod not_found;
mod plan;
mod prekey;
mod redirects;
mod search_page;
mod summary;
mod taxonomy;
pub mod templates;
#[cfg(test)]
mod test_site;

use crate::capex::CapexData;
use crate::config::Config;
use crate::content::{Page, StaticAsset};
use crate::dedup::DedupReport;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::i18n::Strings;
use crate::markdown::{self, MarkdownEngine, MarkdownOptions, Rendered};
use crate::output::{OutputBody, OutputFile, Sink};
use feeds::strip_xml_invalid;
use listing::Listing;
use model::Model;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use summary::{truncate_words, SUMMARY_WORDS};
use tera::{Context, Tera};

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
    pub search_docs: Option<Vec<Arc<crate::search::Doc>>>,
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
    kept: Option<cache::Output>,
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
    let mut diags = Diagnostics::new();
    model.body_warnings(&mut diags);

    let (jobs, listings) = plan_jobs(&model);

    let Extra { files: extra, stylesheet: next_stylesheet, search_docs, kept_docs, search_time } =
        extra_files(&model, prev, &mut diags);

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
            (OutputBody::Bytes(b), Some(key)) => Some(cache::Output { key, bytes: b.clone() }),
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
            let kept =
                kept_listings.as_ref().and_then(|k| Some((k.by_listing.get(n).copied()??, &k.unchanged[..])));
            let jobs = model.listing_page_jobs(listing, kept);
            jobs.into_par_iter().map(|(job, frame)| (render_or_reuse(job), frame)).collect()
        })
        .collect();
    let mut next_listings = model.reuse.as_ref().map(|_| Vec::with_capacity(listings.len()));
    for (listing, pages) in listings.iter().zip(listing_results) {
        let mut kept = Vec::with_capacity(pages.len());
        for (result, frame) in pages {
            match &result {
                Ok(Emitted { path, kept: Some(output), .. }) => kept.push(cache::KeptPage {
                    frame,
                    key: output.key,
                    path: path.clone(),
                    bytes: output.bytes.clone(),
                }),
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
    // The ledgers this build made or took over, under their keys, when it needed them.
    let current = input.capex.current;
    let ledgers = match (model.reuse.as_ref(), model.ledgers.take()) {
        (Some((_, keys)), Some(ledgers)) => Some(
            ledgers
                .into_iter()
                .filter_map(|(slug, ledger)| {
                    Some((slug.to_string(), cache::KeptLedger { key: keys.ledger(slug, current)?, ledger }))
                })
                .collect(),
        ),
        _ => None,
    };
    let plans = std::mem::take(&mut model.plans).into_iter().filter_map(|(l, p)| Some((l, p.into_inner()?)));
    let plans = cache::KeptPlans {
        shape: model.reuse.as_ref().map_or(0, |(_, keys)| keys.shape()),
        by_lang: plans.collect(),
    };
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
        if let Some(ledgers) = ledgers {
            cache::drop_aside(std::mem::replace(&mut cache.ledgers, ledgers));
        }
        cache.stats = stats;
        if let Some(docs) = kept_docs {
            cache::drop_aside(std::mem::replace(&mut cache.search_docs, docs));
        }
    }
    let html_pages = paths.iter().filter(|p| p.ends_with(".html")).count();
    let files = paths.len();
    cache::drop_aside(paths);
    Ok(RenderStats { files, html_pages, warnings: diags.into_warnings(), search_docs, search_time })
}

/// Every job and listing of the site: each language's listings, compare page, search page
/// and feed, the languages side by side (the jobs render in parallel later anyway; planning
/// them is the sequential part), then the site-wide outputs.
fn plan_jobs<'m>(model: &'m Model<'_>) -> (Vec<Job<'m>>, Vec<Listing<'m>>) {
    let cfg = model.cfg();
    let mut jobs: Vec<Job<'_>> = Vec::new();
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
            model.ledger_data_job(&mut jobs);
            jobs
        },
    );
    for (language_jobs, language_listings) in per_language {
        jobs.extend(language_jobs);
        listings.extend(language_listings);
    }
    jobs.extend(site_wide);
    (jobs, listings)
}

/// What a build outputs besides its templated pages, and what making it found out.
struct Extra {
    /// Files made already or copied: the highlighting stylesheet, theme and site assets, the
    /// search index.
    files: Vec<OutputFile>,
    /// For a preview: the stylesheet and the themes it was made from, for the next build.
    stylesheet: Option<cache::KeptStylesheet>,
    /// See [`RenderStats::search_docs`].
    search_docs: Option<Vec<Arc<crate::search::Doc>>>,
    /// A preview's search documents by page key, for the next build.
    kept_docs: Option<HashMap<u128, Arc<crate::search::Doc>, xxhash_rust::xxh3::Xxh3DefaultBuilder>>,
    /// See [`RenderStats::search_time`].
    search_time: Option<std::time::Duration>,
}

/// The files a build outputs besides its templated pages.
fn extra_files(model: &Model<'_>, prev: Option<&cache::RenderCache>, diags: &mut Diagnostics) -> Extra {
    let input = model.input;
    let cfg = input.config;
    let mut extra: Vec<OutputFile> = Vec::new();
    // Theme assets, unless the site's static/ provides a file of the same name.
    let site_assets: BTreeSet<&str> = input.assets.iter().map(|a| a.out.as_str()).collect();
    // Made from the themes' definitions, which take a while to load: a preview keeps it.
    let themes = (cfg.highlight.theme.clone(), cfg.highlight.dark_theme.clone());
    let stylesheet = prev.and_then(|c| c.stylesheet.as_ref()).filter(|kept| kept.themes == themes);
    let stylesheet = match stylesheet {
        Some(kept) => kept.css.clone(),
        None => markdown::Highlighter::stylesheet(&themes.0, &themes.1),
    };
    let next_stylesheet = prev.is_some().then(|| cache::KeptStylesheet { themes, css: stylesheet.clone() });
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
    // The search index: made here in a clean build; a preview hands the briefings back for
    // the dev server to index after the reload.
    let mut search_docs = None;
    let mut kept_docs = None;
    let mut search_time = None;
    if cfg.search {
        for (name, text) in crate::search::ASSETS {
            if !site_assets.contains(name) {
                extra.push(OutputFile::text(*name, text.to_string()));
            }
        }
        let docs = model.search_docs();
        if prev.is_some() {
            kept_docs = Some(docs.iter().filter_map(|(key, doc)| Some(((*key)?, doc.clone()))).collect());
            search_docs = Some(docs.into_iter().map(|(_, doc)| doc).collect());
        } else {
            let docs: Vec<Arc<crate::search::Doc>> = docs.into_iter().map(|(_, doc)| doc).collect();
            let languages: Vec<String> = cfg.languages.iter().map(|l| l.code.clone()).collect();
            let clock = std::time::Instant::now();
            extra.extend(crate::search::index(&docs, &languages).0);
            search_time = Some(clock.elapsed());
        }
    }

    Extra { files: extra, stylesheet: next_stylesheet, search_docs, kept_docs, search_time }
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
