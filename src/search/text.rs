//! Text to search terms: folding (case, accents, compatibility forms), words, money figures
//! in one normalised form, stop words and stems. `search.js` repeats these rules for queries
//! and the excerpt's highlighting; a test checks both give the same terms.

use super::stem;
use unicode_normalization::UnicodeNormalization;

/// The stemmer and stop words a language's index uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    Es,
}

impl Lang {
    /// The index language for a site language code (English rules for any other).
    pub(crate) fn of(code: &str) -> Lang {
        if code == "es" || code.starts_with("es-") {
            Lang::Es
        } else {
            Lang::En
        }
    }

    fn stop_words(self) -> &'static [&'static str] {
        match self {
            Lang::En => &[
                "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its",
                "of", "on", "or", "that", "the", "this", "to", "was", "were", "with",
            ],
            Lang::Es => &[
                "a", "al", "con", "de", "del", "el", "en", "es", "la", "las", "lo", "los", "para", "por",
                "que", "se", "su", "un", "una", "y",
            ],
        }
    }

    fn stem(self, word: &str) -> String {
        match self {
            Lang::En => stem::english(word),
            Lang::Es => stem::spanish(word),
        }
    }
}

/// Lower case, compatibility forms decomposed (`ﬁ`, full-width digits) and accents removed.
pub(crate) fn fold(text: &str) -> String {
    if text.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return text.to_string();
    }
    text.nfkd().filter(|c| !('\u{300}'..='\u{36f}').contains(c)).flat_map(char::to_lowercase).collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric()
}

/// A word of folded text: letters and digits, with `.`, `-` and `,` (between digits) kept
/// inside it (`9988.hk`, `data-centers`, `80,000`), and apostrophes dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// The word as folded, joiners kept.
    pub(crate) text: String,
    /// Its parts between joiners, when it has any.
    pub(crate) parts: Vec<String>,
}

/// Splits folded text into words.
pub(crate) fn words(folded: &str) -> Vec<Word> {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i]) {
            i += 1;
            continue;
        }
        let mut text = String::new();
        let mut parts = vec![String::new()];
        while i < chars.len() {
            let c = chars[i];
            if is_word_char(c) {
                text.push(c);
                if let Some(p) = parts.last_mut() {
                    p.push(c);
                }
                i += 1;
                continue;
            }
            let next = chars.get(i + 1).copied().filter(|&n| is_word_char(n));
            let prev = chars.get(i.wrapping_sub(1)).copied();
            match (c, next) {
                ('\'' | '\u{2019}', Some(_)) => i += 1,
                ('.' | '-', Some(_)) => {
                    text.push(c);
                    parts.push(String::new());
                    i += 1;
                }
                (',', Some(n)) if n.is_ascii_digit() && prev.is_some_and(|p| p.is_ascii_digit()) => {
                    text.push(c);
                    parts.push(String::new());
                    i += 1;
                }
                _ => break,
            }
        }
        if parts.len() == 1 {
            parts.clear();
        }
        out.push(Word { text, parts });
    }
    out
}

/// Thousandths of a million: a money figure in whole units whatever its scale.
type Units = u64;

/// `80` (English `,` thousands and `.` decimals; Spanish the other way round) as thousandths.
fn number_units(text: &str, lang: Lang) -> Option<Units> {
    let (thousands, decimal) = match lang {
        Lang::En => (',', '.'),
        Lang::Es => ('.', ','),
    };
    let mut int = String::new();
    let mut frac = String::new();
    let groups: Vec<&str> = text.split([thousands, decimal]).collect();
    if groups.iter().any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let mut seen_decimal = false;
    let mut pos = 0;
    for (n, g) in groups.iter().enumerate() {
        if n > 0 {
            let sep = text[pos..].chars().next()?;
            pos += sep.len_utf8();
            if sep == decimal {
                if seen_decimal {
                    return None;
                }
                seen_decimal = true;
            } else if seen_decimal || g.len() != 3 {
                return None;
            }
        }
        if seen_decimal {
            frac.push_str(g);
        } else {
            int.push_str(g);
        }
        pos += g.len();
    }
    if frac.len() > 3 || int.len() > 9 {
        return None;
    }
    let int: u64 = int.parse().ok()?;
    let mut f = frac.clone();
    while f.len() < 3 {
        f.push('0');
    }
    Some(int * 1000 + f.parse::<u64>().ok()?)
}

