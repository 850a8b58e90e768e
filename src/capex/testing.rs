//! Commitments for unit tests, made as a front matter entry would give them.

use super::{amount, period, Commitment, FxTable};

/// A commitment of `company` of `amount` (as written, in any currency) for `period`,
/// announced on `announced` (`YYYY-MM-DD`), the company's fiscal year ending in month
/// `fy_end` (December when `None`). Its page is empty; set fields with struct update syntax.
pub(crate) fn commitment(
    company: &str,
    amount: &str,
    period: Option<&str>,
    announced: &str,
    fy_end: Option<u8>,
) -> Commitment {
    let money = amount::parse_amount(amount).expect("an amount");
    let currency = money.currency.unwrap_or("USD");
    let announced: jiff::civil::Date = announced.parse().expect("a date");
    let fx = FxTable::new(None).0.rate_at(currency, announced).expect("a rate");
    let rate = fx.usd_per_unit;
    let resolved =
        period.map(|p| period::parse(p).expect("a period").resolve(announced, fy_end).expect("resolved"));
    Commitment {
        page: String::new(),
        entry: 0,
        company: company.into(),
        company_slug: crate::paths::term_slug(company),
        amount_text: amount.into(),
        amount: money.low,
        amount_high: money.high,
        currency: currency.into(),
        usd: money.low * rate,
        usd_high: money.high.map(|h| h * rate),
        fx,
        period_text: period.map(String::from),
        period: resolved,
        announced,
        scope: None,
        places: Vec::new(),
        quote: None,
        qualifier: None,
        unit: money.unit,
        drafted: false,
        pin: false,
        per_year: false,
        source_name: None,
        source_url: None,
    }
}
