//! Text to search terms: folding (case, accents, compatibility forms), words, money figures
//! in one normalised form, stop words and stems. `search.js` repeats these rules for queries
//! and the excerpt's highlighting; a test checks both give the same terms.

use super::stem;

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

    /// Whether `word` (folded) is a stop word. Every stop word has at most five letters: the
    /// length check spares comparing most words with the list.
    fn is_stop_word(self, word: &str) -> bool {
        word.len() <= 5 && self.stop_words().contains(&word)
    }

    pub(crate) fn stem(self, word: &str) -> String {
        match self {
            Lang::En => stem::english(word),
            Lang::Es => stem::spanish(word),
        }
    }
}

/// Lower case, compatibility forms decomposed (`ﬁ`, full-width digits) and accents removed
/// (NFKD without combining marks; `search.js` folds the same way). ASCII, most of any text,
/// takes a fast path.
pub(crate) fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            unicode_normalization::char::decompose_compatible(c, |d| {
                if !('\u{300}'..='\u{36f}').contains(&d) {
                    out.extend(d.to_lowercase());
                }
            });
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphabetic() || c.is_numeric()
    }
}

/// A word of folded text: letters and digits, with `.`, `-` and `,` (between digits) kept
/// inside it (`9988.hk`, `data-centers`, `80,000`), and apostrophes dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    /// The word as folded, joiners kept.
    pub(crate) text: std::borrow::Cow<'a, str>,
    /// Whether it has joiners (and so parts).
    joined: bool,
}

impl Word<'_> {
    /// Its parts between joiners, when it has any.
    pub(crate) fn parts(&self) -> impl Iterator<Item = &str> {
        let parts = if self.joined { Some(self.text.split(['.', '-', ','])) } else { None };
        parts.into_iter().flatten()
    }
}

