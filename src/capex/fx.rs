//! Currency conversion to US dollars at the rate of the month a commitment was announced: a
//! bundled table of monthly averages (`fx_monthly.csv`, made by `scripts/fx-monthly.py`),
//! under the site's own `fx:` rates. Each rate says where it comes from, for the notes under
//! tables and the data downloads.

use crate::config::FxConfig;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// The bundled monthly averages: currency units per US dollar, one row per month.
const MONTHLY: &str = include_str!("fx_monthly.csv");

/// Currencies the bundled table holds at their official dollar peg rather than a market
/// average.
const PEGGED: &[&str] = &["AED", "SAR"];

/// Who publishes the bundled rates, for notes and data files.
pub const BUNDLED_SOURCE: &str = "Federal Reserve Board, H.10/G.5 monthly averages";

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// The year.
    pub year: i16,
    /// The month, 1–12.
    pub month: i8,
}

impl YearMonth {
    /// The month `date` falls in.
    pub fn of(date: Date) -> Self {
        YearMonth { year: date.year(), month: date.month() }
    }

    /// Reads `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Self> {
        let (y, m) = s.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let (year, month) = (y.parse::<i16>().ok()?, m.parse::<i8>().ok()?);
        (1..=12).contains(&month).then_some(YearMonth { year, month })
    }

    /// Its first day.
    pub fn first_day(self) -> Option<Date> {
        Date::new(self.year, self.month, 1).ok()
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Where a rate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RateSource {
    /// A US dollar amount: nothing to convert.
    Par,
    /// The bundled table's monthly average.
    Bundled,
    /// The bundled table's official peg.
    Peg,
    /// The site's `fx:` in config.yaml.
    Site,
}

impl RateSource {
    /// Its name in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            RateSource::Par => "par",
            RateSource::Bundled => "bundled",
            RateSource::Peg => "peg",
            RateSource::Site => "site",
        }
    }
}

/// One currency's rate as used for one conversion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// US dollars per unit.
    pub usd_per_unit: f64,
    /// The month the rate is the average of (monthly rates).
    pub month: Option<YearMonth>,
    /// The date a site's single rate is from (`fx.rates` with `fx.as_of`).
    pub as_of: Option<Date>,
    /// Where it comes from.
    pub source: RateSource,
    /// The announcement fell outside the bundled table: the nearest month's rate stands in.
    pub nearest: bool,
}

impl Rate {
    const PAR: Rate =
        Rate { usd_per_unit: 1.0, month: None, as_of: None, source: RateSource::Par, nearest: false };

    /// When the rate is from: `2025-02` for a monthly rate, `2025-06-30` for a dated one.
    pub fn basis(&self) -> Option<String> {
        match (self.month, self.as_of) {
            (Some(m), _) => Some(m.to_string()),
            (None, Some(d)) => Some(d.to_string()),
            (None, None) => None,
        }
    }
}

/// The rates a build converts with.
#[derive(Debug, Clone, Default)]
pub struct FxTable {
    /// The bundled table's months, oldest first.
    months: Vec<YearMonth>,
    /// The bundled US dollars per unit, by currency, one per month of `months`.
    bundled: BTreeMap<String, Vec<f64>>,
    /// The site's single rates and their date.
    site: BTreeMap<String, (f64, Option<Date>)>,
    /// The site's monthly rates.
    site_monthly: BTreeMap<(YearMonth, String), f64>,
}

/// The bundled table: its months and, per currency, US dollars per unit for each.
fn bundled() -> (Vec<YearMonth>, BTreeMap<String, Vec<f64>>) {
    let mut lines = MONTHLY.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let Some(header) = lines.next() else { return Default::default() };
    let codes: Vec<&str> = header.split(',').skip(1).collect();
    let mut months = Vec::new();
    let mut columns: Vec<Vec<f64>> = vec![Vec::new(); codes.len()];
    for line in lines {
        let mut cells = line.split(',');
        let Some(month) = cells.next().and_then(YearMonth::parse) else { continue };
        let values: Vec<f64> = cells.filter_map(|c| c.trim().parse::<f64>().ok()).collect();
        // A row with a missing or unreadable cell is left out whole (a test checks none is).
        if values.len() != codes.len() || values.iter().any(|v| !(v.is_finite() && *v > 0.0)) {
            continue;
        }
        months.push(month);
        for (column, per_usd) in columns.iter_mut().zip(values) {
            column.push(1.0 / per_usd);
        }
    }
    (months, codes.into_iter().map(String::from).zip(columns).collect())
}

/// An ISO 4217 code as written in config, upper-cased, or `None` when it is not one.
fn currency_code(code: &str) -> Option<String> {
    let upper = code.trim().to_uppercase();
    (upper.len() == 3 && upper.chars().all(|c| c.is_ascii_alphabetic())).then_some(upper)
}

