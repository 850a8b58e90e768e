//! Keys of article and listing pages computed from the pages they show, before any template
//! context is built: with them a preview rebuild skips, for every unchanged page, the work
//! of building its context as well as rendering it.
//!
//! A key covers everything its output is made from. What every output shares (config,
//! templates, UI strings) is covered by the session's fingerprint (`crate::BuildCache`);
//! what many outputs share (`site`, the company pages that exist) goes
//! into [`Prekeys::global`]; each page's own inputs go into its page key. The incremental
//! tests rebuild after every kind of edit and compare the result with a clean build.

use super::cache::{FileKeys, OwnKeys, TextKeys, TextMemo};
use super::Model;
use crate::capex::Commitment;
use crate::content::Page;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::Arc;
use xxhash_rust::xxh3::Xxh3;

/// Page keys and the global key of one build.
pub(super) struct Prekeys {
    /// By page index: the page's front matter, text, body, rendered Markdown, companies
    /// and commitments.
    pages: Vec<u128>,
    /// By page index: narrower keys, for outputs that read only part of a page.
    facts: Vec<PageFacts>,
    /// What every article and listing reads besides its pages.
    global: u128,
    /// Company slug → key of its figure history (every language).
    companies: BTreeMap<String, u128>,
    /// The [`row_key`] of each commitment of [`crate::capex::CapexData::of_articles`], in
    /// its order (company tables take them by the thousand).
    rows: Vec<u128>,
    /// What the listings of every language are worked out from (see [`super::plan`]).
    shape: u128,
}

/// Narrower keys of one page.
struct PageFacts {
    /// What a link to it reads: its language, path and title.
    link: u128,
    /// What the sitemap reads: its language, path, kind and dates.
    place: u128,
    /// Its commitments.
    commitments: u128,
}

/// What [`Prekeys::new`] works out for one page.
struct PageKeys {
    page: u128,
    facts: PageFacts,
    /// Its keys for the memo, when the memo has none for its text or other ones.
    text: Option<(Arc<str>, TextKeys)>,
    shape: u128,
}

/// Feeds text (and its length, so that neighbours cannot run together) into a hash.
struct Hasher(Xxh3);

impl Hasher {
    fn new(domain: &str) -> Self {
        let mut h = Hasher(Xxh3::new());
        h.text(domain);
        h
    }

    fn text(&mut self, s: &str) {
        self.0.update(&(s.len() as u64).to_le_bytes());
        self.0.update(s.as_bytes());
    }

    fn key(&mut self, k: u128) {
        self.0.update(&k.to_le_bytes());
    }

    fn number(&mut self, n: usize) {
        self.0.update(&(n as u64).to_le_bytes());
    }

    fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

impl std::fmt::Write for Hasher {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

impl Prekeys {
    /// Keys of every page; `markdown_keys` are the keys of their rendered bodies. What each
    /// page's key takes from its file text alone is taken from `memo` when the text is the
    /// same; the keys of texts `memo` has no keys for (or other keys) are handed back for it.
    pub(super) fn new(
        model: &Model<'_>,
        markdown_keys: &[u128],
        memo: &TextMemo,
    ) -> (Self, Vec<(Arc<str>, TextKeys)>) {
        use rayon::prelude::*;
        let input = model.input;
        let per_page: Vec<PageKeys> = input
            .pages
            .par_iter()
            .enumerate()
            .map(|(i, p)| {
                let markdown_key = markdown_keys.get(i).copied().unwrap_or_default();
                let known = memo.get(&p.text);
                let mut changed = known.is_none();
                let own = (!p.is_translation()).then(|| {
                    // A duplicate is hidden: most pages need no lookup.
                    let duplicate = model.is_hidden(i) && input.dedup.duplicate_of.contains_key(&p.rel);
                    let kept = known.and_then(|k| k.own).filter(|k| k.duplicate == duplicate);
                    kept.unwrap_or_else(|| {
                        changed = true;
                        OwnKeys {
                            duplicate,
                            page: own_key(model, i, p),
                            commitments: commitments_key(model, p),
                        }
                    })
                });
                let has_shortcodes = input.capex.shortcodes.contains_key(&p.rel);
                let file = known.map_or_else(|| FileKeys::new(p), |k| k.file);
                let mut shape = Hasher::new("shape");
                shape.key(file.listed);
                shape.number(usize::from(model.is_hidden(i)));
                for company in model.companies.get(i).into_iter().flat_map(|names| names.iter()) {
                    shape.text(company);
                }
                let hidden = model.is_hidden(i);
                PageKeys {
                    page: page_key(
                        model,
                        p,
                        (&file, hidden),
                        markdown_key,
                        own.map_or_else(|| own_key(model, i, p), |k| k.page),
                    ),
                    facts: PageFacts {
                        link: file.link,
                        // The sitemap leaves a folded page out.
                        place: super::cache::combine(file.place, u128::from(hidden)),
                        commitments: own.map_or_else(|| commitments_key(model, p), |k| k.commitments),
                    },
                    text: changed.then(|| {
                        let markdown = (!has_shortcodes).then_some(markdown_key);
                        (p.text.clone(), TextKeys { markdown, own, file })
                    }),
                    shape: shape.finish(),
                }
            })
            .collect();
        let mut pages = Vec::with_capacity(per_page.len());
        let mut facts = Vec::with_capacity(per_page.len());
        let mut texts = Vec::with_capacity(per_page.len());
        let mut shape = Hasher::new("shapes");
        shape.number(per_page.len());
        for keys in per_page {
            pages.push(keys.page);
            facts.push(keys.facts);
            texts.extend(keys.text);
            shape.key(keys.shape);
        }
        let shape = shape.finish();
        let mut g = Hasher::new("global");
        for value in model.site_values.values() {
            let _ = write!(g, "{value:?}");
        }
        // Not the dedup decisions: whether a page is folded is in its own keys, and the
        // copies and related coverage an article lists are in its key, so that an edit which
        // folds or unfolds one story re-renders the pages that show it, not every page.
        g.number(model.company_pages.len());
        for (k, v) in &model.company_pages {
            g.text(k);
            g.text(v);
        }
        let global = g.finish();
        // A company's history holds the commitments of canonical articles: each comes from
        // its briefing's front matter and links to that briefing in every language. Each
        // briefing's rows are keyed on every core. A company's key sums its rows' keys: the
        // rows it has, whatever their order, since the history's order follows from them
        // (dates, briefings and entries are in the keys).
        let articles: Vec<(&str, &[Commitment])> = input.capex.of_articles().collect();
        let rows: Vec<u128> = articles
            .par_iter()
            .flat_map_iter(|&(page, list)| {
                let briefing = briefing_key(model, &facts, page);
                list.iter().map(move |c| row_key(page, c.entry, briefing))
            })
            .collect();
        // Where each briefing's rows start in `rows`.
        let starts: Vec<usize> = articles
            .iter()
            .scan(0, |next, (_, list)| {
                let start = *next;
                *next += list.len();
                Some(start)
            })
            .collect();
        let sums = articles
            .par_iter()
            .zip(&starts)
            .map(|(&(_, list), &start)| (list, &rows[start..start + list.len()]))
            .fold(HashMap::<&str, u128>::new, |mut sums, (list, rows)| {
                for (c, row) in list.iter().zip(rows) {
                    let sum = sums.entry(c.company_slug.as_str()).or_default();
                    *sum = sum.wrapping_add(*row);
                }
                sums
            })
            .reduce(HashMap::new, |mut all, part| {
                for (slug, sum) in part {
                    let total = all.entry(slug).or_default();
                    *total = total.wrapping_add(sum);
                }
                all
            });
        let companies = sums
            .into_iter()
            .map(|(slug, sum)| {
                let mut h = Hasher::new("company");
                h.key(sum);
                (slug.to_string(), h.finish())
            })
            .collect();
        (Prekeys { pages, facts, global, companies, rows, shape }, texts)
    }

    /// Key of what the listings are worked out from: every page's place, language, date and
    /// terms, and whether it is folded as a duplicate.
    pub(super) fn shape(&self) -> u128 {
        self.shape
    }

    /// Key of what every article and listing reads besides its pages.
    pub(super) fn global(&self) -> u128 {
        self.global
    }

    /// Every page's key, by page index.
    pub(super) fn page_keys(&self) -> &[u128] {
        &self.pages
    }

