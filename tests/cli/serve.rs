//! `capbrief serve`: the real binary on a copied fixture, spoken to over raw HTTP, plus the
//! headless Chromium run in `tests/browser/`.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use crate::support::{browser_modules, repo_root, SiteTest};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `capbrief serve`, stopped on drop.
struct Served {
    child: Child,
    port: u16,
    /// The printed URL's path (the site's base path).
    base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(site: &SiteTest, extra: &[&str]) -> Served {
    let mut child = site
        .cmd(&[&["serve", "--port", "0"], extra].concat())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first.split(" at ").nth(1).unwrap().trim().to_string();
    let rest = url.strip_prefix("http://127.0.0.1:").unwrap();
    let (port, base) = rest.split_once('/').unwrap();
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Served { child, port: port.parse().unwrap(), base: format!("/{base}") }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

impl Served {
    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends `head` (without the final blank line) and reads the whole reply.
    fn raw(&self, head: &str) -> Reply {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(format!("{head}\r\n\r\n").as_bytes()).unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        Reply { status, head: head.to_string(), body: body.to_string() }
    }

    fn get(&self, path: &str) -> Reply {
        self.raw(&format!("GET {path} HTTP/1.1\r\nHost: {}", self.host()))
    }

    /// Opens a reload stream; each received chunk of text arrives on the channel.
    fn events(&self) -> mpsc::Receiver<String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let host = self.host();
        write!(s, "POST /__capbrief/events HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\n\r\n")
            .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = s.read(&mut buf) {
                if n == 0 || tx.send(String::from_utf8_lossy(&buf[..n]).into_owned()).is_err() {
                    break;
                }
            }
        });
        rx
    }
}

/// Waits until the stream has carried `needle`, for at most `limit`.
#[track_caller]
fn expect_event(rx: &mpsc::Receiver<String>, needle: &str, limit: Duration) -> Duration {
    let start = Instant::now();
    let mut seen = String::new();
    while start.elapsed() < limit {
        if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(20)) {
            seen.push_str(&chunk);
            if seen.contains(needle) {
                return start.elapsed();
            }
        }
    }
    panic!("no {needle:?} within {limit:?}; stream said:\n{seen}");
}

const FIRST: &str = "content/briefings/first.md";

fn first_with(title: &str, date: &str) -> String {
    let text = std::fs::read_to_string(repo_root().join("tests/fixtures/minimal").join(FIRST)).unwrap();
    text.replace("title: First briefing", &format!("title: \"{title}\"")).replace("date: 2025-02-24", date)
}

#[test]
fn an_edit_reloads_the_tab_with_new_content_within_two_seconds() {
    let site = SiteTest::fixture("minimal");
    let served = serve(&site, &[]);
    let home = served.get(&served.base);
    assert_eq!(home.status, 200, "{}", home.head);
    assert!(home.body.contains("First briefing"));
    assert!(home.body.contains("capbrief-livereload"), "script injected into served HTML");
    // Links point at the local server, not the production base_url.
    assert!(!home.body.contains("https://example.com/"), "{}", home.body);

    let events = served.events();
    expect_event(&events, "event: hello", Duration::from_secs(2));
    site.write(FIRST, &first_with("Edited while serving", "date: 2025-02-24"));
    let took = expect_event(&events, "event: reload", Duration::from_secs(2));
    let home = served.get(&served.base);
    assert!(home.body.contains("Edited while serving"), "new title served after {took:?}");
    assert!(!home.body.contains("First briefing"));
}

