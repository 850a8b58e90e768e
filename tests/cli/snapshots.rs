//! Snapshots of what each kind of page shows: the `<main>` of an article, a listing, a tag,
//! a company, `/compare/`, the search page and the 404 page, in both languages of a small
//! fixture, so a change to any of them is seen in review (`tests/cli/snapshots/*.snap`).

use crate::support::SiteTest;

/// The `<main>` element of a page, with the lines between its tags as they are.
fn main_of(html: &str, page: &str) -> String {
    let start = html.find("<main").unwrap_or_else(|| panic!("{page} has no <main>"));
    let end = html[start..].find("</main>").unwrap_or_else(|| panic!("{page}'s <main> is not closed"));
    html[start..start + end + "</main>".len()].to_string()
}

/// Every page kind of the fixture, by the name of its snapshot.
const PAGES: &[(&str, &str)] = &[
    ("en_article", "briefings/meta-2025/index.html"),
    ("en_home", "index.html"),
    ("en_section", "briefings/index.html"),
    ("en_tag", "tags/data-centres/index.html"),
    ("en_company", "companies/meta/index.html"),
    ("en_compare", "compare/index.html"),
    ("en_search", "search/index.html"),
    ("en_404", "404.html"),
    ("es_article", "es/briefings/meta-2025/index.html"),
    ("es_home", "es/index.html"),
    ("es_section", "es/briefings/index.html"),
    ("es_tag", "es/tags/data-centres/index.html"),
    ("es_company", "es/companies/meta/index.html"),
    ("es_compare", "es/compare/index.html"),
    ("es_search", "es/search/index.html"),
];

#[test]
fn main_of_every_page_kind_in_both_languages() {
    let site = SiteTest::fixture("snapshots");
    site.build().ok();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, page) in PAGES {
            let main = main_of(&site.output(page), page);
            insta::assert_snapshot!(*name, main, page);
        }
    });
}
