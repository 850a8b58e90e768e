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
    assert!(compare.contains("<caption>Current capex commitment per company</caption>"), "{compare}");
    // Sorted by US dollars per year: Amazon ($100bn in 2025) before Alibaba (RMB 380bn over three years).
    let amazon = compare.find("companies/amazon/").unwrap();
    let alibaba = compare.find("companies/alibaba/").unwrap();
    assert!(amazon < alibaba);
    assert!(compare.contains("3 years (2025–2027)"), "{compare}");
    // Alibaba's yuan at February 2025's average, the month it announced; dated as pages date.
    assert!(compare.contains("$1 = 7.2734 CNY (February 2025)"), "{compare}");
    // Compact in the cell, whole in its title, split for alignment on the decimal point.
    assert!(
        compare.contains("title=\"$60–65 billion\" aria-label=\"$60–65 billion\"><span class=\"i\">$60–65</span><span class=\"f\">bn</span></td>"),
        "{compare}"
    );
    // The qualifier it was announced with stays visible in the short form.
    assert!(
        compare.contains("aria-label=\"about $100 billion\"><span class=\"i\">about $100</span><span class=\"f\">bn</span></td>"),
        "{compare}"
    );
    assert!(compare.contains(">more than RMB\u{a0}380</span>"), "{compare}");
    assert!(compare.contains("<th scope=\"row\""));
    assert!(compare.contains("<title id=\"compare-chart-title\">"));
    // No script but the theme's deferred search script and the table's sorting.
    assert_eq!(compare.matches("<script").count(), 2, "{compare}");
    assert!(
        compare.contains("search.js\" defer></script>") && compare.contains("capex.js\" defer></script>")
    );

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
    assert_eq!(html.matches("class=\"capex-table ").count(), 1, "{html}");
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

/// A briefing dated `date` with these `capex:` entries (YAML list items) and body.
fn briefing(date: &str, entries: &str, body: &str) -> String {
    format!("---\ntitle: Briefing of {date}\ndate: {date}\ncapex:\n{entries}---\n{body}\n")
}

#[test]
fn one_row_per_real_commitment_with_every_report_and_the_revision() {
    // Alphabet's 2025 plan reported by two outlets (one in a headline's rounding), then
    // raised in July: two rows on its page, the first marked as revised; /compare/ shows the
    // raised figure.
    let site = SiteTest::inline(
        CONFIG,
        &[
            (
                "content/briefings/wire-feb.md",
                &briefing("2025-02-04", "  - {company: Alphabet, amount: \"$75 billion\", period: \"2025\"}\n", "Alphabet expects to invest about $75 billion in 2025."),
            ),
            (
                "content/briefings/trade-feb.md",
                &briefing("2025-02-05", "  - {company: Google, amount: \"about $75bn\", period: \"this year\"}\n", "Google's parent plans about $75bn of capex this year."),
            ),
            (
                "content/briefings/wire-jul.md",
                &briefing("2025-07-23", "  - {company: Alphabet, amount: \"$85 billion\", period: \"2025\"}\n", "Alphabet now expects capital expenditures of about $85 billion in 2025."),
            ),
            (
                "content/briefings/past.md",
                &briefing("2025-07-24", "  - {company: Meta, amount: \"$39.2 billion\", period: \"2024\"}\n  - {company: Meta, amount: \"$64 billion to $72 billion\", period: \"2025\"}\n", "Meta spent $39.2 billion in 2024 and plans $64 billion to $72 billion in 2025."),
            ),
        ],
    );
    site.build().ok();
    let company = site.output("companies/alphabet/index.html");
    // One group of rows per commitment: its figures, then its line of detail.
    let rows = company.matches("<tbody class=\"entry").count();
    assert_eq!(rows, 2, "two real commitments, each once:\n{company}");
    assert!(company.contains("revised to $85 billion"), "{company}");
    assert!(company.contains("class=\"entry superseded\""), "{company}");
    // Both outlets' briefings are linked from the February commitment.
    let feb = company.split("<tbody").find(|r| r.contains("$75 billion")).unwrap();
    assert!(feb.contains("/briefings/wire-feb/") && feb.contains("/briefings/trade-feb/"), "{feb}");

    let compare = site.output("compare/index.html");
    assert!(compare.contains("$85 billion"), "{compare}");
    assert!(
        !compare.contains("<td class=\"num\">$75 billion"),
        "a superseded figure is never the headline: {compare}"
    );
    assert!(compare.contains("revised from $75 billion (4 February 2025)"), "{compare}");
    // Meta's 2024 spending is history, not its current commitment (current is July 2025).
    assert!(compare.contains("$64–72 billion") && !compare.contains("$39.2 billion"), "{compare}");

    // The data file has every commitment with its reports.
    let data: serde_json::Value = serde_json::from_str(&site.output("data/ledger.json")).unwrap();
    assert_eq!(data["as_of"], "2025-07-24");
    let alphabet = data["companies"].as_array().unwrap().iter().find(|c| c["company"] == "Alphabet").unwrap();
    assert_eq!(alphabet["current"], 1);
    assert_eq!(alphabet["commitments"][0]["reports"].as_array().unwrap().len(), 2);
    assert_eq!(alphabet["commitments"][0]["revised_by"], 1);
    assert_eq!(alphabet["commitments"][1]["revises"], 0);
}

