//! Wire datelines at the start of a story: `SAN FRANCISCO, June 4 (Reuters) -`,
//! `TOKYO, Jan. 21 (Reuters) —`, `HONG KONG, Feb 24 (Bloomberg) --`, `Madrid, 4 jun (EFE).-`,
//! `NEW YORK, June 4, 2025 /PRNewswire/ --`, `BEIJING (Reuters) -`. They give the day and
//! month (the year only in press releases) and the agency.

/// A dateline read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// The place, as written.
    pub(crate) city: Option<String>,
    /// Month and day, when the dateline has them.
    pub(crate) month_day: Option<(i8, i8)>,
    /// The year, when written (press releases).
    pub(crate) year: Option<i16>,
    /// The agency in brackets or slashes.
    pub(crate) agency: String,
}

#[rustfmt::skip]
const MONTHS: [(&str, i8); 37] = [
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
    ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9),
    ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12), ("enero", 1), ("febrero", 2), ("marzo", 3),
    ("abril", 4), ("mayo", 5), ("junio", 6), ("julio", 7), ("agosto", 8), ("septiembre", 9),
    ("octubre", 10), ("noviembre", 11), ("diciembre", 12), ("ene", 1),
];

#[rustfmt::skip]
const MONTHS_ES_SHORT: [(&str, i8); 3] = [("abr", 4), ("ago", 8), ("dic", 12)];

fn month(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().chain(MONTHS_ES_SHORT.iter()).find(|(n, _)| *n == w).map(|(_, m)| *m)
}

/// Reads the dateline at the start of `paragraph`, if it has one.
pub(crate) fn read(paragraph: &str) -> Option<Dateline> {
    let head: String = paragraph.chars().take(140).collect();
    // The agency: the first `(Agency)` or `/Agency/` followed by a dash, or followed by the
    // text itself when a date comes before it (`New Delhi, Jan 7 (PTI) Microsoft …`).
    let mut from = 0;
    while let Some(rel) = head[from..].find(['(', '/']) {
        let open = from + rel;
        from = open + 1;
        let close = if head.as_bytes()[open] == b'(' { ')' } else { '/' };
        let Some(rel_close) = head[open + 1..].find(close) else { break };
        let agency = head[open + 1..open + 1 + rel_close].trim();
        let after = &head[open + rel_close + 2..];
        if !agency_shaped(agency) {
            continue;
        }
        let dash = after.trim_start().trim_start_matches('.').trim_start();
        let dashed = dash.starts_with(['-', '—', '–', ':']);
        let before = head[..open].trim().trim_end_matches(',').trim();
        let Some((city, month_day, year)) = place_and_date(before) else { continue };
        let text_follows = after.starts_with(' ') && dash.starts_with(char::is_uppercase);
        if dashed || (text_follows && month_day.is_some()) {
            return Some(Dateline { city, month_day, year, agency: agency_name(agency) });
        }
    }
    None
}

/// An agency's name as written in a dateline: one to four words, capitalised, no figures.
fn agency_shaped(agency: &str) -> bool {
    (1..=4).contains(&agency.split_whitespace().count())
        && agency.chars().next().is_some_and(char::is_uppercase)
        && !agency.chars().any(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ':'))
}

/// `EUROPA PRESS` → `Europa Press`; acronyms (`EFE`, `AFP`, `PTI`) stay as they are.
fn agency_name(agency: &str) -> String {
    let shouting = agency.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    if !shouting || agency.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return agency.to_string();
    }
    agency
        .split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or(String::new(), |f| {
                f.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The place and date before the agency: `SAN FRANCISCO, June 4`, `San Francisco (EE.UU.), 4
/// feb`, `BEIJING`, `June 4`.
fn place_and_date(before: &str) -> Option<(Option<String>, MonthDay, Option<i16>)> {
    let (city, date) = match before.split_once(',') {
        Some((city, date)) => (Some(city.trim()), date.trim()),
        None if before.chars().next().is_some_and(|c| c.is_ascii_digit()) || starts_with_month(before) => {
            (None, before)
        }
        None => (Some(before).filter(|b| !b.is_empty()), ""),
    };
    if let Some(c) = city {
        if !city_shaped(c) {
            return None;
        }
    }
    let (month_day, year) = if date.is_empty() { (None, None) } else { read_date(date)? };
    Some((city.map(str::to_string), month_day, year))
}

fn starts_with_month(text: &str) -> bool {
    text.split_whitespace().next().is_some_and(|w| month(w).is_some())
}

/// A place name: one to four words, capitalised (wire style writes it in capitals), with the
/// country in brackets if the agency adds it (`San Francisco (EE.UU.)`).
fn city_shaped(city: &str) -> bool {
    let city = city.split(" (").next().unwrap_or(city);
    let words: Vec<&str> = city.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) || *w == "de" || *w == "del")
        && !city.chars().any(|c| c.is_ascii_digit())
}

