//! Diagnostics: located errors and warnings, collected across a build and printed together.
//!
//! Parsers push into a [`Diagnostics`] instead of stopping at the first problem; the build
//! turns the collection into a `Result` once every page has been looked at.

use std::fmt;
use std::path::PathBuf;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the build (or, for `check --strict`, promoted warnings).
    Error,
    /// Reported, the build goes on.
    Warning,
}

/// A place in a source file: 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file as the user should see it (relative to the current folder where possible).
    pub path: PathBuf,
    /// 1-based line; 0 when only the file is known.
    pub line: usize,
    /// 1-based column; 0 when only the line is known.
    pub column: usize,
}

impl Location {
    /// A whole file, no line.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location { path: path.into(), line: 0, column: 0 }
    }

    /// A line and column in a file.
    pub fn at(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location { path: path.into(), line, column }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// One problem, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where, when known.
    pub location: Option<Location>,
    /// What is wrong, one line.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// Underlying causes, outermost first (for example a template error chain).
    pub causes: Vec<String>,
    /// The source line the location points into, shown under the message with a caret.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// An error at a location.
    pub fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            help: None,
            causes: Vec::new(),
            snippet: None,
        }
    }

    /// A warning at a location.
    pub fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(location, message) }
    }

    /// Adds a `help:` line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a `caused by:` line.
    pub fn with_cause(mut self, cause: impl Into<String>) -> Self {
        self.causes.push(cause.into());
        self
    }

    /// Shows this source line under the message, with a caret at the column.
    pub fn with_snippet(mut self, line_text: impl Into<String>) -> Self {
        self.snippet = Some(line_text.into());
        self
    }

    /// Whether this stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The most characters of a source line shown under a message.
const SNIPPET_WIDTH: usize = 160;

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.location {
            Some(loc) => write!(f, "{loc}: {label}: {}", self.message)?,
            None => write!(f, "{label}: {}", self.message)?,
        }
        if let (Some(snippet), Some(loc)) = (&self.snippet, &self.location) {
            if loc.line > 0 {
                let gutter = loc.line.to_string();
                let pad = " ".repeat(gutter.len());
                // A long line (a minified blob, 100,000 brackets) is shown as a window
                // around the column, not whole.
                let total = snippet.chars().count();
                let skip =
                    if total > SNIPPET_WIDTH { loc.column.saturating_sub(SNIPPET_WIDTH / 2) } else { 0 };
                let shown: String = snippet.chars().skip(skip).take(SNIPPET_WIDTH).collect();
                let (before, after) =
                    (if skip > 0 { "…" } else { "" }, if skip + SNIPPET_WIDTH < total { "…" } else { "" });
                write!(f, "\n{pad} |\n{gutter} | {before}{shown}{after}")?;
                if loc.column > skip {
                    // Columns count characters; tabs keep their width so the caret lines up.
                    let lead: String = before
                        .chars()
                        .chain(shown.chars())
                        .take(loc.column - 1 - skip + before.chars().count())
                        .map(|c| if c == '\t' { '\t' } else { ' ' })
                        .collect();
                    write!(f, "\n{pad} | {lead}^")?;
                }
            }
        }
        for cause in &self.causes {
            write!(f, "\n  caused by: {cause}")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// What an interrupted build reports.
pub const INTERRUPTED: &str = "the build was interrupted; the output folder is as it was";

/// Every diagnostic of a build, in the order they were found until [`Diagnostics::sorted`].
/// Also the error type of every command (build, check, deploy, serve, init, new): located
/// problems, or a single one with no place (a git failure in deploy), each with what to do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Whether the build was stopped on request rather than failing: callers tell the two
    /// apart by this, not by the message.
    interrupted: bool,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// The error of a build stopped on request (Ctrl-C).
    pub fn interrupted() -> Self {
        Diagnostics { items: vec![Diagnostic::error(None, INTERRUPTED)], interrupted: true }
    }

    /// Whether the build was stopped on request rather than failing.
    pub fn is_interrupted(&self) -> bool {
        self.interrupted
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds every diagnostic of another collection.
    pub fn extend(&mut self, other: Diagnostics) {
        self.interrupted |= other.interrupted;
        self.items.extend(other.items);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Whether there is nothing at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// All diagnostics.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file, line and column, then message, so output is stable whatever order
    /// the parallel stages found them in.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| {
            (&a.location, a.severity, &a.message).cmp(&(&b.location, b.severity, &b.message))
        });
        self.items.dedup();
        self
    }

    /// Warnings become errors (for `--strict`).
    pub fn promote_warnings(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// Only the warnings, for a successful build's report.
    pub fn into_warnings(self) -> Vec<Diagnostic> {
        self.items.into_iter().filter(|d| !d.is_error()).collect()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { items: vec![d], interrupted: false }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The 1-based line and column of a byte offset in `text`, and the text of that line.
pub fn line_col(text: &str, offset: usize) -> (usize, usize, &str) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
    (line, column, text[line_start..line_end].trim_end_matches('\r'))
}

/// Decodes a source file: UTF-8, without a BOM, with `\n` line endings. On invalid UTF-8,
/// the 1-based line and column of the first bad byte. Content files and imported pages share
/// it, so both report encoding problems at the same place.
pub fn decode_text(bytes: Vec<u8>) -> Result<String, (usize, usize)> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let (line, column, _) = line_col(&prefix, valid);
            return Err((line, column));
        }
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    Ok(if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text })
}

/// The text of 1-based line `line` of `text`, without its line ending.
pub fn line_text(text: &str, line: usize) -> &str {
    text.lines().nth(line.saturating_sub(1)).unwrap_or("").trim_end_matches('\r')
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The closest candidate to `word` by edit distance, if close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 2).max(2))
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_not_bytes() {
        let text = "a: 1\nbé: x\n";
        let (line, col, line_text) = line_col(text, text.find('x').unwrap_or(0));
        assert_eq!((line, col, line_text), (2, 5, "bé: x"));
    }

    #[test]
    fn did_you_mean_finds_typo() {
        assert_eq!(did_you_mean("titel", ["title", "date", "tags"]), Some("title"));
        assert_eq!(did_you_mean("zzzzzz", ["title", "date"]), None);
    }

    #[test]
    fn display_has_caret_under_column() {
        let d = Diagnostic::error(Some(Location::at("a.md", 3, 7)), "bad")
            .with_snippet("date: nope")
            .with_help("fix it");
        let s = d.to_string();
        assert!(s.starts_with("a.md:3:7: error: bad"), "{s}");
        assert!(s.contains("  |       ^"), "{s}");
        assert!(s.ends_with("help: fix it"), "{s}");
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_column() {
        let line = format!("{}X{}", "a".repeat(5_000), "b".repeat(5_000));
        let d = Diagnostic::error(Some(Location::at("a.md", 1, 5_001)), "bad").with_snippet(line);
        let s = d.to_string();
        let lines: Vec<&str> = s.lines().collect();
        assert!(lines[2].chars().count() < SNIPPET_WIDTH + 10, "{}", lines[2]);
        let caret = lines[3].chars().count() - 1;
        assert_eq!(lines[2].chars().nth(caret), Some('X'), "{s}");
    }
}
