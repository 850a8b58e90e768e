//! Site configuration: `config.yaml` exactly as written ([`RawConfig`], unknown keys are
//! errors) and the resolved, validated [`Config`] that the rest of the pipeline reads.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// The name of the config file in a site folder.
pub const CONFIG_FILE: &str = "config.yaml";

/// Languages a site can be built in: those the default theme ships strings for
/// (`i18n` embeds one file for each).
pub const SUPPORTED: [&str; 2] = ["en", "es"];

/// Whether capbrief can build a site in `code`.
pub fn is_supported(code: &str) -> bool {
    SUPPORTED.contains(&code)
}

/// `config.yaml` as the user wrote it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default = "default_language")]
    default_language: String,
    #[serde(default)]
    author: Option<String>,
    #[serde(default = "default_paginate")]
    paginate: usize,
    #[serde(default)]
    feed: FeedConfig,
    #[serde(default)]
    highlight: HighlightConfig,
    #[serde(default = "default_taxonomies")]
    taxonomies: Vec<String>,
    #[serde(default)]
    languages: BTreeMap<String, LanguageConfig>,
    #[serde(default)]
    companies: Vec<CompanyConfig>,
    #[serde(default = "default_true")]
    builtin_companies: bool,
    #[serde(default)]
    fx: Option<FxConfig>,
    #[serde(default)]
    dedup: DedupConfig,
    #[serde(default)]
    unsafe_html: bool,
    #[serde(default)]
    cname: Option<String>,
    #[serde(default)]
    output_dir: Option<String>,
    #[serde(default = "default_true")]
    search: bool,
}

fn default_language() -> String {
    "en".into()
}
fn default_true() -> bool {
    true
}
fn default_paginate() -> usize {
    10
}
fn default_taxonomies() -> Vec<String> {
    TAXONOMIES.iter().map(|s| s.to_string()).collect()
}

/// The taxonomies capbrief knows: each is a front matter list field.
pub const TAXONOMIES: [&str; 3] = ["tags", "companies", "tickers"];

/// Atom feed settings.
#[derive(Debug, Clone, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedConfig {
    /// Write `atom.xml` (per language).
    pub enabled: bool,
    /// How many entries, newest first.
    pub limit: usize,
    /// File name at the root of each language.
    pub filename: String,
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig { enabled: true, limit: 20, filename: "atom.xml".into() }
    }
}

/// Syntax highlighting themes (syntect's embedded set), light and dark.
#[derive(Debug, Clone, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct HighlightConfig {
    /// Theme for the light colour scheme.
    pub theme: String,
    /// Theme for `prefers-color-scheme: dark`.
    pub dark_theme: String,
}

impl Default for HighlightConfig {
    fn default() -> Self {
        HighlightConfig { theme: "InspiredGitHub".into(), dark_theme: "base16-ocean.dark".into() }
    }
}

/// Per-language settings under `languages:`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// Site title in this language.
    #[serde(default)]
    pub title: Option<String>,
    /// Site description in this language.
    #[serde(default)]
    pub description: Option<String>,
    /// UI string overrides for this language (keys of the theme's i18n files).
    #[serde(default)]
    pub strings: BTreeMap<String, String>,
    /// Disclosure text overrides for this language.
    #[serde(default)]
    pub disclosures: DisclosureTexts,
}

/// The disclosure texts a site may override per language.
#[derive(Debug, Clone, Default, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureTexts {
    /// Editorial disclosure for articles written and reviewed by people.
    #[serde(default)]
    pub editorial: Option<String>,
    /// Disclosure for articles with `ai_generated: true`.
    #[serde(default)]
    pub ai: Option<String>,
    /// Investment warning.
    #[serde(default)]
    pub investment: Option<String>,
    /// The short note pages other than briefings carry at their foot.
    #[serde(default)]
    pub note: Option<String>,
    /// The notice next to an AI-drafted briefing's byline.
    #[serde(default)]
    pub ai_notice: Option<String>,
}

