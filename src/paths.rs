//! Site paths: checks that a slug, alias or output path stays inside the output folder and is
//! portable, and the collision key under which two paths are the same file on some system.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// Names Windows reserves in any folder, with or without an extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
    "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The longest path segment (slug, alias part) in bytes: file systems allow 255 per name,
/// and a folder name also carries what the build adds.
pub const MAX_SEGMENT_BYTES: usize = 200;

/// Checks one path segment (a slug): no separators, no `.`/`..`, no characters that some
/// file systems refuse, no reserved device names, nothing a URL cannot carry to it (`#`,
/// `?`, an escape that decodes to a separator or a dot), no invisible characters that make
/// one URL look like another, at most [`MAX_SEGMENT_BYTES`].
pub fn check_segment(seg: &str) -> Result<(), String> {
    if seg.is_empty() {
        return Err("has an empty path segment".into());
    }
    if seg == "." || seg == ".." {
        return Err(format!("`{seg}` would leave its folder"));
    }
    if let Some(c) = seg
        .chars()
        .find(|c| matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control())
    {
        return Err(format!("contains `{}`, which is not allowed in a path", c.escape_default()));
    }
    if seg.contains('#') {
        return Err("contains `#`, which starts a URL fragment: no link could reach the page".into());
    }
    if let Some(c) = seg.chars().find(|&c| crate::url_policy::is_invisible(c)) {
        return Err(format!(
            "contains the invisible character U+{:04X} (zero-width or text-direction), so its URL \
             would look like another",
            u32::from(c)
        ));
    }
    if let Some(escape) = escape_of_separator(seg) {
        return Err(format!(
            "contains `{escape}`, an escape for a separator or a dot, which servers decode before \
             they look for the file"
        ));
    }
    if seg.len() > MAX_SEGMENT_BYTES {
        return Err(format!(
            "is {} bytes long; at most {MAX_SEGMENT_BYTES} are allowed in one path segment",
            seg.len()
        ));
    }
    let stem = seg.split('.').next().unwrap_or(seg).to_ascii_lowercase();
    if RESERVED.contains(&stem.as_str()) {
        return Err(format!("`{seg}` is a reserved device name on Windows"));
    }
    if seg.ends_with('.') || seg.ends_with(' ') {
        return Err("ends with a dot or space, which Windows drops".into());
    }
    Ok(())
}

/// The first `%XX` escape in `seg` that decodes to `/`, `\\`, `.` or a control character.
fn escape_of_separator(seg: &str) -> Option<&str> {
    seg.match_indices('%').find_map(|(i, _)| {
        let hex = seg.get(i + 1..i + 3)?;
        let byte = u8::from_str_radix(hex, 16).ok()?;
        (matches!(byte, b'/' | b'\\' | b'.') || byte.is_ascii_control()).then(|| &seg[i..i + 3])
    })
}

/// URL slug of a taxonomy term or a company name (`9988.HK` → `9988-hk`, `Alphabet Inc.` →
/// `alphabet-inc`): one function, because a company's figures page and its `companies` term
/// page are reached by the same slug.
pub fn term_slug(name: &str) -> String {
    let s = slug::slugify(name.trim());
    if s.is_empty() {
        "term".into()
    } else {
        s
    }
}

/// Bytes a URL path cannot hold as they are: controls, space, `%`, quotes, brackets and the
/// rest below; every non-ASCII byte is escaped as well.
const NOT_IN_URL_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'[')
    .add(b']');

/// A site path as it goes into a URL: bytes a URL path cannot hold as they are (spaces,
/// `%`, quotes, brackets, control and non-ASCII characters) percent-encoded, so a page at
/// `Briefings 2025/50%-rise/` is linked as `Briefings%202025/50%25-rise/`. `?` and `#` are
/// kept: no page path holds them (slugs and aliases refuse them), and a template may add a
/// query or fragment to a path.
pub fn url_path(path: &str) -> Cow<'_, str> {
    utf8_percent_encode(path, NOT_IN_URL_PATH).into()
}

