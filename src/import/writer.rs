//! The imported briefing as a Markdown file: front matter written field by field in a fixed
//! order (checked against capbrief's own schema before anything is written), the file name
//! from the title, and a write that never replaces an existing file unless forced.

use crate::content::{self, RawCommitment};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Everything that goes into the front matter of an imported briefing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Briefing {
    pub(crate) title: String,
    /// RFC 3339 or `YYYY-MM-DD`; `None` when the page gave no readable date.
    pub(crate) date: Option<String>,
    /// Why there is no date, written as a comment where `date:` would be.
    pub(crate) date_comment: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) ai_generated: bool,
    pub(crate) draft: bool,
    /// The page's dek, as the listing summary.
    pub(crate) summary: Option<String>,
    pub(crate) lang: Option<String>,
    pub(crate) tickers: Vec<String>,
    pub(crate) companies: Vec<String>,
    pub(crate) source_name: Option<String>,
    pub(crate) source_url: Option<String>,
    pub(crate) imported: String,
    pub(crate) disclosure: Option<&'static str>,
    pub(crate) capex: Vec<RawCommitment>,
    pub(crate) body: String,
}

/// A YAML double-quoted scalar. JSON string syntax is a subset of it, so serde_json's
/// escaping is exactly right and leaves no room for YAML's implicit typing (`no`, `1e3`).
fn quoted(s: &str) -> String {
    escape_unprintable(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()))
}

/// JSON leaves DEL, the C1 control characters and U+FFFE/U+FFFF raw, but YAML allows them
/// in no scalar or comment; `\uXXXX` is the same escape in both.
fn escape_unprintable(s: &str) -> String {
    let unprintable =
        |c: char| c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) || c == '\u{fffe}' || c == '\u{ffff}';
    if !s.contains(unprintable) {
        return s.to_string();
    }
    s.chars()
        .map(|c| if unprintable(c) { format!("\\u{:04x}", u32::from(c)) } else { c.to_string() })
        .collect()
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", "))
}

/// The whole file text.
pub(crate) fn render(b: &Briefing) -> String {
    let mut y = String::from("---\n");
    y.push_str(&format!("title: {}\n", quoted(&b.title)));
    match (&b.date, &b.date_comment) {
        (Some(d), _) => y.push_str(&format!("date: {}\n", quoted(d))),
        (None, Some(c)) => y.push_str(&format!("# date: {}\n", escape_unprintable(&c.replace('\n', " ")))),
        (None, None) => {}
    }
    if b.draft {
        y.push_str("draft: true\n");
    }
    if let Some(a) = &b.author {
        y.push_str(&format!("author: {}\n", quoted(a)));
    }
    if b.ai_generated {
        y.push_str("ai_generated: true\n");
    }
    if let Some(s) = &b.summary {
        y.push_str(&format!("summary: {}\n", quoted(s)));
    }
    if let Some(l) = &b.lang {
        y.push_str(&format!("lang: {}\n", quoted(l)));
    }
    if !b.tickers.is_empty() {
        y.push_str(&format!("tickers: {}\n", list(&b.tickers)));
    }
    if !b.companies.is_empty() {
        y.push_str(&format!("companies: {}\n", list(&b.companies)));
    }
    y.push_str("source:\n");
    if let Some(n) = &b.source_name {
        y.push_str(&format!("  name: {}\n", quoted(n)));
    }
    // The build's URL policy: a URL it would refuse is left out, a kept one is cleaned.
    if let Some(u) = b.source_url.as_deref().and_then(|u| crate::url_policy::check_url(u).ok()) {
        y.push_str(&format!("  url: {}\n", quoted(u.as_str())));
    }
    y.push_str(&format!("  imported: {}\n", quoted(&b.imported)));
    if let Some(d) = b.disclosure {
        y.push_str(&format!("  disclosure: {}\n", quoted(d)));
    }
    if !b.capex.is_empty() {
        y.push_str("capex:\n");
        for c in &b.capex {
            y.push_str(&format!("  - company: {}\n", quoted(&c.company)));
            let amount = match &c.amount {
                serde_yaml::Value::String(s) => quoted(s),
                serde_yaml::Value::Number(n) => n.to_string(),
                other => quoted(&serde_yaml::to_string(other).unwrap_or_default()),
            };
            y.push_str(&format!("    amount: {amount}\n"));
            for (key, value) in [
                ("currency", &c.currency),
                ("period", &c.period),
                ("per", &c.per),
                ("announced", &c.announced),
                ("scope", &c.scope),
                ("quote", &c.quote),
            ] {
                if let Some(v) = value {
                    y.push_str(&format!("    {key}: {}\n", quoted(v)));
                }
            }
            // A draft says so, with what the drafter read: an editor reviews it, then
            // deletes `status`.
            if c.status == Some(content::EntryStatus::Drafted) {
                y.push_str("    status: drafted\n");
            }
            if let Some(class) = &c.class {
                y.push_str(&format!("    class: {}\n", quoted(class)));
            }
            if let Some(confidence) = c.confidence {
                y.push_str(&format!("    confidence: {confidence:.2}\n"));
            }
            if let Some(sentence) = &c.sentence {
                y.push_str(&format!("    sentence: {}\n", quoted(sentence)));
            }
        }
    }
    y.push_str("---\n\n");
    y.push_str(b.body.trim_start_matches('\n'));
    if !y.ends_with('\n') {
        y.push('\n');
    }
    y
}