/// One entry of the company registry: a built-in entry (`src/capex/companies.yaml`) or one
/// under `companies:` in config.yaml, which extends or replaces the built-in entry it names.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct CompanyConfig {
    /// Canonical name, as tables show it.
    pub name: String,
    /// Other names found in news text: brands, cloud brands and subsidiaries (Google, AWS,
    /// Alibaba Cloud), older and local-language names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Stock tickers, one per listing (`BABA`, `9988.HK`, `005930.KS`).
    #[serde(default)]
    pub tickers: Vec<String>,
    /// ISO 3166-1 alpha-2 country code of the headquarters.
    #[serde(default)]
    pub country: Option<String>,
    /// Fiscal year end month (1-12) when it is not December, e.g. 6 for Microsoft.
    #[serde(default)]
    pub fiscal_year_end: Option<u8>,
    /// What the entry is; `None` reads as [`CompanyKind::Company`].
    #[serde(default)]
    pub kind: Option<CompanyKind>,
    /// For joint ventures, programmes and funds: the member entries, by name, alias or ticker.
    #[serde(default)]
    pub members: Vec<String>,
    /// Phrases news text uses to refer back to the company ("the iPhone maker"). Several
    /// entries may share one ("the chipmaker"); the text around it decides.
    #[serde(default)]
    pub descriptions: Vec<String>,
    /// Officers who announce spending.
    #[serde(default)]
    pub executives: Vec<Executive>,
    /// In config.yaml: this entry replaces the built-in entry it names instead of extending it.
    #[serde(default, skip_serializing)]
    pub replace: bool,
}

impl CompanyConfig {
    /// What the entry is (a company unless it says otherwise).
    pub fn kind(&self) -> CompanyKind {
        self.kind.unwrap_or_default()
    }
}

/// What a registry entry stands for. Only a company is ever given a joint venture's money.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum CompanyKind {
    /// A company (listed or private).
    #[default]
    Company,
    /// A company owned by several others (Stargate).
    JointVenture,
    /// A named programme of several companies that is not a company itself.
    #[serde(alias = "program")]
    Programme,
    /// An investment fund or partnership (MGX, the AI Infrastructure Partnership).
    Fund,
}

impl CompanyKind {
    /// The word config.yaml uses.
    pub fn as_str(self) -> &'static str {
        match self {
            CompanyKind::Company => "company",
            CompanyKind::JointVenture => "joint_venture",
            CompanyKind::Programme => "programme",
            CompanyKind::Fund => "fund",
        }
    }
}

/// An officer of a registry entry.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Executive {
    /// Full name as news text writes it.
    pub name: String,
    /// Role, with dates for a former one ("CFO", "CEO until 2024").
    pub title: String,
}

/// Currency rates to USD under `fx:`, over the bundled monthly table (`capex::fx`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FxConfig {
    /// The date `rates` are from (YYYY-MM-DD), printed in the notes under tables; required
    /// with `rates`.
    #[serde(default)]
    pub as_of: Option<String>,
    /// USD value of one unit of each currency, by ISO 4217 code: one rate for every month.
    #[serde(default)]
    pub rates: BTreeMap<String, f64>,
    /// USD value of one unit of each currency by month (`2025-02: { CNY: 0.1372 }`): for
    /// commitments announced in that month, before `rates` and the bundled table.
    #[serde(default)]
    pub monthly: BTreeMap<String, BTreeMap<String, f64>>,
}

/// Cross-article duplicate detection settings under `dedup:`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DedupConfig {
    /// Detect repeated passages and near-duplicate articles.
    pub enabled: bool,
    /// Jaccard similarity of word shingles at or above which two articles are one story.
    pub threshold: f64,
    /// Share of the shorter article's shingles found in the longer one at or above which the
    /// shorter is a copy (a cut, a first take), whatever the Jaccard similarity.
    pub containment: f64,
    /// Words the shorter article needs (furniture left out) before containment can decide.
    pub containment_min_words: usize,
    /// Fold related coverage (the same news in other words) into the canonical story, as
    /// copies are, instead of listing it under the story.
    pub fold_rewrites: bool,
}

/// Default of `dedup.threshold`.
pub const DEFAULT_DEDUP_THRESHOLD: f64 = 0.5;

/// Hashes a number from the config by its value: `-0.0` as `0.0`, which it equals.
fn hash_f64<H: Hasher>(value: f64, state: &mut H) {
    let value = if value == 0.0 { 0.0 } else { value };
    value.to_bits().hash(state);
}

