//! What a rebuild can take over from the previous build of the same site: the rendered
//! Markdown of each body and every templated output file, each keyed by a hash of all it
//! was made from. A key that matches means the result would be the same bytes, so nothing
//! has to reason about which edit affects which page.

use crate::markdown::Rendered;
use std::collections::HashMap;
use std::fmt::Write as _;
use tera::Context;
use xxhash_rust::xxh3::Xxh3;

/// Results of the previous successful build, reused where their inputs are unchanged.
///
/// Valid only for the same templates, UI strings and config: the caller clears it when
/// any of those change (see `crate::BuildCache`).
#[derive(Debug, Default)]
pub struct RenderCache {
    /// Rendered Markdown by hash of (body, options).
    pub(super) markdown: HashMap<u128, Rendered>,
    /// Output files by path: the hash of (template, context) and the bytes it rendered to.
    pub(super) outputs: HashMap<String, (u128, Vec<u8>)>,
    /// How much the last build reused.
    pub(super) stats: ReuseStats,
}

/// How much of a build was taken from the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReuseStats {
    /// Bodies whose Markdown was rendered again.
    pub markdown_rendered: usize,
    /// Bodies whose rendered Markdown was reused.
    pub markdown_reused: usize,
    /// Templated files rendered again (company term pages, never cached, are not counted).
    pub files_rendered: usize,
    /// Templated files whose bytes were reused.
    pub files_reused: usize,
}

impl RenderCache {
    /// What the last build that used this cache reused.
    pub fn stats(&self) -> ReuseStats {
        self.stats
    }

    /// Forgets everything (templates, strings or config changed).
    pub fn clear(&mut self) {
        *self = RenderCache::default();
    }
}

/// Feeds text into a hash without building the string first.
struct HashWriter(Xxh3);

impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

/// Key of a Markdown body rendered with some options (given in their `Debug` form).
pub(super) fn markdown_key(body: &str, options: &dyn std::fmt::Debug) -> u128 {
    let mut h = HashWriter(Xxh3::new());
    h.0.update(&(body.len() as u64).to_le_bytes());
    h.0.update(body.as_bytes());
    let _ = write!(h, "{options:?}");
    h.0.digest128()
}

/// Key of a templated file: the template's name and every value of its context. Tera's
/// `Context` keeps its values private; its `Debug` form lists every key and value in key
/// order, which is all a render reads.
pub(super) fn job_key(template: &str, context: &Context) -> u128 {
    let mut h = HashWriter(Xxh3::new());
    h.0.update(&(template.len() as u64).to_le_bytes());
    h.0.update(template.as_bytes());
    let _ = write!(h, "{context:?}");
    h.0.digest128()
}
