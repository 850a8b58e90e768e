//! Money amounts as written: `$53B`, `US$80bn`, `RMB 380 billion`, `150 billion yuan`,
//! `€20 billion`, `HK$60 billion`, `120 trillion won`, ranges (`$60-65 billion`), Spanish
//! (`75.000 millones de dólares`, `80 mil millones`, `1,5 billones`) and Indian (`Rs 75,000
//! crore`) forms. One scanner serves front matter and article text.

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
    /// Whether a scale word (`billion`, `bn`, `M`, `millones`) was written.
    pub scaled: bool,
    /// What the last written digit is worth, in currency units: `$80 billion` 10⁹, `$80.5
    /// billion` 10⁸. Two figures closer than half of it may be one figure rounded.
    pub unit: f64,
}

/// Symbols and codes written before the number, longest first.
const PREFIXES: &[(&str, &str)] = &[
    ("U.S.$", "USD"),
    ("US$", "USD"),
    ("$US", "USD"),
    ("USD$", "USD"),
    ("HK$", "HKD"),
    ("NT$", "TWD"),
    ("S$", "SGD"),
    ("A$", "AUD"),
    ("AU$", "AUD"),
    ("$A", "AUD"),
    ("C$", "CAD"),
    ("CA$", "CAD"),
    ("R$", "BRL"),
    ("MX$", "MXN"),
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
    ("SGD", "SGD"),
    ("AUD", "AUD"),
    ("CAD", "CAD"),
    ("CHF", "CHF"),
    ("SAR", "SAR"),
    ("AED", "AED"),
    ("BRL", "BRL"),
    ("SEK", "SEK"),
    ("MXN", "MXN"),
    ("IDR", "IDR"),
    ("Rp", "IDR"),
    ("RM", "MYR"),
    ("MYR", "MYR"),
    ("Rs.", "INR"),
    ("Rs", "INR"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("￥", "JPY"),
    ("₩", "KRW"),
    ("₹", "INR"),
];

/// First characters of [`PREFIXES`], for a quick test while scanning.
const PREFIX_STARTS: &str = "UHNRCEJGKITSAMB$€£¥￥₩₹";

/// Currency names written after the number (matched without regard to case), longest first.
const SUFFIXES: &[(&str, &str)] = &[
    ("de dólares estadounidenses", "USD"),
    ("de dólares de hong kong", "HKD"),
    ("new taiwan dollars", "TWD"),
    ("dólares estadounidenses", "USD"),
    ("hong kong dollars", "HKD"),
    ("taiwan dollars", "TWD"),
    ("de renminbi", "CNY"),
    ("de dólares", "USD"),
    ("de dolares", "USD"),
    ("de yuanes", "CNY"),
    ("de rupias", "INR"),
    ("de libras", "GBP"),
    ("de euros", "EUR"),
    ("de yenes", "JPY"),
    ("de wones", "KRW"),
    ("de riyales", "SAR"),
    ("de dírhams", "AED"),
    ("de pesos mexicanos", "MXN"),
    ("de reais", "BRL"),
    ("reais", "BRL"),
    ("de dollars", "USD"),
    ("d'euros", "EUR"),
    ("d’euros", "EUR"),
    ("pesos mexicanos", "MXN"),
    ("swedish crowns", "SEK"),
    ("swedish kronor", "SEK"),
    ("kronor", "SEK"),
    ("ringgit", "MYR"),
    ("rupiah", "IDR"),
    ("de yuan", "CNY"),
    ("us dollars", "USD"),
    ("u.s. dollars", "USD"),
    ("renminbi", "CNY"),
    ("dollars", "USD"),
    ("us-dollar", "USD"),
    ("dollar", "USD"),
    ("dólares", "USD"),
    ("rupees", "INR"),
    ("pounds", "GBP"),
    ("riyals", "SAR"),
    ("dirhams", "AED"),
    ("yuanes", "CNY"),
    ("euros", "EUR"),
    ("yenes", "JPY"),
    ("wones", "KRW"),
    ("yuan", "CNY"),
    ("euro", "EUR"),
    ("yen", "JPY"),
    ("won", "KRW"),
    ("mdd", "USD"),
    ("mdp", "MXN"),
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
/// Spanish ones mark the number as written the Spanish way (`75.000`, `1,5`).
struct Scale {
    word: &'static str,
    value: f64,
    attached_only: bool,
    spanish: bool,
}

const fn sc(word: &'static str, value: f64, attached_only: bool, spanish: bool) -> Scale {
    Scale { word, value, attached_only, spanish }
}

const SCALES: &[Scale] = &[
    sc("lakh crore", 1e12, false, false),
    sc("trillion", 1e12, false, false),
    sc("billion", 1e9, false, false),
    sc("million", 1e6, false, false),
    sc("thousand", 1e3, false, false),
    sc("mil millones", 1e9, false, true),
    // Portuguese (`R$ 14,7 bilhões`, `mil milhões` in Portugal) and French (`109 milliards
    // d'euros`) write numbers the Spanish way: `,` is the decimal mark.
    sc("mil milhões", 1e9, false, true),
    sc("bilhões", 1e9, false, true),
    sc("bilhão", 1e9, false, true),
    sc("milhões", 1e6, false, true),
    sc("milhão", 1e6, false, true),
    sc("trilhões", 1e12, false, true),
    sc("trilhão", 1e12, false, true),
    sc("milliards", 1e9, false, true),
    sc("milliard", 1e9, false, true),
    sc("millions", 1e6, false, true),
    // German (`8,8 Milliarden Euro`, `3 Mrd. Dollar`) writes `,` for the decimal mark too.
    sc("milliarden", 1e9, false, true),
    sc("milliarde", 1e9, false, true),
    sc("billionen", 1e12, false, true),
    sc("millionen", 1e6, false, true),
    sc("mrd.", 1e9, false, true),
    sc("mio.", 1e6, false, true),
    sc("millardos", 1e9, false, true),
    sc("millardo", 1e9, false, true),
    sc("millones", 1e6, false, true),
    sc("millón", 1e6, false, true),
    sc("billones", 1e12, false, true),
    sc("billón", 1e12, false, true),
    sc("crore", 1e7, false, false),
    sc("crores", 1e7, false, false),
    sc("lakh", 1e5, false, false),
    sc("trn", 1e12, false, false),
    sc("tn", 1e12, false, false),
    sc("bln", 1e9, false, false),
    sc("bn", 1e9, false, false),
    sc("mln", 1e6, false, false),
    sc("mn", 1e6, false, false),
    sc("mdd", 1e6, false, true),
    sc("mdp", 1e6, false, true),
    sc("mm", 1e6, true, true),
    // Japanese wire services' English copy abbreviates with a full stop: `$2.9 bil.`,
    // `10 tril. yen` (never `mil.`, which Spanish writes for a thousand).
    sc("tril.", 1e12, false, false),
    sc("bil.", 1e9, false, false),
    // Malaysian and Singaporean papers: `US$2bil`, `RM500mil`, always against the number.
    sc("bil", 1e9, true, false),
    sc("mil", 1e6, true, false),
    sc("b", 1e9, true, false),
    sc("m", 1e6, true, false),
    sc("k", 1e3, true, false),
    sc("mil", 1e3, false, true),
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
    "más de",
    "menos de",
    "al menos",
    "por lo menos",
    "como mínimo",
    "hasta",
    "cerca de",
    "alrededor de",
    "aproximadamente",
    "casi",
    "unos",
    "unas",
    "mehr als",
    "bis zu",
    "mindestens",
    "knapp",
    "rund",
    "etwa",
    "plus de",
    "jusqu'à",
    "jusqu’à",
    "au moins",
    "environ",
    "près de",
    "mais de",
    "até",
];

/// The qualifiers written before an amount (`more than`, `about`), as written, and the rest.
pub fn split_qualifier(text: &str) -> (Option<&str>, &str) {
    let text = text.trim();
    let mut s = text;
    loop {
        let before = s;
        for q in QUALIFIERS {
            if starts_with_ci(s, q) && (q.ends_with(['.', '~', '≈']) || word_ends_at(s, q.len())) {
                s = s[q.len()..].trim_start();
            }
        }
        if s == before {
            break;
        }
    }
    let qualifier = text[..text.len() - s.len()].trim();
    ((!qualifier.is_empty()).then_some(qualifier), s)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `text` starts with `pat`, ignoring case (ASCII letters, and the accented letters
/// of the Spanish words here by lower-casing).
fn starts_with_ci(text: &str, pat: &str) -> bool {
    if text.len() < pat.len() || !text.is_char_boundary(pat.len()) {
        return false;
    }
    let head = &text[..pat.len()];
    head.eq_ignore_ascii_case(pat) || (!pat.is_ascii() && head.to_lowercase() == pat)
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

/// The run of digits, `.` and `,` at `i` (a separator must have a digit after it): a
/// number as written, to be read either way.
fn digits(text: &str, i: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut j = i;
    while j < bytes.len() {
        let b = bytes[j];
        if b.is_ascii_digit()
            || ((b == b'.' || b == b',') && bytes.get(j + 1).is_some_and(u8::is_ascii_digit))
        {
            j += 1;
        } else {
            break;
        }
    }
    Some(&text[i..j])
}

/// Reads `d` with `thousands` as the grouping mark and `decimal` as the decimal mark:
/// (value, the worth of its last digit, bytes of `d` used). Groups after a grouping mark
/// have three digits (Indian `1,00,000` allows two before the last); anything else ends the
/// number where it stops making sense.
fn read_digits(d: &str, thousands: u8, decimal: u8) -> Option<(f64, f64, usize)> {
    let bytes = d.as_bytes();
    let mut int = String::new();
    let mut frac = String::new();
    let mut used = 0;
    let mut i = 0;
    let mut zero_groups = 0u32;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            int.push(b as char);
            i += 1;
            used = i;
            continue;
        }
        if b == thousands {
            let run = bytes[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            let indian = run == 2 && thousands == b',' && {
                // `1,00,000`: two-digit groups end in a three-digit one.
                let rest = &d[i + 1..];
                rest.split(',').next_back().is_some_and(|last| last.len() >= 3)
            };
            if run == 3 || indian {
                let group = &d[i + 1..i + 1 + run];
                zero_groups = if group.bytes().all(|c| c == b'0') && run == 3 { zero_groups + 1 } else { 0 };
                int.push_str(group);
                i += 1 + run;
                used = i;
                continue;
            }
            break;
        }
        if b == decimal {
            let run = bytes[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            frac.push_str(&d[i + 1..i + 1 + run]);
            used = i + 1 + run;
            break;
        }
        break;
    }
    if int.is_empty() {
        return None;
    }
    let text = if frac.is_empty() { int } else { format!("{int}.{frac}") };
    // Hundreds of digits overflow to infinity, which is no amount of money.
    let value = text.parse::<f64>().ok().filter(|v| v.is_finite())?;
    let decimals =
        i32::try_from(text.len().saturating_sub(text.find('.').map_or(text.len(), |p| p + 1))).unwrap_or(0);
    let unit = if decimals > 0 { 10f64.powi(-decimals) } else { 1000f64.powi(zero_groups as i32) };
    Some((value, unit, used))
}

/// A scale word at `i` (after optional spaces or a hyphen: `$500-billion`).
fn scale(text: &str, i: usize) -> Option<(&'static Scale, usize)> {
    let after_hyphen = (text.as_bytes().get(i) == Some(&b'-')).then_some(i + 1);
    let k = skip_spaces(text, i);
    for s in SCALES {
        let starts: &[usize] = if s.attached_only { &[i] } else { &[k, after_hyphen.unwrap_or(k)] };
        for &at in starts {
            if starts_with_ci(&text[at..], s.word) && word_ends_at(text, at + s.word.len()) {
                // `$5 m` is ambiguous with a following word; a lone letter must touch.
                // Spanish `mil` alone is a thousand only before another scale or currency.
                if s.word == "mil"
                    && s.spanish
                    && !text[at + 3..].trim_start().starts_with(|c: char| c.is_alphabetic())
                {
                    continue;
                }
                return Some((s, at + s.word.len()));
            }
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

/// A number with its optional scale: (value, unit of the last digit, scale, end). The
/// Spanish reading (`.` groups, `,` decimals) is taken when a Spanish scale word follows
/// (`75.000 millones`, `1,5 billones`); otherwise the English one (`1,234.5`).
fn scaled_number(text: &str, i: usize) -> Option<(f64, f64, Option<&'static Scale>, usize)> {
    let d = digits(text, i)?;
    if let Some((v, unit, used)) = read_spanish(d) {
        if let Some((s, e)) = scale(text, i + used).filter(|(s, _)| s.spanish) {
            return Some((v, unit, Some(s), e));
        }
    }
    let (v, unit, used) = read_digits(d, b',', b'.')?;
    let end = i + used;
    match scale(text, end) {
        Some((s, e)) => Some((v, unit, Some(s), e)),
        None => Some((v, unit, None, end)),
    }
}

/// The number at `i` read the Spanish way, without its scale: (value, unit).
fn spanish_number(text: &str, i: usize) -> Option<(f64, f64)> {
    let d = digits(text, i)?;
    read_spanish(d).map(|(v, unit, _)| (v, unit))
}

/// A number before a Spanish scale word: `.` groups and `,` is the decimal mark (`75.000
/// millones`, `1,5 billones`), except that Mexican and other American papers group with `,`
/// (`5,000 millones`, `1,300 mdd`): a comma followed by exactly three digits, with no dot,
/// groups thousands (no one writes `5,000` for five millions).
fn read_spanish(d: &str) -> Option<(f64, f64, usize)> {
    let comma_groups = !d.contains('.')
        && d.contains(',')
        && d.split(',').skip(1).all(|g| g.len() == 3)
        && d.split(',').next().is_some_and(|g| (1..=3).contains(&g.len()));
    if comma_groups {
        read_digits(d, b',', b'.')
    } else {
        read_digits(d, b'.', b',')
    }
}

/// Whether the text just before `i` ends with one of `words` (a whole word).
fn preceded_by(text: &str, i: usize, words: &[&str]) -> bool {
    let before = text[..i].trim_end();
    let lower_tail: String = before.chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
    let lower_tail = lower_tail.to_lowercase();
    words.iter().any(|w| {
        lower_tail.ends_with(w)
            && lower_tail[..lower_tail.len() - w.len()].chars().next_back().is_none_or(|c| !is_word_char(c))
    })
}

/// Whether the `from` before byte `i` follows a figure and a comma (`to $12 billion, from
/// $20 billion to $23 billion`): then what follows is the earlier range, not a change.
fn old_range_after_new(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end();
    let Some(rest) = before.strip_suffix("from").or_else(|| before.strip_suffix("desde")) else {
        return false;
    };
    let rest = rest.trim_end();
    let Some(rest) = rest.strip_suffix(',') else { return false };
    let tail_start = rest.len().saturating_sub(40);
    let tail_start = (tail_start..=rest.len()).find(|&p| rest.is_char_boundary(p)).unwrap_or(rest.len());
    rest[tail_start..].chars().any(|c| c.is_ascii_digit())
}

/// Whether the `de`/`of` before byte `i` follows a word for a range (`la horquilla de 66.000 a
/// 72.000 millones`, `a range of $60 billion to $65 billion`): then `X a Y` is the range's two
/// ends, not a change from X to Y.
fn range_noun_before(text: &str, i: usize) -> bool {
    const RANGE: &[&str] = &["horquilla", "rango", "intervalo", "banda", "range", "band"];
    let before = text[..i].trim_end();
    let lower_end = before.len().saturating_sub(24);
    let lower_end = (lower_end..=before.len()).find(|&p| before.is_char_boundary(p)).unwrap_or(before.len());
    let tail = before[lower_end..].to_lowercase();
    let mut words = tail.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).rev();
    matches!(words.next(), Some("de" | "of")) && words.next().is_some_and(|w| RANGE.contains(&w))
}

/// Reads a money amount starting exactly at byte `i`.
pub fn money_at(text: &str, i: usize) -> Option<Money> {
    let (cur_pre, num_start) = match prefix(text, i) {
        Some((c, at)) => (Some(c), at),
        None => (None, i),
    };
    let (mut low, mut low_unit, low_scale, mut end) = scaled_number(text, num_start)?;
    let mut high = None;
    let mut high_unit = low_unit;
    let mut high_scale = None;
    // A range: `60-65 billion`, `$60 billion to $65 billion`, `60–65`, and after `between`
    // or `entre`, `X and Y` / `X y Y`. `from X to Y` is a change, not a range.
    let dash = text[end..].chars().next().filter(|c| matches!(c, '-' | '–' | '—'));
    let sep_end = match dash {
        Some(c) => Some(end + c.len_utf8()),
        None => {
            let k = skip_spaces(text, end);
            let between = preceded_by(text, i, &["between", "entre"]);
            // `from $75 billion to $85 billion` is a change; but `to $12-14 billion, from $20
            // billion to $23 billion` gives the old range after the new figure.
            let from = preceded_by(text, i, &["from", "de", "desde"])
                && !old_range_after_new(text, i)
                && !range_noun_before(text, i);
            let word =
                ["to ", "and ", "y ", "a ", "et ", "e "].into_iter().find(|w| starts_with_ci(&text[k..], w));
            match word {
                Some("to ") if !from => Some(skip_spaces(text, k + 3)),
                Some(w @ ("and " | "y " | "et " | "e ")) if between && k > end => {
                    Some(skip_spaces(text, k + w.len()))
                }
                // `los 60.000 a 65.000 millones`: a Spanish range written with `a`.
                // `los 70 mil a 72 mil millones`: the low end's `mil` is the high end's first word.
                Some("a ") if !from && low_scale.is_none_or(|s| s.word == "mil") && k > end => {
                    Some(skip_spaces(text, k + 2))
                }
                _ => None,
            }
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
            if let Some((h, hu, hs, e)) = scaled_number(text, s2) {
                // After a symbol the high end repeats it (`$60 billion to $65 billion`); after
                // an ISO code, as front matter and drafts write ranges, it need not
                // (`CNY 380 billion to 400 billion`).
                let code_first = text[i..].starts_with(|c: char| c.is_ascii_uppercase())
                    && cur_pre.is_some_and(|c| text[i..].starts_with(c));
                let same_kind = cur_pre.is_none() || s2 != s || dash.is_some() || code_first;
                if same_kind && (hs.is_some() || low_scale.is_none()) {
                    // `entre 64.000 y 72.000 millones`: the low end is written the same way.
                    if low_scale.is_none() && hs.is_some_and(|s| s.spanish) {
                        (low, low_unit) = spanish_number(text, num_start).unwrap_or((low, low_unit));
                    }
                    high = Some(h);
                    high_unit = hu;
                    high_scale = hs;
                    end = e;
                }
            }
        }
    }
    // `entre 70 mil y 72 mil millones`: the low end's `mil` is the first word of the high
    // end's `mil millones`, which both ends share (no range runs from thousands to billions).
    let low_scale = match (low_scale, high_scale) {
        (Some(l), Some(h))
            if l.value < h.value && h.word.strip_prefix(l.word).is_some_and(|r| r.starts_with(' ')) =>
        {
            Some(h)
        }
        (l, _) => l,
    };
    let mult_low = low_scale.or(high_scale).map_or(1.0, |s| s.value);
    let mult_high = high_scale.or(low_scale).map_or(1.0, |s| s.value);
    let (cur_suf, end) = match suffix(text, end) {
        Some((c, e)) => (Some(c), e),
        None => (None, end),
    };
    // `75 mil millones de dólares`, `US$75.000M`: Spanish scale words imply nothing about
    // the currency, but `mdd` is millions of dollars.
    let mdd = low_scale.or(high_scale).is_some_and(|s| s.word == "mdd");
    low *= mult_low;
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
    let unit = (low_unit * mult_low).max(high.map_or(0.0, |_| high_unit * mult_high));
    // `mil 300 millones`, `2 mil 500 millones` (Mexican papers): the thousands of millions
    // written as a word before the number.
    let mut start = i;
    if cur_pre.is_none() && high.is_none() && low_scale.is_some_and(|s| s.spanish && s.value == 1e6) {
        if let Some((thousands, at)) = thousands_word_before(text, i) {
            low += thousands * 1e3 * mult_low;
            start = at;
        }
    }
    Some(Money {
        start,
        end,
        low,
        high,
        currency: cur_pre.or(cur_suf).or(mdd.then_some("USD")),
        scaled: low_scale.is_some() || high_scale.is_some(),
        unit,
    })
}

/// `mil ` or `N mil ` right before byte `i`: (N, or 1, and where it starts).
fn thousands_word_before(text: &str, i: usize) -> Option<(f64, usize)> {
    let before = text[..i].trim_end_matches([' ', '\u{a0}']);
    let rest = before.strip_suffix("mil").or_else(|| before.strip_suffix("Mil"))?;
    if before.len() == i || rest.chars().next_back().is_some_and(is_word_char) {
        return None;
    }
    let lead = rest.trim_end_matches([' ', '\u{a0}']);
    let digits_start = lead.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let count = &lead[digits_start..];
    let word_before_digits =
        lead[..digits_start].chars().next_back().is_some_and(|c| is_word_char(c) || c == '.' || c == ',');
    if !count.is_empty() && lead.len() < rest.len() && !word_before_digits {
        return count.parse::<f64>().ok().map(|n| (n, digits_start));
    }
    Some((1.0, rest.len()))
}

/// Small numbers written as words before a scale word (`drei Milliarden Dollar`, `three
/// billion dollars`, `tres mil millones de dólares`), lower case.
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("twelve", 12.0),
    ("twenty", 20.0),
    ("eine", 1.0),
    ("ein", 1.0),
    ("zwei", 2.0),
    ("drei", 3.0),
    ("vier", 4.0),
    ("fünf", 5.0),
    ("sechs", 6.0),
    ("sieben", 7.0),
    ("acht", 8.0),
    ("neun", 9.0),
    ("zehn", 10.0),
    ("zwölf", 12.0),
    ("zwanzig", 20.0),
    ("dos", 2.0),
    ("tres", 3.0),
    ("cuatro", 4.0),
    ("cinco", 5.0),
    ("seis", 6.0),
    ("siete", 7.0),
    ("ocho", 8.0),
    ("nueve", 9.0),
    ("diez", 10.0),
    ("deux", 2.0),
    ("trois", 3.0),
    ("quatre", 4.0),
    ("cinq", 5.0),
    ("dix", 10.0),
];

/// A number written as a word at `i`, followed by a scale word and a currency written after
/// it: `drei Milliarden Dollar`. Without the currency after, a word is too often no amount.
fn word_money_at(text: &str, i: usize) -> Option<Money> {
    let rest = &text[i..];
    let (word, value) = NUMBER_WORDS.iter().find(|(w, _)| {
        rest.get(..w.len()).is_some_and(|head| head.to_lowercase() == *w) && word_ends_at(text, i + w.len())
    })?;
    let (s, end) = scale(text, i + word.len()).filter(|(s, _)| !s.attached_only)?;
    let (currency, end) = suffix(text, end)?;
    Some(Money {
        start: i,
        end,
        low: value * s.value,
        high: None,
        currency: Some(currency),
        scaled: true,
        unit: s.value,
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
        if c.is_alphabetic() && !prev.is_some_and(is_word_char) {
            if let Some(m) = word_money_at(text, i) {
                i = m.end;
                out.push(m);
                continue;
            }
        }
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

/// Amounts written with a scale word but no currency (`entre 70.000 y 72.000 millones este
/// año`, `the 380 billion plan`), where the words after the scale say nothing else is
/// counted (`1.3 million GPUs` is no money): news drops the currency once it is clear.
/// The caller decides the currency from the figures around them.
pub fn scan_bare(text: &str) -> Vec<Money> {
    const AFTER: &[&str] = &[
        "",
        "en",
        "para",
        "este",
        "esta",
        "this",
        "in",
        "for",
        "a",
        "y",
        "and",
        "over",
        "hasta",
        "durante",
        "al",
        "el",
        "la",
        "los",
        "las",
        "the",
        "to",
        "through",
        "by",
        "de inversión",
        "de gasto",
        "in capex",
        "in capital",
        "on",
        "of capex",
        "of capital",
        "a year",
        "al año",
        "annually",
        "plan",
        "budget",
        "programme",
        "program",
        "pledge",
        "commitment",
        "investment",
        "package",
        "que",
        "this year",
        "next",
        "más",
        "más que",
        "frente",
        "from",
        "previously",
        "earlier",
        "it",
        "lo",
    ];
    let mut out = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let prev = text[..i].chars().next_back();
        let starts = bytes[i].is_ascii_digit()
            && !prev.is_some_and(|p| is_word_char(p) || p == '.' || p == ',' || p == '$');
        if starts {
            if let Some(m) = money_at(text, i) {
                if m.currency.is_none() && m.scaled {
                    let rest = text[m.end..].trim_start();
                    let rest = rest.trim_start_matches([',', '.', ';', ')', ':']);
                    let lower: String = rest.chars().take(16).collect::<String>().to_lowercase();
                    let next_word = lower.split_whitespace().next().unwrap_or("");
                    let next_two: String = lower.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
                    let punct =
                        text[m.end..].trim_start().starts_with([',', '.', ';', ')', ':']) || rest.is_empty();
                    if punct || AFTER.contains(&next_word) || AFTER.contains(&next_two.as_str()) {
                        out.push(m.clone());
                    }
                }
                i = m.end.max(i + 1);
                continue;
            }
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
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
        s = split_qualifier(s).1;
        if let Some(rest) = s.strip_prefix(['-', '−']) {
            negative = true;
            s = rest.trim_start();
        }
        if s == before {
            break;
        }
    }
    let trailing = |m: &Money| !s[m.end..].trim().trim_end_matches(['.', ',', ';']).is_empty();
    // `mil 300 millones`, `2 mil 500 millones`: the amount starts before its number.
    let worded = || {
        let runs = s.char_indices().filter(|&(p, c)| {
            c.is_ascii_digit() && p > 0 && !s[..p].chars().next_back().is_some_and(|b| b.is_ascii_digit())
        });
        runs.filter_map(|(p, _)| money_at(s, p)).find(|m| m.start == 0 && !trailing(m))
    };
    let found = match money_at(s, 0) {
        Some(m) if trailing(&m) => worded().or(Some(m)),
        None => worded(),
        some => some,
    };
    match found {
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
    match scaled_number(text, i) {
        None => true,
        Some((v, _, scale, _)) => scale.is_some_and(|s| !(v * s.value).is_finite()),
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
        // Numbers as words, only with a scale and a currency after them.
        let text = "Oracle will spend drei Milliarden Dollar and three billion dollars; one billion users and zwei Millionen Kunden are no money.";
        let found: Vec<(&str, f64)> = scan(text).iter().map(|m| (&text[m.start..m.end], m.low)).collect();
        assert_eq!(found, [("drei Milliarden Dollar", 3e9), ("three billion dollars", 3e9)]);
    }

    #[test]
    fn spanish_indian_and_other_forms() {
        assert_eq!(amt("75.000 millones de dólares"), (75e9, None, Some("USD")));
        assert_eq!(amt("US$75.000 millones"), (75e9, None, Some("USD")));
        assert_eq!(amt("80 mil millones de dólares"), (80e9, None, Some("USD")));
        assert_eq!(amt("1,5 billones de dólares"), (1.5e12, None, Some("USD")));
        assert_eq!(amt("380.000 millones de yuanes"), (380e9, None, Some("CNY")));
        assert_eq!(amt("109.000 millones de euros"), (109e9, None, Some("EUR")));
        assert_eq!(amt("€109.000 millones"), (109e9, None, Some("EUR")));
        assert_eq!(amt("2.000 millones de dólares"), (2e9, None, Some("USD")));
        // American Spanish groups thousands with a comma; a decimal comma has fewer digits.
        assert_eq!(amt("5,000 millones de dólares"), (5e9, None, Some("USD")));
        assert_eq!(amt("1,300 mdd"), (1.3e9, None, Some("USD")));
        assert_eq!(amt("26,500 millones de pesos mexicanos"), (26.5e9, None, Some("MXN")));
        assert_eq!(amt("1,5 billones de dólares"), (1.5e12, None, Some("USD")));
        assert_eq!(amt("4,30 billones de dólares"), (4.3e12, None, Some("USD")));
        // Portuguese and French.
        assert_eq!(amt("mil 300 millones de dólares"), (1.3e9, None, Some("USD")));
        assert_eq!(amt("más de 2 mil 500 millones de dólares"), (2.5e9, None, Some("USD")));
        assert_eq!(amt("R$ 14,7 bilhões"), (14.7e9, None, Some("BRL")));
        assert_eq!(amt("US$ 1,3 bilhão"), (1.3e9, None, Some("USD")));
        assert_eq!(amt("10,1 bilhões de reais"), (10.1e9, None, Some("BRL")));
        assert_eq!(amt("205 milhões de dólares"), (205e6, None, Some("USD")));
        assert_eq!(amt("109 milliards d'euros"), (109e9, None, Some("EUR")));
        assert_eq!(amt("112 milliards de dollars"), (112e9, None, Some("USD")));
        assert_eq!(amt("€2,5 milliards"), (2.5e9, None, Some("EUR")));
        assert_eq!(amt("8,8 Milliarden Euro"), (8.8e9, None, Some("EUR")));
        assert_eq!(amt("25 Milliarden Dollar"), (25e9, None, Some("USD")));
        assert_eq!(amt("1 Milliarde US-Dollar"), (1e9, None, Some("USD")));
        assert_eq!(amt("3,5 Mrd. Euro"), (3.5e9, None, Some("EUR")));
        assert_eq!(amt("400 Millionen Euro"), (400e6, None, Some("EUR")));
        assert_eq!(amt("mehr als 25 Milliarden Dollar"), (25e9, None, Some("USD")));
        // Malaysian papers, Swedish crowns, rupiah.
        assert_eq!(amt("US$2bil"), (2e9, None, Some("USD")));
        assert_eq!(amt("RM9.4bil"), (9.4e9, None, Some("MYR")));
        assert_eq!(amt("RM500mil"), (500e6, None, Some("MYR")));
        assert_eq!(amt("33.5 billion Swedish crowns"), (33.5e9, None, Some("SEK")));
        assert_eq!(amt("Rp 27.6 trillion"), (27.6e12, None, Some("IDR")));
        assert_eq!(amt("Rs 75,000 crore"), (75e10, None, Some("INR")));
        assert_eq!(amt("₹1 lakh crore"), (1e12, None, Some("INR")));
        assert_eq!(amt("Rs 1,00,000 crore"), (1e12, None, Some("INR")));
        assert_eq!(amt("120 trillion won"), (120e12, None, Some("KRW")));
        assert_eq!(amt("€150B"), (150e9, None, Some("EUR")));
        assert_eq!(amt("HK$60 billion"), (60e9, None, Some("HKD")));
        assert_eq!(amt("¥2 trillion"), (2e12, None, Some("JPY")));
        assert_eq!(amt("$500-billion"), (500e9, None, Some("USD")));
        assert_eq!(amt("SAR 40 billion"), (40e9, None, Some("SAR")));
        assert_eq!(amt("$1.2tn"), (1.2e12, None, Some("USD")));
        assert_eq!(amt("40 bln yuan"), (40e9, None, Some("CNY")));
        assert_eq!(amt("$2.9 bil."), (2.9e9, None, Some("USD")));
        assert_eq!(amt("10 tril. yen"), (10e12, None, Some("JPY")));
    }

    #[test]
    fn ranges_in_text() {
        let found =
            |t: &str| -> Vec<(f64, Option<f64>)> { scan(t).iter().map(|m| (m.low, m.high)).collect() };
        assert_eq!(found("capex of between $64 billion and $72 billion"), [(64e9, Some(72e9))]);
        assert_eq!(found("entre 64.000 y 72.000 millones de dólares"), [(64e9, Some(72e9))]);
        assert_eq!(found("raised it from $75 billion to $85 billion"), [(75e9, None), (85e9, None)]);
        assert_eq!(found("$64bn-$72bn this year"), [(64e9, Some(72e9))]);
        assert_eq!(
            found("to $12 billion, from $20 billion to $23 billion"),
            [(12e9, None), (20e9, Some(23e9))]
        );
        assert_eq!(found("frente a los 60.000 a 65.000 millones de dólares"), [(60e9, Some(65e9))]);
        assert_eq!(found("de 75.000 a 85.000 millones de dólares"), [(85e9, None)]);
        // After a word for a range, `de X a Y` gives the range's two ends.
        assert_eq!(found("su horquilla de 40.000 a 45.000 millones de euros"), [(40e9, Some(45e9))]);
        assert_eq!(found("a range of $30 billion to $35 billion"), [(30e9, Some(35e9))]);
        assert_eq!(found("Meta and $5 billion and $6 billion"), [(5e9, None), (6e9, None)]);
        assert_eq!(found("compris entre 30 et 50 milliards d'euros"), [(30e9, Some(50e9))]);
        // The low end's `mil` is the first word of the high end's `mil millones`: both ends
        // are thousands of millions, not 70 thousand to 72 thousand million.
        assert_eq!(found("entre 70 mil y 72 mil millones de dólares"), [(70e9, Some(72e9))]);
        assert_eq!(found("de entre 5 mil y 6 mil milhões de euros"), [(5e9, Some(6e9))]);
        assert_eq!(found("los 70 mil a 72 mil millones de dólares"), [(70e9, Some(72e9))]);
        // Mexican papers write the thousands of millions as a word.
        assert_eq!(found("invertirá mil 300 millones de dólares en México"), [(1.3e9, None)]);
        assert_eq!(found("unos 25 mil 500 millones de pesos mexicanos"), [(25.5e9, None)]);
        assert_eq!(found("Invertirá 300 millones de dólares"), [(300e6, None)]);
        assert_eq!(found("en Tamil 300 millones de dólares"), [(300e6, None)]);
    }

    /// Drafts write a range as the code, the low end and the high end (`CNY 380 billion to
    /// 400 billion`); front matter must read it back as that range.
    #[test]
    fn a_range_after_a_currency_code_reads_back() {
        assert_eq!(amt("CNY 380 billion to 400 billion"), (380e9, Some(400e9), Some("CNY")));
        assert_eq!(amt("USD 70000 million to 72000 million"), (70e9, Some(72e9), Some("USD")));
        assert_eq!(amt("$64 billion to $72 billion"), (64e9, Some(72e9), Some("USD")));
    }

    #[test]
    fn the_last_digit_says_how_far_a_figure_was_rounded() {
        let unit = |t: &str| parse_amount(t).unwrap().unit;
        assert_eq!(unit("$80 billion"), 1e9);
        assert!((unit("$80.5 billion") - 1e8).abs() < 1.0);
        assert_eq!(unit("75.000 millones de dólares"), 1e9);
        assert_eq!(unit("RMB 380 billion"), 1e9);
    }

    #[test]
    fn billion_million_trillion_are_not_confused() {
        let t = "$500 million, $5 billion, $1.2 trillion, $3bn, $250m, $7B";
        let v: Vec<f64> = scan(t).iter().map(|m| m.low).collect();
        assert_eq!(v, [500e6, 5e9, 1.2e12, 3e9, 250e6, 7e9]);
    }
}
