//! Integration tests: each module drives the real `capbrief` binary on fixture sites copied
//! from `tests/fixtures/` into a temporary folder.

// Test helpers panic on purpose: a failed set-up step is a failed test.
#![allow(clippy::unwrap_used, unreachable_pub)]

mod accuracy;
mod build;
mod capex;
mod companies;
mod conformance;
mod data_pages;
mod dedup;
mod errors;
mod example;
mod faults;
mod i18n;
mod import;
mod import_corpus;
mod incremental;
mod output;
mod properties;
mod publish;
mod readme;
mod release;
mod scan;
mod search;
mod security;
mod serve;
mod snapshots;
mod support;
mod syndication;
mod tidy;
mod url_policy;
