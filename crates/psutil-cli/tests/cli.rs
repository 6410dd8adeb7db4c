// The classic tools this compares with are Linux's (procps, util-linux, coreutils).
#![cfg(target_os = "linux")]

//! Golden checks of the `psutil` command against the classic tools on this machine.

mod common;

use psutil_rs::os::linux::ProcessExt as _;
use std::process::{Command, Stdio};

fn psutil(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "psutil {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn numbers(line: &str) -> Vec<u64> {
    line.split_whitespace()
        .skip(1)
        .map(|x| x.parse().unwrap())
        .collect()
}

#[test]
fn free_matches_free_b() {
    for flags in [&["-b"][..], &["-b", "-w"]] {
        let ours = psutil(&[&["free"], flags].concat());
        let theirs = tool("free", flags);
        let (o, t): (Vec<_>, Vec<_>) = (ours.lines().collect(), theirs.lines().collect());
        assert_eq!(o.len(), t.len());
        assert_eq!(o[0], t[0], "header");
        for (lo, lt) in o.iter().zip(&t).skip(1) {
            assert_eq!(lo.split_whitespace().next(), lt.split_whitespace().next());
            // Same column layout: every field ends at the same column.
            assert_eq!(lo.len(), lt.len(), "{lo:?} vs {lt:?}");
            let (no, nt) = (numbers(lo), numbers(lt));
            assert_eq!(no[0], nt[0], "total");
            for (a, b) in no.iter().zip(&nt) {
                // moving values: 64 MiB
                assert!(a.abs_diff(*b) <= 64 << 20, "{lo} vs {lt}");
            }
        }
    }
}

#[test]
fn free_units_match_free() {
    for flag in ["-k", "-m", "-g"] {
        let ours = psutil(&["free", flag]);
        let theirs = tool("free", &[flag]);
        let o = numbers(ours.lines().nth(1).unwrap());
        let t = numbers(theirs.lines().nth(1).unwrap());
        assert_eq!(o[0], t[0], "total with {flag}");
    }
    // -h: the total column is static and must print identically.
    let o = psutil(&["free", "-h"]);
    let t = tool("free", &["-h"]);
    assert_eq!(
        o.lines().nth(1).unwrap().split_whitespace().nth(1),
        t.lines().nth(1).unwrap().split_whitespace().nth(1)
    );
}

#[test]
fn free_json_has_psutil_fields() {
    let v: serde_json::Value = serde_json::from_str(&psutil(&["free", "--json"])).unwrap();
    let vm = &v["virtual_memory"];
    let keys: Vec<_> = vm.as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys,
        [
            "total",
            "available",
            "percent",
            "used",
            "free",
            "active",
            "inactive",
            "buffers",
            "cached",
            "shared",
            "slab"
        ]
    );
    assert_eq!(vm["total"], psutil_rs::virtual_memory().unwrap().total);
}

#[test]
fn free_repeats_with_count() {
    let out = psutil(&["free", "-s", "0.01", "-c", "3"]);
    assert_eq!(out.matches("Mem:").count(), 3);
}

#[test]
fn broken_pipe_is_not_an_error() {
    // `psutil free -s 0.01 | head -1`: the reader goes away; we must exit 0 quietly.
    let mut child = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["free", "-s", "0.01", "-c", "1000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bad_arguments_are_errors_not_panics() {
    let out = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["free", "-s", "-1"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("-1"));
}

#[test]
fn overview_runs() {
    let out = psutil(&[]);
    for section in [
        "load average",
        "cpu0",
        "Mem",
        "Swap",
        "Disks",
        "Network",
        "Top processes by CPU",
        "Top processes by memory",
    ] {
        assert!(out.contains(section), "{section} missing from\n{out}");
    }
    // Every physical mount and every NIC is listed.
    for p in psutil_rs::disk_partitions(false).unwrap() {
        assert!(out.contains(&*p.mountpoint.to_string_lossy()));
    }
    for nic in psutil_rs::net_io_counters_pernic().unwrap().keys() {
        assert!(out.contains(&format!("  {nic} ")), "{nic}");
    }
    // Our own pid shows among the top processes by memory only if it is big; the test
    // binary's parent cargo is not reliable either, so check the table has 5 rows.
    let top = out.split("Top processes by memory").nth(1).unwrap();
    assert_eq!(top.lines().filter(|l| !l.trim().is_empty()).count(), 1 + 5);
    let v: serde_json::Value = serde_json::from_str(&psutil(&["--json"])).unwrap();
    assert_eq!(v["boot_time"], psutil_rs::boot_time().unwrap());
    assert_eq!(
        v["cpu_percent_percpu"].as_array().unwrap().len(),
        psutil_rs::cpu_count().unwrap()
    );
    assert_eq!(
        v["virtual_memory"]["total"],
        psutil_rs::virtual_memory().unwrap().total
    );
}

/// Parses df-style output into (device, mountpoint, numbers).
fn df_rows(text: &str, numeric_cols: usize) -> Vec<(String, String, Vec<String>)> {
    text.lines()
        .skip(1)
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            let dev = w[0].to_string();
            let nums = w[w.len() - 1 - numeric_cols..w.len() - 1]
                .iter()
                .map(|s| s.to_string())
                .collect();
            (dev, w[w.len() - 1].to_string(), nums)
        })
        .collect()
}

#[test]
fn df_matches_df() {
    for flags in [&[][..], &["-a"], &["-T"], &["/", "/tmp"]] {
        let ours = psutil(&[&["df"], flags].concat());
        let theirs = tool("df", flags);
        assert_eq!(
            ours.lines().next(),
            theirs.lines().next(),
            "header with {flags:?}"
        );
        let (o, t) = (df_rows(&ours, 4), df_rows(&theirs, 4));
        assert_eq!(
            o.iter().map(|r| (&r.0, &r.1)).collect::<Vec<_>>(),
            t.iter().map(|r| (&r.0, &r.1)).collect::<Vec<_>>(),
            "same file systems in the same order with {flags:?}"
        );
        for (a, b) in o.iter().zip(&t) {
            assert_eq!(a.2[0], b.2[0], "1K-blocks of {}", a.1);
            // used/avail move with other writers: 64 MiB in 1K blocks
            for i in 1..3 {
                let (x, y): (i64, i64) = (a.2[i].parse().unwrap(), b.2[i].parse().unwrap());
                assert!((x - y).abs() <= 65536, "{} {x} vs {y}", a.1);
            }
        }
    }
}

