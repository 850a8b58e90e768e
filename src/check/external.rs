//! External link requests for `capbrief check --external`: the only network access in
//! capbrief, off by default. Short timeouts, a few requests at a time.

use rayon::prelude::*;
use std::time::Duration;

/// Requests every URL; returns the ones that fail, with why, sorted by URL.
pub fn check_all<'a>(urls: impl Iterator<Item = &'a String>) -> Vec<(String, String)> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(15)))
        .timeout_connect(Some(Duration::from_secs(8)))
        .http_status_as_error(false)
        .user_agent(concat!("capbrief-link-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let urls: Vec<&String> = urls.collect();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(8).build();
    let run = || -> Vec<(String, String)> {
        urls.par_iter().filter_map(|url| status_problem(&agent, url).map(|p| ((*url).clone(), p))).collect()
    };
    let mut failed = match pool {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    };
    failed.sort();
    failed
}

/// `None` when the URL answers with a success or redirect status.
fn status_problem(agent: &ureq::Agent, url: &str) -> Option<String> {
    // Some servers refuse HEAD; ask again with GET before calling the link broken.
    let head = agent.head(url).call();
    let status = match head {
        Ok(r) if r.status().as_u16() < 400 => return None,
        Ok(_) | Err(_) => agent.get(url).call(),
    };
    match status {
        Ok(r) if r.status().as_u16() < 400 => None,
        Ok(r) => Some(format!("HTTP {}", r.status())),
        Err(e) => Some(e.to_string()),
    }
}