    /// Key of article `i`'s page: the article, every version of it (the language switcher,
    /// the briefing links of its figure table), the duplicates and the related coverage it
    /// lists.
    pub(super) fn article(&self, model: &Model<'_>, i: usize) -> u128 {
        let p = model.page(i);
        let mut h = Hasher::new("article");
        h.key(self.global);
        h.key(self.pages[i]);
        self.versions(model, &p.translation_key, &mut h);
        // The copies folded into it and its related coverage, each list counted, so that a
        // page moving from one list to the other changes the key.
        let folded = model.folded_into(&p.translation_key);
        h.number(folded.len());
        for &d in folded {
            h.key(self.pages[d]);
        }
        // Related coverage, linked in every language it has.
        let related = model.related_to(&p.translation_key);
        h.number(related.len());
        for d in related {
            h.key(self.pages[d]);
            self.versions(model, &model.page(d).translation_key, &mut h);
        }
        h.finish()
    }

    /// A company's commitments in the order of its figure history, each with the key of its
    /// row in `lang`: the commitments of its briefing, which one it is, and the title, path
    /// and language of each version of the briefing it links to.
    pub(super) fn company_history<'m>(
        &self,
        model: &Model<'m>,
        lang: &str,
        slug: &str,
    ) -> Vec<(&'m Commitment, u128)> {
        let mut history = model.input.capex.history_of(slug, self.rows.iter().copied());
        for (_, key) in &mut history {
            let mut h = Hasher::new("history row");
            h.key(self.global);
            h.text(lang);
            h.key(*key);
            *key = h.finish();
        }
        history
    }

    /// Key of the sitemap: where every page is, in which languages, and its dates.
    pub(super) fn sitemap(&self) -> u128 {
        let mut h = Hasher::new("sitemap");
        h.key(self.global);
        h.number(self.facts.len());
        for f in &self.facts {
            h.key(f.place);
        }
        h.finish()
    }

    /// Key of one page of a listing: where it is, what frames it (`extra`) and the
    /// summaries it shows.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn listing_page(
        &self,
        lang: &str,
        path: &str,
        template: &str,
        (n, total, items): (usize, usize, usize),
        extra: u128,
        chunk: &[super::plan::ListedPage],
    ) -> u128 {
        let mut h = Hasher::new("listing");
        h.key(self.global);
        for s in [lang, path, template] {
            h.text(s);
        }
        for x in [n, total, items] {
            h.number(x);
        }
        h.key(extra);
        for listed in chunk {
            h.key(self.pages[listed.index]);
            h.number(usize::from(listed.fallback));
        }
        h.finish()
    }

    /// Key of the compare page in `lang`: each company's latest commitment, taken from the
    /// figure histories of every company (their commitments and briefing links).
    pub(super) fn compare(&self, lang: &str, current: Option<jiff::civil::Date>) -> u128 {
        let mut h = Hasher::new("compare");
        h.key(self.global);
        h.text(lang);
        // Which commitment is current depends on the newest article's date.
        let _ = write!(h, "{current:?}");
        for (slug, key) in &self.companies {
            h.text(slug);
            h.key(*key);
        }
        h.finish()
    }

    /// Key of a company's ledger: its figure history (the commitments of every briefing
    /// about it) and the site's current date; `None` for a company without a history.
    pub(super) fn ledger(&self, slug: &str, current: Option<jiff::civil::Date>) -> Option<u128> {
        let history = *self.companies.get(slug)?;
        let mut h = Hasher::new("ledger");
        let _ = write!(h, "{current:?}");
        h.key(history);
        Some(h.finish())
    }

    /// Key of a redirect page at `path` to page `target`: where the target is and its title.
    pub(super) fn redirect(&self, path: &str, target: usize) -> u128 {
        let mut h = Hasher::new("redirect");
        h.key(self.global);
        h.text(path);
        h.key(self.facts.get(target).map_or(0, |f| f.link));
        h.finish()
    }

    /// Key of a company's figure history in `lang`: each row's commitment comes from its
    /// briefing's front matter, and links to that briefing in `lang`.
    pub(super) fn company(
        &self,
        lang: &str,
        slug: &str,
        name: &str,
        current: Option<jiff::civil::Date>,
    ) -> u128 {
        let mut h = Hasher::new("company");
        h.key(self.global);
        let _ = write!(h, "{current:?}");
        for s in [lang, slug, name] {
            h.text(s);
        }
        h.key(self.companies.get(slug).copied().unwrap_or_default());
        h.finish()
    }

