//! What a headline looks like, and a title proposed from the lead when the page has none.
//! Knows nothing of where a line sits on the page; `text` decides that.

use crate::furniture;

/// Could be a headline: three to forty words, not a full paragraph, not ending in a colon,
/// mostly letters, not a menu run together (`HomeMarketsTechnology`).
pub(crate) fn shaped(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let chars = t.chars().count();
    (3..=40).contains(&words)
        && chars <= 250
        && letters * 2 >= chars
        && !t.ends_with(':')
        && !t.starts_with(['(', '[', '|', '©', '-', '•', '*'])
        && !(words > 25 && furniture::ends_sentence(t))
}

/// A dek (standfirst) rather than a headline: a full sentence, or long.
pub(crate) fn dek_shaped(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    (t.ends_with('.') && !t.ends_with("...") && words >= 8) || words > 25
}

/// A site or brand name rather than a headline: a few capitalised words, no digits, no verb
/// a headline would have. `Example Business Times`, `The Daily Brief`.
pub(crate) fn name_shaped(text: &str) -> bool {
    let t = text.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    let small = ["the", "of", "and", "de", "la", "el", "del", "&", "y", "for", "on"];
    (1..=4).contains(&words.len())
        && !t.chars().any(|c| c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '¥' | '%' | '?' | '\''))
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase()) || small.contains(&w.to_lowercase().as_str())
        })
}

/// `Oracle to spend $40 billion | Example News` → `Oracle to spend $40 billion`: a browser
/// title's site suffix, when the part after the separator is a short name.
pub(crate) fn without_site_suffix<'t>(text: &'t str, site: Option<&str>) -> &'t str {
    for sep in [" | ", " — ", " – ", " - ", " :: ", " · "] {
        if let Some((head, tail)) = text.rsplit_once(sep) {
            let named = site.is_some_and(|s| tail.trim().eq_ignore_ascii_case(s.trim()));
            let brand = name_shaped(tail) || furniture::is_agency(&tail.to_lowercase());
            if (named || brand) && head.split_whitespace().count() >= 4 {
                return head.trim();
            }
        }
    }
    text.trim()
}

/// Tags wire services put before a headline to say which version of the story it is or what
/// kind of story (`UPDATE 2-`, `REFILE-`, `CORRECTED-`, `EXCLUSIVE-`, `ACTUALIZA 1-`).
#[rustfmt::skip]
const WIRE_TAGS: [&str; 30] = [
    "UPDATE", "REFILE", "RPT", "REPEAT", "CORRECTED", "CORRECTING", "CORRECTION", "EXCLUSIVE",
    "WRAPUP", "BRIEF", "FOCUS", "ANALYSIS", "INSIGHT", "FACTBOX", "URGENT", "BREAKINGVIEWS",
    "TIMELINE", "EXPLAINER", "PREVIEW", "INTERVIEW", "COLUMN", "BUZZ", "HIGHLIGHTS", "NEWSMAKER",
    "SNAPSHOT", "ACTUALIZA", "EXCLUSIVA", "ANÁLISIS", "CORREGIDA", "REPETICIÓN",
];

/// `UPDATE 2-Meta raises capex forecast` → `Meta raises capex forecast`: a wire's version
/// or story-kind tags (several may be chained: `REFILE-UPDATE 1-`) before a headline. A tag
/// is written in capitals (or capitalised and glued to the hyphen, `Update 2-`), may carry a
/// version number, and ends in a hyphen or dash; what is left must still be a headline.
pub(crate) fn without_wire_tag(text: &str) -> &str {
    let mut rest = text.trim();
    let tag_at = |r: &str| {
        WIRE_TAGS
            .iter()
            .find(|t| r.get(..t.len()).is_some_and(|head| head == **t || head.eq_ignore_ascii_case(t)))
    };
    while let Some(tag) = tag_at(rest) {
        let capitals = rest.starts_with(tag);
        let mut after = &rest[tag.len()..];
        // A version number: `UPDATE 2-`, `WRAPUP 1-`.
        let spaced = after.trim_start();
        let digits = spaced.chars().take_while(char::is_ascii_digit).count();
        if (1..=2).contains(&digits) && spaced.len() < after.len() {
            after = &spaced[digits..];
        }
        let glued = after.starts_with(['-', '–', '—']);
        let dashed = after.trim_start().starts_with(['-', '–', '—']) && after.starts_with(' ');
        if !(glued || (capitals && dashed)) {
            break;
        }
        let next = after.trim_start().trim_start_matches(['-', '–', '—']).trim_start();
        if next.split_whitespace().count() < 3 && tag_at(next).is_none() {
            break;
        }
        rest = next;
    }
    rest
}

/// Words that start the attribution closing a lead's first sentence: `…, the company said`.
const ATTRIBUTION: [&str; 12] = [
    " said",
    " says",
    " told",
    " according to",
    " announced",
    " reported",
    " dijo",
    " según",
    " informó",
    " anunció",
    " ha anunciado",
    " ha informado",
];

/// Where a long title may be cut: the start of a clause.
const CLAUSE_BREAKS: [&str; 10] =
    [", ", " as ", " after ", " while ", " which ", " amid ", " — ", " - ", "; ", " tras "];

