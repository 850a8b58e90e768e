//! Repository hygiene: every source file says what it owns in its first line.

use crate::support::repo_root;

#[test]
fn every_source_file_starts_with_a_module_doc() {
    let mut missing = Vec::new();
    for entry in walkdir::WalkDir::new(repo_root().join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            if !text.starts_with("//!") {
                missing.push(entry.path().display().to_string());
            }
        }
    }
    assert!(missing.is_empty(), "files without a `//!` first line: {missing:?}");
}