/// How many millions one unit of a scale word is.
fn scale_millions(word: &str, lang: Lang) -> Option<u64> {
    match (word, lang) {
        ("billion" | "billions" | "bn" | "bln" | "b", _) => Some(1_000),
        ("million" | "millions" | "mn" | "mln" | "m", _) => Some(1),
        ("trillion" | "trillions" | "tn" | "trn", _) => Some(1_000_000),
        ("millones" | "millon", Lang::Es) => Some(1),
        ("billones" | "billon", Lang::Es) => Some(1_000_000),
        _ => None,
    }
}

/// The normalised form of a figure of `units` thousandths of `millions` million: `80bn`,
/// `1.5bn`, `500m`.
fn figure_term(units: Units, millions: u64) -> Option<String> {
    // In thousandths of a million.
    let total = units.checked_mul(millions)?;
    let (whole, frac, suffix) = if total >= 1_000_000 {
        (total / 1_000_000, total % 1_000_000, "bn")
    } else {
        (total / 1000, total % 1000, "m")
    };
    let digits = if suffix == "bn" { 6 } else { 3 };
    let mut f = format!("{frac:0digits$}");
    while f.ends_with('0') {
        f.pop();
    }
    f.truncate(3);
    if whole == 0 && f.is_empty() {
        return None;
    }
    Some(if f.is_empty() { format!("{whole}{suffix}") } else { format!("{whole}.{f}{suffix}") })
}

/// A figure starting at `words[i]`: its normalised term and how many words it takes.
fn figure_at(words: &[Word], i: usize, lang: Lang) -> Option<(String, usize)> {
    let w = &words[i].text;
    // `80bn`, `1.5tn`, `380m`.
    let split = w.find(|c: char| c.is_ascii_alphabetic());
    if let Some(at) = split.filter(|&at| at > 0) {
        let (num, scale) = w.split_at(at);
        if let (Some(u), Some(m)) = (number_units(num, lang), scale_millions(scale, lang)) {
            return Some((figure_term(u, m)?, 1));
        }
        return None;
    }
    let units = number_units(w, lang)?;
    let next = words.get(i + 1).map(|w| w.text.as_str());
    // Spanish `80 mil millones` (a billion is `mil millones`).
    if lang == Lang::Es && next == Some("mil") {
        if let Some("millones" | "millon") = words.get(i + 2).map(|w| w.text.as_str()) {
            return Some((figure_term(units, 1000)?, 3));
        }
    }
    let m = scale_millions(next?, lang)?;
    Some((figure_term(units, m)?, 2))
}

/// Stems already worked out, by word: a corpus repeats a few thousand words millions of
/// times.
#[derive(Debug, Default)]
pub(crate) struct StemMemo {
    stems: std::collections::HashMap<String, Box<str>>,
}

impl StemMemo {
    fn stem(&mut self, lang: Lang, word: &str) -> &str {
        if !self.stems.contains_key(word) {
            self.stems.insert(word.to_string(), lang.stem(word).into());
        }
        self.stems.get(word).map_or("", |s| s)
    }
}

