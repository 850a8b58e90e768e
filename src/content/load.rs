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
use std::time::{Duration, SystemTime};

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

/// What parsing each Markdown file gave last time, for a session that loads the same site
/// again and again (the preview server). Valid for one config and drafts setting only: the
/// caller clears it when either changes.
#[derive(Debug, Default)]
pub struct LoadCache {
    /// By content-relative path.
    files: HashMap<String, Parsed, xxhash_rust::xxh3::Xxh3DefaultBuilder>,
    /// What the last full walk of `content/` and `static/` found, if it found no problem.
    walked: Option<Walked>,
    /// What was reported changed since the last load.
    changed: Changes,
    /// Whether the last load walked the folders (false: it trusted the reported changes).
    walked_last: bool,
}

/// What the caller reported changed since the last load.
#[derive(Debug, Default)]
enum Changes {
    /// Nothing was reported: every file is checked.
    #[default]
    Unreported,
    /// These files, and no other.
    Files(Vec<PathBuf>),
    /// Changes were lost: every file is checked.
    Lost,
}

/// The files a walk found: Markdown files with their content-relative path, and assets.
#[derive(Debug, Clone)]
struct Walked {
    md_files: Vec<(PathBuf, String)>,
    assets: Vec<StaticAsset>,
    /// Whether a symbolic link was followed: a watcher may not report a change to a file
    /// reached through one, so such a site is walked every time.
    followed_links: bool,
}

impl LoadCache {
    /// Whether the last load walked the site folders and checked every file.
    pub fn walked_last(&self) -> bool {
        self.walked_last
    }

    /// Tells the cache which files changed since the last load (absolute paths), as a file
    /// watcher reports them; `None` when changes may have gone unreported (the watcher lost
    /// events). Reports add up until a load takes them; a load with no report walks and
    /// checks every file.
    pub fn note_changes(&mut self, files: Option<Vec<PathBuf>>) {
        self.changed = match (std::mem::take(&mut self.changed), files) {
            (Changes::Unreported, Some(files)) => Changes::Files(files),
            (Changes::Files(mut pending), Some(files)) => {
                pending.extend(files);
                Changes::Files(pending)
            }
            _ => Changes::Lost,
        };
    }

    /// The Markdown files a load must read again when it can look at the reported files
    /// alone, without walking the folders (`None`: it cannot). Every reported path must be a
    /// Markdown file or an asset the last walk found, still a regular file, or a path that
    /// is gone and held none of them (an editor's temporary file, renamed over the real
    /// one). Anything else (a new or removed file, a folder) needs a walk.
    fn reported_markdown(&self, content_dir: &Path) -> Option<HashSet<String>> {
        let (Some(walked), Changes::Files(changed)) = (&self.walked, &self.changed) else {
            return None;
        };
        let mut markdown = HashSet::new();
        for path in changed {
            let rel = path.strip_prefix(content_dir).ok().map(|r| rel_string(Path::new(""), r));
            let is_asset = |path: &Path| walked.assets.iter().any(|a| a.src == path);
            match std::fs::symlink_metadata(path) {
                Ok(meta) if meta.file_type().is_file() => match rel {
                    Some(rel) if self.files.contains_key(&rel) => {
                        markdown.insert(rel);
                    }
                    _ if is_asset(path) => {}
                    _ => return None,
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let held_page = rel.as_deref().is_some_and(|rel| {
                        let below = format!("{rel}/");
                        rel.is_empty() || self.files.keys().any(|k| k == rel || k.starts_with(&below))
                    });
                    if held_page || walked.assets.iter().any(|a| a.src.starts_with(path)) {
                        return None;
                    }
                }
                _ => return None,
            }
        }
        Some(markdown)
    }
}

/// What reading one Markdown file gives: a page, nothing (a draft left out), or an error.
type PageResult = Result<Option<Page>, Diagnostic>;

/// One file's parse, with the file's size and modification time when it was read.
#[derive(Debug, Clone)]
struct Parsed {
    len: u64,
    modified: SystemTime,
    /// When the read started.
    read_at: SystemTime,
    page: PageResult,
}

/// A file modified this close to when it was read may have changed again within the same
/// tick of the file system's clock without its time changing (coarse clocks, or file systems
/// that keep whole seconds), so its cached parse is not trusted.
const RACY_WINDOW: Duration = Duration::from_secs(2);

impl Parsed {
    /// Whether the file was modified so close to when it was read that a change within the
    /// same clock tick would not show in its modification time.
    fn racy(&self) -> bool {
        !self.read_at.duration_since(self.modified).is_ok_and(|age| age >= RACY_WINDOW)
    }

    fn still_valid(&self, meta: &std::fs::Metadata) -> bool {
        let Ok(modified) = meta.modified() else { return false };
        meta.len() == self.len && modified == self.modified && !self.racy()
    }
}

/// Reads `content/` and `static/` into pages and assets. Errors go into `diags`; pages that
/// fail to parse are left out so every other file can still be checked.
pub fn load(config: &Config, include_drafts: bool, diags: &mut Diagnostics) -> Loaded {
    load_reusing(config, include_drafts, diags, None)
}

