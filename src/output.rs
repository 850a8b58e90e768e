//! Writing the site. Rendered files stream into a [`Sink`]; the disk [`Writer`] stages them
//! beside the output folder and makes them visible only when the whole build succeeded. The
//! only module that deletes anything, and only what its own manifest says it wrote.
//!
//! Two ways to commit:
//! - **Fresh**: no previous output. Every file goes into a staging folder, which is renamed
//!   into place.
//! - **Incremental**: the previous output carries a manifest (path, size and hash of every
//!   file, written after them). A file whose hash and size match and which is not newer than
//!   the manifest is unchanged and not written again; changed ones are staged. The
//!   commit point is a journal renamed into the output folder; applying it renames the staged
//!   files into place and removes files the new build no longer has. A build interrupted after
//!   the commit point is rolled forward by the next one; before it, the output is untouched.

use crate::diag::{Diagnostic, Location};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

/// Marker and manifest file: says a folder is capbrief's output and lists what it wrote.
pub const MARKER: &str = ".capbrief-output";
const MARKER_HEADER: &str = "# capbrief output manifest: this folder is written by `capbrief build`.";
/// The manifest line of a build made with `--drafts`: such a folder must never be published.
const DRAFTS_LINE: &str = "# drafts: this build includes drafts; it is a preview, not for publishing.";
const JOURNAL: &str = ".capbrief-journal";

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path below the output folder, `/`-separated, never starting with `/`.
    pub path: String,
    /// What to write.
    pub body: OutputBody,
}

/// The content of an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputBody {
    /// Rendered bytes, shared: the preview server keeps them from one build to the next.
    Bytes(std::sync::Arc<Vec<u8>>),
    /// A file copied from the site folder.
    Copy(PathBuf),
}

impl OutputFile {
    /// A rendered text file.
    pub fn text(path: impl Into<String>, text: String) -> Self {
        OutputFile { path: path.into(), body: OutputBody::Bytes(std::sync::Arc::new(text.into_bytes())) }
    }

    /// The bytes of the file (reads a copied file).
    pub fn bytes(&self) -> io::Result<std::borrow::Cow<'_, [u8]>> {
        match &self.body {
            OutputBody::Bytes(b) => Ok(std::borrow::Cow::Borrowed(b.as_slice())),
            OutputBody::Copy(src) => fs::read(src).map(std::borrow::Cow::Owned),
        }
    }
}

/// Where rendering puts each file as soon as it is made, so a build never holds every page
/// in memory at once. Called from many threads.
pub trait Sink: Sync {
    /// Accepts one output file.
    fn emit(&self, file: OutputFile) -> Result<(), Diagnostic>;
}

/// Collects files in memory (preview server, checks, tests).
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<Vec<OutputFile>>,
}

impl Memory {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        // Paths are unique (colliding ones fail the build), so no order is left to keep.
        files.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Memory {
    fn emit(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}

/// Checks that `out` may be written (and later replaced) by capbrief.
pub fn check_target(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let refuse = |why: String| {
        Err(Diagnostic::error(
            Some(Location::file(out)),
            format!("refusing to use this output folder: {why}"),
        )
        .with_help(
            "choose an empty or new folder with --output; capbrief never deletes what it did not make",
        ))
    };
    let abs = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (root_abs, out_abs) = (abs(root), abs(out));
    if out_abs == root_abs {
        return refuse("it is the site folder itself".into());
    }
    if root_abs.starts_with(&out_abs) {
        return refuse("it contains the site folder".into());
    }
    if out.join("content").exists() || out.join("config.yaml").exists() {
        return refuse("it holds content/ or config.yaml, so it looks like a site, not a build".into());
    }
    if fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        return refuse("it is a symbolic link".into());
    }
    if out.exists() {
        if !out.is_dir() {
            return refuse("it exists and is not a folder".into());
        }
        let non_empty = fs::read_dir(out).map(|mut d| d.next().is_some()).unwrap_or(true);
        if non_empty && !out.join(MARKER).is_file() {
            return refuse(format!("it is not empty and has no `{MARKER}` marker from an earlier build"));
        }
    }
    Ok(())
}

/// What a commit did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written (new or changed).
    pub written: usize,
    /// Files left as they were because their bytes did not change.
    pub unchanged: usize,
    /// Files removed because the site no longer has them.
    pub removed: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    hash: u128,
    size: u64,
}

