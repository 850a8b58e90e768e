//! The company registry: the built-in entries (`companies.yaml`) merged with `companies:`
//! from config, looked up by name, alias or ticker (case, spacing and legal suffixes
//! ignored), with each entry's kind, members, descriptions and executives, plus a
//! word-boundary scanner for company mentions in text.

use crate::config::{CompanyConfig, CompanyKind, Executive};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// The built-in registry, as data.
const BUILTIN_YAML: &str = include_str!("companies.yaml");

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

/// The built-in entries every site starts with.
pub fn builtin() -> Result<Vec<CompanyConfig>, crate::diag::Diagnostic> {
    let origin = crate::yaml::Origin {
        path: Path::new("(built-in registry) src/capex/companies.yaml"),
        file_text: BUILTIN_YAML,
        line_offset: 0,
    };
    crate::yaml::parse(BUILTIN_YAML, origin)
}

/// Where an entry of the registry in force came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The built-in entry as it is.
    BuiltIn,
    /// A built-in entry that config.yaml extended.
    Extended,
    /// A built-in entry that config.yaml replaced (`replace: true`).
    Replaced,
    /// An entry that only config.yaml has.
    Site,
}

impl Origin {
    /// How `capbrief companies` shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::BuiltIn => "built-in",
            Origin::Extended => "built-in, extended",
            Origin::Replaced => "built-in, replaced",
            Origin::Site => "config.yaml",
        }
    }
}

/// A problem with an entry of the site's `companies:` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The entry's position in `companies:` (0-based); `None` for the built-in list itself.
    pub entry: Option<usize>,
    /// The field at fault, when one is.
    pub field: Option<&'static str>,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
}

/// The registry in force and what was wrong with the site's part of it.
#[derive(Debug, Clone, Default)]
pub struct Merged {
    /// Built-in entries first (in their order), then the entries only the site has.
    pub companies: Vec<CompanyConfig>,
    /// Where each entry came from.
    pub origins: Vec<Origin>,
    /// Problems, in `companies:` order.
    pub problems: Vec<Problem>,
}

/// Merges the site's `companies:` into the built-in entries.
///
/// A site entry whose name, alias or ticker is a key of a built-in entry changes that entry:
/// scalar fields it gives (`country`, `fiscal_year_end`, `kind`) replace the built-in ones;
/// lists (`aliases`, `tickers`, `members`, `descriptions`, `executives`) are added to (an
/// executive of the same name takes the site's title); a different `name` becomes the name
/// tables show and the built-in name stays an alias. With `replace: true` the site entry
/// takes the built-in entry's place as written. Any other site entry is added. Every key
/// then belongs to exactly one entry.
pub fn merge(builtin: Vec<CompanyConfig>, site: Vec<CompanyConfig>) -> Merged {
    if site.is_empty() {
        // The built-in entries alone: their invariants are checked by this module's tests,
        // so a site without `companies:` pays only for parsing them.
        let origins = vec![Origin::BuiltIn; builtin.len()];
        return Merged { companies: builtin, origins, problems: Vec::new() };
    }
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, c) in builtin.iter().enumerate() {
        for (key, _) in keys(c) {
            index.entry(key).or_insert(i);
        }
    }
    let builtin_len = builtin.len();
    let mut out =
        Merged { origins: vec![Origin::BuiltIn; builtin_len], companies: builtin, problems: Vec::new() };
    // Which site entry made or changed each entry, to point problems at config.yaml.
    let mut by_site: Vec<Option<usize>> = vec![None; builtin_len];
    let builtin_names: Vec<String> = out.companies.iter().map(|c| c.name.clone()).collect();
    for (j, mut s) in site.into_iter().enumerate() {
        let mut hits: Vec<(usize, String)> = Vec::new();
        for (key, written) in keys(&s) {
            if let Some(&i) = index.get(&key) {
                if !hits.iter().any(|(h, _)| *h == i) {
                    hits.push((i, written.to_string()));
                }
            }
        }
        match hits.as_slice() {
            [] => {
                if s.replace {
                    out.problems.push(Problem {
                        entry: Some(j),
                        field: Some("replace"),
                        message: format!("`replace: true`, but no built-in entry is called `{}`", s.name),
                        help: "`capbrief companies` lists the built-in entries; to add a new company, leave `replace` out".into(),
                    });
                }
                s.replace = false;
                out.companies.push(s);
                out.origins.push(Origin::Site);
                by_site.push(Some(j));
            }
            [(i, _)] => {
                let i = *i;
                if let Some(earlier) = by_site[i] {
                    out.problems.push(Problem {
                        entry: Some(j),
                        field: None,
                        message: format!(
                            "`{}` and entry {} (`{}`) both change the built-in entry `{}`",
                            s.name,
                            earlier + 1,
                            out.companies[i].name,
                            builtin_names[i]
                        ),
                        help: "write one entry per company: put the aliases, tickers and other fields of both into one".into(),
                    });
                    continue;
                }
                by_site[i] = Some(j);
                if s.replace {
                    s.replace = false;
                    out.companies[i] = s;
                    out.origins[i] = Origin::Replaced;
                } else {
                    extend(&mut out.companies[i], s);
                    out.origins[i] = Origin::Extended;
                }
            }
            [(a, by_a), (b, by_b), ..] => {
                out.problems.push(Problem {
                    entry: Some(j),
                    field: None,
                    message: format!(
                        "`{}` names two built-in entries: `{}` (by `{by_a}`) and `{}` (by `{by_b}`)",
                        s.name, out.companies[*a].name, out.companies[*b].name
                    ),
                    help: "an entry extends at most one built-in company: leave out the name, alias or ticker that belongs to the other one".into(),
                });
            }
        }
    }
    for (i, field, message, help) in check(&out.companies) {
        let entry = by_site.get(i).copied().flatten();
        out.problems.push(Problem { entry, field, message, help });
    }
    out.problems.sort_by_key(|p| p.entry.map_or(0, |e| e + 1));
    out
}

