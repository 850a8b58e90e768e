//! Commitment periods: `2025`, `FY2025`, `2025-2027`, `3 years`, `over the next three years`,
//! `this year`, `in fiscal 2025`, parsed into a [`PeriodSpec`] and resolved against the
//! announcement date and the company's fiscal year into a [`Period`].

use jiff::civil::Date;

/// A period as written, before it is tied to dates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PeriodSpec {
    /// A calendar year (`2025`, `in 2026`).
    Year(i32),
    /// A fiscal year, named by the calendar year it ends in (`FY2025`, `in fiscal 2025`).
    FiscalYear(i32),
    /// Several years, first and last included (`2025-2027`); fiscal when written so.
    Years { first: i32, last: i32, fiscal: bool },
    /// A length from the announcement (`3 years`, `over the next three years`, `18 months`).
    Span { months: u32 },
    /// Relative to the announcement's year (`this year` = 0, `next year` = 1).
    Relative { offset: i32, fiscal: bool },
    /// From the announcement's year to a year (`through 2027`, `by 2030`).
    Through(i32),
}

/// A resolved period.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Period {
    /// First (fiscal or calendar) year covered.
    pub first_year: i32,
    /// Last year covered.
    pub last_year: i32,
    /// Length in years (months / 12 for spans).
    pub years: f64,
    /// Months when written as a span (`3 years` → 36), else none.
    pub span_months: Option<u32>,
    /// Whether the years are fiscal years.
    pub fiscal: bool,
    /// The month the fiscal year ends in (1–12), when fiscal and not December.
    pub fiscal_end_month: Option<u8>,
}

/// Why a period could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum PeriodError {
    /// Not a period capbrief understands.
    Unreadable,
    /// A length of zero (`0 years`).
    Zero,
    /// The last year is before the first.
    Backwards,
}

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("eighteen", 18),
    ("twenty", 20),
    ("thirty", 30),
    ("zero", 0),
];

/// Words that frame a period without changing it.
const FILLERS: &[&str] = &[
    "over",
    "in",
    "for",
    "during",
    "within",
    "across",
    "the",
    "its",
    "their",
    "of",
    "next",
    "coming",
    "following",
    "upcoming",
    "current",
    "calendar",
    "cy",
    "year",
    "from",
    "starting",
    "this",
    "plan",
    "period",
    "programme",
    "program",
    "horizon",
    "roughly",
    "about",
    "some",
];

fn count(word: &str) -> Option<u32> {
    if let Ok(n) = word.parse::<u32>() {
        return Some(n);
    }
    NUMBER_WORDS.iter().find(|(w, _)| *w == word).map(|&(_, n)| n)
}

fn year(word: &str) -> Option<i32> {
    let y: i32 = word.parse().ok()?;
    (word.len() == 4 && (1900..=2199).contains(&y)).then_some(y)
}

/// `fy2025`, `fy25`, `fy 2025` (already split into words) → 2025.
fn fiscal_token(word: &str) -> Option<i32> {
    let rest = word.strip_prefix("fy")?;
    match rest.len() {
        4 => year(rest),
        2 => rest.parse::<i32>().ok().map(|y| 2000 + y),
        _ => None,
    }
}

/// `2025-27` / `2025-2027` / `fy2025-fy2027` split at the dash.
fn year_range(word: &str) -> Option<(i32, i32, bool)> {
    let (a, b) = word.split_once(['-', '–', '—', '/'])?;
    let (fa, a) = match fiscal_token(a) {
        Some(y) => (true, y),
        None => (false, year(a)?),
    };
    let (fb, b) = match fiscal_token(b) {
        Some(y) => (true, y),
        None if b.len() == 2 => (false, (a / 100) * 100 + b.parse::<i32>().ok()?),
        None => (false, year(b)?),
    };
    Some((a, b, fa || fb))
}

