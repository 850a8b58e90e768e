//! The URL policy through the real binary: refused `source.url` values stop the build at their
//! line, refused Markdown links and images are left out with a warning, and `import
//! --source-url` refuses what the build would.

use crate::scan::scan_site;
use crate::support::{repo_root, SiteTest};

const CONFIG: &str = "title: URLs\nbase_url: https://example.com/\n";

/// Script and data schemes in disguise (the list the unit tests of `src/url_policy.rs` read).
fn disguises() -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join("tests/fixtures/urls/disguises.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_disguised_source_url_is_an_error_at_its_line() {
    let disguises = disguises();
    assert!(disguises.len() >= 30, "{} disguises", disguises.len());
    let files: Vec<(String, String)> = disguises
        .iter()
        .enumerate()
        .map(|(i, url)| {
            // JSON strings are YAML double-quoted scalars: control characters stay escaped.
            let q = serde_json::to_string(url).unwrap();
            let text = format!(
                "---\ntitle: Report {i}\ndate: 2025-03-{:02}\nsource:\n  name: Outlet {i}\n  url: {q}\n---\n\
                 Company {i} raised its data centre budget for the year.\n",
                i % 28 + 1
            );
            (format!("content/briefings/r{i:02}.md"), text)
        })
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = SiteTest::inline(CONFIG, &refs);
    let run = site.build().fails();
    let err = run.stderr();
    for (i, url) in disguises.iter().enumerate() {
        let at = format!("content/briefings/r{i:02}.md:6:3: error: `source.url`: the URL");
        // YAML itself allows no DEL, even escaped: that file fails before the policy looks.
        let yaml = format!("content/briefings/r{i:02}.md:2:1: error: control characters are not allowed");
        assert!(
            err.contains(&at) || (url.contains('\u{7f}') && err.contains(&yaml)),
            "no error at {at} for {url:?}:\n{err}"
        );
    }
    assert!(!site.public().exists(), "a refused build writes nothing");
}

const STORY: &str = "Microsoft said on Wednesday it plans to spend about $80 billion in its fiscal year \
                     to build out data centres for training and running AI models, more than half of it \
                     in the United States, according to a company blog post published that morning.\n";

fn report(title: &str, day: u32, url: &str) -> String {
    let q = serde_json::to_string(url).unwrap();
    format!(
        "---\ntitle: \"{title}\"\ndate: 2025-01-{day:02}\nsource:\n  name: {title}\n  url: {q}\n---\n{STORY}"
    )
}

/// Finding: dedup's "also reported by" list linked a folded duplicate's URL unfiltered. Every
/// disguise in a duplicate of one story is refused at its line, though the page is folded.
#[test]
fn a_duplicate_source_url_is_checked_even_though_its_page_is_folded() {
    let disguises = disguises();
    let mut files = vec![("content/briefings/a.md".to_string(), report("Wire", 2, "https://news.example/a"))];
    for (i, url) in disguises.iter().enumerate() {
        files.push((format!("content/briefings/dup{i:02}.md"), report(&format!("Outlet {i}"), 3, url)));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = SiteTest::inline(CONFIG, &refs);
    let err = site.build().fails().stderr();
    for (i, url) in disguises.iter().enumerate() {
        let at = format!("content/briefings/dup{i:02}.md:6:3: error: `source.url`");
        let yaml = format!("content/briefings/dup{i:02}.md:2:1: error: control characters are not allowed");
        assert!(err.contains(&at) || (url.contains('\u{7f}') && err.contains(&yaml)), "{url:?}:\n{err}");
    }
    assert!(!site.public().exists(), "a refused build writes nothing");
}

/// The list links each duplicate's URL as the policy cleaned it (spaces, tabs and line
/// breaks removed), and only that.
#[test]
fn the_also_reported_list_links_cleaned_urls() {
    let site = SiteTest::inline(
        CONFIG,
        &[
            ("content/briefings/a.md", &report("Wire", 2, "https://news.example/a")),
            ("content/briefings/b.md", &report("Second outlet", 3, " \thttps://news.exa\nmple/b\r\n")),
        ],
    );
    site.build().ok();
    let kept = [site.output("briefings/a/index.html"), site.output("briefings/b/index.html")].concat();
    let section = kept.split("class=\"also-reported\"").nth(1).expect("an also-reported list");
    assert!(section.contains("href=\"https://news.example/b\""), "{section}");
    let problems = scan_site(&site.public());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `capbrief check` reported disguised `javascript:` URLs as broken links but said nothing
/// about a plain one: it stops at the line like the build.
#[test]
fn check_stops_at_a_plain_javascript_source_url() {
    let site =
        SiteTest::inline(CONFIG, &[("content/briefings/a.md", &report("Wire", 2, "javascript:alert(1)"))]);
    let run = site.run(&["check"]);
    assert_eq!(run.out.status.code(), Some(1), "{}", run.stderr());
    assert!(run.stderr().contains("content/briefings/a.md:6:3: error: `source.url`: the URL `javascript:alert(1)` uses the `javascript:` scheme"), "{}", run.stderr());
}

/// `base_url` is a URL from config: the same disguises are refused at its line.
#[test]
fn every_disguised_base_url_is_an_error_at_its_line() {
    for url in disguises().iter().filter(|u| !u.contains('\u{7f}')) {
        let q = serde_json::to_string(url).unwrap();
        let site = SiteTest::inline(&format!("title: URLs\nbase_url: {q}\n"), &[]);
        let run = site.build().fails();
        assert!(run.stderr().contains("config.yaml:2:"), "{url:?}: {}", run.stderr());
        assert!(run.stderr().contains("`base_url`"), "{url:?}: {}", run.stderr());
    }
}

/// A URL written as a Markdown link destination: in angle brackets, with every character
/// Markdown could not carry as it is written as a character reference (`&#x9;` for a tab), so
/// the parser hands the policy the disguise itself.
fn markdown_destination(url: &str) -> String {
    let mut out = String::from("<");
    for c in url.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            c if c.is_ascii_graphic() && !matches!(c, '<' | '>' | '\\') => out.push(c),
            ' ' => out.push(' '),
            c => out.push_str(&format!("&#x{:X};", u32::from(c))),
        }
    }
    out.push('>');
    out
}

