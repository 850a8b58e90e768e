//! Languages: the UI strings of each language (theme defaults plus site overrides), and
//! dates and reading times written the way each language writes them.

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Location};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The default theme's strings for a language of `config::SUPPORTED` (config checks the site's
/// languages against that list before anything reads strings).
fn embedded(code: &str) -> &'static str {
    match code {
        "es" => include_str!("theme/i18n/es.yaml"),
        _ => include_str!("theme/i18n/en.yaml"),
    }
}

/// The folder of a site that holds its per-language string files (`i18n/es.yaml`).
pub const SITE_STRINGS_DIR: &str = "i18n";

/// UI strings per language.
#[derive(Debug, Clone, Default, Hash)]
pub struct Strings {
    by_lang: BTreeMap<String, BTreeMap<String, String>>,
    /// Language codes in config order (the default first).
    order: Vec<String>,
}

/// One language's disclosures as a page shows them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Disclosure {
    /// Language of this block (its `lang` attribute).
    pub lang: String,
    /// Heading of the block (`Disclosures` / `Avisos`).
    pub heading: String,
    /// Label of the production disclosure (`About this briefing`).
    pub production_label: String,
    /// How the page was produced: the editorial text, or the AI text for `ai_generated: true`.
    pub production: String,
    /// Label of the investment warning.
    pub investment_label: String,
    /// The investment warning.
    pub investment: String,
    /// Whether `production` is the AI wording.
    pub ai_generated: bool,
    /// The short site-wide note pages other than briefings carry.
    pub note: String,
    /// The notice an AI-drafted briefing carries by its byline.
    pub ai_notice: String,
}

impl Strings {
    /// Theme strings for every configured language, with the site's overrides applied in
    /// this order: the theme's file, the site's `i18n/<code>.yaml`, `languages.<code>.strings`,
    /// then `languages.<code>.disclosures`. A key present in one language and missing in
    /// another is an error listing them all.
    pub fn load(config: &Config) -> Result<Strings, Diagnostics> {
        let mut by_lang = BTreeMap::new();
        let mut diags = Diagnostics::new();
        let mut site_files: BTreeMap<String, PathBuf> = BTreeMap::new();
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
            let file = config.root.join(SITE_STRINGS_DIR).join(format!("{}.yaml", lang.code));
            if file.is_file() {
                let shown = crate::content::shown_path(&config.root, &file);
                match read_site_strings(&file, &shown) {
                    Ok(site) => map.extend(site),
                    Err(d) => diags.push(d),
                }
                site_files.insert(lang.code.clone(), shown);
            }
            map.extend(lang.strings.clone());
            let d = &lang.disclosures;
            for (key, text) in [
                ("disclosure_editorial", &d.editorial),
                ("disclosure_ai", &d.ai),
                ("disclosure_investment", &d.investment),
                ("disclosure_note", &d.note),
                ("disclosure_ai_notice", &d.ai_notice),
            ] {
                if let Some(t) = text {
                    map.insert(key.to_string(), t.trim().to_string());
                }
            }
            by_lang.insert(lang.code.clone(), map);
        }
        reject_unused_files(config, &mut diags);
        let all_keys: BTreeSet<&String> = by_lang.values().flat_map(|m| m.keys()).collect();
        for (code, map) in &by_lang {
            let missing: Vec<&str> =
                all_keys.iter().filter(|k| !map.contains_key(**k)).map(|k| k.as_str()).collect();
            if missing.is_empty() {
                continue;
            }
            let file = site_files.get(code).cloned().unwrap_or_else(|| {
                crate::content::shown_path(&config.root, &config.root.join(crate::config::CONFIG_FILE))
            });
            let place = match site_files.get(code) {
                Some(f) => format!("add them to {}", f.display()),
                None => format!(
                    "add them to {SITE_STRINGS_DIR}/{code}.yaml in the site folder, or under `languages.{code}.strings` in config.yaml"
                ),
            };
            diags.push(
                Diagnostic::error(
                    Some(Location::file(file)),
                    format!(
                        "language `{code}` is missing {} UI string{}: {}",
                        missing.len(),
                        if missing.len() == 1 { "" } else { "s" },
                        missing.join(", ")
                    ),
                )
                .with_help(format!("{place}; every language needs every key another language defines")),
            );
        }
        if diags.has_errors() {
            return Err(diags);
        }
        let order = config.languages.iter().map(|l| l.code.clone()).collect();
        Ok(Strings { by_lang, order })
    }

    /// The string `key` in `lang`, or `None`.
    pub fn get(&self, lang: &str, key: &str) -> Option<&str> {
        self.by_lang.get(lang).and_then(|m| m.get(key)).map(String::as_str)
    }

    /// The disclosures of a page in every language, the page's own language first.
    pub fn disclosures(&self, page_lang: &str, ai_generated: bool) -> Vec<Disclosure> {
        let mut codes: Vec<&String> = self.order.iter().filter(|c| *c == page_lang).collect();
        codes.extend(self.order.iter().filter(|c| *c != page_lang));
        let text = |lang: &str, key: &str| self.get(lang, key).unwrap_or_default().to_string();
        codes
            .into_iter()
            .map(|lang| Disclosure {
                lang: lang.clone(),
                heading: text(lang, "disclosures"),
                production_label: text(lang, "disclosure_production_label"),
                production: text(lang, if ai_generated { "disclosure_ai" } else { "disclosure_editorial" }),
                investment_label: text(lang, "disclosure_investment_label"),
                investment: text(lang, "disclosure_investment"),
                ai_generated,
                note: text(lang, "disclosure_note"),
                ai_notice: text(lang, "disclosure_ai_notice"),
            })
            .collect()
    }
}

