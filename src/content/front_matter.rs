//! Front matter: splitting a file into its YAML block and Markdown body, and the typed
//! fields (`title`, `date`, `capex`, …) with located errors.

use crate::diag::{line_col, Diagnostic, Location};
use crate::yaml;
use serde::{Deserialize, Deserializer, Serialize};
use std::path::Path;

/// A file cut at its `---` fences.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// Lines before the YAML (the opening fence line: 1).
    pub yaml_line_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based file line where the body starts.
    pub body_line: usize,
}

/// Cuts `text` (BOM already removed, `\n` line endings) into front matter and body.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(Some(Location::file(path)), "the file is empty")
            .with_help("start a briefing with front matter: ---, title: …, date: YYYY-MM-DD, ---"));
    }
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        return Err(Diagnostic::error(
            Some(Location::at(path, 1, 1)),
            "no front matter: the file must start with a `---` line",
        )
        .with_snippet(first_line)
        .with_help("add `---`, then `title:` and `date:`, then a closing `---` line above the text"));
    }
    let after_open = first_line.len() + 1;
    let mut offset = after_open.min(text.len());
    for (line_no, line) in (2..).zip(text[offset..].split_inclusive('\n')) {
        let bare = line.trim_end_matches('\n').trim_end();
        if bare == "---" || bare == "..." {
            let yaml = &text[after_open.min(text.len())..offset];
            let body_start = offset + line.len();
            return Ok(Split {
                yaml,
                yaml_line_offset: 1,
                body: &text[body_start.min(text.len())..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Some(Location::at(path, 1, 1)),
        "the front matter is never closed: no `---` line after the opening one",
    )
    .with_snippet(first_line)
    .with_help("add a `---` line after the last front matter field"))
}

/// A page date: `YYYY-MM-DD` or RFC 3339 with an offset.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageDate {
    /// The instant, for sorting and feeds (midnight UTC for a bare date).
    pub timestamp: jiff::Timestamp,
    /// The calendar date as written, for display.
    pub date: jiff::civil::Date,
    /// Whether a time of day was given.
    pub has_time: bool,
    /// Normalised text: `YYYY-MM-DD` or RFC 3339 as written.
    pub text: String,
}

impl PageDate {
    /// Parses `YYYY-MM-DD` or RFC 3339.
    pub fn parse(s: &str) -> Result<PageDate, String> {
        let s = s.trim();
        if let Some(why) = impossible_day(s) {
            return Err(why);
        }
        let expected = "expected a date as YYYY-MM-DD or RFC 3339 (2025-02-24T09:30:00-05:00)";
        if s.len() == 10 {
            let date: jiff::civil::Date = s.parse().map_err(|_| format!("{expected}, found `{s}`"))?;
            let timestamp = date
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .map_err(|e| format!("{expected}, found `{s}`: {e}"))?
                .timestamp();
            return Ok(PageDate { timestamp, date, has_time: false, text: s.to_string() });
        }
        let timestamp: jiff::Timestamp = s.parse().map_err(|_| format!("{expected}, found `{s}`"))?;
        let date: jiff::civil::Date =
            s.get(..10).and_then(|d| d.parse().ok()).ok_or_else(|| format!("{expected}, found `{s}`"))?;
        Ok(PageDate { timestamp, date, has_time: true, text: s.to_string() })
    }

    /// RFC 3339 for feeds and sitemaps (a bare date becomes midnight UTC).
    pub fn rfc3339(&self) -> String {
        if self.has_time {
            self.text.clone()
        } else {
            format!("{}T00:00:00Z", self.text)
        }
    }
}

/// For text shaped like a date (`YYYY-MM-DD`, maybe followed by a time) whose month or day
/// does not exist, says which and why: "expected YYYY-MM-DD" would not tell a writer that the
/// format was right and the calendar was not.
fn impossible_day(s: &str) -> Option<String> {
    let head = s.get(..10)?;
    let b = head.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let (year, month, day): (i16, i8, i8) =
        (head[..4].parse().ok()?, head[5..7].parse().ok()?, head[8..].parse().ok()?);
    if !(1..=12).contains(&month) {
        return Some(format!("found `{s}`, a month that does not exist: months run from 01 to 12"));
    }
    let first = jiff::civil::Date::new(year, month, 1).ok()?;
    let last = first.days_in_month();
    if day == 0 || day > last {
        let month_name = crate::i18n::month_en(u8::try_from(month).ok()?)?;
        return Some(format!(
            "found `{s}`, a day that does not exist: {month_name} {year} has no day {day} (it has {last} days)"
        ));
    }
    None
}

impl<'de> Deserialize<'de> for PageDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PageDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl Serialize for PageDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// Where a briefing comes from.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SourceInfo {
    /// Publisher or outlet name.
    #[serde(default)]
    pub name: Option<String>,
    /// URL of the original report.
    #[serde(default)]
    pub url: Option<String>,
    /// When it was imported (`capbrief import`).
    #[serde(default)]
    pub imported: Option<String>,
    /// The publisher's own disclosure kind, recorded by import (`ai-assisted`).
    #[serde(default)]
    pub disclosure: Option<String>,
}

