//! Money figures in article text: found with the amount scanner, attributed to a registered
//! company in the same clause, and classified as capex commitments or other money.

use super::amount::{self, Money};
use super::period;
use super::registry::{Mention, Registry};

/// What a figure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum FigureKind {
    /// Money a company says it will invest (capex, data centres, infrastructure).
    Commitment,
    /// Any other money: revenue, profit, a share price, a market value, a conversion.
    Other,
}

/// One money figure in a text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Figure {
    /// Canonical name of the company it is attributed to.
    pub company: Option<String>,
    /// The amount as written, e.g. `$53 billion`.
    pub text: String,
    /// Amount in currency units (the low end of a range).
    pub amount: f64,
    /// High end of a range.
    pub amount_high: Option<f64>,
    /// ISO 4217 code.
    pub currency: String,
    /// The period phrase near the figure, as written (`over the next three years`).
    pub period: Option<String>,
    /// Commitment or other money.
    pub kind: FigureKind,
    /// The sentence it appears in.
    pub sentence: String,
    /// Byte offset of the figure in the text.
    pub offset: usize,
}

/// Words that make money a capex commitment.
const COMMITMENT_CUES: &[&str] = &[
    "invest",
    "capex",
    "capital expenditure",
    "capital spending",
    "capital investment",
    "spend",
    "allocate",
    "earmark",
    "put in",
    "pour",
    "commit",
    "pledge",
    "set aside",
    "sets aside",
    "budget",
    "data center",
    "data centre",
    "datacenter",
    "infrastructure",
    "build-out",
    "buildout",
    "outlay",
    "to build",
    "building",
    "expansion",
    "plan",
    "spent",
    "will cost",
    "inversión",
    "invertir",
];

/// Words that make money something else.
const OTHER_CUES: &[&str] = &[
    "revenue",
    "sales",
    "profit",
    "net income",
    "operating income",
    "income of",
    "turnover",
    "ebitda",
    "share price",
    "stock price",
    "shares",
    "stock",
    "per share",
    "a share",
    "market value",
    "market cap",
    "valuation",
    "valued at",
    "worth",
    "dividend",
    "buyback",
    "repurchase",
    "exchange rate",
    "equivalent",
    "equals",
    "that is roughly",
    "that is about",
    "converted",
    "loss",
    "debt",
    "bond",
    "fine",
    "penalty",
    "salary",
    "paid",
    "acquire",
    "acquisition",
    "bought",
    "price of",
    "closed at",
    "fell",
    "rose",
    "trading at",
];

/// Finds the money figures in `text` (Markdown or plain text) with their companies.
pub fn extract_figures(text: &str, registry: &Registry) -> Vec<Figure> {
    let monies = amount::scan(text);
    if monies.is_empty() {
        return Vec::new();
    }
    let mentions = registry.mentions(text);
    monies.iter().map(|m| figure(text, m, &monies, &mentions, registry)).collect()
}

fn figure(text: &str, m: &Money, all: &[Money], mentions: &[Mention], registry: &Registry) -> Figure {
    let (s_start, s_end) = sentence_bounds(text, m.start, m.end);
    let (c_start, c_end) = clause_bounds(text, s_start, s_end, m.start, m.end);
    let company = attribute(text, m, (s_start, s_end), (c_start, c_end), mentions)
        .and_then(|i| registry.get(i))
        .map(|c| c.name.clone());
    let kind = classify(text, m, (c_start, c_end), all);
    Figure {
        company,
        text: text[m.start..m.end].to_string(),
        amount: m.low,
        amount_high: m.high,
        currency: m.currency.unwrap_or("USD").to_string(),
        period: find_period(text, (c_start, c_end), m),
        kind,
        sentence: clean_sentence(&text[s_start..s_end]),
        offset: m.start,
    }
}

