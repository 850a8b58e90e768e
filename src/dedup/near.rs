//! The same story across articles: word shingles, MinHash signatures and LSH banding find
//! pairs that resemble each other, a sample of every text's shingles finds texts contained in
//! another, both in time linear in the corpus; exact scores over the shingle sets confirm them.

use super::normal::{fold_into, Folded};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

/// Words per shingle. Five words keep shared stock phrases ("according to people familiar
/// with") from making unrelated stories look alike, while one edited sentence changes only
/// the shingles that touch it.
pub const SHINGLE_WORDS: usize = 5;
/// LSH bands and rows per band. With 48 bands of 4 rows a pair at similarity 0.45 becomes a
/// candidate with probability 1 - (1 - 0.45^4)^48 ≈ 0.87, at 0.5 ≈ 0.955, at 0.6 ≈ 0.998,
/// and at 0.1 ≈ 0.005: the default threshold of 0.5 sits where candidates are near certain
/// while unrelated articles (0.1 and below) rarely need an exact comparison.
pub const BANDS: usize = 48;
/// Rows per LSH band.
pub const ROWS: usize = 4;
const SLOTS: usize = BANDS * ROWS;
/// Above this many members an LSH bucket is compared as a chain instead of all pairs, so a
/// bucket of boilerplate pages cannot make the work quadratic.
const MAX_BUCKET_PAIRS: usize = 24;

/// One article to compare.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    /// The text (Markdown body).
    pub text: &'a str,
    /// Only documents of the same group are compared (the language).
    pub group: u32,
}

/// One shingle in this many is kept in a text's sample (Broder's "mod m" sample): the share
/// of one text's sampled shingles found in another's estimates how much of the first the
/// second contains, whatever their lengths, which a MinHash signature cannot. One in eight
/// gives a 40-word text about five samples, and a text 80 % contained in another shares at
/// least one of them with probability 0.98.
const SAMPLE_ONE_IN: u64 = 8;
/// Above this many members a bucket of the sample index is left out: a shingle in many texts
/// is boilerplate ("did not immediately respond to a request for comment"), not evidence of
/// copying. Copies of a story carried more often than this still resemble each other and are
/// found through the LSH bands.
const MAX_SAMPLE_BUCKET: usize = 16;
/// A text with fewer samples than this is compared exactly whenever it shares one with
/// another through the sample index: its sample is too small to estimate from.
const SMALL_SAMPLE: usize = 8;

/// How far below `dedup.threshold` two texts' Jaccard similarity may be for their furniture
/// to be worth leaving out and comparing again.
pub const FURNITURE_JACCARD: f64 = 0.2;
/// How far below `dedup.containment` containment may be for the same.
pub const FURNITURE_CONTAINMENT: f64 = 0.35;

/// When two documents are one story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Jaccard similarity of the shingle sets (`dedup.threshold`).
    pub jaccard: f64,
    /// Share of the shorter text's shingles found in the longer one (`dedup.containment`).
    pub containment: f64,
    /// Words the shorter text needs for containment to count (`dedup.containment_min_words`):
    /// a two-line page is contained in every article that repeats its two lines.
    pub min_words: usize,
}

impl Thresholds {
    /// Resemblance alone, as `dedup.threshold` means it; containment never decides.
    pub fn jaccard(threshold: f64) -> Thresholds {
        Thresholds { jaccard: threshold, containment: f64::INFINITY, min_words: usize::MAX }
    }

    /// Whether two texts these scores do not make one story might become one with their
    /// furniture left out: furniture is a few short blocks, so it can lift Jaccard similarity
    /// by up to [`FURNITURE_JACCARD`] and containment by up to [`FURNITURE_CONTAINMENT`] (a
    /// caption above two paragraphs is a third of a short page).
    pub fn near_miss(&self, scores: Scores, words: (usize, usize)) -> bool {
        self.decide(scores, words).is_none()
            && (scores.jaccard >= self.jaccard - FURNITURE_JACCARD
                || (words.0.min(words.1) >= self.min_words / 2
                    && scores.containment >= self.containment - FURNITURE_CONTAINMENT))
    }

    /// Which rule, if any, makes two texts with these scores and word counts one story.
    pub fn decide(&self, scores: Scores, words: (usize, usize)) -> Option<Rule> {
        if scores.jaccard >= self.jaccard && scores.jaccard > 0.0 {
            Some(Rule::Resemblance)
        } else if words.0.min(words.1) >= self.min_words && scores.containment >= self.containment {
            Some(Rule::Containment)
        } else {
            None
        }
    }
}