/// One `capex:` entry as written; the capex stage gives it meaning.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawCommitment {
    /// Company name (registry name or alias).
    pub company: String,
    /// A number, or text such as `$53B` or `RMB 380 billion`.
    pub amount: serde_yaml::Value,
    /// ISO 4217 code; inferred from the amount when omitted.
    #[serde(default)]
    pub currency: Option<String>,
    /// `2025`, `FY2025`, `over the next three years`, …
    #[serde(default)]
    pub period: Option<String>,
    /// `year` when the amount is a yearly rate (`$4 billion to $5 billion a year` over the
    /// period); left out, the amount is the whole commitment.
    #[serde(default)]
    pub per: Option<String>,
    /// Announcement date; defaults to the article's date.
    #[serde(default)]
    pub announced: Option<String>,
    /// What the commitment covers.
    #[serde(default)]
    pub scope: Option<String>,
    /// The sentence it comes from.
    #[serde(default)]
    pub quote: Option<String>,
    /// `drafted` when `capbrief import` wrote it and no editor has reviewed it yet.
    #[serde(default)]
    pub status: Option<EntryStatus>,
    /// What kind of figure the drafter took it for (`commitment`).
    #[serde(default)]
    pub class: Option<String>,
    /// How sure the drafter was, from 0 to 1.
    #[serde(default)]
    pub confidence: Option<f64>,
    /// The sentence the drafter read it from.
    #[serde(default)]
    pub sentence: Option<String>,
    /// Show this entry as the company's row on `/compare/`, whatever else is newer.
    #[serde(default)]
    pub pin: bool,
}

/// Whether a `capex:` entry has been reviewed by an editor.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum EntryStatus {
    /// Written by `capbrief import`; `capbrief check --strict` fails until it is reviewed.
    Drafted,
    /// Checked by an editor (the same as leaving `status` out).
    Reviewed,
}

/// A money figure in the text that an editor decided is not a commitment (`not_capex:`):
/// recorded so the figures check stops asking about it.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NotCapex {
    /// The amount as the text writes it (`$52.5 billion`).
    pub amount: serde_yaml::Value,
    /// Why it is not a commitment (`2024 spending`, `analysts' estimate`).
    pub why: String,
    /// Whose money it is, when it matters.
    #[serde(default)]
    pub company: Option<String>,
    /// The kind of figure: `past`, `estimate`, `change`, `superseded`, `other_entity`,
    /// `conversion`, `non_capex`, `part`, `quarter`.
    #[serde(default)]
    pub class: Option<String>,
    /// The sentence it is in.
    #[serde(default)]
    pub sentence: Option<String>,
}

/// Front matter fields. Unknown keys are errors.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Publication date (required on articles, inherited by translations).
    #[serde(default)]
    pub date: Option<PageDate>,
    /// Last update.
    #[serde(default)]
    pub updated: Option<PageDate>,
    /// Author (falls back to the site author).
    #[serde(default)]
    pub author: Option<String>,
    /// One-paragraph summary for listings and meta descriptions.
    #[serde(default)]
    pub summary: Option<String>,
    /// Stock tickers.
    #[serde(default)]
    pub tickers: Option<Vec<String>>,
    /// Companies covered.
    #[serde(default)]
    pub companies: Option<Vec<String>>,
    /// Free tags.
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// Left out of the build unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// URL slug (default: from the file name).
    #[serde(default)]
    pub slug: Option<String>,
    /// Old URLs that redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Original report.
    #[serde(default)]
    pub source: Option<SourceInfo>,
    /// Language of the text (default: from the file name, else the site's).
    #[serde(default)]
    pub lang: Option<String>,
    /// Capital expenditure commitments.
    #[serde(default)]
    pub capex: Option<Vec<RawCommitment>>,
    /// Money figures in the text that are not commitments, each with why.
    #[serde(default)]
    pub not_capex: Option<Vec<NotCapex>>,
    /// Produced with AI assistance (chooses the disclosure wording).
    #[serde(default)]
    pub ai_generated: bool,
    /// `false` keeps repeated passages as written.
    #[serde(default)]
    pub dedup: Option<bool>,
    /// This article is the canonical one of its duplicate cluster.
    #[serde(default)]
    pub canonical: bool,
    /// This article duplicates another (content-relative path).
    #[serde(default)]
    pub duplicate_of: Option<String>,
    /// Trust raw HTML in this article.
    #[serde(default)]
    pub unsafe_html: Option<bool>,
    /// Template to render this page with instead of the default.
    #[serde(default)]
    pub template: Option<String>,
}

