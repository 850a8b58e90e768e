//! The two pipeline stages import borrows from the build: in-article dedup of the body and
//! the drafting of `capex:` entries from money figures. Each sits behind one function so the
//! rest of import does not depend on how those stages are built.

use crate::capex::{Article, FigureClass, Registry};
use crate::config::CompanyConfig;
use crate::content::{EntryStatus, RawCommitment};

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

/// A money figure left out of the drafted entries, for the import report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ExcludedFigure {
    /// The amount as written.
    pub text: String,
    /// What kind of figure it was taken for (`past`, `estimate`, `conversion`, …; a
    /// `commitment` here restates one drafted, or names no registered company).
    pub class: FigureClass,
    /// The company it was attributed to, if any.
    pub company: Option<String>,
    /// Why it was left out.
    pub why: String,
    /// The sentence it is in.
    pub sentence: String,
}

/// What import read from a page, as the capex stage gets it: the seam between taking a page
/// apart (headline, date, byline, tickers, body) and drafting its figures.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ArticleText<'a> {
    /// The cleaned Markdown body (furniture and repeats removed).
    pub(crate) body: &'a str,
    /// Registered companies the page is about (from its tickers and headline).
    pub(crate) companies: &'a [String],
    /// The headline: it often names who commits, and restates the body's figure.
    pub(crate) title: &'a str,
    /// The date the page gives (`date:` as written), for `this year` and what is past.
    pub(crate) date: Option<&'a str>,
}

/// What drafting gave: the entries to write, every other money figure with why it was left
/// out, and the commitments of companies the registry does not hold (to warn about).
#[derive(Debug, Clone, Default)]
pub(crate) struct Drafted {
    pub(crate) entries: Vec<RawCommitment>,
    pub(crate) excluded: Vec<ExcludedFigure>,
    pub(crate) unattributed: Vec<Unattributed>,
}

/// Drafts `capex:` entries from the forward commitments in an article, each real commitment
/// once, marked `status: drafted` with the class, confidence and sentence; the other money
/// figures come back with their class for the import report.
pub(crate) fn draft_capex(article: &ArticleText<'_>, companies: &[CompanyConfig]) -> Drafted {
    let registry = Registry::new(companies);
    let (fx, _) = crate::capex::FxTable::new(None);
    // Figures in code samples are no commitments; the figures check masks them the same way.
    let masked = crate::capex::check::mask_code(article.body);
    let date = article.date.and_then(|d| crate::content::PageDate::parse(d).ok()).map(|d| d.date);
    let input = Article { title: Some(article.title), body: &masked, date, tickers: article.companies };
    let draft = crate::capex::draft(&input, &registry, &fx);
    let entries = draft
        .entries
        .into_iter()
        .map(|e| RawCommitment {
            company: e.company,
            amount: serde_yaml::Value::String(e.amount),
            currency: Some(e.figure.currency.clone()),
            period: e.period,
            per: e.figure.per_year.then(|| "year".to_string()),
            announced: e.announced.map(|d| d.to_string()),
            status: Some(EntryStatus::Drafted),
            class: Some(e.figure.class.name().to_string()),
            confidence: Some(e.figure.confidence),
            sentence: Some(e.figure.sentence),
            ..RawCommitment::default()
        })
        .collect();
    let mut unattributed = Vec::new();
    let excluded = draft
        .excluded
        .into_iter()
        .map(|x| {
            if x.figure.class == FigureClass::Commitment
                && x.figure.company.is_none()
                && !x.figure.in_headline
            {
                unattributed.push(Unattributed { text: x.figure.text.clone(), offset: x.figure.offset });
            }
            ExcludedFigure {
                text: x.figure.text,
                class: x.figure.class,
                company: x.figure.company,
                why: x.why,
                sentence: x.figure.sentence,
            }
        })
        .collect();
    Drafted { entries, excluded, unattributed }
}

/// A drafted entry in one line for the import report: `Alphabet: $75 billion, 2025
/// (confidence 0.90)`.
pub(crate) fn describe(e: &RawCommitment) -> String {
    let amount = e.amount.as_str().unwrap_or_default();
    let period = e.period.as_deref().map(|p| format!(", {p}")).unwrap_or_default();
    let confidence = e.confidence.map(|c| format!(" (confidence {c:.2})")).unwrap_or_default();
    format!("{}: {amount}{period}{confidence}", e.company)
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
        ArticleText { body, companies: &[], title: "Meta news", date: Some("2025-04-30") }
    }

    #[test]
    fn drafts_only_attributed_commitments_and_reports_the_rest() {
        let companies = vec![CompanyConfig {
            name: "Meta".into(),
            aliases: vec!["Meta Platforms".into()],
            tickers: vec!["META".into()],
            ..Default::default()
        }];
        let body = "Meta Platforms said it will invest $65 billion in data centres in 2025.\n\nMeta reported revenue of $48 billion for the quarter.\n\n```\nMeta will invest $9 billion\n```\n";
        let drafted = draft_capex(&article(body), &companies);
        let entries = &drafted.entries;
        assert_eq!(entries.len(), 1, "{entries:?}");
        assert_eq!(entries[0].company, "Meta");
        assert_eq!(entries[0].amount, serde_yaml::Value::String("$65 billion".into()));
        assert_eq!(entries[0].currency.as_deref(), Some("USD"));
        assert_eq!(entries[0].status, Some(EntryStatus::Drafted));
        assert_eq!(entries[0].class.as_deref(), Some("commitment"));
        assert!(drafted.unattributed.is_empty());
        let classes: Vec<(&str, &str)> =
            drafted.excluded.iter().map(|x| (x.text.as_str(), x.class.name())).collect();
        assert_eq!(classes, [("$48 billion", "non_capex")]);

        let body =
            "Meta said capital expenditures for 2025 would land between $64 billion and $72 billion.\n";
        let entries = draft_capex(&article(body), &companies).entries;
        assert_eq!(entries.len(), 1, "{entries:?}");
        assert_eq!(entries[0].amount, serde_yaml::Value::String("$64 billion to $72 billion".into()));
        let money = crate::capex::amount::parse_amount("$64 billion to $72 billion").unwrap();
        assert_eq!((money.low, money.high), (64e9, Some(72e9)));
    }
}
