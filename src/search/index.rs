//! Building one language's index files from its briefings: terms with their postings cut
//! into sorted chunks, briefings into shards, facet values into one table. The output
//! depends on the briefings alone (sorted, no hash order, no clock).

use super::text::{self, Lang, Terms};
use super::{Doc, INDEX_DIR};
use crate::output::{OutputBody, OutputFile};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, PoisonError};
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

/// A term chunk is closed once it holds this many bytes (a term's postings are never split:
/// a word found in every briefing makes one larger chunk).
const CHUNK_BYTES: usize = 24 * 1024;
/// Past this many bytes, a chunk is closed after a term whose hash is a multiple of
/// [`CUT_ODDS`]: where chunks end depends on the terms near the end, not on every term
/// before them, so an edit that changes one term's postings changes that term's chunk and
/// not every chunk after it (the dev server writes the others again from memory).
const MIN_CHUNK_BYTES: usize = 16 * 1024;
const CUT_ODDS: u64 = 32;
/// Briefings per shard of `d/`: a page of ten results fetches at most ten shards (of at most
/// 8 × 3,000 characters of text).
const SHARD_DOCS: usize = 8;
/// The excerpt is taken from at most this much of a briefing's text.
const TEXT_CHARS: usize = 3000;
/// Terms are taken from at most this much of it: far more than any briefing, and a bound on
/// the time a pathological file (a 50 MB article) takes.
const INDEXED_BYTES: usize = 256 * 1024;
/// What one occurrence of a term is worth, by where it is.
const TITLE_WEIGHT: u32 = 10;
const KEYWORD_WEIGHT: u32 = 5;

/// What the index came to, for `--timings` and the benchmark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Briefings indexed, all languages.
    pub docs: usize,
    /// Distinct terms, all languages.
    pub terms: usize,
    /// Files written.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: usize,
}

#[derive(Serialize)]
struct Meta<'a> {
    v: u32,
    lang: &'a str,
    docs: usize,
    shard: usize,
    chunks: Vec<String>,
    facets: Facets,
}

#[derive(Serialize, Default)]
struct Facets {
    company: Vec<String>,
    ticker: Vec<String>,
    tag: Vec<String>,
    year: Vec<String>,
}

#[derive(Serialize)]
struct ShardDoc<'a> {
    /// URL.
    u: &'a str,
    /// Title.
    t: &'a str,
    /// Date as shown.
    d: &'a str,
    /// Companies, as shown.
    c: String,
    /// Text for the excerpt.
    x: String,
}

/// One briefing's terms (numbers into the [`TermTable`], each once, with its weight) and
/// text, worked out on any thread.
#[derive(Debug)]
struct Prepared {
    text: String,
    terms: Vec<(u32, u32)>,
}

/// Every term the index has met, numbered, so that a term is stored once however many
/// briefings hold it (a briefing's terms are numbers). Numbers are handed out in whatever
/// order the threads meet the terms; the output never shows them: terms are written in
/// their sorted order.
#[derive(Debug, Default)]
pub(super) struct TermTable {
    ids: HashMap<Box<str>, u32, Xxh3DefaultBuilder>,
    terms: Vec<Box<str>>,
}

impl TermTable {
    fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(term.into());
        self.ids.insert(term.into(), id);
        id
    }
}

/// One thread's way into the shared [`TermTable`] for one language: each distinct word it
/// meets is stemmed and looked up there once.
struct Interner<'t> {
    table: &'t Mutex<TermTable>,
    stemmed: HashMap<Box<str>, u32, Xxh3DefaultBuilder>,
    exact: HashMap<Box<str>, u32, Xxh3DefaultBuilder>,
}

impl<'t> Interner<'t> {
    fn new(table: &'t Mutex<TermTable>) -> Self {
        Interner { table, stemmed: HashMap::default(), exact: HashMap::default() }
    }

    fn shared(&self, term: &str) -> u32 {
        self.table.lock().unwrap_or_else(PoisonError::into_inner).id(term)
    }
}

