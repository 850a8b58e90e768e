//! Which articles each listing of one language shows: the home page, every section and
//! every taxonomy term. A plan is worked out from where each page is, its language, date,
//! terms and whether it is folded as a duplicate; a preview rebuild takes the previous
//! build's plan while none of those changed for any page (`prekey::Prekeys::shape`).

use super::Model;
use crate::content::PageKind;
use crate::paths::term_slug;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

/// An article in a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ListedPage {
    /// Its page index.
    pub(super) index: usize,
    /// Whether it stands in for a missing translation (the original, listed in another
    /// language's edition).
    pub(super) fallback: bool,
}

/// The listings of one language.
#[derive(Debug, Default)]
pub(super) struct ListingPlan {
    /// Every listed article: its version in the language, else its original marked as a
    /// fallback; newest first.
    pub(super) articles: Vec<ListedPage>,
    /// Each folder that holds articles (sorted by path) with every article below it.
    pub(super) sections: Vec<SectionListing>,
    /// By configured taxonomy: its terms, sorted by slug.
    pub(super) taxonomies: Vec<Vec<Term>>,
}

/// A folder that holds articles, and every article below it.
#[derive(Debug)]
pub(super) struct SectionListing {
    /// The folder's path in `content/`, without slashes at either end.
    pub(super) path: String,
    pub(super) items: Vec<ListedPage>,
}

/// One term of a taxonomy and the articles that carry it.
#[derive(Debug)]
pub(super) struct Term {
    pub(super) slug: String,
    /// As the first listed article writes it.
    pub(super) name: String,
    pub(super) items: Vec<ListedPage>,
}

