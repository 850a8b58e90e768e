//! The bilingual site: disclosures in both languages, the Spanish edition, hreflang, dates and
//! money per language, site string overrides and the errors for missing strings and orphan
//! translations.

use crate::support::SiteTest;
use std::path::Path;

const BILINGUAL: &str = "title: Capex\nbase_url: https://example.com/\nlanguages:\n  en:\n    title: Capex\n  es:\n    title: Inversión\n";

const ARTICLE: &str = "---\ntitle: Meta plans $65 billion\ndate: 2025-01-24\ntags: [us]\n---\n\nMeta plans to spend up to $65 billion.\n";

/// Every `index.html` below `public/<dir>` that is an article page (one folder deeper), not
/// the redirect a folded duplicate leaves at its address.
fn article_pages(public: &Path, dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    let base = public.join(dir);
    for entry in std::fs::read_dir(&base).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let redirect = std::fs::read_to_string(path.join("index.html"))
            .is_ok_and(|html| html.contains("<meta http-equiv=\"refresh\""));
        if path.join("index.html").is_file() && name != "page" && !redirect {
            out.push(format!("{dir}/{name}/index.html"));
        }
    }
    out.sort();
    out
}

/// The text of the `<section class="disclosure" lang="…">` block in `html`.
fn disclosure_block<'a>(html: &'a str, lang: &str) -> &'a str {
    let open = format!("<section class=\"disclosure\" lang=\"{lang}\">");
    let start = html.find(&open).unwrap_or_else(|| panic!("no {open}"));
    let end = html[start..].find("</section>").unwrap() + start;
    &html[start..end]
}

#[test]
fn every_article_of_the_example_site_carries_both_disclosures_with_lang() {
    let site = SiteTest::example();
    site.build().ok();
    let mut pages = article_pages(&site.public(), "briefings");
    let spanish = article_pages(&site.public(), "es/briefings");
    assert!(spanish.len() >= 2, "expected at least two Spanish articles, found {spanish:?}");
    pages.extend(spanish);
    assert!(pages.len() >= 8, "{pages:?}");
    let mut ai_pages = 0;
    for rel in &pages {
        let html = site.output(rel);
        let en = disclosure_block(&html, "en");
        let es = disclosure_block(&html, "es");
        assert!(en.contains("Investment warning.") && en.contains("not investment advice"), "{rel}: {en}");
        assert!(
            es.contains("Advertencia sobre inversiones.") && es.contains("asesoramiento de"),
            "{rel}: {es}"
        );
        let ai = html.contains("disclosure-production disclosure-ai");
        if ai {
            ai_pages += 1;
            assert!(en.contains("with the help of AI software"), "{rel}: {en}");
            assert!(es.contains("inteligencia artificial a partir de"), "{rel}: {es}");
        } else {
            assert!(en.contains("researched, written and edited by people"), "{rel}: {en}");
            assert!(es.contains("investigado, redactado y editado personas"), "{rel}: {es}");
        }
        // The page's own language comes first.
        let own_first = if rel.starts_with("es/") { "es" } else { "en" };
        let first = html.find("<section class=\"disclosure\" lang=\"").unwrap();
        assert!(
            html[first..].starts_with(&format!("<section class=\"disclosure\" lang=\"{own_first}\"")),
            "{rel}"
        );
    }
    assert!(ai_pages >= 2, "the example site has ai_generated articles; found {ai_pages}");
    // Other pages carry the short note instead, in both languages, each marked, the page's
    // own first; the AI notice sits by an AI-drafted briefing's byline, in its language.
    for (rel, own) in [
        ("index.html", "en"),
        ("es/index.html", "es"),
        ("es/tags/index.html", "es"),
        ("compare/index.html", "en"),
    ] {
        let html = site.output(rel);
        assert!(
            !html.contains("<section class=\"disclosure\""),
            "{rel}: the full disclosures are for briefings"
        );
        let note =
            &html[html.find("<aside class=\"site-note\"").unwrap_or_else(|| panic!("{rel}: no note"))..];
        let en = note.find("<p lang=\"en\">For information only, not investment advice.").expect(rel);
        let es = note
            .find("<p lang=\"es\">Solo con fines informativos; no es asesoramiento de inversión.")
            .expect(rel);
        assert_eq!(en < es, own == "en", "{rel}: the page's language comes first");
    }
    let ai = site.output("briefings/alphabet-raises-2025-capex-to-85-billion/index.html");
    let byline = ai.find("<p class=\"meta\">").unwrap();
    let notice = ai.find("<p class=\"ai-notice\" lang=\"en\">Drafted with the help of AI software").unwrap();
    assert!(notice > byline && notice - byline < 400, "the notice follows the byline");
    assert!(ai[notice..].contains("<a href=\"#disclosures\">"));
    assert!(ai.contains("<aside class=\"disclosures\" id=\"disclosures\""));
    assert!(!ai.contains("class=\"site-note\""), "a briefing has its full disclosures, not the note");
}

