//! The shape of a saved news page, from its lines: where the article starts (the lead), which
//! line above it is the headline, the byline, the date, the ticker line and the dek, and the
//! body with page furniture, the publisher's disclosure and the comments footer removed.
//! Knows nothing of files or front matter.
//!
//! The lead is found first: the first paragraph of prose that is not followed by a byline or
//! a date line (that would make it a dek) and that has more prose after it. The headline is
//! then the headline-shaped line nearest above it, skipping bylines, dates and furniture; a
//! line the page prints twice wins over proximity. Everything above the headline is masthead.

use super::byline::{self, Byline};
use super::dateline::{self, Dateline};
use super::dates::{self, DateError, DayOrder, ParsedDate};
use super::headline;
use super::tickers;
use super::wrap::Wrapping;
use crate::furniture::{self, Kind, UnitKind};

/// One source line: its 1-based line number in the input file and its text.
pub(crate) type Line<'a> = (usize, &'a str);

/// A body block (a paragraph, list, table or code block) and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub(crate) text: String,
    pub(crate) line: usize,
}

/// Where the date came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateFrom {
    /// A date line.
    Line,
    /// An HTML page's metadata (JSON-LD, `article:published_time`, `<time datetime>`).
    Metadata,
    /// The wire dateline; the year, when the dateline had none, from `year_from`.
    Dateline { year_from: Option<String> },
}

/// What became of the date line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateLine {
    /// No line of the page gives a date.
    Missing,
    /// Read.
    Parsed { date: ParsedDate, line: usize, text: String, from: DateFrom },
    /// A line shaped like a date that could not be read.
    Failed { error: DateError, line: usize, text: String },
}

/// How the headline was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeadlineFrom {
    /// A Markdown heading.
    Heading,
    /// A line the page prints twice.
    Repeated,
    /// The headline-shaped line nearest the lead.
    Nearest,
    /// Given by the caller (`--title`, a clipper's front matter).
    Given,
    /// An HTML page's metadata (JSON-LD, Open Graph).
    Metadata,
    /// The page starts with its text: proposed from the lead.
    Proposed,
}

/// Something left out of the article, for the import report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Removed {
    pub(crate) line: usize,
    /// What it was (`ad label`, `masthead`).
    pub(crate) what: &'static str,
    pub(crate) text: String,
}

/// A saved page taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scraped {
    pub(crate) headline: String,
    pub(crate) headline_line: usize,
    pub(crate) headline_from: HeadlineFrom,
    pub(crate) byline: Option<Byline>,
    pub(crate) date: DateLine,
    /// The wire dateline at the start of the lead.
    pub(crate) dateline: Option<Dateline>,
    /// Tickers from a ticker line in the header (`BABA--`).
    pub(crate) tickers: Vec<String>,
    /// The dek (standfirst) between headline and lead.
    pub(crate) summary: Option<String>,
    /// The article's blocks in order, furniture removed, repeats still present.
    pub(crate) body: Vec<Block>,
    /// What was left out, in page order.
    pub(crate) removed: Vec<Removed>,
    /// The publisher's own AI and investment disclosure was found (and removed).
    pub(crate) publisher_disclosure: bool,
    /// The page's own address (`<link rel="canonical">`), when it gives one.
    pub(crate) canonical_url: Option<String>,
    /// The outlet's name from the page's metadata (JSON-LD `publisher`, `og:site_name`).
    pub(crate) publisher: Option<String>,
}

/// Why a page could not be taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ShapeError {
    /// Nothing but white space.
    Empty,
    /// A headline (or nothing recognisable) and no article text.
    NoBody { line: usize },
}

/// How body lines group into blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavour {
    /// Plain text: a line is a paragraph unless it is wrapped (tables and fenced code stay
    /// whole).
    PlainText,
    /// Markdown: blocks are separated by blank lines; headings and list items are units.
    Markdown,
}

/// What the reader is told besides the lines.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReadOptions<'a> {
    pub(crate) flavour: Flavour,
    /// The publisher's name: a line saying only this is the masthead, not a headline.
    pub(crate) site_name: Option<&'a str>,
    /// A headline known from elsewhere (`--title`, a clipper's front matter, HTML metadata).
    pub(crate) title: Option<&'a str>,
    /// The day the file was saved, for a dateline without a year.
    pub(crate) file_day: Option<jiff::civil::Date>,
}

/// The first paragraph of the publisher's disclosure; it is followed by one more paragraph.
const DISCLOSURE_LABELS: [&str; 3] = [
    "divulgación editorial y transparencia de la ia",
    "editorial disclosure & ai transparency",
    "editorial disclosure and ai transparency",
];

/// The publisher's investment warning.
const INVESTMENT_LABELS: [&str; 2] = ["advertencia sobre inversiones", "investment warning"];

/// The comments footer heading and its empty-state line.
const COMMENT_HEADINGS: [&str; 2] = ["comentarios", "comments"];
const NO_COMMENTS: [&str; 4] =
    ["aún no hay comentarios", "aun no hay comentarios", "no comments yet", "no hay comentarios"];

/// One unit of the page: a paragraph (wrapped lines joined), a heading, a list item, a
/// table or code block.
#[derive(Debug, Clone)]
struct Unit {
    line: usize,
    /// As written (lines of a wrapped paragraph joined by a space).
    raw: String,
    /// What a reader sees, for the shape rules.
    visible: String,
    kind: UnitKind,
    linked: bool,
    /// A Markdown heading of level 1.
    h1: bool,
    /// Separates it from the unit before in Markdown output: `\n` inside a list, else `\n\n`.
    glue: &'static str,
}

/// What a unit above the lead is.
#[derive(Debug, Clone)]
enum Role {
    Byline(byline::Read),
    /// The name line of a byline read from the line above.
    BylineName,
    Date(Result<ParsedDate, DateError>),
    Tickers(Vec<String>),
    Furniture(Kind),
    Candidate,
    Other,
}

