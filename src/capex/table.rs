//! What templates see of capex data: rows localised for one language ([`CapexView`]), and
//! the default HTML table (a real `<table>` with caption and scoped headers) built from them.

use super::chart::{self, Bar};
use super::fx::FxTable;
use super::ledger::CompanyLedger;
use super::{Commitment, Period};
use crate::i18n::{format_date, format_money, format_money_range_compact, format_number, Strings};
use crate::markdown::push_escaped_html as push_esc;
use serde::Serialize;
use std::fmt::Write as _;

/// Which table: one briefing's, the site-wide comparison, or one company's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// The commitments of one briefing.
    Page,
    /// The latest commitment per company, linking to briefings.
    Compare,
    /// One company's commitments over time, linking to briefings.
    History,
}

/// A briefing a row links to.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingLink {
    /// Its title in the page's language.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
}

/// How rows find their links: company pages and briefings, in the page's language.
pub struct Links<'a> {
    /// URL of a company's page by slug, when it has one.
    pub company_url: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// The briefing a content-relative path is, in this language.
    pub briefing: &'a (dyn Fn(&str) -> Option<BriefingLink> + Sync),
}

/// Everything a view needs besides the commitments.
pub struct ViewInput<'a> {
    /// Language code.
    pub lang: &'a str,
    /// UI strings.
    pub strings: &'a Strings,
    /// Rates, for the footnote.
    pub fx: &'a FxTable,
    /// Link lookups.
    pub links: Links<'a>,
    /// A preview build (the dev server, `build --drafts`): drafted figures say so.
    pub preview: bool,
}

/// One commitment as a table row (`page.capex.rows`, `compare.rows`, `company.rows`).
#[derive(Debug, Clone, Serialize)]
pub struct CommitmentRow {
    /// Canonical company name.
    pub company: String,
    /// Company slug.
    pub company_slug: String,
    /// URL of the company's history page, when there is one.
    pub company_url: Option<String>,
    /// The amount as announced, written in the page's language (`RMB 380 billion`).
    pub as_announced: String,
    /// The amount as written in front matter.
    pub amount_text: String,
    /// Amount in currency units (low end of a range).
    pub amount: f64,
    /// High end of a range.
    pub amount_high: Option<f64>,
    /// ISO 4217 code.
    pub currency: String,
    /// US dollars (low end of a range).
    pub usd: f64,
    /// US dollars, high end of a range.
    pub usd_high: Option<f64>,
    /// US dollars, midpoint of a range.
    pub usd_mid: f64,
    /// US dollars written in the page's language (a range keeps both ends).
    pub usd_display: String,
    /// The period in the page's language (`FY2025, to 30 June 2025`, `3 years (2025–2027)`).
    pub period: String,
    /// The period as written in front matter.
    pub period_text: Option<String>,
    /// Years covered.
    pub years: Option<f64>,
    /// First year covered.
    pub first_year: Option<i32>,
    /// Last year covered.
    pub last_year: Option<i32>,
    /// Whether the years are fiscal years.
    pub fiscal: bool,
    /// US dollars per year (midpoint of a range).
    pub usd_per_year: Option<f64>,
    /// US dollars per year in the page's language (`—` when no period).
    pub usd_per_year_display: String,
    /// The amount as announced, compact (`RMB 380bn`, `380.000 M CNY`).
    pub as_announced_compact: String,
    /// US dollars, compact (`$60–65bn`, `60.000–65.000 M$`).
    pub usd_compact: String,
    /// US dollars per year, compact (`—` when no period).
    pub usd_per_year_compact: String,
    /// Announcement date, `YYYY-MM-DD`.
    pub announced: String,
    /// Announcement date in words.
    pub announced_display: String,
    /// What it covers.
    pub scope: Option<String>,
    /// The source sentence.
    pub quote: Option<String>,
    /// The briefing it comes from (on `/compare/` and company pages: its first report's).
    pub briefing: Option<BriefingLink>,
    /// Drafted by `capbrief import` and not yet reviewed by an editor.
    pub drafted: bool,
    /// The words before the amount as written (`more than`, `about`), when any.
    pub qualifier: Option<String>,
    /// Every briefing that reported this commitment, oldest first (`/compare/` and company
    /// pages; empty in a briefing's own table).
    pub reports: Vec<ReportLink>,
    /// The earlier figure this one revised (a raised forecast, a narrowed range).
    pub revises: Option<RevisionLink>,
    /// The later figure that revised this one: this one is superseded.
    pub revised_by: Option<RevisionLink>,
    /// Whether this is the company's current commitment, the row `/compare/` shows.
    pub current: bool,
}

/// One report of a commitment: the briefing, its source and the amount as it wrote it.
#[derive(Debug, Clone, Serialize)]
pub struct ReportLink {
    /// The briefing, in the page's language.
    pub briefing: Option<BriefingLink>,
    /// The briefing's `source.name`.
    pub source_name: Option<String>,
    /// The briefing's `source.url`.
    pub source_url: Option<String>,
    /// The amount as this briefing wrote it.
    pub amount_text: String,
    /// When this briefing dates the announcement, `YYYY-MM-DD`.
    pub announced: String,
    /// The same in words.
    pub announced_display: String,
    /// Still an unreviewed draft in this briefing.
    pub drafted: bool,
}

