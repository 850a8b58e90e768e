//! Reuse between preview rebuilds (`capbrief serve`): the pipeline's stages wrapped with memos,
//! so that an edit re-reads, re-normalises and re-renders only what it changed. Each memo
//! gives the result its plain stage would give (the incremental tests compare every preview
//! rebuild with a clean build byte for byte); the stages know nothing of it.

mod capex;
mod load;

pub use capex::CapexCache;
pub use load::LoadCache;

use crate::config::Config;
use crate::content::{Loaded, Page};
use crate::dedup::{self, DedupReport};
use crate::diag::Diagnostics;
use crate::markdown::MarkdownEngine;
use crate::output::Sink;
use crate::render::{self, RenderInput, RenderStats};
use crate::{i18n, Stages};
use std::hash::Hash;
use std::path::PathBuf;
use std::sync::Arc;

/// What a `serve` session keeps from one rebuild to the next, so that an edit re-renders only
/// the bodies and files whose inputs it changed. Owned by the session, never global.
#[derive(Debug, Default)]
pub struct BuildCache {
    /// Hash of what every output depends on (config, site templates, UI strings, drafts):
    /// when it changes, nothing cached is valid.
    fingerprint: Option<u128>,
    load: LoadCache,
    dedup: dedup::DedupCache,
    capex: CapexCache,
    render: render::cache::RenderCache,
    /// The syntaxes and sanitiser, which depend on nothing a site configures: made once
    /// per session rather than on every save.
    engine: Option<Arc<MarkdownEngine>>,
}

impl BuildCache {
    /// How much the last successful build reused.
    pub fn reuse_stats(&self) -> render::cache::ReuseStats {
        self.render.stats()
    }

    /// Tells the cache which files changed since the last build (paths below the site root,
    /// joined to it), as a file watcher reports them, so the next build looks at those alone
    /// instead of checking every file; `None` when changes may have gone unreported.
    /// Without a report, a build checks every file.
    pub fn note_changes(&mut self, files: Option<Vec<PathBuf>>) {
        self.load.note_changes(files);
    }

    /// Whether the last build walked the site folders and checked every file (false: it
    /// looked only at the files reported through [`BuildCache::note_changes`]).
    pub fn walked_last(&self) -> bool {
        self.load.walked_last()
    }
}

impl Stages for BuildCache {
    /// Empties the cache unless it was made from the same inputs.
    fn start(
        &mut self,
        config: &Config,
        site_templates: &render::templates::SiteTemplates,
        strings: &Result<i18n::Strings, Diagnostics>,
        (drafts, preview): (bool, bool),
    ) {
        let fingerprint = build_fingerprint(config, site_templates, strings, (drafts, preview));
        if self.fingerprint != Some(fingerprint) {
            let engine = self.engine.take();
            *self = BuildCache { fingerprint: Some(fingerprint), engine, ..BuildCache::default() };
        }
    }

    fn load(&mut self, config: &Config, include_drafts: bool, diags: &mut Diagnostics) -> Loaded {
        self.load.load(config, include_drafts, diags)
    }

    fn dedup(&mut self, pages: &mut [Page], config: &Config, diags: &mut Diagnostics) -> DedupReport {
        dedup::run_reusing(pages, config, diags, Some(&mut self.dedup))
    }

    fn capex(
        &mut self,
        pages: &[Page],
        config: &Config,
        dedup: &DedupReport,
        diags: &mut Diagnostics,
    ) -> crate::capex::CapexData {
        self.capex.collect(pages, config, dedup, diags)
    }

    fn engine(&mut self) -> Arc<MarkdownEngine> {
        self.engine.get_or_insert_with(|| Arc::new(MarkdownEngine::new())).clone()
    }

    fn render(&mut self, input: &RenderInput<'_>, sink: &dyn Sink) -> Result<RenderStats, Diagnostics> {
        render::site_reusing(input, sink, Some(&mut self.render))
    }
}

/// Hash of everything that shapes every output file at once, from the values themselves:
/// the resolved config (with the base URL the session serves at), the site's template
/// sources and the UI strings. Strings that failed to load count as one value, since no
/// build renders with them.
fn build_fingerprint(
    config: &Config,
    site_templates: &render::templates::SiteTemplates,
    strings: &Result<i18n::Strings, Diagnostics>,
    (drafts, preview): (bool, bool),
) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    (config, site_templates, strings.as_ref().ok(), drafts, preview).hash(&mut hasher);
    hasher.digest128()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(extra: &str) -> Config {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let text = format!("title: T\nbase_url: https://example.com/\n{extra}");
        std::fs::write(dir.path().join(crate::config::CONFIG_FILE), text).expect("config written");
        let mut config = Config::load(dir.path()).expect("config loads");
        // The same root for every config compared here.
        config.root = "/site".into();
        config
    }

    fn fingerprint(config: &Config, templates: &render::templates::SiteTemplates) -> u128 {
        build_fingerprint(config, templates, &Ok(i18n::Strings::default()), (false, true))
    }

    #[test]
    fn the_fingerprint_changes_with_any_input_and_only_then() {
        let none = Vec::new();
        let plain = fingerprint(&config(""), &none);
        assert_eq!(plain, fingerprint(&config(""), &none), "the same inputs");
        let changed = [
            ("a config number kept as f64", fingerprint(&config("dedup: {threshold: 0.6}\n"), &none)),
            ("fx rates", fingerprint(&config("fx: {rates: {CNY: 0.14}}\n"), &none)),
            ("a company", fingerprint(&config("companies:\n  - {name: Example Cloud}\n"), &none)),
            ("a template", fingerprint(&config(""), &vec![("base.html".into(), "<p>".into())])),
        ];
        for (what, hash) in changed {
            assert_ne!(hash, plain, "{what}");
        }
        let strings_failed = build_fingerprint(&config(""), &none, &Err(Diagnostics::new()), (false, true));
        assert_ne!(strings_failed, plain, "UI strings that failed to load");
        let drafts = build_fingerprint(&config(""), &none, &Ok(i18n::Strings::default()), (true, true));
        assert_ne!(drafts, plain, "drafts");
        let mut moved = config("");
        moved.set_base_url("https://example.com/preview/").expect("a base URL");
        assert_ne!(fingerprint(&moved, &none), plain, "the base URL");
    }
}