/// Takes a page apart. `lines` are the input's lines (line endings removed).
pub(crate) fn parse(lines: &[Line<'_>], opts: &ReadOptions<'_>) -> Result<Scraped, ShapeError> {
    let units = match opts.flavour {
        Flavour::PlainText => plain_units(lines),
        Flavour::Markdown => markdown_units(lines),
    };
    if units.is_empty() {
        return Err(ShapeError::Empty);
    }
    let views: Vec<furniture::Unit<'_>> =
        units.iter().map(|u| furniture::Unit { text: &u.visible, kind: u.kind, linked: u.linked }).collect();
    let mut marks = furniture::classify(&views);
    let roles_all: Vec<Role> = (0..units.len()).map(|i| role(&units, &marks, i, opts)).collect();
    let roles = settle_bylines(roles_all);

    let lead = find_lead(&units, &marks, &roles);
    let chosen = choose_headline(&units, &roles, lead.unwrap_or(units.len()));
    let lead = match (lead, chosen) {
        (Some(l), _) => l,
        // No prose: the body is what follows the headline.
        (None, Some(h)) => h + 1,
        (None, None) => 0,
    };
    // A live blog's first entry time sits right above its first entry: the body starts there.
    let body_start = match lead.checked_sub(1) {
        Some(p)
            if marks[p].is_none()
                && furniture::entry_time(&units[p].visible)
                && units[lead..]
                    .iter()
                    .zip(&marks[lead..])
                    .any(|(u, m)| m.is_none() && furniture::entry_time(&u.visible)) =>
        {
            p
        }
        _ => lead,
    };
    // A transcript's first speaker (`Operator`, `Jane Roe -- Chief Financial Officer`) and
    // the section it opens (`Prepared Remarks:`), or a label with a colon over a list that
    // starts the story (`Dive Brief:`), belong to the body.
    let mut body_start = body_start;
    let list_lead =
        units.get(body_start).is_some_and(|u| is_list_item(u.raw.trim()) || u.kind == UnitKind::ListItem);
    while let Some(p) = body_start.checked_sub(1) {
        let text = units[p].visible.trim();
        let below_is_speaker = units.get(body_start).is_some_and(|u| speaker_line(&u.visible));
        let opens = opens_section(text) && (list_lead || below_is_speaker);
        let speaks = speaker_line(text) && !list_lead;
        if units[p].kind != UnitKind::Paragraph || !(opens || speaks) || furniture::line(text).is_some() {
            break;
        }
        marks[p] = None;
        body_start = p;
        if opens {
            break;
        }
    }
    let zone_end = body_start;

    let mut removed = Vec::new();
    let (headline, headline_line, headline_from, head_index) = match (opts.title, chosen) {
        (Some(t), h) => (t.to_string(), h.map_or(units[0].line, |h| units[h].line), HeadlineFrom::Given, h),
        (None, Some(h)) => {
            let text = headline::without_site_suffix(&units[h].visible, opts.site_name);
            let text = headline::without_wire_tag(text).to_string();
            let from = if units[h].h1 {
                HeadlineFrom::Heading
            } else if repeated(&units, h) {
                HeadlineFrom::Repeated
            } else {
                HeadlineFrom::Nearest
            };
            (text, units[h].line, from, Some(h))
        }
        (None, None) => {
            let lead_unit = units.get(lead).ok_or(ShapeError::NoBody { line: units[0].line })?;
            (headline::propose(&lead_unit.visible), lead_unit.line, HeadlineFrom::Proposed, None)
        }
    };

    // Byline, date and dek: after the headline first, then anywhere above the lead.
    let after_head = head_index.map_or(0, |h| h + 1);
    let order: Vec<usize> = (after_head..zone_end).chain(0..after_head.min(zone_end)).collect();
    let mut byline = None;
    let mut date = DateLine::Missing;
    let mut ticker_line = quote_tickers(&units, &marks);
    for u in &units[..zone_end.min(units.len())] {
        for symbol in tickers::terminal_header(&u.visible) {
            if !ticker_line.contains(&symbol) {
                ticker_line.push(symbol);
            }
        }
    }
    let mut summary = None;
    for &i in &order {
        match &roles[i] {
            // Above the headline a name above a date is the masthead's, not the writer's. Once
            // a byline is found, a later one's date still counts (`Issue #112 · Wednesday,
            // September 17, 2025` reads as a name and a date).
            Role::Byline(read) if byline.is_some() || !(read.guessed && i < after_head) => {
                if byline.is_none() {
                    byline = Some(read.byline.clone());
                }
                if let (Some(rest), DateLine::Missing) = (&read.rest, &date) {
                    if let Some(parsed) = dates::find_in_line(rest) {
                        date = DateLine::Parsed {
                            date: parsed,
                            line: units[i].line,
                            text: rest.clone(),
                            from: DateFrom::Line,
                        };
                    }
                }
            }
            Role::Date(result) => match (result, &date) {
                (Ok(parsed), DateLine::Missing | DateLine::Failed { .. }) => {
                    date = DateLine::Parsed {
                        date: parsed.clone(),
                        line: units[i].line,
                        text: units[i].visible.clone(),
                        from: DateFrom::Line,
                    };
                }
                (Err(error), DateLine::Missing) if dates::looks_like_date_line(&units[i].visible) => {
                    date = DateLine::Failed {
                        error: error.clone(),
                        line: units[i].line,
                        text: units[i].visible.clone(),
                    };
                }
                _ => {}
            },
            Role::Tickers(t) => {
                for symbol in t {
                    if !ticker_line.contains(symbol) {
                        ticker_line.push(symbol.clone());
                    }
                }
            }
            Role::Candidate | Role::Other
                if summary.is_none()
                    && i > after_head.saturating_sub(1)
                    && head_index.is_some()
                    && units[i].visible.split_whitespace().count() >= 8
                    && units[i].kind == UnitKind::Paragraph =>
            {
                summary = Some(units[i].visible.clone());
            }
            _ => {}
        }
    }
    // A name alone between the headline and the lead, nothing else there, is the writer
    // (`Alibaba Pledges 380 Billion Yuan …` / `Zhou Yiming` / the lead).
    let mut name_under_head = None;
    if let (None, Some(h)) = (&byline, head_index) {
        let between: Vec<usize> =
            (h + 1..zone_end).filter(|&j| !units[j].visible.trim().is_empty()).collect();
        if let [j] = between[..] {
            let text = units[j].visible.trim();
            let headline_words = content_words(&headline);
            let own = content_words(text).is_disjoint(&headline_words);
            if matches!(roles[j], Role::Other | Role::Candidate)
                && marks[j].is_none()
                && person_names(text)
                && own
                && !relates(text, units.get(lead).map_or("", |u| u.visible.as_str()))
            {
                byline = Some(Byline { author: Some(text.to_string()), ai_generated: false });
                name_under_head = Some(j);
            }
        }
    }
    // A closing credit in brackets names the writers when the header does not: `(By Lin
    // Yu-hsuan and Frances Huang)`. A wire's `(Reporting by …; Editing by …)` is no byline.
    if byline.is_none() {
        byline = units[lead.min(units.len())..].iter().rev().find_map(|u| {
            let text = u.visible.trim();
            let inner = text.strip_prefix('(')?.strip_suffix(')')?.trim();
            let lower = inner.to_lowercase();
            let by = ["by ", "por "].iter().any(|p| lower.starts_with(p));
            (by && inner.split_whitespace().count() <= 14 && !inner.contains(';'))
                .then(|| byline::read(inner, None))
                .flatten()
                .filter(|r| r.byline.author.is_some())
                .map(|r| r.byline)
        });
    }
    for i in 0..zone_end {
        if Some(i) == head_index || Some(i) == name_under_head {
            continue;
        }
        // Bylines, dates and ticker lines went into the front matter; they are not lost.
        let what = match (&roles[i], marks[i]) {
            (Role::Byline(_) | Role::BylineName | Role::Date(_) | Role::Tickers(_), _) => continue,
            (_, Some(kind)) => kind.label(),
            _ if summary.as_deref() == Some(units[i].visible.as_str()) => continue,
            _ if head_index.is_some_and(|h| i < h) => "masthead",
            _ => "page header",
        };
        removed.push(Removed { line: units[i].line, what, text: units[i].visible.clone() });
    }

    // A date labelled as an update loses to one labelled as the publication anywhere on the
    // page (`Last Updated` at the top, `First Published` at the bottom).
    if matches!(&date, DateLine::Parsed { date: d, .. } if d.updated) {
        let published = units.iter().find_map(|u| {
            let lower = u.visible.to_lowercase();
            let labelled = ["published", "publicado", "posted"].iter().any(|w| lower.contains(w));
            let d = dates::find_in_line(&u.visible).filter(|d| labelled && !d.updated)?;
            Some(DateLine::Parsed { date: d, line: u.line, text: u.visible.clone(), from: DateFrom::Line })
        });
        if let Some(p) = published {
            date = p;
        }
    }
    let dateline = units
        .get(lead)
        .and_then(|u| dateline::read(&u.visible))
        .or_else(|| lead.checked_sub(1).and_then(|p| dateline_alone(&units[p].visible)));
    if date == DateLine::Missing {
        date = date_from_body(&units[lead.min(units.len())..], &marks[lead.min(units.len())..]);
    }
    if date == DateLine::Missing {
        if let Some(dl) = &dateline {
            date = date_from_dateline(dl, &units, units[lead].line, opts.file_day);
        }
    }
    if byline.is_none() {
        // A wire story's agency is its byline when the page names no one; a press release's
        // distributor (`/PRNewswire/`, `(BUSINESS WIRE)`) only carried it and is none.
        if let Some(dl) = dateline.as_ref().filter(|dl| !release_distributor(&dl.agency)) {
            byline = Some(Byline { author: Some(dl.agency.clone()), ai_generated: false });
        }
    }

    // A two-digit year that may come first or last: the reading nearest before the save day.
    if let DateLine::Parsed { date: d, .. } = &mut date {
        *d = std::mem::take(d).nearest(opts.file_day);
    }
    let author = byline.as_ref().and_then(|b| b.author.as_deref());
    let body = body_blocks(
        &units[body_start.min(units.len())..],
        &marks[body_start.min(units.len())..],
        &headline,
        author,
        opts.flavour,
        &mut removed,
    );
    let (body, publisher_disclosure) = strip_publisher_chrome(body, &mut removed);
    if body.is_empty() {
        return Err(ShapeError::NoBody { line: headline_line });
    }
    removed.sort_by_key(|r| r.line);
    Ok(Scraped {
        headline,
        headline_line,
        headline_from,
        byline,
        date,
        dateline,
        tickers: ticker_line,
        summary,
        body,
        removed,
        publisher_disclosure,
        canonical_url: None,
        publisher: None,
    })
}

// ---------------------------------------------------------------------------------------
// Units.

/// The symbols of stock quote boxes (`GOOGL | ALPHABET INC. | 190.10 | +0.87 | +0.46%`): the
/// box is furniture, the ticker is not.
fn quote_tickers(units: &[Unit], marks: &[Option<Kind>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (u, m) in units.iter().zip(marks) {
        if *m != Some(Kind::Quote) {
            continue;
        }
        let first = u.visible.split(['|', '·', '•', '\t']).next().unwrap_or("").trim();
        let symbol = (first.len() <= 10
            && first.chars().any(|c| c.is_ascii_uppercase())
            && first.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.'))
        .then(|| tickers::canonical(first))
        .flatten();
        if let Some(symbol) = symbol.filter(|s| !out.contains(s)) {
            out.push(symbol);
        }
    }
    out
}

/// Whether a line has a shape of its own that a wrapped paragraph's line never has.
fn structural(line: &str) -> bool {
    furniture::line(line).is_some()
        || (!line.chars().any(char::is_alphanumeric) && line.trim().chars().count() >= 3)
        || byline::read(line, None).is_some()
        || dates::looks_like_date_line(line)
        || tickers::ticker_line(line).is_some()
}

/// Plain text: a line is a unit unless wrapped lines continue it; tables and fenced code
/// stay whole.
fn plain_units(lines: &[Line<'_>]) -> Vec<Unit> {
    let texts: Vec<&str> = lines.iter().map(|(_, l)| *l).collect();
    let wrapping = Wrapping::of(&texts);
    let mut units: Vec<Unit> = Vec::new();
    let mut open = false;
    let mut fence: Option<String> = None;
    for (i, &(line_no, raw)) in lines.iter().enumerate() {
        let text = clean(raw);
        let trimmed = text.trim();
        if let Some(marker) = &fence {
            let closes = trimmed.starts_with(marker.as_str());
            if let Some(u) = units.last_mut() {
                u.raw.push('\n');
                u.raw.push_str(raw.trim_end());
            }
            if closes {
                fence = None;
                open = false;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_string());
            units.push(other_unit(line_no, raw.trim_end()));
            open = true;
            continue;
        }
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        if trimmed.starts_with('|') {
            match units.last_mut() {
                Some(u) if open && u.raw.starts_with('|') => {
                    u.raw.push('\n');
                    u.raw.push_str(trimmed);
                }
                _ => units.push(other_unit(line_no, trimmed)),
            }
            open = true;
            continue;
        }
        let joins = open && i > 0 && units.last().is_some_and(|u| u.kind == UnitKind::Paragraph) && {
            let prev = clean(lines[i - 1].1);
            // A wrapped furniture line's tail (`SPONSORED: … liquid cooling` / `design guide`)
            // goes with it.
            let furniture_tail = wrapping.width.is_some_and(|w| prev.trim_end().chars().count() + 20 >= w)
                && furniture::line(&prev).is_some()
                && (trimmed.starts_with(char::is_lowercase) || !furniture::ends_sentence(&prev))
                && trimmed.split_whitespace().count() <= 6;
            furniture_tail || wrapping.continues(&prev, trimmed, structural(&prev) || structural(trimmed))
        };
        if joins {
            if let Some(u) = units.last_mut() {
                u.raw.push(' ');
                u.raw.push_str(trimmed);
                u.visible = u.raw.clone();
            }
        } else {
            units.push(Unit {
                line: line_no,
                raw: trimmed.to_string(),
                visible: trimmed.to_string(),
                kind: UnitKind::Paragraph,
                linked: false,
                h1: false,
                glue: "\n\n",
            });
        }
        open = true;
    }
    units
}

fn other_unit(line: usize, raw: &str) -> Unit {
    Unit {
        line,
        raw: raw.to_string(),
        visible: String::new(),
        kind: UnitKind::Other,
        linked: false,
        h1: false,
        glue: "\n\n",
    }
}

/// No-break and zero-width spaces as pages save them, made plain.
fn clean(line: &str) -> String {
    line.replace(['\u{a0}', '\u{2007}', '\u{202f}'], " ").replace(['\u{200b}', '\u{feff}', '\u{ad}'], "")
}

/// Markdown: blocks separated by blank lines; a heading, each list item and each paragraph
/// is a unit; tables, code and raw HTML are kept whole.
fn markdown_units(lines: &[Line<'_>]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut in_block = false;
    let mut fence: Option<String> = None;
    for &(line_no, raw) in lines {
        let text = clean(raw);
        let line = text.trim_end();
        let trimmed = line.trim_start();
        if let Some(marker) = &fence {
            let closes = trimmed.starts_with(marker.as_str());
            if let Some(u) = units.last_mut() {
                u.raw.push('\n');
                u.raw.push_str(line);
            }
            if closes {
                fence = None;
            }
            continue;
        }
        if trimmed.is_empty() {
            in_block = false;
            continue;
        }
        let glue = if in_block { "\n" } else { "\n\n" };
        let last_kind = units.last().map(|u| u.kind);
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_string());
            units.push(Unit { glue, ..other_unit(line_no, line) });
            in_block = true;
            continue;
        }
        let setext = in_block
            && last_kind == Some(UnitKind::Paragraph)
            && trimmed.len() >= 2
            && (trimmed.chars().all(|c| c == '=') || trimmed.chars().all(|c| c == '-'));
        if setext {
            if let Some(u) = units.last_mut() {
                u.raw.push('\n');
                u.raw.push_str(line);
                u.kind = UnitKind::Heading;
                u.h1 = trimmed.starts_with('=');
            }
            in_block = false;
            continue;
        }
        let heading = trimmed.starts_with('#');
        let item = is_list_item(trimmed);
        let table = trimmed.starts_with('|');
        let continues = in_block
            && !heading
            && !item
            && match last_kind {
                Some(UnitKind::Other) => table,
                Some(UnitKind::Paragraph | UnitKind::ListItem | UnitKind::Image) => !table,
                _ => false,
            };
        if continues {
            if let Some(u) = units.last_mut() {
                u.raw.push('\n');
                u.raw.push_str(line);
                // Tables and raw HTML stay what they are: never furniture.
                if u.kind != UnitKind::Other {
                    refresh_visible(u);
                }
            }
            continue;
        }
        let mut unit = Unit {
            line: line_no,
            raw: line.to_string(),
            visible: String::new(),
            kind: UnitKind::Paragraph,
            linked: false,
            h1: trimmed.starts_with("# "),
            glue,
        };
        if table || trimmed.starts_with('<') {
            unit.kind = UnitKind::Other;
        } else {
            refresh_visible(&mut unit);
        }
        units.push(unit);
        in_block = !heading;
    }
    units
}

fn refresh_visible(u: &mut Unit) {
    let (text, kind, linked) = furniture::visible(&u.raw);
    // A thematic break (`---`) shows nothing; its marks still say what it is.
    u.visible = if text.is_empty() { u.raw.trim().to_string() } else { text };
    u.kind = if kind == UnitKind::Other { UnitKind::Paragraph } else { kind };
    u.linked = linked;
}

fn is_list_item(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with("+ ")
        || (digits > 0 && digits <= 3 && line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
            && digits > 0
}

// ---------------------------------------------------------------------------------------
// Roles, lead and headline.

fn role(units: &[Unit], marks: &[Option<Kind>], i: usize, opts: &ReadOptions<'_>) -> Role {
    let u = &units[i];
    let text = u.visible.trim();
    if u.kind == UnitKind::Other || text.is_empty() {
        return Role::Other;
    }
    if let Some(t) = tickers::ticker_line(text).or_else(|| tickers::security_line(text)) {
        return Role::Tickers(t);
    }
    let next = units.get(i + 1).map(|n| n.visible.as_str());
    if u.kind != UnitKind::Heading {
        if let Some(read) = byline::read(text, next) {
            return Role::Byline(read);
        }
        // A name alone right above the date line (or above a place and then the date, or
        // above the writer's social handle, or right under the date line) is a byline.
        let is_date = |n: &str| dates::find_in_line(n).is_some() || dates::looks_like_date_line(n);
        let place = |n: &str| n.split_whitespace().count() <= 3 && headline::name_shaped(n);
        let after_next = units.get(i + 2).map(|n| n.visible.as_str());
        let before_date =
            next.is_some_and(is_date) || (next.is_some_and(place) && after_next.is_some_and(is_date));
        let handle = next.is_some_and(|n| n.starts_with('@') && n.split_whitespace().count() == 1);
        // A name over the writer's role (`Colleen Marsh` / `Senior Reporter`).
        let over_role = next.is_some_and(byline::role_line) && !byline::role_line(text);
        let under_date = i > 0 && is_date(&units[i - 1].visible) && marks[i].is_none();
        // A name printed twice in a row (a profile picture's alt text, then the name): the
        // post's author.
        let printed_twice =
            next.is_some_and(|n| n.trim() == text) && (i == 0 || units[i - 1].visible.trim() != text);
        // `Adrian Wibowo (The Jakarta Business Post)`: the outlet after the name goes.
        let name = byline::clean_names(text).unwrap_or_else(|| text.to_string());
        if (before_date || handle || under_date || printed_twice || over_role)
            && person_names(&name)
            && furniture::line(text).is_none()
            && marks[i] != Some(Kind::SourceCredit)
        {
            return Role::Byline(guessed(name, None));
        }
        // The date, then the name: `2025年1月22日 10:15 Hiroshi Yamamoto`, `June 04, 2025 By
        // Grace Lindqvist`.
        // (Not when the whole line is a date: `June 12, 2025 09:00 AM Eastern Daylight Time`.)
        let leading = dates::leading(text).filter(|_| dates::parse_date_line(text).is_err());
        if let Some((_, rest)) = leading {
            let date_part = text[..text.len() - rest.len()].trim().to_string();
            // `… · Dana Ortiz @DanaOrtizTV`: the writer's handle after the name.
            let rest: String = rest
                .split_whitespace()
                .filter(|w| !(w.starts_with('@') && w.len() > 1))
                .collect::<Vec<_>>()
                .join(" ");
            let rest = rest.trim_start_matches(['·', '|', '-', '•', ' ']).to_string();
            if person_names(&rest) {
                return Role::Byline(guessed(rest, Some(date_part)));
            }
            if let Some(read) = byline::read(&rest, None).filter(|r| r.byline.author.is_some()) {
                return Role::Byline(byline::Read { rest: Some(date_part), ..read });
            }
            // The byline in a later part: `Dec. 10, 2025 5:32 PM ET | Oracle Corporation
            // (ORCL) | By: Marcus Feld, StreetLedger News Editor`.
            let signed = rest.split(['|', '·', '•']).map(str::trim).find_map(|part| {
                let lower = part.to_lowercase();
                let by = ["by ", "by: ", "por ", "por: "].iter().any(|p| lower.starts_with(p));
                byline::read(part, None).filter(|r| by && r.byline.author.is_some())
            });
            if let Some(read) = signed {
                return Role::Byline(byline::Read { rest: Some(date_part), ..read });
            }
        }
    }
    let parsed = match dates::find_in_line(text) {
        Some(d) => Ok(d),
        None => dates::parse_date_line(text),
    };
    if parsed.is_ok() || (marks[i] == Some(Kind::Timestamp) || dates::looks_like_date_line(text)) {
        return Role::Date(parsed);
    }
    if let Some(kind) = marks[i] {
        return Role::Furniture(kind);
    }
    // A dateline on a line of its own dates the story; it is no headline.
    if dateline_alone(text).is_some() {
        return Role::Other;
    }
    let site = opts.site_name.is_some_and(|s| text.eq_ignore_ascii_case(s.trim()));
    if headline::shaped(text) && !site {
        return Role::Candidate;
    }
    Role::Other
}

/// A byline read from where a name sits, with the date that shares its line.
fn guessed(author: String, rest: Option<String>) -> byline::Read {
    byline::Read {
        byline: Byline { author: Some(author), ai_generated: false },
        took_next: false,
        rest,
        guessed: true,
    }
}

/// One to a few people's names: each two to four capitalised words, joined by `and`, `y`,
/// `&` or commas.
fn person_names(text: &str) -> bool {
    byline::looks_like_name(text)
        && !byline::publication_name(text)
        && !furniture::date_only(&furniture::fold(text))
        && !text.split_whitespace().any(dates::is_date_word)
        && text
            .split([',', '&'])
            .flat_map(|p| p.split(" and "))
            .flat_map(|p| p.split(" y "))
            .all(|p| (2..=4).contains(&p.split_whitespace().count()))
}

/// A transcript's speaker line: `Operator`, or a name and a role set apart by a dash (`Ruth
/// Okafor -- Chief Financial Officer`).
fn speaker_line(text: &str) -> bool {
    let text = text.trim();
    if text == "Operator" {
        return true;
    }
    let Some((name, role)) = [" -- ", " — ", " – "].iter().find_map(|d| text.split_once(d)) else {
        return false;
    };
    person_names(name.trim()) && byline::role_line(role.trim()) && text.split_whitespace().count() <= 14
}

/// A short label that opens a section of the story: `Prepared Remarks:`, `Dive Brief:`.
fn opens_section(text: &str) -> bool {
    let words = text.split_whitespace().count();
    text.ends_with(':') && (1..=4).contains(&words) && text.chars().next().is_some_and(char::is_uppercase)
}

/// A byline that took its name from the next line makes that line part of it.
fn settle_bylines(mut roles: Vec<Role>) -> Vec<Role> {
    for i in 0..roles.len().saturating_sub(1) {
        if matches!(&roles[i], Role::Byline(r) if r.took_next) {
            roles[i + 1] = Role::BylineName;
        }
    }
    roles
}

/// Prose: a sentence with lower-case words in it, or a long paragraph, or a wire story's
/// dateline.
fn prose(u: &Unit) -> bool {
    if u.kind != UnitKind::Paragraph {
        return false;
    }
    let text = u.visible.trim();
    // A transcript's `[00:00:04] DANA ROE:` before the words spoken says nothing of them.
    let who = text.split_once(": ").filter(|(who, _)| {
        (1..=4).contains(&who.split_whitespace().count()) && !who.chars().any(char::is_lowercase)
    });
    let spoken = who.map_or(text, |(_, said)| said);
    // A timestamped turn (`[00:12:40] DANA ROE: …`) is speech, whatever its capitals.
    let timestamped = who.is_some_and(|(w, _)| w.starts_with('[') && w.contains(']') && w.contains(':'));
    let words: Vec<&str> = spoken.split_whitespace().collect();
    let lower = words.iter().filter(|w| w.chars().next().is_some_and(char::is_lowercase)).count();
    let sentence_case = timestamped || lower * 10 >= words.len() * 3;
    let ends = text.trim_end_matches(['"', '”', '’', '\'', ')']).ends_with(['.', '!', '…', '。'])
        || (text.ends_with('?') && words.len() >= 15);
    (sentence_case && ((ends && words.len() >= 6) || words.len() > 30))
        || (dateline::read(text).is_some() && dateline_alone(text).is_none())
}

/// A sentence that introduces the list right after it (`Three big announcements in two
/// weeks:`): a newsletter's story may be that list, so this is its lead.
fn leads_into_list(units: &[Unit], i: usize) -> bool {
    let u = &units[i];
    let text = u.visible.trim();
    let words = text.split_whitespace().count();
    let lower = text.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_lowercase)).count();
    u.kind == UnitKind::Paragraph
        && text.ends_with(':')
        && words >= 4
        && lower * 10 >= words * 3
        && units[i + 1..]
            .iter()
            .find(|n| !n.visible.trim().is_empty())
            .is_some_and(|n| n.kind == UnitKind::ListItem)
}

/// A wire dateline on a line of its own (`MADRID, 5 Dic. (EUROPA PRESS) -`), the story
/// starting on the next.
fn dateline_alone(text: &str) -> Option<Dateline> {
    let dl = dateline::read(text)?;
    let tail = text.rsplit_once([')', '/']).map_or("", |(_, t)| t);
    let words = tail.trim_start_matches(['.', '-', '—', '–', ':', ' ']).split_whitespace().count();
    (words == 0).then_some(dl)
}

fn is_header_matter(role: &Role) -> bool {
    matches!(role, Role::Byline(_) | Role::BylineName | Role::Date(Ok(_)))
}

/// The first paragraph of the article.
fn find_lead(units: &[Unit], marks: &[Option<Kind>], roles: &[Role]) -> Option<usize> {
    // A note on the writer under the byline (`Ruth Calloway is a columnist …`) is no lead.
    let writers = |i: usize| {
        roles[..i].iter().filter_map(|r| match r {
            Role::Byline(read) => read.byline.author.as_deref().map(furniture::fold),
            _ => None,
        })
    };
    let is_prose = |i: usize| {
        marks[i].is_none()
            && matches!(roles[i], Role::Candidate | Role::Other)
            && (prose(&units[i]) || leads_into_list(units, i))
            && !writers(i).any(|w| writers_note(&units[i].visible, &w))
    };
    let prose_at: Vec<usize> = (0..units.len()).filter(|&i| is_prose(i)).collect();
    for (k, &i) in prose_at.iter().enumerate() {
        let next_prose = prose_at.get(k + 1).copied().unwrap_or(units.len());
        // A byline or a date line right after it (furniture such as a share bar may sit
        // between): this is the dek.
        // One short line the byline rules could not read may sit among them (a name glued to
        // its role: `Dana RoeVice President, Public Policy`).
        let mut unread = 0;
        let header_follows = (i + 1..next_prose)
            .take_while(|&j| {
                if is_header_matter(&roles[j]) || matches!(roles[j], Role::Furniture(_) | Role::Tickers(_)) {
                    return true;
                }
                unread += 1;
                unread == 1
                    && !prose(&units[j])
                    && !furniture::ends_sentence(&units[j].visible)
                    && units[j].visible.split_whitespace().count() <= 12
            })
            .any(|j| is_header_matter(&roles[j]));
        // A headline with its byline or date before the next prose: this is an intro or a
        // site's blurb above the article (`Hello readers, here's the week's story.`).
        let article_follows = next_prose < units.len()
            && (i + 1..next_prose).any(|j| {
                matches!(roles[j], Role::Candidate)
                    && !furniture::ends_sentence(&units[j].visible)
                    && units[j + 1..next_prose]
                        .iter()
                        .zip(&roles[j + 1..next_prose])
                        .find(|(u, _)| !u.visible.is_empty())
                        .is_some_and(|(_, r)| is_header_matter(r))
            });
        if header_follows || article_follows {
            continue;
        }
        // A lone sentence followed by a page's worth of other lines (a site's blurb) is
        // not the lead; the article's first paragraph has more prose soon after it.
        let words = units[i].visible.split_whitespace().count();
        let more_soon = next_prose < units.len() && next_prose - i <= 8;
        let last = next_prose == units.len();
        if more_soon || words >= 30 || last {
            return Some(i);
        }
    }
    None
}

/// The same line, printed again elsewhere on the page (an e-mail's `Subject:` header counts:
/// a newsletter's headline is its subject).
fn repeated(units: &[Unit], i: usize) -> bool {
    let key = furniture::fold(&units[i].visible);
    units.iter().enumerate().any(|(j, u)| {
        j != i && {
            let folded = furniture::fold(&u.visible);
            let other = folded.strip_prefix("subject:").map_or(folded.as_str(), str::trim).to_string();
            other == key
                || furniture::fold(headline::without_site_suffix(&u.visible, None)) == key
                || furniture::fold(headline::without_wire_tag(&u.visible)) == key
                || other == furniture::fold(headline::without_wire_tag(&units[i].visible))
        }
    })
}

/// The headline: a Markdown `#` heading above the lead, else a headline-shaped line the page
/// prints twice, else the headline-shaped line nearest above the byline and date that
/// introduce the lead (captions, badges and share bars sit between those and the lead),
/// else the one nearest above the lead. A dek right under the headline loses to it.
fn choose_headline(units: &[Unit], roles: &[Role], lead: usize) -> Option<usize> {
    let lead = lead.min(units.len());
    let zone = 0..lead;
    if let Some(h) = zone.clone().rev().find(|&i| units[i].h1) {
        return Some(h);
    }
    let next_is_header = |i: usize| {
        units[i + 1..lead]
            .iter()
            .zip(&roles[i + 1..lead])
            .find(|(u, _)| !u.visible.is_empty())
            .is_some_and(|(_, r)| is_header_matter(r))
    };
    let candidate = |i: usize| match &roles[i] {
        Role::Candidate => !headline::name_shaped(&units[i].visible) || next_is_header(i),
        // A teaser list's last line right above the byline or date is the headline: the
        // list rule took it, but its own shape is clean.
        Role::Furniture(kind) => {
            let list_tail = matches!(
                kind,
                Kind::Trending | Kind::SeeAlso | Kind::Tags | Kind::Navigation | Kind::KeyFigures
            ) && furniture::line(&units[i].visible).is_none()
                && headline::shaped(&units[i].visible);
            // `Exclusive: Oracle to spend $40 billion on chips` over its byline is the
            // headline, its banner word kept; a `BREAKING: …` strip elsewhere is not.
            let bannered = *kind == Kind::Label
                && units[i]
                    .visible
                    .split_once(':')
                    .is_some_and(|(_, rest)| rest.split_whitespace().count() >= 4 && headline::shaped(rest));
            (list_tail || bannered) && next_is_header(i)
        }
        _ => false,
    };
    if let Some(h) = zone.clone().rev().find(|&i| candidate(i) && repeated(units, i)) {
        return Some(h);
    }
    let block = header_block_start(roles, lead).unwrap_or(lead);
    // Inside the header, a line between the byline and the date is the writer's role or
    // tagline (`Data center analyst | Tracking AI capex`), not a headline.
    let authors_line = |i: usize| {
        let above = (0..i).rev().find(|&j| !matches!(roles[j], Role::Other | Role::Furniture(_)));
        let below = (i + 1..lead).find(|&j| !units[j].visible.is_empty());
        above.is_some_and(|j| matches!(roles[j], Role::Byline(_) | Role::BylineName))
            && below.is_some_and(|j| matches!(roles[j], Role::Date(_)))
    };
    let nearest = (0..block)
        .rev()
        .find(|&i| candidate(i))
        .or_else(|| (block..lead).rev().find(|&i| candidate(i) && !authors_line(i)))?;
    // A site's or section's name printed between the headline and the byline (`Gulf Data
    // Centre Review`) is name-shaped and shares nothing with the lead; the headline above it,
    // past any furniture, does.
    if let Some(lead_unit) = units.get(lead) {
        let text = &units[nearest].visible;
        if headline::name_shaped(text) && !relates(text, &lead_unit.visible) {
            let above = (0..nearest).rev().find(|&i| {
                !units[i].visible.is_empty() && !matches!(roles[i], Role::Furniture(_) | Role::Other)
            });
            if let Some(a) = above.filter(|&a| {
                matches!(roles[a], Role::Candidate)
                    && !headline::name_shaped(&units[a].visible)
                    && relates(&units[a].visible, &lead_unit.visible)
            }) {
                return Some(a);
            }
        }
    }
    // A line of two sentences or more is a dek, never a headline: a headline-shaped line
    // right above it is the headline, whatever words they share.
    let above = (0..nearest).rev().find(|&i| !units[i].visible.is_empty());
    if let Some(a) = above {
        let text = &units[a].visible;
        if several_sentences(&units[nearest].visible)
            && matches!(roles[a], Role::Candidate)
            && candidate(a)
            && !headline::dek_shaped(text)
            && !headline::name_shaped(text)
        {
            return Some(a);
        }
    }
    // Two headline-shaped lines in a row that both tell the lead's story: a headline and its
    // dek, the headline first. A teaser for another story above the headline shares no words
    // with the lead.
    let above = (0..nearest).rev().find(|&i| !units[i].visible.is_empty());
    if let (Some(above), Some(lead_unit)) = (above, units.get(lead)) {
        let a = &units[above].visible;
        // A title-cased line under a sentence-cased one is the headline after all.
        let headline_first = !title_cased(&units[nearest].visible) || title_cased(a);
        if matches!(roles[above], Role::Candidate)
            && candidate(above)
            && !headline::dek_shaped(a)
            && headline_first
            && relates(a, &lead_unit.visible)
        {
            return Some(above);
        }
    }
    Some(nearest)
}

/// A service that distributes companies' own press releases, named in their datelines.
fn release_distributor(agency: &str) -> bool {
    let squeezed: String = agency.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    ["newswire", "businesswire", "accesswire", "marketwire", "prweb", "presswire", "cision"]
        .iter()
        .any(|d| squeezed.contains(d))
}

/// Two sentences or more: `Spending is racing ahead of revenue. Investors should ask.`
fn several_sentences(text: &str) -> bool {
    let t = text.trim();
    furniture::ends_sentence(t)
        && t.char_indices().any(|(i, c)| {
            let word_before = t[..i].rsplit(char::is_whitespace).next().unwrap_or("");
            matches!(c, '.' | '?' | '!')
                && t[i + 1..].starts_with(' ')
                && t[i + 1..].trim_start().chars().next().is_some_and(char::is_uppercase)
                && word_before.chars().count() >= 2
                && word_before.chars().all(char::is_lowercase)
                && !["vs", "etc", "approx", "no"].contains(&word_before)
        })
}

/// The first unit of the bylines and dates nearest above the lead (furniture may sit among
/// them), if there are any.
fn header_block_start(roles: &[Role], lead: usize) -> Option<usize> {
    let last = (0..lead).rev().find(|&i| is_header_matter(&roles[i]))?;
    let mut start = last;
    for i in (0..last).rev() {
        match &roles[i] {
            r if is_header_matter(r) => start = i,
            Role::Furniture(_) | Role::Tickers(_) | Role::Date(_) => {}
            _ => break,
        }
    }
    Some(start)
}

/// Most words start with a capital: `Meta Picks Louisiana for $10 Billion AI Data Center`.
fn title_cased(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().filter(|w| w.chars().count() >= 4).collect();
    let capitals = words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    !words.is_empty() && capitals * 10 >= words.len() * 7
}

/// Words that say nothing about what a story is about.
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "with", "that", "this", "from", "its", "has", "have", "will", "says", "said",
    "over", "into", "after", "about", "more", "than", "year", "new", "los", "las", "del", "para", "con",
    "una", "por", "que", "sus", "más",
];

fn content_words(text: &str) -> std::collections::HashSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '$'))
        .map(|w| w.trim_end_matches("'s").to_lowercase())
        .filter(|w| {
            (w.chars().count() >= 3 || w.chars().any(|c| c.is_ascii_digit()))
                && !STOPWORDS.contains(&w.as_str())
        })
        .collect()
}