/// A site's `i18n/<code>.yaml`: a flat mapping of keys to strings.
fn read_site_strings(file: &Path, shown: &Path) -> Result<BTreeMap<String, String>, Diagnostic> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        Diagnostic::error(Some(Location::file(shown)), format!("cannot read the strings file: {e}"))
            .with_help("save it as UTF-8 text")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    crate::yaml::parse(text, crate::yaml::Origin { path: shown, file_text: text, line_offset: 0 }).map_err(
        |d| d.with_help("a strings file is a flat mapping of keys to text, e.g. `read_more: Seguir leyendo`"),
    )
}

/// A strings file for a language the site does not build is most likely a typo (`sp.yaml`),
/// and ignoring it would hide the user's translations, so it is an error like a misspelt
/// config key.
fn reject_unused_files(config: &Config, diags: &mut Diagnostics) {
    let dir = config.root.join(SITE_STRINGS_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    names.sort();
    for path in names {
        let is_yaml = path.extension().is_some_and(|x| x == "yaml" || x == "yml");
        let code = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let used =
            path.extension().is_some_and(|x| x == "yaml") && config.languages.iter().any(|l| l.code == code);
        if is_yaml && !used {
            let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            diags.push(
                Diagnostic::error(
                    Some(Location::file(crate::content::shown_path(&config.root, &path))),
                    format!("`{code}` is not a language of this site, so these strings would never be used"),
                )
                .with_help(format!(
                    "name the file after one of the languages in config.yaml ({}), as `<code>.yaml`",
                    codes.join(", ")
                )),
            );
        }
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
/// The English name of month `m` (1–12).
pub(crate) fn month_en(m: u8) -> Option<&'static str> {
    MONTHS_EN.get(usize::from(m).checked_sub(1)?).copied()
}

/// The Spanish month names, lower case.
pub(crate) const MONTHS_ES: [&str; 12] = [
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

/// Country names by ISO 3166-1 alpha-2 code: English, Spanish.
const COUNTRIES: &[(&str, &str, &str)] = &[
    ("AE", "United Arab Emirates", "Emiratos Árabes Unidos"),
    ("AR", "Argentina", "Argentina"),
    ("AT", "Austria", "Austria"),
    ("AU", "Australia", "Australia"),
    ("BE", "Belgium", "Bélgica"),
    ("BR", "Brazil", "Brasil"),
    ("CA", "Canada", "Canadá"),
    ("CH", "Switzerland", "Suiza"),
    ("CL", "Chile", "Chile"),
    ("CN", "China", "China"),
    ("DE", "Germany", "Alemania"),
    ("DK", "Denmark", "Dinamarca"),
    ("EG", "Egypt", "Egipto"),
    ("ES", "Spain", "España"),
    ("FI", "Finland", "Finlandia"),
    ("FR", "France", "Francia"),
    ("GB", "United Kingdom", "Reino Unido"),
    ("HK", "Hong Kong", "Hong Kong"),
    ("ID", "Indonesia", "Indonesia"),
    ("IE", "Ireland", "Irlanda"),
    ("IL", "Israel", "Israel"),
    ("IN", "India", "India"),
    ("IT", "Italy", "Italia"),
    ("JP", "Japan", "Japón"),
    ("KE", "Kenya", "Kenia"),
    ("KR", "South Korea", "Corea del Sur"),
    ("KW", "Kuwait", "Kuwait"),
    ("LU", "Luxembourg", "Luxemburgo"),
    ("MX", "Mexico", "México"),
    ("MY", "Malaysia", "Malasia"),
    ("NG", "Nigeria", "Nigeria"),
    ("NL", "Netherlands", "Países Bajos"),
    ("NO", "Norway", "Noruega"),
    ("NZ", "New Zealand", "Nueva Zelanda"),
    ("PH", "Philippines", "Filipinas"),
    ("PL", "Poland", "Polonia"),
    ("PT", "Portugal", "Portugal"),
    ("QA", "Qatar", "Catar"),
    ("RU", "Russia", "Rusia"),
    ("SA", "Saudi Arabia", "Arabia Saudí"),
    ("SE", "Sweden", "Suecia"),
    ("SG", "Singapore", "Singapur"),
    ("TH", "Thailand", "Tailandia"),
    ("TR", "Türkiye", "Turquía"),
    ("TW", "Taiwan", "Taiwán"),
    ("UA", "Ukraine", "Ucrania"),
    ("US", "United States", "Estados Unidos"),
    ("VN", "Vietnam", "Vietnam"),
    ("ZA", "South Africa", "Sudáfrica"),
];

/// The name of the country with ISO 3166-1 alpha-2 `code` in `lang`, or the code itself
/// when capbrief has no name for it.
pub fn country_name<'a>(code: &'a str, lang: &str) -> &'a str {
    match COUNTRIES.binary_search_by(|(c, _, _)| (*c).cmp(code)) {
        Ok(i) if lang == "es" => COUNTRIES[i].2,
        Ok(i) => COUNTRIES[i].1,
        Err(_) => code,
    }
}

/// `June` / `junio`: the name of month `m` (1–12) on its own.
pub fn month_name(m: u8, lang: &str) -> &'static str {
    let i = usize::from(m.clamp(1, 12)) - 1;
    if lang == "es" {
        MONTHS_ES[i]
    } else {
        MONTHS_EN[i]
    }
}