#[test]
fn df_human_matches_df_h() {
    let ours = psutil(&["df", "-h"]);
    let theirs = tool("df", &["-h"]);
    assert_eq!(ours.lines().next(), theirs.lines().next());
    let (o, t) = (df_rows(&ours, 4), df_rows(&theirs, 4));
    assert_eq!(o.len(), t.len());
    for (a, b) in o.iter().zip(&t) {
        assert_eq!((&a.0, &a.1, &a.2[0]), (&b.0, &b.1, &b.2[0]), "size column");
    }
}

#[test]
fn df_json_matches_library() {
    let v: serde_json::Value = serde_json::from_str(&psutil(&["df", "--json", "/"])).unwrap();
    let usage = &v[0]["usage"];
    assert_eq!(
        usage.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["total", "used", "free", "percent"]
    );
    assert_eq!(usage["total"], psutil_rs::disk_usage("/").unwrap().total);
}

/// A tmpfs whose source is "none", mounted in a private mount namespace (unshare(1)) so
/// that the other df tests do not see it: df prints "none" as the kernel has it, where
/// psutil's disk_partitions (and our --json) give an empty device.
#[test]
fn df_shows_a_none_source_as_df_does() {
    if !rustix::process::geteuid().is_root() {
        eprintln!("df_shows_a_none_source_as_df_does: needs root to mount; not run");
        return;
    }
    let script = r#"set -e
d=$(mktemp -d)
mount -t tmpfs none "$d"
for out in "" "--output=source,target"; do
  echo "ours:$("$1" df -a $out | grep " $d\$")"
  echo "df:$(df -a $out | grep " $d\$")"
done
echo "json:$("$1" --json df "$d")"
umount "$d"; rmdir "$d""#;
    let o = Command::new("unshare")
        .args(["-m", "--propagation", "private", "sh", "-c", script, "sh"])
        .arg(env!("CARGO_BIN_EXE_psutil"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let (rows, json) = text.split_once("json:").expect("the json line");
    let lines: Vec<&str> = rows.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    for pair in lines.chunks(2) {
        let (ours, theirs) = (&pair[0]["ours:".len()..], &pair[1]["df:".len()..]);
        assert!(theirs.starts_with("none "), "{theirs}");
        assert_eq!(ours, theirs);
    }
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(v[0]["device"], "", "psutil's device for a \"none\" source");
}

#[test]
fn df_missing_path_is_an_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["df", "/does/not/exist"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/does/not/exist"));
}

/// Runs `f` up to 3 times, 0.6 s apart, until it returns true (for values that move at
/// a minute edge: ours come from btime, an integer second, uptime's from /proc/uptime,
/// so the two can straddle the edge for up to a second).
fn eventually(mut f: impl FnMut() -> bool) -> bool {
    (0..3).any(|i| {
        if i > 0 {
            std::thread::sleep(std::time::Duration::from_millis(600));
        }
        f()
    })
}

#[test]
fn uptime_matches_uptime() {
    // "2026-12-07 05:59:58": procps computes it as now − /proc/uptime, psutil (and so
    // `psutil uptime -s`) takes /proc/stat's btime; the two round differently, so they
    // may differ by a second, depending on the sub-second phase of the boot.
    let secs = |s: String| -> i64 {
        let (date, time) = s.trim().split_once(' ').expect("date and time");
        let d: Vec<i64> = date.split('-').map(|x| x.parse().unwrap()).collect();
        let t: Vec<i64> = time.split(':').map(|x| x.parse().unwrap()).collect();
        // Days from a fixed epoch are enough for a difference (same month or not).
        let (y, m) = if d[1] <= 2 {
            (d[0] - 1, d[1] + 9)
        } else {
            (d[0], d[1] - 3)
        };
        let days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d[2];
        ((days * 24 + t[0]) * 60 + t[1]) * 60 + t[2]
    };
    let (ours, theirs) = (psutil(&["uptime", "-s"]), tool("uptime", &["-s"]));
    assert!(
        (secs(ours.clone()) - secs(theirs.clone())).abs() <= 1,
        "{ours} vs {theirs}"
    );
    assert!(eventually(
        || psutil(&["uptime", "-p"]) == tool("uptime", &["-p"])
    ));
    // " HH:MM:SS up 17 min,  0 user,  load average: 4.10, 3.95, 2.27"
    let split = |s: &str| -> (String, Vec<f64>) {
        let (head, load) = s.trim_end().split_once("load average: ").unwrap();
        let head = head.split_once(" up ").unwrap().1.to_string();
        (head, load.split(", ").map(|x| x.parse().unwrap()).collect())
    };
    assert!(eventually(|| {
        let (oh, ol) = split(&psutil(&["uptime"]));
        let (th, tl) = split(&tool("uptime", &[]));
        // load averages move; 1.0 of drift between two reads is plenty
        oh == th && ol.iter().zip(&tl).all(|(a, b)| (a - b).abs() < 1.0)
    }));
}

/// One glibc x86_64 `struct utmp` record (384 bytes).
fn utmp_record(kind: i16, pid: i32, line: &str, user: &str, host: &str, sec: i32) -> Vec<u8> {
    let mut r = vec![0u8; 384];
    r[0..2].copy_from_slice(&kind.to_ne_bytes());
    r[4..8].copy_from_slice(&pid.to_ne_bytes());
    r[8..8 + line.len()].copy_from_slice(line.as_bytes());
    r[44..44 + user.len()].copy_from_slice(user.as_bytes());
    r[76..76 + host.len()].copy_from_slice(host.as_bytes());
    r[340..344].copy_from_slice(&sec.to_ne_bytes());
    r
}

#[test]
fn who_matches_who_on_a_utmp_file() {
    let mut data = utmp_record(2, 0, "~", "reboot", "6.18", 1_700_000_000); // BOOT_TIME
    data.extend(utmp_record(
        7,
        101,
        "pts/0",
        "alice",
        "203.0.113.5",
        1_700_000_100,
    ));
    data.extend(utmp_record(7, 102, "tty1", "bob", "", 1_700_003_700));
    data.extend(utmp_record(8, 103, "pts/1", "carol", "", 1_700_000_200)); // DEAD_PROCESS
    let path = std::env::temp_dir().join(format!("psutil-cli-utmp-{}", std::process::id()));
    std::fs::write(&path, data).unwrap();
    let p = path.to_str().unwrap();
    let ours = psutil(&["who", p]);
    let theirs = tool("who", &[p]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(ours, theirs);
    assert_eq!(ours.lines().count(), 2);
}

#[test]
fn who_without_utmp_lists_logind_sessions() {
    // A systemd-only system (no utmp): the sessions of run/systemd/sessions, the same
    // as the library's users(); who's columns, the host in parentheses when remote.
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/linux/debian13-logind"
    );
    let lib = psutil_rs::Root::under(root).users().unwrap();
    assert_eq!(lib.len(), 6);
    let json: serde_json::Value =
        serde_json::from_str(&psutil(&["--root", root, "who", "--json"])).unwrap();
    assert_eq!(json, serde_json::to_value(&lib).unwrap());
    let text = psutil(&["--root", root, "who"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), lib.len(), "{text}");
    for (line, u) in lines.iter().zip(&lib) {
        assert!(line.starts_with(&*u.name.to_string_lossy()), "{line}");
        let host = u.host.to_string_lossy();
        assert_eq!(
            line.ends_with(&format!(" ({host})")),
            host != "localhost",
            "{line}"
        );
    }
    assert!(lines[3].starts_with("alice    "), "{text}");
    assert!(lines[4].starts_with("dave     pts/1"), "{text}");
}

#[test]
fn sensors_on_a_fixture_tree_show_every_reading() {
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/linux/laptop-hwmon"
    );
    let out = psutil(&["--root", root, "sensors"]);
    let lib = psutil_rs::Root::under(root);
    for (chip, temps) in lib.sensors_temperatures().unwrap() {
        assert!(out.contains(&format!("{chip}\n")), "{chip} missing");
        for t in temps {
            assert!(
                out.contains(&format!("{:.1} °C", t.current)),
                "{t:?} missing"
            );
        }
    }
    if let Some(b) = lib.sensors_battery().unwrap() {
        assert!(out.contains(&format!("{:.1} %", b.percent)));
    }
    // The host has no sensors at all.
    assert_eq!(psutil(&["sensors"]), "no sensors found\n");
}

#[test]
fn ifconfig_matches_ip_addr() {
    let ip: serde_json::Value = serde_json::from_str(&tool("ip", &["-j", "addr"])).unwrap();
    let out = psutil(&["ifconfig"]);
    for link in ip.as_array().unwrap() {
        let name = link["ifname"].as_str().unwrap();
        let section: String = out
            .split("\n\n")
            .find(|s| s.starts_with(&format!("{name}:")))
            .unwrap_or_else(|| panic!("{name} missing"))
            .to_string();
        assert!(
            section.contains(&format!("mtu={},", link["mtu"])),
            "{name} mtu"
        );
        for a in link["addr_info"].as_array().unwrap() {
            let local = a["local"].as_str().unwrap();
            let shown = section
                .lines()
                .filter_map(|l| l.split_once("address   : ").map(|x| x.1))
                .any(|v| v == local || v.split('%').next() == Some(local));
            assert!(shown, "{name}: {local} missing from\n{section}");
        }
        if let Some(mac) = link["address"].as_str() {
            if link["link_type"] == "ether" {
                assert!(
                    section.contains(&format!("MAC  address   : {mac}")),
                    "{name} mac"
                );
            }
        }
    }
    assert!(!Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["ifconfig", "nosuchnic0"])
        .output()
        .unwrap()
        .status
        .success());
}

