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

/// A clean build drops each body's HTML once its page is written, except where the body is
/// shown again: the intro of a section or of the home page, and the feed's entries.
#[test]
fn bodies_shown_after_their_page_are_kept() {
    let config = "title: T\nbase_url: https://example.org/\nfeed:\n  limit: 2\n";
    let article = |n: u32| {
        (
            format!("content/briefings/b{n}.md"),
            format!("---\ntitle: Briefing {n}\ndate: 2025-03-{n:02}\n---\nFirst paragraph {n}.\n\nBody text of briefing number {n}.\n"),
        )
    };
    let mut files: Vec<(String, String)> = (1..=4).map(article).collect();
    files
        .push(("content/_index.md".into(), "---\ntitle: Home\n---\nWords of the home page itself.\n".into()));
    files.push((
        "content/briefings/_index.md".into(),
        "---\ntitle: Briefings\n---\nWhat the briefings section is about.\n".into(),
    ));
    let files: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = SiteTest::inline(config, &files);
    site.build().ok();
    assert!(site.output("index.html").contains("Words of the home page itself."));
    assert!(site.output("briefings/index.html").contains("What the briefings section is about."));
    let feed = site.output("atom.xml");
    // The two newest, with their bodies; the older ones are not in the feed.
    for n in [4, 3] {
        assert!(feed.contains(&format!("Body text of briefing number {n}.")), "entry {n}:\n{feed}");
    }
    assert!(!feed.contains("Briefing 2<"), "{feed}");
    for n in 1..=4 {
        let page = site.output(&format!("briefings/b{n}/index.html"));
        assert!(page.contains(&format!("<p>Body text of briefing number {n}.</p>")), "{page}");
    }
}

/// Finding: hidden files under `static/` were dropped silently, `.well-known/security.txt`
/// included, though the publishing guide implied they worked. `.well-known/` is published;
/// any other hidden file is left out with a warning naming it.
#[test]
fn static_well_known_is_published_and_other_hidden_files_are_named() {
    let site = SiteTest::fixture("minimal");
    site.write("static/.well-known/security.txt", "Contact: mailto:security@example.com\n");
    site.write("static/.well-known/nested/.keep", "");
    site.write("static/.htaccess", "Deny from all\n");
    site.write("static/.env", "TOKEN=do-not-publish\n");
    site.write("static/css/.draft.css", "body{}\n");
    let run = site.build().ok();
    assert_eq!(site.output(".well-known/security.txt"), "Contact: mailto:security@example.com\n");
    for gone in [".htaccess", ".env", "css/.draft.css", ".well-known/nested/.keep"] {
        assert!(!site.public().join(gone).exists(), "{gone} was published");
    }
    let err = run.stderr();
    assert!(
        err.contains("static: warning: 4 hidden files or folders of static/ not published (names starting with a dot): static/.env, static/.htaccess, static/.well-known/nested/.keep, static/css/.draft.css"),
        "{err}"
    );
    assert!(err.contains("only static/.well-known/ is published among hidden names"), "{err}");
}
