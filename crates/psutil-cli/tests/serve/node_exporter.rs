//! Side by side with Debian's prometheus-node-exporter (1.5): every `node_*` family we
//! serve is one of its families, with the same type and label names, the same series
//! (cpus, disks, interfaces, filesystems), and values within tolerance. Counters are
//! bracketed: node_exporter is scraped before and after us, and ours must lie between
//! its two values (plus a small slack for the rounding of /proc's units).

use std::collections::{BTreeMap, BTreeSet};
use std::process::{Command, Stdio};

use super::common::{daemon_on_free_port, parse, tool, try_get, wait_for, Exporter, Sample};

fn by_series(samples: &[Sample]) -> BTreeMap<(String, Vec<(String, String)>), f64> {
    samples
        .iter()
        .map(|s| {
            let l: Vec<_> = s
                .labels
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            ((s.name.clone(), l), s.value)
        })
        .collect()
}

#[test]
fn node_families_match_node_exporter() {
    let ne_bin = tool("prometheus-node-exporter", "prometheus-node-exporter");
    let (_ne, ne_addr) = daemon_on_free_port("prometheus-node-exporter", "/metrics", |addr| {
        let mut c = Command::new(&ne_bin);
        c.arg(format!("--web.listen-address={addr}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    });
    let scrape_ne = || {
        wait_for(30, "node_exporter to answer", || {
            let r = try_get(&ne_addr, "/metrics", &[]).ok()?;
            (r.status == 200).then_some(r.body)
        })
    };
    let e = Exporter::start(&[]);
    let before = scrape_ne();
    let ours = e.metrics();
    let after = scrape_ne();
    let (ne_types, ne_before) = parse(&before);
    let (_, ne_after) = parse(&after);
    let (our_types, our_samples) = parse(&ours);

    // Names and types.
    let ours_node: Vec<&String> = our_types
        .keys()
        .filter(|n| n.starts_with("node_"))
        .collect();
    assert!(ours_node.len() > 40, "{ours_node:?}");
    for name in &ours_node {
        let t = ne_types
            .get(*name)
            .unwrap_or_else(|| panic!("{name}: not a node_exporter family"));
        assert_eq!(&our_types[*name], t, "type of {name}");
    }
    // Label names, per family.
    let label_names = |samples: &[Sample], name: &str| -> BTreeSet<Vec<String>> {
        samples
            .iter()
            .filter(|s| s.name == name)
            .map(|s| s.labels.keys().cloned().collect())
            .collect()
    };
    for name in &ours_node {
        assert_eq!(
            label_names(&our_samples, name),
            label_names(&ne_before, name),
            "label names of {name}"
        );
    }
    // The same series (cpus × modes, disks, interfaces, mounts).
    let ours_map = by_series(&our_samples);
    let before_map = by_series(&ne_before);
    let after_map = by_series(&ne_after);
    for prefix in [
        "node_cpu_seconds_total",
        "node_disk_read_bytes_total",
        "node_network_receive_bytes_total",
        "node_filesystem_size_bytes",
    ] {
        let a: BTreeSet<_> = ours_map.keys().filter(|k| k.0 == prefix).collect();
        let b: BTreeSet<_> = before_map.keys().filter(|k| k.0 == prefix).collect();
        assert_eq!(a, b, "series of {prefix}");
    }
    // Values: counters between node_exporter's two scrapes (slack: 0.1 s of CPU for
    // /proc/stat's rounding, 0.1% otherwise), stable gauges equal.
    let mut checked = 0;
    for (key, v) in &ours_map {
        let name = key.0.as_str();
        if !name.starts_with("node_") {
            continue;
        }
        let (Some(lo), Some(hi)) = (before_map.get(key), after_map.get(key)) else {
            continue;
        };
        let ty = our_types
            .get(name)
            .or_else(|| our_types.get(name.trim_end_matches("_total")))
            .map(String::as_str);
        let (lo, hi) = (lo.min(*hi), lo.max(*hi));
        let stable_gauge = name.starts_with("node_filesystem_size")
            || name == "node_boot_time_seconds"
            || name == "node_memory_MemTotal_bytes"
            || name == "node_memory_SwapTotal_bytes";
        if ty == Some("counter") {
            let slack = if name.starts_with("node_cpu") {
                0.1
            } else {
                hi.abs() * 1e-3 + 1.0
            };
            assert!(
                *v >= lo - slack && *v <= hi + slack,
                "{key:?}: ours {v}, node_exporter {lo}..{hi}"
            );
            checked += 1;
        } else if stable_gauge {
            assert!(
                (v - lo).abs() <= 1.0,
                "{key:?}: ours {v}, node_exporter {lo}"
            );
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} values compared");
}