/// Adds what a site entry gives to the built-in entry it names.
fn extend(base: &mut CompanyConfig, site: CompanyConfig) {
    // Destructured without `..`: a new field does not compile until it is merged here.
    let CompanyConfig {
        name,
        aliases,
        tickers,
        country,
        fiscal_year_end,
        kind,
        members,
        descriptions,
        executives,
        replace: _,
    } = site;
    if name.trim() != base.name {
        if key_of(&name) != key_of(&base.name) {
            let old = std::mem::take(&mut base.name);
            base.aliases.insert(0, old);
        }
        base.aliases.retain(|a| key_of(a) != key_of(&name));
        base.name = name.trim().to_string();
    }
    let add = |list: &mut Vec<String>, more: Vec<String>| {
        for m in more {
            if !m.trim().is_empty() && !list.iter().any(|x| x.trim().eq_ignore_ascii_case(m.trim())) {
                list.push(m);
            }
        }
    };
    let name_key = key_of(&base.name);
    add(&mut base.aliases, aliases.into_iter().filter(|a| key_of(a) != name_key).collect());
    add(&mut base.tickers, tickers);
    add(&mut base.members, members);
    add(&mut base.descriptions, descriptions);
    for e in executives {
        match base.executives.iter_mut().find(|x| x.name.trim().eq_ignore_ascii_case(e.name.trim())) {
            Some(x) => x.title = e.title,
            None => base.executives.push(e),
        }
    }
    base.country = country.or(base.country.take());
    base.fiscal_year_end = fiscal_year_end.or(base.fiscal_year_end);
    base.kind = kind.or(base.kind);
}