impl Terms for Interner<'_> {
    type Term = u32;

    fn stemmed(&mut self, lang: Lang, word: &str) -> u32 {
        if let Some(&id) = self.stemmed.get(word) {
            return id;
        }
        let id = self.shared(&lang.stem(word));
        self.stemmed.insert(word.into(), id);
        id
    }

    fn exact(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.exact.get(term) {
            return id;
        }
        let id = self.shared(term);
        self.exact.insert(term.into(), id);
        id
    }
}

/// One thread's tally of a briefing's term weights: where each term already sits in the
/// briefing's list, marked with the briefing it was seen for (no clearing between them).
#[derive(Default)]
struct Tally {
    seen: Vec<(u32, u32)>,
    briefing: u32,
}

impl Tally {
    fn start(&mut self) {
        self.briefing = self.briefing.wrapping_add(1);
        if self.briefing == 0 {
            self.seen.clear();
            self.briefing = 1;
        }
    }

    fn add(&mut self, terms: &mut Vec<(u32, u32)>, id: u32, weight: u32) {
        let at = id as usize;
        if at >= self.seen.len() {
            self.seen.resize(at + 1, (0, 0));
        }
        let (briefing, slot) = &mut self.seen[at];
        match terms.get_mut(*slot as usize) {
            Some((_, sum)) if *briefing == self.briefing => *sum = sum.saturating_add(weight),
            _ => {
                *briefing = self.briefing;
                *slot = terms.len() as u32;
                terms.push((id, weight));
            }
        }
    }
}

fn prepare(doc: &Doc, lang: Lang, interner: &mut Interner<'_>, tally: &mut Tally) -> Prepared {
    tally.start();
    let mut terms = Vec::new();
    text::index_terms(&doc.title, lang, interner, |t| tally.add(&mut terms, t, TITLE_WEIGHT));
    for k in doc.companies.iter().chain(&doc.tickers).chain(&doc.aliases).chain(&doc.tags) {
        text::index_terms(k, lang, interner, |t| tally.add(&mut terms, t, KEYWORD_WEIGHT));
    }
    // Markdown past the indexed length is not even parsed.
    let body: &str = &doc.body;
    let mut md_end = body.len().min(4 * INDEXED_BYTES);
    while !body.is_char_boundary(md_end) {
        md_end -= 1;
    }
    let plain = super::plain_text(&body[..md_end]);
    let mut end = plain.len().min(INDEXED_BYTES);
    while !plain.is_char_boundary(end) {
        end -= 1;
    }
    text::index_terms(&plain[..end], lang, interner, |t| tally.add(&mut terms, t, 1));
    terms.shrink_to_fit();
    let mut text = plain;
    if text.len() > TEXT_CHARS {
        let mut cut = TEXT_CHARS;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[..cut].rfind(' ').unwrap_or(cut);
        text.truncate(cut);
    }
    Prepared { text, terms }
}

/// Base 36, the postings' digits.
fn base36(mut n: u64, out: &mut String) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 16];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| b as char));
}

/// What the dev server keeps between indexes: each briefing's terms and text by a hash of
/// everything they are made from (its search document), so an index after one edit prepares
/// one briefing again, and each language's postings, term chunks and shards, so that it
/// rewrites only the postings of the briefings whose documents changed and the chunks and
/// shards that hold them.
#[derive(Debug, Default)]
pub(super) struct KeptTerms {
    by_key: HashMap<u128, Arc<Prepared>, Xxh3DefaultBuilder>,
    /// The numbers the kept briefings' terms refer to.
    table: TermTable,
    /// Each language's last index, by language code.
    languages: HashMap<String, KeptLanguage>,
}

/// One language's last index, in the form an edit updates.
#[derive(Debug, Default)]
struct KeptLanguage {
    /// The key of each briefing's document, in index order (a briefing's number is its place).
    docs: Vec<u128>,
    /// Their terms and text, in the same order.
    prepared: Vec<Arc<Prepared>>,
    /// By term number: (briefing, weight), briefings in order.
    postings: Vec<Vec<(u32, u32)>>,
    /// By term number: the length of the term's line in a chunk (0 for a term without
    /// postings).
    line_len: Vec<usize>,
    /// The numbers of the terms with postings, in the order of the terms.
    sorted: Vec<u32>,
    /// Each term chunk by the key of the terms it holds ([`terms_key`]), with its first term.
    chunks: HashMap<u128, KeptChunk, Xxh3DefaultBuilder>,
    /// Each shard of briefings by the key of its documents.
    shards: HashMap<u128, Arc<Vec<u8>>, Xxh3DefaultBuilder>,
}

