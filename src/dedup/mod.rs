//! Deduplication: repeated passages inside one article, and the same story across articles.
//!
//! [`blocks`] cleans each body; [`near`] finds articles that tell the same story; [`cluster`]
//! groups them and picks the canonical one; [`report`] prints the decisions for
//! `capbrief dedup`. Nothing here reads or writes files except [`inspect`], which loads a site
//! through `content::load` like a build does.

pub mod blocks;
mod cluster;
mod comparable;
mod explain;
mod facts;
pub mod near;
pub mod normal;
mod related;
pub mod report;
#[cfg(test)]
mod tests;
mod wire;

use crate::config::{Config, DedupConfig};
use crate::content::{self, ByText, Page, PageKind};
use crate::diag::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Why two articles were joined.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum LinkRule {
    /// Jaccard similarity of the shingle sets at or above `dedup.threshold`.
    Resemblance,
    /// The shorter text mostly contained in the longer, at or above `dedup.containment`.
    Containment,
    /// Versions of one wire story: same dateline and agency, lead alike, dates close.
    WireVersion,
    /// Named by `duplicate_of` in front matter.
    DuplicateOf,
    /// The same news in other words: each one's main figure in the other, close headlines,
    /// most names shared, dates close.
    SameNews,
}

impl LinkRule {
    /// What the rule means, for people.
    pub fn describe(self) -> &'static str {
        match self {
            LinkRule::Resemblance => "resemblance",
            LinkRule::Containment => "containment",
            LinkRule::WireVersion => "wire version",
            LinkRule::DuplicateOf => "duplicate_of",
            LinkRule::SameNews => "same news, other words",
        }
    }

    /// Whether articles joined by this rule are copies of one text (folded into one page), not
    /// related coverage.
    pub fn is_copy(self) -> bool {
        !matches!(self, LinkRule::SameNews)
    }
}

/// Two articles joined, with both shingle scores and the rule that decided.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Link {
    /// One article (content-relative path).
    pub a: String,
    /// The other (`a < b`).
    pub b: String,
    /// Jaccard similarity of their shingle sets (furniture left out). A build computes it only
    /// for the links shingles decided; [`inspect`] fills it in for every link.
    pub jaccard: Option<f64>,
    /// Share of the smaller shingle set found in the other (as `jaccard`).
    pub containment: Option<f64>,
    /// What decided.
    pub rule: LinkRule,
    /// What the rule saw, in words (`leads 0.91 alike, same dateline HANGZHOU (Meridian Wire)`).
    pub detail: String,
}

/// One story reported several times as copies of one text: shown once, on its canonical page.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cluster {
    /// The article shown on the site (content-relative path).
    pub canonical: String,
    /// Every member, the canonical one included, sorted.
    pub members: Vec<String>,
    /// The lowest Jaccard similarity of the links that joined the members (of those scored).
    pub similarity: f64,
    /// Why the canonical one was chosen.
    pub reason: String,
    /// The links that joined the members, sorted.
    pub links: Vec<Link>,
}

/// One piece of news reported in other words by several articles (each the canonical page
/// of its copies, or alone): related coverage, listed under the story's lead article.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Story {
    /// The lead article, chosen by the canonical rule.
    pub lead: String,
    /// Every article of the story, the lead included, sorted.
    pub articles: Vec<String>,
    /// Why the lead was chosen.
    pub reason: String,
    /// Whether the other articles are folded into the lead (`dedup.fold_rewrites`).
    pub folded: bool,
    /// The links that joined the articles, sorted.
    pub links: Vec<Link>,
}

/// A line of furniture left out of an article's body when comparing it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Ignored {
    /// What it is (`photo caption`, `wire sign-off`).
    pub kind: String,
    /// Its text.
    pub text: String,
}