/// Which measure made two texts one story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Jaccard similarity at or above `dedup.threshold`.
    Resemblance,
    /// The shorter text mostly contained in the longer (a shorter cut, a first take).
    Containment,
}

/// Exact scores of two shingle sets.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// Shared shingles over all shingles of either: `|A∩B| / |A∪B|`.
    pub jaccard: f64,
    /// Shared shingles over the smaller set: `|A∩B| / min(|A|, |B|)`.
    pub containment: f64,
}

/// Two documents (indices into the input) that are one story, with their exact scores and
/// the rule that decided.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    /// The first document.
    pub a: usize,
    /// The second document (`a < b`).
    pub b: usize,
    /// Both scores.
    pub scores: Scores,
    /// What decided.
    pub rule: Rule,
    /// Whether the scores are of the texts without their furniture (compared again after a
    /// near miss).
    pub without_furniture: bool,
}

/// The set of shingle hashes of a text, sorted, without repeats.
pub fn shingles(text: &str) -> Vec<u64> {
    let mut out = shingle_list(text).0;
    sort_set(&mut out);
    out
}

/// The shingle hashes of a text in text order (repeats included), and its number of words.
pub fn shingle_list(text: &str) -> (Vec<u64>, usize) {
    let words = word_hashes(text);
    let list = if words.len() < SHINGLE_WORDS {
        // A very short text is one shingle of all its words.
        if words.is_empty() {
            Vec::new()
        } else {
            vec![combine(&words)]
        }
    } else {
        words.windows(SHINGLE_WORDS).map(combine).collect()
    };
    (list, words.len())
}

/// Sorts a shingle list into a set.
pub fn sort_set(list: &mut Vec<u64>) {
    list.sort_unstable();
    list.dedup();
}

/// The hash of each normalised word of `text`, in order: the words
/// [`super::normal::normalize`] finds, hashed as they are folded rather than from a
/// normalised copy of the text (this is the hot loop of cross-article detection).
fn word_hashes(text: &str) -> Vec<u64> {
    let mut words =
        WordHashes { hashes: Vec::with_capacity(text.len() / 5), current: FNV_OFFSET, in_word: false };
    fold_into(text, &mut words);
    if words.in_word {
        words.hashes.push(mix(words.current));
    }
    words.hashes
}

/// Folded words, each hashed with FNV-1a over its UTF-8 bytes and finalised with [`mix`]:
/// stable across runs and platforms, unlike std's hasher.
struct WordHashes {
    hashes: Vec<u64>,
    /// FNV-1a state of the word being folded.
    current: u64,
    in_word: bool,
}