/// The same for an HTML attribute value.
fn html_attribute(url: &str) -> String {
    url.chars()
        .map(|c| match c {
            c if c.is_ascii_alphanumeric() || ":/.,()+=;-_%!#".contains(c) => c.to_string(),
            c => format!("&#x{:X};", u32::from(c)),
        })
        .collect()
}

/// Every disguise as a Markdown link and image (left out with a warning each, at its line)
/// and as a raw HTML link and image (never reaching the page).
#[test]
fn every_disguise_in_markdown_or_raw_html_is_left_out() {
    // CommonMark turns NUL into U+FFFD before anything else, so Markdown cannot carry those.
    let disguises: Vec<String> = disguises().into_iter().filter(|u| !u.contains('\0')).collect();
    assert!(disguises.len() >= 30);
    let mut body = String::new();
    for (i, url) in disguises.iter().enumerate() {
        let d = markdown_destination(url);
        body.push_str(&format!("Link {i} [text {i}]({d}) and image {i} ![alt {i}]({d}).\n\n"));
    }
    let mut raw = String::new();
    for (i, url) in disguises.iter().enumerate() {
        let a = html_attribute(url);
        raw.push_str(&format!(
            "<p>Raw {i} <a href=\"{a}\">raw link {i}</a> <img src=\"{a}\" alt=\"raw {i}\"></p>\n\n"
        ));
    }
    let site = SiteTest::inline(
        CONFIG,
        &[
            ("content/briefings/md.md", &format!("---\ntitle: Links\ndate: 2025-02-01\n---\n{body}")),
            ("content/briefings/raw.md", &format!("---\ntitle: Raw\ndate: 2025-02-02\n---\n{raw}")),
        ],
    );
    let run = site.build().ok();
    let err = run.stderr();
    for (i, url) in disguises.iter().enumerate() {
        let line = 5 + 2 * i;
        for what in ["link", "image"] {
            let at = format!("content/briefings/md.md:{line}:");
            let found =
                err.lines().any(|l| l.starts_with(&at) && l.contains(&format!("warning: {what} left out")));
            assert!(found, "no {what} warning at {at} for {url:?}:\n{err}");
        }
    }
    for (page, kept) in [("briefings/md/index.html", "text 0"), ("briefings/raw/index.html", "raw link 0")] {
        let html = site.output(page);
        let article = &html[html.find("<article").unwrap()..];
        for attr in ["href=\"", "src=\""] {
            for (i, _) in article.match_indices(attr) {
                let value = article[i + attr.len()..].split('"').next().unwrap();
                let allowed = ["https://", "/", "#", "mailto:"].iter().any(|p| value.starts_with(p));
                assert!(allowed, "`{attr}{value}` reached {page}");
            }
        }
        assert!(article.contains(kept), "the text stays in {page}");
    }
    let problems = scan_site(&site.public());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn refused_markdown_links_and_images_are_left_out_with_a_warning() {
    // Forms pulldown-cmark reads as links or images, each with a destination the policy refuses
    // (entities and escapes in link destinations are decoded by the Markdown parser itself).
    let links = [
        "[plain](javascript:alert(1))",
        "[cased](JaVaScRiPt:alert(1))",
        "[entity](javascript&#58;alert(1))",
        "[tab entity](java&#9;script:alert(1))",
        "[control](&#1;javascript:alert(1))",
        "[escaped](%6Aavascript:alert(1))",
        "[data](data:text/html,<b>x</b>)",
        "[vb](vbscript:msgbox(1))",
        "[file](file:///etc/passwd)",
        "[reference][evil]",
        "<javascript:alert(1)>",
        "<vbscript:msgbox(1)>",
        "![image](data:image/svg+xml,x)",
        "![image two](javascript:alert(1))",
    ];
    let body = links.iter().map(|l| format!("Paragraph with {l} inside.\n\n")).collect::<String>();
    let text = format!(
        "---\ntitle: Links\ndate: 2025-02-01\n---\n{body}[evil]: javascript:alert(2)\n\n\
         [kept](https://news.example/x) and [local](/briefings/) and [mail](mailto:desk@example.com).\n"
    );
    let site = SiteTest::inline(CONFIG, &[("content/briefings/links.md", &text)]);
    let run = site.build().ok();
    let err = run.stderr();
    let warnings =
        err.matches("warning: link left out").count() + err.matches("warning: image left out").count();
    assert_eq!(warnings, links.len(), "one warning per refused link or image:\n{err}");
    assert!(err.contains("content/briefings/links.md:5:"), "located in the file:\n{err}");
    let page = site.output("briefings/links/index.html");
    let article = &page[page.find("<article").unwrap()..];
    // Every link and image address left in the article is one the policy allows.
    for attr in ["href=\"", "src=\""] {
        for (i, _) in article.match_indices(attr) {
            let value = article[i + attr.len()..].split('"').next().unwrap();
            let allowed = ["https://", "/", "#", "mailto:"].iter().any(|p| value.starts_with(p));
            assert!(allowed, "`{attr}{value}` reached the page:\n{article}");
        }
    }
    assert!(article.contains("plain") && article.contains("image two"), "the link text stays");
    for kept in
        ["href=\"https://news.example/x\"", "href=\"/briefings/\"", "href=\"mailto:desk@example.com\""]
    {
        assert!(article.contains(kept), "`{kept}` was lost:\n{article}");
    }
    let problems = scan_site(&site.public());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn import_refuses_a_source_url_the_build_would_refuse() {
    let site = SiteTest::inline(CONFIG, &[]);
    let page = site.root.join("page.html");
    std::fs::write(
        &page,
        "<html><head><title>Alphabet lifts capex</title></head><body><article><h1>Alphabet lifts capex</h1>\
         <p>Alphabet expects to spend $75 billion on capital expenditure in 2025.</p></article></body></html>",
    )
    .unwrap();
    // A command line cannot carry NUL.
    let disguises: Vec<String> = disguises().into_iter().filter(|u| !u.contains('\0')).collect();
    assert!(disguises.len() >= 30);
    for url in &disguises {
        let run = site.run(&["import", "page.html", "--source-url", url.as_str()]);
        assert_eq!(run.out.status.code(), Some(2), "{url:?}: {}", run.stderr());
        assert!(run.stderr().contains("--source-url"), "{}", run.stderr());
        assert!(!site.root.join("content").exists(), "nothing imported for {url:?}");
    }
    site.run(&["import", "page.html", "--source-url", " https://news.example/alphabet \n"]).ok();
    let written = std::fs::read_dir(site.root.join("content/briefings")).unwrap().next().unwrap().unwrap();
    let text = std::fs::read_to_string(written.path()).unwrap();
    assert!(text.contains("  url: \"https://news.example/alphabet\"\n"), "{text}");
}

/// `import` applies the policy to what it reads from a page too: the address the page names
/// for itself (canonical link, Open Graph) and the links in its text.
#[test]
fn import_leaves_out_refused_urls_found_in_the_page() {
    let site = SiteTest::inline(CONFIG, &[]);
    std::fs::write(
        site.root.join("page.html"),
        "<html><head><title>Meta lifts capex</title>\
         <link rel=\"canonical\" href=\"java&#x09;script:alert(1)\">\
         <meta property=\"og:url\" content=\" JaVaScRiPt:alert(2)\"></head><body><article>\
         <h1>Meta lifts capex</h1><p>March 3, 2025</p>\
         <p>Meta expects to spend between $60 billion and $65 billion in 2025, it said in a \
         <a href=\"javascript:alert(3)\">post</a>, a <a href=\"data:text/html,x\">filing</a> and a \
         <a href=\"vbscript:msgbox(4)\">call</a>, as <a href=\"https://news.example/meta\">reported</a>.</p>\
         <p><img src=\"javascript:alert(5)\" alt=\"chart\"></p></article></body></html>",
    )
    .unwrap();
    site.run(&["import", "page.html"]).ok();
    let written = std::fs::read_dir(site.root.join("content/briefings")).unwrap().next().unwrap().unwrap();
    let text = std::fs::read_to_string(written.path()).unwrap();
    for scheme in ["javascript", "data:", "vbscript"] {
        assert!(!text.to_ascii_lowercase().contains(scheme), "`{scheme}` imported:\n{text}");
    }
    assert!(text.contains("https://news.example/meta"), "the allowed link was lost:\n{text}");
    // And what was imported builds.
    site.build().ok();
}
