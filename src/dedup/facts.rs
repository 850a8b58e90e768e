//! What an article says at its top, for telling the same news from other news: its dateline
//! and agency, its lead, the names and money figures of its opening, its headline's letters,
//! and whether its front matter is one a reader would pick as the story's page. Read from the
//! body dedup compares (furniture left out) and the front matter; nothing here compares two
//! articles.

use super::normal;
use crate::capex::amount;
use crate::content::Page;

/// Words of the opening read for names and figures: the lead and the paragraph or two after
/// it, where a news story says who, what and how much.
const OPENING_WORDS: usize = 150;
/// Words of a lead compared between wire versions.
const LEAD_WORDS: usize = 60;
/// Words of the lead that count as its first sentence when the headline has no figure.
const LEAD_SENTENCE_WORDS: usize = 40;

/// What one article says, as far as comparing stories needs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    /// The wire dateline that opens the body: `BEIJING, March 3 (Agency) -`.
    pub(crate) dateline: Option<Dateline>,
    /// Hashes of the lead paragraph's words after the dateline (at most [`LEAD_WORDS`]).
    pub(crate) lead: Vec<u64>,
    /// Letter trigrams of the headline's words, hashed, sorted, without repeats.
    pub(crate) title_grams: Vec<u64>,
    /// Names in the opening (capitalised words inside a sentence, acronyms), hashed, sorted,
    /// without repeats.
    pub(crate) names: Vec<u64>,
    /// Money figures in the headline and the opening.
    pub(crate) figures: Vec<Figure>,
    /// The figures the story is about: the headline's, else its lead sentence's.
    pub(crate) main_figures: Vec<Figure>,
    /// Money figures in the lead paragraph.
    pub(crate) lead_figures: Vec<Figure>,
    /// The page date as a day number (days since 1970-01-01).
    pub(crate) day: Option<i64>,
    /// The headline reads as this story's headline (not a site name, a label, a menu, or
    /// another story's teaser).
    pub(crate) real_headline: bool,
    /// `source.name` or `source.url` is set.
    pub(crate) has_source: bool,
    /// The agency the text credits (its dateline), folded.
    pub(crate) agency: Option<String>,
    /// The outlet that published this copy (`source.name`), folded.
    pub(crate) outlet: Option<String>,
}

/// A wire dateline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// Folded place names (`hong kong`, `shanghai` for `HONG KONG/SHANGHAI`); empty when the
    /// agency alone opens the text (`(Agency) --`).
    pub(crate) places: Vec<String>,
    /// The agency, folded.
    pub(crate) agency: String,
}

/// A money amount, in its currency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Figure {
    /// ISO 4217 code.
    pub(crate) currency: &'static str,
    /// The amount, or the low end of a range.
    pub(crate) low: f64,
    /// The high end of a range.
    pub(crate) high: Option<f64>,
}

/// Relative difference within which two amounts are the same figure rounded differently
/// (`$52.4 billion` and `$53 billion`, `RMB 380 billion` and `380bn yuan`).
const ROUNDING: f64 = 0.03;

impl Figure {
    /// The same amount in the same currency, up to rounding: any end of one range within
    /// [`ROUNDING`] of any end of the other (`$60-65 billion` and `up to $65 billion`).
    pub(crate) fn same_as(&self, other: &Figure) -> bool {
        if self.currency != other.currency {
            return false;
        }
        let ends = |f: &Figure| [Some(f.low), f.high];
        ends(self)
            .iter()
            .flatten()
            .any(|&a| ends(other).iter().flatten().any(|&b| (a - b).abs() <= ROUNDING * a.abs().max(b.abs())))
    }
}

/// Whether any figure of `a` is the same as one of `b`.
pub(crate) fn share_a_figure(a: &[Figure], b: &[Figure]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.same_as(y)))
}

