//! What a page says turned into a briefing: the date fields and the warnings an editor needs
//! (no date, an inferred year, a proposed title), tickers found anywhere in the text and the
//! companies they name, the body's language, the capex drafts (through `stages`), and the
//! list of what was left out.

use super::dates::DateError;
use super::input::ClippedMetadata;
use super::stages::{self, ArticleText};
use super::text::{DateFrom, DateLine, HeadlineFrom, Scraped};
use super::{lang, tickers, writer, ImportOptions, LeftOut};
use crate::capex::Registry;
use crate::config::{CompanyConfig, Config};
use crate::diag::{line_col, Diagnostic, Diagnostics, Location};
use std::collections::BTreeSet;
use std::path::Path;

/// What the assembly needs besides the page.
pub(crate) struct Context<'a> {
    pub(crate) opts: &'a ImportOptions,
    pub(crate) config: Option<&'a Config>,
    /// The company registry in force: the site's, else the built-in one.
    pub(crate) companies: &'a [CompanyConfig],
    pub(crate) clipped: Option<&'a ClippedMetadata>,
    /// The input as shown in messages.
    pub(crate) shown: &'a Path,
    /// The input's text, to point warnings at.
    pub(crate) input_text: &'a str,
    /// The input is HTML: its lines are markup, not worth quoting.
    pub(crate) html: bool,
}

/// A briefing and what the report says about how it was made.
pub(crate) struct Made {
    pub(crate) briefing: writer::Briefing,
    pub(crate) title_from: &'static str,
    pub(crate) date_from: Option<&'static str>,
    pub(crate) repeats_removed: usize,
    pub(crate) left_out: Vec<LeftOut>,
    /// Each drafted capex entry in a line.
    pub(crate) drafted: Vec<String>,
    /// Money figures not drafted, with their class and why.
    pub(crate) excluded: Vec<stages::ExcludedFigure>,
}

