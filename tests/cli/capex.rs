//! Capex data end to end: normalised tables and charts on briefings, `/compare/`, company
//! history pages, shortcodes, located errors for bad entries, and the figures check.

use crate::support::{repo_root, SiteTest};
use capbrief::config::Config;
use capbrief::diag::Diagnostics;

const CONFIG: &str = r#"title: T
base_url: https://example.org/
languages:
  en: {}
  es: {}
companies:
  - name: Meta
    aliases: [Facebook, Meta Platforms]
  - name: Alphabet
    aliases: [Google]
  - name: Microsoft
    fiscal_year_end: 6
  - name: Alibaba
    aliases: [Alibaba Group]
"#;

fn page(front: &str, body: &str) -> String {
    format!("---\ntitle: A briefing\ndate: 2025-02-24\n{front}---\n{body}")
}

/// Pages of a site folder and their figures-check warnings.
fn check(root: &std::path::Path) -> Diagnostics {
    let config = Config::load(root).unwrap_or_else(|d| panic!("{d}"));
    let mut diags = Diagnostics::new();
    let loaded = capbrief::content::load(&config, false, &mut diags);
    assert!(!diags.has_errors(), "{diags}");
    capbrief::capex::check_figures(&loaded.pages, &config)
}

#[test]
fn example_site_compares_commitments_in_both_languages() {
    let site = SiteTest::example();
    site.build().ok();
    let compare = site.output("compare/index.html");
    assert!(compare.contains("<caption>Latest capex commitment per company</caption>"), "{compare}");
    // Sorted by US dollars per year: Amazon ($100bn in 2025) before Alibaba (RMB 380bn over three years).
    let amazon = compare.find("companies/amazon/").unwrap();
    let alibaba = compare.find("companies/alibaba/").unwrap();
    assert!(amazon < alibaba);
    assert!(compare.contains("3 years (2025–2027)"), "{compare}");
    // Alibaba's yuan at February 2025's average, the month it announced; dated as pages date.
    assert!(compare.contains("$1 = 7.2734 CNY (February 2025)"), "{compare}");
    assert!(compare.contains("<td class=\"num\">$60–65 billion</td>"), "{compare}");
    assert!(compare.contains("<th scope=\"row\">"));
    assert!(compare.contains("<title id=\"compare-chart-title\">"));
    // No script but the theme's deferred search script.
    assert_eq!(compare.matches("<script").count(), 1, "{compare}");
    assert!(compare.contains("search.js\" defer></script>"));

    let es = site.output("es/compare/index.html");
    assert!(es.contains("380.000 millones de yuanes"), "{es}");
    assert!(es.contains("60.000–65.000 millones de dólares"), "{es}");
    assert!(!es.contains("billones"));
    assert!(
        es.contains("href=\"/capbrief/es/briefings/alibaba-380-billion-yuan-ai-infrastructure/\""),
        "{es}"
    );

    let msft = site.output("briefings/microsoft-80-billion-fiscal-2025/index.html");
    assert!(msft.contains("FY2025, to 30 June 2025"), "{msft}");
    assert!(msft.contains("<caption>Capex commitments in this briefing</caption>"));

    // Google is an alias of Alphabet: one company page, with the history table.
    let alphabet = site.output("companies/alphabet/index.html");
    assert!(alphabet.contains("Capex commitments by Alphabet"), "{alphabet}");
    assert!(!site.public().join("companies/google/index.html").exists());
    // ByteDance has no `companies:` chip of its own on other pages but has a commitment page.
    assert!(site.public().join("companies/bytedance/index.html").is_file());
}

#[test]
fn example_site_has_no_figure_check_warnings() {
    let d = check(&SiteTest::example().root);
    assert!(d.is_empty(), "{d}");
    let _ = repo_root();
}

#[test]
fn figures_check_warns_with_file_line_and_sentence() {
    let site = SiteTest::inline(
        CONFIG,
        &[(
            "content/briefings/a.md",
            &page(
                "capex:\n  - company: Meta\n    amount: \"$70 billion\"\n    period: 2025\n",
                "Meta will invest $65 billion in AI data centres this year.\n\n\
                 Alphabet reported revenue of $96.5 billion. Its shares closed at $185.40.\n",
            ),
        )],
    );
    let d = check(&site.root).to_string();
    assert!(d.contains("a.md:6:5: warning: capex entry 1 (Meta, $70 billion) does not appear"), "{d}");
    assert!(d.contains("a.md:9:18: warning: the text commits $65 billion for Meta"), "{d}");
    assert!(d.contains("sentence: “Meta will invest $65 billion in AI data centres this year.”"), "{d}");
    assert!(d.contains("period: \"this year\""), "{d}");
    assert!(!d.contains("96.5"), "revenue is not a commitment: {d}");
    assert!(!d.contains("185.40"), "a share price is not a commitment: {d}");
}

