//! Watching the site folder: file-system events filtered to what the build reads
//! (`config.yaml`, `content/`, `templates/`, `static/`, `i18n/`), editor temporary files dropped, and
//! bursts of saves folded into one [`Change`].

use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The folders below the site root whose files feed the build.
const WATCHED_DIRS: [&str; 4] = ["content", "templates", "static", crate::i18n::SITE_STRINGS_DIR];
/// A burst ends after this much quiet. Editors save through a temp file and a rename, a few
/// milliseconds apart; `git checkout` touches many files in a row.
const QUIET: Duration = Duration::from_millis(20);
/// The quiet that ends a burst once every file it wrote is known to be complete (closed
/// after writing, renamed into place, or removed; Linux reports these): what may still
/// follow is the tail of the same save (permissions restored, a backup removed), which comes
/// within a millisecond or two.
const SETTLED_QUIET: Duration = Duration::from_millis(5);
/// A burst that never goes quiet is cut here, so the preview still follows.
const MAX_WAIT: Duration = Duration::from_millis(1000);

/// What kind of source a changed file is; decides how much must be redone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ChangeKind {
    /// `config.yaml`.
    Config,
    /// A template.
    Templates,
    /// A file of UI strings (`i18n/<lang>.yaml`).
    Strings,
    /// A Markdown page or a file beside it.
    Content,
    /// A stylesheet in `static/`.
    Stylesheet,
    /// Any other file in `static/`.
    Static,
}

/// One debounced burst of changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Change {
    /// Changed files, relative to the site root, with their kind.
    pub(crate) files: BTreeSet<(ChangeKind, PathBuf)>,
    /// Events were lost (the watcher's queue overflowed, or it reported an error): files
    /// may have changed that are not in `files`.
    pub(crate) lost_events: bool,
}

impl Change {
    /// Whether only stylesheets changed (tabs can swap styles without reloading).
    pub(crate) fn stylesheets_only(&self) -> bool {
        !self.lost_events && self.files.iter().all(|(k, _)| *k == ChangeKind::Stylesheet)
    }

    /// One line for the terminal.
    pub(crate) fn summary(&self) -> String {
        let mut names: Vec<String> =
            self.files.iter().take(3).map(|(_, p)| p.display().to_string()).collect();
        if self.files.len() > 3 {
            names.push(format!("and {} more", self.files.len() - 3));
        }
        names.join(", ")
    }
}

/// Classifies a changed path (relative to the root); `None` for files the build never reads.
pub(crate) fn classify(rel: &Path) -> Option<ChangeKind> {
    let name = rel.file_name()?.to_str()?;
    if is_editor_scratch(name) {
        return None;
    }
    let mut parts = rel.components();
    let first = parts.next()?.as_os_str().to_str()?;
    let nested = parts.next().is_some();
    match first {
        "config.yaml" if !nested => Some(ChangeKind::Config),
        "templates" => Some(ChangeKind::Templates),
        // The folder itself too: files written into a new `i18n/` before it is watched are
        // read by the rebuild its creation starts.
        crate::i18n::SITE_STRINGS_DIR => Some(ChangeKind::Strings),
        "content" => Some(ChangeKind::Content),
        "static" if name.to_ascii_lowercase().ends_with(".css") => Some(ChangeKind::Stylesheet),
        "static" => Some(ChangeKind::Static),
        _ => None,
    }
}

/// Swap, backup and lock files that editors write next to the real one.
fn is_editor_scratch(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')                                     // .a.md.swp, .#a.md (Emacs lock), .DS_Store
        || name.ends_with('~')                                // vim/emacs backups
        || (name.starts_with('#') && name.ends_with('#'))     // Emacs autosave
        || name == "4913"                                     // vim's write test
        || [".swp", ".swo", ".swx", ".tmp", ".temp", ".crdownload", ".part"].iter().any(|e| lower.ends_with(e))
        || lower.contains(".sb-") // Sublime/BBEdit atomic save temp
}

/// Starts watching `root`; each burst of relevant changes is sent as one [`Change`]. The
/// returned watcher must be kept alive for as long as changes are wanted.
pub(crate) fn start(
    root: &Path,
    changes: Sender<Change>,
) -> notify::Result<Arc<Mutex<notify::RecommendedWatcher>>> {
    let (raw_tx, raw_rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let _ = raw_tx.send(res);
    })?;
    // The root itself only for config.yaml and folders that appear later.
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    let watcher = Arc::new(Mutex::new(watcher));
    let (root, shared) = (root.to_path_buf(), Arc::clone(&watcher));
    std::thread::spawn(move || debounce(&root, &raw_rx, &changes, &shared));
    Ok(watcher)
}

