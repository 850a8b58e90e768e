//! The two pipeline stages import borrows from the build: in-article dedup of the body and
//! the drafting of `capex:` entries from money figures. Each sits behind one function so the
//! rest of import does not depend on how those stages are built.

use crate::config::CompanyConfig;
use crate::content::RawCommitment;
use std::collections::BTreeSet;

/// Removes passages the page repeats (often the whole body a second time), keeping the first
/// copy. Returns the cleaned Markdown and the number of blocks removed.
///
/// Adapter for `crate::dedup::remove_repeated`; until that stage exists on this branch it
/// drops exact repeats of a block (compared with white space collapsed and case folded).
pub(crate) fn remove_repeated(markdown: &str) -> (String, usize) {
    let mut seen = BTreeSet::new();
    let mut kept = Vec::new();
    let mut removed = 0;
    for block in markdown.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let key = block.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        // Very short blocks (`—`, `Photo`) may legitimately recur; only real passages count.
        if key.chars().count() >= 20 && !seen.insert(key) {
            removed += 1;
            continue;
        }
        kept.push(block.trim_matches('\n'));
    }
    let mut out = kept.join("\n\n");
    out.push('\n');
    (out, removed)
}

/// Drafts `capex:` entries (company, amount as written, currency, period, quote) from the
/// commitments the figure extractor finds in `body`; revenue, prices and other figures are
/// left out.
///
/// Adapter for `crate::capex::extract::extract_figures` with `crate::capex::Registry`; until
/// that extractor exists on this branch nothing is drafted.
pub(crate) fn draft_capex(body: &str, companies: &[CompanyConfig]) -> Vec<RawCommitment> {
    let _ = (body, companies);
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_a_repeated_body_and_keeps_order() {
        let once = "First paragraph of the story.\n\nSecond paragraph of the story.";
        let (clean, removed) = remove_repeated(&format!("{once}\n\n{once}\n"));
        assert_eq!(clean, format!("{once}\n"));
        assert_eq!(removed, 2);
        let (clean, removed) = remove_repeated("Short\n\nShort\n");
        assert_eq!((clean.as_str(), removed), ("Short\n\nShort\n", 0));
    }
}