/// `code` upper-cased when it is an ISO 4217 code and `usd` a positive rate, else the
/// problem with the key it was found under.
fn checked(code: &str, usd: f64, key: &str) -> Result<String, String> {
    let Some(upper) = currency_code(code) else {
        return Err(format!("`{key}`: `{code}` is not an ISO 4217 currency code"));
    };
    if !(usd.is_finite() && usd > 0.0) {
        return Err(format!("`{key}.{code}` must be a positive number of US dollars"));
    }
    Ok(upper)
}

impl FxTable {
    /// The bundled monthly table, then the site's `fx:` rates over it. Returns the problems
    /// found in `fx:` as messages (the caller locates them in config.yaml).
    pub fn new(config: Option<&FxConfig>) -> (FxTable, Vec<String>) {
        let (months, bundled) = bundled();
        let mut table = FxTable { months, bundled, ..FxTable::default() };
        let mut problems = Vec::new();
        let Some(fx) = config else { return (table, problems) };
        let as_of = match fx.as_of.as_deref() {
            Some(text) => match text.trim().parse::<Date>() {
                Ok(d) => Some(d),
                Err(_) => {
                    problems.push(format!("`fx.as_of` must be a date as YYYY-MM-DD, found `{text}`"));
                    None
                }
            },
            None if !fx.rates.is_empty() => {
                problems.push(
                    "`fx.rates` needs `fx.as_of`, the date the rates are from (YYYY-MM-DD)".to_string(),
                );
                None
            }
            None => None,
        };
        for (code, &usd) in &fx.rates {
            match checked(code, usd, "fx.rates") {
                Ok(upper) => drop(table.site.insert(upper, (usd, as_of))),
                Err(p) => problems.push(p),
            }
        }
        for (month_text, rates) in &fx.monthly {
            let Some(month) = YearMonth::parse(month_text) else {
                problems.push(format!("`fx.monthly`: `{month_text}` is not a month written as YYYY-MM"));
                continue;
            };
            for (code, &usd) in rates {
                match checked(code, usd, &format!("fx.monthly.{month_text}")) {
                    Ok(upper) => drop(table.site_monthly.insert((month, upper), usd)),
                    Err(p) => problems.push(p),
                }
            }
        }
        (table, problems)
    }

    /// The rate to convert `currency` (ISO 4217) at for a commitment announced on `date`:
    /// the site's rate for that month, else the site's single rate, else the bundled
    /// average for that month (the nearest month's when the table does not reach it).
    pub fn rate_at(&self, currency: &str, date: Date) -> Option<Rate> {
        if currency == "USD" {
            return Some(Rate::PAR);
        }
        let month = YearMonth::of(date);
        if let Some(&usd) = self.site_monthly.get(&(month, currency.to_string())) {
            return Some(Rate {
                usd_per_unit: usd,
                month: Some(month),
                as_of: None,
                source: RateSource::Site,
                nearest: false,
            });
        }
        if let Some(&(usd, as_of)) = self.site.get(currency) {
            return Some(Rate {
                usd_per_unit: usd,
                month: None,
                as_of,
                source: RateSource::Site,
                nearest: false,
            });
        }
        let column = self.bundled.get(currency)?;
        let (i, nearest) = match self.months.binary_search(&month) {
            Ok(i) => (i, false),
            Err(i) => (i.min(self.months.len().checked_sub(1)?), true),
        };
        let source = if PEGGED.contains(&currency) { RateSource::Peg } else { RateSource::Bundled };
        Some(Rate {
            usd_per_unit: *column.get(i)?,
            month: self.months.get(i).copied(),
            as_of: None,
            source,
            // A peg holds every month.
            nearest: nearest && source == RateSource::Bundled,
        })
    }

    /// The newest rate of `currency` (ISO 4217), if known: for conversions with no date.
    pub fn rate(&self, currency: &str) -> Option<Rate> {
        let latest = self.months.last().and_then(|m| m.first_day()).unwrap_or_default();
        self.rate_at(currency, latest)
    }

