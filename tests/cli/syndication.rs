//! The same story from several sites, through the real binary: the labelled syndication
//! corpus scored by `bench/syndication.py`, furniture left out of files written by hand,
//! related coverage linked on the page, and rewrites folded when the site asks.

use crate::support::{repo_root, SiteTest};
use std::process::Command;

/// `bench/syndication.py --json` over every batch, by batch name.
fn scores() -> Vec<serde_json::Value> {
    let out = Command::new("python3")
        .arg(repo_root().join("bench/syndication.py"))
        .args(["--bin", env!("CARGO_BIN_EXE_capbrief"), "--json"])
        .output()
        .expect("python3 runs bench/syndication.py");
    assert!(out.status.success(), "bench/syndication.py failed:\n{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).unwrap()
}

#[test]
fn the_corpus_meets_the_targets_in_both_batches() {
    let results = scores();
    for batch in ["dev", "heldout", "all"] {
        let m = results.iter().find(|m| m["batch"] == batch).unwrap_or_else(|| panic!("no {batch} batch"));
        let why = serde_json::to_string_pretty(m).unwrap();
        assert_eq!(m["imported"], m["pages"], "every page imports:\n{why}");
        let (copies, rewrites) = (&m["copies"], &m["rewrites"]);
        assert!(copies["recall"].as_f64().unwrap() >= 0.95, "{batch} copies recall:\n{why}");
        assert_eq!(copies["precision"].as_f64(), Some(1.0), "{batch} copies precision:\n{why}");
        assert!(rewrites["linked"].as_f64().unwrap() >= 0.8, "{batch} rewrites linked:\n{why}");
        assert_eq!(rewrites["precision"].as_f64(), Some(1.0), "{batch} related precision:\n{why}");
        assert_eq!(m["false_links"].as_array().map(Vec::len), Some(0), "{batch} false links:\n{why}");
    }
}

const CONFIG: &str = "title: Syndication\nbase_url: https://example.com/\n";

/// The paragraphs two sites carried from one wire story.
const WIRE: &str = "REDMOND, Washington, Jan 3 (Meridian Wire) - Microsoft plans to invest about $80 billion in its fiscal year 2025 on data centres built to train artificial intelligence models and run AI and cloud applications, Vice Chair and President Brad Smith said in a blog post on Friday.

More than half of that spending will be in the United States, Smith wrote, as the company races to add computing capacity for its AI services and for partners such as ChatGPT maker OpenAI.

Microsoft's fiscal year runs to the end of June, so the figure covers spending from July 2024 through June 2025.

Technology companies have been pouring money into servers, chips and power to meet demand for generative AI.
";

#[test]
fn furniture_in_files_written_before_import_cleaned_it_is_left_out() {
    // Each copy kept its site's caption, timestamp, credits and notices: on a short
    // paragraph, enough to keep the whole texts apart.
    let two: String = WIRE.split("\n\n").next().unwrap_or("").to_string() + "\n";
    let straits = format!(
        "---\ntitle: Microsoft to spend $80 billion on AI data centres\ndate: 2025-01-04\n---\n\
         04 Jan 2025 09:40AM (Updated: 04 Jan 2025 10:05AM)\n\n\
         FILE PHOTO: The Microsoft logo at the company's offices near Paris, France, in January 2024. Meridian Wire/Louis Garnier/File Photo\n\n\
         {two}\nSource: Meridian Wire/fs\n\nShare this article\n"
    );
    let gulf = format!(
        "---\ntitle: Microsoft to spend $80bn on AI data centres in fiscal 2025\ndate: 2025-01-04\nsource:\n  name: Gulf Markets Review\n  url: https://gulfmarkets.example/microsoft-80bn\n---\n\
         {two}\n(Reporting by Hannah Lindqvist in Seattle; Editing by Marco Ferri)\n\n\
         This story has not been edited by Gulf Markets Review staff and is published from a syndicated feed.\n"
    );
    let site = SiteTest::inline(
        CONFIG,
        &[("content/briefings/straits.md", &straits), ("content/briefings/gulf.md", &gulf)],
    );
    let text = site
        .run(&["dedup", "--compare", "content/briefings/straits.md", "content/briefings/gulf.md"])
        .ok()
        .stdout();
    assert!(text.contains("compared again without furniture"), "{text}");
    assert!(text.contains("furniture ignored in content/briefings/straits.md"), "{text}");
    assert!(text.contains("FILE PHOTO"), "{text}");
    assert!(text.contains("Reporting by Hannah Lindqvist"), "{text}");
    assert!(text.contains("decision: one story"), "{text}");
    let json = site.run(&["dedup", "--json"]).ok().stdout();
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let cluster = &report["clusters"][0];
    // The page with a source and a headline that is not cut short is the one shown.
    assert_eq!(cluster["canonical"], "content/briefings/gulf.md", "{json}");
    assert_eq!(cluster["members"].as_array().map(Vec::len), Some(2), "{json}");
    site.build().ok();
    let page = site.output("briefings/gulf/index.html");
    assert!(!page.contains("FILE PHOTO"), "the shown copy is the other one");
    assert!(site.output("briefings/straits/index.html").contains("http-equiv=\"refresh\""));
}

/// Another outlet's report of the same news in its own words.
const REWRITE: &str = "Microsoft will put roughly $80 billion into AI-ready data centers during the fiscal year that ends in June 2025, company president Brad Smith wrote on Friday.

Smith said more than half of the money would be spent on American soil. The figure is the largest annual capital budget the software maker has set out, and it dwarfs what the company spent three years ago.

Analysts said the plan would keep suppliers of chips, power equipment and cooling systems busy through the year.
";

fn related_site(extra_config: &str) -> SiteTest {
    let lead = format!(
        "---\ntitle: Microsoft to spend $80 billion on AI data centres in fiscal 2025\ndate: 2025-01-03\nsource:\n  name: Meridian Wire\n  url: https://meridian.example/microsoft-80bn\n---\n{WIRE}"
    );
    let rewrite = format!(
        "---\ntitle: Microsoft earmarks $80bn for AI-ready data centers this fiscal year\ndate: 2025-01-04\nsource:\n  name: Tech Frontier\n  url: https://techfrontier.example/msft-80bn\n---\n{REWRITE}"
    );
    let other = "---\ntitle: Microsoft to invest $3 billion in India cloud and AI over two years\ndate: 2025-01-07\n---\nMicrosoft will invest $3 billion over two years to expand its cloud and artificial intelligence capacity in India, Chief Executive Satya Nadella said on Tuesday in Bengaluru.\n\nThe company will also train ten million people in AI skills by 2030.\n";
    SiteTest::inline(
        &format!("{CONFIG}{extra_config}"),
        &[
            ("content/briefings/lead.md", &lead),
            ("content/briefings/rewrite.md", &rewrite),
            ("content/briefings/india.md", other),
        ],
    )
}

#[test]
fn related_coverage_is_linked_both_ways_and_never_to_another_commitment() {
    let site = related_site("");
    site.build().ok().stderr_has("2 articles linked as related coverage of 1 story");
    let block = |path: &str| {
        let page = site.output(path);
        page.split("class=\"also-reported\"")
            .nth(1)
            .map(|s| s.split("</section>").next().unwrap_or("").to_string())
    };
    let lead = block("briefings/lead/index.html").expect("the lead lists its related coverage");
    assert!(lead.contains("<a href=\"/briefings/rewrite/\">Microsoft earmarks $80bn"), "{lead}");
    assert!(
        lead.contains(
            "<a href=\"https://techfrontier.example/msft-80bn\" rel=\"noopener\">Tech Frontier</a>"
        ),
        "{lead}"
    );
    assert!(lead.contains("(4 January 2025)"), "{lead}");
    let rewrite = block("briefings/rewrite/index.html").expect("the rewrite lists the lead");
    assert!(rewrite.contains("<a href=\"/briefings/lead/\">"), "{rewrite}");
    assert!(rewrite.contains("https://meridian.example/microsoft-80bn"), "{rewrite}");
    assert!(!lead.contains("India") && !rewrite.contains("India"), "{lead}\n{rewrite}");
    assert!(block("briefings/india/index.html").is_none());
    // Both are published on their own.
    assert!(!site.output("briefings/rewrite/index.html").contains("http-equiv=\"refresh\""));
    let text = site
        .run(&["dedup", "--compare", "content/briefings/lead.md", "content/briefings/rewrite.md"])
        .ok()
        .stdout();
    assert!(text.contains("same news:") && text.contains("decision: related coverage"), "{text}");
}

#[test]
fn rewrites_are_folded_into_the_lead_when_the_site_says_so() {
    let site = related_site("dedup:\n  fold_rewrites: true\n");
    site.build().ok();
    let rewrite = site.output("briefings/rewrite/index.html");
    assert!(
        rewrite.contains("http-equiv=\"refresh\" content=\"0; url=https://example.com/briefings/lead/\""),
        "{rewrite}"
    );
    let lead = site.output("briefings/lead/index.html");
    assert!(lead.contains("https://techfrontier.example/msft-80bn"), "{lead}");
    assert!(!site.output("briefings/india/index.html").contains("http-equiv=\"refresh\""));
}