/// Phrases (lower case) that stand for a period by themselves, with their meaning.
fn fixed_phrase(lower: &str) -> Option<PeriodSpec> {
    let rel = |offset, fiscal| Some(PeriodSpec::Relative { offset, fiscal });
    match lower {
        "this year"
        | "for the year"
        | "for the full year"
        | "full-year"
        | "full year"
        | "the full year"
        | "this year's"
        | "the current year"
        | "for the current year"
        | "in the current year"
        | "this calendar year"
        | "este año"
        | "en este año"
        | "el año en curso"
        | "para este año"
        | "este ejercicio"
        | "en el ejercicio"
        | "el ejercicio en curso"
        | "en el ejercicio en curso"
        | "en el año" => rel(0, lower.contains("ejercicio")),
        "next year"
        | "next year's"
        | "the coming year"
        | "the year ahead"
        | "in the coming year"
        | "el próximo año"
        | "el año que viene"
        | "el año próximo"
        | "para el próximo año"
        | "el próximo ejercicio" => rel(1, lower.contains("ejercicio")),
        "this fiscal year"
        | "the fiscal year"
        | "in the fiscal year"
        | "for the fiscal year"
        | "its current fiscal year"
        | "in its current fiscal year"
        | "the current fiscal year"
        | "this fiscal year's"
        | "for the current fiscal year"
        | "in the current fiscal year"
        | "el actual ejercicio fiscal"
        | "este ejercicio fiscal"
        | "el año fiscal en curso"
        | "este año fiscal" => rel(0, true),
        "next fiscal year"
        | "the next fiscal year"
        | "next fiscal year's"
        | "el próximo año fiscal"
        | "el próximo ejercicio fiscal" => rel(1, true),
        _ => None,
    }
}

/// Spanish counts for spans (`los próximos tres años`).
pub(crate) fn spanish_count(word: &str) -> Option<u32> {
    const WORDS: &[(&str, u32)] = &[
        ("un", 1),
        ("uno", 1),
        ("dos", 2),
        ("tres", 3),
        ("cuatro", 4),
        ("cinco", 5),
        ("seis", 6),
        ("siete", 7),
        ("ocho", 8),
        ("nueve", 9),
        ("diez", 10),
        ("doce", 12),
        ("quince", 15),
        ("dieciocho", 18),
        ("veinte", 20),
    ];
    word.parse().ok().or_else(|| WORDS.iter().find(|(w, _)| *w == word).map(|&(_, n)| n))
}

/// Reads a Spanish period phrase (already lower case).
fn spanish(lower: &str) -> Option<PeriodSpec> {
    let words: Vec<&str> =
        lower.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let year = |w: &str| w.parse::<i32>().ok().filter(|y| (1990..=2100).contains(y) && w.len() == 4);
    // Only framing words may come before the phrase's own (`en los próximos tres años`, `a
    // lo largo de 2025`): `de gasto de capital para 2025`, read off a sentence, is the words
    // before `para 2025`, not a period.
    const FRAMING: &[&str] = &[
        "en",
        "los",
        "las",
        "el",
        "la",
        "lo",
        "de",
        "del",
        "a",
        "al",
        "durante",
        "próximos",
        "próximas",
        "siguientes",
        "largo",
        "todo",
        "este",
        "esta",
        "unos",
    ];
    let framed = |pre: &[&str]| pre.iter().all(|w| FRAMING.contains(w));
    match words.as_slice() {
        // `en los próximos tres años`, `durante los próximos cuatro años`, `en tres años`, `a cinco años`
        [pre @ .., n, "años" | "año"] | [pre @ .., n, "años", _]
            if spanish_count(n).is_some() && framed(pre) =>
        {
            let months = spanish_count(n)? * 12;
            (months > 0).then_some(PeriodSpec::Span { months })
        }
        [pre @ .., "hasta" | "de aquí a" | "para", y]
            if year(y).is_some() && lower.contains("hasta") && framed(pre) =>
        {
            Some(PeriodSpec::Through(year(y)?))
        }
        // French `d'ici à 2030`, `d'ici 2030`: from now to that year.
        [pre @ .., "d'ici" | "d’ici", "à" | "a", y] | [pre @ .., "d'ici" | "d’ici", y]
            if year(y).is_some() && framed(pre) =>
        {
            Some(PeriodSpec::Through(year(y)?))
        }
        // `de aquí a 2028`, `de aquí al 2030`: from now to that year.
        [pre @ .., "de", "aquí" | "aqui", "a" | "al", y] if year(y).is_some() && framed(pre) => {
            Some(PeriodSpec::Through(year(y)?))
        }
        [pre @ .., "entre", a, "y", b] if year(a).is_some() && year(b).is_some() && framed(pre) => {
            Some(PeriodSpec::Years { first: year(a)?, last: year(b)?, fiscal: false })
        }
        [pre @ .., "ejercicio" | "fiscal", y]
            if year(y).is_some() && framed(pre.strip_suffix(&["ejercicio"]).unwrap_or(pre)) =>
        {
            Some(PeriodSpec::FiscalYear(year(y)?))
        }
        [pre @ .., "en" | "para" | "durante", y] if year(y).is_some() && framed(pre) => {
            Some(PeriodSpec::Year(year(y)?))
        }
        _ => None,
    }
}

