//! Date lines of news pages in English, Spanish, French, Portuguese, German and Italian, in the
//! forms outlets print them (`June 4, 2025, 6:12 PM ET`, `4 Jun, 2025`, `lunes, 24 de febrero de
//! 2025, 4:37 am ET1 min de lectura`, `Publié le 4 juin 2025 à 18h12`, `04/06/2025 às 18h12`,
//! `2025-06-04T18:12:00Z`, `2025年6月4日`, `Published … Updated …`) turned into RFC 3339 with
//! the offset the named zone had on that day.

use jiff::civil;
use jiff::tz::{Offset, TimeZone};

/// A date line understood.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct ParsedDate {
    /// `2025-02-24T04:37:00-05:00`, or `2025-02-24` when the line gives no time or no zone.
    pub(crate) value: String,
    /// Language the month and weekday names were written in (`en`, `es`, `fr`…), if they
    /// belong to one.
    pub(crate) lang: Option<&'static str>,
    /// Reading time in minutes, when the line carried one.
    pub(crate) reading_minutes: Option<u32>,
    /// Set when only the calendar date could be kept (no zone, or no time).
    pub(crate) note: Option<String>,
    /// The line labels this date as an update (`Updated …`, `Last Updated …`), not as the
    /// publication: a `Published …` line elsewhere on the page says more.
    pub(crate) updated: bool,
    /// The other reading of a date whose two-digit year may come first or last (`25.06.04`:
    /// 25 June 2004, or 2025-06-04 as East Asian pages write it); `value` holds the year-last
    /// reading. [`ParsedDate::nearest`] picks one by the day the page was saved.
    pub(crate) year_first: Option<String>,
}

impl ParsedDate {
    /// The reading of an ambiguous two-digit year that falls on or before `saved` (a page is
    /// saved after it was published) and nearest to it; a note says which was taken.
    pub(crate) fn nearest(self, saved: Option<civil::Date>) -> ParsedDate {
        let (Some(other), Some(saved)) = (self.year_first.clone(), saved) else { return self };
        let day = |v: &str| v.get(..10).and_then(|d| d.parse::<civil::Date>().ok());
        // How far before the save day a reading is; a day after it allows for time zones.
        let distance = |v: &str| {
            let d = day(v)?;
            let days = (saved - d).get_days();
            (days >= -1).then_some(days)
        };
        let take_other = match (distance(&self.value), distance(&other)) {
            (Some(a), Some(b)) => b < a,
            (None, Some(_)) => true,
            _ => false,
        };
        let (taken, left) =
            if take_other { (other, self.value.clone()) } else { (self.value.clone(), other) };
        let note = format!(
            "the two-digit year could be read first or last ({} or {}); took the one nearest before the day the file was saved ({saved})",
            taken.get(..10).unwrap_or(&taken),
            left.get(..10).unwrap_or(&left),
        );
        let note = Some(match self.note {
            Some(n) => format!("{n}; {note}"),
            None => note,
        });
        ParsedDate { value: taken, year_first: None, note, ..self }
    }
}

/// Why a date line could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateError {
    /// The line uses words of a language capbrief does not read.
    UnknownLanguage {
        /// The first unknown word.
        word: String,
    },
    /// The line is in a known language but does not name one calendar day.
    Unparseable {
        /// What is missing or wrong.
        reason: String,
    },
    /// The line gives only the page's age when it was read (`3 hours ago`, `hace 3 horas`,
    /// `1w`, `Yesterday`): the day depends on when that was, which the page does not say.
    Relative {
        /// The line as printed.
        phrase: String,
    },
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateError::UnknownLanguage { word } => write!(
                f,
                "the date line is in a language capbrief does not read (`{word}` is no English, Spanish, French, Portuguese, German or Italian month, weekday or zone)"
            ),
            DateError::Unparseable { reason } => write!(f, "cannot read the date line: {reason}"),
            DateError::Relative { phrase } => write!(
                f,
                "no date found: the page gives only a relative time (`{phrase}`), which does not say which day it was published"
            ),
        }
    }
}

/// How to read an all-numeric date whose first two numbers could both be the month
/// (`04/06/2025`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayOrder {
    /// `04/06/2025` is 4 June (most of the world, Spanish pages).
    DayFirst,
    /// `04/06/2025` is April 6 (American pages).
    MonthFirst,
}

/// Month names and abbreviations in the languages of the outlets this field reads, with the
/// language each is written in. A word shared by several languages (`mar`, `abril`) says
/// nothing about the language.
#[rustfmt::skip]
const MONTHS: &[(&str, i8, &str)] = &[
    ("january", 1, "en"), ("february", 2, "en"), ("march", 3, "en"), ("april", 4, "en"), ("may", 5, "en"),
    ("june", 6, "en"), ("july", 7, "en"), ("august", 8, "en"), ("september", 9, "en"),
    ("october", 10, "en"), ("november", 11, "en"), ("december", 12, "en"), ("jan", 1, "en"),
    ("feb", 2, "en"), ("mar", 3, "en"), ("apr", 4, "en"), ("jun", 6, "en"), ("jul", 7, "en"),
    ("aug", 8, "en"), ("sep", 9, "en"), ("sept", 9, "en"), ("oct", 10, "en"), ("nov", 11, "en"),
    ("dec", 12, "en"),
    ("enero", 1, "es"), ("febrero", 2, "es"), ("marzo", 3, "es"), ("abril", 4, "es"), ("mayo", 5, "es"),
    ("junio", 6, "es"), ("julio", 7, "es"), ("agosto", 8, "es"), ("septiembre", 9, "es"),
    ("setiembre", 9, "es"), ("octubre", 10, "es"), ("noviembre", 11, "es"), ("diciembre", 12, "es"),
    ("ene", 1, "es"), ("feb", 2, "es"), ("mar", 3, "es"), ("abr", 4, "es"), ("may", 5, "es"),
    ("jun", 6, "es"), ("jul", 7, "es"), ("ago", 8, "es"), ("sep", 9, "es"), ("oct", 10, "es"),
    ("nov", 11, "es"), ("dic", 12, "es"),
    ("janvier", 1, "fr"), ("février", 2, "fr"), ("fevrier", 2, "fr"), ("mars", 3, "fr"),
    ("avril", 4, "fr"), ("mai", 5, "fr"), ("juin", 6, "fr"), ("juillet", 7, "fr"), ("août", 8, "fr"),
    ("aout", 8, "fr"), ("septembre", 9, "fr"), ("octobre", 10, "fr"), ("novembre", 11, "fr"),
    ("décembre", 12, "fr"), ("decembre", 12, "fr"), ("janv", 1, "fr"), ("févr", 2, "fr"),
    ("fevr", 2, "fr"), ("avr", 4, "fr"), ("juil", 7, "fr"), ("sept", 9, "fr"), ("oct", 10, "fr"),
    ("nov", 11, "fr"), ("déc", 12, "fr"),
    ("janeiro", 1, "pt"), ("fevereiro", 2, "pt"), ("março", 3, "pt"), ("marco", 3, "pt"),
    ("abril", 4, "pt"), ("maio", 5, "pt"), ("junho", 6, "pt"), ("julho", 7, "pt"), ("agosto", 8, "pt"),
    ("setembro", 9, "pt"), ("outubro", 10, "pt"), ("novembro", 11, "pt"), ("dezembro", 12, "pt"),
    ("jan", 1, "pt"), ("fev", 2, "pt"), ("mar", 3, "pt"), ("abr", 4, "pt"), ("mai", 5, "pt"),
    ("jun", 6, "pt"), ("jul", 7, "pt"), ("ago", 8, "pt"), ("set", 9, "pt"), ("out", 10, "pt"),
    ("nov", 11, "pt"), ("dez", 12, "pt"),
    ("januar", 1, "de"), ("jänner", 1, "de"), ("februar", 2, "de"), ("märz", 3, "de"), ("april", 4, "de"),
    ("mai", 5, "de"), ("juni", 6, "de"), ("juli", 7, "de"), ("august", 8, "de"), ("september", 9, "de"),
    ("oktober", 10, "de"), ("november", 11, "de"), ("dezember", 12, "de"), ("jan", 1, "de"),
    ("feb", 2, "de"), ("mär", 3, "de"), ("apr", 4, "de"), ("jun", 6, "de"), ("jul", 7, "de"),
    ("aug", 8, "de"), ("sep", 9, "de"), ("sept", 9, "de"), ("okt", 10, "de"), ("nov", 11, "de"),
    ("dez", 12, "de"),
    ("gennaio", 1, "it"), ("febbraio", 2, "it"), ("marzo", 3, "it"), ("aprile", 4, "it"),
    ("maggio", 5, "it"), ("giugno", 6, "it"), ("luglio", 7, "it"), ("agosto", 8, "it"),
    ("settembre", 9, "it"), ("ottobre", 10, "it"), ("novembre", 11, "it"), ("dicembre", 12, "it"),
    ("gen", 1, "it"), ("feb", 2, "it"), ("mar", 3, "it"), ("apr", 4, "it"), ("mag", 5, "it"),
    ("giu", 6, "it"), ("lug", 7, "it"), ("ago", 8, "it"), ("set", 9, "it"), ("ott", 10, "it"),
    ("nov", 11, "it"), ("dic", 12, "it"),
];

