//! Capex data: the `capex:` entries of every briefing, normalised to US dollars, years covered
//! and dollars per year, with located errors; plus the comparisons built from them.
//!
//! Parsing lives in `amount`, `period` and `fx`; names in `registry` (listed by `roster`);
//! figures in article text in `extract` and `check`; whether two reports are one commitment
//! in `identity`; data files in `export` (the tables' rows) and `ledger_data` (the ledgers);
//! who spends what per calendar year in `years`; HTML in `table`, `chart` and `shortcode`.

pub mod amount;
pub mod chart;
pub mod check;
pub mod class;
pub mod draft;
pub mod export;
pub mod extract;
pub mod fx;
pub mod identity;
pub mod ledger;
pub mod ledger_data;
pub mod period;
pub mod place;
pub mod registry;
pub mod review;
pub mod roster;
pub mod shortcode;
pub mod table;
#[cfg(test)]
pub(crate) mod testing;
pub mod years;

pub use check::check_figures;
pub use class::FigureClass;
pub use draft::{draft, Draft, DraftEntry, Excluded};
pub use extract::{extract, extract_figures, Article, Extractor, Figure};
pub use fx::FxTable;
pub use period::Period;
pub use registry::Registry;

use crate::config::{Config, CONFIG_FILE};
use crate::content::{Page, PageKind, RawCommitment};
use crate::dedup::DedupReport;
use crate::diag::{line_text, Diagnostic, Diagnostics, Location};
use crate::paths::term_slug;
use amount::{AmountError, Money};
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// One commitment, normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    /// Content-relative path of the briefing (the original language version).
    pub page: String,
    /// Position in the page's `capex:` list (0-based).
    pub entry: usize,
    /// Canonical company name (as written when the registry does not know it).
    pub company: String,
    /// URL slug of the company (its `/companies/<slug>/` page).
    pub company_slug: String,
    /// The amount as written in front matter.
    pub amount_text: String,
    /// Amount in currency units; the low end of a range.
    pub amount: f64,
    /// High end of a range.
    pub amount_high: Option<f64>,
    /// ISO 4217 code.
    pub currency: String,
    /// Amount in US dollars; the low end of a range.
    pub usd: f64,
    /// High end of a range in US dollars.
    pub usd_high: Option<f64>,
    /// The rate `usd` was converted at: the average of the month it was announced in
    /// (see [`fx::FxTable::rate_at`]).
    pub fx: fx::Rate,
    /// The period as written.
    pub period_text: Option<String>,
    /// The period, resolved.
    pub period: Option<Period>,
    /// Announcement date (the `announced` field, else the briefing's date).
    pub announced: Date,
    /// What it covers.
    pub scope: Option<String>,
    /// The places it is for, by [`place`] key: those its `scope:` names, else those of its
    /// `quote:` or the sentence it was drafted from. Empty when none is named.
    pub places: Vec<&'static str>,
    /// The sentence it comes from.
    pub quote: Option<String>,
    /// What the text says around the amount (`more than`, `about`, `up to`), as written.
    pub qualifier: Option<String>,
    /// What the amount's last written digit is worth, in currency units (`$80 billion`:
    /// 10⁹): how far it may have been rounded.
    pub unit: f64,
    /// Drafted by `capbrief import` and not yet reviewed (`status: drafted`).
    pub drafted: bool,
    /// The editor pinned it as the company's row on `/compare/` (`pin: true`).
    pub pin: bool,
    /// The amount is a yearly rate (`per: year`): `amount` is a year's, `usd` the whole
    /// period's (the rate times its years) when the period is known.
    pub per_year: bool,
    /// The briefing's `source.name`.
    pub source_name: Option<String>,
    /// The briefing's `source.url`.
    pub source_url: Option<String>,
}

impl Commitment {
    /// US dollars used for sorting and charts: the midpoint of a range.
    pub fn usd_mid(&self) -> f64 {
        self.usd_high.map_or(self.usd, |h| (self.usd + h) / 2.0)
    }

    /// US dollars per year (low end, and high end of a range), when the period is known or
    /// the amount is a yearly rate.
    pub fn usd_per_year(&self) -> Option<(f64, Option<f64>)> {
        let years = match self.period.as_ref() {
            Some(p) => p.years,
            None if self.per_year => 1.0,
            None => return None,
        };
        (years > 0.0).then(|| (self.usd / years, self.usd_high.map(|h| h / years)))
    }

