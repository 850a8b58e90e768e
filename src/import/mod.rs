//! `capbrief import`: saved news pages (plain text, Markdown or HTML) become briefings with
//! front matter. This module reads the inputs and decides; `text` takes a page apart, `html`
//! turns HTML into lines, `dates` reads date lines, `lang` guesses the body's language,
//! `stages` borrows dedup and capex drafting, and `writer` produces and writes the file.

mod dates;
mod html;
mod lang;
#[cfg(test)]
mod proptests;
mod stages;
mod text;
mod writer;

use crate::config::{CompanyConfig, Config};
use crate::diag::{line_col, line_text, Diagnostic, Diagnostics, Location};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use text::{DateLine, Flavour, ShapeError};

/// Largest input accepted. A saved article is tens of kilobytes; anything this big is a
/// whole site dump or the wrong file, and parsing it would only produce nonsense slowly.
pub const MAX_INPUT_BYTES: u64 = 5 * 1024 * 1024;

/// What `capbrief import` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Saved pages to import.
    pub files: Vec<PathBuf>,
    /// Folder the briefings are written to.
    pub into: PathBuf,
    /// `source.name` for every imported file.
    pub source_name: Option<String>,
    /// `source.url` for every imported file.
    pub source_url: Option<String>,
    /// Print instead of writing.
    pub dry_run: bool,
    /// Replace existing files.
    pub force: bool,
    /// The date recorded as `source.imported`.
    pub today: jiff::civil::Date,
}

/// One briefing produced.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The input file.
    pub input: PathBuf,
    /// Where the briefing was (or, in a dry run, would be) written.
    pub output: PathBuf,
    /// The file's text.
    pub text: String,
    /// Marked as a draft because something needs an editor's eye.
    pub draft: bool,
    /// Repeated blocks removed from the body.
    pub repeats_removed: usize,
    /// The publisher's disclosure was found and recorded.
    pub disclosure: bool,
    /// `capex:` entries drafted.
    pub capex_drafted: usize,
}

/// The outcome of an import run.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Briefings produced, in input order.
    pub imported: Vec<Imported>,
    /// Errors and warnings, each naming its input file.
    pub diagnostics: Diagnostics,
    /// Inputs that produced nothing.
    pub failed: usize,
}

/// The date to record as `source.imported`: `SOURCE_DATE_EPOCH` when set (reproducible
/// runs), else today in the local time zone.
pub fn today() -> jiff::civil::Date {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date())
}

/// Imports every file; one bad file does not stop the others. `config` (the site's, when
/// there is one) supplies the company registry and the configured languages.
pub fn run(opts: &ImportOptions, config: Option<&Config>) -> ImportReport {
    let mut report = ImportReport::default();
    let mut taken: BTreeSet<PathBuf> = BTreeSet::new();
    for file in &opts.files {
        let mut diags = Diagnostics::new();
        match import_one(file, opts, config, &mut taken, &mut diags) {
            Some(imported) => report.imported.push(imported),
            None => report.failed += 1,
        }
        report.diagnostics.extend(diags);
    }
    report
}

/// How a saved page is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    PlainText,
    Markdown,
    Html,
}