/// The periods that whole phrases stand for (`this year`, `este ejercicio`, `en los próximos
/// tres años`, `the fiscal year ending March 2026`, `its fiscal year to June`), read before
/// the word-by-word parse.
fn phrase_spec(lower: &str) -> Option<PeriodSpec> {
    if let Some(spec) = fixed_phrase(lower) {
        return Some(spec);
    }
    if let Some(spec) = spanish(lower) {
        return Some(spec);
    }
    if let Some(y) = fiscal_year_ending(lower) {
        return Some(PeriodSpec::FiscalYear(y));
    }
    let kinds = ["fiscal year to ", "fiscal year ending in ", "fiscal year ending ", "fiscal year through "];
    let rest = kinds.iter().find_map(|k| lower.find(k).map(|p| &lower[p + k.len()..]))?;
    months_word(rest.trim()).then_some(PeriodSpec::Relative { offset: 0, fiscal: true })
}

fn fiscal_year_ending(lower: &str) -> Option<i32> {
    // Spanish fiscal years end with a quarter.
    const QUARTER_ENDS_ES: [&str; 4] = ["marzo", "junio", "septiembre", "diciembre"];
    let key = ["year ending ", "year ended ", "year to ", "year through ", "ejercicio que termina en "]
        .iter()
        .find_map(|k| lower.find(k).map(|p| p + k.len()))?;
    let mut words = lower[key..].split_whitespace();
    let month = words.next()?;
    let year: i32 = words.next()?.trim_end_matches(['.', ',']).parse().ok()?;
    let named = months_word(month) || QUARTER_ENDS_ES.contains(&month);
    (named && (1990..=2100).contains(&year)).then_some(year)
}

/// The English month names, lower case.
pub(crate) const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether `w` is an English month name, lower case.
pub(crate) fn months_word(w: &str) -> bool {
    MONTHS_EN.contains(&w)
}

/// Parses a period as written in front matter or news text, in English or Spanish.
pub fn parse(text: &str) -> Result<PeriodSpec, PeriodError> {
    let lower = text.trim().to_lowercase();
    let lower = lower.trim_end_matches(['.', ',', ';', ':', ')']);
    if let Some(spec) = phrase_spec(lower) {
        return Ok(spec);
    }
    let bare = lower.strip_suffix("'s").or_else(|| lower.strip_suffix("’s")).unwrap_or(lower);
    parse_words(bare)
}