/// Weekday names and abbreviations, with their language.
#[rustfmt::skip]
const WEEKDAYS: &[(&str, &str)] = &[
    ("monday", "en"), ("tuesday", "en"), ("wednesday", "en"), ("thursday", "en"), ("friday", "en"),
    ("saturday", "en"), ("sunday", "en"), ("mon", "en"), ("tue", "en"), ("tues", "en"), ("wed", "en"),
    ("thu", "en"), ("thur", "en"), ("thurs", "en"), ("fri", "en"), ("sat", "en"), ("sun", "en"),
    ("lunes", "es"), ("martes", "es"), ("miércoles", "es"), ("miercoles", "es"), ("jueves", "es"),
    ("viernes", "es"), ("sábado", "es"), ("sabado", "es"), ("domingo", "es"),
    ("lundi", "fr"), ("mardi", "fr"), ("mercredi", "fr"), ("jeudi", "fr"), ("vendredi", "fr"),
    ("samedi", "fr"), ("dimanche", "fr"),
    ("segunda-feira", "pt"), ("terça-feira", "pt"), ("terca-feira", "pt"), ("quarta-feira", "pt"),
    ("quinta-feira", "pt"), ("sexta-feira", "pt"), ("segunda", "pt"), ("terça", "pt"), ("quarta", "pt"),
    ("quinta", "pt"), ("sexta", "pt"), ("sábado", "pt"), ("domingo", "pt"),
    ("montag", "de"), ("dienstag", "de"), ("mittwoch", "de"), ("donnerstag", "de"), ("freitag", "de"),
    ("samstag", "de"), ("sonnabend", "de"), ("sonntag", "de"),
    ("lunedì", "it"), ("martedì", "it"), ("mercoledì", "it"), ("giovedì", "it"), ("venerdì", "it"),
    ("sabato", "it"), ("domenica", "it"),
];

/// Filler words a date line may contain: prepositions and articles around the day and the
/// time (`de`, `le`, `às`, `um … Uhr`, `alle ore`), an edition's words.
#[rustfmt::skip]
const FILLERS: &[&str] = &[
    "de", "del", "at", "a", "las", "la", "on", "el", "the", "h", "hrs", "hs", "edition", "issue", "ed",
    "edición", "número", "input", "día", "le", "à", "du", "jour", "às", "as", "em", "do", "da", "um",
    "uhr", "den", "alle", "ore", "il", "dia",
];

/// Words that say which of a line's dates follows: `Published … Updated …`.
#[rustfmt::skip]
const LABELS: &[(&str, Label)] = &[
    // A wire feed's export header: `TIME: 2025-10-14 10:48 GMT`.
    ("time", Label::Published),
    ("published", Label::Published), ("posted", Label::Published), ("publication", Label::Published),
    ("pub", Label::Published), ("created", Label::Published), ("publicado", Label::Published),
    ("publicada", Label::Published), ("publicación", Label::Published), ("first", Label::Published),
    ("publié", Label::Published), ("publiée", Label::Published), ("publicação", Label::Published),
    ("veröffentlicht", Label::Published), ("erschienen", Label::Published),
    ("pubblicato", Label::Published), ("pubblicata", Label::Published),
    // A filings site's `Filed 09/30/2025 08:05 AM EDT`.
    ("filed", Label::Published),
    ("updated", Label::Updated), ("update", Label::Updated), ("modified", Label::Updated),
    ("last", Label::Updated), ("actualizado", Label::Updated), ("actualizada", Label::Updated),
    ("act", Label::Updated), ("actualización", Label::Updated), ("edited", Label::Updated),
    ("revised", Label::Updated), ("refreshed", Label::Updated), ("modifié", Label::Updated),
    ("modifiée", Label::Updated), ("mis", Label::Updated), ("actualisé", Label::Updated),
    ("atualizado", Label::Updated), ("atualizada", Label::Updated), ("atualização", Label::Updated),
    ("aktualisiert", Label::Updated), ("stand", Label::Updated), ("aggiornato", Label::Updated),
    ("aggiornata", Label::Updated), ("agg", Label::Updated),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Published,
    Updated,
}

/// Zone abbreviations news sites print, and the IANA zone whose rules give the offset on the
/// day. `EST` in July is a site's slip for the zone, not a request for a fixed offset.
#[rustfmt::skip]
const ZONES: [(&str, &str); 43] = [
    ("et", "America/New_York"), ("est", "America/New_York"), ("edt", "America/New_York"),
    ("ct", "America/Chicago"), ("cst", "America/Chicago"), ("cdt", "America/Chicago"),
    ("mt", "America/Denver"), ("mst", "America/Denver"), ("mdt", "America/Denver"),
    ("pt", "America/Los_Angeles"), ("pst", "America/Los_Angeles"), ("pdt", "America/Los_Angeles"),
    ("utc", "UTC"), ("gmt", "UTC"), ("z", "UTC"), ("bst", "Europe/London"),
    ("wet", "Europe/Lisbon"), ("west", "Europe/Lisbon"),
    ("cet", "Europe/Madrid"), ("cest", "Europe/Madrid"), ("hkt", "Asia/Hong_Kong"),
    ("jst", "Asia/Tokyo"), ("kst", "Asia/Seoul"), ("sgt", "Asia/Singapore"), ("ist", "Asia/Kolkata"),
    ("bjt", "Asia/Shanghai"), ("myt", "Asia/Kuala_Lumpur"), ("wib", "Asia/Jakarta"),
    ("ict", "Asia/Bangkok"), ("pht", "Asia/Manila"), ("gst", "Asia/Dubai"), ("msk", "Europe/Moscow"),
    ("aest", "Australia/Sydney"), ("aedt", "Australia/Sydney"), ("awst", "Australia/Perth"),
    ("nzst", "Pacific/Auckland"), ("nzdt", "Pacific/Auckland"), ("brt", "America/Sao_Paulo"),
    ("art", "America/Argentina/Buenos_Aires"), ("clt", "America/Santiago"),
    ("mez", "Europe/Berlin"), ("mesz", "Europe/Berlin"), ("hec", "Europe/Paris"),
];

