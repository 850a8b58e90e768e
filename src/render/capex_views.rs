//! Capex in the rendered site: each briefing's table and chart, the shortcodes in its body,
//! the `/compare/` page per language, and the commitment history on company pages.

use super::cache::{self, HistoryRow, HistoryTable, KeptChart, RenderCache};
use super::{Job, Model};
use crate::capex::export;
use crate::capex::ledger::CompanyLedger;
use crate::capex::shortcode::ShortcodeKind;
use crate::capex::table::{self, BriefingLink, CapexView, CommitmentRow, Links, TableKind, ViewInput};
use crate::capex::years::{self, YearTable};
use crate::capex::Commitment;
use crate::config::CompanyKind;
use crate::content::{Page, PageKind};
use crate::paths::{file_for, term_slug};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use tera::Value;

/// Where every company's ledger is written as JSON (see `capex::ledger_data`).
pub(super) const LEDGER_DATA: &str = "data/ledger.json";

/// Companies of the listed articles, by slug: canonical names from `companies:` and from
/// `capex:`, so every company with a commitment has a `/companies/<slug>/` page.
pub(super) fn company_pages(
    input: &super::RenderInput<'_>,
    companies: &[Arc<[String]>],
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if !input.config.taxonomies.iter().any(|t| t == "companies") {
        return out;
    }
    // The same few names recur on thousands of pages: each is slugified once.
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (p, names) in input.pages.iter().zip(companies) {
        if p.kind != PageKind::Article || p.is_translation() || input.dedup.duplicate_of.contains_key(&p.rel)
        {
            continue;
        }
        for name in names.iter() {
            if seen.insert(name.as_str()) {
                out.entry(term_slug(name)).or_insert_with(|| name.clone());
            }
        }
    }
    out
}

/// A page's companies, canonicalised through the registry, front matter order first.
pub(super) fn page_companies(input: &super::RenderInput<'_>, p: &Page) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut slugs: Vec<String> = Vec::new();
    let listed = p.meta.companies.iter().flatten().filter(|n| !n.trim().is_empty()).map(|n| {
        let name = input.capex.canonical_company(n);
        (name.to_string(), term_slug(name))
    });
    // A commitment carries its company's slug.
    let committed = input.capex.for_page(p).iter().map(|c| (c.company.clone(), c.company_slug.clone()));
    for (name, slug) in listed.chain(committed) {
        if !slugs.contains(&slug) {
            slugs.push(slug);
            names.push(name);
        }
    }
    names
}

impl<'a> Model<'a> {
    fn company_url(&self, lang: &str, slug: &str) -> Option<String> {
        self.company_pages
            .contains_key(slug)
            .then(|| self.cfg().url(&self.lang_path(lang, &format!("companies/{slug}/"))))
    }

    fn briefing_link(&self, lang: &str, rel: &str) -> Option<BriefingLink> {
        let members = self.groups.get(rel)?;
        let i = members
            .iter()
            .copied()
            .find(|&i| self.page(i).lang == lang)
            .or_else(|| members.iter().copied().find(|&i| !self.page(i).is_translation()))?;
        let p = self.page(i);
        Some(BriefingLink {
            title: p.title.clone(),
            url: self.cfg().url(&p.lang_path(self.cfg().default_lang())),
        })
    }

    fn capex_view(
        &self,
        lang: &str,
        rows: &[&Commitment],
        kind: TableKind,
        caption: String,
        id: &str,
    ) -> CapexView {
        self.with_view_input(lang, |input| table::view(rows, kind, caption, id, input))
    }