/// The other end of a revision.
#[derive(Debug, Clone, Serialize)]
pub struct RevisionLink {
    /// Its amount as announced, in the page's language.
    pub as_announced: String,
    /// Its US dollars.
    pub usd_display: String,
    /// Its announcement, `YYYY-MM-DD`.
    pub announced: String,
    /// The same in words.
    pub announced_display: String,
    /// The briefing that reported it first.
    pub briefing: Option<BriefingLink>,
}

/// A table and chart of commitments, ready for a template.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CapexView {
    /// Rows in display order.
    pub rows: Vec<CommitmentRow>,
    /// The table caption.
    pub caption: String,
    /// Footnotes: exchange rates and their dates, how ranges are handled.
    pub notes: Vec<String>,
    /// The default table HTML (wrapped for scrolling, footnotes included).
    pub table: String,
    /// The default chart, inline SVG in a `<figure>` (empty when nothing can be charted).
    pub chart: String,
    /// How many commitments the chart draws (those with a period): the theme shows a chart
    /// of two or more, a shortcode any.
    pub charted: usize,
    /// The article places the table itself with a shortcode, so templates should not.
    pub in_body: bool,
}

fn t<'a>(input: &'a ViewInput<'_>, key: &'a str) -> &'a str {
    input.strings.get(input.lang, key).unwrap_or(key)
}

/// `$60 billion` and `$65 billion` → `$60–65 billion`; `60.000 millones de dólares` and
/// `65.000 millones de dólares` → `60.000–65.000 millones de dólares`.
pub fn money_range(low: f64, high: Option<f64>, currency: &str, lang: &str) -> String {
    let a = format_money(low, currency, lang);
    let Some(high) = high else { return a };
    let b = format_money(high, currency, lang);
    // Shared words after the number (unit and currency name) are written once.
    let suffix_at =
        |s: &str| s.find(|c: char| c.is_ascii_digit()).and_then(|d| s[d..].find(' ').map(|i| d + i));
    let (Some(ai), Some(bi)) = (suffix_at(&a), suffix_at(&b)) else { return format!("{a}–{b}") };
    let prefix_len = b.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    if a[ai..] == b[bi..] && a.get(..prefix_len).is_some() && a.get(..prefix_len) == b.get(..prefix_len) {
        format!("{}–{}", &a[..ai], &b[prefix_len..])
    } else {
        format!("{a}–{b}")
    }
}

/// The period in words.
pub fn period_label(p: Option<&Period>, input: &ViewInput<'_>) -> String {
    let Some(p) = p else { return t(input, "capex_not_given").to_string() };
    let fy = |y: i32| t(input, "capex_fiscal_year").replace("{n}", &y.to_string());
    let span = |first: i32, last: i32| {
        if first == last {
            first.to_string()
        } else {
            format!("{first}–{last}")
        }
    };
    if let Some(m) = p.span_months {
        let length = if m == 12 {
            t(input, "capex_one_year").to_string()
        } else if m % 12 == 0 {
            t(input, "capex_years").replace("{n}", &(m / 12).to_string())
        } else {
            t(input, "capex_months").replace("{n}", &m.to_string())
        };
        return format!("{length} ({})", span(p.first_year, p.last_year));
    }
    if !p.fiscal {
        return span(p.first_year, p.last_year);
    }
    let mut label = if p.first_year == p.last_year {
        fy(p.first_year)
    } else {
        format!("{}–{}", fy(p.first_year), fy(p.last_year))
    };
    if let Some(end) = p.fiscal_end_month.and_then(|m| fiscal_end(p.last_year, m)) {
        label.push_str(", ");
        label.push_str(&t(input, "capex_fiscal_to").replace("{date}", &format_date(end, input.lang)));
    }
    label
}

fn fiscal_end(year: i32, month: u8) -> Option<jiff::civil::Date> {
    let y = i16::try_from(year).ok()?;
    let m = i8::try_from(month).ok()?;
    jiff::civil::Date::new(y, m, 1).ok().map(|d| d.last_of_month())
}

/// The kind of qualifier written before an amount, as a UI string key.
fn qualifier_key(q: &str) -> Option<&'static str> {
    let q = q.trim().to_lowercase();
    let key = match q.as_str() {
        "more than" | "over" | "in excess of" | "just over" | "más de" | "mehr als" | "plus de"
        | "mais de" => "capex_q_more_than",
        "at least" | "al menos" | "por lo menos" | "como mínimo" | "mindestens" | "au moins" => {
            "capex_q_at_least"
        }
        "up to" | "as much as" | "hasta" | "bis zu" | "jusqu'à" | "jusqu’à" | "até" => "capex_q_up_to",
        "less than" | "just under" | "menos de" => "capex_q_less_than",
        "" => return None,
        _ => "capex_q_about",
    };
    Some(key)
}

