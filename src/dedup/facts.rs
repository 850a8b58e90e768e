//! What an article says at its top, for telling the same news from other news: its dateline
//! and agency, its lead, the names and money figures of its opening, its headline's letters,
//! and whether its front matter is one a reader would pick as the story's page. Read from the
//! body dedup compares (furniture left out) and the front matter; nothing here compares two
//! articles.

use super::{near, normal};
use crate::capex::{amount, Commitment, FxTable, Registry};
use crate::content::Page;

/// Words of the opening read for names and figures: the lead and the paragraph after it,
/// where a news story says who, what and how much.
const OPENING_WORDS: usize = 80;
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
    /// What the headline is about: the registry's companies it names (by canonical name, so
    /// `Google` is `alphabet`) and its words that the opening writes as names (`zuckerberg`),
    /// folded, sorted, without repeats.
    pub(crate) subjects: Vec<String>,
    /// The page's `capex:` entries, normalised as the capex stage will.
    pub(crate) commitments: Vec<Commitment>,
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
    /// US dollars per unit of the currency, when the site's rates know it.
    pub(crate) usd_rate: Option<f64>,
}

/// Relative difference within which two amounts are the same figure rounded differently
/// (`$52.4 billion` and `$53 billion`: 1.1 %), but not two figures (`$64 billion` and
/// `$65 billion`: 1.5 %).
const ROUNDING: f64 = 0.015;
/// Relative difference within which amounts in two currencies are one figure converted:
/// outlets convert at the day's rate, the site at its reference rate.
const CONVERSION: f64 = 0.05;

impl Figure {
    /// The same amount up to rounding: two ranges with both ends alike; a range and one amount
    /// alike at either end (`$60-65 billion` and `up to $65 billion`). Amounts in two
    /// currencies are compared in US dollars, within [`CONVERSION`].
    pub(crate) fn same_as(&self, other: &Figure) -> bool {
        let (x, y, allowance) = if self.currency == other.currency {
            (*self, *other, ROUNDING)
        } else {
            match (self.in_usd(), other.in_usd()) {
                (Some(x), Some(y)) => (x, y, CONVERSION),
                _ => return false,
            }
        };
        let near = |a: f64, b: f64| (a - b).abs() < allowance * a.abs().max(b.abs());
        match (x.high, y.high) {
            (Some(h1), Some(h2)) => near(x.low, y.low) && near(h1, h2),
            (Some(h), None) => near(x.low, y.low) || near(h, y.low),
            (None, Some(h)) => near(x.low, y.low) || near(x.low, h),
            (None, None) => near(x.low, y.low),
        }
    }

    fn in_usd(&self) -> Option<Figure> {
        let rate = self.usd_rate?;
        Some(Figure {
            currency: "USD",
            low: self.low * rate,
            high: self.high.map(|h| h * rate),
            usd_rate: Some(1.0),
        })
    }
}

/// Days since 1970-01-01 of a calendar date.
pub(crate) fn day_number(date: jiff::civil::Date) -> i64 {
    date.to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .map_or(0, |z| z.timestamp().as_second().div_euclid(86_400))
}

/// Whether any figure of `a` is the same as one of `b`.
pub(crate) fn share_a_figure(a: &[Figure], b: &[Figure]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.same_as(y)))
}

/// What reading facts needs from the site: its currency rates and company registry.
pub(crate) struct Reading {
    pub(crate) fx: FxTable,
    pub(crate) registry: Registry,
}

impl Reading {
    /// The site's rates and registry.
    pub(crate) fn new(config: &crate::config::Config) -> Reading {
        // A bad `fx:` is reported by the capex stage; the rates here only need to be close.
        Reading { fx: FxTable::new(config.fx.as_ref()).0, registry: Registry::new(&config.companies) }
    }
}