/// [`parse`] word by word: years, fiscal years, ranges, spans, `through`.
fn parse_words(text: &str) -> Result<PeriodSpec, PeriodError> {
    let lower = text.trim().to_lowercase().replace(['’', '\''], "");
    let cleaned: String =
        lower.chars().map(|c| if c.is_alphanumeric() || "-–—/".contains(c) { c } else { ' ' }).collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    if words.is_empty() {
        return Err(PeriodError::Unreadable);
    }
    let has = |w: &str| words.contains(&w);
    let fiscal = has("fiscal") || has("fy");
    // Relative years: only framing words around `this year` / `next year`.
    let relative_words = [
        "this", "current", "next", "coming", "the", "fiscal", "fy", "year", "in", "for", "during", "over",
        "its", "of",
    ];
    if words.iter().all(|w| relative_words.contains(w)) && (has("year") || has("fy")) {
        if has("this") || has("current") {
            return Ok(PeriodSpec::Relative { offset: 0, fiscal });
        }
        if has("next") || has("coming") {
            return Ok(PeriodSpec::Relative { offset: 1, fiscal });
        }
    }
    // `through 2027`, `until 2027`, `by 2030`.
    if let Some(pos) = words.iter().position(|w| matches!(*w, "through" | "until" | "till" | "by" | "to")) {
        if pos == 0 || words[..pos].iter().all(|w| FILLERS.contains(w)) {
            if let [y] = &words[pos + 1..] {
                if let Some(y) = year(y) {
                    return Ok(PeriodSpec::Through(y));
                }
            }
        }
    }
    let content: Vec<&str> =
        words.iter().copied().filter(|w| !FILLERS.contains(w) && *w != "fiscal" && *w != "fy").collect();
    // Years written as numbers.
    let mut years: Vec<i32> = Vec::new();
    let mut fiscal_years = fiscal;
    for w in &content {
        if let Some((a, b, f)) = year_range(w) {
            fiscal_years |= f;
            years.extend([a, b]);
        } else if let Some(y) = fiscal_token(w) {
            fiscal_years = true;
            years.push(y);
        } else if let Some(y) = year(w) {
            years.push(y);
        }
    }
    // `between 2023 and the end of 2029`: the end of the last year is still that year.
    let two = years.len() == 2;
    let connectors = |w: &&str| {
        matches!(*w, "to" | "and" | "between" | "through")
            || (two && matches!(*w, "the" | "end" | "of"))
            || year_range(w).is_some()
    };
    let rest: Vec<&&str> =
        content.iter().filter(|w| year(w).is_none() && fiscal_token(w).is_none() && !connectors(w)).collect();
    if !years.is_empty() && rest.is_empty() {
        return match years.as_slice() {
            [y] if fiscal_years => Ok(PeriodSpec::FiscalYear(*y)),
            [y] => Ok(PeriodSpec::Year(*y)),
            [a, b] if b < a => Err(PeriodError::Backwards),
            [a, b] if a == b && fiscal_years => Ok(PeriodSpec::FiscalYear(*a)),
            [a, b] if a == b => Ok(PeriodSpec::Year(*a)),
            [a, b] => Ok(PeriodSpec::Years { first: *a, last: *b, fiscal: fiscal_years }),
            _ => Err(PeriodError::Unreadable),
        };
    }
    // Spans: `3 years`, `three-year`, `18 months`, `a decade`.
    let mut span: Option<u32> = None;
    let mut unit_seen = false;
    let mut n: Option<u32> = None;
    for w in words.iter().copied() {
        let (num_part, unit_part) = match w.split_once('-') {
            Some((a, b)) => (Some(a), b),
            None => (None, w),
        };
        if let Some(a) = num_part {
            n = count(a).or(n);
        }
        match unit_part {
            "year" | "years" | "yr" | "yrs" if n.is_some() || num_part.is_some() => {
                span = n.map(|n| n * 12);
                unit_seen = true;
            }
            "month" | "months" => {
                span = n;
                unit_seen = true;
            }
            "decade" => {
                span = Some(n.unwrap_or(1) * 120);
                unit_seen = true;
            }
            "decades" => {
                span = n.map(|n| n * 120);
                unit_seen = true;
            }
            other => {
                if let Some(c) = count(other) {
                    n = Some(c);
                } else if !FILLERS.contains(&other) {
                    return Err(PeriodError::Unreadable);
                }
            }
        }
    }
    match (unit_seen, span) {
        (true, Some(0)) => Err(PeriodError::Zero),
        (true, Some(months)) => Ok(PeriodSpec::Span { months }),
        _ => Err(PeriodError::Unreadable),
    }
}

