//! Stock tickers as news pages print them: a header line with price changes (`BABA--`,
//! `MSFT, META--`), exchange prefixes (`(NYSE:ORCL)`, `(NASDAQ: AMZN)`, `(HK:0700)`), exchange
//! suffixes (`9988.HK`, `002230.SZ`, Reuters' `MSFT.O`), bare symbols in parentheses after a
//! company's name (`Baidu ( BIDU )`) and cashtags (`$NVDA`). Each is written in one form
//! (`ORCL`, `0700.HK`, `002230.SZ`) so the same listing read two ways is one ticker.

use crate::capex::registry::ticker_key;
use crate::capex::Registry;

/// Suffixes pages put after a symbol, and the one capbrief writes. Reuters' US codes (`.O`
/// Nasdaq, `.N` NYSE) are dropped: `MSFT.O` is MSFT.
#[rustfmt::skip]
const SUFFIXES: &[(&str, &str)] = &[
    ("HK", ".HK"), ("SS", ".SS"), ("SH", ".SS"), ("SZ", ".SZ"), ("T", ".T"), ("KS", ".KS"), ("KQ", ".KQ"),
    ("TW", ".TW"), ("TWO", ".TWO"), ("NS", ".NS"), ("BO", ".BO"), ("L", ".L"), ("DE", ".DE"), ("PA", ".PA"),
    ("AS", ".AS"), ("MC", ".MC"), ("SW", ".SW"), ("AX", ".AX"), ("SI", ".SI"), ("TO", ".TO"), ("MI", ".MI"),
    ("ST", ".ST"), ("HE", ".HE"), ("OL", ".OL"), ("CO", ".CO"), ("BR", ".BR"), ("JK", ".JK"), ("SR", ".SR"),
    ("O", ""), ("N", ""), ("OQ", ""), ("A", ""), ("K", ""), ("P", ""), ("PK", ""),
];

/// Capitals in parentheses that are not tickers: acronyms and agencies.
#[rustfmt::skip]
const NOT_TICKERS: &[&str] = &[
    "AI", "AGI", "GPU", "GPUS", "CPU", "TPU", "NPU", "HBM", "US", "USA", "UK", "EU", "UAE", "CEO", "CFO",
    "CTO", "COO", "IPO", "GDP", "ETF", "SEC", "FTC", "DOJ", "DOE", "FCC", "NDRC", "MIIT", "PBOC", "RBI",
    "AP", "AFP", "EFE", "PTI", "ANI", "IANS", "CNA", "DPA", "GW", "MW", "KW", "TWH", "GWH", "MWH", "LLM",
    "API", "SaaS", "AWS", "GCP", "IT", "ICT", "R&D", "M&A", "EPS", "CAPEX", "OPEX", "YOY", "QOQ",
    "PC", "PCS", "TV", "EV", "EVS", "ASIC", "ASICS", "FPGA", "DRAM", "NAND", "SSD", "HPC", "RMB",
    "USD", "EUR", "JPY", "CNY", "HKD", "KRW", "INR", "GBP", "FY", "Q1", "Q2", "Q3", "Q4", "H1", "H2",
    "PPA", "JV", "SPV", "PE", "VC", "NYSE", "NASDAQ", "HKEX", "TSMC", "SMIC", "IEA", "OECD", "IMF",
    "WSJ", "FT", "NYT", "BBC", "CNBC", "ESG", "CO2", "MOU", "LOI", "NDA", "OEM", "ODM", "IDC", "ARM",
];

/// A ticker found on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ticker {
    /// In capbrief's form: `ORCL`, `0700.HK`, `002230.SZ`.
    pub(crate) symbol: String,
    /// As the page wrote it.
    pub(crate) written: String,
}

