//! `capbrief serve`: builds the site into memory, serves it on a local HTTP server, watches the
//! site folder and rebuilds on change, and tells open tabs to reload. The build itself is
//! `crate::render_site_incremental`, which re-renders only what an edit changed; this module
//! only decides when to call it and what to serve.

mod livereload;
mod overlay;
mod server;
mod site;
mod watch;

use crate::diag::{Diagnostic, Diagnostics};
use crate::BuildOptions;
use livereload::{Hub, ReloadKind};
use site::Site;
use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{mpsc, Arc, RwLock};
use std::time::Instant;

/// What `capbrief serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Address to listen on; loopback unless the user asks otherwise.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Print the time of each pipeline stage after every rebuild.
    pub timings: bool,
}

/// Why the server could not start.
fn fail(message: String) -> Diagnostics {
    Diagnostic::error(None, message).into()
}

/// What the server shares between the connection threads and the rebuild thread.
pub(crate) struct Shared {
    /// The last complete build; replaced whole, never patched.
    site: RwLock<Arc<Site>>,
    /// The errors of the last build, when it failed; shown as an overlay.
    failure: RwLock<Option<Arc<overlay::Failure>>>,
    /// Reload notifications to open tabs.
    hub: Hub,
    /// `Host` header values that this server answers to.
    hosts: server::HostPolicy,
    /// The number of the build being served, for the search index made after it.
    generation: std::sync::atomic::AtomicU64,
}

/// Runs the preview server until Ctrl-C.
pub fn run(opts: &ServeOptions) -> Result<(), Diagnostics> {
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| fail(format!("cannot open the site folder {}: {e}", opts.root.display())))?;
    let listener = bind(opts.bind, opts.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| fail(format!("cannot read the address the server listens on: {e}")))?;
    let shared = Arc::new(Shared {
        site: RwLock::new(Arc::new(Site::empty())),
        failure: RwLock::new(None),
        hub: Hub::new(),
        hosts: server::HostPolicy::new(addr),
        generation: std::sync::atomic::AtomicU64::new(0),
    });
    let search = {
        let shared = Arc::clone(&shared);
        crate::search::Background::start(move |generation, files| {
            install_search_index(&shared, generation, files)
        })
    };
    let build_opts = BuildOptions {
        root: root.clone(),
        output: None,
        base_url: None,
        drafts: opts.drafts,
        preview: true,
        progress: None,
        cancel: None,
    };
    let origin = local_origin(addr);

    // Watch before the first build, so an edit made while it runs is not missed.
    let (changes_tx, changes_rx) = mpsc::channel();
    let watcher = watch::start(&root, changes_tx)
        .map_err(|e| fail(format!("cannot watch {} for changes: {e}", root.display())))?;

    // Kept by this session only: each rebuild reuses what the last one rendered.
    let mut session = Session {
        cache: crate::BuildCache::default(),
        statics: site::StaticFiles::default(),
        timings: opts.timings,
        shown: HashSet::new(),
        search,
    };
    rebuild(&shared, &build_opts, &origin, None, &mut session);
    let base_path = shared.site.read().map(|s| s.base_path.clone()).unwrap_or_else(|_| "/".into());
    let url = format!("{origin}{}", base_path.trim_start_matches('/'));
    println!("Serving {} at {url}", root.display());
    println!("Press Ctrl-C to stop.");
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {addr}: the site, drafts included, is reachable from the network \
             for anyone who can reach this machine"
        );
    }
    if opts.open {
        open_browser(&url);
    }

    let accept_shared = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("serve-http".into())
        .spawn(move || {
            if let Err(e) = server::run(listener, accept_shared) {
                eprintln!("error: the preview server stopped: {e}");
            }
        })
        .map_err(|e| fail(format!("cannot start the server thread: {e}")))?;
    let rebuild_shared = Arc::clone(&shared);
    std::thread::spawn(move || {
        // Keeps the watcher alive as long as changes are read.
        let _watcher = watcher;
        for change in changes_rx {
            rebuild(&rebuild_shared, &build_opts, &origin, Some(change), &mut session);
        }
    });

    let (stop_tx, stop_rx) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    })
    .map_err(|e| fail(format!("cannot install the Ctrl-C handler: {e}")))?;
    let _ = stop_rx.recv();
    shared.hub.close();
    eprintln!("\nStopped serving.");
    Ok(())
}

fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, Diagnostics> {
    TcpListener::bind(SocketAddr::new(ip, port)).map_err(|e| {
        let at = SocketAddr::new(ip, port);
        fail(match e.kind() {
            std::io::ErrorKind::AddrInUse => format!(
                "port {port} on {ip} is already in use (another `capbrief serve`?); \
                 choose another with --port N, or --port 0 for any free port"
            ),
            std::io::ErrorKind::AddrNotAvailable => {
                format!("cannot listen on {at}: this machine has no such address; check --bind")
            }
            std::io::ErrorKind::PermissionDenied => {
                format!("not allowed to listen on {at}; ports below 1024 need privileges, try --port 1111")
            }
            _ => format!("cannot listen on {at}: {e}"),
        })
    })
}