/// A term chunk's bytes and its first term.
type KeptChunk = (Arc<Vec<u8>>, Arc<str>);

fn doc_key(d: &Doc) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [&d.lang, &d.title, &d.url, &d.date, &d.date_iso] {
        h.update(part.as_bytes());
        h.update(&[0xff]);
    }
    for list in [&d.companies, &d.tickers, &d.aliases, &d.tags] {
        for item in list {
            h.update(item.as_bytes());
            h.update(&[0xfe]);
        }
        h.update(&[0xff]);
    }
    h.update(d.body.as_bytes());
    h.digest128()
}

/// Key of a run of terms (by number): a chunk's text follows from it while none of the
/// terms' postings changed.
fn terms_key(ids: &[u32]) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&(ids.len() as u64).to_le_bytes());
    for id in ids {
        h.update(&id.to_le_bytes());
    }
    h.digest128()
}

/// Key of a shard: the documents it shows, in order.
fn shard_key(keys: &[u128]) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&(keys.len() as u64).to_le_bytes());
    for key in keys {
        h.update(&key.to_le_bytes());
    }
    h.digest128()
}

/// Every language's index files.
pub(super) fn build<D: std::borrow::Borrow<Doc> + Sync>(
    docs: &[D],
    languages: &[String],
) -> (Vec<OutputFile>, Stats) {
    build_reusing(docs, languages, None)
}

/// [`build`], taking from `kept` each briefing's terms when its document is unchanged and
/// the postings, chunks and shards no changed briefing is in, and leaving this build's in it.
pub(super) fn build_reusing<D: std::borrow::Borrow<Doc> + Sync>(
    docs: &[D],
    languages: &[String],
    kept: Option<&mut KeptTerms>,
) -> (Vec<OutputFile>, Stats) {
    let mut files = Vec::new();
    let mut stats = Stats::default();
    let mut next = KeptTerms::default();
    let mut kept = kept;
    let mut table = kept.as_deref_mut().map(|k| std::mem::take(&mut k.table)).unwrap_or_default();
    for code in languages {
        let mut mine: Vec<&Doc> = docs.iter().map(|d| d.borrow()).filter(|d| d.lang == *code).collect();
        // Newest first: equal scores list the latest briefing first.
        mine.sort_by(|a, b| b.date_iso.cmp(&a.date_iso).then_with(|| a.url.cmp(&b.url)));
        let last = kept.as_deref_mut().and_then(|k| k.languages.remove(code));
        let (lang_files, language) = build_language(
            code,
            &mine,
            &mut stats,
            kept.as_deref().map(|k| (k, last)),
            &mut next,
            &mut table,
        );
        if let Some(language) = language {
            next.languages.insert(code.clone(), language);
        }
        files.extend(lang_files);
    }
    if let Some(kept) = kept {
        next.table = table;
        *kept = next;
    }
    stats.files = files.len();
    stats.bytes = files.iter().map(|f| f.bytes().map_or(0, |b| b.len())).sum();
    (files, stats)
}

/// Whether a chunk holding `filled` bytes is closed after `term` (see [`MIN_CHUNK_BYTES`]).
fn closes_chunk(filled: usize, term: &str) -> bool {
    filled >= CHUNK_BYTES
        || (filled >= MIN_CHUNK_BYTES && xxhash_rust::xxh3::xxh3_64(term.as_bytes()) % CUT_ODDS == 0)
}

/// One term's line of a chunk: the term, a tab, its postings (each briefing's number as the
/// gap from the one before, and its weight when not 1), a newline.
fn push_line(chunk: &mut String, term: &str, list: &[(u32, u32)]) {
    chunk.push_str(term);
    chunk.push('\t');
    let mut last = 0;
    for (n, (id, w)) in list.iter().enumerate() {
        if n > 0 {
            chunk.push(' ');
        }
        base36(u64::from(id - last), chunk);
        last = *id;
        if *w != 1 {
            chunk.push(':');
            base36(u64::from(*w), chunk);
        }
    }
    chunk.push('\n');
}

