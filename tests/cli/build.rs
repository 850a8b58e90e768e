//! `capbrief build`: the pipeline end to end, its error messages, and its output guarantees.

use crate::support::SiteTest;

#[test]
fn minimal_site_builds_every_page_kind() {
    let site = SiteTest::fixture("minimal");
    site.build().ok().stderr_has("Built");
    for f in [
        "index.html",
        "briefings/index.html",
        "briefings/first/index.html",
        "tags/index.html",
        "tags/cloud/index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "style.css",
        "highlight.css",
    ] {
        assert!(site.public().join(f).is_file(), "missing {f}");
    }
    let page = site.output("briefings/first/index.html");
    assert!(page.contains("<h2 id=\"details\">"), "{page}");
    assert!(page.contains("rel=\"noopener\""), "{page}");
    assert!(page.contains("<time datetime=\"2025-02-24\">24 February 2025</time>"), "{page}");
}