/// `%XX` escapes decoded, once (so `%252e` is the text `%2e`); a `%` not followed by two hex
/// digits stays as written, and bytes that do not form UTF-8 become U+FFFD.
pub fn percent_decode(text: &str) -> Cow<'_, str> {
    percent_decode_str(text).decode_utf8_lossy()
}

/// Checks a site path such as an alias (`/2025/old-url/` or `old.html`): relative to the
/// site root, every segment safe, no scheme, no query.
pub fn check_site_path(path: &str) -> Result<(), String> {
    let p = path.trim();
    if p.contains("://") || p.starts_with("//") {
        return Err("must be a path on this site, not a URL".into());
    }
    if p.contains(['?', '#']) {
        return Err("must not contain a query or fragment".into());
    }
    let inner = p.trim_matches('/');
    if inner.is_empty() {
        return Err("would replace the home page".into());
    }
    for seg in inner.split('/') {
        check_segment(seg)?;
    }
    Ok(())
}

/// Checks a path below the output folder as recorded in a manifest or journal: relative,
/// `/`-separated, no empty, `.` or `..` segments.
pub fn check_output_path(path: &str) -> Result<(), String> {
    if path.is_empty() || path.starts_with('/') || path.contains('\\') || path.contains('\0') {
        return Err("not a relative output path".into());
    }
    if path.split('/').any(|s| s.is_empty() || s == "." || s == "..") {
        return Err("has an empty, `.` or `..` segment".into());
    }
    Ok(())
}

/// The output file of a site path: `briefings/x/` → `briefings/x/index.html`, `` → `index.html`.
pub fn file_for(path: &str) -> String {
    if path.is_empty() {
        "index.html".into()
    } else if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The key under which two output paths collide on case-insensitive or
/// normalisation-insensitive file systems (macOS, Windows).
pub fn collision_key(path: &str) -> String {
    path.nfc().collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_escapes_and_reserved() {
        for bad in ["..", "a/b", "CON", "nul.txt", "a:b", "x?", "a|b", "trail."] {
            assert!(check_segment(bad).is_err(), "{bad}");
        }
        assert!(check_segment("meta-60-65-billion").is_ok());
        for bad in ["../x", "/a/../../b", "https://evil.com/", "//evil.com", "/", "a/CON/b"] {
            assert!(check_site_path(bad).is_err(), "{bad}");
        }
        assert!(check_site_path("/2025/02/old-title/").is_ok());
    }

    #[test]
    fn refuses_what_no_link_could_reach_or_what_looks_like_another_url() {
        let long = "a".repeat(MAX_SEGMENT_BYTES + 1);
        for bad in [
            "a#b",
            "a%2Fb",
            "a%2fb",
            "%2e%2e",
            "%2E",
            "a%5Cb",
            "a%00b",
            "pay\u{200b}pal",
            "abc\u{202e}fdp.exe",
            "x\u{2066}y",
            "\u{feff}x",
            long.as_str(),
        ] {
            assert!(check_segment(bad).is_err(), "{bad:?}");
        }
        for ok in ["50%-rise", "a%41", "caf\u{e9}", "Briefings 2025", &"a".repeat(MAX_SEGMENT_BYTES)] {
            assert!(check_segment(ok).is_ok(), "{ok:?}");
        }
        assert!(check_site_path("/old/a%2Fb/").is_err());
    }

    #[test]
    fn url_paths_encode_what_a_url_cannot_hold() {
        assert_eq!(url_path("briefings/x/"), "briefings/x/");
        assert_eq!(url_path("Briefings 2025/50%-rise/"), "Briefings%202025/50%25-rise/");
        assert_eq!(url_path("caf\u{e9}/a%41/"), "caf%C3%A9/a%2541/");
        assert_eq!(url_path("x/?q=1#top"), "x/?q=1#top");
    }

    #[test]
    fn collision_key_folds_case_and_normalisation() {
        assert_eq!(collision_key("Caf\u{e9}/index.html"), collision_key("cafe\u{301}/INDEX.html"));
    }
}