/// Like [`load`], but takes each Markdown file whose size and modification time are those
/// it had when `cache` last read it from the cache instead of parsing it again, and leaves
/// this load's parses in `cache`. The result is the same as [`load`]'s.
pub fn load_reusing(
    config: &Config,
    include_drafts: bool,
    diags: &mut Diagnostics,
    mut cache: Option<&mut LoadCache>,
) -> Loaded {
    let root = &config.root;
    // When a watcher reported every change and each changed file is one the last walk
    // found, that walk still holds: only the changed files are read again.
    let content_dir = root.join("content");
    let reported: Option<HashSet<String>> = match cache.as_deref_mut() {
        Some(c) => {
            let reported = c.reported_markdown(&content_dir);
            c.changed = Changes::Unreported;
            c.walked_last = reported.is_none();
            reported
        }
        None => None,
    };
    // `keep`: whether the next load may trust this walk.
    let (walked, keep) = match (reported.is_some(), cache.as_deref_mut().and_then(|c| c.walked.take())) {
        (true, Some(walked)) => (walked, true),
        _ => {
            let mut found = Diagnostics::new();
            let walked = walk_site(config, &mut found);
            // A walk that found a problem is done again next time, so the problem is reported again.
            let keep = found.is_empty() && !walked.followed_links;
            diags.extend(found);
            (walked, keep)
        }
    };

    let default_lang = config.default_lang().to_string();
    let langs: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let read = |file: &Path, rel: &str| read_page(root, file, rel, &default_lang, &langs, include_drafts);
    // Reads a file again; `Err` when its size and time cannot be kept with the parse.
    let reread = |file: &Path, rel: &str| -> Result<Parsed, PageResult> {
        let meta = std::fs::metadata(file).ok();
        let read_at = SystemTime::now();
        let page = read(file, rel);
        match meta.as_ref().and_then(|m| Some((m.len(), m.modified().ok()?))) {
            Some((len, modified)) => Ok(Parsed { len, modified, read_at, page }),
            // No metadata (the file went away meanwhile, or this file system keeps no
            // modification times): nothing to keep.
            None => Err(page),
        }
    };
    let md_files = &walked.md_files;
    let parsed: Vec<PageResult> = match (cache.as_deref_mut(), &reported) {
        (None, _) => md_files.par_iter().map(|(file, rel)| read(file, rel)).collect(),
        // The same files as the last walk found: the reported ones are read again, and
        // those read too soon after they were modified to trust their time.
        (Some(cache), Some(reported)) => {
            let files = &cache.files;
            let taken: Vec<Option<PageResult>> = md_files
                .par_iter()
                .map(|(file, rel)| {
                    let p = files.get(rel.as_str()).filter(|_| !reported.contains(rel))?;
                    let unchanged = !p.racy() || std::fs::metadata(file).is_ok_and(|m| p.still_valid(&m));
                    unchanged.then(|| p.page.clone())
                })
                .collect();
            md_files
                .iter()
                .zip(taken)
                .map(|((file, rel), taken)| {
                    taken.unwrap_or_else(|| match reread(file, rel) {
                        Ok(entry) => {
                            let page = entry.page.clone();
                            cache.files.insert(rel.clone(), entry);
                            page
                        }
                        Err(page) => {
                            cache.files.remove(rel.as_str());
                            page
                        }
                    })
                })
                .collect()
        }
        (Some(cache), None) => {
            let mut previous = std::mem::take(&mut cache.files);
            // `None`: unchanged since the cached parse.
            let fresh: Vec<Option<Result<Parsed, PageResult>>> = md_files
                .par_iter()
                .map(|(file, rel)| {
                    let unchanged = previous
                        .get(rel.as_str())
                        .is_some_and(|p| std::fs::metadata(file).is_ok_and(|m| p.still_valid(&m)));
                    (!unchanged).then(|| reread(file, rel))
                })
                .collect();
            // Files that went away leave the cache.
            let mut results = Vec::with_capacity(md_files.len());
            let mut files = HashMap::with_capacity_and_hasher(md_files.len(), Default::default());
            for ((_, rel), outcome) in md_files.iter().zip(fresh) {
                let entry = match outcome {
                    Some(Ok(entry)) => entry,
                    Some(Err(page)) => {
                        results.push(page);
                        continue;
                    }
                    None => match previous.remove(rel.as_str()) {
                        Some(entry) => entry,
                        None => continue,
                    },
                };
                results.push(entry.page.clone());
                files.insert(rel.clone(), entry);
            }
            cache.files = files;
            results
        }
    };
    let mut assets = walked.assets.clone();
    if let (Some(c), true) = (cache, keep) {
        c.walked = Some(walked);
    }
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
fn walk_site(config: &Config, diags: &mut Diagnostics) -> Walked {
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

fn rel_string(base: &Path, file: &Path) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn walked_cache() -> LoadCache {
        let walked = Walked { md_files: Vec::new(), assets: Vec::new(), followed_links: false };
        LoadCache { walked: Some(walked), ..LoadCache::default() }
    }

    #[test]
    fn reports_add_up_until_lost_events_or_no_report_make_the_load_walk() {
        let content = Path::new("/nonexistent-site/content");
        let gone = || vec![content.join("briefings/sedQ8xk2A")];
        let mut cache = walked_cache();
        assert!(cache.reported_markdown(content).is_none(), "nothing reported: walk");
        cache.note_changes(Some(gone()));
        cache.note_changes(Some(gone()));
        assert_eq!(cache.reported_markdown(content), Some(HashSet::new()), "a gone temporary file");
        cache.note_changes(None);
        cache.note_changes(Some(gone()));
        assert!(cache.reported_markdown(content).is_none(), "after lost events, until a load: walk");
        let mut cache = LoadCache::default();
        cache.note_changes(Some(gone()));
        assert!(cache.reported_markdown(content).is_none(), "no walk to trust yet");
    }
}
