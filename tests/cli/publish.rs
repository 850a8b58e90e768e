//! Publishing: `init`, `new`, `check`, `deploy`, the GitHub Pages workflow, base paths, and
//! output that Pages accepts (no symlinks or hard links).

use crate::support::{git_identity, serve_files, SiteTest};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn capbrief(dir: &Path, args: &[&str]) -> Output {
    Command::new(crate::support::bin()).args(args).current_dir(dir).output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

// ---------------------------------------------------------------- init

#[test]
fn init_writes_a_site_that_builds_and_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let o = capbrief(tmp.path(), &["init", "news"]);
    assert!(o.status.success(), "{}", text(&o));
    let site = tmp.path().join("news");
    for f in ["config.yaml", ".gitignore", "content/briefings/example-hyperscaler-capex-plan.md"] {
        assert!(site.join(f).is_file(), "missing {f}");
    }
    assert!(site.join("templates").is_dir() && site.join("static").is_dir());
    assert!(!site.join(".github").exists(), "workflow written without --github-actions");
    // The config lists no companies: the example's company and its fiscal year come from the
    // built-in registry, with no warning.
    let config = std::fs::read_to_string(site.join("config.yaml")).unwrap();
    assert!(!config.lines().any(|l| l.starts_with("companies:")), "{config}");
    let o = capbrief(&site, &["build"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains(", 0 warnings"), "{}", text(&o));
    assert!(site.join("public/briefings/example-hyperscaler-capex-plan/index.html").is_file());
    // No URL repeats a path segment (a base path named like the section gave
    // `/briefings/briefings/<slug>/`).
    let page = std::fs::read_to_string(site.join("public/briefings/index.html")).unwrap();
    assert!(page.contains("href=\"/briefings/example-hyperscaler-capex-plan/\""), "{page}");
    for entry in walkdir::WalkDir::new(site.join("public")).into_iter().map(Result::unwrap) {
        if entry.path().extension().is_some_and(|e| e == "html" || e == "xml") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            assert!(!html.contains("briefings/briefings"), "doubled segment in {}", entry.path().display());
        }
    }
    let article =
        std::fs::read_to_string(site.join("public/briefings/example-hyperscaler-capex-plan/index.html"))
            .unwrap();
    assert!(article.contains("FY2025, to 30 June 2025"), "{article}");
    let o = capbrief(&site, &["check", "--strict"]);
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn init_refuses_a_non_empty_folder_and_force_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("s");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("config.yaml"), "title: Mine\nbase_url: https://mine.example/\n").unwrap();
    let o = capbrief(tmp.path(), &["init", "s"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("not empty"), "{}", text(&o));
    assert!(!site.join("content").exists(), "wrote into a non-empty folder");

    let o = capbrief(tmp.path(), &["init", "s", "--force"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("not overwritten"), "{}", text(&o));
    let config = std::fs::read_to_string(site.join("config.yaml")).unwrap();
    assert_eq!(config, "title: Mine\nbase_url: https://mine.example/\n");
    assert!(site.join("content/briefings/example-hyperscaler-capex-plan.md").is_file());
    // A second forced run changes nothing.
    let before = tree_hashes(&site);
    let o = capbrief(tmp.path(), &["init", "s", "--force", "--github-actions"]);
    assert!(o.status.success(), "{}", text(&o));
    let mut after = tree_hashes(&site);
    assert!(after.remove(".github/workflows/pages.yml").is_some());
    assert_eq!(before, after);
}

#[test]
fn github_actions_workflow_is_least_privilege_and_documents_its_one_setting() {
    let tmp = tempfile::tempdir().unwrap();
    let o = capbrief(tmp.path(), &["init", "site", "--github-actions"]);
    assert!(o.status.success(), "{}", text(&o));
    let path = tmp.path().join("site/.github/workflows/pages.yml");
    let wf = std::fs::read_to_string(&path).unwrap();
    for needle in [
        "branches: [main]",
        "workflow_dispatch:",
        "permissions:\n  contents: read",
        "    permissions:\n      pages: write\n      id-token: write",
        "name: github-pages",
        "concurrency:",
        "actions/configure-pages@v6",
        "actions/upload-pages-artifact@v5",
        "actions/deploy-pages@v5",
        "steps.pages.outputs.base_url",
        "Settings -> Pages -> Build and deployment\n# -> Source: \"GitHub Actions\"",
        "sha256sum -c",
        "actions/cache@v5",
    ] {
        assert!(wf.contains(needle), "workflow lacks {needle:?}:\n{wf}");
    }
    // Only the deploy job may write.
    assert_eq!(wf.matches("pages: write").count(), 1);
    assert!(!wf.contains("contents: write"));
    // No expression is expanded inside a shell script (script injection).
    for line in wf.lines().filter(|l| l.contains("run:")) {
        assert!(!line.contains("${{"), "expression in run: {line}");
    }
    // actionlint runs over it in release.rs, with every other workflow.
}

// ---------------------------------------------------------------- new

#[test]
fn new_creates_a_dated_slugged_briefing_and_never_overwrites() {
    let site = SiteTest::example();
    let r = site.run(&["new", "Nvidia's $500 billion plan", "--date", "2026-03-01"]).ok();
    let path = r.stdout().trim().to_string();
    assert_eq!(path, "content/briefings/nvidia-s-500-billion-plan.md");
    let body = std::fs::read_to_string(site.root.join(&path)).unwrap();
    assert!(body.contains("title: \"Nvidia's $500 billion plan\""), "{body}");
    assert!(body.contains("date: 2026-03-01"), "{body}");
    assert!(body.contains("capex:"), "{body}");
    std::fs::write(site.root.join(&path), body.replace("draft: true\n", "")).unwrap();
    let edited = std::fs::read_to_string(site.root.join(&path)).unwrap();
    site.run(&["new", "Nvidia's $500 billion plan"]).fails().stderr_has("already exists");
    assert_eq!(std::fs::read_to_string(site.root.join(&path)).unwrap(), edited);
    site.build().ok();
    assert!(site.public().join("briefings/nvidia-s-500-billion-plan/index.html").is_file());

    let r = site.run(&["new", "El plan de Nvidia", "--lang", "es", "--translation-of", &path]).ok();
    assert_eq!(r.stdout().trim(), "content/briefings/nvidia-s-500-billion-plan.es.md");
    site.build().ok();
    assert!(site.public().join("es/briefings/nvidia-s-500-billion-plan/index.html").is_file());
    site.run(&["new", "X", "--lang", "fr", "--translation-of", &path]).fails().stderr_has("not configured");
}

#[test]
fn new_today_is_the_default_date() {
    let site = SiteTest::fixture("minimal");
    let r = site.run(&["new", "Today", "--section", "notes"]).ok();
    let body = std::fs::read_to_string(site.root.join(r.stdout().trim())).unwrap();
    let today = std::process::Command::new("date").arg("-u").arg("+%Y-%m-%d").output().unwrap();
    let today = String::from_utf8_lossy(&today.stdout).trim().to_string();
    // Local and UTC dates differ for a few hours a day; accept either.
    assert!(body.contains("date: ") && body.contains(&today[..7]), "{body}");
    assert!(r.stdout().starts_with("content/notes/today.md"));
}

// ---------------------------------------------------------------- check

const CHECK_CONFIG: &str = "title: T\nbase_url: https://owner.github.io/repo/\n";

#[test]
fn check_reports_broken_links_at_the_markdown_line() {
    let site = SiteTest::inline(
        CHECK_CONFIG,
        &[
            (
                "content/briefings/a.md",
                "---\ntitle: A\ndate: 2025-01-01\n---\nIntro.\n\nSee [the other](../b/) and [gone](../missing/).\n\n\
                 Root link [wrong](/briefings/b/) and [frag](../b/#no-such-heading).\n\n![chart](chart.png)\n",
            ),
            ("content/briefings/b.md", "---\ntitle: B\ndate: 2025-01-02\n---\n## Real heading\n\n[back](../a/#top)\n"),
        ],
    );
    let r = site.run(&["check"]).fails();
    let e = r.stderr();
    assert!(e.contains("content/briefings/a.md:7:"), "{e}");
    assert!(e.contains("`../missing/`"), "{e}");
    assert!(e.contains("content/briefings/a.md:9:") && e.contains("base path `/repo/`"), "{e}");
    assert!(e.contains("no element with id `no-such-heading`"), "{e}");
    assert!(e.contains("content/briefings/a.md:11:") && e.contains("chart.png"), "{e}");
    assert!(!e.contains("`../b/`"), "a good link was reported:\n{e}");
    assert!(!site.root.join("public").exists(), "check wrote into the site");
}

#[test]
fn check_passes_a_clean_site_lists_external_links_and_strict_fails_orphans() {
    let site = SiteTest::inline(
        CHECK_CONFIG,
        &[
            (
                "content/briefings/a.md",
                "---\ntitle: A\ndate: 2025-01-01\n---\nSee [source](https://example.org/report).\n",
            ),
            ("content/hidden.md", "---\ntitle: Hidden page\n---\nNobody links here.\n"),
        ],
    );
    let r = site.run(&["check"]).ok();
    assert!(r.stdout().contains("https://example.org/report"), "{}", r.stdout());
    assert!(r.stdout().contains("--external"), "{}", r.stdout());
    assert!(r.stderr().contains("hidden/index.html` is not linked"), "{}", r.stderr());
    site.run(&["check", "--strict"]).fails().stderr_has("content/hidden.md");
}

/// A tiny HTTP server on the loopback: `/ok` answers 200, everything else 404.
fn local_server() -> u16 {
    let dir = tempfile::tempdir().unwrap().keep();
    std::fs::write(dir.join("ok"), "").unwrap();
    serve_files(dir)
}

#[test]
fn check_external_requests_links_only_when_asked() {
    let port = local_server();
    let body = format!(
        "---\ntitle: A\ndate: 2025-01-01\n---\nGood [one](http://127.0.0.1:{port}/ok).\n\nBad [two](http://127.0.0.1:{port}/gone).\n"
    );
    let site = SiteTest::inline(CHECK_CONFIG, &[("content/briefings/a.md", &body)]);
    // Off by default: listed, not requested, no error.
    let r = site.run(&["check"]).ok();
    assert!(r.stdout().contains(&format!("http://127.0.0.1:{port}/gone")), "{}", r.stdout());
    let r = site.run(&["check", "--external"]).fails();
    let e = r.stderr();
    assert!(e.contains("content/briefings/a.md:7:") && e.contains("/gone fails: HTTP 404"), "{e}");
    assert!(!e.contains("/ok fails"), "{e}");
}

#[test]
fn check_example_site_is_clean() {
    let site = SiteTest::example();
    site.run(&["check"]).ok();
}

// ---------------------------------------------------------------- base paths

fn assert_links_resolve(site: &SiteTest, base_url: &str, base_path: &str) {
    let out = site.dir.path().join(format!("out-{}", base_path.len()));
    let out_s = out.display().to_string();
    site.run(&["build", "--base-url", base_url, "--output", &out_s]).ok();
    let report = capbrief::check::links::check_dir(&out, base_url).unwrap();
    assert!(report.broken.is_empty(), "broken under {base_url}: {:#?}", report.broken);
    assert!(report.internal_checked > 100, "too few links checked: {}", report.internal_checked);
    // Every root-relative URL carries the base path; none escapes to the domain root.
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let name = entry.path().display().to_string();
        if !(name.ends_with(".html") || name.ends_with(".xml")) {
            continue;
        }
        let body = std::fs::read_to_string(entry.path()).unwrap();
        for attr in ["href=\"/", "src=\"/"] {
            for (i, _) in body.match_indices(attr) {
                let rest = &body[i + attr.len() - 1..];
                assert!(rest.starts_with(base_path), "{name}: {}", &rest[..rest.len().min(60)]);
            }
        }
        if name.ends_with(".xml") {
            for (i, _) in body.match_indices("https://") {
                let rest = &body[i..];
                let host_of_base = &base_url[..base_url.len() - base_path.len() + 1];
                if rest.starts_with(host_of_base) {
                    assert!(rest.starts_with(base_url), "{name}: {}", &rest[..rest.len().min(80)]);
                }
            }
        }
    }
    let not_found = std::fs::read_to_string(out.join("404.html")).unwrap();
    assert!(not_found.contains(&format!("href=\"{base_path}")), "404 page lacks base-prefixed links");
}