/// The longest title proposed from a lead, in characters.
const MAX_PROPOSED: usize = 110;

/// A title proposed from the lead of a page that starts straight with its text: the first
/// sentence without the wire dateline and the attribution, cut at a clause break if long.
pub(crate) fn propose(lead: &str) -> String {
    let text = without_dateline(lead.trim());
    let sentence = first_sentence(text);
    let mut title = sentence.trim_end_matches(['.', '!']).trim().to_string();
    // `…, the company said on Monday` and `…, Jane Roe told reporters`.
    if let Some(comma) = title.rfind(", ") {
        let tail = title[comma..].to_lowercase();
        if ATTRIBUTION.iter().any(|a| tail.contains(a)) && comma > 20 {
            title.truncate(comma);
        }
    }
    // `Oracle said on Monday it would spend …` keeps its verb; `Oracle said that …` drops `that`.
    if title.chars().count() > MAX_PROPOSED {
        let limit = title.char_indices().nth(MAX_PROPOSED).map_or(title.len(), |(i, _)| i);
        let cut = CLAUSE_BREAKS
            .iter()
            .filter_map(|b| title[..limit].rfind(b))
            .filter(|&at| at > 30)
            .max()
            .or_else(|| title[..limit].rfind(' '))
            .unwrap_or(limit);
        title.truncate(cut);
    }
    let title = title.trim_end_matches([',', ';', ':', ' ', '-', '—']).to_string();
    let mut chars = title.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => title,
    }
}

/// The lead without `SAN FRANCISCO, June 4 (Reuters) -`.
fn without_dateline(lead: &str) -> &str {
    if super::dateline::read(lead).is_none() {
        return lead;
    }
    let Some(open) = lead.find(['(', '/']) else { return lead };
    let close = if lead.as_bytes()[open] == b'(' { ')' } else { '/' };
    let Some(after) = lead[open + 1..].find(close).map(|c| open + 1 + c + 1) else { return lead };
    lead[after..].trim_start().trim_start_matches(['.', '-', '—', '–', ':']).trim_start()
}

/// Up to the first full stop that ends a sentence (not `U.S.`, `Inc.`, `$1.5`).
fn first_sentence(text: &str) -> &str {
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = text[i + 1..].chars().next();
        let after = text[i + 1..].trim_start().chars().next();
        let word_before = text[..i].rsplit(char::is_whitespace).next().unwrap_or("");
        let abbreviation = word_before.len() <= 3
            && word_before.chars().next().is_some_and(char::is_uppercase)
            || word_before.contains('.')
            || [
                "Inc", "Corp", "Co", "Ltd", "Mr", "Ms", "Dr", "St", "No", "vs", "Jan", "Feb", "Aug", "Sept",
                "Oct", "Nov", "Dec",
            ]
            .contains(&word_before);
        let ends = next.is_none_or(char::is_whitespace)
            && after.is_none_or(|a| a.is_uppercase() || a == '"' || a == '“')
            && !abbreviation
            && i > 0
            && !bytes[i - 1].is_ascii_digit();
        if ends {
            return &text[..=i];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(shaped("Oracle to spend $40 billion on Nvidia chips for OpenAI's Texas data centre"));
        assert!(!shaped("Home"));
        assert!(!shaped("Technology News"));
        assert!(!shaped("HomeMarketsTechnologyOpinion"));
        assert!(!shaped("Related coverage:"));
        assert!(name_shaped("Example Business Times"));
        assert!(!name_shaped("Oracle to spend $40 billion"));
        assert!(dek_shaped("The cloud company says the spending will double its capacity by 2027."));
        assert!(!dek_shaped("Alibaba lifts AI budget to RMB 380 billion"));
    }

    #[test]
    fn site_suffixes() {
        assert_eq!(
            without_site_suffix("Oracle to spend $40 billion on chips | Example News", None),
            "Oracle to spend $40 billion on chips"
        );
        assert_eq!(
            without_site_suffix("Oracle to spend $40 billion on chips - Reuters", None),
            "Oracle to spend $40 billion on chips"
        );
        assert_eq!(
            without_site_suffix("Meta lifts capex - and investors cheer the spending", None),
            "Meta lifts capex - and investors cheer the spending"
        );
    }

    #[test]
    fn proposed_titles() {
        assert_eq!(
            propose("SAN FRANCISCO, June 4 (Reuters) - Oracle will spend about $40 billion on Nvidia chips for OpenAI's data centre in Texas, the Financial Times reported on Friday."),
            "Oracle will spend about $40 billion on Nvidia chips for OpenAI's data centre in Texas"
        );
        assert_eq!(
            propose("Microsoft Corp. expects to spend $80 billion in fiscal 2025 on AI-enabled data centres. More than half is in the U.S."),
            "Microsoft Corp. expects to spend $80 billion in fiscal 2025 on AI-enabled data centres"
        );
        let long = propose("Alibaba Group Holding Ltd plans to spend more than 380 billion yuan on computing power and artificial intelligence infrastructure over the next three years as it pushes to become a leader in the technology, a sum that exceeds its spending over the past decade.");
        assert!(long.chars().count() <= 110, "{long}");
        assert!(
            long.starts_with("Alibaba Group Holding Ltd plans to spend more than 380 billion yuan"),
            "{long}"
        );
    }
}
