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

#[test]
fn a_duplicate_source_url_is_checked_even_though_its_page_is_folded() {
    let body = "Microsoft said on Wednesday it plans to spend about $80 billion in its fiscal year \
                to build out data centres for training and running AI models, more than half of it \
                in the United States, according to a company blog post published that morning.\n";
    let site = SiteTest::inline(
        CONFIG,
        &[
            (
                "content/briefings/a.md",
                &format!("---\ntitle: Microsoft capex\ndate: 2025-01-03\nsource:\n  url: https://news.example/a\n---\n{body}"),
            ),
            (
                "content/briefings/b.md",
                &format!("---\ntitle: Microsoft capex again\ndate: 2025-01-04\nsource:\n  url: \" javascript:alert(1)\"\n---\n{body}"),
            ),
        ],
    );
    site.build().fails().stderr_has("content/briefings/b.md:5:3: error: `source.url`");
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
    for url in
        ["javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "\u{1}javascript:alert(1)", "data:text/html,x"]
    {
        let run = site.run(&["import", "page.html", "--source-url", url]);
        assert_eq!(run.out.status.code(), Some(2), "{url:?}: {}", run.stderr());
        assert!(run.stderr().contains("--source-url"), "{}", run.stderr());
        assert!(!site.root.join("content").exists(), "nothing imported for {url:?}");
    }
    site.run(&["import", "page.html", "--source-url", " https://news.example/alphabet \n"]).ok();
    let written = std::fs::read_dir(site.root.join("content/briefings")).unwrap().next().unwrap().unwrap();
    let text = std::fs::read_to_string(written.path()).unwrap();
    assert!(text.contains("  url: \"https://news.example/alphabet\"\n"), "{text}");
}