/// Reads an article's facts from its comparable body (furniture left out) and front matter.
pub(crate) fn of(page: &Page, body: &str, site: &Reading) -> Facts {
    let fx = &site.fx;
    let (first, lead_start) = lead_paragraph(body);
    let (dateline, lead_text) = match split_dateline(first) {
        Some((d, lead)) => (Some(d), lead),
        None => (None, first),
    };
    // Only a wire story's lead is ever compared word by word.
    let lead: Vec<u64> = match &dateline {
        Some(_) => words(lead_text).take(LEAD_WORDS).map(hash).collect(),
        None => Vec::new(),
    };
    let lead_offset = lead_start + (first.len() - lead_text.len());
    let rest = body.get(lead_offset..).unwrap_or("");
    let opening = &rest[..byte_after_words(rest, OPENING_WORDS)];
    let title = page.title.as_str();
    let source = page.meta.source.as_ref();
    let outlet = source.and_then(|s| s.name.as_deref()).map(fold_name).filter(|s| !s.is_empty());
    let names = names(opening);
    let real_headline = real_headline(title, opening, outlet.as_deref());
    // A headline that is the page's furniture says nothing about the story: its lead sentence
    // stands in for it.
    let lead_sentence = &lead_text[..byte_after_words(lead_text, LEAD_SENTENCE_WORDS)];
    let headline = if real_headline { title } else { lead_sentence };
    // The opening starts with the lead, so the figures of the lead and its first sentence are
    // the opening's that end early enough.
    let in_opening = money(opening, fx);
    let up_to = |end: usize| in_opening.iter().filter(move |(_, e)| *e <= end).map(|(f, _)| *f);
    let mut figures: Vec<Figure> = money(headline, fx).into_iter().map(|(f, _)| f).collect();
    let main_figures =
        if figures.is_empty() { up_to(lead_sentence.len()).collect() } else { figures.clone() };
    let lead_figures = if dateline.is_some() { up_to(lead_text.len()).collect() } else { Vec::new() };
    figures.extend(in_opening.iter().map(|(f, _)| *f));
    let has_source = source.is_some_and(|s| s.name.is_some() || s.url.is_some());
    Facts {
        agency: dateline.as_ref().map(|d| d.agency.clone()),
        dateline,
        lead,
        title_grams: title_grams(title),
        subjects: subjects(headline, &names, &site.registry),
        commitments: crate::capex::commitments_of(page, &site.registry, fx),
        figures,
        main_figures,
        lead_figures,
        day: page.date.as_ref().map(|d| day_number(d.date)),
        real_headline,
        has_source,
        outlet,
    }
}

/// Paragraphs looked at for the lead: page furniture the comparison could not tell apart
/// (a date line, a byline, a caption) may come before it.
const LEAD_SEARCH: usize = 6;
/// Words a paragraph needs to be a lead when no paragraph opens with a dateline.
const LEAD_MIN_WORDS: usize = 12;

/// The lead paragraph of a Markdown body and its offset in the body: among its first text
/// paragraphs (headings, images, rules, HTML skipped), the first that opens with a dateline,
/// else the first of [`LEAD_MIN_WORDS`] words or more, else the first.
fn lead_paragraph(body: &str) -> (&str, usize) {
    let paragraphs: Vec<(&str, usize)> = text_paragraphs(body).take(LEAD_SEARCH).collect();
    paragraphs
        .iter()
        .find(|(p, _)| split_dateline(p).is_some())
        .or_else(|| paragraphs.iter().find(|(p, _)| p.split_whitespace().count() >= LEAD_MIN_WORDS))
        .or(paragraphs.first())
        .copied()
        .unwrap_or(("", body.len()))
}

/// The text paragraphs of a Markdown body (runs of lines between blank lines that are not a
/// heading, an image, a rule or HTML), each with its offset.
fn text_paragraphs(body: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut offset = 0;
    let mut start: Option<usize> = None;
    let mut lines = body.split_inclusive('\n');
    std::iter::from_fn(move || loop {
        let Some(line) = lines.next() else {
            return start.take().map(|s| trimmed(body, s, body.len()));
        };
        let t = line.trim();
        let line_start = offset;
        offset += line.len();
        match start {
            None => {
                let skip = t.is_empty()
                    || t.starts_with('#')
                    || t.starts_with("![")
                    || t.starts_with('<')
                    || t.chars().all(|c| matches!(c, '-' | '*' | '_' | '=' | ' '));
                if !skip {
                    start = Some(line_start);
                }
            }
            Some(s) if t.is_empty() => {
                start = None;
                return Some(trimmed(body, s, line_start));
            }
            Some(_) => {}
        }
    })
}

/// `body[start..end]` without surrounding whitespace, and where it starts.
fn trimmed(body: &str, start: usize, end: usize) -> (&str, usize) {
    let part = &body[start..end];
    let lead = part.len() - part.trim_start().len();
    (part.trim(), start + lead)
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
    let folded = normal::normalize(text);
    let list: Vec<String> = folded.split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
    list.into_iter()
}

