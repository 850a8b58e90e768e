//! Stemmers for the search index: English (Porter2) and Spanish (Snowball), both run on text
//! already folded to lower case without accents. `search.js` holds the same two algorithms
//! for queries; a test runs both over one vocabulary and requires the same stems.
//!
//! The Spanish stemmer is Snowball's with its suffix lists folded too (`acion`, not
//! `ación`), so a word typed without accents stems as its accented form does.

/// Stems a folded English word.
pub(crate) fn english(word: &str) -> String {
    let w: Vec<u8> = word.bytes().collect();
    // Only ASCII letters are stemmed; anything else is kept as it is.
    if w.len() <= 2 || !w.iter().all(u8::is_ascii_lowercase) {
        return word.to_string();
    }
    if let Some(s) = english_exception(word) {
        return s.to_string();
    }
    let mut w = w;
    // `y` acting as a consonant is marked `Y`.
    for i in 0..w.len() {
        if w[i] == b'y' && (i == 0 || is_vowel_en(w[i - 1])) {
            w[i] = b'Y';
        }
    }
    let (r1, r2) = english_regions(&w);
    step1a(&mut w);
    if let Ok(s) = std::str::from_utf8(&w) {
        if matches!(
            s,
            "inning" | "outing" | "canning" | "herring" | "earring" | "proceed" | "exceed" | "succeed"
        ) {
            return s.to_string();
        }
    }
    step1b(&mut w, r1);
    step1c(&mut w);
    step2(&mut w, r1);
    step3(&mut w, r1, r2);
    step4(&mut w, r2);
    step5(&mut w, r1, r2);
    w.iter().map(|&b| if b == b'Y' { 'y' } else { b as char }).collect()
}

fn english_exception(word: &str) -> Option<&'static str> {
    Some(match word {
        "skis" => "ski",
        "skies" => "sky",
        "dying" => "die",
        "lying" => "lie",
        "tying" => "tie",
        "idly" => "idl",
        "gently" => "gentl",
        "ugly" => "ugli",
        "early" => "earli",
        "only" => "onli",
        "singly" => "singl",
        "sky" => "sky",
        "news" => "news",
        "howe" => "howe",
        "atlas" => "atlas",
        "cosmos" => "cosmos",
        "bias" => "bias",
        "andes" => "andes",
        _ => return None,
    })
}

