//! `capbrief dedup` and deduplication in `capbrief build`: repeated passages inside an
//! article, the same story across articles, the labelled corpus, and bad input.
// Helpers outside `#[test]` functions fail the test by panicking, like the tests themselves.
#![allow(clippy::unwrap_used)]

use crate::support::SiteTest;
use std::collections::BTreeSet;

/// The stories of the labelled corpus that get programmatic variants.
const STORIES: [&str; 6] = [
    "microsoft-80-billion",
    "alibaba-380-billion-yuan",
    "meta-65-billion",
    "amazon-100-billion",
    "alphabet-75-billion",
    "bytedance-150-billion-yuan",
];

/// Splits a file into (front matter YAML, body).
fn parts(text: &str) -> (String, String) {
    let rest = text.strip_prefix("---\n").unwrap();
    let end = rest.find("\n---\n").unwrap();
    (rest[..end].to_string(), rest[end + 5..].to_string())
}

/// The front matter with another title; `later` moves the date from midnight to the evening.
fn with_title(yaml: &str, title: &str, extra: &str, later: bool) -> String {
    let lines: Vec<String> = yaml
        .lines()
        .filter(|l| !l.starts_with("source:"))
        .map(|l| {
            if l.starts_with("title:") {
                format!("title: \"{title}\"")
            } else if later && l.starts_with("date:") {
                format!("{l}T18:00:00Z")
            } else {
                l.to_string()
            }
        })
        .collect();
    format!("---\n{}\n{extra}---\n", lines.join("\n"))
}

/// Writes the variants of one story; returns their paths (relative to the site root).
fn variants(site: &SiteTest, story: &str) -> Vec<String> {
    let text = std::fs::read_to_string(site.root.join(format!("content/briefings/{story}.md"))).unwrap();
    let (yaml, body) = parts(&text);
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    let mut out = Vec::new();
    let mut write = |name: &str, text: String| {
        let rel = format!("content/briefings/{story}-{name}.md");
        site.write(&rel, &text);
        out.push(rel);
    };
    // Same text, reworded headline, another outlet.
    write(
        "copy",
        with_title(&yaml, &format!("Report: {story} explained"), "source: { name: Wire service }\n", true)
            + &body,
    );
    // One paragraph rewritten.
    let mut edited = paragraphs.clone();
    let k = edited.len() / 2;
    let replacement = "A spokesperson declined to comment further on the plan when reached by telephone, and said more details would follow with the next quarterly results.";
    edited[k] = replacement;
    write("edit", with_title(&yaml, &format!("{story}: what we know"), "", false) + &edited.join("\n\n"));
    // Rewrapped with other spacing and punctuation, the closing paragraph cut.
    let mut retyped: Vec<String> =
        paragraphs.iter().map(|p| p.replace(", ", " , ").replace(". ", ".\n").replace('\'', "’")).collect();
    retyped.truncate(retyped.len().saturating_sub(2));
    write(
        "retyped",
        with_title(&yaml, &format!("Update on {story}"), "", false) + &retyped.join("\n\n") + "\n",
    );
    // Captured twice by a scraper.
    write("scraped", with_title(&yaml, &format!("{story} (syndicated)"), "", true) + &body + "\n" + &body);
    out
}

fn pairs_of(groups: &[Vec<String>]) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for g in groups {
        for (i, a) in g.iter().enumerate() {
            for b in &g[i + 1..] {
                out.insert(if a < b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) });
            }
        }
    }
    out
}

fn clusters(json: &str) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["clusters"].as_array().unwrap().clone()
}

#[test]
fn labelled_corpus_precision_and_recall() {
    let site = SiteTest::fixture("dedup-corpus");
    let mut truth: Vec<Vec<String>> = Vec::new();
    for story in STORIES {
        let mut group = variants(&site, story);
        group.push(format!("content/briefings/{story}.md"));
        truth.push(group);
    }
    let run = site.run(&["dedup", "--json"]).ok();
    let found: Vec<Vec<String>> = clusters(&run.stdout())
        .iter()
        .map(|c| c["members"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()).collect())
        .collect();
    let (expected, predicted) = (pairs_of(&truth), pairs_of(&found));
    let hits = expected.intersection(&predicted).count() as f64;
    let precision = hits / predicted.len().max(1) as f64;
    let recall = hits / expected.len() as f64;
    assert!(precision >= 0.95, "precision {precision:.3}\n{}", run.stdout());
    assert!(recall >= 0.95, "recall {recall:.3}\n{}", run.stdout());
    // Same company, different story; and the same story written separately in Spanish.
    for alone in [
        "microsoft-nuclear-power.md",
        "amazon-nuclear-smr.md",
        "alibaba-chip-unit.md",
        "alibaba-inversion-380-mil-millones.md",
    ] {
        assert!(!run.stdout().contains(alone), "{alone} was clustered:\n{}", run.stdout());
    }
    // The scraped copy also had its repeated body removed, with a located warning.
    run.stderr_has("content/briefings/meta-65-billion-scraped.md:").stderr_has("repeated blocks removed");
}

