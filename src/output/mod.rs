//! Writing the site. Rendered files stream into a [`Sink`]; the disk [`Writer`] assembles a
//! complete build in capbrief's work folder beside the output and makes it visible in one
//! step, so a reader of the output folder finds the whole previous site or the whole new
//! one, even when the build is killed outright. The only module that deletes anything.
//!
//! Where a build is assembled:
//! - **The spare**: the build before the last, kept in the work folder (`work.rs`) with its
//!   sealed manifest. A build updates it: files whose bytes it already holds stay, changed
//!   ones are written, ones the site no longer has are removed. The spare's seal is removed
//!   before the first change, so a spare a killed build left half-updated is never believed.
//! - **A staging folder**, when there is no spare to trust: files unchanged since the output
//!   (by its sealed manifest) are hard-linked from it, the others written.
//!
//! The finished folder gets its manifest and seal and is swapped with the output folder
//! (`Work::swap_in`); the previous output becomes the spare. A build whose files all match
//! the output (and whose output files are intact) swaps nothing.
//!
//! The output and the spare are data capbrief wrote, and untrusted: a manifest is believed
//! only under a seal made with the work folder's key (`manifest.rs`), a file only if it is
//! a regular file not modified since the seal, and no operation follows a symbolic link
//! (`tree.rs`). A `.capbrief-journal` (written by earlier versions) is never acted on.

mod manifest;
mod tree;
mod work;

use crate::diag::{Diagnostic, Location};
use manifest::Manifest;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use tree::RealDirs;
use work::{Role, Work};

pub use manifest::MARKER;

/// What earlier versions renamed into the output as their commit point; a build that finds
/// one stops rather than acting on a file anyone could have put there.
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
    /// Files found in the output that capbrief did not write (added by hand), moved into the
    /// work folder's `set-aside/` rather than published again or deleted.
    pub set_aside: usize,
    /// The previous output had no seal this work folder could verify (written by an earlier
    /// version, copied, or checked out), so nothing in it was known to be capbrief's: it was
    /// moved whole into `set-aside/` instead of being kept as the spare or deleted.
    pub previous_set_aside: bool,
}

/// Where files found in an output folder that capbrief did not write are moved (in
/// [`work_dir`]).
pub const SET_ASIDE: &str = "set-aside";

/// capbrief's work folder for the output folder `out` (`.public.capbrief` beside `public`).
pub fn work_dir(out: &Path) -> PathBuf {
    work::dir_of(out)
}

/// One file as a manifest records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) hash: u128,
    pub(crate) size: u64,
}

/// Where this build is assembled.
enum Base {
    /// The spare, updated in place; its manifest says what it holds.
    Spare(Manifest),
    /// A new staging folder.
    Staging,
}

/// One file of this build.
#[derive(Debug, Clone, Copy)]
struct Placed {
    entry: Entry,
    /// Written into the base folder by this build (else kept or linked).
    written: bool,
}

/// Assembles a build in the work folder and swaps it in; see the module documentation.
pub struct Writer {
    out: PathBuf,
    work: Work,
    /// The output's manifest, when its seal verifies.
    live: Option<Manifest>,
    base: Base,
    /// The folder the build is assembled in.
    base_dir: PathBuf,
    /// Every file of this build.
    entries: Mutex<BTreeMap<String, Placed>>,
    /// The spare's seal was removed: it is being changed. A lock, not a flag: no thread
    /// changes the spare before the seal is gone.
    spare_opened: Mutex<bool>,
    /// A write failed: the base folder may hold a partial file its manifest would not list.
    write_failed: AtomicBool,
    dirs: RealDirs,
    /// Whether this build includes drafts (recorded in the manifest).
    drafts: bool,
}