#[test]
fn hreflang_pairs_link_every_version_and_x_default() {
    let site = SiteTest::example();
    site.build().ok();
    let base = "https://capbrief.github.io/capbrief/";
    let en_url = format!("{base}briefings/meta-60-65-billion-2025/");
    let es_url = format!("{base}es/briefings/meta-60-65-billion-2025/");
    for rel in
        ["briefings/meta-60-65-billion-2025/index.html", "es/briefings/meta-60-65-billion-2025/index.html"]
    {
        let html = site.output(rel);
        assert!(
            html.contains(&format!("<link rel=\"alternate\" hreflang=\"en\" href=\"{en_url}\">")),
            "{rel}"
        );
        assert!(
            html.contains(&format!("<link rel=\"alternate\" hreflang=\"es\" href=\"{es_url}\">")),
            "{rel}"
        );
        assert!(
            html.contains(&format!("<link rel=\"alternate\" hreflang=\"x-default\" href=\"{en_url}\">")),
            "{rel}"
        );
    }
    assert!(site
        .output("es/briefings/meta-60-65-billion-2025/index.html")
        .starts_with("<!DOCTYPE html>\n<html lang=\"es\">"));
    // The switcher on the Spanish article leads to the English article.
    let es = site.output("es/briefings/meta-60-65-billion-2025/index.html");
    assert!(es.contains("<a href=\"/capbrief/briefings/meta-60-65-billion-2025/\" hreflang=\"en\" lang=\"en\">English</a>"), "{es}");
    // An untranslated article: itself plus x-default, and the switcher leads to the Spanish home.
    let en_only = site.output("briefings/amazon-100-billion-2025/index.html");
    assert!(en_only.contains("hreflang=\"x-default\""));
    assert!(!en_only.contains("hreflang=\"es\" href=\"https"), "no Spanish version exists");
    assert!(en_only.contains("<a href=\"/capbrief/es/\" hreflang=\"es\" lang=\"es\">Español</a>"));
    // Listings, taxonomies and homes pair up with their Spanish versions.
    for (en, es) in
        [("", "es/"), ("briefings/", "es/briefings/"), ("tags/", "es/tags/"), ("tags/us/", "es/tags/us/")]
    {
        let html = site.output(&format!("{en}index.html"));
        assert!(html.contains(&format!("hreflang=\"es\" href=\"{base}{es}\"")), "{en}");
        assert!(html.contains(&format!("hreflang=\"x-default\" href=\"{base}{en}\"")), "{en}");
        let html = site.output(&format!("{es}index.html"));
        assert!(html.contains(&format!("hreflang=\"en\" href=\"{base}{en}\"")), "{es}");
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"es\">"), "{es}");
    }
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains(&format!("<xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"{es_url}\"/>")));
    assert!(sitemap
        .contains(&format!("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{en_url}\"/>")));
}