#[test]
fn iostat_matches_diskstats() {
    let out = psutil(&["iostat"]);
    let stats = std::fs::read_to_string("/proc/diskstats").unwrap();
    let mut rows = 0;
    for line in out.lines().skip(1) {
        let w: Vec<&str> = line.split_whitespace().collect();
        let ds: Vec<&str> = stats
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .find(|f| f[2] == w[0])
            .unwrap();
        let kb_read = ds[5].parse::<u64>().unwrap() * 512 / 1024;
        let kb_wrtn = ds[9].parse::<u64>().unwrap() * 512 / 1024;
        let (r, wr): (u64, u64) = (w[4].parse().unwrap(), w[5].parse().unwrap());
        // counters move between the two reads: 64 MiB
        assert!(r.abs_diff(kb_read) <= 65536, "{line}");
        assert!(wr.abs_diff(kb_wrtn) <= 65536, "{line}");
        rows += 1;
    }
    assert!(rows > 0, "no device rows:\n{out}");
    let two = psutil(&["iostat", "0.2", "2"]);
    assert_eq!(two.matches("Device").count(), 2);
}

#[test]
fn netstat_listening_matches_ss() {
    // Our own listening sockets, so the test does not depend on what the machine runs.
    let l4 = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let l6 = std::net::TcpListener::bind("[::1]:0").unwrap();
    let u = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    // ss before and after ours: sockets other processes open or close meanwhile (tests
    // running beside this one) are in one of the two, the steady ones in both.
    let ss = || -> std::collections::BTreeSet<(String, String)> {
        tool("ss", &["-tuln"])
            .lines()
            .skip(1)
            .map(|l| {
                let w: Vec<&str> = l.split_whitespace().collect();
                (w[0].to_string(), w[4].to_string())
            })
            .collect()
    };
    let before = ss();
    let ours: std::collections::BTreeSet<(String, String)> = psutil(&["netstat", "-l"])
        .lines()
        .skip(1)
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            (w[0].trim_end_matches('6').to_string(), w[1].to_string())
        })
        .collect();
    let after = ss();
    for a in [l4.local_addr().unwrap(), l6.local_addr().unwrap()] {
        assert!(
            ours.contains(&("tcp".to_string(), a.to_string())),
            "{a} missing"
        );
    }
    assert!(ours.contains(&("udp".to_string(), u.local_addr().unwrap().to_string())));
    let steady: std::collections::BTreeSet<_> = before.intersection(&after).cloned().collect();
    let seen: std::collections::BTreeSet<_> = before.union(&after).cloned().collect();
    assert!(
        steady.is_subset(&ours) && ours.is_subset(&seen),
        "listening sockets differ from ss -tuln: ours {ours:?}, ss before {before:?}, after {after:?}"
    );
    let pid = std::process::id().to_string();
    let line = psutil(&["netstat", "-t", "-l"])
        .lines()
        .find(|l| l.contains(&l4.local_addr().unwrap().to_string()))
        .unwrap()
        .to_string();
    let me = format!(
        "{pid}/{}",
        std::env::current_exe()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
    );
    // comm is cut to 15 bytes by the kernel, and psutil's name extends it from argv[0].
    assert!(
        line.split_whitespace()
            .any(|w| w == me || (me.starts_with(w) && w.len() >= pid.len() + 16)),
        "{line} / {me}"
    );
}

type PsRow = std::collections::HashMap<String, String>;

fn ps_table(text: &str, fields: &[&str]) -> std::collections::BTreeMap<u32, PsRow> {
    text.lines()
        .skip(1)
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            let Some(Ok(pid)) = w.first().map(|p| p.parse()) else {
                panic!("unexpected ps line {l:?} in\n{text}");
            };
            let row: PsRow = fields
                .iter()
                .zip(&w)
                .map(|(f, v)| (f.to_string(), v.to_string()))
                .collect();
            (pid, row)
        })
        .collect()
}

