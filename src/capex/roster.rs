//! `capbrief companies`: the registry in force (built-in entries merged with config.yaml) as
//! a table, one entry in full with how a name reached it, or JSON. Formatting only; the
//! merge is `registry::merge`, run by `Config::resolve`.

use super::registry::{Origin, Registry};
use crate::config::CompanyConfig;
use std::fmt::Write as _;

/// How a looked-up name reached its entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The entry's name, an alias or a ticker (`how` says which).
    Entry {
        /// Registry index.
        company: usize,
        /// `name`, `alias` or `ticker`.
        how: &'static str,
    },
    /// A description or an executive's name, which may fit several entries.
    Reference {
        /// Registry indexes, in registry order.
        companies: Vec<usize>,
        /// `description` or `executive`.
        how: &'static str,
    },
}

/// What `query` names in `registry`, if anything.
pub fn find(registry: &Registry, query: &str) -> Option<Found> {
    let q = query.trim().to_lowercase();
    if let Some(i) = registry.position(query) {
        let c = registry.get(i)?;
        let how = if c.name.trim().to_lowercase() == q {
            "name"
        } else if c.tickers.iter().any(|t| t.trim().to_lowercase() == q) {
            "ticker"
        } else {
            "alias"
        };
        return Some(Found::Entry { company: i, how });
    }
    if let Some(i) = registry.by_ticker(query) {
        return Some(Found::Entry { company: i, how: "ticker" });
    }
    let described: Vec<usize> = (0..registry.companies().len())
        .filter(|&i| registry.descriptions(i).iter().any(|d| d.to_lowercase() == q))
        .collect();
    if !described.is_empty() {
        return Some(Found::Reference { companies: described, how: "description" });
    }
    let led: Vec<usize> = registry.by_executive(query).map(|(c, _)| c).collect();
    (!led.is_empty()).then_some(Found::Reference { companies: led, how: "executive" })
}

/// Every entry, one line each, with a count by origin.
pub fn to_text(companies: &[CompanyConfig], origins: &[Origin]) -> String {
    let width = companies.iter().map(|c| c.name.chars().count()).max().unwrap_or(4).max(4);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<width$}  {:<13}  {:<7}  {:<7}  {:<28}  FROM",
        "NAME", "KIND", "COUNTRY", "FY ENDS", "TICKERS"
    );
    for (c, origin) in companies.iter().zip(origins) {
        let _ = writeln!(
            out,
            "{:<width$}  {:<13}  {:<7}  {:<7}  {:<28}  {}",
            c.name,
            c.kind().as_str(),
            c.country.as_deref().unwrap_or("—"),
            month_name(c.fiscal_year_end.unwrap_or(12)).get(..3).unwrap_or(""),
            c.tickers.join(", "),
            origin.as_str()
        );
    }
    let count = |o: Origin| origins.iter().filter(|x| **x == o).count();
    let _ = writeln!(
        out,
        "\n{} entries: {} built-in as shipped, {} built-in extended or replaced by config.yaml, {} only in config.yaml.",
        companies.len(),
        count(Origin::BuiltIn),
        count(Origin::Extended) + count(Origin::Replaced),
        count(Origin::Site),
    );
    let _ = writeln!(out, "`capbrief companies NAME` shows one entry in full and how the name reaches it.");
    out
}

/// One entry in full, headed by how `query` reached it.
pub fn entry_text(registry: &Registry, origins: &[Origin], query: &str, found: &Found) -> String {
    let mut out = String::new();
    let indexes = match found {
        Found::Entry { company, how } => {
            let name = registry.get(*company).map_or("", |c| c.name.as_str());
            let _ = writeln!(out, "{} → {name} ({how})", query.trim());
            vec![*company]
        }
        Found::Reference { companies, how } => {
            let names: Vec<&str> =
                companies.iter().filter_map(|&i| registry.get(i)).map(|c| c.name.as_str()).collect();
            let note = match (*how, companies.len()) {
                ("description", 1) => "a description",
                ("description", _) => "a description several entries share; the text around it decides",
                _ => "an executive",
            };
            let _ = writeln!(out, "{} → {} ({note})", query.trim(), names.join(", "));
            companies.clone()
        }
    };
    for i in indexes {
        let (Some(c), Some(origin)) = (registry.get(i), origins.get(i)) else { continue };
        out.push('\n');
        write_entry(&mut out, registry, i, c, *origin);
    }
    out
}

fn write_entry(out: &mut String, registry: &Registry, i: usize, c: &CompanyConfig, origin: Origin) {
    let list = |items: Vec<String>| if items.is_empty() { "—".to_string() } else { items.join("; ") };
    let names = |ix: Vec<usize>| {
        list(ix.into_iter().filter_map(|m| registry.get(m)).map(|m| m.name.clone()).collect())
    };
    let fy = match c.fiscal_year_end.unwrap_or(12) {
        12 => "ends in December".to_string(),
        m => format!("ends in {}", month_name(m)),
    };
    let rows: [(&str, String); 10] = [
        ("kind", c.kind().as_str().to_string()),
        ("country", c.country.clone().unwrap_or_else(|| "—".into())),
        ("fiscal year", fy),
        ("aliases", list(c.aliases.clone())),
        ("tickers", list(c.tickers.clone())),
        ("members", names(registry.members(i).to_vec())),
        ("member of", names(registry.groups_of(i).collect())),
        ("descriptions", list(c.descriptions.clone())),
        ("executives", list(c.executives.iter().map(|e| format!("{} ({})", e.name, e.title)).collect())),
        ("from", origin.as_str().to_string()),
    ];
    let _ = writeln!(out, "{}", c.name);
    for (label, value) in rows {
        let _ = writeln!(out, "  {:<14} {value}", format!("{label}:"));
    }
}

/// The registry as JSON: `{"companies": [...]}`, every field of every entry (or of `only`),
/// with `kind` always written and `origin` added.
pub fn to_json(companies: &[CompanyConfig], origins: &[Origin], only: Option<&[usize]>) -> String {
    let entries: Vec<serde_json::Value> = companies
        .iter()
        .zip(origins)
        .enumerate()
        .filter(|(i, _)| only.is_none_or(|o| o.contains(i)))
        .map(|(_, (c, origin))| {
            let mut v = serde_json::to_value(c).unwrap_or_default();
            if let Some(map) = v.as_object_mut() {
                map.insert("kind".into(), serde_json::Value::String(c.kind().as_str().into()));
                map.insert("origin".into(), serde_json::to_value(origin).unwrap_or_default());
            }
            v
        })
        .collect();
    let mut text =
        serde_json::to_string_pretty(&serde_json::json!({ "companies": entries })).unwrap_or_default();
    text.push('\n');
    text
}

fn month_name(m: u8) -> &'static str {
    crate::i18n::month_en(m).unwrap_or("?")
}