/// The amount as announced in `input.lang`, with its qualifier (`more than RMB 380 billion`).
fn as_announced(c: &Commitment, input: &ViewInput<'_>) -> String {
    with_qualifier(c, input, money_range(c.amount, c.amount_high, &c.currency, input.lang))
}

/// `amount` with the commitment's qualifier in `input.lang` (`more than {amount}`), and `a
/// year` after a yearly rate.
fn with_qualifier(c: &Commitment, input: &ViewInput<'_>, amount: String) -> String {
    let amount = match c.qualifier.as_deref().and_then(qualifier_key) {
        Some(key) => t(input, key).replace("{amount}", &amount),
        None => amount,
    };
    if c.per_year {
        t(input, "capex_a_year").replace("{amount}", &amount)
    } else {
        amount
    }
}

/// One commitment as a row in `input.lang`.
pub fn row(c: &Commitment, input: &ViewInput<'_>) -> CommitmentRow {
    let lang = input.lang;
    let per_year = c.usd_per_year();
    CommitmentRow {
        company: c.company.clone(),
        company_slug: c.company_slug.clone(),
        company_url: (input.links.company_url)(&c.company_slug),
        as_announced: as_announced(c, input),
        amount_text: c.amount_text.clone(),
        amount: c.amount,
        amount_high: c.amount_high,
        currency: c.currency.clone(),
        usd: c.usd,
        usd_high: c.usd_high,
        usd_mid: c.usd_mid(),
        usd_display: money_range(c.usd, c.usd_high, "USD", lang),
        period: period_label(c.period.as_ref(), input),
        period_text: c.period_text.clone(),
        years: c.period.as_ref().map(|p| p.years),
        first_year: c.period.as_ref().map(|p| p.first_year),
        last_year: c.period.as_ref().map(|p| p.last_year),
        fiscal: c.period.as_ref().is_some_and(|p| p.fiscal),
        usd_per_year: c.usd_per_year_mid(),
        usd_per_year_display: per_year
            .map_or_else(|| "—".to_string(), |(lo, hi)| money_range(lo, hi, "USD", lang)),
        // The qualifier stays visible in the short form too: `about $100bn` is what was
        // announced, `$100bn` is not.
        as_announced_compact: with_qualifier(
            c,
            input,
            format_money_range_compact(c.amount, c.amount_high, &c.currency, lang),
        ),
        usd_compact: format_money_range_compact(c.usd, c.usd_high, "USD", lang),
        usd_per_year_compact: per_year
            .map_or_else(|| "—".to_string(), |(lo, hi)| format_money_range_compact(lo, hi, "USD", lang)),
        announced: c.announced.to_string(),
        announced_display: format_date(c.announced, lang),
        scope: c.scope.clone(),
        quote: c.quote.clone(),
        briefing: (input.links.briefing)(&c.page),
        drafted: c.drafted,
        qualifier: c.qualifier.clone(),
        reports: Vec::new(),
        revises: None,
        revised_by: None,
        current: false,
    }
}

/// Entry `i` of a company's `ledger` as a row: the figures of its lead report, every report
/// of it, the revisions on either side. `history` is what the ledger was made from.
pub fn entry_row(
    history: &[&Commitment],
    ledger: &CompanyLedger,
    i: usize,
    input: &ViewInput<'_>,
) -> CommitmentRow {
    let entry = &ledger.entries[i];
    let lead = history[entry.lead];
    let mut r = row(lead, input);
    r.briefing = (input.links.briefing)(&history[entry.reports[0]].page);
    r.drafted = entry.reports.iter().all(|&k| history[k].drafted);
    r.reports = entry
        .reports
        .iter()
        .map(|&k| {
            let c = history[k];
            ReportLink {
                briefing: (input.links.briefing)(&c.page),
                source_name: c.source_name.clone(),
                source_url: c.source_url.clone(),
                amount_text: c.amount_text.clone(),
                announced: c.announced.to_string(),
                announced_display: format_date(c.announced, input.lang),
                drafted: c.drafted,
            }
        })
        .collect();
    let link = |j: usize| {
        let other = &ledger.entries[j];
        let c = history[other.lead];
        RevisionLink {
            as_announced: as_announced(c, input),
            usd_display: money_range(c.usd, c.usd_high, "USD", input.lang),
            announced: c.announced.to_string(),
            announced_display: format_date(c.announced, input.lang),
            briefing: (input.links.briefing)(&history[other.reports[0]].page),
        }
    };
    r.revises = entry.revises.map(link);
    r.revised_by = entry.revised_by.map(link);
    r.current = ledger.headline == Some(i);
    r
}

/// Builds the view of `commitments` (already in display order).
pub fn view(
    commitments: &[&Commitment],
    kind: TableKind,
    caption: String,
    id: &str,
    input: &ViewInput<'_>,
) -> CapexView {
    let rows: Vec<CommitmentRow> = commitments.iter().map(|c| row(c, input)).collect();
    view_of_rows(commitments, rows, kind, caption, id, input)
}