/// What deduplication decided for the whole site.
#[derive(Debug, Clone, Default)]
pub struct DedupReport {
    /// Duplicate article → its canonical article (content-relative paths).
    pub duplicate_of: BTreeMap<String, String>,
    /// Clusters, sorted by canonical path.
    pub clusters: Vec<Cluster>,
    /// Stories with related coverage, sorted by lead.
    pub stories: Vec<Story>,
    /// Each published article of a story → the other published articles of it, the lead
    /// first, then in path order.
    pub related: BTreeMap<String, Vec<String>>,
    /// Furniture left out of the articles of clusters and stories, by article.
    pub ignored: BTreeMap<String, Vec<Ignored>>,
    /// Processor time (else wall time) each step of the cross-article pass took
    /// (`capbrief dedup --timings`).
    pub timings: Vec<(&'static str, Duration)>,
}

impl DedupReport {
    /// One line for the build report, or `None` when nothing was folded or linked.
    pub fn summary(&self) -> Option<String> {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut parts = Vec::new();
        if !self.duplicate_of.is_empty() {
            let d = self.duplicate_of.len();
            let c = self.duplicate_of.values().collect::<std::collections::BTreeSet<_>>().len();
            parts.push(format!(
                "{d} duplicate article{} folded into {c} canonical page{}",
                plural(d),
                plural(c)
            ));
        }
        let linked: Vec<&Story> = self.stories.iter().filter(|s| !s.folded).collect();
        if !linked.is_empty() {
            let n = linked.len();
            let a: usize = linked.iter().map(|s| s.articles.len()).sum();
            parts.push(format!(
                "{a} articles linked as related coverage of {n} stor{}",
                if n == 1 { "y" } else { "ies" }
            ));
        }
        (!parts.is_empty()).then(|| format!("dedup: {}", parts.join("; ")))
    }
}

/// Removes repeated blocks from a Markdown body; returns the cleaned body and how many
/// blocks went.
pub fn remove_repeated(markdown: &str) -> (String, usize) {
    let cleaned = blocks::dedupe(markdown);
    let n = cleaned.removed.len();
    (cleaned.text, n)
}

/// Runs both kinds of deduplication over the loaded pages.
pub fn run(pages: &mut [Page], config: &Config, diags: &mut Diagnostics) -> DedupReport {
    run_reusing(pages, config, diags, None)
}

/// What deduplication worked out last time, for a session that rebuilds the same site (the
/// preview server): each cleaned body by the hash of the body it came from, and the
/// cross-article pass by the hash of everything it read. Whatever is taken from here is what
/// the same work would compute again.
#[derive(Debug, Default)]
pub struct DedupCache {
    /// What each page's text came to; a body is made from its file's text alone, so no body
    /// is hashed again while its text is the same.
    texts: ByText<TextDedup>,
    near: Option<(u128, NearPass)>,
    /// Per article text, for when the cross-article pass must run again.
    near_memo: near::NearMemo,
    /// What the wire-version and same-news rules gave each pair they checked last time.
    wire_checked: Option<PairChecks<wire::WireLink>>,
    related_checked: Option<PairChecks<related::RelatedLink>>,
}

/// What a rule over pairs of articles gave for each pair it checked, with the facts of every
/// article as they were then. Each rule reads two articles' facts and nothing else, and an
/// unchanged text keeps the very same facts (`TextDedup::facts`), so a pair of articles whose
/// facts are both the same objects gives what it gave then: after an edit only the pairs
/// with the edited article are checked again.
#[derive(Debug)]
struct PairChecks<T> {
    /// Each article's facts, by index. Held, so that the same address is the same facts.
    facts: Arc<Vec<Arc<facts::Known>>>,
    /// The pairs checked, sorted.
    pairs: Vec<(usize, usize)>,
    /// What each gave.
    results: Vec<Option<T>>,
}

impl<T: Copy> PairChecks<T> {
    /// The links found, in pair order.
    fn links(&self) -> Vec<T> {
        self.results.iter().flatten().copied().collect()
    }
}

/// Checks each of `pairs` (sorted) with `check`, taking from `previous` the result of every
/// pair whose two articles have the same facts as then.
fn check_pairs<T: Copy + Send + Sync>(
    facts: &Arc<Vec<Arc<facts::Known>>>,
    pairs: Vec<(usize, usize)>,
    previous: Option<PairChecks<T>>,
    check: impl Fn(usize, usize) -> Option<T> + Sync,
) -> PairChecks<T> {
    let known: Vec<Option<Option<T>>> = match previous.filter(|p| p.facts.len() == facts.len()) {
        Some(prev) => {
            let same: Vec<bool> =
                prev.facts.iter().zip(facts.iter()).map(|(x, y)| Arc::ptr_eq(x, y)).collect();
            // Both lists are sorted: walked side by side.
            let mut k = 0;
            pairs
                .iter()
                .map(|&(a, b)| {
                    if !(same[a] && same[b]) {
                        return None;
                    }
                    while prev.pairs.get(k).is_some_and(|&p| p < (a, b)) {
                        k += 1;
                    }
                    (prev.pairs.get(k) == Some(&(a, b))).then(|| prev.results[k])
                })
                .collect()
        }
        None => vec![None; pairs.len()],
    };
    let results =
        pairs.par_iter().zip(known).map(|(&(a, b), known)| known.unwrap_or_else(|| check(a, b))).collect();
    PairChecks { facts: facts.clone(), pairs, results }
}

/// The in-article pass's result for one text, and the hash of the body it leaves.
#[derive(Debug, Clone, Default)]
struct TextDedup {
    /// `None` until the in-article pass ran on this text (it does not when dedup is off
    /// or the page opts out).
    cleaned: Option<Option<CleanedBody>>,
    /// The warning that reports the removed passages.
    warning: Option<Diagnostic>,
    /// Hash of the body after the in-article pass.
    body_hash: Option<u128>,
    /// What the cross-article pass read of the article (`facts::of`), with what its rules
    /// read of it since.
    facts: Option<Arc<facts::Known>>,
}

/// A body with its repeats removed.
#[derive(Debug, Clone)]
struct CleanedBody {
    text: Arc<str>,
    summary: String,
    /// Offset in the body of the first removed block.
    first_removed: usize,
}

/// What the cross-article pass computed before clustering.
#[derive(Debug)]
struct NearPass {
    /// Words of each article (without its furniture when its cluster was compared so).
    words: Vec<usize>,
    pairs: Vec<near::Pair>,
    /// Furniture left out, by article, for the clusters compared without it.
    ignored: BTreeMap<usize, Vec<Ignored>>,
    /// Time each step took.
    timings: Vec<(&'static str, Duration)>,
}

/// Like [`run`], reusing from `cache` the results of the same inputs, and leaving this run's
/// results in it.
pub fn run_reusing(
    pages: &mut [Page],
    config: &Config,
    diags: &mut Diagnostics,
    mut cache: Option<&mut DedupCache>,
) -> DedupReport {
    if config.dedup.enabled {
        remove_repeats_reusing(pages, diags, cache.as_deref_mut());
    }
    let report = find_duplicates_reusing(pages, config, diags, cache.as_deref_mut());
    if let Some(c) = cache {
        // Texts no page has any more are let go.
        c.texts.prune(pages.iter().map(|p| &p.text), pages.len());
    }
    report
}

/// In-article deduplication of every page that allows it, with one warning per cleaned file.
pub fn remove_repeats(pages: &mut [Page], diags: &mut Diagnostics) {
    remove_repeats_reusing(pages, diags, None);
}

fn body_hash(body: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(body.as_bytes())
}

fn remove_repeats_reusing(pages: &mut [Page], diags: &mut Diagnostics, cache: Option<&mut DedupCache>) {
    let previous = cache.as_deref();
    // Each page's warning, and its result to keep (with its text) when it was made now; a
    // page with neither (most, in a preview) leaves no entry.
    type Cleaned = (Option<Diagnostic>, Option<(Arc<str>, TextDedup)>);
    let results: Vec<Cleaned> = pages
        .par_iter_mut()
        .filter(|p| p.dedup_enabled())
        .filter_map(|p| {
            let seen = previous.and_then(|c| c.texts.get(&p.text));
            if let Some(t) = seen {
                match &t.cleaned {
                    Some(Some(cleaned)) => {
                        p.body = cleaned.text.clone().into();
                        return t.warning.clone().map(|w| (Some(w), None));
                    }
                    Some(None) => return None,
                    // Only the cross-article pass saw this text.
                    None => {}
                }
            }
            let cleaned = blocks::dedupe(&p.body);
            let first_removed = cleaned.removed.first().map(|first| first.range.start);
            let cleaned = first_removed.map(|first_removed| CleanedBody {
                summary: cleaned.summary(),
                first_removed,
                text: cleaned.text.into(),
            });
            let warning = cleaned.as_ref().map(|c| {
                // The body is still as loaded here, so its offsets are file positions.
                Diagnostic::warning(Some(p.body_location(c.first_removed)), c.summary.clone()).with_help(
                    "the first copy of each passage is kept; add `dedup: false` to the front matter to keep the article as written",
                )
            });
            if let Some(c) = &cleaned {
                p.body = c.text.clone().into();
            }
            let kept = previous.is_some().then(|| {
                let body_hash = seen.and_then(|t| t.body_hash);
                let facts = seen.and_then(|t| t.facts.clone());
                (p.text.clone(), TextDedup { cleaned: Some(cleaned), warning: warning.clone(), body_hash, facts })
            });
            Some((warning, kept))
        })
        .collect();
    let mut made = Vec::new();
    for (warning, kept) in results {
        made.extend(kept);
        if let Some(w) = warning {
            diags.push(w);
        }
    }
    if let Some(cache) = cache {
        // Unchanged texts keep their entries; texts no page has any more go in `run_reusing`.
        for (text, result) in made {
            cache.texts.insert(&text, result);
        }
    }
}

/// Cross-article deduplication: which articles tell the same story, and which one is shown.
///
/// Only originals are compared (a translation `foo.es.md` follows its original), and only
/// within one language: the same story written separately in English and Spanish is two
/// articles unless `duplicate_of` links them. With `dedup.enabled: false` only the
/// `duplicate_of` links written in front matter are applied.
pub fn find_duplicates(pages: &[Page], config: &Config, diags: &mut Diagnostics) -> DedupReport {
    find_duplicates_reusing(pages, config, diags, None)
}

fn find_duplicates_reusing(
    pages: &[Page],
    site: &Config,
    diags: &mut Diagnostics,
    mut cache: Option<&mut DedupCache>,
) -> DedupReport {
    let config = &site.dedup;
    let reading = facts::Reading::new(site);
    for p in pages.iter().filter(|p| p.is_translation() && p.meta.duplicate_of.is_some()) {
        diags.push(
            Diagnostic::warning(
                Some(p.key_location(&["duplicate_of"])),
                "`duplicate_of` on a translation is ignored: a translation follows its original",
            )
            .with_help(format!("set `duplicate_of` in `{}` instead", p.translation_key)),
        );
    }
    let originals: Vec<&Page> =
        pages.iter().filter(|p| p.kind == PageKind::Article && !p.is_translation()).collect();
    // Everything the shingling and pairing below read.
    // With whether each was known.
    let hashes: Vec<(u128, bool)> = match cache.as_deref() {
        Some(c) => originals
            .par_iter()
            .map(|p| match c.texts.get(&p.text).and_then(|t| t.body_hash) {
                Some(known) => (known, true),
                None => (body_hash(&p.body), false),
            })
            .collect(),
        None => Vec::new(),
    };
    if let Some(c) = cache.as_deref_mut() {
        // Kept for the next run; texts the in-article pass skipped get an entry of their own.
        for (p, &(hash, _)) in originals.iter().zip(&hashes).filter(|(_, (_, known))| !known) {
            c.texts.get_or_insert_with(&p.text, TextDedup::default).body_hash = Some(hash);
        }
    }
    let hashes: Vec<u128> = hashes.into_iter().map(|(hash, _)| hash).collect();
    let key = cache.as_ref().map(|_| {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(&[u8::from(config.enabled)]);
        h.update(&config.threshold.to_le_bytes());
        h.update(&config.containment.to_le_bytes());
        h.update(&(config.containment_min_words as u64).to_le_bytes());
        for (p, body) in originals.iter().zip(&hashes) {
            for part in [p.rel.as_str(), p.lang.as_str()] {
                h.update(&(part.len() as u64).to_le_bytes());
                h.update(part.as_bytes());
            }
            h.update(&body.to_le_bytes());
        }
        h.digest128()
    });
    // Only articles of one language are compared.
    let groups: Vec<u32> = {
        let mut langs: Vec<&str> = originals.iter().map(|p| p.lang.as_str()).collect();
        langs.sort_unstable();
        langs.dedup();
        originals.iter().map(|p| langs.binary_search(&p.lang.as_str()).map_or(0, |i| i as u32)).collect()
    };
    let previous = cache.as_mut().and_then(|c| c.near.take()).filter(|(k, _)| Some(*k) == key);
    let pass = match previous {
        Some((_, pass)) => pass,
        None => {
            if config.enabled {
                let docs: Vec<near::Doc<'_>> = originals
                    .iter()
                    .zip(&groups)
                    .map(|(p, &group)| near::Doc { text: &p.body, group })
                    .collect();
                let memo = cache.as_mut().map(|c| (&mut c.near_memo, hashes.as_slice()));
                let t = thresholds(config);
                let found = near::similar_pairs_counting_words(&docs, &t, memo);
                without_furniture(&originals, &t, found)
            } else {
                let words = originals.par_iter().map(|p| near::word_count(&p.body)).collect();
                NearPass { words, pairs: Vec::new(), ignored: BTreeMap::new(), timings: Vec::new() }
            }
        }
    };
    let mut laps = near::Laps::start();
    // Read again only for articles whose text changed; the others' are taken over with
    // whatever the rules read of them last time.
    let known = |p: &Page| cache.as_deref().and_then(|c| c.texts.get(&p.text)).and_then(|t| t.facts.clone());
    let facts: Vec<facts::Facts<'_>> = originals
        .par_iter()
        .map(|p| match known(p) {
            Some(known) => facts::known(known, p, &p.body, &reading),
            None => facts::of(p, &p.body, &reading),
        })
        .collect();
    laps.lap("facts");
    let (wire, related) = match cache.as_deref_mut() {
        _ if !config.enabled => (Vec::new(), Vec::new()),
        Some(c) => {
            let kept = Arc::new(facts.iter().map(facts::Facts::kept).collect::<Vec<_>>());
            let wire_pairs = wire::candidates(&facts, &groups);
            let wire =
                check_pairs(&kept, wire_pairs, c.wire_checked.take(), |a, b| wire::check(&facts, a, b));
            let related_pairs = related::candidates(&facts, &groups);
            let related = check_pairs(&kept, related_pairs, c.related_checked.take(), |a, b| {
                related::check(&facts, a, b)
            });
            let links = (wire.links(), related.links());
            (c.wire_checked, c.related_checked) = (Some(wire), Some(related));
            links
        }
        None => (wire::links(&facts, &groups), related::links(&facts, &groups)),
    };
    laps.lap("wire versions and same news");
    let articles: Vec<cluster::Article<'_>> = originals
        .iter()
        .zip(&pass.words)
        .zip(&facts)
        .map(|((page, &words), facts)| cluster::Article { page, words, facts })
        .collect();
    let found = cluster::Found { pairs: &pass.pairs, wire: &wire, related: &related };
    let mut report = cluster::resolve(&articles, pages, &found, config.fold_rewrites, diags);
    laps.lap("clusters and stories");
    report.timings = pass.timings.iter().copied().chain(laps.laps).collect();
    // What was left out of the articles that were joined, for `capbrief dedup` to show.
    let joined: std::collections::BTreeSet<&str> = report
        .clusters
        .iter()
        .flat_map(|c| &c.members)
        .chain(report.stories.iter().flat_map(|s| &s.articles))
        .map(String::as_str)
        .collect();
    for (&i, ignored) in &pass.ignored {
        let rel = &originals[i].rel;
        if !ignored.is_empty() && joined.contains(rel.as_str()) {
            report.ignored.insert(rel.clone(), ignored.clone());
        }
    }
    if let (Some(cache), Some(key)) = (cache, key) {
        cache.near = Some((key, pass));
        for (p, f) in originals.iter().zip(&facts) {
            let entry = cache.texts.get_or_insert_with(&p.text, TextDedup::default);
            if entry.facts.is_none() {
                entry.facts = Some(f.kept());
            }
        }
    }
    report
}

/// Compares again, without their furniture, the pairs of texts that were not one story but
/// might be without it (near misses: two copies that different sites framed with their own
/// captions, credits and notices). A pair whose whole texts are already one story, or far from
/// it, is decided on the whole texts: furniture is a few short blocks and cannot change that,
/// and finding it costs far more than comparing. The articles of a cluster with a text so
/// compared are all counted without their furniture, so "most complete body" compares like
/// with like.
fn without_furniture(originals: &[&Page], t: &near::Thresholds, found: near::Found) -> NearPass {
    let near::Found { mut pairs, mut words, near_misses, timings } = found;
    let mut laps = near::Laps::start();
    let mut stripped: BTreeMap<usize, (Vec<u64>, usize, Vec<Ignored>)> = BTreeMap::new();
    let strip = |i: usize| {
        let c = comparable::of(&originals[i].body);
        (near::shingles(&c.text), near::word_count(&c.text), c.ignored)
    };
    let mut wanted: Vec<usize> = near_misses.iter().flat_map(|&(a, b)| [a, b]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    stripped.extend(wanted.into_par_iter().map(|i| (i, strip(i))).collect::<Vec<_>>());
    for (a, b) in near_misses {
        let (Some(x), Some(y)) = (stripped.get(&a), stripped.get(&b)) else { continue };
        let scores = near::scores(&x.0, &y.0);
        if let Some(rule) = t.decide(scores, (x.1, y.1)) {
            pairs.push(near::Pair { a, b, scores, rule, without_furniture: true });
        }
    }
    pairs.sort_by_key(|p| (p.a, p.b));
    // Clusters holding a text compared without furniture: every member counted without it.
    let mut sets = cluster::Sets::new(originals.len());
    for p in &pairs {
        sets.union(p.a, p.b);
    }
    let roots: std::collections::BTreeSet<usize> =
        pairs.iter().filter(|p| p.without_furniture).map(|p| sets.find(p.a)).collect();
    let members: Vec<usize> = if roots.is_empty() {
        Vec::new()
    } else {
        (0..originals.len())
            .filter(|&i| !stripped.contains_key(&i) && roots.contains(&sets.find(i)))
            .collect()
    };
    stripped.extend(members.into_par_iter().map(|i| (i, strip(i))).collect::<Vec<_>>());
    let mut ignored = BTreeMap::new();
    for (i, (_, count, gone)) in stripped {
        if roots.contains(&sets.find(i)) {
            words[i] = count;
            ignored.insert(i, gone);
        }
    }
    laps.lap("furniture of near misses");
    let mut timings = timings;
    timings.extend(laps.laps);
    NearPass { words, pairs, ignored, timings }
}

/// The cross-article thresholds `config` sets.
fn thresholds(config: &DedupConfig) -> near::Thresholds {
    near::Thresholds {
        jaccard: config.threshold,
        containment: config.containment,
        min_words: config.containment_min_words,
    }
}

/// What `capbrief dedup` found, with the time each part took.
#[derive(Debug)]
pub struct Inspection {
    /// The decisions.
    pub report: DedupReport,
    /// Warnings (repeated passages removed, bad `duplicate_of` links).
    pub warnings: Vec<Diagnostic>,
    /// Articles compared across the site.
    pub articles: usize,
    /// Time for the in-article pass.
    pub in_article: Duration,
    /// Time for the cross-article pass.
    pub cross_article: Duration,
    /// Processor time (all threads) for the cross-article pass, where the system reports it:
    /// on a shared machine the wall time above also counts waiting for a core.
    pub cross_article_cpu: Option<Duration>,
}

/// Processor time used by this process so far (Linux `/proc/self/stat`, 10 ms resolution).
pub(crate) fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // The kernel reports USER_HZ ticks, 100 per second on every Linux platform in use.
    Some(Duration::from_millis(ticks * 10))
}

/// Loads a site (drafts too when `drafts`) and runs deduplication without rendering or
/// writing anything.
pub fn inspect(root: &Path, drafts: bool) -> Result<Inspection, Diagnostics> {
    let (config, mut loaded, mut diags) = load(root, drafts)?;
    let start = Instant::now();
    if config.dedup.enabled {
        remove_repeats(&mut loaded.pages, &mut diags);
    }
    let in_article = start.elapsed();
    let (start, cpu_start) = (Instant::now(), process_cpu_time());
    let mut report = find_duplicates(&loaded.pages, &config, &mut diags);
    let cross_article = start.elapsed();
    let cross_article_cpu = cpu_start.zip(process_cpu_time()).map(|(a, b)| b.saturating_sub(a));
    score_links(&mut report, &loaded.pages);
    let articles = loaded.pages.iter().filter(|p| p.kind == PageKind::Article && !p.is_translation()).count();
    Ok(Inspection {
        report,
        warnings: diags.sorted().into_warnings(),
        articles,
        in_article,
        cross_article,
        cross_article_cpu,
    })
}

/// Fills in both shingle scores of the links that other rules decided (wire versions, the same
/// news, `duplicate_of`), and each cluster's lowest similarity: `capbrief dedup` reports both
/// scores for every link.
fn score_links(report: &mut DedupReport, pages: &[Page]) {
    let by_rel: BTreeMap<&str, &Page> = pages.iter().map(|p| (p.rel.as_str(), p)).collect();
    let mut sets: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    let mut set_of = |rel: &str| -> Vec<u64> {
        sets.entry(rel.to_string())
            .or_insert_with(|| by_rel.get(rel).map(|p| near::shingles(&p.body)).unwrap_or_default())
            .clone()
    };
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    let links = report
        .clusters
        .iter_mut()
        .flat_map(|c| &mut c.links)
        .chain(report.stories.iter_mut().flat_map(|s| &mut s.links));
    for l in links.filter(|l| l.jaccard.is_none()) {
        let s = near::scores(&set_of(&l.a), &set_of(&l.b));
        (l.jaccard, l.containment) = (Some(round(s.jaccard)), Some(round(s.containment)));
    }
    for c in &mut report.clusters {
        c.similarity = c.links.iter().filter_map(|l| l.jaccard).fold(1.0, f64::min);
    }
}

fn load(root: &Path, drafts: bool) -> Result<(Config, content::Loaded, Diagnostics), Diagnostics> {
    let config = Config::load(root)?;
    let mut diags = Diagnostics::new();
    let loaded = content::load(&config, drafts, &mut diags);
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    Ok((config, loaded, diags))
}

/// `capbrief dedup --compare A B`: what every rule sees in two articles and what was
/// decided for them. `a` and `b` are paths as users write them (`content/briefings/x.md`,
/// `briefings/x.md`).
pub fn compare(root: &Path, a: &str, b: &str, drafts: bool) -> Result<String, Diagnostics> {
    let (config, mut loaded, mut diags) = load(root, drafts)?;
    if config.dedup.enabled {
        remove_repeats(&mut loaded.pages, &mut diags);
    }
    let report = find_duplicates(&loaded.pages, &config, &mut diags);
    let originals: Vec<&Page> =
        loaded.pages.iter().filter(|p| p.kind == PageKind::Article && !p.is_translation()).collect();
    let find = |raw: &str| -> Result<&Page, Diagnostics> {
        let rel = raw.trim().trim_start_matches("./").trim_start_matches('/');
        let rel = rel.strip_prefix("content/").unwrap_or(rel);
        originals.iter().copied().find(|p| p.rel == rel).ok_or_else(|| {
            let guess = crate::diag::did_you_mean(rel, originals.iter().map(|p| p.rel.as_str()));
            Diagnostics::from(
                Diagnostic::error(None, format!("`{raw}` is not an article this site compares"))
                    .with_help(match guess {
                        Some(g) => format!("did you mean `content/{g}`? Give paths below the site root; drafts need --drafts"),
                        None => "give the path of an article below the site root, e.g. `content/briefings/foo.md`; drafts need --drafts; translations are never compared".to_string(),
                    }),
            )
        })
    };
    let (pa, pb) = (find(a)?, find(b)?);
    Ok(explain::compare(pa, pb, &config, &report))
}
