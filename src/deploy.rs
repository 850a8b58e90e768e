//! `capbrief deploy`: builds the site afresh and commits the output as the next commit of a
//! Pages branch with git plumbing and a temporary index, then pushes it. The user's working
//! tree, index, HEAD and stash are never touched. Everything printed is free of credentials.

use crate::diag::{Diagnostic, Diagnostics};
use crate::BuildOptions;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// What `capbrief deploy` was asked to do.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// The site folder (inside a git repository).
    pub root: PathBuf,
    /// Remote to push to.
    pub remote: String,
    /// Branch that Pages publishes.
    pub branch: String,
    /// Commit message; the source commit is always named below it.
    pub message: Option<String>,
    /// Commit locally, do not push.
    pub no_push: bool,
    /// Publish this folder, built earlier by `capbrief build`, instead of building afresh.
    pub from: Option<PathBuf>,
}

/// What a deploy did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deployed {
    /// The branch's commit after the deploy.
    pub commit: String,
    /// Whether a new commit was made (false: the output had not changed).
    pub new_commit: bool,
    /// Whether the branch was pushed.
    pub pushed: bool,
    /// Files in the deployed tree.
    pub files: usize,
}

/// A deploy failure: a message and what to do, already free of credentials.
fn fail(message: impl Into<String>, help: impl Into<String>) -> Diagnostics {
    Diagnostic::error(None, redact(&message.into())).with_help(redact(&help.into())).into()
}

/// The build's (or config's) diagnostics, then what that meant for the deploy.
fn failed_build(mut diags: Diagnostics, message: &str) -> Diagnostics {
    diags.push(Diagnostic::error(None, message).with_help("fix the errors above and deploy again"));
    diags
}