/// Builds the view of rows already made (by [`entry_row`]), one per commitment of
/// `commitments` (the rows' lead reports), in display order.
pub fn view_of_rows(
    commitments: &[&Commitment],
    rows: Vec<CommitmentRow>,
    kind: TableKind,
    caption: String,
    id: &str,
    input: &ViewInput<'_>,
) -> CapexView {
    let refs: Vec<&CommitmentRow> = rows.iter().collect();
    let (notes, table, chart) = view_parts(commitments, &refs, kind, &caption, id, input, None);
    let charted = charted(commitments);
    CapexView { rows, caption, notes, table, chart, charted, in_body: false }
}

/// The notes, table HTML and chart of a view whose `rows` (one per commitment, made by
/// [`row`]) the caller already has.
pub fn view_parts(
    commitments: &[&Commitment],
    rows: &[&CommitmentRow],
    kind: TableKind,
    caption: &str,
    id: &str,
    input: &ViewInput<'_>,
    chart: Option<String>,
) -> (Vec<String>, String, String) {
    let mut notes = Vec::new();
    if !rows.is_empty() {
        notes.push(fx_note(commitments, input));
    }
    if commitments.iter().any(|c| c.amount_high.is_some()) {
        notes.push(t(input, "capex_range_note").to_string());
    }
    let table = if rows.is_empty() { String::new() } else { table_html(rows, kind, caption, &notes, input) };
    let chart = chart.unwrap_or_else(|| chart_html(commitments, rows, kind, id, input));
    (notes, table, chart)
}

/// How many of `commitments` a chart draws: those with a yearly figure.
pub fn charted(commitments: &[&Commitment]) -> usize {
    commitments.iter().filter(|c| c.usd_per_year().is_some()).count()
}

/// How many rates an FX note lists before it says how many more there are.
const SHOWN_RATES: usize = 6;

/// The note on what `commitments` were converted at: each currency's rate and when it is
/// from, dated the way the page writes dates (every rate is in the data downloads).
pub fn fx_note(commitments: &[&Commitment], input: &ViewInput<'_>) -> String {
    use super::fx::RateSource;
    // Each distinct rate once, in currency and date order.
    let mut rates: Vec<(&str, super::fx::Rate)> = commitments
        .iter()
        .filter(|c| c.fx.source != RateSource::Par)
        .map(|c| (c.currency.as_str(), c.fx))
        .collect();
    rates.sort_by(|a, b| {
        (a.0, a.1.basis()).cmp(&(b.0, b.1.basis())).then(a.1.usd_per_unit.total_cmp(&b.1.usd_per_unit))
    });
    rates.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    if rates.is_empty() {
        return t(input, "capex_no_fx").to_string();
    }
    let lang = input.lang;
    let month = |m: super::fx::YearMonth| crate::i18n::format_month(m.year, m.month, lang);
    let mut listed: Vec<String> = rates
        .iter()
        .take(SHOWN_RATES)
        .map(|(code, r)| {
            let when = match (r.source, r.month, r.as_of) {
                (RateSource::Peg, _, _) => t(input, "capex_fx_peg").to_string(),
                (RateSource::Site, Some(m), _) => t(input, "capex_fx_site").replace("{when}", &month(m)),
                (RateSource::Site, None, Some(d)) => t(input, "capex_fx_site")
                    .replace("{when}", &t(input, "capex_fx_dated").replace("{date}", &format_date(d, lang))),
                (_, Some(m), _) if r.nearest => t(input, "capex_fx_latest").replace("{month}", &month(m)),
                (_, Some(m), _) => month(m),
                _ => String::new(),
            };
            // As the sources publish them: units per dollar, to at most six figures.
            let per_usd = 1.0 / r.usd_per_unit;
            let digits = per_usd.abs().log10().floor().max(0.0) as usize + 1;
            t(input, "capex_fx_rate")
                .replace("{code}", code)
                .replace(
                    "{per_usd}",
                    &format_number(per_usd, 6usize.saturating_sub(digits).clamp(2, 4), lang),
                )
                .replace("{usd}", &format_number(r.usd_per_unit, 6, lang))
                .replace("{when}", &when)
        })
        .collect();
    if rates.len() > SHOWN_RATES {
        listed.push(t(input, "capex_fx_more").replace("{n}", &(rates.len() - SHOWN_RATES).to_string()));
    }
    t(input, "capex_fx_note").replace("{rates}", &listed.join("; "))
}