/// Invariants of a registry: names present, every key of one entry only, months and country
/// codes well formed, members only for groups and each naming another entry. By entry index.
pub fn check(companies: &[CompanyConfig]) -> Vec<(usize, Option<&'static str>, String, String)> {
    let mut problems = Vec::new();
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (i, c) in companies.iter().enumerate() {
        if c.name.trim().is_empty() {
            problems.push((
                i,
                Some("name"),
                "a company needs a `name`".into(),
                "write the name tables should show: `name: Alphabet`".into(),
            ));
            continue;
        }
        for (key, written) in keys(c) {
            match owner.get(&key) {
                Some(&o) if o != i => {
                    let field = if c.tickers.iter().any(|t| t == written) {
                        "tickers"
                    } else if *written == c.name {
                        "name"
                    } else {
                        "aliases"
                    };
                    problems.push((
                        i,
                        Some(field),
                        format!("`{written}` of `{}` already names `{}`", c.name, companies[o].name),
                        "a name, alias or ticker can belong to one entry only: remove it here, or add this entry's fields to the other one".into(),
                    ));
                }
                Some(_) => {}
                None => {
                    owner.insert(key, i);
                }
            }
        }
        if let Some(m) = c.fiscal_year_end {
            if !(1..=12).contains(&m) {
                problems.push((
                    i,
                    Some("fiscal_year_end"),
                    format!("`fiscal_year_end: {m}` of `{}` is not a month", c.name),
                    "write the month the fiscal year ends in, 1 to 12: 6 for a year to 30 June".into(),
                ));
            }
        }
        if let Some(code) = &c.country {
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                problems.push((
                    i,
                    Some("country"),
                    format!("`country: {code}` of `{}` is not an ISO 3166 country code", c.name),
                    "write the two capital letters of ISO 3166-1 alpha-2: US, CN, JP, GB".into(),
                ));
            }
        }
        if c.executives.iter().any(|e| e.name.trim().is_empty()) {
            problems.push((
                i,
                Some("executives"),
                format!("an executive of `{}` has no name", c.name),
                "write `- { name: Satya Nadella, title: CEO }`".into(),
            ));
        }
    }
    for (i, c) in companies.iter().enumerate() {
        if c.members.is_empty() {
            continue;
        }
        if c.kind() == CompanyKind::Company {
            problems.push((
                i,
                Some("members"),
                format!("`{}` has `members` but is a company", c.name),
                "say what it is: `kind: joint_venture`, `kind: programme` or `kind: fund`".into(),
            ));
        }
        for m in &c.members {
            match owner.get(&key_of(m)).or_else(|| owner.get(&normalise(m))) {
                Some(&o) if o == i => problems.push((
                    i,
                    Some("members"),
                    format!("`{}` lists itself among its members", c.name),
                    "list the companies that own or run it".into(),
                )),
                Some(_) => {}
                None => problems.push((
                    i,
                    Some("members"),
                    format!("member `{m}` of `{}` is not in the registry", c.name),
                    format!("add `{m}` under `companies:`, or name a registered company (`capbrief companies` lists them)"),
                )),
            }
        }
    }
    problems
}

/// An entry's lookup keys with the text each came from: name, aliases and tickers, each as
/// written (trimmed, lower case) and normalised.
fn keys(c: &CompanyConfig) -> impl Iterator<Item = (String, &String)> {
    std::iter::once(&c.name).chain(&c.aliases).chain(&c.tickers).flat_map(|n| {
        let exact = key_of(n);
        let loose = normalise(n);
        let loose = (loose != exact).then_some(loose);
        std::iter::once(exact).chain(loose).filter(|k| !k.is_empty()).map(move |k| (k, n))
    })
}

