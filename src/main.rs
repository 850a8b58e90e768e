//! The `capbrief` command line: parses arguments, calls the library, prints the report and
//! picks the exit code.

use capbrief::diag::Diagnostics;
use capbrief::BuildOptions;
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

// Builds allocate and free many short-lived strings and template values from several threads;
// mimalloc keeps freed memory for reuse instead of returning it to the system and faulting it
// back in (a fifth of a preview rebuild's time with the system allocator; see BENCHMARKS.md).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its `include/mimalloc.h`, version 3, which
/// `libmimalloc-sys` builds by default); the test below checks the number against its default.
#[cfg(feature = "mimalloc")]
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// The dev server rebuilds the same site again and again: memory a rebuild frees is kept for
/// the next one instead of being handed back to the system a second later and faulted in again
/// (a sixth of a preview rebuild's processor time went to page faults). Its size stays that of
/// the largest build, which the server's cache holds anyway.
fn keep_freed_memory() {
    #[cfg(feature = "mimalloc")]
    // SAFETY: called before the server starts any thread; -1 is mimalloc's documented
    // "never purge" value for this option.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1)
    };
}

#[derive(Parser)]
#[command(
    name = "capbrief",
    version,
    about = "Static site generator for briefings on AI capital expenditure"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: public/).
    Build {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: `output_dir` from config.yaml, else public/ in the site).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Override `base_url` from config.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// Include drafts; the default output is then public-drafts/ (beside the publish
        /// folder), and the publish folder itself is refused.
        #[arg(long)]
        drafts: bool,
        /// Print only errors.
        #[arg(long, short)]
        quiet: bool,
        /// Print the time of each pipeline stage.
        #[arg(long)]
        timings: bool,
    },
    /// Turn saved news pages (plain text, Markdown or HTML) into briefings with front matter.
    Import {
        /// Saved pages to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The site folder; its config.yaml supplies the company registry and languages.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Folder to write the briefings into (default: content/briefings in the site).
        #[arg(long)]
        into: Option<PathBuf>,
        /// Publisher name recorded as `source.name`.
        #[arg(long)]
        source_name: Option<String>,
        /// Address of the original page recorded as `source.url` (http, https or mailto).
        #[arg(long, value_parser = source_url)]
        source_url: Option<String>,
        /// Headline to use for a page saved without one (instead of one proposed from its lead).
        #[arg(long)]
        title: Option<String>,
        /// Print what would be written, and what was left out of each page, instead of writing.
        #[arg(long)]
        dry_run: bool,
        /// Replace briefings that already exist.
        #[arg(long)]
        force: bool,
        /// Print the per-file report as JSON on standard output.
        #[arg(long)]
        json: bool,
    },
    /// List articles that tell the same story, and which one is shown, without building.
    Dedup {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Print the clusters as JSON.
        #[arg(long)]
        json: bool,
        /// Print how long each deduplication pass took.
        #[arg(long)]
        timings: bool,
        /// Include drafts (imported pages without a date are drafts).
        #[arg(long)]
        drafts: bool,
        /// Explain what every rule sees in two articles and what was decided for them.
        #[arg(long, num_args = 2, value_names = ["A", "B"])]
        compare: Option<Vec<String>>,
    },
    /// List the company registry in force (built-in entries merged with config.yaml), or
    /// show how one name, alias, ticker, description or executive resolves.
    Companies {
        /// A name, alias, ticker (`9988.HK`, `NASDAQ:MSFT`), description or executive to look up.
        name: Option<String>,
        /// The site folder; outside one, the built-in registry is listed.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Print JSON (every field of every entry, or of the one looked up).
        #[arg(long)]
        json: bool,
    },
    /// Create a new site that builds at once.
    Init {
        /// Folder for the new site.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also write the GitHub Pages workflow (.github/workflows/pages.yml).
        #[arg(long)]
        github_actions: bool,
        /// Add the missing files to a non-empty folder (existing files are never overwritten).
        #[arg(long)]
        force: bool,
    },
    /// Create a new briefing (or a translation of one) and print its path.
    New {
        /// The briefing's title.
        title: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Section folder below content/.
        #[arg(long, default_value = "briefings")]
        section: String,
        /// Language of the new file (default: the site's default language).
        #[arg(long)]
        lang: Option<String>,
        /// Markdown file of the original this one translates (needs --lang).
        #[arg(long, requires = "lang")]
        translation_of: Option<PathBuf>,
        /// Date to write instead of today (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
    },
    /// Build into a temporary folder and check links, assets, orphans and capex figures.
    Check {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also request every external link (uses the network).
        #[arg(long)]
        external: bool,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Build afresh and publish the output as the next commit of a Pages branch.
    Deploy {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Remote to push to.
        #[arg(long, default_value = "origin")]
        remote: String,
        /// Branch that GitHub Pages publishes from.
        #[arg(long, default_value = "gh-pages")]
        branch: String,
        /// Commit message (the source commit is always named below it).
        #[arg(long, short)]
        message: Option<String>,
        /// Commit to the local branch only.
        #[arg(long)]
        no_push: bool,
        /// Publish this folder, built earlier by `capbrief build`, instead of building afresh
        /// (refused when it was built with --drafts).
        #[arg(long, value_name = "DIR")]
        from: Option<PathBuf>,
    },
    /// Preview the site on a local server that rebuilds and reloads on every save.
    Serve {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on. Anything but loopback makes the preview reachable from the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port to listen on; 0 picks a free one (the address is printed).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Print the time of each pipeline stage after every rebuild.
        #[arg(long)]
        timings: bool,
    },
}

