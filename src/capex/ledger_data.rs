//! Every company's ledger as a data file (`data/ledger.json`): one entry per real commitment
//! with every report of it and its revisions, and which entry is current, for readers who
//! follow a commitment across the briefings that reported it. The tables' flat rows are in
//! `export`.

use super::ledger::CompanyLedger;
use super::table::Links;
use super::Commitment;
use serde::Serialize;

/// The whole file.
#[derive(Debug, Serialize)]
pub struct CommitmentsData {
    /// The date "current" was measured from: the newest article's (`YYYY-MM-DD`).
    pub as_of: Option<String>,
    /// Companies by name.
    pub companies: Vec<CompanyData>,
}

/// One company's ledger.
#[derive(Debug, Serialize)]
pub struct CompanyData {
    /// Canonical name.
    pub company: String,
    /// URL slug.
    pub slug: String,
    /// Index in `commitments` of the one `/compare/` shows, if any.
    pub current: Option<usize>,
    /// Its commitments, oldest first.
    pub commitments: Vec<EntryData>,
}

/// One real commitment.
#[derive(Debug, Serialize)]
pub struct EntryData {
    /// The amount as its lead report wrote it.
    pub amount_text: String,
    /// `more than`, `about`, … as written.
    pub qualifier: Option<String>,
    /// Currency units, low end of a range.
    pub amount: f64,
    /// High end of a range.
    pub amount_high: Option<f64>,
    /// ISO 4217 code.
    pub currency: String,
    /// US dollars, low end.
    pub usd: f64,
    /// US dollars, high end.
    pub usd_high: Option<f64>,
    /// Midpoint US dollars per year, when the period is known.
    pub usd_per_year: Option<f64>,
    /// The amount is a yearly rate (`per: year`); `usd` is then the whole period's.
    pub per_year: bool,
    /// The period as written.
    pub period_text: Option<String>,
    /// First year covered.
    pub first_year: Option<i32>,
    /// Last year covered.
    pub last_year: Option<i32>,
    /// Whether the years are fiscal years.
    pub fiscal: bool,
    /// When it was first announced.
    pub announced: String,
    /// Every report is still an unreviewed draft.
    pub drafted: bool,
    /// Index of the commitment it revised.
    pub revises: Option<usize>,
    /// Index of the commitment that revised it.
    pub revised_by: Option<usize>,
    /// Every briefing that reported it, oldest first.
    pub reports: Vec<ReportData>,
}

/// One briefing's report of a commitment.
#[derive(Debug, Serialize)]
pub struct ReportData {
    /// The briefing's content path (`briefings/x.md`).
    pub page: String,
    /// Which of its `capex:` entries (0-based).
    pub entry: usize,
    /// The briefing's URL.
    pub url: Option<String>,
    /// The amount as this briefing wrote it.
    pub amount_text: String,
    /// Its currency units (low end of a range).
    pub amount: f64,
    /// High end of a range.
    pub amount_high: Option<f64>,
    /// ISO 4217 code.
    pub currency: String,
    /// When this briefing dates the announcement.
    pub announced: String,
    /// The period as this briefing wrote it.
    pub period_text: Option<String>,
    /// First year of its period.
    pub first_year: Option<i32>,
    /// Last year of its period.
    pub last_year: Option<i32>,
    /// The briefing's source, by name.
    pub source: Option<String>,
    /// Still an unreviewed draft here.
    pub drafted: bool,
}

/// The data of every company: `companies` gives each slug's history (oldest first) and
/// ledger, in the order to write them.
pub fn data<'h>(
    companies: impl IntoIterator<Item = (&'h [&'h Commitment], &'h CompanyLedger)>,
    as_of: Option<jiff::civil::Date>,
    links: &Links<'_>,
) -> CommitmentsData {
    let companies = companies
        .into_iter()
        .filter(|(h, _)| !h.is_empty())
        .map(|(history, ledger)| {
            let first = history[0];
            let commitments = ledger
                .entries
                .iter()
                .map(|e| {
                    let lead = history[e.lead];
                    let period = lead.period.as_ref();
                    EntryData {
                        amount_text: lead.amount_text.clone(),
                        qualifier: lead.qualifier.clone(),
                        amount: lead.amount,
                        amount_high: lead.amount_high,
                        currency: lead.currency.clone(),
                        usd: lead.usd,
                        usd_high: lead.usd_high,
                        usd_per_year: lead.usd_per_year_mid(),
                        per_year: lead.per_year,
                        period_text: lead.period_text.clone(),
                        first_year: period.map(|p| p.first_year),
                        last_year: period.map(|p| p.last_year),
                        fiscal: period.is_some_and(|p| p.fiscal),
                        announced: history[e.reports[0]].announced.to_string(),
                        drafted: e.reports.iter().all(|&r| history[r].drafted),
                        revises: e.revises,
                        revised_by: e.revised_by,
                        reports: e
                            .reports
                            .iter()
                            .map(|&r| {
                                let c = history[r];
                                ReportData {
                                    page: c.page.clone(),
                                    entry: c.entry,
                                    url: (links.briefing)(&c.page).map(|b| b.url),
                                    amount_text: c.amount_text.clone(),
                                    amount: c.amount,
                                    amount_high: c.amount_high,
                                    currency: c.currency.clone(),
                                    announced: c.announced.to_string(),
                                    period_text: c.period_text.clone(),
                                    first_year: c.period.as_ref().map(|p| p.first_year),
                                    last_year: c.period.as_ref().map(|p| p.last_year),
                                    source: c.source_name.clone(),
                                    drafted: c.drafted,
                                }
                            })
                            .collect(),
                    }
                })
                .collect();
            CompanyData {
                company: first.company.clone(),
                slug: first.company_slug.clone(),
                current: ledger.headline,
                commitments,
            }
        })
        .collect();
    CommitmentsData { as_of: as_of.map(|d| d.to_string()), companies }
}
