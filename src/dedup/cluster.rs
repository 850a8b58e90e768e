//! Clusters of one story: joins confirmed pairs and `duplicate_of` links transitively, checks
//! the links (missing targets, cycles), and picks each cluster's canonical article.

use super::facts::Facts;
use super::{near, related, wire, Cluster, DedupReport, Link, LinkRule, Story};
use crate::content::{Page, PageKind};
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use std::collections::{BTreeMap, BTreeSet};

/// An article taking part in cross-article deduplication, with what the choice needs.
pub(crate) struct Article<'a> {
    pub(crate) page: &'a Page,
    /// Words in that body: "most complete body" compares these.
    pub(crate) words: usize,
    /// What the article says at its top.
    pub(crate) facts: &'a Facts<'a>,
}

/// Union–find over article indices.
pub(crate) struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    pub(crate) fn new(n: usize) -> Self {
        Sets { parent: (0..n).collect() }
    }

    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub(crate) fn union(&mut self, a: usize, b: usize) {
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

/// Everything that joins articles, found by the passes before clustering.
pub(crate) struct Found<'f> {
    /// Copies by shingles.
    pub(crate) pairs: &'f [near::Pair],
    /// Versions of one wire story.
    pub(crate) wire: &'f [wire::WireLink],
    /// The same news in other words.
    pub(crate) related: &'f [related::RelatedLink],
}

/// Joins copies (shingle pairs, wire versions, `duplicate_of` links) into clusters and picks
/// their canonical articles; then joins clusters that report the same news into stories and
/// picks each story's lead, folding the rest into it when `fold_rewrites` says so.
pub(crate) fn resolve(
    articles: &[Article<'_>],
    pages: &[Page],
    found: &Found<'_>,
    fold_rewrites: bool,
    diags: &mut Diagnostics,
) -> DedupReport {
    let named = links(articles, pages, diags);
    let in_cycle = cycles(articles, &named, diags);
    let mut sets = Sets::new(articles.len());
    let mut edges: Vec<Edge> = found
        .pairs
        .iter()
        .map(|p| Edge {
            a: p.a,
            b: p.b,
            scores: Some(p.scores),
            rule: match p.rule {
                near::Rule::Resemblance => LinkRule::Resemblance,
                near::Rule::Containment => LinkRule::Containment,
            },
            detail: if p.without_furniture { "furniture left out".to_string() } else { String::new() },
        })
        .collect();
    for w in found.wire {
        let place = articles[w.a].facts.dateline.as_ref().map(|d| d.places.join("/")).unwrap_or_default();
        let agency = articles[w.a].facts.agency.clone().unwrap_or_default();
        edges.push(Edge {
            a: w.a,
            b: w.b,
            scores: None,
            rule: LinkRule::WireVersion,
            detail: format!(
                "same dateline `{place}` and agency `{agency}`, leads {:.2} alike, {} day{} apart",
                w.lead,
                w.days,
                if w.days == 1 { "" } else { "s" }
            ),
        });
    }
    for (&from, &to) in &named {
        edges.push(Edge {
            a: from.min(to),
            b: from.max(to),
            scores: None,
            rule: LinkRule::DuplicateOf,
            detail: format!("`duplicate_of` in {}", articles[from].page.rel),
        });
    }
    // A pair joined by several rules is reported once, by the first rule in this order.
    edges.sort_by_key(|e| (e.a, e.b, e.rule));
    edges.dedup_by(|x, y| (x.a, x.b) == (y.a, y.b));
    for e in &edges {
        sets.union(e.a, e.b);
    }
    // Clusters of two or more; most articles are alone in theirs.
    let roots: Vec<usize> = (0..articles.len()).map(|i| sets.find(i)).collect();
    let mut sizes = vec![0u32; articles.len()];
    roots.iter().for_each(|&r| sizes[r] += 1);
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &root) in roots.iter().enumerate().filter(|&(_, &r)| sizes[r] > 1) {
        members.entry(root).or_default().push(i);
    }
    let mut edges_of: BTreeMap<usize, Vec<&Edge>> = BTreeMap::new();
    for e in &edges {
        edges_of.entry(roots[e.a]).or_default().push(e);
    }
    let mut scorer = Scorer::new(articles);

    let mut report = DedupReport::default();
    // Each article → the article shown for it (itself, unless folded as a copy).
    let mut shown_as: Vec<usize> = (0..articles.len()).collect();
    for (root, mut group) in members {
        let wire = edges_of.get(&root).is_some_and(|e| e.iter().any(|e| e.rule == LinkRule::WireVersion));
        let (canonical, reason, keep_apart) = choose(articles, &group, &named, &in_cycle, wire);
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
                shown_as[m] = canonical;
            }
        }
        let mut rels: Vec<String> = group.iter().map(|&m| articles[m].page.rel.clone()).collect();
        rels.sort();
        let links: Vec<Link> = edges_of
            .get(&root)
            .into_iter()
            .flatten()
            .filter(|e| group.contains(&e.a) && group.contains(&e.b))
            .map(|e| scorer.link(e))
            .collect();
        let lowest = links.iter().filter_map(|l| l.jaccard).fold(1.0, f64::min);
        report.clusters.push(Cluster {
            canonical: canonical_rel,
            members: rels,
            similarity: (lowest * 1000.0).round() / 1000.0,
            reason,
            links,
        });
    }
    report.clusters.sort_by(|a, b| a.canonical.cmp(&b.canonical));
    stories(articles, found.related, &shown_as, fold_rewrites, &mut scorer, &mut report);
    report
}

