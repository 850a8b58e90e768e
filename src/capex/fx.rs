//! Currency conversion to US dollars: embedded reference rates for the common currencies,
//! overridden or extended by `fx:` in config, each rate keeping the date it is from.

use crate::config::FxConfig;
use std::collections::BTreeMap;

/// The date the embedded rates are from.
pub const DEFAULT_AS_OF: &str = "2025-06-30";

/// US dollars per unit, rounded reference rates of [`DEFAULT_AS_OF`] (month-end market rates).
const DEFAULT_RATES: &[(&str, f64)] = &[
    ("USD", 1.0),
    ("CNY", 0.1396),
    ("EUR", 1.1787),
    ("HKD", 0.1274),
    ("JPY", 0.006_948),
    ("GBP", 1.3731),
    ("KRW", 0.000_740),
    ("INR", 0.011_67),
    ("TWD", 0.034_25),
];

/// One currency's rate and where it comes from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Rate {
    /// US dollars per unit.
    pub usd_per_unit: f64,
    /// `YYYY-MM-DD` the rate is from.
    pub as_of: String,
    /// Whether the site's config set it (else it is an embedded default).
    pub from_config: bool,
}

/// The rates a build converts with.
#[derive(Debug, Clone, Default)]
pub struct FxTable {
    rates: BTreeMap<String, Rate>,
}

impl FxTable {
    /// Embedded defaults, then the site's `fx:` rates on top. Returns the problems found in
    /// `fx:` as messages (the caller locates them in config.yaml).
    pub fn new(config: Option<&FxConfig>) -> (FxTable, Vec<String>) {
        let mut rates: BTreeMap<String, Rate> = DEFAULT_RATES
            .iter()
            .map(|&(code, usd)| {
                (
                    code.to_string(),
                    Rate { usd_per_unit: usd, as_of: DEFAULT_AS_OF.into(), from_config: false },
                )
            })
            .collect();
        let mut problems = Vec::new();
        if let Some(fx) = config {
            if fx.as_of.parse::<jiff::civil::Date>().is_err() {
                problems.push(format!("`fx.as_of` must be a date as YYYY-MM-DD, found `{}`", fx.as_of));
            }
            for (code, &usd) in &fx.rates {
                let upper = code.trim().to_uppercase();
                if upper.len() != 3 || !upper.chars().all(|c| c.is_ascii_alphabetic()) {
                    problems.push(format!("`fx.rates`: `{code}` is not an ISO 4217 currency code"));
                } else if !(usd.is_finite() && usd > 0.0) {
                    problems.push(format!("`fx.rates.{code}` must be a positive number of US dollars"));
                } else {
                    rates.insert(
                        upper,
                        Rate { usd_per_unit: usd, as_of: fx.as_of.clone(), from_config: true },
                    );
                }
            }
        }
        (FxTable { rates }, problems)
    }

    /// The rate of `currency` (ISO 4217), if known.
    pub fn rate(&self, currency: &str) -> Option<&Rate> {
        self.rates.get(currency)
    }

    /// Every known currency code.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.rates.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_overrides_and_extends_defaults() {
        let cfg = FxConfig {
            as_of: "2025-02-24".into(),
            rates: [("CNY".to_string(), 0.137), ("CHF".to_string(), 1.1)].into_iter().collect(),
        };
        let (fx, problems) = FxTable::new(Some(&cfg));
        assert!(problems.is_empty());
        assert_eq!(fx.rate("CNY").map(|r| (r.usd_per_unit, r.as_of.as_str())), Some((0.137, "2025-02-24")));
        assert_eq!(fx.rate("EUR").map(|r| r.as_of.as_str()), Some(DEFAULT_AS_OF));
        assert!(fx.rate("CHF").is_some());
        assert!(fx.rate("XYZ").is_none());
    }

    #[test]
    fn bad_config_rates_are_reported() {
        let cfg = FxConfig {
            as_of: "yesterday".into(),
            rates: [("CNY".to_string(), -1.0), ("euro".to_string(), 1.1)].into_iter().collect(),
        };
        let (_, problems) = FxTable::new(Some(&cfg));
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
