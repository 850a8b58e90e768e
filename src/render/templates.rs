//! The Tera instance of a build: the embedded default theme, with the site's `templates/`
//! overriding it file by file, and capbrief's functions (`trans`, `url`, and the per-language
//! formatters `date`, `number`, `money`, `reading_time`).

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::i18n::Strings;
use std::error::Error as _;
use std::path::Path;
use std::sync::Arc;
use tera::{Kwargs, State, Tera};

/// The default theme, compiled into the binary.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("base.html", include_str!("../theme/templates/base.html")),
    ("index.html", include_str!("../theme/templates/index.html")),
    ("section.html", include_str!("../theme/templates/section.html")),
    ("page.html", include_str!("../theme/templates/page.html")),
    ("taxonomy.html", include_str!("../theme/templates/taxonomy.html")),
    ("term.html", include_str!("../theme/templates/term.html")),
    ("compare.html", include_str!("../theme/templates/compare.html")),
    ("404.html", include_str!("../theme/templates/404.html")),
    ("search.html", include_str!("../theme/templates/search.html")),
    ("alias.html", include_str!("../theme/templates/alias.html")),
    ("atom.xml", include_str!("../theme/templates/atom.xml")),
    ("sitemap.xml", include_str!("../theme/templates/sitemap.xml")),
    ("robots.txt", include_str!("../theme/templates/robots.txt")),
    ("partials/page_list.html", include_str!("../theme/templates/partials/page_list.html")),
    ("partials/pagination.html", include_str!("../theme/templates/partials/pagination.html")),
    ("partials/disclosures.html", include_str!("../theme/templates/partials/disclosures.html")),
    ("partials/search_box.html", include_str!("../theme/templates/partials/search_box.html")),
    ("partials/site_nav.html", include_str!("../theme/templates/partials/site_nav.html")),
    ("partials/lang_switch.html", include_str!("../theme/templates/partials/lang_switch.html")),
    ("partials/site_note.html", include_str!("../theme/templates/partials/site_note.html")),
    ("partials/capex_downloads.html", include_str!("../theme/templates/partials/capex_downloads.html")),
    ("partials/latest_figures.html", include_str!("../theme/templates/partials/latest_figures.html")),
    ("partials/company_facts.html", include_str!("../theme/templates/partials/company_facts.html")),
];

/// Theme static files, written unless the site's `static/` has a file of the same name.
pub const EMBEDDED_STATIC: &[(&str, &str)] = &[
    ("style.css", include_str!("../theme/static/style.css")),
    ("favicon.svg", include_str!("../theme/static/favicon.svg")),
    ("capex.js", include_str!("../theme/static/capex.js")),
];

/// Site template files as read from `templates/`: (name, text).
pub type SiteTemplates = Vec<(String, String)>;

/// Reads the site's template overrides (`.html`, `.xml`, `.txt` files below `templates/`).
pub fn read_site_templates(root: &Path, diags: &mut Diagnostics) -> SiteTemplates {
    let dir = root.join("templates");
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    // Links are followed only inside the site folder (#10): a theme must not read files
    // from elsewhere, and a refused link is named rather than skipped in silence.
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut refused = Vec::new();
    let walker =
        walkdir::WalkDir::new(&dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
            let inside = !e.path_is_symlink()
                || e.path().canonicalize().map(|t| t.starts_with(&canonical_root)).unwrap_or(false);
            if !inside {
                refused.push(
                    Diagnostic::error(
                        Some(Location::file(crate::content::shown_path(root, e.path()))),
                        "symbolic link points outside the site folder (or nowhere); it is not followed",
                    )
                    .with_help("copy the template into templates/ instead of linking to it"),
                );
            }
            inside
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(
                    Some(Location::file(&dir)),
                    format!("cannot read templates: {e}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        let is_template = path.extension().is_some_and(|x| x == "html" || x == "xml" || x == "txt");
        if !entry.file_type().is_file() || !is_template {
            continue;
        }
        let name = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        match std::fs::read_to_string(path) {
            Ok(text) => out.push((name, text)),
            Err(e) => diags.push(Diagnostic::error(
                Some(Location::file(crate::content::shown_path(root, path))),
                format!("cannot read the template: {e}"),
            )),
        }
    }
    for d in refused {
        diags.push(d);
    }
    out
}

/// Builds the Tera instance: site templates first, embedded ones for every name the site
/// did not define.
pub fn build(site: &SiteTemplates, strings: Arc<Strings>, base_path: &str) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::markdown::write_escaped_html);
    let mut all: Vec<(String, String)> = site.clone();
    for (name, text) in EMBEDDED {
        if !site.iter().any(|(n, _)| n == name) {
            all.push((name.to_string(), text.to_string()));
        }
    }
    register_functions(&mut tera, strings, base_path.to_string());
    tera.add_raw_templates(all.iter().map(|(n, t)| (n.as_str(), t.as_str()))).map_err(|e| {
        let origin = template_origin(site, &e);
        template_error("cannot load the templates", &e, origin)
    })?;
    Ok(tera)
}

