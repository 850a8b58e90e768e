//! `capbrief import`: saved news pages (plain text, Markdown or HTML) become briefings with
//! front matter. This module runs the batch and reports on each file; `input` reads a file,
//! `text` takes a page apart from its lines (`headline`, `byline`, `dates`, `dateline`,
//! `tickers` and `wrap` read its parts), `html` reads an HTML page through its metadata and
//! its best-scoring content, `assemble` turns what a page says into a briefing, `stages`
//! borrows dedup and capex drafting, and `writer` produces and writes the file.

mod assemble;
mod byline;
mod dateline;
mod dates;
mod headline;
mod html;
mod input;
mod lang;
#[cfg(test)]
mod proptests;
pub mod report;
mod stages;
mod text;
mod tickers;
mod wrap;
mod writer;

pub use input::MAX_INPUT_BYTES;
pub use stages::ExcludedFigure;

use crate::config::{CompanyConfig, Config};
use crate::diag::{Diagnostic, Diagnostics, Location};
use input::Format;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use text::{Flavour, ShapeError};

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
    /// The headline to use instead of the one found on the page (for pages saved without one).
    pub title: Option<String>,
    /// Print instead of writing.
    pub dry_run: bool,
    /// Replace existing files.
    pub force: bool,
    /// The date recorded as `source.imported`.
    pub today: jiff::civil::Date,
}

/// A piece of the page left out of the briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// Line in the input, when known (HTML pages give none).
    pub line: Option<usize>,
    /// What it was: `ad label`, `photo caption or credit`, `masthead`…
    pub what: String,
    /// Its text.
    pub text: String,
}

/// One briefing produced.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Where the briefing was (or, in a dry run, would be) written.
    pub output: PathBuf,
    /// The file's text.
    pub text: String,
    /// The headline.
    pub title: String,
    /// How the headline was found: `metadata`, `heading`, `repeated`, `nearest`, `given`,
    /// `proposed`.
    pub title_from: &'static str,
    /// `date:` as written, if the page gave one.
    pub date: Option<String>,
    /// Where the date came from: `metadata`, `date line`, `dateline`.
    pub date_from: Option<&'static str>,
    /// The byline.
    pub author: Option<String>,
    /// Tickers found.
    pub tickers: Vec<String>,
    /// Companies named by the tickers and the drafted entries.
    pub companies: Vec<String>,
    /// Marked as a draft because something needs an editor's eye.
    pub draft: bool,
    /// Repeated blocks removed from the body.
    pub repeats_removed: usize,
    /// The publisher's disclosure was found and recorded.
    pub disclosure: bool,
    /// `capex:` entries drafted.
    pub capex_drafted: usize,
    /// Furniture and page chrome left out, in page order.
    pub left_out: Vec<LeftOut>,
    /// Each drafted capex entry in a line: company, amount, period, confidence.
    pub capex: Vec<String>,
    /// Money figures that were not drafted, with their class and why.
    pub figures_left_out: Vec<ExcludedFigure>,
}

/// What became of one input.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    /// The input file, as given.
    pub input: PathBuf,
    /// The briefing, or `None` when nothing was produced.
    pub imported: Option<Imported>,
    /// Warnings about this file.
    pub warnings: usize,
    /// The first error, when it failed.
    pub error: Option<String>,
}

/// The outcome of an import run.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// One entry per input, in input order.
    pub files: Vec<FileOutcome>,
    /// Errors and warnings, each naming its input file.
    pub diagnostics: Diagnostics,
}

impl ImportReport {
    /// Briefings produced, in input order.
    pub fn imported(&self) -> impl Iterator<Item = &Imported> {
        self.files.iter().filter_map(|f| f.imported.as_ref())
    }

