//! The period a figure covers, read from the words around it: after it (`in 2025`, `over the
//! next three years`, `through 2028`), before it as an adjective (`a five-year, $300 billion
//! plan`, `its 2025 capex of`, `this year's budget`), in English and Spanish.

use super::text::{words_back, Doc};
use crate::capex::period::{self, PeriodSpec};

/// A period phrase found near a figure.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FoundPeriod {
    /// The words as written.
    pub(crate) text: String,
    /// What they mean.
    pub(crate) spec: PeriodSpec,
}

/// Words after which a period phrase can start.
const STARTERS: &[&str] = &[
    "over",
    "in",
    "for",
    "during",
    "within",
    "this",
    "next",
    "the",
    "through",
    "until",
    "by",
    "from",
    "between",
    "fiscal",
    "its",
    "across",
    "en",
    "para",
    "durante",
    "este",
    "esta",
    "el",
    "los",
    "las",
    "hasta",
    "entre",
    "d'ici",
    "d’ici",
    "próximo",
    "próximos",
    "a",
    "de",
    "del",
    "current",
    "full",
    "calendar",
    "coming",
];

/// Words that join a period to what comes after it, so a phrase cannot end on them.
const DANGLING: &[&str] = &[
    "to", "and", "or", "of", "on", "at", "with", "for", "from", "as", "the", "a", "an", "y", "o", "de",
    "del", "para", "hasta", "en", "con",
];

/// Whether `phrase` is a period, and which.
pub(crate) fn read(phrase: &str) -> Option<PeriodSpec> {
    period::parse(phrase).ok()
}

/// Whether a word can end a period phrase.
fn ends_like_period(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',', ';', ':', ')', '\'', '’', 's']).to_ascii_lowercase();
    period::months_word(&w)
        || matches!(
            w.as_str(),
            "year" | "yr" | "month" | "decade" | "fy" | "año" | "ejercicio" | "fiscal" | "mese" | "quarter"
        )
        || w.ends_with("-year")
        || w.ends_with("-month")
        || w.starts_with("fy")
        || w.starts_with("año")
        || w.chars().next().is_some_and(|c| c.is_ascii_digit())
        || word.to_lowercase().ends_with("años")
        || word.to_lowercase().ends_with("meses")
}