/// Runs the deploy. Progress lines go to `log` (already redacted).
pub fn run(opts: &DeployOptions, log: &mut dyn FnMut(&str)) -> Result<Deployed, Diagnostics> {
    let git = Git { root: opts.root.clone() };
    let top = git.text(&["rev-parse", "--show-toplevel"]).map_err(|_| {
        fail(
            format!("`{}` is not inside a git repository", opts.root.display()),
            "run `git init` and commit the site first; deploy names the source commit in the Pages branch",
        )
    })?;
    let _ = top;
    let head_ref = git.text(&["symbolic-ref", "-q", "HEAD"]).map_err(|_| {
        fail(
            "HEAD is detached: deploy publishes from a branch",
            "check out the branch you publish from (`git switch main`) and run deploy again",
        )
    })?;
    if head_ref == format!("refs/heads/{}", opts.branch) {
        return Err(fail(
            format!("the current branch is `{}`, the branch deploy writes to", opts.branch),
            "switch to your source branch, or pick another target with --branch",
        ));
    }
    let source = git
        .text(&["rev-parse", "--verify", "-q", "HEAD^{commit}"])
        .map_err(|_| fail("the current branch has no commits yet", "commit the site, then deploy"))?;
    // Every source the build reads; `-z` keeps each path exactly as git has it (no quoting,
    // no trimmed status column).
    let dirty = git.raw(&[
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--",
        "content",
        "static",
        "templates",
        crate::i18n::SITE_STRINGS_DIR,
        "config.yaml",
    ]);
    match dirty {
        Ok(list) => {
            let files = changed_paths(&list);
            if !files.is_empty() {
                let shown: Vec<&str> = files.iter().take(10).map(String::as_str).collect();
                let more =
                    if files.len() > 10 { format!(" and {} more", files.len() - 10) } else { String::new() };
                return Err(fail(
                    format!("uncommitted changes in the site: {}{more}", shown.join(", ")),
                    "commit or stash them first, so the published site matches the commit deploy names",
                ));
            }
        }
        Err(e) => return Err(fail(format!("git status failed: {e}"), "check the repository")),
    }
    // A finished build is checked before anything else is looked up or printed.
    if let Some(from) = &opts.from {
        publishable(from)?;
    }
    if !opts.no_push {
        let url = git.text(&["remote", "get-url", &opts.remote]).map_err(|_| {
            fail(
                format!("no git remote named `{}`", opts.remote),
                "add it with `git remote add origin URL`, name another with --remote, or use --no-push",
            )
        })?;
        log(&format!("Publishing `{}` to `{}` ({})", opts.branch, opts.remote, redact(&url)));
    }

    let temp = tempfile::Builder::new()
        .prefix("capbrief-deploy")
        .tempdir()
        .map_err(|e| fail(format!("cannot create a temporary folder: {e}"), "check /tmp"))?;
    let out = temp.path().join("site");
    let (out, cname) = match &opts.from {
        Some(from) => {
            let config = crate::load_config(&BuildOptions { root: opts.root.clone(), ..Default::default() })
                .map_err(|d| failed_build(d, "the site's config.yaml has errors; nothing was deployed"))?;
            log(&format!("Publishing the build in `{}`…", from.display()));
            copy_build(from, &out).map_err(|e| {
                fail(format!("cannot copy `{}`: {e}", from.display()), "check the folder and /tmp")
            })?;
            (out, config.cname)
        }
        None => {
            log("Building the site…");
            let build_opts =
                BuildOptions { root: opts.root.clone(), output: Some(out.clone()), ..Default::default() };
            let (built, out) = crate::build(&build_opts)
                .map_err(|d| failed_build(d, "the build failed; nothing was deployed"))?;
            for w in &built.warnings {
                log(&redact(&w.to_string()));
            }
            (out, built.config.cname)
        }
    };
    // Whatever made the folder, drafts are never published.
    publishable(&out)?;
    finish_output(&out, cname.as_deref())
        .map_err(|e| fail(format!("cannot prepare the output: {e}"), "check /tmp"))?;

    let branch_ref = format!("refs/heads/{}", opts.branch);
    if !opts.no_push {
        fetch_branch(&git, opts, log)?;
    }
    let remote_ref = format!("refs/remotes/{}/{}", opts.remote, opts.branch);
    let local = git.text(&["rev-parse", "--verify", "-q", &format!("{branch_ref}^{{commit}}")]).ok();
    let remote = if opts.no_push {
        None
    } else {
        git.text(&["rev-parse", "--verify", "-q", &format!("{remote_ref}^{{commit}}")]).ok()
    };
    // Build on the remote's commit when the local branch is behind it (or absent); when the
    // two have diverged, build on the local one and let the push report the conflict.
    let parent = match (local, remote) {
        (Some(l), Some(r))
            if l != r
                && git.output(&["merge-base", "--is-ancestor", &l, &r]).is_ok_and(|o| o.status.success()) =>
        {
            Some(r)
        }
        (Some(l), _) => Some(l),
        (None, r) => r,
    };

    let index = temp.path().join("index");
    let git_dir = PathBuf::from(git.text(&["rev-parse", "--absolute-git-dir"]).map_err(git_failed)?);
    let staged = Command::new("git")
        .args(["-c", "core.autocrlf=false", "-c", "core.safecrlf=false", "add", "--all", "--force", "."])
        .env("GIT_DIR", &git_dir)
        .env("GIT_WORK_TREE", &out)
        .env("GIT_INDEX_FILE", &index)
        .current_dir(&out)
        .output();
    check_output(staged, "git add (temporary index)")?;
    let tree = git.with_index(&index, &["write-tree"]).map_err(git_failed)?;
    let files = git.with_index(&index, &["ls-files"]).map(|l| l.lines().count()).unwrap_or(0);

    let unchanged = match &parent {
        Some(p) => git.text(&["rev-parse", &format!("{p}^{{tree}}")]).ok().as_deref() == Some(tree.as_str()),
        None => false,
    };
    let commit = if unchanged {
        if let Some(p) = &parent {
            // The remote was ahead with this very tree: move the local branch up to it.
            if git.text(&["rev-parse", "--verify", "-q", &branch_ref]).ok().as_deref() != Some(p.as_str()) {
                git.text(&["update-ref", "-m", "capbrief deploy", &branch_ref, p]).map_err(git_failed)?;
            }
        }
        log(&format!(
            "No change since the last deploy; `{}` stays at {}",
            opts.branch,
            short(parent.as_deref().unwrap_or(""))
        ));
        parent.clone().unwrap_or_default()
    } else {
        let source_branch = head_ref.trim_start_matches("refs/heads/");
        let mut message =
            opts.message.clone().unwrap_or_else(|| format!("Deploy {} from {source_branch}", short(&source)));
        let _ = write!(message, "\n\nSource commit: {source}\n");
        let mut args = vec!["commit-tree".to_string(), tree.clone(), "-m".into(), message];
        if let Some(p) = &parent {
            args.push("-p".into());
            args.push(p.clone());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let commit = git.text(&args).map_err(|e| {
            fail(
                format!("git commit-tree failed: {e}"),
                "set your identity with `git config user.name` and `git config user.email`",
            )
        })?;
        let mut update = vec!["update-ref", "-m", "capbrief deploy", branch_ref.as_str(), commit.as_str()];
        let old;
        if let Ok(current) = git.text(&["rev-parse", "--verify", "-q", &branch_ref]) {
            old = current;
            update.push(old.as_str());
        }
        git.text(&update).map_err(git_failed)?;
        log(&format!("Committed {} files to `{}` as {}", files, opts.branch, short(&commit)));
        commit
    };

    let mut pushed = false;
    if !opts.no_push {
        let result =
            git.output(&["push", "--porcelain", &opts.remote, &format!("{branch_ref}:{branch_ref}")]);
        match result {
            Ok(o) if o.status.success() => pushed = true,
            Ok(o) => {
                let stderr = redact(&String::from_utf8_lossy(&o.stderr));
                let stdout = redact(&String::from_utf8_lossy(&o.stdout));
                let rejected = stdout.contains("[rejected]") || stderr.contains("rejected");
                let detail: String =
                    format!("{stderr}{stdout}").lines().map(|l| format!("\n  git: {l}")).collect();
                let help = if rejected {
                    format!(
                        "the remote `{}` has commits this clone lacks; the new commit is kept on the local `{}` branch. Fetch, check what changed, then deploy again",
                        opts.branch, opts.branch
                    )
                } else {
                    format!(
                        "the commit is kept on the local `{}` branch; check the network and your access to `{}`, then run deploy again",
                        opts.branch, opts.remote
                    )
                };
                return Err(fail(
                    format!(
                        "push to `{}` {}{detail}",
                        opts.remote,
                        if rejected { "was rejected" } else { "failed" }
                    ),
                    help,
                ));
            }
            Err(e) => return Err(fail(format!("cannot run git push: {e}"), "check that git is installed")),
        }
        log(&format!("Pushed `{}` to `{}`", opts.branch, redact(&opts.remote)));
    }
    Ok(Deployed { commit, new_commit: !unchanged, pushed, files })
}

/// Removes the build marker and adds the files a branch deploy needs: `.nojekyll` always
/// (Jekyll would drop `_`-prefixed paths) and `CNAME` when configured (Pages resets the
/// custom domain of a branch site whose push lacks it).
/// Refuses a folder that is not a capbrief build, or one built with drafts: its manifest says
/// which (see `output::built_with_drafts`).
fn publishable(out: &Path) -> Result<(), Diagnostics> {
    match crate::output::built_with_drafts(out) {
        Some(false) => Ok(()),
        Some(true) => Err(fail(
            format!("`{}` holds drafts (it was built with --drafts); nothing was deployed", out.display()),
            "publish a build without drafts: run `capbrief build` and deploy its output, or run deploy without --from to build afresh",
        )),
        None => Err(fail(
            format!(
                "`{}` is not a capbrief build: it has no `{}` manifest; nothing was deployed",
                out.display(),
                crate::output::MARKER
            ),
            "build it with `capbrief build` first, or run deploy without --from to build afresh",
        )),
    }
}

/// Copies the regular files of a built folder into `dest` (links are not followed: an output
/// holds none, and Pages rejects them).
fn copy_build(from: &Path, dest: &Path) -> std::io::Result<()> {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry.path().strip_prefix(from).map_err(std::io::Error::other)?;
        let target = dest.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

fn finish_output(out: &Path, cname: Option<&str>) -> std::io::Result<()> {
    let marker = out.join(crate::output::MARKER);
    if marker.exists() {
        std::fs::remove_file(marker)?;
    }
    std::fs::write(out.join(".nojekyll"), "")?;
    if let Some(domain) = cname.map(str::trim).filter(|d| !d.is_empty()) {
        std::fs::write(out.join("CNAME"), format!("{domain}\n"))?;
    }
    Ok(())
}

/// Brings the remote's copy of the branch into `refs/remotes/REMOTE/BRANCH`, when it exists.
fn fetch_branch(git: &Git, opts: &DeployOptions, log: &mut dyn FnMut(&str)) -> Result<(), Diagnostics> {
    let spec = format!("+refs/heads/{b}:refs/remotes/{r}/{b}", b = opts.branch, r = opts.remote);
    match git.output(&["fetch", "--quiet", "--no-tags", &opts.remote, &spec]) {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => {
            let stderr = redact(&String::from_utf8_lossy(&o.stderr));
            if stderr.contains("couldn't find remote ref") {
                log(&format!(
                    "`{}` does not exist on `{}` yet; it will be created",
                    opts.branch, opts.remote
                ));
                Ok(())
            } else {
                Err(fail(
                    format!("cannot fetch `{}` from `{}`: {}", opts.branch, opts.remote, stderr.trim()),
                    "check the network and your access to the remote; nothing was changed",
                ))
            }
        }
        Err(e) => Err(fail(format!("cannot run git fetch: {e}"), "check that git is installed")),
    }
}

fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

fn git_failed(e: String) -> Diagnostics {
    fail(format!("git failed: {e}"), "nothing was pushed; the error above comes from git")
}

fn check_output(result: std::io::Result<Output>, what: &str) -> Result<(), Diagnostics> {
    match result {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(fail(
            format!("{what} failed: {}", String::from_utf8_lossy(&o.stderr).trim()),
            "nothing was committed",
        )),
        Err(e) => Err(fail(format!("cannot run git: {e}"), "check that git is installed")),
    }
}

/// The user's `git`, run in the site folder with output captured (never shown unredacted).
struct Git {
    root: PathBuf,
}

impl Git {
    fn output(&self, args: &[&str]) -> std::io::Result<Output> {
        Command::new("git").args(args).current_dir(&self.root).env("GIT_TERMINAL_PROMPT", "0").output()
    }

    /// Trimmed stdout of a successful command, or its redacted stderr.
    fn text(&self, args: &[&str]) -> Result<String, String> {
        let o = self.output(args).map_err(|e| format!("cannot run git: {e}"))?;
        if o.status.success() {
            Ok(String::from_utf8_lossy(&o.stdout).trim().to_string())
        } else {
            Err(redact(String::from_utf8_lossy(&o.stderr).trim()))
        }
    }

    /// Standard output exactly as git wrote it.
    fn raw(&self, args: &[&str]) -> Result<String, String> {
        let o = self.output(args).map_err(|e| format!("cannot run git: {e}"))?;
        if o.status.success() {
            Ok(String::from_utf8_lossy(&o.stdout).into_owned())
        } else {
            Err(redact(String::from_utf8_lossy(&o.stderr).trim()))
        }
    }

    fn with_index(&self, index: &Path, args: &[&str]) -> Result<String, String> {
        let o = Command::new("git")
            .args(args)
            .current_dir(&self.root)
            .env("GIT_INDEX_FILE", index)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if o.status.success() {
            Ok(String::from_utf8_lossy(&o.stdout).trim().to_string())
        } else {
            Err(redact(String::from_utf8_lossy(&o.stderr).trim()))
        }
    }
}

/// The paths of `git status --porcelain=v1 -z` output: each entry is two status letters, a
/// space and the path, NUL-terminated; a rename or copy is followed by its source path.
fn changed_paths(status: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut entries = status.split('\0').filter(|e| !e.is_empty());
    while let Some(entry) = entries.next() {
        let (code, path) = (entry.get(..2).unwrap_or(""), entry.get(3..).unwrap_or(entry));
        paths.push(path.to_string());
        if code.contains(['R', 'C']) {
            entries.next();
        }
    }
    paths
}

/// Replaces the password or token in every URL's user-info (`https://user:TOKEN@host`,
/// `https://TOKEN@host`) with `***`, so no credential is printed.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("://") {
        let (before, after) = rest.split_at(pos + 3);
        out.push_str(before);
        let authority_end = after
            .find(|c: char| c == '/' || c.is_whitespace() || c == '\'' || c == '"')
            .unwrap_or(after.len());
        let authority = &after[..authority_end];
        match authority.rfind('@') {
            Some(at) => {
                let userinfo = &authority[..at];
                match userinfo.split_once(':') {
                    Some((user, _)) => {
                        out.push_str(user);
                        out.push_str(":***");
                    }
                    None => out.push_str("***"),
                }
                out.push_str(&authority[at..]);
            }
            None => out.push_str(authority),
        }
        rest = &after[authority_end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{changed_paths, redact};

    #[test]
    fn status_paths_keep_every_character() {
        let status = " M content/briefings/a.md\0?? i18n/en.yaml\0R  static/new name.css\0static/old.css\0";
        assert_eq!(changed_paths(status), ["content/briefings/a.md", "i18n/en.yaml", "static/new name.css"]);
        assert!(changed_paths("").is_empty());
    }

    #[test]
    fn redacts_userinfo_in_urls() {
        assert_eq!(
            redact("fatal: unable to access 'https://bob:ghp_SECRET@github.com/o/r.git/': 403"),
            "fatal: unable to access 'https://bob:***@github.com/o/r.git/': 403"
        );
        assert_eq!(redact("To https://ghp_SECRET@host/x"), "To https://***@host/x");
        assert_eq!(
            redact("plain https://host/x and git@github.com:o/r"),
            "plain https://host/x and git@github.com:o/r"
        );
    }
}
