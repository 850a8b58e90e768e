//! capbrief: a static site generator for briefings on AI capital expenditure.
//!
//! The pipeline, one stage per module, data flowing one way:
//! `config` → `content::load` → `dedup::run` → `capex::collect` → `render::site` → `output::commit`.
//! Only `content`, `output` (and the `serve`/`deploy`/`import` clients) touch the disk.

pub mod capex;
pub mod config;
pub mod content;
pub mod dedup;
pub mod diag;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod paths;
pub mod render;
pub mod serve;
pub mod yaml;

use config::Config;
use diag::{Diagnostic, Diagnostics};
use output::OutputFile;
use std::path::{Path, PathBuf};
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
}

/// A finished build, in memory.
#[derive(Debug)]
pub struct Built {
    /// The resolved config.
    pub config: Config,
    /// Every output file.
    pub files: Vec<OutputFile>,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Time per stage, in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
    /// Pages (content files) loaded.
    pub pages_loaded: usize,
}

impl Built {
    /// Number of HTML pages among the output files.
    pub fn html_pages(&self) -> usize {
        self.files.iter().filter(|f| f.path.ends_with(".html")).count()
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

/// Runs every stage up to rendering, without writing anything.
pub fn render_site(opts: &BuildOptions) -> Result<Built, Diagnostics> {
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let config = load_config(opts)?;
    let mut diags = Diagnostics::new();
    let strings = i18n::Strings::load(&config);
    let site_templates = render::templates::read_site_templates(&config.root, &mut diags);
    lap("config", &mut timings);

    let mut loaded = content::load(&config, opts.drafts, &mut diags);
    lap("load", &mut timings);

    let dedup = dedup::run(&mut loaded.pages, &config.dedup, &mut diags);
    lap("dedup", &mut timings);

    let capex = capex::collect(&loaded.pages, &config, &dedup, &mut diags);
    lap("capex", &mut timings);

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
    let engine = markdown::MarkdownEngine::new();
    let input = render::RenderInput {
        config: &config,
        pages: &loaded.pages,
        assets: &loaded.assets,
        dedup: &dedup,
        capex: &capex,
        strings: &strings,
        tera: &tera,
        engine: &engine,
    };
    let files = match render::site(&input) {
        Ok(f) => f,
        Err(d) => {
            diags.extend(d);
            return Err(diags.sorted());
        }
    };
    lap("render", &mut timings);
    let pages_loaded = loaded.pages.len();
    Ok(Built { config, files, warnings: diags.sorted().into_warnings(), timings, pages_loaded })
}

/// The output folder a build writes to.
pub fn output_dir(config: &Config, opts: &BuildOptions) -> PathBuf {
    let out = opts.output.clone().unwrap_or_else(|| config.output_dir.clone());
    if out.is_absolute() {
        out
    } else if opts.output.is_some() {
        // A path given on the command line is relative to where the user is.
        out
    } else {
        config.root.join(out)
    }
}

/// Builds the site and swaps it into the output folder.
pub fn build(opts: &BuildOptions) -> Result<(Built, PathBuf), Diagnostics> {
    let mut built = render_site(opts)?;
    let out = output_dir(&built.config, opts);
    let start = Instant::now();
    output::commit(&built.files, &built.config.root, &out)?;
    built.timings.push(("write", start.elapsed()));
    Ok((built, out))
}

/// `path` shown relative to the current folder when below it.
pub fn shown(path: &Path) -> PathBuf {
    content::shown_path(Path::new("."), path)
}
