//! `capbrief new`: creates a briefing (or a translation of one) with today's date, a slug
//! file name and a commented front matter skeleton. Never overwrites a file.

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};

/// What `capbrief new` was asked to do.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The briefing's title.
    pub title: String,
    /// Section folder below `content/`.
    pub section: String,
    /// Language code; the default language when absent.
    pub lang: Option<String>,
    /// The original this file translates (a path to its Markdown file).
    pub translation_of: Option<PathBuf>,
    /// The date to write (today when absent), `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// A failure, with what to do.
fn err(message: impl Into<String>, help: impl Into<String>) -> Diagnostics {
    Diagnostic::error(None, message).with_help(help).into()
}

/// Writes the new file and returns its path.
pub fn run(opts: &NewOptions) -> Result<PathBuf, Diagnostics> {
    let config = Config::load(&opts.root).map_err(|d| {
        let first = d.iter().next().map(|x| x.to_string()).unwrap_or_default();
        err(
            format!("cannot read the site's config: {first}"),
            "run `capbrief new` in a site folder, or pass --root",
        )
    })?;
    let default_lang = config.default_lang().to_string();
    let lang = opts.lang.clone().unwrap_or_else(|| default_lang.clone());
    if !config.languages.iter().any(|l| l.code == lang) && lang != default_lang {
        let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        return Err(err(
            format!("language `{lang}` is not configured"),
            format!("configured languages: {}; add it under `languages:` in config.yaml", known.join(", ")),
        ));
    }
    let title = opts.title.trim();
    if title.is_empty() {
        return Err(err("the title is empty", "give the briefing a title: capbrief new \"Title\""));
    }
    let date = match &opts.date {
        Some(d) => d
            .parse::<jiff::civil::Date>()
            .map_err(|e| err(format!("--date `{d}`: {e}"), "write it as YYYY-MM-DD"))?,
        None => jiff::ZonedDateTime::now().date(),
    };
    let (path, text) = match &opts.translation_of {
        Some(original) => {
            if lang == default_lang {
                return Err(err(
                    "--translation-of needs --lang with a language other than the default",
                    format!("for example: --lang es (the default language is `{default_lang}`)"),
                ));
            }
            let original = if original.is_absolute() || original.exists() {
                original.clone()
            } else {
                opts.root.join(original)
            };
            if !original.is_file() {
                return Err(err(
                    format!("the original `{}` does not exist", original.display()),
                    "name the Markdown file of the briefing you translate, e.g. content/briefings/foo.md",
                ));
            }
            let stem = original.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            if config.languages.iter().any(|l| stem.ends_with(&format!(".{}", l.code))) {
                return Err(err(
                    format!("`{}` is itself a translation", original.display()),
                    "translate the original file (without a language suffix)",
                ));
            }
            let dir = original.parent().map(Path::to_path_buf).unwrap_or_default();
            (dir.join(format!("{stem}.{lang}.md")), translation_text(title, &lang))
        }
        None => {
            let slug = slug::slugify(title);
            if slug.is_empty() {
                return Err(err("the title gives an empty file name", "use a title with letters or digits"));
            }
            let section = opts.section.trim_matches('/');
            if section.split('/').any(|s| s == ".." || s.is_empty()) {
                return Err(err(format!("--section `{section}` is not a folder name"), "use e.g. briefings"));
            }
            let dir = opts.root.join("content").join(section);
            let lang_line = if lang == default_lang { String::new() } else { format!("lang: {lang}\n") };
            (dir.join(format!("{slug}.md")), briefing_text(title, &date.to_string(), &lang_line))
        }
    };
    match crate::init::write_new(&path, &text) {
        Ok(true) => Ok(path),
        Ok(false) => Err(err(
            format!("`{}` already exists; it was left as it is", path.display()),
            "pick another title, or edit the existing file",
        )),
        Err(e) => {
            Err(err(format!("cannot write `{}`: {e}", path.display()), "check the folder's permissions"))
        }
    }
}

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

fn briefing_text(title: &str, date: &str, lang_line: &str) -> String {
    format!(
        r#"---
title: {title}
date: {date}
{lang_line}# One or two sentences for lists and the feed.
summary: ""
# author: ""
companies: []
tickers: []
tags: []
# Set to true for text written with AI tools; the page then shows the AI disclosure.
ai_generated: false
draft: true
source:
  name: ""
  url: ""
# Uncomment and fill in one entry per commitment the article reports. `amount` as written ("$80 billion",
# "$60-65 billion", "380 billion yuan"); `period` a year, fiscal year or range.
# capex:
#   - company: ""
#     amount: ""
#     currency: USD
#     period: ""
#     scope: ""
#     quote: ""
---

Write the briefing here. Remove `draft: true` when it is ready to publish.
"#,
        title = yaml_string(title)
    )
}

fn translation_text(title: &str, lang: &str) -> String {
    format!(
        r#"---
title: {title}
lang: {lang}
# Date, companies, tags and capex come from the original; write only what changes.
summary: ""
---

Translate the briefing here.
"#,
        title = yaml_string(title)
    )
}