#[test]
fn every_internal_url_resolves_under_a_project_sub_path_and_a_custom_domain() {
    let site = SiteTest::example();
    assert_links_resolve(&site, "https://owner.github.io/repo/", "/repo/");
    assert_links_resolve(&site, "https://briefings.example.com/", "/");
}

// ---------------------------------------------------------------- output files

#[test]
fn output_holds_no_symlinks_or_hard_links() {
    let site = SiteTest::fixture("minimal");
    site.write("static/css/a.css", "body{}");
    std::fs::hard_link(site.root.join("static/css/a.css"), site.root.join("static/css/b.css")).unwrap();
    std::os::unix::fs::symlink("a.css", site.root.join("static/css/c.css")).unwrap();
    site.build().ok();
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(site.public()) {
        let entry = entry.unwrap();
        let meta = std::fs::symlink_metadata(entry.path()).unwrap();
        assert!(!meta.file_type().is_symlink(), "symlink in output: {}", entry.path().display());
        if meta.is_file() {
            assert_eq!(meta.nlink(), 1, "hard link in output: {}", entry.path().display());
            seen += 1;
        }
    }
    assert!(site.public().join("css/b.css").is_file());
    assert_eq!(std::fs::read_to_string(site.public().join("css/c.css")).unwrap(), "body{}");
    assert!(seen > 10);
}

