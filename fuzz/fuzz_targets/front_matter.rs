//! Fuzz target: splitting a file at its `---` fences and parsing the YAML front matter.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let lines = text.lines().count().max(1);
        if let Err(d) = capbrief::content::parse_text(text, Path::new("a.md")) {
            if let Some(loc) = d.location {
                assert!(loc.line <= lines + 1, "error located past the end of the file");
            }
        }
    }
});
