//! Fuzz target: in-article dedup of a Markdown body; cleaning is idempotent.
#![no_main]

use capbrief::dedup::remove_repeated;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (once, removed) = remove_repeated(text);
    if removed == 0 {
        assert!(once.len() <= text.len() + 1, "nothing removed, yet the body grew");
    }
    let (twice, removed_again) = remove_repeated(&once);
    assert_eq!(removed_again, 0, "a second pass removed more from {text:?}");
    assert_eq!(twice, once, "a second pass changed the body of {text:?}");
});
