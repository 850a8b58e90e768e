//! What a rebuild can take over from the previous build of the same site: the rendered
//! Markdown of each body and every templated output file, each keyed by a hash of all it
//! was made from. A key that matches means the result would be the same bytes, so nothing
//! has to reason about which edit affects which page.

use crate::markdown::Rendered;
use std::collections::HashMap;
use std::fmt::Write as _;
use tera::value::ValueKind;
use tera::{Context, Map, Value};
use xxhash_rust::xxh3::{Xxh3, Xxh3DefaultBuilder};

/// Results of the previous successful build, reused where their inputs are unchanged.
///
/// Valid only for the same templates, UI strings and config: the caller clears it when
/// any of those change (see `crate::BuildCache`).
#[derive(Debug, Default)]
pub struct RenderCache {
    /// Rendered Markdown by hash of (body, options).
    pub(super) markdown: HashMap<u128, std::sync::Arc<Rendered>, Xxh3DefaultBuilder>,
    /// Output files by the hash of their path ([`path_key`]): the hash of (template,
    /// context) and the bytes it rendered to. Keyed by hash, a lookup compares numbers held
    /// in the table, not path strings held elsewhere (tens of thousands per rebuild).
    pub(super) outputs: HashMap<u128, Output, Xxh3DefaultBuilder>,
    /// What was worked out from each page's file text alone.
    pub(super) texts: TextMemo,
    /// Each original's companies, by its text.
    pub(super) companies: CompaniesMemo,
    /// The rows of each company history table, as last made.
    pub(super) history_rows: HistoryRows,
    /// Each language's listings, and the key of what they were worked out from.
    pub(super) plans: KeptPlans,
    /// The last build's listing pages, taken over without a key or a path made for each
    /// while their listings and the pages they show are the same.
    pub(super) listing_pages: Option<ListingPages>,
    /// The code highlighting stylesheet of the last build, by its (light, dark) themes.
    pub(super) stylesheet: Option<KeptStylesheet>,
    /// Key of the last build's output paths, which were checked for collisions.
    pub(super) paths_key: u128,
    /// How much the last build reused.
    pub(super) stats: ReuseStats,
    /// Each company's ledger (by slug) as last made, with the key of its history.
    pub(super) ledgers: HashMap<String, KeptLedger>,
    /// What the last build handed the search index of each briefing, by the briefing's
    /// page key (`Prekeys::page_keys`), which covers everything a document is made from.
    pub(super) search_docs: HashMap<u128, std::sync::Arc<crate::search::Doc>, Xxh3DefaultBuilder>,
}

/// A company's ledger and the key it was made under (`Prekeys::ledger`): its figure history
/// and the site's current date.
#[derive(Debug)]
pub(super) struct KeptLedger {
    pub(super) key: u128,
    pub(super) ledger: crate::capex::ledger::CompanyLedger,
}

/// Each language's listings, and the key of the pages' shape they were worked out from
/// (`Prekeys::shape`).
#[derive(Debug, Default)]
pub(super) struct KeptPlans {
    pub(super) shape: u128,
    pub(super) by_lang: std::collections::BTreeMap<String, std::sync::Arc<super::plan::ListingPlan>>,
}

/// The code highlighting stylesheet, or why it could not be made, and the (light, dark)
/// themes it was made from.
#[derive(Debug)]
pub(super) struct KeptStylesheet {
    pub(super) themes: (String, String),
    pub(super) css: Result<String, String>,
}

/// One row of a company's figure history and its template value, kept between preview
/// builds under a key of what the row shows (see `prekey::Prekeys::history_row`).
#[derive(Debug)]
pub(super) struct HistoryRow {
    pub(super) row: crate::capex::table::CommitmentRow,
    pub(super) value: Value,
}

/// Each company's history table (by language and company slug) as last made.
pub(super) type HistoryRows = HashMap<(String, String), HistoryTable>;

/// The rows of one company's history table by their keys, and its chart.
#[derive(Debug)]
pub(super) struct HistoryTable {
    pub(super) rows: HashMap<u128, std::sync::Arc<HistoryRow>>,
    pub(super) chart: KeptChart,
}

/// A history chart's SVG and the key of what it was drawn from ([`table::chart_key`]).
///
/// [`table::chart_key`]: crate::capex::table::chart_key
#[derive(Debug)]
pub(super) struct KeptChart {
    pub(super) key: u128,
    pub(super) svg: String,
}