fn key_of(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The registry built once per build from `config.companies`.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    companies: Vec<CompanyConfig>,
    /// Normalised name, alias or ticker → index into `companies`.
    by_key: HashMap<String, usize>,
    /// Ticker in canonical form ([`ticker_key`]) → index.
    by_ticker: HashMap<String, usize>,
    /// Lower-case executive name → (company index, executive index), in registry order.
    by_executive: HashMap<String, Vec<(usize, usize)>>,
    /// Each entry's members, as indexes (members the registry does not know are left out).
    members: Vec<Vec<usize>>,
    /// Every name and alias (not tickers, which collide with words), for scanning text;
    /// made on the first scan, since a build resolves names but scans no text.
    scanner: OnceLock<Option<(AhoCorasick, Vec<usize>)>>,
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
        let mut by_ticker = HashMap::new();
        let mut by_executive: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (i, c) in companies.iter().enumerate() {
            for (key, _) in keys(c) {
                by_key.entry(key).or_insert(i);
            }
            for t in &c.tickers {
                if let Some(key) = ticker_key(t) {
                    by_ticker.entry(key).or_insert(i);
                }
            }
            for (e, x) in c.executives.iter().enumerate() {
                by_executive.entry(key_of(&x.name)).or_default().push((i, e));
            }
        }
        let members = companies
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut found: Vec<usize> = Vec::with_capacity(c.members.len());
                for m in &c.members {
                    let hit = by_key.get(&key_of(m)).or_else(|| by_key.get(&normalise(m)));
                    if let Some(&k) = hit.filter(|&&k| k != i) {
                        if !found.contains(&k) {
                            found.push(k);
                        }
                    }
                }
                found
            })
            .collect();
        Registry {
            companies: companies.to_vec(),
            by_key,
            by_ticker,
            by_executive,
            members,
            scanner: OnceLock::new(),
        }
    }

    fn scanner(&self) -> Option<&(AhoCorasick, Vec<usize>)> {
        self.scanner
            .get_or_init(|| {
                let mut patterns: Vec<&str> = Vec::new();
                let mut owners: Vec<usize> = Vec::new();
                for (i, c) in self.companies.iter().enumerate() {
                    for n in std::iter::once(&c.name).chain(&c.aliases) {
                        let n = n.trim();
                        if !n.is_empty() {
                            patterns.push(n);
                            owners.push(i);
                        }
                    }
                }
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .ok()
                    .map(|ac| (ac, owners))
            })
            .as_ref()
    }

    /// Whether the site has a registry at all (an empty one accepts every name as written).
    pub fn is_empty(&self) -> bool {
        self.companies.is_empty()
    }

    /// The registered company called `name` (canonical name, alias or ticker; letter case,
    /// spacing and legal suffixes such as `Inc.` do not matter).
    pub fn resolve(&self, name: &str) -> Option<&CompanyConfig> {
        self.position(name).and_then(|i| self.companies.get(i))
    }

    /// The index of the company [`Registry::resolve`] finds.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.by_key.get(&key_of(name)).or_else(|| self.by_key.get(&normalise(name))).copied()
    }

    /// The index of the company listed under `symbol`, in the forms news pages print:
    /// `MSFT`, `9988.HK`, `700.HK`, `HK:0700`, `HKG:0700`, `NASDAQ: AMZN`, `(NYSE:ORCL)`,
    /// `MSFT.O`, `TYO:9984`, `KRX:005930`, `600941.SH`. A bare number (`0700`, `005930`)
    /// matches when one registered listing has it.
    pub fn by_ticker(&self, symbol: &str) -> Option<usize> {
        let keys = ticker_keys(symbol);
        if let Some(&i) = keys.iter().find_map(|k| self.by_ticker.get(k)) {
            return Some(i);
        }
        let key = keys.into_iter().next()?;
        let number = key.trim_start_matches('0');
        if key.bytes().all(|b| b.is_ascii_digit()) && !number.is_empty() {
            let mut found = self.by_ticker.iter().filter_map(|(k, &i)| {
                let (code, _) = k.split_once('.')?;
                (code.bytes().all(|b| b.is_ascii_digit()) && code.trim_start_matches('0') == number)
                    .then_some(i)
            });
            let first = found.next()?;
            return found.all(|i| i == first).then_some(first);
        }
        None
    }

    /// Every (company index, executive) whose executive is called `name` (letter case and
    /// surrounding spaces ignored), in registry order: one person can lead two companies.
    pub fn by_executive(&self, name: &str) -> impl Iterator<Item = (usize, &Executive)> + '_ {
        self.by_executive
            .get(&key_of(name))
            .into_iter()
            .flatten()
            .filter_map(|&(c, e)| Some((c, self.companies.get(c)?.executives.get(e)?)))
    }

    /// The phrases news text uses for company `i` ("the iPhone maker").
    pub fn descriptions(&self, i: usize) -> &[String] {
        self.companies.get(i).map_or(&[], |c| &c.descriptions)
    }

    /// The officers of company `i` who announce spending.
    pub fn executives(&self, i: usize) -> &[Executive] {
        self.companies.get(i).map_or(&[], |c| &c.executives)
    }

    /// What entry `i` is: a company, or a joint venture, programme or fund whose money
    /// belongs to none of its members alone.
    pub fn kind(&self, i: usize) -> CompanyKind {
        self.companies.get(i).map_or(CompanyKind::Company, CompanyConfig::kind)
    }

    /// The members of entry `i` (a joint venture, programme or fund), as indexes.
    pub fn members(&self, i: usize) -> &[usize] {
        self.members.get(i).map_or(&[], Vec::as_slice)
    }

    /// The joint ventures, programmes and funds that company `i` is a member of.
    pub fn groups_of(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.members.iter().enumerate().filter(move |(_, m)| m.contains(&i)).map(|(g, _)| g)
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
        let Some((ac, owners)) = self.scanner() else { return Vec::new() };
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

/// Exchange prefixes as pages print them (`NASDAQ:`, `HK:`, `TYO:`) → the suffixes the
/// registry writes tickers with, tried in order (`TSE` is Tokyo to some and Toronto to
/// others). An empty suffix is a US listing.
const EXCHANGE_PREFIXES: &[(&str, &[&str])] = &[
    ("NASDAQ", &[""]),
    ("NASDAQGS", &[""]),
    ("NASDAQGM", &[""]),
    ("NYSE", &[""]),
    ("NYSEARCA", &[""]),
    ("NYSEAMERICAN", &[""]),
    ("AMEX", &[""]),
    ("OTC", &[""]),
    ("OTCMKTS", &[""]),
    ("US", &[""]),
    ("HK", &[".HK"]),
    ("HKG", &[".HK"]),
    ("HKEX", &[".HK"]),
    ("SEHK", &[".HK"]),
    ("TYO", &[".T"]),
    ("JP", &[".T"]),
    ("TSE", &[".T", ".TO"]),
    ("TSX", &[".TO"]),
    ("KRX", &[".KS", ".KQ"]),
    ("KOSPI", &[".KS"]),
    ("KS", &[".KS"]),
    ("KOSDAQ", &[".KQ"]),
    ("TPE", &[".TW"]),
    ("TWSE", &[".TW"]),
    ("TW", &[".TW"]),
    ("NSE", &[".NS"]),
    ("BSE", &[".BO"]),
    ("SHA", &[".SS"]),
    ("SSE", &[".SS"]),
    ("SH", &[".SS"]),
    ("SHE", &[".SZ"]),
    ("SZSE", &[".SZ"]),
    ("SZ", &[".SZ"]),
    ("ETR", &[".DE"]),
    ("XETRA", &[".DE"]),
    ("BME", &[".MC"]),
    ("EPA", &[".PA"]),
    ("AMS", &[".AS"]),
    ("LON", &[".L"]),
    ("LSE", &[".L"]),
    ("SWX", &[".SW"]),
    ("STO", &[".ST"]),
    ("OSL", &[".OL"]),
    ("ASX", &[".AX"]),
];

/// Suffixes that only say which US market a symbol trades on (Reuters' `MSFT.O`,
/// `ORCL.N`), and other writings of a suffix the registry spells differently.
const SUFFIX_SYNONYMS: &[(&str, &str)] =
    &[(".O", ""), (".OQ", ""), (".N", ""), (".K", ""), (".A", ""), (".P", ""), (".SH", ".SS")];

/// A ticker in the one form the registry indexes: upper case, no spaces or parentheses,
/// exchange prefixes turned into suffixes, US market suffixes dropped, Hong Kong codes with
/// four digits (`HK:700` → `0700.HK`). `None` for text that holds no symbol.
pub fn ticker_key(symbol: &str) -> Option<String> {
    ticker_keys(symbol).into_iter().next()
}

/// Every form [`ticker_key`] could mean, most likely first (`TSE:` is Tokyo, then Toronto).
fn ticker_keys(symbol: &str) -> Vec<String> {
    let cleaned: String = symbol
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if cleaned.is_empty() || cleaned.len() > 32 {
        return Vec::new();
    }
    let (code, suffixes): (&str, Vec<&str>) = match cleaned.split_once(':') {
        Some((exchange, code)) => match EXCHANGE_PREFIXES.iter().find(|(e, _)| *e == exchange) {
            Some((_, suffixes)) => (code, suffixes.to_vec()),
            None => return Vec::new(),
        },
        None => match cleaned.rfind('.') {
            Some(dot) if dot > 0 => {
                let suffix = &cleaned[dot..];
                let suffix = SUFFIX_SYNONYMS.iter().find(|(s, _)| *s == suffix).map_or(suffix, |(_, to)| *to);
                (&cleaned[..dot], vec![suffix])
            }
            _ => (cleaned.as_str(), vec![""]),
        },
    };
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.') {
        return Vec::new();
    }
    suffixes
        .into_iter()
        .map(|suffix| {
            if suffix == ".HK" && code.bytes().all(|b| b.is_ascii_digit()) {
                format!("{:0>4}{suffix}", code.trim_start_matches('0'))
            } else {
                format!("{code}{suffix}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(name: &str, aliases: &[&str], tickers: &[&str]) -> CompanyConfig {
        CompanyConfig {
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            tickers: tickers.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
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

    fn builtin_registry() -> (Vec<CompanyConfig>, Registry) {
        let list = builtin().expect("the built-in registry parses");
        let r = Registry::new(&list);
        (list, r)
    }

    fn name_of(r: &Registry, i: Option<usize>) -> Option<&str> {
        i.and_then(|i| r.get(i)).map(|c| c.name.as_str())
    }

    #[test]
    fn builtin_registry_holds_its_invariants() {
        let (list, r) = builtin_registry();
        assert!(list.len() >= 60, "{} entries", list.len());
        // Names, aliases and tickers each belong to one entry; months, countries, members.
        assert_eq!(check(&list), Vec::new());
        for (i, c) in list.iter().enumerate() {
            assert!(!c.replace, "{}", c.name);
            assert_ne!(c.fiscal_year_end, Some(12), "{}: December is the default, leave it out", c.name);
            assert!(c.country.is_some(), "{} has no country", c.name);
            for t in &c.tickers {
                assert_eq!(
                    ticker_key(t).as_deref(),
                    Some(t.as_str()),
                    "{}: write `{t}` in canonical form",
                    c.name
                );
                assert_eq!(r.by_ticker(t), Some(i), "{t}");
            }
            // Every member is found, so no member is dropped from a group.
            assert_eq!(r.members(i).len(), c.members.len(), "{}", c.name);
            let group = matches!(c.kind(), CompanyKind::JointVenture | CompanyKind::Programme);
            assert!(
                !group || !c.members.is_empty(),
                "{}: joint ventures and programmes list members",
                c.name
            );
            assert!(c.members.is_empty() || c.kind() != CompanyKind::Company, "{}", c.name);
            for e in &c.executives {
                assert!(!e.title.trim().is_empty(), "{}: {} has no title", c.name, e.name);
            }
            for d in &c.descriptions {
                assert_eq!(d.trim(), d, "{}", c.name);
            }
        }
    }

    #[test]
    fn builtin_registry_knows_the_big_spenders() {
        let (_, r) = builtin_registry();
        let of = |name: &str| r.resolve(name).map(|c| c.name.as_str());
        assert_eq!(of("AWS"), Some("Amazon"));
        assert_eq!(of("Google Cloud"), Some("Alphabet"));
        assert_eq!(of("Google"), Some("Alphabet"));
        assert_eq!(of("Azure"), Some("Microsoft"));
        assert_eq!(of("Alibaba Cloud"), Some("Alibaba"));
        assert_eq!(of("Meta Platforms, Inc."), Some("Meta"));
        assert_eq!(of("Taiwan Semiconductor Manufacturing Co., Ltd."), Some("TSMC"));
        let fy = |name: &str| r.resolve(name).and_then(|c| c.fiscal_year_end);
        assert_eq!(
            [
                fy("Microsoft"),
                fy("Apple"),
                fy("Nvidia"),
                fy("Oracle"),
                fy("Alibaba"),
                fy("SoftBank"),
                fy("Alphabet")
            ],
            [Some(6), Some(9), Some(1), Some(5), Some(3), Some(3), None]
        );
        let stargate = r.position("Stargate").expect("Stargate");
        assert_eq!(r.kind(stargate), CompanyKind::JointVenture);
        let members: Vec<&str> =
            r.members(stargate).iter().filter_map(|&m| r.get(m)).map(|c| c.name.as_str()).collect();
        assert_eq!(members, ["OpenAI", "SoftBank", "Oracle", "MGX"]);
        let openai = r.position("OpenAI").expect("OpenAI");
        assert!(r.groups_of(openai).any(|g| g == stargate));
        assert!(r.descriptions(openai).iter().any(|d| d == "the ChatGPT maker"));
        let nadella: Vec<(usize, &str)> =
            r.by_executive("satya nadella").map(|(c, e)| (c, e.title.as_str())).collect();
        assert_eq!(nadella, [(r.position("Microsoft").expect("Microsoft"), "Chairman and CEO")]);
        // One person can lead two entries.
        assert_eq!(r.by_executive("Elon Musk").count(), 2);
    }

    #[test]
    fn tickers_in_the_forms_pages_print() {
        let (_, r) = builtin_registry();
        for (symbol, company) in [
            ("BABA", "Alibaba"),
            ("9988.HK", "Alibaba"),
            ("HK:9988", "Alibaba"),
            ("0700.HK", "Tencent"),
            ("700.HK", "Tencent"),
            ("(HK:0700)", "Tencent"),
            ("HKG: 700", "Tencent"),
            ("TCEHY", "Tencent"),
            ("(NYSE:ORCL)", "Oracle"),
            ("NASDAQ: AMZN", "Amazon"),
            ("( BIDU )", "Baidu"),
            ("MSFT.O", "Microsoft"),
            ("orcl.n", "Oracle"),
            ("TYO:9984", "SoftBank"),
            ("TSE:9984", "SoftBank"),
            ("TSX:BAM", "Brookfield Asset Management"),
            ("KRX:005930", "Samsung Electronics"),
            ("005930", "Samsung Electronics"),
            ("2330.TW", "TSMC"),
            ("TPE:2330", "TSMC"),
            ("TSM", "TSMC"),
            ("NSE:RELIANCE", "Reliance Industries"),
            ("600941.SH", "China Mobile"),
            ("SHA:600941", "China Mobile"),
            ("ETR:SAP", "SAP"),
        ] {
            assert_eq!(name_of(&r, r.by_ticker(symbol)), Some(company), "{symbol}");
        }
        for symbol in ["", "HK:", "XYZ:MSFT", "9999.HK", "NOPE", "$$$"] {
            assert_eq!(r.by_ticker(symbol), None, "{symbol}");
        }
    }

    fn site(yaml: &str) -> Vec<CompanyConfig> {
        serde_yaml::from_str(yaml).expect("test YAML")
    }

    #[test]
    fn site_entries_extend_the_builtin_ones_they_name() {
        let builtin = builtin().expect("built-in");
        let n = builtin.len();
        let merged = merge(
            builtin,
            site("
- name: Google          # an alias: renames Alphabet, which stays an alias
  aliases: [Alphabet Inc, Gemini maker]
  fiscal_year_end: 6
- name: Taiwan Semi     # matched by a ticker
  tickers: [TSM]
- name: Microsoft
  descriptions: [the Redmond company]
  executives: [{ name: Amy Hood, title: Chief Financial Officer }, { name: Judson Althoff, title: CEO of the commercial business }]
- name: Example Cloud
  tickers: [EXCL]
  country: US
- name: Alibaba
  replace: true
  tickers: [BABA]
"),
        );
        assert_eq!(merged.problems, Vec::new());
        assert_eq!(merged.companies.len(), n + 1);
        let r = Registry::new(&merged.companies);
        let google = r.resolve("Alphabet").expect("still found by its old name");
        assert_eq!(google.name, "Google");
        assert_eq!(google.fiscal_year_end, Some(6));
        assert!(google.aliases.iter().any(|a| a == "Gemini maker"));
        assert!(google.aliases.iter().filter(|a| a.as_str() == "Alphabet Inc").count() == 1);
        assert!(!google.aliases.iter().any(|a| a == "Google"), "the name is not also an alias");
        assert!(google.tickers.contains(&"GOOGL".to_string()), "built-in tickers are kept");
        let ms = r.resolve("Microsoft").expect("Microsoft");
        assert_eq!(r.resolve("TSMC").map(|c| c.name.as_str()), Some("Taiwan Semi"));
        assert!(ms.descriptions.iter().any(|d| d == "the Windows maker"));
        assert!(ms.descriptions.iter().any(|d| d == "the Redmond company"));
        let hood: Vec<&str> =
            ms.executives.iter().filter(|e| e.name == "Amy Hood").map(|e| e.title.as_str()).collect();
        assert_eq!(hood, ["Chief Financial Officer"]);
        assert!(ms.executives.iter().any(|e| e.name == "Satya Nadella"));
        let ali = r.resolve("BABA").expect("Alibaba");
        assert_eq!((ali.aliases.len(), ali.fiscal_year_end), (0, None), "replaced as written");
        assert_eq!(r.resolve("Alibaba Cloud"), None);
        assert_eq!(r.resolve("excl").map(|c| c.name.as_str()), Some("Example Cloud"));
        let origin_of = |name: &str| merged.origins[r.position(name).expect(name)];
        assert_eq!(origin_of("Google"), Origin::Extended);
        assert_eq!(origin_of("Alibaba"), Origin::Replaced);
        assert_eq!(origin_of("Example Cloud"), Origin::Site);
        assert_eq!(origin_of("Meta"), Origin::BuiltIn);
    }

    #[test]
    fn site_entries_that_cannot_merge_are_problems_at_their_entry() {
        let problems = |yaml: &str| {
            let merged = merge(builtin().expect("built-in"), site(yaml));
            merged.problems.into_iter().map(|p| (p.entry, p.field, p.message)).collect::<Vec<_>>()
        };
        let found = problems(
            "
- name: Example Cloud
- name: Google
  aliases: [Facebook]
- name: Alphabet Inc
- name: Alphabet
- name: Nowhere Inc
  replace: true
- name: Example JV
  kind: joint_venture
  members: [Example Cloud, Nobody]
- name: Oddity
  fiscal_year_end: 13
  country: usa
- name: Example Cloud Corp
",
        );
        let fields: Vec<(Option<usize>, Option<&str>)> = found.iter().map(|(e, f, _)| (*e, *f)).collect();
        assert_eq!(
            fields,
            [
                (Some(1), None),
                (Some(3), None),
                (Some(4), Some("replace")),
                (Some(5), Some("members")),
                (Some(6), Some("fiscal_year_end")),
                (Some(6), Some("country")),
                (Some(7), Some("name")),
            ],
            "{found:#?}"
        );
        assert!(found[0].2.contains("`Alphabet` (by `Google`) and `Meta` (by `Facebook`)"), "{}", found[0].2);
        assert!(found[1].2.contains("both change the built-in entry `Alphabet`"), "{}", found[1].2);
        assert!(found[3].2.contains("member `Nobody`"), "{}", found[3].2);
        assert!(found[6].2.contains("already names `Example Cloud`"), "{}", found[6].2);
    }

    #[test]
    fn without_builtin_entries_the_site_list_is_the_registry() {
        let merged = merge(Vec::new(), site("- name: Meta\n  aliases: [Facebook]\n"));
        assert_eq!(merged.problems, Vec::new());
        assert_eq!(merged.origins, [Origin::Site]);
        assert_eq!(Registry::new(&merged.companies).resolve("Google"), None);
    }
}
