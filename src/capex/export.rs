//! The commitments as data files, for readers who chart or check the figures themselves:
//! CSV and JSON of `/compare/`'s rows (`compare/commitments.*`), of each company's history
//! (`companies/<slug>/commitments.*`) and of every commitment on the site
//! (`data/commitments.*`). The rows are the tables' rows, in the tables' order, with the
//! numbers the tables round for reading given in full; one schema for all three, documented
//! in docs/capex.md. The bytes depend on the content alone (no clock), like every output.

use super::Commitment;
use serde::Serialize;
use std::fmt::Write as _;

/// The file name of a table's CSV.
pub const FILE_CSV: &str = "commitments.csv";
/// The file name of a table's JSON.
pub const FILE_JSON: &str = "commitments.json";
/// The folder of the site-wide files.
pub const SITE_DIR: &str = "data/";
/// The schema's name and version, in every JSON file.
pub const SCHEMA: &str = "capbrief-commitments/1";

/// One commitment as the data files give it. Field order is the CSV's column order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// Canonical company name.
    pub company: String,
    /// The company's page slug (`/companies/<slug>/`).
    pub company_slug: String,
    /// The amount as the briefing's front matter writes it.
    pub amount_text: String,
    /// Amount in `currency` (low end of a range).
    pub amount: f64,
    /// High end of a range.
    pub amount_high: Option<f64>,
    /// ISO 4217 code.
    pub currency: String,
    /// US dollars per unit of `currency` the conversion used.
    pub fx_usd_per_unit: f64,
    /// When that rate is from: `2025-02` for a monthly average, a date for a site's rate,
    /// empty for US dollars.
    pub fx_rate_date: Option<String>,
    /// `par` (US dollars), `bundled` (monthly average), `peg` or `site` (config.yaml).
    pub fx_source: super::fx::RateSource,
    /// US dollars (low end of a range).
    pub usd: f64,
    /// High end of a range.
    pub usd_high: Option<f64>,
    /// The period as written.
    pub period: Option<String>,
    /// First year covered.
    pub first_year: Option<i32>,
    /// Last year covered.
    pub last_year: Option<i32>,
    /// Whether the years are the company's fiscal years.
    pub fiscal: bool,
    /// Length in years.
    pub years: Option<f64>,
    /// US dollars per year (low end of a range).
    pub usd_per_year: Option<f64>,
    /// High end of a range.
    pub usd_per_year_high: Option<f64>,
    /// `year` when `amount` is a yearly rate (`usd` is then the whole period's), else empty.
    pub per: Option<&'static str>,
    /// Announcement date, `YYYY-MM-DD`.
    pub announced: String,
    /// What it covers.
    pub scope: Option<String>,
    /// The briefing's source, by name.
    pub source_name: Option<String>,
    /// The briefing's source URL.
    pub source_url: Option<String>,
    /// The briefing's title.
    pub briefing_title: Option<String>,
    /// The briefing's absolute URL.
    pub briefing_url: Option<String>,
    /// The briefing's content path (`briefings/x.md`).
    pub briefing_path: String,
    /// Position in the briefing's `capex:` list, from 0.
    pub entry: usize,
    /// How many briefings reported this commitment (the briefing above is the one whose
    /// figures the row gives).
    pub reports: usize,
    /// A later figure revised it (a raised forecast, a narrowed range).
    pub superseded: bool,
}

/// What a record takes from the site besides the commitment: the briefing it comes from.
#[derive(Debug, Clone, Default)]
pub struct Briefing {
    /// Its title.
    pub title: Option<String>,
    /// Its absolute URL.
    pub url: Option<String>,
}

/// Where a commitment stands in its company's ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// How many briefings reported it.
    pub reports: usize,
    /// A later figure revised it.
    pub superseded: bool,
}

impl Default for Standing {
    fn default() -> Self {
        Standing { reports: 1, superseded: false }
    }
}

/// The record of `c` (the report whose figures a table row shows), from `briefing`.
pub fn record(c: &Commitment, briefing: Briefing, standing: Standing) -> Record {
    let period = c.period.as_ref();
    let per_year = c.usd_per_year();
    Record {
        company: c.company.clone(),
        company_slug: c.company_slug.clone(),
        amount_text: c.amount_text.clone(),
        amount: c.amount,
        amount_high: c.amount_high,
        currency: c.currency.clone(),
        fx_usd_per_unit: c.fx.usd_per_unit,
        fx_rate_date: c.fx.basis(),
        fx_source: c.fx.source,
        usd: c.usd,
        usd_high: c.usd_high,
        period: c.period_text.clone(),
        first_year: period.map(|p| p.first_year),
        last_year: period.map(|p| p.last_year),
        fiscal: period.is_some_and(|p| p.fiscal),
        years: period.map(|p| p.years),
        usd_per_year: per_year.map(|(lo, _)| lo),
        usd_per_year_high: per_year.and_then(|(_, hi)| hi),
        per: c.per_year.then_some("year"),
        announced: c.announced.to_string(),
        scope: c.scope.clone(),
        source_name: c.source_name.clone(),
        source_url: c.source_url.clone(),
        briefing_title: briefing.title,
        briefing_url: briefing.url,
        briefing_path: c.page.clone(),
        entry: c.entry,
        reports: standing.reports,
        superseded: standing.superseded,
    }
}