#[test]
fn a_broken_file_shows_an_escaped_overlay_until_it_is_fixed() {
    let site = SiteTest::fixture("minimal");
    let served = serve(&site, &[]);
    let events = served.events();
    expect_event(&events, "event: hello", Duration::from_secs(2));

    let evil = "</pre><script>alert(1)</script>";
    site.write(FIRST, &first_with("First briefing", &format!("date: \"{evil}\"")));
    expect_event(&events, "event: reload", Duration::from_secs(2));
    let page = served.get(&served.base);
    assert_eq!(page.status, 200, "the last good build is still served");
    assert!(page.body.contains("First briefing"));
    assert!(page.body.contains("capbrief-build-error"), "overlay shown:\n{}", page.body);
    assert!(page.body.contains("first.md:3"), "overlay names file and line:\n{}", page.body);
    // Each error once: the heading names it, the box below shows only its snippet and help.
    assert_eq!(page.body.matches("first.md:3").count(), 1, "error shown more than once:\n{}", page.body);
    assert!(page.body.contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "{}", page.body);
    assert!(!page.body.contains(evil), "raw markup must never reach the page");

    site.write(FIRST, &first_with("Fixed title", "date: 2025-02-24"));
    expect_event(&events, "event: reload", Duration::from_secs(2));
    let page = served.get(&served.base);
    assert!(!page.body.contains("capbrief-build-error"), "overlay cleared");
    assert!(page.body.contains("Fixed title"));
}

#[test]
fn a_stylesheet_change_swaps_styles_without_a_reload() {
    let site = SiteTest::fixture("minimal");
    site.write("static/extra.css", "body { color: black }\n");
    let served = serve(&site, &[]);
    let events = served.events();
    expect_event(&events, "event: hello", Duration::from_secs(2));
    site.write("static/extra.css", "body { color: navy }\n");
    expect_event(&events, "event: css", Duration::from_secs(2));
    assert!(served.get(&format!("{}extra.css", served.base)).body.contains("navy"));
}

#[test]
fn http_basics_statuses_types_head_and_no_caching() {
    let site = SiteTest::fixture("minimal");
    site.write("static/app.js", "console.log(1)");
    site.write("static/data.json", "{}");
    site.write("static/font.woff2", "x");
    site.write("static/pic.png", "x");
    let served = serve(&site, &[]);
    let b = &served.base;
    let missing = served.get(&format!("{b}no/such/page/"));
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"), "404.html is served with the 404 status");

    let folder = served.get(&format!("{b}briefings"));
    assert_eq!(folder.status, 302);
    assert_eq!(folder.header("location").as_deref(), Some(format!("{b}briefings/").as_str()));
    assert_eq!(served.get(&format!("{b}briefings/")).status, 200);

    for (path, ty) in [
        ("", "text/html; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("data.json", "application/json"),
        ("font.woff2", "font/woff2"),
        ("pic.png", "image/png"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
    ] {
        let r = served.get(&format!("{b}{path}"));
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type").as_deref(), Some(ty), "{path}");
        assert_eq!(r.header("cache-control").as_deref(), Some("no-store"), "{path}");
    }
    let js = served.get(&format!("{b}app.js"));
    assert!(!js.body.contains("capbrief-livereload"), "script only goes into HTML");

    let head = served.raw(&format!("HEAD {b} HTTP/1.1\r\nHost: {}", served.host()));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_ne!(head.header("content-length").as_deref(), Some("0"));

    let post = served.raw(&format!("POST {b} HTTP/1.1\r\nHost: {}", served.host()));
    assert_eq!(post.status, 405);
}

#[test]
fn no_request_path_reaches_a_file_outside_the_output() {
    let site = SiteTest::fixture("minimal");
    let secret = site.dir.path().join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-OUTSIDE").unwrap();
    std::fs::write(site.root.join("config-secret.txt"), "TOP-SECRET-ROOT").unwrap();
    let served = serve(&site, &[]);
    let secret_abs = secret.display().to_string();
    let paths = [
        "/../secret.txt",
        "/../../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/.%2e/secret.txt",
        "/%2e./secret.txt",
        "/briefings/../../secret.txt",
        "/briefings/%2e%2e/%2e%2e/secret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/%25252e%25252e/secret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/..%5csecret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/etc/passwd",
        "/../../../../../../etc/passwd",
        "/..%00/secret.txt",
        "/secret.txt%00.html",
        "/%00",
        "/./config.yaml",
        "/../site/config.yaml",
        "/config.yaml",
        "/config-secret.txt",
        "/content/briefings/first.md",
        "/C:/Windows/win.ini",
        "/C:%5cWindows%5cwin.ini",
        &format!("/{}", secret_abs.trim_start_matches('/')),
        &format!("/..{secret_abs}"),
        "/%2e%2e%5c%2e%2e%5csecret.txt",
        "/%%32%65%%32%65/secret.txt",
        "/%u002e%u002e/secret.txt",
        "/..;/secret.txt",
        "/....//secret.txt",
        "/static/../../secret.txt",
        "/outside-link/secret.txt",
        "/outside-link",
    ];
    assert!(paths.len() >= 30);
    for path in paths {
        let r = served.get(path);
        assert!(matches!(r.status, 400 | 404), "{path}: {}", r.status);
        assert!(!r.body.contains("TOP-SECRET") && !r.body.contains("root:x:0"), "{path} leaked");
        assert!(r.header("access-control-allow-origin").is_none(), "{path}");
    }
    // Absolute-form and odd targets.
    for target in [&format!("http://127.0.0.1:{}/../secret.txt", served.port), "*", "secret.txt"] {
        let r = served.raw(&format!("GET {target} HTTP/1.1\r\nHost: {}", served.host()));
        assert_eq!(r.status, 400, "{target}");
    }
}

#[test]
fn symlinks_pointing_outside_are_not_served() {
    let site = SiteTest::fixture("minimal");
    let outside = site.dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "TOP-SECRET-LINKED").unwrap();
    std::fs::create_dir_all(site.root.join("static")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&outside, site.root.join("static/outside-link")).unwrap();
        std::os::unix::fs::symlink(outside.join("secret.txt"), site.root.join("static/leak.txt")).unwrap();
    }
    let served = serve(&site, &[]);
    for path in ["/outside-link/secret.txt", "/leak.txt", "/outside-link/", "/outside-link"] {
        let r = served.get(path);
        assert!(!r.body.contains("TOP-SECRET"), "{path} leaked: {}", r.status);
        assert!(r.status == 404 || r.status == 500, "{path}: {}", r.status);
    }
}