/// The period phrase nearest the figure at `start..end` in `clause`, counted in words: after
/// it (`in 2025`, `over the next three years`), or before it as an adjective within a few
/// words (`a five-year`, `its 2025 capex of`) or at the clause's opening (`In 2025, …`); on
/// a tie the phrase after wins. With `before_only`, phrases after the figure are not taken
/// (a sentence's other clauses speak of other things).
pub(crate) fn find(
    doc: &Doc<'_>,
    clause: (usize, usize),
    start: usize,
    end: usize,
    before_only: bool,
) -> Option<FoundPeriod> {
    let (cs, ce) = clause;
    let text = doc.text;
    // Words of the clause with their offsets.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = cs;
    while i < ce {
        while i < ce && (bytes[i] == b' ' || bytes[i] == b'\n' || bytes[i] == b'\t') {
            i += 1;
        }
        let s = i;
        while i < ce && !(bytes[i] == b' ' || bytes[i] == b'\n' || bytes[i] == b'\t') {
            i += 1;
        }
        if s < i {
            words.push((s, i));
        }
    }
    // The figure's first and last word.
    let first_fig = words.iter().position(|&(_, we)| we > start).unwrap_or(words.len());
    let last_fig = words.iter().rposition(|&(ws, _)| ws < end).unwrap_or(first_fig);
    let mut best: Option<(usize, FoundPeriod)> = None;
    // The nearest phrase that names its years (`from 2026 to 2030`, `in 2027`, `through 2029`).
    let mut named_years: Option<(usize, FoundPeriod)> = None;
    for (wi, &(ws, _)) in words.iter().enumerate() {
        if ws >= start && ws < end || (before_only && ws >= end) {
            continue;
        }
        let first = text[ws..words[wi].1].trim_start_matches(['(', '"', '“', '*']).to_lowercase();
        let first = first.trim_end_matches([',', '.']);
        let starts = STARTERS.contains(&first)
            || first.starts_with("fy")
            || first.chars().next().is_some_and(|c| c.is_ascii_digit())
            || first.ends_with("-year")
            || first.ends_with("-month")
            || period::spanish_count(first).is_some()
            || matches!(
                first,
                "three" | "two" | "four" | "five" | "six" | "seven" | "eight" | "ten" | "a" | "an"
            );
        if !starts {
            continue;
        }
        for len in (1..=8).rev() {
            let Some(&(_, last_end)) = words.get(wi + len - 1) else { continue };
            // The phrase must not run over the figure, nor over a comma or other stop into
            // the next clause (`over three years, the company said`).
            if ws < start && last_end > start {
                continue;
            }
            if words[wi..wi + len - 1].iter().any(|&(a, b)| text[a..b].ends_with([',', ';', ':', ')'])) {
                continue;
            }
            let phrase =
                text[ws..last_end].trim_matches(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'));
            let phrase = phrase.trim_start_matches(['(', '"', '“']);
            let last_word = phrase.rsplit(' ').next().unwrap_or("");
            if !ends_like_period(last_word) && read(phrase).is_none() {
                continue;
            }
            // A phrase never ends on a word that leads into what follows (`in fiscal 2025 to
            // build …`, `through 2027 and`): the shorter phrase before it is the period.
            if DANGLING.contains(&last_word.to_lowercase().as_str()) {
                continue;
            }
            // `$3 billion a year` is a rate, not a period of one year.
            let rate = [
                "a year",
                "per year",
                "each year",
                "every year",
                "al año",
                "cada año",
                "annually",
                "a month",
                "per month",
            ];
            if rate.contains(&phrase.to_lowercase().as_str()) {
                continue;
            }
            let Some(spec) = read(phrase) else { continue };
            let dist = if ws >= end {
                wi.saturating_sub(last_fig + 1)
            } else {
                // Before the figure: near it, or the clause's opening.
                let near = words_back(&doc.lower, cs, start, 9) <= ws;
                let opening = ws == cs || words_back(&doc.lower, cs, ws, 1) == cs;
                if !(near || opening) {
                    break;
                }
                first_fig.saturating_sub(wi + len) + 2
            };
            let found = FoundPeriod { text: phrase.to_string(), spec };
            if !matches!(spec, PeriodSpec::Span { .. } | PeriodSpec::Relative { .. })
                && named_years.as_ref().is_none_or(|(d, _)| dist < *d)
            {
                named_years = Some((dist, found.clone()));
            }
            if best.as_ref().is_none_or(|(d, _)| dist < *d) {
                best = Some((dist, found));
            }
            break;
        }
    }
    // `over five years, from 2026 to 2030`: a length counted from the article's date loses to
    // the years written beside it, which say where the length starts.
    match (best, named_years) {
        (Some((d, span)), Some((dy, years)))
            if matches!(span.spec, PeriodSpec::Span { .. }) && dy <= d + SPAN_AND_YEARS =>
        {
            Some(years)
        }
        (best, _) => best.map(|(_, p)| p),
    }
}

/// How many words further from the figure than a length (`over five years`) its written years
/// may stand and still be taken for the same period (`, from 2026 to 2030`).
const SPAN_AND_YEARS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<String> {
        let doc = Doc::new(text);
        let m = crate::capex::amount::scan(text).into_iter().next().unwrap();
        let si = doc.sentence_at(m.start).unwrap();
        let clause = doc.clause(doc.sentences[si], m.start, m.end);
        find(&doc, clause, m.start, m.end, false).map(|p| p.text)
    }

    #[test]
    fn periods_after_before_and_as_adjectives() {
        assert_eq!(found("Meta will spend $65 billion this year.").as_deref(), Some("this year"));
        assert_eq!(
            found("Microsoft expects to invest about $80 billion in fiscal 2025 to build data centers.")
                .as_deref(),
            Some("in fiscal 2025")
        );
        assert_eq!(
            found("It will spend $40 billion from 2025 to 2027 on chips.").as_deref(),
            Some("from 2025 to 2027")
        );
        assert_eq!(found("It unveiled a five-year, $300 billion plan.").as_deref(), Some("a five-year"));
        assert_eq!(found("Its 2025 capex of $75 billion is a record.").as_deref(), Some("Its 2025"));
        assert_eq!(found("In 2026, Oracle expects to spend $25 billion.").as_deref(), Some("In 2026"));
        assert_eq!(
            found("Apple will invest $500 billion over the next four years.").as_deref(),
            Some("over the next four years")
        );
        assert_eq!(found("The budget is $40 billion through 2028.").as_deref(), Some("through 2028"));
        assert_eq!(
            found("It sees a $100 billion capex bill for fiscal 2027.").as_deref(),
            Some("for fiscal 2027")
        );
        assert_eq!(
            found("Invertirá 75.000 millones de dólares este ejercicio.").as_deref(),
            Some("este ejercicio")
        );
        assert_eq!(
            found("Destinará 380.000 millones de yuanes en los próximos tres años.").as_deref(),
            Some("en los próximos tres años")
        );
        assert_eq!(
            found("It plans ¥2 trillion in the fiscal year ending March 2026.").as_deref(),
            Some("in the fiscal year ending March 2026")
        );
        assert_eq!(found("Microsoft will spend $80 billion.").as_deref(), None);
        assert_eq!(
            found("Meta will invest $1 billion over three years, the company said.").as_deref(),
            Some("over three years")
        );
        // Written years say where a length starts: they win over counting from the date.
        assert_eq!(
            found("Acme said it would invest $9 billion over four years, from 2027 to 2030, in Ohio.")
                .as_deref(),
            Some("from 2027 to 2030")
        );
        assert_eq!(
            found("Acme will spend $2 billion over three years from 2026 through 2028.").as_deref(),
            Some("from 2026 through 2028")
        );
    }

    #[test]
    fn spanish_and_fixed_phrases_read() {
        assert_eq!(read("este ejercicio"), Some(PeriodSpec::Relative { offset: 0, fiscal: true }));
        assert_eq!(read("el próximo año"), Some(PeriodSpec::Relative { offset: 1, fiscal: false }));
        assert_eq!(read("en los próximos cuatro años"), Some(PeriodSpec::Span { months: 48 }));
        assert_eq!(read("hasta 2028"), Some(PeriodSpec::Through(2028)));
        assert_eq!(
            read("entre 2025 y 2028"),
            Some(PeriodSpec::Years { first: 2025, last: 2028, fiscal: false })
        );
        assert_eq!(read("for the full year"), Some(PeriodSpec::Relative { offset: 0, fiscal: false }));
        assert_eq!(read("fiscal year ending March 2026"), Some(PeriodSpec::FiscalYear(2026)));
        assert_eq!(read("five-year"), Some(PeriodSpec::Span { months: 60 }));
    }
}