impl Model<'_> {
    /// Works out the listings of `lang` from the pages.
    fn make_plan(&self, lang: &str) -> ListingPlan {
        let articles = self.make_listing(lang);
        let sections = self.sections(&articles);
        let taxonomies = self.cfg().taxonomies.iter().map(|t| self.terms(t, &articles)).collect();
        ListingPlan { articles, sections, taxonomies }
    }

    fn make_listing(&self, lang: &str) -> Vec<ListedPage> {
        let mut out: Vec<ListedPage> = Vec::new();
        for members in self.groups.values() {
            let original = members.iter().copied().find(|&i| !self.page(i).is_translation());
            let Some(orig) = original else { continue };
            let op = self.page(orig);
            if op.kind != PageKind::Article || self.is_hidden(orig) {
                continue;
            }
            match members.iter().copied().find(|&i| self.page(i).lang == lang) {
                Some(index) => out.push(ListedPage { index, fallback: false }),
                None => out.push(ListedPage { index: orig, fallback: true }),
            }
        }
        // Paths are unique, so the order is total whatever order the groups come in.
        out.sort_by(|a, b| {
            let (pa, pb) = (self.page(a.index), self.page(b.index));
            pb.date.cmp(&pa.date).then_with(|| pa.rel.cmp(&pb.rel))
        });
        out
    }

    /// Every folder that holds articles, listing everything below it.
    fn sections(&self, articles: &[ListedPage]) -> Vec<SectionListing> {
        // Thousands of articles share a few folders: each distinct one is split once.
        let folders: HashSet<&str, Xxh3DefaultBuilder> =
            articles.iter().map(|a| self.page(a.index).section.as_str()).collect();
        let mut sections: BTreeSet<&str> = BTreeSet::new();
        for mut s in folders {
            loop {
                sections.insert(s);
                match s.rsplit_once('/') {
                    Some((parent, _)) => s = parent,
                    None => break,
                }
            }
        }
        sections
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(|s| {
                let below = |a: &&ListedPage| {
                    let ps = &self.page(a.index).section;
                    ps.strip_prefix(s).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                };
                SectionListing {
                    path: s.to_string(),
                    items: articles.iter().filter(below).copied().collect(),
                }
            })
            .collect()
    }

    /// The terms of `taxonomy` by slug, each named as the first listed article writes it.
    fn terms(&self, taxonomy: &str, articles: &[ListedPage]) -> Vec<Term> {
        // The same few values recur on thousands of pages: each is slugified once.
        // (`None`: a blank value, which names no term.)
        let mut term_of_value: HashMap<&str, Option<usize>, Xxh3DefaultBuilder> = HashMap::default();
        let mut term_of_slug: HashMap<String, usize> = HashMap::new();
        let mut found: Vec<Term> = Vec::new();
        for &listed in articles {
            let i = listed.index;
            let m = &self.page(i).meta;
            let values = match taxonomy {
                "tags" => m.tags.as_deref(),
                "companies" => Some(&self.companies[i][..]),
                _ => m.tickers.as_deref(),
            };
            let mut seen: Vec<usize> = Vec::new();
            for v in values.into_iter().flatten() {
                let term = *term_of_value.entry(v.as_str()).or_insert_with(|| {
                    if v.trim().is_empty() {
                        return None;
                    }
                    let slug = term_slug(v);
                    Some(*term_of_slug.entry(slug.clone()).or_insert_with(|| {
                        found.push(Term { slug, name: v.trim().to_string(), items: Vec::new() });
                        found.len() - 1
                    }))
                });
                let Some(term) = term else { continue };
                if !seen.contains(&term) {
                    seen.push(term);
                    found[term].items.push(listed);
                }
            }
        }
        let by_slug: BTreeMap<String, Term> = found.into_iter().map(|t| (t.slug.clone(), t)).collect();
        by_slug.into_values().collect()
    }

    /// Articles listed in `lang`: its own versions, else the original marked as a fallback,
    /// newest first.
    pub(super) fn listing(&self, lang: &str) -> std::borrow::Cow<'_, [ListedPage]> {
        match self.plans.get(lang) {
            Some(cell) => {
                std::borrow::Cow::Borrowed(&cell.get_or_init(|| self.kept_or_new_plan(lang)).articles)
            }
            None => std::borrow::Cow::Owned(self.make_plan(lang).articles),
        }
    }

    /// The listings of `lang`: the previous build's when no page's place, date, terms or
    /// duplicate flag changed since, else worked out now.
    pub(super) fn plan(&self, lang: &str) -> Arc<ListingPlan> {
        match self.plans.get(lang) {
            Some(cell) => cell.get_or_init(|| self.kept_or_new_plan(lang)).clone(),
            None => self.kept_or_new_plan(lang),
        }
    }

    fn kept_or_new_plan(&self, lang: &str) -> Arc<ListingPlan> {
        let kept = self.reuse.as_ref().and_then(|(previous, keys)| previous.plan(lang, keys.shape()));
        kept.unwrap_or_else(|| Arc::new(self.make_plan(lang)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_site::{model, TestSite};
    use super::*;

    /// Four articles in two folders (one nested), one with a Spanish version, two on the
    /// same day; tags written in different cases.
    fn site() -> TestSite {
        TestSite::new()
            .page(
                "briefings/alpha.md",
                "title: Alpha\ndate: 2025-01-10\ntags: [Capex, Power]",
                "Alpha Cloud plans new halls in Ohio and a substation beside them.",
            )
            .page(
                "briefings/alpha.es.md",
                "title: Alfa",
                "Alpha Cloud planea nuevas naves en Ohio y una subestación junto a ellas.",
            )
            .page(
                "briefings/beta.md",
                "title: Beta\ndate: 2025-03-01\ntags: [capex]",
                "Beta Systems raised its spending outlook for servers this quarter.",
            )
            .page(
                "markets/asia/gamma.md",
                "title: Gamma\ndate: 2025-03-01\ntags: [Power, power]",
                "Gamma Telecom signed a supply deal for cooling equipment in Osaka.",
            )
            .page(
                "markets/delta.md",
                "title: Delta\ndate: 2024-12-01",
                "Delta Energy will connect a gas plant to a campus in Texas next year.",
            )
    }

    fn shown(model: &Model<'_>, listed: &[ListedPage]) -> Shown {
        listed.iter().map(|l| (model.page(l.index).rel.clone(), l.fallback)).collect()
    }

    /// Each listed article's path, and whether it stands in for a missing translation.
    type Shown = Vec<(String, bool)>;

    fn rels(list: &[(&str, bool)]) -> Shown {
        list.iter().map(|&(rel, fallback)| (rel.to_string(), fallback)).collect()
    }

    #[test]
    fn home_lists_newest_first_and_breaks_ties_by_path() {
        let built = site().build();
        let input = built.input();
        let model = model(&input);
        let plan = model.plan("en");
        let expected = [
            ("briefings/beta.md", false),
            ("markets/asia/gamma.md", false),
            ("briefings/alpha.md", false),
            ("markets/delta.md", false),
        ];
        assert_eq!(shown(&model, &plan.articles), rels(&expected));
        assert_eq!(shown(&model, &model.listing("en")), rels(&expected), "listing() is the plan's articles");
    }

    #[test]
    fn another_language_lists_its_versions_and_falls_back_to_originals() {
        let built = site().build();
        let input = built.input();
        let model = model(&input);
        let plan = model.plan("es");
        let expected = [
            ("briefings/beta.md", true),
            ("markets/asia/gamma.md", true),
            ("briefings/alpha.es.md", false),
            ("markets/delta.md", true),
        ];
        assert_eq!(shown(&model, &plan.articles), rels(&expected));
    }

    #[test]
    fn each_folder_lists_every_article_below_it_in_listing_order() {
        let built = site().build();
        let input = built.input();
        let model = model(&input);
        let plan = model.plan("en");
        let sections: Vec<(&str, Shown)> =
            plan.sections.iter().map(|s| (s.path.as_str(), shown(&model, &s.items))).collect();
        assert_eq!(
            sections,
            vec![
                ("briefings", rels(&[("briefings/beta.md", false), ("briefings/alpha.md", false)])),
                ("markets", rels(&[("markets/asia/gamma.md", false), ("markets/delta.md", false)])),
                ("markets/asia", rels(&[("markets/asia/gamma.md", false)])),
            ]
        );
    }

    #[test]
    fn terms_are_sorted_by_slug_named_by_the_first_listed_article_and_list_each_once() {
        let built = site().build();
        let input = built.input();
        let model = model(&input);
        let plan = model.plan("en");
        let tags = &plan.taxonomies[0];
        let terms: Vec<(&str, &str, Shown)> =
            tags.iter().map(|t| (t.slug.as_str(), t.name.as_str(), shown(&model, &t.items))).collect();
        assert_eq!(
            terms,
            vec![
                ("capex", "capex", rels(&[("briefings/beta.md", false), ("briefings/alpha.md", false)])),
                ("power", "Power", rels(&[("markets/asia/gamma.md", false), ("briefings/alpha.md", false)])),
            ]
        );
        // The Spanish edition's terms list the Spanish version where there is one.
        let es = model.plan("es");
        let power = es.taxonomies[0].iter().find(|t| t.slug == "power").expect("a power term");
        assert_eq!(
            shown(&model, &power.items),
            rels(&[("markets/asia/gamma.md", true), ("briefings/alpha.es.md", false)])
        );
    }

    #[test]
    fn drafts_and_folded_duplicates_are_not_listed() {
        let story = "Epsilon Networks will spend twelve billion dollars on three data centre campuses in \
            Virginia, Georgia and Arizona over the next four years, the company said on Tuesday, adding \
            that the first campus would open in the spring and that it had already secured the power \
            contracts, the land and most of the turbines it needs for the first two phases of the work.";
        let built = site()
            .page("briefings/epsilon.md", "title: Epsilon\ndate: 2025-02-01", story)
            .page("wire/epsilon-copy.md", "title: Epsilon (wire)\ndate: 2025-02-02", story)
            .page("briefings/zeta.md", "title: Zeta\ndate: 2025-02-03\ndraft: true", "Not ready yet.")
            .build();
        let input = built.input();
        let model = model(&input);
        let listed: Vec<String> =
            shown(&model, &model.plan("en").articles).into_iter().map(|(r, _)| r).collect();
        assert!(!listed.iter().any(|r| r.contains("zeta")), "a draft is not even loaded: {listed:?}");
        let epsilon: Vec<&String> = listed.iter().filter(|r| r.contains("epsilon")).collect();
        assert_eq!(epsilon.len(), 1, "one of the two copies is folded: {listed:?}");
        let folded = built.input().dedup.duplicate_of.keys().next().cloned().expect("a folded copy");
        assert!(!listed.contains(&folded), "{folded} is folded and not listed: {listed:?}");
    }
}
