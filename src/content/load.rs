//! Walking `content/` and `static/`, reading each file once, and parsing pages in parallel.
//! Symlinks are followed only when they stay inside the site root.

use super::front_matter::{self, FrontMatter, PageDate};
use super::page::{Body, Page, PageKind};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Location};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file copied as is into the output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StaticAsset {
    /// Source file on disk.
    pub src: PathBuf,
    /// Output path relative to the output folder, `/`-separated.
    pub out: String,
}

/// Everything read from the site folder.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every page, sorted by `rel`; drafts left out unless asked for.
    pub pages: Vec<Page>,
    /// Files of `static/` and non-Markdown files of `content/`.
    pub assets: Vec<StaticAsset>,
}

/// How a path is shown in messages: relative to the current folder when below it.
pub fn shown_path(root: &Path, path: &Path) -> PathBuf {
    let _ = root;
    let path = path.strip_prefix(".").unwrap_or(path);
    match std::env::current_dir() {
        Ok(cwd) => path.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf()),
        Err(_) => path.to_path_buf(),
    }
}

/// The files a walk found: Markdown files with their content-relative path, and assets.
#[derive(Debug, Clone)]
pub(crate) struct Walked {
    pub(crate) md_files: Vec<(PathBuf, String)>,
    pub(crate) assets: Vec<StaticAsset>,
    /// Whether a symbolic link was followed: a watcher may not report a change to a file
    /// reached through one.
    pub(crate) followed_links: bool,
}

/// What reading one Markdown file gives: a page, nothing (a draft left out), or an error.
pub(crate) type PageResult = Result<Option<Page>, Diagnostic>;

/// Reads single Markdown files of one site into pages.
pub(crate) struct PageReader<'a> {
    root: &'a Path,
    default_lang: String,
    langs: Vec<String>,
    include_drafts: bool,
}

impl<'a> PageReader<'a> {
    pub(crate) fn new(config: &'a Config, include_drafts: bool) -> Self {
        PageReader {
            root: &config.root,
            default_lang: config.default_lang().to_string(),
            langs: config.languages.iter().map(|l| l.code.clone()).collect(),
            include_drafts,
        }
    }

    /// Reads and parses the file at `file`, `rel` below `content/`.
    pub(crate) fn read(&self, file: &Path, rel: &str) -> PageResult {
        read_page(self.root, file, rel, &self.default_lang, &self.langs, self.include_drafts)
    }
}

/// Reads `content/` and `static/` into pages and assets. Errors go into `diags`; pages that
/// fail to parse are left out so every other file can still be checked.
pub fn load(config: &Config, include_drafts: bool, diags: &mut Diagnostics) -> Loaded {
    let walked = walk_site(config, diags);
    let reader = PageReader::new(config, include_drafts);
    let parsed: Vec<PageResult> =
        walked.md_files.par_iter().map(|(file, rel)| reader.read(file, rel)).collect();
    assemble(config, parsed, walked.assets, diags)
}

/// The pages and assets of a site from each Markdown file's parse (in the walk's order) and
/// the assets the walk found: errors reported, translations linked to their originals,
/// pages sorted by path.
pub(crate) fn assemble(
    config: &Config,
    parsed: Vec<PageResult>,
    mut assets: Vec<StaticAsset>,
    diags: &mut Diagnostics,
) -> Loaded {
    let root = &config.root;
    let content_dir = root.join("content");
    let mut pages = Vec::with_capacity(parsed.len());
    // Files whose error is already reported: their translations get no second error of their own.
    let mut failed = HashSet::new();
    for result in parsed {
        match result {
            Ok(Some(page)) => pages.push(page),
            Ok(None) => {}
            Err(d) => {
                if let Some(loc) = &d.location {
                    failed.insert(loc.path.clone());
                }
                diags.push(d)
            }
        }
    }
    link_translations(&mut pages, &content_dir, root, &failed, diags);
    date_undated_drafts(&mut pages, diags);
    for page in &pages {
        if page.kind == PageKind::Article && page.date.is_none() {
            diags.push(
                Diagnostic::error(Some(Location::at(&page.shown, 1, 1)), "missing required field `date`")
                    .with_snippet("---")
                    .with_help("add `date: YYYY-MM-DD` (or RFC 3339) to the front matter"),
            );
        }
    }
    pages.retain(|p| p.kind != PageKind::Article || p.date.is_some());
    pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    assets.sort();
    Loaded { pages, assets }
}

