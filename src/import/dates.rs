//! Date lines of news pages in English and Spanish (`Monday, Feb 24, 2025 4:37 am ET1 min
//! read`, `lunes, 24 de febrero de 2025, 4:37 am ET1 min de lectura`) turned into RFC 3339
//! with the offset the named zone had on that day.

use jiff::civil;
use jiff::tz::TimeZone;

/// A date line understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedDate {
    /// `2025-02-24T04:37:00-05:00`, or `2025-02-24` when the line gives no time or no zone.
    pub(crate) value: String,
    /// Language the month and weekday names were written in (`en`, `es`), if any were.
    pub(crate) lang: Option<&'static str>,
    /// Reading time in minutes, when the line carried one.
    pub(crate) reading_minutes: Option<u32>,
    /// Set when only the calendar date could be kept (no zone, or no time).
    pub(crate) note: Option<String>,
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
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateError::UnknownLanguage { word } => write!(
                f,
                "the date line is in a language capbrief does not read (`{word}` is not an English or Spanish month, weekday or zone)"
            ),
            DateError::Unparseable { reason } => write!(f, "cannot read the date line: {reason}"),
        }
    }
}

const MONTHS_EN: [(&str, i8); 24] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const MONTHS_ES: [(&str, i8); 25] = [
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("ene", 1),
    ("feb", 2),
    ("mar", 3),
    ("abr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("ago", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dic", 12),
];

const WEEKDAYS_EN: [&str; 14] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

const WEEKDAYS_ES: [&str; 9] =
    ["lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo"];

/// Spanish and English filler words a date line may contain.
const FILLERS: [&str; 6] = ["de", "del", "at", "a", "las", "on"];

/// Zone abbreviations news sites print, and the IANA zone whose rules give the offset on the
/// day. `EST` in July is a site's slip for the zone, not a request for a fixed offset.
const ZONES: [(&str, &str); 22] = [
    ("et", "America/New_York"),
    ("est", "America/New_York"),
    ("edt", "America/New_York"),
    ("ct", "America/Chicago"),
    ("cst", "America/Chicago"),
    ("cdt", "America/Chicago"),
    ("mt", "America/Denver"),
    ("mst", "America/Denver"),
    ("mdt", "America/Denver"),
    ("pt", "America/Los_Angeles"),
    ("pst", "America/Los_Angeles"),
    ("pdt", "America/Los_Angeles"),
    ("utc", "UTC"),
    ("gmt", "UTC"),
    ("z", "UTC"),
    ("bst", "Europe/London"),
    ("cet", "Europe/Madrid"),
    ("cest", "Europe/Madrid"),
    ("hkt", "Asia/Hong_Kong"),
    ("jst", "Asia/Tokyo"),
    ("sgt", "Asia/Singapore"),
    ("ist", "Asia/Kolkata"),
];

/// Reading-time phrases glued to the end of the date line, longest first.
const READING_TIME: [&str; 8] = [
    "minutos de lectura",
    "minuto de lectura",
    "min. de lectura",
    "min de lectura",
    "minutes read",
    "minute read",
    "mins read",
    "min read",
];

/// Whether `line` is shaped like a date line (a year plus a time or a reading time), in any
/// language. Used to tell a date line that cannot be read from the first body paragraph.
pub(crate) fn looks_like_date_line(line: &str) -> bool {
    if line.chars().count() > 120 {
        return false;
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
            // `Feb 24, 20251 min read`: a date line with no time glues the minutes to the year.
            if rest.len() - digits_start >= 5
                && (rest[digits_start..].starts_with("19") || rest[digits_start..].starts_with("20"))
            {
                digits_start += 4;
            }
            let minutes = rest[digits_start..].parse().ok();
            return (rest[..digits_start].trim_end(), minutes);
        }
    }
    (line, None)
}

fn month(word: &str) -> Option<(i8, Option<&'static str>)> {
    let w = word.trim_end_matches('.');
    let en = MONTHS_EN.iter().find(|(n, _)| *n == w).map(|(_, m)| *m);
    let es = MONTHS_ES.iter().find(|(n, _)| *n == w).map(|(_, m)| *m);
    match (en, es) {
        (Some(m), Some(_)) => Some((m, None)),
        (Some(m), None) => Some((m, Some("en"))),
        (None, Some(m)) => Some((m, Some("es"))),
        (None, None) => None,
    }
}

fn weekday_lang(word: &str) -> Option<&'static str> {
    let w = word.trim_end_matches('.');
    if WEEKDAYS_EN.contains(&w) {
        Some("en")
    } else if WEEKDAYS_ES.contains(&w) {
        Some("es")
    } else {
        None
    }
}

/// Splits `4:37`, `4:37am`, `16:37h` into hour, minute and a glued meridiem.
fn time_of_day(token: &str) -> Option<(i8, i8, Option<bool>)> {
    let (h, rest) = token.split_once(':')?;
    let digits_end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let (m, suffix) = rest.split_at(digits_end);
    let hour: i8 = h.parse().ok()?;
    let minute: i8 = m.parse().ok()?;
    let pm = match suffix.trim_matches('.') {
        "" | "h" => None,
        s => Some(meridiem(s)?),
    };
    Some((hour, minute, pm))
}

/// `am`/`pm` in their English and Spanish spellings; `true` for afternoon.
fn meridiem(word: &str) -> Option<bool> {
    match word.replace(['.', ' '], "").as_str() {
        "am" => Some(false),
        "pm" => Some(true),
        _ => None,
    }
}

