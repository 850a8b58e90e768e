//! Capex in the rendered site: each briefing's table and chart, the shortcodes in its body,
//! the `/compare/` page per language, and the commitment history on company pages.

use super::{Job, Model};
use crate::capex::shortcode::ShortcodeKind;
use crate::capex::table::{self, BriefingLink, CapexView, CommitmentRow, Links, TableKind, ViewInput};
use crate::capex::{company_slug, Commitment};
use crate::content::{Page, PageKind};
use crate::paths::file_for;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tera::Value;

/// One row of a company's figure history and its template value, kept between preview
/// builds under a key of what the row shows (see `prekey::Prekeys::history_row`).
#[derive(Debug)]
pub(super) struct HistoryRow {
    row: CommitmentRow,
    value: Value,
}

/// Each company's history table (by language and company slug) as last made.
pub(super) type HistoryRows = HashMap<(String, String), HistoryTable>;

/// The rows of one company's history table by their keys, and its chart by [`table::chart_key`].
#[derive(Debug)]
pub(super) struct HistoryTable {
    rows: HashMap<u128, Arc<HistoryRow>>,
    chart: (u128, String),
}

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
                out.entry(company_slug(name)).or_insert_with(|| name.clone());
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
        (name.to_string(), company_slug(name))
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

impl Model<'_> {
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
        let prekey = match self.reused_job(&path, |keys| keys.compare(lang)) {
            Ok(job) => return jobs.push(job),
            Err(prekey) => prekey,
        };
        // Every language's compare page shows the same rows.
        let rows = self.latest.get_or_init(|| self.input.capex.latest_per_company());
        let caption = self.trans(lang, "capex_caption_compare");
        let view = self.capex_view(lang, rows, TableKind::Compare, caption, "compare-chart");
        let links = self.language_links("compare/");
        let mut ctx = self.base_context(lang, links.clone(), links);
        ctx.insert("compare", &view);
        jobs.push(Job {
            path,
            template: "compare.html".into(),
            context: ctx,
            source: "the compare page".into(),
            prekey,
            reused: None,
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
        previous: &super::cache::RenderCache,
    ) -> Value {
        let lang = input.lang;
        let id = (lang.to_string(), slug.to_string());
        let known = previous.history_rows.get(&id);
        let rows: Vec<(u128, Arc<HistoryRow>)> = history
            .iter()
            .map(|&(c, key)| {
                let row = known.and_then(|k| k.rows.get(&key)).cloned().unwrap_or_else(|| {
                    let row = table::row(c, input);
                    Arc::new(HistoryRow { value: Value::from_serializable(&row), row })
                });
                (key, row)
            })
            .collect();
        let refs: Vec<&CommitmentRow> = rows.iter().map(|(_, r)| &r.row).collect();
        let caption = self.trans(lang, "capex_caption_history").replace("{name}", name);
        // A title edit changes a row's briefing link, not the chart drawn from the figures.
        let commitments: Vec<&Commitment> = history.iter().map(|&(c, _)| c).collect();
        let chart_key = table::chart_key(&commitments, &refs, TableKind::History, "history-chart", lang);
        let chart =
            known.map(|k| &k.chart).filter(|(key, _)| *key == chart_key).map(|(_, chart)| chart.clone());
        let (notes, table, chart) = table::view_parts(
            &commitments,
            &refs,
            TableKind::History,
            &caption,
            "history-chart",
            input,
            chart,
        );
        // The same value serialising the whole view gives: its rows are the rows' values.
        let view = CapexView {
            rows: Vec::new(),
            caption,
            notes,
            table,
            chart: chart.clone(),
            charted: table::charted(&commitments),
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
            self.history_rows
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(id, HistoryTable { rows: rows.into_iter().collect(), chart: (chart_key, chart) });
        }
        value
    }

    /// A company's commitment history, for its `companies` term page.
    pub(super) fn company_view(&self, lang: &str, slug: &str, name: &str) -> Option<CapexView> {
        let rows = self.history(slug);
        if rows.is_empty() {
            return None;
        }
        let caption = self.trans(lang, "capex_caption_history").replace("{name}", name);
        Some(self.capex_view(lang, rows, TableKind::History, caption, "history-chart"))
    }

    /// Every commitment of a company (by slug) across canonical articles, oldest first.
    fn history(&self, slug: &str) -> &[&Commitment] {
        self.histories.get_or_init(|| self.input.capex.histories()).get(slug).map_or(&[], Vec::as_slice)
    }
}
