//! Output scanners shared by the security tests: finds executable HTML (script elements
//! the theme did not write, event-handler attributes, script URLs, JSON-LD breakouts) in
//! every output file, and checks that XML files parse.
#![allow(dead_code)]

use capbrief::html::{self, Token};
use std::path::Path;

/// Every text output file below `public`, as (relative path, text).
pub(crate) fn output_files(public: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(public).sort_by_file_name() {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e.path().strip_prefix(public).unwrap().to_string_lossy().replace('\\', "/");
        if let Ok(text) = std::fs::read_to_string(e.path()) {
            out.push((rel, text));
        }
    }
    out
}

/// Elements no sanitised output may contain.
const FORBIDDEN_TAGS: &[&str] = &[
    "iframe", "object", "embed", "form", "style", "base", "frame", "frameset", "applet", "svg", "math",
    "isindex", "noscript", "template", "marquee", "button",
];

/// Whether a URL attribute value runs script when followed or loaded.
fn is_script_url(value: &str) -> bool {
    let v: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    v.starts_with("javascript:")
        || v.starts_with("vbscript:")
        || (v.starts_with("data:") && !v.starts_with("data:image/"))
        || v.starts_with("data:image/svg")
}

/// `html` without the theme's own chrome: its deferred scripts in `<head>` (`search.js`,
/// and `capex.js` that sorts the comparison table), the search box in the header (before
/// `<main`), and the form of a search page. Content can reach none of these places;
/// everything else is scanned as it is.
fn without_theme_search(file: &str, html: &str) -> String {
    let mut out = html.to_string();
    for script in ["search.js", "capex.js"] {
        let head_end = out.find("</head>").unwrap_or(0);
        let mut from = 0;
        while let Some(at) = out[from..head_end].find("<script src=\"").map(|i| from + i) {
            let end = out[at..].find("</script>").map(|e| at + e + "</script>".len());
            match end.filter(|&e| out[at..e].ends_with(&format!("{script}\" defer></script>"))) {
                Some(end) => {
                    out.replace_range(at..end, "");
                    break;
                }
                None => from = at + 1,
            }
        }
    }
    let cut = |out: &mut String, opening: &str, before: usize| {
        if let Some(at) = out[..before.min(out.len())].find(opening) {
            if let Some(end) = out[at..].find("</form>").map(|e| at + e + "</form>".len()) {
                out.replace_range(at..end, "");
            }
        }
    };
    let main = out.find("<main").unwrap_or(0);
    cut(&mut out, "<form class=\"search-box\" role=\"search\"", main);
    if file == "search/index.html" || file.ends_with("/search/index.html") {
        let page = out.find("<div class=\"search-layout\">").unwrap_or(0);
        cut(&mut out, "<form class=\"search-page-form\" role=\"search\"", page);
    }
    out
}

/// Problems found in one HTML document (or fragment), read by the crate's parser (html5ever's
/// tokenizer): attribute values come with their character references decoded, a script's text
/// ends where a browser ends it, and every tag counts wherever it stands (a fragment may land
/// inside a table in a feed reader).
pub(crate) fn scan_html(file: &str, html: &str) -> Vec<String> {
    let html = &without_theme_search(file, html);
    let mut problems = Vec::new();
    // The text of the JSON-LD script being read, if one is open.
    let mut json_ld: Option<String> = None;
    html::for_each_token(html, |token| match token {
        Token::Comment(c) => problems.push(format!("{file}: HTML comment <!--{c}-->")),
        Token::Text(t) => {
            if let Some(body) = json_ld.as_mut() {
                body.push_str(t);
            }
        }
        Token::End(_) => {
            if let Some(body) = json_ld.take() {
                if body.contains('<') {
                    problems.push(format!("{file}: `<` inside JSON-LD: {body}"));
                }
                if serde_json::from_str::<serde_json::Value>(&body).is_err() {
                    problems.push(format!("{file}: JSON-LD does not parse: {body}"));
                }
            }
        }
        Token::Start(tag) => scan_tag(file, &tag, &mut json_ld, &mut problems),
    });
    if let Some(body) = json_ld {
        problems.push(format!("{file}: JSON-LD script never closed: {body}"));
    }
    problems
}