impl Writer {
    /// Prepares to write into `out`: checks it, takes the work folder's lock, and picks the
    /// folder to assemble the build in.
    pub fn begin(root: &Path, out: &Path) -> Result<Writer, Diagnostic> {
        check_target(root, out)?;
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, "create the folder", &e))?;
        }
        let work = Work::open(out)?;
        check_no_journal(out)?;
        work.recover(out)?;
        remove_stale_siblings(out);
        let spare_dir = work.path(work::SPARE);
        let staging_dir = work.path(work::STAGING);
        // The seals are matched to folders by what verifies, so a process killed between
        // the swap and renaming the seals loses nothing.
        let seals: Vec<String> =
            [Role::Live, Role::Next, Role::Spare].iter().filter_map(|&r| work.seal(r)).collect();
        let sealed = |dir: &Path, skip: Option<usize>| {
            seals
                .iter()
                .enumerate()
                .filter(|(i, _)| Some(*i) != skip)
                .find_map(|(i, seal)| manifest::verify(&work.key, dir, seal).map(|m| (i, m)))
        };
        let live = if fs::symlink_metadata(out).is_ok_and(|m| m.is_dir()) { sealed(out, None) } else { None };
        let spare = if fs::symlink_metadata(&spare_dir).is_ok_and(|m| m.is_dir()) {
            sealed(&spare_dir, live.as_ref().map(|(i, _)| *i))
        } else {
            None
        };
        work.set_seal(Role::Live, live.as_ref().map(|(i, _)| seals[*i].as_str()))?;
        work.set_seal(Role::Spare, spare.as_ref().map(|(i, _)| seals[*i].as_str()))?;
        work.set_seal(Role::Next, None)?;
        let live = live.map(|(_, m)| m);
        let remove = |dir: &Path| tree::remove_any(dir).map_err(|e| io_error(dir, "remove", &e));
        let mut dirs = RealDirs::default();
        let (base, base_dir) = match spare {
            Some((_, manifest)) => {
                remove(&staging_dir)?;
                // A folder of the spare changed after its seal holds what someone added to
                // the output by hand before it became the spare.
                dirs = RealDirs::watching(&spare_dir, manifest.written_ns);
                (Base::Spare(manifest), spare_dir)
            }
            None => {
                // An unsealed spare is what a killed build left, or not ours: not believed.
                remove(&spare_dir)?;
                remove(&staging_dir)?;
                fs::create_dir(&staging_dir).map_err(|e| io_error(&staging_dir, "create the folder", &e))?;
                (Base::Staging, staging_dir)
            }
        };
        Ok(Writer {
            out: out.to_path_buf(),
            work,
            live,
            base,
            base_dir,
            entries: Mutex::new(BTreeMap::new()),
            spare_opened: Mutex::new(false),
            write_failed: AtomicBool::new(false),
            dirs,
            drafts: false,
        })
    }

    /// Records in the manifest that this build includes drafts, so `capbrief deploy` (and
    /// anyone reading the folder) can tell a preview from a site to publish.
    pub fn record_drafts(&mut self, drafts: bool) {
        self.drafts = drafts;
    }

    /// Stops the build; the output stays as it was. What was assembled is kept, sealed, as
    /// the spare for the next build.
    pub fn abort(self) {
        if self.write_failed.load(Ordering::SeqCst) {
            // It may hold a partial file: not kept (and a full disk gets its space back).
            let _ = tree::remove_any(&self.base_dir);
            return;
        }
        let entries = std::mem::take(&mut *self.entries.lock().unwrap_or_else(|e| e.into_inner()));
        // What the folder holds now: what it held, and what this build wrote into it.
        let mut holds: BTreeMap<String, Entry> = match &self.base {
            Base::Spare(m) => m.entries.iter().map(|(p, e)| (p.clone(), *e)).collect(),
            Base::Staging => BTreeMap::new(),
        };
        for (p, placed) in entries {
            if placed.written || matches!(self.base, Base::Staging) {
                holds.insert(p, placed.entry);
            }
        }
        let spare_dir = self.work.path(work::SPARE);
        let kept = manifest::write(&self.work.key, &self.base_dir, &holds, false).and_then(|seal| {
            if self.base_dir != spare_dir {
                fs::rename(&self.base_dir, &spare_dir).map_err(|e| io_error(&spare_dir, "keep", &e))?;
            }
            self.work.set_seal(Role::Spare, Some(&seal))
        });
        if kept.is_err() {
            let _ = tree::remove_any(&self.base_dir);
        }
    }

    /// Makes the build visible: the commit point. On error the output is as it was.
    pub fn commit(self) -> Result<WriteStats, Diagnostic> {
        let entries = std::mem::take(&mut *self.entries.lock().unwrap_or_else(|e| e.into_inner()));
        let entries: BTreeMap<String, Entry> =
            entries.into_iter().map(|(p, placed)| (p, placed.entry)).collect();
        if let Base::Spare(spare) = &self.base {
            let stale: Vec<&String> = spare.entries.keys().filter(|p| !entries.contains_key(*p)).collect();
            if !stale.is_empty() {
                self.open_spare()?;
                tree::remove_files(&self.dirs, &self.base_dir, stale.into_iter())
                    .map_err(|e| io_error(&self.base_dir, "remove old files from", &e))?;
            }
        }
        let mut stats = WriteStats { set_aside: self.set_aside_foreign(&entries)?, ..WriteStats::default() };
        match &self.live {
            Some(live) => {
                for (p, e) in &entries {
                    if live.entries.get(p) == Some(e) {
                        stats.unchanged += 1;
                    } else {
                        stats.written += 1;
                    }
                }
                stats.removed = live.entries.keys().filter(|p| !entries.contains_key(*p)).count();
            }
            None => stats.written = entries.len(),
        }
        let same_as_live = self
            .live
            .as_ref()
            .is_some_and(|live| stats.written == 0 && stats.removed == 0 && live.drafts == self.drafts);
        if same_as_live {
            // Nothing to publish, unless someone changed files in the output by hand.
            let tampered = self.tampered_live_files(&entries);
            if tampered == 0 {
                let untouched = match &self.base {
                    Base::Spare(m) => {
                        !*self.spare_opened.lock().unwrap_or_else(|e| e.into_inner())
                            && m.drafts == self.drafts
                            && m.entries.len() == entries.len()
                            && entries.iter().all(|(p, e)| m.entries.get(p) == Some(e))
                    }
                    Base::Staging => false,
                };
                if !untouched {
                    let seal = manifest::write(&self.work.key, &self.base_dir, &entries, self.drafts)?;
                    let spare_dir = self.work.path(work::SPARE);
                    if self.base_dir != spare_dir {
                        fs::rename(&self.base_dir, &spare_dir)
                            .map_err(|e| io_error(&spare_dir, "keep", &e))?;
                    }
                    self.work.set_seal(Role::Spare, Some(&seal))?;
                }
                return Ok(stats);
            }
            stats.written = tampered;
            stats.unchanged -= tampered;
        }
        let seal = manifest::write(&self.work.key, &self.base_dir, &entries, self.drafts)?;
        self.work.set_seal(Role::Next, Some(&seal))?;
        self.work.swap_in(&self.base_dir, &self.out)?;
        self.dirs.forget_all();
        // The previous output (if any) is now where the build was assembled: it becomes
        // the spare, under the output's old seal.
        let spare_dir = self.work.path(work::SPARE);
        let previous_seal = self.work.seal(Role::Live);
        if self.live.is_none() && fs::symlink_metadata(&self.base_dir).is_ok() {
            // Not known to be ours: kept whole, unless there is nothing in it.
            if fs::remove_dir(&self.base_dir).is_err() {
                let aside = self.work.path(SET_ASIDE);
                fs::create_dir_all(&aside).map_err(|e| io_error(&aside, "create the folder", &e))?;
                let mut dest = aside.join("previous-output");
                let mut n = 1;
                while fs::symlink_metadata(&dest).is_ok() {
                    dest = aside.join(format!("previous-output.{n}"));
                    n += 1;
                }
                fs::rename(&self.base_dir, &dest)
                    .map_err(|e| io_error(&dest, "set aside the previous output as", &e))?;
                stats.previous_set_aside = true;
            }
        } else if fs::symlink_metadata(&self.base_dir).is_ok() && self.base_dir != spare_dir {
            fs::rename(&self.base_dir, &spare_dir).map_err(|e| io_error(&spare_dir, "keep", &e))?;
        }
        self.work.set_seal(Role::Spare, previous_seal.as_deref())?;
        self.work.set_seal(Role::Live, Some(&seal))?;
        self.work.set_seal(Role::Next, None)?;
        Ok(stats)
    }

    /// Moves what the spare holds but neither its manifest nor this build lists (files added
    /// to the output by hand, before it became the spare) into the work folder's `set-aside/`,
    /// so the spare swapped in holds this build and nothing else. Only folders changed after
    /// the spare's seal are read. Returns how many entries were moved.
    fn set_aside_foreign(&self, entries: &BTreeMap<String, Entry>) -> Result<usize, Diagnostic> {
        let changed = self.dirs.changed();
        if changed.is_empty() || !matches!(self.base, Base::Spare(_)) {
            return Ok(0);
        }
        let folders: std::collections::HashSet<&str> =
            entries.keys().flat_map(|p| p.match_indices('/').map(move |(i, _)| &p[..i])).collect();
        let aside = self.work.path(SET_ASIDE);
        let mut moved = 0;
        for dir in changed {
            let Ok(rel_dir) = dir.strip_prefix(&self.base_dir) else { continue };
            let rel_dir = rel_dir.to_string_lossy().replace('\\', "/");
            let Ok(read) = fs::read_dir(&dir) else { continue };
            for entry in read.flatten() {
                let name = entry.file_name();
                let rel = match (rel_dir.is_empty(), name.to_str()) {
                    (_, None) => String::new(),
                    (true, Some(n)) => n.to_string(),
                    (false, Some(n)) => format!("{rel_dir}/{n}"),
                };
                let ours = match entry.file_type() {
                    Ok(t) if t.is_dir() => folders.contains(rel.as_str()),
                    Ok(t) if t.is_file() => entries.contains_key(&rel) || rel == MARKER,
                    _ => false,
                };
                if ours {
                    continue;
                }
                let shown = if rel.is_empty() { name.to_string_lossy().into_owned() } else { rel };
                let mut dest = aside.join(&shown);
                let mut n = 1;
                while fs::symlink_metadata(&dest).is_ok() {
                    dest = aside.join(format!("{shown}.{n}"));
                    n += 1;
                }
                if let Some(parent) = dest.parent() {
                    fs::create_dir_all(parent).map_err(|e| io_error(parent, "create the folder", &e))?;
                }
                self.open_spare()?;
                fs::rename(entry.path(), &dest).map_err(|e| io_error(&dest, "set aside a file as", &e))?;
                moved += 1;
            }
        }
        Ok(moved)
    }

    /// How many files of the output differ from what its manifest says (changed by hand):
    /// the build then swaps in its own copies. Only looks (no folder on the way is checked
    /// for links here: a link is replaced when that folder becomes the spare and is written).
    fn tampered_live_files(&self, entries: &BTreeMap<String, Entry>) -> usize {
        let Some(live) = &self.live else { return entries.len() };
        entries.par_iter().filter(|(p, e)| !tree::intact(&self.out.join(p), e.size, live.written_ns)).count()
    }

    /// Removes the spare's seal before its first change: a process killed while it is
    /// half-changed leaves a spare nobody believes.
    fn open_spare(&self) -> Result<(), Diagnostic> {
        if matches!(self.base, Base::Spare(_)) {
            let mut opened = self.spare_opened.lock().unwrap_or_else(|e| e.into_inner());
            if !*opened {
                self.work.set_seal(Role::Spare, None)?;
                *opened = true;
            }
        }
        Ok(())
    }

    /// Writes `bytes` as `rel` into the base folder.
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.open_spare()?;
        let dest = self.base_dir.join(rel);
        let written = self.dirs.make(&self.base_dir, rel).and_then(|()| tree::replace_file(&dest, bytes));
        written.map_err(|e| {
            self.write_failed.store(true, Ordering::SeqCst);
            io_error(&dest, "write", &e)
        })
    }

    /// Whether `rel`, as the manifest `m` of `dir` lists it with `entry`, is still there.
    fn holds(&self, dir: &Path, m: &Manifest, rel: &str, entry: &Entry) -> bool {
        m.entries.get(rel) == Some(entry)
            && self.dirs.reach(dir, rel)
            && tree::intact(&dir.join(rel), entry.size, m.written_ns)
    }
}

