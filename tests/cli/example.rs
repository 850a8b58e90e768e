//! The bundled example site shows each feature working: a story reported twice folds into
//! one page that credits the other outlet, and an AI-drafted briefing carries its disclosure.

use crate::support::SiteTest;

#[test]
fn dedup_finds_the_story_reported_twice() {
    let site = SiteTest::example();
    let run = site.run(&["dedup"]).ok();
    let out = run.stdout();
    assert!(
        out.contains(
            "content/briefings/stargate-500-billion-openai-softbank-oracle.md  (canonical: earliest date (2025-01-21))\n  duplicate: content/briefings/stargate-joint-venture-texas-first-site.md"
        ),
        "{out}"
    );
    assert!(out.contains("1 cluster, 1 duplicate among"), "{out}");
    let run = site.run(&["dedup", "--json"]).ok();
    assert!(run.stdout().contains("stargate-joint-venture-texas-first-site.md"), "{}", run.stdout());
}

#[test]
fn the_canonical_page_credits_the_other_outlet_and_the_duplicate_redirects_to_it() {
    let site = SiteTest::example();
    let run = site.build().ok();
    assert!(
        run.stderr().contains("dedup: 1 duplicate article folded into 1 canonical page"),
        "{}",
        run.stderr()
    );
    let page = site.output("briefings/stargate-500-billion-openai-softbank-oracle/index.html");
    let also = page.find("Also reported by").unwrap_or_else(|| panic!("no also-reported list:\n{page}"));
    let rest = &page[also..];
    assert!(rest.contains("https://compute-ledger.example/2025/01/22/stargate-texas/"), "{rest}");
    assert!(rest.contains("The Compute Ledger"), "{rest}");
    let dup = site.output("briefings/stargate-joint-venture-texas-first-site/index.html");
    assert!(dup.contains("<meta http-equiv=\"refresh\""), "{dup}");
    assert!(dup.contains("/briefings/stargate-500-billion-openai-softbank-oracle/"), "{dup}");
}

#[test]
fn the_ai_drafted_briefing_says_so() {
    let site = SiteTest::example();
    site.build().ok();
    let page = site.output("briefings/alphabet-raises-2025-capex-to-85-billion/index.html");
    assert!(page.contains("disclosure-production disclosure-ai"), "{page}");
    assert!(page.contains("drafted with the help of AI software"), "{page}");
    let human = site.output("briefings/stargate-500-billion-openai-softbank-oracle/index.html");
    assert!(!human.contains("disclosure-ai"), "a briefing written by people is marked as AI-drafted");
}