fn is_vowel_en(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// R1 and R2 as byte offsets (the word's length when empty).
fn english_regions(w: &[u8]) -> (usize, usize) {
    let after_vc = |from: usize| {
        let mut i = from;
        while i < w.len() && !is_vowel_en(w[i]) {
            i += 1;
        }
        while i < w.len() && is_vowel_en(w[i]) {
            i += 1;
        }
        (i + 1).min(w.len())
    };
    let r1 = if w.starts_with(b"gener") || w.starts_with(b"arsen") {
        5
    } else if w.starts_with(b"commun") {
        6
    } else {
        after_vc(0)
    };
    let r2 = if r1 >= w.len() { w.len() } else { after_vc(r1) };
    (r1, r2)
}

fn ends(w: &[u8], s: &[u8]) -> bool {
    w.ends_with(s)
}

fn has_vowel(w: &[u8]) -> bool {
    w.iter().any(|&b| is_vowel_en(b))
}

/// A short syllable ends at `end` (exclusive).
fn short_syllable_at(w: &[u8], end: usize) -> bool {
    if end == 2 {
        return is_vowel_en(w[0]) && !is_vowel_en(w[1]);
    }
    if end < 3 {
        return false;
    }
    let (a, b, c) = (w[end - 3], w[end - 2], w[end - 1]);
    !is_vowel_en(a) && is_vowel_en(b) && !is_vowel_en(c) && !matches!(c, b'w' | b'x' | b'Y')
}

fn is_short_word(w: &[u8], r1: usize) -> bool {
    r1 >= w.len() && short_syllable_at(w, w.len())
}

fn step1a(w: &mut Vec<u8>) {
    // Step 0 has nothing to do: folding dropped apostrophes.
    if ends(w, b"sses") {
        w.truncate(w.len() - 2);
    } else if ends(w, b"ied") || ends(w, b"ies") {
        let keep = if w.len() > 4 { w.len() - 2 } else { w.len() - 1 };
        w.truncate(keep);
    } else if ends(w, b"us") || ends(w, b"ss") {
    } else if ends(w, b"s") && w.len() >= 2 && has_vowel(&w[..w.len() - 2]) {
        w.pop();
    }
}

fn step1b(w: &mut Vec<u8>, r1: usize) {
    const SUFFIXES: [&[u8]; 6] = [b"eedly", b"ingly", b"edly", b"eed", b"ing", b"ed"];
    let Some(suffix) = SUFFIXES.iter().find(|s| ends(w, s)) else { return };
    let start = w.len() - suffix.len();
    if *suffix == b"eed" || *suffix == b"eedly" {
        if start >= r1 {
            w.truncate(start + 2);
        }
        return;
    }
    if !has_vowel(&w[..start]) {
        return;
    }
    w.truncate(start);
    if ends(w, b"at") || ends(w, b"bl") || ends(w, b"iz") {
        w.push(b'e');
    } else if w.len() >= 2
        && w[w.len() - 1] == w[w.len() - 2]
        && matches!(w[w.len() - 1], b'b' | b'd' | b'f' | b'g' | b'm' | b'n' | b'p' | b'r' | b't')
    {
        w.pop();
    } else if is_short_word(w, r1) {
        w.push(b'e');
    }
}

fn step1c(w: &mut [u8]) {
    let n = w.len();
    if n > 2 && matches!(w[n - 1], b'y' | b'Y') && !is_vowel_en(w[n - 2]) {
        w[n - 1] = b'i';
    }
}

/// Replaces the longest of `rules`' suffixes the word ends with, when it starts in R1 (or
/// the rule's own condition holds). Only the longest match is tried.
fn replace_longest(
    w: &mut Vec<u8>,
    rules: &[(&str, &str)],
    region: usize,
    extra: impl Fn(&[u8], &str) -> bool,
) {
    let Some((suffix, with)) =
        rules.iter().filter(|(s, _)| ends(w, s.as_bytes())).max_by_key(|(s, _)| s.len())
    else {
        return;
    };
    let start = w.len() - suffix.len();
    if start >= region && extra(&w[..start], suffix) {
        w.truncate(start);
        w.extend_from_slice(with.as_bytes());
    }
}

fn step2(w: &mut Vec<u8>, r1: usize) {
    const RULES: &[(&str, &str)] = &[
        ("tional", "tion"),
        ("enci", "ence"),
        ("anci", "ance"),
        ("abli", "able"),
        ("entli", "ent"),
        ("izer", "ize"),
        ("ization", "ize"),
        ("ational", "ate"),
        ("ation", "ate"),
        ("ator", "ate"),
        ("alism", "al"),
        ("aliti", "al"),
        ("alli", "al"),
        ("fulness", "ful"),
        ("ousli", "ous"),
        ("ousness", "ous"),
        ("iveness", "ive"),
        ("iviti", "ive"),
        ("biliti", "ble"),
        ("bli", "ble"),
        ("ogi", "og"),
        ("fulli", "ful"),
        ("lessli", "less"),
        ("li", ""),
    ];
    replace_longest(w, RULES, r1, |before, suffix| match suffix {
        "ogi" => before.last() == Some(&b'l'),
        "li" => before.last().is_some_and(|b| b"cdeghkmnrt".contains(b)),
        _ => true,
    });
}

fn step3(w: &mut Vec<u8>, r1: usize, r2: usize) {
    const RULES: &[(&str, &str)] = &[
        ("tional", "tion"),
        ("ational", "ate"),
        ("alize", "al"),
        ("icate", "ic"),
        ("iciti", "ic"),
        ("ical", "ic"),
        ("ful", ""),
        ("ness", ""),
        ("ative", ""),
    ];
    let len = w.len();
    replace_longest(w, RULES, r1, |before, suffix| {
        suffix != "ative" || len - suffix.len() >= r2 && !before.is_empty()
    });
}

fn step4(w: &mut Vec<u8>, r2: usize) {
    const RULES: &[(&str, &str)] = &[
        ("al", ""),
        ("ance", ""),
        ("ence", ""),
        ("er", ""),
        ("ic", ""),
        ("able", ""),
        ("ible", ""),
        ("ant", ""),
        ("ement", ""),
        ("ment", ""),
        ("ent", ""),
        ("ism", ""),
        ("ate", ""),
        ("iti", ""),
        ("ous", ""),
        ("ive", ""),
        ("ize", ""),
        ("ion", ""),
    ];
    replace_longest(w, RULES, r2, |before, suffix| {
        suffix != "ion" || before.last().is_some_and(|&b| b == b's' || b == b't')
    });
}

fn step5(w: &mut Vec<u8>, r1: usize, r2: usize) {
    let n = w.len();
    if n == 0 {
        return;
    }
    if w[n - 1] == b'e' {
        let start = n - 1;
        if start >= r2 || (start >= r1 && !short_syllable_at(w, start)) {
            w.pop();
        }
    } else if w[n - 1] == b'l' && n > r2 && n >= 2 && w[n - 2] == b'l' {
        w.pop();
    }
}

/// Stems a folded Spanish word.
pub(crate) fn spanish(word: &str) -> String {
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w: Vec<u8> = word.bytes().collect();
    let (rv, r1, r2) = spanish_regions(&w);
    spanish_pronoun(&mut w, rv);
    let before = w.len();
    spanish_standard(&mut w, r1, r2);
    if w.len() == before {
        let removed = spanish_y_verb(&mut w, rv);
        if !removed {
            spanish_verb(&mut w, rv);
        }
    }
    spanish_residual(&mut w, rv);
    String::from_utf8(w).unwrap_or_else(|_| word.to_string())
}

fn is_vowel_es(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn spanish_regions(w: &[u8]) -> (usize, usize, usize) {
    let n = w.len();
    let rv = if n < 2 {
        n
    } else if !is_vowel_es(w[1]) {
        // After the next vowel following the second letter.
        (2..n).find(|&i| is_vowel_es(w[i])).map_or(n, |i| i + 1)
    } else if is_vowel_es(w[0]) {
        // Two vowels: after the next consonant.
        (2..n).find(|&i| !is_vowel_es(w[i])).map_or(n, |i| i + 1)
    } else {
        3.min(n)
    };
    let after_vc = |from: usize| {
        let mut i = from;
        while i < n && !is_vowel_es(w[i]) {
            i += 1;
        }
        while i < n && is_vowel_es(w[i]) {
            i += 1;
        }
        (i + 1).min(n)
    };
    let r1 = after_vc(0);
    let r2 = if r1 >= n { n } else { after_vc(r1) };
    (rv, r1, r2)
}

/// The longest of `suffixes` that `w` ends with.
fn longest<'s>(w: &[u8], suffixes: &[&'s str]) -> Option<&'s str> {
    suffixes.iter().filter(|s| w.ends_with(s.as_bytes())).max_by_key(|s| s.len()).copied()
}