    /// Midpoint US dollars per year.
    pub fn usd_per_year_mid(&self) -> Option<f64> {
        self.usd_per_year().map(|(lo, hi)| hi.map_or(lo, |h| (lo + h) / 2.0))
    }
}

/// The capex data of a build.
#[derive(Debug, Clone, Default)]
pub struct CapexData {
    /// The company registry.
    pub registry: Registry,
    /// Currency rates.
    pub fx: FxTable,
    /// Commitments of each canonical (not folded as a duplicate) page, by content-relative path.
    pub by_page: BTreeMap<String, Arc<[Commitment]>>,
    /// Pages whose body holds capex shortcodes (any language), by content-relative path.
    pub shortcodes: BTreeMap<String, shortcode::Prepared>,
    /// Content-relative paths of canonical articles (the ones `/compare/` draws on).
    pub articles: std::collections::BTreeSet<String>,
    /// The date "current" means on `/compare/`: the newest canonical article's date (from
    /// content, never the clock, so the same site builds the same table on any day).
    pub current: Option<Date>,
}

impl CapexData {
    /// The Markdown body to render for `page`: with shortcode lines replaced by placeholders.
    pub fn body_for<'a>(&'a self, page: &'a Page) -> &'a str {
        self.shortcodes.get(&page.rel).map_or(&*page.body, |p| p.body.as_str())
    }

    /// The commitments a page shows (a translation shows its original's).
    pub fn for_page(&self, page: &Page) -> &[Commitment] {
        self.by_page.get(&page.translation_key).map_or(&[], |list| list)
    }

    /// The commitments of each canonical article (not a folded duplicate, not a standalone
    /// page), by page, in page order.
    pub fn of_articles(&self) -> impl Iterator<Item = (&str, &[Commitment])> {
        // Both are sorted by path: walked side by side, with no lookup per page.
        let mut articles = self.articles.iter().peekable();
        self.by_page.iter().filter_map(move |(page, list)| {
            while articles.next_if(|a| *a < page).is_some() {}
            articles.next_if(|a| *a == page).map(|_| (page.as_str(), &list[..]))
        })
    }

    /// A company's ledger from its history (as [`CapexData::histories`] gives it): one
    /// entry per real commitment, revisions, and its current commitment as of
    /// [`CapexData::current`].
    pub fn ledger_of(&self, history: &[&Commitment]) -> ledger::CompanyLedger {
        ledger::company_ledger(history, self.current)
    }

