//! The bundled example site shows each feature working: a story reported twice folds into
//! one page that credits the other outlet, and an AI-drafted briefing carries its disclosure.

use crate::support::{browser_modules, repo_root, SiteTest};

#[test]
fn dedup_finds_the_story_reported_twice() {
    let site = SiteTest::example();
    let run = site.run(&["dedup"]).ok();
    let out = run.stdout();
    assert!(
        out.contains(
            "content/briefings/stargate-500-billion-openai-softbank-oracle.md  (canonical: earliest date (2025-01-21))\n  duplicate: content/briefings/stargate-joint-venture-texas-first-site.md"
        ),
        "{out}"
    );
    assert!(out.contains("1 cluster, 1 duplicate, 0 stories with related coverage among"), "{out}");
    let run = site.run(&["dedup", "--json"]).ok();
    assert!(run.stdout().contains("stargate-joint-venture-texas-first-site.md"), "{}", run.stdout());
}

#[test]
fn the_canonical_page_credits_the_other_outlet_and_the_duplicate_redirects_to_it() {
    let site = SiteTest::example();
    let run = site.build().ok();
    assert!(
        run.stderr().contains("dedup: 1 duplicate article folded into 1 canonical page"),
        "{}",
        run.stderr()
    );
    let page = site.output("briefings/stargate-500-billion-openai-softbank-oracle/index.html");
    let also = page.find("Also reported by").unwrap_or_else(|| panic!("no also-reported list:\n{page}"));
    let rest = &page[also..];
    assert!(rest.contains("https://compute-ledger.example/2025/01/22/stargate-texas/"), "{rest}");
    assert!(rest.contains("The Compute Ledger"), "{rest}");
    let dup = site.output("briefings/stargate-joint-venture-texas-first-site/index.html");
    assert!(dup.contains("<meta http-equiv=\"refresh\""), "{dup}");
    assert!(dup.contains("/briefings/stargate-500-billion-openai-softbank-oracle/"), "{dup}");
}

#[test]
fn the_ai_drafted_briefing_says_so() {
    let site = SiteTest::example();
    site.build().ok();
    let page = site.output("briefings/alphabet-raises-2025-capex-to-85-billion/index.html");
    assert!(page.contains("disclosure-production disclosure-ai"), "{page}");
    assert!(page.contains("drafted with the help of AI software"), "{page}");
    let human = site.output("briefings/stargate-500-billion-openai-softbank-oracle/index.html");
    assert!(!human.contains("disclosure-ai"), "a briefing written by people is marked as AI-drafted");
}

/// The README's screenshot (`docs/screenshot.png`) is committed and is a 1280×900 PNG.
#[test]
fn the_readme_screenshot_is_in_docs() {
    let committed = repo_root().join("docs/screenshot.png");
    assert_eq!(png_size(&committed), Some((1280, 900)), "{} is missing or not 1280×900", committed.display());
}

/// Headless Chromium opens the served example at desktop and phone widths; the desktop home
/// page is the README's screenshot. `CAPBRIEF_UPDATE_SCREENSHOT=1` copies the new one to
/// `docs/screenshot.png`.
#[test]
#[ignore = "needs chromium and playwright-core (`.ci/run` installs them and runs this with --ignored)"]
fn the_example_renders_in_a_browser() {
    let modules = browser_modules(false);
    let committed = repo_root().join("docs/screenshot.png");
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
    let shots = site.dir.path().join("shots");
    std::fs::create_dir_all(&shots).unwrap();
    let out = std::process::Command::new("node")
        .arg(repo_root().join("tests/browser/screenshot.cjs"))
        .arg(&url)
        .arg(&shots)
        .env("NODE_PATH", &modules)
        .output()
        .expect("node must be installed to run the browser test");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        out.status.success(),
        "browser failed\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(png_size(&shots.join("home-desktop.png")), Some((1280, 900)));
    assert_eq!(png_size(&shots.join("home-phone.png")), Some((390, 844)));
    assert_eq!(png_size(&shots.join("article-desktop.png")), Some((1280, 900)));
    let keep = repo_root().join("target/screenshots");
    std::fs::create_dir_all(&keep).unwrap();
    for f in ["home-desktop.png", "home-phone.png", "article-desktop.png"] {
        std::fs::copy(shots.join(f), keep.join(f)).unwrap();
    }
    if std::env::var_os("CAPBRIEF_UPDATE_SCREENSHOT").is_some() {
        std::fs::copy(shots.join("home-desktop.png"), &committed).unwrap();
    }
}

/// Width and height from a PNG's header, or `None` when the file is not a PNG.
fn png_size(path: &std::path::Path) -> Option<(u32, u32)> {
    let bytes = std::fs::read(path).ok()?;
    if bytes.get(..8)? != b"\x89PNG\r\n\x1a\n" || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |r: std::ops::Range<usize>| Some(u32::from_be_bytes(bytes.get(r)?.try_into().ok()?));
    Some((be(16..20)?, be(20..24)?))
}
