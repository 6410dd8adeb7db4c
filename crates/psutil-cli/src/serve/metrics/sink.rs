//! [`Sink`]: one scrape's registry. Each family is registered with
//! `prometheus-client` the first time a value of it is written; labels are
//! `(name, value)` pairs in the order given.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

/// A label set: `(name, value)` pairs.
pub type Labels = Vec<(String, String)>;
type GaugeFamily = Family<Labels, Gauge<f64, AtomicU64>>;
type CounterFamily = Family<Labels, Counter<f64, AtomicU64>>;

/// The values of one scrape, by family.
#[derive(Default)]
pub struct Sink {
    registry: Registry,
    gauges: HashMap<String, GaugeFamily>,
    counters: HashMap<String, CounterFamily>,
}

/// `help` without its final period: `prometheus-client` adds one.
fn help_text(help: &str) -> &str {
    help.strip_suffix('.').unwrap_or(help)
}

/// `[(k, v)]` as owned labels.
pub fn labels(pairs: &[(&str, &str)]) -> Labels {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect()
}

impl Sink {
    /// An empty scrape.
    pub fn new() -> Sink {
        Sink::default()
    }

    /// Sets gauge `name{labels}` to `v`.
    pub fn gauge(&mut self, name: &str, help: &str, labels: Labels, v: f64) {
        let fam = self.gauges.entry(name.to_string()).or_insert_with(|| {
            let f = GaugeFamily::default();
            self.registry.register(name, help_text(help), f.clone());
            f
        });
        fam.get_or_create(&labels).set(v);
    }

    /// Sets counter `name_total{labels}` to `v` (`name` without `_total`: the
    /// encoder adds it). Negative or NaN values (never expected) are written as 0.
    pub fn counter(&mut self, name: &str, help: &str, labels: Labels, v: f64) {
        let fam = self.counters.entry(name.to_string()).or_insert_with(|| {
            let f = CounterFamily::default();
            self.registry.register(name, help_text(help), f.clone());
            f
        });
        let v = if v.is_finite() && v > 0.0 { v } else { 0.0 };
        fam.get_or_create(&labels).inc_by(v);
    }

    /// The scrape in the OpenMetrics text format (with the final `# EOF`).
    pub fn openmetrics(&self) -> Result<String, std::fmt::Error> {
        let mut out = String::new();
        encode(&mut out, &self.registry)?;
        Ok(out)
    }
}