impl Sink for Writer {
    fn emit(&self, file: OutputFile) -> Result<(), Diagnostic> {
        let bytes = file.bytes().map_err(|e| io_error(Path::new(&file.path), "read", &e))?;
        let entry = Entry { hash: xxhash_rust::xxh3::xxh3_128(&bytes), size: bytes.len() as u64 };
        let written = match &self.base {
            Base::Spare(spare) => {
                let kept = self.holds(&self.base_dir, spare, &file.path, &entry);
                if !kept {
                    self.write(&file.path, &bytes)?;
                }
                !kept
            }
            Base::Staging => {
                // A file the output already holds is linked, not written again.
                let linked = self.live.as_ref().is_some_and(|live| {
                    self.holds(&self.out, live, &file.path, &entry)
                        && self.dirs.make(&self.base_dir, &file.path).is_ok()
                        && fs::hard_link(self.out.join(&file.path), self.base_dir.join(&file.path)).is_ok()
                });
                if !linked {
                    self.write(&file.path, &bytes)?;
                }
                !linked
            }
        };
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).insert(file.path, Placed { entry, written });
        Ok(())
    }
}

/// What the manifest of the output folder `out` says about drafts: `Some(true)` for a build
/// made with `--drafts`, `Some(false)` for one without, `None` when `out` holds no readable
/// capbrief manifest (not a capbrief build).
pub fn built_with_drafts(out: &Path) -> Option<bool> {
    manifest::drafts_claimed(out)
}