// By hand only because `f64` has no `Hash`. The pattern names every field, so a field added
// later does not compile until it is hashed too.
impl Hash for FxConfig {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let FxConfig { as_of, rates, monthly } = self;
        as_of.hash(state);
        let hash_rates = |rates: &BTreeMap<String, f64>, state: &mut H| {
            rates.len().hash(state);
            for (currency, rate) in rates {
                currency.hash(state);
                hash_f64(*rate, state);
            }
        };
        hash_rates(rates, state);
        monthly.len().hash(state);
        for (month, rates) in monthly {
            month.hash(state);
            hash_rates(rates, state);
        }
    }
}

impl Hash for DedupConfig {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let DedupConfig { enabled, threshold, containment, containment_min_words, fold_rewrites } = self;
        enabled.hash(state);
        hash_f64(*threshold, state);
        hash_f64(*containment, state);
        containment_min_words.hash(state);
        fold_rewrites.hash(state);
    }
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            enabled: true,
            threshold: DEFAULT_DEDUP_THRESHOLD,
            containment: 0.7,
            containment_min_words: 40,
            fold_rewrites: false,
        }
    }
}

/// A language the site is built in.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct Language {
    /// BCP 47 code: `en`, `es`.
    pub code: String,
    /// Site title in this language.
    pub title: String,
    /// Site description in this language.
    pub description: String,
    /// UI string overrides from config.
    pub strings: BTreeMap<String, String>,
    /// Disclosure overrides from config.
    pub disclosures: DisclosureTexts,
}

/// The resolved configuration: every invariant holds.
#[derive(Debug, Clone, Hash)]
pub struct Config {
    /// The site folder.
    pub root: PathBuf,
    /// Site title in the default language.
    pub title: String,
    /// Site description in the default language.
    pub description: String,
    /// Absolute base URL, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending in `/` (`/` or `/repo/`).
    pub base_path: String,
    /// Default author for articles that name none.
    pub author: Option<String>,
    /// Items per listing page.
    pub paginate: usize,
    /// Feed settings.
    pub feed: FeedConfig,
    /// Highlight themes.
    pub highlight: HighlightConfig,
    /// Enabled taxonomies, in a fixed order.
    pub taxonomies: Vec<String>,
    /// Languages, the default first, then by code.
    pub languages: Vec<Language>,
    /// The company registry in force: the built-in entries (unless `builtin_companies: false`)
    /// merged with `companies:`, every name, alias and ticker belonging to one entry.
    pub companies: Vec<CompanyConfig>,
    /// Where each entry of `companies` came from, by index.
    pub company_origins: Vec<crate::capex::registry::Origin>,
    /// Site FX rates, if given (embedded defaults apply otherwise).
    pub fx: Option<FxConfig>,
    /// Dedup settings.
    pub dedup: DedupConfig,
    /// Trust raw HTML in Markdown (no sanitising).
    pub unsafe_html: bool,
    /// Custom domain for branch deploys.
    pub cname: Option<String>,
    /// Output folder (absolute or relative to the root), default `public`.
    pub output_dir: PathBuf,
    /// Write the search index and put a search box on every page (`search: false` turns
    /// both off).
    pub search: bool,
}

/// Why `root` is not a site folder (it has no `config.yaml`), said plainly, or `None` when it
/// is one. Commands that need a site check this first, so a user in the wrong folder reads
/// one sentence about where they are instead of a build failure.
pub fn not_a_site(root: &Path) -> Option<Diagnostic> {
    if root.join(CONFIG_FILE).exists() {
        return None;
    }
    let named = if root == Path::new(".") || root.as_os_str().is_empty() {
        match std::env::current_dir() {
            Ok(cwd) => format!("this folder ({})", cwd.display()),
            Err(_) => "this folder".to_string(),
        }
    } else {
        format!("`{}`", root.display())
    };
    let message = if root.is_dir() {
        format!("{named} is not a capbrief site: it has no {CONFIG_FILE}")
    } else {
        format!("{named} does not exist")
    };
    Some(Diagnostic::error(None, message).with_help(
        "run the command in your site folder or pass --root DIR; to start a site, run `capbrief init DIR`",
    ))
}

