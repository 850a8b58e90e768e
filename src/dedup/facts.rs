//! What an article says at its top, for telling the same news from other news: its dateline
//! and agency, its lead, the names and money figures of its opening, its headline's letters,
//! and whether its front matter is one a reader would pick as the story's page. Read from the
//! body dedup compares (furniture left out) and the front matter; nothing here compares two
//! articles.

use super::normal;
use crate::capex::{amount, Commitment, FxTable, Registry};
use crate::content::Page;
use std::sync::{Arc, OnceLock};

/// Words of the opening read for names and figures: the lead and the paragraph after it,
/// where a news story says who, what and how much.
const OPENING_WORDS: usize = 80;
/// Words of a lead compared between wire versions.
const LEAD_WORDS: usize = 60;
/// Words of the lead that count as its first sentence when the headline has no figure.
const LEAD_SENTENCE_WORDS: usize = 40;

/// What one article says, as far as comparing stories needs. What every article needs to
/// find candidates (dateline, lead, main figures, day) is read at once; the rest (names,
/// subjects, the opening's figures, commitments, headline letters, whether the headline is
/// real) only when a rule looks at the article, which is rare: reading it for every article
/// of a large site would cost as much as the shingles.
#[derive(Debug, Default)]
pub(crate) struct Facts<'a> {
    /// What was read, shared with the next preview rebuild while the article is unchanged.
    known: Arc<Known>,
    /// Where the rest is read from, when asked for.
    from: Option<(&'a Page, &'a str, &'a Reading)>,
}

/// What has been read of one article: made from its file's text and path and the site's
/// config alone (never from other articles), so a preview rebuild takes it over for every
/// article whose text is the same, with whatever parts earlier rebuilds read on demand.
#[derive(Debug, Default)]
pub(crate) struct Known {
    /// The wire dateline that opens the body: `BEIJING, March 3 (Agency) -`.
    pub(crate) dateline: Option<Dateline>,
    /// Hashes of the lead paragraph's words after the dateline (at most [`LEAD_WORDS`]), for
    /// an article with a dateline.
    pub(crate) lead: Vec<u64>,
    /// Money figures in the lead paragraph, for an article with a dateline.
    pub(crate) lead_figures: Vec<Figure>,
    /// The figures the story is about: the headline's, else its lead sentence's.
    pub(crate) main_figures: Vec<Figure>,
    /// The page date as a day number (days since 1970-01-01).
    pub(crate) day: Option<i64>,
    /// `source.name` or `source.url` is set.
    pub(crate) has_source: bool,
    /// The agency the text credits (its dateline), folded.
    pub(crate) agency: Option<String>,
    /// The outlet that published this copy (`source.name`), folded.
    pub(crate) outlet: Option<String>,
    /// The byte range of the lead's text in the body (after its dateline).
    pub(crate) lead_text: std::ops::Range<usize>,
    /// The rest, each part read when a rule first asks for it: most candidate pairs are told
    /// apart by their subjects, so few articles need their figures, commitments or headline
    /// letters.
    pub(crate) names: OnceLock<Names>,
    /// Money figures in the headline and the opening.
    pub(crate) figures: OnceLock<Vec<Figure>>,
    /// The page's `capex:` entries, normalised as the capex stage will.
    pub(crate) commitments: OnceLock<Vec<Commitment>>,
    /// Letter trigrams of the headline's words, hashed, sorted, without repeats.
    pub(crate) title_grams: OnceLock<Vec<u64>>,
    /// The keys related coverage files the article under, for the group (language) they
    /// were made for (see `related::links`).
    pub(crate) related_keys: OnceLock<(u32, Vec<u64>)>,
}

impl std::ops::Deref for Facts<'_> {
    type Target = Known;
    fn deref(&self) -> &Known {
        &self.known
    }
}

impl From<Known> for Facts<'_> {
    fn from(known: Known) -> Self {
        Facts { known: Arc::new(known), from: None }
    }
}

/// Whether an article's headline is real, and what it is about.
#[derive(Debug, Clone, Default)]
pub(crate) struct Names {
    /// The headline reads as this story's headline (not a site name, a label, a menu, or
    /// another story's teaser).
    pub(crate) real_headline: bool,
    /// What the headline is about: the registry's companies it names (by canonical name, so
    /// `Google` is `alphabet`) and its words that the opening writes as names (`zuckerberg`),
    /// folded, sorted, without repeats. A headline that is not real is replaced by the lead
    /// sentence.
    pub(crate) subjects: Vec<String>,
}

