//! The output manifest (`.capbrief-output`: every file's path, size and hash, and whether the
//! build had drafts) and its seal: a keyed hash of the manifest and of the time it was
//! written, kept in the work folder where nothing that copies or checks out the output can
//! reach it. Only a manifest whose seal verifies is believed; any other is data.

use super::{io_error, Entry};
use crate::diag::Diagnostic;
use ring::hmac;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;

/// Marker and manifest file: says a folder is capbrief's output and lists what it wrote.
pub const MARKER: &str = ".capbrief-output";
const HEADER: &str = "# capbrief output manifest: this folder is written by `capbrief build`.";
/// The manifest line of a build made with `--drafts`: such a folder must never be published.
const DRAFTS_LINE: &str = "# drafts: this build includes drafts; it is a preview, not for publishing.";
/// What the seal's hash covers before the time and the manifest, so a seal means nothing else.
const SEAL_CONTEXT: &[u8] = b"capbrief output seal, version 1\n";

/// A manifest as read from a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Manifest {
    pub(crate) entries: HashMap<String, Entry>,
    /// Whether that build included drafts.
    pub(crate) drafts: bool,
    /// When capbrief sealed it (nanoseconds since 1970), after writing every file it lists:
    /// a listed file modified later was changed by someone else.
    pub(crate) written_ns: u128,
}

/// The text of the manifest of `entries`: deterministic, so two builds of the same input
/// leave byte-identical output folders (the seal, which holds a time, lives elsewhere).
pub(crate) fn text<'a>(entries: impl Iterator<Item = (&'a String, &'a Entry)>, drafts: bool) -> String {
    let mut text = String::with_capacity(80 * 1024);
    text.push_str(HEADER);
    text.push('\n');
    if drafts {
        text.push_str(DRAFTS_LINE);
        text.push('\n');
    }
    for (p, e) in entries {
        text.push_str(&format!("{:032x} {} {}\n", e.hash, e.size, p));
    }
    text
}

/// Parses a manifest's text. `None` unless every line is well-formed and every path is a
/// normalised relative path (no `..`, no absolute path, no empty segment).
pub(crate) fn parse(text: &str) -> Option<(HashMap<String, Entry>, bool)> {
    let mut lines = text.lines();
    if lines.next()? != HEADER {
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
        crate::paths::check_output_path(p).ok()?;
        entries.insert(p.to_string(), Entry { hash, size });
    }
    Some((entries, drafts))
}

/// What the manifest in `dir` says about drafts, unauthenticated (for `deploy --from`, which
/// only asks what a folder claims to be): `None` when there is no readable manifest.
pub(crate) fn drafts_claimed(dir: &Path) -> Option<bool> {
    let text = read_plain(&dir.join(MARKER))?;
    parse(&String::from_utf8(text).ok()?).map(|(_, drafts)| drafts)
}

/// The seal of a manifest text written at `written_ns`.
pub(crate) fn seal(key: &hmac::Key, manifest: &[u8], written_ns: u128) -> String {
    let tag = hmac::sign(key, &sealed_bytes(manifest, written_ns));
    format!("{written_ns} {}\n", hex(tag.as_ref()))
}

fn sealed_bytes(manifest: &[u8], written_ns: u128) -> Vec<u8> {
    let time = format!("{written_ns}\n");
    [SEAL_CONTEXT, time.as_bytes(), manifest].concat()
}

/// The manifest of `dir`, if `seal` (a seal's text) vouches for it.
pub(crate) fn verify(key: &hmac::Key, dir: &Path, seal: &str) -> Option<Manifest> {
    let bytes = read_plain(&dir.join(MARKER))?;
    let (time, tag) = seal.trim_end().split_once(' ')?;
    let written_ns: u128 = time.parse().ok()?;
    let tag = unhex(tag)?;
    hmac::verify(key, &sealed_bytes(&bytes, written_ns), &tag).ok()?;
    let (entries, drafts) = parse(std::str::from_utf8(&bytes).ok()?)?;
    Some(Manifest { entries, drafts, written_ns })
}

/// Writes the manifest of `entries` into `dir` and returns its text and the seal for it.
pub(crate) fn write(
    key: &hmac::Key,
    dir: &Path,
    entries: &BTreeMap<String, Entry>,
    drafts: bool,
) -> Result<String, Diagnostic> {
    let text = text(entries.iter(), drafts);
    let path = dir.join(MARKER);
    super::tree::replace_file(&path, text.as_bytes()).map_err(|e| io_error(&path, "write", &e))?;
    Ok(seal(key, text.as_bytes(), now_ns()))
}

/// The current time in nanoseconds since 1970.
pub(crate) fn now_ns() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// The bytes of `path` if it is a regular file (a symbolic link is not followed).
pub(crate) fn read_plain(path: &Path) -> Option<Vec<u8>> {
    fs::symlink_metadata(path).ok().filter(fs::Metadata::is_file)?;
    fs::read(path).ok()
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> hmac::Key {
        hmac::Key::new(hmac::HMAC_SHA256, b"0123456789abcdef0123456789abcdef")
    }

    #[test]
    fn only_a_sealed_unchanged_manifest_is_believed() {
        let dir = tempfile::tempdir().unwrap();
        let mut entries = BTreeMap::new();
        entries.insert("a/index.html".to_string(), Entry { hash: 7, size: 3 });
        let seal = write(&key(), dir.path(), &entries, false).unwrap();
        let m = verify(&key(), dir.path(), &seal).unwrap();
        assert_eq!(m.entries.len(), 1);
        let other = hmac::Key::new(hmac::HMAC_SHA256, b"another key, another work folder");
        assert!(verify(&other, dir.path(), &seal).is_none(), "another key");
        let (time, tag) = seal.trim_end().split_once(' ').unwrap();
        let later = format!("{} {tag}", time.parse::<u128>().unwrap() + 1);
        assert!(verify(&key(), dir.path(), &later).is_none(), "a moved time");
        let text = fs::read_to_string(dir.path().join(MARKER)).unwrap();
        fs::write(dir.path().join(MARKER), text.replace(" 3 a/", " 4 a/")).unwrap();
        assert!(verify(&key(), dir.path(), &seal).is_none(), "an edited manifest");
    }

    #[test]
    fn paths_that_leave_the_folder_make_a_manifest_unreadable() {
        for bad in ["../x", "/etc/passwd", "a//b", "a/./b", "a\\b", ""] {
            let text = format!("{HEADER}\n{:032x} 1 {bad}\n", 1);
            assert!(parse(&text).is_none(), "{bad:?}");
        }
        assert!(parse(&format!("{HEADER}\n{:032x} 1 a/b.html\n", 1)).is_some());
    }
}
