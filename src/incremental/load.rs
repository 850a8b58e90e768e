//! The preview's reuse of the load stage: the last walk of the site folders, trusted while a
//! watcher reports every change, and each Markdown file's parse, kept while the file's size
//! and modification time stay those it had when it was read.

use crate::config::Config;
use crate::content::{self, Loaded, PageReader, PageResult, Walked};
use crate::diag::Diagnostics;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

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
            let rel = path.strip_prefix(content_dir).ok().map(|r| content::rel_string(Path::new(""), r));
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

impl LoadCache {
    /// Like [`content::load`], but takes each Markdown file whose size and modification time
    /// are those it had when this cache last read it from the cache instead of parsing it
    /// again, and keeps this load's parses. The result is the same as [`content::load`]'s.
    pub fn load(&mut self, config: &Config, include_drafts: bool, diags: &mut Diagnostics) -> Loaded {
        // When a watcher reported every change and each changed file is one the last walk
        // found, that walk still holds: only the changed files are read again.
        let reported = self.reported_markdown(&config.root.join("content"));
        self.changed = Changes::Unreported;
        self.walked_last = reported.is_none();
        // `keep`: whether the next load may trust this walk.
        let (walked, keep) = match (reported.is_some(), self.walked.take()) {
            (true, Some(walked)) => (walked, true),
            _ => {
                let mut found = Diagnostics::new();
                let walked = content::walk_site(config, &mut found);
                // A walk that found a problem is done again next time, so the problem is reported again.
                let keep = found.is_empty() && !walked.followed_links;
                diags.extend(found);
                (walked, keep)
            }
        };
        let reader = PageReader::new(config, include_drafts);
        let parsed = match &reported {
            Some(reported) => self.read_reported(&reader, &walked, reported),
            None => self.read_changed(&reader, &walked),
        };
        let assets = walked.assets.clone();
        if keep {
            self.walked = Some(walked);
        }
        content::assemble(config, parsed, assets, diags)
    }

    /// The same files as the last walk found: the reported ones are read again, and those
    /// read too soon after they were modified to trust their time.
    fn read_reported(
        &mut self,
        reader: &PageReader<'_>,
        walked: &Walked,
        reported: &HashSet<String>,
    ) -> Vec<PageResult> {
        let md_files = &walked.md_files;
        let files = &self.files;
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
                taken.unwrap_or_else(|| match reread(reader, file, rel) {
                    Ok(entry) => {
                        let page = entry.page.clone();
                        self.files.insert(rel.clone(), entry);
                        page
                    }
                    Err(page) => {
                        self.files.remove(rel.as_str());
                        page
                    }
                })
            })
            .collect()
    }

    /// Every file checked: those whose size or time changed are read again.
    fn read_changed(&mut self, reader: &PageReader<'_>, walked: &Walked) -> Vec<PageResult> {
        let md_files = &walked.md_files;
        let mut previous = std::mem::take(&mut self.files);
        // `None`: unchanged since the cached parse.
        let fresh: Vec<Option<Result<Parsed, PageResult>>> = md_files
            .par_iter()
            .map(|(file, rel)| {
                let unchanged = previous
                    .get(rel.as_str())
                    .is_some_and(|p| std::fs::metadata(file).is_ok_and(|m| p.still_valid(&m)));
                (!unchanged).then(|| reread(reader, file, rel))
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
        self.files = files;
        results
    }
}

/// Reads a file again; `Err` when its size and time cannot be kept with the parse.
fn reread(reader: &PageReader<'_>, file: &Path, rel: &str) -> Result<Parsed, PageResult> {
    let meta = std::fs::metadata(file).ok();
    let read_at = SystemTime::now();
    let page = reader.read(file, rel);
    match meta.as_ref().and_then(|m| Some((m.len(), m.modified().ok()?))) {
        Some((len, modified)) => Ok(Parsed { len, modified, read_at, page }),
        // No metadata (the file went away meanwhile, or this file system keeps no
        // modification times): nothing to keep.
        None => Err(page),
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