/// A draft that `capbrief import` could give no date (the page printed none) is dated by the
/// day it was imported, which the file records (`source.imported`), so a build with drafts
/// shows it and stays the same from one day to the next. Only drafts get here without
/// `--drafts`, none do; the warning says the date is a stand-in.
fn date_undated_drafts(pages: &mut [Page], diags: &mut Diagnostics) {
    for page in pages.iter_mut().filter(|p| p.kind == PageKind::Article && p.date.is_none() && p.meta.draft) {
        let imported = page.meta.source.as_ref().and_then(|s| s.imported.as_deref());
        let Some(date) = imported.and_then(|d| PageDate::parse(d.trim()).ok()) else { continue };
        diags.push(
            Diagnostic::warning(
                Some(Location::at(&page.shown, 1, 1)),
                format!(
                    "draft without `date`: shown dated {}, the day it was imported (`source.imported`)",
                    date.text
                ),
            )
            .with_help(
                "set `date:` to the day the article was published and remove `draft: true` to publish it",
            ),
        );
        page.date = Some(date);
    }
}

/// Walks `content/` and `static/`: Markdown pages, and the files copied as they are.
pub(crate) fn walk_site(config: &Config, diags: &mut Diagnostics) -> Walked {
    let root = &config.root;
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let content_dir = root.join("content");
    let (mut md_files, mut assets, mut followed_links) = (Vec::new(), Vec::new(), false);
    if content_dir.is_dir() {
        for file in walk(&content_dir, &canonical_root, config, diags, &mut followed_links, None) {
            let rel = rel_string(&content_dir, &file);
            if rel.ends_with(".md") {
                md_files.push((file, rel));
            } else {
                assets.push(StaticAsset { src: file, out: rel });
            }
        }
    } else {
        diags.push(
            Diagnostic::warning(Some(Location::file(shown_path(root, &content_dir))), "no content/ folder")
                .with_help("create content/briefings/ and add Markdown briefings"),
        );
    }
    let static_dir = root.join("static");
    if static_dir.is_dir() {
        let mut hidden = Vec::new();
        for file in walk(&static_dir, &canonical_root, config, diags, &mut followed_links, Some(&mut hidden))
        {
            let rel = rel_string(&static_dir, &file);
            assets.push(StaticAsset { src: file, out: rel });
        }
        if !hidden.is_empty() {
            diags.push(hidden_files_left_out(root, &hidden));
        }
    }
    Walked { md_files, assets, followed_links }
}

pub(crate) fn rel_string(base: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(base).unwrap_or(file);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The one hidden folder of `static/` that is published: RFC 8615's well-known locations
/// (`security.txt`, `assetlinks.json`, `apple-app-site-association` …).
const WELL_KNOWN: &str = ".well-known";

/// The warning for hidden files of `static/` that are not published.
fn hidden_files_left_out(root: &Path, hidden: &[PathBuf]) -> Diagnostic {
    let mut names: Vec<String> =
        hidden.iter().take(5).map(|p| shown_path(root, p).display().to_string()).collect();
    if hidden.len() > 5 {
        names.push(format!("and {} more", hidden.len() - 5));
    }
    Diagnostic::warning(
        Some(Location::file(shown_path(root, &root.join("static")))),
        format!(
            "{} hidden file{} or folder{} of static/ not published (names starting with a dot): {}",
            hidden.len(),
            if hidden.len() == 1 { "" } else { "s" },
            if hidden.len() == 1 { "" } else { "s" },
            names.join(", ")
        ),
    )
    .with_help(format!(
        "only static/{WELL_KNOWN}/ is published among hidden names; rename a file to publish it, \
         or delete it to silence this warning"
    ))
}

/// Files below `dir`, sorted, skipping editor temporary files and hidden ones. Symlinks that
/// leave the site root are reported (naming the link) and not followed.
/// `followed_links` is set when a symbolic link was followed. With `hidden`, a top-level
/// `.well-known/` is kept and other hidden entries are collected there (for a warning)
/// rather than skipped silently.
fn walk(
    dir: &Path,
    canonical_root: &Path,
    config: &Config,
    diags: &mut Diagnostics,
    followed_links: &mut bool,
    mut hidden: Option<&mut Vec<PathBuf>>,
) -> Vec<PathBuf> {
    let mut refused: Vec<Diagnostic> = Vec::new();
    let mut files = Vec::new();
    let walker =
        walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            if e.depth() > 0 && name.starts_with('.') {
                match hidden.as_deref_mut() {
                    Some(_) if e.depth() == 1 && name == WELL_KNOWN && e.file_type().is_dir() => {}
                    Some(list) => {
                        list.push(e.path().to_path_buf());
                        return false;
                    }
                    None => return false,
                }
            } else if e.depth() > 0 && is_ignored(&name) {
                return false;
            }
            if e.path_is_symlink() {
                let inside = e.path().canonicalize().map(|t| t.starts_with(canonical_root)).unwrap_or(false);
                if !inside {
                    refused.push(
                        Diagnostic::error(
                            Some(Location::file(shown_path(&config.root, e.path()))),
                            "symbolic link points outside the site folder (or nowhere); it is not followed",
                        )
                        .with_help("copy the file into the site instead of linking to it"),
                    );
                    return false;
                }
                *followed_links = true;
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| dir.to_path_buf());
                let msg = if err.loop_ancestor().is_some() {
                    "symbolic link loop; the link is not followed".to_string()
                } else {
                    format!("cannot read: {err}")
                };
                diags.push(Diagnostic::error(Some(Location::file(shown_path(&config.root, &path))), msg));
            }
        }
    }
    for d in refused {
        diags.push(d);
    }
    files
}