    /// Each company's current commitment, the `/compare/` rows: (slug, its history, its
    /// ledger, the entry), largest US dollars per year first (commitments with no period
    /// after, by total), then by company name.
    pub fn current_per_company<'h>(
        &self,
        histories: &'h HashMap<&'h str, Vec<&'h Commitment>>,
        ledgers: &'h HashMap<&'h str, ledger::CompanyLedger>,
    ) -> Vec<(&'h [&'h Commitment], &'h ledger::CompanyLedger, usize)> {
        let mut rows: Vec<(&[&Commitment], &ledger::CompanyLedger, usize)> = ledgers
            .iter()
            .filter_map(|(slug, l)| Some((histories.get(slug)?.as_slice(), l, l.headline?)))
            .collect();
        let lead = |(h, l, i): &(&[&'h Commitment], &ledger::CompanyLedger, usize)| h[l.entries[*i].lead];
        rows.sort_by(|a, b| {
            let key = |c: &Commitment| {
                (c.usd_per_year_mid().is_some(), c.usd_per_year_mid().unwrap_or(c.usd_mid()))
            };
            let (ca, cb) = (lead(a), lead(b));
            let (ka, kb) = (key(ca), key(cb));
            kb.0.cmp(&ka.0)
                .then(kb.1.total_cmp(&ka.1))
                .then_with(|| ca.company.cmp(&cb.company))
                .then_with(|| ca.company_slug.cmp(&cb.company_slug))
        });
        rows
    }

    /// Every company's commitments (by slug) across canonical articles, oldest first (on
    /// the same day, in page and entry order).
    pub fn histories(&self) -> HashMap<&str, Vec<&Commitment>> {
        // Gathered a run of briefings at a time on every core, then joined in order.
        let articles: Vec<&[Commitment]> = self.of_articles().map(|(_, list)| list).collect();
        let runs: Vec<HashMap<&str, Vec<&Commitment>>> = articles
            .par_chunks(1024)
            .map(|run| {
                let mut found: HashMap<&str, Vec<&Commitment>> = HashMap::new();
                for c in run.iter().flat_map(|list| list.iter()) {
                    found.entry(c.company_slug.as_str()).or_default().push(c);
                }
                found
            })
            .collect();
        let mut out: HashMap<&str, Vec<&Commitment>> = HashMap::new();
        for run in runs {
            for (slug, mut rows) in run {
                out.entry(slug).or_default().append(&mut rows);
            }
        }
        out.par_iter_mut().for_each(|(_, rows)| order_history(rows, |c| c.announced));
        out
    }

    /// One company's commitments (by slug), as [`CapexData::histories`] has them, each with
    /// the item of `tags` that came with it: `tags` goes along every commitment of
    /// [`CapexData::of_articles`], in order. A preview rebuild remakes the tables of the few
    /// companies an edit touched, and gathering every company's history for them would cost
    /// more than the tables.
    pub fn history_of<T: Copy>(
        &self,
        slug: &str,
        tags: impl IntoIterator<Item = T>,
    ) -> Vec<(&Commitment, T)> {
        let mut rows: Vec<(&Commitment, T)> = self
            .of_articles()
            .flat_map(|(_, list)| list.iter())
            .zip(tags)
            .filter(|(c, _)| c.company_slug == slug)
            .collect();
        order_history(&mut rows, |(c, _)| c.announced);
        rows
    }

    /// Canonical name of a company as written anywhere (front matter `companies:` lists).
    pub fn canonical_company<'a>(&'a self, name: &'a str) -> &'a str {
        self.registry.resolve(name).map_or(name.trim(), |c| c.name.as_str())
    }
}

/// The commitments of one page's `capex:` entries, normalised, leaving out entries with
/// errors (the build reports those). For stages that run before [`collect`], such as dedup
/// linking briefings that report the same commitment (see [`identity`]).
pub fn commitments_of(page: &Page, registry: &Registry, fx: &FxTable) -> Vec<Commitment> {
    let mut ignored = Diagnostics::new();
    let entries = page.meta.capex.iter().flatten().enumerate();
    entries.filter_map(|(i, e)| normalise(page, i, e, registry, fx, &mut ignored)).collect()
}

/// Normalises the commitments of every page; errors and warnings go into `diags`.
pub fn collect(pages: &[Page], config: &Config, dedup: &DedupReport, diags: &mut Diagnostics) -> CapexData {
    let (registry, fx) = tables(config, diags);
    // Pages in parallel, each with its own findings.
    let per_page: Vec<PageCapex> = pages.par_iter().map(|page| page_capex(page, &registry, &fx)).collect();
    assemble(pages, &per_page, registry, fx, dedup, diags)
}

/// The company registry and exchange rates of the config; problems with the rates go into
/// `diags`.
pub(crate) fn tables(config: &Config, diags: &mut Diagnostics) -> (Registry, FxTable) {
    let registry = Registry::new(&config.companies);
    let (fx, problems) = FxTable::new(config.fx.as_ref());
    let config_file = crate::content::shown_path(&config.root, &config.root.join(CONFIG_FILE));
    for p in problems {
        diags
            .push(Diagnostic::error(Some(Location::file(&config_file)), p).with_help(
                "write `fx: { as_of: 2025-06-30, rates: { CNY: 0.1396 } }` or `fx: { monthly: { 2025-02: { CNY: 0.1372 } } }` (US dollars per unit)",
            ));
    }
    (registry, fx)
}

/// What one page gives the capex stage, made from its text and path alone (and the config's
/// registry and rates).
#[derive(Debug, Clone)]
pub(crate) struct PageCapex {
    /// `None` for a translation or a page without `capex:`.
    commitments: Option<(Arc<[Commitment]>, Diagnostics)>,
    /// Whether the body may hold a capex shortcode.
    has_shortcode: bool,
}