    /// Inputs that produced nothing.
    pub fn failed(&self) -> usize {
        self.files.iter().filter(|f| f.imported.is_none()).count()
    }
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
/// there is one) supplies the company registry and the configured languages; outside a site
/// the built-in registry a new site starts with is used.
pub fn run(opts: &ImportOptions, config: Option<&Config>) -> ImportReport {
    let mut report = ImportReport::default();
    let mut taken: BTreeSet<PathBuf> = BTreeSet::new();
    let builtin: Vec<CompanyConfig> = match config {
        Some(_) => Vec::new(),
        None => match crate::capex::registry::builtin() {
            Ok(list) => crate::capex::registry::merge(list, Vec::new()).companies,
            Err(d) => {
                report.diagnostics.push(d);
                Vec::new()
            }
        },
    };
    let companies = config.map_or(builtin.as_slice(), |c| c.companies.as_slice());
    for file in &opts.files {
        let mut diags = Diagnostics::new();
        let imported = import_one(file, opts, config, companies, &mut taken, &mut diags);
        let error = diags.iter().find(|d| d.is_error()).map(|d| d.message.clone());
        report.files.push(FileOutcome {
            input: crate::content::shown_path(Path::new("."), file),
            imported,
            warnings: diags.warning_count(),
            error,
        });
        report.diagnostics.extend(diags);
    }
    report
}

/// Imports one file; problems go into `diags`, and `None` means nothing was produced.
fn import_one(
    file: &Path,
    opts: &ImportOptions,
    config: Option<&Config>,
    companies: &[CompanyConfig],
    taken: &mut BTreeSet<PathBuf>,
    diags: &mut Diagnostics,
) -> Option<Imported> {
    let shown = crate::content::shown_path(Path::new("."), file);
    let fail = |d: Diagnostic, diags: &mut Diagnostics| {
        diags.push(d);
        None
    };
    let text = match input::read_input(file, &shown) {
        Ok(t) => t,
        Err(d) => return fail(*d, diags),
    };
    let format = input::format_of(file, &text);
    // Web clippers save Markdown with their own front matter (title, source, author,
    // published); read what it says and import the text below it.
    let clipped = if format != Format::Html && text.starts_with("---\n") {
        match input::clipped_metadata(&text, &shown) {
            Ok(m) => Some(m),
            Err(d) => return fail(*d, diags),
        }
    } else {
        None
    };
    let clipped_title = clipped.as_ref().and_then(|m| m.title.as_ref()).map(|(t, _)| t.as_str());
    let read_opts = text::ReadOptions {
        flavour: if format == Format::PlainText { Flavour::PlainText } else { Flavour::Markdown },
        site_name: opts.source_name.as_deref(),
        title: opts.title.as_deref().or(clipped_title),
        file_day: input::file_day(file),
    };
    let page = match format {
        Format::Html => html::read(&text, &read_opts),
        _ => {
            let skip = clipped.as_ref().map_or(0, |m| m.body_line - 1);
            let lines: Vec<text::Line<'_>> =
                text.lines().enumerate().skip(skip).map(|(i, l)| (i + 1, l)).collect();
            text::parse(&lines, &read_opts)
        }
    };
    let page = match page {
        Ok(p) => p,
        Err(e) => return fail(shape_error(e, &shown, &text, format), diags),
    };
    let made = assemble::briefing(
        &page,
        &assemble::Context {
            opts,
            config,
            companies,
            clipped: clipped.as_ref(),
            shown: &shown,
            input_text: &text,
            html: format == Format::Html,
        },
        diags,
    );

    let rendered = writer::render(&made.briefing);
    let output = match output_for(&made.briefing, &rendered, opts, taken) {
        Ok(o) => o,
        Err(existing) => existing,
    };
    let output_shown = crate::content::shown_path(Path::new("."), &output);
    if let Err(msg) = writer::validate(&rendered, &output) {
        let d = Diagnostic::error(
            Some(Location::file(&shown)),
            format!("the briefing made from this page is invalid: {msg}"),
        )
        .with_help("this is a bug in capbrief import; please report it with the input file");
        return fail(d, diags);
    }
    taken.insert(output.clone());
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
    let b = &made.briefing;
    Some(Imported {
        output: output_shown,
        text: rendered,
        title: b.title.clone(),
        title_from: made.title_from,
        date: b.date.clone(),
        date_from: made.date_from,
        author: b.author.clone(),
        tickers: b.tickers.clone(),
        companies: b.companies.clone(),
        draft: b.draft,
        repeats_removed: made.repeats_removed,
        disclosure: b.disclosure.is_some(),
        capex_drafted: b.capex.len(),
        left_out: made.left_out,
        capex: made.drafted,
        figures_left_out: made.excluded,
    })
}

/// The file a briefing is written to: the headline's name, unless that name is taken by
/// another page (another outlet's copy of the same story carries the same headline), when it
/// is numbered (`-2`, `-3`, ...). `Err` is the headline's own file when it already holds this
/// page (a re-import: replaced with `--force`, refused without it).
fn output_for(
    made: &writer::Briefing,
    rendered: &str,
    opts: &ImportOptions,
    taken: &BTreeSet<PathBuf>,
) -> Result<PathBuf, PathBuf> {
    let name = writer::file_name(&made.title);
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    for n in 1..=MAX_NUMBERED {
        let candidate = opts.into.join(if n == 1 { name.clone() } else { format!("{stem}-{n}.md") });
        if taken.contains(&candidate) {
            continue;
        }
        match std::fs::read_to_string(&candidate) {
            Err(_) => return Ok(candidate),
            Ok(existing) if same_page(&existing, made, rendered) => return Err(candidate),
            Ok(_) => {}
        }
    }
    Err(opts.into.join(name))
}

/// How many pages with one headline get a numbered name before import stops and names the
/// headline's file as taken.
const MAX_NUMBERED: usize = 99;

/// Whether a briefing file already written holds the page `made` is from: the same source
/// URL, or, when neither names one, the same outlet (or none), headline, date, byline and
/// text.
fn same_page(existing: &str, made: &writer::Briefing, rendered: &str) -> bool {
    let existing = existing.replace("\r\n", "\n");
    let Ok((meta, split)) = crate::content::parse_text(&existing, Path::new("existing")) else {
        // Not a briefing that can be read: treated as this page, so it is never passed over
        // silently (the write refuses it, or --force replaces it as asked).
        return true;
    };
    let source = meta.source.unwrap_or_default();
    match (&source.url, &made.source_url) {
        (Some(a), Some(b)) => return a == b,
        (Some(_), None) | (None, Some(_)) => return false,
        (None, None) => {}
    }
    if source.name != made.source_name {
        return false;
    }
    let body = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let new_body = crate::content::split(rendered, Path::new("new")).map(|s| body(s.body));
    // A copy from another site can have the same words (import leaves each site's furniture
    // out) but rarely the same date and byline as well.
    meta.title.as_deref() == Some(made.title.as_str())
        && meta.date.map(|d| d.rfc3339())
            == made.date.as_deref().and_then(|d| crate::content::PageDate::parse(d).ok()).map(|d| d.rfc3339())
        && meta.author == made.author
        && new_body.is_ok_and(|b| b == body(split.body))
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

fn shape_error(e: ShapeError, shown: &Path, text: &str, format: Format) -> Diagnostic {
    match e {
        ShapeError::Empty => Diagnostic::error(Some(Location::file(shown)), "the file has no text")
            .with_help("save the page's text into the file, then import it again"),
        ShapeError::NoBody { line } => Diagnostic::error(
            Some(Location::at(shown, line, 1)),
            "no article text found: the page has no paragraph of prose",
        )
        .with_snippet(if format == Format::Html {
            String::new()
        } else {
            crate::diag::line_text(text, line).to_string()
        })
        .with_help("save the whole article, not just its title or the site's menus"),
    }
}