/// Reads an article's facts from its comparable body (furniture left out) and front matter.
pub(crate) fn of(page: &Page, body: &str) -> Facts {
    let (first, after_first) = first_paragraph(body);
    let (dateline, lead_text) = match split_dateline(first) {
        Some((d, lead)) => (Some(d), lead),
        None => (None, first),
    };
    let lead: Vec<u64> = words(lead_text).take(LEAD_WORDS).map(|w| hash(&w)).collect();
    let opening = opening(lead_text, after_first);
    let title = page.title.as_str();
    let mut figures = money(title);
    let main_figures = if figures.is_empty() {
        let sentence_end = byte_after_words(lead_text, LEAD_SENTENCE_WORDS);
        money(&lead_text[..sentence_end])
    } else {
        figures.clone()
    };
    figures.extend(money(&opening));
    let source = page.meta.source.as_ref();
    let outlet = source.and_then(|s| s.name.as_deref()).map(fold_name).filter(|s| !s.is_empty());
    let has_source = source.is_some_and(|s| s.name.is_some() || s.url.is_some());
    Facts {
        agency: dateline.as_ref().map(|d| d.agency.clone()),
        dateline,
        lead,
        title_grams: title_grams(title),
        names: names(&opening),
        figures,
        main_figures,
        lead_figures: money(lead_text),
        day: page.date.as_ref().map(|d| d.timestamp.as_second().div_euclid(86_400)),
        real_headline: real_headline(title, &opening, outlet.as_deref()),
        has_source,
        outlet,
    }
}

/// The first paragraph of a Markdown body that is text (headings, images, rules, HTML and
/// blank lines skipped), and the rest of the body after it.
fn first_paragraph(body: &str) -> (&str, &str) {
    let mut start = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim();
        let end = offset + line.len();
        match start {
            None => {
                let skip = t.is_empty()
                    || t.starts_with('#')
                    || t.starts_with("![")
                    || t.starts_with('<')
                    || t.chars().all(|c| matches!(c, '-' | '*' | '_' | '=' | ' '));
                if !skip {
                    start = Some(offset);
                }
            }
            Some(s) if t.is_empty() => return (body[s..offset].trim(), &body[end..]),
            Some(_) => {}
        }
        offset = end;
    }
    match start {
        Some(s) => (body[s..].trim(), ""),
        None => ("", ""),
    }
}

/// A dateline at the start of a paragraph, and the lead after it: `PLACE[, date] (Agency) -`
/// or `(Agency) --`. The agency is a short capitalised name without digits; the place, when
/// there is one, a few capitalised words.
pub(crate) fn split_dateline(paragraph: &str) -> Option<(Dateline, &str)> {
    let head_end = paragraph.char_indices().nth(160).map_or(paragraph.len(), |(i, _)| i);
    let open = paragraph[..head_end].find('(')?;
    let close = open + paragraph[open..head_end].find(')')?;
    let agency_text = paragraph[open + 1..close].trim();
    let agency_words: Vec<&str> = agency_text.split_whitespace().collect();
    let agency_ok = (1..=5).contains(&agency_words.len())
        && agency_text.len() <= 40
        && agency_text.chars().next().is_some_and(char::is_uppercase)
        && !agency_text.chars().any(|c| c.is_ascii_digit());
    if !agency_ok {
        return None;
    }
    let after = paragraph[close + 1..].trim_start_matches([' ', '*', '_']);
    let after = after.strip_prefix('\\').unwrap_or(after);
    let dash = ["--", "—", "–", "-", ":"].iter().find(|d| after.starts_with(*d))?;
    let lead = &after[dash.len()..];
    if !lead.starts_with(char::is_whitespace) {
        return None;
    }
    let place_text: String = paragraph[..open].chars().filter(|c| !matches!(c, '*' | '_')).collect();
    let mut segments: Vec<&str> =
        place_text.trim().trim_end_matches(',').split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    // The date part of `BEIJING, March 3`, `MADRID, 24 Feb.`.
    while segments.last().is_some_and(|s| s.chars().any(|c| c.is_ascii_digit())) {
        segments.pop();
    }
    let place_words: Vec<&str> = segments.iter().flat_map(|s| s.split_whitespace()).collect();
    let place_ok = place_words.len() <= 6
        && place_words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c == '/'));
    if !place_ok {
        return None;
    }
    let places = segments
        .first()
        .map(|first| first.split('/').map(fold_name).filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    Some((Dateline { places, agency: fold_name(agency_text) }, lead.trim_start()))
}

