//! Money figures in article text: found with the amount scanner, given to the company that
//! commits them (`subject`), classified (`classify`: a forward commitment, past spending,
//! an estimate, a difference, …) and given the period the words around them name
//! (`periods`). `text` holds the sentence, clause and quotation structure they all read.

mod classify;
mod cues;
mod dollar;
mod periods;
mod subject;
mod text;

use super::amount::{self, Money};
use super::period::PeriodSpec;
use super::registry::Registry;
use super::FigureClass;
use jiff::civil::Date;
use subject::{Discourse, How};
use text::{clean_sentence, words_forward, Doc};

/// One money figure in a text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Figure {
    /// Canonical name of the company it is attributed to.
    pub company: Option<String>,
    /// The amount as written, e.g. `$53 billion`, `$64 billion and $72 billion`.
    pub text: String,
    /// Words before the amount that qualify it (`more than`, `about`), as written.
    pub qualifier: Option<String>,
    /// Amount in currency units (the low end of a range).
    pub amount: f64,
    /// High end of a range.
    pub amount_high: Option<f64>,
    /// ISO 4217 code.
    pub currency: String,
    /// What the amount's last written digit is worth (see [`Money::unit`]).
    pub unit: f64,
    /// The period phrase near the figure, as written (`over the next three years`).
    pub period: Option<String>,
    /// What that phrase means.
    #[serde(skip)]
    pub period_spec: Option<PeriodSpec>,
    /// What kind of figure it is.
    pub class: FigureClass,
    /// The amount is a yearly rate (`$4 billion to $5 billion a year from 2026 through 2029`).
    pub per_year: bool,
    /// How sure the reading is, from 0 to 1.
    pub confidence: f64,
    /// The sentence it appears in.
    pub sentence: String,
    /// Why its currency is a guess an editor should check, when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency_note: Option<&'static str>,
    /// Byte offset of the figure in the body (in the headline when `in_headline`).
    pub offset: usize,
    /// It is in the headline, not the body.
    pub in_headline: bool,
}

/// An article as the extractor reads it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Article<'a> {
    /// The headline, when there is one.
    pub title: Option<&'a str>,
    /// The text (Markdown or plain text).
    pub body: &'a str,
    /// The article's date: relative periods and "past" are measured from it.
    pub date: Option<Date>,
    /// Tickers the page lists: they name its subject when the text does not.
    pub tickers: &'a [String],
}

/// How far from a figure, in bytes, the words that classify it are read.
const REACH: usize = 320;

/// Finds the money figures in `text` (Markdown or plain text) with their companies.
pub fn extract_figures(text: &str, registry: &Registry) -> Vec<Figure> {
    extract(&Article { body: text, ..Article::default() }, registry)
}

/// Finds the money figures of an article, headline first, then the body. To read many
/// articles, make one [`Extractor`] and use it for all of them.
pub fn extract(article: &Article<'_>, registry: &Registry) -> Vec<Figure> {
    Extractor::new(registry).extract(article)
}

/// The extractor for a registry, with the word lists it looks for made ready once.
pub struct Extractor<'r> {
    registry: &'r Registry,
    cues: cues::CueSet,
}

