//! Bad input: every error names `file:line:column`, says what was expected, exits 1, and
//! all errors of a build are reported together. One fixture per case under
//! `tests/fixtures/errors/`.

use crate::support::SiteTest;

/// Builds `tests/fixtures/errors/<case>`, expects exit 1, and returns stderr.
fn failing(case: &str) -> String {
    let site = SiteTest::fixture(&format!("errors/{case}"));
    let run = site.build().fails();
    assert!(!site.public().exists(), "a failed build must not create the output folder");
    run.stderr()
}

#[track_caller]
fn has(stderr: &str, needle: &str) {
    assert!(stderr.contains(needle), "stderr lacks {needle:?}:\n{stderr}");
}

#[test]
fn malformed_yaml_names_the_line_and_the_open_quote() {
    let e = failing("malformed_yaml");
    has(&e, "content/briefings/a.md:4:1: error: found unexpected end of stream, while scanning a quoted scalar at line 2 column 8");
    has(&e, "error: build failed with 1 error; the previous output was left as it was");
}

#[test]
fn missing_title() {
    let e = failing("missing_title");
    has(&e, "content/briefings/a.md:1:1: error: missing required field `title`");
    has(&e, "help: add `title: \"…\"` to the front matter");
}

#[test]
fn missing_date() {
    let e = failing("missing_date");
    has(&e, "content/briefings/a.md:1:1: error: missing required field `date`");
    has(&e, "help: add `date: YYYY-MM-DD` (or RFC 3339) to the front matter");
}

#[test]
fn wrong_type_points_at_the_value() {
    let e = failing("wrong_type");
    has(&e, "content/briefings/a.md:4:7: error: tags: invalid type: integer `5`, expected a sequence");
    has(&e, "4 | tags: 5\n  |       ^");
}

#[test]
fn unknown_front_matter_key_suggests_the_closest() {
    let e = failing("unknown_key");
    has(&e, "content/briefings/a.md:4:1: error: unknown field `tagz`, expected one of `title`");
    has(&e, "help: did you mean `tags`?");
}

#[test]
fn unknown_config_key_suggests_the_closest() {
    let e = failing("unknown_config_key");
    has(&e, "config.yaml:3:1: error: unknown field `paginte`");
    has(&e, "help: did you mean `paginate`?");
}

#[test]
fn unparseable_date_points_at_the_value() {
    let e = failing("bad_date");
    has(&e, "content/briefings/a.md:3:7: error: expected a date as YYYY-MM-DD or RFC 3339 (2025-02-24T09:30:00-05:00), found `29/01/2025`");
}

#[test]
fn an_impossible_date_names_the_missing_day_and_its_translation_adds_nothing() {
    let e = failing("impossible_date");
    has(&e, "content/briefings/a.md:3:7: error: found `2025-02-30`, a day that does not exist: February 2025 has no day 30 (it has 28 days)");
    has(&e, "help: write a day of the calendar as YYYY-MM-DD");
    // The translation takes its date from the original: one error, at its cause.
    assert!(!e.contains("a.es.md"), "a follow-on error for the translation:\n{e}");
    has(&e, "build failed with 1 error;");
}

#[test]
fn two_pages_on_one_path_name_both_sources() {
    let e = failing("same_path");
    has(&e, "error: output path collision at `briefings/meta/index.html`: written by content/briefings/meta.md, content/briefings/other.md");
}

#[test]
fn an_alias_onto_a_page_names_both() {
    let e = failing("alias_collision");
    has(&e, "written by alias `/briefings/meta/` in content/briefings/other.md, content/briefings/meta.md");
}

#[test]
fn paths_differing_only_in_case_collide() {
    let e = failing("case_collision");
    has(&e, "error: output path collision at `briefings/Meta/index.html` and `briefings/meta/index.html`: written by content/briefings/meta.md, content/briefings/other.md");
}

#[test]
fn paths_differing_only_in_unicode_normalisation_collide() {
    let e = failing("nfc_collision");
    has(&e, "error: output path collision at `briefings/cafe\u{301}/index.html` and `briefings/caf\u{e9}/index.html`: written by content/briefings/one.md, content/briefings/two.md");
}

#[test]
fn unclosed_front_matter() {
    let e = failing("unclosed_front_matter");
    has(&e, "content/briefings/a.md:1:1: error: the front matter is never closed: no `---` line after the opening one");
}

#[test]
fn empty_file() {
    let e = failing("empty_file");
    has(&e, "content/briefings/a.md: error: the file is empty");
}

#[test]
fn invalid_utf8_names_the_first_bad_byte() {
    let e = failing("invalid_utf8");
    has(&e, "content/briefings/a.md:5:10: error: the file is not valid UTF-8");
    has(&e, "help: save the file as UTF-8");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let site = SiteTest::fixture("errors/bom_crlf");
    site.build().ok();
    let page = site.output("briefings/a/index.html");
    assert!(page.contains("<strong>$60-65 billion</strong>"), "{page}");
    assert!(page.contains("<h2 id=\"plans\">"), "{page}");
    assert!(!page.contains('\r') && !page.contains('\u{feff}'), "CR or BOM leaked into the page");
    assert!(site.public().join("tags/capex/index.html").is_file());
}