fn spanish_pronoun(w: &mut Vec<u8>, rv: usize) {
    const PRONOUNS: &[&str] =
        &["me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos"];
    let Some(p) = longest(w, PRONOUNS) else { return };
    let start = w.len() - p.len();
    if start < rv {
        return;
    }
    let before = &w[..start];
    let after_verb = ["iendo", "ando", "ar", "er", "ir"]
        .iter()
        .any(|v| before.ends_with(v.as_bytes()) && before.len() - v.len() >= rv);
    let after_yendo = before.ends_with(b"uyendo") && before.len() - 5 >= rv;
    if after_verb || after_yendo {
        w.truncate(start);
    }
}

fn spanish_standard(w: &mut Vec<u8>, r1: usize, r2: usize) {
    const ALL: &[&str] = &[
        "anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible", "ibles",
        "ista", "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos", "adora",
        "ador", "acion", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias", "logia",
        "logias", "ucion", "uciones", "encia", "encias", "amente", "mente", "idad", "idades", "iva", "ivo",
        "ivas", "ivos",
    ];
    let Some(s) = longest(w, ALL) else { return };
    let start = w.len() - s.len();
    let in_r2 = |at: usize| at >= r2;
    match s {
        "anza" | "anzas" | "ico" | "ica" | "icos" | "icas" | "ismo" | "ismos" | "able" | "ables" | "ible"
        | "ibles" | "ista" | "istas" | "oso" | "osa" | "osos" | "osas" | "amiento" | "amientos"
        | "imiento" | "imientos" => {
            if in_r2(start) {
                w.truncate(start);
            }
        }
        "adora" | "ador" | "acion" | "adoras" | "adores" | "aciones" | "ante" | "antes" | "ancia"
        | "ancias" => {
            if in_r2(start) {
                w.truncate(start);
                if w.ends_with(b"ic") && in_r2(w.len() - 2) {
                    w.truncate(w.len() - 2);
                }
            }
        }
        "logia" | "logias" => {
            if in_r2(start) {
                w.truncate(start);
                w.extend_from_slice(b"log");
            }
        }
        "ucion" | "uciones" => {
            if in_r2(start) {
                w.truncate(start);
                w.push(b'u');
            }
        }
        "encia" | "encias" => {
            if in_r2(start) {
                w.truncate(start);
                w.extend_from_slice(b"ente");
            }
        }
        "amente" => {
            if start >= r1 {
                w.truncate(start);
                if w.ends_with(b"iv") && in_r2(w.len() - 2) {
                    w.truncate(w.len() - 2);
                    if w.ends_with(b"at") && in_r2(w.len() - 2) {
                        w.truncate(w.len() - 2);
                    }
                } else if let Some(x) = longest(w, &["os", "ic", "ad"]) {
                    if in_r2(w.len() - x.len()) {
                        w.truncate(w.len() - x.len());
                    }
                }
            }
        }
        "mente" => {
            if in_r2(start) {
                w.truncate(start);
                if let Some(x) = longest(w, &["ante", "able", "ible"]) {
                    if in_r2(w.len() - x.len()) {
                        w.truncate(w.len() - x.len());
                    }
                }
            }
        }
        "idad" | "idades" => {
            if in_r2(start) {
                w.truncate(start);
                if let Some(x) = longest(w, &["abil", "ic", "iv"]) {
                    if in_r2(w.len() - x.len()) {
                        w.truncate(w.len() - x.len());
                    }
                }
            }
        }
        _ => {
            // iva, ivo, ivas, ivos
            if in_r2(start) {
                w.truncate(start);
                if w.ends_with(b"at") && in_r2(w.len() - 2) {
                    w.truncate(w.len() - 2);
                }
            }
        }
    }
}