impl<'r> Extractor<'r> {
    /// Makes the extractor (its word lists' automaton takes a moment: reuse it).
    pub fn new(registry: &'r Registry) -> Extractor<'r> {
        Extractor { registry, cues: cues::CueSet::new() }
    }

    /// Finds the money figures of an article, headline first, then the body.
    pub fn extract(&self, article: &Article<'_>) -> Vec<Figure> {
        extract_with(article, self.registry, &self.cues)
    }
}

fn extract_with(article: &Article<'_>, registry: &Registry, cue_set: &cues::CueSet) -> Vec<Figure> {
    let title = article.title.map(str::trim).filter(|t| !t.is_empty()).unwrap_or("");
    // The headline is read as the text's first paragraph.
    let head_len = if title.is_empty() { 0 } else { title.len() + 2 };
    let joined;
    let text: &str = if title.is_empty() {
        article.body
    } else {
        joined = format!("{title}\n\n{}", article.body);
        &joined
    };
    let monies = with_bare_amounts(text, amount::scan(text));
    if monies.is_empty() {
        return Vec::new();
    }
    let dollar = dollar::read(text, &monies);
    let doc = Doc::new(text);
    let cue_index = cue_set.index(text, &doc.lower);
    let headline_subject = registry.mentions(title).first().map(|m| m.company);
    let ticker_subject =
        article.tickers.iter().find_map(|t| registry.by_ticker(t).or_else(|| registry.position(t)));
    let discourse = Discourse::new(&doc, &cue_index, registry, headline_subject, ticker_subject);
    let mut out: Vec<Figure> = Vec::with_capacity(monies.len());
    // The period of the first figure of each sentence that had one, for the list items and
    // table rows that follow it.
    let mut lead_ins: Vec<(usize, periods::FoundPeriod)> = Vec::new();
    // The sentence of each figure pushed to `out`.
    let mut sentence_of: Vec<usize> = Vec::with_capacity(monies.len());
    for (i, m) in monies.iter().enumerate() {
        let Some(si) = doc.sentence_at(m.start) else { continue };
        // A figure never runs past its sentence (a cut in text without breaks may fall in
        // it), and the words that say what it is are near it: a long sentence is read only
        // within reach of the figure.
        let near = |(s, e): (usize, usize)| {
            let s = s.max(text::floor_boundary(text, m.start.saturating_sub(REACH)));
            let e = e.max(m.end).min(text::ceil_boundary(text, m.end + REACH));
            (s.min(m.start), e)
        };
        let sentence = near(doc.sentences[si]);
        let clause = near(doc.clause(sentence, m.start, m.end));
        let subject = discourse.subject(si, clause, m.start, m.end);
        // A table cell's column header may name its period (`2025 capex plan`) or say it is
        // past spending (`2024 capex`, `last year`).
        let header = doc.table_header(m.start);
        let found = periods::find(&doc, clause, m.start, m.end, false)
            .or_else(|| header.and_then(|h| periods::find(&doc, h, h.1, h.1, true)))
            .or_else(|| {
                (clause != sentence).then(|| periods::find(&doc, sentence, m.start, m.end, true)).flatten()
            })
            .or_else(|| lead_in_period(&doc, si, &lead_ins));
        if let Some(p) = &found {
            if lead_ins.last().is_none_or(|(last, _)| *last != si) {
                lead_ins.push((si, p.clone()));
            }
        }
        let company = subject.company.and_then(|c| registry.get(c));
        let fiscal_year_end = company.and_then(|c| c.fiscal_year_end);
        let period_in_past = match (&found, article.date) {
            (Some(p), Some(date)) => p.spec.resolve(date, fiscal_year_end).is_ok_and(|r| {
                let today = i32::from(date.year()) * 12 + i32::from(date.month()) - 1;
                // Wholly before the current year (or fiscal year) began.
                let (_, end) = r.months();
                let current_start = match (r.fiscal, r.fiscal_end_month) {
                    (true, Some(m)) => {
                        let fy = super::period::fiscal_year_of(date, m);
                        (fy - 1) * 12 + i32::from(m)
                    }
                    _ => today.div_euclid(12) * 12,
                };
                end < current_start
            }),
            _ => false,
        };
        let context = classify::Context {
            doc: &doc,
            cues: &cue_index,
            money: m,
            previous: i.checked_sub(1).and_then(|p| monies.get(p)),
            next: monies.get(i + 1),
            following: monies.get(i + 1..).unwrap_or(&[]),
            earlier: monies.get(..i).unwrap_or(&[]),
            sentence,
            clause,
            other_entity: subject.other_entity,
            owner_after: discourse.owner_after(m.end, clause.1),
            period_in_past,
            period: found.as_ref().map(|p| p.spec),
            invests_in_company: invests_in_company(&doc, registry, m, clause.1),
            header,
            year: article.date.map(|d| i32::from(d.year())),
        };
        let (mut class, strength) = classify::classify(&context);
        // `… on top of the S$11bn it had invested, and brings its total to S$23bn`: a total
        // that counts money the sentence says is spent is no new commitment.
        if class == FigureClass::Commitment
            && cumulative_total(&doc.lower, sentence.0, qualifier_before(text, m.start).1)
            && out
                .iter()
                .zip(&sentence_of)
                .rev()
                .take_while(|(_, &s)| s == si)
                .any(|(f, _)| f.class == FigureClass::Past)
        {
            class = FigureClass::Past;
        }
        let how = match subject.how {
            How::Named => 1.0,
            How::Speaker => 0.95,
            How::Reference => 0.9,
            How::Context => 0.85,
            How::Article => 0.75,
        };
        let period_bonus = if found.is_some() { 0.05 } else { 0.0 };
        let confidence = ((strength * how + period_bonus).clamp(0.05, 0.99) * 100.0).round() / 100.0;
        let mut currency = m.currency.unwrap_or("USD");
        let mut currency_note = None;
        let mut confidence = confidence;
        if currency == "USD" && dollar::is_bare(&text[m.start..m.end]) {
            match dollar {
                dollar::Dollar::Local(local) => currency = local,
                dollar::Dollar::Unsure => {
                    currency_note = Some("a bare `$` on a page about a country with its own dollar: read as US dollars; check it");
                    confidence = (confidence * 0.8 * 100.0).round() / 100.0;
                }
                dollar::Dollar::Us => {}
            }
        }
        // `¥` in a Chinese company's story is the yuan.
        if currency == "JPY"
            && text[m.start..m.end].contains(['¥', '￥'])
            && company.and_then(|c| c.country.as_deref()) == Some("CN")
        {
            currency = "CNY";
        }
        let (qualifier, _) = qualifier_before(text, m.start);
        let in_headline = m.start < head_len;
        out.push(Figure {
            company: company.map(|c| c.name.clone()),
            text: text[m.start..m.end].to_string(),
            qualifier,
            amount: m.low,
            amount_high: m.high,
            currency: currency.to_string(),
            unit: m.unit,
            period: found.as_ref().map(|p| p.text.clone()),
            period_spec: found.map(|p| p.spec),
            class,
            per_year: class == FigureClass::Commitment && yearly_rate(&doc.lower, m.end),
            confidence,
            sentence: clean_sentence(&text[sentence.0..sentence.1]),
            currency_note,
            offset: if in_headline { m.start } else { m.start - head_len },
            in_headline,
        });
        sentence_of.push(si);
    }
    headline_classes(&mut out);
    years_from_restatements(&mut out);
    out
}

/// Whether the figure starting at `at` is what a running total is brought to: `bringing its
/// total investment in the state to`, `lifts the overall figure to`, `elevando su inversión
/// total a`.
fn cumulative_total(lower: &str, sentence_start: usize, at: usize) -> bool {
    const MOVES: &[&str] = &[
        "bringing", "brings", "bring", "taking", "takes", "lifting", "lifts", "raising", "raises",
        "elevando", "eleva", "llevando", "lleva",
    ];
    const TOTAL: &[&str] = &["total", "cumulative", "overall", "acumulada", "acumulado"];
    let from = text::floor_boundary(lower, at.saturating_sub(160)).max(sentence_start);
    let Some(window) = lower.get(from..at) else { return false };
    let words: Vec<&str> = window.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let Some(moved) = words.iter().rposition(|w| MOVES.contains(w)) else { return false };
    let rest = &words[moved + 1..];
    rest.len() <= 12 && rest.iter().any(|w| TOTAL.contains(w)) && matches!(rest.last(), Some(&("to" | "a")))
}

/// Whether the words right after a figure ending at `end` make it a yearly rate: `a year`,
/// `per year`, `annually`, `al año`, `pro Jahr`.
fn yearly_rate(lower: &str, end: usize) -> bool {
    const RATE: &[&str] = &[
        "a year",
        "per year",
        "each year",
        "every year",
        "annually",
        "per annum",
        "a yr",
        "al año",
        "por año",
        "cada año",
        "anuales",
        "par an",
        "pro jahr",
        "jährlich",
    ];
    let after = lower.get(end..).unwrap_or("").trim_start();
    RATE.iter()
        .any(|r| after.starts_with(r) && after[r.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

/// Whether two figures give the same amount, within the rounding of the less precise one.
fn same_amount(a: &Figure, b: &Figure) -> bool {
    let rounding = a.unit.max(b.unit) * 0.999;
    let close = |x: f64, y: f64| (x - y).abs() < rounding || (x - y).abs() <= x.abs().max(y.abs()) * 0.005;
    a.currency == b.currency
        && close(a.amount, b.amount)
        && match (a.amount_high, b.amount_high) {
            (Some(x), Some(y)) => close(x, y),
            (None, None) => true,
            _ => false,
        }
}

/// A commitment whose period is only a length (`Microsoft's four-year, $17.5 billion plan`)
/// takes the years another mention of the same company's same amount writes out for as many
/// years (`$17.5 billion … over four years from 2026 to 2029`): the length counts from when the
/// plan starts, which the written years say and the article's date does not.
fn years_from_restatements(figures: &mut [Figure]) {
    for i in 0..figures.len() {
        let f = &figures[i];
        let Some(PeriodSpec::Span { months }) = f.period_spec else { continue };
        if f.class != FigureClass::Commitment || f.company.is_none() {
            continue;
        }
        let written = figures.iter().enumerate().find_map(|(j, g)| {
            let years = match g.period_spec {
                Some(PeriodSpec::Years { first, last, .. }) => (last - first + 1) * 12,
                _ => return None,
            };
            (j != i
                && g.company == f.company
                && same_amount(f, g)
                && u32::try_from(years).is_ok_and(|y| y == months))
            .then(|| (g.period.clone(), g.period_spec))
        });
        if let Some((text, spec)) = written {
            figures[i].period = text;
            figures[i].period_spec = spec;
        }
    }
}

/// The period a list item or table row (sentence `si`) takes from the sentence that leads
/// into it: `Together they plan to spend … in 2025:` then `- Alphabet: about $75 billion`.
fn lead_in_period(
    doc: &Doc<'_>,
    si: usize,
    lead_ins: &[(usize, periods::FoundPeriod)],
) -> Option<periods::FoundPeriod> {
    let (s, _) = doc.sentences[si];
    let line = doc.text[s..].trim_start();
    let item = line.starts_with(['-', '*', '+', '|']) || {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && line[digits..].starts_with(". ")
    };
    if !item {
        return None;
    }
    // The nearest earlier sentence with a period that is not itself an item, within reach.
    lead_ins.iter().rev().find_map(|(lead, p)| {
        let (ls, le) = doc.sentences[*lead];
        let lead_item = doc.text[ls..].trim_start().starts_with(['-', '*', '+', '|']);
        (!lead_item && s.saturating_sub(le) <= 800).then(|| p.clone())
    })
}

/// `monies` with the amounts written without a currency that follow a figure with one in
/// the same paragraph or the one before (`… 91.000 y 93.000 millones de dólares. Meta espera
/// entre 70.000 y 72.000 millones …`): they take that figure's currency.
fn with_bare_amounts(text: &str, monies: Vec<Money>) -> Vec<Money> {
    let bare = amount::scan_bare(text);
    if bare.is_empty() {
        return monies;
    }
    let mut all = monies;
    for mut b in bare {
        // `RMB 380 billion` read again from its digits.
        if all.iter().any(|m| m.start < b.end && b.start < m.end) {
            continue;
        }
        let before = all.iter().filter(|m| m.end <= b.start && m.currency.is_some()).max_by_key(|m| m.end);
        let Some(currency) = before.filter(|m| b.start - m.end <= 1_200).and_then(|m| m.currency) else {
            continue;
        };
        let gap = &text[before.map_or(b.start, |m| m.end)..b.start];
        if gap.matches("\n\n").count() > 1 {
            continue;
        }
        b.currency = Some(currency);
        all.push(b);
    }
    all.sort_by_key(|m| m.start);
    all
}

/// The class and company a headline's figure take: those of the same amount in the body (a
/// headline restates the story; the body has the words that say whose money it is), else
/// its own. A headline that names one of several body commitments of that amount keeps it.
fn headline_classes(figures: &mut [Figure]) {
    let body: Vec<Figure> = figures.iter().filter(|f| !f.in_headline).cloned().collect();
    for f in figures.iter_mut().filter(|f| f.in_headline) {
        let same = |b: &&Figure| {
            let rounding = b.unit.max(f.unit) * 0.999;
            let close =
                |a: f64, b: f64| (a - b).abs() < rounding || (a - b).abs() <= a.abs().max(b.abs()) * 0.005;
            b.currency == f.currency
                && (close(b.amount, f.amount) || b.amount_high.is_some_and(|h| close(h, f.amount)))
                && f.amount_high.is_none_or(|fh| b.amount_high.is_some_and(|h| close(h, fh)))
        };
        let matches: Vec<&Figure> = body.iter().filter(same).collect();
        let Some(first) = matches.first() else { continue };
        // A commitment anywhere in the body wins over other readings of the same amount.
        let commitments: Vec<&&Figure> =
            matches.iter().filter(|b| b.class == FigureClass::Commitment).collect();
        match commitments.first() {
            Some(c) => {
                f.class = FigureClass::Commitment;
                if f.company.is_some() && !commitments.iter().any(|b| b.company == f.company) {
                    f.company.clone_from(&c.company);
                }
            }
            None => f.class = first.class,
        }
    }
}

/// The qualifier written right before byte `at` (`more than`, `about`), and where it starts.
fn qualifier_before(text: &str, at: usize) -> (Option<String>, usize) {
    let head = &text[..at];
    let trimmed = head.trim_end();
    let lower_tail: String = {
        let from = trimmed.len().saturating_sub(24);
        let from = (from..=trimmed.len()).find(|&i| trimmed.is_char_boundary(i)).unwrap_or(trimmed.len());
        trimmed[from..].to_lowercase()
    };
    for q in amount::QUALIFIERS {
        if lower_tail.ends_with(q) {
            let start = trimmed.len() - q.len();
            let before_ok = trimmed[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            if before_ok && trimmed.is_char_boundary(start) {
                return (Some(trimmed[start..].to_string()), start);
            }
        }
    }
    (None, at)
}

/// Whether `invest $X in <registered company>` follows the figure (`a $22.5 billion
/// follow-on investment in ChatGPT maker OpenAI`, `up to $10 billion in Anthropic`): a stake
/// in another company, not capital spending.
fn invests_in_company(doc: &Doc<'_>, registry: &Registry, m: &Money, clause_end: usize) -> bool {
    // Nouns of a stake that may stand between the figure and `in`.
    const STAKE: &[&str] = &[
        "investment",
        "follow-on",
        "equity",
        "stake",
        "strategic",
        "additional",
        "inversión",
        "participación",
    ];
    // A description before the name (`ChatGPT maker OpenAI`, `AI start-up Anthropic`).
    const DESCRIBED: &[&str] = &[
        "maker",
        "developer",
        "start-up",
        "startup",
        "company",
        "firm",
        "lab",
        "group",
        "rival",
        "creadora",
    ];
    let to = words_forward(&doc.lower, m.end, clause_end, 5).max(m.end);
    let after = doc.lower.get(m.end..to).unwrap_or("");
    let mut at = m.end + (after.len() - after.trim_start().len());
    for _ in 0..3 {
        let rest = doc.lower.get(at..to).unwrap_or("");
        let word: &str = rest.split(|c: char| !(c.is_alphanumeric() || c == '-')).next().unwrap_or("");
        if word.is_empty() || !STAKE.contains(&word) {
            break;
        }
        at += word.len();
        at += doc.lower[at..].len() - doc.lower[at..].trim_start().len();
    }
    let after = doc.lower.get(at..to).unwrap_or("");
    let Some(preposition) = ["in ", "into ", "en "].iter().find(|p| after.starts_with(*p)) else {
        return false;
    };
    let object_start = at + preposition.len();
    let rest = &doc.text[object_start.min(doc.text.len())..clause_end.max(object_start).min(doc.text.len())];
    registry.mentions(rest).first().is_some_and(|first| {
        let lead: Vec<&str> = rest[..first.start].split_whitespace().collect();
        let described = !lead.is_empty()
            && lead.len() <= 3
            && lead.last().is_some_and(|w| DESCRIBED.contains(&w.to_lowercase().as_str()));
        (first.start == 0 || described) && {
            // `in Microsoft's data centres` and `in OpenAI data centers` are about the data
            // centres; `in OpenAI as it …` and `in OpenAI.` about OpenAI.
            let tail = rest[first.end..].trim_start();
            let next: String =
                tail.chars().take_while(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
            const FUNCTION: &[&str] = &[
                "",
                "as",
                "and",
                "to",
                "at",
                "over",
                "this",
                "that",
                "which",
                "the",
                "in",
                "for",
                "after",
                "when",
                "while",
                "y",
                "a",
                "en",
                "para",
                "que",
                "announced",
                "earlier",
                "last",
                "on",
                "agreed",
                "made",
                "due",
                "is",
                "was",
                "will",
            ];
            !(tail.starts_with("'s") || tail.starts_with("’s")) && FUNCTION.contains(&next.as_str())
        }
    })
}

#[cfg(test)]
mod tests;
