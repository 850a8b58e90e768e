//! The two pipeline stages import borrows from the build: in-article dedup of the body and
//! the drafting of `capex:` entries from money figures. Each sits behind one function so the
//! rest of import does not depend on how those stages are built.

use crate::capex::{extract_figures, Figure, FigureKind, Registry};
use crate::config::CompanyConfig;
use crate::content::RawCommitment;

/// Removes passages the page repeats (often the whole body a second time), keeping the first
/// copy. Returns the cleaned Markdown and the number of blocks removed.
pub(crate) fn remove_repeated(markdown: &str) -> (String, usize) {
    crate::dedup::remove_repeated(markdown)
}

/// A commitment the extractor found but could not attribute to a registered company.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unattributed {
    /// The amount as written.
    pub(crate) text: String,
    /// Byte offset in the body.
    pub(crate) offset: usize,
}

/// What import read from a page, as the capex stage gets it: the seam between taking a page
/// apart (headline, date, byline, tickers, body) and drafting its figures.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ArticleText<'a> {
    /// The cleaned Markdown body (furniture and repeats removed).
    pub(crate) body: &'a str,
    /// Registered companies the page is about (from its tickers and headline).
    pub(crate) companies: &'a [String],
}

/// Drafts `capex:` entries (company, amount as written, currency, period, quote) from the
/// commitments the figure extractor finds in the article's body; revenue, prices and other
/// money are left out, and so is each figure already drafted. Commitments without a
/// registered company cannot become entries and are returned for the caller to report.
pub(crate) fn draft_capex(
    article: &ArticleText<'_>,
    companies: &[CompanyConfig],
) -> (Vec<RawCommitment>, Vec<Unattributed>) {
    let body = article.body;
    let registry = Registry::new(companies);
    // Figures in code samples are no commitments; the figures check masks them the same way.
    let masked = crate::capex::check::mask_code(body);
    let mut entries: Vec<RawCommitment> = Vec::new();
    let mut unattributed = Vec::new();
    let figures: Vec<Figure> = extract_figures(&masked, &registry)
        .into_iter()
        .filter(|f| f.kind == FigureKind::Commitment)
        .collect();
    // An article about one registered company: a commitment that names no company is that
    // company's (`The group will invest …`).
    let subject = match article.companies {
        [only] => Some(only.clone()),
        _ => None,
    };
    for figure in join_between_ranges(figures, &masked) {
        let Some(company) = figure.company.or_else(|| subject.clone()) else {
            unattributed.push(Unattributed { text: figure.text, offset: figure.offset });
            continue;
        };
        let entry = RawCommitment {
            company,
            amount: serde_yaml::Value::String(figure.text),
            currency: Some(figure.currency),
            period: figure.period,
            announced: None,
            scope: None,
            quote: Some(figure.sentence.split_whitespace().collect::<Vec<_>>().join(" ")),
        };
        let repeat = entries.iter().any(|e| {
            (&e.company, &e.amount, &e.currency) == (&entry.company, &entry.amount, &entry.currency)
        });
        if !repeat {
            entries.push(entry);
        }
    }
    (entries, unattributed)
}

/// `between $64 billion and $72 billion` is one range, not two commitments: counting both
/// would double the company's plan. The pair becomes one figure written `$64 billion to $72
/// billion`, a range form the amount parser reads.
fn join_between_ranges(figures: Vec<Figure>, text: &str) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::with_capacity(figures.len());
    for figure in figures {
        if let Some(low) = out.last_mut() {
            let low_end = low.offset + low.text.len();
            let gap = text.get(low_end..figure.offset).unwrap_or("").trim().to_lowercase();
            let before = text.get(..low.offset).unwrap_or("").trim_end().to_lowercase();
            let pair = (&low.company, &low.currency, &low.sentence, low.amount_high)
                == (&figure.company, &figure.currency, &figure.sentence, None);
            if pair
                && matches!(gap.as_str(), "and" | "y")
                && (before.ends_with("between") || before.ends_with("entre"))
            {
                low.text = format!("{} to {}", low.text, figure.text);
                low.amount_high = Some(figure.amount_high.unwrap_or(figure.amount));
                continue;
            }
        }
        out.push(figure);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_a_repeated_body_and_keeps_order() {
        let once = "First paragraph of the story, long enough to count.\n\nSecond paragraph of the story, also long enough.";
        let (clean, removed) = remove_repeated(&format!("{once}\n\n{once}\n"));
        assert_eq!(clean.trim_end(), once);
        assert!(removed >= 1);
    }

    fn article(body: &str) -> ArticleText<'_> {
        ArticleText { body, companies: &[] }
    }

    #[test]
    fn drafts_only_attributed_commitments() {
        let companies = vec![CompanyConfig {
            name: "Meta".into(),
            aliases: vec!["Meta Platforms".into()],
            tickers: vec!["META".into()],
            ..Default::default()
        }];
        let body = "Meta Platforms said it will invest $65 billion in data centres in 2025.\n\nMeta reported revenue of $48 billion for the quarter.\n\n```\nMeta will invest $9 billion\n```\n";
        let (entries, unattributed) = draft_capex(&article(body), &companies);
        assert_eq!(entries.len(), 1, "{entries:?}");
        assert_eq!(entries[0].company, "Meta");
        assert_eq!(entries[0].amount, serde_yaml::Value::String("$65 billion".into()));
        assert_eq!(entries[0].currency.as_deref(), Some("USD"));
        assert!(unattributed.is_empty());

        let body =
            "Meta said capital expenditures for 2025 would land between $64 billion and $72 billion.\n";
        let (entries, _) = draft_capex(&article(body), &companies);
        assert_eq!(entries.len(), 1, "{entries:?}");
        assert_eq!(entries[0].amount, serde_yaml::Value::String("$64 billion to $72 billion".into()));
        let money = crate::capex::amount::parse_amount("$64 billion to $72 billion").unwrap();
        assert_eq!((money.low, money.high), (64e9, Some(72e9)));
    }
}
