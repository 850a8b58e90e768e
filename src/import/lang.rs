//! Which language an article body is written in, English or Spanish, from the function
//! words it uses. Deliberately small: two languages, decided by counting.

/// English function words that are not also Spanish words.
const ENGLISH: [&str; 30] = [
    "the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "its", "it", "said", "will", "has",
    "was", "are", "by", "from", "which", "this", "be", "at", "an", "as", "have", "would", "their", "than",
    "over",
];

/// Spanish function words that are not also English words.
const SPANISH: [&str; 30] = [
    "el", "la", "los", "las", "de", "del", "y", "en", "que", "por", "para", "con", "una", "un", "se", "su",
    "es", "más", "al", "lo", "como", "según", "sus", "pero", "ha", "este", "esta", "ya", "entre", "sobre",
];

/// Fewer hits than this and the text is too short to tell.
const MIN_HITS: usize = 8;

/// `Some("en")` or `Some("es")` when one language's function words clearly outnumber the
/// other's (by half again), `None` when the text is too short or mixed.
pub(crate) fn detect(text: &str) -> Option<&'static str> {
    let (mut en, mut es) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        let w = word.to_lowercase();
        if ENGLISH.contains(&w.as_str()) {
            en += 1;
        } else if SPANISH.contains(&w.as_str()) {
            es += 1;
        }
    }
    if en + es < MIN_HITS {
        return None;
    }
    if en * 2 >= es * 3 {
        Some("en")
    } else if es * 2 >= en * 3 {
        Some("es")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_english_from_spanish() {
        assert_eq!(
            detect("The company said it will spend more than the previous decade on data centres and chips."),
            Some("en")
        );
        assert_eq!(
            detect("La empresa dijo que invertirá más que en toda la década anterior en centros de datos y chips."),
            Some("es")
        );
        assert_eq!(detect("Alibaba BABA 2025"), None);
    }
}
