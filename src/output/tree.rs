//! File operations inside a folder capbrief writes, none of which follows a symbolic link:
//! the output and its spare may hold links planted by someone else (a checked-out repository
//! that commits the output), and a link on the way would lead a read, write or delete into
//! another folder. A link found where a folder or file belongs is removed (only the link),
//! never followed.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

/// The folders found to be real folders (not links), so each is looked at once per build.
/// Below a `watched` folder it also notes the folders changed after a time (their entries
/// were added, removed or renamed since), from the same look.
#[derive(Debug, Default)]
pub(crate) struct RealDirs {
    known: Mutex<HashSet<PathBuf>>,
    watched: Option<(PathBuf, u128)>,
    changed: Mutex<Vec<PathBuf>>,
}

impl RealDirs {
    /// Also notes the folders below `root` modified after `since_ns` (see [`RealDirs::changed`]).
    pub(crate) fn watching(root: &Path, since_ns: u128) -> Self {
        let dirs = RealDirs { watched: Some((root.to_path_buf(), since_ns)), ..RealDirs::default() };
        if let Ok(m) = fs::symlink_metadata(root) {
            dirs.note(root, &m);
        }
        dirs
    }

    fn note(&self, dir: &Path, m: &fs::Metadata) {
        if let Some((root, since)) = &self.watched {
            if dir.starts_with(root) && mtime_ns(m) > *since {
                self.changed.lock().unwrap_or_else(|e| e.into_inner()).push(dir.to_path_buf());
            }
        }
    }

    /// The watched folders found modified since the time given, as they were when first
    /// looked at in this build (before this build changed them).
    pub(crate) fn changed(&self) -> Vec<PathBuf> {
        std::mem::take(&mut *self.changed.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn known(&self, dir: &Path) -> bool {
        self.known.lock().unwrap_or_else(|e| e.into_inner()).contains(dir)
    }

    fn remember(&self, dir: PathBuf) {
        self.known.lock().unwrap_or_else(|e| e.into_inner()).insert(dir);
    }

    /// Forgets what was learnt below `root` (after a folder was renamed away).
    pub(crate) fn forget_all(&self) {
        self.known.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// Whether every folder between `root` and the file `rel` (a `/`-separated path below
    /// it) is a real folder.
    pub(crate) fn reach(&self, root: &Path, rel: &str) -> bool {
        let Some((dirs, _)) = rel.rsplit_once('/') else { return true };
        let parent = root.join(dirs);
        if self.known(&parent) {
            return true;
        }
        let mut dir = root.to_path_buf();
        for seg in dirs.split('/') {
            dir.push(seg);
            if self.known(&dir) {
                continue;
            }
            match fs::symlink_metadata(&dir) {
                Ok(m) if m.is_dir() => self.note(&dir, &m),
                _ => return false,
            }
            self.remember(dir.clone());
        }
        true
    }

    /// Makes every folder between `root` and the file `rel` a real folder: creates what is
    /// missing and replaces a link or file in the way (only the link or file is removed).
    pub(crate) fn make(&self, root: &Path, rel: &str) -> io::Result<()> {
        let Some((dirs, _)) = rel.rsplit_once('/') else { return Ok(()) };
        if self.known(&root.join(dirs)) {
            return Ok(());
        }
        let mut dir = root.to_path_buf();
        for seg in dirs.split('/') {
            dir.push(seg);
            if self.known(&dir) {
                continue;
            }
            match fs::symlink_metadata(&dir) {
                Ok(m) if m.is_dir() => self.note(&dir, &m),
                Ok(_) => {
                    // Threads of one build write files below the same folder: another may
                    // have replaced the link between the look and here. `remove_file` never
                    // removes a folder, so what it made stays.
                    match fs::remove_file(&dir) {
                        Ok(()) => {}
                        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                        Err(_) if fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) => {}
                        Err(e) => return Err(e),
                    }
                    create_dir(&dir)?;
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => create_dir(&dir)?,
                Err(e) => return Err(e),
            }
            self.remember(dir.clone());
        }
        Ok(())
    }
}

/// Creates a folder; one made meanwhile by another thread of the same build is fine.
fn create_dir(dir: &Path) -> io::Result<()> {
    match fs::create_dir(dir) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && fs::symlink_metadata(dir)?.is_dir() => Ok(()),
        other => other,
    }
}

/// Whether `path` is a regular file of `size` bytes not modified after `sealed_ns`.
pub(crate) fn intact(path: &Path, size: u64, sealed_ns: u128) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == size && mtime_ns(&m) <= sealed_ns)
}