fn template_origin(site: &SiteTemplates, e: &tera::Error) -> &'static str {
    let text = e.to_string();
    if site.iter().any(|(n, _)| text.contains(n.as_str())) {
        "site template (templates/)"
    } else {
        "embedded theme template"
    }
}

/// A Tera error as a diagnostic with the whole cause chain.
pub fn template_error(what: &str, e: &tera::Error, origin: &str) -> Diagnostic {
    let mut d = Diagnostic::error(None, format!("{what} ({origin})"));
    d = d.with_cause(e.to_string());
    let mut source = e.source();
    while let Some(s) = source {
        d = d.with_cause(s.to_string());
        source = s.source();
    }
    d.with_help("fix the template at the line shown; the embedded theme's templates are listed in README.md")
}

fn register_functions(tera: &mut Tera, strings: Arc<Strings>, base_path: String) {
    // trans(key="read_more", lang="es", n=3, m=5): a UI string, with `{n}` and `{m}` filled in.
    let trans_strings = strings.clone();
    tera.register_function("trans", move |kwargs: Kwargs, _: &State<'_>| -> tera::TeraResult<String> {
        let key: &str = kwargs.must_get("key")?;
        let lang: &str = kwargs.must_get("lang")?;
        let text = trans_strings
            .get(lang, key)
            .ok_or_else(|| tera::Error::message(format!("no UI string `{key}` in language `{lang}`")))?;
        let mut text = text.to_string();
        for name in ["n", "m"] {
            if let Some(v) = kwargs.get::<i64>(name)? {
                text = text.replace(&format!("{{{name}}}"), &v.to_string());
            }
        }
        Ok(text)
    });
    // date(value="2025-02-24", lang="es"): `24 de febrero de 2025`. Accepts a date or an
    // RFC 3339 timestamp (its calendar date, as written).
    tera.register_function("date", |kwargs: Kwargs, _: &State<'_>| -> tera::TeraResult<String> {
        let value: &str = kwargs.must_get("value")?;
        let lang: &str = kwargs.must_get("lang")?;
        let day = value.get(..10).unwrap_or(value);
        let date: jiff::civil::Date = day.parse().map_err(|e| {
            tera::Error::message(format!("date(value=\"{value}\"): not a YYYY-MM-DD date: {e}"))
        })?;
        Ok(crate::i18n::format_date(date, lang))
    });
    // number(value=1234.5, decimals=1, lang="es"): `1234,5`; `12.345,5` from five digits.
    tera.register_function("number", |kwargs: Kwargs, _: &State<'_>| -> tera::TeraResult<String> {
        let value: f64 = kwargs.must_get("value")?;
        let lang: &str = kwargs.must_get("lang")?;
        let decimals = kwargs.get::<i64>("decimals")?.unwrap_or(1).clamp(0, 6) as usize;
        Ok(crate::i18n::format_number(value, decimals, lang))
    });
    // money(amount=53e9, currency="USD", lang="es"): `53.000 millones de dólares`.
    tera.register_function("money", |kwargs: Kwargs, _: &State<'_>| -> tera::TeraResult<String> {
        let amount: f64 = kwargs.must_get("amount")?;
        let lang: &str = kwargs.must_get("lang")?;
        let currency = kwargs.get::<&str>("currency")?.unwrap_or("USD");
        Ok(crate::i18n::format_money(amount, currency, lang))
    });
    // reading_time(minutes=3, lang="es"): `3 min de lectura`.
    tera.register_function(
        "reading_time",
        move |kwargs: Kwargs, _: &State<'_>| -> tera::TeraResult<String> {
            let minutes: i64 = kwargs.must_get("minutes")?;
            let lang: &str = kwargs.must_get("lang")?;
            let text = strings.get(lang, "min_read").ok_or_else(|| {
                tera::Error::message(format!("no UI string `min_read` in language `{lang}`"))
            })?;
            Ok(text.replace("{n}", &minutes.to_string()))
        },
    );
    // url(path="style.css"): a root-relative URL under the site's base path; the path is
    // as it is on disk, and what a URL cannot hold as it is gets percent-encoded.
    tera.register_function("url", move |kwargs: Kwargs, _: &State<'_>| -> tera::TeraResult<String> {
        let path: &str = kwargs.must_get("path")?;
        Ok(format!("{}{}", base_path, crate::paths::url_path(path.trim_start_matches('/'))))
    });
}