/// `February 2025` / `febrero de 2025` (month 1–12).
pub fn format_month(year: i16, month: i8, lang: &str) -> String {
    let m = usize::try_from(month).unwrap_or(1).saturating_sub(1).min(11);
    match lang {
        "es" => format!("{} de {year}", MONTHS_ES[m]),
        _ => format!("{} {year}", MONTHS_EN[m]),
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

/// `x` rounded to `digits` significant digits (whole numbers only are affected above that).
fn round_significant(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let magnitude = x.abs().log10().floor() as i32 + 1;
    if magnitude <= digits {
        return x;
    }
    let factor = 10f64.powi(magnitude - digits);
    (x / factor).round() * factor
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
            let (millions, decimals) = millions_es(amount);
            let unit = if (millions.abs() - 1.0).abs() < f64::EPSILON { "millón" } else { "millones" };
            return format!("{} {unit} de {name}", format_number(millions, decimals, lang));
        }
        return format!("{} {name}", format_number(amount, 0, lang));
    }
    let prefix = currency_prefix_en(currency);
    let (value, unit, decimals) = scaled_en(amount, [" trillion", " billion", " million"]);
    format!("{prefix}{}{unit}", format_number(value, decimals, lang))
}

/// `amount` in the largest of trillions, billions and millions it reaches, with that unit's
/// name from `units` (none under a million) and the decimals that keep three significant
/// digits at most: $380 billion, $20.7 billion, $1.25 trillion.
fn scaled_en(amount: f64, units: [&str; 3]) -> (f64, &str, usize) {
    let abs = amount.abs();
    let (value, unit) = if abs >= 1e12 {
        (amount / 1e12, units[0])
    } else if abs >= 1e9 {
        (amount / 1e9, units[1])
    } else if abs >= 1e6 {
        (amount / 1e6, units[2])
    } else {
        (amount, "")
    };
    let decimals = match value.abs() {
        _ if unit.is_empty() => 0,
        v if v >= 100.0 => 0,
        v if v >= 10.0 => 1,
        _ => 2,
    };
    (value, unit, decimals)
}

