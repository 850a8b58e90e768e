//! The `capbrief` command line: parses arguments, calls the library, prints the report and
//! picks the exit code.

use capbrief::diag::Diagnostics;
use capbrief::BuildOptions;
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, output, base_url, drafts, quiet, timings } => {
            let opts = BuildOptions { root, output, base_url, drafts };
            build(&opts, quiet, timings)
        }
        Command::Serve { root, bind, port, drafts, open } => {
            match capbrief::serve::run(&capbrief::serve::ServeOptions { root, bind, port, drafts, open }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
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
    let spinner = (!quiet && std::io::stderr().is_terminal()).then(|| {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_message("building…");
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        pb
    });
    let result = capbrief::build(opts);
    if let Some(pb) = spinner {
        pb.finish_and_clear();
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
                let warnings = built.warnings.len();
                eprintln!(
                    "Built {} pages ({} files) into {} in {:.2} s, {} warning{}",
                    built.html_pages(),
                    built.files.len(),
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