#[test]
fn spanish_edition_uses_spanish_dates_and_marks_english_articles() {
    let site = SiteTest::example();
    site.build().ok();
    let article = site.output("es/briefings/meta-60-65-billion-2025/index.html");
    assert!(article.contains("<time datetime=\"2025-01-24\">24 de enero de 2025</time>"), "{article}");
    assert!(article.contains("min de lectura"));
    let home = site.output("es/index.html");
    // An untranslated article: English title, marked, linking to the English page, Spanish date.
    let amazon = home.find("/capbrief/briefings/amazon-100-billion-2025/").expect("fallback link");
    let item: String = home[amazon..].chars().take(600).collect();
    assert!(item.contains("hreflang=\"en\" lang=\"en\""), "{item}");
    assert!(item.contains("(en inglés)"), "{item}");
    assert!(item.contains("<time datetime=\"2025-02-06\">6 de febrero de 2025</time>"), "{item}");
    assert!(home.contains("/capbrief/es/briefings/meta-60-65-billion-2025/"));
    let feed = site.output("es/atom.xml");
    assert!(feed.contains("xml:lang=\"es\""));
    assert!(feed.contains("<title>Informes sobre inversión en IA</title>"));
    assert!(
        feed.contains("<entry xml:lang=\"en\">"),
        "untranslated articles are in the Spanish feed as English"
    );
}

#[test]
fn the_example_spanish_translations_never_say_billones() {
    for entry in std::fs::read_dir(crate::support::repo_root().join("content/briefings")).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".es.md") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(!text.contains("billones") && !text.contains("billón"), "{}", path.display());
        }
    }
}

#[test]
fn templates_format_money_numbers_and_dates_per_language() {
    let site = SiteTest::inline(
        BILINGUAL,
        &[
            ("content/briefings/meta.md", ARTICLE),
            (
                "templates/page.html",
                "{% extends \"base.html\" %}{% block main %}\
                 <p id=m>{{ money(amount=53000000000, currency=\"USD\", lang=lang) }}</p>\
                 <p id=t>{{ money(amount=1200000000000, currency=\"USD\", lang=lang) }}</p>\
                 <p id=n>{{ number(value=12345.5, decimals=1, lang=lang) }}</p>\
                 <p id=d>{{ date(value=\"2025-02-24\", lang=lang) }}</p>\
                 <p id=r>{{ reading_time(minutes=3, lang=lang) }}</p>\
                 {% endblock main %}",
            ),
        ],
    );
    site.write("content/briefings/meta.es.md", "---\ntitle: Meta prevé 65.000 millones\n---\n\nTexto.\n");
    site.build().ok();
    let en = site.output("briefings/meta/index.html");
    assert!(en.contains("<p id=m>$53 billion</p>"), "{en}");
    assert!(en.contains("<p id=t>$1.2 trillion</p>"), "{en}");
    assert!(en.contains("<p id=n>12,345.5</p>"), "{en}");
    assert!(en.contains("<p id=d>24 February 2025</p>"), "{en}");
    assert!(en.contains("<p id=r>3 min read</p>"), "{en}");
    let es = site.output("es/briefings/meta/index.html");
    assert!(es.contains("<p id=m>53.000 millones de dólares</p>"), "{es}");
    assert!(es.contains("<p id=t>1.200.000 millones de dólares</p>"), "{es}");
    assert!(es.contains("<p id=n>12.345,5</p>"), "{es}");
    assert!(es.contains("<p id=d>24 de febrero de 2025</p>"), "{es}");
    assert!(es.contains("<p id=r>3 min de lectura</p>"), "{es}");
    assert!(!es.contains("billones"));
}

