//! What a bare `$` stands for on a page. Finance writing marks the foreign dollar and leaves
//! its own bare: a US paper writes `A$20 billion ($13 billion)`, an Australian one `$20
//! billion ($US13 billion)`, a Chilean one `US$ 4.000 millones` beside pesos written `$`. So
//! a page that marks US dollars (`US$`, `$US`, `USD`) writes its own currency with a bare
//! `$`: the local dollar it marks elsewhere, else the one of the country the page is about.
//! A page that marks no US dollars reads `$` as US dollars, but when it is plainly about a
//! dollar country other than the US that reading is a guess, and the figure says so.

use crate::capex::amount::Money;

/// How a bare `$` on one page is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dollar {
    /// US dollars, with nothing on the page against it.
    Us,
    /// The page's own currency (ISO 4217).
    Local(&'static str),
    /// Read as US dollars, but the page is about a country with a dollar of its own and
    /// never says which it means: an editor should check.
    Unsure,
}

/// Countries with a currency written `$`, by words that name them or their places.
const DOLLAR_COUNTRIES: &[(&str, &[&str])] = &[
    (
        "AUD",
        &["australia", "australian", "sydney", "melbourne", "canberra", "brisbane", "queensland", "perth"],
    ),
    (
        "CAD",
        &["canada", "canadian", "toronto", "ottawa", "montreal", "quebec", "ontario", "alberta", "vancouver"],
    ),
    ("SGD", &["singapore", "singaporean"]),
    ("HKD", &["hong kong"]),
    ("TWD", &["taiwan", "taipei"]),
    ("MXN", &["méxico", "mexico", "mexicano", "mexicana", "querétaro", "queretaro"]),
    ("CLP", &["chile", "chileno", "chilena", "santiago"]),
];

/// Whether the written figure uses a bare `$` (not `US$`, `A$`, `$US`, `HK$`, …).
pub(crate) fn is_bare(written: &str) -> bool {
    let Some(rest) = written.trim_start().strip_prefix('$') else { return false };
    // `$5 mil millones de dólares`: Spanish names the US dollar after the number.
    let named = ["dólar", "dolar"].iter().any(|w| rest.to_lowercase().contains(w));
    rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) && !named
}

/// Reads the page: `text` and the money figures found in it.
pub(crate) fn read(text: &str, monies: &[Money]) -> Dollar {
    let written = |m: &Money| text.get(m.start..m.end).unwrap_or("");
    if !monies.iter().any(|m| m.currency == Some("USD") && is_bare(written(m))) {
        return Dollar::Us;
    }
    let marked_us = monies.iter().any(|m| m.currency == Some("USD") && !is_bare(written(m)));
    let mut locals: Vec<&'static str> = monies
        .iter()
        .filter_map(|m| m.currency)
        .filter(|c| DOLLAR_COUNTRIES.iter().any(|(code, _)| code == c))
        .collect();
    locals.sort_unstable();
    locals.dedup();
    let lower = text.to_lowercase();
    let country = about(&lower);
    match (marked_us, locals.as_slice()) {
        (true, [one]) => Dollar::Local(one),
        (true, _) => country.map_or(Dollar::Unsure, Dollar::Local),
        // A local dollar marked and the bare one left: the page is written from outside.
        (false, [_, ..]) => Dollar::Us,
        (false, []) => country.map_or(Dollar::Us, |_| Dollar::Unsure),
    }
}

/// The dollar country the page is about: named at least twice, and more often than any
/// other (the US does not count: a page about the US writes no local dollar).
fn about(lower: &str) -> Option<&'static str> {
    let mut counts: Vec<(usize, &'static str)> = DOLLAR_COUNTRIES
        .iter()
        .map(|(code, words)| (words.iter().map(|w| count_words(lower, w)).sum(), *code))
        .collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.0));
    match counts.as_slice() {
        [(first, code), (second, _), ..] if *first >= 2 && first > second => Some(code),
        _ => None,
    }
}

/// How often the whole word `w` occurs in `lower`.
fn count_words(lower: &str, w: &str) -> usize {
    lower
        .match_indices(w)
        .filter(|&(p, _)| {
            lower[..p].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
                && lower[p + w.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capex::amount::scan;

    fn reading(text: &str) -> Dollar {
        read(text, &scan(text))
    }

    #[test]
    fn a_page_that_marks_us_dollars_writes_its_own_with_a_bare_sign() {
        assert_eq!(
            reading("Acme will spend $30 billion on data centres in Canada by 2030, about $US21 billion, the Ottawa government said."),
            Dollar::Local("CAD")
        );
        assert_eq!(
            reading("Acme pledged $8 billion for its Melbourne and Sydney regions (US$5.2 billion); A$1 billion goes to training."),
            Dollar::Local("AUD")
        );
        // Marked US dollars and no country named often enough: a guess either way.
        assert_eq!(
            reading("Acme will spend $8 billion, or US$5.9 billion, on two campuses."),
            Dollar::Unsure
        );
    }

    #[test]
    fn a_page_that_marks_the_foreign_dollar_writes_us_dollars_bare() {
        assert_eq!(
            reading("Acme will invest A$20 billion ($13 billion) in Australia, its Australian unit said."),
            Dollar::Us
        );
        assert_eq!(reading("Acme will spend $40 billion in Texas through 2027."), Dollar::Us);
    }

    #[test]
    fn a_bare_sign_on_a_page_about_another_dollar_country_is_unsure() {
        assert_eq!(
            reading("Acme to spend $20b on Australian data centres. The Australian plan runs to 2029, with most of it in Sydney."),
            Dollar::Unsure
        );
    }

    #[test]
    fn only_a_bare_sign_counts() {
        assert!(is_bare("$20 billion") && is_bare("$ 3,75 billones"));
        assert!(!is_bare("$5 mil millones de dólares"));
        assert!(!is_bare("$US13 billion") && !is_bare("US$ 4.000 millones") && !is_bare("A$20 billion"));
    }
}