/// Key of everything [`chart_html`] reads of `commitments`, `rows` and the rest, to keep a
/// chart while its rows show the same figures (a briefing's title is in the table, not the
/// chart).
pub fn chart_key(
    commitments: &[&Commitment],
    rows: &[&CommitmentRow],
    kind: TableKind,
    id: &str,
    lang: &str,
) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut text = |s: &str| {
        h.update(&(s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    for s in [id, lang, if kind == TableKind::History { "history" } else { "other" }] {
        text(s);
    }
    for (c, r) in commitments.iter().zip(rows) {
        for s in [&r.announced_display, &r.company, &r.usd_per_year_compact, &c.currency] {
            text(s);
        }
        // A history's points show where each stands: current, superseded, what it revised.
        let revises = r.revises.as_ref().map(|e| (e.announced.as_str(), e.as_announced.as_str()));
        text(&format!("{}{}{revises:?}", r.current, r.revised_by.is_some()));
        let rate = (c.fx.usd_per_unit.to_bits(), c.fx.basis(), c.fx.source, c.fx.nearest);
        let values = (c.usd_per_year().map(|(lo, hi)| (lo.to_bits(), hi.map(f64::to_bits))), c.announced);
        text(&format!("{rate:?}{values:?}"));
    }
    h.digest128()
}

/// `$17.4bn` → (`$17`, `.4bn`), `17.400 M$` → (`17.400`, ` M$`): a compact amount split at
/// the decimal separator of its last number (or after its last digit), so that cells can
/// line the separators up under each other.
pub fn split_at_decimal<'s>(text: &'s str, lang: &str) -> (&'s str, &'s str) {
    let (decimal, group) = if lang == "es" { (',', '.') } else { ('.', ',') };
    let Some(last_digit) = text.rfind(|c: char| c.is_ascii_digit()) else { return (text, "") };
    let end = last_digit + 1;
    // The start of the last number: back over digits, group and decimal separators.
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_digit() || c == decimal || c == group)
        .last()
        .map_or(end, |(i, _)| i);
    let at = text[start..end].find(decimal).map_or(end, |i| start + i);
    text.split_at(at)
}

/// A numeric cell: the compact text split for alignment, its full form for hovering and
/// for screen readers, and its raw value for sorting (and for checking against the data).
fn num_cell(h: &mut String, label: &str, compact: &str, full: &str, value: Option<f64>, lang: &str) {
    h.push_str("<td class=\"num\" data-label=\"");
    push_esc(h, label);
    h.push('"');
    if let Some(v) = value {
        h.push_str(" data-value=\"");
        h.push_str(&super::export::number(v));
        h.push('"');
    }
    if !full.is_empty() && full != compact {
        h.push_str(" title=\"");
        push_esc(h, full);
        h.push_str("\" aria-label=\"");
        push_esc(h, full);
        h.push('"');
    }
    h.push('>');
    let (int, frac) = split_at_decimal(compact, lang);
    h.push_str("<span class=\"i\">");
    push_esc(h, int);
    h.push_str("</span><span class=\"f\">");
    push_esc(h, frac);
    h.push_str("</span></td>");
}

/// How many reporting briefings a row links to before it says how many more there are.
const SHOWN_REPORTS: usize = 3;