#[test]
fn foreign_hosts_and_origins_are_refused() {
    let site = SiteTest::fixture("minimal");
    let served = serve(&site, &[]);
    let (b, host, port) = (&served.base, served.host(), served.port);
    for bad in [format!("evil.example:{port}"), format!("127.0.0.1.nip.io:{port}"), "127.0.0.1".into()] {
        let r = served.raw(&format!("GET {b} HTTP/1.1\r\nHost: {bad}\r\nX-Forwarded-Host: {host}"));
        assert_eq!(r.status, 403, "Host {bad}");
        assert!(!r.body.contains("First briefing"));
    }
    assert_eq!(served.raw(&format!("GET {b} HTTP/1.1")).status, 400, "no Host");
    assert_eq!(served.raw(&format!("GET {b} HTTP/1.1\r\nHost: localhost:{port}")).status, 200);

    let ev = "POST /__capbrief/events HTTP/1.1";
    for (extra, why) in [
        ("".to_string(), "no Origin"),
        ("\r\nOrigin: http://evil.example".to_string(), "foreign Origin"),
        ("\r\nOrigin: null".to_string(), "opaque Origin"),
        (format!("\r\nOrigin: https://{host}"), "other scheme"),
        (format!("\r\nOrigin: http://evil.example\r\nX-Forwarded-Host: {host}"), "forwarded host ignored"),
    ] {
        let r = served.raw(&format!("{ev}\r\nHost: {host}{extra}"));
        assert_eq!(r.status, 403, "{why}");
    }
    let r = served.raw(&format!("GET /__capbrief/events HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}"));
    assert_eq!(r.status, 405);
    let r = served.get(b);
    assert!(r.header("access-control-allow-origin").is_none());
}