impl Folded for WordHashes {
    fn push_ascii(&mut self, b: u8) {
        self.current = (self.current ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        self.in_word = true;
    }
    fn push_char(&mut self, c: char) {
        for &b in c.encode_utf8(&mut [0; 4]).as_bytes() {
            self.current = (self.current ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
        self.in_word = true;
    }
    fn word_break(&mut self) {
        self.hashes.push(mix(self.current));
        (self.current, self.in_word) = (FNV_OFFSET, false);
    }
    fn is_empty(&self) -> bool {
        self.hashes.is_empty() && !self.in_word
    }
}

/// How many values two sorted, repeat-free lists share.
fn common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// Exact Jaccard similarity of two sorted, repeat-free sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    scores(a, b).jaccard
}

/// Exact Jaccard similarity and containment of two sorted, repeat-free sets.
pub fn scores(a: &[u64], b: &[u64]) -> Scores {
    if a.is_empty() || b.is_empty() {
        return Scores::default();
    }
    let c = common(a, b);
    Scores {
        jaccard: c as f64 / (a.len() + b.len() - c) as f64,
        containment: c as f64 / a.len().min(b.len()) as f64,
    }
}

/// Every pair of documents that `thresholds` makes one story, sorted.
pub fn similar_pairs(docs: &[Doc<'_>], thresholds: &Thresholds) -> Vec<Pair> {
    similar_pairs_counting_words(docs, thresholds, None).pairs
}

/// What comparing documents found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    /// Pairs that are one story, sorted.
    pub pairs: Vec<Pair>,
    /// Words of each document.
    pub words: Vec<usize>,
    /// Pairs that are not one story but might be without their furniture
    /// ([`Thresholds::near_miss`]), sorted.
    pub near_misses: Vec<(usize, usize)>,
    /// Time each step took.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Times the steps of a pass, one after another: processor time of the whole process where
/// the system reports it (on a shared machine wall time also counts waiting for a core),
/// else wall time.
#[derive(Debug)]
pub(crate) struct Laps {
    clock: std::time::Instant,
    cpu: Option<std::time::Duration>,
    pub(crate) laps: Vec<(&'static str, std::time::Duration)>,
}

impl Laps {
    pub(crate) fn start() -> Laps {
        Laps { clock: std::time::Instant::now(), cpu: super::process_cpu_time(), laps: Vec::new() }
    }

    /// Records the time since the last lap as `name`.
    pub(crate) fn lap(&mut self, name: &'static str) {
        let cpu = super::process_cpu_time();
        let spent = match (self.cpu, cpu) {
            (Some(before), Some(now)) => now.saturating_sub(before),
            _ => self.clock.elapsed(),
        };
        self.laps.push((name, spent));
        (self.clock, self.cpu) = (std::time::Instant::now(), cpu);
    }
}

/// What a comparison worked out per text, for a session that compares the same corpus again
/// after an edit (the preview server): each text's sketch, and the shingle sets of the texts
/// that needed an exact comparison, by a hash of the text. Only the entries of the last
/// comparison's texts are kept.
#[derive(Debug, Default)]
pub struct NearMemo {
    sketches: HashMap<u128, Arc<Sketch>, Xxh3DefaultBuilder>,
    sets: HashMap<u128, Arc<Vec<u64>>, Xxh3DefaultBuilder>,
    /// How many sets were kept after stale ones last went.
    sets_kept: usize,
    /// The last comparison's candidate pairs and what checking each gave.
    checked: Option<Checked>,
    /// The last comparison's band keys and sample keys, sorted, with the texts and groups
    /// they were made for: when only a few texts changed, their keys are replaced instead of
    /// sorting every key again.
    bands: Option<KeyIndex>,
    samples: Option<KeyIndex>,
}

/// The candidate pairs of one comparison (sorted) and, by candidate, the exact scores of the
/// pair when its sketches were alike enough to compute them; with the texts and thresholds
/// they were checked for. Both depend only on the pair's two texts.
#[derive(Debug)]
struct Checked {
    hashes: Vec<u128>,
    thresholds: Thresholds,
    candidates: Vec<(u32, u32)>,
    scores: Vec<Option<Scores>>,
}

/// Keys of every document, sorted, for the documents and groups they were made for.
#[derive(Debug)]
struct KeyIndex {
    hashes: Vec<u128>,
    groups: Vec<u32>,
    keys: Vec<(u64, u32)>,
}

/// Changed texts up to which the sorted keys are patched rather than made again.
const PATCH_LIMIT: usize = 64;

/// The band keys of document `doc`: one per band, the band's rows hashed with its index
/// and the document's group (so only documents of one group can share a key).
fn band_keys(doc: usize, group: u32, sketch: &Sketch) -> impl Iterator<Item = (u64, u32)> + '_ {
    sketch.signature.iter().flat_map(move |sig| {
        (0..BANDS).map(move |band| {
            let rows = &sig[band * ROWS..(band + 1) * ROWS];
            let mut h = mix(band as u64 ^ (u64::from(group) << 32));
            for &r in rows {
                h = mix(h ^ r);
            }
            (h, doc as u32)
        })
    })
}

/// The sample keys of document `doc`: each sampled shingle hashed with the group.
fn sample_keys(doc: usize, group: u32, sketch: &Sketch) -> impl Iterator<Item = (u64, u32)> + '_ {
    let salt = mix(u64::from(group) ^ 0x5a4d_5350_4c45_0000);
    sketch.samples.iter().map(move |&s| (mix(s ^ salt), doc as u32))
}

/// Every document's keys, sorted: from the last comparison's when the documents are the same
/// but for a few changed texts, else made again.
fn sorted_keys<'s, I>(
    sketches: &[&'s Sketch],
    groups: &[u32],
    hashes: &[u128],
    previous: Option<KeyIndex>,
    keys_of: impl Fn(usize, u32, &'s Sketch) -> I + Sync,
) -> Vec<(u64, u32)>
where
    I: Iterator<Item = (u64, u32)> + Send,
{
    let changed: Option<Vec<usize>> = previous
        .as_ref()
        .filter(|b| !hashes.is_empty() && b.hashes.len() == hashes.len() && b.groups == groups)
        .map(|b| (0..hashes.len()).filter(|&i| b.hashes[i] != hashes[i]).collect::<Vec<_>>())
        .filter(|changed| changed.len() <= PATCH_LIMIT);
    if let (Some(changed), Some(previous)) = (changed, previous) {
        let mut keys = previous.keys;
        if changed.is_empty() {
            return keys;
        }
        keys.retain(|&(_, doc)| changed.binary_search(&(doc as usize)).is_err());
        let mut added: Vec<(u64, u32)> =
            changed.iter().flat_map(|&doc| keys_of(doc, groups[doc], sketches[doc])).collect();
        added.sort_unstable();
        // Merge two sorted lists.
        let mut merged = Vec::with_capacity(keys.len() + added.len());
        let (mut a, mut b) = (keys.into_iter().peekable(), added.into_iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if y < x => b.next(),
                (Some(_), _) => a.next(),
                (None, _) => b.next(),
            };
            match next {
                Some(k) => merged.push(k),
                None => break,
            }
        }
        return merged;
    }
    let mut keys: Vec<(u64, u32)> = sketches
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, sketch)| keys_of(doc, groups.get(doc).copied().unwrap_or(0), sketch))
        .collect();
    keys.par_sort_unstable();
    keys
}

