//! Fuzz target: a Markdown body through capbrief's Markdown stage, untrusted and trusted.
#![no_main]

use capbrief::markdown::{render, MarkdownEngine, MarkdownOptions};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static ENGINE: OnceLock<MarkdownEngine> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let engine = ENGINE.get_or_init(MarkdownEngine::new);
    let trust = data.first().is_some_and(|b| b & 1 == 1);
    let options = MarkdownOptions { trust_html: trust, site_host: "example.com".into() };
    let out = render(text, &options, engine);
    assert!(out.html.len() <= capbrief::markdown::html_cap(text.len()) + 256);
    if !trust {
        // Text has `<` escaped, so every `<` in the output starts a tag; a tag is where a
        // script or a `javascript:` URL would act (the same words in text are harmless).
        for tag in out.html.split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or(tag).to_ascii_lowercase();
            assert!(!tag.starts_with("script"), "script survived sanitising: <{tag}>");
            assert!(!tag.contains("javascript:"), "javascript: URL survived: <{tag}>");
        }
    }
});
