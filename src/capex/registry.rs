//! The company registry: canonical names, aliases and tickers from `companies:` in config,
//! matched case-insensitively, plus a word-boundary scanner for company mentions in text.

use crate::config::CompanyConfig;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

/// Words that only say what kind of company a name is: `Alphabet Inc.` is Alphabet.
const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "plc",
    "llc",
    "ag",
    "sa",
    "se",
    "nv",
    "holdings",
    "holding",
    "group",
    "platforms",
];

/// The registry built once per build from `config.companies`.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    companies: Vec<CompanyConfig>,
    /// Normalised name, alias or ticker → index into `companies`.
    by_key: HashMap<String, usize>,
    /// Every name and alias (not tickers, which collide with words), for scanning text.
    scanner: Option<(AhoCorasick, Vec<usize>)>,
}

/// A company named in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range in the text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// Index of the company in the registry.
    pub company: usize,
}

impl Registry {
    /// Indexes the registry. Later duplicates of a key lose to earlier entries.
    pub fn new(companies: &[CompanyConfig]) -> Registry {
        let mut by_key = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut owners: Vec<usize> = Vec::new();
        for (i, c) in companies.iter().enumerate() {
            let names = std::iter::once(&c.name).chain(&c.aliases);
            for n in names.clone().chain(&c.tickers) {
                for key in [n.trim().to_lowercase(), normalise(n)] {
                    if !key.is_empty() {
                        by_key.entry(key).or_insert(i);
                    }
                }
            }
            for n in names {
                let n = n.trim();
                if !n.is_empty() {
                    patterns.push(n.to_string());
                    owners.push(i);
                }
            }
        }
        let scanner = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()
            .map(|ac| (ac, owners));
        Registry { companies: companies.to_vec(), by_key, scanner }
    }

    /// Whether the site has a registry at all (an empty one accepts every name as written).
    pub fn is_empty(&self) -> bool {
        self.companies.is_empty()
    }

    /// The registered company called `name` (canonical name, alias or ticker; letter case,
    /// spacing and legal suffixes such as `Inc.` do not matter).
    pub fn resolve(&self, name: &str) -> Option<&CompanyConfig> {
        let exact = name.trim().to_lowercase();
        self.by_key
            .get(&exact)
            .or_else(|| self.by_key.get(&normalise(name)))
            .and_then(|&i| self.companies.get(i))
    }

    /// The closest registered name to an unknown one, for "did you mean".
    pub fn suggest(&self, name: &str) -> Option<&str> {
        let candidates = self.companies.iter().flat_map(|c| std::iter::once(&c.name).chain(&c.aliases));
        let best = crate::diag::did_you_mean(name, candidates.map(String::as_str))?;
        self.resolve(best).map(|c| c.name.as_str())
    }

    /// Every registered company.
    pub fn companies(&self) -> &[CompanyConfig] {
        &self.companies
    }

    /// The company at registry index `i`.
    pub fn get(&self, i: usize) -> Option<&CompanyConfig> {
        self.companies.get(i)
    }

    /// Registered names and aliases in `text`, whole words only, in order.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        let Some((ac, owners)) = &self.scanner else { return Vec::new() };
        let bytes = text.as_bytes();
        ac.find_iter(text)
            .filter(|m| {
                let before_ok = m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
                let after_ok = m.end() >= bytes.len() || !is_word_byte(bytes[m.end()]);
                before_ok && after_ok
            })
            .filter_map(|m| {
                owners.get(m.pattern().as_usize()).map(|&company| Mention {
                    start: m.start(),
                    end: m.end(),
                    company,
                })
            })
            .collect()
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Lower case, punctuation dropped, legal suffixes removed: `Alibaba Group Holding Ltd.`
/// → `alibaba`.
fn normalise(name: &str) -> String {
    let cleaned: String =
        name.to_lowercase().chars().map(|c| if c.is_alphanumeric() || c == '&' { c } else { ' ' }).collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| LEGAL_SUFFIXES.contains(w)) {
        words.pop();
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(name: &str, aliases: &[&str], tickers: &[&str]) -> CompanyConfig {
        CompanyConfig {
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            tickers: tickers.iter().map(|s| s.to_string()).collect(),
            country: None,
            fiscal_year_end: None,
        }
    }

    fn registry() -> Registry {
        Registry::new(&[
            company("Alphabet", &["Google"], &["GOOGL"]),
            company("Meta", &["Facebook", "Meta Platforms"], &["META"]),
            company("Alibaba", &["Alibaba Group Holding Ltd"], &["BABA", "9988.HK"]),
        ])
    }

    #[test]
    fn resolves_names_aliases_tickers_and_suffixes() {
        let r = registry();
        assert_eq!(r.resolve("google").map(|c| c.name.as_str()), Some("Alphabet"));
        assert_eq!(r.resolve("  FACEBOOK ").map(|c| c.name.as_str()), Some("Meta"));
        assert_eq!(r.resolve("Alphabet Inc.").map(|c| c.name.as_str()), Some("Alphabet"));
        assert_eq!(r.resolve("Alibaba Group Holding Limited").map(|c| c.name.as_str()), Some("Alibaba"));
        assert_eq!(r.resolve("9988.hk").map(|c| c.name.as_str()), Some("Alibaba"));
        assert_eq!(r.resolve("Metaverse"), None);
        assert_eq!(r.suggest("Alphabt"), Some("Alphabet"));
        assert_eq!(r.suggest("Gogle"), Some("Alphabet"));
    }

    #[test]
    fn mentions_are_whole_words() {
        let r = registry();
        let text = "Metadata firms and Meta Platforms, unlike Google's rivals, metaphorically";
        let found: Vec<&str> = r.mentions(text).iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(found, ["Meta Platforms", "Google"]);
    }
}