/// The previous build as its manifest describes it.
struct Previous {
    entries: HashMap<String, Entry>,
    /// Whether that build included drafts.
    drafts: bool,
    /// When the manifest was written: a file modified later was changed by someone else.
    written_ns: u128,
}

/// Stages a build beside the output folder; see the module documentation.
pub struct Writer {
    out: PathBuf,
    staging: PathBuf,
    /// The previous build's manifest, when committing incrementally.
    previous: Option<Previous>,
    /// Every file of this build: path → (entry, staged?).
    entries: Mutex<BTreeMap<String, (Entry, bool)>>,
    /// Whether this build includes drafts (recorded in the manifest).
    drafts: bool,
}

impl Writer {
    /// Prepares to write into `out`: checks it, finishes an interrupted commit, clears stale
    /// staging folders, and reads the previous manifest.
    pub fn begin(root: &Path, out: &Path) -> Result<Writer, Diagnostic> {
        check_target(root, out)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| io_error(&parent, "create the folder", &e))?;
        if out.join(JOURNAL).is_file() {
            roll_forward(out)?;
        }
        let name =
            out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        remove_stale_siblings(&parent, &name);
        let staging = parent.join(format!(".{name}.capbrief-staging-{}", std::process::id()));
        if staging.exists() {
            let _ = fs::remove_dir_all(&staging);
        }
        fs::create_dir_all(&staging).map_err(|e| io_error(&staging, "create the staging folder", &e))?;
        let previous = if out.is_dir() { read_manifest(&out.join(MARKER)) } else { None };
        Ok(Writer {
            out: out.to_path_buf(),
            staging,
            previous,
            entries: Mutex::new(BTreeMap::new()),
            drafts: false,
        })
    }

    /// Records in the manifest that this build includes drafts, so `capbrief deploy` (and
    /// anyone reading the folder) can tell a preview from a site to publish.
    pub fn record_drafts(&mut self, drafts: bool) {
        self.drafts = drafts;
    }

    /// Removes the staging folder; the output stays as it was.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }

    /// Makes the build visible: the commit point. On error the output is as it was.
    pub fn commit(self) -> Result<WriteStats, Diagnostic> {
        let result = self.commit_inner();
        let _ = fs::remove_dir_all(&self.staging);
        result
    }

    fn commit_inner(&self) -> Result<WriteStats, Diagnostic> {
        let entries = std::mem::take(&mut *self.entries.lock().unwrap_or_else(|e| e.into_inner()));
        let staged: Vec<&String> = entries.iter().filter(|(_, (_, s))| *s).map(|(p, _)| p).collect();
        let mut stats =
            WriteStats { written: staged.len(), unchanged: entries.len() - staged.len(), removed: 0 };
        let Some(previous) = &self.previous else {
            // Fresh: the staging folder becomes the output.
            write_manifest(&self.staging.join(MARKER), &entries, self.drafts)?;
            if self.out.exists() {
                // An output from a build without a manifest: move it aside, then delete it.
                let old = self.staging.with_extension("old");
                fs::rename(&self.out, &old)
                    .map_err(|e| io_error(&self.out, "move the previous build aside from", &e))?;
                if let Err(e) = fs::rename(&self.staging, &self.out) {
                    let _ = fs::rename(&old, &self.out);
                    return Err(io_error(&self.out, "move the new build into", &e));
                }
                if old.join(MARKER).is_file() {
                    let _ = fs::remove_dir_all(&old);
                }
                return Ok(stats);
            }
            fs::rename(&self.staging, &self.out)
                .map_err(|e| io_error(&self.out, "move the new build into", &e))?;
            return Ok(stats);
        };
        let stale: Vec<&String> = previous.entries.keys().filter(|p| !entries.contains_key(*p)).collect();
        stats.removed = stale.len();
        if staged.is_empty() && stale.is_empty() {
            if previous.drafts != self.drafts {
                write_manifest(&self.out.join(MARKER), &entries, self.drafts)?;
            }
            return Ok(stats);
        }
        // The journal is the commit point: once it is in the output folder the build is
        // committed and will be completed even if this process dies.
        let mut journal = format!("staging {}\n", self.staging.display());
        for p in &staged {
            journal.push_str(&format!("move {p}\n"));
        }
        for p in &stale {
            journal.push_str(&format!("remove {p}\n"));
        }
        let journal_tmp = self.staging.join(JOURNAL);
        fs::write(&journal_tmp, journal).map_err(|e| io_error(&journal_tmp, "write", &e))?;
        fs::rename(&journal_tmp, self.out.join(JOURNAL))
            .map_err(|e| io_error(&self.out, "commit the build into", &e))?;
        roll_forward(&self.out)?;
        // Written last, so every file of this build is older than it.
        write_manifest(&self.out.join(MARKER), &entries, self.drafts)?;
        Ok(stats)
    }

    fn stage(&self, file: &OutputFile, bytes: &[u8]) -> Result<(), Diagnostic> {
        let dest = self.staging.join(&file.path);
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(|e| io_error(dir, "create the folder", &e))?;
        }
        fs::write(&dest, bytes).map_err(|e| io_error(&dest, "write", &e))
    }
}

