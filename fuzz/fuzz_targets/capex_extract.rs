//! Fuzz target: money figures in article text, attributed to a small company registry.
#![no_main]

use capbrief::capex::extract::extract_figures;
use capbrief::capex::Registry;
use capbrief::config::CompanyConfig;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static REGISTRY: OnceLock<Registry> = OnceLock::new();

fn company(name: &str, aliases: &[&str], tickers: &[&str], fy: Option<u8>) -> CompanyConfig {
    CompanyConfig {
        name: name.into(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        tickers: tickers.iter().map(|s| s.to_string()).collect(),
        fiscal_year_end: fy,
        ..Default::default()
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let registry = REGISTRY.get_or_init(|| {
        Registry::new(&[
            company("Alibaba", &["Alibaba Group Holding Ltd", "阿里巴巴"], &["BABA", "9988.HK"], Some(3)),
            company("Microsoft", &["MSFT Corp"], &["MSFT"], Some(6)),
            company("Meta", &["Facebook"], &["META"], None),
            company("Tencent", &["腾讯"], &["0700.HK"], None),
        ])
    });
    let figures = extract_figures(text, registry);
    let mut last = 0;
    for f in &figures {
        assert!(f.offset >= last && f.offset < text.len(), "offset {} out of order/range", f.offset);
        assert!(text.is_char_boundary(f.offset), "offset splits a char");
        assert!(text[f.offset..].starts_with(&f.text), "figure text is not at its offset");
        assert!(!f.amount.is_nan() && f.amount >= 0.0, "amount {} from {:?}", f.amount, f.text);
        assert_eq!(f.currency.len(), 3, "currency {:?} is not an ISO code", f.currency);
        if let Some(c) = &f.company {
            assert!(registry.resolve(c).is_some(), "unregistered company {c:?}");
        }
        last = f.offset;
    }
});