/// Writes a symbol in the registry's one form (`ORCL`, `0700.HK`, `600519.SS`): exchange
/// prefixes as suffixes, US market suffixes dropped. `None` when it cannot be a ticker: an
/// unknown exchange, a bare number (numbers are tickers only on Asian markets, which pages
/// name), no letters and no digits.
pub(crate) fn canonical(symbol: &str) -> Option<String> {
    let key = ticker_key(symbol.trim().trim_start_matches('$'))?;
    let code = key.split('.').next().unwrap_or("");
    let bare_number = !key.contains('.') && code.chars().all(|c| c.is_ascii_digit());
    let sane =
        (1..=12).contains(&code.len()) && code.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    (sane && !bare_number).then_some(key)
}

/// Whether an exchange name is one pages put before a symbol (`NYSE`, `HK`, `TSE`).
fn is_exchange(name: &str) -> bool {
    ticker_key(&format!("{name}:A")).is_some()
}

/// Two spellings of the same listing: `700.HK` and `0700.HK`, `MSFT` and `MSFT.O`.
pub(crate) fn same_listing(a: &str, b: &str) -> bool {
    match (ticker_key(a), ticker_key(b)) {
        (Some(a), Some(b)) => a == b,
        _ => a.eq_ignore_ascii_case(b),
    }
}

/// The registry's own spelling of a ticker and the company it belongs to, when it knows it.
pub(crate) fn in_registry<'r>(symbol: &str, registry: &'r Registry) -> Option<(String, &'r str)> {
    let company = registry.get(registry.by_ticker(symbol)?)?;
    let spelled =
        company.tickers.iter().find(|t| same_listing(t, symbol)).cloned().or_else(|| canonical(symbol))?;
    Some((spelled, company.name.as_str()))
}

