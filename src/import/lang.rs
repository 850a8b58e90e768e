//! Which language an article body is written in, from the function words it uses: English,
//! Spanish, Portuguese, French, German or Italian. Deliberately small: decided by counting,
//! and undecided when two languages come close (Spanish and Portuguese share many words).

/// Function words of each language. A word may belong to several (`que`, `la`): it counts
/// for each.
#[rustfmt::skip]
const WORDS: [(&str, &[&str]); 6] = [
    ("en", &[
        "the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "its", "it", "said", "will",
        "has", "was", "are", "by", "from", "which", "this", "be", "at", "an", "as", "have", "would",
        "their", "than", "over",
    ]),
    ("es", &[
        "el", "la", "los", "las", "de", "del", "y", "en", "que", "por", "para", "con", "una", "un", "se",
        "su", "es", "más", "al", "lo", "como", "según", "sus", "pero", "ha", "este", "esta", "ya",
        "entre", "sobre",
    ]),
    ("pt", &[
        "o", "os", "as", "do", "da", "dos", "das", "e", "em", "no", "na", "nos", "nas", "que", "por",
        "para", "com", "uma", "um", "se", "é", "mais", "ao", "à", "como", "segundo", "seus", "mas",
        "também", "não",
    ]),
    ("fr", &[
        "le", "la", "les", "des", "du", "de", "et", "en", "que", "qui", "pour", "par", "avec", "une",
        "un", "se", "est", "plus", "au", "aux", "ce", "cette", "sur", "dans", "pas", "sont", "été",
        "selon", "aussi", "ses",
    ]),
    ("de", &[
        "der", "die", "das", "und", "zu", "den", "von", "mit", "sich", "des", "auf", "für", "ist", "im",
        "dem", "nicht", "ein", "eine", "als", "auch", "werden", "aus", "hat", "dass", "nach", "bei",
        "wird", "einer", "um", "sie",
    ]),
    ("it", &[
        "il", "la", "le", "di", "e", "che", "per", "con", "una", "un", "si", "è", "più", "al", "del",
        "della", "dei", "delle", "nel", "nella", "come", "anche", "ma", "sono", "ha", "gli", "alla",
        "tra", "secondo", "degli",
    ]),
];

/// Fewer hits than this and the text is too short to tell.
const MIN_HITS: usize = 8;

/// The language whose own function words (those no other language here shares) clearly
/// outnumber every other's, by half again, with at least [`MIN_HITS`] of its words in all;
/// `None` when the text is too short or two languages come close.
pub(crate) fn detect(text: &str) -> Option<&'static str> {
    let mut hits = [0usize; WORDS.len()];
    let mut own = [0usize; WORDS.len()];
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        let w = word.to_lowercase();
        let langs: Vec<usize> = (0..WORDS.len()).filter(|&k| WORDS[k].1.contains(&w.as_str())).collect();
        for &k in &langs {
            hits[k] += 1;
        }
        if let [k] = langs[..] {
            own[k] += 1;
        }
    }
    let mut order: Vec<usize> = (0..WORDS.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(own[k]));
    let (best, second) = (own[order[0]], own[order[1]]);
    (hits[order[0]] >= MIN_HITS && best >= 2 && best * 2 >= second * 3).then(|| WORDS[order[0]].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_languages_apart() {
        assert_eq!(
            detect("The company said it will spend more than the previous decade on data centres and chips."),
            Some("en")
        );
        assert_eq!(
            detect("La empresa dijo que invertirá más que en toda la década anterior en centros de datos y chips."),
            Some("es")
        );
        assert_eq!(
            detect("A empresa disse que vai investir mais do que na década anterior em centros de dados e chips, segundo o presidente."),
            Some("pt")
        );
        assert_eq!(
            detect("Le groupe a annoncé qu'il investira plus que pendant la décennie précédente dans les centres de données et les puces."),
            Some("fr")
        );
        assert_eq!(
            detect("Das Unternehmen sagte, es werde mehr als im vergangenen Jahrzehnt in Rechenzentren und Chips investieren, die für KI gebaut werden, und auch in den Ausbau der Netze."),
            Some("de")
        );
        assert_eq!(detect("Alibaba BABA 2025"), None);
    }
}
