//! Fuzz target: `config.yaml` parsing and validation, through the real loader.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile_dir() else { return };
    if std::fs::write(dir.join("config.yaml"), data).is_ok() {
        let _ = capbrief::config::Config::load(&dir);
    }
});

/// One folder per fuzzing process, reused for every input.
fn tempfile_dir() -> std::io::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("capbrief-fuzz-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
