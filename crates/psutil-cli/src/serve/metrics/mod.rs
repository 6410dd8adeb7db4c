//! The metric families of one scrape: what each module reads and the names it writes.
//! [`sink::Sink`] gathers the values into a `prometheus-client` registry;
//! [`format`](mod@format) turns its OpenMetrics text into the Prometheus text format 0.0.4 when
//! the scraper did not ask for OpenMetrics.

pub mod cgroup;
pub mod format;
pub mod process;
pub mod sink;
pub mod system;
