//! Fuzz target: `capbrief import` reading one saved page (HTML, Markdown or plain text, any
//! bytes), through the real entry point in dry-run mode, inside and outside a site.
#![no_main]

use capbrief::import::{run, ImportOptions};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

static DIR: OnceLock<PathBuf> = OnceLock::new();
static CONFIG: OnceLock<Option<capbrief::config::Config>> = OnceLock::new();

/// A site with a company registry and two languages, so capex drafting and the language
/// check run too.
const SITE: &str = "title: Fuzz\nbase_url: https://example.com/\ndefault_language: en\nlanguages:\n  en:\n    title: Fuzz\n  es:\n    title: Fuzz\ncompanies:\n  - name: Alibaba\n    aliases: [\"Alibaba Group\"]\n    tickers: [BABA, \"9988.HK\"]\n  - name: Microsoft\n    tickers: [MSFT]\n    fiscal_year_end: 6\n";

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file name extension (so the format the page is read as) and
    // whether the page is imported into a site.
    let Some((&pick, page)) = data.split_first() else { return };
    let dir = DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("capbrief-fuzz-import-{}", std::process::id()));
        let _ = std::fs::create_dir_all(d.join("out"));
        d
    });
    let ext = ["html", "md", "txt", "htm"][usize::from(pick % 4)];
    let file = dir.join(format!("page.{ext}"));
    if std::fs::write(&file, page).is_err() {
        return;
    }
    let opts = ImportOptions {
        files: vec![file],
        into: dir.join("out"),
        source_name: None,
        source_url: None,
        title: None,
        dry_run: true,
        force: false,
        today: jiff::civil::date(2025, 3, 1),
    };
    let config = CONFIG.get_or_init(|| {
        let site = dir.join("site");
        std::fs::create_dir_all(&site).ok()?;
        std::fs::write(site.join("config.yaml"), SITE).ok()?;
        capbrief::config::Config::load(&site).ok()
    });
    let config = if pick & 4 == 4 { config.as_ref() } else { None };
    let report = run(&opts, config);
    assert_eq!(report.imported().count() + report.failed(), 1);
    for d in report.diagnostics.iter() {
        assert!(!d.message.contains("invalid"), "import produced an invalid briefing: {}", d.message);
    }
    for imported in report.imported() {
        assert!(imported.text.starts_with("---\n"), "briefing without front matter");
    }
});