/// A join between two articles before it is reported.
struct Edge {
    a: usize,
    b: usize,
    /// Shingle scores, when the pass that found the pair computed them.
    scores: Option<near::Scores>,
    rule: LinkRule,
    detail: String,
}

/// Reports edges as links, with the shingle scores the pass that found them computed (the
/// others are filled in by `capbrief dedup`, which reports them; a build has no use for them).
struct Scorer<'a, 'p> {
    articles: &'a [Article<'p>],
}

impl<'a, 'p> Scorer<'a, 'p> {
    fn new(articles: &'a [Article<'p>]) -> Self {
        Scorer { articles }
    }

    fn link(&mut self, e: &Edge) -> Link {
        let round = |x: f64| (x * 1000.0).round() / 1000.0;
        Link {
            a: self.articles[e.a].page.rel.clone(),
            b: self.articles[e.b].page.rel.clone(),
            jaccard: e.scores.map(|s| round(s.jaccard)),
            containment: e.scores.map(|s| round(s.containment)),
            rule: e.rule,
            detail: e.detail.clone(),
        }
    }
}

/// Joins the articles shown (canonical pages and articles alone) that report the same news
/// into stories, never putting two articles in one story whose main figures disagree (a
/// report that names two commitments cannot join them into one story); picks each story's
/// lead and, with `fold_rewrites`, folds the others and their copies into it.
fn stories(
    articles: &[Article<'_>],
    related: &[related::RelatedLink],
    shown_as: &[usize],
    fold_rewrites: bool,
    scorer: &mut Scorer<'_, '_>,
    report: &mut DedupReport,
) {
    // Between articles shown, strongest first, so a weak link cannot block a strong one.
    let mut edges: Vec<(usize, usize, &related::RelatedLink)> = related
        .iter()
        .map(|l| (shown_as[l.a], shown_as[l.b], l))
        .filter(|(a, b, _)| a != b)
        .map(|(a, b, l)| (a.min(b), a.max(b), l))
        .collect();
    let strength = |l: &related::RelatedLink| l.title;
    // Copies of two articles meet several times: each pair once, by its strongest link.
    edges.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(strength(y.2).total_cmp(&strength(x.2))));
    edges.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    edges.sort_by(|x, y| strength(y.2).total_cmp(&strength(x.2)).then((x.0, x.1).cmp(&(y.0, y.1))));
    let mut sets = Sets::new(articles.len());
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut accepted = Vec::new();
    for (a, b, l) in edges {
        let (ra, rb) = (sets.find(a), sets.find(b));
        if ra == rb {
            accepted.push((a, b, l));
            continue;
        }
        let ga = groups.get(&ra).cloned().unwrap_or_else(|| vec![a]);
        let gb = groups.get(&rb).cloned().unwrap_or_else(|| vec![b]);
        let agree =
            ga.iter().all(|&x| gb.iter().all(|&y| related::compatible(articles[x].facts, articles[y].facts)));
        if !agree {
            continue;
        }
        sets.union(a, b);
        let root = sets.find(a);
        groups.remove(&ra);
        groups.remove(&rb);
        let mut all = ga;
        all.extend(gb);
        all.sort_unstable();
        groups.insert(root, all);
        accepted.push((a, b, l));
    }
    let mut accepted_of: BTreeMap<usize, Vec<(usize, usize, &related::RelatedLink)>> = BTreeMap::new();
    for e in accepted {
        accepted_of.entry(sets.find(e.0)).or_default().push(e);
    }
    // Each copy by the article shown for it, for folding.
    let mut copies_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &shown) in shown_as.iter().enumerate() {
        if shown != i {
            copies_of.entry(shown).or_default().push(i);
        }
    }
    for (root, group) in groups {
        let (lead, reason) = by_rule(articles, &group, false);
        let lead_rel = articles[lead].page.rel.clone();
        let mut rels: Vec<String> = group.iter().map(|&m| articles[m].page.rel.clone()).collect();
        rels.sort();
        let mut links: Vec<Link> = accepted_of
            .get(&root)
            .into_iter()
            .flatten()
            .map(|&(a, b, l)| {
                scorer.link(&Edge {
                    a,
                    b,
                    scores: None,
                    rule: LinkRule::SameNews,
                    detail: format!(
                        "{}, same subject, headlines {:.2} close, {} day{} apart",
                        if l.same_commitment { "same commitment" } else { "main figures in both" },
                        l.title,
                        l.days,
                        if l.days == 1 { "" } else { "s" }
                    ),
                })
            })
            .collect();
        links.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
        if fold_rewrites {
            // The other articles and every copy folded into them go to the lead.
            for &m in group.iter().filter(|&&m| m != lead) {
                for i in std::iter::once(m).chain(copies_of.get(&m).into_iter().flatten().copied()) {
                    report.duplicate_of.insert(articles[i].page.rel.clone(), lead_rel.clone());
                }
            }
        } else {
            for &m in &group {
                let mut others: Vec<String> = group
                    .iter()
                    .filter(|&&o| o != m && o != lead)
                    .map(|&o| articles[o].page.rel.clone())
                    .collect();
                others.sort();
                if m != lead {
                    others.insert(0, lead_rel.clone());
                }
                report.related.insert(articles[m].page.rel.clone(), others);
            }
        }
        report.stories.push(Story { lead: lead_rel, articles: rels, reason, folded: fold_rewrites, links });
    }
    report.stories.sort_by(|a, b| a.lead.cmp(&b.lead));
}