/// `http://HOST:PORT/`, with the address links in served pages should point at.
fn local_origin(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        // Listening everywhere: this machine is still reachable on loopback.
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

/// What the rebuild thread keeps from one build to the next.
struct Session {
    cache: crate::BuildCache,
    /// Static files read into memory for earlier builds.
    statics: site::StaticFiles,
    /// Print stage timings after each build.
    timings: bool,
    /// Warnings the last successful build printed.
    shown: HashSet<String>,
    /// Makes each served build's search index.
    search: crate::search::Background,
}

/// Serves `files` as the search index if build `generation` is still the one served.
fn install_search_index(shared: &Shared, generation: u64, files: Vec<crate::output::OutputFile>) {
    use std::sync::atomic::Ordering;
    let mut files = files;
    files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let files: Arc<[(String, bytes::Bytes)]> = files.into_iter().filter_map(Site::file_bytes).collect();
    let Ok(mut slot) = shared.site.write() else { return };
    if shared.generation.load(Ordering::SeqCst) == generation {
        let site = Arc::new(slot.with_search_index(files));
        *slot = site;
    }
}

/// Builds the site into memory and, only if the build succeeded, swaps it in; then tells open
/// tabs. A failed build keeps the last good site and shows its errors over it.
fn rebuild(
    shared: &Shared,
    opts: &BuildOptions,
    origin: &str,
    change: Option<watch::Change>,
    session: &mut Session,
) {
    let cache = &mut session.cache;
    let start = Instant::now();
    if let Some(change) = &change {
        eprintln!("Change: {}", change.summary());
        // The watcher's report spares the build a walk of every file, unless it lost events.
        cache.note_changes(
            (!change.lost_events).then(|| change.files.iter().map(|(_, rel)| opts.root.join(rel)).collect()),
        );
    }
    // Keep the configured base path so a project site previews at /repo/ as it will be served.
    let base_path =
        crate::config::Config::load(&opts.root).map(|c| c.base_path).unwrap_or_else(|_| "/".to_string());
    let opts = BuildOptions {
        base_url: Some(format!("{}{}", origin.trim_end_matches('/'), base_path)),
        ..opts.clone()
    };
    let mut replaced = None;
    // A build is served only once every file's bytes are in memory; a static file that
    // cannot be read fails the rebuild like any other error, and the last good site stays.
    let built = crate::render_site_incremental(&opts, cache).and_then(|mut built| {
        match Site::from_built(&mut built, &mut session.statics) {
            Ok(site) => Ok((built, site)),
            Err(message) => {
                Err(crate::diag::Diagnostics::from(crate::diag::Diagnostic::error(None, message)))
            }
        }
    });
    let kind = match built {
        Ok((mut built, site)) => {
            // The same warnings on every save would bury what the save changed: print the
            // new ones, and count the rest.
            let texts: Vec<String> = built.warnings.iter().map(|w| w.to_string()).collect();
            let mut repeated = 0;
            for text in &texts {
                if session.shown.contains(text) {
                    repeated += 1;
                } else {
                    eprintln!("{text}");
                }
            }
            if repeated > 0 {
                eprintln!("({repeated} warning{} as before)", if repeated == 1 { "" } else { "s" });
            }
            session.shown = texts.into_iter().collect();
            let pages = built.html_pages();
            if session.timings {
                for (stage, t) in &built.timings {
                    eprintln!("timing: {stage:<8} {:>9.3} ms", t.as_secs_f64() * 1000.0);
                }
            }
            let search_docs = built.rendered.search_docs.take();
            let mut site = site;
            // The last site and the rest of this build (every page) are let go after the
            // reload is sent: freeing them takes longer than the swap.
            if let Ok(mut slot) = shared.site.write() {
                site.keep_search_index(&slot);
                let generation = shared.generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                if let Some(docs) = search_docs {
                    let languages = built.config.languages.iter().map(|l| l.code.clone()).collect();
                    session.search.request(generation, docs, languages);
                }
                replaced = Some((std::mem::replace(&mut *slot, Arc::new(site)), built));
            }
            let had_failure = shared.failure.write().map(|mut f| f.take().is_some()).unwrap_or(false);
            let reuse = cache.reuse_stats();
            eprintln!(
                "Built {pages} pages in {:.0} ms ({} unchanged files reused)",
                start.elapsed().as_secs_f64() * 1000.0,
                reuse.files_reused
            );
            match change {
                Some(c) if c.stylesheets_only() && !had_failure => ReloadKind::Stylesheets,
                _ => ReloadKind::Page,
            }
        }
        Err(diags) => {
            for d in diags.iter() {
                eprintln!("{d}");
            }
            eprintln!(
                "error: build failed with {} error{}; still serving the last good build",
                diags.error_count(),
                if diags.error_count() == 1 { "" } else { "s" }
            );
            if let Ok(mut slot) = shared.failure.write() {
                *slot = Some(Arc::new(overlay::Failure::from_diagnostics(&diags)));
            }
            ReloadKind::Page
        }
    };
    shared.hub.notify(kind);
    drop(replaced);
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if let Err(e) = std::process::Command::new(opener.0)
        .args(&opener.1)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("warning: could not open a browser ({}: {e}); open {url} yourself", opener.0);
    }
}