/// The postings of every briefing, made from nothing.
fn all_postings(prepared: &[Arc<Prepared>], terms: usize) -> Vec<Vec<(u32, u32)>> {
    // Counted first so that each list is allocated once.
    let mut counts = vec![0u32; terms];
    for p in prepared {
        for &(id, _) in &p.terms {
            counts[id as usize] += 1;
        }
    }
    let mut postings: Vec<Vec<(u32, u32)>> = counts.iter().map(|&n| Vec::with_capacity(n as usize)).collect();
    for (doc, p) in prepared.iter().enumerate() {
        for &(id, w) in &p.terms {
            postings[id as usize].push((doc as u32, w));
        }
    }
    postings
}

/// Moves the postings of `last` (the previous index of the same number of briefings) to
/// this one's briefings: only the briefings at places whose document changed are taken out
/// and put in again. Returns the numbers of the terms whose postings changed.
fn update_postings(
    last: &mut KeptLanguage,
    keys: &[u128],
    prepared: &[Arc<Prepared>],
    terms: usize,
) -> Vec<u32> {
    last.postings.resize_with(terms, Vec::new);
    last.line_len.resize(terms, 0);
    let mut touched = Vec::new();
    for (place, (key, p)) in keys.iter().zip(prepared).enumerate() {
        if last.docs[place] == *key {
            continue;
        }
        let doc = place as u32;
        // Only the terms the briefing gained, lost or weighs differently.
        let mut before = last.prepared[place].terms.clone();
        let mut after = p.terms.clone();
        before.sort_unstable();
        after.sort_unstable();
        for &(id, w) in &before {
            if after.binary_search(&(id, w)).is_err() {
                let list = &mut last.postings[id as usize];
                if let Ok(at) = list.binary_search_by_key(&doc, |&(d, _)| d) {
                    list.remove(at);
                }
                touched.push(id);
            }
        }
        for &(id, w) in &after {
            if before.binary_search(&(id, w)).is_err() {
                let list = &mut last.postings[id as usize];
                match list.binary_search_by_key(&doc, |&(d, _)| d) {
                    Ok(at) => list[at] = (doc, w),
                    Err(at) => list.insert(at, (doc, w)),
                }
                touched.push(id);
            }
        }
    }
    touched.sort_unstable();
    touched.dedup();
    touched
}

