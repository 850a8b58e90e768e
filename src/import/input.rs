//! Reading an input file: refusing what cannot be a saved page (too big, binary, not UTF-8),
//! telling plain text, Markdown and HTML apart, the day the file was saved, and a web
//! clipper's front matter.

use super::dates;
use crate::diag::{line_col, Diagnostic, Location};
use std::path::Path;

/// Largest input accepted. A saved article is tens of kilobytes; anything this big is a
/// whole site dump or the wrong file, and parsing it would only produce nonsense slowly.
pub const MAX_INPUT_BYTES: u64 = 5 * 1024 * 1024;

/// The day the file was last modified, in UTC: the year of a dateline that has none.
pub(crate) fn file_day(file: &Path) -> Option<jiff::civil::Date> {
    let modified = std::fs::metadata(file).ok()?.modified().ok()?;
    let ts = jiff::Timestamp::try_from(modified).ok()?;
    Some(ts.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
}

/// How a saved page is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    PlainText,
    Markdown,
    Html,
}

pub(crate) fn format_of(path: &Path, text: &str) -> Format {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Format::Html,
        "md" | "markdown" => Format::Markdown,
        _ => {
            let head: String = text.trim_start().chars().take(20).collect::<String>().to_ascii_lowercase();
            if head.starts_with("<!doctype html") || head.starts_with("<html") {
                Format::Html
            } else {
                Format::PlainText
            }
        }
    }
}

/// Reads an input, refusing what cannot be a saved page: too big, binary, not UTF-8. Returns
/// the text with any BOM removed and `\n` line endings.
pub(crate) fn read_input(file: &Path, shown: &Path) -> Result<String, Box<Diagnostic>> {
    let at_file = || Some(Location::file(shown));
    let fail = |d: Diagnostic| -> Result<String, Box<Diagnostic>> { Err(Box::new(d)) };
    let meta = std::fs::metadata(file)
        .map_err(|e| Diagnostic::error(at_file(), format!("cannot read the file: {e}")))?;
    if meta.is_dir() {
        return fail(
            Diagnostic::error(at_file(), "is a folder, not a saved page")
                .with_help("pass the files inside it, for example `folder/*.txt`"),
        );
    }
    if meta.len() > MAX_INPUT_BYTES {
        return fail(
            Diagnostic::error(
                at_file(),
                format!(
                    "the file is {:.1} MB, more than the {} MB a saved article can be",
                    meta.len() as f64 / 1_048_576.0,
                    MAX_INPUT_BYTES / 1_048_576
                ),
            )
            .with_help("save only the article's page; a file this big is a whole archive or the wrong file"),
        );
    }
    let bytes = std::fs::read(file)
        .map_err(|e| Diagnostic::error(at_file(), format!("cannot read the file: {e}")))?;
    // Windows tools save "Unicode" text as UTF-16 with a byte order mark.
    let bytes = match utf16_text(&bytes) {
        Some(text) => text.into_bytes(),
        None => bytes,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return fail(
            Diagnostic::error(at_file(), "the file is empty")
                .with_help("save the page's text into the file, then import it again"),
        );
    }
    if let Some(nul) = bytes.iter().take(64 * 1024).position(|&b| b == 0) {
        let (line, column, _) = line_col(&String::from_utf8_lossy(&bytes[..nul]), nul);
        let _ = column;
        return fail(
            Diagnostic::error(
                Some(Location::at(shown, line, 0)),
                "this is a binary file (it contains NUL bytes), not a saved page",
            )
            .with_help("import the page saved as text, Markdown or HTML"),
        );
    }
    match crate::diag::decode_text(bytes) {
        Ok(text) => Ok(text),
        Err((line, column)) => fail(
            Diagnostic::error(
                Some(Location::at(shown, line, column)),
                "the file is not valid UTF-8 (saved in another encoding, or not text)",
            )
            .with_help("save the page as UTF-8 text and import it again"),
        ),
    }
}

/// Decodes UTF-16 text that starts with a byte order mark; `None` for anything else.
fn utf16_text(bytes: &[u8]) -> Option<String> {
    let little = match bytes {
        [0xff, 0xfe, ..] => true,
        [0xfe, 0xff, ..] => false,
        _ => return None,
    };
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|p| if little { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) })
        .collect();
    String::from_utf16(&units).ok()
}

/// What a web clipper's front matter says about the page.
#[derive(Debug, Default)]
pub(crate) struct ClippedMetadata {
    /// 1-based line where the text below the front matter starts.
    pub(crate) body_line: usize,
    /// The page title and the line it is on.
    pub(crate) title: Option<(String, usize)>,
    /// The page's address.
    pub(crate) url: Option<String>,
    pub(crate) author: Option<String>,
    /// A publication date capbrief can read as it is (YYYY-MM-DD or RFC 3339).
    pub(crate) date: Option<String>,
}

/// Reads a clipper's front matter. A file whose front matter is already a capbrief
/// briefing's is refused: importing it again would only lose its fields.
pub(crate) fn clipped_metadata(text: &str, shown: &Path) -> Result<ClippedMetadata, Box<Diagnostic>> {
    let split = crate::content::split(text, shown).map_err(Box::new)?;
    let origin = crate::yaml::Origin { path: shown, file_text: text, line_offset: split.yaml_line_offset };
    if let Ok(fm) = crate::yaml::parse::<crate::content::FrontMatter>(split.yaml, origin) {
        if fm.title.is_some() && fm.date.is_some() {
            return Err(Box::new(
                Diagnostic::error(
                    Some(Location::at(shown, 1, 1)),
                    "this file already has capbrief front matter: it is a briefing, not a saved page",
                )
                .with_snippet("---")
                .with_help("copy it into content/ as it is"),
            ));
        }
    }
    let yaml: serde_yaml::Value = crate::yaml::parse(split.yaml, origin).map_err(Box::new)?;
    let field = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| match yaml.get(*k)? {
            serde_yaml::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            serde_yaml::Value::Sequence(items) => items.first()?.as_str().map(|s| s.trim().to_string()),
            _ => None,
        })
    };
    let title = field(&["title"]).map(|t| {
        let line = crate::yaml::locate(split.yaml, &["title"]).map_or(1, |l| l + split.yaml_line_offset);
        (t, line)
    });
    let url =
        field(&["source", "url", "link"]).filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    // Clippers write `[[Name]]` links for authors.
    let author = field(&["author", "authors", "byline"])
        .map(|a| a.trim_start_matches("[[").trim_end_matches("]]").trim().to_string());
    let date =
        field(&["published", "date"]).filter(|d| crate::content::PageDate::parse(d).is_ok()).or_else(|| {
            field(&["published", "date"]).and_then(|d| dates::parse_date_line(&d).ok()).map(|p| p.value)
        });
    Ok(ClippedMetadata { body_line: split.body_line, title, url, author, date })
}