/// Whether a line is about what the lead is about: two content words in common (one for a
/// short line).
fn relates(line: &str, lead: &str) -> bool {
    let a = content_words(line);
    let l = content_words(lead);
    let shared = a.intersection(&l).count();
    shared >= 2 || (shared == 1 && a.len() <= 4)
}

// ---------------------------------------------------------------------------------------
// Dates outside the header.

/// A date printed below the article (`Published: 4 June 2025`), when the header had none.
fn date_from_body(units: &[Unit], marks: &[Option<Kind>]) -> DateLine {
    for (u, mark) in units.iter().zip(marks) {
        if *mark == Some(Kind::Timestamp) {
            if let Ok(date) = dates::parse_date_line(&u.visible) {
                return DateLine::Parsed {
                    date,
                    line: u.line,
                    text: u.visible.clone(),
                    from: DateFrom::Line,
                };
            }
        }
    }
    DateLine::Missing
}

/// The dateline's day, in the year the dateline gives, else the year of another date on the
/// page, else the year the file was saved in.
fn date_from_dateline(
    dl: &Dateline,
    units: &[Unit],
    line: usize,
    file_day: Option<jiff::civil::Date>,
) -> DateLine {
    let Some((month, day)) = dl.month_day else { return DateLine::Missing };
    let text = format!("{}{}", dl.city.as_deref().map_or(String::new(), |c| format!("{c}, ")), dl.agency);
    let (year, year_from) = match dl.year {
        Some(y) => (y, None),
        None => {
            let on_page = units.iter().find_map(|u| {
                let found = dates::parse_date_line_with(&u.visible, Some(DayOrder::DayFirst)).ok()?;
                let day: jiff::civil::Date = found.value.get(..10)?.parse().ok()?;
                Some((day, u.line))
            });
            match (on_page, file_day) {
                (Some((reference, at)), _) => {
                    (year_near(month, day, reference), Some(format!("the date on line {at}")))
                }
                (None, Some(saved)) => {
                    (year_near(month, day, saved), Some("the file's modification date".to_string()))
                }
                (None, None) => return DateLine::Missing,
            }
        }
    };
    match jiff::civil::Date::new(year, month, day) {
        Ok(date) => DateLine::Parsed {
            date: ParsedDate { value: date.to_string(), ..ParsedDate::default() },
            line,
            text,
            from: DateFrom::Dateline { year_from },
        },
        Err(_) => DateLine::Missing,
    }
}