/// Every inline ticker in `text`, in order, each once.
pub(crate) fn inline(text: &str, registry: &Registry) -> Vec<Ticker> {
    let mut found: Vec<Ticker> = Vec::new();
    let mut push = |symbol: Option<String>, written: &str| {
        if let Some(symbol) = symbol {
            if !found.iter().any(|t| t.symbol == symbol) {
                found.push(Ticker { symbol, written: written.trim().to_string() });
            }
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let c = bytes[i];
        match c {
            b'(' | b'<' | b'[' => {
                let close = match c {
                    b'(' => ')',
                    b'<' => '>',
                    _ => ']',
                };
                if let Some(end) = text[i + 1..].find(close).map(|e| e + i + 1).filter(|e| e - i <= 80) {
                    let inside = &text[i + 1..end];
                    for symbol in bracketed(inside, &text[..i], c == b'<', registry) {
                        push(Some(symbol), inside);
                    }
                    i = end + 1;
                    continue;
                }
            }
            b'$' if bytes.get(i + 1).is_some_and(u8::is_ascii_uppercase) && !prev_is_word(text, i) => {
                let end = word_end(text, i + 1);
                let sym = &text[i + 1..end];
                if sym.chars().all(|c| c.is_ascii_uppercase()) && (1..=5).contains(&sym.len()) {
                    push(canonical(sym), &text[i..end]);
                }
                i = end;
                continue;
            }
            c if c.is_ascii_alphanumeric() && !prev_is_word(text, i) => {
                let end = word_end(text, i);
                let word = text[i..end].trim_end_matches('.');
                if let Some(symbol) = suffixed(word) {
                    push(Some(symbol), word);
                } else if let Some((symbol, written_end)) = terminal_security(text, i, end) {
                    push(Some(symbol), &text[i..written_end]);
                    i = written_end;
                    continue;
                } else if let Some((exchange, rest)) = prefixed_outside(text, i, end) {
                    push(canonical(&format!("{exchange}:{rest}")), &text[i..end]);
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    for (symbol, written) in in_prose(text) {
        push(Some(symbol), &written);
    }
    found
}

/// Exchanges as prose names them, and capbrief's suffix for a symbol listed there. A US
/// market or a depositary receipt takes none.
#[rustfmt::skip]
const EXCHANGES_IN_PROSE: &[(&str, &str)] = &[
    ("taiwan stock exchange", ".TW"), ("taipei exchange", ".TWO"), ("taiex", ".TW"),
    ("hong kong", ".HK"), ("tokyo", ".T"), ("shanghai", ".SS"), ("shenzhen", ".SZ"),
    ("korea exchange", ".KS"), ("kospi", ".KS"), ("kosdaq", ".KQ"),
    ("national stock exchange", ".NS"), ("bombay stock exchange", ".BO"), ("london", ".L"),
    ("frankfurt", ".DE"), ("xetra", ".DE"), ("euronext paris", ".PA"), ("euronext amsterdam", ".AS"),
    ("madrid", ".MC"), ("six swiss", ".SW"), ("australian securities exchange", ".AX"),
    ("singapore exchange", ".SI"), ("toronto", ".TO"), ("new york", ""), ("nasdaq", ""),
    ("nyse", ""), ("depositary", ""), ("wall street", ""), ("bolsa de valores de nueva york", ""),
];

/// Words that put a symbol in prose: `listed … under 2330`, `trades under the ticker TSM`.
const LISTING_WORDS: [&str; 9] =
    ["listed", "trade", "traded", "trades", "trading", "quoted", "ticker", "symbol", "cotiza"];

/// Tickers printed in prose rather than brackets: `listed on the Taiwan Stock Exchange under
/// 2330 and trade as American depositary receipts under TSM`. The exchange named last before
/// the symbol, in the same clause, gives its suffix; a number needs one.
fn in_prose(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for sentence in text.split(". ") {
        let lower = sentence.to_ascii_lowercase();
        if !LISTING_WORDS.iter().any(|w| lower.contains(w)) {
            continue;
        }
        // Where the clause of each symbol starts: the sentence, then after each symbol.
        let mut clause_start = 0;
        let mut from = 0;
        while let Some(at) = lower[from..].find("under ").map(|a| a + from) {
            from = at + "under ".len();
            if at > 0 && !lower[..at].ends_with(' ') {
                continue;
            }
            let mut rest = &sentence[from..];
            let mut named = false;
            for filler in ["the ticker symbol ", "the stock code ", "the ticker ", "the symbol ", "the code "]
            {
                if rest.to_ascii_lowercase().starts_with(filler) {
                    rest = &rest[filler.len()..];
                    named = true;
                }
            }
            // Listing words lead up to this `under`: `listed on … under`, `trade … under`.
            if !named && !LISTING_WORDS.iter().any(|w| lower[..at].contains(w)) {
                continue;
            }
            let rest = rest.trim_start_matches(['"', '“', '\'']);
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.')).unwrap_or(rest.len());
            let word = rest[..end].trim_end_matches('.');
            let letters = (1..=5).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase());
            let digits = (4..=6).contains(&word.len()) && word.chars().all(|c| c.is_ascii_digit());
            let after = rest[end..].chars().next();
            if !(letters || digits) || after.is_some_and(char::is_alphanumeric) || NOT_TICKERS.contains(&word)
            {
                continue;
            }
            let clause = &lower[clause_start..at];
            let exchange = EXCHANGES_IN_PROSE
                .iter()
                .filter_map(|(name, suffix)| clause.rfind(name).map(|p| (p, *suffix)))
                .max_by_key(|(p, _)| *p)
                .map(|(_, suffix)| suffix);
            clause_start = from + end;
            let symbol = match (exchange, digits) {
                (Some(suffix), _) => canonical(&format!("{word}{suffix}")),
                (None, false) => canonical(word),
                (None, true) => None,
            };
            if let Some(symbol) = symbol {
                out.push((symbol, word.to_string()));
            }
        }
    }
    out
}

fn prev_is_word(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '$')
}

/// End of a symbol-like word: letters, digits, dots and hyphens inside.
fn word_end(text: &str, from: usize) -> usize {
    let mut end = from;
    for (i, c) in text[from..].char_indices() {
        if c.is_ascii_alphanumeric()
            || ((c == '.' || c == '-')
                && text[from + i + 1..].starts_with(|n: char| n.is_ascii_alphanumeric()))
        {
            end = from + i + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// `9988.HK`, `002230.SZ`, `MSFT.O`: a symbol with an exchange suffix, standing alone.
fn suffixed(word: &str) -> Option<String> {
    let (sym, suffix) = word.rsplit_once('.')?;
    let known = SUFFIXES.iter().any(|(s, _)| *s == suffix);
    let sym_ok = !sym.is_empty()
        && sym.len() <= 8
        && sym.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && !sym.contains('.');
    // Reuters' one-letter US codes need a real symbol before them (`MSFT.O`, not `U.S`).
    let long_enough = suffix.len() > 1 || sym.len() >= 2;
    (known && sym_ok && long_enough).then(|| canonical(word)).flatten()
}

/// Market-data terminals' country codes before `Equity`, and capbrief's suffix for each.
#[rustfmt::skip]
const TERMINAL_MARKETS: &[(&str, &str)] = &[
    ("US", ""), ("UW", ""), ("UN", ""), ("UQ", ""), ("UR", ""), ("HK", ".HK"), ("JP", ".T"), ("JT", ".T"),
    ("KS", ".KS"), ("TT", ".TW"), ("LN", ".L"), ("GY", ".DE"), ("GR", ".DE"), ("FP", ".PA"), ("NA", ".AS"),
    ("SM", ".MC"), ("SW", ".SW"), ("IM", ".MI"), ("AU", ".AX"), ("CN", ".TO"), ("SP", ".SI"), ("IN", ".NS"),
];

/// `AMZN US Equity`, `9988 HK Equity`: a terminal's security, the symbol, its market code and
/// `Equity`. Returns the ticker and where the written form ends.
fn terminal_security(text: &str, start: usize, end: usize) -> Option<(String, usize)> {
    let sym = &text[start..end];
    let sym_ok =
        (1..=6).contains(&sym.len()) && sym.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let rest = text[end..].strip_prefix(' ')?;
    let (market, after) = rest.split_once(' ')?;
    let (_, suffix) = TERMINAL_MARKETS.iter().find(|(m, _)| *m == market)?;
    let written_end = end + 1 + market.len() + 1 + "Equity".len();
    let equity = after.starts_with("Equity") && !after[6..].starts_with(|c: char| c.is_alphanumeric());
    (sym_ok && equity).then(|| canonical(&format!("{sym}{suffix}"))).flatten().map(|t| (t, written_end))
}

/// The terminal securities a header line names (`AMZN US Equity    TN 02/06 16:31:05`).
pub(crate) fn terminal_header(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut at = 0;
    for word in text.split(' ') {
        let start = at;
        at += word.len() + 1;
        if word.is_empty() || (start > 0 && !text[..start].ends_with(' ')) {
            continue;
        }
        if let Some((symbol, _)) = terminal_security(text, start, start + word.len()) {
            if !out.contains(&symbol) {
                out.push(symbol);
            }
        }
    }
    out
}

/// `NYSE: ORCL` outside parentheses: an exchange name, a colon, a symbol.
fn prefixed_outside(text: &str, start: usize, end: usize) -> Option<(&str, &str)> {
    let exchange = &text[start..end];
    let upper_or_title = exchange.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    if !upper_or_title || !is_exchange(exchange) || exchange.len() < 3 {
        return None;
    }
    let rest = text[end..].strip_prefix(':')?.trim_start_matches(' ');
    let sym_end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.')).unwrap_or(rest.len());
    let sym = rest[..sym_end].trim_end_matches('.');
    let looks = !sym.is_empty() && sym.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    looks.then_some((exchange, sym))
}

/// The tickers inside one pair of brackets: `NYSE:ORCL`, `NASDAQ: MSFT; NYSE: IBM`,
/// `9988.HK`, ` BIDU ` (bare, after a company's name), Reuters' `<MSFT.O>`.
fn bracketed(inside: &str, before: &str, angle: bool, registry: &Registry) -> Vec<String> {
    let mut out = Vec::new();
    let mut exchange: Option<&str> = None;
    for part in inside.split([',', ';', '/']).map(str::trim).filter(|p| !p.is_empty()) {
        let (ex, sym) = match part.split_once(':') {
            Some((ex, sym)) => (Some(ex.trim()), sym.trim()),
            None => (None, part),
        };
        if let Some(ex) = ex {
            if !is_exchange(ex) {
                return Vec::new();
            }
            exchange = Some(ex);
        }
        if sym.contains(char::is_whitespace) {
            return Vec::new();
        }
        let symbol = match exchange {
            // `(NASDAQ: GOOGL, GOOG)`: the exchange carries over.
            Some(ex) => canonical(&format!("{ex}:{sym}")),
            None if sym.contains('.') => suffixed(sym),
            None if angle => None,
            None => bare(sym, before, registry),
        };
        match symbol {
            Some(s) => out.push(s),
            None => return Vec::new(),
        }
    }
    out
}

/// A bare symbol in parentheses, `Baidu (BIDU)`: a ticker when the registry lists it, or
/// when it follows a capitalised name and is no common acronym nor that name's initials.
fn bare(sym: &str, before: &str, registry: &Registry) -> Option<String> {
    let caps = (1..=5).contains(&sym.len()) && sym.chars().all(|c| c.is_ascii_uppercase());
    if !caps || NOT_TICKERS.contains(&sym) {
        return None;
    }
    if let Some((spelling, _)) = in_registry(sym, registry) {
        return canonical(&spelling);
    }
    let words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    let name_before = words.first().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    // `Régimen de Incentivo para Grandes Inversiones (RIGI)`: a name's initials skip its
    // small words, so look back further than four words.
    let initials: String = before
        .split_whitespace()
        .rev()
        .take(sym.len() * 2 + 2)
        .collect::<Vec<_>>()
        .iter()
        .rev()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect();
    let is_initials = initials.ends_with(sym) && sym.len() > 1;
    (name_before && !is_initials && sym.len() >= 2).then(|| canonical(sym)).flatten()
}

/// A research note's or quote page's security line: a company's name and its symbol in
/// brackets, nothing else (`NVIDIA Corp. (NVDA)`, `Samsung Electronics (KRX: 005930)`).
pub(crate) fn security_line(text: &str) -> Option<Vec<String>> {
    let text = text.trim();
    let (name, inside) = text.strip_suffix(')')?.rsplit_once('(')?;
    let words: Vec<&str> = name.split_whitespace().collect();
    let named = (1..=6).contains(&words.len())
        && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c == '&'));
    if !named || name.contains(['(', ')', ':']) {
        return None;
    }
    let found = bracketed(inside, name, false, &Registry::default());
    (!found.is_empty()).then_some(found)
}

/// `BABA--`, `MSFT, META--`, `9988.HK +1.2%`: tickers followed by a price change or its
/// placeholder. The placeholder is required, so a line of capitals in the body is not taken.
pub(crate) fn ticker_line(text: &str) -> Option<Vec<String>> {
    let mut tickers = Vec::new();
    let mut has_change = false;
    for token in text.split(|c: char| c == ',' || c.is_whitespace()).filter(|t| !t.is_empty()) {
        // `MSFT--META--`: several tickers and placeholders glued into one token.
        let mut rest = token;
        while !rest.is_empty() {
            let (ticker, after) = split_change(rest);
            let change_len = change_prefix_len(after);
            if !after.is_empty() && change_len == 0 {
                return None;
            }
            has_change |= change_len > 0;
            if !ticker.is_empty() {
                if !is_ticker(ticker) {
                    return None;
                }
                tickers.push(ticker.to_string());
            }
            rest = &after[change_len..];
        }
    }
    (has_change && !tickers.is_empty()).then_some(tickers)
}

/// Length of the price change or placeholder at the start of `s` (`--`, `+1.2%`, `-0,5%`).
fn change_prefix_len(s: &str) -> usize {
    let dashes = s.len() - s.trim_start_matches(['-', '–', '—']).len();
    if dashes >= 2 || (dashes > 0 && dashes == s.len()) {
        return dashes;
    }
    let unsigned = s.trim_start_matches(['+', '-', '−', '–']);
    let sign = s.len() - unsigned.len();
    let digits = unsigned.len()
        - unsigned.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',').len();
    if digits == 0 || sign > 1 {
        return 0;
    }
    let percent = usize::from(unsigned[digits..].starts_with('%'));
    sign + digits + percent
}

fn split_change(token: &str) -> (&str, &str) {
    let cut = token
        .char_indices()
        .find(|&(i, c)| {
            c == '+'
                || c == '−'
                || c == '–'
                || (c == '-'
                    && token[i + 1..].starts_with(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']))
        })
        .map_or(token.len(), |(i, _)| i);
    token.split_at(cut)
}

fn is_ticker(s: &str) -> bool {
    (1..=10).contains(&s.len())
        && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.')
        && s.chars().any(|c| c.is_ascii_uppercase())
        && !s.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::CompanyConfig;

    fn symbols(text: &str) -> Vec<String> {
        inline(text, &Registry::default()).into_iter().map(|t| t.symbol).collect()
    }

    #[test]
    fn tickers_printed_in_prose() {
        assert_eq!(
            symbols("Its shares are listed in Hong Kong under 9988 and in New York under BABA."),
            ["9988.HK", "BABA"]
        );
        assert_eq!(
            symbols("SoftBank Group, listed on the Tokyo Stock Exchange under the code 9984, rose."),
            ["9984.T"]
        );
        assert_eq!(symbols("The chipmaker trades on the Nasdaq under the ticker symbol \"NVDA\"."), ["NVDA"]);
        // `under` that is not a listing: no ticker.
        assert!(symbols("The company, under CEO Lisa Su, traded blows with Nvidia.").is_empty());
        assert!(symbols("The plan was approved under IRA rules last year.").is_empty());
        assert!(symbols("Shares traded under pressure after the results.").is_empty());
        // A number with no exchange named is no ticker.
        assert!(symbols("The stock is listed under 2330.").is_empty());
    }

    #[test]
    fn every_form_the_pages_use() {
        assert_eq!(symbols("Oracle Corp (NYSE:ORCL) said"), ["ORCL"]);
        assert_eq!(symbols("Tencent (HK:0700) and Tencent (HK:700)"), ["0700.HK"]);
        assert_eq!(symbols("search giant Baidu ( BIDU ) said"), ["BIDU"]);
        assert_eq!(symbols("Alibaba's Hong Kong shares (9988.HK) rose"), ["9988.HK"]);
        assert_eq!(symbols("Inspur 002230.SZ and Kweichow 600519.SH"), ["002230.SZ", "600519.SS"]);
        assert_eq!(symbols("Microsoft <MSFT.O> and Oracle <ORCL.N>"), ["MSFT", "ORCL"]);
        assert_eq!(symbols("Amazon.com Inc (NASDAQ: AMZN) plans"), ["AMZN"]);
        assert_eq!(symbols("Alphabet (NASDAQ: GOOGL, GOOG)"), ["GOOGL", "GOOG"]);
        assert_eq!(symbols("Alibaba (NYSE: BABA; HKEX: 9988)"), ["BABA", "9988.HK"]);
        assert_eq!(symbols("SoftBank (TSE: 9984) and Samsung (KRX: 005930)"), ["9984.T", "005930.KS"]);
        assert_eq!(symbols("Reliance Industries (NSE: RELIANCE)"), ["RELIANCE.NS"]);
        assert_eq!(symbols("shares of $NVDA jumped; $80 billion"), ["NVDA"]);
        assert_eq!(symbols("listed on Nasdaq: NVDA."), ["NVDA"]);
        assert_eq!(symbols("Baidu (BIDU.O) rose"), ["BIDU"]);
        assert_eq!(symbols("AMZN US Equity    TN 02/06 16:31:05"), ["AMZN"]);
        assert_eq!(symbols("9988 HK Equity and 6758 JP Equity"), ["9988.HK", "6758.T"]);
        assert!(symbols("AMZN US Equities fell").is_empty());
        assert_eq!(terminal_header("AMZN US Equity      TN 02/06 16:31:05"), ["AMZN"]);
    }

    #[test]
    fn acronyms_and_prose_are_not_tickers() {
        assert!(symbols("artificial intelligence (AI) and graphics processors (GPUs)").is_empty());
        assert!(symbols("the Department of Energy (DOE) said").is_empty());
        assert!(symbols("NEW YORK (AP) — Nvidia said").is_empty());
        assert!(symbols("the U.S. and the E.U. agreed").is_empty());
        assert!(symbols("capacity of 1.2 gigawatts (GW) by 2026").is_empty());
        assert!(symbols("(see chart) and (in billions of dollars)").is_empty());
        assert!(symbols("revenue rose 12% (year on year)").is_empty());
        assert!(symbols("Taiwan Semiconductor Manufacturing Co (TSMC) said").is_empty());
        assert!(symbols("el Régimen de Incentivo para Grandes Inversiones (RIGI), que").is_empty());
    }

    #[test]
    fn registry_spelling_and_company() {
        let companies = vec![CompanyConfig {
            name: "Tencent".into(),
            aliases: vec![],
            tickers: vec!["700.HK".into(), "TCEHY".into()],
            ..Default::default()
        }];
        let registry = Registry::new(&companies);
        assert_eq!(in_registry("0700.HK", &registry), Some(("700.HK".to_string(), "Tencent")));
        assert_eq!(in_registry("HK:0700", &registry), Some(("700.HK".to_string(), "Tencent")));
        assert!(same_listing("MSFT.O", "MSFT"));
        assert!(!same_listing("9988.HK", "BABA"));
    }

    #[test]
    fn security_lines() {
        assert_eq!(security_line("Advanced Micro Devices Inc. (AMD)"), Some(vec!["AMD".to_string()]));
        assert_eq!(security_line("SK Hynix (KRX: 000660)"), Some(vec!["000660.KS".to_string()]));
        assert_eq!(security_line("Data Centre Outlook (DCO)"), None);
        assert_eq!(security_line("Shares rose after the results (AMD)"), None);
        assert_eq!(security_line("Advanced Micro Devices"), None);
    }

    #[test]
    fn ticker_lines() {
        assert_eq!(ticker_line("BABA--"), Some(vec!["BABA".to_string()]));
        assert_eq!(ticker_line("MSFT, META--"), Some(vec!["MSFT".to_string(), "META".to_string()]));
        assert_eq!(ticker_line("9988.HK +1.25%"), Some(vec!["9988.HK".to_string()]));
        assert_eq!(ticker_line("BABA-2.1%"), Some(vec!["BABA".to_string()]));
        assert_eq!(ticker_line("MSFT--META--"), Some(vec!["MSFT".to_string(), "META".to_string()]));
        assert_eq!(ticker_line("NVDA+3.10%AMD-1.2%"), Some(vec!["NVDA".to_string(), "AMD".to_string()]));
        assert_eq!(ticker_line("NEW YORK"), None);
        assert_eq!(ticker_line("AI-ready--"), None);
        assert_eq!(ticker_line("Shares fell--"), None);
    }
}
