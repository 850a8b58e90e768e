//! The data pages: the CSV and JSON downloads hold the figures the tables show; the header
//! marks the current section; company pages give their facts; drafts carry a banner; and,
//! in headless Chromium, every data page fits, reads and passes axe at every width, in light
//! and dark, in both languages (`tests/browser/data_pages.cjs`).

use crate::support::{browser_modules, repo_root, SiteTest};
use capbrief::i18n::format_money_range_compact;
use scraper::{Html, Selector};

/// RFC 4180 CSV: rows of fields (quoted fields may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty(), "the file ends with a line break");
    rows
}

/// The CSV as records by column name.
fn csv_records(text: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let rows = parse_csv(text);
    let header = &rows[0];
    rows[1..].iter().map(|r| header.iter().cloned().zip(r.iter().cloned()).collect()).collect()
}

fn number(s: &str) -> Option<f64> {
    (!s.is_empty()).then(|| s.parse().unwrap_or_else(|_| panic!("not a number: {s}")))
}

/// One row of a capex table as the page shows it: the row header's value and the text of
/// the per-year, total and as-announced cells, with the raw values behind them.
#[derive(Debug)]
struct ShownRow {
    key: String,
    per_year: String,
    per_year_value: Option<String>,
    total: String,
    total_value: String,
    as_announced: String,
}

fn table_rows(html: &str) -> Vec<ShownRow> {
    let doc = Html::parse_document(html);
    let entry = Selector::parse("table.capex-table tbody.entry").unwrap();
    let main = Selector::parse("tr.main").unwrap();
    let cells = Selector::parse("th, td").unwrap();
    doc.select(&entry)
        .map(|group| {
            let row = group.select(&main).next().unwrap();
            let cells: Vec<_> = row.select(&cells).collect();
            let text = |i: usize| cells[i].text().collect::<String>();
            let value = |i: usize| cells[i].value().attr("data-value").map(String::from);
            ShownRow {
                key: value(0).unwrap(),
                per_year: text(1),
                per_year_value: value(1),
                total: text(2),
                total_value: value(2).unwrap(),
                as_announced: text(3),
            }
        })
        .collect()
}

/// Checks a table against its CSV and JSON: the same commitments in the same order, each
/// figure the table shows written from the file's numbers, and the JSON's numbers the CSV's.
fn check_downloads(site: &SiteTest, page: &str, dir: &str, lang: &str, key_column: &str) -> usize {
    let rows = table_rows(&site.output(page));
    let csv = csv_records(&site.output(&format!("{dir}commitments.csv")));
    let json: serde_json::Value =
        serde_json::from_str(&site.output(&format!("{dir}commitments.json"))).unwrap();
    let commitments = json["commitments"].as_array().unwrap();
    assert_eq!(json["schema"], "capbrief-commitments/1");
    assert_eq!(rows.len(), csv.len(), "{page}: one CSV row per table row");
    assert_eq!(csv.len(), commitments.len(), "{dir}: the CSV and the JSON hold the same rows");
    for ((shown, record), object) in rows.iter().zip(&csv).zip(commitments) {
        assert_eq!(shown.key, record[key_column], "{page}: the same order");
        let nbsp = |s: String| s.replace('\u{a0}', " ");
        let per_year = number(&record["usd_per_year"]);
        let expected = per_year
            .map(|lo| format_money_range_compact(lo, number(&record["usd_per_year_high"]), "USD", lang))
            .unwrap_or_else(|| "—".into());
        assert_eq!(nbsp(shown.per_year.clone()), nbsp(expected), "{page}: per year of {}", shown.key);
        let usd = number(&record["usd"]).unwrap();
        let usd_high = number(&record["usd_high"]);
        let total = format_money_range_compact(usd, usd_high, "USD", lang);
        assert_eq!(nbsp(shown.total.clone()), nbsp(total), "{page}: total of {}", shown.key);
        let amount = format_money_range_compact(
            number(&record["amount"]).unwrap(),
            number(&record["amount_high"]),
            &record["currency"],
            lang,
        );
        // As announced: the compact amount after the qualifier it was written with, in the
        // page's language (`about $100bn`, `unos 100.000 M$`), and nothing else.
        let (shown_amount, amount) = (nbsp(shown.as_announced.clone()), nbsp(amount));
        let qualifier = shown_amount.strip_suffix(&amount).unwrap_or_else(|| {
            panic!("{page}: as announced of {} is {shown_amount:?}, not {amount:?}", shown.key)
        });
        let written = capbrief::capex::amount::split_qualifier(&record["amount_text"]).0.is_some();
        assert_eq!(
            !qualifier.trim().is_empty(),
            written,
            "{page}: qualifier of {}: {shown_amount:?}",
            shown.key
        );
        // The raw values the table sorts by are the file's, to the last digit.
        let mid = usd_high.map_or(usd, |h| (usd + h) / 2.0);
        assert_eq!(shown.total_value.parse::<f64>().unwrap(), mid, "{page}: {}", shown.key);
        assert_eq!(shown.per_year_value.is_some(), per_year.is_some());
        for (column, value) in record {
            let json_value = &object[column];
            match value.parse::<f64>().ok().filter(|_| json_value.is_number()) {
                Some(n) => assert_eq!(json_value.as_f64(), Some(n), "{dir}: {column} of {}", shown.key),
                None if value.is_empty() => assert!(json_value.is_null(), "{dir}: {column} of {}", shown.key),
                None => assert_eq!(json_value.to_string().trim_matches('"'), value, "{dir}: {column}"),
            }
        }
    }
    rows.len()
}