/// The year that puts the dateline's day on or before `reference` (the page's update, or
/// the day it was saved), within a year of it: a December dateline saved in January belongs
/// to the year before.
fn year_near(month: i8, day: i8, reference: jiff::civil::Date) -> i16 {
    if (month, day) > (reference.month(), reference.day()) {
        reference.year() - 1
    } else {
        reference.year()
    }
}

// ---------------------------------------------------------------------------------------
// The body.

/// The body's blocks from the lead on: furniture, bylines and a repeated headline left out,
/// and after an agency's sign-off only prose kept.
fn body_blocks(
    units: &[Unit],
    marks: &[Option<Kind>],
    headline: &str,
    author: Option<&str>,
    flavour: Flavour,
    removed: &mut Vec<Removed>,
) -> Vec<Block> {
    let headline_key = furniture::fold(headline);
    // An author's box after the story: the byline's name alone, then a short bio naming them.
    let author_key = author.map(furniture::fold).filter(|a| !a.is_empty());
    let surname = author_key.as_deref().and_then(|a| a.split_whitespace().next_back()).map(str::to_string);
    let mut in_author_box = false;
    let mut blocks: Vec<Block> = Vec::new();
    let mut signed_off = false;
    let mut pending_glue_break = false;
    // After the last paragraph of prose, short lines that are no sentences are the page's
    // footer (tags, menus, app prompts), whatever their words.
    let last_prose = units.iter().zip(marks).rposition(|(u, m)| m.is_none() && prose(u));
    // A transcript's speaker lines become small headings over each turn: a speaker who talks
    // twice is printed twice, which the in-article dedup would otherwise take for a repeat.
    let transcript = units.iter().filter(|u| speaker_line(&u.visible)).count() >= 3;
    for (i, (u, mark)) in units.iter().zip(marks).enumerate() {
        let footer = last_prose.is_some_and(|l| i > l)
            && matches!(u.kind, UnitKind::Paragraph | UnitKind::Heading)
            && !furniture::ends_sentence(&u.visible)
            && u.visible.split_whitespace().count() <= 10;
        let drop = if let Some(kind) = mark {
            signed_off |= matches!(
                kind,
                Kind::WireSignoff | Kind::Copyright | Kind::Syndication | Kind::SourceCredit | Kind::Comments
            );
            Some(kind.label())
        } else if u.kind != UnitKind::Other
            && (furniture::fold(&u.visible) == headline_key
                || furniture::fold(headline::without_wire_tag(&u.visible)) == headline_key)
        {
            Some("repeated headline")
        } else if u.kind != UnitKind::Other
            && author_key.as_deref() == Some(furniture::fold(&u.visible).as_str())
        {
            in_author_box = true;
            Some("author box")
        } else if in_author_box
            && u.visible.split_whitespace().count() <= 40
            && surname.as_deref().is_some_and(|s| furniture::fold(&u.visible).contains(s))
        {
            in_author_box = false;
            Some("author box")
        } else if author_key.as_deref().is_some_and(|a| writers_note(&u.visible, a)) {
            Some("author box")
        } else if u.kind == UnitKind::Paragraph
            && u.visible.split_whitespace().count() <= 10
            && byline::read(&u.visible, None).is_some_and(|r| r.byline.author.is_some())
            && u.visible.to_lowercase().starts_with("by ")
        {
            Some("byline")
        } else if signed_off && u.kind != UnitKind::Other && !prose(u) {
            Some("after the sign-off")
        } else if footer {
            Some("page footer")
        } else {
            None
        };
        if let Some(what) = drop {
            removed.push(Removed {
                line: u.line,
                what,
                text: if u.visible.is_empty() { u.raw.clone() } else { u.visible.clone() },
            });
            pending_glue_break = true;
            continue;
        }
        let text = match (flavour, u.kind) {
            (Flavour::PlainText, UnitKind::Paragraph) => escape_plain(&u.raw),
            _ => u.raw.clone(),
        };
        let text = if transcript && u.kind == UnitKind::Paragraph && speaker_line(&u.visible) {
            format!("#### {text}")
        } else {
            text
        };
        // Markdown units of one block (list items) stay one block.
        match blocks.last_mut() {
            Some(last) if flavour == Flavour::Markdown && u.glue == "\n" && !pending_glue_break => {
                last.text.push('\n');
                last.text.push_str(&text);
            }
            _ => blocks.push(Block { text, line: u.line }),
        }
        pending_glue_break = false;
    }
    blocks
}

