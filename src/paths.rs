//! Site paths: checks that a slug, alias or output path stays inside the output folder and is
//! portable, and the collision key under which two paths are the same file on some system.

use unicode_normalization::UnicodeNormalization;

/// Names Windows reserves in any folder, with or without an extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
    "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Checks one path segment (a slug): no separators, no `.`/`..`, no characters that some
/// file systems refuse, no reserved device names.
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
    let stem = seg.split('.').next().unwrap_or(seg).to_ascii_lowercase();
    if RESERVED.contains(&stem.as_str()) {
        return Err(format!("`{seg}` is a reserved device name on Windows"));
    }
    if seg.ends_with('.') || seg.ends_with(' ') {
        return Err("ends with a dot or space, which Windows drops".into());
    }
    Ok(())
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
    fn collision_key_folds_case_and_normalisation() {
        assert_eq!(collision_key("Caf\u{e9}/index.html"), collision_key("cafe\u{301}/INDEX.html"));
    }
}
