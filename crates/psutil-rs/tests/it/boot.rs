//! boot_time against `uptime -s`, /proc/stat and psutil.

use crate::util::*;

#[test]
fn boot_time_matches_psutil_and_stat() {
    let ours = psutil_rs::boot_time().unwrap();
    let p = psutil("psutil.boot_time()").as_f64().unwrap();
    assert_eq!(ours, p);
    let stat = std::fs::read_to_string("/proc/stat").unwrap();
    let btime: f64 = stat
        .lines()
        .find_map(|l| l.strip_prefix("btime "))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(ours, btime);
}

#[test]
fn boot_time_matches_uptime_s() {
    // uptime -s prints local time "YYYY-MM-DD HH:MM:SS"; date converts it back.
    let s = run("uptime", &["-s"]);
    let epoch: f64 = run("date", &["-d", s.trim(), "+%s"])
        .trim()
        .parse()
        .unwrap();
    // uptime derives it from /proc/uptime, so allow 2 s of rounding.
    close("boot time", psutil_rs::boot_time().unwrap(), epoch, 2.0);
}

#[test]
fn missing_btime_is_a_parse_error() {
    let t = TempTree::new(&[("proc/stat", b"cpu 1 2 3 4\n")]);
    let e = t.root().boot_time().unwrap_err();
    assert!(e.to_string().contains("btime"), "{e}");
}