impl Facts<'_> {
    /// The lead's text and the opening (the lead and what follows, [`OPENING_WORDS`] words).
    fn texts(&self) -> Option<(&Page, &str, &str, &Reading)> {
        let (page, body, site) = self.from?;
        let lead = body.get(self.lead_text.clone()).unwrap_or("");
        let rest = body.get(self.lead_text.start..).unwrap_or("");
        Some((page, lead, &rest[..byte_after_words(rest, OPENING_WORDS)], site))
    }

    fn names(&self) -> &Names {
        self.names.get_or_init(|| {
            let Some((page, lead, opening, site)) = self.texts() else { return Names::default() };
            let outlet = page.meta.source.as_ref().and_then(|s| s.name.as_deref()).map(fold_name);
            let read = read_opening(opening);
            let real_headline = real_headline(&page.title, &read, outlet.as_deref());
            let headline = headline(page, lead, real_headline);
            Names { real_headline, subjects: subjects(headline, &read.names, &site.registry) }
        })
    }

    pub(crate) fn real_headline(&self) -> bool {
        self.names().real_headline
    }

    pub(crate) fn subjects(&self) -> &[String] {
        &self.names().subjects
    }

    pub(crate) fn figures(&self) -> &[Figure] {
        self.figures.get_or_init(|| {
            let Some((page, lead, opening, site)) = self.texts() else { return Vec::new() };
            let headline = headline(page, lead, self.real_headline());
            let mut figures: Vec<Figure> = money(headline, &site.fx).into_iter().map(|(f, _)| f).collect();
            figures.extend(money(opening, &site.fx).into_iter().map(|(f, _)| f));
            figures
        })
    }

    pub(crate) fn commitments(&self) -> &[Commitment] {
        self.commitments.get_or_init(|| match self.from {
            Some((page, _, site)) => crate::capex::commitments_of(page, &site.registry, &site.fx),
            None => Vec::new(),
        })
    }

    pub(crate) fn title_grams(&self) -> &[u64] {
        self.title_grams
            .get_or_init(|| self.from.map(|(page, _, _)| title_grams(&page.title)).unwrap_or_default())
    }
}

/// What the story is about in a line: the page's title, or the lead's first sentence when the
/// title is the page's furniture.
fn headline<'t>(page: &'t Page, lead: &'t str, real: bool) -> &'t str {
    if real {
        &page.title
    } else {
        &lead[..byte_after_words(lead, LEAD_SENTENCE_WORDS)]
    }
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
#[derive(Debug)]
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

/// The lead of a body: its paragraph, where it starts in the body, the dateline it opens
/// with and the text after that dateline.
struct Lead<'b> {
    paragraph: &'b str,
    at: usize,
    dateline: Option<Dateline>,
    text: &'b str,
}

fn lead_of(body: &str) -> Lead<'_> {
    let (paragraph, at) = lead_paragraph(body);
    match split_dateline(paragraph) {
        Some((d, text)) => Lead { paragraph, at, dateline: Some(d), text },
        None => Lead { paragraph, at, dateline: None, text: paragraph },
    }
}

/// The byte range of the lead's text in the body: the end of its paragraph (the text after
/// any dateline).
fn lead_range(body: &str, lead: &Lead<'_>) -> std::ops::Range<usize> {
    let start = (lead.at + lead.paragraph.len().saturating_sub(lead.text.len())).min(body.len());
    start..(start + lead.text.len()).min(body.len())
}

/// Reads what every article needs from its body and front matter; the rest waits until a
/// rule asks (the names, figures, commitments and headline letters of [`Facts`]).
pub(crate) fn of<'a>(page: &'a Page, body: &'a str, site: &'a Reading) -> Facts<'a> {
    let fx = &site.fx;
    let lead = lead_of(body);
    // Only a wire story's lead is ever compared word by word.
    let (lead_words, lead_figures) = match &lead.dateline {
        Some(_) => (
            words(lead.text).take(LEAD_WORDS).map(hash).collect(),
            money(lead.text, fx).into_iter().map(|(f, _)| f).collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let mut main_figures: Vec<Figure> = money(&page.title, fx).into_iter().map(|(f, _)| f).collect();
    if main_figures.is_empty() {
        let sentence = &lead.text[..byte_after_words(lead.text, LEAD_SENTENCE_WORDS)];
        main_figures = money(sentence, fx).into_iter().map(|(f, _)| f).collect();
    }
    let source = page.meta.source.as_ref();
    let lead_text = lead_range(body, &lead);
    let known = Known {
        agency: lead.dateline.as_ref().map(|d| d.agency.clone()),
        dateline: lead.dateline,
        lead: lead_words,
        lead_figures,
        main_figures,
        day: page.date.as_ref().map(|d| day_number(d.date)),
        has_source: source.is_some_and(|s| s.name.is_some() || s.url.is_some()),
        outlet: source.and_then(|s| s.name.as_deref()).map(fold_name).filter(|s| !s.is_empty()),
        lead_text,
        ..Known::default()
    };
    Facts { known: Arc::new(known), from: Some((page, body, site)) }
}

/// The facts of an article read before (by [`of`], from the same text and config), to be
/// read further from `page` and `body` when a rule asks.
pub(crate) fn known<'a>(known: Arc<Known>, page: &'a Page, body: &'a str, site: &'a Reading) -> Facts<'a> {
    Facts { known, from: Some((page, body, site)) }
}