/// Zones spelled out (`June 12, 2025 09:00 AM Eastern Daylight Time`, wires' form), longest
/// first, and the abbreviation read in their place.
#[rustfmt::skip]
const ZONE_NAMES: [(&str, &str); 29] = [
    ("central european summer time", "cest"), ("central european standard time", "cet"),
    ("central european time", "cet"), ("coordinated universal time", "utc"),
    ("eastern daylight time", "edt"), ("eastern standard time", "est"),
    ("central daylight time", "cdt"), ("central standard time", "cst"),
    ("mountain daylight time", "mdt"), ("mountain standard time", "mst"),
    ("pacific daylight time", "pdt"), ("pacific standard time", "pst"),
    ("greenwich mean time", "gmt"), ("british summer time", "bst"), ("india standard time", "ist"),
    ("japan standard time", "jst"), ("korea standard time", "kst"), ("china standard time", "bjt"),
    ("singapore standard time", "sgt"), ("hong kong time", "hkt"), ("eastern time", "et"),
    ("central time", "ct"), ("mountain time", "mt"), ("pacific time", "pt"),
    ("hora del este", "et"), ("hora de argentina", "art"), ("horário de brasília", "brt"),
    ("heure de paris", "cet"), ("hora de brasília", "brt"),
];

/// Zones that say the page is American, so `04/06/2025` is April 6.
const US_ZONES: [&str; 12] = ["et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt"];

/// Reading-time phrases glued to the end of the date line, longest first.
const READING_TIME: [&str; 10] = [
    "minutos de lectura",
    "minuto de lectura",
    "min. de lectura",
    "min de lectura",
    "minutes read",
    "minute read",
    "mins read",
    "min. read",
    "min read",
    "min",
];

/// Whether `line` is shaped like a date line, in any language: only date words, or a year
/// plus a time or a reading time. Used to tell a date line that cannot be read from a
/// headline or the first body paragraph.
pub(crate) fn looks_like_date_line(line: &str) -> bool {
    if line.chars().count() > 120 {
        return false;
    }
    let folded = crate::furniture::fold(line);
    if folded.split_whitespace().count() <= 16 && crate::furniture::date_only(&folded) {
        return true;
    }
    let lower = line.to_lowercase();
    let bytes = lower.as_bytes();
    let digit_at = |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_digit);
    let has_year = bytes.windows(4).enumerate().any(|(i, w)| {
        (w.starts_with(b"19") || w.starts_with(b"20"))
            && w.iter().all(u8::is_ascii_digit)
            && !digit_at(i.checked_sub(1))
            && !digit_at(Some(i + 4))
    });
    let has_time = bytes.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    // A reading time: a number right before `min` (`1 min`, `3min`, `2 Min.`).
    let has_minutes = lower.match_indices("min").any(|(i, _)| {
        let before = lower[..i].trim_end();
        before.len() + 1 >= i && before.ends_with(|c: char| c.is_ascii_digit())
    });
    has_year && (has_time || has_minutes)
}

/// Spaces where copying a page glued its parts together: `February 24, 20254:21 PM
/// GMT+8Updated 2 hours ago` is `February 24, 2025 4:21 PM GMT+8 Updated 2 hours ago`.
fn deglue(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // A capitalised date label glued to what came before it.
        let label = ["Updated", "Published", "Posted", "Actualizado", "Publicado", "Modified"]
            .iter()
            .find(|l| chars[i..].iter().take(l.len()).copied().eq(l.chars()));
        if label.is_some() && i > 0 && !chars[i - 1].is_whitespace() {
            out.push(' ');
        }
        out.push(c);
        // A label glued to the date after it: `Updated14 Oct 2025`.
        let label_ends =
            ["Updated", "Published", "Posted", "Actualizado", "Publicado", "Modified"].iter().any(|l| {
                let n = l.chars().count();
                i + 1 >= n && chars[i + 1 - n..=i].iter().copied().eq(l.chars())
            });
        if label_ends && digit(i + 1) {
            out.push(' ');
        }
        // A year glued to the time after it: `20254:21` (not `2025` itself, nor `12:30`).
        let year_start = i >= 3
            && !digit(i.wrapping_sub(4))
            && (0..4).all(|k| digit(i - 3 + k))
            && matches!((chars[i - 3], chars[i - 2]), ('1', '9') | ('2', '0'));
        let time_follows = digit(i + 1)
            && (chars.get(i + 2) == Some(&':') || (digit(i + 2) && chars.get(i + 3) == Some(&':')));
        if year_start && time_follows {
            out.push(' ');
        }
        i += 1;
    }
    out
}

/// Removes a reading time before the date (`2 min read Last Updated : …`).
fn strip_leading_reading_time(line: &str) -> (&str, Option<u32>) {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return (line, None);
    }
    let rest = line[digits..].trim_start();
    let lower = rest.to_lowercase();
    for phrase in
        ["min read", "mins read", "minute read", "minutes read", "min de lectura", "min. de lectura"]
    {
        if lower.starts_with(phrase) && lower.len() == rest.len() {
            return (rest[phrase.len()..].trim_start(), line[..digits].parse().ok());
        }
    }
    (line, None)
}

/// Removes a trailing reading time (`1 min read`, `3 min de lectura`), returning the rest
/// and the minutes.
fn strip_reading_time(line: &str) -> (&str, Option<u32>) {
    let lower = line.to_lowercase();
    for phrase in READING_TIME {
        let rest =
            if lower.ends_with(phrase) { line.get(..line.len().wrapping_sub(phrase.len())) } else { None };
        if let Some(rest) = rest.filter(|_| lower.len() == line.len()) {
            let rest = rest.trim_end();
            let mut digits_start = rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            if digits_start == rest.len() {
                continue;
            }
            // `Feb 24, 20251 min read`: a date line with no time glues the minutes to the year.
            if rest.len() - digits_start >= 5
                && (rest[digits_start..].starts_with("19") || rest[digits_start..].starts_with("20"))
            {
                digits_start += 4;
            }
            // A bare `min` needs the number to stand apart from a time (`6:12 min` is no
            // reading time).
            if phrase == "min" && rest[..digits_start].ends_with(':') {
                continue;
            }
            let minutes = rest[digits_start..].parse().ok();
            return (rest[..digits_start].trim_end(), minutes);
        }
    }
    (line, None)
}

fn month(word: &str) -> Option<(i8, Option<&'static str>)> {
    let w = word.trim_end_matches('.');
    let mut found = MONTHS.iter().filter(|(n, _, _)| *n == w);
    let (_, m, lang) = found.next()?;
    // A word that is a month in several languages says nothing about which one.
    let shared = found.any(|(_, _, l)| l != lang);
    Some((*m, (!shared).then_some(*lang)))
}

/// A weekday, and its language unless several languages share the word (`domingo`).
fn weekday_lang(word: &str) -> Option<Option<&'static str>> {
    let w = word.trim_end_matches('.');
    let mut found = WEEKDAYS.iter().filter(|(n, _)| *n == w);
    let (_, lang) = found.next()?;
    let shared = found.any(|(_, l)| l != lang);
    Some((!shared).then_some(*lang))
}

/// Splits `4:37`, `4:37am`, `16:37h`, `18:12:00`, `21:31:05.412`, `18.12`, `18h12` into hour,
/// minute, second and a glued meridiem.
fn time_of_day(token: &str) -> Option<(i8, i8, i8, Option<bool>)> {
    let sep = token.find([':', '.', 'h'])?;
    let (h, rest) = (&token[..sep], &token[sep + 1..]);
    if h.is_empty() || h.len() > 2 || !h.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits_end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let (m, mut suffix) = rest.split_at(digits_end);
    if m.len() != 2 {
        return None;
    }
    // Seconds: `18:12:00`, and a terminal's fraction of a second (`21:31:05.412`).
    let mut second = 0;
    if let Some(secs) = suffix.strip_prefix(':') {
        let end = secs.find(|c: char| !c.is_ascii_digit()).unwrap_or(secs.len());
        if end != 2 {
            return None;
        }
        second = secs[..end].parse().ok().filter(|s| *s < 60)?;
        suffix = &secs[end..];
        if let Some(fraction) = suffix.strip_prefix(['.', ',']) {
            let digits = fraction.find(|c: char| !c.is_ascii_digit()).unwrap_or(fraction.len());
            if digits > 0 {
                suffix = &fraction[digits..];
            }
        }
    }
    let hour: i8 = h.parse().ok()?;
    let minute: i8 = m.parse().ok()?;
    let dotted = token.as_bytes()[sep] == b'.';
    let pm = match suffix.trim_matches('.') {
        "" | "h" | "hrs" | "hs" => None,
        s => Some(meridiem(s)?),
    };
    // `18.12` is a time only in a date line's shape: a valid clock reading.
    if dotted && (hour > 23 || minute > 59) {
        return None;
    }
    Some((hour, minute, second, pm))
}

