//! Languages: the UI strings of each language (theme defaults plus site overrides), and
//! dates and reading times written the way each language writes them.

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;

/// Languages the default theme ships strings for.
pub const SUPPORTED: [&str; 2] = ["en", "es"];

/// Whether capbrief can build a site in `code`.
pub fn is_supported(code: &str) -> bool {
    SUPPORTED.contains(&code)
}

fn embedded(code: &str) -> &'static str {
    match code {
        "es" => include_str!("theme/i18n/es.yaml"),
        _ => include_str!("theme/i18n/en.yaml"),
    }
}

/// UI strings per language.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    by_lang: BTreeMap<String, BTreeMap<String, String>>,
}

impl Strings {
    /// Theme strings for every configured language, with the site's overrides applied.
    /// A key present in one language and missing in another is an error listing them all.
    pub fn load(config: &Config) -> Result<Strings, Diagnostics> {
        let mut by_lang = BTreeMap::new();
        let mut diags = Diagnostics::new();
        for lang in &config.languages {
            let mut map: BTreeMap<String, String> = match serde_yaml::from_str(embedded(&lang.code)) {
                Ok(m) => m,
                Err(e) => {
                    diags.push(Diagnostic::error(
                        None,
                        format!("embedded strings for `{}` are invalid: {e}", lang.code),
                    ));
                    BTreeMap::new()
                }
            };
            map.extend(lang.strings.clone());
            by_lang.insert(lang.code.clone(), map);
        }
        let all_keys: std::collections::BTreeSet<&String> = by_lang.values().flat_map(|m| m.keys()).collect();
        for (code, map) in &by_lang {
            let missing: Vec<&str> =
                all_keys.iter().filter(|k| !map.contains_key(**k)).map(|k| k.as_str()).collect();
            if !missing.is_empty() {
                diags.push(
                    Diagnostic::error(
                        None,
                        format!("language `{code}` is missing UI strings: {}", missing.join(", ")),
                    )
                    .with_help(format!("add them under `languages.{code}.strings` in config.yaml")),
                );
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(Strings { by_lang })
    }

    /// The string `key` in `lang`, or `None`.
    pub fn get(&self, lang: &str, key: &str) -> Option<&str> {
        self.by_lang.get(lang).and_then(|m| m.get(key)).map(String::as_str)
    }

    /// All strings of a language (for templates).
    pub fn for_lang(&self, lang: &str) -> Option<&BTreeMap<String, String>> {
        self.by_lang.get(lang)
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ES: [&str; 12] = [
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
];

/// `24 February 2025` / `24 de febrero de 2025`.
pub fn format_date(date: jiff::civil::Date, lang: &str) -> String {
    let m = (date.month() as usize).saturating_sub(1).min(11);
    match lang {
        "es" => format!("{} de {} de {}", date.day(), MONTHS_ES[m], date.year()),
        _ => format!("{} {} {}", date.day(), MONTHS_EN[m], date.year()),
    }
}

/// Minutes to read `words` at 220 words a minute, at least one.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(220).max(1)
}

/// A number with the language's separators: `1,234.5` / `1234,5` / `12.345,5` (Spanish
/// groups thousands only from five digits, as the RAE recommends).
pub fn format_number(x: f64, max_decimals: usize, lang: &str) -> String {
    let negative = x < 0.0;
    let text = format!("{:.*}", max_decimals, x.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (text.clone(), String::new()),
    };
    let (group, decimal) = if lang == "es" { ('.', ',') } else { (',', '.') };
    let group_from = if lang == "es" { 5 } else { 4 };
    let mut grouped = String::new();
    if int_part.len() >= group_from {
        for (i, c) in int_part.chars().enumerate() {
            if i > 0 && (int_part.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(c);
        }
    } else {
        grouped = int_part;
    }
    let mut out = String::new();
    if negative && (grouped.chars().any(|c| c != '0') || !frac_part.is_empty()) {
        out.push('-');
    }
    out.push_str(&grouped);
    if !frac_part.is_empty() {
        out.push(decimal);
        out.push_str(&frac_part);
    }
    out
}

/// How English writes a currency before an amount.
fn currency_prefix_en(code: &str) -> String {
    match code {
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        "JPY" => "¥".into(),
        "CNY" => "RMB ".into(),
        "HKD" => "HK$".into(),
        "TWD" => "NT$".into(),
        "KRW" => "₩".into(),
        "INR" => "₹".into(),
        other => format!("{other} "),
    }
}

/// Spanish name of a currency, plural, after `de`.
fn currency_name_es(code: &str) -> String {
    match code {
        "USD" => "dólares".into(),
        "EUR" => "euros".into(),
        "GBP" => "libras esterlinas".into(),
        "JPY" => "yenes".into(),
        "CNY" => "yuanes".into(),
        "HKD" => "dólares de Hong Kong".into(),
        "TWD" => "dólares taiwaneses".into(),
        "KRW" => "wones".into(),
        "INR" => "rupias".into(),
        other => other.to_string(),
    }
}

/// An amount of money as each language writes it: `$53 billion`, `$1.2 trillion`,
/// `RMB 380 billion`; `53.000 millones de dólares`, `1.200.000 millones de dólares`.
/// Spanish never uses `billón` for 10⁹ (it means 10¹²), so large amounts are counted in
/// `millones`.
pub fn format_money(amount: f64, currency: &str, lang: &str) -> String {
    if lang == "es" {
        let name = currency_name_es(currency);
        let abs = amount.abs();
        if abs >= 1e6 {
            let millions = amount / 1e6;
            let decimals = if millions.abs() >= 100.0 { 0 } else { 1 };
            let unit = if (millions.abs() - 1.0).abs() < f64::EPSILON { "millón" } else { "millones" };
            return format!("{} {unit} de {name}", format_number(millions, decimals, lang));
        }
        return format!("{} {name}", format_number(amount, 0, lang));
    }
    let prefix = currency_prefix_en(currency);
    let abs = amount.abs();
    let (value, unit) = if abs >= 1e12 {
        (amount / 1e12, " trillion")
    } else if abs >= 1e9 {
        (amount / 1e9, " billion")
    } else if abs >= 1e6 {
        (amount / 1e6, " million")
    } else {
        (amount, "")
    };
    let decimals = match value.abs() {
        _ if unit.is_empty() => 0,
        v if v >= 100.0 => 0,
        v if v >= 10.0 => 1,
        _ => 2,
    };
    format!("{prefix}{}{unit}", format_number(value, decimals, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_per_language() {
        let d = jiff::civil::date(2025, 2, 24);
        assert_eq!(format_date(d, "en"), "24 February 2025");
        assert_eq!(format_date(d, "es"), "24 de febrero de 2025");
    }

    #[test]
    fn money_per_language() {
        assert_eq!(format_money(53e9, "USD", "en"), "$53 billion");
        assert_eq!(format_money(1.2e12, "USD", "en"), "$1.2 trillion");
        assert_eq!(format_money(380e9, "CNY", "en"), "RMB 380 billion");
        assert_eq!(format_money(20.7e9, "USD", "en"), "$20.7 billion");
        assert_eq!(format_money(53e9, "USD", "es"), "53.000 millones de dólares");
        assert_eq!(format_money(1.2e12, "USD", "es"), "1.200.000 millones de dólares");
        assert_eq!(format_money(150e9, "CNY", "es"), "150.000 millones de yuanes");
        assert_eq!(format_money(850e6, "EUR", "es"), "850 millones de euros");
        assert!(!format_money(53e9, "USD", "es").contains("billones"));
    }

    #[test]
    fn numbers_per_language() {
        assert_eq!(format_number(1234.5, 1, "en"), "1,234.5");
        assert_eq!(format_number(1234.5, 1, "es"), "1234,5");
        assert_eq!(format_number(12345.25, 2, "es"), "12.345,25");
        assert_eq!(format_number(26.5, 1, "en"), "26.5");
    }

    #[test]
    fn embedded_languages_have_the_same_keys() {
        let en: BTreeMap<String, String> = serde_yaml::from_str(embedded("en")).unwrap();
        let es: BTreeMap<String, String> = serde_yaml::from_str(embedded("es")).unwrap();
        assert_eq!(en.keys().collect::<Vec<_>>(), es.keys().collect::<Vec<_>>());
    }
}