    /// Every known currency code.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        let mut codes: Vec<&str> = self.bundled.keys().chain(self.site.keys()).map(String::as_str).collect();
        codes.extend(self.site_monthly.keys().map(|(_, c)| c.as_str()));
        codes.push("USD");
        codes.sort_unstable();
        codes.dedup();
        codes.into_iter()
    }

    /// The first and last month of the bundled table.
    pub fn bundled_months(&self) -> Option<(YearMonth, YearMonth)> {
        Some((*self.months.first()?, *self.months.last()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_bundled_table_is_whole_and_plausible() {
        let (months, bundled) = bundled();
        let rows = MONTHLY.lines().filter(|l| !l.starts_with('#')).count() - 1;
        assert_eq!(months.len(), rows, "every row of fx_monthly.csv reads");
        assert!(months.windows(2).all(|w| w[0] < w[1]), "months ascend without repeats");
        let (first, last) = (months[0], months[months.len() - 1]);
        assert!(first <= YearMonth { year: 2023, month: 1 } && last >= YearMonth { year: 2026, month: 1 });
        // Consecutive months, no gap.
        for w in months.windows(2) {
            let next = if w[0].month == 12 {
                YearMonth { year: w[0].year + 1, month: 1 }
            } else {
                YearMonth { year: w[0].year, month: w[0].month + 1 }
            };
            assert_eq!(w[1], next);
        }
        for code in
            ["CNY", "JPY", "KRW", "EUR", "GBP", "INR", "TWD", "HKD", "SAR", "AED", "SGD", "AUD", "CAD", "MYR"]
        {
            assert!(bundled.contains_key(code), "{code}");
        }
        // Published figures: the Fed's G.5 of July 2024 gives June 2024's averages.
        let fx = FxTable::new(None).0;
        let june = date(2024, 6, 14);
        let per_usd = |c: &str| 1.0 / fx.rate_at(c, june).unwrap().usd_per_unit;
        assert!((per_usd("CNY") - 7.2547).abs() < 1e-9);
        assert!((per_usd("JPY") - 157.86).abs() < 1e-9);
        assert!((per_usd("TWD") - 32.3768).abs() < 1e-9);
        assert!((per_usd("MYR") - 4.7095).abs() < 1e-9);
        assert!((fx.rate_at("EUR", june).unwrap().usd_per_unit - 1.0763).abs() < 1e-4);
        assert_eq!(fx.rate_at("SAR", june).unwrap().source, RateSource::Peg);
        assert!((per_usd("SAR") - 3.75).abs() < 1e-12);
    }

    #[test]
    fn a_commitment_converts_at_its_month_and_outside_the_table_at_the_nearest() {
        let fx = FxTable::new(None).0;
        let feb = fx.rate_at("CNY", date(2025, 2, 24)).unwrap();
        let aug = fx.rate_at("CNY", date(2025, 8, 29)).unwrap();
        assert_eq!(feb.month, Some(YearMonth { year: 2025, month: 2 }));
        assert_ne!(feb.usd_per_unit, aug.usd_per_unit);
        assert!(!feb.nearest && feb.source == RateSource::Bundled);
        let (first, last) = fx.bundled_months().unwrap();
        let before = fx.rate_at("CNY", date(2001, 1, 1)).unwrap();
        assert_eq!((before.month, before.nearest), (Some(first), true));
        let after = fx.rate_at("CNY", date(2040, 1, 1)).unwrap();
        assert_eq!((after.month, after.nearest), (Some(last), true));
        assert_eq!(fx.rate("CNY").map(|r| r.month), Some(Some(last)));
        assert_eq!(fx.rate_at("USD", date(2025, 1, 1)).unwrap().source, RateSource::Par);
        assert!(fx.rate_at("XYZ", date(2025, 1, 1)).is_none());
    }

    #[test]
    fn config_rates_come_before_the_bundled_table_and_monthly_ones_before_both() {
        let cfg = FxConfig {
            as_of: Some("2025-02-24".into()),
            rates: [("CNY".to_string(), 0.137), ("chf".to_string(), 1.1)].into_iter().collect(),
            monthly: [("2025-03".to_string(), [("CNY".to_string(), 0.138)].into_iter().collect())]
                .into_iter()
                .collect(),
        };
        let (fx, problems) = FxTable::new(Some(&cfg));
        assert!(problems.is_empty(), "{problems:?}");
        let jan = fx.rate_at("CNY", date(2025, 1, 10)).unwrap();
        assert_eq!(
            (jan.usd_per_unit, jan.as_of, jan.source),
            (0.137, Some(date(2025, 2, 24)), RateSource::Site)
        );
        assert_eq!(jan.basis().as_deref(), Some("2025-02-24"));
        let march = fx.rate_at("CNY", date(2025, 3, 10)).unwrap();
        assert_eq!((march.usd_per_unit, march.basis().as_deref()), (0.138, Some("2025-03")));
        assert_eq!(fx.rate_at("EUR", date(2025, 3, 10)).unwrap().source, RateSource::Bundled);
        assert!(fx.rate_at("CHF", date(2025, 3, 10)).is_some_and(|r| r.usd_per_unit == 1.1));
        assert!(fx.codes().any(|c| c == "CHF"));
    }

    #[test]
    fn bad_config_rates_are_reported() {
        let cfg = FxConfig {
            as_of: Some("yesterday".into()),
            rates: [("CNY".to_string(), -1.0), ("euro".to_string(), 1.1)].into_iter().collect(),
            monthly: [("2025-13".to_string(), BTreeMap::new())].into_iter().collect(),
        };
        let (_, problems) = FxTable::new(Some(&cfg));
        assert_eq!(problems.len(), 4, "{problems:?}");
        let no_date =
            FxConfig { rates: [("CNY".to_string(), 0.14)].into_iter().collect(), ..FxConfig::default() };
        assert_eq!(FxTable::new(Some(&no_date)).1.len(), 1);
    }
}