fn spanish_y_verb(w: &mut Vec<u8>, rv: usize) -> bool {
    const SUFFIXES: &[&str] =
        &["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yas", "yes", "yais", "yamos"];
    let Some(s) = longest(w, SUFFIXES) else { return false };
    let start = w.len() - s.len();
    if start >= rv && start >= 1 && w[start - 1] == b'u' {
        w.truncate(start);
        return true;
    }
    false
}

fn spanish_verb(w: &mut Vec<u8>, rv: usize) {
    const EN: &[&str] = &["en", "es", "eis", "emos"];
    const OTHER: &[&str] = &[
        "arian", "arias", "aran", "aras", "ariais", "aria", "areis", "ariamos", "aremos", "ara", "are",
        "erian", "erias", "eran", "eras", "eriais", "eria", "ereis", "eriamos", "eremos", "era", "ere",
        "irian", "irias", "iran", "iras", "iriais", "iria", "ireis", "iriamos", "iremos", "ira", "ire",
        "aba", "ada", "ida", "ia", "iera", "ad", "ed", "id", "ase", "iese", "aste", "iste", "an", "aban",
        "ian", "ieran", "asen", "iesen", "aron", "ieron", "ado", "ido", "ando", "iendo", "io", "ar", "er",
        "ir", "as", "abas", "adas", "idas", "ias", "ieras", "ases", "ieses", "is", "ais", "abais", "iais",
        "arais", "ierais", "aseis", "ieseis", "asteis", "isteis", "ados", "idos", "amos", "abamos", "iamos",
        "imos", "aramos", "ieramos", "iesemos", "asemos",
    ];
    let en = longest(w, EN).filter(|s| w.len() - s.len() >= rv);
    let other = longest(w, OTHER).filter(|s| w.len() - s.len() >= rv);
    // Snowball takes the longest suffix of both lists together.
    match (en, other) {
        (Some(e), o) if o.is_none_or(|o| e.len() >= o.len()) => {
            w.truncate(w.len() - e.len());
            if w.ends_with(b"gu") {
                w.pop();
            }
        }
        (_, Some(o)) => w.truncate(w.len() - o.len()),
        _ => {}
    }
}

fn spanish_residual(w: &mut Vec<u8>, rv: usize) {
    if let Some(s) = longest(w, &["os", "a", "o"]) {
        if w.len() - s.len() >= rv {
            w.truncate(w.len() - s.len());
        }
        return;
    }
    if w.ends_with(b"e") && w.len() > rv {
        w.pop();
        if w.ends_with(b"gu") && w.len() > rv {
            w.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_stems_of_the_porter2_vocabulary() {
        for (word, stem) in [
            ("consign", "consign"),
            ("consigned", "consign"),
            ("consigning", "consign"),
            ("consignment", "consign"),
            ("consolation", "consol"),
            ("generously", "generous"),
            ("investments", "invest"),
            ("investing", "invest"),
            ("invested", "invest"),
            ("companies", "compani"),
            ("company", "compani"),
            ("centres", "centr"),
            ("centers", "center"),
            ("billions", "billion"),
            ("committed", "commit"),
            ("commitments", "commit"),
            ("spending", "spend"),
            ("hopping", "hop"),
            ("hoped", "hope"),
            ("cries", "cri"),
            ("ties", "tie"),
            ("gas", "gas"),
            ("gaps", "gap"),
            ("news", "news"),
            ("infrastructure", "infrastructur"),
            ("capacity", "capac"),
            ("generate", "generat"),
        ] {
            assert_eq!(english(word), stem, "{word}");
        }
    }

    #[test]
    fn spanish_stems_match_with_and_without_accents() {
        for (word, stem) in [
            ("inversion", "inversion"),
            ("inversiones", "inversion"),
            ("informacion", "inform"),
            ("centros", "centr"),
            ("centro", "centr"),
            ("datos", "dat"),
            ("invertira", "invert"),
            ("invertir", "invert"),
            ("millones", "millon"),
            ("nuclear", "nucl"),
            ("rapidamente", "rapid"),
        ] {
            assert_eq!(spanish(word), stem, "{word}");
        }
    }
}
