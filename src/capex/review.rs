//! An editor's review of capex figures: the fields a drafted `capex:` entry carries
//! (`status: drafted`, `class`, `confidence`, `sentence`), the `not_capex:` list of figures
//! an editor decided are not commitments, and the warnings `capbrief check` gives for
//! entries nobody has reviewed (errors with `--strict`).

use super::amount;
use super::class::FigureClass;
use super::located;
use crate::content::{EntryStatus, NotCapex, Page, RawCommitment};
use crate::diag::{line_text, Diagnostic, Diagnostics};

/// Checks the review fields of `capex:` entry `i`: a class that is a commitment, a
/// confidence between 0 and 1.
pub(crate) fn check_entry_fields(page: &Page, i: usize, e: &RawCommitment, diags: &mut Diagnostics) {
    let n = i + 1;
    if let Some(written) = &e.class {
        match FigureClass::parse(written) {
            Some(FigureClass::Commitment) => {}
            Some(other) => diags.push(
                located(page, i, "class", true, format!(
                    "capex entry {n}: `class: {written}` is {}, not a commitment", other.reason()
                ))
                .with_help("move it to `not_capex:` with `amount:` and `why:`, or write `class: commitment` if it is one"),
            ),
            None => diags.push(
                located(page, i, "class", true, format!("capex entry {n}: unknown `class: {written}`"))
                    .with_help("a `capex:` entry is a `commitment`; other figures go under `not_capex:`"),
            ),
        }
    }
    if let Some(c) = e.confidence {
        if !(0.0..=1.0).contains(&c) || c.is_nan() {
            diags.push(
                located(
                    page,
                    i,
                    "confidence",
                    true,
                    format!("capex entry {n}: `confidence: {c}` must be between 0 and 1"),
                )
                .with_help("drafts give it as a fraction: `confidence: 0.85`"),
            );
        }
    }
}

/// Checks a page's `not_capex:` entries: an amount that reads as money, a reason, a class
/// that is not a commitment.
pub(crate) fn check_not_capex(page: &Page, diags: &mut Diagnostics) {
    for (i, entry) in page.meta.not_capex.iter().flatten().enumerate() {
        let n = i + 1;
        let at = |key: &str, message: String| {
            let loc = page.key_location(&["not_capex", &format!("#{i}"), key]);
            let snippet = line_text(&page.text, loc.line).to_string();
            Diagnostic::error(Some(loc), message).with_snippet(snippet)
        };
        if not_capex_money(entry).is_none() {
            diags.push(
                at("amount", format!("not_capex entry {n}: cannot read `amount` as an amount of money"))
                    .with_help("write the amount as the text does: `$52.5 billion`, `RMB 380 billion`"),
            );
        }
        if entry.why.trim().is_empty() {
            diags.push(
                at("why", format!("not_capex entry {n}: `why` is empty"))
                    .with_help("say why it is not a commitment: `2024 spending`, `analysts' estimate`"),
            );
        }
        if let Some(written) = &entry.class {
            let problem = match FigureClass::parse(written) {
                Some(FigureClass::Commitment) => {
                    Some(format!("not_capex entry {n}: `class: commitment` belongs under `capex:`"))
                }
                Some(_) => None,
                None => Some(format!("not_capex entry {n}: unknown `class: {written}`")),
            };
            if let Some(message) = problem {
                let names: Vec<&str> = FigureClass::ALL.iter().skip(1).map(|c| c.name()).collect();
                diags.push(at("class", message).with_help(format!("use one of: {}", names.join(", "))));
            }
        }
    }
}

/// The amount of a `not_capex:` entry: low, high end of a range, currency when written.
pub(crate) fn not_capex_money(entry: &NotCapex) -> Option<(f64, Option<f64>, Option<&'static str>)> {
    match &entry.amount {
        serde_yaml::Value::Number(n) => n.as_f64().filter(|v| *v > 0.0).map(|v| (v, None, None)),
        serde_yaml::Value::String(s) => amount::parse_amount(s).ok().map(|m| (m.low, m.high, m.currency)),
        _ => None,
    }
}

/// A warning for each `capex:` entry of an original page still marked `status: drafted`.
pub fn unreviewed(pages: &[Page]) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for page in pages.iter().filter(|p| !p.is_translation()) {
        for (i, e) in page.meta.capex.iter().flatten().enumerate() {
            if e.status != Some(EntryStatus::Drafted) {
                continue;
            }
            let amount = match &e.amount {
                serde_yaml::Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
            };
            let mut d = located(
                page,
                i,
                "status",
                false,
                format!(
                    "capex entry {} ({}, {amount}) is a draft nobody has reviewed",
                    i + 1,
                    e.company.trim()
                ),
            );
            if let Some(sentence) = e.sentence.as_ref().or(e.quote.as_ref()) {
                d = d.with_cause(format!("drafted from: “{}”", sentence.trim()));
            }
            diags.push(d.with_help(
                "check it against the text, then delete `status: drafted`; if it is not a commitment, move it to `not_capex:` with `why:`",
            ));
        }
    }
    diags
}