/// The opening: the lead and the paragraphs after it, up to [`OPENING_WORDS`] words.
fn opening<'a>(lead: &'a str, rest: &'a str) -> String {
    let mut text = String::from(lead);
    let mut count = words(lead).count();
    for par in rest.split("\n\n") {
        if count >= OPENING_WORDS {
            break;
        }
        let t = par.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with('|') || t.starts_with("```") {
            continue;
        }
        text.push_str("\n\n");
        let end = byte_after_words(t, OPENING_WORDS - count);
        text.push_str(&t[..end]);
        count += words(&t[..end]).count();
    }
    text
}

/// The byte offset just after the first `n` whitespace-separated words of `text`.
fn byte_after_words(text: &str, n: usize) -> usize {
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                seen += 1;
                if seen == n {
                    return i;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    text.len()
}

/// The normalised words of a text (as both passes fold them).
fn words(text: &str) -> impl Iterator<Item = String> {
    normal::normalize(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// A name as compared: lower case, letters and digits only (`Hong Kong` → `hongkong`).
pub(crate) fn fold_name(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn hash(word: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(word.as_bytes())
}

/// Letter trigrams of a headline's words, each word padded at both ends: close for
/// `data centres` and `data-center`, `invest` and `investment`, whatever the word order.
fn title_grams(title: &str) -> Vec<u64> {
    let mut grams = Vec::new();
    for w in words(title) {
        let padded: Vec<char> = std::iter::once('^').chain(w.chars()).chain(std::iter::once('$')).collect();
        for g in padded.windows(3) {
            let s: String = g.iter().collect();
            grams.push(hash(&s));
        }
    }
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Dice coefficient of two sorted sets: how close two headlines are.
pub(crate) fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Capitalised words that start no sentence and are no calendar word, and acronyms: the
/// people, companies, places and products a story names.
fn names(text: &str) -> Vec<u64> {
    const CALENDAR: &[&str] = &[
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
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ];
    let mut out = Vec::new();
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let token = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let token = token.strip_suffix("'s").or_else(|| token.strip_suffix("’s")).unwrap_or(token);
        let letters = token.chars().filter(|c| c.is_alphabetic()).count();
        let acronym = letters >= 2 && token.chars().all(|c| !c.is_lowercase());
        let capital = token.chars().next().is_some_and(char::is_uppercase);
        let folded = fold_name(token);
        if letters >= 2 && (acronym || (capital && !sentence_start)) && !CALENDAR.contains(&folded.as_str()) {
            out.push(hash(&folded));
        }
        let end = raw.trim_end_matches(['"', '\'', '”', '’', ')', '*', '_']);
        sentence_start = end.ends_with(['.', '!', '?', ':']) && !is_abbreviation(end);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// `U.S.`, `Corp.`, `Inc.`, `Jan.`: a full stop that ends no sentence.
fn is_abbreviation(token: &str) -> bool {
    let t = token.trim_end_matches('.');
    t.contains('.') || (t.len() <= 4 && t.chars().next().is_some_and(char::is_uppercase))
}

/// Money figures in a text.
fn money(text: &str) -> Vec<Figure> {
    amount::scan(text)
        .into_iter()
        .filter_map(|m| Some(Figure { currency: m.currency?, low: m.low, high: m.high }))
        .filter(|f| f.low > 0.0)
        .collect()
}

/// Whether a headline reads as the story's own: three words or more, not the outlet's name,
/// and sharing a word of four letters or more with the opening (a menu, a banner, the site's
/// name or another story's teaser shares none).
fn real_headline(title: &str, opening: &str, outlet: Option<&str>) -> bool {
    let title_words: Vec<String> = words(title).collect();
    if title_words.len() < 3 || outlet.is_some_and(|o| fold_name(title) == o) {
        return false;
    }
    let opening_words: std::collections::HashSet<String> = words(opening).collect();
    title_words.iter().filter(|w| w.chars().count() >= 4).any(|w| opening_words.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dateline(text: &str) -> Option<(Vec<String>, String, String)> {
        split_dateline(text).map(|(d, lead)| (d.places, d.agency, lead.to_string()))
    }

    #[test]
    fn datelines_in_the_forms_agencies_write() {
        let cases = [
            ("BEIJING, March 3 (Meridian Wire) - Alibaba said", vec!["beijing"], "meridianwire"),
            ("HONG KONG/SHANGHAI, Feb 24 (Reuters) - Alibaba", vec!["hongkong", "shanghai"], "reuters"),
            ("BENGALURU, India, Jan 7 (AFP) — Microsoft will", vec!["bengaluru"], "afp"),
            ("(Bloomberg) -- Meta Platforms Inc. plans", vec![], "bloomberg"),
            ("**SEOUL** (Yonhap) -- Samsung", vec!["seoul"], "yonhap"),
            ("MADRID, 24 Feb. (EUROPA PRESS) - Telefónica", vec!["madrid"], "europapress"),
            ("SAN FRANCISCO (AP) \\- OpenAI", vec!["sanfrancisco"], "ap"),
        ];
        for (text, places, agency) in cases {
            let (p, a, lead) = dateline(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(p, places, "{text}");
            assert_eq!(a, agency, "{text}");
            assert!(lead.chars().next().is_some_and(char::is_uppercase), "{text}: {lead}");
        }
    }

    #[test]
    fn sentences_with_brackets_are_no_datelines() {
        for text in [
            "Alibaba Group (BABA) said on Monday it would spend more.",
            "The company (which declined to comment) - as usual - said nothing.",
            "Capital spending (capex) - the money spent on buildings - rose.",
            "Shares of the company rose 3% (to $120) - the most in a month.",
            "It said (in 2025) - nothing more.",
        ] {
            assert_eq!(dateline(text), None, "{text}");
        }
    }

    #[test]
    fn figures_match_up_to_rounding() {
        let f = |low: f64, high: Option<f64>| Figure { currency: "USD", low, high };
        assert!(f(52.4e9, None).same_as(&f(53e9, None)));
        assert!(!f(50e9, None).same_as(&f(53e9, None)));
        assert!(f(60e9, Some(65e9)).same_as(&f(65e9, None)));
        assert!(!f(10e9, None).same_as(&f(20e9, None)));
        let yuan = Figure { currency: "CNY", low: 380e9, high: None };
        assert!(!yuan.same_as(&f(380e9, None)));
    }

    #[test]
    fn names_skip_sentence_starts_and_calendar_words() {
        let found = names("The company said on Friday that Microsoft and OpenAI would build in Texas. Analysts at UBS agreed.");
        let expected: Vec<u64> = {
            let mut v: Vec<u64> = ["microsoft", "openai", "texas", "ubs"].iter().map(|w| hash(w)).collect();
            v.sort_unstable();
            v
        };
        assert_eq!(found, expected);
    }

    #[test]
    fn headlines_a_reader_would_pick() {
        let opening = "Microsoft plans to spend $80 billion on data centres in its fiscal year.";
        assert!(real_headline("Microsoft to spend $80 billion on AI data centres", opening, None));
        assert!(!real_headline("Home", opening, None));
        assert!(!real_headline("Markets Technology World", opening, None));
        assert!(!real_headline("Harbour Business Times", opening, Some("harbourbusinesstimes")));
        assert!(!real_headline("Oil prices slip as inventories grow", opening, None));
    }

    #[test]
    fn headline_closeness_survives_spelling_and_word_forms() {
        let a = title_grams("Microsoft to invest $80 billion in AI data centres");
        let b = title_grams("Microsoft plans $80bn investment in AI data centers");
        let c = title_grams("Oil prices slip as inventories grow");
        assert!(dice(&a, &b) > 0.5, "{}", dice(&a, &b));
        assert!(dice(&a, &c) < 0.2, "{}", dice(&a, &c));
    }
}