fn mtime_ns(m: &fs::Metadata) -> u128 {
    m.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(u128::MAX, |d| d.as_nanos())
}

/// Writes a new file at `path`, replacing whatever is there (a file, a link, a folder left
/// by an earlier build) without following it. The parent folder must exist.
pub(crate) fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match create_new(path, bytes) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            remove_any(path)?;
            create_new(path, bytes)
        }
        other => other,
    }
}

fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // `create_new` is O_EXCL: it neither follows nor reuses what is at `path`.
    let mut f = fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(bytes)
}

/// Removes the file, link or folder at `path` (a folder with everything in it; links inside
/// are removed, not followed). Nothing there is fine.
pub(crate) fn remove_any(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Removes the files `rels` below `root` (each only if every folder on the way is a real
/// one), then the folders they leave empty, deepest first; never `root` itself.
pub(crate) fn remove_files<'a>(
    dirs: &RealDirs,
    root: &Path,
    rels: impl Iterator<Item = &'a String>,
) -> io::Result<()> {
    let mut emptied: Vec<PathBuf> = Vec::new();
    for rel in rels {
        if !dirs.reach(root, rel) {
            continue; // behind a link: nothing of ours is there
        }
        let path = root.join(rel);
        if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
            fs::remove_file(&path)?;
        }
        if let Some(dir) = path.parent() {
            emptied.push(dir.to_path_buf());
        }
    }
    emptied.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    emptied.dedup();
    for mut dir in emptied {
        while dir.starts_with(root) && dir != root && fs::remove_dir(&dir).is_ok() {
            match dir.parent() {
                Some(p) => dir = p.to_path_buf(),
                None => break,
            }
        }
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_on_the_way_are_neither_followed_nor_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (root, victim) = (dir.path().join("root"), dir.path().join("victim"));
        fs::create_dir_all(root.join("real")).unwrap();
        fs::create_dir_all(&victim).unwrap();
        fs::write(victim.join("index.html"), "theirs").unwrap();
        std::os::unix::fs::symlink(&victim, root.join("linked")).unwrap();
        let dirs = RealDirs::default();
        assert!(dirs.reach(&root, "real/index.html"));
        assert!(!dirs.reach(&root, "linked/index.html"));
        // Removing through the link removes nothing.
        remove_files(&dirs, &root, [String::from("linked/index.html")].iter()).unwrap();
        assert_eq!(fs::read_to_string(victim.join("index.html")).unwrap(), "theirs");
        // Writing through it replaces the link by a folder.
        dirs.make(&root, "linked/index.html").unwrap();
        replace_file(&root.join("linked/index.html"), b"ours").unwrap();
        assert_eq!(fs::read_to_string(victim.join("index.html")).unwrap(), "theirs");
        assert!(fs::symlink_metadata(root.join("linked")).unwrap().is_dir());
        // A link at the file's own place is replaced, not written through.
        std::os::unix::fs::symlink(victim.join("index.html"), root.join("real/page.html")).unwrap();
        replace_file(&root.join("real/page.html"), b"ours").unwrap();
        assert_eq!(fs::read_to_string(victim.join("index.html")).unwrap(), "theirs");
        assert!(!intact(&root.join("real/page.html"), 99, u128::MAX));
        assert!(intact(&root.join("real/page.html"), 4, u128::MAX));
    }

    /// Many threads writing below one folder that a link has taken: each replaces the link or
    /// finds the folder another made, and none fails (one used to find the new folder where it
    /// had seen the link and fail with "Is a directory").
    #[test]
    fn threads_replacing_one_link_all_get_the_folder() {
        for _ in 0..50 {
            let dir = tempfile::tempdir().unwrap();
            let (root, victim) = (dir.path().join("root"), dir.path().join("victim"));
            fs::create_dir_all(&root).unwrap();
            fs::create_dir_all(&victim).unwrap();
            std::os::unix::fs::symlink(&victim, root.join("briefings")).unwrap();
            let dirs = RealDirs::default();
            let barrier = std::sync::Barrier::new(8);
            std::thread::scope(|s| {
                for i in 0..8 {
                    let (dirs, root, barrier) = (&dirs, &root, &barrier);
                    s.spawn(move || {
                        barrier.wait();
                        dirs.make(root, &format!("briefings/n{i}/index.html")).unwrap();
                    });
                }
            });
            assert!(fs::symlink_metadata(root.join("briefings")).unwrap().is_dir());
            assert_eq!(fs::read_dir(&victim).unwrap().count(), 0, "nothing was made through the link");
        }
    }
}