impl Sink for Writer {
    fn emit(&self, file: OutputFile) -> Result<(), Diagnostic> {
        let bytes = file.bytes().map_err(|e| io_error(Path::new(&file.path), "read", &e))?;
        let hash = xxhash_rust::xxh3::xxh3_128(&bytes);
        let size = bytes.len() as u64;
        let unchanged = self.previous.as_ref().is_some_and(|prev| {
            prev.entries.get(&file.path).is_some_and(|old| {
                old.hash == hash
                    && old.size == size
                    && fs::symlink_metadata(self.out.join(&file.path))
                        .is_ok_and(|m| m.is_file() && m.len() == size && mtime_ns(&m) <= prev.written_ns)
            })
        });
        if !unchanged {
            self.stage(&file, &bytes)?;
        }
        let entry = Entry { hash, size };
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).insert(file.path, (entry, !unchanged));
        Ok(())
    }
}

fn mtime_ns(m: &fs::Metadata) -> u128 {
    m.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos())
}

/// Writes the manifest of `entries`: deterministic, so two builds of the same input leave
/// byte-identical output folders.
fn write_manifest(
    path: &Path,
    entries: &BTreeMap<String, (Entry, bool)>,
    drafts: bool,
) -> Result<(), Diagnostic> {
    let mut text = String::with_capacity(entries.len() * 80 + 160);
    text.push_str(MARKER_HEADER);
    text.push('\n');
    if drafts {
        text.push_str(DRAFTS_LINE);
        text.push('\n');
    }
    for (p, (e, _)) in entries {
        text.push_str(&format!("{:032x} {} {}\n", e.hash, e.size, p));
    }
    let tmp = path.with_extension("tmp");
    fs::write(&tmp, text).map_err(|e| io_error(&tmp, "write", &e))?;
    fs::rename(&tmp, path).map_err(|e| io_error(path, "write", &e))
}

fn read_manifest(path: &Path) -> Option<Previous> {
    let written_ns = fs::metadata(path).ok().map(|m| mtime_ns(&m))?;
    let text = fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    if lines.next()? != MARKER_HEADER {
        return None;
    }
    let mut entries = HashMap::new();
    let mut drafts = false;
    for line in lines {
        if line == DRAFTS_LINE {
            drafts = true;
            continue;
        }
        let mut parts = line.splitn(3, ' ');
        let hash = u128::from_str_radix(parts.next()?, 16).ok()?;
        let size = parts.next()?.parse().ok()?;
        let p = parts.next()?;
        if crate::paths::check_output_path(p).is_err() {
            return None;
        }
        entries.insert(p.to_string(), Entry { hash, size });
    }
    Some(Previous { entries, drafts, written_ns })
}