/// The pairs of documents that share enough sampled shingles, through buckets of at most
/// [`MAX_SAMPLE_BUCKET`] members, to be worth estimating: a share of the smaller sample of at
/// least a quarter of `containment` (any when either sample is small).
fn sample_pairs(keys: &[(u64, u32)], sizes: &[usize], containment: f64, out: &mut Vec<(u32, u32)>) {
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for bucket in keys.chunk_by(|x, y| x.0 == y.0) {
        if bucket.len() < 2 || bucket.len() > MAX_SAMPLE_BUCKET {
            continue;
        }
        for (k, x) in bucket.iter().enumerate() {
            for y in &bucket[k + 1..] {
                pairs.push((x.1.min(y.1), x.1.max(y.1)));
            }
        }
    }
    pairs.par_sort_unstable();
    for run in pairs.chunk_by(|x, y| x == y) {
        let (a, b) = run[0];
        let smaller = sizes[a as usize].min(sizes[b as usize]);
        let enough = smaller < SMALL_SAMPLE || run.len() as f64 >= containment / 4.0 * smaller as f64;
        if a != b && enough {
            out.push((a, b));
        }
    }
}

/// The pairs of documents that share a key: every pair of a bucket up to `max` members, a
/// chain through larger ones (each member against the first and against its neighbour:
/// linear, and a cluster held together by the bucket still ends up connected).
fn bucket_pairs(keys: &[(u64, u32)], max: usize, out: &mut Vec<(u32, u32)>) {
    for bucket in keys.chunk_by(|x, y| x.0 == y.0) {
        if bucket.len() < 2 {
            continue;
        }
        if bucket.len() <= max {
            for (k, x) in bucket.iter().enumerate() {
                for y in &bucket[k + 1..] {
                    out.push((x.1.min(y.1), x.1.max(y.1)));
                }
            }
        } else {
            for w in bucket.windows(2) {
                out.push((bucket[0].1.min(w[1].1), bucket[0].1.max(w[1].1)));
                out.push((w[0].1.min(w[1].1), w[0].1.max(w[1].1)));
            }
        }
    }
}

/// What the comparison keeps of a text: its MinHash signature (`None` when it has no
/// words), its number of words, and its sample of shingles.
#[derive(Debug)]
struct Sketch {
    signature: Option<[u64; SLOTS]>,
    words: usize,
    /// The sampled shingles, sorted, without repeats.
    samples: Box<[u64]>,
}

fn is_sampled(shingle: u64) -> bool {
    shingle % SAMPLE_ONE_IN == 0
}

fn sketch(text: &str) -> Sketch {
    let (list, words) = shingle_list(text);
    let mut samples: Vec<u64> = list.iter().copied().filter(|&s| is_sampled(s)).collect();
    sort_set(&mut samples);
    Sketch { signature: signature(&list), words, samples: samples.into_boxed_slice() }
}

/// Whether two sketches may be a text and a shorter one it mostly contains: the shorter
/// has the words containment needs, and shares enough of its sample with the other
/// (half the threshold: the sample of a short text is small, and an unrelated pair shares
/// next to nothing).
fn may_contain(x: &Sketch, y: &Sketch, t: &Thresholds) -> bool {
    if x.words.min(y.words) < t.min_words {
        return false;
    }
    let small = x.samples.len().min(y.samples.len());
    if small == 0 {
        return false;
    }
    let shared = common(&x.samples, &y.samples);
    if small < SMALL_SAMPLE {
        return shared > 0;
    }
    shared as f64 / small as f64 >= t.containment / 2.0
}