/// Month and day, when known.
type MonthDay = Option<(i8, i8)>;

/// `June 4`, `Jan. 21`, `4 jun`, `4 de junio`, `June 4, 2025`.
fn read_date(date: &str) -> Option<(MonthDay, Option<i16>)> {
    let words: Vec<&str> =
        date.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty() && *w != "de").collect();
    let num = |w: &str| w.trim_end_matches(['.', 'º']).parse::<i16>().ok();
    let (m, d, rest) = match words.as_slice() {
        [a, b, rest @ ..] if month(a).is_some() => (month(a)?, num(b)?, rest),
        [a, b, rest @ ..] if month(b).is_some() => (month(b)?, num(a)?, rest),
        _ => return None,
    };
    let year = match rest {
        [] => None,
        [y] if y.len() == 4 => Some(num(y)?),
        _ => return None,
    };
    let d = i8::try_from(d).ok().filter(|d| (1..=31).contains(d))?;
    Some((Some((m, d)), year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_and_press_release_forms() {
        let d = read("SAN FRANCISCO, June 4 (Reuters) - Oracle said").unwrap();
        assert_eq!(
            (d.city.as_deref(), d.month_day, d.year, d.agency.as_str()),
            (Some("SAN FRANCISCO"), Some((6, 4)), None, "Reuters")
        );
        let d = read("TOKYO, Jan. 21 (Reuters) — SoftBank").unwrap();
        assert_eq!(d.month_day, Some((1, 21)));
        let d = read("HONG KONG, Feb 24 (Bloomberg) -- Alibaba").unwrap();
        assert_eq!((d.month_day, d.agency.as_str()), (Some((2, 24)), "Bloomberg"));
        let d = read("Madrid, 4 jun (EFE).- Telefónica").unwrap();
        assert_eq!((d.month_day, d.agency.as_str()), (Some((6, 4)), "EFE"));
        let d = read("NEW YORK, June 4, 2025 /PRNewswire/ -- Acme").unwrap();
        assert_eq!((d.month_day, d.year, d.agency.as_str()), (Some((6, 4)), Some(2025), "PRNewswire"));
        let d = read("BEIJING (Reuters) - Baidu").unwrap();
        assert_eq!((d.city.as_deref(), d.month_day), (Some("BEIJING"), None));
        let d = read("June 4 (Reuters) - Nvidia").unwrap();
        assert_eq!((d.city, d.month_day), (None, Some((6, 4))));
        let d = read("San Francisco (EE.UU.), 4 feb (EFE).- Alphabet").unwrap();
        assert_eq!((d.month_day, d.agency.as_str()), (Some((2, 4)), "EFE"));
        let d = read("New Delhi, Jan 7 (PTI) Microsoft will invest").unwrap();
        assert_eq!((d.month_day, d.agency.as_str()), (Some((1, 7)), "PTI"));
        let d = read("MADRID, 5 Dic. (EUROPA PRESS) -").unwrap();
        assert_eq!((d.month_day, d.agency.as_str()), (Some((12, 5)), "Europa Press"));
    }

    #[test]
    fn prose_with_brackets_is_no_dateline() {
        assert!(read("Microsoft (MSFT) said on Monday - in a filing - that").is_none());
        assert!(read("The company said capex would rise (see chart) - a record").is_none());
        assert!(read("Alibaba Group will invest at least 380 billion yuan ($53 billion) in cloud").is_none());
    }
}