/// The CSV columns, in order.
pub const COLUMNS: &[&str] = &[
    "company",
    "company_slug",
    "amount_text",
    "amount",
    "amount_high",
    "currency",
    "fx_usd_per_unit",
    "fx_rate_date",
    "fx_source",
    "usd",
    "usd_high",
    "period",
    "first_year",
    "last_year",
    "fiscal",
    "years",
    "usd_per_year",
    "usd_per_year_high",
    "per",
    "announced",
    "scope",
    "source_name",
    "source_url",
    "briefing_title",
    "briefing_url",
    "briefing_path",
    "entry",
    "reports",
    "superseded",
];

/// A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180).
fn field(out: &mut String, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// `records` as CSV: a header row, then one row per record, CRLF line ends, numbers in full
/// (the shortest form that reads back the same), empty cells for missing values.
pub fn csv(records: &[Record]) -> String {
    let mut out = String::with_capacity(256 + records.len() * 400);
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    for r in records {
        let cells: [String; 29] = [
            r.company.clone(),
            r.company_slug.clone(),
            r.amount_text.clone(),
            r.amount.to_string(),
            opt(r.amount_high),
            r.currency.clone(),
            r.fx_usd_per_unit.to_string(),
            r.fx_rate_date.clone().unwrap_or_default(),
            r.fx_source.as_str().to_string(),
            r.usd.to_string(),
            opt(r.usd_high),
            r.period.clone().unwrap_or_default(),
            r.first_year.map(|y| y.to_string()).unwrap_or_default(),
            r.last_year.map(|y| y.to_string()).unwrap_or_default(),
            r.fiscal.to_string(),
            opt(r.years),
            opt(r.usd_per_year),
            opt(r.usd_per_year_high),
            r.per.unwrap_or_default().to_string(),
            r.announced.clone(),
            r.scope.clone().unwrap_or_default(),
            r.source_name.clone().unwrap_or_default(),
            r.source_url.clone().unwrap_or_default(),
            r.briefing_title.clone().unwrap_or_default(),
            r.briefing_url.clone().unwrap_or_default(),
            r.briefing_path.clone(),
            r.entry.to_string(),
            r.reports.to_string(),
            r.superseded.to_string(),
        ];
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            field(&mut out, c);
        }
        out.push_str("\r\n");
    }
    out
}

/// What a JSON file holds besides its records.
#[derive(Debug, Serialize)]
struct File<'a> {
    schema: &'a str,
    /// What the rows are: `compare` (each company's current commitment), `company` (one
    /// company's history) or `site` (every commitment).
    table: &'a str,
    /// The company, for a company's file.
    #[serde(skip_serializing_if = "Option::is_none")]
    company: Option<&'a str>,
    /// The newest announcement in the file, `YYYY-MM-DD`: the data is as of then.
    as_of: Option<String>,
    /// Where the bundled exchange rates come from.
    fx_source: &'a str,
    commitments: &'a [Record],
}

/// `records` as JSON: `{schema, table, company?, as_of, fx_source, commitments: [...]}`.
pub fn json(table: &str, company: Option<&str>, records: &[Record]) -> String {
    let as_of = records.iter().map(|r| r.announced.as_str()).max().map(String::from);
    let file = File {
        schema: SCHEMA,
        table,
        company,
        as_of,
        fx_source: super::fx::BUNDLED_SOURCE,
        commitments: records,
    };
    let mut text = serde_json::to_string(&file).unwrap_or_default();
    text.push('\n');
    text
}

/// A number as the data files and the tables' `data-value` attributes write it.
pub fn number(x: f64) -> String {
    let mut s = String::new();
    let _ = write!(s, "{x}");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alibaba() -> Commitment {
        let made = crate::capex::testing::commitment(
            "Alibaba",
            "RMB 380 billion",
            Some("over the next three years"),
            "2025-02-24",
            None,
        );
        Commitment {
            page: "briefings/a.md".into(),
            scope: Some("cloud, \"AI\" and data centres".into()),
            ..made
        }
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_gives_numbers_in_full() {
        let briefing = Briefing {
            title: Some("Alibaba to invest, over three years".into()),
            url: Some("https://example.org/briefings/a/".into()),
        };
        let text = csv(&[record(&alibaba(), briefing, Standing { reports: 2, superseded: true })]);
        let mut lines = text.split("\r\n");
        assert_eq!(lines.next().unwrap(), COLUMNS.join(","));
        let row = lines.next().unwrap();
        assert!(row.starts_with("Alibaba,alibaba,RMB 380 billion,380000000000,,CNY,"), "{row}");
        assert!(row.contains(",2025-02,bundled,"), "{row}");
        assert!(row.contains(",\"cloud, \"\"AI\"\" and data centres\","), "{row}");
        assert!(row.contains(",\"Alibaba to invest, over three years\","), "{row}");
        assert!(row.ends_with(",briefings/a.md,0,2,true"), "{row}");
        assert_eq!(lines.next(), Some(""), "the file ends with a line break");
    }

    #[test]
    fn json_carries_the_schema_and_the_same_numbers() {
        let r = record(&alibaba(), Briefing::default(), Standing::default());
        let text = json("company", Some("Alibaba"), std::slice::from_ref(&r));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["schema"], SCHEMA);
        assert_eq!(v["as_of"], "2025-02-24");
        assert_eq!(v["commitments"][0]["usd_per_year"].as_f64(), r.usd_per_year);
        assert_eq!(v["commitments"][0]["fx_source"], "bundled");
        assert_eq!(number(r.usd), r.usd.to_string());
    }
}