#[test]
fn an_editor_pins_the_compare_row_and_current_comes_from_content() {
    let files = |pin: bool| {
        vec![
            (
                "content/briefings/a.md".to_string(),
                briefing("2025-01-03", &format!("  - {{company: Microsoft, amount: \"$80 billion\", period: \"FY2025\", pin: {pin}}}\n"), "Microsoft plans $80 billion in fiscal 2025."),
            ),
            (
                "content/briefings/b.md".to_string(),
                briefing("2025-09-16", "  - {company: Microsoft, amount: \"$30 billion\", period: \"2025-2028\"}\n", "Microsoft will invest $30 billion in the UK between 2025 and 2028."),
            ),
        ]
    };
    let build = |pin: bool| {
        let files = files(pin);
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let site = SiteTest::inline(CONFIG, &refs);
        site.build().ok();
        site.output("compare/index.html")
    };
    // Fiscal 2025 ended in June; on 16 September (the newest article) the UK plan is current.
    let unpinned = build(false);
    assert!(unpinned.contains("$30 billion") && !unpinned.contains("$80 billion"), "{unpinned}");
    let pinned = build(true);
    assert!(pinned.contains("$80 billion") && !pinned.contains("$30 billion"), "{pinned}");
}

#[test]
fn drafts_are_marked_in_previews_and_fail_strict_checks_until_reviewed() {
    let draft = "  - company: Meta\n    amount: \"$64 billion to $72 billion\"\n    period: \"2025\"\n    status: drafted\n    class: commitment\n    confidence: 0.95\n    sentence: \"Meta expects capital expenditures of $64 billion to $72 billion in 2025.\"\n";
    let body = "Meta expects capital expenditures of $64 billion to $72 billion in 2025. It spent $39.2 billion in 2024.";
    let site =
        SiteTest::inline(CONFIG, &[("content/briefings/meta.md", &briefing("2025-04-30", draft, body))]);
    site.build().ok();
    let published = site.output("briefings/meta/index.html");
    assert!(!published.contains("class=\"unreviewed\""), "{published}");
    site.run(&["build", "--drafts"]).ok();
    let preview = std::fs::read_to_string(site.root.join("public-drafts/briefings/meta/index.html")).unwrap();
    assert!(preview.contains("<span class=\"unreviewed\">unreviewed</span>"), "{preview}");

    // Check: the draft nobody reviewed, pointed at its `status:` line; `--strict` fails.
    let run = site.run(&["check"]).ok();
    run.stderr_has("content/briefings/meta.md:8:5: warning: capex entry 1 (Meta, $64 billion to $72 billion) is a draft nobody has reviewed");
    let strict = site.run(&["check", "--strict"]).fails();
    strict
        .stderr_has("error: capex entry 1 (Meta, $64 billion to $72 billion) is a draft nobody has reviewed");

    // Reviewed, and the past figure recorded as not a commitment: the strict check passes.
    let reviewed = draft.replace("    status: drafted\n", "");
    let text = briefing("2025-04-30", &reviewed, body).replace(
        "---\nMeta expects",
        "not_capex:\n  - amount: \"$39.2 billion\"\n    why: \"2024 spending\"\n    class: past\n---\nMeta expects",
    );
    site.write("content/briefings/meta.md", &text);
    site.run(&["check", "--strict"]).ok();
}

#[test]
fn review_fields_are_checked_where_they_are_written() {
    let entries = "  - company: Meta\n    amount: \"$39.2 billion\"\n    class: past\n    confidence: 1.5\n";
    let text = briefing("2025-04-30", entries, "Meta spent $39.2 billion in 2024.").replace(
        "---\nMeta spent",
        "not_capex:\n  - amount: lots\n    why: \"\"\n    class: forecast\n---\nMeta spent",
    );
    let site = SiteTest::inline(CONFIG, &[("content/briefings/meta.md", &text)]);
    let run = site.build().fails();
    for expected in [
        "content/briefings/meta.md:7:5: error: capex entry 1: `class: past` is money already spent, not a commitment",
        "content/briefings/meta.md:8:5: error: capex entry 1: `confidence: 1.5` must be between 0 and 1",
        "content/briefings/meta.md:10:3: error: not_capex entry 1: cannot read `amount` as an amount of money",
        "content/briefings/meta.md:11:5: error: not_capex entry 1: `why` is empty",
        "content/briefings/meta.md:12:5: error: not_capex entry 1: unknown `class: forecast`",
    ] {
        assert!(run.stderr().contains(expected), "missing {expected:?} in:\n{}", run.stderr());
    }
}

