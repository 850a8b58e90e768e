//! Property tests: front matter splitting and parsing never panic and locate every error
//! inside the file; the build is deterministic for random small sites; a formatted amount
//! parses back to itself; in-article dedup is idempotent and keeps every block written once.

use capbrief::content::parse_text;
use capbrief::output::OutputBody;
use capbrief::BuildOptions;
use proptest::prelude::*;
use std::path::Path;

/// Text that looks like front matter often enough to reach the YAML parser.
fn front_matterish() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("---".to_string()),
        Just("title: x".to_string()),
        Just("date: 2025-01-01".to_string()),
        Just("tags: [a, b".to_string()),
        Just("capex:\n  - company: A\n    amount: 1".to_string()),
        Just("  - &a [*a]".to_string()),
        Just("\t- x".to_string()),
        Just("? : ]".to_string()),
        "[ -~]{0,20}",
        "\\PC{0,12}",
    ];
    prop::collection::vec(line, 0..12).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn splitting_and_parsing_never_panic_and_errors_stay_in_the_file(text in front_matterish()) {
        let lines = text.lines().count().max(1);
        if let Err(d) = parse_text(&text, Path::new("a.md")) {
            if let Some(loc) = d.location {
                prop_assert!(loc.line <= lines + 1, "line {} of {} for {:?}: {}", loc.line, lines, text, d.message);
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = parse_text(&text, Path::new("a.md"));
    }
}

/// One article of a random site.
#[derive(Debug, Clone)]
struct Article {
    title: String,
    day: u32,
    tags: Vec<String>,
    body: String,
}

fn article() -> impl Strategy<Value = Article> {
    (
        // A title has at least one letter: a blank one is an input error, tested elsewhere.
        "[A-Za-z][A-Za-z0-9 éü$€.,-]{0,29}",
        1u32..28,
        prop::collection::vec("[a-z]{1,6}", 0..3),
        prop::collection::vec(
            prop_oneof![
                Just("## Heading".to_string()),
                Just("| a | b |\n|---|---|\n| 1 | 2 |".to_string()),
                Just("```rust\nfn a() {}\n```".to_string()),
                Just("- [x] done\n- item".to_string()),
                Just("Text[^1].\n\n[^1]: Note.".to_string()),
                "[A-Za-z ]{0,40}",
            ],
            0..5,
        ),
    )
        .prop_map(|(title, day, tags, blocks)| Article { title, day, tags, body: blocks.join("\n\n") })
}

fn write_site(root: &Path, articles: &[Article]) {
    std::fs::create_dir_all(root.join("content/briefings")).unwrap();
    std::fs::write(root.join("config.yaml"), "title: Random\nbase_url: https://example.com/\n").unwrap();
    for (i, a) in articles.iter().enumerate() {
        let text = format!(
            "---\ntitle: {}\ndate: 2025-02-{:02}\ntags: {}\n---\n{}\n",
            serde_json::to_string(a.title.trim()).unwrap(),
            a.day,
            serde_json::to_string(&a.tags).unwrap(),
            a.body
        );
        std::fs::write(root.join(format!("content/briefings/a{i}.md")), text).unwrap();
    }
}

fn rendered(root: &Path) -> Vec<(String, Vec<u8>)> {
    let built = capbrief::render_site(&BuildOptions { root: root.to_path_buf(), ..Default::default() })
        .unwrap_or_else(|d| panic!("{d:?}"));
    built
        .files
        .into_iter()
        .map(|f| {
            let bytes = match f.body {
                OutputBody::Bytes(b) => b.to_vec(),
                OutputBody::Copy(p) => std::fs::read(p).unwrap(),
            };
            (f.path, bytes)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn build_is_deterministic_for_random_small_sites(articles in prop::collection::vec(article(), 1..6)) {
        // Two copies in different folders: neither the folder nor thread timing may show.
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("one"), dir.path().join("two/deeper"));
        write_site(&a, &articles);
        write_site(&b, &articles);
        let first = rendered(&a);
        prop_assert_eq!(&first, &rendered(&a));
        prop_assert_eq!(&first, &rendered(&b));
    }
}

/// Currencies the English money formatter writes with a symbol or code the parser reads.
const CURRENCIES: &[&str] = &["USD", "EUR", "GBP", "JPY", "CNY", "HKD", "TWD", "KRW", "INR"];

/// Paragraphs for dedup bodies; several differ only in a figure or a word, which must not
/// make them count as repeats of each other.
const PARAGRAPHS: &[&str] = &[
    "Microsoft will spend $80 billion on data centres this fiscal year, the company said.",
    "Microsoft will spend $60 billion on data centres this fiscal year, the company said.",
    "Alibaba plans to invest RMB 380 billion in cloud and AI infrastructure over three years.",
    "Alibaba plans to invest RMB 150 billion in cloud and AI infrastructure over three years.",
    "## Outlook",
    "## Background",
    "- GPUs and memory supply\n- Power contracts",
    "| Company | Amount |\n|---|---|\n| Meta | $65 billion |",
    "> The chief executive called it a once-in-a-generation build-out.",
    "Shares rose 3% in early trading.",
    "Meta expects capital expenditures of $60-65 billion in 2025.",
    "阿里巴巴 将在未来三年投入 3800 亿元人民币。",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn a_formatted_amount_parses_back(
        mantissa in 1.0f64..1000.0,
        exponent in 0i32..13,
        currency in prop::sample::select(CURRENCIES),
    ) {
        let amount = mantissa * 10f64.powi(exponent);
        let written = capbrief::i18n::format_money(amount, currency, "en");
        let parsed = capbrief::capex::amount::parse_amount(&written);
        let money = parsed.map_err(|e| TestCaseError::fail(format!("{written:?}: {e:?}")))?;
        // The formatter keeps three significant digits (whole units below a million).
        let tolerance = (amount * 0.005).max(0.5) * (1.0 + 1e-9);
        prop_assert!((money.low - amount).abs() <= tolerance, "{} -> {:?} -> {}", amount, written, money.low);
        prop_assert_eq!(money.high, None);
        prop_assert_eq!(money.currency, Some(currency), "{:?}", written);
    }

    #[test]
    fn dedup_is_idempotent_and_keeps_every_block_written_once(
        picks in prop::collection::vec((0..PARAGRAPHS.len(), prop::bool::ANY), 0..20)
    ) {
        let mut body = String::new();
        for (i, tight) in &picks {
            body.push_str(PARAGRAPHS[*i]);
            body.push_str(if *tight { "\n" } else { "\n\n" });
        }
        let (once, _) = capbrief::dedup::remove_repeated(&body);
        let (twice, removed_again) = capbrief::dedup::remove_repeated(&once);
        prop_assert_eq!(removed_again, 0, "{:?}", body);
        prop_assert_eq!(&twice, &once);
        for (i, _) in &picks {
            if picks.iter().filter(|(j, _)| j == i).count() == 1 {
                prop_assert!(once.contains(PARAGRAPHS[*i]), "lost {:?} from {:?}", PARAGRAPHS[*i], body);
            }
        }
    }
}

#[test]
fn a_lone_carriage_return_does_not_push_an_error_past_the_end_of_the_file() {
    // Replays fuzz/regressions/front_matter/error-past-the-end.md: thirty lone `\r` in a
    // tag list. YAML counts each as a line break, so the error was reported at line 65 of a
    // 35-line file.
    let path = crate::support::repo_root().join("fuzz/regressions/front_matter/error-past-the-end.md");
    let text = std::fs::read_to_string(path).unwrap();
    let d = parse_text(&text, Path::new("a.md")).expect_err("the front matter is broken");
    let loc = d.location.expect("located");
    assert!(
        loc.line <= text.lines().count() + 1,
        "line {} of {}: {}",
        loc.line,
        text.lines().count(),
        d.message
    );
    assert!(loc.line > 1, "{}", d.message);
}
