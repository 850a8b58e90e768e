//! Who spends what per calendar year: each company's commitments spread evenly over the
//! months they cover and summed into calendar years, for the site-wide chart on `/compare/`
//! and the home page. Where a company's commitments cover the same month (a forecast and its
//! revision, a fiscal year and a multi-year plan), the latest announced counts there, so
//! nothing is counted twice.

use super::Commitment;
use std::collections::BTreeMap;

/// One company's dollars by year.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyYears {
    /// Canonical name.
    pub company: String,
    /// URL slug.
    pub slug: String,
    /// US dollars (midpoint of ranges) for each year of [`YearTable::years`].
    pub values: Vec<f64>,
}

/// Dollars by company and calendar year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct YearTable {
    /// The years shown, in order, consecutive.
    pub years: Vec<i32>,
    /// Companies with money in those years, most money first (then by name).
    pub companies: Vec<CompanyYears>,
    /// Some commitments cover years before the first shown.
    pub earlier: bool,
    /// Some commitments cover years after the last shown.
    pub later: bool,
}

/// The months a commitment covers (as `year * 12 + month - 1`) and its dollars per month:
/// its period's months from the first, as many as its length in years says (a span of 18
/// months from 2025 covers January 2025 to June 2026).
fn monthly(c: &Commitment) -> Option<(i32, i32, f64)> {
    let p = c.period.as_ref()?;
    let months = (p.years * 12.0).round() as i32;
    if months <= 0 {
        return None;
    }
    let (start, _) = p.months();
    Some((start, start + months - 1, c.usd_mid() / f64::from(months)))
}

/// The dollars of each company (`history`: its commitments, oldest announced first) by
/// calendar year, over at most `max_years` consecutive years: the years covered, starting no
/// earlier than the year before `current_year` when there are more.
pub fn by_year<'c>(
    histories: impl IntoIterator<Item = &'c [&'c Commitment]>,
    max_years: usize,
    current_year: Option<i32>,
) -> YearTable {
    let mut per_company: Vec<(String, String, BTreeMap<i32, f64>)> = Vec::new();
    for history in histories {
        let Some(first) = history.first() else { continue };
        // Month → dollars of the latest announced commitment covering it. The history is in
        // announcement order, so a later one simply overwrites.
        let mut months: BTreeMap<i32, f64> = BTreeMap::new();
        for c in history {
            if let Some((from, to, per_month)) = monthly(c) {
                for m in from..=to {
                    months.insert(m, per_month);
                }
            }
        }
        let mut years: BTreeMap<i32, f64> = BTreeMap::new();
        for (m, usd) in months {
            *years.entry(m.div_euclid(12)).or_default() += usd;
        }
        if !years.is_empty() {
            per_company.push((first.company.clone(), first.company_slug.clone(), years));
        }
    }
    let (Some(min), Some(max)) = (
        per_company.iter().filter_map(|(_, _, y)| y.keys().next().copied()).min(),
        per_company.iter().filter_map(|(_, _, y)| y.keys().next_back().copied()).max(),
    ) else {
        return YearTable::default();
    };
    let span = usize::try_from(max - min + 1).unwrap_or(0);
    let first = if span > max_years {
        let latest_start = max - i32::try_from(max_years).unwrap_or(1) + 1;
        current_year.map_or(min, |y| (y - 1).clamp(min, latest_start))
    } else {
        min
    };
    let last = (first + i32::try_from(max_years).unwrap_or(1) - 1).min(max);
    let years: Vec<i32> = (first..=last).collect();
    let mut companies: Vec<CompanyYears> = per_company
        .into_iter()
        .map(|(company, slug, by)| CompanyYears {
            values: years.iter().map(|y| by.get(y).copied().unwrap_or(0.0)).collect(),
            company,
            slug,
        })
        .filter(|c| c.values.iter().any(|v| *v > 0.0))
        .collect();
    let total = |c: &CompanyYears| c.values.iter().sum::<f64>();
    companies.sort_by(|a, b| total(b).total_cmp(&total(a)).then_with(|| a.company.cmp(&b.company)));
    YearTable { years, companies, earlier: first > min, later: last < max }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capex::{amount, period, FxTable};

    fn c(company: &str, usd: &str, period_text: &str, announced: &str, fy_end: Option<u8>) -> Commitment {
        let money = amount::parse_amount(usd).unwrap();
        let announced: jiff::civil::Date = announced.parse().unwrap();
        Commitment {
            page: "a.md".into(),
            entry: 0,
            company: company.into(),
            company_slug: crate::paths::term_slug(company),
            amount_text: usd.into(),
            amount: money.low,
            amount_high: money.high,
            currency: "USD".into(),
            usd: money.low,
            usd_high: money.high,
            fx: FxTable::new(None).0.rate("USD").unwrap(),
            period_text: Some(period_text.into()),
            period: Some(period::parse(period_text).unwrap().resolve(announced, fy_end).unwrap()),
            announced,
            scope: None,
            places: Vec::new(),
            quote: None,
            qualifier: None,
            unit: 1e9,
            drafted: false,
            pin: false,
            per_year: false,
            source_name: None,
            source_url: None,
        }
    }

    #[test]
    fn commitments_spread_over_their_months_and_the_latest_counts_where_they_overlap() {
        let alphabet = [
            c("Alphabet", "$75 billion", "2025", "2025-02-04", None),
            c("Alphabet", "$85 billion", "2025", "2025-07-23", None),
        ];
        // Microsoft's FY2025 runs July 2024 to June 2025: half in each calendar year.
        let microsoft = [c("Microsoft", "$80 billion", "FY2025", "2025-01-03", Some(6))];
        let stargate = [c("Stargate", "$500 billion", "over the next four years", "2025-01-21", None)];
        let a: Vec<&Commitment> = alphabet.iter().collect();
        let m: Vec<&Commitment> = microsoft.iter().collect();
        let s: Vec<&Commitment> = stargate.iter().collect();
        let table = by_year([&a[..], &m[..], &s[..]], 6, Some(2025));
        assert_eq!(table.years, [2024, 2025, 2026, 2027, 2028]);
        let row = |name: &str| table.companies.iter().find(|c| c.company == name).unwrap().values.clone();
        let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1.0);
        assert!(close(&row("Alphabet"), &[0.0, 85e9, 0.0, 0.0, 0.0]), "the revision replaces the forecast");
        assert!(close(&row("Microsoft"), &[40e9, 40e9, 0.0, 0.0, 0.0]));
        assert!(close(&row("Stargate"), &[0.0, 125e9, 125e9, 125e9, 125e9]));
        assert_eq!(table.companies[0].company, "Stargate", "most money first");
        assert!(!table.earlier && !table.later);
        // Three years at most, from the year before the current one.
        let short = by_year([&a[..], &m[..], &s[..]], 3, Some(2026));
        assert_eq!(short.years, [2025, 2026, 2027]);
        assert!(short.earlier && short.later);
    }
}