/// Stops at a journal in the output: earlier versions wrote one as their commit point, and
/// it names a folder to move files from, which anyone could change.
fn check_no_journal(out: &Path) -> Result<(), Diagnostic> {
    let journal = out.join(JOURNAL);
    if fs::symlink_metadata(&journal).is_err() {
        return Ok(());
    }
    let journal = crate::shown(&journal);
    Err(Diagnostic::error(
        Some(Location::file(&journal)),
        "this output folder holds a build journal that this build did not write; nothing was changed",
    )
    .with_help(format!(
        "capbrief no longer writes journals and never acts on one (it could name any folder): delete `{}` \
         and build again; the build then checks every file of the output",
        journal.display()
    )))
}

/// Removes staging folders that earlier versions left beside the output when killed.
fn remove_stale_siblings(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else { return };
    let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
    let Ok(entries) = fs::read_dir(parent) else { return };
    let prefix = format!(".{}.capbrief-staging-", name.to_string_lossy());
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if is_dir && file_name.starts_with(&prefix) {
            let _ = fs::remove_dir_all(entry.path());
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `files` into `out` through a [`Writer`], as a build does: every file emitted,
    /// then the commit point (or an abort at the first failure).
    fn commit(files: Vec<OutputFile>, root: &Path, out: &Path) -> Result<WriteStats, Diagnostic> {
        let writer = Writer::begin(root, out)?;
        for f in files {
            if let Err(d) = writer.emit(f) {
                writer.abort();
                return Err(d);
            }
        }
        writer.commit()
    }

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
        assert_eq!(
            s,
            WriteStats { written: 2, unchanged: 0, removed: 0, set_aside: 0, previous_set_aside: false }
        );
        let s =
            commit(files(&[("b/index.html", "two"), ("c/index.html", "three")]), dir.path(), &out).unwrap();
        assert_eq!(
            s,
            WriteStats { written: 1, unchanged: 1, removed: 1, set_aside: 0, previous_set_aside: false }
        );
        assert!(!out.join("a").exists(), "stale file and its emptied folder are removed");
        assert_eq!(fs::read_to_string(out.join("c/index.html")).unwrap(), "three");
        let s =
            commit(files(&[("b/index.html", "two"), ("c/index.html", "three")]), dir.path(), &out).unwrap();
        assert_eq!(
            s,
            WriteStats { written: 0, unchanged: 2, removed: 0, set_aside: 0, previous_set_aside: false }
        );
        // A file changed by hand in the output is rewritten, not trusted.
        fs::write(out.join("b/index.html"), "tampered").unwrap();
        let s =
            commit(files(&[("b/index.html", "two"), ("c/index.html", "three")]), dir.path(), &out).unwrap();
        assert_eq!(s.written, 1);
        assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "two");
        assert_eq!(names(dir.path()), [".public.capbrief", "public"]);
        // The work folder: its lock, key and seals, and the spare build, never a staging folder.
        let work = dir.path().join(".public.capbrief");
        assert_eq!(names(&work), [".gitignore", "key", "live.seal", "lock", "spare", "spare.seal"]);
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Every file below `dir` with its text.
    fn tree(dir: &Path) -> BTreeMap<String, String> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                (rel, fs::read_to_string(e.path()).unwrap())
            })
            .filter(|(rel, _)| rel != MARKER)
            .collect()
    }

    #[test]
    fn each_build_is_swapped_in_whole_and_the_spare_follows_every_change() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let versions: Vec<Vec<(&str, &str)>> = vec![
            vec![("a/index.html", "1"), ("b/index.html", "1"), ("x/y/z.html", "1")],
            vec![("a/index.html", "2"), ("b/index.html", "1"), ("c/index.html", "2")],
            // A file where a folder was, and a folder where a file was.
            vec![("a/index.html", "3"), ("c/index.html", "2"), ("x", "a file now")],
            vec![("a/index.html", "3"), ("x/y/z.html", "4")],
            vec![("a/index.html", "5"), ("b/index.html", "1"), ("c/index.html", "2")],
        ];
        // Rounds in both orders, so the spare is updated from many states.
        for round in 0..4 {
            let order: Vec<usize> = if round % 2 == 0 {
                (0..versions.len()).collect()
            } else {
                (0..versions.len()).rev().collect()
            };
            for i in order {
                let v = &versions[i];
                commit(files(v), dir.path(), &out).unwrap();
                let want: BTreeMap<String, String> =
                    v.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
                assert_eq!(tree(&out), want, "round {round}, version {i}");
            }
        }
    }

    #[test]
    fn a_killed_build_leaves_the_output_and_an_unsealed_spare_that_is_not_believed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for v in ["1", "2", "3"] {
            commit(files(&[("a/index.html", v), ("b/index.html", "same")]), dir.path(), &out).unwrap();
        }
        // A build that dies after changing its spare: neither committed nor aborted.
        let w = Writer::begin(dir.path(), &out).unwrap();
        w.emit(OutputFile::text("a/index.html", "half".to_string())).unwrap();
        drop(w); // as `kill -9`: no abort, no commit; the system releases the lock

        assert_eq!(tree(&out)["a/index.html"], "3");
        let s = commit(files(&[("a/index.html", "4"), ("b/index.html", "same")]), dir.path(), &out).unwrap();
        assert_eq!(
            s,
            WriteStats { written: 1, unchanged: 1, removed: 0, set_aside: 0, previous_set_aside: false }
        );
        assert_eq!(tree(&out)["a/index.html"], "4");
    }

    #[test]
    fn files_added_to_the_output_by_hand_are_set_aside_not_published_again_or_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let site = [("a/index.html", "1"), ("b/index.html", "2")];
        for _ in 0..3 {
            commit(files(&site), dir.path(), &out).unwrap();
        }
        fs::write(out.join("verify.html"), "by hand").unwrap();
        fs::create_dir_all(out.join("extra/deep")).unwrap();
        fs::write(out.join("extra/deep/x.txt"), "by hand").unwrap();
        fs::write(out.join("a/note.txt"), "by hand").unwrap();
        let want: BTreeMap<String, String> =
            site.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
        let mut set_aside = 0;
        for round in 0..4 {
            let edited = [("a/index.html", if round % 2 == 0 { "3" } else { "1" }), ("b/index.html", "2")];
            set_aside += commit(files(&edited), dir.path(), &out).unwrap().set_aside;
            let mut want = want.clone();
            want.insert("a/index.html".into(), edited[0].1.into());
            assert_eq!(tree(&out), want, "round {round}: only the build is published");
        }
        assert_eq!(set_aside, 3);
        let aside = dir.path().join(".public.capbrief/set-aside");
        assert_eq!(fs::read_to_string(aside.join("verify.html")).unwrap(), "by hand");
        assert_eq!(fs::read_to_string(aside.join("extra/deep/x.txt")).unwrap(), "by hand");
        assert_eq!(fs::read_to_string(aside.join("a/note.txt")).unwrap(), "by hand");
    }

    #[test]
    fn a_swap_killed_halfway_is_taken_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        commit(files(&[("a/index.html", "1")]), dir.path(), &out).unwrap();
        // The two-rename swap was killed after moving the output aside.
        let old = dir.path().join(".public.capbrief/old");
        fs::rename(&out, &old).unwrap();
        let s = commit(files(&[("a/index.html", "1")]), dir.path(), &out).unwrap();
        assert_eq!(
            s,
            WriteStats { written: 0, unchanged: 1, removed: 0, set_aside: 0, previous_set_aside: false }
        );
        assert_eq!(tree(&out)["a/index.html"], "1");
        assert!(!old.exists());
    }

    #[test]
    fn a_manifest_without_a_seal_is_not_believed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        commit(files(&[("a/index.html", "1"), ("b/index.html", "2")]), dir.path(), &out).unwrap();
        // A copy of the output with a manifest that lies (a file changed, the manifest kept).
        fs::remove_dir_all(dir.path().join(".public.capbrief")).unwrap();
        fs::write(out.join("a/index.html"), "X").unwrap();
        let s = commit(files(&[("a/index.html", "1"), ("b/index.html", "2")]), dir.path(), &out).unwrap();
        assert_eq!(s.written, 2, "every file is written again");
        assert_eq!(tree(&out)["a/index.html"], "1");
        // The old folder was not known to be ours: kept whole, not deleted.
        assert!(s.previous_set_aside);
        let kept = dir.path().join(".public.capbrief/set-aside/previous-output");
        assert_eq!(fs::read_to_string(kept.join("a/index.html")).unwrap(), "X");
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
    fn a_planted_journal_is_not_acted_on() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        commit(files(&[("a/index.html", "one")]), dir.path(), &out).unwrap();
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(elsewhere.join("secret.txt"), "mine").unwrap();
        fs::write(out.join(JOURNAL), format!("staging {}\nmove secret.txt\n", elsewhere.display())).unwrap();
        let err = Writer::begin(dir.path(), &out).err().unwrap();
        assert!(err.message.contains("journal"), "{}", err.message);
        assert!(err.help.unwrap().contains("delete"));
        assert_eq!(fs::read_to_string(elsewhere.join("secret.txt")).unwrap(), "mine");
        assert!(!out.join("secret.txt").exists());
    }
}