/// What the manifest of the output folder `out` says about drafts: `Some(true)` for a build
/// made with `--drafts`, `Some(false)` for one without, `None` when `out` holds no readable
/// capbrief manifest (not a capbrief build).
pub fn built_with_drafts(out: &Path) -> Option<bool> {
    read_manifest(&out.join(MARKER)).map(|p| p.drafts)
}

/// Completes a committed build from its journal: moves staged files into place and removes
/// files the build no longer has.
fn roll_forward(out: &Path) -> Result<(), Diagnostic> {
    let journal_path = out.join(JOURNAL);
    let journal = fs::read_to_string(&journal_path).map_err(|e| io_error(&journal_path, "read", &e))?;
    let mut staging: Option<PathBuf> = None;
    let mut removed_dirs: Vec<PathBuf> = Vec::new();
    for line in journal.lines() {
        let Some((op, arg)) = line.split_once(' ') else { continue };
        match op {
            "staging" => staging = Some(PathBuf::from(arg)),
            "move" | "remove" if crate::paths::check_output_path(arg).is_err() => continue,
            "move" => {
                let Some(st) = &staging else { continue };
                let (src, dest) = (st.join(arg), out.join(arg));
                if !src.exists() {
                    continue; // moved before an interruption
                }
                if let Some(dir) = dest.parent() {
                    fs::create_dir_all(dir).map_err(|e| io_error(dir, "create the folder", &e))?;
                }
                fs::rename(&src, &dest).map_err(|e| io_error(&dest, "move into place", &e))?;
            }
            "remove" => {
                let dest = out.join(arg);
                if fs::symlink_metadata(&dest).is_ok_and(|m| m.is_file()) {
                    fs::remove_file(&dest).map_err(|e| io_error(&dest, "remove", &e))?;
                }
                if let Some(dir) = dest.parent() {
                    removed_dirs.push(dir.to_path_buf());
                }
            }
            _ => {}
        }
    }
    // Folders emptied by removals go too, deepest first; never the output folder itself.
    removed_dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    removed_dirs.dedup();
    for mut dir in removed_dirs {
        while dir.starts_with(out) && dir != out && fs::remove_dir(&dir).is_ok() {
            match dir.parent() {
                Some(p) => dir = p.to_path_buf(),
                None => break,
            }
        }
    }
    fs::remove_file(&journal_path).map_err(|e| io_error(&journal_path, "remove", &e))?;
    Ok(())
}

/// Removes staging folders left by builds that were killed.
fn remove_stale_siblings(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    let prefix = format!(".{name}.capbrief-staging-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if !(is_dir && file_name.starts_with(&prefix)) {
            continue;
        }
        let pid = file_name[prefix.len()..].split('.').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|p| p != std::process::id() && Path::new(&format!("/proc/{p}")).exists()) {
            continue; // another build is running right now
        }
        let _ = fs::remove_dir_all(entry.path());
    }
}

fn io_error(path: &Path, what: &str, e: &io::Error) -> Diagnostic {
    let help = match e.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            "the folder cannot be written: check its permissions, or pick another with --output"
        }
        io::ErrorKind::StorageFull => "the disk is full; free some space and build again",
        _ => "the previous output, if any, was left as it was",
    };
    Diagnostic::error(Some(Location::file(path)), format!("cannot {what} `{}`: {e}", path.display()))
        .with_help(help)
}

