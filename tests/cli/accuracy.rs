//! Capex drafting accuracy on the labelled corpus (`tests/fixtures/accuracy/`), through the
//! real binary: `bench/accuracy` imports every article, builds the site and scores what was
//! drafted and what `/compare/` shows. The main set and the first two held-out batches must
//! meet the targets (each batch was written after the rules; its first, untuned score is in
//! BENCHMARKS.md); the later batches are held at floors equal to what the rules reach on
//! them, so a change that loses ground on pages it was not written for fails.

use crate::support::repo_root;
use std::process::Command;

/// Runs `bench/accuracy` on one set and returns its result object.
fn score(set: &str) -> serde_json::Value {
    let out = Command::new("python3")
        .arg(repo_root().join("bench/accuracy"))
        .args(["--bin", env!("CARGO_BIN_EXE_capbrief"), "--set", set, "--json"])
        .output()
        .expect("python3 runs bench/accuracy");
    assert!(out.status.success(), "bench/accuracy failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let results: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    results[0].clone()
}

#[track_caller]
fn at_least(r: &serde_json::Value, key: &str, floor: f64) {
    let v = r[key].as_f64().unwrap();
    assert!(v >= floor, "{key} {v:.3} < {floor} on the {} set; misses:\n{}", r["set"], misses(r));
}

fn misses(r: &serde_json::Value) -> String {
    r["misses"].as_array().unwrap().iter().map(|m| format!("  {}\n", m.as_str().unwrap())).collect()
}

#[test]
fn the_main_set_meets_the_targets() {
    let r = score("main");
    assert!(r["articles"].as_u64().unwrap() >= 60, "the corpus keeps at least 60 articles");
    at_least(&r, "precision", 0.95);
    at_least(&r, "recall", 0.90);
    assert_eq!(r["double_counts"], 0, "double counts:\n{}", misses(&r));
    assert_eq!(r["headlines_right"], true, "headline rows:\n{}", misses(&r));
}

#[test]
fn the_held_out_sets_meet_the_targets() {
    for set in ["heldout", "heldout2"] {
        let r = score(set);
        at_least(&r, "precision", 0.95);
        at_least(&r, "recall", 0.90);
        assert_eq!(r["double_counts"], 0, "double counts:\n{}", misses(&r));
        assert_eq!(r["headlines_right"], true, "headline rows:\n{}", misses(&r));
    }
}

/// `"13/16"` → (13, 16).
fn fraction(r: &serde_json::Value, key: &str) -> (u64, u64) {
    let text = r[key].as_str().unwrap();
    let (a, b) = text.split_once('/').unwrap();
    (a.parse().unwrap(), b.parse().unwrap())
}

#[test]
fn the_third_held_out_set_keeps_its_floors() {
    let r = score("heldout3");
    // Both meet the targets since import reads the pages it once brought in as drafts.
    at_least(&r, "precision", 0.95);
    at_least(&r, "recall", 0.95);
    assert_eq!(r["double_counts"], 0, "double counts:\n{}", misses(&r));
    let (right, all) = fraction(&r, "periods");
    assert_eq!(right, all, "periods:\n{}", misses(&r));
    let (right, _) = fraction(&r, "headlines");
    assert!(right >= 15, "headline rows right: {right}; misses:\n{}", misses(&r));
}

#[test]
fn the_fourth_held_out_set_keeps_its_floors() {
    let r = score("heldout4");
    // Below the targets: a Portuguese page's money (`R$ 14,7 bilhões`) is missed, and a
    // French page's venture and first investment.
    at_least(&r, "precision", 0.92);
    at_least(&r, "recall", 0.85);
    assert_eq!(r["double_counts"], 0, "double counts:\n{}", misses(&r));
    let (right, all) = fraction(&r, "periods");
    assert_eq!(right, all, "periods:\n{}", misses(&r));
    let (right, _) = fraction(&r, "headlines");
    assert!(right >= 12, "headline rows right: {right}; misses:\n{}", misses(&r));
}

#[test]
fn the_fifth_held_out_set_keeps_its_floors() {
    let r = score("heldout5");
    // Far below the targets: a newsletter about several companies' deals, a rand page and
    // the headline rule's disputed calls (see BENCHMARKS.md).
    at_least(&r, "precision", 0.64);
    at_least(&r, "recall", 0.85);
    assert_eq!(r["double_counts"], 0, "double counts:\n{}", misses(&r));
    let (right, _) = fraction(&r, "periods");
    assert!(right >= 9, "periods right: {right}; misses:\n{}", misses(&r));
    let (right, _) = fraction(&r, "headlines");
    assert!(right >= 13, "headline rows right: {right}; misses:\n{}", misses(&r));
}

/// The seventh batch (`heldout6`), sealed until the rules it measures were done, is held at
/// what main reaches on it; every article must build (a drafted entry front matter refused
/// failed the whole site, which is how its first run ended).
#[test]
fn the_sixth_held_out_set_keeps_its_floors() {
    let r = score("heldout6");
    assert_eq!(r["articles"].as_u64(), Some(16), "every article imported and built");
    at_least(&r, "precision", 0.66);
    at_least(&r, "recall", 0.54);
    assert_eq!(r["double_counts"], 0, "double counts:\n{}", misses(&r));
    let (right, _) = fraction(&r, "periods");
    assert!(right >= 3, "periods right: {right}; misses:\n{}", misses(&r));
    let (right, _) = fraction(&r, "headlines");
    assert!(right >= 9, "headline rows right: {right}; misses:\n{}", misses(&r));
}
