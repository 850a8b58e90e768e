//! Clusters of one story: joins confirmed pairs and `duplicate_of` links transitively, checks
//! the links (missing targets, cycles), and picks each cluster's canonical article.

use super::{near, Cluster, DedupReport};
use crate::content::{Page, PageKind};
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use std::collections::{BTreeMap, BTreeSet};

/// An article taking part in cross-article deduplication, with what the choice needs.
pub(crate) struct Article<'a> {
    pub(crate) page: &'a Page,
    /// Words in the (cleaned) body: "most complete body" compares these.
    pub(crate) words: usize,
}

/// Union–find over article indices.
struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn new(n: usize) -> Self {
        Sets { parent: (0..n).collect() }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The lower index becomes the root, so the result does not depend on pair order.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

/// A `duplicate_of` path as users write it: `briefings/x.md`, `/briefings/x.md` or
/// `content/briefings/x.md`.
fn clean_target(raw: &str) -> String {
    let t = raw.trim().trim_start_matches("./").trim_start_matches('/');
    t.strip_prefix("content/").unwrap_or(t).to_string()
}

/// Checks every `duplicate_of`, returning article index → target article index.
fn links(articles: &[Article<'_>], pages: &[Page], diags: &mut Diagnostics) -> BTreeMap<usize, usize> {
    // Most sites write no `duplicate_of`; the path indexes below are made when one does.
    if articles.iter().all(|a| a.page.meta.duplicate_of.is_none()) {
        return BTreeMap::new();
    }
    let index: BTreeMap<&str, usize> =
        articles.iter().enumerate().map(|(i, a)| (a.page.rel.as_str(), i)).collect();
    let all: BTreeMap<&str, &Page> = pages.iter().map(|p| (p.rel.as_str(), p)).collect();
    let mut out = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        let Some(raw) = &a.page.meta.duplicate_of else { continue };
        let loc = Some(a.page.key_location(&["duplicate_of"]));
        let target = clean_target(raw);
        // A translation stands for its original: the story is the same file group.
        let target_key = all.get(target.as_str()).map_or(target.clone(), |p| p.translation_key.clone());
        match index.get(target_key.as_str()) {
            Some(&t) if t == i => diags.push(
                Diagnostic::warning(
                    loc,
                    format!("`duplicate_of` names this article itself (`{raw}`); ignored"),
                )
                .with_help("name the article this one repeats, or remove `duplicate_of`"),
            ),
            Some(&t) => {
                out.insert(i, t);
            }
            None => {
                let (message, help) = match all.get(target.as_str()) {
                    Some(p) if p.kind != PageKind::Article => (
                        format!("`duplicate_of: {raw}` names a page that is not a briefing; the article is published on its own"),
                        "`duplicate_of` must name another article in a section folder".to_string(),
                    ),
                    Some(_) => (
                        format!("`duplicate_of: {raw}` names a draft or an article left out of this build; the article is published on its own"),
                        "build with --drafts, or point `duplicate_of` at a published article".to_string(),
                    ),
                    None => {
                        let guess = did_you_mean(&target, index.keys().copied());
                        (
                            format!("`duplicate_of: {raw}` names no article in content/; the article is published on its own"),
                            match guess {
                                Some(g) => format!("did you mean `{g}`? Paths are relative to content/"),
                                None => "give the path of the canonical article relative to content/, e.g. `briefings/foo.md`".to_string(),
                            },
                        )
                    }
                };
                diags.push(Diagnostic::warning(loc, message).with_help(help));
            }
        }
    }
    out
}

/// Articles whose `duplicate_of` links go round in a circle; each cycle is reported once.
fn cycles(
    articles: &[Article<'_>],
    links: &BTreeMap<usize, usize>,
    diags: &mut Diagnostics,
) -> BTreeSet<usize> {
    let mut in_cycle = BTreeSet::new();
    let mut done = BTreeSet::new();
    for &start in links.keys() {
        let mut path: Vec<usize> = Vec::new();
        let mut at = start;
        loop {
            if done.contains(&at) {
                break;
            }
            if let Some(pos) = path.iter().position(|&p| p == at) {
                let cycle = &path[pos..];
                in_cycle.extend(cycle.iter().copied());
                let names: Vec<String> =
                    cycle.iter().map(|&c| format!("`{}`", articles[c].page.rel)).collect();
                let first = cycle.iter().copied().min_by_key(|&c| &articles[c].page.rel).unwrap_or(at);
                diags.push(
                    Diagnostic::warning(
                        Some(articles[first].page.key_location(&["duplicate_of"])),
                        format!(
                            "`duplicate_of` links form a cycle: {} → `{}`; the canonical article is chosen by date instead",
                            names.join(" → "),
                            articles[cycle[0]].page.rel
                        ),
                    )
                    .with_help("remove `duplicate_of` from the article that should be shown, or mark it `canonical: true`"),
                );
                break;
            }
            path.push(at);
            match links.get(&at) {
                Some(&next) => at = next,
                None => break,
            }
        }
        done.extend(path);
    }
    in_cycle
}

/// Joins confirmed pairs and links into clusters and picks their canonical articles.
pub(crate) fn resolve(
    articles: &[Article<'_>],
    pages: &[Page],
    pairs: &[near::Pair],
    diags: &mut Diagnostics,
) -> DedupReport {
    let links = links(articles, pages, diags);
    let in_cycle = cycles(articles, &links, diags);
    let mut sets = Sets::new(articles.len());
    // Edge similarities, to report each cluster's weakest link.
    let mut edges: Vec<(usize, usize, f64)> = pairs.iter().map(|p| (p.a, p.b, p.similarity)).collect();
    for (&from, &to) in &links {
        let set = |i: usize| articles.get(i).map(|a| near::shingles(&a.page.body)).unwrap_or_default();
        edges.push((from, to, near::jaccard(&set(from), &set(to))));
    }
    for &(a, b, _) in &edges {
        sets.union(a, b);
    }
    // Clusters of two or more; most articles are alone in theirs.
    let roots: Vec<usize> = (0..articles.len()).map(|i| sets.find(i)).collect();
    let mut sizes = vec![0u32; articles.len()];
    roots.iter().for_each(|&r| sizes[r] += 1);
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &root) in roots.iter().enumerate().filter(|&(_, &r)| sizes[r] > 1) {
        members.entry(root).or_default().push(i);
    }
    let mut lowest: BTreeMap<usize, f64> = BTreeMap::new();
    for &(a, _, s) in &edges {
        let root = sets.find(a);
        let e = lowest.entry(root).or_insert(1.0);
        *e = e.min(s);
    }

    let mut report = DedupReport::default();
    for (root, mut group) in members {
        if group.len() < 2 {
            continue;
        }
        let (canonical, reason, keep_apart) = choose(articles, &group, &links, &in_cycle);
        for &k in &keep_apart {
            diags.push(
                Diagnostic::warning(
                    Some(articles[k].page.key_location(&["canonical"])),
                    format!(
                        "`{}` and `{}` are the same story but both say `canonical: true`; both are published",
                        articles[k].page.rel, articles[canonical].page.rel
                    ),
                )
                .with_help("remove `canonical: true` from the one that should redirect to the other"),
            );
        }
        group.retain(|m| !keep_apart.contains(m));
        if group.len() < 2 {
            continue;
        }
        let canonical_rel = articles[canonical].page.rel.clone();
        for &m in &group {
            if m != canonical {
                report.duplicate_of.insert(articles[m].page.rel.clone(), canonical_rel.clone());
            }
        }
        let mut rels: Vec<String> = group.iter().map(|&m| articles[m].page.rel.clone()).collect();
        rels.sort();
        let similarity = (lowest.get(&root).copied().unwrap_or(1.0) * 1000.0).round() / 1000.0;
        report.clusters.push(Cluster { canonical: canonical_rel, members: rels, similarity, reason });
    }
    report.clusters.sort_by(|a, b| a.canonical.cmp(&b.canonical));
    report
}

/// The canonical member of a cluster, why, and explicit canonicals that must stay apart.
fn choose(
    articles: &[Article<'_>],
    group: &[usize],
    links: &BTreeMap<usize, usize>,
    in_cycle: &BTreeSet<usize>,
) -> (usize, String, Vec<usize>) {
    let explicit: Vec<usize> = group.iter().copied().filter(|&m| articles[m].page.meta.canonical).collect();
    if !explicit.is_empty() {
        let (best, _) = by_rule(articles, &explicit);
        let others = explicit.iter().copied().filter(|&m| m != best).collect();
        return (best, "marked `canonical: true`".to_string(), others);
    }
    // Targets named by `duplicate_of`, followed to the end of their chain.
    let mut named: BTreeMap<usize, usize> = BTreeMap::new(); // target → one article naming it
    for &m in group {
        if in_cycle.contains(&m) || !links.contains_key(&m) {
            continue;
        }
        let mut at = m;
        let mut steps = 0;
        while let Some(&next) = links.get(&at) {
            if in_cycle.contains(&next) || steps > group.len() {
                break;
            }
            at = next;
            steps += 1;
        }
        if !links.contains_key(&at) || in_cycle.contains(&at) {
            named.entry(at).or_insert(m);
        }
    }
    if !named.is_empty() {
        let targets: Vec<usize> = named.keys().copied().collect();
        let (best, _) = by_rule(articles, &targets);
        let by = named.get(&best).map_or(String::new(), |&n| articles[n].page.rel.clone());
        return (best, format!("named by `duplicate_of` in {by}"), Vec::new());
    }
    let (best, reason) = by_rule(articles, group);
    (best, reason, Vec::new())
}

/// The documented rule: earliest date, then the most complete body, then path order.
fn by_rule(articles: &[Article<'_>], group: &[usize]) -> (usize, String) {
    let key = |m: usize| {
        let a = &articles[m];
        // Undated articles sort after dated ones.
        (
            a.page.date.as_ref().map(|d| d.timestamp).is_none(),
            a.page.date.as_ref().map(|d| d.timestamp),
            std::cmp::Reverse(a.words),
            a.page.rel.as_str(),
        )
    };
    let mut sorted: Vec<usize> = group.to_vec();
    sorted.sort_by(|&x, &y| key(x).cmp(&key(y)));
    let best = sorted[0];
    let Some(&second) = sorted.get(1) else {
        return (best, "only member".to_string());
    };
    let (b, s) = (&articles[best], &articles[second]);
    let date_text = |a: &Article<'_>| a.page.date.as_ref().map_or("no date".to_string(), |d| d.text.clone());
    let reason = if b.page.date.as_ref().map(|d| d.timestamp) != s.page.date.as_ref().map(|d| d.timestamp) {
        format!("earliest date ({})", date_text(b))
    } else if b.words != s.words {
        format!("same date; most complete body ({} words against {})", b.words, s.words)
    } else {
        "same date and length; first in path order".to_string()
    };
    (best, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_read_as_users_write_them() {
        assert_eq!(clean_target("briefings/a.md"), "briefings/a.md");
        assert_eq!(clean_target(" /briefings/a.md "), "briefings/a.md");
        assert_eq!(clean_target("content/briefings/a.md"), "briefings/a.md");
        assert_eq!(clean_target("./content/briefings/a.md"), "briefings/a.md");
    }

    #[test]
    fn union_find_roots_at_the_lowest_index() {
        let mut s = Sets::new(5);
        s.union(4, 3);
        s.union(3, 1);
        assert_eq!(s.find(4), 1);
        assert_eq!(s.find(0), 0);
    }
}