/// Writes `files` into `out` in one step (fresh or incremental), for callers that already
/// hold every file in memory.
pub fn commit(files: Vec<OutputFile>, root: &Path, out: &Path) -> Result<WriteStats, Diagnostic> {
    let writer = Writer::begin(root, out)?;
    for f in files {
        if let Err(d) = writer.emit(f) {
            writer.abort();
            return Err(d);
        }
    }
    writer.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<OutputFile> {
        list.iter().map(|(p, t)| OutputFile::text(*p, t.to_string())).collect()
    }

    #[test]
    fn refuses_foreign_non_empty_folder_and_site_root() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("precious.txt"), "x").unwrap();
        assert!(check_target(dir.path(), &out).is_err());
        assert!(check_target(dir.path(), dir.path()).is_err());
        let err = commit(files(&[("index.html", "hi")]), dir.path(), &out).unwrap_err();
        assert!(err.message.contains("marker"), "{}", err.message);
        assert_eq!(fs::read_to_string(out.join("precious.txt")).unwrap(), "x");
    }

    #[test]
    fn incremental_commit_writes_only_changes_and_removes_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = commit(files(&[("a/index.html", "one"), ("b/index.html", "two")]), dir.path(), &out).unwrap();
        assert_eq!(s, WriteStats { written: 2, unchanged: 0, removed: 0 });
        let s =
            commit(files(&[("b/index.html", "two"), ("c/index.html", "three")]), dir.path(), &out).unwrap();
        assert_eq!(s, WriteStats { written: 1, unchanged: 1, removed: 1 });
        assert!(!out.join("a").exists(), "stale file and its emptied folder are removed");
        assert_eq!(fs::read_to_string(out.join("c/index.html")).unwrap(), "three");
        let s =
            commit(files(&[("b/index.html", "two"), ("c/index.html", "three")]), dir.path(), &out).unwrap();
        assert_eq!(s, WriteStats { written: 0, unchanged: 2, removed: 0 });
        // A file changed by hand in the output is rewritten, not trusted.
        fs::write(out.join("b/index.html"), "tampered").unwrap();
        let s =
            commit(files(&[("b/index.html", "two"), ("c/index.html", "three")]), dir.path(), &out).unwrap();
        assert_eq!(s.written, 1);
        assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "two");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers.len(), 1, "no staging folder left: {leftovers:?}");
    }

    #[test]
    fn the_manifest_records_a_drafts_build_and_a_later_build_clears_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("preview");
        assert_eq!(built_with_drafts(&out), None);
        let commit_with = |drafts: bool| {
            let mut w = Writer::begin(dir.path(), &out).unwrap();
            w.record_drafts(drafts);
            w.emit(OutputFile::text("index.html", "same".into())).unwrap();
            w.commit().unwrap()
        };
        commit_with(true);
        assert_eq!(built_with_drafts(&out), Some(true));
        // Same files, no drafts: nothing is rewritten, but the manifest no longer says drafts.
        let s = commit_with(false);
        assert_eq!(s.written, 0);
        assert_eq!(built_with_drafts(&out), Some(false));
        commit_with(true);
        assert_eq!(built_with_drafts(&out), Some(true));
        // The flag does not cost the incremental commit its manifest.
        assert_eq!(commit_with(true).unchanged, 1);
    }

    #[test]
    fn aborted_build_leaves_output_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        commit(files(&[("a/index.html", "one")]), dir.path(), &out).unwrap();
        let w = Writer::begin(dir.path(), &out).unwrap();
        w.emit(OutputFile::text("a/index.html", "changed".into())).unwrap();
        w.abort();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
    }

    #[test]
    fn a_committed_journal_is_rolled_forward() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        commit(files(&[("a/index.html", "one"), ("old/index.html", "x")]), dir.path(), &out).unwrap();
        // Simulate a build that died right after its commit point.
        let staging = dir.path().join("stage-x");
        fs::create_dir_all(staging.join("a")).unwrap();
        fs::write(staging.join("a/index.html"), "two").unwrap();
        fs::write(
            out.join(JOURNAL),
            format!("staging {}\nmove a/index.html\nremove old/index.html\n", staging.display()),
        )
        .unwrap();
        let w = Writer::begin(dir.path(), &out).unwrap();
        w.abort();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("old").exists());
        assert!(!out.join(JOURNAL).exists());
    }
}