/// The fiscal year (named by its end) that contains `date`.
pub(crate) fn fiscal_year_of(date: Date, end_month: u8) -> i32 {
    let y = i32::from(date.year());
    if date.month() as u8 > end_month {
        y + 1
    } else {
        y
    }
}

impl PeriodSpec {
    /// Ties the period to an announcement date and the company's fiscal year end month.
    pub fn resolve(self, announced: Date, fiscal_year_end: Option<u8>) -> Result<Period, PeriodError> {
        let fy_end = fiscal_year_end.filter(|m| (1..=11).contains(m));
        let y = i32::from(announced.year());
        let (first, last, fiscal, span) = match self {
            PeriodSpec::Year(y) => (y, y, false, None),
            PeriodSpec::FiscalYear(y) => (y, y, true, None),
            PeriodSpec::Years { first, last, fiscal } => (first, last, fiscal, None),
            PeriodSpec::Relative { offset, fiscal: true } => {
                let fy = fiscal_year_of(announced, fy_end.unwrap_or(12)) + offset;
                (fy, fy, true, None)
            }
            PeriodSpec::Relative { offset, fiscal: false } => (y + offset, y + offset, false, None),
            PeriodSpec::Through(last) => (y, last, false, None),
            PeriodSpec::Span { months } => {
                let years = months.div_ceil(12).max(1) as i32;
                (y, y + years - 1, false, Some(months))
            }
        };
        if last < first {
            return Err(PeriodError::Backwards);
        }
        let years = match span {
            Some(m) => f64::from(m) / 12.0,
            None => f64::from(last - first + 1),
        };
        Ok(Period {
            first_year: first,
            last_year: last,
            years,
            span_months: span,
            fiscal,
            fiscal_end_month: if fiscal { fy_end } else { None },
        })
    }
}

impl Period {
    /// The months covered, first and last included, as `year * 12 + month - 1`: a calendar
    /// year is January to December; a fiscal year ending in June 2025 is July 2024 to June
    /// 2025. Lets periods written differently (calendar, fiscal, spans) be compared.
    pub fn months(&self) -> (i32, i32) {
        match (self.fiscal, self.fiscal_end_month) {
            (true, Some(end)) => {
                let end = i32::from(end);
                ((self.first_year - 1) * 12 + end, self.last_year * 12 + end - 1)
            }
            _ => (self.first_year * 12, self.last_year * 12 + 11),
        }
    }

