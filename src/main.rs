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
        /// Include drafts.
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
        /// Address of the original page recorded as `source.url`.
        #[arg(long)]
        source_url: Option<String>,
        /// Print what would be written instead of writing it.
        #[arg(long)]
        dry_run: bool,
        /// Replace briefings that already exist.
        #[arg(long)]
        force: bool,
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, output, base_url, drafts, quiet, timings } => {
            let opts = BuildOptions { root, output, base_url, drafts, progress: None };
            build(&opts, quiet, timings)
        }
        Command::Import { files, root, into, source_name, source_url, dry_run, force } => {
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
                dry_run,
                force,
                today,
            };
            import(&opts, &root)
        }
        Command::Dedup { root, json, timings } => dedup(&root, json, timings),
    }
}

fn import(opts: &capbrief::import::ImportOptions, root: &std::path::Path) -> ExitCode {
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
    for item in &report.imported {
        let mut done = Vec::new();
        if item.repeats_removed > 0 {
            done.push(format!(
                "removed {} repeated block{}",
                item.repeats_removed,
                plural(item.repeats_removed)
            ));
        }
        if item.disclosure {
            done.push("recorded the publisher's AI disclosure".to_string());
        }
        if item.capex_drafted > 0 {
            done.push(format!(
                "drafted {} capex entr{}",
                item.capex_drafted,
                if item.capex_drafted == 1 { "y" } else { "ies" }
            ));
        }
        if !done.is_empty() {
            eprintln!("{}: {}", item.input.display(), done.join("; "));
        }
    }
    for item in &report.imported {
        if opts.dry_run {
            println!("==> {} (dry run: not written)", item.output.display());
            print!("{}", item.text);
        } else {
            println!("{}", item.output.display());
        }
    }
    let drafts = report.imported.iter().filter(|i| i.draft).count();
    eprintln!(
        "{} {} of {} file{}{}{}",
        if opts.dry_run { "Would import" } else { "Imported" },
        report.imported.len(),
        opts.files.len(),
        if opts.files.len() == 1 { "" } else { "s" },
        if drafts > 0 {
            format!(", {drafts} as draft{}", if drafts == 1 { "" } else { "s" })
        } else {
            String::new()
        },
        if report.failed > 0 { format!("; {} failed", report.failed) } else { String::new() },
    );
    if report.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn dedup(root: &std::path::Path, json: bool, timings: bool) -> ExitCode {
    match capbrief::dedup::inspect(root) {
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

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
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
            }
            ExitCode::SUCCESS
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
