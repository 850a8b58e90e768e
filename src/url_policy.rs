//! The one URL policy for every URL that comes from content or config (`source.url`, Markdown
//! links and images, `import --source-url`, `base_url`): what is cleaned away first, which
//! schemes are allowed, and why anything else is refused. Where a refused URL is reported
//! (an error at its front matter line, a warning for a Markdown link) is up to the caller.
//!
//! Allowed: `http:`, `https:`, `mailto:` and relative URLs (`/a/`, `../b`, `#top`, `?q`,
//! `//host/x`). Browsers ignore tabs and line breaks anywhere in a URL and control characters
//! and spaces around it, so those are cleaned away *before* the scheme is read; a scheme
//! that only appears once entities, percent-escapes or invisible characters are read through
//! (`javascript&#58;…`, `%6Aavascript:…`, `java\u{200b}script:…`) is refused as a disguise.

use std::fmt;

/// The schemes a URL from content may use.
pub const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// A URL that passed the policy, cleaned: no surrounding spaces or control characters, no
/// tabs or line breaks, inner spaces and the characters `"<>\`` percent-encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    url: String,
    scheme: Option<&'static str>,
}

impl Cleaned {
    /// The cleaned URL.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The cleaned URL, owned.
    pub fn into_string(self) -> String {
        self.url
    }

    /// `http`, `https` or `mailto`; `None` for a relative URL.
    pub fn scheme(&self) -> Option<&'static str> {
        self.scheme
    }
}

/// Why a URL was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The URL as given, with invisible characters shown as escapes (safe to print).
    pub shown: String,
    /// What is wrong with it.
    pub reason: Reason,
}

/// The kinds of refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Nothing left once spaces and control characters are removed.
    Empty,
    /// A scheme outside [`ALLOWED_SCHEMES`] (lower-cased).
    Scheme(String),
    /// A scheme that appears only once entities, escapes or invisible characters are read
    /// through: a link written to slip past filters.
    Disguised(String),
    /// A control character inside the URL (other than tabs and line breaks).
    ControlCharacter(char),
    /// A zero-width or text-direction character: the link would not read as what it is.
    Invisible(char),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = &self.shown;
        match &self.reason {
            Reason::Empty => write!(f, "the URL `{url}` is empty"),
            Reason::Scheme(s) => write!(
                f,
                "the URL `{url}` uses the `{s}:` scheme; only http, https and mailto links or \
                 relative links are allowed"
            ),
            Reason::Disguised(s) => write!(
                f,
                "the URL `{url}` reads as a `{s}:` link once its escapes or invisible characters \
                 are read through; only http, https and mailto links or relative links are allowed"
            ),
            Reason::ControlCharacter(c) => {
                write!(f, "the URL `{url}` contains the control character U+{:04X}", u32::from(*c))
            }
            Reason::Invisible(c) => write!(
                f,
                "the URL `{url}` contains the invisible character U+{:04X} (zero-width or \
                 text-direction), so it would not read as the address it is",
                u32::from(*c)
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// The help line for a refused URL, for callers that report it.
pub const HELP: &str =
    "write the full address (https://…), a mailto: address, or a path on this site such as /briefings/x/";

/// Checks `raw` against the policy; see the module documentation.
pub fn check_url(raw: &str) -> Result<Cleaned, Refusal> {
    let refuse = |reason| Err(Refusal { shown: shown(raw), reason });
    let edge = |c: char| c.is_whitespace() || c.is_control() || is_invisible(c);
    let trimmed = raw.trim_matches(edge);
    let mut url = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        match c {
            // Browsers drop these anywhere in a URL (WHATWG URL: "remove all ASCII tab or newline").
            '\t' | '\n' | '\r' => {}
            c if c.is_control() => return refuse(Reason::ControlCharacter(c)),
            c if is_invisible(c) => return refuse(Reason::Invisible(c)),
            ' ' => url.push_str("%20"),
            '"' => url.push_str("%22"),
            '<' => url.push_str("%3C"),
            '>' => url.push_str("%3E"),
            '`' => url.push_str("%60"),
            c if c.is_whitespace() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    url.push_str(&format!("%{b:02X}"));
                }
            }
            c => url.push(c),
        }
    }
    if url.is_empty() {
        return refuse(Reason::Empty);
    }
    // The scheme as written: ASCII letters, then letters, digits, `+`, `-` or `.`, then `:`,
    // before any `/`, `?` or `#`.
    let literal = literal_scheme(&url);
    // The scheme a reader of the unescaped text would see.
    let read_through = candidate_scheme(&squash(raw));
    match (literal, read_through) {
        (Some(s), _) if ALLOWED_SCHEMES.contains(&s.as_str()) => {
            let scheme = ALLOWED_SCHEMES.iter().copied().find(|a| *a == s);
            Ok(Cleaned { url, scheme })
        }
        (Some(s), _) => refuse(Reason::Scheme(s)),
        (None, Some(s)) => refuse(Reason::Disguised(s)),
        (None, None) => match url.find([':', '/', '?', '#']) {
            // A colon before any `/`, `?` or `#` that does not follow a well-formed scheme
            // (`a b:c`, `[x]:y`): some reader may still take it for one.
            Some(i) if url.as_bytes()[i] == b':' => refuse(Reason::Disguised(url[..i].to_ascii_lowercase())),
            _ => Ok(Cleaned { url, scheme: None }),
        },
    }
}

