//! Untrusted content: XSS payloads through every front matter field and the body, raw
//! HTML sanitising, template syntax in content, control characters in feeds, hostile
//! Markdown, and symlinks that leave the site.

use crate::scan::{assert_plain_files, scan_html, scan_site, scan_xml};
use crate::support::{repo_root, SiteTest};
use std::time::{Duration, Instant};

const CONFIG: &str = "title: Security\nbase_url: https://example.com/\n";

fn payloads() -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join("tests/fixtures/xss/payloads.txt")).unwrap();
    text.lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// A YAML scalar for any string: JSON strings are YAML double-quoted scalars.
fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// One article per payload, the payload in every field that reaches a page (in `source.url`
/// behind an allowed scheme: a refused URL stops the build, see `url_policy.rs`).
fn article(p: &str, i: usize) -> String {
    let q = yaml_str(p);
    let url = yaml_str(&format!("https://news.example/?q={p}"));
    format!(
        "---\ntitle: {q}\ndate: 2025-01-{day:02}\nsummary: {q}\nauthor: {q}\ntags: [{q}, safe]\n\
         companies: [{q}]\ntickers: [{q}]\nsource:\n  name: {q}\n  url: {url}\n\
         capex:\n  - company: {q}\n    amount: 1\n    currency: USD\n    quote: {q}\n---\n\
         Before the payload.\n\n{p}\n\nInline: {p} and more.\n\n- item {p}\n\n| a |\n|---|\n| {p} |\n",
        day = i % 28 + 1
    )
}

#[test]
fn scanner_catches_what_it_must() {
    // The scanner itself must fail on the forms it looks for, or the tests below prove nothing.
    for bad in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\" java\tscript:x\">x</a>",
        "<iframe src=x></iframe>",
        "<script type=\"application/ld+json\">{\"a\":\"</script><script>x</script>\"}</script>",
        "<!--<script>",
        "<td style=\"background:url(javascript:x)\">",
    ] {
        assert!(!scan_html("t.html", bad).is_empty(), "scanner missed {bad}");
    }
    assert!(
        scan_html("t.html", "<p title=\"onerror=x\">a &lt;script&gt; <a href=\"/x\">y</a></p>").is_empty()
    );
    assert!(!scan_xml("a.xml", "<feed><content type=\"html\">&lt;script&gt;x</content></feed>").is_empty());
    assert!(!scan_xml("a.xml", "<feed><title>a\u{1}</title></feed>").is_empty());
}

#[test]
fn no_xss_payload_survives_into_any_output_file() {
    let payloads = payloads();
    assert!(payloads.len() >= 40, "{} payloads", payloads.len());
    let files: Vec<(String, String)> = payloads
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("content/briefings/p{i:02}.md"), article(p, i)))
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = SiteTest::inline(CONFIG, &refs);
    let run = site.build();
    let run = run.ok();
    let problems = scan_site(&site.public());
    assert!(
        problems.is_empty(),
        "{} problems:\n{}\n\nbuild stderr:\n{}",
        problems.len(),
        problems.join("\n"),
        run.stderr()
    );
    assert_plain_files(&site.public());
}

#[test]
fn template_syntax_in_content_comes_out_as_text() {
    let body = "---\ntitle: \"{{ config }} {% raw %}\"\ndate: 2025-01-01\nsummary: \"{{ 7 * 7 }}\"\ntags: [\"{{ site.title }}\"]\n---\n\
                Sum: {{ 7 * 7 }} and {% for x in [1,2,3] %}{{ x }}{% endfor %} and {# note #}.\n";
    let site = SiteTest::inline(CONFIG, &[("content/briefings/t.md", body)]);
    site.build().ok();
    let page = site.output("briefings/t/index.html");
    assert!(
        page.contains("<h1>{{ config }} {% raw %}</h1>") || page.contains("{{ config }} {% raw %}</h1>"),
        "{page}"
    );
    assert!(
        page.contains("Sum: {{ 7 * 7 }} and {% for x in [1,2,3] %}{{ x }}{% endfor %} and {# note #}."),
        "{page}"
    );
    assert!(!page.contains("49"), "template syntax was evaluated: {page}");
    let feed = site.output("atom.xml");
    assert!(feed.contains("{{ 7 * 7 }}"), "{feed}");
}