fn format_of(path: &Path, text: &str) -> Format {
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

/// Imports one file; problems go into `diags`, and `None` means nothing was produced.
fn import_one(
    file: &Path,
    opts: &ImportOptions,
    config: Option<&Config>,
    taken: &mut BTreeSet<PathBuf>,
    diags: &mut Diagnostics,
) -> Option<Imported> {
    let shown = crate::content::shown_path(Path::new("."), file);
    let fail = |d: Diagnostic, diags: &mut Diagnostics| {
        diags.push(d);
        None
    };
    let text = match read_input(file, &shown) {
        Ok(t) => t,
        Err(d) => return fail(*d, diags),
    };
    let format = format_of(file, &text);
    // Web clippers save Markdown with their own front matter (title, source, author,
    // published); read what it says and import the text below it.
    let clipped = if format != Format::Html && text.starts_with("---\n") {
        match clipped_metadata(&text, &shown) {
            Ok(m) => Some(m),
            Err(d) => return fail(*d, diags),
        }
    } else {
        None
    };
    let owned_lines = page_lines(&text, format, clipped.as_ref());
    let lines: Vec<text::Line<'_>> = owned_lines.iter().map(|(n, l)| (*n, l.as_str())).collect();
    let flavour = if format == Format::PlainText { Flavour::PlainText } else { Flavour::Markdown };
    let scraped = match text::parse(&lines, flavour) {
        Ok(s) => s,
        Err(e) => return fail(shape_error(e, &shown, &text, format), diags),
    };

    let joined = scraped.body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n\n");
    let (body, repeats_removed) = stages::remove_repeated(&joined);
    let dated = date_fields(&scraped, clipped.as_ref(), &shown, diags);
    let lang = body_language(&body, config, &shown, diags);
    let registry: &[CompanyConfig] = config.map_or(&[], |c| c.companies.as_slice());
    // Outside a site there is no registry to attribute figures to, so nothing to draft.
    let (capex, unattributed) =
        if config.is_some() { stages::draft_capex(&body, registry) } else { (Vec::new(), Vec::new()) };
    for figure in &unattributed {
        diags.push(unattributed_warning(figure, &text, &shown, format));
    }
    let companies = companies_for(&scraped.tickers, &capex, registry);
    let capex_drafted = capex.len();
    let byline = scraped.byline.as_ref();
    let briefing = writer::Briefing {
        title: scraped.headline.clone(),
        date: dated.date,
        date_comment: dated.comment,
        author: byline
            .and_then(|b| b.author.clone())
            .or_else(|| clipped.as_ref().and_then(|m| m.author.clone())),
        ai_generated: byline.is_some_and(|b| b.ai_generated),
        draft: dated.draft,
        lang,
        tickers: scraped.tickers.clone(),
        companies,
        source_name: opts.source_name.clone(),
        source_url: opts.source_url.clone().or_else(|| clipped.as_ref().and_then(|m| m.url.clone())),
        imported: opts.today.to_string(),
        disclosure: scraped.publisher_disclosure.then_some("ai-assisted"),
        capex,
        body,
    };

    let output = opts.into.join(writer::file_name(&briefing.title));
    let output_shown = crate::content::shown_path(Path::new("."), &output);
    let rendered = writer::render(&briefing);
    if let Err(msg) = writer::validate(&rendered, &output) {
        let d = Diagnostic::error(
            Some(Location::file(&shown)),
            format!("the briefing made from this page is invalid: {msg}"),
        )
        .with_help("this is a bug in capbrief import; please report it with the input file");
        return fail(d, diags);
    }
    if !taken.insert(output.clone()) {
        let d = Diagnostic::error(
            Some(Location::file(&shown)),
            format!(
                "another input of this run has the same headline and also becomes {}",
                output_shown.display()
            ),
        )
        .with_help("import the two files separately and rename the first result");
        return fail(d, diags);
    }
    if opts.dry_run {
        if output.exists() && !opts.force {
            diags.push(
                Diagnostic::warning(
                    Some(Location::file(&shown)),
                    format!("{} already exists; a real run would stop here", output_shown.display()),
                )
                .with_help("pass --force to replace it"),
            );
        }
    } else if let Err(d) = write_briefing(&output, &rendered, opts.force, &shown) {
        return fail(*d, diags);
    }
    Some(Imported {
        input: shown,
        output: output_shown,
        text: rendered,
        draft: dated.draft,
        repeats_removed,
        disclosure: scraped.publisher_disclosure,
        capex_drafted,
    })
}

/// The lines to read, each with its line in the input: HTML converted to Markdown, and a
/// clipper's front matter replaced by its title as the headline.
fn page_lines(text: &str, format: Format, clipped: Option<&ClippedMetadata>) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = if format == Format::Html {
        html::to_markdown_lines(text)
    } else {
        text.lines().enumerate().map(|(i, l)| (i + 1, l.to_string())).collect()
    };
    if let Some(meta) = clipped {
        lines.drain(..(meta.body_line - 1).min(lines.len()));
        if let Some((title, line)) = &meta.title {
            let first = lines.iter().map(|(_, l)| l.trim()).find(|l| !l.is_empty()).unwrap_or("");
            if !first.trim_start_matches('#').trim().eq_ignore_ascii_case(title) {
                lines.insert(0, (*line, format!("# {title}")));
            }
        }
    }
    lines
}

/// `date:` or, when there is none to give, the comment that stands in for it and the draft flag.
struct DateFields {
    date: Option<String>,
    comment: Option<String>,
    draft: bool,
}

fn date_fields(
    scraped: &text::Scraped,
    clipped: Option<&ClippedMetadata>,
    shown: &Path,
    diags: &mut Diagnostics,
) -> DateFields {
    match &scraped.date {
        DateLine::Parsed { date, line, text } => {
            if let Some(note) = &date.note {
                diags.push(
                    Diagnostic::warning(
                        Some(Location::at(shown, *line, 1)),
                        format!("{note}: {}", date.value),
                    )
                    .with_snippet(text.as_str())
                    .with_help("add the exact time to `date:` if it matters (RFC 3339 with offset)"),
                );
            }
            DateFields { date: Some(date.value.clone()), comment: None, draft: false }
        }
        DateLine::Failed { error, line, text } => {
            diags.push(
                Diagnostic::warning(Some(Location::at(shown, *line, 1)), format!("{error}; imported as a draft"))
                    .with_snippet(text.as_str())
                    .with_help(
                        "set `date:` (YYYY-MM-DD or RFC 3339) and remove `draft: true`; dates are read in English and Spanish",
                    ),
            );
            let quoted = serde_json::to_string(text).unwrap_or_default();
            DateFields { date: None, comment: Some(format!("unreadable date line {quoted}")), draft: true }
        }
        DateLine::Missing => match clipped.and_then(|m| m.date.clone()) {
            Some(date) => DateFields { date: Some(date), comment: None, draft: false },
            None => {
                diags.push(
                    Diagnostic::warning(
                        Some(Location::at(shown, scraped.headline_line, 1)),
                        "no date line after the headline; imported as a draft",
                    )
                    .with_help("set `date:` (YYYY-MM-DD or RFC 3339) and remove `draft: true`"),
                );
                let comment = "the page has no date line; add one before publishing".to_string();
                DateFields { date: None, comment: Some(comment), draft: true }
            }
        },
    }
}

