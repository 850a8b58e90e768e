//! Taxonomy pages: each taxonomy's index of terms, and each term's listing (a company's term
//! page also carries its facts, downloads and figure table).

use super::context::TermLink;
use super::listing::{FirstPageValue, Listing, ListingFrame};
use super::plan::ListingPlan;
use super::{Job, Model};
use std::collections::BTreeMap;
use tera::{Context, Value};

impl Model<'_> {
    /// The index page of each taxonomy of `lang` as a job, and each of its terms as a listing.
    pub(super) fn taxonomy_listings<'s>(
        &'s self,
        lang: &str,
        plan: &ListingPlan,
        jobs: &mut Vec<Job<'s>>,
        listings: &mut Vec<Listing<'s>>,
    ) {
        for (taxonomy, terms) in self.cfg().taxonomies.iter().zip(&plan.taxonomies) {
            let links: Vec<TermLink> = terms
                .iter()
                .map(|term| TermLink {
                    name: term.name.clone(),
                    slug: term.slug.clone(),
                    url: self.cfg().url(&self.lang_path(lang, &format!("{taxonomy}/{}/", term.slug))),
                    count: term.items.len(),
                })
                .collect();
            let tax_name = self.input.strings.get(lang, taxonomy).unwrap_or(taxonomy).to_string();
            let mut tax = BTreeMap::new();
            tax.insert("name", taxonomy.clone());
            tax.insert("title", tax_name);
            tax.insert("url", self.cfg().url(&self.lang_path(lang, &format!("{taxonomy}/"))));
            let index_path = format!("{taxonomy}/");
            let alt = self.language_links(&index_path);
            let mut ctx = self.base_context(lang, alt.clone(), alt);
            self.insert_nav(&mut ctx, lang, &index_path, true);
            ctx.insert("taxonomy", &tax);
            ctx.insert("terms", &links);
            jobs.push(Job {
                path: crate::paths::file_for(&self.lang_path(lang, &index_path)),
                template: "taxonomy.html".into(),
                context: ctx,
                source: format!("taxonomy `{taxonomy}`"),
                prekey: None,
                reused: None,
                made: None,
                make_context: None,
            });
            let is_companies = taxonomy == "companies";
            let term_path = |link: &TermLink| format!("{taxonomy}/{}/", link.slug);
            // The ticker pages this language has, for the links of company facts.
            let ticker_pages: std::collections::HashSet<&str> = self
                .cfg()
                .taxonomies
                .iter()
                .zip(&plan.taxonomies)
                .filter(|(t, _)| *t == "tickers")
                .flat_map(|(_, terms)| terms.iter().map(|t| t.slug.as_str()))
                .collect();
            for (link, term) in links.iter().zip(terms) {
                let mut shared = Context::new();
                shared.insert("taxonomy", &tax);
                shared.insert("term", link);
                if is_companies {
                    let facts = self.company_facts(lang, &link.slug, &link.name, &ticker_pages);
                    shared.insert_value("company_facts", facts);
                    let has_data = self.has_history(&link.slug);
                    let downloads = has_data.then(|| self.downloads(&term_path(link), true));
                    shared.insert("downloads", &downloads);
                } else {
                    shared.insert_value("company_facts", Value::none());
                    shared.insert_value("downloads", Value::none());
                }
                let first_page = if is_companies {
                    // A company's figure table covers every briefing about it.
                    let (code, slug, name) = (lang.to_string(), link.slug.clone(), link.name.clone());
                    Some(FirstPageValue {
                        name: "company",
                        key: self.reuse.as_ref().map(|(_, keys)| {
                            keys.company(lang, &link.slug, &link.name, self.input.capex.current)
                        }),
                        make: Box::new(move || self.company_value(&code, &slug, &name)),
                    })
                } else {
                    shared.insert_value("company", Value::none());
                    None
                };
                let key = self.extra_key(&shared);
                let frame = ListingFrame { shared, first_page };
                let source = format!("{taxonomy} term `{}`", link.name);
                listings.push(Listing::new(
                    lang,
                    &term_path(link),
                    "term.html",
                    &term.items,
                    frame,
                    key,
                    source,
                ));
            }
        }
    }
}