    /// Calls `f` with what a view in `lang` needs: strings, rates and this site's links.
    fn with_view_input<R>(&self, lang: &str, f: impl FnOnce(&ViewInput<'_>) -> R) -> R {
        let company_url = |slug: &str| self.company_url(lang, slug);
        let briefing = |rel: &str| self.briefing_link(lang, rel);
        f(&ViewInput {
            lang,
            strings: self.input.strings,
            fx: &self.input.capex.fx,
            links: Links { company_url: &company_url, briefing: &briefing },
            preview: self.input.preview,
        })
    }

    fn trans(&self, lang: &str, key: &str) -> String {
        self.input.strings.get(lang, key).unwrap_or(key).to_string()
    }

    /// `page.capex`: the briefing's commitments in its language.
    pub(super) fn page_capex(&self, i: usize) -> CapexView {
        let p = self.page(i);
        let rows: Vec<&Commitment> = self.input.capex.for_page(p).iter().collect();
        if rows.is_empty() {
            return CapexView::default();
        }
        let caption = self.trans(&p.lang, "capex_caption_page");
        let mut view = self.capex_view(&p.lang, &rows, TableKind::Page, caption, "capex-chart");
        view.in_body = self.input.capex.shortcodes.contains_key(&p.rel);
        view
    }

    /// Page `i`'s rendered body `html`, with its shortcodes filled in.
    pub(super) fn body_html<'h>(&self, i: usize, html: &'h str) -> Cow<'h, str> {
        let p = self.page(i);
        let Some(prepared) = self.input.capex.shortcodes.get(&p.rel) else { return Cow::Borrowed(html) };
        let all = self.input.capex.for_page(p);
        let mut out = html.to_string();
        crate::capex::shortcode::substitute(&mut out, prepared, |u, n| {
            let rows: Vec<&Commitment> = all
                .iter()
                .filter(|c| u.companies.as_ref().is_none_or(|names| names.contains(&c.company)))
                .collect();
            let caption = self.trans(&p.lang, "capex_caption_page");
            let view =
                self.capex_view(&p.lang, &rows, TableKind::Page, caption, &format!("capex-chart-{}", n + 1));
            match u.kind {
                ShortcodeKind::Table => view.table,
                ShortcodeKind::Chart => view.chart,
            }
        });
        Cow::Owned(out)
    }

    /// `/compare/` in `lang`.
    pub(super) fn compare_job(&self, lang: &str, jobs: &mut Vec<Job<'_>>) {
        let path = file_for(&self.lang_path(lang, "compare/"));
        let current = self.input.capex.current;
        let prekey = match self.reused_job(&path, |keys| keys.compare(lang, current)) {
            Ok(job) => return jobs.push(job),
            Err(prekey) => prekey,
        };
        let rows = self.input.capex.current_per_company(self.all_histories(), self.ledgers());
        let caption = self.trans(lang, "capex_caption_compare");
        let view = self.with_view_input(lang, |input| {
            let leads: Vec<&Commitment> = rows.iter().map(|(h, l, i)| h[l.entries[*i].lead]).collect();
            let made = rows.iter().map(|(h, l, i)| table::entry_row(h, l, *i, input)).collect();
            table::view_of_rows(&leads, made, TableKind::Compare, caption, "compare-chart", input)
        });
        let links = self.language_links("compare/");
        let mut ctx = self.base_context(lang, links.clone(), links);
        self.insert_nav(&mut ctx, lang, "compare/", true);
        ctx.insert("compare", &view);
        ctx.insert_value("years_chart", Value::safe_string(&self.years_chart(lang, false)));
        ctx.insert("downloads", &(!rows.is_empty()).then(|| self.downloads("compare/", true)));
        jobs.push(Job {
            path,
            template: "compare.html".into(),
            context: ctx,
            source: "the compare page".into(),
            prekey,
            reused: None,
            made: None,
            make_context: None,
        });
    }

    /// `data/ledger.json`: every company's ledger as data (see `capex::ledger_data`),
    /// companies by name; none when no company has a commitment. A preview takes the last
    /// build's while the figure histories (their commitments and briefing links) are the same.
    pub(super) fn ledger_data_job(&self, jobs: &mut Vec<Job<'_>>) {
        let current = self.input.capex.current;
        let prekey = match self.reused_job(LEDGER_DATA, |keys| keys.compare("data:ledger", current)) {
            Ok(job) => return jobs.push(job),
            Err(prekey) => prekey,
        };
        let lang = self.cfg().default_lang();
        let histories = self.all_histories();
        let ledgers = self.ledgers();
        if ledgers.is_empty() {
            return;
        }
        let mut slugs: Vec<&&str> = ledgers.keys().collect();
        let name = |slug: &str| histories.get(slug).and_then(|h| h.first()).map(|c| c.company.as_str());
        slugs.sort_by_key(|slug| (name(slug), **slug));
        let companies = slugs
            .into_iter()
            .filter_map(|slug| Some((histories.get(*slug)?.as_slice(), ledgers.get(*slug)?)));
        let data = self
            .with_view_input(lang, |input| crate::capex::ledger_data::data(companies, current, &input.links));
        let Ok(mut text) = serde_json::to_string(&data) else { return };
        text.push('\n');
        jobs.push(Job {
            path: LEDGER_DATA.to_string(),
            template: String::new(),
            context: tera::Context::new(),
            source: "the ledger data".into(),
            prekey,
            reused: None,
            made: Some(Arc::new(text.into_bytes())),
            make_context: None,
        });
    }

    /// `company` on a company's first listing page: its figure history as a template value
    /// (none without commitments). A preview rebuild takes each row whose key is unchanged
    /// from the last time an edit made the table again, and keeps this table's rows.
    pub(super) fn company_value(&self, lang: &str, slug: &str, name: &str) -> Value {
        let Some((previous, keys)) = &self.reuse else {
            return Value::from_serializable(&self.company_view(lang, slug, name));
        };
        // Only the tables of companies an edit touched are made again (see `history_of`).
        let history = keys.company_history(self, lang, slug);
        if history.is_empty() {
            return Value::from_serializable(&None::<CapexView>);
        }
        self.with_view_input(lang, |input| self.history_value(input, slug, name, &history, previous))
    }

    /// [`Model::company_value`] of a preview rebuild.
    fn history_value(
        &self,
        input: &ViewInput<'_>,
        slug: &str,
        name: &str,
        history: &[(&Commitment, u128)],
        previous: &RenderCache,
    ) -> Value {
        let lang = input.lang;
        let id = (lang.to_string(), slug.to_string());
        let known = previous.history_rows.get(&id);
        let commitments: Vec<&Commitment> = history.iter().map(|&(c, _)| c).collect();
        let ledger = self.input.capex.ledger_of(&commitments);
        // A row shows its reports and the figures on either side of its revisions.
        let entry_key = |i: usize| {
            let e = &ledger.entries[i];
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            for &r in &e.reports {
                h.update(&history[r].1.to_le_bytes());
            }
            h.update(&(e.lead as u64).to_le_bytes());
            for other in [e.revises, e.revised_by] {
                let lead = other.map(|j| history[ledger.entries[j].lead].1);
                h.update(&lead.unwrap_or_default().to_le_bytes());
            }
            h.update(&[u8::from(ledger.headline == Some(i))]);
            h.digest128()
        };
        let rows: Vec<(u128, Arc<HistoryRow>)> = (0..ledger.entries.len())
            .map(|i| {
                let key = entry_key(i);
                let row = known.and_then(|k| k.rows.get(&key)).cloned().unwrap_or_else(|| {
                    let row = table::entry_row(&commitments, &ledger, i, input);
                    Arc::new(HistoryRow { value: Value::from_serializable(&row), row })
                });
                (key, row)
            })
            .collect();
        let refs: Vec<&CommitmentRow> = rows.iter().map(|(_, r)| &r.row).collect();
        let caption = self.trans(lang, "capex_caption_history").replace("{name}", name);
        // One commitment per row: each real commitment's lead report.
        let leads: Vec<&Commitment> = ledger.entries.iter().map(|e| commitments[e.lead]).collect();
        // A title edit changes a row's briefing link, not the chart drawn from the figures.
        let chart_key = table::chart_key(&leads, &refs, TableKind::History, "history-chart", lang);
        let chart = known.map(|k| &k.chart).filter(|c| c.key == chart_key).map(|c| c.svg.clone());
        let (notes, table, chart) =
            table::view_parts(&leads, &refs, TableKind::History, &caption, "history-chart", input, chart);
        // The same value serialising the whole view gives: its rows are the rows' values.
        let view = CapexView {
            rows: Vec::new(),
            caption,
            notes,
            table,
            chart: chart.clone(),
            charted: table::charted(&leads),
            in_body: false,
        };
        let mut value = Value::from_serializable(&view);
        if let Some(mut map) = value.as_map().cloned() {
            let row_values: Vec<Value> = rows.iter().map(|(_, r)| r.value.clone()).collect();
            map.insert(tera::value::Key::Str("rows"), Value::from(row_values));
            value = Value::from(map);
        }
        // Kept only for tables an edit made again (a session's first build makes every
        // table, and keeping all their rows would cost more memory than the rest of the cache).
        if !previous.outputs.is_empty() {
            self.history_rows.lock().unwrap_or_else(|e| e.into_inner()).insert(
                id,
                HistoryTable {
                    rows: rows.into_iter().collect(),
                    chart: KeptChart { key: chart_key, svg: chart },
                },
            );
        }
        value
    }

    /// A company's commitment history, for its `companies` term page: one row per real
    /// commitment, oldest first.
    pub(super) fn company_view(&self, lang: &str, slug: &str, name: &str) -> Option<CapexView> {
        let history = self.all_histories().get(slug).map_or(&[][..], Vec::as_slice);
        let ledger = self.ledgers().get(slug)?;
        if ledger.entries.is_empty() {
            return None;
        }
        let caption = self.trans(lang, "capex_caption_history").replace("{name}", name);
        Some(self.with_view_input(lang, |input| {
            let leads: Vec<&Commitment> = ledger.entries.iter().map(|e| history[e.lead]).collect();
            let made =
                (0..ledger.entries.len()).map(|i| table::entry_row(history, ledger, i, input)).collect();
            table::view_of_rows(&leads, made, TableKind::History, caption, "history-chart", input)
        }))
    }

    /// Whether the company (by slug) has a commitment on the site.
    pub(super) fn has_history(&self, slug: &str) -> bool {
        self.all_histories().get(slug).is_some_and(|h| !h.is_empty())
    }

    /// Every company's commitments by slug across canonical articles, oldest first.
    fn all_histories(&self) -> &HashMap<&'a str, Vec<&'a Commitment>> {
        self.histories.get_or_init(|| self.input.capex.histories())
    }

    /// Every company's ledger by slug; a preview takes the last build's of a company whose
    /// history is the same.
    fn ledgers(&self) -> &HashMap<&'a str, CompanyLedger> {
        self.ledgers.get_or_init(|| {
            let histories = self.all_histories();
            let current = self.input.capex.current;
            histories
                .par_iter()
                .map(|(slug, h)| {
                    let kept = self.reuse.as_ref().and_then(|(previous, keys)| {
                        let key = keys.ledger(slug, current)?;
                        previous.ledgers.get(*slug).filter(|k| k.key == key).map(|k| k.ledger.clone())
                    });
                    (*slug, kept.unwrap_or_else(|| self.input.capex.ledger_of(h)))
                })
                .collect()
        })
    }

    /// The newest announcement of any commitment: what "current" means for the charts by year.
    fn current_year(&self) -> Option<i32> {
        self.all_histories().values().filter_map(|h| h.last()).map(|c| i32::from(c.announced.year())).max()
    }

    /// Who spends what by calendar year: on `/compare/` (`small: false`, up to seven years)
    /// and the home page (up to five), made once per build.
    fn year_table(&self, small: bool) -> &YearTable {
        self.year_tables[usize::from(small)].get_or_init(|| {
            let histories = self.all_histories();
            // In slug order, so that ties between companies fall the same way every build.
            let mut slugs: Vec<&&str> = histories.keys().collect();
            slugs.sort_unstable();
            let ordered = slugs.into_iter().filter_map(|slug| histories.get(*slug)).map(Vec::as_slice);
            years::by_year(ordered, if small { 5 } else { 7 }, self.current_year())
        })
    }

    /// The chart by year in `lang` (HTML, empty without commitments that have a period).
    pub(super) fn years_chart(&self, lang: &str, small: bool) -> String {
        let id = if small { "years-chart-home" } else { "years-chart" };
        self.with_view_input(lang, |input| table::years_chart(self.year_table(small), id, input))
    }

    /// `figures` on the home page's first page: the companies with the largest current
    /// commitments a year, the chart by year, and the way to `/compare/`.
    pub(super) fn home_figures(&self, lang: &str) -> Value {
        let rows = self.input.capex.current_per_company(self.all_histories(), self.ledgers());
        if rows.is_empty() {
            return Value::none();
        }
        let shown: Vec<CommitmentRow> = self.with_view_input(lang, |input| {
            rows.iter()
                .filter(|(h, l, i)| h[l.entries[*i].lead].usd_per_year().is_some())
                .take(HOME_ROWS)
                .map(|(h, l, i)| table::entry_row(h, l, *i, input))
                .collect()
        });
        let mut m: BTreeMap<&'static str, Value> = BTreeMap::new();
        m.insert("rows", Value::from_serializable(&shown));
        m.insert("caption", Value::from(self.trans(lang, "capex_caption_compare")));
        m.insert("per_year_heading", Value::from(self.trans(lang, "capex_per_year")));
        m.insert("chart", Value::safe_string(&self.years_chart(lang, true)));
        m.insert("compare_url", Value::from(self.cfg().url(&self.lang_path(lang, "compare/"))));
        Value::from(m)
    }

    /// `downloads` of a page whose data files are at `dir` (`compare/`, `companies/<slug>/`):
    /// its CSV and JSON, and with `all` the site-wide files too.
    pub(super) fn downloads(&self, dir: &str, all: bool) -> BTreeMap<&'static str, String> {
        let url = |path: String| self.cfg().url(&path);
        let mut m = BTreeMap::new();
        m.insert("csv", url(format!("{dir}{}", export::FILE_CSV)));
        m.insert("json", url(format!("{dir}{}", export::FILE_JSON)));
        if all {
            m.insert("all_csv", url(format!("{}{}", export::SITE_DIR, export::FILE_CSV)));
            m.insert("all_json", url(format!("{}{}", export::SITE_DIR, export::FILE_JSON)));
        }
        m
    }

    /// `company_facts` of a company's page in `lang`: what the registry knows of it (kind,
    /// country, tickers, fiscal year end, members) and its current commitment. `tickers`
    /// holds the slugs of the ticker pages this language has.
    pub(super) fn company_facts(&self, lang: &str, slug: &str, name: &str, tickers: &HashSet<&str>) -> Value {
        let registry = &self.input.capex.registry;
        let entry = registry.position(name).and_then(|i| Some((i, registry.get(i)?)));
        let mut m: BTreeMap<&'static str, Value> = BTreeMap::new();
        if let Some((i, c)) = entry {
            let kind = registry.kind(i);
            if kind != CompanyKind::Company {
                m.insert("kind", Value::from(self.trans(lang, &format!("kind_{}", kind.as_str()))));
            }
            if let Some(code) = &c.country {
                m.insert("country", Value::from(crate::i18n::country_name(code, lang)));
            }
            let tickers: Vec<BTreeMap<&str, Option<String>>> = c
                .tickers
                .iter()
                .map(|t| {
                    let term = term_slug(t);
                    let url = tickers
                        .contains(term.as_str())
                        .then(|| self.cfg().url(&self.lang_path(lang, &format!("tickers/{term}/"))));
                    BTreeMap::from([("name", Some(t.clone())), ("url", url)])
                })
                .collect();
            m.insert("tickers", Value::from_serializable(&tickers));
            if kind == CompanyKind::Company {
                let fy = match c.fiscal_year_end {
                    Some(month) if month != 12 => crate::i18n::month_name(month, lang).to_string(),
                    _ => self.trans(lang, "fact_fiscal_calendar"),
                };
                let mut fy = fy;
                if let Some(first) = fy.get(..1) {
                    fy = first.to_uppercase() + &fy[1..];
                }
                m.insert("fiscal_year_end", Value::from(fy));
            }
            let members: Vec<BTreeMap<&str, Option<String>>> = registry
                .members(i)
                .iter()
                .filter_map(|&j| registry.get(j))
                .map(|member| {
                    let url = self.company_url(lang, &term_slug(&member.name));
                    BTreeMap::from([("name", Some(member.name.clone())), ("url", url)])
                })
                .collect();
            m.insert("members", Value::from_serializable(&members));
        }
        // The current commitment (the one `/compare/` shows), else the latest.
        let history = self.all_histories().get(slug).map_or(&[][..], Vec::as_slice);
        let current = self.ledgers().get(slug).and_then(|l| {
            let entry = l.headline.or(l.entries.len().checked_sub(1))?;
            history.get(l.entries.get(entry)?.lead)
        });
        if let Some(c) = current {
            let text = self.with_view_input(lang, |input| {
                let row = table::row(c, input);
                match c.usd_per_year() {
                    Some(_) => self
                        .trans(lang, "fact_latest_value")
                        .replace("{amount}", &row.usd_per_year_compact)
                        .replace("{period}", &row.period)
                        .replace("{date}", &row.announced_display),
                    None => self
                        .trans(lang, "fact_latest_total")
                        .replace("{amount}", &row.usd_compact)
                        .replace("{period}", &row.period)
                        .replace("{date}", &row.announced_display),
                }
            });
            let mut latest: BTreeMap<&str, Value> = BTreeMap::new();
            latest.insert("text", Value::from(text));
            latest.insert("briefing", Value::from_serializable(&self.briefing_link(lang, &c.page)));
            m.insert("latest", Value::from(latest));
        }
        if m.is_empty() {
            return Value::none();
        }
        let _ = name;
        Value::from(m)
    }
}