/// Editor backups and temporary files (hidden names are handled by the caller).
fn is_ignored(name: &str) -> bool {
    name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// Reads and parses one Markdown file. `Ok(None)`: a draft left out.
fn read_page(
    root: &Path,
    file: &Path,
    rel: &str,
    default_lang: &str,
    langs: &[String],
    include_drafts: bool,
) -> Result<Option<Page>, Diagnostic> {
    let shown = shown_path(root, file);
    let bytes = std::fs::read(file)
        .map_err(|e| Diagnostic::error(Some(Location::file(&shown)), format!("cannot read the file: {e}")))?;
    let text: std::sync::Arc<str> = decode(bytes, &shown)?.into();
    let split = front_matter::split(&text, &shown)?;
    let mut meta: FrontMatter = front_matter::parse(&split, &shown, &text)?;
    let yaml_start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let yaml_range = (yaml_start, yaml_start + split.yaml.len());
    let body_start = split.body.as_ptr() as usize - text.as_ptr() as usize;
    let body_line = split.body_line;
    if meta.draft && !include_drafts {
        return Ok(None);
    }

    // `foo.es.md` is the Spanish translation of `foo.md`.
    let file_name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = file_name.trim_end_matches(".md");
    let (stem, name_lang) = match stem.rsplit_once('.') {
        Some((base, code)) if langs.iter().any(|l| l == code) && code != default_lang => (base, Some(code)),
        _ => (stem, None),
    };
    let section = rel.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
    let translation_key = match name_lang {
        Some(_) if section.is_empty() => format!("{stem}.md"),
        Some(_) => format!("{section}/{stem}.md"),
        None => rel.to_string(),
    };
    let lang = match (&meta.lang, name_lang) {
        (Some(l), _) => l.clone(),
        (None, Some(l)) => l.to_string(),
        (None, None) => default_lang.to_string(),
    };
    let locate = |key: &[&str]| {
        let split = front_matter::Split {
            yaml: &text[yaml_range.0..yaml_range.1],
            yaml_line_offset: 1,
            body: "",
            body_line,
        };
        front_matter::key_location(&split, &shown, key)
    };
    if meta.lang.is_some() && !langs.contains(&lang) {
        return Err(Diagnostic::error(
            Some(locate(&["lang"])),
            format!("language `{lang}` is not configured"),
        )
        .with_help(format!(
            "configured languages: {}; add it under `languages:` in config.yaml",
            langs.join(", ")
        )));
    }
    // One URL policy for every URL from content: a refused `source.url` stops the build at
    // its line, since the theme links to it. An empty one (`url: ""`, as `capbrief new`
    // writes it) is no URL.
    if let Some(source) = meta.source.as_mut() {
        match source.url.as_deref().map(crate::url_policy::check_url) {
            None => {}
            Some(Ok(clean)) => source.url = Some(clean.into_string()),
            Some(Err(refusal)) if refusal.reason == crate::url_policy::Reason::Empty => source.url = None,
            Some(Err(refusal)) => {
                return Err(Diagnostic::error(
                    Some(locate(&["source", "url"])),
                    format!("`source.url`: {refusal}"),
                )
                .with_help(crate::url_policy::HELP))
            }
        }
    }
    let kind = if stem == "_index" {
        PageKind::Section
    } else if section.is_empty() {
        PageKind::Standalone
    } else {
        PageKind::Article
    };
    let title = match &meta.title {
        Some(t) if !t.trim().is_empty() => t.trim().to_string(),
        _ => {
            return Err(Diagnostic::error(Some(Location::at(&shown, 1, 1)), "missing required field `title`")
                .with_snippet("---")
                .with_help("add `title: \"…\"` to the front matter"))
        }
    };
    let slug = match &meta.slug {
        Some(s) => check_slug(s).map_err(|msg| {
            Diagnostic::error(Some(locate(&["slug"])), msg)
                .with_help("a slug is one URL segment: lower-case letters, digits and hyphens")
        })?,
        None => slug::slugify(stem),
    };
    if kind != PageKind::Section && slug.is_empty() {
        return Err(Diagnostic::error(
            Some(Location::file(&shown)),
            "cannot make a URL slug from this file name",
        )
        .with_help("rename the file or set `slug:` in front matter"));
    }
    for (i, alias) in meta.aliases.iter().enumerate() {
        if let Err(msg) = crate::paths::check_site_path(alias) {
            return Err(Diagnostic::error(
                Some(locate(&["aliases", &format!("#{i}")])),
                format!("alias `{}`: {msg}", crate::url_policy::shown(alias)),
            )
            .with_help("an alias is an old URL path on this site, such as /2025/02/old-title/"));
        }
    }
    let path = match kind {
        PageKind::Section if section.is_empty() => String::new(),
        PageKind::Section => format!("{section}/"),
        PageKind::Standalone => format!("{slug}/"),
        PageKind::Article => format!("{section}/{slug}/"),
    };
    Ok(Some(Page {
        rel: rel.to_string(),
        shown,
        date: meta.date.clone(),
        meta: Arc::new(meta),
        body: Body::tail_of(text.clone(), body_start),
        kind,
        section,
        lang,
        slug,
        path,
        translation_key,
        title,
        yaml_range,
        body_line,
        text,
    }))
}

/// Checks an explicit `slug:`; it must stay one safe path segment.
fn check_slug(s: &str) -> Result<String, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("`slug` is empty".into());
    }
    crate::paths::check_segment(s).map_err(|m| format!("`slug` {m}"))?;
    Ok(s.to_string())
}

