//! `capbrief check`: builds the site into a temporary folder through the library and checks
//! the result (internal links and fragments under the base path, assets, orphan pages, the
//! capex figures check, and external links on request). Broken links are traced back to the
//! Markdown file and line that hold them.

pub mod external;
pub mod links;

use crate::content::Page;
use crate::diag::{self, Diagnostic, Diagnostics, Location};
use crate::BuildOptions;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// What `capbrief check` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Also request every external URL (network).
    pub external: bool,
    /// Treat warnings as errors.
    pub strict: bool,
}

/// What a check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Errors and warnings, sorted.
    pub diagnostics: Diagnostics,
    /// External URLs and the output pages that use them.
    pub external: BTreeMap<String, BTreeSet<String>>,
    /// Whether the external URLs were requested.
    pub external_checked: bool,
    /// HTML files scanned.
    pub html_files: usize,
    /// Internal URLs checked.
    pub internal_checked: usize,
}

/// Builds into a temporary folder and checks the output. `Err` holds the build's errors.
pub fn run(opts: &CheckOptions) -> Result<CheckReport, Diagnostics> {
    let temp = tempfile::Builder::new().prefix("capbrief-check").tempdir().map_err(|e| {
        Diagnostics::from(Diagnostic::error(None, format!("cannot create a temporary folder: {e}")))
    })?;
    let out = temp.path().join("site");
    let build_opts =
        BuildOptions { root: opts.root.clone(), output: Some(out.clone()), ..BuildOptions::default() };
    let (built, out) = crate::build(&build_opts)?;
    let mut diagnostics = Diagnostics::new();
    for w in built.warnings {
        diagnostics.push(w);
    }
    diagnostics.extend(crate::capex::check_figures(&built.pages, &built.config));
    let report = links::check_dir(&out, &built.config.base_url).map_err(|e| {
        Diagnostics::from(Diagnostic::error(
            Some(Location::file(&out)),
            format!("cannot read the built site: {e}"),
        ))
    })?;
    let sources = SourceMap::new(&built.pages, built.config.default_lang());
    for broken in &report.broken {
        diagnostics.push(sources.broken_link(broken, &built.config.base_path, &built.config.base_url));
    }
    for orphan in &report.orphans {
        let location = sources.page(orphan).map(|p| Location::file(&p.shown));
        diagnostics.push(
            Diagnostic::warning(location, format!("page `{orphan}` is not linked from any other page"))
                .with_help("link it from a section, the home page or another page so readers can find it"),
        );
    }
    let mut external_checked = false;
    if opts.external {
        external_checked = true;
        for (url, problem) in external::check_all(report.external.keys()) {
            let pages = report.external.get(&url).cloned().unwrap_or_default();
            let first = pages.iter().next().cloned().unwrap_or_default();
            let location = sources.page(&first).and_then(|p| sources.find(p, &url));
            diagnostics.push(
                Diagnostic::error(location, format!("external link {url} fails: {problem}"))
                    .with_help(format!("used on {}", pages.into_iter().collect::<Vec<_>>().join(", "))),
            );
        }
    }
    if opts.strict {
        diagnostics.promote_warnings();
    }
    Ok(CheckReport {
        diagnostics: diagnostics.sorted(),
        external: report.external,
        external_checked,
        html_files: report.html_files,
        internal_checked: report.internal_checked,
    })
}

/// Maps output HTML files back to the pages they were rendered from.
struct SourceMap<'a> {
    by_output: BTreeMap<String, &'a Page>,
}

impl<'a> SourceMap<'a> {
    fn new(pages: &'a [Page], default_lang: &str) -> Self {
        let by_output =
            pages.iter().map(|p| (format!("{}index.html", p.lang_path(default_lang)), p)).collect();
        SourceMap { by_output }
    }

    fn page(&self, output: &str) -> Option<&'a Page> {
        self.by_output.get(output).copied()
    }

    /// The place in the page's Markdown where `url` (or the form it had before the base path
    /// or site URL was added) is written.
    fn find(&self, page: &Page, url: &str) -> Option<Location> {
        let start = page.body_start();
        let body = &page.text[start..];
        // The body first; then the front matter (a source URL, a summary with a link).
        let offset = body.find(url).map(|o| start + o).or_else(|| page.text.find(url))?;
        let (line, column, _) = diag::line_col(&page.text, offset);
        Some(Location::at(&page.shown, line, column))
    }

    fn broken_link(&self, broken: &links::BrokenLink, base_path: &str, base_url: &str) -> Diagnostic {
        let message = format!("broken link `{}` in `{}`: {}", broken.url, broken.page, broken.reason);
        let Some(page) = self.page(&broken.page) else {
            return Diagnostic::error(None, format!("{message} (output line {})", broken.line))
                .with_help("the link comes from a template or a generated list page");
        };
        let mut candidates = vec![broken.url.clone()];
        for prefix in [base_url, base_path] {
            if let Some(rest) = broken.url.strip_prefix(prefix) {
                candidates.push(format!("/{rest}"));
                candidates.push(rest.to_string());
            }
        }
        let found = candidates.iter().filter(|c| c.len() > 1).find_map(|c| self.find(page, c));
        match found {
            Some(location) => {
                let line_text = diag::line_text(&page.text, location.line).to_string();
                Diagnostic::error(Some(location), message)
                    .with_snippet(line_text)
                    .with_help(help_for(&broken.reason, base_path))
            }
            None => Diagnostic::error(Some(Location::file(&page.shown)), message).with_help(
                "the link is not in this page's Markdown; it comes from its front matter or a template",
            ),
        }
    }
}

fn help_for(reason: &str, base_path: &str) -> String {
    if reason.contains("base path") {
        format!("links written from the site root need the base path: use `{base_path}…`, or a relative link")
    } else if reason.contains("no element with id") {
        "check the heading's anchor: capbrief makes ids from heading text in lower case with dashes".into()
    } else {
        "fix the target, or create the page or file it points to".into()
    }
}