/// A note on the writer after the story: it starts with the byline's name and says what they
/// cover or how to reach them (`Lena Fischer covers data centres from Frankfurt. Write to her
/// at …`).
fn writers_note(text: &str, author: &str) -> bool {
    let folded = furniture::fold(text);
    let folded = folded.trim_start_matches(['*', '_', ' ']);
    let Some(rest) = folded.strip_prefix(author) else { return false };
    const SAYS: [&str; 20] = [
        " covers ",
        " writes about ",
        " reports on ",
        " is a reporter",
        " is a correspondent",
        " is a senior",
        " is a staff",
        " is a columnist",
        " is a contributing",
        " is a contributor",
        " is an editor",
        " is a writer",
        " es columnista",
        " is the ",
        " has covered ",
        " cubre ",
        " escribe sobre ",
        " es periodista",
        " es corresponsal",
        " es redactor",
    ];
    let words = folded.split_whitespace().count();
    rest.starts_with(' ') && words <= 45 && (rest.contains('@') || SAYS.iter().any(|w| rest.starts_with(w)))
}

/// Keeps a plain-text paragraph from turning into Markdown it never was: a leading `#`
/// (heading), `2025.` (an ordered list starting at 2025) or raw `<tags>`.
fn escape_plain(text: &str) -> String {
    let mut out = text.replace('<', "&lt;");
    if out.starts_with('#')
        || out.starts_with('>')
        || out.starts_with('=')
        || out.starts_with("- ")
        || out.starts_with("* ")
        || out.starts_with("+ ")
    {
        out.insert(0, '\\');
    }
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with(['.', ')']) && out[digits + 1..].starts_with(' ') {
        out.insert(digits, '\\');
    }
    out
}

