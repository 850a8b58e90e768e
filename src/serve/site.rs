//! The served site: one complete build held in memory, every file's bytes included (copied
//! static files are read when the build is taken, never when a request comes), and the
//! mapping from a request path to one of its files. Only paths the build produced can be
//! answered, so a request can never name a file outside the output.

use crate::output::{OutputBody, OutputFile};
use crate::Built;
use bytes::Bytes;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// One complete build.
#[derive(Debug)]
pub(crate) struct Site {
    /// The path the site lives under (`/` or `/repo/`).
    pub(crate) base_path: String,
    /// Sorted by path (as a build hands them over: a save swaps them in without indexing
    /// tens of thousands of paths again).
    files: Arc<Vec<(String, Bytes)>>,
    /// The search index, sorted by path: made in the background after a build is served,
    /// the previous build's until then.
    search: Arc<[(String, Bytes)]>,
}

/// What a request path refers to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// An output file (its path below the output root).
    File(String),
    /// A folder asked for without its trailing slash, or the root outside the base path.
    Redirect(String),
    /// Nothing here.
    Missing,
    /// Not a path this server will ever look up (traversal, NUL, backslash, bad escape…).
    Invalid,
}

/// A build's file bytes as `Bytes`, sharing the build's allocation.
struct Shared(std::sync::Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        self.0.as_slice()
    }
}

/// The static files read for earlier builds of the session, so a save re-reads only files
/// that changed (by size and modification time).
#[derive(Debug, Default)]
pub(crate) struct StaticFiles {
    read: HashMap<PathBuf, (u64, Option<SystemTime>, Bytes)>,
}

impl StaticFiles {
    /// The bytes of `src`, read now unless unchanged since the last read. A symbolic link at
    /// `src` itself is not followed (the build already refused links that leave the site).
    fn bytes(&mut self, src: &Path) -> std::io::Result<Bytes> {
        let meta = std::fs::metadata(src)?;
        let (len, modified) = (meta.len(), meta.modified().ok());
        if let Some((l, m, bytes)) = self.read.get(src) {
            if *l == len && *m == modified && modified.is_some() {
                return Ok(bytes.clone());
            }
        }
        let bytes = Bytes::from(read_no_follow(src)?);
        self.read.insert(src.to_path_buf(), (len, modified, bytes.clone()));
        Ok(bytes)
    }
}

#[cfg(unix)]
fn read_no_follow(src: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW).open(src)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(not(unix))]
fn read_no_follow(src: &Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(src)
}

impl Site {
    /// A site with no files, served until the first build succeeds.
    pub(crate) fn empty() -> Self {
        Site { base_path: "/".into(), files: Arc::default(), search: Arc::from([]) }
    }

    /// Takes a finished build's files, reading copied static files into memory (the rest of
    /// the build is left to the caller, to let go of when the reload has been sent). Fails,
    /// naming the file, when a static file cannot be read: the last good site then stays.
    pub(crate) fn from_built(built: &mut Built, statics: &mut StaticFiles) -> Result<Self, String> {
        let base_path = built.config.base_path.clone();
        let mut files = Vec::with_capacity(built.files.len());
        let mut used = std::collections::HashSet::new();
        for OutputFile { path, body } in std::mem::take(&mut built.files) {
            let bytes = match body {
                OutputBody::Bytes(b) => Bytes::from_owner(Shared(b)),
                OutputBody::Copy(src) => {
                    let bytes = statics.bytes(&src).map_err(|e| {
                        format!("cannot read `{}` for the preview: {e}", crate::shown(&src).display())
                    })?;
                    used.insert(src);
                    bytes
                }
            };
            files.push((path, bytes));
        }
        // Already sorted by the build; a sorted list stays as it is.
        if !files.is_sorted_by(|a, b| a.0 < b.0) {
            files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        }
        statics.read.retain(|src, _| used.contains(src));
        Ok(Site { base_path, files: Arc::new(files), search: Arc::from([]) })
    }

    /// This site with `index` as its search index files (made after the build, in the
    /// background; sorted by path, their bytes in memory).
    pub(crate) fn with_search_index(&self, index: Arc<[(String, Bytes)]>) -> Self {
        Site { base_path: self.base_path.clone(), files: self.files.clone(), search: index }
    }

    /// Keeps serving `previous`'s search index until this build's own is made.
    pub(crate) fn keep_search_index(&mut self, previous: &Site) {
        self.search = previous.search.clone();
    }

    /// The bytes of an output file (shared, not copied).
    pub(crate) fn get(&self, path: &str) -> Option<Bytes> {
        fn found(files: &[(String, Bytes)], path: &str) -> Option<Bytes> {
            let i = files.binary_search_by(|f| f.0.as_str().cmp(path)).ok()?;
            files.get(i).map(|f| f.1.clone())
        }
        found(&self.files, path).or_else(|| found(&self.search, path))
    }

    /// An output file of the build as bytes in memory, for files made outside a build (the
    /// search index): rendered bytes are shared, a copied file is read now.
    pub(crate) fn file_bytes(file: OutputFile) -> Option<(String, Bytes)> {
        let bytes = match file.body {
            OutputBody::Bytes(b) => Bytes::from_owner(Shared(b)),
            OutputBody::Copy(src) => Bytes::from(read_no_follow(&src).ok()?),
        };
        Some((file.path, bytes))
    }