    fn versions(&self, model: &Model<'_>, translation_key: &str, h: &mut Hasher) {
        let versions = model.groups.get(translation_key).map_or(&[][..], Vec::as_slice);
        h.number(versions.len());
        for &v in versions {
            h.key(self.pages[v]);
        }
    }
}

/// Everything about a page that its own page and its listing summary are made from, and
/// whether it is folded as a duplicate. `own`
/// is [`own_key`] (an original's is kept by its text; a translation's takes its original's
/// front matter and commitments, so it is made each time).
fn page_key(
    model: &Model<'_>,
    p: &Page,
    (file, hidden): (&FileKeys, bool),
    markdown_key: u128,
    own: u128,
) -> u128 {
    let mut h = Hasher::new("page");
    h.key(file.names);
    // Whether it is folded into another story (dedup's decision): an output that shows it
    // shows it or not by this.
    h.number(usize::from(hidden));
    h.key(markdown_key);
    h.key(own);
    if p.is_translation() {
        let _ = write!(h, "{:?}", p.meta);
    }
    if let Some(shortcodes) = model.input.capex.shortcodes.get(&p.rel) {
        let _ = write!(h, "{shortcodes:?}");
    }
    h.finish()
}

/// What a history row takes from its briefing (`page`, content-relative): the briefing's
/// commitments, and the title, path and language of each version it links to (not the body).
fn briefing_key(model: &Model<'_>, facts: &[PageFacts], page: &str) -> u128 {
    let mut h = Hasher::new("briefing");
    h.key(model.by_rel.get(page).map_or(0, |&i| facts[i].commitments));
    for &v in model.groups.get(page).into_iter().flatten() {
        h.key(facts[v].link);
    }
    h.finish()
}

/// Key of one row of a company history: its briefing (`page`, with [`briefing_key`]
/// `briefing`) and which of the briefing's commitments it is.
fn row_key(page: &str, entry: usize, briefing: u128) -> u128 {
    let mut h = Hasher::new("row");
    h.text(page);
    h.number(entry);
    h.key(briefing);
    h.finish()
}

impl FileKeys {
    /// The keys of what `p` takes from its own file (text and path).
    fn new(p: &Page) -> Self {
        let strings = |domain: &str, strings: &[&str]| {
            let mut h = Hasher::new(domain);
            for s in strings {
                h.text(s);
            }
            h
        };
        let names = [&p.rel, &p.section, &p.lang, &p.slug, &p.path, &p.translation_key, &p.title];
        let names = strings("names", &names.map(String::as_str)).finish();
        // A link to it (a briefing link in a figure table).
        let link = strings("link", &[&p.rel, &p.translation_key, &p.lang, &p.path, &p.title]).finish();
        // The sitemap.
        let mut place = strings("place", &[&p.rel, &p.translation_key, &p.lang, &p.path]);
        let _ = write!(place, "{:?}{:?}{:?}", p.kind, p.date, p.meta.updated);
        // A listing plan (its companies and duplicate flag come from other stages).
        let mut listed = strings("listed", &[&p.rel, &p.translation_key, &p.lang, &p.section]);
        let _ = write!(listed, "{:?}{:?}{:?}{:?}", p.kind, p.date, p.meta.tags, p.meta.tickers);
        FileKeys { names, link, place: place.finish(), listed: listed.finish() }
    }
}

/// The page's commitments (a translation shows its original's).
fn commitments_key(model: &Model<'_>, p: &Page) -> u128 {
    let mut h = Hasher::new("commitments");
    let _ = write!(h, "{:?}", model.input.capex.for_page(p));
    h.finish()
}

/// What page `i`'s key takes from its file: for an original, all of it is made from the
/// file's text and path (and the config), so the key holds while the text does — except
/// whether it was folded as a duplicate, which decides whether it has commitments.
fn own_key(model: &Model<'_>, i: usize, p: &Page) -> u128 {
    let mut h = Hasher::new("own");
    for s in [&*p.text, &*p.body] {
        h.text(s);
    }
    let _ = write!(
        h,
        "{:?}{:?}{:?}{:?}{:?}",
        p.kind,
        p.date,
        p.shown,
        model.companies.get(i),
        model.input.capex.for_page(p),
    );
    h.finish()
}