fn starts_with_label(text: &str, labels: &[&str]) -> Option<bool> {
    let lower = text.trim_start_matches(['*', '_', '#', ' ']).to_lowercase();
    let label = labels.iter().find(|l| lower.starts_with(*l))?;
    // `true` when the label stands alone and its text follows in the next block.
    let after = lower[label.len()..].trim_matches(['*', '_', ':', ' ']);
    Some(after.is_empty())
}

fn is_comments_heading(text: &str) -> bool {
    let lower = text.trim_matches(['*', '_', '#', ' ']).to_lowercase();
    let bare = lower.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '(' | ')' | ' '));
    COMMENT_HEADINGS.contains(&bare)
}

fn is_no_comments(text: &str) -> bool {
    let lower = text.trim().trim_end_matches('.').to_lowercase();
    NO_COMMENTS.iter().any(|p| lower.starts_with(p))
}

/// Removes the publisher's disclosure paragraphs and the comments footer, listing them in
/// `removed`.
fn strip_publisher_chrome(blocks: Vec<Block>, removed: &mut Vec<Removed>) -> (Vec<Block>, bool) {
    let mut kept = Vec::with_capacity(blocks.len());
    let mut disclosure = false;
    let mut i = 0;
    let note = |from: usize, to: usize, what: &'static str, removed: &mut Vec<Removed>| {
        for b in &blocks[from..to.min(blocks.len())] {
            removed.push(Removed { line: b.line, what, text: b.text.clone() });
        }
    };
    while i < blocks.len() {
        let text = blocks[i].text.trim();
        let is_marker = |b: Option<&Block>| {
            b.is_some_and(|b| {
                let t = b.text.trim();
                starts_with_label(t, &INVESTMENT_LABELS).is_some()
                    || starts_with_label(t, &DISCLOSURE_LABELS).is_some()
                    || is_comments_heading(t)
            })
        };
        let from = i;
        if let Some(alone) = starts_with_label(text, &DISCLOSURE_LABELS) {
            disclosure = true;
            i += 1;
            // The label alone, then its paragraph; then the one more paragraph it always has.
            for _ in 0..(1 + usize::from(alone)) {
                if !is_marker(blocks.get(i)) && i < blocks.len() {
                    i += 1;
                }
            }
            note(from, i, "publisher disclosure", removed);
            continue;
        }
        if let Some(alone) = starts_with_label(text, &INVESTMENT_LABELS) {
            disclosure = true;
            i += 1;
            if alone && !is_marker(blocks.get(i)) && i < blocks.len() {
                i += 1;
            }
            note(from, i, "publisher disclosure", removed);
            continue;
        }
        if is_comments_heading(text) {
            let next_is_empty_state = blocks.get(i + 1).is_some_and(|b| is_no_comments(&b.text));
            if next_is_empty_state || disclosure || i + 1 == blocks.len() {
                note(from, blocks.len(), "comments footer", removed);
                break;
            }
        }
        if is_no_comments(text) && text.chars().count() < 40 {
            i += 1;
            note(from, i, "comments footer", removed);
            continue;
        }
        kept.push(blocks[i].clone());
        i += 1;
    }
    (kept, disclosure)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, &str)> {
        text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect()
    }

    fn read(text: &str) -> Scraped {
        let opts = ReadOptions { flavour: Flavour::PlainText, site_name: None, title: None, file_day: None };
        parse(&lines(text), &opts).unwrap()
    }

    fn bodies(s: &Scraped) -> Vec<&str> {
        s.body.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn a_newsletter_whose_story_is_a_list_keeps_it() {
        let page = "The Build-Out Brief: deals of the week\n\nThree big announcements in two weeks:\n\n- Amazon: $10 billion in North Carolina.\n- Meta: $1.5 billion in Texas.\n\nThat's all for this week. Forward this to a colleague who should subscribe.\n";
        let opts = ReadOptions { flavour: Flavour::Markdown, site_name: None, title: None, file_day: None };
        let s = parse(&lines(page), &opts).unwrap();
        let body = bodies(&s).join("\n");
        assert!(body.starts_with("Three big announcements in two weeks:"), "{body}");
        assert!(
            body.contains("$10 billion in North Carolina") && body.contains("$1.5 billion in Texas"),
            "{body}"
        );
    }

    #[test]
    fn takes_the_spanish_edition_apart() {
        let page = "Titular de prueba con varias palabras\nGenerado por agente de IALuz Marín\nlunes, 24 de febrero de 2025, 4:37 am ET1 min de lectura\nBABA--\nFirst paragraph of the story is long enough to read as prose.\nSecond paragraph of the story is also long enough to count.\nDivulgación editorial y transparencia de la IA: texto.\nOtro párrafo de la divulgación.\nAdvertencia sobre inversiones: texto.\nComentarios\nAún no hay comentarios\n";
        let s = read(page);
        assert_eq!(s.headline, "Titular de prueba con varias palabras");
        assert_eq!(s.byline.as_ref().and_then(|b| b.author.as_deref()), Some("Luz Marín"));
        assert!(matches!(s.date, DateLine::Parsed { line: 3, .. }));
        assert_eq!(s.tickers, ["BABA"]);
        assert_eq!(bodies(&s).len(), 2);
        assert!(s.publisher_disclosure);
    }

    #[test]
    fn a_page_with_navigation_a_trending_strip_and_a_two_line_byline() {
        let page = "\
Skip to main content
Example Business Times
Markets
Technology
Opinion
Trending
Nvidia briefly tops $4 trillion in market value
Oracle to spend $40 billion on Nvidia chips for OpenAI's Texas data centre
By
Reuters
June 4, 2025, 6:12 PM ET
Share
Facebook
X
FILE PHOTO: The Oracle logo at its offices in Austin, Texas. REUTERS/Jane Roe/File Photo
SAN FRANCISCO, June 4 (Reuters) - Oracle will spend about $40 billion on Nvidia's chips to power OpenAI's new data centre in Abilene, Texas, the Financial Times reported on Wednesday.
Advertisement
The site will hold about 400,000 of Nvidia's GB200 chips, the report said.
(Reporting by Jane Roe in San Francisco; Editing by John Doe)
Read more:
Meta raises its 2025 capex range to as much as $72 billion
";
        let s = read(page);
        assert_eq!(s.headline, "Oracle to spend $40 billion on Nvidia chips for OpenAI's Texas data centre");
        assert_eq!(s.byline.as_ref().and_then(|b| b.author.as_deref()), Some("Reuters"));
        assert!(
            matches!(&s.date, DateLine::Parsed { date, .. } if date.value == "2025-06-04T18:12:00-04:00"),
            "{:?}",
            s.date
        );
        let body = bodies(&s);
        assert_eq!(body.len(), 2, "{body:#?}");
        assert!(body[0].contains("Nvidia's chips to power OpenAI's new data centre"), "{}", body[0]);
        assert!(s.removed.iter().any(|r| r.what == "ad label"));
    }

    const LEAD: &str = "Microsoft will spend about $80 billion in its current fiscal year on data centers built for artificial intelligence, its president said on Friday.";
    const SECOND: &str = "More than half of that total will be spent in the United States, the company said.";

    fn headline_of(header: &str) -> String {
        read(&format!("{header}\n{LEAD}\n{SECOND}\n")).headline
    }

    #[test]
    fn headlines_that_are_questions_have_colons_or_sit_under_kickers() {
        assert_eq!(
            headline_of("Markets | Tech | Economy\nTECH\nWhy is Microsoft spending $80 billion on data centers?\nBy Nora Quinn\n3 hours ago"),
            "Why is Microsoft spending $80 billion on data centers?"
        );
        assert_eq!(
            headline_of("ARTIFICIAL INTELLIGENCE\nAI capex: Microsoft sets $80 billion for data centers this year\nBy Nora Quinn\nJanuary 3, 2025"),
            "AI capex: Microsoft sets $80 billion for data centers this year"
        );
        assert_eq!(
            headline_of(
                "Exclusive: Microsoft to spend $80 billion on AI data centers\nBy Nora Quinn\nJan. 3, 2025"
            ),
            "Exclusive: Microsoft to spend $80 billion on AI data centers"
        );
        // A kicker of three capitalised words above the headline is no headline.
        assert_eq!(
            headline_of("EXCLUSIVE DATA CENTERS\nMicrosoft to spend $80 billion on AI data centers this year\nBy Nora Quinn\nJan. 3, 2025"),
            "Microsoft to spend $80 billion on AI data centers this year"
        );
    }

    #[test]
    fn wire_tags_and_site_names_are_no_part_of_the_headline() {
        assert_eq!(
            headline_of("UPDATE 2-Microsoft lifts data center budget to $80 billion for the year\nBy Nora Quinn\nJan. 3, 2025 6:10 PM ET"),
            "Microsoft lifts data center budget to $80 billion for the year"
        );
        assert_eq!(
            headline_of(
                "CORRECTED-EXCLUSIVE-Microsoft sets aside $80 billion for AI data centers\nJan. 3, 2025"
            ),
            "Microsoft sets aside $80 billion for AI data centers"
        );
        assert_eq!(
            headline_of("Update 1 - Microsoft sets aside $80 billion for AI data centers\nJan. 3, 2025"),
            "Update 1 - Microsoft sets aside $80 billion for AI data centers",
            "a capitalised word with a spaced dash may be the headline's own"
        );
        // The tagged copy printed again above the lead is the headline, not the body.
        let s = read(&format!("Microsoft lifts data center budget to $80 billion\nREFILE-Microsoft lifts data center budget to $80 billion\nJan. 3, 2025\n{LEAD}\n{SECOND}\n"));
        assert_eq!(s.headline, "Microsoft lifts data center budget to $80 billion");
        assert_eq!(s.headline_from, HeadlineFrom::Repeated);
        assert_eq!(bodies(&s), vec![LEAD, SECOND]);
        // The site's name between the headline and the date is not the headline.
        assert_eq!(
            headline_of("Why Microsoft is spending $80 billion on data centers this year\nPacific Cloud Ledger\nJan. 3, 2025"),
            "Why Microsoft is spending $80 billion on data centers this year"
        );
    }

    #[test]
    fn a_date_then_the_writer_and_a_handle() {
        let s = read(&format!("Microsoft sets $80 billion for AI data centers this year\nPublished Fri, Jan 3 2025 6:10 PM EST · Nora Quinn @NoraQuinnTV\n{LEAD}\n{SECOND}\n"));
        assert_eq!(s.byline.and_then(|b| b.author).as_deref(), Some("Nora Quinn"));
        assert!(
            matches!(&s.date, DateLine::Parsed { date, .. } if date.value == "2025-01-03T18:10:00-05:00"),
            "{:?}",
            s.date
        );
        // A publication's name before the date is no byline.
        let s = read(&format!("Microsoft sets $80 billion for AI data centers this year\nCloud Capex Weekly | 2025.01.03 18:10\n{LEAD}\n{SECOND}\n"));
        assert_eq!(s.byline, None);
    }

    #[test]
    fn a_note_on_the_writer_after_the_story_is_left_out() {
        let s = read(&format!("Microsoft sets $80 billion for AI data centers this year\nBy Nora Quinn\nJan. 3, 2025\n{LEAD}\n{SECOND}\nNora Quinn covers cloud computing from Seattle. Write to her at nquinn@example.com.\n"));
        assert_eq!(bodies(&s), vec![LEAD, SECOND]);
        // The writer named at the start of a paragraph of reporting stays.
        let quote = "Nora Quinn asked the company whether the figure included leases, and it said it did.";
        let s = read(&format!("Microsoft sets $80 billion for AI data centers this year\nBy Nora Quinn\nJan. 3, 2025\n{LEAD}\n{quote}\n"));
        assert_eq!(bodies(&s), vec![LEAD, quote]);
    }

    #[test]
    fn a_relative_time_dates_nothing() {
        let s = read(&format!("Why is Microsoft spending $80 billion on data centers?\nBy Nora Quinn\n3 hours ago\n{LEAD}\n{SECOND}\n"));
        assert!(!matches!(s.date, DateLine::Parsed { .. }), "{:?}", s.date);
        let s = read(&format!(
            "Microsoft invertirá 80.000 millones en centros de datos\nhace 3 horas\n{LEAD}\n{SECOND}\n"
        ));
        assert!(!matches!(s.date, DateLine::Parsed { .. }), "{:?}", s.date);
    }

    #[test]
    fn a_social_post_has_an_author_and_no_headline() {
        let page = format!("Marcus Hale’s Post\nMarcus Hale\nMarcus Hale\n • 2nd\nData center analyst | Tracking AI capex\n1w •\n{LEAD}\n{SECOND}\n");
        let s = read(&page);
        assert_eq!(s.headline_from, HeadlineFrom::Proposed, "{}", s.headline);
        assert!(s.headline.starts_with("Microsoft will spend about $80 billion"), "{}", s.headline);
        assert_eq!(s.byline.as_ref().and_then(|b| b.author.as_deref()), Some("Marcus Hale"));
        assert!(!matches!(s.date, DateLine::Parsed { .. }), "{:?}", s.date);
    }

    #[test]
    fn a_page_that_starts_with_its_text() {
        let page = "Microsoft expects to spend $80 billion in fiscal 2025 on AI-enabled data centres, Vice Chair Brad Smith said in a blog post.\nMore than half of the total will be spent in the United States, he wrote.\n";
        let s = read(page);
        assert_eq!(s.headline_from, HeadlineFrom::Proposed);
        assert_eq!(
            s.headline,
            "Microsoft expects to spend $80 billion in fiscal 2025 on AI-enabled data centres"
        );
        assert_eq!(bodies(&s).len(), 2);
    }

    #[test]
    fn dateline_gives_the_day_and_another_date_the_year() {
        let page = "Alibaba to spend 380 billion yuan on AI and cloud\nBEIJING, Feb 24 (Reuters) - Alibaba Group said on Monday it will invest at least 380 billion yuan in AI over three years.\nThe shares rose.\nUpdated 25 Feb 2025\n";
        let s = read(page);
        match &s.date {
            DateLine::Parsed { date, from: DateFrom::Line, .. } => assert_eq!(date.value, "2025-02-25"),
            other => panic!("{other:?}"),
        }
        let page = "Alibaba to spend 380 billion yuan on AI and cloud\nBEIJING, Feb 24 (Reuters) - Alibaba Group said on Monday it will invest at least 380 billion yuan in AI over three years.\nThe shares rose sharply in Hong Kong on the news.\n";
        let opts = ReadOptions {
            flavour: Flavour::PlainText,
            site_name: None,
            title: None,
            file_day: Some(jiff::civil::date(2025, 3, 1)),
        };
        let s = parse(&lines(page), &opts).unwrap();
        match &s.date {
            DateLine::Parsed { date, from: DateFrom::Dateline { year_from: Some(_) }, .. } => {
                assert_eq!(date.value, "2025-02-24")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(s.byline.and_then(|b| b.author).as_deref(), Some("Reuters"));
    }

    #[test]
    fn a_repeated_line_is_the_headline_and_the_dek_is_the_summary() {
        let page = "Meta lifts 2025 capex range as AI race heats up\nTechnology\nMeta lifts 2025 capex range as AI race heats up\nThe company now expects to spend between $66 billion and $72 billion this year.\nBy Jane Roe\nJul 30, 2025 4:15 PM ET\nMeta Platforms raised the bottom of its capital expenditure forecast on Wednesday, saying it would keep investing in AI.\nThe shares rose 10% after hours on the forecast and on revenue.\n";
        let s = read(page);
        assert_eq!(s.headline, "Meta lifts 2025 capex range as AI race heats up");
        assert_eq!(s.headline_from, HeadlineFrom::Repeated);
        assert_eq!(
            s.summary.as_deref(),
            Some("The company now expects to spend between $66 billion and $72 billion this year.")
        );
        assert!(bodies(&s)[0].starts_with("Meta Platforms raised"));
    }

    fn author(s: &Scraped) -> Option<&str> {
        s.byline.as_ref().and_then(|b| b.author.as_deref())
    }

    #[test]
    fn a_name_over_its_role_line_is_the_byline_and_the_dek_above_stays_out() {
        let page = format!("ENERGY LEDGER\n\nMicrosoft puts $80 billion into AI data centers this fiscal year\n\nMore than half of the money will be spent in the United States, where power is the limit.\n\nPublished March 3, 2026\nRosa Delgado\nSenior Reporter\n\n{LEAD}\n\n{SECOND}\n");
        let s = read(&page);
        assert_eq!(s.headline, "Microsoft puts $80 billion into AI data centers this fiscal year");
        assert_eq!(author(&s), Some("Rosa Delgado"));
        assert_eq!(bodies(&s), vec![LEAD, SECOND]);
    }

    #[test]
    fn a_call_transcript_keeps_its_sections_and_every_speaker_turn() {
        let page = "QuarterCalls\n\nNorthwind Cloud Q1 2026 Earnings Call Transcript\n\nApr 28, 2026, 5:00 p.m. ET\n\nPrepared Remarks:\n\nOperator\n\nGood afternoon and welcome to Northwind Cloud's first quarter results call. All lines are muted for now.\n\nRuth Okafor -- Chief Financial Officer\n\nThank you. Capital expenditures were $4 billion in the quarter, and we expect about $18 billion for the year.\n\nTom Reyes -- Analyst\n\nHow much of that goes to data centres rather than network equipment this year?\n\nRuth Okafor -- Chief Financial Officer\n\nMost of it, roughly three quarters, goes to data centres and the servers in them.\n";
        let s = read(page);
        assert_eq!(s.headline, "Northwind Cloud Q1 2026 Earnings Call Transcript");
        let b = bodies(&s);
        assert_eq!(b[0], "Prepared Remarks:");
        assert_eq!(b[1], "#### Operator");
        assert_eq!(b.iter().filter(|p| p.starts_with("#### Ruth Okafor")).count(), 2, "{b:#?}");
    }

    #[test]
    fn a_podcast_transcript_starts_at_its_first_timestamped_turn() {
        let page = "Rack Talk\n\nEpisode 12: What a gigawatt buys in West Texas\n\nMarch 3, 2026 · 41 min\nHosted by Lena Park and Omar Haddad\n\nShow notes\nWe talk through the new campus and the power it needs.\n\nTRANSCRIPT\n\n[00:00:03] LENA PARK: Hello and welcome to Rack Talk. I'm Lena Park.\n\n[00:00:06] OMAR HADDAD: And I'm Omar Haddad. This week a new campus in West Texas got a price tag of $2 billion.\n\n[00:04:10] LENA PARK: The power is the story, and the utility says it can serve the first phase by 2027.\n";
        let s = read(page);
        assert_eq!(author(&s), Some("Lena Park and Omar Haddad"));
        assert!(bodies(&s)[0].contains("LENA PARK: Hello"), "{:?}", bodies(&s));
    }

    #[test]
    fn a_label_over_the_list_that_starts_the_story_is_kept() {
        let page = format!("GRID NOTES\n\nMicrosoft puts $80 billion into AI data centers this fiscal year\n\nPublished March 3, 2026\nRosa Delgado\nSenior Reporter\n\nThe Brief:\n- {LEAD}\n- {SECOND}\n\nThe company did not say how the money would be split between years, though it gave a total.\n");
        let s = read(&page);
        assert_eq!(author(&s), Some("Rosa Delgado"));
        assert_eq!(bodies(&s)[0], "The Brief:");
    }

    #[test]
    fn a_headline_under_a_menu_with_gaps_and_the_name_under_it() {
        let page = format!("THE HARBOUR TIMES\n主页 | Home  World  Business  Sport  Culture\nBusiness\n2025.01.03 09:20\nMicrosoft Commits Eighty Billion Dollars to AI Data Centers\nPark Ji-won\n{LEAD}\n\n{SECOND}\n");
        let s = read(&page);
        assert_eq!(s.headline, "Microsoft Commits Eighty Billion Dollars to AI Data Centers");
        assert_eq!(author(&s), Some("Park Ji-won"));
        assert_eq!(bodies(&s), vec![LEAD, SECOND]);
        // A section's name there is no writer: it tells the lead's story.
        let s = read(&format!(
            "Microsoft Commits Eighty Billion Dollars to AI Data Centers\nData Centers\n{LEAD}\n\n{SECOND}\n"
        ));
        assert_eq!(author(&s), None);
    }

    #[test]
    fn an_agency_over_the_date_is_the_byline_and_the_line_above_it_the_headline() {
        let page = format!("Portal Home | Quotes | Markets | News | Video\nMicrosoft to spend $80 billion on AI data centers this fiscal year\nBloomberg\nFri, January 3, 2025 at 7:10 PM UTC\n{LEAD}\n\n{SECOND}\n");
        let s = read(&page);
        assert_eq!(s.headline, "Microsoft to spend $80 billion on AI data centers this fiscal year");
        assert_eq!(s.headline_from, HeadlineFrom::Nearest);
        assert_eq!(author(&s), Some("Bloomberg"));
        // The name of an agency spelled out in full, over the date, is read whole.
        let page = format!("Microsoft to spend $80 billion on AI data centers this fiscal year\nPress Trust of India\nLast Updated : Jan 4 2025 | 8:10 AM IST\n{LEAD}\n\n{SECOND}\n");
        assert_eq!(author(&read(&page)), Some("Press Trust of India"));
    }

    #[test]
    fn a_dek_of_two_sentences_loses_to_the_short_headline_and_the_bio_is_no_lead() {
        let page = format!("OPINION\nThe cloud bill comes due\nHyperscalers keep raising their budgets. Shareholders are starting to ask why.\nMara Quinn\nMarch 3, 2026\nMara Quinn is a columnist writing about technology. Her views are her own.\nListen · 4 min\n{LEAD}\n\n{SECOND}\n");
        let s = read(&page);
        assert_eq!(s.headline, "The cloud bill comes due");
        assert_eq!(author(&s), Some("Mara Quinn"));
        assert_eq!(bodies(&s), vec![LEAD, SECOND]);
    }

    #[test]
    fn a_byline_in_a_later_part_of_the_date_line() {
        let page = format!("Microsoft sets $80 billion for AI data centers this year\nJan. 3, 2025 6:10 PM ET | Microsoft Corporation (MSFT) | By: Lena Ortiz, Markets Reporter\n{LEAD}\n\n{SECOND}\n");
        let s = read(&page);
        assert_eq!(author(&s), Some("Lena Ortiz"));
        assert!(
            matches!(&s.date, DateLine::Parsed { date, .. } if date.value == "2025-01-03T18:10:00-05:00"),
            "{:?}",
            s.date
        );
    }

    #[test]
    fn a_closing_credit_in_brackets_names_the_writers() {
        let page = format!("Microsoft sets $80 billion for AI data centers this year\nSEATTLE, Jan. 3 (KBN) {LEAD}\n\n{SECOND}\n\n(By Kim Min-jun and Lee Su-bin)\nENDITEM/KS\n");
        let s = read(&page);
        assert_eq!(author(&s), Some("Kim Min-jun and Lee Su-bin"));
        assert_eq!(bodies(&s).len(), 2, "{:?}", bodies(&s));
        // A wire's reporting and editing credit is not a byline: the agency is.
        let page = format!("Microsoft sets $80 billion for AI data centers this year\nSEATTLE, Jan 3 (Reuters) - {LEAD}\n\n{SECOND}\n\n(Reporting by Kim Min-jun; Editing by Lee Su-bin)\n");
        assert_eq!(author(&read(&page)), Some("Reuters"));
    }

    #[test]
    fn a_release_credits_its_issuer_and_distributor_with_no_byline() {
        let page = "Wire Direct\nNews Releases\nNorthgate Power Announces $2 Billion Data Center Campus in Ohio\nNEWS PROVIDED BY\nNorthgate Power Holdings Inc.\nMar 02, 2026, 08:00 ET\nCOLUMBUS, Ohio, March 2, 2026 /PRNewswire/ -- Northgate Power Holdings today announced plans to invest $2 billion in a data center campus near Columbus.\n\nConstruction is to start this summer, the company said in a statement.\n";
        let s = read(page);
        assert_eq!(s.headline, "Northgate Power Announces $2 Billion Data Center Campus in Ohio");
        assert_eq!(author(&s), None);
        // An agency's dateline still credits the agency.
        let s = read(&format!("Microsoft sets $80 billion for AI data centers this year\nSEATTLE, Jan 3 (Reuters) - {LEAD}\n\n{SECOND}\n"));
        assert_eq!(author(&s), Some("Reuters"));
    }

    #[test]
    fn a_newsletter_issue_line_dates_it_and_its_sign_off_goes() {
        let page = format!("View this email in your browser\nTHE MORNING RACK\nEdition #45 · Monday, March 2, 2026\nMicrosoft's $80 billion data center year, in numbers\nBy Sam Hart\n\n{LEAD}\n\nPRESENTED BY GRIDLINE — Cooling for dense racks, shipped in eight weeks. Get a quote →\n\n{SECOND}\n\nMap of the week: where the new campuses are — view online\n\nThat's all for today. Hit reply with tips.\nYou are receiving this because you signed up at example.com.\n");
        let s = read(&page);
        assert!(
            matches!(&s.date, DateLine::Parsed { date, .. } if date.value == "2026-03-02"),
            "{:?}",
            s.date
        );
        assert_eq!(author(&s), Some("Sam Hart"));
        assert_eq!(bodies(&s), vec![LEAD, SECOND]);
    }

    #[test]
    fn a_live_blog_keeps_its_entry_times() {
        let entry = |n: u32| {
            format!("Entry number {n} of the blog says the company spent more on servers than planned.")
        };
        let page = format!("Earnings live: Microsoft capital spending in focus tonight\nBy Ana Ruiz, Tom Lee\nPublished January 28, 2026 at 3:45 PM ET\nPinned\nKey numbers so far: capex $37.5B | Azure +39%\n\n6:58 PM ET\n{}\n\n5:10 PM ET\n{}\n\n4:06 PM ET\n{}\n\nLive coverage has ended.\n", entry(1), entry(2), entry(3));
        let s = read(&page);
        assert_eq!(author(&s), Some("Ana Ruiz, Tom Lee"));
        let body = bodies(&s);
        assert_eq!(body.len(), 6, "{body:?}");
        assert_eq!((body[0], body[2], body[4]), ("6:58 PM ET", "5:10 PM ET", "4:06 PM ET"));
        // A lone time under a story is no entry of a live blog.
        let s = read(&format!("Microsoft sets $80 billion for AI data centers this year\nBy Nora Quinn\nJan. 3, 2025\n{LEAD}\n\n{SECOND}\n\n6:58 PM ET\n"));
        assert_eq!(bodies(&s), vec![LEAD, SECOND]);
    }

    #[test]
    fn bad_shapes() {
        let opts = ReadOptions { flavour: Flavour::PlainText, site_name: None, title: None, file_day: None };
        assert_eq!(parse(&lines("\n  \n"), &opts), Err(ShapeError::Empty));
        assert!(matches!(parse(&lines("Only a headline here\n"), &opts), Err(ShapeError::NoBody { .. })));
    }

    #[test]
    fn plain_text_is_escaped_and_tables_kept() {
        let s = read("A headline for the test page\nThe first paragraph of the page is here and it is prose.\n# not a heading, but it is a line of the article text.\n2025. A year began, and this line is long enough to be prose too.\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        let body = bodies(&s);
        assert_eq!(body[1], "\\# not a heading, but it is a line of the article text.");
        assert_eq!(body[2], "2025\\. A year began, and this line is long enough to be prose too.");
        assert_eq!(body[3], "| a | b |\n|---|---|\n| 1 | 2 |");
    }
}