    fn contains(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Whether there is anything to serve.
    pub(crate) fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Maps a request target (path and query, as sent) to a file of this site.
    pub(crate) fn resolve(&self, target: &str) -> Resolved {
        let (raw_path, query) = match target.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (target, None),
        };
        let Some(path) = decode_path(raw_path) else {
            return Resolved::Invalid;
        };
        let base = self.base_path.as_str();
        let rel = if let Some(rel) = path.strip_prefix(base) {
            rel
        } else if path == base.trim_end_matches('/') || path == "/" {
            return Resolved::Redirect(base.to_string());
        } else {
            return Resolved::Missing;
        };
        if rel.is_empty() || rel.ends_with('/') {
            let index = format!("{rel}index.html");
            return if self.contains(&index) { Resolved::File(index) } else { Resolved::Missing };
        }
        if self.contains(rel) {
            return Resolved::File(rel.to_string());
        }
        if self.contains(&format!("{rel}/index.html")) {
            // Keep the path as the client encoded it: it was validated above.
            let mut location = format!("{raw_path}/");
            if let Some(q) = query {
                location.push('?');
                location.push_str(q);
            }
            return Resolved::Redirect(location);
        }
        Resolved::Missing
    }
}

/// Percent-decodes a request path and refuses anything that could step outside the site or
/// that no output file can be named: `.`/`..` and empty segments, backslashes, NUL and other
/// control characters, invalid escapes and non-UTF-8. Decoding happens once, so `%252e`
/// stays the literal text `%2e`.
pub(crate) fn decode_path(raw: &str) -> Option<String> {
    if !raw.starts_with('/') {
        return None;
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    let path = String::from_utf8(out).ok()?;
    if path.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let segments: Vec<&str> = path[1..].split('/').collect();
    let last = segments.len() - 1;
    for (n, seg) in segments.iter().enumerate() {
        if *seg == "." || *seg == ".." || (seg.is_empty() && n != last) || seg.contains(':') {
            return None;
        }
    }
    Some(path)
}

/// The `Content-Type` for an output path.
pub(crate) fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Inserts `snippet` before the last `</body>` (any case), or at the end when there is none.
pub(crate) fn inject(html: &[u8], snippet: &str) -> Vec<u8> {
    let lower = html.to_ascii_lowercase();
    let at = lower.windows(7).rposition(|w| w == b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(base: &str, paths: &[&str]) -> Site {
        let mut files: Vec<(String, Bytes)> = paths.iter().map(|p| (p.to_string(), Bytes::new())).collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Site { base_path: base.into(), files: Arc::new(files), search: Arc::from([]) }
    }

    #[test]
    fn resolves_files_folders_and_redirects() {
        let s = site("/", &["index.html", "a/index.html", "style.css", "404.html"]);
        assert_eq!(s.resolve("/"), Resolved::File("index.html".into()));
        assert_eq!(s.resolve("/a/"), Resolved::File("a/index.html".into()));
        assert_eq!(s.resolve("/a"), Resolved::Redirect("/a/".into()));
        assert_eq!(s.resolve("/a?x=1"), Resolved::Redirect("/a/?x=1".into()));
        assert_eq!(s.resolve("/style.css?v=2"), Resolved::File("style.css".into()));
        assert_eq!(s.resolve("/st%79le.css"), Resolved::File("style.css".into()));
        assert_eq!(s.resolve("/nope"), Resolved::Missing);
    }

    #[test]
    fn keeps_the_base_path() {
        let s = site("/repo/", &["index.html", "a/index.html"]);
        assert_eq!(s.resolve("/"), Resolved::Redirect("/repo/".into()));
        assert_eq!(s.resolve("/repo"), Resolved::Redirect("/repo/".into()));
        assert_eq!(s.resolve("/repo/"), Resolved::File("index.html".into()));
        assert_eq!(s.resolve("/repo/a"), Resolved::Redirect("/repo/a/".into()));
        assert_eq!(s.resolve("/a/"), Resolved::Missing);
    }

    #[test]
    fn refuses_traversal_and_odd_bytes() {
        for p in [
            "/..",
            "/../x",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a/%2e%2e%2f%2e%2e%2fx",
            "/.",
            "/a/./b",
            "//etc/passwd",
            "/a\\..\\b",
            "/%5c..%5cx",
            "/a%00.html",
            "/%ZZ",
            "/%2",
            "/%c0%ae",
            "/C:/x",
            "relative",
            "*",
            "http://evil/",
        ] {
            assert_eq!(decode_path(p.split('?').next().unwrap()), None, "{p}");
        }
        // Double encoding decodes once: it names a file called `%2e%2e`, which does not exist.
        assert_eq!(decode_path("/%252e%252e/x").as_deref(), Some("/%2e%2e/x"));
    }

    #[test]
    fn injects_before_the_last_body_end() {
        assert_eq!(inject(b"<p>a</BODY></html>", "<s>"), b"<p>a<s></BODY></html>");
        assert_eq!(inject(b"<p>a", "<s>"), b"<p>a<s>");
    }

    #[test]
    fn types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.SVG"), "image/svg+xml");
        assert_eq!(content_type("f.woff2"), "font/woff2");
        assert_eq!(content_type("atom.xml"), "application/xml; charset=utf-8");
    }
}