#[test]
fn template_render_error_names_template_line_and_cause() {
    let e = failing("template_error");
    has(&e, "error: cannot render content/briefings/a.md with template `page.html`");
    has(&e, "caused by: error: Invalid type for the value, expected `string` but got `undefined`");
    has(&e, " --> page.html:4:4\n");
    has(&e, "4 | {{ page.headline | upper }}");
}

#[test]
fn template_syntax_error_names_template_line_and_cause() {
    let e = failing("template_syntax_error");
    has(&e, "error: cannot load the templates (site template (templates/))");
    has(&e, "caused by: error: Unknown filter `nosuchfilter`");
    has(&e, " --> page.html:3:17\n");
}

#[test]
fn every_error_of_a_build_is_reported_together() {
    let e = failing("many_errors");
    has(&e, "content/briefings/a.md:1:1: error: missing required field `title`");
    has(&e, "content/briefings/b.md:3:7: error: found `2025-13-01`, a month that does not exist: months run from 01 to 12");
    has(&e, "content/briefings/c.md:4:1: error: unknown field `authr`");
    has(&e, "help: did you mean `author`?");
    has(&e, "content/briefings/d.md:1:1: error: the front matter is never closed");
    has(&e, "error: build failed with 4 errors");
    // Sorted by file, so the report reads top to bottom.
    let order: Vec<usize> = ["a.md:", "b.md:", "c.md:", "d.md:"].iter().map(|n| e.find(n).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{e}");
}

#[test]
fn slugs_that_escape_or_are_not_portable_are_located_errors() {
    let e = failing("bad_slugs");
    for (file, what) in [
        ("dotdot", "`slug` `..` would leave its folder"),
        ("slash", "`slug` contains `/`"),
        ("abs", "`slug` contains `/`"),
        ("con", "`slug` `CON` is a reserved device name on Windows"),
        ("nul", "`slug` `nul.txt` is a reserved device name on Windows"),
        ("colon", "`slug` contains `:`"),
        ("star", "`slug` contains `*`"),
        ("quest", "`slug` contains `?`"),
        ("quote", "`slug` contains `\\\"`"),
        ("lt", "`slug` contains `<`"),
        ("gt", "`slug` contains `>`"),
        ("pipe", "`slug` contains `|`"),
        // Finding: these built, but no link could reach the page, or its URL looked like another.
        ("hash", "`slug` contains `#`, which starts a URL fragment"),
        ("escslash", "`slug` contains `%2F`, an escape for a separator or a dot"),
        ("escdots", "`slug` contains `%2e`, an escape for a separator or a dot"),
        ("zerowidth", "`slug` contains the invisible character U+200B"),
        ("bidi", "`slug` contains the invisible character U+202E"),
        // Finding: 300 bytes failed only when the file was written, not at the `slug:` line.
        ("long", "`slug` is 300 bytes long; at most 200 are allowed in one path segment"),
    ] {
        has(&e, &format!("content/briefings/{file}.md:4:1: error: {what}"));
    }
    has(&e, "error: build failed with 18 errors");
}

#[test]
fn aliases_that_escape_are_located_errors() {
    let e = failing("bad_aliases");
    has(&e, "content/briefings/a.md:6:3: error: alias `../../../etc/cron.d/x`: `..` would leave its folder");
    // A flow sequence has no line per item: the key's line.
    has(&e, "content/briefings/b.md:4:1: error: alias `/NUL/`: `NUL` is a reserved device name on Windows");
    has(&e, "content/briefings/c.md:5:3: error: alias `C:\\\\Windows\\\\x`: contains `:`");
    has(
        &e,
        "content/briefings/d.md:6:3: error: alias `/old/a%2Fb/`: contains `%2F`, an escape for a separator",
    );
    has(&e, "content/briefings/e.md:5:3: error: alias `/old/pay\\u{200b}pal/`: contains the invisible character U+200B");
    // Finding: these built, but no link could reach them, or they looked like another URL.
    has(&e, "content/briefings/f.md:5:3: error: alias `/old/a#b/`: must not contain a query or fragment");
    has(&e, "content/briefings/g.md:5:3: error: alias `/old/a?b/`: must not contain a query or fragment");
    has(&e, "content/briefings/h.md:5:3: error: alias `/old/%2e%2e/x/`: contains `%2e`, an escape for a separator or a dot");
    has(&e, "content/briefings/i.md:5:3: error: alias `/old/pay\\u{202e}pal/`: contains the invisible character U+202E");
    // Shown cut at 200 characters, invisible ones escaped: an error line never reorders a terminal.
    has(&e, &format!("content/briefings/j.md:5:3: error: alias `/old/{}…`: is 300 bytes long; at most 200 are allowed in one path segment", "a".repeat(195)));
    has(&e, "error: build failed with 10 errors");
}

/// Slugs and folder names a URL can carry once escaped (spaces, `%`, non-ASCII) are linked
/// percent-encoded, and every link reaches its page.
#[test]
fn legal_slugs_and_folders_are_linked_percent_encoded() {
    let article = |slug: &str, day: u32| {
        format!("---\ntitle: Capex note {day}\ndate: 2025-01-{day:02}\nslug: \"{slug}\"\n---\nText {day}.\n")
    };
    let site = SiteTest::inline(
        "title: Slugs\nbase_url: https://example.com/repo/\n",
        &[
            ("content/Briefings 2025/a.md", &article("50% rise", 1)),
            ("content/Briefings 2025/b.md", &article("caf\u{e9}-capex", 2)),
            ("content/Briefings 2025/c.md", &article("a%41", 3)),
        ],
    );
    site.build().ok();
    let listing = site.output("Briefings 2025/index.html");
    for href in [
        "href=\"/repo/Briefings%202025/50%25%20rise/\"",
        "href=\"/repo/Briefings%202025/caf%C3%A9-capex/\"",
        "href=\"/repo/Briefings%202025/a%2541/\"",
    ] {
        assert!(listing.contains(href), "{href} missing:\n{listing}");
    }
    assert!(site.public().join("Briefings 2025/50% rise/index.html").is_file());
    assert!(site.public().join("Briefings 2025/a%41/index.html").is_file());
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.com/repo/Briefings%202025/a%2541/</loc>"), "{sitemap}");
    // The link checker resolves every link of the site (it decodes as a server does).
    site.run(&["check"]).ok();
}

#[test]
fn yaml_alias_bomb_is_rejected_quickly() {
    let start = std::time::Instant::now();
    let e = failing("yaml_alias_bomb");
    has(&e, "content/briefings/a.md:2:1: error: YAML aliases expand too far (an alias bomb): repetition limit exceeded");
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
}

#[test]
fn yaml_deep_nesting_is_rejected() {
    let e = failing("yaml_deep_nesting");
    has(&e, "content/briefings/a.md:6:74: error: YAML nests more than 64 levels deep here");
}

/// Finding: `[[[…]]]` 80,000 deep took 29 s to fail and 100,000 deep 79 s, in front matter,
/// `i18n/en.yaml` and `config.yaml` alike. The depth is now checked before parsing.
#[test]
fn flow_nesting_a_hundred_thousand_deep_fails_at_once_at_its_line() {
    let n = 100_000;
    let deep = format!("{}{}", "[".repeat(n), "]".repeat(n));
    let config = "title: t\nbase_url: https://example.com/\n";
    let article = "---\ntitle: t\ndate: 2025-01-01\n---\nx\n";
    let cases = [
        (
            "content/briefings/a.md",
            format!("---\ntitle: t\ndate: 2025-01-01\ntags: {deep}\n---\nx\n"),
            "content/briefings/a.md:4:70: error: YAML nests more than 64 levels deep here",
        ),
        (
            "i18n/en.yaml",
            format!("home: Home\nfeed: {deep}\n"),
            "i18n/en.yaml:2:70: error: YAML nests more than 64 levels deep here",
        ),
        (
            "config.yaml",
            format!("{config}taxonomies: {deep}\n"),
            "config.yaml:3:76: error: YAML nests more than 64 levels deep here",
        ),
    ];
    for (file, text, expected) in cases {
        let site = SiteTest::inline(config, &[("content/briefings/b.md", article)]);
        site.write(file, &text);
        let start = std::time::Instant::now();
        let run = site.build().fails();
        // The old parser took over a minute here; what is measured is "at once", not speed.
        assert!(start.elapsed().as_secs() < 10, "{file}: took {:?}", start.elapsed());
        has(&run.stderr(), expected);
    }
}

#[test]
fn config_alias_bomb_is_rejected_quickly() {
    let start = std::time::Instant::now();
    let e = failing("config_alias_bomb");
    has(&e, "config.yaml:5:14: error: companies[1].aliases[0]: invalid type: sequence, expected a string");
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
}

#[test]
fn outside_a_site_every_command_says_so_plainly() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["build"][..],
        &["build", "--drafts"],
        &["check"],
        &["dedup"],
        &["serve", "--port", "0"],
        &["deploy", "--no-push"],
        &["new", "A title"],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_capbrief"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let e = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {e}");
        has(&e, "is not a capbrief site: it has no config.yaml");
        has(&e, "help: run the command in your site folder or pass --root DIR; to start a site, run `capbrief init DIR`");
        for noise in ["previous output", "last good build", "os error", "git"] {
            assert!(!e.contains(noise), "{args:?} mentions {noise:?}:\n{e}");
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "{args:?} wrote into the folder");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_capbrief"))
        .args(["build", "--root", "no-such-site"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    has(&String::from_utf8_lossy(&out.stderr), "error: `no-such-site` does not exist");
}