impl Facts<'_> {
    /// What has been read, to keep for the next rebuild.
    pub(crate) fn kept(&self) -> Arc<Known> {
        self.known.clone()
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
    let bytes = text.as_bytes();
    let mut seen = 0;
    let mut in_word = false;
    for (i, &b) in bytes.iter().enumerate() {
        // Read by bytes: a char is decoded only where one beyond ASCII starts (its other
        // bytes are inside it).
        let white = match b {
            0..=0x7f => matches!(b, b' ' | b'\t'..=b'\r'),
            0x80..=0xbf => continue,
            _ => text.get(i..).and_then(|rest| rest.chars().next()).is_some_and(char::is_whitespace),
        };
        if white {
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

pub(crate) fn hash(word: impl AsRef<[u8]>) -> u64 {
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

/// Calendar words, capitalised without being names (sorted: looked up by binary search).
const CALENDAR: &[&str] = &[
    "abril",
    "agosto",
    "apr",
    "april",
    "aug",
    "august",
    "dec",
    "december",
    "diciembre",
    "domingo",
    "enero",
    "feb",
    "febrero",
    "february",
    "friday",
    "jan",
    "january",
    "jueves",
    "jul",
    "julio",
    "july",
    "jun",
    "june",
    "junio",
    "lunes",
    "mar",
    "march",
    "martes",
    "marzo",
    "may",
    "mayo",
    "miércoles",
    "monday",
    "nov",
    "november",
    "noviembre",
    "oct",
    "october",
    "octubre",
    "saturday",
    "sep",
    "sept",
    "september",
    "septiembre",
    "sunday",
    "sábado",
    "thursday",
    "tuesday",
    "viernes",
    "wednesday",
];

/// Words that open sentences without being names (English and Spanish function words and
/// the commonest sentence openers of news copy; sorted).
const OPENERS: &[&str] = &[
    "a",
    "about",
    "according",
    "after",
    "all",
    "also",
    "an",
    "analysts",
    "and",
    "as",
    "at",
    "before",
    "both",
    "but",
    "by",
    "con",
    "desde",
    "el",
    "en",
    "esta",
    "estas",
    "este",
    "estos",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "i",
    "if",
    "in",
    "investors",
    "it",
    "its",
    "la",
    "las",
    "last",
    "los",
    "many",
    "more",
    "most",
    "new",
    "next",
    "on",
    "one",
    "or",
    "other",
    "others",
    "our",
    "over",
    "para",
    "pero",
    "por",
    "según",
    "shares",
    "she",
    "since",
    "some",
    "su",
    "sus",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "three",
    "tras",
    "two",
    "un",
    "una",
    "under",
    "we",
    "when",
    "while",
    "with",
    "y",
    "you",
];

/// The words of an opening, read once: the names it writes (capitalised words that are not
/// calendar words or sentence openers, and acronyms: the people, companies, places and
/// products a story names), and every word's hash, each folded as [`fold_name`] folds,
/// sorted, without repeats.
struct Opening {
    names: Vec<String>,
    words: Vec<u64>,
}

fn read_opening(text: &str) -> Opening {
    let (mut names, mut words) = (Vec::new(), Vec::new());
    let mut sentence_start = true;
    let mut folded = String::new();
    for raw in text.split_whitespace() {
        let token = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let token = token.strip_suffix("'s").or_else(|| token.strip_suffix("’s")).unwrap_or(token);
        folded.clear();
        if token.is_ascii() {
            // The same as below for ASCII, without decoding chars.
            folded.extend(
                token.bytes().filter(u8::is_ascii_alphanumeric).map(|b| char::from(b.to_ascii_lowercase())),
            );
        } else {
            folded.extend(token.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase));
        }
        if !folded.is_empty() {
            words.push(hash(&folded));
        }
        if token.chars().next().is_some_and(char::is_uppercase) {
            let letters = token.chars().filter(|c| c.is_alphabetic()).count();
            let common = CALENDAR.binary_search(&folded.as_str()).is_ok()
                || (sentence_start && OPENERS.binary_search(&folded.as_str()).is_ok());
            if letters >= 2 && !common {
                names.push(folded.clone());
            }
        }
        let end = raw.trim_end_matches(['"', '\'', '”', '’', ')', '*', '_']);
        sentence_start = end.ends_with(['.', '!', '?', ':']) && !is_abbreviation(end);
    }
    names.sort_unstable();
    names.dedup();
    words.sort_unstable();
    words.dedup();
    Opening { names, words }
}

/// Capitalised words that name no one thing in a headline about AI and capital spending
/// (sorted).
const GENERIC: &[&str] = &[
    "ai",
    "analysis",
    "big",
    "breaking",
    "ceo",
    "cfo",
    "coo",
    "cpu",
    "cpus",
    "cto",
    "ee",
    "etf",
    "eu",
    "exclusive",
    "explainer",
    "factbox",
    "fy",
    "gdp",
    "gpu",
    "gpus",
    "h1",
    "h2",
    "ia",
    "ipo",
    "live",
    "opinion",
    "q1",
    "q2",
    "q3",
    "q4",
    "report",
    "tech",
    "uk",
    "un",
    "update",
    "us",
    "usa",
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
            .filter(|w| GENERIC.binary_search(&w.as_str()).is_err() && names.binary_search(w).is_ok()),
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
fn real_headline(title: &str, opening: &Opening, outlet: Option<&str>) -> bool {
    let title_words: Vec<String> =
        title.split_whitespace().map(fold_name).filter(|w| !w.is_empty()).collect();
    if title_words.len() < 3 || outlet.is_some_and(|o| fold_name(title) == o) {
        return false;
    }
    title_words
        .iter()
        .filter(|w| w.chars().count() >= 4)
        .any(|w| opening.words.binary_search(&hash(w)).is_ok())
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
    fn word_lists_are_sorted_for_binary_search() {
        for list in [CALENDAR, OPENERS, GENERIC] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
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

    /// The byte-wise word count ends where counting chars ends, whatever the spaces.
    #[test]
    fn words_are_counted_by_bytes_as_by_chars() {
        fn by_chars(text: &str, n: usize) -> usize {
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
        let texts = [
            "",
            "one",
            "  two words  ",
            "tab\tand\nnew\x0bline\x0cfeed\rreturn",
            "Alibaba\u{a0}invertirá 380.000\u{2009}millones de yuanes\u{3000}en IA",
            "Ünïcödé wörds — “quoted” and 中文 text\u{2028}after a separator",
        ];
        for text in texts {
            for n in 0..12 {
                assert_eq!(byte_after_words(text, n.max(1)), by_chars(text, n.max(1)), "{text:?} {n}");
            }
        }
    }

    #[test]
    fn names_skip_sentence_openers_and_calendar_words() {
        let found = read_opening("The company said on Friday that Microsoft and OpenAI would build in Texas. Analysts at UBS agreed. Alibaba's shares rose.").names;
        assert_eq!(found, ["alibaba", "microsoft", "openai", "texas", "ubs"]);
    }

    #[test]
    fn subjects_are_headline_words_the_text_names() {
        let opening = "Meta Platforms plans to spend as much as $65 billion on AI this year, Mark Zuckerberg said in a post.";
        let none = Registry::new(&[]);
        let s = subjects(
            "Meta to spend up to $65 billion on AI, Zuckerberg says",
            &read_opening(opening).names,
            &none,
        );
        assert_eq!(s, ["meta", "zuckerberg"]);
        assert!(subjects("Big Tech's AI Spending Tops $300 Billion", &read_opening(opening).names, &none)
            .is_empty());
        // A company the registry knows is named by its canonical name.
        let registry = Registry::new(&[crate::config::CompanyConfig {
            name: "Alphabet".into(),
            aliases: vec!["Google".into()],
            ..Default::default()
        }]);
        let s = subjects(
            "Google to spend $75 billion",
            &read_opening("Google said it would spend more.").names,
            &registry,
        );
        assert_eq!(s, ["alphabet", "google"]);
    }

    #[test]
    fn headlines_a_reader_would_pick() {
        let opening = "Microsoft plans to spend $80 billion on data centres in its fiscal year.";
        let opening = &read_opening(opening);
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
