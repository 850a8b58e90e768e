//! Wire versions: an agency's first take and its updated, longer story share little text as a
//! whole, but carry the same dateline and agency and the same lead up to small edits, a day or
//! two apart. This module finds such pairs among articles' [`Facts`]; clustering decides what
//! they become.

use super::facts::{share_a_figure, Facts};

/// Days two versions of a wire story may be apart.
pub(crate) const MAX_DAYS: i64 = 2;
/// How alike two leads must be: the share of the shorter lead's words found in the longer, in
/// order (longest common subsequence). A verb phrase reworded, a weekday or a clause added
/// leave a 30-word lead above 0.85; two stories from one agency about one company, written to
/// the same formula, stay near 0.5.
pub(crate) const LEAD_ALIKE: f64 = 0.8;
/// Words a lead needs before its likeness means anything.
const MIN_LEAD_WORDS: usize = 12;
/// Later articles of the same agency each article is compared with at most: bounds the work
/// on an agency's busiest days.
const MAX_NEIGHBOURS: usize = 64;

/// Two articles (indices into the facts) that are versions of one wire story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct WireLink {
    pub(crate) a: usize,
    pub(crate) b: usize,
    /// How alike the leads are.
    pub(crate) lead: f64,
    /// Days between the two dates.
    pub(crate) days: i64,
}

/// Every pair of articles of one group (language) with the same dateline and agency, leads
/// alike up to small edits, no conflicting figure in their leads, and dates at most
/// [`MAX_DAYS`] apart. Sorted by pair.
pub(crate) fn links(facts: &[Facts<'_>], groups: &[u32]) -> Vec<WireLink> {
    candidates(facts, groups).into_iter().filter_map(|(a, b)| check(facts, a, b)).collect()
}

/// The pairs [`links`] checks: articles of one group with a dateline of the same agency, a
/// lead long enough to compare, and dates at most [`MAX_DAYS`] apart (each with at most
/// [`MAX_NEIGHBOURS`] later ones). Sorted, the lower index first.
pub(crate) fn candidates(facts: &[Facts<'_>], groups: &[u32]) -> Vec<(usize, usize)> {
    let mut dated: Vec<(u32, &str, i64, usize)> = facts
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let d = f.dateline.as_ref()?;
            (f.lead.len() >= MIN_LEAD_WORDS).then_some(())?;
            Some((groups.get(i).copied().unwrap_or(0), d.agency.as_str(), f.day?, i))
        })
        .collect();
    dated.sort_unstable();
    let mut out = Vec::new();
    for run in dated.chunk_by(|x, y| x.0 == y.0 && x.1 == y.1) {
        for (k, &(_, _, day, a)) in run.iter().enumerate() {
            for &(_, _, other_day, b) in run[k + 1..].iter().take(MAX_NEIGHBOURS) {
                if other_day - day > MAX_DAYS {
                    break;
                }
                out.push((a.min(b), a.max(b)));
            }
        }
    }
    out.sort_unstable();
    out
}

/// The rule applied to one candidate pair: a function of the two articles' facts alone.
pub(crate) fn check(facts: &[Facts<'_>], a: usize, b: usize) -> Option<WireLink> {
    let v = verdict(&facts[a], &facts[b]);
    let days = v.days?;
    v.linked().then_some(WireLink { a: a.min(b), b: a.max(b), lead: v.lead, days })
}

/// What the wire-version rule sees in two articles.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Verdict {
    /// Both open with a dateline of the same agency.
    pub(crate) same_agency: bool,
    /// The datelines share a place (or neither names one).
    pub(crate) same_place: bool,
    /// Days between the dates, when both are dated.
    pub(crate) days: Option<i64>,
    /// How alike the leads are.
    pub(crate) lead: f64,
    /// The money figures of the two leads do not disagree.
    pub(crate) figures_agree: bool,
}

impl Verdict {
    /// Whether the rule joins the two.
    pub(crate) fn linked(&self) -> bool {
        self.same_agency
            && self.same_place
            && self.days.is_some_and(|d| d <= MAX_DAYS)
            && self.lead >= LEAD_ALIKE
            && self.figures_agree
    }
}