/// Normalises one page's commitments.
pub(crate) fn page_capex(page: &Page, registry: &Registry, fx: &FxTable) -> PageCapex {
    let has_entries = page.meta.capex.is_some() || page.meta.not_capex.is_some();
    let commitments = (has_entries && !page.is_translation()).then(|| {
        let mut found = Diagnostics::new();
        let list = page
            .meta
            .capex
            .iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, e)| normalise(page, i, e, registry, fx, &mut found))
            .collect();
        review::check_not_capex(page, &mut found);
        (list, found)
    });
    PageCapex { commitments, has_shortcode: page.body.contains("capex_") }
}

/// The site's capex data from each page's [`PageCapex`] (in page order): findings reported,
/// folded duplicates left out, shortcodes prepared.
pub(crate) fn assemble(
    pages: &[Page],
    per_page: &[PageCapex],
    registry: Registry,
    fx: FxTable,
    dedup: &DedupReport,
    diags: &mut Diagnostics,
) -> CapexData {
    // Merged in page order. The maps are built from whole lists: a list in key order (pages
    // are sorted by path) is taken as it is, with no search per key.
    let folded: HashSet<&str, xxhash_rust::xxh3::Xxh3DefaultBuilder> =
        dedup.duplicate_of.keys().map(String::as_str).collect();
    let mut by_page = Vec::new();
    let mut articles = Vec::new();
    for (page, entry) in pages.iter().zip(per_page) {
        let Some((list, found)) = &entry.commitments else { continue };
        diags.extend(found.clone());
        if folded.contains(page.rel.as_str()) {
            continue;
        }
        if page.kind == PageKind::Article {
            articles.push(page.rel.clone());
        }
        by_page.push((page.rel.clone(), list.clone()));
    }
    let (by_page, articles) = (BTreeMap::from_iter(by_page), articles.into_iter().collect());
    let current = pages
        .iter()
        .filter(|p| p.kind == PageKind::Article && !folded.contains(p.rel.as_str()))
        .filter_map(|p| p.date.as_ref().map(|d| d.date))
        .max();
    let mut data = CapexData { registry, fx, by_page, shortcodes: BTreeMap::new(), articles, current };
    for (page, entry) in pages.iter().zip(per_page) {
        if entry.has_shortcode {
            if let Some(prepared) = shortcode::prepare(page, &data, diags) {
                data.shortcodes.insert(page.rel.clone(), prepared);
            }
        }
    }
    data
}

pub(crate) fn located(page: &Page, i: usize, key: &str, error: bool, message: String) -> Diagnostic {
    let entry = format!("#{i}");
    let loc = page.key_location(&["capex", &entry, key]);
    let snippet = line_text(&page.text, loc.line).to_string();
    let d =
        if error { Diagnostic::error(Some(loc), message) } else { Diagnostic::warning(Some(loc), message) };
    d.with_snippet(snippet)
}

/// Codes that a `$` may stand for besides US dollars.
const DOLLAR_CURRENCIES: &[&str] = &["USD", "HKD", "TWD", "AUD", "CAD", "SGD", "NZD", "MXN"];

