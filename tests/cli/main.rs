//! Integration tests: each module drives the real `capbrief` binary on fixture sites copied
//! from `tests/fixtures/` into a temporary folder.

// A failed unwrap in a test or its helpers is a test failure with a backtrace: what we want.
#![allow(clippy::unwrap_used)]

mod build;
mod i18n;
mod support;