fn build_language(
    code: &str,
    docs: &[&Doc],
    stats: &mut Stats,
    kept: Option<(&KeptTerms, Option<KeptLanguage>)>,
    next: &mut KeptTerms,
    table: &mut TermTable,
) -> (Vec<OutputFile>, Option<KeptLanguage>) {
    let lang = Lang::of(code);
    let dir = format!("{INDEX_DIR}/{code}");
    let (kept, last) = match kept {
        Some((kept, last)) => (Some(kept), last),
        None => (None, None),
    };
    let keep = kept.is_some();
    let shared = Mutex::new(std::mem::take(table));
    let prepared: Vec<(u128, Arc<Prepared>)> = docs
        .par_iter()
        .map_init(
            || (Interner::new(&shared), Tally::default()),
            |(interner, tally), d| {
                let key = if keep { doc_key(d) } else { 0 };
                let found = kept.and_then(|k| k.by_key.get(&key)).cloned();
                (key, found.unwrap_or_else(|| Arc::new(prepare(d, lang, interner, tally))))
            },
        )
        .collect();
    *table = shared.into_inner().unwrap_or_else(PoisonError::into_inner);
    if keep {
        next.by_key.extend(prepared.iter().map(|(k, p)| (*k, p.clone())));
    }
    let (keys, prepared): (Vec<u128>, Vec<Arc<Prepared>>) = prepared.into_iter().unzip();
    let terms_known = table.terms.len();

    // Postings, each term's line length, and the terms with postings in order: updated for
    // the briefings that changed when the last index had as many, else made anew.
    let mut language = match last.filter(|l| l.docs.len() == keys.len()) {
        Some(mut last) => {
            let touched = update_postings(&mut last, &keys, &prepared, terms_known);
            let mut line = String::new();
            for &id in &touched {
                let term = &*table.terms[id as usize];
                let list = &last.postings[id as usize];
                let was = last.line_len[id as usize];
                let len = if list.is_empty() {
                    0
                } else {
                    line.clear();
                    push_line(&mut line, term, list);
                    line.len()
                };
                last.line_len[id as usize] = len;
                let place = last.sorted.binary_search_by(|&other| (*table.terms[other as usize]).cmp(term));
                match (was > 0, len > 0, place) {
                    (false, true, Err(at)) => last.sorted.insert(at, id),
                    (true, false, Ok(at)) => {
                        last.sorted.remove(at);
                    }
                    _ => {}
                }
            }
            // A chunk holding a changed term is written again.
            let mut changed = vec![false; terms_known];
            for &id in &touched {
                changed[id as usize] = true;
            }
            (KeptLanguage { docs: keys, prepared, ..last }, changed)
        }
        None => {
            let postings = all_postings(&prepared, terms_known);
            let mut sorted: Vec<u32> =
                (0..postings.len() as u32).filter(|&id| !postings[id as usize].is_empty()).collect();
            sorted.par_sort_unstable_by(|&a, &b| table.terms[a as usize].cmp(&table.terms[b as usize]));
            let mut line_len = vec![0; terms_known];
            let mut line = String::new();
            for &id in &sorted {
                line.clear();
                push_line(&mut line, &table.terms[id as usize], &postings[id as usize]);
                line_len[id as usize] = line.len();
            }
            let language =
                KeptLanguage { docs: keys, prepared, postings, line_len, sorted, ..KeptLanguage::default() };
            (language, vec![true; terms_known])
        }
    };
    stats.docs += docs.len();
    stats.terms += language.0.sorted.len();

    // Term chunks: a chunk is closed once it holds `CHUNK_BYTES`; one whose terms are those
    // of a kept chunk and none of whose postings changed is the kept one.
    let (lang_state, changed) = (&mut language.0, &language.1);
    let mut files = Vec::new();
    let mut firsts: Vec<String> = Vec::new();
    let mut chunks = HashMap::with_hasher(Xxh3DefaultBuilder);
    let mut start = 0;
    let mut filled = 0;
    let sorted = &lang_state.sorted;
    let mut close = |from: usize, to: usize, files: &mut Vec<OutputFile>, firsts: &mut Vec<String>| {
        let ids = &sorted[from..to];
        let key = terms_key(ids);
        let reusable = (!ids.iter().any(|&id| changed[id as usize]))
            .then(|| lang_state.chunks.get(&key))
            .flatten()
            .cloned();
        let (bytes, first) = reusable.unwrap_or_else(|| {
            let mut text = String::with_capacity(CHUNK_BYTES + 1024);
            for &id in ids {
                push_line(&mut text, &table.terms[id as usize], &lang_state.postings[id as usize]);
            }
            (Arc::new(text.into_bytes()), Arc::from(&*table.terms[ids[0] as usize]))
        });
        files.push(OutputFile {
            path: format!("{dir}/t/{}.txt", firsts.len()),
            body: OutputBody::Bytes(bytes.clone()),
        });
        firsts.push(first.to_string());
        chunks.insert(key, (bytes, first));
    };
    for (n, &id) in sorted.iter().enumerate() {
        filled += lang_state.line_len[id as usize];
        if closes_chunk(filled, &table.terms[id as usize]) {
            close(start, n + 1, &mut files, &mut firsts);
            start = n + 1;
            filled = 0;
        }
    }
    if start < sorted.len() {
        close(start, sorted.len(), &mut files, &mut firsts);
    }
    lang_state.chunks = chunks;
    // Facet values, each list sorted, and each briefing's row of indexes into them.
    let values = |f: &dyn Fn(&Doc) -> Vec<String>| -> Vec<String> {
        docs.iter().flat_map(|d| f(d)).collect::<BTreeSet<String>>().into_iter().collect()
    };
    let year_of = |d: &Doc| vec![d.date_iso.get(..4).unwrap_or_default().to_string()];
    let facets = Facets {
        company: values(&|d| d.companies.clone()),
        ticker: values(&|d| d.tickers.clone()),
        tag: values(&|d| d.tags.clone()),
        year: values(&year_of),
    };
    let position = |list: &[String]| -> BTreeMap<String, usize> {
        list.iter().enumerate().map(|(i, v)| (v.clone(), i)).collect()
    };
    let (company_at, ticker_at, tag_at, year_at) =
        (position(&facets.company), position(&facets.ticker), position(&facets.tag), position(&facets.year));
    let mut rows = String::new();
    for d in docs {
        let field = |rows: &mut String, items: &[String], at: &BTreeMap<String, usize>| {
            let mut ids: Vec<usize> = items.iter().filter_map(|v| at.get(v).copied()).collect();
            ids.sort_unstable();
            ids.dedup();
            if ids.is_empty() {
                rows.push('-');
            }
            for (n, i) in ids.iter().enumerate() {
                if n > 0 {
                    rows.push('.');
                }
                base36(*i as u64, rows);
            }
        };
        field(&mut rows, &year_of(d), &year_at);
        rows.push(' ');
        field(&mut rows, &d.companies, &company_at);
        rows.push(' ');
        field(&mut rows, &d.tickers, &ticker_at);
        rows.push(' ');
        field(&mut rows, &d.tags, &tag_at);
        rows.push('\n');
    }
    files.push(OutputFile::text(format!("{dir}/facets.txt"), rows));

    let mut shards = HashMap::with_hasher(Xxh3DefaultBuilder);
    for (n, shard) in docs.chunks(SHARD_DOCS).enumerate() {
        let from = n * SHARD_DOCS;
        let key = shard_key(&lang_state.docs[from..from + shard.len()]);
        let bytes = lang_state.shards.get(&key).cloned().unwrap_or_else(|| {
            let list: Vec<ShardDoc<'_>> = shard
                .iter()
                .enumerate()
                .map(|(k, d)| ShardDoc {
                    u: &d.url,
                    t: &d.title,
                    d: &d.date,
                    c: d.companies.join(", "),
                    x: lang_state.prepared.get(from + k).map(|p| p.text.clone()).unwrap_or_default(),
                })
                .collect();
            Arc::new(json(&list).into_bytes())
        });
        files.push(OutputFile { path: format!("{dir}/d/{n}.json"), body: OutputBody::Bytes(bytes.clone()) });
        shards.insert(key, bytes);
    }
    lang_state.shards = shards;

    let meta = Meta { v: 1, lang: code, docs: docs.len(), shard: SHARD_DOCS, chunks: firsts, facets };
    files.push(OutputFile::text(format!("{dir}/meta.json"), json(&meta)));
    (files, keep.then_some(language.0))
}

