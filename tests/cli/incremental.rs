//! Incremental rebuilds (`capbrief serve`): after every kind of edit, the site rebuilt with
//! the session's cache must be byte for byte the site a clean in-memory build makes.

use crate::support::SiteTest;
use capbrief::output::OutputBody;
use capbrief::{render_site, render_site_incremental, BuildCache, BuildOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn opts(t: &SiteTest) -> BuildOptions {
    BuildOptions {
        root: t.root.clone(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..Default::default()
    }
}

/// Every output file: path → bytes, or the source path for a copied file.
fn files(mut built: capbrief::Built) -> BTreeMap<String, Result<Vec<u8>, std::path::PathBuf>> {
    // A preview's search index is made after it is served, from the briefings it hands back:
    // made here, it must equal the clean build's.
    let mut files = std::mem::take(&mut built.files);
    if let Some(docs) = built.rendered.search_docs.take() {
        let languages: Vec<String> = built.config.languages.iter().map(|l| l.code.clone()).collect();
        files.extend(capbrief::search::index(&docs, &languages).0);
    }
    files
        .into_iter()
        .map(|f| {
            let body = match f.body {
                OutputBody::Bytes(b) => Ok(b.to_vec()),
                OutputBody::Copy(src) => Err(src),
            };
            (f.path, body)
        })
        .collect()
}

/// Rebuilds with the cache and checks the result against a clean build; returns how many
/// templated files were rendered rather than reused.
fn rebuild_matches_clean(t: &SiteTest, cache: &mut BuildCache, step: &str) -> usize {
    let incremental =
        files(render_site_incremental(&opts(t), cache).unwrap_or_else(|d| panic!("{step}: {d:?}")));
    let clean = files(render_site(&opts(t)).unwrap_or_else(|d| panic!("{step}: {d:?}")));
    let inc_paths: Vec<&String> = incremental.keys().collect();
    let clean_paths: Vec<&String> = clean.keys().collect();
    assert_eq!(inc_paths, clean_paths, "{step}: the incremental build made other files");
    for (path, body) in &clean {
        assert!(incremental[path] == *body, "{step}: {path} differs from a clean build");
    }
    cache.reuse_stats().files_rendered
}

/// A preview session: the cache and, when it reports changes the way the server's file
/// watcher does, the site's files as they were at the last build.
struct Session {
    cache: BuildCache,
    watched: Option<Option<BTreeMap<PathBuf, Vec<u8>>>>,
}

impl Session {
    /// `report`: tell the cache which files changed before each rebuild (it then reads
    /// those alone when it can); otherwise it checks every file.
    fn new(report: bool) -> Self {
        Session { cache: BuildCache::default(), watched: report.then_some(None) }
    }

    fn rebuild(&mut self, t: &SiteTest, step: &str) -> usize {
        self.report_changes(t);
        rebuild_matches_clean(t, &mut self.cache, step)
    }

    fn rebuild_fails(&mut self, t: &SiteTest) {
        self.report_changes(t);
        assert!(render_site_incremental(&opts(t), &mut self.cache).is_err());
    }

    /// Whether the last build walked every folder instead of reading only reported files.
    fn walked(&self) -> bool {
        self.cache.walked_last()
    }

    fn report_changes(&mut self, t: &SiteTest) {
        let Some(watched) = &mut self.watched else { return };
        let now = site_files(&t.root);
        if let Some(before) = watched.take() {
            let mut changed: Vec<PathBuf> =
                now.iter().filter(|(p, b)| before.get(*p) != Some(b)).map(|(p, _)| p.clone()).collect();
            changed.extend(before.keys().filter(|p| !now.contains_key(*p)).cloned());
            // An editor's temporary file, renamed over the file it saved: gone by now.
            changed.push(t.root.join("content/briefings/sedQ8xk2A"));
            self.cache.note_changes(Some(changed));
        }
        // Files an hour old are not re-read for being recently modified: only the report
        // tells the load which ones changed (as after `rsync -t` or `cp -p` of older files).
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for path in now.keys() {
            let file = std::fs::File::options().write(true).open(path).unwrap();
            file.set_modified(an_hour_ago).unwrap();
        }
        *watched = Some(now);
    }
}

/// Every file the build reads: path → bytes.
fn site_files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for dir in ["content", "static", "templates"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            if entry.file_type().is_file() {
                files.insert(entry.path().to_path_buf(), std::fs::read(entry.path()).unwrap());
            }
        }
    }
    if let Ok(config) = std::fs::read(root.join("config.yaml")) {
        files.insert(root.join("config.yaml"), config);
    }
    files
}

