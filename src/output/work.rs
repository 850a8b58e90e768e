//! capbrief's work folder beside an output folder (`.public.capbrief/` for `public/`): the
//! lock that keeps two builds from writing one output at once, the key that seals manifests,
//! the spare (the build before the last, which the next build updates instead of starting
//! from nothing), the staging folder of a build with no spare, the seals, and the one step
//! that makes a build visible: swapping the finished folder with the output.
//!
//! The folder carries a `.gitignore` that ignores all of it, so a repository that commits
//! the output never commits (or checks out) the key, the seals or the spare.

use super::io_error;
use super::manifest::{hex, read_plain, unhex};
use super::tree::remove_any;
use crate::diag::{Diagnostic, Location};
use ring::hmac;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The first line of the work folder's `.gitignore`; it also says the folder is ours.
const TAG: &str = "# capbrief's work folder for the output folder beside it (lock, key, spare build).";
const GITIGNORE: &str = ".gitignore";
const LOCK: &str = "lock";
const KEY: &str = "key";
/// The build before the last: a complete site with its manifest, updated by the next build.
pub(crate) const SPARE: &str = "spare";
/// A build assembled from nothing (no usable spare).
pub(crate) const STAGING: &str = "staging";
/// Where the output waits during a swap on systems that cannot exchange two folders.
const OLD: &str = "old";

/// Which folder a seal vouches for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The output folder.
    Live,
    /// The spare.
    Spare,
    /// A finished build about to be swapped in.
    Next,
}

impl Role {
    fn file(self) -> &'static str {
        match self {
            Role::Live => "live.seal",
            Role::Spare => "spare.seal",
            Role::Next => "next.seal",
        }
    }
}

/// The open, locked work folder of one output.
pub(crate) struct Work {
    pub(crate) dir: PathBuf,
    pub(crate) key: hmac::Key,
    /// Held for the whole build; the system releases it when the process ends, however it ends.
    _lock: fs::File,
}

impl Work {
    /// Opens (or makes) the work folder of `out` and takes its lock.
    pub(crate) fn open(out: &Path) -> Result<Work, Diagnostic> {
        let dir = dir_of(out);
        let refuse = |why: &str| {
            Diagnostic::error(Some(Location::file(&dir)), format!("cannot use capbrief's work folder: {why}"))
                .with_help(format!(
                    "capbrief keeps its lock, key and spare build for `{}` there; delete `{}` and build again",
                    out.display(),
                    dir.display()
                ))
        };
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {
                let ours = read_plain(&dir.join(GITIGNORE))
                    .is_some_and(|t| String::from_utf8_lossy(&t).lines().next() == Some(TAG));
                if !ours {
                    return Err(refuse("it exists but was not made by capbrief"));
                }
            }
            Ok(_) => return Err(refuse("it is a file or a symbolic link, not a folder")),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(&dir).map_err(|e| io_error(&dir, "create the folder", &e))?;
                let ignore =
                    format!("{TAG}\n# Never commit it: it holds a key and a second copy of the site.\n*\n");
                let path = dir.join(GITIGNORE);
                fs::write(&path, ignore).map_err(|e| io_error(&path, "write", &e))?;
            }
            Err(e) => return Err(io_error(&dir, "read", &e)),
        }
        let lock = lock(&dir, out)?;
        let key = key(&dir)?;
        Ok(Work { dir, key, _lock: lock })
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The text of a seal, if there is one.
    pub(crate) fn seal(&self, role: Role) -> Option<String> {
        read_plain(&self.dir.join(role.file())).and_then(|b| String::from_utf8(b).ok())
    }

    /// Writes (or, with `None`, removes) a seal.
    pub(crate) fn set_seal(&self, role: Role, text: Option<&str>) -> Result<(), Diagnostic> {
        let path = self.dir.join(role.file());
        let done = match text {
            Some(t) => super::tree::replace_file(&path, t.as_bytes()),
            None => remove_any(&path),
        };
        done.map_err(|e| io_error(&path, "write", &e))
    }

    /// Finishes a swap that a process killed during the fallback swap left half done: the
    /// previous output waits in `old` while the output folder is missing.
    pub(crate) fn recover(&self, out: &Path) -> Result<(), Diagnostic> {
        let old = self.dir.join(OLD);
        if fs::symlink_metadata(&old).is_err() {
            return Ok(());
        }
        if fs::symlink_metadata(out).is_err() {
            fs::rename(&old, out).map_err(|e| io_error(out, "move the previous build back into", &e))
        } else {
            remove_any(&old).map_err(|e| io_error(&old, "remove", &e))
        }
    }

    /// Makes `next` (a finished build in this folder) the output: one atomic exchange of
    /// the two folders where the system has one (Linux `renameat2(RENAME_EXCHANGE)`, macOS
    /// `renamex_np(RENAME_SWAP)`), so a reader finds the whole old or the whole new site at
    /// every moment. Afterwards `next` holds the previous output. Elsewhere, or on a file
    /// system that cannot exchange, two renames: for that moment the output folder is
    /// missing (a reader gets nothing, never a mix), and a process killed in between leaves
    /// the previous output in `old`, where the next build takes it back from.
    pub(crate) fn swap_in(&self, next: &Path, out: &Path) -> Result<(), Diagnostic> {
        if fs::symlink_metadata(out).is_err() {
            return fs::rename(next, out).map_err(|e| io_error(out, "move the new build into", &e));
        }
        match exchange(next, out) {
            Ok(()) => return Ok(()),
            Err(e) if !exchange_unsupported(&e) => return Err(io_error(out, "swap the new build into", &e)),
            Err(_) => {}
        }
        let old = self.dir.join(OLD);
        fs::rename(out, &old).map_err(|e| io_error(out, "move the previous build aside from", &e))?;
        if let Err(e) = fs::rename(next, out) {
            let _ = fs::rename(&old, out);
            return Err(io_error(out, "move the new build into", &e));
        }
        fs::rename(&old, next).map_err(|e| io_error(next, "keep the previous build in", &e))
    }
}

