//! The preview's reuse of the capex stage: each page's normalised commitments, kept while the
//! page's text is the very text they were made from.

use crate::capex::{self, CapexData, PageCapex};
use crate::config::Config;
use crate::content::{ByText, Page};
use crate::dedup::DedupReport;
use crate::diag::Diagnostics;
use rayon::prelude::*;

/// What normalising each page's commitments gave last time. A page's commitments and
/// findings are made from its file text (and the config: the session clears every cache
/// when that changes), so a page whose text is the very same allocation as last time is not
/// normalised again.
#[derive(Debug, Default)]
pub struct CapexCache {
    pages: ByText<PageCapex>,
}

impl CapexCache {
    /// Like [`capex::collect`], but takes each page's commitments from the cache when its
    /// text is the one they were made from, and keeps this build's. The result is the same.
    pub fn collect(
        &mut self,
        pages: &[Page],
        config: &Config,
        dedup: &DedupReport,
        diags: &mut Diagnostics,
    ) -> CapexData {
        let (registry, fx) = capex::tables(config, diags);
        // With whether each was made now.
        let per_page: Vec<(PageCapex, bool)> = pages
            .par_iter()
            .map(|page| match self.pages.get(&page.text) {
                Some(hit) => (hit.clone(), false),
                None => (capex::page_capex(page, &registry, &fx), true),
            })
            .collect();
        let (per_page, made): (Vec<PageCapex>, Vec<bool>) = per_page.into_iter().unzip();
        let data = capex::assemble(pages, &per_page, registry, fx, dedup, diags);
        let made = pages.iter().zip(per_page).zip(made).filter(|(_, made)| *made);
        let made = made.map(|((page, entry), _)| (page.text.clone(), entry));
        self.pages.insert_all(made, pages.iter().map(|p| &p.text), pages.len());
        data
    }
}