fn table_html(
    rows: &[&CommitmentRow],
    kind: TableKind,
    caption: &str,
    notes: &[String],
    input: &ViewInput<'_>,
) -> String {
    let lang = input.lang;
    let mut h = String::with_capacity(1024 + rows.len() * 900);
    let class = match kind {
        TableKind::Page => "capex-page",
        TableKind::Compare => "capex-compare",
        TableKind::History => "capex-history",
    };
    // The widest part after the decimal separator in each figure column, so that every
    // separator of a column lines up.
    let widest = |f: &dyn Fn(&CommitmentRow) -> &str| {
        rows.iter().map(|r| split_at_decimal(f(r), lang).1.chars().count()).max().unwrap_or(0)
    };
    let fracs = [
        widest(&|r| r.usd_per_year_compact.as_str()),
        widest(&|r| r.usd_compact.as_str()),
        widest(&|r| r.as_announced_compact.as_str()),
    ];
    let _ = write!(
        h,
        "<div class=\"table-wrap\">\n<table class=\"capex-table {class}\" style=\"--f1:{}ch;--f2:{}ch;--f3:{}ch\"",
        fracs[0], fracs[1], fracs[2]
    );
    if kind == TableKind::Compare {
        // Sortable by script (capex.js); without it the rows keep this order.
        h.push_str(" data-sortable");
    }
    h.push_str(">\n<caption>");
    push_esc(&mut h, caption);
    h.push_str("</caption>\n<thead>\n<tr>");
    let first = if kind == TableKind::History { "capex_announced" } else { "capex_company" };
    let mut columns: Vec<(&str, &str, &str)> = vec![
        (t(input, first), "", if kind == TableKind::History { "date" } else { "text" }),
        (t(input, "capex_per_year"), "num", "number"),
        (t(input, "capex_usd"), "num", "number"),
        (t(input, "capex_as_announced"), "num", ""),
        (t(input, "capex_period"), "period", ""),
    ];
    if kind == TableKind::Compare {
        columns.push((t(input, "capex_announced"), "date", "date"));
    }
    for (label, class, sort) in &columns {
        h.push_str("<th scope=\"col\"");
        if !class.is_empty() {
            let _ = write!(h, " class=\"{class}\"");
        }
        if kind == TableKind::Compare && !sort.is_empty() {
            let _ = write!(h, " data-sort=\"{sort}\"");
        }
        h.push('>');
        push_esc(&mut h, label);
        h.push_str("</th>");
    }
    h.push_str("</tr>\n</thead>\n");
    let span = columns.len();
    let label = |i: usize| columns[i].0;
    let time = |h: &mut String, r: &CommitmentRow| {
        h.push_str("<time datetime=\"");
        push_esc(h, &r.announced);
        h.push_str("\">");
        push_esc(h, &r.announced_display);
        h.push_str("</time>");
    };
    let link = |h: &mut String, url: &str, text: &str| {
        h.push_str("<a href=\"");
        push_esc(h, url);
        h.push_str("\">");
        push_esc(h, text);
        h.push_str("</a>");
    };
    // Rows are written straight into the table: a company's history has thousands. Each
    // commitment is a group of its own (its figures, then a line of detail) so that sorting
    // moves them together.
    for r in rows {
        h.push_str(if r.revised_by.is_some() {
            "<tbody class=\"entry superseded\">\n"
        } else {
            "<tbody class=\"entry\">\n"
        });
        h.push_str("<tr class=\"main\"><th scope=\"row\"");
        if kind == TableKind::History {
            h.push_str(" data-value=\"");
            push_esc(&mut h, &r.announced);
            h.push_str("\">");
            time(&mut h, r);
        } else {
            h.push_str(" data-value=\"");
            push_esc(&mut h, &r.company);
            h.push_str("\">");
            match &r.company_url {
                Some(u) => link(&mut h, u, &r.company),
                None => push_esc(&mut h, &r.company),
            }
        }
        if r.drafted && input.preview {
            h.push_str(" <span class=\"unreviewed\">");
            push_esc(&mut h, t(input, "capex_unreviewed"));
            h.push_str("</span>");
        }
        h.push_str("</th>");
        num_cell(&mut h, label(1), &r.usd_per_year_compact, &r.usd_per_year_display, r.usd_per_year, lang);
        num_cell(&mut h, label(2), &r.usd_compact, &r.usd_display, Some(r.usd_mid), lang);
        num_cell(&mut h, label(3), &r.as_announced_compact, &r.as_announced, None, lang);
        h.push_str("<td class=\"period\" data-label=\"");
        push_esc(&mut h, label(4));
        h.push_str("\">");
        push_esc(&mut h, &r.period);
        h.push_str("</td>");
        if kind == TableKind::Compare {
            h.push_str("<td class=\"date\" data-label=\"");
            push_esc(&mut h, label(5));
            h.push_str("\" data-value=\"");
            push_esc(&mut h, &r.announced);
            h.push_str("\">");
            time(&mut h, r);
            h.push_str("</td>");
        }
        h.push_str("</tr>\n");
        // The line of detail: the revision on either side, every briefing that reported it
        // (up to a few; the data has them all), what it covers.
        let revision = match (&r.revised_by, &r.revises) {
            (Some(later), _) => Some(("capex_revised_to", later)),
            (None, Some(earlier)) => Some(("capex_revised_from", earlier)),
            _ => None,
        }
        .filter(|_| kind != TableKind::Page);
        let mut reports: Vec<&BriefingLink> = r.reports.iter().filter_map(|p| p.briefing.as_ref()).collect();
        if r.reports.is_empty() {
            reports.extend(r.briefing.as_ref());
        }
        if kind == TableKind::Page {
            reports.clear();
        }
        if revision.is_some() || !reports.is_empty() || r.scope.is_some() {
            let _ = write!(h, "<tr class=\"detail\"><td colspan=\"{span}\">");
            let item = |h: &mut String, key: &str| {
                h.push_str("<span class=\"detail-item\"><span class=\"detail-label\">");
                push_esc(h, t(input, key));
                h.push_str("</span> ");
            };
            if let Some((key, other)) = revision {
                h.push_str("<span class=\"detail-item revision\">");
                let note = t(input, key)
                    .replace("{amount}", &other.as_announced)
                    .replace("{date}", &other.announced_display);
                push_esc(&mut h, &note);
                h.push_str("</span>");
            }
            if !reports.is_empty() {
                item(&mut h, "capex_reported_in");
                for (n, b) in reports.iter().take(SHOWN_REPORTS).enumerate() {
                    if n > 0 {
                        h.push_str("; ");
                    }
                    link(&mut h, &b.url, &b.title);
                }
                if reports.len() > SHOWN_REPORTS {
                    h.push(' ');
                    let more = t(input, "capex_more_reports")
                        .replace("{n}", &(reports.len() - SHOWN_REPORTS).to_string());
                    push_esc(&mut h, &more);
                }
                h.push_str("</span>");
            }
            if let Some(scope) = &r.scope {
                item(&mut h, "capex_scope");
                push_esc(&mut h, scope);
                h.push_str("</span>");
            }
            h.push_str("</td></tr>\n");
        }
        h.push_str("</tbody>\n");
    }
    h.push_str("</table>\n</div>\n");
    for n in notes {
        h.push_str("<p class=\"table-note\">");
        push_esc(&mut h, n);
        h.push_str("</p>\n");
    }
    h
}

