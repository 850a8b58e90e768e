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
    fn embedded_languages_have_the_same_keys() {
        let en: BTreeMap<String, String> = serde_yaml::from_str(embedded("en")).unwrap();
        let es: BTreeMap<String, String> = serde_yaml::from_str(embedded("es")).unwrap();
        assert_eq!(en.keys().collect::<Vec<_>>(), es.keys().collect::<Vec<_>>());
    }
}
