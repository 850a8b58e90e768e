//! Integration tests: each module drives the real `capbrief` binary on fixture sites copied
//! from `tests/fixtures/` into a temporary folder.

mod build;
mod serve;
mod support;
