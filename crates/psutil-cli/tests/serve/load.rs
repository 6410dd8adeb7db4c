//! Load: 30 s of concurrent scrapes on loopback (4 clients in a loop, bounded in time),
//! every one a 200 with a whole body; the exporter's RSS stays flat; and concurrent
//! scrapes share one read of the system.

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use super::common::{get, parse, rss_kb, value, Exporter};

/// RSS may grow by at most this much between the end of the warm-up and the end of
/// the run (allocator noise and the stacks of the connections in flight). The
/// exporter trims the heap after each read; without that, glibc's per-thread arenas
/// kept growing it by 3-9 MiB over such a run before it settled.
const RSS_SLACK_KB: u64 = 4 * 1024;

#[test]
fn thirty_seconds_of_concurrent_scrapes() {
    let mut e = Exporter::start(&[]);
    let addr = e.addr.clone();
    let run = |secs: u64| -> (u64, Vec<String>) {
        let end = Instant::now() + Duration::from_secs(secs);
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let addr = addr.clone();
                std::thread::spawn(move || {
                    let (mut n, mut errors) = (0u64, Vec::new());
                    while Instant::now() < end {
                        let r = get(&addr, "/metrics", &[]);
                        if r.status != 200 || !r.body.contains("node_load1 ") {
                            errors.push(format!("{}: {}", r.status, r.head));
                        }
                        n += 1;
                    }
                    (n, errors)
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).fold(
            (0, Vec::new()),
            |(n, mut errs), (m, e)| {
                errs.extend(e);
                (n + m, errs)
            },
        )
    };
    let (warm, errs) = run(5);
    assert!(errs.is_empty(), "{errs:?}");
    let rss_warm = rss_kb(e.pid());
    let (n, errs) = run(30);
    assert!(
        errs.is_empty(),
        "{} errors: {:?}",
        errs.len(),
        &errs[..errs.len().min(5)]
    );
    let rss_end = rss_kb(e.pid());
    assert!(e.alive());
    eprintln!(
        "load: {warm} + {n} scrapes, RSS {rss_warm} kB after warm-up, {rss_end} kB at the end"
    );
    assert!(n >= 30, "only {n} scrapes in 30 s");
    assert!(
        rss_end <= rss_warm + RSS_SLACK_KB,
        "RSS grew from {rss_warm} kB to {rss_end} kB over {n} scrapes"
    );
    // The exporter counted fewer reads than scrapes: concurrent ones shared.
    let (_, s) = parse(&e.metrics());
    let reads = value(&s, "psutil_exporter_reads_total", &[]).unwrap();
    assert!(
        reads < (warm + n) as f64,
        "{reads} reads for {} scrapes",
        warm + n
    );
}

#[test]
fn concurrent_scrapes_share_one_read() {
    let e = Exporter::start(&[]);
    let reads = || {
        let (_, s) = parse(&e.metrics());
        value(&s, "psutil_exporter_reads_total", &[]).unwrap()
    };
    let r0 = reads();
    let gate = Arc::new(Barrier::new(8));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let (addr, gate) = (e.addr.clone(), gate.clone());
            std::thread::spawn(move || {
                gate.wait();
                get(&addr, "/metrics", &[]).status
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 200);
    }
    let r1 = reads();
    // r1 counts the 8 concurrent scrapes' reads plus this last one's.
    let shared = r1 - r0 - 1.0;
    assert!(
        (1.0..8.0).contains(&shared),
        "{shared} reads for 8 concurrent scrapes"
    );
}