/// `am`/`pm` in their English and Spanish spellings; `true` for afternoon.
fn meridiem(word: &str) -> Option<bool> {
    match word.replace(['.', ' '], "").as_str() {
        "am" => Some(false),
        "pm" => Some(true),
        _ => None,
    }
}

/// A zone: named (its rules give the offset on the day) or a fixed offset (`GMT+8`, `+08:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Named(&'static str),
    Fixed(i32),
}

fn zone(token: &str) -> Option<Zone> {
    if let Some((_, tz)) = ZONES.iter().find(|(abbr, _)| *abbr == token) {
        return Some(Zone::Named(tz));
    }
    let rest = ["gmt", "utc", ""].iter().find_map(|p| token.strip_prefix(p))?;
    let (sign, digits) = if let Some(d) = rest.strip_prefix('+') {
        (1, d)
    } else if let Some(d) = rest.strip_prefix(['-', '−']) {
        (-1, d)
    } else {
        return None;
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return None;
    }
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60 && !digits.is_empty()).then_some(Zone::Fixed(sign * (h * 3600 + m * 60)))
}

/// One piece of a date line.
#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Month(i8, Option<&'static str>),
    Weekday(Option<&'static str>),
    Time(i8, i8, i8, Option<bool>),
    Meridiem(bool),
    Zone(Zone),
    Number(u32),
    /// `2025-06-04`, `2025/06/04`, `2025.06.04`: year, month, day.
    YearFirst(i16, i8, i8),
    /// `04/06/2025`: two numbers that may be day or month, then the year.
    Numeric(u8, u8, i16),
    /// `25.06.04`: a two-digit year last (25 June 2004) or first (2025-06-04).
    TwoDigitYear(u8, u8, u8),
    /// RFC 3339: the value to write as it is.
    Rfc3339(String),
    Label(Label),
    Filler,
    Word(&'a str),
}

fn token(t: &str) -> Token<'_> {
    if let Some((m, l)) = month(t) {
        return Token::Month(m, l);
    }
    if let Some(l) = weekday_lang(t) {
        return Token::Weekday(l);
    }
    if let Some(v) = rfc3339(t) {
        return Token::Rfc3339(v);
    }
    if let Some(d) = numeric_date(t) {
        return d;
    }
    if let Some((h, m, sec, p)) = time_of_day(t) {
        return Token::Time(h, m, sec, p);
    }
    if let Some(p) = meridiem(t) {
        return Token::Meridiem(p);
    }
    if let Some(z) = zone(t) {
        return Token::Zone(z);
    }
    if let Some(n) = number(t) {
        return Token::Number(n);
    }
    if let Some((_, l)) = LABELS.iter().find(|(w, _)| *w == t.trim_end_matches('.')) {
        return Token::Label(*l);
    }
    if FILLERS.contains(&t.trim_end_matches('.')) {
        return Token::Filler;
    }
    Token::Word(t)
}

/// `2025-06-04`, `2025/06/04`, `2025.06.04` and `04/06/2025`, `4.6.2025`, `04-06-2025`, and
/// with a two-digit year (`01/22/25`, `15.02.24`, `25.06.04`): 2000 to 2069, else the 1900s.
/// Three two-digit parts may have the year first or last; the reader keeps both readings
/// unless one part can only be a year (over 31).
fn numeric_date(t: &str) -> Option<Token<'static>> {
    let sep = t.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = t.trim_end_matches('.').split(sep).collect();
    if parts.len() != 3 || !parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    match (parts[0].len(), parts[2].len()) {
        (4, 1..=2) => Some(Token::YearFirst(n(parts[0])? as i16, n(parts[1])? as i8, n(parts[2])? as i8)),
        (1..=2, 4) if parts[1].len() <= 2 => {
            Some(Token::Numeric(n(parts[0])? as u8, n(parts[1])? as u8, n(parts[2])? as i16))
        }
        (1..=2, 2) if parts[1].len() <= 2 => {
            let (a, b, c) = (n(parts[0])?, n(parts[1])?, n(parts[2])?);
            match (a, c) {
                (32.., _) if parts[0].len() == 2 => Some(Token::YearFirst(full_year(a), b as i8, c as i8)),
                (_, 32..) => Some(Token::Numeric(a as u8, b as u8, full_year(c))),
                _ if parts[0].len() == 2 => Some(Token::TwoDigitYear(a as u8, b as u8, c as u8)),
                _ => Some(Token::Numeric(a as u8, b as u8, full_year(c))),
            }
        }
        _ => None,
    }
}

/// A two-digit year: 2000 to 2069, else the 1900s.
fn full_year(yy: u32) -> i16 {
    let yy = yy as i16;
    if yy < 70 {
        2000 + yy
    } else {
        1900 + yy
    }
}

/// RFC 3339 and its ISO 8601 kin as pages' metadata write them: `2025-06-04T18:12:00Z`,
/// `2025-06-04T18:12:00.000+08:00`, `2025-06-04T18:12+0800`. The value keeps the page's own
/// offset. A date and time with no offset keeps only the date.
pub(crate) fn rfc3339(s: &str) -> Option<String> {
    let s = s.trim();
    let (date, rest) = s.split_at(s.find(['t', 'T', ' ']).unwrap_or(s.len()));
    let date: civil::Date = date.parse().ok()?;
    let rest = rest.get(1..).unwrap_or("");
    if rest.is_empty() {
        return (s.len() == 10).then(|| date.to_string());
    }
    let zone_at = rest.find(['z', 'Z', '+', '-']).unwrap_or(rest.len());
    let (clock, offset) = rest.split_at(zone_at);
    let mut hms = clock.split([':', '.']);
    let hour: i8 = hms.next()?.parse().ok()?;
    let minute: i8 = hms.next()?.parse().ok()?;
    let second: i8 = hms.next().map_or(Some(0), |s| s.parse().ok())?;
    let time = civil::Time::new(hour, minute, second, 0).ok()?;
    let seconds = match offset {
        "" => return Some(date.to_string()),
        "z" | "Z" => 0,
        o => {
            let Zone::Fixed(secs) = zone(o)? else { return None };
            secs
        }
    };
    let offset = Offset::from_seconds(seconds).ok()?;
    let zoned = date.to_datetime(time).to_zoned_datetime(TimeZone::fixed(offset)).ok()?;
    Some(zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
}

/// A word of a date: a month, weekday, meridiem or zone (`PM`, `IST`, `Jan`).
pub(crate) fn is_date_word(word: &str) -> bool {
    let w = word.to_lowercase();
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    month(w).is_some()
        || weekday_lang(w).is_some()
        || meridiem(w).is_some()
        || ZONES.iter().any(|(z, _)| *z == w)
}

/// Reads one date line; `04/06/2025` is read day first unless the line names an American
/// zone.
pub(crate) fn parse_date_line(line: &str) -> Result<ParsedDate, DateError> {
    parse_date_line_with(line, None)
}

/// A date somewhere in a line that also says other things: a part between separators
/// (`Source: Xinhua | 2025-02-24 18:30:05 | Editor: Wang Lei`), or the line after a place
/// (`Madrid - 12 jun 2025 - 00:40 CEST`, `Jakarta ● Tue, April 30, 2024`).
pub(crate) fn find_in_line(line: &str) -> Option<ParsedDate> {
    if let Ok(d) = parse_date_line(line) {
        return Some(d);
    }
    for sep in [" | ", " · ", " • ", " ● ", " / ", " - ", " — ", ", "] {
        let parts: Vec<&str> = line.split(sep).collect();
        if parts.len() < 2 {
            continue;
        }
        // A place first, the date after it.
        let place = parts[0].split_whitespace().count() <= 3
            && parts[0].split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if place {
            if let Ok(d) = parse_date_line(&parts[1..].join(sep)) {
                return Some(d);
            }
        }
        if matches!(sep, " | " | " · " | " • " | " / ") {
            if let Some(d) = parts.iter().find_map(|p| parse_date_line(p).ok()) {
                return Some(d);
            }
        }
    }
    None
}

/// A date at the start of a line and what follows it: `2025年1月22日 10:15 Hiroshi Yamamoto`.
pub(crate) fn leading(line: &str) -> Option<(ParsedDate, String)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    (1..words.len().min(12)).rev().find_map(|n| {
        let date = parse_date_line(&words[..n].join(" ")).ok()?;
        Some((date, words[n..].join(" ")))
    })
}