/// Every listing page of a build, by listing (in the order the build lists them) and page
/// number. A listing page's key is made of the listing's place and frame, the keys of the
/// pages it shows and what every listing reads (`Prekeys::global`); while the listings are
/// the same (`Prekeys::shape`, and so their order), a page whose frame key and shown pages'
/// keys are those of the last build has the last build's key, path and bytes.
#[derive(Debug)]
pub(super) struct ListingPages {
    pub(super) shape: u128,
    pub(super) global: u128,
    /// Every page's key (`Prekeys`), by page index.
    pub(super) page_keys: Vec<u128>,
    pub(super) listings: Vec<KeptListing>,
}

/// One listing's pages in [`ListingPages`]; its language and path tell it is the same listing.
#[derive(Debug)]
pub(super) struct KeptListing {
    pub(super) lang: String,
    pub(super) path: String,
    pub(super) pages: Vec<KeptPage>,
}

/// One listing page in [`ListingPages`]: the key of its frame (the listing's, and on a first
/// page what only it shows), its own key, output path and bytes.
#[derive(Debug)]
pub(super) struct KeptPage {
    pub(super) frame: u128,
    pub(super) key: u128,
    pub(super) path: String,
    pub(super) bytes: std::sync::Arc<Vec<u8>>,
}

/// An output file as kept: the key of what it was made from, and its bytes.
#[derive(Debug, Clone)]
pub(super) struct Output {
    /// The key of what it was made from.
    pub(super) key: u128,
    pub(super) bytes: std::sync::Arc<Vec<u8>>,
}

/// Keys worked out from each page's file text, kept by the text's identity: hashing every
/// body each build would cost more than the rest of a preview rebuild.
pub(super) type TextMemo = crate::content::ByText<TextKeys>;

/// An original's companies (its `companies:` and those of its commitments, through the
/// registry), kept by its text; whether it was folded as a duplicate decides whether it has
/// commitments, so that is kept with them.
pub(super) type CompaniesMemo = crate::content::ByText<PageCompanies>;

/// See [`CompaniesMemo`].
#[derive(Debug, Clone)]
pub(super) struct PageCompanies {
    pub(super) duplicate: bool,
    pub(super) names: std::sync::Arc<[String]>,
}

/// The keys of one page's text.
#[derive(Debug, Clone)]
pub(super) struct TextKeys {
    /// Key of the rendered body, for a page without capex shortcodes (whose body is made
    /// from its text alone).
    pub(super) markdown: Option<u128>,
    /// For an original (not a translation): keys of what is made from its text.
    pub(super) own: Option<OwnKeys>,
    /// Keys of what the page takes from its own file.
    pub(super) file: FileKeys,
}

/// Keys of what a page (original or translation) takes from its own file, text and path.
#[derive(Debug, Clone, Copy)]
pub(super) struct FileKeys {
    /// Its paths, language and title.
    pub(super) names: u128,
    /// What a link to it reads: its language, path and title.
    pub(super) link: u128,
    /// What the sitemap reads: its language, path, kind and dates.
    pub(super) place: u128,
    /// What a listing plan reads: its place, language, date and terms.
    pub(super) listed: u128,
}

/// Keys of what an original's page is made from besides its paths and title (see `prekey`).
#[derive(Debug, Clone, Copy)]
pub(super) struct OwnKeys {
    /// Whether it was a folded duplicate (which decides whether it has commitments).
    pub(super) duplicate: bool,
    /// Its text, body, companies and commitments.
    pub(super) page: u128,
    /// Its commitments alone.
    pub(super) commitments: u128,
}

/// How much of a build was taken from the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReuseStats {
    /// Bodies whose Markdown was rendered again.
    pub markdown_rendered: usize,
    /// Bodies whose rendered Markdown was reused.
    pub markdown_reused: usize,
    /// Templated files rendered again (company term pages, never cached, are not counted).
    pub files_rendered: usize,
    /// Templated files whose bytes were reused.
    pub files_reused: usize,
}

impl RenderCache {
    /// The bytes of `path` when the previous build made it from inputs with this key.
    pub(super) fn made(&self, path: &str, key: u128) -> Option<std::sync::Arc<Vec<u8>>> {
        self.outputs.get(&path_key(path)).filter(|o| o.key == key).map(|o| o.bytes.clone())
    }

