//! The README's walkthrough ("Your own site in five minutes") is run command by command in a
//! fresh folder, and each command's output is compared with what the README shows, so the
//! page a newcomer follows stays true as the program changes. Timings, commit hashes and the
//! folders of the run are the only parts normalised.

use crate::support::{git_identity, repo_root};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The remote the README shows, replaced by a local bare repository in the run.
const README_REMOTE: &str = "git@github.com:OWNER/my-briefings.git";

struct Step {
    command: String,
    expected: Vec<String>,
}

/// The walkthrough section: its console commands with their output.
fn walkthrough() -> Vec<Step> {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let start = readme.find("## Your own site in five minutes").expect("walkthrough section");
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    let (mut steps, mut block) = (Vec::new(), None::<String>);
    for line in section.lines() {
        match (&block, line) {
            (None, l) if l.starts_with("```") => block = Some(l[3..].to_string()),
            (Some(_), "```") => block = None,
            (Some(kind), l) if kind == "console" => match l.strip_prefix("$ ") {
                Some(cmd) => steps.push(Step { command: cmd.to_string(), expected: Vec::new() }),
                None => steps.last_mut().expect("output before a command").expected.push(l.to_string()),
            },
            _ => {}
        }
    }
    steps
}

/// Replaces what differs from run to run: durations, commit hashes, the run's folders.
fn normalise(text: &str, subs: &[(String, &str)]) -> String {
    let mut out = text.to_string();
    for (from, to) in subs {
        out = out.replace(from.as_str(), to);
    }
    // Commit hashes: runs of 12 or more hex digits.
    let joined: String = out
        .split('\n')
        .map(|line| {
            line.split(' ')
                .map(|w| {
                    let hex = w.trim_end_matches([',', ':', ')']);
                    let is_hash = hex.len() >= 12 && hex.chars().all(|c| c.is_ascii_hexdigit());
                    if is_hash {
                        format!("[HASH]{}", &w[hex.len()..])
                    } else {
                        w.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n");
    // "in 0.01 s" / "in 41 ms": durations.
    let mut result = String::new();
    let mut rest = joined.as_str();
    while let Some(i) = rest.find(" in ") {
        result.push_str(&rest[..i + 4]);
        rest = &rest[i + 4..];
        let number_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let after = &rest[number_len..];
        if number_len > 0 && (after.starts_with(" ms") || after.starts_with(" s")) {
            result.push_str("[TIME]");
            rest = after.strip_prefix(" ms").or_else(|| after.strip_prefix(" s")).unwrap_or(after);
        }
    }
    result.push_str(rest);
    result
}

#[test]
fn the_readme_walkthrough_prints_what_the_readme_shows() {
    let steps = walkthrough();
    assert!(steps.len() >= 8, "walkthrough has too few commands: {}", steps.len());
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir_all(home.join("Downloads")).unwrap();
    std::fs::copy(
        repo_root().join("docs/examples/meta-raises-2025-capex.html"),
        home.join("Downloads/meta-raises-2025-capex.html"),
    )
    .unwrap();
    let work = tmp.path().join("walk");
    std::fs::create_dir_all(&work).unwrap();
    let bare = tmp.path().join("remote.git");
    let o = Command::new("git").args(["init", "-q", "--bare", "-b", "main"]).arg(&bare).output().unwrap();
    assert!(o.status.success());
    let bin_dir = PathBuf::from(env!("CARGO_BIN_EXE_capbrief")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap());
    let site = work.join("my-briefings");
    let subs = [
        (site.display().to_string(), "[SITE]"),
        ("/tmp/t25/walk/my-briefings".to_string(), "[SITE]"),
        (home.display().to_string(), "[HOME]"),
        ("/root".to_string(), "[HOME]"),
        (bare.display().to_string(), README_REMOTE),
    ];
    let mut cwd = work.clone();
    for step in &steps {
        if let Some(dir) = step.command.strip_prefix("cd ") {
            cwd = cwd.join(dir);
            continue;
        }
        let command = step.command.replace(README_REMOTE, &bare.display().to_string());
        let mut cmd = Command::new("bash");
        cmd.arg("-c").arg(&command).current_dir(&cwd).env("PATH", &path).env("HOME", &home);
        git_identity(&mut cmd);
        let printed = if step.command == "capbrief serve" {
            // A server runs until stopped: read what it prints on start, then stop it.
            let mut child = cmd.arg("--").stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
            let err = BufReader::new(child.stderr.take().unwrap());
            let out = BufReader::new(child.stdout.take().unwrap());
            let first = err.lines().next().unwrap().unwrap();
            let mut lines = vec![first];
            let mut out_lines = out.lines();
            for _ in 0..2 {
                lines.push(out_lines.next().unwrap().unwrap());
            }
            let _ = child.kill();
            let _ = child.wait();
            lines.join("\n")
        } else {
            let o = cmd.output().unwrap();
            assert!(o.status.success(), "`{}` failed:\n{}", step.command, String::from_utf8_lossy(&o.stderr));
            // Both streams, in the order a terminal shows them for these commands: capbrief
            // prints paths and lists on stdout and everything else on stderr.
            let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
            interleave(&step.expected, &out, &err)
        };
        if !step.command.starts_with("capbrief ") {
            // git and the shell: the README shows none of their output.
            continue;
        }
        let expected = normalise(&step.expected.join("\n"), &subs);
        let got = normalise(printed.trim_end(), &subs);
        assert_eq!(got, expected, "`{}` printed something else than the README shows", step.command);
    }
    assert!(Path::new(&site.join("public-drafts")).is_dir());
}

/// Puts the two streams together as the README shows them: each expected line is taken from
/// whichever stream has it next, so the comparison does not depend on how a terminal happened
/// to interleave them; lines left over in either stream are appended (and fail the test).
fn interleave(expected: &[String], out: &str, err: &str) -> String {
    let mut out: std::collections::VecDeque<&str> = out.lines().collect();
    let mut err: std::collections::VecDeque<&str> = err.lines().collect();
    let mut lines = Vec::new();
    for want in expected {
        let want = want.as_str();
        let pick = |q: &mut std::collections::VecDeque<&str>| q.front().is_some_and(|l| *l == want);
        if pick(&mut out) {
            lines.push(out.pop_front().unwrap().to_string());
        } else if pick(&mut err) {
            lines.push(err.pop_front().unwrap().to_string());
        } else if let Some(l) = err.pop_front().or_else(|| out.pop_front()) {
            lines.push(l.to_string());
        }
    }
    lines.extend(err.iter().chain(out.iter()).map(|l| l.to_string()));
    lines.join("\n")
}

#[test]
fn the_readme_set_up_commands_are_the_ones_that_work_here() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let start = readme.find("## Set-up for working on capbrief").expect("set-up section");
    let section = &readme[start..];
    let block = &section[section.find("```sh\n").unwrap() + 6..];
    let block = &block[..block.find("```").unwrap()];
    let commands: Vec<&str> = block.lines().map(|l| l.split('#').next().unwrap().trim()).collect();
    assert_eq!(commands, ["cargo run --release -- build", "cargo test"]);
    // `cargo run` picks the capbrief binary, and the repository root is the example site it builds.
    let manifest = std::fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("default-run = \"capbrief\""));
    assert!(repo_root().join("config.yaml").is_file() && repo_root().join("content/briefings").is_dir());
}