#[test]
fn bad_entries_are_located_errors() {
    let front = r#"capex:
  - company: Meta
    amount: lots
  - company: Meta
    amount: "-5 billion"
    currency: USD
  - company: Meta
    amount: 0
  - company: Meta
    amount: "₿5 billion"
  - company: Meta
    amount: "$5 billion"
    period: 0 years
  - company: Meta
    amount: "5 billion"
    currency: ZAR
  - company: Meta
    amount: "$5 billion"
    period: soonish
"#;
    let site = SiteTest::inline(CONFIG, &[("content/briefings/bad.md", &page(front, "Text.\n"))]);
    let run = site.build().fails();
    let e = run.stderr();
    for needle in [
        "bad.md:6:5: error: capex entry 1: cannot read `amount: lots`",
        "bad.md:8:5: error: capex entry 2: `amount: -5 billion` must be more than zero",
        "bad.md:11:5: error: capex entry 3: `amount` must be more than zero",
        "bad.md:13:5: error: capex entry 4: unknown currency symbol `₿`",
        "bad.md:16:5: error: capex entry 5: `period: 0 years`: a period must be longer than zero",
        "bad.md:19:5: error: capex entry 6 (Meta): no exchange rate for ZAR",
        "bad.md:22:5: error: capex entry 7: `period: soonish`: cannot read it as a period",
    ] {
        assert!(e.contains(needle), "stderr lacks {needle:?}:\n{e}");
    }
    assert!(!site.public().exists(), "nothing is written when the build fails");
}

#[test]
fn unknown_company_is_a_warning_suggesting_the_closest() {
    let site = SiteTest::inline(
        CONFIG,
        &[(
            "content/briefings/a.md",
            &page("capex:\n  - company: Gogle\n    amount: \"$75 billion\"\n    period: 2025\n", "Text.\n"),
        )],
    );
    site.build()
        .ok()
        .stderr_has("a.md:5:3: warning: capex entry 1: company `Gogle` is not in the registry")
        .stderr_has("did you mean `Alphabet`?");
}

#[test]
fn fx_rates_from_config_are_used_and_dated() {
    let config = format!("{CONFIG}fx:\n  as_of: 2025-02-24\n  rates:\n    CNY: 0.137\n    CHF: 1.1\n");
    let site = SiteTest::inline(
        &config,
        &[(
            "content/briefings/a.md",
            &page(
                "capex:\n  - company: Alibaba Group\n    amount: RMB 380 billion\n    period: over the next three years\n  - company: Nestle\n    amount: 5 billion\n    currency: CHF\n    period: 2025-2026\n",
                "Body.\n",
            ),
        )],
    );
    site.build().ok();
    let html = site.output("briefings/a/index.html");
    assert!(html.contains("$52.1 billion"), "{html}");
    assert!(html.contains("(rate of 24 February 2025, set for this site)"), "{html}");
    assert!(html.contains("2025–2026"), "{html}");
    assert!(html.contains("<a href=\"/companies/alibaba/\">Alibaba</a>"), "{html}");
}

/// Each commitment converts at the average rate of the month it was announced: the bundled
/// table's, or a site's own monthly rate for that month; the note names each month.
#[test]
fn a_commitment_converts_at_the_rate_of_its_announcement_month() {
    let config = format!("{CONFIG}fx:\n  monthly:\n    2025-08:\n      CNY: 0.14\n");
    let entry = |amount: &str, announced: &str| {
        format!("  - company: Alibaba\n    amount: {amount}\n    period: 2026\n    announced: {announced}\n")
    };
    let front = format!(
        "capex:\n{}{}{}",
        entry("RMB 100 billion", "2025-02-24"),
        entry("RMB 100 billion", "2025-08-29"),
        entry("RMB 100 billion", "2099-01-01")
    );
    let site = SiteTest::inline(&config, &[("content/briefings/a.md", &page(&front, "Body.\n"))]);
    site.build().ok();
    let html = site.output("briefings/a/index.html");
    // February 2025: 7.2734 yuan to the dollar; August from config; 2099 past the table's end.
    assert!(html.contains("$13.7 billion"), "{html}");
    assert!(html.contains("$14 billion"), "{html}");
    assert!(html.contains("$1 = 7.2734 CNY (February 2025)"), "{html}");
    assert!(html.contains("$1 = 7.1429 CNY (August 2025, set for this site)"), "{html}");
    assert!(html.contains("the latest month available)"), "{html}");
    let es = site.output("es/companies/alibaba/index.html");
    assert!(es.contains("1 $ = 7,2734 CNY (febrero de 2025)"), "{es}");
}