fn relevant(root: &Path, event: &notify::Event) -> Vec<(ChangeKind, PathBuf)> {
    if matches!(event.kind, EventKind::Access(_)) {
        return Vec::new();
    }
    event
        .paths
        .iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(root).ok()?;
            classify(rel).map(|k| (k, rel.to_path_buf()))
        })
        .collect()
}

/// Starts watching a source folder created after the server started (say, a new `templates/`).
fn watch_new_folders(root: &Path, event: &notify::Event, watcher: &Mutex<notify::RecommendedWatcher>) {
    if !matches!(event.kind, EventKind::Create(_)) {
        return;
    }
    for path in &event.paths {
        let is_source_dir = WATCHED_DIRS.iter().any(|d| *path == root.join(d)) && path.is_dir();
        if let (true, Ok(mut w)) = (is_source_dir, watcher.lock()) {
            let _ = w.watch(path, RecursiveMode::Recursive);
        }
    }
}

/// Which files of a burst are still being written, as far as the events tell.
#[derive(Debug, Default)]
struct Writes {
    /// Files created or written to and not yet closed, renamed or removed.
    open: BTreeSet<PathBuf>,
    /// Whether an event told that a write was complete.
    completed: bool,
}

impl Writes {
    /// Notes what `event` tells; only files `is_source` accepts are waited for (an editor
    /// keeps its swap file open while it edits).
    fn note(&mut self, event: &notify::Event, is_source: impl Fn(&Path) -> bool) {
        use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RenameMode};
        match event.kind {
            EventKind::Create(CreateKind::Folder) => {}
            EventKind::Create(_) | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any) => {
                self.open.extend(event.paths.iter().filter(|p| is_source(p)).cloned());
            }
            EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::From | RenameMode::To | RenameMode::Both))
            | EventKind::Remove(_) => {
                self.completed = true;
                for path in &event.paths {
                    self.open.remove(path);
                }
            }
            _ => {}
        }
    }

    /// How long to wait for the burst's next event: shorter once every write is complete.
    /// Where the platform reports no completed writes, every burst waits [`QUIET`].
    fn quiet(&self) -> Duration {
        if self.completed && self.open.is_empty() {
            SETTLED_QUIET
        } else {
            QUIET
        }
    }
}

