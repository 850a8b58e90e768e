//! Site search: what the index holds, that it is the same bytes on every build, that
//! `search: false` removes it, and a real browser typing queries on served sites.

use crate::support::{browser_modules, copy_dir, repo_root, SiteTest};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CONFIG: &str = r#"title: "Search test"
base_url: "https://example.org/briefs/"
languages:
  en: {}
  es: {}
companies:
  - name: Alibaba
    aliases: ["Alibaba Group"]
    tickers: [BABA, "9988.HK"]
  - name: Amazon
    aliases: ["Amazon Web Services", "AWS"]
    tickers: [AMZN]
"#;

fn article(title: &str, date: &str, company: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\ncompanies: [{company}]\n{extra}---\n\n{body}\n")
}

fn files_below(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn small_site() -> SiteTest {
    let body = "Alibaba said it will spend more than RMB 380 billion on cloud and AI infrastructure over three years, more than it spent in the past decade.";
    SiteTest::inline(
        CONFIG,
        &[
            ("content/briefings/alibaba.md", &article("Alibaba plans RMB 380 billion for AI", "2025-02-24", "Alibaba", "", body)),
            (
                "content/briefings/alibaba.es.md",
                "---\ntitle: \"Alibaba invertirá 380.000 millones de yuanes en IA\"\n---\n\nAlibaba prevé una inversión de más de 380.000 millones de yuanes en la nube y en IA.\n",
            ),
            (
                "content/briefings/amazon.md",
                &article("Amazon signals $100 billion of spending", "2025-02-06", "Amazon", "", "Amazon expects capital spending near $100 billion, mostly for data centres."),
            ),
            (
                "content/briefings/amazon-draft.md",
                &article("Unpublished draft about Amazon", "2025-03-01", "Amazon", "draft: true\n", "A draft nobody should find."),
            ),
            (
                "content/briefings/alibaba-copy.md",
                &article(
                    "Copied wire story on Alibaba",
                    "2025-02-25",
                    "Alibaba",
                    "duplicate_of: briefings/alibaba.md\n",
                    body,
                ),
            ),
        ],
    )
}

/// Every published briefing is in its language's index; drafts and folded duplicates are not;
/// two builds of the same site write the same bytes.
#[test]
fn the_index_holds_published_briefings_only_and_is_the_same_on_every_build() {
    let site = small_site();
    site.build().ok();
    let meta: serde_json::Value = serde_json::from_str(&site.output("search-index/en/meta.json")).unwrap();
    assert_eq!(meta["docs"], 2, "{meta}");
    assert_eq!(meta["facets"]["company"], serde_json::json!(["Alibaba", "Amazon"]));
    assert_eq!(meta["facets"]["ticker"], serde_json::json!(["9988.HK", "AMZN", "BABA"]));
    let es: serde_json::Value = serde_json::from_str(&site.output("search-index/es/meta.json")).unwrap();
    assert_eq!(es["docs"], 1, "{es}");
    let index = site.public().join("search-index");
    let all: String = files_below(&index).into_iter().map(|(_, b)| String::from_utf8(b).unwrap()).collect();
    assert!(all.contains("/briefs/briefings/alibaba/"), "links are under the base path");
    assert!(all.contains("/briefs/es/briefings/alibaba/"));
    assert!(!all.contains("Unpublished draft") && !all.contains("amazon-draft"), "a draft is indexed");
    assert!(
        !all.contains("Copied wire story") && !all.contains("alibaba-copy"),
        "a folded duplicate is indexed"
    );
    // A ticker, an alias (stemmed as a query for it is) and a normalised figure are terms.
    for term in ["9988.hk\t", "baba\t", "aw\t", "servic\t", "100bn\t", "380bn\t"] {
        assert!(all.contains(term), "no {term:?} in the index");
    }
    let es_terms = std::fs::read_to_string(index.join("es/t/0.txt")).unwrap();
    assert!(es_terms.contains("380bn\t") && es_terms.contains("inversion\t"), "{es_terms}");

    let first = files_below(&site.public());
    std::fs::rename(site.public(), site.root.join("first")).unwrap();
    site.build().ok();
    let second = files_below(&site.public());
    assert_eq!(first.len(), second.len());
    for ((a, x), (b, y)) in first.iter().zip(&second) {
        assert_eq!(a, b);
        assert!(x == y, "{a} differs between two builds of the same site");
    }
    // Every page has the box, pointing at its language's search page, and each language
    // has a search page.
    let home = site.output("index.html");
    assert!(home.contains(r#"action="/briefs/search/""#), "{home}");
    assert!(home.contains(r#"src="/briefs/search.js""#));
    assert!(site.output("es/briefings/alibaba/index.html").contains(r#"action="/briefs/es/search/""#));
    assert!(site.output("search/index.html").contains(r#"id="search-page""#));
    assert!(site.output("es/search/index.html").contains("Buscar en los informes"));
}

/// `search: false` writes no index, no script and no box.
#[test]
fn search_false_turns_search_off() {
    let site = small_site();
    site.write("config.yaml", &format!("{CONFIG}search: false\n"));
    site.build().ok();
    assert!(!site.public().join("search-index").exists());
    assert!(!site.public().join("search.js").exists());
    assert!(!site.public().join("search").exists());
    let home = site.output("index.html");
    assert!(!home.contains("search-box") && !home.contains("search.js"), "{home}");
}

/// A misspelt `search` value names the file and line.
#[test]
fn a_search_value_that_is_not_a_boolean_is_an_error() {
    let site = small_site();
    site.write("config.yaml", &format!("{CONFIG}search: sometimes\n"));
    site.build().fails().stderr_has("config.yaml:").stderr_has("search");
}

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn run_browser(modules: &Path, base: &str, cases: &str, serve_dir: Option<&Path>) {
    let dir = tempfile::tempdir().unwrap();
    let cases_file = dir.path().join("cases.json");
    std::fs::write(&cases_file, cases).unwrap();
    let mut cmd = Command::new("node");
    cmd.arg(repo_root().join("tests/browser/search.cjs")).arg(base).arg(&cases_file);
    if let Ok(shots) = std::env::var("CAPBRIEF_SCREENSHOTS") {
        cmd.arg(shots);
    }
    if let Some(d) = serve_dir {
        cmd.env("CAPBRIEF_STATIC_DIR", d);
    }
    let out = cmd.env("NODE_PATH", modules).output().expect("node must be installed to run the browser test");
    println!("{}", String::from_utf8_lossy(&out.stdout));
    assert!(
        out.status.success(),
        "browser test failed\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `capbrief serve --port 0`: the server and its URL.
fn serve(site: &SiteTest) -> (Running, String) {
    use std::io::BufRead;
    let mut child =
        site.cmd(&["serve", "--port", "0"]).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first.split(" at ").nth(1).unwrap().trim().to_string();
    std::thread::spawn(move || lines.for_each(drop));
    (Running(child), url)
}

/// Waits until `url` answers 200 (the dev server makes the index after the first reload).
fn wait_for(url: &str) {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_once('/').unwrap();
    let start = Instant::now();
    loop {
        use std::io::{Read, Write};
        if let Ok(mut s) = std::net::TcpStream::connect(host) {
            let _ = write!(s, "GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
            let mut reply = String::new();
            let _ = s.read_to_string(&mut reply);
            if reply.starts_with("HTTP/1.1 200") {
                return;
            }
        }
        assert!(start.elapsed() < Duration::from_secs(60), "{url} never answered");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The bundled example, offline from `capbrief serve` under its project sub-path
/// (`/capbrief/`): words, a ticker, an alias, figures as written and normalised, Spanish
/// without accents, a company filter on the search page, and a query with no result.
#[test]
#[ignore = "needs chromium and playwright-core (`.ci/run` installs them and runs this with --ignored)"]
fn a_real_browser_searches_the_example_site() {
    let modules = browser_modules(false);
    let site = SiteTest::example();
    let (_server, url) = serve(&site);
    assert!(url.ends_with("/capbrief/"), "{url}");
    wait_for(&format!("{url}search-index/es/meta.json"));
    let cases = r#"{"box": [
 {"query": "Microsoft", "first": "Microsoft plans", "marked": true, "shot": "example-box"},
 {"query": "BABA", "first": "Alibaba to invest"},
 {"query": "9988.HK", "first": "Alibaba to invest"},
 {"query": "Google", "first": "Alphabet expects"},
 {"query": "AWS", "first": "Amazon signals"},
 {"query": "80bn", "first": "Microsoft plans"},
 {"query": "$80 billion", "first": "Microsoft plans"},
 {"page": "es/", "query": "inversion", "expect": ["Meta fija", "Alibaba invertirá"], "marked": true},
 {"query": "zzqxv", "none": true}
],
"facet": {"query": "capital spending", "facet": "company", "value": "Meta", "expect": ["Meta sets"], "absent": ["Amazon signals"]}}"#;
    run_browser(&modules, &url, cases, None);
}

const COMPANIES: [(&str, &str); 8] = [
    ("Alibaba", "RMB"),
    ("Microsoft", "$"),
    ("Meta", "$"),
    ("Amazon", "$"),
    ("Alphabet", "$"),
    ("Tencent", "RMB"),
    ("Nvidia", "$"),
    ("SAP", "€"),
];

/// A corpus of `n` briefings in the shape of the bundled example's, with a few planted ones the
/// browser test looks for.
fn write_corpus(root: &Path, n: usize) {
    let places = ["Virginia", "Johor", "Frankfurt", "Osaka", "Querétaro", "Zhangjiakou", "Dublin"];
    let things = ["data centres", "GPU clusters", "power contracts", "cooling systems", "fibre links"];
    for i in 0..n {
        let (company, cur) = COMPANIES[i % COMPANIES.len()];
        let amount = 40 + (i * 7) % 150;
        let year = 2023 + i % 3;
        let date = format!("{year}-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        let place = places[i % places.len()];
        let thing = things[(i / 3) % things.len()];
        let title = format!("{company} sets aside {cur}{amount} billion for {thing} in {place}");
        let body = format!(
            "{company} said it would spend {cur}{amount} billion on {thing} in {place} during {year}. \
             The plan adds to earlier commitments and, according to the company, most of the money \
             goes to buildings, chips and electricity.\n\nAnalysts expect the capex to weigh on free \
             cash flow. Suppliers in {place} report orders for transformers and servers.\n"
        );
        let tags = ["data-centers", "chips", "energy"][i % 3];
        let text = format!(
            "---\ntitle: \"{title}\"\ndate: {date}\ncompanies: [{company}]\ntags: [{tags}]\n---\n\n{body}"
        );
        let dir = root.join("content/briefings");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("b{i:04}.md")), text).unwrap();
        if i % 10 == 1 {
            let es = format!(
                "---\ntitle: \"{company} destina {amount}.000 millones a {place}\"\n---\n\n{company} invertirá \
                 {amount}.000 millones en centros de datos de {place}. La inversión se suma a compromisos \
                 anteriores.\n"
            );
            std::fs::write(dir.join(format!("b{i:04}.es.md")), es).unwrap();
        }
    }
    let planted = [
        (
            "oracle-fiscal-2026.md",
            "---\ntitle: \"Oracle lifts its fiscal 2026 capex plan to $35 billion\"\ndate: 2025-09-10\ncompanies: [Oracle]\ntickers: [ORCL]\ntags: [cloud]\n---\n\nOracle told investors it now expects capital expenditure of about $35 billion in fiscal 2026, up from its earlier guidance, to build cloud regions for AI customers.\n",
        ),
        (
            "oracle-fiscal-2026.es.md",
            "---\ntitle: \"Oracle eleva a 35.000 millones su inversión prevista para el ejercicio 2026\"\n---\n\nOracle espera una inversión de capital de unos 35.000 millones de dólares en el ejercicio fiscal 2026 para construir regiones de nube.\n",
        ),
    ];
    for (name, text) in planted {
        std::fs::write(root.join("content/briefings").join(name), text).unwrap();
    }
    let mut config = String::from(
        // Generated briefings share most of their words: dedup would fold them together.
        "title: \"Corpus\"\nbase_url: \"https://owner.github.io/briefs/\"\ndedup: {enabled: false}\nlanguages:\n  en: {}\n  es: {}\ncompanies:\n",
    );
    for (name, aliases, tickers) in [
        ("Alibaba", "[\"Alibaba Group\"]", "[BABA, \"9988.HK\"]"),
        ("Microsoft", "[\"Microsoft Corp\"]", "[MSFT]"),
        ("Meta", "[\"Meta Platforms\", \"Facebook\"]", "[META]"),
        ("Amazon", "[\"Amazon Web Services\", \"AWS\"]", "[AMZN]"),
        ("Alphabet", "[\"Google\"]", "[GOOGL, GOOG]"),
        ("Tencent", "[\"Tencent Holdings\"]", "[TCEHY, \"0700.HK\"]"),
        ("Nvidia", "[]", "[NVDA]"),
        ("SAP", "[\"SAP SE\"]", "[SAP]"),
        ("Oracle", "[]", "[ORCL]"),
    ] {
        config.push_str(&format!("  - name: {name}\n    aliases: {aliases}\n    tickers: {tickers}\n"));
    }
    std::fs::write(root.join("config.yaml"), config).unwrap();
}

/// A generated corpus of 1,000 briefings, built with `capbrief build` and served as static
/// files under a GitHub Pages project sub-path (`/briefs/`).
#[test]
#[ignore = "needs chromium and playwright-core (`.ci/run` installs them and runs this with --ignored)"]
fn a_real_browser_searches_a_thousand_briefings_under_a_sub_path() {
    let modules = browser_modules(false);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    write_corpus(&root, 1000);
    let site = SiteTest { root: root.clone(), dir };
    site.build().ok();
    let public = site.public();
    let served = tempfile::tempdir().unwrap();
    copy_dir(&public, &served.path().join("briefs"));
    let cases = r#"{"box": [
 {"query": "Oracle", "first": "Oracle lifts", "marked": true},
 {"query": "ORCL", "first": "Oracle lifts"},
 {"query": "9988.HK", "first": "Alibaba sets aside"},
 {"query": "Google", "first": "Alphabet sets aside"},
 {"query": "AWS", "first": "Amazon sets aside"},
 {"query": "$35 billion", "first": "Oracle lifts"},
 {"query": "35bn", "first": "Oracle lifts"},
 {"query": "Querétaro", "first": "in Querétaro", "maxIndexBytes": 200000},
 {"page": "es/", "query": "inversion Oracle", "first": "Oracle eleva", "marked": true},
 {"page": "es/", "query": "centros de datos Tencent", "first": "Tencent destina"},
 {"page": "es/", "query": "35.000 millones", "first": "Oracle eleva"},
 {"query": "zzqxv", "none": true}
],
"facet": {"query": "capex", "facet": "company", "value": "Tencent", "expect": ["Tencent sets aside"], "absent": ["Microsoft sets aside"]}}"#;
    run_browser(&modules, "http://127.0.0.1:0/briefs/", cases, Some(served.path()));
}