fn scan_tag(file: &str, tag: &html::StartTag<'_>, json_ld: &mut Option<String>, problems: &mut Vec<String>) {
    let name = tag.name();
    let attrs: Vec<(&str, &str)> = tag.attrs().collect();
    let tag_text =
        format!("<{name}{}>", attrs.iter().map(|(n, v)| format!(" {n}=\"{v}\"")).collect::<String>());
    for &(an, value) in &attrs {
        if an.starts_with("on") {
            problems.push(format!("{file}: event handler `{an}` in {tag_text}"));
        }
        if matches!(
            an,
            "href" | "src" | "action" | "formaction" | "xlink:href" | "data" | "poster" | "background"
        ) && is_script_url(value)
        {
            problems.push(format!("{file}: script URL in {tag_text}"));
        }
        if an == "srcdoc" {
            problems.push(format!("{file}: srcdoc in {tag_text}"));
        }
        if an == "style" {
            let v = value.to_ascii_lowercase();
            if v.contains("javascript") || v.contains("expression(") || v.contains("url(") {
                problems.push(format!("{file}: style with a URL or script in {tag_text}"));
            }
        }
        if an == "content"
            && attrs.iter().any(|(n, v)| *n == "http-equiv" && v.eq_ignore_ascii_case("refresh"))
        {
            let url = value.split_once("url=").map_or("", |(_, u)| u);
            if is_script_url(url) {
                problems.push(format!("{file}: script URL in refresh {tag_text}"));
            }
        }
    }
    if name == "script" {
        if attrs == [("type", "application/ld+json")] {
            *json_ld = Some(String::new());
        } else {
            problems.push(format!("{file}: script element {tag_text}"));
        }
    }
    if FORBIDDEN_TAGS.contains(&name) {
        problems.push(format!("{file}: forbidden element {tag_text}"));
    }
    if name == "meta" && attrs.iter().any(|(n, _)| *n == "http-equiv") && !file.ends_with("index.html") {
        problems.push(format!("{file}: meta http-equiv outside a redirect page: {tag_text}"));
    }
}

/// Parses an XML file with quick-xml; returns the problems, and scans the HTML of each
/// `<content type="html">` as a feed reader would render it.
pub(crate) fn scan_xml(file: &str, xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut problems = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut in_html = false;
    let mut html = String::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                depth += 1;
                let name = e.name().as_ref().to_ascii_lowercase();
                if name == "script" {
                    problems.push(format!("{file}: script element in XML"));
                }
                in_html = name == "content"
                    && e.attributes()
                        .flatten()
                        .any(|a| a.key.as_ref() == "type" && a.value.as_ref() == "html");
            }
            Ok(Event::Empty(e)) => {
                let name = e.name().as_ref().to_ascii_lowercase();
                if name == "script" {
                    problems.push(format!("{file}: script element in XML"));
                }
            }
            Ok(Event::End(_)) => {
                depth = depth.saturating_sub(1);
                if in_html {
                    problems.extend(scan_html(&format!("{file} (feed content)"), &html));
                    html.clear();
                    in_html = false;
                }
            }
            Ok(Event::Text(t)) if in_html => html.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) => {
                let raw = format!("&{};", r.xml10_content());
                match quick_xml::escape::unescape(&raw) {
                    Ok(c) if in_html => html.push_str(&c),
                    Ok(_) => {}
                    Err(e) => problems.push(format!("{file}: bad reference {raw}: {e}")),
                }
            }
            Ok(Event::CData(_)) => problems.push(format!("{file}: CDATA section")),
            Ok(_) => {}
            Err(e) => {
                problems.push(format!("{file}: not well-formed XML at {}: {e}", reader.buffer_position()));
                break;
            }
        }
    }
    if depth != 0 {
        problems.push(format!("{file}: unbalanced XML"));
    }
    for c in xml.chars() {
        let code = c as u32;
        if (code < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}' {
            problems.push(format!("{file}: character U+{code:04X} is not allowed in XML"));
            break;
        }
    }
    problems
}

/// Scans every output file; returns all problems found.
pub(crate) fn scan_site(public: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for (rel, text) in output_files(public) {
        if rel.ends_with(".html") {
            problems.extend(scan_html(&rel, &text));
        } else if rel.ends_with(".xml") {
            problems.extend(scan_xml(&rel, &text));
        }
    }
    problems
}

/// Fails if any output file is a symlink, or shares its inode with another file of the
/// output (a file may share one with capbrief's spare copy of the previous build in the work
/// folder beside the output; an archive of the output holds it as a plain file).
pub(crate) fn assert_plain_files(public: &Path) {
    use std::os::unix::fs::MetadataExt;
    let mut inodes = std::collections::HashMap::new();
    for e in walkdir::WalkDir::new(public) {
        let e = e.unwrap();
        let meta = std::fs::symlink_metadata(e.path()).unwrap();
        assert!(!meta.file_type().is_symlink(), "symlink in output: {}", e.path().display());
        if meta.is_file() {
            if let Some(other) = inodes.insert((meta.dev(), meta.ino()), e.path().to_path_buf()) {
                panic!("hard link in output: {} and {}", e.path().display(), other.display());
            }
        }
    }
}
