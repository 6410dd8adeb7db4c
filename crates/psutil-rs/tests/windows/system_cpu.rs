//! CPU: times against the host's /proc/stat, counts against /proc/cpuinfo, and what
//! Wine leaves at zero.

use std::time::Duration;

use psutil_rs::{
    cpu_count, cpu_count_physical, cpu_freq, cpu_freq_percpu, cpu_stats, cpu_times,
    cpu_times_percpu, getloadavg, CpuSampler, Error,
};

use crate::system_host as host;

/// USER_HZ of the host's /proc/stat.
const HZ: f64 = 100.0;

/// `GetSystemTimes` against the `cpu` line of /proc/stat, read just before and just
/// after: Wine computes user as user + nice and idle as idle (wine-coverage.md: "match
/// host /proc/stat to 0.1 s"); each must lie between the two host reads, give or take
/// 0.5 s (two CPUs tick while the three reads happen).
#[test]
fn cpu_times_match_proc_stat() {
    let before = host::proc_stat_cpu();
    let t = cpu_times().unwrap();
    let after = host::proc_stat_cpu();
    let user = |v: &[u64]| (v[0] + v[1]) as f64 / HZ;
    let idle = |v: &[u64]| v[3] as f64 / HZ;
    eprintln!(
        "ours {t:?}; host user {}..{}, idle {}..{}",
        user(&before),
        user(&after),
        idle(&before),
        idle(&after)
    );
    let slack = 0.5;
    assert!(
        t.user >= user(&before) - slack && t.user <= user(&after) + slack,
        "user {} not within {}..{}",
        t.user,
        user(&before),
        user(&after)
    );
    assert!(
        t.idle >= idle(&before) - slack && t.idle <= idle(&after) + slack,
        "idle {} not within {}..{}",
        t.idle,
        idle(&before),
        idle(&after)
    );
    assert!(t.system > 0.0);
    // SystemProcessorPerformanceInformation: DpcTime and InterruptTime are always 0
    // under Wine (wine-coverage.md), so their sums are too.
    assert_eq!((t.interrupt, t.dpc), (0.0, 0.0));
    assert_eq!(t.values().count(), 5);
}

/// One entry per host CPU; the per-CPU sums agree with the system-wide times.
#[test]
fn percpu_times_add_up() {
    let per = cpu_times_percpu().unwrap();
    let total = cpu_times().unwrap();
    assert_eq!(per.len(), host::cpuinfo_processors());
    let user: f64 = per.iter().map(|c| c.user).sum();
    let idle: f64 = per.iter().map(|c| c.idle).sum();
    eprintln!("percpu {per:?}; total {total:?}");
    assert!((user - total.user).abs() < 1.0, "{user} vs {}", total.user);
    assert!((idle - total.idle).abs() < 1.0, "{idle} vs {}", total.idle);
}

#[test]
fn counts_match_cpuinfo() {
    assert_eq!(cpu_count(), Some(host::cpuinfo_processors()));
    // GetLogicalProcessorInformationEx(RelationAll): Wine reports the host topology.
    assert_eq!(cpu_count_physical(), Some(host::cpuinfo_cores()));
}

/// `SystemPerformanceInformation` answers, but its ContextSwitches and SystemCalls are
/// 0 under Wine, as are the per-CPU InterruptCounts (wine-coverage.md); soft
/// interrupts are psutil's 0 on Windows.
#[test]
fn cpu_stats_as_wine_fills_them() {
    let s = cpu_stats().unwrap();
    eprintln!("{s:?}");
    assert_eq!(s.soft_interrupts, Some(0));
    assert_eq!((s.ctx_switches, s.interrupts, s.syscalls), (0, 0, 0));
}

/// `CallNtPowerInformation(ProcessorInformation)`: Wine gives the host's `cpu MHz` as
/// both current and max (wine-coverage.md); psutil's single entry with min 0.0.
#[test]
fn cpu_freq_one_entry() {
    let per = cpu_freq_percpu().unwrap();
    assert_eq!(per.len(), 1);
    let f = cpu_freq().unwrap().unwrap();
    assert_eq!(f, per[0]);
    assert_eq!(f.min, 0.0);
    assert!(f.current > 0.0 && f.max >= f.current, "{f:?}");
    if let Some(mhz) = host::cpuinfo_mhz() {
        eprintln!("ours {f:?}, cpuinfo {mhz}");
        assert!(
            (f.max - mhz).abs() <= 0.1 * mhz,
            "{f:?} vs cpuinfo {mhz} MHz"
        );
    }
}

/// psutil's load-average emulation needs the PDH counter `\System\Processor Queue
/// Length`, which Wine 8 lacks (wine-coverage.md: PDH_CSTATUS_NO_COUNTER): psutil
/// raises RuntimeError, this returns `Unsupported` naming the call. The averaging
/// itself is unit-tested in parse::windows::loadavg.
#[test]
fn getloadavg_without_the_pdh_counter() {
    match getloadavg() {
        Err(Error::Unsupported { what }) => {
            assert!(what.contains("PdhAddEnglishCounterW"), "{what}");
            assert!(what.contains("Processor Queue Length"), "{what}");
        }
        other => panic!("expected Unsupported under Wine, got {other:?}"),
    }
    // The next call tries again and fails the same way.
    assert!(getloadavg().is_err());
}

/// `cpu_percent` through the common code: the backend's times give a busy share in
/// range.
#[test]
fn sampler_percent_in_range() {
    let mut s = CpuSampler::new().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let p = s.percent().unwrap();
    assert!((0.0..=100.0).contains(&p), "{p}");
    let per = s.percent_percpu().unwrap();
    assert_eq!(per.len(), host::cpuinfo_processors());
    let tp = s.times_percent().unwrap();
    assert!(tp.values().all(|v| (0.0..=100.0).contains(&v)), "{tp:?}");
}
