//! A small site for render's unit tests: files written to a temporary folder, taken through
//! load, dedup and capex as a build takes them, and held so a [`RenderInput`] and a
//! [`Model`] can borrow them.

use super::{Model, RenderInput};
use crate::capex::CapexData;
use crate::config::Config;
use crate::content::Loaded;
use crate::dedup::DedupReport;
use crate::diag::Diagnostics;
use crate::i18n::Strings;
use crate::markdown::MarkdownEngine;
use std::sync::Arc;

/// The config every test site starts from: English and Spanish, tags and companies.
const CONFIG: &str = "title: Test\nbase_url: https://example.com/\npaginate: 10\n\
    taxonomies: [tags, companies]\nlanguages:\n  en:\n    title: Test\n  es:\n    title: Prueba\n";

/// Writes files below a temporary site folder, then builds everything render reads.
pub(super) struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    pub(super) fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let site = TestSite { dir };
        site.file("config.yaml", CONFIG)
    }

    /// Writes `text` to `path` below the site folder.
    pub(super) fn file(self, path: &str, text: &str) -> Self {
        let path = self.dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("folders made");
        std::fs::write(path, text).expect("file written");
        self
    }

    /// A page at `content/{rel}` with this front matter (without the fences) and body.
    pub(super) fn page(self, rel: &str, front_matter: &str, body: &str) -> Self {
        self.file(&format!("content/{rel}"), &format!("---\n{front_matter}\n---\n\n{body}\n"))
    }

    /// Loads the site and runs every stage before render, failing on any error.
    pub(super) fn build(&self) -> Built {
        let config = Config::load(self.dir.path()).expect("config loads");
        let mut diags = Diagnostics::new();
        let mut loaded = crate::content::load(&config, false, &mut diags);
        let dedup = crate::dedup::run(&mut loaded.pages, &config, &mut diags);
        let capex = crate::capex::collect(&loaded.pages, &config, &dedup, &mut diags);
        assert!(!diags.has_errors(), "{diags:?}");
        let strings = Arc::new(Strings::load(&config).expect("strings load"));
        let tera =
            super::templates::build(&Vec::new(), strings.clone(), &config.base_path).expect("templates");
        Built { config, loaded, dedup, capex, strings, tera, engine: MarkdownEngine::new() }
    }
}

/// What render is given, owned.
pub(super) struct Built {
    config: Config,
    pub(super) loaded: Loaded,
    dedup: DedupReport,
    capex: CapexData,
    strings: Arc<Strings>,
    tera: tera::Tera,
    engine: MarkdownEngine,
}

impl Built {
    pub(super) fn input(&self) -> RenderInput<'_> {
        RenderInput {
            config: &self.config,
            pages: &self.loaded.pages,
            assets: &self.loaded.assets,
            dedup: &self.dedup,
            capex: &self.capex,
            strings: &self.strings,
            tera: &self.tera,
            engine: &self.engine,
            preview: false,
        }
    }
}

/// The model of `input`, as a clean build makes it.
pub(super) fn model<'a>(input: &'a RenderInput<'a>) -> Model<'a> {
    Model::new(input, None)
}