fn normalise(
    page: &Page,
    i: usize,
    e: &RawCommitment,
    registry: &Registry,
    fx: &FxTable,
    diags: &mut Diagnostics,
) -> Option<Commitment> {
    let n = i + 1;
    let before = diags.error_count();
    // Company.
    let written = e.company.trim();
    if written.is_empty() {
        diags.push(located(page, i, "company", true, format!("capex entry {n}: `company` is empty")));
    }
    let company = match registry.resolve(written) {
        Some(c) => c.name.clone(),
        None => {
            if !registry.is_empty() && !written.is_empty() {
                let mut d = located(
                    page,
                    i,
                    "company",
                    false,
                    format!("capex entry {n}: company `{written}` is not in the registry"),
                );
                d = match registry.suggest(written) {
                    Some(best) => d.with_help(format!(
                        "did you mean `{best}`? Otherwise add `{written}` (or an alias) under `companies:` in config.yaml"
                    )),
                    None => d.with_help(format!("add `{written}` under `companies:` in config.yaml")),
                };
                diags.push(d);
            }
            written.to_string()
        }
    };
    let fiscal_year_end = registry.resolve(written).and_then(|c| c.fiscal_year_end);
    // Amount.
    let (money, amount_text) = match &e.amount {
        serde_yaml::Value::Number(num) => match num.as_f64() {
            Some(v) if v > 0.0 && v.is_finite() => {
                if v < 1e6 {
                    diags.push(located(page, i, "amount", false, format!(
                        "capex entry {n}: `amount: {v}` is read as {v} currency units, not millions or billions"
                    )).with_help(format!("write `amount: \"{v} billion\"` if billions are meant")));
                }
                (
                    Some(Money {
                        start: 0,
                        end: 0,
                        low: v,
                        high: None,
                        currency: None,
                        scaled: false,
                        unit: 1.0,
                    }),
                    num.to_string(),
                )
            }
            _ => {
                diags.push(
                    located(
                        page,
                        i,
                        "amount",
                        true,
                        format!("capex entry {n}: `amount` must be more than zero, found {num}"),
                    )
                    .with_help("write the amount committed, for example `amount: \"$53 billion\"`"),
                );
                (None, num.to_string())
            }
        },
        serde_yaml::Value::String(s) => match amount::parse_amount(s) {
            Ok(m) => (Some(m), s.trim().to_string()),
            Err(err) => {
                let (msg, help) = match err {
                    AmountError::NotAnAmount => (
                        format!("capex entry {n}: cannot read `amount: {s}` as an amount of money"),
                        "write a number with an optional currency and scale: `$53 billion`, `RMB 380 billion`, `150 billion yuan`".to_string(),
                    ),
                    AmountError::UnknownSymbol(sym) => (
                        format!("capex entry {n}: unknown currency symbol `{sym}` in `amount: {s}`"),
                        "write the number with `currency:` set to an ISO 4217 code, or use $, US$, HK$, NT$, €, £, ¥, ₩, ₹, RMB".to_string(),
                    ),
                    AmountError::Trailing(rest) => (
                        format!("capex entry {n}: unexpected `{rest}` after the amount in `amount: {s}`"),
                        "put the period in `period:` and what it covers in `scope:`".to_string(),
                    ),
                    AmountError::TooLarge => (
                        format!("capex entry {n}: `amount: {s}` has too many digits to be an amount of money"),
                        "write the amount with a scale word: `$53 billion`, `RMB 1.2 trillion`".to_string(),
                    ),
                    AmountError::NotPositive => (
                        format!("capex entry {n}: `amount: {s}` must be more than zero"),
                        "write the amount committed as a positive figure".to_string(),
                    ),
                };
                diags.push(located(page, i, "amount", true, msg).with_help(help));
                (None, s.clone())
            }
        },
        other => {
            let shown = serde_yaml::to_string(other).unwrap_or_default();
            diags.push(
                located(
                    page,
                    i,
                    "amount",
                    true,
                    format!("capex entry {n}: `amount` must be a number or text, found `{}`", shown.trim()),
                )
                .with_help("for example `amount: \"$53 billion\"`"),
            );
            (None, shown.trim().to_string())
        }
    };
    // Currency: the explicit field, else the amount's symbol.
    let field = e.currency.as_deref().map(|c| c.trim().to_uppercase());
    if let Some(f) = &field {
        if f.len() != 3 || !f.chars().all(|c| c.is_ascii_alphabetic()) {
            diags.push(
                located(
                    page,
                    i,
                    "currency",
                    true,
                    format!("capex entry {n}: `currency: {f}` is not an ISO 4217 code"),
                )
                .with_help("use a three-letter code such as USD, CNY, EUR, HKD, JPY"),
            );
        }
    }
    let symbol = money.as_ref().and_then(|m| m.currency);
    let currency = match (symbol, field.as_deref()) {
        (Some(s), Some(f)) if s != f => {
            let dollar_sign =
                s == "USD" && amount_text.contains('$') && !amount_text.to_uppercase().contains("US");
            // `¥` is the yuan's sign as well as the yen's.
            let yen_sign = s == "JPY" && f == "CNY" && amount_text.contains(['¥', '￥']);
            if (dollar_sign && DOLLAR_CURRENCIES.contains(&f)) || yen_sign {
                Some(f.to_string())
            } else {
                diags.push(
                    located(
                        page,
                        i,
                        "currency",
                        true,
                        format!(
                            "capex entry {n}: the amount `{amount_text}` is in {s} but `currency` says {f}"
                        ),
                    )
                    .with_help("make them agree, or drop `currency:` to use the amount's symbol"),
                );
                None
            }
        }
        (Some(s), _) => Some(s.to_string()),
        (None, Some(f)) => Some(f.to_string()),
        (None, None) => {
            if money.is_some() {
                diags.push(
                    located(
                        page,
                        i,
                        "amount",
                        true,
                        format!("capex entry {n}: no currency for `amount: {amount_text}`"),
                    )
                    .with_help(
                        "add `currency: USD` (or the ISO 4217 code), or write a symbol such as `$53 billion`",
                    ),
                );
            }
            None
        }
    };
    // Announcement date.
    let announced = match &e.announced {
        Some(text) => match crate::content::PageDate::parse(text) {
            Ok(d) => Some(d.date),
            Err(msg) => {
                diags.push(located(
                    page,
                    i,
                    "announced",
                    true,
                    format!("capex entry {n}: `announced`: {msg}"),
                ));
                None
            }
        },
        None => page.date.as_ref().map(|d| d.date),
    };
    if e.announced.is_none() && announced.is_none() {
        diags.push(
            located(page, i, "company", true, format!("capex entry {n}: no announcement date"))
                .with_help("add `announced: YYYY-MM-DD` to the entry or `date:` to the page"),
        );
    }
    // The rate of the month it was announced in.
    let rate = currency.as_deref().zip(announced).and_then(|(c, date)| {
        let r = fx.rate_at(c, date);
        if r.is_none() && diags.error_count() == before {
            diags.push(
                located(page, i, "currency", true, format!(
                    "capex entry {n} ({company}): no exchange rate for {c}, so `{amount_text}` cannot be converted to US dollars"
                ))
                .with_help(format!("add it under `fx: rates:` in config.yaml, e.g. `{c}: 0.25` (US dollars per {c}), or by month under `fx: monthly:`")),
            );
        }
        r
    });
    // Period.
    let period = match (&e.period, announced) {
        (Some(text), Some(date)) => {
            match period::parse(text).and_then(|s| s.resolve(date, fiscal_year_end)) {
                Ok(p) => Some(p),
                Err(err) => {
                    let why = match err {
                        period::PeriodError::Zero => "a period must be longer than zero".to_string(),
                        period::PeriodError::Backwards => "the last year is before the first".to_string(),
                        period::PeriodError::Unreadable => "cannot read it as a period".to_string(),
                    };
                    diags.push(
                    located(page, i, "period", true, format!("capex entry {n}: `period: {text}`: {why}"))
                        .with_help("write `2025`, `FY2025`, `2025-2027`, `3 years`, `over the next three years` or `this year`"),
                );
                    None
                }
            }
        }
        _ => None,
    };
    // A yearly rate.
    let per_year = match e.per.as_deref().map(|p| p.trim().to_lowercase()) {
        None => false,
        Some(p) if matches!(p.as_str(), "year" | "yearly" | "annual" | "a year" | "año" | "al año") => true,
        Some(p) => {
            diags.push(
                located(page, i, "per", true, format!("capex entry {n}: `per: {p}`: only `year` is known"))
                    .with_help("write `per: year` when the amount is a year's, or leave `per` out for the whole commitment"),
            );
            false
        }
    };
    review::check_entry_fields(page, i, e, diags);
    if diags.error_count() > before {
        return None;
    }
    let (money, currency, rate, announced) = (money?, currency?, rate?, announced?);
    let qualifier = match &e.amount {
        serde_yaml::Value::String(s) => amount::split_qualifier(s).0.map(str::to_string),
        _ => None,
    };
    let source = page.meta.source.as_ref();
    // A yearly rate's whole commitment is the rate times the period's years.
    let times = match (&period, per_year) {
        (Some(p), true) if p.years > 0.0 => p.years,
        _ => 1.0,
    };
    let usd = money.low * rate.usd_per_unit * times;
    Some(Commitment {
        page: page.rel.clone(),
        entry: i,
        company_slug: term_slug(&company),
        company,
        amount_text,
        amount: money.low,
        amount_high: money.high,
        currency,
        usd,
        usd_high: money.high.map(|h| h * rate.usd_per_unit * times),
        fx: rate,
        period_text: e.period.clone(),
        period,
        announced,
        scope: e.scope.clone(),
        places: place::of(&[e.scope.as_deref(), e.quote.as_deref(), e.sentence.as_deref()]),
        quote: e.quote.clone(),
        qualifier,
        unit: money.unit,
        drafted: e.status == Some(crate::content::EntryStatus::Drafted),
        pin: e.pin,
        per_year,
        source_name: source.and_then(|s| s.name.clone()),
        source_url: source.and_then(|s| s.url.clone()),
    })
}