#[test]
fn shortcodes_place_tables_and_leave_other_braces_alone() {
    let body =
        "Intro paragraph.\n\n{{ capex_table() }}\n\nMiddle with {{ not_a_shortcode }} and {% raw %}.\n\
{{ capex_chart(companies=[\"Google\"]) }}\n\n```text\n{{ capex_table() }}\n```\n";
    let front = "capex:\n  - company: Meta\n    amount: \"$60-65 billion\"\n    period: 2025\n  - company: Alphabet\n    amount: \"$75B\"\n    period: in 2025\n";
    let site = SiteTest::inline(CONFIG, &[("content/briefings/a.md", &page(front, body))]);
    site.build().ok();
    let html = site.output("briefings/a/index.html");
    assert_eq!(html.matches("<table class=\"capex-table\">").count(), 1, "{html}");
    assert!(html.contains("{{ not_a_shortcode }} and {% raw %}"), "{html}");
    assert!(html.contains("{{ capex_table() }}"), "the fenced one stays literal: {html}");
    assert!(html.contains("<svg"), "{html}");
    assert!(!html.contains("capbriefcapexshortcode"), "{html}");
    let chart_start = html.find("<svg").unwrap();
    assert!(html[chart_start..].contains(">Alphabet<"), "{html}");
    assert!(!html[chart_start..html[chart_start..].find("</svg>").unwrap() + chart_start].contains(">Meta<"));
    // The template's own table is not added when the body places one.
    assert!(!html.contains("<section class=\"capex\">"), "{html}");
    // Spanish translation renders the same shortcode with Spanish figures.
    let es_site = SiteTest::inline(
        CONFIG,
        &[
            ("content/briefings/a.md", &page(front, body)),
            ("content/briefings/a.es.md", "---\ntitle: Un informe\n---\nTexto.\n\n{{ capex_table() }}\n"),
        ],
    );
    es_site.build().ok();
    let es = es_site.output("es/briefings/a/index.html");
    assert!(es.contains("60.000–65.000 millones de dólares"), "{es}");
}

#[test]
fn bad_shortcode_arguments_are_located_errors() {
    let front = "capex:\n  - company: Meta\n    amount: \"$65 billion\"\n    period: 2025\n";
    let site = SiteTest::inline(
        CONFIG,
        &[(
            "content/briefings/a.md",
            &page(
                front,
                "Intro.\n\n{{ capex_table(sort=\"usd\") }}\n\n{{ capex_table(companies=[\"Oracle\"]) }}\n",
            ),
        )],
    );
    site.build()
        .fails()
        .stderr_has("a.md:11:1: error: `{{ capex_table(sort=\"usd\") }}`: unknown argument `sort`")
        .stderr_has("a.md:13:1: error: `{{ capex_table(companies=[\"Oracle\"]) }}`: no capex entry of this page is for `Oracle`");
}

/// A company's figure table covers every briefing about it: templates get it as `company` on
/// the first page of the company's listing, and null on the others.
#[test]
fn company_table_is_given_to_the_first_listing_page_only() {
    let config = "title: T\nbase_url: https://example.org/\npaginate: 1\ncompanies:\n  - {name: Meta}\n";
    let article = |n: u32| {
        format!(
            "---\ntitle: Meta plan {n}\ndate: 2025-01-0{n}\ncompanies: [Meta]\ncapex:\n  - company: Meta\n    amount: \"$6{n} billion\"\n    period: \"2025\"\n    announced: 2025-01-0{n}\n---\nMeta will spend $6{n} billion in 2025.\n"
        )
    };
    let (a, b) = (article(1), article(2));
    let template = "{% if company %}TABLE:{{ company.rows | length }}{% else %}NO-TABLE{% endif %} page {{ paginator.current }}";
    let site = SiteTest::inline(
        config,
        &[
            ("content/briefings/a.md", a.as_str()),
            ("content/briefings/b.md", b.as_str()),
            ("templates/term.html", template),
        ],
    );
    site.build().ok();
    let first = site.output("companies/meta/index.html");
    assert!(first.contains("TABLE:2 page 1"), "{first}");
    let second = site.output("companies/meta/page/2/index.html");
    assert!(second.contains("NO-TABLE page 2"), "{second}");
}