fn chart_html(
    commitments: &[&Commitment],
    rows: &[&CommitmentRow],
    kind: TableKind,
    id: &str,
    input: &ViewInput<'_>,
) -> String {
    // Commitments with a period, with their rows: only they have a yearly figure.
    let charted: Vec<(&Commitment, &CommitmentRow)> = commitments
        .iter()
        .copied()
        .zip(rows.iter().copied())
        .filter(|(c, _)| c.usd_per_year().is_some())
        .collect();
    let missing: Vec<&str> = commitments
        .iter()
        .zip(rows)
        .filter(|(c, _)| c.usd_per_year().is_none())
        .map(
            |(_, r)| {
                if kind == TableKind::History {
                    r.announced_display.as_str()
                } else {
                    r.company.as_str()
                }
            },
        )
        .collect();
    if charted.is_empty() {
        return String::new();
    }
    let max = charted
        .iter()
        .filter_map(|(c, _)| c.usd_per_year())
        .map(|(lo, hi)| hi.unwrap_or(lo))
        .fold(0.0, f64::max);
    let unit =
        if chart::Scale::for_max(max).in_billions() { "capex_unit_billions" } else { "capex_unit_millions" };
    let unit = t(input, unit);
    let mut notes = vec![t(input, "capex_chart_source").to_string(), fx_note(commitments, input)];
    if !missing.is_empty() {
        notes.push(format!("{} {}.", t(input, "capex_chart_missing"), missing.join(", ")));
    }
    let label = |r: &CommitmentRow| {
        if kind == TableKind::History {
            r.announced_display.clone()
        } else {
            r.company.clone()
        }
    };
    let description = charted
        .iter()
        .map(|(_, r)| format!("{}: {}", label(r), r.usd_per_year_compact))
        .collect::<Vec<_>>()
        .join("; ");
    let (title, subtitle, what) = match kind {
        TableKind::History => (
            t(input, "capex_chart_history_title").replace("{name}", &rows[0].company),
            t(input, "capex_chart_history_sub").replace("{unit}", unit),
            t(input, "capex_chart_desc_time"),
        ),
        TableKind::Compare => (
            t(input, "capex_chart_compare_title").to_string(),
            t(input, "capex_chart_compare_sub").replace("{unit}", unit),
            t(input, "capex_chart_desc"),
        ),
        TableKind::Page => (
            t(input, "capex_chart_page_title").to_string(),
            t(input, "capex_chart_page_sub").replace("{unit}", unit),
            t(input, "capex_chart_desc"),
        ),
    };
    let furniture = chart::Furniture {
        id: id.to_string(),
        title,
        subtitle,
        notes,
        description: format!("{what} {description}."),
    };
    if kind == TableKind::History {
        let points: Vec<chart::TimePoint> = charted
            .iter()
            .enumerate()
            .map(|(i, (c, r))| {
                let (low, high) = c.usd_per_year().unwrap_or((c.usd, c.usd_high));
                let state = if r.revised_by.is_some() {
                    chart::PointState::Superseded
                } else if r.current {
                    chart::PointState::Current
                } else {
                    chart::PointState::Standing
                };
                // The earlier point this one revised: the row its revision names.
                let revises = r.revises.as_ref().and_then(|earlier| {
                    charted[..i].iter().rposition(|(_, e)| {
                        e.announced == earlier.announced && e.as_announced == earlier.as_announced
                    })
                });
                chart::TimePoint {
                    date: c.announced,
                    low,
                    high,
                    value_label: r.usd_per_year_compact.clone(),
                    state,
                    revises,
                }
            })
            .collect();
        return chart::time_chart(&points, &furniture, input.lang);
    }
    let bars: Vec<Bar> = charted
        .iter()
        .map(|(c, r)| {
            let (low, high) = c.usd_per_year().unwrap_or((c.usd, c.usd_high));
            Bar { label: label(r), low, high, value_label: r.usd_per_year_compact.clone() }
        })
        .collect();
    chart::bar_chart(&bars, &furniture, input.lang)
}

