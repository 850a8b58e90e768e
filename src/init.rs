//! `capbrief init`: writes a new site that builds at once (config with comments, one example
//! briefing, empty `templates/` and `static/`, `.gitignore`) and, on request, the GitHub Pages
//! workflow. Never overwrites a file.

use crate::diag::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};

/// What `capbrief init` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    /// Folder to create the site in.
    pub dir: PathBuf,
    /// Also write `.github/workflows/pages.yml`.
    pub github_actions: bool,
    /// Write into a non-empty folder (existing files are still never overwritten).
    pub force: bool,
}

/// What init wrote and what it left alone.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scaffolded {
    /// Files written, relative to the site folder.
    pub written: Vec<String>,
    /// Files that already existed and were kept.
    pub kept: Vec<String>,
}

/// An init failure, with what to do.
fn fail(message: impl Into<String>, help: impl Into<String>) -> Diagnostics {
    Diagnostic::error(None, message).with_help(help).into()
}

/// The workflow file's path inside a site.
pub const WORKFLOW_PATH: &str = ".github/workflows/pages.yml";

/// The files of a new site, path and contents.
pub fn site_files(github_actions: bool) -> Vec<(&'static str, String)> {
    let mut files = vec![
        ("config.yaml", CONFIG.to_string()),
        ("content/_index.md", HOME.to_string()),
        ("content/briefings/_index.md", SECTION.to_string()),
        ("content/briefings/example-hyperscaler-capex-plan.md", EXAMPLE.to_string()),
        (".gitignore", "/public/\n/public-drafts/\n".to_string()),
    ];
    if github_actions {
        files.push((WORKFLOW_PATH, workflow()));
    }
    files
}

/// Writes the scaffold into `opts.dir`.
pub fn run(opts: &InitOptions) -> Result<Scaffolded, Diagnostics> {
    let dir = &opts.dir;
    if dir.exists() && !dir.is_dir() {
        return Err(fail(
            format!("`{}` exists and is not a folder", dir.display()),
            "pick a new folder name",
        ));
    }
    let non_empty = std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false);
    if non_empty && !opts.force {
        return Err(fail(
            format!("`{}` is not empty", dir.display()),
            "pick an empty or new folder, or pass --force to add the missing files (existing files are never overwritten)",
        ));
    }
    let mut done = Scaffolded::default();
    for (rel, text) in site_files(opts.github_actions) {
        let path = dir.join(rel);
        if write_new(&path, &text).map_err(|e| io_error(&path, &e))? {
            done.written.push(rel.to_string());
        } else {
            done.kept.push(rel.to_string());
        }
    }
    for folder in ["templates", "static"] {
        let path = dir.join(folder);
        std::fs::create_dir_all(&path).map_err(|e| io_error(&path, &e))?;
    }
    Ok(done)
}