#[test]
fn raw_html_is_sanitised_by_default_and_kept_where_trusted() {
    let raw = "<p onclick=\"x()\">para</p>\n\n<script>evil()</script>\n\n<style>p{}</style>\n\n\
               <iframe src=\"https://x.example/\"></iframe>\n\n<form action=\"/x\"><input name=a></form>\n\n\
               <object data=\"x.swf\"></object>\n\n<meta http-equiv=\"refresh\" content=\"0;url=https://x.example/\">\n\n\
               <a href=\"data:text/html,hi\">d</a>\n\n\
               <table><tr><td><em>cell</em></td></tr></table>\n\n<ul><li><a href=\"https://ok.example/\">link</a></li></ul>\n\n\
               <img src=\"/pic.png\" alt=\"pic\">\n";
    // `dedup: false`: this test is about the sanitiser alone, and the in-article dedup
    // counts text-less HTML blocks (`<img>`, `<object>`) as repeats of each other.
    let untrusted = format!("---\ntitle: Untrusted\ndate: 2025-01-01\ndedup: false\n---\n{raw}");
    let trusted =
        format!("---\ntitle: Trusted\ndate: 2025-01-02\nunsafe_html: true\ndedup: false\n---\n{raw}");
    // Separate sites: two copies of one text would otherwise meet the duplicate detection.
    let site = SiteTest::inline(CONFIG, &[("content/briefings/untrusted.md", untrusted.as_str())]);
    site.build().ok();
    let page = site.output("briefings/untrusted/index.html");
    let main = &page[page.find("<article").unwrap()..];
    for gone in [
        "onclick",
        "<script>evil",
        "<style>p",
        "<iframe",
        "<form",
        "<input name",
        "<object",
        "http-equiv",
        "data:text",
    ] {
        assert!(!main.contains(gone), "`{gone}` survived sanitising:\n{main}");
    }
    for kept in [
        "<table>",
        "<em>cell</em>",
        "<ul>",
        "href=\"https://ok.example/\"",
        "<img src=\"/pic.png\" alt=\"pic\">",
        ">para</p>",
    ] {
        assert!(main.contains(kept), "`{kept}` was lost:\n{main}");
    }
    let site = SiteTest::inline(CONFIG, &[("content/briefings/trusted.md", trusted.as_str())]);
    site.build().ok();
    let page = site.output("briefings/trusted/index.html");
    assert!(page.contains("<script>evil()</script>"), "per-article unsafe_html must keep raw HTML");
    assert!(page.contains("<p onclick=\"x()\">para</p>"));

    // The site-wide switch.
    let site = SiteTest::inline(
        &format!("{CONFIG}unsafe_html: true\n"),
        &[("content/briefings/untrusted.md", untrusted.as_str())],
    );
    site.build().ok();
    assert!(site.output("briefings/untrusted/index.html").contains("<script>evil()</script>"));
}

#[test]
fn control_characters_and_noncharacters_never_reach_feed_or_sitemap() {
    // YAML escapes in front matter (a raw C0 character is a YAML error of its own, tested
    // below), raw characters in the body.
    let page = "---\ntitle: \"Capex\\x01\\b\\x0b\\f\\e plan \\uFFFE\\uFFFF end\"\ndate: 2025-01-01\n\
                summary: \"Sum\\x02mary\"\nauthor: \"A\\x02uthor\"\ntags: [\"t\\x03ag\"]\n---\n\
                Body \u{1}\u{7} text \u{ffff} and \u{b}.\n"
        .to_string();
    let site = SiteTest::inline(CONFIG, &[("content/briefings/c.md", page.as_str())]);
    site.build().ok();
    for xml in ["atom.xml", "sitemap.xml", "briefings/atom.xml"] {
        if site.public().join(xml).is_file() {
            let text = site.output(xml);
            let problems = scan_xml(xml, &text);
            assert!(problems.is_empty(), "{problems:?}\n{text}");
        }
    }
    let feed = site.output("atom.xml");
    assert!(feed.contains("<title>Capex plan  end</title>"), "{feed}");

    let raw = "---\ntitle: \"bad \u{1} title\"\ndate: 2025-01-01\n---\nx\n";
    let site = SiteTest::inline(CONFIG, &[("content/briefings/c.md", raw)]);
    site.build().fails().stderr_has("content/briefings/c.md:2:1: error: control characters are not allowed");
}