fn decode(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    crate::diag::decode_text(bytes).map_err(|(line, col)| {
        Diagnostic::error(
            Some(Location::at(shown, line, col)),
            "the file is not valid UTF-8 (a binary file, or saved in another encoding)",
        )
        .with_help("save the file as UTF-8")
    })
}

/// Fills translations' data fields from their originals; an orphan translation is an error.
/// A translation whose original failed to load (`failed` holds the shown paths of those files)
/// is left out without a message: the original's own error says what to fix, and "without an
/// original" or a missing date would only send the writer to the wrong file.
fn link_translations(
    pages: &mut Vec<Page>,
    content_dir: &Path,
    root: &Path,
    failed: &HashSet<PathBuf>,
    diags: &mut Diagnostics,
) {
    if !pages.iter().any(Page::is_translation) {
        return;
    }
    let originals: HashMap<&str, usize, xxhash_rust::xxh3::Xxh3DefaultBuilder> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_translation())
        .map(|(i, p)| (p.rel.as_str(), i))
        .collect();
    let mut fills = Vec::new();
    let mut dropped = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        if !p.is_translation() {
            continue;
        }
        match originals.get(p.translation_key.as_str()) {
            Some(&o) => fills.push((i, o)),
            None if !failed.is_empty()
                && failed.contains(&shown_path(root, &content_dir.join(&p.translation_key))) =>
            {
                dropped.push(i)
            }
            None => diags.push(
                Diagnostic::error(
                    Some(Location::file(&p.shown)),
                    format!("translation without an original: `{}` does not exist", p.translation_key),
                )
                .with_help("a translation `foo.es.md` sits beside its original `foo.md`; add the original or rename this file"),
            ),
        }
    }
    for (i, o) in fills {
        // The four things a translation takes from its original, rather than a copy of it.
        let (slug, path, kind, om) = {
            let original = &pages[o];
            (original.slug.clone(), original.path.clone(), original.kind, original.meta.clone())
        };
        let t = &mut pages[i];
        if t.meta.slug.is_none() {
            t.slug = slug;
        }
        t.path = path;
        t.kind = kind;
        let m = Arc::make_mut(&mut t.meta);
        if m.date.is_none() {
            m.date = om.date.clone();
            t.date = om.date.clone();
        }
        m.updated = m.updated.clone().or_else(|| om.updated.clone());
        m.author = m.author.clone().or_else(|| om.author.clone());
        m.tickers = m.tickers.clone().or_else(|| om.tickers.clone());
        m.companies = m.companies.clone().or_else(|| om.companies.clone());
        m.tags = m.tags.clone().or_else(|| om.tags.clone());
        m.capex = m.capex.clone().or_else(|| om.capex.clone());
        m.source = m.source.clone().or_else(|| om.source.clone());
        m.ai_generated |= om.ai_generated;
        m.draft |= om.draft;
    }
    // Last, so the indices above stay valid; highest first for the same reason.
    for i in dropped.into_iter().rev() {
        pages.remove(i);
    }
}