/// Reads one date line, reading an ambiguous all-numeric date in `order` when given.
pub(crate) fn parse_date_line_with(line: &str, order: Option<DayOrder>) -> Result<ParsedDate, DateError> {
    // Sites put no-break and narrow no-break spaces around `a. m.` and the zone.
    let line = deglue(&line.replace(['\u{a0}', '\u{202f}', '\u{2009}'], " "));
    let (line, leading_minutes) = strip_leading_reading_time(line.trim());
    let (rest, trailing_minutes) = strip_reading_time(line);
    let reading_minutes = trailing_minutes.or(leading_minutes);
    let mut normalised = cjk_date(&rest.to_lowercase())
        .replace("a. m.", "am")
        .replace("p. m.", "pm")
        .replace("a.m.", "am")
        .replace("p.m.", "pm");
    for (name, abbr) in ZONE_NAMES {
        normalised = normalised.replace(name, abbr);
    }
    let normalised = without_bracketed_places(&normalised);
    let words: Vec<&str> = normalised
        .split(|c: char| {
            c.is_whitespace()
                || matches!(c, ',' | '|' | '·' | '—' | '–' | '(' | ')' | ';' | '[' | ']' | '•' | '●')
        })
        .map(|t| t.trim_end_matches(':').trim_start_matches(':'))
        .filter(|t| !t.is_empty() && !matches!(*t, "-" | "--" | "/" | "//"))
        .collect();
    // `Published … Updated …`: each label starts a segment; the published one wins.
    let mut segments: Vec<(Option<Label>, Vec<Token<'_>>)> = vec![(None, Vec::new())];
    for w in &words {
        let token = token(w);
        let Some((label, tokens)) = segments.last_mut() else { break };
        match token {
            // `Last updated`, `First published`: two words, one label.
            Token::Label(l) if tokens.is_empty() => {
                let updated = *label == Some(Label::Updated) || l == Label::Updated;
                *label = Some(if updated { Label::Updated } else { Label::Published });
            }
            Token::Label(l) => segments.push((Some(l), Vec::new())),
            t => tokens.push(t),
        }
    }
    segments.retain(|(_, t)| !t.is_empty());
    if segments.is_empty() {
        return Err(unparseable("it needs a day, a month and a year".into()));
    }
    let mut results: Vec<(Option<Label>, Result<ParsedDate, DateError>)> = segments
        .iter()
        .map(|(label, tokens)| (*label, read_segment(tokens, order, reading_minutes)))
        .collect();
    let published = results.iter().position(|(l, r)| *l == Some(Label::Published) && r.is_ok());
    let first_ok = results.iter().position(|(_, r)| r.is_ok());
    let (label, result) = match published.or(first_ok) {
        Some(i) => results.swap_remove(i),
        None if relative_time(&normalised) => {
            return Err(DateError::Relative { phrase: rest.trim().to_string() });
        }
        None => results.swap_remove(0),
    };
    result.map(|d| ParsedDate { updated: label == Some(Label::Updated), ..d })
}

/// Words of a relative time: units of `3 hours ago` / `hace 3 horas`, and the words that
/// stand for a day relative to the reader's (`yesterday`, `ayer`).
#[rustfmt::skip]
const RELATIVE_UNITS: &[&str] = &[
    "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr",
    "hrs", "day", "days", "week", "weeks", "wk", "wks", "month", "months", "year", "years",
    "segundo", "segundos", "minuto", "minutos", "hora", "horas", "día", "días", "dia", "dias",
    "semana", "semanas", "mes", "meses", "año", "años", "an", "un", "uma", "um", "heure", "heures",
    "jour", "jours", "semaines", "mois", "ans", "une", "ano", "anos", "minuten", "stunde", "stunden",
    "tag", "tagen", "woche", "wochen", "monat", "monaten", "einer", "einem", "ora", "ore", "giorno",
    "giorni", "settimana", "settimane", "mese", "mesi", "minuti",
];

/// Words that make a number of units a time before now: `3 hours ago`, `hace 3 horas`, `há 2
/// horas`, `il y a 2 heures`, `vor 2 Stunden`, `2 ore fa`.
const AGO: [&str; 5] = ["ago", "hace", "há", "vor", "fa"];

/// A line that dates the page only relative to when it was read: `3 hours ago`, `Updated
/// 2 hours ago`, `hace 3 horas`, `an hour ago`, `1w`, `Yesterday`, `just now`. Nothing in
/// it names a month or a year.
pub(crate) fn relative_time(line: &str) -> bool {
    let lower = line.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·' | '•' | '(' | ')' | '—' | '–'))
        .map(|w| w.trim_matches(|c: char| matches!(c, ':' | '.' | '-' | '!')))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    // `ago` is also Spanish for August, but not here.
    let anchored = words.iter().any(|w| {
        (month(w).is_some() && *w != "ago")
            || (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
            || numeric_date(w).is_some()
    });
    let ago = (words.iter().any(|w| AGO.contains(w)) || lower.contains("il y a "))
        && words.iter().any(|w| RELATIVE_UNITS.contains(w) || shorthand(w));
    let alone = words.iter().any(|w| shorthand(w))
        || [
            "yesterday",
            "ayer",
            "today",
            "hoy",
            "just now",
            "moments ago",
            "hace instantes",
            "hace un momento",
            "anteayer",
        ]
        .iter()
        .any(|p| lower.contains(p));
    !anchored
        && (ago || alone)
        && words.iter().all(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || RELATIVE_UNITS.contains(w)
                || shorthand(w)
                || LABELS.iter().any(|(l, _)| l == w)
                || FILLERS.contains(w)
                || weekday_lang(w).is_some()
                || time_of_day(w).is_some()
                || meridiem(w).is_some()
                || AGO.contains(w)
                || matches!(
                    *w,
                    "il" | "y"
                        | "yesterday"
                        | "ayer"
                        | "today"
                        | "hoy"
                        | "just"
                        | "now"
                        | "moments"
                        | "instantes"
                        | "momento"
                        | "anteayer"
                        | "about"
                        | "una"
                        | "unos"
                        | "unas"
                        | "less"
                        | "than"
                        | "more"
                        | "menos"
                        | "más"
                        | "de"
                        | "en"
                        | "at"
                        | "a"
                        | "by"
                )
        })
}

/// A feed's age of a post: `1w`, `3d`, `5h`, `20m`, `2mo`, `1yr`.
fn shorthand(t: &str) -> bool {
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (1..=2).contains(&digits) && matches!(&t[digits..], "s" | "m" | "h" | "d" | "w" | "mo" | "y" | "yr")
}

/// `10:12 am (paris)` → `10:12 am`: a place in brackets says where the clock is, not which
/// zone; the time is then read without one (only the day is kept). A zone, month or label in
/// brackets (`(et)`, `(updated …)`) stays.
fn without_bracketed_places(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else { break };
        let inner = rest[open + 1..close].trim();
        let words: Vec<&str> = inner.split_whitespace().collect();
        let place = !words.is_empty()
            && words.len() <= 3
            && inner.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '.' || c == '-')
            && words.iter().all(|w| matches!(token(w), Token::Word(_) | Token::Filler));
        out.push_str(&rest[..open]);
        if place {
            out.push(' ');
        } else {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `2025年6月4日 18:12` and Korean `2025년 6월 4일` as year, month and day words.
fn cjk_date(s: &str) -> String {
    if !(s.contains('年') || s.contains('년')) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut digits = String::new();
    for c in s.chars() {
        match c {
            // `25年6月4日`: a two-digit year before 年 is this century's.
            '年' | '년' if digits.len() == 2 => out.push_str(&format!(" 20{digits}-")),
            '年' | '년' => out.push_str(&format!(" {digits}-")),
            '月' | '월' => out.push_str(&format!("{digits}-")),
            '日' | '일' => {
                out.push_str(&digits);
                out.push(' ');
            }
            c if c.is_ascii_digit() => {
                digits.push(c);
                continue;
            }
            c => {
                out.push_str(&digits);
                out.push(c);
            }
        }
        digits.clear();
    }
    out.push_str(&digits);
    out.replace("- ", "-")
}

/// Reads the tokens of one segment into a date.
fn read_segment(
    tokens: &[Token<'_>],
    order: Option<DayOrder>,
    reading_minutes: Option<u32>,
) -> Result<ParsedDate, DateError> {
    if let [Token::Rfc3339(v), rest @ ..] = tokens {
        if rest.iter().all(|t| matches!(t, Token::Filler | Token::Weekday(_))) {
            return Ok(ParsedDate { value: v.clone(), reading_minutes, ..ParsedDate::default() });
        }
    }
    // `25.06.04`: both readings, the year last first; the page's context chooses.
    let two_digit = tokens.iter().enumerate().find_map(|(i, t)| match t {
        Token::TwoDigitYear(a, b, c) => Some((i, *a, *b, *c)),
        _ => None,
    });
    if let Some((at, a, b, c)) = two_digit {
        let with = |t: Token<'static>| {
            let mut v = tokens.to_vec();
            v[at] = t;
            read_segment(&v, order, reading_minutes)
        };
        let last = with(Token::Numeric(a, b, full_year(c.into())));
        let first = with(Token::YearFirst(full_year(a.into()), b as i8, c as i8));
        return match (last, first) {
            (Ok(l), Ok(f)) if l.value != f.value => Ok(ParsedDate { year_first: Some(f.value), ..l }),
            (Ok(l), _) => Ok(l),
            (Err(_), Ok(f)) => Ok(f),
            (Err(e), Err(_)) => Err(e),
        };
    }
    let american = tokens.iter().any(|t| {
        matches!(t, Token::Zone(Zone::Named(z)) if US_ZONES.iter().any(|u| ZONES.iter().any(|(a, n)| a == u && n == z)))
    });
    let order = order.unwrap_or(if american { DayOrder::MonthFirst } else { DayOrder::DayFirst });
    let (mut day, mut month_no, mut year): (Option<i8>, Option<i8>, Option<i16>) = (None, None, None);
    let (mut time, mut pm, mut zone) = (None, None, None);
    let mut lang = None;
    let set = |slot: &mut Option<i8>, v: i8, what: &str| {
        if slot.is_some() {
            return Err(unparseable(format!("two {what}s")));
        }
        *slot = Some(v);
        Ok(())
    };
    for (i, t) in tokens.iter().enumerate() {
        match t {
            Token::Month(m, l) => {
                set(&mut month_no, *m, "month")?;
                lang = lang.or(*l);
            }
            Token::Weekday(l) => lang = lang.or(*l),
            Token::Time(h, m, sec, p) => {
                time = time.or(Some((*h, *m, *sec)));
                pm = pm.or(*p);
            }
            // Only after a clock reading: German `am 12. März` is a preposition.
            Token::Meridiem(p) if i > 0 && matches!(tokens[i - 1], Token::Time(..) | Token::Number(_)) => {
                pm = Some(*p);
            }
            Token::Meridiem(_) => {}
            Token::Zone(z) => zone = zone.or(Some(*z)),
            Token::Rfc3339(v) => {
                let date: civil::Date =
                    v.get(..10).and_then(|d| d.parse().ok()).ok_or_else(|| unparseable(format!("`{v}`")))?;
                set(&mut day, date.day(), "day")?;
                set(&mut month_no, date.month(), "month")?;
                year = Some(date.year());
            }
            Token::YearFirst(y, m, d) => {
                set(&mut day, *d, "day")?;
                set(&mut month_no, *m, "month")?;
                year = Some(*y);
            }
            Token::Numeric(a, b, y) => {
                let (d, m) = match (*a, *b, order) {
                    (a, b, _) if a > 12 => (a, b),
                    (a, b, _) if b > 12 => (b, a),
                    (a, b, DayOrder::DayFirst) => (a, b),
                    (a, b, DayOrder::MonthFirst) => (b, a),
                };
                set(&mut day, d as i8, "day")?;
                set(&mut month_no, m as i8, "month")?;
                year = Some(*y);
            }
            Token::Number(n) => {
                let before_meridiem = matches!(tokens.get(i + 1), Some(Token::Meridiem(_)));
                match *n {
                    1..=12 if before_meridiem && time.is_none() => time = Some((*n as i8, 0, 0)),
                    1000.. if year.is_none() => year = Some(i16::try_from(*n).unwrap_or(i16::MAX)),
                    // `2025. 6. 4.`: numbers after a leading year are the month, then the day.
                    1..=12
                        if year.is_some()
                            && month_no.is_none()
                            && day.is_none()
                            && !tokens.iter().any(|t| matches!(t, Token::Month(..))) =>
                    {
                        month_no = Some(*n as i8);
                    }
                    1..=31 if day.is_none() => day = Some(*n as i8),
                    _ => return Err(unparseable(format!("unexpected number `{n}`"))),
                }
            }
            // Resolved into its two readings before this loop.
            Token::Filler | Token::Label(_) | Token::TwoDigitYear(..) => {}
            Token::Word(w) if w.chars().any(char::is_alphabetic) => {
                return Err(DateError::UnknownLanguage { word: w.to_string() });
            }
            Token::Word(w) => return Err(unparseable(format!("unexpected `{w}`"))),
        }
    }
    let (Some(day), Some(month_no), Some(year)) = (day, month_no, year) else {
        return Err(unparseable("it needs a day, a month and a four-digit year".into()));
    };
    let date = civil::Date::new(year, month_no, day)
        .map_err(|_| unparseable(format!("{year}-{month_no:02}-{day:02} is not a calendar day")))?;
    let Some((hour, minute, second)) = time else {
        return Ok(ParsedDate { value: date.to_string(), lang, reading_minutes, ..ParsedDate::default() });
    };
    let hour = match (hour, pm) {
        (1..=11, Some(true)) => hour + 12,
        (12, Some(false)) => 0,
        (13.., Some(_)) | (0, Some(_)) => {
            return Err(unparseable(format!("{hour}:{minute:02} cannot have am or pm")));
        }
        _ => hour,
    };
    let datetime = civil::DateTime::new(year, month_no, day, hour, minute, second, 0)
        .map_err(|_| unparseable(format!("{hour}:{minute:02} is not a time of day")))?;
    let tz = match zone {
        None => {
            return Ok(ParsedDate {
                value: date.to_string(),
                lang,
                reading_minutes,
                note: Some("the date line names no time zone, so only the day was kept".into()),
                ..ParsedDate::default()
            });
        }
        Some(Zone::Named(name)) => {
            TimeZone::get(name).map_err(|e| unparseable(format!("time zone {name}: {e}")))?
        }
        Some(Zone::Fixed(secs)) => TimeZone::fixed(
            Offset::from_seconds(secs).map_err(|e| unparseable(format!("offset {secs} s: {e}")))?,
        ),
    };
    let zoned = datetime.to_zoned_datetime(tz).map_err(|e| unparseable(format!("{e}")))?;
    let value = zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    Ok(ParsedDate { value, lang, reading_minutes, ..ParsedDate::default() })
}

/// A day or year, allowing ordinal suffixes (`24th`, `1st`) and a trailing dot (`24.`).
fn number(token: &str) -> Option<u32> {
    let t = token.trim_end_matches('.');
    let t = ["st", "nd", "rd", "th", "º", "o", "er"].iter().find_map(|s| t.strip_suffix(s)).unwrap_or(t);
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) || t.len() > 4 {
        return None;
    }
    t.parse().ok()
}

fn unparseable(reason: String) -> DateError {
    DateError::Unparseable { reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(line: &str) -> String {
        parse_date_line(line).unwrap_or_else(|e| panic!("{line}: {e}")).value
    }

    #[test]
    fn spanish_edition_line_in_winter() {
        let d = parse_date_line("lunes, 24 de febrero de 2025, 4:37 am ET1 min de lectura").unwrap();
        assert_eq!(d.value, "2025-02-24T04:37:00-05:00");
        assert_eq!(d.lang, Some("es"));
        assert_eq!(d.reading_minutes, Some(1));
    }

    #[test]
    fn english_edition_line_in_summer() {
        let d = parse_date_line("Tuesday, Jul 8, 2025 3:05 pm ET12 min read").unwrap();
        assert_eq!(d.value, "2025-07-08T15:05:00-04:00");
        assert_eq!(d.lang, Some("en"));
        assert_eq!(d.reading_minutes, Some(12));
    }

    #[test]
    fn noon_midnight_and_other_zones() {
        assert_eq!(value("Feb 1, 2025 12:10 am ET"), "2025-02-01T00:10:00-05:00");
        assert_eq!(value("Feb 1, 2025 12:10 pm PT"), "2025-02-01T12:10:00-08:00");
        assert_eq!(value("3 de agosto de 2025, 9:00\u{a0}p.\u{a0}m. GMT"), "2025-08-03T21:00:00+00:00");
    }

    #[test]
    fn the_forms_outlets_print() {
        assert_eq!(value("June 4, 2025, 6:12 PM ET"), "2025-06-04T18:12:00-04:00");
        assert_eq!(value("Jun 4, 2025 6:12 PM"), "2025-06-04");
        assert_eq!(value("4 Jun, 2025"), "2025-06-04");
        assert_eq!(value("2025-06-04T18:12:00Z"), "2025-06-04T18:12:00+00:00");
        assert_eq!(value("04/06/2025"), "2025-06-04");
        assert_eq!(value("4 de junio de 2025"), "2025-06-04");
        assert_eq!(value("Published June 4, 2025 Updated June 5, 2025"), "2025-06-04");
        assert_eq!(value("Updated: June 5, 2025 | Published: June 4, 2025"), "2025-06-04");
        assert_eq!(value("3 Mar 2025 09:40AM (Updated: 3 Mar 2025 10:15AM)"), "2025-03-03");
        assert_eq!(value("Wed 4 Jun 2025 18.12 BST"), "2025-06-04T18:12:00+01:00");
        assert_eq!(value("Updated 6:12 PM EDT, Wed June 4, 2025"), "2025-06-04T18:12:00-04:00");
        assert_eq!(value("June 4, 2025 at 6:12 p.m. EDT"), "2025-06-04T18:12:00-04:00");
        assert_eq!(value("Last Updated: Jun 04, 2025, 18:12:00 IST"), "2025-06-04T18:12:00+05:30");
        assert_eq!(value("4 JUN 2025 - 18:12 CEST"), "2025-06-04T18:12:00+02:00");
        assert_eq!(value("2025年6月4日 18:12 JST"), "2025-06-04T18:12:00+09:00");
        assert_eq!(value("2025.06.04 18:12 KST"), "2025-06-04T18:12:00+09:00");
        assert_eq!(value("Thu, Jun 5 2025 10:32 AM GMT+8"), "2025-06-05T10:32:00+08:00");
        assert_eq!(value("Posted on June 4, 2025 6 PM ET"), "2025-06-04T18:00:00-04:00");
        assert_eq!(value("Publicado el 4 jun 2025 a las 18:12 h CEST"), "2025-06-04T18:12:00+02:00");
        assert_eq!(value("06/04/2025 6:12 PM ET"), "2025-06-04T18:12:00-04:00");
        assert_eq!(value("24/02/2025 4:37 am ET"), "2025-02-24T04:37:00-05:00");
        assert_eq!(value("Friday edition | 4 October 2024"), "2024-10-04");
        assert_eq!(value("February 24, 20254:21 PM GMT+8Updated 2 hours ago"), "2025-02-24T16:21:00+08:00");
        assert_eq!(
            value("Published Wed, Jan 29 20254:38 PM ESTUpdated Wed, Jan 29 20256:12 PM EST"),
            "2025-01-29T16:38:00-05:00"
        );
        assert_eq!(value("Fri 3 Jan 2025 // 23:14 UTC"), "2025-01-03T23:14:00+00:00");
        assert_eq!(value("2 min read Last Updated : Jan 07 2025 | 4:15 PM IST"), "2025-01-07T16:15:00+05:30");
        assert!(parse_date_line("Last Updated : Jan 07 2025 | 4:15 PM IST").unwrap().updated);
        assert!(!parse_date_line("First Published: Jan 07 2025 | 2:31 PM IST").unwrap().updated);
        let feed = parse_date_line("TIME: 2025-10-14 10:48 GMT").unwrap();
        assert_eq!(feed.value, "2025-10-14T10:48:00+00:00");
        assert!(!feed.updated);
        assert_eq!(value("Publicado: 14 de enero de 2025 | 18:20 hrs."), "2025-01-14");
        let found = |l: &str| find_in_line(l).map(|d| d.value);
        assert_eq!(
            found("Source: Xinhua | 2025-02-24 18:30:05 | Editor: Wang Lei").as_deref(),
            Some("2025-02-24")
        );
        assert_eq!(found("Madrid - 12 jun 2025 - 00:40 CEST").as_deref(), Some("2025-06-12T00:40:00+02:00"));
        assert_eq!(found("Jakarta ● Tue, April 30, 2024").as_deref(), Some("2024-04-30"));
        assert_eq!(found("Oracle shares rose 8%, the most since June 2025"), None);
        let (d, rest) = leading("2025年1月22日 10:15 Hiroshi Yamamoto").unwrap();
        assert_eq!((d.value.as_str(), rest.as_str()), ("2025-01-22", "Hiroshi Yamamoto"));
    }

    #[test]
    fn metadata_timestamps_keep_their_offset() {
        assert_eq!(rfc3339("2025-06-04T18:12:00.000+08:00").as_deref(), Some("2025-06-04T18:12:00+08:00"));
        assert_eq!(rfc3339("2025-06-04T18:12:00+0800").as_deref(), Some("2025-06-04T18:12:00+08:00"));
        assert_eq!(rfc3339("2025-06-04T18:12").as_deref(), Some("2025-06-04"));
        assert_eq!(rfc3339("2025-06-04").as_deref(), Some("2025-06-04"));
        assert_eq!(rfc3339("2025-13-04"), None);
        assert_eq!(rfc3339("June 4"), None);
    }

    #[test]
    fn minutes_glued_to_the_year() {
        let d = parse_date_line("Monday, Feb 24, 20253 min read").unwrap();
        assert_eq!((d.value.as_str(), d.reading_minutes), ("2025-02-24", Some(3)));
    }

    #[test]
    fn day_only_lines() {
        let d = parse_date_line("Monday, Feb 24, 2025").unwrap();
        assert_eq!((d.value.as_str(), d.note.is_none()), ("2025-02-24", true));
        let d = parse_date_line("Feb 24, 2025 4:37 am").unwrap();
        assert_eq!(d.value, "2025-02-24");
        assert!(d.note.is_some());
    }

    #[test]
    fn refuses_to_guess() {
        assert!(matches!(
            parse_date_line("poniedziałek, 24 lutego 2025, 4:37 ET"),
            Err(DateError::UnknownLanguage { .. })
        ));
        assert!(matches!(parse_date_line("Feb 30, 2025 4:37 am ET"), Err(DateError::Unparseable { .. })));
        assert!(matches!(parse_date_line("lunes, 2025, 4:37 am ET"), Err(DateError::Unparseable { .. })));
        assert!(matches!(parse_date_line("31/31/2025"), Err(DateError::Unparseable { .. })));
    }

    #[test]
    fn forms_found_on_pages_no_rule_had_seen() {
        // Seconds are kept, a terminal's fraction of a second dropped.
        assert_eq!(value("2025-02-06 21:31:05.412 GMT"), "2025-02-06T21:31:05+00:00");
        assert_eq!(value("Feb 6, 2025 16:31:05 EST"), "2025-02-06T16:31:05-05:00");
        // Wires spell the zone out.
        assert_eq!(value("June 12, 2025 09:00 AM Eastern Daylight Time"), "2025-06-12T09:00:00-04:00");
        assert_eq!(value("Jan 21, 2025 4:05 PM Pacific Standard Time"), "2025-01-21T16:05:00-08:00");
        assert_eq!(value("10 Feb 2025 10:12 Central European Time"), "2025-02-10T10:12:00+01:00");
        // A place in brackets is no zone: the day only.
        assert_eq!(
            value("Published on February 10, 2025, at 10:12 am (Paris), updated at 3:40 pm"),
            "2025-02-10"
        );
        assert_eq!(value("June 4, 2025 6:12 PM (ET)"), "2025-06-04T18:12:00-04:00");
        // A label glued to the date after it.
        assert_eq!(value("Updated14 Oct 2025, 05:48 PM IST"), "2025-10-14T17:48:00+05:30");
        // Two-digit years, last.
        assert_eq!(value("Wednesday, 01/22/25"), "2025-01-22");
        assert_eq!(value("15.02.24"), "2024-02-15");
        assert_eq!(value("12/31/99 11:59 PM ET"), "1999-12-31T23:59:00-05:00");
        // Latin American `hs` and a time without a zone: the day.
        assert_eq!(value("14/10/2025 14:35 hs"), "2025-10-14");
        assert_eq!(value("Publicado el 07/02/2025 14:35 hs"), "2025-02-07");
        assert_eq!(value("Jan. 20, 2023 4:45 p.m."), "2023-01-20");
    }

    #[test]
    fn french_portuguese_german_and_italian_lines() {
        assert_eq!(value("Publié le 3 mars 2025 à 07h15, mis à jour le 4 mars 2025 à 10h40"), "2025-03-03");
        assert_eq!(value("Mis à jour le 4 mars 2025 · Publié le 1er mars 2025"), "2025-03-01");
        assert_eq!(value("mercredi 12 novembre 2025 à 18h05 (heure de Paris)"), "2025-11-12T18:05:00+01:00");
        assert_eq!(value("14/05/2025 às 08h20 · Atualizado há 3 horas"), "2025-05-14");
        assert_eq!(value("Publicado em 2 de outubro de 2024, às 16h10"), "2024-10-02");
        assert_eq!(value("terça-feira, 2 set 2025 09:30 horário de Brasília"), "2025-09-02T09:30:00-03:00");
        assert_eq!(value("Veröffentlicht am 17. Juni 2025, 14:45 Uhr MESZ"), "2025-06-17T14:45:00+02:00");
        assert_eq!(value("Aktualisiert: 18.06.2025, 09:12 Uhr · Veröffentlicht: 17.06.2025"), "2025-06-17");
        assert_eq!(value("Pubblicato il 21 gennaio 2025 alle ore 11:30"), "2025-01-21");
        assert_eq!(value("Filed 03/12/2025 04:15 PM EST"), "2025-03-12T16:15:00-04:00");
        assert_eq!(parse_date_line("Publié le 3 mars 2025").unwrap().lang, Some("fr"));
        assert_eq!(parse_date_line("2 de outubro de 2024").unwrap().lang, Some("pt"));
        // `abril` is Spanish and Portuguese alike: no language from it.
        assert_eq!(parse_date_line("9 de abril de 2025").unwrap().lang, None);
        for line in ["Atualizado há 3 horas", "il y a 2 heures", "vor 5 Stunden", "2 ore fa"] {
            assert!(matches!(parse_date_line(line), Err(DateError::Relative { .. })), "{line}");
        }
    }

    #[test]
    fn relative_times_are_no_date() {
        for line in
            ["3 hours ago", "hace 3 horas", "Updated 2 hours ago", "1w", "2d ago", "Yesterday", "hace 1 día"]
        {
            assert!(parse_date_line(line).is_err(), "{line}");
            assert_eq!(find_in_line(line), None, "{line}");
        }
        // A clock with no day is no date either.
        assert!(parse_date_line("updated at 3:40 pm").is_err());
    }

    #[test]
    fn a_relative_time_is_told_apart_from_an_unreadable_line() {
        for line in [
            "5 hours ago",
            "an hour ago",
            "Posted 20 min ago",
            "Updated: 45 minutes ago",
            "hace 2 horas",
            "Actualizado hace 10 minutos",
            "hace instantes",
            "Ayer, 18:40",
            "Yesterday at 9:15 am",
            "3d •",
            "just now",
        ] {
            assert!(
                matches!(parse_date_line(line), Err(DateError::Relative { .. })),
                "{line}: {:?}",
                parse_date_line(line)
            );
        }
        // A line with a real day in it is read, or fails for what it is.
        assert_eq!(value("5 Mar 2025 · Updated 2 hours ago"), "2025-03-05");
        assert!(matches!(
            parse_date_line("poniedziałek, 24 lutego 2025"),
            Err(DateError::UnknownLanguage { .. })
        ));
        let shown = parse_date_line("hace 2 horas").unwrap_err().to_string();
        assert!(shown.contains("no date found") && shown.contains("hace 2 horas"), "{shown}");
    }

    #[test]
    fn year_first_dates() {
        assert_eq!(value("2024/11/28"), "2024-11-28");
        assert_eq!(value("2024.11.28 09:05 KST"), "2024-11-28T09:05:00+09:00");
        assert_eq!(value("2024年11月28日"), "2024-11-28");
        assert_eq!(value("24年11月28日 9:05"), "2024-11-28");
        assert_eq!(value("2024. 11. 28. 09:05"), "2024-11-28");
        // Three two-digit parts: both readings are kept until the page's save day decides.
        let d = parse_date_line("24.11.28").unwrap();
        assert_eq!(d.value, "2028-11-24");
        assert_eq!(d.year_first.as_deref(), Some("2024-11-28"));
        let saved = Some(civil::date(2025, 1, 15));
        assert_eq!(parse_date_line("24.11.28").unwrap().nearest(saved).value, "2024-11-28");
        // A day-first page saved soon after: `03.02.25` is 3 February 2025, not 2003.
        let d = parse_date_line("03.02.25 16:20").unwrap().nearest(Some(civil::date(2025, 2, 4)));
        assert_eq!(d.value, "2025-02-03");
        assert!(d.note.is_some_and(|n| n.contains("two-digit year")));
        // A part over 31 can only be a year: no ambiguity, no note.
        let d = parse_date_line("99.12.31").unwrap();
        assert_eq!((d.value.as_str(), d.year_first), ("1999-12-31", None));
        assert_eq!(value("31.12.99"), "1999-12-31");
        // Without a save day, the year-last reading stands.
        assert_eq!(parse_date_line("24.11.28").unwrap().nearest(None).value, "2028-11-24");
    }

    #[test]
    fn date_line_shape() {
        assert!(looks_like_date_line("Montag, 24. Februar 2025, 4:37 Uhr ET2 Min. Lesezeit"));
        assert!(looks_like_date_line("Monday, Feb 24, 2025 4:37 am ET1 min read"));
        assert!(looks_like_date_line("Published 4 June 2025"));
        assert!(!looks_like_date_line("Alibaba plans to invest in 2025 and beyond across many markets."));
        assert!(!looks_like_date_line("Meta's June 2025 capex plan"));
    }
}