fn clean_sentence(s: &str) -> String {
    let s = s.trim().trim_start_matches(['-', '*', '+', '|', '#', '>']).trim();
    s.trim_end_matches('|').split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A sentence ends at `.`/`!`/`?` followed by a space and an upper-case letter or a line
/// break, at a blank line, and at the end of a line that is a list item, heading or table row.
fn sentence_bounds(text: &str, at: usize, at_end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let is_end = |i: usize| -> bool {
        // i is the index of a byte that ends a sentence (inclusive).
        match bytes[i] {
            b'.' | b'!' | b'?' => {
                let next = bytes.get(i + 1).copied();
                let after = bytes.get(i + 2).copied();
                let prev_digit = i > 0 && bytes[i - 1].is_ascii_digit();
                let next_digit = next.is_some_and(|b| b.is_ascii_digit());
                if prev_digit && next_digit {
                    return false;
                }
                match next {
                    None | Some(b'\n') => true,
                    Some(b' ') => after.is_none_or(|a| a.is_ascii_uppercase() || a == b'"' || a == b'\n'),
                    _ => false,
                }
            }
            b'\n' => {
                let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
                let line = text[line_start..i].trim_start();
                let next_line = text[i + 1..].split('\n').next().unwrap_or("").trim_start();
                line.is_empty()
                    || next_line.is_empty()
                    || line.starts_with(['|', '#', '-', '*', '+'])
                    || next_line.starts_with(['|', '#', '-', '*', '+', '>'])
                    || line.chars().next().is_some_and(|c| c.is_ascii_digit()) && line.contains(". ")
            }
            b';' => false,
            _ => false,
        }
    };
    // Text without sentence breaks (a flattened table, scraped junk) would otherwise make
    // every figure scan all of it: a sentence reaches at most this far either side.
    let floor = char_boundary_at_or_before(text, at.saturating_sub(SENTENCE_REACH));
    let ceiling = char_boundary_at_or_after(text, at_end.saturating_add(SENTENCE_REACH));
    let mut start = floor;
    let mut i = at;
    while i > floor {
        i -= 1;
        if is_end(i) {
            start = i + 1;
            break;
        }
    }
    let mut end = ceiling;
    let mut j = at_end;
    while j < ceiling {
        if is_end(j) {
            end = if bytes[j] == b'\n' { j } else { j + 1 };
            break;
        }
        j += 1;
    }
    (start, end.max(at_end))
}

/// How far a sentence may reach either side of a figure, in bytes.
const SENTENCE_REACH: usize = 1_000;

fn char_boundary_at_or_before(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn char_boundary_at_or_after(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A clause: the part of the sentence between `;`, `, while`, `, whereas`, `, but`, `, and`,
/// or table cell bars around the figure.
fn clause_bounds(text: &str, s_start: usize, s_end: usize, m_start: usize, m_end: usize) -> (usize, usize) {
    const BREAKS: &[&str] =
        &[";", ", while ", ", whereas ", ", but ", ", and ", " while ", " whereas ", " but "];
    let sentence = &text[s_start..s_end];
    let rel_start = m_start - s_start;
    let rel_end = m_end - s_start;
    let mut start = 0;
    let mut end = sentence.len();
    for b in BREAKS {
        for (pos, _) in sentence.match_indices(b) {
            if pos + b.len() <= rel_start {
                start = start.max(pos + b.len());
            } else if pos >= rel_end {
                end = end.min(pos);
            }
        }
    }
    (s_start + start, s_start + end)
}

/// Paren depth at each mention: a company described inside a parenthesis is a description,
/// not the subject ("Meta (the parent of Facebook, WhatsApp ...)").
/// Parenthesis depth after `text[from..at]`, starting at `depth`.
fn paren_depth(text: &str, from: usize, at: usize, mut depth: i32) -> i32 {
    for b in text.as_bytes().get(from..at).unwrap_or_default() {
        match b {
            b'(' => depth += 1,
            b')' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth
}

fn attribute(
    text: &str,
    m: &Money,
    (s_start, s_end): (usize, usize),
    (c_start, c_end): (usize, usize),
    mentions: &[Mention],
) -> Option<usize> {
    let mut in_sentence: Vec<&Mention> =
        mentions.iter().filter(|x| x.start >= s_start && x.end <= s_end).collect();
    in_sentence.sort_by_key(|x| x.start);
    // Parenthesis depth at each mention, in one pass over the sentence.
    let mut depth = 0i32;
    let mut scanned = s_start;
    let bare: Vec<&Mention> = in_sentence
        .iter()
        .copied()
        .filter(|x| {
            depth = paren_depth(text, scanned, x.start, depth);
            scanned = x.start.max(scanned);
            depth <= 0
        })
        .collect();
    let in_clause = |x: &&Mention| x.start >= c_start && x.end <= c_end;
    // Nearest subject before the figure in its clause, then after it, then anywhere in the sentence.
    bare.iter()
        .filter(|x| in_clause(x) && x.end <= m.start)
        .max_by_key(|x| x.start)
        .or_else(|| bare.iter().filter(|x| in_clause(x) && x.start >= m.end).min_by_key(|x| x.start))
        .or_else(|| bare.iter().filter(|x| x.end <= m.start).max_by_key(|x| x.start))
        .or_else(|| bare.first())
        .map(|x| x.company)
        .or_else(|| in_sentence.first().map(|x| x.company))
}

/// Start offsets of `needle` (lower case) in `lower` at a word start.
fn find_word_starts<'a>(lower: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    lower
        .match_indices(needle)
        .filter(|(i, _)| !lower[..*i].chars().next_back().is_some_and(|c| c.is_alphanumeric()))
        .map(|(i, _)| i)
}

fn classify(text: &str, m: &Money, (c_start, c_end): (usize, usize), all: &[Money]) -> FigureKind {
    // No scale word and under a million: a share price or a small sum, never a capex plan.
    if !m.scaled && m.low < 1e6 {
        return FigureKind::Other;
    }
    let clause = &text[c_start..c_end];
    let fig_start = m.start - c_start;
    let fig_end = m.end - c_start;
    // A figure in parentheses right after another is a conversion (`RMB 380 billion (about $53 billion)`).
    let before = clause[..fig_start].trim_end();
    let before = before.trim_end_matches(|c: char| c.is_alphabetic() || c == ' ' || c == '~');
    if before.ends_with('(') && all.iter().any(|o| o.end <= m.start && o.end + 40 >= m.start) {
        return FigureKind::Other;
    }
    // Lower-casing may change byte lengths outside ASCII; then offsets are only approximate,
    // which is fine for "which cue is nearer".
    let lower = clause.to_lowercase();
    let lower = lower.as_str();
    let distance = |cues: &[&'static str]| -> Option<usize> {
        cues.iter()
            .flat_map(|cue| find_word_starts(lower, cue).map(move |p| (p, p + cue.len())))
            .map(|(p, e)| if e <= fig_start { fig_start - e } else { p.saturating_sub(fig_end) })
            .min()
    };
    match (distance(COMMITMENT_CUES), distance(OTHER_CUES)) {
        (Some(c), Some(o)) if c <= o => FigureKind::Commitment,
        (Some(_), None) => FigureKind::Commitment,
        _ => FigureKind::Other,
    }
}

/// Whether a phrase's last word can end a period (`year`, `months`, `2025`, `FY25`, `2025-27`),
/// so most windows are rejected without parsing.
fn ends_like_period(phrase: &str) -> bool {
    let last = phrase.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    let last = last.to_ascii_lowercase();
    matches!(last.as_str(), "year" | "years" | "yr" | "yrs" | "month" | "months" | "decade" | "decades")
        || last.ends_with("-year")
        || last.starts_with("fy")
        || last.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The period phrase nearest the figure in its clause: after it first, then before it.
fn find_period(text: &str, (c_start, c_end): (usize, usize), m: &Money) -> Option<String> {
    const STARTERS: &[&str] = &[
        "over", "in", "for", "during", "within", "this", "next", "the", "through", "until", "by", "from",
        "between", "fiscal", "its",
    ];
    let clause = &text[c_start..c_end];
    let words: Vec<(usize, &str)> = clause
        .split_inclusive(|c: char| c.is_whitespace())
        .scan(0usize, |pos, w| {
            let at = *pos;
            *pos += w.len();
            Some((at, w))
        })
        .map(|(at, w)| (at, w.trim_end()))
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let mut best: Option<(usize, String)> = None;
    for (i, &(at, w)) in words.iter().enumerate() {
        let abs = c_start + at;
        if abs >= m.start && abs < m.end {
            continue;
        }
        let lw = w.to_lowercase();
        let lw = lw.trim_matches(|c: char| !c.is_alphanumeric());
        let starts = STARTERS.contains(&lw) || lw.starts_with("fy") || lw.parse::<u32>().is_ok();
        if !starts {
            continue;
        }
        for len in (1..=7).rev() {
            let Some(last) = words.get(i + len - 1) else { continue };
            let end = last.0 + last.1.len();
            let phrase = clause[at..end].trim_end_matches(|c: char| !c.is_alphanumeric());
            if (c_start + end > m.start && abs < m.end) || !ends_like_period(phrase) {
                continue;
            }
            if period::parse(phrase).is_ok() {
                let dist =
                    if abs >= m.end { abs - m.end } else { m.start.saturating_sub(c_start + end) + 1000 };
                if best.as_ref().is_none_or(|(d, _)| dist < *d) {
                    best = Some((dist, phrase.to_string()));
                }
                break;
            }
        }
    }
    best.map(|(_, p)| p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::CompanyConfig;

    fn registry() -> Registry {
        let c = |name: &str, aliases: &[&str]| CompanyConfig {
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            tickers: Vec::new(),
            ..Default::default()
        };
        Registry::new(&[
            c("Meta", &["Facebook", "Meta Platforms", "WhatsApp"]),
            c("Alphabet", &["Google"]),
            c("Alibaba", &["Alibaba Group", "Alibaba Group Holding Ltd"]),
            c("Microsoft", &[]),
            c("Amazon", &["AWS"]),
            c("ByteDance", &[]),
            c("Tencent", &[]),
            c("Oracle", &[]),
            c("SoftBank", &["SoftBank Group"]),
        ])
    }

    fn one(text: &str) -> Figure {
        let f = extract_figures(text, &registry());
        assert_eq!(f.len(), 1, "{text}: {f:#?}");
        f.into_iter().next().unwrap()
    }

    fn check(text: &str, company: Option<&str>, amount: f64, currency: &str, kind: FigureKind) {
        let f = one(text);
        assert_eq!(f.company.as_deref(), company, "company in: {text}");
        assert!((f.amount - amount).abs() < 1.0, "amount in: {text}: {}", f.amount);
        assert_eq!(f.currency, currency, "currency in: {text}");
        assert_eq!(f.kind, kind, "kind in: {text}");
    }

    use FigureKind::{Commitment, Other};

    #[test]
    fn commitments_in_news_phrasing() {
        check("Meta will invest $65 billion in AI this year.", Some("Meta"), 65e9, "USD", Commitment);
        check(
            "Microsoft plans to spend over $80 billion on data centers.",
            Some("Microsoft"),
            80e9,
            "USD",
            Commitment,
        );
        check(
            "Alibaba will put RMB 380 billion into cloud infrastructure.",
            Some("Alibaba"),
            380e9,
            "CNY",
            Commitment,
        );
        check(
            "ByteDance has earmarked 150 billion yuan for AI chips.",
            Some("ByteDance"),
            150e9,
            "CNY",
            Commitment,
        );
        check(
            "Amazon expects capital expenditure of about $100 billion in 2025.",
            Some("Amazon"),
            100e9,
            "USD",
            Commitment,
        );
        check("Google's parent will commit US$75bn to capex.", Some("Alphabet"), 75e9, "USD", Commitment);
        check("Facebook owner plans capex of $60-65 billion.", Some("Meta"), 60e9, "USD", Commitment);
        check(
            "The company pledged €20bn for European data centres, Microsoft said.",
            Some("Microsoft"),
            20e9,
            "EUR",
            Commitment,
        );
        check(
            "Tencent allocates HK$10 billion to AI infrastructure",
            Some("Tencent"),
            10e9,
            "HKD",
            Commitment,
        );
    }

    #[test]
    fn parenthetical_descriptions_keep_the_subject() {
        let f = one("Meta (the parent of Facebook, WhatsApp and Instagram) will spend $65 billion on AI.");
        assert_eq!(f.company.as_deref(), Some("Meta"));
        let f = one("Alibaba Group Holding Ltd (BABA) plans to invest RMB 380 billion over three years.");
        assert_eq!(f.company.as_deref(), Some("Alibaba"));
        assert_eq!(f.period.as_deref(), Some("over three years"));
    }

    #[test]
    fn other_money_is_not_capex() {
        check(
            "Alphabet reported revenue of $96.5 billion for the quarter.",
            Some("Alphabet"),
            96.5e9,
            "USD",
            Other,
        );
        check("Alibaba's sales rose to 280 billion yuan.", Some("Alibaba"), 280e9, "CNY", Other);
        check("Tencent shares closed at HK$139.40 on Monday.", Some("Tencent"), 139.4, "HKD", Other);
        check("Meta's market value passed $1.5 trillion.", Some("Meta"), 1.5e12, "USD", Other);
        check("Microsoft posted a net income of $24 billion.", Some("Microsoft"), 24e9, "USD", Other);
        check("At exchange rates at the time, that is roughly US$53 billion.", None, 53e9, "USD", Other);
    }

    #[test]
    fn one_sentence_two_companies() {
        let f = extract_figures(
            "Meta will spend $65 billion this year, while Alphabet plans $75 billion in 2025.",
            &registry(),
        );
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].company.as_deref(), Some("Meta"));
        assert_eq!(f[0].period.as_deref(), Some("this year"));
        assert_eq!(f[1].company.as_deref(), Some("Alphabet"));
        assert_eq!(f[1].period.as_deref(), Some("in 2025"));
        assert_eq!(f[1].kind, Commitment);
    }

    #[test]
    fn revenue_and_investment_in_one_sentence() {
        let f = extract_figures(
            "Alibaba, which reported revenue of 280 billion yuan, will invest 380 billion yuan in AI infrastructure.",
            &registry(),
        );
        assert_eq!(f.iter().map(|f| f.kind).collect::<Vec<_>>(), [Other, Commitment]);
    }

    #[test]
    fn conversions_in_parentheses_are_not_second_commitments() {
        let f = extract_figures(
            "Alibaba will invest more than RMB 380 billion (about US$53 billion) in AI over three years.",
            &registry(),
        );
        assert_eq!(f.iter().map(|f| f.kind).collect::<Vec<_>>(), [Commitment, Other]);
        assert_eq!(f[0].text, "RMB 380 billion");
    }

    #[test]
    fn traps_without_money() {
        let r = registry();
        assert!(extract_figures("Capex rose 12% in 2025, to 1.3 million GPUs and 2GW.", &r).is_empty());
        assert!(extract_figures("In 2025 Meta plans a 2,000-acre campus.", &r).is_empty());
        assert!(extract_figures("Meta spent billions on AI.", &r).is_empty());
    }

    #[test]
    fn billions_millions_trillions() {
        let f = extract_figures(
            "AWS will invest $500 million, then $5 billion, then $1.2 trillion in data centers.",
            &registry(),
        );
        let v: Vec<f64> = f.iter().map(|f| f.amount).collect();
        assert_eq!(v, [500e6, 5e9, 1.2e12]);
    }

    #[test]
    fn offsets_point_at_the_figure() {
        let text = "Intro.\n\nMicrosoft is on track to spend about $80 billion in its 2025 fiscal year.";
        let f = one(text);
        assert_eq!(&text[f.offset..f.offset + f.text.len()], "$80 billion");
        assert_eq!(f.period.as_deref(), Some("in its 2025 fiscal year"));
        assert!(f.sentence.starts_with("Microsoft is on track"), "{}", f.sentence);
    }

    #[test]
    fn table_rows_are_separate_sentences() {
        let text = "| Capex guidance, 2025 | About $75 billion | Investment |\n| Revenue, Q4 2024 | $96.5 billion | Sales |\n";
        let f = extract_figures(text, &registry());
        assert_eq!(f.iter().map(|f| f.kind).collect::<Vec<_>>(), [Commitment, Other]);
    }

    fn kinds(text: &str) -> Vec<(Option<String>, String, FigureKind, Option<String>)> {
        extract_figures(text, &registry())
            .into_iter()
            .map(|f| (f.company, f.text, f.kind, f.period))
            .collect()
    }

    fn row(
        company: Option<&str>,
        text: &str,
        kind: FigureKind,
        period: Option<&str>,
    ) -> (Option<String>, String, FigureKind, Option<String>) {
        (company.map(str::to_string), text.to_string(), kind, period.map(str::to_string))
    }

    #[test]
    fn newswire_sentences() {
        assert_eq!(
            kinds("Microsoft Corp. plans to spend $80 billion in fiscal 2025 on AI-enabled data centers, Vice Chair Brad Smith said."),
            [row(Some("Microsoft"), "$80 billion", Commitment, Some("in fiscal 2025"))]
        );
        assert_eq!(
            kinds("Alibaba Group Holding Ltd. will invest more than 380 billion yuan ($53 billion) in AI infrastructure over the next three years."),
            [
                row(Some("Alibaba"), "380 billion yuan", Commitment, Some("over the next three years")),
                row(Some("Alibaba"), "$53 billion", Other, Some("over the next three years")),
            ]
        );
        assert_eq!(
            kinds("ByteDance has budgeted 160 billion yuan ($22 billion) for capex this year."),
            [
                row(Some("ByteDance"), "160 billion yuan", Commitment, Some("this year")),
                row(Some("ByteDance"), "$22 billion", Other, Some("this year")),
            ]
        );
        assert_eq!(
            kinds("Shares of Alibaba rose 5% to HK$139.40 in Hong Kong trading."),
            [row(Some("Alibaba"), "HK$139.40", Other, None)]
        );
        assert_eq!(
            kinds("Google parent Alphabet expects to invest approximately $75 billion in capital expenditures in 2025."),
            [row(Some("Alphabet"), "$75 billion", Commitment, Some("in 2025"))]
        );
        assert_eq!(
            kinds("Revenue in yuan: Alibaba posted 280.2 billion yuan in revenue for the December quarter."),
            [row(Some("Alibaba"), "280.2 billion yuan", Other, None)]
        );
        assert_eq!(
            kinds("Amazon's AWS generated $107.6 billion in sales last year."),
            [row(Some("Amazon"), "$107.6 billion", Other, None)]
        );
        assert_eq!(
            kinds("In 2024, Microsoft spent $55.7 billion."),
            [row(Some("Microsoft"), "$55.7 billion", Commitment, Some("In 2024"))]
        );
        assert_eq!(
            kinds("SoftBank Group and Oracle pledged $500 billion for the Stargate project over four years."),
            [row(Some("Oracle"), "$500 billion", Commitment, Some("over four years"))]
        );
        assert_eq!(
            kinds("The company's market capitalization topped $3 trillion."),
            [row(None, "$3 trillion", Other, None)]
        );
        assert_eq!(
            kinds("Its 2025 budget of $5bn is small, Tencent said."),
            [row(Some("Tencent"), "$5bn", Commitment, Some("Its 2025"))]
        );
        assert_eq!(
            kinds("Meta plans to spend as much as $65bn this year, up from $39bn in 2024."),
            [
                row(Some("Meta"), "$65bn", Commitment, Some("this year")),
                row(Some("Meta"), "$39bn", Commitment, Some("in 2024")),
            ]
        );
        assert_eq!(
            kinds("SoftBank will invest ¥1 trillion (US$6.6 billion) in Japanese data centres."),
            [
                row(Some("SoftBank"), "¥1 trillion", Commitment, None),
                row(Some("SoftBank"), "US$6.6 billion", Other, None)
            ]
        );
    }
    #[test]
    fn text_without_sentence_breaks_is_read_in_bounded_windows() {
        // Thousands of figures and mentions in one unbroken run of text: each figure's
        // sentence used to span all of it, and checking every mention for parentheses made
        // this take half an hour. Every figure is still found and attributed.
        let junk: String =
            (0..20_000).map(|i| if i % 7 == 0 { "$5 billion " } else { "Meta (or not) " }).collect();
        let figures = extract_figures(&junk, &registry());
        assert_eq!(figures.len(), (0..20_000).filter(|i| i % 7 == 0).count());
        assert!(figures.iter().all(|f| f.company.as_deref() == Some("Meta")), "attributed to Meta");
        assert!(figures.iter().all(|f| f.sentence.len() <= 2 * SENTENCE_REACH + 20));
    }
}

#[cfg(test)]
mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn on_any_text(s in "(\\PC|[$€¥()\\-–.,;\\n|`]){0,120}") {
            let registry = Registry::new(&[crate::config::CompanyConfig {
                name: "Meta".into(), aliases: vec!["Facebook".into()], tickers: vec![],
                ..Default::default()
            }]);
            let _ = extract_figures(&s, &registry);
            let _ = super::super::amount::parse_amount(&s);
            let _ = super::super::period::parse(&s);
            let _ = super::super::check::mask_code(&s);
        }

        #[test]
        fn on_money_like_text(a in 0u32..5000, b in 0u32..100, sym in "(\\$|US\\$|HK\\$|€|RMB |¥|)", unit in "( billion| bn|B| million| trillion| yuan|)", tail in "\\PC{0,20}") {
            let text = format!("Meta will invest {sym}{a}.{b}{unit}{tail} in 2025.");
            let figures = extract_figures(&text, &Registry::new(&[]));
            for f in figures {
                prop_assert!(text.is_char_boundary(f.offset));
                prop_assert!(f.amount >= 0.0);
            }
        }
    }
}