// ---------------------------------------------------------------- deploy

fn git(dir: &Path, args: &[&str]) -> String {
    let o = git_cmd(dir).args(args).output().unwrap();
    assert!(o.status.success(), "git {args:?}: {}", text(&o));
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn git_cmd(dir: &Path) -> Command {
    let mut c = Command::new("git");
    git_identity(c.current_dir(dir));
    c
}

fn deploy(dir: &Path, args: &[&str]) -> Output {
    let mut c = git_cmd(dir);
    c.env("PATH", std::env::var_os("PATH").unwrap());
    let mut cmd = Command::new(crate::support::bin());
    cmd.arg("deploy").args(args).current_dir(dir);
    for (k, v) in c.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    cmd.output().unwrap()
}

/// A site in a git repository with one commit and a bare `origin`.
struct Repo {
    site: SiteTest,
    bare: PathBuf,
}

fn repo_with_site(cname: bool) -> Repo {
    let site = SiteTest::fixture("minimal");
    if cname {
        let config = std::fs::read_to_string(site.root.join("config.yaml")).unwrap();
        std::fs::write(site.root.join("config.yaml"), format!("{config}cname: briefings.example.com\n"))
            .unwrap();
    }
    std::fs::write(site.root.join("notes.txt"), "not part of the site\n").unwrap();
    let bare = site.dir.path().join("remote.git");
    git(site.dir.path(), &["init", "-q", "--bare", "-b", "main", bare.to_str().unwrap()]);
    git(&site.root, &["init", "-q", "-b", "main"]);
    git(&site.root, &["add", "-A"]);
    git(&site.root, &["commit", "-q", "-m", "site"]);
    git(&site.root, &["remote", "add", "origin", bare.to_str().unwrap()]);
    Repo { site, bare }
}

/// Hash of every file below `dir` (skipping `.git`) by relative path.
fn tree_hashes(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut map = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_entry(|e| e.file_name() != ".git") {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().display().to_string();
            map.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    map
}

/// Everything about the user's checkout that deploy must not change: status, HEAD commit,
/// current branch, index bytes, every file, stash list.
type CheckoutState = (String, String, String, Vec<u8>, BTreeMap<String, Vec<u8>>, String);

fn checkout_state(root: &Path) -> CheckoutState {
    (
        git(root, &["status", "--porcelain", "--untracked-files=all"]),
        git(root, &["rev-parse", "HEAD"]),
        git(root, &["symbolic-ref", "HEAD"]),
        std::fs::read(root.join(".git/index")).unwrap(),
        tree_hashes(root),
        git(root, &["stash", "list"]),
    )
}

fn branch_files(bare: &Path, branch: &str) -> Vec<String> {
    let list = git(bare, &["ls-tree", "-r", "--name-only", branch]);
    list.lines().map(str::to_string).collect()
}

#[test]
fn deploy_commits_exactly_the_built_files_and_leaves_the_checkout_alone() {
    let Repo { site, bare } = repo_with_site(true);
    // Uncommitted work outside the site's sources must survive untouched.
    std::fs::write(site.root.join("notes.txt"), "edited, not committed\n").unwrap();
    let before = checkout_state(&site.root);

    let o = deploy(&site.root, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(checkout_state(&site.root), before, "deploy changed the user's checkout");

    // What a plain build writes, plus .nojekyll and CNAME, minus the build marker.
    let out = site.dir.path().join("reference");
    site.run(&["build", "--output", out.to_str().unwrap()]).ok();
    let mut expected: Vec<String> =
        tree_hashes(&out).into_keys().filter(|p| p != ".capbrief-output").collect();
    expected.push(".nojekyll".into());
    expected.push("CNAME".into());
    expected.sort();
    let mut files = branch_files(&bare, "gh-pages");
    files.sort();
    assert_eq!(files, expected);
    assert_eq!(git(&bare, &["show", "gh-pages:CNAME"]), "briefings.example.com");
    let head = git(&site.root, &["rev-parse", "HEAD"]);
    let message = git(&bare, &["log", "-1", "--format=%B", "gh-pages"]);
    assert!(message.contains(&head), "message does not name the source commit: {message}");
    assert_eq!(git(&bare, &["rev-list", "--count", "gh-pages"]), "1");

    // No change: no new commit, and it says so.
    let o = deploy(&site.root, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("No change"), "{}", text(&o));
    assert_eq!(git(&bare, &["rev-list", "--count", "gh-pages"]), "1");

    // A content change: exactly one more commit, CNAME and .nojekyll still there.
    let page = site.root.join("content/briefings/first.md");
    let body = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{body}\nOne more line.\n")).unwrap();
    git(&site.root, &["commit", "-q", "-am", "edit"]);
    let o = deploy(&site.root, &["--message", "Publish the edit"]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(git(&bare, &["rev-list", "--count", "gh-pages"]), "2");
    let files = branch_files(&bare, "gh-pages");
    assert!(files.contains(&"CNAME".to_string()) && files.contains(&".nojekyll".to_string()));
    assert!(git(&bare, &["log", "-1", "--format=%B", "gh-pages"]).starts_with("Publish the edit"));
    assert!(git(&bare, &["show", "gh-pages:briefings/first/index.html"]).contains("One more line."));
}

#[test]
fn drafts_build_beside_the_publish_folder_and_are_never_deployed() {
    let Repo { site, bare } = repo_with_site(false);
    site.write(
        "content/briefings/secret-plan.md",
        "---\ntitle: Secret plan\ndate: 2025-03-01\ndraft: true\n---\nNot announced yet.\n",
    );
    git(&site.root, &["add", "-A"]);
    git(&site.root, &["commit", "-q", "-m", "a draft"]);
    site.build().ok();
    assert!(!site.public().join("briefings/secret-plan").exists());
    let published = tree_hashes(&site.public());

    // `--drafts` writes beside the publish folder and leaves it as it was.
    let run = site.run(&["build", "--drafts"]).ok();
    let err = run.stderr();
    assert!(err.contains("into public-drafts in"), "{err}");
    assert!(err.contains("not for publishing"), "{err}");
    assert!(site.root.join("public-drafts/briefings/secret-plan/index.html").is_file());
    assert_eq!(tree_hashes(&site.public()), published, "a drafts build touched public/");
    let manifest = std::fs::read_to_string(site.root.join("public-drafts/.capbrief-output")).unwrap();
    assert!(manifest.contains("# drafts:"), "{manifest}");

    // The publish folder is refused, however it is named.
    let absolute = site.public().display().to_string();
    for out in ["public", "./public/", absolute.as_str()] {
        site.run(&["build", "--drafts", "--output", out])
            .fails()
            .stderr_has("refusing to build drafts into `public`, the folder the site is published from")
            .stderr_has("help: leave out --output: `build --drafts` writes to `public-drafts`");
        assert_eq!(tree_hashes(&site.public()), published, "--output {out}");
    }

    // deploy refuses a drafts build, and a folder capbrief did not build.
    let o = deploy(&site.root, &["--from", "public-drafts"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("`public-drafts` holds drafts (it was built with --drafts); nothing was deployed"),
        "{}",
        text(&o)
    );
    let stray = site.dir.path().join("stray");
    std::fs::create_dir_all(&stray).unwrap();
    std::fs::write(stray.join("index.html"), "<p>hand-made</p>").unwrap();
    let o = deploy(&site.root, &["--from", stray.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("is not a capbrief build"), "{}", text(&o));
    assert!(git(&bare, &["branch", "--list"]).is_empty(), "something was pushed");
    assert!(git(&site.root, &["branch", "--list", "gh-pages"]).is_empty(), "something was committed");

    // The published build goes out as it is; a fresh build has no draft either.
    let o = deploy(&site.root, &["--from", "public"]);
    assert!(o.status.success(), "{}", text(&o));
    let files = branch_files(&bare, "gh-pages");
    assert!(files.contains(&"briefings/first/index.html".to_string()), "{files:?}");
    assert!(!files.iter().any(|f| f.contains("secret-plan") || f.contains("capbrief-output")), "{files:?}");
    let o = deploy(&site.root, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("No change"), "the fresh build differs from public/: {}", text(&o));
    // A drafts build made by hand in the publish folder (an older capbrief, a copied folder)
    // is refused there too.
    let manifest = std::fs::read_to_string(site.public().join(".capbrief-output")).unwrap();
    let mut lines: Vec<&str> = manifest.lines().collect();
    lines.insert(1, "# drafts: this build includes drafts; it is a preview, not for publishing.");
    std::fs::write(site.public().join(".capbrief-output"), lines.join("\n") + "\n").unwrap();
    let o = deploy(&site.root, &["--from", "public"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("holds drafts"), "{}", text(&o));
}

#[test]
fn deploy_no_push_commits_locally_only() {
    let Repo { site, bare } = repo_with_site(false);
    git(&site.root, &["remote", "remove", "origin"]);
    let o = deploy(&site.root, &["--no-push", "--branch", "pages"]);
    assert!(o.status.success(), "{}", text(&o));
    let files = branch_files(&site.root, "pages");
    assert!(files.contains(&".nojekyll".to_string()) && !files.contains(&"CNAME".to_string()));
    assert!(!files.iter().any(|f| f.contains("capbrief-output")));
    assert!(git(&bare, &["branch", "--list"]).is_empty());
}

#[test]
fn deploy_errors_are_clear_and_lose_nothing() {
    // Not a repository.
    let plain = SiteTest::fixture("minimal");
    let o = deploy(&plain.root, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("not inside a git repository"), "{}", text(&o));

    let Repo { site, .. } = repo_with_site(false);
    // No remote.
    let o = deploy(&site.root, &["--remote", "upstream"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("no git remote named `upstream`"), "{}", text(&o));
    // Uncommitted content.
    let page = site.root.join("content/briefings/first.md");
    let original = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{original}\nDraft.\n")).unwrap();
    let o = deploy(&site.root, &[]);
    assert_eq!(o.status.code(), Some(1));
    // Finding: the first path lost its first character (`ontent/briefings/…`).
    assert!(text(&o).contains("uncommitted changes in the site: content/briefings/first.md"), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), format!("{original}\nDraft.\n"));
    std::fs::write(&page, &original).unwrap();
    // Finding: an untracked `i18n/` file was published while the commit message named HEAD.
    site.write("i18n/en.yaml", "read_more: Keep reading\n");
    let o = deploy(&site.root, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("uncommitted changes in the site: i18n/en.yaml"), "{}", text(&o));
    std::fs::remove_dir_all(site.root.join("i18n")).unwrap();
    // A path git would quote (spaces, quotes, non-ASCII) is named whole, as it is on disk.
    let odd = "content/briefings/Café notes \"draft\" \u{1F4C8}.md";
    site.write(odd, "---\ntitle: Draft\ndate: 2025-01-01\n---\nNot yet.\n");
    let o = deploy(&site.root, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains(&format!("uncommitted changes in the site: {odd}")), "{}", text(&o));
    std::fs::remove_file(site.root.join(odd)).unwrap();
    // Detached HEAD.
    let head = git(&site.root, &["rev-parse", "HEAD"]);
    git(&site.root, &["checkout", "-q", &head]);
    let o = deploy(&site.root, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("HEAD is detached"), "{}", text(&o));
    git(&site.root, &["checkout", "-q", "main"]);
    // A failed build deploys nothing.
    std::fs::write(site.root.join("config.yaml"), "title: [unclosed\n").unwrap();
    git(&site.root, &["commit", "-q", "-am", "break"]);
    let o = deploy(&site.root, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("nothing was deployed"), "{}", text(&o));
    assert!(git(&site.root, &["branch", "--list", "gh-pages"]).is_empty());
}

#[test]
fn deploy_push_failures_never_show_credentials() {
    let Repo { site, bare } = repo_with_site(false);
    // A rejected push: the remote's gh-pages moved on without us.
    let o = deploy(&site.root, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let other = site.dir.path().join("other");
    git(site.dir.path(), &["clone", "-q", "-b", "gh-pages", bare.to_str().unwrap(), other.to_str().unwrap()]);
    std::fs::write(other.join("extra.txt"), "x").unwrap();
    git(&other, &["add", "-A"]);
    git(&other, &["commit", "-q", "-m", "elsewhere"]);
    git(&other, &["push", "-q", "origin", "gh-pages"]);
    // The remote moved ahead: the next deploy builds on the remote's commit.
    let page = site.root.join("content/briefings/first.md");
    let body = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{body}\nChanged.\n")).unwrap();
    git(&site.root, &["commit", "-q", "-am", "edit"]);
    let o = deploy(&site.root, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(git(&bare, &["rev-list", "--count", "gh-pages"]), "3");
    assert!(!branch_files(&bare, "gh-pages").contains(&"extra.txt".to_string()));

    // Diverged: a local-only deploy, then someone else pushes; the push is rejected.
    std::fs::write(&page, format!("{body}\nLocal only.\n")).unwrap();
    git(&site.root, &["commit", "-q", "-am", "local"]);
    let o = deploy(&site.root, &["--no-push"]);
    assert!(o.status.success(), "{}", text(&o));
    git(&other, &["pull", "-q", "--rebase=false", "origin", "gh-pages"]);
    std::fs::write(other.join("extra2.txt"), "y").unwrap();
    git(&other, &["add", "-A"]);
    git(&other, &["commit", "-q", "-m", "elsewhere again"]);
    git(&other, &["push", "-q", "origin", "gh-pages"]);
    let remote_before = git(&bare, &["rev-parse", "gh-pages"]);
    std::fs::write(&page, format!("{body}\nLocal again.\n")).unwrap();
    git(&site.root, &["commit", "-q", "-am", "local 2"]);
    let o = deploy(&site.root, &[]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("rejected"), "{out}");
    assert!(out.contains("kept on the local `gh-pages` branch"), "{out}");
    assert_eq!(git(&bare, &["rev-parse", "gh-pages"]), remote_before);

    // An unreachable remote with a token in its URL: the token never appears.
    git(
        &site.root,
        &["remote", "set-url", "origin", "https://deployer:ghp_TOPSECRET123@127.0.0.1:9/o/r.git"],
    );
    std::fs::write(&page, format!("{body}\nChanged again.\n")).unwrap();
    git(&site.root, &["commit", "-q", "-am", "edit 2"]);
    let o = deploy(&site.root, &[]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(!out.contains("TOPSECRET"), "credential leaked:\n{out}");
    assert!(out.contains("cannot fetch"), "{out}");
    assert!(out.contains("https://deployer:***@127.0.0.1:9/o/r.git"), "{out}");
}
