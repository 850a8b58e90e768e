//! `capbrief init`: writes a new site that builds at once (config with comments, one example
//! briefing, empty `templates/` and `static/`, `.gitignore`) and, on request, the GitHub Pages
//! workflow. Never overwrites a file.

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
#[derive(Debug, Clone)]
pub struct InitError {
    /// What went wrong.
    pub message: String,
    /// What to do.
    pub help: String,
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
pub fn run(opts: &InitOptions) -> Result<Scaffolded, InitError> {
    let dir = &opts.dir;
    if dir.exists() && !dir.is_dir() {
        return Err(InitError {
            message: format!("`{}` exists and is not a folder", dir.display()),
            help: "pick a new folder name".into(),
        });
    }
    let non_empty = std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false);
    if non_empty && !opts.force {
        return Err(InitError {
            message: format!("`{}` is not empty", dir.display()),
            help: "pick an empty or new folder, or pass --force to add the missing files (existing files are never overwritten)".into(),
        });
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

fn io_error(path: &Path, e: &std::io::Error) -> InitError {
    InitError {
        message: format!("cannot write `{}`: {e}", path.display()),
        help: "check the folder's permissions; files written so far are kept".into(),
    }
}

/// The GitHub Actions workflow. It installs the capbrief release that wrote it, builds with
/// the base URL GitHub Pages reports, and deploys the output as a Pages artifact.
pub fn workflow() -> String {
    WORKFLOW.replace("{VERSION}", env!("CARGO_PKG_VERSION"))
}

const WORKFLOW: &str = r#"# Builds the site with capbrief and publishes it on GitHub Pages.
# One-time setup: Settings -> Pages -> Build and deployment -> Source: "GitHub Actions".
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
  # The capbrief version to install from crates.io. To install from a repository
  # instead, set CAPBRIEF_GIT to its URL (and optionally CAPBRIEF_REV to a tag or commit).
  CAPBRIEF_VERSION: "{VERSION}"
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

      - name: Install capbrief
        run: |
          if [ -n "$CAPBRIEF_GIT" ]; then
            if [ -n "$CAPBRIEF_REV" ]; then
              cargo install --locked --git "$CAPBRIEF_GIT" --rev "$CAPBRIEF_REV" capbrief
            else
              cargo install --locked --git "$CAPBRIEF_GIT" capbrief
            fi
          else
            cargo install --locked capbrief --version "$CAPBRIEF_VERSION"
          fi

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

# The company registry: canonical names and the other names news text uses.
companies:
  - name: Example Cloud
    aliases: ["Example Cloud Inc", "ExampleCloud"]
    tickers: [EXCL]
    country: US
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
title: "Example Cloud plans $20 billion of data centre spending in 2026"
date: 2026-01-15
summary: "An example briefing: replace it with your own."
companies: [Example Cloud]
tickers: [EXCL]
tags: [data-centers]
source:
  name: "Example Cloud"
  url: "https://example.com/"
capex:
  - company: Example Cloud
    amount: "$20 billion"
    currency: USD
    period: "2026"
    scope: "data centres"
    quote: "Example Cloud plans to spend $20 billion on data centres in 2026."
---

Example Cloud plans to spend $20 billion on data centres in 2026, the company said.

This is an example briefing written by `capbrief init`. Create your own with
`capbrief new "Title"` and delete this file.
"#;
