//! What an import run says about each file: a summary table for people, JSON for scripts,
//! the list of what was left out of a page for `--dry-run`, and each file's capex drafts and
//! the money figures left out of them, with why.

use super::{FileOutcome, ImportReport, Imported};
use serde_json::{json, Value};

/// The widest a title is shown in the table, in characters.
const TITLE_WIDTH: usize = 56;

/// One row per input: title, date (or why there is none), byline, tickers, capex entries
/// drafted, furniture removed, warnings and the file (last, so long paths need no padding).
pub fn table(report: &ImportReport) -> String {
    let header = ["title", "date", "byline", "tickers", "capex", "removed", "warnings", "file"];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    for f in &report.files {
        rows.push(row(f));
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .filter(|r| r.len() > 2 || c < 2)
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in &rows {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(c, s)| {
                let last = c + 1 == r.len();
                if last {
                    s.clone()
                } else {
                    format!("{s:<w$}", w = widths[c])
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

fn row(f: &FileOutcome) -> Vec<String> {
    let input = f.input.display().to_string();
    let Some(i) = &f.imported else {
        let why = f.error.as_deref().unwrap_or("see the errors above");
        let dash = || "-".to_string();
        return vec![
            shorten(&format!("not imported: {why}"), TITLE_WIDTH),
            dash(),
            dash(),
            dash(),
            dash(),
            dash(),
            f.warnings.to_string(),
            input,
        ];
    };
    let date = match &i.date {
        Some(d) => d.get(..10).unwrap_or(d).to_string(),
        None => "none (draft)".to_string(),
    };
    let title = if i.title_from == "proposed" { format!("{} (proposed)", i.title) } else { i.title.clone() };
    vec![
        shorten(&title, TITLE_WIDTH),
        date,
        shorten(i.author.as_deref().unwrap_or("-"), 24),
        if i.tickers.is_empty() { "-".to_string() } else { shorten(&i.tickers.join(","), 24) },
        i.capex_drafted.to_string(),
        i.left_out.len().to_string(),
        f.warnings.to_string(),
        input,
    ]
}

fn shorten(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let cut: String = s.chars().take(width - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The whole run as JSON: one object per input, then totals.
pub fn to_json(report: &ImportReport) -> String {
    let files: Vec<Value> = report.files.iter().map(file_json).collect();
    let drafts = report.imported().filter(|i| i.draft).count();
    let doc = json!({
        "files": files,
        "imported": report.imported().count(),
        "drafts": drafts,
        "failed": report.failed(),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

fn file_json(f: &FileOutcome) -> Value {
    let input = f.input.display().to_string();
    let Some(i) = &f.imported else {
        return json!({ "input": input, "status": "failed", "error": f.error, "warnings": f.warnings });
    };
    json!({
        "input": input,
        "status": "imported",
        "output": i.output.display().to_string(),
        "title": i.title,
        "title_from": i.title_from,
        "date": i.date,
        "date_from": i.date_from,
        "draft": i.draft,
        "author": i.author,
        "tickers": i.tickers,
        "companies": i.companies,
        "capex_drafted": i.capex_drafted,
        "capex": i.capex,
        "figures_left_out": i.figures_left_out,
        "repeats_removed": i.repeats_removed,
        "disclosure": i.disclosure,
        "left_out": i.left_out.iter().map(|l| json!({ "line": l.line, "what": l.what, "text": l.text })).collect::<Vec<_>>(),
        "warnings": f.warnings,
    })
}

/// What was left out of one page, one line each: `  line 12  ad label: Advertisement`.
pub fn left_out(imported: &Imported) -> String {
    let mut out = String::new();
    for l in &imported.left_out {
        let at = l.line.map_or(String::new(), |n| format!("line {n}  "));
        let text = shorten(&l.text.replace('\n', " "), 100);
        out.push_str(&format!("  {at}{}: {text}\n", l.what));
    }
    out
}

/// The capex part of the report: for each briefing with money figures, the entries drafted
/// and every figure left out with its class and why, so an editor sees what was read.
pub fn capex(report: &ImportReport) -> String {
    let mut out = String::new();
    for f in &report.files {
        let Some(i) = &f.imported else { continue };
        if i.capex.is_empty() && i.figures_left_out.is_empty() {
            continue;
        }
        out.push_str(&format!("{}: capex figures\n", f.input.display()));
        for e in &i.capex {
            out.push_str(&format!("  drafted   {e}\n"));
        }
        for x in &i.figures_left_out {
            let who = x.company.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
            // A restated commitment needs no class: the reason says what it restates.
            let why = if x.class == crate::capex::FigureClass::Commitment {
                x.why.clone()
            } else {
                format!("{}, {}", x.class, x.why)
            };
            out.push_str(&format!("  left out  {}{who}: {why} — “{}”\n", x.text, shorten(&x.sentence, 110)));
        }
    }
    out
}
