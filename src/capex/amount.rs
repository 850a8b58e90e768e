//! Money amounts as written: `$53B`, `US$80bn`, `RMB 380 billion`, `150 billion yuan`,
//! `€20 billion`, ranges (`$60-65 billion`). One scanner serves front matter and article text.

/// A money amount found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    /// Byte offset where the amount starts (its currency symbol or first digit).
    pub start: usize,
    /// Byte offset just after the amount (its scale word or currency name).
    pub end: usize,
    /// The amount in currency units (the low end of a range).
    pub low: f64,
    /// The high end of a range.
    pub high: Option<f64>,
    /// ISO 4217 code, when a symbol or currency name said which.
    pub currency: Option<&'static str>,
    /// Whether a scale word (`billion`, `bn`, `M`) was written.
    pub scaled: bool,
}

/// Symbols and codes written before the number, longest first.
const PREFIXES: &[(&str, &str)] = &[
    ("U.S.$", "USD"),
    ("US$", "USD"),
    ("HK$", "HKD"),
    ("NT$", "TWD"),
    ("RMB", "CNY"),
    ("CNY", "CNY"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("HKD", "HKD"),
    ("JPY", "JPY"),
    ("GBP", "GBP"),
    ("KRW", "KRW"),
    ("INR", "INR"),
    ("TWD", "TWD"),
    ("Rs.", "INR"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₩", "KRW"),
    ("₹", "INR"),
];

/// First characters of [`PREFIXES`], for a quick test while scanning.
const PREFIX_STARTS: &str = "UHNRCEJGKIT$€£¥₩₹";

/// Currency names written after the number (matched without regard to case), longest first.
const SUFFIXES: &[(&str, &str)] = &[
    ("new taiwan dollars", "TWD"),
    ("hong kong dollars", "HKD"),
    ("taiwan dollars", "TWD"),
    ("us dollars", "USD"),
    ("u.s. dollars", "USD"),
    ("renminbi", "CNY"),
    ("dollars", "USD"),
    ("rupees", "INR"),
    ("pounds", "GBP"),
    ("euros", "EUR"),
    ("yuan", "CNY"),
    ("euro", "EUR"),
    ("yen", "JPY"),
    ("won", "KRW"),
    ("rmb", "CNY"),
    ("cny", "CNY"),
    ("usd", "USD"),
    ("eur", "EUR"),
    ("hkd", "HKD"),
    ("jpy", "JPY"),
    ("gbp", "GBP"),
    ("krw", "KRW"),
    ("inr", "INR"),
    ("twd", "TWD"),
];

/// Scale words; single letters only count when written against the number (`$53B`).
const SCALES: &[(&str, f64, bool)] = &[
    ("trillion", 1e12, false),
    ("billion", 1e9, false),
    ("million", 1e6, false),
    ("thousand", 1e3, false),
    ("trn", 1e12, false),
    ("tn", 1e12, false),
    ("bln", 1e9, false),
    ("bn", 1e9, false),
    ("mln", 1e6, false),
    ("mn", 1e6, false),
    ("b", 1e9, true),
    ("m", 1e6, true),
    ("k", 1e3, true),
];

/// Words before an amount that qualify it without changing it.
pub const QUALIFIERS: &[&str] = &[
    "more than",
    "less than",
    "as much as",
    "as many as",
    "at least",
    "up to",
    "close to",
    "just over",
    "just under",
    "in excess of",
    "approximately",
    "approx.",
    "roughly",
    "around",
    "nearly",
    "almost",
    "about",
    "over",
    "some",
    "circa",
    "c.",
    "~",
    "≈",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn starts_with_ci(text: &str, pat: &str) -> bool {
    text.len() >= pat.len() && text.is_char_boundary(pat.len()) && text[..pat.len()].eq_ignore_ascii_case(pat)
}

fn word_ends_at(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_none_or(|c| !is_word_char(c))
}

fn skip_spaces(text: &str, mut i: usize) -> usize {
    while let Some(c) = text[i..].chars().next() {
        if c == ' ' || c == '\u{a0}' || c == '\u{202f}' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// A number at `i`: `380`, `1,234.5`, `2.5`. Returns (value, end).
fn number(text: &str, i: usize) -> Option<(f64, usize)> {
    let bytes = text.as_bytes();
    if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut j = i;
    let mut digits = String::new();
    let mut seen_dot = false;
    while j < bytes.len() {
        let b = bytes[j];
        if b.is_ascii_digit() {
            digits.push(b as char);
            j += 1;
        } else if b == b','
            && !seen_dot
            && bytes.get(j + 1..j + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !bytes.get(j + 4).is_some_and(u8::is_ascii_digit)
        {
            j += 1;
        } else if b == b'.' && !seen_dot && bytes.get(j + 1).is_some_and(u8::is_ascii_digit) {
            seen_dot = true;
            digits.push('.');
            j += 1;
        } else {
            break;
        }
    }
    // Hundreds of digits overflow to infinity, which is no amount of money.
    digits.parse::<f64>().ok().filter(|v| v.is_finite()).map(|v| (v, j))
}

/// A scale word at `i` (after optional spaces). Returns (multiplier, end).
fn scale(text: &str, i: usize) -> Option<(f64, usize)> {
    let k = skip_spaces(text, i);
    for &(word, mult, attached_only) in SCALES {
        let at = if attached_only { i } else { k };
        if starts_with_ci(&text[at..], word) && word_ends_at(text, at + word.len()) {
            // `$5 m` is ambiguous with a following word; a lone capital letter must touch.
            return Some((mult, at + word.len()));
        }
    }
    None
}

fn prefix(text: &str, i: usize) -> Option<(&'static str, usize)> {
    let rest = &text[i..];
    for &(sym, code) in PREFIXES {
        if rest.starts_with(sym) {
            let alpha = sym.chars().next().is_some_and(char::is_alphabetic);
            if alpha && i > 0 && text[..i].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            let after = skip_spaces(text, i + sym.len());
            if text.as_bytes().get(after).is_some_and(u8::is_ascii_digit) {
                return Some((code, after));
            }
        }
    }
    None
}

fn suffix(text: &str, i: usize) -> Option<(&'static str, usize)> {
    let k = skip_spaces(text, i);
    if k == i && k < text.len() {
        return None;
    }
    SUFFIXES
        .iter()
        .find(|(name, _)| starts_with_ci(&text[k..], name) && word_ends_at(text, k + name.len()))
        .map(|&(name, code)| (code, k + name.len()))
}

/// A number with its optional scale: (value, scaled, end).
fn scaled_number(text: &str, i: usize) -> Option<(f64, Option<f64>, usize)> {
    let (v, end) = number(text, i)?;
    match scale(text, end) {
        Some((m, e)) => Some((v, Some(m), e)),
        None => Some((v, None, end)),
    }
}

/// Reads a money amount starting exactly at byte `i`.
pub fn money_at(text: &str, i: usize) -> Option<Money> {
    let (cur_pre, num_start) = match prefix(text, i) {
        Some((c, at)) => (Some(c), at),
        None => (None, i),
    };
    let (low, low_scale, mut end) = scaled_number(text, num_start)?;
    let mut high = None;
    let mut high_scale = None;
    // A range: `60-65 billion`, `$60 billion to $65 billion`, `60–65`.
    let dash = text[end..].chars().next().filter(|c| matches!(c, '-' | '–' | '—'));
    let sep_end = match dash {
        Some(c) => Some(end + c.len_utf8()),
        None => {
            let k = skip_spaces(text, end);
            (k > end && starts_with_ci(&text[k..], "to ")).then(|| skip_spaces(text, k + 3))
        }
    };
    if let Some(s) = sep_end {
        let s = skip_spaces(text, s);
        let s2 = match prefix(text, s) {
            Some((c, at)) if Some(c) == cur_pre => at,
            Some(_) => usize::MAX,
            None => s,
        };
        if s2 != usize::MAX {
            if let Some((h, hs, e)) = scaled_number(text, s2) {
                let same_kind = cur_pre.is_none() || s2 != s || dash.is_some();
                if same_kind && (hs.is_some() || low_scale.is_none()) {
                    high = Some(h);
                    high_scale = hs;
                    end = e;
                }
            }
        }
    }
    let mult_low = low_scale.or(high_scale).unwrap_or(1.0);
    let mult_high = high_scale.or(low_scale).unwrap_or(1.0);
    let (cur_suf, end) = match suffix(text, end) {
        Some((c, e)) => (Some(c), e),
        None => (None, end),
    };
    let mut low = low * mult_low;
    // A scale word can still push a huge number past the largest float.
    if !low.is_finite() {
        return None;
    }
    let mut high = high.map(|h| h * mult_high).filter(|h| h.is_finite());
    if let Some(h) = high {
        if h < low {
            // `$60-5 billion` is not a range we can trust; keep the first figure only.
            high = None;
        } else if (h - low).abs() < f64::EPSILON {
            high = None;
            low = h;
        }
    }
    Some(Money {
        start: i,
        end,
        low,
        high,
        currency: cur_pre.or(cur_suf),
        scaled: low_scale.is_some() || high_scale.is_some(),
    })
}

/// Every amount with a currency in `text`, left to right.
pub fn scan(text: &str) -> Vec<Money> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let prev = text[..i].chars().next_back();
        let may_start = if c.is_ascii_digit() {
            !prev.is_some_and(|p| is_word_char(p) || p == '.' || p == ',')
        } else {
            // Only where a currency symbol or code can begin.
            PREFIX_STARTS.contains(c) && (!c.is_alphanumeric() || !prev.is_some_and(is_word_char))
        };
        if may_start {
            if let Some(m) = money_at(text, i).filter(|m| m.currency.is_some()) {
                i = m.end.max(i + c.len_utf8());
                out.push(m);
                continue;
            }
        }
        i += c.len_utf8();
    }
    out
}

/// Why a front matter amount could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum AmountError {
    /// No number at all (`lots`).
    NotAnAmount,
    /// A symbol or code capbrief does not know (`₿5 billion`, `XYZ 5 billion`).
    UnknownSymbol(String),
    /// Text left over after the amount (`$5 billion per quarter`).
    Trailing(String),
    /// Zero or negative.
    NotPositive,
    /// So many digits that the number is beyond any amount of money (and any float).
    TooLarge,
}

/// A front matter `amount:` string: qualifiers (`about`, `more than`) are dropped, the rest
/// must be exactly one amount.
pub fn parse_amount(text: &str) -> Result<Money, AmountError> {
    let mut s = text.trim();
    let mut negative = false;
    loop {
        let before = s;
        for q in QUALIFIERS {
            if starts_with_ci(s, q) && (q.ends_with(['.', '~', '≈']) || word_ends_at(s, q.len())) {
                s = s[q.len()..].trim_start();
            }
        }
        if let Some(rest) = s.strip_prefix(['-', '−']) {
            negative = true;
            s = rest.trim_start();
        }
        if s == before {
            break;
        }
    }
    match money_at(s, 0) {
        Some(m) => {
            let rest = s[m.end..].trim().trim_end_matches(['.', ',', ';']);
            if !rest.is_empty() {
                return Err(AmountError::Trailing(rest.to_string()));
            }
            if negative || m.low <= 0.0 {
                return Err(AmountError::NotPositive);
            }
            Ok(m)
        }
        None => {
            let Some(digit) = s.find(|c: char| c.is_ascii_digit()) else {
                return Err(AmountError::NotAnAmount);
            };
            let symbol = s[..digit].trim();
            if overflows(s, digit) {
                Err(AmountError::TooLarge)
            } else if symbol.is_empty() {
                Err(AmountError::NotAnAmount)
            } else {
                Err(AmountError::UnknownSymbol(symbol.to_string()))
            }
        }
    }
}

/// Whether the number at `i` (a digit) is too large for a float, alone or with its scale.
fn overflows(text: &str, i: usize) -> bool {
    match number(text, i) {
        None => true,
        Some((v, end)) => scale(text, end).is_some_and(|(m, _)| !(v * m).is_finite()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amt(s: &str) -> (f64, Option<f64>, Option<&'static str>) {
        let m = parse_amount(s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
        (m.low, m.high, m.currency)
    }

    #[test]
    fn numbers_too_large_for_a_float_are_not_amounts() {
        // Replays fuzz/regressions/capex_amount/overflow-to-infinity.txt: 400 digits used to
        // parse to an infinite amount that front matter accepted.
        let huge = format!("${} billion", "9".repeat(400));
        assert_eq!(parse_amount(&huge), Err(AmountError::TooLarge));
        assert!(scan(&format!("Spend {huge} now")).is_empty());
        let near_max = format!("${} trillion", "9".repeat(300));
        assert_eq!(parse_amount(&near_max), Err(AmountError::TooLarge));
        let range = format!("$5 to {} billion", "9".repeat(400));
        assert!(parse_amount(&range).is_err());
    }

    #[test]
    fn front_matter_forms() {
        assert_eq!(amt("53 billion"), (53e9, None, None));
        assert_eq!(amt("$53B"), (53e9, None, Some("USD")));
        assert_eq!(amt("US$80bn"), (80e9, None, Some("USD")));
        assert_eq!(amt("RMB 380 billion"), (380e9, None, Some("CNY")));
        assert_eq!(amt("150 billion yuan"), (150e9, None, Some("CNY")));
        assert_eq!(amt("€20 billion"), (20e9, None, Some("EUR")));
        assert_eq!(amt("$60-65 billion"), (60e9, Some(65e9), Some("USD")));
        assert_eq!(amt("$60 billion to $65 billion"), (60e9, Some(65e9), Some("USD")));
        assert_eq!(amt("$60–65bn"), (60e9, Some(65e9), Some("USD")));
        assert_eq!(amt("more than RMB 380 billion"), (380e9, None, Some("CNY")));
        assert_eq!(amt("about $1.5 trillion"), (1.5e12, None, Some("USD")));
        assert_eq!(amt("HK$139.40"), (139.4, None, Some("HKD")));
        assert_eq!(amt("2,500 million euros"), (2.5e9, None, Some("EUR")));
        assert_eq!(amt("¥1 trillion"), (1e12, None, Some("JPY")));
        assert_eq!(amt("₩10 trillion"), (10e12, None, Some("KRW")));
        assert_eq!(amt("NT$100 billion"), (100e9, None, Some("TWD")));
        assert_eq!(amt("500M"), (500e6, None, None));
        assert_eq!(amt("80 billion USD"), (80e9, None, Some("USD")));
    }

    #[test]
    fn front_matter_errors() {
        assert_eq!(parse_amount("lots"), Err(AmountError::NotAnAmount));
        assert_eq!(parse_amount("₿5 billion"), Err(AmountError::UnknownSymbol("₿".into())));
        assert_eq!(parse_amount("XYZ 5 billion"), Err(AmountError::UnknownSymbol("XYZ".into())));
        assert_eq!(parse_amount("-$5 billion"), Err(AmountError::NotPositive));
        assert_eq!(parse_amount("$0"), Err(AmountError::NotPositive));
        assert!(matches!(parse_amount("$5 billion a quarter"), Err(AmountError::Trailing(_))));
    }

    #[test]
    fn scan_finds_only_money() {
        let text = "In 2025 revenue rose 12% to 1.3 million units; Meta will spend $60-65 billion, \
                    Alibaba RMB 380 billion and ByteDance 150 billion yuan, and shares hit HK$139.40.";
        let found: Vec<&str> = scan(text).iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(found, ["$60-65 billion", "RMB 380 billion", "150 billion yuan", "HK$139.40"]);
    }

    #[test]
    fn billion_million_trillion_are_not_confused() {
        let t = "$500 million, $5 billion, $1.2 trillion, $3bn, $250m, $7B";
        let v: Vec<f64> = scan(t).iter().map(|m| m.low).collect();
        assert_eq!(v, [500e6, 5e9, 1.2e12, 3e9, 250e6, 7e9]);
    }
}