#[test]
fn translations_inherit_data_fields_from_the_original() {
    let site = SiteTest::inline(BILINGUAL, &[("content/briefings/meta.md", ARTICLE)]);
    site.write("content/briefings/meta.es.md", "---\ntitle: Meta prevé 65.000 millones\n---\n\nTexto.\n");
    site.build().ok();
    let es = site.output("es/briefings/meta/index.html");
    assert!(es.contains("24 de enero de 2025"), "the date comes from the original");
    assert!(site.public().join("es/tags/us/index.html").is_file(), "tags come from the original");
}

#[test]
fn site_overrides_strings_and_disclosures_per_language() {
    let config =
        format!("{BILINGUAL}    disclosures:\n      investment: \"Nada de esto es una recomendación.\"\n");
    let site = SiteTest::inline(&config, &[("content/briefings/meta.md", ARTICLE)]);
    site.write("i18n/es.yaml", "read_more: Leer más\nin_english: \"versión inglesa\"\n");
    site.build().ok();
    let home = site.output("es/index.html");
    assert!(home.contains("(versión inglesa)"), "{home}");
    let article = site.output("briefings/meta/index.html");
    let es = disclosure_block(&article, "es");
    assert!(es.contains("Nada de esto es una recomendación."), "{es}");
    let en = disclosure_block(&article, "en");
    assert!(en.contains("not investment advice"), "English keeps the default: {en}");
}

#[test]
fn missing_strings_are_one_error_listing_every_key_per_language() {
    let site = SiteTest::inline(BILINGUAL, &[("content/briefings/meta.md", ARTICLE)]);
    site.write("i18n/en.yaml", "capex_note: Figures in US dollars\nchart_title: Commitments\n");
    site.write("i18n/es.yaml", "chart_title: Compromisos\n");
    let run = site.build().fails();
    let err = run.stderr();
    assert!(err.contains("i18n/es.yaml: error: language `es` is missing 1 UI string: capex_note"), "{err}");
    assert!(err.contains("i18n/es.yaml; every language needs every key"), "{err}");
    assert!(!site.public().exists(), "nothing is written on error");

    let site = SiteTest::inline(BILINGUAL, &[("content/briefings/meta.md", ARTICLE)]);
    site.write("i18n/en.yaml", "capex_note: Figures in US dollars\nchart_title: Commitments\n");
    site.build()
        .fails()
        .stderr_has("config.yaml: error: language `es` is missing 2 UI strings: capex_note, chart_title")
        .stderr_has("i18n/es.yaml in the site folder, or under `languages.es.strings`");
}

#[test]
fn a_broken_strings_file_points_at_its_line() {
    let site = SiteTest::inline(BILINGUAL, &[("content/briefings/meta.md", ARTICLE)]);
    site.write("i18n/es.yaml", "read_more: Leer más\nhome: [a, b]\n");
    site.build().fails().stderr_has("i18n/es.yaml:2:");
}

#[test]
fn a_strings_file_for_an_unknown_language_is_an_error() {
    let site = SiteTest::inline(BILINGUAL, &[("content/briefings/meta.md", ARTICLE)]);
    site.write("i18n/sp.yaml", "read_more: Leer más\n");
    site.build().fails().stderr_has("i18n/sp.yaml: error: `sp` is not a language of this site");
}

#[test]
fn a_translation_without_its_original_is_an_error() {
    let site = SiteTest::inline(BILINGUAL, &[("content/briefings/meta.md", ARTICLE)]);
    site.write("content/briefings/ghost.es.md", "---\ntitle: Fantasma\n---\n\nTexto.\n");
    site.build()
        .fails()
        .stderr_has("content/briefings/ghost.es.md: error: translation without an original: `briefings/ghost.md` does not exist");
}

#[test]
fn the_404_page_speaks_both_languages() {
    let site = SiteTest::inline(BILINGUAL, &[("content/briefings/meta.md", ARTICLE)]);
    site.build().ok();
    let html = site.output("404.html");
    assert!(html.contains("Page not found"));
    assert!(html.contains("<div class=\"not-found-other\" lang=\"es\">"), "{html}");
    assert!(html.contains("Página no encontrada"));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
}