#[test]
fn downloads_hold_the_figures_the_tables_show() {
    let site = SiteTest::example();
    site.build().ok();
    assert_eq!(check_downloads(&site, "compare/index.html", "compare/", "en", "company"), 6);
    assert_eq!(check_downloads(&site, "es/compare/index.html", "compare/", "es", "company"), 6);
    assert_eq!(
        check_downloads(&site, "companies/alphabet/index.html", "companies/alphabet/", "en", "announced"),
        2
    );
    check_downloads(&site, "es/companies/alibaba/index.html", "companies/alibaba/", "es", "announced");
    // The site-wide files hold every company's rows, companies in slug order.
    let all = csv_records(&site.output("data/commitments.csv"));
    let mut from_companies = Vec::new();
    let mut slugs: Vec<String> = all.iter().map(|r| r["company_slug"].clone()).collect();
    slugs.dedup();
    assert!(slugs.windows(2).all(|w| w[0] < w[1]), "{slugs:?}");
    for slug in &slugs {
        from_companies.extend(csv_records(&site.output(&format!("companies/{slug}/commitments.csv"))));
    }
    assert_eq!(all, from_companies);
    // Yuan at the rate of the announcement month, dated as a month.
    let alibaba = all.iter().find(|r| r["company"] == "Alibaba").unwrap();
    assert_eq!((alibaba["fx_rate_date"].as_str(), alibaba["fx_source"].as_str()), ("2025-02", "bundled"));
    assert_eq!(number(&alibaba["fx_usd_per_unit"]), Some(1.0 / 7.2734));
    // Every page with a table links its files, and the site-wide ones.
    let compare = site.output("compare/index.html");
    for href in [
        "/capbrief/compare/commitments.csv",
        "/capbrief/compare/commitments.json",
        "/capbrief/data/commitments.csv",
    ] {
        assert!(compare.contains(&format!("href=\"{href}\"")), "{href}");
    }
    let es = site.output("es/companies/alibaba/index.html");
    assert!(
        es.contains("href=\"/capbrief/companies/alibaba/commitments.csv\""),
        "one file for every language"
    );
    // The same content builds the same bytes.
    let first = std::fs::read(site.public().join("data/commitments.json")).unwrap();
    site.build().ok();
    assert_eq!(first, std::fs::read(site.public().join("data/commitments.json")).unwrap());
}

#[test]
fn the_header_marks_the_current_section() {
    let site = SiteTest::example();
    site.build().ok();
    let compare = site.output("compare/index.html");
    assert!(
        compare.contains("<a href=\"/capbrief/compare/\" aria-current=\"page\">Compare</a>"),
        "{compare}"
    );
    let es = site.output("es/compare/index.html");
    assert!(es.contains("<a href=\"/capbrief/es/compare/\" aria-current=\"page\">Comparar</a>"));
    let article = site.output("briefings/amazon-100-billion-2025/index.html");
    assert!(article.contains("<a href=\"/capbrief/briefings/\" aria-current=\"true\">Briefings</a>"));
    let tag = site.output("tags/cloud/index.html");
    assert!(tag.contains("<a href=\"/capbrief/tags/\" aria-current=\"true\">Tags</a>"));
    assert!(!tag.contains("aria-current=\"page\">Tags"));
    let home = site.output("index.html");
    assert!(home.contains("<a class=\"brand\" href=\"/capbrief/\" aria-current=\"page\">"));
    // One line of sections for the desktop, the same in the phone's menu.
    assert_eq!(home.matches("aria-current=\"page\"").count(), 1);
    assert!(home.contains("<details class=\"menu\">"));
}

