//! Normalised text keys shared by both kinds of deduplication: Unicode NFKC, lower case,
//! whitespace and punctuation folded, figures and symbols kept.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// The normalised form of `text`: words separated by single spaces.
///
/// Punctuation is folded into word breaks so that `Microsoft's plan…` and `Microsofts plan`
/// differ only where they must, but punctuation *between two digits* (`1.5`, `1,000`, `3:30`)
/// is kept: folding it would make `1.5 billion` and `15 billion` the same passage. Currency
/// signs, `%`, emoji and other symbols are kept as word characters, since `$80` and `€80` say
/// different things.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Where folded text goes: the characters of each word, and a break between two words.
pub trait Folded {
    /// An ASCII byte of a word (already lower case).
    fn push_ascii(&mut self, b: u8);
    /// Any other character of a word (already lower case).
    fn push_char(&mut self, c: char);
    /// A break before the next word; only ever called after a word.
    fn word_break(&mut self);
    /// Whether no word has started yet.
    fn is_empty(&self) -> bool;
}

impl Folded for String {
    fn push_ascii(&mut self, b: u8) {
        self.push(char::from(b));
    }
    fn push_char(&mut self, c: char) {
        self.push(c);
    }
    fn word_break(&mut self) {
        self.push(' ');
    }
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }
}

/// Folds `text` into `out` as [`normalize`] does (words, then breaks between them), without
/// making the normalised string when `out` only needs the words.
pub fn fold_into(text: &str, out: &mut impl Folded) {
    // NFKC leaves ASCII and most news text (accents, €, dashes, curly quotes) unchanged; the
    // quick check proves that without decomposing and recomposing every character. ASCII
    // characters are starters that never combine, so they can be left out of the check.
    if text.is_ascii() || is_nfkc_quick(text.chars().filter(|c| !c.is_ascii())) == IsNormalized::Yes {
        fold_str(text, out);
    } else {
        fold(text.nfkc(), out);
    }
}

/// Number of words in a normalised key.
pub fn word_count(key: &str) -> usize {
    if key.is_empty() {
        0
    } else {
        key.bytes().filter(|&b| b == b' ').count() + 1
    }
}

fn fold(chars: impl Iterator<Item = char>, out: &mut impl Folded) {
    let mut chars = chars.peekable();
    // Whether the last character written was a digit (for `1.5`).
    let mut after_digit = false;
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        fold_char(c, chars.peek().copied(), out, &mut after_digit, &mut pending_space);
    }
}

/// [`fold`] of a string, reading ASCII as bytes: the same output, without decoding each
/// character of mostly-ASCII text.
fn fold_str(text: &str, out: &mut impl Folded) {
    let bytes = text.as_bytes();
    let mut after_digit = false;
    let mut pending_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !b.is_ascii() {
            // Up to the next ASCII byte, character by character.
            let end = bytes[i..].iter().position(u8::is_ascii).map_or(bytes.len(), |n| i + n);
            for (offset, c) in text[i..end].char_indices() {
                let next = text[i + offset + c.len_utf8()..].chars().next();
                fold_char(c, next, out, &mut after_digit, &mut pending_space);
            }
            i = end;
            continue;
        }
        if b.is_ascii_alphanumeric() || matches!(b, b'$' | b'%' | b'+' | b'=' | b'<' | b'>' | b'^' | b'~') {
            if pending_space && !out.is_empty() {
                out.word_break();
            }
            pending_space = false;
            out.push_ascii(b.to_ascii_lowercase());
            after_digit = b.is_ascii_digit();
        } else {
            let next = text[i + 1..].chars().next();
            fold_char(char::from(b), next, out, &mut after_digit, &mut pending_space);
        }
        i += 1;
    }
}

/// One character of [`fold`], with the one after it.
fn fold_char(
    c: char,
    next: Option<char>,
    out: &mut impl Folded,
    after_digit: &mut bool,
    pending_space: &mut bool,
) {
    if c.is_alphanumeric() || is_kept_symbol(c) {
        if *pending_space && !out.is_empty() {
            out.word_break();
        }
        *pending_space = false;
        if c.is_ascii() {
            out.push_ascii(c.to_ascii_lowercase() as u8);
        } else {
            c.to_lowercase().for_each(|l| out.push_char(l));
        }
        *after_digit = c.is_numeric();
    } else if !c.is_whitespace() && *after_digit && !*pending_space && next.is_some_and(|n| n.is_numeric()) {
        // A decimal point, thousands separator or time colon inside a figure.
        out.push_char(c);
        *after_digit = false;
    } else {
        *pending_space = true;
        *after_digit = false;
    }
}