/// Splits and parses a whole file as `content::load` does (BOM removed, `\n` line endings):
/// the entry point for property tests and fuzzing.
pub fn parse_text<'a>(text: &'a str, path: &Path) -> Result<(FrontMatter, Split<'a>), Diagnostic> {
    let split = split(text, path)?;
    let meta = parse(&split, path, text)?;
    Ok((meta, split))
}

/// Parses front matter YAML with errors located in the file.
pub(crate) fn parse(split: &Split<'_>, path: &Path, file_text: &str) -> Result<FrontMatter, Diagnostic> {
    yaml::parse(split.yaml, yaml::Origin { path, file_text, line_offset: split.yaml_line_offset })
}

/// The file location of a front matter key path (see [`yaml::locate`]), or the opening fence.
pub(crate) fn key_location(split: &Split<'_>, path: &Path, key: &[&str]) -> Location {
    // A flow collection (`aliases: [/a/, /b/]`) has no line per item: fall back to the
    // nearest enclosing key rather than to the top of the file.
    let found = (1..=key.len()).rev().find_map(|n| yaml::locate(split.yaml, &key[..n]));
    match found {
        Some(line) => {
            let file_line = split.yaml_line_offset + line;
            let text = split.yaml.lines().nth(line - 1).unwrap_or("");
            let col = text.len() - text.trim_start().len() + 1;
            Location::at(path, file_line, col)
        }
        None => Location::at(path, 1, 1),
    }
}

/// Locates a byte offset of the body in the file.
pub(crate) fn body_location(split: &Split<'_>, path: &Path, offset: usize) -> Location {
    let (line, column, _) = line_col(split.body, offset);
    Location::at(path, split.body_line + line - 1, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let text = "---\ntitle: a\ndate: 2025-01-01\n---\nHello\n";
        let s = split(text, Path::new("a.md")).unwrap();
        assert_eq!(s.yaml, "title: a\ndate: 2025-01-01\n");
        assert_eq!(s.body, "Hello\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn unclosed_and_missing_fences() {
        assert!(split("---\ntitle: a\n", Path::new("a.md")).unwrap_err().message.contains("never closed"));
        assert!(split("title: a\n", Path::new("a.md")).unwrap_err().message.contains("no front matter"));
        assert!(split("  \n", Path::new("a.md")).unwrap_err().message.contains("empty"));
    }

    #[test]
    fn bad_date_is_located_at_the_value() {
        let text = "---\ntitle: a\ndate: 24/02/2025\n---\n";
        let s = split(text, Path::new("a.md")).unwrap();
        let e = parse(&s, Path::new("a.md"), text).unwrap_err();
        let loc = e.location.unwrap();
        assert_eq!(loc.line, 3, "{}", e.message);
        assert!(e.message.contains("YYYY-MM-DD"), "{}", e.message);
    }

    #[test]
    fn flow_sequence_items_are_located_at_their_key() {
        let text = "---\ntitle: a\ndate: 2025-01-01\naliases: [/a/, /b/]\n---\n";
        let s = split(text, Path::new("a.md")).unwrap();
        let loc = key_location(&s, Path::new("a.md"), &["aliases", "#1"]);
        assert_eq!((loc.line, loc.column), (4, 1));
    }

    #[test]
    fn dates() {
        let d = PageDate::parse("2025-02-24T04:37:00-05:00").unwrap();
        assert!(d.has_time);
        assert_eq!(d.date.to_string(), "2025-02-24");
        assert_eq!(d.timestamp.to_string(), "2025-02-24T09:37:00Z");
        assert!(PageDate::parse("2025-02-30").is_err());
    }

    #[test]
    fn an_impossible_day_is_named() {
        let e = PageDate::parse("2025-02-30").unwrap_err();
        assert_eq!(
            e,
            "found `2025-02-30`, a day that does not exist: February 2025 has no day 30 (it has 28 days)"
        );
        let e = PageDate::parse("2024-02-30T10:00:00Z").unwrap_err();
        assert!(e.contains("February 2024 has no day 30 (it has 29 days)"), "{e}");
        let e = PageDate::parse("2025-13-01").unwrap_err();
        assert!(e.contains("a month that does not exist"), "{e}");
        let e = PageDate::parse("2025-04-00").unwrap_err();
        assert!(e.contains("April 2025 has no day 0"), "{e}");
        // Dates that exist and text that is no date keep their usual paths.
        assert!(PageDate::parse("2024-02-29").is_ok());
        assert!(PageDate::parse("next tuesday").unwrap_err().contains("expected a date"));
    }
}