/// Calls `emit` with each term of `text` for the index: every word (stemmed when it is
/// all letters), the parts of joined words, and each money figure's normalised form.
pub(crate) fn index_terms(text: &str, lang: Lang, memo: &mut StemMemo, mut emit: impl FnMut(&str)) {
    let folded = fold(text);
    let words = words(&folded);
    let stops = lang.stop_words();
    let mut term = |t: &str, emit: &mut dyn FnMut(&str)| {
        if stops.contains(&t) {
            return;
        }
        if t.bytes().all(|b| b.is_ascii_lowercase()) {
            emit(memo.stem(lang, t));
        } else {
            emit(t);
        }
    };
    for (i, w) in words.iter().enumerate() {
        if let Some((figure, _)) = figure_at(&words, i, lang) {
            emit(&figure);
        }
        term(&w.text, &mut emit);
        for p in &w.parts {
            if !p.is_empty() {
                term(p, &mut emit);
            }
        }
    }
}

/// The terms of a query, in order (`search.js` makes them in the browser; this one is for
/// the tests that check both agree): a figure becomes its normalised form alone, a joined word
/// stays whole, stop words are dropped (unless nothing else is left).
#[cfg(test)]
pub(crate) fn query_terms(text: &str, lang: Lang) -> Vec<String> {
    let folded = fold(text);
    let words = words(&folded);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some((figure, taken)) = figure_at(&words, i, lang) {
            out.push(figure);
            i += taken;
            continue;
        }
        let t = &words[i].text;
        if !lang.stop_words().contains(&t.as_str()) || words.len() == 1 {
            out.push(if t.bytes().all(|b| b.is_ascii_lowercase()) { lang.stem(t) } else { t.clone() });
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, lang: Lang) -> Vec<String> {
        let mut v = Vec::new();
        index_terms(text, lang, &mut StemMemo::default(), |t| v.push(t.to_string()));
        v
    }

    #[test]
    fn folds_case_accents_and_compatibility_forms() {
        assert_eq!(fold("Inversión en IA"), "inversion en ia");
        assert_eq!(fold("ＢＡＢＡ ﬁscal"), "baba fiscal");
    }

    #[test]
    fn joined_words_keep_their_joiners_and_parts() {
        let w = words(&fold("Alibaba (9988.HK) and data-centers; it's 80,000. Next"));
        let texts: Vec<&str> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["alibaba", "9988.hk", "and", "data-centers", "its", "80,000", "next"]);
        assert_eq!(w[1].parts, ["9988", "hk"]);
    }

    #[test]
    fn figures_as_written_and_normalised_meet() {
        let written = terms("Microsoft will spend $80 billion this year", Lang::En);
        assert!(written.contains(&"80bn".to_string()), "{written:?}");
        assert!(written.contains(&"80".to_string()) && written.contains(&"billion".to_string()));
        assert_eq!(query_terms("$80 billion", Lang::En), ["80bn"]);
        assert_eq!(query_terms("80bn", Lang::En), ["80bn"]);
        assert_eq!(query_terms("US$1.5 trillion", Lang::En), ["us", "1500bn"]);
        assert_eq!(query_terms("500 million", Lang::En), ["500m"]);
        let es = terms("invertirá 80.000 millones de dólares y 380 mil millones de yuanes", Lang::Es);
        assert_eq!(es.iter().filter(|t| *t == "80bn" || *t == "380bn").count(), 2, "{es:?}");
        assert_eq!(query_terms("80bn", Lang::Es), ["80bn"]);
    }

    #[test]
    fn queries_stem_as_the_index_does() {
        assert_eq!(query_terms("inversión", Lang::Es), query_terms("inversiones", Lang::Es));
        assert_eq!(query_terms("inversion", Lang::Es), query_terms("Inversión", Lang::Es));
        assert_eq!(query_terms("centros de datos Microsoft", Lang::Es), ["centr", "dat", "microsoft"]);
        assert_eq!(query_terms("investments", Lang::En), ["invest"]);
        assert_eq!(query_terms("9988.HK", Lang::En), ["9988.hk"]);
        assert_eq!(query_terms("the", Lang::En), ["the"]);
    }
}