/// The wire-version rule applied to two articles.
pub(crate) fn verdict(x: &Facts<'_>, y: &Facts<'_>) -> Verdict {
    let (dx, dy) = (x.dateline.as_ref(), y.dateline.as_ref());
    let same_agency = dx.zip(dy).is_some_and(|(dx, dy)| dx.agency == dy.agency);
    let same_place = dx.zip(dy).is_some_and(|(dx, dy)| {
        (dx.places.is_empty() && dy.places.is_empty()) || dx.places.iter().any(|p| dy.places.contains(p))
    });
    let figures_agree = x.lead_figures.is_empty()
        || y.lead_figures.is_empty()
        || share_a_figure(&x.lead_figures, &y.lead_figures);
    let long_enough = x.lead.len() >= MIN_LEAD_WORDS && y.lead.len() >= MIN_LEAD_WORDS;
    Verdict {
        same_agency,
        same_place,
        days: x.day.zip(y.day).map(|(a, b)| (a - b).abs()),
        lead: if same_agency && long_enough { alike(&x.lead, &y.lead) } else { 0.0 },
        figures_agree,
    }
}

/// `LCS / min(|a|, |b|)` of two word sequences: 1 when the shorter is in the longer in order.
pub(crate) fn alike(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut row = vec![0u16; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    f64::from(row[b.len()]) / a.len().min(b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::facts::{split_dateline, Facts, Known};

    fn words(text: &str) -> Vec<u64> {
        crate::dedup::normal::normalize(text)
            .split(' ')
            .map(|w| xxhash_rust::xxh3::xxh3_64(w.as_bytes()))
            .collect()
    }

    fn facts(paragraph: &str, day: i64) -> Facts<'static> {
        let (dateline, lead) = match split_dateline(paragraph) {
            Some((d, lead)) => (Some(d), lead),
            None => (None, paragraph),
        };
        Facts::from(Known { dateline, lead: words(lead), day: Some(day), ..Known::default() })
    }

    #[test]
    fn leads_alike_in_order() {
        let a = words("the company said on monday it would invest more in data centres");
        assert_eq!(alike(&a, &a), 1.0);
        let b = words("the company said it would invest more in data centres this year");
        assert!(alike(&a, &b) > 0.8);
        let other = words("the company said on monday its shares would be listed in hong kong");
        assert!(alike(&a, &other) < 0.6, "{}", alike(&a, &other));
        assert_eq!(alike(&a, &[]), 0.0);
    }

    #[test]
    fn a_first_take_and_its_update_are_linked_other_stories_are_not() {
        let first = "HANGZHOU, Feb 24 (Meridian Wire) - Alibaba plans to invest at least 380 billion yuan in cloud computing and AI infrastructure over the next three years, the company said.";
        let update = "HANGZHOU/HONG KONG, Feb 24 (Meridian Wire) - Alibaba Group plans to invest at least 380 billion yuan in cloud computing and artificial intelligence infrastructure over the next three years, the company said on Monday.";
        let other = "HANGZHOU, Feb 25 (Meridian Wire) - Alibaba shares fell 3% on Tuesday after the company said its cloud unit would raise prices for storage services next quarter.";
        let later = "HANGZHOU, Mar 3 (Meridian Wire) - Alibaba plans to invest at least 380 billion yuan in cloud computing and AI infrastructure over the next three years, the company said.";
        let elsewhere = "BEIJING, Feb 24 (Meridian Wire) - Alibaba plans to invest at least 380 billion yuan in cloud computing and AI infrastructure over the next three years, the company said.";
        let agency = "HANGZHOU, Feb 24 (Pacific Newswire) - Alibaba plans to invest at least 380 billion yuan in cloud computing and AI infrastructure over the next three years, the company said.";
        let all = [
            facts(first, 100),
            facts(update, 100),
            facts(other, 101),
            facts(later, 107),
            facts(elsewhere, 100),
            facts(agency, 100),
        ];
        let found = links(&all, &[0; 6]);
        assert_eq!(found.iter().map(|l| (l.a, l.b)).collect::<Vec<_>>(), vec![(0, 1)], "{found:?}");
        // Another language is never compared.
        assert!(links(&all[..2], &[0, 1]).is_empty());
    }
}