/// Reads one date line.
pub(crate) fn parse_date_line(line: &str) -> Result<ParsedDate, DateError> {
    // Sites put no-break and narrow no-break spaces around `a. m.` and the zone.
    let line = line.replace(['\u{a0}', '\u{202f}', '\u{2009}'], " ");
    let (rest, reading_minutes) = strip_reading_time(line.trim());
    let normalised = rest.to_lowercase().replace("a. m.", "am").replace("p. m.", "pm");
    let tokens: Vec<&str> = normalised
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '·' || c == '—')
        .filter(|t| !t.is_empty())
        .collect();
    if let [only] = tokens.as_slice() {
        if let Ok(date) = only.parse::<civil::Date>() {
            return Ok(ParsedDate { value: date.to_string(), lang: None, reading_minutes, note: None });
        }
    }
    let (mut day, mut month_no, mut year) = (None, None, None);
    let (mut time, mut pm, mut zone) = (None, None, None);
    let mut lang = None;
    for token in tokens {
        if let Some((m, l)) = month(token) {
            if month_no.is_some() {
                return Err(unparseable(format!("two month names (`{token}`)")));
            }
            month_no = Some(m);
            lang = lang.or(l);
        } else if let Some(l) = weekday_lang(token) {
            lang = lang.or(Some(l));
        } else if let Some((h, m, p)) = time_of_day(token) {
            time = Some((h, m));
            pm = pm.or(p);
        } else if let Some(p) = meridiem(token) {
            pm = Some(p);
        } else if let Some((_, tz)) = ZONES.iter().find(|(abbr, _)| *abbr == token) {
            zone = Some(*tz);
        } else if let Some(n) = number(token) {
            match n {
                1000.. if year.is_none() => year = Some(n),
                1..=31 if day.is_none() => day = Some(n),
                _ => return Err(unparseable(format!("unexpected number `{token}`"))),
            }
        } else if FILLERS.contains(&token) {
        } else if token.chars().any(char::is_alphabetic) {
            return Err(DateError::UnknownLanguage { word: token.to_string() });
        } else {
            return Err(unparseable(format!("unexpected `{token}`")));
        }
    }
    let (Some(day), Some(month_no), Some(year)) = (day, month_no, year) else {
        return Err(unparseable("it needs a day, a month name and a four-digit year".into()));
    };
    let year = i16::try_from(year).map_err(|_| unparseable(format!("year {year} is out of range")))?;
    let day = i8::try_from(day).map_err(|_| unparseable(format!("day {day} is out of range")))?;
    let date = civil::Date::new(year, month_no, day)
        .map_err(|_| unparseable(format!("{year}-{month_no:02}-{day:02} is not a calendar day")))?;
    let Some((hour, minute)) = time else {
        return Ok(ParsedDate { value: date.to_string(), lang, reading_minutes, note: None });
    };
    let hour = match (hour, pm) {
        (1..=11, Some(true)) => hour + 12,
        (12, Some(false)) => 0,
        (13.., Some(_)) | (0, Some(_)) => {
            return Err(unparseable(format!("{hour}:{minute:02} cannot have am or pm")));
        }
        _ => hour,
    };
    let datetime = civil::DateTime::new(year, month_no, day, hour, minute, 0, 0)
        .map_err(|_| unparseable(format!("{hour}:{minute:02} is not a time of day")))?;
    let Some(zone) = zone else {
        return Ok(ParsedDate {
            value: date.to_string(),
            lang,
            reading_minutes,
            note: Some("the date line names no time zone, so only the day was kept".into()),
        });
    };
    let tz = TimeZone::get(zone).map_err(|e| unparseable(format!("time zone {zone}: {e}")))?;
    let zoned = datetime.to_zoned_datetime(tz).map_err(|e| unparseable(format!("{e}")))?;
    let value = zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    Ok(ParsedDate { value, lang, reading_minutes, note: None })
}

/// A day or year, allowing ordinal suffixes (`24th`, `1st`) and a trailing dot (`24.`).
fn number(token: &str) -> Option<u32> {
    let t = token.trim_end_matches('.');
    let t = ["st", "nd", "rd", "th", "º", "o"].iter().find_map(|s| t.strip_suffix(s)).unwrap_or(t);
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
        assert_eq!(parse_date_line("Feb 1, 2025 12:10 am ET").unwrap().value, "2025-02-01T00:10:00-05:00");
        assert_eq!(parse_date_line("Feb 1, 2025 12:10 pm PT").unwrap().value, "2025-02-01T12:10:00-08:00");
        assert_eq!(
            parse_date_line("3 de agosto de 2025, 9:00\u{a0}p.\u{a0}m. GMT").unwrap().value,
            "2025-08-03T21:00:00+00:00"
        );
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
            parse_date_line("Montag, 24. Februar 2025, 4:37 Uhr ET"),
            Err(DateError::UnknownLanguage { .. })
        ));
        assert!(matches!(parse_date_line("Feb 30, 2025 4:37 am ET"), Err(DateError::Unparseable { .. })));
        assert!(matches!(parse_date_line("24/02/2025 4:37 am ET"), Err(DateError::Unparseable { .. })));
        assert!(matches!(parse_date_line("lunes, 2025, 4:37 am ET"), Err(DateError::Unparseable { .. })));
    }

    #[test]
    fn date_line_shape() {
        assert!(looks_like_date_line("Montag, 24. Februar 2025, 4:37 Uhr ET2 Min. Lesezeit"));
        assert!(looks_like_date_line("Monday, Feb 24, 2025 4:37 am ET1 min read"));
        assert!(!looks_like_date_line("Alibaba plans to invest in 2025 and beyond across many markets."));
    }
}
