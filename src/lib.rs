//! capbrief: a static site generator for briefings on AI capital expenditure.
//!
//! The pipeline, one stage per module, data flowing one way:
//! `config` → `content::load` → `dedup::run` → `capex::collect` → `render::site` → `output::Writer`
//! (each file written to a staging folder as it is made, then `Writer::commit` swaps it in).
//! Only `content`, `output` (and the `serve`/`deploy`/`import` clients) touch the disk.

pub mod capex;
pub mod check;
pub mod config;
pub mod content;
pub mod dedup;
pub mod deploy;
pub mod diag;
pub mod furniture;
pub mod html;
pub mod i18n;
pub mod import;
pub mod incremental;
pub mod init;
pub mod markdown;
pub mod new;
pub mod output;
pub mod paths;
pub mod render;
pub mod search;
pub mod serve;
pub mod url_policy;
pub mod yaml;

use config::Config;
use diag::{Diagnostic, Diagnostics};
use output::OutputFile;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What `capbrief build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Output folder; default from config (`public`), relative to the root.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` (deploy previews, the dev server).
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// A preview (the dev server, `build --drafts`): drafted capex figures are marked as
    /// unreviewed on the pages that show them.
    pub preview: bool,
    /// Counts output files as they are rendered, for a progress display.
    pub progress: Option<Arc<AtomicUsize>>,
    /// Set from another thread (the binary's Ctrl-C and SIGTERM handler) to stop the build:
    /// it then fails at the next output file, before its commit point, leaving the output
    /// folder as it was and no staging folder behind.
    pub cancel: Option<Arc<std::sync::atomic::AtomicBool>>,
}

/// Passes files on to another sink, counting them.
struct Counting<'a> {
    inner: &'a dyn output::Sink,
    count: Option<&'a AtomicUsize>,
    cancel: Option<&'a std::sync::atomic::AtomicBool>,
}

/// What a sink reports once the build was cancelled; [`build`] turns the failure into
/// [`Diagnostics::interrupted`].
fn interrupted() -> Diagnostic {
    Diagnostic::error(None, diag::INTERRUPTED)
}

impl output::Sink for Counting<'_> {
    fn emit(&self, file: OutputFile) -> Result<(), Diagnostic> {
        if self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(interrupted());
        }
        if let Some(c) = self.count {
            c.fetch_add(1, Ordering::Relaxed);
        }
        self.inner.emit(file)
    }
}

/// A finished build.
#[derive(Debug)]
pub struct Built {
    /// The resolved config.
    pub config: Config,
    /// Every output file, sorted by path ([`render_site`] only; [`build`] streams them to disk).
    pub files: Vec<OutputFile>,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Time per stage, in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
    /// Pages (content files) loaded.
    pub pages_loaded: usize,
    /// What rendering produced.
    pub rendered: render::RenderStats,
    /// What the commit to disk did ([`build`] only).
    pub written: Option<output::WriteStats>,
    /// One line on the duplicate articles folded, if any.
    pub dedup_summary: Option<String>,
    /// The loaded pages, for checks that map output back to its source (`capbrief check`).
    pub pages: Vec<content::Page>,
}

impl Built {
    /// Number of HTML pages in the output.
    pub fn html_pages(&self) -> usize {
        self.rendered.html_pages
    }
}

/// Loads the config and applies the command-line overrides.
pub fn load_config(opts: &BuildOptions) -> Result<Config, Diagnostics> {
    let mut config = Config::load(&opts.root)?;
    if let Some(url) = &opts.base_url {
        config
            .set_base_url(url)
            .map_err(|msg| Diagnostics::from(Diagnostic::error(None, format!("--base-url: {msg}"))))?;
    }
    Ok(config)
}

/// Records how long each stage took.
struct Laps {
    timings: Vec<(&'static str, Duration)>,
    clock: Instant,
}

impl Laps {
    fn new() -> Self {
        Laps { timings: Vec::new(), clock: Instant::now() }
    }

    fn lap(&mut self, name: &'static str) {
        self.timings.push((name, self.clock.elapsed()));
        self.clock = Instant::now();
    }
}

/// What [`pipeline`] hands back besides the files.
struct Rendered {
    stats: render::RenderStats,
    warnings: Vec<Diagnostic>,
    pages_loaded: usize,
    pages: Vec<content::Page>,
    dedup_summary: Option<String>,
}

pub use incremental::BuildCache;

/// The pipeline's stages, each given what the one before made. [`Clean`] runs them as they
/// are; a preview session's [`BuildCache`] wraps them with its memos, and gives the same
/// result.
pub(crate) trait Stages {
    /// Called once the config, site templates and UI strings are read, before any stage.
    fn start(
        &mut self,
        _config: &Config,
        _site_templates: &render::templates::SiteTemplates,
        _strings: &Result<i18n::Strings, Diagnostics>,
        _drafts_preview: (bool, bool),
    ) {
    }
    fn load(&mut self, config: &Config, include_drafts: bool, diags: &mut Diagnostics) -> content::Loaded;
    fn dedup(
        &mut self,
        pages: &mut [content::Page],
        config: &Config,
        diags: &mut Diagnostics,
    ) -> dedup::DedupReport;
    fn capex(
        &mut self,
        pages: &[content::Page],
        config: &Config,
        dedup: &dedup::DedupReport,
        diags: &mut Diagnostics,
    ) -> capex::CapexData;
    /// The syntaxes and sanitiser Markdown bodies are rendered with.
    fn engine(&mut self) -> Arc<markdown::MarkdownEngine>;
    fn render(
        &mut self,
        input: &render::RenderInput<'_>,
        sink: &dyn output::Sink,
    ) -> Result<render::RenderStats, Diagnostics>;
}

/// The stages as they are, for a build that starts from nothing.
struct Clean;

impl Stages for Clean {
    fn load(&mut self, config: &Config, include_drafts: bool, diags: &mut Diagnostics) -> content::Loaded {
        content::load(config, include_drafts, diags)
    }