#[test]
fn json_output_has_the_documented_shape() {
    let site = SiteTest::fixture("dedup-corpus");
    variants(&site, "meta-65-billion");
    let run = site.run(&["dedup", "--json", "--root", "."]).ok();
    let c = clusters(&run.stdout());
    assert_eq!(c.len(), 1, "{}", run.stdout());
    let keys: Vec<&String> = c[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["canonical", "ignored", "links", "members", "reason", "similarity"]);
    // Only the copy names its source, but its headline ("Report: meta-65-billion explained")
    // names nothing its text says: a reader would pick a page with a real headline first,
    // and the reason says so.
    assert_eq!(c[0]["canonical"], "content/briefings/meta-65-billion.md", "{}", run.stdout());
    assert_eq!(c[0]["reason"], "real headline", "{}", run.stdout());
    // Each link reports both scores and the rule that decided.
    for l in c[0]["links"].as_array().unwrap() {
        let (j, k) = (l["jaccard"].as_f64().unwrap(), l["containment"].as_f64().unwrap());
        assert!(j <= k, "{l}");
        assert!(["resemblance", "containment"].contains(&l["rule"].as_str().unwrap()), "{l}");
    }
    assert_eq!(c[0]["members"].as_array().unwrap().len(), 5);
    let s = c[0]["similarity"].as_f64().unwrap();
    assert!((0.6..=1.0).contains(&s), "{s}");
    // Text output names the same clusters.
    let text = site.run(&["dedup"]).ok().stdout();
    assert!(text.contains("content/briefings/meta-65-billion.md  (canonical: real headline)"), "{text}");
    assert!(text.contains("1 cluster, 4 duplicates, 0 stories with related coverage among"), "{text}");
}

const CONFIG: &str =
    "title: T\nbase_url: https://example.com/\nlanguages:\n  en:\n    title: T\n  es:\n    title: T\n";

/// The body of a briefing of the dedup fixture corpus.
fn fixture_body(name: &str) -> String {
    let path = format!("tests/fixtures/dedup-corpus/content/briefings/{name}");
    parts(&std::fs::read_to_string(crate::support::repo_root().join(path)).unwrap()).1
}

fn story_body() -> String {
    fixture_body("amazon-100-billion.md")
}

#[test]
fn build_folds_duplicates_redirects_and_credits_them() {
    let body = story_body();
    let site = SiteTest::inline(
        CONFIG,
        &[
            ("content/briefings/original.md", &format!("---\ntitle: Amazon expects about $100 billion of capital spending\ndate: 2025-02-06\nsource: {{ name: Harbour Desk }}\ncapex:\n  - company: Amazon\n    amount: 100 billion\n    currency: USD\n---\n{body}")),
            ("content/briefings/later-copy.md", &format!("---\ntitle: Amazon's $100 billion plan, explained\ndate: 2025-02-07\nsource: {{ name: Daily Wire Service, url: \"https://wire.example/amazon\" }}\ncapex:\n  - company: Amazon\n    amount: 100 billion\n    currency: USD\n---\n{body}")),
            ("content/briefings/other.md", "---\ntitle: Something else\ndate: 2025-03-01\n---\nA different story about power grids and cooling equipment in Texas this spring.\n"),
        ],
    );
    let run = site.build().ok().stderr_has("dedup: 1 duplicate article folded into 1 canonical page");
    let _ = run;
    let canonical = site.output("briefings/original/index.html");
    assert!(canonical.contains("Daily Wire Service"), "also reported by is missing:\n{canonical}");
    assert!(canonical.contains("rel=\"canonical\""), "{canonical}");
    let redirect = site.output("briefings/later-copy/index.html");
    assert!(redirect.contains("briefings/original/"), "{redirect}");
    assert!(!redirect.contains("<article"), "the duplicate is rendered as a page:\n{redirect}");
    let home = site.output("index.html");
    assert!(!home.contains("explained"), "the duplicate is listed:\n{home}");
    let feed = site.output("atom.xml");
    assert!(!feed.contains("explained"), "the duplicate is in the feed");
}