    /// Whether the two periods share at least one month.
    pub fn overlaps(&self, other: &Period) -> bool {
        let (a, b) = (self.months(), other.months());
        a.0 <= b.1 && b.0 <= a.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PeriodSpec {
        parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn written_forms() {
        assert_eq!(p("3 years"), PeriodSpec::Span { months: 36 });
        assert_eq!(p("three years"), PeriodSpec::Span { months: 36 });
        assert_eq!(p("next three years"), PeriodSpec::Span { months: 36 });
        assert_eq!(p("over the next three years"), PeriodSpec::Span { months: 36 });
        assert_eq!(p("over two years"), PeriodSpec::Span { months: 24 });
        assert_eq!(p("a five-year plan"), PeriodSpec::Span { months: 60 });
        assert_eq!(p("the next 18 months"), PeriodSpec::Span { months: 18 });
        assert_eq!(p("the next decade"), PeriodSpec::Span { months: 120 });
        assert_eq!(p("2025"), PeriodSpec::Year(2025));
        assert_eq!(p("in 2026"), PeriodSpec::Year(2026));
        assert_eq!(p("FY2025"), PeriodSpec::FiscalYear(2025));
        assert_eq!(p("FY25"), PeriodSpec::FiscalYear(2025));
        assert_eq!(p("in fiscal 2025"), PeriodSpec::FiscalYear(2025));
        assert_eq!(p("its 2025 fiscal year"), PeriodSpec::FiscalYear(2025));
        assert_eq!(p("fiscal year 2025"), PeriodSpec::FiscalYear(2025));
        assert_eq!(p("2025-2027"), PeriodSpec::Years { first: 2025, last: 2027, fiscal: false });
        assert_eq!(p("2025–27"), PeriodSpec::Years { first: 2025, last: 2027, fiscal: false });
        assert_eq!(p("from 2025 to 2027"), PeriodSpec::Years { first: 2025, last: 2027, fiscal: false });
        assert_eq!(p("between 2025 and 2028"), PeriodSpec::Years { first: 2025, last: 2028, fiscal: false });
        assert_eq!(
            p("between 2024 and the end of 2030"),
            PeriodSpec::Years { first: 2024, last: 2030, fiscal: false }
        );
        assert_eq!(p("FY2025-FY2027"), PeriodSpec::Years { first: 2025, last: 2027, fiscal: true });
        assert_eq!(p("this year"), PeriodSpec::Relative { offset: 0, fiscal: false });
        assert_eq!(p("next year"), PeriodSpec::Relative { offset: 1, fiscal: false });
        assert_eq!(p("this fiscal year"), PeriodSpec::Relative { offset: 0, fiscal: true });
        assert_eq!(p("through 2027"), PeriodSpec::Through(2027));
    }

    #[test]
    fn spanish_phrases_and_the_words_before_them() {
        assert_eq!(p("en los próximos tres años"), PeriodSpec::Span { months: 36 });
        assert_eq!(p("para 2025"), PeriodSpec::Year(2025));
        assert_eq!(p("hasta 2028"), PeriodSpec::Through(2028));
        assert_eq!(p("de aquí a 2028"), PeriodSpec::Through(2028));
        assert_eq!(p("d'ici à 2030"), PeriodSpec::Through(2030));
        assert_eq!(p("d’ici 2030"), PeriodSpec::Through(2030));
        assert_eq!(p("entre 2025 y 2028"), PeriodSpec::Years { first: 2025, last: 2028, fiscal: false });
        assert_eq!(p("el ejercicio fiscal 2026"), PeriodSpec::FiscalYear(2026));
        assert_eq!(parse("de gasto de capital para 2025"), Err(PeriodError::Unreadable));
    }

    #[test]
    fn bad_periods() {
        assert_eq!(parse("0 years"), Err(PeriodError::Zero));
        assert_eq!(parse("soon"), Err(PeriodError::Unreadable));
        assert_eq!(parse("years"), Err(PeriodError::Unreadable));
        assert_eq!(parse(""), Err(PeriodError::Unreadable));
        assert_eq!(parse("2027-2025"), Err(PeriodError::Backwards));
        assert_eq!(parse("three bananas"), Err(PeriodError::Unreadable));
        assert_eq!(parse("in AI data centres this year"), Err(PeriodError::Unreadable));
        assert_eq!(parse("year"), Err(PeriodError::Unreadable));
    }

    #[test]
    fn resolved_against_the_announcement() {
        let jan = jiff::civil::date(2025, 1, 3);
        let r = p("this year").resolve(jan, None).unwrap();
        assert_eq!((r.first_year, r.last_year, r.years), (2025, 2025, 1.0));
        let r = p("over the next three years").resolve(jiff::civil::date(2025, 2, 24), None).unwrap();
        assert_eq!((r.first_year, r.last_year, r.years), (2025, 2027, 3.0));
        let r = p("FY2025").resolve(jan, Some(6)).unwrap();
        assert!(r.fiscal);
        assert_eq!(r.fiscal_end_month, Some(6));
        // Microsoft in August 2025 is in its fiscal 2026.
        let r = p("this fiscal year").resolve(jiff::civil::date(2025, 8, 1), Some(6)).unwrap();
        assert_eq!(r.first_year, 2026);
        let r = p("18 months").resolve(jan, None).unwrap();
        assert_eq!((r.first_year, r.last_year, r.years), (2025, 2026, 1.5));
    }
}