    fn dedup(
        &mut self,
        pages: &mut [content::Page],
        config: &Config,
        diags: &mut Diagnostics,
    ) -> dedup::DedupReport {
        dedup::run(pages, config, diags)
    }

    fn capex(
        &mut self,
        pages: &[content::Page],
        config: &Config,
        dedup: &dedup::DedupReport,
        diags: &mut Diagnostics,
    ) -> capex::CapexData {
        capex::collect(pages, config, dedup, diags)
    }

    fn engine(&mut self) -> Arc<markdown::MarkdownEngine> {
        Arc::new(markdown::MarkdownEngine::new())
    }

    fn render(
        &mut self,
        input: &render::RenderInput<'_>,
        sink: &dyn output::Sink,
    ) -> Result<render::RenderStats, Diagnostics> {
        render::site(input, sink)
    }
}

/// Every stage after config, handing output files to `sink`.
fn pipeline(
    config: &Config,
    opts: &BuildOptions,
    sink: &dyn output::Sink,
    laps: &mut Laps,
    stages: &mut impl Stages,
) -> Result<Rendered, Diagnostics> {
    let mut diags = Diagnostics::new();
    let strings = i18n::Strings::load(config);
    let site_templates = render::templates::read_site_templates(&config.root, &mut diags);
    stages.start(config, &site_templates, &strings, (opts.drafts, opts.preview));
    laps.lap("config");

    let mut loaded = stages.load(config, opts.drafts, &mut diags);
    laps.lap("load");

    let dedup = stages.dedup(&mut loaded.pages, config, &mut diags);
    laps.lap("dedup");

    let capex = stages.capex(&loaded.pages, config, &dedup, &mut diags);
    laps.lap("capex");

    let strings = match strings {
        Ok(s) => Some(Arc::new(s)),
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    let strings = strings.unwrap_or_default();
    let tera =
        render::templates::build(&site_templates, strings.clone(), &config.base_path).map_err(|d| {
            let mut all = diags.clone();
            all.push(d);
            all.sorted()
        })?;
    let engine = stages.engine();
    let input = render::RenderInput {
        config,
        pages: &loaded.pages,
        assets: &loaded.assets,
        dedup: &dedup,
        capex: &capex,
        strings: &strings,
        tera: &tera,
        engine: &engine,
        preview: opts.preview,
    };
    let counting = Counting { inner: sink, count: opts.progress.as_deref(), cancel: opts.cancel.as_deref() };
    let stats = match stages.render(&input, &counting) {
        Ok(mut s) => {
            for w in std::mem::take(&mut s.warnings) {
                diags.push(w);
            }
            s
        }
        Err(d) => {
            diags.extend(d);
            return Err(diags.sorted());
        }
    };
    laps.lap("render");
    // The search index is made while rendering; `--timings` shows it as its own stage.
    if let (Some(t), Some((_, render))) = (stats.search_time, laps.timings.last_mut()) {
        *render = render.saturating_sub(t);
        laps.timings.push(("search", t));
    }
    Ok(Rendered {
        stats,
        warnings: diags.sorted().into_warnings(),
        pages_loaded: loaded.pages.len(),
        dedup_summary: dedup.summary(),
        pages: loaded.pages,
    })
}

/// Runs every stage up to rendering and keeps the output in memory; writes nothing.
pub fn render_site(opts: &BuildOptions) -> Result<Built, Diagnostics> {
    render_in_memory(opts, &mut Clean)
}

/// Like [`render_site`], but reuses from `cache` every rendered body and output file whose
/// inputs did not change since the last successful build with the same cache, and updates
/// it. The files are the same bytes [`render_site`] makes.
pub fn render_site_incremental(opts: &BuildOptions, cache: &mut BuildCache) -> Result<Built, Diagnostics> {
    render_in_memory(opts, cache)
}

fn render_in_memory(opts: &BuildOptions, stages: &mut impl Stages) -> Result<Built, Diagnostics> {
    let mut laps = Laps::new();
    let config = load_config(opts)?;
    let memory = output::Memory::default();
    let r = pipeline(&config, opts, &memory, &mut laps, stages)?;
    Ok(Built {
        config,
        files: memory.into_files(),
        warnings: r.warnings,
        timings: laps.timings,
        pages_loaded: r.pages_loaded,
        pages: r.pages,
        rendered: r.stats,
        written: None,
        dedup_summary: r.dedup_summary,
    })
}

/// The output folder a build writes to: `--output`, else the publish folder, or for a build
/// with drafts the drafts folder beside it.
pub fn output_dir(config: &Config, opts: &BuildOptions) -> PathBuf {
    match &opts.output {
        // A path given on the command line is relative to where the user is.
        Some(out) => out.clone(),
        None if opts.drafts => drafts_dir(config),
        None => publish_dir(config),
    }
}

/// The folder a plain `capbrief build` writes and a publish picks up (`output_dir`, by
/// default `public/`).
pub fn publish_dir(config: &Config) -> PathBuf {
    if config.output_dir.is_absolute() {
        config.output_dir.clone()
    } else {
        config.root.join(&config.output_dir)
    }
}

/// Where `build --drafts` writes by default: beside the publish folder, named after it
/// (`public-drafts/`), so drafts never land where a deploy or an upload picks the site up.
pub fn drafts_dir(config: &Config) -> PathBuf {
    let publish = publish_dir(config);
    let name = publish.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    publish.with_file_name(format!("{name}-drafts"))
}

/// Refuses a build with drafts into the publish folder.
fn check_drafts_target(config: &Config, opts: &BuildOptions, out: &Path) -> Result<(), Diagnostic> {
    let same = |a: &Path, b: &Path| {
        let abs = |p: &Path| {
            std::path::absolute(p).map(|p| p.canonicalize().unwrap_or(p)).unwrap_or_else(|_| p.to_path_buf())
        };
        abs(a) == abs(b)
    };
    let publish = publish_dir(config);
    if opts.drafts && same(out, &publish) {
        return Err(Diagnostic::error(
            None,
            format!(
                "refusing to build drafts into `{}`, the folder the site is published from",
                shown(&publish).display()
            ),
        )
        .with_help(format!(
            "leave out --output: `build --drafts` writes to `{}`; or build without --drafts",
            shown(&drafts_dir(config)).display()
        )));
    }
    Ok(())
}

/// Builds the site into its output folder: files stream into a staging area while pages
/// render, and become visible only when the whole build succeeded.
pub fn build(opts: &BuildOptions) -> Result<(Built, PathBuf), Diagnostics> {
    let mut laps = Laps::new();
    let config = load_config(opts)?;
    let out = output_dir(&config, opts);
    check_drafts_target(&config, opts, &out)?;
    let mut writer = output::Writer::begin(&config.root, &out)?;
    writer.record_drafts(opts.drafts);
    let r = match pipeline(&config, opts, &writer, &mut laps, &mut Clean) {
        Ok(r) if !opts.cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed)) => r,
        Ok(_) => {
            writer.abort();
            return Err(Diagnostics::interrupted());
        }
        Err(d) => {
            writer.abort();
            // Only the interruption matters then: the rest are files that were not made.
            if opts.cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed)) {
                return Err(Diagnostics::interrupted());
            }
            return Err(d);
        }
    };
    let written = writer.commit()?;
    laps.lap("write");
    let mut warnings = r.warnings;
    if written.set_aside > 0 {
        let work = output::work_dir(&out).join(output::SET_ASIDE);
        warnings.push(
            Diagnostic::warning(
                Some(diag::Location::file(shown(&out))),
                format!(
                    "{} file{} in the output folder {} not written by capbrief (added by hand); moved to `{}`",
                    written.set_aside,
                    if written.set_aside == 1 { "" } else { "s" },
                    if written.set_aside == 1 { "was" } else { "were" },
                    shown(&work).display()
                ),
            )
            .with_help("files to publish belong in static/; the output folder holds what the build writes"),
        );
    }
    if written.previous_set_aside {
        let work = output::work_dir(&out).join(output::SET_ASIDE);
        warnings.push(
            Diagnostic::warning(
                Some(diag::Location::file(shown(&out))),
                format!(
                    "the previous output had no seal from this work folder (an earlier capbrief, a copy \
                     or a checkout), so it was kept whole in `{}` rather than deleted",
                    shown(&work).display()
                ),
            )
            .with_help(
                "delete it once you have checked nothing in it is yours; later builds do not do this again",
            ),
        );
    }
    let built = Built {
        config,
        files: Vec::new(),
        warnings,
        timings: laps.timings,
        pages_loaded: r.pages_loaded,
        pages: r.pages,
        rendered: r.stats,
        written: Some(written),
        dedup_summary: r.dedup_summary,
    };
    Ok((built, out))
}

/// `path` shown relative to the current folder when below it.
pub fn shown(path: &Path) -> PathBuf {
    content::shown_path(Path::new("."), path)
}