fn debounce(
    root: &Path,
    raw: &mpsc::Receiver<notify::Result<notify::Event>>,
    changes: &Sender<Change>,
    watcher: &Mutex<notify::RecommendedWatcher>,
) {
    let mut change = Change::default();
    let add = |change: &mut Change, writes: &mut Writes, res: notify::Result<notify::Event>| match res {
        Ok(event) => {
            watch_new_folders(root, &event, watcher);
            change.lost_events |= event.need_rescan();
            change.files.extend(relevant(root, &event));
            writes.note(&event, |p| p.strip_prefix(root).is_ok_and(|rel| classify(rel).is_some()));
        }
        Err(_) => change.lost_events = true,
    };
    while let Ok(first) = raw.recv() {
        let mut writes = Writes::default();
        add(&mut change, &mut writes, first);
        if change.files.is_empty() && !change.lost_events {
            continue;
        }
        let started = Instant::now();
        loop {
            match raw.recv_timeout(writes.quiet()) {
                Ok(res) => add(&mut change, &mut writes, res),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if started.elapsed() > MAX_WAIT {
                break;
            }
        }
        if changes.send(std::mem::take(&mut change)).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_events_and_watcher_errors_are_told_to_the_build() {
        let root = std::env::temp_dir();
        let watcher = Mutex::new(notify::recommended_watcher(|_: notify::Result<notify::Event>| {}).unwrap());
        let (raw_tx, raw_rx) = mpsc::channel();
        let (tx, rx) = mpsc::channel();
        let debouncer = {
            let root = root.clone();
            std::thread::spawn(move || debounce(&root, &raw_rx, &tx, &watcher))
        };
        let next = || rx.recv_timeout(Duration::from_secs(5)).unwrap();
        let saved = notify::Event::new(EventKind::Modify(notify::event::ModifyKind::Any))
            .add_path(root.join("content/briefings/a.md"));
        raw_tx.send(Ok(saved)).unwrap();
        let change = next();
        assert!(!change.lost_events);
        assert_eq!(change.files.len(), 1);
        raw_tx.send(Err(notify::Error::generic("the event queue overflowed"))).unwrap();
        let change = next();
        assert!(change.lost_events && change.files.is_empty(), "{change:?}");
        let rescan = notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        raw_tx.send(Ok(rescan)).unwrap();
        assert!(next().lost_events);
        // Access events alone make no rebuild.
        let read = notify::Event::new(EventKind::Access(notify::event::AccessKind::Any))
            .add_path(root.join("content/briefings/a.md"));
        raw_tx.send(Ok(read)).unwrap();
        drop(raw_tx);
        debouncer.join().unwrap();
        assert!(rx.try_recv().is_err());
    }

    #[test]
    fn a_burst_waits_less_once_every_write_in_it_is_complete() {
        use notify::event::{
            AccessKind, AccessMode, CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode,
        };
        let event =
            |kind, paths: &[&str]| paths.iter().fold(notify::Event::new(kind), |e, p| e.add_path(p.into()));
        let written = |p| event(EventKind::Modify(ModifyKind::Data(DataChange::Any)), &[p]);
        let closed = |p| event(EventKind::Access(AccessKind::Close(AccessMode::Write)), &[p]);
        let quiet_after = |events: &[notify::Event]| {
            let mut writes = Writes::default();
            events.iter().for_each(|e| writes.note(e, |p| !p.ends_with(".a.md.swp")));
            writes.quiet()
        };
        // Written in place and closed.
        assert_eq!(quiet_after(&[written("a.md"), written("a.md"), closed("a.md")]), SETTLED_QUIET);
        // Still open, or on a platform that reports no closed files.
        assert_eq!(quiet_after(&[written("a.md")]), QUIET);
        assert_eq!(quiet_after(&[written("a.md"), closed("b.md")]), QUIET);
        assert_eq!(quiet_after(&[event(EventKind::Create(CreateKind::File), &["a.md"])]), QUIET);
        // Written to a temporary file, closed, and renamed over the real one.
        let rename = event(EventKind::Modify(ModifyKind::Name(RenameMode::Both)), &["a.md.x1", "a.md"]);
        let create = event(EventKind::Create(CreateKind::File), &["a.md.x1"]);
        assert_eq!(quiet_after(&[create, written("a.md.x1"), rename]), SETTLED_QUIET);
        // Written elsewhere and moved in.
        let moved_in = event(EventKind::Modify(ModifyKind::Name(RenameMode::To)), &["a.md"]);
        assert_eq!(quiet_after(&[moved_in]), SETTLED_QUIET);
        // A new folder is not a file being written; a removed file is done with.
        let folder = event(EventKind::Create(CreateKind::Folder), &["new"]);
        let removed = event(EventKind::Remove(RemoveKind::File), &["a.md"]);
        assert_eq!(quiet_after(&[folder, written("a.md"), removed]), SETTLED_QUIET);
        // A swap file the editor keeps open is not waited for.
        assert_eq!(quiet_after(&[written(".a.md.swp"), written("a.md"), closed("a.md")]), SETTLED_QUIET);
        // Permissions restored after the write change nothing.
        let chmod =
            event(EventKind::Modify(ModifyKind::Metadata(notify::event::MetadataKind::Any)), &["a.md"]);
        assert_eq!(quiet_after(&[written("a.md"), closed("a.md"), chmod]), SETTLED_QUIET);
    }

    #[test]
    fn classifies_sources_and_drops_scratch_files() {
        let k = |p: &str| classify(Path::new(p));
        assert_eq!(k("config.yaml"), Some(ChangeKind::Config));
        assert_eq!(k("content/briefings/a.md"), Some(ChangeKind::Content));
        assert_eq!(k("templates/page.html"), Some(ChangeKind::Templates));
        assert_eq!(k("i18n/en.yaml"), Some(ChangeKind::Strings));
        assert_eq!(k("i18n"), Some(ChangeKind::Strings));
        assert_eq!(k("static/style.css"), Some(ChangeKind::Stylesheet));
        assert_eq!(k("static/logo.svg"), Some(ChangeKind::Static));
        for scratch in [
            "content/.a.md.swp",
            "content/a.md~",
            "content/#a.md#",
            "content/.#a.md",
            "content/4913",
            "content/a.md.tmp",
            "public/index.html",
            "notes.txt",
            "sub/config.yaml",
        ] {
            assert_eq!(k(scratch), None, "{scratch}");
        }
    }

    #[test]
    fn css_only_bursts_are_told_apart() {
        let c = |files: &[(ChangeKind, &str)]| Change {
            files: files.iter().map(|(k, p)| (*k, PathBuf::from(p))).collect(),
            lost_events: false,
        };
        assert!(c(&[(ChangeKind::Stylesheet, "static/a.css")]).stylesheets_only());
        let lost = Change { lost_events: true, ..c(&[(ChangeKind::Stylesheet, "static/a.css")]) };
        assert!(!lost.stylesheets_only(), "after lost events anything may have changed");
        assert!(!c(&[(ChangeKind::Stylesheet, "static/a.css"), (ChangeKind::Content, "content/a.md")])
            .stylesheets_only());
    }
}
