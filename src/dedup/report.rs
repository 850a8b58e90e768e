//! The output of `capbrief dedup`: clusters as text for people and as JSON for scripts, with
//! paths relative to the site root.

use super::DedupReport;
use serde::Serialize;

/// Where content paths live below the site root.
const CONTENT: &str = "content/";

#[derive(Serialize)]
struct JsonCluster<'a> {
    canonical: String,
    members: Vec<String>,
    similarity: f64,
    reason: &'a str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    clusters: Vec<JsonCluster<'a>>,
}

/// `{"clusters": [{"canonical": PATH, "members": [PATH, ...], "similarity": X, "reason": "..."}]}`.
pub fn to_json(report: &DedupReport) -> String {
    let clusters = report
        .clusters
        .iter()
        .map(|c| JsonCluster {
            canonical: format!("{CONTENT}{}", c.canonical),
            members: c.members.iter().map(|m| format!("{CONTENT}{m}")).collect(),
            similarity: c.similarity,
            reason: &c.reason,
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&JsonReport { clusters }).unwrap_or_default();
    text.push('\n');
    text
}

/// A readable listing: each cluster's canonical article, why, and the folded ones.
pub fn to_text(report: &DedupReport, articles: usize) -> String {
    let mut out = String::new();
    for c in &report.clusters {
        out.push_str(&format!("{CONTENT}{}  (canonical: {})\n", c.canonical, c.reason));
        for m in c.members.iter().filter(|m| **m != c.canonical) {
            out.push_str(&format!("  duplicate: {CONTENT}{m}\n"));
        }
        out.push_str(&format!("  lowest similarity: {:.3}\n", c.similarity));
    }
    let dups = report.duplicate_of.len();
    out.push_str(&format!(
        "{} cluster{}, {dups} duplicate{} among {articles} article{}\n",
        report.clusters.len(),
        if report.clusters.len() == 1 { "" } else { "s" },
        if dups == 1 { "" } else { "s" },
        if articles == 1 { "" } else { "s" },
    ));
    out
}