/// Imported pages, built: one company's two equal plans for two places are two rows of its
/// ledger, while a second outlet's report of one of them joins that one's row.
#[test]
fn equal_plans_for_different_places_stay_apart_and_two_outlets_of_one_join() {
    let site = SiteTest::inline(
        "title: T\nbase_url: https://example.org/\ncompanies:\n  - name: Alphabet\n    aliases: [Google]\n",
        &[
            (
                "pages/oklahoma.txt",
                "Google to put $9 billion into Oklahoma data centres\n\
                 August 13, 2025\n\
                 Google said on Wednesday it will invest $9 billion in Oklahoma over the next two years to build cloud and AI infrastructure.\n\
                 The money pays for a new campus near Stillwater and more capacity at an existing site.\n",
            ),
            (
                "pages/virginia.txt",
                "Google commits another $9 billion, this time to Virginia\n\
                 August 27, 2025\n\
                 Google will invest $9 billion in Virginia through 2026 to expand its data centre campuses there.\n\
                 The plan includes a new site in Chesterfield County.\n",
            ),
            (
                "pages/virginia-wire.txt",
                "Alphabet's Google lines up Virginia data centre spending\n\
                 August 27, 2025\n\
                 Alphabet's Google plans to spend $9bn in Virginia through 2026 on new data centre capacity, the state's governor said.\n\
                 Officials expect construction to begin this year.\n",
            ),
        ],
    );
    for (page, outlet) in [
        ("pages/oklahoma.txt", "Daily Wire"),
        ("pages/virginia.txt", "Daily Wire"),
        ("pages/virginia-wire.txt", "State News"),
    ] {
        let out = site.cmd(&["import", page, "--source-name", outlet]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    site.build().ok();
    let data: serde_json::Value = serde_json::from_str(&site.output("data/ledger.json")).unwrap();
    let alphabet = data["companies"].as_array().unwrap().iter().find(|c| c["company"] == "Alphabet").unwrap();
    let rows = alphabet["commitments"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "Oklahoma's and Virginia's plans are two commitments: {alphabet:#}");
    let reports: Vec<usize> = rows.iter().map(|r| r["reports"].as_array().unwrap().len()).collect();
    assert_eq!(reports, [1, 2], "both outlets' Virginia reports are one row: {alphabet:#}");
    assert!(rows.iter().all(|r| r["revises"].is_null() && r["revised_by"].is_null()), "{alphabet:#}");
}

#[test]
fn a_yearly_rate_is_shown_as_one_and_counted_over_its_period() {
    let site = SiteTest::inline(
        CONFIG,
        &[
            (
                "content/briefings/rate.md",
                &briefing(
                    "2025-06-10",
                    "  - {company: Meta, amount: \"$4 billion to $5 billion\", period: \"2026-2029\", per: year}\n",
                    "Meta expects to spend $4 billion to $5 billion a year from 2026 through 2029.",
                ),
            ),
            ("content/briefings/total.md", &briefing("2025-06-11", "  - {company: Alphabet, amount: \"$20 billion\", period: \"2026-2029\"}\n", "Alphabet will spend $20 billion from 2026 to 2029.")),
        ],
    );
    site.build().ok();
    let compare = site.output("compare/index.html");
    assert!(compare.contains("$4–5 billion a year"), "the rate is shown as one:\n{compare}");
    let data: serde_json::Value = serde_json::from_str(&site.output("data/ledger.json")).unwrap();
    let meta = data["companies"].as_array().unwrap().iter().find(|c| c["company"] == "Meta").unwrap();
    let row = &meta["commitments"][0];
    assert_eq!(row["per_year"], true);
    // The whole commitment is the rate times four years; a year's is the rate.
    assert_eq!(row["usd"].as_f64(), Some(16e9));
    assert_eq!(row["usd_high"].as_f64(), Some(20e9));
    assert_eq!(row["usd_per_year"].as_f64(), Some(4.5e9));
    let csv = site.output("data/commitments.csv");
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let per = header.iter().position(|h| *h == "per").expect("a `per` column");
    let meta_line = csv.lines().find(|l| l.starts_with("Meta,")).unwrap();
    assert_eq!(meta_line.split(',').nth(per), Some("year"), "{csv}");
    let alphabet_line = csv.lines().find(|l| l.starts_with("Alphabet,")).unwrap();
    assert_eq!(alphabet_line.split(',').nth(per), Some(""), "{csv}");

    // Any other unit is a located error.
    let site = SiteTest::inline(
        CONFIG,
        &[(
            "content/briefings/bad.md",
            &page("capex:\n  - company: Meta\n    amount: \"$4 billion\"\n    per: month\n", "Text.\n"),
        )],
    );
    let e = site.build().fails().stderr();
    assert!(e.contains("bad.md:7:5: error: capex entry 1: `per: month`: only `year` is known"), "{e}");
}