/// [`similar_pairs`], the number of words of each document, and the near misses.
///
/// Only a sketch per document is held; the shingle sets of the documents that need an
/// exact comparison are made again afterwards. Memory stays at a few kilobytes per document
/// instead of every document's shingles. With a `memo` (and a hash of each document's text)
/// the results for unchanged texts are taken from it, and it is left holding this run's.
pub fn similar_pairs_counting_words(
    docs: &[Doc<'_>],
    thresholds: &Thresholds,
    memo: Option<(&mut NearMemo, &[u128])>,
) -> Found {
    let (memo, hashes) = match memo {
        Some((memo, hashes)) if hashes.len() == docs.len() => (Some(memo), hashes),
        _ => (None, &[][..]),
    };
    // With whether each was made now.
    let mut laps = Laps::start();
    let sketches: Vec<(Arc<Sketch>, bool)> = docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| match memo.as_ref().and_then(|m| m.sketches.get(&hashes[i])) {
            Some(known) => (known.clone(), false),
            None => (Arc::new(sketch(d.text)), true),
        })
        .collect();
    let sketch_refs: Vec<&Sketch> = sketches.iter().map(|s| &*s.0).collect();
    let words: Vec<usize> = sketch_refs.iter().map(|s| s.words).collect();
    let groups: Vec<u32> = docs.iter().map(|d| d.group).collect();
    let (previous_bands, previous_samples, mut memo) = match memo {
        Some(m) => (m.bands.take(), m.samples.take(), Some(m)),
        None => (None, None, None),
    };
    laps.lap("shingles and sketches");
    let band_index = sorted_keys(&sketch_refs, &groups, hashes, previous_bands, band_keys);
    laps.lap("band keys");
    // Only texts long enough for containment to decide are sampled into the index.
    let min_words = thresholds.min_words;
    let sample_index = sorted_keys(&sketch_refs, &groups, hashes, previous_samples, |doc, group, sketch| {
        let long_enough = sketch.words >= min_words;
        sample_keys(doc, group, sketch).filter(move |_| long_enough)
    });

    laps.lap("sample keys");
    let mut banded: Vec<(u32, u32)> = Vec::new();
    bucket_pairs(&band_index, MAX_BUCKET_PAIRS, &mut banded);
    let sizes: Vec<usize> = sketch_refs.iter().map(|s| s.samples.len()).collect();
    let mut sampled: Vec<(u32, u32)> = Vec::new();
    sample_pairs(&sample_index, &sizes, thresholds.containment, &mut sampled);
    // Both lists, with whether the sample index found each pair (only those may be a text
    // contained in another: the others share too few samples).
    let mut flagged: Vec<((u32, u32), bool)> =
        banded.into_iter().map(|p| (p, false)).chain(sampled.into_iter().map(|p| (p, true))).collect();
    flagged.par_sort_unstable();
    let mut candidates: Vec<(u32, u32)> = Vec::with_capacity(flagged.len());
    let mut from_samples: Vec<bool> = Vec::with_capacity(flagged.len());
    for run in flagged.chunk_by(|x, y| x.0 == y.0) {
        candidates.push(run[0].0);
        from_samples.push(run.iter().any(|(_, s)| *s));
    }
    drop(flagged);
    // What checking each candidate gave the last time, for pairs of texts that are the same
    // as then: all but the few an edit touched.
    laps.lap("candidates");
    let previous = memo
        .as_deref_mut()
        .and_then(|m| m.checked.take())
        .filter(|c| c.hashes.len() == hashes.len() && c.thresholds == *thresholds);
    let known: Vec<Option<Option<Scores>>> = match &previous {
        Some(prev) => {
            let changed: Vec<bool> = prev.hashes.iter().zip(hashes).map(|(a, b)| a != b).collect();
            // Both lists are sorted: walked side by side.
            let mut k = 0;
            candidates
                .iter()
                .map(|&(a, b)| {
                    if changed[a as usize] || changed[b as usize] {
                        return None;
                    }
                    while prev.candidates.get(k).is_some_and(|&c| c < (a, b)) {
                        k += 1;
                    }
                    (prev.candidates.get(k) == Some(&(a, b))).then(|| prev.scores[k])
                })
                .collect()
        }
        None => vec![None; candidates.len()],
    };
    drop(previous);
    // One band in common is weak evidence: the signatures estimate the similarity, and a pair
    // far below the threshold (more than four standard errors) skips the exact comparison.
    let floor = thresholds.jaccard - 0.15;
    let agreeing = (0..=SLOTS).find(|&n| n as f64 / SLOTS as f64 >= floor).unwrap_or(SLOTS + 1);
    // Syndicated copies share many bands: there are far more candidates than documents.
    let compare: Vec<bool> = candidates
        .par_iter()
        .zip(&known)
        .zip(&from_samples)
        .map(|((&(a, b), known), &sampled)| {
            let (x, y) = (sketch_refs[a as usize], sketch_refs[b as usize]);
            known.is_none()
                && a != b
                && (match (&x.signature, &y.signature) {
                    (Some(x), Some(y)) => agree_in_at_least(x, y, agreeing),
                    _ => false,
                } || (sampled && may_contain(x, y, thresholds)))
        })
        .collect();
    let mut needed = vec![false; docs.len()];
    for (&(a, b), _) in candidates.iter().zip(&compare).filter(|(_, &c)| c) {
        needed[a as usize] = true;
        needed[b as usize] = true;
    }
    let sets: Vec<Option<Arc<Vec<u64>>>> = docs
        .par_iter()
        .enumerate()
        .zip(needed.par_iter())
        .map(|((i, d), &n)| {
            n.then(|| {
                let known = memo.as_ref().and_then(|m| m.sets.get(&hashes[i]));
                known.cloned().unwrap_or_else(|| Arc::new(shingles(d.text)))
            })
        })
        .collect();
    // By candidate: its exact scores, if the sketches let it that far.
    let checked: Vec<Option<Scores>> = candidates
        .par_iter()
        .zip(&compare)
        .zip(&known)
        .map(|((&(a, b), &compare), known)| match known {
            Some(known) => *known,
            None if compare => Some(scores(sets[a as usize].as_deref()?, sets[b as usize].as_deref()?)),
            None => None,
        })
        .collect();
    // The candidates are sorted, and so are the pairs.
    laps.lap("exact scores");
    let mut pairs: Vec<Pair> = Vec::new();
    let mut near_misses = Vec::new();
    for (&(a, b), &s) in candidates.iter().zip(&checked) {
        let (Some(s), a, b) = (s, a as usize, b as usize) else { continue };
        match thresholds.decide(s, (words[a], words[b])) {
            Some(rule) => pairs.push(Pair { a, b, scores: s, rule, without_furniture: false }),
            None if thresholds.near_miss(s, (words[a], words[b])) => near_misses.push((a, b)),
            None => {}
        }
    }
    if let Some(memo) = memo {
        // Sets are kept by text like sketches, for the comparisons an edit makes again.
        for (&hash, set) in hashes.iter().zip(sets) {
            if let Some(set) = set {
                memo.sets.entry(hash).or_insert(set);
            }
        }
        if memo.sets.len() > memo.sets_kept + crate::content::STALE_ALLOWANCE {
            let live: std::collections::HashSet<u128> = hashes.iter().copied().collect();
            memo.sets.retain(|hash, _| live.contains(hash));
            memo.sets_kept = memo.sets.len();
        }
        memo.checked =
            Some(Checked { hashes: hashes.to_vec(), thresholds: *thresholds, candidates, scores: checked });
        memo.bands = Some(KeyIndex { hashes: hashes.to_vec(), groups: groups.clone(), keys: band_index });
        memo.samples = Some(KeyIndex { hashes: hashes.to_vec(), groups, keys: sample_index });
        // Sketches are kept by the text they were made from: one of an old text is never
        // wrong, only kept too long, and they go once a few have gathered.
        for (&hash, (sketch, made)) in hashes.iter().zip(sketches) {
            if made {
                memo.sketches.insert(hash, sketch);
            }
        }
        if memo.sketches.len() > hashes.len() + crate::content::STALE_ALLOWANCE {
            let live: std::collections::HashSet<u128> = hashes.iter().copied().collect();
            memo.sketches.retain(|hash, _| live.contains(hash));
        }
    }
    Found { pairs, words, near_misses, timings: laps.laps }
}

