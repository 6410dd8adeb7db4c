//! `psutil serve`: a Prometheus exporter built on psutil-rs (Linux).
//!
//! `/metrics` carries node_exporter's system metrics where the two overlap (same names,
//! labels, units and types: [`metrics::system`]), per-process-group metrics
//! ([`metrics::process`]) and the limits and usage of the cgroups the processes are in
//! ([`metrics::cgroup`]). Each scrape reads the system once, and concurrent scrapes share
//! that read ([`collect`]). The HTTP side ([`http`]) listens on loopback by default,
//! bounds request size and time, and takes node_exporter's web-config file for TLS and
//! basic auth ([`config`], [`tls`], [`auth`]). docs/exporter.md is the user's guide.

pub mod auth;
pub mod collect;
pub mod config;
pub mod http;
pub mod metrics;
mod start;
pub mod statvfs;
pub mod tls;

pub use start::run;
