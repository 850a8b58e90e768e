//! Building one language's index files from its briefings: terms with their postings cut
//! into sorted chunks, briefings into shards, facet values into one table. The output
//! depends on the briefings alone (sorted, no hash order, no clock).

use super::text::{self, Lang, StemMemo};
use super::{Doc, INDEX_DIR};
use crate::output::OutputFile;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

/// A term chunk is closed once it holds this many bytes (a term's postings are never split:
/// a word found in every briefing makes one larger chunk).
const CHUNK_BYTES: usize = 24 * 1024;
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

/// One briefing's terms and text, worked out on any thread.
#[derive(Debug)]
struct Prepared {
    text: String,
    terms: Vec<(Box<str>, u32)>,
}

fn prepare(doc: &Doc, lang: Lang, memo: &mut StemMemo) -> Prepared {
    let mut weights: HashMap<Box<str>, u32, Xxh3DefaultBuilder> = HashMap::default();
    let mut add = |t: &str, w: u32| match weights.get_mut(t) {
        Some(sum) => *sum = sum.saturating_add(w),
        None => {
            weights.insert(t.into(), w);
        }
    };
    text::index_terms(&doc.title, lang, memo, |t| add(t, TITLE_WEIGHT));
    for k in doc.companies.iter().chain(&doc.tickers).chain(&doc.aliases).chain(&doc.tags) {
        text::index_terms(k, lang, memo, |t| add(t, KEYWORD_WEIGHT));
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
    text::index_terms(&plain[..end], lang, memo, |t| add(t, 1));
    let mut terms: Vec<(Box<str>, u32)> = weights.into_iter().collect();
    terms.sort_unstable();
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
/// everything they are made from, so an index after one edit prepares one briefing again.
#[derive(Debug, Default)]
pub(super) struct KeptTerms {
    by_key: HashMap<u128, Arc<Prepared>, Xxh3DefaultBuilder>,
}

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

/// Every language's index files.
pub(super) fn build(docs: &[Doc], languages: &[String]) -> (Vec<OutputFile>, Stats) {
    build_reusing(docs, languages, None)
}

/// [`build`], taking each briefing's terms from `kept` when it is unchanged, and leaving
/// this build's in it.
pub(super) fn build_reusing(
    docs: &[Doc],
    languages: &[String],
    kept: Option<&mut KeptTerms>,
) -> (Vec<OutputFile>, Stats) {
    let mut files = Vec::new();
    let mut stats = Stats::default();
    let mut next = KeptTerms::default();
    for code in languages {
        let mut mine: Vec<&Doc> = docs.iter().filter(|d| d.lang == *code).collect();
        // Newest first: equal scores list the latest briefing first.
        mine.sort_by(|a, b| b.date_iso.cmp(&a.date_iso).then_with(|| a.url.cmp(&b.url)));
        let lang_files = build_language(code, &mine, &mut stats, kept.as_deref(), &mut next);
        files.extend(lang_files);
    }
    if let Some(kept) = kept {
        *kept = next;
    }
    stats.files = files.len();
    stats.bytes = files.iter().map(|f| f.bytes().map_or(0, |b| b.len())).sum();
    (files, stats)
}

fn build_language(
    code: &str,
    docs: &[&Doc],
    stats: &mut Stats,
    kept: Option<&KeptTerms>,
    next: &mut KeptTerms,
) -> Vec<OutputFile> {
    let lang = Lang::of(code);
    let dir = format!("{INDEX_DIR}/{code}");
    let keep = kept.is_some();
    let prepared: Vec<(u128, Arc<Prepared>)> = docs
        .par_iter()
        .map_init(StemMemo::default, |memo, d| {
            let key = if keep { doc_key(d) } else { 0 };
            let found = kept.and_then(|k| k.by_key.get(&key)).cloned();
            (key, found.unwrap_or_else(|| Arc::new(prepare(d, lang, memo))))
        })
        .collect();
    if keep {
        next.by_key.extend(prepared.iter().map(|(k, p)| (*k, p.clone())));
    }
    let prepared: Vec<Arc<Prepared>> = prepared.into_iter().map(|(_, p)| p).collect();

    // Postings: term → (doc, weight), docs in id order. Terms are split by their first byte
    // into parts gathered on every thread; each part's docs stay in id order.
    const PARTS: usize = 4;
    let part_of = |t: &str| t.as_bytes().first().map_or(0, |&b| b as usize % PARTS);
    let mut terms: Vec<(&str, Vec<(u32, u32)>)> = (0..PARTS)
        .into_par_iter()
        .flat_map_iter(|part| {
            let mut postings: HashMap<&str, Vec<(u32, u32)>, Xxh3DefaultBuilder> = HashMap::default();
            for (id, p) in prepared.iter().enumerate() {
                for (term, w) in p.terms.iter().filter(|(t, _)| part_of(t) == part) {
                    postings.entry(term).or_default().push((id as u32, *w));
                }
            }
            postings.into_iter()
        })
        .collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    stats.docs += docs.len();
    stats.terms += terms.len();

    let mut files = Vec::new();
    let mut chunks = Vec::new();
    let mut chunk = String::new();
    let mut first = String::new();
    let mut flush = |chunk: &mut String, first: &mut String, files: &mut Vec<OutputFile>| {
        if chunk.is_empty() {
            return;
        }
        files.push(OutputFile::text(format!("{dir}/t/{}.txt", chunks.len()), std::mem::take(chunk)));
        chunks.push(std::mem::take(first));
    };
    for (term, list) in &terms {
        if chunk.is_empty() {
            first = term.to_string();
        }
        chunk.push_str(term);
        chunk.push('\t');
        let mut last = 0;
        for (n, (id, w)) in list.iter().enumerate() {
            if n > 0 {
                chunk.push(' ');
            }
            base36(u64::from(id - last), &mut chunk);
            last = *id;
            if *w != 1 {
                chunk.push(':');
                base36(u64::from(*w), &mut chunk);
            }
        }
        chunk.push('\n');
        if chunk.len() >= CHUNK_BYTES {
            flush(&mut chunk, &mut first, &mut files);
        }
    }
    flush(&mut chunk, &mut first, &mut files);

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

    for (n, shard) in docs.chunks(SHARD_DOCS).enumerate() {
        let list: Vec<ShardDoc<'_>> = shard
            .iter()
            .enumerate()
            .map(|(k, d)| ShardDoc {
                u: &d.url,
                t: &d.title,
                d: &d.date,
                c: d.companies.join(", "),
                x: prepared.get(n * SHARD_DOCS + k).map(|p| p.text.clone()).unwrap_or_default(),
            })
            .collect();
        files.push(OutputFile::text(format!("{dir}/d/{n}.json"), json(&list)));
    }

    let meta = Meta { v: 1, lang: code, docs: docs.len(), shard: SHARD_DOCS, chunks, facets };
    files.push(OutputFile::text(format!("{dir}/meta.json"), json(&meta)));
    files
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
}