/// Creates `path` with `text` unless it exists; `Ok(false)` when it existed.
pub(crate) fn write_new(path: &Path, text: &str) -> std::io::Result<bool> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    use std::io::Write;
    // create_new: the check and the creation are one step, so a file appearing meanwhile
    // is not overwritten either.
    match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut f) => {
            f.write_all(text.as_bytes())?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> Diagnostics {
    fail(
        format!("cannot write `{}`: {e}", path.display()),
        "check the folder's permissions; files written so far are kept",
    )
}

/// The GitHub Actions workflow. It installs the capbrief release that wrote it (its archive
/// checked against the release's SHA256SUMS), or on request compiles capbrief from a git
/// repository with the compiled binary cached; builds with the base URL GitHub Pages
/// reports, and deploys the output as a Pages artifact.
pub fn workflow() -> String {
    WORKFLOW.replace("{VERSION}", env!("CARGO_PKG_VERSION")).replace("{RELEASES}", RELEASES)
}

/// Where release archives are downloaded from: `{RELEASES}/v{VERSION}/{archive}`.
pub const RELEASES: &str = "https://github.com/capbrief/capbrief/releases/download";

const WORKFLOW: &str = r#"# Builds the site with capbrief and publishes it on GitHub Pages.
#
# One setting to change, once: in the repository, Settings -> Pages -> Build and deployment
# -> Source: "GitHub Actions". Then every push to main publishes the site.
name: Publish site

on:
  push:
    branches: [main]
  workflow_dispatch:

# Least privilege: jobs read the repository; only the deploy job may write to Pages.
permissions:
  contents: read

# One deployment at a time; a newer push waits instead of cancelling a running deploy.
concurrency:
  group: pages
  cancel-in-progress: false

env:
  # The capbrief release to install (the version that wrote this file). Its archive is
  # checked against the release's SHA256SUMS before it runs. To pin the exact bytes too,
  # set CAPBRIEF_SHA256 to the x86_64-unknown-linux-gnu archive's hash from SHA256SUMS.
  CAPBRIEF_VERSION: "{VERSION}"
  CAPBRIEF_SHA256: ""
  CAPBRIEF_RELEASES: "{RELEASES}"
  # To compile capbrief from a git repository instead (a fork, an unreleased fix), set
  # CAPBRIEF_GIT to its URL and optionally CAPBRIEF_REV to a branch, tag or commit. The
  # compiled binary is cached per commit, so only the first run for a commit compiles.
  CAPBRIEF_GIT: ""
  CAPBRIEF_REV: ""

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - name: Check out the site
        uses: actions/checkout@v7

      - name: Read the Pages settings
        id: pages
        uses: actions/configure-pages@v6

      - name: Choose how to install capbrief
        id: capbrief
        run: |
          if [ -z "$CAPBRIEF_GIT" ]; then
            echo "source=release" >> "$GITHUB_OUTPUT"
            exit 0
          fi
          rev="${CAPBRIEF_REV:-HEAD}"
          refs=$(git ls-remote "$CAPBRIEF_GIT" "$rev" "$rev^{}")
          # An annotated tag is listed twice; its commit is the line ending in ^{}.
          commit=$(printf '%s\n' "$refs" | awk '$2 ~ /\^\{\}$/ { print $1; exit }')
          if [ -z "$commit" ]; then
            commit=$(printf '%s\n' "$refs" | head -n 1 | cut -f 1)
          fi
          if [ -z "$commit" ]; then
            # A commit hash is not a ref that ls-remote lists: use it as written.
            case "$CAPBRIEF_REV" in
              "" | *[!0-9a-f]*)
                echo "::error::cannot find '$rev' in $CAPBRIEF_GIT"
                exit 1
                ;;
              *) commit="$CAPBRIEF_REV" ;;
            esac
          fi
          echo "source=git" >> "$GITHUB_OUTPUT"
          echo "commit=$commit" >> "$GITHUB_OUTPUT"

      - name: Restore capbrief compiled earlier
        if: steps.capbrief.outputs.source == 'git'
        uses: actions/cache@v5
        with:
          path: |
            ~/.cargo/bin/capbrief
            ~/.cargo/.crates.toml
            ~/.cargo/.crates2.json
            ~/.cargo/registry/index/
            ~/.cargo/registry/cache/
            ~/.cargo/git/db/
          key: capbrief-${{ runner.os }}-${{ runner.arch }}-${{ steps.capbrief.outputs.commit }}

      - name: Install capbrief
        env:
          SOURCE: ${{ steps.capbrief.outputs.source }}
          COMMIT: ${{ steps.capbrief.outputs.commit }}
        run: |
          if [ "$SOURCE" = git ]; then
            # Does nothing when the cache restored this commit's build.
            cargo install --locked --git "$CAPBRIEF_GIT" --rev "$COMMIT" capbrief
            capbrief --version
            exit 0
          fi
          case "$RUNNER_ARCH" in
            X64) target=x86_64-unknown-linux-gnu ;;
            ARM64) target=aarch64-unknown-linux-gnu ;;
            *) echo "::error::no capbrief release for $RUNNER_ARCH; set CAPBRIEF_GIT to compile it"; exit 1 ;;
          esac
          archive="capbrief-$target.tar.gz"
          base="${CAPBRIEF_RELEASES%/}/v$CAPBRIEF_VERSION"
          cd "$RUNNER_TEMP" || exit 1
          if ! curl -fsSL --retry 3 -o "$archive" "$base/$archive"; then
            echo "::error::cannot download $base/$archive: set CAPBRIEF_VERSION to a published release, or CAPBRIEF_GIT to compile capbrief"
            exit 1
          fi
          curl -fsSL --retry 3 -o SHA256SUMS "$base/SHA256SUMS"
          if ! grep " $archive\$" SHA256SUMS > "$archive.sha256"; then
            echo "::error::SHA256SUMS of capbrief $CAPBRIEF_VERSION lists no $archive"
            exit 1
          fi
          sha256sum -c "$archive.sha256"
          if [ -n "$CAPBRIEF_SHA256" ]; then
            echo "$CAPBRIEF_SHA256  $archive" | sha256sum -c -
          fi
          tar -xzf "$archive"
          mkdir -p "$HOME/.local/bin"
          install -m 755 "capbrief-$target/capbrief" "$HOME/.local/bin/capbrief"
          echo "$HOME/.local/bin" >> "$GITHUB_PATH"
          "$HOME/.local/bin/capbrief" --version

      - name: Build
        env:
          PAGES_BASE_URL: ${{ steps.pages.outputs.base_url }}
        run: capbrief build --base-url "${PAGES_BASE_URL%/}/" --output public

      # The build writes no dotfiles that Pages needs (its own marker stays out of the
      # artifact because upload-pages-artifact leaves dotfiles out by default).
      - name: Upload the site
        uses: actions/upload-pages-artifact@v5
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v5
"#;

