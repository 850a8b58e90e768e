//! The error overlay: a failed build's diagnostics as an HTML panel laid over the last good
//! page. Every piece of text in it is HTML-escaped, since it quotes the user's files.

use crate::markdown::escape_html;

use crate::diag::Diagnostics;
use std::fmt::Write as _;

/// The errors of a failed build, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    file: String,
    line: usize,
    column: usize,
    message: String,
    /// What the terminal prints below the `file:line:col: error: message` line (the snippet
    /// with its caret, causes, help): the heading already shows that line, once.
    details: String,
}

impl Failure {
    /// Keeps the errors (not the warnings) of a failed build.
    pub(crate) fn from_diagnostics(diags: &Diagnostics) -> Self {
        let items = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let full = d.to_string();
                let heading = match &d.location {
                    Some(loc) => format!("{loc}: error: {}", d.message),
                    None => format!("error: {}", d.message),
                };
                let details = full.strip_prefix(&heading).unwrap_or(&full).trim_start_matches('\n');
                Item {
                    file: d.location.as_ref().map(|l| l.path.display().to_string()).unwrap_or_default(),
                    line: d.location.as_ref().map_or(0, |l| l.line),
                    column: d.location.as_ref().map_or(0, |l| l.column),
                    message: d.message.clone(),
                    details: details.to_string(),
                }
            })
            .collect();
        Failure { items }
    }

    /// The overlay markup, to insert into a served page.
    pub(crate) fn to_html(&self) -> String {
        let mut html = String::from(
            "<div id=\"capbrief-build-error\" role=\"alert\" style=\"position:fixed;inset:0;\
             z-index:2147483647;overflow:auto;margin:0;padding:1.5rem 2rem;background:rgba(30,0,0,.94);\
             color:#fff;font:14px/1.5 ui-monospace,monospace;text-align:left\">\
             <h2 style=\"margin:0 0 1rem;font-size:1.2rem;color:#ff9b9b\">Build failed: \
             this page is the last good build. Fix the file and save; this message clears itself.</h2>\
             <ol style=\"margin:0;padding-left:1.5rem\">",
        );
        for item in &self.items {
            let mut place = escape_html(&item.file);
            if item.line > 0 {
                let _ = write!(place, ":{}", item.line);
                if item.column > 0 {
                    let _ = write!(place, ":{}", item.column);
                }
            }
            let _ = write!(
                html,
                "<li style=\"margin-bottom:1rem\"><div><span class=\"capbrief-error-file\" \
                 style=\"color:#ffd479\">{place}</span> <span class=\"capbrief-error-message\">{}</span>\
                 </div>",
                escape_html(&item.message),
            );
            if !item.details.is_empty() {
                let _ = write!(
                    html,
                    "<pre style=\"white-space:pre-wrap;margin:.5rem 0 0;color:#ddd\">{}</pre>",
                    escape_html(&item.details),
                );
            }
            html.push_str("</li>");
        }
        html.push_str("</ol></div>");
        html
    }

    /// A whole page for when no build has succeeded yet, so there is nothing to lay it over.
    pub(crate) fn to_page(&self) -> String {
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title>\
             </head><body>{}</body></html>",
            self.to_html()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Location};

    #[test]
    fn escapes_everything_it_quotes() {
        let evil = "</pre><script>alert(1)</script>";
        let mut diags = Diagnostics::new();
        diags.push(
            Diagnostic::error(
                Some(Location::at(format!("content/{evil}.md"), 3, 7)),
                format!("bad `{evil}`"),
            )
            .with_snippet(format!("title: {evil}"))
            .with_help(evil),
        );
        diags.push(Diagnostic::warning(None, "not shown"));
        let html = Failure::from_diagnostics(&diags).to_html();
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("</pre><script"), "{html}");
        assert!(html.contains("content/&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;.md:3:7"), "{html}");
        assert!(!html.contains("not shown"));
    }

    #[test]
    fn each_error_is_shown_once_with_its_snippet_and_help() {
        let mut diags = Diagnostics::new();
        diags.push(
            Diagnostic::error(
                Some(Location::at("content/a.md", 3, 7)),
                "found `2025-02-30`, a day that does not exist",
            )
            .with_snippet("date: 2025-02-30")
            .with_help("write a day of the calendar"),
        );
        diags.push(Diagnostic::error(None, "output path collision"));
        let html = Failure::from_diagnostics(&diags).to_html();
        assert_eq!(html.matches("a day that does not exist").count(), 1, "{html}");
        assert_eq!(html.matches("content/a.md").count(), 1, "{html}");
        assert_eq!(html.matches("output path collision").count(), 1, "{html}");
        assert!(html.contains("date: 2025-02-30"), "{html}");
        assert!(html.contains("help: write a day of the calendar"), "{html}");
        // The error without a snippet gets no empty box.
        assert_eq!(html.matches("<pre").count(), 1, "{html}");
    }
}