/// Characters that are neither letters nor digits but carry meaning: currency signs, `%`,
/// emoji, mathematical and other symbols. Plain punctuation (ASCII, general punctuation,
/// CJK punctuation, Spanish inverted marks, guillemets) is folded.
fn is_kept_symbol(c: char) -> bool {
    match c {
        '$' | '%' | '+' | '=' | '<' | '>' | '^' | '~' => true,
        _ if c.is_ascii() => false,
        '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}' => false,
        '\u{2000}'..='\u{206F}' | '\u{2E00}'..='\u{2E7F}' | '\u{3000}'..='\u{303F}' => false,
        '\u{FE10}'..='\u{FE1F}' | '\u{FE30}'..='\u{FE4F}' | '\u{FE50}'..='\u{FE6F}' => false,
        // Variation selectors and joiners only shape the character before them.
        '\u{FE00}'..='\u{FE0F}' => false,
        _ => !c.is_whitespace() && !c.is_control(),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// 3,000 short texts of characters drawn from `alphabet` (up to `longest` − 1 each), the
    /// same for the same `seed`: mixtures where two ways of folding could part.
    pub(in crate::dedup) fn mixtures(alphabet: &str, longest: u64, seed: u64) -> Vec<String> {
        let alphabet: Vec<char> = alphabet.chars().collect();
        let mut state = seed;
        let mut mixtures = Vec::new();
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(state % longest) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            mixtures.push(text);
        }
        mixtures
    }

    #[test]
    fn folds_case_space_and_punctuation() {
        assert_eq!(normalize("  Microsoft  will **spend**,\nsays   CEO!  "), "microsoft will spend says ceo");
        assert_eq!(normalize("“Quoted” — text…"), normalize("\"quoted\" - text..."));
        assert_eq!(normalize("¿Qué pasa?"), "qué pasa");
    }

    #[test]
    fn nfkc_folds_compatibility_forms() {
        // Full-width letters and the `ﬁ` ligature are the same words as their plain forms.
        assert_eq!(normalize("ＡＢＣ ﬁnance"), "abc finance");
        // A precomposed é and e + combining accent are the same.
        assert_eq!(normalize("caf\u{e9}"), normalize("cafe\u{301}"));
    }

    #[test]
    fn figures_keep_their_separators() {
        assert_ne!(normalize("1.5 billion"), normalize("15 billion"));
        assert_ne!(normalize("$80 billion"), normalize("€80 billion"));
        assert_ne!(normalize("80%"), normalize("80"));
        assert_eq!(normalize("spend 1,000."), "spend 1,000");
        assert_eq!(normalize("v. 2"), "v 2");
    }

    #[test]
    fn reading_bytes_folds_as_reading_characters() {
        let samples = [
            "Plain ASCII, with 1.5 billion and 1,000 units at 3:30.",
            "Curly “quotes” — dashes… and café’s 1.5 € figure; ¿Qué? «Sí» 12.5%",
            "阿里巴巴，投资 380 亿元。 🚀 Launch v. 2",
            "digits then non-ASCII: 1\u{00b7}5 and 2\u{2009}000 and ١٫٥",
            "ASCII then digits: 3.x, 4.٥, x.5, 7..8, 9 .1, ",
            "",
            "   ",
            "ＡＢＣ full width stays the same here",
        ];
        // And mixtures of the characters where the two could part ways.
        let mixtures = mixtures("aZ09 .,:-'$%\n\t·\u{2009}é٥١٫阿，🚀\u{301}ＡÅ", 13, 0x2545_f491_4f6c_dd1d);
        for text in samples.iter().copied().chain(mixtures.iter().map(String::as_str)) {
            let (mut by_bytes, mut by_chars) = (String::new(), String::new());
            fold_str(text, &mut by_bytes);
            fold(text.chars(), &mut by_chars);
            assert_eq!(by_bytes, by_chars, "{text:?}");
        }
    }

    #[test]
    fn emoji_and_other_scripts_survive() {
        assert_eq!(normalize("🚀 Launch"), "🚀 launch");
        assert_eq!(normalize("阿里巴巴，投资。"), "阿里巴巴 投资");
        assert_eq!(word_count(&normalize("a b, c")), 3);
        assert_eq!(word_count(""), 0);
    }
}