    /// Keeps the bodies of this build (by `keys`; `None` for one never rendered or taken
    /// from this cache): bodies rendered anew go in, and those no page has any more go once a
    /// few have gathered (a key is of the Markdown a body was rendered from, so an old one is
    /// never wrong).
    pub(super) fn keep_markdown(
        &mut self,
        keys: &[u128],
        bodies: impl Iterator<Item = Option<std::sync::Arc<Rendered>>>,
    ) {
        for (&key, body) in keys.iter().zip(bodies) {
            if let Some(body) = body {
                self.markdown.entry(key).or_insert(body);
            }
        }
        if self.markdown.len() > keys.len() + crate::content::STALE_ALLOWANCE {
            let live: std::collections::HashSet<u128> = keys.iter().copied().collect();
            self.markdown.retain(|key, _| live.contains(key));
        }
    }

    /// Keeps the files this build made anew (by [`path_key`]); when the set of paths
    /// (`paths`, whose key is `paths_key`) changed, the files of paths no longer made go.
    /// Most files of a rebuild are the ones the cache holds already.
    pub(super) fn keep_outputs(&mut self, paths: &[String], paths_key: u128, made: Vec<(u128, Output)>) {
        if self.paths_key != paths_key {
            let live: std::collections::HashSet<u128> = paths.iter().map(|p| path_key(p)).collect();
            self.outputs.retain(|path, _| live.contains(path));
        }
        let replaced: Vec<Output> =
            made.into_iter().filter_map(|(path, file)| self.outputs.insert(path, file)).collect();
        drop_aside(replaced);
    }

    /// The listings of `lang` as last worked out, if from pages of this shape.
    pub(super) fn plan(&self, lang: &str, shape: u128) -> Option<std::sync::Arc<super::plan::ListingPlan>> {
        (self.plans.shape == shape).then(|| self.plans.by_lang.get(lang).cloned()).flatten()
    }

    /// What the last build that used this cache reused.
    pub fn stats(&self) -> ReuseStats {
        self.stats
    }
}

/// Feeds text into a hash without building the string first.
struct HashWriter(Xxh3);

impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

/// Key of an output path in [`RenderCache::outputs`].
pub(super) fn path_key(path: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(path.as_bytes())
}

/// One key made of two.
pub(super) fn combine(a: u128, b: u128) -> u128 {
    let mut h = Xxh3::new();
    h.update(&a.to_le_bytes());
    h.update(&b.to_le_bytes());
    h.digest128()
}

/// Key of a list of output paths.
pub(super) fn paths_key(paths: &[String]) -> u128 {
    use rayon::prelude::*;
    // In chunks of a fixed size on every core, then the chunks' keys in order.
    let chunks: Vec<u128> = paths
        .par_chunks(1024)
        .map(|chunk| {
            let mut h = Xxh3::new();
            for p in chunk {
                h.update(&(p.len() as u64).to_le_bytes());
                h.update(p.as_bytes());
            }
            h.digest128()
        })
        .collect();
    let mut h = Xxh3::new();
    h.update(&(paths.len() as u64).to_le_bytes());
    chunks.iter().for_each(|c| h.update(&c.to_le_bytes()));
    h.digest128()
}

/// Frees `value` on a worker thread: what a preview rebuild lets go of (the last build's
/// listing pages, files it replaced, every path) takes a millisecond or two to free, which
/// the rebuild would otherwise spend before it can report.
pub(super) fn drop_aside<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

/// Key of a Markdown body rendered with some options (given in their `Debug` form).
pub(super) fn markdown_key(body: &str, options: &dyn std::fmt::Debug) -> u128 {
    let mut h = HashWriter(Xxh3::new());
    h.0.update(&(body.len() as u64).to_le_bytes());
    h.0.update(body.as_bytes());
    let _ = write!(h, "{options:?}");
    h.0.digest128()
}

/// Every top-level name a job's context may hold. [`job_key`] reads exactly these; a debug
/// build checks that a context holds nothing else, so a name added to a context without
/// being listed here fails the incremental tests instead of going stale.
const CONTEXT_NAMES: &[&str] = &[
    "alternates",
    "company",
    "company_facts",
    "compare",
    "content",
    "current_url",
    "disclosures",
    "downloads",
    "entries",
    "feed_permalink",
    "figures",
    "lang",
    "nav_current",
    "nav_exact",
    "page",
    "paginator",
    "section",
    "site",
    "switcher",
    "target_title",
    "target_url",
    "taxonomy",
    "term",
    "terms",
    "updated",
    "x_default",
    "years_chart",
];