/// The number of words of a text, as the comparison counts them.
pub fn word_count(text: &str) -> usize {
    word_hashes(text).len()
}

/// A MinHash signature by one-permutation hashing: each shingle hashed once into one of
/// `SLOTS` bins, the minimum kept per bin; empty bins borrow from the next full bin (rotation
/// densification), so short texts still get a full signature. `None` for an empty set.
fn signature(set: &[u64]) -> Option<[u64; SLOTS]> {
    if set.is_empty() {
        return None;
    }
    let mut sig = [u64::MAX; SLOTS];
    let mut filled = [false; SLOTS];
    for &s in set {
        let h = mix(s ^ 0x9e37_79b9_7f4a_7c15);
        let bin = (((h >> 32) * SLOTS as u64) >> 32) as usize;
        let v = h & 0xffff_ffff;
        if v < sig[bin] {
            sig[bin] = v;
        }
        filled[bin] = true;
    }
    for bin in 0..SLOTS {
        if filled[bin] {
            continue;
        }
        let mut step = 1;
        while !filled[(bin + step) % SLOTS] {
            step += 1;
        }
        let donor = (bin + step) % SLOTS;
        sig[bin] = mix(sig[donor] ^ (step as u64).wrapping_mul(0x2545_f491_4f6c_dd1d)) | (1 << 40);
    }
    Some(sig)
}