fn json(value: &impl Serialize) -> String {
    // Serialising owned strings and numbers cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(n: usize, body: &str) -> Doc {
        Doc {
            lang: "en".into(),
            url: format!("/b/{n}/"),
            title: format!("Briefing {n} on Alibaba"),
            date: "1 March 2025".into(),
            date_iso: format!("2025-03-{:02}", n + 1),
            companies: vec!["Alibaba".into()],
            tickers: vec!["BABA".into(), "9988.HK".into()],
            aliases: vec!["Alibaba Group".into()],
            tags: vec!["cloud".into()],
            body: crate::content::Body::from(body.to_string()),
        }
    }

    fn bytes(files: &[OutputFile]) -> Vec<(String, Vec<u8>)> {
        files.iter().map(|f| (f.path.clone(), f.bytes().map(|b| b.to_vec()).unwrap_or_default())).collect()
    }

    /// The term lines of the index, worked out the plain way (each briefing's terms as
    /// strings in a sorted map, postings in briefing order) for comparing with the index's.
    fn term_lines_the_plain_way(docs: &[&Doc], lang: Lang) -> String {
        use super::super::text::StemMemo;
        let mut memo = StemMemo::default();
        let mut postings: BTreeMap<String, Vec<(u32, u32)>> = BTreeMap::new();
        for (id, d) in docs.iter().enumerate() {
            let mut weights: BTreeMap<String, u32> = BTreeMap::new();
            let mut add = |t: String, w: u32| {
                let sum = weights.entry(t).or_insert(0);
                *sum = sum.saturating_add(w);
            };
            text::index_terms(&d.title, lang, &mut memo, |t| add(t, TITLE_WEIGHT));
            for k in d.companies.iter().chain(&d.tickers).chain(&d.aliases).chain(&d.tags) {
                text::index_terms(k, lang, &mut memo, |t| add(t, KEYWORD_WEIGHT));
            }
            text::index_terms(&super::super::plain_text(&d.body), lang, &mut memo, |t| add(t, 1));
            for (t, w) in weights {
                postings.entry(t).or_default().push((id as u32, w));
            }
        }
        let mut out = String::new();
        for (term, list) in postings {
            out.push_str(&term);
            out.push('\t');
            let mut last = 0;
            let items: Vec<String> = list
                .iter()
                .map(|&(id, w)| {
                    let mut s = String::new();
                    base36(u64::from(id - last), &mut s);
                    last = id;
                    if w != 1 {
                        s.push(':');
                        base36(u64::from(w), &mut s);
                    }
                    s
                })
                .collect();
            out.push_str(&items.join(" "));
            out.push('\n');
        }
        out
    }

    /// The interned terms, tallied per thread, give the lines a plain map of strings gives,
    /// on the bundled example's briefings in both languages (repeated words, titles and
    /// keywords weighted, figures, accents, joined words) and on many briefings at once.
    #[test]
    fn interned_terms_give_the_plain_index() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut docs = Vec::new();
        for entry in walkdir::WalkDir::new(root.join("content")).sort_by_file_name() {
            let entry = entry.expect("the example's content folder is readable");
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(path).expect("example files are UTF-8");
            let body = text.splitn(3, "---\n").nth(2).unwrap_or(&text).to_string();
            let n = docs.len();
            let mut d = doc(n, &body);
            d.lang = if path.to_string_lossy().ends_with(".es.md") { "es".into() } else { "en".into() };
            d.title = path.file_stem().map(|s| s.to_string_lossy().replace('-', " ")).unwrap_or_default();
            docs.push(d);
        }
        let from_example = docs.len();
        assert!(from_example > 5 && docs.iter().any(|d| d.lang == "es"), "{from_example}");
        // Enough briefings for every thread to meet the same words.
        for n in 0..400 {
            let body =
                format!("Microsoft investing {n} billion; investments in data-centres, inversión {n}.");
            docs.push(doc(docs.len() + n, &body));
        }
        assert_eq!(docs.len(), from_example + 400);
        let languages = vec!["en".to_string(), "es".to_string()];
        let files = build(&docs, &languages).0;
        for code in &languages {
            let mut mine: Vec<&Doc> = docs.iter().filter(|d| d.lang == *code).collect();
            mine.sort_by(|a, b| b.date_iso.cmp(&a.date_iso).then_with(|| a.url.cmp(&b.url)));
            assert!(mine.len() > 3, "{code}");
            let prefix = format!("{INDEX_DIR}/{code}/t/");
            let mut chunks: Vec<(usize, String)> = bytes(&files)
                .into_iter()
                .filter_map(|(path, b)| {
                    let n = path.strip_prefix(&prefix)?.strip_suffix(".txt")?.parse().ok()?;
                    Some((n, String::from_utf8(b).ok()?))
                })
                .collect();
            chunks.sort();
            let index: String = chunks.into_iter().map(|(_, text)| text).collect();
            assert_eq!(index, term_lines_the_plain_way(&mine, Lang::of(code)), "{code}");
        }
    }

    /// The dev server's index, made with the terms of unchanged briefings kept from the last
    /// one, is the clean build's byte for byte.
    #[test]
    fn kept_terms_give_the_clean_index() {
        let languages = vec!["en".to_string(), "es".to_string()];
        let mut docs: Vec<Doc> =
            (0..20).map(|n| doc(n, &format!("Alibaba spends RMB {n}0 billion on data centres."))).collect();
        let mut kept = KeptTerms::default();
        let first = build_reusing(&docs, &languages, Some(&mut kept)).0;
        assert_eq!(bytes(&first), bytes(&build(&docs, &languages).0));
        docs[3] = doc(3, "Now the plan is $80 billion of spending on chips.");
        docs.pop();
        let again = build_reusing(&docs, &languages, Some(&mut kept)).0;
        assert_eq!(bytes(&again), bytes(&build(&docs, &languages).0));
        assert_eq!(kept.by_key.len(), 19);
        let text =
            String::from_utf8(bytes(&again).into_iter().flat_map(|(_, b)| b).collect()).unwrap_or_default();
        assert!(text.contains("80bn\t"));
    }

    /// Briefings enough for several term chunks and shards.
    fn many_docs() -> Vec<Doc> {
        (0..2000)
            .map(|n| {
                let body = format!(
                    "Alibaba spends RMB {n}0 billion on data centres in xenon{n}, xylem{n}, yarrow{n} and zone{n}, area{}.",
                    n % 7
                );
                let mut d = doc(n, &body);
                d.date_iso = format!("2025-{:02}-{:02}", n % 12 + 1, n % 28 + 1);
                d
            })
            .collect()
    }

    /// An edit to one briefing's body, after several edits and a date moving a briefing,
    /// writes again only the term chunks holding a term whose postings changed and the shard
    /// holding the briefing; every index equals the clean build's byte for byte, and the same
    /// chunk files are shared (not copied) from the last index.
    #[test]
    fn an_edit_rewrites_only_the_chunks_and_shard_it_touches() {
        let languages = vec!["en".to_string()];
        let mut docs = many_docs();
        let mut kept = KeptTerms::default();
        let first = build_reusing(&docs, &languages, Some(&mut kept)).0;
        assert_eq!(bytes(&first), bytes(&build(&docs, &languages).0));
        let chunk_count = first.iter().filter(|f| f.path.contains("/t/")).count();
        assert!(chunk_count >= 3, "{chunk_count} chunks");

        // A word only this briefing had, replaced by one no other briefing has: two terms'
        // postings change, in two chunks (and where a chunk's end moved, the one after it).
        let edited = docs[42].body.replace("zone42", "quasarword");
        docs[42].body = crate::content::Body::from(edited);
        let again = build_reusing(&docs, &languages, Some(&mut kept)).0;
        assert_eq!(bytes(&again), bytes(&build(&docs, &languages).0));
        let shared = |a: &OutputFile, b: &OutputFile| match (&a.body, &b.body) {
            (OutputBody::Bytes(x), OutputBody::Bytes(y)) => Arc::ptr_eq(x, y),
            _ => false,
        };
        let made_again: Vec<&str> = again
            .iter()
            .filter(|f| !f.path.ends_with("meta.json") && !f.path.ends_with("facets.txt"))
            .filter(|f| !first.iter().any(|old| old.path == f.path && shared(old, f)))
            .map(|f| f.path.as_str())
            .collect();
        let text = |f: &OutputFile| {
            String::from_utf8(f.bytes().map(|b| b.to_vec()).unwrap_or_default()).unwrap_or_default()
        };
        // The chunks that changed are exactly the rewritten ones, and there are few.
        for f in again.iter().filter(|f| f.path.contains("/t/")) {
            let before = first.iter().find(|old| old.path == f.path).map(text);
            let rewritten = made_again.contains(&f.path.as_str());
            if before.as_deref() != Some(text(f).as_str()) {
                assert!(rewritten, "{} changed but was kept", f.path);
            }
        }
        let chunks_again = made_again.iter().filter(|p| p.contains("/t/")).count();
        assert!((1..=4).contains(&chunks_again) && chunks_again * 3 < chunk_count, "{made_again:?}");
        let shards_again: Vec<&&str> = made_again.iter().filter(|p| p.contains("/d/")).collect();
        assert_eq!(shards_again.len(), 1, "{made_again:?}");

        // A date that moves a briefing, and a briefing added: still the clean build's bytes.
        docs[7].date_iso = "2024-01-01".into();
        let moved = build_reusing(&docs, &languages, Some(&mut kept)).0;
        assert_eq!(bytes(&moved), bytes(&build(&docs, &languages).0));
        docs.push(doc(999, "A new briefing on quasarword."));
        let added = build_reusing(&docs, &languages, Some(&mut kept)).0;
        assert_eq!(bytes(&added), bytes(&build(&docs, &languages).0));
        docs.swap_remove(0);
        let removed = build_reusing(&docs, &languages, Some(&mut kept)).0;
        assert_eq!(bytes(&removed), bytes(&build(&docs, &languages).0));
    }
}