/// Compares ps and psutil ps for `pids` (all when empty); returns the pids that did not
/// match and the number of values compared exactly.
fn ps_round(pids: &[u32]) -> (Vec<u32>, usize) {
    let fields = [
        "pid", "ppid", "user", "nlwp", "rss", "vsz", "ni", "s", "comm",
    ];
    let spec = fields.join(",");
    let sel: String = pids
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let ps = || {
        let spec = spec.replace("user", "user:32");
        let mut args = vec!["-o", spec.as_str()];
        if pids.is_empty() {
            args.push("-e")
        } else {
            args.extend(["-p", sel.as_str()])
        }
        let out = Command::new("ps").args(&args).output().unwrap();
        ps_table(&String::from_utf8(out.stdout).unwrap(), &fields)
    };
    // ps before and after ours: only values that did not move between the two ps reads
    // are compared, and those must be equal.
    let before = ps();
    let mut args = vec!["ps", "-o", spec.as_str()];
    if pids.is_empty() {
        args.push("-e");
    } else {
        args.extend(["-p", sel.as_str()]);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(&args)
        .output()
        .unwrap();
    let ours = ps_table(&String::from_utf8(out.stdout).unwrap(), &fields);
    let after = ps();
    let mut bad = Vec::new();
    let mut exact = 0;
    for (pid, b) in &before {
        let (Some(o), Some(a)) = (ours.get(pid), after.get(pid)) else {
            continue;
        };
        if b["comm"] == "ps" || o["comm"] == "psutil" {
            continue;
        }
        let mut ok = true;
        for f in ["ppid", "user", "ni", "rss", "vsz", "nlwp", "s"] {
            // ps prints "-" as the nice of real-time (SCHED_FIFO/RR) tasks; R/S/D flip.
            if b[f] == "-" || b[f] != a[f] || (f == "s" && ["R", "S", "D"].contains(&b[f].as_str()))
            {
                continue;
            }
            ok &= o[f] == b[f];
            exact += 1;
        }
        // comm: the kernel's 15-byte comm, as ps shows it.
        if b["comm"] == a["comm"] {
            ok &= o["comm"] == b["comm"];
        }
        if !ok {
            eprintln!("mismatch pid {pid}: ps {b:?} / {a:?}, ours {o:?}");
            bad.push(*pid);
        }
    }
    (bad, exact)
}

#[test]
fn ps_matches_procps_ps() {
    let (mut bad, exact) = ps_round(&[]);
    assert!(exact > 200, "only {exact} values compared exactly");
    // A process can change and change back between the reads (a kernel worker renamed
    // twice, memory freed and reallocated): such pids get two more rounds of their own.
    for _ in 0..2 {
        if bad.is_empty() {
            break;
        }
        bad = ps_round(&bad).0;
    }
    assert!(bad.is_empty(), "ps and psutil ps disagree on {bad:?}");
}

/// Kills (and reaps) the spawned helpers when a test ends, also on a failed assert.
struct Kids(Vec<std::process::Child>);

impl Drop for Kids {
    fn drop(&mut self) {
        for k in &mut self.0 {
            let _ = k.kill();
            let _ = k.wait();
        }
    }
}

/// The first process whose parent is `ppid` and whose comm is `comm`, waiting for it.
fn wait_child(ppid: u32, comm: &str) -> u32 {
    for _ in 0..400 {
        for e in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(st) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            let Some((c, rest)) = st.rsplit_once(") ") else {
                continue;
            };
            let pp: u32 = rest.split(' ').nth(1).unwrap().parse().unwrap();
            if (pid == ppid || pp == ppid) && c.ends_with(&format!("({comm}")) {
                return pid;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("no {comm} child of {ppid}");
}

type StatTable = std::collections::BTreeMap<u32, String>;

/// One round of STAT comparisons for `pids` (all when empty): the pids whose STAT
/// differs from ps (among those stable across the two ps reads), the number compared,
/// and ps's (first read) and our tables.
fn stat_round(pids: &[u32]) -> (Vec<u32>, usize, StatTable, StatTable) {
    let table = |text: &str, skip: usize| -> StatTable {
        text.lines()
            .skip(skip)
            .filter_map(|l| {
                let mut w = l.split_whitespace();
                Some((w.next()?.parse().ok()?, w.next()?.to_string()))
            })
            .collect()
    };
    let sel: String = pids
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let ps = || {
        let args: Vec<&str> = if pids.is_empty() {
            vec!["-e", "-o", "pid=,stat="]
        } else {
            vec!["-o", "pid=,stat=", "-p", &sel]
        };
        let out = Command::new("ps").args(&args).output().unwrap();
        table(&String::from_utf8(out.stdout).unwrap(), 0)
    };
    let before = ps();
    let mut args = vec!["ps", "-o", "pid,stat"];
    if pids.is_empty() {
        args.push("-e");
    } else {
        args.extend(["-p", &sel]);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(&args)
        .output()
        .unwrap();
    let ours = table(&String::from_utf8(out.stdout).unwrap(), 1);
    let after = ps();
    let mut bad = Vec::new();
    let mut compared = 0;
    for (pid, b) in &before {
        let (Some(o), Some(a)) = (ours.get(pid), after.get(pid)) else {
            continue;
        };
        if a != b {
            continue;
        }
        // R/S/D flip faster than the reads: the state letter of those is not compared.
        let busy = ["R", "S", "D"].iter().any(|c| b.starts_with(c));
        let ok = if busy { o[1..] == b[1..] } else { o == b };
        if !ok {
            eprintln!("pid {pid}: ours {o}, ps {b}");
            bad.push(*pid);
        }
        compared += 1;
    }
    (bad, compared, before, ours)
}

/// STAT (state letter and the `<`, `N`, `L`, `s`, `l`, `+` modifiers) equals
/// `ps -o stat` for every process whose STAT did not change between two ps reads
/// bracketing ours, with spawned processes covering each modifier.
#[test]
fn ps_stat_matches_procps() {
    let py = |code: &str| Command::new("python3").args(["-c", code]).spawn().unwrap();
    let mut kids = Kids(vec![
        // session leader
        Command::new("setsid").args(["sleep", "30"]).spawn().unwrap(),
        // niced
        Command::new("nice").args(["-n", "5", "sleep", "30"]).spawn().unwrap(),
        // multi-threaded
        py("import threading,time\n[threading.Thread(target=time.sleep,args=(30,)).start() for _ in range(2)]\ntime.sleep(30)"),
        // in the foreground process group of a pty (script(1) runs it on a new one)
        Command::new("script")
            .args(["-qfc", "exec sleep 30", "/dev/null"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    ]);
    let root = is_root();
    if root {
        // high priority; pages locked (mlockall(MCL_CURRENT))
        kids.0.push(
            Command::new("nice")
                .args(["-n", "-5", "sleep", "30"])
                .spawn()
                .unwrap(),
        );
        kids.0.push(py(
            "import ctypes,time\nassert ctypes.CDLL(None).mlockall(1)==0\ntime.sleep(30)",
        ));
    }
    let ids: Vec<u32> = kids.0.iter().map(|k| k.id()).collect();
    let mut want = vec![
        (wait_child(ids[0], "sleep"), "s"),
        (wait_child(ids[1], "sleep"), "N"),
        (ids[2], "l"),
        (wait_child(ids[3], "sleep"), "+"),
    ];
    if root {
        want.push((wait_child(ids[4], "sleep"), "<"));
        want.push((ids[5], "L"));
    }
    // the threads and mlockall are in place once python sleeps with them
    for _ in 0..300 {
        let ready = |pid: u32, key: &str| {
            std::fs::read_to_string(format!("/proc/{pid}/status"))
                .unwrap()
                .lines()
                .any(|l| l.starts_with(key) && !l.ends_with(":\t1") && !l.contains(" 0 kB"))
        };
        if ready(ids[2], "Threads:") && (!root || ready(ids[5], "VmLck:")) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let (mut bad, compared, before, ours) = stat_round(&[]);
    // A process can change and change back between the reads (threads come and go):
    // such pids get two more rounds of their own.
    for _ in 0..2 {
        if bad.is_empty() {
            break;
        }
        bad = stat_round(&bad).0;
    }
    assert!(bad.is_empty(), "ps and psutil ps STAT disagree on {bad:?}");
    assert!(compared > 20, "only {compared} compared");
    for (pid, flag) in want {
        let b = &before[&pid];
        assert!(
            b.contains(flag),
            "ps shows {b} for pid {pid}, expected {flag}"
        );
        assert_eq!(&ours[&pid], b, "pid {pid}");
    }
}

/// With 300 more processes the table, and the STAT extras after it, are read by
/// several threads: the rows still equal procps ps's, each sleeper's included.
#[test]
fn ps_matches_procps_on_a_large_table() {
    let kids = Kids(
        (0..300)
            .map(|i| {
                Command::new("sleep")
                    .args(["30", &i.to_string()])
                    .spawn()
                    .unwrap()
            })
            .collect(),
    );
    for _ in 0..500 {
        let ready = kids.0.iter().all(|k| {
            std::fs::read_to_string(format!("/proc/{}/comm", k.id()))
                .is_ok_and(|c| c.trim() == "sleep")
        });
        if ready {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let (mut bad, exact) = ps_round(&[]);
    assert!(exact > 300 * 5, "only {exact} values compared exactly");
    for _ in 0..2 {
        if bad.is_empty() {
            break;
        }
        bad = ps_round(&bad).0;
    }
    assert!(bad.is_empty(), "ps and psutil ps disagree on {bad:?}");
    let (mut bad, compared, _, ours) = stat_round(&[]);
    for _ in 0..2 {
        if bad.is_empty() {
            break;
        }
        bad = stat_round(&bad).0;
    }
    assert!(bad.is_empty(), "ps and psutil ps STAT disagree on {bad:?}");
    assert!(compared >= 300, "only {compared} compared");
    for k in &kids.0 {
        assert_eq!(
            ours.get(&k.id()).map(String::as_str),
            Some("S"),
            "pid {}",
            k.id()
        );
    }
}

fn is_root() -> bool {
    tool("id", &["-u"]).trim() == "0"
}

#[test]
fn ps_aux_layout_matches() {
    let ours = psutil(&["ps", "aux"]);
    let theirs = tool("ps", &["aux"]);
    // Same header (procps column names), same pid 1 user/tty/start.
    let words = |s: &str| {
        s.lines()
            .next()
            .unwrap()
            .split_whitespace()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(words(&ours), words(&theirs));
    let row1 = |s: &str| {
        let l = s
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some("1"))
            .unwrap()
            .to_string();
        let w: Vec<String> = l.split_whitespace().map(String::from).collect();
        (w[0].clone(), w[6].clone(), w[8].clone(), w[10..].join(" "))
    };
    assert_eq!(
        row1(&ours),
        row1(&theirs),
        "user, tty, start and command of pid 1"
    );
}

#[test]
fn ps_selects_sorts_and_rejects() {
    let me = std::process::id().to_string();
    let out = psutil(&["ps", "-p", &me, "-o", "pid,comm"]);
    assert_eq!(out.lines().count(), 2);
    assert!(out.lines().nth(1).unwrap().trim_start().starts_with(&me));
    let sorted = psutil(&["ps", "--sort=-rss", "-eo", "pid,rss"]);
    let rss: Vec<u64> = sorted
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().nth(1).unwrap().parse().unwrap())
        .collect();
    assert!(rss.windows(2).all(|w| w[0] >= w[1]), "not sorted by -rss");
    let bad = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["ps", "-o", "pid,bogus"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bogus"));
    let gone = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["ps", "-p", "4194303"])
        .output()
        .unwrap();
    assert!(!gone.status.success());
    let js: serde_json::Value =
        serde_json::from_str(&psutil(&["ps", "--json", "-p", &me])).unwrap();
    assert_eq!(js[0]["pid"].to_string(), me);
    assert_eq!(js[0]["ppid"], std::os::unix::process::parent_id());
}

#[test]
fn pidof_matches_pidof() {
    // A program name nothing else on the machine runs: a copy of sleep.
    let dir = std::env::temp_dir().join(format!("psutil-pidof-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let prog = dir.join("zzpidoftest");
    common::copy_program("/bin/sleep", &prog);
    let mut kids: Vec<_> = (0..3)
        .map(|_| Command::new(&prog).arg("30").spawn().unwrap())
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let ours = psutil(&["pidof", "zzpidoftest"]);
    let theirs = tool("pidof", &["zzpidoftest"]);
    let one = psutil(&["pidof", "-s", "zzpidoftest"]);
    for k in &mut kids {
        k.kill().unwrap();
        k.wait().unwrap();
    }
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(ours, theirs);
    assert_eq!(ours.split_whitespace().count(), 3);
    assert_eq!(one.split_whitespace().count(), 1);
    let none = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["pidof", "no-such-program-xyz"])
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty() && none.stderr.is_empty());
}

fn spawn_sleep() -> std::process::Child {
    Command::new("sleep").arg("30").spawn().unwrap()
}

#[test]
fn renice_is_seen_by_ps() {
    let mut child = spawn_sleep();
    let pid = child.id().to_string();
    let out = psutil(&["renice", "-n", "7", "-p", &pid]);
    let ni = tool("ps", &["-o", "ni=", "-p", &pid]);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(ni.trim(), "7");
    assert_eq!(
        out,
        format!("{pid} (process ID) old priority 0, new priority 7\n")
    );
    let out = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["renice", "-n", "40", "-p", "1"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("40"));
}

#[test]
fn nice_runs_a_command_with_an_adjusted_value() {
    assert_eq!(psutil(&["nice"]), tool("nice", &[]));
    let ours = psutil(&["nice", "-n", "5", "sh", "-c", "ps -o ni= -p $$"]);
    let theirs = tool("nice", &["-n", "5", "sh", "-c", "ps -o ni= -p $$"]);
    assert_eq!(ours.trim(), theirs.trim());
    assert_eq!(ours.trim(), "5");
}

#[test]
fn tty_matches_tty() {
    // No terminal on stdin: both print "not a tty" and exit 1.
    let ours = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .arg("tty")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let theirs = Command::new("tty").stdin(Stdio::null()).output().unwrap();
    assert_eq!(ours.stdout, theirs.stdout);
    assert_eq!(ours.status.code(), theirs.status.code());
    // In a pseudo-terminal (script(1) allocates one) both print the same device.
    let cmd = format!("{} tty; tty", env!("CARGO_BIN_EXE_psutil"));
    let out = tool("script", &["-qc", &cmd, "/dev/null"]);
    let lines: Vec<&str> = out.lines().map(|l| l.trim_end_matches('\r')).collect();
    assert_eq!(lines.len(), 2, "{out:?}");
    assert_eq!(lines[0], lines[1]);
    assert!(lines[0].starts_with("/dev/pts/"));
}

#[test]
fn pstree_matches_ps_parentage() {
    let mut child = Command::new("sh")
        .args(["-c", "sleep 30 & wait"])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let tree: serde_json::Value = serde_json::from_str(&psutil(&["pstree", "--json"])).unwrap();
    let ps = tool("ps", &["-eo", "pid=,ppid="]);
    let sh = child.id();
    let kids = tree[sh.to_string()]
        .as_array()
        .expect("the shell has a child");
    let expected: Vec<u32> = ps
        .lines()
        .filter_map(|l| {
            let w: Vec<u32> = l.split_whitespace().map(|x| x.parse().unwrap()).collect();
            (w[1] == sh).then_some(w[0])
        })
        .collect();
    assert_eq!(
        kids.iter()
            .map(|v| v.as_u64().unwrap() as u32)
            .collect::<Vec<_>>(),
        expected
    );
    let text = psutil(&["pstree", &sh.to_string()]);
    for pid in &expected {
        let _ = Command::new("kill").arg(pid.to_string()).status();
    }
    assert!(text.starts_with(&format!("sh({sh})\n└─sleep(")), "{text}");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn info_matches_psutil_as_dict() {
    let mut child = Command::new("sleep")
        .arg("30")
        .env("PSUTIL_INFO_TEST", "1")
        .spawn()
        .unwrap();
    let pid = child.id().to_string();
    std::thread::sleep(std::time::Duration::from_millis(100));
    let ours: serde_json::Value = serde_json::from_str(&psutil(&["info", "--json", &pid])).unwrap();
    let script = format!(
        "import json, psutil; print(json.dumps(psutil.Process({pid}).as_dict(['name','exe','cmdline','ppid','status','username','uids','gids','create_time','cwd','terminal','nice','num_threads','num_fds','environ','memory_info','cpu_affinity','open_files','ionice'])))"
    );
    let theirs: serde_json::Value =
        serde_json::from_str(&tool("python3", &["-c", &script])).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    for k in [
        "name",
        "exe",
        "cmdline",
        "ppid",
        "status",
        "username",
        "cwd",
        "terminal",
        "nice",
        "num_threads",
        "num_fds",
        "environ",
        "create_time",
    ] {
        assert_eq!(ours[k], theirs[k], "{k}");
    }
    // psutil's uids/gids/memory_info are lists (namedtuples); ours are objects
    for k in ["uids", "gids"] {
        let o: Vec<_> = ours[k].as_object().unwrap().values().cloned().collect();
        assert_eq!(serde_json::Value::Array(o), theirs[k], "{k}");
    }
    assert_eq!(ours["cpu_affinity"], theirs["cpu_affinity"]);
    assert_eq!(
        ours["open_files"].as_array().unwrap().len(),
        theirs["open_files"].as_array().unwrap().len()
    );
    assert_eq!(ours["ionice"]["value"], theirs["ionice"][1]);
    let rss = ours["memory_info"]["rss"].as_u64().unwrap();
    assert!(rss.abs_diff(theirs["memory_info"][0].as_u64().unwrap()) < 1 << 20);
    let out = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["info", "4194303"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("4194303"));
}

#[test]
fn ionice_matches_util_linux() {
    let mut child = spawn_sleep();
    let pid = child.id().to_string();
    for (class, level, expect) in [
        ("2", "5", "best-effort: prio 5"),
        ("3", "0", "idle"),
        ("1", "2", "realtime: prio 2"),
    ] {
        psutil(&["ionice", "-c", class, "-n", level, "-p", &pid]);
        let theirs = tool("ionice", &["-p", &pid]);
        assert_eq!(theirs.trim(), expect);
        assert_eq!(psutil(&["ionice", "-p", &pid]), theirs);
    }
    // util-linux sets, we read back
    tool("ionice", &["-c", "2", "-n", "7", "-p", &pid]);
    assert_eq!(psutil(&["ionice", "-p", &pid]), "best-effort: prio 7\n");
    let bad = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["ionice", "-c", "2", "-n", "9", "-p", &pid])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains('9'));
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn taskset_matches_util_linux() {
    let mut child = spawn_sleep();
    let pid = child.id().to_string();
    assert_eq!(
        psutil(&["taskset", "-p", &pid]),
        tool("taskset", &["-p", &pid])
    );
    assert_eq!(
        psutil(&["taskset", "-pc", &pid]),
        tool("taskset", &["-pc", &pid])
    );
    let out = psutil(&["taskset", "-pc", "0", &pid]);
    assert!(
        out.ends_with(&format!("pid {pid}'s new affinity list: 0\n")),
        "{out}"
    );
    assert_eq!(
        tool("taskset", &["-pc", &pid]),
        format!("pid {pid}'s current affinity list: 0\n")
    );
    psutil(&["taskset", "-p", "3", &pid]);
    assert_eq!(
        psutil(&["taskset", "-p", &pid]),
        tool("taskset", &["-p", &pid])
    );
    let bad = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["taskset", "-pc", "5-2", &pid])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn pmap_matches_procps_pmap() {
    let mut child = spawn_sleep();
    let pid = child.id().to_string();
    std::thread::sleep(std::time::Duration::from_millis(100));
    // sleep's map holds still: the whole output must be identical.
    assert_eq!(psutil(&["pmap", "-x", &pid]), tool("pmap", &["-x", &pid]));
    assert_eq!(psutil(&["pmap", &pid]), tool("pmap", &[&pid]));
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn lsof_matches_lsof() {
    use std::io::Write;
    // A child holding known files: one read, one written, one read-write.
    let dir = std::env::temp_dir().join(format!("psutil-lsof-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("data");
    std::fs::File::create(&f).unwrap().write_all(b"x").unwrap();
    let script = format!("exec 3<{0} 4>>{0} 5<>{0}; sleep 30", f.display());
    let mut child = Command::new("sh").args(["-c", &script]).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let pid = child.id().to_string();
    let ours = psutil(&["lsof", "-p", &pid]);
    let theirs = tool("lsof", &["-p", &pid, "-a", "-d", "0-999"]);
    child.kill().unwrap();
    child.wait().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let reg = |text: &str,
               fd_col: usize,
               type_col: usize|
     -> std::collections::BTreeSet<(String, String)> {
        text.lines()
            .skip(1)
            .filter_map(|l| {
                let w: Vec<&str> = l.split_whitespace().collect();
                // descriptors only (lsof -d 0-999): not cwd/rtd/txt/mem
                (w.get(type_col) == Some(&"REG")
                    && w[fd_col].starts_with(|c: char| c.is_ascii_digit()))
                .then(|| (w[fd_col].to_string(), w[w.len() - 1].to_string()))
            })
            .collect()
    };
    let o = reg(&ours, 3, 4);
    assert_eq!(o, reg(&theirs, 3, 4));
    for fd in ["3r", "4w", "5u"] {
        assert!(
            o.contains(&(fd.to_string(), f.display().to_string())),
            "{fd} missing: {o:?}"
        );
    }
}

/// lsof rows as (FD, TYPE, NAME, DEVICE SIZE/OFF NODE), from the columns lsof and ours
/// share (COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME; for internet sockets
/// NODE is the protocol; a deleted mapped file, FD DEL, has no SIZE/OFF). Unix socket
/// names are cut after lsof's `type=` word (lsof adds the state), a_inode names are not
/// compared (lsof adds an eventfd's id).
fn lsof_rows(text: &str) -> std::collections::BTreeSet<(String, String, String, String)> {
    text.lines()
        .skip(1)
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            let ty = w[4].to_string();
            let name_at = if w[3] == "DEL" { 7 } else { 8 };
            let mut name = w[name_at..].join(" ");
            if ty == "unix" {
                if let Some(i) = name.find("type=") {
                    let end = name[i..].find(' ').map_or(name.len(), |e| i + e);
                    name.truncate(end);
                }
            }
            if ty == "a_inode" {
                name.clear();
            }
            (w[3].to_string(), ty, name, w[5..name_at].join(" "))
        })
        .collect()
}

/// Every row of `lsof -p PID` (cwd, rtd, txt, mem and each descriptor: FD with mode,
/// TYPE, DEVICE, SIZE/OFF, NODE, NAME) for a process holding a pipe, /dev/null, a file, a directory, unix
/// sockets (abstract and path), a TCP listener, a netlink socket, a mapped file, a
/// mapped file deleted since and a mapped memfd.
#[test]
fn lsof_lists_every_kind_of_file_like_lsof() {
    use std::io::BufRead;
    let dir = std::env::temp_dir().join(format!("psutil-lsof-all-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("file"), b"hello").unwrap();
    std::fs::write(dir.join("mapped"), vec![0u8; 16384]).unwrap();
    let code = r#"
import os, socket, mmap, sys, time
d = sys.argv[1]
r, w = os.pipe()
null = os.open("/dev/null", os.O_RDWR)
f = os.open(d + "/file", os.O_RDONLY)
a = os.open(d + "/file", os.O_WRONLY | os.O_APPEND)
dfd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
u = socket.socket(socket.AF_UNIX); u.bind("\0psutil-lsof-%d" % os.getpid())
l = socket.socket(socket.AF_UNIX); l.bind(d + "/sock"); l.listen()
t = socket.socket(); t.bind(("127.0.0.1", 0)); t.listen()
nl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
mf = open(d + "/mapped", "r+b"); m = mmap.mmap(mf.fileno(), 0); mf.close()
open(d + "/gone", "wb").write(b"z" * 8192)
gf = open(d + "/gone", "r+b"); gm = mmap.mmap(gf.fileno(), 0); gf.close(); os.unlink(d + "/gone")
mfd = os.memfd_create("psutil-lsof"); os.write(mfd, b"m" * 8192); mm = mmap.mmap(mfd, 0); os.close(mfd)
print("ready", flush=True)
time.sleep(30)
"#;
    let mut child = Command::new("python3")
        .args(["-c", code])
        .arg(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line, "ready\n");
    let pid = child.id().to_string();
    let theirs = tool("lsof", &["-n", "-P", "-p", &pid]);
    let ours = psutil(&["lsof", "-p", &pid]);
    let again = tool("lsof", &["-n", "-P", "-p", &pid]);
    child.kill().unwrap();
    child.wait().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let (o, t) = (lsof_rows(&ours), lsof_rows(&theirs));
    assert_eq!(t, lsof_rows(&again), "lsof changed between two reads");
    let only_ours: Vec<_> = o.difference(&t).collect();
    let only_theirs: Vec<_> = t.difference(&o).collect();
    assert!(
        only_ours.is_empty() && only_theirs.is_empty(),
        "only ours: {only_ours:#?}\nonly lsof: {only_theirs:#?}\n{ours}\n{theirs}"
    );
    let d = dir.display();
    for (fd, ty, name) in [
        ("cwd", "DIR", String::new()),
        ("rtd", "DIR", "/".into()),
        ("txt", "REG", String::new()),
        ("mem", "REG", format!("{d}/mapped")),
        ("DEL", "REG", format!("{d}/gone")),
        ("DEL", "REG", "/memfd:psutil-lsof".into()),
        ("w", "FIFO", "pipe".into()),
        ("r", "FIFO", "pipe".into()),
        ("u", "CHR", "/dev/null".into()),
        ("r", "REG", format!("{d}/file")),
        ("w", "REG", format!("{d}/file")),
        ("r", "DIR", d.to_string()),
        ("u", "unix", format!("{d}/sock type=STREAM")),
        ("u", "unix", "@psutil-lsof-".into()),
        ("u", "IPv4", "127.0.0.1:".into()),
        ("u", "sock", "protocol: NETLINK".into()),
    ] {
        // descriptors by their mode letter (the numbers depend on python's own fds)
        assert!(
            o.iter()
                .any(|r| r.0.ends_with(fd) && r.1 == ty && r.2.starts_with(&name)),
            "no {fd} {ty} {name} in {o:#?}"
        );
    }
}

#[test]
fn lsof_i_shows_our_sockets() {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let me = std::process::id().to_string();
    let line = |t: &str| {
        t.lines()
            .find(|l| l.contains(&format!("127.0.0.1:{port}")))
            .map(|l| {
                let w: Vec<&str> = l.split_whitespace().collect();
                (
                    w[3].to_string(),
                    w[w.len() - 2].to_string(),
                    w[w.len() - 1].to_string(),
                )
            })
    };
    // Other tests of this binary spawn children: between fork and exec a child holds
    // our descriptors too, and psutil gives a socket held by several processes to the
    // highest pid. Such a round is retried.
    let mut last = String::new();
    let same = eventually(|| {
        let ours = psutil(&["lsof", "-i", "-p", &me]);
        let theirs = tool("lsof", &["-i", "-n", "-P", "-a", "-p", &me]);
        last = format!("\n{ours}\n{theirs}");
        line(&ours).is_some() && line(&ours) == line(&theirs)
    });
    assert!(same, "{last}");
}

/// `--json` of every non-live subcommand parses and carries the library's values under
/// psutil's field names.
#[test]
fn json_outputs_match_the_library() {
    let js = |args: &[&str]| -> serde_json::Value {
        serde_json::from_str(&psutil(&[args, &["--json"]].concat()))
            .unwrap_or_else(|e| panic!("{args:?}: {e}"))
    };
    let up = js(&["uptime"]);
    assert_eq!(up["boot_time"], psutil_rs::boot_time().unwrap());
    assert_eq!(up["getloadavg"].as_array().unwrap().len(), 3);
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/linux/laptop-hwmon"
    );
    let sens = js(&["--root", root, "sensors"]);
    let lib = psutil_rs::Root::under(root).sensors_temperatures().unwrap();
    for (chip, temps) in lib {
        let keys: Vec<_> = sens["sensors_temperatures"][&chip][0]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, ["label", "current", "high", "critical"]);
        assert_eq!(
            sens["sensors_temperatures"][&chip]
                .as_array()
                .unwrap()
                .len(),
            temps.len()
        );
    }
    let ifc = js(&["ifconfig"]);
    for (nic, st) in psutil_rs::net_if_stats().unwrap() {
        assert_eq!(ifc[&nic]["net_if_stats"]["mtu"], st.mtu, "{nic}");
        let keys: Vec<_> = ifc[&nic]["net_if_stats"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, ["isup", "duplex", "speed", "mtu", "flags"]);
    }
    let io = js(&["iostat"]);
    for name in psutil_rs::disk_io_counters_perdisk().unwrap().keys() {
        assert!(io[name]["read_count"].is_u64(), "{name}");
    }
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let ns = js(&["netstat", "-t", "-l"]);
    let mine = ns
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["laddr"]["port"] == port)
        .expect("our listener");
    // The listener's owner is this process, or a child another test of this binary is
    // spawning: between its fork and its exec the child holds a copy of every fd (the
    // close-on-exec ones included), and the socket table names the first pid it finds.
    let owner = mine["pid"].as_u64().expect("a pid") as u32;
    if owner != std::process::id() {
        match psutil_rs::Process::new(owner).and_then(|p| p.ppid()) {
            Ok(ppid) => assert_eq!(ppid, std::process::id(), "listener owned by {owner}"),
            // The child has exec'd and exited since: it was ours.
            Err(psutil_rs::Error::NoSuchProcess { .. }) => {}
            Err(e) => panic!("listener owned by {owner}: {e}"),
        }
    }
    assert_eq!(mine["status"], "LISTEN");
    let keys: Vec<_> = mine.as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys,
        ["fd", "family", "type", "laddr", "raddr", "status", "pid"]
    );
    let mut child = spawn_sleep();
    let pid = child.id();
    let p = psutil_rs::Process::new(pid).unwrap();
    let tree = js(&["pstree"]);
    assert!(tree[std::process::id().to_string()]
        .as_array()
        .unwrap()
        .contains(&pid.into()));
    let ion = js(&["ionice", "-p", &pid.to_string()]);
    assert_eq!(ion[0]["value"], p.ionice().unwrap().value);
    let ts = js(&["taskset", "-p", &pid.to_string()]);
    assert_eq!(
        ts["cpu_affinity"],
        serde_json::json!(p.cpu_affinity().unwrap())
    );
    let pm = js(&["pmap", &pid.to_string()]);
    assert_eq!(
        pm[0]["memory_maps"].as_array().unwrap().len(),
        p.memory_maps_ungrouped().unwrap().len()
    );
    let rn = js(&["renice", "-n", "3", "-p", &pid.to_string()]);
    assert_eq!(rn[0]["new"], 3);
    assert_eq!(p.nice().unwrap(), 3);
    let pf = js(&["pidof", "sleep"]);
    assert!(pf.as_array().unwrap().contains(&pid.into()));
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn overview_of_an_arm_big_little_machine() {
    // The RK3399 tree (fixtures/linux/README.md): ARM's cpuinfo (no model name, no cpu
    // MHz), six CPUs in two clusters. The overview has a bar per CPU of /proc/stat and
    // the memory of its meminfo (MemTotal 3978820 kB, MemAvailable 3012345 kB).
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/linux/rk3399-aarch64"
    );
    let text = psutil(&["--root", root]);
    let cpus: Vec<&str> = text.lines().filter(|l| l.starts_with("cpu")).collect();
    assert_eq!(cpus.len(), 6, "{text}");
    assert!(cpus[5].starts_with("cpu5 "), "{text}");
    assert!(text.contains("2.9G available"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&psutil(&["--root", root, "--json"])).unwrap();
    assert_eq!(json["cpu_percent_percpu"].as_array().unwrap().len(), 6);
    assert_eq!(json["virtual_memory"]["total"], 3_978_820u64 * 1024);
    assert_eq!(json["virtual_memory"]["available"], 3_012_345u64 * 1024);
}
