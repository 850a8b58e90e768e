//! Writing the site: every output file goes into a fresh staging folder beside the output
//! folder, which is swapped into place only when all of it is written. The only module that
//! deletes anything, and it deletes only folders that carry capbrief's marker.

use crate::diag::{Diagnostic, Location};
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Marker file that says a folder is capbrief's output and may be replaced.
pub const MARKER: &str = ".capbrief-output";
const MARKER_TEXT: &str = "This folder is written by capbrief build; it is replaced on every build.\n";

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
    /// Rendered bytes.
    Bytes(Vec<u8>),
    /// A file copied from the site folder.
    Copy(PathBuf),
}

impl OutputFile {
    /// A rendered text file.
    pub fn text(path: impl Into<String>, text: String) -> Self {
        OutputFile { path: path.into(), body: OutputBody::Bytes(text.into_bytes()) }
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

/// Writes `files` into a staging folder beside `out`, then swaps it into place. On any error
/// the staging folder is removed and `out` is left exactly as it was.
pub fn commit(files: &[OutputFile], root: &Path, out: &Path) -> Result<(), Diagnostic> {
    check_target(root, out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| io_error(&parent, "create the folder", &e))?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    remove_stale_siblings(&parent, &name);
    let staging = parent.join(format!(".{name}.capbrief-staging-{}", std::process::id()));
    if staging.exists() {
        let _ = fs::remove_dir_all(&staging);
    }
    let result = write_all(files, &staging).and_then(|()| swap(&staging, out, &parent, &name));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_all(files: &[OutputFile], staging: &Path) -> Result<(), Diagnostic> {
    fs::create_dir_all(staging).map_err(|e| io_error(staging, "create the staging folder", &e))?;
    // Folders first, once each, so the parallel writes below never race on create_dir_all.
    let mut dirs: Vec<&str> = files.iter().filter_map(|f| f.path.rsplit_once('/').map(|(d, _)| d)).collect();
    dirs.sort_unstable();
    dirs.dedup();
    for d in dirs {
        let p = staging.join(d);
        fs::create_dir_all(&p).map_err(|e| io_error(&p, "create the folder", &e))?;
    }
    files.par_iter().try_for_each(|f| {
        let dest = staging.join(&f.path);
        match &f.body {
            OutputBody::Bytes(b) => fs::write(&dest, b).map_err(|e| io_error(&dest, "write", &e)),
            OutputBody::Copy(src) => {
                fs::copy(src, &dest).map(|_| ()).map_err(|e| io_error(&dest, "copy into", &e))
            }
        }
    })?;
    let marker = staging.join(MARKER);
    fs::write(&marker, MARKER_TEXT).map_err(|e| io_error(&marker, "write", &e))
}

fn swap(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), Diagnostic> {
    if !out.exists() {
        return fs::rename(staging, out).map_err(|e| io_error(out, "move the new build into", &e));
    }
    let old = parent.join(format!(".{name}.capbrief-old-{}", std::process::id()));
    fs::rename(out, &old).map_err(|e| io_error(out, "move the previous build aside from", &e))?;
    if let Err(e) = fs::rename(staging, out) {
        // Put the previous build back: a failed build leaves the old output in place.
        let _ = fs::rename(&old, out);
        return Err(io_error(out, "move the new build into", &e));
    }
    remove_old(&old);
    Ok(())
}

/// Deletes a previous build that was moved aside. Only folders with the marker are removed.
fn remove_old(old: &Path) {
    if old.join(MARKER).is_file() {
        let _ = fs::remove_dir_all(old);
    }
}

/// Removes staging and old folders left by builds that were killed.
fn remove_stale_siblings(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    let staging_prefix = format!(".{name}.capbrief-staging-");
    let old_prefix = format!(".{name}.capbrief-old-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let ours = file_name.starts_with(&staging_prefix) || file_name.starts_with(&old_prefix);
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if ours && is_dir {
            let pid = file_name.rsplit('-').next().and_then(|p| p.parse::<u32>().ok());
            if pid.is_some_and(process_alive) && pid != Some(std::process::id()) {
                continue; // another build is running right now
            }
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

fn io_error(path: &Path, what: &str, e: &io::Error) -> Diagnostic {
    let help = match e.kind() {
        io::ErrorKind::PermissionDenied => "check the folder's permissions, or pick another with --output",
        io::ErrorKind::StorageFull => "the disk is full; free some space and build again",
        _ => "the previous output, if any, was left as it was",
    };
    Diagnostic::error(Some(Location::file(path)), format!("cannot {what} `{}`: {e}", path.display()))
        .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_foreign_non_empty_folder_and_site_root() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("precious.txt"), "x").unwrap();
        assert!(check_target(dir.path(), &out).is_err());
        assert!(check_target(dir.path(), dir.path()).is_err());
        let err = commit(&[OutputFile::text("index.html", "hi".into())], dir.path(), &out).unwrap_err();
        assert!(err.message.contains("marker"), "{}", err.message);
        assert_eq!(fs::read_to_string(out.join("precious.txt")).unwrap(), "x");
    }

    #[test]
    fn commit_replaces_previous_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        commit(&[OutputFile::text("a/index.html", "one".into())], dir.path(), &out).unwrap();
        commit(&[OutputFile::text("b/index.html", "two".into())], dir.path(), &out).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "two");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }
}
