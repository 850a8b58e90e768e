//! The `{{ capex_table() }}` and `{{ capex_chart() }}` shortcodes: a line of its own in the
//! Markdown body, outside code blocks. Before Markdown rendering each such line becomes a
//! placeholder paragraph; after it, the placeholder is swapped for the table or chart HTML.
//! Any other `{{ … }}` or `{% … %}` text stays as written: content is never run as a template.

use super::CapexData;
use crate::content::Page;
use crate::diag::{line_text, Diagnostic, Diagnostics};

/// What a shortcode shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShortcodeKind {
    /// `capex_table(...)`: the table and its footnotes.
    Table,
    /// `capex_chart(...)`: the bar chart.
    Chart,
}

/// One shortcode in a page body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortcodeUse {
    /// Table or chart.
    pub kind: ShortcodeKind,
    /// Canonical names of the companies to show; `None` shows all of the page's.
    pub companies: Option<Vec<String>>,
    /// The placeholder text left in the Markdown.
    pub token: String,
}

/// A page body with its shortcodes replaced by placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The Markdown to render.
    pub body: String,
    /// The shortcodes, in order.
    pub uses: Vec<ShortcodeUse>,
}

fn token(i: usize) -> String {
    format!("capbriefcapexshortcode{i}x")
}

/// Finds the shortcodes of a page, checks their arguments against the page's commitments,
/// and returns the body to render (or `None` when the page has no shortcode).
pub fn prepare(page: &Page, data: &CapexData, diags: &mut Diagnostics) -> Option<Prepared> {
    let mut out = String::with_capacity(page.body.len() + 64);
    let mut uses = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let original_body = &page.text[page.body_start().min(page.text.len())..];
    for line in page.body.split_inclusive('\n') {
        let trimmed = line.trim();
        let indent = line.len() - line.trim_start().len();
        // Fenced code: ``` or ~~~, closed by the same character at least as many times.
        let fence_char = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        if let Some(c) = fence_char {
            let run = trimmed.chars().take_while(|x| *x == c).count();
            if run >= 3 && indent < 4 {
                match fence {
                    None => fence = Some((c, run)),
                    Some((open, len)) if open == c && run >= len && trimmed.chars().all(|x| x == c) => {
                        fence = None
                    }
                    _ => {}
                }
                out.push_str(line);
                continue;
            }
        }
        let call = trimmed
            .strip_prefix("{{")
            .and_then(|s| s.strip_suffix("}}"))
            .map(str::trim)
            .filter(|s| s.starts_with("capex_table") || s.starts_with("capex_chart"));
        let (Some(call), None, true) = (call, fence, indent < 4) else {
            out.push_str(line);
            continue;
        };
        let at = original_body.find(trimmed).map(|o| page.body_location(o));
        let fail = |diags: &mut Diagnostics, msg: String| {
            let loc = at.clone().unwrap_or_else(|| crate::diag::Location::file(&page.shown));
            let snippet = line_text(&page.text, loc.line).to_string();
            diags.push(
                Diagnostic::error(Some(loc), msg)
                    .with_snippet(snippet)
                    .with_help("write `{{ capex_table() }}` or `{{ capex_table(companies=[\"Meta\", \"Alphabet\"]) }}` (or capex_chart) on a line of its own"),
            );
        };
        match parse_call(call) {
            Ok((kind, companies)) => {
                let commitments = data.for_page(page);
                if commitments.is_empty() && data.by_page.contains_key(&page.translation_key) {
                    // Entries exist but failed to parse: their errors already say why.
                } else if commitments.is_empty() {
                    fail(diags, format!("`{trimmed}`: this page has no `capex:` entries to show"));
                    continue;
                }
                let mut names = None;
                if let Some(list) = companies {
                    let mut canonical = Vec::new();
                    for name in list {
                        let c = data.canonical_company(&name).to_string();
                        if !commitments.iter().any(|x| x.company == c) {
                            let known: Vec<&str> = commitments.iter().map(|x| x.company.as_str()).collect();
                            fail(
                                diags,
                                format!(
                                    "`{trimmed}`: no capex entry of this page is for `{name}` (entries: {})",
                                    known.join(", ")
                                ),
                            );
                        }
                        canonical.push(c);
                    }
                    names = Some(canonical);
                }
                let tok = token(uses.len());
                out.push('\n');
                out.push_str(&tok);
                out.push_str("\n\n");
                uses.push(ShortcodeUse { kind, companies: names, token: tok });
            }
            Err(msg) => {
                fail(diags, format!("`{trimmed}`: {msg}"));
                out.push_str(line);
            }
        }
    }
    (!uses.is_empty()).then_some(Prepared { body: out, uses })
}

/// `capex_table()`, `capex_chart(companies=["Meta", 'Alphabet'])`, `capex_table(companies="Meta")`.
fn parse_call(call: &str) -> Result<(ShortcodeKind, Option<Vec<String>>), String> {
    let (name, rest) = call.split_once('(').ok_or("expected `(` after the shortcode name")?;
    let kind = match name.trim() {
        "capex_table" => ShortcodeKind::Table,
        "capex_chart" => ShortcodeKind::Chart,
        other => return Err(format!("unknown shortcode `{other}`")),
    };
    let args = rest.trim_end().strip_suffix(')').ok_or("expected `)` at the end")?.trim();
    if args.is_empty() {
        return Ok((kind, None));
    }
    let (key, value) = args.split_once('=').ok_or_else(|| format!("cannot read the argument `{args}`"))?;
    if key.trim() != "companies" {
        return Err(format!("unknown argument `{}`; the only argument is `companies`", key.trim()));
    }
    let value = value.trim();
    let inner = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        Some(list) => list,
        None => value,
    };
    let mut names = Vec::new();
    for part in inner.split(',') {
        let p = part.trim();
        let unquoted = p
            .strip_prefix('"')
            .and_then(|x| x.strip_suffix('"'))
            .or_else(|| p.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')))
            .ok_or_else(|| format!("company names must be quoted strings, found `{p}`"))?;
        if unquoted.trim().is_empty() {
            return Err("empty company name".into());
        }
        names.push(unquoted.trim().to_string());
    }
    Ok((kind, Some(names)))
}

/// Swaps the placeholders in rendered HTML for the shortcodes' HTML.
pub fn substitute(html: &mut String, prepared: &Prepared, render: impl Fn(&ShortcodeUse, usize) -> String) {
    for (i, u) in prepared.uses.iter().enumerate() {
        let replacement = render(u, i);
        let para = format!("<p>{}</p>", u.token);
        if html.contains(&para) {
            *html = html.replacen(&para, &replacement, 1);
        } else {
            *html = html.replacen(&u.token, &replacement, 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_and_arguments() {
        assert_eq!(parse_call("capex_table()"), Ok((ShortcodeKind::Table, None)));
        assert_eq!(
            parse_call("capex_chart(companies=[\"Meta\", 'Google'])"),
            Ok((ShortcodeKind::Chart, Some(vec!["Meta".into(), "Google".into()])))
        );
        assert_eq!(
            parse_call("capex_table(companies=\"Meta\")"),
            Ok((ShortcodeKind::Table, Some(vec!["Meta".into()])))
        );
        assert!(parse_call("capex_table(sort=\"usd\")").unwrap_err().contains("unknown argument `sort`"));
        assert!(parse_call("capex_table(companies=[Meta])").unwrap_err().contains("quoted"));
        assert!(parse_call("capex_table").is_err());
        assert!(parse_call("capex_tables()").unwrap_err().contains("unknown shortcode"));
    }
}