/// Splits folded text into words.
pub(crate) fn words(folded: &str) -> Vec<Word<'_>> {
    // Read by bytes, with a char decoded only where a byte is not ASCII: most of any text is.
    let char_at = |at: usize| -> Option<char> {
        match folded.as_bytes().get(at) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => folded.get(at..).and_then(|rest| rest.chars().next()),
            None => None,
        }
    };
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = char_at(at) {
        let start = at;
        at += c.len_utf8();
        if !is_word_char(c) {
            continue;
        }
        let mut end = at;
        let mut prev = c;
        let mut joined = false;
        let mut apostrophes = false;
        while let Some(c) = char_at(at) {
            if is_word_char(c) {
                at += c.len_utf8();
                end = at;
                prev = c;
                continue;
            }
            // A joiner counts only with a word character right after it.
            let next = char_at(at + c.len_utf8()).filter(|&n| is_word_char(n));
            let joins = match (c, next) {
                ('\'' | '\u{2019}', Some(_)) => {
                    apostrophes = true;
                    true
                }
                ('.' | '-', Some(_)) => {
                    joined = true;
                    true
                }
                (',', Some(n)) if n.is_ascii_digit() && prev.is_ascii_digit() => {
                    joined = true;
                    true
                }
                _ => false,
            };
            if !joins {
                break;
            }
            at += c.len_utf8();
            prev = c;
        }
        let slice = &folded[start..end];
        let text = if apostrophes {
            std::borrow::Cow::Owned(slice.chars().filter(|&c| c != '\'' && c != '\u{2019}').collect())
        } else {
            std::borrow::Cow::Borrowed(slice)
        };
        out.push(Word { text, joined });
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
fn figure_at(words: &[Word<'_>], i: usize, lang: Lang) -> Option<(String, usize)> {
    let w = &words[i].text;
    // Only a word starting with a digit can be a figure.
    if !w.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
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
    let next = words.get(i + 1).map(|w| w.text.as_ref());
    // Spanish `80 mil millones` (a billion is `mil millones`).
    if lang == Lang::Es && next == Some("mil") {
        if let Some("millones" | "millon") = words.get(i + 2).map(|w| w.text.as_ref()) {
            return Some((figure_term(units, 1000)?, 3));
        }
    }
    let m = scale_millions(next?, lang)?;
    Some((figure_term(units, m)?, 2))
}

/// Where [`index_terms`] turns words into terms: the index interns them
/// (`index::Interner`), tests keep them as strings ([`StemMemo`]).
pub(crate) trait Terms {
    /// What a term becomes.
    type Term;
    /// The term of an all-letters word: its stem.
    fn stemmed(&mut self, lang: Lang, word: &str) -> Self::Term;
    /// A term kept as it is (a word with digits or letters beyond ASCII, a figure).
    fn exact(&mut self, term: &str) -> Self::Term;
}

/// Terms as strings, stems worked out once per word.
#[cfg(test)]
#[derive(Debug, Default)]
pub(crate) struct StemMemo {
    /// English stems, then Spanish ones.
    stems: [std::collections::HashMap<String, Box<str>, xxhash_rust::xxh3::Xxh3DefaultBuilder>; 2],
}

#[cfg(test)]
impl Terms for StemMemo {
    type Term = String;
    fn stemmed(&mut self, lang: Lang, word: &str) -> String {
        let stems = &mut self.stems[usize::from(lang == Lang::Es)];
        if let Some(stem) = stems.get(word) {
            return stem.to_string();
        }
        let stem = lang.stem(word);
        stems.insert(word.to_string(), stem.as_str().into());
        stem
    }
    fn exact(&mut self, term: &str) -> String {
        term.to_string()
    }
}

/// Calls `emit` with each term of `text` for the index: every word (stemmed when it is
/// all letters), the parts of joined words, and each money figure's normalised form.
pub(crate) fn index_terms<T: Terms>(text: &str, lang: Lang, terms: &mut T, mut emit: impl FnMut(T::Term)) {
    let folded = fold(text);
    let words = words(&folded);
    let term = |t: &str, terms: &mut T, emit: &mut dyn FnMut(T::Term)| {
        if lang.is_stop_word(t) {
            return;
        }
        if t.bytes().all(|b| b.is_ascii_lowercase()) {
            emit(terms.stemmed(lang, t));
        } else {
            emit(terms.exact(t));
        }
    };
    for (i, w) in words.iter().enumerate() {
        if let Some((figure, _)) = figure_at(&words, i, lang) {
            emit(terms.exact(&figure));
        }
        term(&w.text, terms, &mut emit);
        for p in w.parts() {
            if !p.is_empty() {
                term(p, terms, &mut emit);
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
        let t: &str = &words[i].text;
        if !lang.is_stop_word(t) || words.len() == 1 {
            out.push(if t.bytes().all(|b| b.is_ascii_lowercase()) { lang.stem(t) } else { t.to_string() });
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, lang: Lang) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        index_terms(text, lang, &mut StemMemo::default(), |t| v.push(t));
        v
    }

    #[test]
    fn stop_words_are_short_enough_for_the_length_check() {
        for lang in [Lang::En, Lang::Es] {
            assert!(lang.stop_words().iter().all(|w| w.len() <= 5 && lang.is_stop_word(w)));
        }
        assert!(!Lang::En.is_stop_word("these") && !Lang::En.is_stop_word("thereby"));
    }

    #[test]
    fn folds_case_accents_and_compatibility_forms() {
        assert_eq!(fold("Inversión en IA"), "inversion en ia");
        assert_eq!(fold("ＢＡＢＡ ﬁscal"), "baba fiscal");
    }

    #[test]
    fn joined_words_keep_their_joiners_and_parts() {
        let folded = fold("Alibaba (9988.HK) and data-centers; it's 80,000. Next");
        let w = words(&folded);
        let texts: Vec<&str> = w.iter().map(|w| &*w.text).collect();
        assert_eq!(texts, ["alibaba", "9988.hk", "and", "data-centers", "its", "80,000", "next"]);
        assert_eq!(w[1].parts().collect::<Vec<_>>(), ["9988", "hk"]);
        assert_eq!(w[0].parts().count(), 0);
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

/// `search.js` makes a query's terms in the browser: it must make the ones the index holds.
/// Runs both over the bundled example's text and a list of hard cases (needs Node; CI has it).
#[cfg(test)]
mod browser_agreement {
    use super::*;

    fn samples() -> Vec<(String, Lang)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for entry in walkdir::WalkDir::new(root.join("content")).sort_by_file_name() {
            let entry = entry.expect("the example's content folder is readable");
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                let lang = if path.to_string_lossy().ends_with(".es.md") { Lang::Es } else { Lang::En };
                let text = std::fs::read_to_string(path).expect("example files are UTF-8");
                out.extend(text.lines().filter(|l| !l.trim().is_empty()).map(|l| (l.to_string(), lang)));
            }
        }
        let hard = [
            "$80 billion, 80bn, US$1.5 trillion, 500 million, 0.5bn, 1,234.5 million, 12.345bn",
            "80.000 millones, 380 mil millones, 1,5 billones, 60.000 y 65.000 millones de dólares",
            "9988.HK 0700.HK 005930.KS Amazon.com X.AI data-centers it's Alibaba’s",
            "Inversión INFORMACIÓN información informacion ﬁscal ＢＡＢＡ Ärger naïve façade",
            "generously consolation investing invested cries ties gas gaps news skies dying",
            "invirtiéndolo rápidamente nacionalización inversiones centros datos arguyendo",
        ];
        out.extend(hard.iter().map(|h| (h.to_string(), Lang::En)));
        out.extend(hard.iter().map(|h| (h.to_string(), Lang::Es)));
        out
    }

    #[test]
    #[ignore = "needs node (`.ci/run` installs it and runs this with --ignored)"]
    fn search_js_makes_the_terms_the_index_holds() {
        let node = std::process::Command::new("node").arg("--version").output();
        assert!(node.is_ok(), "this test needs node (apt-get install nodejs), as `bash .ci/run` installs");
        let samples = samples();
        let input: Vec<(String, &str)> =
            samples.iter().map(|(t, l)| (t.clone(), if *l == Lang::Es { "es" } else { "en" })).collect();
        let script = format!(
            "const s = require({:?}); let d = ''; process.stdin.on('data', c => d += c).on('end', () => {{
               const out = JSON.parse(d).map(([t, l]) => [s.queryTerms(t, l), s.indexTerms(t, l)]);
               process.stdout.write(JSON.stringify(out)); }});",
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/search/assets/search.js")
        );
        let mut child = std::process::Command::new("node")
            .arg("-e")
            .arg(script)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("node starts");
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().expect("piped");
            stdin
                .write_all(serde_json::to_string(&input).expect("strings serialise").as_bytes())
                .expect("node reads");
        }
        let out = child.wait_with_output().expect("node runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let js: Vec<(Vec<String>, Vec<String>)> =
            serde_json::from_slice(&out.stdout).expect("node answers JSON");
        assert_eq!(js.len(), samples.len());
        let mut memo = StemMemo::default();
        for ((text, lang), (js_query, js_index)) in samples.iter().zip(js) {
            assert_eq!(query_terms(text, *lang), js_query, "query terms of {text:?} ({lang:?})");
            let mut index = Vec::new();
            index_terms(text, *lang, &mut memo, |t| index.push(t));
            assert_eq!(index, js_index, "index terms of {text:?} ({lang:?})");
        }
    }
}