/// Zero-width characters, text-direction controls and other invisible format characters.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{061c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff9}'..='\u{fffb}'
    )
}

/// The lower-cased scheme of `url` if it starts with a well-formed one.
fn literal_scheme(url: &str) -> Option<String> {
    let end = url.find([':', '/', '?', '#'])?;
    if url.as_bytes()[end] != b':' {
        return None;
    }
    let s = &url[..end];
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then(|| s.to_ascii_lowercase())
}

/// A scheme in the read-through form, well-formed or not (`None` if there is no colon
/// before the first `/`, `?` or `#`).
fn candidate_scheme(squashed: &str) -> Option<String> {
    let end = squashed.find([':', '/', '?', '#'])?;
    (squashed.as_bytes()[end] == b':' && end > 0).then(|| squashed[..end].to_string())
}

/// `raw` as a lenient reader might see it: HTML character references and percent-escapes
/// decoded (once each), then every space, control and invisible character removed, lower-cased.
fn squash(raw: &str) -> String {
    let decoded = crate::html::decode_entities(raw);
    let decoded = crate::paths::percent_decode(&decoded);
    decoded
        .chars()
        .filter(|&c| !(c.is_whitespace() || c.is_control() || is_invisible(c)))
        .flat_map(char::to_lowercase)
        .collect()
}

/// `raw` with control and invisible characters written as `\u{…}` and cut after 200
/// characters, for messages (a text-direction character printed as it is reorders the line).
pub(crate) fn shown(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars().take(200) {
        if c.is_control() || is_invisible(c) {
            out.push_str(&format!("\\u{{{:04x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    if raw.chars().count() > 200 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Script and data schemes written to slip past a naive check; each must be refused. The
    /// same list feeds the command-line tests (`tests/cli/url_policy.rs`).
    fn disguises() -> Vec<String> {
        serde_json::from_str(include_str!("../tests/fixtures/urls/disguises.json")).unwrap()
    }

    #[test]
    fn every_disguise_is_refused() {
        let disguises = disguises();
        assert!(disguises.len() >= 30);
        for raw in &disguises {
            let r = check_url(raw);
            assert!(r.is_err(), "{raw:?} was allowed: {r:?}");
            let msg = r.unwrap_err().to_string();
            assert!(!msg.chars().any(|c| c.is_control()), "message shows controls raw: {msg:?}");
        }
    }

    #[test]
    fn allowed_urls_come_back_cleaned() {
        let ok = |raw: &str, want: &str, scheme: Option<&str>| {
            let c = check_url(raw).unwrap_or_else(|e| panic!("{raw:?}: {e}"));
            assert_eq!(c.as_str(), want, "{raw:?}");
            assert_eq!(c.scheme(), scheme, "{raw:?}");
        };
        ok("https://example.com/a", "https://example.com/a", Some("https"));
        ok(" HTTPS://Example.com/a b \n", "HTTPS://Example.com/a%20b", Some("https"));
        ok("\u{1}http://example.com/\u{200b}", "http://example.com/", Some("http"));
        ok("https://ex\tample.com/", "https://example.com/", Some("https"));
        ok("mailto:desk@example.com", "mailto:desk@example.com", Some("mailto"));
        ok("/briefings/x/", "/briefings/x/", None);
        ok("../x", "../x", None);
        ok("#top", "#top", None);
        ok("?page=2", "?page=2", None);
        ok("//cdn.example.com/x.png", "//cdn.example.com/x.png", None);
        ok("https://example.com/a:b?c=d:e", "https://example.com/a:b?c=d:e", Some("https"));
        ok("/a/b:c", "/a/b:c", None);
        ok("https://example.com/?q=\"<x>\"", "https://example.com/?q=%22%3Cx%3E%22", Some("https"));
        ok("https://example.com/50%25", "https://example.com/50%25", Some("https"));
    }

    #[test]
    fn refusals_say_what_and_show_hidden_characters() {
        let e = check_url("\u{1}javascript:alert(1)").unwrap_err();
        assert_eq!(e.reason, Reason::Scheme("javascript".into()));
        assert!(e.to_string().contains("`\\u{0001}javascript:alert(1)`"), "{e}");
        assert_eq!(check_url("%6Aavascript:x").unwrap_err().reason, Reason::Disguised("javascript".into()));
        assert_eq!(check_url("a\u{200b}b").unwrap_err().reason, Reason::Invisible('\u{200b}'));
        assert_eq!(check_url("a\u{1}b").unwrap_err().reason, Reason::ControlCharacter('\u{1}'));
        assert_eq!(check_url(" \t ").unwrap_err().reason, Reason::Empty);
    }
}