/// The canonical member of a cluster, why, and explicit canonicals that must stay apart.
fn choose(
    articles: &[Article<'_>],
    group: &[usize],
    links: &BTreeMap<usize, usize>,
    in_cycle: &BTreeSet<usize>,
    wire: bool,
) -> (usize, String, Vec<usize>) {
    let explicit: Vec<usize> = group.iter().copied().filter(|&m| articles[m].page.meta.canonical).collect();
    if !explicit.is_empty() {
        let (best, _) = by_rule(articles, &explicit, wire);
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
        let (best, _) = by_rule(articles, &targets, wire);
        let by = named.get(&best).map_or(String::new(), |&n| articles[n].page.rel.clone());
        return (best, format!("named by `duplicate_of` in {by}"), Vec::new());
    }
    let (best, reason) = by_rule(articles, group, wire);
    (best, reason, Vec::new())
}

/// Bodies within this share of the longest count as equally complete.
const COMPLETE: f64 = 0.9;

/// The page a reader would pick, each step narrowing the members to those that do best:
/// a real headline, then a date, then a source; the most complete body (furniture left out;
/// within [`COMPLETE`] of the longest counts as complete); the original agency over a
/// republisher when the text names its agency; then the earliest date (the original of a
/// copy), or for versions of a wire story the latest (the update); then path order.
fn by_rule(articles: &[Article<'_>], group: &[usize], wire: bool) -> (usize, String) {
    let mut left: Vec<usize> = group.to_vec();
    left.sort_by(|&x, &y| articles[x].page.rel.cmp(&articles[y].page.rel));
    if left.len() < 2 {
        return (left.first().copied().unwrap_or(0), "only member".to_string());
    }
    let mut reasons: Vec<String> = Vec::new();
    let mut narrow = |left: &mut Vec<usize>, keep: &dyn Fn(usize) -> bool, why: &str| {
        if left.iter().any(|&m| keep(m)) && !left.iter().all(|&m| keep(m)) {
            left.retain(|&m| keep(m));
            reasons.push(why.to_string());
        }
    };
    let f = |m: usize| articles[m].facts;
    narrow(&mut left, &|m| f(m).real_headline(), "real headline");
    narrow(&mut left, &|m| articles[m].page.date.is_some(), "dated");
    narrow(&mut left, &|m| f(m).has_source, "source named");
    let longest = left.iter().map(|&m| articles[m].words).max().unwrap_or(0);
    let runner_up =
        left.iter().map(|&m| articles[m].words).filter(|&w| (w as f64) < COMPLETE * longest as f64).max();
    if let Some(shorter) = runner_up {
        narrow(
            &mut left,
            &|m| articles[m].words as f64 >= COMPLETE * longest as f64,
            &format!("most complete body ({longest} words against {shorter})"),
        );
    }
    let original = |m: usize| -> Option<bool> {
        let (agency, outlet) = (f(m).agency.as_deref()?, f(m).outlet.as_deref()?);
        Some(outlet.contains(agency) || agency.contains(outlet))
    };
    if let Some(&agency_member) = left.iter().find(|&&m| original(m) == Some(true)) {
        let agency = f(agency_member).agency.clone().unwrap_or_default();
        narrow(&mut left, &|m| original(m) == Some(true), &format!("the agency's own copy ({agency})"));
    }
    let timestamp = |m: usize| articles[m].page.date.as_ref().map(|d| d.timestamp);
    let date_text =
        |m: usize| articles[m].page.date.as_ref().map_or("no date".to_string(), |d| d.text.clone());
    let pick = if wire {
        left.iter().copied().max_by(|&x, &y| {
            timestamp(x).cmp(&timestamp(y)).then(articles[y].page.rel.cmp(&articles[x].page.rel))
        })
    } else {
        left.iter().copied().min_by(|&x, &y| {
            (timestamp(x).is_none(), timestamp(x), &articles[x].page.rel).cmp(&(
                timestamp(y).is_none(),
                timestamp(y),
                &articles[y].page.rel,
            ))
        })
    };
    let best = pick.unwrap_or(left[0]);
    if left.len() > 1 {
        if left.iter().any(|&m| timestamp(m) != timestamp(best)) {
            reasons.push(if wire {
                format!("latest version ({})", date_text(best))
            } else {
                format!("earliest date ({})", date_text(best))
            });
        } else {
            reasons.push("first in path order".to_string());
        }
    }
    (best, reasons.join("; "))
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
