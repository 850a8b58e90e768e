//! Link resolution over a built output folder: scans each HTML file for the URLs it points
//! at and the fragment ids it offers, and decides whether every internal URL reaches a file
//! under the site's base path. Reads the folder; reports; never writes.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

/// One URL found in an HTML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundUrl {
    /// The attribute value, entity-decoded.
    pub url: String,
    /// The attribute it came from (`href`, `src`, `srcset`, `content`).
    pub attr: &'static str,
    /// 1-based line in the HTML file.
    pub line: usize,
}

/// What one HTML file links to and offers.
#[derive(Debug, Default, Clone)]
pub struct HtmlScan {
    /// Every URL in a linking attribute.
    pub urls: Vec<FoundUrl>,
    /// Every `id` (and `<a name>`), the targets a `#fragment` may name.
    pub ids: BTreeSet<String>,
    /// Whether the page is a `<meta http-equiv="refresh">` redirect (aliases, duplicates).
    pub is_redirect: bool,
}

/// An internal URL that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// Output file holding the link, `/`-separated below the output folder.
    pub page: String,
    /// The URL as written in the HTML.
    pub url: String,
    /// 1-based line in the output file.
    pub line: usize,
    /// Why it does not resolve.
    pub reason: String,
}

/// The result of checking an output folder.
#[derive(Debug, Default, Clone)]
pub struct LinkReport {
    /// Internal links that do not resolve.
    pub broken: Vec<BrokenLink>,
    /// HTML pages that no link from the home page reaches.
    pub orphans: Vec<String>,
    /// External URLs, each with the output pages that use it.
    pub external: BTreeMap<String, BTreeSet<String>>,
    /// Number of internal URLs checked.
    pub internal_checked: usize,
    /// Number of HTML files scanned.
    pub html_files: usize,
}

/// Where a URL leads.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// Nothing to check (`mailto:`, `data:`, `javascript:` …).
    Ignored,
    /// Outside the site.
    External(String),
    /// A path below the output folder (decoded, `/`-separated) and an optional fragment.
    Internal { path: String, fragment: Option<String> },
    /// Internal but unusable, with the reason.
    Invalid(String),
}

/// Checks every HTML file below `out` for a site published at `base_url` (ending in `/`).
pub fn check_dir(out: &Path, base_url: &str) -> std::io::Result<LinkReport> {
    let base_path = base_path_of(base_url);
    let mut files = BTreeSet::new();
    let mut scans = BTreeMap::new();
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = rel_path(out, entry.path());
        if rel.ends_with(".html") {
            let text = std::fs::read_to_string(entry.path())?;
            scans.insert(rel.clone(), scan_html(&text));
        }
        files.insert(rel);
    }
    let mut report = LinkReport { html_files: scans.len(), ..LinkReport::default() };
    let mut edges: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (page, scan) in &scans {
        for found in &scan.urls {
            match classify(&found.url, page, base_url, &base_path) {
                Target::Ignored => {}
                Target::External(url) => {
                    report.external.entry(url).or_default().insert(page.clone());
                }
                Target::Invalid(reason) => report.broken.push(BrokenLink {
                    page: page.clone(),
                    url: found.url.clone(),
                    line: found.line,
                    reason,
                }),
                Target::Internal { path, fragment } => {
                    report.internal_checked += 1;
                    match resolve_file(&path, &files) {
                        None => report.broken.push(BrokenLink {
                            page: page.clone(),
                            url: found.url.clone(),
                            line: found.line,
                            reason: format!("no file `{}` in the output", crate::paths::file_for(&path)),
                        }),
                        Some(file) => {
                            if let (Some(frag), Some(target)) = (&fragment, scans.get(&file)) {
                                if !frag.is_empty() && frag != "top" && !target.ids.contains(frag) {
                                    report.broken.push(BrokenLink {
                                        page: page.clone(),
                                        url: found.url.clone(),
                                        line: found.line,
                                        reason: format!("`{file}` has no element with id `{frag}`"),
                                    });
                                }
                            }
                            if file.ends_with(".html") {
                                edges.entry(page.as_str()).or_default().push(file);
                            }
                        }
                    }
                }
            }
        }
    }
    report.orphans = orphans(&scans, &edges);
    Ok(report)
}

