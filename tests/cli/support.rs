//! The fixture harness: copy a site into a temp folder, run the binary, assert on output.
#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A site in a temporary folder.
pub struct SiteTest {
    /// Keeps the folder alive.
    pub dir: tempfile::TempDir,
    /// The site root inside it.
    pub root: PathBuf,
}

/// The binary under test: this build's, or the one `CAPBRIEF_TEST_BIN` names, so the suite
/// can be run against an earlier or a released binary (to see which findings a test catches).
pub fn bin() -> PathBuf {
    std::env::var_os("CAPBRIEF_TEST_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_capbrief")))
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `node_modules` folder with playwright-core (and axe-core when `axe`) for a browser
/// test. The browser tests are `#[ignore]`d, so a plain `cargo test` lists them as ignored
/// instead of passing without a browser; `.ci/run` installs the tools and runs them by name.
/// Running one without the tools fails and says what to install.
pub fn browser_modules(axe: bool) -> PathBuf {
    assert!(
        Path::new("/usr/bin/chromium").exists(),
        "this browser test needs /usr/bin/chromium (apt-get install chromium), as `bash .ci/run` installs"
    );
    std::env::var("CAPBRIEF_NODE_MODULES")
        .ok()
        .map(PathBuf::from)
        .into_iter()
        .chain([repo_root().join("target/node-tools/node_modules")])
        .find(|p| p.join("playwright-core").is_dir() && (!axe || p.join("axe-core/axe.min.js").is_file()))
        .unwrap_or_else(|| {
            panic!(
                "this browser test needs playwright-core{}: set CAPBRIEF_NODE_MODULES to a node_modules folder that has it, or run `bash .ci/run`",
                if axe { " and axe-core" } else { "" }
            )
        })
}

/// Gives a git command a fixed identity and no user or system configuration, so commits work
/// the same on any machine.
pub fn git_identity(c: &mut Command) -> &mut Command {
    c.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Desk")
        .env("GIT_AUTHOR_EMAIL", "desk@example.com")
        .env("GIT_COMMITTER_NAME", "Desk")
        .env("GIT_COMMITTER_EMAIL", "desk@example.com")
}

/// A static file server on the loopback for `root`: GET of an existing file answers 200 with
/// its bytes, anything else 404. Returns the port.
pub fn serve_files(root: PathBuf) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            let mut line = String::new();
            while reader.read_line(&mut line).map(|n| n > 2).unwrap_or(false) {
                line.clear();
            }
            let path = request.split(' ').nth(1).unwrap_or("/").trim_start_matches('/').to_string();
            let body = (!path.contains("..")).then(|| std::fs::read(root.join(&path)).ok()).flatten();
            let mut stream = stream;
            match body {
                Some(bytes) => {
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        bytes.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&bytes);
                }
                None => {
                    let _ = write!(
                        stream,
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    );
                }
            }
        }
    });
    port
}

/// Copies `src` into `dst` recursively (no symlinks followed).
pub fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for entry in walkdir::WalkDir::new(src).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl SiteTest {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> SiteTest {
        let dir = tempfile::Builder::new().prefix("capbrief-test").tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(&repo_root().join("tests/fixtures").join(name), &root);
        SiteTest { dir, root }
    }

    /// A copy of the bundled example site (config.yaml, content/, templates/, static/).
    pub fn example() -> SiteTest {
        let dir = tempfile::Builder::new().prefix("capbrief-test").tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::copy(repo_root().join("config.yaml"), root.join("config.yaml")).unwrap();
        for sub in ["content", "templates", "static"] {
            if repo_root().join(sub).is_dir() {
                copy_dir(&repo_root().join(sub), &root.join(sub));
            }
        }
        SiteTest { dir, root }
    }

    /// An empty site with just this config and these files (path, text).
    pub fn inline(config: &str, files: &[(&str, &str)]) -> SiteTest {
        let dir = tempfile::Builder::new().prefix("capbrief-test").tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("config.yaml"), config).unwrap();
        let t = SiteTest { dir, root };
        for (path, text) in files {
            t.write(path, text);
        }
        t
    }

    /// Writes a file below the root, creating folders.
    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// A command for the binary, run in the site root.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(bin());
        c.args(args).current_dir(&self.root);
        c
    }

    /// Runs the binary with `args` in the site root.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.cmd(args).output().unwrap();
        Run { out, root: self.root.clone() }
    }

    /// `capbrief build`.
    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// The output folder.
    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Text of an output file.
    pub fn output(&self, rel: &str) -> String {
        let p = self.public().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
    }
}

/// A finished run of the binary.
pub struct Run {
    /// Raw output.
    pub out: Output,
    root: PathBuf,
}

impl Run {
    /// Standard error, with the site root replaced by `[ROOT]`.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).replace(&self.root.display().to_string(), "[ROOT]")
    }

    /// Standard output.
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }

    /// Asserts success and returns self.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert!(
            self.out.status.success(),
            "expected success, got {:?}\nstderr:\n{}",
            self.out.status,
            self.stderr()
        );
        self
    }

    /// Asserts exit code 1 and returns self.
    #[track_caller]
    pub fn fails(self) -> Self {
        assert_eq!(self.out.status.code(), Some(1), "expected exit 1\nstderr:\n{}", self.stderr());
        self
    }

    /// Asserts stderr contains `needle`.
    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Self {
        let e = self.stderr();
        assert!(e.contains(needle), "stderr lacks {needle:?}:\n{e}");
        self
    }
}
