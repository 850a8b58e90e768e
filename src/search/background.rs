//! Indexing off the preview's critical path: the dev server serves a rebuild (and reloads
//! open tabs) first, and this thread indexes that build's briefings afterwards. Requests
//! that pile up while it works are skipped for the newest one.
//!
//! The indexer works on a thread pool of its own, at a lower scheduling priority: on the
//! build's pool its parallel loops would queue ahead of the next save's (the first save of a
//! session used to wait seconds for the whole first index), and at the same priority it
//! would take a core from it.

use super::Doc;
use crate::output::OutputFile;
use std::sync::{mpsc, Arc};

/// How long the thread waits after a request for newer ones.
const QUIET: std::time::Duration = std::time::Duration::from_millis(250);

/// One build to index.
struct Request {
    generation: u64,
    docs: Vec<Arc<Doc>>,
    languages: Vec<String>,
}

/// A background indexing thread; dropping it ends the thread after its current job.
#[derive(Debug)]
pub struct Background {
    tx: mpsc::Sender<Request>,
}

impl Background {
    /// Starts the thread; `done` gets each finished index with the generation it was asked
    /// for (a caller drops it when a newer build was served meanwhile).
    pub fn start(done: impl Fn(u64, Vec<OutputFile>) + Send + 'static) -> Background {
        let (tx, rx) = mpsc::channel::<Request>();
        std::thread::spawn(move || {
            lower_priority();
            let pool = rayon::ThreadPoolBuilder::new()
                .thread_name(|n| format!("search-index-{n}"))
                .start_handler(|_| lower_priority())
                .build();
            let mut kept = super::index::KeptTerms::default();
            while let Ok(mut request) = rx.recv() {
                // Saves come in bursts: index the last build of a burst, after a short quiet.
                std::thread::sleep(QUIET);
                while let Ok(newer) = rx.try_recv() {
                    request = newer;
                }
                let mut index =
                    || super::index::build_reusing(&request.docs, &request.languages, Some(&mut kept)).0;
                // Without a pool of its own (the system refused a thread), on the build's.
                let files = match &pool {
                    Ok(pool) => pool.install(index),
                    Err(_) => index(),
                };
                done(request.generation, files);
            }
        });
        Background { tx }
    }

    /// Asks for the index of `docs` (build `generation`).
    pub fn request(&self, generation: u64, docs: Vec<Arc<Doc>>, languages: Vec<String>) {
        let _ = self.tx.send(Request { generation, docs, languages });
    }
}

/// Lowers the calling thread's scheduling priority, so that the next rebuild's threads run
/// first. Linux keeps a nice value per thread; elsewhere the whole process would be lowered,
/// so nothing is changed there.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority reads its three integer arguments only; `0` names the calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}