/// Whether two signatures agree in at least `needed` slots. Counted a band group at a time,
/// it stops once the slots left cannot make up the difference: most candidates are unrelated
/// articles that met in one band, and at 100,000 articles they outnumber documents 17 to 1.
fn agree_in_at_least(x: &[u64; SLOTS], y: &[u64; SLOTS], needed: usize) -> bool {
    const STEP: usize = SLOTS / 4;
    let mut same = 0;
    for (k, (a, b)) in x.chunks_exact(STEP).zip(y.chunks_exact(STEP)).enumerate() {
        same += a.iter().zip(b).filter(|(p, q)| p == q).count();
        let left = SLOTS - (k + 1) * STEP;
        if same >= needed {
            return true;
        }
        if same + left < needed {
            return false;
        }
    }
    false
}

/// A 64-bit finaliser (SplitMix64): spreads every input bit over the output.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// One hash for a window of word hashes; word order matters.
fn combine(words: &[u64]) -> u64 {
    let mut h = 0x51_7cc1_b727_220a_u64;
    for (i, &w) in words.iter().enumerate() {
        h ^= w.rotate_left((i as u32 * 13) % 64);
    }
    mix(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIXTY: Thresholds = Thresholds { jaccard: 0.6, containment: 0.7, min_words: 40 };

    fn story(seed: u64, paragraphs: usize) -> String {
        // Deterministic filler: different seeds give different word sequences.
        let words = [
            "capex", "data", "centre", "gpu", "power", "cloud", "billion", "plan", "chips", "grid",
            "cooling", "land", "servers", "analysts", "filing", "quarter",
        ];
        let mut x = seed;
        let mut out = String::new();
        for _ in 0..paragraphs {
            for _ in 0..60 {
                x = mix(x);
                out.push_str(words[(x % words.len() as u64) as usize]);
                out.push(' ');
            }
            out.push_str("\n\n");
        }
        out
    }

    /// FNV-1a over bytes, finalised: what [`WordHashes`] makes of each word.
    fn hash_bytes(bytes: &[u8]) -> u64 {
        let mut h = FNV_OFFSET;
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
        mix(h)
    }

    #[test]
    fn word_hashes_are_the_hashes_of_the_normalised_words() {
        let samples = [
            "Meta's $65 billion, 1.5x; 1,000 GPUs -- in Q4.",
            "a  b\n\nc",
            "x.y 3.",
            "🚀 ok",
            "",
            "Curly “quotes” — dashes… and café’s 1.5 € figure; ¿Qué? «Sí» 12.5%",
            "1\u{b}2 and 3\u{a0}4 and ١٫٥ and 2\u{2009}000",
            "İstanbul STRASSE Straße ǅ",
            "ＡＢＣ ﬁnance caf\u{e9} cafe\u{301}",
        ];
        let mixtures = crate::dedup::normal::tests::mixtures(
            "aZ09 .,:-'$%\n\t\u{b}·\u{a0}\u{2009}é٥١٫阿，🚀\u{301}ＡÅİ€“",
            17,
            0x9e37_79b9_7f4a_7c15,
        );
        for text in samples.iter().copied().chain(mixtures.iter().map(String::as_str)) {
            let normalised: Vec<u64> = super::super::normal::normalize(text)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| hash_bytes(w.as_bytes()))
                .collect();

            assert_eq!(word_hashes(text), normalised, "{text:?}");
        }
    }

    #[test]
    fn signatures_agree_counted_to_the_end_or_cut_short_the_same() {
        let x: [u64; SLOTS] = std::array::from_fn(|i| i as u64);
        for same in [0, 1, 47, 48, 67, 68, 96, 143, 144, 145, 191, 192] {
            // `same` agreeing slots, spread over the signature.
            let y: [u64; SLOTS] =
                std::array::from_fn(|i| if (i * 7919) % SLOTS < same { i as u64 } else { u64::MAX });
            let counted = x.iter().zip(&y).filter(|(p, q)| p == q).count();
            assert_eq!(counted, same);
            for needed in [0, 1, 48, 67, 68, 69, 144, 192, 193] {
                assert_eq!(agree_in_at_least(&x, &y, needed), counted >= needed, "{same} {needed}");
            }
        }
    }

    #[test]
    fn jaccard_of_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(jaccard(&[1], &[1]), 1.0);
    }

    #[test]
    fn finds_near_copies_and_leaves_different_stories() {
        let a = story(1, 12);
        let mut b = a.clone();
        b.push_str(&story(99, 1)); // one paragraph added
        let c = story(2, 12);
        let docs = [Doc { text: &a, group: 0 }, Doc { text: &b, group: 0 }, Doc { text: &c, group: 0 }];
        let pairs = similar_pairs(&docs, &Thresholds::jaccard(0.6));
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        assert_eq!((pairs[0].a, pairs[0].b), (0, 1));
        assert!(pairs[0].scores.jaccard > 0.85, "{pairs:?}");
    }

    #[test]
    fn a_memo_gives_the_same_results_after_an_edit() {
        // Twenty stories, each twice: twenty pairs.
        let texts: Vec<String> = (0..40).map(|i| story(i / 2, 6)).collect();
        let mut edited = texts.clone();
        edited[3] = story(77, 6); // breaks a pair
        edited[10].push_str(&story(5, 1)); // keeps one, a little less alike
        fn docs(t: &[String]) -> Vec<Doc<'_>> {
            t.iter().map(|text| Doc { text, group: 0 }).collect()
        }
        let hashes = |t: &[String]| t.iter().map(|text| super::super::body_hash(text)).collect::<Vec<_>>();
        let mut memo = NearMemo::default();
        let before =
            similar_pairs_counting_words(&docs(&texts), &SIXTY, Some((&mut memo, &hashes(&texts)))).pairs;
        assert_eq!(before.len(), 20);
        assert_eq!(memo.sketches.len(), 20, "one entry per distinct text");
        let with_memo =
            similar_pairs_counting_words(&docs(&edited), &SIXTY, Some((&mut memo, &hashes(&edited))));
        let without = similar_pairs_counting_words(&docs(&edited), &SIXTY, None);
        let results = |f: &Found| (f.pairs.clone(), f.words.clone(), f.near_misses.clone());
        assert_eq!(results(&with_memo), results(&without));
        assert_eq!(with_memo.pairs.len(), 19);
        // The pairs of unchanged texts were taken from the last check, not compared again.
        let checked = memo.checked.as_ref().map_or(0, |c| c.candidates.len());
        assert!(checked >= 19, "{checked} candidates kept");
        // Only two texts changed: their band keys were patched into the last ones.
        let mut fresh = NearMemo::default();
        similar_pairs_counting_words(&docs(&edited), &SIXTY, Some((&mut fresh, &hashes(&edited))));
        let keys = |m: &NearMemo| m.bands.as_ref().map(|b| b.keys.clone()).unwrap_or_default();
        assert!(!keys(&fresh).is_empty());
        assert_eq!(keys(&memo), keys(&fresh), "patched band keys are the keys made afresh");
        let samples = |m: &NearMemo| m.samples.as_ref().map(|b| b.keys.clone()).unwrap_or_default();
        assert!(!samples(&fresh).is_empty());
        assert_eq!(samples(&memo), samples(&fresh), "patched sample keys are the keys made afresh");
        // An edit back: the pair it breaks is whole again.
        let again = similar_pairs_counting_words(&docs(&texts), &SIXTY, Some((&mut memo, &hashes(&texts))));
        assert_eq!(results(&again), results(&similar_pairs_counting_words(&docs(&texts), &SIXTY, None)));
        assert_eq!(again.pairs.len(), 20);
    }

    #[test]
    fn groups_are_never_compared() {
        let a = story(1, 5);
        let docs = [Doc { text: &a, group: 0 }, Doc { text: &a, group: 1 }];
        assert!(similar_pairs(&docs, &SIXTY).is_empty());
    }

    #[test]
    fn empty_and_tiny_texts() {
        let docs = [
            Doc { text: "", group: 0 },
            Doc { text: "", group: 0 },
            Doc { text: "Hi", group: 0 },
            Doc { text: "hi!", group: 0 },
        ];
        let pairs = similar_pairs(&docs, &SIXTY);
        let same = Scores { jaccard: 1.0, containment: 1.0 };
        assert_eq!(
            pairs,
            vec![Pair { a: 2, b: 3, scores: same, rule: Rule::Resemblance, without_furniture: false }]
        );
    }

    #[test]
    fn a_big_bucket_stays_linear() {
        let same = "the same boilerplate text on every page of the site";
        let docs: Vec<Doc<'_>> = (0..3000).map(|_| Doc { text: same, group: 0 }).collect();
        let pairs = similar_pairs(&docs, &SIXTY);
        assert!(pairs.len() < 3000 * 3, "{}", pairs.len());
        assert!(pairs.len() >= 2999);
    }
}
