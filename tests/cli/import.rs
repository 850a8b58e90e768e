//! `capbrief import`: saved news pages in both editions become briefings that build, and bad
//! inputs are reported by file and line without stopping the others.

use crate::support::{repo_root, SiteTest};
use std::process::Output;

/// 2026-01-01T00:00:00Z, so `source.imported` is fixed.
const EPOCH: &str = "1767225600";

struct Imported {
    out: Output,
}

impl Imported {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }
    #[track_caller]
    fn ok(self) -> Self {
        assert!(self.out.status.success(), "import failed:\n{}", self.stderr());
        self
    }
    #[track_caller]
    fn fails(self) -> Self {
        assert_eq!(self.out.status.code(), Some(1), "expected exit 1:\n{}", self.stderr());
        self
    }
}

fn import(site: &SiteTest, args: &[&str]) -> Imported {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let out = site.cmd(&all).env("SOURCE_DATE_EPOCH", EPOCH).output().unwrap();
    Imported { out }
}

fn read(site: &SiteTest, rel: &str) -> String {
    std::fs::read_to_string(site.root.join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

/// The front matter block of an imported file.
fn front_matter(text: &str) -> &str {
    let end = text[4..].find("\n---\n").unwrap() + 4;
    &text[4..end + 1]
}

/// The body after the front matter.
fn body(text: &str) -> &str {
    let end = text[4..].find("\n---\n").unwrap() + 4;
    text[end + 5..].trim_start_matches('\n')
}

#[test]
fn spanish_edition_becomes_a_clean_briefing_that_builds() {
    let site = SiteTest::fixture("import");
    let run = import(
        &site,
        &[
            "pages/es-alibaba-cloud.txt",
            "--source-name",
            "Example News",
            "--source-url",
            "https://example.com/a",
        ],
    )
    .ok();
    let path = "content/briefings/alibaba-lifts-its-three-year-cloud-and-ai-budget-to-rmb-380-billion.md";
    assert_eq!(run.stdout(), format!("{path}\n"));
    // The summary table: title, date, byline, tickers, capex drafted, furniture removed,
    // warnings, file.
    let row = run
        .stderr()
        .lines()
        .find(|l| l.ends_with("pages/es-alibaba-cloud.txt"))
        .unwrap_or_default()
        .to_string();
    let cells: Vec<&str> = row.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
    assert_eq!(
        cells,
        [
            "Alibaba lifts its three-year cloud and AI budget to RMB…",
            "2025-02-24",
            "Lucía Ferrer",
            "BABA",
            "1",
            "5",
            "0",
            "pages/es-alibaba-cloud.txt"
        ],
        "{}",
        run.stderr()
    );
    let text = read(&site, path);
    assert_eq!(
        front_matter(&text),
        "title: \"Alibaba lifts its three-year cloud and AI budget to RMB 380 billion\"\n\
         date: \"2025-02-24T04:37:00-05:00\"\n\
         author: \"Lucía Ferrer\"\n\
         ai_generated: true\n\
         lang: \"en\"\n\
         tickers: [\"BABA\"]\n\
         companies: [\"Alibaba\"]\n\
         source:\n  name: \"Example News\"\n  url: \"https://example.com/a\"\n  imported: \"2026-01-01\"\n  disclosure: \"ai-assisted\"\n\
         capex:\n  - company: \"Alibaba\"\n    amount: \"at least RMB 380 billion\"\n    currency: \"CNY\"\n    period: \"over the next three years\"\n    \
         status: drafted\n    class: \"commitment\"\n    confidence: 0.95\n    \
         sentence: \"Alibaba Group said on Monday that it plans to spend at least RMB 380 billion on cloud computing and artificial intelligence infrastructure over the next three years.\"\n"
    );
    let body = body(&text);
    // The whole body was printed twice; each paragraph must be there once, in order.
    let paragraphs: Vec<&str> = body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    assert_eq!(paragraphs.len(), 4, "{body}");
    assert!(paragraphs[0].starts_with("Alibaba Group said on Monday"), "{body}");
    assert!(paragraphs[3].starts_with("The shares gained"), "{body}");
    for chrome in
        ["Divulgación", "Advertencia", "Comentarios", "comentarios", "min de lectura", "BABA--", "Generado"]
    {
        assert!(!text.contains(chrome), "`{chrome}` left in:\n{text}");
    }

    site.build().ok();
    let page = site
        .output("briefings/alibaba-lifts-its-three-year-cloud-and-ai-budget-to-rmb-380-billion/index.html");
    assert!(page.contains("RMB 380 billion on cloud computing"), "{page}");
    assert_eq!(page.matches("The shares gained in early trading").count(), 1);
}

#[test]
fn english_edition_in_summer_time_with_several_tickers() {
    let site = SiteTest::fixture("import");
    import(&site, &["pages/en-microsoft-meta.txt"]).ok();
    let text = read(
        &site,
        "content/briefings/microsoft-and-meta-keep-data-centre-budgets-on-track-after-a-volatile-quarter.md",
    );
    let fm = front_matter(&text);
    assert!(fm.contains("date: \"2025-07-08T15:05:00-04:00\"\n"), "{fm}");
    assert!(fm.contains("author: \"Daniel Okafor\"\nai_generated: true\n"), "{fm}");
    assert!(fm.contains("tickers: [\"MSFT\", \"META\"]\n"), "{fm}");
    assert!(fm.contains("companies: [\"Meta\", \"Microsoft\"]\n"), "{fm}");
    assert!(fm.contains("disclosure: \"ai-assisted\""), "{fm}");
    assert!(!fm.contains("name:"), "no --source-name was given: {fm}");
    for chrome in ["Editorial disclosure", "Investment warning", "Comments", "No comments", "min read", "--"]
    {
        assert!(!body(&text).contains(chrome), "`{chrome}` left in:\n{text}");
    }
    assert_eq!(body(&text).matches("\n\n").count(), 2, "three paragraphs:\n{text}");
    site.build().ok();
}

#[test]
fn no_ticker_line_and_partial_repetition() {
    let site = SiteTest::fixture("import");
    import(&site, &["pages/en-no-ticker.txt"]).ok();
    let text = read(&site, "content/briefings/power-contracts-become-the-bottleneck-for-new-ai-campuses.md");
    let fm = front_matter(&text);
    assert!(fm.contains("author: \"Priya Raman\"\nai_generated: true\n"), "{fm}");
    assert!(!fm.contains("tickers"), "{fm}");
    assert!(fm.contains("date: \"2025-03-12T10:15:00-04:00\""), "DST began on 9 March 2025: {fm}");
    let body = body(&text);
    assert_eq!(body.matches("Utilities across the United States").count(), 1, "{body}");
    assert_eq!(body.matches("Several developers said").count(), 1, "{body}");
    assert!(body.contains("Regulators in Virginia"), "{body}");
    assert!(body.trim_end().ends_with("through next year."), "{body}");
}

#[test]
fn crlf_spanish_text_in_november() {
    let site = SiteTest::fixture("import");
    let raw = std::fs::read(site.root.join("pages/es-crlf-europe.txt")).unwrap();
    assert!(raw.windows(2).any(|w| w == b"\r\n"), "the fixture must keep its CRLF line endings");
    import(&site, &["pages/es-crlf-europe.txt"]).ok();
    let text = read(
        &site,
        "content/briefings/los-centros-de-datos-de-europa-buscan-agua-y-energia-antes-que-terrenos.md",
    );
    assert!(!text.contains('\r'));
    let fm = front_matter(&text);
    assert!(fm.contains("date: \"2025-11-04T08:05:00-05:00\""), "DST ended on 2 November 2025: {fm}");
    assert!(fm.contains("lang: \"es\""), "{fm}");
    assert!(fm.contains("tickers: [\"MSFT\"]"), "{fm}");
    site.build().ok();
    assert!(site
        .public()
        .join(
            "es/briefings/los-centros-de-datos-de-europa-buscan-agua-y-energia-antes-que-terrenos/index.html"
        )
        .is_file());
}

#[test]
fn missing_unreadable_and_foreign_dates_become_drafts_with_warnings() {
    let site = SiteTest::fixture("import");
    let run = import(&site, &["pages/no-date.txt", "pages/bad-date.txt", "pages/dutch-date.txt"]).ok();
    let err = run.stderr();
    assert!(
        err.contains("pages/no-date.txt:1:1: warning: no date found on the page; imported as a draft"),
        "{err}"
    );
    assert!(
        err.contains(
            "pages/bad-date.txt:3:1: warning: cannot read the date line: 2025-02-31 is not a calendar day"
        ),
        "{err}"
    );
    assert!(err.contains("pages/dutch-date.txt:2:1: warning: the date line is in a language capbrief does not read (`maandag`"), "{err}");
    assert!(err.contains("Imported 3 of 3 files, 3 as drafts"), "{err}");
    for (file, author) in [
        ("chip-packaging-capacity-is-sold-out-into-next-year.md", Some("Grace Lindqvist")),
        ("a-budget-date-that-never-happened.md", Some("Lucía Ferrer")),
        ("a-report-dated-in-a-language-the-importer-does-not-read.md", None),
    ] {
        let text = read(&site, &format!("content/briefings/{file}"));
        let fm = front_matter(&text);
        assert!(fm.contains("draft: true\n"), "{fm}");
        assert!(!fm.contains("\ndate:"), "no date may be guessed: {fm}");
        assert!(fm.contains("# date: "), "{fm}");
        if let Some(a) = author {
            assert!(fm.contains(&format!("author: \"{a}\"")), "{fm}");
        }
    }
    // Drafts stay out of a normal build, which must still succeed.
    site.build().ok();
}

#[test]
fn html_and_markdown_pages_keep_paragraphs_lists_and_tables() {
    let site = SiteTest::fixture("import");
    import(&site, &["pages/saved-page.html", "pages/saved-page.md"]).ok();
    let html =
        read(&site, "content/briefings/oracles-cloud-backlog-grows-as-ai-customers-sign-long-contracts.md");
    let fm = front_matter(&html);
    assert!(
        fm.contains("title: \"Oracle’s cloud backlog grows as AI customers sign long contracts\""),
        "{fm}"
    );
    assert!(fm.contains("date: \"2025-09-11T18:30:00-04:00\""), "{fm}");
    assert!(fm.contains("author: \"Nora Castillo\""), "{fm}");
    assert!(fm.contains("tickers: [\"ORCL\"]"), "{fm}");
    assert!(fm.contains("disclosure: \"ai-assisted\""), "{fm}");
    let b = body(&html);
    assert!(b.contains("committed to [multi-year contracts](https://example.org/report) for AI"), "{b}");
    assert!(b.contains("- Most of the new contracts run for five years or more.\n- Several include"), "{b}");
    assert!(b.contains("| Quarter | Backlog trend |\n|---|---|\n| Q1 | Up strongly |"), "{b}");
    for furniture in
        ["Home", "Markets", "Example News", "tracker", "color", "Most read", "©", "Comments", "Investment"]
    {
        assert!(!b.contains(furniture), "`{furniture}` left in:\n{b}");
    }

    let md = read(&site, "content/briefings/softbank-weighs-a-larger-stake-in-us-data-centre-projects.md");
    let fm = front_matter(&md);
    assert!(fm.contains("date: \"2026-01-23T07:45:00-05:00\""), "{fm}");
    assert!(fm.contains("author: \"Kenji Mori\"\nai_generated: true"), "{fm}");
    let b = body(&md);
    assert!(b.contains("**control of the site selection**"), "{b}");
    assert!(b.contains("| Sites | Under review |"), "{b}");
    assert!(!b.contains("Investment warning"), "{b}");
    site.build().ok();
    let page =
        site.output("briefings/oracles-cloud-backlog-grows-as-ai-customers-sign-long-contracts/index.html");
    assert!(page.contains("<table>"), "{page}");
    assert!(page.contains("<li>Several include options to expand.</li>"), "{page}");
}

#[test]
fn never_overwrites_without_force() {
    let site = SiteTest::fixture("import");
    let path = "content/briefings/power-contracts-become-the-bottleneck-for-new-ai-campuses.md";
    import(&site, &["pages/en-no-ticker.txt"]).ok();
    site.write(path, "edited by hand\n");
    let run = import(&site, &["pages/en-no-ticker.txt"]).fails();
    assert!(
        run.stderr()
            .contains(&format!("pages/en-no-ticker.txt: error: {path} already exists; nothing was written")),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("--force"), "{}", run.stderr());
    assert_eq!(run.stdout(), "");
    assert_eq!(read(&site, path), "edited by hand\n");
    import(&site, &["pages/en-no-ticker.txt", "--force"]).ok();
    assert!(read(&site, path).starts_with("---\ntitle: \"Power contracts"));
}

#[test]
fn dry_run_prints_and_writes_nothing() {
    let site = SiteTest::fixture("import");
    let run = import(&site, &["--dry-run", "pages/en-microsoft-meta.txt", "--into", "elsewhere"]).ok();
    let out = run.stdout();
    assert!(out.starts_with(
        "==> elsewhere/microsoft-and-meta-keep-data-centre-budgets-on-track-after-a-volatile-quarter.md (dry run: not written)\n---\ntitle:"
    ), "{out}");
    assert!(out.contains("Both companies said demand"), "{out}");
    assert!(!site.root.join("elsewhere").exists());
    assert!(run.stderr().contains("Would import 1 of 1 file"), "{}", run.stderr());
}

#[test]
fn into_folder_and_identical_output_on_rerun() {
    let site = SiteTest::fixture("import");
    let run = import(&site, &["pages/es-alibaba-cloud.txt", "--into", "content/news"]).ok();
    let path = "content/news/alibaba-lifts-its-three-year-cloud-and-ai-budget-to-rmb-380-billion.md";
    assert_eq!(run.stdout(), format!("{path}\n"));
    let first = read(&site, path);
    import(&site, &["pages/es-alibaba-cloud.txt", "--into", "content/news", "--force"]).ok();
    assert_eq!(first, read(&site, path), "same input, same bytes");
}

#[test]
fn bad_inputs_are_named_and_do_not_stop_the_others() {
    let site = SiteTest::fixture("import");
    std::fs::write(site.root.join("pages/photo.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    std::fs::write(site.root.join("pages/latin1.txt"), b"Titular\nGenerado por agente de IAJos\xe9\n")
        .unwrap();
    let big = std::fs::File::create(site.root.join("pages/huge.txt")).unwrap();
    big.set_len(20 * 1024 * 1024).unwrap();
    let run = import(
        &site,
        &[
            "pages/empty.txt",
            "pages/photo.txt",
            "pages/no-headline.txt",
            "pages/huge.txt",
            "pages/latin1.txt",
            "pages/missing.txt",
            "pages/en-microsoft-meta.txt",
        ],
    )
    .fails();
    let err = run.stderr();
    for expected in [
        "pages/empty.txt: error: the file is empty",
        "pages/photo.txt:2: error: this is a binary file",
        "pages/no-headline.txt:2:1: warning: the page starts with its text and has no headline; the title \"The headline of this page was lost when it was saved\" was proposed from the lead; imported as a draft",
        "pages/huge.txt: error: the file is 20.0 MB, more than the 5 MB a saved article can be",
        "pages/latin1.txt:2:29: error: the file is not valid UTF-8",
        "pages/missing.txt: error: cannot read the file",
        "Imported 2 of 7 files, 1 as draft; 5 failed",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert_eq!(
        run.stdout(),
        "content/briefings/the-headline-of-this-page-was-lost-when-it-was-saved.md\ncontent/briefings/microsoft-and-meta-keep-data-centre-budgets-on-track-after-a-volatile-quarter.md\n"
    );
}

#[test]
fn drafted_capex_entries_agree_with_the_figures_check() {
    let site = SiteTest::fixture("import");
    import(&site, &["pages/es-alibaba-cloud.txt", "pages/en-microsoft-meta.txt"]).ok();
    let alibaba = read(
        &site,
        "content/briefings/alibaba-lifts-its-three-year-cloud-and-ai-budget-to-rmb-380-billion.md",
    );
    // The qualifier stays with the amount; the draft says it is one, with what it read.
    assert!(
        front_matter(&alibaba).contains(
            "capex:\n  - company: \"Alibaba\"\n    amount: \"at least RMB 380 billion\"\n    currency: \"CNY\"\n    period: \"over the next three years\"\n    status: drafted\n    class: \"commitment\"\n"
        ),
        "{alibaba}"
    );
    assert!(front_matter(&alibaba).contains("    sentence: \"Alibaba Group said on Monday"), "{alibaba}");
    let both = read(
        &site,
        "content/briefings/microsoft-and-meta-keep-data-centre-budgets-on-track-after-a-volatile-quarter.md",
    );
    assert!(
        front_matter(&both).contains("  - company: \"Microsoft\"\n    amount: \"about $80 billion\"\n"),
        "{both}"
    );
    // `between $64 billion and $72 billion` is one range entry, not two commitments.
    assert!(
        front_matter(&both).contains("  - company: \"Meta\"\n    amount: \"$64 billion to $72 billion\"\n"),
        "{both}"
    );
    assert_eq!(front_matter(&both).matches("company: \"Meta\"").count(), 1, "{both}");

    // The same check `capbrief check` runs: no figure in the text without an entry, and no
    // entry without its figure.
    let opts = capbrief::BuildOptions { root: site.root.clone(), ..Default::default() };
    let config = capbrief::load_config(&opts).unwrap();
    let mut diags = capbrief::diag::Diagnostics::new();
    let loaded = capbrief::content::load(&config, false, &mut diags);
    assert!(!diags.has_errors(), "{diags}");
    assert_eq!(loaded.pages.iter().filter(|p| p.meta.capex.is_some()).count(), 2);
    // Every figure of the text is drafted; what the check still asks is for an editor to
    // review the three drafts.
    let warnings = capbrief::capex::check_figures(&loaded.pages, &config);
    let texts: Vec<String> = warnings.iter().map(|w| w.message.clone()).collect();
    assert_eq!(texts.len(), 3, "{warnings}");
    assert!(texts.iter().all(|t| t.contains("is a draft nobody has reviewed")), "{warnings}");
    // Reviewed (the `status:` line deleted), the briefings pass the check.
    for path in [
        "content/briefings/alibaba-lifts-its-three-year-cloud-and-ai-budget-to-rmb-380-billion.md",
        "content/briefings/microsoft-and-meta-keep-data-centre-budgets-on-track-after-a-volatile-quarter.md",
    ] {
        site.write(path, &read(&site, path).replace("    status: drafted\n", ""));
    }
    let mut diags = capbrief::diag::Diagnostics::new();
    let loaded = capbrief::content::load(&config, false, &mut diags);
    let warnings = capbrief::capex::check_figures(&loaded.pages, &config);
    assert!(warnings.is_empty(), "{warnings}");
    site.build().ok();
}

#[test]
fn clipper_front_matter_supplies_title_url_author_and_date() {
    let site = SiteTest::fixture("import");
    // Without the built-in registry Amazon is not in this site's registry: its commitment is
    // reported, not guessed.
    let config = read(&site, "config.yaml");
    site.write("config.yaml", &format!("{config}builtin_companies: false\n"));
    let run = import(&site, &["pages/clipped.md"]).ok();
    assert!(
        run.stderr().contains(
            "pages/clipped.md:11:45: warning: $10 billion reads as a capex commitment but names no company in the registry"
        ),
        "{}",
        run.stderr()
    );
    let text = read(&site, "content/briefings/amazon-adds-a-data-centre-campus-in-mississippi.md");
    let fm = front_matter(&text);
    assert!(fm.starts_with("title: \"Amazon adds a data-centre campus in Mississippi\"\ndate: \"2025-06-12\"\nauthor: \"Rosa Delgado\"\n"), "{fm}");
    assert!(fm.contains("  url: \"https://news.example.com/amazon-mississippi\"\n"), "{fm}");
    assert!(!fm.contains("capex") && !fm.contains("draft"), "{fm}");
    assert!(body(&text).starts_with("Amazon Web Services said"), "{text}");

    // With it, Amazon Web Services is Amazon's cloud brand, so the commitment is drafted for
    // Amazon.
    site.write("config.yaml", &config);
    import(&site, &["pages/clipped.md", "--force"]).ok();
    let text = read(&site, "content/briefings/amazon-adds-a-data-centre-campus-in-mississippi.md");
    assert!(
        front_matter(&text).contains("capex:\n  - company: \"Amazon\"\n    amount: \"$10 billion\"\n"),
        "{text}"
    );

    // A briefing is not a saved page: importing one again is refused, the file untouched.
    let path = "content/briefings/amazon-adds-a-data-centre-campus-in-mississippi.md";
    let run = import(&site, &[path, "--into", "other"]).fails();
    assert!(
        run.stderr().contains(&format!("{path}:1:1: error: this file already has capbrief front matter")),
        "{}",
        run.stderr()
    );
    assert!(!site.root.join("other").exists());
}

#[test]
fn utf16_text_from_windows_tools_is_read() {
    let site = SiteTest::fixture("import");
    let text = std::fs::read_to_string(site.root.join("pages/en-microsoft-meta.txt")).unwrap();
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.replace('\n', "\r\n").encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(site.root.join("pages/utf16.txt"), bytes).unwrap();
    import(&site, &["pages/utf16.txt", "--into", "a"]).ok();
    import(&site, &["pages/en-microsoft-meta.txt", "--into", "b"]).ok();
    let name = "microsoft-and-meta-keep-data-centre-budgets-on-track-after-a-volatile-quarter.md";
    assert_eq!(read(&site, &format!("a/{name}")), read(&site, &format!("b/{name}")));
}

#[test]
fn works_outside_a_site_folder_with_the_built_in_registry() {
    let site = SiteTest::fixture("import");
    std::fs::remove_file(site.root.join("config.yaml")).unwrap();
    let run = import(&site, &["pages/en-microsoft-meta.txt", "--into", "out"]).ok();
    assert!(!run.stderr().contains("warning:"), "{}", run.stderr());
    let text =
        read(&site, "out/microsoft-and-meta-keep-data-centre-budgets-on-track-after-a-volatile-quarter.md");
    let fm = front_matter(&text);
    assert!(fm.contains("tickers: [\"MSFT\", \"META\"]\n"), "{fm}");
    // The registry a new site starts with knows both companies and their tickers.
    assert!(fm.contains("companies: [\"Meta\", \"Microsoft\"]\n"), "{fm}");
    assert!(fm.contains("  - company: \"Microsoft\"\n    amount: \"about $80 billion\""), "{fm}");
    assert!(!fm.contains("lang: \"es\""), "{fm}");
}

#[test]
fn control_characters_in_a_headline_still_make_a_briefing_that_builds() {
    // Replays fuzz/regressions/import/control-characters-in-headline.html: U+0001 and DEL in
    // the headline. JSON escaping left DEL raw, which YAML rejects, so the import failed with
    // "the briefing made from this page is invalid".
    let site = SiteTest::fixture("import");
    let page = std::fs::read(
        crate::support::repo_root().join("fuzz/regressions/import/control-characters-in-headline.html"),
    )
    .unwrap();
    std::fs::write(site.root.join("pages/controls.html"), page).unwrap();
    let run = import(&site, &["pages/controls.html"]).ok();
    assert!(!run.stderr().contains("invalid"), "{}", run.stderr());
    let name = std::fs::read_dir(site.root.join("content/briefings"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("oracle"))
        .unwrap_or_else(|| panic!("no briefing written:\n{}", run.stderr()));
    let text = read(&site, &format!("content/briefings/{name}"));
    assert!(front_matter(&text).contains(r"customers\u0001\u007f sign"), "{text}");
    site.build().ok();
}

#[test]
fn an_undated_draft_builds_with_drafts_dated_by_its_import_day() {
    let site = SiteTest::fixture("import");
    import(&site, &["pages/no-date.txt"]).ok();
    let path = "content/briefings/chip-packaging-capacity-is-sold-out-into-next-year.md";
    let fm = front_matter(&read(&site, path)).to_string();
    assert!(fm.contains("draft: true\n") && fm.contains("imported: \"2026-01-01\""), "{fm}");
    // Without --drafts the draft is left out, as before, and the build is clean.
    let plain = site.build().ok();
    assert!(!plain.stderr().contains("warning:"), "{}", plain.stderr());
    // With --drafts it is shown, dated by the day it was imported, marked as a draft.
    let run = site.run(&["build", "--drafts"]).ok();
    assert!(
        run.stderr().contains(&format!(
            "{path}:1:1: warning: draft without `date`: shown dated 2026-01-01, the day it was imported"
        )),
        "{}",
        run.stderr()
    );
    let out = site
        .root
        .join("public-drafts/briefings/chip-packaging-capacity-is-sold-out-into-next-year/index.html");
    let page =
        std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{}: {e}\n{}", out.display(), run.stderr()));
    assert!(
        page.contains(r#"<strong class="draft">Draft</strong> · <time datetime="2026-01-01">"#),
        "{page}"
    );
    // The date comes from the file, not the clock: building again gives the same bytes.
    site.run(&["build", "--drafts"]).ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), page);
}

#[test]
fn another_sites_copy_with_the_same_headline_gets_a_numbered_name() {
    let site = SiteTest::fixture("import");
    let corpus = repo_root().join("tests/fixtures/syndication/dev");
    let (wire, copy) = (corpus.join("s1-wire-meridian.txt"), corpus.join("s1-copy-straits.txt"));
    let (wire, copy) = (wire.to_str().unwrap(), copy.to_str().unwrap());
    let first = "content/briefings/microsoft-to-spend-80-billion-on-ai-data-centres-in-fiscal-2025.md";
    let second = "content/briefings/microsoft-to-spend-80-billion-on-ai-data-centres-in-fiscal-2025-2.md";
    import(&site, &[wire]).ok();
    // Another outlet's copy: the same headline and words, its own date and no byline.
    import(&site, &[copy]).ok();
    assert!(read(&site, first).contains("author: \"Hannah Lindqvist\""), "{}", read(&site, first));
    assert!(read(&site, second).contains("date: \"2025-01-04"), "{}", read(&site, second));
    // The same page again is refused, whichever of the two names it has.
    for (page, path) in [(wire, first), (copy, second)] {
        let before = read(&site, path);
        let run = import(&site, &[page]).fails();
        assert!(run.stderr().contains(&format!("{path} already exists")), "{}", run.stderr());
        assert_eq!(read(&site, path), before);
    }
    assert!(!site
        .root
        .join("content/briefings/microsoft-to-spend-80-billion-on-ai-data-centres-in-fiscal-2025-3.md")
        .exists());
    // Both in one run: the second of the run is numbered too.
    let fresh = SiteTest::fixture("import");
    import(&fresh, &[wire, copy]).ok();
    assert!(fresh.root.join(first).exists() && fresh.root.join(second).exists());
}

#[test]
fn the_outlet_named_in_a_pages_metadata_becomes_its_source_name_unless_one_is_given() {
    let page = repo_root().join("tests/fixtures/syndication/dev/s1-copy-gulf.html");
    let page = page.to_str().unwrap();
    let slug = "content/briefings/microsoft-to-spend-80-billion-on-ai-data-centres-in-fiscal-2025.md";

    let site = SiteTest::fixture("import");
    import(&site, &[page]).ok();
    let fm = read(&site, slug);
    assert!(front_matter(&fm).contains("source:\n  name: \"Gulf Markets Review\"\n"), "{fm}");

    let site = SiteTest::fixture("import");
    import(&site, &["--source-name", "Desk copy", page]).ok();
    let fm = read(&site, slug);
    assert!(front_matter(&fm).contains("source:\n  name: \"Desk copy\"\n"), "{fm}");
}

/// Sets a file's modification time to noon UTC on `day`, as if the page was saved then.
fn saved_on(path: &std::path::Path, day: &str) {
    let date: jiff::civil::Date = day.parse().unwrap();
    let ts = date.at(12, 0, 0, 0).to_zoned_datetime(jiff::tz::TimeZone::UTC).unwrap().timestamp();
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(ts.as_second() as u64);
    std::fs::File::options().write(true).open(path).unwrap().set_modified(time).unwrap();
}

#[test]
fn a_page_dated_only_relatively_says_no_date_was_found_and_what_to_do() {
    let site = SiteTest::inline("title: T\nbase_url: https://example.org/\n", &[]);
    site.write(
        "saved/relative.txt",
        "Why are hyperscalers borrowing to build data centres?\nBy Imogen Sallis\n5 hours ago\nThe largest cloud companies have started to sell bonds to pay for data centres, a change from the years when their cash flow covered every building they put up.\nInvestors have so far bought the debt at low spreads, bankers involved in the sales said.\n",
    );
    let run = import(&site, &["saved/relative.txt"]).ok();
    let err = run.stderr();
    assert!(
        err.contains("saved/relative.txt:3:1: warning: no date found on the page: it says only `5 hours ago`, a time relative to when it was read; imported as a draft"),
        "{err}"
    );
    assert!(err.contains("set `date:` to it"), "{err}");
    let text = read(&site, "content/briefings/why-are-hyperscalers-borrowing-to-build-data-centres.md");
    let fm = front_matter(&text);
    assert!(
        fm.contains("# date: the page says only \"5 hours ago\"; add the day it was published\n"),
        "{fm}"
    );
    assert!(fm.contains("draft: true\n") && !fm.contains("\ndate:"), "{fm}");
}

#[test]
fn two_digit_years_first_or_last_are_read_by_the_day_the_page_was_saved() {
    let site = SiteTest::inline("title: T\nbase_url: https://example.org/\n", &[]);
    let page = |headline: &str, date: &str| {
        format!("{headline}\nBy Ha-eun Seo\n{date}\nThe group will put the money into memory chip lines and a packaging plant over the next four years, it said in a filing on Wednesday.\nThe plan is larger than the one it gave a year earlier, when it set aside less for packaging.\n")
    };
    site.write(
        "saved/korean.txt",
        &page("Chipmaker lifts its four-year investment plan for memory lines", "24.11.27 14:02"),
    );
    site.write(
        "saved/german.txt",
        &page("Chipmaker widens its packaging plant budget for next year", "27.11.24 14:02"),
    );
    saved_on(&site.root.join("saved/korean.txt"), "2024-11-28");
    saved_on(&site.root.join("saved/german.txt"), "2024-11-28");
    let run = import(&site, &["saved/korean.txt", "saved/german.txt"]).ok();
    let korean =
        read(&site, "content/briefings/chipmaker-lifts-its-four-year-investment-plan-for-memory-lines.md");
    let korean = front_matter(&korean);
    assert!(korean.contains("date: \"2024-11-27\"\n"), "{korean}");
    let german =
        read(&site, "content/briefings/chipmaker-widens-its-packaging-plant-budget-for-next-year.md");
    let german = front_matter(&german);
    assert!(german.contains("date: \"2024-11-27\"\n"), "{german}");
    assert!(run.stderr().contains("two-digit year could be read first or last"), "{}", run.stderr());
}

#[test]
fn wire_tags_leave_the_headline_and_a_release_boilerplate_leaves_the_body() {
    let site = SiteTest::inline("title: T\nbase_url: https://example.org/\n", &[]);
    site.write(
        "saved/wire.txt",
        "Terminal News Feed\nREFILE-UPDATE 1-Utility signs power deal for a hyperscale campus in Ohio\nBy Colm Farrelly\nMarch 3, 2025 7:15 AM ET\nREFILE-UPDATE 1-Utility signs power deal for a hyperscale campus in Ohio\nAn Ohio utility agreed on Monday to supply up to 1 gigawatt to a data centre campus planned near Columbus, the largest such contract in the state.\nThe campus operator did not say which cloud customer would use the site.\n",
    );
    site.write(
        "saved/release.txt",
        "Grid operator and data centre developer agree on 2 GW of new capacity\nMarch 4, 2025\nA grid operator and a data centre developer said on Tuesday they would add 2 gigawatts of capacity for new server halls by 2029.\n\"The halls will be built next to the substations,\" the developer's chief executive said.\nAbout Northgate Power\nNorthgate Power is a regional transmission company that serves three states.\nNorthgate Power and the Northgate logo are trademarks of Northgate Power Inc.\nForward-Looking Statements\nThis release contains statements about future events that involve risks and uncertainties.\nActual results may differ materially from those the statements describe.\nMedia contact\nPriya Anand\n+1 555 0100\n",
    );
    import(&site, &["saved/wire.txt", "saved/release.txt"]).ok();
    let wire = read(&site, "content/briefings/utility-signs-power-deal-for-a-hyperscale-campus-in-ohio.md");
    assert!(
        front_matter(&wire).contains("title: \"Utility signs power deal for a hyperscale campus in Ohio\"\n"),
        "{wire}"
    );
    assert!(!wire.contains("REFILE") && !wire.contains("UPDATE 1"), "{wire}");
    let release = read(
        &site,
        "content/briefings/grid-operator-and-data-centre-developer-agree-on-2-gw-of-new-capacity.md",
    );
    assert!(release.contains("the developer's chief executive said."), "{release}");
    for gone in [
        "About Northgate",
        "regional transmission",
        "trademarks",
        "Forward-Looking",
        "risks and uncertainties",
        "differ materially",
        "Media contact",
        "Priya Anand",
        "555",
    ] {
        assert!(!release.contains(gone), "{gone} left in:\n{release}");
    }
}

#[test]
fn a_headline_under_a_menu_a_name_under_it_prose_tickers_and_a_live_blog() {
    let site = SiteTest::inline("title: T\nbase_url: https://example.org/\n", &[]);
    site.write(
        "saved/portal.txt",
        "EASTERN MARKETS DAILY\n主页 | Home  World  Business  Tech  Opinion\nTech\n2025.02.24 19:05\nAlibaba Lifts Its Cloud and AI Budget to 380 Billion Yuan\nChen Rui\nAlibaba Group said on Monday it would spend more than 380 billion yuan on cloud and AI infrastructure over the next three years.\n\nIts shares are listed in Hong Kong under 9988 and trade in New York under BABA.\n\n(By Chen Rui and Wang Lei)\n[Copyright Eastern Markets Daily]\n",
    );
    site.write(
        "saved/live.txt",
        "Earnings live: Microsoft's spending tops $37 billion in a quarter\nBy Ana Ruiz, Tom Lee\nPublished January 28, 2026 at 3:45 PM ET\nPinned\nKey numbers so far: capex $37.5B | Azure +39%\n\n6:58 PM ET\nMicrosoft's finance chief said most of the quarter's spending went on short-lived assets such as servers.\n\n5:10 PM ET\nThe shares fell about 6% after hours as investors weighed the spending against cloud growth.\n\n4:06 PM ET\nMicrosoft has reported: capital expenditures including finance leases were $37.5 billion in the quarter.\n\nLive coverage has ended.\n",
    );
    import(&site, &["saved/portal.txt", "saved/live.txt"]).ok();
    let portal =
        read(&site, "content/briefings/alibaba-lifts-its-cloud-and-ai-budget-to-380-billion-yuan.md");
    let fm = front_matter(&portal);
    assert!(fm.contains("title: \"Alibaba Lifts Its Cloud and AI Budget to 380 Billion Yuan\"\n"), "{fm}");
    assert!(fm.contains("author: \"Chen Rui\"\n"), "{fm}");
    assert!(fm.contains("date: \"2025-02-24\"\n"), "{fm}");
    assert!(fm.contains("\"9988.HK\"") && fm.contains("\"BABA\""), "{fm}");
    for gone in ["主页", "Copyright", "(By Chen Rui"] {
        assert!(!body(&portal).contains(gone), "{gone} left in:\n{portal}");
    }
    let live =
        read(&site, "content/briefings/earnings-live-microsofts-spending-tops-37-billion-in-a-quarter.md");
    assert!(front_matter(&live).contains("author: \"Ana Ruiz, Tom Lee\"\n"), "{live}");
    let text = body(&live);
    assert!(text.starts_with("6:58 PM ET\n\nMicrosoft's finance chief"), "{text}");
    assert!(text.contains("5:10 PM ET") && text.contains("4:06 PM ET"), "{text}");
    for gone in ["Key numbers so far", "Pinned", "Live coverage has ended"] {
        assert!(!text.contains(gone), "{gone} left in:\n{text}");
    }
}