/// Stops a command that needs a site when `root` is not one, with a message that says so
/// and nothing about builds or outputs that never existed.
fn require_site(root: &std::path::Path) -> Result<(), ExitCode> {
    match capbrief::config::not_a_site(root) {
        Some(d) => {
            eprintln!("{d}");
            Err(ExitCode::FAILURE)
        }
        None => Ok(()),
    }
}

/// `--source-url`: the URL policy the build applies to `source.url`, checked before anything
/// is imported.
fn source_url(raw: &str) -> Result<String, String> {
    capbrief::url_policy::check_url(raw).map(|c| c.into_string()).map_err(|r| r.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let site_root = match &cli.command {
        Command::Build { root, .. }
        | Command::Dedup { root, .. }
        | Command::New { root, .. }
        | Command::Check { root, .. }
        | Command::Deploy { root, .. }
        | Command::Serve { root, .. } => Some(root),
        // Outside a site folder the registry command lists the built-in registry; a folder
        // named with --root must still be a site.
        Command::Companies { root, .. } => (root != std::path::Path::new(".")).then_some(root),
        Command::Import { .. } | Command::Init { .. } => None,
    };
    if let Some(Err(code)) = site_root.map(|r| require_site(r)) {
        return code;
    }
    match cli.command {
        Command::Build { root, output, base_url, drafts, quiet, timings } => {
            let opts = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                preview: drafts,
                progress: None,
                cancel: None,
            };
            build(&opts, quiet, timings)
        }
        Command::Import { files, root, into, source_name, source_url, title, dry_run, force, json } => {
            let into = into.unwrap_or_else(|| {
                let default = PathBuf::from("content").join("briefings");
                if root == std::path::Path::new(".") {
                    default
                } else {
                    root.join(default)
                }
            });
            let today = capbrief::import::today();
            let opts = capbrief::import::ImportOptions {
                files,
                into,
                source_name,
                source_url,
                title,
                dry_run,
                force,
                today,
            };
            import(&opts, &root, json)
        }
        Command::Dedup { root, json, timings, drafts, compare } => match compare.as_deref() {
            Some([a, b]) => dedup_compare(&root, a, b, drafts),
            _ => dedup(&root, json, timings, drafts),
        },
        Command::Companies { name, root, json } => companies(&root, name.as_deref(), json),
        Command::Init { dir, github_actions, force } => {
            init(&capbrief::init::InitOptions { dir, github_actions, force })
        }
        Command::New { title, root, section, lang, translation_of, date } => {
            new(&capbrief::new::NewOptions { root, title, section, lang, translation_of, date })
        }
        Command::Check { root, external, strict } => {
            check(&capbrief::check::CheckOptions { root, external, strict })
        }
        Command::Deploy { root, remote, branch, message, no_push, from } => {
            deploy(&capbrief::deploy::DeployOptions { root, remote, branch, message, no_push, from })
        }
        Command::Serve { root, bind, port, drafts, open, timings } => {
            keep_freed_memory();
            match capbrief::serve::run(&capbrief::serve::ServeOptions {
                root,
                bind,
                port,
                drafts,
                open,
                timings,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(diags) => {
                    print_diagnostics(&diags);
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn import(opts: &capbrief::import::ImportOptions, root: &std::path::Path, json: bool) -> ExitCode {
    // Outside a site folder import still works, just without the company registry.
    let config = if root.join(capbrief::config::CONFIG_FILE).is_file() {
        match capbrief::config::Config::load(root) {
            Ok(c) => Some(c),
            Err(diags) => {
                print_diagnostics(&diags);
                eprintln!("error: fix config.yaml first; nothing was imported");
                return ExitCode::FAILURE;
            }
        }
    } else {
        None
    };
    let report = capbrief::import::run(opts, config.as_ref());
    print_diagnostics(&report.diagnostics);
    if json {
        println!("{}", capbrief::import::report::to_json(&report));
    } else {
        for item in report.imported() {
            if opts.dry_run {
                println!("==> {} (dry run: not written)", item.output.display());
                print!("{}", item.text);
                if !item.left_out.is_empty() {
                    println!("--- left out of the page ({}):", item.left_out.len());
                    print!("{}", capbrief::import::report::left_out(item));
                }
            } else {
                println!("{}", item.output.display());
            }
        }
        eprint!("{}", capbrief::import::report::table(&report));
        eprint!("{}", capbrief::import::report::capex(&report));
    }
    let imported = report.imported().count();
    let drafts = report.imported().filter(|i| i.draft).count();
    let failed = report.failed();
    eprintln!(
        "{} {} of {} file{}{}{}",
        if opts.dry_run { "Would import" } else { "Imported" },
        imported,
        opts.files.len(),
        if opts.files.len() == 1 { "" } else { "s" },
        if drafts > 0 {
            format!(", {drafts} as draft{}", if drafts == 1 { "" } else { "s" })
        } else {
            String::new()
        },
        if failed > 0 { format!("; {failed} failed") } else { String::new() },
    );
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn dedup_compare(root: &std::path::Path, a: &str, b: &str, drafts: bool) -> ExitCode {
    match capbrief::dedup::compare(root, a, b, drafts) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_diagnostics(&diags);
            ExitCode::FAILURE
        }
    }
}

fn dedup(root: &std::path::Path, json: bool, timings: bool, drafts: bool) -> ExitCode {
    match capbrief::dedup::inspect(root, drafts) {
        Ok(found) => {
            for w in &found.warnings {
                eprintln!("{w}");
            }
            if timings {
                eprintln!("timing: in-article    {:>9.3} ms", found.in_article.as_secs_f64() * 1000.0);
                eprintln!("timing: cross-article {:>9.3} ms", found.cross_article.as_secs_f64() * 1000.0);
                if let Some(cpu) = found.cross_article_cpu {
                    eprintln!("timing: cross-article cpu {:>9.3} ms", cpu.as_secs_f64() * 1000.0);
                }
                for (step, t) in &found.report.timings {
                    eprintln!("timing:   {step:<28} {:>9.3} ms", t.as_secs_f64() * 1000.0);
                }
            }
            if json {
                print!("{}", capbrief::dedup::report::to_json(&found.report));
            } else {
                print!("{}", capbrief::dedup::report::to_text(&found.report, found.articles));
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_diagnostics(&diags);
            ExitCode::FAILURE
        }
    }
}

fn companies(root: &std::path::Path, name: Option<&str>, json: bool) -> ExitCode {
    use capbrief::capex::roster;
    // Outside a site folder, the built-in registry alone.
    let (companies, origins) = if root.join(capbrief::config::CONFIG_FILE).is_file() {
        match capbrief::config::Config::load(root) {
            Ok(c) => (c.companies, c.company_origins),
            Err(diags) => {
                print_diagnostics(&diags);
                return ExitCode::FAILURE;
            }
        }
    } else {
        match capbrief::capex::registry::builtin() {
            Ok(list) => {
                let merged = capbrief::capex::registry::merge(list, Vec::new());
                (merged.companies, merged.origins)
            }
            Err(d) => {
                eprintln!("{d}");
                return ExitCode::FAILURE;
            }
        }
    };
    let Some(name) = name else {
        let listing = if json {
            roster::to_json(&companies, &origins, None)
        } else {
            roster::to_text(&companies, &origins)
        };
        print!("{listing}");
        return ExitCode::SUCCESS;
    };
    let registry = capbrief::capex::Registry::new(&companies);
    match roster::find(&registry, name) {
        Some(found) => {
            if json {
                let only = match &found {
                    roster::Found::Entry { company, .. } => vec![*company],
                    roster::Found::Reference { companies, .. } => companies.clone(),
                };
                print!("{}", roster::to_json(&companies, &origins, Some(&only)));
            } else {
                print!("{}", roster::entry_text(&registry, &origins, name, &found));
            }
            ExitCode::SUCCESS
        }
        None => {
            let hint = registry.suggest(name).map_or(String::new(), |s| format!("; did you mean `{s}`?"));
            eprintln!("error: `{}` is not in the company registry{hint}", name.trim());
            eprintln!("help: add it (or an alias) under `companies:` in config.yaml; `capbrief companies` lists every entry");
            ExitCode::FAILURE
        }
    }
}

fn init(opts: &capbrief::init::InitOptions) -> ExitCode {
    match capbrief::init::run(opts) {
        Ok(done) => {
            for f in &done.written {
                eprintln!("created {}", opts.dir.join(f).display());
            }
            for f in &done.kept {
                eprintln!("kept    {} (already there, not overwritten)", opts.dir.join(f).display());
            }
            eprintln!(
                "New site in {}. Next: cd into it and run `capbrief serve` or `capbrief build`.",
                opts.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_diagnostics(&diags);
            ExitCode::FAILURE
        }
    }
}

fn new(opts: &capbrief::new::NewOptions) -> ExitCode {
    match capbrief::new::run(opts) {
        Ok(path) => {
            let shown = capbrief::shown(&path);
            println!("{}", shown.strip_prefix(".").unwrap_or(&shown).display());
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_diagnostics(&diags);
            ExitCode::FAILURE
        }
    }
}

fn check(opts: &capbrief::check::CheckOptions) -> ExitCode {
    let report = match capbrief::check::run(opts) {
        Ok(r) => r,
        Err(diags) => {
            print_diagnostics(&diags);
            eprintln!("error: the site does not build; fix the errors above, then check again");
            return ExitCode::FAILURE;
        }
    };
    if !report.external.is_empty() {
        println!("External links ({}):", report.external.len());
        for url in report.external.keys() {
            println!("  {url}");
        }
        if !report.external_checked {
            println!("(not requested; run `capbrief check --external` to check them)");
        }
    }
    print_diagnostics(&report.diagnostics);
    let (errors, warnings) = (report.diagnostics.error_count(), report.diagnostics.warning_count());
    eprintln!(
        "Checked {} pages and {} internal links: {errors} error{}, {warnings} warning{}",
        report.html_files,
        report.internal_checked,
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    );
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn deploy(opts: &capbrief::deploy::DeployOptions) -> ExitCode {
    let mut log = |line: &str| eprintln!("{line}");
    match capbrief::deploy::run(opts, &mut log) {
        Ok(done) => {
            let what = if done.new_commit { "new commit" } else { "no new commit (nothing changed)" };
            let pushed = if done.pushed { ", pushed" } else { ", not pushed" };
            eprintln!("Deployed `{}` at {}: {what}{pushed}", opts.branch, &done.commit);
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_diagnostics(&diags);
            ExitCode::FAILURE
        }
    }
}
fn print_diagnostics(d: &Diagnostics) {
    for item in d.iter() {
        eprintln!("{item}");
    }
}

fn build(opts: &BuildOptions, quiet: bool, timings: bool) -> ExitCode {
    let start = Instant::now();
    let mut opts = opts.clone();
    let count = Arc::new(AtomicUsize::new(0));
    opts.progress = Some(count.clone());
    // Ctrl-C or SIGTERM: stop at the next file and remove the staging folder; a second
    // signal stops at once (the next build then removes what is left).
    let cancel = Arc::new(AtomicBool::new(false));
    opts.cancel = Some(cancel.clone());
    if let Err(e) = ctrlc::set_handler(move || {
        if cancel.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    }) {
        eprintln!("warning: cannot handle Ctrl-C ({e}); an interrupted build leaves its staging folder for the next build to remove");
    }
    // A live count of rendered files, shown only on a terminal and only once the build has
    // run long enough to be worth watching.
    let done = Arc::new(AtomicBool::new(false));
    let progress = (!quiet && std::io::stderr().is_terminal()).then(|| {
        let (count, done) = (count.clone(), done.clone());
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(400));
            if done.load(Ordering::Relaxed) {
                return;
            }
            let pb = indicatif::ProgressBar::new_spinner();
            pb.enable_steady_tick(Duration::from_millis(120));
            while !done.load(Ordering::Relaxed) {
                pb.set_message(format!("rendering… {} files", count.load(Ordering::Relaxed)));
                std::thread::sleep(Duration::from_millis(100));
            }
            pb.finish_and_clear();
        })
    });
    let result = capbrief::build(&opts);
    done.store(true, Ordering::Relaxed);
    if let Some(handle) = progress {
        let _ = handle.join();
    }
    match result {
        Ok((built, out)) => {
            if !quiet {
                for w in &built.warnings {
                    eprintln!("{w}");
                }
                if timings {
                    for (stage, t) in &built.timings {
                        eprintln!("timing: {stage:<7} {:>9.3} ms", t.as_secs_f64() * 1000.0);
                    }
                }
                if let Some(summary) = &built.dedup_summary {
                    eprintln!("{summary}");
                }
                let warnings = built.warnings.len();
                let changed = built.written.map_or(String::new(), |w| {
                    format!(", {} written, {} unchanged, {} removed", w.written, w.unchanged, w.removed)
                });
                eprintln!(
                    "Built {} pages ({} files{changed}) into {} in {:.2} s, {} warning{}",
                    built.html_pages(),
                    built.rendered.files,
                    capbrief::shown(&out).display(),
                    start.elapsed().as_secs_f64(),
                    warnings,
                    if warnings == 1 { "" } else { "s" }
                );
                if opts.drafts {
                    eprintln!(
                        "Drafts included: a preview, not for publishing (`capbrief deploy` refuses it); \
                         `capbrief build` writes the site to publish."
                    );
                }
            }
            ExitCode::SUCCESS
        }
        Err(diags) if diags.is_interrupted() => {
            eprintln!("\nerror: {}", capbrief::diag::INTERRUPTED);
            // The conventional status of a program stopped by SIGINT.
            ExitCode::from(130)
        }
        Err(diags) => {
            print_diagnostics(&diags);
            eprintln!(
                "error: build failed with {} error{}; the previous output was left as it was",
                diags.error_count(),
                if diags.error_count() == 1 { "" } else { "s" }
            );
            ExitCode::FAILURE
        }
    }
}

#[cfg(all(test, feature = "mimalloc"))]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_mimalloc_numbers_so() {
        // Version 3's default purge delay is 1,000 ms, and no option next to it defaults to
        // that; another mimalloc with its options renumbered fails here.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads an option; nothing in this test binary sets it.
        let delay = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        let neighbours = unsafe {
            [MI_OPTION_PURGE_DELAY - 1, MI_OPTION_PURGE_DELAY + 1].map(|o| libmimalloc_sys::mi_option_get(o))
        };
        assert_eq!(delay, 1000);
        assert!(neighbours.iter().all(|&n| n != 1000), "{neighbours:?}");
    }
}