/// Builds a one-article site with `body` and returns how long the build took.
fn timed_build(name: &str, body: &str) -> (Duration, SiteTest) {
    let text = format!("---\ntitle: {name}\ndate: 2025-01-01\n---\n{body}");
    let site = SiteTest::inline(CONFIG, &[(&format!("content/briefings/{name}.md"), text.as_str())]);
    let start = Instant::now();
    let run = site.build().ok();
    let took = start.elapsed();
    let _ = run;
    (took, site)
}

/// Inputs known to make Markdown parsers slow, each made at size `n`.
fn pathological_cases(n: usize) -> Vec<(&'static str, String)> {
    vec![
        ("brackets", format!("{}x{}\n", "[".repeat(2 * n), "]".repeat(2 * n))),
        ("links", format!("{}x{}\n", "[a](".repeat(n), ")".repeat(n))),
        ("emphasis", format!("{}x{}\n", "*_".repeat(n), "_*".repeat(n))),
        ("lists", (0..n / 2).map(|i| format!("{}- a\n", "  ".repeat(i % 100))).collect::<String>()),
        ("quotes", format!("{} x\n", ">".repeat(2 * n))),
        ("refdefs", format!("[a]\n\n{}", "[a]: https://example.org/\n".repeat(n))),
        ("backticks", "`".repeat(3 * n) + "\n"),
    ]
}

/// Fastest of seven renders of `markdown` (the least disturbed by other work on the machine).
/// The processor time this thread has used: what a render costs, whatever else the machine
/// (or the rest of the test suite) is doing meanwhile.
#[cfg(target_os = "linux")]
fn thread_time() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid timespec for the call to fill.
    let r = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(r, 0, "clock_gettime");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Elsewhere, wall time (noisier on a busy machine).
#[cfg(not(target_os = "linux"))]
fn thread_time() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

