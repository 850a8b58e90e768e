//! The output folder as untrusted data and as something others read: planted journals,
//! manifest lines and symbolic links are never acted on or followed; a build killed at any
//! moment leaves the whole previous or the whole new site; two builds never write one
//! output at once.

use crate::support::SiteTest;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const CONFIG: &str = "title: Output\nbase_url: https://example.com/\n";

/// Every file below `dir` with its bytes (symbolic links recorded as such, not followed).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let bytes = if e.file_type().is_symlink() {
                format!("symlink to {}", std::fs::read_link(e.path()).unwrap().display()).into_bytes()
            } else {
                std::fs::read(e.path()).unwrap()
            };
            (rel, bytes)
        })
        .collect()
}

fn article(i: usize, edition: &str) -> String {
    let company = ["Microsoft", "Alphabet", "Amazon", "Meta", "Oracle"][i % 5];
    format!(
        "---\ntitle: \"{company} capex note {i}\"\ndate: 2025-{:02}-{:02}\ntags: [capex, t{}]\ncompanies: [{company}]\n---\n\
         {company} said its spending on data centres would rise in note {i} ({edition}). The plan covers \
         land, power and servers across {} regions, and the company repeated its guidance for the year.\n",
        i % 12 + 1,
        i % 28 + 1,
        i % 7,
        i % 9 + 2
    )
}

/// Writes edition `edition` of a site of `n` articles: the second edition has another title
/// (every page changes), a third of the articles edited, some gone and some new.
fn write_edition(site: &SiteTest, n: usize, edition: usize) {
    let _ = std::fs::remove_dir_all(site.root.join("content"));
    site.write("config.yaml", &format!("title: Output edition {edition}\nbase_url: https://example.com/\n"));
    for i in 0..n {
        let gone = edition == 1 && i % 17 == 0;
        if !gone {
            let text = if edition == 1 && i % 3 == 0 { "revised" } else { "first" };
            site.write(&format!("content/briefings/note-{i:04}.md"), &article(i, text));
        }
    }
    if edition == 1 {
        for i in n..n + n / 15 {
            site.write(&format!("content/briefings/note-{i:04}.md"), &article(i, "new"));
        }
    }
}

/// A reference build of the site as it is now, made in a folder of its own.
fn reference(site: &SiteTest, name: &str) -> BTreeMap<String, Vec<u8>> {
    let out = site.dir.path().join(name);
    site.run(&["build", "--quiet", "--output", out.to_str().unwrap()]).ok();
    snapshot(&out)
}