/// A name as compared: lower case, letters and digits only (`Hong Kong` → `hongkong`).
pub(crate) fn fold_name(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn hash(word: impl AsRef<[u8]>) -> u64 {
    xxhash_rust::xxh3::xxh3_64(word.as_ref())
}

/// Letter trigrams of a headline's words, each word padded at both ends: close for
/// `data centres` and `data-center`, `invest` and `investment`, whatever the word order.
fn title_grams(title: &str) -> Vec<u64> {
    let mut grams = Vec::new();
    let folded = normal::normalize(title);
    let mut padded: Vec<char> = Vec::new();
    let mut buf = [0u8; 12];
    for w in folded.split(' ').filter(|w| !w.is_empty()) {
        padded.clear();
        padded.push('^');
        padded.extend(w.chars());
        padded.push('$');
        for g in padded.windows(3) {
            let mut n = 0;
            for c in g {
                n += c.encode_utf8(&mut buf[n..]).len();
            }
            grams.push(hash(&buf[..n]));
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

/// Calendar words, capitalised without being names.
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

/// Words that open sentences without being names (English and Spanish function words and
/// the commonest sentence openers of news copy).
const OPENERS: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "as",
    "after",
    "before",
    "while",
    "but",
    "and",
    "or",
    "if",
    "when",
    "since",
    "under",
    "over",
    "about",
    "according",
    "also",
    "some",
    "many",
    "most",
    "other",
    "others",
    "more",
    "both",
    "all",
    "one",
    "two",
    "three",
    "there",
    "here",
    "last",
    "next",
    "new",
    "shares",
    "analysts",
    "investors",
    "el",
    "la",
    "los",
    "las",
    "un",
    "una",
    "en",
    "con",
    "por",
    "para",
    "según",
    "tras",
    "desde",
    "pero",
    "y",
    "su",
    "sus",
    "este",
    "esta",
    "estos",
    "estas",
];

/// Capitalised words that are not calendar words or sentence openers, and acronyms: the
/// people, companies, places and products a story names. Folded, sorted, without repeats.
fn names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let token = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let token = token.strip_suffix("'s").or_else(|| token.strip_suffix("’s")).unwrap_or(token);
        if token.chars().next().is_some_and(char::is_uppercase) {
            let letters = token.chars().filter(|c| c.is_alphabetic()).count();
            let folded = fold_name(token);
            let common =
                CALENDAR.contains(&folded.as_str()) || (sentence_start && OPENERS.contains(&folded.as_str()));
            if letters >= 2 && !common {
                out.push(folded);
            }
        }
        let end = raw.trim_end_matches(['"', '\'', '”', '’', ')', '*', '_']);
        sentence_start = end.ends_with(['.', '!', '?', ':']) && !is_abbreviation(end);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Capitalised words that name no one thing in a headline about AI and capital spending.
const GENERIC: &[&str] = &[
    "ai",
    "us",
    "usa",
    "uk",
    "eu",
    "un",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "ipo",
    "gdp",
    "gpu",
    "gpus",
    "cpu",
    "cpus",
    "etf",
    "fy",
    "q1",
    "q2",
    "q3",
    "q4",
    "h1",
    "h2",
    "big",
    "tech",
    "update",
    "exclusive",
    "breaking",
    "analysis",
    "explainer",
    "factbox",
    "live",
    "report",
    "opinion",
    "ia",
    "ee",
    "uu",
];

/// The companies a headline names, and its words that its opening writes as names, except
/// generic ones.
fn subjects(title: &str, names: &[String], registry: &Registry) -> Vec<String> {
    let companies = registry.mentions(title).into_iter().filter_map(|m| registry.get(m.company));
    let mut out: Vec<String> = companies.map(|c| fold_name(&c.name)).collect();
    out.extend(
        title
            .split_whitespace()
            .map(|raw| {
                let token = raw.trim_matches(|c: char| !c.is_alphanumeric());
                let token = token.strip_suffix("'s").or_else(|| token.strip_suffix("’s")).unwrap_or(token);
                fold_name(token)
            })
            .filter(|w| !GENERIC.contains(&w.as_str()) && names.binary_search(w).is_ok()),
    );
    out.sort_unstable();
    out.dedup();
    out
}

/// `U.S.`, `Corp.`, `Inc.`, `Jan.`: a full stop that ends no sentence.
fn is_abbreviation(token: &str) -> bool {
    let t = token.trim_end_matches('.');
    t.contains('.') || (t.len() <= 4 && t.chars().next().is_some_and(char::is_uppercase))
}

/// Money figures in a text, each with the offset just after it.
fn money(text: &str, fx: &FxTable) -> Vec<(Figure, usize)> {
    amount::scan(text)
        .into_iter()
        .filter_map(|m| {
            let currency = m.currency?;
            let usd_rate = fx.rate(currency).map(|r| r.usd_per_unit);
            Some((Figure { currency, low: m.low, high: m.high, usd_rate }, m.end))
        })
        .filter(|(f, _)| f.low > 0.0)
        .collect()
}

/// Whether a headline reads as the story's own: three words or more, not the outlet's name,
/// and sharing a word of four letters or more with the opening (a menu, a banner, the site's
/// name or another story's teaser shares none).
fn real_headline(title: &str, opening: &str, outlet: Option<&str>) -> bool {
    let folded = normal::normalize(title);
    let title_words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if title_words.len() < 3 || outlet.is_some_and(|o| fold_name(title) == o) {
        return false;
    }
    let mut opening_words = near::word_hashes(opening);
    opening_words.sort_unstable();
    title_words
        .iter()
        .filter(|w| w.chars().count() >= 4)
        .any(|w| opening_words.binary_search(&near::hash_word(w)).is_ok())
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
    fn the_lead_is_found_below_furniture_the_comparison_kept() {
        let body = "# Markets\n\nFeb 24, 2025 3:10 AM GMT\n\nBy Lin Wei\n\nHANGZHOU, Feb 24 (Pacific Newswire) - Alibaba will invest more.\n\nMore text follows here.\n";
        let (lead, at) = lead_paragraph(body);
        assert!(lead.starts_with("HANGZHOU"), "{lead}");
        assert_eq!(&body[at..at + 8], "HANGZHOU");
        let plain = "Short line\n\nA longer opening paragraph that says what happened, who did it and how much money it involved.\n";
        assert!(lead_paragraph(plain).0.starts_with("A longer"));
        assert_eq!(lead_paragraph("").0, "");
    }

    #[test]
    fn figures_match_up_to_rounding() {
        let f = |low: f64, high: Option<f64>| Figure { currency: "USD", low, high, usd_rate: Some(1.0) };
        assert!(f(52.4e9, None).same_as(&f(53e9, None)));
        assert!(!f(50e9, None).same_as(&f(53e9, None)));
        assert!(f(60e9, Some(65e9)).same_as(&f(65e9, None)));
        assert!(!f(60e9, Some(65e9)).same_as(&f(64e9, Some(72e9))));
        assert!(!f(64e9, Some(72e9)).same_as(&f(65e9, None)));
        assert!(!f(10e9, None).same_as(&f(20e9, None)));
        let yuan = Figure { currency: "CNY", low: 380e9, high: None, usd_rate: Some(0.1396) };
        assert!(!yuan.same_as(&f(380e9, None)));
        // Converted at the day's rate by one outlet, at the site's reference rate here.
        assert!(yuan.same_as(&f(52e9, None)));
        assert!(!yuan.same_as(&f(60e9, None)));
        assert!(!Figure { usd_rate: None, ..yuan }.same_as(&f(53e9, None)));
    }

    #[test]
    fn names_skip_sentence_openers_and_calendar_words() {
        let found = names("The company said on Friday that Microsoft and OpenAI would build in Texas. Analysts at UBS agreed. Alibaba's shares rose.");
        assert_eq!(found, ["alibaba", "microsoft", "openai", "texas", "ubs"]);
    }

    #[test]
    fn subjects_are_headline_words_the_text_names() {
        let opening = "Meta Platforms plans to spend as much as $65 billion on AI this year, Mark Zuckerberg said in a post.";
        let none = Registry::new(&[]);
        let s = subjects("Meta to spend up to $65 billion on AI, Zuckerberg says", &names(opening), &none);
        assert_eq!(s, ["meta", "zuckerberg"]);
        assert!(subjects("Big Tech's AI Spending Tops $300 Billion", &names(opening), &none).is_empty());
        // A company the registry knows is named by its canonical name.
        let registry = Registry::new(&[crate::config::CompanyConfig {
            name: "Alphabet".into(),
            aliases: vec!["Google".into()],
            ..Default::default()
        }]);
        let s =
            subjects("Google to spend $75 billion", &names("Google said it would spend more."), &registry);
        assert_eq!(s, ["alphabet", "google"]);
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
