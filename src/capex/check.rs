//! The figures check: money in each article's text compared with its `capex:` front matter.
//! A front-matter amount absent from the text, and a commitment in the text missing from
//! front matter, are warnings that name the file and line and quote the sentence.

use super::amount::{self, Money};
use super::extract::{Article, Extractor, Figure};
use super::registry::Registry;
use super::FigureClass;
use crate::config::Config;
use crate::content::{Page, RawCommitment};
use crate::diag::{line_text, Diagnostic, Diagnostics};

/// Checks every original page (translations share their original's entries).
pub fn check_figures(pages: &[Page], config: &Config) -> Diagnostics {
    let registry = Registry::new(&config.companies);
    let extractor = Extractor::new(&registry);
    let mut diags = Diagnostics::new();
    for page in pages.iter().filter(|p| !p.is_translation()) {
        check_page(page, &extractor, &mut diags);
    }
    diags.extend(super::review::unreviewed(pages));
    diags.sorted()
}

/// An entry's amount as far as it can be read (errors are the build's to report).
/// An entry's amount: low, high end of a range, currency.
type EntryMoney = (f64, Option<f64>, Option<String>);

fn entry_money(e: &RawCommitment) -> Option<EntryMoney> {
    let field = e.currency.as_ref().map(|c| c.trim().to_uppercase());
    match &e.amount {
        serde_yaml::Value::Number(n) => n.as_f64().map(|v| (v, None, field)),
        serde_yaml::Value::String(s) => amount::parse_amount(s)
            .ok()
            .map(|Money { low, high, currency, .. }| (low, high, currency.map(str::to_string).or(field))),
        _ => None,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= a.abs().max(b.abs()) * 0.005
}

fn matches(f: &Figure, low: f64, high: Option<f64>, currency: Option<&str>) -> bool {
    if currency.is_some_and(|c| c != f.currency) {
        return false;
    }
    let f_high = f.amount_high.unwrap_or(f.amount);
    let e_high = high.unwrap_or(low);
    (close(f.amount, low) && close(f_high, e_high))
        || close(f.amount, low)
        || close(f.amount, e_high)
        || close(f_high, e_high)
}

/// Blanks out code (fenced blocks, indented blocks, inline spans) and HTML comments, keeping
/// every byte offset, so figures in code samples are neither found nor missed.
pub fn mask_code(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let blank = |s: &str, out: &mut String| {
        for c in s.chars() {
            if c == '\n' {
                out.push('\n');
            } else {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
        }
    };
    let mut fence: Option<(char, usize)> = None;
    let mut prev_blank = true;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let fc = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = fc.map_or(0, |c| trimmed.chars().take_while(|x| *x == c).count());
        match fence {
            Some((c, n)) => {
                if fc == Some(c) && run >= n && trimmed.trim_end().chars().all(|x| x == c) {
                    fence = None;
                }
                blank(line, &mut out);
            }
            None if run >= 3 && indent < 4 => {
                fence = fc.map(|c| (c, run));
                blank(line, &mut out);
            }
            None if indent >= 4 && prev_blank && !trimmed.trim().is_empty() => blank(line, &mut out),
            None => {
                // Inline code spans and comments within the line.
                let mut rest = line;
                while let Some(open) = rest.find(['`', '<']) {
                    let (closer, skip): (&str, usize) = if rest[open..].starts_with("<!--") {
                        ("-->", 4)
                    } else if rest[open..].starts_with('`') {
                        ("`", 1)
                    } else {
                        ("", 0)
                    };
                    if closer.is_empty() {
                        out.push_str(&rest[..open + 1]);
                        rest = &rest[open + 1..];
                        continue;
                    }
                    match rest[open + skip..].find(closer) {
                        Some(rel) => {
                            let end = open + skip + rel + closer.len();
                            out.push_str(&rest[..open]);
                            blank(&rest[open..end], &mut out);
                            rest = &rest[end..];
                        }
                        None => {
                            out.push_str(&rest[..open + 1]);
                            rest = &rest[open + 1..];
                        }
                    }
                }
                out.push_str(rest);
            }
        }
        prev_blank = line.trim().is_empty() && fence.is_none();
    }
    out
}

fn check_page(page: &Page, extractor: &Extractor<'_>, diags: &mut Diagnostics) {
    let entries = page.meta.capex.as_deref().unwrap_or(&[]);
    let start = page.body_start().min(page.text.len());
    let body = &page.text[start..];
    let masked = mask_code(body);
    let tickers = page.meta.tickers.clone().unwrap_or_default();
    let article = Article {
        title: page.meta.title.as_deref(),
        body: &masked,
        date: page.date.as_ref().map(|d| d.date),
        tickers: &tickers,
    };
    // The headline is read for context; only the body's figures are checked.
    let figures: Vec<Figure> = extractor.extract(&article).into_iter().filter(|f| !f.in_headline).collect();
    let readable: Vec<(usize, &RawCommitment, EntryMoney)> =
        entries.iter().enumerate().filter_map(|(i, e)| entry_money(e).map(|m| (i, e, m))).collect();
    for (i, e, (low, high, currency)) in &readable {
        if figures.iter().any(|f| matches(f, *low, *high, currency.as_deref())) {
            continue;
        }
        let loc = page.key_location(&["capex", &format!("#{i}"), "amount"]);
        let snippet = line_text(&page.text, loc.line).to_string();
        let amount = match &e.amount {
            serde_yaml::Value::String(s) => s.clone(),
            other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
        };
        let mut d = Diagnostic::warning(
            Some(loc),
            format!(
                "capex entry {} ({}, {amount}) does not appear in the article text",
                i + 1,
                e.company.trim()
            ),
        )
        .with_snippet(snippet);
        if let Some(q) = &e.quote {
            d = d.with_cause(format!("its quote: “{}”", q.trim()));
        }
        diags.push(d.with_help(
            "check the amount against the text, or quote the sentence it comes from in the article",
        ));
    }
    let not_capex: Vec<(usize, EntryMoney)> = page
        .meta
        .not_capex
        .iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, e)| {
            super::review::not_capex_money(e)
                .map(|(low, high, cur)| (i, (low, high, cur.map(str::to_string))))
        })
        .collect();
    for (i, (low, high, currency)) in &not_capex {
        if figures.iter().any(|f| matches(f, *low, *high, currency.as_deref())) {
            continue;
        }
        let loc = page.key_location(&["not_capex", &format!("#{i}"), "amount"]);
        let snippet = line_text(&page.text, loc.line).to_string();
        diags.push(
            Diagnostic::warning(
                Some(loc),
                format!("not_capex entry {} does not appear in the article text", i + 1),
            )
            .with_snippet(snippet)
            .with_help("write the amount as the text does, or remove the entry"),
        );
    }
    for f in figures.iter().filter(|f| f.class == FigureClass::Commitment) {
        let covered = readable.iter().any(|(_, _, (low, high, cur))| matches(f, *low, *high, cur.as_deref()))
            || not_capex.iter().any(|(_, (low, high, cur))| matches(f, *low, *high, cur.as_deref()));
        if covered {
            continue;
        }
        let loc = page.body_location(f.offset);
        let snippet = line_text(&page.text, loc.line).to_string();
        let who = f.company.as_deref().unwrap_or("an unnamed company");
        let mut period = f.period.as_deref().map(|p| format!("\n    period: \"{p}\"")).unwrap_or_default();
        if f.per_year {
            period.push_str("\n    per: year");
        }
        diags.push(
            Diagnostic::warning(
                Some(loc),
                format!("the text commits {} for {who}, but front matter has no such `capex:` entry", f.text),
            )
            .with_snippet(snippet)
            .with_cause(format!("sentence: “{}”", f.sentence))
            .with_help(format!(
                "add it under `capex:`, e.g.\n  - company: {}\n    amount: \"{}\"{period}",
                f.company.as_deref().unwrap_or("…"),
                f.text
            ) + &format!(
                "\nor, if it is not a commitment, record why under `not_capex:`, e.g.\n  - amount: \"{}\"\n    why: \"…\"",
                f.text
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_blanked_with_offsets_kept() {
        let body = "Spend $5 billion.\n\n```yaml\namount: $80 billion\n```\nInline `$9 billion` here.\n\n    $7 billion indented\n";
        let m = mask_code(body);
        assert_eq!(m.len(), body.len());
        assert!(m.contains("$5 billion"));
        assert!(!m.contains("$80"));
        assert!(!m.contains("$9"));
        assert!(!m.contains("$7"));
        assert!(m.contains("here."));
    }
}