#[test]
fn hundreds_of_requests_and_a_hundred_reload_streams() {
    let site = SiteTest::fixture("minimal");
    let served = serve(&site, &[]);
    let streams: Vec<_> = (0..100).map(|_| served.events()).collect();
    for s in &streams {
        expect_event(s, "event: hello", Duration::from_secs(5));
    }
    let port = served.port;
    let base = served.base.clone();
    let workers: Vec<_> = (0..300)
        .map(|_| {
            let base = base.clone();
            std::thread::spawn(move || {
                let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
                write!(s, "GET {base} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
                let mut out = String::new();
                s.read_to_string(&mut out).unwrap();
                out
            })
        })
        .collect();
    for w in workers {
        let reply = w.join().unwrap();
        assert!(reply.starts_with("HTTP/1.1 200"), "{}", reply.lines().next().unwrap_or(""));
    }
    site.write(FIRST, &first_with("Seen by every tab", "date: 2025-02-24"));
    for s in &streams {
        expect_event(s, "event: reload", Duration::from_secs(5));
    }
}

#[test]
fn a_busy_port_is_explained_and_ctrl_c_stops_cleanly() {
    let site = SiteTest::fixture("minimal");
    let mut served = serve(&site, &[]);
    let port = served.port.to_string();
    let second = site.run(&["serve", "--port", &port]);
    assert_eq!(second.out.status.code(), Some(1));
    assert!(second.stderr().contains("already in use") && second.stderr().contains("--port 0"));

    let pid = served.child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let start = Instant::now();
    loop {
        if let Some(status) = served.child.try_wait().unwrap() {
            assert!(status.success(), "Ctrl-C exits 0, got {status:?}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The port is free again.
    std::net::TcpListener::bind(("127.0.0.1", served.port)).unwrap();
}

#[test]
fn a_network_bind_warns_that_the_site_is_reachable() {
    let site = SiteTest::fixture("minimal");
    let mut child = site
        .cmd(&["serve", "--port", "0", "--bind", "0.0.0.0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut text = String::new();
    let start = Instant::now();
    while !text.contains("reachable from the network") && start.elapsed() < Duration::from_secs(10) {
        let mut line = String::new();
        if err.read_line(&mut line).unwrap() == 0 {
            break;
        }
        text.push_str(&line);
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(text.contains("reachable from the network"), "{text}");
}

/// Headless Chromium: the open tab shows an edited title by itself, and the error overlay
/// runs no script from the page's own text.
#[test]
#[ignore = "needs chromium and playwright-core (`.ci/run` installs them and runs this with --ignored)"]
fn a_real_browser_tab_follows_edits() {
    let modules = browser_modules(false);
    let site = SiteTest::fixture("minimal");
    let served = serve(&site, &[]);
    let out = Command::new("node")
        .arg(repo_root().join("tests/browser/live_reload.cjs"))
        .arg(format!("http://127.0.0.1:{}{}", served.port, served.base))
        .arg(site.root.join(FIRST))
        .env("NODE_PATH", &modules)
        .output()
        .expect("node must be installed to run the browser test");
    assert!(
        out.status.success(),
        "browser test failed\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The server tells each rebuild which files its watcher saw change, and the rebuild reads
/// those alone; a file that appears or goes away makes it walk the folders again.
#[test]
fn saves_through_a_temporary_file_new_files_and_removed_files_are_followed() {
    let site = SiteTest::fixture("minimal");
    let served = serve(&site, &[]);
    let events = served.events();
    expect_event(&events, "event: hello", Duration::from_secs(2));
    // A save may come as more than one burst of events: wait for the page, not one reload.
    let until = |what: &str, path: &str, ok: &dyn Fn(&Reply) -> bool| {
        let start = Instant::now();
        loop {
            let reply = served.get(&format!("{}{path}", served.base));
            if ok(&reply) {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(5), "{what}: {}\n{}", reply.head, reply.body);
            std::thread::sleep(Duration::from_millis(20));
        }
    };

    // An editor's atomic save: a temporary file beside the article, renamed over it.
    site.write("content/briefings/sedQx71Lm", &first_with("Saved atomically", "date: 2025-02-24"));
    std::fs::rename(site.root.join("content/briefings/sedQx71Lm"), site.root.join(FIRST)).unwrap();
    expect_event(&events, "event: reload", Duration::from_secs(5));
    until("the saved title", "", &|r| r.body.contains("Saved atomically"));

    // A new article is found, then its removal is.
    let second = "---\ntitle: \"A second briefing\"\ndate: 2025-03-01\n---\n\nOracle plans new data \
                  centres in Texas and Ohio, with power contracts signed for both sites.\n";
    site.write("content/briefings/second.md", second);
    until("the new article", "briefings/second/", &|r| {
        r.status == 200 && r.body.contains("A second briefing")
    });
    std::fs::remove_file(site.root.join("content/briefings/second.md")).unwrap();
    until("the removed article", "briefings/second/", &|r| r.status == 404);
    until("the home page", "", &|r| {
        r.body.contains("Saved atomically") && !r.body.contains("A second briefing")
    });
}

/// Resident memory of a process, in bytes (Linux).
#[cfg(target_os = "linux")]
fn rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kb * 1024
}

/// Finding: the server read static files from disk on each request, following links: a
/// served file replaced by a link to a file outside the site was served (200) after the
/// rebuild had failed. Now it serves the last good build's bytes, from memory.
#[cfg(unix)]
#[test]
fn a_failed_rebuild_keeps_serving_the_last_good_bytes_never_the_disk() {
    let site = SiteTest::fixture("minimal");
    site.write("static/app.js", "console.log('good build')");
    let secret = site.dir.path().join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-OUTSIDE").unwrap();
    let served = serve(&site, &[]);
    let js = format!("{}app.js", served.base);
    assert!(served.get(&js).body.contains("good build"));
    let events = served.events();
    expect_event(&events, "event: hello", Duration::from_secs(2));
    std::fs::remove_file(site.root.join("static/app.js")).unwrap();
    std::os::unix::fs::symlink(&secret, site.root.join("static/app.js")).unwrap();
    expect_event(&events, "event: reload", Duration::from_secs(5));
    let page = served.get(&served.base);
    assert!(page.body.contains("capbrief-build-error"), "the rebuild failed:\n{}", page.body);
    let r = served.get(&js);
    assert_eq!(r.status, 200);
    assert!(r.body.contains("good build"), "{}", r.body);
    assert!(!r.body.contains("TOP-SECRET"));
    // Bytes on disk changed without a rebuild are not served either: the build's are.
    std::fs::write(&secret, "TOP-SECRET-CHANGED").unwrap();
    assert!(!served.get(&js).body.contains("TOP-SECRET"));
}

/// Finding: the query string was copied into `Location` unchecked, so a raw line break in the
/// request target made a second response header.
#[test]
fn a_redirect_never_carries_a_header_from_the_request() {
    let site = SiteTest::fixture("minimal");
    let served = serve(&site, &[]);
    let (b, host) = (&served.base, served.host());
    let check = |request: &str, raw_break: bool| {
        let r = served.raw(request);
        assert!(r.header("set-cookie").is_none(), "{request:?} made a header:\n{}", r.head);
        for line in r.head.lines().skip(1) {
            assert!(!line.to_ascii_lowercase().starts_with("set-cookie"), "{request:?}:\n{}", r.head);
        }
        if raw_break {
            // A line break where HTTP allows none is a malformed request.
            assert_eq!(r.status, 400, "{request:?}:\n{}", r.head);
        } else {
            assert!(matches!(r.status, 302 | 400 | 404), "{request:?}: {}", r.status);
        }
        if let Some(location) = r.header("location") {
            assert!(!location.contains(['\r', '\n']), "{location:?}");
        }
    };
    // Line breaks in the request target.
    for target in [
        format!("{b}briefings?x\nSet-Cookie:pwn=1"),
        format!("{b}briefings?x\r\nSet-Cookie:pwn=1"),
        format!("{b}briefings?x\rSet-Cookie:pwn=1"),
        format!("{b}briefings?x\n\rSet-Cookie:pwn=1"),
    ] {
        check(&format!("GET {target} HTTP/1.1\r\nHost: {host}"), true);
    }
    // Escaped line breaks are text: redirected or not found, never decoded into a header.
    for target in
        [format!("{b}briefings?x%0d%0aSet-Cookie:pwn=1"), format!("{b}briefings%0d%0aSet-Cookie:pwn=1")]
    {
        check(&format!("GET {target} HTTP/1.1\r\nHost: {host}"), false);
    }
    // A bare CR, a bare LF or a folded line inside a header of the request.
    for head in [
        format!("GET {b}briefings?x HTTP/1.1\r\nHost: {host}\r\nX-A: a\rSet-Cookie: pwn=1"),
        format!("GET {b}briefings?x HTTP/1.1\r\nHost: {host}\rSet-Cookie: pwn=1"),
        format!("GET {b}briefings?x HTTP/1.1\r\nX-A: a\r\n Set-Cookie: pwn=1\r\nHost: {host}"),
        format!("GET {b}briefings?x HTTP/1.1\r\nHost: {host}\r\nX-A: a\0Set-Cookie: pwn=1"),
    ] {
        check(&head, true);
    }
}

/// Finding: each request read a static file whole, and `Range` was ignored: eight stalled
/// downloads of a 256 MB file took the server from 46 MB to 2.1 GB. Now bodies are streamed
/// from the one copy the build holds, and `Range` is answered.
#[cfg(target_os = "linux")]
#[test]
fn large_files_are_streamed_from_one_copy_and_ranges_are_answered() {
    let site = SiteTest::fixture("minimal");
    let size = 48 << 20;
    let data: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
    std::fs::create_dir_all(site.root.join("static")).unwrap();
    std::fs::write(site.root.join("static/video.bin"), &data).unwrap();
    let served = serve(&site, &[]);
    let path = format!("{}video.bin", served.base);
    let host = served.host();

    // Downloads that read nothing, whole or from the second byte on: the server holds the file
    // once, not once per request (the old server grew by the file's size for each).
    let pid = served.child.id();
    let before = rss(pid);
    let stalled: Vec<TcpStream> = (0..24)
        .map(|i| {
            let mut s = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
            let range = if i % 2 == 0 { "" } else { "Range: bytes=1-\r\n" };
            write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\n{range}\r\n").unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_secs(2));
    let grown = rss(pid).saturating_sub(before);
    assert!(grown < (size as u64) / 2, "24 stalled downloads grew the server by {} MB", grown >> 20);
    drop(stalled);
    // A range, a suffix range, an open range, an unsatisfiable one.
    let ranged = |range: &str| {
        let mut s = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\nRange: {range}\r\n\r\n").unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).unwrap();
        let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        (String::from_utf8_lossy(&bytes[..end]).into_owned(), bytes[end + 4..].to_vec())
    };
    let (head, body) = ranged("bytes=1000-1999");
    assert!(head.starts_with("HTTP/1.1 206"), "{head}");
    assert!(head.to_ascii_lowercase().contains(&format!("content-range: bytes 1000-1999/{size}")), "{head}");
    assert_eq!(body, &data[1000..2000]);
    let (head, body) = ranged("bytes=-10");
    assert!(head.starts_with("HTTP/1.1 206"), "{head}");
    assert_eq!(body, &data[size - 10..]);
    let (head, body) = ranged(&format!("bytes={}-", size - 5));
    assert!(head.starts_with("HTTP/1.1 206"), "{head}");
    assert_eq!(body, &data[size - 5..]);
    let (head, _) = ranged(&format!("bytes={size}-"));
    assert!(head.starts_with("HTTP/1.1 416"), "{head}");
    assert!(head.to_ascii_lowercase().contains(&format!("content-range: bytes */{size}")), "{head}");

    // And a whole download still arrives intact.
    let r = {
        let mut s = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).unwrap();
        bytes
    };
    assert!(r.ends_with(&data[size - 4096..]));
    assert_eq!(r.len() - r.windows(4).position(|w| w == b"\r\n\r\n").unwrap() - 4, size);
}

/// Found once the head deadline held: a thousand downloads that read nothing still filled
/// every connection slot, and each tab then got 503. A response whose client takes nothing
/// for 30 s is closed; one read slowly but steadily is not.
#[test]
fn a_download_nobody_reads_is_closed_and_a_slow_one_is_not() {
    let site = SiteTest::fixture("minimal");
    let size = 24 << 20;
    // Written a megabyte at a time: the test process never holds the file, so its allocator
    // is left as the in-process timing tests expect it.
    std::fs::create_dir_all(site.root.join("static")).unwrap();
    let mut file = std::fs::File::create(site.root.join("static/big.bin")).unwrap();
    for _ in 0..size >> 20 {
        file.write_all(&[b'x'; 1 << 20]).unwrap();
    }
    drop(file);
    let served = serve(&site, &[]);
    let request = format!("GET {}big.bin HTTP/1.1\r\nHost: {}\r\n\r\n", served.base, served.host());
    let mut stalled = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    stalled.write_all(request.as_bytes()).unwrap();
    let mut slow = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    slow.write_all(request.as_bytes()).unwrap();
    let start = Instant::now();
    let reader = std::thread::spawn(move || {
        // 64 KiB every quarter second, for 45 s: far from the whole file, never idle.
        slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let (mut got, mut buf) = (0, vec![0u8; 64 << 10]);
        while start.elapsed() < Duration::from_secs(45) {
            match slow.read(&mut buf) {
                Ok(0) | Err(_) => return (got, Some(start.elapsed())),
                Ok(n) => got += n,
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        (got, None)
    });
    std::thread::sleep(Duration::from_secs(45));
    // The stalled one: what the buffers held, then the end, well before the whole file.
    stalled.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut got = Vec::new();
    let ended = match stalled.read_to_end(&mut got) {
        Ok(_) => true,
        Err(e) => !matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut),
    };
    assert!(ended, "a download nobody read was still open after 45 s ({} bytes taken)", got.len());
    // Socket buffers hold a few MB; the rest arrives only if the server kept the connection.
    assert!(got.len() < size, "a download nobody read for 45 s was kept open (then it arrived whole)");
    let (slow_got, slow_ended) = reader.join().unwrap();
    assert_eq!(
        slow_ended, None,
        "a download read steadily was closed after {slow_ended:?} ({slow_got} bytes)"
    );
    assert_eq!(served.get(&served.base).status, 200);
}

/// Finding: the 10 s timeout applied to each read, so a byte every 9 s kept a connection
/// forever (and about a thousand of them would have filled the server). The whole request
/// head now has one deadline.
#[test]
fn a_request_head_sent_a_byte_at_a_time_is_cut_off_at_its_deadline() {
    let site = SiteTest::fixture("minimal");
    let served = serve(&site, &[]);
    // A connection that sends nothing at all is held to the same deadline.
    let mut silent = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    let mut slow = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    let start = Instant::now();
    write!(slow, "GET {} HTTP/1.1\r\nHost: {}\r\n", served.base, served.host()).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    let mut closed = None;
    while start.elapsed() < Duration::from_secs(25) {
        // One header byte a second: each read of the old server waited less than its timeout.
        if slow.write_all(b"X").is_err() {
            closed = Some(start.elapsed());
            break;
        }
        let mut buf = [0u8; 256];
        match slow.read(&mut buf) {
            Ok(0) => {
                closed = Some(start.elapsed());
                break;
            }
            Ok(_) => {}
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => {
                closed = Some(start.elapsed());
                break;
            }
        }
        // Other clients are served meanwhile.
        assert_eq!(served.get(&served.base).status, 200);
        std::thread::sleep(Duration::from_millis(950));
    }
    let closed = closed.expect("the server kept a connection whose head never ended for 25 s");
    assert!(closed >= Duration::from_secs(9), "closed too early: {closed:?}");
    silent.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = [0u8; 256];
    let ended = match silent.read(&mut buf) {
        Ok(_) => true,
        Err(e) => !matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut),
    };
    assert!(ended, "a connection that sent nothing was still open after {:?}", start.elapsed());
}

/// Finding: a new `i18n/en.yaml` started no rebuild (32 of 66 pages stayed stale). The
/// folder is watched like the other sources, also when it appears while serving.
#[test]
fn a_new_ui_strings_file_rebuilds_every_page() {
    let site = SiteTest::fixture("minimal");
    let served = serve(&site, &[]);
    let events = served.events();
    expect_event(&events, "event: hello", Duration::from_secs(2));
    assert!(!site.root.join("i18n").exists());
    site.write("i18n/en.yaml", "compare: Side by side\n");
    expect_event(&events, "event: reload", Duration::from_secs(5));
    let start = Instant::now();
    for path in ["", "briefings/", "tags/"] {
        loop {
            let r = served.get(&format!("{}{path}", served.base));
            if r.body.contains("Side by side") {
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(5), "{path} still stale:\n{}", r.body);
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    // And an edit of it.
    site.write("i18n/en.yaml", "compare: Figures\n");
    expect_event(&events, "event: reload", Duration::from_secs(5));
    let start = Instant::now();
    while !served.get(&served.base).body.contains(">Figures<") {
        assert!(start.elapsed() < Duration::from_secs(5), "the edit was not followed");
        std::thread::sleep(Duration::from_millis(20));
    }
}
