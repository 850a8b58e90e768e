//! Related coverage: the same news written by other outlets in other words. Such articles share
//! little text, so shingles cannot find them; they share the news itself: the same money figure
//! a few days apart, most of the names in their openings, and close headlines. This module
//! finds such pairs among articles' [`Facts`]; clustering decides what they become.

use super::facts::{dice, share_a_figure, Facts, Figure};
use std::collections::HashMap;

/// Days apart two reports of one announcement may be.
pub(crate) const MAX_DAYS: i64 = 3;
/// How close two headlines must be (Dice coefficient of their words' letter trigrams).
/// Two headlines on one announcement share its company, amount and object in other words
/// (0.4–0.7); headlines on other news about the same company share the company alone.
pub(crate) const TITLE_CLOSE: f64 = 0.35;
/// Share of the names of the opening with fewer names that the other opening names too,
/// weighted by how rare each name is across the site.
pub(crate) const NAMES_SHARED: f64 = 0.5;
/// Articles met through one figure each article is compared with at most.
const MAX_NEIGHBOURS: usize = 64;

/// Two articles (indices into the facts) that report the same news in other words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RelatedLink {
    pub(crate) a: usize,
    pub(crate) b: usize,
    /// How close the headlines are.
    pub(crate) title: f64,
    /// How many of the names they share, weighted.
    pub(crate) names: f64,
    /// Days between the two dates.
    pub(crate) days: i64,
}

/// Every pair of articles of one group (language), dated at most [`MAX_DAYS`] apart, whose
/// main figures each appear in the other, whose headlines are close and whose openings share
/// most of their names. Sorted by pair.
pub(crate) fn links(facts: &[Facts], groups: &[u32]) -> Vec<RelatedLink> {
    let weights = name_weights(facts);
    // Each dated article under every figure of its headline and opening, bucketed so that
    // amounts within rounding share a bucket.
    let mut keyed: Vec<(u64, i64, usize)> = Vec::new();
    for (i, f) in facts.iter().enumerate() {
        let Some(day) = f.day else { continue };
        if f.main_figures.is_empty() {
            continue;
        }
        let group = groups.get(i).copied().unwrap_or(0);
        let mut keys: Vec<u64> = f.figures.iter().flat_map(|fig| figure_keys(group, fig)).collect();
        keys.sort_unstable();
        keys.dedup();
        keyed.extend(keys.into_iter().map(|k| (k, day, i)));
    }
    keyed.sort_unstable();
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for run in keyed.chunk_by(|x, y| x.0 == y.0) {
        for (k, &(_, day, a)) in run.iter().enumerate() {
            for &(_, other_day, b) in run[k + 1..].iter().take(MAX_NEIGHBOURS) {
                if other_day - day > MAX_DAYS {
                    break;
                }
                if a != b {
                    candidates.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    candidates.into_iter().filter_map(|(a, b)| check(facts, &weights, a, b)).collect()
}

fn check(facts: &[Facts], weights: &HashMap<u64, f64>, a: usize, b: usize) -> Option<RelatedLink> {
    let (x, y) = (&facts[a], &facts[b]);
    let days = (x.day? - y.day?).abs();
    if days > MAX_DAYS {
        return None;
    }
    if x.main_figures.is_empty() || y.main_figures.is_empty() || !figures_agree(x, y) {
        return None;
    }
    let title = dice(&x.title_grams, &y.title_grams);
    if title < TITLE_CLOSE {
        return None;
    }
    let names = shared_names(&x.names, &y.names, weights);
    (names >= NAMES_SHARED).then_some(RelatedLink { a, b, title, names, days })
}

/// Whether each article's main figures, when it has any, appear among the other's figures: a
/// report that mentions another commitment in passing is not a report of it.
pub(crate) fn figures_agree(x: &Facts, y: &Facts) -> bool {
    let one_way =
        |x: &Facts, y: &Facts| x.main_figures.is_empty() || share_a_figure(&x.main_figures, &y.figures);
    one_way(x, y) && one_way(y, x)
}

/// Keys under which a figure is filed: its currency and amount, in buckets of the rounding
/// allowance, in its own bucket and the next (two amounts within rounding always share one).
fn figure_keys(group: u32, figure: &Figure) -> impl Iterator<Item = u64> + '_ {
    let ends = [Some(figure.low), figure.high];
    ends.into_iter().flatten().filter(|v| *v > 0.0).flat_map(move |v| {
        let bucket = (v.ln() / 1.03f64.ln()).floor() as i64;
        [bucket, bucket + 1].map(|b| {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(&group.to_le_bytes());
            h.update(figure.currency.as_bytes());
            h.update(&b.to_le_bytes());
            h.digest()
        })
    })
}

/// How rare each name is across the articles: `ln((n + 1) / (df + 0.5))`, so a name in
/// every article (the site's subject) counts little and one in two articles counts much.
fn name_weights(facts: &[Facts]) -> HashMap<u64, f64> {
    let mut df: HashMap<u64, u32> = HashMap::new();
    for f in facts {
        for &n in &f.names {
            *df.entry(n).or_default() += 1;
        }
    }
    let n = facts.len() as f64;
    df.into_iter().map(|(name, count)| (name, ((n + 1.0) / (f64::from(count) + 0.5)).ln().max(0.0))).collect()
}

/// The weighted share of the names of the opening with less weight that the other names.
fn shared_names(a: &[u64], b: &[u64], weights: &HashMap<u64, f64>) -> f64 {
    let w = |n: &u64| weights.get(n).copied().unwrap_or(0.0);
    let (wa, wb): (f64, f64) = (a.iter().map(w).sum(), b.iter().map(w).sum());
    let smaller = wa.min(wb);
    if smaller <= 0.0 {
        return 0.0;
    }
    let shared: f64 = a.iter().filter(|n| b.binary_search(n).is_ok()).map(w).sum();
    (shared / smaller).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(low: f64) -> Figure {
        Figure { currency: "USD", low, high: None }
    }

    #[test]
    fn amounts_within_rounding_share_a_key() {
        for (a, b) in [(52.4e9, 53e9), (80e9, 80e9), (99e9, 100e9), (100e9, 102.9e9)] {
            let ka: Vec<u64> = figure_keys(0, &usd(a)).collect();
            let kb: Vec<u64> = figure_keys(0, &usd(b)).collect();
            assert!(ka.iter().any(|k| kb.contains(k)), "{a} {b}");
        }
        let ka: Vec<u64> = figure_keys(0, &usd(10e9)).collect();
        let kb: Vec<u64> = figure_keys(0, &usd(20e9)).collect();
        assert!(!ka.iter().any(|k| kb.contains(k)));
        let other_group: Vec<u64> = figure_keys(1, &usd(10e9)).collect();
        assert!(!ka.iter().any(|k| other_group.contains(k)));
    }

    #[test]
    fn rare_names_weigh_more() {
        let facts: Vec<Facts> = (0..10)
            .map(|i| Facts {
                names: match i {
                    0 | 1 => vec![1, 2],
                    2 => vec![1, 3],
                    _ => vec![1],
                },
                ..Facts::default()
            })
            .collect();
        let w = name_weights(&facts);
        assert!(w[&2] > w[&1]);
        assert!(shared_names(&[1, 2], &[1, 2], &w) > 0.99);
        assert!(shared_names(&[1, 2], &[1, 3], &w) < 0.3);
    }
}