impl Model<'_> {
    /// The data files (`capex::export`): `/compare/`'s rows, each company's history (when it
    /// has a page) and every commitment on the site, each as CSV and JSON. A preview takes
    /// the previous build's files while their figures, briefing links and sources are the same.
    pub(super) fn data_jobs(&self, jobs: &mut Vec<Job<'_>>) {
        let histories = self.all_histories();
        let ledgers = self.ledgers();
        if histories.is_empty() {
            return;
        }
        let current = self.input.capex.current;
        let sources = self.reuse.as_ref().map(|_| self.sources_key());
        let keyed = |key: Option<u128>| key.zip(sources).map(|(k, s)| cache::combine(k, s));
        let compare: Vec<Figures<'_>> = self
            .input
            .capex
            .current_per_company(histories, ledgers)
            .into_iter()
            .map(|(h, l, i)| figures(h, l, i))
            .collect();
        let key = keyed(self.reuse.as_ref().map(|(_, keys)| keys.compare("data:compare", current)));
        self.data_files("compare/", "compare", None, &compare, key, jobs);
        let mut slugs: Vec<&&str> = ledgers.keys().collect();
        slugs.sort_unstable();
        let ledger_rows = |slug: &str| -> Vec<Figures<'_>> {
            match (histories.get(slug), ledgers.get(slug)) {
                (Some(h), Some(l)) => (0..l.entries.len()).map(|i| figures(h, l, i)).collect(),
                _ => Vec::new(),
            }
        };
        if self.cfg().taxonomies.iter().any(|t| t == "companies") {
            for slug in &slugs {
                let Some(name) = self.company_pages.get(**slug) else { continue };
                let key =
                    keyed(self.reuse.as_ref().map(|(_, keys)| keys.company("data", slug, name, current)));
                let rows = ledger_rows(slug);
                self.data_files(&format!("companies/{slug}/"), "company", Some(name), &rows, key, jobs);
            }
        }
        let all: Vec<Figures<'_>> = slugs.iter().flat_map(|slug| ledger_rows(slug)).collect();
        let key = keyed(self.reuse.as_ref().map(|(_, keys)| keys.compare("data:site", current)));
        self.data_files(export::SITE_DIR, "site", None, &all, key, jobs);
    }

    /// The CSV and JSON of `rows` in `dir`, or the previous build's under `key`.
    fn data_files(
        &self,
        dir: &str,
        table: &str,
        company: Option<&str>,
        rows: &[Figures<'_>],
        key: Option<u128>,
        jobs: &mut Vec<Job<'_>>,
    ) {
        let paths = [format!("{dir}{}", export::FILE_CSV), format!("{dir}{}", export::FILE_JSON)];
        let kept: Vec<Option<Arc<Vec<u8>>>> = paths
            .iter()
            .map(|path| {
                self.reuse.as_ref().zip(key).and_then(|((previous, _), key)| previous.made(path, key))
            })
            .collect();
        let made = if kept.iter().all(Option::is_some) {
            None
        } else {
            let records: Vec<export::Record> =
                rows.iter().map(|&(c, standing)| export::record(c, self.briefing_of(c), standing)).collect();
            Some([export::csv(&records), export::json(table, company, &records)])
        };
        for (i, path) in paths.into_iter().enumerate() {
            let (reused, made) = match (&kept[i], &made) {
                (Some(bytes), _) => (Some(bytes.clone()), None),
                (None, Some(made)) => (None, Some(Arc::new(made[i].clone().into_bytes()))),
                (None, None) => continue,
            };
            jobs.push(Job {
                path,
                template: String::new(),
                context: tera::Context::new(),
                source: "the data files".into(),
                prekey: key,
                reused,
                made,
                make_context: None,
            });
        }
    }

    /// What a data file says of the briefing that reported `c`: its title and absolute URL
    /// (the original language's).
    fn briefing_of(&self, c: &Commitment) -> export::Briefing {
        let Some(&i) = self.by_rel.get(c.page.as_str()) else { return export::Briefing::default() };
        let p = self.page(i);
        export::Briefing {
            title: Some(p.title.clone()),
            url: Some(self.cfg().permalink(&p.lang_path(self.cfg().default_lang()))),
        }
    }

    /// Key of every briefing's source (the data files give it), for a preview.
    fn sources_key(&self) -> u128 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for (page, _) in self.input.capex.of_articles() {
            let source = self.by_rel.get(page).and_then(|&i| self.page(i).meta.source.as_ref());
            let _ = std::fmt::Write::write_fmt(&mut HashText(&mut h), format_args!("{page}\0{source:?}\0"));
        }
        h.digest128()
    }
}

/// Writes formatted text into a hash.
struct HashText<'h>(&'h mut xxhash_rust::xxh3::Xxh3);

impl std::fmt::Write for HashText<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

/// How many companies the home page's figures list.
const HOME_ROWS: usize = 5;

/// One row of a data file: the report whose figures a table row shows, and where its
/// commitment stands in the company's ledger.
type Figures<'c> = (&'c Commitment, export::Standing);

/// Entry `i` of a company's ledger (made from `history`) as a data file's row.
fn figures<'c>(history: &[&'c Commitment], ledger: &CompanyLedger, i: usize) -> Figures<'c> {
    let e = &ledger.entries[i];
    let standing = export::Standing { reports: e.reports.len(), superseded: e.revised_by.is_some() };
    (history[e.lead], standing)
}
