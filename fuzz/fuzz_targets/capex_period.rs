//! Fuzz target: commitment periods (`FY2025`, `over the next three years`), parsed and resolved.
#![no_main]

use capbrief::capex::period::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the company's fiscal year end (0 = none, else a month, possibly bad).
    let Some((&fy, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let Ok(spec) = parse(text) else { return };
    let fiscal_year_end = (fy != 0).then_some(fy % 16);
    for announced in [jiff::civil::date(2025, 2, 24), jiff::civil::date(2024, 12, 31)] {
        if let Ok(p) = spec.resolve(announced, fiscal_year_end) {
            assert!(p.first_year <= p.last_year, "backwards period {p:?} from {text:?}");
            assert!(p.years.is_finite() && p.years > 0.0, "period length {} from {text:?}", p.years);
        }
    }
});
