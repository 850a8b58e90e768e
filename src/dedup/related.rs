//! Related coverage: the same news written by other outlets in other words. Such articles share
//! little text, so shingles cannot find them; they share the news itself: a few days apart,
//! each one's main money figure is among the other's figures, and their headlines are about
//! the same company or person. This module finds such pairs among articles' [`Facts`];
//! clustering decides what they become.

use super::facts::{dice, share_a_figure, Facts, Figure};

/// Days apart two reports of one announcement may be.
pub(crate) const MAX_DAYS: i64 = 3;
/// Articles met through one figure each article is compared with at most.
const MAX_NEIGHBOURS: usize = 64;

/// Two articles (indices into the facts) that report the same news in other words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RelatedLink {
    pub(crate) a: usize,
    pub(crate) b: usize,
    /// How close the headlines are (Dice coefficient of their words' letter trigrams): which
    /// link is the stronger when links disagree.
    pub(crate) title: f64,
    /// Days between the two dates.
    pub(crate) days: i64,
}

/// Every pair of articles of one group (language), dated at most [`MAX_DAYS`] apart, whose
/// main figures each appear in the other and whose headlines share a subject. Sorted by pair.
pub(crate) fn links(facts: &[Facts], groups: &[u32]) -> Vec<RelatedLink> {
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
    candidates.into_iter().filter_map(|(a, b)| check(facts, a, b)).collect()
}

fn check(facts: &[Facts], a: usize, b: usize) -> Option<RelatedLink> {
    let v = verdict(&facts[a], &facts[b]);
    v.linked().then_some(RelatedLink { a, b, title: v.title, days: v.days.unwrap_or(0) })
}

/// What the same-news rule sees in two articles.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Verdict {
    /// Days between the dates, when both are dated.
    pub(crate) days: Option<i64>,
    /// Both have main figures, and each one's are among the other's figures.
    pub(crate) figures: bool,
    /// Subjects both headlines name.
    pub(crate) subjects: Vec<String>,
    /// How close the headlines are.
    pub(crate) title: f64,
}

impl Verdict {
    /// Whether the rule joins the two.
    pub(crate) fn linked(&self) -> bool {
        self.days.is_some_and(|d| d <= MAX_DAYS) && self.figures && !self.subjects.is_empty()
    }
}

/// The same-news rule applied to two articles.
pub(crate) fn verdict(x: &Facts, y: &Facts) -> Verdict {
    Verdict {
        days: x.day.zip(y.day).map(|(a, b)| (a - b).abs()),
        figures: !x.main_figures.is_empty() && !y.main_figures.is_empty() && figures_agree(x, y),
        subjects: x.subjects.iter().filter(|s| y.subjects.binary_search(s).is_ok()).cloned().collect(),
        title: dice(&x.title_grams, &y.title_grams),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(low: f64) -> Figure {
        Figure { currency: "USD", low, high: None, usd_rate: Some(1.0) }
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
    fn the_same_news_needs_figures_a_subject_and_close_dates() {
        let story = |subjects: &[&str], main: f64, others: &[f64], day: i64| Facts {
            subjects: subjects.iter().map(|s| s.to_string()).collect(),
            main_figures: vec![usd(main)],
            figures: std::iter::once(main).chain(others.iter().copied()).map(usd).collect(),
            day: Some(day),
            ..Facts::default()
        };
        let news = story(&["microsoft"], 80e9, &[], 10);
        assert!(verdict(&news, &story(&["microsoft", "smith"], 80e9, &[20e9], 11)).linked());
        // Another commitment of the same company, mentioning the first in passing.
        assert!(!verdict(&news, &story(&["microsoft"], 3e9, &[80e9], 14)).linked());
        // The same figure for another company.
        assert!(!verdict(&news, &story(&["amazon"], 80e9, &[], 10)).linked());
        // The same news months later.
        assert!(!verdict(&news, &story(&["microsoft"], 80e9, &[], 90)).linked());
        let found = links(
            &[news.clone(), story(&["microsoft"], 80e9, &[], 12), story(&["microsoft"], 3e9, &[80e9], 11)],
            &[0, 0, 0],
        );
        assert_eq!(found.iter().map(|l| (l.a, l.b)).collect::<Vec<_>>(), vec![(0, 1)]);
    }
}