#[test]
fn each_story_credits_only_its_own_duplicates_in_path_order() {
    let (amazon, meta) = (story_body(), fixture_body("meta-65-billion.md"));
    let copy = |title: &str, date: &str, outlet: &str, body: &str| {
        format!("---\ntitle: {title}\ndate: {date}\nsource: {{ name: {outlet} }}\n---\n{body}")
    };
    let site = SiteTest::inline(
        CONFIG,
        &[
            (
                "content/briefings/amazon.md",
                &format!("---\ntitle: Amazon expects about $100 billion of capital spending\ndate: 2025-02-06\nsource: {{ name: Alpha Desk }}\n---\n{amazon}"),
            ),
            (
                "content/briefings/z-amazon-copy.md",
                &copy("Amazon copy one", "2025-02-07", "Zeta Wire", &amazon),
            ),
            (
                "content/briefings/b-amazon-copy.md",
                &copy("Amazon copy two", "2025-02-08", "Beta Post", &amazon),
            ),
            (
                "content/briefings/meta.md",
                &format!("---\ntitle: Meta plans up to $65 billion of capital spending\ndate: 2025-01-24\nsource: {{ name: Alpha Desk }}\n---\n{meta}"),
            ),
            ("content/briefings/meta-copy.md", &copy("Meta copy", "2025-01-25", "Gamma Daily", &meta)),
        ],
    );
    site.build().ok().stderr_has("dedup: 3 duplicate articles folded into 2 canonical pages");
    let credits = |path: &str| {
        let page = site.output(path);
        let section = page.split("class=\"also-reported\"").nth(1).unwrap_or("").to_string();
        // The outlets the section names, in the order it names them.
        let mut named: Vec<(usize, &str)> = ["Beta Post", "Zeta Wire", "Gamma Daily"]
            .into_iter()
            .filter_map(|o| section.find(o).map(|at| (at, o)))
            .collect();
        named.sort();
        named.into_iter().map(|(_, o)| o).collect::<Vec<_>>()
    };
    assert_eq!(credits("briefings/amazon/index.html"), ["Beta Post", "Zeta Wire"]);
    assert_eq!(credits("briefings/meta/index.html"), ["Gamma Daily"]);
}

#[test]
fn repeated_passages_are_removed_with_a_located_warning() {
    let body = story_body();
    let para =
        "Spending in the fourth quarter of 2024, about $26 billion, was a reasonable guide to the pace.";
    let site = SiteTest::inline(
        CONFIG,
        &[
            ("content/briefings/twice.md", &format!("---\ntitle: Twice\ndate: 2025-02-06\n---\n{body}\n{body}")),
            ("content/briefings/para.md", &format!("---\ntitle: Para\ndate: 2025-02-06\n---\nIntro text.\n\n{para}\n\nMiddle text.\n\n{para}\n\nThe figure was revised to $27 billion, a reasonable guide to the pace.\n")),
            ("content/briefings/as-written.md", &format!("---\ntitle: Kept\ndate: 2025-02-06\ndedup: false\n---\n{para}\n\n{para}\n")),
        ],
    );
    let run = site.build().ok();
    let err = run.stderr();
    // The repeat of para.md starts on file line 11.
    assert!(err.contains("content/briefings/para.md:11:1: warning: 1 repeated paragraph removed"), "{err}");
    assert!(err.contains("content/briefings/twice.md:"), "{err}");
    assert!(!err.contains("as-written.md"), "{err}");
    let page = site.output("briefings/para/index.html");
    assert_eq!(page.matches("<p>Spending in the fourth").count(), 1, "{page}");
    assert!(page.contains("$27 billion"), "a paragraph with other figures was removed");
    let twice = site.output("briefings/twice/index.html");
    assert_eq!(twice.matches("Constrained supply").count(), 1, "{twice}");
    let kept = site.output("briefings/as-written/index.html");
    assert_eq!(kept.matches("<p>Spending in the fourth").count(), 2, "dedup: false was ignored");
}

#[test]
fn bad_duplicate_of_links_warn_and_lose_nothing() {
    let site = SiteTest::inline(
        CONFIG,
        &[
            ("content/briefings/a.md", "---\ntitle: A\ndate: 2025-01-01\nduplicate_of: briefings/b.md\n---\nFirst story about chips and memory supply in Korea.\n"),
            ("content/briefings/b.md", "---\ntitle: B\ndate: 2025-01-02\nduplicate_of: briefings/a.md\n---\nSecond story about chips and memory supply in Korea.\n"),
            ("content/briefings/c.md", "---\ntitle: C\ndate: 2025-01-03\nduplicate_of: briefings/nope.md\n---\nThird story, unrelated to the others in every way.\n"),
            ("content/briefings/d.md", "---\ntitle: D\ndate: 2025-01-04\nduplicate_of: briefings/d.md\n---\nFourth.\n"),
        ],
    );
    let run = site.build().ok();
    run.stderr_has("content/briefings/a.md:4:1: warning: `duplicate_of` links form a cycle")
        .stderr_has("content/briefings/c.md:4:1: warning: `duplicate_of: briefings/nope.md` names no article")
        .stderr_has("content/briefings/d.md:4:1: warning: `duplicate_of` names this article itself");
    // The cycle becomes one cluster, canonical by date; c and d stay pages of their own.
    assert!(site.output("briefings/b/index.html").contains("briefings/a/"));
    assert!(site.output("briefings/c/index.html").contains("Third story"));
    assert!(site.output("briefings/d/index.html").contains("Fourth."));
    let json = site.run(&["dedup", "--json"]).ok().stdout();
    let c = clusters(&json);
    assert_eq!(c.len(), 1, "{json}");
    assert_eq!(c[0]["canonical"], "content/briefings/a.md");
    assert_eq!(c[0]["reason"], "earliest date (2025-01-01)");
}