impl Config {
    /// Reads and resolves `<root>/config.yaml`.
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        if let Some(d) = not_a_site(root) {
            return Err(d.into());
        }
        let path = root.join(CONFIG_FILE);
        let shown = crate::content::shown_path(root, &path);
        let text = match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    return Err(Diagnostic::error(
                        Some(Location::file(&shown)),
                        "config file is not valid UTF-8",
                    )
                    .with_help("save config.yaml as UTF-8")
                    .into())
                }
            },
            Err(e) => {
                return Err(Diagnostic::error(
                    Some(Location::file(&shown)),
                    format!("cannot read the site config: {e}"),
                )
                .with_help(
                    "run capbrief in a site folder, pass --root DIR, or create one with `capbrief init`",
                )
                .into())
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n");
        let raw: RawConfig =
            yaml::parse(&text, yaml::Origin { path: &shown, file_text: &text, line_offset: 0 })?;
        Config::resolve(root, raw, &shown, &text)
    }

    /// Validates a raw config into a resolved one.
    pub fn resolve(root: &Path, raw: RawConfig, shown: &Path, text: &str) -> Result<Config, Diagnostics> {
        // Destructured without `..`: a new config key does not compile until it is handled here.
        let RawConfig {
            title,
            description,
            base_url,
            default_language,
            author,
            paginate,
            feed,
            highlight,
            taxonomies,
            languages,
            companies,
            builtin_companies,
            fx,
            dedup,
            unsafe_html,
            cname,
            output_dir,
            search,
        } = raw;
        let mut diags = Diagnostics::new();
        let at = |key: &[&str]| {
            let line = yaml::locate(text, key).unwrap_or(0);
            Some(Location::at(shown, line, if line > 0 { 1 } else { 0 }))
        };
        let (base_url, base_path) = match normalise_base_url(&base_url) {
            Ok(pair) => pair,
            Err(msg) => {
                diags.push(Diagnostic::error(at(&["base_url"]), msg).with_help(
                    "use an absolute URL such as https://owner.github.io/repo/ or https://example.com/",
                ));
                (String::new(), String::from("/"))
            }
        };
        if paginate == 0 {
            diags.push(Diagnostic::error(at(&["paginate"]), "`paginate` must be at least 1"));
        }
        for t in &taxonomies {
            if !TAXONOMIES.contains(&t.as_str()) {
                let mut d = Diagnostic::error(at(&["taxonomies"]), format!("unknown taxonomy `{t}`"));
                if let Some(best) = crate::diag::did_you_mean(t, TAXONOMIES) {
                    d = d.with_help(format!("did you mean `{best}`? known: {}", TAXONOMIES.join(", ")));
                }
                diags.push(d);
            }
        }
        let taxonomies: Vec<String> =
            TAXONOMIES.iter().filter(|t| taxonomies.iter().any(|x| x == *t)).map(|t| t.to_string()).collect();
        if feed.limit == 0 || feed.filename.is_empty() || feed.filename.contains(['/', '\\']) {
            diags.push(Diagnostic::error(
                at(&["feed"]),
                "`feed.limit` must be at least 1 and `feed.filename` a plain file name",
            ));
        }
        for (key, value) in [("threshold", dedup.threshold), ("containment", dedup.containment)] {
            if !(0.0..=1.0).contains(&value) || value.is_nan() {
                diags.push(Diagnostic::error(
                    at(&["dedup", key]),
                    format!("`dedup.{key}` must be between 0 and 1"),
                ));
            }
        }
        let mut langs: Vec<Language> = Vec::new();
        let mut seen_default = false;
        for (code, lc) in &languages {
            if !is_supported(code) {
                diags.push(
                    Diagnostic::error(at(&["languages", code]), format!("unsupported language `{code}`"))
                        .with_help(format!("supported: {}", SUPPORTED.join(", "))),
                );
                continue;
            }
            seen_default |= *code == default_language;
            langs.push(Language {
                code: code.clone(),
                title: lc.title.clone().unwrap_or_else(|| title.clone()),
                description: lc.description.clone().unwrap_or_else(|| description.clone()),
                strings: lc.strings.clone(),
                disclosures: lc.disclosures.clone(),
            });
        }
        if !is_supported(&default_language) {
            diags.push(
                Diagnostic::error(
                    at(&["default_language"]),
                    format!("unsupported language `{default_language}`"),
                )
                .with_help(format!("supported: {}", SUPPORTED.join(", "))),
            );
        } else if !seen_default {
            langs.push(Language {
                code: default_language.clone(),
                title: title.clone(),
                description: description.clone(),
                strings: BTreeMap::new(),
                disclosures: DisclosureTexts::default(),
            });
        }
        langs.sort_by_key(|l| (l.code != default_language, l.code.clone()));
        if let Some(c) = &cname {
            if c.is_empty() || c.contains(['/', ':', ' ']) {
                diags.push(
                    Diagnostic::error(
                        at(&["cname"]),
                        format!("`cname` must be a bare domain name, found `{c}`"),
                    )
                    .with_help("for example: briefings.example.com"),
                );
            }
        }
        let builtin = if builtin_companies {
            match crate::capex::registry::builtin() {
                Ok(list) => list,
                Err(d) => {
                    diags.push(d);
                    Vec::new()
                }
            }
        } else {
            Vec::new()
        };
        let merged = crate::capex::registry::merge(builtin, companies);
        for p in merged.problems {
            let mut key = vec!["companies".to_string()];
            key.extend(p.entry.map(|e| format!("#{e}")));
            key.extend(p.field.map(str::to_string));
            let key: Vec<&str> = key.iter().map(String::as_str).collect();
            // The field's line, else the entry's, else the list's.
            let line = (1..=key.len()).rev().find_map(|n| yaml::locate(text, &key[..n])).unwrap_or(0);
            let line_str = crate::diag::line_text(text, line);
            let column = p
                .field
                .and_then(|f| line_str.find(&format!("{f}:")))
                .or_else(|| line_str.find(|c: char| !c.is_whitespace() && c != '-'))
                .map_or(0, |c| line_str[..c].chars().count() + 1);
            let location = Some(Location::at(shown, line, if line > 0 { column } else { 0 }));
            diags.push(Diagnostic::error(location, p.message).with_help(p.help).with_snippet(line_str));
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(Config {
            root: root.to_path_buf(),
            title,
            description,
            base_url,
            base_path,
            author,
            paginate,
            feed,
            highlight,
            taxonomies,
            languages: langs,
            companies: merged.companies,
            company_origins: merged.origins,
            fx,
            dedup,
            unsafe_html,
            cname,
            output_dir: PathBuf::from(output_dir.unwrap_or_else(|| "public".into())),
            search,
        })
    }

    /// The default language code.
    pub fn default_lang(&self) -> &str {
        self.languages.first().map_or("en", |l| l.code.as_str())
    }

    /// Replaces the base URL (for `--base-url` and the preview server).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path) = normalise_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }

    /// A site path (`briefings/x/`) as a root-relative URL under the base path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, crate::paths::url_path(path.trim_start_matches('/')))
    }

    /// A site path as an absolute URL.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, crate::paths::url_path(path.trim_start_matches('/')))
    }
}