/// Checks the rendered file against the front matter schema the build uses, so an import
/// never leaves a file that `capbrief build` rejects.
pub(crate) fn validate(text: &str, path: &Path) -> Result<(), String> {
    let split = content::split(text, path).map_err(|d| d.message)?;
    let origin = crate::yaml::Origin { path, file_text: text, line_offset: split.yaml_line_offset };
    crate::yaml::parse::<content::FrontMatter>(split.yaml, origin).map(|_| ()).map_err(|d| d.message)
}

/// The file name for a title: its slug, cut at a word boundary to keep paths short.
pub(crate) fn file_name(title: &str) -> String {
    const MAX: usize = 80;
    // `Oracle's` should give `oracles`, not `oracle-s`.
    let mut slug = slug::slugify(title.replace(['\'', '’'], ""));
    if slug.len() > MAX {
        let cut = slug[..MAX].rfind('-').unwrap_or(MAX);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        slug = "briefing".into();
    }
    format!("{slug}.md")
}

/// Why a file was not written.
#[derive(Debug)]
pub(crate) enum WriteError {
    /// The file is there already and `--force` was not given.
    Exists(PathBuf),
    /// The file system refused.
    Io(PathBuf, std::io::Error),
}

/// Writes `text` to `path`, creating folders. Without `force` the file must not exist (checked
/// by the create itself, so a file that appears meanwhile is not replaced either); with
/// `force` the new text goes to a temporary file that is then renamed over the old one.
pub(crate) fn write(path: &Path, text: &str, force: bool) -> Result<(), WriteError> {
    let io = |e| WriteError::Io(path.to_path_buf(), e);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    if !force {
        let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(WriteError::Exists(path.to_path_buf()))
            }
            Err(e) => return Err(io(e)),
        };
        return file.write_all(text.as_bytes()).and_then(|()| file.sync_all()).map_err(io);
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".import-tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, text).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn characters_yaml_forbids_are_escaped() {
        // Replays fuzz/regressions/import/noncharacter-in-clipped-title.md (U+FFFF in a title).
        let q = super::quoted("M:~ine\u{ffff} \u{5}\u{7f}\u{85}");
        assert_eq!(q, r#""M:~ine\uffff \u0005\u007f\u0085""#);
        let text = format!("---\ntitle: {q}\n---\n");
        assert!(super::validate(&text, std::path::Path::new("a.md")).is_ok());
    }

    use super::*;

    #[test]
    fn rendered_front_matter_is_valid_and_quoted() {
        let b = Briefing {
            title: "Meta: \"yes\" # to $65B?".into(),
            date: Some("2025-07-08T15:05:00-04:00".into()),
            author: Some("No".into()),
            ai_generated: true,
            tickers: vec!["MSFT".into(), "META".into()],
            imported: "2026-01-02".into(),
            disclosure: Some("ai-assisted"),
            capex: vec![RawCommitment {
                company: "Meta".into(),
                amount: serde_yaml::Value::String("$65 billion".into()),
                currency: Some("USD".into()),
                period: Some("2025".into()),
                announced: None,
                scope: None,
                quote: Some("Meta will spend $65 billion in 2025.".into()),
                ..RawCommitment::default()
            }],
            body: "Text.\n".into(),
            ..Briefing::default()
        };
        let text = render(&b);
        validate(&text, Path::new("x.md")).unwrap();
        assert!(text.contains("title: \"Meta: \\\"yes\\\" # to $65B?\"\n"), "{text}");
        assert!(text.contains("author: \"No\"\n"), "{text}");
        assert!(text.ends_with("---\n\nText.\n"), "{text}");
    }

    #[test]
    fn date_comment_stands_in_for_a_missing_date() {
        let b = Briefing {
            title: "T".into(),
            date_comment: Some("unreadable: \"Montag\"".into()),
            draft: true,
            imported: "2026-01-02".into(),
            body: "x".into(),
            ..Briefing::default()
        };
        let text = render(&b);
        validate(&text, Path::new("x.md")).unwrap();
        assert!(text.contains("# date: unreadable: \"Montag\"\ndraft: true\n"), "{text}");
    }

    #[test]
    fn file_names_are_short_slugs() {
        assert_eq!(file_name("Inversión en IA: ¿$100 000 M?"), "inversion-en-ia-100-000-m.md");
        assert_eq!(file_name("¿?"), "briefing.md");
        assert_eq!(file_name("Oracle’s backlog"), "oracles-backlog.md");
        let long = file_name(&"word ".repeat(40));
        assert!(long.len() <= 83 && !long.contains("-.md"), "{long}");
    }
}
