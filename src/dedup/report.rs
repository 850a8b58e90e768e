//! The output of `capbrief dedup`: each decision with what made it (both shingle scores, the
//! rule, the furniture left out of the comparison), as text for people and as JSON for
//! scripts, with paths relative to the site root.

use super::{DedupReport, Ignored, Link, LinkRule};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where content paths live below the site root.
const CONTENT: &str = "content/";

fn path(rel: &str) -> String {
    format!("{CONTENT}{rel}")
}

#[derive(Serialize)]
struct JsonLink<'a> {
    a: String,
    b: String,
    jaccard: Option<f64>,
    containment: Option<f64>,
    rule: LinkRule,
    detail: &'a str,
}

impl<'a> JsonLink<'a> {
    fn of(l: &'a Link) -> Self {
        JsonLink {
            a: path(&l.a),
            b: path(&l.b),
            jaccard: l.jaccard,
            containment: l.containment,
            rule: l.rule,
            detail: &l.detail,
        }
    }
}

#[derive(Serialize)]
struct JsonCluster<'a> {
    canonical: String,
    members: Vec<String>,
    similarity: f64,
    reason: &'a str,
    links: Vec<JsonLink<'a>>,
    ignored: BTreeMap<String, &'a [Ignored]>,
}

#[derive(Serialize)]
struct JsonStory<'a> {
    lead: String,
    articles: Vec<String>,
    reason: &'a str,
    folded: bool,
    links: Vec<JsonLink<'a>>,
    ignored: BTreeMap<String, &'a [Ignored]>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    clusters: Vec<JsonCluster<'a>>,
    stories: Vec<JsonStory<'a>>,
}

/// The furniture ignored in each of `members`, for those that had any.
fn ignored<'a>(report: &'a DedupReport, members: &[String]) -> BTreeMap<String, &'a [Ignored]> {
    members
        .iter()
        .filter_map(|m| report.ignored.get(m).filter(|i| !i.is_empty()).map(|i| (path(m), i.as_slice())))
        .collect()
}

/// `{"clusters": [{"canonical", "members", "similarity", "reason", "links", "ignored"}],
/// "stories": [{"lead", "articles", "reason", "folded", "links", "ignored"}]}`.
pub fn to_json(report: &DedupReport) -> String {
    let clusters = report
        .clusters
        .iter()
        .map(|c| JsonCluster {
            canonical: path(&c.canonical),
            members: c.members.iter().map(|m| path(m)).collect(),
            similarity: c.similarity,
            reason: &c.reason,
            links: c.links.iter().map(JsonLink::of).collect(),
            ignored: ignored(report, &c.members),
        })
        .collect();
    let stories = report
        .stories
        .iter()
        .map(|s| JsonStory {
            lead: path(&s.lead),
            articles: s.articles.iter().map(|m| path(m)).collect(),
            reason: &s.reason,
            folded: s.folded,
            links: s.links.iter().map(JsonLink::of).collect(),
            ignored: ignored(report, &s.articles),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&JsonReport { clusters, stories }).unwrap_or_default();
    text.push('\n');
    text
}

/// One link as a line: the pair, the rule and what it saw, and both scores.
fn link_line(l: &Link) -> String {
    let detail = if l.detail.is_empty() { String::new() } else { format!(": {}", l.detail) };
    let score = |x: Option<f64>| x.map_or("-".to_string(), |x| format!("{x:.3}"));
    format!(
        "  {} ~ {}: {}{detail} (jaccard {}, containment {})\n",
        path(&l.a),
        path(&l.b),
        l.rule.describe(),
        score(l.jaccard),
        score(l.containment)
    )
}

fn ignored_lines(report: &DedupReport, members: &[String], out: &mut String) {
    for (m, list) in ignored(report, members) {
        out.push_str(&format!("  furniture ignored in {m}:\n"));
        for i in list {
            out.push_str(&format!("    {}: {}\n", i.kind, i.text));
        }
    }
}

/// A readable listing: each cluster's canonical article and why, the folded ones, each link
/// with its rule and scores, the furniture ignored; then each story and its related coverage.
pub fn to_text(report: &DedupReport, articles: usize) -> String {
    let mut out = String::new();
    for c in &report.clusters {
        out.push_str(&format!("{}  (canonical: {})\n", path(&c.canonical), c.reason));
        for m in c.members.iter().filter(|m| **m != c.canonical) {
            out.push_str(&format!("  duplicate: {}\n", path(m)));
        }
        for l in &c.links {
            out.push_str(&link_line(l));
        }
        ignored_lines(report, &c.members, &mut out);
        out.push_str(&format!("  lowest similarity: {:.3}\n", c.similarity));
    }
    for s in &report.stories {
        let verb = if s.folded { "folded" } else { "related" };
        out.push_str(&format!("story {}  (lead: {})\n", path(&s.lead), s.reason));
        for a in s.articles.iter().filter(|a| **a != s.lead) {
            out.push_str(&format!("  {verb}: {}\n", path(a)));
        }
        for l in &s.links {
            out.push_str(&link_line(l));
        }
        ignored_lines(report, &s.articles, &mut out);
    }
    let dups = report.duplicate_of.len();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    out.push_str(&format!(
        "{} cluster{}, {dups} duplicate{}, {} stor{} with related coverage among {articles} article{}\n",
        report.clusters.len(),
        plural(report.clusters.len()),
        plural(dups),
        report.stories.len(),
        if report.stories.len() == 1 { "y" } else { "ies" },
        plural(articles),
    ));
    out
}