fn edit(t: &SiteTest, rel: &str, from: &str, to: &str) {
    let path = t.root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn every_kind_of_edit_rebuilds_to_the_clean_site() {
    every_kind_of_edit(false);
}

/// The same edits, each reported as the server's watcher reports it: a load then reads the
/// reported files alone, and walks the folders only for a new or removed file.
#[test]
fn every_kind_of_reported_edit_rebuilds_to_the_clean_site() {
    every_kind_of_edit(true);
}

fn every_kind_of_edit(report: bool) {
    let t = SiteTest::example();
    let mut s = Session::new(report);
    let total = s.rebuild(&t, "first build");
    assert!(total > 40, "the first build renders every file ({total})");
    let stats = s.cache.reuse_stats();
    assert_eq!(stats.files_reused, 0);
    assert_eq!(stats.markdown_reused, 0);

    // Nothing changed: nothing is rendered again.
    assert_eq!(s.rebuild(&t, "no change"), 0);
    assert_eq!(s.cache.reuse_stats().markdown_rendered, 0);

    let meta = "content/briefings/meta-60-65-billion-2025.md";
    // A body edit past the first paragraph: the page, the feed and little else.
    edit(&t, meta, "He made the announcement", "He announced it");
    let body_edit = s.rebuild(&t, "body edit");
    assert!(body_edit >= 1 && body_edit < total / 4, "body edit re-rendered {body_edit} of {total}");
    assert_eq!(s.cache.reuse_stats().markdown_rendered, 1, "only the edited body is rendered again");
    assert_eq!(s.walked(), !report, "an edit to a known file is read alone when reported");

    // The first paragraph feeds summaries only when there is no `summary:`; this one has one.
    edit(
        &t,
        meta,
        "Meta plans capital expenditure of $60-65 billion in 2025, chief",
        "Meta plans capex of $60-65 billion in 2025, chief",
    );
    s.rebuild(&t, "first paragraph edit");

    // Title, summary, tags, date: every listing that shows the article.
    edit(&t, meta, "title: \"Meta sets 2025", "title: \"Meta fixes 2025");
    let title_edit = s.rebuild(&t, "title edit");
    assert!(title_edit > body_edit, "a title edit reaches the listings ({title_edit} vs {body_edit})");
    edit(&t, meta, "summary: \"Mark Zuckerberg says", "summary: \"Mark Zuckerberg said");
    s.rebuild(&t, "summary edit");
    edit(&t, meta, "tags: [us, data-centers, chips, energy]", "tags: [us, data-centers, chips, power-grid]");
    s.rebuild(&t, "tag edit");
    edit(&t, meta, "date: 2025-01-24", "date: 2026-01-24");
    s.rebuild(&t, "date edit");
    edit(&t, meta, "companies: [Meta]", "companies: [Meta, Microsoft]");
    s.rebuild(&t, "companies edit");
    // A commitment shows on the briefing, its company's history and /compare/.
    edit(&t, meta, "amount: \"$60-65 billion\"", "amount: \"$60-66 billion\"");
    s.rebuild(&t, "commitment edit");

    // The translation: its own page, the Spanish listings and the original's language links.
    edit(&t, "content/briefings/meta-60-65-billion-2025.es.md", "Lo hizo en una", "Lo publicó en una");
    s.rebuild(&t, "translation body edit");
    edit(
        &t,
        "content/briefings/meta-60-65-billion-2025.es.md",
        "title: \"Meta fija",
        "title: \"Meta establece",
    );
    s.rebuild(&t, "translation title edit");

    // A new article, with a figure and a new tag, then a new translation of it.
    t.write(
        "content/briefings/oracle-new.md",
        "---\ntitle: \"Oracle plans $25 billion of capital spending\"\ndate: 2025-06-12\ncompanies: [Oracle]\ntags: [us, cloud]\n---\n\nOracle plans to spend $25 billion on data centres in fiscal 2026, it said.\n",
    );
    s.rebuild(&t, "new article");
    assert!(s.walked(), "a new file is found by walking the folders");
    t.write(
        "content/briefings/oracle-new.es.md",
        "---\ntitle: \"Oracle prevé invertir 25.000 millones\"\nlang: es\n---\n\nOracle prevé invertir 25.000 millones de dólares.\n",
    );
    s.rebuild(&t, "new translation");

    // Deleting a translation, then an article that had one.
    std::fs::remove_file(t.root.join("content/briefings/oracle-new.es.md")).unwrap();
    s.rebuild(&t, "deleted translation");
    assert!(s.walked(), "a removed file is noticed by walking the folders");
    std::fs::remove_file(t.root.join("content/briefings/amazon-100-billion-2025.md")).unwrap();
    s.rebuild(&t, "deleted article");
    for rel in
        ["alibaba-380-billion-yuan-ai-infrastructure.md", "alibaba-380-billion-yuan-ai-infrastructure.es.md"]
    {
        std::fs::remove_file(t.root.join("content/briefings").join(rel)).unwrap();
    }
    s.rebuild(&t, "deleted article and its translation");

    // An alias, a draft flag, a section index.
    edit(&t, meta, "ai_generated: false", "ai_generated: false\naliases: [/old/meta-2025/]");
    s.rebuild(&t, "new alias");
    let bytedance = "content/briefings/bytedance-150-billion-yuan-2025.md";
    edit(&t, bytedance, "---\ntitle:", "---\ndraft: true\ntitle:");
    s.rebuild(&t, "drafted");
    edit(&t, bytedance, "draft: true\n", "");
    s.rebuild(&t, "undrafted");
    std::fs::write(
        t.root.join("content/briefings/_index.md"),
        "---\ntitle: \"All briefings\"\n---\n\nEvery briefing.\n",
    )
    .unwrap();
    s.rebuild(&t, "section index edit");

    // A broken page fails the build and leaves the cache as it was; fixing it rebuilds right.
    let broken = std::fs::read_to_string(t.root.join(meta)).unwrap();
    std::fs::write(t.root.join(meta), broken.replacen("title: \"", "title: [\"", 1)).unwrap();
    s.rebuild_fails(&t);
    std::fs::write(t.root.join(meta), &broken).unwrap();
    assert_eq!(s.rebuild(&t, "fixed after an error"), 0);

    // A site template and the config change every page: everything renders again.
    t.write("templates/page.html", "{% extends \"base.html\" %}{% block main %}<article>{{ content | safe }}</article>{% endblock main %}");
    let templates = s.rebuild(&t, "template added");
    assert!(templates > total / 2, "a template change re-renders every page ({templates})");
    edit(&t, "config.yaml", "paginate: 10", "paginate: 2");
    s.rebuild(&t, "config edit");
}

#[test]
fn edits_to_duplicates_reach_the_page_that_lists_them() {
    let t = SiteTest::fixture("dedup-corpus");
    let original = std::fs::read_to_string(t.root.join("content/briefings/meta-65-billion.md")).unwrap();
    // Both name their source, so the earlier one is canonical.
    let original = original.replacen("date: 2025-01-24", "date: 2025-01-24\nsource: {name: First Desk}", 1);
    t.write("content/briefings/meta-65-billion.md", &original);
    // The same story from a second outlet, a day later: folded into the original.
    let copy = original.replacen("title: Meta raises", "title: Meta lifts", 1).replacen(
        "date: 2025-01-24\nsource: {name: First Desk}",
        "date: 2025-01-25\nsource: {name: Second Wire, url: \"https://wire.example/meta\"}",
        1,
    );
    t.write("content/briefings/meta-65-billion-wire.md", &copy);
    let mut s = Session::new(false);
    s.rebuild(&t, "first build");
    let canonical = render_site(&opts(&t)).unwrap();
    let page = canonical.files.iter().find(|f| f.path == "briefings/meta-65-billion/index.html").unwrap();
    let OutputBody::Bytes(html) = &page.body else { panic!("the page is rendered") };
    assert!(String::from_utf8_lossy(html).contains("Second Wire"), "the canonical page lists the duplicate");

    let dup = "content/briefings/meta-65-billion-wire.md";
    edit(&t, dup, "title: Meta lifts", "title: Meta boosts");
    s.rebuild(&t, "duplicate's title edit");
    edit(&t, dup, "name: Second Wire", "name: Third Wire");
    s.rebuild(&t, "duplicate's source edit");
    edit(&t, "content/briefings/meta-65-billion.md", "title: Meta raises", "title: Meta increases");
    s.rebuild(&t, "canonical's title edit");
    // Rewritten: no longer the same story, so both are listed again.
    let rewritten = copy.split("---\n").take(2).collect::<Vec<_>>().join("---\n")
        + "---\nA different story about power contracts in Ohio and the cost of transformers.\n";
    std::fs::write(t.root.join(dup), rewritten.replacen("title: Meta lifts", "title: Meta boosts", 1))
        .unwrap();
    s.rebuild(&t, "duplicate rewritten");
}

#[test]
fn a_commitment_reaches_its_company_history_on_another_listing_page() {
    let briefing = |title: &str, date: &str, amount: &str| {
        format!(
            "---\ntitle: \"{title}\"\ndate: {date}\ncompanies: [Meta]\ncapex:\n  - company: Meta\n    amount: \"{amount}\"\n    period: \"2025\"\n---\n\nMeta said it would spend {amount} in 2025.\n"
        )
    };
    let t = SiteTest::inline(
        "title: T\nbase_url: https://example.com/\npaginate: 1\ncompanies:\n  - {name: Meta, tickers: [META]}\n",
        &[
            ("content/briefings/older.md", &briefing("Older", "2025-01-02", "$40 billion")),
            ("content/briefings/newer.md", &briefing("Newer", "2025-03-04", "$65 billion")),
        ],
    );
    let mut s = Session::new(false);
    s.rebuild(&t, "first build");
    // The older briefing is listed on page 2 of Meta's page; its figure is in the history
    // table on page 1.
    edit(&t, "content/briefings/older.md", "amount: \"$40 billion\"", "amount: \"$45 billion\"");
    s.rebuild(&t, "older commitment edit");
    // The table's row links to the briefing by its title; its body is not in the table.
    edit(&t, "content/briefings/older.md", "title: \"Older\"", "title: \"Oldest\"");
    s.rebuild(&t, "older title edit");
    edit(&t, "content/briefings/older.md", "Meta said it", "Meta told investors it");
    s.rebuild(&t, "older body edit");
}

#[test]
fn each_commitment_of_a_briefing_keeps_its_own_row_in_a_company_history() {
    let t = SiteTest::inline(
        "title: T\nbase_url: https://example.com/\ncompanies:\n  - {name: Meta, tickers: [META]}\n",
        &[
            (
                "content/briefings/plan.md",
                "---\ntitle: \"Plan\"\ndate: 2025-01-02\ncapex:\n  - company: Meta\n    amount: \"$40 billion\"\n    period: \"2025\"\n  - company: Meta\n    amount: \"$12 billion\"\n    period: \"2026\"\n---\n\nMeta set out two years of spending.\n",
            ),
            (
                "content/briefings/update.md",
                "---\ntitle: \"Update\"\ndate: 2025-03-04\ncapex:\n  - company: Meta\n    amount: \"$65 billion\"\n    period: \"2025\"\n---\n\nMeta raised its figure.\n",
            ),
        ],
    );
    let mut s = Session::new(false);
    s.rebuild(&t, "first build");
    // Each edit makes Meta's table again; from the second on, the rows of the briefing not
    // edited are taken from the table before, one for each of its two commitments.
    for (n, (from, to)) in
        [("\"Update\"", "\"Update one\""), ("\"Update one\"", "\"Update two\"")].into_iter().enumerate()
    {
        edit(&t, "content/briefings/update.md", from, to);
        s.rebuild(&t, &format!("title edit {}", n + 1));
    }
}

#[test]
fn a_date_edit_moves_the_articles_of_every_listing_page_after_it() {
    let briefing = |title: &str, date: &str| {
        format!("---\ntitle: \"{title}\"\ndate: {date}\ntags: [power]\n---\n\n{title} is about power.\n")
    };
    let t = SiteTest::inline(
        "title: T\nbase_url: https://example.com/\npaginate: 1\n",
        &[
            ("content/briefings/a.md", &briefing("A", "2025-01-01")),
            ("content/briefings/b.md", &briefing("B", "2025-02-01")),
            ("content/briefings/c.md", &briefing("C", "2025-03-01")),
        ],
    );
    let mut s = Session::new(false);
    s.rebuild(&t, "first build");
    // The oldest becomes the newest: pages 2 and 3 of each listing show other, unchanged
    // articles than before.
    edit(&t, "content/briefings/a.md", "date: 2025-01-01", "date: 2025-04-01");
    s.rebuild(&t, "date edit");
}

#[test]
fn a_page_that_stops_being_a_duplicate_gets_its_companies_back() {
    let story = "Meta Platforms said on Wednesday that it will spend far more on data centres this year \
than analysts had expected, as the company races to build the computing capacity needed to train \
and serve its largest artificial intelligence models. The plan includes new campuses in Louisiana \
and Texas, long term power purchase agreements, and a larger order of accelerators from its main \
supplier. Executives told investors that the spending would continue to rise next year, and that \
the returns would come from advertising tools and assistants built on the new models.";
    let briefing = |title: &str, date: &str, extra: &str, body: &str| {
        format!("---\ntitle: \"{title}\"\ndate: {date}\n{extra}---\n\n{body}\n")
    };
    // The copy names a company only through its commitment: folded as a duplicate, it has
    // no commitments, and so no companies.
    let copy = briefing(
        "Meta lifts spending",
        "2025-01-25",
        "capex:\n  - company: Acme Cloud\n    amount: \"$2 billion\"\n    period: \"2025\"\n",
        story,
    );
    let t = SiteTest::inline(
        "title: T\nbase_url: https://example.com/\n",
        &[
            (
                "content/briefings/original.md",
                &briefing("Meta raises spending", "2025-01-24", "companies: [Meta]\n", story),
            ),
            ("content/briefings/copy.md", &copy),
        ],
    );
    // Reported as the watcher does: the copy's unchanged text is the very text kept.
    let mut s = Session::new(true);
    s.rebuild(&t, "first build");
    let clean = render_site(&opts(&t)).unwrap();
    assert!(
        !clean.files.iter().any(|f| f.path.starts_with("companies/acme-cloud/")),
        "the copy is folded, so its commitment is not shown"
    );
    // The copy's text stays the same; the original becomes another story.
    std::fs::write(
        t.root.join("content/briefings/original.md"),
        briefing(
            "Meta raises spending",
            "2025-01-24",
            "companies: [Meta]\n",
            "A different story about transformers in Ohio.",
        ),
    )
    .unwrap();
    s.rebuild(&t, "original rewritten");
    let clean = render_site(&opts(&t)).unwrap();
    assert!(
        clean.files.iter().any(|f| f.path == "companies/acme-cloud/index.html"),
        "the copy is listed again"
    );
}

#[test]
fn edits_that_make_and_unmake_one_story_rebuild_to_the_clean_site() {
    let meta = "Meta Platforms said on Friday it would spend as much as $65 billion on artificial \
intelligence infrastructure this year, with a new data centre campus in Louisiana large enough to \
cover much of Manhattan. Chief executive Mark Zuckerberg said the company would end the year with \
more than 1.3 million graphics processors, and that the spending would rise again next year as \
the company trains larger models and serves its assistant to more than a billion people.";
    let rewrite = "Meta will put up to $65 billion into AI this year, Mark Zuckerberg wrote on Friday, \
lifting its capital spending well past what Wall Street had pencilled in. The money goes to server \
halls, a Louisiana site and more than a million chips, he said.";
    let oracle = "Oracle opened a second cloud region in Madrid on Thursday, its executives said, \
adding capacity for Spanish banks and public agencies that must keep their data in the country. \
The region runs in a leased facility east of the city and will host the company's database \
services first, with artificial intelligence services to follow later in the year.";
    let briefing = |title: &str, date: &str, body: &str| {
        format!("---\ntitle: \"{title}\"\ndate: {date}\n---\n\n{body}\n")
    };
    let t = SiteTest::inline(
        "title: T\nbase_url: https://example.com/\ncompanies:\n  - {name: Meta, tickers: [META]}\n",
        &[
            (
                "content/briefings/meta.md",
                &briefing("Meta to spend up to $65 billion on AI", "2025-01-24", meta),
            ),
            (
                "content/briefings/meta-rewrite.md",
                &briefing("Meta lifts AI spending to $65 billion", "2025-01-25", rewrite),
            ),
            (
                "content/briefings/oracle.md",
                &briefing("Oracle opens a cloud region in Madrid", "2025-01-24", oracle),
            ),
        ],
    );
    let decisions = |t: &SiteTest| {
        let report = capbrief::dedup::inspect(&t.root, false).unwrap().report;
        (report.duplicate_of, report.related.keys().cloned().collect::<Vec<_>>())
    };
    // Reported as the watcher does, so unchanged texts are the very texts kept.
    let mut s = Session::new(true);
    s.rebuild(&t, "first build");
    assert!(decisions(&t).0.is_empty());
    assert_eq!(
        decisions(&t).1,
        ["briefings/meta-rewrite.md", "briefings/meta.md"],
        "the rewrite is related coverage"
    );

    // The Oracle page becomes a copy of the Meta story, then its own story again.
    t.write(
        "content/briefings/oracle.md",
        &briefing("Oracle opens a cloud region in Madrid", "2025-01-24", meta),
    );
    s.rebuild(&t, "an edit that makes a copy");
    assert_eq!(decisions(&t).0.len(), 1, "the two are one story");
    t.write(
        "content/briefings/oracle.md",
        &briefing("Oracle opens a cloud region in Madrid", "2025-01-24", oracle),
    );
    s.rebuild(&t, "an edit that unmakes the copy");
    assert_eq!(decisions(&t).0.len(), 0, "no copies left");

    // The rewrite moves a month away (no longer the same news), then back.
    edit(&t, "content/briefings/meta-rewrite.md", "date: 2025-01-25", "date: 2025-02-25");
    s.rebuild(&t, "an edit that unlinks related coverage");
    assert!(decisions(&t).1.is_empty(), "no related coverage");
    edit(&t, "content/briefings/meta-rewrite.md", "date: 2025-02-25", "date: 2025-01-25");
    s.rebuild(&t, "an edit that links it again");
    assert_eq!(decisions(&t).1.len(), 2);
    // Its headline loses the figure and the subject both share, then gets them back.
    edit(
        &t,
        "content/briefings/meta-rewrite.md",
        "title: \"Meta lifts AI spending to $65 billion\"",
        "title: \"Big Tech keeps spending\"",
    );
    s.rebuild(&t, "a title edit that unlinks it");
    assert!(decisions(&t).1.is_empty(), "no related coverage");
    edit(
        &t,
        "content/briefings/meta-rewrite.md",
        "title: \"Big Tech keeps spending\"",
        "title: \"Meta lifts AI spending to $65 billion\"",
    );
    s.rebuild(&t, "a title edit that links it again");
    assert_eq!(decisions(&t).1.len(), 2);
}

/// An edit that changes dedup's decisions (one copy stops being a copy, another page becomes
/// one, and the story's canonical page changes) re-renders the pages that show either of them, not every page of the site:
/// the pages of unrelated briefings are reused.
#[test]
fn refolding_a_copy_rerenders_only_the_pages_that_show_it() {
    let story = "Meta Platforms said on Friday it would spend as much as $65 billion on artificial \
intelligence infrastructure this year, with a new data centre campus in Louisiana large enough to \
cover much of Manhattan. Chief executive Mark Zuckerberg said the company would end the year with \
more than 1.3 million graphics processors, and that the spending would rise again next year.";
    let briefing = |title: &str, date: &str, body: &str| {
        format!("---\ntitle: \"{title}\"\ndate: {date}\n---\n\n{body}\n")
    };
    let mut files: Vec<(String, String)> = vec![
        (
            "content/briefings/meta.md".into(),
            briefing("Meta to spend up to $65 billion on AI", "2025-01-24", story),
        ),
        ("content/briefings/copy-a.md".into(), briefing("Meta AI spending", "2025-01-24", story)),
        ("content/briefings/copy-b.md".into(), briefing("Meta AI budget", "2025-01-24", "A short note.")),
    ];
    // Unrelated briefings, each about its own place and year, on other days.
    for n in 0..40 {
        let body = format!(
            "Operator number {n} opened facility {n} in district {n} after {} months of building, \
its engineers said, and will lease the halls to tenants from {} onwards.",
            n + 3,
            2030 + n
        );
        let date = format!("2024-{:02}-{:02}", n % 12 + 1, n % 28 + 1);
        files.push((
            format!("content/briefings/site-{n:02}.md"),
            briefing(&format!("Facility {n} opens"), &date, &body),
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let t = SiteTest::inline("title: T\nbase_url: https://example.com/\n", &refs);
    let folded = |t: &SiteTest| capbrief::dedup::inspect(&t.root, false).unwrap().report.duplicate_of;
    let mut s = Session::new(true);
    let everything = s.rebuild(&t, "first build");
    let before = folded(&t);
    assert_eq!(before.len(), 1, "one copy folded");
    // The copy becomes a note of its own and the note a copy, in one save.
    t.write("content/briefings/copy-a.md", &briefing("Meta AI spending", "2025-01-24", "A short note."));
    t.write("content/briefings/copy-b.md", &briefing("Meta AI budget", "2025-01-24", story));
    let rendered = s.rebuild(&t, "an edit that folds another copy");
    let after = folded(&t);
    assert_eq!(after.len(), 1, "one copy folded");
    assert_ne!(before, after, "the story has another canonical page");
    assert!(rendered * 2 < everything, "{rendered} of {everything} files rendered again");
}

/// The wire-version and same-news rules remember what each pair of articles gave; an edit
/// checks again only the pairs with the edited article, and a page added or removed (which
/// moves every article after it) checks them all.
#[test]
fn edits_that_make_and_unmake_wire_versions_and_related_coverage_rebuild_to_the_clean_site() {
    let take = "HANGZHOU, Feb 24 (Pacific Newswire) - Alibaba Group plans to spend at least 380 billion \
yuan ($52.4 billion) over the next three years on cloud computing and artificial intelligence \
infrastructure, the company said on Monday.";
    let update = "HANGZHOU, Feb 24 (Pacific Newswire) - Alibaba Group will spend at least 380 billion \
yuan ($52.4 billion) over the next three years on cloud computing and artificial intelligence \
infrastructure, the Chinese e-commerce group said on Monday, more than it spent on such projects \
in the past decade.\n\nThe plan comes a week after quarterly results in which revenue at the \
group's cloud unit grew at its fastest pace in more than a year, lifted by demand for AI products.";
    let rewrite = "Alibaba has set aside at least 380 billion yuan, roughly $52 billion, to expand its \
data centres and artificial intelligence systems during the next three years, the Hangzhou company \
announced on Monday.\n\nThe budget exceeds what the group put into cloud and AI infrastructure over \
the previous ten years combined.";
    let oracle = "Oracle opened a second cloud region in Madrid on Thursday, its executives said, \
adding capacity for Spanish banks and public agencies that must keep their data in the country.";
    let briefing = |title: &str, date: &str, body: &str| {
        format!("---\ntitle: \"{title}\"\ndate: {date}\n---\n\n{body}\n")
    };
    let t = SiteTest::inline(
        "title: T\nbase_url: https://example.com/\n",
        &[
            (
                "content/briefings/b-take.md",
                &briefing("Alibaba to invest 380 billion yuan in AI", "2025-02-24T03:10:00Z", take),
            ),
            (
                "content/briefings/c-update.md",
                &briefing("Alibaba to invest more than $52 billion in AI", "2025-02-24T09:48:00Z", update),
            ),
            (
                "content/briefings/d-rewrite.md",
                &briefing("Alibaba commits $52 billion to AI build-out", "2025-02-24T14:00:00Z", rewrite),
            ),
            (
                "content/briefings/e-oracle.md",
                &briefing("Oracle opens a region in Madrid", "2025-02-20", oracle),
            ),
        ],
    );
    let decisions = |t: &SiteTest| {
        let report = capbrief::dedup::inspect(&t.root, false).unwrap().report;
        (
            report.duplicate_of.into_iter().collect::<Vec<_>>(),
            report.related.keys().cloned().collect::<Vec<_>>(),
        )
    };
    let version = vec![("briefings/b-take.md".to_string(), "briefings/c-update.md".to_string())];
    let story = ["briefings/c-update.md", "briefings/d-rewrite.md"];
    let mut s = Session::new(true);
    s.rebuild(&t, "first build");
    assert_eq!(decisions(&t), (version.clone(), story.map(String::from).to_vec()));

    // Another agency's dateline: no longer a version of the update, then one again.
    edit(&t, "content/briefings/b-take.md", "(Pacific Newswire)", "(Harbour Press)");
    s.rebuild(&t, "an edit that unmakes a wire version");
    assert!(decisions(&t).0.is_empty(), "{:?}", decisions(&t));
    edit(&t, "content/briefings/b-take.md", "(Harbour Press)", "(Pacific Newswire)");
    s.rebuild(&t, "an edit that makes it again");
    assert_eq!(decisions(&t).0, version);

    // Still the same agency, place and day (so still compared), but another lead: not a
    // version, then one again.
    let lead = "plans to spend at least 380 billion yuan ($52.4 billion) over the next three years";
    let other = "shares rose after the group reported quarterly revenue above forecasts at its cloud unit";
    edit(&t, "content/briefings/b-take.md", lead, other);
    s.rebuild(&t, "a lead edit that unmakes a wire version");
    assert!(decisions(&t).0.is_empty(), "{:?}", decisions(&t));
    edit(&t, "content/briefings/b-take.md", other, lead);
    s.rebuild(&t, "a lead edit that makes it again");
    assert_eq!(decisions(&t).0, version);

    // An edit elsewhere leaves both links as they were.
    edit(&t, "content/briefings/e-oracle.md", "Thursday", "Wednesday");
    s.rebuild(&t, "an edit of an article in no pair");
    assert_eq!(decisions(&t), (version.clone(), story.map(String::from).to_vec()));

    // The rewrite's figure changes (another commitment), then comes back.
    edit(
        &t,
        "content/briefings/d-rewrite.md",
        "title: \"Alibaba commits $52 billion",
        "title: \"Alibaba commits $9 billion",
    );
    s.rebuild(&t, "an edit that unlinks related coverage");
    assert!(decisions(&t).1.is_empty(), "{:?}", decisions(&t));
    edit(
        &t,
        "content/briefings/d-rewrite.md",
        "title: \"Alibaba commits $9 billion",
        "title: \"Alibaba commits $52 billion",
    );
    s.rebuild(&t, "an edit that links it again");
    assert_eq!(decisions(&t).1, story.map(String::from).to_vec());

    // Four days later: still compared (a commitment may be announced within a week), but
    // too far apart for the figures to join them; then back.
    edit(&t, "content/briefings/d-rewrite.md", "date: 2025-02-24T14:00:00Z", "date: 2025-02-28T14:00:00Z");
    s.rebuild(&t, "a date edit that unlinks related coverage");
    assert!(decisions(&t).1.is_empty(), "{:?}", decisions(&t));
    edit(&t, "content/briefings/d-rewrite.md", "date: 2025-02-28T14:00:00Z", "date: 2025-02-24T14:00:00Z");
    s.rebuild(&t, "a date edit that links it again");
    assert_eq!(decisions(&t).1, story.map(String::from).to_vec());

    // A page added before them moves every index; then it goes again.
    t.write(
        "content/briefings/a-copy.md",
        &briefing("Alibaba to invest more than $52 billion in AI", "2025-02-24T10:00:00Z", update),
    );
    s.rebuild(&t, "a copy added before the others");
    assert_eq!(decisions(&t).0.len(), 2, "{:?}", decisions(&t));
    std::fs::remove_file(t.root.join("content/briefings/a-copy.md")).unwrap();
    s.rebuild(&t, "the copy removed");
    assert_eq!(decisions(&t), (version, story.map(String::from).to_vec()));
}