/// Hashes of template values that many outputs share (`site`, the disclosures, a
/// taxonomy), each computed once per build and found again by the address of the value's map
/// or array: Tera shares a cloned value's contents, so every page that carries `site` holds
/// the same map. The memo keeps a clone of each value it remembers, so no other value can
/// take that address while the memo lives.
#[derive(Default)]
pub(super) struct ValueMemo {
    hashes: HashMap<usize, u128>,
    keep: Vec<Value>,
}

/// The address of a value's shared contents; `None` for scalars and empty containers
/// (which may all share one dangling address).
fn address(v: &Value) -> Option<usize> {
    match v.kind() {
        ValueKind::Map => v.as_map().filter(|m| !m.is_empty()).map(|m| m as *const Map as usize),
        ValueKind::Array => v.as_array().filter(|a| !a.is_empty()).map(|a| a.as_ptr() as usize),
        _ => None,
    }
}

impl ValueMemo {
    /// Hashes `value` now so that every later key reading it takes the hash from here.
    pub(super) fn remember(&mut self, value: &Value) {
        let Some(addr) = address(value) else { return };
        if self.hashes.contains_key(&addr) {
            return;
        }
        let mut h = Xxh3::new();
        self.feed(value, &mut h);
        self.hashes.insert(addr, h.digest128());
        self.keep.push(value.clone());
    }

    /// Feeds a value's structure into a hash: kinds, lengths, keys in order, and whether
    /// a string is marked safe (it renders unescaped).
    fn feed(&self, v: &Value, h: &mut Xxh3) {
        if let Some(known) = address(v).and_then(|a| self.hashes.get(&a)) {
            h.update(b"#");
            h.update(&known.to_le_bytes());
            return;
        }
        let text = |h: &mut Xxh3, tag: &[u8], s: &str| {
            h.update(tag);
            h.update(&(s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        };
        match v.kind() {
            ValueKind::Undefined => h.update(b"u"),
            ValueKind::None => h.update(b"n"),
            ValueKind::Bool => h.update(if v.as_bool() == Some(true) { b"T" } else { b"F" }),
            ValueKind::U64 | ValueKind::I64 | ValueKind::U128 | ValueKind::I128 => {
                h.update(b"i");
                h.update(&v.as_i128().unwrap_or_default().to_le_bytes());
                h.update(&v.as_u128().unwrap_or_default().to_le_bytes());
            }
            ValueKind::F64 => {
                h.update(b"f");
                h.update(&v.as_f64().unwrap_or_default().to_bits().to_le_bytes());
            }
            ValueKind::String => {
                let tag: &[u8] = if v.is_safe() { b"S" } else { b"s" };
                text(h, tag, v.as_str().unwrap_or_default());
            }
            ValueKind::Array => {
                let items = v.as_array().unwrap_or_default();
                h.update(b"[");
                h.update(&(items.len() as u64).to_le_bytes());
                for item in items {
                    self.feed(item, h);
                }
            }
            ValueKind::Map => {
                h.update(b"{");
                if let Some(map) = v.as_map() {
                    h.update(&(map.len() as u64).to_le_bytes());
                    for (k, item) in map {
                        text(h, b"k", &k.to_string());
                        self.feed(item, h);
                    }
                }
            }
            _ => {
                let mut w = HashWriter(Xxh3::new());
                let _ = write!(w, "{v:?}");
                h.update(b"?");
                h.update(&w.0.digest128().to_le_bytes());
            }
        }
    }
}

/// Key of a templated file: the template's name and every value of its context.
pub(super) fn job_key(template: &str, context: &Context, memo: &ValueMemo) -> u128 {
    let mut h = Xxh3::new();
    h.update(&(template.len() as u64).to_le_bytes());
    h.update(template.as_bytes());
    for name in CONTEXT_NAMES {
        if let Some(value) = context.get(name) {
            h.update(name.as_bytes());
            memo.feed(value, &mut h);
        }
    }
    debug_assert!(
        {
            let mut listed = Context::new();
            for name in CONTEXT_NAMES {
                if let Some(v) = context.get(name) {
                    listed.insert_value(*name, v.clone());
                }
            }
            listed == *context
        },
        "a context holds a name missing from CONTEXT_NAMES"
    );
    h.digest128()
}
