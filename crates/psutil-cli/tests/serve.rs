// The exporter is Linux only.
#![cfg(target_os = "linux")]

//! `psutil serve` against real tools: promtool, a Prometheus started here, Debian's
//! prometheus-node-exporter side by side, curl for TLS and basic auth, and the kernel
//! files read directly. The tools come from Debian's `prometheus` and
//! `prometheus-node-exporter` packages (scripts/test.sh installs them); a test that
//! needs one fails with a clear message when it is missing. Every server runs on an
//! ephemeral loopback port, with its data in a temp directory.

#[path = "serve/common.rs"]
mod common;
#[path = "serve/config.rs"]
mod config;
#[path = "serve/groups.rs"]
mod groups;
#[path = "serve/hung_mount.rs"]
mod hung_mount;
#[path = "serve/load.rs"]
mod load;
#[path = "serve/node_exporter.rs"]
mod node_exporter;
#[path = "serve/prometheus.rs"]
mod prometheus;
#[path = "serve/requests.rs"]
mod requests;
#[path = "serve/tls.rs"]
mod tls;