/// `amount` in millions, as Spanish counts large amounts, to three significant digits as the
/// English form has (53.000 millones, not 53.048), and its decimals.
fn millions_es(amount: f64) -> (f64, usize) {
    let millions = round_significant(amount / 1e6, 3);
    (millions, if millions.abs() >= 100.0 { 0 } else { 1 })
}

/// An amount of money in the compact form tables and charts use: `$100bn`, `$1.2tn`,
/// `$850m`, `RMB 380bn`; `100.000 M$`, `850 M€`, `380.000 M CNY` (Spanish counts millions,
/// as its press does, and puts the currency after them). Three significant digits.
pub fn format_money_compact(amount: f64, currency: &str, lang: &str) -> String {
    let (number, before, after) = compact_parts(amount, currency, lang);
    format!("{before}{number}{after}")
}

/// `$60–65bn` / `60.000–65.000 M$`: a range with its shared currency and unit written once.
pub fn format_money_range_compact(low: f64, high: Option<f64>, currency: &str, lang: &str) -> String {
    let Some(high) = high else { return format_money_compact(low, currency, lang) };
    let (a, before_a, after_a) = compact_parts(low, currency, lang);
    let (b, before_b, after_b) = compact_parts(high, currency, lang);
    if before_a == before_b && after_a == after_b {
        format!("{before_a}{a}–{b}{after_a}")
    } else {
        format!("{before_a}{a}{after_a}–{before_b}{b}{after_b}")
    }
}