const CONFIG: &str = r#"# capbrief site configuration. Every key is checked: a misspelt key is an error.

# The site's name, shown in the header and the feed.
title: "AI Capex Briefings"
description: "Who is putting how many billions into data centres and AI infrastructure."

# Where the site is published, ending in /. A GitHub project site lives under the
# repository's name: https://OWNER.github.io/REPO/ ; a custom domain sits at the root.
# The Pages workflow passes the right value with --base-url, so with it this is only for
# local builds and `capbrief serve`; set it before a branch deploy (`capbrief deploy`).
base_url: "https://example.com/"

# For a branch deploy (`capbrief deploy`) on a custom domain, name it here: deploy writes
# the CNAME file on every push so Pages keeps the domain.
# cname: briefings.example.com

default_language: en
# author: "Your desk"

# Briefings per list page.
paginate: 10

# A second language: add `es:` here and write `foo.es.md` beside `foo.md`.
languages:
  en:
    title: "AI Capex Briefings"

# Companies: capbrief knows some 80 of the largest AI-infrastructure spenders out of the
# box (names, brands such as AWS or Google Cloud, tickers, fiscal years, joint ventures such
# as Stargate). `capbrief companies` lists them; `capbrief companies NAME` says what a name
# resolves to. Extend a built-in entry by naming it (lists are added to; country,
# fiscal_year_end and kind replace the built-in value), or add your own:
# companies:
#   - name: Alphabet                # built-in, found by its name, an alias or a ticker
#     aliases: ["Alphabet Inc."]
#   - name: Example Cloud           # not built in: added
#     aliases: ["ExampleCloud"]
#     tickers: [EXCL]
#     country: US
#     fiscal_year_end: 6            # month the fiscal year ends in, when not December
# builtin_companies: false          # start from an empty registry instead
"#;

const HOME: &str = r#"---
title: "AI capex briefings"
---

Short, sourced briefings on who is spending how much on AI infrastructure.
"#;

const SECTION: &str = r#"---
title: "Briefings"
summary: "One announcement per briefing, with the figure as it was announced and a link to the source."
---

The newest briefings come first.
"#;

const EXAMPLE: &str = r#"---
title: "Microsoft expects to spend about $80 billion on AI data centres in fiscal 2025"
date: 2025-01-03
summary: "An example briefing: replace it with your own."
companies: [Microsoft]
tickers: [MSFT]
tags: [data-centers]
source:
  name: "Microsoft On the Issues"
  url: "https://blogs.microsoft.com/on-the-issues/"
capex:
  - company: Microsoft
    amount: "about $80 billion"
    currency: USD
    period: "FY2025"
    scope: "AI-enabled data centres"
    quote: "Microsoft expects to spend about $80 billion in its 2025 fiscal year on data centres built for AI."
---

Microsoft expects to spend about $80 billion in its 2025 fiscal year on data centres built for AI.
Its fiscal year ends in June, which capbrief knows from its built-in company registry, so the
table below says which months the figure covers.

This is an example briefing written by `capbrief init`. Create your own with
`capbrief new "Title"` and delete this file.
"#;