/// Orders a company's commitments, gathered in page and entry order, by date: with ties in
/// gathered order, that is ordering by (date, page, entry), with no page path compared.
fn order_history<T: Copy>(rows: &mut Vec<T>, announced: impl Fn(&T) -> Date) {
    let mut order: Vec<(Date, usize)> = rows.iter().enumerate().map(|(i, c)| (announced(c), i)).collect();
    order.sort_unstable();
    *rows = order.into_iter().map(|(_, i)| rows[i]).collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commitment(page: &str, entry: usize, slug: &str, announced: &str) -> Commitment {
        Commitment {
            page: page.into(),
            entry,
            company: slug.into(),
            company_slug: slug.into(),
            amount_text: "$1 billion".into(),
            amount: 1e9,
            amount_high: None,
            currency: "USD".into(),
            usd: 1e9,
            usd_high: None,
            fx: FxTable::new(None).0.rate("USD").unwrap(),
            period_text: None,
            period: None,
            announced: announced.parse().unwrap(),
            scope: None,
            places: Vec::new(),
            quote: None,
            qualifier: None,
            unit: 1e9,
            drafted: false,
            pin: false,
            per_year: false,
            source_name: None,
            source_url: None,
        }
    }

    #[test]
    fn a_history_is_ordered_by_date_then_briefing_then_entry_and_leaves_out_non_articles() {
        let pages = [
            ("b/2.md", vec![("meta", "2025-01-02"), ("acme", "2025-01-01"), ("meta", "2025-01-01")]),
            ("b/1.md", vec![("meta", "2025-01-02"), ("meta", "2024-12-31")]),
            ("about.md", vec![("meta", "2020-01-01")]),
        ];
        let mut by_page = BTreeMap::new();
        for (page, list) in &pages {
            let list: Vec<Commitment> =
                list.iter().enumerate().map(|(i, (slug, date))| commitment(page, i, slug, date)).collect();
            by_page.insert(page.to_string(), Arc::from(list));
        }
        let data = CapexData {
            registry: Registry::new(&[]),
            fx: FxTable::new(None).0,
            by_page,
            shortcodes: BTreeMap::new(),
            articles: ["b/1.md", "b/2.md"].into_iter().map(String::from).collect(),
            current: None,
        };
        let histories = data.histories();
        let shown = |slug: &str| -> Vec<(String, usize)> {
            let all: Vec<(String, usize)> =
                histories.get(slug).into_iter().flatten().map(|c| (c.page.clone(), c.entry)).collect();
            let one: Vec<(String, usize)> = data
                .history_of(slug, std::iter::repeat(()))
                .iter()
                .map(|(c, _)| (c.page.clone(), c.entry))
                .collect();
            assert_eq!(all, one, "one company's history is its part of every company's");
            all
        };
        let at = |page: &str, entry| (page.to_string(), entry);
        assert_eq!(
            shown("meta"),
            [at("b/1.md", 1), at("b/2.md", 2), at("b/1.md", 0), at("b/2.md", 0)],
            "by date; on the same date by briefing, then by entry"
        );
        assert_eq!(shown("acme"), [at("b/2.md", 1)]);
        assert!(shown("nobody").is_empty());
        let of_articles: Vec<&str> = data.of_articles().map(|(page, _)| page).collect();
        assert_eq!(of_articles, ["b/1.md", "b/2.md"], "the standalone page is no article");
    }
}