/// The number, what goes before it and what goes after it, of a compact amount.
fn compact_parts(amount: f64, currency: &str, lang: &str) -> (String, String, String) {
    if lang == "es" {
        let symbol = match currency {
            "USD" => "$".to_string(),
            "EUR" => "€".to_string(),
            "GBP" => "£".to_string(),
            other => format!("\u{a0}{other}"),
        };
        if amount.abs() >= 1e6 {
            let (millions, decimals) = millions_es(amount);
            return (format_number(millions, decimals, lang), String::new(), format!("\u{a0}M{symbol}"));
        }
        let sep = if symbol.starts_with('\u{a0}') { "" } else { "\u{a0}" };
        return (format_number(amount, 0, lang), String::new(), format!("{sep}{symbol}"));
    }
    let prefix = currency_prefix_en(currency);
    let (value, unit, decimals) = scaled_en(amount, ["tn", "bn", "m"]);
    (format_number(value, decimals, lang), prefix.replace(' ', "\u{a0}"), unit.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SUPPORTED;

    #[test]
    fn dates_per_language() {
        let d = jiff::civil::date(2025, 2, 24);
        assert_eq!(format_date(d, "en"), "24 February 2025");
        assert_eq!(format_date(d, "es"), "24 de febrero de 2025");
        assert_eq!(format_month(2025, 2, "en"), "February 2025");
        assert_eq!(format_month(2025, 2, "es"), "febrero de 2025");
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0), "sorted for the search");
        assert_eq!(country_name("KR", "es"), "Corea del Sur");
        assert_eq!(country_name("US", "en"), "United States");
        assert_eq!(country_name("XK", "en"), "XK");
        assert_eq!(month_name(6, "es"), "junio");
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
        assert_eq!(format_money(53.048e9, "USD", "es"), "53.000 millones de dólares");
        assert_eq!(format_money(20.87e9, "USD", "es"), "20.900 millones de dólares");
        assert!(!format_money(53e9, "USD", "es").contains("billones"));
        assert_eq!(format_money_compact(100e9, "USD", "en"), "$100bn");
        assert_eq!(format_money_compact(1.2e12, "USD", "en"), "$1.2tn");
        assert_eq!(format_money_compact(850e6, "USD", "en"), "$850m");
        assert_eq!(format_money_compact(20.87e9, "USD", "en"), "$20.9bn");
        assert_eq!(format_money_compact(380e9, "CNY", "en"), "RMB\u{a0}380bn");
        assert_eq!(format_money_compact(100e9, "USD", "es"), "100.000\u{a0}M$");
        assert_eq!(format_money_compact(850e6, "EUR", "es"), "850\u{a0}M€");
        assert_eq!(format_money_compact(380e9, "CNY", "es"), "380.000\u{a0}M\u{a0}CNY");
        assert_eq!(format_money_range_compact(60e9, Some(65e9), "USD", "en"), "$60–65bn");
        assert_eq!(format_money_range_compact(800e6, Some(1.2e9), "USD", "en"), "$800m–$1.2bn");
        assert_eq!(format_money_range_compact(60e9, Some(65e9), "USD", "es"), "60.000–65.000\u{a0}M$");
    }

    #[test]
    fn numbers_per_language() {
        assert_eq!(format_number(1234.5, 1, "en"), "1,234.5");
        assert_eq!(format_number(1234.5, 1, "es"), "1234,5");
        assert_eq!(format_number(12345.25, 2, "es"), "12.345,25");
        assert_eq!(format_number(26.5, 1, "en"), "26.5");
    }

    fn embedded_strings() -> Strings {
        let mut by_lang = BTreeMap::new();
        for code in SUPPORTED {
            by_lang.insert(code.to_string(), serde_yaml::from_str(embedded(code)).unwrap());
        }
        Strings { by_lang, order: vec!["en".into(), "es".into()] }
    }

    #[test]
    fn disclosures_come_in_every_language_the_page_language_first() {
        let strings = embedded_strings();
        let es = strings.disclosures("es", false);
        assert_eq!(es.iter().map(|d| d.lang.as_str()).collect::<Vec<_>>(), ["es", "en"]);
        assert!(es[0].production.contains("editado personas"));
        assert!(es[1].investment.contains("not investment advice"));
        let ai = strings.disclosures("en", true);
        assert_eq!(ai[0].lang, "en");
        assert!(ai[0].production.contains("AI software"));
        assert!(ai[1].production.contains("inteligencia artificial"));
        for d in ai {
            assert!(!d.production.is_empty() && !d.investment.is_empty() && !d.heading.is_empty());
        }
    }

    #[test]
    fn spanish_money_counts_thousands_of_millions() {
        for amount in [1e9, 53e9, 65e9, 380e9, 999e9, 1.2e12] {
            let text = format_money(amount, "USD", "es");
            assert!(text.contains("millones de dólares"), "{text}");
            assert!(!text.contains("billón") && !text.contains("billones"), "{text}");
        }
        assert_eq!(format_money(1e9, "USD", "es"), "1000 millones de dólares");
        assert_eq!(format_money(1e6, "EUR", "es"), "1 millón de euros");
        assert_eq!(format_money(2.5e6, "EUR", "es"), "2,5 millones de euros");
    }

    #[test]
    fn every_spanish_month_is_lower_case() {
        for m in 1..=12 {
            let text = format_date(jiff::civil::date(2025, m, 1), "es");
            assert_eq!(text, text.to_lowercase(), "{text}");
        }
        assert_eq!(format_date(jiff::civil::date(2025, 9, 1), "es"), "1 de septiembre de 2025");
    }

    #[test]
    fn embedded_languages_have_the_same_keys() {
        let en: BTreeMap<String, String> = serde_yaml::from_str(embedded("en")).unwrap();
        let es: BTreeMap<String, String> = serde_yaml::from_str(embedded("es")).unwrap();
        assert_eq!(en.keys().collect::<Vec<_>>(), es.keys().collect::<Vec<_>>());
    }
}