/// The work folder of `out`: `.NAME.capbrief` beside it.
pub(crate) fn dir_of(out: &Path) -> PathBuf {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    parent.join(format!(".{name}.capbrief"))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let r = unsafe {
        libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE)
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(target_os = "macos")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let r = unsafe { libc::renamex_np(a.as_ptr(), b.as_ptr(), libc::RENAME_SWAP) };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// An exchange the system or file system does not offer (old kernels, some network and
/// FUSE file systems), as opposed to one that failed.
fn exchange_unsupported(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Unsupported || refused_by_system(e)
}

#[cfg(unix)]
fn refused_by_system(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP))
}

#[cfg(not(unix))]
fn refused_by_system(_: &io::Error) -> bool {
    false
}

/// Takes the work folder's lock, or says which build holds it.
#[cfg(unix)]
fn lock(dir: &Path, out: &Path) -> Result<fs::File, Diagnostic> {
    use std::os::unix::io::AsRawFd;
    let path = dir.join(LOCK);
    remove_link(&path)?;
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| io_error(&path, "open", &e))?;
    // SAFETY: the descriptor belongs to `file`, which is alive.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
        let holder = fs::read_to_string(&path).ok().and_then(|t| t.trim().parse::<u32>().ok());
        let who = holder.map_or_else(
            || "another capbrief build".to_string(),
            |p| format!("another capbrief build (process {p})"),
        );
        return Err(Diagnostic::error(
            Some(Location::file(out)),
            format!("{who} is writing into this output folder right now; this build stopped before changing anything"),
        )
        .with_help("wait for it to finish (or stop it) and build again; two builds never write one output at once"));
    }
    let _ = file.set_len(0);
    let _ = writeln!(file, "{}", std::process::id());
    Ok(file)
}

/// Without `flock`, the lock is the file alone: concurrent builds are not detected.
#[cfg(not(unix))]
fn lock(dir: &Path, _out: &Path) -> Result<fs::File, Diagnostic> {
    let path = dir.join(LOCK);
    remove_link(&path)?;
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&path)
        .map_err(|e| io_error(&path, "open", &e))
}

/// Removes a link planted where a file of ours belongs.
fn remove_link(path: &Path) -> Result<(), Diagnostic> {
    match fs::symlink_metadata(path) {
        Ok(m) if !m.is_file() => remove_any(path).map_err(|e| io_error(path, "remove", &e)),
        _ => Ok(()),
    }
}

/// The work folder's key: 32 random bytes, made once and readable by the owner only.
fn key(dir: &Path) -> Result<hmac::Key, Diagnostic> {
    let path = dir.join(KEY);
    if let Some(bytes) = read_plain(&path).and_then(|b| unhex(String::from_utf8_lossy(&b).trim())) {
        if bytes.len() == 32 {
            return Ok(hmac::Key::new(hmac::HMAC_SHA256, &bytes));
        }
    }
    let mut bytes = [0u8; 32];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes).map_err(|_| {
        Diagnostic::error(None, "cannot draw random bytes from the system for the output key")
    })?;
    remove_link(&path)?;
    let tmp = dir.join("key.tmp");
    let _ = remove_any(&tmp);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&tmp).map_err(|e| io_error(&tmp, "create", &e))?;
    file.write_all(format!("{}\n", hex(&bytes)).as_bytes()).map_err(|e| io_error(&tmp, "write", &e))?;
    fs::rename(&tmp, &path).map_err(|e| io_error(&path, "write", &e))?;
    Ok(hmac::Key::new(hmac::HMAC_SHA256, &bytes))
}