/// Assembles the briefing; warnings go into `diags`.
pub(crate) fn briefing(page: &Scraped, cx: &Context<'_>, diags: &mut Diagnostics) -> Made {
    let joined = page.body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n\n");
    let (body, repeats_removed) = stages::remove_repeated(&joined);
    let title_from = headline_note(page, cx, diags);
    let dated = date_fields(page, cx, diags);
    let lang = body_language(&body, cx.config, cx.shown, diags);
    let registry = Registry::new(cx.companies);
    let tickers = all_tickers(page, &body, &registry);
    let subject_companies = companies_named(&tickers, &page.headline, &registry);
    let article = ArticleText {
        body: &body,
        companies: &subject_companies,
        title: &page.headline,
        date: dated.date.as_deref(),
    };
    let stages::Drafted { entries: capex, excluded, unattributed } =
        stages::draft_capex(&article, cx.companies);
    // One warning per amount: a later sentence may repeat it.
    let mut warned = BTreeSet::new();
    for figure in unattributed.iter().filter(|f| warned.insert(f.text.clone())) {
        diags.push(unattributed_warning(figure, cx));
    }
    let drafted = capex.iter().map(stages::describe).collect();
    let companies: Vec<String> = subject_companies
        .iter()
        .cloned()
        .chain(capex.iter().map(|c| c.company.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let byline = page.byline.as_ref();
    let source_url = cx
        .opts
        .source_url
        .clone()
        .or_else(|| page.canonical_url.clone())
        .or_else(|| cx.clipped.and_then(|m| m.url.clone()));
    let briefing = writer::Briefing {
        title: page.headline.clone(),
        date: dated.date,
        date_comment: dated.comment,
        author: byline.and_then(|b| b.author.clone()).or_else(|| cx.clipped.and_then(|m| m.author.clone())),
        ai_generated: byline.is_some_and(|b| b.ai_generated),
        draft: dated.draft || page.headline_from == HeadlineFrom::Proposed,
        summary: page.summary.clone(),
        lang,
        tickers,
        companies,
        // The outlet named on the command line, else the one the page names for search
        // engines: dedup credits copies by it ("also reported by").
        source_name: cx.opts.source_name.clone().or_else(|| page.publisher.clone()),
        source_url,
        imported: cx.opts.today.to_string(),
        disclosure: page.publisher_disclosure.then_some("ai-assisted"),
        capex,
        body,
    };
    let left_out = page
        .removed
        .iter()
        .map(|r| LeftOut {
            line: (!cx.html).then_some(r.line),
            what: r.what.to_string(),
            text: r.text.clone(),
        })
        .collect();
    Made { briefing, title_from, date_from: dated.from, repeats_removed, left_out, drafted, excluded }
}

/// How the headline was found, warning when it had to be proposed.
fn headline_note(page: &Scraped, cx: &Context<'_>, diags: &mut Diagnostics) -> &'static str {
    match page.headline_from {
        HeadlineFrom::Heading => "heading",
        HeadlineFrom::Repeated => "repeated",
        HeadlineFrom::Nearest => "nearest",
        HeadlineFrom::Given => "given",
        HeadlineFrom::Metadata => "metadata",
        HeadlineFrom::Proposed => {
            diags.push(
                Diagnostic::warning(
                    Some(Location::at(cx.shown, page.headline_line, 1)),
                    format!(
                        "the page starts with its text and has no headline; the title {:?} was proposed from the lead; imported as a draft",
                        page.headline
                    ),
                )
                .with_help("check the title (or pass --title), then remove `draft: true`"),
            );
            "proposed"
        }
    }
}

/// `date:` or, when there is none to give, the comment that stands in for it and the draft flag.
struct DateFields {
    date: Option<String>,
    comment: Option<String>,
    draft: bool,
    from: Option<&'static str>,
}

fn date_fields(page: &Scraped, cx: &Context<'_>, diags: &mut Diagnostics) -> DateFields {
    let at = |line: usize| if cx.html { Location::file(cx.shown) } else { Location::at(cx.shown, line, 1) };
    match &page.date {
        DateLine::Parsed { date, line, text, from } => {
            if let Some(note) = &date.note {
                diags.push(
                    Diagnostic::warning(Some(at(*line)), format!("{note}: {}", date.value))
                        .with_snippet(text.as_str())
                        .with_help("add the exact time to `date:` if it matters (RFC 3339 with offset)"),
                );
            }
            let from = match from {
                DateFrom::Line => "date line",
                DateFrom::Metadata => "metadata",
                DateFrom::Dateline { year_from } => {
                    if let Some(source) = year_from {
                        diags.push(
                            Diagnostic::warning(
                                Some(at(*line)),
                                format!(
                                    "the date {} comes from the dateline ({text}), which gives no year; the year was taken from {source}",
                                    date.value
                                ),
                            )
                            .with_help("check `date:` against the original page"),
                        );
                    }
                    "dateline"
                }
            };
            DateFields { date: Some(date.value.clone()), comment: None, draft: false, from: Some(from) }
        }
        DateLine::Failed { error: DateError::Relative { phrase }, line, text } => {
            diags.push(
                Diagnostic::warning(Some(at(*line)), format!("no date found on the page: it says only `{phrase}`, a time relative to when it was read; imported as a draft"))
                    .with_snippet(text.as_str())
                    .with_help(
                        "find the day the article was published (the outlet's page, its feed or the page's HTML metadata), set `date:` to it (YYYY-MM-DD or RFC 3339) and remove `draft: true`",
                    ),
            );
            let quoted = serde_json::to_string(phrase).unwrap_or_default();
            DateFields {
                date: None,
                comment: Some(format!("the page says only {quoted}; add the day it was published")),
                draft: true,
                from: None,
            }
        }
        DateLine::Failed { error, line, text } => {
            diags.push(
                Diagnostic::warning(Some(at(*line)), format!("{error}; imported as a draft"))
                    .with_snippet(text.as_str())
                    .with_help(
                        "set `date:` (YYYY-MM-DD or RFC 3339) and remove `draft: true`; dates are read in English and Spanish",
                    ),
            );
            let quoted = serde_json::to_string(text).unwrap_or_default();
            DateFields {
                date: None,
                comment: Some(format!("unreadable date line {quoted}")),
                draft: true,
                from: None,
            }
        }
        DateLine::Missing => match cx.clipped.and_then(|m| m.date.clone()) {
            Some(date) => {
                DateFields { date: Some(date), comment: None, draft: false, from: Some("metadata") }
            }
            None => {
                diags.push(
                    Diagnostic::warning(
                        Some(at(page.headline_line)),
                        "no date found on the page; imported as a draft",
                    )
                    .with_help("set `date:` (YYYY-MM-DD or RFC 3339) and remove `draft: true`"),
                );
                let comment = "the page gives no date; add one before publishing".to_string();
                DateFields { date: None, comment: Some(comment), draft: true, from: None }
            }
        },
    }
}

/// The header's ticker line and every ticker written in the headline and body, in the
/// registry's spelling when it knows the listing, each once.
fn all_tickers(page: &Scraped, body: &str, registry: &Registry) -> Vec<String> {
    let inline = tickers::inline(&format!("{}\n\n{body}", page.headline), registry);
    let mut out: Vec<String> = Vec::new();
    for symbol in page.tickers.iter().cloned().chain(inline.into_iter().map(|t| t.symbol)) {
        let spelled = tickers::in_registry(&symbol, registry).map_or(symbol, |(s, _)| s);
        if !out.iter().any(|t| tickers::same_listing(t, &spelled)) {
            out.push(spelled);
        }
    }
    out
}

/// Companies the tickers and the headline name, sorted, each once.
fn companies_named(tickers: &[String], headline: &str, registry: &Registry) -> Vec<String> {
    let mut names = BTreeSet::new();
    for t in tickers {
        if let Some((_, company)) = tickers::in_registry(t, registry) {
            names.insert(company.to_string());
        }
    }
    for mention in registry.mentions(headline) {
        if let Some(c) = registry.get(mention.company) {
            names.insert(c.name.clone());
        }
    }
    names.into_iter().collect()
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
fn unattributed_warning(figure: &stages::Unattributed, cx: &Context<'_>) -> Diagnostic {
    let found = cx.input_text.find(&figure.text).map(|at| line_col(cx.input_text, at));
    let location = match found {
        Some((line, column, _)) if !cx.html => Location::at(cx.shown, line, column),
        _ => Location::file(cx.shown),
    };
    let mut d = Diagnostic::warning(
        Some(location),
        format!(
            "{} reads as a capex commitment but names no company in the registry; no `capex:` entry was drafted",
            figure.text
        ),
    )
    .with_help("add the company (or its alias) under `companies:` in config.yaml, or add the entry by hand");
    if let (Some((_, _, line_text)), false) = (found, cx.html) {
        d = d.with_snippet(line_text);
    }
    d
}