/// HTML pages not reachable from `index.html` by following links (redirect pages and the
/// 404 page are not expected to be linked).
fn orphans(scans: &BTreeMap<String, HtmlScan>, edges: &BTreeMap<&str, Vec<String>>) -> Vec<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue: VecDeque<String> = VecDeque::new();
    for root in ["index.html", "404.html"] {
        if scans.contains_key(root) {
            seen.insert(root.to_string());
            queue.push_back(root.to_string());
        }
    }
    while let Some(page) = queue.pop_front() {
        for next in edges.get(page.as_str()).into_iter().flatten() {
            if seen.insert(next.clone()) {
                queue.push_back(next.clone());
            }
        }
    }
    scans.iter().filter(|(p, s)| !s.is_redirect && !seen.contains(*p)).map(|(p, _)| p.clone()).collect()
}

fn rel_path(base: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(base).unwrap_or(file);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// `/repo/` from `https://owner.github.io/repo/`.
fn base_path_of(base_url: &str) -> String {
    let rest = base_url.split_once("://").map(|(_, r)| r).unwrap_or(base_url);
    match rest.find('/') {
        Some(i) => {
            let p = &rest[i..];
            if p.ends_with('/') {
                p.to_string()
            } else {
                format!("{p}/")
            }
        }
        None => "/".to_string(),
    }
}

/// The output file a decoded path names, if it exists. A folder path serves its
/// `index.html`, as GitHub Pages does (with or without the trailing slash).
fn resolve_file(path: &str, files: &BTreeSet<String>) -> Option<String> {
    if path.is_empty() || path.ends_with('/') {
        let index = format!("{path}index.html");
        return files.contains(&index).then_some(index);
    }
    if files.contains(path) {
        return Some(path.to_string());
    }
    let index = format!("{path}/index.html");
    files.contains(&index).then_some(index)
}

fn classify(url: &str, page: &str, base_url: &str, base_path: &str) -> Target {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if url.is_empty() {
        return Target::Invalid("empty URL".into());
    }
    for scheme in ["mailto:", "tel:", "javascript:", "data:", "sms:", "about:"] {
        if lower.starts_with(scheme) {
            return Target::Ignored;
        }
    }
    let (host_and_path, is_absolute) = if let Some(rest) = lower.strip_prefix("https://") {
        (Some(&url[url.len() - rest.len()..]), true)
    } else if let Some(rest) = lower.strip_prefix("http://") {
        (Some(&url[url.len() - rest.len()..]), true)
    } else if lower.starts_with("//") {
        (Some(&url[2..]), true)
    } else {
        (None, false)
    };
    let site_host_and_path = base_url.split_once("://").map(|(_, r)| r).unwrap_or(base_url);
    let site_host = site_host_and_path.split('/').next().unwrap_or("");
    let path_part: String = if is_absolute {
        let rest = host_and_path.unwrap_or("");
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        if !host.eq_ignore_ascii_case(site_host) {
            return Target::External(url.to_string());
        }
        let after = &rest[host.len()..];
        if after.is_empty() {
            "/".into()
        } else {
            after.to_string()
        }
    } else if lower.contains(':') && !lower.starts_with(['/', '.', '#', '?']) && scheme_like(&lower) {
        // Some other scheme (ftp:, irc:): not ours to check.
        return Target::External(url.to_string());
    } else {
        url.to_string()
    };
    let (without_fragment, fragment) = match path_part.split_once('#') {
        Some((p, f)) => (p.to_string(), Some(crate::paths::percent_decode(f).into_owned())),
        None => (path_part.clone(), None),
    };
    let without_query = without_fragment.split('?').next().unwrap_or("").to_string();
    let joined = if without_query.starts_with('/') {
        match without_query.strip_prefix(base_path) {
            Some(rest) => rest.to_string(),
            None if format!("{without_query}/") == base_path => String::new(),
            None => {
                return Target::Invalid(format!(
                    "the path is outside the site's base path `{base_path}` (write it relative, or start it with `{base_path}`)"
                ))
            }
        }
    } else if page == "404.html" && !without_query.is_empty() && !is_absolute {
        // Pages serves 404.html for a missing path at any depth, where a relative URL breaks.
        return Target::Invalid(format!(
            "404.html is served at any depth, so its links must start with the base path `{base_path}`"
        ));
    } else if without_query.is_empty() {
        // `#frag` or `?q`: the page itself (its file path, encoded as the URL that reached it:
        // the join below is decoded once).
        crate::paths::url_path(page).into_owned()
    } else {
        let dir = page.rsplit_once('/').map(|(d, _)| format!("{d}/")).unwrap_or_default();
        format!("{}{without_query}", crate::paths::url_path(&dir))
    };
    match normalise(&crate::paths::percent_decode(&joined)) {
        Some(path) => Target::Internal { path, fragment },
        None => Target::Invalid("the path climbs above the site root".into()),
    }
}

fn scheme_like(lower: &str) -> bool {
    let scheme = lower.split(':').next().unwrap_or("");
    !scheme.is_empty()
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        && !scheme.contains('/')
}

/// Resolves `.` and `..` segments; `None` when the path leaves the root.
fn normalise(path: &str) -> Option<String> {
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..") || path == "..";
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if trailing && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Scans HTML for linking attributes and ids, reading it as browsers do (`html`): values
/// with every character reference decoded, no tags inside comments, scripts or styles.
pub fn scan_html(text: &str) -> HtmlScan {
    let mut scan = HtmlScan::default();
    crate::html::for_each_start_tag(text, |tag| {
        let name = tag.name();
        let line = tag.line;
        let mut found = |url: &str, attr: &'static str| {
            scan.urls.push(FoundUrl { url: url.to_string(), attr, line });
        };
        let mut refresh = false;
        for (attr, value) in tag.attrs() {
            match attr {
                "id" => {
                    scan.ids.insert(value.to_string());
                }
                "name" if name == "a" => {
                    scan.ids.insert(value.to_string());
                }
                "href" if matches!(name, "a" | "link" | "area") => found(value, "href"),
                "src"
                    if matches!(
                        name,
                        "img" | "script" | "iframe" | "source" | "audio" | "video" | "track" | "embed"
                    ) =>
                {
                    found(value, "src")
                }
                "poster" if name == "video" => found(value, "src"),
                "srcset" => {
                    for candidate in value.split(',') {
                        if let Some(url) = candidate.split_whitespace().next() {
                            found(url, "srcset");
                        }
                    }
                }
                "http-equiv" if name == "meta" && value.eq_ignore_ascii_case("refresh") => refresh = true,
                _ => {}
            }
        }
        if refresh {
            scan.is_redirect = true;
            if let Some(content) = tag.attr("content") {
                let lower = content.to_ascii_lowercase();
                if let Some(pos) = lower.find("url=") {
                    found(content[pos + 4..].trim().trim_matches(['\'', '"']), "content");
                }
            }
        }
    });
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_links_ids_and_lines() {
        let html = "<html>\n<a href=\"/r/a/?x=1&amp;y=2#top\" id=one>a</a>\n<!-- <a href=\"gone\"> -->\n\
                    <script>var s = '<a href=\"nope\">';</script>\n<img src='i.png' srcset=\"a.png 1x, b.png 2x\">";
        let scan = scan_html(html);
        let urls: Vec<_> = scan.urls.iter().map(|u| (u.url.as_str(), u.line)).collect();
        assert_eq!(urls, [("/r/a/?x=1&y=2#top", 2), ("i.png", 5), ("a.png", 5), ("b.png", 5)]);
        assert!(scan.ids.contains("one"));
    }

    #[test]
    fn classifies_under_base_path() {
        let base = "https://o.github.io/repo/";
        let bp = "/repo/";
        let t = |u: &str| classify(u, "briefings/x/index.html", base, bp);
        assert_eq!(t("/repo/a/"), Target::Internal { path: "a/".into(), fragment: None });
        assert!(matches!(t("/a/"), Target::Invalid(_)));
        assert_eq!(
            t("../y/#h"),
            Target::Internal { path: "briefings/y/".into(), fragment: Some("h".into()) }
        );
        assert_eq!(
            t("https://o.github.io/repo/z.css"),
            Target::Internal { path: "z.css".into(), fragment: None }
        );
        assert!(matches!(t("https://example.com/"), Target::External(_)));
        assert_eq!(t("mailto:a@b"), Target::Ignored);
        assert!(matches!(t("../../../../x"), Target::Invalid(_)));
        assert!(matches!(classify("style.css", "404.html", base, bp), Target::Invalid(_)));
        assert!(matches!(classify("/repo/style.css", "404.html", base, bp), Target::Internal { .. }));
        assert_eq!(t("%C3%A9.png"), Target::Internal { path: "briefings/x/é.png".into(), fragment: None });
    }
}
