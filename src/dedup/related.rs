//! Related coverage: the same news written by other outlets in other words. Such articles share
//! little text, so shingles cannot find them; they share the news itself. Their headlines are
//! about the same company or person, and either, a few days apart, each one's main money
//! figure is among the other's figures, or their `capex:` entries hold the same commitment
//! announced within days (capex's commitment identity). This module finds such pairs among
//! articles' [`Facts`]; clustering decides what they become.

use super::facts::{dice, share_a_figure, Facts, Figure};
use crate::capex::{identity, Commitment};
use rayon::prelude::*;

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
    /// Joined by the same commitment in their `capex:` entries.
    pub(crate) same_commitment: bool,
}

/// Every pair of articles of one group (language) that the rule joins (see [`verdict`]).
/// Articles are compared when their main figures are one amount (in dollars, within
/// conversion) and their dates close enough for either way of joining. Sorted by pair.
pub(crate) fn links(facts: &[Facts<'_>], groups: &[u32]) -> Vec<RelatedLink> {
    candidates(facts, groups).into_par_iter().filter_map(|(a, b)| check(facts, a, b)).collect()
}

/// The pairs [`links`] checks, sorted, the lower index first.
pub(crate) fn candidates(facts: &[Facts<'_>], groups: &[u32]) -> Vec<(usize, usize)> {
    // Every link needs a subject both headlines name, so a figure's key is paired with each
    // subject: articles about other companies with the same amount the same day never meet.
    // An article's keys are kept with its facts, for a rebuild that reads it again.
    let keyed_of = |(i, f): (usize, &Facts<'_>)| -> Vec<(u64, i64, usize)> {
        let Some(day) = f.day else { return Vec::new() };
        if f.main_figures.is_empty() {
            return Vec::new();
        }
        let group = groups.get(i).copied().unwrap_or(0);
        let (kept_for, keys) = f.related_keys.get_or_init(|| (group, keys_of(f, group)));
        if *kept_for == group {
            keys.iter().map(|&k| (k, day, i)).collect()
        } else {
            // Kept for another group (the site's languages changed): made for this one.
            keys_of(f, group).into_iter().map(|k| (k, day, i)).collect()
        }
    };
    let mut keyed: Vec<(u64, i64, usize)> = facts.par_iter().enumerate().flat_map_iter(keyed_of).collect();
    keyed.par_sort_unstable();
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    pairs_within(&keyed, MAX_DAYS.max(identity::ANNOUNCEMENT_DAYS), &mut candidates);
    candidates.sort_unstable();
    candidates.dedup();
    candidates
}

/// The keys an article with main figures is filed under: each main figure's keys paired
/// with each subject of its headline, sorted, without repeats.
fn keys_of(f: &Facts<'_>, group: u32) -> Vec<u64> {
    let subjects: Vec<u64> = f.subjects().iter().map(super::facts::hash).collect();
    let mut keys: Vec<u64> = f
        .main_figures
        .iter()
        .flat_map(|fig| figure_keys(group, fig))
        .flat_map(|k| subjects.iter().map(move |&s| k ^ s.rotate_left(17)))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Pairs of entries under one key whose days are at most `days` apart (each entry with at
/// most [`MAX_NEIGHBOURS`] later ones).
fn pairs_within(keyed: &[(u64, i64, usize)], days: i64, out: &mut Vec<(usize, usize)>) {
    for run in keyed.chunk_by(|x, y| x.0 == y.0) {
        for (k, &(_, day, a)) in run.iter().enumerate() {
            for &(_, other_day, b) in run[k + 1..].iter().take(MAX_NEIGHBOURS) {
                if other_day - day > days {
                    break;
                }
                if a != b {
                    out.push((a.min(b), a.max(b)));
                }
            }
        }
    }
}

/// The rule applied to one candidate pair: a function of the two articles' facts alone.
pub(crate) fn check(facts: &[Facts<'_>], a: usize, b: usize) -> Option<RelatedLink> {
    let (x, y) = (&facts[a], &facts[b]);
    // What the rest of an article says is read here, for the few articles that get this far:
    // the subjects first, as most candidates share a figure and nothing else.
    if !x.subjects().iter().any(|s| y.subjects().binary_search(s).is_ok()) {
        return None;
    }
    let days = x.day.zip(y.day).map(|(a, b)| (a - b).abs());
    let figures = days.is_some_and(|d| d <= MAX_DAYS)
        && !x.main_figures.is_empty()
        && !y.main_figures.is_empty()
        && figures_agree(x, y);
    // As [`verdict`] decides, reading commitments only when the figures did not decide.
    let same_commitment = !figures && same_commitment(x, y);
    if !figures && !same_commitment {
        return None;
    }
    Some(RelatedLink {
        a,
        b,
        title: dice(x.title_grams(), y.title_grams()),
        days: days.unwrap_or(0),
        same_commitment,
    })
}

/// What the same-news rule sees in two articles.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Verdict {
    /// Days between the dates, when both are dated.
    pub(crate) days: Option<i64>,
    /// Whether [`links`] compares the two at all: each has a main figure, and one of each is
    /// the same amount (in dollars, within conversion). Without it neither way of joining is
    /// tried, whatever the commitments say.
    pub(crate) met: bool,
    /// Both have main figures, and each one's are among the other's figures.
    pub(crate) figures: bool,
    /// Their `capex:` entries hold the same commitment announced within days.
    pub(crate) same_commitment: bool,
    /// Subjects both headlines name.
    pub(crate) subjects: Vec<String>,
    /// How close the headlines are.
    pub(crate) title: f64,
}

impl Verdict {
    /// Whether the rule joins the two.
    pub(crate) fn linked(&self) -> bool {
        let figures = self.days.is_some_and(|d| d <= MAX_DAYS) && self.figures;
        self.met && !self.subjects.is_empty() && (figures || self.same_commitment)
    }
}

/// The same-news rule applied to two articles.
pub(crate) fn verdict(x: &Facts<'_>, y: &Facts<'_>) -> Verdict {
    // One group: articles of different groups are never compared, which the caller says.
    let keys =
        |f: &Facts<'_>| -> Vec<u64> { f.main_figures.iter().flat_map(|fig| figure_keys(0, fig)).collect() };
    let theirs = keys(y);
    Verdict {
        days: x.day.zip(y.day).map(|(a, b)| (a - b).abs()),
        met: keys(x).iter().any(|k| theirs.contains(k)),
        figures: !x.main_figures.is_empty() && !y.main_figures.is_empty() && figures_agree(x, y),
        same_commitment: same_commitment(x, y),
        subjects: x.subjects().iter().filter(|s| y.subjects().binary_search(s).is_ok()).cloned().collect(),
        title: dice(x.title_grams(), y.title_grams()),
    }
}

/// Whether the `capex:` entries of two articles hold one commitment announced within days.
fn same_commitment(x: &Facts<'_>, y: &Facts<'_>) -> bool {
    x.commitments().iter().any(|a| y.commitments().iter().any(|b| identity::same_announcement(a, b)))
}

/// Whether two `capex:` entries are one figure as reports write it: one commitment (the capex
/// identity), or the same company, period and currency where one report gives a single amount
/// and the other a range with that amount at one end (`as much as $65 billion` for
/// `$60 billion to $65 billion`, `at least $20 billion` for `$20 billion to $25 billion`).
fn one_figure(a: &Commitment, b: &Commitment) -> bool {
    if identity::same_commitment(a, b) {
        return true;
    }
    if a.company_slug != b.company_slug || a.currency != b.currency || !identity::periods_compatible(a, b) {
        return false;
    }
    let (point, range) = match (a.amount_high, b.amount_high) {
        (None, Some(_)) => (a, b),
        (Some(_), None) => (b, a),
        _ => return false,
    };
    let high = range.amount_high.unwrap_or(range.amount);
    // Within the last written digit of either: `$65 billion` is `$65.0 billion`.
    let rounding = point.unit.max(range.unit) * 0.5;
    (point.amount - range.amount).abs() <= rounding || (point.amount - high).abs() <= rounding
}

/// Whether two articles may be reports of one story: their `capex:` entries hold no two
/// different commitments of one company (a revision, another plan) unless they also hold one
/// the same, and their main figures agree or a commitment is the same. Clustering never puts
/// two articles that are not compatible in one story.
pub(crate) fn compatible(x: &Facts<'_>, y: &Facts<'_>) -> bool {
    let mut same = false;
    for a in x.commitments() {
        let of_company = || y.commitments().iter().filter(|b| b.company_slug == a.company_slug);
        if of_company().next().is_none() {
            continue;
        }
        let mine = x.commitments().iter().filter(|c| c.company_slug == a.company_slug);
        let any_same = mine.clone().any(|c| of_company().any(|b| one_figure(c, b)));
        if !any_same {
            return false;
        }
        same = true;
    }
    same || figures_agree(x, y)
}

/// Whether each article's main figures, when it has any, appear among the other's figures: a
/// report that mentions another commitment in passing is not a report of it.
pub(crate) fn figures_agree(x: &Facts<'_>, y: &Facts<'_>) -> bool {
    // The other's main figures first: they are among its figures, and candidates share one,
    // so its opening is rarely read.
    let one_way = |x: &Facts<'_>, y: &Facts<'_>| {
        x.main_figures.is_empty()
            || share_a_figure(&x.main_figures, &y.main_figures)
            || share_a_figure(&x.main_figures, y.figures())
    };
    one_way(x, y) && one_way(y, x)
}

/// Keys under which a main figure is filed: its amount in US dollars (in its own currency
/// when the site has no rate for it), in buckets as wide as the conversion allowance, in its
/// own bucket and the next (two amounts that close always share one).
fn figure_keys(group: u32, figure: &Figure) -> impl Iterator<Item = u64> {
    let (currency, rate) = match figure.usd_rate {
        Some(rate) => ("USD", rate),
        None => (figure.currency, 1.0),
    };
    let ends = [Some(figure.low), figure.high];
    ends.into_iter().flatten().map(move |v| v * rate).filter(|v| *v > 0.0).flat_map(move |v| {
        let bucket = (v.ln() / 1.05f64.ln()).floor() as i64;
        [bucket, bucket + 1].map(|b| {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(&group.to_le_bytes());
            h.update(currency.as_bytes());
            h.update(&b.to_le_bytes());
            h.digest()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(company: &str, amount: &str, period_text: &str, announced: &str) -> Commitment {
        crate::capex::testing::commitment(company, amount, Some(period_text), announced, None)
    }

    #[test]
    fn a_range_and_one_of_its_ends_are_one_figure() {
        let range = entry("Meta", "$60 billion to $65 billion", "2025", "2025-01-24");
        let top = entry("Meta", "as much as $65 billion", "2025", "2025-01-24");
        let bottom = entry("Meta", "at least $60 billion", "2025", "2025-01-24");
        assert!(one_figure(&range, &top) && one_figure(&top, &range) && one_figure(&bottom, &range));
        // A revision, another period, another company: different figures.
        let raised = entry("Meta", "$64 billion to $72 billion", "2025", "2025-04-30");
        assert!(!one_figure(&top, &raised) && !one_figure(&range, &raised));
        assert!(!one_figure(&top, &entry("Meta", "$60 billion to $65 billion", "2026", "2025-01-24")));
        assert!(!one_figure(&top, &entry("Alphabet", "$60 billion to $65 billion", "2025", "2025-01-24")));
        assert!(!one_figure(&top, &entry("Meta", "$62 billion", "2025", "2025-01-24")));
    }

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
        let story = |subjects: &[&str], main: f64, others: &[f64], day: i64| {
            Facts::from(super::super::facts::Known {
                main_figures: vec![usd(main)],
                day: Some(day),
                names: std::sync::OnceLock::from(super::super::facts::Names {
                    subjects: subjects.iter().map(|s| s.to_string()).collect(),
                    ..Default::default()
                }),
                figures: std::sync::OnceLock::from(
                    std::iter::once(main).chain(others.iter().copied()).map(usd).collect::<Vec<_>>(),
                ),
                ..Default::default()
            })
        };
        let news = story(&["microsoft"], 80e9, &[], 10);
        assert!(verdict(&news, &story(&["microsoft", "smith"], 80e9, &[20e9], 11)).linked());
        // Another commitment of the same company, mentioning the first in passing.
        assert!(!verdict(&news, &story(&["microsoft"], 3e9, &[80e9], 14)).linked());
        // The same figure for another company.
        assert!(!verdict(&news, &story(&["amazon"], 80e9, &[], 10)).linked());
        // The same news months later.
        assert!(!verdict(&news, &story(&["microsoft"], 80e9, &[], 90)).linked());
        // The same commitment in both `capex:` lists joins only articles the pass compares,
        // whose main figures are one amount: the verdict `--compare` prints says the same.
        let with_plan = |main: f64| {
            let f = story(&["microsoft"], main, &[], 10);
            f.commitments
                .get_or_init(|| vec![entry("Microsoft", "$80 billion", "fiscal 2025", "2025-01-03")]);
            f
        };
        let same_plan = verdict(&with_plan(80e9), &with_plan(7e9));
        assert!(same_plan.same_commitment && !same_plan.met && !same_plan.linked());
        assert!(links(&[with_plan(80e9), with_plan(7e9)], &[0, 0]).is_empty());
        assert!(verdict(&with_plan(80e9), &with_plan(80e9)).linked());
        let found = links(
            &[
                story(&["microsoft"], 80e9, &[], 10),
                story(&["microsoft"], 80e9, &[], 12),
                story(&["microsoft"], 3e9, &[80e9], 11),
            ],
            &[0, 0, 0],
        );
        assert_eq!(found.iter().map(|l| (l.a, l.b)).collect::<Vec<_>>(), vec![(0, 1)]);
    }
}