/// Which of `refs` the output equals, by name.
fn which<'a>(public: &Path, refs: &'a [(&'a str, BTreeMap<String, Vec<u8>>)]) -> Option<&'a str> {
    let now = snapshot(public);
    refs.iter().find(|(_, r)| *r == now).map(|(name, _)| *name)
}

/// A small random number generator (xorshift), seeded from the clock: each run tries other
/// delays, and a failure prints the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// A reader of `public/` while builds run, as a web server or `rsync` would be: it opens the
/// output folder and reads a set of its files through that one handle, again and again, and
/// records each look that was not entirely one of the reference builds. (A look that began
/// before a swap still sees the build it opened; the old commit moved files into the folder
/// one by one, so a look during it saw some pages old and some new.)
#[cfg(target_os = "linux")]
struct Reader {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    handle: std::thread::JoinHandle<(usize, Vec<String>)>,
}

#[cfg(target_os = "linux")]
impl Reader {
    fn start(public: &Path, paths: Vec<String>, refs: &[(&str, BTreeMap<String, Vec<u8>>)]) -> Reader {
        use std::os::fd::AsRawFd;
        use std::sync::atomic::{AtomicBool, Ordering};
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        // For each reference build, what each watched path holds there (None: no such file).
        let builds: Vec<(String, Vec<Option<Vec<u8>>>)> = refs
            .iter()
            .map(|(name, r)| (name.to_string(), paths.iter().map(|p| r.get(p).cloned()).collect()))
            .collect();
        let (public, flag) = (public.to_path_buf(), std::sync::Arc::clone(&stop));
        let handle = std::thread::spawn(move || {
            let (mut looks, mut mixed) = (0, Vec::new());
            while !flag.load(Ordering::Relaxed) {
                // A pause between looks leaves the machine to the builds (and to tests that
                // time things); the old commit's mix lasted long enough for many looks.
                std::thread::sleep(Duration::from_millis(2));
                let Ok(dir) = std::fs::File::open(&public) else {
                    mixed.push("the output folder was missing".to_string());
                    continue;
                };
                // Paths resolved from the open folder, not from its name.
                let base = std::path::PathBuf::from(format!("/proc/self/fd/{}", dir.as_raw_fd()));
                let seen: Vec<Option<Vec<u8>>> =
                    paths.iter().map(|p| std::fs::read(base.join(p)).ok()).collect();
                looks += 1;
                if !builds.iter().any(|(_, files)| *files == seen) && mixed.len() < 20 {
                    let like: Vec<String> = builds
                        .iter()
                        .map(|(name, files)| {
                            let same = files.iter().zip(&seen).filter(|(a, b)| a == b).count();
                            format!("{same} of {} files as in the {name} build", paths.len())
                        })
                        .collect();
                    mixed.push(like.join(", "));
                }
            }
            (looks, mixed)
        });
        Reader { stop, handle }
    }

    /// Stops reading; returns the number of looks and the mixed ones.
    fn finish(self) -> (usize, Vec<String>) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.handle.join().unwrap()
    }
}

/// Finding: 2 of 20 `kill -9` during an incremental commit left `public/` with part of the
/// new files and part missing. Builds of a generated site of `n` articles, between two
/// editions, are killed `trials` times after random delays (half of them late in the build,
/// where the new site is put in place): each time the output must be byte for byte one of two
/// reference builds, a reader looking at pages meanwhile must only ever see one whole build,
/// and the next build must finish the job.
#[cfg(target_os = "linux")]
fn killed_builds_leave_the_whole_old_or_the_whole_new_site(n: usize, trials: usize) {
    let site = SiteTest::inline(CONFIG, &[]);
    write_edition(&site, n, 1);
    let new = reference(&site, "ref-new");
    write_edition(&site, n, 0);
    let old = reference(&site, "ref-old");
    assert_ne!(old, new);
    // Pages both editions have (each changed), pages only one has, the listings and the feed.
    let mut watched: Vec<String> =
        old.keys().chain(new.keys()).filter(|p| p.ends_with(".html")).cloned().collect();
    watched.sort();
    watched.dedup();
    let step = (watched.len() / 12).max(1);
    let mut watched: Vec<String> = watched.into_iter().step_by(step).collect();
    watched.extend(["index.html", "briefings/index.html", "feed.xml", "sitemap.xml"].map(String::from));
    watched
        .extend([format!("briefings/note-{:04}/index.html", 0), format!("briefings/note-{n:04}/index.html")]);
    let refs = [("old", old), ("new", new)];
    site.run(&["build", "--quiet"]).ok();

    // How long an uninterrupted build from one edition to the other takes.
    let mut took = Vec::new();
    for edition in [1, 0, 1, 0] {
        write_edition(&site, n, edition);
        let start = Instant::now();
        site.run(&["build", "--quiet"]).ok();
        took.push(start.elapsed());
    }
    let span = took.iter().max().unwrap().as_micros() as u64 * 11 / 10;

    let seed =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    let mut rng = Rng(seed);
    let mut seen = BTreeMap::new();
    let reader = Reader::start(&site.public(), watched, &refs);
    for trial in 0..trials {
        // Alternate the direction, so the spare is updated from either edition.
        let (from, to) = if trial % 2 == 0 { ("old", "new") } else { ("new", "old") };
        assert_eq!(which(&site.public(), &refs), Some(from), "seed {seed}, trial {trial}: before");
        write_edition(&site, n, usize::from(to == "new"));
        let late = rng.next() % 2 == 0;
        let delay =
            Duration::from_micros(if late { span / 2 + rng.next() % (span / 2) } else { rng.next() % span });
        let mut child: Child =
            site.cmd(&["build", "--quiet"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        let state = which(&site.public(), &refs);
        assert!(
            state.is_some(),
            "seed {seed}, trial {trial}: killed after {delay:?} ({status:?}), the output is neither the \
             whole old nor the whole new site"
        );
        *seen.entry(format!("{:?}", state)).or_insert(0) += 1;
        // The next build completes the new site, whatever the killed one left.
        site.run(&["build", "--quiet"]).ok();
        assert_eq!(
            which(&site.public(), &refs),
            Some(to),
            "seed {seed}, trial {trial}: the build after the kill"
        );
    }
    let (looks, mixed) = reader.finish();
    assert!(mixed.is_empty(), "seed {seed}: a reader saw a mix of builds:\n{}", mixed.join("\n"));
    assert!(looks > trials, "seed {seed}: the reader looked only {looks} times");
    eprintln!("seed {seed}: after {trials} kills over {span} µs the output was {seen:?}; {looks} looks, each one whole build");
    // Nothing is left beside the output but the output and capbrief's work folder.
    let mut beside: Vec<String> = std::fs::read_dir(&site.root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("public"))
        .collect();
    beside.sort();
    assert_eq!(beside, [".public.capbrief", "public"]);
}

#[cfg(target_os = "linux")]
#[test]
fn a_build_killed_at_any_moment_leaves_the_whole_old_or_the_whole_new_site() {
    killed_builds_leave_the_whole_old_or_the_whole_new_site(240, 20);
}

/// The same, longer: `.ci/run` runs it.
#[cfg(target_os = "linux")]
#[test]
#[ignore = "takes minutes (`.ci/run` runs it with --ignored)"]
fn many_builds_killed_at_random_moments_leave_the_whole_old_or_the_whole_new_site() {
    killed_builds_leave_the_whole_old_or_the_whole_new_site(600, 60);
}

/// Finding: a `.capbrief-journal` in the output (a cloned repository that commits `public/`
/// is enough) made the next build move files from any folder it named into the output.
#[test]
fn a_planted_journal_moves_nothing_and_says_what_to_delete() {
    let site = SiteTest::inline(CONFIG, &[("content/briefings/a.md", &article(1, "first"))]);
    site.build().ok();
    let before = snapshot(&site.public());
    let elsewhere = site.dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("secret.txt"), "not for the web").unwrap();
    std::fs::write(
        site.public().join(".capbrief-journal"),
        format!("staging {}\nmove secret.txt\nremove index.html\n", elsewhere.display()),
    )
    .unwrap();
    site.build()
        .fails()
        .stderr_has("public/.capbrief-journal: error: this output folder holds a build journal that this build did not write")
        .stderr_has("delete `public/.capbrief-journal` and build again");
    assert_eq!(std::fs::read_to_string(elsewhere.join("secret.txt")).unwrap(), "not for the web");
    let mut after = snapshot(&site.public());
    after.remove(".capbrief-journal");
    assert_eq!(after, before, "the output was left as it was");
    std::fs::remove_file(site.public().join(".capbrief-journal")).unwrap();
    site.build().ok();
    assert!(!site.public().join("secret.txt").exists());
}

/// Finding: a manifest line for a path under a symbolic link planted in the output made the
/// build delete the link target's file ("1 removed").
#[cfg(unix)]
#[test]
fn a_manifest_line_under_a_planted_link_deletes_nothing() {
    let site = SiteTest::inline(CONFIG, &[("content/briefings/a.md", &article(1, "first"))]);
    site.build().ok();
    site.build().ok();
    let victim = site.dir.path().join("victim");
    std::fs::create_dir_all(&victim).unwrap();
    std::fs::write(victim.join("keep.txt"), "precious").unwrap();
    std::os::unix::fs::symlink(&victim, site.public().join("docs")).unwrap();
    let manifest = site.public().join(".capbrief-output");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str(&format!("{:032x} 8 docs/keep.txt\n", 1));
    std::fs::write(&manifest, text).unwrap();
    let run = site.build().ok();
    assert!(run.stderr().contains(" 0 removed"), "{}", run.stderr());
    let kept = std::fs::read_to_string(victim.join("keep.txt"));
    assert_eq!(kept.ok().as_deref(), Some("precious"), "the file under the planted link was deleted");
    crate::scan::assert_plain_files(&site.public());
}

/// Finding: a folder of the output replaced by a symbolic link made the build write through
/// it into another folder. It is replaced, never followed, also once that folder has become
/// the spare the next build updates.
#[cfg(unix)]
#[test]
fn a_folder_replaced_by_a_link_is_not_written_through() {
    let site = SiteTest::inline(CONFIG, &[]);
    for i in 0..6 {
        site.write(&format!("content/briefings/n{i}.md"), &article(i, "first"));
    }
    for _ in 0..3 {
        site.build().ok();
    }
    let victim = site.dir.path().join("victim");
    std::fs::create_dir_all(&victim).unwrap();
    std::fs::write(victim.join("notes.txt"), "mine").unwrap();
    let before_victim = snapshot(&victim);
    for round in 0..3 {
        let briefings = site.public().join("briefings");
        std::fs::remove_dir_all(&briefings).unwrap();
        std::os::unix::fs::symlink(&victim, &briefings).unwrap();
        site.write("content/briefings/n1.md", &article(1, &format!("edit {round}")));
        site.build().ok();
        assert_eq!(snapshot(&victim), before_victim, "round {round}: nothing was written through the link");
        crate::scan::assert_plain_files(&site.public());
        let reference = reference(&site, &format!("ref-{round}"));
        assert_eq!(snapshot(&site.public()), reference, "round {round}");
    }
}

/// Finding: two builds into one output failed one of them with "cannot remove
/// …/.capbrief-journal … the previous output was left as it was", which was untrue (files had
/// moved). Now the second one stops before touching anything and says why.
#[test]
fn two_builds_into_one_output_at_once_one_waits_its_turn_with_a_true_message() {
    let site = SiteTest::inline(CONFIG, &[]);
    write_edition(&site, 600, 0);
    site.build().ok();
    let old = snapshot(&site.public());
    write_edition(&site, 600, 1);
    let spawn =
        || site.cmd(&["build", "--quiet"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut first = spawn();
    // The first build writes its process id into the work folder's lock file once it holds
    // the lock, before it loads anything; the file itself is left from the build above.
    let lock = site.public().with_file_name(".public.capbrief").join("lock");
    let holder = first.id().to_string();
    let waited = Instant::now();
    while std::fs::read_to_string(&lock).map_or(true, |t| t.trim() != holder) {
        assert!(
            first.try_wait().unwrap().is_none(),
            "the first build ended before it was seen holding the lock"
        );
        assert!(waited.elapsed() < Duration::from_secs(60), "the first build never took the lock");
        std::thread::sleep(Duration::from_millis(2));
    }
    let running = first.try_wait().unwrap().is_none();
    let second = spawn().wait_with_output().unwrap();
    let first = first.wait_with_output().unwrap();
    assert!(running, "the first build ended before the second started; the test needs them to overlap");
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let err = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "the second build ran alongside the first:\n{err}");
    assert!(
        err.contains("public: error: another capbrief build (process ")
            && err.contains(
                "is writing into this output folder right now; this build stopped before changing anything"
            ),
        "{err}"
    );
    // The old message said the previous output was left as it was while files had moved; now
    // the output is the first build's whole site, which the second did not touch.
    let new = snapshot(&site.public());
    assert_ne!(new, old);
    assert_eq!(new, reference(&site, "ref-new"), "the output is exactly what the first build made");
}
