//! Listings: the home page and section pages, cut into pages of `paginate` articles, and the
//! frame every listing shares (taxonomy terms are listings too: see `taxonomy`).

use super::cache;
use super::plan::ListedPage;
use super::{Job, Model};
use std::collections::BTreeMap;
use tera::{Context, Value};

/// One listing (the home page, a section, a taxonomy term) in one language: its pages become
/// jobs only when the listing renders, so a build never holds a job for every listing page.
pub(super) struct Listing<'m> {
    pub(super) lang: String,
    /// Site path of its first page, without the language prefix.
    pub(super) path: String,
    pub(super) template: &'static str,
    /// What diagnostics call it.
    pub(super) source: String,
    pub(super) items: Vec<ListedPage>,
    pub(super) frame: ListingFrame<'m>,
    /// The preview key of `frame.shared`.
    pub(super) extra_key: Option<u128>,
}

impl<'m> Listing<'m> {
    /// How many pages the listing takes at `per` articles a page (one when it is empty).
    pub(super) fn page_count(&self, per: usize) -> usize {
        self.items.len().div_ceil(per).max(1)
    }

    /// The listing at `path` over `items`, cut into pages of `paginate` articles; `extra_key`
    /// is the preview key of `frame.shared`.
    pub(super) fn new(
        lang: &str,
        path: &str,
        template: &'static str,
        items: &[ListedPage],
        frame: ListingFrame<'m>,
        extra_key: Option<u128>,
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
pub(super) struct ListingFrame<'m> {
    pub(super) shared: Context,
    pub(super) first_page: Option<FirstPageValue<'m>>,
}

/// A value only a listing's first page carries (null on the others): a company's figure
/// table, which is large, is made only when that page renders, and leaves the other pages of
/// the listing alone when it changes.
pub(super) struct FirstPageValue<'m> {
    pub(super) name: &'static str,
    /// Its part of the first page's preview key.
    pub(super) key: Option<u128>,
    pub(super) make: Box<dyn Fn() -> Value + Send + Sync + 'm>,
}

impl ListingFrame<'_> {
    pub(super) fn shared(shared: Context) -> Self {
        ListingFrame { shared, first_page: None }
    }
}

/// The last build's pages of each listing of this build, when the listings are the same.
pub(super) struct KeptListings<'c> {
    /// By listing position: the last build's pages, or `None` for a listing that is not
    /// the same.
    pub(super) by_listing: Vec<Option<&'c [cache::KeptPage]>>,
    /// By page index: whether the page's key is the last build's.
    pub(super) unchanged: Vec<bool>,
}

/// One page of a paginated listing.
struct ListingPage<'i> {
    /// 1-based page number.
    n: usize,
    /// Number of pages.
    total: usize,
    /// The articles on this page.
    items: &'i [ListedPage],
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

impl Model<'_> {
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

    /// The last build's listing pages for this build's `listings` (by position), with
    /// whether each page's key is the last build's: when the listings are the same.
    pub(super) fn kept_listings<'c>(
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
        Some(KeptListings { by_listing, unchanged })
    }

    /// The jobs of a listing's pages, each with the key of its frame (0 without keys).
    /// `kept`: the last build's pages of this listing, and whether each page's key is the
    /// same as then (by page index).
    pub(super) fn listing_page_jobs<'s>(
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
                if page.frame == extra_key && chunk.iter().all(|l| unchanged.get(l.index) == Some(&true)) {
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
        let pages: Vec<Value> = chunk.iter().map(|l| self.summary_value(l.index, l.fallback, lang)).collect();
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
    pub(super) fn section_page(&self, section: &str, lang: &str) -> Option<usize> {
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

    pub(super) fn listing_jobs<'s>(
        &'s self,
        lang: &str,
        jobs: &mut Vec<Job<'s>>,
        listings: &mut Vec<Listing<'s>>,
    ) {
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
            home,
            home_key,
            "the home page".into(),
        ));
        // Sections: every folder that holds articles, listing everything below it.
        for section in &plan.sections {
            let s = &section.path;
            let ctx = self.section_context(s, lang);
            let key = self.extra_key(&ctx);
            listings.push(Listing::new(
                lang,
                &format!("{s}/"),
                "section.html",
                &section.items,
                ListingFrame::shared(ctx),
                key,
                format!("section `{s}`"),
            ));
        }
        self.taxonomy_listings(lang, &plan, jobs, listings);
    }
}