/// `https://x.y/repo` → (`https://x.y/repo/`, `/repo/`).
fn normalise_base_url(url: &str) -> Result<(String, String), String> {
    let cleaned = crate::url_policy::check_url(url).map_err(|r| format!("`base_url`: {r}"))?;
    let url = cleaned.as_str();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`base_url` must start with https:// or http://, found `{url}`"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() || host.contains(['?', '#', ' ', '\\']) || path.contains(['?', '#', ' ', '\\']) {
        return Err(format!("`base_url` is not a plain absolute URL: `{url}`"));
    }
    let path = format!("/{}", path.trim_matches('/'));
    let base_path = if path == "/" { "/".to_string() } else { format!("{path}/") };
    let scheme_len = url.len() - rest.len();
    Ok((format!("{}{}{}", &url[..scheme_len], host, base_path), base_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_forms() {
        assert_eq!(
            normalise_base_url("https://o.github.io/repo").unwrap(),
            ("https://o.github.io/repo/".into(), "/repo/".into())
        );
        assert_eq!(normalise_base_url("https://ex.com").unwrap(), ("https://ex.com/".into(), "/".into()));
        assert!(normalise_base_url("ex.com").is_err());
        // The URL policy cleans first, then only http and https are a site's address.
        assert_eq!(normalise_base_url("\u{1} https://ex.com\t").unwrap().0, "https://ex.com/");
        for bad in ["javascript:alert(1)//", " JaVa\tScRiPt:x", "mailto:a@b.c", "https://ex.com/\u{202e}x"] {
            assert!(normalise_base_url(bad).is_err(), "{bad:?}");
        }
    }
}
