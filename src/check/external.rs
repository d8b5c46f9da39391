//! `check --external`: are links to other sites still alive?
//!
//! Off by default (it needs the network and is slow). Each URL is asked once per run: HEAD
//! first, GET when the server refuses HEAD. Hosts are asked by at most [`PER_HOST`] requests at
//! a time so a check never floods one server, and answers that were fine are remembered for a
//! day so repeat runs are fast ([`LinkCache`], kept in the user's cache folder, never in the
//! site: `load/link_cache.rs` reads it, `output.rs` writes it).

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::link_cache::LinkCache;
use crate::render::markdown::ExternalLink;

/// Requests in flight to one host at most.
const PER_HOST: usize = 2;
/// Requests in flight in all.
const WORKERS: usize = 16;
const TIMEOUT: Duration = Duration::from_secs(10);
/// How long a good answer is trusted before the URL is asked again.
const CACHE_FOR: Duration = Duration::from_secs(24 * 60 * 60);
/// What asking one URL found: `None` when it is alive.
type Verdict = Option<String>;

/// Asks each link not answered well within a day (`cache`), reports the broken ones and
/// updates `cache` with the good answers.
pub(crate) fn check_external_links(
    links: &[ExternalLink],
    cache: &mut LinkCache,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    let now = unix_now();
    let mut by_host: HashMap<String, Vec<&str>> = HashMap::new();
    for link in links {
        let fresh = cache
            .ok
            .get(&link.url)
            .is_some_and(|&at| now.saturating_sub(at) < CACHE_FOR.as_secs());
        let urls = by_host.entry(host(&link.url).to_string()).or_default();
        if !fresh && !urls.contains(&link.url.as_str()) {
            urls.push(&link.url);
        }
    }
    // Each host's URLs are split into at most PER_HOST lanes; lanes run side by side.
    let lanes: Vec<Vec<&str>> = by_host
        .into_values()
        .flat_map(|urls| {
            let lanes = PER_HOST.min(urls.len()).max(1);
            (0..lanes)
                .map(|lane| urls.iter().skip(lane).step_by(lanes).copied().collect())
                .collect::<Vec<Vec<&str>>>()
        })
        .collect();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!("bridgebook-link-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(WORKERS)
        .build()?;
    let verdicts: HashMap<&str, Verdict> = pool.install(|| {
        lanes
            .par_iter()
            .flat_map_iter(|lane| lane.iter().map(|url| (*url, ask(&agent, url))))
            .collect()
    });
    for link in links {
        match verdicts.get(link.url.as_str()) {
            Some(Some(problem)) => {
                let diag = Diagnostic::error(
                    Code::BrokenExternalLink,
                    format!("external link {} is broken: {problem}", link.url),
                )
                .help("fix or remove the link; if the site is only down for now, run the check again later");
                let mut diag = diag.at(link.location.clone());
                diag.source_line = Some(link.source_line.clone());
                diagnostics.push(diag);
            }
            Some(None) => {
                cache.ok.insert(link.url.clone(), now);
            }
            None => {}
        }
    }
    cache
        .ok
        .retain(|_, at| now.saturating_sub(*at) < CACHE_FOR.as_secs());
    Ok(())
}

/// HEAD, then GET when HEAD is refused or fails: some servers answer HEAD wrongly.
fn ask(agent: &ureq::Agent, url: &str) -> Verdict {
    let head = agent.head(url).call();
    if let Ok(response) = &head {
        if response.status().is_success() {
            return None;
        }
    }
    match agent.get(url).call() {
        Ok(response) if response.status().is_success() => None,
        Ok(response) => Some(format!("the server answered {}", response.status())),
        Err(ureq::Error::Timeout(_)) => {
            Some(format!("no answer within {} seconds", TIMEOUT.as_secs()))
        }
        Err(err) => Some(err.to_string()),
    }
}

fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