/// The site-wide chart of who spends what per calendar year (see [`super::years`]): the
/// companies with the most money shown one by one, the rest together, the figures as a
/// table below. Empty when no commitment has a period.
pub fn years_chart(table: &super::years::YearTable, id: &str, input: &ViewInput<'_>) -> String {
    if table.years.is_empty() || table.companies.is_empty() {
        return String::new();
    }
    let lang = input.lang;
    let shown = chart::SERIES_COLOURS;
    // With one company over, it is shown by name rather than as "others".
    let named = if table.companies.len() <= shown + 1 { table.companies.len() } else { shown };
    let mut series: Vec<chart::YearSeries> = table.companies[..named]
        .iter()
        .map(|c| chart::YearSeries { name: c.company.clone(), values: c.values.clone() })
        .collect();
    if table.companies.len() > named {
        let mut others = vec![0.0; table.years.len()];
        for c in &table.companies[named..] {
            for (o, v) in others.iter_mut().zip(&c.values) {
                *o += v;
            }
        }
        let n = table.companies.len() - named;
        series.push(chart::YearSeries {
            name: format!("{} ({n})", t(input, "capex_years_other")),
            values: others,
        });
    }
    let totals: Vec<f64> =
        (0..table.years.len()).map(|y| series.iter().map(|s| s.values[y]).sum::<f64>()).collect();
    let scale = chart::Scale::for_max(totals.iter().copied().fold(0.0, f64::max));
    let unit = t(input, if scale.in_billions() { "capex_unit_billions" } else { "capex_unit_millions" });
    let per_unit =
        |v: f64| format_number(v / scale.divisor, if v / scale.divisor >= 100.0 { 0 } else { 1 }, lang);
    let money =
        |v: f64| if v > 0.0 { format_money_range_compact(v, None, "USD", lang) } else { "—".to_string() };
    let description = table
        .years
        .iter()
        .zip(&totals)
        .map(|(y, total)| {
            let parts: Vec<String> = series
                .iter()
                .map(|s| (s, s.values[table.years.iter().position(|x| x == y).unwrap_or(0)]))
                .filter(|(_, v)| *v > 0.0)
                .map(|(s, v)| format!("{} {}", s.name, money(v)))
                .collect();
            format!("{y}: {} ({})", money(*total), parts.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut notes = vec![t(input, "capex_chart_source").to_string()];
    if table.later {
        let last = table.years.last().copied().unwrap_or_default();
        notes.push(t(input, "capex_years_later").replace("{year}", &last.to_string()));
    }
    let furniture = chart::Furniture {
        id: id.to_string(),
        title: t(input, "capex_years_title").to_string(),
        subtitle: t(input, "capex_years_sub").replace("{unit}", unit),
        notes,
        description: format!("{} {description}.", t(input, "capex_years_desc")),
    };
    // The figures behind the chart, every company by name.
    let mut h = String::with_capacity(600 + table.companies.len() * 200);
    h.push_str("<details class=\"chart-data\"><summary>");
    push_esc(&mut h, t(input, "capex_years_data"));
    h.push_str(
        "</summary>\n<div class=\"table-scroll\"><table class=\"data-table\">\n<thead><tr><th scope=\"col\">",
    );
    push_esc(&mut h, t(input, "capex_company"));
    h.push_str("</th>");
    for y in &table.years {
        let _ = write!(h, "<th scope=\"col\" class=\"num\">{y}</th>");
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    let row = |h: &mut String, name: &str, values: &[f64], class: &str| {
        h.push_str("<tr");
        h.push_str(class);
        h.push_str("><th scope=\"row\">");
        push_esc(h, name);
        h.push_str("</th>");
        for v in values {
            h.push_str("<td class=\"num\">");
            push_esc(h, &money(*v));
            h.push_str("</td>");
        }
        h.push_str("</tr>\n");
    };
    for c in &table.companies {
        row(&mut h, &c.company, &c.values, "");
    }
    row(&mut h, t(input, "capex_years_total"), &totals, " class=\"total\"");
    h.push_str("</tbody>\n</table></div>\n</details>\n");
    chart::year_chart(&table.years, &series, &furniture, lang, per_unit, &h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifiers_in_other_languages_keep_their_sense() {
        assert_eq!(qualifier_key("mehr als"), Some("capex_q_more_than"));
        assert_eq!(qualifier_key("bis zu"), Some("capex_q_up_to"));
        assert_eq!(qualifier_key("jusqu’à"), Some("capex_q_up_to"));
        assert_eq!(qualifier_key("mindestens"), Some("capex_q_at_least"));
        assert_eq!(qualifier_key("rund"), Some("capex_q_about"));
    }

    #[test]
    fn ranges_are_written_compactly() {
        assert_eq!(money_range(60e9, Some(65e9), "USD", "en"), "$60–65 billion");
        assert_eq!(money_range(60e9, Some(65e9), "USD", "es"), "60.000–65.000 millones de dólares");
        assert_eq!(money_range(800e6, Some(1.2e9), "USD", "en"), "$800 million–$1.2 billion");
        assert_eq!(money_range(53e9, None, "USD", "es"), "53.000 millones de dólares");
    }

    #[test]
    fn compact_amounts_split_at_their_decimal_separator() {
        assert_eq!(split_at_decimal("$17.4bn", "en"), ("$17", ".4bn"));
        assert_eq!(split_at_decimal("$125bn", "en"), ("$125", "bn"));
        assert_eq!(split_at_decimal("$60–65bn", "en"), ("$60–65", "bn"));
        assert_eq!(split_at_decimal("$1.25–1.5tn", "en"), ("$1.25–1", ".5tn"));
        assert_eq!(split_at_decimal("RMB\u{a0}1,200bn", "en"), ("RMB\u{a0}1,200", "bn"));
        assert_eq!(split_at_decimal("17.400\u{a0}M$", "es"), ("17.400", "\u{a0}M$"));
        assert_eq!(split_at_decimal("1,5\u{a0}M$", "es"), ("1", ",5\u{a0}M$"));
        assert_eq!(split_at_decimal("—", "en"), ("—", ""));
    }
}