/// The body's language, when it can be told and the site publishes in it.
fn body_language(
    body: &str,
    config: Option<&Config>,
    shown: &Path,
    diags: &mut Diagnostics,
) -> Option<String> {
    let code = lang::detect(body)?;
    let configured = config.is_none_or(|c| c.languages.iter().any(|l| l.code == code));
    if !configured {
        diags.push(
            Diagnostic::warning(
                Some(Location::file(shown)),
                format!("the text is in `{code}`, which the site does not configure; `lang` left out"),
            )
            .with_help(format!(
                "add `{code}` under `languages:` in config.yaml to publish it in that language"
            )),
        );
        return None;
    }
    Some(code.to_string())
}

/// A commitment without a registered company, pointed at in the input file (its first
/// occurrence there), not in the rebuilt body.
fn unattributed_warning(
    figure: &stages::Unattributed,
    text: &str,
    shown: &Path,
    format: Format,
) -> Diagnostic {
    let found = text.find(&figure.text).map(|at| line_col(text, at));
    let location = match found {
        Some((line, column, _)) => Location::at(shown, line, column),
        None => Location::file(shown),
    };
    let mut d = Diagnostic::warning(
        Some(location),
        format!(
            "{} reads as a capex commitment but names no company in the registry; no `capex:` entry was drafted",
            figure.text
        ),
    )
    .with_help("add the company (or its alias) under `companies:` in config.yaml, or add the entry by hand");
    if let (Some((_, _, line_text)), false) = (found, format == Format::Html) {
        d = d.with_snippet(line_text);
    }
    d
}

fn write_briefing(output: &Path, rendered: &str, force: bool, shown: &Path) -> Result<(), Box<Diagnostic>> {
    let shown_out = |p: &Path| crate::content::shown_path(Path::new("."), p).display().to_string();
    writer::write(output, rendered, force).map_err(|e| {
        Box::new(match e {
            writer::WriteError::Exists(p) => Diagnostic::error(
                Some(Location::file(shown)),
                format!("{} already exists; nothing was written", shown_out(&p)),
            )
            .with_help("pass --force to replace it, or --into another folder"),
            writer::WriteError::Io(p, e) => {
                Diagnostic::error(Some(Location::file(shown)), format!("cannot write {}: {e}", shown_out(&p)))
            }
        })
    })
}

/// Reads an input, refusing what cannot be a saved page: too big, binary, not UTF-8. Returns
/// the text with any BOM removed and `\n` line endings.
fn read_input(file: &Path, shown: &Path) -> Result<String, Box<Diagnostic>> {
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

fn shape_error(e: ShapeError, shown: &Path, text: &str, format: Format) -> Diagnostic {
    match e {
        ShapeError::Empty => Diagnostic::error(Some(Location::file(shown)), "the file has no text")
            .with_help("save the page's text into the file, then import it again"),
        ShapeError::NoHeadline { line, text: found, reason } => {
            let snippet = if format == Format::Html { found } else { line_text(text, line).to_string() };
            Diagnostic::error(
                Some(Location::at(shown, line, 1)),
                format!("no recognisable headline: {reason}"),
            )
            .with_snippet(snippet)
            .with_help(
                "put the headline alone on the first line, then the byline, the date line and the text",
            )
        }
        ShapeError::NoBody { line } => Diagnostic::error(
            Some(Location::at(shown, line, 1)),
            "the page has a headline but no article text",
        )
        .with_snippet(if format == Format::Html { String::new() } else { line_text(text, line).to_string() })
        .with_help("save the whole article, not just its title"),
    }
}

/// Companies named by the tickers (through the registry) and by the drafted capex entries,
/// sorted, each once.
fn companies_for(
    tickers: &[String],
    capex: &[crate::content::RawCommitment],
    registry: &[CompanyConfig],
) -> Vec<String> {
    let mut names = BTreeSet::new();
    for t in tickers {
        if let Some(c) = registry.iter().find(|c| c.tickers.iter().any(|ct| ct.eq_ignore_ascii_case(t))) {
            names.insert(c.name.clone());
        }
    }
    for c in capex {
        names.insert(c.company.clone());
    }
    names.into_iter().collect()
}

/// What a web clipper's front matter says about the page.
#[derive(Debug, Default)]
struct ClippedMetadata {
    /// 1-based line where the text below the front matter starts.
    body_line: usize,
    /// The page title and the line it is on.
    title: Option<(String, usize)>,
    /// The page's address.
    url: Option<String>,
    author: Option<String>,
    /// A publication date capbrief can read as it is (YYYY-MM-DD or RFC 3339).
    date: Option<String>,
}

/// Reads a clipper's front matter. A file whose front matter is already a capbrief
/// briefing's is refused: importing it again would only lose its fields.
fn clipped_metadata(text: &str, shown: &Path) -> Result<ClippedMetadata, Box<Diagnostic>> {
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