fn render_time(markdown: &str, engine: &capbrief::markdown::MarkdownEngine) -> Duration {
    let options = capbrief::markdown::MarkdownOptions { trust_html: false, site_host: "example.com".into() };
    (0..7)
        .map(|_| {
            let start = thread_time();
            let rendered = capbrief::markdown::render(markdown, &options, engine);
            let took = thread_time().saturating_sub(start);
            std::hint::black_box(rendered);
            took
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn pathological_markdown_renders_in_linear_time() {
    // A complexity check, not a stopwatch: rendering four times the input may take about four
    // times as long; a quadratic path would take sixteen. The bound leaves room for noise, and
    // a floor keeps sub-millisecond timings from deciding anything.
    // A true quadratic path fails every attempt; a run slowed by other work on the machine
    // passes on a later one.
    let engine = capbrief::markdown::MarkdownEngine::new();
    let (small, large) = (pathological_cases(2_500), pathological_cases(10_000));
    for ((name, s), (_, l)) in small.iter().zip(&large) {
        let mut attempts = Vec::new();
        let linear = (0..3).any(|_| {
            let (ts, tl) = (render_time(s, &engine), render_time(l, &engine));
            attempts.push((ts, tl));
            tl <= ts * 9 + Duration::from_millis(10)
        });
        assert!(
            linear,
            "{name}: (n, 4n) timings {attempts:?}: 4n took more than 9 times n, worse than linear"
        );
    }
    // And the whole build of the larger inputs writes nothing a browser would run.
    for (name, body) in large {
        let (_, site) = timed_build(name, &body);
        let problems = scan_site(&site.public());
        assert!(problems.is_empty(), "{name}: {problems:?}");
    }
}

#[test]
fn amplified_markdown_output_is_capped_with_a_warning() {
    // 4.5 MB of nested block quotes renders to ~30x its size; the cap cuts it.
    let body = format!("Intro.\n\n{} deep\n", ">".repeat(1_200_000));
    let (_, site) = timed_build("amplified", &body);
    let run = site.build().ok();
    let e = run.stderr();
    assert!(e.contains("warning: the text renders to more than"), "{e}");
    assert!(e.contains("content/briefings/amplified.md:5:1:"), "{e}");
    let size = std::fs::metadata(site.public().join("briefings/amplified/index.html")).unwrap().len();
    assert!(size < 16 << 20, "{size} bytes");
    let page = site.output("briefings/amplified/index.html");
    assert!(
        page.contains("<p>Intro.</p>") && page.contains("size limit"),
        "{}",
        &page[..2000.min(page.len())]
    );
}

#[cfg(unix)]
#[test]
fn symlinks_leaving_the_site_are_refused_by_name() {
    use std::os::unix::fs::symlink;
    let site = SiteTest::inline(
        CONFIG,
        &[("content/briefings/ok.md", "---\ntitle: Ok\ndate: 2025-01-01\n---\nOk.\n")],
    );
    let outside = site.dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.md"), "---\ntitle: Secret\ndate: 2025-01-01\n---\nSECRET\n").unwrap();
    symlink("/etc/passwd", site.root.join("content/briefings/passwd.md")).unwrap();
    symlink(&outside, site.root.join("content/briefings/elsewhere")).unwrap();
    std::fs::create_dir_all(site.root.join("static")).unwrap();
    symlink("/etc/hostname", site.root.join("static/hostname.txt")).unwrap();
    std::fs::create_dir_all(site.root.join("templates")).unwrap();
    symlink(outside.join("secret.md"), site.root.join("templates/page.html")).unwrap();
    let e = site.build().fails().stderr();
    for link in [
        "content/briefings/passwd.md",
        "content/briefings/elsewhere",
        "static/hostname.txt",
        "templates/page.html",
    ] {
        assert!(
            e.lines().any(|l| l.contains(link) && l.contains("error:") && l.contains("outside")),
            "no error naming {link}:\n{e}"
        );
    }
    assert!(!e.contains("root:x:0") && !e.contains("SECRET"), "{e}");
    assert!(!site.public().exists());
}

#[cfg(unix)]
#[test]
fn symlink_loops_end_with_an_error() {
    use std::os::unix::fs::symlink;
    let site = SiteTest::inline(
        CONFIG,
        &[("content/briefings/ok.md", "---\ntitle: Ok\ndate: 2025-01-01\n---\nOk.\n")],
    );
    symlink("..", site.root.join("content/briefings/loop")).unwrap();
    symlink("self", site.root.join("content/briefings/self")).unwrap();
    let start = Instant::now();
    let e = site.build().fails().stderr();
    assert!(start.elapsed() < Duration::from_secs(10));
    assert!(e.contains("content/briefings/loop: error: symbolic link loop; the link is not followed"), "{e}");
    assert!(e.contains("content/briefings/self: error:"), "{e}");
}

#[cfg(unix)]
#[test]
fn output_has_no_symlinks_or_hard_links() {
    use std::os::unix::fs::symlink;
    let site = SiteTest::inline(
        CONFIG,
        &[("content/briefings/ok.md", "---\ntitle: Ok\ndate: 2025-01-01\n---\nOk.\n")],
    );
    site.write("static/data/real.txt", "real");
    symlink("real.txt", site.root.join("static/data/link.txt")).unwrap();
    std::fs::hard_link(site.root.join("static/data/real.txt"), site.root.join("static/data/hard.txt"))
        .unwrap();
    site.build().ok();
    assert_eq!(site.output("data/link.txt"), "real");
    assert_eq!(site.output("data/hard.txt"), "real");
    assert_plain_files(&site.public());
}