#[test]
fn front_matter_choice_wins_over_the_rule() {
    let body = story_body();
    let site = SiteTest::inline(
        CONFIG,
        &[
            ("content/briefings/early.md", &format!("---\ntitle: Early\ndate: 2025-01-01\n---\n{body}")),
            (
                "content/briefings/chosen.md",
                &format!("---\ntitle: Chosen\ndate: 2025-03-01\ncanonical: true\n---\n{body}"),
            ),
            ("content/briefings/named.md", &format!("---\ntitle: Named\ndate: 2025-02-01\n---\n{body}")),
            (
                "content/briefings/points.md",
                &format!(
                    "---\ntitle: Points\ndate: 2025-02-02\nduplicate_of: briefings/named.md\n---\n{body}"
                ),
            ),
        ],
    );
    let c = clusters(&site.run(&["dedup", "--json"]).ok().stdout());
    assert_eq!(c[0]["canonical"], "content/briefings/chosen.md");
    assert_eq!(c[0]["reason"], "marked `canonical: true`");
    std::fs::write(
        site.root.join("content/briefings/chosen.md"),
        format!("---\ntitle: Chosen\ndate: 2025-03-01\n---\n{body}"),
    )
    .unwrap();
    let c = clusters(&site.run(&["dedup", "--json"]).ok().stdout());
    assert_eq!(c[0]["canonical"], "content/briefings/named.md");
    assert_eq!(c[0]["reason"], "named by `duplicate_of` in briefings/points.md");
}

#[test]
fn translations_are_never_duplicates_of_their_original() {
    let body = story_body();
    let site = SiteTest::inline(
        CONFIG,
        &[
            ("content/briefings/story.md", &format!("---\ntitle: Story\ndate: 2025-01-01\n---\n{body}")),
            // A translation that was never translated: the same text, still not a duplicate.
            (
                "content/briefings/story.es.md",
                &format!("---\ntitle: Historia\nduplicate_of: briefings/story.md\n---\n{body}"),
            ),
        ],
    );
    let run = site.run(&["dedup", "--json"]).ok();
    let json = run.stdout();
    assert!(clusters(&json).is_empty(), "{json}");
    run.stderr_has("content/briefings/story.es.md:3:1: warning: `duplicate_of` on a translation is ignored");
    site.build().ok();
    assert!(site.output("es/briefings/story/index.html").contains("Historia"));
}

#[test]
fn odd_bodies_do_not_break_the_build() {
    let emoji = "🚀 Alibaba 阿里巴巴 invests ١٢٣ billion in AI — «ВЫСОКИЙ» рост 📈\n\n".repeat(3);
    let one_line = "Same line again and again in this article body.\n".repeat(5000);
    let big_para = "Chips and power and land and servers for the cloud. ".repeat(20_000);
    let big = format!("{big_para}\n\n{big_para}\n\n").repeat(20); // about 40 MB
    let site = SiteTest::inline(
        CONFIG,
        &[
            ("content/briefings/empty.md", "---\ntitle: Empty\ndate: 2025-01-01\n---\n"),
            ("content/briefings/empty2.md", "---\ntitle: Empty too\ndate: 2025-01-02\n---\n\n"),
            ("content/briefings/emoji.md", &format!("---\ntitle: Emoji\ndate: 2025-01-01\n---\n{emoji}")),
            ("content/briefings/one-line.md", &format!("---\ntitle: One\ndate: 2025-01-01\n---\n{one_line}")),
            ("content/briefings/big.md", &format!("---\ntitle: Big\ndate: 2025-01-01\n---\n{big}")),
        ],
    );
    let start = std::time::Instant::now();
    let run = site.run(&["dedup"]).ok();
    assert!(start.elapsed().as_secs() < 120, "took {:?}", start.elapsed());
    // Empty articles are not one story.
    assert!(run.stdout().contains("0 clusters"), "{}", run.stdout());
    run.stderr_has("content/briefings/emoji.md:").stderr_has("content/briefings/big.md:");
}
