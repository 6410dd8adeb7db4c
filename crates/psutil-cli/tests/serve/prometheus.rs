//! promtool on our output, and a real Prometheus scraping the exporter: the values it
//! stores are the kernel's, read here directly.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

use super::common::{
    daemon_on_free_port, get, meminfo_kb, rss_kb, tempdir, tool, try_get, wait_for, Exporter,
};

/// `promtool check metrics` finds nothing wrong with the text format, except what it
/// also says of node_exporter itself: the camelCase of the `/proc/meminfo` field names
/// in `node_memory_*` (kept for compatibility with node_exporter's dashboards).
#[test]
fn promtool_check_metrics_accepts_the_text_format() {
    let promtool = tool("promtool", "prometheus");
    let e = Exporter::start(&[]);
    let text = e.metrics();
    let mut child = Command::new(&promtool)
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let problems: Vec<&str> = report
        .lines()
        .filter(|l| !(l.starts_with("node_memory_") && l.contains("camelCase")))
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(problems.is_empty(), "promtool: {problems:#?}");
    // promtool's exit status is 0, or 3 for lint findings only (the camelCase above).
    assert!(
        matches!(out.status.code(), Some(0 | 3)),
        "{:?}: {report}",
        out.status
    );
}

/// OpenMetrics when the Accept header asks for it; the 0.0.4 text otherwise.
#[test]
fn openmetrics_is_negotiated() {
    let e = Exporter::start(&[]);
    let om = get(
        &e.addr,
        "/metrics",
        &["Accept: application/openmetrics-text;version=1.0.0,text/plain;q=0.5"],
    );
    assert_eq!(om.status, 200);
    assert!(
        om.head
            .contains("Content-Type: application/openmetrics-text; version=1.0.0"),
        "{}",
        om.head
    );
    assert!(om.body.ends_with("# EOF\n"));
    assert!(om.body.contains("# TYPE node_cpu_seconds counter\n"));
    let text = get(&e.addr, "/metrics", &[]);
    assert!(
        text.head
            .contains("Content-Type: text/plain; version=0.0.4"),
        "{}",
        text.head
    );
    assert!(!text.body.contains("# EOF"));
    assert!(text
        .body
        .contains("# TYPE node_cpu_seconds_total counter\n"));
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The values of an instant query (`None` until Prometheus answers with a result).
fn query(prom: &str, q: &str) -> Option<Vec<(Value, f64)>> {
    let r = try_get(prom, &format!("/api/v1/query?query={}", urlencode(q)), &[]).ok()?;
    if r.status != 200 {
        return None;
    }
    let v: Value = serde_json::from_str(&r.body).ok()?;
    let res = v["data"]["result"].as_array()?;
    if res.is_empty() {
        return None;
    }
    Some(
        res.iter()
            .map(|x| {
                let val = x["value"][1].as_str().unwrap().parse::<f64>().unwrap();
                (x["metric"].clone(), val)
            })
            .collect(),
    )
}

fn one(prom: &str, q: &str) -> f64 {
    let r = wait_for(60, q, || query(prom, q));
    assert_eq!(r.len(), 1, "{q}: {r:?}");
    r[0].1
}

#[test]
fn prometheus_scrapes_the_exporter() {
    let prometheus = tool("prometheus", "prometheus");
    let dir = tempdir("prometheus");
    // The exporter's own process in a group of its own, whatever else runs here (by
    // name, a busy machine's first 64 names would take every group's place, and the
    // other tests' exporters are named psutil too): the regex matches its config path.
    let exporter_cfg = dir.join("exporter.yml");
    std::fs::write(
        &exporter_cfg,
        format!(
            "processes:\n  group_by: cmdline\n  cmdline_regex: 'psutil (serve) .* {}$'\n",
            regex::escape(exporter_cfg.to_str().unwrap())
        ),
    )
    .unwrap();
    let e = Exporter::start(&["--config", exporter_cfg.to_str().unwrap()]);
    let cfg = dir.join("prometheus.yml");
    std::fs::write(
        &cfg,
        format!(
            "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n\
             scrape_configs:\n  - job_name: psutil\n    static_configs:\n      - targets: ['{}']\n",
            e.addr
        ),
    )
    .unwrap();
    let log = std::fs::File::create(dir.join("prometheus.log")).unwrap();
    let (_p, prom_addr) = daemon_on_free_port("prometheus", "/-/ready", |addr| {
        let mut c = Command::new(&prometheus);
        c.arg(format!("--config.file={}", cfg.display()))
            .arg(format!(
                "--storage.tsdb.path={}",
                dir.join("data").display()
            ))
            .arg(format!("--web.listen-address={addr}"))
            .stdout(log.try_clone().unwrap())
            .stderr(log.try_clone().unwrap());
        c
    });
    let up = one(&prom_addr, "up{job=\"psutil\"} == 1");
    assert_eq!(up, 1.0);
    assert_eq!(
        one(&prom_addr, "node_memory_MemTotal_bytes{job=\"psutil\"}"),
        (meminfo_kb("MemTotal") * 1024) as f64
    );
    assert_eq!(
        one(&prom_addr, "node_memory_SwapTotal_bytes{job=\"psutil\"}"),
        (meminfo_kb("SwapTotal") * 1024) as f64
    );
    let stat = std::fs::read_to_string("/proc/stat").unwrap();
    let btime: f64 = stat
        .lines()
        .find_map(|l| l.strip_prefix("btime "))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(
        one(&prom_addr, "node_boot_time_seconds{job=\"psutil\"}"),
        btime
    );
    let cpus = stat
        .lines()
        .filter(|l| l.starts_with("cpu") && !l.starts_with("cpu "))
        .count();
    assert_eq!(
        one(
            &prom_addr,
            "count(node_cpu_seconds_total{job=\"psutil\",mode=\"idle\"})"
        ),
        cpus as f64
    );
    // The exporter's own group: one process, whose resident memory Prometheus stored
    // from a scrape a second or so ago.
    assert_eq!(
        one(
            &prom_addr,
            "psutil_process_group_processes{job=\"psutil\",group=\"serve\"}"
        ),
        1.0
    );
    let rss = one(
        &prom_addr,
        "psutil_process_group_resident_memory_bytes{job=\"psutil\",group=\"serve\"}",
    );
    let direct = (rss_kb(e.pid()) * 1024) as f64;
    // RSS moves with each scrape's buffers: within 25% of VmRSS read now.
    assert!(
        (rss - direct).abs() <= direct * 0.25,
        "stored {rss}, VmRSS now {direct}"
    );
    // Several scrapes stored: the read counter went up between them.
    let reads = one(
        &prom_addr,
        "increase(psutil_exporter_reads_total{job=\"psutil\"}[1m]) > 0",
    );
    assert!(reads > 0.0);
}
