//! Fuzz target: the capex money amount readers (`parse_amount` for front matter, `scan` for text).
#![no_main]

use capbrief::capex::amount::{parse_amount, scan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(m) = parse_amount(text) {
        assert!(m.low.is_finite() && m.low > 0.0, "accepted amount {} from {text:?}", m.low);
        if let Some(h) = m.high {
            assert!(h.is_finite() && h >= m.low, "range {}..{h} from {text:?}", m.low);
        }
    }
    let mut last_end = 0;
    for m in scan(text) {
        assert!(m.start >= last_end && m.start < m.end && m.end <= text.len(), "bad span {m:?}");
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end), "span splits a char");
        assert!(m.currency.is_some(), "scan returned an amount without currency");
        assert!(!m.low.is_nan() && m.low >= 0.0, "amount {} from {text:?}", m.low);
        last_end = m.end;
    }
});