#[test]
fn company_pages_give_their_facts_above_the_history() {
    let site = SiteTest::example();
    site.build().ok();
    let page = site.output("companies/alibaba/index.html");
    let facts = page.find("<dl class=\"facts\">").expect("facts");
    let history = page.find("Commitment history").unwrap();
    assert!(facts < history);
    let facts = &page[facts..history];
    for needle in [
        "<dt>Headquarters</dt><dd>China</dd>",
        "<a class=\"ticker\" href=\"/capbrief/tickers/baba/\">BABA</a>",
        "<a class=\"ticker\" href=\"/capbrief/tickers/9988-hk/\">9988.HK</a>",
        "<dt>Fiscal year ends</dt><dd>March</dd>",
        "<dt>Current commitment</dt><dd>$17.4bn a year, 3 years (2025–2027); announced 24 February 2025",
    ] {
        assert!(facts.contains(needle), "{needle}:\n{facts}");
    }
    let es = site.output("es/companies/microsoft/index.html");
    assert!(es.contains("<dt>Sede</dt><dd>Estados Unidos</dd>"), "{es}");
    assert!(es.contains("<dt>Cierre del ejercicio</dt><dd>Junio</dd>"), "{es}");
    // A December year end says so.
    assert!(site.output("companies/amazon/index.html").contains("<dd>December (calendar year)</dd>"));
}

#[test]
fn the_home_page_opens_with_the_latest_figures() {
    let site = SiteTest::example();
    site.build().ok();
    let home = site.output("index.html");
    let figures = home.find("<section class=\"latest-figures\"").expect("figures");
    assert!(figures < home.find("class=\"list-heading\"").unwrap(), "before the briefings");
    assert!(home[figures..].contains("<span class=\"chart-title\">Who spends what, year by year</span>"));
    assert!(home[figures..].contains("href=\"/capbrief/compare/\">Compare every company →</a>"));
    let compare = site.output("compare/index.html");
    assert!(compare.contains("id=\"years-chart\"") && compare.contains("<details class=\"chart-data\">"));
    // Only the first page of the home listing carries them.
    let site = SiteTest::example();
    site.write(
        "config.yaml",
        &std::fs::read_to_string(site.root.join("config.yaml"))
            .unwrap()
            .replace("paginate: 10", "paginate: 2"),
    );
    site.build().ok();
    assert!(!site.output("page/2/index.html").contains("latest-figures"));
}

#[test]
fn a_draft_carries_a_banner_in_builds_with_drafts() {
    let config = "title: T\nbase_url: https://example.org/\nlanguages:\n  en: {}\n  es: {}\n";
    let draft = "---\ntitle: Not yet\ndate: 2025-03-01\ndraft: true\n---\nText.\n";
    let site = SiteTest::inline(config, &[("content/briefings/a.md", draft)]);
    site.run(&["build", "--drafts"]).ok();
    let page = std::fs::read_to_string(site.root.join("public-drafts/briefings/a/index.html")).unwrap();
    let banner = page
        .find("<div class=\"draft-banner\" role=\"note\"><strong>Draft: not published</strong>")
        .expect("banner");
    assert!(banner < page.find("<h1>").unwrap(), "above the headline");
}

/// Home, a briefing, /compare/ and a company page, in English and Spanish, at 320, 390,
/// 768, 1366 and 1920 px, light and dark: nothing wider than its container or the viewport,
/// no chart text under 11 px, no axe-core violation. Screenshots go to
/// `target/screenshots/data-pages/`.
#[test]
#[ignore = "needs chromium and playwright-core (`.ci/run` installs them and runs this with --ignored)"]
fn data_pages_fit_read_and_pass_axe_at_every_width() {
    let modules = browser_modules(true);
    let site = SiteTest::example();
    let mut child = site
        .cmd(&["serve", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(child.stdout.take().unwrap()));
    let first = lines.next().unwrap().unwrap();
    std::thread::spawn(move || lines.for_each(drop));
    let url = first.split(" at ").nth(1).unwrap().trim().to_string();
    let shots = repo_root().join("target/screenshots/data-pages");
    std::fs::create_dir_all(&shots).unwrap();
    let out = std::process::Command::new("node")
        .arg(repo_root().join("tests/browser/data_pages.cjs"))
        .arg(&url)
        .arg(&shots)
        .arg(modules.join("axe-core/axe.min.js"))
        .env("NODE_PATH", &modules)
        .output()
        .expect("node must be installed to run the browser test");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        out.status.success(),
        "browser check failed\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("80 views checked"));
    assert!(shots.join("compare-es-320-dark.png").is_file());
}
